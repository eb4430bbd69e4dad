//! Numeric property values: plausibility bounds and their warnings.
//!
//! A negative count or a floor area of 1e300 m² is a data error, and it
//! would let sums overflow to infinity (which JSON cannot carry). Such
//! values are ignored with a warning, so the estimate used for a missing
//! value takes over.

use super::geojson::Props;
use crate::error::Warning;

/// Plausible maxima of numeric properties. Above them a value is a data
/// error (and would let sums overflow to infinity), so it is ignored with an
/// `IMPLAUSIBLE_VALUE` warning. Each is far above any real building or site.
pub mod max {
    /// Households in one building (the largest housing blocks have ~20 000).
    pub const HOUSEHOLDS: f64 = 100_000.0;
    /// Residents of one building.
    pub const POPULATION: f64 = 1_000_000.0;
    /// Gross floor area of one building or facility, m² (the largest
    /// buildings have under 2 km²).
    pub const FLOOR_AREA_M2: f64 = 10_000_000.0;
    /// Capacity of one facility (places, beds ...).
    pub const CAPACITY: f64 = 1_000_000.0;
    /// Explicit area of one green feature, m² (1 000 km²).
    pub const AREA_M2: f64 = 1e9;
    /// Building height, m (the tallest building is 828 m).
    pub const HEIGHT_M: f64 = 1000.0;
    /// Soil depth of a roof or over-basement green, m (deep podium gardens
    /// have about 3 m; more is a unit mistake).
    pub const SOIL_DEPTH_M: f64 = 10.0;
    /// Storeys of a building.
    pub const FLOORS: f64 = 300.0;
    /// Transit running speed, km/h.
    pub const SPEED_KMH: f64 = 1000.0;
    /// Transit headway, minutes (one day).
    pub const HEADWAY_MIN: f64 = 1440.0;
}

/// A number for a message: plain, or in exponent form when huge.
pub fn show(v: f64) -> String {
    if v.abs() < 1e9 {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

/// A finite number property in `0..=max`; values outside are reported
/// (`NEGATIVE_VALUE`, `IMPLAUSIBLE_VALUE`) and ignored.
pub fn bounded(
    props: &Props<'_>,
    key: &str,
    max: f64,
    index: usize,
    warnings: &mut Vec<Warning>,
) -> Option<f64> {
    let v = props.number(key)?;
    if v < 0.0 {
        warnings.push(Warning::feature(
            "NEGATIVE_VALUE",
            index,
            format!("`{key}` = {} is negative; ignored", show(v)),
        ));
        return None;
    }
    if v > max {
        warnings.push(Warning::feature(
            "IMPLAUSIBLE_VALUE",
            index,
            format!(
                "`{key}` = {} is above the plausible maximum {}; ignored",
                show(v),
                show(max)
            ),
        ));
        return None;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_values_are_ignored_with_a_warning() {
        let p: Props =
            serde_json::from_str(r#"{"a":-1,"b":1e300,"c":"12","d":"NaN","e":100000,"f":100001}"#)
                .unwrap();
        let mut w = Vec::new();
        assert_eq!(bounded(&p, "a", max::HOUSEHOLDS, 4, &mut w), None);
        assert_eq!(bounded(&p, "b", max::HOUSEHOLDS, 4, &mut w), None);
        assert_eq!(bounded(&p, "c", max::HOUSEHOLDS, 4, &mut w), Some(12.0));
        assert_eq!(bounded(&p, "d", max::HOUSEHOLDS, 4, &mut w), None);
        assert_eq!(bounded(&p, "e", max::HOUSEHOLDS, 4, &mut w), Some(1e5));
        assert_eq!(bounded(&p, "f", max::HOUSEHOLDS, 4, &mut w), None);
        let codes: Vec<_> = w.iter().map(|w| w.code).collect();
        assert_eq!(
            codes,
            ["NEGATIVE_VALUE", "IMPLAUSIBLE_VALUE", "IMPLAUSIBLE_VALUE"]
        );
        assert!(w[1].message.contains("1e300"), "{}", w[1].message);
        assert_eq!(w[0].feature_index, Some(4));
    }
}
