// @ts-check
// Redrawing the whole page from the state (every part is cheap to redraw),
// the static texts of the chosen language and the footer.
import { pick } from '../i18n.js';
import { renderControls, renderFeatureInfo, renderIsochrones, renderLegend, renderMapNotes } from './map.js';
import { renderForm } from './profile.js';
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
  $('dataset-name').textContent = state.dataset.name;
  view.map?.setLabel(t('mapLabel'));
}

/** Version, data credits and the line printed under the title. */
export function renderFooter() {
  $('version').textContent = state.client?.version() ?? '';
  const note = $('user-data-note');
  note.hidden = state.dataset.bundled;
  note.textContent = state.dataset.bundled ? '' : t('userData', { name: state.dataset.name });
  $('osm-tiles-credit').hidden = !state.layers.basemap;
  $('map-credit').hidden = !state.dataset.bundled;
  $('print-meta').textContent = `${state.dataset.name} · ${pick(state.lang, state.pair?.after?.profileName)} · ${t('printedOn')} ${new Date().toLocaleDateString(state.lang === 'zh' ? 'zh-CN' : 'en')}`;
}
