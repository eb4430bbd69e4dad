// The demo page: loads a GeoJSON dataset (bundled example, file picker, drag
// and drop or ?data= URL), computes everything in a Web Worker through
// fc-client.js and shows the map, the scores, the indicator table and
// what-if comparisons. Every string that comes from data or from an uploaded
// profile is written with textContent (see dom.js), never as HTML.
import { FcClient } from './fc-client.js';
import { el, kebab, safeLink } from './dom.js';
import { resolveEdits } from './edits.js';
import {
  CATEGORIES,
  KINDS,
  METRICS,
  USES,
  formatDelta,
  formatNumber,
  formatShare,
  formatValue,
  initialLanguage,
  label,
  pick,
  tr,
} from './i18n.js';
import {
  GRID_STOPS,
  ISOCHRONE_COLORS,
  MapView,
  NON_RESIDENTIAL_COLOR,
  SERVICE_AREA_COLORS,
  UNREACHABLE_COLOR,
  USE_COLORS,
  categoryColor,
  distanceClasses,
} from './map-view.js';
import { renderRadar } from './radar.js';
import { lacksNetwork, missingBlock, verdictHeadline, verdictStatus } from './verdict.js';

const BUNDLED = { url: './data/helsinki-centre.geojson', name: 'helsinki-centre' };
const DEFAULT_PROFILE = 'zhejiang-future-community';
const BASE_TIERS = [300, 500, 1000];
const ISO_MINUTES = [5, 10, 15];
// Files and URLs from users: well below the library's default (512 MiB), which a browser tab would not survive.
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

const $ = (id) => document.getElementById(id);

const state = {
  lang: initialLanguage(),
  client: null,
  dataset: { name: BUNDLED.name, bundled: true, crs: 'wgs84' },
  loaded: null, // fc.load() result: { summary, metrics, display, featureCount, millis }
  current: null, // { summary, metrics } of the data with the edits
  edits: [],
  nextRef: 1,
  profileId: DEFAULT_PROFILE, // a built-in id, or 'uploaded'
  uploaded: null, // { fileName, doc }
  profileDoc: null,
  attributes: {},
  projectType: null,
  levelTier: null, // 'leading' | 'inclusive' | null (the report option `tier`; `tier` below is a distance)
  pair: null, // { before, after, diff }
  access: null, // { before, after } or null
  category: null, // colour/coverage category
  tier: 300,
  mode: 'isochrone',
  newCategory: 'kindergarten',
  picked: null, // facility chosen for a move: { ref, name, lngLat }
  isochrones: null,
  isoOrigin: null,
  serviceAreas: null,
  grid: null,
  layers: { facilities: true, roads: true, green: true, serviceAreas: false, grid: false, basemap: false },
  selected: null, // { ref, kind, info, access }
  hint: null,
  stage: null,
  busy: 0,
  error: null,
  evalError: null,
  ready: false,
};

let map = null;
let radar = null;
let evalTimer = null;
let generation = 0;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

const t = (key, vars) => tr(state.lang, key, vars);
const catLabel = (c) => label(state.lang, CATEGORIES, c);
const metres = (m) => `${formatNumber(state.lang, m, 0)}${state.lang === 'zh' ? ' 米' : ' m'}`;

function errorText(err) {
  const code = err?.code ? `${err.code}: ` : '';
  const at = typeof err?.featureIndex === 'number' ? ` (${t('feature')} #${err.featureIndex})` : '';
  return `${code}${err?.message ?? String(err)}${at}`;
}

function has(method) {
  return Boolean(state.client?.has(method));
}

/** Runs `fn` with the busy indicator on; failures end up in the status line. */
async function busy(stage, fn) {
  state.busy += 1;
  state.stage = stage;
  renderStatus();
  try {
    return await fn();
  } finally {
    state.busy -= 1;
    if (!state.busy) state.stage = null;
    renderStatus();
  }
}

function onProgress(stage, fraction) {
  state.stage = stage;
  renderStatus();
  setProgress(typeof fraction === 'number' ? fraction : null);
}

function tiers() {
  const set = new Set(BASE_TIERS);
  for (const ind of state.profileDoc?.indicators ?? []) {
    const m = /^coverage\.[^.]+\.(\d+(?:\.\d+)?)\./.exec(ind.metric ?? '');
    if (m) set.add(Number(m[1]));
  }
  return [...set].sort((a, b) => a - b);
}

/** Coverage categories of the profile, in indicator order. */
function profileCategories() {
  const out = [];
  for (const ind of state.profileDoc?.indicators ?? []) {
    const m = /^coverage\.([^.]+)\.(\d+(?:\.\d+)?)\./.exec(ind.metric ?? '');
    if (m && !out.some((o) => o.category === m[1])) out.push({ category: m[1], tier: Number(m[2]) });
  }
  return out;
}

function dataCategories() {
  const counts = state.current?.summary?.categories ?? state.loaded?.summary?.categories ?? {};
  return Object.keys(counts).sort((a, b) => counts[b] - counts[a] || a.localeCompare(b));
}

function allCategories() {
  const set = new Set([...profileCategories().map((p) => p.category), ...dataCategories(), ...Object.keys(CATEGORIES)]);
  return [...set];
}

// ---------------------------------------------------------------------------
// Loading data
// ---------------------------------------------------------------------------

function setProgress(fraction) {
  const bar = $('progress');
  if (fraction === null) bar.removeAttribute('value');
  else bar.value = Math.max(0, Math.min(1, fraction));
}

/**
 * Loads GeoJSON into the worker and recomputes everything. `source` is a
 * File or { url }: the worker reads or downloads it, so the page never holds
 * (or parses) the text.
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
    await map.setData(loaded.display);
    map.fitTo(loaded.summary.bbox);
    map.setIsochrones(null, null);
    await refreshFacilities();
    await recompute();
  });
  state.ready = true;
  render();
}

async function loadUrl(url, name, bundled = false) {
  await loadSource({ url: new URL(url, location.href).href }, { name, bundled, crs: bundled ? 'wgs84' : $('crs-select').value });
}

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

/** `?data=` URL: http(s) only, resolved against this page (same origin, or another one with CORS). */
function dataParam() {
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

function chooseDefaultCategory() {
  const present = new Set(dataCategories());
  const fromProfile = profileCategories().find((p) => present.has(p.category));
  if (state.category && present.has(state.category)) return;
  if (fromProfile) {
    state.category = fromProfile.category;
    state.tier = fromProfile.tier;
  } else {
    state.category = dataCategories()[0] ?? 'kindergarten';
  }
}

// ---------------------------------------------------------------------------
// Computing
// ---------------------------------------------------------------------------

function profileArg() {
  return state.profileId === 'uploaded' ? state.uploaded.doc : state.profileId;
}

function evalOptions() {
  const options = {};
  if (Object.keys(state.attributes).length) options.attributes = { ...state.attributes };
  if (state.projectType) options.projectType = state.projectType;
  if (state.levelTier) options.tier = state.levelTier;
  return options;
}

async function evaluate() {
  try {
    state.pair = await state.client.evaluatePair(profileArg(), evalOptions());
    state.evalError = null;
  } catch (err) {
    state.evalError = { title: err?.code === 'INVALID_PROFILE' ? t('profileError') : t('attributeError'), err };
  }
}

function accessOptions() {
  const categories = [...new Set([state.category, ...profileCategories().map((p) => p.category), ...dataCategories()])].filter(Boolean);
  return { categories, thresholdsM: tiers() };
}

async function accessibility() {
  if (!has('accessibility')) {
    state.access = null;
    return;
  }
  try {
    state.access = await state.client.accessibilityPair(accessOptions(), state.category);
  } catch (err) {
    // Categories without facilities may be refused: retry with the data's own.
    try {
      state.access = await state.client.accessibilityPair({ categories: dataCategories(), thresholdsM: tiers() }, state.category);
    } catch {
      state.access = null;
      state.error = { title: 'accessibility', err };
    }
  }
}

async function areaLayers() {
  if (state.layers.serviceAreas && has('serviceAreas') && state.category) {
    try {
      state.serviceAreas = await state.client.serviceAreas({ category: state.category, minutes: ISO_MINUTES });
    } catch (err) {
      state.serviceAreas = null;
      state.error = { title: t('layerServiceAreas'), err };
    }
  } else state.serviceAreas = null;
  if (state.layers.grid && has('travelTimeGrid') && state.category) {
    try {
      state.grid = await state.client.travelTimeGrid({ category: state.category, cellM: 40 });
    } catch (err) {
      state.grid = null;
      state.error = { title: t('layerGrid'), err };
    }
  } else state.grid = null;
  await map.setServiceAreas(state.serviceAreas);
  await map.setGrid(state.grid);
}

/** Scores, walking distances and area layers for the current data; then redraws. */
async function recompute() {
  await busy('evaluate', async () => {
    await evaluate();
    await accessibility();
    await colourBuildings();
    await areaLayers();
    if (state.isoOrigin) await isochroneAt(state.isoOrigin, false);
  });
  render();
}

async function reevaluate() {
  await busy('evaluate', evaluate);
  render();
}

function scheduleReevaluate() {
  clearTimeout(evalTimer);
  evalTimer = setTimeout(reevaluate, 200);
}

async function colourBuildings() {
  if (!state.access || !state.category) {
    await map.setBuildingDistances(null, state.tier);
    return;
  }
  if (state.access.distances?.category !== state.category) {
    state.access.distances = await state.client.accessDistances(state.category);
  }
  await map.setBuildingDistances(state.access.distances, state.tier);
}

async function isochroneAt(lngLat, withBusy = true) {
  state.isoOrigin = lngLat;
  if (!has('isochrones')) {
    state.isochrones = null;
    state.hint = t('needsApi', { api: 'isochrones' });
    await map.setIsochrones(null, lngLat);
    renderMapNotes();
    return;
  }
  const run = async () => {
    try {
      state.isochrones = await state.client.isochrones({ origin: lngLat, minutes: ISO_MINUTES });
    } catch (err) {
      state.isochrones = null;
      state.error = { title: t('isochroneResults'), err };
    }
    await map.setIsochrones(state.isochrones, lngLat);
  };
  if (withBusy) await busy('isochrones', run);
  else await run();
  renderIsochrones();
  renderLegend();
}

// ---------------------------------------------------------------------------
// What-if edits
// ---------------------------------------------------------------------------

function facilityName(f) {
  if (!f) return '';
  const name = f.name ? `“${f.name}”` : '';
  return `${catLabel(f.category ?? '')}${name ? ' ' + name : ''}`;
}

async function refreshFacilities() {
  const base = state.loaded?.display?.facility?.features ?? [];
  const { removed, moved, added } = resolveEdits(state.edits);
  const features = [];
  for (const f of base) {
    const i = f.properties._i;
    if (removed.has(i)) continue;
    let { geometry, properties } = f;
    if (moved.has(i)) {
      geometry = { type: 'Point', coordinates: moved.get(i) };
      properties = { ...properties, whatIf: 1 };
    }
    if (properties.category === state.category) properties = { ...properties, highlight: 1 };
    features.push({ type: 'Feature', geometry, properties });
  }
  for (const [ref, a] of added) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: a.lngLat },
      properties: { _i: ref, kind: 'facility', category: a.category, whatIf: 1, ...(a.category === state.category ? { highlight: 1 } : {}) },
    });
  }
  await map.setFacilities({ type: 'FeatureCollection', features });
  renderFacilityPicker(features);
}

/** The keyboard route to move/remove: a list of the facilities of the coloured category. */
function renderFacilityPicker(features) {
  const pick = $('facility-pick');
  const list = features.filter((f) => f.properties.category === state.category);
  pick.replaceChildren(
    ...list.map((f) => {
      const p = f.properties;
      const text = `${p.name ?? p.id ?? '#' + p._i}${p.whatIf ? ` (${t('legendWhatIf')})` : ''}`;
      const o = option(String(p._i), text, false);
      o.dataset.lngLat = JSON.stringify(f.geometry.coordinates);
      return o;
    }),
  );
  pick.disabled = !list.length;
  $('remove-picked').disabled = !list.length;
  $('move-picked').disabled = !list.length;
}

function pickedFacility() {
  const o = $('facility-pick').selectedOptions[0];
  if (!o) return null;
  const ref = /^\d+$/.test(o.value) ? Number(o.value) : o.value;
  return { ref, label: `${catLabel(state.category)} “${o.textContent}”` };
}

async function applyEdits() {
  await busy('edit', async () => {
    try {
      state.current = await state.client.setEdits(state.edits);
    } catch (err) {
      state.error = { title: t('whatIfHeading'), err };
    }
    await refreshFacilities();
  });
  await recompute();
}

async function addEdit(edit) {
  state.edits = [...state.edits, edit];
  state.picked = null;
  await map.setSelected(null);
  await applyEdits();
}

async function undoEdit(index) {
  state.edits = state.edits.filter((_, i) => i !== index);
  await applyEdits();
}

async function addFacilityAt(lngLat) {
  const ref = `w${state.nextRef++}`;
  await addEdit({ type: 'add', ref, category: state.newCategory, lngLat, label: catLabel(state.newCategory) });
}

// ---------------------------------------------------------------------------
// Map clicks
// ---------------------------------------------------------------------------

async function onMapClick({ lngLat, facility, building }) {
  state.hint = null;
  switch (state.mode) {
    case 'add':
      await addFacilityAt(lngLat);
      return;
    case 'remove':
      if (!facility) {
        state.hint = t('clickHint');
        renderMapNotes();
        return;
      }
      await addEdit({ type: 'remove', ref: facility._i, label: facilityName(facility) });
      return;
    case 'move':
      if (!state.picked) {
        if (!facility) {
          state.hint = t('clickHint');
          renderMapNotes();
          return;
        }
        state.picked = { ref: facility._i, label: facilityName(facility) };
        state.hint = t('moveHint');
        await map.setSelected(facility.lngLat);
        renderMapNotes();
        return;
      }
      await addEdit({ type: 'move', ref: state.picked.ref, lngLat, label: state.picked.label });
      return;
    default:
      await select(facility ?? building);
      await isochroneAt(lngLat);
  }
}

async function select(props) {
  if (!props) {
    state.selected = null;
    renderFeatureInfo();
    return;
  }
  const ref = props._i;
  let info = null;
  if (typeof ref === 'number') {
    try {
      info = await state.client.featureProperties(ref);
    } catch {
      info = null;
    }
  }
  let access = null;
  if (state.access && typeof ref === 'number' && props.kind === 'building') {
    try {
      access = await state.client.buildingAccess(ref);
    } catch {
      access = null;
    }
  }
  state.selected = { ref, kind: props.kind, props, info, access };
  renderFeatureInfo();
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

function render() {
  renderStatic();
  renderStatus();
  renderControls();
  renderScorecard();
  renderRadarChart();
  renderScenarioTable();
  renderForm();
  renderWhatIf();
  renderIndicators();
  renderLegend();
  renderMapNotes();
  renderFeatureInfo();
  renderIsochrones();
  renderMetrics();
  renderSummary();
  renderFooter();
}

function renderStatic() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t('title')} · future-community`;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  const toggle = $('lang-toggle');
  toggle.textContent = t('langToggle');
  toggle.lang = t('langToggleLang');
  toggle.setAttribute('aria-label', t('langToggleLabel'));
  $('dataset-name').textContent = state.dataset.name;
  map?.setLabel(t('mapLabel'));
}

function renderStatus() {
  const status = $('status');
  const bar = $('progress');
  const working = state.busy > 0 || !state.ready;
  bar.hidden = !working;
  if (!working) bar.removeAttribute('value');
  if (state.error) {
    status.dataset.state = 'error';
    status.textContent = `${t('failed')}: ${state.error.title} — ${errorText(state.error.err)}`;
  } else if (working) {
    status.dataset.state = state.ready ? 'busy' : 'loading';
    status.textContent = state.stage ? `${t('stage_' + state.stage)}…` : t('loading');
  } else {
    status.dataset.state = 'ready';
    const ms = state.current?.millis ?? state.loaded?.millis;
    status.textContent = `${readyText()}${state.client?.inPage ? ' ' + t('noWorker') : ''}`;
    if (ms !== undefined) status.title = `${formatNumber(state.lang, ms, 0)} ms`;
  }
  document.body.setAttribute('aria-busy', working ? 'true' : 'false');
}

/** "Done" only when the report is graded and the data has a walkable network; else what is wrong. */
function readyText() {
  const r = state.pair?.after;
  const noRoads = lacksNetwork(r) || (state.current?.summary?.counts && !state.current.summary.counts.road);
  const status = verdictStatus(r);
  if (status === 'insufficient') return t('readyInsufficient');
  if (noRoads) return t('readyNoNetwork');
  if (status === 'provisional') return t('readyProvisional');
  return t('ready');
}

function option(value, text, selected) {
  const o = el('option', { text, attrs: { value } });
  o.selected = Boolean(selected);
  return o;
}

function renderControls() {
  // Colour category: the profile's coverage categories first, then the data's.
  const catSelect = $('color-category');
  const counts = state.current?.summary?.categories ?? {};
  catSelect.replaceChildren(
    ...[...new Set([...profileCategories().map((p) => p.category), ...dataCategories()])].map((c) =>
      option(c, `${catLabel(c)} (${formatNumber(state.lang, counts[c] ?? 0, 0)})`, c === state.category),
    ),
  );
  $('tier-select').replaceChildren(
    ...tiers().map((m) => option(String(m), t(`tier${m}`) === `tier${m}` ? `${m} m` : t(`tier${m}`), m === state.tier)),
  );
  $('new-category').replaceChildren(...allCategories().map((c) => option(c, catLabel(c), c === state.newCategory)));
  for (const input of document.querySelectorAll('input[name="map-mode"]')) input.checked = input.value === state.mode;
  for (const [k, v] of Object.entries(state.layers)) {
    const box = $(`layer-${kebab(k)}`);
    if (box) box.checked = v;
  }
  $('layer-service-areas').disabled = !has('serviceAreas');
  $('layer-grid').disabled = !has('travelTimeGrid');
  $('project-type').value = state.projectType ?? '';
  $('level-tier').value = state.levelTier ?? '';
  map?.setCursor(state.mode === 'isochrone' ? '' : 'crosshair');
}

function renderMapNotes() {
  const notes = [];
  if (!has('accessibility')) notes.push(t('accessPending'));
  for (const [api, key] of [['serviceAreas', 'layerServiceAreas'], ['travelTimeGrid', 'layerGrid']]) {
    if (!has(api)) notes.push(`${t(key)}: ${t('needsApi', { api })}`);
  }
  if (!has('isochrones')) notes.push(`${t('isochroneResults')}: ${t('needsApi', { api: 'isochrones' })}`);
  const list = $('map-notes');
  list.replaceChildren(...notes.map((n) => el('li', { text: n })));
  list.hidden = !notes.length;
  const hint = $('map-hint');
  hint.textContent = state.hint ?? '';
  hint.hidden = !state.hint;
}

function gradeText(grade) {
  if (!grade) return '—';
  const l = pick(state.lang, grade.label);
  return l ? `${grade.id} · ${l}` : String(grade.id);
}

function indicatorLabel(id) {
  const ind = state.pair?.after?.indicators?.find((i) => i.id === id) ?? state.pair?.before?.indicators?.find((i) => i.id === id);
  return ind ? pick(state.lang, ind.label) : String(id);
}

function renderScorecard() {
  const r = state.pair?.after;
  const card = $('scorecard');
  card.dataset.loaded = r ? 'true' : 'false';
  const status = verdictStatus(r);
  card.dataset.status = status ?? '';
  $('score-value').textContent = r && typeof r.score === 'number' ? formatNumber(state.lang, r.score, 1) : t('noScore');
  // Without a grade the score is shown only as a figure for information.
  const note = $('score-note');
  note.hidden = status !== 'insufficient';
  note.textContent = status === 'insufficient' ? t('forInformation') : '';
  $('grade-value').textContent = status === 'insufficient' ? t('notGraded') : gradeText(r?.grade);
  $('grade-badge').hidden = status !== 'provisional';
  renderVerdict(r, status);
  $('completeness-value').textContent = r ? formatShare(state.lang, r.completeness) : '—';
  const meter = $('completeness-meter');
  meter.value = r?.completeness ?? 0;
  $('profile-name').textContent = r ? `${pick(state.lang, r.profileName)} · v${r.profileVersion}` : '';
  const failed = $('failed-binding');
  failed.replaceChildren();
  const fb = r?.failedBinding ?? [];
  $('failed-binding-count').textContent = formatNumber(state.lang, fb.length, 0);
  card.classList.toggle('has-failed', fb.length > 0);
  for (const id of fb) failed.append(el('li', { text: `${indicatorLabel(id)} — ${t('passNo')}` }));
  const nab = r?.notAssessedBinding ?? [];
  $('not-assessed-binding-count').textContent = formatNumber(state.lang, nab.length, 0);
  const nabList = $('not-assessed-binding');
  nabList.replaceChildren(...nab.map((id) => el('li', { text: `${indicatorLabel(id)} — ${t('notAssessed')}` })));
}

function renderVerdict(r, status) {
  const verdict = $('verdict');
  verdict.dataset.status = status ?? '';
  $('verdict-headline').textContent = r ? verdictHeadline(state.lang, r) : '';
  const box = $('disclaimer');
  box.textContent = pick(state.lang, r?.disclaimer);
  box.hidden = !box.textContent;
  // The list stays open for an ungraded report, collapsed for a provisional one.
  const list = r ? missingBlock(state.lang, r, { attributes: state.profileDoc?.attributes, open: status === 'insufficient' }) : null;
  $('missing-box').replaceChildren(...(list ? [list] : []));
}

function renderRadarChart() {
  const r = state.pair?.after;
  const box = $('radar');
  if (!r) return;
  box.setAttribute('aria-label', t('radarLabel'));
  const before = state.pair.diff ? state.pair.before.scenarios : null;
  radar = renderRadar(box, radar, { lang: state.lang, scenarios: r.scenarios, before });
}

function renderScenarioTable() {
  const body = document.querySelector('#scenario-table tbody');
  body.replaceChildren();
  const r = state.pair?.after;
  if (!r) return;
  const diff = new Map((state.pair.diff?.scenarios ?? []).map((s) => [s.id, s]));
  for (const s of r.scenarios) {
    const d = diff.get(s.id);
    const scoreCell = el('td', { className: 'num' }, typeof s.score === 'number' ? formatNumber(state.lang, s.score, 1) : el('span', { className: 'na', text: t('notAssessed') }));
    if (d?.score?.delta) scoreCell.append(' ', el('span', { className: d.score.delta > 0 ? 'delta up' : 'delta down', text: formatDelta(state.lang, d.score.delta, 1) }));
    const required = s.required === true ? 'yes' : s.required === false ? 'no' : null;
    body.append(
      el('tr', { dataset: { scenario: s.id, required: required ?? '' } },
        el('th', { attrs: { scope: 'row' } },
          el('span', { className: 'scenario-name', text: pick(state.lang, s.name) || s.id }),
          required ? ' ' : null,
          required ? el('span', { className: `badge ${required === 'yes' ? 'required' : 'optional'}`, text: t(required === 'yes' ? 'requiredYes' : 'requiredNo') }) : null,
        ),
        scoreCell,
        el('td', { className: 'num', text: `${s.assessed}/${s.applicable}` }),
        el('td', { className: 'num', text: formatShare(state.lang, s.completeness) }),
      ),
    );
  }
}

function sourceNodes(keys) {
  const sources = state.profileDoc?.sources ?? {};
  const list = el('ul', { className: 'sources' });
  for (const key of keys ?? []) {
    const s = sources[key];
    const li = el('li');
    if (s?.url) li.append(safeLink(s.url, String(key)));
    else li.append(String(key));
    if (s?.title) li.title = String(s.title);
    list.append(li);
  }
  return list;
}

function renderIndicators() {
  const body = document.querySelector('#indicator-table tbody');
  body.replaceChildren();
  const r = state.pair?.after;
  if (!r) return;
  const failed = new Set(r.failedBinding ?? []);
  const diffs = new Map((state.pair.diff?.indicators ?? []).map((d) => [d.id, d]));
  const scenarioNames = new Map(r.scenarios.map((s) => [s.id, pick(state.lang, s.name) || s.id]));
  let lastScenario = null;
  for (const ind of r.indicators) {
    if (ind.scenario !== lastScenario) {
      lastScenario = ind.scenario;
      body.append(el('tr', { className: 'group' }, el('th', { attrs: { colspan: 8, scope: 'rowgroup' }, text: scenarioNames.get(ind.scenario) ?? ind.scenario })));
    }
    const isFailed = failed.has(ind.id);
    const row = el('tr', { dataset: { indicator: ind.id, status: ind.status } });
    if (isFailed) row.classList.add('failed-binding');
    if (ind.status !== 'assessed') row.classList.add('not-assessed');

    const labelCell = el('th', { attrs: { scope: 'row' } },
      el('span', { className: 'ind-label', text: pick(state.lang, ind.label) || ind.id }),
      el('span', { className: `badge ${ind.binding}`, text: t(`binding_${ind.binding}`) }),
    );
    if (isFailed) labelCell.append(el('span', { className: 'badge failed', text: t('failedBindingBadge') }));

    let valueCell;
    if (ind.status === 'assessed') {
      valueCell = el('td', { className: 'num', text: formatValue(state.lang, ind.value, ind.unit), dataset: { value: ind.value } });
      const d = diffs.get(ind.id);
      if (d?.value?.delta) valueCell.append(el('span', { className: 'delta', text: ` (${formatDelta(state.lang, ind.unit === 'share' ? d.value.delta * 100 : d.value.delta, 1)})` }));
    } else {
      valueCell = el('td', { className: 'na', text: ind.status === 'notApplicable' ? t('notApplicable') : t('notAssessed') });
    }
    const targetText = ind.targetText ? pick(state.lang, ind.targetText) : '—';
    let passCell;
    if (ind.status !== 'assessed') passCell = el('td', { className: 'na', text: '—' });
    else if (ind.pass === null) passCell = el('td', { text: t('passNone') });
    else passCell = el('td', { className: ind.pass ? 'pass' : 'fail', text: ind.pass ? `✔ ${t('passYes')}` : `✘ ${t('passNo')}` });

    const scoreCell = el('td', { className: 'num', text: typeof ind.score === 'number' ? formatNumber(state.lang, ind.score, 0) : '—' });
    const d = diffs.get(ind.id);
    if (d?.score?.delta) scoreCell.append(el('span', { className: d.score.delta > 0 ? 'delta up' : 'delta down', text: ` ${formatDelta(state.lang, d.score.delta, 0)}` }));

    const explanation = el('td', { className: 'explanation' }, el('span', { text: pick(state.lang, ind.explanation) }));
    if (ind.note) {
      explanation.append(el('details', {}, el('summary', { text: state.lang === 'zh' ? '备注' : 'Note' }), el('p', { text: pick(state.lang, ind.note) })));
    }
    row.append(
      labelCell,
      valueCell,
      el('td', { text: targetText }),
      passCell,
      scoreCell,
      explanation,
      el('td', {}, sourceNodes(ind.source)),
      el('td', { className: ind.verified ? 'verified' : 'unverified', text: ind.verified ? `✔ ${t('verifiedYes')}` : t('verifiedNo') }),
    );
    body.append(row);
  }
  const warnings = $('report-warnings');
  const all = r.warnings ?? [];
  warnings.replaceChildren(
    ...(all.length ? all.map((w) => el('li', {}, el('span', { className: 'code', text: w.code }), String(w.message ?? ''))) : [el('li', { text: t('noWarnings') })]),
  );
}

/** Declared-attribute inputs built from the profile's `attributes` definitions. */
function renderForm() {
  const profileSelect = $('profile-select');
  const opts = state.client?.profiles().map((p) => option(p.id, pick(state.lang, p.name) || p.id, p.id === state.profileId)) ?? [];
  if (state.uploaded) {
    opts.push(option('uploaded', t('uploadedProfile', { name: pick(state.lang, state.uploaded.doc?.name) || state.uploaded.fileName }), state.profileId === 'uploaded'));
  }
  profileSelect.replaceChildren(...opts);

  const box = $('attributes');
  const defs = state.profileDoc?.attributes ?? {};
  const focused = document.activeElement?.dataset?.attribute;
  box.replaceChildren();
  for (const [name, def] of Object.entries(defs)) {
    const id = `attr-${box.children.length}`;
    const value = state.attributes[name];
    let input;
    if (def?.type === 'boolean') {
      input = el('select', { attrs: { id }, dataset: { attribute: name } },
        option('', t('attrUnknown'), value === undefined),
        option('true', t('yes'), value === true),
        option('false', t('no'), value === false),
      );
    } else {
      input = el('input', {
        attrs: {
          id,
          type: 'number',
          step: 'any',
          inputmode: 'decimal',
          min: typeof def?.min === 'number' ? def.min : null,
          max: typeof def?.max === 'number' ? def.max : null,
          placeholder: t('attrUnknown'),
        },
        dataset: { attribute: name },
      });
      input.value = value === undefined ? '' : String(value);
    }
    const field = el('div', { className: 'field' }, el('label', { attrs: { for: id }, text: pick(state.lang, def?.label) || name }), input);
    if (def?.description) field.append(el('p', { className: 'hint', text: pick(state.lang, def.description) }));
    box.append(field);
    if (focused === name) input.focus();
  }
  $('attributes-fieldset').hidden = !Object.keys(defs).length;
  const err = $('eval-error');
  err.hidden = !state.evalError;
  err.textContent = state.evalError ? `${state.evalError.title}: ${errorText(state.evalError.err)}` : '';
}

function coverageShare(access, category, tier) {
  const c = access?.coverage?.[category];
  const entry = c?.[String(tier)] ?? c?.[`${tier}m`];
  return typeof entry?.households === 'number' ? entry.households : null;
}

function renderWhatIf() {
  const list = $('edit-list');
  list.replaceChildren();
  state.edits.forEach((e, i) => {
    const text =
      e.type === 'add' ? t('edit_add', { category: catLabel(e.category) }) : e.type === 'move' ? t('edit_move', { name: e.label }) : t('edit_remove', { name: e.label });
    const undo = el('button', { text: t('undo'), attrs: { type: 'button' }, className: 'small' });
    undo.addEventListener('click', () => undoEdit(i));
    list.append(el('li', { dataset: { edit: e.type } }, el('span', { text }), ' ', undo));
  });
  $('whatif-none').hidden = state.edits.length > 0;
  $('reset-edits').disabled = !state.edits.length;

  // Overall comparison.
  const body = document.querySelector('#whatif-summary tbody');
  body.replaceChildren();
  const { before, after, diff } = state.pair ?? {};
  if (after) {
    const rows = [
      [t('overallScore'), before?.score, after.score, diff?.score?.delta, (v) => (typeof v === 'number' ? formatNumber(state.lang, v, 1) : t('noScore')), 1, 'score'],
      [t('completeness'), before?.completeness, after.completeness, diff?.completeness?.delta, (v) => formatShare(state.lang, v), 100, 'completeness'],
      [t('grade'), before?.grade, after.grade, null, (v) => gradeText(v), 0, 'grade'],
      [t('failedBinding'), before?.failedBinding?.length, after.failedBinding?.length, diff ? (after.failedBinding?.length ?? 0) - (before?.failedBinding?.length ?? 0) : null, (v) => formatNumber(state.lang, v ?? 0, 0), 1, 'failed'],
    ];
    for (const [name, b, a, delta, fmt, scale, key] of rows) {
      const d = typeof delta === 'number' ? formatDelta(state.lang, delta * (scale || 1), key === 'completeness' ? 1 : key === 'failed' ? 0 : 1, key === 'completeness' ? ' pp' : '') : '';
      body.append(
        el('tr', { dataset: { row: key } },
          el('th', { attrs: { scope: 'row' }, text: name }),
          el('td', { className: 'num before', text: fmt(b) }),
          el('td', { className: 'num after', text: fmt(a) }),
          el('td', { className: 'num change', text: d }),
        ),
      );
    }
  }

  // Coverage by category at the chosen tier.
  $('coverage-heading').textContent = t('coverageHeading', { tier: metres(state.tier) });
  const cov = document.querySelector('#coverage-table tbody');
  cov.replaceChildren();
  const pending = $('coverage-pending');
  pending.hidden = Boolean(state.access);
  $('coverage-table').hidden = !state.access;
  if (state.access) {
    const cats = Object.keys(state.access.after?.coverage ?? {});
    const order = [...new Set([...profileCategories().map((p) => p.category), ...dataCategories(), ...cats])].filter((c) => cats.includes(c));
    for (const c of order) {
      const b = coverageShare(state.access.before, c, state.tier);
      const a = coverageShare(state.access.after, c, state.tier);
      const delta = typeof a === 'number' && typeof b === 'number' ? a - b : null;
      const row = el('tr', { dataset: { category: c } },
        el('th', { attrs: { scope: 'row' } }, el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' }, dataset: { color: categoryColor(c) } }), catLabel(c)),
        el('td', { className: 'num before', text: formatShare(state.lang, b) }),
        el('td', { className: 'num after', text: formatShare(state.lang, a) }),
        el('td', { className: `num change${delta ? (delta > 0 ? ' up' : ' down') : ''}`, text: delta === null || !state.edits.length ? '' : formatDelta(state.lang, delta * 100, 1, ' pp') }),
      );
      if (delta) row.classList.add('changed');
      if (c === state.category) row.classList.add('current');
      cov.append(row);
    }
    paintSwatches(cov);
  }

  // Indicators that changed.
  const changed = $('changed-indicators');
  changed.replaceChildren();
  const moving = (diff?.indicators ?? []).filter((d) => !['unchanged', 'notAssessed'].includes(d.change));
  for (const d of moving) {
    const from = typeof d.score.before === 'number' ? formatNumber(state.lang, d.score.before, 0) : t('notAssessed');
    const to = typeof d.score.after === 'number' ? formatNumber(state.lang, d.score.after, 0) : t('notAssessed');
    changed.append(el('li', { dataset: { change: d.change } }, el('span', { text: pick(state.lang, d.label) || d.id }), `: ${from} → ${to}`));
  }
  $('changed-none').hidden = !diff || moving.length > 0;
  $('changed-block').hidden = !diff;
  const nf = $('newly-failed');
  nf.replaceChildren(...(diff?.newlyFailedBinding ?? []).map((id) => el('li', { text: indicatorLabel(id) })));
  nf.parentElement.hidden = !(diff?.newlyFailedBinding?.length);
  const rs = $('resolved');
  rs.replaceChildren(...(diff?.resolvedBinding ?? []).map((id) => el('li', { text: indicatorLabel(id) })));
  rs.parentElement.hidden = !(diff?.resolvedBinding?.length);
}

/** Colours of swatches are set through the CSSOM (allowed by the CSP), never style attributes. */
function paintSwatches(root) {
  for (const s of root.querySelectorAll('.swatch[data-color]')) s.style.backgroundColor = s.dataset.color;
}

function legendItem(color, text, shape = 'square') {
  return el('li', {}, el('span', { className: `swatch ${shape}`, attrs: { 'aria-hidden': 'true' }, dataset: { color } }), text);
}

function renderLegend() {
  const box = $('legend-body');
  box.replaceChildren();
  const section = (title, items) => box.append(el('div', { className: 'legend-section' }, title ? el('h4', { text: title }) : null, el('ul', {}, ...items)));
  if (state.access && state.category) {
    const fmt = (m) => formatNumber(state.lang, m, 0);
    const classes = distanceClasses(state.tier);
    const items = classes.map((c, i) =>
      legendItem(c.color, i === 0 ? `≤ ${fmt(c.max)} m` : c.max === Infinity ? `> ${fmt(classes[i - 1].max)} m` : `${fmt(classes[i - 1].max)}–${fmt(c.max)} m`),
    );
    items.push(legendItem(UNREACHABLE_COLOR, t('legendUnreachable')), legendItem(NON_RESIDENTIAL_COLOR, t('legendNonResidential')));
    section(t('legendByDistance', { category: catLabel(state.category) }), items);
  } else {
    section(t('legendByUse'), Object.entries(USE_COLORS).map(([use, color]) => legendItem(color, label(state.lang, USES, use))));
  }
  const counts = state.current?.summary?.categories ?? {};
  const shown = new Map();
  for (const c of Object.keys(counts)) {
    const color = categoryColor(c);
    if (!shown.has(color)) shown.set(color, []);
    shown.get(color).push(catLabel(c));
  }
  section(
    t('legendFacilities'),
    [...shown].map(([color, names]) => legendItem(color, names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : ''), 'dot')),
  );
  const extra = [legendItem('#1d2a22', t('legendBoundary'), 'line')];
  if (state.edits.length) extra.push(legendItem('#111111', t('legendWhatIf'), 'ring'));
  if (state.isochrones) {
    ISO_MINUTES.forEach((m, i) => extra.push(legendItem(ISOCHRONE_COLORS[i], `${t('legendIsochrones')} ${t('minutesShort', { n: m })}`)));
  }
  section('', extra);
  if (state.serviceAreas) {
    section(
      t('legendServiceAreas', { category: catLabel(state.category) }),
      ISO_MINUTES.map((m, i) => legendItem(SERVICE_AREA_COLORS[i], `≤ ${t('minutesShort', { n: m })}`)),
    );
  }
  if (state.grid) {
    section(
      t('legendGrid', { category: catLabel(state.category) }),
      GRID_STOPS.map(([m, color], i) => legendItem(color, `${i === GRID_STOPS.length - 1 ? '≥ ' : ''}${t('minutesShort', { n: m })}`)),
    );
  }
  paintSwatches(box);
}

function renderFeatureInfo() {
  const box = $('feature-props');
  box.replaceChildren();
  const s = state.selected;
  $('feature-empty').hidden = Boolean(s);
  if (!s) return;
  const add = (k, v) => box.append(el('dt', { text: k }), el('dd', { text: v }));
  if (s.info) {
    if (s.info.id) add('id', s.info.id);
    for (const [k, v] of Object.entries(s.info.properties)) add(k, v ?? '');
  } else {
    add(t('category'), catLabel(s.props.category ?? ''));
    add('', t('legendWhatIf'));
  }
  if (s.access) {
    for (const c of [state.category, ...profileCategories().map((p) => p.category)].filter((v, i, a) => v && a.indexOf(v) === i)) {
      const m = s.access.networkM?.[c];
      add(`→ ${catLabel(c)}`, typeof m === 'number' ? `${formatNumber(state.lang, m, 0)} m` : t('legendUnreachable'));
    }
  }
}

function renderIsochrones() {
  const body = document.querySelector('#isochrone-table tbody');
  body.replaceChildren();
  const iso = state.isochrones;
  $('isochrone-block').hidden = !iso;
  if (!iso) return;
  const feats = [...(iso.features ?? [])].sort((a, b) => a.properties.minutes - b.properties.minutes);
  for (const f of feats) {
    const p = f.properties ?? {};
    body.append(
      el('tr', {},
        el('th', { attrs: { scope: 'row' }, text: t('minutesShort', { n: formatNumber(state.lang, p.minutes, 0) }) }),
        el('td', { className: 'num', text: `${formatNumber(state.lang, p.distanceM, 0)} m` }),
        el('td', { className: 'num', text: `${formatNumber(state.lang, (p.areaM2 ?? 0) / 10000, 1)} ha` }),
        el('td', { className: 'num', text: formatNumber(state.lang, p.households, 0) }),
        el('td', { className: 'num', text: formatNumber(state.lang, p.population, 0) }),
      ),
    );
  }
  const off = iso.origin && iso.origin.onNetwork === false;
  $('isochrone-off').hidden = !off;
  $('isochrone-warnings').replaceChildren(
    ...(iso.warnings ?? []).filter((w) => w.code !== 'SMALL_NETWORK_ISLAND').map((w) => el('li', {}, el('span', { className: 'code', text: w.code }), ` ${w.message ?? ''}`)),
  );
}

function renderMetrics() {
  const body = document.querySelector('#metrics tbody');
  body.replaceChildren();
  const metrics = state.current?.metrics;
  if (!metrics) return;
  const keys = [...Object.keys(METRICS).filter((k) => k in metrics), ...Object.keys(metrics).filter((k) => !(k in METRICS))];
  for (const key of keys) {
    const value = metrics[key];
    const def = METRICS[key] ?? { unit: '', digits: 3 };
    const cell = el('td', { className: 'num' });
    if (typeof value === 'number' && Number.isFinite(value)) {
      cell.dataset.value = String(value);
      cell.textContent = formatNumber(state.lang, def.percent ? value * 100 : value, def.digits);
    } else if (value === null || value === undefined) {
      cell.dataset.value = '';
      cell.textContent = '—';
      cell.title = t('notComputable');
    } else continue;
    body.append(el('tr', { attrs: { id: `metric-${kebab(key)}` } }, el('th', { attrs: { scope: 'row' }, text: label(state.lang, METRICS, key) }), cell, el('td', { text: def.unit })));
  }
}

function fillCounts(tableId, names, counts, prefix, byCount = false) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren();
  const entries = Object.entries(counts ?? {});
  if (byCount) entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [key, n] of entries) {
    // Keys come from data: the row id only for our own (known) names.
    const attrs = key in names ? { id: `${prefix}-${kebab(key)}` } : {};
    body.append(el('tr', { attrs, dataset: { key } }, el('td', { text: label(state.lang, names, key), title: key }), el('td', { className: 'num', text: formatNumber(state.lang, n, 0) })));
  }
}

function renderSummary() {
  const s = state.current?.summary;
  const warnings = $('warnings');
  warnings.replaceChildren();
  if (!s) return;
  $('feature-count').textContent = formatNumber(state.lang, s.featureCount, 0);
  const b = s.bbox;
  $('bbox').textContent = Array.isArray(b) ? `${b[0].toFixed(5)}, ${b[1].toFixed(5)} — ${b[2].toFixed(5)}, ${b[3].toFixed(5)}` : '—';
  $('compute-time').textContent = `${formatNumber(state.lang, state.loaded?.millis, 0)} ms`;
  fillCounts('counts', KINDS, s.counts, 'count');
  fillCounts('uses', USES, s.buildingsByUse, 'use');
  fillCounts('categories', CATEGORIES, s.categories, 'category', true);
  const all = [...(s.warnings ?? []), ...(state.current?.metrics?.warnings ?? []), ...(state.access?.after?.warnings ?? [])];
  if (!all.length) warnings.append(el('li', { text: t('noWarnings'), attrs: { id: 'warnings-empty' } }));
  const shown = all.slice(0, 200);
  for (const w of shown) {
    const li = el('li', {}, el('span', { className: 'code', text: w.code }), String(w.message ?? ''));
    if (typeof w.featureIndex === 'number') li.append(` (${t('feature')} #${w.featureIndex})`);
    warnings.append(li);
  }
  if (all.length > shown.length) warnings.append(el('li', { text: `… +${all.length - shown.length}` }));
}

function renderFooter() {
  $('version').textContent = state.client?.version() ?? '';
  const note = $('user-data-note');
  note.hidden = state.dataset.bundled;
  note.textContent = state.dataset.bundled ? '' : t('userData', { name: state.dataset.name });
  $('osm-tiles-credit').hidden = !state.layers.basemap;
  $('map-credit').hidden = !state.dataset.bundled;
  $('print-meta').textContent = `${state.dataset.name} · ${pick(state.lang, state.pair?.after?.profileName)} · ${t('printedOn')} ${new Date().toLocaleDateString(state.lang === 'zh' ? 'zh-CN' : 'en')}`;
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

function download(name, type, parts) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = el('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileStem() {
  const id = String(state.pair?.after?.profileId ?? 'report').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  const data = String(state.dataset.name).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  return `future-community_${data}_${id}`;
}

function exportJson() {
  const { before, after, diff } = state.pair ?? {};
  if (!after) return;
  const doc = {
    generator: `future-community ${state.client.version()}`,
    exportedAt: new Date().toISOString(),
    dataset: { name: state.dataset.name, crs: state.dataset.crs, bundled: state.dataset.bundled },
    options: evalOptions(),
    report: after,
    edits: state.edits.map(({ type, ref, category, lngLat }) => ({ type, ref, category, lngLat })),
    ...(diff ? { baseline: before, comparison: diff } : {}),
    ...(state.access ? { coverage: state.access.after.coverage, coverageBaseline: diff ? state.access.before.coverage : undefined } : {}),
    siteMetrics: state.current?.metrics,
  };
  download(`${fileStem()}.json`, 'application/json', [JSON.stringify(doc, null, 2)]);
}

/** One CSV cell: quoted, and neutralised when a spreadsheet could read it as a formula. */
function csvCell(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

function exportCsv() {
  const r = state.pair?.after;
  if (!r) return;
  const scen = new Map(r.scenarios.map((s) => [s.id, pick(state.lang, s.name)]));
  const header = ['scenario_id', 'scenario', 'indicator_id', 'indicator', 'binding', 'status', 'reason', 'value', 'unit', 'target', 'pass', 'score', 'verified', 'source', 'explanation'];
  const rows = [header];
  for (const i of r.indicators) {
    rows.push([
      i.scenario, scen.get(i.scenario), i.id, pick(state.lang, i.label), i.binding, i.status, i.reason ?? '',
      i.value ?? '', i.unit, i.targetText ? pick(state.lang, i.targetText) : '', i.pass === null ? '' : i.pass, i.score ?? '',
      i.verified, (i.source ?? []).join('; '), pick(state.lang, i.explanation),
    ]);
  }
  rows.push([]);
  rows.push(['overall', '', '', r.profileId, '', '', '', r.score ?? '', '', '', '', r.score ?? '', '', '', `status ${r.status ?? '—'}; grade ${r.grade?.id ?? '—'}; completeness ${r.completeness}`]);
  const text = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  download(`${fileStem()}.csv`, 'text/csv;charset=utf-8', ['\ufeff', text]);
}

// ---------------------------------------------------------------------------
// Profile selection and upload
// ---------------------------------------------------------------------------

async function selectProfile(id) {
  state.profileId = id;
  state.attributes = {};
  if (id === 'uploaded') state.profileDoc = state.uploaded.doc;
  else {
    try {
      state.profileDoc = await state.client.profile(id);
    } catch {
      state.profileDoc = null;
    }
  }
  const present = new Set(dataCategories());
  const first = profileCategories().find((p) => present.has(p.category));
  if (first) {
    state.category = first.category;
    state.tier = first.tier;
  }
  await refreshFacilities();
  await recompute();
}

async function uploadProfile(file) {
  if (!file) return;
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch (err) {
    state.evalError = { title: t('profileError'), err };
    render();
    return;
  }
  // Check it before switching to it.
  try {
    await state.client.evaluatePair(doc, {});
  } catch (err) {
    state.evalError = { title: t('profileError'), err };
    render();
    return;
  }
  state.uploaded = { fileName: file.name, doc };
  await selectProfile('uploaded');
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

function bind() {
  $('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    render();
    refreshFacilities();
  });
  $('file-input').addEventListener('change', (e) => {
    loadFile(e.target.files?.[0]);
    e.target.value = '';
  });
  $('load-bundled').addEventListener('click', () => loadUrl(BUNDLED.url, BUNDLED.name, true));
  $('export-json').addEventListener('click', exportJson);
  $('export-csv').addEventListener('click', exportCsv);
  $('print-button').addEventListener('click', () => window.print());

  // Drag and drop anywhere on the page.
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

  $('color-category').addEventListener('change', async (e) => {
    state.category = e.target.value;
    await refreshFacilities();
    await busy('accessibility', async () => {
      await colourBuildings();
      await areaLayers();
    });
    render();
  });
  $('tier-select').addEventListener('change', async (e) => {
    state.tier = Number(e.target.value);
    await colourBuildings();
    render();
  });
  for (const input of document.querySelectorAll('input[name="map-mode"]')) {
    input.addEventListener('change', async (e) => {
      state.mode = e.target.value;
      state.picked = null;
      state.hint = null;
      await map.setSelected(null);
      renderControls();
      renderMapNotes();
    });
  }
  $('new-category').addEventListener('change', (e) => {
    state.newCategory = e.target.value;
  });
  $('iso-centre').addEventListener('click', () => isochroneAt(map.center()));
  $('add-centre').addEventListener('click', () => addFacilityAt(map.center()));
  $('remove-picked').addEventListener('click', () => {
    const f = pickedFacility();
    if (f) addEdit({ type: 'remove', ref: f.ref, label: f.label });
  });
  $('move-picked').addEventListener('click', () => {
    const f = pickedFacility();
    if (f) addEdit({ type: 'move', ref: f.ref, lngLat: map.center(), label: f.label });
  });
  $('clear-iso').addEventListener('click', async () => {
    state.isochrones = null;
    state.isoOrigin = null;
    await map.setIsochrones(null, null);
    renderIsochrones();
    renderLegend();
  });
  $('reset-edits').addEventListener('click', async () => {
    state.edits = [];
    await applyEdits();
  });
  for (const key of ['facilities', 'roads', 'green']) {
    $(`layer-${key}`).addEventListener('change', (e) => {
      state.layers[key] = e.target.checked;
      map.setVisible(key, e.target.checked);
    });
  }
  for (const key of ['serviceAreas', 'grid']) {
    $(`layer-${kebab(key)}`).addEventListener('change', async (e) => {
      state.layers[key] = e.target.checked;
      await busy(key === 'grid' ? 'travelTimeGrid' : 'serviceAreas', areaLayers);
      renderLegend();
    });
  }
  $('layer-basemap').addEventListener('change', (e) => {
    state.layers.basemap = e.target.checked;
    map.setBasemap(e.target.checked);
    renderFooter();
  });

  $('profile-select').addEventListener('change', (e) => selectProfile(e.target.value));
  $('profile-file').addEventListener('change', (e) => {
    uploadProfile(e.target.files?.[0]);
    e.target.value = '';
  });
  $('project-type').addEventListener('change', (e) => {
    state.projectType = e.target.value || null;
    scheduleReevaluate();
  });
  $('level-tier').addEventListener('change', (e) => {
    state.levelTier = e.target.value || null;
    scheduleReevaluate();
  });
  $('attributes').addEventListener('change', (e) => {
    const name = e.target.dataset?.attribute;
    if (!name) return;
    const def = state.profileDoc?.attributes?.[name];
    const raw = e.target.value;
    if (raw === '') delete state.attributes[name];
    else if (def?.type === 'boolean') state.attributes[name] = raw === 'true';
    else {
      const n = Number(raw);
      if (Number.isFinite(n)) state.attributes[name] = n;
      else delete state.attributes[name];
    }
    scheduleReevaluate();
  });
  window.addEventListener('resize', () => radar?.resize());
  window.addEventListener('beforeprint', () => {
    renderFooter();
    radar?.resize();
    // Print a still copy of the map as it is on screen.
    document.getElementById('map-print')?.remove();
    const copy = map.snapshot();
    copy.id = 'map-print';
    copy.className = 'print-only map-print';
    copy.setAttribute('role', 'img');
    copy.setAttribute('aria-label', t('mapLabel'));
    $('map').after(copy);
  });
}

async function main() {
  bind();
  render();
  map = new MapView($('map'), { onClick: (e) => onMapClick(e).catch(reportError), label: t('mapLabel') });
  try {
    state.client = await busy('init', () => FcClient.create({ onProgress }));
    state.profileDoc = await state.client.profile(DEFAULT_PROFILE);
  } catch (err) {
    state.error = { title: t('loadError'), err };
    state.ready = true;
    render();
    return;
  }
  document.body.dataset.capabilities = Object.entries(state.client.info.capabilities)
    .filter(([, v]) => v)
    .map(([k]) => k)
    .join(' ');
  await map.ready();
  const param = dataParam();
  if (param) await loadUrl(param.url, param.name, false);
  else await loadUrl(BUNDLED.url, BUNDLED.name, true);
}

function reportError(err) {
  state.error = { title: t('failed'), err };
  render();
}

main().catch(reportError);
