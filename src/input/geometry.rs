//! Turning raw GeoJSON coordinate trees into validated `geo` geometries.
//!
//! Every position is checked (finite, in lon/lat range, not obviously
//! projected) and converted to WGS84. Structural defects of one feature
//! (too-short rings, wrong nesting) become [`Error::InvalidGeometry`], which
//! the reader turns into a skip-with-warning; range problems are errors for
//! the whole input because they mean the wrong coordinate system.

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Point, Polygon};

use super::crs::Crs;
use super::geojson::{CoordTree, RawGeometry};
use super::rings;
use crate::error::{Error, Result, Warning};

/// A converted geometry, grouped by dimension.
#[derive(Debug, Clone, PartialEq)]
pub enum Geom {
    /// One or more points.
    Points(Vec<Point<f64>>),
    /// One or more lines.
    Lines(MultiLineString<f64>),
    /// One or more polygons.
    Polygons(MultiPolygon<f64>),
}

impl Geom {
    /// Whether there is nothing at all (an empty Multi* geometry).
    pub fn is_empty(&self) -> bool {
        match self {
            Geom::Points(p) => p.is_empty(),
            Geom::Lines(l) => l.0.is_empty(),
            Geom::Polygons(p) => p.0.is_empty(),
        }
    }

    /// GeoJSON-style name of the dimension, for messages.
    pub fn dimension_name(&self) -> &'static str {
        match self {
            Geom::Points(_) => "point",
            Geom::Lines(_) => "line",
            Geom::Polygons(_) => "polygon",
        }
    }
}

/// Values with an absolute coordinate above this are taken as projected metres.
const PROJECTED_HINT: f64 = 1000.0;

struct Ctx<'w> {
    index: usize,
    crs: Crs,
    warnings: &'w mut Vec<Warning>,
    antimeridian_reported: bool,
}

impl Ctx<'_> {
    fn invalid(&self, reason: impl Into<String>) -> Error {
        Error::InvalidGeometry {
            feature_index: self.index,
            reason: reason.into(),
        }
    }

    fn coord(&self, p: [f64; 2]) -> Result<Coord<f64>> {
        let [x, y] = p;
        if !x.is_finite() || !y.is_finite() {
            return Err(Error::CoordinateOutOfRange {
                feature_index: self.index,
                lon: x,
                lat: y,
            });
        }
        if x.abs() > 180.0 || y.abs() > 90.0 {
            if x.abs() > PROJECTED_HINT || y.abs() > PROJECTED_HINT {
                return Err(Error::ProjectedCoordinates {
                    feature_index: self.index,
                    x,
                    y,
                });
            }
            return Err(Error::CoordinateOutOfRange {
                feature_index: self.index,
                lon: x,
                lat: y,
            });
        }
        let (lon, lat) = self.crs.to_wgs84(x, y);
        // The Chinese systems shift positions; near a pole or the
        // antimeridian the shift can leave the WGS84 range.
        if !(lon.abs() <= 180.0 && lat.abs() <= 90.0) {
            return Err(self.invalid(format!(
                "the position [{x}, {y}] converted to WGS84 is [{lon}, {lat}], outside -180..180, -90..90; GCJ-02 and BD-09 positions only make sense in and near China: check the `crs` option"
            )));
        }
        Ok(Coord { x: lon, y: lat })
    }

    fn position(&self, t: &CoordTree) -> Result<Coord<f64>> {
        match t {
            CoordTree::Position(p) => self.coord(*p),
            CoordTree::Array(_) => Err(self.invalid("expected a position, found an array")),
        }
    }

    fn positions(&self, t: &CoordTree) -> Result<Vec<Coord<f64>>> {
        match t {
            CoordTree::Array(items) => {
                let mut out: Vec<Coord<f64>> = Vec::with_capacity(items.len());
                for it in items {
                    let c = self.position(it)?;
                    // Consecutive duplicate vertices carry no geometry.
                    if out.last() != Some(&c) {
                        out.push(c);
                    }
                }
                Ok(out)
            }
            CoordTree::Position(_) => Err(self.invalid("expected an array of positions")),
        }
    }

    fn line(&mut self, t: &CoordTree) -> Result<LineString<f64>> {
        let pts = self.positions(t)?;
        if pts.len() < 2 {
            return Err(self.invalid("a line needs at least two distinct positions"));
        }
        self.check_antimeridian(&pts);
        Ok(LineString::new(pts))
    }

    /// Warns (once per feature) about an edge spanning more than 180° of
    /// longitude: it crosses the antimeridian, which plain lon/lat geometry
    /// (containment, clipping, hulls) gets wrong.
    fn check_antimeridian(&mut self, pts: &[Coord<f64>]) {
        if self.antimeridian_reported {
            return;
        }
        if pts.windows(2).any(|w| (w[1].x - w[0].x).abs() > 180.0) {
            self.antimeridian_reported = true;
            self.warnings.push(Warning::feature(
                "ANTIMERIDIAN",
                self.index,
                "geometry crosses the ±180° meridian; containment, clipping and hulls \
                 treat lon/lat as planar and will be wrong: split the feature there",
            ));
        }
    }

    fn ring(&mut self, t: &CoordTree) -> Result<LineString<f64>> {
        let mut pts = self.positions(t)?;
        let closed = pts.len() > 1 && pts.first() == pts.last();
        if closed {
            pts.pop();
        }
        if pts.len() < 3 {
            return Err(self.invalid("a polygon ring needs at least three distinct positions"));
        }
        if !closed {
            self.warnings.push(Warning::feature(
                "RING_NOT_CLOSED",
                self.index,
                "polygon ring does not repeat its first position; closed automatically",
            ));
        }
        let first = pts[0];
        pts.push(first);
        self.check_antimeridian(&pts);
        Ok(LineString::new(pts))
    }

    /// A polygon: normally one, several when a self-intersecting polygon is
    /// repaired, none (with a `ZERO_AREA` warning) when it encloses no area.
    fn polygon(&mut self, t: &CoordTree) -> Result<Vec<Polygon<f64>>> {
        let rings = match t {
            CoordTree::Array(rings) if !rings.is_empty() => rings,
            _ => return Err(self.invalid("a polygon needs an array of rings")),
        };
        let exterior = self.ring(&rings[0])?;
        let mut holes = Vec::with_capacity(rings.len() - 1);
        for r in &rings[1..] {
            match self.ring(r) {
                Ok(h) if rings::is_zero_area(&Polygon::new(h.clone(), vec![])) => {
                    self.warnings.push(Warning::feature(
                        "ZERO_AREA",
                        self.index,
                        "a polygon hole encloses no area; dropped",
                    ))
                }
                Ok(h) => holes.push(h),
                Err(e) => self.warnings.push(Warning::feature(
                    "HOLE_DROPPED",
                    self.index,
                    format!("invalid hole dropped: {e}"),
                )),
            }
        }
        let mut polygon = vec![Polygon::new(exterior, holes)];
        let crossing = std::iter::once(polygon[0].exterior())
            .chain(polygon[0].interiors())
            .any(|r| rings::self_intersects(r) == Some(true));
        if crossing {
            // A bow-tie's lobes cancel in the shoelace sum: measuring it as
            // given would report (almost) no area. Rebuild it instead.
            polygon = rings::repair(&polygon[0]);
        }
        polygon.retain(|p| !rings::is_zero_area(p));
        if polygon.is_empty() {
            self.warnings.push(Warning::feature(
                "ZERO_AREA",
                self.index,
                "polygon encloses no area (collinear positions, a spike or a \
                 self-cancelling outline); skipped",
            ));
        } else if crossing {
            self.warnings.push(Warning::feature(
                "SELF_INTERSECTION",
                self.index,
                format!(
                    "a polygon ring crosses or touches itself; repaired by the even-odd \
                     rule into {} part(s) and measured",
                    polygon.len()
                ),
            ));
        }
        Ok(polygon)
    }

    fn array<'t>(&self, t: &'t CoordTree, what: &str) -> Result<&'t [CoordTree]> {
        match t {
            CoordTree::Array(items) => Ok(items),
            CoordTree::Position(_) => Err(self.invalid(format!("{what}: expected an array"))),
        }
    }
}

/// Converts a raw geometry, checking and transforming every position.
///
/// GeometryCollections are flattened when all members share one dimension;
/// mixed or nested collections are rejected as invalid for this feature, and
/// so are empty geometries. `Ok(None)` means every polygon of the geometry
/// enclosed no area: the feature is skipped (a `ZERO_AREA` warning says so).
pub fn convert(
    g: &RawGeometry<'_>,
    index: usize,
    crs: Crs,
    warnings: &mut Vec<Warning>,
) -> Result<Option<Geom>> {
    let mut ctx = Ctx {
        index,
        crs,
        warnings,
        antimeridian_reported: false,
    };
    if g.kind == "GeometryCollection" {
        let members = g.geometries.as_deref().unwrap_or(&[]);
        let mut out: Option<Geom> = None;
        let mut skipped = false;
        for m in members {
            if m.kind == "GeometryCollection" {
                return Err(ctx.invalid("nested GeometryCollection is not supported"));
            }
            let Some(part) = convert(m, index, crs, ctx.warnings)? else {
                skipped = true;
                continue;
            };
            out = Some(match (out, part) {
                (None, p) => p,
                (Some(Geom::Points(mut a)), Geom::Points(b)) => {
                    a.extend(b);
                    Geom::Points(a)
                }
                (Some(Geom::Lines(mut a)), Geom::Lines(b)) => {
                    a.0.extend(b.0);
                    Geom::Lines(a)
                }
                (Some(Geom::Polygons(mut a)), Geom::Polygons(b)) => {
                    a.0.extend(b.0);
                    Geom::Polygons(a)
                }
                _ => return Err(ctx.invalid("GeometryCollection mixes dimensions")),
            });
        }
        if out.is_none() && skipped {
            return Ok(None);
        }
        return out
            .map(Some)
            .ok_or_else(|| ctx.invalid("empty GeometryCollection"));
    }
    let t = g
        .coordinates
        .as_ref()
        .ok_or_else(|| ctx.invalid(format!("{} without coordinates", g.kind)))?;
    let geom = match g.kind.as_ref() {
        "Point" => Geom::Points(vec![Point(ctx.position(t)?)]),
        "MultiPoint" => Geom::Points(ctx.positions(t)?.into_iter().map(Point).collect()),
        "LineString" => Geom::Lines(MultiLineString::new(vec![ctx.line(t)?])),
        "MultiLineString" => {
            let mut lines = Vec::new();
            for l in ctx.array(t, "MultiLineString")? {
                lines.push(ctx.line(l)?);
            }
            Geom::Lines(MultiLineString::new(lines))
        }
        "Polygon" | "MultiPolygon" => {
            let parts: &[CoordTree] = if g.kind == "Polygon" {
                std::slice::from_ref(t)
            } else {
                ctx.array(t, "MultiPolygon")?
            };
            let mut polys = Vec::with_capacity(parts.len());
            for p in parts {
                polys.append(&mut ctx.polygon(p)?);
            }
            if polys.is_empty() && !parts.is_empty() {
                return Ok(None);
            }
            Geom::Polygons(MultiPolygon::new(polys))
        }
        other => return Err(ctx.invalid(format!("unknown geometry type `{other}`"))),
    };
    if geom.is_empty() {
        return Err(ctx.invalid(format!("empty {}", g.kind)));
    }
    Ok(Some(geom))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(json: &str) -> (Result<Geom>, Vec<Warning>) {
        let g: RawGeometry = serde_json::from_str(json).unwrap();
        let mut w = Vec::new();
        let r = convert(&g, 3, Crs::Wgs84, &mut w).map(|g| g.expect("not skipped"));
        (r, w)
    }

    /// The error code `conv` gives for `json`.
    fn code_of(json: &str) -> &'static str {
        conv(json).0.unwrap_err().code()
    }

    #[test]
    fn polygon_with_unclosed_ring_is_closed_with_a_warning() {
        let (g, w) = conv(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}"#);
        match g.unwrap() {
            Geom::Polygons(mp) => assert_eq!(mp.0[0].exterior().0.len(), 4),
            other => panic!("{other:?}"),
        }
        assert_eq!(w[0].code, "RING_NOT_CLOSED");
        assert_eq!(w[0].feature_index, Some(3));
    }

    #[test]
    fn short_rings_and_lines_are_invalid() {
        assert_eq!(
            code_of(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#),
            "INVALID_GEOMETRY"
        );
        let (g, _) = conv(r#"{"type":"LineString","coordinates":[[0,0],[0,0]]}"#);
        assert_eq!(g.unwrap_err().feature_index(), Some(3));
        let (g, _) = conv(r#"{"type":"Point","coordinates":[[0,0]]}"#);
        assert!(g.is_err());
        let (g, _) = conv(r#"{"type":"Circle","coordinates":[0,0]}"#);
        assert!(g.is_err());
    }

    #[test]
    fn range_and_projection_checks() {
        for (json, code) in [
            (
                r#"{"type":"Point","coordinates":[500000,3350000]}"#,
                "PROJECTED_COORDINATES",
            ),
            (
                r#"{"type":"Point","coordinates":[190,10]}"#,
                "COORDINATE_OUT_OF_RANGE",
            ),
        ] {
            assert_eq!(code_of(json), code, "{json}");
        }
        let (g, _) = conv(r#"{"type":"Point","coordinates":[120,30,15]}"#);
        assert_eq!(g.unwrap(), Geom::Points(vec![Point::new(120.0, 30.0)]));
    }

    #[test]
    fn empty_zero_area_and_self_intersecting_polygons() {
        for json in [
            r#"{"type":"MultiPolygon","coordinates":[]}"#,
            r#"{"type":"MultiPoint","coordinates":[]}"#,
        ] {
            assert_eq!(code_of(json), "INVALID_GEOMETRY", "{json}");
        }
        let raw: RawGeometry =
            serde_json::from_str(r#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[2,2],[0,0]]]}"#)
                .unwrap();
        let mut w = Vec::new();
        assert_eq!(convert(&raw, 3, Crs::Wgs84, &mut w).unwrap(), None);
        assert_eq!(w[0].code, "ZERO_AREA");
        let (g, w) = conv(r#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#);
        match g.unwrap() {
            Geom::Polygons(mp) => assert_eq!(mp.0.len(), 2),
            other => panic!("{other:?}"),
        }
        assert_eq!(w[0].code, "SELF_INTERSECTION");
        let (_, w) = conv(r#"{"type":"LineString","coordinates":[[179.9,0],[-179.9,0]]}"#);
        assert_eq!(w[0].code, "ANTIMERIDIAN");
    }

    #[test]
    fn collections_flatten_or_fail() {
        let (g, _) = conv(
            r#"{"type":"GeometryCollection","geometries":[
                {"type":"Point","coordinates":[1,2]},{"type":"MultiPoint","coordinates":[[3,4]]}]}"#,
        );
        assert_eq!(
            g.unwrap(),
            Geom::Points(vec![Point::new(1.0, 2.0), Point::new(3.0, 4.0)])
        );
        let (g, _) = conv(
            r#"{"type":"GeometryCollection","geometries":[{"type":"GeometryCollection","geometries":[]}]}"#,
        );
        assert!(g.is_err());
    }
}
