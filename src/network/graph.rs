//! The walking graph: nodes from road vertices, undirected edges between
//! consecutive vertices, compressed sparse row (CSR) adjacency.
//!
//! Rules (they match `data/helsinki-centre/ORACLE.md`, "Walk network"):
//! - only walkable roads are used; every vertex of every line becomes a node,
//!   and vertices with identical coordinates are one node, so lines join only
//!   where they share a vertex (a bridge crossing a street without a shared
//!   vertex stays unjoined);
//! - optionally, vertices closer than `merge_tolerance_m` (planar distance in
//!   a local tangent plane) are merged too, transitively; the merged node sits
//!   at the position of its first vertex in input order;
//! - an edge joins two consecutive vertices of a line; its length is the
//!   geodesic distance between them ([`super::metric::distance_m`]: within
//!   1e-9 relative of Karney's geodesic for edges under 1 km, Karney itself
//!   beyond 5 km);
//!   zero-length pairs are dropped and duplicate edges (same two nodes,
//!   either direction) are merged;
//! - nodes are numbered in order of first appearance, edges in order of
//!   their (lower node, higher node) pair.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use geo::{Coord, Point};

use super::metric;
use crate::geodesy::{coord_bounds, LocalPlane};
use crate::model::Road;

/// A small fast hasher for integer keys (FxHash's mixing step).
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.add(u64::from(*b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }
    fn write_i64(&mut self, v: i64) {
        self.add(v as u64);
    }
    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash map with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One entry of a node's adjacency list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adjacent {
    /// The neighbouring node.
    pub node: u32,
    /// The edge leading there.
    pub edge: u32,
    /// Length of that edge in metres.
    pub length_m: f64,
}

/// An undirected edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// First node (the lower index).
    pub u: u32,
    /// Second node (the higher index).
    pub v: u32,
    /// Geodesic length in metres (> 0).
    pub length_m: f64,
    /// Feature index of the (first) road that produced the edge.
    pub feature_index: usize,
}

/// The walking graph in CSR form.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    nodes: Vec<Coord<f64>>,
    edges: Vec<Edge>,
    offsets: Vec<u32>,
    adjacency: Vec<Adjacent>,
    component: Vec<u32>,
    components: Vec<Component>,
}

/// One connected component of the graph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Component {
    /// Number of nodes.
    pub nodes: usize,
    /// Number of edges.
    pub edges: usize,
    /// Total edge length in metres.
    pub length_m: f64,
    /// Feature index of one road in the component (its first edge's road).
    pub feature_index: usize,
}

/// Union-find over vertex indices; the root of a set is its smallest index.
struct UnionFind(Vec<u32>);

impl UnionFind {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let parent = self.0[x as usize];
            self.0[x as usize] = self.0[parent as usize];
            x = parent;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi as usize] = lo;
        }
    }
}

/// Exact-coordinate key: `-0.0` and `0.0` are the same position.
fn coord_key(c: Coord<f64>) -> (u64, u64) {
    ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits())
}

/// Merges vertices closer than `tol_m` (planar, in a tangent plane around
/// the data's centre); returns the root (smallest index) of every vertex.
fn merge_close(coords: &[Coord<f64>], tol_m: f64) -> Vec<u32> {
    let mut uf = UnionFind((0..coords.len() as u32).collect());
    if tol_m <= 0.0 || coords.is_empty() {
        return uf.0;
    }
    let Some((min, max)) = coord_bounds(coords) else {
        return uf.0;
    };
    let plane = LocalPlane::centred_on_box(min, max);
    let xy: Vec<(f64, f64)> = coords.iter().map(|c| plane.project(c.x, c.y)).collect();
    let cell = |p: (f64, f64)| ((p.0 / tol_m).floor() as i64, (p.1 / tol_m).floor() as i64);
    // Cell -> first vertex, plus a chain of further vertices in the same cell.
    let mut head: FxMap<(i64, i64), u32> = FxMap::default();
    let mut next = vec![u32::MAX; coords.len()];
    for (i, p) in xy.iter().enumerate() {
        let slot = head.entry(cell(*p)).or_insert(u32::MAX);
        next[i] = *slot;
        *slot = i as u32;
    }
    let tol2 = tol_m * tol_m;
    for (i, p) in xy.iter().enumerate() {
        let (cx, cy) = cell(*p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                let mut j = head.get(&(cx + dx, cy + dy)).copied().unwrap_or(u32::MAX);
                while j != u32::MAX {
                    if (j as usize) > i {
                        let q = xy[j as usize];
                        let d2 = (q.0 - p.0).powi(2) + (q.1 - p.1).powi(2);
                        if d2 <= tol2 {
                            uf.union(i as u32, j);
                        }
                    }
                    j = next[j as usize];
                }
            }
        }
    }
    (0..coords.len() as u32).map(|i| uf.find(i)).collect()
}

impl Graph {
    /// Builds the graph from the walkable roads (non-walkable ones are
    /// skipped). `merge_tolerance_m` = 0 merges exact duplicates only.
    pub fn from_roads(roads: &[Road], merge_tolerance_m: f64) -> Graph {
        // 1. Distinct vertices and the raw vertex pairs.
        let mut index: FxMap<(u64, u64), u32> = FxMap::default();
        let mut coords: Vec<Coord<f64>> = Vec::new();
        let mut pairs: Vec<(u32, u32, usize)> = Vec::new();
        for road in roads.iter().filter(|r| r.walkable) {
            for line in &road.lines.0 {
                let mut prev: Option<u32> = None;
                for c in &line.0 {
                    let next_id = coords.len() as u32;
                    let id = *index.entry(coord_key(*c)).or_insert(next_id);
                    if id == next_id {
                        coords.push(*c);
                    }
                    if let Some(p) = prev {
                        pairs.push((p, id, road.feature_index));
                    }
                    prev = Some(id);
                }
            }
        }
        drop(index);
        // 2. Optional merge of close vertices.
        let root = merge_close(&coords, merge_tolerance_m);
        // 3. Unique undirected pairs between distinct roots.
        let mut keyed: Vec<(u32, u32, usize)> = pairs
            .into_iter()
            .filter_map(|(a, b, f)| {
                let (ra, rb) = (root[a as usize], root[b as usize]);
                match ra.cmp(&rb) {
                    std::cmp::Ordering::Less => Some((ra, rb, f)),
                    std::cmp::Ordering::Greater => Some((rb, ra, f)),
                    std::cmp::Ordering::Equal => None,
                }
            })
            .collect();
        keyed.sort_unstable();
        keyed.dedup_by(|later, first| later.0 == first.0 && later.1 == first.1);
        // 4. Lengths; nodes renumbered densely over the vertices that are used.
        let mut new_id = vec![u32::MAX; coords.len()];
        let mut nodes = Vec::new();
        let mut edges = Vec::with_capacity(keyed.len());
        for (a, b, feature_index) in keyed {
            let (ca, cb) = (coords[a as usize], coords[b as usize]);
            let length_m = metric::distance_m(Point(ca), Point(cb));
            if !(length_m > 0.0 && length_m.is_finite()) {
                continue;
            }
            edges.push((a, b, length_m, feature_index));
        }
        // Number nodes in order of first appearance (raw vertex order).
        let mut used = vec![false; coords.len()];
        for e in &edges {
            used[e.0 as usize] = true;
            used[e.1 as usize] = true;
        }
        for (i, c) in coords.iter().enumerate() {
            if used[i] {
                new_id[i] = nodes.len() as u32;
                nodes.push(*c);
            }
        }
        let mut edges: Vec<Edge> = edges
            .into_iter()
            .map(|(a, b, length_m, feature_index)| {
                let (u, v) = (new_id[a as usize], new_id[b as usize]);
                Edge {
                    u: u.min(v),
                    v: u.max(v),
                    length_m,
                    feature_index,
                }
            })
            .collect();
        edges.sort_unstable_by_key(|e| (e.u, e.v));
        Graph::from_parts(nodes, edges)
    }

    /// Builds the CSR adjacency and the components from nodes and edges.
    fn from_parts(nodes: Vec<Coord<f64>>, edges: Vec<Edge>) -> Graph {
        let n = nodes.len();
        let mut offsets = vec![0u32; n + 1];
        for e in &edges {
            offsets[e.u as usize + 1] += 1;
            offsets[e.v as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill: Vec<u32> = offsets[..n].to_vec();
        let blank = Adjacent {
            node: 0,
            edge: 0,
            length_m: 0.0,
        };
        let mut adjacency = vec![blank; edges.len() * 2];
        for (i, e) in edges.iter().enumerate() {
            for (from, to) in [(e.u, e.v), (e.v, e.u)] {
                let slot = &mut fill[from as usize];
                adjacency[*slot as usize] = Adjacent {
                    node: to,
                    edge: i as u32,
                    length_m: e.length_m,
                };
                *slot += 1;
            }
        }
        let mut g = Graph {
            nodes,
            edges,
            offsets,
            adjacency,
            component: Vec::new(),
            components: Vec::new(),
        };
        g.label_components();
        g
    }

    /// Labels connected components (numbered by their lowest node).
    fn label_components(&mut self) {
        let n = self.nodes.len();
        let mut component = vec![u32::MAX; n];
        let mut components = Vec::new();
        let mut stack = Vec::new();
        for start in 0..n {
            if component[start] != u32::MAX {
                continue;
            }
            let id = components.len() as u32;
            let mut c = Component {
                nodes: 0,
                edges: 0,
                length_m: 0.0,
                feature_index: usize::MAX,
            };
            component[start] = id;
            stack.push(start as u32);
            while let Some(x) = stack.pop() {
                c.nodes += 1;
                for a in self.neighbours(x) {
                    if x < a.node {
                        c.edges += 1;
                        c.length_m += a.length_m;
                        c.feature_index = c
                            .feature_index
                            .min(self.edges[a.edge as usize].feature_index);
                    }
                    if component[a.node as usize] == u32::MAX {
                        component[a.node as usize] = id;
                        stack.push(a.node);
                    }
                }
            }
            components.push(c);
        }
        self.component = component;
        self.components = components;
    }

    /// A copy keeping only the largest component (node and edge order kept).
    pub fn largest_component_only(&self) -> Graph {
        let Some(keep) = self.largest_component() else {
            return self.clone();
        };
        let mut new_id = vec![u32::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (i, c) in self.nodes.iter().enumerate() {
            if self.component[i] == keep {
                new_id[i] = nodes.len() as u32;
                nodes.push(*c);
            }
        }
        let edges = self
            .edges
            .iter()
            .filter(|e| self.component[e.u as usize] == keep)
            .map(|e| Edge {
                u: new_id[e.u as usize],
                v: new_id[e.v as usize],
                ..*e
            })
            .collect();
        Graph::from_parts(nodes, edges)
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Position of a node (lon/lat). Panics-free: out-of-range gives `None`.
    pub fn node(&self, node: u32) -> Option<Point<f64>> {
        self.nodes.get(node as usize).map(|c| Point(*c))
    }

    /// All node positions, indexed by node.
    pub fn nodes(&self) -> &[Coord<f64>] {
        &self.nodes
    }

    /// All edges, indexed by edge.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The nodes adjacent to `node` with the connecting edges (empty for an
    /// out-of-range node).
    pub fn neighbours(&self, node: u32) -> &[Adjacent] {
        let i = node as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.adjacency[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Component id of every node.
    pub fn component_of(&self, node: u32) -> Option<u32> {
        self.component.get(node as usize).copied()
    }

    /// The connected components, indexed by component id.
    pub fn components(&self) -> &[Component] {
        &self.components
    }

    /// Id of the component with the most nodes (ties: the lower id).
    pub fn largest_component(&self) -> Option<u32> {
        let mut best: Option<(usize, u32)> = None;
        for (i, c) in self.components.iter().enumerate() {
            if best.is_none_or(|(n, _)| c.nodes > n) {
                best = Some((c.nodes, i as u32));
            }
        }
        best.map(|(_, i)| i)
    }

    /// Sum of all edge lengths in metres.
    pub fn total_length_m(&self) -> f64 {
        self.edges.iter().map(|e| e.length_m).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{line_string, MultiLineString};

    fn road(i: usize, coords: &[(f64, f64)]) -> Road {
        let ls = coords.iter().map(|&(x, y)| Coord { x, y }).collect();
        Road {
            feature_index: i,
            id: None,
            lines: MultiLineString::new(vec![ls]),
            walkable: true,
        }
    }

    #[test]
    fn shared_vertices_join_and_crossings_do_not() {
        // A cross of two lines that do not share their middle vertex.
        let roads = [
            road(0, &[(0.0, 0.0), (0.002, 0.0)]),
            road(1, &[(0.001, -0.001), (0.001, 0.001)]),
            road(2, &[(0.002, 0.0), (0.003, 0.0)]),
        ];
        let g = Graph::from_roads(&roads, 0.0);
        assert_eq!(g.node_count(), 5);
        assert_eq!(g.edge_count(), 3);
        assert_eq!(g.components().len(), 2);
        let largest = g.largest_component().unwrap();
        assert_eq!(g.components()[largest as usize].nodes, 3);
        assert_eq!(g.components()[largest as usize].feature_index, 0);
    }

    #[test]
    fn duplicates_and_zero_length_pairs_are_dropped() {
        let mut r = road(0, &[(0.0, 0.0), (0.001, 0.0), (0.001, 0.0), (0.0, 0.0)]);
        r.lines
            .0
            .push(line_string![(x: 0.0, y: 0.0), (x: 0.001, y: 0.0)]);
        let mut not_walkable = road(1, &[(0.0, 0.0), (0.0, 0.001)]);
        not_walkable.walkable = false;
        let g = Graph::from_roads(&[r, not_walkable], 0.0);
        assert_eq!(g.node_count(), 2);
        assert_eq!(g.edge_count(), 1);
        let e = g.edges()[0];
        let karney = crate::geodesy::distance_m(Point::new(0.0, 0.0), Point::new(0.001, 0.0));
        assert!((e.length_m - karney).abs() < 1e-9 * karney);
        assert_eq!(g.neighbours(0).len(), 1);
        assert_eq!(g.neighbours(7).len(), 0);
    }

    #[test]
    fn merge_tolerance_joins_near_vertices_only() {
        // Second line starts 0.3 m east of the first line's end.
        let d = 0.3 / 111_320.0;
        let roads = [
            road(0, &[(0.0, 0.0), (0.001, 0.0)]),
            road(1, &[(0.001 + d, 0.0), (0.002, 0.0)]),
        ];
        assert_eq!(Graph::from_roads(&roads, 0.0).components().len(), 2);
        let merged = Graph::from_roads(&roads, 0.5);
        assert_eq!(merged.components().len(), 1);
        assert_eq!(merged.node_count(), 3);
        // The merged node keeps the first vertex's position.
        assert_eq!(merged.node(1).unwrap(), Point::new(0.001, 0.0));
        assert_eq!(Graph::from_roads(&roads, 0.2).components().len(), 2);
    }

    #[test]
    fn empty_input_gives_empty_graph() {
        let g = Graph::from_roads(&[], 0.5);
        assert_eq!((g.node_count(), g.edge_count()), (0, 0));
        assert!(g.largest_component().is_none());
    }
}
