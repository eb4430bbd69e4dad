//! The JavaScript API: every `#[wasm_bindgen]` item of the crate lives here.
//!
//! This module only converts JS values to core types, calls the core and maps
//! core errors to thrown JS `Error`s carrying `code` and `featureIndex`.
//! Results are plain JS objects (maps become objects, `None` becomes `null`).

use std::collections::BTreeMap;

use js_sys::{Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::access::{AccessColumns, AccessOptions, TwoStepOptions};
use crate::community::{self, SiteQuery, SiteRef};
use crate::error::Error;
use crate::evaluation::{self, DEFAULT_PROFILE};
use crate::input::mapping::OsmMapping;
use crate::input::ReadOptions;
use crate::isochrone::{
    self, GridOptions, IsochroneOptions, ServiceAreaOptions, TravelCircleOptions,
};
use crate::option_text;
use crate::profile::{self, AttributeValue, EvalOptions, Profile, ProjectType, Report, Tier};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("bindings.d.ts");

/// Turns a core error into a JS `Error` with `code` (and `featureIndex`).
fn to_js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("FutureCommunityError");
    // Reflect::set only fails on frozen objects; a fresh Error is not.
    let _ = Reflect::set(&err, &"code".into(), &e.code().into());
    if let Some(i) = e.feature_index() {
        let _ = Reflect::set(&err, &"featureIndex".into(), &(i as f64).into());
    }
    err.into()
}

type JsResult<T> = std::result::Result<T, JsValue>;

fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let s = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&s)
        .map_err(|e| to_js_error(&Error::option("result", e.to_string())))
}

/// Decodes an options object (absent, `undefined` or `null` = defaults).
fn from_js<T: DeserializeOwned + Default>(value: Option<JsValue>, what: &str) -> JsResult<T> {
    match value {
        None => Ok(T::default()),
        Some(v) if v.is_undefined() || v.is_null() => Ok(T::default()),
        Some(v) => decode(&v, what),
    }
}

/// Decodes a required options object.
fn from_js_required<T: DeserializeOwned>(value: JsValue, what: &str) -> JsResult<T> {
    decode(&value, what)
}

/// Decodes one object argument. It goes through `JSON.stringify` and
/// serde_json so that misspelt keys are rejected (serde-wasm-bindgen only
/// looks up the keys it knows); errors name the offending option by its path
/// and say what is allowed, in words (`option_text`). Arrays and primitives
/// are refused here: serde would read an array as positional fields.
fn decode<T: DeserializeOwned>(v: &JsValue, what: &str) -> JsResult<T> {
    if !v.is_object() || js_sys::Array::is_array(v) {
        let got = if js_sys::Array::is_array(v) {
            "an array".to_string()
        } else if v.is_null() || v.is_undefined() {
            "nothing".to_string()
        } else {
            format!("a {}", v.js_typeof().as_string().unwrap_or_default())
        };
        return Err(to_js_error(&Error::option(
            what,
            format!("expected an object with named options, got {got}"),
        )));
    }
    let text = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            to_js_error(&Error::option(
                what,
                "cannot be read as JSON (a cycle, a BigInt or a function inside?)",
            ))
        })?;
    // (Not serde_path_to_error: wrapping every options type's decoder in it
    // costs about 30 KB of gzipped wasm; the messages name the field anyway.)
    serde_json::from_str(&text).map_err(|e| {
        let (_, sentence) = option_text::describe("", &e.to_string());
        to_js_error(&Error::option(what, sentence))
    })
}

/// Input as text: strings as they are, bytes decoded as UTF-8, objects
/// serialised with `JSON.stringify` (then parsed once in Rust).
fn input_text(input: &JsValue) -> JsResult<String> {
    if let Some(s) = input.as_string() {
        return Ok(s);
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        return String::from_utf8(bytes.to_vec()).map_err(|e| {
            to_js_error(&Error::InvalidJson {
                line: 0,
                column: 0,
                reason: format!("input bytes are not UTF-8: {e}"),
            })
        });
    }
    if input.is_object() {
        return js_sys::JSON::stringify(input)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                to_js_error(&Error::NotFeatureCollection {
                    reason: "the object cannot be serialised as JSON".into(),
                })
            });
    }
    Err(to_js_error(&Error::NotFeatureCollection {
        reason: "input must be GeoJSON text, UTF-8 bytes or a GeoJSON object".into(),
    }))
}

/// The library version, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = version)]
pub fn js_version() -> String {
    crate::version().to_string()
}

/// The built-in OpenStreetMap tag mapping, to copy and adapt; pass the
/// result as `osmMapping` to `Community.fromGeoJSON`.
#[wasm_bindgen(js_name = defaultOsmMapping, unchecked_return_type = "OsmMapping")]
pub fn default_osm_mapping() -> JsResult<JsValue> {
    let m = OsmMapping::builtin().map_err(|e| to_js_error(&e))?;
    to_js(&m)
}

/// A profile given as a built-in id, a profile object, or nothing (the
/// default built-in).
fn profile_arg(value: Option<JsValue>) -> JsResult<Profile> {
    match value {
        None => profile::builtin(DEFAULT_PROFILE),
        Some(v) if v.is_undefined() || v.is_null() => profile::builtin(DEFAULT_PROFILE),
        Some(v) => match v.as_string() {
            Some(id) => profile::builtin(&id),
            None => {
                let value: serde_json::Value = from_js(Some(v), "profile")?;
                Profile::from_value(value)
            }
        },
    }
    .map_err(|e| to_js_error(&e))
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
    let id = id.as_string().ok_or_else(|| {
        to_js_error(&Error::option(
            "id",
            "expected a profile id (a string, e.g. \"zhejiang-future-community\"); profiles() lists them",
        ))
    })?;
    let p = profile::builtin(&id).map_err(|e| to_js_error(&e))?;
    to_js(p.doc())
}

/// The JSON Schema that profile documents follow (as an object).
#[wasm_bindgen(js_name = profileSchema, unchecked_return_type = "JsonSchema")]
pub fn js_profile_schema() -> JsResult<JsValue> {
    let v: serde_json::Value = serde_json::from_str(profile::PROFILE_SCHEMA)
        .map_err(|e| to_js_error(&Error::option("schema", e.to_string())))?;
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
    to_js(&profile::compare_reports(&a, &b))
}

/// Options of `evaluate()` and `evaluateAll()`.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EvaluateArgs {
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
}

impl EvaluateArgs {
    fn split(self) -> (Option<SiteRef>, EvalOptions) {
        let opts = EvalOptions {
            attributes: self.attributes,
            project_type: self.project_type,
            tier: self.tier,
        };
        (self.site, opts)
    }
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &key.into(), value);
}

/// The columnar accessibility result as typed arrays (no per-building
/// objects): the fast path for large districts.
fn columns_to_js(cols: &AccessColumns) -> JsResult<JsValue> {
    let out = js_sys::Object::new();
    set(
        &out,
        "featureIndex",
        &js_sys::Uint32Array::from(&cols.feature_index[..]).into(),
    );
    set(
        &out,
        "households",
        &js_sys::Float64Array::from(&cols.households[..]).into(),
    );
    set(
        &out,
        "population",
        &js_sys::Float64Array::from(&cols.population[..]).into(),
    );
    set(
        &out,
        "landAreaM2",
        &js_sys::Float64Array::from(&cols.land_area_m2[..]).into(),
    );
    set(&out, "thresholds", &to_js(&cols.thresholds)?);
    set(&out, "k", &(cols.k as f64).into());
    set(&out, "maxSnapM", &cols.max_snap_m.into());
    let cats = js_sys::Object::new();
    for (name, c) in &cols.categories {
        let o = js_sys::Object::new();
        set(&o, "facilities", &(c.facilities as f64).into());
        set(
            &o,
            "reachableFacilities",
            &(c.reachable_facilities as f64).into(),
        );
        set(
            &o,
            "networkM",
            &js_sys::Float64Array::from(&c.network_m[..]).into(),
        );
        set(
            &o,
            "nearestFeatureIndex",
            &js_sys::Int32Array::from(&c.nearest_feature_index[..]).into(),
        );
        set(
            &o,
            "straightM",
            &js_sys::Float64Array::from(&c.straight_m[..]).into(),
        );
        set(
            &o,
            "straightFeatureIndex",
            &js_sys::Int32Array::from(&c.straight_feature_index[..]).into(),
        );
        set(
            &o,
            "detourRatio",
            &js_sys::Float64Array::from(&c.detour_ratio[..]).into(),
        );
        set(
            &o,
            "kNearestM",
            &js_sys::Float64Array::from(&c.k_nearest_m[..]).into(),
        );
        set(
            &o,
            "opportunities",
            &js_sys::Uint32Array::from(&c.opportunities[..]).into(),
        );
        set(
            &o,
            "gravity",
            &js_sys::Float64Array::from(&c.gravity[..]).into(),
        );
        set(&cats, name, &o.into());
    }
    set(&out, "categories", &cats.into());
    set(&out, "coverage", &to_js(&cols.coverage)?);
    set(&out, "coverageTotals", &to_js(&cols.coverage_totals)?);
    set(&out, "warnings", &to_js(&cols.warnings)?);
    Ok(out.into())
}

/// A loaded community dataset: parsed, classified and indexed once, then
/// queried many times. Call `free()` when done to release its wasm memory.
#[wasm_bindgen]
pub struct Community {
    inner: community::Community,
}

#[wasm_bindgen]
impl Community {
    /// Reads a GeoJSON FeatureCollection given as text (fastest), UTF-8
    /// bytes or a plain object. Throws an `Error` with `code` (and
    /// `featureIndex` when one feature is at fault).
    #[wasm_bindgen(js_name = fromGeoJSON)]
    pub fn from_geojson(
        #[wasm_bindgen(unchecked_param_type = "GeoJsonInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FromGeoJSONOptions")] options: Option<
            JsValue,
        >,
    ) -> JsResult<Community> {
        let opts: ReadOptions = from_js(options, "options")?;
        let text = input_text(&input)?;
        let inner =
            community::Community::from_geojson(&text, &opts).map_err(|e| to_js_error(&e))?;
        Ok(Community { inner })
    }

    /// Counts by kind and category, bbox, sites and reading warnings.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summary(&self) -> JsResult<JsValue> {
        to_js(&self.inner.summary())
    }

    /// Site indicators (areas, FAR, density, green ratio, households,
    /// service floor area per 100 households, public green per resident).
    #[wasm_bindgen(js_name = siteMetrics, unchecked_return_type = "SiteMetrics")]
    pub fn site_metrics(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SiteMetricsOptions")] options: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        let q: SiteQuery = from_js(options, "options")?;
        let params = match q.params {
            Some(p) => p,
            None => evaluation::site_params(&profile_arg(None)?),
        };
        let r = self
            .inner
            .site_metrics(q.site.as_ref(), &params)
            .map_err(|e| to_js_error(&e))?;
        to_js(&r)
    }

    /// Evaluates a site against a profile (a built-in id, a profile object,
    /// or the default `zhejiang-future-community`): overall score and grade,
    /// scenario scores, and every indicator with value, target, pass, score
    /// and a zh/en explanation. Options: `{ site?, attributes?, projectType? }`.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | ProfileDocument | null")] profile: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let p = profile_arg(profile)?;
        let args: EvaluateArgs = from_js(options, "options")?;
        let (site, opts) = args.split();
        let r = evaluation::evaluate_site(&self.inner, site.as_ref(), &p, &opts)
            .map_err(|e| to_js_error(&e))?;
        to_js(&r)
    }

    /// Evaluates every site (several `boundary` features) with one profile
    /// and ranks them; roads and facilities are shared by all sites.
    #[wasm_bindgen(js_name = evaluateAll, unchecked_return_type = "Comparison")]
    pub fn evaluate_all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | ProfileDocument | null")] profile: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let p = profile_arg(profile)?;
        let args: EvaluateArgs = from_js(options, "options")?;
        let (_, opts) = args.split();
        let r = evaluation::evaluate_all(&self.inner, &p, &opts).map_err(|e| to_js_error(&e))?;
        to_js(&r)
    }

    /// Walking accessibility of every residential building: network and
    /// straight-line distance to the nearest facility of each category (and
    /// the k nearest), detour ratios, optional cumulative opportunities and
    /// gravity, and coverage shares by households, population, buildings and
    /// residential land area for each threshold.
    #[wasm_bindgen(unchecked_return_type = "AccessibilityResult")]
    pub fn accessibility(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "AccessibilityOptions")] options: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        let opts: AccessOptions = from_js(options, "options")?;
        let engine = self.inner.access_engine().map_err(|e| to_js_error(&e))?;
        let r = engine.accessibility(&opts).map_err(|e| to_js_error(&e))?;
        to_js(&r)
    }

    /// The same numbers as `accessibility()` in columns of typed arrays
    /// (`NaN` = unreachable, `-1` = no facility), one entry per residential
    /// building in the order of `featureIndex`.
    #[wasm_bindgen(js_name = accessibilityColumns, unchecked_return_type = "AccessibilityColumns")]
    pub fn accessibility_columns(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "AccessibilityOptions")] options: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        let opts: AccessOptions = from_js(options, "options")?;
        let engine = self.inner.access_engine().map_err(|e| to_js_error(&e))?;
        let cols = engine
            .accessibility_columns(&opts)
            .map_err(|e| to_js_error(&e))?;
        columns_to_js(&cols)
    }

    /// Two-step floating catchment area (2SFCA, or enhanced 2SFCA with
    /// `decay: { type: "e2sfca" }`): supply = facility `capacity`, demand =
    /// households (or population) of residential buildings.
    #[wasm_bindgen(js_name = twoStepFca, unchecked_return_type = "TwoStepFcaResult")]
    pub fn two_step_fca(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TwoStepFcaOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let opts: TwoStepOptions = from_js_required(options, "options")?;
        let engine = self.inner.access_engine().map_err(|e| to_js_error(&e))?;
        let r = engine.two_step_fca(&opts).map_err(|e| to_js_error(&e))?;
        to_js(&r)
    }

    /// Size and connectivity of the walking network built from the roads.
    #[wasm_bindgen(js_name = networkSummary, unchecked_return_type = "NetworkSummary")]
    pub fn network_summary(&self) -> JsResult<JsValue> {
        let engine = self.inner.access_engine().map_err(|e| to_js_error(&e))?;
        to_js(&engine.network_summary())
    }

    /// Walking isochrones from a point or a facility for several limits at
    /// once: nested (Multi)Polygons built from the reachable network cut at
    /// each limit and buffered by `bufferM` (default 50 m), with area and the
    /// households and population inside. Returns a GeoJSON FeatureCollection.
    #[wasm_bindgen(unchecked_return_type = "AreaCollection")]
    pub fn isochrones(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsochroneOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let opts: IsochroneOptions = from_js_required(options, "options")?;
        let engine = self.inner.access_engine().map_err(|e| to_js_error(&e))?;
        let r = isochrone::isochrones(&self.inner, engine, &opts).map_err(|e| to_js_error(&e))?;
        to_js(&r)
    }

    /// Service areas: the union of what every facility of a category reaches
    /// within each limit, with the households covered.
    #[wasm_bindgen(js_name = serviceAreas, unchecked_return_type = "AreaCollection")]
    pub fn service_areas(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ServiceAreaOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let opts: ServiceAreaOptions = from_js_required(options, "options")?;
        let engine = self.inner.access_engine().map_err(|e| to_js_error(&e))?;
        let r =
            isochrone::service_areas(&self.inner, engine, &opts).map_err(|e| to_js_error(&e))?;
        to_js(&r)
    }

    /// A travel-time surface: walking minutes to the nearest facility of a
    /// category for each cell of a regular grid over the site, as a
    /// `Float64Array` (`minutes`, row 0 = north, `NaN` = unreachable) plus
    /// the grid geometry, and optionally GeoJSON cells.
    #[wasm_bindgen(js_name = travelTimeGrid, unchecked_return_type = "TravelTimeGrid")]
    pub fn travel_time_grid(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GridOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let opts: GridOptions = from_js_required(options, "options")?;
        let engine = self.inner.access_engine().map_err(|e| to_js_error(&e))?;
        let mut grid =
            isochrone::travel_time_grid(&self.inner, engine, &opts).map_err(|e| to_js_error(&e))?;
        let minutes = std::mem::take(&mut grid.minutes);
        let out = to_js(&grid)?;
        set(
            out.unchecked_ref(),
            "minutes",
            &js_sys::Float64Array::from(&minutes[..]).into(),
        );
        Ok(out)
    }

    /// The seed's 5/10/30-minute travel circles: shares of households with
    /// a bus stop within 5 minutes' walk, a metro station within 10, and the
    /// city destinations within 30 by walking plus transit.
    #[wasm_bindgen(js_name = travelCircles, unchecked_return_type = "TravelCircles")]
    pub fn travel_circles(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TravelCircleOptions")] options: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        let opts: TravelCircleOptions = from_js(options, "options")?;
        let engine = self.inner.access_engine().map_err(|e| to_js_error(&e))?;
        let r =
            isochrone::travel_circles(&self.inner, engine, &opts).map_err(|e| to_js_error(&e))?;
        to_js(&r)
    }
}

/// With the `debug` feature, panics print a readable message and stack in
/// the browser console. Release builds do not install it: every input path
/// returns a typed error instead of panicking.
#[cfg(feature = "debug")]
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
