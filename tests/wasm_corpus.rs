//! The nastiest corpus files through the real WebAssembly module in
//! headless Chromium (`wasm-pack test --headless --chrome`): deep nesting
//! (the wasm stack is 1 MiB), broken numbers and geometry, XSS strings,
//! degenerate networks. A panic or stack overflow would trap the module;
//! here every file must end in its recorded error code or in results from
//! every query, and the same module instance must keep working afterwards.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use future_community::bindings::Community;
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MANIFEST: &str = include_str!("corpus/expected.json");

macro_rules! corpus {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("corpus/", $name)))),*]
    };
}

const FILES: &[(&str, &str)] = corpus![
    "deep_nesting_coordinates.geojson",
    "deep_nesting_feature.geojson",
    "deep_nesting_objects.json",
    "deep_nesting_properties.geojson",
    "deep_nesting_top.json",
    "deep_nesting_unbalanced.json",
    "geometry_collection_deep.geojson",
    "bowtie.geojson",
    "zero_area_spike.geojson",
    "number_overflow.geojson",
    "nan_literal.json",
    "bom.geojson",
    "empty_file.json",
    "wrong_member_types.geojson",
    "xss_strings.geojson",
    "huge_coordinates.geojson",
    "households_absurd.geojson",
    "projected_utm.geojson",
    "roads_degenerate.geojson",
    "compound_without_gate.geojson",
    "disconnected_roads.geojson",
    "empty_collection.geojson",
];

const VALID: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"kind":"boundary"},"geometry":{"type":"Polygon","coordinates":[[[120.0,30.0],[120.001,30.0],[120.001,30.001],[120.0,30.001],[120.0,30.0]]]}},
 {"type":"Feature","properties":{"kind":"building","use":"residential","floors":6,"households":24},"geometry":{"type":"Polygon","coordinates":[[[120.0002,30.0002],[120.0004,30.0002],[120.0004,30.0004],[120.0002,30.0004],[120.0002,30.0002]]]}}
]}"#;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn code(e: &JsValue) -> Option<String> {
    get(e, "code").as_string()
}

fn still_works() {
    let c = Community::from_geojson(JsValue::from_str(VALID), None).expect("valid input");
    let m = c.site_metrics(None).expect("metrics");
    assert_eq!(get(&m, "households").as_f64(), Some(24.0));
}

#[wasm_bindgen_test]
fn hostile_files_give_their_outcome_and_the_module_survives() {
    let manifest: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(MANIFEST).expect("manifest");
    for (name, text) in FILES {
        let exp = &manifest[*name];
        let read = Community::from_geojson(JsValue::from_str(text), None);
        match (read, exp["error"].as_str()) {
            (Err(e), Some(want)) => assert_eq!(code(&e).as_deref(), Some(want), "{name}"),
            (Err(e), None) => panic!("{name}: unexpected error {:?}", code(&e)),
            (Ok(_), Some(want)) => panic!("{name}: expected {want}, read fine"),
            (Ok(c), None) => {
                c.summary()
                    .unwrap_or_else(|e| panic!("{name}: summary {:?}", code(&e)));
                match (c.site_metrics(None), exp["siteError"].as_str()) {
                    (Ok(_), None) => {}
                    (Err(e), Some(want)) => {
                        assert_eq!(code(&e).as_deref(), Some(want), "{name}")
                    }
                    (r, want) => panic!("{name}: site metrics {:?}, want {want:?}", r.err()),
                }
                c.accessibility(None)
                    .unwrap_or_else(|e| panic!("{name}: accessibility {:?}", code(&e)));
                c.travel_circles(None)
                    .unwrap_or_else(|e| panic!("{name}: travel circles {:?}", code(&e)));
                if exp["siteError"].is_null() {
                    c.evaluate(None, None)
                        .unwrap_or_else(|e| panic!("{name}: evaluate {:?}", code(&e)));
                }
            }
        }
        still_works();
    }
}

#[wasm_bindgen_test]
fn ten_megabyte_strings_and_the_copy_limit() {
    let big = "x".repeat(10 * 1024 * 1024);
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","id":"{big}","properties":{{"kind":"facility","category":"{big}","name":"{big}"}},"geometry":{{"type":"Point","coordinates":[120.0005,30.0005]}}}}]}}"#
    );
    let c = Community::from_geojson(JsValue::from_str(&text), None).expect("reads");
    let s = c.summary().expect("summary");
    assert_eq!(get(&get(&s, "counts"), "facility").as_f64(), Some(1.0));
    drop(c);
    // 10 000 points sharing a 1 MiB name would copy 10 GiB of text.
    let name = "n".repeat(1024 * 1024);
    let points: Vec<String> = (0..10_000)
        .map(|i| format!("[120.0005,{}]", 30.0 + f64::from(i) * 1e-7))
        .collect();
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"kind":"facility","category":"clinic","name":"{name}"}},"geometry":{{"type":"MultiPoint","coordinates":[{}]}}}}]}}"#,
        points.join(",")
    );
    let e = Community::from_geojson(JsValue::from_str(&text), None)
        .err()
        .expect("limit");
    assert_eq!(code(&e).as_deref(), Some("LIMIT_EXCEEDED"));
    still_works();
}
