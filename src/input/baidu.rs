//! Baidu (百度) place search replies (`/place/v2/search`): `status` (0 =
//! ok), `message`, `results[]` with `location.lat/lng` (BD-09), `name`,
//! `uid` and the classification tag in `detail_info.tag` (with
//! `scope=2`) or `tag`.
//!
//! A reply becomes a GeoJSON FeatureCollection of points, one feature per
//! result in order, carrying `id` (the uid), `name` and `tag`; the
//! classifier maps the tag through `mappings/baidu.json`.

use serde::Deserialize;
use serde_json::{json, Value};

use super::poi::{parse_reply, point_feature, reply_to_geojson, text_of, ReplyStatus};
use crate::error::{Result, Warning};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Reply {
    status: Option<Value>,
    message: Option<Value>,
    results: Option<Value>,
}

/// A place-search reply as GeoJSON text, with a warning for each result
/// without a usable `location` (source-local indices).
///
/// # Errors
/// `INVALID_JSON` for broken JSON; `API_ERROR_REPLY` for a `status` other
/// than 0 (quoting its `message`); `NOT_FEATURE_COLLECTION` when there is
/// no `results` array; `LIMIT_EXCEEDED` for more results than
/// `max_features`.
pub fn to_geojson(
    text: &str,
    source: Option<&str>,
    max_features: usize,
) -> Result<(String, Vec<Warning>)> {
    let reply: Reply = parse_reply(text)?;
    let status = ReplyStatus {
        service: "Baidu",
        what: "a Baidu place-search reply",
        ok_status: "0",
        status: reply.status.as_ref(),
        info: reply.message.as_ref(),
    };
    let results = reply.results;
    reply_to_geojson(
        status,
        results,
        "results",
        source,
        max_features,
        &mut |i, r, warnings| {
            let field = |k: &str| r.get(k).and_then(text_of);
            let coordinate = |k: &str| {
                r.get("location")
                    .and_then(|l| l.get(k))
                    .and_then(text_of)
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .filter(|v| v.is_finite())
            };
            let point = coordinate("lng").zip(coordinate("lat"));
            if point.is_none() {
                warnings.push(Warning::feature(
                    "BAD_POI_LOCATION",
                    i,
                    format!("result {i} has no numeric `location.lng` / `location.lat`; skipped"),
                ));
            }
            let tag = r
                .get("detail_info")
                .and_then(|d| d.get("tag"))
                .and_then(text_of)
                .or_else(|| field("tag"));
            let properties = json!({ "name": field("name"), "tag": tag.unwrap_or_default() });
            point_feature(field("uid"), point, properties)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixtures::fixture;

    #[test]
    fn a_reply_becomes_one_point_feature_per_result_with_its_tag() {
        let (text, warnings) =
            to_geojson(&fixture("baidu_place_search.json"), None, usize::MAX).expect("ok");
        assert!(warnings.is_empty());
        let fc: Value = serde_json::from_str(&text).expect("json");
        let f = fc["features"].as_array().expect("features");
        assert_eq!(f.len(), 5);
        assert_eq!(
            f[0]["geometry"]["coordinates"],
            json!([120.140972, 30.285899])
        );
        assert_eq!(f[0]["properties"]["tag"], "教育培训;小学");
        // `tag` at the top level when there is no detail_info.
        assert_eq!(f[2]["properties"]["tag"], "交通设施;公交车站");
        assert_eq!(f[0]["id"], "5a8f0001c1e2d3b4a5f6e7d8");
    }

    #[test]
    fn an_error_reply_names_the_source_and_quotes_the_message() {
        let e = to_geojson(
            &fixture("baidu_error_reply.json"),
            Some("b.json"),
            usize::MAX,
        )
        .unwrap_err();
        assert_eq!(e.code(), "API_ERROR_REPLY");
        let m = e.to_string();
        assert!(
            m.contains("Parameter Invalid") && m.contains("b.json"),
            "{m}"
        );
        let (_, w) = to_geojson(
            r#"{"status":0,"results":[{"location":{"lat":"x"}}]}"#,
            None,
            usize::MAX,
        )
        .expect("ok");
        assert_eq!(w[0].code, "BAD_POI_LOCATION");
    }
}
