//! Which property names the reader reads, and the one warning per source
//! that lists the names it carries and nothing reads (`FIELDS_NOT_USED`).
//!
//! The set is derived, not listed by hand per format: every tag key the
//! OSM mapping document names (its building, road, facility, green and
//! gate rules, `landuse`), the other (Chinese) names of `attributeNames`,
//! and the canonical keys of the normalized schema below, which are the
//! keys the classifier asks for by name. A test checks that every key
//! literal the classifier reads is in this set, so the two cannot drift
//! apart. A name counts as read when some feature kind reads it; the
//! warning is about names no rule of the reader knows at all.

use std::collections::{BTreeSet, HashSet};

use super::attributes::BUILDING_KEYS;
use super::geojson::Props;
use super::mapping::OsmMapping;
use crate::error::Warning;

/// The keys of the normalized schema (README "Normalized form") that the
/// classifier reads by name, for every feature kind, plus the POI keys
/// of Amap (`typecode`, `type`) and Baidu (`tag`) features; the building
/// attributes are [`BUILDING_KEYS`], added beside them.
pub const CANONICAL_KEYS: [&str; 19] = [
    "kind",
    "id",
    "name",
    "category",
    "capacity",
    "far_exempt_m2",
    "far_exempt_reason",
    "walkable",
    "green_type",
    "public",
    "area_m2",
    "soil_depth_m",
    "mode",
    "speed_kmh",
    "headway_min",
    "line",
    "typecode",
    "type",
    "tag",
];

/// OSM tag keys the road rules read beside the mapping's own keys (the
/// mapping holds their accepted values: `footAllow`, `accessDeny`, ...).
pub const ROAD_TAG_KEYS: [&str; 3] = ["foot", "access", "area"];

/// Names listed in one warning; the rest are counted.
const NAMES_SHOWN: usize = 20;

/// The property names a mapping document makes the reader read.
pub fn read_keys(mapping: &OsmMapping) -> HashSet<String> {
    let mut keys: HashSet<String> = mapping.keys().into_iter().collect();
    let b = &mapping.building;
    keys.insert(b.levels_key.clone());
    keys.extend(b.height_key.iter().cloned());
    let clauses = b
        .commercial_tags
        .iter()
        .chain(&b.commercial_tags_unless)
        .chain(&b.public_tags)
        .chain(&mapping.facility_unless)
        .chain(mapping.facilities.iter().flat_map(|r| r.unless.iter()));
    for c in clauses {
        keys.extend(c.keys().cloned());
    }
    for (canonical, names) in &mapping.attribute_names.keys {
        keys.insert(canonical.clone());
        keys.extend(names.names.iter().cloned());
    }
    keys.extend(CANONICAL_KEYS.iter().map(|k| k.to_string()));
    keys.extend(BUILDING_KEYS.iter().map(|k| k.to_string()));
    keys.extend(ROAD_TAG_KEYS.iter().map(|k| k.to_string()));
    keys
}

/// The distinct property names of one source, collected while its
/// features are read (one set lookup per property; a `String` only for
/// a name not seen before).
#[derive(Default)]
pub struct FieldNames {
    seen: HashSet<String>,
}

impl FieldNames {
    /// Notes the names of one feature's properties.
    pub fn note(&mut self, props: &Props<'_>) {
        for k in props.keys() {
            if !self.seen.contains(k) {
                self.seen.insert(k.to_string());
            }
        }
    }

    /// The `FIELDS_NOT_USED` warning for the names not in `read`, if any.
    pub fn unused_warning(&self, read: &HashSet<String>) -> Option<Warning> {
        let unused: BTreeSet<&str> = self
            .seen
            .iter()
            .map(|k| k.trim())
            .filter(|k| !k.is_empty() && !read.contains(*k))
            .collect();
        unused_fields_warning("fields", unused.into_iter())
    }
}

/// One `FIELDS_NOT_USED` warning naming `what` (`fields`, `columns`) not
/// used: the first few names, then how many more; `None` when there are
/// none.
pub fn unused_fields_warning<'a>(
    what: &str,
    names: impl Iterator<Item = &'a str>,
) -> Option<Warning> {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        return None;
    }
    let shown = names[..names.len().min(NAMES_SHOWN)].join(", ");
    let rest = names.len().saturating_sub(NAMES_SHOWN);
    let more = if rest > 0 {
        format!(" and {rest} more ({} in all)", names.len())
    } else {
        String::new()
    };
    Some(Warning::global(
        "FIELDS_NOT_USED",
        format!("{what} not used: {shown}{more}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(json: &str) -> Props<'_> {
        serde_json::from_str(json).expect("props")
    }

    #[test]
    fn names_nothing_reads_are_listed_once_in_order() {
        let read = read_keys(&OsmMapping::builtin().expect("mapping"));
        let mut f = FieldNames::default();
        f.note(&props(
            r#"{"kind":"building","层数":5,"zz_extra":1,"building:levels":2}"#,
        ));
        f.note(&props(r#"{"kind":"building","aa_extra":"x","zz_extra":2}"#));
        let w = f.unused_warning(&read).expect("warning");
        assert_eq!(w.code, "FIELDS_NOT_USED");
        assert_eq!(w.message, "fields not used: aa_extra, zz_extra");
        let mut f = FieldNames::default();
        f.note(&props(
            r#"{"kind":"road","walkable":true,"highway":"path","户数":1}"#,
        ));
        assert!(f.unused_warning(&read).is_none());
    }

    #[test]
    fn long_lists_are_capped_with_a_count() {
        let names: Vec<String> = (0..25).map(|i| format!("f{i:02}")).collect();
        let w = unused_fields_warning("fields", names.iter().map(String::as_str)).expect("w");
        assert!(
            w.message.starts_with("fields not used: f00, f01,"),
            "{}",
            w.message
        );
        assert!(
            w.message.ends_with("f19 and 5 more (25 in all)"),
            "{}",
            w.message
        );
        assert!(!w.message.contains("f20"));
    }

    #[test]
    fn every_key_the_classifier_reads_by_name_is_in_the_set() {
        let read = read_keys(&OsmMapping::builtin().expect("mapping"));
        let sources = [
            include_str!("classify.rs"),
            include_str!("values.rs"),
            include_str!("poi.rs"),
            include_str!("mapping.rs"),
        ];
        let mut found = 0;
        for src in sources {
            // Only the code, not its tests.
            let src = src.split("#[cfg(test)]").next().unwrap_or(src);
            for pattern in ["text(\"", "number(\"", "boolean(\"", "key(\"", "props, \""] {
                for (at, _) in src.match_indices(pattern) {
                    // `first_number("…")` and the like are not lookups.
                    if src[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &src[at + pattern.len()..];
                    let Some(end) = rest.find('"') else { continue };
                    let key = &rest[..end];
                    found += 1;
                    assert!(read.contains(key), "`{key}` is read but not in the set");
                }
            }
        }
        assert!(
            found > 20,
            "only {found} key literals found: the scan broke"
        );
    }
}
