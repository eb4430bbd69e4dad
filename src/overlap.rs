//! Areas of overlapping polygons, within a work budget.
//!
//! Green areas and building footprints may overlap (a lawn inside a park, a
//! footprint drawn twice). Their union is what counts, but one overlay of
//! thousands of near-identical polygons does quadratic work: every edge
//! crosses every other. Here exact copies are dropped first, then only
//! polygons whose boxes touch are merged (groups found with an R-tree),
//! one overlay per group. A budget on touching boxes per group and on
//! vertices bounds the work; past it the caller gets [`Union::OverBudget`]
//! and reports a `WORK_LIMIT` warning.

use std::collections::hash_map::{Entry, HashMap};

use geo::{Area, BooleanOps, BoundingRect, CoordsIter, MultiPolygon, Polygon, Rect};
use rstar::{RTree, RTreeObject, AABB};

use crate::geodesy::area_m2;

/// Most pairs of touching boxes one union may examine (a dense city has
/// a few per building).
pub const MAX_BOX_OVERLAPS: usize = 2_000_000;
/// Most pairs of touching boxes within one group of overlapping polygons:
/// about 200 polygons all on top of each other. One overlay of the group
/// costs about the square of its crossing edges.
pub const MAX_GROUP_OVERLAPS: usize = 20_000;
/// Most vertices in one group of overlapping polygons.
pub const MAX_GROUP_VERTICES: usize = 500_000;

/// The outcome of [`union_area_m2`].
#[derive(Debug, Clone, PartialEq)]
pub enum Union {
    /// The geodesic area of the union (clipped when asked), m², and the
    /// indices of the parts that overlap another part.
    Area {
        /// Area, m².
        area_m2: f64,
        /// Parts whose interiors overlap another part's, ascending.
        overlapping: Vec<usize>,
    },
    /// The parts overlap too much to merge within the budget.
    OverBudget,
}

struct Boxed {
    index: usize,
    env: AABB<[f64; 2]>,
}

impl RTreeObject for Boxed {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        self.env
    }
}

fn envelope(r: Rect<f64>) -> AABB<[f64; 2]> {
    AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y])
}

/// Union-find root with path halving.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Geodesic area of the union of `parts`, intersected with `clip` when
/// given, m².
pub fn union_area_m2(parts: &[Polygon<f64>], clip: Option<&MultiPolygon<f64>>) -> Union {
    // Exact copies (a layer imported twice) are dropped before any overlay.
    let mut first_of: HashMap<Vec<u64>, usize> = HashMap::new();
    let mut copies = Vec::new();
    let mut unique = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        let key: Vec<u64> = p
            .coords_iter()
            .flat_map(|c| [c.x.to_bits(), c.y.to_bits()])
            .collect();
        match first_of.entry(key) {
            Entry::Occupied(e) => {
                copies.push(*e.get());
                copies.push(i);
            }
            Entry::Vacant(e) => {
                e.insert(i);
                unique.push(i);
            }
        }
    }
    let items: Vec<Boxed> = unique
        .iter()
        .map(|&index| (index, &parts[index]))
        .filter_map(|(index, p)| {
            p.bounding_rect().map(|r| Boxed {
                index,
                env: envelope(r),
            })
        })
        .collect();
    let mut parent: Vec<usize> = (0..parts.len()).collect();
    let tree = RTree::bulk_load(items);
    let mut overlaps = 0usize;
    let mut pairs = Vec::new();
    for a in tree.iter() {
        for b in tree.locate_in_envelope_intersecting(&a.env) {
            if b.index <= a.index {
                continue;
            }
            overlaps += 1;
            if overlaps > MAX_BOX_OVERLAPS {
                return Union::OverBudget;
            }
            pairs.push((a.index, b.index));
            let (ra, rb) = (root(&mut parent, a.index), root(&mut parent, b.index));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut pairs_in: HashMap<usize, usize> = HashMap::new();
    for (a, _) in pairs {
        *pairs_in.entry(root(&mut parent, a)).or_default() += 1;
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for &i in &unique {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut pieces: Vec<Polygon<f64>> = Vec::with_capacity(parts.len());
    let mut overlapping = copies;
    for members in groups.values() {
        if let [only] = members[..] {
            pieces.push(parts[only].clone());
            continue;
        }
        let vertices: usize = members.iter().map(|&i| parts[i].coords_count()).sum();
        if vertices > MAX_GROUP_VERTICES {
            return Union::OverBudget;
        }
        let pairs = pairs_in
            .get(&root(&mut parent, members[0]))
            .copied()
            .unwrap_or(0);
        if pairs > MAX_GROUP_OVERLAPS {
            return Union::OverBudget;
        }
        let merged = geo::unary_union(members.iter().map(|&i| &parts[i]));
        // Boxes touching is not overlapping: compare areas to tell.
        let summed: f64 = members.iter().map(|&i| parts[i].unsigned_area()).sum();
        if summed - merged.unsigned_area() > 1e-12 * summed.max(f64::MIN_POSITIVE) {
            overlapping.extend(members.iter().copied());
        }
        pieces.extend(merged.0);
    }
    overlapping.sort_unstable();
    overlapping.dedup();
    // The pieces no longer overlap, so they form one MultiPolygon as they are.
    let all = MultiPolygon::new(pieces);
    let area_m2 = match clip {
        Some(c) => area_m2(&all.intersection(c)),
        None => area_m2(&all),
    };
    Union::Area {
        area_m2,
        overlapping,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::polygon_area_m2;
    use geo::polygon;

    fn square(x: f64, y: f64, side: f64) -> Polygon<f64> {
        polygon![(x: x, y: y), (x: x + side, y: y), (x: x + side, y: y + side), (x: x, y: y + side)]
    }

    fn area(u: &Union) -> f64 {
        match u {
            Union::Area { area_m2, .. } => *area_m2,
            Union::OverBudget => f64::NAN,
        }
    }

    #[test]
    fn disjoint_and_touching_parts_sum_and_do_not_count_as_overlapping() {
        let parts = vec![
            square(24.9, 60.1, 0.001),
            square(24.901, 60.1, 0.001),
            square(24.91, 60.1, 0.001),
        ];
        let whole = area(&union_area_m2(&parts, None));
        let summed: f64 = parts.iter().map(polygon_area_m2).sum();
        assert!(
            (whole - summed).abs() < 1e-6 * summed,
            "{whole} vs {summed}"
        );
        let Union::Area { overlapping, .. } = union_area_m2(&parts, None) else {
            panic!("budget")
        };
        assert!(overlapping.is_empty(), "{overlapping:?}");
    }

    #[test]
    fn stacked_copies_count_once_and_are_reported() {
        let one = square(24.9, 60.1, 0.001);
        let parts = vec![one.clone(); 50];
        let Union::Area {
            area_m2: a,
            overlapping,
        } = union_area_m2(&parts, None)
        else {
            panic!("budget")
        };
        assert!((a - polygon_area_m2(&one)).abs() < 1e-6 * a, "{a}");
        assert_eq!(overlapping.len(), 50);
    }

    #[test]
    fn clipping_keeps_only_what_lies_inside() {
        let site = MultiPolygon::new(vec![square(24.9, 60.1, 0.001)]);
        let big = square(24.8995, 60.0995, 0.002);
        let a = area(&union_area_m2(&[big], Some(&site)));
        assert!((a - area_m2(&site)).abs() < 1e-6 * a, "{a}");
    }

    #[test]
    fn near_identical_parts_match_one_overlay() {
        let parts: Vec<Polygon<f64>> = (0..60)
            .map(|i| square(24.9 + i as f64 * 1e-7, 60.1 + i as f64 * 1e-7, 0.001))
            .collect();
        let ours = area(&union_area_m2(&parts, None));
        let direct = area_m2(&geo::unary_union(&parts));
        assert!((ours - direct).abs() < 1e-6 * direct, "{ours} vs {direct}");
    }

    #[test]
    fn too_many_touching_boxes_are_over_budget() {
        let parts: Vec<Polygon<f64>> = (0..250)
            .map(|i| square(24.9 + i as f64 * 1e-9, 60.1, 0.001))
            .collect();
        assert_eq!(union_area_m2(&parts, None), Union::OverBudget);
    }
}
