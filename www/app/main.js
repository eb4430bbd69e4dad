// @ts-check
// The demo page: loads a GeoJSON dataset (bundled example, file picker, drag
// and drop or ?data= URL), computes everything in a Web Worker through
// fc-client.js and shows the map, the scores, the indicator table and
// what-if comparisons. Every string that comes from data or from an uploaded
// profile is written with textContent (see dom.js), never as HTML.
//
// This module wires the others together: the language switch, the event
// handlers of every panel, and the start-up (worker, default profile, data).
import { FcClient } from '../fc-client.js';
import { setCategories } from '../i18n.js';
import { MapView } from '../map-view.js';
import { bindCompare } from './compare.js';
import { bindExport, bindPrint } from './export.js';
import { BUNDLED, DEFAULT_PROFILE, $, state, t, view } from './state.js';
import { bindDrop, bindLoadButtons, dataParams, loadUrl, loadUrls } from './loading.js';
import { bindMap, markScrollable, onMapClick, renderMapNotes } from './map.js';
import { bindProfile, useProfile } from './profile.js';
import { bindQuarter } from './quarter.js';
import { render } from './render.js';
import { busy, onProgress } from './status.js';
import { bindWhatIf, refreshFacilities } from './whatif.js';

function bind() {
  $('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    render();
    refreshFacilities();
  });
  bindLoadButtons();
  bindExport();
  bindDrop();
  bindMap();
  bindWhatIf();
  bindProfile();
  bindCompare();
  bindQuarter();
  window.addEventListener('resize', () => {
    view.radar?.resize();
    markScrollable($('legend'));
  });
  bindPrint();
}

async function main() {
  bind();
  render();
  view.map = new MapView($('map'), {
    onClick: (e) => onMapClick(e).catch(reportError),
    label: t('mapLabel'),
    onBasemapError: () => {
      if (!state.layers.basemap || state.basemapFailed) return;
      state.basemapFailed = true;
      renderMapNotes();
    },
  });
  try {
    state.client = await busy('init', () => FcClient.create({ onProgress }));
    setCategories(state.client.categories());
    await useProfile(DEFAULT_PROFILE);
  } catch (err) {
    state.error = { key: 'engineFailed', err };
    state.ready = true;
    render();
    return;
  }
  document.body.dataset.capabilities = Object.entries(state.client.info.capabilities)
    .filter(([, v]) => v)
    .map(([k]) => k)
    .join(' ');
  await view.map.ready();
  const params = dataParams();
  if (params.length) await loadUrls(params);
  else await loadUrl(BUNDLED.url, BUNDLED.name, true);
}

/** @param {unknown} err */
function reportError(err) {
  state.error = { key: 'somethingFailed', err };
  render();
}

main().catch(reportError);
