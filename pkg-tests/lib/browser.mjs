// Headless Chromium for the browser tests: Debian's Chromium and the launch
// flags every test uses (test/www, widget, scratch); for the widget tests
// one fresh profile per page, and a record of everything that went wrong in the browser.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

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

/**
 * Opens `url` with the browser language `locale`, waits for `ready` (a
 * selector, when given), runs fn(page, log) and then fails on any console
 * error, uncaught error, failed request, HTTP error, dialog, or request to
 * an origin outside `origins`, unless its description matches a regexp of
 * `allow`. `log.requests` lists every URL the page asked for.
 */
export async function withBrowserPage(url, fn, { locale = 'en-US', origins = [], ready = null, allow = [], viewport = { width: 1280, height: 900 }, mobile = false } = {}) {
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
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') problem(`console error: ${msg.text()}`);
      if (msg.type() === 'warning') log.warnings.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
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
      if (ready) await page.waitForSelector(ready, { timeout: 30_000 });
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
