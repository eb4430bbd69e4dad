//! Site metrics on real OpenStreetMap data (Helsinki centre) against the
//! independent reference computed with pyproj (Karney geodesics) and
//! shapely (set operations): `data/helsinki-centre/reference/areas.json`.
//!
//! Tolerance: relative 1e-6 for areas and ratios. The reference README
//! suggests 1e-7 for identical definitions; we allow 10x that for the
//! different polygon-clipping library (i_overlay vs GEOS). The issue's
//! acceptance bound is 0.5%, far looser.

use std::fs;

use future_community::input::ReadOptions;
use future_community::site::SiteParams;
use future_community::Community;

const DATA: &str = "data/helsinki-centre";

fn reference() -> serde_json::Value {
    let text = fs::read_to_string(format!("{DATA}/reference/areas.json")).expect("areas.json");
    serde_json::from_str(&text).expect("valid reference JSON")
}

fn community() -> Community {
    let text = fs::read_to_string(format!("{DATA}/normalized.geojson")).expect("dataset");
    Community::from_geojson(&text, &ReadOptions::default()).expect("dataset reads")
}

fn close(actual: f64, expected: f64, rel: f64, what: &str) {
    let err = ((actual - expected) / expected).abs();
    assert!(
        err <= rel,
        "{what}: {actual} vs reference {expected} (relative error {err:.2e} > {rel:.0e})"
    );
}

#[test]
fn site_metrics_match_reference_areas() {
    let r = reference();
    let c = community();
    let m = c
        .site_metrics(None, &SiteParams::default())
        .expect("metrics")
        .metrics;
    let num = |k: &str| r[k].as_f64().expect(k);
    close(m.site_area_m2, num("boundary_area_m2"), 1e-6, "site area");
    close(
        m.footprint_m2,
        num("total_footprint_area_m2"),
        1e-6,
        "footprint",
    );
    close(
        m.floor_area_m2,
        num("total_floor_area_m2"),
        1e-6,
        "floor area",
    );
    close(m.far.expect("far"), num("far"), 1e-6, "FAR");
    // The oracle's density sums the footprints; ours counts the overlaps
    // of overlapping OSM footprints once, so it is the oracle's sum-based
    // density minus exactly the overlap (checked against shapely in
    // data/helsinki-centre/derived/building_union.py).
    close(
        m.footprint_m2 / m.site_area_m2,
        num("building_density"),
        1e-6,
        "sum-based density",
    );
    let union: serde_json::Value = serde_json::from_str(
        &fs::read_to_string("data/helsinki-centre/derived/building_union.json")
            .expect("derived/building_union.json"),
    )
    .expect("JSON");
    close(
        m.building_density.expect("density"),
        union["building_density_union"].as_f64().expect("number"),
        1e-6,
        "density (union of the footprints, shapely)",
    );
    close(
        m.ground_green_m2,
        num("green_area_clipped_m2"),
        1e-6,
        "clipped green",
    );
    close(
        m.green_ratio.expect("green ratio"),
        num("green_ratio"),
        1e-6,
        "green ratio",
    );
    assert_eq!(
        m.building_count as u64,
        r["building_count"].as_u64().expect("count")
    );
    assert_eq!(m.households, num("households_total"));
}

#[test]
fn summary_counts_match_reference() {
    let r = reference();
    let s = community().summary();
    assert_eq!(
        s.counts["building"] as u64,
        r["building_count"].as_u64().expect("count")
    );
    for (k, v) in r["building_count_by_use"].as_object().expect("by use") {
        assert_eq!(
            s.buildings_by_use.get(k.as_str()).copied().unwrap_or(0) as u64,
            v.as_u64().expect("n"),
            "{k}"
        );
    }
    // 400 facilities, 2462 roads, 166 green polygons (reference README, Counts).
    assert_eq!(s.counts["facility"], 400);
    assert_eq!(s.counts["road"], 2462);
    assert_eq!(s.counts["green"], 166);
    assert_eq!(s.categories["bus_stop"], 92);
    assert!(s.warnings.iter().all(|w| w.code != "UNCLASSIFIED_FEATURE"));
    let [w, south, e, n] = s.bbox.expect("bbox");
    assert!(w > 24.93 && e < 24.96 && south > 60.16 && n < 60.18);
}
