//! The free functions of the JS API.

use std::collections::BTreeMap;

use wasm_bindgen::prelude::*;

use super::convert::{describe_js, from_js_required, js_to_value, string_arg, to_js, JsResult};
use crate::community::SiteRef;
use crate::error::Error;
use crate::evaluation::DEFAULT_PROFILE;
use crate::input::mapping::OsmMapping;
use crate::profile::{self, AttributeValue, EvalOptions, Profile, ProjectType, Report, Tier};

/// The library version, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = version)]
pub fn js_version() -> String {
    crate::version().to_string()
}

/// The built-in OpenStreetMap tag mapping, to copy and adapt; pass the
/// result as `osmMapping` to `Community.fromGeoJSON`.
#[wasm_bindgen(js_name = defaultOsmMapping, unchecked_return_type = "OsmMapping")]
pub fn default_osm_mapping() -> JsResult<JsValue> {
    let m = OsmMapping::builtin()?;
    to_js(&m)
}

/// A profile given as a built-in id, a profile object, or nothing (the
/// default built-in).
pub(super) fn profile_arg(value: Option<JsValue>) -> JsResult<Profile> {
    let v = match value {
        Some(v) if !v.is_undefined() && !v.is_null() => v,
        _ => return Ok(profile::builtin(DEFAULT_PROFILE)?),
    };
    if let Some(id) = v.as_string() {
        return Ok(profile::builtin(&id)?);
    }
    if !v.is_object() || js_sys::Array::is_array(&v) || v.is_function() {
        return Err(Error::option(
            "profile",
            format!(
                "expected a profile id (a string) or a profile document (an object), got {}",
                describe_js(&v)
            ),
        )
        .into());
    }
    let doc = js_to_value(&v).map_err(|e| Error::InvalidProfile {
        path: if e.path().is_empty() {
            "(root)".into()
        } else {
            e.path()
        },
        reason: e.message().to_string(),
    })?;
    Ok(Profile::from_value(doc)?)
}

/// The built-in profiles: `[{ id, version, name: { zh, en }, ... }]`.
#[wasm_bindgen(js_name = profiles, unchecked_return_type = "ProfileInfo[]")]
pub fn js_profiles() -> JsResult<JsValue> {
    to_js(&profile::builtin_profiles())
}

/// The full document of a built-in profile, to inspect or adapt and pass
/// back to `evaluate()`.
#[wasm_bindgen(js_name = profile, unchecked_return_type = "ProfileDocument")]
pub fn js_profile(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> JsResult<JsValue> {
    // Taken as a JsValue: a `&str` parameter given a non-string traps in the glue.
    let id = string_arg(
        &id,
        "id",
        "a profile id (a string, e.g. \"zhejiang-future-community\"; profiles() lists them)",
    )?;
    let p = profile::builtin(&id)?;
    to_js(p.doc())
}

/// The facility categories the package knows, with zh/en labels and
/// groups: `{ id, version, description, groups, categories: [{ id, group,
/// label: { zh, en } }] }`.
#[wasm_bindgen(js_name = categories, unchecked_return_type = "CategoryList")]
pub fn js_categories() -> JsResult<JsValue> {
    to_js(crate::categories::builtin()?)
}

/// The JSON Schema that profile documents follow (as an object).
#[wasm_bindgen(js_name = profileSchema, unchecked_return_type = "JsonSchema")]
pub fn js_profile_schema() -> JsResult<JsValue> {
    let v: serde_json::Value =
        serde_json::from_str(profile::PROFILE_SCHEMA).map_err(|e| Error::Internal {
            reason: format!("the bundled profile schema is not JSON: {e}"),
        })?;
    to_js(&v)
}

/// Compares two reports of the same site (before/after a plan, or two
/// quarters): per-indicator value, score and pass changes.
#[wasm_bindgen(js_name = compareReports, unchecked_return_type = "ReportDiff")]
pub fn js_compare_reports(
    #[wasm_bindgen(unchecked_param_type = "Report")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Report")] b: JsValue,
) -> JsResult<JsValue> {
    let a: Report = from_js_required(a, "a")?;
    let b: Report = from_js_required(b, "b")?;
    profile::check_report(&a, "a")?;
    profile::check_report(&b, "b")?;
    to_js(&profile::compare_reports(&a, &b))
}

/// Options of `evaluate()` and `evaluateAll()`.
#[derive(serde::Deserialize, Default)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "EvaluateOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct EvaluateArgs {
    /// Which site (ignored by `evaluateAll`).
    #[serde(default)]
    site: Option<SiteRef>,
    /// Declared attribute values by name.
    #[serde(default)]
    attributes: BTreeMap<String, AttributeValue>,
    /// 改造更新 `renovation` or 规划新建 `newBuild`.
    #[serde(default)]
    project_type: Option<ProjectType>,
    /// 引领型 `leading` or 普惠型 `inclusive`.
    #[serde(default)]
    tier: Option<Tier>,
    /// `evaluateAll` only: `false` leaves `reports` empty and returns the
    /// table (scores, status, scenario scores, indicator values) and the
    /// ranking, a few hundred bytes per site instead of tens of kilobytes;
    /// for many sites. Default `true`.
    #[serde(default)]
    reports: Option<bool>,
}

impl EvaluateArgs {
    /// Whether `evaluateAll` keeps the full reports (`reports`, default true).
    pub(super) fn keep_reports(&self) -> bool {
        self.reports.unwrap_or(true)
    }

    pub(super) fn split(self) -> (Option<SiteRef>, EvalOptions) {
        let opts = EvalOptions {
            attributes: self.attributes,
            project_type: self.project_type,
            tier: self.tier,
        };
        (self.site, opts)
    }
}
