//! `layers()` draws exactly what was read, and `with_edits()` gives the
//! community a re-read of the edited file would give, keeping the indices.

use std::collections::BTreeMap;
use std::fs;

use future_community::access::AccessOptions;
use future_community::edits::{with_edits, AddEdit, FacilityEdits, MoveEdit};
use future_community::error::Error;
use future_community::evaluation::{evaluate_site, site_params};
use future_community::layers::{layers, LayerGeometry};
use future_community::profile::{self, EvalOptions};
use future_community::Community;

const DATA: &str = "data/helsinki-centre";

fn helsinki_text() -> String {
    fs::read_to_string(format!("{DATA}/normalized.geojson")).expect("dataset")
}

fn read(text: &str) -> Community {
    Community::from_geojson(text, &Default::default()).expect("reads")
}

#[test]
fn layers_hold_every_feature_read_once_with_its_index() {
    let c = read(&helsinki_text());
    let ds = c.dataset();
    let l = layers(&c);
    let s = c.summary();
    assert_eq!(l.building.features.len(), ds.buildings.len());
    assert_eq!(l.facility.features.len(), ds.facilities.len());
    assert_eq!(l.road.features.len(), ds.roads.len());
    assert_eq!(l.green.features.len(), ds.greens.len());
    assert_eq!(l.boundary.features.len(), c.sites().len());
    // Facility categories as the summary counts them.
    let mut cats: BTreeMap<String, usize> = BTreeMap::new();
    for f in &l.facility.features {
        *cats
            .entry(f.properties.category.clone().expect("category"))
            .or_default() += 1;
        assert!(matches!(f.geometry, LayerGeometry::Point { .. }));
    }
    assert_eq!(cats, s.categories);
    // No feature index twice across layers, every one within the input.
    let mut seen = std::collections::BTreeSet::new();
    for (_, layer) in l.named() {
        for f in &layer.features {
            if let Some(i) = f.properties.feature_index {
                assert!(i < ds.feature_count);
                assert!(seen.insert(i), "feature {i} twice");
            }
        }
    }
    // Residential buildings carry their households.
    let hh: f64 = l
        .building
        .features
        .iter()
        .filter(|f| f.properties.building_use == Some("residential"))
        .filter_map(|f| f.properties.households)
        .sum();
    let expected: f64 = ds
        .buildings
        .iter()
        .filter(|b| b.building_use.as_str() == "residential")
        .map(|b| b.households)
        .sum();
    assert!((hh - expected).abs() < 1e-9 && hh > 0.0);
    // Serialised as GeoJSON.
    let v = serde_json::to_value(&l.building).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"][0]["geometry"]["type"], "MultiPolygon");
    assert!(v["features"][0]["properties"]["featureIndex"].is_number());
}

/// The Helsinki text with one more feature appended.
fn with_feature(text: &str, feature: serde_json::Value) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
    doc["features"].as_array_mut().unwrap().push(feature);
    doc.to_string()
}

#[test]
fn edits_equal_a_re_read_of_the_edited_file() {
    let text = helsinki_text();
    let c = read(&text);
    let n = c.dataset().feature_count;
    let clinics: Vec<usize> = c
        .dataset()
        .facilities
        .iter()
        .filter(|f| f.category == "clinic")
        .map(|f| f.feature_index)
        .collect();
    assert!(clinics.len() >= 2);
    // Add one kindergarten: the same as a file with that feature appended.
    let at = [24.9385, 60.1688];
    let edits = FacilityEdits {
        add: vec![AddEdit {
            category: "kindergarten".into(),
            lng_lat: at,
            name: Some("new".into()),
            id: Some("what-if/w1".into()),
            capacity: None,
            floor_area_m2: None,
        }],
        ..FacilityEdits::default()
    };
    let edited = with_edits(&c, &edits).expect("edits apply");
    let reread = read(&with_feature(
        &text,
        serde_json::json!({"type": "Feature", "id": "what-if/w1",
            "properties": {"kind": "facility", "category": "kindergarten", "name": "new"},
            "geometry": {"type": "Point", "coordinates": at}}),
    ));
    let opts = AccessOptions::default();
    let cols = |c: &Community| {
        c.access_engine()
            .unwrap()
            .accessibility_columns(&opts)
            .unwrap()
    };
    let (a, b) = (cols(&edited), cols(&reread));
    assert_eq!(a.feature_index, b.feature_index);
    for (cat, ca) in &a.categories {
        let cb = &b.categories[cat];
        assert_eq!(ca.nearest_feature_index, cb.nearest_feature_index, "{cat}");
        for (x, y) in ca.network_m.iter().zip(&cb.network_m) {
            assert!(x == y || (x.is_nan() && y.is_nan()), "{cat}: {x} vs {y}");
        }
    }
    // The added facility has the index after the input's last feature.
    assert!(a.categories["kindergarten"]
        .nearest_feature_index
        .contains(&(n as i32)));
    let p = profile::builtin("zhejiang-future-community").unwrap();
    let score = |c: &Community| evaluate_site(c, None, &p, &EvalOptions::default()).unwrap();
    assert_eq!(score(&edited).score, score(&reread).score);
    let params = site_params(&p);
    assert_eq!(
        edited.site_metrics(None, &params).unwrap().metrics,
        reread.site_metrics(None, &params).unwrap().metrics
    );
    // The original is unchanged.
    assert_eq!(
        c.dataset().facilities.len() + 1,
        edited.dataset().facilities.len()
    );

    // Remove every clinic but one and move it: nobody gets closer
    // than to the moved one, and the indices of the rest are kept.
    let edits = FacilityEdits {
        remove: clinics[1..].to_vec(),
        moves: vec![MoveEdit {
            feature_index: clinics[0],
            lng_lat: at,
        }],
        ..FacilityEdits::default()
    };
    let moved = with_edits(&c, &edits).expect("edits apply");
    let m = cols(&moved);
    let k = &m.categories["clinic"];
    assert!(k
        .nearest_feature_index
        .iter()
        .all(|&i| i == clinics[0] as i32 || i == -1));
    assert!(k.nearest_feature_index.contains(&(clinics[0] as i32)));
    let before = &cols(&c).categories["bank"];
    assert_eq!(m.categories["bank"].network_m.len(), before.network_m.len());
    for (x, y) in m.categories["bank"].network_m.iter().zip(&before.network_m) {
        assert!(x == y || (x.is_nan() && y.is_nan()), "banks unchanged");
    }
}

#[test]
fn bad_edits_are_typed_errors_that_name_the_edit() {
    let c = read(&helsinki_text());
    let building = c.dataset().buildings[0].feature_index;
    let fac = c.dataset().facilities[0].feature_index;
    let cases: Vec<(FacilityEdits, &str)> = vec![
        (
            FacilityEdits {
                remove: vec![building],
                ..Default::default()
            },
            "remove[0]",
        ),
        (
            FacilityEdits {
                remove: vec![fac],
                moves: vec![MoveEdit {
                    feature_index: fac,
                    lng_lat: [24.9, 60.1],
                }],
                ..Default::default()
            },
            "move[0]",
        ),
        (
            FacilityEdits {
                moves: vec![MoveEdit {
                    feature_index: fac,
                    lng_lat: [f64::NAN, 60.1],
                }],
                ..Default::default()
            },
            "move[0].lngLat",
        ),
        (
            FacilityEdits {
                add: vec![AddEdit {
                    category: "  ".into(),
                    lng_lat: [24.9, 60.1],
                    name: None,
                    id: None,
                    capacity: None,
                    floor_area_m2: None,
                }],
                ..Default::default()
            },
            "add[0].category",
        ),
        (
            FacilityEdits {
                add: vec![AddEdit {
                    category: "clinic".into(),
                    lng_lat: [24.9, 60.1],
                    name: None,
                    id: None,
                    capacity: Some(-1.0),
                    floor_area_m2: None,
                }],
                ..Default::default()
            },
            "add[0].capacity",
        ),
    ];
    for (edits, path) in cases {
        match with_edits(&c, &edits) {
            Err(Error::InvalidOption { option, .. }) => assert_eq!(option, path),
            other => panic!(
                "{path}: expected INVALID_OPTION, got {:?}",
                other.map(|_| ())
            ),
        }
    }
    let many = FacilityEdits {
        remove: vec![fac; future_community::edits::MAX_EDITS + 1],
        ..Default::default()
    };
    assert_eq!(
        with_edits(&c, &many).err().map(|e| e.code()),
        Some("LIMIT_EXCEEDED")
    );
}
