//! Result types, serialised as-is to JS (camelCase keys; maps are
//! `BTreeMap`s so key order is deterministic).
//!
//! Two forms of the same numbers: [`AccessColumns`] (one `Vec` per measure
//! and category, `NaN` for "unreachable", for typed arrays) and
//! [`AccessResult`] (one object per building, `null` for "unreachable").

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::options::{Demand, SnapMode, Threshold};
use crate::error::Warning;

/// A map key shared by many per-building maps (a category or threshold
/// name): cloning it is a reference-count increment, not an allocation.
/// Serialises as a plain string; `map["clinic"]` works through `Borrow<str>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(Arc<str>);

impl Key {
    /// A key with this text.
    pub fn new(s: &str) -> Key {
        Key(Arc::from(s))
    }
}

impl Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Shares (0 ..= 1) of the residential total that is covered, by weighting.
/// `null` when the total of that weighting is 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CoverageShares {
    /// Share of households (research practice; the reference's `household_share`).
    pub households: Option<f64>,
    /// Share of residents (research practice).
    pub population: Option<f64>,
    /// Share of residential buildings (building-count weighting).
    pub buildings: Option<f64>,
    /// Share of residential land area, measured as the footprint area of
    /// residential buildings (城市体检 service-radius coverage is land-area
    /// weighted).
    pub land_area: Option<f64>,
}

/// The denominators of the coverage shares.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CoverageTotals {
    /// Households in all residential buildings.
    pub households: f64,
    /// Residents in all residential buildings.
    pub population: f64,
    /// Number of residential buildings.
    pub buildings: usize,
    /// Footprint area of all residential buildings, m².
    pub land_area_m2: f64,
}

/// Columns of one category, one entry per residential building (in the
/// order of [`AccessColumns::feature_index`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CategoryColumns {
    /// Facilities in the category.
    pub facilities: usize,
    /// Of those, facilities within `maxSnapM` of the network.
    pub reachable_facilities: usize,
    /// Network distance to the nearest facility, metres (`NaN`: unreachable).
    pub network_m: Vec<f64>,
    /// Feature index of that facility (-1: none).
    pub nearest_feature_index: Vec<i32>,
    /// Straight-line geodesic distance from the building centroid to the
    /// nearest facility by straight line, metres (`NaN`: category empty).
    pub straight_m: Vec<f64>,
    /// Feature index of the straight-line nearest facility (-1: none).
    pub straight_feature_index: Vec<i32>,
    /// Detour ratio: `network_m` divided by the straight-line distance to
    /// the *same* (network-nearest) facility (`NaN`: unreachable or 0 m).
    pub detour_ratio: Vec<f64>,
    /// Distances to the `k` nearest distinct facilities, row-major
    /// `buildings × k`, nearest first, `NaN` padded; empty when `k` = 1.
    pub k_nearest_m: Vec<f64>,
    /// Facilities within each threshold, row-major `buildings × thresholds`;
    /// empty unless `opportunities: true`.
    pub opportunities: Vec<u32>,
    /// Gravity accessibility Σ_j capacity_j · f(d_ij); empty without `decay`.
    pub gravity: Vec<f64>,
}

/// Accessibility in columnar form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "AccessibilityColumns"))]
#[serde(rename_all = "camelCase")]
pub struct AccessColumns {
    /// Feature index of every residential building (the row order).
    pub feature_index: Vec<u32>,
    /// Feature id of every residential building (`None`: the feature has
    /// none), to join on.
    pub id: Vec<Option<String>>,
    /// Households per building.
    pub households: Vec<f64>,
    /// Residents per building.
    pub population: Vec<f64>,
    /// Footprint area per building, m².
    pub land_area_m2: Vec<f64>,
    /// Thresholds, in the order of the opportunity columns.
    pub thresholds: Vec<Threshold>,
    /// `k` used for `k_nearest_m`.
    pub k: usize,
    /// Snapping mode used.
    pub snap: SnapMode,
    /// Maximum snapping distance used, metres.
    pub max_snap_m: f64,
    /// Per category.
    pub categories: BTreeMap<String, CategoryColumns>,
    /// category -> threshold key -> shares covered (network distance ≤ threshold).
    pub coverage: BTreeMap<String, BTreeMap<String, CoverageShares>>,
    /// Denominators of the coverage shares.
    pub coverage_totals: CoverageTotals,
    /// Warnings (network construction and this query).
    pub warnings: Vec<Warning>,
}

/// One residential building's accessibility (object form).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BuildingAccess {
    /// Feature index of the building.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Households.
    pub households: f64,
    /// Residents.
    pub population: f64,
    /// category -> network distance to the nearest facility, metres.
    pub network_m: BTreeMap<Key, Option<f64>>,
    /// category -> feature index of that facility.
    pub nearest_feature_index: BTreeMap<Key, Option<usize>>,
    /// category -> straight-line distance to the nearest facility, metres.
    pub straight_m: BTreeMap<Key, Option<f64>>,
    /// category -> network / straight-line distance to the same facility.
    pub detour_ratio: BTreeMap<Key, Option<f64>>,
    /// category -> distances to the k nearest facilities (reachable ones
    /// only); present when `k` > 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub k_nearest_m: Option<BTreeMap<Key, Vec<f64>>>,
    /// category -> threshold key -> facilities within the threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opportunities: Option<BTreeMap<Key, BTreeMap<Key, u32>>>,
    /// category -> gravity accessibility; present with `decay`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gravity: Option<BTreeMap<Key, f64>>,
}

/// Accessibility in object form (the `community.accessibility` result).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "AccessibilityResult"))]
#[serde(rename_all = "camelCase")]
pub struct AccessResult {
    /// Categories evaluated.
    pub categories: Vec<String>,
    /// Thresholds used.
    pub thresholds: Vec<Threshold>,
    /// One entry per residential building.
    pub buildings: Vec<BuildingAccess>,
    /// category -> threshold key -> shares covered.
    pub coverage: BTreeMap<String, BTreeMap<String, CoverageShares>>,
    /// Denominators of the coverage shares.
    pub coverage_totals: CoverageTotals,
    /// Warnings (network construction and this query).
    pub warnings: Vec<Warning>,
}

/// One building's 2SFCA score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct FcaBuilding {
    /// Feature index of the building.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Demand D_i (households or population).
    pub demand: f64,
    /// A_i = Σ_j R_j f(d_ij) over facilities within the catchment (0 if none).
    pub score: f64,
    /// A_i divided by the demand-weighted mean of A (PySAL's normalisation);
    /// `null` when that mean is 0.
    pub normalized: Option<f64>,
}

/// One facility's 2SFCA supply-to-demand ratio.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct FcaFacility {
    /// Feature index of the facility.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Supply S_j (the facility's capacity).
    pub supply: f64,
    /// Σ_k D_k f(d_kj) over origins within the catchment.
    pub catchment_demand: f64,
    /// R_j = S_j / catchment demand; `null` when no demand is within reach
    /// or the facility is off the network.
    pub ratio: Option<f64>,
}

/// The `community.twoStepFca` result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "TwoStepFcaResult"))]
#[serde(rename_all = "camelCase")]
pub struct TwoStepResult {
    /// The category.
    pub category: String,
    /// Catchment d0, metres.
    pub catchment_m: f64,
    /// Demand weighting used.
    pub demand: Demand,
    /// Per residential building.
    pub buildings: Vec<FcaBuilding>,
    /// Per facility of the category.
    pub facilities: Vec<FcaFacility>,
    /// Warnings (network construction and this query).
    pub warnings: Vec<Warning>,
}
