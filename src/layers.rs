//! Map layers of a community: slim GeoJSON FeatureCollections by kind, in
//! WGS84 after any CRS conversion, of what the reader understood. Front
//! ends draw these instead of reading the input a second time, so the map
//! shows exactly what the indicators count (raw OpenStreetMap tags already
//! classified, several sources already merged, GCJ-02 / BD-09 already
//! converted). Properties carry the feature index to join on and only what
//! a map or an info panel needs.

use geo::{LineString, MultiLineString, MultiPolygon, Point};
use serde::Serialize;

use crate::community::Community;
use crate::isochrone::MultiPolygonGeometry;

/// A GeoJSON geometry of a layer feature.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(tag = "type")]
pub enum LayerGeometry {
    /// A facility, gate, stop or destination.
    Point {
        /// `[lon, lat]`.
        coordinates: [f64; 2],
    },
    /// A road or a transit line.
    MultiLineString {
        /// Lines → `[lon, lat]`.
        coordinates: Vec<Vec<[f64; 2]>>,
    },
    /// A building, green area, compound or boundary.
    MultiPolygon {
        /// Polygons → rings (exterior counter-clockwise first) → `[lon, lat]`.
        coordinates: Vec<Vec<Vec<[f64; 2]>>>,
    },
}

impl LayerGeometry {
    fn point(p: Point<f64>) -> Self {
        LayerGeometry::Point {
            coordinates: [p.x(), p.y()],
        }
    }

    fn lines(m: &MultiLineString<f64>) -> Self {
        let line = |l: &LineString<f64>| l.0.iter().map(|c| [c.x, c.y]).collect();
        LayerGeometry::MultiLineString {
            coordinates: m.0.iter().map(line).collect(),
        }
    }

    fn polygons(m: &MultiPolygon<f64>) -> Self {
        LayerGeometry::MultiPolygon {
            coordinates: MultiPolygonGeometry::from_geo(m).coordinates,
        }
    }
}

/// What a layer feature says about itself (absent members are omitted).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct LayerProperties {
    /// Index of the input feature (over all sources); absent for a site
    /// synthesised from the buildings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_index: Option<usize>,
    /// The layer's kind (`building`, `facility`, ...).
    pub kind: &'static str,
    /// The feature's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its name (facilities, destinations, boundaries).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Facility or destination category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Building use (`residential`, `commercial`, `public`, `mixed`, `other`).
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    pub building_use: Option<&'static str>,
    /// Households of a building (given or estimated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub households: Option<f64>,
    /// Floors of a building, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floors: Option<f64>,
    /// Where a green area lies (`ground`, `roof`, `vertical`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub green_type: Option<&'static str>,
    /// Whether a road is walkable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub walkable: Option<bool>,
    /// Transit mode of a line (`bus`, `metro`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// One feature of a layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct LayerFeature {
    /// Always `"Feature"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Its geometry, lon/lat.
    pub geometry: LayerGeometry,
    /// Its properties.
    pub properties: LayerProperties,
}

/// A GeoJSON FeatureCollection of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct LayerCollection {
    /// Always `"FeatureCollection"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Its features, in input order.
    pub features: Vec<LayerFeature>,
}

impl LayerCollection {
    fn of(features: Vec<LayerFeature>) -> Self {
        LayerCollection {
            kind: "FeatureCollection",
            features,
        }
    }
}

/// Every layer of a community.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Layers {
    /// The sites (boundaries, or the one synthesised from the buildings).
    pub boundary: LayerCollection,
    /// Buildings.
    pub building: LayerCollection,
    /// Facilities, as points.
    pub facility: LayerCollection,
    /// Roads and paths.
    pub road: LayerCollection,
    /// Green areas.
    pub green: LayerCollection,
    /// Gates of gated compounds.
    pub gate: LayerCollection,
    /// Gated compounds.
    pub compound: LayerCollection,
    /// City destinations (30-minute circle).
    pub destination: LayerCollection,
    /// Transit lines.
    pub transit_line: LayerCollection,
    /// Transit stops.
    pub transit_stop: LayerCollection,
}

impl Layers {
    /// Every layer with its JS name, in the order of the struct.
    pub fn named(&self) -> [(&'static str, &LayerCollection); 10] {
        [
            ("boundary", &self.boundary),
            ("building", &self.building),
            ("facility", &self.facility),
            ("road", &self.road),
            ("green", &self.green),
            ("gate", &self.gate),
            ("compound", &self.compound),
            ("destination", &self.destination),
            ("transitLine", &self.transit_line),
            ("transitStop", &self.transit_stop),
        ]
    }
}

fn feature(geometry: LayerGeometry, properties: LayerProperties) -> LayerFeature {
    LayerFeature {
        kind: "Feature",
        geometry,
        properties,
    }
}

fn props(kind: &'static str, feature_index: usize, id: &Option<String>) -> LayerProperties {
    LayerProperties {
        feature_index: Some(feature_index),
        kind,
        id: id.clone(),
        ..LayerProperties::default()
    }
}

/// The layers of `community`.
pub fn layers(community: &Community) -> Layers {
    let ds = community.dataset();
    let boundary = community
        .sites()
        .iter()
        .map(|b| {
            let p = LayerProperties {
                feature_index: b.feature_index,
                kind: "boundary",
                id: b.id.clone(),
                name: b.name.clone(),
                ..LayerProperties::default()
            };
            feature(LayerGeometry::polygons(&b.area), p)
        })
        .collect();
    let building = ds
        .buildings
        .iter()
        .map(|b| {
            let p = LayerProperties {
                building_use: Some(b.building_use.as_str()),
                households: Some(b.households).filter(|h| h.is_finite()),
                floors: b.floors.filter(|f| f.is_finite()),
                ..props("building", b.feature_index, &b.id)
            };
            feature(LayerGeometry::polygons(&b.footprint), p)
        })
        .collect();
    let facility = ds
        .facilities
        .iter()
        .map(|f| {
            let p = LayerProperties {
                name: f.name.clone(),
                category: Some(f.category.clone()),
                ..props("facility", f.feature_index, &f.id)
            };
            feature(LayerGeometry::point(f.location), p)
        })
        .collect();
    let road = ds
        .roads
        .iter()
        .map(|r| {
            let p = LayerProperties {
                walkable: Some(r.walkable),
                ..props("road", r.feature_index, &r.id)
            };
            feature(LayerGeometry::lines(&r.lines), p)
        })
        .collect();
    let green = ds
        .greens
        .iter()
        .map(|g| {
            let p = LayerProperties {
                green_type: Some(g.green_type.as_str()),
                ..props("green", g.feature_index, &g.id)
            };
            feature(LayerGeometry::polygons(&g.area), p)
        })
        .collect();
    let gate = ds
        .gates
        .iter()
        .map(|g| {
            feature(
                LayerGeometry::point(g.location),
                props("gate", g.feature_index, &g.id),
            )
        })
        .collect();
    let compound = ds
        .compounds
        .iter()
        .map(|c| {
            feature(
                LayerGeometry::polygons(&c.area),
                props("compound", c.feature_index, &c.id),
            )
        })
        .collect();
    let destination = ds
        .destinations
        .iter()
        .map(|d| {
            let p = LayerProperties {
                name: d.name.clone(),
                category: Some(d.category.clone()),
                ..props("destination", d.feature_index, &d.id)
            };
            feature(LayerGeometry::point(d.location), p)
        })
        .collect();
    let transit_line = ds
        .transit_lines
        .iter()
        .map(|l| {
            let p = LayerProperties {
                mode: Some(l.mode.clone()),
                ..props("transit_line", l.feature_index, &l.id)
            };
            feature(LayerGeometry::lines(&l.lines), p)
        })
        .collect();
    let transit_stop = ds
        .transit_stops
        .iter()
        .map(|s| {
            feature(
                LayerGeometry::point(s.location),
                props("transit_stop", s.feature_index, &s.id),
            )
        })
        .collect();
    Layers {
        boundary: LayerCollection::of(boundary),
        building: LayerCollection::of(building),
        facility: LayerCollection::of(facility),
        road: LayerCollection::of(road),
        green: LayerCollection::of(green),
        gate: LayerCollection::of(gate),
        compound: LayerCollection::of(compound),
        destination: LayerCollection::of(destination),
        transit_line: LayerCollection::of(transit_line),
        transit_stop: LayerCollection::of(transit_stop),
    }
}
