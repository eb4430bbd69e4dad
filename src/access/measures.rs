//! The per-category computations: nearest and k nearest facility along the
//! network, nearest by straight line, and origin–facility pairs within a
//! cutoff (for cumulative opportunities, gravity and 2SFCA).
//!
//! Network distance between an origin O and a facility F, as in the
//! reference (`network_edge`): connector(O) + shortest path between the two
//! access points on the network split at both + connector(F). With access
//! point X_F on edge (a, b) at offset s_F from a, the search is seeded at a
//! with connector(F) + s_F and at b with connector(F) + L − s_F; an origin on
//! edge (u, v) at offset s_O reads min(d(u) + s_O, d(v) + L − s_O) +
//! connector(O), and when O and F share an edge also the direct
//! |s_O − s_F| along it. Gated origins have one access point per gate,
//! with the walk to the gate in their connector.

use super::engine::AccessEngine;
use super::points::AccessPoint;
use super::snapped::Snapped;
use crate::network::{BoundedSearch, KNearestSources, NearestSources, Seed, NO_SOURCE};

/// The facilities of one category that can be used: (facility index, access point).
pub(crate) struct Usable {
    pub list: Vec<(u32, AccessPoint)>,
    /// Per edge, the first position in `list` on it (`NO_SOURCE`: none),
    /// chained through `next`, for the same-edge case.
    edge_head: Vec<u32>,
    next: Vec<u32>,
}

impl Usable {
    /// Facilities among `ids` whose snap is within `max_snap_m`; the others
    /// are returned separately (unreachable).
    pub fn new(snapped: &Snapped, ids: &[u32], max_snap_m: f64) -> (Usable, Vec<u32>) {
        let mut list = Vec::with_capacity(ids.len());
        let mut off = Vec::new();
        for &i in ids {
            match snapped.facility.get(i as usize).copied().flatten() {
                Some(ap) if ap.snap_m <= max_snap_m => list.push((i, ap)),
                _ => off.push(i),
            }
        }
        let mut edge_head = vec![NO_SOURCE; snapped.edge_count()];
        let mut next = vec![NO_SOURCE; list.len()];
        for (p, (_, ap)) in list.iter().enumerate().rev() {
            if let Some(head) = edge_head.get_mut(ap.edge as usize) {
                next[p] = *head;
                *head = p as u32;
            }
        }
        (
            Usable {
                list,
                edge_head,
                next,
            },
            off,
        )
    }

    /// Positions of the facilities on edge `e`, ascending.
    fn on_edge(&self, e: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.edge_head.get(e as usize).copied().unwrap_or(NO_SOURCE);
        std::iter::successors((first != NO_SOURCE).then_some(first), |&p| {
            let n = self.next[p as usize];
            (n != NO_SOURCE).then_some(n)
        })
    }

    /// Search seeds: both ends of every facility's edge.
    fn seeds(&self, engine: &AccessEngine, out: &mut Vec<Seed>) {
        out.clear();
        let edges = engine.network.graph().edges();
        for (p, (_, ap)) in self.list.iter().enumerate() {
            let e = edges[ap.edge as usize];
            let source = p as u32;
            out.push(Seed {
                node: e.u,
                dist_m: ap.extra_m + ap.offset_m,
                source,
            });
            out.push(Seed {
                node: e.v,
                dist_m: ap.extra_m + (e.length_m - ap.offset_m).max(0.0),
                source,
            });
        }
    }
}

/// Reusable buffers for the queries of one call.
#[derive(Default)]
pub(crate) struct Scratch {
    nearest: NearestSources,
    knn: KNearestSources,
    bounded: BoundedSearch,
    seeds: Vec<Seed>,
    stamp: Vec<u32>,
    best: Vec<f64>,
    touched: Vec<u32>,
    cands: Vec<(f64, u32)>,
    node_cands: Vec<(f64, u32)>,
}

/// Keeps the smaller (distance, position) pair.
fn better(a: (f64, u32), b: (f64, u32)) -> bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
}

/// Calls `f(distance, position)` for every way origin `o` meets a facility:
/// via the two ends of each of its access points' edges (given node
/// distances `node_dist`), and directly along a shared edge.
fn origin_candidates(
    engine: &AccessEngine,
    snapped: &Snapped,
    usable: &Usable,
    o: usize,
    max_snap_m: f64,
    mut via_node: impl FnMut(u32, f64),
    mut f: impl FnMut(f64, u32),
) {
    let edges = engine.network.graph().edges();
    for ap in snapped
        .origin(o)
        .iter()
        .filter(|ap| ap.snap_m <= max_snap_m)
    {
        let e = edges[ap.edge as usize];
        via_node(e.u, ap.offset_m + ap.extra_m);
        via_node(e.v, (e.length_m - ap.offset_m).max(0.0) + ap.extra_m);
        for p in usable.on_edge(ap.edge) {
            let fap = usable.list[p as usize].1;
            f(
                fap.extra_m + (ap.offset_m - fap.offset_m).abs() + ap.extra_m,
                p,
            );
        }
    }
}

/// Network distance from every origin to its nearest usable facility:
/// (distance or `INFINITY`, position in `usable.list` or `NO_SOURCE`).
pub(crate) fn nearest(
    engine: &AccessEngine,
    snapped: &Snapped,
    usable: &Usable,
    max_snap_m: f64,
    s: &mut Scratch,
) -> Vec<(f64, u32)> {
    usable.seeds(engine, &mut s.seeds);
    s.nearest
        .run(engine.network.graph(), &s.seeds, f64::INFINITY);
    let search = &s.nearest;
    (0..engine.origins.len())
        .map(|o| {
            let mut best = (f64::INFINITY, NO_SOURCE);
            let mut consider = |d: f64, p: u32| {
                if p != NO_SOURCE && better((d, p), best) {
                    best = (d, p);
                }
            };
            let mut node_best = (f64::INFINITY, NO_SOURCE);
            origin_candidates(
                engine,
                snapped,
                usable,
                o,
                max_snap_m,
                |node, add| {
                    let c = (search.dist(node) + add, search.source(node));
                    if c.1 != NO_SOURCE && better(c, node_best) {
                        node_best = c;
                    }
                },
                &mut consider,
            );
            consider(node_best.0, node_best.1);
            best
        })
        .collect()
}

/// Distances to the `k` nearest distinct usable facilities of every origin,
/// row-major `origins × k`, `NaN` where fewer are reachable.
pub(crate) fn k_nearest(
    engine: &AccessEngine,
    snapped: &Snapped,
    usable: &Usable,
    k: usize,
    max_snap_m: f64,
    s: &mut Scratch,
) -> Vec<f64> {
    usable.seeds(engine, &mut s.seeds);
    s.knn
        .run(engine.network.graph(), &s.seeds, k, f64::INFINITY);
    let mut out = vec![f64::NAN; engine.origins.len() * k];
    let Scratch {
        knn,
        cands,
        node_cands,
        ..
    } = s;
    for o in 0..engine.origins.len() {
        cands.clear();
        node_cands.clear();
        origin_candidates(
            engine,
            snapped,
            usable,
            o,
            max_snap_m,
            |node, add| node_cands.extend(knn.labels(node).map(|l| (l.dist_m + add, l.source))),
            |d, p| cands.push((d, p)),
        );
        cands.append(node_cands);
        cands.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut taken = 0;
        for i in 0..cands.len() {
            if taken == k {
                break;
            }
            let (d, p) = cands[i];
            if cands[..i].iter().any(|c| c.1 == p) {
                continue;
            }
            out[o * k + taken] = d;
            taken += 1;
        }
    }
    out
}

/// Straight-line (geodesic) distance from every origin's centroid to the
/// nearest facility among `ids` (all of them, snapped or not):
/// (distance or `INFINITY`, facility index or `NO_SOURCE`).
pub(crate) fn straight(engine: &AccessEngine, category: &str) -> Vec<(f64, u32)> {
    let plane = engine.network.index().plane();
    let Some(grid) = engine.straight.get(category) else {
        return vec![(f64::INFINITY, NO_SOURCE); engine.origins.len()];
    };
    let mut cands = Vec::new();
    engine
        .origins
        .iter()
        .map(|o| {
            let (Some(c), Some(around)) = (o.centroid, &o.around) else {
                return (f64::INFINITY, NO_SOURCE);
            };
            let (x, y) = plane.project(c.x(), c.y());
            grid.candidates([x, y], |d| d * 1.01 + 1.0, &mut cands);
            let mut best = (f64::INFINITY, NO_SOURCE);
            for &(_, fi) in &cands {
                let d = around.distance_m(engine.facilities[fi as usize].location);
                if better((d, fi), best) {
                    best = (d, fi);
                }
            }
            best
        })
        .collect()
}

/// Calls `f(position, origin, distance)` for every usable facility and every
/// origin within `cutoff_m` of it along the network (one bounded search per
/// facility; each pair once, at its shortest distance).
pub(crate) fn for_each_pair(
    engine: &AccessEngine,
    snapped: &Snapped,
    usable: &Usable,
    cutoff_m: f64,
    max_snap_m: f64,
    s: &mut Scratch,
    mut f: impl FnMut(u32, u32, f64),
) {
    let graph = engine.network.graph();
    let edges = graph.edges();
    s.stamp.clear();
    s.stamp.resize(engine.origins.len(), u32::MAX);
    s.best.clear();
    s.best.resize(engine.origins.len(), f64::INFINITY);
    let Scratch {
        bounded,
        stamp,
        best,
        touched,
        ..
    } = s;
    for (p, (_, fap)) in usable.list.iter().enumerate() {
        let p = p as u32;
        touched.clear();
        let mut offer = |o: u32, d: f64| {
            if d > cutoff_m {
                return;
            }
            let oi = o as usize;
            if stamp[oi] != p {
                stamp[oi] = p;
                best[oi] = d;
                touched.push(o);
            } else if d < best[oi] {
                best[oi] = d;
            }
        };
        // Origins on the facility's own edge, directly along it.
        for entry in snapped.on_edge(fap.edge) {
            if entry.ap.snap_m <= max_snap_m {
                offer(
                    entry.origin,
                    fap.extra_m + (entry.ap.offset_m - fap.offset_m).abs() + entry.ap.extra_m,
                );
            }
        }
        let e = edges[fap.edge as usize];
        let seeds = [
            (e.u, fap.extra_m + fap.offset_m),
            (e.v, fap.extra_m + (e.length_m - fap.offset_m).max(0.0)),
        ];
        bounded.run(graph, &seeds, cutoff_m, |node, d| {
            for at in snapped.at_node(node) {
                if at.snap_m <= max_snap_m {
                    offer(at.origin, d + at.dist_m);
                }
            }
        });
        for &o in touched.iter() {
            f(p, o, best[o as usize]);
        }
    }
}
