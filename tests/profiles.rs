//! Profiles and the indicator engine through the public API: built-ins,
//! evaluation semantics, schema consistency. Golden reports, validation
//! errors and comparisons live in `tests/profiles/`.

#[path = "profiles/compare.rs"]
mod compare;
#[path = "profiles/golden.rs"]
mod golden;
#[path = "profiles/validation.rs"]
mod validation;

use std::collections::BTreeMap;

use future_community::profile::{
    builtin, builtin_ids, builtin_profiles, evaluate, load_profile, metric, AttributeValue,
    EvalOptions, MetricKey, Metrics, Profile, ProjectType, Reason, Status, PROFILE_SCHEMA,
    SCENARIO_IDS,
};
use future_community::Error;

pub const MINIMAL: &str = include_str!("data/minimal-profile.json");

pub fn site_metrics() -> Metrics {
    serde_json::from_str(include_str!("data/site-metrics.json")).expect("site metrics fixture")
}

pub fn minimal() -> Profile {
    load_profile(MINIMAL).expect("minimal profile loads")
}

pub fn opts(project_type: Option<ProjectType>, attrs: &[(&str, AttributeValue)]) -> EvalOptions {
    EvalOptions {
        attributes: attrs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        project_type,
        tier: None,
    }
}

/// Values for every attribute the built-ins declare: booleans true, numbers
/// at a plausible value within their bounds.
fn all_attributes(profile: &Profile) -> BTreeMap<String, AttributeValue> {
    profile
        .doc()
        .attributes
        .iter()
        .map(|(name, def)| {
            let v = match def.kind {
                future_community::profile::AttributeType::Boolean => AttributeValue::Bool(true),
                future_community::profile::AttributeType::Number => {
                    AttributeValue::Number(def.max.map_or(1000.0, |hi| hi * 0.9))
                }
            };
            (name.clone(), v)
        })
        .collect()
}

#[test]
fn every_builtin_loads_validates_and_round_trips() {
    let ids = builtin_ids();
    assert_eq!(
        ids,
        [
            "zhejiang-future-community",
            "gb50180-life-circle",
            "urban-health-check",
            "complete-community"
        ]
    );
    let infos = builtin_profiles();
    assert_eq!(infos.len(), ids.len());
    for (id, info) in ids.iter().zip(&infos) {
        let p = builtin(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(p.id(), *id);
        assert_eq!(info.id, *id);
        assert_eq!(info.indicators, p.doc().indicators.len());
        // Serializing and loading again gives the same profile.
        let again = load_profile(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(again, p);
        // And through a JSON value (the path JS objects take).
        let value = serde_json::to_value(&p).unwrap();
        assert_eq!(Profile::from_value(value).unwrap(), p);
    }
    let e = builtin("no-such-profile").unwrap_err();
    assert_eq!(e.code(), "NOT_FOUND");
}

#[test]
fn zhejiang_profile_has_the_nine_scenarios_and_the_seed_numbers() {
    let p = builtin("zhejiang-future-community").unwrap();
    let ids: Vec<&str> = p.doc().scenarios.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, SCENARIO_IDS);
    let rooms = p
        .doc()
        .indicators
        .iter()
        .find(|i| i.id == "service-rooms-per-100-households")
        .unwrap();
    assert_eq!(rooms.target.as_ref().and_then(|t| t.value), Some(100.0));
    assert!(rooms.verified);
    assert_eq!(rooms.source, ["HZ2019-90"]);
    // Parameters the site-metrics code reads, with provenance.
    // Hangzhou's 2013 green rules: roof green by soil depth, wall green 20 %.
    assert_eq!(
        p.parameter_numbers("roofGreenSoilDepthsM"),
        Some(&[1.5, 1.0, 0.5, 0.3, 0.1][..])
    );
    assert_eq!(
        p.parameter_numbers("roofGreenSoilFactors"),
        Some(&[1.0, 0.8, 0.5, 0.3, 0.1][..])
    );
    assert_eq!(p.parameter_number("verticalGreenFactor"), Some(0.2));
    assert!(p
        .parameter("roofGreenSoilFactors")
        .is_some_and(|x| !x.verified));
    assert_eq!(p.parameter_number("walkSpeedMps"), Some(1.3889));
    let cats = p.parameter_list("serviceCategories").unwrap();
    assert!(cats.iter().all(|c| metric::is_category(c)));
}

#[test]
fn verified_indicators_cite_a_checked_source() {
    // Keys standing for texts that were not read: citing only these cannot
    // make a number verified.
    let unread = ["GB50180-2018", "DOMAIN-3.2"];
    for id in builtin_ids() {
        let p = builtin(id).unwrap();
        for ind in &p.doc().indicators {
            if ind.verified {
                assert!(
                    ind.source.iter().any(|s| !unread.contains(&s.as_str())),
                    "{id}/{}: verified but cites only unread sources",
                    ind.id
                );
            }
            assert!(
                ind.note.is_some(),
                "{id}/{}: every built-in indicator explains its provenance",
                ind.id
            );
        }
    }
}

#[test]
fn requirements_list_exactly_what_is_read() {
    let p = builtin("zhejiang-future-community").unwrap();
    let cov = p.required_coverage();
    for want in [
        ("kindergarten", 300.0),
        ("primary_school", 500.0),
        ("middle_school", 1000.0),
        ("community_center", 300.0),
        ("market", 500.0),
    ] {
        assert!(
            cov.contains(&(want.0.to_string(), want.1)),
            "{want:?} in {cov:?}"
        );
    }
    let mut sorted = cov.clone();
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    sorted.dedup();
    assert_eq!(sorted, cov);
    assert_eq!(p.required_travel_circles().len(), 3);
    assert!(p
        .required_site_metrics()
        .contains(&"serviceFloorAreaPer100HouseholdsM2".to_string()));
    assert!(p
        .required_attributes()
        .contains(&"smartServicePlatform".to_string()));
    assert!(p.required_nearest().is_empty());
    let m = minimal();
    assert_eq!(m.required_nearest(), ["clinic"]);
    assert_eq!(m.required_coverage(), [("park".to_string(), 500.0)]);
    // Every key a built-in reads parses and prints back the same.
    for id in builtin_ids() {
        let p = builtin(id).unwrap();
        for (ind, key) in p.doc().indicators.iter().zip(p.metric_keys()) {
            assert_eq!(key.key(), ind.metric);
            assert_eq!(MetricKey::parse(&ind.metric).as_ref(), Ok(key));
        }
    }
}

#[test]
fn requirements_keep_the_indicator_order_of_coverage() {
    // A front end takes its default category from the first coverage need,
    // so the needs follow the indicators (first reader wins), not the alphabet.
    let p = builtin("gb50180-life-circle").unwrap();
    let got: Vec<(String, u32)> = p
        .requirements()
        .coverage
        .into_iter()
        .map(|c| (c.category, c.threshold_m))
        .collect();
    let mut want: Vec<(String, u32)> = Vec::new();
    for key in p.metric_keys() {
        if let MetricKey::Coverage {
            category,
            threshold_m,
            ..
        } = key
        {
            if !want.contains(&(category.clone(), *threshold_m)) {
                want.push((category.clone(), *threshold_m));
            }
        }
    }
    assert_eq!(got, want);
    assert_eq!(got[0], ("kindergarten".to_string(), 300));
    assert_eq!(got[1], ("community_center".to_string(), 300));
    // Not sorted: bus_stop would come first alphabetically.
    assert_ne!(got.iter().min(), got.first());
}

#[test]
fn every_builtin_evaluates_a_realistic_site() {
    let metrics = site_metrics();
    for id in builtin_ids() {
        let p = builtin(id).unwrap();
        for project_type in [
            None,
            Some(ProjectType::Renovation),
            Some(ProjectType::NewBuild),
        ] {
            // Without attributes: spatial indicators computed, the rest honestly not assessed.
            let r = evaluate(&p, &metrics, &opts(project_type, &[])).unwrap();
            assert_eq!(r.indicators.len(), p.doc().indicators.len());
            for ind in &r.indicators {
                match ind.status {
                    Status::Assessed => {
                        assert!(
                            ind.value.is_some() && ind.score.is_some(),
                            "{id}/{}",
                            ind.id
                        );
                        assert!(ind.reason.is_none());
                        let s = ind.score.unwrap_or(-1.0);
                        assert!((0.0..=100.0).contains(&s), "{id}/{}: {s}", ind.id);
                        assert!(
                            !ind.explanation.zh.contains('{') && !ind.explanation.en.contains('{')
                        );
                    }
                    Status::NotAssessed | Status::NotApplicable => {
                        assert!(ind.value.is_none() && ind.score.is_none() && ind.pass.is_none());
                        assert!(ind.reason.is_some(), "{id}/{}", ind.id);
                    }
                }
                let from_attribute = ind
                    .target
                    .as_ref()
                    .and_then(|t| t.value_from.as_deref())
                    .is_some_and(|k| k.starts_with("attributes."));
                if ind.metric.starts_with("attributes.") || from_attribute {
                    assert_ne!(ind.status, Status::Assessed);
                } else if ind.status != Status::NotApplicable {
                    assert_eq!(
                        ind.status,
                        Status::Assessed,
                        "{id}/{}: fixture lacks {}",
                        ind.id,
                        ind.metric
                    );
                }
            }
            assert!((0.0..=1.0).contains(&r.completeness));
            assert!(r.score.is_some_and(|s| (0.0..=100.0).contains(&s)));
            assert!(r.warnings.is_empty());
            // With every attribute declared, everything applicable is assessed.
            let all = EvalOptions {
                attributes: all_attributes(&p),
                project_type: Some(project_type.unwrap_or(ProjectType::NewBuild)),
                tier: None,
            };
            let r = evaluate(&p, &metrics, &all).unwrap();
            assert_eq!(r.completeness, 1.0, "{id}");
            assert!(
                r.indicators.iter().all(|i| i.status != Status::NotAssessed),
                "{id}"
            );
            assert!(r.grade.is_some());
        }
    }
}

#[test]
fn missing_values_are_not_assessed_not_zero() {
    let p = minimal();
    let mut m = Metrics::new();
    m.insert(
        "siteMetrics.serviceFloorAreaPer100HouseholdsM2".into(),
        80.0,
    );
    let r = evaluate(&p, &m, &opts(Some(ProjectType::NewBuild), &[])).unwrap();
    let rooms = r.indicator("rooms").unwrap();
    assert_eq!(
        (rooms.status, rooms.pass, rooms.score),
        (Status::Assessed, Some(false), Some(80.0))
    );
    assert_eq!(
        rooms.explanation.zh,
        "配套用房 80 m²/百户，要求 ≥ 100 m²/百户，得分 80。结论：未达标（约束性指标）。"
    );
    assert_eq!(
        rooms.explanation.en,
        "Rooms 80 m²/100 households, target ≥ 100 m²/100 households, score 80. Result: fails a binding target."
    );
    let clinic = r.indicator("clinic-walk").unwrap();
    assert_eq!(
        (clinic.status, clinic.reason),
        (Status::NotAssessed, Some(Reason::MissingValue))
    );
    assert!(clinic.explanation.en.contains("nearest.clinic.medianM"));
    // service: only `rooms` assessed (80); governance: nothing.
    let service = &r.scenarios[0];
    assert_eq!(
        (service.score, service.assessed, service.applicable),
        (Some(80.0), 1, 3)
    );
    assert_eq!(service.completeness, 0.6); // weights 3 of 3+1+1
    assert_eq!(r.scenarios[1].score, None);
    assert_eq!(r.score, Some(80.0)); // mean over scored scenarios only
    assert_eq!(r.grade.as_ref().map(|g| g.id.as_str()), Some("A"));
    // (2 * 0.6 + 1 * 0) / 3
    assert_eq!(r.completeness, 0.4);
    assert_eq!(r.failed_binding, ["rooms"]);
    assert_eq!(r.not_assessed_binding, ["parking"]);
    assert!(r
        .indicator("platform")
        .unwrap()
        .explanation
        .zh
        .contains("未申报属性“平台”"));
    // Nothing at all: no score, no grade, completeness 0.
    let r = evaluate(&p, &Metrics::new(), &EvalOptions::default()).unwrap();
    assert_eq!(
        (r.score, r.grade.is_none(), r.completeness),
        (None, true, 0.0)
    );
}

#[test]
fn project_type_chooses_targets_and_applicability() {
    let p = minimal();
    let mut m = Metrics::new();
    m.insert(
        "siteMetrics.serviceFloorAreaPer100HouseholdsM2".into(),
        80.0,
    );
    m.insert("coverage.park.500.landArea".into(), 0.95);
    let r = evaluate(&p, &m, &opts(Some(ProjectType::Renovation), &[])).unwrap();
    let rooms = r.indicator("rooms").unwrap();
    assert_eq!(rooms.pass, Some(true), "renovation target is >= 70");
    assert_eq!(
        rooms.target_text.as_ref().map(|t| t.en.as_str()),
        Some("≥ 70 m²/100 households")
    );
    let park = r.indicator("parking").unwrap();
    assert_eq!(
        (park.status, park.reason),
        (Status::NotApplicable, Some(Reason::OtherProjectTypeOnly))
    );
    assert_eq!(park.explanation.zh, "不适用：该指标仅适用于规划新建项目。");
    assert_eq!(r.scenarios[0].applicable, 2);
    // No project type: default target, and the new-build-only indicator asks for one.
    let r = evaluate(&p, &m, &EvalOptions::default()).unwrap();
    assert_eq!(r.indicator("rooms").unwrap().pass, Some(false));
    let park = r.indicator("parking").unwrap();
    assert_eq!(
        (park.status, park.reason),
        (Status::NotAssessed, Some(Reason::ProjectTypeRequired))
    );
    assert_eq!(r.not_assessed_binding, ["parking"]);
    // New build: judged, and fails >= 100 %.
    let r = evaluate(&p, &m, &opts(Some(ProjectType::NewBuild), &[])).unwrap();
    let park = r.indicator("parking").unwrap();
    assert_eq!(
        (park.status, park.pass, park.score),
        (Status::Assessed, Some(false), Some(0.0))
    );
    assert_eq!(r.failed_binding, ["rooms", "parking"]);
}

#[test]
fn attributes_are_typed_checked_and_scored() {
    let p = minimal();
    let m = Metrics::new();
    let r = evaluate(
        &p,
        &m,
        &opts(
            None,
            &[
                ("platform", AttributeValue::Bool(true)),
                ("rate", AttributeValue::Number(0.95)),
            ],
        ),
    )
    .unwrap();
    let platform = r.indicator("platform").unwrap();
    assert_eq!(
        (platform.value, platform.pass, platform.score),
        (Some(1.0), Some(true), Some(100.0))
    );
    assert_eq!(platform.explanation.zh, "平台：是。结论：达标。");
    let rate = r.indicator("rate").unwrap();
    assert_eq!((rate.pass, rate.score), (Some(false), Some(95.0)));
    assert_eq!(
        rate.explanation.en,
        "Rate 95% (%), range 50%–90%. Result: below the guidance target."
    );
    // Attributes may also come in the metrics map; options win.
    let mut m = Metrics::new();
    m.insert("attributes.platform".into(), 0.0);
    let r = evaluate(&p, &m, &EvalOptions::default()).unwrap();
    assert_eq!(r.indicator("platform").unwrap().pass, Some(false));
    let r = evaluate(
        &p,
        &m,
        &opts(None, &[("platform", AttributeValue::Bool(true))]),
    )
    .unwrap();
    assert_eq!(r.indicator("platform").unwrap().pass, Some(true));
    // Wrong type, out of range, non-finite: errors naming the attribute.
    for (name, value, want) in [
        (
            "platform",
            AttributeValue::Number(1.0),
            "expected true or false",
        ),
        ("rate", AttributeValue::Bool(true), "expected a number"),
        ("rate", AttributeValue::Number(1.5), "1.5 is outside 0..=1"),
        ("rate", AttributeValue::Number(-0.1), "outside 0..=1"),
        ("rate", AttributeValue::Number(f64::NAN), "outside"),
    ] {
        let e = evaluate(&p, &Metrics::new(), &opts(None, &[(name, value)])).unwrap_err();
        match &e {
            Error::InvalidOption { option, reason } => {
                assert_eq!(option, &format!("attributes.{name}"));
                assert!(reason.contains(want), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
    // Undeclared attribute: a warning, not an error.
    let r = evaluate(
        &p,
        &Metrics::new(),
        &opts(None, &[("colour", AttributeValue::Bool(true))]),
    )
    .unwrap();
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].code, "UNKNOWN_ATTRIBUTE");
    // Options deserialize from the camelCase JSON the JS side sends.
    let o: EvalOptions = serde_json::from_str(
        r#"{"attributes":{"platform":true,"rate":0.5},"projectType":"newBuild"}"#,
    )
    .unwrap();
    assert_eq!(o.project_type, Some(ProjectType::NewBuild));
    assert_eq!(o.attributes["platform"], AttributeValue::Bool(true));
    assert!(serde_json::from_str::<EvalOptions>(r#"{"projecttype":"newBuild"}"#).is_err());
}

#[test]
fn bands_and_rounding_in_reports() {
    let p = minimal();
    let mut m = Metrics::new();
    m.insert("nearest.clinic.medianM".into(), 300.00004); // rounds to 300: first band
    m.insert(
        "siteMetrics.serviceFloorAreaPer100HouseholdsM2".into(),
        99.99996,
    ); // rounds to 100: passes
    let r = evaluate(&p, &m, &EvalOptions::default()).unwrap();
    let clinic = r.indicator("clinic-walk").unwrap();
    assert_eq!(
        (clinic.value, clinic.score, clinic.pass),
        (Some(300.0), Some(100.0), None)
    );
    assert_eq!(
        clinic.explanation.en,
        "Median distance 300 m. Result: no target; scored on the value alone."
    );
    let rooms = r.indicator("rooms").unwrap();
    assert_eq!((rooms.value, rooms.pass), (Some(100.0), Some(true)));
    m.insert("nearest.clinic.medianM".into(), 500.1);
    let r = evaluate(&p, &m, &EvalOptions::default()).unwrap();
    assert_eq!(r.indicator("clinic-walk").unwrap().score, Some(0.0));
    // Non-finite metric values are treated as missing, with a warning.
    m.insert("nearest.clinic.medianM".into(), f64::INFINITY);
    let r = evaluate(&p, &m, &EvalOptions::default()).unwrap();
    assert_eq!(
        r.indicator("clinic-walk").unwrap().status,
        Status::NotAssessed
    );
    assert_eq!(r.warnings[0].code, "NON_FINITE_METRIC");
}

#[test]
fn json_schema_agrees_with_the_code() {
    let schema: serde_json::Value = serde_json::from_str(PROFILE_SCHEMA).unwrap();
    let defs = &schema["$defs"];
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(strings(&defs["scenarioId"]["enum"]), SCENARIO_IDS);
    let names = |v: Vec<serde_json::Value>| -> Vec<String> {
        v.iter().map(|x| x.as_str().unwrap().to_string()).collect()
    };
    use future_community::profile::{BindingBasis, Tier};
    assert_eq!(
        strings(&defs["tier"]["enum"]),
        names(vec![
            serde_json::to_value(Tier::Leading).unwrap(),
            serde_json::to_value(Tier::Inclusive).unwrap()
        ])
    );
    assert_eq!(
        strings(&defs["indicator"]["properties"]["bindingBasis"]["enum"]),
        names(
            [
                BindingBasis::NationalMandatory,
                BindingBasis::SeedNumber,
                BindingBasis::LocalRule,
                BindingBasis::None
            ]
            .iter()
            .map(|b| serde_json::to_value(b).unwrap())
            .collect()
        )
    );
    assert_eq!(
        strings(&defs["target"]["properties"]["op"]["enum"]),
        [">=", "<=", ">", "<", "==", "between"]
    );
    use future_community::profile::Unit;
    let units: Vec<String> = [
        Unit::Share,
        Unit::Ratio,
        Unit::M,
        Unit::M2,
        Unit::M2PerPerson,
        Unit::M2Per100Households,
        Unit::SpacesPerHousehold,
        Unit::Count,
        Unit::Boolean,
    ]
    .iter()
    .map(|u| {
        serde_json::to_value(u)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    })
    .collect();
    assert_eq!(strings(&defs["unit"]["enum"]), units);
    let pattern = defs["metric"]["pattern"].as_str().unwrap();
    for name in metric::SITE_METRICS.iter().chain(metric::CATEGORIES) {
        assert!(pattern.contains(name), "metric pattern lacks {name}");
    }
    for w in metric::Weighting::ALL {
        assert!(pattern.contains(w.as_str()));
    }
    for c in metric::TravelCircle::ALL {
        assert!(pattern.contains(c.as_str()));
    }
}
