//! Times isochrones, service areas, the travel-time grid and travel
//! circles on a GeoJSON file:
//! `cargo run --release --example isochrone_time -- FILE [CATEGORY]`.
use std::time::Instant;

use future_community::access::AccessEngine;
use future_community::isochrone::{
    isochrones, service_areas, travel_circles, travel_time_grid, GridOptions, IsochroneOptions,
    ServiceAreaOptions, TravelCircleOptions,
};
use future_community::network::NetworkOptions;
use future_community::Community;
use geo::Centroid;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: isochrone_time FILE [CATEGORY]");
    let category = args.next().unwrap_or_else(|| "clinic".to_string());
    let text = std::fs::read_to_string(&path).expect("readable file");
    let t = Instant::now();
    let community = Community::from_geojson(&text, &Default::default()).expect("valid input");
    let engine =
        AccessEngine::new(community.dataset(), &NetworkOptions::default()).expect("engine");
    println!(
        "read + engine {:.0} ms; {:?}",
        ms(t),
        engine.network_summary()
    );
    // Origins: the centroids of a spread of residential buildings.
    let homes: Vec<_> = community
        .dataset()
        .buildings
        .iter()
        .filter(|b| b.building_use.is_residential())
        .filter_map(|b| b.footprint.centroid())
        .collect();
    let step = (homes.len() / 10).max(1);
    let minutes = std::env::var("MINUTES").unwrap_or_else(|_| "15".to_string());
    let mut times = Vec::new();
    for p in homes.iter().step_by(step).take(10) {
        let json = format!(
            r#"{{"origin": [{}, {}], "minutes": [{minutes}]}}"#,
            p.x(),
            p.y()
        );
        let o: IsochroneOptions = serde_json::from_str(&json).expect("options");
        let t = Instant::now();
        let fc = isochrones(&community, &o).expect("isochrones");
        let dt = ms(t);
        times.push(dt);
        let v: Vec<usize> = fc
            .features
            .iter()
            .map(|f| f.geometry.vertex_count())
            .collect();
        let a: Vec<f64> = fc
            .features
            .iter()
            .map(|f| (f.properties.area_m2 / 1e4).round())
            .collect();
        println!("isochrone [{minutes}]: {dt:.1} ms, vertices {v:?}, areas {a:?} ha");
    }
    times.sort_by(f64::total_cmp);
    println!(
        "isochrone median {:.1} ms, max {:.1} ms",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    let o: ServiceAreaOptions = serde_json::from_str(&format!(
        r#"{{"category": "{category}", "minutes": [5, 10, 15]}}"#
    ))
    .expect("options");
    let t = Instant::now();
    let fc = service_areas(&community, &o).expect("service areas");
    let v: Vec<usize> = fc
        .features
        .iter()
        .map(|f| f.geometry.vertex_count())
        .collect();
    println!(
        "service areas {category} ({:?} facilities): {:.1} ms, vertices {v:?}",
        fc.facilities,
        ms(t)
    );
    let g: GridOptions =
        serde_json::from_str(&format!(r#"{{"category": "{category}", "cellM": 50}}"#))
            .expect("options");
    let t = Instant::now();
    let grid = travel_time_grid(&community, &g).expect("grid");
    println!("grid {}x{} cells: {:.1} ms", grid.cols, grid.rows, ms(t));
    let t = Instant::now();
    let c = travel_circles(&community, &TravelCircleOptions::default()).expect("circles");
    println!(
        "travel circles: {:.1} ms, bus5min {:?}, metro10min {:?}, destinations30min {:?}",
        ms(t),
        c.bus_5min.share,
        c.metro_10min.share,
        c.destinations_30min.share
    );
}
