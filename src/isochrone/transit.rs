//! Walking plus public transport, for the 30-minute travel circle.
//!
//! Model (a static, frequency-based approximation; no timetables):
//! - every `transit_line` part (LineString) is run in both directions at
//!   the line's `speed_kmh`; riding between two stops takes the distance
//!   along the line (geodesic, between the stops' projections) ÷ speed;
//! - boarding costs a wait of half the line's `headway_min`; alighting is
//!   free; changing lines means alighting, walking and waiting again;
//! - a line's stops are the `transit_stop` points whose `line` property is
//!   the line's id, plus those without a `line` within `stopDistanceM` of
//!   it; a line with no stop at all stops at every vertex;
//! - a stop is a *platform* on its line; platforms reach the walking network
//!   through their own snap (when within `maxSnapM`), and each other by a
//!   straight walk within `transferWalkM`;
//! - a straight-line walk (up to `maxStraightWalkM`) also links a stop to a
//!   destination or a home when one of the two is off the walking network
//!   (farther than `maxSnapM`), e.g. a station or a city centre outside the
//!   mapped paths; otherwise walking follows the network;
//! - speeds and headways missing on a line come from its mode's entry in
//!   `transit.modes` (defaults: [`DEFAULT_MODES`]) or `transit.otherMode`.
//!
//! Travel time from a home to a destination = walk to a stop + wait +
//! ride (+ further changes) + walk to the destination, or walking alone,
//! whichever is faster. It is computed by one backward Dijkstra per
//! destination set over walking nodes, platforms and in-vehicle nodes.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use geo::{LineString, Point};
use serde::{Deserialize, Serialize};

use crate::error::Warning;
use crate::geodesy::{self, LocalPlane};
use crate::model::{TransitLine, TransitStop};
use crate::network::graph::FxMap;
use crate::network::{Network, Snap};

/// Speed and headway of a transit mode (or of one line).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ModeParams {
    /// Average running speed including stops, km/h.
    pub speed_kmh: f64,
    /// Time between vehicles, minutes (the wait is half of it).
    pub headway_min: f64,
}

/// Default speeds and headways by mode, used when a line has none.
///
/// ⚠ Assumptions, not from a standard: rough typical values for Chinese
/// cities (scheduled average speeds including stops; off-peak-ish
/// headways). Replace them with local operator data through
/// `transit.modes`; results report which values were used for every line.
pub const DEFAULT_MODES: [(&str, ModeParams); 6] = [
    (
        "bus",
        ModeParams {
            speed_kmh: 15.0,
            headway_min: 10.0,
        },
    ),
    (
        "metro",
        ModeParams {
            speed_kmh: 35.0,
            headway_min: 6.0,
        },
    ),
    (
        "subway",
        ModeParams {
            speed_kmh: 35.0,
            headway_min: 6.0,
        },
    ),
    (
        "tram",
        ModeParams {
            speed_kmh: 18.0,
            headway_min: 8.0,
        },
    ),
    (
        "rail",
        ModeParams {
            speed_kmh: 50.0,
            headway_min: 15.0,
        },
    ),
    (
        "ferry",
        ModeParams {
            speed_kmh: 15.0,
            headway_min: 20.0,
        },
    ),
];
/// Default for modes not listed (⚠ assumption: the bus values).
pub const DEFAULT_OTHER_MODE: ModeParams = ModeParams {
    speed_kmh: 15.0,
    headway_min: 10.0,
};
/// Default `stopDistanceM`: stops without a `line` serve lines this close, m.
pub const DEFAULT_STOP_DISTANCE_M: f64 = 30.0;
/// Most transfer walks from one platform (to the nearest ones).
const MAX_TRANSFERS: usize = 32;

/// Default `transferWalkM`: straight walks between stops up to this, m.
pub const DEFAULT_TRANSFER_WALK_M: f64 = 100.0;
/// Default `maxStraightWalkM`, metres.
pub const DEFAULT_STRAIGHT_WALK_M: f64 = 400.0;

/// Validated transit parameters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TransitParams {
    pub enabled: bool,
    pub modes: BTreeMap<String, ModeParams>,
    pub other: ModeParams,
    pub stop_distance_m: f64,
    pub transfer_walk_m: f64,
    pub straight_walk_m: f64,
}

/// What was used for one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineInfo {
    /// Source feature index.
    pub feature_index: usize,
    /// Line id, if any.
    pub id: Option<String>,
    /// Mode (lowercase).
    pub mode: String,
    /// Speed used, km/h.
    pub speed_kmh: f64,
    /// Headway used, minutes.
    pub headway_min: f64,
    /// `"line"` when both values came from the feature, `"mode"` when at
    /// least one came from the mode table, `"other"` from `otherMode`.
    pub parameters_from: &'static str,
    /// Number of stops.
    pub stops: usize,
    /// `"transitStop"` or `"vertices"` (no stop was given).
    pub stops_from: &'static str,
    /// Length of all parts, metres.
    pub length_m: f64,
}

/// A stop served by a line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Platform {
    pub point: Point<f64>,
    /// The snap, when within `maxSnapM`.
    pub snap: Option<Snap>,
}

/// The multimodal graph over one walking network.
#[derive(Debug)]
pub(crate) struct TransitGraph<'n> {
    net: &'n Network,
    walk_mps: f64,
    n: usize,
    pub platforms: Vec<Platform>,
    node_links: FxMap<u32, Vec<(u32, f64)>>,
    platform_walk: Vec<Vec<(u32, f64)>>,
    transfers: Vec<Vec<(u32, f64)>>,
    rides: Vec<Vec<(u32, f64)>>,
    wait_s: Vec<f64>,
    /// (edge, platform) for platforms on the network, sorted.
    pub on_edge: Vec<(u32, u32)>,
    pub lines: Vec<LineInfo>,
}

/// Where the projection of `p` falls on a part: (part, chainage m, distance m).
fn project(parts: &[(LineString<f64>, Vec<f64>)], p: Point<f64>) -> Option<(usize, f64, f64)> {
    let local = LocalPlane::new(p);
    let mut best: Option<(usize, f64, f64)> = None;
    for (pi, (line, cum)) in parts.iter().enumerate() {
        for (i, seg) in line.lines().enumerate() {
            let (ax, ay) = local.project(seg.start.x, seg.start.y);
            let (bx, by) = local.project(seg.end.x, seg.end.y);
            let (dx, dy) = (bx - ax, by - ay);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let d = (ax + t * dx).hypot(ay + t * dy);
            let chain = cum[i] + t * (cum[i + 1] - cum[i]);
            if best.is_none_or(|b| d < b.2) {
                best = Some((pi, chain, d));
            }
        }
    }
    best
}

impl<'n> TransitGraph<'n> {
    /// Builds platforms and links; `warnings` gets unusable stops.
    pub fn build(
        net: &'n Network,
        lines: &[TransitLine],
        stops: &[TransitStop],
        p: &TransitParams,
        walk_mps: f64,
        max_snap_m: f64,
        warnings: &mut Vec<Warning>,
    ) -> TransitGraph<'n> {
        let n = net.graph().node_count();
        let mut g = TransitGraph {
            net,
            walk_mps,
            n,
            platforms: Vec::new(),
            node_links: FxMap::default(),
            platform_walk: Vec::new(),
            transfers: Vec::new(),
            rides: Vec::new(),
            wait_s: Vec::new(),
            on_edge: Vec::new(),
            lines: Vec::new(),
        };
        if !p.enabled {
            return g;
        }
        let parts: Vec<Vec<(LineString<f64>, Vec<f64>)>> = lines
            .iter()
            .map(|l| {
                l.lines
                    .0
                    .iter()
                    .filter(|ls| ls.0.len() >= 2)
                    .map(|ls| {
                        let mut cum = vec![0.0];
                        for seg in ls.lines() {
                            let d = geodesy::distance_m(Point(seg.start), Point(seg.end));
                            cum.push(cum.last().copied().unwrap_or(0.0) + d);
                        }
                        (ls.clone(), cum)
                    })
                    .collect()
            })
            .collect();
        // Stops of every line: (part, chainage, position).
        let mut served: Vec<Vec<(usize, f64, Point<f64>)>> = vec![Vec::new(); lines.len()];
        for s in stops {
            let named = s.line.as_deref().map(|id| {
                lines
                    .iter()
                    .position(|l| l.id.as_deref() == Some(id))
                    .ok_or(id)
            });
            let mut used = false;
            match named {
                Some(Ok(li)) => {
                    if let Some((part, chain, _)) = project(&parts[li], s.location) {
                        served[li].push((part, chain, s.location));
                        used = true;
                    }
                }
                Some(Err(id)) => warnings.push(Warning::feature(
                    "TRANSIT_STOP_UNKNOWN_LINE",
                    s.feature_index,
                    format!("transit stop names line `{id}`, which is not in the data"),
                )),
                None => {
                    for (li, pl) in parts.iter().enumerate() {
                        if let Some((part, chain, d)) = project(pl, s.location) {
                            if d <= p.stop_distance_m {
                                served[li].push((part, chain, s.location));
                                used = true;
                            }
                        }
                    }
                }
            }
            if !used {
                warnings.push(Warning::feature(
                    "TRANSIT_STOP_UNUSED",
                    s.feature_index,
                    format!(
                        "transit stop serves no line (none named, none within stopDistanceM = {} m)",
                        p.stop_distance_m
                    ),
                ));
            }
        }
        for (li, line) in lines.iter().enumerate() {
            let mode = line.mode.trim().to_ascii_lowercase();
            let table = p.modes.get(&mode).copied();
            let base = table.unwrap_or(p.other);
            let speed_kmh = line.speed_kmh.unwrap_or(base.speed_kmh);
            let headway_min = line.headway_min.unwrap_or(base.headway_min);
            let from_line = line.speed_kmh.is_some() && line.headway_min.is_some();
            let parameters_from = match (from_line, table) {
                (true, _) => "line",
                (false, Some(_)) => "mode",
                (false, None) => "other",
            };
            let mut list = std::mem::take(&mut served[li]);
            let stops_from = if list.is_empty() {
                for (pi, (ls, cum)) in parts[li].iter().enumerate() {
                    list.extend(ls.0.iter().zip(cum).map(|(c, &ch)| (pi, ch, Point(*c))));
                }
                "vertices"
            } else {
                "transitStop"
            };
            list.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let speed_mps = speed_kmh / 3.6;
            let first = g.platforms.len();
            for (k, &(part, chain, point)) in list.iter().enumerate() {
                let id = g.add_platform(point, headway_min * 30.0, max_snap_m);
                if k > 0 && list[k - 1].0 == part {
                    let ride = (chain - list[k - 1].1).abs() / speed_mps;
                    g.rides[id as usize - 1].push((id, ride));
                    g.rides[id as usize].push((id - 1, ride));
                }
            }
            g.lines.push(LineInfo {
                feature_index: line.feature_index,
                id: line.id.clone(),
                mode,
                speed_kmh,
                headway_min,
                parameters_from,
                stops: g.platforms.len() - first,
                stops_from,
                length_m: parts[li].iter().filter_map(|(_, c)| c.last()).sum(),
            });
        }
        g.link_transfers(p.transfer_walk_m);
        g.on_edge.sort_unstable();
        g
    }

    fn add_platform(&mut self, point: Point<f64>, wait_s: f64, max_snap_m: f64) -> u32 {
        let id = self.platforms.len() as u32;
        let snap = self
            .net
            .snap_within(point, max_snap_m)
            .filter(|s| s.connector_m <= max_snap_m);
        let mut walk = Vec::new();
        if let Some(s) = snap {
            if let Some(e) = self.net.graph().edges().get(s.edge as usize) {
                let (du, dv) = (
                    s.connector_m + s.offset_m,
                    s.connector_m + e.length_m - s.offset_m,
                );
                walk.push((e.u, du));
                walk.push((e.v, dv.max(0.0)));
                self.node_links.entry(e.u).or_default().push((id, du));
                self.node_links
                    .entry(e.v)
                    .or_default()
                    .push((id, dv.max(0.0)));
                self.on_edge.push((s.edge, id));
            }
        }
        self.platforms.push(Platform { point, snap });
        self.platform_walk.push(walk);
        self.transfers.push(Vec::new());
        self.rides.push(Vec::new());
        self.wait_s.push(wait_s.max(0.0));
        id
    }

    fn link_transfers(&mut self, max_m: f64) {
        if max_m <= 0.0 {
            return;
        }
        // The nearest platforms first, from an R-tree in a local plane
        // (metres): each platform links to at most MAX_TRANSFERS others
        // (farther ones stay reachable through them), so a dense line costs
        // O(n log n), not a distance to every other platform. The geodesic
        // distance decides.
        let pts: Vec<Point<f64>> = self.platforms.iter().map(|p| p.point).collect();
        let Some(first) = pts.first() else {
            return;
        };
        let plane = LocalPlane::new(*first);
        let tree = rstar::RTree::bulk_load(
            pts.iter()
                .enumerate()
                .map(|(i, p)| {
                    let (x, y) = plane.project(p.x(), p.y());
                    rstar::primitives::GeomWithData::new([x, y], i)
                })
                .collect(),
        );
        for (i, p) in pts.iter().enumerate() {
            let (x, y) = plane.project(p.x(), p.y());
            let near = tree
                .nearest_neighbor_iter_with_distance_2(&[x, y])
                .filter(|(q, _)| q.data != i)
                .take_while(|(_, d2)| d2.sqrt() <= max_m * 1.05 + 1.0)
                .take(MAX_TRANSFERS);
            for (q, _) in near {
                let d = geodesy::distance_m(*p, pts[q.data]);
                if d <= max_m {
                    self.transfers[i].push((q.data as u32, d));
                }
            }
        }
    }

    /// Number of search nodes: walking nodes, platforms, vehicles.
    pub fn size(&self) -> usize {
        self.n + 2 * self.platforms.len()
    }

    /// Search node id of platform `k`.
    pub fn platform_node(&self, k: u32) -> u32 {
        (self.n + k as usize) as u32
    }

    /// Platforms within `max_m` straight-line metres of `p` that may be
    /// walked to in a straight line (one end off the network): (platform,
    /// metres).
    pub fn straight_links(&self, p: Point<f64>, p_on_network: bool, max_m: f64) -> Vec<(u32, f64)> {
        self.platforms
            .iter()
            .enumerate()
            .filter(|(_, pl)| !p_on_network || pl.snap.is_none())
            .filter_map(|(k, pl)| {
                let d = geodesy::distance_m(p, pl.point);
                (d <= max_m).then_some((k as u32, d))
            })
            .collect()
    }

    /// Backward Dijkstra in seconds from `seeds` (search node, seconds):
    /// `out[x]` = least time from `x` to the nearest seed. With `transit`
    /// false, only walking is used: the network and the links between stops
    /// and the network or off-network points (no rides, no transfer walks).
    pub fn search(&self, seeds: &[(u32, f64)], transit: bool, out: &mut Vec<f64>) {
        let s = self.platforms.len();
        out.clear();
        out.resize(self.size(), f64::INFINITY);
        let mut heap: BinaryHeap<Reverse<(u64, u32)>> = BinaryHeap::new();
        for &(x, t) in seeds {
            if (x as usize) < out.len() && t >= 0.0 && t < out[x as usize] {
                out[x as usize] = t;
                heap.push(Reverse((t.to_bits(), x)));
            }
        }
        let v = self.walk_mps;
        let graph = self.net.graph();
        let relax = |out: &mut Vec<f64>, heap: &mut BinaryHeap<_>, y: usize, t: f64| {
            if t < out[y] {
                out[y] = t;
                heap.push(Reverse((t.to_bits(), y as u32)));
            }
        };
        while let Some(Reverse((bits, x))) = heap.pop() {
            let t = f64::from_bits(bits);
            let xi = x as usize;
            if t > out[xi] {
                continue;
            }
            if xi < self.n {
                for a in graph.neighbours(x) {
                    relax(out, &mut heap, a.node as usize, t + a.length_m / v);
                }
                for &(k, m) in self.node_links.get(&x).map_or(&[][..], Vec::as_slice) {
                    relax(out, &mut heap, self.n + k as usize, t + m / v);
                }
            } else if xi < self.n + s {
                let k = xi - self.n;
                for &(node, m) in &self.platform_walk[k] {
                    relax(out, &mut heap, node as usize, t + m / v);
                }
                if transit {
                    // Straight walks between stops serve changes of line.
                    for &(j, m) in &self.transfers[k] {
                        relax(out, &mut heap, self.n + j as usize, t + m / v);
                    }
                    // Reverse of alighting (free).
                    relax(out, &mut heap, self.n + s + k, t);
                }
            } else {
                let k = xi - self.n - s;
                for &(j, secs) in &self.rides[k] {
                    relax(out, &mut heap, self.n + s + j as usize, t + secs);
                }
                // Reverse of boarding: the wait.
                relax(out, &mut heap, self.n + k, t + self.wait_s[k]);
            }
        }
    }

    /// Seeds for walking the last leg to `dest`: both ends of its edge
    /// (network) and, where allowed, straight walks from platforms. Also
    /// returns the destination's snap when on the network.
    pub fn destination_seeds(
        &self,
        dest: Point<f64>,
        max_snap_m: f64,
        straight_walk_m: f64,
        seeds: &mut Vec<(u32, f64)>,
    ) -> Option<Snap> {
        let v = self.walk_mps;
        let snap = self
            .net
            .snap_within(dest, max_snap_m)
            .filter(|s| s.connector_m <= max_snap_m);
        if let Some(s) = snap {
            if let Some(e) = self.net.graph().edges().get(s.edge as usize) {
                seeds.push((e.u, (s.connector_m + s.offset_m) / v));
                seeds.push((
                    e.v,
                    (s.connector_m + (e.length_m - s.offset_m).max(0.0)) / v,
                ));
            }
            // Stops on the same edge: straight along it.
            let start = self.on_edge.partition_point(|x| x.0 < s.edge);
            for &(_, k) in self.on_edge[start..].iter().take_while(|x| x.0 == s.edge) {
                if let Some(ks) = self.platforms[k as usize].snap {
                    let m = (s.offset_m - ks.offset_m).abs() + s.connector_m + ks.connector_m;
                    seeds.push((self.platform_node(k), m / v));
                }
            }
        }
        for (k, m) in self.straight_links(dest, snap.is_some(), straight_walk_m) {
            seeds.push((self.platform_node(k), m / v));
        }
        snap
    }

    /// Least time from the point `offset_m` along `edge` via a platform on
    /// the same edge (walking directly along it), given search times.
    pub fn same_edge_platforms(&self, edge: u32, offset_m: f64, times: &[f64]) -> f64 {
        let start = self.on_edge.partition_point(|x| x.0 < edge);
        let mut best = f64::INFINITY;
        for &(_, k) in self.on_edge[start..].iter().take_while(|x| x.0 == edge) {
            if let Some(s) = self.platforms[k as usize].snap {
                let t = times[self.platform_node(k) as usize]
                    + ((offset_m - s.offset_m).abs() + s.connector_m) / self.walk_mps;
                best = best.min(t);
            }
        }
        best
    }
}
