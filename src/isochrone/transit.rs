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
//!   it (found through an R-tree of line segments,
//!   `transit_index.rs`); a line with no stop at all stops at every
//!   vertex, within a budget of [`MAX_PLATFORMS`] stops in all (a line
//!   past it is left out with a `WORK_LIMIT` warning);
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

use geo::Point;
use serde::{Deserialize, Serialize};

use super::same_edge::SameEdge;
use super::transit_index::{LineIndex, Parts, PlatformIndex, MAX_STOP_CANDIDATES};
use crate::error::Warning;
use crate::geodesy;
use crate::model::{TransitLine, TransitStop};
use crate::network::graph::FxMap;
use crate::network::{Network, Snap};

/// Speed and headway of a transit mode (or of one line).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
/// Most straight walks from one point to platforms (the nearest ones).
const MAX_STRAIGHT_LINKS: usize = 128;
/// Work budget: most platforms (stops on lines) in one graph. A line whose
/// stops would pass it is left out with a `WORK_LIMIT` warning.
pub const MAX_PLATFORMS: usize = 100_000;

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
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
    /// Every platform in a plane in metres, once built.
    platform_index: Option<PlatformIndex>,
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
            platform_index: None,
        };
        if !p.enabled {
            return g;
        }
        let parts: Vec<Parts> = lines
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
        let mut by_id: FxMap<&str, usize> = FxMap::default();
        for (li, l) in lines.iter().enumerate() {
            if let Some(id) = l.id.as_deref() {
                by_id.entry(id).or_insert(li);
            }
        }
        let index = LineIndex::new(&parts);
        let mut over_budget: Option<usize> = None;
        for s in stops {
            let (near, complete) = match (&index, s.line.as_deref()) {
                (_, Some(id)) if !by_id.contains_key(id) => {
                    warnings.push(Warning::feature(
                        "TRANSIT_STOP_UNKNOWN_LINE",
                        s.feature_index,
                        format!("transit stop names line `{id}`, which is not in the data"),
                    ));
                    continue;
                }
                (None, _) => (Vec::new(), true),
                (Some(ix), Some(id)) => {
                    ix.near(&parts, s.location, f64::INFINITY, by_id.get(id).copied())
                }
                (Some(ix), None) => ix.near(&parts, s.location, p.stop_distance_m, None),
            };
            if !complete {
                over_budget.get_or_insert(s.feature_index);
            }
            for &(li, part, chain, _) in &near {
                served[li].push((part, chain, s.location));
            }
            if near.is_empty() && complete {
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
        if let Some(fi) = over_budget {
            warnings.push(Warning::feature(
                "WORK_LIMIT",
                fi,
                format!(
                    "more than {MAX_STOP_CANDIDATES} line segments lie near a transit stop; \
                     it (and any other such stop) was left out"
                ),
            ));
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
            if first + list.len() > MAX_PLATFORMS {
                warnings.push(Warning::feature(
                    "WORK_LIMIT",
                    line.feature_index,
                    format!(
                        "transit line left out: its {} stops would pass the budget of \
                         {MAX_PLATFORMS} stops in all (a line without transit_stop points \
                         stops at every vertex; add its stops)",
                        list.len()
                    ),
                ));
                list.clear();
            }
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
        g.index_platforms();
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

    /// Files every platform in R-trees in a local plane (metres).
    fn index_platforms(&mut self) {
        self.platform_index = PlatformIndex::new(&self.platforms);
    }

    /// Platforms that may lie within `max_m` of `p` (only those off the
    /// network, when `off_network`), nearest first: a filter, the geodesic
    /// distance decides.
    fn platforms_near(
        &self,
        p: Point<f64>,
        max_m: f64,
        off_network: bool,
    ) -> impl Iterator<Item = u32> + '_ {
        self.platform_index
            .iter()
            .flat_map(move |ix| ix.near(p, max_m, off_network))
    }

    fn link_transfers(&mut self, max_m: f64) {
        if max_m <= 0.0 {
            return;
        }
        // The nearest platforms first: each platform links to at most
        // MAX_TRANSFERS others (farther ones stay reachable through them), so
        // a dense line costs O(n log n), not a distance to every other
        // platform. The geodesic distance decides.
        let mut transfers = vec![Vec::new(); self.platforms.len()];
        for (i, p) in self.platforms.iter().enumerate() {
            let near = self
                .platforms_near(p.point, max_m, false)
                .filter(|&q| q as usize != i)
                .take(MAX_TRANSFERS);
            for q in near {
                let d = geodesy::distance_m(p.point, self.platforms[q as usize].point);
                if d <= max_m {
                    transfers[i].push((q, d));
                }
            }
        }
        self.transfers = transfers;
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
        let mut out: Vec<(u32, f64)> = self
            .platforms_near(p, max_m, p_on_network)
            .filter_map(|k| {
                let d = geodesy::distance_m(p, self.platforms.get(k as usize)?.point);
                (d <= max_m).then_some((k, d))
            })
            .take(MAX_STRAIGHT_LINKS)
            .collect();
        out.sort_unstable_by_key(|x| x.0);
        out
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
    /// returns the destination's snap when on the network (platforms on
    /// the same edge: [`TransitGraph::seed_platforms_along`], once for all).
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
        }
        for (k, m) in self.straight_links(dest, snap.is_some(), straight_walk_m) {
            seeds.push((self.platform_node(k), m / v));
        }
        snap
    }

    /// Seeds for platforms that share an edge with destinations on the
    /// network (`dests`, their snaps): walking straight along the edge,
    /// one seed per such platform, in O((platforms + destinations) log).
    pub fn seed_platforms_along(&self, dests: &[Snap], seeds: &mut Vec<(u32, f64)>) {
        let along = SameEdge::new(dests.iter().map(|d| (d.edge, d.offset_m, d.connector_m)));
        for &(edge, k) in &self.on_edge {
            let Some(ks) = self.platforms.get(k as usize).and_then(|p| p.snap) else {
                continue;
            };
            let m = along.least(edge, ks.offset_m) + ks.connector_m;
            if m.is_finite() {
                seeds.push((self.platform_node(k), m / self.walk_mps));
            }
        }
    }

    /// The platforms on the network along their edges, for walking to
    /// them straight along a shared edge, given search times (seconds):
    /// the cost of a platform is its time as metres walked plus its
    /// connector, so `least(edge, x) / walk speed` is the time in seconds.
    pub fn platforms_along(&self, times: &[f64]) -> SameEdge {
        let v = self.walk_mps;
        SameEdge::new(self.on_edge.iter().filter_map(|&(edge, k)| {
            let s = self.platforms.get(k as usize)?.snap?;
            let t = *times.get(self.platform_node(k) as usize)?;
            Some((edge, s.offset_m, t * v + s.connector_m))
        }))
    }
}
