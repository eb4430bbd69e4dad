//! The `Community` class of the JS API.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{columns_to_js, from_js, from_js_required, input_text, set, to_js, JsResult};
use super::functions::{evaluate_inputs, profile_arg};
use crate::access::{AccessOptions, TwoStepOptions};
use crate::community::{self, SiteQuery};
use crate::edits::FacilityEdits;
use crate::error::Error;
use crate::evaluation;
use crate::input::ReadOptions;
use crate::isochrone::{
    self, GridOptions, IsochroneOptions, ServiceAreaOptions, TravelCircleOptions,
};

/// Options of `layers()`.
#[derive(serde::Deserialize, Default)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct LayersOptions {
    /// Each layer as JSON text instead of an object.
    #[serde(default)]
    text: bool,
}

/// A loaded community dataset: parsed, classified and indexed once, then
/// queried many times. Call `free()` when done to release its wasm memory.
#[wasm_bindgen]
pub struct Community {
    pub(super) inner: community::Community,
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
        let inner = community::Community::from_geojson(&text, &opts)?;
        Ok(Community { inner })
    }

    /// The map layers: GeoJSON FeatureCollections by kind (`boundary`,
    /// `building`, `facility`, `road`, `green`, `gate`, `compound`,
    /// `destination`, `transitLine`, `transitStop`), WGS84, of what was
    /// read, with slim properties (`featureIndex`, `kind`, `id`, `name`,
    /// `category`, `use`, `households`, ...). With `{ text: true }` each
    /// layer is its JSON text instead (for a map that parses it itself).
    #[wasm_bindgen(unchecked_return_type = "Layers")]
    pub fn layers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LayersOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let opts: LayersOptions = from_js(options, "options")?;
        let layers = crate::layers::layers(&self.inner);
        if !opts.text {
            return to_js(&layers);
        }
        let out = js_sys::Object::new();
        for (name, layer) in layers.named() {
            let text = serde_json::to_string(layer).map_err(|e| Error::Internal {
                reason: format!("the {name} layer cannot be written as JSON: {e}"),
            })?;
            set(&out, name, &JsValue::from_str(&text));
        }
        Ok(out.into())
    }

    /// A new community with what-if edits of the facilities applied
    /// (`{ remove: [featureIndex], move: [{ featureIndex, lngLat }], add:
    /// [{ category, lngLat, name?, id?, capacity?, floorAreaM2? }] }`).
    /// Indices stay those of this community; added facilities get the
    /// indices after its last feature. This community is unchanged.
    #[wasm_bindgen(js_name = withEdits)]
    pub fn with_edits(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FacilityEdits")] edits: JsValue,
    ) -> JsResult<Community> {
        let e: FacilityEdits = from_js_required(edits, "edits")?;
        let inner = crate::edits::with_edits(&self.inner, &e)?;
        Ok(Community { inner })
    }

    /// Feature `featureIndex` as written in the input (its id, geometry
    /// type and properties), for an info panel; `undefined` unless the
    /// community was read with `{ keepProperties: true }`, and for an index
    /// past the input.
    #[wasm_bindgen(js_name = featureProperties, unchecked_return_type = "FeatureRecord | undefined")]
    pub fn feature_properties(
        &self,
        #[wasm_bindgen(js_name = featureIndex, unchecked_param_type = "number")]
        feature_index: JsValue,
    ) -> JsResult<JsValue> {
        let index = match feature_index.as_f64() {
            Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= usize::MAX as f64 => x as usize,
            _ => {
                return Err(Error::option(
                    "featureIndex",
                    "expected a feature index: a whole number, 0 or more",
                )
                .into())
            }
        };
        match self.inner.feature_record(index) {
            Some(record) => to_js(&record),
            None => Ok(JsValue::UNDEFINED),
        }
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
        let mut params = match q.params {
            Some(p) => p,
            None => evaluation::site_params(&profile_arg(None)?),
        };
        if q.project_type.is_some() {
            params.project_type = q.project_type;
        }
        let r = self.inner.site_metrics(q.site.as_ref(), &params)?;
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
        let (p, site, opts, _) = evaluate_inputs(profile, options)?;
        to_js(&evaluation::evaluate_site(
            &self.inner,
            site.as_ref(),
            &p,
            &opts,
        )?)
    }

    /// Evaluates every site (several `boundary` features) with one profile
    /// and ranks them; roads and facilities are shared by all sites. With
    /// `{ reports: false }` only the table and the ranking come back (for
    /// many sites: about 45 KB less per site).
    #[wasm_bindgen(js_name = evaluateAll, unchecked_return_type = "Comparison")]
    pub fn evaluate_all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | ProfileDocument | null")] profile: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let (p, _, opts, keep) = evaluate_inputs(profile, options)?;
        to_js(&evaluation::evaluate_all_with(
            &self.inner,
            &p,
            &opts,
            keep,
        )?)
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
        // The columns cross into JS as typed arrays and js/runtime.js
        // (`accessibilityObjects`) builds the per-building objects there:
        // several times faster than writing and parsing them as JSON.
        self.access_columns(options)
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
        self.access_columns(options)
    }

    /// Two-step floating catchment area (2SFCA, or enhanced 2SFCA with
    /// `decay: { type: "e2sfca" }`): supply = facility `capacity`, demand =
    /// households (or population) of residential buildings.
    #[wasm_bindgen(js_name = twoStepFca, unchecked_return_type = "TwoStepFcaResult")]
    pub fn two_step_fca(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TwoStepFcaOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let engine = self.inner.access_engine()?;
        answer(options, |opts: &TwoStepOptions| engine.two_step_fca(opts))
    }

    /// Size and connectivity of the walking network built from the roads.
    #[wasm_bindgen(js_name = networkSummary, unchecked_return_type = "NetworkSummary")]
    pub fn network_summary(&self) -> JsResult<JsValue> {
        let engine = self.inner.access_engine()?;
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
        answer(options, |opts: &IsochroneOptions| {
            isochrone::isochrones(&self.inner, opts)
        })
    }

    /// Service areas: the union of what every facility of a category reaches
    /// within each limit, with the households covered.
    #[wasm_bindgen(js_name = serviceAreas, unchecked_return_type = "AreaCollection")]
    pub fn service_areas(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ServiceAreaOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        answer(options, |opts: &ServiceAreaOptions| {
            isochrone::service_areas(&self.inner, opts)
        })
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
        let mut grid = isochrone::travel_time_grid(&self.inner, &opts)?;
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
        let r = isochrone::travel_circles(&self.inner, &opts)?;
        to_js(&r)
    }
}

impl Community {
    /// The accessibility columns of `options` as typed arrays: what both
    /// `accessibility()` and `accessibilityColumns()` hand to JS.
    fn access_columns(&self, options: Option<JsValue>) -> JsResult<JsValue> {
        let opts: AccessOptions = from_js(options, "options")?;
        let cols = self.inner.access_engine()?.accessibility_columns(&opts)?;
        columns_to_js(&cols)
    }
}

/// Decodes the required `options` of a query, runs it and hands its result
/// to JS: the whole body of most query methods.
fn answer<T: DeserializeOwned, R: Serialize>(
    options: JsValue,
    query: impl FnOnce(&T) -> crate::error::Result<R>,
) -> JsResult<JsValue> {
    let opts: T = from_js_required(options, "options")?;
    to_js(&query(&opts)?)
}
