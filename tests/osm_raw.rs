//! Raw OpenStreetMap exports (tags as properties, no `kind`) are classified
//! by the built-in tag mapping. The four raw Helsinki files, concatenated,
//! must yield the same buildings-by-use, facility categories and walkable
//! roads as the reference normalisation (`normalized.geojson`).

use std::fs;

use future_community::input::mapping::OsmMapping;
use future_community::input::ReadOptions;
use future_community::Community;

const DATA: &str = "data/helsinki-centre";

fn features(file: &str) -> Vec<serde_json::Value> {
    let text = fs::read_to_string(format!("{DATA}/{file}")).expect("raw file");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["features"].as_array().expect("features").clone()
}

fn raw_collection() -> String {
    let mut all = Vec::new();
    for f in [
        "osm_raw_buildings.geojson",
        "osm_raw_landuse.geojson",
        "osm_raw_pois.geojson",
        "osm_raw_highways.geojson",
    ] {
        all.extend(features(f));
    }
    serde_json::json!({"type": "FeatureCollection", "features": all}).to_string()
}

#[test]
fn raw_osm_classification_matches_the_normalisation() {
    // The reference normalisation ignores `height`; so does this mapping.
    let mut mapping = OsmMapping::builtin().expect("builtin mapping");
    mapping.building.height_key = None;
    let options = ReadOptions {
        osm_mapping: Some(mapping),
        ..ReadOptions::default()
    };
    let raw = Community::from_geojson(&raw_collection(), &options).expect("raw reads");
    let norm_text = fs::read_to_string(format!("{DATA}/normalized.geojson")).expect("normalized");
    let norm =
        Community::from_geojson(&norm_text, &ReadOptions::default()).expect("normalized reads");
    let (r, n) = (raw.summary(), norm.summary());
    assert_eq!(r.buildings_by_use, n.buildings_by_use);
    // The reference normalisation knows the 19 categories it was written
    // for; the "一老一小" categories added since are compared separately.
    const NEWER: [&str; 6] = [
        "childcare",
        "elderly_care_centre",
        "elderly_canteen",
        "smart_health_station",
        "party_service_centre",
        "women_children_station",
    ];
    let known: std::collections::BTreeMap<_, _> = r
        .categories
        .iter()
        .filter(|(k, _)| !NEWER.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    assert_eq!(known, n.categories);
    assert_eq!(r.counts["green"], n.counts["green"]);
    // The normalisation writes one road per contiguous part of a walkable way.
    let walkable_parts: usize = raw
        .dataset()
        .roads
        .iter()
        .filter(|x| x.walkable)
        .map(|x| x.lines.0.len())
        .sum();
    assert_eq!(walkable_parts, n.counts["road"]);
    // Objects listed in several raw files are read once.
    assert!(r.warnings.iter().any(|w| w.code == "DUPLICATE_ID"));
    // No boundary in the raw files: the site is the buildings' convex hull,
    // which is exactly how the reference boundary was made.
    assert!(r.warnings.iter().any(|w| w.code == "NO_BOUNDARY"));
    let defaulted = r
        .warnings
        .iter()
        .find(|w| w.code == "FLOORS_DEFAULTED")
        .expect("floors warning");
    assert!(
        defaulted.message.starts_with("288 "),
        "{}",
        defaulted.message
    );
    let params = future_community::site::SiteParams::default();
    let (mr, mn) = (
        raw.site_metrics(None, &params)
            .expect("raw metrics")
            .metrics,
        norm.site_metrics(None, &params)
            .expect("norm metrics")
            .metrics,
    );
    assert!((mr.site_area_m2 / mn.site_area_m2 - 1.0).abs() < 1e-9);
    assert!((mr.floor_area_m2 / mn.floor_area_m2 - 1.0).abs() < 1e-9);
    assert_eq!(mr.households, mn.households);
}

#[test]
fn builtin_mapping_uses_heights_when_levels_are_missing() {
    let raw =
        Community::from_geojson(&raw_collection(), &ReadOptions::default()).expect("raw reads");
    let s = raw.summary();
    let defaulted = s
        .warnings
        .iter()
        .find(|w| w.code == "FLOORS_DEFAULTED")
        .expect("floors warning");
    // Three of the 288 buildings without levels carry a `height` tag.
    assert!(
        defaulted.message.starts_with("285 "),
        "{}",
        defaulted.message
    );
    assert!(
        raw.dataset()
            .buildings
            .iter()
            .filter(|b| b.height_m.is_some())
            .count()
            >= 3
    );
}

#[test]
fn yilao_yixiao_categories_come_from_osm_tags_or_names() {
    let point = |props: serde_json::Value| serde_json::json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [120.15, 30.28]}, "properties": props});
    let fc = serde_json::json!({"type": "FeatureCollection", "features": [
        point(serde_json::json!({"amenity": "childcare"})),
        point(serde_json::json!({"amenity": "social_facility", "social_facility": "day_care", "social_facility:for": "senior"})),
        point(serde_json::json!({"amenity": "community_centre", "name": "拱宸桥街道居家养老服务照料中心"})),
        point(serde_json::json!({"amenity": "restaurant", "name": "幸福里老年食堂"})),
        point(serde_json::json!({"amenity": "clinic", "name": "社区智慧健康站"})),
        point(serde_json::json!({"amenity": "community_centre", "name": "拱宸桥社区党群服务中心"})),
        point(serde_json::json!({"office": "association", "name": "妇儿服务驿站"})),
        point(serde_json::json!({"amenity": "restaurant", "name": "老王面馆"})),
    ]});
    let c = Community::from_geojson(&fc.to_string(), &ReadOptions::default()).expect("reads");
    let cats = c.summary().categories;
    for (cat, n) in [
        ("childcare", 1),
        ("elderly_care_centre", 2),
        ("elderly_canteen", 1),
        ("smart_health_station", 1),
        ("party_service_centre", 1),
        ("women_children_station", 1),
    ] {
        assert_eq!(cats.get(cat).copied(), Some(n), "{cat}: {cats:?}");
    }
    // An ordinary restaurant is only a restaurant; the care centre's name does not make it a canteen.
    assert_eq!(cats.get("restaurant").copied(), Some(2));
}
