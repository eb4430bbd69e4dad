//! `service-areas` and `--format`: the CLI's GeoJSON equals what the core
//! computes for the same file and options (compared as JSON values, exactly),
//! a CSV of points is read when detected and when forced, a forced format is
//! obeyed (a file read as another format gives the core's reading of it), and
//! an unknown `--format` is bad input (exit 2 with the core's code).

mod common;

use common::{root, run, scratch, stderr};

use future_community::input::detect::{Format, SourceData};
use future_community::input::{ReadOptions, Source};
use future_community::isochrone::{self, ServiceAreaOptions};
use future_community::Community;

const CITY: &str = "tests/data/city-1.geojson";
/// Kindergarten service areas of [`CITY`] within 5 and 10 minutes.
const AREAS: [&str; 6] = [
    "service-areas",
    CITY,
    "--category",
    "kindergarten",
    "--minutes",
    "5,10",
];

/// A result as the CLI's output reads back: written as JSON text, parsed
/// again (both sides then go through the same float parsing, so equal
/// numbers compare equal exactly).
fn reparsed(v: &impl serde::Serialize) -> serde_json::Value {
    let text = serde_json::to_string(v).expect("serialises");
    serde_json::from_str(&text).expect("parses")
}

fn summary_of(body: &[u8], format: Format) -> serde_json::Value {
    let source = Source {
        data: SourceData::Bytes(body),
        format: Some(format),
        crs: None,
        name: None,
        gbk: None,
    };
    let c = Community::from_sources(&[source], &ReadOptions::default()).expect("core reads it");
    reparsed(&c.summary())
}

#[test]
fn service_areas_equal_the_core_result() {
    let o = run(&AREAS);
    assert!(o.status.success(), "stderr: {}", stderr(&o));
    let got: serde_json::Value = serde_json::from_slice(&o.stdout).expect("GeoJSON on stdout");

    let text = std::fs::read_to_string(root().join(CITY)).expect("test data");
    let c = Community::from_geojson(&text, &ReadOptions::default()).expect("reads");
    let opts: ServiceAreaOptions =
        serde_json::from_str(r#"{"category":"kindergarten","minutes":[5,10]}"#).expect("options");
    let want = reparsed(&isochrone::service_areas(&c, &opts).expect("areas"));
    assert_eq!(got, want);
    assert_eq!(got["type"], "FeatureCollection");
    assert_eq!(
        got["features"].as_array().map(Vec::len),
        Some(2),
        "one polygon per limit"
    );

    // --out writes the same document.
    let out = scratch("areas").join("areas.geojson");
    let o = run(&[&AREAS[..], &["--out", out.to_str().expect("path")]].concat());
    assert!(o.status.success(), "stderr: {}", stderr(&o));
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    assert_eq!(file, want);
}

#[test]
fn service_areas_without_a_category_or_with_bad_minutes_are_bad_input() {
    let o = run(&["service-areas", CITY]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "clap rejects a missing --category"
    );

    let o = run(&[
        "service-areas",
        CITY,
        "--category",
        "kindergarten",
        "--minutes=-5",
    ]);
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(&o));
    assert!(
        stderr(&o).contains("error INVALID_OPTION"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_csv_of_points_reads_detected_and_forced_like_the_core() {
    let dir = scratch("formats");
    let csv = dir.join("clinics.csv");
    let body = "lng,lat,name,category\n120.1016,30.2499,A,clinic\n120.1031,30.2500,B,clinic\n120.1033,30.2508,C,bus_stop\n";
    std::fs::write(&csv, body).expect("write");
    let path = csv.to_str().expect("path");

    let detected = run(&["summary", path]);
    assert!(detected.status.success(), "stderr: {}", stderr(&detected));
    let forced = run(&["summary", path, "--format", "csv"]);
    assert!(forced.status.success(), "stderr: {}", stderr(&forced));
    assert_eq!(detected.stdout, forced.stdout, "detected and forced agree");

    let v: serde_json::Value = serde_json::from_slice(&forced.stdout).expect("summary JSON");
    assert_eq!(v, summary_of(body.as_bytes(), Format::Csv));
    assert_eq!(v["counts"]["facility"], 3);

    // Forced as GeoJSON, the same CSV is not JSON.
    let o = run(&["summary", path, "--format", "geojson"]);
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(&o));
    assert!(stderr(&o).contains("error INVALID_JSON"), "{}", stderr(&o));
}

#[test]
fn an_unknown_format_is_bad_input_and_a_forced_one_is_obeyed() {
    let o = run(&["summary", CITY, "--format", "kml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("error INVALID_OPTION"), "{err}");
    assert!(
        err.contains("geojson, amap, baidu, csv, shapefile"),
        "{err}"
    );

    // A format that reads the file differently gives the core's reading of
    // it, not the detected one: GeoJSON forced as a Baidu reply.
    let o = run(&["summary", CITY, "--format", "baidu"]);
    assert!(o.status.success(), "stderr: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("summary JSON");
    let body = std::fs::read(root().join(CITY)).expect("test data");
    assert_eq!(v, summary_of(&body, Format::Baidu));
    assert_ne!(v, summary_of(&body, Format::Geojson));
}
