//! Times reading a GeoJSON file and computing site metrics:
//! `cargo run --release --example read_bench -- city.geojson`.
use std::time::Instant;

use future_community::input::ReadOptions;
use future_community::site::SiteParams;
use future_community::Community;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_bench <file.geojson>");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let t0 = Instant::now();
    let c = match Community::from_geojson(&text, &ReadOptions::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error {}: {e}", e.code());
            std::process::exit(1);
        }
    };
    let t1 = Instant::now();
    let m = c.site_metrics(None, &SiteParams::default());
    let t2 = Instant::now();
    println!(
        "{} MB: read {:.0} ms, site metrics {:.0} ms, buildings {}, far {:?}",
        text.len() / 1_000_000,
        (t1 - t0).as_secs_f64() * 1e3,
        (t2 - t1).as_secs_f64() * 1e3,
        c.dataset().buildings.len(),
        m.map(|m| m.metrics.far).ok().flatten()
    );
}
