//! What-if edits of a community's facilities: remove some, move some, add
//! new ones, and get a new community to evaluate side by side with the old.
//!
//! Feature indices stay those of the input: removed facilities are absent,
//! moved ones keep their index, and added ones get the indices after the
//! input's last feature (`featureCount`, `featureCount + 1`, ... in the
//! order given), so results of both communities join on the same indices.
//! A moved facility becomes a point (its footprint, if it had one, is
//! dropped; its floor area is kept).

use std::collections::BTreeMap;

use geo::Point;
use serde::Deserialize;

use crate::community::Community;
use crate::error::{Error, Result};
use crate::model::Facility;

/// Most edits in one call (removals, moves and additions together).
pub const MAX_EDITS: usize = 10_000;

/// Longest category, name or id of an added facility, in characters.
const MAX_TEXT_CHARS: usize = 200;

/// A facility moved to a new position.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveEdit {
    /// Feature index of a facility of the input.
    pub feature_index: usize,
    /// Its new position, `[lon, lat]` (WGS84).
    pub lng_lat: [f64; 2],
}

/// A facility added.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddEdit {
    /// Its category, e.g. `"kindergarten"`.
    pub category: String,
    /// Its position, `[lon, lat]` (WGS84).
    pub lng_lat: [f64; 2],
    /// A name to show.
    #[serde(default)]
    pub name: Option<String>,
    /// An id to show and join on.
    #[serde(default)]
    pub id: Option<String>,
    /// Capacity (2SFCA supply; default 1).
    #[serde(default)]
    pub capacity: Option<f64>,
    /// Floor area, m² (counts toward service floor area when the category
    /// is a service category).
    #[serde(default)]
    pub floor_area_m2: Option<f64>,
}

/// The edits of one call; each list is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FacilityEdits {
    /// Feature indices of facilities to remove.
    #[serde(default)]
    pub remove: Vec<usize>,
    /// Facilities to move.
    #[serde(default, rename = "move")]
    pub moves: Vec<MoveEdit>,
    /// Facilities to add.
    #[serde(default)]
    pub add: Vec<AddEdit>,
}

fn check_lng_lat(path: &str, p: [f64; 2]) -> Result<Point<f64>> {
    let [lon, lat] = p;
    if !(lon.is_finite()
        && lat.is_finite()
        && (-180.0..=180.0).contains(&lon)
        && (-90.0..=90.0).contains(&lat))
    {
        return Err(Error::option(
            path,
            format!(
                "[{lon}, {lat}] is not a WGS84 [lon, lat] position (lon -180..180, lat -90..90)"
            ),
        ));
    }
    Ok(Point::new(lon, lat))
}

fn check_text(path: &str, s: &str, required: bool) -> Result<()> {
    if required && s.trim().is_empty() {
        return Err(Error::option(path, "must not be empty"));
    }
    if s.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::option(
            path,
            format!("longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

fn check_amount(path: &str, v: Option<f64>) -> Result<()> {
    match v {
        Some(x) if !(x.is_finite() && x >= 0.0) => Err(Error::option(
            path,
            format!("{x} is not a finite number ≥ 0"),
        )),
        _ => Ok(()),
    }
}

/// `community` with `edits` applied. Errors (`INVALID_OPTION` with the
/// path of the offending edit) on an index that is not a facility of the
/// input, an index removed or moved twice, a position outside WGS84, an
/// empty or over-long category, a negative capacity or floor area, or more
/// than [`MAX_EDITS`] edits.
pub fn with_edits(community: &Community, edits: &FacilityEdits) -> Result<Community> {
    let total = edits.remove.len() + edits.moves.len() + edits.add.len();
    if total > MAX_EDITS {
        return Err(Error::LimitExceeded {
            what: "what-if edits",
            actual: total,
            limit: MAX_EDITS,
        });
    }
    let ds = community.dataset();
    let by_index: BTreeMap<usize, usize> = ds
        .facilities
        .iter()
        .enumerate()
        .map(|(i, f)| (f.feature_index, i))
        .collect();
    // What happens to each facility: None = removed, Some(p) = moved to p.
    let mut fate: BTreeMap<usize, Option<Point<f64>>> = BTreeMap::new();
    let mut claim = |path: String, index: usize, to: Option<Point<f64>>| -> Result<()> {
        if !by_index.contains_key(&index) {
            return Err(Error::option(
                &path,
                format!("feature {index} is not a facility of this community"),
            ));
        }
        if fate.insert(index, to).is_some() {
            return Err(Error::option(
                &path,
                format!("facility {index} is removed or moved more than once"),
            ));
        }
        Ok(())
    };
    for (i, &index) in edits.remove.iter().enumerate() {
        claim(format!("remove[{i}]"), index, None)?;
    }
    for (i, m) in edits.moves.iter().enumerate() {
        let to = check_lng_lat(&format!("move[{i}].lngLat"), m.lng_lat)?;
        claim(format!("move[{i}]"), m.feature_index, Some(to))?;
    }
    let mut facilities: Vec<Facility> = Vec::with_capacity(ds.facilities.len() + edits.add.len());
    for f in &ds.facilities {
        match fate.get(&f.feature_index) {
            None => facilities.push(f.clone()),
            Some(None) => {}
            Some(Some(to)) => facilities.push(Facility {
                location: *to,
                area: None,
                ..f.clone()
            }),
        }
    }
    for (i, a) in edits.add.iter().enumerate() {
        let path = format!("add[{i}]");
        check_text(&format!("{path}.category"), &a.category, true)?;
        for (key, v) in [("name", &a.name), ("id", &a.id)] {
            if let Some(s) = v {
                check_text(&format!("{path}.{key}"), s, false)?;
            }
        }
        check_amount(&format!("{path}.capacity"), a.capacity)?;
        check_amount(&format!("{path}.floorAreaM2"), a.floor_area_m2)?;
        facilities.push(Facility {
            feature_index: ds.feature_count + i,
            id: a.id.clone(),
            category: a.category.trim().to_string(),
            name: a.name.clone(),
            location: check_lng_lat(&format!("{path}.lngLat"), a.lng_lat)?,
            area: None,
            floor_area_m2: a.floor_area_m2,
            capacity: a.capacity.unwrap_or(1.0),
        });
    }
    Ok(community.with_facilities(facilities, ds.feature_count + edits.add.len()))
}
