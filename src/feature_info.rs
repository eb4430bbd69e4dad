//! One input feature as it was written, for an info panel: its own id,
//! geometry type and properties, kept by the reader when asked
//! (`keepProperties`), so a front end does not parse the input again.

use serde::Serialize;

use crate::community::Community;

/// A feature of the input as written.
/// Serialise it with serde_json (the bindings' `to_js` does): the
/// properties are raw JSON text.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct FeatureRecord {
    /// The feature's index in the input (across sources).
    pub feature_index: usize,
    /// The feature id (the `id` member, else `properties.id`), as text.
    pub id: Option<String>,
    /// The GeoJSON geometry type (`Polygon`, `Point`, ...), if it has one.
    pub geometry_type: Option<String>,
    /// The properties object as written (its JSON text, passed through).
    #[cfg_attr(
        test,
        schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")
    )]
    pub properties: Option<Box<serde_json::value::RawValue>>,
}

impl Community {
    /// Feature `index` as written in the input. `None` when the dataset
    /// was read without `keep_properties`, for an index past the input
    /// (facilities added by what-if edits included), or for a member of
    /// `features` that was not a Feature object.
    pub fn feature_record(&self, index: usize) -> Option<FeatureRecord> {
        let kept = self.dataset().source_features.get(index)?.as_ref()?;
        Some(FeatureRecord {
            feature_index: index,
            id: kept.id.clone(),
            geometry_type: kept.geometry_type.clone(),
            properties: kept.properties.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::community::Community;
    use crate::input::ReadOptions;

    const DOC: &str = r#"{"type":"FeatureCollection","name":"  拱宸桥\n\t 社区 ","attribution":["© 测绘院", " ", "OSM"],"features":[
        {"type":"Feature","id":7,"properties":{"kind":"facility","category":"clinic","名称":"卫生站","z":1,"a":[1,2]},
         "geometry":{"type":"Point","coordinates":[120.1,30.3]}},
        {"type":"Feature","properties":null,"geometry":null},
        [1,2],
        {"type":"Feature","properties":{"building":"yes","building:levels":"6"},
         "geometry":{"type":"Polygon","coordinates":[[[120.1,30.3],[120.1001,30.3],[120.1001,30.3001],[120.1,30.3]]]}}
    ]}"#;

    fn read(keep: bool) -> Community {
        let opts = ReadOptions {
            keep_properties: keep,
            ..ReadOptions::default()
        };
        Community::from_geojson(DOC, &opts).expect("reads")
    }

    #[test]
    fn kept_features_are_as_written() {
        let c = read(true);
        let f = c.feature_record(0).expect("kept");
        assert_eq!(f.id.as_deref(), Some("7"));
        assert_eq!(f.geometry_type.as_deref(), Some("Point"));
        let p: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(f.properties.expect("properties").get()).expect("an object");
        assert_eq!(p.get("名称").and_then(|v| v.as_str()), Some("卫生站"));
        assert_eq!(p.get("a"), Some(&serde_json::json!([1, 2])));
        assert_eq!(p.len(), 5);
        // As JSON: the properties are passed through as an object.
        let json = serde_json::to_string(&c.feature_record(0)).expect("json");
        assert!(
            json.contains(r#""properties":{"kind":"facility""#),
            "{json}"
        );
        // No geometry and null properties: kept, both absent.
        let empty = c.feature_record(1).expect("kept");
        assert!(empty.geometry_type.is_none() && empty.properties.is_none());
        // Not a Feature object: nothing kept.
        assert!(c.feature_record(2).is_none());
        let b = c.feature_record(3).expect("kept");
        assert_eq!(b.geometry_type.as_deref(), Some("Polygon"));
        assert!(c.feature_record(4).is_none());
    }

    #[test]
    fn nothing_is_kept_by_default() {
        let c = read(false);
        assert!(c.feature_record(0).is_none());
        assert!(c.dataset().source_features.is_empty());
    }

    #[test]
    fn title_and_credit_are_tidied() {
        let s = read(false).summary();
        let src = &s.sources[0].declared;
        assert_eq!(src.title.as_deref(), Some("拱宸桥 社区"));
        assert_eq!(src.attribution.as_deref(), Some("© 测绘院; OSM"));
        let json = serde_json::to_string(&s.sources[0]).expect("json");
        assert!(
            json.contains(r#""title":"拱宸桥 社区","attribution":"© 测绘院; OSM""#),
            "{json}"
        );
    }

    #[test]
    fn long_credits_are_cut_and_other_types_ignored() {
        let long = "数".repeat(400);
        let doc = format!(
            r#"{{"type":"FeatureCollection","name":5,"attribution":"{long}","features":[]}}"#
        );
        let c = Community::from_geojson(&doc, &ReadOptions::default()).expect("reads");
        let src = &c.summary().sources[0].declared;
        assert_eq!(src.title, None);
        let credit = src.attribution.as_deref().expect("credit");
        assert_eq!(
            credit.chars().count(),
            crate::input::geojson::MAX_CREDIT_CHARS + 1
        );
        assert!(credit.ends_with('…'));
    }
}
