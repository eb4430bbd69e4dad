//! Amap (高德) web-service place search replies (`/v3/place/text`,
//! `/v3/place/around`, ...): `status`, `info`, `pois[]` with `location`
//! `"lng,lat"` (GCJ-02), `typecode`, `type`, `name` and `id`.
//!
//! A reply becomes a GeoJSON FeatureCollection of points, one feature per
//! POI in order (feature `i` of the source is POI `i`), carrying `id`,
//! `name`, `type` and `typecode`; the classifier maps the typecode through
//! `mappings/amap.json`. Amap writes absent values as empty arrays (`[]`),
//! which are read as absent.

use serde::Deserialize;
use serde_json::{json, Value};

use super::poi::{parse_reply, point_feature, reply_to_geojson, text_of, ReplyStatus};
use crate::error::{Result, Warning};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Reply {
    status: Option<Value>,
    info: Option<Value>,
    pois: Option<Value>,
}

/// A place-search reply as GeoJSON text, with a warning for each POI
/// whose `location` is missing or malformed (source-local indices).
///
/// # Errors
/// `INVALID_JSON` for broken JSON; `API_ERROR_REPLY` for a reply with
/// `status` `"0"` (quoting its `info`); `NOT_FEATURE_COLLECTION` when
/// there is no `pois` array; `LIMIT_EXCEEDED` for more POIs than
/// `max_features`.
pub fn to_geojson(
    text: &str,
    source: Option<&str>,
    max_features: usize,
) -> Result<(String, Vec<Warning>)> {
    let reply: Reply = parse_reply(text)?;
    let status = ReplyStatus {
        service: "Amap",
        what: "an Amap place-search reply",
        ok_status: "1",
        status: reply.status.as_ref(),
        info: reply.info.as_ref(),
    };
    reply_to_geojson(
        status,
        reply.pois,
        "pois",
        source,
        max_features,
        &mut |i, poi, warnings| {
            let field = |k: &str| poi.get(k).and_then(text_of);
            let location = field("location");
            let point = location.as_deref().and_then(parse_location);
            if point.is_none() {
                warnings.push(Warning::feature(
                    "BAD_POI_LOCATION",
                    i,
                    format!(
                        "POI {i} has {}; skipped",
                        match &location {
                            Some(l) => format!("the location `{l}`, not \"lng,lat\""),
                            None => "no location".to_string(),
                        }
                    ),
                ));
            }
            let properties = json!({
                "name": field("name"),
                "type": field("type"),
                "typecode": field("typecode").unwrap_or_default(),
            });
            point_feature(field("id"), point, properties)
        },
    )
}

/// `"lng,lat"` as two finite numbers.
fn parse_location(s: &str) -> Option<(f64, f64)> {
    let (x, y) = s.split_once(',')?;
    let x: f64 = x.trim().parse().ok()?;
    let y: f64 = y.trim().parse().ok()?;
    (x.is_finite() && y.is_finite()).then_some((x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixtures::fixture;

    fn fixture_poi_id() -> Value {
        let reply: Value = serde_json::from_str(&fixture("amap_place_search.json")).expect("json");
        reply["pois"][0]["id"].clone()
    }

    #[test]
    fn a_reply_becomes_one_point_feature_per_poi_in_order() {
        let (text, warnings) =
            to_geojson(&fixture("amap_place_search.json"), None, usize::MAX).expect("ok");
        let fc: Value = serde_json::from_str(&text).expect("json");
        let f = fc["features"].as_array().expect("features");
        assert_eq!(f.len(), 6);
        assert_eq!(
            f[0]["geometry"]["coordinates"],
            json!([120.134521, 30.279634])
        );
        assert_eq!(f[0]["properties"]["typecode"], "141203");
        assert_eq!(f[1]["properties"]["typecode"], "141204|141205");
        assert_eq!(f[0]["id"], fixture_poi_id());
        // The last has `location: []` (Amap's empty value): no geometry, one warning.
        assert!(f[5]["geometry"].is_null());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "BAD_POI_LOCATION");
        assert_eq!(warnings[0].feature_index, Some(5));
    }

    #[test]
    fn an_error_reply_names_the_source_and_quotes_info() {
        let e = to_geojson(
            &fixture("amap_error_reply.json"),
            Some("pois.json"),
            usize::MAX,
        )
        .unwrap_err();
        assert_eq!(e.code(), "API_ERROR_REPLY");
        let m = e.to_string();
        assert!(
            m.to_lowercase().contains("invalid_user_key") && m.contains("pois.json"),
            "{m}"
        );
        let e = to_geojson(r#"{"status":"1","info":"OK"}"#, None, usize::MAX).unwrap_err();
        assert_eq!(e.code(), "NOT_FEATURE_COLLECTION");
        assert_eq!(
            to_geojson("{", None, usize::MAX).unwrap_err().code(),
            "INVALID_JSON"
        );
    }

    #[test]
    fn locations_must_be_two_finite_numbers() {
        assert_eq!(parse_location("120.1, 30.2"), Some((120.1, 30.2)));
        for bad in ["", "120.1", "a,b", "NaN,1", "1,2,3x"] {
            assert_eq!(parse_location(bad), None, "{bad}");
        }
    }
}
