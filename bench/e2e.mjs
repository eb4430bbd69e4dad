// End-to-end benchmark of the built Node package on one GeoJSON file:
// V8 JSON.parse of the text (the floor for any pipeline that reads it)
// versus Community.fromGeoJSON + accessibility for every category, measured
// side by side in one process. Usage:
//   node bench/e2e.mjs FILE [repeats]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fc = createRequire(import.meta.url)(path.join(root, 'pkg-node', 'future_community.js'));

const file = process.argv[2];
const repeats = Number(process.argv[3] ?? 3);
if (!file) {
  console.error('usage: node bench/e2e.mjs FILE [repeats]');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

const parse = [];
const read = [];
const access = [];
let peakRss = process.memoryUsage().rss;
for (let i = 0; i < repeats; i++) {
  let t0 = process.hrtime.bigint();
  const obj = JSON.parse(text);
  parse.push(ms(t0));
  if (obj.features.length === 0) console.log('empty');

  t0 = process.hrtime.bigint();
  const c = fc.Community.fromGeoJSON(text);
  read.push(ms(t0));
  t0 = process.hrtime.bigint();
  const cols = c.accessibilityColumns({ thresholdsM: [300, 500, 800, 1000] });
  access.push(ms(t0));
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (i === 0) {
    console.log(`categories: ${Object.keys(cols.categories).length}, origins: ${cols.featureIndex.length}`);
  }
  c.free();
}
const mb = text.length / 1e6;
const e2e = read.map((r, i) => r + access[i]);
console.log(`input ${mb.toFixed(1)} MB, ${repeats} runs, medians:`);
console.log(`  JSON.parse                  ${median(parse).toFixed(0)} ms`);
console.log(`  fromGeoJSON                 ${median(read).toFixed(0)} ms`);
console.log(`  accessibility (all cats)    ${median(access).toFixed(0)} ms`);
console.log(`  end to end                  ${median(e2e).toFixed(0)} ms  (ratio to JSON.parse ${(median(e2e) / median(parse)).toFixed(2)})`);
console.log(`  peak RSS                    ${(peakRss / 1e6).toFixed(0)} MB (${(peakRss / 1e6 / mb).toFixed(2)}x input)`);
