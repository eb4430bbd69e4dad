//! Evaluating a [`Community`] against a profile: compute exactly the metrics
//! the profile reads (site metrics, coverage, nearest distances, travel
//! circles) for each site, then score them with [`crate::profile`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use geo::{BoundingRect, Intersects, MultiPolygon, Point};
use rstar::primitives::GeomWithData;
use rstar::{RTree, AABB};
use serde::Serialize;

use crate::access::{AccessColumns, AccessOptions};
use crate::community::{Community, SiteRef};
use crate::error::{Result, Warning};
use crate::isochrone::{self, TravelCircleOptions, TravelCircles};
use crate::model::{FarExemptReason, ProjectType};
use crate::profile::metric::{coverage_key, insert_json, nearest_median_key};
use crate::profile::missing;
use crate::profile::{self, Comparison, EvalOptions, Metrics, Profile, Report, ReportWarning};
use crate::profile::{TravelCircle, Weighting};
use crate::site::{SiteParams, SoilFactor};
use crate::spatial::PreparedArea;
use crate::units::Metres;

/// The built-in profile used when the caller names none.
pub const DEFAULT_PROFILE: &str = "zhejiang-future-community";

/// Site-indicator parameters taken from a profile's `parameters` (missing
/// ones keep the neutral [`SiteParams::default`]).
pub fn site_params(p: &Profile) -> SiteParams {
    let mut s = SiteParams::default();
    if let Some(v) = p.parameter_number("roofGreenFactor") {
        s.roof_green_factor = v;
    }
    if let Some(v) = p.parameter_number("verticalGreenFactor") {
        s.vertical_green_factor = v;
    }
    if let (Some(depths), Some(factors)) = (
        p.parameter_numbers("roofGreenSoilDepthsM"),
        p.parameter_numbers("roofGreenSoilFactors"),
    ) {
        s.roof_green_soil_factors = depths
            .iter()
            .zip(factors)
            .map(|(&min_depth_m, &factor)| SoilFactor {
                min_depth_m,
                factor,
            })
            .collect();
    }
    if let Some(v) = p.parameter_list("serviceCategories") {
        s.service_categories = v.to_vec();
    }
    if let Some(v) = p.parameter_number("storeyHeightM") {
        s.storey_height_m = v;
    }
    // Unknown kinds cannot reach here: profile validation refuses them.
    let reasons = |name: &str| -> Vec<FarExemptReason> {
        p.parameter_list(name)
            .unwrap_or_default()
            .iter()
            .filter_map(|r| FarExemptReason::parse(r))
            .collect()
    };
    s.far_exempt_reasons = reasons("farExemptReasons");
    s.far_exempt_reasons_renovation = reasons("farExemptReasonsRenovation");
    s
}

/// The metrics of one site, as the dotted keys profiles read.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SiteMetricsMap {
    /// Metric key → value.
    pub metrics: Metrics,
    /// Problems met while computing.
    pub warnings: Vec<Warning>,
}

/// What every site of a community shares for one profile, computed once:
/// facility counts by category, the accessibility columns and the travel
/// circles of all residential buildings (each site then keeps its own).
struct Shared {
    facilities: BTreeMap<String, usize>,
    access: Option<AccessColumns>,
    circles: Option<TravelCircles>,
    /// The rows of `access` by their building's centroid (computed once,
    /// queried with each site's box).
    access_rows: RowIndex,
    /// The rows of `circles.buildings` by their building's centroid.
    circle_rows: RowIndex,
}

/// Result rows placed by their building's centroid, so that a site visits
/// only the rows in its box instead of every row of the district.
struct RowIndex {
    centroids: Vec<Option<Point<f64>>>,
    tree: RTree<GeomWithData<[f64; 2], usize>>,
}

impl RowIndex {
    fn new(centroids: Vec<Option<Point<f64>>>) -> Self {
        let items = centroids
            .iter()
            .enumerate()
            .filter_map(|(row, p)| {
                let p = (*p)?;
                (p.x().is_finite() && p.y().is_finite())
                    .then(|| GeomWithData::new([p.x(), p.y()], row))
            })
            .collect();
        RowIndex {
            centroids,
            tree: RTree::bulk_load(items),
        }
    }

    /// The rows whose centroid lies in the site, ascending (the order a
    /// scan of all rows gives, so sums and medians are unchanged).
    fn in_site(&self, site_area: &MultiPolygon<f64>) -> Vec<usize> {
        let Some(bbox) = site_area.bounding_rect() else {
            return Vec::new();
        };
        let site = PreparedArea::new(site_area);
        let env = AABB::from_corners([bbox.min().x, bbox.min().y], [bbox.max().x, bbox.max().y]);
        let mut rows: Vec<usize> = self
            .tree
            .locate_in_envelope_intersecting(&env)
            .map(|item| item.data)
            .filter(|&row| {
                self.centroids
                    .get(row)
                    .copied()
                    .flatten()
                    .is_some_and(|p| bbox.intersects(&p) && site.contains(p))
            })
            .collect();
        rows.sort_unstable();
        rows
    }
}

impl Shared {
    fn new(c: &Community, profile: &Profile) -> Result<Self> {
        let ds = c.dataset();
        let mut facilities = BTreeMap::new();
        for f in &ds.facilities {
            *facilities.entry(f.category.clone()).or_insert(0) += 1;
        }
        let access = shared_access(c, profile, &facilities)?;
        let circles = if profile.required_travel_circles().is_empty() || ds.roads.is_empty() {
            None
        } else {
            Some(isochrone::travel_circles(
                c,
                &TravelCircleOptions::default(),
            )?)
        };
        let by_feature: HashMap<usize, Point<f64>> = ds
            .buildings
            .iter()
            .zip(c.building_centroids())
            .filter_map(|(b, p)| Some((b.feature_index, (*p)?)))
            .collect();
        // One lookup per row here instead of one per row and site below.
        let rows = |fis: &mut dyn Iterator<Item = usize>| -> Vec<Option<Point<f64>>> {
            fis.map(|fi| by_feature.get(&fi).copied()).collect()
        };
        let access_rows = RowIndex::new(access.as_ref().map_or_else(Vec::new, |cols| {
            rows(&mut cols.feature_index.iter().map(|i| *i as usize))
        }));
        let circle_rows = RowIndex::new(circles.as_ref().map_or_else(Vec::new, |r| {
            rows(&mut r.buildings.feature_index.iter().copied())
        }));
        Ok(Shared {
            facilities,
            access,
            circles,
            access_rows,
            circle_rows,
        })
    }
}

/// Computes every metric `profile` needs for one site.
pub fn metrics_for_site(
    c: &Community,
    site: Option<&SiteRef>,
    profile: &Profile,
    project_type: Option<ProjectType>,
) -> Result<SiteMetricsMap> {
    site_metrics_map(c, site, profile, project_type, &Shared::new(c, profile)?)
}

fn site_metrics_map(
    c: &Community,
    site: Option<&SiteRef>,
    profile: &Profile,
    project_type: Option<ProjectType>,
    shared: &Shared,
) -> Result<SiteMetricsMap> {
    let mut params = site_params(profile);
    params.project_type = project_type;
    let sm = c.site_metrics(site, &params)?;
    let mut metrics = Metrics::new();
    let value = serde_json::to_value(&sm.metrics)
        .map_err(|e| crate::Error::option("result", e.to_string()))?;
    insert_json("siteMetrics", &value, &mut metrics);
    let mut warnings = sm.warnings;
    add_context(c, profile, shared, sm.metrics.households, &mut metrics);
    let site_area = &c.site(site)?.area;
    if let Some(cols) = &shared.access {
        add_access_metrics(
            shared,
            site_area,
            profile,
            cols,
            &mut metrics,
            &mut warnings,
        );
    }
    if let Some(r) = &shared.circles {
        add_travel_circles(shared, site_area, profile, r, &mut metrics, &mut warnings);
    }
    Ok(SiteMetricsMap { metrics, warnings })
}

/// Adds the context metrics that tell why an indicator has no value
/// (`profile::missing`): roads in the data, households of the site, and
/// facilities of each category the profile reads.
fn add_context(
    c: &Community,
    profile: &Profile,
    shared: &Shared,
    households: f64,
    metrics: &mut Metrics,
) {
    let ds = c.dataset();
    metrics.insert(missing::CONTEXT_ROADS.to_string(), ds.roads.len() as f64);
    metrics.insert(missing::CONTEXT_HOUSEHOLDS.to_string(), households);
    let req = profile.requirements();
    let categories: BTreeSet<&String> = req
        .coverage
        .iter()
        .map(|n| &n.category)
        .chain(req.nearest.iter())
        .collect();
    for category in categories {
        let n = shared.facilities.get(category).copied().unwrap_or(0);
        metrics.insert(missing::context_facilities_key(category), n as f64);
    }
}

/// Evaluates one site (default: the first) against `profile`.
pub fn evaluate_site(
    c: &Community,
    site: Option<&SiteRef>,
    profile: &Profile,
    options: &EvalOptions,
) -> Result<Report> {
    let m = metrics_for_site(c, site, profile, options.project_type)?;
    let mut report = profile::evaluate(profile, &m.metrics, options)?;
    if report.site_id.is_none() {
        report.site_id = c.site(site)?.id.clone();
    }
    report
        .warnings
        .extend(m.warnings.into_iter().map(|w| ReportWarning {
            code: w.code.to_string(),
            message: match w.feature_index {
                Some(i) => format!("feature {i}: {}", w.message),
                None => w.message,
            },
        }));
    Ok(report)
}

/// Evaluates every site and ranks them (shared roads and facilities count
/// for all sites).
pub fn evaluate_all(c: &Community, profile: &Profile, options: &EvalOptions) -> Result<Comparison> {
    evaluate_all_with(c, profile, options, true)
}

/// [`evaluate_all`], with the full per-site reports only when
/// `keep_reports` (see [`profile::evaluate_many_with`]): without them 10^4
/// sites give a table and a ranking of a few megabytes instead of hundreds.
pub fn evaluate_all_with(
    c: &Community,
    profile: &Profile,
    options: &EvalOptions,
    keep_reports: bool,
) -> Result<Comparison> {
    let shared = Shared::new(c, profile)?;
    let mut sites = Vec::with_capacity(c.sites().len());
    for (i, s) in c.sites().iter().enumerate() {
        let id = s.id.clone().unwrap_or_else(|| format!("site-{i}"));
        let m = site_metrics_map(
            c,
            Some(&SiteRef::Index(i)),
            profile,
            options.project_type,
            &shared,
        )?;
        sites.push((id, m.metrics));
    }
    profile::evaluate_many_with(profile, &sites, options, keep_reports)
}

/// The one accessibility query that covers every category and threshold
/// `profile` reads, for all residential buildings; `None` without roads or
/// without any facility of those categories.
fn shared_access(
    c: &Community,
    profile: &Profile,
    facilities: &BTreeMap<String, usize>,
) -> Result<Option<AccessColumns>> {
    let req = profile.requirements();
    // Without roads no walking distance exists, and a category with no
    // facility in the data may simply not have been mapped: both leave the
    // indicators "not assessed" (with that cause) instead of scoring 0.
    let categories: BTreeSet<String> = req
        .coverage
        .iter()
        .map(|n| n.category.clone())
        .chain(req.nearest.iter().cloned())
        .filter(|cat| facilities.get(cat).is_some_and(|n| *n > 0))
        .collect();
    if categories.is_empty() || c.dataset().roads.is_empty() {
        return Ok(None);
    }
    let thresholds: BTreeSet<u32> = req.coverage.iter().map(|n| n.threshold_m).collect();
    let mut options = AccessOptions {
        categories: Some(categories.into_iter().collect()),
        ..AccessOptions::default()
    };
    if !thresholds.is_empty() {
        options.thresholds_m = Some(
            thresholds
                .iter()
                .map(|t| Metres::checked(f64::from(*t), "thresholdsM"))
                .collect::<Result<_>>()?,
        );
    }
    Ok(Some(c.access_engine()?.accessibility_columns(&options)?))
}

/// Adds the `coverage.*` and `nearest.*` metrics `profile` reads, for the
/// residential buildings whose centroid lies in `site_area`.
fn add_access_metrics(
    shared: &Shared,
    site_area: &MultiPolygon<f64>,
    profile: &Profile,
    cols: &AccessColumns,
    metrics: &mut Metrics,
    warnings: &mut Vec<Warning>,
) {
    let req = profile.requirements();
    let inside = shared.access_rows.in_site(site_area);
    for need in &req.coverage {
        let Some(cat) = cols.categories.get(&need.category) else {
            continue;
        };
        let limit = f64::from(need.threshold_m);
        if let Some(share) = share_of(
            &inside,
            |o| weight(cols, o, need.weighting),
            |o| cat.network_m[o] <= limit,
        ) {
            metrics.insert(
                coverage_key(&need.category, need.threshold_m, need.weighting),
                share,
            );
        }
    }
    for category in &req.nearest {
        let Some(cat) = cols.categories.get(category) else {
            continue;
        };
        if let Some(m) = weighted_median(cols, &inside, &cat.network_m) {
            metrics.insert(nearest_median_key(category), m);
        }
    }
    warnings.extend(cols.warnings.iter().cloned());
}

/// Adds the `travelCircles.*` shares `profile` reads: households of the
/// site whose circle time is within the circle's limit. A circle with no
/// facility or destination of its categories stays "not assessed".
fn add_travel_circles(
    shared: &Shared,
    site_area: &MultiPolygon<f64>,
    profile: &Profile,
    r: &TravelCircles,
    metrics: &mut Metrics,
    warnings: &mut Vec<Warning>,
) {
    let needed = profile.required_travel_circles();
    let b = &r.buildings;
    let inside = shared.circle_rows.in_site(site_area);
    for circle in needed {
        let (result, minutes) = match circle {
            TravelCircle::Bus5min => (&r.bus_5min, &b.bus_5min),
            TravelCircle::Metro10min => (&r.metro_10min, &b.metro_10min),
            TravelCircle::Destinations30min => (&r.destinations_30min, &b.destinations_30min),
        };
        if result.facilities == 0 {
            continue;
        }
        let within = |o: usize| minutes[o].is_some_and(|m| m <= result.minutes);
        if let Some(share) = share_of(&inside, |o| b.households[o], within) {
            metrics.insert(format!("travelCircles.{}", circle.as_str()), share);
        }
    }
    warnings.extend(r.warnings.iter().cloned());
}

fn weight(cols: &AccessColumns, o: usize, w: Weighting) -> f64 {
    match w {
        Weighting::Households => cols.households[o],
        Weighting::Population => cols.population[o],
        Weighting::Buildings => 1.0,
        Weighting::LandArea => cols.land_area_m2[o],
    }
}

/// Share (0..1) of the `weight` of in-site origins for which `covered`
/// holds; `None` when the in-site total is 0.
fn share_of(
    inside: &[usize],
    weight: impl Fn(usize) -> f64,
    covered: impl Fn(usize) -> bool,
) -> Option<f64> {
    let (mut total, mut hit) = (0.0, 0.0);
    for &o in inside {
        let x = weight(o);
        total += x;
        if covered(o) {
            hit += x;
        }
    }
    (total > 0.0).then(|| hit / total)
}

/// Household-weighted median of `dist_m` over in-site origins, unreachable
/// origins counting as infinitely far; `None` when the median is
/// unreachable or there are no households.
fn weighted_median(cols: &AccessColumns, inside: &[usize], dist_m: &[f64]) -> Option<f64> {
    let mut rows: Vec<(f64, f64)> = inside
        .iter()
        .copied()
        .filter(|&o| cols.households[o] > 0.0)
        .map(|o| {
            let d = dist_m[o];
            (
                if d.is_nan() { f64::INFINITY } else { d },
                cols.households[o],
            )
        })
        .collect();
    let total: f64 = rows.iter().map(|r| r.1).sum();
    if total <= 0.0 {
        return None;
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut acc = 0.0;
    for (d, w) in rows {
        acc += w;
        if acc >= total / 2.0 {
            return d.is_finite().then_some(d);
        }
    }
    None
}
