//! `Community.fromSources`: several sources (GeoJSON, Amap or Baidu
//! place-search JSON, CSV, zipped Shapefiles; text, bytes or objects) read
//! as one community.

use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::community::Community;
use super::convert::{
    array_from, describe_js, from_js, from_js_required, input_text, own_keys, set, JsResult,
};
use crate::community;
use crate::error::Error;
use crate::input::crs::Crs;
use crate::input::shapefile::GbkDecoder;
use crate::input::{Format, ReadOptions, Source};

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
    /// `geojson`, `amap`, `baidu`, `csv`, `shapefile` (detected when absent).
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<crate::input::Format>"))]
    format: Option<String>,
}

fn bad(path: &str, reason: impl Into<String>) -> JsValue {
    Error::option(path, reason).into()
}

/// A source's data, owned: text or bytes.
enum Data {
    Text(String),
    Bytes(Vec<u8>),
}

/// One list item: its data, its forced format and what it says about itself.
fn source_item(item: &JsValue, i: usize) -> JsResult<(Data, Option<Format>, SourceMeta)> {
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
    let format = match &meta.format {
        Some(f) => Some(Format::parse(f, &format!("{path}.format"))?),
        None => None,
    };
    let Some(data) = data.filter(|d| !d.is_undefined()) else {
        return Err(bad(
            &format!("{path}.data"),
            "missing: text, bytes (Uint8Array) or a parsed JSON object",
        ));
    };
    let data = match data.dyn_ref::<Uint8Array>() {
        Some(bytes) => {
            let bytes = bytes.to_vec();
            match gbk_text(&bytes, format) {
                Some(text) => Data::Text(text),
                None => Data::Bytes(bytes),
            }
        }
        None => Data::Text(input_text(&data)?),
    };
    Ok((data, format, meta))
}

/// Bytes that may be GBK CSV (not UTF-8, not a zip archive, format CSV or
/// undetected) decoded by the platform's `TextDecoder("gbk")` (browsers and
/// Node have it); `None` when they are not, or it cannot decode them (the
/// core then explains). The core's own GBK decoder is left out of the wasm
/// build for size (see `src/input/csv.rs`).
fn gbk_text(bytes: &[u8], format: Option<Format>) -> Option<String> {
    if std::str::from_utf8(bytes).is_ok()
        || bytes.starts_with(b"PK\x03\x04")
        || format.is_some_and(|f| f != Format::Csv)
    {
        return None;
    }
    PlatformGbk::new()?.decode(bytes)
}

/// The platform's `TextDecoder("gbk", { fatal: true })`, made once per
/// call and used for every GBK text (CSV bytes, Shapefile attributes).
struct PlatformGbk {
    decoder: JsValue,
    decode: js_sys::Function,
}

impl PlatformGbk {
    fn new() -> Option<Self> {
        let global = js_sys::global();
        let ctor: js_sys::Function = Reflect::get(&global, &"TextDecoder".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let options = Object::new();
        set(&options, "fatal", &JsValue::TRUE);
        let args = Array::of2(&"gbk".into(), &options);
        let decoder = Reflect::construct(&ctor, &args).ok()?;
        let decode: js_sys::Function = Reflect::get(&decoder, &"decode".into())
            .ok()?
            .dyn_into()
            .ok()?;
        Some(PlatformGbk { decoder, decode })
    }

    fn decode(&self, bytes: &[u8]) -> Option<String> {
        let view = Uint8Array::from(bytes);
        self.decode.call1(&self.decoder, &view).ok()?.as_string()
    }
}

#[wasm_bindgen]
impl Community {
    /// Reads several sources as one community: `[{ data, format?, crs?,
    /// name? }, ...]`, e.g. the layers of one OpenStreetMap export, Amap
    /// POIs in GCJ-02 and footprints in WGS84. `data` is text, bytes or a
    /// parsed object; its format (GeoJSON, Amap or Baidu place-search JSON,
    /// CSV, or a zipped Shapefile given as bytes)
    /// is detected unless `format` says it. Features are classified together
    /// (a building takes the use of a landuse area of another source);
    /// feature indices run on across the sources (`summary().sources` says
    /// where each starts); warnings about a feature carry `source` and
    /// `sourceFeatureIndex`, and an error its `source`. Limits apply to the
    /// sum; the options are those of `fromGeoJSON` (`crs` is the default of
    /// every source; without either, Amap data is taken as GCJ-02 and Baidu
    /// as BD-09, with a `CRS_ASSUMED` warning).
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
                    "expected an array of {{ data, format?, crs?, name? }}, got {}",
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
        // Shapefile attributes in GBK are decoded by the platform too.
        let platform = PlatformGbk::new();
        let gbk = |b: &[u8]| platform.as_ref().and_then(|p| p.decode(b));
        let sources: Vec<Source<'_>> = items
            .iter()
            .map(|(data, format, meta)| {
                let source = match data {
                    Data::Text(t) => Source::text(t),
                    Data::Bytes(b) => Source::bytes(b),
                };
                Source {
                    format: *format,
                    crs: meta.crs,
                    name: meta.name.clone(),
                    gbk: Some(GbkDecoder(&gbk)),
                    ..source
                }
            })
            .collect();
        let inner = community::Community::from_sources(&sources, &opts)?;
        Ok(Community { inner })
    }
}
