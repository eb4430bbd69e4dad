// @ts-check
// The status line and the progress bar: what the page is doing, what failed,
// and whether the result is a grade at all.
import { formatNumber } from '../i18n.js';
import { lacksNetwork, verdictStatus } from '../verdict.js';
import { $, errorText, state, t } from './state.js';

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

/** Progress reports of the client (fc-client.js). @param {string} stage @param {number | null} [fraction] */
export function onProgress(stage, fraction) {
  state.stage = stage;
  renderStatus();
  setProgress(typeof fraction === 'number' ? fraction : null);
}

export function renderStatus() {
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
