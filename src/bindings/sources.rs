//! `Community.fromSources`: several GeoJSON sources read as one community.

use js_sys::{Array, Object, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::community::Community;
use super::convert::{
    array_from, describe_js, from_js, from_js_required, input_text, own_keys, set, JsResult,
};
use crate::community;
use crate::error::Error;
use crate::input::crs::Crs;
use crate::input::{ReadOptions, Source};

/// Most sources in one call.
const MAX_SOURCES: usize = 1_000;

/// What a source says besides its `data`.
#[derive(Deserialize, Default)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct SourceMeta {
    /// Its coordinate system (default: the options' `crs`).
    #[serde(default)]
    crs: Option<Crs>,
    /// A name for messages (a file name).
    #[serde(default)]
    name: Option<String>,
    /// `"geojson"` (the only format read today; detected when absent).
    #[serde(default)]
    format: Option<String>,
}

fn bad(path: &str, reason: impl Into<String>) -> JsValue {
    Error::option(path, reason).into()
}

/// One list item: its text and what it says about itself.
fn source_item(item: &JsValue, i: usize) -> JsResult<(String, SourceMeta)> {
    let path = format!("sources[{i}]");
    if !item.is_object() || Array::is_array(item) || item.is_function() {
        return Err(bad(
            &path,
            format!(
                "each source is an object {{ data, crs?, name?, format? }}, got {}",
                describe_js(item)
            ),
        ));
    }
    let keys = own_keys(item).map_err(|_| bad(&path, "reading its keys threw"))?;
    let meta = Object::new();
    let mut data = None;
    for key in keys.iter() {
        let k = key.as_string().unwrap_or_default();
        let v = Reflect::get(item, &key).map_err(|_| bad(&path, format!("reading `{k}` threw")))?;
        match k.as_str() {
            "data" => data = Some(v),
            "crs" | "name" | "format" => set(&meta, &k, &v),
            other => {
                return Err(bad(
                    &format!("{path}.{other}"),
                    "unknown member (known: data, crs, name, format)",
                ))
            }
        }
    }
    let meta: SourceMeta = from_js_required(meta.into(), &path)?;
    if let Some(f) = &meta.format {
        if !f.eq_ignore_ascii_case("geojson") {
            return Err(bad(
                &format!("{path}.format"),
                format!("`{f}` cannot be read yet: only \"geojson\" is supported"),
            ));
        }
    }
    let Some(data) = data.filter(|d| !d.is_undefined()) else {
        return Err(bad(
            &format!("{path}.data"),
            "missing: GeoJSON text, UTF-8 bytes or a GeoJSON object",
        ));
    };
    Ok((input_text(&data)?, meta))
}

#[wasm_bindgen]
impl Community {
    /// Reads several GeoJSON sources as one community: `[{ data, crs?,
    /// name? }, ...]`, e.g. the layers of one OpenStreetMap export, POIs in
    /// GCJ-02 and footprints in WGS84. Features are classified together
    /// (a building takes the use of a landuse area of another source);
    /// feature indices run on across the sources (`summary().sources` says
    /// where each starts); warnings about a feature carry `source` and
    /// `sourceFeatureIndex`, and an error its `source`. Limits apply to the
    /// sum; the options are those of `fromGeoJSON` (`crs` is the default of
    /// every source).
    #[wasm_bindgen(js_name = fromSources)]
    pub fn from_sources(
        #[wasm_bindgen(unchecked_param_type = "SourceInput[]")] sources: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FromGeoJSONOptions")] options: Option<
            JsValue,
        >,
    ) -> JsResult<Community> {
        let opts: ReadOptions = from_js(options, "options")?;
        if !Array::is_array(&sources) {
            return Err(bad(
                "sources",
                format!(
                    "expected an array of {{ data, crs?, name? }}, got {}",
                    describe_js(&sources)
                ),
            ));
        }
        let list = array_from(&sources).map_err(|_| bad("sources", "reading the array threw"))?;
        let n = list.length() as usize;
        if n > MAX_SOURCES {
            return Err(bad(
                "sources",
                format!("at most {MAX_SOURCES} sources, got {n}"),
            ));
        }
        let mut items = Vec::with_capacity(n);
        for (i, item) in list.iter().enumerate() {
            items.push(source_item(&item, i)?);
        }
        let sources: Vec<Source<'_>> = items
            .iter()
            .map(|(text, meta)| Source {
                text,
                crs: meta.crs.unwrap_or(opts.crs),
                name: meta.name.clone(),
            })
            .collect();
        let inner = community::Community::from_sources(&sources, &opts)?;
        Ok(Community { inner })
    }
}
