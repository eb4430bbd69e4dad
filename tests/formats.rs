//! Formats other than plain GeoJSON, read end to end: Amap and Baidu
//! place-search replies (and Amap POIs as GeoJSON) land in the right
//! categories with their coordinate systems converted; error replies,
//! unknown formats and mixed coordinate systems are reported.

use std::fs;

use future_community::input::crs::{self, Crs};
use future_community::input::{read, read_sources, Format, ReadOptions, Source};
use future_community::model::Dataset;

fn fixture(name: &str) -> String {
    fs::read_to_string(format!("tests/data/formats/{name}")).expect("fixture")
}

fn categories(ds: &Dataset) -> Vec<&str> {
    ds.facilities.iter().map(|f| f.category.as_str()).collect()
}

fn codes(ds: &Dataset) -> Vec<&str> {
    ds.warnings.iter().map(|w| w.code).collect()
}

/// Largest difference, in degrees, between a converted position and the
/// independent inverse conversion (1e-7° ≈ 1 cm).
const TOLERANCE_DEG: f64 = 1e-7;

#[test]
fn an_amap_reply_lands_in_our_categories_converted_from_gcj02() {
    let ds = read(&fixture("amap_place_search.json"), &ReadOptions::default()).expect("reads");
    assert_eq!(
        categories(&ds),
        ["primary_school", "kindergarten", "bus_stop", "supermarket"]
    );
    // Feature indices are the POIs' positions in `pois`.
    let idx: Vec<usize> = ds.facilities.iter().map(|f| f.feature_index).collect();
    assert_eq!(idx, [0, 1, 2, 3]);
    assert_eq!(ds.facilities[0].name.as_deref(), Some("杭州市文三街小学"));
    let (lon, lat) = crs::gcj02_to_wgs84(120.134521, 30.279634);
    let p = ds.facilities[0].location;
    assert!((p.x() - lon).abs() < TOLERANCE_DEG && (p.y() - lat).abs() < TOLERANCE_DEG);
    // The GCJ-02 offset near Hangzhou is some hundreds of metres: it was applied.
    assert!((p.x() - 120.134521).abs() > 1e-3, "{p:?}");
    let c = codes(&ds);
    assert!(c.contains(&"CRS_ASSUMED"), "{c:?}");
    // The university (141201) has no category; the last POI has no location.
    let unmapped = ds.warnings.iter().find(|w| w.code == "UNMAPPED_POI_TYPE");
    assert_eq!(unmapped.and_then(|w| w.feature_index), Some(4));
    assert!(unmapped.is_some_and(|w| w.message.contains("141201")));
    assert!(
        c.contains(&"BAD_POI_LOCATION") && !c.contains(&"NO_GEOMETRY"),
        "{c:?}"
    );
    assert_eq!(ds.sources[0].format, Format::Amap);
    assert_eq!(ds.sources[0].crs, Crs::Gcj02);
}

#[test]
fn amap_pois_as_geojson_read_like_the_reply() {
    let ds = read(&fixture("amap_pois.geojson"), &ReadOptions::default()).expect("reads");
    let reply = read(&fixture("amap_place_search.json"), &ReadOptions::default()).expect("reads");
    assert_eq!(categories(&ds), categories(&reply));
    let a: Vec<_> = ds.facilities.iter().map(|f| f.location).collect();
    let b: Vec<_> = reply.facilities.iter().map(|f| f.location).collect();
    assert_eq!(a, b);
}

#[test]
fn a_baidu_reply_lands_in_our_categories_converted_from_bd09() {
    let ds = read(&fixture("baidu_place_search.json"), &ReadOptions::default()).expect("reads");
    assert_eq!(
        categories(&ds),
        ["primary_school", "kindergarten", "bus_stop", "supermarket"]
    );
    let (glon, glat) = crs::bd09_to_gcj02(120.140972, 30.285899);
    let (lon, lat) = crs::gcj02_to_wgs84(glon, glat);
    let p = ds.facilities[0].location;
    assert!((p.x() - lon).abs() < TOLERANCE_DEG && (p.y() - lat).abs() < TOLERANCE_DEG);
    assert_eq!(ds.sources[0].crs, Crs::Bd09);
    let w = ds.warnings.iter().find(|w| w.code == "UNMAPPED_POI_TYPE");
    assert!(w.is_some_and(|w| w.message.contains("房地产;写字楼")));
}

#[test]
fn an_explicit_crs_wins_over_the_format_default() {
    let o = ReadOptions {
        crs: Some(Crs::Wgs84),
        ..ReadOptions::default()
    };
    let ds = read(&fixture("amap_place_search.json"), &o).expect("reads");
    assert_eq!(ds.facilities[0].location.x(), 120.134521);
    assert!(!codes(&ds).contains(&"CRS_ASSUMED"));
}

#[test]
fn error_replies_and_unreadable_data_are_coded_errors_that_name_the_source() {
    let good = fixture("amap_pois.geojson");
    let bad = fixture("amap_error_reply.json");
    let e = read_sources(
        &[
            Source::text(&good).with_name("a.geojson"),
            Source::text(&bad).with_name("amap_reply.json"),
        ],
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "API_ERROR_REPLY");
    assert_eq!(e.source(), Some(1));
    assert!(e.to_string().contains("INVALID_USER_KEY"), "{e}");
    let e = read(&fixture("baidu_error_reply.json"), &ReadOptions::default()).unwrap_err();
    assert_eq!(e.code(), "API_ERROR_REPLY");
    // Zip bytes are read as a Shapefile: a broken archive says so.
    let zip = b"PK\x03\x04\x14\x00";
    let e = read_sources(&[Source::bytes(zip)], &ReadOptions::default()).unwrap_err();
    assert_eq!(e.code(), "INVALID_ARCHIVE");
}

#[test]
fn a_forced_format_is_obeyed() {
    // An Amap reply forced to GeoJSON fails as GeoJSON does.
    let text = fixture("amap_place_search.json");
    let e = read_sources(
        &[Source::text(&text).with_format(Format::Geojson)],
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "NOT_FEATURE_COLLECTION");
}

#[test]
fn sources_in_different_systems_are_converted_and_reported() {
    let amap = fixture("amap_place_search.json");
    let baidu = fixture("baidu_place_search.json");
    let ds = read_sources(
        &[
            Source::text(&amap).with_name("amap.json"),
            Source::text(&baidu).with_name("baidu.json"),
        ],
        &ReadOptions::default(),
    )
    .expect("reads");
    assert_eq!(ds.facilities.len(), 8);
    let w = ds
        .warnings
        .iter()
        .find(|w| w.code == "MIXED_CRS")
        .expect("MIXED_CRS");
    assert!(w.message.contains("amap.json: GCJ-02") && w.message.contains("baidu.json: BD-09"));
    // The same school from both services is one place (within 2 m: the fixtures round to 1e-6°) once converted.
    let (a, b) = (ds.facilities[0].location, ds.facilities[4].location);
    let d = future_community::geodesy::distance_m(a, b);
    assert!(d < 2.0, "{d} m");
}

#[test]
fn a_gbk_csv_with_chinese_coordinate_columns_lands_in_our_categories() {
    let bytes = fs::read("tests/data/formats/facilities_gbk.csv").expect("fixture");
    let ds = read_sources(
        &[Source::bytes(&bytes).with_name("设施.csv")],
        &ReadOptions::default(),
    )
    .expect("reads");
    assert_eq!(ds.sources[0].format, Format::Csv);
    assert_eq!(
        categories(&ds),
        ["primary_school", "kindergarten", "bus_stop", "supermarket"]
    );
    assert_eq!(ds.facilities[0].name.as_deref(), Some("杭州市文三街小学"));
    // CSV has no default system: WGS84, unconverted.
    assert_eq!(ds.facilities[0].location.x(), 120.129871);
    // The last row (经度 未知) is one grouped warning, not also NO_GEOMETRY.
    let c = codes(&ds);
    assert!(
        c.contains(&"CSV_BAD_COORDINATE") && !c.contains(&"NO_GEOMETRY"),
        "{c:?}"
    );
    // Given as GCJ-02, converted like the Amap reply.
    let gcj = read_sources(
        &[Source::bytes(&bytes).with_crs(Crs::Gcj02)],
        &ReadOptions::default(),
    )
    .expect("reads");
    let (lon, lat) = crs::gcj02_to_wgs84(120.129871, 30.282115);
    let p = gcj.facilities[0].location;
    assert!((p.x() - lon).abs() < TOLERANCE_DEG && (p.y() - lat).abs() < TOLERANCE_DEG);
}

#[test]
fn csv_without_usable_coordinates_is_a_coded_error() {
    let e = read("名称,地址\nA,B\n", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.code(), "CSV_NO_COORDINATES");
    let e = read("name,lng,lat\nA,x,y\n", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.code(), "CSV_BAD_COORDINATE");
}

#[test]
fn replies_of_the_wrong_shape_read_nothing_without_panicking() {
    use future_community::Community;
    let odd = [
        r#"{"status":"1","pois":[1,null,"x",[],{"location":{"a":1},"typecode":[]},{"location":"1e999,2"}]}"#,
        r#"{"status":0,"results":[1,{"location":"x"},{"location":{"lat":[],"lng":{}}}]}"#,
    ];
    for text in odd {
        let ds = read(text, &ReadOptions::default()).expect("reads");
        assert!(ds.facilities.is_empty());
        assert!(
            codes(&ds).iter().all(|c| *c != "NO_GEOMETRY"),
            "{:?}",
            codes(&ds)
        );
        // A community of nothing, as for an empty FeatureCollection.
        let c = Community::from_sources(&[Source::text(text)], &ReadOptions::default());
        assert!(c.is_ok());
    }
}

#[test]
fn converted_sources_respect_the_feature_limit_while_converting() {
    let o = ReadOptions {
        max_features: 2,
        ..ReadOptions::default()
    };
    let e = read("lng,lat\n1,2\n3,4\n5,6\n", &o).unwrap_err();
    assert_eq!(e.code(), "LIMIT_EXCEEDED");
    let e = read(&fixture("amap_place_search.json"), &o).unwrap_err();
    assert_eq!(e.code(), "LIMIT_EXCEEDED");
    let e = read(&fixture("baidu_place_search.json"), &o).unwrap_err();
    assert_eq!(e.code(), "LIMIT_EXCEEDED");
}

#[test]
fn csv_columns_nothing_reads_are_reported_once_per_source() {
    let bytes = fs::read("tests/data/formats/facilities_gbk.csv").expect("fixture");
    let ds = read_sources(
        &[Source::bytes(&bytes), Source::bytes(&bytes)],
        &ReadOptions::default(),
    )
    .expect("reads");
    let w: Vec<_> = ds
        .warnings
        .iter()
        .filter(|w| w.code == "FIELDS_NOT_USED")
        .collect();
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].message, "columns not used: 地址");
    assert_eq!((w[0].source, w[1].source), (Some(0), Some(1)));
}

#[test]
fn chinese_attribute_names_fill_floors_households_and_use() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"kind":"building","层数":6,"户数":"24","用途":"住宅","建筑面积":1800,"人口":60},
       "geometry":{"type":"Polygon","coordinates":[[[120.1,30.3],[120.1003,30.3],[120.1003,30.3003],[120.1,30.3003],[120.1,30.3]]]}},
      {"type":"Feature","properties":{"kind":"building","floors":2,"地上层数":9,"建筑性质":"商业","建筑高度":7.5},
       "geometry":{"type":"Polygon","coordinates":[[[120.2,30.3],[120.2003,30.3],[120.2003,30.3003],[120.2,30.3003],[120.2,30.3]]]}},
      {"type":"Feature","properties":{"kind":"building","楼层":4,"性质":"宫殿"},
       "geometry":{"type":"Polygon","coordinates":[[[120.3,30.3],[120.3003,30.3],[120.3003,30.3003],[120.3,30.3003],[120.3,30.3]]]}}
    ]}"#;
    let ds = read(text, &ReadOptions::default()).expect("reads");
    use future_community::model::BuildingUse;
    let b = &ds.buildings;
    assert_eq!(b.len(), 3);
    assert_eq!(b[0].floors, Some(6.0));
    assert_eq!(b[0].households, 24.0);
    assert!(!b[0].households_estimated);
    assert_eq!(b[0].building_use, BuildingUse::Residential);
    assert_eq!(b[0].floor_area_m2, Some(1800.0));
    // The canonical key wins over its other names.
    assert_eq!(b[1].floors, Some(2.0));
    assert_eq!(b[1].building_use, BuildingUse::Commercial);
    assert_eq!(b[1].height_m, Some(7.5));
    assert_eq!(b[2].floors, Some(4.0));
    assert_eq!(b[2].building_use, BuildingUse::Other);
    let unknown = ds
        .warnings
        .iter()
        .find(|w| w.code == "UNKNOWN_BUILDING_USE");
    assert!(unknown.is_some_and(|w| w.message.contains("宫殿") && w.feature_index == Some(2)));
}

#[test]
fn a_replacement_mapping_without_attribute_names_reads_only_the_canonical_keys() {
    let mut mapping = future_community::input::mapping::OsmMapping::builtin().expect("builtin");
    mapping.attribute_names = Default::default();
    let o = ReadOptions {
        osm_mapping: Some(mapping),
        ..ReadOptions::default()
    };
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"kind":"building","层数":6},
       "geometry":{"type":"Polygon","coordinates":[[[120.1,30.3],[120.1003,30.3],[120.1003,30.3003],[120.1,30.3003],[120.1,30.3]]]}}]}"#;
    let ds = read(text, &o).expect("reads");
    // Without the names 层数 is not read: the default floors apply.
    assert_eq!(ds.buildings[0].floors, Some(3.0));
}

fn fields_not_used(ds: &future_community::model::Dataset) -> Vec<(Option<usize>, String)> {
    ds.warnings
        .iter()
        .filter(|w| w.code == "FIELDS_NOT_USED")
        .map(|w| (w.source, w.message.clone()))
        .collect()
}

#[test]
fn geojson_properties_nothing_reads_are_listed_once_per_source() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"kind":"building","floors":6,"层数":6,"备注":"x"},
       "geometry":{"type":"Polygon","coordinates":[[[120.1,30.3],[120.1003,30.3],[120.1003,30.3003],[120.1,30.3003],[120.1,30.3]]]}},
      {"type":"Feature","properties":{"kind":"facility","category":"clinic","name":"A","备注":"y"},
       "geometry":{"type":"Point","coordinates":[120.1001,30.3001]}},
      {"type":"Feature","properties":{"kind":"road","walkable":true},
       "geometry":{"type":"LineString","coordinates":[[120.1,30.3],[120.101,30.3]]}}
    ]}"#;
    let ds = read(text, &ReadOptions::default()).expect("reads");
    assert_eq!(
        fields_not_used(&ds),
        [(Some(0), "fields not used: 备注".to_string())]
    );
    // Two sources: one warning each, naming its source.
    let ds = read_sources(
        &[Source::text(text), Source::text(text)],
        &ReadOptions::default(),
    )
    .expect("reads");
    let w = fields_not_used(&ds);
    assert_eq!(w.len(), 2);
    assert_eq!((w[0].0, w[1].0), (Some(0), Some(1)));
}

#[test]
fn normalized_helsinki_lists_only_the_fields_nothing_reads() {
    let text = fs::read_to_string("data/helsinki-centre/normalized.geojson").expect("fixture");
    let ds = read(&text, &ReadOptions::default()).expect("reads");
    // Provenance notes of the normalisation (`*_source`, `rule`, `method`),
    // the OSM id and `footway` sub-tag: nothing reads them. Read keys such
    // as `kind`, `floors`, `households`, `category`, `green_type` are absent.
    assert_eq!(
        fields_not_used(&ds),
        [(
            Some(0),
            "fields not used: floors_source, footway, geometry_source, method, osm_id, rule, \
             school_level_source, source_tag, use_source"
                .to_string()
        )]
    );
}

#[test]
fn raw_osm_layers_list_their_unread_tags_capped() {
    let text = fs::read_to_string("data/helsinki-centre/osm_raw_pois.geojson").expect("fixture");
    let ds = read(&text, &ReadOptions::default()).expect("reads");
    let w = fields_not_used(&ds);
    assert_eq!(w.len(), 1);
    let m = &w[0].1;
    assert!(m.contains(" more ("), "{m}");
    for read_tag in ["amenity", "name", "shop", "access", "highway"] {
        let listed = m.split(": ").nth(1).unwrap_or("").split(&[',', ' ']);
        assert!(
            !listed.clone().any(|n| n == read_tag),
            "{read_tag} listed: {m}"
        );
    }
    assert!(m.contains("addr:city"), "{m}");
}

#[test]
fn a_bare_geometry_is_one_feature_without_properties() {
    let bare = r#"{"type":"Polygon","coordinates":[[[120.1,30.3],[120.1003,30.3],[120.1003,30.3003],[120.1,30.3003],[120.1,30.3]]]}"#;
    let road = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"kind":"road"},
       "geometry":{"type":"LineString","coordinates":[[120.1,30.3],[120.101,30.3]]}}]}"#;
    let ds = read_sources(
        &[Source::text(road), Source::text(bare)],
        &ReadOptions::default(),
    )
    .expect("reads");
    assert_eq!(ds.sources[1].feature_count, 1);
    assert_eq!(ds.roads.len(), 1);
    let codes: Vec<_> = ds.warnings.iter().map(|w| (w.code, w.source)).collect();
    assert!(codes.contains(&("BARE_GEOMETRY", Some(1))), "{codes:?}");
    assert!(
        codes.contains(&("UNCLASSIFIED_FEATURE", Some(1))),
        "{codes:?}"
    );
    assert!(!codes.iter().any(|c| c.0 == "SINGLE_FEATURE"));
    // Other objects are still refused.
    let e = read(
        r#"{"type":"Topology","objects":{}}"#,
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "NOT_FEATURE_COLLECTION");
    // A malformed bare geometry is an invalid feature, not a panic.
    let ds = read_sources(
        &[
            Source::text(road),
            Source::text(r#"{"type":"Point","coordinates":"x"}"#),
        ],
        &ReadOptions::default(),
    )
    .expect("reads");
    assert!(ds.warnings.iter().any(|w| w.code == "INVALID_FEATURE"));
}
