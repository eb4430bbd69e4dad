//! Options of the isochrone queries (deserialised straight from the JS
//! options objects, camelCase, unknown keys rejected) and their validation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::transit::{
    ModeParams, TransitParams, DEFAULT_MODES, DEFAULT_OTHER_MODE, DEFAULT_STOP_DISTANCE_M,
    DEFAULT_STRAIGHT_WALK_M, DEFAULT_TRANSFER_WALK_M,
};
pub(crate) use crate::access::options::{max_snap, walk_speed};
use crate::community::SiteRef;
use crate::error::{Error, Result};
pub use crate::units::Minutes;
use crate::units::{MetresOrZero, MetresPerSecond};

/// Default limits of [`IsochroneOptions::minutes`]: 5, 10 and 15 minutes.
pub const DEFAULT_MINUTES: [f64; 3] = [5.0, 10.0, 15.0];
/// Default walking buffer around the reachable network, metres.
pub const DEFAULT_BUFFER_M: f64 = 50.0;
/// Default largest distance between a polygon's arcs and the true round
/// buffer, metres (decides how many vertices an arc gets).
pub const DEFAULT_ARC_TOLERANCE_M: f64 = 1.0;
/// Default cell size of the travel-time grid, metres.
pub const DEFAULT_CELL_M: f64 = 50.0;
/// Largest number of cells of a travel-time grid (a `Float64Array` of
/// 8 MB; computed in a few seconds).
pub const MAX_GRID_CELLS: usize = 1_000_000;
/// Largest grid returned with `cells: true`: every cell becomes a GeoJSON
/// feature object in JS, about 1 KB of heap each.
pub const MAX_GRID_CELL_FEATURES: usize = 100_000;
/// Most limits accepted in one isochrone or service-area query.
pub const MAX_LIMITS: usize = 16;
pub use crate::units::MAX_MINUTES;

/// One limit or several, in minutes: `10` or `[5, 10, 15]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(
    untagged,
    expecting = "expected minutes: a number or an array of numbers, e.g. 10 or [5, 10, 15]"
)]
pub enum MinuteLimits {
    /// A single limit.
    One(f64),
    /// Several limits (any order; duplicates are merged).
    Many(Vec<f64>),
}

/// Where an isochrone starts.
#[derive(Debug, Clone, PartialEq)]
pub enum IsochroneOrigin {
    /// `[lon, lat]` in WGS84 degrees.
    Point([f64; 2]),
    /// A facility, by its id (`{ "facilityId": "..." }`).
    Facility(FacilityRef),
}

/// By hand rather than `untagged`: serde's untagged enums would also read
/// `["clinic-1"]` as `{ facilityId: "clinic-1" }` (positional fields).
impl<'de> Deserialize<'de> for IsochroneOrigin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct OriginVisitor;
        impl<'de> serde::de::Visitor<'de> for OriginVisitor {
            type Value = IsochroneOrigin;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an origin: a [lon, lat] pair of numbers or { facilityId: \"...\" }")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let pair =
                    <[f64; 2]>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(IsochroneOrigin::Point(pair))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let f =
                    FacilityRef::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(IsochroneOrigin::Facility(f))
            }
        }
        d.deserialize_any(OriginVisitor)
    }
}

/// A facility chosen by id.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FacilityRef {
    /// The facility's feature id (`id` member or `properties.id`).
    pub facility_id: String,
}

/// Options of `community.isochrones(...)`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct IsochroneOptions {
    /// Start: `[lon, lat]` or `{ facilityId }` (required).
    pub origin: Option<IsochroneOrigin>,
    /// Walking-time limits in minutes; default 5, 10, 15.
    pub minutes: Option<MinuteLimits>,
    /// Walking speed, m/s; default 5 km/h (1.389 m/s).
    pub walk_speed_mps: Option<MetresPerSecond>,
    /// Buffer around the reachable network, metres; default 50.
    pub buffer_m: Option<f64>,
    /// The origin is off the network (no polygon, a warning) when farther
    /// than this from it, metres; default 250 (as accessibility).
    pub max_snap_m: Option<MetresOrZero>,
    /// Largest gap between a polygon arc and the true buffer circle, metres;
    /// default 1 (raised to `bufferM` × 1.3e-4 if smaller). Polygons contain
    /// every point within `bufferM − 1.5 × arcToleranceM` of the reachable
    /// network and nothing farther than `bufferM + arcToleranceM / 2`.
    /// Smaller = more vertices.
    pub arc_tolerance_m: Option<f64>,
}

/// Options of `community.serviceAreas(...)`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ServiceAreaOptions {
    /// Facility category (required).
    pub category: String,
    /// Walking-time limits in minutes; default 5, 10, 15.
    pub minutes: Option<MinuteLimits>,
    /// Walking speed, m/s; default 5 km/h.
    pub walk_speed_mps: Option<MetresPerSecond>,
    /// Buffer around the reachable network, metres; default 50.
    pub buffer_m: Option<f64>,
    /// Facilities farther than this from the network are left out, metres;
    /// default 250.
    pub max_snap_m: Option<MetresOrZero>,
    /// Largest gap between a polygon arc and the true buffer circle, metres;
    /// default 1 (raised to `bufferM` × 1.3e-4 if smaller). Polygons contain
    /// every point within `bufferM − 1.5 × arcToleranceM` of the reachable
    /// network and nothing farther than `bufferM + arcToleranceM / 2`.
    /// Smaller = more vertices.
    pub arc_tolerance_m: Option<f64>,
}

/// Options of `community.travelTimeGrid(...)`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct GridOptions {
    /// Facility category (required).
    pub category: String,
    /// Cell size, metres; default 50.
    pub cell_m: Option<f64>,
    /// Walking speed, m/s; default 5 km/h.
    pub walk_speed_mps: Option<MetresPerSecond>,
    /// Cell centres and facilities farther than this from the network are
    /// unreachable, metres; default 250.
    pub max_snap_m: Option<MetresOrZero>,
    /// Which site's bounding box to cover (default: the first site).
    pub site: Option<SiteRef>,
    /// `[west, south, east, north]` to cover instead of a site's box.
    pub bbox: Option<[f64; 4]>,
    /// Extra margin around the box, metres; default 0.
    pub padding_m: Option<f64>,
    /// Also return the cells as a GeoJSON FeatureCollection; default false.
    pub cells: Option<bool>,
}

/// Default categories of the 5-minute circle.
pub const DEFAULT_BUS_CATEGORIES: [&str; 1] = ["bus_stop"];
/// Default limit of the bus circle, minutes (seed: 5分钟出行圈).
pub const DEFAULT_BUS_MINUTES: f64 = 5.0;
/// Default categories of the 10-minute circle.
pub const DEFAULT_METRO_CATEGORIES: [&str; 1] = ["metro_station"];
/// Default limit of the metro circle, minutes (seed: 10分钟出行圈).
pub const DEFAULT_METRO_MINUTES: f64 = 10.0;
/// Default limit of the destinations circle, minutes (seed: 30分钟出行圈).
pub const DEFAULT_DESTINATION_MINUTES: f64 = 30.0;

/// Validated common parameters of an area query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AreaParams {
    /// Limits in minutes, ascending, distinct.
    pub minutes: Vec<f64>,
    pub walk_speed_mps: f64,
    pub buffer_m: f64,
    pub max_snap_m: f64,
    pub arc_tolerance_m: f64,
}

impl AreaParams {
    /// Limits in metres of walking.
    pub fn limits_m(&self) -> Vec<f64> {
        self.minutes
            .iter()
            .map(|m| m * 60.0 * self.walk_speed_mps)
            .collect()
    }
}

fn minutes(v: Option<&MinuteLimits>) -> Result<Vec<f64>> {
    let list: Vec<f64> = match v {
        None => DEFAULT_MINUTES.to_vec(),
        Some(MinuteLimits::One(t)) => vec![*t],
        Some(MinuteLimits::Many(l)) => l.clone(),
    };
    if list.is_empty() {
        return Err(Error::option("minutes", "give at least one limit"));
    }
    if list.len() > MAX_LIMITS {
        return Err(Error::option(
            "minutes",
            format!("at most {MAX_LIMITS} limits, got {}", list.len()),
        ));
    }
    // Checked here, not by the decoder: inside an untagged enum serde
    // would replace the range message by "expected minutes: ...".
    let mut out = list
        .into_iter()
        .map(|t| Minutes::checked(t, "minutes").map(Minutes::get))
        .collect::<Result<Vec<f64>>>()?;
    out.sort_by(f64::total_cmp);
    out.dedup();
    Ok(out)
}

fn area_params(
    m: Option<&MinuteLimits>,
    speed: Option<MetresPerSecond>,
    buffer: Option<f64>,
    snap: Option<MetresOrZero>,
    arc: Option<f64>,
) -> Result<AreaParams> {
    let buffer_m = buffer.unwrap_or(DEFAULT_BUFFER_M);
    if !(buffer_m.is_finite() && (1.0..=1000.0).contains(&buffer_m)) {
        return Err(Error::option(
            "bufferM",
            format!("must be between 1 and 1000 metres, got {buffer_m}"),
        ));
    }
    let arc_tolerance_m = arc.unwrap_or(DEFAULT_ARC_TOLERANCE_M);
    if !(arc_tolerance_m.is_finite() && arc_tolerance_m >= 0.01) {
        return Err(Error::option(
            "arcToleranceM",
            format!("must be at least 0.01 metres, got {arc_tolerance_m}"),
        ));
    }
    Ok(AreaParams {
        minutes: minutes(m)?,
        walk_speed_mps: walk_speed(speed),
        buffer_m,
        max_snap_m: max_snap(snap),
        // i_overlay's finest arc step is 0.01π: a chord then lies up to
        // r(1 − cos(0.005π)) ≈ 1.24e-4 r inside the circle.
        arc_tolerance_m: arc_tolerance_m.max(buffer_m * 1.3e-4).min(buffer_m),
    })
}

fn category(c: &str) -> Result<&str> {
    if c.trim().is_empty() {
        Err(Error::option("category", "a facility category is required"))
    } else {
        Ok(c)
    }
}

impl IsochroneOptions {
    /// Validates the options; the origin must be given.
    pub(crate) fn resolve(&self) -> Result<(&IsochroneOrigin, AreaParams)> {
        let origin = self
            .origin
            .as_ref()
            .ok_or_else(|| Error::option("origin", "required: [lon, lat] or { facilityId }"))?;
        if let IsochroneOrigin::Point([lon, lat]) = origin {
            let ok = lon.is_finite()
                && lat.is_finite()
                && (-180.0..=180.0).contains(lon)
                && (-90.0..=90.0).contains(lat);
            if !ok {
                return Err(Error::option(
                    "origin",
                    format!("[{lon}, {lat}] is not a WGS84 [lon, lat] position"),
                ));
            }
        }
        let p = area_params(
            self.minutes.as_ref(),
            self.walk_speed_mps,
            self.buffer_m,
            self.max_snap_m,
            self.arc_tolerance_m,
        )?;
        Ok((origin, p))
    }
}

impl ServiceAreaOptions {
    /// Validates the options; the category must be given.
    pub(crate) fn resolve(&self) -> Result<(&str, AreaParams)> {
        let c = category(&self.category)?;
        let p = area_params(
            self.minutes.as_ref(),
            self.walk_speed_mps,
            self.buffer_m,
            self.max_snap_m,
            self.arc_tolerance_m,
        )?;
        Ok((c, p))
    }
}

/// Validated [`GridOptions`] (the box is resolved by the caller).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridParams<'a> {
    pub category: &'a str,
    pub cell_m: f64,
    pub walk_speed_mps: f64,
    pub max_snap_m: f64,
    pub padding_m: f64,
    pub cells: bool,
}

impl GridOptions {
    /// Validates everything but the box.
    pub(crate) fn resolve(&self) -> Result<GridParams<'_>> {
        let cell_m = self.cell_m.unwrap_or(DEFAULT_CELL_M);
        if !(cell_m.is_finite() && (1.0..=10_000.0).contains(&cell_m)) {
            return Err(Error::option(
                "cellM",
                format!("must be between 1 and 10000 metres, got {cell_m}"),
            ));
        }
        let padding_m = self.padding_m.unwrap_or(0.0);
        if !(padding_m.is_finite() && (0.0..=100_000.0).contains(&padding_m)) {
            return Err(Error::option(
                "paddingM",
                format!("must be between 0 and 100000 metres, got {padding_m}"),
            ));
        }
        if let Some(b) = self.bbox {
            let ok = b.iter().all(|v| v.is_finite())
                && b[0] <= b[2]
                && b[1] <= b[3]
                && b[0] >= -180.0
                && b[2] <= 180.0
                && b[1] >= -90.0
                && b[3] <= 90.0;
            if !ok {
                return Err(Error::option(
                    "bbox",
                    format!("must be [west, south, east, north] in WGS84 degrees, got {b:?}"),
                ));
            }
        }
        Ok(GridParams {
            category: category(&self.category)?,
            cell_m,
            walk_speed_mps: walk_speed(self.walk_speed_mps),
            max_snap_m: max_snap(self.max_snap_m),
            padding_m,
            cells: self.cells.unwrap_or(false),
        })
    }
}

/// One walking circle: facility categories and a limit.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct CircleSpec {
    /// Facility categories that satisfy the circle (nearest of any).
    pub categories: Option<Vec<String>>,
    /// Limit, minutes.
    pub minutes: Option<Minutes>,
}

/// How the destinations of several categories combine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum DestinationRule {
    /// Every destination category must have one destination within the limit.
    #[default]
    EveryCategory,
    /// One destination of any category within the limit suffices.
    Any,
}

/// The 30-minute circle.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DestinationSpec {
    /// Destination categories to use; default all present.
    pub categories: Option<Vec<String>>,
    /// Limit, minutes.
    pub minutes: Option<Minutes>,
    /// `"everyCategory"` (default) or `"any"`.
    pub rule: Option<DestinationRule>,
}

/// Public transport options.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct TransitOptions {
    /// Use the transit lines (default true); false = walking only.
    pub enabled: Option<bool>,
    /// Speed and headway per mode, merged over [`DEFAULT_MODES`].
    pub modes: Option<BTreeMap<String, ModeParams>>,
    /// For modes not in the table; default [`DEFAULT_OTHER_MODE`].
    pub other_mode: Option<ModeParams>,
    /// Stops without a `line` serve lines within this, metres; default 30.
    pub stop_distance_m: Option<f64>,
    /// Straight walks between stops up to this, metres; default 100.
    pub transfer_walk_m: Option<f64>,
    /// Straight walks between an off-network point and a stop, metres;
    /// default 400.
    pub max_straight_walk_m: Option<f64>,
}

/// Options of `community.travelCircles(...)`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct TravelCircleOptions {
    /// Walking speed, m/s; default 5 km/h.
    pub walk_speed_mps: Option<MetresPerSecond>,
    /// Snapping limit, metres; default 250.
    pub max_snap_m: Option<MetresOrZero>,
    /// The 5-minute circle.
    pub bus: Option<CircleSpec>,
    /// The 10-minute circle.
    pub metro: Option<CircleSpec>,
    /// The 30-minute circle.
    pub destinations: Option<DestinationSpec>,
    /// Public transport.
    pub transit: Option<TransitOptions>,
}

pub(crate) fn categories(
    option: &str,
    v: Option<&Vec<String>>,
    default: &[&str],
) -> Result<Vec<String>> {
    let list: Vec<String> = match v {
        Some(l) => l.clone(),
        None => default.iter().map(|s| s.to_string()).collect(),
    };
    if list.is_empty() || list.iter().any(|c| c.trim().is_empty()) {
        return Err(Error::option(
            option,
            "give one or more non-empty category names",
        ));
    }
    Ok(list)
}

/// Longest walk to, from or between stops, m: beyond it a "walk" is a
/// journey of its own, and every stop would link to every other.
pub const MAX_TRANSIT_WALK_M: f64 = 5_000.0;

fn non_negative(option: &str, v: Option<f64>, default: f64) -> Result<f64> {
    let x = v.unwrap_or(default);
    if (0.0..=MAX_TRANSIT_WALK_M).contains(&x) {
        Ok(x)
    } else {
        Err(Error::option(
            option,
            format!("must be within 0..={MAX_TRANSIT_WALK_M} metres, got {x}"),
        ))
    }
}

pub(crate) fn transit_params(t: Option<&TransitOptions>) -> Result<TransitParams> {
    let t = t.cloned().unwrap_or_default();
    let mut modes: BTreeMap<String, ModeParams> = DEFAULT_MODES
        .iter()
        .map(|(k, v)| (k.to_string(), *v))
        .collect();
    let check = |name: &str, m: ModeParams| -> Result<ModeParams> {
        let ok = m.speed_kmh.is_finite()
            && m.speed_kmh > 0.0
            && m.headway_min.is_finite()
            && m.headway_min >= 0.0;
        if ok {
            Ok(m)
        } else {
            Err(Error::option(
                name,
                format!("speedKmh must be > 0 and headwayMin >= 0, got {m:?}"),
            ))
        }
    };
    for (k, v) in t.modes.unwrap_or_default() {
        let key = k.trim().to_ascii_lowercase();
        modes.insert(key, check("transit.modes", v)?);
    }
    Ok(TransitParams {
        enabled: t.enabled.unwrap_or(true),
        modes,
        other: check(
            "transit.otherMode",
            t.other_mode.unwrap_or(DEFAULT_OTHER_MODE),
        )?,
        stop_distance_m: non_negative(
            "transit.stopDistanceM",
            t.stop_distance_m,
            DEFAULT_STOP_DISTANCE_M,
        )?,
        transfer_walk_m: non_negative(
            "transit.transferWalkM",
            t.transfer_walk_m,
            DEFAULT_TRANSFER_WALK_M,
        )?,
        straight_walk_m: non_negative(
            "transit.maxStraightWalkM",
            t.max_straight_walk_m,
            DEFAULT_STRAIGHT_WALK_M,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(json: &str) -> std::result::Result<IsochroneOptions, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn origin_forms_and_defaults() {
        let o = iso(r#"{"origin": [24.94, 60.17]}"#).unwrap();
        let (origin, p) = o.resolve().unwrap();
        assert_eq!(origin, &IsochroneOrigin::Point([24.94, 60.17]));
        assert_eq!(p.minutes, DEFAULT_MINUTES.to_vec());
        assert_eq!(p.buffer_m, DEFAULT_BUFFER_M);
        let o = iso(r#"{"origin": {"facilityId": "x"}, "minutes": [15, 5, 5]}"#).unwrap();
        let (origin, p) = o.resolve().unwrap();
        assert!(matches!(origin, IsochroneOrigin::Facility(f) if f.facility_id == "x"));
        assert_eq!(p.minutes, vec![5.0, 15.0]);
        let o = iso(r#"{"origin": [0, 0], "minutes": 7}"#).unwrap();
        assert_eq!(o.resolve().unwrap().1.minutes, vec![7.0]);
    }

    #[test]
    fn bad_options_are_rejected() {
        assert!(iso(r#"{"origin": [0, 0], "minute": 5}"#).is_err());
        assert!(iso(r#"{"origin": {"facility": "x"}}"#).is_err());
        let code = |j: &str| iso(j).unwrap().resolve().unwrap_err().to_string();
        assert!(code("{}").contains("origin"));
        assert!(code(r#"{"origin": [200, 0]}"#).contains("origin"));
        assert!(code(r#"{"origin": [0, 0], "minutes": [5, 0]}"#).contains("240 minutes"));
        let path = |j: &str| {
            crate::decode::from_str::<IsochroneOptions>(j)
                .unwrap_err()
                .path()
        };
        assert!(code(r#"{"origin": [0, 0], "minutes": []}"#).contains("minutes"));
        assert!(code(r#"{"origin": [0, 0], "bufferM": 0}"#).contains("bufferM"));
        assert_eq!(
            path(r#"{"origin": [0, 0], "walkSpeedMps": -1}"#),
            "walkSpeedMps"
        );
        let g: GridOptions = serde_json::from_str(r#"{"category": " "}"#).unwrap();
        assert!(g.resolve().is_err());
        let g: GridOptions = serde_json::from_str(r#"{"category": "a", "cellM": 0.5}"#).unwrap();
        assert!(g.resolve().is_err());
    }
}
