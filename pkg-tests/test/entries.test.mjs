// The package's entries and its JavaScript-side contract, in Node: one
// instance for import and require, coded errors before init() and after
// free(), the error class and guard, supported(), the inline entry.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

import { PKG_DIR, readRepoText } from '../lib/load.mjs';
import { DATASET } from '../lib/reference.mjs';

const require = createRequire(import.meta.url);
const url = (file) => pathToFileURL(path.join(PKG_DIR, file)).href;
/** Runs an ES module snippet in a fresh Node process; parses the last line it prints as JSON. */
const fresh = (code) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }).trim().split('\n').pop());
const codeOf = (fn) => {
  try {
    fn();
  } catch (e) {
    return e.code;
  }
  return 'no error';
};

describe('package entries', () => {
  it('Node import and require share one instance and need no init()', async () => {
    const cjs = require(path.join(PKG_DIR, 'node.cjs'));
    const esm = await import(url('node.mjs'));
    assert.equal(esm.Community, cjs.Community);
    assert.equal(typeof esm.default, 'function');
    await esm.default(); // a no-op, for code shared with the browser entry
    assert.match(esm.version(), /^\d+\.\d+\.\d+/);
  });

  it('every function the glue exports is exported by every entry', async () => {
    const glue = await readFile(path.join(PKG_DIR, 'future_community.js'), 'utf8');
    const names = [...glue.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]).filter((n) => n !== 'initSync');
    assert.ok(names.includes('Community') && names.length >= 6, names.join());
    const entries = { node: require(path.join(PKG_DIR, 'node.cjs')), esm: await import(url('node.mjs')), web: await import(url('index.js')), inline: await import(url('inline.js')) };
    for (const [entry, mod] of Object.entries(entries)) {
      for (const name of [...names, 'FutureCommunityError', 'isFutureCommunityError', 'supported', 'initSync']) {
        assert.equal(typeof mod[name], 'function', `${entry} entry lacks ${name}`);
      }
    }
  });

  it('the browser entry throws NOT_INITIALISED before init() and works after it', () => {
    // A child process: a fresh module graph whose glue is not instantiated.
    const out = fresh(`
      const web = await import(${JSON.stringify(url('index.js'))});
      const codeOf = (fn) => { try { fn(); } catch (e) { return e.code; } return 'no error'; };
      const before = [codeOf(() => web.version()), codeOf(() => web.Community.fromGeoJSON('{}'))];
      const bytes = (await import('node:fs')).readFileSync(${JSON.stringify(path.join(PKG_DIR, 'future_community_bg.wasm'))});
      await Promise.all([web.default(bytes), web.default(bytes)]);
      await web.default();
      console.log(JSON.stringify({ before, supported: web.supported(), version: web.version() }));`);
    assert.deepEqual(out.before, ['NOT_INITIALISED', 'NOT_INITIALISED']);
    assert.equal(out.supported, true);
    assert.match(out.version, /^\d/);
  });

  it('init() failures are coded: INIT_FAILED for bytes that are not a module, and init() can be retried', () => {
    const out = fresh(`
      const web = await import(${JSON.stringify(url('index.js'))});
      let first;
      try { await web.default(new Uint8Array([1, 2, 3, 4])); } catch (e) { first = { code: e.code, guard: web.isFutureCommunityError(e), message: e.message }; }
      await web.default((await import('node:fs')).readFileSync(${JSON.stringify(path.join(PKG_DIR, 'future_community_bg.wasm'))}));
      console.log(JSON.stringify({ first, version: web.version() }));`);
    assert.ok(['INIT_FAILED', 'UNSUPPORTED_RUNTIME'].includes(out.first.code), JSON.stringify(out.first));
    assert.equal(out.first.guard, true);
    assert.match(out.version, /^\d/);
  });

  it('after free(): FREED; free() twice is a no-op; a foreign `this` is INVALID_RECEIVER', async () => {
    const fc = require(path.join(PKG_DIR, 'node.cjs'));
    const c = fc.Community.fromGeoJSON(await readRepoText(DATASET));
    const summary = c.summary;
    c.free();
    c.free();
    assert.equal(codeOf(() => c.summary()), 'FREED');
    assert.equal(codeOf(() => c.evaluate()), 'FREED');
    assert.equal(codeOf(() => summary.call({})), 'INVALID_RECEIVER');
    assert.equal(codeOf(() => summary()), 'INVALID_RECEIVER');
    const d = fc.Community.fromGeoJSON(await readRepoText(DATASET));
    d[Symbol.dispose]();
    assert.equal(codeOf(() => d.siteMetrics()), 'FREED');
  });

  // The receiver promise of SECURITY.md (with the use_after_free cases of
  // tests/corpus/calls/, run by test/hostile.test.mjs): a method reaches the
  // module only through an object the package made and has not freed.
  for (const entry of ['node.cjs', 'inline.js']) {
    it(`receivers (${entry}): forged, copied and __wrap-made objects never reach the module; free() during a call is deferred, not leaked`, async () => {
      const fc = entry === 'node.cjs' ? require(path.join(PKG_DIR, entry)) : await import(url(entry));
      const { Community } = fc;
      const text = await readRepoText('tests/corpus/calls/community.geojson');
      const c = Community.fromGeoJSON(text);
      const count = c.summary().featureCount;
      const ptr = c.__wbg_ptr;
      assert.ok(ptr > 0);

      // An object with the prototype and a pointer, and one sharing c's pointer.
      for (const forged of [8, 3, -1, 2 ** 31, ptr].map((p) => Object.create(Community.prototype, { __wbg_ptr: { value: p, writable: true } }))) {
        assert.equal(codeOf(() => Community.prototype.summary.call(forged)), 'INVALID_RECEIVER');
        assert.equal(codeOf(() => Community.prototype.free.call(forged)), 'INVALID_RECEIVER');
        assert.equal(codeOf(() => Community.prototype[Symbol.dispose].call(forged)), 'INVALID_RECEIVER');
      }
      assert.equal(codeOf(() => Community.prototype.summary.call(new Proxy(c, {}))), 'INVALID_RECEIVER');
      assert.equal(c.summary().featureCount, count);

      // __wrap: refused outside the package's calls, inert when a callback calls it during one.
      assert.equal(codeOf(() => Community.__wrap(ptr)), 'INVALID_RECEIVER');
      assert.throws(() => { Community.__wrap = () => null; }, TypeError);
      let inner;
      const d = Community.fromGeoJSON(text, { get crs() { inner = Community.__wrap(ptr); return 'wgs84'; } });
      assert.ok(inner instanceof Community, 'the getter ran inside fromGeoJSON');
      assert.equal(codeOf(() => inner.summary()), 'INVALID_RECEIVER');
      assert.equal(codeOf(() => inner.free()), 'INVALID_RECEIVER');
      assert.equal(d.summary().featureCount, count);
      assert.equal(c.summary().featureCount, count);

      // A genuine object cannot be pointed elsewhere, nor its free() redirected.
      assert.throws(() => { c.__wbg_ptr = 8; }, TypeError);
      assert.throws(() => Object.defineProperty(c, '__wbg_ptr', { value: 8 }), TypeError);
      Object.defineProperty(c, '__destroy_into_raw', { value: () => d.__wbg_ptr });
      c.free();
      assert.equal(c.__wbg_ptr, 0);
      assert.equal(codeOf(() => c.summary()), 'FREED');
      assert.equal(d.summary().featureCount, count);
      d.free();

      // new Community(): holds nothing; its methods refuse, its free() does nothing.
      const empty = new Community();
      assert.equal(codeOf(() => empty.summary()), 'INVALID_RECEIVER');
      assert.equal(codeOf(() => empty.free()), 'no error');

      // free() from an option getter while a method runs: the call finishes, the
      // object is FREED from then on, and its memory is released when the call
      // returns (the allocator hands the same block to the next community, as
      // after a plain free(), when it does so at all).
      const a = Community.fromGeoJSON(text);
      const aPtr = a.__wbg_ptr;
      a.free();
      const b = Community.fromGeoJSON(text);
      const reuses = b.__wbg_ptr === aPtr;
      const bPtr = b.__wbg_ptr;
      let innerCodes = [];
      const result = b.accessibility({
        get k() {
          b.free();
          innerCodes = [codeOf(() => b.free()), codeOf(() => b.summary())];
          return 1;
        },
      });
      assert.ok(Array.isArray(result.buildings));
      assert.deepEqual(innerCodes, ['no error', 'FREED']);
      assert.equal(codeOf(() => b.summary()), 'FREED');
      assert.equal(b.__wbg_ptr, 0);
      assert.equal(codeOf(() => b.free()), 'no error');
      const next = Community.fromGeoJSON(text);
      if (reuses) assert.equal(next.__wbg_ptr, bPtr, 'the deferred free() released the memory');
      assert.equal(next.summary().featureCount, count);
      next.free();
    });
  }

  it('FutureCommunityError: instanceof and the guard hold for errors from the module', () => {
    const fc = require(path.join(PKG_DIR, 'node.cjs'));
    let err;
    try {
      fc.Community.fromGeoJSON('{"type": "FeatureCollection", "features": [');
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof fc.FutureCommunityError);
    assert.ok(err instanceof Error);
    assert.ok(fc.isFutureCommunityError(err));
    assert.equal(err.code, 'INVALID_JSON');
    assert.equal(fc.isFutureCommunityError(new Error('x')), false);
    assert.equal(fc.isFutureCommunityError({ name: 'FutureCommunityError', code: 'X' }), false);
    const own = new fc.FutureCommunityError('FREED');
    assert.ok(own instanceof fc.FutureCommunityError);
    assert.match(own.message, /free/);
  });

  it('option errors say in words what is allowed, never in serde\'s wording', async () => {
    const fc = require(path.join(PKG_DIR, 'node.cjs'));
    const c = fc.Community.fromGeoJSON(await readRepoText(DATASET));
    const cases = [
      [() => c.isochrones({ origin: 'x', minutes: [5] }), /\[lon, lat\]/],
      [() => c.isochrones({ origin: [24.94, 60.17], minutes: 'ten' }), /number or an array of numbers/],
      [() => c.accessibility({ thresholdM: [300] }), /"thresholdM" is not an option here; the options are .*"thresholdsM"/],
      [() => c.accessibility({ k: 'a' }), /expected a whole number.*got the string "a"/],
      [() => c.evaluate('zhejiang-future-community', { projectType: 'x' }), /"x" is not allowed; use one of "renovation", "newBuild"/],
      [() => c.siteMetrics([1, 2]), /expected an object with named options, got an array/],
      [() => c.siteMetrics(5), /got a number/],
      [() => fc.Community.fromGeoJSON('{"type":"FeatureCollection","features":[]}', { crs: 'utm' }), /"utm" is not allowed; use one of "wgs84", "gcj02", "bd09"/],
      [() => fc.profile(42), /profile id \(a string/],
    ];
    for (const [call, want] of cases) {
      let err;
      try {
        call();
      } catch (e) {
        err = e;
      }
      assert.ok(fc.isFutureCommunityError(err), `${call}: ${err}`);
      assert.equal(err.code, 'INVALID_OPTION', `${call}`);
      assert.match(err.message, want);
      assert.doesNotMatch(err.message, /untagged|at line \d+ column|usize|\bf64\b|\bstruct\b|invalid type:/, err.message);
    }
    c.free();
  });

  it('the inline entry is ready at import and computes the same metrics', async () => {
    const inline = await import(url('inline.js'));
    const node = require(path.join(PKG_DIR, 'node.cjs'));
    const text = await readRepoText(DATASET);
    const a = inline.Community.fromGeoJSON(text).siteMetrics();
    const b = node.Community.fromGeoJSON(text).siteMetrics();
    assert.deepEqual(a, b);
  });

  it('package.json: one package for every runtime, with licences and no placeholder URL', async () => {
    const pkg = JSON.parse(await readFile(path.join(PKG_DIR, 'package.json'), 'utf8'));
    assert.equal(pkg.name, 'future-community');
    assert.equal(pkg.type, 'module');
    assert.ok(pkg.engines.node);
    assert.ok(pkg.keywords.length > 5);
    assert.equal(pkg.repository, undefined);
    assert.deepEqual(Object.keys(pkg.exports['.']), ['node', 'types', 'default']);
    for (const f of ['LICENSE-MIT', 'LICENSE-APACHE', 'README.md']) {
      assert.ok((await readFile(path.join(PKG_DIR, f), 'utf8')).length > 500, f);
    }
    const readme = await readFile(path.join(PKG_DIR, 'README.md'), 'utf8');
    assert.match(readme, /npm i future-community/);
    assert.match(readme, /wasm-unsafe-eval/);
    assert.doesNotMatch(readme, /apt-get|scripts\/test\.sh|cargo /, 'the npm README is for package users');
  });
});
