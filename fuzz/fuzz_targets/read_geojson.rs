//! Arbitrary bytes as GeoJSON text: reading, then every query. Text with a
//! form feed (U+000C) is also read as several sources split there, the
//! later ones in GCJ-02 and BD-09 (`Community::from_sources`).
#![no_main]

use future_community::input::crs::Crs;
use future_community::input::{ReadOptions, Source};
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
    if text.contains('\u{c}') {
        let crs = [Crs::Wgs84, Crs::Gcj02, Crs::Bd09];
        let sources: Vec<Source<'_>> = text
            .split('\u{c}')
            .take(8)
            .enumerate()
            .map(|(i, t)| {
                Source::text(t)
                    .with_crs(crs[i % 3])
                    .with_name(format!("source {i}"))
            })
            .collect();
        if let Ok(c) = Community::from_sources(&sources, &ReadOptions::default()) {
            exercise(&c, &params());
        }
    }
});
