//! Several sources, one community (`Community::from_sources`): the four raw
//! OpenStreetMap layers of the Helsinki data given as four sources read as
//! their concatenation does, and as the reference normalisation does;
//! each source has its own coordinate system; errors and warnings say which
//! source they are about; limits apply to the sum.

use std::collections::BTreeSet;
use std::fs;

use future_community::evaluation::evaluate_site;
use future_community::input::crs::Crs;
use future_community::input::mapping::OsmMapping;
use future_community::input::{ReadOptions, Source};
use future_community::profile::{self, EvalOptions};
use future_community::Community;

const DATA: &str = "data/helsinki-centre";
const LAYERS: [&str; 4] = [
    "osm_raw_buildings.geojson",
    "osm_raw_landuse.geojson",
    "osm_raw_pois.geojson",
    "osm_raw_highways.geojson",
];

fn text(file: &str) -> String {
    fs::read_to_string(format!("{DATA}/{file}")).expect("data file")
}

/// The normalisation ignores `height`; so does this mapping.
fn raw_options() -> ReadOptions {
    let mut mapping = OsmMapping::builtin().expect("builtin mapping");
    mapping.building.height_key = None;
    ReadOptions {
        osm_mapping: Some(mapping),
        ..ReadOptions::default()
    }
}

fn concatenated(texts: &[String]) -> String {
    let mut all = Vec::new();
    for t in texts {
        let v: serde_json::Value = serde_json::from_str(t).expect("json");
        all.extend(v["features"].as_array().expect("features").clone());
    }
    serde_json::json!({"type": "FeatureCollection", "features": all}).to_string()
}

fn sources(texts: &[String]) -> Vec<Source<'_>> {
    texts
        .iter()
        .zip(LAYERS)
        .map(|(t, name)| Source::text(t).with_crs(Crs::Wgs84).with_name(name))
        .collect()
}

#[test]
fn four_raw_layers_as_four_sources_read_as_their_concatenation_and_the_normalisation() {
    let texts: Vec<String> = LAYERS.iter().map(|f| text(f)).collect();
    let opts = raw_options();
    let many = Community::from_sources(&sources(&texts), &opts).expect("sources read");
    let one = Community::from_geojson(&concatenated(&texts), &opts).expect("concatenation reads");
    let (m, o) = (many.summary(), one.summary());
    assert_eq!(m.feature_count, o.feature_count);
    assert_eq!(m.counts, o.counts);
    assert_eq!(m.buildings_by_use, o.buildings_by_use);
    assert_eq!(m.categories, o.categories);
    assert_eq!(m.bbox, o.bbox);
    // Unread property names are listed once per source: four lists
    // here, one for the concatenation, and together they name the same.
    let unread =
        |s: &future_community::community::Summary| -> (Vec<Option<usize>>, BTreeSet<String>) {
            let w: Vec<_> = s
                .warnings
                .iter()
                .filter(|w| w.code == "FIELDS_NOT_USED")
                .collect();
            let names = w
                .iter()
                .flat_map(|w| w.message.split(": ").nth(1).unwrap_or("").split(", "))
                .filter(|n| !n.contains(" more ("))
                .map(str::to_string)
                .collect();
            (w.iter().map(|w| w.source).collect(), names)
        };
    let ((m_src, m_names), (o_src, o_names)) = (unread(&m), unread(&o));
    assert_eq!(m_src, [Some(0), Some(1), Some(2), Some(3)]);
    assert_eq!(o_src, [Some(0)]);
    assert!(o_names.iter().all(|n| !n.is_empty()));
    assert!(m_names.contains("addr:city") && o_names.contains("addr:city"));
    // The other warnings are the same, now also saying which source each is about.
    let others =
        |s: &future_community::community::Summary| -> Vec<future_community::error::Warning> {
            s.warnings
                .iter()
                .filter(|w| w.code != "FIELDS_NOT_USED")
                .cloned()
                .collect()
        };
    let (mw, ow) = (others(&m), others(&o));
    assert_eq!(mw.len(), ow.len());
    let mut annotated = 0;
    for (a, b) in mw.iter().zip(&ow) {
        assert_eq!(
            (a.code, &a.message, a.feature_index),
            (b.code, &b.message, b.feature_index)
        );
        if let Some(i) = a.feature_index {
            let s = a.source.expect("a feature warning has a source");
            let info = &m.sources[s];
            assert!(
                i >= info.first_feature_index && i < info.first_feature_index + info.feature_count
            );
            assert_eq!(a.source_feature_index, Some(i - info.first_feature_index));
            annotated += 1;
        }
        assert!(b.source.is_none());
    }
    assert!(annotated > 0, "no feature warning to check");
    assert_eq!(m.sources.len(), 4);
    assert_eq!(
        m.sources.iter().map(|s| s.feature_count).sum::<usize>(),
        m.feature_count
    );
    assert!(m.warning_groups.iter().map(|g| g.count).sum::<usize>() == m.warnings.len());

    // Site metrics and the default profile's scores: as the concatenation,
    // and as the reference normalisation.
    let norm = Community::from_geojson(&text("normalized.geojson"), &ReadOptions::default())
        .expect("normalized reads");
    let p = profile::builtin("zhejiang-future-community").expect("builtin");
    let params = future_community::evaluation::site_params(&p);
    let metrics = |c: &Community| c.site_metrics(None, &params).expect("metrics").metrics;
    assert_eq!(metrics(&many), metrics(&one));
    let (mm, nm) = (metrics(&many), metrics(&norm));
    assert_eq!(mm.building_count, nm.building_count);
    assert_eq!(mm.households, nm.households);
    assert!((mm.site_area_m2 - nm.site_area_m2).abs() < 1e-6);
    let score = |c: &Community| {
        let r = evaluate_site(c, None, &p, &EvalOptions::default()).expect("evaluates");
        (r.score, r.completeness)
    };
    assert_eq!(score(&many), score(&one));
}

#[test]
fn each_source_has_its_own_coordinate_system() {
    let building = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"building","use":"residential","households":5},"geometry":{"type":"Polygon","coordinates":[[[120.1,30.2],[120.1002,30.2],[120.1002,30.2002],[120.1,30.2002],[120.1,30.2]]]}}]}"#;
    let poi = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"facility","category":"clinic"},"geometry":{"type":"Point","coordinates":[120.105,30.198]}}]}"#;
    let opts = ReadOptions::default();
    let c = Community::from_sources(
        &[
            Source::text(building).with_crs(Crs::Wgs84),
            Source::text(poi)
                .with_crs(Crs::Gcj02)
                .with_name("amap.geojson"),
        ],
        &opts,
    )
    .expect("reads");
    let alone = Community::from_geojson(
        poi,
        &ReadOptions {
            crs: Some(Crs::Gcj02),
            ..ReadOptions::default()
        },
    )
    .expect("reads");
    let (a, b) = (
        c.dataset().facilities[0].location,
        alone.dataset().facilities[0].location,
    );
    assert_eq!(a, b);
    // GCJ-02 shifts by some hundred metres near Hangzhou: converted.
    assert!((a.x() - 120.105).abs() > 1e-4, "{a:?}");
    let b0 = &c.dataset().buildings[0].footprint.0[0].exterior().0[0];
    assert_eq!((b0.x, b0.y), (120.1, 30.2));
    assert_eq!(c.dataset().facilities[0].feature_index, 1);
}

/// The error of a read that must fail.
fn refused(r: future_community::Result<Community>) -> future_community::Error {
    match r {
        Ok(_) => panic!("the read should fail"),
        Err(e) => e,
    }
}

#[test]
fn errors_name_their_source_and_limits_apply_to_the_sum() {
    let good = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"facility","category":"clinic"},"geometry":{"type":"Point","coordinates":[120.105,30.198]}}]}"#;
    let bad = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[200.5,30.1]}}]}"#;
    let opts = ReadOptions::default();
    let src = |text, name: &str| Source::text(text).with_crs(Crs::Wgs84).with_name(name);
    let e = refused(Community::from_sources(
        &[src(good, "a.geojson"), src(bad, "b.geojson")],
        &opts,
    ));
    assert_eq!(e.code(), "COORDINATE_OUT_OF_RANGE");
    assert_eq!(e.source(), Some(1));
    assert_eq!(e.feature_index(), Some(1));
    assert!(e.to_string().contains("b.geojson"), "{e}");
    let truncated = refused(Community::from_sources(
        &[src(good, "a"), src("{\"type\":", "cut.geojson")],
        &opts,
    ));
    assert_eq!(truncated.code(), "INVALID_JSON");
    assert!(truncated.to_string().contains("cut.geojson"), "{truncated}");
    let small = ReadOptions {
        max_features: 1,
        ..ReadOptions::default()
    };
    let e = refused(Community::from_sources(
        &[src(good, "a"), src(good, "b")],
        &small,
    ));
    assert_eq!((e.code(), e.source()), ("LIMIT_EXCEEDED", Some(1)));
    let none = refused(Community::from_sources(&[], &opts));
    assert_eq!(none.code(), "EMPTY_INPUT");
}
