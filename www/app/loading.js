// @ts-check
// Loading data: the bundled dataset, the file picker, drag and drop anywhere
// on the page and the ?data= URL, with the page's size limit. The worker
// reads or downloads the source, so the page never holds (or parses) the text.
import { recompute } from './compute.js';
import { render } from './render.js';
import { $, BUNDLED, MAX_INPUT_BYTES, chooseDefaultCategory, state, t, view } from './state.js';
import { busy } from './status.js';
import { refreshFacilities } from './whatif.js';

/** Bumped by every load: a slower, older load must not overwrite a newer one. */
let generation = 0;

/**
 * What a load reads: one file or URL, or several read as one community
 * (`Community.fromSources`), with their names for messages and the credit.
 * @typedef {Blob | { url: string }} OneSource
 * @typedef {OneSource | OneSource[]} Source
 */

/** The name shown for several files: theirs, joined. @param {string[]} names */
export function joinedName(names) {
  return names.join(' + ');
}

/**
 * The last file or URL the user loaded (not the bundled example), so that a
 * change of the coordinate system reads it again.
 * @type {{ source: Source, names: string[], dataset: import('./state.js').Dataset } | null}
 */
let last = null;

/** Empties the map layers of the data (after a failed load). */
async function clearMap() {
  const { map } = view;
  if (!map) return;
  await map.setData({});
  await map.setFacilities(null);
  await map.setBuildingDistances(null, state.tier);
  await map.setIsochrones(null, null);
  await map.setServiceAreas(null);
  await map.setGrid(null);
  await map.setSelected(null);
}

/** Forgets every result of the previous data: nothing on screen may pass for the failed file. */
function forgetData() {
  state.loaded = null;
  state.current = null;
  state.pair = null;
  state.access = null;
  state.edits = [];
  state.picked = null;
  state.selected = null;
  state.isochrones = null;
  state.isoOrigin = null;
  state.serviceAreas = null;
  state.grid = null;
  state.hint = null;
}

/**
 * Loads GeoJSON into the worker and recomputes everything. `source` is a
 * File or { url }, or a list of them read as one community: the worker reads
 * or downloads them, so the page never holds (or parses) the text. On
 * failure the previous data is set aside (map, scores, credit and header
 * name no longer show it) and the status line names the file (of several,
 * the one at fault) and says what to do.
 * @param {Source} source
 * @param {import('./state.js').Dataset} dataset
 * @param {string[]} [names] the names of several sources
 */
async function loadSource(source, dataset, names = [dataset.name]) {
  const gen = ++generation;
  state.error = null;
  state.loadingName = dataset.name;
  if (!dataset.bundled) last = { source, names, dataset };
  const first = Array.isArray(source) ? source[0] : source;
  await busy(first instanceof Blob ? 'read' : 'download', async () => {
    let loaded;
    try {
      loaded = await state.client.load(source, { crs: dataset.crs, maxBytes: MAX_INPUT_BYTES, names });
    } catch (err) {
      if (gen !== generation) return;
      const culprit = Array.isArray(source) && typeof err?.source === 'number' ? names[err.source] : null;
      await failed(culprit ? { ...dataset, name: culprit } : dataset, err);
      return;
    }
    if (gen !== generation) return;
    state.dataset = dataset;
    forgetData();
    state.loaded = loaded;
    state.current = { summary: loaded.summary, metrics: loaded.metrics };
    chooseDefaultCategory();
    // Scores first; the map layers (parsed by MapLibre's workers) after them.
    // Until then the map is empty: it never shows the old data beside the new scores.
    await view.map.setData({});
    await view.map.setFacilities(null);
    await view.map.setIsochrones(null, null);
    await view.map.setServiceAreas(null);
    await view.map.setGrid(null);
    await recompute(async () => {
      await view.map.setData(loaded.display);
      view.map.fitTo(loaded.summary.bbox);
      await refreshFacilities();
    });
  });
  if (gen === generation) state.loadingName = null;
  state.ready = true;
  render();
}

/** @param {import('./state.js').Dataset} dataset @param {any} err */
async function failed(dataset, err) {
  state.error = { key: 'loadFailed', vars: { name: dataset.name }, err };
  state.dataset = { ...dataset, failed: true };
  forgetData();
  await state.client.unload().catch(() => {});
  await clearMap();
  await refreshFacilities();
}

/** @param {string} url @param {string} name */
export async function loadUrl(url, name, bundled = false) {
  await loadSource({ url: new URL(url, location.href).href }, { name, bundled, crs: bundled ? 'wgs84' : $('crs-select').value });
}

/** Several URLs (`?data=` repeated) read as one community. @param {{ url: string, name: string }[]} list */
export async function loadUrls(list) {
  if (list.length === 1) return loadUrl(list[0].url, list[0].name);
  const names = list.map((d) => d.name);
  await loadSource(list.map((d) => ({ url: d.url })), { name: joinedName(names), bundled: false, crs: $('crs-select').value }, names);
}

/**
 * One file, or several read as one community (the layers of one export, say).
 * @param {File[]} files
 */
export async function loadFiles(files) {
  if (!files.length) return;
  const names = files.map((f) => f.name);
  const dataset = { name: joinedName(names), bundled: false, crs: $('crs-select').value };
  const size = files.reduce((n, f) => n + f.size, 0);
  if (size > MAX_INPUT_BYTES) {
    const err = Object.assign(new Error(`${dataset.name}: ${size} bytes, more than this page reads (${MAX_INPUT_BYTES} bytes)`), {
      code: 'FILE_TOO_LARGE',
      vars: { size: Math.round(size / 2 ** 20), limit: MAX_INPUT_BYTES / 2 ** 20 },
    });
    ++generation;
    await failed(dataset, err);
    state.ready = true;
    render();
    return;
  }
  await loadSource(files.length === 1 ? files[0] : files, dataset, names);
}

/** A new coordinate system reads the user's last file again (the bundled example is WGS84). */
async function crsChanged() {
  if (!last || state.dataset.bundled || !state.client) return;
  await loadSource(last.source, { ...last.dataset, crs: $('crs-select').value }, last.names);
}

/**
 * `?data=` URLs (the parameter may be repeated: several files, one
 * community): http(s) only, resolved against this page (same origin, or
 * another one with CORS). Others are ignored.
 * @returns {{ url: string, name: string }[]}
 */
export function dataParams() {
  /** @type {{ url: string, name: string }[]} */
  const out = [];
  for (const raw of new URLSearchParams(location.search).getAll('data')) {
    try {
      const url = new URL(raw, location.href);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      out.push({ url: url.href, name: decodeURIComponent(url.pathname.split('/').pop() || url.hostname) });
    } catch {
      // not a URL: ignored like a non-http one
    }
  }
  return out;
}

/** The file picker and the bundled-data button. */
export function bindLoadButtons() {
  $('file-input').addEventListener('change', (/** @type {Event & { target: HTMLInputElement }} */ e) => {
    loadFiles([...(e.target.files ?? [])]);
    e.target.value = '';
  });
  $('load-bundled').addEventListener('click', () => loadUrl(BUNDLED.url, BUNDLED.name, true));
  $('crs-select').addEventListener('change', () => crsChanged());
}

/** Drag and drop anywhere on the page. */
export function bindDrop() {
  const overlay = $('drop-overlay');
  let depth = 0;
  document.addEventListener('dragenter', (e) => {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    depth += 1;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) overlay.hidden = true;
  });
  document.addEventListener('dragover', (e) => {
    if ([...(e.dataTransfer?.types ?? [])].includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    const files = [...(e.dataTransfer?.files ?? [])];
    depth = 0;
    overlay.hidden = true;
    if (!files.length || e.defaultPrevented) return; // the compare view took them
    e.preventDefault();
    loadFiles(files);
  });
}
