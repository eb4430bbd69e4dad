// @ts-check
// The report as CSV for a spreadsheet, in the page's language: the header
// block of the print layout (report.js), the declared facts marked as
// declared and not verified, the nine scenario scores and every indicator
// with localised headers and values (场景, 指标, 数值, 单位, 目标, 是否达标,
// 得分, 来源 …). With what-if edits both cases are listed, each row naming
// its case (现状 / 方案). A cell a spreadsheet could read as a formula gets a
// leading ' (numbers excepted); nothing in the file is markup.
import { pick, plainValue, unitLabel } from '../i18n.js';
import { declaredFacts, reportMeta } from './report.js';
import { state, t } from './state.js';

/** @typedef {import('./state.js').Report} Report */

/** One CSV cell: quoted, and neutralised when a spreadsheet could read it as a formula. @param {unknown} v */
export function csvCell(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** A number rounded to `digits` as plain text ('' when none). @param {unknown} v */
function plainNumber(v, digits = 1) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '';
  const r = Number(v.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

/** @param {any} i an indicator of a report */
function passText(i) {
  if (i.status !== 'assessed') return '—';
  if (i.pass === null || i.pass === undefined) return t('passNone');
  return t(i.pass ? 'passYes' : 'passNo');
}

/** @param {any} i */
function statusText(i) {
  if (i.status === 'assessed') return t('status_assessed');
  return t(i.status === 'notApplicable' ? 'notApplicable' : 'notAssessed');
}

/** The sources of an indicator by their titles (keys when untitled). @param {string[] | undefined} keys */
function sourceText(keys) {
  const sources = state.profileDoc?.sources ?? {};
  return (keys ?? []).map((k) => (sources[k]?.title ? String(sources[k].title) : String(k))).join(state.lang === 'zh' ? '；' : '; ');
}

/** @param {string} name the case (现状 / 方案) @param {Report} r */
function scenarioRows(name, r) {
  return r.scenarios.map((s) => [
    name,
    pick(state.lang, s.name) || s.id,
    typeof s.score === 'number' ? plainNumber(s.score, 1) : t('notAssessed'),
    `${s.assessed}/${s.applicable}`,
    plainNumber(s.completeness * 100, 1) + '%',
    s.required === true ? t('requiredYes') : s.required === false ? t('requiredNo') : '',
  ]);
}

/** @param {string} name @param {Report} r */
function indicatorRows(name, r) {
  const scenarios = new Map(r.scenarios.map((s) => [s.id, pick(state.lang, s.name) || s.id]));
  return r.indicators.map((i) => [
    name,
    scenarios.get(i.scenario) ?? i.scenario,
    pick(state.lang, i.label) || i.id,
    i.status === 'assessed' ? plainValue(state.lang, i.value, i.unit) : statusText(i),
    unitLabel(state.lang, i.unit),
    i.targetText ? pick(state.lang, i.targetText) : '',
    passText(i),
    typeof i.score === 'number' ? plainNumber(i.score, 1) : '',
    t(`binding_${i.binding}`),
    statusText(i),
    t(i.verified ? 'verifiedYes' : 'verifiedNo'),
    sourceText(i.source),
    pick(state.lang, i.explanation),
    i.id,
  ]);
}

/** The whole CSV text (without the BOM), or null when there is no report. */
export function csvText() {
  const r = state.pair?.after;
  if (!r) return null;
  /** @type {unknown[][]} */
  const rows = [[t('reportTitle')]];
  for (const [k, v] of reportMeta(true)) rows.push([k, v]);
  rows.push([]);
  rows.push([t('csv_fact'), t('value'), t('csv_note')]);
  const facts = declaredFacts();
  if (facts.length) for (const f of facts) rows.push([f.label, f.value, f.note]);
  else rows.push([t('declaredNone')]);
  rows.push([]);
  /** @type {[string, Report][]} */
  const cases = state.pair.diff ? [[t('caseBaseline'), state.pair.before], [t('caseProposal'), r]] : [[t('caseBaseline'), r]];
  rows.push([t('caseColumn'), t('csv_scenario'), t('csv_score'), t('csv_assessed'), t('csv_completeness'), t('csv_required')]);
  for (const [name, rep] of cases) rows.push(...scenarioRows(name, rep));
  rows.push([]);
  rows.push([
    t('caseColumn'), t('csv_scenario'), t('csv_indicator'), t('csv_value'), t('csv_unit'), t('csv_target'), t('csv_pass'),
    t('csv_score'), t('csv_type'), t('csv_status'), t('csv_verified'), t('csv_source'), t('csv_explanation'), t('csv_indicatorId'),
  ]);
  for (const [name, rep] of cases) rows.push(...indicatorRows(name, rep));
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
