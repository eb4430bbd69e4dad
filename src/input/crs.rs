//! Input coordinate systems: WGS84 and the two Chinese web-map systems.
//!
//! GCJ-02 ("Mars coordinates", used by Amap/Gaode and Tencent) is WGS84 with
//! a deliberate, smoothly varying offset of a few hundred metres inside
//! mainland China; BD-09 (Baidu) applies a further rotation-like shift on top
//! of GCJ-02. The forward formulas are public; the inverse of GCJ-02 has no
//! closed form, so it is solved by fixed-point iteration to below 1e-9°.
//! Outside China's rough bounding box GCJ-02 equals WGS84.

use serde::Deserialize;

/// A coordinate reference system accepted on input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Crs {
    /// WGS84 longitude/latitude (GeoJSON's own, the default).
    #[default]
    Wgs84,
    /// GCJ-02, as used by Amap (Gaode) and Tencent maps.
    Gcj02,
    /// BD-09, as used by Baidu maps.
    Bd09,
}

impl Crs {
    /// Parses `"wgs84" | "gcj02" | "bd09"` (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "wgs84" | "epsg:4326" => Some(Self::Wgs84),
            "gcj02" | "gcj-02" => Some(Self::Gcj02),
            "bd09" | "bd-09" => Some(Self::Bd09),
            _ => None,
        }
    }

    /// Converts one `[lon, lat]` position in this system to WGS84.
    pub fn to_wgs84(self, lon: f64, lat: f64) -> (f64, f64) {
        match self {
            Crs::Wgs84 => (lon, lat),
            Crs::Gcj02 => gcj02_to_wgs84(lon, lat),
            Crs::Bd09 => {
                let (glon, glat) = bd09_to_gcj02(lon, lat);
                gcj02_to_wgs84(glon, glat)
            }
        }
    }
}

/// Krasovsky 1940 semi-major axis used by the GCJ-02 algorithm (m).
const GCJ_A: f64 = 6_378_245.0;
/// Eccentricity squared of that ellipsoid.
const GCJ_EE: f64 = 0.006_693_421_622_965_943;
const PI: f64 = std::f64::consts::PI;
const BD_X_PI: f64 = PI * 3000.0 / 180.0;

fn outside_china(lon: f64, lat: f64) -> bool {
    !(72.004..=137.8347).contains(&lon) || !(0.8293..=55.8271).contains(&lat)
}

fn shift_lat(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn shift_lon(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// WGS84 → GCJ-02 (the forward, closed-form direction).
pub fn wgs84_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    if outside_china(lon, lat) {
        return (lon, lat);
    }
    let rad_lat = lat / 180.0 * PI;
    let s = rad_lat.sin();
    let magic = 1.0 - GCJ_EE * s * s;
    let sqrt_magic = magic.sqrt();
    let dlat = shift_lat(lon - 105.0, lat - 35.0) * 180.0
        / ((GCJ_A * (1.0 - GCJ_EE)) / (magic * sqrt_magic) * PI);
    let dlon =
        shift_lon(lon - 105.0, lat - 35.0) * 180.0 / (GCJ_A / sqrt_magic * rad_lat.cos() * PI);
    (lon + dlon, lat + dlat)
}

/// GCJ-02 → WGS84 by fixed-point iteration of the forward transform
/// (converges to better than 1e-9°, about 0.1 mm, in a few steps).
pub fn gcj02_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    if outside_china(lon, lat) {
        return (lon, lat);
    }
    let (mut wlon, mut wlat) = (lon, lat);
    for _ in 0..30 {
        let (glon, glat) = wgs84_to_gcj02(wlon, wlat);
        let (dlon, dlat) = (lon - glon, lat - glat);
        wlon += dlon;
        wlat += dlat;
        if dlon.abs() < 1e-10 && dlat.abs() < 1e-10 {
            break;
        }
    }
    (wlon, wlat)
}

/// GCJ-02 → BD-09.
pub fn gcj02_to_bd09(lon: f64, lat: f64) -> (f64, f64) {
    let z = (lon * lon + lat * lat).sqrt() + 0.00002 * (lat * BD_X_PI).sin();
    let theta = lat.atan2(lon) + 0.000003 * (lon * BD_X_PI).cos();
    (z * theta.cos() + 0.0065, z * theta.sin() + 0.006)
}

/// BD-09 → GCJ-02.
pub fn bd09_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    let x = lon - 0.0065;
    let y = lat - 0.006;
    let z = (x * x + y * y).sqrt() - 0.00002 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) - 0.000003 * (x * BD_X_PI).cos();
    (z * theta.cos(), z * theta.sin())
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Distance, Geodesic, Point};

    fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
        Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1))
    }

    #[test]
    fn gcj_offset_in_hangzhou_is_a_few_hundred_metres() {
        let wgs = (120.1551, 30.2741);
        let gcj = wgs84_to_gcj02(wgs.0, wgs.1);
        let d = metres(wgs, gcj);
        assert!((300.0..800.0).contains(&d), "offset {d} m");
        // Known direction of the shift in eastern China: east and south-ish.
        assert!(gcj.0 > wgs.0);
    }

    #[test]
    fn gcj_inverse_round_trips_below_a_millimetre() {
        for &(lon, lat) in &[
            (120.1551, 30.2741),
            (116.3912, 39.9073),
            (121.47, 31.23),
            (87.6, 43.8),
        ] {
            let g = wgs84_to_gcj02(lon, lat);
            let back = gcj02_to_wgs84(g.0, g.1);
            assert!(metres((lon, lat), back) < 1e-3);
        }
    }

    #[test]
    fn bd09_round_trips_through_gcj02() {
        let g = (120.16, 30.28);
        let b = gcj02_to_bd09(g.0, g.1);
        assert!(metres(g, b) > 100.0);
        let back = bd09_to_gcj02(b.0, b.1);
        assert!(metres(g, back) < 1.0, "{}", metres(g, back));
        let w = Crs::Bd09.to_wgs84(b.0, b.1);
        assert!(metres(w, gcj02_to_wgs84(g.0, g.1)) < 1.0);
    }

    #[test]
    fn outside_china_is_unchanged() {
        assert_eq!(Crs::Gcj02.to_wgs84(24.94, 60.17), (24.94, 60.17));
        assert_eq!(Crs::parse("GCJ02"), Some(Crs::Gcj02));
        assert_eq!(Crs::parse("utm"), None);
    }
}
