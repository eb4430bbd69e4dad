// <future-community-score>: an embeddable score card and radar chart.
//
//   <script type="module" src="https://example.org/future-community/widget/future-community-widget.js"></script>
//   <future-community-score src="data.geojson" profile="zhejiang-future-community" lang="zh"></future-community-score>
//
// Attributes: src (GeoJSON URL, required), profile (built-in profile id;
// default zhejiang-future-community), lang ('zh' | 'en'; default from the
// browser), project-type ('renovation' | 'newBuild'), crs ('wgs84' | 'gcj02'
// | 'bd09'), attribution (data credit shown under the card; default the
// GeoJSON's own top-level "attribution" string).
//
// Everything lives in a shadow root with its own constructed stylesheet: no
// global CSS, nothing leaks in or out. Strings from the data or the profile
// are set as text, never parsed as HTML. The computation runs in a Web Worker
// (../fc-worker.js) when the widget is served from the page's origin, else
// on the page. The host element reflects its state in `data-state`
// (loading | ready | error) and fires a `score` event with the report.
import { FcClient } from '../fc-client.js';
import { formatNumber, formatShare, initialLanguage, pick, tr } from '../i18n.js';
import { renderRadar } from '../radar.js';

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
li { display: flex; justify-content: space-between; gap: 0.4rem; border-bottom: 1px dotted #d5ded8; }
li .na { color: #4a5a50; font-style: italic; }
.status { font-size: 0.85rem; color: #4a5a50; margin: 0.4rem 0; }
.status.error { color: #a4161a; }
footer { margin-top: 0.5rem; font-size: 0.72rem; color: #4a5a50; }
`;

let sheet = null;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

// One engine for every widget on the page; one load+evaluate at a time.
let clientPromise = null;
let queue = Promise.resolve();
function client() {
  clientPromise ??= FcClient.create();
  return clientPromise;
}
function exclusive(fn) {
  const run = queue.then(fn, fn);
  queue = run.catch(() => {});
  return run;
}

function h(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

class FutureCommunityScore extends HTMLElement {
  static observedAttributes = ['src', 'profile', 'lang', 'project-type', 'crs', 'attribution'];

  #root;
  #parts;
  #chart = null;
  #gen = 0;
  #pending = false;
  #result = null;
  #error = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styleSheet()];
    const card = h('div', 'card');
    card.setAttribute('part', 'card');
    const title = h('h2');
    const sub = h('p', 'sub');
    const status = h('p', 'status');
    status.setAttribute('role', 'status');
    const row = h('div', 'row');
    const score = h('div', 'score');
    const value = h('span', 'value', '—');
    const scoreLabel = h('span', 'label');
    score.append(value, scoreLabel);
    const facts = h('dl');
    row.append(score, facts);
    const radar = h('div', 'radar');
    radar.setAttribute('role', 'img');
    const scenarios = h('ol');
    const footer = h('footer');
    card.append(title, sub, status, row, radar, scenarios, footer);
    this.#root.append(card);
    this.#parts = { title, sub, status, row, value, scoreLabel, facts, radar, scenarios, footer };
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

  /** The last report (or null). */
  get report() {
    return this.#result?.report ?? null;
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

  async #update() {
    const gen = ++this.#gen;
    this.dataset.state = 'loading';
    this.#error = null;
    this.#render();
    try {
      const src = this.getAttribute('src');
      if (!src) throw new Error('the src attribute (a GeoJSON URL) is missing');
      const url = new URL(src, document.baseURI);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('src must be an http(s) URL');
      const profile = this.getAttribute('profile') || DEFAULT_PROFILE;
      const projectType = this.getAttribute('project-type');
      const crs = this.getAttribute('crs') || 'wgs84';
      const fc = await client();
      const result = await exclusive(async () => {
        // Downloaded and parsed by the worker; no map layers needed here.
        const loaded = await fc.load({ url: url.href }, { crs, display: false });
        const report = await fc.evaluate(profile, projectType ? { projectType } : undefined);
        return { report, name: loaded.name ?? null, attribution: loaded.attribution ?? null, file: url.pathname.split('/').pop() };
      });
      if (gen !== this.#gen) return;
      this.#result = result;
      this.dataset.state = 'ready';
      this.#render();
      this.dispatchEvent(new CustomEvent('score', { detail: result.report }));
    } catch (err) {
      if (gen !== this.#gen) return;
      this.#error = err;
      this.#result = null;
      this.dataset.state = 'error';
      this.#render();
    }
  }

  #render() {
    const lang = this.#lang;
    const p = this.#parts;
    const r = this.#result?.report;
    p.scoreLabel.textContent = tr(lang, 'overallScore');
    if (this.#error) {
      p.status.hidden = false;
      p.status.className = 'status error';
      p.status.textContent = `${tr(lang, 'failed')}: ${this.#error.code ? this.#error.code + ': ' : ''}${this.#error.message}`;
    } else if (!r) {
      p.status.hidden = false;
      p.status.className = 'status';
      p.status.textContent = tr(lang, 'loading');
    } else {
      p.status.hidden = true;
    }
    p.row.hidden = !r;
    p.radar.hidden = !r;
    p.scenarios.hidden = !r;
    if (!r) {
      p.title.textContent = tr(lang, 'title');
      p.sub.textContent = '';
      p.footer.textContent = '';
      return;
    }
    p.title.textContent = pick(lang, r.profileName) || r.profileId;
    p.sub.textContent = this.#result.name || this.#result.file || '';
    p.value.textContent = typeof r.score === 'number' ? formatNumber(lang, r.score, 1) : tr(lang, 'noScore');

    p.facts.replaceChildren();
    const fact = (k, v, bad = false) => {
      const dd = h('dd', bad ? 'bad' : '', v);
      p.facts.append(h('dt', '', k), dd);
    };
    fact(tr(lang, 'grade'), r.grade ? `${r.grade.id} · ${pick(lang, r.grade.label)}` : '—');
    fact(tr(lang, 'completeness'), formatShare(lang, r.completeness));
    fact(tr(lang, 'failedBinding'), formatNumber(lang, r.failedBinding?.length ?? 0, 0), (r.failedBinding?.length ?? 0) > 0);

    p.scenarios.replaceChildren();
    for (const s of r.scenarios ?? []) {
      const li = h('li');
      li.append(h('span', '', pick(lang, s.name) || s.id));
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
    p.footer.textContent = [credit ? `${tr(lang, 'dataCredit')}: ${credit}` : null, 'future-community'].filter(Boolean).join(' · ');
  }
}

if (!customElements.get('future-community-score')) {
  customElements.define('future-community-score', FutureCommunityScore);
}
