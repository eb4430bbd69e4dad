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
 * Loads GeoJSON into the worker and recomputes everything. `source` is a
 * File or { url }: the worker reads or downloads it, so the page never holds
 * (or parses) the text.
 * @param {Blob | { url: string }} source
 * @param {{ name: string, bundled: boolean, crs: string }} dataset
 */
async function loadSource(source, dataset) {
  const gen = ++generation;
  state.error = null;
  await busy(source instanceof Blob ? 'read' : 'download', async () => {
    let loaded;
    try {
      loaded = await state.client.load(source, { crs: dataset.crs, maxBytes: MAX_INPUT_BYTES });
    } catch (err) {
      state.error = { title: t('loadError'), err };
      return;
    }
    if (gen !== generation) return;
    state.dataset = dataset;
    state.loaded = loaded;
    state.current = { summary: loaded.summary, metrics: loaded.metrics };
    state.edits = [];
    state.picked = null;
    state.selected = null;
    state.isochrones = null;
    state.isoOrigin = null;
    state.serviceAreas = null;
    state.grid = null;
    chooseDefaultCategory();
    await view.map.setData(loaded.display);
    view.map.fitTo(loaded.summary.bbox);
    view.map.setIsochrones(null, null);
    await refreshFacilities();
    await recompute();
  });
  state.ready = true;
  render();
}

/** @param {string} url @param {string} name */
export async function loadUrl(url, name, bundled = false) {
  await loadSource({ url: new URL(url, location.href).href }, { name, bundled, crs: bundled ? 'wgs84' : $('crs-select').value });
}

/** @param {File | undefined} file */
async function loadFile(file) {
  if (!file) return;
  if (file.size > MAX_INPUT_BYTES) {
    const err = Object.assign(new Error(`${file.name}: ${Math.round(file.size / 2 ** 20)} MiB is more than this page reads (${MAX_INPUT_BYTES / 2 ** 20} MiB)`), { code: 'LIMIT_EXCEEDED' });
    state.error = { title: t('loadError'), err };
    render();
    return;
  }
  await loadSource(file, { name: file.name, bundled: false, crs: $('crs-select').value });
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
