// @ts-check
// The demo page's state: one object every module reads and updates, the
// handles of the map and the radar, and the small helpers derived from the
// state (language, categories and distance tiers of the profile and the data).
// What the profile reads comes from the core (`profileRequirements()`), the
// category labels from its `categories()` (i18n.js): the page parses no metric key.
import { el } from '../dom.js';
import { categoryLabel, formatNumber, initialLanguage, knownCategories, tr } from '../i18n.js';
import { describeProblem, techLine, titled } from '../problems.js';

/** @typedef {import('future-community').Report} Report */
/** @typedef {import('future-community').ReportDiff} ReportDiff */
/** @typedef {import('future-community').ProfileDocument} ProfileDocument */
/** @typedef {import('future-community').ProfileRequirements} ProfileRequirements */
/** @typedef {import('future-community').Summary} Summary */
/** @typedef {import('future-community').SiteMetrics} SiteMetrics */
/** @typedef {import('future-community').AccessibilityResult} AccessibilityResult */
/** @typedef {import('future-community').AreaCollection} AreaCollection */
/** @typedef {import('future-community').TravelTimeGrid} TravelTimeGrid */
/** @typedef {import('future-community').LonLat} LonLat */
/** @typedef {import('future-community').Crs} Crs */
/** @typedef {import('../fc-client.js').FcClient} FcClient */
/** @typedef {import('../map-view.js').MapView} MapView */

/**
 * A what-if edit as the page keeps it (see edits.js), with the text shown in the list.
 * @typedef {{ type: 'add' | 'move' | 'remove', ref: number | string, category?: string, lngLat?: LonLat, label?: string, name?: string }} Edit
 */

/**
 * The data as the page names it. `failed`: this file could not be loaded
 * and nothing else is shown (the previous data was set aside).
 * @typedef {{ name: string, bundled: boolean, crs: string, failed?: boolean }} Dataset
 */

/**
 * A failure to show: `key` (and `vars`) name the sentence saying what
 * failed (i18n.js), `err` the error (its code picks the explanation).
 * @typedef {{ key: string, vars?: Record<string, unknown>, err: any }} Problem
 */

/**
 * @typedef {object} State
 * @property {'zh' | 'en'} lang
 * @property {FcClient | null} client
 * @property {Dataset} dataset the data shown (or, with `failed`, the file that could not be loaded)
 * @property {string | null} loadingName the file being read or downloaded
 * @property {any} loaded fc.load() result: { summary, metrics, display, featureCount, millis }
 * @property {{ summary: Summary, metrics: SiteMetrics, millis?: number } | null} current the data with the edits
 * @property {Edit[]} edits
 * @property {number} nextRef
 * @property {string} profileId a built-in id, or 'uploaded'
 * @property {{ fileName: string, doc: any } | null} uploaded
 * @property {any} profileDoc the profile document (built-in or uploaded; an upload is only checked by the core)
 * @property {ProfileRequirements | null} requirements what the profile reads (the core's profileRequirements(); coverage in indicator order)
 * @property {Record<string, number | boolean>} attributes
 * @property {string | null} projectType
 * @property {string | null} levelTier 'leading' | 'inclusive' | null (the report option `tier`; `tier` below is a distance)
 * @property {{ before: Report, after: Report, diff: ReportDiff | null } | null} pair
 * @property {any} access { before, after, distances } (slim accessibility results) or null
 * @property {string | null} category colour/coverage category
 * @property {number} tier
 * @property {string} mode
 * @property {string} newCategory
 * @property {{ ref: number | string, label: string } | null} picked facility chosen for a move
 * @property {any} isochrones
 * @property {LonLat | null} isoOrigin
 * @property {any} serviceAreas
 * @property {any} grid
 * @property {Record<string, boolean>} layers
 * @property {any} selected { ref, kind, props, info, access }
 * @property {boolean} basemapFailed the optional online basemap could not load its tiles
 * @property {string | null} hint
 * @property {string | null} stage
 * @property {number} busy
 * @property {Problem | null} error shown in the status line
 * @property {Problem | null} evalError shown in the profile form
 * @property {boolean} ready
 */

export const BUNDLED = { url: './data/helsinki-centre.geojson', name: 'helsinki-centre' };
export const DEFAULT_PROFILE = 'zhejiang-future-community';
export const BASE_TIERS = [300, 500, 1000];
export const ISO_MINUTES = [5, 10, 15];
// Files and URLs from users: well below the library's default (512 MiB), which a browser tab would not survive.
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * The element with `id`. Typed loosely: the page's ids are known to exist,
 * and each is used as the element it is (select, input, progress ...).
 * @type {(id: string) => any}
 */
export const $ = (id) => document.getElementById(id);

/** @type {State} */
export const state = {
  lang: initialLanguage(),
  client: null,
  dataset: { name: '', bundled: false, crs: 'wgs84' },
  loadingName: null,
  loaded: null,
  current: null,
  edits: [],
  nextRef: 1,
  profileId: DEFAULT_PROFILE,
  uploaded: null,
  profileDoc: null,
  requirements: null,
  attributes: {},
  projectType: null,
  levelTier: null,
  pair: null,
  access: null,
  category: null,
  tier: 300,
  mode: 'isochrone',
  newCategory: 'kindergarten',
  picked: null,
  isochrones: null,
  isoOrigin: null,
  serviceAreas: null,
  grid: null,
  layers: { facilities: true, roads: true, green: true, serviceAreas: false, grid: false, basemap: false },
  selected: null,
  basemapFailed: false,
  hint: null,
  stage: null,
  busy: 0,
  error: null,
  evalError: null,
  ready: false,
};

/**
 * The map and the radar chart, once created (main.js creates the map; the
 * first render of the scores creates the radar).
 * @type {{ map: MapView | null, radar: any }}
 */
export const view = { map: null, radar: null };

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** @param {string} key @param {Record<string, unknown>} [vars] */
export const t = (key, vars) => tr(state.lang, key, vars);
/** @param {string} c */
export const catLabel = (c) => categoryLabel(state.lang, c);
/** @param {number} m */
export const metres = (m) => `${formatNumber(state.lang, m, 0)}${state.lang === 'zh' ? ' 米' : ' m'}`;
/** The unit "m" alone, in the page's language. */
export const metreUnit = () => (state.lang === 'zh' ? '米' : 'm');

/**
 * A problem as one sentence (what failed, what happened, what to do) and
 * its technical line (code and message), in the page's language.
 * @param {Problem} p
 */
export function problemText(p) {
  const d = describeProblem(state.lang, p.err);
  return { text: titled(state.lang, t(p.key, p.vars), d), tech: techLine(d) };
}

/** @param {string} method */
export function has(method) {
  return Boolean(state.client?.has(method));
}

/** @param {string} value @param {string} text @param {boolean} selected */
export function option(value, text, selected) {
  const o = /** @type {HTMLOptionElement} */ (el('option', { text, attrs: { value } }));
  o.selected = Boolean(selected);
  return o;
}

/** The distance tiers: 300/500/1000 m and those of the profile's coverage indicators. */
export function tiers() {
  const set = new Set(BASE_TIERS);
  for (const need of state.requirements?.coverage ?? []) set.add(need.thresholdM);
  return [...set].sort((a, b) => a - b);
}

/**
 * Coverage categories of the profile, in indicator order, each with the
 * distance of its first indicator.
 * @returns {{ category: string, tier: number }[]}
 */
export function profileCategories() {
  /** @type {{ category: string, tier: number }[]} */
  const out = [];
  for (const need of state.requirements?.coverage ?? []) {
    if (!out.some((o) => o.category === need.category)) out.push({ category: need.category, tier: need.thresholdM });
  }
  return out;
}

/** Facility categories of the data, most frequent first. */
export function dataCategories() {
  /** @type {Record<string, number>} */
  const counts = state.current?.summary?.categories ?? state.loaded?.summary?.categories ?? {};
  return Object.keys(counts).sort((a, b) => counts[b] - counts[a] || a.localeCompare(b));
}

export function allCategories() {
  const set = new Set([...profileCategories().map((p) => p.category), ...dataCategories(), ...knownCategories()]);
  return [...set];
}

/** Keeps the colour category when the new data has it; else the profile's first present one, else the data's. */
export function chooseDefaultCategory() {
  const present = new Set(dataCategories());
  const fromProfile = profileCategories().find((p) => present.has(p.category));
  if (state.category && present.has(state.category)) return;
  if (fromProfile) {
    state.category = fromProfile.category;
    state.tier = fromProfile.tier;
  } else {
    state.category = dataCategories()[0] ?? 'kindergarten';
  }
}
