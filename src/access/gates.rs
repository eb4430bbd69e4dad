//! Gated compounds (小区): which buildings are inside, through which gates
//! they leave.
//!
//! Rules:
//! - a gate belongs to every compound whose outline contains it or passes
//!   within [`GATE_TOLERANCE_M`] of it (gates are usually mapped on the
//!   fence, a little inside or outside the polygon);
//! - a residential building is inside a compound when its origin point (the
//!   footprint centroid) is inside the compound polygon; with nested or
//!   overlapping compounds the lowest-index compound that has gates wins;
//! - a building inside a compound with gates reaches the network only
//!   through those gates: for each gate, the straight geodesic distance
//!   building → gate plus the gate's own snap onto the network; the best
//!   gate is chosen per destination by the search itself;
//! - a compound without any gate is reported (`COMPOUND_WITHOUT_GATE`) and
//!   its buildings snap directly onto the network as if it were open.
//!
//! Facilities are not gated: they snap directly.

use geo::{Contains, Coord, Distance, Euclidean, LineString, MultiPolygon, Point, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::RTree;

use crate::error::Warning;
use crate::geodesy::LocalPlane;
use crate::model::{Compound, Gate};

/// A gate belongs to a compound when it is within this distance of the
/// compound outline (or inside it), metres.
pub const GATE_TOLERANCE_M: f64 = 10.0;

/// Compounds with their gates, and a lookup of the compound around a point.
#[derive(Debug)]
pub(crate) struct Compounds {
    /// Gate indices (into the dataset's gates) of every compound.
    pub gates_of: Vec<Vec<u32>>,
    areas: Vec<MultiPolygon<f64>>,
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, u32>>,
}

fn project_polygon(p: &Polygon<f64>, plane: &LocalPlane) -> Polygon<f64> {
    let ring = |r: &LineString<f64>| -> LineString<f64> {
        r.0.iter()
            .map(|c| {
                let (x, y) = plane.project(c.x, c.y);
                Coord { x, y }
            })
            .collect()
    };
    Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect())
}

impl Compounds {
    /// Associates gates with compounds; warns about compounds without gates.
    pub fn new(compounds: &[Compound], gates: &[Gate], warnings: &mut Vec<Warning>) -> Compounds {
        let mut gates_of = Vec::with_capacity(compounds.len());
        let mut boxes = Vec::new();
        for (ci, c) in compounds.iter().enumerate() {
            let mut mine = Vec::new();
            let mut lo = [f64::INFINITY, f64::INFINITY];
            let mut hi = [f64::NEG_INFINITY, f64::NEG_INFINITY];
            for p in &c.area.0 {
                for q in &p.exterior().0 {
                    lo = [lo[0].min(q.x), lo[1].min(q.y)];
                    hi = [hi[0].max(q.x), hi[1].max(q.y)];
                }
            }
            if lo[0].is_finite() {
                let centre = Point::new((lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0);
                let plane = LocalPlane::new(centre);
                let parts: Vec<Polygon<f64>> = c
                    .area
                    .0
                    .iter()
                    .map(|p| project_polygon(p, &plane))
                    .collect();
                for (gi, g) in gates.iter().enumerate() {
                    let (x, y) = plane.project(g.location.x(), g.location.y());
                    let gp = Point::new(x, y);
                    let near = parts
                        .iter()
                        .any(|p| Euclidean.distance(&gp, p) <= GATE_TOLERANCE_M);
                    if near {
                        mine.push(gi as u32);
                    }
                }
                boxes.push(GeomWithData::new(
                    Rectangle::from_corners(lo, hi),
                    ci as u32,
                ));
            }
            if mine.is_empty() {
                warnings.push(Warning::feature(
                    "COMPOUND_WITHOUT_GATE",
                    c.feature_index,
                    format!(
                        "gated compound has no gate within {GATE_TOLERANCE_M} m of its outline; \
                         its buildings are treated as directly on the street network"
                    ),
                ));
            }
            gates_of.push(mine);
        }
        Compounds {
            gates_of,
            areas: compounds.iter().map(|c| c.area.clone()).collect(),
            tree: RTree::bulk_load(boxes),
        }
    }

    /// The compound (with at least one gate) that contains `p`, if any.
    pub fn around(&self, p: Point<f64>) -> Option<usize> {
        let mut best: Option<usize> = None;
        for cand in self.tree.locate_all_at_point(&[p.x(), p.y()]) {
            let ci = cand.data as usize;
            if !self.gates_of[ci].is_empty()
                && best.is_none_or(|b| ci < b)
                && self.areas[ci].contains(&p)
            {
                best = Some(ci);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn compound(i: usize) -> Compound {
        let p = polygon![(x: 120.0, y: 30.0), (x: 120.001, y: 30.0), (x: 120.001, y: 30.001), (x: 120.0, y: 30.001)];
        Compound {
            feature_index: i,
            id: None,
            area: MultiPolygon::new(vec![p]),
        }
    }

    fn gate(i: usize, x: f64, y: f64) -> Gate {
        Gate {
            feature_index: i,
            id: None,
            location: Point::new(x, y),
        }
    }

    #[test]
    fn gates_on_or_near_the_fence_belong() {
        // On the south fence, 5 m outside the east fence, and 50 m away.
        let gates = [
            gate(1, 120.0005, 30.0),
            gate(2, 120.001 + 5.0 / 96_000.0, 30.0005),
            gate(3, 120.0015, 30.0005),
        ];
        let mut w = Vec::new();
        let c = Compounds::new(&[compound(0)], &gates, &mut w);
        assert_eq!(c.gates_of[0], vec![0, 1]);
        assert!(w.is_empty());
        assert_eq!(c.around(Point::new(120.0005, 30.0005)), Some(0));
        assert_eq!(c.around(Point::new(120.002, 30.0005)), None);
    }

    #[test]
    fn compound_without_gates_is_reported_and_open() {
        let mut w = Vec::new();
        let c = Compounds::new(&[compound(4)], &[], &mut w);
        assert_eq!(w[0].code, "COMPOUND_WITHOUT_GATE");
        assert_eq!(w[0].feature_index, Some(4));
        assert_eq!(c.around(Point::new(120.0005, 30.0005)), None);
    }
}
