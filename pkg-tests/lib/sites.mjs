// Small generated GeoJSON communities for the browser tests of the page
// (test/report.test.mjs): a street grid in Hangzhou with homes and a few
// facilities, and variants (buildings only, a home far off the network).

const LON0 = 120.15;
const LAT0 = 30.27;
const DLON = 0.00104; // ~100 m at 30° N
const DLAT = 0.0009;

const ring = (x0, y0, x1, y1) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

/** [lon, lat] of grid position (i, j) in units of ~100 m. */
export function at(i, j) {
  return [LON0 + i * DLON, LAT0 + j * DLAT];
}

/** The homes of smallSite(): centres of their footprints. */
export const HOMES = [[0, 0], [1, 2], [2, 1], [2, 2]].map(([i, j]) => at(i + 0.5, j + 0.5));

function homes({ floors = true } = {}) {
  return [[0, 0], [1, 2], [2, 1], [2, 2]].map(([i, j]) => {
    const [x, y] = at(i + 0.3, j + 0.3);
    return {
      type: 'Feature',
      properties: { kind: 'building', use: 'residential', ...(floors ? { floors: 6 } : {}), households: 40, name: `Home ${i}${j}` },
      geometry: { type: 'Polygon', coordinates: ring(x, y, x + 0.4 * DLON, y + 0.4 * DLAT) },
    };
  });
}

/**
 * A tiny site: a 4 x 4 street grid (100 m) sharing a vertex at every
 * crossing, four homes, a supermarket, a kindergarten and a park.
 * `farHome`: one more home 1.2 km east, beyond the 250 m snapping limit.
 */
export function smallSite(name, { attribution, farHome = false } = {}) {
  const features = [{ type: 'Feature', properties: { kind: 'boundary', id: 'site', name }, geometry: { type: 'Polygon', coordinates: ring(...at(0, 0), ...at(3, 3)) } }];
  const steps = [0, 1, 2, 3];
  for (const i of steps) {
    features.push({ type: 'Feature', properties: { kind: 'road', highway: 'residential' }, geometry: { type: 'LineString', coordinates: steps.map((j) => at(i, j)) } });
    features.push({ type: 'Feature', properties: { kind: 'road', highway: 'residential' }, geometry: { type: 'LineString', coordinates: steps.map((j) => at(j, i)) } });
  }
  features.push(...homes());
  features.push({ type: 'Feature', properties: { kind: 'facility', category: 'supermarket', name: 'Shop' }, geometry: { type: 'Point', coordinates: at(1.5, 1) } });
  features.push({ type: 'Feature', properties: { kind: 'facility', category: 'kindergarten', name: 'Kindergarten' }, geometry: { type: 'Point', coordinates: at(2, 2.5) } });
  features.push({ type: 'Feature', properties: { kind: 'green', green_type: 'ground', name: 'Park' }, geometry: { type: 'Polygon', coordinates: ring(...at(0.1, 1.1), ...at(0.9, 1.9)) } });
  if (farHome) {
    const [x, y] = at(14, 1.5);
    features.push({ type: 'Feature', properties: { kind: 'building', use: 'residential', floors: 3, households: 10, name: 'Far home' }, geometry: { type: 'Polygon', coordinates: ring(x, y, x + 0.4 * DLON, y + 0.4 * DLAT) } });
  }
  return { type: 'FeatureCollection', name, ...(attribution ? { attribution } : {}), features };
}

/** Four homes without floors, nothing else: FLOORS_DEFAULTED and no network. */
export function buildingsOnly(name, { attribution } = {}) {
  return { type: 'FeatureCollection', name, ...(attribution ? { attribution } : {}), features: homes({ floors: false }) };
}
