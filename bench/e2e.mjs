// End-to-end benchmark of the built Node package (pkg-node/) on one GeoJSON
// file, side by side with the alternatives, in ONE Node process per workload
// (scripts/bench.sh runs it for every workload; see BENCHMARKS.md).
//
//   node bench/e2e.mjs FILE [--name NAME] [--repeats R] [--turf-sample S]
//                          [--isochrones N] [--python PY] [--pandana-repeats R]
//                          [--no-pandana] [--out results.json]
//
// Measured, each repeat on a fresh Community, medians reported:
//   JSON.parse          V8's JSON.parse of the text (the floor for any reader)
//   fromGeoJSON         our parse + classification (Community.fromGeoJSON)
//   engine              network build + snapping (the first networkSummary()
//                       call builds the access engine, cached afterwards)
//   access              accessibilityColumns, every category x thresholds
//                       300/500/800/1000 m (nearest network + straight-line
//                       distance, detour ratio and coverage)
//   end to end          fromGeoJSON + engine + access: text in, accessibility
//                       for every category out
//   search only         accessibilityColumns with no thresholds (no coverage)
//   coverage            access - search only (derived)
//   per category        accessibilityColumns for one category at a time
//   evaluate            community.evaluate() (default profile)
//   isochrones          community.isochrones for N origins, [5, 10, 15] min
// Alternatives, same data and question:
//   Turf.js             JSON.parse + @turf/centroid + @turf/nearest-point per
//                       residential building per category (straight line), timed
//                       on a sample and EXTRAPOLATED to every building
//   Pandana             network build + precompute + nearest_pois for the same
//                       categories from every node (child Python process running
//                       bench/pandana_bench.py; skipped with a note when absent)
// Memory: this process's peak RSS (VmHWM) and process.memoryUsage(), and a
// separate child running only our pipeline (no JSON.parse) whose RSS is
// sampled by this process from /proc and whose own VmHWM is reported.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const THRESHOLDS = [300, 500, 800, 1000];

// ---------------------------------------------------------------- helpers
// A full GC before every timed phase, so that no phase pays for the garbage
// of another (the 82 MB district parses into ~1 GB of JS objects, and growing
// the wasm memory reports external memory that triggers a full GC of
// whatever the heap holds). A phase's own garbage is still charged to it.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
// Wall time and this process's CPU time (user + system, all threads): the
// machine is shared, so CPU time shows what contention does to wall time.
const now = () => ({ t: process.hrtime.bigint(), c: process.cpuUsage() });
const ms = (t0) => Number(process.hrtime.bigint() - t0.t) / 1e6;
const cpuMs = (t0) => {
  const d = process.cpuUsage(t0.c);
  return (d.user + d.system) / 1e3;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (bytes) => bytes / 1e6;
function procStatus(pid = 'self') {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')) ?? [])[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}
function memSnapshot() {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, hwm: procStatus().hwm };
}
// FC_BENCH_PKG=DIR measures another build of the Node package (e.g. a size
// experiment); default pkg/.
function loadPackage() {
  const p = path.resolve(process.env.FC_BENCH_PKG ?? path.join(root, 'pkg'), 'node.cjs');
  if (!existsSync(p)) throw new Error(`${p} is missing: run scripts/build-pkg.sh`);
  return require(p);
}

// ------------------------------------------------ memory child (our pipeline)
// `node bench/e2e.mjs --memory-child FILE`: text in, accessibility() objects
// out, no JSON.parse; prints one JSON line with memory after each stage.
if (process.argv[2] === '--memory-child') {
  const fc = loadPackage();
  const stages = { start: memSnapshot() };
  const text = readFileSync(process.argv[3], 'utf8');
  stages.text = memSnapshot();
  const c = fc.Community.fromGeoJSON(text);
  stages.fromGeoJSON = memSnapshot();
  c.networkSummary();
  stages.engine = memSnapshot();
  // The call README shows first (the object form): what a front end holds.
  const res = c.accessibility({ thresholdsM: THRESHOLDS });
  stages.accessibility = memSnapshot();
  if (res.buildings.length < 0) console.log('unreachable');
  c.free();
  stages.freed = memSnapshot();
  console.log(JSON.stringify({ inputBytes: Buffer.byteLength(text), stages, hwm: procStatus().hwm }));
  process.exit(0);
}

// ------------------------------------------------------------------- args
const args = process.argv.slice(2);
const file = args[0] && !args[0].startsWith('--') ? args[0] : null;
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
if (!file) {
  console.error('usage: node bench/e2e.mjs FILE [--name NAME] [--repeats R] [--turf-sample S] [--isochrones N] [--python PY] [--pandana-repeats R] [--no-pandana] [--out FILE]');
  process.exit(2);
}
const name = opt('name', path.basename(file, '.geojson'));
const repeats = Number(opt('repeats', 3));
const turfSample = Number(opt('turf-sample', 200));
const isoCount = Number(opt('isochrones', 100));
const python = opt('python', '');
const pandanaRepeats = Number(opt('pandana-repeats', 1));
const noPandana = args.includes('--no-pandana');
const outFile = opt('out', '');

const fc = loadPackage();
const text = readFileSync(file, 'utf8');
const inputBytes = Buffer.byteLength(text);
const log = (...a) => console.log(...a);
log(`== ${name}: ${file} (${mb(inputBytes).toFixed(1)} MB), ${repeats} repeats`);

// ------------------------------------------- memory child first (clean slate)
async function memoryChild() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--memory-child', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let sampledPeak = 0;
  let samples = 0;
  child.stdout.on('data', (d) => (out += d));
  const timer = setInterval(() => {
    const { rss } = procStatus(child.pid);
    if (Number.isFinite(rss)) {
      sampledPeak = Math.max(sampledPeak, rss);
      samples++;
    }
  }, 5);
  const code = await new Promise((res) => child.on('close', res));
  clearInterval(timer);
  if (code !== 0) throw new Error(`memory child exited with ${code}`);
  const r = JSON.parse(out.trim().split('\n').pop());
  return { ...r, sampledPeakRss: sampledPeak, samples };
}
const memory = await memoryChild();
log(`   memory child done: peak RSS ${mb(memory.hwm).toFixed(0)} MB (VmHWM), sampled ${mb(memory.sampledPeakRss).toFixed(0)} MB`);

// The district with its boundary replaced by SITE_GRID x SITE_GRID equal
// rectangles over the box of the feature centroids (for evaluateAll).
const SITE_GRID = 10;
function withSiteGrid(obj, cents) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < cents.length; i += 2) {
    if (!Number.isFinite(cents[i])) continue;
    x0 = Math.min(x0, cents[i]); x1 = Math.max(x1, cents[i]);
    y0 = Math.min(y0, cents[i + 1]); y1 = Math.max(y1, cents[i + 1]);
  }
  const dx = (x1 - x0) / SITE_GRID;
  const dy = (y1 - y0) / SITE_GRID;
  const sites = [];
  for (let r = 0; r < SITE_GRID; r++) {
    for (let q = 0; q < SITE_GRID; q++) {
      const [a, b] = [x0 + q * dx, y0 + r * dy];
      sites.push({
        type: 'Feature',
        properties: { kind: 'boundary', id: `site-${r}-${q}` },
        geometry: { type: 'Polygon', coordinates: [[[a, b], [a + dx, b], [a + dx, b + dy], [a, b + dy], [a, b]]] },
      });
    }
  }
  const rest = obj.features.filter((f) => f.properties?.kind !== 'boundary');
  return JSON.stringify({ type: 'FeatureCollection', features: [...sites, ...rest] });
}

function ringCentroid(geom) {
  const ring = geom.type === 'Polygon' ? geom.coordinates[0] : geom.type === 'MultiPolygon' ? geom.coordinates[0][0] : null;
  if (!ring) return geom.type === 'Point' ? geom.coordinates : null;
  let x = 0, y = 0;
  const n = ring.length > 1 ? ring.length - 1 : ring.length;
  for (let i = 0; i < n; i++) { x += ring[i][0]; y += ring[i][1]; }
  return [x / n, y / n];
}

// ------------------------------------------------------------ our package
const PHASES = ['parse', 'fromGeoJSON', 'engine', 'access', 'accessObjects', 'e2e', 'e2eObjects', 'searchOnly', 'evaluate', 'isochrones', 'sitesEvaluate', 'evaluateAll'];
const ours = { ...Object.fromEntries(PHASES.map((p) => [p, []])), perCategory: {} };
const oursCpu = Object.fromEntries(PHASES.map((p) => [p, []]));
const rec = (phase, t0) => {
  ours[phase].push(ms(t0));
  oursCpu[phase].push(cpuMs(t0));
};
let info = null;
let isoOrigins = null;
let centroids = null;
let sitesText = null;
const memInProcess = [];
for (let rep = 0; rep < repeats; rep++) {
  gc();
  let t0 = now();
  let obj = JSON.parse(text);
  rec('parse', t0);
  if (obj.features.length < 0) log('unreachable');
  // Keep only what the isochrones need (first repeat: a centroid per
  // feature, in a typed array), then drop the parsed objects.
  if (rep === 0) {
    centroids = new Float64Array(obj.features.length * 2).fill(NaN);
    obj.features.forEach((f, i) => {
      const p = f.geometry && ringCentroid(f.geometry);
      if (p) centroids.set(p, 2 * i);
    });
    sitesText = withSiteGrid(obj, centroids);
  }
  obj = null;
  gc();

  t0 = now();
  const c = fc.Community.fromGeoJSON(text);
  rec('fromGeoJSON', t0);
  gc();
  t0 = now();
  const net = c.networkSummary();
  rec('engine', t0);
  gc();
  t0 = now();
  const cols = c.accessibilityColumns({ thresholdsM: THRESHOLDS });
  rec('access', t0);
  ours.e2e.push(ours.fromGeoJSON.at(-1) + ours.engine.at(-1) + ours.access.at(-1));
  oursCpu.e2e.push(oursCpu.fromGeoJSON.at(-1) + oursCpu.engine.at(-1) + oursCpu.access.at(-1));
  memInProcess.push(memSnapshot());

  const cats = Object.keys(cols.categories);
  if (!info) {
    const summary = c.summary();
    info = {
      features: summary.featureCount,
      counts: summary.counts,
      origins: cols.featureIndex.length,
      categories: cats,
      network: net,
    };
    // Isochrone origins: centroids of residential buildings spread evenly.
    const fis = Array.from(cols.featureIndex);
    const step = Math.max(1, Math.floor(fis.length / isoCount));
    isoOrigins = [];
    for (let i = 0; i < fis.length && isoOrigins.length < isoCount; i += step) {
      const p = [centroids[2 * fis[i]], centroids[2 * fis[i] + 1]];
      if (Number.isFinite(p[0])) isoOrigins.push(p);
    }
    info.originFeatureIndex = fis;
  }

  // The call README shows first: the object form, same options.
  gc();
  t0 = now();
  c.accessibility({ thresholdsM: THRESHOLDS });
  rec('accessObjects', t0);
  ours.e2eObjects.push(ours.fromGeoJSON.at(-1) + ours.engine.at(-1) + ours.accessObjects.at(-1));
  oursCpu.e2eObjects.push(oursCpu.fromGeoJSON.at(-1) + oursCpu.engine.at(-1) + oursCpu.accessObjects.at(-1));

  gc();
  t0 = now();
  c.accessibilityColumns({ thresholdsM: [] });
  rec('searchOnly', t0);

  for (const cat of cats) {
    gc();
    t0 = now();
    c.accessibilityColumns({ categories: [cat], thresholdsM: THRESHOLDS });
    (ours.perCategory[cat] ??= []).push(ms(t0));
  }

  gc();
  t0 = now();
  c.evaluate();
  rec('evaluate', t0);

  gc();
  t0 = now();
  for (const origin of isoOrigins) c.isochrones({ origin, minutes: [5, 10, 15] });
  rec('isochrones', t0);
  c.free();

  // evaluateAll over SITE_GRID x SITE_GRID boundaries against one evaluate()
  // of the same community (engine already built: both share it).
  const cs = fc.Community.fromGeoJSON(sitesText);
  cs.networkSummary();
  gc();
  t0 = now();
  cs.evaluate();
  rec('sitesEvaluate', t0);
  gc();
  t0 = now();
  const all = cs.evaluateAll();
  rec('evaluateAll', t0);
  if (!info.sites) info.sites = all.reports.length;
  cs.free();
  log(`   ours repeat ${rep + 1}/${repeats}: end to end ${ours.e2e.at(-1).toFixed(0)} ms (JSON.parse ${ours.parse.at(-1).toFixed(0)} ms)`);
}
const inProcessPeak = procStatus().hwm;

// ------------------------------------------------------------------- Turf
async function turf() {
  let nearestPoint, centroid, helpers;
  try {
    const req = createRequire(path.join(here, 'package.json'));
    nearestPoint = req('@turf/nearest-point').nearestPoint ?? req('@turf/nearest-point').default;
    centroid = req('@turf/centroid').centroid ?? req('@turf/centroid').default;
    helpers = req('@turf/helpers');
  } catch (e) {
    return { skipped: `Turf.js not installed (npm ci in bench/): ${e.message}` };
  }
  const version = JSON.parse(readFileSync(path.join(here, 'node_modules/@turf/nearest-point/package.json'), 'utf8')).version;
  // Facilities of each category as Point features (polygon facilities: centroid).
  const byCat = {};
  for (const f of parsedOnce.features) {
    const p = f.properties ?? {};
    if (p.kind !== 'facility' || !f.geometry || !info.categories.includes(p.category)) continue;
    const pt = f.geometry.type === 'Point' ? f : centroid(f);
    (byCat[p.category] ??= []).push(helpers.point(pt.geometry.coordinates));
  }
  const fcs = info.categories.filter((c) => byCat[c]).map((c) => helpers.featureCollection(byCat[c]));
  const fis = info.originFeatureIndex;
  const n = Math.min(turfSample, fis.length);
  const step = fis.length / n;
  const sample = Array.from({ length: n }, (_, i) => parsedOnce.features[fis[Math.floor(i * step)]]);
  // Only the sample and the facilities stay alive (favours Turf: a real
  // Turf user holds the whole parsed district on the heap).
  parsedOnce = null;
  const perBuilding = [];
  const perBuildingCpu = [];
  for (let rep = 0; rep < repeats; rep++) {
    gc();
    const t0 = now();
    let sink = 0;
    for (const b of sample) {
      const c = centroid(b);
      for (const f of fcs) sink += nearestPoint(c, f).properties.distanceToPoint;
    }
    perBuilding.push(ms(t0) / n);
    perBuildingCpu.push(cpuMs(t0) / n);
    if (Number.isNaN(sink)) log('nan');
  }
  const per = median(perBuilding);
  const perCpu = median(perBuildingCpu);
  return {
    version,
    sample: n,
    buildings: fis.length,
    categories: fcs.length,
    facilities: fcs.reduce((s, f) => s + f.features.length, 0),
    perBuildingMs: per,
    nearestExtrapolated: per * fis.length,
    total: median(ours.parse) + per * fis.length,
    perBuildingCpuMs: perCpu,
    totalCpu: median(oursCpu.parse) + perCpu * fis.length,
  };
}
log('   Turf.js (straight-line nearest, sampled) ...');
let parsedOnce = JSON.parse(text);
const turfResult = await turf();

// ---------------------------------------------------------------- Pandana
function pandana() {
  if (noPandana) return { skipped: 'disabled with --no-pandana' };
  if (!python) return { skipped: 'no Python with pandana (bench/.venv not set up)' };
  const r = spawnSync(
    python,
    [path.join(here, 'pandana_bench.py'), file, '--repeats', String(pandanaRepeats), '--categories', info.categories.join(',')],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const m = (r.stdout ?? '').match(/PANDANA_JSON (.*)$/m);
  if (r.status !== 0 || !m) return { skipped: `pandana run failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  return JSON.parse(m[1]);
}
log(`   Pandana (${pandanaRepeats} repeat(s)) ...`);
const pandanaResult = pandana();

// ----------------------------------------------------------------- report
const med = (xs) => median(xs);
const M = {
  parse: med(ours.parse),
  fromGeoJSON: med(ours.fromGeoJSON),
  engine: med(ours.engine),
  access: med(ours.access),
  e2e: med(ours.e2e),
  searchOnly: med(ours.searchOnly),
  accessObjects: med(ours.accessObjects),
  e2eObjects: med(ours.e2eObjects),
  evaluate: med(ours.evaluate),
  sitesEvaluate: med(ours.sitesEvaluate),
  evaluateAll: med(ours.evaluateAll),
  isochrones: med(ours.isochrones),
  perCategory: Object.fromEntries(Object.entries(ours.perCategory).map(([k, v]) => [k, med(v)])),
};
M.coverage = Math.max(0, M.access - M.searchOnly);
const C = Object.fromEntries(Object.entries(oursCpu).map(([k, v]) => [k, med(v)]));
M.perCategorySum = Object.values(M.perCategory).reduce((a, b) => a + b, 0);
M.buildQuery = M.engine + M.access;
C.buildQuery = C.engine + C.access;

const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
// "12x faster" / "3.4x slower" for ours against an alternative.
const speed = (oursMs, theirsMs) =>
  oursMs <= theirsMs ? `ours ${f2(theirsMs / oursMs)}x faster` : `ours ${f2(oursMs / theirsMs)}x SLOWER`;
const row = (label, v, extra = '', cpu = NaN) =>
  log(`   ${label.padEnd(44)} ${f0(v).padStart(9)} ms ${Number.isFinite(cpu) ? `(cpu ${f0(cpu).padStart(6)})` : ' '.repeat(12)}  ${extra}`);
log(`\n== ${name}: ${mb(inputBytes).toFixed(1)} MB, ${info.features} features, ${info.origins} residential origins, ` +
  `${info.categories.length} categories, network ${info.network.nodes ?? '?'} nodes / ${info.network.edges ?? '?'} edges; medians of ${repeats}`);
row('V8 JSON.parse (the floor)', M.parse, '', C.parse);
row('ours: fromGeoJSON (parse)', M.fromGeoJSON, `${f2(M.fromGeoJSON / M.parse)}x JSON.parse`, C.fromGeoJSON);
row('ours: network build + snapping', M.engine, '', C.engine);
row(`ours: accessibility ${info.categories.length} cat x 4 thr (+coverage)`, M.access, '', C.access);
row('ours: END TO END (parse+engine+access)', M.e2e,
  `ratio ours/JSON.parse = ${f2(M.e2e / M.parse)} (target <= 1; by cpu time ${f2(C.e2e / C.parse)})`, C.e2e);
row('ours: accessibility() object form, same query', M.accessObjects, `${f2(M.accessObjects / M.access)}x accessibilityColumns (target <= 1.25)`, C.accessObjects);
row('ours: END TO END through accessibility()', M.e2eObjects,
  `ratio ours/JSON.parse = ${f2(M.e2eObjects / M.parse)} (target <= 1; by cpu time ${f2(C.e2eObjects / C.parse)})`, C.e2eObjects);
row('ours: search only (no thresholds)', M.searchOnly, '', C.searchOnly);
row('ours: coverage (derived: access - search)', M.coverage);
row('ours: per-category calls, sum', M.perCategorySum, Object.entries(M.perCategory).map(([k, v]) => `${k} ${f0(v)}`).join(', '));
row('ours: evaluate()', M.evaluate, '', C.evaluate);
row(`ours: ${info.sites} sites: one evaluate()`, M.sitesEvaluate, '', C.sitesEvaluate);
row(`ours: ${info.sites} sites: evaluateAll()`, M.evaluateAll, `${f2(M.evaluateAll / M.sitesEvaluate)}x one evaluate() (target <= 1.5)`, C.evaluateAll);
row(`ours: isochrones x ${isoOrigins.length} origins`, M.isochrones, `${f2(M.isochrones / isoOrigins.length)} ms each`, C.isochrones);
if (turfResult.skipped) log(`   Turf.js: SKIPPED: ${turfResult.skipped}`);
else {
  row(`Turf ${turfResult.version}: nearest, EXTRAPOLATED`, turfResult.nearestExtrapolated,
    `(${f2(turfResult.perBuildingMs)} ms/building over ${turfResult.categories} categories, sample ${turfResult.sample} of ${turfResult.buildings})`);
  row('Turf: JSON.parse + nearest (extrapolated)', turfResult.total,
    `ratio ours/Turf = ${f2(M.e2e / turfResult.total)} (${speed(M.e2e, turfResult.total)})`, turfResult.totalCpu);
}
if (pandanaResult.skipped) log(`   Pandana: SKIPPED: ${pandanaResult.skipped}`);
else {
  const p = pandanaResult;
  row(`Pandana ${p.pandana}: json.load + tables (not counted)`, p.load, '', p.cpu.load);
  row('Pandana: Network() build', p.build, '', p.cpu.build);
  row(`Pandana: precompute(${p.maxdist})`, p.precompute, '', p.cpu.precompute);
  row(`Pandana: nearest_pois x ${p.categories} categories`, p.query, '', p.cpu.query);
  row('Pandana: build + query', p.total,
    `ratio ours(e2e)/Pandana = ${f2(M.e2e / p.total)} (${speed(M.e2e, p.total)}; target >= 50x faster); ` +
    `ours(engine+access)/Pandana = ${f2(M.buildQuery / p.total)} (${speed(M.buildQuery, p.total)})`,
    p.cpu.total);
}
const xIn = (b) => `${f2(b / inputBytes)}x input`;
log(`   memory, our pipeline alone (child, no JSON.parse): peak RSS ${f0(mb(memory.hwm))} MB (${xIn(memory.hwm)}; target < 4x), ` +
  `sampled ${f0(mb(memory.sampledPeakRss))} MB over ${memory.samples} samples; baseline RSS before reading ${f0(mb(memory.stages.start.rss))} MB, ` +
  `peak above baseline ${f0(mb(memory.hwm - memory.stages.start.rss))} MB (${xIn(memory.hwm - memory.stages.start.rss)})`);
for (const [k, s] of Object.entries(memory.stages)) {
  log(`      after ${k.padEnd(12)} rss ${f0(mb(s.rss)).padStart(5)} MB  heapUsed ${f0(mb(s.heapUsed)).padStart(5)} MB  external ${f0(mb(s.external)).padStart(5)} MB  arrayBuffers ${f0(mb(s.arrayBuffers)).padStart(5)} MB`);
}
log(`   memory, this process (JSON.parse + all phases + alternatives): peak RSS ${f0(mb(inProcessPeak))} MB (${xIn(inProcessPeak)})`);

const result = {
  name,
  file: path.relative(root, path.resolve(file)),
  date: new Date().toISOString(),
  inputBytes,
  repeats,
  machine: { nproc: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg(), node: process.version },
  info: { ...info, originFeatureIndex: undefined },
  isochroneOrigins: isoOrigins.length,
  runs: ours,
  cpuRuns: oursCpu,
  medians: M,
  cpuMedians: C,
  turf: turfResult,
  pandana: pandanaResult,
  memory: { child: memory, inProcessPeak, inProcess: memInProcess },
};
if (outFile) {
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(result, null, 1));
  log(`   results written to ${outFile}`);
}
