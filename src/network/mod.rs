//! The walking network: graph building, snapping and shortest-path search.
//!
//! A [`Network`] is built once per dataset from its walkable roads
//! ([`graph`] gives the exact rules), indexes its edges for snapping
//! ([`snap`]) and offers reusable Dijkstra searches ([`search`]). The
//! accessibility measures in [`crate::access`] are built on it.
//!
//! ```
//! use future_community::model::Road;
//! use future_community::network::{Network, NetworkOptions};
//! use geo::{line_string, MultiLineString, Point};
//!
//! let road = Road {
//!     feature_index: 0,
//!     id: None,
//!     lines: MultiLineString::new(vec![line_string![(x: 120.0, y: 30.0), (x: 120.001, y: 30.0)]]),
//!     walkable: true,
//! };
//! let net = Network::build(&[road], &NetworkOptions::default()).unwrap();
//! assert_eq!(net.summary().edges, 1);
//! let snap = net.snap(Point::new(120.0005, 30.0001)).unwrap();
//! assert!((snap.connector_m - 11.09).abs() < 0.05);
//! ```

pub mod graph;
mod heap;
pub mod metric;
pub mod search;
pub mod snap;

use geo::Point;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, Warning};
use crate::model::Road;

pub use graph::{Adjacent, Component, Edge, Graph};
pub use search::{BoundedSearch, KNearestSources, Label, NearestSources, Seed, NO_SOURCE};
pub use snap::{NodeSnap, Snap, SnapIndex};

/// Default for [`NetworkOptions::merge_tolerance_m`].
pub const DEFAULT_MERGE_TOLERANCE_M: f64 = 0.5;

/// How the walking network is built (fixed for the life of a [`Network`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct NetworkOptions {
    /// Vertices of different lines closer than this (metres) become one
    /// node; 0 joins only identical coordinates. Default 0.5 m; at most 10.
    pub merge_tolerance_m: f64,
    /// Keep only the largest connected component (most nodes). Default
    /// `false`: every component is kept, and points that snap onto a small
    /// island are reported.
    pub largest_component_only: bool,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        NetworkOptions {
            merge_tolerance_m: DEFAULT_MERGE_TOLERANCE_M,
            largest_component_only: false,
        }
    }
}

/// Size and connectivity of a network.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct NetworkSummary {
    /// Number of nodes.
    pub nodes: usize,
    /// Number of edges.
    pub edges: usize,
    /// Total edge length, metres.
    pub total_length_m: f64,
    /// Number of connected components.
    pub components: usize,
    /// Nodes in the largest component.
    pub largest_component_nodes: usize,
    /// Edges in the largest component.
    pub largest_component_edges: usize,
    /// Total edge length of the largest component, metres.
    pub largest_component_length_m: f64,
}

/// A walking network with its snapping index.
#[derive(Debug)]
pub struct Network {
    graph: Graph,
    index: SnapIndex,
    warnings: Vec<Warning>,
}

impl Network {
    /// Builds the network from the walkable `roads`.
    ///
    /// Fails only on invalid options. An empty network is not an error: it
    /// gives a `NO_WALKABLE_NETWORK` warning, and every snap fails.
    pub fn build(roads: &[Road], options: &NetworkOptions) -> Result<Network> {
        let tol = options.merge_tolerance_m;
        if !(tol.is_finite() && (0.0..=10.0).contains(&tol)) {
            return Err(Error::option(
                "mergeToleranceM",
                format!("must be between 0 and 10 metres, got {tol}"),
            ));
        }
        let mut graph = Graph::from_roads(roads, tol);
        if options.largest_component_only {
            graph = graph.largest_component_only();
        }
        let mut warnings = Vec::new();
        if graph.edge_count() == 0 {
            warnings.push(Warning::global(
                "NO_WALKABLE_NETWORK",
                "no walkable road with two distinct vertices: network distances are all null",
            ));
        }
        let index = SnapIndex::new(&graph);
        Ok(Network {
            graph,
            index,
            warnings,
        })
    }

    /// The graph.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// Snaps a point onto the nearest edge (see [`snap`]); `None` for an
    /// empty network. No distance limit is applied here.
    pub fn snap(&self, p: Point<f64>) -> Option<Snap> {
        self.index.snap(&self.graph, p)
    }

    /// Snaps a point onto the nearest edge if one lies within `limit_m`
    /// (the connector may still exceed it by the plane's slack: callers
    /// compare `connector_m`); fast for points far from every road.
    pub fn snap_within(&self, p: Point<f64>, limit_m: f64) -> Option<Snap> {
        self.index.snap_within(&self.graph, p, limit_m)
    }

    /// The node nearest to a point; `None` for an empty network.
    pub fn snap_node(&self, p: Point<f64>) -> Option<NodeSnap> {
        self.index.snap_node(&self.graph, p)
    }

    /// The snapping index (and its tangent plane).
    pub fn index(&self) -> &SnapIndex {
        &self.index
    }

    /// Warnings found while building.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Node, edge and component counts.
    pub fn summary(&self) -> NetworkSummary {
        let g = &self.graph;
        let largest = g
            .largest_component()
            .and_then(|c| g.components().get(c as usize))
            .copied();
        NetworkSummary {
            nodes: g.node_count(),
            edges: g.edge_count(),
            total_length_m: g.total_length_m(),
            components: g.components().len(),
            largest_component_nodes: largest.map_or(0, |c| c.nodes),
            largest_component_edges: largest.map_or(0, |c| c.edges),
            largest_component_length_m: largest.map_or(0.0, |c| c.length_m),
        }
    }
}
