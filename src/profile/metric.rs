//! Metric keys: the dotted names of computed quantities that indicators read.
//!
//! A profile names every input it needs as a dotted key, for example
//! `siteMetrics.far` or `coverage.kindergarten.300.households`. This module
//! knows the grammar of those keys, parses them into [`MetricKey`] and builds
//! them back, so the code that computes metrics and the profiles agree on one
//! spelling.
//!
//! | namespace | pattern | value |
//! |---|---|---|
//! | `siteMetrics` | `siteMetrics.<name>` (see [`SITE_METRICS`]) | site quantity in the unit its name states |
//! | `coverage` | `coverage.<category>.<thresholdM>.<weighting>` | share 0..1 of the weighting within `thresholdM` network metres |
//! | `nearest` | `nearest.<category>.medianM` | median network distance of households to the nearest facility (m) |
//! | `travelCircles` | `travelCircles.<bus5min\|metro10min\|destinations30min>` | share 0..1 of households meeting the circle |
//! | `attributes` | `attributes.<name>` | a value declared by the caller (booleans as 0/1) |

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Computed metric values by dotted key, e.g. `"siteMetrics.far" -> 2.4`.
///
/// A `BTreeMap` so that iteration (and anything derived from it) is ordered
/// and deterministic.
pub type Metrics = BTreeMap<String, f64>;

/// Names accepted after `siteMetrics.`.
pub const SITE_METRICS: &[&str] = &[
    "siteAreaM2",
    "footprintM2",
    "floorAreaM2",
    "far",
    "policyFar",
    "farExemptM2",
    "buildingDensity",
    "greenRatio",
    "policyGreenRatio",
    "households",
    "population",
    "serviceFloorAreaPer100HouseholdsM2",
    "publicGreenPerCapitaM2",
    "maxBuildingHeightM",
];

/// Facility categories accepted in `coverage.*` and `nearest.*` keys.
pub const CATEGORIES: &[&str] = &[
    "kindergarten",
    "primary_school",
    "middle_school",
    "clinic",
    "hospital",
    "pharmacy",
    "elderly_care",
    "supermarket",
    "convenience",
    "market",
    "bus_stop",
    "metro_station",
    "park",
    "sports",
    "community_center",
    "library",
    "restaurant",
    "bank",
    "post",
    "childcare",
    "elderly_care_centre",
    "elderly_canteen",
    "smart_health_station",
    "party_service_centre",
    "women_children_station",
];

/// Largest coverage threshold accepted in a key (metres).
pub const MAX_THRESHOLD_M: u32 = 100_000;

/// What a coverage share is weighted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Weighting {
    /// Share of households (research practice, GB 50180 reading).
    Households,
    /// Share of residents.
    Population,
    /// Share of residential buildings.
    Buildings,
    /// Share of residential land area (城市体检 definitions).
    LandArea,
}

impl Weighting {
    /// All weightings, in key order.
    pub const ALL: [Weighting; 4] = [
        Weighting::Households,
        Weighting::Population,
        Weighting::Buildings,
        Weighting::LandArea,
    ];

    /// The key segment, e.g. `"landArea"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Weighting::Households => "households",
            Weighting::Population => "population",
            Weighting::Buildings => "buildings",
            Weighting::LandArea => "landArea",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.as_str() == s)
    }
}

/// The travel circles of the Hangzhou seed (5/10/30-minute 出行圈).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum TravelCircle {
    /// A bus stop within 5 minutes' walk.
    Bus5min,
    /// A metro station (or external hub) within 10 minutes.
    Metro10min,
    /// City destinations within 30 minutes by walking plus transit.
    Destinations30min,
}

impl TravelCircle {
    /// All circles, in key order.
    pub const ALL: [TravelCircle; 3] = [
        TravelCircle::Bus5min,
        TravelCircle::Metro10min,
        TravelCircle::Destinations30min,
    ];

    /// The key segment, e.g. `"bus5min"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TravelCircle::Bus5min => "bus5min",
            TravelCircle::Metro10min => "metro10min",
            TravelCircle::Destinations30min => "destinations30min",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A parsed metric key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricKey {
    /// `siteMetrics.<name>`; the name is one of [`SITE_METRICS`].
    Site(String),
    /// `coverage.<category>.<thresholdM>.<weighting>`.
    Coverage {
        /// Facility category, one of [`CATEGORIES`].
        category: String,
        /// Network distance threshold in whole metres.
        threshold_m: u32,
        /// What the share is weighted by.
        weighting: Weighting,
    },
    /// `nearest.<category>.medianM`.
    NearestMedian {
        /// Facility category, one of [`CATEGORIES`].
        category: String,
    },
    /// `travelCircles.<circle>`.
    TravelCircle(TravelCircle),
    /// `attributes.<name>`: a value declared by the caller.
    Attribute(String),
}

impl MetricKey {
    /// Parses a dotted key; the error says which part is wrong and what is
    /// accepted there.
    pub fn parse(key: &str) -> Result<Self, String> {
        let parts: Vec<&str> = key.split('.').collect();
        match parts.as_slice() {
            ["siteMetrics", name] => {
                if SITE_METRICS.contains(name) {
                    Ok(MetricKey::Site((*name).to_string()))
                } else {
                    Err(format!(
                        "unknown site metric `{name}`; expected one of: {}",
                        SITE_METRICS.join(", ")
                    ))
                }
            }
            ["siteMetrics", ..] => Err("expected `siteMetrics.<name>`".into()),
            ["coverage", category, threshold, weighting] => {
                let category = parse_category(category)?;
                let threshold_m = parse_threshold(threshold)?;
                let weighting = Weighting::parse(weighting).ok_or_else(|| {
                    format!(
                        "unknown coverage weighting `{weighting}`; expected one of: {}",
                        Weighting::ALL.map(Weighting::as_str).join(", ")
                    )
                })?;
                Ok(MetricKey::Coverage {
                    category,
                    threshold_m,
                    weighting,
                })
            }
            ["coverage", ..] => {
                Err("expected `coverage.<category>.<thresholdM>.<weighting>`".into())
            }
            ["nearest", category, "medianM"] => Ok(MetricKey::NearestMedian {
                category: parse_category(category)?,
            }),
            ["nearest", ..] => Err("expected `nearest.<category>.medianM`".into()),
            ["travelCircles", circle] => TravelCircle::parse(circle)
                .map(MetricKey::TravelCircle)
                .ok_or_else(|| {
                    format!(
                        "unknown travel circle `{circle}`; expected one of: {}",
                        TravelCircle::ALL.map(TravelCircle::as_str).join(", ")
                    )
                }),
            ["travelCircles", ..] => Err("expected `travelCircles.<circle>`".into()),
            ["attributes", name] => {
                if is_identifier(name) {
                    Ok(MetricKey::Attribute((*name).to_string()))
                } else {
                    Err(format!(
                        "attribute name `{name}` must start with a letter and contain only letters, digits and `_`"
                    ))
                }
            }
            ["attributes", ..] => Err("expected `attributes.<name>`".into()),
            [namespace, ..] => Err(format!(
                "unknown metric namespace `{namespace}`; expected one of: siteMetrics, coverage, nearest, travelCircles, attributes"
            )),
            [] => Err("empty metric key".into()),
        }
    }

    /// The dotted key, e.g. `coverage.park.500.landArea`.
    pub fn key(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for MetricKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetricKey::Site(name) => write!(f, "siteMetrics.{name}"),
            MetricKey::Coverage {
                category,
                threshold_m,
                weighting,
            } => write!(
                f,
                "coverage.{category}.{threshold_m}.{}",
                weighting.as_str()
            ),
            MetricKey::NearestMedian { category } => write!(f, "nearest.{category}.medianM"),
            MetricKey::TravelCircle(c) => write!(f, "travelCircles.{}", c.as_str()),
            MetricKey::Attribute(name) => write!(f, "attributes.{name}"),
        }
    }
}

/// Builds a coverage key, e.g. `coverage_key("park", 500, Weighting::LandArea)`
/// is `"coverage.park.500.landArea"`. Metric producers should use this so the
/// spelling always matches what profiles ask for.
pub fn coverage_key(category: &str, threshold_m: u32, weighting: Weighting) -> String {
    format!("coverage.{category}.{threshold_m}.{}", weighting.as_str())
}

/// Builds a `nearest.<category>.medianM` key.
pub fn nearest_median_key(category: &str) -> String {
    format!("nearest.{category}.medianM")
}

/// Builds a `siteMetrics.<name>` key.
pub fn site_key(name: &str) -> String {
    format!("siteMetrics.{name}")
}

/// Builds a `travelCircles.<circle>` key.
pub fn travel_circle_key(circle: TravelCircle) -> String {
    format!("travelCircles.{}", circle.as_str())
}

/// Builds an `attributes.<name>` key.
pub fn attribute_key(name: &str) -> String {
    format!("attributes.{name}")
}

/// Adds every number (and boolean, as 1/0) found in `value` to `out`, keyed
/// by its dotted path under `prefix`. Nulls, strings and non-finite numbers
/// are skipped, so a missing quantity stays missing (and the indicator that
/// reads it is "not assessed"). Array items use their index as the segment.
///
/// ```
/// use future_community::profile::{metric::insert_json, Metrics};
/// let mut m = Metrics::new();
/// let site = serde_json::json!({"far": 2.4, "greenRatio": null, "households": 120});
/// insert_json("siteMetrics", &site, &mut m);
/// assert_eq!(m.get("siteMetrics.far"), Some(&2.4));
/// assert!(!m.contains_key("siteMetrics.greenRatio"));
/// ```
pub fn insert_json(prefix: &str, value: &serde_json::Value, out: &mut Metrics) {
    use serde_json::Value;
    match value {
        Value::Number(n) => {
            if let Some(x) = n.as_f64().filter(|x| x.is_finite()) {
                out.insert(prefix.to_string(), x);
            }
        }
        Value::Bool(b) => {
            out.insert(prefix.to_string(), f64::from(u8::from(*b)));
        }
        Value::Object(map) => {
            for (k, v) in map {
                insert_json(&join(prefix, k), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                insert_json(&join(prefix, &i.to_string()), v, out);
            }
        }
        Value::Null | Value::String(_) => {}
    }
}

fn join(prefix: &str, segment: &str) -> String {
    if prefix.is_empty() {
        segment.to_string()
    } else {
        format!("{prefix}.{segment}")
    }
}

/// Whether `s` is a known facility category.
pub fn is_category(s: &str) -> bool {
    CATEGORIES.contains(&s)
}

/// Letters, digits and `_`, starting with an ASCII letter.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn parse_category(s: &str) -> Result<String, String> {
    if is_category(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "unknown facility category `{s}`; expected one of: {}",
            CATEGORIES.join(", ")
        ))
    }
}

fn parse_threshold(s: &str) -> Result<u32, String> {
    let canonical = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0');
    match s.parse::<u32>() {
        Ok(v) if canonical && v <= MAX_THRESHOLD_M => Ok(v),
        _ => Err(format!(
            "coverage threshold `{s}` must be whole metres written without sign, decimals or leading zeros, 1..={MAX_THRESHOLD_M}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for key in [
            "siteMetrics.far",
            "siteMetrics.serviceFloorAreaPer100HouseholdsM2",
            "coverage.kindergarten.300.households",
            "coverage.park.500.landArea",
            "coverage.metro_station.800.population",
            "coverage.bus_stop.1000.buildings",
            "nearest.clinic.medianM",
            "travelCircles.bus5min",
            "travelCircles.destinations30min",
            "attributes.digitalPlatform",
            "attributes.waste_sorting_rate2",
        ] {
            let parsed = MetricKey::parse(key).unwrap_or_else(|e| panic!("{key}: {e}"));
            assert_eq!(parsed.key(), key);
        }
        assert_eq!(
            coverage_key("park", 500, Weighting::LandArea),
            "coverage.park.500.landArea"
        );
        assert_eq!(nearest_median_key("clinic"), "nearest.clinic.medianM");
        assert_eq!(site_key("far"), "siteMetrics.far");
        assert_eq!(
            travel_circle_key(TravelCircle::Metro10min),
            "travelCircles.metro10min"
        );
        assert_eq!(attribute_key("x"), "attributes.x");
    }

    #[test]
    fn json_values_flatten_into_dotted_keys() {
        let mut m = Metrics::new();
        let v = serde_json::json!({
            "a": 1, "b": {"c": 2.5, "d": null, "e": "text", "f": true},
            "g": [0.5, {"h": false}]
        });
        insert_json("x", &v, &mut m);
        let got: Vec<(&str, f64)> = m.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            got,
            [
                ("x.a", 1.0),
                ("x.b.c", 2.5),
                ("x.b.f", 1.0),
                ("x.g.0", 0.5),
                ("x.g.1.h", 0.0)
            ]
        );
        let mut m = Metrics::new();
        insert_json(
            "",
            &serde_json::json!({"coverage": {"park": {"500": {"landArea": 0.9}}}}),
            &mut m,
        );
        assert_eq!(m.get("coverage.park.500.landArea"), Some(&0.9));
    }

    #[test]
    fn bad_keys_say_what_is_wrong() {
        let cases = [
            ("siteMetrics.fars", "unknown site metric `fars`"),
            ("siteMetrics", "expected `siteMetrics.<name>`"),
            ("siteMetrics.far.x", "expected `siteMetrics.<name>`"),
            (
                "coverage.school.300.households",
                "unknown facility category `school`",
            ),
            (
                "coverage.park.300.area",
                "unknown coverage weighting `area`",
            ),
            ("coverage.park.300.0.households", "expected `coverage."),
            ("coverage.park.300", "expected `coverage."),
            ("coverage.park.0300.households", "coverage threshold `0300`"),
            ("coverage.park.300.5.households", "expected `coverage."),
            ("coverage.park.-300.households", "coverage threshold `-300`"),
            ("coverage.park.0.households", "coverage threshold `0`"),
            (
                "coverage.park.100001.households",
                "coverage threshold `100001`",
            ),
            (
                "nearest.park.meanM",
                "expected `nearest.<category>.medianM`",
            ),
            ("nearest.pool.medianM", "unknown facility category `pool`"),
            ("travelCircles.bus10min", "unknown travel circle `bus10min`"),
            ("attributes.1abc", "attribute name `1abc`"),
            ("attributes.a-b", "attribute name `a-b`"),
            ("attributes", "expected `attributes.<name>`"),
            ("metrics.far", "unknown metric namespace `metrics`"),
            ("", "unknown metric namespace ``"),
        ];
        for (key, want) in cases {
            match MetricKey::parse(key) {
                Ok(k) => panic!("{key} parsed as {k:?}"),
                Err(e) => assert!(e.contains(want), "{key}: {e} (wanted {want})"),
            }
        }
    }
}
