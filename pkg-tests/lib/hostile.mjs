// @ts-check
// The hostile-call harness (issue 18): decodes the case files of
// tests/corpus/calls/, builds the inputs they describe, runs one case
// against the real package and checks the rules every public call must
// keep. pkg-tests/test/hostile.test.mjs runs the cases in worker threads
// (this file is also the worker's entry: see the end), so that a hang is
// detected and a trapped module is thrown away.
//
// Encoding of values JSON cannot hold (anywhere in `args`, `this`, the
// community options and `set` values):
//   {"$nan":1} {"$inf":1} {"$-inf":1} {"$undefined":1} {"$symbol":1}
//   {"$fn":1} {"$bigint":"1"} {"$cycle":1} (an object containing itself)
//   {"$throwingGetter":1} (an object whose property getter throws)
//   {"$proxy":1} (a Proxy whose every trap throws)
//   {"$date":1} {"$map":1} {"$string":"text"} (a String object)
//   {"$typed":{"type":"Float64Array","values":[1,2]}} {"$arraybuffer":8}
//   {"$deep":{"depth":N,"key":"k"}} (N nested objects) {"$deepArray":N}
//   {"$range":{"n":N,"start":0}} (N numbers) {"$range":{"n":N,"prefix":"c"}} (N strings)
//   {"$literal": x}                  x as it is (no decoding inside)
//   {"$fixture":"text"|"object"|"bytes"}   the fixture community GeoJSON
//   {"$geojson":{...spec...},"as":"text"|"object"|"bytes"}
//                                    a community spec (see buildGeoJSON)
//   {"$big":{"kind":K,"n":N,...},"as":...}  a generated large input
//   {"$profile":"id","set":{"a.b.0.c":v},"multiplyIndicators":N}
//                                    a built-in profile document, edited
//   {"$mapping":{"set":{...}}}       defaultOsmMapping(), edited
//   {"$report":{"profile":P,"options":O,"community":C}}
//                                    a report of the fixture (or of C)
//   {"$gridBbox":{"cells":N,"cellM":M,"center":[lon,lat]}}
//                                    a bbox of about N cells of M metres
//   {"$reenter":{"call":"summary"|"free"|...,"value":v}}
//                                    a property whose getter calls that
//                                    method of the case's community while
//                                    the outer call runs, then returns v
//   "$n" (a string) is replaced by the case's scale value.
// `set` paths are dotted; a number indexes an array, `*` means every
// element; keys such as `__proto__` become own keys.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/** The repository root. */
export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The case files. */
export const CALLS_DIR = path.join(ROOT, 'tests', 'corpus', 'calls');
/** The fixture community. */
export const FIXTURE_FILE = path.join(CALLS_DIR, 'community.geojson');
/** The list of cases known to fail (read by the test, not a class). */
export const KNOWN_FILE = path.join(CALLS_DIR, 'known-failures.json');

/** Codes a thrown error may carry (pkg/future_community.d.ts ErrorCode). */
export const ERROR_CODES = new Set([
  'INVALID_JSON', 'NOT_FEATURE_COLLECTION', 'INVALID_GEOMETRY', 'COORDINATE_OUT_OF_RANGE',
  'PROJECTED_COORDINATES', 'INVALID_OPTION', 'INVALID_PROFILE', 'NOT_FOUND', 'LIMIT_EXCEEDED',
  'EMPTY_INPUT', 'API_ERROR_REPLY', 'UNSUPPORTED_FORMAT', 'CSV_NO_COORDINATES', 'CSV_BAD_COORDINATE',
  'SHAPEFILE_MISSING_PART', 'SHAPEFILE_RECORD_MISMATCH', 'SHAPEFILE_CORRUPT', 'UNSUPPORTED_PRJ',
  'INVALID_ARCHIVE', 'ARCHIVE_TOO_LARGE',
  'NOT_INITIALISED', 'FREED', 'INVALID_RECEIVER', 'BUSY', 'INTERNAL',
  'UNSUPPORTED_RUNTIME', 'INIT_FAILED',
]);

export const DEFAULT_MAX_MS = 20000;
export const DEFAULT_SETUP_MAX_MS = 30000;
export const DEFAULT_MAX_RATIO = 10;

/**
 * @typedef {{ name: string, target: string, args?: unknown[], this?: unknown,
 *   expect?: 'error' | 'ok' | 'errorOrOk', code?: string | string[] }} Step
 * @typedef {Step & { id: string, class: string, community?: unknown, steps?: Step[],
 *   maxMs?: number, setupMaxMs?: number, scale?: Record<string, number[]>, maxRatio?: number,
 *   ownKeys?: { path: string, key: string }[], ranges?: { path: string, min?: number, max?: number }[],
 *   equals?: { path: string, value: unknown }[], limitN?: number,
 *   compare?: { args: unknown[], paths: string[] }, isolate?: boolean, note?: string }} Case
 */

// ---------------------------------------------------------------------------
// Case files
// ---------------------------------------------------------------------------

/** Every case of every class file, with `id` = `class/name` and the file defaults applied. */
export function loadCases(dir = CALLS_DIR) {
  /** @type {Case[]} */
  const cases = [];
  /** @type {Map<string, string>} */
  const classes = new Map();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json') || file === path.basename(KNOWN_FILE)) continue;
    const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const cls = doc.class ?? file.replace(/\.json$/, '');
    classes.set(cls, doc.description ?? '');
    const seen = new Set();
    for (const c of doc.cases) {
      if (seen.has(c.name)) throw new Error(`${file}: duplicate case name ${c.name}`);
      seen.add(c.name);
      cases.push({ ...(doc.defaults ?? {}), ...c, class: cls, id: `${cls}/${c.name}` });
    }
  }
  return { cases, classes };
}

/** The known-failure list: { cases: { id: observation } }. */
export function loadKnown() {
  try {
    return JSON.parse(readFileSync(KNOWN_FILE, 'utf8'));
  } catch {
    return { cases: {} };
  }
}

/** The case with every "$n" string replaced by `n`. */
export function substitute(value, n) {
  if (value === '$n') return n;
  if (Array.isArray(value)) return value.map((v) => substitute(v, n));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) define(out, k, substitute(v, n));
    return out;
  }
  return value;
}

/** Sets an own data property (also for `__proto__`). */
function define(obj, key, value) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

let fixtureText = '';
/** The fixture community as GeoJSON text. */
export function fixture() {
  if (!fixtureText) fixtureText = readFileSync(FIXTURE_FILE, 'utf8');
  return fixtureText;
}

const r7 = (x) => Math.round(x * 1e7) / 1e7;
const feature = (properties, geometry) => ({ type: 'Feature', properties, geometry });
const square = (x0, y0, dx, dy = dx) => [[[x0, y0], [x0 + dx, y0], [x0 + dx, y0 + dy], [x0, y0 + dy], [x0, y0]].map(([a, b]) => [r7(a), r7(b)])];
const circle = (x, y, rx, ry, k) => {
  const ring = [];
  for (let i = 0; i < k; i++) {
    const t = (2 * Math.PI * i) / k;
    ring.push([r7(x + rx * Math.cos(t)), r7(y + ry * Math.sin(t))]);
  }
  ring.push(ring[0]);
  return [ring];
};

/** Generators of large (or odd) inputs: each returns features added to the fixture, or a whole collection. */
const GENERATORS = {
  /** n near-identical overlapping ground greens of `vertices` vertices (~0.9 kB each at 40). */
  overlappingGreens({ n, vertices = 40 }) {
    const out = [];
    for (let i = 0; i < n; i++) {
      const d = i * 1e-7;
      out.push(feature({ kind: 'green', id: `og-${i}`, green_type: 'ground' },
        { type: 'Polygon', coordinates: circle(120.1020 + d, 30.2015 + d, 0.0012, 0.001, vertices) }));
    }
    return { add: out };
  },
  /** One transit line of n vertices `spacingM` apart and no stops (every vertex becomes a stop). */
  transitLine({ n, spacingM = 2, lines = 1, stops = 0, destinations = 0 }) {
    const out = [];
    const step = spacingM / 96000;
    for (let l = 0; l < lines; l++) {
      const coords = [];
      for (let i = 0; i < n; i++) coords.push([r7(120.0995 + (i * step) % 0.009), r7(30.2015 + l * 1e-5 + Math.floor((i * step) / 0.009) * 2e-5)]);
      out.push(feature({ kind: 'transit_line', id: `long-${l}`, mode: 'bus' }, { type: 'LineString', coordinates: coords }));
      // Stops without a `line` (placed on every line near them) and
      // destinations, spread over the line's vertices.
      for (let k = 0; k < stops; k++) {
        const [x, y] = coords[Math.floor((k * n) / stops)];
        out.push(feature({ kind: 'transit_stop' }, { type: 'Point', coordinates: [x, r7(y + 5e-6)] }));
      }
      for (let k = 0; k < destinations; k++) {
        const [x, y] = coords[Math.floor((k * n) / destinations)];
        out.push(feature({ kind: 'destination', category: 'hospital' }, { type: 'Point', coordinates: [x, r7(y - 5e-6)] }));
      }
    }
    return { add: out, drop: ['st-1', 'st-2', 'bus-1'] };
  },
  /** n facilities about 150 km from every road. */
  farFacilities({ n, category = 'clinic' }) {
    const out = [];
    for (let i = 0; i < n; i++) {
      out.push(feature({ kind: 'facility', id: `far-${i}`, category, capacity: 10 },
        { type: 'Point', coordinates: [r7(121.5 + (i % 100) * 1e-4), r7(31 + Math.floor(i / 100) * 1e-4)] }));
    }
    return { add: out };
  },
  /** n boundaries tiling the fixture's extent (replacing its two sites). */
  manySites({ n }) {
    const side = Math.ceil(Math.sqrt(n));
    const dx = 0.009 / side;
    const dy = 0.004 / side;
    const out = [];
    for (let i = 0; i < n; i++) {
      const x = 120.0995 + (i % side) * dx;
      const y = 30.1995 + Math.floor(i / side) * dy;
      out.push(feature({ kind: 'boundary', id: `s-${i}` }, { type: 'Polygon', coordinates: square(x, y, dx, dy) }));
    }
    return { add: out, drop: ['site-a', 'site-b'] };
  },
  /** n identical residential buildings stacked on one footprint of site A. */
  stackedBuildings({ n, size = 0.001 }) {
    const out = [];
    for (let i = 0; i < n; i++) {
      out.push(feature({ kind: 'building', use: 'residential', floors: 3, households: 10 },
        { type: 'Polygon', coordinates: square(120.1005, 30.2005, size) }));
    }
    return { add: out };
  },
  /** n identical ground greens covering the whole of site A. */
  stackedGreens({ n }) {
    const out = [];
    for (let i = 0; i < n; i++) {
      out.push(feature({ kind: 'green', green_type: 'ground' }, { type: 'Polygon', coordinates: square(120.0999, 30.1999, 0.0042, 0.0032) }));
    }
    return { add: out };
  },
  /** A small community around (lon, lat), e.g. at a pole or the antimeridian. */
  placedCommunity({ lon, lat, d = 0.002 }) {
    const x = (v) => r7(Math.max(-180, Math.min(180, v)));
    const y = (v) => r7(Math.max(-90, Math.min(90, v)));
    const sq = (x0, y0, s) => [[[x(x0), y(y0)], [x(x0 + s), y(y0)], [x(x0 + s), y(y0 + s)], [x(x0), y(y0 + s)], [x(x0), y(y0)]]];
    const features = [
      feature({ kind: 'boundary', id: 'placed' }, { type: 'Polygon', coordinates: sq(lon - d, lat - d, 2 * d) }),
      feature({ kind: 'building', id: 'pb', use: 'residential', floors: 3, households: 12 }, { type: 'Polygon', coordinates: sq(lon - d / 4, lat - d / 4, d / 8) }),
      feature({ kind: 'road', id: 'pr1' }, { type: 'LineString', coordinates: [[x(lon - d), y(lat)], [x(lon), y(lat)], [x(lon + d), y(lat)]] }),
      feature({ kind: 'road', id: 'pr2' }, { type: 'LineString', coordinates: [[x(lon), y(lat - d)], [x(lon), y(lat)], [x(lon), y(lat + d)]] }),
      feature({ kind: 'facility', id: 'pf', category: 'clinic' }, { type: 'Point', coordinates: [x(lon + d / 2), y(lat)] }),
      feature({ kind: 'facility', id: 'pbus', category: 'bus_stop' }, { type: 'Point', coordinates: [x(lon), y(lat + d / 2)] }),
    ];
    return { collection: { type: 'FeatureCollection', features } };
  },
};

/**
 * GeoJSON of a community spec: undefined / "fixture" = the fixture;
 * { fixture?: true, add?: Feature[], drop?: id[], big?: {kind,...} } =
 * the fixture edited; { collection: {...} } = that collection;
 * { $big: {...} } = a generator's output.
 */
export function buildGeoJSON(spec, n) {
  const s = substitute(spec ?? 'fixture', n);
  if (s === 'fixture') return JSON.parse(fixture());
  if (s.collection) return s.collection;
  const big = s.$big ?? s.big;
  let edit = { add: s.add ?? [], drop: s.drop ?? [] };
  if (big) {
    const gen = GENERATORS[big.kind];
    if (!gen) throw new Error(`unknown generator ${big.kind}`);
    const g = gen(big);
    if (g.collection) return g.collection;
    edit = { add: [...edit.add, ...(g.add ?? [])], drop: [...edit.drop, ...(g.drop ?? [])] };
  }
  const fc = JSON.parse(fixture());
  const drop = new Set(edit.drop);
  fc.features = fc.features.filter((f) => !drop.has(f.properties?.id)).concat(edit.add);
  return fc;
}

function as(fc, how = 'text') {
  if (how === 'object') return fc;
  const text = JSON.stringify(fc);
  if (how === 'bytes') return new TextEncoder().encode(text);
  return text;
}

/** Splits a dotted path into keys (numbers stay strings; arrays index them). */
const splitPath = (p) => (p === '' ? [] : p.split('.'));

/** Sets `value` at a dotted path in plain JSON data (`*` = every element or key). */
export function setPath(root, p, value) {
  const keys = splitPath(p);
  const walk = (obj, i) => {
    if (obj === null || typeof obj !== 'object') return;
    const k = keys[i];
    const targets = k === '*' ? Object.keys(obj) : [k];
    for (const key of targets) {
      if (i === keys.length - 1) {
        define(obj, key, value);
      } else {
        if (!Object.hasOwn(obj, key) || obj[key] === null || typeof obj[key] !== 'object') {
          define(obj, key, /^\d+$/.test(keys[i + 1]) ? [] : {});
        }
        walk(obj[key], i + 1);
      }
    }
  };
  walk(root, 0);
  return root;
}

/** The value at a dotted path, or undefined. */
export function getPath(root, p) {
  let v = root;
  for (const k of splitPath(p)) {
    if (v === null || v === undefined) return undefined;
    v = v[k];
  }
  return v;
}

/**
 * @typedef {{ call: string, ok: boolean, result?: unknown, error?: unknown }} Inner
 * @typedef {{ api: any, community?: any, n?: number, inner: Inner[] }} Ctx
 */

/** Decodes an encoded value (see the header) in the context of one case run. */
export function decode(value, ctx) {
  if (value === '$n' && ctx.n !== undefined) return ctx.n;
  if (Array.isArray(value)) return value.map((v) => decode(v, ctx));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const tag = keys.find((k) => k.startsWith('$'));
  if (tag !== undefined && keys.every((k) => k === tag || k === 'as' || k === 'set' || k === 'multiplyIndicators')) {
    const arg = value[tag];
    switch (tag) {
      case '$nan': return NaN;
      case '$inf': return Infinity;
      case '$-inf': return -Infinity;
      case '$undefined': return undefined;
      case '$symbol': return Symbol('hostile');
      case '$fn': return function hostile() { return 1; };
      case '$bigint': return BigInt(arg);
      case '$literal': return arg;
      case '$string': return new String(arg); // eslint-disable-line no-new-wrappers
      case '$date': return new Date(0);
      case '$map': return new Map([['a', 1]]);
      case '$arraybuffer': return new ArrayBuffer(arg);
      case '$typed': return new globalThis[arg.type](arg.values);
      case '$cycle': { const o = { a: 1 }; o.self = o; return o; }
      case '$throwingGetter': return Object.defineProperty({}, 'x', { enumerable: true, get() { throw new Error('hostile getter'); } });
      case '$proxy': return new Proxy({}, new Proxy({}, { get: () => () => { throw new Error('hostile proxy trap'); } }));
      case '$deep': {
        let o = {};
        for (let i = 0; i < arg.depth; i++) o = { [arg.key ?? 'a']: o };
        return o;
      }
      case '$range': {
        // n numbers start, start + 1, ... or n strings prefix0, prefix1, ...
        const { n: len, start = 0, prefix } = arg;
        return Array.from({ length: decode(len, ctx) }, (_, i) => (prefix === undefined ? start + i : `${prefix}${i}`));
      }
      case '$deepArray': {
        let a = [];
        for (let i = 0; i < arg; i++) a = [a];
        return a;
      }
      case '$fixture': return as(JSON.parse(fixture()), arg);
      case '$geojson': return as(buildGeoJSON(arg, ctx.n), value.as);
      case '$big': return as(buildGeoJSON({ $big: decodePlain(arg, ctx) }, ctx.n), value.as);
      case '$profile': {
        let doc = ctx.api.profile(arg);
        if (value.multiplyIndicators) doc = multiplyIndicators(doc, decode(value.multiplyIndicators, ctx));
        for (const [p, v] of Object.entries(value.set ?? {})) setPath(doc, p, decode(v, ctx));
        return doc;
      }
      case '$mapping': {
        const doc = ctx.api.defaultOsmMapping();
        for (const [p, v] of Object.entries(arg.set ?? {})) setPath(doc, p, decode(v, ctx));
        return doc;
      }
      case '$report': {
        const own = arg.community !== undefined;
        const c = own ? ctx.api.Community.fromGeoJSON(JSON.stringify(buildGeoJSON(arg.community, ctx.n))) : communityOf(ctx);
        try {
          const report = c.evaluate(decode(arg.profile ?? null, ctx), decode(arg.options ?? undefined, ctx));
          for (const [p, v] of Object.entries(value.set ?? {})) setPath(report, p, decode(v, ctx));
          return report;
        } finally {
          if (own) c.free();
        }
      }
      case '$gridBbox': {
        const n = decode(arg.cells, ctx);
        const [lon, lat] = arg.center ?? [120.104, 30.2015];
        const side = Math.sqrt(n) * arg.cellM;
        const dLon = side / (111320 * Math.cos((lat * Math.PI) / 180)) / 2;
        const dLat = side / 110574 / 2;
        return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
      }
      case '$reenter': {
        // Alone (not as a property value) it is an object with a re-entrant `value` getter.
        const o = {};
        Object.defineProperty(o, 'value', { enumerable: true, configurable: true, get: reenterGetter(arg, ctx) });
        return o;
      }
      default:
        throw new Error(`unknown encoding ${tag}`);
    }
  }
  const out = {};
  for (const k of keys) {
    const v = value[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && Object.hasOwn(v, '$reenter')) {
      // A property whose getter re-enters the case's community while the call reads its options.
      Object.defineProperty(out, k, { enumerable: true, configurable: true, get: reenterGetter(v.$reenter, ctx) });
    } else {
      define(out, k, decode(v, ctx));
    }
  }
  return out;
}

/** A getter that calls a method of the case's community (recording the outcome), then returns the value. */
function reenterGetter(arg, ctx) {
  return () => {
    try {
      const c = communityOf(ctx);
      const key = arg.call === '@@dispose' ? Symbol.dispose : arg.call;
      const r = c[key](...decode(arg.args ?? [], ctx));
      ctx.inner.push({ call: arg.call, ok: true, result: r });
    } catch (e) {
      ctx.inner.push({ call: arg.call, ok: false, error: e });
    }
    return decode(arg.value, ctx);
  };
}

/** Decodes generator parameters (only `$n`). */
function decodePlain(v, ctx) {
  return substitute(v, ctx.n);
}

/** A profile document with indicators copied (new ids) until there are n. */
function multiplyIndicators(doc, n) {
  const base = doc.indicators;
  const out = [];
  for (let i = 0; out.length < n; i++) {
    const ind = structuredClone(base[i % base.length]);
    if (i >= base.length) ind.id = `${ind.id}-x${i}`;
    out.push(ind);
  }
  doc.indicators = out;
  return doc;
}

/** The case's community (created lazily from the fixture when the case has none). */
function communityOf(ctx) {
  if (!ctx.community) ctx.community = ctx.api.Community.fromGeoJSON(fixture());
  return ctx.community;
}

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

const SHARE_KEYS = new Set([
  'buildingDensity', 'greenRatio', 'policyGreenRatio', 'completeness', 'share', 'populationShare',
  'buildingsShare', 'walkOnlyShare',
]);
const COUNT_KEYS = new Set([
  'households', 'population', 'buildings', 'featureCount', 'buildingCount', 'facilities',
  'reachableFacilities', 'nodes', 'edges', 'components', 'largestComponentNodes', 'largestComponentEdges',
  'cols', 'rows', 'householdsReached', 'populationReached', 'householdsTotal', 'demand', 'supply',
  'catchmentDemand', 'ratio', 'far', 'k', 'stops', 'minutes', 'assessed', 'applicable', 'rank', 'weight',
  'serviceFacilitiesWithoutArea', 'failedBinding', 'metres', 'normalized', 'featureIndex',
]);
const NAN_ARRAYS = new Set(['networkM', 'straightM', 'detourRatio', 'kNearestM', 'minutes']);
const LON_KEYS = new Set(['originLon']);
const LAT_KEYS = new Set(['originLat']);
const POINT_KEYS = new Set(['point', 'accessPoint', 'origin']);

/**
 * Every rule violation in a result: non-finite numbers (NaN only in the
 * documented typed arrays), numbers outside documented ranges, objects
 * with a changed prototype, positions outside WGS84.
 * @returns {string[]}
 */
export function resultViolations(result, target) {
  /** @type {string[]} */
  const out = [];
  const add = (p, msg) => {
    if (out.length < 12) out.push(`${p || '(result)'}: ${msg}`);
  };
  const seen = new Set();
  const twoStep = /twoStepFca$/.test(target);
  const compare = /compareReports$/.test(target);
  const checkNumber = (v, p, key, parentKey, parent) => {
    if (!Number.isFinite(v)) return add(p, `non-finite number ${v}`);
    const inRange = (lo, hi, what) => {
      if (v < lo || v > hi) add(p, `${v} outside ${what}`);
    };
    const gp = p.split('.');
    if (compare) {
      // Change objects: before/after of score 0..100 and completeness 0..1; deltas free.
      if (key === 'delta') return;
      if ((key === 'before' || key === 'after') && parentKey === 'score') return inRange(0, 100, '0..100 (score)');
      if ((key === 'before' || key === 'after') && parentKey === 'completeness') return inRange(0, 1, '0..1 (completeness)');
      if (key === 'before' || key === 'after') return;
    }
    if (gp.length >= 4 && gp[gp.length - 4] === 'coverage') return inRange(0, 1, '0..1 (coverage share)');
    if (parentKey === 'byCategory') return inRange(0, 1, '0..1 (share)');
    if (SHARE_KEYS.has(key)) return inRange(0, 1, '0..1');
    if (key === 'score' && !twoStep) return inRange(0, 100, '0..100 (score)');
    if (parentKey === 'scores') return inRange(0, 100, '0..100 (score)');
    if (key === 'value' && parent && parent.unit === 'share' && parent.status === 'assessed') return inRange(0, 1, '0..1 (share value)');
    if (LON_KEYS.has(key)) return inRange(-180, 180, 'longitude range');
    if (LAT_KEYS.has(key)) return inRange(-90, 90, 'latitude range');
    if (/(M|M2|Mps|Kmh|Min|Deg)$/.test(key) || COUNT_KEYS.has(key) || key === 'score' || key === 'gravity' || parentKey === 'gravity' || parentKey === 'opportunities') {
      return inRange(0, Infinity, '>= 0');
    }
    if (['networkM', 'straightM', 'detourRatio', 'kNearestM'].includes(parentKey)) return inRange(0, Infinity, '>= 0');
    return undefined;
  };
  const checkPosition = (pos, p) => {
    if (!Array.isArray(pos) || pos.length < 2 || typeof pos[0] !== 'number') return;
    const [lon, lat] = pos;
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) add(p, `position [${lon}, ${lat}] outside WGS84`);
  };
  const positions = (coords, p) => {
    if (!Array.isArray(coords)) return;
    if (typeof coords[0] === 'number') return checkPosition(coords, p);
    coords.forEach((c, i) => positions(c, `${p}.${i}`));
  };
  const walk = (v, p, key, parentKey, parent) => {
    if (typeof v === 'number') return checkNumber(v, p, key, parentKey, parent);
    if (v === null || typeof v !== 'object') return undefined;
    if (seen.has(v)) return undefined;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      const arr = /** @type {any} */ (v);
      const nanOk = NAN_ARRAYS.has(key) && v instanceof Float64Array;
      for (let i = 0; i < arr.length; i++) {
        const x = Number(arr[i]);
        if (Number.isNaN(x) && nanOk) continue;
        if (!Number.isFinite(x)) { add(`${p}[${i}]`, `non-finite number ${x} in ${v.constructor.name}`); break; }
        if (v instanceof Int32Array) { if (x < -1) { add(`${p}[${i}]`, `${x} < -1`); break; } continue; }
        if (x < 0 && key !== 'delta') { add(`${p}[${i}]`, `${x} < 0`); break; }
      }
      return undefined;
    }
    const proto = Object.getPrototypeOf(v);
    if (Array.isArray(v)) {
      if (proto !== Array.prototype) add(p, 'array with a changed prototype');
    } else if (proto !== Object.prototype && proto !== null) {
      add(p, `object with a changed prototype (${proto === undefined ? 'undefined' : Object.keys(proto).slice(0, 5).join(',') || proto.constructor?.name})`);
    }
    if (key === 'bbox' && Array.isArray(v) && v.length === 4) {
      checkPosition([v[0], v[1]], `${p}[sw]`);
      checkPosition([v[2], v[3]], `${p}[ne]`);
    }
    if (key === 'coordinates') return positions(v, p);
    if (POINT_KEYS.has(key) && Array.isArray(v)) checkPosition(v, p);
    for (const k of Reflect.ownKeys(v)) {
      if (typeof k !== 'string') continue;
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (!d || !('value' in d)) { add(`${p}.${k}`, 'accessor property in a result'); continue; }
      walk(d.value, p ? `${p}.${k}` : k, Array.isArray(v) ? key : k, Array.isArray(v) ? parentKey : key, v);
    }
    return undefined;
  };
  walk(result, '', '', '', null);
  return out;
}

/** Short description of an error for reports. */
export function describeError(e) {
  if (e === null || typeof e !== 'object') return `threw a non-error ${typeof e}: ${String(e)}`;
  const err = /** @type {any} */ (e);
  const cause = err.cause ? ` [cause ${err.cause?.name ?? typeof err.cause}: ${String(err.cause?.message ?? err.cause).slice(0, 160)}]` : '';
  return `${err.name ?? 'Error'}${err.code !== undefined ? ` ${err.code}` : ''}: ${String(err.message).slice(0, 220)}${cause}`;
}

/** Violations of a thrown value: it must be a coded error, never a wasm trap. */
export function errorViolations(e) {
  const out = [];
  const err = /** @type {any} */ (e);
  const text = `${err?.message ?? ''} ${err?.cause?.message ?? ''}`;
  const trap = (typeof WebAssembly === 'object' && (e instanceof WebAssembly.RuntimeError || err?.cause instanceof WebAssembly.RuntimeError))
    || /unreachable|memory access out of bounds|RuntimeError/i.test(text);
  if (trap) out.push(`wasm trap: ${describeError(e)}`);
  if (!(e instanceof Error)) out.push(`threw a non-Error: ${describeError(e)}`);
  else if (typeof err.code !== 'string') out.push(`threw without a string code: ${describeError(e)}`);
  else if (!ERROR_CODES.has(err.code)) out.push(`undocumented error code ${err.code}: ${describeError(e)}`);
  else if (err.code === 'INTERNAL' && !trap) out.push(`INTERNAL error (a bug by definition): ${describeError(e)}`);
  return out;
}

const sameNumber = (a, b) => (a === null && b === null) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

/** A short, JSON-safe rendering of a result for reports. */
export function brief(v) {
  try {
    const s = JSON.stringify(v, (k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : typeof x === 'bigint' ? `${x}n` : ArrayBuffer.isView(x) ? `${x.constructor.name}(${/** @type {any} */ (x).length})` : x));
    return s === undefined ? String(v) : s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return String(v);
  }
}

// ---------------------------------------------------------------------------
// Running a case
// ---------------------------------------------------------------------------

/** Calls one step's target with already decoded `args`. */
function invoke(step, args, ctx, prev) {
  const { api } = ctx;
  const t = step.target;
  let m;
  if ((m = /^community\.(.+)$/.exec(t))) {
    const c = communityOf(ctx);
    const key = m[1] === '@@dispose' ? Symbol.dispose : m[1];
    return c[key](...args);
  }
  if ((m = /^freed\.(.+)$/.exec(t))) {
    const c = communityOf(ctx);
    c.free();
    const key = m[1] === '@@dispose' ? Symbol.dispose : m[1];
    return c[key](...args);
  }
  if ((m = /^detached\.(.+)$/.exec(t))) {
    const f = communityOf(ctx)[m[1]];
    return f(...args);
  }
  if ((m = /^foreign\.(.+)$/.exec(t))) {
    const key = m[1] === '@@dispose' ? Symbol.dispose : m[1];
    const self = Object.hasOwn(step, 'this') ? decodeThis(step.this, ctx) : {};
    return api.Community.prototype[key].call(self, ...args);
  }
  if ((m = /^prev\.(.+)$/.exec(t))) {
    const key = m[1] === '@@dispose' ? Symbol.dispose : m[1];
    return prev[key](...args);
  }
  if (t === 'new:Community') return new api.Community(...args);
  if (t === 'new:FutureCommunityError') return new api.FutureCommunityError(...args);
  if ((m = /^Community\.(.+)$/.exec(t))) return api.Community[m[1]](...args);
  // The browser entry exports init() as its default export only.
  const f = t === 'init' && typeof api.init !== 'function' ? api.default : api[t];
  if (typeof f !== 'function') throw new Error(`harness: unknown target ${t}`);
  return f(...args);
}

/** `this` values of foreign calls: encoded values plus a few forged receivers. */
function decodeThis(v, ctx) {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (v.$prototypeObject) return Object.create(ctx.api.Community.prototype);
    if (v.$forgedPtr !== undefined) return Object.create(ctx.api.Community.prototype, { __wbg_ptr: { value: v.$forgedPtr, writable: true } });
    if (v.$plainPtr !== undefined) return { __wbg_ptr: v.$plainPtr };
    if (v.$stolenPtr) return Object.create(ctx.api.Community.prototype, { __wbg_ptr: { value: communityOf(ctx).__wbg_ptr, writable: true } });
  }
  return decode(v, ctx);
}

/**
 * Runs one case (at one scale value n) and checks it.
 * @param {any} api the package
 * @param {Case} c the case
 * @param {number | undefined} n its scale value
 * @param {object | undefined} baseline what a fresh fixture community gives (baselineOf)
 * @param {(setupMs: number) => void} [onSetupDone] called once the case's community is built
 * @returns {Promise<{ ok: boolean, violations: string[], observed: string, ms: number, setupMs: number, unusable?: string }>}
 */
export async function runCase(api, c, n, baseline, onSetupDone = () => {}) {
  /** @type {Ctx} */
  const ctx = { api, n, inner: [] };
  const violations = [];
  let observed = '';
  let ms = 0;
  const t0 = performance.now();
  try {
    if (c.community !== undefined && c.community !== 'none') {
      const spec = /** @type {any} */ (c.community);
      const opts = spec && typeof spec === 'object' && spec.options !== undefined ? decode(spec.options, ctx) : undefined;
      const text = JSON.stringify(buildGeoJSON(spec, n));
      ctx.community = opts === undefined ? api.Community.fromGeoJSON(text) : api.Community.fromGeoJSON(text, opts);
    }
  } catch (e) {
    const setupMs = performance.now() - t0;
    const v = errorViolations(e);
    // Options of the case's community refused where they are given (a
    // mapping with absurd assumptions): a coded error at read time is the
    // right outcome for a case that accepts an error.
    const code = /** @type {any} */ (e)?.code;
    if (v.length === 0 && c.community && typeof c.community === 'object' && /** @type {any} */ (c.community).options !== undefined
        && (c.expect === 'error' || c.expect === 'errorOrOk') && (code === 'INVALID_OPTION' || code === 'INVALID_PROFILE')) {
      return { ok: true, violations: [], observed: `refused at read time: ${describeError(e)}`, ms: 0, setupMs };
    }
    return { ok: false, violations: [`setup (fromGeoJSON of the case's community) threw: ${describeError(e)}`, ...v], observed: describeError(e), ms: 0, setupMs };
  }
  const setupMs = performance.now() - t0;
  onSetupDone(setupMs);
  /** Communities returned by the calls (freed at the end). */
  const created = [];
  const steps = c.steps ?? [c];
  let prev;
  let lastResult;
  for (const [i, step] of steps.entries()) {
    const label = steps.length > 1 ? `step ${i + 1} (${step.target}): ` : '';
    const expect = step.expect ?? c.expect ?? 'errorOrOk';
    const code = step.code ?? (steps.length > 1 ? undefined : c.code);
    let result;
    let threw = false;
    let error;
    ctx.inner = [];
    let args;
    try {
      args = decode(step.args ?? [], ctx);
    } catch (e) {
      violations.push(`${label}building the arguments threw ${describeError(e)}`);
      break;
    }
    const s0 = performance.now();
    try {
      result = invoke(step, args, ctx, prev);
      if (result instanceof Promise) result = await result;
    } catch (e) {
      threw = true;
      error = e;
    }
    ms += performance.now() - s0;
    for (const inner of ctx.inner) {
      if (!inner.ok) violations.push(...errorViolations(inner.error).map((v) => `${label}re-entrant ${inner.call}(): ${v}`));
    }
    if (threw) {
      observed += `${label}${describeError(error)}; `;
      violations.push(...errorViolations(error).map((v) => label + v));
      if (expect === 'ok') violations.push(`${label}expected a result, threw ${describeError(error)}`);
      const codes = code === undefined ? undefined : [code].flat();
      if (codes && /** @type {any} */ (error)?.code !== undefined && !codes.includes(/** @type {any} */ (error).code)) {
        violations.push(`${label}expected code ${codes.join(' or ')}, got ${/** @type {any} */ (error).code}`);
      }
    } else {
      const isCommunity = result instanceof api.Community;
      const isError = result instanceof Error;
      observed += `${label}returned ${isCommunity ? `a Community${result.__wbg_ptr ? '' : ' without data (no pointer)'}` : brief(result)}; `;
      if (expect === 'error') violations.push(`${label}expected an error${code ? ` (${[code].flat().join(' or ')})` : ''}, returned ${isCommunity ? 'a Community' : brief(result)}`);
      if (isCommunity) created.push(result);
      else if (isError) {
        if (!api.isFutureCommunityError(result)) violations.push(`${label}returned an Error that isFutureCommunityError() does not accept`);
      } else violations.push(...resultViolations(result, step.target).map((v) => label + v));
      prev = result;
      lastResult = result;
    }
  }
  // Own keys, extra ranges and comparisons on the (last) result.
  if (lastResult !== undefined) {
    for (const { path: p, key } of c.ownKeys ?? []) {
      const o = getPath(lastResult, p);
      if (o === null || typeof o !== 'object' || !Object.hasOwn(o, key)) violations.push(`${p || '(result)'} has no own key ${JSON.stringify(key)} (keys: ${o && typeof o === 'object' ? Object.keys(o).slice(0, 12).join(',') : typeof o})`);
    }
    for (const { path: p, value } of c.equals ?? []) {
      const v = getPath(lastResult, p);
      if (!(v === value || sameNumber(v, value))) violations.push(`${p} = ${brief(v)}, expected ${brief(value)}`);
    }
    for (const { path: p, min = -Infinity, max = Infinity } of c.ranges ?? []) {
      const v = getPath(lastResult, p);
      if (v !== null && v !== undefined && !(typeof v === 'number' && v >= min && v <= max)) violations.push(`${p} = ${v}, documented range ${min}..${max}`);
    }
    if (c.compare) {
      try {
        const other = invoke(c, decode(c.compare.args, ctx), ctx, undefined);
        for (const p of c.compare.paths) {
          const a = getPath(lastResult, p);
          const b = getPath(other, p);
          const same = typeof a === 'object' && a !== null ? JSON.stringify(a) === JSON.stringify(b) : (a === b || sameNumber(a, b));
          if (!same) violations.push(`${p} = ${brief(a)}, but ${brief(b)} with the reference arguments`);
        }
      } catch (e) {
        violations.push(`reference call threw ${describeError(e)}`);
      }
    }
  }
  // The case's community can be freed; the module still works.
  let unusable;
  for (const [what, obj] of [["the case's community", ctx.community], ...created.map((o) => ['a returned Community', o])]) {
    if (!obj) continue;
    try {
      obj.free();
    } catch (e) {
      violations.push(`free() of ${what} threw ${describeError(e)}`);
    }
  }
  const health = healthCheck(api, baseline);
  if (health) {
    unusable = health;
    violations.push(`module unusable after the case: ${health}`);
  }
  return { ok: violations.length === 0, violations, observed: observed.replace(/; $/, ''), ms, setupMs, unusable };
}

/** A fresh community on the fixture gives the baseline numbers; returns a problem or undefined. */
export function healthCheck(api, baseline) {
  let c;
  const protoKeys = Reflect.ownKeys(Object.prototype).length;
  if (baseline && protoKeys !== baseline.protoKeys) return `Object.prototype has ${protoKeys} own keys, ${baseline.protoKeys} before: polluted`;
  try {
    c = api.Community.fromGeoJSON(fixture());
    const s = c.summary();
    const m = c.siteMetrics();
    const got = { featureCount: s.featureCount, households: m.households, far: m.far, protoKeys };
    if (baseline && JSON.stringify(got) !== JSON.stringify(baseline)) return `a fresh community gives ${JSON.stringify(got)}, expected ${JSON.stringify(baseline)}`;
    return undefined;
  } catch (e) {
    return `a fresh community threw ${describeError(e)}`;
  } finally {
    try {
      c?.free();
    } catch {
      // reported above
    }
  }
}

/** The baseline numbers of the fixture. */
export function baselineOf(api) {
  const c = api.Community.fromGeoJSON(fixture());
  try {
    const s = c.summary();
    const m = c.siteMetrics();
    return { featureCount: s.featureCount, households: m.households, far: m.far, protoKeys: Reflect.ownKeys(Object.prototype).length };
  } finally {
    c.free();
  }
}

// ---------------------------------------------------------------------------
// Worker entry
// ---------------------------------------------------------------------------

if (!isMainThread && workerData?.hostile && parentPort) {
  const port = parentPort;
  const { loadPackage } = await import('./load.mjs');
  const api = await loadPackage(workerData.pkg);
  const baseline = baselineOf(api);
  port.on('message', async (job) => {
    let reply;
    try {
      reply = await runCase(api, job.case, job.n, baseline, (setupMs) => port.postMessage({ id: job.id, phase: 'call', setupMs }));
    } catch (e) {
      reply = { ok: false, violations: [`harness error: ${e?.stack ?? e}`], observed: '', ms: 0, setupMs: 0 };
    }
    port.postMessage({ id: job.id, ...reply });
  });
  port.postMessage({ ready: true });
}
