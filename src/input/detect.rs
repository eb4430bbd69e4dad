//! What a source is: its data (text or bytes), the format it is in (forced
//! by the caller or detected from the content) and the coordinate system
//! that format implies when the caller names none.
//!
//! Detection looks at the first bytes and, for JSON, at the top-level
//! member names only (one borrowed pass, no tree): `type` → GeoJSON,
//! `pois` or an Amap `info` → Amap place search, `results` or a Baidu
//! `message` → Baidu place search. A GeoJSON FeatureCollection whose first
//! feature carries an Amap `typecode` is Amap POIs in GeoJSON form (its
//! coordinates default to GCJ-02). Delimited text is CSV; bytes that are
//! not UTF-8 can only be CSV (decoded as GBK). Zip archives are zipped
//! Shapefiles.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::crs::Crs;
use crate::error::{Error, Result};

/// A source's data as the caller gave it.
#[derive(Debug, Clone, Copy)]
pub enum SourceData<'a> {
    /// Text (JSON or CSV).
    Text(&'a str),
    /// Bytes: UTF-8 text, or a zip archive.
    Bytes(&'a [u8]),
}

impl SourceData<'_> {
    /// Size in bytes.
    pub fn len(&self) -> usize {
        match self {
            SourceData::Text(t) => t.len(),
            SourceData::Bytes(b) => b.len(),
        }
    }

    /// Whether there is no data at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A format a source can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "SourceFormat"))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// GeoJSON (FeatureCollection or single Feature).
    Geojson,
    /// Amap (高德) web-service place search JSON, or GeoJSON of Amap POIs.
    Amap,
    /// Baidu (百度) place search JSON.
    Baidu,
    /// Delimited text of points (UTF-8 or GBK).
    Csv,
    /// Zipped Shapefile (`.shp`, `.dbf`, `.prj`, `.cpg`).
    Shapefile,
}

/// The names [`Format::parse`] accepts, for messages.
pub const FORMAT_NAMES: &str = "geojson, amap, baidu, csv, shapefile";

impl Format {
    /// Parses a format name (case-insensitive).
    ///
    /// # Errors
    /// `INVALID_OPTION` at `path` naming the known formats.
    pub fn parse(name: &str, path: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "geojson" => Ok(Format::Geojson),
            "amap" => Ok(Format::Amap),
            "baidu" => Ok(Format::Baidu),
            "csv" => Ok(Format::Csv),
            "shapefile" => Ok(Format::Shapefile),
            _ => Err(Error::option(
                path,
                format!("unknown format `{name}` (known: {FORMAT_NAMES})"),
            )),
        }
    }

    /// The name used in messages and summaries.
    pub fn name(self) -> &'static str {
        match self {
            Format::Geojson => "geojson",
            Format::Amap => "amap",
            Format::Baidu => "baidu",
            Format::Csv => "csv",
            Format::Shapefile => "shapefile",
        }
    }

    /// The coordinate system this format's data is in when nobody says
    /// otherwise: GCJ-02 for Amap, BD-09 for Baidu, none (the options'
    /// default) for the rest.
    pub fn default_crs(self) -> Option<Crs> {
        match self {
            Format::Amap => Some(Crs::Gcj02),
            Format::Baidu => Some(Crs::Bd09),
            _ => None,
        }
    }
}

/// The local-file signature that starts every zip archive.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Top-level members that tell the JSON formats apart.
#[derive(Deserialize)]
struct Members<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<&'a RawValue>,
    #[serde(borrow, default)]
    features: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    pois: Option<&'a RawValue>,
    #[serde(borrow, default)]
    info: Option<&'a RawValue>,
    #[serde(borrow, default)]
    results: Option<&'a RawValue>,
    #[serde(borrow, default)]
    message: Option<&'a RawValue>,
}

/// The first feature's properties (only whether `typecode` is there).
#[derive(Deserialize)]
struct FirstFeature<'a> {
    #[serde(borrow, default)]
    properties: Option<std::collections::BTreeMap<Cow<'a, str>, &'a RawValue>>,
}

/// The format of JSON text, from its top-level members; GeoJSON when
/// nothing else fits (so that its errors explain what is wrong).
fn json_format(text: &str) -> Format {
    let Ok(m) = serde_json::from_str::<Members<'_>>(text) else {
        return Format::Geojson;
    };
    if m.kind.is_some() {
        let amap_props = m
            .features
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| serde_json::from_str::<FirstFeature<'_>>(f.get()).ok())
            .and_then(|f| f.properties)
            .is_some_and(|p| p.contains_key("typecode"));
        return if amap_props {
            Format::Amap
        } else {
            Format::Geojson
        };
    }
    if m.pois.is_some() || m.info.is_some() {
        Format::Amap
    } else if m.results.is_some() || m.message.is_some() {
        Format::Baidu
    } else {
        Format::Geojson
    }
}

/// Whether text looks like delimited rows rather than JSON: it does not
/// start like a JSON value and its first line has a comma, tab or semicolon.
fn looks_delimited(text: &str) -> bool {
    let t = text.trim_start();
    let Some(first) = t.chars().next() else {
        return false;
    };
    if matches!(first, '{' | '[' | '"' | '-' | '0'..='9') || t.starts_with("true") {
        return false;
    }
    let line = t.lines().next().unwrap_or_default();
    line.contains([',', '\t', ';'])
}

/// The format of some text.
pub fn detect_text(text: &str) -> Format {
    if text.trim_start().starts_with('{') {
        json_format(text)
    } else if looks_delimited(text) {
        Format::Csv
    } else {
        Format::Geojson
    }
}

/// A source's data as text in its format, and that format.
///
/// Text loses a leading byte order mark (RFC 8259 lets parsers ignore one;
/// Windows tools write one). Bytes must be a zip archive, UTF-8, or (for
/// CSV only) GBK.
///
/// # Errors
/// `UNSUPPORTED_FORMAT` for bytes that are none of these, for non-UTF-8
/// bytes that are not CSV, and for text forced to be a Shapefile. Zip
/// bytes (or bytes forced to `shapefile`) come back as empty text and
/// [`Format::Shapefile`]: the Shapefile reader takes the bytes.
pub fn decode<'a>(data: SourceData<'a>, forced: Option<Format>) -> Result<(Cow<'a, str>, Format)> {
    let text = match data {
        SourceData::Text(t) => t,
        SourceData::Bytes(b) if forced == Some(Format::Shapefile) || b.starts_with(ZIP_MAGIC) => {
            // The Shapefile reader takes the bytes themselves.
            return Ok((Cow::Borrowed(""), Format::Shapefile));
        }
        SourceData::Bytes(b) => match std::str::from_utf8(b) {
            Ok(t) => t,
            Err(e) if forced.is_none_or(|f| f == Format::Csv) => {
                let text = super::csv::decode_bytes(b)?;
                if forced.is_none() && !looks_delimited(&text) {
                    return Err(not_utf8(e));
                }
                return Ok((text, Format::Csv));
            }
            Err(e) => return Err(not_utf8(e)),
        },
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = forced.unwrap_or_else(|| detect_text(text));
    match format {
        Format::Shapefile => Err(shapefile_as_text()),
        _ => Ok((Cow::Borrowed(text), format)),
    }
}

fn not_utf8(e: std::str::Utf8Error) -> Error {
    Error::UnsupportedFormat {
        reason: format!(
            "the bytes are not UTF-8 text (invalid byte at offset {}), nor a zip archive, \
             nor GBK-encoded CSV",
            e.valid_up_to()
        ),
    }
}

fn shapefile_as_text() -> Error {
    Error::UnsupportedFormat {
        reason: "a zipped Shapefile is binary: pass the .zip file's bytes (a Uint8Array), \
                 not text"
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixtures::fixture;

    #[test]
    fn detects_each_format_from_its_content() {
        assert_eq!(
            detect_text(&fixture("amap_place_search.json")),
            Format::Amap
        );
        assert_eq!(detect_text(&fixture("amap_pois.geojson")), Format::Amap);
        assert_eq!(detect_text(&fixture("amap_error_reply.json")), Format::Amap);
        assert_eq!(
            detect_text(&fixture("baidu_place_search.json")),
            Format::Baidu
        );
        assert_eq!(
            detect_text(&fixture("baidu_error_reply.json")),
            Format::Baidu
        );
        assert_eq!(
            detect_text(r#"{"type":"FeatureCollection","features":[]}"#),
            Format::Geojson
        );
        assert_eq!(detect_text("名称,经度,纬度\nA,120.1,30.2\n"), Format::Csv);
        // Not JSON and not delimited, or broken JSON: GeoJSON's errors say why.
        for t in ["", "  ", "{", "[1,2]", "\"x\"", "hello", "{\"a\":1}"] {
            assert_eq!(detect_text(t), Format::Geojson, "{t:?}");
        }
    }

    #[test]
    fn bytes_are_utf8_or_zip_and_boms_go() {
        let (t, f) = decode(
            SourceData::Bytes("\u{feff}{\"type\":\"x\"}".as_bytes()),
            None,
        )
        .expect("utf-8");
        assert_eq!((t.as_ref(), f), ("{\"type\":\"x\"}", Format::Geojson));
        let (_, f) = decode(SourceData::Bytes(b"PK\x03\x04rest"), None).expect("zip");
        assert_eq!(f, Format::Shapefile);
        let e = decode(SourceData::Text("x"), Some(Format::Shapefile)).unwrap_err();
        assert_eq!(e.code(), "UNSUPPORTED_FORMAT");
        assert!(e.to_string().contains("bytes"), "{e}");
        let e = decode(SourceData::Bytes(&[0xff, 0xfe, 0x00]), None).unwrap_err();
        assert_eq!(e.code(), "UNSUPPORTED_FORMAT");
        // GBK for 名称,经度: not UTF-8, delimited, so CSV.
        let gbk = [0xc3, 0xfb, 0xb3, 0xc6, b',', 0xbe, 0xad, 0xb6, 0xc8, b'\n'];
        let (t, f) = decode(SourceData::Bytes(&gbk), None).expect("gbk csv");
        assert_eq!((t.as_ref(), f), ("名称,经度\n", Format::Csv));
        // Non-UTF-8 JSON is refused, not decoded as GBK.
        let e = decode(SourceData::Bytes(&gbk), Some(Format::Geojson)).unwrap_err();
        assert_eq!(e.code(), "UNSUPPORTED_FORMAT");
    }

    #[test]
    fn a_forced_format_wins_and_unknown_names_are_option_errors() {
        let amap = fixture("amap_place_search.json");
        let (_, f) = decode(SourceData::Text(&amap), Some(Format::Geojson)).expect("text");
        assert_eq!(f, Format::Geojson);
        assert_eq!(
            Format::parse("AMAP", "format").expect("known"),
            Format::Amap
        );
        let e = Format::parse("kml", "sources[0].format").unwrap_err();
        assert_eq!(e.code(), "INVALID_OPTION");
        assert!(e.to_string().contains("sources[0].format"), "{e}");
        assert!(e.to_string().contains("kml"), "{e}");
    }

    #[test]
    fn only_the_poi_formats_imply_a_crs() {
        assert_eq!(Format::Amap.default_crs(), Some(Crs::Gcj02));
        assert_eq!(Format::Baidu.default_crs(), Some(Crs::Bd09));
        assert_eq!(Format::Geojson.default_crs(), None);
    }
}
