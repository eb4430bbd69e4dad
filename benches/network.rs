//! Walking-network and accessibility benchmarks.
//!
//! `cargo bench --bench network` runs on a deterministic synthetic district
//! built here in the manner of `bench/gen_city.py 100 1` (a jittered
//! 100 × 100 street grid at 90 m spacing, ~19 800 buildings, ~1 300
//! facilities in 10 categories). Set `FC_BENCH_GEOJSON=path/to/city.geojson`
//! to run the same benchmarks on a GeoJSON file instead, e.g. the output of
//! `python3 bench/gen_city.py 300 1`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use future_community::access::{AccessEngine, AccessOptions, TwoStepOptions};
use future_community::input::{self, ReadOptions};
use future_community::model::{Building, BuildingUse, Dataset, Facility, Road};
use future_community::network::NetworkOptions;
use geo::{polygon, Coord, MultiLineString, MultiPolygon, Point};

/// xorshift64*: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

const CATEGORIES: [(&str, f64); 10] = [
    ("kindergarten", 0.015),
    ("primary_school", 0.008),
    ("middle_school", 0.004),
    ("clinic", 0.01),
    ("elderly_care", 0.01),
    ("supermarket", 0.02),
    ("market", 0.008),
    ("bus_stop", 0.04),
    ("park", 0.01),
    ("community_center", 0.006),
];

/// A synthetic district with `n` × `n` intersections near Hangzhou.
fn district(n: usize) -> Dataset {
    const SPACING_M: f64 = 90.0;
    let (lon0, lat0): (f64, f64) = (120.10, 30.25);
    let m_lat = 111_320.0;
    let m_lon = 111_320.0 * lat0.to_radians().cos();
    let ll = |x: f64, y: f64| Coord {
        x: lon0 + x / m_lon,
        y: lat0 + y / m_lat,
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let pts: Vec<(f64, f64)> = (0..n * n)
        .map(|k| {
            let (i, j) = ((k / n) as f64, (k % n) as f64);
            (
                i * SPACING_M + rng.range(-12.0, 12.0),
                j * SPACING_M + rng.range(-12.0, 12.0),
            )
        })
        .collect();
    let mut ds = Dataset::default();
    let mut fi = 0;
    for i in 0..n {
        for j in 0..n {
            let a = pts[i * n + j];
            let mut link = |b: (f64, f64), ds: &mut Dataset| {
                let line = vec![ll(a.0, a.1), ll(b.0, b.1)];
                ds.roads.push(Road {
                    feature_index: fi,
                    id: None,
                    lines: MultiLineString::new(vec![line.into()]),
                    walkable: true,
                });
                fi += 1;
            };
            if i + 1 < n && rng.next() > 0.08 {
                link(pts[(i + 1) * n + j], &mut ds);
            }
            if j + 1 < n && rng.next() > 0.08 {
                link(pts[i * n + j + 1], &mut ds);
            }
            if i + 1 < n && j + 1 < n && rng.next() < 0.05 {
                link(pts[(i + 1) * n + j + 1], &mut ds);
            }
        }
    }
    for i in 0..n - 1 {
        for j in 0..n - 1 {
            let (x0, y0) = pts[i * n + j];
            for k in 0..2 {
                let bx = x0 + 20.0 + 35.0 * k as f64 + rng.range(-4.0, 4.0);
                let by = y0 + 22.0 + rng.range(-4.0, 4.0);
                let (w, h) = (rng.range(14.0, 28.0), rng.range(10.0, 40.0));
                let (p, q) = (ll(bx, by), ll(bx + w, by + h));
                let floors = [3.0, 6.0, 6.0, 11.0, 18.0, 26.0][(rng.next() * 6.0) as usize % 6];
                let residential = rng.next() < 0.85;
                let households = if residential {
                    (w * h * floors * 0.8 / 90.0).round().max(1.0)
                } else {
                    0.0
                };
                ds.buildings.push(Building {
                    feature_index: fi,
                    id: None,
                    footprint: MultiPolygon::new(vec![polygon![(x: p.x, y: p.y), (x: q.x, y: p.y), (x: q.x, y: q.y), (x: p.x, y: q.y)]]),
                    floors: Some(floors),
                    height_m: None,
                    building_use: if residential { BuildingUse::Residential } else { BuildingUse::Commercial },
                    households,
                    population: households * 2.8,
                    floor_area_m2: None,
                    households_estimated: false,
                });
                fi += 1;
            }
            for (cat, density) in CATEGORIES {
                if rng.next() < density {
                    let c = ll(x0 + rng.range(5.0, 80.0), y0 + rng.range(2.0, 8.0));
                    ds.facilities.push(Facility {
                        feature_index: fi,
                        id: None,
                        category: cat.into(),
                        name: None,
                        location: Point(c),
                        area: None,
                        floor_area_m2: None,
                        capacity: 1.0 + (rng.next() * 4.0).floor() * 20.0,
                    });
                    fi += 1;
                }
            }
        }
    }
    ds
}

fn dataset() -> Dataset {
    match std::env::var("FC_BENCH_GEOJSON") {
        Ok(path) => {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            input::read(&text, &ReadOptions::default()).unwrap_or_else(|e| panic!("{path}: {e}"))
        }
        Err(_) => district(100),
    }
}

fn options(json: &str) -> AccessOptions {
    serde_json::from_str(json).expect("valid options")
}

fn benches(c: &mut Criterion) {
    let ds = dataset();
    let net_opts = NetworkOptions::default();
    let mut g = c.benchmark_group("network");
    g.sample_size(10);
    g.bench_function("engine_build", |b| {
        b.iter(|| AccessEngine::new(black_box(&ds), &net_opts))
    });
    let engine = AccessEngine::new(&ds, &net_opts).expect("engine");
    let all = "\"thresholdsM\":[300,500,800,1000]";
    for (name, json) in [
        ("nearest_straight_coverage_10cat_4thr", format!("{{{all}}}")),
        (
            "with_opportunities",
            format!("{{{all},\"opportunities\":true}}"),
        ),
        ("k3", format!("{{{all},\"k\":3}}")),
        (
            "gravity_exponential_300m",
            format!("{{{all},\"decay\":{{\"type\":\"exponential\",\"halfLifeM\":300}}}}"),
        ),
    ] {
        let opts = options(&json);
        g.bench_function(name, |b| {
            b.iter(|| engine.accessibility_columns(black_box(&opts)))
        });
    }
    let opts = options(&format!("{{{all}}}"));
    g.bench_function("objects_form", |b| {
        b.iter(|| engine.accessibility(black_box(&opts)))
    });
    let fca = TwoStepOptions {
        category: "clinic".into(),
        catchment_m: future_community::units::Metres::new(1000.0),
        ..TwoStepOptions::default()
    };
    g.bench_function("two_step_fca_clinic_1000m", |b| {
        b.iter(|| engine.two_step_fca(black_box(&fca)))
    });
    g.finish();
}

criterion_group!(network, benches);
criterion_main!(network);
