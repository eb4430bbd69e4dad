//! Site indicators that need no network: areas, FAR, density, green ratio,
//! households, service floor area per 100 households, public green per
//! resident. All areas are geodesic m² on the WGS84 ellipsoid.
//!
//! Set operations (union of green areas, clipping to the site) are done on
//! lon/lat treated as planar, as GEOS/shapely do in the reference data; at
//! neighbourhood scale the resulting shapes differ from geodesic-edge shapes
//! by far less than a millimetre, and the areas are then measured
//! geodesically.

use std::collections::BTreeSet;

use geo::{Centroid, MultiPolygon};
use serde::{Deserialize, Serialize};

use crate::error::Warning;
use crate::geodesy::area_m2;
use crate::model::{Dataset, FarExemptReason, GreenType, ProjectType};
use crate::overlap::{union_area_m2, Union};
use crate::site_index::SiteIndex;
use crate::spatial::PreparedArea;

/// Policy parameters of the site indicators (they come from a profile).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct SiteParams {
    /// Factor at which roof green counts toward the green ratio (0..1),
    /// used when `roof_green_soil_factors` is empty.
    pub roof_green_factor: f64,
    /// Factors by soil depth for roof and over-basement green (the deepest
    /// band first): a green counts at the factor of the first band whose
    /// `minDepthM` its `soil_depth_m` reaches; shallower than every band, or
    /// without a soil depth, it counts 0.
    pub roof_green_soil_factors: Vec<SoilFactor>,
    /// Factor at which vertical greening counts toward the green ratio (0..1).
    pub vertical_green_factor: f64,
    /// Facility categories whose floor area counts as community service rooms.
    pub service_categories: Vec<String>,
    /// Storey height used to estimate building heights from floors (m).
    pub storey_height_m: f64,
    /// Kinds of declared floor area (`far_exempt_reason`) left out of the
    /// policy FAR in every project.
    pub far_exempt_reasons: Vec<FarExemptReason>,
    /// Kinds left out of the policy FAR in renovation projects only.
    pub far_exempt_reasons_renovation: Vec<FarExemptReason>,
    /// The project type, which decides the renovation-only exemptions
    /// (`None`: they count in FAR, with a warning when any is declared).
    pub project_type: Option<ProjectType>,
}

impl Default for SiteParams {
    /// Neutral defaults: roof and vertical green not counted (factor 0),
    /// no service categories. Real values come from a profile.
    fn default() -> Self {
        SiteParams {
            roof_green_factor: 0.0,
            roof_green_soil_factors: Vec::new(),
            vertical_green_factor: 0.0,
            service_categories: Vec::new(),
            storey_height_m: 3.0,
            far_exempt_reasons: Vec::new(),
            far_exempt_reasons_renovation: Vec::new(),
            project_type: None,
        }
    }
}

/// One band of a soil-depth factor table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SoilFactor {
    /// Smallest soil depth of the band, m.
    pub min_depth_m: f64,
    /// Share 0..1 of the area that counts.
    pub factor: f64,
}

impl SiteParams {
    /// Checks the ranges: factors within 0..=1, depths finite, not negative
    /// and strictly decreasing, storey height within (0, 20] m.
    ///
    /// # Errors
    /// [`crate::Error::InvalidOption`] naming the parameter.
    pub fn check(&self) -> crate::Result<()> {
        let share = |name: &str, v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(crate::Error::option(
                    name,
                    format!("must be a factor within 0..=1, got {v}"),
                ))
            }
        };
        share("roofGreenFactor", self.roof_green_factor)?;
        share("verticalGreenFactor", self.vertical_green_factor)?;
        let mut previous = f64::INFINITY;
        for (i, b) in self.roof_green_soil_factors.iter().enumerate() {
            share(&format!("roofGreenSoilFactors[{i}].factor"), b.factor)?;
            if !(b.min_depth_m.is_finite() && b.min_depth_m >= 0.0 && b.min_depth_m < previous) {
                return Err(crate::Error::option(
                    &format!("roofGreenSoilFactors[{i}].minDepthM"),
                    "depths must be finite, not negative, and strictly decrease from band to band",
                ));
            }
            previous = b.min_depth_m;
        }
        if !(self.storey_height_m > 0.0 && self.storey_height_m <= 20.0) {
            return Err(crate::Error::option(
                "storeyHeightM",
                format!(
                    "must be within (0, 20] metres, got {}",
                    self.storey_height_m
                ),
            ));
        }
        Ok(())
    }

    /// The factor at which a roof green of `soil_depth_m` counts.
    pub fn roof_factor(&self, soil_depth_m: Option<f64>) -> f64 {
        if self.roof_green_soil_factors.is_empty() {
            return self.roof_green_factor;
        }
        let Some(depth) = soil_depth_m else {
            return 0.0;
        };
        self.roof_green_soil_factors
            .iter()
            .find(|b| depth >= b.min_depth_m)
            .map_or(0.0, |b| b.factor)
    }
}

/// The site indicators of one site (camelCase in JSON; `null` where not
/// computable, e.g. per-household figures with no households).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "SiteMetricValues"))]
#[serde(rename_all = "camelCase")]
pub struct SiteMetrics {
    /// Site (boundary) area, m².
    pub site_area_m2: f64,
    /// Buildings whose centroid lies in the site.
    pub building_count: usize,
    /// Sum of their footprints, m² (overlaps not removed; building density
    /// counts the union).
    pub footprint_m2: f64,
    /// Gross floor area, m² (explicit, else footprint × floors).
    pub floor_area_m2: f64,
    /// Plot ratio (容积率) = floor area / site area.
    pub far: Option<f64>,
    /// Declared floor area left out of the policy FAR (the exemptions the
    /// profile allows for the project type), m².
    pub far_exempt_m2: f64,
    /// Policy plot ratio = (floor area − `far_exempt_m2`) / site area.
    pub policy_far: Option<f64>,
    /// Building density (建筑密度) = union of the footprints / site area,
    /// within 0..=1.
    pub building_density: Option<f64>,
    /// Ground green inside the site (union, clipped), m².
    pub ground_green_m2: f64,
    /// Roof green in the site before the factor, m².
    pub roof_green_m2: f64,
    /// Vertical greening in the site before the factor, m².
    pub vertical_green_m2: f64,
    /// Green area counted by the policy: ground + roof × its factor (by soil
    /// depth) + vertical × factor, m².
    pub counted_green_m2: f64,
    /// Plain green ratio (绿地率) = ground green / site area.
    pub green_ratio: Option<f64>,
    /// Policy green ratio = counted green (roof and vertical at the
    /// profile's factors) / site area.
    pub policy_green_ratio: Option<f64>,
    /// Households in the site's buildings.
    pub households: f64,
    /// Residents in the site's buildings.
    pub population: f64,
    /// Floor area of community service facilities in the site, m².
    pub service_floor_area_m2: f64,
    /// Service facilities in the site with no `floor_area_m2` (not counted).
    pub service_facilities_without_area: usize,
    /// Community service floor area per 100 households, m²; `null` when
    /// there are no households or some service facility lacks its floor area.
    pub service_floor_area_per_100_households_m2: Option<f64>,
    /// Public ground green inside the site, m².
    pub public_green_m2: f64,
    /// Public green per resident, m².
    pub public_green_per_capita_m2: Option<f64>,
    /// Tallest building (explicit height, else floors × storey height), m.
    pub max_building_height_m: Option<f64>,
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den > 0.0).then(|| num / den)
}

/// Computes the site indicators of `site` over the dataset's features
/// (`centroids`: the buildings' centroids in order; `index`: the
/// community's [`SiteIndex`] of `ds`, which gives the candidates inside the
/// site's box, so that a small site costs what it contains).
///
/// Buildings and facilities count when their centroid (point) lies inside
/// the site; ground green is unioned and clipped to the site; roof and
/// vertical green count when their centroid lies inside.
pub fn site_metrics(
    ds: &Dataset,
    centroids: &[Option<geo::Point<f64>>],
    index: &SiteIndex,
    site_area: &MultiPolygon<f64>,
    params: &SiteParams,
    warnings: &mut Vec<Warning>,
) -> SiteMetrics {
    let site = PreparedArea::new(site_area);
    let service: BTreeSet<&str> = params
        .service_categories
        .iter()
        .map(String::as_str)
        .collect();
    let site_area_m2 = area_m2(site_area);

    let mut m = SiteMetrics {
        site_area_m2,
        building_count: 0,
        footprint_m2: 0.0,
        floor_area_m2: 0.0,
        far: None,
        far_exempt_m2: 0.0,
        policy_far: None,
        building_density: None,
        ground_green_m2: 0.0,
        roof_green_m2: 0.0,
        vertical_green_m2: 0.0,
        counted_green_m2: 0.0,
        green_ratio: None,
        policy_green_ratio: None,
        households: 0.0,
        population: 0.0,
        service_floor_area_m2: 0.0,
        service_facilities_without_area: 0,
        service_floor_area_per_100_households_m2: None,
        public_green_m2: 0.0,
        public_green_per_capita_m2: None,
        max_building_height_m: None,
    };

    let mut footprints = Vec::new();
    let mut part_feature = Vec::new();
    // Floor area of each building in the site, by feature index.
    let mut floor_of: std::collections::HashMap<usize, f64> = std::collections::HashMap::new();
    let bbox = geo::BoundingRect::bounding_rect(site_area);
    let near = index.candidates(bbox);
    for &i in &near.buildings {
        let (Some(b), Some(Some(c))) = (ds.buildings.get(i), centroids.get(i).copied()) else {
            continue;
        };
        if !bbox.is_some_and(|r| geo::Intersects::intersects(&r, &c)) || !site.contains(c) {
            continue;
        }
        footprints.extend(b.footprint.0.iter().cloned());
        part_feature.resize(footprints.len(), b.feature_index);
        let footprint = area_m2(&b.footprint);
        let floors = b.floors.unwrap_or(0.0);
        m.building_count += 1;
        m.footprint_m2 += footprint;
        let floor_area = b.floor_area_m2.unwrap_or(footprint * floors);
        m.floor_area_m2 += floor_area;
        *floor_of.entry(b.feature_index).or_default() += floor_area;
        m.households += b.households;
        m.population += b.population;
        let height = b.height_m.or(b.floors.map(|f| f * params.storey_height_m));
        if let Some(h) = height {
            m.max_building_height_m = Some(m.max_building_height_m.map_or(h, |x: f64| x.max(h)));
        }
    }

    for f in near.facilities.iter().filter_map(|&i| ds.facilities.get(i)) {
        if !service.contains(f.category.as_str()) || !site.contains(f.location) {
            continue;
        }
        match f.floor_area_m2 {
            Some(a) => m.service_floor_area_m2 += a,
            None => m.service_facilities_without_area += 1,
        }
    }
    if m.service_facilities_without_area > 0 {
        warnings.push(Warning::global(
            "SERVICE_AREA_MISSING",
            format!(
                "{} community service facilities in the site have no `floor_area_m2`; service floor area per 100 households is not computed",
                m.service_facilities_without_area
            ),
        ));
    }

    let mut ground = Vec::new();
    let mut public = Vec::new();
    let mut roof_counted_m2 = 0.0;
    let mut roofs_without_depth = Vec::new();
    for (gi, parts) in &near.greens {
        let Some(g) = ds.greens.get(*gi) else {
            continue;
        };
        match g.green_type {
            GreenType::Ground => {
                // Only parts whose box meets the site's can add to the
                // clipped union (a part outside the site adds nothing, also
                // when it overlaps a part inside): the rest of the district
                // is not merged once per site.
                for part in parts.iter().filter_map(|&k| g.area.0.get(k)) {
                    ground.push(part.clone());
                    if g.public {
                        public.push(part.clone());
                    }
                }
            }
            GreenType::Roof | GreenType::Vertical => {
                let inside = g.area.centroid().is_some_and(|c| site.contains(c));
                if !inside {
                    continue;
                }
                let a = g.area_m2.unwrap_or_else(|| area_m2(&g.area));
                if g.green_type == GreenType::Roof {
                    m.roof_green_m2 += a;
                    roof_counted_m2 += a * params.roof_factor(g.soil_depth_m);
                    if g.soil_depth_m.is_none() && !params.roof_green_soil_factors.is_empty() {
                        roofs_without_depth.push(g.feature_index);
                    }
                } else {
                    m.vertical_green_m2 += a;
                }
            }
        }
    }
    let ground_known = match union_area_m2(&ground, Some(site_area)) {
        Union::Area { area_m2, .. } => {
            m.ground_green_m2 = area_m2;
            true
        }
        Union::OverBudget => {
            warnings.push(over_budget("ground green areas", "the green ratios are"));
            false
        }
    };
    if let Union::Area { area_m2, .. } = union_area_m2(&public, Some(site_area)) {
        m.public_green_m2 = area_m2;
    }
    m.counted_green_m2 =
        m.ground_green_m2 + roof_counted_m2 + m.vertical_green_m2 * params.vertical_green_factor;
    if m.counted_green_m2 > site_area_m2 {
        warnings.push(Warning::global(
            "COUNTED_GREEN_EXCEEDS_SITE",
            format!(
                "the counted green area ({:.0} m²: ground, roof and vertical greening at their factors) exceeds the site area ({site_area_m2:.0} m²); the policy green ratio is capped at 1. Check the roof and vertical green areas (`area_m2`) for duplicates or wrong units",
                m.counted_green_m2
            ),
        ));
        m.counted_green_m2 = site_area_m2;
    }
    if let Some(first) = roofs_without_depth.first() {
        warnings.push(Warning::global(
            "ROOF_GREEN_NO_SOIL_DEPTH",
            format!(
                "{} roof or over-basement green areas (the first is feature {first}) have no `soil_depth_m`, so they count 0 towards the policy green ratio; add `soil_depth_m` (metres of soil) to each",
                roofs_without_depth.len()
            ),
        ));
    }

    m.far = ratio(m.floor_area_m2, site_area_m2);
    m.far_exempt_m2 = far_exempt_m2(ds, &floor_of, params, warnings);
    m.policy_far = ratio((m.floor_area_m2 - m.far_exempt_m2).max(0.0), site_area_m2);
    m.building_density = building_density(&footprints, &part_feature, site_area_m2, warnings);
    if ground_known {
        // Clipped to the site, so at most 1 but for rounding in the overlay.
        m.green_ratio = ratio(m.ground_green_m2, site_area_m2).map(|r| r.min(1.0));
        m.policy_green_ratio = ratio(m.counted_green_m2, site_area_m2);
    }
    // Unknown, not zero, when some service facility has no floor area.
    m.service_floor_area_per_100_households_m2 = if m.service_facilities_without_area > 0 {
        None
    } else {
        ratio(m.service_floor_area_m2 * 100.0, m.households)
    };
    m.public_green_per_capita_m2 = ratio(m.public_green_m2, m.population);
    m
}

/// The declared floor area left out of the policy FAR for the buildings of
/// the site (`floor_of`: their floor areas by feature index): only the
/// kinds the profile allows for the project type; an exemption larger than
/// its building's floor area is ignored. Each kind of problem is one
/// warning naming the first building.
fn far_exempt_m2(
    ds: &Dataset,
    floor_of: &std::collections::HashMap<usize, f64>,
    params: &SiteParams,
    warnings: &mut Vec<Warning>,
) -> f64 {
    let mut applied = 0.0;
    let mut too_large: Vec<usize> = Vec::new();
    let mut not_allowed: Vec<(usize, FarExemptReason)> = Vec::new();
    for e in &ds.far_exemptions {
        let Some(&floor) = floor_of.get(&e.feature_index) else {
            continue;
        };
        if e.area_m2 > floor {
            too_large.push(e.feature_index);
            continue;
        }
        let renovation = params.project_type == Some(ProjectType::Renovation);
        if params.far_exempt_reasons.contains(&e.reason)
            || (renovation && params.far_exempt_reasons_renovation.contains(&e.reason))
        {
            applied += e.area_m2;
        } else {
            not_allowed.push((e.feature_index, e.reason));
        }
    }
    if let Some(first) = too_large.first() {
        warnings.push(Warning::feature(
            "FAR_EXEMPT_EXCEEDS_FLOOR_AREA",
            *first,
            format!(
                "{} buildings declare more `far_exempt_m2` than their floor area (the first is \
                 feature {first}); those exemptions are ignored: check the value, or give the \
                 building's `floor_area_m2`",
                too_large.len()
            ),
        ));
    }
    if let Some((first, reason)) = not_allowed.first() {
        let why = if params.far_exempt_reasons_renovation.contains(reason) {
            match params.project_type {
                None => "it applies to renovation projects only and no project type was given",
                Some(_) => "it applies to renovation projects only",
            }
        } else {
            "the profile does not allow it"
        };
        warnings.push(Warning::feature(
            "FAR_EXEMPT_NOT_APPLIED",
            *first,
            format!(
                "{} declared FAR exemptions count in the policy FAR after all (the first is \
                 feature {first}, `{}`: {why})",
                not_allowed.len(),
                reason.as_str()
            ),
        ));
    }
    applied
}

fn over_budget(what: &str, outcome: &str) -> Warning {
    Warning::global(
        "WORK_LIMIT",
        format!(
            "the {what} overlap each other too much to merge within the work limit (SECURITY.md), so {outcome} not computed; remove duplicated or stacked polygons"
        ),
    )
}

/// Building density: the union of the footprints (each overlap counted
/// once) over the site area, within 0..=1 (warned when capped).
fn building_density(
    footprints: &[geo::Polygon<f64>],
    part_feature: &[usize],
    site_area_m2: f64,
    warnings: &mut Vec<Warning>,
) -> Option<f64> {
    let covered_m2 = match union_area_m2(footprints, None) {
        Union::Area {
            area_m2,
            overlapping,
        } => {
            if let Some(&first) = overlapping.first() {
                let mut features: Vec<usize> = overlapping
                    .iter()
                    .filter_map(|&i| part_feature.get(i).copied())
                    .collect();
                features.dedup();
                warnings.push(Warning::global(
                    "OVERLAPPING_BUILDINGS",
                    format!(
                        "{} building footprints overlap another one (the first is feature {}); building density counts each overlap once, while the plot ratio adds up every building's floor area. Remove duplicated buildings, or keep them if they are parts stacked on purpose (a tower on a podium)",
                        features.len(),
                        part_feature.get(first).copied().unwrap_or_default()
                    ),
                ));
            }
            area_m2
        }
        Union::OverBudget => {
            warnings.push(over_budget("building footprints", "building density is"));
            return None;
        }
    };
    let density = ratio(covered_m2, site_area_m2)?;
    if density > 1.0 {
        warnings.push(Warning::global(
            "BUILDINGS_EXCEED_SITE",
            format!(
                "the buildings counted in the site (centroid inside) cover {covered_m2:.0} m², more than the site's {site_area_m2:.0} m²; building density is capped at 1. Check that the site boundary encloses its buildings"
            ),
        ));
        return Some(1.0);
    }
    Some(density)
}
