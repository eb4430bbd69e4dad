// A small promise-based client for the future-community wasm package that
// runs it in a module Web Worker (fc-worker.js), so the page never freezes.
//
//   import { FcClient } from './fc-client.js';
//   const fc = await FcClient.create({ onProgress: (stage) => ... });
//   const { summary } = await fc.load(geojsonText, { crs: 'wgs84' });   // or a File, or { url }
//   const report = await fc.evaluate('zhejiang-future-community', { projectType: 'renovation' });
//
// The methods mirror the package (`evaluate`, `siteMetrics`, `accessibility`,
// `isochrones`, ... return promises of the same results). Errors are rejected
// as Error objects carrying the package's `code` and `featureIndex`.
// Where a worker cannot be started (e.g. the script is served from another
// origin than the page), the same code runs on the page instead.

function toError(info) {
  const err = new Error(info?.message ?? 'unknown error');
  err.name = info?.name ?? 'Error';
  if (info?.code) err.code = info.code;
  if (typeof info?.featureIndex === 'number') err.featureIndex = info.featureIndex;
  if (typeof info?.status === 'number') err.status = info.status;
  if (typeof info?.source === 'number') err.source = info.source;
  return err;
}

export class FcClient {
  /** Starts the worker and the wasm module; resolves to a ready client. */
  static async create({ workerUrl, onProgress } = {}) {
    const client = new FcClient(onProgress);
    const url = workerUrl ?? new URL('./fc-worker.js', import.meta.url);
    try {
      client.#startWorker(url);
      client.info = await client.#request('init', []);
    } catch (err) {
      if (err?.code) throw err; // the package itself failed: no point retrying on the page
      client.#stopWorker();
      client.inPage = true;
      const { createCore } = await import('./fc-core.js');
      client.#core = createCore((stage, fraction = null) => client.#progress(client.#running, stage, fraction));
      client.info = await client.#request('init', []);
    }
    return client;
  }

  /** { version, profiles, categories, capabilities: { accessibility: bool, isochrones: bool, ... } } */
  info = null;
  /** True when computing on the page (no worker). */
  inPage = false;

  #worker = null;
  #core = null;
  #next = 1;
  #pending = new Map();
  #running = null;
  #onProgress;
  #chain = Promise.resolve();

  constructor(onProgress) {
    this.#onProgress = onProgress ?? (() => {});
  }

  #progress(id, stage, fraction = null) {
    const p = this.#pending.get(id);
    try {
      this.#onProgress(stage, fraction, p?.method);
    } catch {
      // a progress callback must not break the computation
    }
  }

  #startWorker(url) {
    const worker = new Worker(url, { type: 'module' });
    worker.addEventListener('message', (event) => {
      const { id, ok, result, error, progress, fraction } = event.data ?? {};
      if (progress !== undefined) {
        this.#progress(id, progress, fraction);
        return;
      }
      const p = this.#pending.get(id);
      if (!p) return;
      this.#pending.delete(id);
      if (ok) p.resolve(result);
      else p.reject(toError(error));
    });
    // A module that fails to load (or crashes) fails every open request.
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      const err = new Error(`worker failed: ${event.message ?? 'could not start'}`);
      for (const p of this.#pending.values()) p.reject(err);
      this.#pending.clear();
    });
    this.#worker = worker;
  }

  #stopWorker() {
    this.#worker?.terminate();
    this.#worker = null;
  }

  #request(method, args) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, method });
      if (this.#worker) {
        this.#worker.postMessage({ id, method, args });
        return;
      }
      // In-page: one request at a time, after the page had a chance to paint.
      this.#chain = this.#chain.then(async () => {
        await new Promise((r) => setTimeout(r, 0));
        this.#running = id;
        try {
          const result = await this.#core.handle(method, args);
          this.#pending.delete(id);
          resolve(result);
        } catch (err) {
          this.#pending.delete(id);
          reject(toError(this.#core.errorInfo(err)));
        } finally {
          this.#running = null;
        }
      });
    });
  }

  /** Whether the package has `Community.<method>()`. */
  has(method) {
    return Boolean(this.info?.capabilities?.[method]);
  }

  version() {
    return this.info?.version;
  }

  profiles() {
    return this.info?.profiles ?? [];
  }

  profile(id) {
    return this.#request('profile', [id]);
  }

  /**
   * The core's category list (`categories()`: ids, zh/en labels, groups, in
   * display order), as read at start-up.
   * @returns {import('future-community').CategoryList | null}
   */
  categories() {
    return this.info?.categories ?? null;
  }

  /**
   * What a profile reads (`profileRequirements()`): a built-in id or a document.
   * @param {string | object} profile
   * @returns {Promise<import('future-community').ProfileRequirements>}
   */
  profileRequirements(profile) {
    return this.#request('profileRequirements', [profile]);
  }

  compareReports(a, b) {
    return this.#request('compareReports', [a, b]);
  }

  /**
   * Loads GeoJSON given as text, an object, a File/Blob (read in the worker)
   * or { url } (downloaded in the worker, with progress), or a list of those
   * read as one community (several files; `names` for their messages and
   * credit). Options: { crs, maxBytes, display, names }. Resolves to { summary, metrics, display, featureCount,
   * millis, name, attribution }; `display` holds the map layers (blob: URLs,
   * and the facilities as a FeatureCollection) unless `display: false`.
   */
  load(source, options = {}) {
    const { crs = 'wgs84', maxBytes, display = true, names } = options;
    return this.#request('load', [{ source, crs, maxBytes, display, names }]);
  }

  /** Applies what-if edits (see edits.js) to the loaded data: { summary, metrics, millis }. */
  setEdits(edits) {
    return this.#request('setEdits', [edits]);
  }

  /** Calls `community[method](...args)`; target 'current' (with edits, default) or 'base'. */
  call(method, args = [], target = 'current') {
    return this.#request('call', [{ target, method, args }]);
  }

  summary(target) {
    return this.call('summary', [], target);
  }

  siteMetrics(options, target) {
    return this.call('siteMetrics', [options], target);
  }

  evaluate(profile, options, target) {
    return this.call('evaluate', [profile ?? null, options], target);
  }

  evaluateAll(profile, options, target) {
    return this.call('evaluateAll', [profile ?? null, options], target);
  }

  accessibility(options, target) {
    return this.call('accessibility', [options], target);
  }

  isochrones(options, target) {
    return this.call('isochrones', [options], target);
  }

  serviceAreas(options, target) {
    return this.call('serviceAreas', [options], target);
  }

  travelTimeGrid(options, target) {
    return this.call('travelTimeGrid', [options], target);
  }

  travelCircles(options, target) {
    return this.call('travelCircles', [options], target);
  }

  /** { before, after, diff } for the data as loaded and with the edits. */
  evaluatePair(profile, options) {
    return this.#request('evaluatePair', [{ profile, options }]);
  }

  /**
   * Accessibility with and without the edits, without per-building rows:
   * { before, after, distances: { category, featureIndex, metres } }, or null
   * when the package has no accessibility().
   */
  accessibilityPair(options, category) {
    return this.#request('accessibilityPair', [options, category]);
  }

  /** { category, featureIndex: Float64Array, metres: Float64Array (NaN = unreachable) } of the last query. */
  accessDistances(category) {
    return this.#request('accessDistances', [category]);
  }

  /** One building's accessibility row of the last query, or null. */
  buildingAccess(featureIndex) {
    return this.#request('buildingAccess', [featureIndex]);
  }

  featureProperties(index) {
    return this.#request('featureProperties', [index]);
  }

  /**
   * The compare view: each of `sources` (Files, texts or { url }) read as its
   * own community and scored with `profile`; a file with several boundaries
   * gives one row per boundary. Resolves to { rows, errors, profileId,
   * profileVersion }; a file that fails is in `errors`, the others still count.
   * @param {any[]} sources
   * @param {{ names?: string[], crs?: string, maxBytes?: number, profile?: any, options?: any }} [opts]
   */
  compare(sources, { names = [], crs = 'wgs84', maxBytes = undefined, profile = undefined, options = undefined } = {}) {
    return this.#request('compare', [{ sources, names, crs, maxBytes, profile, options }]);
  }

  /** The compare view on the loaded data (one row per boundary): as compare(). */
  compareLoaded(name, profile, options) {
    return this.#request('compareLoaded', [{ name, profile, options }]);
  }

  /** Frees the loaded data (after a failed load, so that nothing computes on the old data). */
  unload() {
    return this.#request('unload', []);
  }

  /** Stops the worker (or frees the datasets held on the page). */
  terminate() {
    if (this.#worker) this.#stopWorker();
    else this.#core?.handle('unload', []).catch(() => {});
  }
}
