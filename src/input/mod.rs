//! Reading GeoJSON into the validated [`crate::model::Dataset`].
//!
//! One pass: split the FeatureCollection, parse each feature, convert and
//! check its geometry, classify it (by `properties.kind`, else by OSM tags
//! through [`mapping::OsmMapping`]), then fill in what the input left out
//! (building use from landuse areas, households and population estimates)
//! and report every skip or estimate as a [`Warning`].

pub mod amap;
pub mod attributes;
pub mod baidu;
pub mod classify;
pub mod crs;
pub mod csv;
pub mod detect;
pub mod fields;
#[cfg(test)]
mod fixtures;
pub mod geojson;
pub mod geometry;
pub mod mapping;
pub mod poi;
pub mod rings;
pub mod shapefile;
pub mod sources;
pub mod values;

use geo::Centroid;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, Result, Warning};
use crate::geodesy;
use crate::model::{Dataset, SourceFeature};
use crate::spatial::place_points;
use classify::Classifier;
use crs::Crs;
use mapping::OsmMapping;
use poi::PoiMappings;

/// Options for [`read`]. Field names follow the JS API (camelCase).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "FromGeoJSONOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ReadOptions {
    /// Coordinate system of the input (`wgs84`, `gcj02`, `bd09`); when
    /// absent, each source's format decides (GCJ-02 for Amap, BD-09 for
    /// Baidu, WGS84 otherwise).
    pub crs: Option<Crs>,
    /// A replacement OSM tag mapping (the whole document); `None` = built-in.
    pub osm_mapping: Option<OsmMapping>,
    /// Fail on the first invalid feature instead of skipping it with a warning.
    pub strict: bool,
    /// Largest accepted input, in bytes of JSON text.
    pub max_bytes: usize,
    /// Largest accepted number of features.
    pub max_features: usize,
    /// Largest accepted total number of positions.
    pub max_vertices: usize,
    /// Keep every feature's own properties as written (for an info panel:
    /// `Community.featureProperties(i)`); costs memory about the size of
    /// the properties' text. Default `false`.
    pub keep_properties: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            crs: None,
            osm_mapping: None,
            strict: false,
            max_bytes: 512 * 1024 * 1024,
            max_features: 5_000_000,
            max_vertices: 50_000_000,
            keep_properties: false,
        }
    }
}

/// Text (ids, names, categories) copied into the model may exceed the
/// input's own size by this much: only multi-point features with long
/// properties come near it, and memory stays proportional to the input.
const COPY_ALLOWANCE: usize = 16 * 1024 * 1024;

fn count_vertices(g: &geometry::Geom) -> usize {
    use geo::CoordsIter;
    match g {
        geometry::Geom::Points(p) => p.len(),
        geometry::Geom::Lines(l) => l.coords_count(),
        geometry::Geom::Polygons(p) => p.coords_count(),
    }
}

pub use detect::{Format, SourceData};
pub use sources::{Source, SourceInfo};

/// Reads a GeoJSON FeatureCollection (or a single Feature, or a bare
/// geometry) from text.
///
/// # Errors
/// `INVALID_JSON`, `NOT_FEATURE_COLLECTION`, `COORDINATE_OUT_OF_RANGE`,
/// `PROJECTED_COORDINATES`, `LIMIT_EXCEEDED`, `INVALID_OPTION`, and with
/// `strict` also `INVALID_GEOMETRY`. Everything else is a warning.
pub fn read(text: &str, options: &ReadOptions) -> Result<Dataset> {
    read_sources(&[Source::text(text)], options)
}

/// Reads several sources into one dataset (the layers of one OSM export,
/// POIs and footprints from different offices), each in its own format
/// and coordinate system, classified together (a building takes the use
/// of a landuse area of another source). Dataset feature indices run on
/// across the sources (`Dataset::sources` says where each starts); with
/// several sources every warning about a feature also carries its `source`
/// and its index in that source, and an error says which source it is in
/// ([`Error::InSource`]). Limits apply to the sum of all sources.
///
/// # Errors
/// As [`read`]; `EMPTY_INPUT` for no source at all; `UNSUPPORTED_FORMAT`
/// and `API_ERROR_REPLY` (see [`sources::prepare`]).
pub fn read_sources(sources: &[Source<'_>], options: &ReadOptions) -> Result<Dataset> {
    if sources.is_empty() {
        return Err(Error::EmptyInput {
            reason: "no source was given".into(),
        });
    }
    let several = sources.len() > 1;
    let in_source = |s: usize, e: Error| -> Error {
        if several {
            Error::InSource {
                source_index: s,
                name: sources[s].name.clone(),
                inner: Box::new(e),
            }
        } else {
            e
        }
    };
    let too_large = |s: usize, what: &'static str, actual: usize, limit: usize| {
        in_source(
            s,
            Error::LimitExceeded {
                what,
                actual,
                limit,
            },
        )
    };
    let mut total_bytes = 0usize;
    let mut prepared = Vec::with_capacity(sources.len());
    for (s, src) in sources.iter().enumerate() {
        total_bytes = total_bytes.saturating_add(src.data.len());
        if total_bytes > options.max_bytes {
            return Err(too_large(s, "bytes", total_bytes, options.max_bytes));
        }
        prepared.push(sources::prepare(src, s, options).map_err(|e| in_source(s, e))?);
    }
    let mut per_source = Vec::with_capacity(sources.len());
    let mut infos = Vec::with_capacity(sources.len());
    let mut early_warnings = Vec::new();
    let mut total = 0usize;
    let mut bare = vec![false; sources.len()];
    for (s, p) in prepared.iter().enumerate() {
        let split = geojson::split(&p.text).map_err(|e| in_source(s, e))?;
        if split.single {
            early_warnings.push(Warning::global(
                "SINGLE_FEATURE",
                "the input is a single Feature, not a FeatureCollection; read as a collection of one",
            ));
        }
        if let Some(kind) = &split.bare {
            let mut w = Warning::global(
                "BARE_GEOMETRY",
                format!(
                    "the input is a bare `{kind}` geometry, not a Feature or FeatureCollection; \
                     read as one feature without properties (wrap it in a Feature whose \
                     `properties.kind` says what it is)"
                ),
            );
            w.source = Some(s);
            early_warnings.push(w);
            bare[s] = true;
        }
        let first = total;
        early_warnings.extend(p.warnings.iter().cloned().map(|mut w| {
            w.feature_index = w.feature_index.map(|i| i + first);
            w
        }));
        infos.push(SourceInfo {
            name: sources[s].name.clone(),
            format: p.format,
            crs: p.crs,
            first_feature_index: first,
            feature_count: split.features.len(),
            declared: split.declared,
        });
        total += split.features.len();
        if total > options.max_features {
            return Err(too_large(s, "features", total, options.max_features));
        }
        per_source.push(split.features);
    }
    if let Some(w) = sources::mixed_crs(&infos) {
        early_warnings.push(w);
    }
    let builtin;
    let mapping = match &options.osm_mapping {
        Some(m) => {
            m.assumptions.check()?;
            m
        }
        None => {
            builtin = OsmMapping::builtin()?;
            &builtin
        }
    };
    let pois = PoiMappings::builtin()?;
    let mut c = Classifier::new(mapping, total);
    c.pois = Some(&pois);
    c.ds.warnings = early_warnings;
    if options.keep_properties {
        c.ds.source_features = std::sync::Arc::new(vec![None; total]);
    }
    c.copy_limit = total_bytes.saturating_add(COPY_ALLOWANCE);
    let mut vertices = 0usize;
    let mut seen_ids = std::collections::HashSet::new();
    // Property names per source, for FIELDS_NOT_USED (CSV reports its
    // own columns; Amap and Baidu replies are converted with known keys).
    let mut field_names: Vec<Option<fields::FieldNames>> = infos
        .iter()
        .map(|i| {
            matches!(i.format, Format::Geojson | Format::Shapefile)
                .then(fields::FieldNames::default)
        })
        .collect();
    let all = per_source.iter().enumerate().flat_map(|(s, raws)| {
        let first = infos[s].first_feature_index;
        raws.iter()
            .enumerate()
            .map(move |(i, raw)| (s, first + i, raw))
    });
    for (s, index, raw) in all {
        let crs = infos[s].crs;
        let parsed = if bare[s] {
            geojson::bare_feature(raw, index)
        } else {
            geojson::parse_feature(raw, index)
        };
        let feature = match parsed {
            Ok(f) => f,
            Err(e) if !options.strict => {
                c.ds.warnings
                    .push(Warning::feature("INVALID_FEATURE", index, e.to_string()));
                continue;
            }
            Err(e) => return Err(in_source(s, e)),
        };
        if !feature.is_feature() {
            c.ds.warnings.push(Warning::feature(
                "NOT_A_FEATURE",
                index,
                "member of `features` is not of type Feature; skipped",
            ));
            continue;
        }
        if options.keep_properties {
            keep_source_feature(&mut c.ds, index, raw, &feature);
        }
        if let (Some(names), Some(props)) = (&mut field_names[s], &feature.properties) {
            names.note(props);
        }
        let Some(raw_geom) = &feature.geometry else {
            let local = index - infos[s].first_feature_index;
            if prepared[s].reported.binary_search(&local).is_ok() {
                continue;
            }
            c.ds.warnings.push(Warning::feature(
                "NO_GEOMETRY",
                index,
                "feature has no geometry; skipped",
            ));
            continue;
        };
        let geom = match geometry::convert(raw_geom, index, crs, &mut c.ds.warnings) {
            Ok(Some(g)) => g,
            // Every polygon enclosed no area (already reported as ZERO_AREA).
            Ok(None) if !options.strict => continue,
            Ok(None) => {
                return Err(in_source(
                    s,
                    Error::InvalidGeometry {
                        feature_index: index,
                        reason: "the geometry encloses no area".into(),
                    },
                ))
            }
            Err(e @ Error::InvalidGeometry { .. }) if !options.strict => {
                c.ds.warnings
                    .push(Warning::feature("INVALID_GEOMETRY", index, e.to_string()));
                continue;
            }
            Err(e) => return Err(in_source(s, e)),
        };
        vertices += count_vertices(&geom);
        if vertices > options.max_vertices {
            return Err(too_large(s, "vertices", vertices, options.max_vertices));
        }
        let empty = geojson::Props::default();
        let props = feature.properties.as_ref().unwrap_or(&empty);
        let id = feature.id();
        if let Some(id) = &id {
            // One OSM object can appear as an area in one export and as a
            // line in another: only same-id, same-dimension repeats are dropped.
            if !seen_ids.insert((id.clone(), geom.dimension_name())) {
                c.ds.warnings.push(Warning::feature(
                    "DUPLICATE_ID",
                    index,
                    format!(
                        "a {} feature with id `{id}` was already read; duplicate skipped",
                        geom.dimension_name()
                    ),
                ));
                continue;
            }
        }
        c.add(index, id, props, geom);
        if let Some(e) = c.limit_error.take() {
            return Err(in_source(s, e));
        }
    }
    let read_keys = fields::read_keys(mapping);
    for (s, names) in field_names.iter().enumerate() {
        if let Some(mut w) = names.as_ref().and_then(|n| n.unused_warning(&read_keys)) {
            w.source = Some(s);
            c.ds.warnings.push(w);
        }
    }
    let mut ds = finish(c)?;
    ds.sources = infos;
    annotate_sources(&ds.sources, &mut ds.warnings);
    Ok(ds)
}

/// Records a feature's own id, geometry type and properties text.
fn keep_source_feature(ds: &mut Dataset, index: usize, raw: &RawValue, f: &geojson::RawFeature) {
    // Not shared yet while reading, so this never copies.
    let all = std::sync::Arc::make_mut(&mut ds.source_features);
    if let Some(slot) = all.get_mut(index) {
        *slot = Some(SourceFeature {
            id: f.id(),
            geometry_type: f.geometry.as_ref().map(|g| g.kind.to_string()),
            properties: geojson::properties_text(raw),
        });
    }
}

/// With several sources, gives every warning about a feature its source
/// and its index within that source (warnings that have one keep it).
pub fn annotate_sources(sources: &[SourceInfo], warnings: &mut [Warning]) {
    if sources.len() < 2 {
        return;
    }
    for w in warnings {
        if let (Some(i), None) = (w.feature_index, w.source) {
            let s = sources
                .partition_point(|x| x.first_feature_index <= i)
                .saturating_sub(1);
            if let Some(info) = sources.get(s) {
                w.source = Some(s);
                w.source_feature_index = Some(i.saturating_sub(info.first_feature_index));
            }
        }
    }
}

/// Decides pending building uses from landuse areas, then estimates
/// households and population where the input has none.
fn finish(mut c: Classifier<'_>) -> Result<Dataset> {
    let a = c.mapping.assumptions.clone();
    if !c.pending.is_empty() && !c.landuse.is_empty() {
        // Each pending building takes the use of the first landuse area (in
        // input order) containing its centroid.
        let mut which = Vec::with_capacity(c.pending.len());
        let mut centroids = Vec::with_capacity(c.pending.len());
        for p in &c.pending {
            if let Some(centroid) =
                c.ds.buildings
                    .get(p.building)
                    .and_then(|b| b.footprint.centroid())
            {
                which.push(p.building);
                centroids.push(centroid);
            }
        }
        let placed = place_points(c.landuse.iter().map(|l| &l.area), &centroids);
        for (b, area) in which.iter().zip(&placed.area_of) {
            let landuse = area.and_then(|a| c.landuse.get(a));
            if let (Some(building), Some(l)) = (c.ds.buildings.get_mut(*b), landuse) {
                building.building_use = l.building_use;
            }
        }
        if placed.undecided > 0 {
            c.ds.warnings.push(Warning::global(
                "WORK_LIMIT",
                format!(
                    "the landuse areas overlap too much to test every building against them; \
                     {} buildings keep the use `other`",
                    placed.undecided
                ),
            ));
        }
    }
    let mut households_estimated = 0usize;
    let mut population_estimated = 0usize;
    for b in &mut c.ds.buildings {
        if b.households.is_nan() {
            let residential_share = match b.building_use {
                crate::model::BuildingUse::Residential => 1.0,
                crate::model::BuildingUse::Mixed => a.mixed_residential_share.value,
                _ => 0.0,
            };
            b.households = if residential_share > 0.0 && a.household_floor_area_m2.value > 0.0 {
                households_estimated += 1;
                let floor_area = b.floor_area_m2.unwrap_or_else(|| {
                    geodesy::area_m2(&b.footprint) * b.floors.unwrap_or(a.default_floors.value)
                });
                (residential_share * floor_area / a.household_floor_area_m2.value + 0.5)
                    .floor()
                    .max(1.0)
            } else {
                0.0
            };
        }
        if b.population.is_nan() {
            if b.households > 0.0 {
                population_estimated += 1;
            }
            b.population = b.households * a.persons_per_household.value;
        }
    }
    let estimates = [
        (
            c.floors_defaulted,
            "FLOORS_DEFAULTED",
            format!(
                "{} buildings have no floors or height; assumed {} floors (the mapping's \
                 `assumptions.defaultFloors`, an estimate: give each building `floors`, or set \
                 your own default in `osmMapping`)",
                c.floors_defaulted, a.default_floors.value
            ),
        ),
        (
            households_estimated,
            "HOUSEHOLDS_ESTIMATED",
            format!(
                "{households_estimated} residential buildings have no `households`; estimated as residential floor area / {} m²",
                a.household_floor_area_m2.value
            ),
        ),
        (
            population_estimated,
            "POPULATION_ESTIMATED",
            format!(
                "{population_estimated} buildings have no `population`; estimated as households × {}",
                a.persons_per_household.value
            ),
        ),
    ];
    for (count, code, message) in estimates {
        if count > 0 {
            c.ds.warnings.push(Warning::global(code, message));
        }
    }
    Ok(c.ds)
}
