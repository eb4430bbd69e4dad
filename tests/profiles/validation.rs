//! Broken profiles: each mutation of the minimal profile must fail with
//! `INVALID_PROFILE`, the JSON path of the offending value and a reason.

use future_community::profile::{load_profile, Profile};
use future_community::Error;
use serde_json::{json, Value};

use super::MINIMAL;

fn base() -> Value {
    serde_json::from_str(MINIMAL).expect("minimal profile is JSON")
}

fn expect_invalid(doc: &str, want_path: &str, want_reason: &str) {
    match load_profile(doc) {
        Err(e @ Error::InvalidProfile { .. }) => {
            assert_eq!(e.code(), "INVALID_PROFILE");
            let Error::InvalidProfile { path, reason } = e else {
                unreachable!()
            };
            assert_eq!(path, want_path, "reason was: {reason}");
            assert!(
                reason.contains(want_reason),
                "at {path}: `{reason}` lacks `{want_reason}`"
            );
        }
        other => panic!("expected InvalidProfile at {want_path}, got {other:?}"),
    }
}

type Mutation = fn(&mut Value);

#[test]
fn broken_profiles_name_path_and_reason() {
    #[rustfmt::skip]
    let cases: &[(&str, Mutation, &str, &str)] = &[
        // unknown metric
        ("unknown site metric", |v| v["indicators"][0]["metric"] = json!("siteMetrics.fars"), "indicators[0].metric", "unknown site metric `fars`"),
        ("unknown namespace", |v| v["indicators"][1]["metric"] = json!("poi.clinic.count"), "indicators[1].metric", "unknown metric namespace `poi`"),
        ("unknown category", |v| v["indicators"][2]["metric"] = json!("coverage.school.500.landArea"), "indicators[2].metric", "unknown facility category `school`"),
        ("bad threshold", |v| v["indicators"][2]["metric"] = json!("coverage.park.500.5.landArea"), "indicators[2].metric", "expected `coverage.<category>.<thresholdM>.<weighting>`"),
        ("undeclared attribute", |v| v["indicators"][3]["metric"] = json!("attributes.cim"), "indicators[3].metric", "attribute `cim` is not declared"),
        // bad operator and targets
        ("bad operator", |v| v["indicators"][0]["target"]["op"] = json!("=>"), "indicators[0].target.op", "unknown variant `=>`"),
        ("op without value", |v| v["indicators"][0]["target"] = json!({"op": ">="}), "indicators[0].target", "`>=` needs `value`"),
        ("op with min", |v| v["indicators"][0]["target"] = json!({"op": "<", "value": 1, "min": 0}), "indicators[0].target", "`min`/`max` are for `between`"),
        ("between without max", |v| v["indicators"][4]["target"] = json!({"op": "between", "min": 0.5}), "indicators[4].target", "`between` needs `min` and `max`"),
        ("between reversed", |v| v["indicators"][4]["target"] = json!({"op": "between", "min": 0.9, "max": 0.5}), "indicators[4].target.min", "min must not exceed max"),
        ("between with value", |v| v["indicators"][4]["target"]["value"] = json!(1), "indicators[4].target.value", "not `value`"),
        ("bad typed target", |v| v["indicators"][0]["targetByProjectType"]["renovation"]["op"] = json!("gte"), "indicators[0].targetByProjectType.renovation.op", "unknown variant `gte`"),
        ("unknown project type", |v| v["indicators"][0]["targetByProjectType"] = json!({"retrofit": {"op": ">=", "value": 1}}), "indicators[0].targetByProjectType.retrofit", "unknown field `retrofit`"),
        ("binding without target", |v| { v["indicators"][0].as_object_mut().map(|o| { o.remove("target"); o.remove("targetByProjectType") }); }, "indicators[0].target", "binding (constraint) indicator needs a target"),
        ("passFail without target", |v| { v["indicators"][3].as_object_mut().map(|o| o.remove("target")); }, "indicators[3].scoring", "passFail scoring needs a target"),
        // missing translations
        ("missing en", |v| { v["indicators"][1]["label"].as_object_mut().map(|o| o.remove("en")); }, "indicators[1].label", "missing field `en`"),
        ("empty zh", |v| v["indicators"][1]["explanation"]["zh"] = json!("  "), "indicators[1].explanation.zh", "missing zh translation"),
        ("empty profile name", |v| v["name"]["en"] = json!(""), "name.en", "missing en translation"),
        ("scenario name", |v| { v["scenarios"][1]["name"].as_object_mut().map(|o| o.remove("zh")); }, "scenarios[1].name", "missing field `zh`"),
        ("attribute label", |v| v["attributes"]["rate"]["label"]["zh"] = json!(""), "attributes.rate.label.zh", "missing zh translation"),
        // wrong types
        ("weight as string", |v| v["indicators"][0]["weight"] = json!("3"), "indicators[0].weight", "invalid type: string \"3\", expected f64"),
        ("verified as string", |v| v["indicators"][0]["verified"] = json!("yes"), "indicators[0].verified", "expected a boolean"),
        ("binding misspelt", |v| v["indicators"][0]["binding"] = json!("mandatory"), "indicators[0].binding", "unknown variant `mandatory`"),
        ("unit unknown", |v| v["indicators"][0]["unit"] = json!("sqm"), "indicators[0].unit", "unknown variant `sqm`"),
        ("source as number", |v| v["indicators"][0]["source"] = json!(7), "indicators[0].source", "expected a source key or an array of source keys"),
        ("indicators not array", |v| v["indicators"] = json!({}), "indicators", "expected a sequence"),
        ("misspelt field", |v| { v["indicators"][0].as_object_mut().map(|o| o.insert("wieght".into(), json!(1))); }, "indicators[0].wieght", "unknown field `wieght`"),
        ("extra scoring field", |v| v["indicators"][3]["scoring"]["to"] = json!(1), "indicators[3].scoring", "unknown field `to`"),
        ("scoring type", |v| v["indicators"][0]["scoring"]["type"] = json!("ramp"), "indicators[0].scoring.type", "unknown variant `ramp`"),
        ("missing version", |v| { v.as_object_mut().map(|o| o.remove("version")); }, "(root)", "missing field `version`"),
        // weights
        ("zero weight", |v| v["indicators"][0]["weight"] = json!(0), "indicators[0].weight", "weight must be within 0.000001..=1000000"),
        ("negative weight", |v| v["indicators"][2]["weight"] = json!(-1), "indicators[2].weight", "weight must be within 0.000001..=1000000"),
        ("zero scenario weight", |v| v["scenarios"][0]["weight"] = json!(0.0), "scenarios[0].weight", "weight must be within 0.000001..=1000000"),
        ("absurd weight", |v| v["scenarios"][1]["weight"] = json!(1e308), "scenarios[1].weight", "weights are relative"),
        // scenarios and ids
        ("unknown scenario id", |v| v["scenarios"][1]["id"] = json!("safety"), "scenarios[1].id", "unknown scenario `safety`"),
        ("duplicate scenario", |v| v["scenarios"][1]["id"] = json!("service"), "scenarios[1].id", "duplicate scenario id `service`"),
        ("undeclared scenario", |v| v["indicators"][3]["scenario"] = json!("health"), "indicators[3].scenario", "unknown scenario `health`"),
        ("empty scenario", |v| { v["indicators"][3]["scenario"] = json!("service"); v["indicators"][4]["scenario"] = json!("service"); }, "scenarios[1]", "scenario `governance` has no indicators"),
        ("duplicate indicator", |v| v["indicators"][2]["id"] = json!("rooms"), "indicators[2].id", "duplicate indicator id `rooms`"),
        ("bad indicator id", |v| v["indicators"][2]["id"] = json!("Park Coverage"), "indicators[2].id", "must start with a lowercase letter"),
        ("bad profile id", |v| v["id"] = json!("Test"), "id", "must start with a lowercase letter"),
        ("no indicators", |v| v["indicators"] = json!([]), "indicators", "at least one indicator"),
        // sources
        ("unknown source", |v| v["indicators"][1]["source"] = json!(["T1", "T9"]), "indicators[1].source[1]", "unknown source `T9`"),
        ("no source", |v| v["indicators"][1]["source"] = json!([]), "indicators[1].source", "cite at least one source key"),
        ("no sources", |v| v["sources"] = json!({}), "sources", "at least one source"),
        // scoring rules
        ("flat ramp", |v| v["indicators"][0]["scoring"] = json!({"type": "linear", "from": 5, "to": 5}), "indicators[0].scoring", "`from` != `to`"),
        ("mixed bands", |v| v["indicators"][1]["scoring"]["bands"][1] = json!({"min": 500, "score": 50}), "indicators[1].scoring.bands[1]", "exactly one of `min` or `max`"),
        ("unordered bands", |v| v["indicators"][1]["scoring"]["bands"][1]["max"] = json!(200), "indicators[1].scoring.bands[1]", "strictly increasing `max`"),
        ("band score", |v| v["indicators"][1]["scoring"]["bands"][0]["score"] = json!(120), "indicators[1].scoring.bands[0].score", "within 0..=100"),
        ("no bands", |v| v["indicators"][1]["scoring"]["bands"] = json!([]), "indicators[1].scoring.bands", "at least one band"),
        // templates
        ("unknown placeholder", |v| v["indicators"][0]["explanation"]["en"] = json!("{valeu}"), "indicators[0].explanation.en", "unknown placeholder `{valeu}`"),
        ("open brace", |v| v["indicators"][0]["explanation"]["zh"] = json!("值 {value"), "indicators[0].explanation.zh", "without a matching `}`"),
        // grading
        ("grade order", |v| v["grading"]["bands"][1]["minScore"] = json!(90), "grading.bands[1].minScore", "strictly decrease"),
        ("grade floor", |v| v["grading"]["bands"][1]["minScore"] = json!(10), "grading.bands[1].minScore", "must start at 0"),
        ("grade source", |v| v["grading"]["source"] = json!("X"), "grading.source[0]", "unknown source `X`"),
        // parameters and attributes
        ("green factor", |v| v["parameters"]["roofGreenFactor"]["value"] = json!(1.5), "parameters.roofGreenFactor.value", "within 0..=1"),
        ("green factor type", |v| v["parameters"]["roofGreenFactor"]["value"] = json!("half"), "parameters.roofGreenFactor.value", "must be a number"),
        ("service category", |v| v["parameters"]["serviceCategories"]["value"] = json!(["clinic", "gym"]), "parameters.serviceCategories.value[1]", "unknown facility category `gym`"),
        ("parameter source", |v| v["parameters"]["roofGreenFactor"]["source"] = json!("nope"), "parameters.roofGreenFactor.source[0]", "unknown source `nope`"),
        ("parameter value type", |v| v["parameters"]["roofGreenFactor"]["value"] = json!({"a": 1}), "parameters.roofGreenFactor.value", "expected a boolean, number, string, array of strings or array of numbers"),
        ("boolean bounds", |v| v["attributes"]["platform"]["min"] = json!(0), "attributes.platform.min", "a boolean attribute takes no bounds"),
        ("attribute bounds", |v| v["attributes"]["rate"]["min"] = json!(2), "attributes.rate.min", "min must not exceed max"),
        ("attribute type", |v| v["attributes"]["rate"]["type"] = json!("percent"), "attributes.rate.type", "unknown variant `percent`"),
    ];
    for (name, mutate, path, reason) in cases {
        let mut v = base();
        mutate(&mut v);
        let text = serde_json::to_string_pretty(&v).expect("serializes");
        eprintln!("case: {name}");
        expect_invalid(&text, path, reason);
        // The same problem is found when the profile arrives as a JSON value.
        match Profile::from_value(v) {
            Err(Error::InvalidProfile { path: p, .. }) => assert_eq!(p, *path, "{name} via value"),
            other => panic!("{name} via value: {other:?}"),
        }
    }
}

#[test]
fn broken_json_text_is_invalid_profile_too() {
    expect_invalid(
        "{ \"id\": ",
        "(root)",
        "EOF while parsing a value at line 1 column 8",
    );
    expect_invalid("[]", "(root)", "a profile is a JSON object");
    expect_invalid("", "(root)", "a profile is a JSON object");
    expect_invalid(&format!("{MINIMAL} x"), "(root)", "trailing characters");
    assert!(Profile::from_value(json!([1, 2])).is_err());
    assert!(load_profile(MINIMAL).is_ok());
}
