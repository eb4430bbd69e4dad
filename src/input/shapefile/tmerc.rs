//! The inverse transverse Mercator (Gauss–Krüger) projection on an
//! ellipsoid, by the Krüger series in the third flattening `n` to order
//! n³: C. F. F. Karney, "Transverse Mercator with an accuracy of a few
//! nanometers", J. Geodesy 85 (2011) 475–485, eqs. (7), (11), (15), (35)
//! truncated at n³ (the form of the inverse given in many references, e.g.
//! the Wikipedia article "Universal Transverse Mercator coordinate system",
//! section "From UTM coordinates"). Truncated there it is accurate to about
//! a millimetre within 3,000 km of the central meridian, far beyond a
//! 3-degree zone; `tests/shapefile.rs` compares it with PROJ (pyproj).
//!
//! Why not a crate: `proj4rs`, the maintained pure-Rust choice, exports its
//! own `#[wasm_bindgen]` classes on wasm32 (they would become part of this
//! package's JavaScript API) and added about 147 KB gzip to the module.

/// One zone's inverse projection.
#[derive(Debug, Clone)]
pub struct InverseTmerc {
    lon0_rad: f64,
    false_easting_m: f64,
    false_northing_m: f64,
    /// k0 × A (rectifying radius times the scale factor), metres.
    k0_a: f64,
    beta: [f64; 3],
    delta: [f64; 3],
}

impl InverseTmerc {
    /// A zone: ellipsoid (`a`, `1/f`), central meridian, scale factor at
    /// the central meridian, false easting and northing (origin latitude 0).
    pub fn new(
        semi_major_axis_m: f64,
        inverse_flattening: f64,
        central_meridian_deg: f64,
        scale_factor: f64,
        false_easting_m: f64,
        false_northing_m: f64,
    ) -> Self {
        let f = 1.0 / inverse_flattening;
        let n = f / (2.0 - f);
        let (n2, n3) = (n * n, n * n * n);
        let a_rect = semi_major_axis_m / (1.0 + n) * (1.0 + n2 / 4.0 + n2 * n2 / 64.0);
        InverseTmerc {
            lon0_rad: central_meridian_deg.to_radians(),
            false_easting_m,
            false_northing_m,
            k0_a: scale_factor * a_rect,
            beta: [
                n / 2.0 - 2.0 * n2 / 3.0 + 37.0 * n3 / 96.0,
                n2 / 48.0 + n3 / 15.0,
                17.0 * n3 / 480.0,
            ],
            delta: [
                2.0 * n - 2.0 * n2 / 3.0 - 2.0 * n3,
                7.0 * n2 / 3.0 - 8.0 * n3 / 5.0,
                56.0 * n3 / 15.0,
            ],
        }
    }

    /// Easting/northing (metres) to longitude/latitude (degrees).
    pub fn lon_lat(&self, easting_m: f64, northing_m: f64) -> [f64; 2] {
        let xi = (northing_m - self.false_northing_m) / self.k0_a;
        let eta = (easting_m - self.false_easting_m) / self.k0_a;
        let (mut xi1, mut eta1) = (xi, eta);
        for (j, b) in self.beta.iter().enumerate() {
            let k = 2.0 * (j as f64 + 1.0);
            xi1 -= b * (k * xi).sin() * (k * eta).cosh();
            eta1 -= b * (k * xi).cos() * (k * eta).sinh();
        }
        let chi = (xi1.sin() / eta1.cosh()).asin();
        let mut lat = chi;
        for (j, d) in self.delta.iter().enumerate() {
            lat += d * (2.0 * (j as f64 + 1.0) * chi).sin();
        }
        let lon = self.lon0_rad + eta1.sinh().atan2(xi1.cos());
        [lon.to_degrees(), lat.to_degrees()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_and_the_central_meridian_map_back() {
        let t = InverseTmerc::new(6_378_137.0, 298.257_222_101, 120.0, 1.0, 500_000.0, 0.0);
        let [lon, lat] = t.lon_lat(500_000.0, 0.0);
        assert!(
            (lon - 120.0).abs() < 1e-12 && lat.abs() < 1e-12,
            "{lon} {lat}"
        );
        // A quarter meridian (10,001,965.7 m on GRS80) reaches the pole.
        let [_, lat] = t.lon_lat(500_000.0, 10_001_965.729);
        assert!((lat - 90.0).abs() < 1e-6, "{lat}");
        // Symmetric about the central meridian.
        let [l1, p1] = t.lon_lat(560_000.0, 3_400_000.0);
        let [l2, p2] = t.lon_lat(440_000.0, 3_400_000.0);
        assert!((l1 - 120.0 + (l2 - 120.0)).abs() < 1e-12 && (p1 - p2).abs() < 1e-12);
    }
}
