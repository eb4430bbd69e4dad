//! Structure-aware: a FeatureCollection built from arbitrary kinds,
//! properties and geometries whose coordinates sit on a fine grid inside a
//! small area, so that features overlap, touch, repeat vertices, fold back
//! and cross each other far more often than random text would make them.
#![no_main]

use arbitrary::Arbitrary;
use future_community::input::crs::Crs;
use future_community::input::ReadOptions;
use future_community::site::SiteParams;
use future_community::Community;
use future_community_fuzz::exercise;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

#[derive(Arbitrary, Debug)]
struct Input {
    features: Vec<Feature>,
    crs: u8,
    strict: bool,
    roof_green_factor: f64,
    service: Vec<Category>,
}

#[derive(Arbitrary, Debug)]
struct Feature {
    kind: Kind,
    geometry: Geometry,
    props: Vec<(Key, Val)>,
    id: Option<u8>,
}

#[derive(Arbitrary, Debug)]
enum Kind {
    Boundary,
    Building,
    Facility,
    Road,
    Green,
    Gate,
    Compound,
    Destination,
    TransitLine,
    TransitStop,
    Other(String),
    /// No `kind`: raw OpenStreetMap tags only.
    Osm,
}

#[derive(Arbitrary, Debug)]
enum Key {
    Use,
    Floors,
    HeightM,
    Households,
    Population,
    FloorAreaM2,
    Category,
    Capacity,
    GreenType,
    Public,
    AreaM2,
    Walkable,
    Name,
    Building,
    BuildingLevels,
    Height,
    Landuse,
    Amenity,
    Highway,
    Leisure,
    Foot,
    Access,
    SpeedKmh,
    HeadwayMin,
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum Val {
    Num(f64),
    Int(i32),
    Str(String),
    Word(Word),
    Bool(bool),
    Null,
}

#[derive(Arbitrary, Debug)]
enum Word {
    Residential,
    Commercial,
    Mixed,
    Yes,
    No,
    Roof,
    Vertical,
    School,
    Kindergarten,
    Clinic,
    Footway,
    Residential2,
    Park,
}

#[derive(Arbitrary, Debug)]
enum Category {
    Clinic,
    CommunityService,
    Other(String),
}

/// A position on a 1e-5° grid around (120°, 30°), or anything at all.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Pos {
    Grid(i8, i8),
    Raw(f64, f64),
}

#[derive(Arbitrary, Debug)]
enum Simple {
    Point(Pos),
    MultiPoint(Vec<Pos>),
    LineString(Vec<Pos>),
    MultiLineString(Vec<Vec<Pos>>),
    Polygon(Vec<Vec<Pos>>),
    /// A polygon whose rings are closed (first position repeated).
    ClosedPolygon(Vec<Vec<Pos>>),
    MultiPolygon(Vec<Vec<Vec<Pos>>>),
}

#[derive(Arbitrary, Debug)]
enum Geometry {
    Simple(Simple),
    Collection(Vec<Simple>),
    Nested(Vec<Simple>),
    Null,
}

fn pos(p: Pos) -> Value {
    match p {
        Pos::Grid(x, y) => json!([120.0 + f64::from(x) * 1e-5, 30.0 + f64::from(y) * 1e-5]),
        // Non-finite numbers cannot be written as JSON: serde_json makes
        // them null, which the reader must reject like any bad position.
        Pos::Raw(x, y) => json!([x, y]),
    }
}

fn positions(v: &[Pos]) -> Value {
    Value::Array(v.iter().copied().map(pos).collect())
}

fn closed(v: &[Pos]) -> Value {
    let mut a: Vec<Value> = v.iter().copied().map(pos).collect();
    if let Some(first) = a.first().cloned() {
        a.push(first);
    }
    Value::Array(a)
}

fn simple(g: &Simple) -> Value {
    let (t, c) = match g {
        Simple::Point(p) => ("Point", pos(*p)),
        Simple::MultiPoint(v) => ("MultiPoint", positions(v)),
        Simple::LineString(v) => ("LineString", positions(v)),
        Simple::MultiLineString(v) => ("MultiLineString", v.iter().map(|l| positions(l)).collect()),
        Simple::Polygon(r) => ("Polygon", r.iter().map(|l| positions(l)).collect()),
        Simple::ClosedPolygon(r) => ("Polygon", r.iter().map(|l| closed(l)).collect()),
        Simple::MultiPolygon(p) => (
            "MultiPolygon",
            p.iter()
                .map(|r| r.iter().map(|l| closed(l)).collect::<Value>())
                .collect(),
        ),
    };
    json!({"type": t, "coordinates": c})
}

fn geometry(g: &Geometry) -> Value {
    match g {
        Geometry::Simple(s) => simple(s),
        Geometry::Collection(v) => {
            json!({"type": "GeometryCollection", "geometries": v.iter().map(simple).collect::<Vec<_>>()})
        }
        Geometry::Nested(v) => json!({"type": "GeometryCollection", "geometries": [
            {"type": "GeometryCollection", "geometries": v.iter().map(simple).collect::<Vec<_>>()}
        ]}),
        Geometry::Null => Value::Null,
    }
}

fn key(k: &Key) -> String {
    let s = match k {
        Key::Use => "use",
        Key::Floors => "floors",
        Key::HeightM => "height_m",
        Key::Households => "households",
        Key::Population => "population",
        Key::FloorAreaM2 => "floor_area_m2",
        Key::Category => "category",
        Key::Capacity => "capacity",
        Key::GreenType => "green_type",
        Key::Public => "public",
        Key::AreaM2 => "area_m2",
        Key::Walkable => "walkable",
        Key::Name => "name",
        Key::Building => "building",
        Key::BuildingLevels => "building:levels",
        Key::Height => "height",
        Key::Landuse => "landuse",
        Key::Amenity => "amenity",
        Key::Highway => "highway",
        Key::Leisure => "leisure",
        Key::Foot => "foot",
        Key::Access => "access",
        Key::SpeedKmh => "speed_kmh",
        Key::HeadwayMin => "headway_min",
        Key::Other(s) => return s.clone(),
    };
    s.to_string()
}

fn val(v: &Val) -> Value {
    match v {
        Val::Num(x) => json!(x),
        Val::Int(i) => json!(i),
        Val::Str(s) => json!(s),
        Val::Word(w) => json!(match w {
            Word::Residential => "residential",
            Word::Commercial => "commercial",
            Word::Mixed => "mixed",
            Word::Yes => "yes",
            Word::No => "no",
            Word::Roof => "roof",
            Word::Vertical => "vertical",
            Word::School => "school",
            Word::Kindergarten => "kindergarten",
            Word::Clinic => "clinic",
            Word::Footway => "footway",
            Word::Residential2 => "residential;commercial",
            Word::Park => "park",
        }),
        Val::Bool(b) => json!(b),
        Val::Null => Value::Null,
    }
}

fn feature(f: &Feature) -> Value {
    let mut props = Map::new();
    let kind = match &f.kind {
        Kind::Boundary => Some("boundary".to_string()),
        Kind::Building => Some("building".to_string()),
        Kind::Facility => Some("facility".to_string()),
        Kind::Road => Some("road".to_string()),
        Kind::Green => Some("green".to_string()),
        Kind::Gate => Some("gate".to_string()),
        Kind::Compound => Some("compound".to_string()),
        Kind::Destination => Some("destination".to_string()),
        Kind::TransitLine => Some("transit_line".to_string()),
        Kind::TransitStop => Some("transit_stop".to_string()),
        Kind::Other(s) => Some(s.clone()),
        Kind::Osm => None,
    };
    if let Some(k) = kind {
        props.insert("kind".into(), json!(k));
    }
    for (k, v) in &f.props {
        props.insert(key(k), val(v));
    }
    let mut out =
        json!({"type": "Feature", "properties": props, "geometry": geometry(&f.geometry)});
    if let Some(id) = f.id {
        out["id"] = json!(id);
    }
    out
}

fuzz_target!(|input: Input| {
    let doc = json!({
        "type": "FeatureCollection",
        "features": input.features.iter().map(feature).collect::<Vec<_>>(),
    });
    let Ok(text) = serde_json::to_string(&doc) else {
        return;
    };
    let options = ReadOptions {
        crs: Some(match input.crs % 3 {
            0 => Crs::Wgs84,
            1 => Crs::Gcj02,
            _ => Crs::Bd09,
        }),
        strict: input.strict,
        ..ReadOptions::default()
    };
    let params = SiteParams {
        roof_green_factor: input.roof_green_factor,
        service_categories: input
            .service
            .iter()
            .map(|c| match c {
                Category::Clinic => "clinic".to_string(),
                Category::CommunityService => "community_service".to_string(),
                Category::Other(s) => s.clone(),
            })
            .collect(),
        ..SiteParams::default()
    };
    if let Ok(c) = Community::from_geojson(&text, &options) {
        exercise(&c, &params);
    }
});
