//! Every built-in profile evaluates the real Helsinki dataset end to end:
//! no errors, every indicator computed or honestly "not assessed" with a
//! reason, computed metrics never reported as missing, and the output is
//! byte-identical across runs.

use std::fs;

use future_community::evaluation::{evaluate_all, evaluate_site, metrics_for_site};
use future_community::input::ReadOptions;
use future_community::profile::{self, AttributeValue, EvalOptions, ProjectType, Status};
use future_community::Community;

fn community() -> Community {
    let text = fs::read_to_string("data/helsinki-centre/normalized.geojson").expect("dataset");
    Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
}

#[test]
fn every_builtin_profile_evaluates_the_shared_dataset() {
    let c = community();
    // The approved FAR is declared, so that every site metric is assessed
    // (the FAR indicator's target is read from it).
    let opts = EvalOptions {
        project_type: Some(ProjectType::Renovation),
        attributes: [("approvedFar".to_string(), AttributeValue::Number(3.0))].into(),
        ..EvalOptions::default()
    };
    for info in profile::builtin_profiles() {
        let p = profile::builtin(&info.id).expect("builtin loads");
        let metrics = metrics_for_site(&c, None, &p, None)
            .expect("metrics")
            .metrics;
        let report = evaluate_site(&c, None, &p, &opts).expect("evaluates");
        assert_eq!(report.indicators.len(), p.doc().indicators.len());
        for ind in &report.indicators {
            match ind.status {
                Status::Assessed => {
                    assert!(ind.value.is_some(), "{}: assessed without value", ind.id)
                }
                Status::NotAssessed | Status::NotApplicable => {
                    assert!(ind.value.is_none() && ind.reason.is_some(), "{}", ind.id);
                    // A metric we computed must never show up as missing.
                    assert!(
                        !metrics.contains_key(&ind.metric),
                        "{}: {} computed but not assessed",
                        ind.id,
                        ind.metric
                    );
                }
            }
            if ind.metric == "siteMetrics.serviceFloorAreaPer100HouseholdsM2" {
                // Helsinki's community centres carry no floor area: unknown, not zero.
                assert_eq!(ind.status, Status::NotAssessed, "{}", ind.id);
            } else if ind.metric.starts_with("siteMetrics.") {
                assert_eq!(
                    ind.status,
                    Status::Assessed,
                    "{} ({}) not assessed",
                    ind.id,
                    ind.metric
                );
            }
        }
        let again = evaluate_site(&community(), None, &p, &opts).expect("evaluates");
        assert_eq!(
            serde_json::to_string(&report).expect("json"),
            serde_json::to_string(&again).expect("json"),
            "{} not deterministic",
            info.id
        );
    }
}

#[test]
fn evaluate_all_ranks_the_single_site() {
    let c = community();
    let p = profile::builtin("gb50180-life-circle").expect("builtin");
    let cmp = evaluate_all(&c, &p, &EvalOptions::default()).expect("evaluates");
    let json = serde_json::to_value(&cmp).expect("json");
    assert_eq!(json["reports"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["reports"][0]["siteId"], "boundary");
}

/// The per-site coverage the evaluation computes equals the reference
/// (networkx, `network_edge` variant) for every category and threshold the
/// GB 50180 profile reads, within 0.5 percentage points.
#[test]
fn evaluation_coverage_matches_the_reference() {
    let text =
        fs::read_to_string("data/helsinki-centre/reference/coverage.json").expect("coverage");
    let reference: serde_json::Value = serde_json::from_str(&text).expect("json");
    let c = community();
    let p = profile::builtin("gb50180-life-circle").expect("builtin");
    let metrics = metrics_for_site(&c, None, &p, None)
        .expect("metrics")
        .metrics;
    let mut checked = 0;
    for (key, value) in &metrics {
        let parts: Vec<&str> = key.split('.').collect();
        if let ["coverage", cat, threshold, "households"] = parts[..] {
            let expected = reference["categories"][cat]["network_edge"][threshold]
                ["household_share"]
                .as_f64()
                .unwrap_or_else(|| panic!("reference lacks {key}"));
            assert!(
                (value - expected).abs() <= 0.005,
                "{key}: {value} vs reference {expected}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} coverage metrics checked");
}
