//! Honest verdicts: no grade without enough data, the `missing` list by
//! cause, required (标配) and optional (选配) scenarios by project type and
//! tier, and binding flags with a basis. On the real Helsinki data and on
//! a buildings-only cut of it.

use std::fs;

use future_community::evaluation::evaluate_site;
use future_community::input::ReadOptions;
use future_community::profile::{
    self, Binding, BindingBasis, EvalOptions, MissingCause, ProjectType, Report, ReportStatus, Tier,
};
use future_community::Community;

fn text() -> String {
    fs::read_to_string("data/helsinki-centre/normalized.geojson").expect("dataset")
}

fn helsinki() -> Community {
    Community::from_geojson(&text(), &ReadOptions::default()).expect("reads")
}

/// The Helsinki buildings only: no roads, no facilities, no green.
fn buildings_only() -> Community {
    let mut doc: serde_json::Value = serde_json::from_str(&text()).expect("json");
    let features = doc["features"].as_array_mut().expect("features");
    features.retain(|f| f["properties"]["kind"] == "building");
    Community::from_geojson(&doc.to_string(), &ReadOptions::default()).expect("reads")
}

fn eval(c: &Community, id: &str, project_type: Option<ProjectType>, tier: Option<Tier>) -> Report {
    let p = profile::builtin(id).expect("builtin");
    let opts = EvalOptions {
        project_type,
        tier,
        ..EvalOptions::default()
    };
    evaluate_site(c, None, &p, &opts).expect("evaluates")
}

fn required(r: &Report) -> Vec<&str> {
    r.scenarios
        .iter()
        .filter(|s| s.required)
        .map(|s| s.id.as_str())
        .collect()
}

#[test]
fn renovation_leading_requires_the_five_core_scenarios() {
    let r = eval(
        &helsinki(),
        "zhejiang-future-community",
        Some(ProjectType::Renovation),
        Some(Tier::Leading),
    );
    assert_eq!(
        required(&r),
        [
            "neighbourhood",
            "education",
            "health",
            "service",
            "governance"
        ]
    );
    assert_eq!(r.tier, Some(Tier::Leading));
}

#[test]
fn new_build_leading_requires_all_but_entrepreneurship() {
    let r = eval(
        &helsinki(),
        "zhejiang-future-community",
        Some(ProjectType::NewBuild),
        Some(Tier::Leading),
    );
    let all: Vec<&str> = r.scenarios.iter().map(|s| s.id.as_str()).collect();
    let want: Vec<&str> = all
        .iter()
        .copied()
        .filter(|s| *s != "entrepreneurship")
        .collect();
    assert_eq!(required(&r), want);
}

#[test]
fn inclusive_projects_require_the_core_five_and_no_type_means_every_scenario() {
    let r = eval(
        &helsinki(),
        "zhejiang-future-community",
        Some(ProjectType::NewBuild),
        Some(Tier::Inclusive),
    );
    assert_eq!(
        required(&r),
        [
            "neighbourhood",
            "education",
            "health",
            "service",
            "governance"
        ]
    );
    // Without a project type or tier nothing says a scenario may be left out,
    // except the one that is optional for every project.
    let r = eval(&helsinki(), "zhejiang-future-community", None, None);
    assert_eq!(required(&r).len(), 8);
    assert!(!required(&r).contains(&"entrepreneurship"));
}

#[test]
fn optional_scenarios_count_towards_neither_score_nor_completeness() {
    let c = helsinki();
    let r = eval(
        &c,
        "zhejiang-future-community",
        Some(ProjectType::Renovation),
        Some(Tier::Leading),
    );
    // Recompute the overall score from the required scenarios alone (weights 1).
    let req: Vec<_> = r
        .scenarios
        .iter()
        .filter(|s| s.required && s.score.is_some())
        .collect();
    let mean = req
        .iter()
        .map(|s| s.score.unwrap_or(0.0) * s.weight)
        .sum::<f64>()
        / req.iter().map(|s| s.weight).sum::<f64>();
    let score = r.score.expect("scored");
    assert!((score - mean).abs() < 0.01, "{score} vs {mean}");
    // Optional scenarios keep their own score.
    assert!(r.scenarios.iter().any(|s| !s.required && s.score.is_some()));
}

#[test]
fn complete_community_on_helsinki_gives_no_grade_and_says_what_is_missing() {
    let r = eval(&helsinki(), "complete-community", None, None);
    assert_eq!(r.status, ReportStatus::Insufficient);
    assert!(r.grade.is_none());
    assert!(r.score.is_some(), "the score stays, flagged");
    let declared = r
        .missing
        .iter()
        .find(|g| g.cause == MissingCause::NotDeclared)
        .expect("not declared group");
    assert!(declared.indicators.len() >= 5);
    assert!(declared.items.contains(&"kindergartenClasses".to_string()));
    assert!(r
        .missing
        .iter()
        .any(|g| g.cause == MissingCause::ProjectTypeNotGiven));
    assert!(r.disclaimer.is_some());
}

#[test]
fn buildings_only_data_is_insufficient_for_lack_of_a_walkable_network() {
    let c = buildings_only();
    for id in [
        "complete-community",
        "zhejiang-future-community",
        "gb50180-life-circle",
    ] {
        let r = eval(&c, id, Some(ProjectType::Renovation), Some(Tier::Leading));
        assert_eq!(
            r.status,
            ReportStatus::Insufficient,
            "{id}: {:?} {}",
            r.score,
            r.completeness
        );
        assert!(r.grade.is_none(), "{id}");
        let no_network = r
            .missing
            .iter()
            .find(|g| g.cause == MissingCause::NoWalkableNetwork);
        assert!(
            no_network.is_some_and(|g| !g.indicators.is_empty()),
            "{id}: {:?}",
            r.missing
        );
    }
}

#[test]
fn zhejiang_on_helsinki_needs_the_yilao_yixiao_facilities_or_declared_facts() {
    let c = helsinki();
    let r = eval(
        &c,
        "zhejiang-future-community",
        Some(ProjectType::Renovation),
        Some(Tier::Leading),
    );
    // Helsinki has none of the six "一老一小" categories: not assessed, not 0.
    assert_eq!(
        r.status,
        ReportStatus::Insufficient,
        "completeness {}",
        r.completeness
    );
    let absent = r
        .missing
        .iter()
        .find(|g| g.cause == MissingCause::NoFacilityCategory)
        .expect("absent categories");
    for cat in ["childcare", "elderly_canteen", "party_service_centre"] {
        assert!(
            absent.items.iter().any(|i| i == cat),
            "{cat}: {:?}",
            absent.items
        );
    }
    // Declaring the facts the page asks for lifts it to a provisional grade.
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    let mut opts = EvalOptions {
        project_type: Some(ProjectType::Renovation),
        tier: Some(Tier::Leading),
        ..EvalOptions::default()
    };
    for name in [
        "timeBank",
        "platformButlerProperty",
        "smartServicePlatform",
        "smartSecurity",
    ] {
        opts.attributes
            .insert(name.to_string(), profile::AttributeValue::Bool(true));
    }
    let r = evaluate_site(&c, None, &p, &opts).expect("evaluates");
    assert_eq!(
        r.status,
        ReportStatus::Provisional,
        "completeness {}",
        r.completeness
    );
    assert!(r.grade.is_some());
}

#[test]
fn every_binding_indicator_of_the_builtins_names_its_basis() {
    for info in profile::builtin_profiles() {
        let p = profile::builtin(&info.id).expect("builtin");
        for ind in &p.doc().indicators {
            let basis = ind
                .binding_basis
                .unwrap_or_else(|| panic!("{}: {} has no bindingBasis", info.id, ind.id));
            if ind.binding == Binding::Constraint {
                assert_ne!(basis, BindingBasis::None, "{}: {}", info.id, ind.id);
            }
        }
        assert!(p.doc().grading.min_completeness.is_some(), "{}", info.id);
        assert!(p.doc().disclaimer.is_some(), "{}", info.id);
    }
}

#[test]
fn a_constraint_without_a_basis_is_refused() {
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    let mut doc = serde_json::to_value(p.doc()).expect("doc");
    let ind = doc["indicators"]
        .as_array_mut()
        .expect("indicators")
        .iter_mut()
        .find(|i| i["binding"] == "constraint")
        .expect("a constraint");
    ind["bindingBasis"] = "none".into();
    let err = profile::Profile::from_value(doc).expect_err("refused");
    assert_eq!(err.code(), "INVALID_PROFILE");
    assert!(err.to_string().contains("bindingBasis"), "{err}");
}
