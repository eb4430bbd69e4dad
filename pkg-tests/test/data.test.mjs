// The bundled dataset and the reference numbers copied into lib/reference.mjs
// are the oracle's: checked against ../shared when it is there (CI has it).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';

import { ROOT, readRepoText } from '../lib/load.mjs';
import { AREAS, DATASET } from '../lib/reference.mjs';

const ORACLE = path.resolve(ROOT, '../shared/data/helsinki-centre');
const skip = existsSync(ORACLE) ? false : `no oracle data at ${ORACLE}`;

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

  it('is byte-identical to the oracle copy', { skip }, async () => {
    const bundled = await readFile(path.join(ROOT, DATASET));
    const oracle = await readFile(path.join(ORACLE, 'normalized.geojson'));
    assert.ok(bundled.equals(oracle), `${DATASET} differs from ${ORACLE}/normalized.geojson`);
  });

  it('reference values in lib/reference.mjs equal reference/areas.json', { skip }, async () => {
    const areas = JSON.parse(await readFile(path.join(ORACLE, 'reference/areas.json'), 'utf8'));
    for (const [key, value] of Object.entries(AREAS)) assert.equal(value, areas[key], key);
  });
});
