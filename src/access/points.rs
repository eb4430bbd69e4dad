//! The two ends of every walking trip and where they meet the network: the
//! residential [`Origin`]s, the [`Facility`] points, their [`AccessPoint`]s,
//! and the one place that says (as warnings) which of them are off the
//! network. Accessibility ([`super::query`], [`super::fca`]) and the
//! isochrone module use these alike; nothing here knows the engine.

use geo::{Centroid, Point};

use super::gates::Compounds;
use super::options::SnapMode;
use crate::error::Warning;
use crate::model::Dataset;
use crate::network::{metric, Network, Snap};

/// A residential (or mixed-use) building: an origin of walking trips.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    pub feature_index: usize,
    pub id: Option<String>,
    pub households: f64,
    pub population: f64,
    /// Geodesic footprint area, m² (the "residential land area" weight).
    pub land_area_m2: f64,
    /// Planar (lon/lat) area-weighted centroid of the footprint (`None` for
    /// a degenerate footprint).
    pub centroid: Option<Point<f64>>,
    /// The gated compound it lies in, when that compound has gates.
    pub compound: Option<usize>,
    /// Distances around the centroid (straight lines to facilities).
    pub around: Option<metric::Around>,
}

/// A facility as a destination of walking trips.
#[derive(Debug, Clone)]
pub(crate) struct Facility {
    pub feature_index: usize,
    pub id: Option<String>,
    pub location: Point<f64>,
    /// Capacity (2SFCA supply, gravity weight); 1 when missing or invalid.
    pub capacity: f64,
    /// Its edge snap (nearest point of the nearest edge, no distance
    /// limit), computed once; `None` for an empty network.
    pub edge_snap: Option<Snap>,
}

/// Where one origin or facility meets the network: a position on an edge
/// (`offset_m` from its `u` node) plus the distance walked off the network
/// to get there (`extra_m`, added to every network distance). `snap_m` is
/// the part compared with `maxSnapM`: the connector (edge mode) or the
/// distance to the node (node mode).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AccessPoint {
    pub edge: u32,
    pub offset_m: f64,
    pub snap_m: f64,
    pub extra_m: f64,
}

impl AccessPoint {
    /// The access point of an edge snap.
    pub fn of_edge_snap(s: &Snap) -> AccessPoint {
        AccessPoint {
            edge: s.edge,
            offset_m: s.offset_m,
            snap_m: s.connector_m,
            extra_m: s.connector_m,
        }
    }
}

/// Missing (NaN) or invalid weights count as 0.
fn finite_or_zero(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// The residential origins of `data`, in building order; one
/// `ORIGIN_WITHOUT_CENTROID` warning per degenerate footprint.
pub(crate) fn origins(
    data: &Dataset,
    compounds: &Compounds,
    warnings: &mut Vec<Warning>,
) -> Vec<Origin> {
    let origins: Vec<Origin> = data
        .buildings
        .iter()
        .filter(|b| b.building_use.is_residential())
        .map(|b| {
            let centroid = b.footprint.centroid();
            Origin {
                feature_index: b.feature_index,
                id: b.id.clone(),
                households: finite_or_zero(b.households),
                population: finite_or_zero(b.population),
                land_area_m2: metric::area_m2(&b.footprint),
                centroid,
                compound: centroid.and_then(|c| compounds.around(c)),
                around: centroid.map(metric::Around::new),
            }
        })
        .collect();
    for o in origins.iter().filter(|o| o.centroid.is_none()) {
        warnings.push(Warning::feature(
            "ORIGIN_WITHOUT_CENTROID",
            o.feature_index,
            "building footprint has no centroid; it is unreachable",
        ));
    }
    origins
}

/// The facilities of `data`, in their order, each snapped onto `net` once.
pub(crate) fn facilities(data: &Dataset, net: &Network) -> Vec<Facility> {
    data.facilities
        .iter()
        .map(|f| Facility {
            feature_index: f.feature_index,
            id: f.id.clone(),
            location: f.location,
            capacity: if f.capacity.is_finite() && f.capacity >= 0.0 {
                f.capacity
            } else {
                1.0
            },
            edge_snap: net.snap(f.location),
        })
        .collect()
}

/// The access point of a point, for `mode`.
pub(crate) fn point_access(net: &Network, p: Point<f64>, mode: SnapMode) -> Option<AccessPoint> {
    match mode {
        SnapMode::Edge => net.snap(p).map(|s| AccessPoint::of_edge_snap(&s)),
        SnapMode::Node => node_access(net, p),
    }
}

/// The access point of a point snapped to its nearest node.
pub(crate) fn node_access(net: &Network, p: Point<f64>) -> Option<AccessPoint> {
    let ns = net.snap_node(p)?;
    let a = net.graph().neighbours(ns.node).first()?;
    let e = net.graph().edges().get(a.edge as usize)?;
    let offset_m = if e.u == ns.node { 0.0 } else { e.length_m };
    Some(AccessPoint {
        edge: a.edge,
        offset_m,
        snap_m: ns.distance_m,
        extra_m: 0.0,
    })
}

/// `ORIGIN_NOT_ON_NETWORK` when none of an origin's access points `aps`
/// lies within `max_snap_m`.
pub(crate) fn origin_off_network(
    origin: &Origin,
    aps: &[AccessPoint],
    max_snap_m: f64,
) -> Option<Warning> {
    if aps.iter().any(|ap| ap.snap_m <= max_snap_m) {
        return None;
    }
    let nearest = aps.iter().map(|ap| ap.snap_m).fold(f64::INFINITY, f64::min);
    let why = if nearest.is_finite() {
        format!("{nearest:.1} m from the walking network (maxSnapM = {max_snap_m} m)")
    } else {
        "no access to the walking network".to_string()
    };
    Some(Warning::feature(
        "ORIGIN_NOT_ON_NETWORK",
        origin.feature_index,
        format!("residential building is unreachable: {why}"),
    ))
}

/// `FACILITY_NOT_ON_NETWORK` for a `category` facility whose access point
/// (`snap_m`, `None` without a network) is beyond `max_snap_m`.
pub(crate) fn facility_off_network(
    facility: &Facility,
    category: &str,
    snap_m: Option<f64>,
    max_snap_m: f64,
) -> Warning {
    let why = match snap_m {
        Some(d) => format!("{d:.1} m from the walking network (maxSnapM = {max_snap_m} m)"),
        None => "there is no walking network".to_string(),
    };
    Warning::feature(
        "FACILITY_NOT_ON_NETWORK",
        facility.feature_index,
        format!("`{category}` facility is unreachable and left out: {why}"),
    )
}
