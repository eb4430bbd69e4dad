//! Roof, over-basement and wall green at the Hangzhou factors of the
//! Zhejiang profile (soil depth bands; wall 20 %), against hand-computed
//! areas. Explicit `area_m2` values make the expected numbers exact.

use future_community::evaluation::site_params;
use future_community::input::ReadOptions;
use future_community::profile;
use future_community::Community;

fn green(area_m2: f64, props: serde_json::Value) -> serde_json::Value {
    let mut p = props;
    p["kind"] = "green".into();
    p["area_m2"] = area_m2.into();
    serde_json::json!({"type": "Feature", "properties": p, "geometry": {"type": "Polygon",
        "coordinates": [[[120.1001, 30.2001], [120.1002, 30.2001], [120.1002, 30.2002], [120.1001, 30.2002], [120.1001, 30.2001]]]}})
}

fn community(greens: Vec<serde_json::Value>) -> Community {
    let mut features = vec![
        serde_json::json!({"type": "Feature", "properties": {"kind": "boundary", "id": "site"},
        "geometry": {"type": "Polygon", "coordinates": [[[120.1, 30.2], [120.101, 30.2], [120.101, 30.201], [120.1, 30.201], [120.1, 30.2]]]}}),
    ];
    features.extend(greens);
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    Community::from_geojson(&fc.to_string(), &ReadOptions::default()).expect("reads")
}

#[test]
fn soil_depth_bands_and_wall_green_count_as_the_hangzhou_rules_say() {
    let c = community(vec![
        green(
            1000.0,
            serde_json::json!({"green_type": "roof", "soil_depth_m": 1.2}),
        ),
        green(
            400.0,
            serde_json::json!({"green_type": "over_basement", "soil_depth_m": 1.5}),
        ),
        green(
            300.0,
            serde_json::json!({"green_type": "roof", "soil_depth_m": 0.05}),
        ),
        green(
            200.0,
            serde_json::json!({"green_type": "roof", "soil_depth_m": 0.3}),
        ),
        green(500.0, serde_json::json!({"green_type": "vertical"})),
    ]);
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    let r = c.site_metrics(None, &site_params(&p)).expect("metrics");
    let m = &r.metrics;
    assert_eq!(m.roof_green_m2, 1900.0);
    assert_eq!(m.vertical_green_m2, 500.0);
    // 1.2 m -> 80 %, 1.5 m -> 100 %, 0.05 m -> 0, 0.3 m -> 30 %; wall 20 %.
    let counted = 1000.0 * 0.8 + 400.0 * 1.0 + 300.0 * 0.0 + 200.0 * 0.3 + 500.0 * 0.2;
    assert!(
        (m.counted_green_m2 - counted).abs() < 1e-9,
        "{} vs {counted}",
        m.counted_green_m2
    );
    let ratio = m.policy_green_ratio.expect("ratio");
    assert!((ratio - counted / m.site_area_m2).abs() < 1e-12);
    // The plain green ratio counts ground green only (none here).
    assert_eq!(m.green_ratio, Some(0.0));
    assert!(r
        .warnings
        .iter()
        .all(|w| w.code != "ROOF_GREEN_NO_SOIL_DEPTH"));
}

#[test]
fn a_roof_green_without_soil_depth_counts_zero_with_one_grouped_warning() {
    let c = community(vec![
        green(1000.0, serde_json::json!({"green_type": "roof"})),
        green(500.0, serde_json::json!({"green_type": "roof"})),
        green(
            100.0,
            serde_json::json!({"green_type": "roof", "soil_depth_m": 2.0}),
        ),
    ]);
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    let r = c.site_metrics(None, &site_params(&p)).expect("metrics");
    assert_eq!(r.metrics.counted_green_m2, 100.0);
    let w: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.code == "ROOF_GREEN_NO_SOIL_DEPTH")
        .collect();
    assert_eq!(w.len(), 1, "one warning for all of them");
    assert!(
        w[0].message.starts_with("2 ") && w[0].message.contains("soil_depth_m"),
        "{}",
        w[0].message
    );
}

#[test]
fn absurd_soil_depths_and_factors_are_refused_not_used() {
    let c = community(vec![
        green(
            1000.0,
            serde_json::json!({"green_type": "roof", "soil_depth_m": -1.0}),
        ),
        green(
            1000.0,
            serde_json::json!({"green_type": "roof", "soil_depth_m": 1e9}),
        ),
    ]);
    let warnings = c.summary().warnings;
    assert!(warnings
        .iter()
        .any(|w| w.code == "NEGATIVE_VALUE" && w.feature_index == Some(1)));
    assert!(warnings
        .iter()
        .any(|w| w.code == "IMPLAUSIBLE_VALUE" && w.feature_index == Some(2)));
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    let r = c.site_metrics(None, &site_params(&p)).expect("metrics");
    assert_eq!(
        r.metrics.counted_green_m2, 0.0,
        "refused depths count as no depth"
    );
    // Factors outside 0..1 are an error, not a silent number.
    let mut params = site_params(&p);
    params.vertical_green_factor = 1.5;
    let err = c.site_metrics(None, &params).expect_err("refused");
    assert_eq!(err.code(), "INVALID_OPTION");
    params.vertical_green_factor = 0.2;
    params.roof_green_soil_factors[0].min_depth_m = f64::NAN;
    assert!(c.site_metrics(None, &params).is_err());
}
