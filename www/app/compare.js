// @ts-check
// The compare view (对比): several communities scored with the page's
// profile and options, ranked overall and by each scenario. Sources: files
// picked or dropped on the view (each its own community; a file with several
// `boundary` features gives one row per boundary, `evaluateAll`), or the
// loaded data's boundaries. Scoring runs in the worker with determinate
// progress; at most MAX_ROWS rows are drawn (the view says so) and the CSV
// has them all. Up to three rows are overlaid on a radar.
import { el } from '../dom.js';
import { formatNumber, pick } from '../i18n.js';
import { describeProblem, sentence } from '../problems.js';
import { renderRadarOverlay } from '../radar.js';
import { evalOptions, profileArg } from './compute.js';
import { csvCell } from './csv.js';
import { $, MAX_INPUT_BYTES, state, t } from './state.js';
import { busy } from './status.js';

/** The most rows the table draws; the ranking and the CSV keep every row. */
export const MAX_ROWS = 200;
/** The most rows on the radar at once. */
const MAX_RADAR = 3;

/**
 * @typedef {{ file: string, fileIndex: number, site: string | null, siteId: string | null, score: number | null,
 *   grade: { id: string, label: any } | null, status: string, completeness: number, failedBinding: number,
 *   scenarios: { id: string, name: any, score: number | null, required?: boolean }[], rank?: number, key?: number }} Row
 */

/** What the view shows. */
const cmp = {
  /** @type {Row[]} ranked, best first */
  rows: [],
  /** @type {{ file: string, code: string | null, message: string }[]} */
  errors: [],
  /** @type {{ id: string | null, version: string | null }} */
  profile: { id: null, version: null },
  /** Column key ('rank', 'name', 'score', 'completeness' or a scenario id) and direction. */
  sort: { key: 'rank', desc: false },
  /** @type {number[]} keys of the rows on the radar */
  selected: [],
  /** @type {import('./state.js').Problem | null} */
  error: null,
};

/** @type {any} */
let radar = null;

/** The row's label: "file · boundary" (or the file alone). @param {Row} r */
function label(r) {
  return r.site ? `${r.file} · ${r.site}` : r.file;
}

/**
 * Ranks best first: higher score (none last), then fewer failed binding
 * indicators, then the label; equal score and failed count share a rank.
 * @param {Row[]} rows
 */
export function rank(rows) {
  const sorted = [...rows].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.failedBinding - b.failedBinding || label(a).localeCompare(label(b)));
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    r.rank = prev && prev.score === r.score && prev.failedBinding === r.failedBinding ? prev.rank : i + 1;
    r.key = i;
  });
  return sorted;
}

/** The value a column sorts by. @param {Row} r @param {string} key */
function sortValue(r, key) {
  if (key === 'rank') return r.rank ?? 0;
  if (key === 'name') return label(r);
  if (key === 'score') return r.score;
  if (key === 'completeness') return r.completeness;
  return r.scenarios.find((s) => s.id === key)?.score ?? null;
}

/** The rows in the table's order (no score sorts last either way). */
function ordered() {
  const { key, desc } = cmp.sort;
  return [...cmp.rows].sort((a, b) => {
    const [x, y] = [sortValue(a, key), sortValue(b, key)];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const d = typeof x === 'string' ? x.localeCompare(String(y)) : Number(x) - Number(y);
    return (desc ? -d : d) || (a.rank ?? 0) - (b.rank ?? 0);
  });
}

/** @param {any} result what the worker returned */
function show(result) {
  cmp.rows = rank(result.rows);
  cmp.errors = result.errors ?? [];
  cmp.profile = { id: result.profileId, version: result.profileVersion };
  cmp.sort = { key: 'rank', desc: false };
  cmp.selected = cmp.rows.slice(0, MAX_RADAR).map((r) => r.key);
  cmp.error = null;
}

/** Scores each file as its own community. @param {File[]} files */
export async function compareFiles(files) {
  if (!files.length || !state.client) return;
  await busy('compare', async () => {
    try {
      const result = await state.client.compare(files, {
        names: files.map((f) => f.name),
        crs: /** @type {HTMLSelectElement} */ ($('crs-select')).value,
        maxBytes: MAX_INPUT_BYTES,
        profile: profileArg(),
        options: evalOptions(),
      });
      show(result);
    } catch (err) {
      cmp.rows = [];
      cmp.error = { key: 'compareError', err };
    }
  });
  renderCompare();
}

/** One row per boundary of the loaded data. */
async function compareLoaded() {
  if (!state.loaded || !state.client) return;
  await busy('compare', async () => {
    try {
      show(await state.client.compareLoaded(state.dataset.name, profileArg(), evalOptions()));
    } catch (err) {
      cmp.rows = [];
      cmp.error = { key: 'compareError', err };
    }
  });
  renderCompare();
}

/** @param {number | null} v */
function num(v, digits = 1) {
  return typeof v === 'number' ? formatNumber(state.lang, v, digits) : '—';
}

/** The scenarios of the ranking (those of its first row, in profile order). */
function scenarioColumns() {
  return cmp.rows[0]?.scenarios ?? [];
}

/** A sortable column header: a button, with aria-sort on the cell. @param {string} key @param {string} text */
function header(key, text) {
  const active = cmp.sort.key === key;
  const th = el('th', { attrs: { scope: 'col', 'aria-sort': active ? (cmp.sort.desc ? 'descending' : 'ascending') : 'none' } });
  const arrow = active ? (cmp.sort.desc ? ' ▼' : ' ▲') : '';
  const button = el('button', { text: text + arrow, className: 'sort', attrs: { type: 'button', 'data-sort': key } });
  button.addEventListener('click', () => {
    // Scores sort best first on the first click; rank and name ascending.
    const first = !['rank', 'name'].includes(key);
    cmp.sort = active ? { key, desc: !cmp.sort.desc } : { key, desc: first };
    renderCompare();
    /** @type {HTMLElement | null} */ (document.querySelector(`#compare-table button[data-sort="${CSS.escape(key)}"]`))?.focus();
  });
  th.append(button);
  return th;
}

/** @param {Row} r */
function toggle(r) {
  const i = cmp.selected.indexOf(r.key ?? -1);
  if (i >= 0) cmp.selected.splice(i, 1);
  else if (cmp.selected.length < MAX_RADAR) cmp.selected.push(r.key ?? -1);
  renderCompare();
  /** @type {HTMLElement | null} */ (document.querySelector(`#compare-table input[data-key="${r.key}"]`))?.focus();
}

function renderTable() {
  const table = $('compare-table');
  const scenarios = scenarioColumns();
  const head = el('tr', {}, el('th', { text: t('compareOnRadar'), attrs: { scope: 'col' } }), header('rank', t('compareRank')), header('name', t('compareCommunity')),
    header('score', t('compareOverall')), el('th', { text: t('compareGrade'), attrs: { scope: 'col' } }), header('completeness', t('compareCompleteness')),
    ...scenarios.map((s) => header(s.id, pick(state.lang, s.name) || s.id)));
  const rows = ordered().slice(0, MAX_ROWS).map((r) => {
    const on = cmp.selected.includes(r.key ?? -1);
    const box = /** @type {HTMLInputElement} */ (el('input', { attrs: { type: 'checkbox', 'data-key': r.key, 'aria-label': t('compareRadarFor', { name: label(r) }) } }));
    box.checked = on;
    box.disabled = !on && cmp.selected.length >= MAX_RADAR;
    box.addEventListener('change', () => toggle(r));
    const byId = new Map(r.scenarios.map((s) => [s.id, s]));
    return el('tr', { dataset: { key: r.key } }, el('td', {}, box), el('td', { text: r.rank, className: 'num' }),
      el('th', { text: label(r), attrs: { scope: 'row' } }), el('td', { text: num(r.score), className: 'num' }),
      el('td', { text: r.grade ? pick(state.lang, r.grade.label) || r.grade.id : t(r.status === 'insufficient' ? 'compareNoGrade' : 'datasetNone') }),
      el('td', { text: `${num(r.completeness * 100, 0)}%`, className: 'num' }),
      ...scenarios.map((s) => el('td', { text: num(byId.get(s.id)?.score ?? null), className: 'num' })));
  });
  table.replaceChildren(el('caption', { text: t('compareCaption') }), el('thead', {}, head), el('tbody', {}, rows));
}

function renderRadarBox() {
  const box = $('compare-radar');
  const series = cmp.selected.map((k) => cmp.rows.find((r) => r.key === k)).filter(Boolean).map((r) => ({ name: label(r), scenarios: r.scenarios }));
  box.hidden = !series.length;
  if (!series.length) {
    radar?.dispose();
    radar = null;
    return;
  }
  radar = renderRadarOverlay(box, radar, { lang: state.lang, series });
  radar.resize();
}

/** Redraws the view (also on a language switch). */
export function renderCompare() {
  const note = $('compare-note');
  const status = $('compare-result');
  /** @type {(string | Node)[]} */
  const lines = [];
  if (cmp.error) {
    const d = describeProblem(state.lang, cmp.error.err);
    lines.push(`${t(cmp.error.key)}${state.lang === 'zh' ? '：' : ': '}${sentence(state.lang, d)}`);
  } else if (cmp.rows.length) {
    const files = new Set(cmp.rows.map((r) => r.fileIndex)).size;
    lines.push(t('compareSummary', { n: cmp.rows.length, files, profile: cmp.profile.id ?? '', version: cmp.profile.version ?? '' }));
  }
  status.replaceChildren(...lines);
  const errs = $('compare-errors');
  errs.replaceChildren(...cmp.errors.map((e) => el('li', { text: `${e.file}: ${sentence(state.lang, describeProblem(state.lang, e))}` })));
  note.hidden = cmp.rows.length <= MAX_ROWS;
  note.textContent = note.hidden ? '' : t('compareCapped', { shown: MAX_ROWS, n: cmp.rows.length });
  $('compare-body').hidden = !cmp.rows.length;
  /** @type {HTMLButtonElement} */ ($('compare-csv')).disabled = !cmp.rows.length;
  /** @type {HTMLButtonElement} */ ($('compare-loaded')).disabled = !state.loaded;
  if (!cmp.rows.length) {
    renderRadarBox();
    return;
  }
  renderTable();
  renderRadarBox();
}

/** The ranking as CSV text (every row, in rank order; headers in the page's language). */
export function compareCsv() {
  const scenarios = scenarioColumns();
  /** @type {unknown[][]} */
  const rows = [[t('compareRank'), t('compareFile'), t('compareSite'), t('compareOverall'), t('compareGrade'), t('compareCompleteness'), t('compareStatus'),
    t('compareFailed'), ...scenarios.map((s) => pick(state.lang, s.name) || s.id)]];
  for (const r of cmp.rows) {
    const byId = new Map(r.scenarios.map((s) => [s.id, s]));
    rows.push([r.rank, r.file, r.site ?? '', r.score ?? '', r.grade ? pick(state.lang, r.grade.label) || r.grade.id : '', Number((r.completeness * 100).toFixed(1)),
      t(`compareStatus_${r.status}`), r.failedBinding, ...scenarios.map((s) => byId.get(s.id)?.score ?? '')]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function exportCsv() {
  if (!cmp.rows.length) return;
  const url = URL.createObjectURL(new Blob(['\ufeff', compareCsv()], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', { attrs: { href: url, download: `future-community_compare_${new Date().toISOString().slice(0, 10)}.csv` } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The view's picker, its buttons and drag and drop onto the view. */
export function bindCompare() {
  const input = /** @type {HTMLInputElement} */ ($('compare-files'));
  input.addEventListener('change', () => {
    compareFiles([...(input.files ?? [])]);
    input.value = '';
  });
  $('compare-loaded').addEventListener('click', () => compareLoaded());
  $('compare-csv').addEventListener('click', exportCsv);
  const section = $('compare');
  section.addEventListener('dragover', (e) => {
    if ([...(e.dataTransfer?.types ?? [])].includes('Files')) e.preventDefault();
  });
  // Files dropped on the view are compared, not loaded (the page-wide drop sees defaultPrevented).
  section.addEventListener('drop', (e) => {
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    compareFiles(files);
  });
  window.addEventListener('resize', () => radar?.resize());
}
