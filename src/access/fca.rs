//! Two-step floating catchment area (2SFCA, Luo & Wang 2003) and its
//! enhanced form (E2SFCA, Luo & Qi 2009), as implemented by PySAL `access`
//! (`Access.two_stage_fca`):
//!
//! - step 1, per facility j: R_j = S_j / Σ_k D_k f(d_kj) over residential
//!   buildings k with d_kj ≤ d0 (R_j is `null` when that sum is 0);
//! - step 2, per building i: A_i = Σ_j R_j f(d_ij) over facilities j with
//!   d_ij ≤ d0 (0 when none);
//!
//! with S_j the facility's `capacity` (1 when not given), D_k the building's
//! households (or population), d the network distance (same snapping rule
//! as `accessibility`), d0 the catchment, and f = 1 (plain 2SFCA) or the
//! given decay (E2SFCA: `{ "type": "e2sfca" }`, weights 1 / 0.68 / 0.22 in
//! the thirds of the catchment). `normalized` divides A_i by the
//! demand-weighted mean of A.

use super::engine::AccessEngine;
use super::measures::{self, Scratch, Usable};
use super::options::{max_snap, TwoStepOptions};
use super::query::{warn_unreachable_facilities, warn_unreachable_origins, Sink};
use super::result::{FcaBuilding, FcaFacility, TwoStepResult};
use crate::error::{Result, Warning};

impl AccessEngine {
    /// 2SFCA / E2SFCA scores of every residential building for one category.
    ///
    /// Errors on invalid options. A category without facilities is not an
    /// error: every score is 0 and a warning says so.
    pub fn two_step_fca(&self, options: &TwoStepOptions) -> Result<TwoStepResult> {
        let catchment = options.catchment()?;
        let kernel = options
            .decay
            .as_ref()
            .map(|d| d.kernel("decay", Some(catchment)))
            .transpose()?;
        let max_snap_m = max_snap(options.max_snap_m);
        let demand_kind = options.demand.unwrap_or_default();
        let snapped = self.snapped(options.snap.unwrap_or_default());
        let mut sink = Sink::new(self.warnings());
        warn_unreachable_origins(self, snapped, max_snap_m, &mut sink);
        let category = options.category.as_str();
        let ids: &[u32] = self.categories.get(category).map_or(&[], Vec::as_slice);
        if ids.is_empty() {
            sink.push(Warning::global(
                "EMPTY_CATEGORY",
                format!("no `{category}` facility in the data: every score is 0"),
            ));
        }
        let (usable, off) = Usable::new(snapped, ids, max_snap_m);
        warn_unreachable_facilities(self, snapped, &off, category, max_snap_m, &mut sink);
        let demand: Vec<f64> = self
            .origins
            .iter()
            .map(|o| match demand_kind {
                super::options::Demand::Households => o.households,
                super::options::Demand::Population => o.population,
            })
            .collect();
        let weight = |d: f64| match &kernel {
            Some(k) => k.weight(d),
            None => 1.0,
        };
        let mut pairs: Vec<(u32, u32, f64)> = Vec::new();
        let mut scratch = Scratch::default();
        measures::for_each_pair(
            self,
            snapped,
            &usable,
            catchment,
            max_snap_m,
            &mut scratch,
            |p, o, d| {
                pairs.push((p, o, d));
            },
        );
        // Step 1: supply-to-demand ratio of every usable facility.
        let mut catchment_demand = vec![0.0; usable.list.len()];
        for &(p, o, d) in &pairs {
            catchment_demand[p as usize] += demand[o as usize] * weight(d);
        }
        let ratio: Vec<Option<f64>> = usable
            .list
            .iter()
            .zip(&catchment_demand)
            .map(|((fi, _), &dem)| {
                (dem > 0.0).then(|| self.facilities[*fi as usize].capacity / dem)
            })
            .collect();
        // Step 2: sum of the ratios within reach of every building.
        let mut score = vec![0.0; self.origins.len()];
        for &(p, o, d) in &pairs {
            if let Some(r) = ratio[p as usize] {
                score[o as usize] += r * weight(d);
            }
        }
        let total_demand: f64 = demand.iter().sum();
        let weighted: f64 = demand.iter().zip(&score).map(|(d, a)| d * a).sum();
        let mean = if total_demand > 0.0 {
            weighted / total_demand
        } else {
            0.0
        };
        let buildings = self
            .origins
            .iter()
            .enumerate()
            .map(|(o, origin)| FcaBuilding {
                feature_index: origin.feature_index,
                id: origin.id.clone(),
                demand: demand[o],
                score: score[o],
                normalized: (mean > 0.0).then(|| score[o] / mean),
            })
            .collect();
        let mut facilities = Vec::with_capacity(ids.len());
        let mut next = 0;
        for &i in ids {
            let facility = &self.facilities[i as usize];
            let (dem, r) = match usable.list.get(next) {
                Some((s, _)) if *s == i => {
                    next += 1;
                    (catchment_demand[next - 1], ratio[next - 1])
                }
                _ => (0.0, None),
            };
            facilities.push(FcaFacility {
                feature_index: facility.feature_index,
                id: facility.id.clone(),
                supply: facility.capacity,
                catchment_demand: dem,
                ratio: r,
            });
        }
        Ok(TwoStepResult {
            category: category.to_string(),
            catchment_m: catchment,
            demand: demand_kind,
            buildings,
            facilities,
            warnings: sink.finish(),
        })
    }
}
