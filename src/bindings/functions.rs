//! The free functions of the JS API.

use wasm_bindgen::prelude::*;

use super::convert::{
    describe_js, from_js, from_js_required, js_to_value, string_arg, to_js, JsResult,
};
use crate::community::SiteRef;
use crate::error::Error;
use crate::evaluation::DEFAULT_PROFILE;
use crate::input::mapping::OsmMapping;
use crate::profile::{self, EvalOptions, Profile, Report};
use crate::query::EvaluateQuery;

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

/// What a profile reads, so a front end asks only for that: `{ siteMetrics,
/// coverage: [{ category, thresholdM, weighting }], nearest, travelCircles,
/// attributes }`. `profile` is a built-in id, a profile document, or absent
/// (the default profile).
#[wasm_bindgen(js_name = profileRequirements, unchecked_return_type = "ProfileRequirements")]
pub fn js_profile_requirements(
    #[wasm_bindgen(unchecked_param_type = "string | ProfileDocumentInput")] profile: Option<
        JsValue,
    >,
) -> JsResult<JsValue> {
    to_js(&profile_arg(profile)?.requirements())
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

/// What `evaluate()` and `evaluateAll()` decode: the profile, the site
/// (`evaluate()` alone reads it), the evaluation options and whether
/// `evaluateAll()` keeps the full reports.
pub(super) fn evaluate_inputs(
    profile: Option<JsValue>,
    options: Option<JsValue>,
) -> JsResult<(Profile, Option<SiteRef>, EvalOptions, bool)> {
    let p = profile_arg(profile)?;
    let query = from_js::<EvaluateQuery>(options, "options")?;
    let keep = query.keep_reports();
    let (site, opts) = query.into_parts();
    Ok((p, site, opts, keep))
}
