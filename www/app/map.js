// @ts-check
// The map panel on top of map-view.js: clicks (isochrone, add, move, remove,
// select), the controls above and below the map (colour category, distance
// tier, click mode, layers), the legend, the notes about what this build of
// the package cannot do, the selected feature and the isochrone table.
import { el, kebab } from '../dom.js';
import { GREEN_TYPES, KIND_ONE, PROPERTY_KEYS, USES, categoryLabel, formatNumber, knownCategory, label } from '../i18n.js';
import { describeProblem, sentence, warningItems } from '../problems.js';
import {
  GRID_STOPS,
  ISOCHRONE_COLORS,
  NON_RESIDENTIAL_COLOR,
  SERVICE_AREA_COLORS,
  UNREACHABLE_COLOR,
  USE_COLORS,
  categoryColor,
  distanceClasses,
} from '../map-view.js';
import { areaLayers, colourBuildings, isochroneAt } from './compute.js';
import { render, renderFooter } from './render.js';
import { $, ISO_MINUTES, allCategories, catLabel, dataCategories, has, metreUnit, metres, option, profileCategories, state, t, tiers, view } from './state.js';
import { busy } from './status.js';
import { addEdit, addFacilityAt, facilityName, refreshFacilities } from './whatif.js';

/**
 * A click on the map, by mode: an isochrone (and the feature's properties), or a what-if edit.
 * @param {{ lngLat: import('./state.js').LonLat, facility: any, building: any }} click
 */
export async function onMapClick({ lngLat, facility, building }) {
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
      await addEdit({ type: 'remove', ref: facility.featureIndex, label: facilityName(facility) });
      return;
    case 'move':
      if (!state.picked) {
        if (!facility) {
          state.hint = t('clickHint');
          renderMapNotes();
          return;
        }
        state.picked = { ref: facility.featureIndex, label: facilityName(facility) };
        state.hint = t('moveHint');
        await view.map.setSelected(facility.lngLat);
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

/** Shows the properties (and walking distances) of a clicked feature. @param {any} props */
async function select(props) {
  if (!props) {
    state.selected = null;
    renderFeatureInfo();
    return;
  }
  const ref = props.featureIndex;
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

export function renderControls() {
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
  for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="map-mode"]'))) input.checked = input.value === state.mode;
  for (const [k, v] of Object.entries(state.layers)) {
    const box = $(`layer-${kebab(k)}`);
    if (box) box.checked = v;
  }
  $('layer-service-areas').disabled = !has('serviceAreas');
  $('layer-grid').disabled = !has('travelTimeGrid');
  $('project-type').value = state.projectType ?? '';
  $('level-tier').value = state.levelTier ?? '';
  view.map?.setCursor(state.mode === 'isochrone' ? '' : 'crosshair');
}

export function renderMapNotes() {
  const notes = [];
  if (!has('accessibility')) notes.push(t('accessPending'));
  for (const [api, key] of [['serviceAreas', 'layerServiceAreas'], ['travelTimeGrid', 'layerGrid']]) {
    if (!has(api)) notes.push(`${t(key)}: ${t('needsApi', { api })}`);
  }
  if (!has('isochrones')) notes.push(`${t('isochroneResults')}: ${t('needsApi', { api: 'isochrones' })}`);
  if (state.layers.basemap && state.basemapFailed) notes.push(sentence(state.lang, describeProblem(state.lang, 'BASEMAP_FAILED')));
  const list = $('map-notes');
  list.replaceChildren(...notes.map((n) => el('li', { text: n })));
  list.hidden = !notes.length;
  const hint = $('map-hint');
  hint.textContent = state.hint ?? '';
  hint.hidden = !state.hint;
}

/**
 * A box that scrolls (the legend beside a short map, long feature
 * properties) takes keyboard focus, so that it can be scrolled without a
 * mouse; one that does not scroll stays out of the Tab order.
 * @param {HTMLElement} box
 */
export function markScrollable(box) {
  const scrolls = box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
  if (scrolls) box.tabIndex = 0;
  else box.removeAttribute('tabindex');
}

/** Colours of swatches are set through the CSSOM (allowed by the CSP), never style attributes. @param {ParentNode} root */
export function paintSwatches(root) {
  for (const s of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('.swatch[data-color]'))) s.style.backgroundColor = s.dataset.color;
}

/** @param {string} color @param {string} text */
function legendItem(color, text, shape = 'square') {
  return el('li', {}, el('span', { className: `swatch ${shape}`, attrs: { 'aria-hidden': 'true' }, dataset: { color } }), text);
}

export function renderLegend() {
  const box = $('legend-body');
  box.replaceChildren();
  /** @param {string} title @param {Node[]} items */
  const section = (title, items) => {
    if (items.length) box.append(el('div', { className: 'legend-section' }, title ? el('h4', { text: title }) : null, el('ul', {}, ...items)));
  };
  if (state.access && state.category) {
    /** @param {number} m */
    const fmt = (m) => formatNumber(state.lang, m, 0);
    const u = metreUnit();
    const classes = distanceClasses(state.tier);
    const items = classes.map((c, i) =>
      legendItem(c.color, i === 0 ? `≤ ${fmt(c.max)} ${u}` : c.max === Infinity ? `> ${fmt(classes[i - 1].max)} ${u}` : `${fmt(classes[i - 1].max)}–${fmt(c.max)} ${u}`),
    );
    items.push(legendItem(UNREACHABLE_COLOR, t('legendUnreachable')), legendItem(NON_RESIDENTIAL_COLOR, t('legendNonResidential')));
    section(t('legendByDistance', { category: catLabel(state.category) }), items);
  } else {
    section(t('legendByUse'), Object.entries(USE_COLORS).map(([use, color]) => legendItem(color, label(state.lang, USES, use))));
  }
  const counts = state.current?.summary?.categories ?? {};
  /** @type {Map<string, string[]>} */
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
      GRID_STOPS.map(([m, color], i) => legendItem(String(color), `${i === GRID_STOPS.length - 1 ? '≥ ' : ''}${t('minutesShort', { n: m })}`)),
    );
  }
  paintSwatches(box);
  markScrollable($('legend'));
}

export function renderFeatureInfo() {
  const box = $('feature-props');
  box.replaceChildren();
  const s = state.selected;
  $('feature-empty').hidden = Boolean(s);
  if (!s) {
    markScrollable(box);
    return;
  }
  /** @param {string} k @param {string} v @param {string} [raw] the file's own key, as a tooltip */
  const add = (k, v, raw) => box.append(el('dt', { text: k, title: raw && raw !== k ? raw : null }), el('dd', { text: v }));
  if (s.info) {
    // Known keys and values in the page's language; the file's other keys as they are.
    if (s.info.id) add(t('featureId'), s.info.id, 'id');
    for (const [k, v] of Object.entries(s.info.properties)) add(label(state.lang, PROPERTY_KEYS, k), propertyValue(k, v), k);
  } else {
    add(t('category'), catLabel(s.props.category ?? ''));
    add('', t('legendWhatIf'));
  }
  if (s.access) {
    for (const c of [state.category, ...profileCategories().map((p) => p.category)].filter((v, i, a) => v && a.indexOf(v) === i)) {
      const m = s.access.networkM?.[c];
      add(t('walkTo', { category: catLabel(c) }), typeof m === 'number' ? metres(m) : t('legendUnreachable'));
    }
  }
  markScrollable(box);
}

/** A property value, translated where it is one of the model's words (kind, use, category, green type). @param {string} k @param {unknown} v */
function propertyValue(k, v) {
  const s = v === null || v === undefined ? '' : String(v);
  if (k === 'category') return knownCategory(s) ? categoryLabel(state.lang, s) : s;
  const table = { kind: KIND_ONE, use: USES, green_type: GREEN_TYPES }[k];
  return table && s in table ? label(state.lang, table, s) : s;
}

export function renderIsochrones() {
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
        el('td', { className: 'num', text: metres(Math.max(0, p.distanceM ?? 0)) }),
        // Off the network the area is empty: 0.0, never "-0.0".
        el('td', { className: 'num', text: `${formatNumber(state.lang, Math.max(0, p.areaM2 ?? 0) / 10000, 1)} ${t('unit_hectare')}` }),
        el('td', { className: 'num', text: formatNumber(state.lang, p.households, 0) }),
        el('td', { className: 'num', text: formatNumber(state.lang, p.population, 0) }),
      ),
    );
  }
  const off = iso.origin && iso.origin.onNetwork === false;
  $('isochrone-off').hidden = !off;
  $('isochrone-warnings').replaceChildren(...warningItems(state.lang, (iso.warnings ?? []).filter((w) => w.code !== 'SMALL_NETWORK_ISLAND')));
}

/** The colour category, tier, click mode, isochrone buttons and layer switches. */
export function bindMap() {
  $('color-category').addEventListener('change', async (/** @type {Event & { target: HTMLSelectElement }} */ e) => {
    state.category = e.target.value;
    await refreshFacilities();
    await busy('accessibility', async () => {
      await colourBuildings();
      await areaLayers();
    });
    render();
  });
  $('tier-select').addEventListener('change', async (/** @type {Event & { target: HTMLSelectElement }} */ e) => {
    state.tier = Number(e.target.value);
    await colourBuildings();
    render();
  });
  for (const input of document.querySelectorAll('input[name="map-mode"]')) {
    input.addEventListener('change', async (/** @type {Event & { target: HTMLInputElement }} */ e) => {
      state.mode = e.target.value;
      state.picked = null;
      state.hint = null;
      await view.map.setSelected(null);
      renderControls();
      renderMapNotes();
    });
  }
  $('iso-centre').addEventListener('click', () => isochroneAt(view.map.center()));
  $('clear-iso').addEventListener('click', async () => {
    state.isochrones = null;
    state.isoOrigin = null;
    await view.map.setIsochrones(null, null);
    renderIsochrones();
    renderLegend();
  });
  for (const key of ['facilities', 'roads', 'green']) {
    $(`layer-${key}`).addEventListener('change', (/** @type {Event & { target: HTMLInputElement }} */ e) => {
      state.layers[key] = e.target.checked;
      view.map.setVisible(key, e.target.checked);
    });
  }
  for (const key of ['serviceAreas', 'grid']) {
    $(`layer-${kebab(key)}`).addEventListener('change', async (/** @type {Event & { target: HTMLInputElement }} */ e) => {
      state.layers[key] = e.target.checked;
      await busy(key === 'grid' ? 'travelTimeGrid' : 'serviceAreas', areaLayers);
      renderLegend();
    });
  }
  $('layer-basemap').addEventListener('change', (/** @type {Event & { target: HTMLInputElement }} */ e) => {
    state.layers.basemap = e.target.checked;
    state.basemapFailed = false;
    view.map.setBasemap(e.target.checked);
    renderFooter();
    renderMapNotes();
  });
}
