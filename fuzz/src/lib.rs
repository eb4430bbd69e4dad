//! What every fuzz target does with a loaded community: the summary, the
//! site metrics of its first sites, a profile evaluation, the network
//! stages with default options, and JSON serialisation of each result (as
//! the JS bindings would).

use std::sync::OnceLock;

use future_community::access::{AccessOptions, TwoStepOptions};
use future_community::community::SiteRef;
use future_community::evaluation::evaluate_site;
use future_community::input::ReadOptions;
use future_community::isochrone::{
    isochrones, service_areas, travel_circles, IsochroneOptions, IsochroneOrigin,
    ServiceAreaOptions, TravelCircleOptions,
};
use future_community::profile::{self, EvalOptions, Profile};
use future_community::site::SiteParams;
use future_community::Community;

/// Sites examined per input (a fuzzer can make thousands).
pub const MAX_SITES: usize = 4;

/// Runs every query on `c`. Errors are fine; panics are what the fuzzer finds.
pub fn exercise(c: &Community, params: &SiteParams) {
    let s = c.summary();
    let _ = serde_json::to_string(&s);
    for i in 0..c.sites().len().min(MAX_SITES) {
        if let Ok(r) = c.site_metrics(Some(&SiteRef::Index(i)), params) {
            let _ = serde_json::to_string(&r);
        }
    }
    if let Some(p) = default_profile() {
        if let Ok(r) = evaluate_site(c, None, p, &EvalOptions::default()) {
            let _ = serde_json::to_string(&r);
        }
    }
    network(c);
}

/// The network stages with default options.
pub fn network(c: &Community) {
    let Ok(engine) = c.access_engine() else {
        return;
    };
    if let Ok(r) = engine.accessibility(&AccessOptions::default()) {
        let _ = serde_json::to_string(&r);
    }
    if let Some(f) = c.dataset().facilities.first() {
        let fca = TwoStepOptions {
            category: f.category.clone(),
            catchment_m: future_community::units::Metres::new(500.0),
            ..TwoStepOptions::default()
        };
        if let Ok(r) = engine.two_step_fca(&fca) {
            let _ = serde_json::to_string(&r);
        }
        let sa = ServiceAreaOptions {
            category: f.category.clone(),
            ..ServiceAreaOptions::default()
        };
        if let Ok(r) = service_areas(c, &sa) {
            let _ = serde_json::to_string(&r);
        }
        let iso = IsochroneOptions {
            origin: Some(IsochroneOrigin::Point([f.location.x(), f.location.y()])),
            ..IsochroneOptions::default()
        };
        if let Ok(r) = isochrones(c, &iso) {
            let _ = serde_json::to_string(&r);
        }
    }
    if let Ok(r) = travel_circles(c, &TravelCircleOptions::default()) {
        let _ = serde_json::to_string(&r);
    }
}

/// The default built-in profile, parsed once.
fn default_profile() -> Option<&'static Profile> {
    static P: OnceLock<Option<Profile>> = OnceLock::new();
    P.get_or_init(|| profile::builtin("zhejiang-future-community").ok())
        .as_ref()
}

/// Site parameters that reach every branch of the site metrics.
pub fn params() -> SiteParams {
    SiteParams {
        roof_green_factor: 0.3,
        vertical_green_factor: 0.1,
        service_categories: vec!["clinic".into(), "community_service".into()],
        ..SiteParams::default()
    }
}

/// A small fixed community for the targets that fuzz queries rather than
/// reading: two sites, a residential and a mixed building, two facilities,
/// a public green and a road.
pub const SITE: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"a","properties":{"kind":"boundary","name":"A"},"geometry":{"type":"Polygon","coordinates":[[[120.0,30.0],[120.002,30.0],[120.002,30.002],[120.0,30.002],[120.0,30.0]]]}},
 {"type":"Feature","id":"b","properties":{"kind":"boundary","name":"B"},"geometry":{"type":"Polygon","coordinates":[[[120.003,30.0],[120.005,30.0],[120.005,30.002],[120.003,30.002],[120.003,30.0]]]}},
 {"type":"Feature","properties":{"kind":"building","use":"residential","floors":6,"households":24},"geometry":{"type":"Polygon","coordinates":[[[120.0005,30.0005],[120.001,30.0005],[120.001,30.001],[120.0005,30.001],[120.0005,30.0005]]]}},
 {"type":"Feature","properties":{"kind":"building","use":"mixed","floors":12},"geometry":{"type":"Polygon","coordinates":[[[120.0035,30.0005],[120.004,30.0005],[120.004,30.001],[120.0035,30.001],[120.0035,30.0005]]]}},
 {"type":"Feature","properties":{"kind":"facility","category":"clinic","floor_area_m2":300},"geometry":{"type":"Point","coordinates":[120.0015,30.0015]}},
 {"type":"Feature","properties":{"kind":"facility","category":"kindergarten"},"geometry":{"type":"Point","coordinates":[120.004,30.0015]}},
 {"type":"Feature","properties":{"kind":"green","public":true},"geometry":{"type":"Polygon","coordinates":[[[120.0012,30.0012],[120.0018,30.0012],[120.0018,30.0018],[120.0012,30.0018],[120.0012,30.0012]]]}},
 {"type":"Feature","properties":{"kind":"road"},"geometry":{"type":"LineString","coordinates":[[120.0,30.0025],[120.005,30.0025]]}}
]}"#;

/// [`SITE`], read once.
pub fn community() -> &'static Community {
    static C: OnceLock<Community> = OnceLock::new();
    C.get_or_init(
        || match Community::from_geojson(SITE, &ReadOptions::default()) {
            Ok(c) => c,
            Err(e) => panic!("fixed fuzz community does not read: {e}"),
        },
    )
}
