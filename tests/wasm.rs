//! Behaviour that only exists at the JS boundary, run in headless Chromium
//! with `wasm-pack test --headless --chrome`: thrown errors carry `code`
//! and `featureIndex`, the module keeps working after an error, and object
//! input is accepted.
#![cfg(target_arch = "wasm32")]

use future_community::bindings::Community;
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SMALL: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"kind":"boundary"},"geometry":{"type":"Polygon","coordinates":[[[120.0,30.0],[120.001,30.0],[120.001,30.001],[120.0,30.001],[120.0,30.0]]]}},
 {"type":"Feature","properties":{"kind":"building","use":"residential","floors":6,"households":24},"geometry":{"type":"Polygon","coordinates":[[[120.0002,30.0002],[120.0004,30.0002],[120.0004,30.0004],[120.0002,30.0004],[120.0002,30.0002]]]}}
]}"#;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).expect("property read")
}

#[wasm_bindgen_test]
fn errors_carry_code_and_feature_index_and_module_survives() {
    let err = Community::from_geojson(JsValue::from_str(r#"{"type":"Nope"}"#), None)
        .err()
        .expect("must throw");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("NOT_FEATURE_COLLECTION")
    );

    let projected = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"gate"},"geometry":{"type":"Point","coordinates":[500000,3350000]}}]}"#;
    let err = Community::from_geojson(JsValue::from_str(projected), None)
        .err()
        .expect("must throw");
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("PROJECTED_COORDINATES")
    );
    assert_eq!(get(&err, "featureIndex").as_f64(), Some(0.0));

    // The same module instance still works.
    let c = Community::from_geojson(JsValue::from_str(SMALL), None).expect("valid input");
    let m = c.site_metrics(None).expect("metrics");
    assert_eq!(get(&m, "households").as_f64(), Some(24.0));
    let far = get(&m, "far").as_f64().expect("far");
    // 0.0002° x 0.0002° footprint x 6 floors over a 0.001° x 0.001° site.
    assert!((far - 0.24).abs() < 0.001, "{far}");
}

#[wasm_bindgen_test]
fn object_input_and_options_are_accepted() {
    let obj = js_sys::JSON::parse(SMALL).expect("json");
    let c = Community::from_geojson(obj, None).expect("object input");
    let s = c.summary().expect("summary");
    let counts = get(&s, "counts");
    assert_eq!(get(&counts, "building").as_f64(), Some(1.0));
    // Unknown options are rejected, not ignored.
    let bad = js_sys::JSON::parse(r#"{"crss":"gcj02"}"#).expect("json");
    let err = Community::from_geojson(JsValue::from_str(SMALL), Some(bad))
        .err()
        .expect("must throw");
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("INVALID_OPTION")
    );
}
