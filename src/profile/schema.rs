//! The profile document: the types a profile JSON file deserializes into.
//!
//! These mirror `profiles/profile.schema.json` field for field (camelCase in
//! JSON). They are plain data with public fields; a [`super::Profile`] holds
//! them only after [`super::validate`] has checked every invariant the
//! evaluator relies on.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

/// A text in Chinese and English; both must be non-empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "BilingualText"))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// A citation that numbers in the profile refer to by key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "ProfileSource"))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the document or page.
    pub title: String,
    /// Where it was read, when it has an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What was (and was not) checked in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The value of a profile parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ParameterValue {
    /// A flag.
    Bool(bool),
    /// A number (factor, speed ...).
    Number(f64),
    /// A single string.
    Text(String),
    /// A list of strings, e.g. facility categories.
    List(Vec<String>),
    /// A list of numbers, e.g. the soil depths of a factor table.
    Numbers(Vec<f64>),
}

impl<'de> Deserialize<'de> for ParameterValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        use serde_json::Value;
        let bad = |found: &Value| {
            D::Error::custom(format!(
                "expected a boolean, number, string, array of strings or array of numbers, found {found}"
            ))
        };
        match Value::deserialize(d)? {
            Value::Bool(b) => Ok(ParameterValue::Bool(b)),
            Value::Number(n) => n
                .as_f64()
                .map(ParameterValue::Number)
                .ok_or_else(|| bad(&Value::Number(n))),
            Value::String(s) => Ok(ParameterValue::Text(s)),
            Value::Array(items) if items.first().is_some_and(Value::is_number) => items
                .iter()
                .map(|v| v.as_f64().ok_or_else(|| bad(v)))
                .collect::<Result<_, _>>()
                .map(ParameterValue::Numbers),
            Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string).ok_or_else(|| bad(v)))
                .collect::<Result<_, _>>()
                .map(ParameterValue::List),
            other => Err(bad(&other)),
        }
    }
}

/// A named parameter that metric producers read (for example the roof-green
/// factor of the green ratio), with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "ProfileParameter"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Parameter {
    /// The value.
    pub value: ParameterValue,
    /// Unit of a numeric value, free text (e.g. `m/s`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Keys into the profile's `sources`.
    #[serde(deserialize_with = "one_or_many")]
    pub source: Vec<String>,
    /// Whether the value was checked against the cited text.
    pub verified: bool,
    /// Why this value, and what is uncertain about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// The type of a caller-declared attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum AttributeType {
    /// `true`/`false` (read as 1/0).
    Boolean,
    /// A finite number.
    Number,
}

/// A non-spatial input the caller declares (e.g. whether a digital platform
/// runs), read by indicators as `attributes.<name>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttributeDef {
    /// Boolean or number.
    #[serde(rename = "type")]
    pub kind: AttributeType,
    /// Unit of the value.
    pub unit: Unit,
    /// Form label.
    pub label: Text,
    /// What to enter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Smallest accepted value (numbers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest accepted value (numbers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// One of the 9 scenarios, with its weight in the overall score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "ProfileScenario"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    /// One of [`SCENARIO_IDS`].
    #[cfg_attr(test, schemars(with = "crate::bindings::ScenarioIdSchema"))]
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Positive weight in the overall score.
    pub weight: f64,
    /// For which project types and tiers the scenario is required (标配);
    /// absent: required for every project. Where it is not required it is
    /// optional (选配): reported and scored on its own, but left out of the
    /// overall score and of completeness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_for: Option<Requirement>,
}

/// The project tier (since 2022 in Zhejiang): 引领型 or 普惠型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Tier {
    /// 引领型: leading projects, the full scenario set of their project type.
    Leading,
    /// 普惠型: inclusive projects, the basic scenarios as local conditions allow.
    Inclusive,
}

/// When a scenario is required, with the rule's provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "ScenarioRequirement"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Requirement {
    /// The cases that require it; an empty list makes the scenario optional
    /// for every project.
    pub when: Vec<RequirementCase>,
    /// Keys into the profile's `sources`.
    #[serde(deserialize_with = "one_or_many")]
    pub source: Vec<String>,
    /// Whether the rule was checked against the cited text.
    pub verified: bool,
    /// Provenance and caveats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One case of a [`Requirement`]: a project type and / or tier (absent = any).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequirementCase {
    /// The project type, or any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_type: Option<ProjectType>,
    /// The tier, or any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
}

impl Requirement {
    /// Whether a project of `project_type` and `tier` must assess the
    /// scenario. What the caller did not give matches every case (the
    /// stricter reading: the scenario counts unless the project says why not).
    pub fn requires(&self, project_type: Option<ProjectType>, tier: Option<Tier>) -> bool {
        self.when.iter().any(|c| {
            let type_ok = match (c.project_type, project_type) {
                (Some(want), Some(got)) => want == got,
                _ => true,
            };
            let tier_ok = match (c.tier, tier) {
                (Some(want), Some(got)) => want == got,
                _ => true,
            };
            type_ok && tier_ok
        })
    }
}

/// The 9 scenarios of the Zhejiang future community (九大场景), in the order
/// of the Hangzhou seed text.
pub const SCENARIO_IDS: &[&str] = &[
    "neighbourhood",
    "education",
    "health",
    "entrepreneurship",
    "transport",
    "low_carbon",
    "building",
    "service",
    "governance",
];

/// Grade bands that turn the overall score into a grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Grading {
    /// Bands from the best down; `minScore` strictly decreasing, the last 0.
    pub bands: Vec<GradeBand>,
    /// Below this completeness (0..1) the report gives no grade
    /// (`status: "insufficient"`); absent: 0 (a grade whenever there is a score).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_completeness: Option<SourcedNumber>,
    /// Keys into the profile's `sources`.
    #[serde(deserialize_with = "one_or_many")]
    pub source: Vec<String>,
    /// Whether the cut points were checked against the cited text.
    pub verified: bool,
    /// Provenance and caveats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A number with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourcedNumber {
    /// The value.
    pub value: f64,
    /// Keys into the profile's `sources`.
    #[serde(deserialize_with = "one_or_many")]
    pub source: Vec<String>,
    /// Whether the value was checked against the cited text.
    pub verified: bool,
    /// Why this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One grade: scores at or above `min_score` (and below the next band up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GradeBand {
    /// Short id, e.g. `A`.
    pub id: String,
    /// Lowest overall score (0–100) that earns this grade.
    pub min_score: f64,
    /// Display label.
    pub label: Text,
}

/// Whether an indicator is binding (约束性) or guidance (引导性).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Binding {
    /// 约束性: must be met; failures are listed in the report.
    Constraint,
    /// 引导性: scored, not required.
    Guidance,
}

/// On what an indicator's binding (约束性) status rests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum BindingBasis {
    /// A mandatory clause of a national standard (强制性条文 or a "shall" of a GB code).
    NationalMandatory,
    /// A number the policy text itself requires (e.g. the Hangzhou seed's ≥ 100 m² per 100 households).
    SeedNumber,
    /// A local rule in force (regulation, implementing rules).
    LocalRule,
    /// No source makes it binding (then the indicator must be guidance).
    None,
}

/// A comparison operator of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "ComparisonOp"))]
pub enum Op {
    /// `>=`
    #[serde(rename = ">=")]
    Ge,
    /// `<=`
    #[serde(rename = "<=")]
    Le,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `==` (within 1e-9 relative)
    #[serde(rename = "==")]
    Eq,
    /// `between`: `min <= value <= max`, both ends inclusive.
    #[serde(rename = "between")]
    Between,
}

impl Op {
    /// The JSON spelling, e.g. `">="`.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Lt => "<",
            Op::Eq => "==",
            Op::Between => "between",
        }
    }
}

/// A target: `op` with `value`, or `between` with `min` and `max`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Target {
    /// The comparison.
    pub op: Op,
    /// Right-hand side for every operator except `between`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Lower bound (inclusive) for `between`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper bound (inclusive) for `between`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The right-hand side is this metric's value instead of `value`, e.g.
    /// `attributes.approvedFar` (the FAR of the approved plan); without it
    /// the indicator is not assessed. In a report the resolved number is in
    /// `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_from: Option<String>,
}

pub use crate::model::ProjectType;

/// Targets that replace the default for one project type.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetsByProjectType {
    /// Target for 改造更新 projects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renovation: Option<Target>,
    /// Target for 规划新建 projects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_build: Option<Target>,
}

/// One band of a `bands` scoring rule. Exactly one of `min` or `max` is set,
/// the same one in every band of a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreBand {
    /// Matches values `>= min` (higher is better; bands listed by `min` descending).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Matches values `<= max` (lower is better; bands listed by `max` ascending).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Score 0–100 given by this band.
    pub score: f64,
}

/// How an indicator's value becomes a 0–100 score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Scoring {
    /// 100 when the target is met, else 0.
    PassFail {},
    /// 0 at `from`, 100 at `to`, straight line between, clamped outside
    /// (`from > to` scores lower values higher).
    Linear {
        /// Value scoring 0.
        from: f64,
        /// Value scoring 100.
        to: f64,
    },
    /// The first band that matches gives the score; none matching gives 0.
    Bands {
        /// The bands, best first.
        #[serde(deserialize_with = "crate::decode::objects")]
        bands: Vec<ScoreBand>,
    },
}

/// The unit of an indicator's value; decides how values are displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "IndicatorUnit"))]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    /// A share 0..1, displayed as a percentage.
    Share,
    /// A dimensionless ratio such as FAR.
    Ratio,
    /// Metres.
    M,
    /// Square metres.
    M2,
    /// Square metres per resident.
    M2PerPerson,
    /// Square metres per 100 households.
    M2Per100Households,
    /// Parking spaces per household.
    SpacesPerHousehold,
    /// A count.
    Count,
    /// Yes/no (1/0).
    Boolean,
}

/// One indicator of a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "ProfileIndicator"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Indicator {
    /// Unique id within the profile.
    pub id: String,
    /// Id of one of the profile's scenarios.
    #[cfg_attr(test, schemars(with = "crate::bindings::ScenarioIdSchema"))]
    pub scenario: String,
    /// Binding (约束性) or guidance (引导性).
    pub binding: Binding,
    /// Why it is binding; a `constraint` must name a basis other than `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binding_basis: Option<BindingBasis>,
    /// The metric key it reads (see [`super::metric`]).
    pub metric: String,
    /// Unit of the metric value.
    pub unit: Unit,
    /// Target for any project type (absent: no official target, or only
    /// project-type specific ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Targets that replace `target` for one project type.
    #[serde(default, skip_serializing_if = "TargetsByProjectType::is_empty")]
    pub target_by_project_type: TargetsByProjectType,
    /// How the value is scored.
    pub scoring: Scoring,
    /// Positive weight within its scenario.
    pub weight: f64,
    /// Display label.
    pub label: Text,
    /// Explanation template; `{value}`, `{target}`, `{unit}` and `{score}`
    /// are replaced by the formatted numbers.
    pub explanation: Text,
    /// Provenance, proxies and caveats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Keys into the profile's `sources`.
    #[serde(deserialize_with = "one_or_many")]
    pub source: Vec<String>,
    /// Whether every number of this indicator was checked against its source.
    pub verified: bool,
}

impl TargetsByProjectType {
    /// Whether no project type has its own target.
    pub fn is_empty(&self) -> bool {
        self.renovation.is_none() && self.new_build.is_none()
    }

    /// The override for `project_type`, if any.
    pub fn get(&self, project_type: ProjectType) -> Option<&Target> {
        match project_type {
            ProjectType::Renovation => self.renovation.as_ref(),
            ProjectType::NewBuild => self.new_build.as_ref(),
        }
    }
}

/// The whole profile document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "ProfileDocument"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileDoc {
    /// Optional pointer to the JSON Schema (ignored).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Identifier: lowercase letters, digits and `-`.
    pub id: String,
    /// Version of this profile document.
    pub version: String,
    /// Display name.
    pub name: Text,
    /// What the profile evaluates and how far it can be trusted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// What the score is and is not (copied into every report), e.g. that it
    /// is this tool's reading of published rules, not an official acceptance score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<Text>,
    /// Citations by key.
    pub sources: BTreeMap<String, Source>,
    /// Parameters for metric producers, by name.
    #[serde(default)]
    pub parameters: BTreeMap<String, Parameter>,
    /// Caller-declared attributes, by name.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttributeDef>,
    /// The scenarios indicators are grouped in.
    pub scenarios: Vec<Scenario>,
    /// Grade bands for the overall score.
    pub grading: Grading,
    /// The indicators.
    pub indicators: Vec<Indicator>,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::de::Error as _;
    let expected = "a source key or an array of source keys";
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(vec![s]),
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Ok(s),
                other => Err(D::Error::custom(format!(
                    "expected {expected}, found {other}"
                ))),
            })
            .collect(),
        other => Err(D::Error::custom(format!(
            "expected {expected}, found {other}"
        ))),
    }
}
