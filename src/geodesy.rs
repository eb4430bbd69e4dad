//! Geodesic measurement on the WGS84 ellipsoid (Karney's algorithms via
//! `geo`'s `Geodesic` metric space), plus a local tangent-plane projection
//! for fast planar work on small areas.
//!
//! Reported lengths and areas always come from the ellipsoid; the tangent
//! plane is only used where an algorithm needs planar coordinates (snapping
//! searches, buffers) and its error is negligible at neighbourhood scale.

use geo::{
    BoundingRect, Coord, Distance, Geodesic, GeodesicArea, LineString, MultiPolygon, Point, Polygon,
};

/// Geodesic distance between two lon/lat points, in metres.
pub fn distance_m(a: Point<f64>, b: Point<f64>) -> f64 {
    Geodesic.distance(a, b)
}

/// Geodesic length of a lon/lat line, in metres.
pub fn length_m(line: &LineString<f64>) -> f64 {
    line.lines()
        .map(|l| Geodesic.distance(Point(l.start), Point(l.end)))
        .sum()
}

/// Area enclosed by one ring, whatever its orientation, in m².
fn ring_area_m2(ring: &LineString<f64>) -> f64 {
    if ring.0.len() < 4 {
        return 0.0;
    }
    // The signed variant never returns the "rest of the Earth" area for a
    // clockwise ring, so its absolute value is the enclosed area.
    Polygon::new(ring.clone(), vec![])
        .geodesic_area_signed()
        .abs()
}

/// Most holes of one polygon that are merged when they overlap (beyond it
/// they are summed, which can only undercount the polygon's area).
const MAX_MERGED_HOLES: usize = 256;

/// Geodesic area of a polygon: |exterior| − |union of the holes|, in m²,
/// never negative. Holes that overlap each other (invalid, but seen in real
/// files) are merged first, so that no part is subtracted twice.
pub fn polygon_area_m2(p: &Polygon<f64>) -> f64 {
    let outer = ring_area_m2(p.exterior());
    let holes: f64 = if holes_overlap(p.interiors()) {
        let parts: Vec<Polygon<f64>> = p
            .interiors()
            .iter()
            .map(|r| Polygon::new(r.clone(), vec![]))
            .collect();
        geo::unary_union(&parts).0.iter().map(polygon_area_m2).sum()
    } else {
        p.interiors().iter().map(ring_area_m2).sum()
    };
    (outer - holes).max(0.0)
}

/// Whether any two holes' boxes overlap (few holes: all pairs).
fn holes_overlap(holes: &[LineString<f64>]) -> bool {
    if holes.len() < 2 || holes.len() > MAX_MERGED_HOLES {
        return false;
    }
    let boxes: Vec<_> = holes.iter().filter_map(|h| h.bounding_rect()).collect();
    boxes.iter().enumerate().any(|(i, a)| {
        boxes[i + 1..].iter().any(|b| {
            a.min().x < b.max().x
                && b.min().x < a.max().x
                && a.min().y < b.max().y
                && b.min().y < a.max().y
        })
    })
}

/// Geodesic area of a multipolygon (sum of its parts; overlaps count twice), m².
pub fn area_m2(mp: &MultiPolygon<f64>) -> f64 {
    mp.0.iter().map(polygon_area_m2).sum()
}

/// The lon/lat box `(low, high)` around `coords`, corner by corner
/// (component-wise least and greatest); `None` when there are none.
pub fn coord_bounds<'a>(
    coords: impl IntoIterator<Item = &'a Coord<f64>>,
) -> Option<(Coord<f64>, Coord<f64>)> {
    let mut coords = coords.into_iter();
    let first = *coords.next()?;
    Some(coords.fold((first, first), |(lo, hi), c| {
        (
            Coord {
                x: lo.x.min(c.x),
                y: lo.y.min(c.y),
            },
            Coord {
                x: hi.x.max(c.x),
                y: hi.y.max(c.y),
            },
        )
    }))
}

/// WGS84 semi-major axis (m).
const WGS84_A: f64 = 6_378_137.0;
/// WGS84 first eccentricity squared.
const WGS84_E2: f64 = 0.006_694_379_990_141_316;

/// A local east/north plane in metres around an origin, using the
/// ellipsoid's radii of curvature at the origin latitude. Accurate to well
/// under 0.1% within a few kilometres of the origin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocalPlane {
    lon0: f64,
    lat0: f64,
    m_per_deg_lon: f64,
    m_per_deg_lat: f64,
}

impl LocalPlane {
    /// A plane centred on `origin` (lon/lat degrees).
    pub fn new(origin: Point<f64>) -> Self {
        let phi = origin.y().to_radians();
        let s = phi.sin();
        let w = (1.0 - WGS84_E2 * s * s).sqrt();
        // Prime-vertical (N) and meridional (M) radii of curvature.
        let n = WGS84_A / w;
        let m = WGS84_A * (1.0 - WGS84_E2) / (w * w * w);
        LocalPlane {
            lon0: origin.x(),
            lat0: origin.y(),
            m_per_deg_lon: n * phi.cos() * std::f64::consts::PI / 180.0,
            m_per_deg_lat: m * std::f64::consts::PI / 180.0,
        }
    }

    /// A plane centred on the middle of the lon/lat box `low`..`high`.
    pub fn centred_on_box(low: Coord<f64>, high: Coord<f64>) -> Self {
        LocalPlane::new(Point::new((low.x + high.x) / 2.0, (low.y + high.y) / 2.0))
    }

    /// Projects lon/lat to local (east_m, north_m).
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon - self.lon0) * self.m_per_deg_lon,
            (lat - self.lat0) * self.m_per_deg_lat,
        )
    }

    /// Bounds `(low, high)` on the factor by which this plane scales a
    /// short distance between points whose latitudes lie between `lat_a`
    /// and `lat_b` (degrees): its east scale is the origin's, too large
    /// where the parallel is shorter than at the origin and too small where
    /// it is longer; 1 % more either way covers the change of the
    /// meridional radius. `high` is infinite near the poles. Spatial
    /// indexes in the plane widen their search radius by these bounds, so
    /// that a filter in the plane never loses a point that is near on the
    /// ellipsoid.
    pub fn scale_bounds(&self, lat_a: f64, lat_b: f64) -> (f64, f64) {
        let (lo, hi) = (lat_a.min(lat_b).max(-90.0), lat_a.max(lat_b).min(90.0));
        let widest = lo.abs().max(hi.abs());
        let nearest_equator = if lo <= 0.0 && hi >= 0.0 {
            0.0
        } else {
            lo.abs().min(hi.abs())
        };
        let c0 = self.lat0.to_radians().cos();
        let high = c0 / widest.to_radians().cos();
        let low = c0 / nearest_equator.to_radians().cos();
        let high = if high.is_finite() && widest < 89.9 {
            high.max(1.0) * 1.01
        } else {
            f64::INFINITY
        };
        (low.min(1.0) / 1.01, high)
    }

    /// Inverse of [`LocalPlane::project`].
    pub fn unproject(&self, east_m: f64, north_m: f64) -> (f64, f64) {
        (
            self.lon0 + east_m / self.m_per_deg_lon,
            self.lat0 + north_m / self.m_per_deg_lat,
        )
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn identical_or_overlapping_holes_are_subtracted_once() {
        let ring = |x: f64, y: f64, d: f64| {
            LineString::from(vec![(x, y), (x + d, y), (x + d, y + d), (x, y + d), (x, y)])
        };
        let outer = ring(24.9, 60.1, 0.01);
        let hole = ring(24.902, 60.102, 0.002);
        let one = polygon_area_m2(&Polygon::new(outer.clone(), vec![hole.clone()]));
        let twice = polygon_area_m2(&Polygon::new(outer.clone(), vec![hole.clone(), hole]));
        assert!((one - twice).abs() < 1e-6 * one, "{one} vs {twice}");
        let shifted = ring(24.903, 60.102, 0.002);
        let both = polygon_area_m2(&Polygon::new(
            outer,
            vec![ring(24.902, 60.102, 0.002), shifted],
        ));
        assert!(
            both < one && both > one - 1.6 * (one * 0.04),
            "{both} vs {one}"
        );
    }

    use super::*;
    use geo::polygon;

    #[test]
    fn one_degree_of_latitude_near_the_equator() {
        let d = distance_m(Point::new(0.0, 0.0), Point::new(0.0, 1.0));
        // 110 574.4 m per degree of latitude at the equator (WGS84).
        assert!((d - 110_574.4).abs() < 1.0, "{d}");
    }

    #[test]
    fn orientation_does_not_change_area_and_holes_subtract() {
        let ccw = polygon![(x: 24.0, y: 60.0), (x: 24.01, y: 60.0), (x: 24.01, y: 60.01), (x: 24.0, y: 60.01)];
        let mut cw = ccw.clone();
        cw.exterior_mut(|r| r.0.reverse());
        let a = polygon_area_m2(&ccw);
        assert!(a > 500_000.0 && a < 700_000.0, "{a}");
        assert!((a - polygon_area_m2(&cw)).abs() < 1e-6);
        let hole = polygon![(x: 24.004, y: 60.004), (x: 24.006, y: 60.004), (x: 24.006, y: 60.006), (x: 24.004, y: 60.006)];
        let with_hole = Polygon::new(ccw.exterior().clone(), vec![hole.exterior().clone()]);
        let expected = a - polygon_area_m2(&hole);
        assert!((polygon_area_m2(&with_hole) - expected).abs() < 1e-6);
    }

    #[test]
    fn local_plane_matches_geodesic_distance_nearby() {
        let o = Point::new(120.15, 30.27);
        let plane = LocalPlane::new(o);
        let q = Point::new(120.16, 30.275);
        let (e, n) = plane.project(q.x(), q.y());
        let planar = (e * e + n * n).sqrt();
        let geodesic = distance_m(o, q);
        assert!((planar - geodesic).abs() / geodesic < 1e-3);
        let (lon, lat) = plane.unproject(e, n);
        assert!((lon - q.x()).abs() < 1e-12 && (lat - q.y()).abs() < 1e-12);
    }
}
