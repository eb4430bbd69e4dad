// @ts-check
// What-if edits: adding, moving and removing facilities (on the map or from
// the keyboard list), the edit list with undo, and the before/after panel
// (overall comparison, coverage by category, indicators that changed).
import { el } from '../dom.js';
import { resolveEdits } from '../edits.js';
import { formatDelta, formatNumber, formatShare, pick } from '../i18n.js';
import { categoryColor } from '../map-view.js';
import { recompute } from './compute.js';
import { paintSwatches } from './map.js';
import { gradeText, indicatorLabel } from './scores.js';
import { $, catLabel, dataCategories, has, metres, option, profileCategories, state, t, view } from './state.js';
import { busy } from './status.js';

/** @typedef {import('./state.js').Edit} Edit */

/** A facility's category and name, for the edit list. @param {any} f map properties of a facility */
export function facilityName(f) {
  if (!f) return '';
  const name = f.name ? `“${f.name}”` : '';
  return `${catLabel(f.category ?? '')}${name ? ' ' + name : ''}`;
}

/** Redraws the facilities with the edits applied and the colour category highlighted. */
export async function refreshFacilities() {
  const base = state.loaded?.display?.facility?.features ?? [];
  const { removed, moved, added } = resolveEdits(state.edits);
  const features = [];
  for (const f of base) {
    const i = f.properties.featureIndex;
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
      properties: { featureIndex: ref, kind: 'facility', category: a.category, whatIf: 1, ...(a.category === state.category ? { highlight: 1 } : {}) },
    });
  }
  await view.map.setFacilities({ type: 'FeatureCollection', features });
  renderFacilityPicker(features);
}

/** The keyboard route to move/remove: a list of the facilities of the coloured category. @param {any[]} features */
function renderFacilityPicker(features) {
  const pick = $('facility-pick');
  const list = features.filter((f) => f.properties.category === state.category);
  pick.replaceChildren(
    ...list.map((f) => {
      const p = f.properties;
      const text = `${p.name ?? p.id ?? '#' + p.featureIndex}${p.whatIf ? ` (${t('legendWhatIf')})` : ''}`;
      const o = option(String(p.featureIndex), text, false);
      o.dataset.lngLat = JSON.stringify(f.geometry.coordinates);
      return o;
    }),
  );
  pick.disabled = !list.length;
  $('remove-picked').disabled = !list.length;
  $('move-picked').disabled = !list.length;
}

/** @returns {{ ref: number | string, label: string } | null} */
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
      state.error = { key: 'whatIfFailed', err };
    }
    await refreshFacilities();
  });
  await recompute();
}

/** @param {Edit} edit */
export async function addEdit(edit) {
  state.edits = [...state.edits, edit];
  state.picked = null;
  await view.map.setSelected(null);
  await applyEdits();
}

/** @param {number} index */
async function undoEdit(index) {
  state.edits = state.edits.filter((_, i) => i !== index);
  await applyEdits();
}

/** @param {import('./state.js').LonLat} lngLat */
export async function addFacilityAt(lngLat) {
  const ref = `w${state.nextRef++}`;
  await addEdit({ type: 'add', ref, category: state.newCategory, lngLat, label: catLabel(state.newCategory) });
}

/** Households' share within `tier` metres of `category`, or null. @param {any} access @param {string} category @param {number} tier */
function coverageShare(access, category, tier) {
  const c = access?.coverage?.[category];
  const entry = c?.[String(tier)] ?? c?.[`${tier}m`];
  return typeof entry?.households === 'number' ? entry.households : null;
}

export function renderWhatIf() {
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
    /** @type {[string, any, any, number | null | undefined, (v: any) => string, number, string][]} */
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
  // The note is for a package without accessibility(); without data there is simply nothing to show.
  pending.hidden = Boolean(state.access) || !state.loaded || has('accessibility');
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

/** The new-facility category, the keyboard move/remove buttons, "add at centre" and "undo all". */
export function bindWhatIf() {
  $('new-category').addEventListener('change', (/** @type {Event & { target: HTMLSelectElement }} */ e) => {
    state.newCategory = e.target.value;
  });
  $('add-centre').addEventListener('click', () => addFacilityAt(view.map.center()));
  $('remove-picked').addEventListener('click', () => {
    const f = pickedFacility();
    if (f) addEdit({ type: 'remove', ref: f.ref, label: f.label });
  });
  $('move-picked').addEventListener('click', () => {
    const f = pickedFacility();
    if (f) addEdit({ type: 'move', ref: f.ref, lngLat: view.map.center(), label: f.label });
  });
  $('reset-edits').addEventListener('click', async () => {
    state.edits = [];
    await applyEdits();
  });
}
