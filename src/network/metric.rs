//! Fast ellipsoidal distances for the millions of short lines of a
//! network and its queries (edge lengths, snap connectors, straight lines
//! from homes to facilities).
//!
//! [`distance_m`] is the ellipsoidal tangent-plane formula at the
//! mid-latitude: one `sin_cos` instead of Karney's iterative series, ~30x
//! faster natively and more in WebAssembly (whose trigonometry is software).
//! Below [`FAST_LIMIT_M`] and 80° of latitude it is within 1e-7 relative of
//! the geodesic (about 1e-9 at 1 km; see the tests); longer lines or polar
//! latitudes fall back to Karney ([`crate::geodesy::distance_m`]).
//! [`Around`] goes one step further for many distances near one point: no
//! trigonometry per call at all. [`area_m2`] does the same for footprints.

use geo::{LineString, MultiPolygon, Point, Polygon};

use crate::geodesy;

/// WGS84 semi-major axis (m).
const A: f64 = 6_378_137.0;
/// WGS84 first eccentricity squared.
const E2: f64 = 0.006_694_379_990_141_316;
/// Above this the fast formula hands over to Karney's algorithm.
pub const FAST_LIMIT_M: f64 = 5_000.0;
/// Above this absolute latitude the fast formula is not used.
const FAST_MAX_LAT: f64 = 80.0;

/// Distance between two lon/lat points in metres: the ellipsoidal
/// mid-latitude tangent-plane formula for short lines, Karney otherwise.
pub fn distance_m(a: Point<f64>, b: Point<f64>) -> f64 {
    let (lon1, lat1, lon2, lat2) = (a.x(), a.y(), b.x(), b.y());
    let dlon = lon2 - lon1;
    if lat1.abs() < FAST_MAX_LAT && lat2.abs() < FAST_MAX_LAT && dlon.abs() < 1.0 {
        let phi = ((lat1 + lat2) * 0.5).to_radians();
        let (s, c) = phi.sin_cos();
        let w2 = 1.0 - E2 * s * s;
        let w = w2.sqrt();
        let n = A / w;
        let m = A * (1.0 - E2) / (w2 * w);
        let dx = n * c * dlon.to_radians();
        let dy = m * (lat2 - lat1).to_radians();
        let d = (dx * dx + dy * dy).sqrt();
        if d < FAST_LIMIT_M {
            return d;
        }
    }
    geodesy::distance_m(a, b)
}

/// [`Around`] handles lines up to this long itself, metres.
const AROUND_LIMIT_M: f64 = 2_000.0;
/// ... whose mid-latitude is within this of the anchor's, radians (~1.3 km).
const AROUND_MAX_OFFSET_RAD: f64 = 2e-4;
/// ... and whose anchor is below this absolute latitude.
const AROUND_MAX_LAT: f64 = 70.0;

/// Distances between points near one anchor point, without trigonometry per
/// call: the mid-latitude formula with the radii of curvature expanded to
/// first order around the anchor's latitude (dk/dφ = −M sin φ for the
/// parallel radius k = N cos φ). Within 3e-8 relative of the geodesic for
/// lines up to 2 km whose middle lies within ~1.3 km (north–south) of the
/// anchor, below 70° of latitude; anything else goes to [`distance_m`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Around {
    lon0: f64,
    lat0: f64,
    k0: f64,
    m0: f64,
    dk: f64,
    dm: f64,
    fast: bool,
}

impl Around {
    /// Prepares distances around `anchor` (lon/lat).
    pub fn new(anchor: Point<f64>) -> Around {
        let phi = anchor.y().to_radians();
        let (s, c) = phi.sin_cos();
        let w2 = 1.0 - E2 * s * s;
        let w = w2.sqrt();
        let m0 = A * (1.0 - E2) / (w2 * w);
        Around {
            lon0: anchor.x(),
            lat0: anchor.y(),
            k0: A / w * c,
            m0,
            dk: -m0 * s,
            dm: 3.0 * A * (1.0 - E2) * E2 * s * c / (w2 * w2 * w),
            fast: anchor.y().abs() < AROUND_MAX_LAT,
        }
    }

    /// Distance from the anchor to `b`, metres.
    pub fn distance_m(&self, b: Point<f64>) -> f64 {
        self.between(Point::new(self.lon0, self.lat0), b)
    }

    /// Distance between two points near the anchor, metres.
    pub fn between(&self, a: Point<f64>, b: Point<f64>) -> f64 {
        let dlon = b.x() - a.x();
        let off = ((a.y() + b.y()) * 0.5 - self.lat0).to_radians();
        if self.fast && dlon.abs() < 0.1 && off.abs() < AROUND_MAX_OFFSET_RAD {
            let dx = (self.k0 + self.dk * off) * dlon.to_radians();
            let dy = (self.m0 + self.dm * off) * (b.y() - a.y()).to_radians();
            let d = (dx * dx + dy * dy).sqrt();
            if d < AROUND_LIMIT_M {
                return d;
            }
        }
        distance_m(a, b)
    }

    /// Local east/north metres of a point in the tangent plane at the
    /// anchor (equirectangular with the anchor's radii of curvature).
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon - self.lon0).to_radians() * self.k0,
            (lat - self.lat0).to_radians() * self.m0,
        )
    }
}

/// Polygons spanning more than this (degrees) use Karney's area.
const FAST_AREA_SPAN_DEG: f64 = 0.01;

/// An equal-area plane around a reference latitude: the ellipsoidal
/// sinusoidal projection expanded to second order in the latitude offset,
/// x = Δλ · (k0 − M0 sin φ0 · Δφ), y = M0 Δφ + ½ M0' Δφ², where k = N cos φ
/// is the parallel's radius (dk/dφ = −M sin φ) and M the meridional radius.
struct EqualArea {
    lon0: f64,
    lat0: f64,
    k0: f64,
    m_sin: f64,
    m0: f64,
    half_dm: f64,
}

impl EqualArea {
    fn new(lon0: f64, lat0: f64) -> Self {
        let phi = lat0.to_radians();
        let (s, c) = phi.sin_cos();
        let w2 = 1.0 - E2 * s * s;
        let w = w2.sqrt();
        let n = A / w;
        let m = A * (1.0 - E2) / (w2 * w);
        let dm = 3.0 * A * (1.0 - E2) * E2 * s * c / (w2 * w2 * w);
        EqualArea {
            lon0,
            lat0,
            k0: n * c,
            m_sin: m * s,
            m0: m,
            half_dm: dm / 2.0,
        }
    }

    fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let dl = (lon - self.lon0).to_radians();
        let dp = (lat - self.lat0).to_radians();
        (
            dl * (self.k0 - self.m_sin * dp),
            dp * (self.m0 + self.half_dm * dp),
        )
    }
}

/// Shoelace area of a ring in `plane`, m² (orientation ignored).
fn ring_area(ring: &LineString<f64>, plane: &EqualArea) -> f64 {
    let mut twice = 0.0;
    let mut prev: Option<(f64, f64)> = None;
    for c in &ring.0 {
        let cur = plane.project(c.x, c.y);
        if let Some(p) = prev {
            twice += p.0 * cur.1 - cur.0 * p.1;
        }
        prev = Some(cur);
    }
    twice.abs() / 2.0
}

fn polygon_area(p: &Polygon<f64>) -> f64 {
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for c in &p.exterior().0 {
        lo = [lo[0].min(c.x), lo[1].min(c.y)];
        hi = [hi[0].max(c.x), hi[1].max(c.y)];
    }
    let span = (hi[0] - lo[0]).max(hi[1] - lo[1]);
    if span.is_nan()
        || span >= FAST_AREA_SPAN_DEG
        || lo[1].abs() > FAST_MAX_LAT
        || hi[1].abs() > FAST_MAX_LAT
    {
        return geodesy::polygon_area_m2(p);
    }
    let plane = EqualArea::new((lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0);
    let holes: f64 = p.interiors().iter().map(|r| ring_area(r, &plane)).sum();
    (ring_area(p.exterior(), &plane) - holes).max(0.0)
}

/// Area of a lon/lat multipolygon, m²: per part |exterior| − Σ|holes|,
/// parts summed. Polygons under 0.01° across use the shoelace formula in a
/// local equal-area plane (within 1e-8 relative of the geodesic area for
/// building-sized polygons; see the tests), larger ones Karney's algorithm
/// ([`crate::geodesy::area_m2`]).
pub fn area_m2(mp: &MultiPolygon<f64>) -> f64 {
    mp.0.iter().map(polygon_area).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geographiclib_rs::{DirectGeodesic, Geodesic};

    #[test]
    fn agrees_with_karney_below_the_limit() {
        let g = Geodesic::wgs84();
        for lat in [-75.0, -30.0, 0.0, 30.27, 45.0, 60.17, 79.0] {
            for dist in [0.5, 10.0, 100.0, 1000.0, 4900.0] {
                for k in 0..24 {
                    let az = f64::from(k) * 15.0;
                    let (lat2, lon2): (f64, f64) = g.direct(lat, 120.0, az, dist);
                    let d = distance_m(Point::new(120.0, lat), Point::new(lon2, lat2));
                    let rel = ((d - dist) / dist).abs();
                    assert!(rel < 1e-6, "lat {lat} d {dist} az {az}: rel {rel:e}");
                    if dist <= 1000.0 && lat.abs() < 70.0 {
                        assert!(rel < 1e-8, "lat {lat} d {dist} az {az}: rel {rel:e}");
                    }
                }
            }
        }
    }

    #[test]
    fn small_polygon_areas_agree_with_karney() {
        use geo::polygon;
        for (lat, size) in [
            (30.27, 0.0004),
            (0.0, 0.0001),
            (60.17, 0.002),
            (60.17, 0.009),
            (75.0, 0.0003),
        ] {
            let p = polygon![
                exterior: [(x: 24.0, y: lat), (x: 24.0 + size, y: lat + size * 0.1), (x: 24.0 + size * 0.8, y: lat + size),
                           (x: 24.0 - size * 0.2, y: lat + size * 0.7)],
                interiors: [[(x: 24.0 + size * 0.3, y: lat + size * 0.3), (x: 24.0 + size * 0.5, y: lat + size * 0.3),
                             (x: 24.0 + size * 0.5, y: lat + size * 0.5)]],
            ];
            let mp = MultiPolygon::new(vec![p]);
            let (fast, exact) = (area_m2(&mp), geodesy::area_m2(&mp));
            // Karney's own round-off on tiny polygons is ~1e-5 m².
            let diff = (fast - exact).abs();
            assert!(
                diff < 1e-8 * exact + 1e-4,
                "lat {lat} size {size}: {fast} vs {exact}"
            );
        }
        let big = polygon![(x: 24.0, y: 60.0), (x: 24.2, y: 60.0), (x: 24.2, y: 60.1)];
        let mp = MultiPolygon::new(vec![big]);
        assert_eq!(area_m2(&mp), geodesy::area_m2(&mp));
    }

    #[test]
    fn around_agrees_with_karney_near_its_anchor() {
        let g = Geodesic::wgs84();
        for lat in [-60.0, 0.0, 30.27, 60.17, 69.9, 79.5] {
            let anchor = Point::new(24.9, lat);
            let around = Around::new(anchor);
            for (k, (dist, az)) in [(5.0, 10.0), (120.0, 75.0), (600.0, 200.0), (1900.0, 330.0)]
                .iter()
                .enumerate()
            {
                // A point near the anchor, then a line from it.
                let (lat1, lon1): (f64, f64) = g.direct(lat, 24.9, 40.0 * k as f64, 300.0);
                let (lat2, lon2): (f64, f64) = g.direct(lat1, lon1, *az, *dist);
                let (a, b) = (Point::new(lon1, lat1), Point::new(lon2, lat2));
                // Above 70° the fallback's own bound applies.
                let tol = if lat.abs() < 70.0 { 3e-8 } else { 1e-6 };
                let d = around.between(a, b);
                assert!(((d - dist) / dist).abs() < tol, "lat {lat} d {dist}: {d}");
                let from_anchor = around.distance_m(b);
                let expected = geodesy::distance_m(anchor, b);
                assert!(((from_anchor - expected) / expected).abs() < tol);
            }
            // Far away: falls back.
            let far = Point::new(25.0, lat + 0.5);
            assert_eq!(around.distance_m(far), distance_m(anchor, far));
        }
    }

    #[test]
    fn long_lines_fall_back_to_karney() {
        let a = Point::new(120.0, 30.0);
        let b = Point::new(121.0, 31.0);
        assert_eq!(distance_m(a, b), geodesy::distance_m(a, b));
        assert_eq!(distance_m(a, a), 0.0);
    }
}
