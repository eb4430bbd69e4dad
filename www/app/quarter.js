// @ts-check
// The quarter view (季度对比): a report saved earlier with "Report (JSON)"
// (export.js) against the current report, indicator by indicator, through
// the core's compareReports(). Every change has an arrow and a word besides
// its colour. A saved report of another profile or profile version is not
// compared: the view says which one it was and what to choose.
import { el } from '../dom.js';
import { formatDelta, formatNumber, pick } from '../i18n.js';
import { describeProblem, sentence } from '../problems.js';
import { $, state, t } from './state.js';

/** The largest saved report the view reads (a page export is far smaller). */
const MAX_REPORT_BYTES = 20 * 2 ** 20;

/** Arrow and colour class of each kind of change (the word comes from the i18n key change_<kind>). */
const MARKS = {
  improved: ['▲', 'up'],
  worsened: ['▼', 'down'],
  unchanged: ['=', ''],
  newlyAssessed: ['＋', ''],
  noLongerAssessed: ['−', ''],
  notAssessed: ['·', ''],
  added: ['＋', ''],
  removed: ['−', ''],
};

const q = {
  /** @type {{ name: string, date: string | null, dataset: string | null, report: any } | null} */
  saved: null,
  /** @type {any} the ReportDiff, or null */
  diff: null,
  /** the current report the diff was made against */
  against: null,
  /** @type {{ key: string, vars?: Record<string, unknown>, err?: any } | null} */
  error: null,
};

/**
 * The saved report of a page export (or a bare report): { report, date,
 * dataset }, or null when the JSON is neither.
 * @param {any} doc
 */
export function savedReport(doc) {
  const report = doc?.report ?? doc;
  if (!report || typeof report !== 'object' || typeof report.profileId !== 'string' || !Array.isArray(report.indicators)) return null;
  const date = typeof doc?.date === 'string' ? doc.date : typeof doc?.exportedAt === 'string' ? doc.exportedAt.slice(0, 10) : null;
  const dataset = typeof doc?.dataset?.name === 'string' ? doc.dataset.name : null;
  return { report, date, dataset };
}

/** Reads the picked file and compares it with the current report. @param {File | undefined} file */
async function openSaved(file) {
  if (!file) return;
  q.saved = null;
  q.diff = null;
  q.error = null;
  try {
    if (file.size > MAX_REPORT_BYTES) throw Object.assign(new Error(`${file.size} bytes`), { code: 'FILE_TOO_LARGE', vars: { size: Math.round(file.size / 2 ** 20), limit: MAX_REPORT_BYTES / 2 ** 20 } });
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch (err) {
      throw Object.assign(new Error(String(err?.message ?? err)), { code: 'INVALID_JSON' });
    }
    const saved = savedReport(doc);
    if (!saved) {
      q.error = { key: 'quarterNotReport', vars: { name: file.name } };
    } else {
      q.saved = { name: file.name, ...saved };
    }
  } catch (err) {
    q.error = { key: 'quarterReadFailed', vars: { name: file.name }, err };
  }
  await refresh();
}

/** Compares the saved report with the current one (again when that changed). */
async function refresh() {
  const now = state.pair?.after ?? null;
  q.against = now;
  q.diff = null;
  if (q.saved && now) {
    const a = q.saved.report;
    if (a.profileId !== now.profileId || String(a.profileVersion) !== String(now.profileVersion)) {
      q.error = { key: 'quarterOtherProfile', vars: { name: q.saved.name, profile: a.profileId, version: a.profileVersion ?? '?', current: now.profileId, currentVersion: now.profileVersion } };
    } else {
      try {
        q.diff = await state.client.compareReports(a, now);
        q.error = null;
      } catch (err) {
        q.error = { key: 'quarterReadFailed', vars: { name: q.saved.name }, err };
      }
    }
  }
  renderQuarter();
}

/** @param {number | null | undefined} v */
const score = (v) => (typeof v === 'number' ? formatNumber(state.lang, v, 1) : '—');

/** "▲ improved" with its colour class, as a cell. @param {string} kind */
function changeCell(kind, delta) {
  const [arrow, cls] = MARKS[kind] ?? ['', ''];
  const d = typeof delta === 'number' ? ` (${formatDelta(state.lang, delta, 1)})` : '';
  return el('td', { className: `change${cls ? ' ' + cls : ''}`, dataset: { change: kind } }, el('span', { text: arrow, attrs: { 'aria-hidden': 'true' } }), ` ${t(`change_${kind}`)}${d}`);
}

/** @param {boolean | null} p */
function passText(p) {
  return p === true ? t('passYes') : p === false ? t('passNo') : '—';
}

/** Redraws the view (also on a language switch, and after the current report changed). */
export function renderQuarter() {
  if (q.saved && state.pair?.after && state.pair.after !== q.against) {
    refresh();
    return;
  }
  const status = $('quarter-result');
  const body = $('quarter-body');
  if (q.error) {
    const d = q.error.err ? sentence(state.lang, describeProblem(state.lang, q.error.err)) : '';
    status.textContent = [t(q.error.key, q.error.vars), d].filter(Boolean).join(state.lang === 'zh' ? '：' : ': ');
    status.dataset.state = 'error';
  } else if (q.saved && !state.pair?.after) {
    status.textContent = t('quarterNoCurrent');
    status.dataset.state = 'wait';
  } else if (q.diff) {
    status.textContent = t('quarterSummary', { name: q.saved.name, date: q.saved.date ?? '?', dataset: q.saved.dataset ?? '?', profile: q.diff.profileAfter });
    status.dataset.state = 'ready';
  } else {
    status.textContent = '';
    delete status.dataset.state;
  }
  body.hidden = !q.diff || Boolean(q.error);
  if (body.hidden) return;
  const d = q.diff;
  const overall = d.score.delta > 0 ? 'improved' : d.score.delta < 0 ? 'worsened' : 'unchanged';
  // Indicators assessed in neither report say nothing about a change: counted, not listed.
  const shown = d.indicators.filter((/** @type {any} */ i) => i.change !== 'notAssessed');
  const hidden = d.indicators.length - shown.length;
  $('quarter-note').textContent = hidden ? t('quarterHidden', { n: hidden }) : '';
  const head = el('tr', {}, ...['indicator', 'quarterBefore', 'quarterNow', 'quarterChange', 'quarterPass'].map((k) => el('th', { text: t(k), attrs: { scope: 'col' } })));
  const rows = [
    el('tr', { className: 'overall' }, el('th', { text: t('overallScore'), attrs: { scope: 'row' } }), el('td', { text: score(d.score.before), className: 'num' }),
      el('td', { text: score(d.score.after), className: 'num' }), changeCell(overall, d.score.delta), el('td', { text: '' })),
    ...shown.map((/** @type {any} */ i) => el('tr', { dataset: { indicator: i.id } },
      el('th', { text: pick(state.lang, i.label) || i.id, attrs: { scope: 'row' } }),
      el('td', { text: score(i.score.before), className: 'num' }),
      el('td', { text: score(i.score.after), className: 'num' }),
      changeCell(i.change, i.score.delta),
      el('td', { text: `${passText(i.passBefore)} → ${passText(i.passAfter)}` }))),
  ];
  $('quarter-table').replaceChildren(el('caption', { text: t('quarterCaption') }), el('thead', {}, head), el('tbody', {}, rows));
}

/** The view's file picker. */
export function bindQuarter() {
  const input = /** @type {HTMLInputElement} */ ($('quarter-file'));
  input.addEventListener('change', () => {
    openSaved(input.files?.[0]);
    input.value = '';
  });
}
