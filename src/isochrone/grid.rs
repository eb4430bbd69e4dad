//! `travelTimeGrid`: walking minutes to the nearest facility of a category
//! at the centre of every cell of a regular grid, for heat maps that the
//! client can re-threshold without recomputing.
//!
//! The grid covers a site's bounding box (or a given box), padded by
//! `paddingM`, with square cells of `cellM` metres measured in a tangent
//! plane at the box centre (so a cell is `cellLonDeg` × `cellLatDeg`
//! degrees). Row 0 is the northernmost row and column 0 the westernmost;
//! `minutes[row * cols + col]` is the value of the cell whose centre is
//! `(originLon + (col + ½)·cellLonDeg, originLat − (row + ½)·cellLatDeg)`.
//! A cell centre is treated like an origin: snapped onto the nearest edge
//! (connector walked at the same speed); centres farther than `maxSnapM`
//! from the network, or on a part of the network no facility reaches, are
//! `NaN` (`null` in JSON).

use geo::{BoundingRect, Point, Rect};
use serde::Serialize;

use super::options::{GridOptions, MAX_GRID_CELLS, MAX_GRID_CELL_FEATURES};

/// Grids stay this far from the poles, degrees of latitude.
const MAX_GRID_LAT: f64 = 85.0;
use super::reach::{ReachableNetwork, Source};
use crate::community::Community;
use crate::error::{Error, Result, Warning};
use crate::geodesy::LocalPlane;

/// A GeoJSON Polygon geometry (`coordinates` in lon/lat degrees).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct PolygonGeometry {
    /// Always `"Polygon"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Rings → `[lon, lat]`; one exterior ring, counter-clockwise.
    pub coordinates: Vec<Vec<[f64; 2]>>,
}

/// Properties of one grid cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CellProperties {
    /// Row (0 = north).
    pub row: usize,
    /// Column (0 = west).
    pub col: usize,
    /// Walking minutes from the cell centre to the nearest facility;
    /// `null` when unreachable.
    pub minutes: Option<f64>,
}

/// One grid cell as a GeoJSON Feature.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct CellFeature {
    /// Always `"Feature"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The cell square.
    pub geometry: PolygonGeometry,
    /// Its position and value.
    pub properties: CellProperties,
}

/// The grid cells as a GeoJSON FeatureCollection.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct CellCollection {
    /// Always `"FeatureCollection"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Every cell, row by row from the north-west corner.
    pub features: Vec<CellFeature>,
}

/// The result of `travelTimeGrid`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TravelTimeGrid {
    /// The facility category.
    pub category: String,
    /// Number of columns (west → east).
    pub cols: usize,
    /// Number of rows (north → south).
    pub rows: usize,
    /// Longitude of the grid's north-west corner.
    pub origin_lon: f64,
    /// Latitude of the grid's north-west corner.
    pub origin_lat: f64,
    /// `[west, south, east, north]` of the whole grid, degrees.
    pub bbox: [f64; 4],
    /// Cell side, metres.
    pub cell_m: f64,
    /// Cell width, degrees of longitude.
    pub cell_lon_deg: f64,
    /// Cell height, degrees of latitude.
    pub cell_lat_deg: f64,
    /// Minutes per cell, `rows × cols`, row-major from the north-west
    /// corner; `NaN` (JSON `null`) where unreachable.
    pub minutes: Vec<f64>,
    /// Walking speed used, m/s.
    pub walk_speed_mps: f64,
    /// Snapping limit used, metres.
    pub max_snap_m: f64,
    /// Facilities of the category.
    pub facilities: usize,
    /// Of which within `maxSnapM` of the network (the search sources).
    pub reachable_facilities: usize,
    /// The cells as GeoJSON, when asked for (`cells: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cells: Option<CellCollection>,
    /// Problems met.
    pub warnings: Vec<Warning>,
}

/// Walking minutes to the nearest facility of a category on a regular grid
/// (see the module docs).
///
/// Errors on invalid options, an unknown site, a site without extent, or
/// more than [`MAX_GRID_CELLS`] cells.
pub fn travel_time_grid(community: &Community, options: &GridOptions) -> Result<TravelTimeGrid> {
    let p = options.resolve()?;
    let engine = community.access_engine()?;
    let bbox = match options.bbox {
        Some(b) => b,
        None => {
            let site = community.site(options.site.as_ref())?;
            let r: Rect<f64> = site.area.bounding_rect().ok_or_else(|| Error::EmptyInput {
                reason: "the site has no extent".into(),
            })?;
            [r.min().x, r.min().y, r.max().x, r.max().y]
        }
    };
    let plane = LocalPlane::new(Point::new(
        (bbox[0] + bbox[2]) / 2.0,
        (bbox[1] + bbox[3]) / 2.0,
    ));
    let (lon0, lat0) = plane.unproject(0.0, 0.0);
    let deg_lon = plane.unproject(p.cell_m, 0.0).0 - lon0;
    let deg_lat = plane.unproject(0.0, p.cell_m).1 - lat0;
    let pad_lon = deg_lon * p.padding_m / p.cell_m;
    let pad_lat = deg_lat * p.padding_m / p.cell_m;
    let (west, north) = (bbox[0] - pad_lon, bbox[3] + pad_lat);
    let (east, south) = (bbox[2] + pad_lon, bbox[1] - pad_lat);
    // A tangent-plane grid cannot wrap around a pole or across the
    // antimeridian; refuse it rather than return cells beyond WGS84.
    if !(west >= -180.0 && east <= 180.0 && south >= -MAX_GRID_LAT && north <= MAX_GRID_LAT) {
        return Err(Error::option(
            "bbox",
            format!(
                "the grid (with its padding) spans {west:.4}..{east:.4} E, {south:.4}..{north:.4} N; it must lie within -180..180 E and -{MAX_GRID_LAT}..{MAX_GRID_LAT} N (a grid cannot cross the antimeridian or reach a pole)"
            ),
        ));
    }
    let span = |a: f64, b: f64, d: f64| ((b - a) / d).ceil().max(1.0);
    let cols_f = span(west, east, deg_lon);
    let rows_f = span(south, north, deg_lat);
    let limit = if p.cells {
        MAX_GRID_CELL_FEATURES
    } else {
        MAX_GRID_CELLS
    };
    if cols_f * rows_f > limit as f64 {
        return Err(Error::LimitExceeded {
            what: if p.cells {
                "grid cells returned as GeoJSON (cells: true)"
            } else {
                "grid cells"
            },
            actual: (cols_f * rows_f).min(usize::MAX as f64) as usize,
            limit,
        });
    }
    let (cols, rows) = (cols_f as usize, rows_f as usize);
    let net = engine.network();
    let mut warnings = Vec::new();
    let (count, sources) = Source::facilities(
        engine,
        p.category,
        p.max_snap_m,
        &mut warnings,
        "every cell is null",
    );
    let reachable_facilities = sources.len();
    let reach = ReachableNetwork::new(net, sources, f64::INFINITY);
    let per_minute = 60.0 * p.walk_speed_mps;
    let mut minutes = Vec::with_capacity(cols * rows);
    for row in 0..rows {
        let lat = north - (row as f64 + 0.5) * deg_lat;
        for col in 0..cols {
            let lon = west + (col as f64 + 0.5) * deg_lon;
            let value = if reach.sources().is_empty() {
                None
            } else {
                net.snap_within(Point::new(lon, lat), p.max_snap_m)
                    .filter(|s| s.connector_m <= p.max_snap_m)
                    .and_then(|s| {
                        reach
                            .distance_on_edge(s.edge, s.offset_m)
                            .map(|d| (d + s.connector_m) / per_minute)
                    })
            };
            minutes.push(value.unwrap_or(f64::NAN));
        }
    }
    let cells = p.cells.then(|| CellCollection {
        kind: "FeatureCollection",
        features: (0..rows * cols)
            .map(|i| {
                let (row, col) = (i / cols, i % cols);
                let w = west + col as f64 * deg_lon;
                let n = north - row as f64 * deg_lat;
                let (e, s) = (w + deg_lon, n - deg_lat);
                CellFeature {
                    kind: "Feature",
                    geometry: PolygonGeometry {
                        kind: "Polygon",
                        coordinates: vec![vec![[w, s], [e, s], [e, n], [w, n], [w, s]]],
                    },
                    properties: CellProperties {
                        row,
                        col,
                        minutes: Some(minutes[i]).filter(|m| !m.is_nan()),
                    },
                }
            })
            .collect(),
    });
    Ok(TravelTimeGrid {
        category: p.category.to_string(),
        cols,
        rows,
        origin_lon: west,
        origin_lat: north,
        bbox: [
            west,
            north - rows as f64 * deg_lat,
            west + cols as f64 * deg_lon,
            north,
        ],
        cell_m: p.cell_m,
        cell_lon_deg: deg_lon,
        cell_lat_deg: deg_lat,
        minutes,
        walk_speed_mps: p.walk_speed_mps,
        max_snap_m: p.max_snap_m,
        facilities: count,
        reachable_facilities,
        cells,
        warnings,
    })
}
