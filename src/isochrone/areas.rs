//! `isochrones` (from one point or facility) and `serviceAreas` (from every
//! facility of a category): reachable sub-network → cut edges → buffer →
//! nested union, with the homes inside each polygon.

use geo::Point;

use super::options::{AreaParams, IsochroneOptions, IsochroneOrigin, ServiceAreaOptions};
use super::polygon::{RingIndex, Shaper};
use super::reach::{ReachableNetwork, Source};
use super::result::{
    AreaCollection, AreaFeature, AreaProperties, MultiPolygonGeometry, OriginInfo,
};
use crate::access::Origin;
use crate::access::{AccessEngine, AccessOptions};
use crate::community::Community;
use crate::error::{Error, Result, Warning};
use crate::geodesy;
use crate::units::{Metres, MetresOrZero, MetresPerSecond};

/// One polygon per limit, with what it contains.
struct Area {
    lonlat: geo::MultiPolygon<f64>,
    area_m2: f64,
    households: f64,
    population: f64,
    buildings: usize,
}

/// Builds the nested polygons of `sources` for every limit of `p` in a
/// tangent plane around `centre`, and counts the homes whose centroid lies
/// inside each.
fn build_areas(
    engine: &AccessEngine,
    homes: &[Origin],
    sources: Vec<Source>,
    centre: Point<f64>,
    p: &AreaParams,
) -> Vec<Area> {
    let limits = p.limits_m();
    let max = limits.last().copied().unwrap_or(0.0);
    let reach = ReachableNetwork::new(engine.network(), sources, max);
    let shaper = Shaper::new(centre, p.buffer_m, p.arc_tolerance_m);
    let increments = if reach.sources().is_empty() {
        vec![Vec::new(); limits.len()]
    } else {
        reach.increments(&limits)
    };
    let planar = shaper.nested(&increments);
    let home_xy: Vec<Option<geo::Coord<f64>>> = homes
        .iter()
        .map(|h| h.centroid.map(|pt| shaper.project(pt.0)))
        .collect();
    planar
        .iter()
        .map(|mp| {
            let index = RingIndex::new(mp);
            let (mut households, mut population, mut buildings) = (0.0, 0.0, 0);
            for (h, xy) in homes.iter().zip(&home_xy) {
                if xy.is_some_and(|c| index.contains(c)) {
                    households += h.households;
                    population += h.population;
                    buildings += 1;
                }
            }
            let lonlat = shaper.unproject_polygon(mp);
            Area {
                area_m2: geodesy::area_m2(&lonlat),
                lonlat,
                households,
                population,
                buildings,
            }
        })
        .collect()
}

fn collection(
    areas: Vec<Area>,
    p: &AreaParams,
    homes: &[Origin],
    reached: Option<(&str, &[f64])>,
    warnings: Vec<Warning>,
) -> AreaCollection {
    let features = areas
        .into_iter()
        .zip(&p.minutes)
        .map(|(a, &minutes)| {
            let distance_m = minutes * 60.0 * p.walk_speed_mps;
            let (households_reached, population_reached) = match reached {
                Some((_, network_m)) => {
                    let (mut hh, mut pop) = (0.0, 0.0);
                    for (h, d) in homes.iter().zip(network_m) {
                        if *d <= distance_m {
                            hh += h.households;
                            pop += h.population;
                        }
                    }
                    (Some(hh), Some(pop))
                }
                None => (None, None),
            };
            AreaFeature {
                kind: "Feature",
                geometry: MultiPolygonGeometry::from_geo(&a.lonlat),
                properties: AreaProperties {
                    minutes,
                    distance_m,
                    area_m2: a.area_m2,
                    households: a.households,
                    population: a.population,
                    buildings: a.buildings,
                    households_reached,
                    population_reached,
                    category: reached.map(|r| r.0.to_string()),
                },
            }
        })
        .collect();
    AreaCollection {
        kind: "FeatureCollection",
        features,
        origin: None,
        facilities: None,
        walk_speed_mps: p.walk_speed_mps,
        buffer_m: p.buffer_m,
        total_households: homes.iter().map(|h| h.households).sum(),
        total_population: homes.iter().map(|h| h.population).sum(),
        warnings,
    }
}

/// Isochrones from one point or facility: one nested (Multi)Polygon per
/// limit (see the [module docs](super)).
///
/// Errors on invalid options and on an unknown `facilityId`. An origin
/// farther than `maxSnapM` from the network gives empty polygons and an
/// `ORIGIN_NOT_ON_NETWORK` warning.
pub fn isochrones(community: &Community, options: &IsochroneOptions) -> Result<AreaCollection> {
    let (origin, p) = options.resolve()?;
    let engine = community.access_engine()?;
    let ds = community.dataset();
    let (point, facility) = match origin {
        IsochroneOrigin::Point([lon, lat]) => (Point::new(*lon, *lat), None),
        IsochroneOrigin::Facility(f) => {
            let found = ds
                .facilities
                .iter()
                .find(|x| x.id.as_deref() == Some(f.facility_id.as_str()))
                .ok_or_else(|| Error::NotFound {
                    what: "facility",
                    name: f.facility_id.clone(),
                })?;
            (found.location, Some(found))
        }
    };
    let mut warnings = Vec::new();
    let snap = engine.network().snap(point);
    let on_network = snap.is_some_and(|s| s.connector_m <= p.max_snap_m);
    if !on_network {
        let why = match snap {
            Some(s) => format!(
                "{:.1} m from the walking network (maxSnapM = {} m)",
                s.connector_m, p.max_snap_m
            ),
            None => "there is no walking network".to_string(),
        };
        let message = format!("the isochrone origin is off the network: {why}; polygons are empty");
        warnings.push(match facility {
            Some(f) => Warning::feature("ORIGIN_NOT_ON_NETWORK", f.feature_index, message),
            None => Warning::global("ORIGIN_NOT_ON_NETWORK", message),
        });
    }
    let sources: Vec<Source> = snap
        .filter(|_| on_network)
        .map(|snap| Source { point, snap })
        .into_iter()
        .collect();
    let homes = engine.origins();
    let areas = build_areas(engine, homes, sources, point, &p);
    let mut out = collection(areas, &p, homes, None, warnings);
    out.origin = Some(OriginInfo {
        point: [point.x(), point.y()],
        facility_id: facility.and_then(|f| f.id.clone()),
        feature_index: facility.map(|f| f.feature_index),
        access_point: snap.map(|s| [s.point.x(), s.point.y()]),
        connector_m: snap.map(|s| s.connector_m),
        on_network,
    });
    Ok(out)
}

/// Service areas of a category: for every limit, the union of the areas
/// reachable from all its facilities (one multi-source search), with the
/// households inside and the households reached along the network.
///
/// Errors on invalid options. Facilities farther than `maxSnapM` from the
/// network are left out (`FACILITY_NOT_ON_NETWORK`); a category without
/// facilities gives empty polygons (`EMPTY_CATEGORY`).
pub fn service_areas(
    community: &Community,
    options: &ServiceAreaOptions,
) -> Result<AreaCollection> {
    let (category, p) = options.resolve()?;
    let engine = community.access_engine()?;
    let mut warnings = Vec::new();
    let (_, sources) = Source::facilities(
        engine,
        category,
        p.max_snap_m,
        &mut warnings,
        "the service areas are empty",
    );
    let centre = if sources.is_empty() {
        Point::new(0.0, 0.0)
    } else {
        let n = sources.len() as f64;
        let (sx, sy) = sources
            .iter()
            .fold((0.0, 0.0), |a, s| (a.0 + s.point.x(), a.1 + s.point.y()));
        Point::new(sx / n, sy / n)
    };
    let homes = engine.origins();
    let access = AccessOptions {
        categories: Some(vec![category.to_string()]),
        thresholds_m: Some(
            p.limits_m()
                .into_iter()
                .map(|m| Metres::checked(m, "minutes"))
                .collect::<Result<_>>()?,
        ),
        walk_speed_mps: Some(MetresPerSecond::checked(p.walk_speed_mps, "walkSpeedMps")?),
        max_snap_m: Some(MetresOrZero::checked(p.max_snap_m, "maxSnapM")?),
        opportunities: Some(false),
        ..AccessOptions::default()
    };
    let columns = engine.accessibility_columns(&access)?;
    let network_m: Vec<f64> = columns
        .categories
        .get(category)
        .map(|c| c.network_m.clone())
        .unwrap_or_else(|| vec![f64::NAN; homes.len()]);
    let used = sources.len();
    let areas = build_areas(engine, homes, sources, centre, &p);
    let mut out = collection(areas, &p, homes, Some((category, &network_m)), warnings);
    out.facilities = Some(used);
    Ok(out)
}
