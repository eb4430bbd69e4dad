// Accessibility, 2SFCA and evaluation through the built package, against
// the independent reference values (networkx + PySAL access) in
// data/helsinki-centre/reference/ (vendored from the oracle data set). Run per build with FC_PKG.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ROOT, loadPackage, readRepoText } from '../lib/load.mjs';
import { DATASET } from '../lib/reference.mjs';

const REF = path.join(ROOT, 'data', 'helsinki-centre', 'reference');
const readRef = async (name) => JSON.parse(await readFile(path.join(REF, name), 'utf8'));

let api;
let community;
let coverageRef;
let fcaRef;

before(async () => {
  api = await loadPackage();
  community = api.Community.fromGeoJSON(await readRepoText(DATASET));
  coverageRef = await readRef('coverage.json');
  fcaRef = await readRef('two_sfca.json');
});
after(() => community.free());

describe('accessibility()', () => {
  it('coverage matches the reference within 0.5 percentage points (network_edge)', () => {
    const r = community.accessibility({ thresholdsM: [300, 500, 800, 1000] });
    let checked = 0;
    for (const [cat, byVariant] of Object.entries(coverageRef.categories)) {
      const ref = byVariant.network_edge;
      for (const t of ['300', '500', '800', '1000']) {
        const ours = r.coverage[cat]?.[t]?.households;
        if (ref[t].household_share === null || ours === undefined) continue;
        assert.ok(Math.abs(ours - ref[t].household_share) <= 0.005, `${cat} ${t} m: ${ours} vs ${ref[t].household_share}`);
        checked += 1;
      }
    }
    assert.ok(checked >= 40, `only ${checked} coverage values compared`);
    assert.equal(r.buildings.length, 59);
    assert.equal(r.coverageTotals.households, 2727);
  });

  it('columns agree with the object form and use typed arrays', () => {
    const opts = { categories: ['clinic', 'bus_stop'], thresholdsM: [500] };
    const obj = community.accessibility(opts);
    const cols = community.accessibilityColumns(opts);
    assert.ok(cols.featureIndex instanceof Uint32Array);
    assert.ok(cols.categories.clinic.networkM instanceof Float64Array);
    assert.equal(cols.featureIndex.length, obj.buildings.length);
    obj.buildings.forEach((b, i) => {
      assert.equal(cols.featureIndex[i], b.featureIndex);
      const d = cols.categories.clinic.networkM[i];
      if (b.networkM.clinic === null) assert.ok(Number.isNaN(d));
      else assert.equal(d, b.networkM.clinic);
    });
  });

  it('the object form holds every column, value for value, with k, opportunities and decay (built in JS from the columns)', () => {
    const opts = { k: 3, opportunities: true, decay: { type: 'exponential', halfLifeM: 400 }, thresholdsM: [300, 800] };
    const obj = community.accessibility(opts);
    const cols = community.accessibilityColumns(opts);
    const nul = (x) => (Number.isNaN(x) ? null : x);
    assert.deepEqual(obj.categories, cols.categoryNames);
    assert.deepEqual(Object.keys(cols.categories), cols.categoryNames);
    assert.equal(cols.snap, 'edge');
    assert.ok(obj.categories.length >= 5, `${obj.categories.length} categories`);
    assert.deepEqual(obj.coverage, cols.coverage);
    assert.deepEqual(obj.warnings, cols.warnings);
    let reachable = 0;
    obj.buildings.forEach((b, i) => {
      assert.equal(b.featureIndex, cols.featureIndex[i]);
      assert.equal(b.id, cols.id[i]);
      assert.equal(b.households, cols.households[i]);
      assert.deepEqual(Object.keys(b.networkM), cols.categoryNames);
      for (const cat of cols.categoryNames) {
        const c = cols.categories[cat];
        assert.equal(b.networkM[cat], nul(c.networkM[i]));
        assert.equal(b.nearestFeatureIndex[cat], c.nearestFeatureIndex[i] < 0 ? null : c.nearestFeatureIndex[i]);
        assert.equal(b.straightM[cat], nul(c.straightM[i]));
        assert.equal(b.detourRatio[cat], nul(c.detourRatio[i]));
        assert.deepEqual(b.kNearestM[cat], [...c.kNearestM.subarray(3 * i, 3 * i + 3)].filter((d) => !Number.isNaN(d)));
        assert.deepEqual(b.opportunities[cat], { 300: c.opportunities[2 * i], 800: c.opportunities[2 * i + 1] });
        assert.equal(b.gravity[cat], c.gravity[i]);
        if (b.networkM[cat] !== null) reachable++;
      }
    });
    assert.ok(reachable > obj.buildings.length, `only ${reachable} reachable pairs`);
  });

  it('rejects misspelt options with INVALID_OPTION and keeps working', () => {
    assert.throws(() => community.accessibility({ thresholds: [300] }), (e) => e.code === 'INVALID_OPTION');
    assert.equal(community.networkSummary().components > 0, true);
  });
});

describe('twoStepFca()', () => {
  it('clinic scores match PySAL access within 1%', () => {
    const r = community.twoStepFca({ category: 'clinic', catchmentM: 1000 });
    const ref = fcaRef.categories.clinic.network_edge.per_building;
    const byId = new Map(r.buildings.map((b) => [b.id, b.score]));
    let checked = 0;
    for (const [id, want] of Object.entries(ref)) {
      const got = byId.get(id);
      assert.notEqual(got, undefined, `building ${id} missing`);
      const tol = Math.max(Math.abs(want) * 0.01, 1e-12);
      assert.ok(Math.abs(got - want) <= tol, `${id}: ${got} vs ${want}`);
      checked += 1;
    }
    assert.equal(checked, 59);
  });
});

describe('evaluate()', () => {
  it('scores the dataset with the default profile and diffs two reports', () => {
    const a = community.evaluate();
    assert.equal(a.profileId, 'zhejiang-future-community');
    assert.equal(a.scenarios.length, 9);
    assert.ok(a.completeness > 0 && a.completeness <= 1);
    const b = community.evaluate(null, { attributes: { wasteSortingRate: 0.9 }, projectType: 'renovation' });
    const diff = api.compareReports(a, b);
    assert.ok(Array.isArray(diff.indicators));
    assert.deepEqual(api.profiles().map((p) => p.id).sort(), [
      'complete-community', 'gb50180-life-circle', 'urban-health-check', 'zhejiang-future-community',
    ]);
  });
});

describe('isochrones(), serviceAreas(), travelTimeGrid(), travelCircles()', () => {
  it('isochrones nest and grow with the limit', () => {
    const fc = community.isochrones({ origin: [24.9425, 60.1699], minutes: [5, 10, 15] });
    assert.equal(fc.type, 'FeatureCollection');
    assert.deepEqual(fc.features.map((f) => f.properties.minutes), [5, 10, 15]);
    const areas = fc.features.map((f) => f.properties.areaM2);
    assert.ok(areas[0] > 0 && areas[0] < areas[1] && areas[1] < areas[2], `areas ${areas}`);
    // A 15-minute walk at 5 km/h plus the 50 m buffer bounds the area from above.
    const r = 15 * 60 * (5 / 3.6) + 50;
    assert.ok(areas[2] < Math.PI * r * r);
    assert.equal(fc.features[2].geometry.type, 'MultiPolygon');
  });

  it('the travel-time grid is a typed array of rows × cols', () => {
    const g = community.travelTimeGrid({ category: 'bus_stop', cellM: 100 });
    assert.ok(g.minutes instanceof Float64Array);
    assert.equal(g.minutes.length, g.rows * g.cols);
    assert.ok(g.minutes.some((m) => Number.isFinite(m) && m >= 0));
  });

  it('service areas and travel circles report households', () => {
    const sa = community.serviceAreas({ category: 'clinic', minutes: [10] });
    assert.equal(sa.features.length, 1);
    assert.ok(sa.features[0].properties.householdsReached <= sa.totalHouseholds);
    const tc = community.travelCircles();
    assert.ok(tc.bus5min.share >= 0 && tc.bus5min.share <= 1);
    assert.equal(tc.buildings.featureIndex.length, 59);
    // No `destination` features in this dataset: the 30-minute circle has nothing to reach.
    assert.equal(tc.destinations30min.facilities, 0);
  });

  it('an unknown facility id is NOT_FOUND', () => {
    assert.throws(() => community.isochrones({ origin: { facilityId: 'nope' } }), (e) => e.code === 'NOT_FOUND');
  });
});
