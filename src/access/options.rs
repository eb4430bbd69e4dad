//! Query options (deserialised straight from the JS options objects) and
//! their validation.

use serde::{Deserialize, Serialize};

use super::decay::{Decay, Kernel};
use crate::error::{Error, Result};
use crate::units::{Metres, MetresOrZero, MetresPerSecond, Minutes};
pub use crate::units::{MAX_WALK_SPEED_MPS, MIN_WALK_SPEED_MPS};

/// Default thresholds, metres (GB 50180 life-circle radii).
pub const DEFAULT_THRESHOLDS_M: [f64; 4] = [300.0, 500.0, 800.0, 1000.0];
/// Default walking speed: 5 km/h, in metres per second.
pub const DEFAULT_WALK_SPEED_MPS: f64 = 5.0 / 3.6;
/// Default maximum snapping distance, metres.
pub const DEFAULT_MAX_SNAP_M: f64 = 250.0;
/// Largest accepted `k`.
pub const MAX_K: usize = 32;

/// How origins and facilities meet the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum SnapMode {
    /// Nearest point of the nearest edge, plus the straight connector
    /// (reference variant `network_edge`).
    #[default]
    Edge,
    /// Nearest network node, no connector added (reference variant
    /// `network_node`; Pandana's convention).
    Node,
}

/// Which weight counts as demand in 2SFCA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Demand {
    /// Households of each residential building.
    #[default]
    Households,
    /// Residents of each residential building.
    Population,
}

/// Options of `community.accessibility(...)`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "AccessibilityOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccessOptions {
    /// Facility categories to evaluate; default: every category present.
    /// A category without facilities gives `null` distances and a warning.
    pub categories: Option<Vec<String>>,
    /// Thresholds in metres (keys like `"300"`). Default 300, 500, 800,
    /// 1000 when neither this nor `thresholds_min` is given.
    pub thresholds_m: Option<Vec<Metres>>,
    /// Thresholds in minutes of walking at `walk_speed_mps` (keys like
    /// `"15min"`); may be combined with `thresholds_m`.
    pub thresholds_min: Option<Vec<f64>>,
    /// Walking speed for minute thresholds, m/s; default 5 km/h (1.389).
    pub walk_speed_mps: Option<MetresPerSecond>,
    /// Also report the distances to the `k` nearest distinct facilities
    /// (1 ..= 32); default 1 (nearest only).
    pub k: Option<usize>,
    /// Decay for gravity accessibility Σ_j capacity_j · f(d_ij); none by default.
    pub decay: Option<Decay>,
    /// Points farther than this from the network (metres) are unreachable;
    /// default 250.
    pub max_snap_m: Option<MetresOrZero>,
    /// Count facilities within each threshold (cumulative opportunities).
    /// Default `false`: it needs one bounded search per facility, which on a
    /// large district costs about as much as everything else together.
    pub opportunities: Option<bool>,
    /// Edge (default) or node snapping.
    pub snap: Option<SnapMode>,
}

/// Options of `community.twoStepFca(...)`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "TwoStepFcaOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TwoStepOptions {
    /// The facility category (supply = each facility's `capacity`, 1 when
    /// not given).
    pub category: String,
    /// Catchment d0, metres (required unless `catchment_min` is given).
    pub catchment_m: Option<Metres>,
    /// Catchment in minutes at `walk_speed_mps`.
    pub catchment_min: Option<Minutes>,
    /// Walking speed for `catchment_min`, m/s; default 5 km/h.
    pub walk_speed_mps: Option<MetresPerSecond>,
    /// Weights f(d) inside the catchment; none = plain 2SFCA (f = 1),
    /// `{ "type": "e2sfca" }` = enhanced 2SFCA.
    pub decay: Option<Decay>,
    /// Demand weight; default households.
    pub demand: Option<Demand>,
    /// Maximum snapping distance, metres; default 250.
    pub max_snap_m: Option<MetresOrZero>,
    /// Edge (default) or node snapping.
    pub snap: Option<SnapMode>,
}

/// A threshold with its result key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Threshold {
    /// Key used in result maps: `"300"` for metres, `"15min"` for minutes.
    pub key: String,
    /// The threshold in metres.
    pub metres: f64,
    /// The threshold in minutes, when given in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
}

/// Validated [`AccessOptions`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub categories: Vec<String>,
    pub thresholds: Vec<Threshold>,
    pub k: usize,
    pub kernel: Option<Kernel>,
    pub max_snap_m: f64,
    pub opportunities: bool,
    pub snap: SnapMode,
}

/// Formats a number as a key: integers without a decimal point.
fn number_key(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The walking speed, m/s (default 5 km/h); the range is checked when
/// decoded ([`MetresPerSecond`]).
pub(crate) fn walk_speed(v: Option<MetresPerSecond>) -> f64 {
    v.map_or(DEFAULT_WALK_SPEED_MPS, MetresPerSecond::get)
}

/// The snapping limit, metres (default 250).
pub(crate) fn max_snap(v: Option<MetresOrZero>) -> f64 {
    v.map_or(DEFAULT_MAX_SNAP_M, MetresOrZero::get)
}

impl AccessOptions {
    /// Validates the options; `present` lists the dataset's categories.
    pub(crate) fn resolve(&self, present: &[&str]) -> Result<Resolved> {
        let categories = match &self.categories {
            None => present.iter().map(|s| s.to_string()).collect(),
            Some(list) => {
                let mut out: Vec<String> = Vec::with_capacity(list.len());
                for c in list {
                    if c.trim().is_empty() {
                        return Err(Error::option(
                            "categories",
                            "category names must not be empty",
                        ));
                    }
                    if !out.contains(c) {
                        out.push(c.clone());
                    }
                }
                out
            }
        };
        let speed = walk_speed(self.walk_speed_mps);
        let mut thresholds: Vec<Threshold> = Vec::new();
        let given_m = self.thresholds_m.is_some() || self.thresholds_min.is_some();
        let metres: Vec<f64> = match &self.thresholds_m {
            Some(v) => v.iter().map(|m| m.get()).collect(),
            None if !given_m => DEFAULT_THRESHOLDS_M.to_vec(),
            None => Vec::new(),
        };
        for m in metres {
            thresholds.push(Threshold {
                key: number_key(m),
                metres: m,
                minutes: None,
            });
        }
        for &t in self.thresholds_min.as_deref().unwrap_or(&[]) {
            if !(t.is_finite() && t > 0.0 && t <= 1440.0) {
                return Err(Error::option(
                    "thresholdsMin",
                    format!("must be between 0 and 1440 minutes, got {t}"),
                ));
            }
            thresholds.push(Threshold {
                key: format!("{}min", number_key(t)),
                metres: t * 60.0 * speed,
                minutes: Some(t),
            });
        }
        let mut seen = std::collections::HashSet::new();
        thresholds.retain(|t| seen.insert(t.key.clone()));
        if thresholds.len() > 64 {
            return Err(Error::option("thresholdsM", "at most 64 thresholds"));
        }
        let k = self.k.unwrap_or(1);
        if !(1..=MAX_K).contains(&k) {
            return Err(Error::option(
                "k",
                format!("must be between 1 and {MAX_K}, got {k}"),
            ));
        }
        let kernel = self
            .decay
            .as_ref()
            .map(|d| d.kernel("decay", None))
            .transpose()?;
        Ok(Resolved {
            categories,
            thresholds,
            k,
            kernel,
            max_snap_m: max_snap(self.max_snap_m),
            opportunities: self.opportunities.unwrap_or(false),
            snap: self.snap.unwrap_or_default(),
        })
    }
}

impl TwoStepOptions {
    /// The catchment in metres.
    pub(crate) fn catchment(&self) -> Result<f64> {
        match (self.catchment_m, self.catchment_min) {
            (Some(m), None) => Ok(m.get()),
            // At most 240 min × 20 m/s = 288 km: always a valid distance.
            (None, Some(t)) => Ok(t.get() * 60.0 * walk_speed(self.walk_speed_mps)),
            _ => Err(Error::option(
                "catchmentM",
                "give exactly one of `catchmentM`, `catchmentMin`",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(json: &str) -> AccessOptions {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn defaults() {
        let r = opts("{}").resolve(&["clinic", "park"]).unwrap();
        assert_eq!(r.categories, vec!["clinic", "park"]);
        let keys: Vec<_> = r.thresholds.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, vec!["300", "500", "800", "1000"]);
        assert_eq!(
            (r.k, r.max_snap_m, r.opportunities, r.snap),
            (1, 250.0, false, SnapMode::Edge)
        );
        assert!(r.kernel.is_none());
    }

    #[test]
    fn minutes_and_metres_combine() {
        let r = opts(r#"{"thresholdsM":[300, 312.5],"thresholdsMin":[15],"walkSpeedMps":1}"#)
            .resolve(&[])
            .unwrap();
        let keys: Vec<_> = r
            .thresholds
            .iter()
            .map(|t| (t.key.as_str(), t.metres))
            .collect();
        assert_eq!(
            keys,
            vec![("300", 300.0), ("312.5", 312.5), ("15min", 900.0)]
        );
        let r = opts(r#"{"thresholdsMin":[5]}"#).resolve(&[]).unwrap();
        assert_eq!(r.thresholds.len(), 1);
    }

    #[test]
    fn invalid_values_name_the_option() {
        // Units out of range are refused by the decoder, at their path.
        for (json, path) in [
            (r#"{"thresholdsM":[300, 0]}"#, "thresholdsM[1]"),
            (r#"{"walkSpeedMps":0}"#, "walkSpeedMps"),
            (r#"{"maxSnapM":-5}"#, "maxSnapM"),
        ] {
            let e = crate::decode::from_str::<AccessOptions>(json).unwrap_err();
            assert_eq!(e.path(), path, "{json}");
        }
        for (json, option) in [
            (r#"{"thresholdsMin":[-1]}"#, "thresholdsMin"),
            (r#"{"k":0}"#, "k"),
            (r#"{"k":33}"#, "k"),
            (r#"{"categories":[""]}"#, "categories"),
            (r#"{"decay":{"type":"e2sfca"}}"#, "decay"),
        ] {
            match opts(json).resolve(&[]) {
                Err(Error::InvalidOption { option: o, .. }) => assert_eq!(o, option, "{json}"),
                other => panic!("{json}: {other:?}"),
            }
        }
        assert!(serde_json::from_str::<AccessOptions>(r#"{"threshold":[1]}"#).is_err());
    }

    #[test]
    fn catchment_in_metres_or_minutes() {
        let t: TwoStepOptions =
            serde_json::from_str(r#"{"category":"clinic","catchmentM":1000}"#).unwrap();
        assert_eq!(t.catchment().unwrap(), 1000.0);
        let t: TwoStepOptions =
            serde_json::from_str(r#"{"category":"clinic","catchmentMin":10,"walkSpeedMps":1.5}"#)
                .unwrap();
        assert_eq!(t.catchment().unwrap(), 900.0);
        let t: TwoStepOptions = serde_json::from_str(r#"{"category":"clinic"}"#).unwrap();
        assert!(t.catchment().is_err());
    }
}
