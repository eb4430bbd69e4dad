//! Smoke tests on the Helsinki centre data (OpenStreetMap, ODbL).

use future_community::geodesy::LocalPlane;
use future_community::isochrone::{
    isochrones, service_areas, travel_circles, travel_time_grid, GridOptions, IsochroneOptions,
    ServiceAreaOptions, TravelCircleOptions,
};
use future_community::Community;
use geo::{BooleanOps, Centroid, Contains, Point};

use super::planar;

fn helsinki() -> &'static Community {
    static DATA: std::sync::OnceLock<Community> = std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        let text =
            std::fs::read_to_string("data/helsinki-centre/normalized.geojson").expect("dataset");
        Community::from_geojson(&text, &Default::default()).expect("reads")
    })
}

#[test]
fn helsinki_isochrones_from_a_home() {
    let c = helsinki();
    let home = c
        .dataset()
        .buildings
        .iter()
        .filter(|b| b.building_use.is_residential())
        .nth(20)
        .unwrap();
    let p = home.footprint.centroid().unwrap();
    let o: IsochroneOptions = serde_json::from_value(
        serde_json::json!({"origin": [p.x(), p.y()], "minutes": [5, 10, 15]}),
    )
    .unwrap();
    let t = std::time::Instant::now();
    let fc = isochrones(c, &o).unwrap();
    eprintln!(
        "Helsinki 5/10/15-minute isochrones: {:.0} ms (debug build)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let plane = LocalPlane::new(p);
    let polys = planar(&fc, &plane);
    let mut prev = 0.0;
    for (f, poly) in fc.features.iter().zip(&polys) {
        let a = f.properties.area_m2;
        let bound = std::f64::consts::PI * (f.properties.minutes * 60.0 * 1.39 + 50.0).powi(2);
        assert!(
            a > prev && a < bound,
            "{} min: {a} m² (bound {bound})",
            f.properties.minutes
        );
        assert!(
            a > 0.1 * bound,
            "{} min: {a} m² is implausibly small",
            f.properties.minutes
        );
        assert!(f.geometry.vertex_count() < 5000);
        assert!(poly.contains(&Point::new(0.0, 0.0)));
        // Planar and geodesic areas agree in a 2 km tangent plane.
        assert!((geo::Area::unsigned_area(poly) - a).abs() / a < 2e-3);
        prev = a;
    }
    for w in polys.windows(2) {
        let outside = geo::Area::unsigned_area(&w[0].difference(&w[1]));
        assert!(
            outside < 1e-6 * geo::Area::unsigned_area(&w[0]) + 0.01,
            "{outside}"
        );
    }
    assert!(fc.features[2].properties.households >= fc.features[0].properties.households);
    assert!(fc.features[2].properties.households > 0.0);
}

#[test]
fn helsinki_service_areas_grid_and_circles() {
    let c = helsinki();
    let o: ServiceAreaOptions =
        serde_json::from_str(r#"{"category": "pharmacy", "minutes": [5, 10]}"#).unwrap();
    let fc = service_areas(c, &o).unwrap();
    let (five, ten) = (&fc.features[0].properties, &fc.features[1].properties);
    assert!(five.area_m2 > 0.0 && ten.area_m2 > five.area_m2);
    assert!(ten.households_reached.unwrap() <= fc.total_households);
    let g: GridOptions = serde_json::from_str(r#"{"category": "pharmacy", "cellM": 50}"#).unwrap();
    let grid = travel_time_grid(c, &g).unwrap();
    let finite = grid.minutes.iter().filter(|m| m.is_finite()).count();
    assert!(
        finite > grid.minutes.len() / 2,
        "{finite} of {}",
        grid.minutes.len()
    );
    let r = travel_circles(c, &TravelCircleOptions::default()).unwrap();
    for circle in [&r.bus_5min, &r.metro_10min] {
        let s = circle.share.unwrap();
        assert!((0.0..=1.0).contains(&s) && circle.facilities > 0);
    }
    assert_eq!(
        r.buildings.feature_index.len(),
        c.access_engine().expect("engine").origin_count()
    );
}
