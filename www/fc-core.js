// The computation side of fc-client.js: owns the wasm module and the loaded
// datasets. Runs inside fc-worker.js (a module worker), or on the page itself
// when workers are unavailable. Everything it returns is structured-cloneable.
//
// Two communities are kept: `base` (the data as loaded) and `current` (the
// data with the what-if edits applied; the same object when there are none),
// so that every result can be compared before/after.

import init, * as fc from './pkg/index.js';
import { compareSources, scoreCommunity } from './compare-core.js';
import { addedFeatureId, resolveEdits } from './edits.js';

/** Methods of `Community` the page may use, detected at run time. */
export const COMMUNITY_METHODS = [
  'summary',
  'siteMetrics',
  'evaluate',
  'evaluateAll',
  'accessibility',
  'isochrones',
  'serviceAreas',
  'travelTimeGrid',
  'travelCircles',
];

// Keys whose values are feature indices of the input (remapped to the
// indices of the loaded file when edits removed or added features).
const INDEX_KEYS = new Set(['featureIndex', 'nearestFeatureIndex', 'straightFeatureIndex']);

const DISPLAY_KINDS = new Set(['boundary', 'building', 'facility', 'road', 'green']);
const MAX_TEXT = 300;

function errorInfo(err) {
  return {
    name: err?.name ?? 'Error',
    code: typeof err?.code === 'string' ? err.code : null,
    featureIndex: typeof err?.featureIndex === 'number' ? err.featureIndex : null,
    status: typeof err?.status === 'number' ? err.status : null,
    source: typeof err?.source === 'number' ? err.source : null,
    message: String(err?.message ?? err),
  };
}

function text(v) {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) + '…' : s;
}

/**
 * The reading options: the map's info panel needs each feature's own
 * properties, which the core keeps only when asked.
 */
function readOptions(crs, maxBytes, display) {
  return { crs, ...(maxBytes ? { maxBytes } : {}), ...(display ? { keepProperties: true } : {}) };
}

/**
 * The data credit of what was read: each source's own `attribution` as
 * the core read it, prefixed with the file's name when there are several.
 */
function sourceCredit(sources) {
  const parts = sources
    .map((s, i) => (!s.attribution ? null : sources.length === 1 ? s.attribution : `${s.name ?? `#${i + 1}`}: ${s.attribution}`))
    .filter(Boolean);
  return parts.length ? text(parts.join('; ')) : null;
}

/**
 * The map layers of a community, from the core (`layers({ text: true })`:
 * WGS84 after any CRS conversion, what the core read and classified, each
 * feature with its `featureIndex`). Facilities come as objects (the page
 * edits them in what-if mode); the other layers stay JSON text for the map.
 */
function displayLayers(community) {
  const layers = community.layers({ text: true });
  const out = {};
  for (const kind of DISPLAY_KINDS) out[kind] = kind === 'facility' ? JSON.parse(layers[kind]) : layers[kind];
  return out;
}

function remapIndex(v, map) {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v < map.length ? map[v] : v;
  if (Array.isArray(v)) return v.map((x) => remapIndex(x, map));
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) v[k] = remapIndex(v[k], map);
  }
  return v;
}

/** Rewrites feature indices of the edited dataset to those of the loaded file (or 'w<n>'). */
function remap(value, map) {
  if (ArrayBuffer.isView(value)) return value; // typed arrays hold measures, never indices
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = remap(value[i], map);
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      value[k] = INDEX_KEYS.has(k) ? remapIndex(value[k], map) : remap(value[k], map);
    }
  }
  return value;
}

/** GET `url` as text, reporting download progress (XMLHttpRequest works in workers and on pages). */
function download(url, progress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.responseType = 'text';
    xhr.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) progress('download', e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.responseText);
      else reject(Object.assign(new Error(`${url}: HTTP ${xhr.status}`), { code: 'HTTP_ERROR', status: xhr.status }));
    });
    xhr.addEventListener('error', () => reject(Object.assign(new Error(`${url}: the download failed (network error, or no CORS permission)`), { code: 'DOWNLOAD_FAILED' })));
    xhr.send();
  });
}

/** Text of a load source: a string, an object, a File/Blob, or { url }. */
async function sourceText(source, maxBytes, progress) {
  if (typeof source === 'string') return source;
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    if (maxBytes && source.size > maxBytes) {
      throw Object.assign(new Error(`the file has ${source.size} bytes, more than the limit of ${maxBytes}`), { code: 'FILE_TOO_LARGE' });
    }
    progress('read');
    // A zipped Shapefile is binary: its bytes go to the core as they are.
    if (/\.zip$/i.test(source.name ?? '')) return new Uint8Array(await source.arrayBuffer());
    return source.text();
  }
  if (source && typeof source === 'object' && typeof source.url === 'string' && !('type' in source)) {
    const url = new URL(source.url, globalThis.location?.href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('only http(s) URLs can be loaded');
    progress('download', 0);
    return download(url.href, progress);
  }
  return source; // a GeoJSON object
}

/**
 * Accessibility of a community as columns (typed arrays: no object per
 * building is built, several times cheaper than `accessibility()`), with the
 * feature indices mapped to those of the loaded file. Falls back to
 * `accessibility()` rows in a package without `accessibilityColumns()`.
 * @returns {{ columns: any, featureIndex: Float64Array } | { rows: any }}
 */
function accessOf(community, options, indexMap) {
  if (typeof community.accessibilityColumns !== 'function') {
    const rows = community.accessibility(options);
    return { rows: indexMap ? remap(rows, indexMap) : rows };
  }
  const columns = community.accessibilityColumns(options);
  const featureIndex = Float64Array.from(columns.featureIndex, (i) => (indexMap ? mapIndex(i, indexMap) : i));
  return { columns, featureIndex };
}

/** A feature index of the edited dataset as one of the loaded file (added facilities: their 'w<n>' ref, as a number NaN here). */
function mapIndex(i, indexMap) {
  const v = i >= 0 && i < indexMap.length ? indexMap[i] : i;
  return typeof v === 'number' ? v : NaN;
}

/** The accessibility result without its per-building rows (those stay in the worker). */
function slimAccess(a) {
  if (!a) return null;
  const r = a.columns ?? a.rows;
  return {
    categories: a.columns ? a.columns.categoryNames : r.categories,
    thresholds: r.thresholds,
    coverage: r.coverage,
    coverageTotals: r.coverageTotals,
    warnings: r.warnings,
    buildingCount: a.columns ? a.featureIndex.length : r.buildings?.length ?? 0,
  };
}

/** Walking distance of every residential building to `category`: parallel typed arrays (NaN = unreachable). */
function accessDistances(a, category) {
  if (a?.columns) {
    const col = a.columns.categories[category];
    const metres = col ? Float64Array.from(col.networkM) : new Float64Array(a.featureIndex.length).fill(NaN);
    return { category, featureIndex: Float64Array.from(a.featureIndex), metres };
  }
  const rows = a?.rows?.buildings ?? [];
  const featureIndex = new Float64Array(rows.length);
  const metres = new Float64Array(rows.length);
  rows.forEach((b, i) => {
    featureIndex[i] = b.featureIndex;
    const m = b.networkM?.[category];
    metres[i] = typeof m === 'number' ? m : NaN;
  });
  return { category, featureIndex, metres };
}

/** One building's row (as `accessibility()` gives it) from the columns, or null when it is not residential. */
function buildingRow(a, featureIndex, indexMap) {
  if (!a) return null;
  if (!a.columns) return a.rows?.buildings?.find((b) => b.featureIndex === featureIndex) ?? null;
  const at = a.featureIndex.indexOf(featureIndex);
  if (at < 0) return null;
  const c = a.columns;
  const num = (v) => (Number.isFinite(v) ? v : null);
  const per = (f) => Object.fromEntries(c.categoryNames.map((k) => [k, f(c.categories[k])]));
  return {
    featureIndex,
    id: c.id[at],
    households: c.households[at],
    population: c.population[at],
    networkM: per((col) => num(col.networkM[at])),
    nearestFeatureIndex: per((col) => (col.nearestFeatureIndex[at] < 0 ? null : indexMap ? indexMap[col.nearestFeatureIndex[at]] ?? null : col.nearestFeatureIndex[at])),
    straightM: per((col) => num(col.straightM[at])),
    detourRatio: per((col) => num(col.detourRatio[at])),
  };
}

export function createCore(progress = () => {}) {
  let started = null;
  let base = null; // { community, crs }
  let current = null; // { community, indexMap } (indexMap null: same indices as base)
  let access = { before: null, after: null }; // full accessibility results of the last query
  let displayUrls = [];

  /** Big display collections go to the map as blob: URLs (MapLibre fetches and parses them in its own worker). */
  function publish(collections) {
    for (const u of displayUrls) URL.revokeObjectURL(u);
    displayUrls = [];
    const out = {};
    for (const [kind, fc] of Object.entries(collections)) {
      if (kind === 'facility') {
        out[kind] = fc; // the page edits these (what-if), so they come as objects
        continue;
      }
      const url = URL.createObjectURL(new Blob([typeof fc === 'string' ? fc : JSON.stringify(fc)], { type: 'application/geo+json' }));
      displayUrls.push(url);
      out[kind] = url;
    }
    return out;
  }

  function freeCurrent() {
    if (current && current.community !== base?.community) current.community.free();
    current = null;
  }

  function freeAll() {
    freeCurrent();
    base?.community.free();
    base = null;
  }

  function capabilities() {
    const proto = fc.Community?.prototype ?? {};
    return Object.fromEntries(COMMUNITY_METHODS.map((m) => [m, typeof proto[m] === 'function']));
  }

  function which(target) {
    const c = target === 'base' ? base : current;
    if (!c) throw Object.assign(new Error('no dataset is loaded'), { code: 'EMPTY_INPUT' });
    return c;
  }

  /**
   * Keeps a freshly read community as the loaded data and returns what the
   * page shows of it. The file's own name and credit (top-level `name` and
   * `attribution`) come from the core's summary: the page does not parse
   * the input itself.
   */
  function loaded(community, crs, t0, display) {
    freeAll();
    access = { before: null, after: null };
    base = { community, crs };
    current = { community, indexMap: null };
    const summary = community.summary();
    const metrics = community.siteMetrics();
    const millis = performance.now() - t0;
    if (display) progress('display');
    const sources = summary.sources ?? [];
    return {
      summary,
      metrics,
      millis,
      display: display ? publish(displayLayers(community)) : null,
      featureCount: summary.featureCount,
      name: sources.length === 1 ? (sources[0].title ?? null) : null,
      attribution: sourceCredit(sources),
    };
  }

  /**
   * Several files read as one community (`Community.fromSources`): feature
   * indices run on across the files, so the display and the what-if edits
   * work on their concatenation. The size limit applies to the sum; an error
   * of one file carries its `source` index and name.
   */
  async function loadMany(sources, names, { crs, maxBytes, display }) {
    const total = sources.reduce((n, s) => n + (typeof Blob !== 'undefined' && s instanceof Blob ? s.size : 0), 0);
    if (maxBytes && total > maxBytes) {
      throw Object.assign(new Error(`the files have ${total} bytes together, more than the limit of ${maxBytes}`), { code: 'FILE_TOO_LARGE' });
    }
    const texts = [];
    for (let i = 0; i < sources.length; i++) {
      const one = (stage, fraction = null) => progress(stage, (i + (fraction ?? 0)) / sources.length);
      try {
        texts.push(await sourceText(sources[i], maxBytes, one));
      } catch (err) {
        throw Object.assign(err, { source: i });
      }
      progress('read', (i + 1) / sources.length);
    }
    const t0 = performance.now();
    progress('parse');
    const list = texts.map((data, i) => ({ data, name: names[i] ?? `#${i + 1}` }));
    const community = fc.Community.fromSources(list, readOptions(crs, maxBytes, display));
    return loaded(community, crs, t0, display);
  }

  const handlers = {
    async init() {
      progress('init');
      started ??= init();
      await started;
      return { version: fc.version(), profiles: fc.profiles(), categories: fc.categories(), capabilities: capabilities() };
    },

    /**
     * Loads GeoJSON from text, an object, a File/Blob or { url }:
     * { summary, metrics, display, featureCount, millis, name, attribution }.
     * `display: false` skips the map data (the widget needs none).
     */
    async load({ source, crs = 'wgs84', maxBytes, display = true, names }) {
      // Several files, or one the core must recognise by its name (.csv, .zip): fromSources.
      const named = !Array.isArray(source) && typeof Blob !== 'undefined' && source instanceof Blob && !/\.(geo)?json$/i.test(source.name ?? '.json');
      if (Array.isArray(source) || named) return loadMany(Array.isArray(source) ? source : [source], names ?? [], { crs, maxBytes, display });
      const input = await sourceText(source, maxBytes, progress);
      const t0 = performance.now();
      progress('parse');
      const community = fc.Community.fromGeoJSON(input, readOptions(crs, maxBytes, display));
      return loaded(community, crs, t0, display);
    },

    /** Applies what-if edits to the loaded data: { summary, metrics, millis }. */
    setEdits(edits) {
      if (!base) throw Object.assign(new Error('no dataset is loaded'), { code: 'EMPTY_INPUT' });
      const t0 = performance.now();
      progress('edit');
      freeCurrent();
      if (!edits?.length) {
        current = { community: base.community, indexMap: null };
      } else {
        // The core applies the edits and keeps every feature's index; added
        // facilities follow the last feature and are mapped back to their refs.
        const { removed, moved, added } = resolveEdits(edits);
        const n = base.community.summary().featureCount;
        const refs = [...added.keys()];
        const community = base.community.withEdits({
          remove: [...removed],
          move: [...moved].map(([featureIndex, lngLat]) => ({ featureIndex, lngLat })),
          add: refs.map((ref) => {
            const a = added.get(ref);
            return { category: a.category, lngLat: a.lngLat, id: addedFeatureId(ref), ...(a.name ? { name: a.name } : {}) };
          }),
        });
        const indexMap = [...Array.from({ length: n }, (_, i) => i), ...refs];
        current = { community, indexMap };
      }
      const summary = current.community.summary();
      const metrics = current.community.siteMetrics();
      return { summary, metrics, millis: performance.now() - t0 };
    },

    /** community[method](...args) on 'base' or 'current' (default), indices as in the loaded file. */
    call({ target = 'current', method, args = [] }) {
      if (!COMMUNITY_METHODS.includes(method)) throw new Error(`unknown method ${method}`);
      const c = which(target);
      if (typeof c.community[method] !== 'function') {
        throw Object.assign(new Error(`this build of the package has no Community.${method}()`), { code: 'UNSUPPORTED' });
      }
      progress(method);
      const result = c.community[method](...args);
      return c.indexMap ? remap(result, c.indexMap) : result;
    },

    /** Evaluates base and current with one profile; with edits also their comparison. */
    evaluatePair({ profile, options }) {
      progress('evaluate');
      const after = which('current').community.evaluate(profile ?? undefined, options ?? undefined);
      if (current.community === base.community) return { before: after, after, diff: null };
      const before = base.community.evaluate(profile ?? undefined, options ?? undefined);
      return { before, after, diff: fc.compareReports(before, after) };
    },

    /**
     * Accessibility of base and current (the same without edits), without
     * the per-building rows, plus the distances of every home to `category`.
     */
    accessibilityPair(options, category) {
      if (!capabilities().accessibility) return null;
      progress('accessibility');
      const after = accessOf(which('current').community, options, current.indexMap);
      const before = current.community === base.community ? after : accessOf(base.community, options, null);
      access = { before, after };
      return { before: slimAccess(before), after: slimAccess(after), distances: accessDistances(after, category) };
    },

    /** Distances of every home to `category`, from the last accessibility query. */
    accessDistances(category) {
      return accessDistances(access.after, category);
    },

    /** One building's row of the last accessibility query (null when it is not residential). */
    buildingAccess(featureIndex) {
      return buildingRow(access.after, featureIndex, current?.indexMap ?? null);
    },

    /** All properties of one feature of the loaded file (strings shortened), for the info panel. */
    featureProperties(index) {
      const f = base?.community.featureProperties(index);
      if (!f) return null;
      const props = {};
      let n = 0;
      for (const [k, v] of Object.entries(f.properties ?? {})) {
        if (++n > 60) break;
        props[text(k)] = text(v);
      }
      return { id: text(f.id), geometryType: text(f.geometryType), properties: props };
    },

    /** The compare view: every file its own community, scored with one profile (compare-core.js). */
    compare(request) {
      return compareSources(fc, request, sourceText, progress, errorInfo);
    },

    /** The compare view on the loaded data (with the edits): one row per boundary. */
    compareLoaded({ name, profile, options }) {
      progress('compare', 0);
      const { rows, profileId, profileVersion } = scoreCommunity(which('current').community, name, 0, profile, options);
      progress('compare', 1);
      return { rows, errors: [], profileId, profileVersion };
    },

    profile(id) {
      return fc.profile(id);
    },

    profileRequirements(profile) {
      return fc.profileRequirements(profile ?? undefined);
    },

    compareReports(a, b) {
      return fc.compareReports(a, b);
    },

    unload() {
      freeAll();
      publish({});
      access = { before: null, after: null };
      return true;
    },
  };

  return {
    async handle(method, args) {
      if (!(method in handlers)) throw new Error(`unknown request ${method}`);
      if (method !== 'init') {
        started ??= init();
        await started;
      }
      return handlers[method](...(args ?? []));
    },
    errorInfo,
  };
}
