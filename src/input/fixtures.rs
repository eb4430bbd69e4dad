//! The format fixtures of `tests/data/formats/`, built into the unit tests
//! of the readers (one copy for every reader module).

/// The fixture files of `tests/data/formats/`, built in.
pub(crate) fn fixture(name: &str) -> String {
    match name {
        "amap_place_search.json" => {
            include_str!("../../tests/data/formats/amap_place_search.json")
        }
        "amap_pois.geojson" => include_str!("../../tests/data/formats/amap_pois.geojson"),
        "amap_error_reply.json" => {
            include_str!("../../tests/data/formats/amap_error_reply.json")
        }
        "baidu_place_search.json" => {
            include_str!("../../tests/data/formats/baidu_place_search.json")
        }
        "baidu_error_reply.json" => {
            include_str!("../../tests/data/formats/baidu_error_reply.json")
        }
        _ => panic!("no fixture {name}"),
    }
    .to_string()
}
