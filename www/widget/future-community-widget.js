// <future-community-score>: an embeddable score card and radar chart.
//
//   <script type="module" src="https://example.org/future-community/widget/future-community-widget.js"></script>
//   <future-community-score src="https://example.org/data/site.geojson" profile="zhejiang-future-community" lang="zh">
//     Fallback text: shown while (or if) the widget cannot load.
//   </future-community-score>
//
// Attributes: src (GeoJSON URL), profile (built-in profile id; default
// zhejiang-future-community), lang ('zh' | 'en'; default from the browser),
// project-type ('renovation' | 'newBuild'), tier ('leading' | 'inclusive'),
// crs ('wgs84' | 'gcj02' | 'bd09'),
// attribution (data credit shown under the card; default the GeoJSON's own
// top-level "attribution" string).
//
// Property `data`: a parsed GeoJSON object or GeoJSON text, set by script;
// while it is set (not null) it is scored instead of `src`. Setting it again
// re-renders the card.
//
// Whatever the page puts between the tags is fallback content: it shows until
// the element upgrades, and the shadow root (which has no <slot>) hides it
// from then on. A page whose browser cannot fetch this script (no CORS on
// it, a CSP, a network failure) therefore keeps showing that text.
//
// A report without enough data to grade says so instead of a grade (its
// score only "for information"), a provisional one is marked as such, and
// both list what is missing, one sentence per cause (verdict.js).
//
// Everything is drawn in a shadow root with its own constructed stylesheet,
// without landmark elements (a card must not add a contentinfo or banner to
// the host page). Strings from the data or the profile are set as text,
// never parsed as HTML. All widgets of a page share one engine, the
// package's worker client (../pkg/worker/index.js): a module Web Worker when
// the widget comes from the page's own origin, else (a browser refuses a
// worker script of another origin) the same code on the page. The host
// reflects its state in `data-state` (loading | ready | error) and where it
// computed in `data-engine` (worker | page), and fires a `score` event with
// the report.
import { createClient } from '../pkg/worker/index.js';
import { formatNumber, formatShare, initialLanguage, pick, setCategories, tr } from '../i18n.js';
import { describeProblem, detailsNode, sentence, techLine } from '../problems.js';
import { renderRadar } from '../radar.js';
import { disclaimerNode, missingBlock, verdictHeadline, verdictStatus } from '../verdict.js';

const DEFAULT_PROFILE = 'zhejiang-future-community';

const STYLE = `
:host {
  display: block;
  max-width: 30rem;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  color: #1d2a22;
  line-height: 1.4;
  contain: content;
}
:host([hidden]) { display: none; }
.card { border: 1px solid #d5ded8; border-radius: 8px; background: #fff; padding: 0.8rem 1rem; }
h2 { font-size: 1rem; margin: 0 0 0.1rem; }
.sub { margin: 0 0 0.6rem; color: #4a5a50; font-size: 0.82rem; }
.row { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.score { display: flex; flex-direction: column; align-items: center; background: #e3efe7; border-radius: 6px; padding: 0.4rem 0.9rem; }
.score .value { font-size: 2.2rem; font-weight: 700; color: #1f6f43; line-height: 1.1; font-variant-numeric: tabular-nums; }
.score .label { font-size: 0.75rem; color: #4a5a50; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.15rem 0.7rem; margin: 0; font-size: 0.85rem; }
dt { color: #4a5a50; }
dd { margin: 0; font-variant-numeric: tabular-nums; }
dd.bad { color: #a4161a; font-weight: 700; }
.radar { width: 100%; height: 250px; margin-top: 0.4rem; }
ol { margin: 0.3rem 0 0; padding: 0; list-style: none; display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: 0.1rem 0.8rem; font-size: 0.8rem; }
ol > li { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 0.4rem; border-bottom: 1px dotted #d5ded8; }
ol > li > span { min-width: 0; overflow-wrap: anywhere; }
ol > li > span:last-child { margin-left: auto; text-align: right; white-space: nowrap; }
ol > li .na { color: #4a5a50; font-style: italic; }
.status { font-size: 0.85rem; color: #4a5a50; margin: 0.4rem 0; }
.status.error { color: #a4161a; background: #fdf0f0; border-left: 3px solid #a4161a; padding: 0.4rem 0.6rem; }
.credit { margin: 0.5rem 0 0; font-size: 0.72rem; color: #4a5a50; }
.problem-details { font-size: 0.72rem; color: #4a5a50; margin: 0 0 0.4rem; }
.problem-details .tech { margin: 0.2rem 0 0; overflow-wrap: anywhere; font-family: ui-monospace, monospace; }
.score .note { font-size: 0.7rem; color: #6b4e00; background: #fff4d6; border-radius: 3px; padding: 0 0.3rem; margin-top: 0.15rem; }
.badge { display: inline-block; font-size: 0.7rem; border: 1px solid #c99a2e; color: #6b4e00; background: #fff4d6; border-radius: 3px; padding: 0 0.3rem; margin-left: 0.3rem; font-weight: 600; }
.verdict { margin: 0.5rem 0 0; font-size: 0.85rem; }
.headline { margin: 0 0 0.2rem; font-weight: 700; }
.verdict[data-status="insufficient"] .headline { color: #a4161a; background: #fdf0f0; border-left: 3px solid #a4161a; padding: 0.3rem 0.5rem; }
.verdict[data-status="provisional"] .headline { color: #6b4e00; }
.verdict[data-status="complete"] .headline { color: #14632f; }
.disclaimer { margin: 0.2rem 0; font-size: 0.72rem; color: #4a5a50; font-style: italic; }
details summary { cursor: pointer; font-size: 0.8rem; }
.missing-heading { display: inline; font-size: 0.8rem; margin: 0; font-weight: 600; }
.missing-list { margin: 0.2rem 0 0; padding-left: 1.1rem; font-size: 0.78rem; }
.missing-list li { margin: 0.2rem 0; overflow-wrap: anywhere; }
.missing-text, .missing-indicators { display: block; }
.missing-indicators { color: #4a5a50; font-size: 0.72rem; }
li.optional span:first-child { color: #4a5a50; }
.card[data-status="insufficient"] .score .value { color: #4a5a50; }
[hidden] { display: none !important; }
`;

let sheet = null;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

// One engine (one worker, or one in-page module) for every widget on the
// page. The package's client already falls back to the page on any failure
// to start the worker; if even that fails, the next widget tries again.
// The category labels of the missing list come from the core's list.
let enginePromise = null;
function engine() {
  enginePromise ??= createClient().then(async (client) => {
    setCategories(await client.categories().catch(() => null));
    return client;
  }).catch((err) => {
    enginePromise = null;
    throw err;
  });
  return enginePromise;
}

/**
 * A failure shown to the reader: `key` names a message of the widget in
 * i18n.js (where it comes from: src, the network, the engine, the profile);
 * a `cause` with a package code is explained by the package's catalogue
 * (problems.js) instead, its technical text under "Details".
 */
class WidgetError extends Error {
  constructor(key, cause, vars) {
    super(cause?.message ?? key, cause === undefined ? undefined : { cause });
    this.name = 'WidgetError';
    this.key = key;
    this.vars = vars;
  }
}

/** Widget messages that a package code explains better (the data itself is at fault). */
const EXPLAINED = new Set(['widgetInvalid']);

const text = (v) => (typeof v === 'string' && v.trim() ? v : null);

function h(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}

class FutureCommunityScore extends HTMLElement {
  static observedAttributes = ['src', 'profile', 'lang', 'project-type', 'tier', 'crs', 'attribution'];

  #root;
  #parts;
  #chart = null;
  #gen = 0;
  #pending = false;
  #result = null;
  #error = null;
  #data = null;

  constructor() {
    super();
    // A `data` set by a script that ran before this element was upgraded
    // sits on the instance and would hide the accessor: take it over.
    if (Object.prototype.hasOwnProperty.call(this, 'data')) {
      const early = this.data;
      delete this.data;
      this.#data = early ?? null;
    }
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styleSheet()];
    const card = h('div', 'card');
    card.setAttribute('part', 'card');
    const title = h('h2');
    const sub = h('p', 'sub');
    const status = h('p', 'status');
    status.setAttribute('role', 'status');
    const details = h('div', 'details');
    const row = h('div', 'row');
    const score = h('div', 'score');
    const value = h('span', 'value', '—');
    const scoreLabel = h('span', 'label');
    const scoreNote = h('span', 'note');
    score.append(value, scoreLabel, scoreNote);
    const facts = h('dl');
    row.append(score, facts);
    const radar = h('div', 'radar');
    radar.setAttribute('role', 'img');
    const verdict = h('div', 'verdict');
    const scenarios = h('ol');
    // The credit line: a plain paragraph, not a <footer> (a landmark).
    const credit = h('p', 'credit');
    credit.setAttribute('part', 'credit');
    card.append(title, sub, status, details, row, verdict, radar, scenarios, credit);
    this.#root.append(card);
    this.#parts = { card, title, sub, status, details, row, value, scoreLabel, scoreNote, facts, verdict, radar, scenarios, credit };
  }

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#chart?.dispose();
    this.#chart = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'lang' || name === 'attribution') this.#render();
    else this.#schedule();
  }

  /** The GeoJSON set by script (an object or text), or null when `src` is used. */
  get data() {
    return this.#data;
  }

  set data(value) {
    this.#data = value ?? null;
    this.#schedule();
  }

  /** The last report (or null). */
  get report() {
    return this.#result?.report ?? null;
  }

  /** Why the last update failed (a WidgetError whose `cause` is the original error), or null. */
  get error() {
    return this.#error;
  }

  get #lang() {
    const l = this.getAttribute('lang');
    return l === 'zh' || l === 'en' ? l : initialLanguage('');
  }

  #schedule() {
    if (this.#pending || !this.isConnected) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#update();
    });
  }

  /** The GeoJSON to score, as text, and the name of its file (if fetched). */
  async #source() {
    let body;
    let file = null;
    if (this.#data !== null) {
      if (typeof this.#data === 'string') body = this.#data;
      else {
        try {
          body = JSON.stringify(this.#data);
        } catch (err) {
          throw new WidgetError('widgetInvalid', err);
        }
        if (typeof body !== 'string') throw new WidgetError('widgetInvalid');
      }
    } else {
      const src = this.getAttribute('src');
      if (!src || !src.trim()) throw new WidgetError('widgetNoData');
      let url;
      try {
        url = new URL(src, document.baseURI);
      } catch (err) {
        throw new WidgetError('widgetBadUrl', err);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WidgetError('widgetBadUrl');
      let res;
      try {
        res = await fetch(url.href);
        if (res.ok) body = await res.text();
      } catch (err) {
        // fetch() rejects with a bare TypeError for a network failure and
        // for a response the page may not read (no CORS): say both.
        throw new WidgetError('widgetNetwork', err);
      }
      if (!res.ok) throw new WidgetError('widgetHttp', undefined, { status: res.status });
      file = decodeURIComponent(url.pathname.split('/').pop() || '') || null;
    }
    return { body, file };
  }

  async #update() {
    const gen = ++this.#gen;
    this.dataset.state = 'loading';
    this.#error = null;
    this.#render();
    let community = null;
    // Start the engine while the data downloads.
    const starting = engine();
    starting.catch(() => {});
    try {
      const source = await this.#source();
      if (gen !== this.#gen) return;
      const profile = this.getAttribute('profile') || DEFAULT_PROFILE;
      const projectType = this.getAttribute('project-type');
      const tier = this.getAttribute('tier');
      const crs = this.getAttribute('crs') || 'wgs84';
      let fc;
      try {
        fc = await starting;
      } catch (err) {
        throw new WidgetError('widgetEngine', err);
      }
      if (gen !== this.#gen) return;
      this.dataset.engine = fc.inPage ? 'page' : 'worker';
      // Only string codes are ours; anything else is a failure of the engine.
      const code = (err) => (typeof err?.code === 'string' ? err.code : '');
      const engineFailed = (err) => ['', 'INIT_FAILED', 'FREED', 'NOT_INITIALISED', 'UNSUPPORTED_RUNTIME'].includes(code(err));
      try {
        community = await fc.Community.fromGeoJSON(source.body, { crs });
      } catch (err) {
        if (engineFailed(err)) throw new WidgetError('widgetEngine', err);
        throw new WidgetError(code(err) === 'INVALID_OPTION' ? 'widgetEvaluate' : 'widgetInvalid', err);
      }
      let report;
      try {
        const options = {};
        if (projectType) options.projectType = projectType;
        if (tier) options.tier = tier;
        report = await community.evaluate(profile, Object.keys(options).length ? options : undefined);
      } catch (err) {
        if (engineFailed(err)) throw new WidgetError('widgetEngine', err);
        throw new WidgetError(code(err) === 'NOT_FOUND' ? 'widgetProfile' : 'widgetEvaluate', err, { profile });
      }
      // The profile's attribute labels, to name the facts not declared.
      let attributes = null;
      if ((report.missing ?? []).some((m) => m.cause === 'NOT_DECLARED') && typeof fc.profile === 'function') {
        attributes = await fc.profile(profile).then((doc) => doc?.attributes ?? null, () => null);
      }
      if (gen !== this.#gen) return;
      // The name and credit the file declares (its top-level `name` and
      // `attribution`), as the core read them.
      const declared = (await community.summary())?.sources?.[0] ?? {};
      if (gen !== this.#gen) return;
      this.#result = { report, attributes, name: declared.title ?? null, attribution: declared.attribution ?? null, file: source.file };
      this.dataset.state = 'ready';
      this.#render();
      this.dispatchEvent(new CustomEvent('score', { detail: report }));
    } catch (err) {
      if (gen !== this.#gen) return;
      this.#error = err instanceof WidgetError ? err : new WidgetError('widgetEvaluate', err);
      this.#result = null;
      this.dataset.state = 'error';
      this.#render();
      // For the page's developer: the technical cause behind the sentence.
      console.warn('future-community-score:', this.#error.cause ?? this.#error);
    } finally {
      community?.free().catch(() => {});
    }
  }

  #render() {
    const lang = this.#lang;
    const p = this.#parts;
    const r = this.#result?.report;
    p.scoreLabel.textContent = tr(lang, 'overallScore');
    p.details.replaceChildren();
    if (this.#error) {
      p.status.hidden = false;
      p.status.className = 'status error';
      p.status.setAttribute('role', 'alert');
      const cause = this.#error.cause;
      const d = typeof cause?.code === 'string' && cause.code !== '' ? describeProblem(lang, cause) : null;
      p.status.textContent = d && EXPLAINED.has(this.#error.key) ? sentence(lang, d) : tr(lang, this.#error.key, this.#error.vars);
      // The technical cause, collapsed, for whoever embeds the card.
      const node = detailsNode(lang, [d ? techLine(d) : cause?.message ? String(cause.message) : '']);
      if (node) p.details.append(node);
    } else if (!r) {
      p.status.hidden = false;
      p.status.className = 'status';
      p.status.setAttribute('role', 'status');
      p.status.textContent = tr(lang, 'loading');
    } else {
      p.status.hidden = true;
    }
    p.row.hidden = !r;
    p.verdict.hidden = !r;
    p.radar.hidden = !r;
    p.scenarios.hidden = !r;
    if (!r) {
      p.title.textContent = tr(lang, 'title');
      p.sub.textContent = '';
      p.credit.textContent = '';
      p.credit.hidden = true;
      return;
    }
    p.title.textContent = pick(lang, r.profileName) || r.profileId;
    p.sub.textContent = this.#result.name || this.#result.file || '';
    p.value.textContent = typeof r.score === 'number' ? formatNumber(lang, r.score, 1) : tr(lang, 'noScore');
    const status = verdictStatus(r);
    p.card.dataset.status = status ?? '';
    p.scoreNote.hidden = status !== 'insufficient';
    p.scoreNote.textContent = status === 'insufficient' ? tr(lang, 'forInformation') : '';

    p.facts.replaceChildren();
    const fact = (k, v, bad = false) => {
      const dd = h('dd', bad ? 'bad' : '', v);
      p.facts.append(h('dt', '', k), dd);
    };
    if (status === 'insufficient') fact(tr(lang, 'grade'), tr(lang, 'notGraded'), true);
    else {
      fact(tr(lang, 'grade'), r.grade ? `${r.grade.id} · ${pick(lang, r.grade.label)}` : '—');
      if (status === 'provisional') p.facts.lastChild.append(h('span', 'badge', tr(lang, 'provisional')));
    }
    fact(tr(lang, 'completeness'), formatShare(lang, r.completeness));
    fact(tr(lang, 'failedBinding'), formatNumber(lang, r.failedBinding?.length ?? 0, 0), (r.failedBinding?.length ?? 0) > 0);

    p.verdict.replaceChildren();
    p.verdict.dataset.status = status ?? '';
    p.verdict.append(h('p', 'headline', verdictHeadline(lang, r)));
    const disclaimer = disclaimerNode(lang, r);
    if (disclaimer) p.verdict.append(disclaimer);
    const missing = missingBlock(lang, r, { attributes: this.#result.attributes, where: 'widget', open: status === 'insufficient', headingTag: 'span' });
    if (missing) p.verdict.append(missing);

    p.scenarios.replaceChildren();
    for (const s of r.scenarios ?? []) {
      const li = h('li', s.required === false ? 'optional' : '');
      li.dataset.required = s.required === false ? 'no' : s.required === true ? 'yes' : '';
      li.append(h('span', '', `${pick(lang, s.name) || s.id}${s.required === false ? tr(lang, 'optionalSuffix') : ''}`));
      li.append(typeof s.score === 'number' ? h('span', '', formatNumber(lang, s.score, 0)) : h('span', 'na', tr(lang, 'notAssessed')));
      p.scenarios.append(li);
    }
    p.radar.setAttribute('aria-label', tr(lang, 'radarLabel'));
    // ECharts measures its box: draw once the card is laid out.
    requestAnimationFrame(() => {
      if (!this.isConnected || p.radar.hidden) return;
      this.#chart = renderRadar(p.radar, this.#chart, { lang, scenarios: r.scenarios, compact: true });
      this.#chart.resize();
    });
    const credit = this.getAttribute('attribution') ?? this.#result.attribution;
    p.credit.hidden = false;
    p.credit.textContent = [credit ? `${tr(lang, 'dataCredit')}: ${credit}` : null, 'future-community'].filter(Boolean).join(' · ');
  }
}

if (!customElements.get('future-community-score')) {
  customElements.define('future-community-score', FutureCommunityScore);
}
