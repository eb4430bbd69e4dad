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
 * The last file or URL the user loaded (not the bundled example), so that a
 * change of the coordinate system reads it again.
 * @type {{ source: Blob | { url: string }, dataset: import('./state.js').Dataset } | null}
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
 * File or { url }: the worker reads or downloads it, so the page never holds
 * (or parses) the text. On failure the previous data is set aside (map,
 * scores, credit and header name no longer show it) and the status line
 * names the file and says what to do.
 * @param {Blob | { url: string }} source
 * @param {import('./state.js').Dataset} dataset
 */
async function loadSource(source, dataset) {
  const gen = ++generation;
  state.error = null;
  state.loadingName = dataset.name;
  if (!dataset.bundled) last = { source, dataset };
  await busy(source instanceof Blob ? 'read' : 'download', async () => {
    let loaded;
    try {
      loaded = await state.client.load(source, { crs: dataset.crs, maxBytes: MAX_INPUT_BYTES });
    } catch (err) {
      if (gen !== generation) return;
      await failed(dataset, err);
      return;
    }
    if (gen !== generation) return;
    state.dataset = dataset;
    forgetData();
    state.loaded = loaded;
    state.current = { summary: loaded.summary, metrics: loaded.metrics };
    chooseDefaultCategory();
    await view.map.setData(loaded.display);
    view.map.fitTo(loaded.summary.bbox);
    view.map.setIsochrones(null, null);
    await refreshFacilities();
    await recompute();
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

/** @param {File | undefined} file */
async function loadFile(file) {
  if (!file) return;
  const dataset = { name: file.name, bundled: false, crs: $('crs-select').value };
  if (file.size > MAX_INPUT_BYTES) {
    const err = Object.assign(new Error(`${file.name}: ${file.size} bytes, more than this page reads (${MAX_INPUT_BYTES} bytes)`), {
      code: 'FILE_TOO_LARGE',
      vars: { size: Math.round(file.size / 2 ** 20), limit: MAX_INPUT_BYTES / 2 ** 20 },
    });
    ++generation;
    await failed(dataset, err);
    state.ready = true;
    render();
    return;
  }
  await loadSource(file, dataset);
}

/** A new coordinate system reads the user's last file again (the bundled example is WGS84). */
async function crsChanged() {
  if (!last || state.dataset.bundled || !state.client) return;
  await loadSource(last.source, { ...last.dataset, crs: $('crs-select').value });
}

/**
 * `?data=` URL: http(s) only, resolved against this page (same origin, or another one with CORS).
 * @returns {{ url: string, name: string } | null}
 */
export function dataParam() {
  const raw = new URLSearchParams(location.search).get('data');
  if (!raw) return null;
  try {
    const url = new URL(raw, location.href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const name = decodeURIComponent(url.pathname.split('/').pop() || url.hostname);
    return { url: url.href, name };
  } catch {
    return null;
  }
}

/** The file picker and the bundled-data button. */
export function bindLoadButtons() {
  $('file-input').addEventListener('change', (/** @type {Event & { target: HTMLInputElement }} */ e) => {
    loadFile(e.target.files?.[0]);
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
    const file = e.dataTransfer?.files?.[0];
    depth = 0;
    overlay.hidden = true;
    if (!file) return;
    e.preventDefault();
    loadFile(file);
  });
}
