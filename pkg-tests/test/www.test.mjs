// Smoke test of the demo site: serves www/dist/ (scripts/build-www.sh) on
// 127.0.0.1, opens it in Debian's Chromium through playwright-core, reads the
// metrics off the page and fails on any console error, failed request or
// request to another origin. Screenshots go to pkg-tests/screenshots/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';
import { ROOT } from '../lib/load.mjs';
import { AREAS, REL_TOLERANCE, SITE_METRICS, relClose } from '../lib/reference.mjs';

const DIST = path.join(ROOT, 'www/dist');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let server;
let baseUrl;

before(async () => {
  assert.ok(existsSync(path.join(DIST, 'index.html')), 'www/dist/ is not built: run scripts/build-www.sh');
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run scripts/setup.sh`);
  ({ server, url: baseUrl } = await startServer(DIST, 0));
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(() => server?.close());

/**
 * Opens the page in a fresh Chromium profile with the given browser language,
 * waits until the app has finished, runs fn(page) and then checks that
 * nothing went wrong on the way (console errors, failed or foreign requests).
 */
async function withPage(locale, fn, query = '') {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'fc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    viewport: { width: 1100, height: 900 },
  });
  const problems = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    // An uncaught error in the page (e.g. a missing export) ends the wait early.
    let pageFailed;
    const failed = new Promise((_, reject) => {
      pageFailed = reject;
    });
    failed.catch(() => {});
    page.on('pageerror', (err) => {
      problems.push(`page error: ${err.message}`);
      pageFailed(err);
    });
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl)) problems.push(`request to another origin: ${req.url()}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });

    try {
      await page.goto(baseUrl + query);
      await Promise.race([
        page.waitForSelector('#status:is([data-state="ready"], [data-state="error"])', { timeout: 20_000 }),
        failed,
      ]);
      const status = page.locator('#status');
      assert.equal(await status.getAttribute('data-state'), 'ready', `the page reports: ${await status.textContent()}`);
      await fn(page);
    } catch (err) {
      // What the browser reported usually explains the failure: show it.
      if (!problems.length) throw err;
      throw new Error(`${err.message}\nIn the browser:\n  ${problems.join('\n  ')}`, { cause: err });
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  assert.deepEqual(problems, [], 'no console errors, failed requests or foreign requests');
}

describe('www/ demo in headless Chromium', { timeout: 120_000 }, () => {
  it('shows the site metrics of the bundled dataset (English by default for en-US)', async () => {
    await withPage('en-US', async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.textContent('h1'), 'Neighbourhood indicators');

      for (const [key, ref] of Object.entries(SITE_METRICS)) {
        const id = '#metric-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
        const raw = await page.getAttribute(`${id} td[data-value]`, 'data-value');
        const value = Number(raw);
        assert.ok(raw !== '' && relClose(value, AREAS[ref]),
          `${id} = ${raw}, reference ${AREAS[ref]} (±${REL_TOLERANCE * 100}%)`);
      }
      assert.equal(await page.textContent('#count-building td.num'), '433');
      assert.equal(await page.textContent('#count-facility td.num'), '400');
      assert.match(await page.textContent('#bbox'), /^24\.93\d+, 60\.16\d+ — 24\.95\d+, 60\.17\d+$/);
      assert.ok((await page.locator('#warnings li').count()) >= 1, 'warnings list (or "no warnings")');

      const attribution = await page.textContent('#attribution');
      assert.match(attribution, /© OpenStreetMap contributors/);
      assert.match(attribution, /ODbL/);
      assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+/);

      // No inline scripts; the CSP admits only same-origin scripts and wasm.
      assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);

      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-en.png'), fullPage: true });

      await page.click('#lang-toggle');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.textContent('h1'), '社区评价指标');
      assert.equal(await page.textContent('#metric-far th'), '容积率');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-zh-toggled.png'), fullPage: true });
    });
  });

  it('defaults to Chinese when the browser language is Chinese', async () => {
    await withPage('zh-CN', async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.textContent('#metric-households th'), '户数');
      assert.equal(await page.textContent('#lang-toggle'), 'English');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-zh.png'), fullPage: true });
    });
  });
});
