//! POIs of the Chinese map services: the built-in Amap (`mappings/amap.json`,
//! by `typecode`) and Baidu (`mappings/baidu.json`, by `tag`) mappings to
//! our facility categories, and the classification of a feature carrying
//! such properties (whether it came from a place-search reply or from a
//! GeoJSON file).

use serde::Deserialize;

use super::classify::Classifier;
use super::geojson::Props;
use super::geometry::Geom;
use crate::error::{Error, Result, Warning};

/// The built-in Amap mapping document.
pub const AMAP_MAPPING_JSON: &str = include_str!("../../mappings/amap.json");
/// The built-in Baidu mapping document.
pub const BAIDU_MAPPING_JSON: &str = include_str!("../../mappings/baidu.json");

/// One Amap rule: a typecode prefix and the category it gives.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmapRule {
    /// 2, 4 or 6 leading digits of the typecode.
    pub prefix: String,
    /// Our category id.
    pub category: String,
    /// Where the code's meaning comes from.
    pub source: String,
    /// Whether it was checked against the primary source.
    pub verified: bool,
}

/// One Baidu rule: a tag (one or two levels) and the category it gives.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaiduRule {
    /// `first` or `first;second` level of Baidu's classification.
    pub tag: String,
    /// Our category id.
    pub category: String,
    /// Where the tag's meaning comes from.
    pub source: String,
    /// Whether it was checked against the primary source.
    pub verified: bool,
}

/// A mapping document: identification and its rules.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoiDocument<R> {
    /// Document id.
    pub id: String,
    /// Document version.
    pub version: u32,
    /// What the document does.
    pub description: String,
    /// The rules.
    pub rules: Vec<R>,
    /// Remarks (what is deliberately not mapped).
    #[serde(default)]
    pub notes: Option<String>,
}

/// The POI mappings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct PoiMappings {
    /// Amap typecode rules.
    pub amap: PoiDocument<AmapRule>,
    /// Baidu tag rules.
    pub baidu: PoiDocument<BaiduRule>,
}

impl PoiMappings {
    /// The built-in documents.
    ///
    /// # Errors
    /// `INTERNAL` if a shipped document does not parse (a packaging fault).
    pub fn builtin() -> Result<Self> {
        let parse = |what: &str, e: serde_json::Error| Error::Internal {
            reason: format!("built-in {what} mapping: {e}"),
        };
        Ok(PoiMappings {
            amap: serde_json::from_str(AMAP_MAPPING_JSON).map_err(|e| parse("amap", e))?,
            baidu: serde_json::from_str(BAIDU_MAPPING_JSON).map_err(|e| parse("baidu", e))?,
        })
    }

    /// The category of an Amap `typecode` (several codes may be joined by
    /// `|`: the first that matches a rule decides; the longest prefix wins).
    pub fn amap_category(&self, typecode: &str) -> Option<&str> {
        typecode.split('|').map(str::trim).find_map(|code| {
            self.amap
                .rules
                .iter()
                .filter(|r| !r.prefix.is_empty() && code.starts_with(r.prefix.as_str()))
                .max_by_key(|r| r.prefix.len())
                .map(|r| r.category.as_str())
        })
    }

    /// The category of a Baidu tag such as `教育培训;幼儿园`: a rule matches
    /// the tag itself or its leading levels; the longest rule wins.
    pub fn baidu_category(&self, tag: &str) -> Option<&str> {
        let tag = tag.trim();
        self.baidu
            .rules
            .iter()
            .filter(|r| {
                tag == r.tag
                    || tag
                        .strip_prefix(r.tag.as_str())
                        .is_some_and(|rest| rest.starts_with(';'))
            })
            .max_by_key(|r| r.tag.len())
            .map(|r| r.category.as_str())
    }
}

/// A JSON value as text, the way the map services write values: strings
/// trimmed, numbers as their text; empty strings and Amap's empty arrays
/// (`[]`) for absent values count as absent.
pub fn text_of(v: &serde_json::Value) -> Option<String> {
    let s = match v {
        serde_json::Value::String(s) => s.trim().to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// The members of a place-search reply that say whether it carries data.
pub struct ReplyStatus<'a> {
    /// The service, for the error (`"Amap"`, `"Baidu"`).
    pub service: &'static str,
    /// The reply in a sentence (`"an Amap place-search reply"`).
    pub what: &'static str,
    /// The `status` text of a successful reply (`"1"` Amap, `"0"` Baidu).
    pub ok_status: &'static str,
    /// The reply's `status`.
    pub status: Option<&'a serde_json::Value>,
    /// Its explanation (`info` Amap, `message` Baidu), quoted in the error.
    pub info: Option<&'a serde_json::Value>,
}

/// A place-search reply decoded into `T`; any failure is `INVALID_JSON`.
pub fn parse_reply<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::InvalidJson {
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
    })
}

/// A place-search reply's items as GeoJSON text, once its status and
/// size are checked: a FeatureCollection with the feature `feature` makes
/// of each item, in order (feature `i` of the source is item `i`), and the
/// warnings it adds.
///
/// # Errors
/// `API_ERROR_REPLY` for a status other than `ok_status`;
/// `NOT_FEATURE_COLLECTION` when `items` is not an array (`member` names
/// it); `LIMIT_EXCEEDED` for more items than `max_features`.
pub fn reply_to_geojson(
    reply: ReplyStatus<'_>,
    items: Option<serde_json::Value>,
    member: &str,
    source: Option<&str>,
    max_features: usize,
    feature: &mut dyn FnMut(usize, &serde_json::Value, &mut Vec<Warning>) -> serde_json::Value,
) -> Result<(String, Vec<Warning>)> {
    let status = reply.status.and_then(text_of);
    if status.as_deref().is_some_and(|s| s != reply.ok_status) {
        return Err(Error::ApiErrorReply {
            service: reply.service,
            source_name: source.map(str::to_string),
            status: status.unwrap_or_default(),
            info: reply.info.and_then(text_of).unwrap_or_default(),
        });
    }
    let Some(serde_json::Value::Array(items)) = items else {
        return Err(Error::NotFeatureCollection {
            reason: format!("{} needs a `{member}` array", reply.what),
        });
    };
    if items.len() > max_features {
        return Err(too_many(items.len(), max_features));
    }
    let mut warnings = Vec::new();
    let features: Vec<serde_json::Value> = items
        .iter()
        .enumerate()
        .map(|(i, item)| feature(i, item, &mut warnings))
        .collect();
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    Ok((fc.to_string(), warnings))
}

/// A POI feature: `id`, a point geometry (`null` without one) and
/// `properties`.
pub fn point_feature(
    id: Option<String>,
    point: Option<(f64, f64)>,
    properties: serde_json::Value,
) -> serde_json::Value {
    serde_json::json!({
        "type": "Feature",
        "id": id,
        "geometry": point.map(|(x, y)| serde_json::json!({"type": "Point", "coordinates": [x, y]})),
        "properties": properties,
    })
}

/// The error for more POIs or rows than `max_features`.
pub fn too_many(actual: usize, limit: usize) -> Error {
    Error::LimitExceeded {
        what: "features",
        actual,
        limit,
    }
}

/// Which service's properties a POI feature carries.
pub enum PoiKey {
    /// Amap `typecode`.
    Amap(String),
    /// Baidu `tag`.
    Baidu(String),
}

impl Classifier<'_> {
    /// Classifies a POI feature by its Amap typecode or Baidu tag; one
    /// whose code matches no rule is reported and skipped.
    pub fn add_poi(
        &mut self,
        index: usize,
        id: Option<String>,
        props: &Props<'_>,
        geom: Geom,
        key: PoiKey,
    ) {
        let (service, code, category) = match (&key, self.pois) {
            (PoiKey::Amap(code), Some(m)) => ("Amap typecode", code, m.amap_category(code)),
            (PoiKey::Baidu(tag), Some(m)) => ("Baidu tag", tag, m.baidu_category(tag)),
            (PoiKey::Amap(code), None) => ("Amap typecode", code, None),
            (PoiKey::Baidu(tag), None) => ("Baidu tag", tag, None),
        };
        let Some(category) = category.map(str::to_string) else {
            let what = props
                .text("type")
                .map(|t| format!(" ({t})"))
                .unwrap_or_default();
            self.ds.warnings.push(Warning::feature(
                "UNMAPPED_POI_TYPE",
                index,
                format!("{service} `{code}`{what} matches no rule of the mapping; POI skipped"),
            ));
            return;
        };
        let name = props.text("name").map(|c| c.into_owned());
        self.push_facility(index, id, category, name, &geom, None, 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amap_codes_take_the_longest_prefix_and_the_first_matching_alternative() {
        let m = PoiMappings::builtin().expect("built-in");
        for (typecode, want) in [
            ("141201", None),
            ("", None),
            ("141203", Some("primary_school")),
            ("141204|141205", Some("kindergarten")),
            ("141299|150702", Some("bus_stop")),
            ("050100", Some("restaurant")),
        ] {
            assert_eq!(m.amap_category(typecode), want, "{typecode}");
        }
    }

    #[test]
    fn baidu_tags_match_whole_levels_only() {
        let m = PoiMappings::builtin().expect("built-in");
        for (tag, want) in [
            ("教育培训;幼儿园", Some("kindergarten")),
            ("美食;中餐厅", Some("restaurant")),
            ("美食", Some("restaurant")),
            // `美食x` is not the level `美食`.
            ("美食x;中餐厅", None),
            ("房地产;写字楼", None),
        ] {
            assert_eq!(m.baidu_category(tag), want, "{tag}");
        }
    }

    #[test]
    fn every_rule_names_a_known_category_and_a_source() {
        let m = PoiMappings::builtin().expect("built-in");
        let known = crate::categories::builtin().expect("categories");
        let rules = m
            .amap
            .rules
            .iter()
            .map(|r| (&r.category, &r.source))
            .chain(m.baidu.rules.iter().map(|r| (&r.category, &r.source)));
        for (category, source) in rules {
            assert!(known.get(category).is_some(), "unknown category {category}");
            assert!(!source.trim().is_empty());
        }
        assert!(m
            .amap
            .rules
            .iter()
            .all(|r| [2, 4, 6].contains(&r.prefix.len())
                && r.prefix.chars().all(|c| c.is_ascii_digit())));
    }
}
