//! `accessibility`: nearest, k nearest, straight-line, detour, cumulative
//! opportunities, gravity and coverage for every residential building and
//! category, in columns or objects.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::engine::AccessEngine;
use super::measures::{self, Scratch, Usable};
use super::options::{AccessOptions, Resolved};
use super::points;
use super::result::{
    AccessColumns, AccessResult, BuildingAccess, CategoryColumns, CoverageShares, CoverageTotals,
    Key,
};
use super::snapped::Snapped;
use crate::error::{Result, Warning};
use crate::network::NO_SOURCE;

/// At most this many per-feature warnings of one code per query; the rest
/// are summarised in one warning.
pub(crate) const WARNINGS_PER_CODE: usize = 100;

/// Collects warnings, capping the per-feature ones by code.
pub(crate) struct Sink {
    out: Vec<Warning>,
    counts: HashMap<&'static str, usize>,
}

impl Sink {
    pub fn new(initial: &[Warning]) -> Sink {
        Sink {
            out: initial.to_vec(),
            counts: HashMap::new(),
        }
    }

    pub fn push(&mut self, w: Warning) {
        let n = self.counts.entry(w.code).or_insert(0);
        *n += 1;
        if *n <= WARNINGS_PER_CODE {
            self.out.push(w);
        }
    }

    pub fn finish(mut self) -> Vec<Warning> {
        let mut over: Vec<_> = self
            .counts
            .into_iter()
            .filter(|(_, n)| *n > WARNINGS_PER_CODE)
            .collect();
        over.sort();
        for (code, n) in over {
            self.out.push(Warning::global(
                "WARNINGS_TRUNCATED",
                format!(
                    "{} more `{code}` warnings not listed ({n} in all)",
                    n - WARNINGS_PER_CODE
                ),
            ));
        }
        self.out
    }
}

/// Warns about origins with no access point within `max_snap_m`.
pub(crate) fn warn_unreachable_origins(
    engine: &AccessEngine,
    snapped: &Snapped,
    max_snap_m: f64,
    sink: &mut Sink,
) {
    for (o, origin) in engine.origins.iter().enumerate() {
        if let Some(w) = points::origin_off_network(origin, snapped.origin(o), max_snap_m) {
            sink.push(w);
        }
    }
}

/// Warns about a category's facilities beyond `max_snap_m`.
pub(crate) fn warn_unreachable_facilities(
    engine: &AccessEngine,
    snapped: &Snapped,
    off: &[u32],
    category: &str,
    max_snap_m: f64,
    sink: &mut Sink,
) {
    for &i in off {
        let Some(f) = engine.facilities.get(i as usize) else {
            continue;
        };
        let snap_m = snapped
            .facility
            .get(i as usize)
            .copied()
            .flatten()
            .map(|ap| ap.snap_m);
        sink.push(points::facility_off_network(
            f, category, snap_m, max_snap_m,
        ));
    }
}

fn to_i32(i: u32) -> i32 {
    if i == NO_SOURCE {
        -1
    } else {
        i32::try_from(i).unwrap_or(-1)
    }
}

fn finite_or_nan(d: f64) -> f64 {
    if d.is_finite() {
        d
    } else {
        f64::NAN
    }
}

impl AccessEngine {
    /// The nearest-facility search of `cat`, from the memo when an earlier
    /// query made it with the same snapping; kept for the next query when
    /// the category has facilities (`known`).
    fn nearest_kept(
        &self,
        snapped: &Snapped,
        usable: &Usable,
        r: &Resolved,
        cat: &str,
        known: bool,
        scratch: &mut Scratch,
    ) -> Arc<Vec<(f64, u32)>> {
        if let Some(near) = self.nearest_memo.get(r.snap, r.max_snap_m, cat) {
            return near;
        }
        let near = Arc::new(measures::nearest(
            self,
            snapped,
            usable,
            r.max_snap_m,
            scratch,
        ));
        if known {
            self.nearest_memo
                .put(r.snap, r.max_snap_m, cat, Arc::clone(&near));
        }
        near
    }

    /// Accessibility of every residential building in columnar form.
    ///
    /// One multi-source Dijkstra per category gives the nearest facility
    /// (and one k-label search when `k` > 1); one bounded search per
    /// facility gives cumulative opportunities and gravity. Errors only on
    /// invalid options.
    pub fn accessibility_columns(&self, options: &AccessOptions) -> Result<AccessColumns> {
        let r: Resolved = options.resolve(&self.categories())?;
        let snapped = self.snapped(r.snap);
        let mut sink = Sink::new(self.warnings());
        warn_unreachable_origins(self, snapped, r.max_snap_m, &mut sink);
        let n = self.origins.len();
        let nt = r.thresholds.len();
        let t_max = r.thresholds.iter().map(|t| t.metres).fold(0.0, f64::max);
        let totals = CoverageTotals {
            households: self.origins.iter().map(|o| o.households).sum(),
            population: self.origins.iter().map(|o| o.population).sum(),
            buildings: n,
            land_area_m2: self.origins.iter().map(|o| o.land_area_m2).sum(),
        };
        let mut scratch = Scratch::default();
        let mut categories = BTreeMap::new();
        let mut coverage = BTreeMap::new();
        for cat in &r.categories {
            let ids: &[u32] = self.categories.get(cat).map_or(&[], Vec::as_slice);
            if ids.is_empty() {
                sink.push(Warning::global(
                    "EMPTY_CATEGORY",
                    format!("no `{cat}` facility in the data: its distances are null"),
                ));
            }
            let (usable, off) = Usable::new(snapped, ids, r.max_snap_m);
            warn_unreachable_facilities(self, snapped, &off, cat, r.max_snap_m, &mut sink);
            let near = self.nearest_kept(snapped, &usable, &r, cat, !ids.is_empty(), &mut scratch);
            let straight = measures::straight(self, cat);
            let mut cols = CategoryColumns {
                facilities: ids.len(),
                reachable_facilities: usable.list.len(),
                network_m: Vec::with_capacity(n),
                nearest_feature_index: Vec::with_capacity(n),
                straight_m: straight.iter().map(|s| finite_or_nan(s.0)).collect(),
                straight_feature_index: straight
                    .iter()
                    .map(|s| {
                        if s.1 == NO_SOURCE {
                            -1
                        } else {
                            to_i32(self.facilities[s.1 as usize].feature_index as u32)
                        }
                    })
                    .collect(),
                detour_ratio: Vec::with_capacity(n),
                k_nearest_m: Vec::new(),
                opportunities: Vec::new(),
                gravity: Vec::new(),
            };
            for (o, &(d, p)) in near.iter().enumerate() {
                cols.network_m.push(finite_or_nan(d));
                let nearest =
                    (p != NO_SOURCE).then(|| &self.facilities[usable.list[p as usize].0 as usize]);
                cols.nearest_feature_index
                    .push(nearest.map_or(-1, |s| to_i32(s.feature_index as u32)));
                let ratio = match (nearest, &self.origins[o].around) {
                    (Some(s), Some(around)) => {
                        let sd = around.distance_m(s.location);
                        if sd > 0.0 {
                            d / sd
                        } else {
                            f64::NAN
                        }
                    }
                    _ => f64::NAN,
                };
                cols.detour_ratio.push(ratio);
            }
            if r.k > 1 {
                cols.k_nearest_m =
                    measures::k_nearest(self, snapped, &usable, r.k, r.max_snap_m, &mut scratch);
            }
            let want_opp = r.opportunities && nt > 0;
            if want_opp || r.kernel.is_some() {
                let mut cutoff = if want_opp { t_max } else { 0.0 };
                if let Some(k) = &r.kernel {
                    cutoff = cutoff.max(k.cutoff());
                    cols.gravity = vec![0.0; n];
                }
                if want_opp {
                    cols.opportunities = vec![0; n * nt];
                }
                let CategoryColumns {
                    opportunities,
                    gravity,
                    ..
                } = &mut cols;
                measures::for_each_pair(
                    self,
                    snapped,
                    &usable,
                    cutoff,
                    r.max_snap_m,
                    &mut scratch,
                    |p, o, d| {
                        let o = o as usize;
                        if want_opp {
                            for (ti, t) in r.thresholds.iter().enumerate() {
                                if d <= t.metres {
                                    opportunities[o * nt + ti] += 1;
                                }
                            }
                        }
                        if let Some(k) = &r.kernel {
                            let facility = &self.facilities[usable.list[p as usize].0 as usize];
                            gravity[o] += facility.capacity * k.weight(d);
                        }
                    },
                );
            }
            coverage.insert(cat.clone(), self.coverage(&cols.network_m, &r, &totals));
            categories.insert(cat.clone(), cols);
        }
        Ok(AccessColumns {
            feature_index: self
                .origins
                .iter()
                .map(|o| o.feature_index as u32)
                .collect(),
            id: self.origins.iter().map(|o| o.id.clone()).collect(),
            households: self.origins.iter().map(|o| o.households).collect(),
            population: self.origins.iter().map(|o| o.population).collect(),
            land_area_m2: self.origins.iter().map(|o| o.land_area_m2).collect(),
            thresholds: r.thresholds.clone(),
            k: r.k,
            snap: r.snap,
            max_snap_m: r.max_snap_m,
            categories,
            coverage,
            coverage_totals: totals,
            warnings: sink.finish(),
        })
    }

    /// Coverage shares of one category for every threshold.
    fn coverage(
        &self,
        network_m: &[f64],
        r: &Resolved,
        totals: &CoverageTotals,
    ) -> BTreeMap<String, CoverageShares> {
        let share = |covered: f64, total: f64| (total > 0.0).then(|| covered / total);
        r.thresholds
            .iter()
            .map(|t| {
                let (mut hh, mut pop, mut b, mut land) = (0.0, 0.0, 0usize, 0.0);
                for (o, &d) in network_m.iter().enumerate() {
                    if d <= t.metres {
                        let origin = &self.origins[o];
                        hh += origin.households;
                        pop += origin.population;
                        b += 1;
                        land += origin.land_area_m2;
                    }
                }
                let shares = CoverageShares {
                    households: share(hh, totals.households),
                    population: share(pop, totals.population),
                    buildings: share(b as f64, totals.buildings as f64),
                    land_area: share(land, totals.land_area_m2),
                };
                (t.key.clone(), shares)
            })
            .collect()
    }

    /// Accessibility of every residential building, one object each (the
    /// `community.accessibility` result). Same numbers as
    /// [`AccessEngine::accessibility_columns`], `null` for unreachable.
    pub fn accessibility(&self, options: &AccessOptions) -> Result<AccessResult> {
        let cols = self.accessibility_columns(options)?;
        let opt = |d: f64| (!d.is_nan()).then_some(d);
        let idx = |i: i32| usize::try_from(i).ok();
        let nt = cols.thresholds.len();
        // Shared keys and the categories as a list, so that each building
        // only clones reference-counted keys.
        let cats: Vec<(Key, &CategoryColumns)> = cols
            .categories
            .iter()
            .map(|(c, col)| (Key::new(c), col))
            .collect();
        let tkeys: Vec<Key> = cols.thresholds.iter().map(|t| Key::new(&t.key)).collect();
        let any_opp = cats.iter().any(|(_, c)| !c.opportunities.is_empty());
        let any_gravity = cats.iter().any(|(_, c)| !c.gravity.is_empty());
        let buildings = (0..self.origins.len())
            .map(|o| {
                let origin = &self.origins[o];
                let per =
                    |f: &dyn Fn(&CategoryColumns) -> Option<f64>| -> BTreeMap<Key, Option<f64>> {
                        cats.iter().map(|(c, col)| (c.clone(), f(col))).collect()
                    };
                let k_nearest_m = (cols.k > 1).then(|| {
                    cats.iter()
                        .map(|(c, col)| {
                            let row = &col.k_nearest_m[o * cols.k..(o + 1) * cols.k];
                            (
                                c.clone(),
                                row.iter().copied().filter(|d| !d.is_nan()).collect(),
                            )
                        })
                        .collect()
                });
                let opportunities = any_opp.then(|| {
                    cats.iter()
                        .filter(|(_, col)| !col.opportunities.is_empty())
                        .map(|(c, col)| {
                            let row = tkeys
                                .iter()
                                .enumerate()
                                .map(|(ti, t)| (t.clone(), col.opportunities[o * nt + ti]));
                            (c.clone(), row.collect())
                        })
                        .collect()
                });
                let gravity = any_gravity.then(|| {
                    cats.iter()
                        .map(|(c, col)| (c.clone(), col.gravity.get(o).copied().unwrap_or(0.0)))
                        .collect()
                });
                BuildingAccess {
                    feature_index: origin.feature_index,
                    id: origin.id.clone(),
                    households: origin.households,
                    population: origin.population,
                    network_m: per(&|c| opt(c.network_m[o])),
                    nearest_feature_index: cats
                        .iter()
                        .map(|(c, col)| (c.clone(), idx(col.nearest_feature_index[o])))
                        .collect(),
                    straight_m: per(&|c| opt(c.straight_m[o])),
                    detour_ratio: per(&|c| opt(c.detour_ratio[o])),
                    k_nearest_m,
                    opportunities,
                    gravity,
                }
            })
            .collect();
        Ok(AccessResult {
            categories: cols.categories.keys().cloned().collect(),
            thresholds: cols.thresholds,
            buildings,
            coverage: cols.coverage,
            coverage_totals: cols.coverage_totals,
            warnings: cols.warnings,
        })
    }
}
