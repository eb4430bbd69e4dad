// Runs the calls a page makes on one generated district and prints, as JSON,
// the size of the module's WebAssembly memory after each phase. Linear memory
// only grows, so each figure is the peak so far. Run in a fresh process per
// input (test/memory.test.mjs): `node lib/memory-probe.mjs FILE`.
import { readFile } from 'node:fs/promises';

import { loadPackage } from './load.mjs';

// Catch the instance the glue creates, to read its memory (test only: the
// package does not export it).
let memory = null;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...args) => {
  const out = await instantiate.apply(WebAssembly, args);
  const instance = out instanceof WebAssembly.Instance ? out : out.instance;
  memory = instance.exports.memory;
  return out;
};

const file = process.argv[2];
const text = await readFile(file, 'utf8');
const fc = await loadPackage('web');
if (!(memory instanceof WebAssembly.Memory)) throw new Error('the module memory was not caught');
const bytes = Buffer.byteLength(text);
const phases = { init: memory.buffer.byteLength };
const c = fc.Community.fromGeoJSON(text);
phases.read = memory.buffer.byteLength;
c.siteMetrics();
phases.siteMetrics = memory.buffer.byteLength;
c.accessibility();
phases.accessibility = memory.buffer.byteLength;
c.accessibilityColumns();
phases.accessibilityColumns = memory.buffer.byteLength;
c.evaluate();
phases.evaluate = memory.buffer.byteLength;
c.travelCircles();
phases.travelCircles = memory.buffer.byteLength;
c.free();
process.stdout.write(JSON.stringify({ bytes, phases }) + '\n');
