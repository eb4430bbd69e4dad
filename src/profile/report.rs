//! The evaluation report: plain data, serialized as camelCase JSON.
//!
//! Reports also deserialize, so a report saved as JSON (or handed back from
//! JavaScript) can be compared with [`super::compare_reports`].

use serde::{Deserialize, Serialize};

use super::schema::{Binding, ProjectType, Target, Text, Unit};

/// The result of evaluating one site against one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Overall score 0–100: weighted mean of the scenario scores; `None` when
    /// no indicator could be assessed.
    pub score: Option<f64>,
    /// Grade of the overall score.
    pub grade: Option<GradeResult>,
    /// Weighted share 0..1 of the applicable indicators that were assessed
    /// (each indicator weighted by its share of the overall score).
    pub completeness: f64,
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

/// A grade given to the overall score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeResult {
    /// Grade id, e.g. `A`.
    pub id: String,
    /// Display label.
    pub label: Text,
}

/// The score of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioResult {
    /// Scenario id.
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
}

/// Whether an indicator was assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(rename_all = "camelCase")]
pub enum Reason {
    /// The metric (or declared attribute) has no value.
    MissingValue,
    /// The indicator has targets only for some project types and no project
    /// type was given.
    ProjectTypeRequired,
    /// The indicator has no target for the given project type.
    OtherProjectTypeOnly,
}

/// The result of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorResult {
    /// Indicator id.
    pub id: String,
    /// Scenario id.
    pub scenario: String,
    /// Binding or guidance.
    pub binding: Binding,
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
