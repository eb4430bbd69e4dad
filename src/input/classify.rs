//! Classifying one feature into model items, by `properties.kind` (the
//! project's normalized schema) or by raw OpenStreetMap tags.

use geo::{Centroid, MultiPolygon, Point};

use super::geojson::Props;
use super::geometry::Geom;
use super::mapping::{any_matches, value_matches, OsmMapping};
use super::values::{bounded, max, show};
use crate::error::{Error, Warning};
use crate::model::{
    Boundary, Building, BuildingUse, Compound, Dataset, Destination, Facility, FarExemptReason,
    FarExemption, Gate, Green, GreenType, Road, TransitLine, TransitStop,
};

/// A building whose use depends on the landuse areas around it (decided
/// after all features are read).
pub struct PendingUse {
    /// Index into `Dataset::buildings`.
    pub building: usize,
}

/// A `landuse` area that decides the use of unspecific buildings.
pub struct LanduseArea {
    /// The use it implies.
    pub building_use: BuildingUse,
    /// Its outline.
    pub area: MultiPolygon<f64>,
}

/// Mutable state while reading one input.
pub struct Classifier<'m> {
    /// The tag mapping in force.
    pub mapping: &'m OsmMapping,
    /// Tag keys that mark a feature as OSM-tagged.
    pub osm_keys: Vec<String>,
    /// What is being built.
    pub ds: Dataset,
    /// Buildings waiting for a landuse decision.
    pub pending: Vec<PendingUse>,
    /// Landuse areas seen so far.
    pub landuse: Vec<LanduseArea>,
    /// Buildings whose floors came from the default assumption.
    pub floors_defaulted: usize,
    /// Bytes of text copied into items made from multi-point features.
    pub copied_bytes: usize,
    /// Limit on `copied_bytes`: a MultiPoint of many points with long
    /// properties would otherwise multiply its text without bound.
    pub copy_limit: usize,
    /// Set when `copy_limit` was exceeded; the reader then stops.
    pub limit_error: Option<Error>,
    /// The Amap and Baidu POI mappings (`None`: POI properties unmapped).
    pub pois: Option<&'m super::poi::PoiMappings>,
}

fn wrong_geometry(index: usize, kind: &str, expected: &str, geom: &Geom) -> Warning {
    Warning::feature(
        "WRONG_GEOMETRY",
        index,
        format!(
            "`{kind}` needs {expected} geometry, found {}; feature skipped",
            geom.dimension_name()
        ),
    )
}

fn text(props: &Props<'_>, key: &str) -> Option<String> {
    props.text(key).map(|c| c.into_owned())
}

fn representative_points(geom: &Geom) -> Vec<Point<f64>> {
    match geom {
        Geom::Points(p) => p.clone(),
        Geom::Polygons(mp) => mp.centroid().into_iter().collect(),
        Geom::Lines(ml) => ml.centroid().into_iter().collect(),
    }
}

impl<'m> Classifier<'m> {
    /// A classifier for one input.
    pub fn new(mapping: &'m OsmMapping, feature_count: usize) -> Self {
        Classifier {
            osm_keys: mapping.keys(),
            mapping,
            ds: Dataset {
                feature_count,
                ..Dataset::default()
            },
            pending: Vec::new(),
            landuse: Vec::new(),
            floors_defaulted: 0,
            copied_bytes: 0,
            copy_limit: usize::MAX,
            limit_error: None,
            pois: None,
        }
    }

    /// Charges `items` copies of `strings` against the copy limit; `false`
    /// (with `limit_error` set) when the limit is exceeded.
    fn afford(&mut self, items: usize, strings: &[Option<&str>]) -> bool {
        let each: usize = strings.iter().flatten().map(|s| s.len()).sum();
        self.copied_bytes = self.copied_bytes.saturating_add(items.saturating_mul(each));
        if self.copied_bytes <= self.copy_limit {
            return true;
        }
        if self.limit_error.is_none() {
            self.limit_error = Some(Error::LimitExceeded {
                what: "bytes of text copied into multi-point items",
                actual: self.copied_bytes,
                limit: self.copy_limit,
            });
        }
        false
    }

    fn warn(&mut self, w: Warning) {
        self.ds.warnings.push(w);
    }

    /// Classifies one feature with a converted geometry.
    pub fn add(&mut self, index: usize, id: Option<String>, props: &Props<'_>, geom: Geom) {
        use super::poi::PoiKey;
        if let Some(kind) = props.text("kind") {
            self.add_kind(index, id, &kind, props, geom);
        } else if let Some(code) = props.text("typecode") {
            self.add_poi(index, id, props, geom, PoiKey::Amap(code.into_owned()));
        } else if props.has_any(&self.osm_keys.iter().map(String::as_str).collect::<Vec<_>>()) {
            self.add_osm(index, id, props, geom);
        } else if let Some(tag) = props.text("tag") {
            self.add_poi(index, id, props, geom, PoiKey::Baidu(tag.into_owned()));
        } else {
            self.warn(Warning::feature(
                "UNCLASSIFIED_FEATURE",
                index,
                "feature has neither `properties.kind` nor a known OpenStreetMap tag; skipped",
            ));
        }
    }

    fn add_kind(
        &mut self,
        index: usize,
        id: Option<String>,
        kind: &str,
        props: &Props<'_>,
        geom: Geom,
    ) {
        // Canonical keys, else their other (Chinese) names in the mapping.
        let names = &self.mapping.attribute_names;
        let key = |k: &'static str| names.key(props, k).to_string();
        let name = text(props, &key("name"));
        match (kind, geom) {
            ("boundary", Geom::Polygons(area)) => self.ds.boundaries.push(Boundary {
                feature_index: Some(index),
                id,
                name,
                area,
            }),
            ("building", Geom::Polygons(footprint)) => {
                let (floors_key, height_key) = (key("floors"), key("height_m"));
                let (households_key, population_key) = (key("households"), key("population"));
                let area_key = key("floor_area_m2");
                let building_use = match props.text(&key("use")) {
                    None => BuildingUse::Other,
                    Some(u) => names.building_use(&u).unwrap_or_else(|| {
                        self.warn(Warning::feature(
                            "UNKNOWN_BUILDING_USE",
                            index,
                            format!("unknown building use `{u}`; treated as `other`"),
                        ));
                        BuildingUse::Other
                    }),
                };
                let floors = self.floors_from(props, Some(&floors_key), &height_key, index);
                let w = &mut self.ds.warnings;
                let height_m =
                    bounded(props, &height_key, max::HEIGHT_M, index, w).filter(|h| *h > 0.0);
                let households = bounded(props, &households_key, max::HOUSEHOLDS, index, w);
                let population = bounded(props, &population_key, max::POPULATION, index, w);
                let floor_area_m2 = bounded(props, &area_key, max::FLOOR_AREA_M2, index, w);
                self.far_exemption(props, index);
                self.push_building(
                    index,
                    id,
                    footprint,
                    (floors, height_m),
                    building_use,
                    households,
                    population,
                    floor_area_m2,
                );
            }
            ("facility", geom) => {
                let Some(category) = text(props, "category") else {
                    self.warn(Warning::feature(
                        "MISSING_CATEGORY",
                        index,
                        "facility without `category`; skipped",
                    ));
                    return;
                };
                let w = &mut self.ds.warnings;
                let floor_area_m2 = bounded(props, "floor_area_m2", max::FLOOR_AREA_M2, index, w);
                let capacity = bounded(props, "capacity", max::CAPACITY, index, w).unwrap_or(1.0);
                self.push_facility(index, id, category, name, &geom, floor_area_m2, capacity);
            }
            ("road", Geom::Lines(lines)) => {
                let walkable = props.boolean("walkable").unwrap_or(true);
                self.ds.roads.push(Road {
                    feature_index: index,
                    id,
                    lines,
                    walkable,
                });
            }
            ("green", Geom::Polygons(area)) => {
                let green_type = match props.text("green_type") {
                    None => GreenType::Ground,
                    Some(t) => GreenType::parse(&t).unwrap_or_else(|| {
                        self.warn(Warning::feature(
                            "UNKNOWN_GREEN_TYPE",
                            index,
                            format!("unknown green_type `{t}`; treated as `ground`"),
                        ));
                        GreenType::Ground
                    }),
                };
                let public = props.boolean("public").unwrap_or(true);
                let area_m2 = bounded(props, "area_m2", max::AREA_M2, index, &mut self.ds.warnings);
                let soil_depth_m = bounded(
                    props,
                    "soil_depth_m",
                    max::SOIL_DEPTH_M,
                    index,
                    &mut self.ds.warnings,
                );
                self.ds.greens.push(Green {
                    feature_index: index,
                    id,
                    area,
                    green_type,
                    public,
                    area_m2,
                    soil_depth_m,
                });
            }
            ("gate", Geom::Points(points)) => {
                if !self.afford(points.len(), &[id.as_deref()]) {
                    return;
                }
                for location in points {
                    self.ds.gates.push(Gate {
                        feature_index: index,
                        id: id.clone(),
                        location,
                    });
                }
            }
            ("compound", Geom::Polygons(area)) => self.ds.compounds.push(Compound {
                feature_index: index,
                id,
                area,
            }),
            ("destination", geom) => {
                let category = text(props, "category").unwrap_or_else(|| "destination".to_string());
                let locations = representative_points(&geom);
                let strings = [id.as_deref(), Some(category.as_str()), name.as_deref()];
                if !self.afford(locations.len(), &strings) {
                    return;
                }
                for location in locations {
                    self.ds.destinations.push(Destination {
                        feature_index: index,
                        id: id.clone(),
                        category: category.clone(),
                        name: name.clone(),
                        location,
                    });
                }
            }
            ("transit_line", Geom::Lines(lines)) => {
                let w = &mut self.ds.warnings;
                let speed_kmh =
                    bounded(props, "speed_kmh", max::SPEED_KMH, index, w).filter(|v| *v > 0.0);
                let headway_min = bounded(props, "headway_min", max::HEADWAY_MIN, index, w);
                self.ds.transit_lines.push(TransitLine {
                    feature_index: index,
                    id,
                    mode: text(props, "mode").unwrap_or_else(|| "bus".to_string()),
                    lines,
                    speed_kmh,
                    headway_min,
                })
            }
            ("transit_stop", Geom::Points(points)) => {
                let line = text(props, "line");
                if !self.afford(points.len(), &[id.as_deref(), line.as_deref()]) {
                    return;
                }
                for location in points {
                    self.ds.transit_stops.push(TransitStop {
                        feature_index: index,
                        id: id.clone(),
                        line: line.clone(),
                        location,
                    });
                }
            }
            (k @ ("boundary" | "building" | "green" | "compound"), g) => {
                self.warn(wrong_geometry(index, k, "Polygon or MultiPolygon", &g))
            }
            (k @ ("road" | "transit_line"), g) => self.warn(wrong_geometry(
                index,
                k,
                "LineString or MultiLineString",
                &g,
            )),
            (k @ ("gate" | "transit_stop"), g) => self.warn(wrong_geometry(index, k, "Point", &g)),
            (other, _) => self.warn(Warning::feature(
                "UNKNOWN_KIND",
                index,
                format!("unknown kind `{other}`; feature skipped"),
            )),
        }
    }

    /// Floors from an explicit count, else from a height, else `None`.
    fn floors_from(
        &mut self,
        props: &Props<'_>,
        floors_key: Option<&str>,
        height_key: &str,
        index: usize,
    ) -> Option<f64> {
        if let Some((key, f)) = floors_key.and_then(|k| Some((k, props.number(k)?))) {
            if (0.0..=max::FLOORS).contains(&f) {
                return Some(f);
            }
            self.warn(Warning::feature(
                "IMPLAUSIBLE_FLOORS",
                index,
                format!(
                    "`{key}` = {} is outside 0..{}; ignored",
                    show(f),
                    max::FLOORS
                ),
            ));
        }
        let h = props.number(height_key)?;
        let storey = self.mapping.assumptions.storey_height_m.value;
        if h <= 0.0 || h > max::HEIGHT_M || storey <= 0.0 {
            return None;
        }
        Some((h / storey).round().max(1.0))
    }

    /// A building's `far_exempt_m2` with its `far_exempt_reason`; without a
    /// known reason the area is ignored with a warning.
    fn far_exemption(&mut self, props: &Props<'_>, index: usize) {
        let w = &mut self.ds.warnings;
        let Some(area_m2) = bounded(props, "far_exempt_m2", max::FLOOR_AREA_M2, index, w) else {
            return;
        };
        let reason = props.text("far_exempt_reason");
        match reason.as_deref().and_then(FarExemptReason::parse) {
            Some(reason) => self.ds.far_exemptions.push(FarExemption {
                feature_index: index,
                area_m2,
                reason,
            }),
            None => self.warn(Warning::feature(
                "UNKNOWN_FAR_EXEMPT_REASON",
                index,
                format!(
                    "`far_exempt_m2` needs `far_exempt_reason` = sky_garden_green, safety_passage, \
                     stilt_floor or public_open_space (got {}); the area counts in FAR",
                    reason.map_or("none".to_string(), |r| format!("`{r}`"))
                ),
            )),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push_building(
        &mut self,
        index: usize,
        id: Option<String>,
        footprint: MultiPolygon<f64>,
        (floors, height_m): (Option<f64>, Option<f64>),
        building_use: BuildingUse,
        households: Option<f64>,
        population: Option<f64>,
        floor_area_m2: Option<f64>,
    ) {
        let floors = floors.or_else(|| {
            self.floors_defaulted += 1;
            Some(self.mapping.assumptions.default_floors.value)
        });
        self.ds.buildings.push(Building {
            feature_index: index,
            id,
            footprint,
            floors,
            height_m,
            building_use,
            households: households.unwrap_or(f64::NAN),
            population: population.unwrap_or(f64::NAN),
            floor_area_m2,
            households_estimated: households.is_none(),
        });
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_facility(
        &mut self,
        index: usize,
        id: Option<String>,
        category: String,
        name: Option<String>,
        geom: &Geom,
        floor_area_m2: Option<f64>,
        capacity: f64,
    ) {
        let area = match geom {
            Geom::Polygons(mp) => Some(mp.clone()),
            _ => None,
        };
        let locations = representative_points(geom);
        let strings = [id.as_deref(), Some(category.as_str()), name.as_deref()];
        if !self.afford(locations.len(), &strings) {
            return;
        }
        for location in locations {
            self.ds.facilities.push(Facility {
                feature_index: index,
                id: id.clone(),
                category: category.clone(),
                name: name.clone(),
                location,
                area: area.clone(),
                floor_area_m2,
                capacity,
            });
        }
    }

    fn add_osm(&mut self, index: usize, id: Option<String>, props: &Props<'_>, geom: Geom) {
        let m = self.mapping;
        let mut used = false;
        let name = text(props, "name");
        // Buildings.
        if let (Some(b), Geom::Polygons(fp)) = (props.text(&m.building.key), &geom) {
            if !value_matches(&b, &m.building.exclude) {
                used = true;
                let commercial = any_matches(&m.building.commercial_tags, props)
                    && !any_matches(&m.building.commercial_tags_unless, props);
                let by_value = m
                    .building
                    .by_value
                    .iter()
                    .find(|(_, values)| values.iter().any(|v| v == b.as_ref()))
                    .and_then(|(u, _)| BuildingUse::parse(u));
                let building_use = match by_value {
                    Some(BuildingUse::Residential) if commercial => BuildingUse::Mixed,
                    Some(u) => u,
                    None if any_matches(&m.building.public_tags, props) => BuildingUse::Public,
                    None if commercial => BuildingUse::Commercial,
                    None => {
                        self.pending.push(PendingUse {
                            building: self.ds.buildings.len(),
                        });
                        BuildingUse::Other
                    }
                };
                let levels = props
                    .text(&m.building.levels_key)
                    .and_then(|l| first_number(&l))
                    .map(|l| (l + 0.5).floor().max(1.0));
                if let Some(l) = levels.filter(|l| *l > max::FLOORS) {
                    self.warn(Warning::feature(
                        "IMPLAUSIBLE_FLOORS",
                        index,
                        format!(
                            "`{}` = {} is outside 0..{}; ignored",
                            m.building.levels_key,
                            show(l),
                            max::FLOORS
                        ),
                    ));
                }
                let floors = levels.filter(|l| *l <= max::FLOORS).or_else(|| {
                    let key = m.building.height_key.as_deref()?;
                    self.floors_from(props, None, key, index)
                });
                let height_m = match m.building.height_key.as_deref() {
                    Some(k) => bounded(props, k, max::HEIGHT_M, index, &mut self.ds.warnings),
                    None => None,
                }
                .filter(|h| *h > 0.0);
                self.push_building(
                    index,
                    id.clone(),
                    fp.clone(),
                    (floors, height_m),
                    building_use,
                    None,
                    None,
                    None,
                );
            }
        }
        // Landuse areas (they decide unspecific buildings' use).
        if let (Some(lu), Geom::Polygons(area)) = (props.text("landuse"), &geom) {
            for (u, values) in &m.building.landuse {
                if let (true, Some(building_use)) =
                    (value_matches(&lu, values), BuildingUse::parse(u))
                {
                    used = true;
                    self.landuse.push(LanduseArea {
                        building_use,
                        area: area.clone(),
                    });
                }
            }
        }
        // Facilities: every matching category fires.
        if !any_matches(&m.facility_unless, props) {
            let mut assigned: Vec<&str> = Vec::new();
            for rule in &m.facilities {
                if !assigned.contains(&rule.category.as_str()) && rule.matches(props) {
                    assigned.push(&rule.category);
                    used = true;
                    self.push_facility(
                        index,
                        id.clone(),
                        rule.category.clone(),
                        name.clone(),
                        &geom,
                        None,
                        1.0,
                    );
                }
            }
        }
        // Roads.
        if let (Some(hw), Geom::Lines(lines)) = (props.text(&m.roads.key), &geom) {
            used = true;
            let r = &m.roads;
            let foot = props.text("foot");
            let foot_allows = foot
                .as_deref()
                .is_some_and(|f| value_matches(f, &r.foot_allow));
            let mut walkable = value_matches(&hw, &r.walkable) || foot_allows;
            if foot
                .as_deref()
                .is_some_and(|f| value_matches(f, &r.foot_deny))
                || (!foot_allows
                    && props
                        .text("access")
                        .is_some_and(|a| value_matches(&a, &r.access_deny)))
                || props
                    .text("area")
                    .is_some_and(|a| value_matches(&a, &r.area_exclude))
            {
                walkable = false;
            }
            self.ds.roads.push(Road {
                feature_index: index,
                id: id.clone(),
                lines: lines.clone(),
                walkable,
            });
        }
        // Green.
        if let Geom::Polygons(area) = &geom {
            if any_matches(&m.green, props) {
                used = true;
                self.ds.greens.push(Green {
                    feature_index: index,
                    id: id.clone(),
                    area: area.clone(),
                    green_type: GreenType::Ground,
                    public: true,
                    area_m2: None,
                    soil_depth_m: None,
                });
            }
        }
        // Gates.
        if let Geom::Points(points) = &geom {
            if any_matches(&m.gate, props) && self.afford(points.len(), &[id.as_deref()]) {
                used = true;
                for &location in points {
                    self.ds.gates.push(Gate {
                        feature_index: index,
                        id: id.clone(),
                        location,
                    });
                }
            }
        }
        if !used {
            self.warn(Warning::feature(
                "UNCLASSIFIED_FEATURE",
                index,
                "OpenStreetMap tags match no rule of the tag mapping; skipped",
            ));
        }
    }
}

/// The first number in a tag value such as `"4"`, `"3;5"` or `"5-6"`.
fn first_number(s: &str) -> Option<f64> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let rest = &s[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    rest[..end].trim_end_matches('.').parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_number_takes_the_leading_value() {
        assert_eq!(first_number("4"), Some(4.0));
        assert_eq!(first_number("3;5"), Some(3.0));
        assert_eq!(first_number("approx. 5-6"), Some(5.0));
        assert_eq!(first_number("2.5"), Some(2.5));
        assert_eq!(first_number("many"), None);
    }
}
