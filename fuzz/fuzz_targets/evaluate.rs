//! Arbitrary bytes as a profile document: validation, then evaluation of a
//! small fixed community against it (site metrics and every indicator
//! engine path the profile reaches), and the comparison of all sites.
#![no_main]

use future_community::evaluation::{evaluate_all, evaluate_site};
use future_community::profile::{EvalOptions, Profile, ProjectType};
use future_community_fuzz::community;
use libfuzzer_sys::fuzz_target;

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
