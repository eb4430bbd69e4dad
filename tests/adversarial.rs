//! Adversarial but valid input: sizes that would expose quadratic work or
//! unbounded memory. Each test builds its input in memory (nothing big is
//! committed), runs it through reading, the summary and the site metrics,
//! and checks the result. There are no time limits in the assertions: they
//! run in the normal suite, and `cargo test --test adversarial --
//! --nocapture` prints how long each step took.

use std::fmt::Write as _;
use std::time::Instant;

use future_community::community::SiteRef;
use future_community::input::ReadOptions;
use future_community::site::SiteParams;
use future_community::Community;

/// Runs `f`, printing its duration (visible with `--nocapture`).
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    eprintln!("{what}: {:.2?}", t.elapsed());
    r
}

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

fn square(x: f64, y: f64, d: f64) -> String {
    format!(
        "[[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]",
        x + d,
        x + d,
        y + d,
        y + d
    )
}

fn building(x: f64, y: f64) -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"kind":"building","use":"residential","floors":6,"households":10,"population":25}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
        square(x, y, 0.0002)
    )
}

fn boundary() -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"kind":"boundary"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
        square(120.0, 30.0, 0.01)
    )
}

/// A closed ring of `n` vertices around (120.005, 30.005), radius 0.005°.
fn circle_ring(n: usize) -> String {
    let mut s = String::with_capacity(n * 40);
    s.push('[');
    for i in 0..=n {
        let t = (i % n) as f64 / n as f64 * std::f64::consts::TAU;
        if i > 0 {
            s.push(',');
        }
        let _ = write!(
            s,
            "[{:.9},{:.9}]",
            120.005 + 0.005 * t.cos(),
            30.005 + 0.005 * t.sin()
        );
    }
    s.push(']');
    s
}

fn params() -> SiteParams {
    SiteParams {
        service_categories: vec!["community_service".into()],
        ..SiteParams::default()
    }
}

#[test]
fn site_with_a_million_vertices() {
    let n = 1_000_000;
    let mut features = vec![format!(
        r#"{{"type":"Feature","properties":{{"kind":"boundary"}},"geometry":{{"type":"Polygon","coordinates":[{}]}}}}"#,
        circle_ring(n)
    )];
    // 2 000 buildings on a grid inside the circle, plus a green area.
    for i in 0..50 {
        for j in 0..40 {
            features.push(building(
                120.002 + i as f64 * 0.0001,
                30.003 + j as f64 * 0.0001,
            ));
        }
    }
    features.push(format!(
        r#"{{"type":"Feature","properties":{{"kind":"green"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
        square(120.004, 30.004, 0.002)
    ));
    let text = collection(&features);
    let c = timed("1e6-vertex site: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    let r = timed("1e6-vertex site: metrics", || {
        c.site_metrics(None, &params()).expect("metrics")
    });
    assert_eq!(r.metrics.building_count, 2000);
    assert_eq!(r.metrics.households, 20_000.0);
    // The circle's area: π r² with r ≈ 0.005° (481 m east-west, 554 m
    // north-south at 30°N): an ellipse of about 0.84 km².
    assert!(
        (0.80e6..0.88e6).contains(&r.metrics.site_area_m2),
        "{}",
        r.metrics.site_area_m2
    );
    assert!(
        c.summary().warnings.is_empty(),
        "{:?}",
        c.summary().warnings
    );
}

#[test]
fn self_intersecting_polygon_with_many_vertices() {
    // A circle whose last stretch is pinched across it: the check finds the
    // crossing and the even-odd repair runs on the whole outline.
    let n = 200_000;
    let ring = circle_ring(n);
    let ring = ring.replacen("[120.010000000,30.005000000]", "[120.0,30.0]", 1);
    let text = collection(&[
        boundary(),
        format!(
            r#"{{"type":"Feature","properties":{{"kind":"building","floors":2}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}"#
        ),
    ]);
    let c = timed("2e5-vertex bow-tie: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    let s = c.summary();
    assert!(s.warnings.iter().any(|w| w.code == "SELF_INTERSECTION"));
    assert_eq!(s.counts["building"], 1);
}

#[test]
fn a_hundred_thousand_facilities_at_one_point() {
    let mut features = vec![boundary(), building(120.002, 30.002)];
    let f = r#"{"type":"Feature","properties":{"kind":"facility","category":"community_service","floor_area_m2":10},"geometry":{"type":"Point","coordinates":[120.005,30.005]}}"#;
    features.extend(std::iter::repeat_n(f.to_string(), 100_000));
    let text = collection(&features);
    let c = timed("1e5 facilities: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    let s = timed("1e5 facilities: summary", || c.summary());
    assert_eq!(s.categories["community_service"], 100_000);
    let r = timed("1e5 facilities: metrics", || {
        c.site_metrics(None, &params()).expect("metrics")
    });
    assert_eq!(r.metrics.service_floor_area_m2, 1_000_000.0);
}

#[test]
fn a_hundred_thousand_identical_buildings() {
    let mut features = vec![boundary()];
    features.extend(std::iter::repeat_n(building(120.002, 30.002), 100_000));
    // Identical green areas too: their union is one polygon.
    let g = format!(
        r#"{{"type":"Feature","properties":{{"kind":"green"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
        square(120.004, 30.004, 0.002)
    );
    features.extend(std::iter::repeat_n(g, 10_000));
    let text = collection(&features);
    let c = timed("1e5 buildings: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    let r = timed("1e5 buildings: metrics", || {
        c.site_metrics(None, &params()).expect("metrics")
    });
    assert_eq!(r.metrics.building_count, 100_000);
    assert_eq!(r.metrics.households, 1_000_000.0);
    let one_green = 0.002 * 0.002 / (0.01 * 0.01);
    let ratio = r.metrics.green_ratio.expect("green ratio");
    assert!((ratio / one_green - 1.0).abs() < 0.01, "{ratio}");
}

#[test]
fn many_sites_and_buildings_outside_them() {
    // 2 000 small sites on a grid, 20 000 buildings of which half lie
    // between the sites.
    let mut features = Vec::new();
    for i in 0..50 {
        for j in 0..40 {
            features.push(format!(
                r#"{{"type":"Feature","properties":{{"kind":"boundary"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
                square(120.0 + i as f64 * 0.01, 30.0 + j as f64 * 0.01, 0.005)
            ));
        }
    }
    for k in 0..20_000 {
        let (i, j) = ((k % 50) as f64, ((k / 50) % 40) as f64);
        let off = if (k / 2000) % 2 == 0 { 0.001 } else { 0.007 };
        features.push(building(120.0 + i * 0.01 + off, 30.0 + j * 0.01 + off));
    }
    let text = collection(&features);
    let c = timed("2e3 sites x 2e4 buildings: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    let s = c.summary();
    assert_eq!(s.sites.len(), 2000);
    let w = s
        .warnings
        .iter()
        .find(|w| w.code == "BUILDINGS_OUTSIDE_SITES")
        .expect("outside warning");
    assert!(w.message.starts_with("10000 of 20000"), "{}", w.message);
    let r = c
        .site_metrics(Some(&SiteRef::Index(1999)), &params())
        .expect("metrics");
    assert_eq!(r.metrics.building_count, 5);
}

#[test]
fn osm_buildings_decided_by_many_identical_landuse_areas() {
    let mut features = Vec::new();
    let b = format!(
        r#"{{"type":"Feature","properties":{{"building":"yes"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
        square(120.002, 30.002, 0.0002)
    );
    features.extend(std::iter::repeat_n(b, 20_000));
    let l = format!(
        r#"{{"type":"Feature","properties":{{"landuse":"residential"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
        square(120.0, 30.0, 0.01)
    );
    features.extend(std::iter::repeat_n(l, 20_000));
    let text = collection(&features);
    let c = timed("2e4 pending buildings x 2e4 landuse: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    assert_eq!(c.summary().buildings_by_use["residential"], 20_000);
}

/// A triangle over the lower-right half of the 0.01° square at (120, 30):
/// its box covers the whole square, but not the upper-left half.
fn lower_right_triangle() -> String {
    "[[[120.0,30.0],[120.01,30.0],[120.01,30.01],[120.0,30.0]]]".to_string()
}

#[test]
fn overlapping_landuse_that_contains_nothing_is_bounded() {
    // 20 000 buildings in the upper-left half, 20 000 landuse triangles
    // whose boxes cover them all but which contain none: 4e8 candidate
    // tests. The work budget stops it with a warning.
    let mut features = Vec::new();
    for k in 0..20_000 {
        let (i, j) = ((k % 100) as f64, (k / 100) as f64);
        features.push(format!(
            r#"{{"type":"Feature","properties":{{"building":"yes"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
            square(120.0001 + i * 0.00002, 30.006 + j * 0.00001, 0.00001)
        ));
    }
    let l = format!(
        r#"{{"type":"Feature","properties":{{"landuse":"residential"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
        lower_right_triangle()
    );
    features.extend(std::iter::repeat_n(l, 20_000));
    let text = collection(&features);
    let c = timed("2e4 buildings x 2e4 non-containing landuse: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    let s = c.summary();
    assert_eq!(s.buildings_by_use["other"], 20_000);
    assert!(s.warnings.iter().any(|w| w.code == "WORK_LIMIT"));
}

#[test]
fn overlapping_sites_that_contain_nothing_are_bounded() {
    let mut features: Vec<String> = (0..2_000)
        .map(|_| {
            format!(
                r#"{{"type":"Feature","properties":{{"kind":"boundary"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
                lower_right_triangle()
            )
        })
        .collect();
    features.extend(std::iter::repeat_n(building(120.001, 30.008), 20_000));
    let text = collection(&features);
    let c = timed("2e3 sites x 2e4 buildings outside: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    let s = c.summary();
    assert!(s.warnings.iter().any(|w| w.code == "WORK_LIMIT"));
    let r = c.site_metrics(None, &params()).expect("metrics");
    assert_eq!(r.metrics.building_count, 0);
}

#[test]
fn ten_megabyte_property_strings() {
    let big = "x".repeat(10 * 1024 * 1024);
    let escaped = "\\u0041".repeat(2 * 1024 * 1024);
    let text = collection(&[
        boundary(),
        format!(
            r#"{{"type":"Feature","id":"{big}","properties":{{"kind":"building","name":"{big}","use":"{big}","note":"{escaped}"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
            square(120.002, 30.002, 0.0002)
        ),
        format!(
            r#"{{"type":"Feature","properties":{{"kind":"facility","category":"{big}","name":"{escaped}"}},"geometry":{{"type":"Point","coordinates":[120.005,30.005]}}}}"#
        ),
        format!(
            r#"{{"type":"Feature","properties":{{"kind":"{big}"}},"geometry":{{"type":"Point","coordinates":[120.005,30.005]}}}}"#
        ),
        format!(
            r#"{{"type":"Feature","properties":{{"{big}":1,"amenity":"{big}","building":"{big}"}},"geometry":{{"type":"Point","coordinates":[120.005,30.005]}}}}"#
        ),
    ]);
    let c = timed("10 MB strings: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    let s = c.summary();
    assert_eq!(s.counts["building"], 1);
    assert_eq!(s.categories.keys().next().map(String::len), Some(big.len()));
    let codes: Vec<&str> = s.warnings.iter().map(|w| w.code).collect();
    assert!(codes.contains(&"UNKNOWN_BUILDING_USE"), "{codes:?}");
    assert!(codes.contains(&"UNKNOWN_KIND"), "{codes:?}");
    c.site_metrics(None, &params()).expect("metrics");
}

#[test]
fn long_text_copied_to_many_points_hits_the_copy_limit() {
    // One MultiPoint facility of 100 000 points with a 1 MB name would
    // become 100 GB of names; the reader stops with LIMIT_EXCEEDED.
    let name = "n".repeat(1024 * 1024);
    let points: Vec<String> = (0..100_000)
        .map(|i| format!("[120.005,{}]", 30.0 + i as f64 * 1e-7))
        .collect();
    let points = points.join(",");
    let text = collection(&[
        boundary(),
        format!(
            r#"{{"type":"Feature","properties":{{"kind":"facility","category":"clinic","name":"{name}"}},"geometry":{{"type":"MultiPoint","coordinates":[{points}]}}}}"#
        ),
    ]);
    let r = timed("1e5 points x 1 MB name: read", || {
        Community::from_geojson(&text, &ReadOptions::default())
    });
    // (No `expect_err`: its message would print the whole dataset.)
    assert_eq!(r.err().map(|e| e.code()), Some("LIMIT_EXCEEDED"));
    // The same points with a short name are fine.
    let text = collection(&[
        boundary(),
        format!(
            r#"{{"type":"Feature","properties":{{"kind":"facility","category":"clinic","name":"Clinic"}},"geometry":{{"type":"MultiPoint","coordinates":[{points}]}}}}"#
        ),
    ]);
    let c = Community::from_geojson(&text, &ReadOptions::default()).expect("reads");
    assert_eq!(c.summary().counts["facility"], 100_000);
}

#[test]
fn many_properties_on_many_features() {
    // 2 000 OSM-tagged features with 1 000 unrelated tags each.
    let tags: String = (0..1000).map(|i| format!(r#""tag{i}":"v{i}","#)).collect();
    let f = format!(
        r#"{{"type":"Feature","properties":{{{tags}"building":"yes","amenity":"school"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
        square(120.002, 30.002, 0.0002)
    );
    let mut features = vec![boundary()];
    features.extend(std::iter::repeat_n(f, 2000));
    let text = collection(&features);
    let c = timed("2e3 features x 1e3 tags: read", || {
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    });
    assert_eq!(c.summary().counts["building"], 2000);
}

#[test]
fn limits_are_exact() {
    let text = collection(&[boundary(), building(120.002, 30.002)]);
    let read = |o: ReadOptions| Community::from_geojson(&text, &o).map(|_| ());
    let at = |o: ReadOptions| read(o).map_err(|e| e.to_string());
    let over = |o: ReadOptions| read(o).map_err(|e| e.code()).unwrap_err();
    let d = ReadOptions::default;
    assert!(at(ReadOptions {
        max_bytes: text.len(),
        ..d()
    })
    .is_ok());
    assert_eq!(
        over(ReadOptions {
            max_bytes: text.len() - 1,
            ..d()
        }),
        "LIMIT_EXCEEDED"
    );
    assert!(at(ReadOptions {
        max_features: 2,
        ..d()
    })
    .is_ok());
    assert_eq!(
        over(ReadOptions {
            max_features: 1,
            ..d()
        }),
        "LIMIT_EXCEEDED"
    );
    // Two closed squares: 10 positions.
    assert!(at(ReadOptions {
        max_vertices: 10,
        ..d()
    })
    .is_ok());
    assert_eq!(
        over(ReadOptions {
            max_vertices: 9,
            ..d()
        }),
        "LIMIT_EXCEEDED"
    );
    let e = read(ReadOptions {
        max_vertices: 9,
        ..d()
    })
    .unwrap_err();
    assert!(e.to_string().contains("vertices"), "{e}");
}
