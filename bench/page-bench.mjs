// The demo page from file pick to scores, in headless Chromium (issue 13
// item 6): serves www/dist/ (scripts/build-www.sh), opens the page, picks a
// GeoJSON file with the file picker and records when each phase the status
// bar shows starts (reading, parsing, map layers, scoring, walking network
// and distances) and when the page is ready with a score. A measurement,
// not a test: it prints the phases and fails only when the page does.
//
//   python3 bench/gen_city.py 100 1 > bench/data/city100.geojson
//   node bench/page-bench.mjs [FILE] [--repeats R]
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
const file = path.resolve(args[0] ?? path.join(ROOT, 'bench/data/city100.geojson'));
if (!existsSync(file)) {
  console.error(`${file} is missing: python3 bench/gen_city.py 100 1 > bench/data/city100.geojson`);
  process.exit(2);
}
if (!existsSync(path.join(ROOT, 'www/dist/index.html'))) {
  console.error('www/dist/ is not built: scripts/build-www.sh');
  process.exit(2);
}

const READY = 'body[aria-busy="false"] #status[data-state="ready"]';
const { server, url } = await startServer(path.join(ROOT, 'www/dist'), 0);

/** One run: a fresh browser profile, the bundled data first, then the pick. */
async function run() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fc-bench-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForSelector(READY, { timeout: 120_000 });
    // Record every stage the progress bar reports, with the page's own clock.
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__phases = [];
      const bar = document.querySelector('#progress');
      new MutationObserver(() => {
        const stage = bar.getAttribute('data-stage');
        const last = w.__phases[w.__phases.length - 1];
        if (stage && stage !== last?.stage) w.__phases.push({ stage, at: performance.now() });
      }).observe(bar, { attributes: true, attributeFilter: ['data-stage'] });
    });
    const name = path.basename(file);
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles('#file-input', file);
    await page.waitForFunction((n) => document.querySelector('#dataset-name').textContent === n, name, { timeout: 600_000 });
    await page.waitForSelector(READY, { timeout: 600_000 });
    const result = await page.evaluate(() => ({ end: performance.now(), phases: /** @type {any} */ (window).__phases, score: document.querySelector('#score-value').textContent }));
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
  console.log(`run ${i + 1}: pick -> scores ${((r.end - r.t0) / 1000).toFixed(2)} s (score ${r.score})`);
  r.phases.forEach((p, j) => {
    const next = r.phases[j + 1]?.at ?? r.end;
    console.log(`  ${p.stage.padEnd(14)} from ${((p.at - r.t0) / 1000).toFixed(2)} s  for ${((next - p.at) / 1000).toFixed(2)} s`);
  });
}
const totals = runs.map((r) => (r.end - r.t0) / 1000).sort((a, b) => a - b);
console.log(`median pick -> scores: ${totals[Math.floor(totals.length / 2)].toFixed(2)} s over ${runs.length} runs (${path.basename(file)})`);
