//! The residential origins of an [`AccessEngine`] and their access points,
//! read through the engine's crate-internal fields. This is the only file
//! of `isochrone` that looks inside `access`: results stay in the engine's
//! origin order (the order of `AccessColumns`) and gated compounds are
//! respected exactly as in accessibility.

use geo::Point;

use crate::access::{AccessEngine, SnapMode};

/// A residential (or mixed-use) building as an origin of walking trips.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Home {
    pub feature_index: usize,
    /// Footprint centroid, lon/lat (`None` for a degenerate footprint).
    pub point: Option<Point<f64>>,
    pub households: f64,
    pub population: f64,
}

/// Where a home meets the network (edge snapping): the edge, the offset
/// from its `u` node, the snap distance compared with `maxSnapM`, and the
/// distance walked before reaching the edge (connector, or walk to a gate
/// plus the gate's connector).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct HomeAccess {
    pub edge: u32,
    pub offset_m: f64,
    pub snap_m: f64,
    pub extra_m: f64,
}

/// The engine's origins, in its order.
pub(crate) fn homes(engine: &AccessEngine) -> Vec<Home> {
    engine
        .origins
        .iter()
        .map(|o| Home {
            feature_index: o.feature_index,
            point: o.centroid,
            households: o.households,
            population: o.population,
        })
        .collect()
}

/// The access points of origin `o` (edge snapping, through gates where
/// the building is in a gated compound).
pub(crate) fn home_access(
    engine: &AccessEngine,
    o: usize,
) -> impl Iterator<Item = HomeAccess> + '_ {
    engine
        .snapped(SnapMode::Edge)
        .origin(o)
        .iter()
        .map(|ap| HomeAccess {
            edge: ap.edge,
            offset_m: ap.offset_m,
            snap_m: ap.snap_m,
            extra_m: ap.extra_m,
        })
}
