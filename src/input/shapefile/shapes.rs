//! `.shp` records as GeoJSON geometries in WGS84: points and multipoints,
//! polylines (one part: LineString, several: MultiLineString), polygons
//! (each outer ring starts a polygon and the inner rings after it are its
//! holes, the order Shapefile writers use). Z and M values are dropped.
//!
//! Before the `shapefile` crate reads anything, [`check`] walks the record
//! headers and checks each record's part and point counts against its
//! length, so a hostile count never becomes a large allocation.

use serde_json::{json, Value};
use shapefile::record::polygon::PolygonRing;
use shapefile::record::traits::HasXY;
use shapefile::Shape;

use super::prj::Projector;
use crate::error::{Error, Result};

/// Bytes of the main file header.
const HEADER_BYTES: usize = 100;

fn corrupt(layer: &str, why: impl std::fmt::Display) -> Error {
    Error::Shapefile {
        code: "SHAPEFILE_CORRUPT",
        reason: format!("the .shp of layer `{layer}` cannot be read: {why}"),
    }
}

fn be_u32(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at + 4)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as usize)
}

fn le_u32(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at + 4)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
}

/// Checks the record structure of a `.shp` and returns its record count.
///
/// # Errors
/// `SHAPEFILE_CORRUPT` for a short header, a record that runs past the end
/// of the file, or counts that do not fit the record's length.
pub fn check(shp: &[u8], layer: &str) -> Result<usize> {
    if shp.len() < HEADER_BYTES || be_u32(shp, 0) != Some(9994) {
        return Err(corrupt(layer, "it does not start with a Shapefile header"));
    }
    let mut at = HEADER_BYTES;
    let mut n = 0usize;
    while at < shp.len() {
        let len = be_u32(shp, at + 4)
            .and_then(|w| w.checked_mul(2))
            .ok_or_else(|| corrupt(layer, format!("record {n} is cut off in its header")))?;
        let start = at + 8;
        let content = shp
            .get(start..start.saturating_add(len))
            .ok_or_else(|| corrupt(layer, format!("record {n} is cut off (truncated file)")))?;
        let kind = le_u32(content, 0).unwrap_or(0);
        // Poly types: type, box (32), parts, points, then parts x 4 and
        // points x 16 bytes; multipoints: type, box, points, points x 16.
        let need = match kind {
            3 | 5 | 13 | 15 | 23 | 25 | 31 => le_u32(content, 36)
                .zip(le_u32(content, 40))
                .and_then(|(parts, points)| {
                    44usize
                        .checked_add(parts.checked_mul(4)?)?
                        .checked_add(points.checked_mul(16)?)
                }),
            8 | 18 | 28 => {
                le_u32(content, 36).and_then(|points| 40usize.checked_add(points.checked_mul(16)?))
            }
            1 | 11 | 21 => Some(20),
            _ => Some(4),
        };
        if need.is_none_or(|need| need > content.len()) {
            return Err(corrupt(
                layer,
                format!("record {n} announces more parts or points than it holds"),
            ));
        }
        at = start + len;
        n += 1;
    }
    Ok(n)
}

/// Positions through the projector; `None` if one cannot be projected.
fn positions<P: HasXY>(points: &[P], p: &Projector) -> Option<Vec<[f64; 2]>> {
    points.iter().map(|q| p.lon_lat(q.x(), q.y())).collect()
}

fn lines<P: HasXY>(parts: &[Vec<P>], p: &Projector) -> Option<Value> {
    let parts: Vec<Vec<[f64; 2]>> = parts
        .iter()
        .map(|part| positions(part, p))
        .collect::<Option<_>>()?;
    Some(match parts.as_slice() {
        [one] => json!({"type": "LineString", "coordinates": one}),
        _ => json!({"type": "MultiLineString", "coordinates": parts}),
    })
}

fn polygons<P: HasXY>(rings: &[PolygonRing<P>], p: &Projector) -> Option<Value> {
    let mut polys: Vec<Vec<Vec<[f64; 2]>>> = Vec::new();
    for ring in rings {
        let pts = positions(ring.points(), p)?;
        match (ring, polys.last_mut()) {
            (PolygonRing::Inner(_), Some(last)) => last.push(pts),
            _ => polys.push(vec![pts]),
        }
    }
    Some(match polys.as_slice() {
        [one] => json!({"type": "Polygon", "coordinates": one}),
        _ => json!({"type": "MultiPolygon", "coordinates": polys}),
    })
}

/// A shape as a GeoJSON geometry (`null` for a null shape or a
/// multipatch); `None` when a position cannot be projected (the caller
/// leaves the feature without geometry, which the reader reports).
pub fn geometry(shape: &Shape, p: &Projector) -> Option<Value> {
    let point = |x: f64, y: f64| {
        p.lon_lat(x, y)
            .map(|c| json!({"type": "Point", "coordinates": c}))
    };
    let multi =
        |pts: Option<Vec<[f64; 2]>>| pts.map(|c| json!({"type": "MultiPoint", "coordinates": c}));
    let g = match shape {
        Shape::NullShape => Some(Value::Null),
        Shape::Point(q) => point(q.x, q.y),
        Shape::PointM(q) => point(q.x, q.y),
        Shape::PointZ(q) => point(q.x, q.y),
        Shape::Multipoint(m) => multi(positions(m.points(), p)),
        Shape::MultipointM(m) => multi(positions(m.points(), p)),
        Shape::MultipointZ(m) => multi(positions(m.points(), p)),
        Shape::Polyline(l) => lines(l.parts(), p),
        Shape::PolylineM(l) => lines(l.parts(), p),
        Shape::PolylineZ(l) => lines(l.parts(), p),
        Shape::Polygon(g) => polygons(g.rings(), p),
        Shape::PolygonM(g) => polygons(g.rings(), p),
        Shape::PolygonZ(g) => polygons(g.rings(), p),
        // Multipatches (3-D surfaces) carry nothing this library reads.
        Shape::Multipatch(_) => Some(Value::Null),
    };
    g
}

/// Whether a geometry is polygonal (for reading attribute-only buildings).
pub fn is_polygonal(g: &Value) -> bool {
    matches!(g["type"].as_str(), Some("Polygon" | "MultiPolygon"))
}
