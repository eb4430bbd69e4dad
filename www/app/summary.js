// @ts-check
// The dataset summary: site metrics, features by kind, buildings by use,
// facilities by category, and every warning of reading and computing.
import { el, kebab } from '../dom.js';
import { KINDS, METRICS, USES, categoryLabel, formatNumber, knownCategory, label } from '../i18n.js';
import { warningItems } from '../problems.js';
import { $, state, t } from './state.js';

export function renderMetrics() {
  const body = document.querySelector('#metrics tbody');
  body.replaceChildren();
  /** @type {Record<string, unknown>} */
  const metrics = /** @type {any} */ (state.current?.metrics);
  if (!metrics) return;
  const keys = [...Object.keys(METRICS).filter((k) => k in metrics), ...Object.keys(metrics).filter((k) => !(k in METRICS))];
  for (const key of keys) {
    const value = metrics[key];
    /** @type {{ unit: string, digits: number, percent?: boolean }} */
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
    body.append(el('tr', { attrs: { id: `metric-${kebab(key)}` } }, el('th', { attrs: { scope: 'row' }, text: label(state.lang, METRICS, key) }), cell, el('td', { text: state.lang === 'zh' && def.unit === 'm' ? '米' : def.unit })));
  }
}

/** @typedef {{ known: (key: string) => boolean, label: (key: string) => string }} Names */

/** The names of one of i18n.js's tables. @param {Record<string, { en: string, zh: string }>} table @returns {Names} */
const tableNames = (table) => ({ known: (key) => key in table, label: (key) => label(state.lang, table, key) });

/** The facility categories, named by the core's list. @type {Names} */
const categoryNames = { known: knownCategory, label: (key) => categoryLabel(state.lang, key) };

/**
 * One count table (`#tableId tbody`): a row per key, labelled by `names`.
 * @param {string} tableId
 * @param {Names} names
 * @param {Record<string, number> | undefined} counts
 * @param {string} prefix
 */
function fillCounts(tableId, names, counts, prefix, byCount = false) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren();
  const entries = Object.entries(counts ?? {});
  if (byCount) entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [key, n] of entries) {
    // Keys come from data: the row id only for our own (known) names.
    const attrs = names.known(key) ? { id: `${prefix}-${kebab(key)}` } : {};
    body.append(el('tr', { attrs, dataset: { key } }, el('td', { text: names.label(key), title: key }), el('td', { className: 'num', text: formatNumber(state.lang, n, 0) })));
  }
}

export function renderSummary() {
  /** @type {any} */
  const s = state.current?.summary;
  const warnings = $('warnings');
  warnings.replaceChildren();
  if (!s) {
    // Nothing loaded (or the last file failed): no figures of other data.
    for (const id of ['feature-count', 'bbox', 'compute-time']) $(id).textContent = '–';
    for (const id of ['counts', 'uses', 'categories']) fillCounts(id, tableNames({}), {}, id);
    return;
  }
  $('feature-count').textContent = formatNumber(state.lang, s.featureCount, 0);
  const b = s.bbox;
  $('bbox').textContent = Array.isArray(b) ? `${b[0].toFixed(5)}, ${b[1].toFixed(5)} — ${b[2].toFixed(5)}, ${b[3].toFixed(5)}` : '—';
  $('compute-time').textContent = `${formatNumber(state.lang, state.loaded?.millis, 0)} ms`;
  fillCounts('counts', tableNames(KINDS), s.counts, 'count');
  fillCounts('uses', tableNames(USES), s.buildingsByUse, 'use');
  fillCounts('categories', categoryNames, s.categories, 'category', true);
  // Every warning of reading and computing, one line per code with its count.
  const all = [...(s.warnings ?? []), ...(state.current?.metrics?.warnings ?? []), ...(state.access?.after?.warnings ?? [])];
  if (!all.length) warnings.append(el('li', { text: t('noWarnings'), attrs: { id: 'warnings-empty' } }));
  warnings.append(...warningItems(state.lang, all));
}
