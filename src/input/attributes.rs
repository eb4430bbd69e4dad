//! Other names of the properties a feature with `kind` carries (`floors`,
//! `height_m`, `households`, `population`, `use`, `floor_area_m2`,
//! `name`): the Chinese field names of planning and survey data (层数,
//! 户数, 建筑性质, ...) and the Chinese values of the building use (住宅,
//! 商业, ...). Data, in the `attributeNames` member of the OSM mapping
//! document (`mappings/osm.json`), so a replacement mapping can change it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::geojson::Props;
use crate::model::BuildingUse;

/// Other names of one canonical property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyNames {
    /// Names read when the canonical key is absent, in order.
    pub names: Vec<String>,
    /// Where the names come from.
    pub source: String,
    /// Whether they were checked against a primary source.
    pub verified: bool,
}

/// Values that mean one building use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UseValues {
    /// The values (exact match after trimming).
    pub values: Vec<String>,
    /// Where they come from.
    pub source: String,
    /// Whether they were checked against a primary source.
    pub verified: bool,
}

/// The `attributeNames` member of the mapping document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttributeNames {
    /// What the member means.
    #[serde(default)]
    pub description: String,
    /// Canonical key (`floors`, `height_m`, ...) → its other names.
    #[serde(default)]
    pub keys: BTreeMap<String, KeyNames>,
    /// Building use (`residential`, ...) → values that mean it.
    #[serde(default)]
    pub use_values: BTreeMap<String, UseValues>,
}

/// The canonical keys that describe a building (a Shapefile polygon
/// carrying one of them, or one of its other names, is a building).
pub const BUILDING_KEYS: [&str; 6] = [
    "floors",
    "height_m",
    "households",
    "population",
    "use",
    "floor_area_m2",
];

impl AttributeNames {
    /// The key under which `props` holds the canonical property `key`:
    /// `key` itself when present, else the first of its other names that
    /// is present, else `key` (so that a lookup simply finds nothing).
    pub fn key<'s>(&'s self, props: &Props<'_>, key: &'s str) -> &'s str {
        if props.has_any(&[key]) {
            return key;
        }
        self.keys
            .get(key)
            .and_then(|k| k.names.iter().find(|n| props.has_any(&[n.as_str()])))
            .map_or(key, String::as_str)
    }

    /// The canonical key a field name stands for, if any (the canonical
    /// keys themselves included).
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let name = name.trim();
        self.keys
            .iter()
            .find(|(k, v)| k.as_str() == name || v.names.iter().any(|n| n == name))
            .map(|(k, _)| k.as_str())
    }

    /// A building use from a `use` value: the canonical names
    /// (`residential`, ...) or one of the listed values.
    pub fn building_use(&self, value: &str) -> Option<BuildingUse> {
        BuildingUse::parse(value).or_else(|| {
            let v = value.trim();
            self.use_values
                .iter()
                .find(|(_, u)| u.values.iter().any(|x| x == v))
                .and_then(|(u, _)| BuildingUse::parse(u))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::mapping::OsmMapping;

    #[test]
    fn builtin_names_cover_the_chinese_fields_and_uses() {
        let a = OsmMapping::builtin().expect("builtin").attribute_names;
        for (name, key) in [
            ("层数", "floors"),
            ("楼层", "floors"),
            ("地上层数", "floors"),
            ("高度", "height_m"),
            ("建筑高度", "height_m"),
            ("户数", "households"),
            ("人口", "population"),
            ("人数", "population"),
            ("用途", "use"),
            ("性质", "use"),
            ("建筑性质", "use"),
            ("建筑面积", "floor_area_m2"),
            ("名称", "name"),
            ("floors", "floors"),
        ] {
            assert_eq!(a.canonical(name), Some(key), "{name}");
        }
        assert_eq!(a.canonical("地址"), None);
        assert_eq!(a.building_use("住宅"), Some(BuildingUse::Residential));
        assert_eq!(a.building_use("商业"), Some(BuildingUse::Commercial));
        assert_eq!(a.building_use("办公"), Some(BuildingUse::Commercial));
        assert_eq!(a.building_use("公共"), Some(BuildingUse::Public));
        assert_eq!(a.building_use("混合"), Some(BuildingUse::Mixed));
        assert_eq!(a.building_use("mixed"), Some(BuildingUse::Mixed));
        assert_eq!(a.building_use("宫殿"), None);
        for v in a.keys.values() {
            assert!(!v.source.is_empty() && !v.names.is_empty());
        }
    }

    #[test]
    fn the_canonical_key_wins_over_its_other_names() {
        let a = OsmMapping::builtin().expect("builtin").attribute_names;
        let raw = r#"{"层数": 6, "楼层": 9}"#;
        let props = serde_json::from_str::<Props<'_>>(raw).expect("props");
        assert_eq!(a.key(&props, "floors"), "层数");
        let raw = r#"{"floors": 2, "层数": 6}"#;
        let props = serde_json::from_str::<Props<'_>>(raw).expect("props");
        assert_eq!(a.key(&props, "floors"), "floors");
        let props = serde_json::from_str::<Props<'_>>("{}").expect("props");
        assert_eq!(a.key(&props, "floors"), "floors");
    }
}
