// The memory promise of SECURITY.md: the module's WebAssembly memory after
// reading a district and running every page call on it (site metrics,
// accessibility in both forms, evaluate, travel circles) stays within a
// stated multiple of the input's size. Each input runs in a fresh process
// (lib/memory-probe.mjs), so the figure is that pipeline's peak.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

import { ROOT } from '../lib/load.mjs';

/** The promise: peak module memory ≤ MULTIPLE × input bytes + BASE_BYTES. */
export const MULTIPLE = 12;
export const BASE_BYTES = 4 * 1024 * 1024;

const dir = mkdtempSync(path.join(tmpdir(), 'fc-memory-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function probe(side) {
  const file = path.join(dir, `city-${side}.geojson`);
  writeFileSync(file, execFileSync('python3', [path.join(ROOT, 'bench/gen_city.py'), String(side), '1'], { maxBuffer: 1 << 30 }));
  const out = execFileSync(process.execPath, [path.join(ROOT, 'pkg-tests/lib/memory-probe.mjs'), file], { encoding: 'utf8' });
  return JSON.parse(out);
}

describe('module memory is bounded by a multiple of the input', () => {
  for (const side of [30, 80]) {
    it(`gen_city.py ${side}: every page call within ${MULTIPLE}× the input + ${BASE_BYTES >> 20} MiB`, () => {
      const { bytes, phases } = probe(side);
      const peak = Math.max(...Object.values(phases));
      const limit = MULTIPLE * bytes + BASE_BYTES;
      console.log(`  ${(bytes / 1e6).toFixed(2)} MB in, peak ${(peak / 1e6).toFixed(1)} MB = ${(peak / bytes).toFixed(1)}× (${JSON.stringify(phases)})`);
      assert.ok(bytes > 500_000, `the generated input is only ${bytes} bytes`);
      assert.ok(peak <= limit, `peak module memory ${peak} B > ${MULTIPLE} × ${bytes} + ${BASE_BYTES}`);
    });
  }
});
