//! Snapping points onto the network.
//!
//! Edge snapping (the default): the access point of a point P is the point X
//! of the network closest to P. Candidate edges come from one R-tree over all
//! edges as straight segments in a tangent plane around the data's centre:
//! every edge within `1.01 × nearest + 1 m` of P. Each candidate is then
//! measured precisely: the edge is the geodesic between its nodes, modelled
//! as the lon/lat chord plus its (millimetre-sized) great-circle bulge; the
//! closest point comes from the perpendicular foot in a tangent plane
//! centred on P refined by one Newton step, and distances are geodesic
//! ([`super::metric::distance_m`]).
//! Positions within 1e-6 m of an edge end are moved to that end, an end wins
//! if it is at least as close, and ties between edges go to the lower edge
//! index. This is the rule of the reference data (`network_edge`); on the
//! Helsinki reference the connectors agree to about 1e-5 m.
//!
//! Node snapping: the network node geodesically nearest to P (ties: lower
//! node index), with the same candidate search over a point R-tree.

use std::sync::OnceLock;

use geo::{Coord, Point};
use rstar::primitives::{GeomWithData, Line};
use rstar::{PointDistance, RTree, AABB};

use super::graph::Graph;
use super::metric::Around;
use crate::geodesy::{coord_bounds, LocalPlane};

/// Where a point meets the network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snap {
    /// The edge the access point lies on.
    pub edge: u32,
    /// Distance along the edge from its `u` node to the access point, metres
    /// (0 ..= edge length).
    pub offset_m: f64,
    /// Geodesic length of the straight connector from the point to the
    /// access point, metres.
    pub connector_m: f64,
    /// The access point (lon/lat).
    pub point: Point<f64>,
}

/// A network node nearest to a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeSnap {
    /// The node.
    pub node: u32,
    /// Geodesic distance from the point to the node, metres.
    pub distance_m: f64,
}

type Segment = GeomWithData<Line<[f64; 2]>, u32>;
type Vertex = GeomWithData<[f64; 2], u32>;

/// Candidate window: relative and absolute slack over the nearest planar
/// distance, generous enough to absorb the tangent plane's scale error
/// (about 0.1% at 10 km from its centre).
const WINDOW_REL: f64 = 1.01;
const WINDOW_ABS_M: f64 = 1.0;
/// Candidates within this of the best chord distance are measured again
/// with the geodesic bulge (≥ the bulge of a 2.5 km edge), metres.
const BULGE_SLACK_M: f64 = 0.25;
/// Half-size of the first search box, metres.
const FIRST_BOX_M: f64 = 50.0;
/// Positions this close to an edge end are moved onto the end.
const END_EPS_M: f64 = 1e-6;

/// The square [q - h, q + h].
fn square(q: [f64; 2], h: f64) -> AABB<[f64; 2]> {
    AABB::from_corners([q[0] - h, q[1] - h], [q[0] + h, q[1] + h])
}

/// R-trees over the edges (and, on first use, the nodes) of a graph.
#[derive(Debug)]
pub struct SnapIndex {
    plane: LocalPlane,
    segments: RTree<Segment>,
    vertices: OnceLock<RTree<Vertex>>,
}

impl SnapIndex {
    /// Indexes every edge of `graph`.
    pub fn new(graph: &Graph) -> SnapIndex {
        let nodes = graph.nodes();
        let origin = Coord { x: 0.0, y: 0.0 };
        let (min, max) = coord_bounds(nodes).unwrap_or((origin, origin));
        let plane = LocalPlane::centred_on_box(min, max);
        let xy = |c: Coord<f64>| {
            let (x, y) = plane.project(c.x, c.y);
            [x, y]
        };
        let segments = graph
            .edges()
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let line = Line::new(xy(nodes[e.u as usize]), xy(nodes[e.v as usize]));
                GeomWithData::new(line, i as u32)
            })
            .collect();
        SnapIndex {
            plane,
            segments: RTree::bulk_load(segments),
            vertices: OnceLock::new(),
        }
    }

    /// The tangent plane used for the candidate search.
    pub fn plane(&self) -> &LocalPlane {
        &self.plane
    }

    /// Snaps `p` onto the nearest edge; `None` when the graph has no edges.
    pub fn snap(&self, graph: &Graph, p: Point<f64>) -> Option<Snap> {
        self.snap_within(graph, p, f64::INFINITY)
    }

    /// [`Self::snap`], but `None` as soon as no edge can lie within
    /// `limit_m` (with the plane's slack): a point far from every road then
    /// costs a few tree queries, not a box over the whole network.
    pub fn snap_within(&self, graph: &Graph, p: Point<f64>, limit_m: f64) -> Option<Snap> {
        let (qx, qy) = self.plane.project(p.x(), p.y());
        let q = [qx, qy];
        if self.segments.size() == 0 {
            return None;
        }
        let local = Around::new(p);
        // Box search: every segment within distance h of q has its bounding
        // box inside [q - h, q + h]. Grow h until the box holds the nearest
        // segment and the whole candidate window around it.
        let mut h = FIRST_BOX_M;
        let mut cands: Vec<(f64, u32)> = Vec::with_capacity(32);
        let window = loop {
            cands.clear();
            let mut nearest2 = f64::INFINITY;
            for cand in self.segments.locate_in_envelope_intersecting(&square(q, h)) {
                let d2 = cand.distance_2(&q);
                nearest2 = nearest2.min(d2);
                cands.push((d2, cand.data));
            }
            let window = nearest2.sqrt() * WINDOW_REL + WINDOW_ABS_M;
            let reach = limit_m * WINDOW_REL + WINDOW_ABS_M + BULGE_SLACK_M;
            // Every edge is at least min(nearest in the box, h) away: an
            // edge outside the box is farther than h.
            if nearest2.sqrt().min(h) > reach {
                return None;
            }
            if window <= h {
                break window;
            }
            h = if nearest2.is_finite() {
                window
            } else {
                h * 4.0
            };
        };
        // Measure every candidate as a straight chord, then only the close
        // ones again with their geodesic bulge (which moves a connector by
        // at most BULGE_SLACK_M).
        let mut snaps: Vec<Snap> = cands
            .iter()
            .filter(|(d2, _)| *d2 <= window * window)
            .map(|&(_, edge)| on_edge(graph, edge, &local, false))
            .collect();
        let chord_best = snaps
            .iter()
            .map(|s| s.connector_m)
            .fold(f64::INFINITY, f64::min);
        for s in snaps.iter_mut() {
            if s.connector_m <= chord_best + BULGE_SLACK_M {
                *s = on_edge(graph, s.edge, &local, true);
            }
        }
        let mut best: Option<Snap> = None;
        for s in snaps {
            let better = match &best {
                None => true,
                Some(b) => {
                    s.connector_m < b.connector_m
                        || (s.connector_m == b.connector_m && s.edge < b.edge)
                }
            };
            if better {
                best = Some(s);
            }
        }
        best
    }

    /// The node nearest to `p`; `None` when the graph has no nodes.
    pub fn snap_node(&self, graph: &Graph, p: Point<f64>) -> Option<NodeSnap> {
        let tree = self.vertices.get_or_init(|| {
            let pts = graph
                .nodes()
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let (x, y) = self.plane.project(c.x, c.y);
                    GeomWithData::new([x, y], i as u32)
                })
                .collect();
            RTree::bulk_load(pts)
        });
        let (qx, qy) = self.plane.project(p.x(), p.y());
        let q = [qx, qy];
        let nearest = tree.nearest_neighbor(&q)?;
        let r = nearest.distance_2(&q).sqrt() * WINDOW_REL + WINDOW_ABS_M;
        let around = Around::new(p);
        let mut best: Option<NodeSnap> = None;
        for cand in tree.locate_within_distance(q, r * r) {
            let node = cand.data;
            let Some(pos) = graph.node(node) else {
                continue;
            };
            let d = around.distance_m(pos);
            let better = match &best {
                None => true,
                Some(b) => d < b.distance_m || (d == b.distance_m && node < b.node),
            };
            if better {
                best = Some(NodeSnap {
                    node,
                    distance_m: d,
                });
            }
        }
        best
    }
}

/// Edges shorter than this are treated as straight in lon/lat: their
/// geodesic bulges from the chord by under 0.05 mm below 80° latitude.
const STRAIGHT_EDGE_M: f64 = 20.0;

/// How far the geodesic A–B bulges from the straight lon/lat chord at its
/// midpoint, times 4 (so that `t(1 - t) · bulge` is the offset at `t`), in
/// degrees. Uses the great-circle midpoint on a sphere; the ellipsoid
/// changes this millimetre-sized bulge by well under 1%.
fn geodesic_bulge(a: Coord<f64>, b: Coord<f64>, len_m: f64) -> Coord<f64> {
    if len_m < STRAIGHT_EDGE_M {
        return Coord { x: 0.0, y: 0.0 };
    }
    let unit = |c: Coord<f64>| {
        let (lat, lon) = (c.y.to_radians(), c.x.to_radians());
        (lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin())
    };
    let (p, q) = (unit(a), unit(b));
    let (x, y, z) = (p.0 + q.0, p.1 + q.1, p.2 + q.2);
    let mid_lat = z.atan2(x.hypot(y)).to_degrees();
    let mut mid_lon = y.atan2(x).to_degrees();
    let chord_lon = (a.x + b.x) / 2.0;
    // Keep the midpoint's longitude on the chord's side of the antimeridian.
    mid_lon += 360.0 * ((chord_lon - mid_lon) / 360.0).round();
    Coord {
        x: 4.0 * (mid_lon - chord_lon),
        y: 4.0 * (mid_lat - (a.y + b.y) / 2.0),
    }
}

/// The point of edge `e` closest to the anchor of `local` (see the module docs).
fn on_edge(graph: &Graph, e: u32, local: &Around, bulge_on: bool) -> Snap {
    let edge = graph.edges()[e as usize];
    let nodes = graph.nodes();
    let (a, b) = (nodes[edge.u as usize], nodes[edge.v as usize]);
    let len = edge.length_m;
    let (ax, ay) = local.project(a.x, a.y);
    let (bx, by) = local.project(b.x, b.y);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let mut t = if len2 > 0.0 {
        (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    // The edge is a geodesic: X(t) = A + t(B - A) + t(1 - t) bulge.
    let bulge = if bulge_on {
        geodesic_bulge(a, b, len)
    } else {
        Coord { x: 0.0, y: 0.0 }
    };
    if t > 0.0 && t < 1.0 && bulge != (Coord { x: 0.0, y: 0.0 }) {
        // One Newton step on |X(t) - P|² from the chord's foot (P = origin).
        let (hx, hy) = local.project(a.x + bulge.x, a.y + bulge.y);
        let (hx, hy) = (hx - ax, hy - ay);
        let at = |t: f64| {
            let w = t * (1.0 - t);
            (ax + t * dx + w * hx, ay + t * dy + w * hy)
        };
        let (x, y) = at(t);
        let (x1, y1) = (dx + (1.0 - 2.0 * t) * hx, dy + (1.0 - 2.0 * t) * hy);
        let g1 = x * x1 + y * y1;
        let g2 = x1 * x1 + y1 * y1 - 2.0 * (x * hx + y * hy);
        if g2 > 0.0 {
            t = (t - g1 / g2).clamp(0.0, 1.0);
        }
    }
    let w = t * (1.0 - t);
    let x = Coord {
        x: a.x + t * (b.x - a.x) + w * bulge.x,
        y: a.y + t * (b.y - a.y) + w * bulge.y,
    };
    let mut offset = if t <= 0.0 {
        0.0
    } else if t >= 1.0 {
        len
    } else {
        local.between(Point(a), Point(x)).min(len)
    };
    let mut point = Point(x);
    if offset < END_EPS_M {
        (offset, point) = (0.0, Point(a));
    } else if len - offset < END_EPS_M {
        (offset, point) = (len, Point(b));
    }
    let mut snap = Snap {
        edge: e,
        offset_m: offset,
        connector_m: local.distance_m(point),
        point,
    };
    for (end, off) in [(a, 0.0), (b, len)] {
        if point != Point(end) {
            let d = local.distance_m(Point(end));
            if d <= snap.connector_m {
                snap = Snap {
                    edge: e,
                    offset_m: off,
                    connector_m: d,
                    point: Point(end),
                };
            }
        }
    }
    snap
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Road;
    use geo::MultiLineString;

    fn graph(lines: &[&[(f64, f64)]]) -> Graph {
        let roads: Vec<Road> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| Road {
                feature_index: i,
                id: None,
                lines: MultiLineString::new(vec![l.iter().map(|&(x, y)| Coord { x, y }).collect()]),
                walkable: true,
            })
            .collect();
        Graph::from_roads(&roads, 0.0)
    }

    #[test]
    fn snapping_within_a_limit_agrees_with_snapping_then_filtering() {
        // A small street grid, and points from on it to 30 km away.
        let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
        for i in 0..6 {
            let k = i as f64 * 0.002;
            lines.push(vec![(24.0, 60.0 + k), (24.01, 60.0 + k)]);
            lines.push(vec![(24.0 + k * 2.0, 60.0), (24.0 + k * 2.0, 60.01)]);
        }
        let refs: Vec<&[(f64, f64)]> = lines.iter().map(Vec::as_slice).collect();
        let g = graph(&refs);
        let idx = SnapIndex::new(&g);
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..400 {
            let p = Point::new(23.8 + next() * 0.4, 59.9 + next() * 0.2);
            for limit in [0.0, 25.0, 300.0, 5_000.0] {
                let within = idx
                    .snap_within(&g, p, limit)
                    .filter(|s| s.connector_m <= limit);
                let all = idx.snap(&g, p).filter(|s| s.connector_m <= limit);
                assert_eq!(within, all, "{p:?} limit {limit}");
            }
        }
    }

    #[test]
    fn snaps_to_the_foot_of_the_perpendicular() {
        let g = graph(&[
            &[(24.0, 60.0), (24.002, 60.0)],
            &[(24.0, 60.001), (24.002, 60.001)],
        ]);
        let idx = SnapIndex::new(&g);
        let p = Point::new(24.0005, 60.0002);
        let s = idx.snap(&g, p).unwrap();
        let e = g.edges()[s.edge as usize];
        assert_eq!(g.node(e.u).unwrap().y(), 60.0);
        assert!((s.point.x() - 24.0005).abs() < 1e-7 && (s.point.y() - 60.0).abs() < 1e-6);
        use crate::network::metric::distance_m;
        let expected = distance_m(Point::new(24.0, 60.0), s.point);
        assert!((s.offset_m - expected).abs() < 1e-9);
        assert!((s.connector_m - distance_m(p, s.point)).abs() < 1e-9);
        assert!((s.connector_m - 22.27).abs() < 0.05, "{}", s.connector_m);
    }

    #[test]
    fn beyond_the_end_snaps_to_the_end_node() {
        let g = graph(&[&[(24.0, 60.0), (24.001, 60.0)]]);
        let idx = SnapIndex::new(&g);
        let s = idx.snap(&g, Point::new(23.999, 60.0001)).unwrap();
        assert_eq!(s.offset_m, 0.0);
        assert_eq!(s.point, Point::new(24.0, 60.0));
        let n = idx.snap_node(&g, Point::new(24.0009, 60.0)).unwrap();
        assert_eq!(g.node(n.node).unwrap(), Point::new(24.001, 60.0));
    }

    #[test]
    fn empty_graph_snaps_nothing() {
        let g = graph(&[]);
        let idx = SnapIndex::new(&g);
        assert!(idx.snap(&g, Point::new(0.0, 0.0)).is_none());
        assert!(idx.snap_node(&g, Point::new(0.0, 0.0)).is_none());
    }
}
