//! The reachable sub-network: one bounded Dijkstra from one or more
//! sources, then every edge cut exactly at each limit.
//!
//! A source is a point with its access point on the network (edge, offset
//! from the edge's `u` node, connector length `c`). The search is seeded at
//! both ends of the source's edge with `c + offset` and `c + L − offset`.
//! The network distance of a point at position `x` on edge `(a, b)` of
//! length `L` is then
//!
//! `min(d(a) + x, d(b) + L − x, min over sources s on the edge of c_s + |x − offset_s|)`,
//!
//! so the part of the edge within a limit `D` is the union of at most two
//! end intervals `[0, D − d(a)]`, `[L − (D − d(b)), L]` and one interval
//! `[offset_s − (D − c_s), offset_s + (D − c_s)]` per source on the edge,
//! clipped to `[0, L]`. A source's connector (the straight walk from the
//! point to its access point) is reached up to `min(c, D)` from the point.
//! Positions along an edge are geodesic metres; a piece's end points are
//! interpolated linearly in lon/lat between the edge's nodes (edges are
//! straight between consecutive road vertices).

use geo::{Coord, Point};

use super::same_edge::SameEdge;
use crate::access::AccessEngine;
use crate::error::Warning;
use crate::network::{BoundedSearch, Network, Snap};

/// A starting point of a search: a position and its access point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Source {
    /// Where walking starts (lon/lat).
    pub point: Point<f64>,
    /// Where it meets the network.
    pub snap: Snap,
}

impl Source {
    /// How many facilities `category` has, and those within `max_snap_m` of
    /// the network as sources. Each one farther off adds its warning to `warnings`; a
    /// category with no facility at all adds `EMPTY_CATEGORY`, whose
    /// sentence ends with `consequence` (what that means for the result).
    pub(crate) fn facilities(
        engine: &AccessEngine,
        category: &str,
        max_snap_m: f64,
        warnings: &mut Vec<Warning>,
        consequence: &str,
    ) -> (usize, Vec<Source>) {
        let (count, on) =
            engine.reachable_facilities(category, max_snap_m, &mut |w| warnings.push(w));
        if count == 0 {
            warnings.push(Warning::global(
                "EMPTY_CATEGORY",
                format!("no `{category}` facility in the data: {consequence}"),
            ));
        }
        let sources = on
            .into_iter()
            .map(|(point, snap)| Source { point, snap })
            .collect();
        (count, sources)
    }
}

/// A reached part of an edge or of a connector, lon/lat.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    /// The edge, or `None` for a connector.
    pub edge: Option<u32>,
    /// For a connector, the index of its source.
    pub source: Option<u32>,
    /// Start, metres along the edge from its `u` node (or along the
    /// connector from the source point).
    pub from_m: f64,
    /// End, metres along the same.
    pub to_m: f64,
    /// Position of the start (lon/lat).
    pub start: Coord<f64>,
    /// Position of the end (lon/lat).
    pub end: Coord<f64>,
}

/// Everything reachable from some sources within a distance.
#[derive(Debug)]
pub struct ReachableNetwork<'n> {
    network: &'n Network,
    sources: Vec<Source>,
    max_m: f64,
    /// Distance of every node (`INFINITY` beyond `max_m`).
    dist: Vec<f64>,
    /// Settled nodes in order of distance.
    settled: Vec<(u32, f64)>,
    /// Edges touched by the search or carrying a source, ascending.
    edges: Vec<u32>,
    /// (edge, source index), sorted, for the sources' own edges.
    on_edge: Vec<(u32, u32)>,
    /// The sources along their own edges (connector as the cost).
    same_edge: SameEdge,
}

impl<'n> ReachableNetwork<'n> {
    /// Runs one bounded search from `sources` up to `max_m` metres (the
    /// largest limit that will be asked for).
    pub fn new(network: &'n Network, sources: Vec<Source>, max_m: f64) -> Self {
        let graph = network.graph();
        let edges = graph.edges();
        let mut seeds = Vec::with_capacity(sources.len() * 2);
        let mut on_edge = Vec::with_capacity(sources.len());
        for (i, s) in sources.iter().enumerate() {
            let Some(e) = edges.get(s.snap.edge as usize) else {
                continue;
            };
            let c = s.snap.connector_m;
            seeds.push((e.u, c + s.snap.offset_m));
            seeds.push((e.v, c + (e.length_m - s.snap.offset_m).max(0.0)));
            on_edge.push((s.snap.edge, i as u32));
        }
        on_edge.sort_unstable();
        let same_edge = SameEdge::new(
            sources
                .iter()
                .map(|s| (s.snap.edge, s.snap.offset_m, s.snap.connector_m)),
        );
        let mut dist = vec![f64::INFINITY; graph.node_count()];
        let mut settled = Vec::new();
        let mut search = BoundedSearch::new();
        search.run(graph, &seeds, max_m, |node, d| {
            dist[node as usize] = d;
            settled.push((node, d));
        });
        let mut touched: Vec<u32> = settled
            .iter()
            .flat_map(|&(n, _)| graph.neighbours(n).iter().map(|a| a.edge))
            .chain(on_edge.iter().map(|x| x.0))
            .collect();
        touched.sort_unstable();
        touched.dedup();
        ReachableNetwork {
            network,
            sources,
            max_m,
            dist,
            settled,
            edges: touched,
            on_edge,
            same_edge,
        }
    }

    /// The sources.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The largest distance searched, metres.
    pub fn max_m(&self) -> f64 {
        self.max_m
    }

    /// Network distance of a node from the nearest source, metres; `None`
    /// when beyond [`ReachableNetwork::max_m`].
    pub fn node_distance(&self, node: u32) -> Option<f64> {
        self.dist
            .get(node as usize)
            .copied()
            .filter(|d| d.is_finite())
    }

    /// Nodes within `limit_m` (at most `max_m`), nearest first, with their
    /// distances.
    pub fn nodes_within(&self, limit_m: f64) -> impl Iterator<Item = (u32, f64)> + '_ {
        self.settled
            .iter()
            .copied()
            .take_while(move |&(_, d)| d <= limit_m)
    }

    /// Network distance of the point `offset_m` along edge `edge` (from its
    /// `u` node), metres; `None` when beyond `max_m` or the edge is unknown.
    pub fn distance_on_edge(&self, edge: u32, offset_m: f64) -> Option<f64> {
        let e = self.network.graph().edges().get(edge as usize)?;
        let x = offset_m.clamp(0.0, e.length_m);
        let d = (self.dist[e.u as usize] + x)
            .min(self.dist[e.v as usize] + e.length_m - x)
            .min(self.same_edge.least(edge, x));
        (d <= self.max_m).then_some(d)
    }

    fn sources_on(&self, edge: u32) -> impl Iterator<Item = u32> + '_ {
        let start = self.on_edge.partition_point(|x| x.0 < edge);
        self.on_edge[start..]
            .iter()
            .take_while(move |x| x.0 == edge)
            .map(|x| x.1)
    }

    /// The parts of `edge` within `limit_m`, as sorted disjoint intervals
    /// of metres from its `u` node (written into `out`).
    pub fn edge_intervals(&self, edge: u32, limit_m: f64, out: &mut Vec<(f64, f64)>) {
        out.clear();
        let Some(e) = self.network.graph().edges().get(edge as usize) else {
            return;
        };
        let len = e.length_m;
        let (da, db) = (self.dist[e.u as usize], self.dist[e.v as usize]);
        if da <= limit_m {
            out.push((0.0, (limit_m - da).min(len)));
        }
        if db <= limit_m {
            out.push(((len - (limit_m - db)).max(0.0), len));
        }
        for s in self.sources_on(edge) {
            let snap = self.sources[s as usize].snap;
            let r = limit_m - snap.connector_m;
            if r >= 0.0 {
                out.push(((snap.offset_m - r).max(0.0), (snap.offset_m + r).min(len)));
            }
        }
        merge(out);
    }

    /// Every reached piece within `limit_m`: parts of edges and connectors.
    pub fn pieces(&self, limit_m: f64) -> Vec<Piece> {
        self.increments(&[limit_m]).pop().unwrap_or_default()
    }

    /// For ascending limits, the pieces reached within each limit but not
    /// within the previous one (the first entry has everything within the
    /// first limit). The union of the first `i + 1` entries is exactly
    /// `pieces(limits[i])`.
    pub fn increments(&self, limits_m: &[f64]) -> Vec<Vec<Piece>> {
        let graph = self.network.graph();
        let nodes = graph.nodes();
        let mut out: Vec<Vec<Piece>> = vec![Vec::new(); limits_m.len()];
        let (mut prev, mut cur, mut diff) = (Vec::new(), Vec::new(), Vec::new());
        for &edge in &self.edges {
            let Some(e) = graph.edges().get(edge as usize) else {
                continue;
            };
            let (a, b) = (nodes[e.u as usize], nodes[e.v as usize]);
            let at = |x: f64| lerp(a, b, x / e.length_m);
            prev.clear();
            for (i, &limit) in limits_m.iter().enumerate() {
                self.edge_intervals(edge, limit, &mut cur);
                subtract(&cur, &prev, &mut diff);
                out[i].extend(diff.iter().map(|&(from_m, to_m)| Piece {
                    edge: Some(edge),
                    source: None,
                    from_m,
                    to_m,
                    start: at(from_m),
                    end: at(to_m),
                }));
                std::mem::swap(&mut prev, &mut cur);
            }
        }
        for (si, s) in self.sources.iter().enumerate() {
            let c = s.snap.connector_m;
            if c <= 0.0 {
                continue;
            }
            let (p, x) = (s.point.0, s.snap.point.0);
            let mut done = 0.0;
            for (i, &limit) in limits_m.iter().enumerate() {
                let reach = limit.min(c);
                if limit >= 0.0 && reach > done {
                    out[i].push(Piece {
                        edge: None,
                        source: Some(si as u32),
                        from_m: done,
                        to_m: reach,
                        start: lerp(p, x, done / c),
                        end: lerp(p, x, reach / c),
                    });
                    done = reach;
                }
            }
        }
        out
    }
}

/// The point at fraction `t` from `a` to `b`; exactly `a` or `b` at the ends
/// (so that pieces meeting at a node share its exact coordinates).
fn lerp(a: Coord<f64>, b: Coord<f64>, t: f64) -> Coord<f64> {
    if t.is_nan() || t <= 0.0 {
        return a;
    }
    if t >= 1.0 {
        return b;
    }
    Coord {
        x: a.x + t * (b.x - a.x),
        y: a.y + t * (b.y - a.y),
    }
}

/// Sorts and merges overlapping or touching intervals in place.
fn merge(v: &mut Vec<(f64, f64)>) {
    v.retain(|iv| iv.1 >= iv.0);
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut w = 0;
    for r in 0..v.len() {
        if w > 0 && v[r].0 <= v[w - 1].1 {
            v[w - 1].1 = v[w - 1].1.max(v[r].1);
        } else {
            v[w] = v[r];
            w += 1;
        }
    }
    v.truncate(w);
}

/// `a − b` for sorted disjoint interval lists with `b ⊆ a`-like inputs;
/// pieces shorter than a micrometre are dropped.
fn subtract(a: &[(f64, f64)], b: &[(f64, f64)], out: &mut Vec<(f64, f64)>) {
    const EPS: f64 = 1e-6;
    out.clear();
    for &(lo, hi) in a {
        let mut start = lo;
        for &(blo, bhi) in b {
            if bhi <= start || blo >= hi {
                continue;
            }
            if blo > start {
                out.push((start, blo));
            }
            start = start.max(bhi);
        }
        if hi > start {
            out.push((start, hi));
        }
    }
    out.retain(|iv| iv.1 - iv.0 > EPS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_and_subtract_intervals() {
        let mut v = vec![(5.0, 7.0), (0.0, 2.0), (1.0, 3.0), (7.0, 8.0), (4.0, 3.0)];
        merge(&mut v);
        assert_eq!(v, vec![(0.0, 3.0), (5.0, 8.0)]);
        let mut out = Vec::new();
        subtract(&[(0.0, 10.0)], &[(0.0, 2.0), (4.0, 5.0)], &mut out);
        assert_eq!(out, vec![(2.0, 4.0), (5.0, 10.0)]);
        subtract(&[(0.0, 2.0)], &[(0.0, 2.0)], &mut out);
        assert!(out.is_empty());
        subtract(&[(0.0, 2.0), (3.0, 4.0)], &[], &mut out);
        assert_eq!(out, vec![(0.0, 2.0), (3.0, 4.0)]);
    }
}
