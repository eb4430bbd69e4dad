//! `future-community accessibility`: one row per residential building,
//! columns per category (the package's `accessibilityColumns`).

use future_community::access::{AccessColumns, AccessOptions};
use future_community::community::group_warnings;
use serde_json::{json, Value};

use crate::fail::Fail;
use crate::table::{Table, Values};

/// The core's accessibility options from the flags.
pub fn options(categories: &[String], thresholds_m: &[f64]) -> Result<AccessOptions, Fail> {
    let mut v = json!({});
    if !categories.is_empty() {
        v["categories"] = json!(categories);
    }
    if !thresholds_m.is_empty() {
        v["thresholdsM"] = json!(thresholds_m);
    }
    v["opportunities"] = Value::Bool(true);
    crate::load::options(&v, "options").map_err(|e| Fail::core("(command line)", e))
}

fn index(v: &[i32]) -> Values {
    Values::I64(v.iter().map(|&i| (i >= 0).then_some(i as i64)).collect())
}

fn num(v: &[f64]) -> Values {
    Values::F64(v.iter().map(|&x| (!x.is_nan()).then_some(x)).collect())
}

/// The building table: `feature_index`, `id`, `households`, `population`,
/// `land_area_m2`, then for each category `<cat>.network_m`,
/// `<cat>.nearest_feature_index`, `<cat>.straight_m`, `<cat>.detour_ratio`
/// and `<cat>.within_<threshold>` (facilities within each threshold).
pub fn table(cols: &AccessColumns) -> Table {
    let n = cols.feature_index.len();
    let mut t = Table::default();
    t.push(
        "feature_index",
        Values::I64(
            cols.feature_index
                .iter()
                .map(|&i| Some(i64::from(i)))
                .collect(),
        ),
    );
    t.push("id", Values::Str(cols.id.clone()));
    t.push("households", num(&cols.households));
    t.push("population", num(&cols.population));
    t.push("land_area_m2", num(&cols.land_area_m2));
    let nt = cols.thresholds.len();
    for (cat, c) in &cols.categories {
        t.push(format!("{cat}.network_m"), num(&c.network_m));
        t.push(
            format!("{cat}.nearest_feature_index"),
            index(&c.nearest_feature_index),
        );
        t.push(format!("{cat}.straight_m"), num(&c.straight_m));
        t.push(format!("{cat}.detour_ratio"), num(&c.detour_ratio));
        if c.opportunities.len() == n * nt {
            for (j, th) in cols.thresholds.iter().enumerate() {
                let v = (0..n)
                    .map(|b| Some(i64::from(c.opportunities[b * nt + j])))
                    .collect();
                t.push(format!("{cat}.within_{}", th.key), Values::I64(v));
            }
        }
    }
    t
}

/// Coverage shares and warnings grouped by code, after the text table.
pub fn coverage_json(cols: &AccessColumns) -> Value {
    json!({
        "coverage": cols.coverage,
        "coverageTotals": cols.coverage_totals,
        "warningGroups": group_warnings(&cols.warnings),
    })
}
