//! The end-to-end pipeline of `bench/e2e.mjs`, natively, for profiling and for
//! the native/wasm comparison of `bench/batch_bench.py`: read the GeoJSON text,
//! build the access engine (network + snapping), accessibility for every
//! category and thresholds 300/500/800/1000 m, then `evaluate()` with the
//! default profile (engine already built, as in `bench/e2e.mjs`).
//!
//! `cargo run --release --example e2e_time -- FILE [REPEATS]`
//! `perf record -g target/release/examples/e2e_time FILE`
//!
//! Each repeat ends with a reference parse of the text into a
//! `serde_json::Value` (the native floor), after the pipeline has dropped its
//! data. Prints one line per repeat, then `E2E_JSON {...}`: the phases of the
//! last repeat in ms, `peakRssBytes` = the peak RSS of the first repeat's
//! pipeline before that reference parse, and `processPeakRssBytes` = the
//! whole process's (`VmHWM`, Linux; null elsewhere).
use std::time::Instant;

use future_community::access::AccessOptions;
use future_community::evaluation::{evaluate_site, DEFAULT_PROFILE};
use future_community::input::ReadOptions;
use future_community::profile::{self, EvalOptions};
use future_community::Community;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// Peak resident set size of this process in bytes (`VmHWM` of /proc/self/status).
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// CPU time (user + system, all threads) of this process in ms, from
/// /proc/self/stat in clock ticks (assumed 100 per second, the Linux
/// default); NaN elsewhere.
fn cpu_ms() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok());
    match (tick(11), tick(12)) {
        (Some(u), Some(s)) => (u + s) * 10.0,
        _ => f64::NAN,
    }
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
    let prof = profile::builtin(DEFAULT_PROFILE).expect("default profile");
    let eval_opts = EvalOptions::default();
    let mut last = serde_json::Value::Null;
    let mut pipeline_peak = None;
    for _ in 0..repeats {
        let (t, c0) = (Instant::now(), cpu_ms());
        let c = Community::from_geojson(&text, &ReadOptions::default()).expect("valid input");
        let (read_ms, c1) = (ms(t), cpu_ms());
        let t = Instant::now();
        let engine = c.access_engine().expect("engine");
        let (engine_ms, c2) = (ms(t), cpu_ms());
        let t = Instant::now();
        let cols = engine.accessibility_columns(&opts).expect("accessibility");
        let (access_ms, c3) = (ms(t), cpu_ms());
        let (categories, origins) = (cols.categories.len(), cols.feature_index.len());
        let t = Instant::now();
        let report = evaluate_site(&c, None, &prof, &eval_opts).expect("evaluate");
        let (evaluate_ms, c4) = (ms(t), cpu_ms());
        drop(cols);
        drop(c);
        // Peak of the pipeline alone (first repeat), before the reference parse.
        pipeline_peak = pipeline_peak.or_else(peak_rss_bytes);
        let t = Instant::now();
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        let json_ms = ms(t);
        drop(v);
        println!(
            "{:.0} MB: serde_json::Value {json_ms:.0} ms | read {read_ms:.0} ms, engine {engine_ms:.0} ms, \
             accessibility {access_ms:.0} ms ({} categories, {} origins), end to end {:.0} ms; \
             evaluate {evaluate_ms:.0} ms (score {:.1})",
            text.len() as f64 / 1e6,
            categories,
            origins,
            read_ms + engine_ms + access_ms,
            report.score.unwrap_or(f64::NAN)
        );
        last = serde_json::json!({
            "inputBytes": text.len(),
            "categories": categories,
            "origins": origins,
            "jsonValueMs": json_ms,
            "readMs": read_ms,
            "engineMs": engine_ms,
            "accessMs": access_ms,
            "evaluateMs": evaluate_ms,
            "cpuMs": { "read": c1 - c0, "engine": c2 - c1, "access": c3 - c2, "evaluate": c4 - c3 },
        });
    }
    if let serde_json::Value::Object(m) = &mut last {
        m.insert("repeats".into(), repeats.into());
        m.insert("peakRssBytes".into(), pipeline_peak.into());
        m.insert("processPeakRssBytes".into(), peak_rss_bytes().into());
    }
    println!("E2E_JSON {last}");
}
