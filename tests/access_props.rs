//! Property tests: the accelerated searches of `AccessEngine` (one
//! multi-source Dijkstra per category, k-label search, one bounded search
//! per facility) against a brute-force oracle on small random networks.
//!
//! The oracle follows the reference definition literally: it splits every
//! edge at every access point, adds origins and facilities as extra nodes
//! joined by their connectors, and runs a plain Dijkstra from every origin
//! to get the full origin × facility distance matrix. Only snapping itself
//! (`Network::snap`, tested against the Helsinki reference) is shared.
//!
//! Fixed seed, so failures reproduce; tolerance 1e-6 m (both sides add the
//! same f64 lengths in different orders).

// Native only: proptest and the reference files are not available in wasm32.
#![cfg(not(target_arch = "wasm32"))]

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use future_community::access::{AccessEngine, AccessOptions, SnapMode, TwoStepOptions};
use future_community::geodesy;
use future_community::model::{Building, BuildingUse, Dataset, Facility, Road};
use future_community::network::{Network, NetworkOptions};
use future_community::units::{Metres, MetresOrZero};
use geo::{polygon, Centroid, Coord, MultiLineString, MultiPolygon, Point};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

const LON0: f64 = 120.0;
const LAT0: f64 = 30.0;
const M_LON: f64 = 96_490.0; // metres per degree of longitude at 30°N (approx.)
const M_LAT: f64 = 110_850.0;
const TOL: f64 = 1e-6;

fn ll(x_m: f64, y_m: f64) -> (f64, f64) {
    (LON0 + x_m / M_LON, LAT0 + y_m / M_LAT)
}

/// A random district: a jittered grid with missing links and diagonals,
/// buildings and facilities of two categories scattered over it.
#[derive(Debug, Clone)]
struct Scenario {
    side: usize,
    jitter: Vec<(f64, f64)>,
    links: Vec<bool>,
    diagonals: Vec<bool>,
    homes: Vec<(f64, f64, f64)>,
    shops: Vec<(f64, f64, bool, f64)>,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (3usize..6).prop_flat_map(|side| {
        let n = side * side;
        (
            Just(side),
            prop::collection::vec((-15.0..15.0f64, -15.0..15.0f64), n),
            prop::collection::vec(prop::bool::weighted(0.8), 2 * n),
            prop::collection::vec(prop::bool::weighted(0.15), n),
            prop::collection::vec((-60.0..400.0f64, -60.0..400.0f64, 1.0..60.0f64), 1..25),
            prop::collection::vec(
                (-60.0..400.0f64, -60.0..400.0f64, any::<bool>(), 1.0..5.0f64),
                1..12,
            ),
        )
            .prop_map(|(side, jitter, links, diagonals, homes, shops)| Scenario {
                side,
                jitter,
                links,
                diagonals,
                homes,
                shops,
            })
    })
}

impl Scenario {
    fn dataset(&self) -> Dataset {
        let spacing = 380.0 / (self.side - 1) as f64;
        let pt = |i: usize, j: usize| {
            let (dx, dy) = self.jitter[i * self.side + j];
            ll(i as f64 * spacing + dx, j as f64 * spacing + dy)
        };
        let mut ds = Dataset::default();
        let mut road = |a: (f64, f64), b: (f64, f64)| {
            let line = vec![Coord { x: a.0, y: a.1 }, Coord { x: b.0, y: b.1 }];
            let fi = ds.roads.len();
            ds.roads.push(Road {
                feature_index: fi,
                id: None,
                lines: MultiLineString::new(vec![line.into()]),
                walkable: true,
            });
        };
        for i in 0..self.side {
            for j in 0..self.side {
                let k = i * self.side + j;
                if i + 1 < self.side && self.links[2 * k] {
                    road(pt(i, j), pt(i + 1, j));
                }
                if j + 1 < self.side && self.links[2 * k + 1] {
                    road(pt(i, j), pt(i, j + 1));
                }
                if i + 1 < self.side && j + 1 < self.side && self.diagonals[k] {
                    road(pt(i, j), pt(i + 1, j + 1));
                }
            }
        }
        let base = 1000;
        for (i, &(x, y, hh)) in self.homes.iter().enumerate() {
            let (lon, lat) = ll(x, y);
            let h = 0.00005;
            let p = polygon![(x: lon - h, y: lat - h), (x: lon + h, y: lat - h), (x: lon + h, y: lat + h), (x: lon - h, y: lat + h)];
            ds.buildings.push(Building {
                feature_index: base + i,
                id: Some(format!("b{i}")),
                footprint: MultiPolygon::new(vec![p]),
                floors: Some(3.0),
                height_m: None,
                building_use: BuildingUse::Residential,
                households: hh.round(),
                population: hh.round() * 2.0,
                floor_area_m2: None,
                households_estimated: false,
            });
        }
        for (i, &(x, y, a, cap)) in self.shops.iter().enumerate() {
            let (lon, lat) = ll(x, y);
            ds.facilities.push(Facility {
                feature_index: 2000 + i,
                id: Some(format!("f{i}")),
                category: if a { "a" } else { "b" }.into(),
                name: None,
                location: Point::new(lon, lat),
                area: None,
                floor_area_m2: None,
                capacity: cap.round(),
            });
        }
        ds
    }
}

/// Full distance matrix origins × facilities (`None`: unreachable) by the
/// literal definition, for edge or node snapping.
fn oracle(ds: &Dataset, net: &Network, max_snap: f64, mode: SnapMode) -> Vec<Vec<Option<f64>>> {
    let g = net.graph();
    let n = g.node_count();
    // Access point of a point: (edge, offset) plus the distance added, or
    // for node snapping the node itself with nothing added.
    enum Ap {
        Edge(u32, f64),
        Node(u32),
    }
    let access = |p: Point<f64>| -> Option<(Ap, f64)> {
        match mode {
            SnapMode::Edge => {
                let s = net.snap(p)?;
                (s.connector_m <= max_snap).then_some((Ap::Edge(s.edge, s.offset_m), s.connector_m))
            }
            SnapMode::Node => {
                let s = net.snap_node(p)?;
                (s.distance_m <= max_snap).then_some((Ap::Node(s.node), 0.0))
            }
        }
    };
    let origins: Vec<_> = ds
        .buildings
        .iter()
        .map(|b| access(b.footprint.centroid().unwrap()))
        .collect();
    let shops: Vec<_> = ds.facilities.iter().map(|f| access(f.location)).collect();
    // Split graph: network nodes, then one node per origin, then per facility.
    let total = n + origins.len() + shops.len();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); total];
    let mut on_edge: Vec<Vec<(f64, usize)>> = vec![Vec::new(); g.edge_count()];
    let join = |adj: &mut Vec<Vec<(usize, f64)>>, a: usize, b: usize, w: f64| {
        adj[a].push((b, w));
        adj[b].push((a, w));
    };
    for (k, ap) in origins.iter().chain(shops.iter()).enumerate() {
        match ap {
            Some((Ap::Edge(e, off), _)) => on_edge[*e as usize].push((*off, n + k)),
            Some((Ap::Node(v), _)) => join(&mut adj, *v as usize, n + k, 0.0),
            None => {}
        }
    }
    for (e, edge) in g.edges().iter().enumerate() {
        let mut pts = on_edge[e].clone();
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (mut prev, mut at) = (edge.u as usize, 0.0);
        for (off, node) in pts {
            join(&mut adj, prev, node, off - at);
            (prev, at) = (node, off);
        }
        join(&mut adj, prev, edge.v as usize, edge.length_m - at);
    }
    let extra = |ap: &Option<(Ap, f64)>| ap.as_ref().map(|a| a.1);
    origins
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut dist = vec![f64::INFINITY; total];
            let Some(co) = extra(o) else {
                return vec![None; shops.len()];
            };
            let mut heap = BinaryHeap::new();
            dist[n + i] = 0.0;
            heap.push(Reverse((0.0f64.to_bits(), n + i)));
            while let Some(Reverse((bits, u))) = heap.pop() {
                let d = f64::from_bits(bits);
                if d > dist[u] {
                    continue;
                }
                for &(v, w) in &adj[u] {
                    if d + w < dist[v] {
                        dist[v] = d + w;
                        heap.push(Reverse(((d + w).to_bits(), v)));
                    }
                }
            }
            shops
                .iter()
                .enumerate()
                .map(|(j, s)| {
                    let cf = extra(s)?;
                    let d = dist[n + origins.len() + j];
                    d.is_finite().then_some(co + d + cf)
                })
                .collect()
        })
        .collect()
}

fn config() -> Config {
    Config {
        cases: 48,
        rng_seed: RngSeed::Fixed(0x5eed_2024),
        failure_persistence: None,
        ..Config::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL * (1.0 + b.abs())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn accelerated_queries_match_brute_force(s in scenario(), max_snap in prop::sample::select(vec![40.0, 250.0]), node in any::<bool>()) {
        let ds = s.dataset();
        let mode = if node { SnapMode::Node } else { SnapMode::Edge };
        let engine = AccessEngine::new(&ds, &NetworkOptions { merge_tolerance_m: 0.0, ..NetworkOptions::default() }).unwrap();
        let matrix = oracle(&ds, engine.network(), max_snap, mode);
        let thresholds = [150.0, 300.0, 600.0];
        let opts = AccessOptions {
            categories: Some(vec!["a".into(), "b".into()]),
            thresholds_m: Some(thresholds.iter().filter_map(|&m| Metres::new(m)).collect()),
            k: Some(3),
            max_snap_m: MetresOrZero::new(max_snap),
            opportunities: Some(true),
            snap: Some(mode),
            decay: serde_json::from_str(r#"{"type":"linear","thresholdM":500}"#).ok(),
            ..AccessOptions::default()
        };
        let cols = engine.accessibility_columns(&opts).unwrap();
        for cat in ["a", "b"] {
            let col = &cols.categories[cat];
            let in_cat: Vec<usize> = (0..ds.facilities.len()).filter(|&j| ds.facilities[j].category == cat).collect();
            for (i, row) in matrix.iter().enumerate() {
                let mut ds_i: Vec<f64> = in_cat.iter().filter_map(|&j| row[j]).collect();
                ds_i.sort_by(f64::total_cmp);
                // Nearest.
                match ds_i.first() {
                    Some(&d) => prop_assert!(close(col.network_m[i], d), "nearest {i}: {} vs {d}", col.network_m[i]),
                    None => prop_assert!(col.network_m[i].is_nan()),
                }
                // k nearest distinct facilities.
                for r in 0..3 {
                    let ours = col.k_nearest_m[i * 3 + r];
                    match ds_i.get(r) {
                        Some(&d) => prop_assert!(close(ours, d), "k={r} {i}: {ours} vs {d}"),
                        None => prop_assert!(ours.is_nan()),
                    }
                }
                // Cumulative opportunities (ties at a threshold may go either way).
                for (t, &th) in thresholds.iter().enumerate() {
                    let lo = ds_i.iter().filter(|&&d| d <= th - TOL).count() as u32;
                    let hi = ds_i.iter().filter(|&&d| d <= th + TOL).count() as u32;
                    let ours = col.opportunities[i * thresholds.len() + t];
                    prop_assert!(lo <= ours && ours <= hi, "opportunities {i} {th}: {ours} not in {lo}..{hi}");
                }
                // Gravity with linear decay, weight = capacity.
                let g: f64 = in_cat
                    .iter()
                    .filter_map(|&j| row[j].map(|d| ds.facilities[j].capacity * (1.0 - d / 500.0).max(0.0)))
                    .sum();
                prop_assert!((col.gravity[i] - g).abs() < 1e-6, "gravity {i}: {} vs {g}", col.gravity[i]);
                // Straight line: geodesic (Karney) to the nearest facility.
                let c = ds.buildings[i].footprint.centroid().unwrap();
                let straight = in_cat.iter().map(|&j| geodesy::distance_m(c, ds.facilities[j].location)).fold(f64::INFINITY, f64::min);
                if straight.is_finite() {
                    prop_assert!((col.straight_m[i] - straight).abs() < 1e-6 * straight + 1e-6);
                }
            }
        }
    }

    #[test]
    fn two_step_fca_matches_brute_force(s in scenario(), catchment in 150.0..600.0f64) {
        let ds = s.dataset();
        let engine = AccessEngine::new(&ds, &NetworkOptions { merge_tolerance_m: 0.0, ..NetworkOptions::default() }).unwrap();
        let matrix = oracle(&ds, engine.network(), 250.0, SnapMode::Edge);
        // Skip draws with a distance within TOL of the catchment (either side is right).
        let borderline = matrix.iter().flatten().flatten().any(|d| (d - catchment).abs() < TOL * 10.0);
        prop_assume!(!borderline);
        let opts = TwoStepOptions { category: "a".into(), catchment_m: Metres::new(catchment), ..TwoStepOptions::default() };
        let ours = engine.two_step_fca(&opts).unwrap();
        let fac: Vec<usize> = (0..ds.facilities.len()).filter(|&j| ds.facilities[j].category == "a").collect();
        let within = |i: usize, j: usize| matrix[i][j].is_some_and(|d| d <= catchment);
        let ratio: Vec<Option<f64>> = fac
            .iter()
            .map(|&j| {
                let demand: f64 = (0..ds.buildings.len()).filter(|&i| within(i, j)).map(|i| ds.buildings[i].households).sum();
                (demand > 0.0).then(|| ds.facilities[j].capacity / demand)
            })
            .collect();
        for (k, f) in ours.facilities.iter().enumerate() {
            prop_assert_eq!(f.ratio.is_some(), ratio[k].is_some());
            if let (Some(a), Some(b)) = (f.ratio, ratio[k]) {
                prop_assert!((a - b).abs() < 1e-12 * b.max(1.0));
            }
        }
        for (i, b) in ours.buildings.iter().enumerate() {
            let expected: f64 = fac.iter().enumerate().filter(|&(_, &j)| within(i, j)).filter_map(|(k, _)| ratio[k]).sum();
            prop_assert!((b.score - expected).abs() < 1e-12 * expected.max(1.0), "building {i}: {} vs {expected}", b.score);
        }
    }
}
