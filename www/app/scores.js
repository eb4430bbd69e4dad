// @ts-check
// The evaluation: score card and verdict, radar chart, scenario table and
// the indicator table with targets, pass/fail, explanations and sources.
// Labels, names and sources come from the report or an uploaded profile:
// all of it is written as text (dom.js), links only for http(s) URLs.
import { el, safeLink } from '../dom.js';
import { formatDelta, formatNumber, formatShare, formatValue, pick } from '../i18n.js';
import { warningItems } from '../problems.js';
import { renderRadar } from '../radar.js';
import { missingBlock, verdictHeadline, verdictStatus } from '../verdict.js';
import { $, state, t, view } from './state.js';

/** @typedef {import('./state.js').Report} Report */

/** "B · Good", or the id alone, or '—'. @param {any} grade */
export function gradeText(grade) {
  if (!grade) return '—';
  const l = pick(state.lang, grade.label);
  return l ? `${grade.id} · ${l}` : String(grade.id);
}

/** The label of an indicator of the current report (or of the baseline). @param {string} id */
export function indicatorLabel(id) {
  const ind = state.pair?.after?.indicators?.find((i) => i.id === id) ?? state.pair?.before?.indicators?.find((i) => i.id === id);
  return ind ? pick(state.lang, ind.label) : String(id);
}

export function renderScorecard() {
  const r = state.pair?.after;
  const card = $('scorecard');
  card.dataset.loaded = r ? 'true' : 'false';
  // Which data the score shown is of (page-bench waits for it).
  card.dataset.dataset = r ? state.dataset.name : '';
  const status = verdictStatus(r);
  card.dataset.status = status ?? '';
  $('score-value').textContent = !r ? '—' : typeof r.score === 'number' ? formatNumber(state.lang, r.score, 1) : t('noScore');
  // Without a grade the score is shown only as a figure for information.
  const note = $('score-note');
  note.hidden = status !== 'insufficient';
  note.textContent = status === 'insufficient' ? t('forInformation') : '';
  $('grade-value').textContent = status === 'insufficient' ? t('notGraded') : gradeText(r?.grade);
  $('grade-badge').hidden = status !== 'provisional';
  renderVerdict(r, status);
  renderMeaning(r, status);
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

/**
 * The first screen's two sentences: what the score means (by the report's
 * status), and what to do next (load your own data, declare facts, try the
 * what-if).
 * @param {Report | undefined} r @param {string | null} status
 */
function renderMeaning(r, status) {
  const meaning = $('score-meaning');
  if (r && typeof r.score === 'number') {
    const vars = { score: formatNumber(state.lang, r.score, 1), grade: gradeText(r.grade), profile: pick(state.lang, r.profileName) || r.profileId };
    meaning.textContent = t(`meaning_${status ?? 'insufficient'}`, vars);
  } else meaning.textContent = state.dataset.failed ? t('failedCleared') : '';
  meaning.hidden = !meaning.textContent;
  const next = $('next-step');
  next.textContent = !state.loaded ? t('next_none') : state.dataset.bundled ? t('next_bundled') : t('next_user');
}

/** @param {Report | undefined} r @param {string | null} status */
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

export function renderRadarChart() {
  const r = state.pair?.after;
  const box = $('radar');
  if (!r) {
    view.radar?.dispose();
    view.radar = null;
    box.replaceChildren();
    return;
  }
  box.setAttribute('aria-label', t('radarLabel'));
  const before = state.pair.diff ? state.pair.before.scenarios : null;
  view.radar = renderRadar(box, view.radar, { lang: state.lang, scenarios: r.scenarios, before });
}

export function renderScenarioTable() {
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

/** The sources of an indicator as a list (links for http(s) URLs only). @param {string[] | undefined} keys */
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

export function renderIndicators() {
  const body = document.querySelector('#indicator-table tbody');
  body.replaceChildren();
  const warnings = $('report-warnings');
  warnings.replaceChildren();
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
    const cells = [
      valueCell,
      el('td', { text: targetText }),
      passCell,
      scoreCell,
      explanation,
      el('td', {}, sourceNodes(ind.source)),
      el('td', { className: ind.verified ? 'verified' : 'unverified', text: ind.verified ? `✔ ${t('verifiedYes')}` : t('verifiedNo') }),
    ];
    // On a phone each row is a card: every cell says what it is (CSS shows data-label).
    ['value', 'target', 'pass', 'score', 'explanation', 'source', 'verified'].forEach((key, i) => cells[i].setAttribute('data-label', t(key)));
    row.append(labelCell, ...cells);
    body.append(row);
  }
  const all = r.warnings ?? [];
  warnings.replaceChildren(...(all.length ? warningItems(state.lang, all) : [el('li', { text: t('noWarnings') })]));
}
