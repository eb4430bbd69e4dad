//! Isochrones, service areas, travel-time grids and travel circles.
//!
//! - Property tests (proptest, fixed seed) on small random street grids,
//!   checked against a brute-force Dijkstra written here from the raw road
//!   coordinates: the reachable node set, nesting, growth, every reachable
//!   network point (and its inner buffer) inside, no point farther than the
//!   buffer inside, households counted by centroid.
//! - Fixtures: a transit line that alone makes the 30-minute circle, walking
//!   circles, service areas, the grid.
//! - A smoke test on the Helsinki centre data (`data/helsinki-centre`).
//!
//! Geometric checks run in the same tangent plane the library uses for an
//! isochrone (centred on the origin), so coordinates compare exactly.

// Native only: proptest and the Helsinki data are not available in wasm32.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use future_community::access::AccessEngine;
use future_community::geodesy::{self, LocalPlane};
use future_community::isochrone::{
    isochrones, AreaCollection, IsochroneOptions, ReachableNetwork, Source,
};
use future_community::model::{Building, BuildingUse, Dataset, Road};
use future_community::network::NetworkOptions;
use future_community::Community;
use geo::{
    BooleanOps, Centroid, Contains, Coord, Distance, Euclidean, LineString, MultiLineString,
    MultiPolygon, Point, Polygon,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

#[path = "isochrones/fixtures.rs"]
mod fixtures;
#[path = "isochrones/helsinki.rs"]
mod helsinki;

const SPEED: f64 = 5.0 / 3.6;
const CENTRE: (f64, f64) = (120.15, 30.27);

/// A small deterministic generator for the network layout.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A jittered street grid with missing links, mid-block vertices and
/// residential buildings; `(dataset, bbox in plane metres)`.
fn random_city(nx: usize, ny: usize, spacing: f64, keep: f64, seed: u64) -> Dataset {
    let plane = LocalPlane::new(Point::new(CENTRE.0, CENTRE.1));
    let mut rng = Rng(seed | 1);
    let mut pos = vec![];
    for j in 0..ny {
        for i in 0..nx {
            let jx = (rng.next() - 0.5) * spacing * 0.4;
            let jy = (rng.next() - 0.5) * spacing * 0.4;
            pos.push((i as f64 * spacing + jx, j as f64 * spacing + jy));
        }
    }
    let ll = |p: (f64, f64)| {
        let (x, y) = plane.unproject(p.0, p.1);
        Coord { x, y }
    };
    let mut ds = Dataset::default();
    let add_road = |a: (f64, f64), b: (f64, f64), mid: bool, ds: &mut Dataset| {
        let mut coords = vec![ll(a)];
        if mid {
            coords.push(ll(((a.0 + b.0) / 2.0 + 7.0, (a.1 + b.1) / 2.0 - 5.0)));
        }
        coords.push(ll(b));
        ds.roads.push(Road {
            feature_index: ds.roads.len(),
            id: None,
            lines: MultiLineString::new(vec![LineString::new(coords)]),
            walkable: true,
        });
    };
    for j in 0..ny {
        for i in 0..nx {
            let k = j * nx + i;
            if i + 1 < nx && rng.next() < keep {
                add_road(pos[k], pos[k + 1], rng.next() < 0.3, &mut ds);
            }
            if j + 1 < ny && rng.next() < keep {
                add_road(pos[k], pos[k + nx], rng.next() < 0.3, &mut ds);
            }
        }
    }
    for b in 0..12 {
        let (x, y) = (
            rng.next() * spacing * nx as f64,
            rng.next() * spacing * ny as f64,
        );
        let sq = [
            (x, y),
            (x + 12.0, y),
            (x + 12.0, y + 10.0),
            (x, y + 10.0),
            (x, y),
        ];
        ds.buildings.push(Building {
            feature_index: 1000 + b,
            id: None,
            footprint: MultiPolygon::new(vec![Polygon::new(
                sq.iter().map(|p| ll(*p)).collect(),
                vec![],
            )]),
            floors: Some(4.0),
            height_m: None,
            building_use: BuildingUse::Residential,
            households: 1.0 + b as f64,
            population: 2.0 * (1.0 + b as f64),
            floor_area_m2: None,
            households_estimated: false,
        });
    }
    ds
}

fn key(c: Coord<f64>) -> (u64, u64) {
    (c.x.to_bits(), c.y.to_bits())
}

/// Brute force from the raw road coordinates: nodes, edges (geodesic
/// lengths) and O(N²) Dijkstra seeded from an edge position.
struct Brute {
    nodes: Vec<Coord<f64>>,
    edges: Vec<(usize, usize, f64)>,
}

impl Brute {
    fn new(roads: &[Road]) -> Brute {
        let mut ids: HashMap<(u64, u64), usize> = HashMap::new();
        let mut nodes = vec![];
        let mut edges = vec![];
        for r in roads {
            for l in &r.lines.0 {
                let mut prev: Option<usize> = None;
                for c in &l.0 {
                    let id = *ids.entry(key(*c)).or_insert_with(|| {
                        nodes.push(*c);
                        nodes.len() - 1
                    });
                    if let Some(p) = prev {
                        edges.push((p, id, geodesy::distance_m(Point(nodes[p]), Point(*c))));
                    }
                    prev = Some(id);
                }
            }
        }
        Brute { nodes, edges }
    }

    fn dijkstra(&self, seeds: &[(usize, f64)]) -> Vec<f64> {
        let n = self.nodes.len();
        let mut dist = vec![f64::INFINITY; n];
        let mut done = vec![false; n];
        for &(s, d) in seeds {
            dist[s] = dist[s].min(d);
        }
        while let Some(u) = (0..n)
            .filter(|&i| !done[i] && dist[i].is_finite())
            .min_by(|&a, &b| dist[a].total_cmp(&dist[b]))
        {
            done[u] = true;
            for &(a, b, l) in &self.edges {
                let v = if a == u {
                    b
                } else if b == u {
                    a
                } else {
                    continue;
                };
                dist[v] = dist[v].min(dist[u] + l);
            }
        }
        dist
    }
}

/// A collection's polygons in the plane around `origin`.
fn planar(fc: &AreaCollection, plane: &LocalPlane) -> Vec<MultiPolygon<f64>> {
    use geo::MapCoords;
    fc.features
        .iter()
        .map(|f| {
            f.geometry.to_geo().map_coords(|c| {
                let (x, y) = plane.project(c.x, c.y);
                Coord { x, y }
            })
        })
        .collect()
}

fn boundary_distance(mp: &MultiPolygon<f64>, p: Point<f64>) -> f64 {
    mp.0.iter()
        .flat_map(|poly| std::iter::once(poly.exterior()).chain(poly.interiors()))
        .map(|r| Euclidean.distance(&p, r))
        .fold(f64::INFINITY, f64::min)
}

fn inside_or_on(mp: &MultiPolygon<f64>, p: Point<f64>) -> bool {
    mp.contains(&p) || boundary_distance(mp, p) < 1e-6
}

fn seg_distance(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    Euclidean.distance(&Point(p), &geo::Line::new(a, b))
}

fn check_isochrone(ds: Dataset, ox: f64, oy: f64, minutes: Vec<f64>, buffer: f64) {
    let community = Community::from_dataset(ds);
    let ds = community.dataset();
    let engine = AccessEngine::new(ds, &NetworkOptions::default()).unwrap();
    let net = engine.network();
    let centre = LocalPlane::new(Point::new(CENTRE.0, CENTRE.1));
    let (lon, lat) = centre.unproject(ox, oy);
    let origin = Point::new(lon, lat);
    let arc = 1.0;
    let opts: IsochroneOptions = serde_json::from_value(serde_json::json!({
        "origin": [lon, lat], "minutes": minutes, "bufferM": buffer,
        "maxSnapM": 1e9, "arcToleranceM": arc,
    }))
    .unwrap();
    let fc = isochrones(&community, &opts).unwrap();
    let Some(snap) = net.snap(origin) else { return };
    let plane = LocalPlane::new(origin);
    let xy = |c: Coord<f64>| {
        let (x, y) = plane.project(c.x, c.y);
        Coord { x, y }
    };
    let polys = planar(&fc, &plane);
    let mut sorted = minutes.clone();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    assert_eq!(polys.len(), sorted.len());

    // Brute-force distances from the snap's edge ends.
    let brute = Brute::new(&ds.roads);
    let ids: HashMap<(u64, u64), usize> = brute
        .nodes
        .iter()
        .enumerate()
        .map(|(i, c)| (key(*c), i))
        .collect();
    let g = net.graph();
    let e = g.edges()[snap.edge as usize];
    let (u, v) = (g.node(e.u).unwrap().0, g.node(e.v).unwrap().0);
    let (bu, bv) = (ids[&key(u)], ids[&key(v)]);
    let c = snap.connector_m;
    let dist = brute.dijkstra(&[
        (bu, c + snap.offset_m),
        (bv, c + e.length_m - snap.offset_m),
    ]);
    // The origin's own edge, by coordinates, for the direct interval.
    let own = |a: usize, b: usize| {
        (a == bu && b == bv)
            .then_some(snap.offset_m)
            .or_else(|| (a == bv && b == bu).then_some(e.length_m - snap.offset_m))
    };
    let reach = ReachableNetwork::new(
        net,
        vec![Source {
            point: origin,
            snap,
        }],
        f64::INFINITY,
    );
    let r_in = buffer * (1.0 - arc / buffer).max(0.0) - arc / 2.0 - 1e-3;
    let r_out = buffer + arc / 2.0 + 1e-3;
    for (i, &t) in sorted.iter().enumerate() {
        let d_lim = t * 60.0 * SPEED;
        let props = &fc.features[i].properties;
        assert!((props.distance_m - d_lim).abs() < 1e-9);
        // (a) Reachable node set = brute force.
        let mine: Vec<(u64, u64)> = reach
            .nodes_within(d_lim)
            .map(|(n, _)| key(g.node(n).unwrap().0))
            .collect();
        for (k, &d) in dist.iter().enumerate() {
            let found = mine.contains(&key(brute.nodes[k]));
            if (d - d_lim).abs() > 1e-7 {
                assert_eq!(found, d <= d_lim, "node {k} at {d} m, limit {d_lim} m");
            }
        }
        // (b, c) Nesting and growth.
        if i > 0 {
            let (small, big) = (&polys[i - 1], &polys[i]);
            let outside = geo::Area::unsigned_area(&small.difference(big));
            assert!(
                outside <= 1e-6 * geo::Area::unsigned_area(small) + 0.01,
                "{outside} m² outside"
            );
            let prev = &fc.features[i - 1].properties;
            assert!(props.area_m2 >= prev.area_m2 - 1e-6);
            assert!(props.households >= prev.households);
            for ring in small.0.iter().map(|p| p.exterior()) {
                for q in &ring.0 {
                    assert!(
                        inside_or_on(big, Point(*q)) || boundary_distance(big, Point(*q)) < 1e-4
                    );
                }
            }
        }
        // (d) Every reachable network point, and its inner buffer, is inside;
        // (e) the reachable pieces, for the outer bound.
        let poly = &polys[i];
        let mut pieces: Vec<(Coord<f64>, Coord<f64>)> = vec![];
        if c > 0.0 {
            let s = d_lim.min(c) / c;
            let (p0, p1) = (xy(origin.0), xy(snap.point.0));
            pieces.push((
                p0,
                Coord {
                    x: p0.x + s * (p1.x - p0.x),
                    y: p0.y + s * (p1.y - p0.y),
                },
            ));
        }
        for &(a, b, len) in &brute.edges {
            let (pa, pb) = (xy(brute.nodes[a]), xy(brute.nodes[b]));
            let at = |x: f64| Coord {
                x: pa.x + x / len * (pb.x - pa.x),
                y: pa.y + x / len * (pb.y - pa.y),
            };
            let netd = |x: f64| {
                let mut d = (dist[a] + x).min(dist[b] + len - x);
                if let Some(s) = own(a, b) {
                    d = d.min(c + (x - s).abs());
                }
                d
            };
            for k in 0..=8 {
                let x = len * f64::from(k) / 8.0;
                if netd(x) <= d_lim - 1e-6 {
                    let p = at(x);
                    assert!(
                        inside_or_on(poly, Point(p)),
                        "reachable point {p:?} outside at {t} min"
                    );
                    for dir in 0..8 {
                        let ang = f64::from(dir) * std::f64::consts::FRAC_PI_4;
                        let q = Point::new(p.x + r_in * ang.cos(), p.y + r_in * ang.sin());
                        assert!(
                            inside_or_on(poly, q),
                            "point {r_in} m from reachable {p:?} outside"
                        );
                    }
                }
            }
            let mut ivs = vec![];
            if dist[a] <= d_lim {
                ivs.push((0.0, (d_lim - dist[a]).min(len)));
            }
            if dist[b] <= d_lim {
                ivs.push(((len - (d_lim - dist[b])).max(0.0), len));
            }
            if let Some(s) = own(a, b) {
                if c <= d_lim {
                    ivs.push(((s - (d_lim - c)).max(0.0), (s + d_lim - c).min(len)));
                }
            }
            pieces.extend(ivs.into_iter().map(|(x0, x1)| (at(x0), at(x1))));
        }
        let near = |p: Coord<f64>| {
            pieces
                .iter()
                .map(|s| seg_distance(p, s.0, s.1))
                .fold(f64::INFINITY, f64::min)
        };
        let mut rng = Rng(0x9e37_79b9 ^ (i as u64));
        for _ in 0..300 {
            let p = Coord {
                x: (rng.next() - 0.5) * 2.0 * (d_lim + buffer * 2.0),
                y: (rng.next() - 0.5) * 2.0 * (d_lim + buffer * 2.0),
            };
            let d = near(p);
            if d > r_out {
                assert!(
                    !poly.contains(&Point(p)),
                    "{p:?} is {d} m from the reachable network but inside"
                );
            } else if d < r_in {
                assert!(
                    inside_or_on(poly, Point(p)),
                    "{p:?} is {d} m from the reachable network but outside"
                );
            }
        }
        // Households: buildings whose centroid is inside.
        let (mut lo, mut hi) = (0.0, 0.0);
        for b in &ds.buildings {
            let cp = Point(xy(b.footprint.centroid().unwrap().0));
            let on = boundary_distance(poly, cp) < 1e-6;
            if poly.contains(&cp) && !on {
                lo += b.households;
            }
            if poly.contains(&cp) || on {
                hi += b.households;
            }
        }
        assert!(
            props.households >= lo && props.households <= hi,
            "{} not in [{lo}, {hi}]",
            props.households
        );
    }
}

proptest! {
    #![proptest_config(Config {
        cases: 24,
        rng_seed: RngSeed::Fixed(0x1500_c0de),
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn isochrones_on_random_grids(
        nx in 2usize..6, ny in 2usize..6, spacing in 60.0f64..160.0, keep in 0.55f64..1.0,
        seed in any::<u64>(), fx in 0.0f64..1.0, fy in 0.0f64..1.0,
        minutes in prop::collection::vec(0.3f64..5.0, 1..4), buffer in 15.0f64..60.0,
    ) {
        let ds = random_city(nx, ny, spacing, keep, seed);
        let (ox, oy) = (fx * spacing * nx as f64, fy * spacing * ny as f64);
        check_isochrone(ds, ox, oy, minutes, buffer);
    }

    #[test]
    fn multi_source_reach_matches_brute_force(
        nx in 2usize..6, ny in 2usize..6, spacing in 60.0f64..160.0, keep in 0.55f64..1.0,
        seed in any::<u64>(), points in prop::collection::vec((0.0f64..1.0, 0.0f64..1.0), 1..5),
        limit in 20.0f64..600.0,
    ) {
        check_multi_source(random_city(nx, ny, spacing, keep, seed), spacing * nx as f64, spacing * ny as f64, &points, limit);
    }
}

/// Several sources (as a service area): node distances and distances at
/// points along every edge against the brute force.
fn check_multi_source(ds: Dataset, w: f64, h: f64, points: &[(f64, f64)], limit: f64) {
    let engine = AccessEngine::new(&ds, &NetworkOptions::default()).unwrap();
    let net = engine.network();
    let g = net.graph();
    let plane = LocalPlane::new(Point::new(CENTRE.0, CENTRE.1));
    let brute = Brute::new(&ds.roads);
    let ids: HashMap<(u64, u64), usize> = brute
        .nodes
        .iter()
        .enumerate()
        .map(|(i, c)| (key(*c), i))
        .collect();
    let mut sources = vec![];
    let mut seeds = vec![];
    for &(fx, fy) in points {
        let (lon, lat) = plane.unproject(fx * w, fy * h);
        let Some(snap) = net.snap(Point::new(lon, lat)) else {
            return;
        };
        let e = g.edges()[snap.edge as usize];
        let (bu, bv) = (
            ids[&key(g.node(e.u).unwrap().0)],
            ids[&key(g.node(e.v).unwrap().0)],
        );
        seeds.push((bu, snap.connector_m + snap.offset_m));
        seeds.push((bv, snap.connector_m + e.length_m - snap.offset_m));
        sources.push(Source {
            point: Point::new(lon, lat),
            snap,
        });
    }
    let dist = brute.dijkstra(&seeds);
    let reach = ReachableNetwork::new(net, sources.clone(), limit);
    for (k, c) in brute.nodes.iter().enumerate() {
        let Some(node) = (0..g.node_count() as u32).find(|&n| key(g.node(n).unwrap().0) == key(*c))
        else {
            continue;
        };
        match reach.node_distance(node) {
            Some(d) => assert!((d - dist[k]).abs() < 1e-6, "node {k}: {d} vs {}", dist[k]),
            None => assert!(
                dist[k] > limit - 1e-6,
                "node {k} at {} m not reached (limit {limit})",
                dist[k]
            ),
        }
    }
    // Points along edges: the node formula plus the direct walk from every
    // source on the same edge.
    for (ei, e) in g.edges().iter().enumerate() {
        for t in 0..=4 {
            let x = e.length_m * f64::from(t) / 4.0;
            let (a, b) = (
                ids[&key(g.node(e.u).unwrap().0)],
                ids[&key(g.node(e.v).unwrap().0)],
            );
            let mut want = (dist[a] + x).min(dist[b] + e.length_m - x);
            for s in sources.iter().filter(|s| s.snap.edge == ei as u32) {
                want = want.min(s.snap.connector_m + (x - s.snap.offset_m).abs());
            }
            match reach.distance_on_edge(ei as u32, x) {
                Some(d) => assert!((d - want).abs() < 1e-6, "edge {ei} at {x}: {d} vs {want}"),
                None => assert!(
                    want > limit - 1e-6,
                    "edge {ei} at {x}: {want} m not reached"
                ),
            }
        }
    }
}
