//! Arbitrary bytes as a profile document: validation, then evaluation of a
//! small fixed community against it (site metrics and every indicator
//! engine path the profile reaches), and the comparison of all sites.
#![no_main]

use std::sync::OnceLock;

use future_community::evaluation::{evaluate_all, evaluate_site};
use future_community::input::ReadOptions;
use future_community::profile::{EvalOptions, Profile, ProjectType};
use future_community::Community;
use libfuzzer_sys::fuzz_target;

const SITE: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"a","properties":{"kind":"boundary","name":"A"},"geometry":{"type":"Polygon","coordinates":[[[120.0,30.0],[120.002,30.0],[120.002,30.002],[120.0,30.002],[120.0,30.0]]]}},
 {"type":"Feature","id":"b","properties":{"kind":"boundary","name":"B"},"geometry":{"type":"Polygon","coordinates":[[[120.003,30.0],[120.005,30.0],[120.005,30.002],[120.003,30.002],[120.003,30.0]]]}},
 {"type":"Feature","properties":{"kind":"building","use":"residential","floors":6,"households":24},"geometry":{"type":"Polygon","coordinates":[[[120.0005,30.0005],[120.001,30.0005],[120.001,30.001],[120.0005,30.001],[120.0005,30.0005]]]}},
 {"type":"Feature","properties":{"kind":"building","use":"mixed","floors":12},"geometry":{"type":"Polygon","coordinates":[[[120.0035,30.0005],[120.004,30.0005],[120.004,30.001],[120.0035,30.001],[120.0035,30.0005]]]}},
 {"type":"Feature","properties":{"kind":"facility","category":"clinic","floor_area_m2":300},"geometry":{"type":"Point","coordinates":[120.0015,30.0015]}},
 {"type":"Feature","properties":{"kind":"facility","category":"kindergarten"},"geometry":{"type":"Point","coordinates":[120.004,30.0015]}},
 {"type":"Feature","properties":{"kind":"green","public":true},"geometry":{"type":"Polygon","coordinates":[[[120.0012,30.0012],[120.0018,30.0012],[120.0018,30.0018],[120.0012,30.0018],[120.0012,30.0012]]]}},
 {"type":"Feature","properties":{"kind":"road"},"geometry":{"type":"LineString","coordinates":[[120.0,30.0025],[120.005,30.0025]]}}
]}"#;

fn community() -> &'static Community {
    static C: OnceLock<Community> = OnceLock::new();
    C.get_or_init(
        || match Community::from_geojson(SITE, &ReadOptions::default()) {
            Ok(c) => c,
            Err(e) => panic!("fixed fuzz community does not read: {e}"),
        },
    )
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(p) = Profile::from_json(text) else {
        return;
    };
    let c = community();
    for project_type in [
        None,
        Some(ProjectType::Renovation),
        Some(ProjectType::NewBuild),
    ] {
        let options = EvalOptions {
            project_type,
            ..EvalOptions::default()
        };
        if let Ok(r) = evaluate_site(c, None, &p, &options) {
            let _ = serde_json::to_string(&r);
        }
    }
    if let Ok(r) = evaluate_all(c, &p, &EvalOptions::default()) {
        let _ = serde_json::to_string(&r);
    }
});
