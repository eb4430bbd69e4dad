//! Several sites at once (comparison table and ranking) and two reports of
//! one site side by side (per-indicator diff).

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::evaluate::{evaluate, EvalOptions};
use super::format::{round_to, SCORE_DECIMALS, VALUE_DECIMALS};
use super::metric::Metrics;
use super::report::{GradeResult, IndicatorResult, Report, ReportStatus, Status};
use super::schema::{Binding, Text, Unit};
use super::Profile;
use crate::error::{Error, Result};

/// Reports of several sites evaluated with one profile, with a table and a
/// ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Id of the profile used.
    pub profile_id: String,
    /// Version of the profile used.
    pub profile_version: String,
    /// One report per site, in input order; each carries its `siteId`.
    /// Empty when the caller asked for the table and ranking only
    /// ([`evaluate_many_with`] with `keep_reports` false; `reports: false`
    /// in JS), which keeps many sites small.
    pub reports: Vec<Report>,
    /// The indicators as columns, sites as rows.
    pub table: ComparisonTable,
    /// Sites from best to worst.
    pub ranking: Vec<RankEntry>,
}

/// A sites × indicators table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ComparisonTable {
    /// One column per indicator, in profile order.
    pub columns: Vec<ComparisonColumn>,
    /// One entry per scenario, in profile order (see `scenarioScores`).
    #[serde(default)]
    pub scenarios: Vec<ComparisonScenario>,
    /// One row per site, in input order.
    pub rows: Vec<ComparisonRow>,
}

/// One indicator column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ComparisonColumn {
    /// Indicator id.
    pub id: String,
    /// Display label.
    pub label: Text,
    /// Unit of the values.
    pub unit: Unit,
    /// Binding or guidance.
    pub binding: Binding,
}

/// One site row; `values`, `scores` and `pass` follow the column order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ComparisonRow {
    /// Site id.
    pub site_id: String,
    /// Overall score.
    pub score: Option<f64>,
    /// Grade id.
    pub grade: Option<String>,
    /// Completeness 0..1.
    pub completeness: f64,
    /// Indicator values (`None` where not assessed).
    pub values: Vec<Option<f64>>,
    /// Indicator scores.
    pub scores: Vec<Option<f64>>,
    /// Whether each target is met.
    pub pass: Vec<Option<bool>>,
    /// Whether the report can be read as a verdict (as `Report::status`).
    #[serde(default = "ReportStatus::insufficient")]
    pub status: ReportStatus,
    /// Number of failed binding indicators.
    #[serde(default)]
    pub failed_binding: usize,
    /// Scenario scores, in the order of [`ComparisonTable::scenarios`].
    #[serde(default)]
    pub scenario_scores: Vec<Option<f64>>,
}

/// One scenario column of the table (the same for every site: the options
/// that make a scenario required are those of the whole comparison).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ComparisonScenario {
    /// Scenario id.
    #[cfg_attr(test, schemars(with = "crate::bindings::ScenarioIdSchema"))]
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Whether the scenario counts in the overall score (标配).
    pub required: bool,
}

/// A place in the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RankEntry {
    /// 1-based rank; sites with equal score and equal failed-binding count
    /// share a rank (1, 2, 2, 4).
    pub rank: usize,
    /// Site id.
    pub site_id: String,
    /// Overall score (`None` ranks last).
    pub score: Option<f64>,
    /// Grade.
    pub grade: Option<GradeResult>,
    /// Completeness 0..1.
    pub completeness: f64,
    /// Number of failed binding indicators.
    pub failed_binding: usize,
}

/// Evaluates each `(site id, metrics)` pair with the same profile and
/// options. Per-site declared attributes go into that site's metrics map as
/// `attributes.<name>`; `options.attributes` apply to every site and win.
///
/// # Errors
/// [`Error::InvalidOption`] (`sites`) for no sites or a duplicate site id,
/// and anything [`evaluate`] returns.
pub fn evaluate_many(
    profile: &Profile,
    sites: &[(String, Metrics)],
    options: &EvalOptions,
) -> Result<Comparison> {
    evaluate_many_with(profile, sites, options, true)
}

/// [`evaluate_many`], keeping the full reports only when `keep_reports`:
/// without them the comparison holds the table (scores, status, scenario
/// scores, indicator values) and the ranking, a few hundred bytes per site
/// instead of tens of kilobytes, and each report is dropped as soon as its
/// row is made.
///
/// # Errors
/// As [`evaluate_many`].
pub fn evaluate_many_with(
    profile: &Profile,
    sites: &[(String, Metrics)],
    options: &EvalOptions,
    keep_reports: bool,
) -> Result<Comparison> {
    if sites.is_empty() {
        return Err(Error::option("sites", "give at least one site"));
    }
    let mut seen = BTreeSet::new();
    for (id, _) in sites {
        if !seen.insert(id.as_str()) {
            return Err(Error::option("sites", format!("duplicate site id `{id}`")));
        }
    }
    let mut reports = Vec::with_capacity(if keep_reports { sites.len() } else { 0 });
    let mut rows = Vec::with_capacity(sites.len());
    let mut entries = Vec::with_capacity(sites.len());
    let mut scenarios = Vec::new();
    for (id, metrics) in sites {
        let mut report = evaluate(profile, metrics, options)?;
        report.site_id = Some(id.clone());
        if scenarios.is_empty() {
            scenarios = report
                .scenarios
                .iter()
                .map(|s| ComparisonScenario {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    required: s.required,
                })
                .collect();
        }
        rows.push(ComparisonRow {
            site_id: id.clone(),
            score: report.score,
            grade: report.grade.as_ref().map(|g| g.id.clone()),
            completeness: report.completeness,
            values: report.indicators.iter().map(|i| i.value).collect(),
            scores: report.indicators.iter().map(|i| i.score).collect(),
            pass: report.indicators.iter().map(|i| i.pass).collect(),
            status: report.status,
            failed_binding: report.failed_binding.len(),
            scenario_scores: report.scenarios.iter().map(|s| s.score).collect(),
        });
        entries.push(rank_entry(&report, id));
        if keep_reports {
            reports.push(report);
        }
    }
    let columns = profile
        .doc()
        .indicators
        .iter()
        .map(|ind| ComparisonColumn {
            id: ind.id.clone(),
            label: ind.label.clone(),
            unit: ind.unit,
            binding: ind.binding,
        })
        .collect();
    Ok(Comparison {
        profile_id: profile.id().to_string(),
        profile_version: profile.version().to_string(),
        reports,
        table: ComparisonTable {
            columns,
            scenarios,
            rows,
        },
        ranking: rank(entries),
    })
}

fn rank_entry(r: &Report, id: &str) -> RankEntry {
    RankEntry {
        rank: 0,
        site_id: id.to_string(),
        score: r.score,
        grade: r.grade.clone(),
        completeness: r.completeness,
        failed_binding: r.failed_binding.len(),
    }
}

fn rank(mut entries: Vec<RankEntry>) -> Vec<RankEntry> {
    // Higher score first (no score last), then fewer failed binding
    // indicators, then site id for a stable, deterministic order.
    let key_cmp = |a: &RankEntry, b: &RankEntry| {
        let by_score = match (a.score, b.score) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_score.then(a.failed_binding.cmp(&b.failed_binding))
    };
    entries.sort_by(|a, b| key_cmp(a, b).then_with(|| a.site_id.cmp(&b.site_id)));
    for i in 0..entries.len() {
        entries[i].rank = if i > 0 && key_cmp(&entries[i - 1], &entries[i]) == Ordering::Equal {
            entries[i - 1].rank
        } else {
            i + 1
        };
    }
    entries
}

/// How a value moved between two reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Value in the first report.
    pub before: Option<f64>,
    /// Value in the second report.
    pub after: Option<f64>,
    /// `after - before` when both exist.
    pub delta: Option<f64>,
}

impl Change {
    fn new(before: Option<f64>, after: Option<f64>, decimals: i32) -> Self {
        let delta = before.zip(after).map(|(b, a)| round_to(a - b, decimals));
        Change {
            before,
            after,
            delta,
        }
    }
}

/// The kind of change of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    /// Score went up, or the target is now met.
    Improved,
    /// Score went down, or the target is no longer met.
    Worsened,
    /// Same score and pass (the value may still have moved).
    Unchanged,
    /// Assessed only in the second report.
    NewlyAssessed,
    /// Assessed only in the first report.
    NoLongerAssessed,
    /// Not assessed in either report.
    NotAssessed,
    /// Present only in the second report's profile.
    Added,
    /// Present only in the first report's profile.
    Removed,
}

/// One indicator compared across two reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct IndicatorDiff {
    /// Indicator id.
    pub id: String,
    /// Label (from the second report, else the first).
    pub label: Text,
    /// Binding or guidance.
    pub binding: Binding,
    /// The value.
    pub value: Change,
    /// The score.
    pub score: Change,
    /// Pass in the first report.
    pub pass_before: Option<bool>,
    /// Pass in the second report.
    pub pass_after: Option<bool>,
    /// Summary of the change.
    pub change: ChangeKind,
}

/// The scenario scores compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ScenarioDiff {
    /// Scenario id.
    #[cfg_attr(test, schemars(with = "crate::bindings::ScenarioIdSchema"))]
    pub id: String,
    /// The scenario score.
    pub score: Change,
}

/// Two reports of the same site compared, indicator by indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReportDiff {
    /// Profile id of the first report.
    pub profile_before: String,
    /// Profile id of the second report.
    pub profile_after: String,
    /// Whether both used the same profile id and version.
    pub same_profile: bool,
    /// The overall score.
    pub score: Change,
    /// Completeness.
    pub completeness: Change,
    /// Grade id before.
    pub grade_before: Option<String>,
    /// Grade id after.
    pub grade_after: Option<String>,
    /// Scenarios, in the second report's order, then any only in the first.
    pub scenarios: Vec<ScenarioDiff>,
    /// Indicators, in the second report's order, then any only in the first.
    pub indicators: Vec<IndicatorDiff>,
    /// Binding indicators failing in the second report but not the first.
    pub newly_failed_binding: Vec<String>,
    /// Binding indicators failing in the first report but not the second.
    pub resolved_binding: Vec<String>,
}

fn by_id(r: &Report) -> std::collections::HashMap<&str, &IndicatorResult> {
    r.indicators.iter().map(|i| (i.id.as_str(), i)).collect()
}

/// Checks a report passed back in (e.g. from storage) before comparing:
/// scores within 0..=100, completeness within 0..=1.
///
/// # Errors
/// [`Error::InvalidOption`] naming the report (`a` or `b`) and the field.
pub fn check_report(r: &Report, which: &str) -> Result<()> {
    let score = |path: String, v: Option<f64>| match v {
        Some(x) if !(0.0..=100.0).contains(&x) => Err(Error::option(
            &path,
            format!("a score must be within 0..=100, got {x}"),
        )),
        _ => Ok(()),
    };
    let share = |path: String, x: f64| {
        if (0.0..=1.0).contains(&x) {
            Ok(())
        } else {
            Err(Error::option(
                &path,
                format!("completeness must be within 0..=1, got {x}"),
            ))
        }
    };
    score(format!("{which}.score"), r.score)?;
    share(format!("{which}.completeness"), r.completeness)?;
    for (i, s) in r.scenarios.iter().enumerate() {
        score(format!("{which}.scenarios[{i}].score"), s.score)?;
        share(
            format!("{which}.scenarios[{i}].completeness"),
            s.completeness,
        )?;
    }
    for (i, ind) in r.indicators.iter().enumerate() {
        score(format!("{which}.indicators[{i}].score"), ind.score)?;
        if ind.status == Status::Assessed && ind.score.is_none() {
            return Err(Error::option(
                &format!("{which}.indicators[{i}].score"),
                "an assessed indicator needs a score",
            ));
        }
    }
    Ok(())
}

/// Compares report `a` (before) with report `b` (after).
pub fn compare_reports(a: &Report, b: &Report) -> ReportDiff {
    // Maps, not scans: reports may hold thousands of indicators.
    let (in_a, in_b) = (by_id(a), by_id(b));
    let mut ids: Vec<&str> = b.indicators.iter().map(|i| i.id.as_str()).collect();
    ids.extend(
        a.indicators
            .iter()
            .map(|i| i.id.as_str())
            .filter(|id| !in_b.contains_key(id)),
    );
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    let indicators = ids
        .into_iter()
        .filter_map(|id| {
            let (x, y) = (in_a.get(id).copied(), in_b.get(id).copied());
            let any = y.or(x)?;
            let assessed = |r: Option<&super::report::IndicatorResult>| {
                r.is_some_and(|r| r.status == Status::Assessed)
            };
            let score = Change::new(
                x.and_then(|r| r.score),
                y.and_then(|r| r.score),
                SCORE_DECIMALS,
            );
            let (pass_before, pass_after) = (x.and_then(|r| r.pass), y.and_then(|r| r.pass));
            let change = match (x, y) {
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Removed,
                _ => match (assessed(x), assessed(y)) {
                    (false, false) => ChangeKind::NotAssessed,
                    (false, true) => ChangeKind::NewlyAssessed,
                    (true, false) => ChangeKind::NoLongerAssessed,
                    (true, true) => classify(score.delta, pass_before, pass_after),
                },
            };
            Some(IndicatorDiff {
                id: id.to_string(),
                label: any.label.clone(),
                binding: any.binding,
                value: Change::new(
                    x.and_then(|r| r.value),
                    y.and_then(|r| r.value),
                    VALUE_DECIMALS,
                ),
                score,
                pass_before,
                pass_after,
                change,
            })
        })
        .collect();
    let mut scenario_ids: Vec<&str> = b.scenarios.iter().map(|s| s.id.as_str()).collect();
    scenario_ids.extend(
        a.scenarios
            .iter()
            .map(|s| s.id.as_str())
            .filter(|id| !b.scenarios.iter().any(|s| s.id == *id)),
    );
    let scenario_score = |r: &Report, id: &str| {
        r.scenarios
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.score)
    };
    let scenarios = scenario_ids
        .into_iter()
        .map(|id| ScenarioDiff {
            id: id.to_string(),
            score: Change::new(scenario_score(a, id), scenario_score(b, id), SCORE_DECIMALS),
        })
        .collect();
    let newly_failed_binding = b
        .failed_binding
        .iter()
        .filter(|id| !a.failed_binding.contains(id))
        .cloned()
        .collect();
    let resolved_binding = a
        .failed_binding
        .iter()
        .filter(|id| !b.failed_binding.contains(id))
        .cloned()
        .collect();
    ReportDiff {
        profile_before: a.profile_id.clone(),
        profile_after: b.profile_id.clone(),
        same_profile: a.profile_id == b.profile_id && a.profile_version == b.profile_version,
        score: Change::new(a.score, b.score, SCORE_DECIMALS),
        completeness: Change::new(Some(a.completeness), Some(b.completeness), VALUE_DECIMALS),
        grade_before: a.grade.as_ref().map(|g| g.id.clone()),
        grade_after: b.grade.as_ref().map(|g| g.id.clone()),
        scenarios,
        indicators,
        newly_failed_binding,
        resolved_binding,
    }
}

fn classify(score_delta: Option<f64>, before: Option<bool>, after: Option<bool>) -> ChangeKind {
    match (before, after) {
        (Some(false), Some(true)) => return ChangeKind::Improved,
        (Some(true), Some(false)) => return ChangeKind::Worsened,
        _ => {}
    }
    match score_delta {
        Some(d) if d > 0.0 => ChangeKind::Improved,
        Some(d) if d < 0.0 => ChangeKind::Worsened,
        _ => ChangeKind::Unchanged,
    }
}
