//! `evaluateAll` natively, for profiling (issue 14: many sites should cost
//! little more than one): one `evaluate_site`, `evaluate_all` (with and
//! without the full reports), the site metrics of every site alone, and the
//! size of the result as JSON (`DUMP=FILE` writes it).
//!
//! `cargo run --release --example evaluate_all_time -- FILE [WHOLE]`
//! (FILE: a district with many `boundary` features, `bench/gen_sites.py`;
//! WHOLE: the same district with its one boundary, whose `evaluate` is
//! timed too: the buildings of all the sites in one)
use std::time::Instant;

use future_community::community::SiteRef;
use future_community::evaluation::{evaluate_all, evaluate_all_with, evaluate_site, site_params};
use future_community::input::ReadOptions;
use future_community::profile::{self, EvalOptions};
use future_community::Community;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: evaluate_all_time FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let c = Community::from_geojson(&text, &ReadOptions::default()).expect("reads");
    let p = profile::builtin("zhejiang-future-community").expect("profile");
    let o = EvalOptions::default();
    let _ = c.access_engine().expect("engine");
    let t = Instant::now();
    evaluate_site(&c, None, &p, &o).expect("evaluate");
    let one = ms(t);
    let t = Instant::now();
    let all = evaluate_all(&c, &p, &o).expect("evaluate all");
    let many = ms(t);
    let t = Instant::now();
    let slim = evaluate_all_with(&c, &p, &o, false).expect("evaluate all, no reports");
    let slim_ms = ms(t);
    let slim_bytes = serde_json::to_string(&slim).expect("serialises").len();
    let params = site_params(&p);
    let t = Instant::now();
    for i in 0..c.sites().len() {
        c.site_metrics(Some(&SiteRef::Index(i)), &params)
            .expect("metrics");
    }
    let site = ms(t);
    println!(
        "sites {}: evaluate one {one:.1} ms, evaluateAll {many:.1} ms ({:.2}x), site metrics of all sites {site:.1} ms",
        c.sites().len(),
        many / one
    );
    let t = Instant::now();
    let json = serde_json::to_string(&all).expect("serialises");
    if let Ok(p) = std::env::var("DUMP") {
        std::fs::write(p, &json).expect("dump");
    }
    let warnings: usize = all.reports.iter().map(|r| r.warnings.len()).sum();
    println!(
        "report JSON {} bytes in {:.1} ms, {warnings} warnings over all reports",
        json.len(),
        ms(t)
    );
    println!("evaluateAll without reports {slim_ms:.1} ms, JSON {slim_bytes} bytes");
    if let Some(whole) = std::env::args().nth(2) {
        let text = std::fs::read_to_string(&whole).unwrap_or_else(|e| panic!("{whole}: {e}"));
        let w = Community::from_geojson(&text, &ReadOptions::default()).expect("reads");
        let _ = w.access_engine().expect("engine");
        let t = Instant::now();
        evaluate_site(&w, None, &p, &o).expect("evaluate");
        let whole_ms = ms(t);
        println!(
            "evaluate of the whole district {whole_ms:.1} ms; evaluateAll / that = {:.2}x",
            many / whole_ms
        );
    }
}
