// @ts-check
// Redrawing the whole page from the state (every part is cheap to redraw),
// the static texts of the chosen language and the footer.
import { safeLink } from '../dom.js';
import { renderCompare } from './compare.js';
import { renderQuarter } from './quarter.js';
import { renderControls, renderFeatureInfo, renderIsochrones, renderLegend, renderMapNotes } from './map.js';
import { renderForm } from './profile.js';
import { creditText, renderPrintReport } from './report.js';
import { renderIndicators, renderRadarChart, renderScenarioTable, renderScorecard } from './scores.js';
import { $, state, t, view } from './state.js';
import { renderStatus } from './status.js';
import { renderMetrics, renderSummary } from './summary.js';
import { renderWhatIf } from './whatif.js';

export function render() {
  renderStatic();
  renderStatus();
  renderControls();
  renderScorecard();
  renderRadarChart();
  renderScenarioTable();
  renderForm();
  renderWhatIf();
  renderIndicators();
  renderLegend();
  renderMapNotes();
  renderFeatureInfo();
  renderIsochrones();
  renderMetrics();
  renderSummary();
  renderFooter();
  renderPrintReport();
  renderCompare();
  renderQuarter();
}

/** The texts of index.html marked data-i18n / data-i18n-label, in the page's language. */
function renderStatic() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t('title')} · future-community`;
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n]'))) node.textContent = t(node.dataset.i18n);
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n-label]'))) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  const toggle = $('lang-toggle');
  toggle.textContent = t('langToggle');
  toggle.lang = t('langToggleLang');
  toggle.setAttribute('aria-label', t('langToggleLabel'));
  const name = state.dataset.name || t('datasetNone');
  $('dataset-name').textContent = state.dataset.failed ? t('datasetFailed', { name }) : name;
  document.body.dataset.dataset = state.dataset.failed ? 'failed' : state.loaded ? 'loaded' : 'none';
  $('export-json').disabled = !state.pair?.after;
  $('export-csv').disabled = !state.pair?.after;
  view.map?.setLabel(t('mapLabel'));
}

/**
 * The credit of the bundled dataset, with links (only for it): "Data: ©
 * OpenStreetMap contributors, ODbL 1.0 (helsinki-centre)".
 */
function bundledCredit() {
  return [
    `${t('dataCredit')}${state.lang === 'zh' ? '：' : ': '}© `,
    safeLink('https://www.openstreetmap.org/copyright', 'OpenStreetMap contributors'),
    ', ',
    safeLink('https://opendatacommons.org/licenses/odbl/1-0/', 'ODbL 1.0'),
    ` (${state.dataset.name})`,
  ];
}

/**
 * The data credit: the bundled dataset's for it alone; a file's own
 * top-level `attribution` (as text); else an empty credit and a prompt to
 * add one. Shown in the footer and, shorter, under the map.
 */
function renderCredit() {
  const credit = $('attribution');
  const prompt = $('attribution-prompt');
  const under = $('map-credit');
  const own = creditText();
  prompt.hidden = true;
  if (!state.loaded) {
    credit.replaceChildren(t('creditNothing'));
    credit.dataset.credit = 'none';
  } else if (state.dataset.bundled) {
    credit.replaceChildren(...bundledCredit());
    credit.dataset.credit = 'bundled';
  } else if (own) {
    credit.replaceChildren(t('creditOwn', { credit: own }));
    credit.dataset.credit = 'file';
  } else {
    credit.replaceChildren(t('creditNone', { name: state.dataset.name }));
    credit.dataset.credit = 'missing';
    prompt.textContent = t('creditPrompt');
    prompt.hidden = false;
  }
  under.hidden = !own;
  under.textContent = own ? t('creditOwn', { credit: own }) : '';
}

/** Version and data credits. */
export function renderFooter() {
  $('version').textContent = state.client?.version() ?? '';
  const note = $('user-data-note');
  note.hidden = state.dataset.bundled || !state.loaded;
  note.textContent = note.hidden ? '' : t('userData', { name: state.dataset.name });
  $('osm-tiles-credit').hidden = !state.layers.basemap;
  renderCredit();
}
