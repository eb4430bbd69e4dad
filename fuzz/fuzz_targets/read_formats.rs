//! Arbitrary bytes as a source of every format: detected, and forced to
//! each format in turn (GeoJSON, Amap and Baidu place-search replies, CSV,
//! zipped Shapefiles), as bytes and as text. The seeds include zipped
//! Shapefiles (a selector byte, then the archive): the fixture layers and
//! the broken archives of `tests/corpus/calls/shapefile.json`, so mutations
//! reach the `.shp`/`.dbf`/`.prj` readers inside the archive.
//! Reading must give a dataset or a coded error, never a panic; what reads
//! is queried as usual.
#![no_main]

use future_community::input::{Format, ReadOptions, Source};
use future_community::Community;
use future_community_fuzz::{exercise, params};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Option<Format>; 6] = [
    None,
    Some(Format::Geojson),
    Some(Format::Amap),
    Some(Format::Baidu),
    Some(Format::Csv),
    Some(Format::Shapefile),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(selector) % FORMATS.len()];
    let mut source = Source::bytes(rest);
    source.format = format;
    if let Ok(c) = Community::from_sources(&[source], &ReadOptions::default()) {
        exercise(&c, &params());
    }
    if let Ok(text) = std::str::from_utf8(rest) {
        let mut source = Source::text(text).with_name("fuzz");
        source.format = format;
        let _ = Community::from_sources(&[source.clone(), source], &ReadOptions::default());
    }
});
