//! FAR as the pilots compute it: declared exemptions (`far_exempt_m2` with
//! `far_exempt_reason`) leave the policy FAR only as the Zhejiang profile
//! allows for the project type, and the FAR indicator compares the policy
//! FAR with the declared approved FAR. Explicit `floor_area_m2` values make
//! the expected numbers exact.

use future_community::evaluation::{evaluate_site, site_params};
use future_community::input::ReadOptions;
use future_community::model::ProjectType;
use future_community::profile::{self, AttributeValue, EvalOptions, MissingCause, Status};
use future_community::site::SiteParams;
use future_community::Community;

/// A 10 m square building at `lon`, with `floor_area_m2` and extra props.
fn building(lon: f64, floor_area_m2: f64, extra: serde_json::Value) -> serde_json::Value {
    let mut p = extra;
    p["kind"] = "building".into();
    p["use"] = "residential".into();
    p["households"] = 10.into();
    p["floor_area_m2"] = floor_area_m2.into();
    let (x, y, d) = (lon, 30.2004, 0.0001);
    serde_json::json!({"type": "Feature", "properties": p, "geometry": {"type": "Polygon",
        "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}})
}

fn community() -> Community {
    let features = vec![
        serde_json::json!({"type": "Feature", "properties": {"kind": "boundary", "id": "site"},
        "geometry": {"type": "Polygon", "coordinates": [[[120.1, 30.2], [120.101, 30.2], [120.101, 30.201], [120.1, 30.201], [120.1, 30.2]]]}}),
        building(
            120.1001,
            5000.0,
            serde_json::json!({"far_exempt_m2": 300.0, "far_exempt_reason": "sky_garden_green"}),
        ),
        building(
            120.1003,
            4000.0,
            serde_json::json!({"far_exempt_m2": 500.0, "far_exempt_reason": "stilt_floor"}),
        ),
        building(
            120.1005,
            3000.0,
            serde_json::json!({"far_exempt_m2": 200.0, "far_exempt_reason": "public_open_space"}),
        ),
        // More than its floor area: ignored with a warning.
        building(
            120.1007,
            1000.0,
            serde_json::json!({"far_exempt_m2": 1500.0, "far_exempt_reason": "safety_passage"}),
        ),
        // No known reason: ignored with a warning at read time.
        building(
            120.1009,
            2000.0,
            serde_json::json!({"far_exempt_m2": 100.0, "far_exempt_reason": "balcony"}),
        ),
    ];
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    Community::from_geojson(&fc.to_string(), &ReadOptions::default()).expect("reads")
}

fn params(project_type: Option<ProjectType>) -> SiteParams {
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    SiteParams {
        project_type,
        ..site_params(&p)
    }
}

#[test]
fn policy_far_subtracts_only_what_the_project_type_allows() {
    let c = community();
    assert!(
        c.dataset()
            .warnings
            .iter()
            .any(|w| w.code == "UNKNOWN_FAR_EXEMPT_REASON" && w.feature_index == Some(5)),
        "{:?}",
        c.dataset().warnings
    );
    let floor = 5000.0 + 4000.0 + 3000.0 + 1000.0 + 2000.0;
    for (pt, exempt) in [
        // Every project: the greened sky-garden balconies only.
        (None, 300.0),
        (Some(ProjectType::NewBuild), 300.0),
        // Renovation: also stilt floors and public open space.
        (Some(ProjectType::Renovation), 300.0 + 500.0 + 200.0),
    ] {
        let r = c.site_metrics(None, &params(pt)).expect("metrics");
        let m = &r.metrics;
        assert_eq!(m.floor_area_m2, floor);
        assert_eq!(m.far_exempt_m2, exempt, "{pt:?}");
        let site = m.site_area_m2;
        let (far, policy) = (m.far.expect("far"), m.policy_far.expect("policy FAR"));
        assert!((far - floor / site).abs() < 1e-12, "{far}");
        assert!(
            (policy - (floor - exempt) / site).abs() < 1e-12,
            "{pt:?}: {policy}"
        );
        let codes: Vec<&str> = r.warnings.iter().map(|w| w.code).collect();
        assert!(
            codes.contains(&"FAR_EXEMPT_EXCEEDS_FLOOR_AREA"),
            "{codes:?}"
        );
        assert_eq!(
            codes.contains(&"FAR_EXEMPT_NOT_APPLIED"),
            pt != Some(ProjectType::Renovation),
            "{pt:?}: {codes:?}"
        );
    }
}

#[test]
fn the_far_indicator_is_judged_against_the_declared_approved_far() {
    let c = community();
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    let far_of = |approved: Option<f64>, project_type: ProjectType| {
        let mut opts = EvalOptions {
            project_type: Some(project_type),
            ..EvalOptions::default()
        };
        if let Some(a) = approved {
            opts.attributes
                .insert("approvedFar".into(), AttributeValue::Number(a));
        }
        let report = evaluate_site(&c, None, &p, &opts).expect("evaluates");
        let ind = report
            .indicators
            .iter()
            .find(|i| i.id == "far")
            .cloned()
            .expect("far indicator");
        (report, ind)
    };
    let policy = c
        .site_metrics(None, &params(Some(ProjectType::Renovation)))
        .expect("metrics")
        .metrics
        .policy_far
        .expect("policy FAR");
    // Above and below the policy FAR.
    let (_, pass) = far_of(Some(policy + 0.5), ProjectType::Renovation);
    assert_eq!(pass.status, Status::Assessed);
    assert_eq!(pass.pass, Some(true));
    assert_eq!(
        pass.target.as_ref().and_then(|t| t.value),
        Some(policy + 0.5)
    );
    let (_, fail) = far_of(Some(policy - 0.5), ProjectType::Renovation);
    assert_eq!(fail.pass, Some(false));
    // Not declared: not assessed, listed as a missing declaration (for a
    // new build, where the building scenario is required and so counted).
    let (report, missing) = far_of(None, ProjectType::NewBuild);
    assert_eq!(missing.status, Status::NotAssessed);
    assert!(
        missing.explanation.en.contains("approvedFar"),
        "{:?}",
        missing.explanation
    );
    assert!(
        report
            .missing
            .iter()
            .any(|g| g.cause == MissingCause::NotDeclared
                && g.items.iter().any(|i| i == "approvedFar")),
        "{:?}",
        report.missing
    );
}

#[test]
fn value_from_must_name_a_declared_attribute_and_replace_value() {
    let base = profile::builtin("zhejiang-future-community").expect("builtin");
    let doc = serde_json::to_value(base.doc()).expect("serialises");
    let far = doc["indicators"]
        .as_array()
        .and_then(|a| a.iter().position(|i| i["id"] == "far"))
        .expect("far");
    for (target, needle) in [
        (
            serde_json::json!({"op": "<=", "valueFrom": "attributes.nope"}),
            "not declared",
        ),
        (
            serde_json::json!({"op": "<=", "valueFrom": "attributes.approvedFar", "value": 2}),
            "valueFrom",
        ),
        (
            serde_json::json!({"op": "between", "min": 1, "max": 2, "valueFrom": "attributes.approvedFar"}),
            "valueFrom",
        ),
        (
            serde_json::json!({"op": "<=", "valueFrom": "no.such.metric"}),
            "valueFrom",
        ),
    ] {
        let mut d = doc.clone();
        d["indicators"][far]["target"] = target;
        let e = profile::Profile::from_json(&d.to_string()).expect_err("refused");
        assert_eq!(e.code(), "INVALID_PROFILE");
        assert!(e.to_string().contains(needle), "{e}");
    }
}
