//! Evaluating a [`Community`] against a profile: compute exactly the metrics
//! the profile reads (site metrics, coverage, nearest distances, travel
//! circles) for each site, then score them with [`crate::profile`].

use serde::Serialize;

use crate::community::{Community, SiteRef};
use crate::error::{Result, Warning};
use crate::profile::metric::insert_json;
use crate::profile::{self, Comparison, EvalOptions, Metrics, Profile, Report, ReportWarning};
use crate::site::SiteParams;

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
    if let Some(v) = p.parameter_list("serviceCategories") {
        s.service_categories = v.to_vec();
    }
    if let Some(v) = p.parameter_number("storeyHeightM") {
        s.storey_height_m = v;
    }
    s
}

/// The metrics of one site, as the dotted keys profiles read.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteMetricsMap {
    /// Metric key → value.
    pub metrics: Metrics,
    /// Problems met while computing.
    pub warnings: Vec<Warning>,
}

/// Computes every metric `profile` needs for one site.
pub fn metrics_for_site(
    c: &Community,
    site: Option<&SiteRef>,
    profile: &Profile,
) -> Result<SiteMetricsMap> {
    let params = site_params(profile);
    let sm = c.site_metrics(site, &params)?;
    let mut metrics = Metrics::new();
    let value = serde_json::to_value(&sm.metrics)
        .map_err(|e| crate::Error::option("result", e.to_string()))?;
    insert_json("siteMetrics", &value, &mut metrics);
    Ok(SiteMetricsMap {
        metrics,
        warnings: sm.warnings,
    })
}

/// Evaluates one site (default: the first) against `profile`.
pub fn evaluate_site(
    c: &Community,
    site: Option<&SiteRef>,
    profile: &Profile,
    options: &EvalOptions,
) -> Result<Report> {
    let m = metrics_for_site(c, site, profile)?;
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
    let mut sites = Vec::with_capacity(c.sites().len());
    for (i, s) in c.sites().iter().enumerate() {
        let id = s.id.clone().unwrap_or_else(|| format!("site-{i}"));
        let m = metrics_for_site(c, Some(&SiteRef::Index(i)), profile)?;
        sites.push((id, m.metrics));
    }
    profile::evaluate_many(profile, &sites, options)
}
