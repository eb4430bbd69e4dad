//! Unit tests of the accessibility engine on hand-made datasets.

use geo::{polygon, Coord, MultiLineString, MultiPolygon, Point};

use super::*;
use crate::model::{Building, BuildingUse, Compound, Dataset, Facility, Gate, Road};
use crate::network::metric::distance_m;
use crate::network::NetworkOptions;
use crate::units::{Metres, MetresOrZero};

/// ~111 m per 0.001° of longitude at 30°N is ~96.3 m; of latitude ~110.9 m.
const LAT: f64 = 30.0;

fn road(fi: usize, coords: &[(f64, f64)]) -> Road {
    let line = coords.iter().map(|&(x, y)| Coord { x, y }).collect();
    Road {
        feature_index: fi,
        id: None,
        lines: MultiLineString::new(vec![line]),
        walkable: true,
    }
}

/// A ~2 m square residential building centred on (lon, lat).
fn home(fi: usize, lon: f64, lat: f64, households: f64) -> Building {
    let h = 0.00001;
    let p = polygon![(x: lon - h, y: lat - h), (x: lon + h, y: lat - h), (x: lon + h, y: lat + h), (x: lon - h, y: lat + h)];
    Building {
        feature_index: fi,
        id: Some(format!("b{fi}")),
        footprint: MultiPolygon::new(vec![p]),
        floors: Some(3.0),
        height_m: None,
        building_use: BuildingUse::Residential,
        households,
        population: households * 2.5,
        floor_area_m2: None,
        households_estimated: false,
    }
}

fn facility(fi: usize, category: &str, lon: f64, lat: f64, capacity: f64) -> Facility {
    Facility {
        feature_index: fi,
        id: Some(format!("f{fi}")),
        category: category.into(),
        name: None,
        location: Point::new(lon, lat),
        area: None,
        floor_area_m2: None,
        capacity,
    }
}

fn engine(data: &Dataset) -> AccessEngine {
    AccessEngine::new(data, &NetworkOptions::default()).unwrap()
}

fn p(lon: f64, lat: f64) -> Point<f64> {
    Point::new(lon, lat)
}

/// One straight street along the parallel 30°N from 120.000 to 120.010.
fn street() -> Dataset {
    Dataset {
        roads: vec![road(0, &[(120.0, LAT), (120.005, LAT), (120.01, LAT)])],
        ..Dataset::default()
    }
}

/// [`street`] with `homes` (lon, lat, households) as features 1, 2, ...
/// and after them `clinics` (lon, lat, capacity).
fn street_with(homes: &[(f64, f64, f64)], clinics: &[(f64, f64, f64)]) -> Dataset {
    let mut data = street();
    for (i, &(lon, lat, households)) in homes.iter().enumerate() {
        data.buildings.push(home(1 + i, lon, lat, households));
    }
    for (i, &(lon, lat, capacity)) in clinics.iter().enumerate() {
        let fi = 1 + homes.len() + i;
        data.facilities
            .push(facility(fi, "clinic", lon, lat, capacity));
    }
    data
}

#[test]
fn distance_is_connector_plus_path_plus_connector() {
    let data = street_with(
        &[(120.001, LAT + 0.0002, 10.0)],
        &[(120.007, LAT - 0.0001, 1.0)],
    );
    let e = engine(&data);
    let r = e.accessibility(&AccessOptions::default()).unwrap();
    let b = &r.buildings[0];
    let centroid = p(120.001, LAT + 0.0002);
    let expected = distance_m(centroid, p(120.001, LAT))
        + distance_m(p(120.001, LAT), p(120.005, LAT))
        + distance_m(p(120.005, LAT), p(120.007, LAT))
        + distance_m(p(120.007, LAT), p(120.007, LAT - 0.0001));
    let got = b.network_m["clinic"].unwrap();
    assert!((got - expected).abs() < 1e-3, "{got} vs {expected}");
    let straight = distance_m(centroid, p(120.007, LAT - 0.0001));
    assert!((b.straight_m["clinic"].unwrap() - straight).abs() < 1e-6);
    assert!((b.detour_ratio["clinic"].unwrap() - got / straight).abs() < 1e-9);
    assert_eq!(b.nearest_feature_index["clinic"], Some(2));
}

#[test]
fn same_edge_goes_directly_along_it() {
    let mut data = Dataset {
        roads: vec![road(0, &[(120.0, LAT), (120.01, LAT)])],
        ..Dataset::default()
    };
    data.buildings.push(home(1, 120.004, LAT + 0.0001, 10.0));
    data.facilities
        .push(facility(2, "clinic", 120.006, LAT + 0.0001, 1.0));
    let e = engine(&data);
    let r = e.accessibility(&AccessOptions::default()).unwrap();
    // The ~960 m edge is a geodesic, bulging ~1 cm north of the parallel.
    let so = e.network().snap(p(120.004, LAT + 0.0001)).unwrap();
    let sf = e.network().snap(p(120.006, LAT + 0.0001)).unwrap();
    assert_eq!(so.edge, sf.edge);
    let expected = so.connector_m + (sf.offset_m - so.offset_m) + sf.connector_m;
    assert!(
        (expected - 2.0 * 11.077 - 192.97).abs() < 0.01,
        "{expected}"
    );
    let got = r.buildings[0].network_m["clinic"].unwrap();
    assert!((got - expected).abs() < 1e-3, "{got} vs {expected}");
}

#[test]
fn beyond_max_snap_is_unreachable_with_warnings() {
    let data = street_with(
        &[
            (120.002, LAT + 0.003, 10.0), // ~333 m north
            (120.002, LAT + 0.0001, 10.0),
        ],
        &[(120.008, LAT - 0.0027, 1.0)], // ~300 m south
    );
    let e = engine(&data);
    let r = e.accessibility(&AccessOptions::default()).unwrap();
    assert_eq!(r.buildings[0].network_m["clinic"], None);
    assert_eq!(r.buildings[1].network_m["clinic"], None);
    assert!(r.buildings[1].straight_m["clinic"].is_some());
    let codes: Vec<_> = r
        .warnings
        .iter()
        .map(|w| (w.code, w.feature_index))
        .collect();
    assert!(codes.contains(&("ORIGIN_NOT_ON_NETWORK", Some(1))));
    assert!(codes.contains(&("FACILITY_NOT_ON_NETWORK", Some(3))));
    let wide = AccessOptions {
        max_snap_m: MetresOrZero::new(400.0),
        ..AccessOptions::default()
    };
    let r = e.accessibility(&wide).unwrap();
    assert!(r.buildings.iter().all(|b| b.network_m["clinic"].is_some()));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn gated_buildings_leave_through_their_gates() {
    let mut data = Dataset {
        roads: vec![road(0, &[(120.0, LAT), (120.0045, LAT), (120.01, LAT)])],
        ..Dataset::default()
    };
    // Compound north of the street, its only gate on the east fence, which
    // is far from the street; the building is near the street.
    let c = polygon![(x: 120.002, y: 30.0001), (x: 120.004, y: 30.0001), (x: 120.004, y: 30.001), (x: 120.002, y: 30.001)];
    data.compounds.push(Compound {
        feature_index: 5,
        id: None,
        area: MultiPolygon::new(vec![c]),
    });
    data.gates.push(Gate {
        feature_index: 6,
        id: None,
        location: p(120.004, 30.0009),
    });
    data.roads.push(road(
        7,
        &[(120.0045, LAT), (120.0045, 30.0009), (120.004, 30.0009)],
    ));
    data.buildings.push(home(1, 120.0025, 30.0002, 10.0));
    data.facilities.push(facility(2, "clinic", 120.0, LAT, 1.0));
    let r = engine(&data)
        .accessibility(&AccessOptions::default())
        .unwrap();
    let walk_to_gate = distance_m(p(120.0025, 30.0002), p(120.004, 30.0009));
    let expected = walk_to_gate
        + distance_m(p(120.004, 30.0009), p(120.0045, 30.0009))
        + distance_m(p(120.0045, 30.0009), p(120.0045, LAT))
        + distance_m(p(120.0045, LAT), p(120.0, LAT));
    let got = r.buildings[0].network_m["clinic"].unwrap();
    assert!((got - expected).abs() < 0.01, "{got} vs {expected}");
    // Without the compound, the building walks straight to the street.
    data.compounds.clear();
    let r = engine(&data)
        .accessibility(&AccessOptions::default())
        .unwrap();
    assert!(r.buildings[0].network_m["clinic"].unwrap() < expected - 100.0);
}

#[test]
fn k_nearest_opportunities_and_gravity_agree() {
    let mut data = street();
    data.buildings.push(home(1, 120.0, LAT + 0.0001, 10.0));
    for (i, lon) in [120.002, 120.004, 120.0041, 120.009].iter().enumerate() {
        data.facilities
            .push(facility(10 + i, "shop", *lon, LAT, 2.0));
    }
    let opts: AccessOptions = serde_json::from_str(
        r#"{"k":3,"thresholdsM":[300,500],"opportunities":true,"decay":{"type":"step","thresholdM":500}}"#,
    )
    .unwrap();
    let r = engine(&data).accessibility(&opts).unwrap();
    let b = &r.buildings[0];
    let k = &b.k_nearest_m.as_ref().unwrap()["shop"];
    assert_eq!(k.len(), 3);
    assert!(k.windows(2).all(|w| w[0] <= w[1]));
    assert!((k[0] - b.network_m["shop"].unwrap()).abs() < 1e-9);
    let opp = &b.opportunities.as_ref().unwrap()["shop"];
    assert_eq!(opp["300"], 1);
    assert_eq!(opp["500"], 3);
    assert_eq!(b.gravity.as_ref().unwrap()["shop"], 6.0);
}

#[test]
fn islands_are_reported_and_unreachable() {
    let mut data = street();
    data.roads.push(road(9, &[(120.02, LAT), (120.021, LAT)]));
    data.buildings.push(home(1, 120.001, LAT + 0.0001, 10.0));
    data.facilities
        .push(facility(2, "market", 120.0205, LAT + 0.0001, 1.0));
    let e = engine(&data);
    let w: Vec<_> = e
        .warnings()
        .iter()
        .filter(|w| w.code == "SMALL_NETWORK_ISLAND")
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].feature_index, Some(9));
    let r = e.accessibility(&AccessOptions::default()).unwrap();
    assert_eq!(r.buildings[0].network_m["market"], None);
    assert_eq!(e.network_summary().components, 2);
}

#[test]
fn coverage_shares_by_four_weightings() {
    let mut data = street();
    data.buildings.push(home(1, 120.001, LAT + 0.0001, 10.0));
    data.buildings.push(home(2, 120.009, LAT + 0.0001, 30.0));
    let mut shop = home(3, 120.005, LAT + 0.0001, 0.0);
    shop.building_use = BuildingUse::Commercial;
    data.buildings.push(shop);
    data.facilities.push(facility(4, "park", 120.0, LAT, 1.0));
    let r = engine(&data)
        .accessibility(&AccessOptions::default())
        .unwrap();
    assert_eq!(r.buildings.len(), 2);
    assert_eq!(r.coverage_totals.buildings, 2);
    let c = r.coverage["park"]["300"];
    assert_eq!(c.households, Some(0.25));
    assert_eq!(c.population, Some(0.25));
    assert_eq!(c.buildings, Some(0.5));
    let land = c.land_area.unwrap();
    assert!((land - 0.5).abs() < 1e-6, "{land}");
    let c = r.coverage["park"]["1000"];
    assert_eq!((c.households, c.buildings), (Some(1.0), Some(1.0)));
}

#[test]
fn two_step_fca_by_hand() {
    let data = street_with(
        &[
            (120.001, LAT + 0.0001, 10.0),
            (120.003, LAT + 0.0001, 30.0),
            (120.0095, LAT + 0.0001, 50.0),
        ],
        &[(120.002, LAT, 20.0)],
    );
    let e = engine(&data);
    let opts = TwoStepOptions {
        category: "clinic".into(),
        catchment_m: Metres::new(300.0),
        ..TwoStepOptions::default()
    };
    let r = e.two_step_fca(&opts).unwrap();
    // Buildings 1 and 2 are within 300 m, building 3 is not: R = 20 / 40.
    assert_eq!(r.facilities[0].catchment_demand, 40.0);
    assert_eq!(r.facilities[0].ratio, Some(0.5));
    let scores: Vec<f64> = r.buildings.iter().map(|b| b.score).collect();
    assert_eq!(scores, vec![0.5, 0.5, 0.0]);
    // Demand-weighted mean = (10 + 30) * 0.5 / 90.
    let norm = r.buildings[0].normalized.unwrap();
    assert!((norm - 0.5 / (20.0 / 90.0)).abs() < 1e-12);
    // E2SFCA: buildings 1 and 2 are ~96 m + 2 × 11 m away, in the second
    // third of the catchment (weight 0.68): R = 20 / (40 × 0.68), A = R × 0.68.
    let e2: TwoStepOptions =
        serde_json::from_str(r#"{"category":"clinic","catchmentM":300,"decay":{"type":"e2sfca"}}"#)
            .unwrap();
    let r = e.two_step_fca(&e2).unwrap();
    let ratio = r.facilities[0].ratio.unwrap();
    assert!((ratio - 20.0 / (40.0 * 0.68)).abs() < 1e-12);
    assert!((r.buildings[1].score - 0.5).abs() < 1e-12);
    let pop: TwoStepOptions =
        serde_json::from_str(r#"{"category":"clinic","catchmentM":300,"demand":"population"}"#)
            .unwrap();
    assert_eq!(
        e.two_step_fca(&pop).unwrap().facilities[0].catchment_demand,
        100.0
    );
}

#[test]
fn empty_and_unknown_categories_give_nulls() {
    let mut data = street();
    data.buildings.push(home(1, 120.001, LAT + 0.0001, 10.0));
    let opts = AccessOptions {
        categories: Some(vec!["hospital".into()]),
        ..AccessOptions::default()
    };
    let r = engine(&data).accessibility(&opts).unwrap();
    assert_eq!(r.buildings[0].network_m["hospital"], None);
    assert_eq!(r.buildings[0].straight_m["hospital"], None);
    assert_eq!(r.coverage["hospital"]["300"].households, Some(0.0));
    assert!(r.warnings.iter().any(|w| w.code == "EMPTY_CATEGORY"));
}

#[test]
fn node_snapping_adds_no_connector() {
    let data = street_with(
        &[(120.0001, LAT + 0.0002, 10.0)],
        &[(120.0049, LAT - 0.0001, 1.0)],
    );
    let opts = AccessOptions {
        snap: Some(SnapMode::Node),
        ..AccessOptions::default()
    };
    let r = engine(&data).accessibility(&opts).unwrap();
    let expected = distance_m(p(120.0, LAT), p(120.005, LAT));
    assert!((r.buildings[0].network_m["clinic"].unwrap() - expected).abs() < 1e-6);
}

#[test]
fn columns_and_objects_carry_the_same_numbers_and_json_shape() {
    let data = street_with(
        &[(120.001, LAT + 0.0001, 10.0), (120.001, LAT + 0.01, 10.0)],
        &[(120.002, LAT, 1.0)],
    );
    let e = engine(&data);
    let opts = AccessOptions {
        opportunities: Some(true),
        ..AccessOptions::default()
    };
    let cols = e.accessibility_columns(&opts).unwrap();
    let objs = e.accessibility(&opts).unwrap();
    assert_eq!(cols.feature_index, vec![1, 2]);
    let c = &cols.categories["clinic"];
    assert_eq!(Some(c.network_m[0]), objs.buildings[0].network_m["clinic"]);
    assert!(c.network_m[1].is_nan());
    assert_eq!(c.nearest_feature_index, vec![3, -1]);
    assert_eq!(c.opportunities.len(), 2 * 4);
    let json = serde_json::to_value(&objs).unwrap();
    let b = &json["buildings"][0];
    for key in [
        "featureIndex",
        "id",
        "households",
        "networkM",
        "straightM",
        "detourRatio",
        "opportunities",
    ] {
        assert!(b.get(key).is_some(), "{key}");
    }
    assert!(json["buildings"][1]["networkM"]["clinic"].is_null());
    let cov = &json["coverage"]["clinic"]["300"];
    for key in ["households", "population", "buildings", "landArea"] {
        assert!(cov.get(key).is_some(), "{key}");
    }
}

#[test]
fn invalid_options_are_errors_not_panics() {
    let e = engine(&street());
    let bad = AccessOptions {
        k: Some(0),
        ..AccessOptions::default()
    };
    assert_eq!(e.accessibility(&bad).unwrap_err().code(), "INVALID_OPTION");
    // A negative catchment cannot even be decoded (the unit type refuses it).
    let bad = crate::decode::from_str::<TwoStepOptions>(r#"{"category":"x","catchmentM":-1}"#);
    assert_eq!(bad.unwrap_err().path(), "catchmentM");
    let bad = NetworkOptions {
        merge_tolerance_m: f64::NAN,
        ..NetworkOptions::default()
    };
    assert!(AccessEngine::new(&street(), &bad).is_err());
}

#[test]
fn degenerate_datasets_do_not_panic() {
    // No roads: everything unreachable, one network warning.
    let mut data = Dataset::default();
    data.buildings.push(home(1, 120.001, LAT, 10.0));
    data.facilities
        .push(facility(2, "clinic", 120.002, LAT, 1.0));
    let e = engine(&data);
    assert!(e.warnings().iter().any(|w| w.code == "NO_WALKABLE_NETWORK"));
    let opts = AccessOptions {
        k: Some(2),
        opportunities: Some(true),
        ..AccessOptions::default()
    };
    let r = e.accessibility(&opts).unwrap();
    assert_eq!(r.buildings[0].network_m["clinic"], None);
    assert!(r.buildings[0].straight_m["clinic"].is_some());
    assert_eq!(r.coverage["clinic"]["300"].households, Some(0.0));
    let fca = TwoStepOptions {
        category: "clinic".into(),
        catchment_m: Metres::new(500.0),
        ..TwoStepOptions::default()
    };
    assert_eq!(e.two_step_fca(&fca).unwrap().buildings[0].score, 0.0);
    // No buildings at all, and NaN weights: empty or zero results.
    let mut data = street();
    data.facilities
        .push(facility(2, "clinic", 120.002, LAT, f64::NAN));
    let e = engine(&data);
    let r = e.accessibility(&opts).unwrap();
    assert!(r.buildings.is_empty());
    assert_eq!(r.coverage["clinic"]["300"].households, None);
    let f = e.two_step_fca(&fca).unwrap();
    assert_eq!(f.facilities[0].ratio, None);
    assert_eq!(f.facilities[0].supply, 1.0);
    let mut nan = home(3, 120.001, LAT + 0.0001, f64::NAN);
    nan.population = f64::INFINITY;
    data.buildings.push(nan);
    let r = engine(&data)
        .accessibility(&AccessOptions::default())
        .unwrap();
    assert_eq!(r.coverage_totals.households, 0.0);
    assert_eq!(r.coverage["clinic"]["300"].buildings, Some(1.0));
}
