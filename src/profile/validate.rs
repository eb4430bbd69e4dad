//! Checks a deserialized profile document for everything serde cannot see:
//! translations present, ids unique, scenarios and sources known, metric keys
//! well-formed, targets and scoring rules consistent, weights positive.
//!
//! Every failure is an [`Error::InvalidProfile`] whose `path` is the JSON path
//! of the offending value, e.g. `indicators[3].target.value`.

use std::collections::BTreeSet;

use super::format::placeholders;
use super::metric::{is_category, is_identifier, MetricKey};
use super::schema::{
    AttributeType, Binding, BindingBasis, Indicator, Op, ParameterValue, ProfileDoc, Scoring,
    Target, Text, SCENARIO_IDS,
};
use crate::error::{Error, Result};

/// Builds an [`Error::InvalidProfile`].
pub(crate) fn invalid(path: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::InvalidProfile {
        path: path.into(),
        reason: reason.into(),
    }
}

/// Validates `doc`; on success returns the parsed metric key of each
/// indicator, in indicator order.
pub(crate) fn validate(doc: &ProfileDoc) -> Result<Vec<MetricKey>> {
    check_slug("id", &doc.id)?;
    non_empty("version", &doc.version)?;
    check_text("name", &doc.name)?;
    if let Some(d) = &doc.description {
        check_text("description", d)?;
    }
    check_sources(doc)?;
    check_parameters(doc)?;
    check_attributes(doc)?;
    check_scenarios(doc)?;
    check_grading(doc)?;
    if doc.indicators.is_empty() {
        return Err(invalid(
            "indicators",
            "a profile needs at least one indicator",
        ));
    }
    let mut ids = BTreeSet::new();
    let mut keys = Vec::with_capacity(doc.indicators.len());
    for (i, ind) in doc.indicators.iter().enumerate() {
        let path = format!("indicators[{i}]");
        if !ids.insert(ind.id.as_str()) {
            return Err(invalid(
                format!("{path}.id"),
                format!("duplicate indicator id `{}`", ind.id),
            ));
        }
        keys.push(check_indicator(doc, &path, ind)?);
    }
    for (i, s) in doc.scenarios.iter().enumerate() {
        if !doc.indicators.iter().any(|ind| ind.scenario == s.id) {
            return Err(invalid(
                format!("scenarios[{i}]"),
                format!("scenario `{}` has no indicators", s.id),
            ));
        }
    }
    Ok(keys)
}

fn non_empty(path: &str, s: &str) -> Result<()> {
    if s.trim().is_empty() {
        Err(invalid(path, "must not be empty"))
    } else {
        Ok(())
    }
}

fn check_text(path: &str, t: &Text) -> Result<()> {
    for (lang, s) in [("zh", &t.zh), ("en", &t.en)] {
        if s.trim().is_empty() {
            return Err(invalid(
                format!("{path}.{lang}"),
                format!("missing {lang} translation"),
            ));
        }
    }
    Ok(())
}

fn check_slug(path: &str, s: &str) -> Result<()> {
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && s.as_bytes()[0].is_ascii_lowercase();
    if ok {
        Ok(())
    } else {
        Err(invalid(
            path,
            format!(
                "`{s}` must start with a lowercase letter and contain only a-z, 0-9, `-` and `_`"
            ),
        ))
    }
}

fn check_finite(path: &str, x: f64) -> Result<()> {
    if x.is_finite() {
        Ok(())
    } else {
        Err(invalid(path, "must be a finite number"))
    }
}

/// Smallest accepted weight (weights are relative: 1 and 2 mean 1:2).
const MIN_WEIGHT: f64 = 1e-6;
/// Largest accepted weight: weighted sums of scores stay far from overflow.
const MAX_WEIGHT: f64 = 1e6;

fn check_weight(path: &str, w: f64) -> Result<()> {
    if (MIN_WEIGHT..=MAX_WEIGHT).contains(&w) {
        Ok(())
    } else {
        Err(invalid(
            path,
            format!(
                "weight must be within {MIN_WEIGHT}..={MAX_WEIGHT} (weights are relative), got {w}"
            ),
        ))
    }
}

fn check_source_refs(doc: &ProfileDoc, path: &str, refs: &[String]) -> Result<()> {
    if refs.is_empty() {
        return Err(invalid(path, "cite at least one source key"));
    }
    for (i, key) in refs.iter().enumerate() {
        if !doc.sources.contains_key(key) {
            return Err(invalid(
                format!("{path}[{i}]"),
                format!("unknown source `{key}`; it must be a key of `sources`"),
            ));
        }
    }
    Ok(())
}

fn check_sources(doc: &ProfileDoc) -> Result<()> {
    if doc.sources.is_empty() {
        return Err(invalid("sources", "a profile needs at least one source"));
    }
    for (key, s) in &doc.sources {
        non_empty(&format!("sources.{key}"), key)?;
        non_empty(&format!("sources.{key}.title"), &s.title)?;
    }
    Ok(())
}

/// What a parameter name must look like.
const PARAMETER_NAME_RULE: &str = "parameter names are letters, digits and `_`";
/// What an attribute name must look like.
const ATTRIBUTE_NAME_RULE: &str =
    "attribute names start with a letter and contain only letters, digits and `_`";

/// The path `section.name` of an entry named by an identifier; an
/// `INVALID_PROFILE` error saying `rule` there when `name` is not one.
fn identifier_path(section: &str, name: &str, rule: &str) -> Result<String> {
    let path = format!("{section}.{name}");
    if is_identifier(name) {
        Ok(path)
    } else {
        Err(invalid(&path, rule))
    }
}

fn check_parameters(doc: &ProfileDoc) -> Result<()> {
    for (name, p) in &doc.parameters {
        let path = identifier_path("parameters", name, PARAMETER_NAME_RULE)?;
        check_source_refs(doc, &format!("{path}.source"), &p.source)?;
        if let Some(note) = &p.note {
            check_text(&format!("{path}.note"), note)?;
        }
        let vpath = format!("{path}.value");
        match (name.as_str(), &p.value) {
            ("roofGreenFactor" | "verticalGreenFactor", ParameterValue::Number(x))
                if !(0.0..=1.0).contains(x) =>
            {
                return Err(invalid(vpath, "a green factor must be within 0..=1"));
            }
            ("walkSpeedMps", ParameterValue::Number(x)) if !(x.is_finite() && *x > 0.0) => {
                return Err(invalid(vpath, "walking speed must be positive (m/s)"));
            }
            (
                "roofGreenFactor" | "verticalGreenFactor" | "walkSpeedMps",
                ParameterValue::Number(_),
            ) => {}
            ("serviceCategories", ParameterValue::List(cats)) => {
                for (i, c) in cats.iter().enumerate() {
                    if !is_category(c) {
                        return Err(invalid(
                            format!("{vpath}[{i}]"),
                            format!("unknown facility category `{c}`"),
                        ));
                    }
                }
            }
            ("roofGreenFactor" | "verticalGreenFactor" | "walkSpeedMps", _) => {
                return Err(invalid(vpath, "must be a number"));
            }
            ("serviceCategories", _) => {
                return Err(invalid(vpath, "must be an array of facility categories"));
            }
            ("farExemptReasons" | "farExemptReasonsRenovation", ParameterValue::List(rs)) => {
                for (i, r) in rs.iter().enumerate() {
                    if crate::model::FarExemptReason::parse(r).is_none() {
                        return Err(invalid(
                            format!("{vpath}[{i}]"),
                            format!(
                                "unknown FAR exemption `{r}` (known: sky_garden_green, \
                                 safety_passage, stilt_floor, public_open_space)"
                            ),
                        ));
                    }
                }
            }
            ("farExemptReasons" | "farExemptReasonsRenovation", _) => {
                return Err(invalid(vpath, "must be an array of FAR exemption kinds"));
            }
            ("roofGreenSoilDepthsM" | "roofGreenSoilFactors", ParameterValue::Numbers(v)) => {
                check_soil_table(doc, name, &vpath, v)?;
            }
            ("roofGreenSoilDepthsM" | "roofGreenSoilFactors", _) => {
                return Err(invalid(vpath, "must be an array of numbers"));
            }
            (_, ParameterValue::Number(x)) => check_finite(&vpath, *x)?,
            (_, ParameterValue::Numbers(v)) => {
                for (i, x) in v.iter().enumerate() {
                    check_finite(&format!("{vpath}[{i}]"), *x)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The soil-depth factor table: depths strictly decreasing and not
/// negative, factors within 0..=1, both lists of the same length.
fn check_soil_table(doc: &ProfileDoc, name: &str, vpath: &str, v: &[f64]) -> Result<()> {
    let other = if name == "roofGreenSoilDepthsM" {
        "roofGreenSoilFactors"
    } else {
        "roofGreenSoilDepthsM"
    };
    let other_len = match doc.parameters.get(other).map(|p| &p.value) {
        Some(ParameterValue::Numbers(o)) => o.len(),
        _ => {
            return Err(invalid(
                vpath,
                format!("`{name}` needs `{other}` beside it (the two make one table)"),
            ))
        }
    };
    if v.is_empty() || v.len() != other_len {
        return Err(invalid(
            vpath,
            format!("`{name}` and `{other}` must be non-empty and of the same length"),
        ));
    }
    let mut previous = f64::INFINITY;
    for (i, x) in v.iter().enumerate() {
        let ok = if name == "roofGreenSoilDepthsM" {
            x.is_finite() && *x >= 0.0 && *x < previous
        } else {
            (0.0..=1.0).contains(x)
        };
        if !ok {
            return Err(invalid(
                format!("{vpath}[{i}]"),
                if name == "roofGreenSoilDepthsM" {
                    "soil depths must be metres, not negative, deepest first (strictly decreasing)"
                } else {
                    "a green factor must be within 0..=1"
                },
            ));
        }
        previous = *x;
    }
    Ok(())
}

fn check_attributes(doc: &ProfileDoc) -> Result<()> {
    for (name, a) in &doc.attributes {
        let path = identifier_path("attributes", name, ATTRIBUTE_NAME_RULE)?;
        check_text(&format!("{path}.label"), &a.label)?;
        if let Some(d) = &a.description {
            check_text(&format!("{path}.description"), d)?;
        }
        for (field, bound) in [("min", a.min), ("max", a.max)] {
            if let Some(x) = bound {
                if a.kind == AttributeType::Boolean {
                    return Err(invalid(
                        format!("{path}.{field}"),
                        "a boolean attribute takes no bounds",
                    ));
                }
                check_finite(&format!("{path}.{field}"), x)?;
            }
        }
        if let (Some(lo), Some(hi)) = (a.min, a.max) {
            if lo > hi {
                return Err(invalid(format!("{path}.min"), "min must not exceed max"));
            }
        }
    }
    Ok(())
}

fn check_scenarios(doc: &ProfileDoc) -> Result<()> {
    if doc.scenarios.is_empty() {
        return Err(invalid(
            "scenarios",
            "a profile needs at least one scenario",
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, s) in doc.scenarios.iter().enumerate() {
        let path = format!("scenarios[{i}]");
        if !SCENARIO_IDS.contains(&s.id.as_str()) {
            return Err(invalid(
                format!("{path}.id"),
                format!(
                    "unknown scenario `{}`; expected one of: {}",
                    s.id,
                    SCENARIO_IDS.join(", ")
                ),
            ));
        }
        if !seen.insert(s.id.as_str()) {
            return Err(invalid(
                format!("{path}.id"),
                format!("duplicate scenario id `{}`", s.id),
            ));
        }
        check_text(&format!("{path}.name"), &s.name)?;
        check_weight(&format!("{path}.weight"), s.weight)?;
        if let Some(r) = &s.required_for {
            check_source_refs(doc, &format!("{path}.requiredFor.source"), &r.source)?;
            if let Some(note) = &r.note {
                check_text(&format!("{path}.requiredFor.note"), note)?;
            }
        }
    }
    Ok(())
}

fn check_grading(doc: &ProfileDoc) -> Result<()> {
    let g = &doc.grading;
    check_source_refs(doc, "grading.source", &g.source)?;
    if let Some(note) = &g.note {
        check_text("grading.note", note)?;
    }
    if let Some(m) = &g.min_completeness {
        if !(0.0..=1.0).contains(&m.value) {
            return Err(invalid(
                "grading.minCompleteness.value",
                format!("must be a share within 0..=1, got {}", m.value),
            ));
        }
        check_source_refs(doc, "grading.minCompleteness.source", &m.source)?;
        if let Some(note) = &m.note {
            check_text("grading.minCompleteness.note", note)?;
        }
    }
    if g.bands.is_empty() {
        return Err(invalid(
            "grading.bands",
            "at least one grade band is needed",
        ));
    }
    let mut ids = BTreeSet::new();
    let mut previous = f64::INFINITY;
    for (i, b) in g.bands.iter().enumerate() {
        let path = format!("grading.bands[{i}]");
        non_empty(&format!("{path}.id"), &b.id)?;
        if !ids.insert(b.id.as_str()) {
            return Err(invalid(
                format!("{path}.id"),
                format!("duplicate grade id `{}`", b.id),
            ));
        }
        check_text(&format!("{path}.label"), &b.label)?;
        if !(0.0..=100.0).contains(&b.min_score) || b.min_score >= previous {
            return Err(invalid(
                format!("{path}.minScore"),
                "minScore must be within 0..=100 and strictly decrease from band to band",
            ));
        }
        previous = b.min_score;
    }
    if previous != 0.0 {
        return Err(invalid(
            format!("grading.bands[{}].minScore", g.bands.len() - 1),
            "the last grade band must start at 0 so every score gets a grade",
        ));
    }
    Ok(())
}

/// A target's `valueFrom` names a metric key; an attribute must be declared.
fn check_value_from(doc: &ProfileDoc, path: &str, t: &Target) -> Result<()> {
    let Some(k) = &t.value_from else {
        return Ok(());
    };
    match MetricKey::parse(k).map_err(|e| invalid(path, e))? {
        MetricKey::Attribute(name) if !doc.attributes.contains_key(&name) => Err(invalid(
            path,
            format!("attribute `{name}` is not declared in `attributes`"),
        )),
        _ => Ok(()),
    }
}

fn check_target(path: &str, t: &Target) -> Result<()> {
    match t.op {
        Op::Between => {
            let (Some(lo), Some(hi)) = (t.min, t.max) else {
                return Err(invalid(path, "`between` needs `min` and `max`"));
            };
            if t.value.is_some() || t.value_from.is_some() {
                return Err(invalid(
                    format!("{path}.value"),
                    "`between` takes `min` and `max`, not `value` or `valueFrom`",
                ));
            }
            check_finite(&format!("{path}.min"), lo)?;
            check_finite(&format!("{path}.max"), hi)?;
            if lo > hi {
                return Err(invalid(format!("{path}.min"), "min must not exceed max"));
            }
        }
        _ if t.value_from.is_some() => {
            if t.value.is_some() || t.min.is_some() || t.max.is_some() {
                return Err(invalid(
                    path,
                    "`valueFrom` takes the place of `value`: give one of them",
                ));
            }
        }
        op => {
            let Some(v) = t.value else {
                return Err(invalid(path, format!("`{}` needs `value`", op.as_str())));
            };
            if t.min.is_some() || t.max.is_some() {
                return Err(invalid(
                    path,
                    format!(
                        "`{}` takes `value`; `min`/`max` are for `between`",
                        op.as_str()
                    ),
                ));
            }
            check_finite(&format!("{path}.value"), v)?;
        }
    }
    Ok(())
}

fn check_scoring(path: &str, s: &Scoring) -> Result<()> {
    match s {
        Scoring::PassFail {} => Ok(()),
        Scoring::Linear { from, to } => {
            check_finite(&format!("{path}.from"), *from)?;
            check_finite(&format!("{path}.to"), *to)?;
            if from == to {
                return Err(invalid(path, "a linear ramp needs `from` != `to`"));
            }
            if !(to - from).is_finite() {
                return Err(invalid(
                    path,
                    "`to` - `from` overflows; use a ramp of a representable width",
                ));
            }
            Ok(())
        }
        Scoring::Bands { bands } => {
            if bands.is_empty() {
                return Err(invalid(
                    format!("{path}.bands"),
                    "at least one band is needed",
                ));
            }
            let uses_min = bands[0].min.is_some();
            let mut previous: Option<f64> = None;
            for (i, b) in bands.iter().enumerate() {
                let bpath = format!("{path}.bands[{i}]");
                let edge = match (b.min, b.max) {
                    (Some(x), None) if uses_min => x,
                    (None, Some(x)) if !uses_min => x,
                    _ => return Err(invalid(
                        bpath,
                        "each band sets exactly one of `min` or `max`, the same one in every band",
                    )),
                };
                check_finite(&bpath, edge)?;
                if !(0.0..=100.0).contains(&b.score) {
                    return Err(invalid(
                        format!("{bpath}.score"),
                        "score must be within 0..=100",
                    ));
                }
                let ordered = previous.is_none_or(|p| if uses_min { edge < p } else { edge > p });
                if !ordered {
                    return Err(invalid(
                        bpath,
                        "list `min` bands by strictly decreasing `min`, `max` bands by strictly increasing `max`",
                    ));
                }
                previous = Some(edge);
            }
            Ok(())
        }
    }
}

fn check_indicator(doc: &ProfileDoc, path: &str, ind: &Indicator) -> Result<MetricKey> {
    check_slug(&format!("{path}.id"), &ind.id)?;
    if !doc.scenarios.iter().any(|s| s.id == ind.scenario) {
        return Err(invalid(
            format!("{path}.scenario"),
            format!(
                "unknown scenario `{}`; declare it in `scenarios` first",
                ind.scenario
            ),
        ));
    }
    let key = MetricKey::parse(&ind.metric).map_err(|e| invalid(format!("{path}.metric"), e))?;
    if let MetricKey::Attribute(name) = &key {
        if !doc.attributes.contains_key(name) {
            return Err(invalid(
                format!("{path}.metric"),
                format!("attribute `{name}` is not declared in `attributes`"),
            ));
        }
    }
    check_weight(&format!("{path}.weight"), ind.weight)?;
    check_text(&format!("{path}.label"), &ind.label)?;
    check_text(&format!("{path}.explanation"), &ind.explanation)?;
    for (lang, template) in [("zh", &ind.explanation.zh), ("en", &ind.explanation.en)] {
        placeholders(template).map_err(|e| invalid(format!("{path}.explanation.{lang}"), e))?;
    }
    if let Some(note) = &ind.note {
        check_text(&format!("{path}.note"), note)?;
    }
    check_source_refs(doc, &format!("{path}.source"), &ind.source)?;
    if let Some(t) = &ind.target {
        check_target(&format!("{path}.target"), t)?;
        check_value_from(doc, &format!("{path}.target.valueFrom"), t)?;
    }
    let by_type = &ind.target_by_project_type;
    for (field, t) in [
        ("renovation", &by_type.renovation),
        ("newBuild", &by_type.new_build),
    ] {
        if let Some(t) = t {
            check_target(&format!("{path}.targetByProjectType.{field}"), t)?;
            check_value_from(
                doc,
                &format!("{path}.targetByProjectType.{field}.valueFrom"),
                t,
            )?;
        }
    }
    let has_target = ind.target.is_some() || !by_type.is_empty();
    if ind.binding == Binding::Constraint && !has_target {
        return Err(invalid(
            format!("{path}.target"),
            "a binding (constraint) indicator needs a target",
        ));
    }
    if ind.binding == Binding::Constraint && ind.binding_basis == Some(BindingBasis::None) {
        return Err(invalid(
            format!("{path}.bindingBasis"),
            "an indicator with no basis for being binding must be `guidance`, not `constraint`",
        ));
    }
    if matches!(ind.scoring, Scoring::PassFail {}) && !has_target {
        return Err(invalid(
            format!("{path}.scoring"),
            "passFail scoring needs a target",
        ));
    }
    check_scoring(&format!("{path}.scoring"), &ind.scoring)?;
    Ok(key)
}
