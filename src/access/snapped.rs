//! The [`AccessPoint`]s of all origins and facilities for one snapping
//! mode, computed once and reused by every query, and indexed by edge and
//! by node. Snaps are computed without a distance limit; `maxSnapM` is
//! applied per query.

use geo::Point;

use super::gates::Compounds;
use super::options::SnapMode;
use super::points::{node_access, point_access, AccessPoint, Facility, Origin};
use crate::network::Network;

/// An origin access point filed under its edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EdgeEntry {
    pub origin: u32,
    pub ap: AccessPoint,
}

/// An origin access point seen from one end node of its edge: reaching the
/// node at distance d means reaching the origin at d + `dist_m`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Attachment {
    pub origin: u32,
    /// Along the edge from the node to the access point, plus `extra_m`.
    pub dist_m: f64,
    pub snap_m: f64,
}

/// All access points for one snapping mode.
#[derive(Debug, Default)]
pub(crate) struct Snapped {
    access_start: Vec<u32>,
    access: Vec<AccessPoint>,
    /// Per facility, its access point.
    pub facility: Vec<Option<AccessPoint>>,
    edge_start: Vec<u32>,
    edge_entries: Vec<EdgeEntry>,
    node_start: Vec<u32>,
    node_attachments: Vec<Attachment>,
}

impl Snapped {
    /// Snaps every origin (through its compound's gates where gated), every
    /// gate and every facility.
    pub fn build(
        net: &Network,
        origins: &[Origin],
        facilities: &[Facility],
        gates: &[Point<f64>],
        compounds: &Compounds,
        mode: SnapMode,
    ) -> Snapped {
        let gate_ap: Vec<Option<AccessPoint>> =
            gates.iter().map(|g| point_access(net, *g, mode)).collect();
        let mut access_start = Vec::with_capacity(origins.len() + 1);
        let mut access = Vec::with_capacity(origins.len());
        for o in origins {
            access_start.push(access.len() as u32);
            let Some(c) = o.centroid else { continue };
            match o.compound {
                Some(ci) => {
                    for &gi in &compounds.gates_of[ci] {
                        let (Some(g), Some(ap)) = (
                            gates.get(gi as usize),
                            gate_ap.get(gi as usize).copied().flatten(),
                        ) else {
                            continue;
                        };
                        let walk = crate::network::metric::distance_m(c, *g);
                        access.push(AccessPoint {
                            extra_m: ap.extra_m + walk,
                            ..ap
                        });
                    }
                }
                None => access.extend(point_access(net, c, mode)),
            }
        }
        access_start.push(access.len() as u32);
        let facility = facilities
            .iter()
            .map(|f| match mode {
                SnapMode::Edge => f.edge_snap.as_ref().map(AccessPoint::of_edge_snap),
                SnapMode::Node => node_access(net, f.location),
            })
            .collect();
        // Group origin access points by edge (CSR).
        let n_edges = net.graph().edge_count();
        let edge_start = csr_starts(n_edges, access.iter().map(|ap| ap.edge));
        let mut fill = edge_start[..n_edges].to_vec();
        let blank = EdgeEntry {
            origin: 0,
            ap: AccessPoint {
                edge: 0,
                offset_m: 0.0,
                snap_m: 0.0,
                extra_m: 0.0,
            },
        };
        let mut edge_entries = vec![blank; access.len()];
        for (o, w) in access_start.windows(2).enumerate() {
            for ap in &access[w[0] as usize..w[1] as usize] {
                let slot = &mut fill[ap.edge as usize];
                edge_entries[*slot as usize] = EdgeEntry {
                    origin: o as u32,
                    ap: *ap,
                };
                *slot += 1;
            }
        }
        // The same access points as seen from both end nodes (CSR by node).
        let graph = net.graph();
        let n_nodes = graph.node_count();
        let node_start = csr_starts(
            n_nodes,
            access.iter().flat_map(|ap| {
                let e = graph.edges()[ap.edge as usize];
                [e.u, e.v]
            }),
        );
        let mut fill = node_start[..n_nodes].to_vec();
        let blank = Attachment {
            origin: 0,
            dist_m: 0.0,
            snap_m: 0.0,
        };
        let mut node_attachments = vec![blank; access.len() * 2];
        for (o, w) in access_start.windows(2).enumerate() {
            for ap in &access[w[0] as usize..w[1] as usize] {
                let e = graph.edges()[ap.edge as usize];
                let along_v = (e.length_m - ap.offset_m).max(0.0);
                for (node, along) in [(e.u, ap.offset_m), (e.v, along_v)] {
                    let slot = &mut fill[node as usize];
                    node_attachments[*slot as usize] = Attachment {
                        origin: o as u32,
                        dist_m: along + ap.extra_m,
                        snap_m: ap.snap_m,
                    };
                    *slot += 1;
                }
            }
        }
        Snapped {
            node_start,
            node_attachments,
            access_start,
            access,
            facility,
            edge_start,
            edge_entries,
        }
    }

    /// The access points of origin `o` (empty when it has none).
    pub fn origin(&self, o: usize) -> &[AccessPoint] {
        match (self.access_start.get(o), self.access_start.get(o + 1)) {
            (Some(&a), Some(&b)) => &self.access[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Number of edges of the network these snaps are on.
    pub fn edge_count(&self) -> usize {
        self.edge_start.len().saturating_sub(1)
    }

    /// The origin access points on the edges at node `n`.
    pub fn at_node(&self, n: u32) -> &[Attachment] {
        let i = n as usize;
        match (self.node_start.get(i), self.node_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.node_attachments[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The origin access points lying on edge `e`.
    pub fn on_edge(&self, e: u32) -> &[EdgeEntry] {
        let i = e as usize;
        match (self.edge_start.get(i), self.edge_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.edge_entries[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The start offsets of a compressed sparse row table with `n` rows whose
/// entries fall in the rows `keys` (one key an entry): row `r` holds the
/// entries `starts[r]..starts[r + 1]`.
fn csr_starts(n: usize, keys: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut starts = vec![0u32; n + 1];
    for k in keys {
        starts[k as usize + 1] += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    starts
}
