// The bundled dataset, its vendored reference values and the numbers copied
// into lib/reference.mjs are the oracle's: checked against its recorded hashes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';

import { ROOT, readRepoText } from '../lib/load.mjs';
import { AREAS, DATASET, UNION } from '../lib/reference.mjs';

const DIR = path.join(ROOT, 'data/helsinki-centre');

describe('bundled dataset', () => {
  it('is a FeatureCollection carrying the OpenStreetMap attribution', async () => {
    const data = JSON.parse(await readRepoText(DATASET));
    assert.equal(data.type, 'FeatureCollection');
    assert.match(data.attribution, /OpenStreetMap contributors/);
    assert.match(data.attribution, /ODbL/);
    const readme = await readRepoText('data/helsinki-centre/README.md');
    assert.match(readme, /OpenStreetMap contributors/);
    assert.match(readme, /ODbL/);
  });

  it('every vendored file has the hash the oracle recorded (SHA256SUMS)', async () => {
    const sums = (await readFile(path.join(DIR, 'SHA256SUMS'), 'utf8')).trim().split('\n');
    assert.ok(sums.length >= 10, `SHA256SUMS lists only ${sums.length} files`);
    for (const line of sums) {
      const [want, name] = line.split(/\s+/);
      const got = createHash('sha256').update(await readFile(path.join(DIR, name))).digest('hex');
      assert.equal(got, want, `data/helsinki-centre/${name} differs from the oracle copy`);
    }
  });

  it('reference values in lib/reference.mjs equal reference/areas.json', async () => {
    const areas = JSON.parse(await readFile(path.join(DIR, 'reference/areas.json'), 'utf8'));
    for (const [key, value] of Object.entries(AREAS)) assert.equal(value, areas[key], key);
  });

  it('the union-based density copied into lib/reference.mjs is the one in derived/building_union.json', async () => {
    const union = JSON.parse(await readFile(path.join(DIR, 'derived/building_union.json'), 'utf8'));
    for (const [key, value] of Object.entries(UNION)) assert.equal(value, union[key], key);
  });
});
