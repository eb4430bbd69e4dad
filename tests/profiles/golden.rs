//! Golden reports (byte-for-byte) and determinism.

use std::path::Path;

use future_community::profile::{
    builtin, builtin_ids, evaluate, AttributeValue, EvalOptions, Metrics, ProjectType, Report,
};

use super::{opts, site_metrics};

fn golden(name: &str, report: &Report) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let actual = report.to_json_pretty();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert!(
        actual == expected,
        "{} differs from the committed golden report; if the change is intended, run with UPDATE_GOLDEN=1 and review the diff",
        path.display()
    );
    // A saved report reads back into the same value.
    let back: Report = serde_json::from_str(&expected).unwrap();
    assert_eq!(&back, report);
}

/// A small fixed site: a renovation project with some metrics and
/// attributes missing.
fn small_site() -> (Metrics, EvalOptions) {
    let mut m = Metrics::new();
    for (k, v) in [
        ("siteMetrics.serviceFloorAreaPer100HouseholdsM2", 86.25),
        ("siteMetrics.publicGreenPerCapitaM2", 0.74),
        ("siteMetrics.maxBuildingHeightM", 81.3),
        ("siteMetrics.far", 2.41),
        ("siteMetrics.policyFar", 2.38),
        ("siteMetrics.greenRatio", 0.3),
        ("siteMetrics.policyGreenRatio", 0.32),
        ("coverage.kindergarten.300.households", 0.6667),
        ("coverage.primary_school.500.households", 0.5),
        ("coverage.community_center.300.households", 1.0),
        ("travelCircles.bus5min", 0.912_345),
    ] {
        m.insert(k.to_string(), v);
    }
    let o = opts(
        Some(ProjectType::Renovation),
        &[
            ("smartServicePlatform", AttributeValue::Bool(true)),
            ("sharedParkingSpaces", AttributeValue::Number(0.0)),
            ("wasteSortingRate", AttributeValue::Number(0.82)),
            ("approvedFar", AttributeValue::Number(2.5)),
        ],
    );
    (m, o)
}

#[test]
fn golden_reports_match_byte_for_byte() {
    let (m, o) = small_site();
    let zhejiang = builtin("zhejiang-future-community").unwrap();
    golden(
        "zhejiang-small-site.report.json",
        &evaluate(&zhejiang, &m, &o).unwrap(),
    );
    let complete = builtin("complete-community").unwrap();
    let o = opts(
        Some(ProjectType::Renovation),
        &[
            ("kindergartenClasses", AttributeValue::Number(9.0)),
            ("clinicStationGfaM2", AttributeValue::Number(110.0)),
            ("parcelLockers", AttributeValue::Bool(true)),
            ("parkingSpacesPerHousehold", AttributeValue::Number(0.6)),
        ],
    );
    golden(
        "complete-community-renovation.report.json",
        &evaluate(&complete, &site_metrics(), &o).unwrap(),
    );
}

#[test]
fn reports_are_deterministic() {
    let (m, o) = small_site();
    for id in builtin_ids() {
        let p = builtin(id).unwrap();
        let first = evaluate(&p, &m, &o).unwrap().to_json_pretty();
        // A fresh profile, a metrics map built in the opposite order, and
        // another thread: same bytes.
        let reversed: Metrics = m.iter().rev().map(|(k, v)| (k.clone(), *v)).collect();
        let o2 = o.clone();
        let second = std::thread::spawn(move || {
            let p = builtin(id).unwrap();
            evaluate(&p, &reversed, &o2).unwrap().to_json_pretty()
        })
        .join()
        .unwrap();
        assert_eq!(first, second, "{id}");
    }
}
