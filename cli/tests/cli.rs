//! Runs the `future-community` binary on the Helsinki extract and on three
//! small generated communities (`tests/data/city-{1,2,3}.geojson`, from
//! `bench/gen_city.py 6 SEED`), and checks the table, the CSV columns, that
//! Parquet reads back with the same values, and the exit status and code of
//! bad input. Values are compared exactly (CSV writes shortest round-trip
//! decimals; Parquet stores f64).

use std::fs::File;
use std::path::Path;

mod common;

use common::{root, run, scratch, stderr};

use arrow_array::{Array, BooleanArray, Float64Array, Int64Array, StringArray};
use future_community::evaluation;
use future_community::input::ReadOptions;
use future_community::profile::{self, EvalOptions, ProjectType, Tier};
use future_community::Community;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const HELSINKI: &str = "../data/helsinki-centre/normalized.geojson";
const CITIES: [&str; 3] = [
    "tests/data/city-1.geojson",
    "tests/data/city-2.geojson",
    "tests/data/city-3.geojson",
];

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("csv opens");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Every Parquet column as strings formatted like the CSV cells.
fn read_parquet(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let file = File::open(path).expect("parquet opens");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("parquet footer")
        .build()
        .expect("reader");
    let mut header = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for batch in reader {
        let batch = batch.expect("batch");
        header = batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let start = rows.len();
        rows.extend((0..batch.num_rows()).map(|_| Vec::new()));
        for col in batch.columns() {
            let any = col.as_any();
            for r in 0..batch.num_rows() {
                let cell = if col.is_null(r) {
                    String::new()
                } else if let Some(a) = any.downcast_ref::<Float64Array>() {
                    format!("{}", a.value(r))
                } else if let Some(a) = any.downcast_ref::<Int64Array>() {
                    a.value(r).to_string()
                } else if let Some(a) = any.downcast_ref::<BooleanArray>() {
                    a.value(r).to_string()
                } else if let Some(a) = any.downcast_ref::<StringArray>() {
                    a.value(r).to_string()
                } else {
                    panic!("unexpected column type {:?}", col.data_type());
                };
                rows[start + r].push(cell);
            }
        }
    }
    (header, rows)
}

#[test]
fn evaluate_three_files_prints_a_table_and_writes_equal_csv_and_parquet() {
    let mut args = vec![
        "evaluate",
        "--project-type",
        "renovation",
        "--tier",
        "leading",
    ];
    args.extend(CITIES);
    let o = run(&args);
    assert!(o.status.success(), "stderr: {}", stderr(&o));
    let text = String::from_utf8(o.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("file") && lines[0].contains("score"),
        "{text}"
    );
    for (i, c) in CITIES.iter().enumerate() {
        assert!(lines[i + 1].starts_with(c), "row {i}: {}", lines[i + 1]);
    }

    let dir = scratch("evaluate");
    let csv_path = dir.join("report.csv");
    let pq_path = dir.join("report.parquet");
    for out in [&csv_path, &pq_path] {
        let mut a = args.clone();
        a.extend(["--out", out.to_str().expect("utf-8 path"), "--quiet"]);
        let o = run(&a);
        assert!(o.status.success(), "stderr: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "--out writes nothing to stdout");
    }
    let (header, rows) = read_csv(&csv_path);
    assert_eq!(rows.len(), 3);
    let p = profile::builtin(evaluation::DEFAULT_PROFILE).expect("profile");
    let scenarios = header.iter().filter(|h| h.starts_with("scenario.")).count();
    assert_eq!(scenarios, 9, "nine scenario columns: {header:?}");
    assert_eq!(scenarios, p.doc().scenarios.len());
    let values = header.iter().filter(|h| h.ends_with(".value")).count();
    let passes = header.iter().filter(|h| h.ends_with(".pass")).count();
    assert_eq!(
        values,
        p.doc().indicators.len(),
        "one value column per indicator"
    );
    assert_eq!(passes, values);

    // The CSV holds what the core computes for the same file and options.
    let opts = EvalOptions {
        project_type: Some(ProjectType::Renovation),
        tier: Some(Tier::Leading),
        ..EvalOptions::default()
    };
    let score_col = header
        .iter()
        .position(|h| h == "score")
        .expect("score column");
    for (i, c) in CITIES.iter().enumerate() {
        let text = std::fs::read_to_string(root().join(c)).expect("city file");
        let com = Community::from_geojson(&text, &ReadOptions::default()).expect("reads");
        let cmp = evaluation::evaluate_all(&com, &p, &opts).expect("evaluates");
        let want = cmp.reports[0]
            .score
            .map(|s| format!("{s}"))
            .unwrap_or_default();
        assert_eq!(rows[i][score_col], want, "score of {c}");
        assert_eq!(rows[i][0], *c);
    }

    let (pq_header, pq_rows) = read_parquet(&pq_path);
    assert_eq!(pq_header, header, "same columns in Parquet and CSV");
    assert_eq!(pq_rows, rows, "same values in Parquet and CSV");
}

#[test]
fn evaluate_writes_full_json_reports() {
    let dir = scratch("evaluate-json");
    let out = dir.join("report.json");
    let o = run(&[
        "evaluate",
        HELSINKI,
        "--quiet",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "stderr: {}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("json")).expect("parses");
    let reports = &v[0]["comparison"]["reports"];
    assert_eq!(reports.as_array().map(Vec::len), Some(1));
    assert_eq!(reports[0]["indicators"].as_array().map(Vec::len), Some(37));
    assert_eq!(v[0]["file"], HELSINKI);
}

#[test]
fn accessibility_csv_and_parquet_hold_the_core_columns() {
    let dir = scratch("access");
    let csv_path = dir.join("a.csv");
    let pq_path = dir.join("a.parquet");
    for out in [&csv_path, &pq_path] {
        let o = run(&[
            "accessibility",
            HELSINKI,
            "--categories",
            "primary_school,clinic",
            "--thresholds",
            "300,500",
            "--out",
            out.to_str().expect("path"),
        ]);
        assert!(o.status.success(), "stderr: {}", stderr(&o));
    }
    let (header, rows) = read_csv(&csv_path);
    for col in [
        "feature_index",
        "id",
        "households",
        "primary_school.network_m",
        "primary_school.nearest_feature_index",
        "clinic.detour_ratio",
        "clinic.within_300",
        "clinic.within_500",
    ] {
        assert!(
            header.iter().any(|h| h == col),
            "missing column {col}: {header:?}"
        );
    }

    let text = std::fs::read_to_string(root().join(HELSINKI)).expect("helsinki");
    let com = Community::from_geojson(&text, &ReadOptions::default()).expect("reads");
    let opts = serde_json::from_value(serde_json::json!({
        "categories": ["primary_school", "clinic"], "thresholdsM": [300, 500], "opportunities": true
    }))
    .expect("options");
    let cols = com
        .access_engine()
        .expect("engine")
        .accessibility_columns(&opts)
        .expect("columns");
    assert_eq!(
        rows.len(),
        cols.feature_index.len(),
        "one row per residential building"
    );
    assert_eq!(
        rows.len(),
        59,
        "the 59 residential buildings of the extract"
    );
    let fi = header
        .iter()
        .position(|h| h == "feature_index")
        .expect("column");
    let nm = header
        .iter()
        .position(|h| h == "primary_school.network_m")
        .expect("column");
    for (r, row) in rows.iter().enumerate() {
        assert_eq!(row[fi], cols.feature_index[r].to_string());
        let d = cols.categories["primary_school"].network_m[r];
        let want = if d.is_nan() {
            String::new()
        } else {
            format!("{d}")
        };
        assert_eq!(row[nm], want, "row {r}");
    }
    assert!(
        rows.iter().filter(|r| !r[nm].is_empty()).count() > 50,
        "most buildings reach a primary school"
    );
    let (pq_header, pq_rows) = read_parquet(&pq_path);
    assert_eq!(pq_header, header);
    assert_eq!(pq_rows, rows);
}

#[test]
fn summary_profiles_and_isochrones_run() {
    let o = run(&["summary", CITIES[0]]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("summary JSON");
    assert!(v["counts"]["building"].as_u64().unwrap_or(0) > 0, "{v}");

    let o = run(&["profiles"]);
    let text = String::from_utf8(o.stdout).expect("utf-8");
    for id in profile::builtin_ids() {
        assert!(text.contains(id), "{id} listed");
    }

    let o = run(&[
        "isochrones",
        CITIES[0],
        "--origin",
        "120.102,30.252",
        "--minutes",
        "5,10",
    ]);
    assert!(o.status.success(), "stderr: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("GeoJSON");
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"].as_array().map(Vec::len), Some(2));
}

#[test]
fn bad_input_exits_2_with_the_code_on_stderr() {
    let dir = scratch("bad");
    let bad = dir.join("bad.geojson");
    std::fs::write(&bad, "{\"type\": \"FeatureCollection\", \"features\": [").expect("write");
    let o = run(&["evaluate", bad.to_str().expect("path"), "--quiet"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error INVALID_JSON"), "{err}");

    let o = run(&["summary", "tests/data/no-such-file.geojson"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error FILE_UNREADABLE"));

    // A feature at fault is named by its index.
    let lonlat = dir.join("out-of-range.geojson");
    std::fs::write(
        &lonlat,
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"kind":"building"},"geometry":{"type":"Point","coordinates":[1,2]}},
        {"type":"Feature","properties":{"kind":"building"},"geometry":{"type":"Point","coordinates":[500,95]}}]}"#,
    )
    .expect("write");
    let o = run(&["summary", lonlat.to_str().expect("path"), "--strict"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("[feature 1]"), "{err}");

    let o = run(&["evaluate", CITIES[0], "--tier", "gold"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error INVALID_OPTION"));

    let o = run(&["evaluate", CITIES[0], "--out", "/nonexistent-dir/x.csv"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "an unwritable output is not bad input"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("error OUTPUT_FAILED"));
}
