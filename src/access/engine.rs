//! [`AccessEngine`]: the network, origins, facilities and their snaps,
//! built once per dataset and reused by every query.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use geo::Point;

use super::gates::Compounds;
use super::grid::PointGrid;
use super::memo::NearestMemo;
use super::options::SnapMode;
use super::points::{self, AccessPoint, Facility, Origin};
use super::snapped::Snapped;
use crate::error::{Result, Warning};
use crate::model::Dataset;
use crate::network::{Network, NetworkOptions, NetworkSummary, Snap};

/// "1 facility", "2 facilities", "3 access points".
fn plural(n: usize, what: &str) -> String {
    match (n, what.strip_suffix('y')) {
        (1, _) => format!("1 {what}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {what}s"),
    }
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
    pub(crate) facilities: Vec<Facility>,
    /// Category -> facility indices, ascending.
    pub(crate) categories: BTreeMap<String, Vec<u32>>,
    /// Category -> grid of its facilities (tangent-plane metres).
    pub(crate) straight: BTreeMap<String, PointGrid>,
    gates: Vec<Point<f64>>,
    compounds: Compounds,
    edge_snaps: Snapped,
    node_snaps: OnceLock<Snapped>,
    warnings: Vec<Warning>,
    /// The nearest-facility search per category, kept between queries.
    pub(crate) nearest_memo: NearestMemo,
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
        let origins = points::origins(data, &compounds, &mut warnings);
        let facilities = points::facilities(data, &network);
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
                        let p = facilities[i as usize].location;
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
            &facilities,
            &gates,
            &compounds,
            SnapMode::Edge,
        );
        let mut engine = AccessEngine {
            network,
            origins,
            facilities,
            categories,
            straight,
            gates,
            compounds,
            edge_snaps,
            node_snaps: OnceLock::new(),
            warnings,
            nearest_memo: NearestMemo::default(),
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
                let h = hits
                    .entry(c)
                    .or_insert((0, 0, self.facilities[i].feature_index));
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
                    &self.facilities,
                    &self.gates,
                    &self.compounds,
                    SnapMode::Node,
                )
            }),
        }
    }

    /// The residential origins, in engine order (the order of
    /// `AccessColumns`).
    pub(crate) fn origins(&self) -> &[Origin] {
        &self.origins
    }

    /// The edge-mode access points of origin `o` (through its compound's
    /// gates where gated; empty when it has none).
    pub(crate) fn origin_access(&self, o: usize) -> &[AccessPoint] {
        self.edge_snaps.origin(o)
    }

    /// The facilities of `category` whose edge snap lies within
    /// `max_snap_m`, with their snaps and facility points, in data order;
    /// `off` receives one `FACILITY_NOT_ON_NETWORK` warning per other one.
    /// Returns (facilities of the category, reachable ones).
    pub(crate) fn reachable_facilities(
        &self,
        category: &str,
        max_snap_m: f64,
        off: &mut impl FnMut(Warning),
    ) -> (usize, Vec<(Point<f64>, Snap)>) {
        let ids: &[u32] = self.categories.get(category).map_or(&[], Vec::as_slice);
        let mut on = Vec::with_capacity(ids.len());
        for f in ids.iter().filter_map(|&i| self.facilities.get(i as usize)) {
            match f.edge_snap {
                Some(s) if s.connector_m <= max_snap_m => on.push((f.location, s)),
                s => off(points::facility_off_network(
                    f,
                    category,
                    s.map(|s| s.connector_m),
                    max_snap_m,
                )),
            }
        }
        (ids.len(), on)
    }
}
