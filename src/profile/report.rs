//! The evaluation report: plain data, serialized as camelCase JSON.
//!
//! Reports also deserialize, so a report saved as JSON (or handed back from
//! JavaScript) can be compared with [`super::compare_reports`].

use serde::{Deserialize, Serialize};

use super::schema::{Binding, BindingBasis, ProjectType, Target, Text, Tier, Unit};

/// The result of evaluating one site against one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Id of the profile used.
    pub profile_id: String,
    /// Version of the profile used.
    pub profile_version: String,
    /// Name of the profile used.
    pub profile_name: Text,
    /// The evaluated site, when several were evaluated together.
    #[serde(default)]
    pub site_id: Option<String>,
    /// The project type the targets were chosen for.
    #[serde(default)]
    pub project_type: Option<ProjectType>,
    /// The tier that chose the required scenarios.
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Overall score 0–100: weighted mean of the required scenarios' scores;
    /// `None` when no indicator of a required scenario could be assessed.
    pub score: Option<f64>,
    /// Grade of the overall score; `None` when `status` is `insufficient`.
    pub grade: Option<GradeResult>,
    /// Weighted share 0..1 of the applicable indicators of the required
    /// scenarios that were assessed (each weighted by its share of the score).
    pub completeness: f64,
    /// `complete` (every applicable indicator of the required scenarios
    /// assessed), `provisional` (graded, but some are missing) or
    /// `insufficient` (completeness below the profile's `minCompleteness`,
    /// or nothing assessed: no grade).
    #[serde(default = "ReportStatus::insufficient")]
    pub status: ReportStatus,
    /// What was not assessed in the required scenarios, grouped by cause.
    #[serde(default)]
    pub missing: Vec<MissingGroup>,
    /// The profile's statement of what the score is and is not.
    #[serde(default)]
    pub disclaimer: Option<Text>,
    /// One entry per scenario, in profile order.
    pub scenarios: Vec<ScenarioResult>,
    /// One entry per indicator, in profile order.
    pub indicators: Vec<IndicatorResult>,
    /// Ids of binding indicators whose target is not met.
    pub failed_binding: Vec<String>,
    /// Ids of binding indicators that could not be assessed.
    pub not_assessed_binding: Vec<String>,
    /// Problems with the input that did not stop the evaluation.
    pub warnings: Vec<ReportWarning>,
}

/// How far the report can be read as a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum ReportStatus {
    /// Every applicable indicator of the required scenarios was assessed.
    Complete,
    /// Graded, but some indicators are missing (see `missing`).
    Provisional,
    /// Not enough data to grade: the score is shown for information only.
    Insufficient,
}

impl ReportStatus {
    pub(crate) fn insufficient() -> Self {
        ReportStatus::Insufficient
    }
}

/// Why indicators could not be assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MissingCause {
    /// The data has no walkable roads: no walking distance can be computed.
    NoWalkableNetwork,
    /// The data has no facility of a category the indicator reads.
    NoFacilityCategory,
    /// No residential buildings (or households) in the site.
    NoResidents,
    /// A fact only the caller can declare (an attribute) was not given.
    NotDeclared,
    /// The target depends on the project type, which was not given.
    ProjectTypeNotGiven,
    /// The value could not be computed from the data for another reason.
    NoValue,
}

/// Indicators missing for one cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct MissingGroup {
    /// The cause.
    pub cause: MissingCause,
    /// Ids of the indicators, in profile order.
    pub indicators: Vec<String>,
    /// Facility categories concerned (for `NO_FACILITY_CATEGORY`), or
    /// attribute names (for `NOT_DECLARED`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

/// A grade given to the overall score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GradeResult {
    /// Grade id, e.g. `A`.
    pub id: String,
    /// Display label.
    pub label: Text,
}

/// The score of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ScenarioResult {
    /// Scenario id.
    #[cfg_attr(test, schemars(with = "crate::bindings::ScenarioIdSchema"))]
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Weight in the overall score.
    pub weight: f64,
    /// Weighted mean score 0–100 of its assessed indicators; `None` when none
    /// was assessed.
    pub score: Option<f64>,
    /// Number of indicators assessed.
    pub assessed: usize,
    /// Number of indicators that apply to this project type.
    pub applicable: usize,
    /// Weighted share 0..1 of the applicable indicators that were assessed.
    pub completeness: f64,
    /// Whether the scenario is required (标配) for the chosen project type
    /// and tier; optional (选配) scenarios are scored on their own and left
    /// out of the overall score and completeness.
    #[serde(default = "yes")]
    pub required: bool,
}

fn yes() -> bool {
    true
}

/// Whether an indicator was assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "IndicatorStatus"))]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Value present, target (if any) checked, score given.
    Assessed,
    /// No value (or no project type to choose the target): left out of the
    /// scores and counted against completeness, never scored as zero.
    NotAssessed,
    /// The indicator does not apply to this project type; left out of the
    /// scores and of completeness.
    NotApplicable,
}

/// Why an indicator was not assessed or not applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "IndicatorReason"))]
#[serde(rename_all = "camelCase")]
pub enum Reason {
    /// The metric (or declared attribute) has no value.
    MissingValue,
    /// The indicator has targets only for some project types and no project
    /// type was given.
    ProjectTypeRequired,
    /// The indicator has no target for the given project type.
    OtherProjectTypeOnly,
    /// The target is read from a value (`valueFrom`, e.g. a declared
    /// attribute) that is missing.
    TargetValueMissing,
}

/// The result of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct IndicatorResult {
    /// Indicator id.
    pub id: String,
    /// Scenario id.
    pub scenario: String,
    /// Binding or guidance.
    pub binding: Binding,
    /// On what the binding status rests (from the profile).
    #[serde(default)]
    pub binding_basis: Option<BindingBasis>,
    /// Display label.
    pub label: Text,
    /// The metric key read.
    pub metric: String,
    /// Unit of `value`.
    pub unit: Unit,
    /// Assessed, not assessed or not applicable.
    pub status: Status,
    /// Why it was not assessed / not applicable.
    pub reason: Option<Reason>,
    /// The value judged, rounded to 4 decimals.
    pub value: Option<f64>,
    /// The target in force for this project type.
    pub target: Option<Target>,
    /// The target as text with its unit, e.g. `≥ 100 m²/百户`.
    pub target_text: Option<Text>,
    /// Whether the target is met (`None` without a target or value).
    pub pass: Option<bool>,
    /// Score 0–100, rounded to 2 decimals.
    pub score: Option<f64>,
    /// Weight within its scenario.
    pub weight: f64,
    /// The explanation with the actual numbers filled in.
    pub explanation: Text,
    /// Provenance and caveats from the profile.
    pub note: Option<Text>,
    /// Source keys of the profile.
    pub source: Vec<String>,
    /// Whether the indicator's numbers were checked against the source.
    pub verified: bool,
}

/// A problem with the input that did not stop the evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReportWarning {
    /// Stable machine-readable code, e.g. `UNKNOWN_ATTRIBUTE`.
    pub code: String,
    /// Human-readable explanation (English).
    pub message: String,
}

impl Report {
    /// The result of indicator `id`, if the profile has it.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|r| r.id == id)
    }

    /// Pretty JSON with a trailing newline; byte-identical for equal input.
    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
