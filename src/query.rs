//! The options of `evaluate` / `evaluateAll` as every front end decodes
//! them (the JS bindings, the Python package): which site, plus the
//! evaluation options. One type, so the front ends cannot drift apart.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::community::SiteRef;
use crate::profile::{AttributeValue, EvalOptions, ProjectType, Tier};

/// Options of `evaluate()` and `evaluateAll()`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "EvaluateOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvaluateQuery {
    /// Which site (ignored by `evaluateAll`).
    #[serde(default)]
    pub site: Option<SiteRef>,
    /// Declared attribute values by name.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttributeValue>,
    /// 改造更新 `renovation` or 规划新建 `newBuild`.
    #[serde(default)]
    pub project_type: Option<ProjectType>,
    /// 引领型 `leading` or 普惠型 `inclusive`.
    #[serde(default)]
    pub tier: Option<Tier>,
    /// `evaluateAll` only: `false` leaves `reports` empty and returns the
    /// table (scores, status, scenario scores, indicator values) and the
    /// ranking, a few hundred bytes per site instead of tens of kilobytes;
    /// for many sites. Default `true`.
    #[serde(default)]
    pub reports: Option<bool>,
}

impl EvaluateQuery {
    /// Whether `evaluateAll` keeps the full reports (`reports`, default true).
    pub fn keep_reports(&self) -> bool {
        self.reports.unwrap_or(true)
    }

    /// The site and the options of the evaluation itself.
    pub fn into_parts(self) -> (Option<SiteRef>, EvalOptions) {
        let opts = EvalOptions {
            attributes: self.attributes,
            project_type: self.project_type,
            tier: self.tier,
        };
        (self.site, opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_into_the_site_and_the_evaluation_options() {
        let q: EvaluateQuery = crate::decode::from_value(&serde_json::json!({
            "site": "north", "projectType": "renovation", "attributes": { "a": true }
        }))
        .unwrap();
        let (site, opts) = q.into_parts();
        assert_eq!(site, Some(SiteRef::Id("north".into())));
        assert_eq!(opts.project_type, Some(ProjectType::Renovation));
        assert_eq!(opts.attributes.len(), 1);
        assert!(
            crate::decode::from_value::<EvaluateQuery>(&serde_json::json!({ "sites": 1 })).is_err()
        );
    }
}
