//! [`AccessEngine`]: the network, origins, facilities and their snaps,
//! built once per dataset and reused by every query.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use geo::{Centroid, Point};

use super::gates::Compounds;
use super::grid::PointGrid;
use super::options::SnapMode;
use super::snapped::Snapped;
use crate::error::{Result, Warning};
use crate::model::Dataset;
use crate::network::{metric, Network, NetworkOptions, NetworkSummary};

/// A residential (or mixed-use) building: an origin of walking trips.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    pub feature_index: usize,
    pub id: Option<String>,
    pub households: f64,
    pub population: f64,
    /// Geodesic footprint area, m² (the "residential land area" weight).
    pub land_area_m2: f64,
    /// Planar (lon/lat) area-weighted centroid of the footprint.
    pub centroid: Option<Point<f64>>,
    /// The gated compound it lies in, when that compound has gates.
    pub compound: Option<usize>,
    /// Distances around the centroid (straight lines to facilities).
    pub around: Option<metric::Around>,
}

/// Missing (NaN) or invalid weights count as 0.
fn finite_or_zero(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// "1 facility", "2 facilities", "3 access points".
fn plural(n: usize, what: &str) -> String {
    match (n, what.strip_suffix('y')) {
        (1, _) => format!("1 {what}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {what}s"),
    }
}

/// A facility.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub feature_index: usize,
    pub id: Option<String>,
    pub location: Point<f64>,
    pub capacity: f64,
}

/// Walking accessibility of one dataset: build once, query many times.
///
/// Holds the walking network, the residential origins (buildings whose use
/// is residential or mixed), the facilities grouped by category, and every
/// snap, so that a query only runs the searches.
#[derive(Debug)]
pub struct AccessEngine {
    pub(crate) network: Network,
    pub(crate) origins: Vec<Origin>,
    pub(crate) sites: Vec<Site>,
    /// Category -> site indices, ascending.
    pub(crate) categories: BTreeMap<String, Vec<u32>>,
    /// Category -> grid of its sites (tangent-plane metres).
    pub(crate) straight: BTreeMap<String, PointGrid>,
    gates: Vec<Point<f64>>,
    compounds: Compounds,
    edge_snaps: Snapped,
    node_snaps: OnceLock<Snapped>,
    warnings: Vec<Warning>,
}

impl AccessEngine {
    /// Builds the network from `data.roads`, finds the origins and snaps
    /// origins, gates and facilities onto the network.
    ///
    /// Errors only on invalid `options`. Problems with the data (network
    /// islands that points snap onto, compounds without gates, an empty
    /// network) are [`AccessEngine::warnings`].
    pub fn new(data: &Dataset, options: &NetworkOptions) -> Result<AccessEngine> {
        let network = Network::build(&data.roads, options)?;
        let mut warnings = network.warnings().to_vec();
        let compounds = Compounds::new(&data.compounds, &data.gates, &mut warnings);
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
        let sites: Vec<Site> = data
            .facilities
            .iter()
            .map(|f| Site {
                feature_index: f.feature_index,
                id: f.id.clone(),
                location: f.location,
                capacity: if f.capacity.is_finite() && f.capacity >= 0.0 {
                    f.capacity
                } else {
                    1.0
                },
            })
            .collect();
        let mut categories: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, f) in data.facilities.iter().enumerate() {
            categories
                .entry(f.category.clone())
                .or_default()
                .push(i as u32);
        }
        let plane = *network.index().plane();
        let straight = categories
            .iter()
            .map(|(c, ids)| {
                let pts = ids
                    .iter()
                    .map(|&i| {
                        let p = sites[i as usize].location;
                        let (x, y) = plane.project(p.x(), p.y());
                        ([x, y], i)
                    })
                    .collect();
                (c.clone(), PointGrid::new(pts))
            })
            .collect();
        let gates: Vec<Point<f64>> = data.gates.iter().map(|g| g.location).collect();
        let edge_snaps = Snapped::build(
            &network,
            &origins,
            &sites,
            &gates,
            &compounds,
            SnapMode::Edge,
        );
        let mut engine = AccessEngine {
            network,
            origins,
            sites,
            categories,
            straight,
            gates,
            compounds,
            edge_snaps,
            node_snaps: OnceLock::new(),
            warnings,
        };
        engine.warn_islands();
        Ok(engine)
    }

    /// One `SMALL_NETWORK_ISLAND` warning per network component, other than
    /// the largest, onto which origins or facilities snap.
    fn warn_islands(&mut self) {
        let g = self.network.graph();
        let Some(main) = g.largest_component() else {
            return;
        };
        let comp_of_edge = |e: u32| g.edges().get(e as usize).and_then(|e| g.component_of(e.u));
        let mut hits: BTreeMap<u32, (usize, usize, usize)> = BTreeMap::new();
        for o in 0..self.origins.len() {
            for ap in self.edge_snaps.origin(o) {
                if let Some(c) = comp_of_edge(ap.edge).filter(|&c| c != main) {
                    let h = hits
                        .entry(c)
                        .or_insert((0, 0, self.origins[o].feature_index));
                    h.0 += 1;
                }
            }
        }
        for (i, ap) in self.edge_snaps.facility.iter().enumerate() {
            if let Some(c) = ap
                .and_then(|ap| comp_of_edge(ap.edge))
                .filter(|&c| c != main)
            {
                let h = hits.entry(c).or_insert((0, 0, self.sites[i].feature_index));
                h.1 += 1;
            }
        }
        let main_nodes = g.components()[main as usize].nodes;
        for (c, (n_origins, n_facilities, example)) in hits {
            let comp = g.components()[c as usize];
            self.warnings.push(Warning::feature(
                "SMALL_NETWORK_ISLAND",
                comp.feature_index,
                format!(
                    "network island of {} nodes ({:.0} m of paths, including this road) is not connected to the \
                     main network ({} nodes); snapping onto it: {} of residential buildings, {} (e.g. \
                     feature {example}); they reach only what lies on the island",
                    comp.nodes,
                    comp.length_m,
                    main_nodes,
                    plural(n_origins, "access point"),
                    plural(n_facilities, "facility"),
                ),
            ));
        }
    }

    /// The walking network.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Node, edge and component counts of the network.
    pub fn network_summary(&self) -> NetworkSummary {
        self.network.summary()
    }

    /// Warnings found while building (network, islands, compounds).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The facility categories present, sorted.
    pub fn categories(&self) -> Vec<&str> {
        self.categories.keys().map(String::as_str).collect()
    }

    /// Number of residential origins (buildings with residential or mixed use).
    pub fn origin_count(&self) -> usize {
        self.origins.len()
    }

    /// The snaps for `mode` (node snaps are computed on first use).
    pub(crate) fn snapped(&self, mode: SnapMode) -> &Snapped {
        match mode {
            SnapMode::Edge => &self.edge_snaps,
            SnapMode::Node => self.node_snaps.get_or_init(|| {
                Snapped::build(
                    &self.network,
                    &self.origins,
                    &self.sites,
                    &self.gates,
                    &self.compounds,
                    SnapMode::Node,
                )
            }),
        }
    }
}
