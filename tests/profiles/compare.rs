//! Several sites at once, and two reports of one site compared.

use future_community::profile::{
    builtin, compare_reports, evaluate, evaluate_many, AttributeValue, ChangeKind, EvalOptions,
    Metrics, ProjectType,
};

use super::{minimal, opts, site_metrics};

fn sites() -> Vec<(String, Metrics)> {
    let mut a = Metrics::new();
    a.insert(
        "siteMetrics.serviceFloorAreaPer100HouseholdsM2".into(),
        120.0,
    );
    a.insert("nearest.clinic.medianM".into(), 250.0);
    let mut b = Metrics::new();
    b.insert(
        "siteMetrics.serviceFloorAreaPer100HouseholdsM2".into(),
        60.0,
    );
    b.insert("nearest.clinic.medianM".into(), 450.0);
    b.insert("attributes.platform".into(), 1.0);
    let c = b.clone(); // same numbers as b: shares its rank
    let d = Metrics::new(); // nothing: ranks last, no score
    vec![
        ("b".to_string(), b),
        ("d".to_string(), d),
        ("a".to_string(), a),
        ("c".to_string(), c),
    ]
}

#[test]
fn many_sites_get_reports_a_table_and_a_ranking() {
    let p = minimal();
    let cmp = evaluate_many(&p, &sites(), &EvalOptions::default()).unwrap();
    assert_eq!(cmp.reports.len(), 4);
    let ids: Vec<_> = cmp
        .reports
        .iter()
        .map(|r| r.site_id.clone().unwrap())
        .collect();
    assert_eq!(ids, ["b", "d", "a", "c"], "reports keep input order");
    assert_eq!(cmp.table.columns.len(), p.doc().indicators.len());
    assert_eq!(cmp.table.columns[0].id, "rooms");
    let row_a = &cmp.table.rows[2];
    assert_eq!(row_a.site_id, "a");
    assert_eq!(row_a.values[0], Some(120.0));
    assert_eq!(row_a.scores[1], Some(100.0));
    assert_eq!(row_a.pass[0], Some(true));
    let ranking: Vec<(usize, &str)> = cmp
        .ranking
        .iter()
        .map(|r| (r.rank, r.site_id.as_str()))
        .collect();
    // a: service (100*3 + 100)/4 = 100.  b, c: service (60*3 + 50)/4 = 57.5,
    // governance 100 -> (2*57.5 + 100)/3 = 71.67.  d: no score.
    assert_eq!(ranking, [(1, "a"), (2, "b"), (2, "c"), (4, "d")]);
    assert_eq!(cmp.ranking[0].score, Some(100.0));
    assert_eq!(cmp.ranking[1].score, Some(71.67));
    assert_eq!(cmp.ranking[1].failed_binding, 1);
    assert_eq!(cmp.ranking[3].score, None);
    // Per-site attributes come from each metrics map; shared ones from options and win.
    let shared = opts(None, &[("platform", AttributeValue::Bool(false))]);
    let cmp = evaluate_many(&p, &sites(), &shared).unwrap();
    assert!(cmp
        .reports
        .iter()
        .all(|r| r.indicator("platform").unwrap().pass == Some(false)));
}

#[test]
fn ties_in_score_are_broken_by_failed_binding_then_id() {
    let p = minimal();
    let mut x = Metrics::new();
    x.insert("nearest.clinic.medianM".into(), 100.0);
    let mut y = x.clone();
    y.insert("coverage.park.500.landArea".into(), 1.0);
    let mut z = x.clone();
    z.insert("coverage.park.500.landArea".into(), 0.5);
    let sites = vec![
        ("z".to_string(), z),
        ("y".to_string(), y),
        ("x".to_string(), x),
    ];
    let cmp = evaluate_many(&p, &sites, &opts(Some(ProjectType::NewBuild), &[])).unwrap();
    let ranking: Vec<(usize, &str, usize)> = cmp
        .ranking
        .iter()
        .map(|r| (r.rank, r.site_id.as_str(), r.failed_binding))
        .collect();
    // x: only clinic-walk = 100. y: clinic 100 + park pass 100 = 100. z: (100 + 0)/2 = 50.
    assert_eq!(ranking, [(1, "x", 0), (1, "y", 0), (3, "z", 1)]);
}

#[test]
fn evaluate_many_rejects_bad_site_lists() {
    let p = minimal();
    let e = evaluate_many(&p, &[], &EvalOptions::default()).unwrap_err();
    assert_eq!(e.code(), "INVALID_OPTION");
    let dup = vec![
        ("a".to_string(), Metrics::new()),
        ("a".to_string(), Metrics::new()),
    ];
    let e = evaluate_many(&p, &dup, &EvalOptions::default()).unwrap_err();
    assert!(e.to_string().contains("duplicate site id `a`"), "{e}");
}

#[test]
fn report_diff_shows_what_changed_per_indicator() {
    let p = minimal();
    let mut before = Metrics::new();
    before.insert(
        "siteMetrics.serviceFloorAreaPer100HouseholdsM2".into(),
        80.0,
    );
    before.insert("nearest.clinic.medianM".into(), 250.0);
    before.insert("coverage.park.500.landArea".into(), 1.0);
    let mut after = Metrics::new();
    after.insert(
        "siteMetrics.serviceFloorAreaPer100HouseholdsM2".into(),
        104.5,
    );
    after.insert("nearest.clinic.medianM".into(), 450.0);
    after.insert("coverage.park.500.landArea".into(), 0.9);
    after.insert("attributes.platform".into(), 1.0);
    let o = opts(Some(ProjectType::NewBuild), &[]);
    let a = evaluate(&p, &before, &o).unwrap();
    let b = evaluate(&p, &after, &o).unwrap();
    let d = compare_reports(&a, &b);
    assert!(d.same_profile);
    let kinds: Vec<(&str, ChangeKind)> = d
        .indicators
        .iter()
        .map(|i| (i.id.as_str(), i.change))
        .collect();
    assert_eq!(
        kinds,
        [
            ("rooms", ChangeKind::Improved),
            ("clinic-walk", ChangeKind::Worsened),
            ("parking", ChangeKind::Worsened),
            ("platform", ChangeKind::NewlyAssessed),
            ("rate", ChangeKind::NotAssessed),
        ]
    );
    let rooms = &d.indicators[0];
    assert_eq!(
        (rooms.value.before, rooms.value.after, rooms.value.delta),
        (Some(80.0), Some(104.5), Some(24.5))
    );
    assert_eq!(
        (rooms.score.delta, rooms.pass_before, rooms.pass_after),
        (Some(20.0), Some(false), Some(true))
    );
    assert_eq!(d.resolved_binding, ["rooms"]);
    assert_eq!(d.newly_failed_binding, ["parking"]);
    assert_eq!(d.scenarios.len(), 2);
    assert_eq!(d.scenarios[1].score.before, None);
    assert_eq!(d.scenarios[1].score.after, Some(100.0));
    // A report compared with itself changes nothing.
    let same = compare_reports(&b, &b);
    assert!(same
        .indicators
        .iter()
        .all(|i| matches!(i.change, ChangeKind::Unchanged | ChangeKind::NotAssessed)));
    assert_eq!(same.score.delta, Some(0.0));
    // The diff also works on reports that went through JSON (as from JS).
    let a2 = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(compare_reports(&a2, &b), d);
}

#[test]
fn reports_of_different_profiles_are_matched_by_indicator_id() {
    let metrics = site_metrics();
    let o = opts(Some(ProjectType::Renovation), &[]);
    let a = evaluate(&builtin("gb50180-life-circle").unwrap(), &metrics, &o).unwrap();
    let b = evaluate(&builtin("zhejiang-future-community").unwrap(), &metrics, &o).unwrap();
    let d = compare_reports(&a, &b);
    assert!(!d.same_profile);
    let kind = |id: &str| d.indicators.iter().find(|i| i.id == id).map(|i| i.change);
    // In both profiles with the same metric: unchanged.
    assert_eq!(kind("kindergarten-300m"), Some(ChangeKind::Unchanged));
    assert_eq!(kind("time-bank"), Some(ChangeKind::Added));
    assert_eq!(kind("block-density"), Some(ChangeKind::Removed));
    // Removed ones come after the second report's indicators.
    assert_eq!(
        d.indicators.last().map(|i| i.change),
        Some(ChangeKind::Removed)
    );
}
