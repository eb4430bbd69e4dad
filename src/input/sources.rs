//! The sources of one read: what each is ([`Source`]), how each becomes
//! GeoJSON text in a known coordinate system ([`prepare`]), and what the
//! dataset records about it ([`SourceInfo`]).

use std::borrow::Cow;

use super::crs::Crs;
use super::detect::{self, Format, SourceData};
use super::shapefile::{self, GbkDecoder};
use super::{amap, baidu, csv, ReadOptions};
use crate::error::{Result, Warning};

/// One input of [`super::read_sources`].
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// The data: text, or bytes (UTF-8 text or a zip archive).
    pub data: SourceData<'a>,
    /// The format, when the caller forces one (else detected).
    pub format: Option<Format>,
    /// Coordinate system of this source (else the options' `crs`, else the
    /// format's default).
    pub crs: Option<Crs>,
    /// A name for messages (a file name), if any.
    pub name: Option<String>,
    /// A GBK decoder for Shapefile attributes (the wasm binding passes the
    /// platform's); `None` = the built-in one (native builds only).
    pub gbk: Option<GbkDecoder<'a>>,
}

impl<'a> Source<'a> {
    /// A source of text, format detected, coordinate system by default.
    pub fn text(text: &'a str) -> Self {
        Source {
            data: SourceData::Text(text),
            format: None,
            crs: None,
            name: None,
            gbk: None,
        }
    }

    /// A source of bytes, format detected, coordinate system by default.
    pub fn bytes(bytes: &'a [u8]) -> Self {
        Source {
            data: SourceData::Bytes(bytes),
            ..Source::text("")
        }
    }

    /// The same source in a given coordinate system.
    pub fn with_crs(self, crs: Crs) -> Self {
        Source {
            crs: Some(crs),
            ..self
        }
    }

    /// The same source with a name for messages.
    pub fn with_name(self, name: impl Into<String>) -> Self {
        Source {
            name: Some(name.into()),
            ..self
        }
    }

    /// The same source read in a forced format.
    pub fn with_format(self, format: Format) -> Self {
        Source {
            format: Some(format),
            ..self
        }
    }
}

/// Where one source's features are in the dataset.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    /// The source's name, if given.
    pub name: Option<String>,
    /// The format it was read as.
    pub format: Format,
    /// Its coordinate system (as given or assumed).
    pub crs: Crs,
    /// Dataset feature index of its first feature: feature `i` of this
    /// source is dataset feature `firstFeatureIndex + i`.
    pub first_feature_index: usize,
    /// Members of its `features` array (POIs of a place-search reply).
    pub feature_count: usize,
    /// What a GeoJSON collection says about itself (`title`, `attribution`).
    #[serde(flatten)]
    pub declared: super::geojson::Declared,
}

/// A source made ready for the GeoJSON reader.
pub struct Prepared<'a> {
    /// GeoJSON text (the source's own, or converted from its format).
    pub text: Cow<'a, str>,
    /// The format it was read as.
    pub format: Format,
    /// The coordinate system its coordinates are in.
    pub crs: Crs,
    /// Warnings of the conversion (feature indices local to the source).
    pub warnings: Vec<Warning>,
    /// Features (local indices, ascending) left without geometry by the
    /// conversion, already reported by its warnings.
    pub reported: Vec<usize>,
}

/// Decides a source's format and coordinate system and turns it into
/// GeoJSON text. The coordinate system is the source's `crs`, else the
/// options' `crs`, else the format's default (GCJ-02 for Amap, BD-09 for
/// Baidu; a `CRS_ASSUMED` warning says so), else WGS84.
///
/// # Errors
/// `UNSUPPORTED_FORMAT` (bytes of no known encoding), the Shapefile
/// codes of [`shapefile::to_geojson`], `API_ERROR_REPLY` (a map service's error reply), `INVALID_JSON` /
/// `NOT_FEATURE_COLLECTION` for broken replies, `CSV_NO_COORDINATES` /
/// `CSV_BAD_COORDINATE` for CSV without usable coordinates.
pub fn prepare<'a>(src: &Source<'a>, index: usize, options: &ReadOptions) -> Result<Prepared<'a>> {
    let (text, format) = detect::decode(src.data, src.format)?;
    let name = src.name.as_deref();
    let located =
        |w: &[Warning]| -> Vec<usize> { w.iter().filter_map(|w| w.feature_index).collect() };
    let mut georeferenced = false;
    let (text, mut warnings, reported) = match format {
        Format::Shapefile => {
            let SourceData::Bytes(bytes) = src.data else {
                return Err(crate::error::Error::Internal {
                    reason: "Shapefile text passed detection".into(),
                });
            };
            let builtin;
            let attrs = match &options.osm_mapping {
                Some(m) => &m.attribute_names,
                None => {
                    builtin = super::mapping::OsmMapping::builtin()?;
                    &builtin.attribute_names
                }
            };
            let c = shapefile::to_geojson(
                bytes,
                name,
                options.max_bytes,
                options.max_features,
                attrs,
                src.gbk,
            )?;
            georeferenced = c.georeferenced;
            (Cow::Owned(c.text), c.warnings, Vec::new())
        }
        Format::Amap if !is_geojson(&text) => {
            let (t, w) = amap::to_geojson(&text, name, options.max_features)?;
            let r = located(&w);
            (Cow::Owned(t), w, r)
        }
        Format::Baidu if !is_geojson(&text) => {
            let (t, w) = baidu::to_geojson(&text, name, options.max_features)?;
            let r = located(&w);
            (Cow::Owned(t), w, r)
        }
        Format::Csv => {
            let (t, w, r) = csv::to_geojson(&text, options.max_features)?;
            (Cow::Owned(t), w, r)
        }
        _ => (text, Vec::new(), Vec::new()),
    };
    // Warnings about the whole source say which one it is.
    for w in warnings.iter_mut().filter(|w| w.feature_index.is_none()) {
        w.source = Some(index);
    }
    let crs = match src.crs.or(options.crs) {
        // A Shapefile's .prj decided, and its coordinates are now WGS84.
        _ if georeferenced => Crs::Wgs84,
        Some(crs) => crs,
        None => match format.default_crs() {
            Some(crs) => {
                let mut w = Warning::global(
                    "CRS_ASSUMED",
                    format!(
                        "source {index}{} was read as {} data without a `crs`: its coordinates \
                         were taken as {} and converted to WGS84",
                        name.map(|n| format!(" (`{n}`)")).unwrap_or_default(),
                        format.name(),
                        crs_name(crs)
                    ),
                );
                w.source = Some(index);
                warnings.insert(0, w);
                crs
            }
            None => Crs::Wgs84,
        },
    };
    Ok(Prepared {
        text,
        format,
        crs,
        warnings,
        reported,
    })
}

/// Whether JSON text is GeoJSON-shaped (has a top-level `type`), as the
/// GeoJSON form of Amap POIs is.
fn is_geojson(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Top {
        #[serde(rename = "type", default)]
        kind: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_str::<Top>(text).is_ok_and(|t| t.kind.is_some())
}

fn crs_name(crs: Crs) -> &'static str {
    match crs {
        Crs::Wgs84 => "WGS 84",
        Crs::Gcj02 => "GCJ-02",
        Crs::Bd09 => "BD-09",
    }
}

/// A `MIXED_CRS` warning when the sources are in different coordinate
/// systems (each was converted; the user should check each is right).
pub fn mixed_crs(infos: &[SourceInfo]) -> Option<Warning> {
    let first = infos.first()?.crs;
    if infos.iter().all(|i| i.crs == first) {
        return None;
    }
    let list: Vec<String> = infos
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = s.name.clone().unwrap_or_else(|| format!("source {i}"));
            format!("{name}: {}", crs_name(s.crs))
        })
        .collect();
    Some(Warning::global(
        "MIXED_CRS",
        format!(
            "the sources are in different coordinate systems ({}); each was converted to WGS84",
            list.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixtures::fixture;

    #[test]
    fn poi_formats_assume_their_crs_unless_told() {
        let text = fixture("amap_place_search.json");
        let o = ReadOptions::default();
        let p = prepare(&Source::text(&text).with_name("a.json"), 2, &o).expect("ok");
        assert_eq!((p.format, p.crs), (Format::Amap, Crs::Gcj02));
        assert_eq!(p.warnings[0].code, "CRS_ASSUMED");
        assert_eq!(p.warnings[0].source, Some(2));
        assert!(p.warnings[0].message.contains("a.json"));
        let p = prepare(&Source::text(&text).with_crs(Crs::Wgs84), 0, &o).expect("ok");
        assert_eq!(p.crs, Crs::Wgs84);
        assert!(p.warnings.iter().all(|w| w.code != "CRS_ASSUMED"));
        let b = fixture("baidu_place_search.json");
        let p = prepare(&Source::text(&b), 0, &o).expect("ok");
        assert_eq!((p.format, p.crs), (Format::Baidu, Crs::Bd09));
        let g = r#"{"type":"FeatureCollection","features":[]}"#;
        let p = prepare(&Source::text(g), 0, &o).expect("ok");
        assert_eq!((p.format, p.crs), (Format::Geojson, Crs::Wgs84));
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn amap_geojson_is_read_as_it_is() {
        let text = fixture("amap_pois.geojson");
        let p = prepare(&Source::text(&text), 0, &ReadOptions::default()).expect("ok");
        assert_eq!(p.format, Format::Amap);
        assert!(matches!(p.text, Cow::Borrowed(_)));
    }

    #[test]
    fn mixed_systems_are_named() {
        let info = |name: &str, crs| SourceInfo {
            name: Some(name.into()),
            format: Format::Geojson,
            crs,
            first_feature_index: 0,
            feature_count: 0,
            declared: Default::default(),
        };
        assert!(mixed_crs(&[info("a", Crs::Wgs84), info("b", Crs::Wgs84)]).is_none());
        let w = mixed_crs(&[info("a", Crs::Wgs84), info("b", Crs::Gcj02)]).expect("mixed");
        assert_eq!(w.code, "MIXED_CRS");
        assert!(w.message.contains("b: GCJ-02"), "{}", w.message);
    }
}
