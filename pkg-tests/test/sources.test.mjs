// Several files at once on the demo page (issue 12 item 4), in headless
// Chromium: the four raw OpenStreetMap layers of the bundled area picked
// together read as one community (Community.fromSources) and score as the
// normalized file does; drag and drop of several files; ?data= repeated; a
// broken file among several is named in the message; the "Where data comes
// from" panel in zh and en; a zipped Shapefile from the picker. Serves www/dist/ (scripts/build-www.sh);
// screenshots go to pkg-tests/screenshots/sources-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { axeViolations, formatViolations } from '../lib/axe.mjs';
import { PHONE, READY, SCREENSHOTS, serveDemo } from '../lib/browser.mjs';
import { ROOT } from '../lib/load.mjs';
import { smallSite } from '../lib/sites.mjs';

const LAYERS = ['osm_raw_buildings', 'osm_raw_landuse', 'osm_raw_pois', 'osm_raw_highways'].map((l) => `${l}.geojson`);
const RAW = LAYERS.map((name) => ({
  name,
  mimeType: 'application/geo+json',
  buffer: readFileSync(path.join(ROOT, 'data/helsinki-centre', name)),
}));

const site = serveDemo();

const withDemo = site.open;

/** The overall score and every scenario row's text: what "the same scores" means here. */
async function scores(page) {
  return page.evaluate(() => ({
    score: document.querySelector('#score-value').textContent,
    scenarios: [...document.querySelectorAll('#scenario-table tbody tr')].map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()),
  }));
}

/** Waits until the header names `name` and the page has finished computing. */
async function shows(page, name) {
  await page.waitForFunction((n) => document.querySelector('#dataset-name').textContent === n, name, { timeout: 60_000 });
  await page.waitForSelector(READY, { timeout: 60_000 });
}

describe('www/: several files at once', { timeout: 300_000 }, () => {
  it('the four raw OSM layers picked at once score as the normalized file; drag and drop of several', async () => {
    await withDemo('en-US', async (page) => {
      assert.equal(await page.getAttribute('#file-input', 'multiple'), '', 'the picker takes several files');
      const accept = await page.getAttribute('#file-input', 'accept');
      for (const ext of ['.geojson', '.json', '.csv', '.zip']) assert.ok(accept.split(',').includes(ext), `accept lists ${ext}`);

      const normalized = await scores(page);
      assert.match(normalized.score, /^\d+(\.\d)?$/);
      assert.equal(normalized.scenarios.length, 9);

      await page.setInputFiles('#file-input', RAW);
      const joined = LAYERS.join(' + ');
      await shows(page, joined);
      assert.deepEqual(await scores(page), normalized, 'same overall and scenario scores as normalized.geojson');
      assert.equal(await page.textContent('#count-building td.num'), '433', 'every building of the raw layer');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'sources-raw-osm-en.png'), fullPage: true });

      // Two small files dropped together: one community of both.
      await page.evaluate((texts) => {
        const dt = new DataTransfer();
        texts.forEach((t, i) => dt.items.add(new File([t], `part-${i + 1}.geojson`, { type: 'application/geo+json' })));
        document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, splitSite());
      await shows(page, 'part-1.geojson + part-2.geojson');
      assert.equal(await page.textContent('#count-building td.num'), '4');
      assert.match(await page.textContent('#attribution'), /part-1\.geojson: © Part one.*part-2\.geojson: © Part two/, 'each file credited by name');
    });
  });

  it('a broken file among several is named in the message, in Chinese; ?data= repeated reads one community', async () => {
    await withDemo('zh-CN', async (page) => {
      const [a] = splitSite();
      await page.setInputFiles('#file-input', [
        { name: 'ok.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(a) },
        { name: '拱宸桥社区.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type": "FeatureCollection", "features": [') },
      ]);
      await page.waitForSelector('#status[data-state="error"]', { timeout: 60_000 });
      const status = await page.textContent('#status');
      assert.match(status, /拱宸桥社区\.geojson/, 'the file at fault is named');
      assert.doesNotMatch(status, /ok\.geojson/, 'not the good one');
      assert.match(await page.textContent('#status-details'), /INVALID_JSON/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'sources-broken-zh.png') });
    });

    await withDemo('en-US', async (page) => {
      // Two files the server does not have, answered by the test on the page's own origin.
      const parts = splitSite();
      await page.route(/\/data\/part-[12]\.geojson$/, (route) =>
        route.fulfill({ contentType: 'application/geo+json', body: parts[route.request().url().endsWith('1.geojson') ? 0 : 1] }));
      await page.goto(`${site.url}?data=data/part-1.geojson&data=data/part-2.geojson&data=javascript:alert(1)`);
      await shows(page, 'part-1.geojson + part-2.geojson');
      assert.equal(await page.textContent('#count-building td.num'), '4', 'the buildings of the first file');
      assert.match(await page.textContent('#attribution'), /part-1\.geojson: © Part one.*part-2\.geojson: © Part two/);
      assert.match(await page.textContent('#score-value'), /^\d+(\.\d)?$/, 'scored: the roads and facilities of the second file count');
    });
  });

  it('a zipped Shapefile (CGCS2000 Gauss-Kruger zone 40, GBK attributes) loads from the picker', async () => {
    await withDemo('zh-CN', async (page) => {
      const name = 'hangzhou_buildings_4528.zip';
      await page.setInputFiles('#file-input', [{
        name,
        mimeType: 'application/zip',
        buffer: readFileSync(path.join(ROOT, 'tests/data/shapefile', name)),
      }]);
      await shows(page, name);
      assert.equal(await page.textContent('#count-building td.num'), '433', 'every building of the layer');
    });
  });

  for (const [locale, lang, title] of [['zh-CN', 'zh', '如何获取数据'], ['en-US', 'en', 'Where data comes from']]) {
    for (const phone of [false, true]) {
      it(`the "${title}" panel (${lang}, ${phone ? 'phone' : 'desktop'}) names the layers, formats and CRS; axe-core finds nothing`, async () => {
        await withDemo(locale, async (page) => {
          const summary = page.locator('#data-help summary');
          assert.equal(await summary.textContent(), title);
          await summary.focus();
          await page.keyboard.press('Enter');
          assert.equal(await page.getAttribute('#data-help', 'open'), '', 'opens from the keyboard');
          const text = await page.textContent('#data-help');
          for (const word of lang === 'zh' ? ['边界', '建筑', '道路', '设施', '绿地', 'GeoJSON', 'WGS84', 'GCJ-02', 'BD-09', 'Shapefile', 'CSV'] : ['boundary', 'buildings', 'roads', 'facilities', 'green', 'GeoJSON', 'WGS84', 'GCJ-02', 'BD-09', 'Shapefile', 'CSV']) {
            assert.ok(text.includes(word), `the panel mentions ${word}`);
          }
          await page.locator('#data-help').screenshot({ path: path.join(SCREENSHOTS, `sources-help-${lang}-${phone ? 'phone' : 'desktop'}.png`) });
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, formatViolations(violations));
        }, phone ? { viewport: PHONE, mobile: true } : {});
      });
    }
  }
});

/** The small test site in two files: buildings and boundary in one, the rest in the other, each with its own credit. */
function splitSite() {
  const doc = smallSite('Split');
  const first = doc.features.filter((f) => ['building', 'boundary'].includes(f.properties?.kind));
  const rest = doc.features.filter((f) => !first.includes(f));
  return [
    JSON.stringify({ type: 'FeatureCollection', attribution: '© Part one', features: first }),
    JSON.stringify({ type: 'FeatureCollection', attribution: '© Part two', features: rest }),
  ];
}
