// @ts-check
// Asking the core: scores (before/after the edits), walking distances, the
// area layers (service areas, travel-time grid) and isochrones, all through
// the worker client; results go into the state, then the page is redrawn.
import { renderIsochrones, renderLegend, renderMapNotes } from './map.js';
import { render } from './render.js';
import { ISO_MINUTES, dataCategories, has, profileCategories, state, t, tiers, view } from './state.js';
import { busy } from './status.js';

/** @type {ReturnType<typeof setTimeout> | undefined} */
let evalTimer;

/** @returns {any} a built-in profile id or the uploaded document */
export function profileArg() {
  return state.profileId === 'uploaded' ? state.uploaded.doc : state.profileId;
}

/** The report options of the form: declared attributes, project type, tier. */
export function evalOptions() {
  /** @type {{ attributes?: Record<string, number | boolean>, projectType?: any, tier?: any }} */
  const options = {};
  if (Object.keys(state.attributes).length) options.attributes = { ...state.attributes };
  if (state.projectType) options.projectType = state.projectType;
  if (state.levelTier) options.tier = state.levelTier;
  return options;
}

async function evaluate() {
  try {
    state.pair = await state.client.evaluatePair(profileArg(), evalOptions());
    state.evalError = null;
  } catch (err) {
    state.evalError = { key: err?.code === 'INVALID_PROFILE' ? 'profileFailed' : 'attributeFailed', err };
  }
}

function accessOptions() {
  const categories = [...new Set([state.category, ...profileCategories().map((p) => p.category), ...dataCategories()])].filter(Boolean);
  return { categories, thresholdsM: tiers() };
}

async function accessibility() {
  if (!has('accessibility')) {
    state.access = null;
    return;
  }
  try {
    state.access = await state.client.accessibilityPair(accessOptions(), state.category);
  } catch (err) {
    // Categories without facilities may be refused: retry with the data's own.
    try {
      state.access = await state.client.accessibilityPair({ categories: dataCategories(), thresholdsM: tiers() }, state.category);
    } catch {
      state.access = null;
      state.error = { key: 'accessibilityFailed', err };
    }
  }
}

/** Service areas and the travel-time grid of the colour category, when their layers are on. */
export async function areaLayers() {
  const { map } = view;
  if (state.layers.serviceAreas && has('serviceAreas') && state.category) {
    try {
      state.serviceAreas = await state.client.serviceAreas({ category: state.category, minutes: ISO_MINUTES });
    } catch (err) {
      state.serviceAreas = null;
      state.error = { key: 'layerFailed', vars: { layer: t('layerServiceAreas') }, err };
    }
  } else state.serviceAreas = null;
  if (state.layers.grid && has('travelTimeGrid') && state.category) {
    try {
      state.grid = await state.client.travelTimeGrid({ category: state.category, cellM: 40 });
    } catch (err) {
      state.grid = null;
      state.error = { key: 'layerFailed', vars: { layer: t('layerGrid') }, err };
    }
  } else state.grid = null;
  await map.setServiceAreas(state.serviceAreas);
  await map.setGrid(state.grid);
}

/**
 * Scores, walking distances and area layers for the current data. The scores
 * are drawn as soon as `evaluate` returns (the page's "pick to scores");
 * `beforeMap` (a load's map layers) and the walking distances for the map
 * colouring come after, so that MapLibre parsing the layers does not share
 * the CPU with scoring. The distances reuse what `evaluate` searched (the
 * engine's memo in the core).
 * @param {() => Promise<void>} [beforeMap]
 */
export async function recompute(beforeMap) {
  await busy('evaluate', async () => {
    await evaluate();
    render();
    if (beforeMap) await beforeMap();
    await accessibility();
    await colourBuildings();
    await areaLayers();
    if (state.isoOrigin) await isochroneAt(state.isoOrigin, false);
  });
  render();
}

async function reevaluate() {
  await busy('evaluate', evaluate);
  render();
}

/** Re-scores shortly after the last change of the form. */
export function scheduleReevaluate() {
  clearTimeout(evalTimer);
  evalTimer = setTimeout(reevaluate, 200);
}

/** Colours homes by walking distance to the colour category (by use without accessibility). */
export async function colourBuildings() {
  const { map } = view;
  if (!state.access || !state.category) {
    await map.setBuildingDistances(null, state.tier);
    return;
  }
  if (state.access.distances?.category !== state.category) {
    state.access.distances = await state.client.accessDistances(state.category);
  }
  await map.setBuildingDistances(state.access.distances, state.tier);
}

/**
 * Isochrones (5/10/15 minutes) from `lngLat`, drawn and listed.
 * @param {import('./state.js').LonLat} lngLat
 */
export async function isochroneAt(lngLat, withBusy = true) {
  const { map } = view;
  state.isoOrigin = lngLat;
  if (!has('isochrones')) {
    state.isochrones = null;
    state.hint = t('needsApi', { api: 'isochrones' });
    await map.setIsochrones(null, lngLat);
    renderMapNotes();
    return;
  }
  const run = async () => {
    try {
      state.isochrones = await state.client.isochrones({ origin: lngLat, minutes: ISO_MINUTES });
    } catch (err) {
      state.isochrones = null;
      state.error = { key: 'isochroneFailed', err };
    }
    await map.setIsochrones(state.isochrones, lngLat);
  };
  if (withBusy) await busy('isochrones', run);
  else await run();
  renderIsochrones();
  renderLegend();
}
