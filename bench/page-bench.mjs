// The demo page from file pick to scores, in headless Chromium (issue 13
// item 6): serves www/dist/ (scripts/build-www.sh), opens the page, picks a
// GeoJSON file with the file picker and records when each phase the status
// bar shows starts (reading, parsing, map layers, scoring, walking network
// and distances), when the scores are shown and when the page is ready
// (map coloured). A measurement, not a test: it prints the phases and fails
// only when the page does. `--dist DIR` serves another build of the site
// (a copy of www/dist/ before a change, to alternate before/after runs).
//
//   python3 bench/gen_city.py 100 1 > bench/data/city100.geojson
//   node bench/page-bench.mjs [FILE] [--repeats R] [--dist DIR]
//
// Uses playwright-core from pkg-tests/node_modules (scripts/setup.sh) and
// Debian's Chromium (CHROMIUM to override).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from '../pkg-tests/node_modules/playwright-core/index.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../pkg-tests/lib/browser.mjs';
import { startServer } from '../scripts/serve.mjs';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const repeatsAt = args.indexOf('--repeats');
const repeats = repeatsAt >= 0 ? Number(args.splice(repeatsAt, 2)[1]) : 3;
const distAt = args.indexOf('--dist');
const dist = distAt >= 0 ? path.resolve(args.splice(distAt, 2)[1]) : path.join(ROOT, 'www/dist');
const file = path.resolve(args[0] ?? path.join(ROOT, 'bench/data/city100.geojson'));
if (!existsSync(file)) {
  console.error(`${file} is missing: python3 bench/gen_city.py 100 1 > bench/data/city100.geojson`);
  process.exit(2);
}
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`${dist} is not built: scripts/build-www.sh`);
  process.exit(2);
}

const READY = 'body[aria-busy="false"] #status[data-state="ready"]';
const { server, url } = await startServer(dist, 0);

/** One run: a fresh browser profile, the bundled data first, then the pick. */
async function run() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fc-bench-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForSelector(READY, { timeout: 120_000 });
    // Record every stage the progress bar reports, with the page's own clock.
    // The scores are shown when the scorecard names the picked file
    // (`data-dataset`, www/app/scores.js); "ready" is the end of the load
    // (map layers drawn and coloured, area layers, status line ready).
    const name = path.basename(file);
    await page.evaluate((n) => {
      const w = /** @type {any} */ (window);
      w.__phases = [];
      w.__scored = null;
      const bar = document.querySelector('#progress');
      new MutationObserver(() => {
        const stage = bar.getAttribute('data-stage');
        const last = w.__phases[w.__phases.length - 1];
        if (stage && stage !== last?.stage) w.__phases.push({ stage, at: performance.now() });
      }).observe(bar, { attributes: true, attributeFilter: ['data-stage'] });
      const card = document.querySelector('#scorecard');
      new MutationObserver(() => {
        if (w.__scored === null && card.getAttribute('data-dataset') === n) w.__scored = performance.now();
      }).observe(card, { attributes: true, attributeFilter: ['data-dataset'] });
    }, name);
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles('#file-input', file);
    await page.waitForFunction((n) => document.querySelector('#dataset-name').textContent === n, name, { timeout: 600_000 });
    await page.waitForSelector(READY, { timeout: 600_000 });
    const result = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      const ready = performance.now();
      // A page that draws the scores only with everything else: scores = ready.
      return { ready, end: w.__scored ?? ready, phases: w.__phases, score: document.querySelector('#score-value').textContent };
    });
    return { t0, ...result };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = [];
for (let i = 0; i < repeats; i++) runs.push(await run());
server.close();

for (const [i, r] of runs.entries()) {
  const s = (ms) => (ms / 1000).toFixed(2);
  console.log(`run ${i + 1}: pick -> scores ${s(r.end - r.t0)} s, pick -> ready ${s(r.ready - r.t0)} s (score ${r.score})`);
  r.phases.forEach((p, j) => {
    const next = r.phases[j + 1]?.at ?? r.ready;
    const shown = r.end > p.at && r.end <= next ? `  (scores shown at ${s(r.end - r.t0)} s)` : '';
    console.log(`  ${p.stage.padEnd(14)} from ${s(p.at - r.t0)} s  for ${s(next - p.at)} s${shown}`);
  });
}
const totals = runs.map((r) => (r.end - r.t0) / 1000).sort((a, b) => a - b);
console.log(`median pick -> scores: ${totals[Math.floor(totals.length / 2)].toFixed(2)} s over ${runs.length} runs (${path.basename(file)})`);
