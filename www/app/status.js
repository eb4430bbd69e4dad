// @ts-check
// The status line and the progress bar: what the page is doing, what failed,
// and whether the result is a grade at all.
import { formatNumber } from '../i18n.js';
import { detailsNode } from '../problems.js';
import { lacksNetwork, verdictStatus } from '../verdict.js';
import { $, problemText, state, t } from './state.js';

/** @param {number | null} fraction 0..1, or null for an indeterminate bar */
export function setProgress(fraction) {
  const bar = $('progress');
  if (fraction === null) bar.removeAttribute('value');
  else bar.value = Math.max(0, Math.min(1, fraction));
}

/**
 * Runs `fn` with the busy indicator on; failures end up in the status line.
 * @template T
 * @param {string} stage
 * @param {() => Promise<T> | T} fn
 * @returns {Promise<T>}
 */
export async function busy(stage, fn) {
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

/**
 * Where each phase of a load sits on the one progress bar (start, end): reading
 * or downloading the file, reading the GeoJSON, the map layers, scoring, the
 * walking network and distances. A stage's own fraction moves within its span.
 * Stages not listed (an isochrone, an edit ...) keep an indeterminate bar.
 * @type {Record<string, [number, number]>}
 */
export const PHASES = {
  read: [0, 0.3],
  download: [0, 0.3],
  parse: [0.3, 0.5],
  display: [0.5, 0.55],
  evaluate: [0.55, 0.7],
  accessibility: [0.7, 0.95],
  compare: [0, 1],
};

/** Progress reports of the client (fc-client.js). @param {string} stage @param {number | null} [fraction] */
export function onProgress(stage, fraction) {
  state.stage = stage;
  renderStatus();
  const span = PHASES[stage];
  const f = typeof fraction === 'number' ? Math.max(0, Math.min(1, fraction)) : null;
  setProgress(span ? span[0] + (f ?? 0) * (span[1] - span[0]) : f);
  const bar = $('progress');
  bar.dataset.stage = stage;
  bar.setAttribute('aria-valuetext', `${stageText(stage)}${bar.hasAttribute('value') ? ` ${Math.round(Number(/** @type {HTMLProgressElement} */ (bar).value) * 100)}%` : ''}`);
}

export function renderStatus() {
  const status = $('status');
  const bar = $('progress');
  const working = state.busy > 0 || !state.ready;
  bar.hidden = !working;
  if (!working) bar.removeAttribute('value');
  const details = $('status-details');
  details.replaceChildren();
  if (state.error) {
    // What failed, what happened and what to do; the code and message under "Details".
    const { text, tech } = problemText(state.error);
    status.dataset.state = 'error';
    status.textContent = text;
    const node = detailsNode(state.lang, [tech], { key: 'status' });
    if (node) details.append(node);
  } else if (working) {
    status.dataset.state = state.ready ? 'busy' : 'loading';
    status.textContent = state.stage ? `${stageText(state.stage)}…` : t('loading');
  } else {
    status.dataset.state = 'ready';
    const ms = state.current?.millis ?? state.loaded?.millis;
    status.textContent = `${readyText()}${state.client?.inPage ? ' ' + t('noWorker') : ''}`;
    if (ms !== undefined) status.title = `${formatNumber(state.lang, ms, 0)} ms`;
  }
  document.body.setAttribute('aria-busy', working ? 'true' : 'false');
}

/** The stage, naming the file while it is read or downloaded. @param {string} stage */
function stageText(stage) {
  const text = t('stage_' + stage);
  const named = ['read', 'download', 'parse'].includes(stage) && state.loadingName;
  return named ? t('stageOf', { stage: text, name: state.loadingName }) : text;
}

/** "Done" only when the report is graded and the data has a walkable network; else what is wrong. */
function readyText() {
  if (!state.loaded) return state.dataset.failed ? t('failedCleared') : t('next_none');
  const r = state.pair?.after;
  const noRoads = lacksNetwork(r) || (state.current?.summary?.counts && !state.current.summary.counts.road);
  const status = verdictStatus(r);
  if (status === 'insufficient') return t('readyInsufficient');
  if (noRoads) return t('readyNoNetwork');
  if (status === 'provisional') return t('readyProvisional');
  return t('ready');
}
