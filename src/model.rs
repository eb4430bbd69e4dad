//! The validated in-memory model of one community dataset.
//!
//! Produced once by [`crate::input`], read by every indicator. Geometries are
//! WGS84 lon/lat (`x` = longitude, `y` = latitude) after any CRS conversion;
//! all coordinates are finite and in range. Every item keeps the index of the
//! feature it came from so results and warnings can point back to the input.

use geo::{MultiLineString, MultiPolygon, Point};
use serde::{Deserialize, Serialize};

use crate::error::Warning;

/// What a building is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum BuildingUse {
    /// Housing.
    Residential,
    /// Shops, offices, hotels.
    Commercial,
    /// Schools, clinics, civic buildings.
    Public,
    /// Housing with other uses (counts as an origin of trips).
    Mixed,
    /// Anything else (sheds, industry, unknown).
    Other,
}

impl BuildingUse {
    /// Parses the `use` property value; `None` for unknown values.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "residential" => Some(Self::Residential),
            "commercial" => Some(Self::Commercial),
            "public" => Some(Self::Public),
            "mixed" => Some(Self::Mixed),
            "other" => Some(Self::Other),
            _ => None,
        }
    }

    /// Whether people live here, so the building is an origin of walking trips.
    pub fn is_residential(self) -> bool {
        matches!(self, Self::Residential | Self::Mixed)
    }

    /// Lowercase name as used in the input schema.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Residential => "residential",
            Self::Commercial => "commercial",
            Self::Public => "public",
            Self::Mixed => "mixed",
            Self::Other => "other",
        }
    }
}

/// Where a green area lies, which decides how it counts toward the green ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum GreenType {
    /// Green on the ground: counts in full (clipped to the site).
    Ground,
    /// Roof garden, or green over a basement (`over_basement`): counts by
    /// its soil depth at the profile's factor table (or its single roof factor).
    Roof,
    /// Vertical (wall) greening: counts at the profile's vertical factor.
    Vertical,
}

impl GreenType {
    /// Parses the `green_type` property value; `None` for unknown values.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ground" => Some(Self::Ground),
            "roof" | "over_basement" => Some(Self::Roof),
            "vertical" => Some(Self::Vertical),
            _ => None,
        }
    }

    /// Lowercase name as used in the input schema.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ground => "ground",
            Self::Roof => "roof",
            Self::Vertical => "vertical",
        }
    }
}

/// A building footprint.
#[derive(Debug, Clone)]
pub struct Building {
    /// Index of the source feature.
    pub feature_index: usize,
    /// Feature id (`id` member or `properties.id`), if any.
    pub id: Option<String>,
    /// Footprint (lon/lat).
    pub footprint: MultiPolygon<f64>,
    /// Number of storeys above ground, when known (explicit or from height).
    pub floors: Option<f64>,
    /// Height above ground (m), when given.
    pub height_m: Option<f64>,
    /// Use class.
    pub building_use: BuildingUse,
    /// Households living here (0 for non-residential uses).
    pub households: f64,
    /// Residents; estimated from households when not given.
    pub population: f64,
    /// Gross floor area when given explicitly (m²).
    pub floor_area_m2: Option<f64>,
    /// Whether households were estimated (not given in the input).
    pub households_estimated: bool,
}

/// A service facility (school, clinic, bus stop ...).
#[derive(Debug, Clone)]
pub struct Facility {
    /// Index of the source feature.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Category, e.g. `kindergarten`, `clinic`, `bus_stop`.
    pub category: String,
    /// Display name, if any.
    pub name: Option<String>,
    /// Representative point (the point itself, or the polygon centroid).
    pub location: Point<f64>,
    /// Outline when the facility was given as an area.
    pub area: Option<MultiPolygon<f64>>,
    /// Gross floor area (m²), when given.
    pub floor_area_m2: Option<f64>,
    /// Supply for 2SFCA (places, beds ...); 1 when not given.
    pub capacity: f64,
}

/// A road or path.
#[derive(Debug, Clone)]
pub struct Road {
    /// Index of the source feature.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Centre line(s), lon/lat.
    pub lines: MultiLineString<f64>,
    /// Whether pedestrians may use it.
    pub walkable: bool,
}

/// A green area.
#[derive(Debug, Clone)]
pub struct Green {
    /// Index of the source feature.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Outline, lon/lat.
    pub area: MultiPolygon<f64>,
    /// Ground, roof or vertical.
    pub green_type: GreenType,
    /// Whether it is open to the public (counts toward public green per capita).
    pub public: bool,
    /// Explicit area (m²) that overrides the outline's area, e.g. the wall
    /// area of vertical greening.
    pub area_m2: Option<f64>,
    /// Soil depth of a roof or over-basement green, m (`soil_depth_m`).
    pub soil_depth_m: Option<f64>,
}

/// A site boundary (one evaluated community).
#[derive(Debug, Clone)]
pub struct Boundary {
    /// Index of the source feature (`None` when synthesised from buildings).
    pub feature_index: Option<usize>,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Display name, if any.
    pub name: Option<String>,
    /// Outline, lon/lat.
    pub area: MultiPolygon<f64>,
}

/// An entrance of a gated compound (小区出入口).
#[derive(Debug, Clone)]
pub struct Gate {
    /// Index of the source feature.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Position, lon/lat.
    pub location: Point<f64>,
}

/// A gated compound: buildings inside reach the network only via its gates.
#[derive(Debug, Clone)]
pub struct Compound {
    /// Index of the source feature.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Outline, lon/lat.
    pub area: MultiPolygon<f64>,
}

/// A point of interest outside the site used by travel circles (city
/// centre, hospital, station).
#[derive(Debug, Clone)]
pub struct Destination {
    /// Index of the source feature.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Category, e.g. `city_centre`, `hospital`, `station`.
    pub category: String,
    /// Display name, if any.
    pub name: Option<String>,
    /// Position, lon/lat.
    pub location: Point<f64>,
}

/// A public transport line used for the 30-minute circle.
#[derive(Debug, Clone)]
pub struct TransitLine {
    /// Index of the source feature.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Mode, e.g. `metro`, `bus`.
    pub mode: String,
    /// Route geometry, lon/lat.
    pub lines: MultiLineString<f64>,
    /// Average running speed (km/h), when given.
    pub speed_kmh: Option<f64>,
    /// Time between vehicles (minutes), when given.
    pub headway_min: Option<f64>,
}

/// A stop of a transit line.
#[derive(Debug, Clone)]
pub struct TransitStop {
    /// Index of the source feature.
    pub feature_index: usize,
    /// Feature id, if any.
    pub id: Option<String>,
    /// Id of the line it serves, when given.
    pub line: Option<String>,
    /// Position, lon/lat.
    pub location: Point<f64>,
}

/// The kind of project, which can change an indicator's target and which
/// floor area may be left out of the policy FAR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum ProjectType {
    /// 改造更新: renewal of an existing area.
    Renovation,
    /// 规划新建: new development.
    NewBuild,
}

/// Why floor area of a building is left out of the policy FAR (the kinds
/// the Hangzhou 2019 seed names; which project types may use each is a
/// profile parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FarExemptReason {
    /// The greened part of sky-garden balconies (空中花园阳台的绿化部分).
    SkyGardenGreen,
    /// Disaster-safety passages (防灾安全通道).
    SafetyPassage,
    /// Stilt (open ground) floors (架空空间).
    StiltFloor,
    /// Public open space (公共开敞空间).
    PublicOpenSpace,
}

impl FarExemptReason {
    /// Every reason, in order.
    pub const ALL: [FarExemptReason; 4] = [
        FarExemptReason::SkyGardenGreen,
        FarExemptReason::SafetyPassage,
        FarExemptReason::StiltFloor,
        FarExemptReason::PublicOpenSpace,
    ];

    /// The property value, e.g. `"sky_garden_green"`.
    pub fn as_str(self) -> &'static str {
        match self {
            FarExemptReason::SkyGardenGreen => "sky_garden_green",
            FarExemptReason::SafetyPassage => "safety_passage",
            FarExemptReason::StiltFloor => "stilt_floor",
            FarExemptReason::PublicOpenSpace => "public_open_space",
        }
    }

    /// Parses a `far_exempt_reason` value; `None` for unknown values.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Floor area of one building declared as left out of the policy FAR
/// (`far_exempt_m2` with `far_exempt_reason`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FarExemption {
    /// Feature index of the building.
    pub feature_index: usize,
    /// Floor area left out, m².
    pub area_m2: f64,
    /// Why.
    pub reason: FarExemptReason,
}

/// The whole validated dataset.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Number of features in the input (classified or not).
    pub feature_count: usize,
    /// Site boundaries (evaluated communities).
    pub boundaries: Vec<Boundary>,
    /// Buildings.
    pub buildings: Vec<Building>,
    /// Facilities.
    pub facilities: Vec<Facility>,
    /// Roads and paths.
    pub roads: Vec<Road>,
    /// Green areas.
    pub greens: Vec<Green>,
    /// Gates of gated compounds.
    pub gates: Vec<Gate>,
    /// Gated compounds.
    pub compounds: Vec<Compound>,
    /// Destinations for travel circles.
    pub destinations: Vec<Destination>,
    /// Transit lines.
    pub transit_lines: Vec<TransitLine>,
    /// Transit stops.
    pub transit_stops: Vec<TransitStop>,
    /// Declared FAR exemptions of buildings.
    pub far_exemptions: Vec<FarExemption>,
    /// Where each source's features are (one entry per source read).
    pub sources: Vec<crate::input::SourceInfo>,
    /// Problems found while reading the input.
    pub warnings: Vec<Warning>,
    /// Each feature's own id, geometry type and properties as in the
    /// input, by feature index; only with `keepProperties` (else empty).
    pub source_features: std::sync::Arc<Vec<Option<SourceFeature>>>,
}

/// One input feature as it was written, kept for an info panel.
#[derive(Debug, Clone)]
pub struct SourceFeature {
    /// The feature id (the `id` member, else `properties.id`), as text.
    pub id: Option<String>,
    /// The GeoJSON geometry type, if it has a geometry.
    pub geometry_type: Option<String>,
    /// The `properties` object's JSON text, if it is an object.
    pub properties: Option<Box<serde_json::value::RawValue>>,
}
