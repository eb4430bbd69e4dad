//! Evaluation profiles: indicator systems as data, and the engine that scores
//! computed metrics against them.
//!
//! A profile is a JSON document (schema: `profiles/profile.schema.json`)
//! listing scenarios, indicators, targets, scoring rules, grade bands,
//! parameters for metric producers and the citations behind every number.
//! Policy numbers live only in profiles, never in code.
//!
//! The engine is independent of geometry: it reads a flat map of computed
//! metrics keyed by dotted names (see [`metric`]) plus caller-declared
//! attributes, and produces a deterministic [`Report`].
//!
//! ```
//! use future_community::profile::{builtin, evaluate, EvalOptions, Metrics};
//!
//! let profile = builtin("zhejiang-future-community")?;
//! // Compute only what the profile reads:
//! assert!(profile.required_coverage().contains(&("kindergarten".to_string(), 300.0)));
//! let mut metrics = Metrics::new();
//! metrics.insert("siteMetrics.serviceFloorAreaPer100HouseholdsM2".into(), 85.0);
//! let report = evaluate(&profile, &metrics, &EvalOptions::default())?;
//! assert!(report.failed_binding.contains(&"service-rooms-per-100-households".to_string()));
//! assert!(report.completeness < 1.0); // most indicators had no value
//! # Ok::<(), future_community::Error>(())
//! ```

mod compare;
mod evaluate;
mod format;
pub mod metric;
pub mod missing;
mod report;
mod schema;
mod scoring;
mod validate;

use std::collections::BTreeSet;

use serde::{Serialize, Serializer};

pub use compare::{
    check_report, compare_reports, evaluate_many, evaluate_many_with, Change, ChangeKind,
    Comparison, ComparisonColumn, ComparisonRow, ComparisonScenario, ComparisonTable,
    IndicatorDiff, RankEntry, ReportDiff, ScenarioDiff,
};
pub use evaluate::{evaluate, AttributeValue, EvalOptions};
pub use metric::{MetricKey, Metrics, TravelCircle, Weighting};
pub use report::{
    GradeResult, IndicatorResult, MissingCause, MissingGroup, Reason, Report, ReportStatus,
    ReportWarning, ScenarioResult, Status,
};
pub use schema::{
    AttributeDef, AttributeType, Binding, BindingBasis, GradeBand, Grading, Indicator, Op,
    Parameter, ParameterValue, ProfileDoc, ProjectType, Requirement, RequirementCase, Scenario,
    ScoreBand, Scoring, Source, SourcedNumber, Target, TargetsByProjectType, Text, Tier, Unit,
    SCENARIO_IDS,
};

use crate::error::{Error, Result};
use validate::{invalid, validate};

/// The JSON Schema of profile documents (draft 2020-12).
pub const PROFILE_SCHEMA: &str = include_str!("../../profiles/profile.schema.json");

/// Built-in profiles: id and embedded JSON text.
const BUILTINS: &[(&str, &str)] = &[
    (
        "zhejiang-future-community",
        include_str!("../../profiles/zhejiang-future-community.json"),
    ),
    (
        "gb50180-life-circle",
        include_str!("../../profiles/gb50180-life-circle.json"),
    ),
    (
        "urban-health-check",
        include_str!("../../profiles/urban-health-check.json"),
    ),
    (
        "complete-community",
        include_str!("../../profiles/complete-community.json"),
    ),
];

/// A validated profile. Only [`load_profile`], [`builtin`] and the
/// `Profile::from_*` constructors make one, so every invariant the evaluator
/// relies on holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    doc: ProfileDoc,
    /// Parsed metric key of each indicator, in indicator order.
    keys: Vec<MetricKey>,
}

impl Serialize for Profile {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.doc.serialize(s)
    }
}

/// Summary of a profile for listings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProfileInfo {
    /// Profile id.
    pub id: String,
    /// Profile version.
    pub version: String,
    /// Display name.
    pub name: Text,
    /// Description, if any.
    pub description: Option<Text>,
    /// Number of scenarios.
    pub scenarios: usize,
    /// Number of indicators.
    pub indicators: usize,
}

/// A coverage share a profile reads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CoverageNeed {
    /// Facility category.
    pub category: String,
    /// Network distance threshold (m).
    pub threshold_m: u32,
    /// Weighting of the share.
    pub weighting: Weighting,
}

/// Everything a profile reads, so the caller computes only that.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "ProfileRequirements"))]
#[serde(rename_all = "camelCase")]
pub struct Requirements {
    /// `siteMetrics.*` names.
    pub site_metrics: Vec<String>,
    /// Coverage shares, in the order of the indicators that first read them
    /// (a front end picks its default category from the first).
    pub coverage: Vec<CoverageNeed>,
    /// Categories whose `nearest.<category>.medianM` is read.
    pub nearest: Vec<String>,
    /// Travel circles read.
    pub travel_circles: Vec<TravelCircle>,
    /// Declared attributes read.
    pub attributes: Vec<String>,
}

impl Profile {
    /// Parses and validates a profile from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidProfile`] with the JSON path of the first problem.
    pub fn from_json(json: &str) -> Result<Self> {
        if !json.trim_start().starts_with('{') {
            return Err(not_an_object());
        }
        let doc: ProfileDoc = crate::decode::from_str(json).map_err(path_error)?;
        Self::from_doc(doc)
    }

    /// Validates a profile given as a JSON value (e.g. converted from a JS
    /// object).
    ///
    /// # Errors
    /// [`Error::InvalidProfile`] with the JSON path of the first problem.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        if !value.is_object() {
            return Err(not_an_object());
        }
        let doc: ProfileDoc = crate::decode::from_value(&value).map_err(path_error)?;
        Self::from_doc(doc)
    }

    /// Validates a profile document.
    ///
    /// # Errors
    /// [`Error::InvalidProfile`] with the JSON path of the first problem.
    pub fn from_doc(doc: ProfileDoc) -> Result<Self> {
        let keys = validate(&doc)?;
        Ok(Profile { doc, keys })
    }

    /// The validated document.
    pub fn doc(&self) -> &ProfileDoc {
        &self.doc
    }

    /// The parsed metric key of each indicator, in indicator order.
    pub fn metric_keys(&self) -> &[MetricKey] {
        &self.keys
    }

    /// Profile id.
    pub fn id(&self) -> &str {
        &self.doc.id
    }

    /// Profile version.
    pub fn version(&self) -> &str {
        &self.doc.version
    }

    /// Summary for listings.
    pub fn info(&self) -> ProfileInfo {
        ProfileInfo {
            id: self.doc.id.clone(),
            version: self.doc.version.clone(),
            name: self.doc.name.clone(),
            description: self.doc.description.clone(),
            scenarios: self.doc.scenarios.len(),
            indicators: self.doc.indicators.len(),
        }
    }

    /// A parameter by name (e.g. `roofGreenFactor`).
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.doc.parameters.get(name)
    }

    /// A numeric parameter's value.
    pub fn parameter_number(&self, name: &str) -> Option<f64> {
        match self.parameter(name)?.value {
            ParameterValue::Number(x) => Some(x),
            _ => None,
        }
    }

    /// A numbers parameter's value (e.g. `roofGreenSoilDepthsM`).
    pub fn parameter_numbers(&self, name: &str) -> Option<&[f64]> {
        match &self.parameter(name)?.value {
            ParameterValue::Numbers(v) => Some(v),
            _ => None,
        }
    }

    /// A list parameter's value (e.g. `serviceCategories`).
    pub fn parameter_list(&self, name: &str) -> Option<&[String]> {
        match &self.parameter(name)?.value {
            ParameterValue::List(v) => Some(v),
            _ => None,
        }
    }

    /// Everything the profile reads, without duplicates: `coverage` in
    /// indicator order, the other lists sorted.
    pub fn requirements(&self) -> Requirements {
        let mut site = BTreeSet::new();
        let mut coverage: Vec<CoverageNeed> = Vec::new();
        let mut nearest = BTreeSet::new();
        let mut circles = BTreeSet::new();
        let mut attributes = BTreeSet::new();
        for key in &self.keys {
            match key {
                MetricKey::Site(n) => {
                    site.insert(n.clone());
                }
                MetricKey::Coverage {
                    category,
                    threshold_m,
                    weighting,
                } => {
                    let need = CoverageNeed {
                        category: category.clone(),
                        threshold_m: *threshold_m,
                        weighting: *weighting,
                    };
                    if !coverage.contains(&need) {
                        coverage.push(need);
                    }
                }
                MetricKey::NearestMedian { category } => {
                    nearest.insert(category.clone());
                }
                MetricKey::TravelCircle(c) => {
                    circles.insert(*c);
                }
                MetricKey::Attribute(n) => {
                    attributes.insert(n.clone());
                }
            }
        }
        // Values targets are read from (`valueFrom`) are needed too.
        for ind in &self.doc().indicators {
            let by_type = &ind.target_by_project_type;
            let targets = [&ind.target, &by_type.renovation, &by_type.new_build];
            for t in targets.into_iter().flatten() {
                match t.value_from.as_deref().map(MetricKey::parse) {
                    Some(Ok(MetricKey::Attribute(n))) => {
                        attributes.insert(n);
                    }
                    Some(Ok(MetricKey::Site(n))) => {
                        site.insert(n);
                    }
                    _ => {}
                }
            }
        }
        Requirements {
            site_metrics: site.into_iter().collect(),
            coverage,
            nearest: nearest.into_iter().collect(),
            travel_circles: circles.into_iter().collect(),
            attributes: attributes.into_iter().collect(),
        }
    }

    /// `(category, threshold_m)` pairs whose coverage the profile reads (any
    /// weighting), sorted, without duplicates.
    pub fn required_coverage(&self) -> Vec<(String, f64)> {
        let pairs: BTreeSet<(String, u32)> = self
            .requirements()
            .coverage
            .into_iter()
            .map(|c| (c.category, c.threshold_m))
            .collect();
        pairs.into_iter().map(|(c, t)| (c, f64::from(t))).collect()
    }

    /// `siteMetrics.*` names the profile reads.
    pub fn required_site_metrics(&self) -> Vec<String> {
        self.requirements().site_metrics
    }

    /// Categories whose median nearest distance the profile reads.
    pub fn required_nearest(&self) -> Vec<String> {
        self.requirements().nearest
    }

    /// Travel circles the profile reads.
    pub fn required_travel_circles(&self) -> Vec<TravelCircle> {
        self.requirements().travel_circles
    }

    /// Declared attributes the profile reads.
    pub fn required_attributes(&self) -> Vec<String> {
        self.requirements().attributes
    }
}

fn not_an_object() -> Error {
    invalid("(root)", "a profile is a JSON object")
}

fn path_error(e: crate::decode::DecodeError) -> Error {
    let path = e.path();
    let path = if path.is_empty() {
        "(root)".to_string()
    } else {
        path
    };
    invalid(path, e.message().to_string())
}

/// Parses and validates a profile from JSON text.
///
/// # Errors
/// [`Error::InvalidProfile`] with the JSON path of the first problem.
pub fn load_profile(json: &str) -> Result<Profile> {
    Profile::from_json(json)
}

/// A built-in profile by id.
///
/// # Errors
/// [`Error::NotFound`] for an unknown id.
pub fn builtin(id: &str) -> Result<Profile> {
    let (_, json) = BUILTINS
        .iter()
        .find(|(bid, _)| *bid == id)
        .ok_or_else(|| Error::NotFound {
            what: "profile",
            name: id.to_string(),
        })?;
    Profile::from_json(json)
}

/// Ids of the built-in profiles.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTINS.iter().map(|(id, _)| *id).collect()
}

/// Summaries of the built-in profiles, in a fixed order.
pub fn builtin_profiles() -> Vec<ProfileInfo> {
    // Every built-in is checked by the test suite, so none is skipped here.
    BUILTINS
        .iter()
        .filter_map(|(_, json)| Profile::from_json(json).ok())
        .map(|p| p.info())
        .collect()
}
