//! Hand-made fixtures: the transit circle, walking circles, service
//! areas, errors and the grid.

use future_community::access::AccessOptions;
use future_community::geodesy;
use future_community::isochrone::{
    isochrones, service_areas, travel_circles, travel_time_grid, GridOptions, IsochroneOptions,
    ServiceAreaOptions, TravelCircleOptions,
};
use future_community::Community;
use geo::{Contains, Point};

use super::SPEED;

/// A GeoJSON feature.
fn feature(props: serde_json::Value, geometry: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"type": "Feature", "properties": props, "geometry": geometry})
}

fn square(lon: f64, lat: f64) -> serde_json::Value {
    let d = 0.0001;
    serde_json::json!({"type": "Polygon", "coordinates": [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]]})
}

fn community(features: Vec<serde_json::Value>) -> Community {
    let text = serde_json::json!({"type": "FeatureCollection", "features": features}).to_string();
    Community::from_geojson(&text, &Default::default()).unwrap()
}

/// An 8 km street with a home at the west end and a hospital at the east
/// end (walking ≈ 95 min) and, optionally, a bus line along it.
fn corridor(line: Option<serde_json::Value>, stops: bool) -> Vec<serde_json::Value> {
    let road: Vec<[f64; 2]> = (0..=16)
        .map(|i| [120.0 + 0.005 * f64::from(i), 30.0])
        .collect();
    let mut f = vec![
        feature(
            serde_json::json!({"kind": "road"}),
            serde_json::json!({"type": "LineString", "coordinates": road}),
        ),
        feature(
            serde_json::json!({"kind": "building", "use": "residential", "households": 40, "population": 100}),
            square(120.001, 30.0003),
        ),
        feature(
            serde_json::json!({"kind": "destination", "category": "hospital"}),
            serde_json::json!({"type": "Point", "coordinates": [120.079, 30.0003]}),
        ),
    ];
    if let Some(props) = line {
        let coords: Vec<[f64; 2]> = (0..=8)
            .map(|i| [120.0 + 0.01 * f64::from(i), 29.9998])
            .collect();
        f.push(feature(
            props,
            serde_json::json!({"type": "LineString", "coordinates": coords}),
        ));
        if stops {
            for lon in [120.0015, 120.0785] {
                f.push(feature(
                    serde_json::json!({"kind": "transit_stop", "line": "L1"}),
                    serde_json::json!({"type": "Point", "coordinates": [lon, 29.9998]}),
                ));
            }
        }
    }
    f
}

#[test]
fn the_30_minute_circle_is_reached_only_by_riding() {
    let line = serde_json::json!({"kind": "transit_line", "id": "L1", "mode": "bus", "speed_kmh": 30, "headway_min": 10});
    let c = community(corridor(Some(line.clone()), true));
    let r = travel_circles(&c, &TravelCircleOptions::default()).unwrap();
    let d = &r.destinations_30min;
    assert_eq!(d.share, Some(1.0));
    assert_eq!(d.walk_only_share, Some(0.0));
    // Walk 39 + 43 + 22 m to the stop (1.25 min) + 5 min wait + 0.077° =
    // 7.43 km at 30 km/h (14.86 min) + walk 22 + 48 + 33 m (1.24 min).
    let m = r.buildings.destinations_30min[0].unwrap();
    assert!((m - 22.35).abs() < 0.1, "{m} min");
    assert_eq!(r.transit.lines[0].stops, 2);
    assert_eq!(r.transit.lines[0].parameters_from, "line");
    assert_eq!(r.thresholds["destinations30min"], 30.0);

    // Walking alone: the circle fails.
    let off: TravelCircleOptions =
        serde_json::from_str(r#"{"transit": {"enabled": false}}"#).unwrap();
    let r = travel_circles(&c, &off).unwrap();
    assert_eq!(r.destinations_30min.share, Some(0.0));
    let walk = r.buildings.destinations_30min[0].unwrap();
    assert!(walk > 90.0 && walk < 100.0, "{walk} min");

    // A 40-minute headway (20 min wait) breaks it; so does a 20-minute limit.
    let mut slow = line.clone();
    slow["headway_min"] = 40.into();
    let c2 = community(corridor(Some(slow), true));
    assert_eq!(
        travel_circles(&c2, &TravelCircleOptions::default())
            .unwrap()
            .destinations_30min
            .share,
        Some(0.0)
    );
    let tight: TravelCircleOptions =
        serde_json::from_str(r#"{"destinations": {"minutes": 20}}"#).unwrap();
    assert_eq!(
        travel_circles(&c, &tight).unwrap().destinations_30min.share,
        Some(0.0)
    );
}

#[test]
fn mode_defaults_and_vertex_stops_apply_when_the_line_has_none() {
    // A metro line without speed, headway or stops: 35 km/h, 6 min headway,
    // stops at its vertices every 0.01° (~960 m).
    let line = serde_json::json!({"kind": "transit_line", "id": "M", "mode": "metro"});
    let c = community(corridor(Some(line), false));
    let r = travel_circles(&c, &TravelCircleOptions::default()).unwrap();
    let info = &r.transit.lines[0];
    assert_eq!(
        (
            info.speed_kmh,
            info.headway_min,
            info.stops_from,
            info.stops
        ),
        (35.0, 6.0, "vertices", 9)
    );
    assert_eq!(info.parameters_from, "mode");
    // Walk 39 + 101 + 22 m to the stop at 120.00 (1.94 min) + wait 3 + ride
    // 0.08° = 7.72 km at 35 km/h (13.23) + walk 22 + 97 + 33 m from the
    // stop at 120.08 (1.82) = 20.0 min.
    let m = r.buildings.destinations_30min[0].unwrap();
    assert!((m - 20.0).abs() < 0.1, "{m} min");
    // Overriding the mode table changes the result.
    let o: TravelCircleOptions = serde_json::from_str(
        r#"{"transit": {"modes": {"metro": {"speedKmh": 10, "headwayMin": 30}}}}"#,
    )
    .unwrap();
    assert_eq!(
        travel_circles(&c, &o).unwrap().destinations_30min.share,
        Some(0.0)
    );
}

#[test]
fn walking_circles_match_accessibility() {
    // Homes at ~100 m and ~700 m from a bus stop; a metro station 600 m east.
    let road: Vec<[f64; 2]> = (0..=10)
        .map(|i| [120.0 + 0.002 * f64::from(i), 30.0])
        .collect();
    let f = vec![
        feature(
            serde_json::json!({"kind": "road"}),
            serde_json::json!({"type": "LineString", "coordinates": road}),
        ),
        feature(
            serde_json::json!({"kind": "building", "use": "residential", "households": 30}),
            square(120.001, 30.0002),
        ),
        feature(
            serde_json::json!({"kind": "building", "use": "residential", "households": 10}),
            square(120.008, 30.0002),
        ),
        feature(
            serde_json::json!({"kind": "facility", "category": "bus_stop"}),
            serde_json::json!({"type": "Point", "coordinates": [120.0, 29.9999]}),
        ),
        feature(
            serde_json::json!({"kind": "facility", "category": "metro_station"}),
            serde_json::json!({"type": "Point", "coordinates": [120.0065, 29.9999]}),
        ),
    ];
    let c = community(f);
    let r = travel_circles(&c, &TravelCircleOptions::default()).unwrap();
    assert_eq!(r.bus_5min.share, Some(0.75));
    assert_eq!(r.metro_10min.share, Some(1.0));
    assert_eq!(r.destinations_30min.share, None);
    assert!(r.warnings.iter().any(|w| w.code == "NO_DESTINATIONS"));
    let acc = c
        .access_engine()
        .unwrap()
        .accessibility_columns(
            &serde_json::from_str::<AccessOptions>(
                r#"{"categories": ["bus_stop"], "thresholdsMin": [5]}"#,
            )
            .unwrap(),
        )
        .unwrap();
    for (m, d) in r
        .buildings
        .bus_5min
        .iter()
        .zip(&acc.categories["bus_stop"].network_m)
    {
        assert!((m.unwrap() - d / SPEED / 60.0).abs() < 1e-9);
    }
    assert_eq!(
        acc.coverage["bus_stop"]["5min"].households,
        r.bus_5min.share
    );
    // Local centres can count toward the 10-minute circle.
    let o: TravelCircleOptions = serde_json::from_str(
        r#"{"metro": {"categories": ["metro_station", "bus_stop"], "minutes": 2}}"#,
    )
    .unwrap();
    assert_eq!(
        travel_circles(&c, &o).unwrap().metro_10min.share,
        Some(0.75)
    );
}

#[test]
fn service_areas_union_every_facility_and_count_homes() {
    let road: Vec<[f64; 2]> = (0..=20)
        .map(|i| [120.0 + 0.002 * f64::from(i), 30.0])
        .collect();
    let f = vec![
        feature(
            serde_json::json!({"kind": "road"}),
            serde_json::json!({"type": "LineString", "coordinates": road}),
        ),
        feature(
            serde_json::json!({"kind": "facility", "category": "clinic", "id": "a"}),
            serde_json::json!({"type": "Point", "coordinates": [120.002, 30.0]}),
        ),
        feature(
            serde_json::json!({"kind": "facility", "category": "clinic", "id": "b"}),
            serde_json::json!({"type": "Point", "coordinates": [120.024, 30.0]}),
        ),
        feature(
            serde_json::json!({"kind": "building", "use": "residential", "households": 5}),
            square(120.0025, 30.0002),
        ),
        feature(
            serde_json::json!({"kind": "building", "use": "residential", "households": 7}),
            square(120.02, 30.0002),
        ),
    ];
    let c = community(f);
    let o: ServiceAreaOptions =
        serde_json::from_str(r#"{"category": "clinic", "minutes": [3, 15]}"#).unwrap();
    let fc = service_areas(&c, &o).unwrap();
    assert_eq!(fc.facilities, Some(2));
    let (three, fifteen) = (&fc.features[0], &fc.features[1]);
    // Two separate 250 m stretches each way at 3 minutes; one at 15.
    assert_eq!(three.geometry.coordinates.len(), 2);
    assert_eq!(fifteen.geometry.coordinates.len(), 1);
    assert_eq!(
        (three.properties.households, fifteen.properties.households),
        (5.0, 12.0)
    );
    assert_eq!(
        (
            three.properties.households_reached,
            fifteen.properties.households_reached
        ),
        (Some(5.0), Some(12.0))
    );
    // The same polygon as the union of the two isochrones.
    let iso = |id: &str| {
        let o: IsochroneOptions =
            serde_json::from_value(serde_json::json!({"origin": {"facilityId": id}, "minutes": 3}))
                .unwrap();
        isochrones(&c, &o).unwrap().features[0].properties.area_m2
    };
    let sum = iso("a") + iso("b");
    assert!(
        (three.properties.area_m2 - sum).abs() / sum < 1e-3,
        "{} vs {sum}",
        three.properties.area_m2
    );
    let bad: ServiceAreaOptions = serde_json::from_str(r#"{"category": "nothing"}"#).unwrap();
    let empty = service_areas(&c, &bad).unwrap();
    assert!(empty
        .features
        .iter()
        .all(|f| f.geometry.coordinates.is_empty()));
    assert!(empty.warnings.iter().any(|w| w.code == "EMPTY_CATEGORY"));
}

#[test]
fn unknown_facility_and_off_network_origin() {
    let c = community(corridor(None, false));
    let o: IsochroneOptions =
        serde_json::from_str(r#"{"origin": {"facilityId": "nope"}}"#).unwrap();
    assert_eq!(isochrones(&c, &o).unwrap_err().code(), "NOT_FOUND");
    let o: IsochroneOptions = serde_json::from_str(r#"{"origin": [120.01, 30.01]}"#).unwrap();
    let fc = isochrones(&c, &o).unwrap();
    assert!(!fc.origin.as_ref().unwrap().on_network);
    assert!(fc.features.iter().all(|f| f.properties.area_m2 == 0.0));
    assert_eq!(fc.warnings[0].code, "ORIGIN_NOT_ON_NETWORK");
}

#[test]
fn grid_values_are_walking_minutes_and_agree_with_service_areas() {
    let road: Vec<[f64; 2]> = (0..=10)
        .map(|i| [120.0 + 0.002 * f64::from(i), 30.0])
        .collect();
    let side: Vec<[f64; 2]> = (0..=5)
        .map(|i| [120.01, 30.0 + 0.002 * f64::from(i)])
        .collect();
    let f = vec![
        feature(
            serde_json::json!({"kind": "road"}),
            serde_json::json!({"type": "LineString", "coordinates": road}),
        ),
        feature(
            serde_json::json!({"kind": "road"}),
            serde_json::json!({"type": "LineString", "coordinates": side}),
        ),
        feature(
            serde_json::json!({"kind": "facility", "category": "park"}),
            serde_json::json!({"type": "Point", "coordinates": [120.0, 30.0]}),
        ),
        feature(
            serde_json::json!({"kind": "boundary"}),
            serde_json::json!({"type": "Polygon", "coordinates": [[[120.0, 29.999], [120.02, 29.999], [120.02, 30.011], [120.0, 30.011], [120.0, 29.999]]]}),
        ),
    ];
    let c = community(f);
    let o: GridOptions =
        serde_json::from_str(r#"{"category": "park", "cellM": 40, "cells": true}"#).unwrap();
    let g = travel_time_grid(&c, &o).unwrap();
    assert_eq!(g.minutes.len(), g.rows * g.cols);
    assert_eq!(g.cells.as_ref().unwrap().features.len(), g.rows * g.cols);
    assert!((g.cell_lon_deg * 96_490.0 - 40.0).abs() < 0.5);
    let net = c.access_engine().unwrap().network();
    let sa: ServiceAreaOptions =
        serde_json::from_str(r#"{"category": "park", "minutes": [6], "bufferM": 50}"#).unwrap();
    let poly = service_areas(&c, &sa).unwrap().features[0]
        .geometry
        .to_geo();
    let (mut reached, mut nan) = (0, 0);
    for row in 0..g.rows {
        for col in 0..g.cols {
            let v = g.minutes[row * g.cols + col];
            let p = Point::new(
                g.origin_lon + (col as f64 + 0.5) * g.cell_lon_deg,
                g.origin_lat - (row as f64 + 0.5) * g.cell_lat_deg,
            );
            let s = net.snap(p).unwrap();
            if s.connector_m > 250.0 {
                assert!(v.is_nan());
                nan += 1;
                continue;
            }
            reached += 1;
            // On the main road the value is (distance from the park + connector) / speed.
            let expected_min = geodesy::distance_m(Point::new(120.0, 30.0), s.point) / SPEED / 60.0;
            assert!(v >= expected_min - 1e-6, "{v} < {expected_min}");
            if v <= 6.0 - 1e-6 && s.connector_m < 45.0 {
                assert!(
                    poly.contains(&p),
                    "cell at {v} min outside the 6-min service area"
                );
            }
        }
    }
    assert!(reached > 0 && nan > 0);
}

#[test]
fn off_network_destinations_use_a_straight_walk_from_a_stop_and_rules_combine() {
    let line = serde_json::json!({"kind": "transit_line", "id": "L1", "mode": "bus", "speed_kmh": 30, "headway_min": 10});
    let mut f = corridor(Some(line), true);
    // A stop at the end of the line and a city centre 290 m beyond the end
    // of the street (off the network), and an airport nothing reaches.
    f.push(feature(
        serde_json::json!({"kind": "transit_stop", "line": "L1"}),
        serde_json::json!({"type": "Point", "coordinates": [120.08, 29.9998]}),
    ));
    f.push(feature(
        serde_json::json!({"kind": "destination", "category": "city_centre"}),
        serde_json::json!({"type": "Point", "coordinates": [120.083, 29.9998]}),
    ));
    f.push(feature(
        serde_json::json!({"kind": "destination", "category": "airport"}),
        serde_json::json!({"type": "Point", "coordinates": [121.0, 31.0]}),
    ));
    let c = community(f);
    let every = travel_circles(&c, &TravelCircleOptions::default()).unwrap();
    let d = &every.destinations_30min;
    let by = d.by_category.as_ref().unwrap();
    assert_eq!(
        (by["hospital"], by["city_centre"], by["airport"]),
        (Some(1.0), Some(1.0), Some(0.0))
    );
    assert_eq!(d.share, Some(0.0));
    assert_eq!(every.buildings.destinations_30min[0], None);
    assert!(every
        .warnings
        .iter()
        .any(|w| w.code == "DESTINATION_UNREACHABLE"));
    let any: TravelCircleOptions =
        serde_json::from_str(r#"{"destinations": {"rule": "any"}}"#).unwrap();
    let r = travel_circles(&c, &any).unwrap();
    assert_eq!(r.destinations_30min.share, Some(1.0));
    // Only the city centre: walk 1.25 + wait 5 + ride 0.0785° = 7.58 km at
    // 30 km/h (15.15) + 290 m straight (3.48) = 24.9 min.
    let centre: TravelCircleOptions =
        serde_json::from_str(r#"{"destinations": {"categories": ["city_centre"]}}"#).unwrap();
    let r = travel_circles(&c, &centre).unwrap();
    let m = r.buildings.destinations_30min[0].unwrap();
    assert!((m - 24.9).abs() < 0.15, "{m} min");
    // Without the straight walk the centre is out of reach.
    let no_walk: TravelCircleOptions = serde_json::from_str(
        r#"{"destinations": {"categories": ["city_centre"]}, "transit": {"maxStraightWalkM": 100}}"#,
    )
    .unwrap();
    assert_eq!(
        travel_circles(&c, &no_walk)
            .unwrap()
            .destinations_30min
            .share,
        Some(0.0)
    );
}

#[test]
fn changing_lines_costs_a_walk_and_a_second_wait() {
    // Line A runs the west half, line B the east half; their middle stops
    // are 96 m apart (22 m off the street each).
    let mut f = corridor(None, false);
    for (id, lons) in [("A", [120.0, 120.04]), ("B", [120.04, 120.08])] {
        f.push(feature(
            serde_json::json!({"kind": "transit_line", "id": id, "mode": "bus", "speed_kmh": 30, "headway_min": 10}),
            serde_json::json!({"type": "LineString", "coordinates": [[lons[0], 29.9998], [lons[1], 29.9998]]}),
        ));
    }
    for (line, lon) in [
        ("A", 120.0015),
        ("A", 120.0395),
        ("B", 120.0405),
        ("B", 120.0785),
    ] {
        f.push(feature(
            serde_json::json!({"kind": "transit_stop", "line": line}),
            serde_json::json!({"type": "Point", "coordinates": [lon, 29.9998]}),
        ));
    }
    let c = community(f);
    let r = travel_circles(&c, &TravelCircleOptions::default()).unwrap();
    // 1.25 walk + 5 wait + 0.038° = 3.67 km at 30 km/h (7.33) + 96 m
    // straight change (1.16) + 5 wait + 7.33 ride + 1.24 walk = 28.3 min.
    let m = r.buildings.destinations_30min[0].unwrap();
    assert!((m - 28.3).abs() < 0.1, "{m} min");
    assert_eq!(r.destinations_30min.share, Some(1.0));
    // Without straight changes, the change follows the street: 22 + 96 + 22 m.
    let o: TravelCircleOptions =
        serde_json::from_str(r#"{"transit": {"transferWalkM": 0}}"#).unwrap();
    let m2 = travel_circles(&c, &o).unwrap().buildings.destinations_30min[0].unwrap();
    assert!((m2 - m - 44.4 / SPEED / 60.0).abs() < 0.02, "{m2} vs {m}");
}
