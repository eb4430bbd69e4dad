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

/// Helsinki with its boundary replaced by an `n` x `n` grid of equal
/// rectangles over the boundary's box (sites sharing the roads and
/// facilities; `n` = 2 gives the four quadrants).
fn grid_sites(n: usize) -> Community {
    let text = fs::read_to_string("data/helsinki-centre/normalized.geojson").expect("dataset");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    let features = doc["features"].as_array_mut().expect("features");
    let boundary = features
        .iter()
        .position(|f| f["properties"]["kind"] == "boundary")
        .expect("a boundary");
    let ring = features[boundary]["geometry"]["coordinates"][0]
        .as_array()
        .expect("ring")
        .clone();
    features.remove(boundary);
    let xy = |i: usize| -> Vec<f64> {
        ring.iter()
            .map(|p| p[i].as_f64().expect("coordinate"))
            .collect()
    };
    let (xs, ys) = (xy(0), xy(1));
    let lo = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (x0, x1, y0, y1) = (lo(&xs), hi(&xs), lo(&ys), hi(&ys));
    let (dx, dy) = ((x1 - x0) / n as f64, (y1 - y0) / n as f64);
    for i in 0..n * n {
        let (a, c) = (x0 + (i % n) as f64 * dx, y0 + (i / n) as f64 * dy);
        let (b, d) = (a + dx, c + dy);
        features.insert(
            i,
            serde_json::json!({
                "type": "Feature",
                "properties": { "kind": "boundary", "id": format!("q{i}") },
                "geometry": { "type": "Polygon",
                    "coordinates": [[[a, c], [b, c], [b, d], [a, d], [a, c]]] }
            }),
        );
    }
    Community::from_geojson(&doc.to_string(), &ReadOptions::default()).expect("reads")
}

fn four_sites() -> Community {
    grid_sites(2)
}

/// `evaluate_all` shares the accessibility and travel circles between sites;
/// each of its reports equals `evaluate_site` of that site alone (all but
/// the warnings, which only the single-site report lists), for the default
/// profile and GB 50180.
#[test]
fn evaluate_all_reports_equal_per_site_evaluations() {
    use future_community::community::SiteRef;
    let c = four_sites();
    assert_eq!(c.sites().len(), 4);
    let opts = EvalOptions::default();
    for id in ["zhejiang-future-community", "gb50180-life-circle"] {
        let p = profile::builtin(id).expect("builtin");
        let all = serde_json::to_value(evaluate_all(&c, &p, &opts).expect("all")).expect("json");
        let reports = all["reports"].as_array().expect("reports");
        assert_eq!(reports.len(), 4);
        let mut assessed = 0;
        for (i, from_all) in reports.iter().enumerate() {
            let one = evaluate_site(&c, Some(&SiteRef::Index(i)), &p, &opts).expect("one");
            let mut one = serde_json::to_value(one).expect("json");
            let mut from_all = from_all.clone();
            for r in [&mut one, &mut from_all] {
                r.as_object_mut().expect("object").remove("warnings");
            }
            assert_eq!(from_all, one, "{id}: site {i}");
            assessed += one["indicators"]
                .as_array()
                .expect("indicators")
                .iter()
                .filter(|ind| ind["value"].is_number())
                .count();
        }
        assert!(assessed >= 8, "{id}: only {assessed} indicator values");
    }
}

/// At a larger count (a 6 x 6 grid: 36 sites, some empty, some cut through
/// blocks) every report of `evaluate_all` still equals `evaluate_site` of
/// that site, and each site's building count equals a brute-force count of
/// the buildings whose centroid lies strictly inside its rectangle.
#[test]
fn evaluate_all_equals_per_site_evaluations_on_36_sites() {
    use future_community::community::SiteRef;
    use future_community::evaluation::site_params;
    use geo::BoundingRect;
    let c = grid_sites(6);
    assert_eq!(c.sites().len(), 36);
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    let opts = EvalOptions::default();
    let all = serde_json::to_value(evaluate_all(&c, &p, &opts).expect("all")).expect("json");
    let reports = all["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 36);
    let mut buildings = 0;
    for (i, from_all) in reports.iter().enumerate() {
        let one = evaluate_site(&c, Some(&SiteRef::Index(i)), &p, &opts).expect("one");
        let mut one = serde_json::to_value(one).expect("json");
        let mut from_all = from_all.clone();
        for r in [&mut one, &mut from_all] {
            r.as_object_mut().expect("object").remove("warnings");
        }
        assert_eq!(from_all, one, "site {i}");
        let r = c.sites()[i].area.bounding_rect().expect("a rectangle");
        let brute = c
            .building_centroids()
            .iter()
            .flatten()
            .filter(|q| {
                r.min().x < q.x() && q.x() < r.max().x && r.min().y < q.y() && q.y() < r.max().y
            })
            .count();
        let counted = c
            .site_metrics(Some(&SiteRef::Index(i)), &site_params(&p))
            .expect("metrics")
            .metrics
            .building_count;
        assert_eq!(counted, brute, "site {i}");
        buildings += counted;
    }
    assert!(buildings >= 100, "only {buildings} buildings in the grid");
}

/// Without the reports, `evaluate_all_with` returns the same table and
/// ranking as with them, and each table row carries what the compare view
/// shows of a report: status, failed binding count and scenario scores.
#[test]
fn evaluate_all_without_reports_keeps_the_table_and_ranking() {
    use future_community::evaluation::evaluate_all_with;
    let c = grid_sites(3);
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    let opts = EvalOptions::default();
    let full = evaluate_all_with(&c, &p, &opts, true).expect("full");
    let slim = evaluate_all_with(&c, &p, &opts, false).expect("slim");
    assert_eq!(full.reports.len(), 9);
    assert!(slim.reports.is_empty());
    assert_eq!(slim.table, full.table);
    assert_eq!(slim.ranking, full.ranking);
    let ids: Vec<&str> = full.reports[0]
        .scenarios
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let cols: Vec<&str> = slim.table.scenarios.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(cols, ids);
    for (row, r) in slim.table.rows.iter().zip(&full.reports) {
        assert_eq!(Some(&row.site_id), r.site_id.as_ref());
        assert_eq!(row.status, r.status);
        assert_eq!(row.failed_binding, r.failed_binding.len());
        let scores: Vec<Option<f64>> = r.scenarios.iter().map(|s| s.score).collect();
        assert_eq!(row.scenario_scores, scores);
    }
    assert!(slim.table.rows.iter().any(|r| r.score.is_some()));
}
