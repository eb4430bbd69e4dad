// The Chinese web-map coordinate systems, for drawing user data on the map
// exactly where the library (src/input/crs.rs, same formulas) computes it:
// GCJ-02 (Amap, Tencent) and BD-09 (Baidu) <-> WGS84. Outside China's rough
// bounding box GCJ-02 equals WGS84.

const A = 6378245.0;
const EE = 0.006693421622965943;
const PI = Math.PI;
const BD_X_PI = (PI * 3000.0) / 180.0;

function outsideChina(lon, lat) {
  return !(lon >= 72.004 && lon <= 137.8347) || !(lat >= 0.8293 && lat <= 55.8271);
}

function shiftLat(x, y) {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * PI) + 40.0 * Math.sin((y / 3.0) * PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * PI) + 320.0 * Math.sin((y * PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function shiftLon(x, y) {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * PI) + 40.0 * Math.sin((x / 3.0) * PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * PI) + 300.0 * Math.sin((x / 30.0) * PI)) * 2.0) / 3.0;
  return r;
}

export function wgs84ToGcj02(lon, lat) {
  if (outsideChina(lon, lat)) return [lon, lat];
  const radLat = (lat / 180.0) * PI;
  const s = Math.sin(radLat);
  const magic = 1.0 - EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  const dlat = (shiftLat(lon - 105.0, lat - 35.0) * 180.0) / (((A * (1.0 - EE)) / (magic * sqrtMagic)) * PI);
  const dlon = (shiftLon(lon - 105.0, lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * PI);
  return [lon + dlon, lat + dlat];
}

export function gcj02ToWgs84(lon, lat) {
  if (outsideChina(lon, lat)) return [lon, lat];
  let wlon = lon;
  let wlat = lat;
  for (let i = 0; i < 30; i++) {
    const [glon, glat] = wgs84ToGcj02(wlon, wlat);
    const dlon = lon - glon;
    const dlat = lat - glat;
    wlon += dlon;
    wlat += dlat;
    if (Math.abs(dlon) < 1e-10 && Math.abs(dlat) < 1e-10) break;
  }
  return [wlon, wlat];
}

export function gcj02ToBd09(lon, lat) {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD_X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD_X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

export function bd09ToGcj02(lon, lat) {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BD_X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BD_X_PI);
  return [z * Math.cos(theta), z * Math.sin(theta)];
}

/** A position in `crs` ('wgs84' | 'gcj02' | 'bd09') to WGS84. */
export function toWgs84(crs, lon, lat) {
  if (crs === 'gcj02') return gcj02ToWgs84(lon, lat);
  if (crs === 'bd09') return gcj02ToWgs84(...bd09ToGcj02(lon, lat));
  return [lon, lat];
}

/** A WGS84 position to `crs` (for facilities added on the map to a dataset in that system). */
export function fromWgs84(crs, lon, lat) {
  if (crs === 'gcj02') return wgs84ToGcj02(lon, lat);
  if (crs === 'bd09') return gcj02ToBd09(...wgs84ToGcj02(lon, lat));
  return [lon, lat];
}
