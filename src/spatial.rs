//! Point-in-area queries that stay fast on adversarial input.
//!
//! [`PreparedArea`] answers "is this point inside?" for one outline in
//! O(log n + k) instead of O(n). [`place_points`] finds, for many points,
//! the first of many areas (in input order) containing each, with a capped
//! number of tests, so that many large overlapping areas cannot make it
//! quadratic: when the cap is reached the caller reports it.

use geo::algorithm::indexed::IntervalTreeMultiPolygon;
use geo::algorithm::orient::{Direction, Orient};
use geo::{BoundingRect, Contains, Intersects, MultiPolygon, Point, Rect};
use rstar::primitives::GeomWithData;
use rstar::{RTree, AABB};

/// An area prepared for many point-in-polygon queries: a bounding box for
/// fast rejection, then an interval tree over the edges, so a query costs
/// O(log n + k) for an outline of n edges of which k span the point's
/// latitude. A site of a million vertices with a hundred thousand
/// buildings stays fast.
pub(crate) struct PreparedArea {
    bbox: Option<Rect<f64>>,
    tree: IntervalTreeMultiPolygon<f64>,
}

impl PreparedArea {
    /// Prepares an outline (any ring orientation).
    pub(crate) fn new(area: &MultiPolygon<f64>) -> Self {
        // The tree counts winding numbers: exteriors and holes must turn
        // opposite ways for holes to be outside.
        let oriented = area.orient(Direction::Default);
        PreparedArea {
            bbox: area.bounding_rect(),
            tree: IntervalTreeMultiPolygon::new(&oriented),
        }
    }

    /// Whether the point lies strictly inside (not on the boundary).
    pub(crate) fn contains(&self, p: Point<f64>) -> bool {
        self.bbox.is_some_and(|b| b.intersects(&p)) && self.tree.contains(&p)
    }
}

/// Containment tests allowed per area and per point, on average.
const TESTS_PER_ITEM: usize = 64;

/// Where [`place_points`] put each point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    /// For each point, the first area (in input order) that contains it.
    pub area_of: Vec<Option<usize>>,
    /// Points left undecided because the work budget ran out (0 when every
    /// point was tested against every area whose box holds it).
    pub undecided: usize,
}

/// For each point, the first area (in input order) that strictly contains it.
///
/// Works area by area over an R-tree of the points: each area visits the
/// points in its bounding box and takes those it contains. Placed points
/// stay in the tree until they outnumber the others, then the tree is
/// rebuilt from the rest, so many areas taking the same points cost
/// O(n log n) overall (the first takes them all). Areas whose boxes cover
/// many points they do not contain are the costly case: the number of
/// points visited is capped at 64 per area and per point plus 2^20, after
/// which the points not yet placed are counted as `undecided`.
pub(crate) fn place_points<'a>(
    areas: impl IntoIterator<Item = &'a MultiPolygon<f64>>,
    points: &[Point<f64>],
) -> Placement {
    type Item = GeomWithData<[f64; 2], usize>;
    let item = |i: usize, p: &Point<f64>| GeomWithData::new([p.x(), p.y()], i);
    let mut area_of: Vec<Option<usize>> = vec![None; points.len()];
    let mut tree: RTree<Item> =
        RTree::bulk_load(points.iter().enumerate().map(|(i, p)| item(i, p)).collect());
    let mut stale = 0usize;
    let mut budget = TESTS_PER_ITEM
        .saturating_mul(points.len())
        .saturating_add(1 << 20);
    let mut stopped = false;
    for (i, area) in areas.into_iter().enumerate() {
        budget = budget.saturating_add(TESTS_PER_ITEM);
        if tree.size() == stale {
            break;
        }
        let Some(b) = area.bounding_rect() else {
            continue;
        };
        let (lo, hi) = (b.min(), b.max());
        let env = AABB::from_corners([lo.x, lo.y], [hi.x, hi.y]);
        let mut prepared: Option<PreparedArea> = None;
        for c in tree.locate_in_envelope(&env) {
            let Some(left) = budget.checked_sub(1) else {
                stopped = true;
                break;
            };
            budget = left;
            let Some(slot @ None) = area_of.get_mut(c.data) else {
                continue;
            };
            let inside = prepared
                .get_or_insert_with(|| PreparedArea::new(area))
                .contains(Point::new(c.geom()[0], c.geom()[1]));
            if inside {
                *slot = Some(i);
                stale += 1;
            }
        }
        if stopped {
            break;
        }
        if stale > tree.size() - stale {
            let rest: Vec<Item> = tree
                .iter()
                .filter(|c| area_of[c.data].is_none())
                .cloned()
                .collect();
            tree = RTree::bulk_load(rest);
            stale = 0;
        }
    }
    let undecided = if stopped { tree.size() - stale } else { 0 };
    Placement { area_of, undecided }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn square(x: f64, y: f64, d: f64) -> MultiPolygon<f64> {
        MultiPolygon::new(vec![polygon![
            (x: x, y: y), (x: x + d, y: y), (x: x + d, y: y + d), (x: x, y: y + d)
        ]])
    }

    /// `areas` copies of the unit square and `points` copies of `point`,
    /// placed.
    fn copies_placed(areas: usize, points: usize, point: Point<f64>) -> Placement {
        let areas: Vec<_> = (0..areas).map(|_| square(0., 0., 1.)).collect();
        place_points(areas.iter(), &vec![point; points])
    }

    #[test]
    fn holes_are_outside_whatever_the_ring_orientation() {
        // Exterior and hole both counter-clockwise (invalid but common).
        let p = polygon![
            exterior: [(x: 0., y: 0.), (x: 4., y: 0.), (x: 4., y: 4.), (x: 0., y: 4.)],
            interiors: [[(x: 1., y: 1.), (x: 3., y: 1.), (x: 3., y: 3.), (x: 1., y: 3.)]],
        ];
        let a = PreparedArea::new(&MultiPolygon::new(vec![p]));
        assert!(!a.contains(Point::new(2., 2.)));
        assert!(a.contains(Point::new(0.5, 2.)));
        assert!(!a.contains(Point::new(5., 2.)));
        assert!(!a.contains(Point::new(0., 2.)), "boundary is not inside");
    }

    #[test]
    fn points_go_to_the_first_containing_area() {
        let areas = [square(2., 2., 2.), square(0., 0., 10.), square(1., 1., 5.)];
        let pts = [
            Point::new(3., 3.),
            Point::new(20., 3.),
            Point::new(5., 5.),
            Point::new(2., 3.),
        ];
        let p = place_points(areas.iter(), &pts);
        assert_eq!(p.area_of, [Some(0), None, Some(1), Some(1)]);
        assert_eq!(p.undecided, 0);
    }

    #[test]
    fn identical_areas_cost_one_pass() {
        let p = copies_placed(5_000, 5_000, Point::new(0.5, 0.5));
        assert!(p.area_of.iter().all(|a| *a == Some(0)));
        assert_eq!(p.undecided, 0);
    }

    #[test]
    fn the_budget_bounds_the_work() {
        // Points on every area's boundary: inside every box, in no area.
        // 2 000 x 2 000 tests exceed the cap of 64 x 4 000 + 2^20.
        let p = copies_placed(2_000, 2_000, Point::new(1.0, 0.5));
        assert!(p.area_of.iter().all(Option::is_none));
        assert_eq!(p.undecided, 2_000);
        // 10 areas for the same points stay within the cap.
        let p = copies_placed(10, 2_000, Point::new(1.0, 0.5));
        assert_eq!(p.undecided, 0);
    }
}
