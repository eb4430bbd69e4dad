// The demo page as residents and officials meet it (issue 13), in headless
// Chromium: messages that name the file and say what to do (zh and en), a
// failed load that sets the previous data aside, the right data credit, the
// report officials can file (A4 print with the declared facts, a CSV with
// localised headers), the first screen on a desktop and a phone, the small
// map fixes, and axe-core with no violations on the page and the widget.
// Serves www/dist/ (scripts/build-www.sh); screenshots go to
// pkg-tests/screenshots/report-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { axeViolations, formatViolations } from '../lib/axe.mjs';
import { PHONE, READY, SCREENSHOTS, mapPoint, serveDemo, withBrowserPage } from '../lib/browser.mjs';
import { HOMES, buildingsOnly, at, smallSite } from '../lib/sites.mjs';

const site = serveDemo();

/** The page at `query`, ready on the bundled dataset. */
const withDemo = site.open;

/** Waits until the page has finished computing. */
async function settled(page) {
  await page.waitForSelector(READY, { timeout: 30_000 });
}

/** Picks a GeoJSON file (text or object) with the file input. */
async function pick(page, name, content) {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  await page.setInputFiles('#file-input', { name, mimeType: 'application/geo+json', buffer: Buffer.from(text) });
}

/** Picks a file and waits until the page shows it. */
async function load(page, name, content) {
  await pick(page, name, content);
  await page.waitForFunction((n) => document.querySelector('#dataset-name').textContent === n, name, { timeout: 30_000 });
  await settled(page);
}

/** Fails with the list when axe-core finds anything. */
async function assertAxeClean(page, what) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe-core on ${what}:\n  ${formatViolations(violations)}`);
}

/** Nothing on the page is wider than the screen, and no box scrolls sideways. */
async function assertNoSidewaysScroll(page) {
  const report = await page.evaluate(() => {
    const width = window.innerWidth;
    // Visually hidden helpers (1 px, clipped) are not seen; the map canvas pans by design.
    const seen = (el) => {
      for (let e = el; e && e !== document.body; e = e.parentElement) if (e.getBoundingClientRect().width <= 1) return false;
      return el.checkVisibility();
    };
    const wide = [...document.querySelectorAll('main *')]
      .filter((el) => (el.getBoundingClientRect().right > width + 1 || el.scrollWidth > el.clientWidth + 1) && getComputedStyle(el).overflowX !== 'hidden')
      .filter((el) => !el.closest('.maplibregl-map') && seen(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className} right=${Math.round(el.getBoundingClientRect().right)} scroll=${el.scrollWidth}/${el.clientWidth}`);
    return { page: document.documentElement.scrollWidth - width, wide };
  });
  assert.ok(report.page <= 1, `the page is ${report.page}px wider than the screen`);
  assert.deepEqual(report.wide, [], 'no element wider than the screen or scrolling sideways');
}

describe('messages, credit and the old data (zh and en)', { timeout: 120_000 }, () => {
  it('zh: a truncated file is named with what to do; the previous data is set aside; the file’s own credit', async () => {
    await withDemo('zh-CN', async (page) => {
      assert.equal(await page.getAttribute('#attribution', 'data-credit'), 'bundled');
      // A truncated file: the Chinese sentence names it, says what happened and what to do.
      const text = JSON.stringify(smallSite('拱宸桥社区'));
      await pick(page, '拱宸桥社区.geojson', text.slice(0, Math.floor(text.length / 2)));
      await page.waitForSelector('#status[data-state="error"]');
      const status = await page.textContent('#status');
      assert.match(status, /^无法加载“拱宸桥社区\.geojson”：文件不是有效的 JSON/, status);
      assert.match(status, /请确认文件已完整保存或下载/, 'what to do');
      assert.doesNotMatch(status, /INVALID_JSON|EOF|line \d/, 'no technical text in the sentence');
      assert.match(await page.textContent('#status-details summary'), /^详情$/);
      assert.match(await page.textContent('#status-details'), /INVALID_JSON: /, 'the code and the parser’s message under 详情');
      assert.equal(await page.getAttribute('#status-details details', 'open'), null, 'details collapsed');
      // Nothing of the bundled data pretends to be this file.
      assert.equal(await page.textContent('#dataset-name'), '拱宸桥社区.geojson（未能加载）');
      assert.equal(await page.textContent('#score-value'), '—');
      assert.equal(await page.locator('#indicator-table tbody tr').count(), 0);
      assert.equal(await page.locator('#scenario-table tbody tr').count(), 0);
      assert.equal(await page.getAttribute('#map', 'data-data'), 'empty', 'the map is cleared');
      assert.equal(await page.getAttribute('#attribution', 'data-credit'), 'none');
      assert.doesNotMatch(await page.textContent('footer'), /OpenStreetMap contributors, ODbL/);
      assert.match(await page.textContent('#score-meaning'), /之前的数据已移除/);
      assert.equal(await page.isDisabled('#export-csv'), true, 'nothing to export');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'report-error-zh.png') });

      // A buildings-only file with its own credit: the credit is the file's; the warnings are
      // grouped by code, in Chinese, and the floors warning names no other dataset.
      await load(page, '楼栋.geojson', buildingsOnly('楼栋', { attribution: '杭州市测绘院 2025 年调查 <b>x</b>' }));
      assert.equal(await page.getAttribute('#attribution', 'data-credit'), 'file');
      assert.equal(await page.textContent('#attribution'), '数据：杭州市测绘院 2025 年调查 <b>x</b>');
      assert.equal(await page.textContent('#map-credit'), '数据：杭州市测绘院 2025 年调查 <b>x</b>');
      assert.equal(await page.locator('footer b').count(), 0, 'the credit is text');
      const floors = page.locator('#warnings li[data-code="FLOORS_DEFAULTED"]');
      assert.equal(await floors.count(), 1, 'one line for the code');
      assert.equal(await floors.getAttribute('data-count'), '1');
      assert.match(await floors.locator('.problem-message').textContent(), /^部分建筑缺少层数/);
      assert.match(await floors.locator('.problem-action').textContent(), /floors/);
      assert.doesNotMatch(await floors.textContent(), /helsinki|赫尔辛基/i, 'no other dataset named, details included');
      for (const msg of await page.locator('#warnings .problem-message').allTextContents()) assert.match(msg, /[\u4e00-\u9fff]/, `Chinese: ${msg}`);
      const codes = await page.locator('#warnings li[data-code]').evaluateAll((els) => els.map((e) => e.dataset.code));
      assert.equal(new Set(codes).size, codes.length, 'each code once');

      // A file naming no source: an empty credit with a prompt to add one.
      await load(page, 'survey.geojson', smallSite('survey'));
      assert.equal(await page.getAttribute('#attribution', 'data-credit'), 'missing');
      assert.match(await page.textContent('#attribution'), /^数据：“survey\.geojson”未注明数据来源。$/);
      assert.match(await page.textContent('#attribution-prompt'), /"attribution"/);
      assert.equal(await page.isVisible('#map-credit'), false);
      // Feature info in Chinese: keys and the model's words.
      const p = await mapPoint(page, HOMES[1]);
      await page.mouse.click(p.x, p.y);
      await page.waitForFunction(() => document.querySelector('#feature-props')?.textContent.includes('用途'));
      await settled(page);
      const keys = await page.locator('#feature-props dt').allTextContents();
      for (const k of ['类型', '用途', '层数', '户数', '名称']) assert.ok(keys.includes(k), `${k} in ${keys.join(', ')}`);
      assert.ok(keys.some((k) => /^步行到/.test(k)), 'walking distance to a category');
      const values = await page.locator('#feature-props dd').allTextContents();
      assert.ok(values.includes('建筑') && values.includes('居住'), values.join(', '));
      assert.doesNotMatch(await page.textContent('#feature-props'), /\d m\b/, 'metres as 米');
    });
  });

  it('en: a failed ?data= URL does not keep the bundled name; messages in English', async () => {
    await withBrowserPage(`${site.url}?data=data/no-such-file.geojson`, async (page) => {
      await page.waitForSelector('#status[data-state="error"]');
      assert.match(await page.textContent('#status'), /^Could not load “no-such-file\.geojson”: The server answered HTTP 404: the file was not downloaded\. Check the address/);
      assert.equal(await page.textContent('#dataset-name'), 'no-such-file.geojson (not loaded)');
      assert.doesNotMatch(await page.textContent('header'), /helsinki/i);
      assert.equal(await page.textContent('#attribution'), 'Data: none loaded.');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'report-error-en.png') });
    }, { origins: [site.url], allow: [/no-such-file\.geojson|status of 404/] });
  });
});

describe('the report officials can file', { timeout: 120_000 }, () => {
  it('zh: CSV with Chinese headers and values, BOM, Chinese file name; both cases with edits; A4 print with declared facts', async () => {
    await withDemo('zh-CN', async (page) => {
      await load(page, '拱宸桥社区.geojson', smallSite('拱宸桥社区', { attribution: '=HYPERLINK("http://x","社区调查")' }));
      await page.selectOption('#project-type', 'renovation');
      await page.selectOption('#level-tier', 'inclusive');
      await page.locator('#attributes select[data-attribute="timeBank"]').selectOption('true');
      await page.waitForFunction(() => document.querySelector('#indicator-table tr[data-indicator="time-bank"]')?.dataset.status === 'assessed');
      await settled(page);

      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      assert.match(csvDownload.suggestedFilename(), /^future-community_拱宸桥社区_zhejiang-future-community_\d{4}-\d\d-\d\d\.csv$/);
      const bytes = readFileSync(await csvDownload.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
      const csv = bytes.toString('utf8').slice(1);
      const lines = csv.split('\r\n');
      assert.equal(lines[0], '"社区评价报告"');
      for (const row of ['"数据集","拱宸桥社区.geojson"', '"项目类型","改造更新"', '"建设类型","普惠型"', '"方案状态","现状：按载入的数据评价，未做方案修改。"']) {
        assert.ok(lines.includes(row), `${row} in the header block`);
      }
      assert.ok(lines.some((l) => /^"评价体系编号与版本","zhejiang-future-community v\d/.test(l)), 'profile id and version');
      assert.ok(lines.some((l) => /^"日期","\d{4}-\d\d-\d\d"$/.test(l)), 'date');
      assert.ok(lines.includes('"数据来源","\'=HYPERLINK(""http://x"",""社区调查"")"'), 'a formula-like credit is neutralised');
      assert.ok(lines.some((l) => /^"[^"]*时间银行[^"]*","是","申报值（未经核实）"$/.test(l)), 'the declared fact, marked');
      const header = lines.find((l) => l.startsWith('"情形","场景","指标"'));
      assert.equal(header, '"情形","场景","指标","数值","单位","目标","是否达标","得分","指标类型","评估状态","目标已核实","来源","说明","指标编号"');
      assert.equal(lines.filter((l) => /^"现状","[^"]+","[\d.]+|^"现状","[^"]+","未评估"/.test(l) && l.split('","').length === 6).length, 9, 'nine scenario scores');
      const indicators = lines.slice(lines.indexOf(header) + 1).filter(Boolean);
      assert.ok(indicators.length > 30 && indicators.every((l) => l.startsWith('"现状"')), 'every indicator, as loaded');
      assert.ok(indicators.some((l) => /,"(达标|未达标)",/.test(l)) && indicators.some((l) => /,"约束性",/.test(l)), 'values in Chinese');
      assert.ok(!/"(true|false|guidance|constraint|assessed|notAssessed)"/.test(csv), 'no English ids as values');

      // A what-if edit: both cases, each named.
      await page.click('#add-centre');
      await page.waitForSelector('#edit-list li[data-edit="add"]');
      await settled(page);
      const [second] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      const both = readFileSync(await second.path(), 'utf8').split('\r\n');
      assert.ok(both.some((l) => /^"方案状态","方案：含 1 项修改（添加.*）。下列各表先列“现状”，再列“方案”。"$/.test(l)), 'the what-if state says which is which');
      assert.equal(both.filter((l) => l.startsWith('"现状","') && l.split('","').length === 14).length, indicators.length);
      assert.equal(both.filter((l) => l.startsWith('"方案","') && l.split('","').length === 14).length, indicators.length);

      // The A4 print layout: the header block with the declared facts, no controls
      // (screenshot at the width of an A4 page at 96 dpi, less the margins).
      await page.setViewportSize({ width: 703, height: 1032 });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.isVisible('#print-report'), true);
      const head = await page.textContent('#print-report');
      for (const s of ['社区评价报告', '拱宸桥社区.geojson', 'zhejiang-future-community v', '改造更新', '普惠型', '方案：含 1 项修改', '时间银行', '申报值（未经核实）']) {
        assert.ok(head.includes(s), `print header has ${s}`);
      }
      assert.match(head, /\d{4}-\d\d-\d\d/);
      assert.equal(await page.isVisible('#scenario-table'), true, 'the nine scenario scores');
      assert.equal(await page.locator('#scenario-table tbody tr').count(), 9);
      assert.equal(await page.isVisible('#indicator-table'), true, 'every indicator');
      assert.equal(await page.isVisible('#whatif'), true, 'the what-if panel prints when there are edits');
      assert.equal(await page.isVisible('#evaluation-form'), false);
      assert.equal(await page.isVisible('#export-csv'), false);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'report-print-zh.png'), fullPage: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'report-print-zh-page1.png') });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      assert.ok(pdf.length > 10_000, 'prints to a PDF');
      await page.emulateMedia({ media: 'screen' });
    });
  });
});

describe('first screen, desktop and phone', { timeout: 120_000 }, () => {
  for (const [locale, lang] of [['zh-CN', 'zh'], ['en-US', 'en']]) {
    it(`${lang}: the score explained with the next step, legend beside the map; axe-core finds nothing`, async () => {
      await withDemo(locale, async (page) => {
        const meaning = await page.textContent('#score-meaning');
        const next = await page.textContent('#next-step');
        if (lang === 'zh') {
          assert.match(meaning, /^总分 \d+(\.\d)?（满分 100）/);
          assert.match(next, /下一步：用“打开 GeoJSON…”载入您社区的数据，或在地图上试试“方案模拟”/);
        } else {
          assert.match(meaning, /^Score \d+(\.\d)? of 100/);
          assert.match(next, /Next: load your own community/);
        }
        const viewport = page.viewportSize();
        for (const id of ['#score-meaning', '#next-step', '#legend']) {
          const box = await page.locator(id).boundingBox();
          assert.ok(box.y + 20 < viewport.height, `${id} in the first screen (y=${box.y})`);
        }
        const map = await page.locator('#map').boundingBox();
        const legend = await page.locator('#legend').boundingBox();
        assert.ok(legend.x >= map.x + map.width && legend.y < map.y + map.height, 'the legend is beside the map');
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(SCREENSHOTS, `report-first-screen-${lang}.png`) });
        await assertAxeClean(page, `the page (${lang})`);
      });
    });

    it(`${lang} on a 390 px phone: indicator cards, nothing scrolls sideways; axe-core finds nothing`, async () => {
      await withDemo(locale, async (page) => {
        await assertNoSidewaysScroll(page);
        const card = page.locator('#indicator-table tr[data-indicator]').first();
        const box = await card.boundingBox();
        assert.ok(box.width <= PHONE.width - 10, `a card fits the screen (${box.width}px)`);
        const labels = await card.locator('td').evaluateAll((tds) => tds.map((td) => getComputedStyle(td, '::before').content));
        assert.ok(labels.includes(lang === 'zh' ? '"达标"' : '"Pass"') && labels.includes(lang === 'zh' ? '"得分"' : '"Score"'), labels.join(' '));
        const pass = await card.locator('td').nth(2).boundingBox();
        assert.ok(pass.x + pass.width <= PHONE.width, 'pass/fail on the screen');
        await page.evaluate(() => document.querySelector('#indicators').scrollIntoView());
        await page.waitForTimeout(200);
        await page.screenshot({ path: path.join(SCREENSHOTS, `report-phone-${lang}.png`) });
        await page.locator('#indicators').screenshot({ path: path.join(SCREENSHOTS, `report-phone-cards-${lang}.png`) });
        await assertAxeClean(page, `the page on a phone (${lang})`);
      }, { viewport: PHONE, mobile: true });
    });
  }

  it('the widget example: axe-core finds nothing (shadow roots included)', async () => {
    await withBrowserPage(`${site.url}widget-example.html`, async (page) => {
      await page.waitForFunction(() => [...document.querySelectorAll('future-community-score')].every((el) => el.dataset.state === 'ready'), null, { timeout: 30_000 });
      await page.waitForTimeout(400);
      await assertAxeClean(page, 'widget-example.html');
    }, { origins: [site.url], ready: 'future-community-score' });
  });
});

describe('the small map items', { timeout: 120_000 }, () => {
  it('off-network isochrone, heat map, CRS re-read, focus ring, failing basemap', async () => {
    await withDemo('zh-CN', async (page) => {
      // The file button is ringed only when the file input itself has focus.
      const ring = () => page.evaluate(() => getComputedStyle(document.querySelector('label[for="file-input"]')).outlineStyle);
      await page.focus('#crs-select');
      assert.equal(await ring(), 'none', 'the CRS selector does not ring the file button');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'file-input');
      assert.equal(await ring(), 'solid', 'the file input rings its button');

      await load(page, 'far.geojson', smallSite('far', { farHome: true }));
      // Clicking the far home (1.2 km from any road): off the network, nothing reachable, no "-0.0".
      const far = await mapPoint(page, at(14.2, 1.7));
      await page.mouse.click(far.x, far.y);
      await page.waitForSelector('#isochrone-block:not([hidden])');
      await settled(page);
      assert.equal(await page.isVisible('#isochrone-off'), true, 'said to be off the network');
      const areas = await page.locator('#isochrone-table td:nth-child(3)').allTextContents();
      assert.ok(areas.length > 0 && areas.every((a) => a === '0.0 公顷'), areas.join(' | '));
      assert.doesNotMatch(await page.textContent('#isochrone-block'), /-0/);

      // The heat map over buildings and green, its 0-minute colour unlike the background.
      await page.check('#layer-grid');
      await page.waitForFunction(() => Number(document.querySelector('#map').dataset.gridCells) > 0, null, { timeout: 30_000 });
      await settled(page);
      await page.locator('#map-section').screenshot({ path: path.join(SCREENSHOTS, 'report-heatmap-zh.png') });
      await page.uncheck('#layer-grid');
      await settled(page);

      // Another coordinate system after loading reads the file again (GCJ-02 shifts it by ~500 m).
      const bbox = await page.textContent('#bbox');
      await page.selectOption('#crs-select', 'gcj02');
      await page.waitForFunction((b) => document.querySelector('#bbox').textContent !== b, bbox, { timeout: 30_000 });
      await settled(page);
      assert.equal(await page.textContent('#dataset-name'), 'far.geojson');
      const [w0] = bbox.split(',').map(Number);
      const [w1] = (await page.textContent('#bbox')).split(',').map(Number);
      assert.ok(w0 - w1 > 0.003 && w0 - w1 < 0.006, `GCJ-02 -> WGS84 moves Hangzhou ~500 m west: ${w0} -> ${w1}`);

      // The optional basemap cannot load (no network here): the page says so.
      await page.route('https://tile.openstreetmap.org/**', (route) => route.abort('internetdisconnected'));
      await page.check('#layer-basemap');
      await page.waitForFunction(() => /在线底图无法加载/.test(document.querySelector('#map-notes')?.textContent ?? ''), null, { timeout: 20_000 });
      assert.match(await page.textContent('#map-notes'), /可以关闭“在线底图”/);
      await page.uncheck('#layer-basemap');
      await page.waitForFunction(() => !/在线底图无法加载/.test(document.querySelector('#map-notes')?.textContent ?? ''));
    }, { origins: [site.url, 'https://tile.openstreetmap.org/'], allow: [/tile\.openstreetmap\.org|net::ERR_INTERNET_DISCONNECTED/] });
  });
});
