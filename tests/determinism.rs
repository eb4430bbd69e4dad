//! The same input gives byte-identical JSON output: reading, the summary
//! and the site metrics are serialised with serde_json from two separate
//! `Community` instances and compared. std's `RandomState` gives every hash
//! map its own seed, so any hash iteration order that leaked into an output
//! would differ between the two instances.

use std::fs;

use future_community::community::SiteRef;
use future_community::input::ReadOptions;
use future_community::site::SiteParams;
use future_community::Community;

const DATA: &str = "data/helsinki-centre";

fn params() -> SiteParams {
    SiteParams {
        roof_green_factor: 0.3,
        vertical_green_factor: 0.1,
        service_categories: vec![
            "community_service".into(),
            "clinic".into(),
            "kindergarten".into(),
        ],
        ..SiteParams::default()
    }
}

/// Everything a caller can get from one input, as JSON text.
fn outputs(text: &str) -> String {
    let c = match Community::from_geojson(text, &ReadOptions::default()) {
        Ok(c) => c,
        Err(e) => return format!("error {} {:?} {e}", e.code(), e.feature_index()),
    };
    let mut out = serde_json::to_string(&c.summary()).expect("summary serialises");
    for i in 0..c.sites().len() {
        let r = c.site_metrics(Some(&SiteRef::Index(i)), &params());
        match r {
            Ok(m) => out += &serde_json::to_string(&m).expect("metrics serialise"),
            Err(e) => out += &format!("error {}", e.code()),
        }
    }
    out
}

fn raw_osm() -> String {
    let mut all = Vec::new();
    for f in [
        "osm_raw_buildings.geojson",
        "osm_raw_landuse.geojson",
        "osm_raw_pois.geojson",
        "osm_raw_highways.geojson",
    ] {
        let text = fs::read_to_string(format!("{DATA}/{f}")).expect("raw file");
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        all.extend(v["features"].as_array().expect("features").iter().cloned());
    }
    serde_json::json!({"type": "FeatureCollection", "features": all}).to_string()
}

#[test]
fn helsinki_outputs_are_byte_identical_across_instances() {
    let text = fs::read_to_string(format!("{DATA}/normalized.geojson")).expect("dataset");
    let (a, b) = (outputs(&text), outputs(&text));
    assert!(a.len() > 1000 && !a.starts_with("error"), "{}", &a[..200]);
    assert!(a == b, "normalized.geojson: outputs differ");

    let raw = raw_osm();
    let (a, b) = (outputs(&raw), outputs(&raw));
    assert!(a.contains("DUPLICATE_ID"));
    assert!(a == b, "raw OSM: outputs differ");
}

#[test]
fn corpus_outputs_are_byte_identical_across_instances() {
    for entry in fs::read_dir("tests/corpus").expect("corpus") {
        let path = entry.expect("entry").path();
        if !path.is_file() {
            continue; // calls/: the hostile-call cases of pkg-tests
        }
        let text = fs::read_to_string(&path).expect("utf-8 corpus file");
        assert!(outputs(&text) == outputs(&text), "{}", path.display());
    }
}

#[test]
fn same_instance_gives_the_same_output_every_time() {
    let text = fs::read_to_string(format!("{DATA}/normalized.geojson")).expect("dataset");
    let c = Community::from_geojson(&text, &ReadOptions::default()).expect("reads");
    let once = serde_json::to_string(&c.site_metrics(None, &params()).expect("metrics"));
    let twice = serde_json::to_string(&c.site_metrics(None, &params()).expect("metrics"));
    assert_eq!(once.expect("json"), twice.expect("json"));
}
