//! The end-to-end pipeline of `bench/e2e.mjs`, natively, for profiling:
//! read the GeoJSON text, build the access engine (network + snapping), then
//! accessibility for every category and thresholds 300/500/800/1000 m.
//!
//! `cargo run --release --example e2e_time -- FILE [REPEATS]`
//! `perf record -g target/release/examples/e2e_time FILE`
use std::time::Instant;

use future_community::access::AccessOptions;
use future_community::input::ReadOptions;
use future_community::Community;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: e2e_time FILE [REPEATS]");
        std::process::exit(2);
    };
    let repeats: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let opts: AccessOptions =
        serde_json::from_str(r#"{"thresholdsM":[300,500,800,1000]}"#).expect("options");
    for _ in 0..repeats {
        let t = Instant::now();
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        let json_ms = ms(t);
        drop(v);
        let t = Instant::now();
        let c = Community::from_geojson(&text, &ReadOptions::default()).expect("valid input");
        let read_ms = ms(t);
        let t = Instant::now();
        let engine = c.access_engine().expect("engine");
        let engine_ms = ms(t);
        let t = Instant::now();
        let cols = engine.accessibility_columns(&opts).expect("accessibility");
        let access_ms = ms(t);
        println!(
            "{:.0} MB: serde_json::Value {json_ms:.0} ms | read {read_ms:.0} ms, engine {engine_ms:.0} ms, \
             accessibility {access_ms:.0} ms ({} categories, {} origins), end to end {:.0} ms",
            text.len() as f64 / 1e6,
            cols.categories.len(),
            cols.feature_index.len(),
            read_ms + engine_ms + access_ms
        );
    }
}
