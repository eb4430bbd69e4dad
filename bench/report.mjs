// Turns the results of one scripts/bench.sh run (bench/results/*.json) into
// the Markdown tables of BENCHMARKS.md:
//   node bench/report.mjs bench/results [--pandana-note TEXT]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] ?? path.join(root, 'bench', 'results');
const ni = process.argv.indexOf('--pandana-note');
const pandanaNote = ni > 0 ? process.argv[ni + 1] : '';
const order = ['helsinki', 'city100', 'city300'];
const runs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')))
  .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
if (!runs.length) {
  console.error(`no results in ${dir}`);
  process.exit(1);
}

const sh = (cmd, args) => {
  try {
    // The project's tools first, as scripts/lib.sh puts them (wasm-opt from npm binaryen).
    const PATH = [path.join(root, 'pkg-tests/node_modules/.bin'), path.join(process.env.HOME ?? '', '.cargo/bin'), process.env.PATH].join(':');
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, PATH } }).trim();
  } catch {
    return 'n/a';
  }
};
const cpuModel = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? 'n/a';
const pkg = JSON.parse(readFileSync(path.join(root, 'pkg', 'package.json'), 'utf8'));
const wasm = path.join(root, 'pkg', 'future_community_bg.wasm');
const wasmBytes = existsSync(wasm) ? readFileSync(wasm) : null;
const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const MB = (b) => b / 1e6;
const speed = (ours, theirs) => (ours <= theirs ? `ours ${f1(theirs / ours)}x faster` : `ours ${f1(ours / theirs)}x slower`);
const out = [];
const p = (s = '') => out.push(s);

const turfV = runs.find((r) => r.turf?.version)?.turf.version ?? 'n/a';
const pd = runs.find((r) => r.pandana?.pandana)?.pandana;
p(`Run of ${runs.map((r) => r.date).sort()[0].slice(0, 10)} (${runs.map((r) => r.name).join(', ')}).`);
p();
p('| machine / version | value |');
p('| --- | --- |');
p(`| CPU | ${cpuModel}, \`nproc\` = ${sh('nproc', [])} (shared with other jobs: load average at the start of each workload ${runs.map((r) => `${r.name} ${r.machine.loadavg[0].toFixed(1)}`).join(', ')}) |`);
p(`| memory | ${f0(Number(sh('awk', ['/MemTotal/ {print $2}', '/proc/meminfo'])) / 1024 / 1024)} GiB |`);
p(`| Node | ${runs[0].machine.node} |`);
p(`| rustc | ${sh('rustc', ['--version'])} |`);
p(`| wasm-pack / wasm-bindgen / wasm-opt | ${sh('wasm-pack', ['--version'])} / ${sh('wasm-bindgen', ['--version'])} / ${sh('wasm-opt', ['--version'])} |`);
p(`| future-community | ${pkg.version}, \`pkg/future_community_bg.wasm\` ${wasmBytes ? `${f0(wasmBytes.length)} B raw, ${f0(Number(sh('sh', ['-c', `gzip -9 -n -c < '${wasm}' | wc -c`])))} B gzip -9` : 'n/a'} |`);
p(`| Turf.js | @turf/nearest-point ${turfV} (+ @turf/centroid, @turf/helpers) |`);
p(`| Pandana | ${pd ? `pandana ${pd.pandana}, numpy ${pd.numpy}, pandas ${pd.pandas}, Python ${pd.python}` : `skipped: ${pandanaNote || 'see the logs'}`} |`);
p();

p('### Workloads');
p();
p('| workload | input | features | residential origins | categories | facilities | network nodes / edges | repeats |');
p('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of runs) {
  p(`| ${r.name} | ${f1(MB(r.inputBytes))} MB | ${f0(r.info.features)} | ${f0(r.info.origins)} | ${r.info.categories.length} | ${f0(r.turf?.facilities)} | ${f0(r.info.network.nodes)} / ${f0(r.info.network.edges)} | ${r.repeats} |`);
}
p();

p('### Our package in Node, per phase (median wall ms; CPU ms of the process in brackets)');
p();
const phases = [
  ['JSON.parse (V8, the floor)', 'parse'],
  ['fromGeoJSON (our parse)', 'fromGeoJSON'],
  ['network build + snapping', 'engine'],
  ['accessibilityColumns, all categories x 4 thresholds, incl. coverage', 'access'],
  ['accessibility() (object form), same query', 'accessObjects'],
  ['**end to end** (fromGeoJSON + engine + accessibilityColumns)', 'e2e'],
  ['**end to end through accessibility()** (objects)', 'e2eObjects'],
  ['search only (all categories, no thresholds)', 'searchOnly'],
  ['coverage (derived: accessibility - search only)', 'coverage'],
  ['per-category calls (one category each), sum', 'perCategorySum'],
  ['evaluate() (default profile)', 'evaluate'],
  ['100 sites: one evaluate()', 'sitesEvaluate'],
  ['100 sites: evaluateAll()', 'evaluateAll'],
  ['isochrones [5,10,15] min, per origin', 'isoEach'],
];
p(`| phase | ${runs.map((r) => r.name).join(' | ')} |`);
p(`| --- | ${runs.map(() => '---:').join(' | ')} |`);
for (const [label, k] of phases) {
  const cell = (r) => {
    if (k === 'isoEach') {
      return `${f1(r.medians.isochrones / r.isochroneOrigins)} (${f1(r.cpuMedians.isochrones / r.isochroneOrigins)}) ×${r.isochroneOrigins}`;
    }
    if (!Number.isFinite(r.medians[k])) return '–';
    const c = r.cpuMedians?.[k];
    return `${f0(r.medians[k])}${Number.isFinite(c) ? ` (${f0(c)})` : ''}`;
  };
  p(`| ${label} | ${runs.map(cell).join(' | ')} |`);
}
p();
const slowest = (r) => Object.entries(r.medians.perCategory).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([c, v]) => `${c} ${f0(v)}`).join(', ');
p(`Slowest single categories (ms): ${runs.map((r) => `${r.name}: ${slowest(r)}`).join('; ')}.`);
p();

p('### Side by side: ratios ours / theirs, measured in the same process run');
p();
p('| | ' + runs.map((r) => r.name).join(' | ') + ' |');
p('| --- | ' + runs.map(() => '---:').join(' | ') + ' |');
p(`| V8 JSON.parse (ms) | ${runs.map((r) => f0(r.medians.parse)).join(' | ')} |`);
p(`| ours end to end (ms) | ${runs.map((r) => f0(r.medians.e2e)).join(' | ')} |`);
p(`| ours end to end, first run of the process (cold code), and its JSON.parse (ms) | ${runs.map((r) => `${f0(r.runs.e2e[0])} / ${f0(r.runs.parse[0])}`).join(' | ')} |`);
p(`| ours end to end through accessibility() (ms) | ${runs.map((r) => f0(r.medians.e2eObjects)).join(' | ')} |`);
p(`| **ours through accessibility() / JSON.parse** (target ≤ 1) | ${runs.map((r) => `**${f2(r.medians.e2eObjects / r.medians.parse)}** (CPU ${f2(r.cpuMedians.e2eObjects / r.cpuMedians.parse)})`).join(' | ')} |`);
p(`| **accessibility() / accessibilityColumns()** (target ≤ 1.25) | ${runs.map((r) => `**${f2(r.medians.accessObjects / r.medians.access)}**`).join(' | ')} |`);
p(`| **evaluateAll() of ${runs[0].info.sites ?? 100} sites / one evaluate()** (target ≤ 1.5) | ${runs.map((r) => `**${f2(r.medians.evaluateAll / r.medians.sitesEvaluate)}**`).join(' | ')} |`);
p(`| evaluate() / JSON.parse; evaluateAll() / JSON.parse | ${runs.map((r) => `${f2(r.medians.evaluate / r.medians.parse)}; ${f2(r.medians.evaluateAll / r.medians.parse)}`).join(' | ')} |`);
p(`| **ours / JSON.parse** (columns; target ≤ 1) | ${runs.map((r) => `**${f2(r.medians.e2e / r.medians.parse)}** (CPU ${f2(r.cpuMedians.e2e / r.cpuMedians.parse)})`).join(' | ')} |`);
p(`| Turf.js JSON.parse + nearest, **extrapolated** from a sample (ms) | ${runs.map((r) => (r.turf?.skipped ? 'skipped' : `${f0(r.turf.total)} (sample ${r.turf.sample} of ${f0(r.turf.buildings)}, ${f2(r.turf.perBuildingMs)} ms/building)`)).join(' | ')} |`);
p(`| **ours / Turf.js** | ${runs.map((r) => (r.turf?.skipped ? '–' : `**${f2(r.medians.e2e / r.turf.total)}** (${speed(r.medians.e2e, r.turf.total)})`)).join(' | ')} |`);
const pan = (r, f) => (r.pandana?.skipped ? `skipped` : f(r.pandana));
p(`| Pandana Network() build (ms) | ${runs.map((r) => pan(r, (x) => f0(x.build))).join(' | ')} |`);
p(`| Pandana precompute(1000 m) (ms) | ${runs.map((r) => pan(r, (x) => f0(x.precompute))).join(' | ')} |`);
p(`| Pandana set_pois + nearest_pois, every category (ms) | ${runs.map((r) => pan(r, (x) => f0(x.query))).join(' | ')} |`);
p(`| Pandana build + query (ms; process CPU ms) | ${runs.map((r) => pan(r, (x) => `${f0(x.total)} (${f0(x.cpu.total)}) ×${x.repeats}`)).join(' | ')} |`);
p(`| Pandana json.load + tables, not counted (ms) | ${runs.map((r) => pan(r, (x) => f0(x.load))).join(' | ')} |`);
p(`| **ours end to end / Pandana build + query** (target ≤ 0.02, i.e. ≥ 50x faster) | ${runs.map((r) => pan(r, (x) => `**${f2(r.medians.e2e / x.total)}** (${speed(r.medians.e2e, x.total)})`)).join(' | ')} |`);
p(`| ours engine + accessibility / Pandana build + query | ${runs.map((r) => pan(r, (x) => `${f2(r.medians.buildQuery / x.total)} (${speed(r.medians.buildQuery, x.total)})`)).join(' | ')} |`);
p();

p('### Peak memory');
p();
p('| | ' + runs.map((r) => r.name).join(' | ') + ' |');
p('| --- | ' + runs.map(() => '---:').join(' | ') + ' |');
const mem = (r) => r.memory.child;
p(`| our pipeline alone (child process, no JSON.parse): peak RSS, VmHWM (MB) | ${runs.map((r) => f0(MB(mem(r).hwm))).join(' | ')} |`);
p(`| same, **x input** (target < 4) | ${runs.map((r) => `**${f2(mem(r).hwm / r.inputBytes)}**`).join(' | ')} |`);
p(`| same, RSS sampled every 5 ms from outside (MB) | ${runs.map((r) => f0(MB(mem(r).sampledPeakRss))).join(' | ')} |`);
p(`| Node + wasm module baseline before reading (MB) | ${runs.map((r) => f0(MB(mem(r).stages.start.rss))).join(' | ')} |`);
p(`| peak above that baseline, x input | ${runs.map((r) => f2((mem(r).hwm - mem(r).stages.start.rss) / r.inputBytes)).join(' | ')} |`);
for (const s of ['text', 'fromGeoJSON', 'engine', 'accessibility']) {
  p(`| RSS after ${s} (MB; process.memoryUsage: heapUsed / external) | ${runs.map((r) => {
    const x = mem(r).stages[s] ?? mem(r).stages.access;
    return `${f0(MB(x.rss))} (${f0(MB(x.heapUsed))} / ${f0(MB(x.external))})`;
  }).join(' | ')} |`);
}
p(`| whole benchmark process (JSON.parse, all phases, Turf): peak RSS (MB, x input) | ${runs.map((r) => `${f0(MB(r.memory.inProcessPeak))} (${f2(r.memory.inProcessPeak / r.inputBytes)}x)`).join(' | ')} |`);
p();

const a = runs.find((r) => r.name === 'city100');
const b = runs.find((r) => r.name === 'city300');
if (a && b) {
  p('### Growth from N = 100 to N = 300 (cost at N=300 / cost at N=100)');
  p();
  p('| quantity | N=100 | N=300 | growth |');
  p('| --- | ---: | ---: | ---: |');
  const g = (label, x, y, fmt = f0) => p(`| ${label} | ${fmt(x)} | ${fmt(y)} | ${f2(y / x)}x |`);
  g('input bytes (MB)', MB(a.inputBytes), MB(b.inputBytes), f1);
  g('features', a.info.features, b.info.features);
  g('residential origins', a.info.origins, b.info.origins);
  g('network nodes', a.info.network.nodes, b.info.network.nodes);
  for (const [label, k] of phases.slice(0, 13)) g(`${label.replace(/\*\*/g, '')} (ms)`, a.medians[k], b.medians[k]);
  g('isochrones per origin (ms)', a.medians.isochrones / a.isochroneOrigins, b.medians.isochrones / b.isochroneOrigins, f1);
  if (!a.turf?.skipped && !b.turf?.skipped) g('Turf per building (ms)', a.turf.perBuildingMs, b.turf.perBuildingMs, f2);
  if (!a.pandana?.skipped && !b.pandana?.skipped) g('Pandana build + query (ms)', a.pandana.total, b.pandana.total);
  g('our peak RSS (MB)', MB(mem(a).hwm), MB(mem(b).hwm));
  p();
}
console.log(out.join('\n'));
