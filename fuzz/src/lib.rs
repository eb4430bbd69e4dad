//! What every fuzz target does with a loaded community: the summary, the
//! site metrics of its first sites, a profile evaluation, and JSON
//! serialisation of each result (as the JS bindings would).

use std::sync::OnceLock;

use future_community::community::SiteRef;
use future_community::evaluation::evaluate_site;
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
