// The packed tarball as users meet it: `npm pack` output (target/npm/, made by
// scripts/build-pkg.sh --pack) installed with npm into scratch projects
// (pkg-tests/scratch/, copied to target/scratch/; their tools pinned in its
// package-lock.json): publint, Node ESM and CommonJS, TypeScript strict in a
// DOM project (bundler resolution) and a Node-only one (node16), and Vite,
// webpack 5 and esbuild builds opened in headless Chromium, each showing the
// score of the bundled dataset; a module Web Worker through
// `future-community/worker`. Prints what a site-metrics-only app ships.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../lib/browser.mjs';
import { PKG_DIR, ROOT } from '../lib/load.mjs';
import { DATASET } from '../lib/reference.mjs';

const SCRATCH = path.join(ROOT, 'target/scratch');
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const DATA = path.join(ROOT, DATASET);

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: SCRATCH, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
const bin = (name) => path.join(SCRATCH, 'node_modules/.bin', name);

let expected; // the score computed by the package in this process
let browser;
let server;
let baseUrl;

before(async () => {
  const npmDir = path.join(ROOT, 'target/npm');
  const tgz = existsSync(npmDir) && readdirSync(npmDir).find((f) => /^future-community-.*\.tgz$/.test(f));
  assert.ok(tgz, 'no packed tarball in target/npm/: run scripts/build-pkg.sh --pack');
  rmSync(SCRATCH, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'pkg-tests/scratch'), SCRATCH, { recursive: true });
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', path.join(npmDir, tgz)]);
  const { createRequire } = await import('node:module');
  const fc = createRequire(import.meta.url)(path.join(PKG_DIR, 'node.cjs'));
  const c = fc.Community.fromGeoJSON(readFileSync(DATA, 'utf8'));
  expected = c.evaluate('zhejiang-future-community');
  c.free();
  assert.equal(typeof expected.score, 'number');
  // Every built site lives under target/scratch/dist/<tool>/, one server for all.
  mkdirSync(path.join(SCRATCH, 'dist'), { recursive: true });
  ({ server, url: baseUrl } = await startServer(path.join(SCRATCH, 'dist'), 0));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens dist/<rel>, waits for #score to leave "loading"; returns its state, score and the responses. */
async function open(rel, { screenshot } = {}) {
  const page = await browser.newPage();
  const problems = [];
  const bodies = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', async (r) => {
    if (r.status() === 200 && /\.(m?js|wasm)$/.test(new URL(r.url()).pathname)) bodies.push(r.body().then((b) => [r.url(), b]).catch(() => null));
  });
  try {
    await page.goto(new URL(rel, baseUrl).href);
    await page.waitForSelector('#score:not([data-state="loading"])', { timeout: 60_000 });
    const result = await page.evaluate(() => ({ ...document.getElementById('score').dataset, text: document.getElementById('score').textContent }));
    if (screenshot) await page.screenshot({ path: path.join(SCREENSHOTS, screenshot) });
    assert.deepEqual(problems, []);
    return { ...result, files: (await Promise.all(bodies)).filter(Boolean) };
  } finally {
    await page.close();
  }
}

function assertScore(result, what) {
  assert.equal(result.state, 'ready', `${what}: ${result.text}`);
  assert.ok(Math.abs(Number(result.score) - expected.score) < 1e-9, `${what}: score ${result.score}, expected ${expected.score}`);
}

describe('the packed tarball in scratch projects', { timeout: 600_000 }, () => {
  it('publint finds nothing to report', () => {
    const out = run(bin('publint'), ['run', 'node_modules/future-community', '--strict']);
    assert.doesNotMatch(out, /Suggestion|Warning|Error/i, out);
    assert.match(out, /All good/i, out);
  });

  it('ships only what it should: one .wasm, entries, types, licences', () => {
    const files = run('tar', ['-tzf', path.join(ROOT, 'target/npm', readdirSync(path.join(ROOT, 'target/npm')).find((f) => f.endsWith('.tgz')))]).trim().split('\n');
    assert.equal(files.filter((f) => f.endsWith('.wasm')).length, 1, files.join('\n'));
    for (const f of ['package/package.json', 'package/README.md', 'package/LICENSE-MIT', 'package/LICENSE-APACHE', 'package/index.js', 'package/node.cjs', 'package/node.mjs', 'package/inline.js', 'package/worker/index.js', 'package/worker/worker.js']) {
      assert.ok(files.includes(f), `${f} is not in the tarball`);
    }
    assert.ok(!files.some((f) => /src\/|\.rs$|Cargo/.test(f)), 'no Rust sources in the tarball');
  });

  it('Node: import and require give the same score as the package', () => {
    for (const main of ['node-esm/main.mjs', 'node-cjs/main.cjs']) {
      const out = JSON.parse(run(process.execPath, [main, DATA]));
      assert.equal(out.score, expected.score, main);
    }
  });

  it('TypeScript strict, skipLibCheck off: a DOM project (bundler) and a Node-only project (node16)', () => {
    for (const project of ['ts-bundler', 'ts-node16']) {
      try {
        run(bin('tsc'), ['-p', `${project}/tsconfig.json`]);
      } catch (e) {
        assert.fail(`${project}: ${e.stdout}${e.stderr}`);
      }
    }
  });

  it('Vite (no config for the package): the page, a module worker and a minimal app show their results', async () => {
    mkdirSync(path.join(SCRATCH, 'app/public'), { recursive: true });
    cpSync(DATA, path.join(SCRATCH, 'app/public/data.geojson'));
    run(bin('vite'), ['build', '--config', 'app/vite.config.js']);
    assertScore(await open('vite/index.html', { screenshot: 'scratch-vite.png' }), 'vite');
    const worker = await open('vite/worker.html');
    assertScore(worker, 'vite worker');
    assert.equal(worker.inPage, 'false', 'the module worker ran');
    const minimal = await open('vite/minimal.html');
    assert.equal(minimal.state, 'ready', minimal.text);
    // What a site-metrics-only app ships (JS + wasm, gzip -9), for BENCHMARKS.md.
    let js = 0;
    let wasm = 0;
    for (const [url, body] of minimal.files) {
      const gz = gzipSync(body, { level: 9 }).length;
      if (url.endsWith('.wasm')) wasm += gz;
      else js += gz;
    }
    assert.ok(wasm > 0 && js > 0);
    console.log(`# minimal app (Vite, siteMetrics only): JS ${js} B gzip, wasm ${wasm} B gzip, total ${js + wasm} B`);
  });

  it('webpack 5 (no config for the package): the page and a module worker show their results', async () => {
    const webpack = (await import(pathToFileURL(path.join(SCRATCH, 'node_modules/webpack/lib/index.js')).href)).default;
    const out = path.join(SCRATCH, 'dist/webpack');
    const stats = await new Promise((resolve, reject) =>
      webpack(
        {
          mode: 'production',
          context: SCRATCH,
          entry: { score: './app/score.js', worker: './app/worker-score.js' },
          output: { path: out, clean: true, publicPath: 'auto' },
          performance: { hints: false },
        },
        (err, s) => (err ? reject(err) : resolve(s)),
      ),
    );
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
    for (const name of ['score', 'worker']) {
      writeFileSync(path.join(out, `${name}.html`), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><p id="score" data-state="loading">loading</p><script src="./${name}.js"></script>\n`);
    }
    cpSync(DATA, path.join(out, 'data.geojson'));
    assertScore(await open('webpack/score.html', { screenshot: 'scratch-webpack.png' }), 'webpack');
    const worker = await open('webpack/worker.html');
    assertScore(worker, 'webpack worker');
    assert.equal(worker.inPage, 'false', 'the module worker ran');
  });

  it('esbuild (iife bundle, the inline entry): the page shows the score', async () => {
    const out = path.join(SCRATCH, 'dist/esbuild');
    mkdirSync(out, { recursive: true });
    run(bin('esbuild'), ['esbuild/score.js', '--bundle', '--format=iife', '--log-level=error', `--outfile=${path.join(out, 'score.js')}`]);
    writeFileSync(path.join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><p id="score" data-state="loading">loading</p><script src="./score.js"></script>\n');
    cpSync(DATA, path.join(out, 'data.geojson'));
    assertScore(await open('esbuild/index.html', { screenshot: 'scratch-esbuild.png' }), 'esbuild');
  });
});
