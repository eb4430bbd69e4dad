//! The hostile-input corpus: every file in `tests/corpus/` goes through
//! `Community::from_geojson`, `summary()` and `site_metrics()`, and must give
//! the outcome recorded for it in `tests/corpus/expected.json`:
//!
//! - `{"error": "CODE", "featureIndex": n}`: reading fails with that code
//!   (and feature index; absent means none);
//! - otherwise reading succeeds, and `warnings` is exactly the set of
//!   distinct warning codes of the summary plus the site metrics; `counts`
//!   (a subset of the summary's counts), `sites` and `siteError` (the error
//!   code of `site_metrics` on the first site) are checked when present;
//! - `options` are the `ReadOptions` to read with (JSON, camelCase);
//! - `accessWarnings`, when present, is exactly the set of distinct warning
//!   codes of `accessibility()` with default options (the walking network,
//!   snapping and coverage); it runs on every file that reads, as do 2SFCA,
//!   isochrones, service areas and the travel circles, which must not fail
//!   on valid default options.
//!
//! Nothing may panic: each file runs under `catch_unwind` on a thread with a
//! 1 MiB stack (the default stack of a wasm32 module), in the recorded
//! configuration and also in strict mode and with the GCJ-02 and BD-09
//! conversions. After every failed read a valid input must still read.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use future_community::access::{AccessOptions, TwoStepOptions};
use future_community::community::SiteMetricsResult;
use future_community::input::crs::Crs;
use future_community::input::ReadOptions;
use future_community::isochrone::{
    isochrones, service_areas, travel_circles, IsochroneOptions, IsochroneOrigin,
    ServiceAreaOptions, TravelCircleOptions,
};
use future_community::site::SiteParams;
use future_community::Community;
use geo::BoundingRect;
use serde::Deserialize;

const DIR: &str = "tests/corpus";
const STACK: usize = 1024 * 1024;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Expected {
    error: Option<String>,
    feature_index: Option<usize>,
    warnings: Option<BTreeSet<String>>,
    counts: Option<BTreeMap<String, usize>>,
    sites: Option<usize>,
    site_error: Option<String>,
    options: Option<serde_json::Value>,
    access_warnings: Option<BTreeSet<String>>,
}

fn manifest() -> BTreeMap<String, Expected> {
    let text = fs::read_to_string(Path::new(DIR).join("expected.json")).expect("manifest");
    serde_json::from_str(&text).expect("manifest parses")
}

fn read_text(name: &str) -> String {
    let bytes = fs::read(Path::new(DIR).join(name)).expect("corpus file");
    String::from_utf8(bytes).expect("corpus files are UTF-8")
}

/// Site parameters that exercise every branch of the site metrics.
fn params() -> SiteParams {
    SiteParams {
        roof_green_factor: 0.3,
        vertical_green_factor: 0.1,
        service_categories: vec!["clinic".into(), "community_service".into()],
        ..SiteParams::default()
    }
}

/// Every number of the metrics must be finite.
fn check_finite(r: &SiteMetricsResult) -> Result<(), String> {
    let m = &r.metrics;
    let values = [
        ("siteAreaM2", Some(m.site_area_m2)),
        ("footprintM2", Some(m.footprint_m2)),
        ("floorAreaM2", Some(m.floor_area_m2)),
        ("far", m.far),
        ("buildingDensity", m.building_density),
        ("groundGreenM2", Some(m.ground_green_m2)),
        ("roofGreenM2", Some(m.roof_green_m2)),
        ("verticalGreenM2", Some(m.vertical_green_m2)),
        ("countedGreenM2", Some(m.counted_green_m2)),
        ("greenRatio", m.green_ratio),
        ("households", Some(m.households)),
        ("population", Some(m.population)),
        ("serviceFloorAreaM2", Some(m.service_floor_area_m2)),
        (
            "serviceFloorAreaPer100HouseholdsM2",
            m.service_floor_area_per_100_households_m2,
        ),
        ("publicGreenM2", Some(m.public_green_m2)),
        ("publicGreenPerCapitaM2", m.public_green_per_capita_m2),
        ("maxBuildingHeightM", m.max_building_height_m),
    ];
    for (k, v) in values {
        if let Some(v) = v {
            if !v.is_finite() || v < 0.0 {
                return Err(format!("{k} = {v}"));
            }
        }
    }
    Ok(())
}

/// Runs one file and compares with its expectation; `Err` describes a mismatch.
fn check(name: &str, text: &str, exp: &Expected) -> Result<(), String> {
    let options: ReadOptions = match &exp.options {
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| format!("options: {e}"))?,
        None => ReadOptions::default(),
    };
    let c = match (Community::from_geojson(text, &options), &exp.error) {
        (Err(e), Some(code)) => {
            if e.code() != code || e.feature_index() != exp.feature_index {
                return Err(format!(
                    "expected {code} at {:?}, got {} at {:?}: {e}",
                    exp.feature_index,
                    e.code(),
                    e.feature_index()
                ));
            }
            if e.to_string().is_empty() {
                return Err("empty error message".into());
            }
            return Ok(());
        }
        (Err(e), None) => return Err(format!("unexpected error {}: {e}", e.code())),
        (Ok(_), Some(code)) => return Err(format!("expected error {code}, read fine")),
        (Ok(c), None) => c,
    };
    let s = c.summary();
    let mut codes: BTreeSet<String> = s.warnings.iter().map(|w| w.code.to_string()).collect();
    for w in &s.warnings {
        if w.feature_index.is_some_and(|i| i >= s.feature_count) {
            return Err(format!("warning {} points past the input: {w:?}", w.code));
        }
    }
    // Every site must be computable, and the first one is checked.
    for i in 0..s.sites.len() {
        let r = c
            .site_metrics(
                Some(&future_community::community::SiteRef::Index(i)),
                &params(),
            )
            .map_err(|e| format!("site {i}: {e}"))?;
        check_finite(&r).map_err(|e| format!("site {i}: {e}"))?;
        codes.extend(r.warnings.iter().map(|w| w.code.to_string()));
    }
    match (c.site_metrics(None, &params()), &exp.site_error) {
        (Ok(_), None) => {}
        (Err(e), Some(code)) if e.code() == code => {}
        (r, want) => return Err(format!("site metrics: expected {want:?}, got {r:?}")),
    }
    let want = exp.warnings.clone().unwrap_or_default();
    if codes != want {
        let all: Vec<String> = s
            .warnings
            .iter()
            .map(|w| format!("  {}: {}", w.code, w.message))
            .collect();
        return Err(format!(
            "warnings {codes:?}, expected {want:?}:\n{}",
            all.join("\n")
        ));
    }
    for (k, n) in exp.counts.iter().flatten() {
        let got = s.counts.get(k.as_str()).copied();
        if got != Some(*n) {
            return Err(format!("count {name}.{k}: {got:?}, expected {n}"));
        }
    }
    if let Some(n) = exp.sites {
        if s.sites.len() != n {
            return Err(format!("{} sites, expected {n}", s.sites.len()));
        }
    }
    // Outputs serialise (the bindings do the same through serde).
    serde_json::to_string(&s).map_err(|e| format!("summary does not serialise: {e}"))?;
    let access = access_codes(&c)?;
    if let Some(want) = &exp.access_warnings {
        if &access != want {
            return Err(format!("access warnings {access:?}, expected {want:?}"));
        }
    }
    Ok(())
}

/// Runs the network stages with default options; returns the distinct
/// warning codes of `accessibility()`.
fn access_codes(c: &Community) -> Result<BTreeSet<String>, String> {
    let engine = c
        .access_engine()
        .map_err(|e| format!("access engine: {e}"))?;
    let r = engine
        .accessibility(&AccessOptions::default())
        .map_err(|e| format!("accessibility: {e}"))?;
    serde_json::to_string(&r).map_err(|e| format!("accessibility does not serialise: {e}"))?;
    let codes = r.warnings.iter().map(|w| w.code.to_string()).collect();
    let category = c.dataset().facilities.first().map(|f| f.category.clone());
    if let Some(category) = category {
        let fca = TwoStepOptions {
            category: category.clone(),
            catchment_m: future_community::units::Metres::new(500.0),
            ..TwoStepOptions::default()
        };
        let r = engine
            .two_step_fca(&fca)
            .map_err(|e| format!("2SFCA: {e}"))?;
        serde_json::to_string(&r).map_err(|e| format!("2SFCA does not serialise: {e}"))?;
        let sa = ServiceAreaOptions {
            category,
            ..ServiceAreaOptions::default()
        };
        let r = service_areas(c, &sa).map_err(|e| format!("service areas: {e}"))?;
        serde_json::to_string(&r).map_err(|e| format!("service areas: {e}"))?;
    }
    if let Some(b) = c.sites().first().and_then(|s| s.area.bounding_rect()) {
        let o = IsochroneOptions {
            origin: Some(IsochroneOrigin::Point([b.center().x, b.center().y])),
            ..IsochroneOptions::default()
        };
        let r = isochrones(c, &o).map_err(|e| format!("isochrones: {e}"))?;
        serde_json::to_string(&r).map_err(|e| format!("isochrones: {e}"))?;
    }
    let r = travel_circles(c, &TravelCircleOptions::default())
        .map_err(|e| format!("travel circles: {e}"))?;
    serde_json::to_string(&r).map_err(|e| format!("travel circles: {e}"))?;
    Ok(codes)
}

/// Runs `f` on a thread with a wasm-sized stack, turning a panic into `Err`.
fn guarded<F: FnOnce() -> Result<(), String> + Send + 'static>(f: F) -> Result<(), String> {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || match catch_unwind(AssertUnwindSafe(f)) {
            Ok(r) => r,
            Err(p) => Err(format!(
                "PANIC: {}",
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            )),
        })
        .expect("spawn")
        .join()
        .unwrap_or_else(|_| Err("thread died".into()))
}

const VALID: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"kind":"boundary"},"geometry":{"type":"Polygon","coordinates":[[[120.0,30.0],[120.001,30.0],[120.001,30.001],[120.0,30.001],[120.0,30.0]]]}},
 {"type":"Feature","properties":{"kind":"building","use":"residential","floors":6,"households":24},"geometry":{"type":"Polygon","coordinates":[[[120.0002,30.0002],[120.0004,30.0002],[120.0004,30.0004],[120.0002,30.0004],[120.0002,30.0002]]]}}
]}"#;

#[test]
fn manifest_and_directory_agree() {
    let m = manifest();
    let files: BTreeSet<String> = fs::read_dir(DIR)
        .expect("corpus dir")
        .map(|e| e.expect("entry"))
        // Subdirectories (calls/: the hostile-call cases of pkg-tests) are
        // not reading-corpus files.
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expected.json")
        .collect();
    let listed: BTreeSet<String> = m.keys().cloned().collect();
    assert_eq!(files, listed, "every corpus file needs an expected outcome");
    for (name, e) in &m {
        assert!(
            e.error.is_some() != (e.warnings.is_some()),
            "{name}: give either `error` or `warnings`"
        );
    }
}

#[test]
fn every_corpus_file_gives_its_recorded_outcome() {
    let mut failures = Vec::new();
    for (name, exp) in manifest() {
        let text = read_text(&name);
        let is_error = exp.error.is_some();
        let n = name.clone();
        let r = guarded(move || check(&n, &text, &exp));
        if let Err(e) = r {
            failures.push(format!("{name}: {e}"));
        }
        if is_error {
            // The same "instance" keeps working after an error.
            let c = Community::from_geojson(VALID, &ReadOptions::default()).expect("valid");
            let m = c
                .site_metrics(None, &SiteParams::default())
                .expect("metrics");
            assert_eq!(m.metrics.households, 24.0);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn no_corpus_file_panics_in_any_mode() {
    let modes = [
        ReadOptions {
            strict: true,
            ..ReadOptions::default()
        },
        ReadOptions {
            crs: Some(Crs::Gcj02),
            ..ReadOptions::default()
        },
        ReadOptions {
            crs: Some(Crs::Bd09),
            ..ReadOptions::default()
        },
    ];
    let mut failures = Vec::new();
    for name in manifest().keys() {
        for (i, o) in modes.iter().enumerate() {
            let text = read_text(name);
            let o = o.clone();
            let r = guarded(move || {
                if let Ok(c) = Community::from_geojson(&text, &o) {
                    let _ = c.summary();
                    access_codes(&c)?;
                    for i in 0..c.sites().len() {
                        let r = c
                            .site_metrics(
                                Some(&future_community::community::SiteRef::Index(i)),
                                &params(),
                            )
                            .map_err(|e| e.to_string())?;
                        check_finite(&r)?;
                    }
                }
                Ok(())
            });
            if let Err(e) = r {
                failures.push(format!("{name} (mode {i}): {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
