// The demo site and the widget in headless Chromium: serves www/dist/
// (scripts/build-www.sh) on 127.0.0.1, drives Debian's Chromium through
// playwright-core and fails on any console error, failed request or request
// to another origin. Screenshots go to pkg-tests/screenshots/.
//
// Features of the wasm package that the page uses when present
// (isochrones, serviceAreas, travelTimeGrid) are checked against the built
// package: when it has them, the page must draw them; when it has not, the
// page must say so. Nothing is skipped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';

import { DIST, PAGE_ERROR, READY, SCREENSHOTS, mapPoint, serveDemo } from '../lib/browser.mjs';
import { ROOT } from '../lib/load.mjs';
import { AREAS, REL_TOLERANCE, SITE_METRICS, UNION, relClose } from '../lib/reference.mjs';

const DATASET = path.join(ROOT, 'data/helsinki-centre/normalized.geojson');

const demo = serveDemo();
let pkgSource = '';

/** Whether the built wasm package has `Community.<name>()` (read from its JS glue). */
function pkgHas(name) {
  return new RegExp(`^\\s+${name}\\(`, 'm').test(pkgSource);
}

before(async () => {
  pkgSource = readFileSync(path.join(DIST, 'pkg/future_community.js'), 'utf8');
});

/**
 * Opens `query` (relative to the site) in a fresh Chromium profile with the
 * given browser language, waits until the page reports ready (or `ready`
 * says otherwise; a page that reports an error fails with its words), runs
 * fn(page, log) and then checks that nothing went wrong on the way: console
 * errors, uncaught errors, failed or foreign requests, dialogs.
 */
function withPage(locale, fn, { ready = '#status[data-state="ready"]', ...options } = {}) {
  return demo.open(locale, fn, { ready, errorState: PAGE_ERROR, ...options });
}

/** Waits until the page has finished computing (status ready, nothing busy). */
async function settled(page) {
  await page.waitForSelector(READY, { timeout: 30_000 });
}

/** Text of the "after" coverage cell of a category in the what-if panel. */
function coverageAfter(page, category) {
  return page.locator(`#coverage-table tr[data-category="${category}"] td.after`).textContent();
}

const helsinki = JSON.parse(readFileSync(DATASET, 'utf8'));
const kindergarten = helsinki.features.find((f) => f.properties.kind === 'facility' && f.properties.category === 'kindergarten');
const boundary = helsinki.features.find((f) => f.properties.kind === 'boundary');
const road = helsinki.features.find((f) => f.properties.kind === 'road' && f.properties.highway === 'footway' && f.geometry.coordinates.length >= 2)
  ?? helsinki.features.find((f) => f.properties.kind === 'road');

describe('www/ demo in headless Chromium', { timeout: 240_000 }, () => {
  it('shows the site metrics and scores of the bundled dataset (English for en-US)', async () => {
    await withPage('en-US', async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.textContent('h1'), 'Neighbourhood indicators');

      for (const [key, ref] of Object.entries(SITE_METRICS)) {
        const id = '#metric-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
        const raw = await page.getAttribute(`${id} td[data-value]`, 'data-value');
        const value = Number(raw);
        assert.ok(raw !== '' && relClose(value, (AREAS[ref] ?? UNION[ref])), `${id} = ${raw}, reference ${(AREAS[ref] ?? UNION[ref])} (±${REL_TOLERANCE * 100}%)`);
      }
      assert.equal(await page.textContent('#count-building td.num'), '433');
      assert.equal(await page.textContent('#count-facility td.num'), '400');
      assert.match(await page.textContent('#bbox'), /^24\.93\d+, 60\.16\d+ — 24\.95\d+, 60\.17\d+$/);
      assert.ok((await page.locator('#warnings li').count()) >= 1, 'warnings list (or "no warnings")');

      // Scores: overall score, grade, completeness, 9 scenarios, every indicator.
      assert.match(await page.textContent('#score-value'), /^\d+(\.\d)?$/);
      // Helsinki lacks the "一老一小" facilities the Zhejiang profile reads: no grade, said so.
      assert.equal(await page.textContent('#grade-value'), 'Not enough data to grade');
      assert.match(await page.textContent('#completeness-value'), /^\d+(\.\d)?%$/);
      assert.equal(await page.locator('#scenario-table tbody tr').count(), 9);
      const profileDoc = JSON.parse(readFileSync(path.join(ROOT, 'profiles/zhejiang-future-community.json'), 'utf8'));
      assert.equal(await page.locator('#indicator-table tbody tr[data-indicator]').count(), profileDoc.indicators.length);
      // "Not assessed" is shown as such, never as a zero.
      const notAssessed = page.locator('#indicator-table tr[data-status="notAssessed"]');
      assert.ok((await notAssessed.count()) > 0, 'some indicators are not assessed without declared attributes');
      assert.equal(await notAssessed.first().locator('td').first().textContent(), 'not assessed');
      assert.equal(await page.locator('#indicator-table tr[data-indicator="public-green-per-capita"] td.pass').count(), 1);
      // The radar chart is drawn.
      assert.equal(await page.locator('#radar canvas').count(), 1);
      assert.ok((await page.locator('#radar canvas').boundingBox()).height > 200);
      // The map draws the data (WebGL canvas) with a legend.
      assert.equal(await page.locator('#map canvas.maplibregl-canvas').count(), 1);
      assert.ok((await page.locator('#legend-body li').count()) > 5, 'legend entries');

      const attribution = await page.textContent('#attribution');
      assert.match(attribution, /© OpenStreetMap contributors/);
      assert.match(attribution, /ODbL/);
      assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+/);

      // No inline scripts or handlers; the CSP admits only same-origin scripts and wasm.
      assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
      assert.equal(await page.locator('[onclick], [onload], [onerror], [onchange], [oninput]').count(), 0, 'no inline handlers');
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);

      // The computation runs in a worker, not on the page.
      assert.doesNotMatch(await page.textContent('#status'), /Web Workers are unavailable/);

      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-en.png'), fullPage: true });
    });
  });

  it('defaults to Chinese for a Chinese browser and switches to English', async () => {
    await withPage('zh-CN', async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.textContent('h1'), '社区评价指标');
      assert.equal(await page.textContent('#metric-households th'), '户数');
      assert.equal(await page.textContent('#lang-toggle'), 'English');
      assert.equal(await page.textContent('#scores-heading'), '评价');
      assert.equal(await page.textContent('#scenario-table tr[data-scenario="education"] th .scenario-name'), '教育');
      assert.equal(await page.textContent('#indicator-table thead th:first-child'), '指标');
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-zh.png'), fullPage: true });

      await page.click('#lang-toggle');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.textContent('h1'), 'Neighbourhood indicators');
      assert.equal(await page.textContent('#metric-far th'), 'Floor area ratio (FAR)');
      assert.equal(await page.textContent('#scores-heading'), 'Evaluation');
      assert.equal(await page.textContent('#scenario-table tr[data-scenario="education"] th .scenario-name'), 'Education');
      assert.equal(await page.textContent('#indicator-table thead th:first-child'), 'Indicator');
      assert.equal(await page.textContent('#lang-toggle'), '中文');
    });
  });

  it('declared facts and the project type re-score; invalid values are reported, not scored', async () => {
    await withPage('en-US', async (page) => {
      const row = '#indicator-table tr[data-indicator="time-bank"]';
      assert.equal(await page.getAttribute(row, 'data-status'), 'notAssessed');
      const before = await page.textContent('#score-value');
      const completeness = await page.textContent('#completeness-value');
      await page.locator('#attributes select[data-attribute="timeBank"]').selectOption('true');
      await page.waitForFunction((r) => document.querySelector(r)?.dataset.status === 'assessed', row);
      await settled(page);
      assert.match(await page.textContent(`${row} td.pass`), /met/);
      assert.notEqual(await page.textContent('#completeness-value'), completeness, 'completeness rises');
      assert.notEqual(await page.textContent('#score-value'), before);

      // Out of range (a share is 0..1): the library's error is shown, the last report stays.
      const scored = await page.textContent('#score-value');
      await page.fill('#attributes input[data-attribute="wasteSortingRate"]', '5');
      await page.locator('#attributes input[data-attribute="wasteSortingRate"]').dispatchEvent('change');
      await page.waitForSelector('#eval-error:not([hidden])');
      assert.match(await page.textContent('#eval-error'), /INVALID_OPTION/);
      assert.equal(await page.textContent('#score-value'), scored);
      await page.fill('#attributes input[data-attribute="wasteSortingRate"]', '0.9');
      await page.locator('#attributes input[data-attribute="wasteSortingRate"]').dispatchEvent('change');
      await page.waitForSelector('#eval-error', { state: 'hidden' });

      await page.selectOption('#project-type', 'renovation');
      await page.waitForFunction(() => /0\.7/.test(document.querySelector('#indicator-table tr[data-indicator="public-green-per-capita"] td:nth-child(3)')?.textContent ?? ''));
      await settled(page);
    });
  });

  it('is usable on a phone screen', async () => {
    await withPage('zh-CN', async (page) => {
      // One column, nothing wider than the screen (tables scroll inside their box).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
      const map = await page.locator('#map').boundingBox();
      const scores = await page.locator('#scores').boundingBox();
      assert.ok(map.y > scores.y + scores.height, 'on a phone the score card comes first, then the map');
      assert.ok(map.width > 300, 'the map uses the screen width');
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-phone.png'), fullPage: true });
    }, { viewport: { width: 390, height: 844 }, mobile: true });
  });

  it('is keyboard reachable: every control can take focus', async () => {
    await withPage('en-US', async (page) => {
      const focused = new Set();
      for (let i = 0; i < 90; i++) {
        await page.keyboard.press('Tab');
        focused.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || document.activeElement?.tagName));
      }
      for (const id of ['lang-toggle', 'file-input', 'export-json', 'color-category', 'iso-centre', 'add-centre', 'facility-pick', 'remove-picked', 'profile-select', 'profile-file']) {
        assert.ok(focused.has(id), `#${id} is reached with Tab (got ${[...focused].join(', ')})`);
      }
      assert.ok([...focused].some((f) => /maplibregl-canvas/.test(f)), 'the map canvas takes focus (arrow keys pan it)');

      // What-if without a mouse: pick the kindergarten from the list and remove it.
      await page.selectOption('#color-category', 'kindergarten');
      await settled(page);
      await page.selectOption('#tier-select', '500');
      await settled(page);
      assert.notEqual(await coverageAfter(page, 'kindergarten'), '0.0%');
      await page.focus('#remove-picked');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#edit-list li[data-edit="remove"]');
      await page.waitForFunction(() => document.querySelector('#coverage-table tr[data-category="kindergarten"] td.after')?.textContent === '0.0%', null, { timeout: 30_000 });
      await settled(page);
    });
  });

  it('draws an isochrone where the map is clicked', async () => {
    await withPage('en-US', async (page) => {
      const [lon, lat] = road.geometry.coordinates[0];
      const { x, y } = await mapPoint(page, [lon, lat]);
      await page.mouse.click(x, y);
      if (pkgHas('isochrones')) {
        await page.waitForFunction(() => Number(document.querySelector('#map').dataset.isochrones) > 0, null, { timeout: 30_000 });
        assert.equal(await page.locator('#isochrone-table tbody tr').count(), 3, 'one row per limit (5, 10, 15 min)');
        await settled(page);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-isochrone.png') });
      } else {
        // The package in this build has no isochrones(): the page must say so.
        await page.waitForSelector('#map-notes li');
        assert.match(await page.textContent('#map-notes'), /isochrones/);
        assert.ok(!Number(await page.getAttribute('#map', 'data-isochrones')), 'nothing drawn without the API');
      }
      if (pkgHas('serviceAreas')) {
        await page.check('#layer-service-areas');
        await page.waitForFunction(() => Number(document.querySelector('#map').dataset.serviceAreas) > 0, null, { timeout: 30_000 });
      } else {
        assert.ok(await page.isDisabled('#layer-service-areas'));
      }
      if (pkgHas('travelTimeGrid')) {
        await page.check('#layer-grid');
        await page.waitForFunction(() => Number(document.querySelector('#map').dataset.gridCells) > 0, null, { timeout: 30_000 });
      } else {
        assert.ok(await page.isDisabled('#layer-grid'));
      }
    });
  });

  it('adding, removing and moving facilities changes coverage and scores at once', async () => {
    await withPage('en-US', async (page) => {
      assert.ok(pkgHas('accessibility'), 'the package has accessibility()');
      await page.waitForSelector('#coverage-table tr[data-category="elderly_care"]');
      // No elderly care in the data: 0 % of homes within 1000 m.
      await page.selectOption('#tier-select', '1000');
      await settled(page);
      assert.equal(await coverageAfter(page, 'elderly_care'), '0.0%');
      const scoreBefore = await page.textContent('#whatif-summary tr[data-row="score"] td.after');

      // Add one by clicking the map in the middle of the site.
      await page.selectOption('#new-category', 'elderly_care');
      await page.check('input[name="map-mode"][value="add"]');
      const spot = await mapPoint(page, [24.938, 60.1655]);
      await page.mouse.click(spot.x, spot.y);
      await page.waitForSelector('#edit-list li[data-edit="add"]');
      await page.waitForFunction(() => document.querySelector('#coverage-table tr[data-category="elderly_care"] td.after')?.textContent !== '0.0%', null, { timeout: 30_000 });
      await settled(page);
      const covered = await coverageAfter(page, 'elderly_care');
      assert.match(covered, /^\d+\.\d%$/);
      assert.ok(parseFloat(covered) > 0, `elderly care coverage after adding one: ${covered}`);
      assert.match(await page.textContent('#coverage-table tr[data-category="elderly_care"] td.change'), /^\+\d/);
      const scoreAfter = await page.textContent('#whatif-summary tr[data-row="score"] td.after');
      assert.notEqual(scoreAfter, scoreBefore, 'the overall score moved');
      // Without elderly care in the data its indicator was not assessed (not a 0): with one it is
      // assessed, so completeness rises; the score may go either way (here it falls a little).
      assert.match(await page.textContent('#whatif-summary tr[data-row="completeness"] td.change'), /^\+\d/);
      assert.match(await page.textContent('#whatif-summary tr[data-row="score"] td.change'), /^[+−]\d/);
      assert.ok((await page.locator('#changed-indicators li').count()) > 0, 'changed indicators listed');

      // Remove the only kindergarten by clicking it: its coverage drops to 0.
      await page.selectOption('#tier-select', '500');
      await settled(page);
      const kgBefore = await coverageAfter(page, 'kindergarten');
      assert.notEqual(kgBefore, '0.0%');
      await page.check('input[name="map-mode"][value="remove"]');
      const kg = await mapPoint(page, kindergarten.geometry.coordinates);
      await page.mouse.click(kg.x, kg.y);
      await page.waitForSelector('#edit-list li[data-edit="remove"]');
      await page.waitForFunction(() => document.querySelector('#coverage-table tr[data-category="kindergarten"] td.after')?.textContent === '0.0%', null, { timeout: 30_000 });
      await settled(page);

      // Move the added facility (click it, then click elsewhere).
      await page.check('input[name="map-mode"][value="move"]');
      const from = await mapPoint(page, [24.938, 60.1655]);
      await page.mouse.click(from.x, from.y);
      await page.waitForSelector('#map-hint:not([hidden])');
      const [blon, blat] = boundary.geometry.coordinates[0][0];
      const to = await mapPoint(page, [blon, blat]);
      await page.mouse.click(to.x, to.y);
      await page.waitForSelector('#edit-list li[data-edit="move"]');
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-whatif.png'), fullPage: true });

      // Undo everything: back to the data as loaded.
      await page.click('#reset-edits');
      await page.waitForFunction(() => !document.querySelector('#edit-list li'));
      await settled(page);
      assert.equal(await coverageAfter(page, 'kindergarten'), kgBefore);
    });
  });

  it('exports the report as JSON and CSV and has a print layout', async () => {
    await withPage('en-US', async (page) => {
      const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
      assert.match(jsonDownload.suggestedFilename(), /^future-community_helsinki-centre_zhejiang-future-community_\d{4}-\d\d-\d\d\.json$/);
      const doc = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
      assert.equal(doc.report.profileId, 'zhejiang-future-community');
      assert.equal(typeof doc.report.score, 'number');
      assert.equal(doc.report.scenarios.length, 9);
      assert.equal(doc.dataset.name, 'helsinki-centre');
      assert.ok(doc.coverage?.kindergarten, 'coverage exported');

      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      const csv = readFileSync(await csvDownload.path(), 'utf8');
      assert.ok(csv.startsWith('\ufeff"Neighbourhood evaluation report"'), csv.slice(0, 80));
      assert.ok(csv.includes('\r\n"Case","Scenario","Indicator","Value","Unit","Target","Target met","Score",'), 'indicator header row in English');
      assert.ok(csv.split('\r\n').length > 20);

      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.isVisible('#map-print'), true, 'a still copy of the map prints');
      assert.equal(await page.isVisible('#map'), false);
      assert.equal(await page.isVisible('#file-input + *'), false);
      assert.equal(await page.isVisible('#evaluation-form'), false, 'form hidden in print');
      assert.equal(await page.isVisible('#indicator-table'), true);
      assert.equal(await page.isVisible('#print-report'), true, 'the report header block prints');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-print.png'), fullPage: true });
    });
  });

  it('loads GeoJSON from ?data=, from the file picker and by drag and drop; refuses non-http URLs', async () => {
    await withPage('en-US', async (page) => {
      assert.equal(await page.textContent('#dataset-name'), 'helsinki-centre.geojson');
      assert.equal(await page.textContent('#count-building td.num'), '433');
      assert.equal(await page.isVisible('#user-data-note'), true);

      await page.setInputFiles('#file-input', { name: 'picked.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(smallDataset('Picked'))) });
      await page.waitForFunction(() => document.querySelector('#dataset-name').textContent === 'picked.geojson');
      await settled(page);
      assert.equal(await page.textContent('#count-building td.num'), '4');

      await page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'dropped.geojson', { type: 'application/geo+json' }));
        document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, JSON.stringify(smallDataset('Dropped')));
      await page.waitForFunction(() => document.querySelector('#dataset-name').textContent === 'dropped.geojson');
      await settled(page);

      // Broken input: a clear error with the library's code; the page keeps working.
      await page.setInputFiles('#file-input', { name: 'broken.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type": "FeatureCollection", "features": [') });
      await page.waitForSelector('#status[data-state="error"]');
      assert.match(await page.textContent('#status'), /^Could not load “broken\.geojson”: The file is not valid JSON/);
      assert.match(await page.textContent('#status-details'), /INVALID_JSON/, 'the code under Details');
      assert.equal(await page.textContent('#dataset-name'), 'broken.geojson (not loaded)');
      assert.equal(await page.textContent('#score-value'), '—', 'no score of the previous data');
      await page.click('#load-bundled');
      await page.waitForFunction(() => document.querySelector('#dataset-name').textContent === 'helsinki-centre');
      await settled(page);
    }, { query: '?data=data/helsinki-centre.geojson' });

    await withPage('en-US', async (page) => {
      assert.equal(await page.textContent('#dataset-name'), 'helsinki-centre', 'javascript: URL ignored');
    }, { query: '?data=javascript:alert(1)' });
  });

  it('renders feature and profile strings holding HTML or script as text, never as markup', async () => {
    await withPage('en-US', async (page) => {
      await page.setInputFiles('#file-input', { name: `x${XSS.img}.geojson`, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(hostileDataset())) });
      await page.waitForFunction(() => document.querySelector('#dataset-name').textContent.includes('onerror'));
      await settled(page);

      // Hostile profile: labels, names, sources; and a binding target this data fails.
      const [file] = [hostileProfile()];
      await page.setInputFiles('#profile-file', { name: 'hostile-profile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
      await page.waitForFunction(() => document.querySelector('#profile-select').value === 'uploaded', null, { timeout: 30_000 });
      await settled(page);
      assert.equal(await page.isVisible('#eval-error'), false, await page.textContent('#eval-error'));

      // Click the hostile facility to show its properties.
      const facility = hostileDataset().features.find((f) => f.properties.kind === 'facility' && f.properties.name === XSS.img);
      const p = await mapPoint(page, facility.geometry.coordinates);
      await page.mouse.click(p.x, p.y);
      await page.waitForFunction((s) => document.querySelector('#feature-props')?.textContent.includes(s), XSS.img);
      await settled(page);

      // Everything shows as text...
      const text = await page.evaluate(() => document.body.innerText);
      for (const s of [XSS.img, XSS.script, XSS.svg]) assert.ok(text.includes(s), `shown as text: ${s}`);
      assert.ok((await page.textContent('#indicator-table')).includes(XSS.img), 'indicator label as text');
      assert.ok((await page.textContent('#scenario-table')).includes(XSS.img), 'scenario name as text');
      assert.ok((await page.textContent('#attributes')).includes(XSS.img), 'attribute label as text');
      assert.ok((await page.textContent('#categories')).includes(XSS.script), 'category as text');
      // ...no markup was created from it, nothing ran...
      assert.equal(await page.locator('img, svg[onload], iframe, object, embed').count(), 0, 'no elements from data');
      assert.equal(await page.locator('script:not([src])').count(), 0);
      assert.equal(await page.locator('a[href^="javascript"], a[href^="data"]').count(), 0, 'no javascript: links');
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
      // ...and the failed binding target is highlighted.
      const failedRow = page.locator('#indicator-table tr.failed-binding[data-indicator="public-green-per-capita"]');
      assert.equal(await failedRow.count(), 1, 'failed binding indicator highlighted');
      assert.match(await failedRow.textContent(), /binding target failed/);
      assert.ok((await page.locator('#failed-binding li').count()) >= 1);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-xss.png'), fullPage: true });

      // Exports stay inert too: formula-looking CSV cells are neutralised.
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      const csv = readFileSync(await csvDownload.path(), 'utf8');
      assert.ok(!/(^|,)"[=+@]/m.test(csv), 'no CSV cell starts with a formula character');
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
    });
  });

  it('a picked file: determinate progress through every phase, the scores shown before the map is drawn and coloured', async () => {
    await withPage('en-US', async (page) => {
      // Every change of the bar (stage, value) and the moment the scorecard names the file.
      await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        w.__bar = [];
        w.__scoredAt = null;
        const bar = document.querySelector('#progress');
        new MutationObserver(() => {
          w.__bar.push({ stage: bar.getAttribute('data-stage'), value: bar.hasAttribute('value') ? Number(bar.getAttribute('value')) : null, hidden: bar.hidden });
        }).observe(bar, { attributes: true, attributeFilter: ['data-stage', 'value'] });
        const card = document.querySelector('#scorecard');
        new MutationObserver(() => {
          if (w.__scoredAt !== null || card.getAttribute('data-dataset') !== 'again.geojson') return;
          w.__scoredAt = w.__bar.length;
          w.__mapWhenScored = document.querySelector('#map').getAttribute('data-data');
        }).observe(card, { attributes: true, attributeFilter: ['data-dataset'] });
      });
      await page.setInputFiles('#file-input', { name: 'again.geojson', mimeType: 'application/geo+json', buffer: readFileSync(DATASET) });
      await page.waitForFunction(() => document.querySelector('#dataset-name').textContent === 'again.geojson');
      await settled(page);
      const { bar, scoredAt, mapWhenScored } = await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        return { bar: w.__bar, scoredAt: w.__scoredAt, mapWhenScored: w.__mapWhenScored };
      });
      const stages = [...new Set(bar.map((b) => b.stage).filter(Boolean))];
      for (const stage of ['read', 'parse', 'display', 'evaluate', 'accessibility']) assert.ok(stages.includes(stage), `stage ${stage} in ${stages}`);
      assert.deepEqual(stages.filter((st) => ['read', 'parse', 'display', 'evaluate', 'accessibility'].includes(st)), ['read', 'parse', 'display', 'evaluate', 'accessibility']);
      // While the load runs the bar has a value (determinate) that never goes back.
      const shown = bar.filter((b) => ['read', 'parse', 'display', 'evaluate', 'accessibility'].includes(b.stage) && b.value !== null);
      assert.ok(shown.length >= 5, `determinate values: ${JSON.stringify(bar)}`);
      for (let i = 1; i < shown.length; i++) assert.ok(shown[i].value >= shown[i - 1].value, `progress goes back: ${JSON.stringify(shown)}`);
      // The scores of the picked file are on screen before the walking-distance stage (map colouring) starts.
      assert.notEqual(scoredAt, null, 'the scorecard names the picked file');
      const accessAt = bar.findIndex((b) => b.stage === 'accessibility');
      assert.ok(scoredAt <= accessAt, `scores shown at bar change ${scoredAt}, accessibility starts at ${accessAt}`);
      // Meanwhile the map showed nothing (not the previous data beside the new scores); then the new data.
      assert.equal(mapWhenScored, 'empty');
      assert.equal(await page.getAttribute('#map', 'data-data'), 'loaded');
      assert.equal(await page.getAttribute('#scorecard', 'data-dataset'), 'again.geojson');
      assert.equal(await page.textContent('#count-building td.num'), '433');
    });
  });
});

// The embeddable widget has its own file: test/widget.test.mjs.
describe('fc-client.js (the demo page client)', { timeout: 120_000 }, () => {
  it('fc-client.js computes on the page when no worker can start (e.g. embedded from another origin)', async () => {
    await withPage('en-US', async (page) => {
      const result = await page.evaluate(async () => {
        const { FcClient } = await import('./fc-client.js');
        // Not a script: the module worker fails to start.
        const fc = await FcClient.create({ workerUrl: './favicon.svg' });
        const text = await (await fetch('data/helsinki-centre.geojson')).text();
        await fc.load(text);
        const report = await fc.evaluate('gb50180-life-circle');
        let error = null;
        try {
          await fc.evaluate('no-such-profile');
        } catch (err) {
          error = { name: err.name, code: err.code };
        }
        fc.terminate();
        return { inPage: fc.inPage, score: report.score, error };
      });
      assert.equal(result.inPage, true);
      assert.equal(typeof result.score, 'number');
      assert.equal(result.error.code, 'NOT_FOUND', 'package errors keep their code');
    }, { query: 'widget-example.html', ready: 'future-community-score[data-state="ready"]' });
  });
});

// ---------------------------------------------------------------------------
// Test data
// ---------------------------------------------------------------------------

const XSS = {
  img: '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  script: '<script>window.__xss=(window.__xss||0)+1</script>',
  svg: '<svg onload="window.__xss=1"></svg>',
};

/** A tiny site in Hangzhou: a 4 x 4 street grid (100 m), four homes, a few facilities. */
function smallDataset(name, { facilityName = 'Shop', category = 'supermarket', extra = {} } = {}) {
  const lon0 = 120.15;
  const lat0 = 30.27;
  const dlon = 0.00104; // ~100 m at 30° N
  const dlat = 0.0009;
  const features = [];
  const ring = (x0, y0, x1, y1) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
  features.push({ type: 'Feature', properties: { kind: 'boundary', id: 'site', name }, geometry: { type: 'Polygon', coordinates: ring(lon0, lat0, lon0 + 3 * dlon, lat0 + 3 * dlat) } });
  // Streets share a vertex at every crossing, so they form one network.
  const steps = [0, 1, 2, 3];
  for (const i of steps) {
    features.push({ type: 'Feature', properties: { kind: 'road', highway: 'residential', name: `Street ${i}` }, geometry: { type: 'LineString', coordinates: steps.map((j) => [lon0 + i * dlon, lat0 + j * dlat]) } });
    features.push({ type: 'Feature', properties: { kind: 'road', highway: 'residential', name: `Avenue ${i}` }, geometry: { type: 'LineString', coordinates: steps.map((j) => [lon0 + j * dlon, lat0 + i * dlat]) } });
  }
  for (const [i, j] of [[0, 0], [1, 2], [2, 1], [2, 2]]) {
    const x = lon0 + (i + 0.3) * dlon;
    const y = lat0 + (j + 0.3) * dlat;
    features.push({
      type: 'Feature',
      properties: { kind: 'building', use: 'residential', floors: 6, households: 40, name: `Home ${i}${j}`, ...extra },
      geometry: { type: 'Polygon', coordinates: ring(x, y, x + 0.4 * dlon, y + 0.4 * dlat) },
    });
  }
  features.push({ type: 'Feature', properties: { kind: 'facility', category, name: facilityName }, geometry: { type: 'Point', coordinates: [lon0 + 1.5 * dlon, lat0 + 1 * dlat] } });
  features.push({ type: 'Feature', properties: { kind: 'facility', category: 'kindergarten', name: 'Kindergarten' }, geometry: { type: 'Point', coordinates: [lon0 + 2 * dlon, lat0 + 2.5 * dlat] } });
  features.push({ type: 'Feature', properties: { kind: 'green', green_type: 'ground', name: 'Park' }, geometry: { type: 'Polygon', coordinates: ring(lon0 + 0.1 * dlon, lat0 + 1.1 * dlat, lon0 + 0.9 * dlon, lat0 + 1.9 * dlat) } });
  return { type: 'FeatureCollection', name, features };
}

/** The small site with HTML/script payloads in names, categories, property keys and values. */
function hostileDataset() {
  const doc = smallDataset(XSS.img, { facilityName: XSS.img, category: XSS.script, extra: { [XSS.svg]: XSS.img, note: XSS.script } });
  doc.attribution = XSS.script;
  doc.features.push({ type: 'Feature', id: XSS.svg, properties: { kind: 'facility', category: XSS.svg, name: XSS.script }, geometry: { type: 'Point', coordinates: [120.1515, 30.2715] } });
  doc.features.push({ type: 'Feature', properties: { kind: XSS.img, name: XSS.img }, geometry: { type: 'Point', coordinates: [120.151, 30.271] } });
  return doc;
}

/** The Zhejiang profile with payloads in every label, and a public-green target nobody meets. */
function hostileProfile() {
  const doc = JSON.parse(readFileSync(path.join(ROOT, 'profiles/zhejiang-future-community.json'), 'utf8'));
  delete doc.$schema;
  doc.id = 'hostile-profile';
  doc.name = { zh: XSS.img, en: XSS.img };
  for (const s of doc.scenarios) s.name = { zh: XSS.script, en: XSS.img };
  for (const ind of doc.indicators) {
    ind.label = { zh: XSS.img, en: `${XSS.img} ${ind.id}` };
    ind.note = { zh: XSS.svg, en: XSS.svg };
  }
  for (const a of Object.values(doc.attributes)) {
    a.label = { zh: XSS.img, en: XSS.img };
    a.description = { zh: XSS.script, en: XSS.script };
  }
  for (const b of doc.grading.bands) b.label = { zh: XSS.img, en: XSS.img };
  for (const s of Object.values(doc.sources)) {
    s.title = XSS.img;
    s.url = 'javascript:window.__xss=9';
  }
  const green = doc.indicators.find((i) => i.id === 'public-green-per-capita');
  green.target = { op: '>=', value: 100000 };
  delete green.targetByProjectType;
  return doc;
}
