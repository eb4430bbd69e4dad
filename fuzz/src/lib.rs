//! What every fuzz target does with a loaded community: the summary, the
//! site metrics of its first sites, a profile evaluation, the network
//! stages with default options, and JSON serialisation of each result (as
//! the JS bindings would).

use std::sync::OnceLock;

use future_community::access::{AccessOptions, TwoStepOptions};
use future_community::community::SiteRef;
use future_community::evaluation::evaluate_site;
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
            catchment_m: Some(500.0),
            ..TwoStepOptions::default()
        };
        if let Ok(r) = engine.two_step_fca(&fca) {
            let _ = serde_json::to_string(&r);
        }
        let sa = ServiceAreaOptions {
            category: f.category.clone(),
            ..ServiceAreaOptions::default()
        };
        if let Ok(r) = service_areas(c, engine, &sa) {
            let _ = serde_json::to_string(&r);
        }
        let iso = IsochroneOptions {
            origin: Some(IsochroneOrigin::Point([f.location.x(), f.location.y()])),
            ..IsochroneOptions::default()
        };
        if let Ok(r) = isochrones(c, engine, &iso) {
            let _ = serde_json::to_string(&r);
        }
    }
    if let Ok(r) = travel_circles(c, engine, &TravelCircleOptions::default()) {
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
