// @ts-check
// The report an official can file: the header block shared by the print
// layout and the CSV (dataset, credit, date, profile id and version,
// project type and tier, the what-if state, score, grade, completeness),
// the declared facts marked as declared and not verified, and the print-only
// block of the page that shows them.
import { el } from '../dom.js';
import { formatNumber, formatShare, pick } from '../i18n.js';
import { verdictStatus } from '../verdict.js';
import { gradeText } from './scores.js';
import { $, state, t } from './state.js';

/** The bundled dataset's credit (shown only for it). */
export const BUNDLED_CREDIT = '© OpenStreetMap contributors, ODbL 1.0';

/**
 * The data credit as text: the bundled dataset's, the file's own top-level
 * `attribution`, or '' when the file names none.
 */
export function creditText() {
  if (!state.loaded) return '';
  if (state.dataset.bundled) return BUNDLED_CREDIT;
  return state.loaded.attribution ?? '';
}

/** Today as YYYY-MM-DD (local time): unambiguous in both languages and in file names. */
export function isoDate(d = new Date()) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The edits as a short list ("added elderly care; removed kindergarten …"). */
function editList() {
  return state.edits
    .map((e) => (e.type === 'add' ? t('edit_add', { category: e.label ?? e.category }) : e.type === 'move' ? t('edit_move', { name: e.label }) : t('edit_remove', { name: e.label })))
    .join(state.lang === 'zh' ? '；' : '; ');
}

/** What the report shows: the data as loaded, or a proposal with edits (and how the CSV lists both). */
export function whatIfState(forCsv = false) {
  if (!state.edits.length || !state.pair?.diff) return t('whatIfStateNone');
  return t(forCsv ? 'whatIfStateEditsCsv' : 'whatIfStateEdits', { n: state.edits.length, list: editList() });
}

/** @param {any} r a report */
function gradeOf(r) {
  return verdictStatus(r) === 'insufficient' ? t('notGraded') : `${gradeText(r?.grade)}${verdictStatus(r) === 'provisional' ? ` (${t('provisional')})` : ''}`;
}

/**
 * The header block: [label, value] rows, in the page's language.
 * @returns {[string, string][]}
 */
export function reportMeta(forCsv = false) {
  const r = state.pair?.after;
  const credit = creditText();
  /** @type {[string, string][]} */
  const rows = [
    [t('reportDataset'), state.dataset.name],
    [t('reportCredit'), credit || t('creditMissing')],
    [t('reportDate'), isoDate()],
    [t('reportProfile'), pick(state.lang, r?.profileName) || String(r?.profileId ?? '')],
    [t('reportProfileId'), r ? `${r.profileId} v${r.profileVersion}` : ''],
    [t('reportProjectType'), t(`projectType_${state.projectType ?? 'none'}`)],
    [t('reportTier'), t(`levelTier_${state.levelTier ?? 'none'}`)],
    [t('reportWhatIf'), whatIfState(forCsv)],
    [t('reportScore'), r && typeof r.score === 'number' ? `${formatNumber(state.lang, r.score, 1)} / 100` : t('noScore')],
    [t('reportGrade'), r ? gradeOf(r) : '—'],
    [t('reportCompleteness'), r ? formatShare(state.lang, r.completeness) : '—'],
    [t('reportEngine'), `future-community ${state.client?.version() ?? ''}`.trim()],
  ];
  if (state.edits.length && state.pair?.diff && !forCsv) {
    const b = state.pair.before;
    rows.splice(9, 0, [`${t('reportScore')} (${t('caseBaseline')})`, typeof b?.score === 'number' ? `${formatNumber(state.lang, b.score, 1)} / 100` : t('noScore')]);
  }
  return rows;
}

/**
 * The declared facts with their labels and values, each marked as declared
 * and not verified: [{ name, label, value, note }].
 */
export function declaredFacts() {
  const defs = state.profileDoc?.attributes ?? {};
  return Object.entries(state.attributes).map(([name, v]) => {
    const def = defs[name];
    const value = typeof v === 'boolean' ? t(v ? 'yes' : 'no') : formatNumber(state.lang, v, Number.isInteger(v) ? 0 : 2);
    return { name, label: pick(state.lang, def?.label) || name, value, note: t('declaredValue') };
  });
}

/** The print-only header block of the page (index.html #print-report). */
export function renderPrintReport() {
  const meta = $('report-meta');
  meta.replaceChildren(...reportMeta().flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v || '—' })]));
  const body = document.querySelector('#report-declared tbody');
  const facts = declaredFacts();
  body.replaceChildren(
    ...(facts.length
      ? facts.map((f) => el('tr', { dataset: { attribute: f.name } }, el('th', { attrs: { scope: 'row' }, text: f.label }), el('td', { text: f.value }), el('td', { className: 'declared', text: f.note })))
      : [el('tr', {}, el('td', { attrs: { colspan: 3 }, text: t('declaredNone') }))]),
  );
  document.body.dataset.edits = String(state.edits.length);
}
