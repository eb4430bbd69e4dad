//! [`Community`]: one loaded dataset with its sites, the object every query
//! runs against. Built once from GeoJSON, then queried many times.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use geo::{BoundingRect, Centroid, ConvexHull, MultiPoint, MultiPolygon, Point};
use serde::{Deserialize, Serialize};

use crate::access::AccessEngine;
use crate::error::{Error, Result, Warning};
use crate::input::{self, ReadOptions};
use crate::model::{Boundary, Dataset};
use crate::network::NetworkOptions;
use crate::site::{self, SiteMetrics, SiteParams};
use crate::site_index::SiteIndex;
use crate::spatial::place_points;

/// A loaded community dataset.
#[derive(Debug)]
pub struct Community {
    ds: Dataset,
    sites: Vec<Boundary>,
    /// Walk network, snaps and facility index; built on first use.
    engine: OnceLock<AccessEngine>,
    /// Centroid of every building (in `ds.buildings` order); on first use.
    centroids: OnceLock<Vec<Option<Point<f64>>>>,
    /// R-trees of buildings, facilities and greens for site metrics; on
    /// first use (never shared with an edited copy: its facilities differ).
    site_index: OnceLock<SiteIndex>,
}

/// How a site is chosen: by boundary id or by position among the sites.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(
    untagged,
    expecting = "expected a site: its position among the sites (0, 1, ...) or its boundary id (a string)"
)]
pub enum SiteRef {
    /// Position in [`Summary::sites`] (0-based).
    Index(usize),
    /// The boundary feature's id.
    Id(String),
}

/// Options of [`Community::site_metrics`].
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "SiteMetricsOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct SiteQuery {
    /// Which site (default: the first).
    pub site: Option<SiteRef>,
    /// Policy parameters; `None` uses the caller's default (a profile's).
    pub params: Option<SiteParams>,
    /// The project type (decides the renovation-only FAR exemptions);
    /// overrides `params.projectType`.
    pub project_type: Option<crate::model::ProjectType>,
}

/// One site as listed in the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SiteInfo {
    /// Boundary id, if any.
    pub id: Option<String>,
    /// Boundary name, if any.
    pub name: Option<String>,
    /// Source feature index (`null` when synthesised from the buildings).
    pub feature_index: Option<usize>,
}

/// Counts of what was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Features in the input.
    pub feature_count: usize,
    /// Items by kind (`boundary`, `building`, `facility`, `road`, ...).
    pub counts: BTreeMap<&'static str, usize>,
    /// Buildings by use.
    pub buildings_by_use: BTreeMap<&'static str, usize>,
    /// Facilities by category.
    pub categories: BTreeMap<String, usize>,
    /// `[minLon, minLat, maxLon, maxLat]` of everything read, if anything.
    pub bbox: Option<[f64; 4]>,
    /// The sites (boundaries) that will be evaluated.
    pub sites: Vec<SiteInfo>,
    /// Everything skipped, estimated or repaired while reading.
    pub warnings: Vec<Warning>,
    /// The warnings grouped by code: how many, the first few features.
    pub warning_groups: Vec<WarningGroup>,
    /// Where each source's features are (one entry for `fromGeoJSON`).
    pub sources: Vec<crate::input::SourceInfo>,
}

/// Warnings of one code, counted (hundreds of `UNCLASSIFIED_FEATURE`
/// become one line).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WarningGroup {
    /// The code.
    pub code: &'static str,
    /// How many warnings have it.
    pub count: usize,
    /// The first message, as an example.
    pub message: String,
    /// Feature indices of the first few (at most [`GROUP_FEATURES`]).
    pub feature_indices: Vec<usize>,
}

/// Most feature indices listed per warning group.
pub const GROUP_FEATURES: usize = 5;

/// Groups warnings by code, in the order each code first appears.
pub fn group_warnings(warnings: &[Warning]) -> Vec<WarningGroup> {
    let mut out: Vec<WarningGroup> = Vec::new();
    let mut at: std::collections::HashMap<&'static str, usize> = std::collections::HashMap::new();
    for w in warnings {
        let k = *at.entry(w.code).or_insert_with(|| {
            out.push(WarningGroup {
                code: w.code,
                count: 0,
                message: w.message.clone(),
                feature_indices: Vec::new(),
            });
            out.len() - 1
        });
        if let Some(g) = out.get_mut(k) {
            g.count += 1;
            if let Some(i) = w.feature_index {
                if g.feature_indices.len() < GROUP_FEATURES {
                    g.feature_indices.push(i);
                }
            }
        }
    }
    out
}

/// Site metrics together with the site they describe.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "SiteMetrics"))]
#[serde(rename_all = "camelCase")]
pub struct SiteMetricsResult {
    /// The site.
    pub site: SiteInfo,
    /// The metrics (flattened into this object in JSON).
    #[serde(flatten)]
    pub metrics: SiteMetrics,
    /// Problems met while computing.
    pub warnings: Vec<Warning>,
}

impl Community {
    /// Reads GeoJSON text; see [`input::read`] for errors.
    pub fn from_geojson(text: &str, options: &ReadOptions) -> Result<Self> {
        Ok(Self::from_dataset(input::read(text, options)?))
    }

    /// Reads several GeoJSON sources as one community
    /// ([`input::read_sources`]): each with its own coordinate system,
    /// classified together; limits apply to the sum.
    pub fn from_sources(sources: &[input::Source<'_>], options: &ReadOptions) -> Result<Self> {
        Ok(Self::from_dataset(input::read_sources(sources, options)?))
    }

    /// Wraps an already validated dataset. When it has no boundary, the
    /// convex hull of all building vertices becomes the site (with a warning).
    /// Buildings whose centroid lies in no site are reported (they count in
    /// no site's metrics).
    pub fn from_dataset(mut ds: Dataset) -> Self {
        let mut sites = ds.boundaries.clone();
        if sites.is_empty() {
            let pts: Vec<Point<f64>> = ds
                .buildings
                .iter()
                .flat_map(|b| b.footprint.0.iter())
                .flat_map(|p| p.exterior().points())
                .collect();
            if !pts.is_empty() {
                let hull = MultiPoint::new(pts).convex_hull();
                sites.push(Boundary {
                    feature_index: None,
                    id: None,
                    name: None,
                    area: MultiPolygon::new(vec![hull]),
                });
                ds.warnings.push(Warning::global(
                    "NO_BOUNDARY",
                    "no `boundary` feature: the convex hull of all buildings is used as the site",
                ));
            }
        }
        match buildings_outside(&ds, &sites) {
            Some(0) => {}
            Some(outside) => ds.warnings.push(Warning::global(
                "BUILDINGS_OUTSIDE_SITES",
                format!(
                    "{outside} of {} buildings have their centroid outside every site; \
                     they are not counted in any site's metrics",
                    ds.buildings.len()
                ),
            )),
            None => ds.warnings.push(Warning::global(
                "WORK_LIMIT",
                "the sites overlap too much to check which buildings lie outside all of them",
            )),
        }
        crate::input::annotate_sources(&ds.sources, &mut ds.warnings);
        Community {
            ds,
            sites,
            engine: OnceLock::new(),
            centroids: OnceLock::new(),
            site_index: OnceLock::new(),
        }
    }

    /// The same community with another facility list (`feature_count`
    /// covers any facilities added beyond the input's features). Buildings,
    /// sites and reading warnings are shared as they are; the engine is
    /// built afresh on first use. See [`crate::edits`].
    pub(crate) fn with_facilities(
        &self,
        facilities: Vec<crate::model::Facility>,
        feature_count: usize,
    ) -> Community {
        let mut ds = self.ds.clone();
        ds.facilities = facilities;
        ds.feature_count = feature_count;
        let centroids = OnceLock::new();
        if let Some(c) = self.centroids.get() {
            let _ = centroids.set(c.clone());
        }
        Community {
            ds,
            sites: self.sites.clone(),
            engine: OnceLock::new(),
            centroids,
            site_index: OnceLock::new(),
        }
    }

    /// The accessibility engine (walk network, snapped origins and
    /// facilities), built on first call and reused by every query.
    pub fn access_engine(&self) -> Result<&AccessEngine> {
        if let Some(e) = self.engine.get() {
            return Ok(e);
        }
        let built = AccessEngine::new(&self.ds, &NetworkOptions::default())?;
        Ok(self.engine.get_or_init(|| built))
    }

    /// The validated dataset.
    pub fn dataset(&self) -> &Dataset {
        &self.ds
    }

    /// The sites: the boundaries, or one synthesised from the buildings.
    pub fn sites(&self) -> &[Boundary] {
        &self.sites
    }

    /// Resolves a site reference (default: the first site).
    pub fn site(&self, r: Option<&SiteRef>) -> Result<&Boundary> {
        let found = match r {
            None | Some(SiteRef::Index(0)) if !self.sites.is_empty() => self.sites.first(),
            None => None,
            Some(SiteRef::Index(i)) => self.sites.get(*i),
            Some(SiteRef::Id(id)) => self
                .sites
                .iter()
                .find(|s| s.id.as_deref() == Some(id.as_str())),
        };
        found.ok_or_else(|| match r {
            None => Error::EmptyInput {
                reason: "no boundary and no buildings to derive a site from".into(),
            },
            Some(SiteRef::Index(i)) => Error::NotFound {
                what: "site",
                name: i.to_string(),
            },
            Some(SiteRef::Id(id)) => Error::NotFound {
                what: "site",
                name: id.clone(),
            },
        })
    }

    /// Counts by kind and category, bbox and reading warnings.
    pub fn summary(&self) -> Summary {
        let ds = &self.ds;
        let counts = BTreeMap::from([
            ("boundary", ds.boundaries.len()),
            ("building", ds.buildings.len()),
            ("facility", ds.facilities.len()),
            ("road", ds.roads.len()),
            ("green", ds.greens.len()),
            ("gate", ds.gates.len()),
            ("compound", ds.compounds.len()),
            ("destination", ds.destinations.len()),
            ("transitLine", ds.transit_lines.len()),
            ("transitStop", ds.transit_stops.len()),
        ]);
        let mut buildings_by_use = BTreeMap::new();
        for b in &ds.buildings {
            *buildings_by_use.entry(b.building_use.as_str()).or_insert(0) += 1;
        }
        let mut categories = BTreeMap::new();
        for f in &ds.facilities {
            *categories.entry(f.category.clone()).or_insert(0) += 1;
        }
        Summary {
            feature_count: ds.feature_count,
            counts,
            buildings_by_use,
            categories,
            bbox: bbox(ds),
            sites: self.sites.iter().map(site_info).collect(),
            warnings: ds.warnings.clone(),
            warning_groups: group_warnings(&ds.warnings),
            sources: ds.sources.clone(),
        }
    }

    /// The centroid of every building, in `dataset().buildings` order
    /// (computed once; `None` for a footprint without one).
    pub fn building_centroids(&self) -> &[Option<Point<f64>>] {
        self.centroids.get_or_init(|| {
            self.ds
                .buildings
                .iter()
                .map(|b| b.footprint.centroid())
                .collect()
        })
    }

    /// The R-trees that find what lies in a site (built once, on first use).
    pub fn site_index(&self) -> &SiteIndex {
        self.site_index
            .get_or_init(|| SiteIndex::new(&self.ds, self.building_centroids()))
    }

    /// Site indicators of one site with the given policy parameters.
    pub fn site_metrics(
        &self,
        site: Option<&SiteRef>,
        params: &SiteParams,
    ) -> Result<SiteMetricsResult> {
        let s = self.site(site)?;
        params.check()?;
        let mut warnings = Vec::new();
        let metrics = site::site_metrics(
            &self.ds,
            self.building_centroids(),
            self.site_index(),
            &s.area,
            params,
            &mut warnings,
        );
        Ok(SiteMetricsResult {
            site: site_info(s),
            metrics,
            warnings,
        })
    }
}

/// Buildings whose centroid lies in no site, or `None` when the sites
/// overlap so much that checking would exceed the work cap.
fn buildings_outside(ds: &Dataset, sites: &[Boundary]) -> Option<usize> {
    if sites.is_empty() || ds.buildings.is_empty() {
        return Some(0);
    }
    let (mut points, mut no_centroid) = (Vec::with_capacity(ds.buildings.len()), 0);
    for b in &ds.buildings {
        match b.footprint.centroid() {
            Some(c) => points.push(c),
            None => no_centroid += 1,
        }
    }
    let placed = place_points(sites.iter().map(|s| &s.area), &points);
    if placed.undecided > 0 {
        return None;
    }
    Some(no_centroid + placed.area_of.iter().filter(|a| a.is_none()).count())
}

fn site_info(b: &Boundary) -> SiteInfo {
    SiteInfo {
        id: b.id.clone(),
        name: b.name.clone(),
        feature_index: b.feature_index,
    }
}

fn bbox(ds: &Dataset) -> Option<[f64; 4]> {
    let mut acc: Option<[f64; 4]> = None;
    let mut add = |r: Option<geo::Rect<f64>>| {
        if let Some(r) = r {
            let (lo, hi) = (r.min(), r.max());
            acc = Some(match acc {
                None => [lo.x, lo.y, hi.x, hi.y],
                Some(a) => [
                    a[0].min(lo.x),
                    a[1].min(lo.y),
                    a[2].max(hi.x),
                    a[3].max(hi.y),
                ],
            });
        }
    };
    ds.boundaries
        .iter()
        .for_each(|b| add(b.area.bounding_rect()));
    ds.buildings
        .iter()
        .for_each(|b| add(b.footprint.bounding_rect()));
    ds.facilities
        .iter()
        .for_each(|f| add(Some(f.location.bounding_rect())));
    ds.roads.iter().for_each(|r| add(r.lines.bounding_rect()));
    ds.greens.iter().for_each(|g| add(g.area.bounding_rect()));
    acc
}
