// The embeddable <future-community-score> widget in headless Chromium:
//   - on the site's own origin (www/dist/widget-example.html): one worker for all cards;
//   - on a portal of another origin, embedded with the README's snippet from a site
//     that sends CORS headers: computed on the page, errors as sentences;
//   - from a site without CORS: the fallback text inside the element stays.
// Serves www/dist/ (scripts/build-www.sh) twice, with and without CORS, and a
// generated portal on a third port. Screenshots go to pkg-tests/screenshots/.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM, withBrowserPage } from '../lib/browser.mjs';
import { ROOT } from '../lib/load.mjs';

const DIST = path.join(ROOT, 'www/dist');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const PLACEHOLDER = 'https://scores.example.org';
const LANDMARKS = 'footer, header, nav, main, aside, section, form, [role=contentinfo], [role=banner], [role=navigation], [role=main], [role=complementary], [role=region], [role=search], [role=form]';

const servers = [];
let site; // www/dist/ with CORS: the widget's home
let plain; // www/dist/ without CORS
let broken; // www/dist/ with CORS but without its .wasm
let portal; // pages of another origin that embed the widget
let portalDir;

/** The html and js blocks of the README's embedding section, as the tests run them. */
function readmeSnippet() {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Embedding the score card');
  assert.ok(start >= 0, 'README has an embedding section');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 5));
  const html = /```html\n([\s\S]*?)```/.exec(section)?.[1];
  const js = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(html && js, 'the embedding section has an html and a js block');
  return { html, js };
}

/** A portal page: the README snippet pointed at `siteUrl`, plus `extra` cards. */
function portalPage(siteUrl, { extra = '', connect = [] } = {}) {
  const origin = new URL(siteUrl).origin;
  let { html } = readmeSnippet();
  assert.ok(html.includes(PLACEHOLDER));
  html = html.replaceAll(`${PLACEHOLDER}/`, siteUrl).replaceAll(PLACEHOLDER, origin);
  if (connect.length) html = html.replace(/connect-src ([^;"]*)/, (m) => `${m} ${connect.join(' ')}`);
  const cut = html.indexOf('<!-- <body>');
  assert.ok(cut > 0, 'the snippet marks its <head> and <body> parts');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A portal on another origin</title>
${html.slice(0, cut)}
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/portal.css">
</head>
<body>
<h1>Community portal (another origin)</h1>
<div class="cards">
${html.slice(cut)}
${extra}
</div>
</body>
</html>
`;
}

/** A tiny site in Hangzhou: a street grid, four homes, a shop, a kindergarten, a park. */
function smallDataset(name) {
  const [lon0, lat0, dlon, dlat] = [120.15, 30.27, 0.00104, 0.0009];
  const ring = (x0, y0, x1, y1) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
  const features = [{ type: 'Feature', properties: { kind: 'boundary', id: 'site', name }, geometry: { type: 'Polygon', coordinates: ring(lon0, lat0, lon0 + 3 * dlon, lat0 + 3 * dlat) } }];
  const steps = [0, 1, 2, 3];
  for (const i of steps) {
    features.push({ type: 'Feature', properties: { kind: 'road', highway: 'residential' }, geometry: { type: 'LineString', coordinates: steps.map((j) => [lon0 + i * dlon, lat0 + j * dlat]) } });
    features.push({ type: 'Feature', properties: { kind: 'road', highway: 'residential' }, geometry: { type: 'LineString', coordinates: steps.map((j) => [lon0 + j * dlon, lat0 + i * dlat]) } });
  }
  for (const [i, j] of [[0, 0], [1, 2], [2, 1], [2, 2]]) {
    const [x, y] = [lon0 + (i + 0.3) * dlon, lat0 + (j + 0.3) * dlat];
    features.push({ type: 'Feature', properties: { kind: 'building', use: 'residential', floors: 6, households: 40 }, geometry: { type: 'Polygon', coordinates: ring(x, y, x + 0.4 * dlon, y + 0.4 * dlat) } });
  }
  features.push({ type: 'Feature', properties: { kind: 'facility', category: 'supermarket', name: 'Shop' }, geometry: { type: 'Point', coordinates: [lon0 + 1.5 * dlon, lat0 + dlat] } });
  features.push({ type: 'Feature', properties: { kind: 'facility', category: 'kindergarten', name: 'Kindergarten' }, geometry: { type: 'Point', coordinates: [lon0 + 2 * dlon, lat0 + 2.5 * dlat] } });
  features.push({ type: 'Feature', properties: { kind: 'green', green_type: 'ground', name: 'Park' }, geometry: { type: 'Polygon', coordinates: ring(lon0 + 0.1 * dlon, lat0 + 1.1 * dlat, lon0 + 0.9 * dlon, lat0 + 1.9 * dlat) } });
  return { type: 'FeatureCollection', name, attribution: 'Portal test data <b>not bold</b>', features };
}

/** What each card on the page shows, read from its shadow root. */
function cards(page) {
  return page.evaluate((landmarks) => [...document.querySelectorAll('future-community-score')].map((el) => {
    const root = el.shadowRoot;
    const fallback = [...el.childNodes].some((n) => n.nodeType === Node.ELEMENT_NODE ? n.checkVisibility() : n.textContent.trim() && (() => {
      const r = document.createRange();
      r.selectNodeContents(n);
      return r.getClientRects().length > 0;
    })());
    return {
      id: el.id,
      state: el.dataset.state ?? null,
      engine: el.dataset.engine ?? null,
      defined: !!customElements.get('future-community-score'),
      status: root?.querySelector('.status')?.textContent ?? null,
      details: root?.querySelector('.details')?.textContent ?? null,
      title: root?.querySelector('h2')?.textContent ?? null,
      sub: root?.querySelector('.sub')?.textContent ?? null,
      value: root?.querySelector('.value')?.textContent ?? null,
      credit: root?.querySelector('.credit')?.textContent ?? null,
      canvases: root?.querySelectorAll('.radar canvas').length ?? 0,
      landmarks: root ? root.querySelectorAll(landmarks).length : null,
      fallbackVisible: fallback,
    };
  }), LANDMARKS);
}

/** Waits until no card is loading any more. */
async function settledCards(page, count) {
  await page.waitForFunction((n) => {
    const all = [...document.querySelectorAll('future-community-score')];
    return all.length === n && all.every((el) => el.dataset.state === 'ready' || el.dataset.state === 'error');
  }, count, { timeout: 60_000 });
  // ECharts draws on the next frame.
  await page.waitForTimeout(400);
}

function assertReady(card, engine) {
  assert.equal(card.state, 'ready', `${card.id || 'card'}: ${card.status}`);
  assert.equal(card.engine, engine, `${card.id || 'card'} computed in the ${engine}`);
  assert.match(card.value, /^\d+(\.\d)?$/);
  assert.equal(card.canvases, 1, 'radar drawn');
  assert.equal(card.landmarks, 0, 'no landmark elements inside the shadow root');
  assert.equal(card.fallbackVisible, false, 'the fallback text is hidden once the card renders');
}

before(async () => {
  assert.ok(existsSync(path.join(DIST, 'widget-example.html')), 'www/dist/ is not built: run scripts/build-www.sh');
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run scripts/setup.sh`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  site = await startServer(DIST, 0, { cors: true });
  plain = await startServer(DIST, 0);
  portalDir = mkdtempSync(path.join(os.tmpdir(), 'fc-portal-'));
  const { js } = readmeSnippet();
  writeFileSync(path.join(portalDir, 'portal.js'), js);
  writeFileSync(path.join(portalDir, 'favicon.svg'), readFileSync(path.join(DIST, 'favicon.svg')));
  writeFileSync(path.join(portalDir, 'portal.css'), 'body { font-family: Georgia, serif; margin: 1.5rem; color: #600; }\n.cards { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }\nfuture-community-score { flex: 1 1 22rem; }\nfuture-community-score:not(:defined) { display: block; border: 1px dashed #999; padding: 0.5rem; }\n');
  writeFileSync(path.join(portalDir, 'my-community.geojson'), JSON.stringify(smallDataset('My community (data property)')));
  writeFileSync(path.join(portalDir, 'index.html'), portalPage(site.url, {
    connect: [new URL(plain.url).origin],
    extra: `<future-community-score id="missing" src="${site.url}data/no-such-file.geojson" lang="zh">评分卡无法加载。</future-community-score>
<future-community-score id="no-cors" src="${plain.url}data/helsinki-centre.geojson" lang="en">The score card could not be loaded.</future-community-score>`,
  }));
  writeFileSync(path.join(portalDir, 'no-cors.html'), portalPage(plain.url));
  cpSync(DIST, path.join(portalDir, 'broken-site'), { recursive: true });
  rmSync(path.join(portalDir, 'broken-site/pkg/future_community_bg.wasm'));
  broken = await startServer(path.join(portalDir, 'broken-site'), 0, { cors: true });
  writeFileSync(path.join(portalDir, 'broken-site.html'), portalPage(broken.url));
  portal = await startServer(portalDir, 0);
  servers.push(site.server, plain.server, broken.server, portal.server);
});

after(() => {
  for (const s of servers) s.close();
  if (portalDir) rmSync(portalDir, { recursive: true, force: true });
});

describe('embeddable widget', { timeout: 240_000 }, () => {
  it('on its own origin: both cards of widget-example.html ready, one shared worker', async () => {
    await withBrowserPage(`${plain.url}widget-example.html`, async (page, log) => {
      await settledCards(page, 2);
      const [zh, en] = await cards(page);
      assertReady(zh, 'worker');
      assertReady(en, 'worker');
      assert.equal(zh.title, '浙江省未来社区（杭州试点，九大场景）');
      assert.match(en.title, /GB 50180/);
      assert.match(zh.credit, /^数据: .*OpenStreetMap/);
      assert.match(en.credit, /^Data: .*OpenStreetMap/);
      assert.equal(page.workers().length, 1, 'two cards, one worker');
      assert.equal(log.requests.filter((u) => u.endsWith('future_community_bg.wasm')).length, 1, 'the wasm is fetched once');
      assert.ok(!log.requests.some((u) => /fc-client|fc-core|fc-worker/.test(u)), 'the widget uses the package client only');
      // The page's loud styles do not reach inside.
      const colour = await page.evaluate(() => getComputedStyle(document.getElementById('widget-zh').shadowRoot.querySelector('dt')).color);
      assert.notEqual(colour, 'rgb(160, 0, 0)');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-example.png'), fullPage: true });
    }, { origins: [plain.url] });
  });

  it('the data property: an object or text set by script renders; invalid GeoJSON is a sentence', async () => {
    await withBrowserPage(`${plain.url}widget-example.html`, async (page) => {
      await settledCards(page, 2);
      const doc = smallDataset('Set by script <img src=x onerror="window.__xss=1">');
      await page.evaluate((d) => {
        const el = document.createElement('future-community-score');
        el.id = 'scripted';
        el.setAttribute('lang', 'en');
        el.data = d;
        document.querySelector('.examples').append(el);
      }, doc);
      await settledCards(page, 3);
      let card = (await cards(page))[2];
      assertReady(card, 'worker');
      assert.equal(card.sub, doc.name, 'the name from the data, as text');
      assert.equal(card.credit, 'Data: Portal test data <b>not bold</b> · future-community');
      assert.equal(await page.evaluate(() => window.__xss), undefined);

      await page.evaluate(() => {
        document.getElementById('scripted').data = '{"type": "FeatureCollection", "features": [';
      });
      await page.waitForSelector('#scripted[data-state="error"]');
      card = (await cards(page))[2];
      // The package's explanation of the code (explain()), the parser's message under Details.
      assert.equal(card.status, 'The file is not valid JSON (it may be cut off or not be GeoJSON at all). Check that the whole file was saved or downloaded, and open it in a JSON validator to find the broken line.');
      assert.match(card.details, /^Details\s*INVALID_JSON: /);
      await page.evaluate(() => document.getElementById('scripted').setAttribute('lang', 'zh'));
      assert.match((await cards(page))[2].status, /^文件不是有效的 JSON（可能不完整，或根本不是 GeoJSON）。请确认/);
      assert.match((await cards(page))[2].details, /^详情/);
      await page.locator('#scripted').screenshot({ path: path.join(SCREENSHOTS, 'widget-invalid-zh.png') });

      // Text works as well as an object, and a new value re-renders.
      await page.evaluate((text) => {
        document.getElementById('scripted').data = text;
      }, JSON.stringify(smallDataset('Second value')));
      await page.waitForSelector('#scripted[data-state="ready"]');
      card = (await cards(page))[2];
      assert.equal(card.sub, 'Second value');
      assert.equal(card.title, '浙江省未来社区（杭州试点，九大场景）');
    }, { origins: [plain.url] });
  });

  it('on a portal of another origin (site with CORS): computed on the page; 404 and no-CORS data explained', async () => {
    await withBrowserPage(portal.url, async (page, log) => {
      await settledCards(page, 5);
      const all = await cards(page);
      const [zh, en, mine, missing, noCors] = all;
      assertReady(zh, 'page');
      assertReady(en, 'page');
      assertReady(mine, 'page');
      assert.equal(zh.title, '浙江省未来社区（杭州试点，九大场景）');
      assert.match(en.title, /GB 50180/);
      assert.match(zh.credit, /OpenStreetMap/);
      assert.equal(mine.sub, 'My community (data property)');
      assert.equal(page.workers().length, 0, 'no worker of another origin');
      assert.equal(log.requests.filter((u) => u.endsWith('future_community_bg.wasm')).length, 1, 'one engine for all cards');
      assert.ok(!log.warnings.some((w) => /worker/i.test(w) && !/future-community-score/.test(w)), 'nothing but our own warnings');

      assert.equal(missing.state, 'error');
      assert.equal(missing.status, '无法加载数据文件：服务器返回 HTTP 404。请检查挂件的 src 地址是否正确。');
      assert.equal(missing.landmarks, 0);
      assert.equal(missing.fallbackVisible, false);
      assert.equal(noCors.state, 'error');
      assert.match(noCors.status, /^The data file could not be fetched: .*\(CORS\)/);
      for (const c of all) assert.doesNotMatch(c.status ?? '', /\b18\b|SecurityError|Failed to construct/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-portal-zh.png'), fullPage: true });

      // The language switches the message too.
      await page.evaluate(() => document.getElementById('missing').setAttribute('lang', 'en'));
      assert.equal((await cards(page))[3].status, 'The data file could not be loaded: its server answered HTTP 404. Check the src address of the widget.');
      await page.locator('#missing').screenshot({ path: path.join(SCREENSHOTS, 'widget-404-en.png') });
    }, {
      locale: 'zh-CN',
      origins: [portal.url, site.url, plain.url],
      allow: [/no-such-file\.geojson|status of 404/, /blocked by CORS policy|ERR_FAILED/],
    });
  });

  it('when the site cannot deliver its engine (.wasm missing), every card says so', async () => {
    await withBrowserPage(`${portal.url}broken-site.html`, async (page) => {
      await settledCards(page, 3);
      const [zh, en, mine] = await cards(page);
      for (const c of [zh, en, mine]) {
        assert.equal(c.state, 'error');
        assert.equal(c.landmarks, 0);
      }
      assert.match(zh.status, /^无法从挂件所在的网站加载评价引擎。/);
      assert.match(en.status, /^The scoring engine could not be loaded from the widget’s site\./);
      assert.equal(mine.status, en.status);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-portal-broken-site.png'), fullPage: true });
    }, { origins: [portal.url, broken.url], allow: [/future_community_bg\.wasm|status of 404/] });
  });

  it('the package worker client falls back to the page on any failure to start, keeping string codes', async () => {
    await withBrowserPage(`${plain.url}widget-example.html`, async (page) => {
      const result = await page.evaluate(async () => {
        const { createClient } = await import('./pkg/worker/index.js');
        // Not a script: the module worker fails to start.
        const fc = await createClient({ workerUrl: './favicon.svg' });
        const text = await (await fetch('data/helsinki-centre.geojson')).text();
        const community = await fc.Community.fromGeoJSON(text);
        const report = await community.evaluate('gb50180-life-circle');
        let error = null;
        try {
          await community.evaluate('no-such-profile');
        } catch (err) {
          error = { name: err.name, code: err.code };
        }
        await community.free();
        return { inPage: fc.inPage, workerError: typeof fc.workerError?.code, score: report.score, error };
      });
      assert.equal(result.inPage, true);
      assert.equal(result.workerError, 'string', 'the worker failure is kept, with a string code');
      assert.equal(typeof result.score, 'number');
      assert.deepEqual(result.error, { name: 'FutureCommunityError', code: 'NOT_FOUND' });
    }, { origins: [plain.url], ready: 'future-community-score[data-state="ready"] ~ future-community-score[data-state="ready"]' });
  });

  it('from a site without CORS the widget cannot load: the fallback text stays', async () => {
    await withBrowserPage(`${portal.url}no-cors.html`, async (page) => {
      await page.waitForLoadState('load');
      await page.waitForTimeout(1500);
      const all = await cards(page);
      assert.equal(all.length, 3);
      for (const c of all) {
        assert.equal(c.defined, false, 'the widget script was refused');
        assert.equal(c.state, null);
        assert.equal(c.fallbackVisible, true, 'the fallback text shows');
      }
      assert.match(await page.locator('future-community-score').first().textContent(), /评分卡无法加载/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-portal-no-cors.png'), fullPage: true });
    }, { origins: [portal.url, plain.url], allow: [/blocked by CORS policy|ERR_FAILED/] });
  });
});
