// Reference values for the bundled dataset data/helsinki-centre/.
//
// Copied from data/helsinki-centre/reference/areas.json (computed by the
// oracle's reproduce.py with shapely + pyproj geodesic areas on WGS84);
// test/data.test.mjs checks these copies against that file.

export const DATASET = 'data/helsinki-centre/normalized.geojson';

/** areas.json, the members we test against. */
export const AREAS = {
  boundary_area_m2: 1527310.620864,
  total_footprint_area_m2: 510879.040601,
  total_floor_area_m2: 1966370.625819,
  far: 1.2874726325845949,
  building_density: 0.3344958344569409,
  green_ratio: 0.14945903188344947,
  households_total: 2727,
};

/**
 * derived/building_union.json (ours, not the oracle's: shapely union_all of
 * the footprints, pyproj areas; data/helsinki-centre/derived/building_union.py).
 * The oracle's building_density sums overlapping footprints; the library
 * counts each overlap once.
 */
export const UNION = {
  building_density_union: 0.32510961274019246,
};

/** siteMetrics() member -> areas.json (or UNION) member. */
export const SITE_METRICS = {
  siteAreaM2: 'boundary_area_m2',
  footprintM2: 'total_footprint_area_m2',
  floorAreaM2: 'total_floor_area_m2',
  far: 'far',
  buildingDensity: 'building_density_union',
  greenRatio: 'green_ratio',
  households: 'households_total',
};

/** Site metrics must match the oracle within this relative difference. */
export const REL_TOLERANCE = 0.005;

/** |actual - expected| <= rel * |expected| */
export function relClose(actual, expected, rel = REL_TOLERANCE) {
  return typeof actual === 'number' && Math.abs(actual - expected) <= rel * Math.abs(expected);
}
