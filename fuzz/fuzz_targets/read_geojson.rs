//! Arbitrary bytes as GeoJSON text: reading, then every query.
#![no_main]

use future_community::input::ReadOptions;
use future_community::Community;
use future_community_fuzz::{exercise, params};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(c) = Community::from_geojson(text, &ReadOptions::default()) {
        exercise(&c, &params());
    }
});
