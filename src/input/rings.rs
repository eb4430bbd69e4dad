//! Ring validity checks that must stay fast on adversarial input: planar
//! self-intersection (a sweep over the segments, so a ring of a million
//! vertices costs O(n log n), not O(n²)) and zero area.
//!
//! Both work on lon/lat treated as planar, like every set operation of the
//! crate: at neighbourhood scale a ring that crosses itself in the plane also
//! crosses itself on the ellipsoid.

use geo::algorithm::bool_ops::{BooleanOps, FillRule, OpType};
use geo::{
    Area, BoundingRect, Coord, Intersects, Kernel, Line, LineString, MultiPolygon, Orientation,
    Polygon,
};

/// Rings with at most this many segments are checked pair by pair.
const BRUTE_FORCE_SEGMENTS: usize = 32;

/// Candidate pairs examined per segment (on average) before the check gives
/// up: it bounds the cost on rings whose segments overlap each other along
/// both axes (long diagonal zigzags).
const CANDIDATES_PER_SEGMENT: usize = 64;

/// Whether a closed ring (first position repeated last, no consecutive
/// duplicates) touches or crosses itself: two non-adjacent segments meet,
/// or two adjacent segments fold back onto each other (a spike).
///
/// `None` when the ring is so pathological that the check was abandoned
/// to keep the cost bounded (at most 64 candidate pairs per segment on
/// average, along each axis).
pub fn self_intersects(ring: &LineString<f64>) -> Option<bool> {
    let pts = &ring.0;
    let m = pts.len().saturating_sub(1);
    if m < 3 {
        return Some(false);
    }
    let seg = |i: usize| Line::new(pts[i], pts[i + 1]);
    // Adjacent segments share a vertex; they are invalid only if they
    // overlap, i.e. the ring turns back on itself at that vertex.
    for i in 0..m {
        let (a, b, c) = (pts[i], pts[i + 1], pts[(i + 2) % m]);
        if folds_back(a, b, c) {
            return Some(true);
        }
    }
    let adjacent = |i: usize, j: usize| j == i + 1 || (i == 0 && j == m - 1);
    if m <= BRUTE_FORCE_SEGMENTS {
        for i in 0..m {
            for j in i + 1..m {
                if !adjacent(i, j) && seg(i).intersects(&seg(j)) {
                    return Some(true);
                }
            }
        }
        return Some(false);
    }
    // Sweep along x; if the segments overlap too much in x (a ring of long
    // horizontal stripes), along y instead.
    let budget = m.saturating_mul(CANDIDATES_PER_SEGMENT);
    sweep(pts, m, Axis::X, budget).or_else(|| sweep(pts, m, Axis::Y, budget))
}

#[derive(Clone, Copy)]
enum Axis {
    X,
    Y,
}

/// Sweep-line search for two non-adjacent segments that meet: segments
/// sorted by their low end along `axis`; each is tested against those that
/// start before it ends. `None` when more than `budget` pairs would be
/// tested.
fn sweep(pts: &[Coord<f64>], m: usize, axis: Axis, mut budget: usize) -> Option<bool> {
    let along = |c: Coord<f64>| match axis {
        Axis::X => (c.x, c.y),
        Axis::Y => (c.y, c.x),
    };
    // (low, high) along the axis, (low, high) across it, segment index.
    let mut spans: Vec<([f64; 2], [f64; 2], usize)> = (0..m)
        .map(|i| {
            let ((a0, a1), (b0, b1)) = (along(pts[i]), along(pts[i + 1]));
            ([a0.min(b0), a0.max(b0)], [a1.min(b1), a1.max(b1)], i)
        })
        .collect();
    spans.sort_unstable_by(|a, b| a.0[0].total_cmp(&b.0[0]));
    let seg = |i: usize| Line::new(pts[i], pts[i + 1]);
    for (k, (lo_hi, across, i)) in spans.iter().enumerate() {
        for (lo_hi2, across2, j) in &spans[k + 1..] {
            if lo_hi2[0] > lo_hi[1] {
                break;
            }
            budget = budget.checked_sub(1)?;
            let (i, j) = (*i.min(j), *i.max(j));
            let adjacent = j == i + 1 || (i == 0 && j == m - 1);
            if across2[0] <= across[1]
                && across[0] <= across2[1]
                && !adjacent
                && seg(i).intersects(&seg(j))
            {
                return Some(true);
            }
        }
    }
    Some(false)
}

/// Whether the path a → b → c reverses direction at b (collinear, with c
/// back on the a side of b).
fn folds_back(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>) -> bool {
    <f64 as geo::GeoNum>::Ker::orient2d(a, b, c) == Orientation::Collinear
        && (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y) < 0.0
}

/// Relative size below which a planar area counts as zero: the area over
/// the bounding box's area (a 1 km long sliver would be 1 µm wide).
const ZERO_AREA_RATIO: f64 = 1e-9;

/// Whether a polygon encloses no area in the plane (collinear points, a
/// spike, or parts that cancel out), relative to its bounding box.
pub fn is_zero_area(p: &Polygon<f64>) -> bool {
    let Some(bbox) = p.bounding_rect() else {
        return true;
    };
    let box_area = bbox.width() * bbox.height();
    let area = p.unsigned_area();
    // A NaN area also counts as zero.
    area.is_nan() || area <= ZERO_AREA_RATIO * box_area
}

/// Rebuilds a self-intersecting polygon as the valid polygons it covers
/// under the even-odd rule (a bow-tie becomes its two triangles, a spike
/// disappears). Empty when nothing is enclosed.
pub fn repair(p: &Polygon<f64>) -> Vec<Polygon<f64>> {
    let none = MultiPolygon::<f64>::new(Vec::new());
    p.boolean_op_with_fill_rule(&none, OpType::Union, FillRule::EvenOdd)
        .0
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, LineString};

    fn ring(c: &[(f64, f64)]) -> LineString<f64> {
        let mut v: Vec<Coord<f64>> = c.iter().map(|&(x, y)| Coord { x, y }).collect();
        v.push(v[0]);
        LineString::new(v)
    }

    /// A circle-like ring of `n` vertices (simple, convex).
    fn circle(n: usize) -> LineString<f64> {
        let c: Vec<(f64, f64)> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                (t.cos(), t.sin())
            })
            .collect();
        ring(&c)
    }

    #[test]
    fn simple_rings_do_not_self_intersect() {
        assert_eq!(
            self_intersects(&ring(&[(0., 0.), (1., 0.), (1., 1.), (0., 1.)])),
            Some(false)
        );
        assert_eq!(self_intersects(&circle(10)), Some(false));
        assert_eq!(self_intersects(&circle(10_000)), Some(false));
    }

    #[test]
    fn bowtie_touch_and_spike_are_found() {
        let bowtie = ring(&[(0., 0.), (1., 1.), (1., 0.), (0., 1.)]);
        assert_eq!(self_intersects(&bowtie), Some(true));
        let touch = ring(&[(0., 0.), (2., 0.), (2., 2.), (1., 0.), (0., 2.)]);
        assert_eq!(self_intersects(&touch), Some(true));
        let spike = ring(&[(0., 0.), (1., 0.), (0.5, 1.), (1., 0.)]);
        assert_eq!(self_intersects(&spike), Some(true));
        let collinear = ring(&[(0., 0.), (1., 1.), (2., 2.)]);
        assert_eq!(self_intersects(&collinear), Some(true));
        // Large rings use the sweep: pinch a circle across itself.
        let mut big = circle(1000);
        big.0.swap(10, 500);
        assert_eq!(self_intersects(&big), Some(true));
    }

    #[test]
    fn the_sweep_falls_back_to_the_other_axis_and_gives_up_on_zigzags() {
        // Horizontal stripes: every segment spans the full width, so the x
        // sweep runs out of budget; the y sweep finds no crossing.
        // Stripes joined alternately at the right and left: a serpentine.
        let mut serp = Vec::new();
        for k in 0..200 {
            let y = k as f64;
            if k % 2 == 0 {
                serp.extend([(0., y), (100., y)]);
            } else {
                serp.extend([(100., y), (0.5, y)]);
            }
        }
        serp.extend([(-1., 199.5), (-1., 0.)]);
        let r = ring(&serp);
        assert_eq!(sweep(&r.0, r.0.len() - 1, Axis::X, 200), None);
        assert_eq!(self_intersects(&r), Some(false));
        // Long diagonals overlapping along both axes: abandoned.
        let mut zig = Vec::new();
        for k in 0..300 {
            let d = k as f64 * 1e-3;
            if k % 2 == 0 {
                zig.push((d, 0.));
            } else {
                zig.push((100. + d, 100.));
            }
        }
        // Close it around the outside without crossing anything.
        zig.extend([(200., 100.), (200., -1.), (0., -1.)]);
        assert_eq!(self_intersects(&ring(&zig)), None);
    }

    #[test]
    fn repair_splits_a_bowtie_and_drops_a_spike() {
        let bowtie = polygon![(x: 0., y: 0.), (x: 2., y: 2.), (x: 2., y: 0.), (x: 0., y: 2.)];
        assert!(bowtie.unsigned_area() < 1e-12);
        let fixed = repair(&bowtie);
        assert_eq!(fixed.len(), 2);
        let area: f64 = fixed.iter().map(|p| p.unsigned_area()).sum();
        assert!((area - 2.0).abs() < 1e-9, "{area}");
        let spiky = polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 2., y: 0.), (x: 1., y: 0.), (x: 1., y: 1.)];
        let fixed = repair(&spiky);
        let area: f64 = fixed.iter().map(|p| p.unsigned_area()).sum();
        assert!((area - 0.5).abs() < 1e-9, "{area}");
        let spike = polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 0.5, y: 1.), (x: 1., y: 0.)];
        assert!(repair(&spike).iter().all(is_zero_area));
    }

    #[test]
    fn zero_area() {
        assert!(is_zero_area(
            &polygon![(x: 0., y: 0.), (x: 1., y: 1.), (x: 2., y: 2.)]
        ));
        assert!(is_zero_area(
            &polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 3., y: 0.)]
        ));
        assert!(is_zero_area(
            &polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 0.5, y: 1.), (x: 1., y: 0.)]
        ));
        assert!(!is_zero_area(
            &polygon![(x: 0., y: 0.), (x: 1e-9, y: 0.), (x: 1e-9, y: 1e-9)]
        ));
        assert!(!is_zero_area(
            &polygon![(x: 120.0, y: 30.0), (x: 120.001, y: 30.0), (x: 120.001, y: 30.00001)]
        ));
    }
}
