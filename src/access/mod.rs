//! Walking accessibility of homes to services along the street network.
//!
//! Build an [`AccessEngine`] once per dataset (network, origins, snaps),
//! then ask it:
//! - [`AccessEngine::accessibility`] / [`AccessEngine::accessibility_columns`]:
//!   per residential building and facility category, the network distance
//!   to the nearest facility (and to the `k` nearest), the straight-line
//!   distance and the detour ratio, cumulative opportunities within each
//!   threshold, gravity accessibility with a [`Decay`], and coverage shares
//!   of households, population, buildings and residential land area;
//! - [`AccessEngine::two_step_fca`]: 2SFCA / E2SFCA scores ([`fca`]).
//!
//! Definitions (they follow `data/helsinki-centre/ORACLE.md`):
//! - *Origins* are buildings whose use is residential or mixed; the origin
//!   point is the planar (lon/lat) area-weighted centroid of the footprint.
//! - *Snapping*: see [`crate::network::snap`]. Origins and facilities
//!   farther than `maxSnapM` (default 250 m) from the network are
//!   unreachable (`null`/`NaN`, plus a warning with the feature index).
//!   Buildings inside gated compounds leave through the gates ([`gates`]).
//! - *Network distance*: connector + shortest path + connector, on the
//!   network split at both access points: each category is one
//!   multi-source search seeded at both ends of every facility's edge
//!   (connector + offset), read at both ends of every origin's edge, plus
//!   the direct path when both lie on one edge. `snap: "node"` instead snaps
//!   both ends to the nearest node and adds nothing (Pandana's convention).
//! - *Straight-line distance*: geodesic, centroid to facility point, to the
//!   nearest facility by straight line (which may differ from the
//!   network-nearest one); the *detour ratio* divides the network distance
//!   by the straight-line distance to the same network-nearest facility.
//! - *Cumulative opportunities*: facilities with network distance ≤ each
//!   threshold. *Gravity*: Σ_j capacity_j · f(d_ij) over reachable
//!   facilities within the decay's cutoff.
//! - *Coverage* of a threshold T: buildings whose nearest network distance
//!   is ≤ T count as covered (unreachable ones do not); shares are weighted
//!   by households, population, building count and residential land area
//!   (footprint area: the 城市体检 weighting).
//!
//! ```
//! use future_community::access::{AccessEngine, AccessOptions};
//! use future_community::model::{Building, BuildingUse, Dataset, Facility, Road};
//! use future_community::network::NetworkOptions;
//! use geo::{line_string, polygon, MultiLineString, MultiPolygon, Point};
//!
//! let mut data = Dataset::default();
//! data.roads.push(Road {
//!     feature_index: 0,
//!     id: None,
//!     lines: MultiLineString::new(vec![line_string![(x: 120.0, y: 30.0), (x: 120.01, y: 30.0)]]),
//!     walkable: true,
//! });
//! let home = polygon![(x: 120.0010, y: 30.0002), (x: 120.0012, y: 30.0002),
//!                     (x: 120.0012, y: 30.0004), (x: 120.0010, y: 30.0004)];
//! data.buildings.push(Building {
//!     feature_index: 1,
//!     id: Some("home".into()),
//!     footprint: MultiPolygon::new(vec![home]),
//!     floors: Some(6.0),
//!     height_m: None,
//!     building_use: BuildingUse::Residential,
//!     households: 40.0,
//!     population: 100.0,
//!     floor_area_m2: None,
//!     households_estimated: false,
//! });
//! data.facilities.push(Facility {
//!     feature_index: 2,
//!     id: None,
//!     category: "clinic".into(),
//!     name: None,
//!     location: Point::new(120.005, 30.0001),
//!     area: None,
//!     floor_area_m2: None,
//!     capacity: 1.0,
//! });
//! let engine = AccessEngine::new(&data, &NetworkOptions::default()).unwrap();
//! let result = engine.accessibility(&AccessOptions::default()).unwrap();
//! let d = result.buildings[0].network_m["clinic"].unwrap();
//! // 33 m to the street, 376 m along it, 11 m to the clinic.
//! assert!((d - 420.6).abs() < 0.1, "{d}");
//! assert_eq!(result.coverage["clinic"]["500"].households, Some(1.0));
//! ```

pub mod decay;
mod engine;
pub mod fca;
pub mod gates;
mod grid;
mod measures;
mod memo;
pub mod options;
mod points;
mod query;
pub mod result;
mod snapped;

#[cfg(test)]
mod tests;

pub use decay::{Decay, DecayStep};
pub use engine::AccessEngine;
pub use options::{AccessOptions, Demand, SnapMode, Threshold, TwoStepOptions};
pub(crate) use points::Origin;
pub use result::{
    AccessColumns, AccessResult, BuildingAccess, CategoryColumns, CoverageShares, CoverageTotals,
    FcaBuilding, FcaFacility, Key, TwoStepResult,
};
