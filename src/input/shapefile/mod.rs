//! Zipped Shapefiles (`.shp` + `.dbf`, with `.prj` and `.cpg` when
//! present) as GeoJSON text in WGS84, as planning departments hand out
//! building footprints.
//!
//! - Archive: every layer (a `.shp` with its `.dbf` of the same name) is
//!   read, in name order; feature `i` of the source is the `i`-th record
//!   not marked deleted, counting on across layers. Unpacking is bounded
//!   by the input limit ([`archive`]).
//! - Coordinates: by the `.prj` ([`prj`]): WGS 84 or CGCS2000 geographic,
//!   or a CGCS2000 3-degree Gauss–Krüger zone, inverted by [`tmerc`].
//!   Without a `.prj` the coordinates are taken as they are (WGS84, or the
//!   source's `crs`), with a `PRJ_MISSING` warning; projected metres then
//!   fail as `PROJECTED_COORDINATES`.
//! - Attributes: names and text values decoded as the `.cpg` says
//!   (UTF-8; GBK for `GBK`, `936`, `CP936`, `GB2312`, `GB18030`), or, with
//!   no `.cpg`, as UTF-8 when every name and value is valid UTF-8 and as
//!   GBK otherwise. GBK goes through the caller's [`GbkDecoder`] when one
//!   is given (the wasm binding passes the platform's `TextDecoder`), else
//!   through the native decoder of [`super::csv`].
//! - Kinds: the attributes become the feature's properties, so `kind`,
//!   OSM tags, Amap `typecode` and the Chinese names of the mapping's
//!   `attributeNames` classify features as in GeoJSON; a polygon without
//!   `kind` or `building` that carries a building attribute (层数, 户数,
//!   `floors`, ...) is a building.

pub mod archive;
pub mod dbf;
pub mod prj;
pub mod shapes;
pub mod tmerc;

use std::io::Cursor;

use serde_json::{json, Map, Value};

use super::attributes::{AttributeNames, BUILDING_KEYS};
use crate::error::{Error, Result, Warning};
use dbf::Table;
use prj::Projector;

/// Decodes GBK bytes to text (`None` if they are not GBK); the wasm
/// binding supplies the platform's `TextDecoder("gbk")`.
#[derive(Clone, Copy)]
pub struct GbkDecoder<'a>(pub &'a dyn Fn(&[u8]) -> Option<String>);

impl std::fmt::Debug for GbkDecoder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GbkDecoder")
    }
}

/// How a layer's attribute bytes are decoded.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Encoding {
    Utf8,
    Gbk,
}

/// The encoding a `.cpg` names, if known.
fn cpg_encoding(cpg: &[u8]) -> Option<Encoding> {
    let name = String::from_utf8_lossy(cpg).trim().to_ascii_lowercase();
    match name.as_str() {
        "utf-8" | "utf8" | "65001" => Some(Encoding::Utf8),
        "gbk" | "936" | "cp936" | "gb2312" | "gb18030" | "54936" | "ansi 936" => {
            Some(Encoding::Gbk)
        }
        _ => None,
    }
}

/// What was converted.
pub struct Converted {
    /// GeoJSON FeatureCollection text.
    pub text: String,
    /// Warnings (global ones: `PRJ_MISSING`, `ATTRIBUTE_ENCODING`).
    pub warnings: Vec<Warning>,
    /// Whether every layer had a `.prj` (coordinates are then WGS84
    /// whatever the source's `crs` says).
    pub georeferenced: bool,
}

/// Decodes text bytes of one layer, counting what could not be decoded.
struct Text<'a> {
    encoding: Encoding,
    gbk: Option<GbkDecoder<'a>>,
    failed: usize,
}

impl Text<'_> {
    fn decode(&mut self, b: &[u8]) -> String {
        if let Ok(t) = std::str::from_utf8(b) {
            if self.encoding == Encoding::Utf8 || b.is_ascii() {
                return t.to_string();
            }
        }
        if self.encoding == Encoding::Gbk {
            let decoded = match self.gbk {
                Some(GbkDecoder(f)) => f(b),
                None => super::csv::decode_gbk(b).map(std::borrow::Cow::into_owned),
            };
            if let Some(t) = decoded {
                return t;
            }
        }
        self.failed += 1;
        String::from_utf8_lossy(b).into_owned()
    }
}

fn mismatch(layer: &str, shapes: usize, records: usize) -> Error {
    Error::Shapefile {
        code: "SHAPEFILE_RECORD_MISMATCH",
        reason: format!(
            "layer `{layer}`: the .shp has {shapes} shapes but the .dbf has {records} records; \
             the two files must come from the same export"
        ),
    }
}

/// The encoding of a layer without a usable `.cpg`: UTF-8 when every
/// name and text value is valid UTF-8, else GBK.
fn sniff(table: &Table<'_>) -> Encoding {
    let names_ok = table
        .fields
        .iter()
        .all(|f| std::str::from_utf8(&f.name).is_ok());
    let values_ok = (0..table.records).all(|i| {
        table.record(i).1.iter().all(|v| match v {
            Some(dbf::Value::Text(t)) => std::str::from_utf8(t).is_ok(),
            _ => true,
        })
    });
    if names_ok && values_ok {
        Encoding::Utf8
    } else {
        Encoding::Gbk
    }
}

/// A zipped Shapefile as GeoJSON text (WGS84 when every layer has a
/// `.prj`).
///
/// # Errors
/// `INVALID_ARCHIVE`, `ARCHIVE_TOO_LARGE`, `SHAPEFILE_MISSING_PART`,
/// `SHAPEFILE_CORRUPT`, `SHAPEFILE_RECORD_MISMATCH`, `UNSUPPORTED_PRJ`
/// (each naming the archive or layer); `LIMIT_EXCEEDED` for more records
/// than `max_features`.
pub fn to_geojson(
    bytes: &[u8],
    name: Option<&str>,
    budget: usize,
    max_features: usize,
    attrs: &AttributeNames,
    gbk: Option<GbkDecoder<'_>>,
) -> Result<Converted> {
    let layers = archive::layers(bytes, name, budget)?;
    let mut features = Vec::new();
    let mut warnings = Vec::new();
    let mut georeferenced = true;
    for layer in &layers {
        let lname = layer.name.as_str();
        let shp = layer.shp.as_deref().unwrap_or_default();
        let count = shapes::check(shp, lname)?;
        let table = Table::parse(layer.dbf.as_deref().unwrap_or_default(), lname)?;
        if count != table.records {
            return Err(mismatch(lname, count, table.records));
        }
        if features.len().saturating_add(count) > max_features {
            return Err(super::poi::too_many(features.len() + count, max_features));
        }
        let crs = match &layer.prj {
            Some(p) => Some(prj::parse(&String::from_utf8_lossy(p), lname)?),
            None => {
                georeferenced = false;
                warnings.push(Warning::global(
                    "PRJ_MISSING",
                    format!(
                        "layer `{lname}` has no .prj: its coordinates were taken as longitude/\
                         latitude in the source's coordinate system (WGS 84 unless `crs` says \
                         otherwise)"
                    ),
                ));
                None
            }
        };
        let projector = Projector::new(crs.as_ref())?;
        let declared = layer.cpg.as_deref().map(|c| (c, cpg_encoding(c)));
        let encoding = match declared {
            Some((_, Some(e))) => e,
            Some((c, None)) => {
                warnings.push(Warning::global(
                    "ATTRIBUTE_ENCODING",
                    format!(
                        "layer `{lname}`: the .cpg names the unknown encoding `{}`; the \
                         attributes were read as UTF-8 or GBK",
                        String::from_utf8_lossy(c).trim()
                    ),
                ));
                sniff(&table)
            }
            None => sniff(&table),
        };
        let mut text = Text {
            encoding,
            gbk,
            failed: 0,
        };
        let names: Vec<String> = table.fields.iter().map(|f| text.decode(&f.name)).collect();
        let mut reader = shapefile::ShapeReader::new(Cursor::new(shp))
            .map_err(|e| shp_error(lname, &e.to_string()))?;
        for (i, shape) in reader.iter_shapes().enumerate() {
            let shape = shape.map_err(|e| shp_error(lname, &format!("record {i}: {e}")))?;
            let (deleted, values) = table.record(i);
            if deleted {
                continue;
            }
            let mut props = Map::new();
            for (n, v) in names.iter().zip(values) {
                let v = match v {
                    None => continue,
                    Some(dbf::Value::Text(t)) => json!(text.decode(t)),
                    Some(dbf::Value::Number(x)) => json!(x),
                    Some(dbf::Value::Bool(b)) => json!(b),
                };
                props.entry(n.trim().to_string()).or_insert(v);
            }
            let geometry = shapes::geometry(&shape, &projector).unwrap_or(Value::Null);
            let building_attr = props.keys().any(|k| {
                attrs
                    .canonical(k)
                    .is_some_and(|c| BUILDING_KEYS.contains(&c))
            });
            if shapes::is_polygonal(&geometry)
                && building_attr
                && !props.contains_key("kind")
                && !props.contains_key("building")
            {
                props.insert("kind".into(), json!("building"));
            }
            features.push(json!({"type": "Feature", "geometry": geometry, "properties": props}));
        }
        if text.failed > 0 {
            warnings.push(Warning::global(
                "ATTRIBUTE_ENCODING",
                format!(
                    "layer `{lname}`: {} attribute names or values are not valid {} and were \
                     read with replacement characters",
                    text.failed,
                    if encoding == Encoding::Gbk {
                        "GBK"
                    } else {
                        "UTF-8"
                    }
                ),
            ));
        }
    }
    let fc = json!({"type": "FeatureCollection", "features": features});
    Ok(Converted {
        text: fc.to_string(),
        warnings,
        georeferenced,
    })
}

fn shp_error(layer: &str, why: &str) -> Error {
    Error::Shapefile {
        code: "SHAPEFILE_CORRUPT",
        reason: format!("the .shp of layer `{layer}` cannot be read: {why}"),
    }
}
