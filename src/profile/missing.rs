//! Why indicators were not assessed, grouped for the report's `missing` list,
//! and the report's status (complete, provisional, insufficient).
//!
//! The causes are read from the indicator's metric key and from context
//! metrics the evaluator adds next to the values (`context.roads`,
//! `context.households`, `context.facilities.<category>`); when a context
//! metric is absent (a caller evaluating its own metrics map) the cause falls
//! back to the general `NO_VALUE`.

use std::collections::BTreeMap;

use super::metric::{MetricKey, Metrics};
use super::report::{IndicatorResult, MissingCause, MissingGroup, Reason, ReportStatus, Status};

/// Number of road features in the data.
pub const CONTEXT_ROADS: &str = "context.roads";
/// Households of the evaluated site.
pub const CONTEXT_HOUSEHOLDS: &str = "context.households";

/// The key of the count of facilities of `category` in the data.
pub fn context_facilities_key(category: &str) -> String {
    format!("context.facilities.{category}")
}

fn is_zero(metrics: &Metrics, key: &str) -> bool {
    metrics.get(key).is_some_and(|v| *v <= 0.0)
}

/// Why `result` (not assessed) has no value, and the item concerned.
fn cause(
    result: &IndicatorResult,
    key: &MetricKey,
    metrics: &Metrics,
) -> (MissingCause, Option<String>) {
    if result.reason == Some(Reason::ProjectTypeRequired) {
        return (MissingCause::ProjectTypeNotGiven, None);
    }
    if result.reason == Some(Reason::TargetValueMissing) {
        let from = result.target.as_ref().and_then(|t| t.value_from.as_deref());
        return match from.map(MetricKey::parse) {
            Some(Ok(MetricKey::Attribute(name))) => (MissingCause::NotDeclared, Some(name)),
            _ => (MissingCause::NoValue, None),
        };
    }
    let no_network = is_zero(metrics, CONTEXT_ROADS);
    let no_residents = is_zero(metrics, CONTEXT_HOUSEHOLDS);
    match key {
        MetricKey::Attribute(name) => (MissingCause::NotDeclared, Some(name.clone())),
        MetricKey::Coverage { category, .. } | MetricKey::NearestMedian { category } => {
            if no_network {
                (MissingCause::NoWalkableNetwork, None)
            } else if is_zero(metrics, &context_facilities_key(category)) {
                (MissingCause::NoFacilityCategory, Some(category.clone()))
            } else if no_residents {
                (MissingCause::NoResidents, None)
            } else {
                (MissingCause::NoValue, None)
            }
        }
        MetricKey::TravelCircle(circle) => {
            if no_network {
                (MissingCause::NoWalkableNetwork, None)
            } else if no_residents {
                (MissingCause::NoResidents, None)
            } else {
                (
                    MissingCause::NoFacilityCategory,
                    Some(format!("travelCircles.{}", circle.as_str())),
                )
            }
        }
        MetricKey::Site(_) if no_residents => (MissingCause::NoResidents, None),
        MetricKey::Site(_) => (MissingCause::NoValue, None),
    }
}

/// The not-assessed indicators of the scenarios in `counted`, grouped by
/// cause (causes in a fixed order, indicators and items in profile order).
pub fn missing_groups(
    results: &[IndicatorResult],
    keys: &[MetricKey],
    metrics: &Metrics,
    counted: impl Fn(&str) -> bool,
) -> Vec<MissingGroup> {
    let mut groups: BTreeMap<MissingCause, MissingGroup> = BTreeMap::new();
    for (r, key) in results.iter().zip(keys) {
        if r.status != Status::NotAssessed || !counted(&r.scenario) {
            continue;
        }
        let (c, item) = cause(r, key, metrics);
        let g = groups.entry(c).or_insert_with(|| MissingGroup {
            cause: c,
            indicators: Vec::new(),
            items: Vec::new(),
        });
        g.indicators.push(r.id.clone());
        if let Some(item) = item {
            if !g.items.contains(&item) {
                g.items.push(item);
            }
        }
    }
    groups.into_values().collect()
}

/// The report status for a score and completeness against the profile's
/// minimum completeness.
pub fn status(score: Option<f64>, completeness: f64, min_completeness: f64) -> ReportStatus {
    match score {
        None => ReportStatus::Insufficient,
        Some(_) if completeness < min_completeness => ReportStatus::Insufficient,
        Some(_) if completeness >= 1.0 => ReportStatus::Complete,
        Some(_) => ReportStatus::Provisional,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_bands() {
        assert_eq!(status(None, 1.0, 0.0), ReportStatus::Insufficient);
        assert_eq!(status(Some(50.0), 0.49, 0.5), ReportStatus::Insufficient);
        assert_eq!(status(Some(50.0), 0.5, 0.5), ReportStatus::Provisional);
        assert_eq!(status(Some(50.0), 1.0, 0.5), ReportStatus::Complete);
        assert_eq!(status(Some(0.0), 0.0, 0.0), ReportStatus::Provisional);
    }
}
