//! Shortest-path searches: Dijkstra with a binary heap and lazy deletion.
//!
//! Three searches, each a reusable struct whose buffers survive between runs
//! (one allocation per query, not per category):
//! - [`NearestSources`]: multi-source search; every node learns its nearest
//!   source and the distance (ties: the lower source id).
//! - [`KNearestSources`]: every node learns its `k` nearest *distinct*
//!   sources. A node keeps at most `k` labels, one per source; a label is
//!   only propagated while the neighbour has fewer than `k` labels and none
//!   from that source. This is exact: if source `s` is among the `k`
//!   nearest of node `v`, it is among the `k` nearest of every node on its
//!   shortest path to `v` (otherwise `k` closer sources would also reach `v`
//!   first).
//! - [`BoundedSearch`]: one search from a set of seeds (one source),
//!   stopped at a cutoff, calling a visitor as each node is settled.
//!
//! Distances are non-negative `f64` metres; the queue is a binary heap
//! with lazy deletion (stale entries are skipped when popped).

use super::graph::Graph;
use super::heap::MinHeap;

/// "No source" marker in [`NearestSources::source`].
pub const NO_SOURCE: u32 = u32::MAX;

/// A starting point: `node` is reached from `source` at `dist_m`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seed {
    /// The node.
    pub node: u32,
    /// Distance already travelled, metres (finite, >= 0).
    pub dist_m: f64,
    /// Caller's id of the source (for example a facility position).
    pub source: u32,
}

/// Per-node state of [`NearestSources`].
#[derive(Debug, Clone, Copy)]
struct Nearest {
    dist: f64,
    source: u32,
    settled: bool,
}

const UNREACHED: Nearest = Nearest {
    dist: f64::INFINITY,
    source: NO_SOURCE,
    settled: false,
};

/// Multi-source Dijkstra: nearest source of every node.
#[derive(Debug, Default)]
pub struct NearestSources {
    state: Vec<Nearest>,
    heap: MinHeap<(u32, u32)>,
}

impl NearestSources {
    /// An empty search; buffers grow on the first run.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs from `seeds`, not going beyond `limit_m` (use `f64::INFINITY`
    /// for no limit). Seeds with invalid nodes or distances are ignored.
    pub fn run(&mut self, graph: &Graph, seeds: &[Seed], limit_m: f64) {
        let n = graph.node_count();
        self.state.clear();
        self.state.resize(n, UNREACHED);
        self.heap.clear();
        for s in seeds {
            let i = s.node as usize;
            if i < n
                && s.dist_m >= 0.0
                && s.dist_m <= limit_m
                && self.improves(i, s.dist_m, s.source)
            {
                self.state[i] = Nearest {
                    dist: s.dist_m,
                    source: s.source,
                    settled: false,
                };
                self.heap.push(s.dist_m, (s.node, s.source));
            }
        }
        while let Some((d, (u, src))) = self.heap.pop() {
            let st = &mut self.state[u as usize];
            if st.settled || d != st.dist || src != st.source {
                continue;
            }
            st.settled = true;
            for a in graph.neighbours(u) {
                let nd = d + a.length_m;
                let vi = a.node as usize;
                if nd <= limit_m && self.improves(vi, nd, src) {
                    self.state[vi] = Nearest {
                        dist: nd,
                        source: src,
                        settled: false,
                    };
                    self.heap.push(nd, (a.node, src));
                }
            }
        }
    }

    /// Whether reaching node `i` at `d` from `src` beats its current label
    /// (ties: the lower source wins, so results do not depend on heap order).
    fn improves(&self, i: usize, d: f64, src: u32) -> bool {
        let st = &self.state[i];
        d < st.dist || (d == st.dist && src < st.source)
    }

    /// Distance from the nearest source (`INFINITY` if unreached).
    pub fn dist(&self, node: u32) -> f64 {
        self.state
            .get(node as usize)
            .map_or(f64::INFINITY, |s| s.dist)
    }

    /// The nearest source ([`NO_SOURCE`] if unreached).
    pub fn source(&self, node: u32) -> u32 {
        self.state
            .get(node as usize)
            .map_or(NO_SOURCE, |s| s.source)
    }
}

/// One label of [`KNearestSources`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    /// Distance from the source, metres.
    pub dist_m: f64,
    /// The source.
    pub source: u32,
}

/// A tentative or settled label slot.
#[derive(Debug, Clone, Copy)]
struct Slot {
    label: Label,
    settled: bool,
}

/// (distance, source) order of labels.
fn before(a: Label, b: Label) -> bool {
    a.dist_m < b.dist_m || (a.dist_m == b.dist_m && a.source < b.source)
}

/// Multi-source Dijkstra keeping the `k` nearest distinct sources per node.
///
/// Each node holds at most `k` labels, at most one per source: settled ones
/// (final) and tentative ones. A relaxation improves the node's label from
/// the same source, fills a free slot, or evicts the worst tentative label
/// if it is better; otherwise it is dropped, so the heap only holds
/// candidates that can still matter.
#[derive(Debug, Default)]
pub struct KNearestSources {
    k: usize,
    count: Vec<u32>,
    slots: Vec<Slot>,
    heap: MinHeap<(u32, u32)>,
}

impl KNearestSources {
    /// An empty search; buffers grow on the first run.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs from `seeds` keeping up to `k` (>= 1) labels per node, not going
    /// beyond `limit_m`.
    pub fn run(&mut self, graph: &Graph, seeds: &[Seed], k: usize, limit_m: f64) {
        let n = graph.node_count();
        let k = k.max(1);
        self.k = k;
        self.count.clear();
        self.count.resize(n, 0);
        self.slots.clear();
        let blank = Slot {
            label: Label {
                dist_m: f64::INFINITY,
                source: NO_SOURCE,
            },
            settled: false,
        };
        self.slots.resize(n * k, blank);
        self.heap.clear();
        for s in seeds {
            if (s.node as usize) < n && s.dist_m >= 0.0 && s.dist_m <= limit_m {
                let label = Label {
                    dist_m: s.dist_m,
                    source: s.source,
                };
                if self.offer(s.node as usize, label) {
                    self.heap.push(s.dist_m, (s.node, s.source));
                }
            }
        }
        while let Some((d, (u, src))) = self.heap.pop() {
            let ui = u as usize;
            let c = self.count[ui] as usize;
            let Some(slot) = self.slots[ui * k..ui * k + c]
                .iter_mut()
                .find(|s| s.label.source == src)
            else {
                continue; // evicted
            };
            if slot.settled || slot.label.dist_m != d {
                continue; // stale
            }
            slot.settled = true;
            for a in graph.neighbours(u) {
                let nd = d + a.length_m;
                if nd <= limit_m
                    && self.offer(
                        a.node as usize,
                        Label {
                            dist_m: nd,
                            source: src,
                        },
                    )
                {
                    self.heap.push(nd, (a.node, src));
                }
            }
        }
        for i in 0..n {
            let c = self.count[i] as usize;
            self.slots[i * k..i * k + c].sort_unstable_by(|a, b| {
                a.label
                    .dist_m
                    .total_cmp(&b.label.dist_m)
                    .then(a.label.source.cmp(&b.label.source))
            });
        }
    }

    /// Tries to record `label` at node `i`; true if it is now a tentative label.
    fn offer(&mut self, i: usize, label: Label) -> bool {
        let k = self.k;
        let c = self.count[i] as usize;
        let slots = &mut self.slots[i * k..i * k + c];
        if let Some(s) = slots.iter_mut().find(|s| s.label.source == label.source) {
            if s.settled || !before(label, s.label) {
                return false;
            }
            s.label = label;
            return true;
        }
        if c < k {
            self.slots[i * k + c] = Slot {
                label,
                settled: false,
            };
            self.count[i] += 1;
            return true;
        }
        let mut worst: Option<usize> = None;
        for (j, s) in slots.iter().enumerate() {
            if !s.settled && worst.is_none_or(|w| before(slots[w].label, s.label)) {
                worst = Some(j);
            }
        }
        match worst {
            Some(w) if before(label, slots[w].label) => {
                slots[w] = Slot {
                    label,
                    settled: false,
                };
                true
            }
            _ => false,
        }
    }

    /// The labels of `node`, nearest first (empty if unreached).
    pub fn labels(&self, node: u32) -> impl Iterator<Item = Label> + '_ {
        let i = node as usize;
        let c = self.count.get(i).map_or(0, |&c| c as usize);
        let start = if c > 0 { i * self.k } else { 0 };
        self.slots[start..start + c].iter().map(|s| s.label)
    }
}

/// Single-source Dijkstra bounded by a cutoff, with a settle visitor.
#[derive(Debug, Default)]
pub struct BoundedSearch {
    dist: Vec<f64>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    heap: MinHeap<u32>,
}

impl BoundedSearch {
    /// An empty search; buffers grow on the first run.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs from `seeds` (node, distance) and calls `visit(node, dist_m)` for
    /// every node settled within `cutoff_m`, in order of distance.
    pub fn run(
        &mut self,
        graph: &Graph,
        seeds: &[(u32, f64)],
        cutoff_m: f64,
        mut visit: impl FnMut(u32, f64),
    ) {
        let n = graph.node_count();
        if self.dist.len() != n {
            self.dist.clear();
            self.dist.resize(n, f64::INFINITY);
            self.settled.clear();
            self.settled.resize(n, false);
        } else {
            for &t in &self.touched {
                self.dist[t as usize] = f64::INFINITY;
                self.settled[t as usize] = false;
            }
        }
        self.touched.clear();
        self.heap.clear();
        for &(node, d) in seeds {
            let i = node as usize;
            if i < n && d >= 0.0 && d <= cutoff_m && d < self.dist[i] {
                if self.dist[i].is_infinite() {
                    self.touched.push(node);
                }
                self.dist[i] = d;
                self.heap.push(d, node);
            }
        }
        while let Some((d, u)) = self.heap.pop() {
            let ui = u as usize;
            if self.settled[ui] || d > self.dist[ui] {
                continue;
            }
            self.settled[ui] = true;
            visit(u, d);
            for a in graph.neighbours(u) {
                let nd = d + a.length_m;
                let vi = a.node as usize;
                if nd <= cutoff_m && nd < self.dist[vi] {
                    if self.dist[vi].is_infinite() {
                        self.touched.push(a.node);
                    }
                    self.dist[vi] = nd;
                    self.heap.push(nd, a.node);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Road;
    use geo::{Coord, MultiLineString};

    /// A path 0 - 1 - 2 - 3 along the equator, ~111 m per step.
    fn path() -> Graph {
        let line: Vec<Coord<f64>> = (0..4)
            .map(|i| Coord {
                x: f64::from(i) * 0.001,
                y: 0.0,
            })
            .collect();
        let road = Road {
            feature_index: 0,
            id: None,
            lines: MultiLineString::new(vec![line.into()]),
            walkable: true,
        };
        Graph::from_roads(&[road], 0.0)
    }

    fn seed(node: u32, dist_m: f64, source: u32) -> Seed {
        Seed {
            node,
            dist_m,
            source,
        }
    }

    #[test]
    fn nearest_source_and_limit() {
        let g = path();
        let step = g.edges()[0].length_m;
        let mut s = NearestSources::new();
        let seeds = [seed(0, 0.0, 7), seed(3, 10.0, 9)];
        s.run(&g, &seeds, f64::INFINITY);
        assert_eq!(s.source(1), 7);
        assert_eq!(s.source(2), 9);
        assert!((s.dist(2) - (10.0 + step)).abs() < 1e-9);
        s.run(&g, &seeds[..1], 1.5 * step);
        assert_eq!(s.source(2), NO_SOURCE);
        assert!(s.dist(2).is_infinite());
        assert!(s.dist(99).is_infinite());
    }

    #[test]
    fn k_nearest_keeps_distinct_sources() {
        let g = path();
        let mut s = KNearestSources::new();
        // Source 1 is seeded twice; it must count once.
        let seeds = [seed(0, 0.0, 1), seed(1, 5.0, 1), seed(3, 0.0, 2)];
        s.run(&g, &seeds, 3, f64::INFINITY);
        let l: Vec<Label> = s.labels(1).collect();
        assert_eq!(l.len(), 2);
        assert_eq!((l[0].source, l[0].dist_m), (1, 5.0));
        assert_eq!(l[1].source, 2);
    }

    #[test]
    fn bounded_search_visits_in_order_and_resets() {
        let g = path();
        let mut s = BoundedSearch::new();
        let mut seen = Vec::new();
        s.run(&g, &[(0, 0.0)], 250.0, |n, d| seen.push((n, d)));
        assert_eq!(seen.iter().map(|x| x.0).collect::<Vec<_>>(), vec![0, 1, 2]);
        assert!(seen.windows(2).all(|w| w[0].1 <= w[1].1));
        seen.clear();
        s.run(&g, &[(3, 0.0)], 150.0, |n, d| seen.push((n, d)));
        assert_eq!(seen.iter().map(|x| x.0).collect::<Vec<_>>(), vec![3, 2]);
    }
}
