//! The nearest-facility search of each category, kept between queries.
//!
//! The demo page scores a community (`evaluate`, whose accessibility query
//! covers the profile's categories and thresholds) and then colours the map
//! from a second `accessibilityColumns` query over the same categories and
//! a few more. The multi-source search per category dominates both, and it
//! depends only on the category and the snapping (`snap`, `maxSnapM`), not
//! on thresholds or the other options; [`NearestMemo`] keeps its result so
//! that the second query searches only the categories the first did not.
//!
//! Bounded: only categories with facilities in the data are kept, and only
//! for the snapping of the latest query (another snapping clears it), so it
//! holds at most one `(distance, facility)` pair per residential building
//! and data category: what one accessibility result of every category holds
//! anyway.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::options::SnapMode;

/// The searches keyed by snapping, then category.
#[derive(Debug, Default)]
pub(crate) struct NearestMemo {
    inner: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    /// The snapping the entries were computed with (`max_snap_m` as bits).
    snapping: Option<(SnapMode, u64)>,
    by_category: BTreeMap<String, Arc<Vec<(f64, u32)>>>,
}

impl NearestMemo {
    /// The kept search of `category` under this snapping, if any.
    pub(crate) fn get(
        &self,
        snap: SnapMode,
        max_snap_m: f64,
        category: &str,
    ) -> Option<Arc<Vec<(f64, u32)>>> {
        let e = self.inner.lock().ok()?;
        if e.snapping != Some((snap, max_snap_m.to_bits())) {
            return None;
        }
        e.by_category.get(category).cloned()
    }

    /// Keeps `near` for `category` (the caller only passes categories with
    /// facilities in the data); another snapping than the kept one first
    /// clears the memo. A poisoned lock keeps nothing.
    pub(crate) fn put(
        &self,
        snap: SnapMode,
        max_snap_m: f64,
        category: &str,
        near: Arc<Vec<(f64, u32)>>,
    ) {
        let Ok(mut e) = self.inner.lock() else {
            return;
        };
        let key = Some((snap, max_snap_m.to_bits()));
        if e.snapping != key {
            e.by_category.clear();
            e.snapping = key;
        }
        e.by_category.insert(category.to_string(), near);
    }

    /// Number of kept searches (for the tests of the bound).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.inner.lock().map_or(0, |e| e.by_category.len())
    }
}

#[cfg(test)]
mod tests {
    use crate::access::options::SnapMode;
    use crate::access::{AccessColumns, AccessOptions};
    use crate::input::ReadOptions;
    use crate::units::{Metres, MetresOrZero};
    use crate::Community;

    fn helsinki() -> Community {
        let text =
            std::fs::read_to_string("data/helsinki-centre/normalized.geojson").expect("dataset");
        Community::from_geojson(&text, &ReadOptions::default()).expect("reads")
    }

    /// The columns a new engine (empty memo) gives for `q`.
    fn fresh_columns(q: &AccessOptions) -> AccessColumns {
        let fresh = helsinki();
        fresh
            .access_engine()
            .expect("engine")
            .accessibility_columns(q)
            .expect("fresh")
    }

    /// Equal as JSON: every number at full precision, `NaN` as `null`.
    fn json(c: &AccessColumns) -> String {
        serde_json::to_string(c).expect("json")
    }

    fn query(cats: &[&str], thresholds: &[f64]) -> AccessOptions {
        AccessOptions {
            categories: Some(cats.iter().map(|c| c.to_string()).collect()),
            thresholds_m: Some(
                thresholds
                    .iter()
                    .map(|t| Metres::checked(*t, "thresholdsM").expect("metres"))
                    .collect(),
            ),
            ..AccessOptions::default()
        }
    }

    /// The page's second query (more categories, other thresholds) after
    /// the evaluation's equals the same query on a fresh engine; only data
    /// categories are kept, at most one entry each.
    #[test]
    fn a_reused_search_equals_a_fresh_one() {
        let warm = helsinki();
        let engine = warm.access_engine().expect("engine");
        let mut data: Vec<String> = engine.categories().iter().map(|c| c.to_string()).collect();
        assert!(data.len() >= 5, "{data:?}");
        let first: Vec<&str> = data.iter().take(3).map(String::as_str).collect();
        engine
            .accessibility_columns(&query(&first, &[300.0, 500.0]))
            .expect("first");
        assert_eq!(engine.nearest_memo.len(), 3);
        data.push("no_such_category".to_string());
        let all: Vec<&str> = data.iter().map(String::as_str).collect();
        let second = query(&all, &[200.0, 800.0, 1000.0]);
        let reused = engine.accessibility_columns(&second).expect("second");
        assert_eq!(
            engine.nearest_memo.len(),
            data.len() - 1,
            "unknown category kept"
        );
        let fresh = fresh_columns(&second);
        assert_eq!(json(&reused), json(&fresh));
        assert!(reused
            .categories
            .values()
            .any(|c| c.network_m.iter().any(|d| d.is_finite())));
        // The same query once more is served from the memo alone.
        let again = engine.accessibility_columns(&second).expect("again");
        assert_eq!(json(&again), json(&reused));
    }

    /// Another snapping is never served from the memo: it clears it, and its
    /// results equal a fresh engine's; the memo never outgrows the data's
    /// categories.
    #[test]
    fn another_snapping_starts_afresh() {
        let warm = helsinki();
        let engine = warm.access_engine().expect("engine");
        let n = engine.categories().len();
        let cats: Vec<String> = engine.categories().iter().map(|c| c.to_string()).collect();
        let cats: Vec<&str> = cats.iter().map(String::as_str).collect();
        let edge = query(&cats, &[500.0]);
        engine.accessibility_columns(&edge).expect("edge");
        for variant in [
            AccessOptions {
                snap: Some(SnapMode::Node),
                ..edge.clone()
            },
            AccessOptions {
                max_snap_m: Some(MetresOrZero::checked(20.0, "maxSnapM").expect("m")),
                ..edge.clone()
            },
        ] {
            let got = engine.accessibility_columns(&variant).expect("variant");
            assert!(engine.nearest_memo.len() <= n);
            let want = fresh_columns(&variant);
            assert_eq!(json(&got), json(&want));
            assert_ne!(
                json(&got),
                json(&engine.accessibility_columns(&edge).expect("edge"))
            );
        }
    }
}
