//! The OpenStreetMap tag mapping: data that says how raw OSM features become
//! buildings, facilities, roads, green areas and gates.
//!
//! The built-in mapping is `mappings/osm.json` (embedded at build time); a
//! caller can pass a complete replacement document of the same shape.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::geojson::Props;
use crate::error::{Error, Result};

/// The built-in mapping document, as shipped.
pub const DEFAULT_MAPPING_JSON: &str = include_str!("../../mappings/osm.json");

/// Tag key → accepted values (`"*"` accepts any value). All keys must match.
pub type Clause = BTreeMap<String, Vec<String>>;

/// A number with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sourced {
    /// The value.
    pub value: f64,
    /// Where it comes from.
    pub source: String,
    /// Whether it was checked against a primary source.
    pub verified: bool,
}

/// Estimation assumptions used when the input lacks a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assumptions {
    /// Floors of a building without levels or height.
    pub default_floors: Sourced,
    /// Storey height used to turn `height_m` into floors (m).
    pub storey_height_m: Sourced,
    /// Residential floor area per household (m²) for estimating households.
    pub household_floor_area_m2: Sourced,
    /// Share of a mixed-use building's floor area that is residential.
    pub mixed_residential_share: Sourced,
    /// Residents per household for estimating population.
    pub persons_per_household: Sourced,
}

impl Assumptions {
    /// Checks every assumption against a plausible range, so that a mapping
    /// can never produce negative or infinite floors, areas or residents:
    /// `defaultFloors` 1..=200, `storeyHeightM` 1..=20 m,
    /// `householdFloorAreaM2` 10..=2000 m², `mixedResidentialShare` 0..=1,
    /// `personsPerHousehold` 0.5..=20.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming the assumption and its range.
    pub fn check(&self) -> Result<()> {
        let ranges = [
            ("defaultFloors", &self.default_floors, 1.0, 200.0),
            ("storeyHeightM", &self.storey_height_m, 1.0, 20.0),
            (
                "householdFloorAreaM2",
                &self.household_floor_area_m2,
                10.0,
                2000.0,
            ),
            (
                "mixedResidentialShare",
                &self.mixed_residential_share,
                0.0,
                1.0,
            ),
            (
                "personsPerHousehold",
                &self.persons_per_household,
                0.5,
                20.0,
            ),
        ];
        for (name, s, lo, hi) in ranges {
            if !(s.value >= lo && s.value <= hi) {
                return Err(Error::option(
                    &format!("osmMapping.assumptions.{name}.value"),
                    format!("must be within {lo}..={hi}, got {}", s.value),
                ));
            }
        }
        Ok(())
    }
}

/// Building rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BuildingRules {
    /// Tag key that marks a building (`building`).
    pub key: String,
    /// Tag key holding the number of levels.
    pub levels_key: String,
    /// Tag key holding the height in metres (floors = height / storey
    /// height when levels are missing); `null` to ignore heights.
    #[serde(default)]
    pub height_key: Option<String>,
    /// Values of `key` that are not buildings.
    pub exclude: Vec<String>,
    /// Use class by value of `key`.
    pub by_value: BTreeMap<String, Vec<String>>,
    /// Tags that make a building commercial (or a residential one mixed).
    pub commercial_tags: Vec<Clause>,
    /// Exceptions to `commercial_tags`.
    #[serde(default)]
    pub commercial_tags_unless: Vec<Clause>,
    /// Tags that make an unspecific building public.
    pub public_tags: Vec<Clause>,
    /// `landuse` values whose areas decide the use of unspecific buildings.
    pub landuse: BTreeMap<String, Vec<String>>,
}

/// One facility category rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CategoryRule {
    /// Category assigned when the rule fires.
    pub category: String,
    /// The rule fires when any clause matches ...
    pub any: Vec<Clause>,
    /// ... and none of these does.
    #[serde(default)]
    pub unless: Vec<Clause>,
    /// When non-empty, the `name` tag must contain one of these
    /// (case-insensitive substring).
    #[serde(default)]
    pub names: Vec<String>,
    /// The `name` tag must contain none of these (case-insensitive).
    #[serde(default)]
    pub names_not: Vec<String>,
    /// Why these tags mean this category, and the source (documentation only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CategoryRule {
    /// Whether the rule fires for these properties.
    pub fn matches(&self, props: &Props<'_>) -> bool {
        if !any_matches(&self.any, props) || any_matches(&self.unless, props) {
            return false;
        }
        let name = props
            .text("name")
            .map(|n| n.to_lowercase())
            .unwrap_or_default();
        let has = |list: &[String]| list.iter().any(|w| name.contains(&w.to_lowercase()));
        (self.names.is_empty() || has(&self.names)) && !has(&self.names_not)
    }
}

/// Road rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoadRules {
    /// Tag key that marks a road (`highway`).
    pub key: String,
    /// Values of `key` that are walkable.
    pub walkable: Vec<String>,
    /// `foot` values that make any road walkable.
    pub foot_allow: Vec<String>,
    /// `foot` values that make a road not walkable.
    pub foot_deny: Vec<String>,
    /// `access` values that make a road not walkable unless `foot` allows it.
    pub access_deny: Vec<String>,
    /// `area` values that exclude a way (pedestrian areas are not lines).
    pub area_exclude: Vec<String>,
}

/// The whole mapping document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OsmMapping {
    /// Identifier of this mapping.
    pub id: String,
    /// Version number.
    pub version: u32,
    /// What the mapping does.
    #[serde(default)]
    pub description: String,
    /// Estimation assumptions.
    pub assumptions: Assumptions,
    /// Building rules.
    pub building: BuildingRules,
    /// Facility rules, each may fire independently.
    pub facilities: Vec<CategoryRule>,
    /// Tags that suppress every facility rule (private access).
    #[serde(default)]
    pub facility_unless: Vec<Clause>,
    /// Road rules.
    pub roads: RoadRules,
    /// Clauses that make an area green.
    pub green: Vec<Clause>,
    /// Clauses that make a point a compound gate.
    #[serde(default)]
    pub gate: Vec<Clause>,
    /// Other (Chinese) names of the properties of features with `kind`,
    /// and Chinese building-use values; absent in a replacement document
    /// = none.
    #[serde(default)]
    pub attribute_names: super::attributes::AttributeNames,
}

impl OsmMapping {
    /// The built-in mapping.
    pub fn builtin() -> Result<Self> {
        Self::from_json(DEFAULT_MAPPING_JSON)
    }

    /// Parses a mapping document.
    pub fn from_json(text: &str) -> Result<Self> {
        // Through the one option decoder (as a mapping given as an object
        // is): one deserialiser instantiated for the mapping types, not two.
        let m: Self = crate::decode::from_str(text).map_err(|e| {
            let path = e.path();
            let at = if path.is_empty() {
                "osmMapping".to_string()
            } else {
                format!("osmMapping.{path}")
            };
            Error::option(&at, e.message())
        })?;
        m.assumptions.check()?;
        Ok(m)
    }

    /// Every tag key the mapping looks at (to detect OSM-tagged features).
    pub fn keys(&self) -> Vec<String> {
        let mut keys = vec![
            self.building.key.clone(),
            self.roads.key.clone(),
            "landuse".to_string(),
        ];
        let clauses = self
            .facilities
            .iter()
            .flat_map(|r| r.any.iter())
            .chain(self.green.iter())
            .chain(self.gate.iter());
        for c in clauses {
            keys.extend(c.keys().cloned());
        }
        keys.sort();
        keys.dedup();
        keys
    }
}

/// Whether a tag value (possibly `a;b` separated) is among `accepted`.
pub fn value_matches(value: &str, accepted: &[String]) -> bool {
    value
        .split(';')
        .map(str::trim)
        .any(|v| accepted.iter().any(|a| a == "*" || a == v))
}

/// Whether all keys of the clause match the properties.
pub fn clause_matches(clause: &Clause, props: &Props<'_>) -> bool {
    !clause.is_empty()
        && clause
            .iter()
            .all(|(k, accepted)| props.text(k).is_some_and(|v| value_matches(&v, accepted)))
}

/// Whether any clause matches.
pub fn any_matches(clauses: &[Clause], props: &Props<'_>) -> bool {
    clauses.iter().any(|c| clause_matches(c, props))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(json: &str) -> Props<'_> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn builtin_mapping_parses_and_lists_keys() {
        let m = OsmMapping::builtin().unwrap();
        assert_eq!(m.id, "osm-default");
        let keys = m.keys();
        for k in [
            "amenity",
            "shop",
            "healthcare",
            "highway",
            "leisure",
            "railway",
            "building",
        ] {
            assert!(keys.iter().any(|x| x == k), "{k}");
        }
        assert!(m.assumptions.household_floor_area_m2.value > 0.0);
    }

    #[test]
    fn clauses_split_values_and_need_all_keys() {
        let p = props(r#"{"amenity":"cafe;pharmacy","railway":"station","station":"subway"}"#);
        let mut c = Clause::new();
        c.insert("amenity".into(), vec!["pharmacy".into()]);
        assert!(clause_matches(&c, &p));
        c.insert("shop".into(), vec!["*".into()]);
        assert!(!clause_matches(&c, &p));
        assert!(!clause_matches(&Clause::new(), &p));
    }

    #[test]
    fn bad_mapping_is_an_option_error() {
        assert_eq!(
            OsmMapping::from_json("{}").unwrap_err().code(),
            "INVALID_OPTION"
        );
    }
}
