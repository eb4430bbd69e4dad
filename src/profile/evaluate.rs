//! Evaluation: a profile × computed metrics × declared attributes → [`Report`].
//!
//! Missing values are never scored as zero: the indicator is "not assessed",
//! left out of the scores and counted against `completeness`. Each value is
//! rounded to [`VALUE_DECIMALS`] before it is judged, so the report shows
//! exactly what was compared.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::format::{
    both, fill, fmt_number, fmt_target, fmt_value, round_to, unit_symbol, Lang, SCORE_DECIMALS,
    VALUE_DECIMALS,
};
use super::metric::{attribute_key, MetricKey, Metrics};
use super::missing::{missing_groups, status};
use super::report::{
    GradeResult, IndicatorResult, Reason, Report, ReportStatus, ReportWarning, ScenarioResult,
    Status,
};
use super::schema::{AttributeType, Binding, Indicator, ProjectType, Target, Text, Tier};
use super::Profile;
use crate::error::{Error, Result};

/// A declared attribute value: a number or a boolean (read as 1/0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(untagged, expecting = "expected a number or true/false")]
pub enum AttributeValue {
    /// `true` / `false`.
    Bool(bool),
    /// A finite number.
    Number(f64),
}

impl AttributeValue {
    /// The value as a number (`true` = 1, `false` = 0).
    pub fn as_f64(self) -> f64 {
        match self {
            AttributeValue::Bool(b) => f64::from(u8::from(b)),
            AttributeValue::Number(x) => x,
        }
    }
}

/// Options of an evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvalOptions {
    /// Values of the profile's declared attributes, by name. They take
    /// precedence over `attributes.<name>` entries of the metrics map.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttributeValue>,
    /// 改造更新 or 规划新建; chooses project-type specific targets and,
    /// with `tier`, the required scenarios.
    #[serde(default)]
    pub project_type: Option<ProjectType>,
    /// 引领型 or 普惠型; with `project_type`, chooses the required scenarios.
    #[serde(default)]
    pub tier: Option<Tier>,
}

/// Evaluates `metrics` against `profile`.
///
/// # Errors
/// [`Error::InvalidOption`] (option `attributes.<name>`) when a declared
/// attribute has the wrong type, is not finite or is outside the declared
/// bounds. Attributes the profile does not declare only produce a warning.
pub fn evaluate(profile: &Profile, metrics: &Metrics, options: &EvalOptions) -> Result<Report> {
    let mut warnings = check_attributes(profile, options)?;
    let doc = profile.doc();
    let mut results = Vec::with_capacity(doc.indicators.len());
    for (ind, key) in doc.indicators.iter().zip(profile.metric_keys()) {
        let raw = lookup(key, metrics, options);
        let value = match raw {
            Some(x) if !x.is_finite() => {
                warnings.push(ReportWarning {
                    code: "NON_FINITE_METRIC".into(),
                    message: format!("`{}` is {x}; treated as missing", ind.metric),
                });
                None
            }
            other => other,
        };
        let resolve = |k: &str| {
            MetricKey::parse(k)
                .ok()
                .and_then(|mk| lookup(&mk, metrics, options))
                .filter(|x| x.is_finite())
        };
        results.push(judge(
            profile,
            ind,
            key,
            value,
            options.project_type,
            &resolve,
        ));
    }
    let scenarios = scenario_results(profile, &results, options);
    let (score, completeness) = overall(&scenarios);
    let min_completeness = doc
        .grading
        .min_completeness
        .as_ref()
        .map_or(0.0, |m| m.value);
    let status = status(score, completeness, min_completeness);
    let grade = score
        .filter(|_| status != ReportStatus::Insufficient)
        .and_then(|s| {
            doc.grading
                .bands
                .iter()
                .find(|b| s >= b.min_score)
                .map(|b| GradeResult {
                    id: b.id.clone(),
                    label: b.label.clone(),
                })
        });
    let required = |scenario: &str| scenarios.iter().any(|s| s.id == scenario && s.required);
    let missing = missing_groups(&results, profile.metric_keys(), metrics, required);
    let failed_binding = binding_ids(&results, |r| r.pass == Some(false));
    let not_assessed_binding = binding_ids(&results, |r| {
        r.status == Status::NotAssessed && required(&r.scenario)
    });
    Ok(Report {
        profile_id: doc.id.clone(),
        profile_version: doc.version.clone(),
        profile_name: doc.name.clone(),
        site_id: None,
        project_type: options.project_type,
        tier: options.tier,
        score,
        grade,
        completeness,
        status,
        missing,
        disclaimer: doc.disclaimer.clone(),
        scenarios,
        indicators: results,
        failed_binding,
        not_assessed_binding,
        warnings,
    })
}

fn binding_ids(
    results: &[IndicatorResult],
    pred: impl Fn(&IndicatorResult) -> bool,
) -> Vec<String> {
    results
        .iter()
        .filter(|r| r.binding == Binding::Constraint && pred(r))
        .map(|r| r.id.clone())
        .collect()
}

fn check_attributes(profile: &Profile, options: &EvalOptions) -> Result<Vec<ReportWarning>> {
    let mut warnings = Vec::new();
    for (name, value) in &options.attributes {
        let option = format!("attributes.{name}");
        let Some(def) = profile.doc().attributes.get(name) else {
            warnings.push(ReportWarning {
                code: "UNKNOWN_ATTRIBUTE".into(),
                message: format!(
                    "attribute `{name}` is not declared by profile `{}`; ignored",
                    profile.id()
                ),
            });
            continue;
        };
        match (def.kind, value) {
            (AttributeType::Boolean, AttributeValue::Bool(_)) => {}
            (AttributeType::Boolean, AttributeValue::Number(_)) => {
                return Err(Error::InvalidOption {
                    option,
                    reason: "expected true or false".into(),
                });
            }
            (AttributeType::Number, AttributeValue::Bool(_)) => {
                return Err(Error::InvalidOption {
                    option,
                    reason: "expected a number".into(),
                });
            }
            (AttributeType::Number, AttributeValue::Number(x)) => {
                let x = *x;
                let below = def.min.is_some_and(|lo| x < lo);
                let above = def.max.is_some_and(|hi| x > hi);
                if !x.is_finite() || below || above {
                    let range = format!(
                        "{}..={}",
                        def.min.map_or("-inf".to_string(), |v| fmt_number(v, 6)),
                        def.max.map_or("inf".to_string(), |v| fmt_number(v, 6)),
                    );
                    return Err(Error::InvalidOption {
                        option,
                        reason: format!("{x} is outside {range}"),
                    });
                }
            }
        }
    }
    Ok(warnings)
}

fn lookup(key: &MetricKey, metrics: &Metrics, options: &EvalOptions) -> Option<f64> {
    if let MetricKey::Attribute(name) = key {
        if let Some(v) = options.attributes.get(name) {
            return Some(v.as_f64());
        }
        return metrics.get(&attribute_key(name)).copied();
    }
    metrics.get(&key.key()).copied()
}

/// The target in force, or why the indicator cannot be judged.
fn target_in_force(
    ind: &Indicator,
    project_type: Option<ProjectType>,
) -> std::result::Result<Option<&Target>, Reason> {
    let by_type = &ind.target_by_project_type;
    let typed = project_type.and_then(|pt| by_type.get(pt));
    match (typed.or(ind.target.as_ref()), project_type) {
        (Some(t), _) => Ok(Some(t)),
        (None, _) if by_type.is_empty() => Ok(None),
        (None, None) => Err(Reason::ProjectTypeRequired),
        (None, Some(_)) => Err(Reason::OtherProjectTypeOnly),
    }
}

fn project_types_text(ind: &Indicator, lang: Lang) -> String {
    let by_type = &ind.target_by_project_type;
    let mut names = Vec::new();
    if by_type.renovation.is_some() {
        names.push(if lang == Lang::Zh {
            "改造更新"
        } else {
            "renovation"
        });
    }
    if by_type.new_build.is_some() {
        names.push(if lang == Lang::Zh {
            "规划新建"
        } else {
            "new-build"
        });
    }
    names.join(if lang == Lang::Zh { "、" } else { " and " })
}

fn judge(
    profile: &Profile,
    ind: &Indicator,
    key: &MetricKey,
    value: Option<f64>,
    project_type: Option<ProjectType>,
    resolve: &dyn Fn(&str) -> Option<f64>,
) -> IndicatorResult {
    let mut result = IndicatorResult {
        id: ind.id.clone(),
        scenario: ind.scenario.clone(),
        binding: ind.binding,
        binding_basis: ind.binding_basis,
        label: ind.label.clone(),
        metric: ind.metric.clone(),
        unit: ind.unit,
        status: Status::NotAssessed,
        reason: None,
        value: None,
        target: None,
        target_text: None,
        pass: None,
        score: None,
        weight: ind.weight,
        explanation: ind.explanation.clone(),
        note: ind.note.clone(),
        source: ind.source.clone(),
        verified: ind.verified,
    };
    let target = match target_in_force(ind, project_type) {
        Ok(t) => t,
        Err(reason) => {
            result.reason = Some(reason);
            if reason == Reason::OtherProjectTypeOnly {
                result.status = Status::NotApplicable;
                result.explanation = both(|l| match l {
                    Lang::Zh => {
                        format!("不适用：该指标仅适用于{}项目。", project_types_text(ind, l))
                    }
                    Lang::En => format!(
                        "Not applicable: applies to {} projects only.",
                        project_types_text(ind, l)
                    ),
                });
            } else {
                result.explanation = both(|l| {
                    match l {
                    Lang::Zh => format!("未评估：该指标仅适用于{}项目，请指定项目类型。", project_types_text(ind, l)),
                    Lang::En => format!(
                        "Not assessed: this indicator applies to {} projects only; give the project type.",
                        project_types_text(ind, l)
                    ),
                }
                });
            }
            return result;
        }
    };
    // A target read from another value (`valueFrom`): resolved here, or
    // the indicator cannot be judged.
    let resolved: Option<Target> = match target {
        Some(t) => match &t.value_from {
            None => Some(t.clone()),
            Some(from) => match resolve(from) {
                Some(v) => Some(Target {
                    value: Some(v),
                    ..t.clone()
                }),
                None => {
                    result.reason = Some(Reason::TargetValueMissing);
                    result.target = Some(t.clone());
                    result.explanation = match MetricKey::parse(from) {
                        Ok(k) => missing_explanation(profile, &k),
                        Err(_) => missing_explanation(profile, key),
                    };
                    return result;
                }
            },
        },
        None => None,
    };
    let target = resolved.as_ref();
    result.target = target.cloned();
    result.target_text = target.map(|t| both(|l| fmt_target(t, ind.unit, l)));
    let Some(raw) = value else {
        result.reason = Some(Reason::MissingValue);
        result.explanation = missing_explanation(profile, key);
        return result;
    };
    let v = round_to(raw, VALUE_DECIMALS);
    let pass = target.map(|t| t.is_met(v));
    let score = ind
        .scoring
        .score(v, target)
        .map(|s| round_to(s, SCORE_DECIMALS));
    result.status = Status::Assessed;
    result.value = Some(v);
    result.pass = pass;
    result.score = score;
    result.explanation = both(|l| {
        let value_s = fmt_value(v, ind.unit, l);
        let target_s = match (target, l) {
            (Some(t), _) => fmt_target(t, ind.unit, l),
            (None, Lang::Zh) => "无目标值".to_string(),
            (None, Lang::En) => "no target".to_string(),
        };
        let score_s = score.map_or_else(String::new, |s| fmt_number(s, 2));
        let text = fill(
            l.pick(&ind.explanation),
            &[
                ("value", &value_s),
                ("target", &target_s),
                ("unit", unit_symbol(ind.unit, l)),
                ("score", &score_s),
            ],
        );
        let verdict = verdict(pass, ind.binding, l);
        match l {
            Lang::Zh => format!("{text}{verdict}"),
            Lang::En => format!("{text} {verdict}"),
        }
    });
    result
}

fn verdict(pass: Option<bool>, binding: Binding, lang: Lang) -> &'static str {
    match (pass, binding, lang) {
        (Some(true), _, Lang::Zh) => "结论：达标。",
        (Some(true), _, Lang::En) => "Result: meets the target.",
        (Some(false), Binding::Constraint, Lang::Zh) => "结论：未达标（约束性指标）。",
        (Some(false), Binding::Constraint, Lang::En) => "Result: fails a binding target.",
        (Some(false), Binding::Guidance, Lang::Zh) => "结论：未达到引导目标。",
        (Some(false), Binding::Guidance, Lang::En) => "Result: below the guidance target.",
        (None, _, Lang::Zh) => "结论：无目标值，仅按数值评分。",
        (None, _, Lang::En) => "Result: no target; scored on the value alone.",
    }
}

fn missing_explanation(profile: &Profile, key: &MetricKey) -> Text {
    match key {
        MetricKey::Attribute(name) => {
            let label = profile.doc().attributes.get(name).map(|a| &a.label);
            both(|l| {
                let what = label.map_or(name.as_str(), |t| l.pick(t));
                match l {
                    Lang::Zh => format!("未评估：未申报属性“{what}”（attributes.{name}）。"),
                    Lang::En => format!(
                        "Not assessed: attribute \"{what}\" (attributes.{name}) was not declared."
                    ),
                }
            })
        }
        _ => both(|l| match l {
            Lang::Zh => format!("未评估：缺少指标 {key} 的计算结果。"),
            Lang::En => format!("Not assessed: no value for {key}."),
        }),
    }
}

fn scenario_results(
    profile: &Profile,
    results: &[IndicatorResult],
    options: &EvalOptions,
) -> Vec<ScenarioResult> {
    profile
        .doc()
        .scenarios
        .iter()
        .map(|s| {
            let mut assessed = 0;
            let mut applicable = 0;
            let (mut w_applicable, mut w_assessed, mut weighted) = (0.0, 0.0, 0.0);
            for r in results.iter().filter(|r| r.scenario == s.id) {
                if r.status == Status::NotApplicable {
                    continue;
                }
                applicable += 1;
                w_applicable += r.weight;
                if let (Status::Assessed, Some(score)) = (r.status, r.score) {
                    assessed += 1;
                    w_assessed += r.weight;
                    weighted += r.weight * score;
                }
            }
            let (score, completeness) =
                score_and_completeness(weighted, w_assessed, w_assessed, w_applicable);
            let required = s
                .required_for
                .as_ref()
                .is_none_or(|r| r.requires(options.project_type, options.tier));
            ScenarioResult {
                id: s.id.clone(),
                name: s.name.clone(),
                weight: s.weight,
                score,
                assessed,
                applicable,
                completeness,
                required,
            }
        })
        .collect()
}

/// Overall score over the scored required scenarios, and completeness over
/// the required scenarios that have at least one applicable indicator.
fn overall(scenarios: &[ScenarioResult]) -> (Option<f64>, f64) {
    let (mut w_scored, mut weighted, mut w_applicable, mut w_complete) = (0.0, 0.0, 0.0, 0.0);
    for s in scenarios.iter().filter(|s| s.required) {
        if s.applicable > 0 {
            w_applicable += s.weight;
            w_complete += s.weight * s.completeness;
        }
        if let Some(score) = s.score {
            w_scored += s.weight;
            weighted += s.weight * score;
        }
    }
    score_and_completeness(weighted, w_scored, w_complete, w_applicable)
}

/// The rounded weighted mean score `weighted / w_scored` (`None` without
/// weight scored) and the rounded completeness `w_complete / w_applicable`
/// (0 without weight applicable).
fn score_and_completeness(
    weighted: f64,
    w_scored: f64,
    w_complete: f64,
    w_applicable: f64,
) -> (Option<f64>, f64) {
    let score = (w_scored > 0.0).then(|| round_to(weighted / w_scored, SCORE_DECIMALS));
    let completeness = if w_applicable > 0.0 {
        round_to(w_complete / w_applicable, VALUE_DECIMALS)
    } else {
        0.0
    };
    (score, completeness)
}
