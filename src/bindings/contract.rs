//! The JS contract as JSON Schema, generated from the Rust types (tests only).
//!
//! Every option the JS API decodes and every result it returns is a Rust
//! type deriving `schemars::JsonSchema` (under `cfg(test)`, so no build
//! carries it). This test writes their schemas, options in the
//! *deserialize* contract (what is accepted: fields with defaults are
//! optional) and results in the *serialize* contract (what is produced), into
//! `types/contract.schema.json`; `scripts/gen-types.mjs` turns that file into
//! `src/bindings/generated.d.ts`, which the package's `.d.ts` includes.
//!
//! The test fails when the committed schema differs from the types; run
//! `FC_UPDATE_TYPES=1 cargo test --lib contract` to rewrite it, then
//! `node scripts/gen-types.mjs` (the package tests check that the `.d.ts`
//! is current too).

use std::borrow::Cow;
use std::path::Path;

use schemars::generate::{Contract, SchemaSettings};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

use crate::access::options::{AccessOptions, TwoStepOptions};
use crate::access::result::{AccessColumns, AccessResult, Key, TwoStepResult};
use crate::categories::Categories;
use crate::community::SiteMetricsResult;
use crate::community::{SiteQuery, Summary};
use crate::edits::FacilityEdits;
use crate::input::mapping::OsmMapping;
use crate::input::ReadOptions;
use crate::isochrone::circles::TravelCircles;
use crate::isochrone::grid::TravelTimeGrid;
use crate::isochrone::options::{
    GridOptions, IsochroneOptions, IsochroneOrigin, ServiceAreaOptions, TravelCircleOptions,
};
use crate::isochrone::result::AreaCollection;
use crate::layers::Layers;
use crate::messages::Explanation;
use crate::network::NetworkSummary;
use crate::profile::SCENARIO_IDS;
use crate::profile::{Comparison, ProfileDoc, ProfileInfo, Report, ReportDiff};

use super::community::LayersOptions;
use super::sources::SourceMeta;
use crate::query::EvaluateQuery;

/// Where the generated schema is committed, relative to the crate root.
const SCHEMA_PATH: &str = "types/contract.schema.json";

impl JsonSchema for Key {
    fn schema_name() -> Cow<'static, str> {
        "string".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

impl JsonSchema for IsochroneOrigin {
    fn schema_name() -> Cow<'static, str> {
        "IsochroneOrigin".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let facility = g.subschema_for::<crate::isochrone::options::FacilityRef>();
        json_schema!({
            "description": "Where an isochrone starts: `[lon, lat]` in WGS84 degrees, or a facility by its id.",
            "anyOf": [
                {
                    "type": "array",
                    "items": [{ "type": "number" }, { "type": "number" }],
                    "minItems": 2,
                    "maxItems": 2
                },
                facility
            ]
        })
    }
}

/// The schema of a scenario id (a `String` in Rust, checked against
/// [`SCENARIO_IDS`] when a profile is validated): one of the nine.
pub(crate) struct ScenarioIdSchema;

impl JsonSchema for ScenarioIdSchema {
    fn schema_name() -> Cow<'static, str> {
        "ScenarioId".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The 9 scenarios of the Zhejiang future community (九大场景); every profile scenario is one of them.",
            "type": "string",
            "enum": SCENARIO_IDS
        })
    }
}

/// Adds `T` to the generator's definitions under its schema name.
fn add<T: JsonSchema>(g: &mut SchemaGenerator) {
    g.subschema_for::<T>();
}

fn generator(contract: Contract) -> SchemaGenerator {
    SchemaSettings::draft07()
        .with(|s| {
            s.contract = contract;
            s.meta_schema = None;
        })
        .into_generator()
}

/// What JS passes in.
fn inputs() -> Map<String, Value> {
    let mut g = generator(Contract::Deserialize);
    add::<ReadOptions>(&mut g);
    add::<SourceMeta>(&mut g);
    add::<LayersOptions>(&mut g);
    add::<FacilityEdits>(&mut g);
    add::<SiteQuery>(&mut g);
    add::<EvaluateQuery>(&mut g);
    add::<AccessOptions>(&mut g);
    add::<TwoStepOptions>(&mut g);
    add::<IsochroneOptions>(&mut g);
    add::<ServiceAreaOptions>(&mut g);
    add::<GridOptions>(&mut g);
    add::<TravelCircleOptions>(&mut g);
    add::<ProfileDoc>(&mut g);
    add::<OsmMapping>(&mut g);
    g.take_definitions(true)
}

/// What JS gets back.
fn outputs() -> Map<String, Value> {
    let mut g = generator(Contract::Serialize);
    add::<Summary>(&mut g);
    add::<crate::feature_info::FeatureRecord>(&mut g);
    add::<Layers>(&mut g);
    add::<SiteMetricsResult>(&mut g);
    add::<ProfileDoc>(&mut g);
    add::<Report>(&mut g);
    add::<Comparison>(&mut g);
    add::<ReportDiff>(&mut g);
    add::<AccessResult>(&mut g);
    add::<AccessColumns>(&mut g);
    add::<TwoStepResult>(&mut g);
    add::<NetworkSummary>(&mut g);
    add::<AreaCollection>(&mut g);
    add::<TravelTimeGrid>(&mut g);
    add::<TravelCircles>(&mut g);
    add::<ProfileInfo>(&mut g);
    add::<Categories>(&mut g);
    add::<Explanation>(&mut g);
    add::<crate::profile::Requirements>(&mut g);
    let mut defs = g.take_definitions(true);
    for schema in defs.values_mut() {
        never_null_when_absent(schema);
    }
    defs
}

/// In a result, an `Option` member that is not `required` is one skipped
/// when `None` (`skip_serializing_if`), so it is absent, never `null`:
/// drop the `null` branch the generator keeps.
fn never_null_when_absent(node: &mut Value) {
    match node {
        Value::Object(m) => {
            let required = keys(m.get("required"));
            if let Some(Value::Object(props)) = m.get_mut("properties") {
                for (name, prop) in props.iter_mut() {
                    if !required.contains(name) {
                        drop_null(prop);
                    }
                }
            }
            for v in m.values_mut() {
                never_null_when_absent(v);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(never_null_when_absent),
        _ => {}
    }
}

fn drop_null(prop: &mut Value) {
    let Some(m) = prop.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = m.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types[0].clone();
            m.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(branches)) = m.get("anyOf") {
        let rest: Vec<Value> = branches
            .iter()
            .filter(|b| b.get("type") != Some(&Value::from("null")))
            .cloned()
            .collect();
        if rest.len() == 1 && branches.len() == 2 {
            m.remove("anyOf");
            m.insert("allOf".into(), Value::Array(rest));
        }
    }
}

/// Both contracts in one document. A type that is both read and written
/// (a profile, a report) must have the same schema both ways; where the
/// two differ, the output's is kept under the name and the input's gets an
/// `Input` suffix, so neither is lost.
fn contract() -> Value {
    let mut defs = outputs();
    let inputs = inputs();
    let renamed: Vec<String> = inputs
        .iter()
        .filter(|(name, schema)| defs.get(*name).is_some_and(|out| out != *schema))
        .map(|(name, _)| name.clone())
        .collect();
    for (name, mut schema) in inputs {
        rename_refs(&mut schema, &renamed);
        if renamed.contains(&name) {
            defs.insert(format!("{name}Input"), schema);
        } else {
            defs.entry(name).or_insert(schema);
        }
    }
    let defs: Map<String, Value> = {
        let mut sorted: Vec<_> = defs.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        sorted.into_iter().collect()
    };
    serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "future-community JS contract",
        "description": "Generated from the Rust types by `cargo test --lib contract`; do not edit.",
        "definitions": defs
    })
}

#[test]
fn contract_schema_is_current() {
    let text = serde_json::to_string_pretty(&contract()).expect("schema serialises") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_PATH);
    if std::env::var_os("FC_UPDATE_TYPES").is_some() {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(&path, &text).expect("write schema");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{SCHEMA_PATH} is not what the Rust types say: run \
         `FC_UPDATE_TYPES=1 cargo test --lib contract` and `node scripts/gen-types.mjs`, \
         then commit both files"
    );
}

/// Points references to the `renamed` definitions at their `Input` names.
fn rename_refs(node: &mut Value, renamed: &[String]) {
    match node {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get_mut("$ref") {
                if let Some(name) = r.strip_prefix("#/definitions/") {
                    if renamed.iter().any(|n| n == name) {
                        *r = format!("#/definitions/{name}Input");
                    }
                }
            }
            m.values_mut().for_each(|v| rename_refs(v, renamed));
        }
        Value::Array(a) => a.iter_mut().for_each(|v| rename_refs(v, renamed)),
        _ => {}
    }
}

/// Follows a `$ref` within `doc` (either `#/$defs/x` or `#/definitions/x`).
fn resolve<'a>(doc: &'a Value, node: &'a Value) -> &'a Value {
    let mut node = node;
    // `allOf: [{ $ref }]` with a description is how both sides wrap a
    // documented reference.
    for _ in 0..8 {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let mut target = doc;
            for part in r.trim_start_matches("#/").split('/') {
                target = &target[part];
            }
            node = target;
        } else if let Some([only]) = node
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            node = only;
        } else if let Some(only) = nullable(node) {
            // `Option<T>`: `anyOf: [T, null]`.
            node = only;
        } else {
            break;
        }
    }
    node
}

/// The one branch of `anyOf: [T, { type: null }]`.
fn nullable(node: &Value) -> Option<&Value> {
    let branches = node.get("anyOf")?.as_array()?;
    let mut rest = branches
        .iter()
        .filter(|b| b.get("type") != Some(&Value::from("null")));
    match (rest.next(), rest.next(), branches.len()) {
        (Some(only), None, 2) => Some(only),
        _ => None,
    }
}

fn keys(v: Option<&Value>) -> Vec<String> {
    let mut k: Vec<String> = match v {
        Some(Value::Object(m)) => m.keys().cloned().collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|s| s.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    k.sort();
    k
}

/// Compares the hand-written schema `h` with the generated `g` where both
/// describe objects: the same members, the same required members, the same
/// enum values, recursively through members, items and map values.
fn agree(hd: &Value, h: &Value, gd: &Value, g: &Value, path: &str, seen: &mut Vec<String>) {
    let (h, g) = (resolve(hd, h), resolve(gd, g));
    if seen.contains(&path.to_string()) || seen.len() > 500 {
        return;
    }
    seen.push(path.to_string());
    if let (Some(he), Some(ge)) = (h.get("enum"), g.get("enum")) {
        assert_eq!(
            keys(Some(he)),
            keys(Some(ge)),
            "enum values differ at {path}"
        );
    }
    if let (Some(hp), Some(gp)) = (h.get("properties"), g.get("properties")) {
        assert_eq!(keys(Some(hp)), keys(Some(gp)), "members differ at {path}");
        assert_eq!(
            keys(h.get("required")),
            keys(g.get("required")),
            "required members differ at {path}"
        );
        for name in keys(Some(hp)) {
            agree(
                hd,
                &hp[&name],
                gd,
                &gp[&name],
                &format!("{path}.{name}"),
                seen,
            );
        }
    }
    for member in ["items", "additionalProperties"] {
        if let (Some(hi @ Value::Object(_)), Some(gi @ Value::Object(_))) =
            (h.get(member), g.get(member))
        {
            agree(hd, hi, gd, gi, &format!("{path}[]"), seen);
        }
    }
}

#[test]
fn profile_schema_agrees_with_the_rust_types() {
    let hand: Value = serde_json::from_str(include_str!("../../profiles/profile.schema.json"))
        .expect("profile schema is JSON");
    let generated = contract();
    let root = &generated["definitions"]["ProfileDocumentInput"];
    let mut seen = Vec::new();
    agree(&hand, &hand, &generated, root, "profile", &mut seen);
    // The walk reached the nested documents, not just the root.
    for p in [
        "profile.indicators[].target",
        "profile.scenarios[].requiredFor",
        "profile.grading",
    ] {
        assert!(
            seen.iter().any(|s| s == p),
            "the comparison never reached {p}: {seen:?}"
        );
    }
}
