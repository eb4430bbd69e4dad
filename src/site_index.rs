//! Which features of a community can lie in a site, found through R-trees
//! instead of a scan of the whole dataset per site.
//!
//! `evaluateAll` computes the site metrics of every site; scanning every
//! building, facility and green for each one made 10^4 small sites over a
//! district cost 10^4 × (all features). [`SiteIndex`] is built once per
//! community and returns, for one site's bounding box, the candidates in
//! ascending dataset order, so the callers keep their exact tests and sum
//! in the same order as a full scan would (results are bit-for-bit equal).

use geo::{BoundingRect, Centroid, Point, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

use crate::model::{Dataset, GreenType};

type PointItem = GeomWithData<[f64; 2], usize>;
type BoxItem = GeomWithData<Rectangle<[f64; 2]>, (usize, usize)>;

/// R-trees over the things site metrics test against a site.
#[derive(Debug)]
pub struct SiteIndex {
    buildings: RTree<PointItem>,
    facilities: RTree<PointItem>,
    /// Every part of every ground green, by its bounding box: (green, part).
    ground_parts: RTree<BoxItem>,
    /// Roof and vertical greens by the centroid of their area.
    other_greens: RTree<PointItem>,
}

/// The candidates of one site, each list ascending.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SiteCandidates {
    /// Buildings (index in `Dataset::buildings`) whose centroid is in the box.
    pub buildings: Vec<usize>,
    /// Facilities whose location is in the box.
    pub facilities: Vec<usize>,
    /// Greens (index in `Dataset::greens`) with something in the box, and
    /// for a ground green the parts whose box meets the site's box.
    pub greens: Vec<(usize, Vec<usize>)>,
}

fn finite(p: Point<f64>) -> bool {
    p.x().is_finite() && p.y().is_finite()
}

fn point_item(i: usize, p: Point<f64>) -> Option<PointItem> {
    finite(p).then(|| GeomWithData::new([p.x(), p.y()], i))
}

impl SiteIndex {
    /// Indexes `ds`, with `centroids` the centroid of every building (in
    /// `ds.buildings` order). Points that are not finite are left out:
    /// they lie in no site.
    pub fn new(ds: &Dataset, centroids: &[Option<Point<f64>>]) -> Self {
        let buildings = centroids
            .iter()
            .enumerate()
            .filter_map(|(i, c)| point_item(i, (*c)?))
            .collect();
        let facilities = ds
            .facilities
            .iter()
            .enumerate()
            .filter_map(|(i, f)| point_item(i, f.location))
            .collect();
        let mut parts = Vec::new();
        let mut others = Vec::new();
        for (g, green) in ds.greens.iter().enumerate() {
            match green.green_type {
                GreenType::Ground => {
                    for (k, part) in green.area.0.iter().enumerate() {
                        if let Some(b) = part.bounding_rect().filter(finite_rect) {
                            let r = Rectangle::from_corners(
                                [b.min().x, b.min().y],
                                [b.max().x, b.max().y],
                            );
                            parts.push(GeomWithData::new(r, (g, k)));
                        }
                    }
                }
                GreenType::Roof | GreenType::Vertical => {
                    if let Some(item) = green.area.centroid().and_then(|c| point_item(g, c)) {
                        others.push(item);
                    }
                }
            }
        }
        SiteIndex {
            buildings: RTree::bulk_load(buildings),
            facilities: RTree::bulk_load(facilities),
            ground_parts: RTree::bulk_load(parts),
            other_greens: RTree::bulk_load(others),
        }
    }

    /// What can lie in a site whose bounding box is `bbox` (`None`: an
    /// empty site, nothing). Points on the box's edge are included; the
    /// caller still tests each candidate against the site itself.
    pub fn candidates(&self, bbox: Option<Rect<f64>>) -> SiteCandidates {
        let Some(b) = bbox.filter(finite_rect) else {
            return SiteCandidates::default();
        };
        let env = AABB::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]);
        let points = |t: &RTree<PointItem>| -> Vec<usize> {
            let mut v: Vec<usize> = t
                .locate_in_envelope_intersecting(&env)
                .map(|p| p.data)
                .collect();
            v.sort_unstable();
            v
        };
        let mut hits: Vec<(usize, usize)> = self
            .ground_parts
            .locate_in_envelope_intersecting(&env)
            .map(|p| p.data)
            .collect();
        // A roof or vertical green has no parts to choose: part 0 stands for it.
        hits.extend(points(&self.other_greens).into_iter().map(|g| (g, 0)));
        hits.sort_unstable();
        let mut greens: Vec<(usize, Vec<usize>)> = Vec::new();
        for (g, k) in hits {
            match greens.last_mut() {
                Some((last, ks)) if *last == g => ks.push(k),
                _ => greens.push((g, vec![k])),
            }
        }
        SiteCandidates {
            buildings: points(&self.buildings),
            facilities: points(&self.facilities),
            greens,
        }
    }
}

fn finite_rect(r: &Rect<f64>) -> bool {
    finite(r.min().into()) && finite(r.max().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against a full scan with the same tests site metrics apply: on the
    /// Helsinki dataset cut into 8 x 8 sites (plus one covering it all),
    /// the candidates that pass the tests are exactly the features a scan
    /// of the whole dataset accepts, in the same order.
    #[test]
    fn candidates_equal_a_full_scan_on_a_grid_of_sites() {
        use crate::input::ReadOptions;
        use crate::spatial::PreparedArea;
        use crate::Community;
        use geo::{Intersects, MultiPolygon};
        let text =
            std::fs::read_to_string("data/helsinki-centre/normalized.geojson").expect("dataset");
        let c = Community::from_geojson(&text, &ReadOptions::default()).expect("reads");
        let ds = c.dataset();
        let cents = c.building_centroids();
        let all = ds
            .buildings
            .iter()
            .filter_map(|b| b.footprint.bounding_rect());
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for r in all {
            (x0, y0) = (x0.min(r.min().x), y0.min(r.min().y));
            (x1, y1) = (x1.max(r.max().x), y1.max(r.max().y));
        }
        let n = 8;
        let (dx, dy) = ((x1 - x0) / f64::from(n), (y1 - y0) / f64::from(n));
        let mut sites: Vec<Rect<f64>> = (0..n * n)
            .map(|k| {
                let (a, b) = (x0 + f64::from(k % n) * dx, y0 + f64::from(k / n) * dy);
                Rect::new((a, b), (a + dx, b + dy))
            })
            .collect();
        sites.push(Rect::new((x0, y0), (x1, y1)));
        let mut seen = 0;
        for r in sites {
            let area = MultiPolygon::new(vec![r.to_polygon()]);
            let site = PreparedArea::new(&area);
            let near = c.site_index().candidates(area.bounding_rect());
            let in_site = |p: Point<f64>| r.intersects(&p) && site.contains(p);
            let scan: Vec<usize> = (0..ds.buildings.len())
                .filter(|&i| cents[i].is_some_and(in_site))
                .collect();
            let got: Vec<usize> = near
                .buildings
                .iter()
                .copied()
                .filter(|&i| cents[i].is_some_and(in_site))
                .collect();
            assert_eq!(got, scan, "buildings of {r:?}");
            let scan: Vec<usize> = (0..ds.facilities.len())
                .filter(|&i| site.contains(ds.facilities[i].location))
                .collect();
            let got: Vec<usize> = near
                .facilities
                .iter()
                .copied()
                .filter(|&i| site.contains(ds.facilities[i].location))
                .collect();
            assert_eq!(got, scan, "facilities of {r:?}");
            let mut scan = Vec::new();
            for (g, green) in ds.greens.iter().enumerate() {
                let parts: Vec<usize> = match green.green_type {
                    GreenType::Ground => (0..green.area.0.len())
                        .filter(|&k| {
                            green.area.0[k]
                                .bounding_rect()
                                .is_some_and(|b| b.intersects(&r))
                        })
                        .collect(),
                    _ if green.area.centroid().is_some_and(|p| site.contains(p)) => vec![0],
                    _ => Vec::new(),
                };
                if !parts.is_empty() {
                    scan.push((g, parts));
                }
            }
            let got: Vec<(usize, Vec<usize>)> = near
                .greens
                .iter()
                .filter(|(g, _)| {
                    let green = &ds.greens[*g];
                    green.green_type == GreenType::Ground
                        || green.area.centroid().is_some_and(|p| site.contains(p))
                })
                .cloned()
                .collect();
            assert_eq!(got, scan, "greens of {r:?}");
            seen += got.len() + near.buildings.len();
        }
        assert!(seen > 1000, "the grid met only {seen} features");
    }

    #[test]
    fn an_empty_or_non_finite_box_has_no_candidates() {
        let ds = Dataset::default();
        let idx = SiteIndex::new(&ds, &[Some(Point::new(0.5, 0.5))]);
        assert_eq!(idx.candidates(None), SiteCandidates::default());
        let nan = Rect::new((f64::NAN, 0.0), (1.0, 1.0));
        assert_eq!(idx.candidates(Some(nan)), SiteCandidates::default());
        let hit = idx.candidates(Some(Rect::new((0.0, 0.0), (1.0, 1.0))));
        assert_eq!(hit.buildings, vec![0]);
    }

    #[test]
    fn candidates_come_in_dataset_order_and_include_the_box_edge() {
        let ds = Dataset::default();
        let pts: Vec<Option<Point<f64>>> = (0..50)
            .map(|i| Some(Point::new(f64::from((i * 37) % 50), 0.0)))
            .chain([None, Some(Point::new(f64::NAN, 0.0))])
            .collect();
        let idx = SiteIndex::new(&ds, &pts);
        let got = idx
            .candidates(Some(Rect::new((10.0, -1.0), (20.0, 1.0))))
            .buildings;
        let want: Vec<usize> = (0..50)
            .filter(|&i| (10..=20).contains(&((i * 37) % 50)))
            .collect();
        assert_eq!(got, want);
    }
}
