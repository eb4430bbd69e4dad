//! JS values in and out: errors, option objects, inputs and results.

use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::access::AccessColumns;
use crate::decode::{self, DecodeError};
use crate::error::Error;
use crate::option_text;

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, catching what a Proxy's trap throws.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    pub(super) fn own_keys(obj: &JsValue) -> Result<Array, JsValue>;
    /// `Array.from`, catching what an iterator throws.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    pub(super) fn array_from(v: &JsValue) -> Result<Array, JsValue>;
    /// `Object.prototype.toString.call(v)`: `"[object Date]"` and so on,
    /// also for objects from another realm (an iframe).
    #[wasm_bindgen(catch, js_namespace = ["Object", "prototype", "toString"], js_name = call)]
    fn object_tag(v: &JsValue) -> Result<String, JsValue>;
}

/// Deepest nesting an option object or profile may have (a cycle ends here).
const MAX_DEPTH: usize = 64;
/// Most values (numbers, strings, objects, ...) one argument may hold.
const MAX_VALUES: usize = 2_000_000;

/// A core error as a thrown JS `Error` with `code` (and `featureIndex`).
impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        let err = js_sys::Error::new(&e.to_string());
        err.set_name("FutureCommunityError");
        // Reflect::set only fails on frozen objects; a fresh Error is not.
        let _ = Reflect::set(&err, &"code".into(), &e.code().into());
        if let Some(i) = e.feature_index() {
            let _ = Reflect::set(&err, &"featureIndex".into(), &(i as f64).into());
        }
        if let Some(s) = e.source() {
            let _ = Reflect::set(&err, &"source".into(), &(s as f64).into());
        }
        err.into()
    }
}

/// What every binding returns.
pub(super) type JsResult<T> = std::result::Result<T, JsValue>;

/// A result as a plain JS object (`None` becomes `null`).
///
/// Serialised to JSON in Rust and parsed by `JSON.parse`: one crossing
/// instead of one per property, every key from the input kept as an own
/// property (`__proto__` included: `JSON.parse` defines members, it does
/// not assign them), and a non-finite number can never reach JS (serde_json
/// writes it as `null`).
pub(super) fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(value).map_err(|e| Error::Internal {
        reason: format!("the result cannot be written as JSON: {e}"),
    })?;
    js_sys::JSON::parse(&text)
}

/// Decodes an options object (absent, `undefined` or `null` = defaults).
pub(super) fn from_js<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
    what: &str,
) -> JsResult<T> {
    match value {
        None => Ok(T::default()),
        Some(v) if v.is_undefined() || v.is_null() => Ok(T::default()),
        Some(v) => from_js_required(v, what),
    }
}

/// Decodes a required options object. Errors name the offending option by
/// its path (`origin[1]`, `sites[2].id`) and say what is allowed, in words
/// (`option_text`).
pub(super) fn from_js_required<T: DeserializeOwned>(value: JsValue, what: &str) -> JsResult<T> {
    let v = object_arg(&value, what)?;
    decode::from_value(&v).map_err(|e| option_error(what, &e).into())
}

/// Turns a decoding error into `INVALID_OPTION`, named by its path.
fn option_error(what: &str, e: &DecodeError) -> Error {
    let (option, sentence) = option_text::describe(&e.path(), e.message());
    Error::option(if option.is_empty() { what } else { &option }, sentence)
}

/// One object argument as a JSON value. Arrays and primitives are refused
/// here (serde would read an array as positional fields), and so is
/// anything inside that JSON cannot hold.
pub(super) fn object_arg(value: &JsValue, what: &str) -> JsResult<Value> {
    if !value.is_object() || Array::is_array(value) || value.is_function() {
        let got = describe_js(value);
        return Err(Error::option(
            what,
            format!("expected an object with named options, got {got}"),
        )
        .into());
    }
    js_to_value(value).map_err(|e| option_error(what, &e).into())
}

/// Converts a JS value to JSON read from the value itself (not through
/// `JSON.stringify`, which turns `NaN` and `±Infinity` into `null` and so
/// into a default): non-finite numbers, functions, symbols and BigInts are
/// errors with their path; `undefined` members are left out, as JSON would.
pub(super) fn js_to_value(value: &JsValue) -> Result<Value, DecodeError> {
    let mut budget = MAX_VALUES;
    Ok(convert(value, 0, &mut budget)?.unwrap_or(Value::Null))
}

fn convert(v: &JsValue, depth: usize, budget: &mut usize) -> Result<Option<Value>, DecodeError> {
    if *budget == 0 {
        return Err(DecodeError::new(format!(
            "holds more than {MAX_VALUES} values; this argument is not an options object"
        )));
    }
    *budget -= 1;
    if v.is_undefined() {
        return Ok(None);
    }
    if v.is_null() {
        return Ok(Some(Value::Null));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Some(Value::Bool(b)));
    }
    if let Some(x) = v.as_f64() {
        return number(x).map(Some);
    }
    if let Some(s) = v.as_string() {
        return Ok(Some(Value::String(s)));
    }
    if v.is_function() || v.is_symbol() || v.is_bigint() {
        return Err(DecodeError::new(format!(
            "expected a JSON value, got {}",
            describe_js(v)
        )));
    }
    if depth >= MAX_DEPTH {
        return Err(DecodeError::new(format!(
            "is nested deeper than {MAX_DEPTH} levels (a cycle?)"
        )));
    }
    let unreadable = || DecodeError::new("cannot be read (a Proxy or getter threw)");
    if Array::is_array(v) || js_sys::ArrayBuffer::is_view(v) {
        let items = array_from(v).map_err(|_| unreadable())?;
        let mut out = Vec::with_capacity(items.length() as usize);
        for (i, item) in items.iter().enumerate() {
            let item = convert(&item, depth + 1, budget).map_err(|e| e.in_index(i))?;
            out.push(item.unwrap_or(Value::Null));
        }
        return Ok(Some(Value::Array(out)));
    }
    let tag = object_tag(v).map_err(|_| unreadable())?;
    if tag != "[object Object]" {
        let kind = tag
            .trim_start_matches("[object ")
            .trim_end_matches(']')
            .to_string();
        return Err(DecodeError::new(format!(
            "expected a plain object, got a {kind}"
        )));
    }
    let obj: &Object = v.unchecked_ref();
    let mut out = Map::new();
    for key in own_keys(v).map_err(|_| unreadable())?.iter() {
        let Some(k) = key.as_string() else { continue };
        let member = Reflect::get(obj, &key)
            .map_err(|_| DecodeError::new("cannot be read (a getter threw)").in_key(&k))?;
        if let Some(value) = convert(&member, depth + 1, budget).map_err(|e| e.in_key(&k))? {
            out.insert(k, value);
        }
    }
    Ok(Some(Value::Object(out)))
}

/// A finite JS number as JSON (whole numbers as integers, so that integer
/// options accept `3` and refuse `3.5`).
fn number(x: f64) -> Result<Value, DecodeError> {
    if !x.is_finite() {
        let shown = if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        return Err(DecodeError::new(format!(
            "expected a finite number, got {shown}"
        )));
    }
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    let n = if x.fract() == 0.0 && x.abs() < EXACT {
        if x >= 0.0 {
            Number::from(x as u64)
        } else {
            Number::from(x as i64)
        }
    } else {
        // Finite, so from_f64 always succeeds.
        Number::from_f64(x).ok_or_else(|| DecodeError::new("expected a finite number"))?
    };
    Ok(Value::Number(n))
}

/// "an array", "a string", "nothing": what was passed, in words.
pub(super) fn describe_js(v: &JsValue) -> String {
    if Array::is_array(v) {
        "an array".to_string()
    } else if v.is_null() || v.is_undefined() {
        "nothing".to_string()
    } else {
        format!("a {}", v.js_typeof().as_string().unwrap_or_default())
    }
}

/// Input as text: strings as they are, bytes decoded as UTF-8, objects
/// serialised with `JSON.stringify` (then parsed once in Rust).
pub(super) fn input_text(input: &JsValue) -> JsResult<String> {
    if let Some(s) = input.as_string() {
        return Ok(s);
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        return String::from_utf8(bytes.to_vec()).map_err(|e| {
            Error::InvalidJson {
                line: 0,
                column: 0,
                reason: format!("input bytes are not UTF-8: {e}"),
            }
            .into()
        });
    }
    if input.is_object() {
        return js_sys::JSON::stringify(input)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                Error::NotFeatureCollection {
                    reason: "the object cannot be serialised as JSON".into(),
                }
                .into()
            });
    }
    Err(Error::NotFeatureCollection {
        reason: "input must be GeoJSON text, UTF-8 bytes or a GeoJSON object".into(),
    }
    .into())
}

/// A string argument, or `INVALID_OPTION` naming it (a `&str` parameter
/// given a non-string would trap in the glue).
pub(super) fn string_arg(value: &JsValue, what: &str, expected: &str) -> JsResult<String> {
    value.as_string().ok_or_else(|| {
        Error::option(
            what,
            format!("expected {expected}, got {}", describe_js(value)),
        )
        .into()
    })
}

pub(super) fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &key.into(), value);
}

/// A fresh object whose keys can be any string from the input
/// (`__proto__` included): it has no prototype, and members are defined,
/// not assigned.
pub(super) fn bare_object() -> Object {
    Object::create(&JsValue::NULL.unchecked_into())
}

/// Defines `key` on `obj` as an own, enumerable data property.
pub(super) fn define(obj: &Object, key: &str, value: &JsValue) {
    let desc = Object::new();
    set(&desc, "value", value);
    set(&desc, "enumerable", &JsValue::TRUE);
    set(&desc, "writable", &JsValue::TRUE);
    set(&desc, "configurable", &JsValue::TRUE);
    // Defining on a fresh extensible object cannot fail.
    let _ = Reflect::define_property(obj, &key.into(), &desc);
}

/// The columnar accessibility result as typed arrays (no per-building
/// objects): the fast path for large districts.
pub(super) fn columns_to_js(cols: &AccessColumns) -> JsResult<JsValue> {
    use js_sys::{Float64Array, Int32Array, Uint32Array};
    let out = Object::new();
    set(
        &out,
        "featureIndex",
        &Uint32Array::from(&cols.feature_index[..]).into(),
    );
    set(&out, "id", &to_js(&cols.id)?);
    set(
        &out,
        "households",
        &Float64Array::from(&cols.households[..]).into(),
    );
    set(
        &out,
        "population",
        &Float64Array::from(&cols.population[..]).into(),
    );
    set(
        &out,
        "landAreaM2",
        &Float64Array::from(&cols.land_area_m2[..]).into(),
    );
    set(&out, "thresholds", &to_js(&cols.thresholds)?);
    set(&out, "k", &(cols.k as f64).into());
    set(&out, "snap", &to_js(&cols.snap)?);
    set(&out, "maxSnapM", &cols.max_snap_m.into());
    let cats = bare_object();
    for (name, c) in &cols.categories {
        let o = Object::new();
        set(&o, "facilities", &(c.facilities as f64).into());
        set(
            &o,
            "reachableFacilities",
            &(c.reachable_facilities as f64).into(),
        );
        set(&o, "networkM", &Float64Array::from(&c.network_m[..]).into());
        set(
            &o,
            "nearestFeatureIndex",
            &Int32Array::from(&c.nearest_feature_index[..]).into(),
        );
        set(
            &o,
            "straightM",
            &Float64Array::from(&c.straight_m[..]).into(),
        );
        set(
            &o,
            "straightFeatureIndex",
            &Int32Array::from(&c.straight_feature_index[..]).into(),
        );
        set(
            &o,
            "detourRatio",
            &Float64Array::from(&c.detour_ratio[..]).into(),
        );
        set(
            &o,
            "kNearestM",
            &Float64Array::from(&c.k_nearest_m[..]).into(),
        );
        set(
            &o,
            "opportunities",
            &Uint32Array::from(&c.opportunities[..]).into(),
        );
        set(&o, "gravity", &Float64Array::from(&c.gravity[..]).into());
        define(&cats, name, &o.into());
    }
    set(&out, "categories", &cats.into());
    // The categories in order (an object's integer-like keys come first in
    // JS, whatever the order they were defined in).
    set(
        &out,
        "categoryNames",
        &to_js(&cols.categories.keys().collect::<Vec<_>>())?,
    );
    set(&out, "coverage", &to_js(&cols.coverage)?);
    set(&out, "coverageTotals", &to_js(&cols.coverage_totals)?);
    set(&out, "warnings", &to_js(&cols.warnings)?);
    Ok(out.into())
}
