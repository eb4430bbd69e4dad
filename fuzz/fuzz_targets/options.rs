//! Arbitrary option objects for every public method: the first byte picks
//! the method, the rest is JSON decoded with the library's own decoder
//! (`future_community::decode`, the one the JS bindings use) and, when it
//! decodes, passed to the method on a small fixed community. Any panic,
//! hang or runaway allocation is a finding; errors are fine.
#![no_main]

use future_community::access::{AccessOptions, TwoStepOptions};
use future_community::community::SiteQuery;
use future_community::decode::from_value;
use future_community::evaluation::{evaluate_all, evaluate_site, site_params, DEFAULT_PROFILE};
use future_community::input::ReadOptions;
use future_community::isochrone::{
    self, GridOptions, IsochroneOptions, ServiceAreaOptions, TravelCircleOptions,
};
use future_community::profile::{self, EvalOptions, Report};
use future_community::Community;
use future_community_fuzz::{community, SITE};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let c = community();
    let Ok(engine) = c.access_engine() else {
        return;
    };
    let Ok(p) = profile::builtin(DEFAULT_PROFILE) else {
        return;
    };
    match which % 10 {
        0 => {
            if let Ok(o) = from_value::<ReadOptions>(&v) {
                let _ = Community::from_geojson(SITE, &o);
            }
        }
        1 => {
            if let Ok(q) = from_value::<SiteQuery>(&v) {
                let params = q.params.unwrap_or_else(|| site_params(&p));
                let _ = c.site_metrics(q.site.as_ref(), &params);
            }
        }
        2 => {
            if let Ok(o) = from_value::<AccessOptions>(&v) {
                let _ = engine.accessibility(&o);
                let _ = engine.accessibility_columns(&o);
            }
        }
        3 => {
            if let Ok(o) = from_value::<TwoStepOptions>(&v) {
                let _ = engine.two_step_fca(&o);
            }
        }
        4 => {
            if let Ok(o) = from_value::<IsochroneOptions>(&v) {
                let _ = isochrone::isochrones(c, &o);
            }
        }
        5 => {
            if let Ok(o) = from_value::<ServiceAreaOptions>(&v) {
                let _ = isochrone::service_areas(c, &o);
            }
        }
        6 => {
            if let Ok(o) = from_value::<GridOptions>(&v) {
                let _ = isochrone::travel_time_grid(c, &o);
            }
        }
        7 => {
            if let Ok(o) = from_value::<TravelCircleOptions>(&v) {
                let _ = isochrone::travel_circles(c, &o);
            }
        }
        8 => {
            // A profile object from JS goes through the same decoder.
            if let Ok(doc) = profile::Profile::from_value(v) {
                let _ = evaluate_site(c, None, &doc, &EvalOptions::default());
                let _ = evaluate_all(c, &doc, &EvalOptions::default());
            }
        }
        _ => {
            // compareReports with a report passed back in, against a real one.
            if let (Ok(a), Ok(b)) = (
                from_value::<Report>(&v),
                evaluate_site(c, None, &p, &EvalOptions::default()),
            ) {
                if profile::check_report(&a, "a").is_ok() {
                    let _ = profile::compare_reports(&a, &b);
                }
            }
        }
    }
});
