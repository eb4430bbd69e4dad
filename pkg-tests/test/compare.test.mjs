// The compare view of the demo page (issue 13 item 5), in headless
// Chromium: three communities (three files) ranked overall, sortable by a
// scenario, overlaid on the radar, exported as CSV (localised headers, BOM,
// ' before formula-like text); one file with many boundaries (one row each,
// the table capped and saying so, the page answering while the worker
// scores); zh and en, desktop and phone; axe-core finds nothing. Serves
// www/dist/ (scripts/build-www.sh); screenshots go to
// pkg-tests/screenshots/compare-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { axeViolations, formatViolations } from '../lib/axe.mjs';
import { PHONE, READY, SCREENSHOTS, serveDemo } from '../lib/browser.mjs';
import { at, smallSite } from '../lib/sites.mjs';

/** The table draws at most this many rows (www/app/compare.js MAX_ROWS). */
const MAX_ROWS = 200;

const site = serveDemo();

const withDemo = site.open;

/** smallSite without the facilities of `drop` (categories; 'green' drops the park). */
function without(name, drop) {
  const doc = smallSite(name);
  doc.features = doc.features.filter((f) => !drop.includes(f.properties.category) && !(drop.includes('green') && f.properties.kind === 'green'));
  return doc;
}

/** Three communities that score differently: everything, no kindergarten, nothing but homes and streets. */
const THREE = [
  { name: 'full.geojson', doc: smallSite('Full') },
  { name: '=1+1 <b>x</b>.geojson', doc: without('No kindergarten', ['kindergarten']) },
  { name: 'bare.geojson', doc: without('Bare', ['kindergarten', 'supermarket', 'green']) },
];

function files(list) {
  return list.map(({ name, doc }) => ({ name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(doc)) }));
}

/** One file with `n` boundaries over the small site's streets and homes. */
function manyBoundaries(n) {
  const doc = smallSite('many');
  const rest = doc.features.filter((f) => f.properties.kind !== 'boundary');
  const boundaries = Array.from({ length: n }, (_, k) => {
    const [x, y] = at((k % 20) * 0.01, Math.floor(k / 20) * 0.01);
    const [x1, y1] = at((k % 20) * 0.01 + 3, Math.floor(k / 20) * 0.01 + 3);
    return { type: 'Feature', properties: { kind: 'boundary', id: `b${k}`, name: `区 ${k}` }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x1, y], [x1, y1], [x, y1], [x, y]]] } };
  });
  return { type: 'FeatureCollection', features: [...boundaries, ...rest] };
}

/** The ranking as drawn: [rank, community, overall] per row. */
function tableRows(page) {
  return page.$$eval('#compare-table tbody tr', (trs) => trs.map((tr) => [tr.children[1].textContent, tr.children[2].textContent, tr.children[3].textContent]));
}

async function compared(page, n) {
  await page.waitForFunction((k) => document.querySelectorAll('#compare-table tbody tr').length === k, n, { timeout: 120_000 });
  await page.waitForSelector(READY, { timeout: 120_000 });
}

describe('www/: the compare view', { timeout: 600_000 }, () => {
  for (const [locale, lang, phone] of [['en-US', 'en', false], ['zh-CN', 'zh', true]]) {
    it(`ranks three communities, sorts, overlays the radar and exports the CSV (${lang}, ${phone ? 'phone' : 'desktop'})`, async () => {
      await withDemo(locale, async (page) => {
        assert.equal(await page.textContent('#compare-heading'), lang === 'zh' ? '社区对比' : 'Compare communities');
        await page.setInputFiles('#compare-files', files(THREE));
        await compared(page, 3);
        const rows = await tableRows(page);
        const scores = rows.map((r) => Number(r[2]));
        assert.deepEqual(rows.map((r) => r[0]), ['1', '2', '3']);
        assert.deepEqual([...scores].sort((a, b) => b - a), scores, 'best first');
        assert.ok(scores[0] > scores[2], `the full site beats the bare one (${scores})`);
        assert.equal(rows[0][1], 'full.geojson');
        assert.equal(rows[2][1], 'bare.geojson');
        assert.equal(await page.$$eval('#compare-table b', (b) => b.length), 0, 'a file name holding HTML is text');
        assert.equal(await page.isVisible('#compare-radar'), true, 'the top three on the radar');
        assert.equal(await page.$$eval('#compare-table tbody input:checked', (x) => x.length), 3);

        // One scenario column, sorted from the keyboard: worst first on the second press.
        const head = page.locator('#compare-table thead button[data-sort]').nth(4);
        const key = await head.getAttribute('data-sort');
        await head.focus();
        await page.keyboard.press('Enter');
        assert.equal(await page.getAttribute(`#compare-table th:has(button[data-sort="${key}"])`, 'aria-sort'), 'descending');
        await page.keyboard.press('Enter');
        assert.equal(await page.getAttribute(`#compare-table th:has(button[data-sort="${key}"])`, 'aria-sort'), 'ascending');
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-sort')), key, 'focus stays on the header');

        // Off the radar and back: at most three, the others disabled only at three.
        await page.locator('#compare-table tbody input').first().uncheck();
        assert.equal(await page.$$eval('#compare-table tbody input:checked', (x) => x.length), 2);

        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#compare-csv')]);
        const csv = readFileSync(await download.path(), 'utf8');
        assert.ok(csv.startsWith('\ufeff'), 'BOM');
        const header = csv.slice(1).split('\r\n')[0];
        assert.match(header, lang === 'zh' ? /^"排名","文件","边界","总分"/ : /^"Rank","File","Boundary","Overall"/);
        assert.match(csv, /"'=1\+1 <b>x<\/b>\.geojson"/, "' before a formula-like name");
        assert.equal(csv.trim().split('\r\n').length, 4, 'a header and three rows');

        await page.locator('#compare').scrollIntoViewIfNeeded();
        await page.locator('#compare').screenshot({ path: path.join(SCREENSHOTS, `compare-${lang}-${phone ? 'phone' : 'desktop'}.png`) });
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, formatViolations(violations));
      }, phone ? { viewport: PHONE, mobile: true } : {});
    });
  }

  it('one file with many boundaries: a row each, the table capped and saying so, the page answering meanwhile', async () => {
    await withDemo('en-US', async (page) => {
      const n = 300;
      await page.setInputFiles('#compare-files', files([{ name: 'many.geojson', doc: manyBoundaries(n) }]));
      // While the worker scores, the page still answers (the language switch redraws at once).
      await page.click('#lang-toggle');
      assert.equal(await page.textContent('#compare-heading'), '社区对比');
      await page.click('#lang-toggle');
      await compared(page, MAX_ROWS);
      assert.match(await page.textContent('#compare-note'), new RegExp(`first ${MAX_ROWS} of ${n} rows`));
      assert.match(await page.textContent('#compare-result'), new RegExp(`^${n} communities from 1 file`));
      assert.match(await page.textContent('#compare-table tbody tr th'), /^many\.geojson · 区 \d+$/, 'rows named by file and boundary');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#compare-csv')]);
      assert.equal(readFileSync(await download.path(), 'utf8').trim().split('\r\n').length, n + 1, 'the CSV has every row');
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, formatViolations(violations));
    });
  });

  it('the boundaries of the loaded data, and a broken file among good ones', async () => {
    await withDemo('zh-CN', async (page) => {
      await page.click('#compare-loaded');
      await compared(page, 1);
      assert.equal(await page.textContent('#compare-table tbody tr th'), 'helsinki-centre', 'the bundled data: one boundary');
      await page.setInputFiles('#compare-files', [...files(THREE.slice(0, 2)), { name: '坏.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type":') }]);
      await compared(page, 2);
      assert.match(await page.textContent('#compare-errors'), /^坏\.geojson: 文件不是有效的 JSON/, 'the broken file named, in Chinese; the others ranked');
    });
  });
});

/** Picks a GeoJSON file with the page's own picker and waits until it is scored. */
async function load(page, name, doc) {
  await page.setInputFiles('#file-input', files([{ name, doc }]));
  await page.waitForFunction((n) => document.querySelector('#dataset-name').textContent === n, name, { timeout: 60_000 });
  await page.waitForSelector(READY, { timeout: 60_000 });
}

/** Opens a saved report (an object) in the quarter view. */
async function openSaved(page, name, doc) {
  await page.setInputFiles('#quarter-file', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
}

describe('www/: the quarter view (against a saved report)', { timeout: 300_000 }, () => {
  for (const [locale, lang, phone] of [['en-US', 'en', false], ['zh-CN', 'zh', true]]) {
    it(`shows per-indicator changes against last quarter's export, refuses another profile version (${lang}, ${phone ? 'phone' : 'desktop'})`, async () => {
      await withDemo(locale, async (page) => {
        await load(page, '拱宸桥社区.geojson', without('Q3', ['kindergarten']));
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
        const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
        assert.equal(saved.format, 'future-community-report');
        assert.match(saved.date, /^\d{4}-\d{2}-\d{2}$/);
        assert.equal(saved.dataset.name, '拱宸桥社区.geojson');
        assert.deepEqual(saved.profile, { id: saved.report.profileId, version: saved.report.profileVersion });
        assert.equal(saved.profile.id, 'zhejiang-future-community');

        // Next quarter: a kindergarten opened.
        await load(page, '拱宸桥社区.geojson', smallSite('Q4'));
        await openSaved(page, 'q3.json', { ...saved, date: '2026-09-30' });
        await page.waitForSelector('#quarter-body:not([hidden]) #quarter-table tbody tr');
        assert.match(await page.textContent('#quarter-result'), /2026-09-30/);
        const improved = page.locator('#quarter-table td[data-change="improved"]');
        assert.ok((await improved.count()) > 0, 'some indicator got better');
        assert.match(await improved.first().textContent(), lang === 'zh' ? /^▲ 变好/ : /^▲ better/, 'an arrow and a word, not colour alone');
        assert.match(await improved.first().getAttribute('class'), /\bup\b/);
        assert.equal(await page.locator('#quarter-table td[data-change="worsened"]').count(), 0, 'nothing got worse');
        assert.equal(await page.locator('#quarter-table td[data-change="newlyAssessed"]').count() > 0, true, 'the kindergarten indicator is newly assessed');
        assert.equal(await page.locator('#quarter-table td[data-change="notAssessed"]').count(), 0, 'indicators assessed in neither are not listed ...');
        assert.match(await page.textContent('#quarter-note'), lang === 'zh' ? /另有 \d+ 项指标/ : /^\d+ indicators assessed in neither/, '... but counted');
        await page.locator('#quarter').scrollIntoViewIfNeeded();
        await page.locator('#quarter').screenshot({ path: path.join(SCREENSHOTS, `quarter-${lang}-${phone ? 'phone' : 'desktop'}.png`) });
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, formatViolations(violations));

        // Another profile version: said, and nothing compared.
        await openSaved(page, 'old.json', { ...saved, report: { ...saved.report, profileVersion: '0.0.1' } });
        await page.waitForSelector('#quarter-result[data-state="error"]');
        assert.match(await page.textContent('#quarter-result'), lang === 'zh' ? /“old\.json”使用评价体系 zhejiang-future-community 版本 0\.0\.1.*不能直接比较/ : /“old\.json” was scored with profile zhejiang-future-community version 0\.0\.1.*cannot be compared/);
        assert.equal(await page.isVisible('#quarter-body'), false);
        await page.locator('#quarter').screenshot({ path: path.join(SCREENSHOTS, `quarter-other-version-${lang}.png`) });

        // Not a report at all.
        await openSaved(page, 'x.json', { hello: '<img src=x onerror=alert(1)>' });
        await page.waitForFunction(() => /x\.json/.test(document.querySelector('#quarter-result').textContent));
        assert.match(await page.textContent('#quarter-result'), lang === 'zh' ? /不是本页面导出的报告/ : /is not a report of this page/);
      }, phone ? { viewport: PHONE, mobile: true } : {});
    });
  }
});
