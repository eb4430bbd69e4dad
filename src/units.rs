//! Quantities with their unit in the type, validated when decoded.
//!
//! An option such as `walkSpeedMps` or `maxSnapM` is one of these types,
//! so a value out of range is refused by the decoder, which names it by its
//! path (`walkSpeedMps`, `bus.minutes`, `thresholdsM[2]`): no option name
//! is typed twice, and every query that takes a walking speed accepts the
//! same range. Each type is a plain `f64` in JSON.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Largest distance accepted anywhere, metres (1 000 km).
pub const MAX_DISTANCE_M: f64 = 1e6;
/// Slowest accepted walking speed, m/s (a slower one turns every limit
/// into an unbounded search).
pub const MIN_WALK_SPEED_MPS: f64 = 0.1;
/// Fastest accepted walking speed, m/s.
pub const MAX_WALK_SPEED_MPS: f64 = 20.0;
/// Longest accepted time limit, minutes.
pub const MAX_MINUTES: f64 = 240.0;

macro_rules! unit {
    ($(#[$doc:meta])* $name:ident, $check:expr, $what:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
        #[cfg_attr(test, derive(schemars::JsonSchema))]
        #[serde(try_from = "f64", into = "f64")]
        pub struct $name(f64);

        impl $name {
            /// The value, if it is in range.
            pub fn new(v: f64) -> Option<Self> {
                let ok: fn(f64) -> bool = $check;
                ok(v).then_some(Self(v))
            }

            /// The number.
            pub fn get(self) -> f64 {
                self.0
            }

            /// The value, or `INVALID_OPTION` naming `option` (for values
            /// that reach an option from elsewhere, such as a profile).
            pub fn checked(v: f64, option: &str) -> crate::error::Result<Self> {
                Self::try_from(v).map_err(|reason| crate::error::Error::option(option, reason))
            }
        }

        impl TryFrom<f64> for $name {
            type Error = String;
            fn try_from(v: f64) -> Result<Self, String> {
                Self::new(v).ok_or_else(|| format!("must be {}, got {v}", $what))
            }
        }

        impl From<$name> for f64 {
            fn from(v: $name) -> f64 {
                v.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

unit!(
    /// A distance limit in metres: finite, > 0 and at most [`MAX_DISTANCE_M`].
    Metres,
    |v| v.is_finite() && v > 0.0 && v <= MAX_DISTANCE_M,
    "a positive number of metres (at most 1e6)"
);

unit!(
    /// A distance in metres that may be 0 and has no upper bound: finite
    /// and ≥ 0 (a snapping limit, where a huge value means "any distance").
    MetresOrZero,
    |v| v.is_finite() && v >= 0.0,
    "a finite number of metres >= 0"
);

unit!(
    /// A walking speed: [`MIN_WALK_SPEED_MPS`] ..= [`MAX_WALK_SPEED_MPS`] m/s.
    MetresPerSecond,
    |v| (MIN_WALK_SPEED_MPS..=MAX_WALK_SPEED_MPS).contains(&v),
    "between 0.1 and 20 m/s"
);

unit!(
    /// A time limit: finite, > 0 and at most [`MAX_MINUTES`].
    Minutes,
    |v| v.is_finite() && v > 0.0 && v <= MAX_MINUTES,
    "between 0 and 240 minutes"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_checked_when_decoded_with_the_path() {
        #[derive(Deserialize, Debug)]
        #[cfg_attr(test, derive(schemars::JsonSchema))]
        #[serde(rename_all = "camelCase")]
        struct O {
            walk_speed_mps: Option<MetresPerSecond>,
            limits: Vec<Minutes>,
        }
        let ok: O = crate::decode::from_str(r#"{"walkSpeedMps": 1.2, "limits": [5, 240]}"#)
            .expect("in range");
        assert_eq!(ok.walk_speed_mps.map(MetresPerSecond::get), Some(1.2));
        assert_eq!(ok.limits[1].get(), 240.0);
        let e = crate::decode::from_str::<O>(r#"{"walkSpeedMps": 50, "limits": []}"#).unwrap_err();
        assert_eq!(e.path(), "walkSpeedMps");
        assert!(
            e.message().contains("between 0.1 and 20 m/s"),
            "{}",
            e.message()
        );
        let e = crate::decode::from_str::<O>(r#"{"limits": [5, 0]}"#).unwrap_err();
        assert_eq!(e.path(), "limits[1]");
        assert!(Metres::new(0.0).is_none() && MetresOrZero::new(0.0).is_some());
        assert!(Metres::new(f64::INFINITY).is_none() && Minutes::new(240.5).is_none());
    }
}
