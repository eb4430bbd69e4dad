// Headless Chromium for the browser tests: Debian's Chromium and the launch
// flags every test uses (test/www, widget, scratch); one fresh profile per
// page, and a record of everything that went wrong in the browser; and the
// demo site (www/dist/) served for one test file (serveDemo).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';
import { ROOT } from './load.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The assembled site (scripts/build-www.sh). */
export const DIST = path.join(ROOT, 'www/dist');
/** Where the browser tests write their screenshots. */
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
/** The demo page has finished computing: status ready, nothing busy. */
export const READY = 'body[aria-busy="false"] #status[data-state="ready"]';
/** The page's failure state (the status line says what went wrong). */
export const PAGE_ERROR = '#status[data-state="error"]';
/** A phone's viewport. */
export const PHONE = { width: 390, height: 844 };

/**
 * Opens `url` with the browser language `locale`, waits for `ready` (a
 * selector, when given; with `errorState`, that selector too, and fails with
 * the page's own words when it is the one that appeared), runs fn(page, log)
 * and then fails on any console error, uncaught error, failed request, HTTP
 * error, dialog, or request to an origin outside `origins`, unless its
 * description matches a regexp of `allow`. An uncaught error while waiting
 * fails at once. `log.requests` lists every URL the page asked for.
 */
export async function withBrowserPage(url, fn, { locale = 'en-US', origins = [], ready = null, errorState = null, allow = [], viewport = { width: 1280, height: 900 }, mobile = false } = {}) {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'fc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    acceptDownloads: true,
  });
  const problems = [];
  const log = { requests: [], warnings: [] };
  const problem = (text) => {
    if (!allow.some((re) => re.test(text))) problems.push(text);
  };
  let pageFailed = () => {};
  const failed = new Promise((_, reject) => {
    pageFailed = reject;
  });
  failed.catch(() => {});
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') problem(`console error: ${msg.text()}`);
      if (msg.type() === 'warning') log.warnings.push(msg.text());
    });
    page.on('pageerror', (err) => {
      problems.push(`page error: ${err.message}`);
      pageFailed(err);
    });
    page.on('dialog', (d) => {
      problems.push(`dialog ${d.type()}: ${d.message()}`);
      d.dismiss().catch(() => {});
    });
    page.on('requestfailed', (req) => problem(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    page.on('request', (req) => {
      const u = req.url();
      log.requests.push(u);
      if (!origins.some((o) => u.startsWith(o)) && !u.startsWith('blob:') && !u.startsWith('data:')) problems.push(`request to another origin: ${u}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problem(`HTTP ${res.status()}: ${res.url()}`);
    });
    try {
      await page.goto(url);
      if (ready) {
        await Promise.race([page.waitForSelector(errorState ? `${ready}, ${errorState}` : ready, { timeout: 30_000 }), failed]);
        const error = errorState ? await page.$(errorState) : null;
        if (error) assert.fail(`the page reports: ${await error.textContent()}`);
      }
      await fn(page, log);
    } catch (err) {
      if (!problems.length) throw err;
      throw new Error(`${err.message}\nIn the browser:\n  ${problems.join('\n  ')}`, { cause: err });
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  assert.deepEqual(problems, [], 'no unexpected console errors, failed requests or foreign requests');
}

/**
 * The demo site for one test file: registers a before() that checks that
 * www/dist/ is built and Chromium is there, makes the screenshot folder and
 * serves www/dist/ on 127.0.0.1 (`server.options`: startServer's), and an
 * after() that stops it. `demo.url` is the site's address once it runs;
 * `demo.open(locale, fn, options)` is withBrowserPage on `options.query`
 * (relative to the site), waiting for READY unless `options.ready` says
 * otherwise, with requests allowed to the site alone unless
 * `options.origins` says otherwise.
 */
export function serveDemo({ server: serverOptions = undefined } = {}) {
  const demo = {
    url: '',
    server: null,
    open(locale, fn, { query = '', ...options } = {}) {
      return withBrowserPage(`${demo.url}${query}`, fn, { locale, origins: [demo.url], ready: READY, ...options });
    },
  };
  before(async () => {
    assert.ok(existsSync(path.join(DIST, 'index.html')), 'www/dist/ is not built: run scripts/build-www.sh');
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run scripts/setup.sh`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ server: demo.server, url: demo.url } = await startServer(DIST, 0, serverOptions));
  });
  after(() => demo.server?.close());
  return demo;
}

/**
 * Screen position of [lon, lat] on the demo page's map (scrolled into view),
 * from the view the map publishes in `data-view` (centre and zoom, Web Mercator).
 */
export async function mapPoint(page, [lon, lat]) {
  await page.waitForSelector('#map[data-view]');
  await page.evaluate(() => document.querySelector('#map').scrollIntoView({ block: 'center' }));
  const [clon, clat, zoom] = (await page.getAttribute('#map', 'data-view')).split(',').map(Number);
  const box = await page.locator('#map canvas').boundingBox();
  const world = 512 * 2 ** zoom;
  const mx = (l) => ((l + 180) / 360) * world;
  const my = (p) => {
    const s = Math.sin((p * Math.PI) / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world;
  };
  return { x: box.x + box.width / 2 + mx(lon) - mx(clon), y: box.y + box.height / 2 + my(lat) - my(clat) };
}
