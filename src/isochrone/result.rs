//! Result types of the area queries: GeoJSON FeatureCollections with typed
//! properties, serialised with camelCase keys.

use geo::{LineString, MultiPolygon};
use serde::Serialize;

use crate::error::Warning;

/// A GeoJSON MultiPolygon geometry (`coordinates` in lon/lat degrees).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct MultiPolygonGeometry {
    /// Always `"MultiPolygon"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Polygons → rings (exterior first, then holes) → `[lon, lat]`.
    pub coordinates: Vec<Vec<Vec<[f64; 2]>>>,
}

impl MultiPolygonGeometry {
    /// The GeoJSON form of a lon/lat multipolygon; exteriors are written
    /// counter-clockwise and holes clockwise (RFC 7946).
    pub fn from_geo(mp: &MultiPolygon<f64>) -> Self {
        use geo::orient::{Direction, Orient};
        let oriented = mp.orient(Direction::Default);
        let ring = |r: &LineString<f64>| r.0.iter().map(|c| [c.x, c.y]).collect();
        MultiPolygonGeometry {
            kind: "MultiPolygon",
            coordinates: oriented
                .0
                .iter()
                .map(|p| {
                    std::iter::once(p.exterior())
                        .chain(p.interiors())
                        .map(ring)
                        .collect()
                })
                .collect(),
        }
    }

    /// Back to a `geo` multipolygon.
    pub fn to_geo(&self) -> MultiPolygon<f64> {
        let ring = |r: &Vec<[f64; 2]>| -> LineString<f64> {
            r.iter().map(|c| geo::Coord { x: c[0], y: c[1] }).collect()
        };
        MultiPolygon::new(
            self.coordinates
                .iter()
                .filter_map(|p| {
                    let (ext, holes) = p.split_first()?;
                    Some(geo::Polygon::new(
                        ring(ext),
                        holes.iter().map(ring).collect(),
                    ))
                })
                .collect(),
        )
    }

    /// Number of positions over all rings.
    pub fn vertex_count(&self) -> usize {
        self.coordinates.iter().flatten().map(Vec::len).sum()
    }
}

/// Properties of one area polygon.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AreaProperties {
    /// The walking-time limit, minutes.
    pub minutes: f64,
    /// The same limit as walking distance, metres (minutes × 60 × speed).
    pub distance_m: f64,
    /// Geodesic area of the polygon (holes excluded), m².
    pub area_m2: f64,
    /// Households of the residential (and mixed-use) buildings whose
    /// centroid lies inside the polygon.
    pub households: f64,
    /// Residents of those buildings.
    pub population: f64,
    /// Number of those buildings.
    pub buildings: usize,
    /// Service areas: households whose network walking distance to the
    /// nearest facility of the category is within the limit (the
    /// accessibility coverage definition, gates respected).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub households_reached: Option<f64>,
    /// Service areas: residents reached in the same sense.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population_reached: Option<f64>,
    /// Service areas: the facility category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

/// One area polygon as a GeoJSON Feature.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct AreaFeature {
    /// Always `"Feature"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The polygon (an empty `coordinates` list when nothing is reachable).
    pub geometry: MultiPolygonGeometry,
    /// What it covers.
    pub properties: AreaProperties,
}

/// Where an isochrone starts and how it meets the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct OriginInfo {
    /// The start position `[lon, lat]`.
    pub point: [f64; 2],
    /// The facility id, when the start is a facility.
    pub facility_id: Option<String>,
    /// Its feature index, when the start is a facility.
    pub feature_index: Option<usize>,
    /// The access point on the network `[lon, lat]`, if any.
    pub access_point: Option<[f64; 2]>,
    /// Length of the straight connector to the access point, metres.
    pub connector_m: Option<f64>,
    /// Whether the start is within `maxSnapM` of the network (otherwise
    /// every polygon is empty).
    pub on_network: bool,
}

/// The result of `isochrones` / `serviceAreas`: a GeoJSON FeatureCollection
/// (one feature per limit, ascending, nested) with foreign members.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AreaCollection {
    /// Always `"FeatureCollection"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// One feature per limit, smallest first.
    pub features: Vec<AreaFeature>,
    /// Isochrones: the start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<OriginInfo>,
    /// Service areas: facilities of the category used as sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facilities: Option<usize>,
    /// Walking speed used, m/s.
    pub walk_speed_mps: f64,
    /// Buffer used, metres.
    pub buffer_m: f64,
    /// Total households of all residential buildings (the denominator
    /// for shares).
    pub total_households: f64,
    /// Total residents of all residential buildings.
    pub total_population: f64,
    /// Problems met (origin off the network, facilities skipped ...).
    pub warnings: Vec<Warning>,
}
