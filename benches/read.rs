//! Reading, site metrics and evaluation benchmarks on the bundled real
//! dataset, `data/helsinki-centre/normalized.geojson` (1.2 MB, 3 462
//! features): `cargo bench --bench read`. Set `FC_BENCH_GEOJSON=path` to
//! run them on another file (e.g. `bench/data/city100.geojson`).
//!
//! `serde_json_value` parses the same text into a `serde_json::Value`: the
//! native counterpart of V8's `JSON.parse`, the floor for any reader.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use future_community::access::AccessEngine;
use future_community::evaluation::{self, DEFAULT_PROFILE};
use future_community::input::{self, ReadOptions};
use future_community::network::NetworkOptions;
use future_community::profile::{self, EvalOptions};
use future_community::site::SiteParams;
use future_community::Community;

fn text() -> String {
    let path = std::env::var("FC_BENCH_GEOJSON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/helsinki-centre/normalized.geojson"
        )
        .to_string()
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn benches(c: &mut Criterion) {
    let text = text();
    let opts = ReadOptions::default();
    let mut g = c.benchmark_group("read");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).expect("json"))
    });
    g.bench_function("input_read", |b| {
        b.iter(|| input::read(black_box(&text), &opts).expect("valid input"))
    });
    g.bench_function("community_from_geojson", |b| {
        b.iter(|| Community::from_geojson(black_box(&text), &opts).expect("valid input"))
    });
    g.finish();

    let community = Community::from_geojson(&text, &opts).expect("valid input");
    let profile = profile::builtin(DEFAULT_PROFILE).expect("built-in profile");
    let params = SiteParams::default();
    let mut g = c.benchmark_group("site");
    g.sample_size(20);
    g.bench_function("site_metrics", |b| {
        b.iter(|| {
            community
                .site_metrics(None, black_box(&params))
                .expect("metrics")
        })
    });
    g.bench_function("engine_build", |b| {
        b.iter(|| {
            AccessEngine::new(community.dataset(), &NetworkOptions::default()).expect("engine")
        })
    });
    g.bench_function("profile_parse_builtin", |b| {
        b.iter(|| profile::builtin(black_box(DEFAULT_PROFILE)).expect("profile"))
    });
    // Builds the access engine once (cached in the Community), then measures
    // the evaluation itself.
    let eval = EvalOptions::default();
    evaluation::evaluate_site(&community, None, &profile, &eval).expect("evaluation");
    g.bench_function("evaluate_default_profile", |b| {
        b.iter(|| {
            evaluation::evaluate_site(&community, None, black_box(&profile), &eval).expect("report")
        })
    });
    g.finish();
}

criterion_group!(read, benches);
criterion_main!(read);
