//! Line segments of every transit line in one R-tree, so that placing a
//! stop on the lines near it costs O(log n), not a distance to every
//! vertex of every line.

use geo::{LineString, Point};

use crate::geodesy::LocalPlane;
use crate::network::graph::FxMap;

/// Work budget: most line segments looked at to place one stop (only a
/// pathological tangle of lines around a stop comes near it).
pub(crate) const MAX_STOP_CANDIDATES: usize = 4_096;

/// One line's parts with the chainage (m) at every vertex.
pub(crate) type Parts = Vec<(LineString<f64>, Vec<f64>)>;

/// Where the projection of `p` falls on segment `i` of a part (chainage m,
/// distance m), in a plane around `p`.
fn project_segment(
    local: &LocalPlane,
    (line, cum): &(LineString<f64>, Vec<f64>),
    i: usize,
) -> Option<(f64, f64)> {
    let (a, b) = (line.0.get(i)?, line.0.get(i + 1)?);
    let (ax, ay) = local.project(a.x, a.y);
    let (bx, by) = local.project(b.x, b.y);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let d = (ax + t * dx).hypot(ay + t * dy);
    let (c0, c1) = (*cum.get(i)?, *cum.get(i + 1)?);
    Some((c0 + t * (c1 - c0), d))
}

/// A line segment in the index plane, with its entry in `LineIndex::ids`
/// (the same tree type as the network's snap index, so that the wasm build
/// carries one copy of its code).
type SegmentEntry = rstar::primitives::GeomWithData<rstar::primitives::Line<[f64; 2]>, u32>;

/// Half-size of the first search box for a stop naming its line, metres.
const FIRST_BOX_M: f64 = 50.0;

/// The box `q ± h`.
fn square(q: [f64; 2], h: f64) -> rstar::AABB<[f64; 2]> {
    rstar::AABB::from_corners([q[0] - h, q[1] - h], [q[0] + h, q[1] + h])
}

/// Every segment of every line in one R-tree (a plane in metres), so that a
/// stop finds the lines near it in O(log n) instead of measuring them all.
pub(crate) struct LineIndex {
    plane: LocalPlane,
    all: rstar::RTree<SegmentEntry>,
    /// (line, part, segment) of every entry.
    ids: Vec<(u32, u32, u32)>,
    /// Latitude range of every vertex, degrees.
    lats: (f64, f64),
}

impl LineIndex {
    /// Files every segment of every line; `None` when there is none.
    pub fn new(parts: &[Parts]) -> Option<LineIndex> {
        let first = parts.iter().flatten().find_map(|(ls, _)| ls.0.first())?;
        let plane = LocalPlane::new(Point(*first));
        let mut entries = Vec::new();
        let mut ids = Vec::new();
        for (li, pl) in parts.iter().enumerate() {
            for (pi, (ls, _)) in pl.iter().enumerate() {
                for (i, seg) in ls.lines().enumerate() {
                    let a = plane.project(seg.start.x, seg.start.y);
                    let b = plane.project(seg.end.x, seg.end.y);
                    entries.push(SegmentEntry::new(
                        rstar::primitives::Line::new([a.0, a.1], [b.0, b.1]),
                        ids.len() as u32,
                    ));
                    ids.push((li as u32, pi as u32, i as u32));
                }
            }
        }
        let lats = parts
            .iter()
            .flatten()
            .flat_map(|(ls, _)| ls.0.iter())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
                (lo.min(c.y), hi.max(c.y))
            });
        Some(LineIndex {
            plane,
            all: rstar::RTree::bulk_load(entries),
            ids,
            lats,
        })
    }

    /// The nearest point of every line within `max_m` of `p` (of line
    /// `only` alone, at any distance, when given): (line, part, chainage m,
    /// distance m), at most one per line, by line; and false when the work
    /// budget ran out first.
    #[allow(clippy::type_complexity)]
    pub fn near(
        &self,
        parts: &[Parts],
        p: Point<f64>,
        max_m: f64,
        only: Option<usize>,
    ) -> (Vec<(usize, usize, f64, f64)>, bool) {
        let q = {
            let (x, y) = self.plane.project(p.x(), p.y());
            [x, y]
        };
        // The plane of the index is only a filter, widened by its scale
        // bounds over the lines and the stop; the stop's own plane decides.
        let (low, high) = self
            .plane
            .scale_bounds(self.lats.0.min(p.y()), self.lats.1.max(p.y()));
        let reach = match only {
            None => max_m * high + 1.0,
            Some(line) => {
                // Grow a box until it holds a segment of the line; the
                // nearest one is then within the widened planar distance.
                let mut h = FIRST_BOX_M;
                let nearest = loop {
                    let mut found = f64::INFINITY;
                    for (k, s) in self
                        .all
                        .locate_in_envelope_intersecting(&square(q, h))
                        .enumerate()
                    {
                        if k >= MAX_STOP_CANDIDATES {
                            return (Vec::new(), false);
                        }
                        if self
                            .ids
                            .get(s.data as usize)
                            .is_some_and(|x| x.0 as usize == line)
                        {
                            found = found.min(rstar::PointDistance::distance_2(s, &q));
                        }
                    }
                    if found.is_finite() {
                        break found.sqrt();
                    }
                    if h > 4.0e7 {
                        return (Vec::new(), true);
                    }
                    h *= 4.0;
                };
                nearest * high / low + 1.0
            }
        };
        let mut best: FxMap<usize, (usize, f64, f64)> = FxMap::default();
        let mut looked = 0usize;
        let local = LocalPlane::new(p);
        let h = if reach.is_finite() { reach } else { 4.0e7 };
        for seg in self.all.locate_in_envelope_intersecting(&square(q, h)) {
            let Some(&(li, pi, i)) = self.ids.get(seg.data as usize) else {
                continue;
            };
            let (li, pi, i) = (li as usize, pi as usize, i as usize);
            if only.is_some_and(|o| o != li) {
                continue;
            }
            looked += 1;
            if looked > MAX_STOP_CANDIDATES {
                return (Vec::new(), false);
            }
            let Some(part) = parts.get(li).and_then(|pl| pl.get(pi)) else {
                continue;
            };
            if let Some((chain, d)) = project_segment(&local, part, i) {
                if d <= max_m && best.get(&li).is_none_or(|b| d < b.2) {
                    best.insert(li, (pi, chain, d));
                }
            }
        }
        let mut out: Vec<(usize, usize, f64, f64)> = best
            .into_iter()
            .map(|(li, (pi, c, d))| (li, pi, c, d))
            .collect();
        out.sort_by_key(|x| x.0);
        (out, true)
    }
}

/// A platform in the index plane.
type PlatformEntry = rstar::primitives::GeomWithData<[f64; 2], u32>;

/// Every platform in an R-tree, and those off the network in a second
/// one (walked to in a straight line from points on the network).
#[derive(Debug)]
pub(crate) struct PlatformIndex {
    plane: LocalPlane,
    all: rstar::RTree<PlatformEntry>,
    off_network: rstar::RTree<PlatformEntry>,
    /// Latitude range of the platforms, degrees.
    lats: (f64, f64),
}

impl PlatformIndex {
    /// Files the platforms; `None` when there are none.
    pub fn new(platforms: &[super::transit::Platform]) -> Option<PlatformIndex> {
        let plane = LocalPlane::new(platforms.first()?.point);
        let entry = |(i, p): (usize, &super::transit::Platform)| {
            let (x, y) = plane.project(p.point.x(), p.point.y());
            PlatformEntry::new([x, y], i as u32)
        };
        let lats = platforms
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p.point.y()), hi.max(p.point.y()))
            });
        Some(PlatformIndex {
            plane,
            all: rstar::RTree::bulk_load(platforms.iter().enumerate().map(entry).collect()),
            off_network: rstar::RTree::bulk_load(
                platforms
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.snap.is_none())
                    .map(entry)
                    .collect(),
            ),
            lats,
        })
    }

    /// Platforms that may lie within `max_m` of `p` (of those off the
    /// network alone, when `off_network`), nearest first: the plane widened
    /// by its scale bounds is a filter, the geodesic distance decides.
    pub fn near(
        &self,
        p: Point<f64>,
        max_m: f64,
        off_network: bool,
    ) -> impl Iterator<Item = u32> + '_ {
        let (_, high) = self
            .plane
            .scale_bounds(self.lats.0.min(p.y()), self.lats.1.max(p.y()));
        let reach = max_m * high + 1.0;
        let (x, y) = self.plane.project(p.x(), p.y());
        let tree = if off_network {
            &self.off_network
        } else {
            &self.all
        };
        tree.nearest_neighbor_iter_with_distance_2(&[x, y])
            .take_while(move |(_, d2)| d2.sqrt() <= reach)
            .map(|(q, _)| q.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every segment measured: the nearest point of each line within
    /// `max_m` (of `only` alone, when given).
    fn brute(
        parts: &[Parts],
        p: Point<f64>,
        max_m: f64,
        only: Option<usize>,
    ) -> Vec<(usize, usize, f64, f64)> {
        let local = LocalPlane::new(p);
        let mut out = Vec::new();
        for (li, pl) in parts.iter().enumerate() {
            if only.is_some_and(|o| o != li) {
                continue;
            }
            let mut best: Option<(usize, usize, f64, f64)> = None;
            for (pi, part) in pl.iter().enumerate() {
                for i in 0..part.0 .0.len().saturating_sub(1) {
                    if let Some((c, d)) = project_segment(&local, part, i) {
                        if d <= max_m && best.is_none_or(|b| d < b.3) {
                            best = Some((li, pi, c, d));
                        }
                    }
                }
            }
            out.extend(best);
        }
        out
    }

    fn lines(next: &mut impl FnMut() -> f64, lat_span: f64) -> Vec<Parts> {
        (0..12)
            .map(|_| {
                (0..1 + (next() * 2.0) as usize)
                    .map(|_| {
                        let (mut x, mut y) = (120.0 + next() * 0.05, 30.0 + next() * lat_span);
                        let ls: LineString<f64> = (0..2 + (next() * 20.0) as usize)
                            .map(|_| {
                                x += (next() - 0.5) * 0.004;
                                y += (next() - 0.5) * 0.004;
                                (x, y)
                            })
                            .collect();
                        let mut cum = vec![0.0];
                        for seg in ls.lines() {
                            let d = crate::geodesy::distance_m(Point(seg.start), Point(seg.end));
                            cum.push(cum.last().copied().unwrap_or(0.0) + d);
                        }
                        (ls, cum)
                    })
                    .collect()
            })
            .collect()
    }

    /// The index finds exactly what measuring every segment finds, for
    /// stops with a distance limit and for stops naming one line, on lines
    /// in a 5 km area and on lines spread over 40° of latitude (where the
    /// index plane is far from true scale).
    #[test]
    fn agrees_with_measuring_every_segment() {
        let mut next = crate::test_rng::uniform(0x2545_f491_4f6c_dd1d_u64);
        for lat_span in [0.05, 40.0] {
            let mut found = 0;
            for _ in 0..20 {
                let parts = lines(&mut next, lat_span);
                let Some(ix) = LineIndex::new(&parts) else {
                    panic!("lines have vertices");
                };
                for _ in 0..40 {
                    // Near a vertex of some line, within about 300 m.
                    let pl = &parts[(next() * 12.0) as usize];
                    let ls = &pl[(next() * pl.len() as f64) as usize].0;
                    let c = ls.0[(next() * ls.0.len() as f64) as usize];
                    let p = Point::new(c.x + (next() - 0.5) * 0.006, c.y + (next() - 0.5) * 0.006);
                    let max_m = next() * 400.0;
                    let (got, complete) = ix.near(&parts, p, max_m, None);
                    assert!(complete);
                    found += got.len();
                    assert_eq!(got, brute(&parts, p, max_m, None));
                    let only = (next() * 12.0) as usize;
                    let (got, _) = ix.near(&parts, p, f64::INFINITY, Some(only));
                    assert_eq!(got, brute(&parts, p, f64::INFINITY, Some(only)));
                }
            }
            // Most stops lie near some line: the comparison is not empty.
            assert!(found > 400, "{found} lines found near 800 stops");
        }
    }
}
