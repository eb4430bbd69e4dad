//! The walking network and everything built on it, with arbitrary options:
//! roads, homes, facilities, compounds, gates and transit on a 1e-4° (~10 m)
//! grid, read through the GeoJSON reader (so the model's invariants hold),
//! then the access engine, accessibility (thresholds, k, decay, snapping),
//! 2SFCA, isochrones, service areas, the travel-time grid and the travel
//! circles, each with options decoded from arbitrary JSON the way the JS
//! bindings decode them.
#![no_main]

use arbitrary::Arbitrary;
use future_community::input::ReadOptions;
use future_community::isochrone::{
    isochrones, service_areas, travel_circles, travel_time_grid, GridOptions, IsochroneOptions,
    ServiceAreaOptions, TravelCircleOptions,
};
use future_community::Community;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

#[derive(Arbitrary, Debug, Clone, Copy)]
struct P(i8, i8);

#[derive(Arbitrary, Debug)]
struct Input {
    roads: Vec<(Vec<P>, bool)>,
    homes: Vec<(P, u8, u16)>,
    facilities: Vec<(P, Cat, u8, Option<u8>)>,
    compounds: Vec<(P, u8)>,
    gates: Vec<P>,
    lines: Vec<(Vec<P>, bool, u8)>,
    stops: Vec<(P, Option<u8>)>,
    access: Vec<(AccessKey, Num)>,
    fca: Vec<(FcaKey, Num)>,
    iso: Vec<(IsoKey, Num)>,
    grid_cell: Num,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Cat {
    Clinic,
    School,
    BusStop,
    MetroStation,
}

/// A number as an option value: JSON cannot carry NaN or infinities (the
/// bindings go through JSON.stringify), so those become `null`.
#[derive(Arbitrary, Debug, Clone)]
enum Num {
    Small(u8),
    Int(i32),
    Float(f64),
    List(Vec<u8>),
    Str(String),
    Bool(bool),
}

#[derive(Arbitrary, Debug)]
enum AccessKey {
    ThresholdsM,
    ThresholdsMin,
    WalkSpeedMps,
    K,
    MaxSnapM,
    Opportunities,
    SnapNode,
    DecayStep,
    DecayLinear,
    DecayExponential,
    DecayGaussian,
    DecaySteps,
    Categories,
}

#[derive(Arbitrary, Debug)]
enum FcaKey {
    CatchmentM,
    CatchmentMin,
    E2sfca,
    Population,
    MaxSnapM,
}

#[derive(Arbitrary, Debug)]
enum IsoKey {
    Minutes,
    MinutesList,
    BufferM,
    ArcToleranceM,
    WalkSpeedMps,
    MaxSnapM,
    OriginPoint,
}

const STEP: f64 = 1e-4;

fn xy(p: P) -> Value {
    json!([120.0 + f64::from(p.0) * STEP, 30.0 + f64::from(p.1) * STEP])
}

fn num(n: &Num) -> Value {
    match n {
        Num::Small(v) => json!(v),
        Num::Int(v) => json!(v),
        Num::Float(v) => json!(v),
        Num::List(v) => json!(v),
        Num::Str(s) => json!(s),
        Num::Bool(b) => json!(b),
    }
}

fn square(p: P, size: u8) -> Value {
    let d = f64::from(size.max(1)) * STEP / 4.0;
    let (x, y) = (120.0 + f64::from(p.0) * STEP, 30.0 + f64::from(p.1) * STEP);
    json!([[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]])
}

fn category(c: Cat) -> &'static str {
    match c {
        Cat::Clinic => "clinic",
        Cat::School => "school",
        Cat::BusStop => "bus_stop",
        Cat::MetroStation => "metro_station",
    }
}

fn feature(props: Value, geometry: Value) -> Value {
    json!({"type": "Feature", "properties": props, "geometry": geometry})
}

fn dataset(input: &Input) -> String {
    let mut f = vec![feature(
        json!({"kind": "boundary", "id": "site"}),
        json!({"type": "Polygon", "coordinates": [[[119.99, 29.99], [120.01, 29.99], [120.01, 30.01], [119.99, 30.01], [119.99, 29.99]]]}),
    )];
    for (pts, walkable) in &input.roads {
        let c: Vec<Value> = pts.iter().map(|p| xy(*p)).collect();
        f.push(feature(
            json!({"kind": "road", "walkable": walkable}),
            json!({"type": "LineString", "coordinates": c}),
        ));
    }
    for (p, size, households) in &input.homes {
        f.push(feature(
            json!({"kind": "building", "use": "residential", "floors": 4, "households": households, "population": f64::from(*households) * 2.5}),
            json!({"type": "Polygon", "coordinates": square(*p, *size)}),
        ));
    }
    for (i, (p, c, capacity, id)) in input.facilities.iter().enumerate() {
        let mut props = json!({"kind": "facility", "category": category(*c), "capacity": capacity});
        props["id"] = match id {
            Some(id) => json!(format!("f{id}")),
            None => json!(format!("g{i}")),
        };
        f.push(feature(
            props,
            json!({"type": "Point", "coordinates": xy(*p)}),
        ));
    }
    for (p, size) in &input.compounds {
        f.push(feature(
            json!({"kind": "compound"}),
            json!({"type": "Polygon", "coordinates": square(*p, size.saturating_mul(4))}),
        ));
    }
    for p in &input.gates {
        f.push(feature(
            json!({"kind": "gate"}),
            json!({"type": "Point", "coordinates": xy(*p)}),
        ));
    }
    for (i, (pts, metro, headway)) in input.lines.iter().enumerate() {
        let c: Vec<Value> = pts.iter().map(|p| xy(*p)).collect();
        f.push(feature(
            json!({"kind": "transit_line", "id": format!("l{i}"), "mode": if *metro { "metro" } else { "bus" }, "headway_min": headway}),
            json!({"type": "LineString", "coordinates": c}),
        ));
    }
    for (p, line) in &input.stops {
        let mut props = json!({"kind": "transit_stop"});
        if let Some(l) = line {
            props["line"] = json!(format!("l{l}"));
        }
        f.push(feature(
            props,
            json!({"type": "Point", "coordinates": xy(*p)}),
        ));
    }
    json!({"type": "FeatureCollection", "features": f}).to_string()
}

fn access_options(input: &Input) -> Value {
    let mut o = json!({});
    for (k, v) in &input.access {
        let v = num(v);
        match k {
            AccessKey::ThresholdsM => o["thresholdsM"] = json!([v]),
            AccessKey::ThresholdsMin => o["thresholdsMin"] = v,
            AccessKey::WalkSpeedMps => o["walkSpeedMps"] = v,
            AccessKey::K => o["k"] = v,
            AccessKey::MaxSnapM => o["maxSnapM"] = v,
            AccessKey::Opportunities => o["opportunities"] = json!(true),
            AccessKey::SnapNode => o["snap"] = json!("node"),
            AccessKey::DecayLinear => o["decay"] = json!({"type": "linear", "thresholdM": v}),
            AccessKey::DecayStep => o["decay"] = json!({"type": "step", "thresholdM": v}),
            AccessKey::DecayExponential => {
                o["decay"] = json!({"type": "exponential", "halfLifeM": v, "cutoffM": 2000})
            }
            AccessKey::DecayGaussian => o["decay"] = json!({"type": "gaussian", "sigmaM": v}),
            AccessKey::DecaySteps => {
                o["decay"] = json!({"type": "steps", "steps": [{"upToM": v, "weight": 1.0}]})
            }
            AccessKey::Categories => o["categories"] = json!(["clinic", v]),
        }
    }
    o
}

fn fca_options(input: &Input) -> Value {
    let mut o = json!({"category": "clinic", "catchmentM": 500});
    for (k, v) in &input.fca {
        let v = num(v);
        match k {
            FcaKey::CatchmentM => o["catchmentM"] = v,
            FcaKey::CatchmentMin => o["catchmentMin"] = v,
            FcaKey::E2sfca => o["decay"] = json!({"type": "e2sfca"}),
            FcaKey::Population => o["demand"] = json!("population"),
            FcaKey::MaxSnapM => o["maxSnapM"] = v,
        }
    }
    o
}

fn iso_options(input: &Input) -> Value {
    let mut o = json!({"origin": [120.0, 30.0], "minutes": [2, 5]});
    for (k, v) in &input.iso {
        let v = num(v);
        match k {
            IsoKey::Minutes => o["minutes"] = v,
            IsoKey::MinutesList => o["minutes"] = json!([v, 1]),
            IsoKey::BufferM => o["bufferM"] = v,
            IsoKey::ArcToleranceM => o["arcToleranceM"] = v,
            IsoKey::WalkSpeedMps => o["walkSpeedMps"] = v,
            IsoKey::MaxSnapM => o["maxSnapM"] = v,
            IsoKey::OriginPoint => o["origin"] = json!([v, 30.0]),
        }
    }
    o
}

/// Decodes options the way the bindings do: JSON text through serde_json.
fn decode<T: serde::de::DeserializeOwned>(v: &Value) -> Option<T> {
    serde_json::from_str(&v.to_string()).ok()
}

fuzz_target!(|input: Input| {
    let text = dataset(&input);
    let Ok(c) = Community::from_geojson(&text, &ReadOptions::default()) else {
        return;
    };
    let Ok(engine) = c.access_engine() else {
        return;
    };
    let _ = serde_json::to_string(&engine.network_summary());
    if let Some(o) = decode(&access_options(&input)) {
        if let Ok(r) = engine.accessibility(&o) {
            let _ = serde_json::to_string(&r);
        }
        if let Ok(r) = engine.accessibility_columns(&o) {
            let _ = serde_json::to_string(&r);
        }
    }
    if let Some(o) = decode(&fca_options(&input)) {
        if let Ok(r) = engine.two_step_fca(&o) {
            let _ = serde_json::to_string(&r);
        }
    }
    if let Some(o) = decode::<IsochroneOptions>(&iso_options(&input)) {
        if let Ok(r) = isochrones(&c, &o) {
            let _ = serde_json::to_string(&r);
        }
    }
    let sa = ServiceAreaOptions {
        category: "clinic".into(),
        ..ServiceAreaOptions::default()
    };
    if let Ok(r) = service_areas(&c, &sa) {
        let _ = serde_json::to_string(&r);
    }
    let grid = json!({"category": "clinic", "cellM": num(&input.grid_cell)});
    if let Some(o) = decode::<GridOptions>(&grid) {
        if let Ok(r) = travel_time_grid(&c, &o) {
            let _ = serde_json::to_string(&r);
        }
    }
    if let Ok(r) = travel_circles(&c, &TravelCircleOptions::default()) {
        let _ = serde_json::to_string(&r);
    }
});
