// The JS API contract, run against one build chosen by FC_PKG (node | web):
//   FC_PKG=node node --test test/api.test.mjs
//   FC_PKG=web  node --test test/api.test.mjs
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { PKG, loadPackage, readRepoBytes, readRepoText } from '../lib/load.mjs';
import { AREAS, DATASET, REL_TOLERANCE, SITE_METRICS, UNION, relClose } from '../lib/reference.mjs';

let api;
let text; // the bundled dataset as GeoJSON text
let geojson; // the same, parsed

before(async () => {
  api = await loadPackage();
  text = await readRepoText(DATASET);
  geojson = JSON.parse(text);
});

/** Runs fn on a Community built from input and frees it afterwards. */
function withCommunity(input, options, fn) {
  const community = options === undefined
    ? api.Community.fromGeoJSON(input)
    : api.Community.fromGeoJSON(input, options);
  try {
    return fn(community);
  } finally {
    community.free();
  }
}

/** Every [lon, lat] position in a geometry's coordinate tree. */
function* positions(coords) {
  if (typeof coords[0] === 'number') yield coords;
  else for (const c of coords) yield* positions(c);
}

/** A small valid dataset: a 100 m square site with one 2-floor building. */
function tinyDataset() {
  const square = (x0, y0, d) => [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]];
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'boundary', id: 'b' }, geometry: { type: 'Polygon', coordinates: square(120.1, 30.2, 0.001) } },
      { type: 'Feature', properties: { kind: 'building', id: 'h', floors: 2, use: 'residential' }, geometry: { type: 'Polygon', coordinates: square(120.1002, 30.2002, 0.0002) } },
    ],
  };
}

/** Asserts that fn throws an Error carrying `code` (and returns it). */
function assertThrowsCode(fn, code) {
  let caught;
  assert.throws(fn, (e) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof Error, `expected an Error, got ${Object.prototype.toString.call(caught)}: ${caught}`);
  assert.equal(caught.code, code, `error code (message: ${caught.message})`);
  assert.equal(typeof caught.message, 'string');
  assert.ok(caught.message.length > 0, 'the error has a message');
  return caught;
}

describe(`pkg-${PKG}: exports`, () => {
  it('has version() and the Community class', () => {
    assert.equal(typeof api.version, 'function', 'version()');
    assert.equal(typeof api.Community?.fromGeoJSON, 'function', 'Community.fromGeoJSON()');
  });

  it('version() returns the crate version from Cargo.toml', async () => {
    const cargo = await readRepoText('Cargo.toml');
    const crateVersion = cargo.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m)[1];
    assert.equal(api.version(), crateVersion);
  });
});

describe(`pkg-${PKG}: Community on the bundled helsinki-centre dataset`, () => {
  let summary;
  let metrics;
  before(() => {
    withCommunity(text, undefined, (c) => {
      summary = c.summary();
      metrics = c.siteMetrics();
    });
  });

  it('summary() counts every feature by kind', () => {
    const kinds = {};
    for (const f of geojson.features) kinds[f.properties.kind] = (kinds[f.properties.kind] ?? 0) + 1;
    assert.equal(summary.featureCount, geojson.features.length);
    for (const [kind, n] of Object.entries(kinds)) {
      assert.equal(summary.counts[kind], n, `counts.${kind}`);
    }
    // Spot check against the dataset's README: 1 / 433 / 400 / 2462 / 166.
    assert.deepEqual(
      [summary.counts.boundary, summary.counts.building, summary.counts.facility, summary.counts.road, summary.counts.green],
      [1, 433, 400, 2462, 166],
    );
  });

  it('summary() counts facilities by category', () => {
    const categories = {};
    for (const f of geojson.features) {
      if (f.properties.kind === 'facility') {
        categories[f.properties.category] = (categories[f.properties.category] ?? 0) + 1;
      }
    }
    for (const [category, n] of Object.entries(categories)) {
      assert.equal(summary.categories[category], n, `categories.${category}`);
    }
    for (const [category, n] of Object.entries(summary.categories)) {
      if (!(category in categories)) assert.equal(n, 0, `categories.${category} is absent from the data`);
    }
  });

  it('summary().bbox is [minLon, minLat, maxLon, maxLat] of all features', () => {
    const expected = [Infinity, Infinity, -Infinity, -Infinity];
    for (const f of geojson.features) {
      for (const [lon, lat] of positions(f.geometry.coordinates)) {
        expected[0] = Math.min(expected[0], lon);
        expected[1] = Math.min(expected[1], lat);
        expected[2] = Math.max(expected[2], lon);
        expected[3] = Math.max(expected[3], lat);
      }
    }
    assert.equal(summary.bbox.length, 4);
    summary.bbox.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-9, `bbox[${i}] = ${v}, expected ${expected[i]}`));
  });

  it('summary().warnings are well-formed', () => {
    assert.ok(Array.isArray(summary.warnings));
    for (const w of summary.warnings) {
      assert.match(w.code, /^[A-Z][A-Z0-9_]*$/);
      assert.equal(typeof w.message, 'string');
      if (w.featureIndex !== undefined) {
        assert.ok(Number.isInteger(w.featureIndex) && w.featureIndex >= 0 && w.featureIndex < summary.featureCount,
          `featureIndex ${w.featureIndex}`);
      }
    }
  });

  for (const [key, ref] of Object.entries(SITE_METRICS)) {
    it(`siteMetrics().${key} matches the oracle's ${ref} within ${REL_TOLERANCE * 100}%`, () => {
      assert.ok(relClose(metrics[key], (AREAS[ref] ?? UNION[ref])), `${key} = ${metrics[key]}, reference ${(AREAS[ref] ?? UNION[ref])}`);
    });
  }

  it('siteMetrics() ratios are consistent with its areas', () => {
    assert.ok(relClose(metrics.far, metrics.floorAreaM2 / metrics.siteAreaM2, 1e-9), 'far = floor area / site area');
    // The footprint sum counts overlaps twice; density counts them once.
    assert.ok(metrics.buildingDensity < metrics.footprintM2 / metrics.siteAreaM2, 'buildingDensity < footprint sum / site area');
  });

  it('siteMetrics() per-household and per-capita metrics are numbers or null', () => {
    for (const key of ['population', 'serviceFloorAreaPer100HouseholdsM2', 'publicGreenPerCapitaM2']) {
      assert.ok(key in metrics, `siteMetrics() has ${key}`);
      const v = metrics[key];
      assert.ok(v === null || (Number.isFinite(v) && v >= 0), `${key} = ${v}`);
    }
  });

  it('a parsed JS object gives the same results as the JSON text', () => {
    withCommunity(geojson, undefined, (c) => {
      assert.deepEqual(c.summary(), summary);
      assert.deepEqual(c.siteMetrics(), metrics);
    });
  });

  it('{ crs: "wgs84" } is the default', () => {
    withCommunity(text, { crs: 'wgs84' }, (c) => {
      assert.deepEqual(c.summary(), summary);
      assert.deepEqual(c.siteMetrics(), metrics);
    });
  });

  it('summary().sources carry the file\'s own name and credit, so a front end need not parse it', () => {
    withCommunity(text, undefined, (c) => {
      const [src] = c.summary().sources;
      assert.equal(src.attribution, geojson.attribution.replace(/\s+/g, ' ').trim().slice(0, 300));
      assert.equal(src.title, typeof geojson.name === 'string' ? geojson.name : null);
    });
  });

  it('featureProperties(i) gives feature i as written, only with { keepProperties: true }', () => {
    withCommunity(text, { keepProperties: true }, (c) => {
      for (const i of [0, 1, Math.floor(geojson.features.length / 2), geojson.features.length - 1]) {
        const f = geojson.features[i];
        const got = c.featureProperties(i);
        assert.equal(got.featureIndex, i);
        assert.equal(got.geometryType, f.geometry?.type);
        assert.deepEqual(got.properties, f.properties);
        assert.equal(got.id ?? null, f.id !== undefined ? String(f.id) : f.properties?.id != null ? String(f.properties.id) : null);
      }
      assert.equal(c.featureProperties(geojson.features.length), undefined);
      for (const bad of [-1, 1.5, NaN, '0', null]) {
        assert.throws(() => c.featureProperties(bad), (e) => e.code === 'INVALID_OPTION', String(bad));
      }
      // Kept across what-if edits (shared, not copied); added facilities have none.
      const point = geojson.features.find((g) => g.geometry?.type === 'Point').geometry.coordinates;
      const edited = c.withEdits({ add: [{ category: 'clinic', lngLat: point }] });
      try {
        assert.deepEqual(edited.featureProperties(0), c.featureProperties(0));
        assert.equal(edited.featureProperties(geojson.features.length), undefined);
      } finally {
        edited.free();
      }
    });
    withCommunity(text, undefined, (c) => assert.equal(c.featureProperties(0), undefined));
  });

  it('evaluateAll({ reports: false }) gives the same table and ranking without the reports', () => {
    // The boundary's box cut into 2 x 2 sites.
    const ring = geojson.features.find((f) => f.properties.kind === 'boundary').geometry.coordinates[0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const [xm, ym] = [(x0 + x1) / 2, (y0 + y1) / 2];
    const box = (a, b, c, d, id) => ({
      type: 'Feature',
      properties: { kind: 'boundary', id },
      geometry: { type: 'Polygon', coordinates: [[[a, c], [b, c], [b, d], [a, d], [a, c]]] },
    });
    const sites = [box(x0, xm, y0, ym, 'q0'), box(xm, x1, y0, ym, 'q1'), box(x0, xm, ym, y1, 'q2'), box(xm, x1, ym, y1, 'q3')];
    const input = { type: 'FeatureCollection', features: [...sites, ...geojson.features.filter((f) => f.properties.kind !== 'boundary')] };
    withCommunity(input, undefined, (c) => {
      const full = c.evaluateAll();
      const slim = c.evaluateAll(undefined, { reports: false });
      assert.equal(full.reports.length, 4);
      assert.deepEqual(slim.reports, []);
      assert.deepEqual(slim.table, full.table);
      assert.deepEqual(slim.ranking, full.ranking);
      assert.deepEqual(slim.table.scenarios.map((s) => s.id), full.reports[0].scenarios.map((s) => s.id));
      full.reports.forEach((r, i) => {
        const row = slim.table.rows[i];
        assert.equal(row.siteId, r.siteId);
        assert.equal(row.status, r.status);
        assert.equal(row.failedBinding, r.failedBinding.length);
        assert.deepEqual(row.scenarioScores, r.scenarios.map((s) => s.score));
      });
      assert.throws(() => c.evaluateAll(undefined, { reports: 'no' }), (e) => e.code === 'INVALID_OPTION');
    });
  });
});

describe(`pkg-${PKG}: errors`, () => {
  it('a JSON value that is not a FeatureCollection throws NOT_FEATURE_COLLECTION, and the next call works', () => {
    const e = assertThrowsCode(() => api.Community.fromGeoJSON('{"type":"Nope"}'), 'NOT_FEATURE_COLLECTION');
    assert.equal(e.featureIndex, undefined, 'no single feature is at fault');
    withCommunity(JSON.stringify(tinyDataset()), undefined, (c) => {
      const s = c.summary();
      assert.equal(s.featureCount, 2);
      assert.equal(s.counts.building, 1);
    });
  });

  it('the same error for a JS object', () => {
    assertThrowsCode(() => api.Community.fromGeoJSON({ type: 'Nope' }), 'NOT_FEATURE_COLLECTION');
  });

  it('invalid JSON text throws INVALID_JSON', () => {
    assertThrowsCode(() => api.Community.fromGeoJSON('{"type": "FeatureCollection", "features": ['), 'INVALID_JSON');
  });

  it('an out-of-range coordinate throws COORDINATE_OUT_OF_RANGE with the featureIndex', () => {
    const data = tinyDataset();
    data.features[1].geometry.coordinates[0][2] = [200.5, 30.2];
    const e = assertThrowsCode(() => api.Community.fromGeoJSON(data), 'COORDINATE_OUT_OF_RANGE');
    assert.equal(e.featureIndex, 1);
  });

  it('a freed Community cannot be used again', () => {
    const c = api.Community.fromGeoJSON(tinyDataset());
    c.free();
    assert.throws(() => c.summary());
  });
});

describe(`pkg-${PKG}: messages people can act on (explain, messages)`, () => {
  it('explain() turns a thrown error into a Chinese and an English sentence, with the technical text as details', () => {
    let err;
    try {
      api.Community.fromGeoJSON('{"type": "FeatureCollection", "features": [');
    } catch (e) {
      err = e;
    }
    assert.equal(err?.code, 'INVALID_JSON');
    const zh = api.explain(err, { lang: 'zh-CN' });
    assert.equal(zh.lang, 'zh');
    assert.equal(zh.known, true);
    assert.match(zh.message, /JSON/);
    assert.match(zh.action, /[\u4e00-\u9fff]/);
    assert.equal(zh.details, err.message);
    const en = api.explain(err.code);
    assert.equal(en.lang, 'en');
    assert.equal(en.details, null);
    assert.doesNotMatch(en.message + en.action, /[\u4e00-\u9fff]/);
    assert.notEqual(en.message, zh.message);
  });

  it('every warning of the bundled dataset and the JS runtime codes have both languages', () => {
    const zh = api.messages({ lang: 'zh' });
    const en = api.messages({ lang: 'en' });
    assert.deepEqual(Object.keys(zh), Object.keys(en));
    const warnings = withCommunity(text, undefined, (c) => [...c.summary().warnings, ...c.siteMetrics().warnings]);
    for (const code of [...new Set(warnings.map((w) => w.code)), 'FREED', 'INVALID_RECEIVER', 'NOT_INITIALISED']) {
      assert.ok(zh[code]?.message && zh[code]?.action, `no Chinese text for ${code}`);
      assert.ok(en[code]?.message && en[code]?.action, `no English text for ${code}`);
      assert.equal(api.explain({ code, message: 'x' }, { lang: 'zh' }).known, true, code);
    }
  });

  it('a language other than zh or en is INVALID_OPTION', () => {
    assertThrowsCode(() => api.explain('INVALID_JSON', { lang: 'fr' }), 'INVALID_OPTION');
    assertThrowsCode(() => api.messages({ lang: 42 }), 'INVALID_OPTION');
  });
});

describe(`pkg-${PKG}: several sources, one community (fromSources)`, () => {
  const LAYERS = ['osm_raw_buildings', 'osm_raw_landuse', 'osm_raw_pois', 'osm_raw_highways'];

  it('the four raw OSM layers as four sources read as their concatenation, with sources named in warnings', async () => {
    const texts = await Promise.all(LAYERS.map((l) => readRepoText(`data/helsinki-centre/${l}.geojson`)));
    const features = texts.flatMap((t) => JSON.parse(t).features);
    const many = api.Community.fromSources(texts.map((data, i) => ({ data, name: `${LAYERS[i]}.geojson` })));
    const one = api.Community.fromGeoJSON({ type: 'FeatureCollection', features });
    try {
      const [m, o] = [many.summary(), one.summary()];
      assert.deepEqual(m.counts, o.counts);
      assert.deepEqual(m.categories, o.categories);
      assert.equal(m.featureCount, features.length);
      assert.deepEqual(m.sources.map((s) => s.featureCount), texts.map((t) => JSON.parse(t).features.length));
      assert.equal(m.sources[2].name, 'osm_raw_pois.geojson');
      assert.deepEqual(many.siteMetrics(), one.siteMetrics());
      const located = m.warnings.filter((w) => w.featureIndex !== undefined);
      assert.ok(located.length > 0);
      for (const w of located) {
        const s = m.sources[w.source];
        assert.equal(w.sourceFeatureIndex, w.featureIndex - s.firstFeatureIndex);
      }
      assert.equal(m.warningGroups.reduce((n, g) => n + g.count, 0), m.warnings.length);
      assert.equal(many.evaluate().score, one.evaluate().score);
    } finally {
      many.free();
      one.free();
    }
  });

  it('an error names its source', () => {
    let err;
    try {
      api.Community.fromSources([{ data: tinyDataset(), name: 'ok.geojson' }, { data: '{"type":', name: '拱宸桥社区.geojson' }]);
    } catch (e) {
      err = e;
    }
    assert.equal(err?.code, 'INVALID_JSON');
    assert.equal(err.source, 1);
    assert.match(err.message, /拱宸桥社区\.geojson/);
  });
});

describe(`pkg-${PKG}: formats (Amap, Baidu, CSV in GBK, zipped Shapefile)`, () => {
  const want = ['bus_stop', 'kindergarten', 'primary_school', 'supermarket'];
  const categoriesOf = (c) => c.layers().facility.features.map((f) => f.properties.category).sort();

  it('Amap and Baidu replies are detected, mapped and converted from GCJ-02 / BD-09', async () => {
    const amap = await readRepoText('tests/data/formats/amap_place_search.json');
    const baidu = JSON.parse(await readRepoText('tests/data/formats/baidu_place_search.json'));
    const c = api.Community.fromSources([
      { data: amap, name: 'amap.json' },
      { data: baidu, name: 'baidu.json' },
    ]);
    try {
      const s = c.summary();
      assert.deepEqual(s.sources.map((x) => [x.format, x.crs]), [['amap', 'gcj02'], ['baidu', 'bd09']]);
      const codes = new Set(s.warnings.map((w) => w.code));
      for (const code of ['CRS_ASSUMED', 'MIXED_CRS', 'UNMAPPED_POI_TYPE']) assert.ok(codes.has(code), code);
      assert.deepEqual(categoriesOf(c), [...want, ...want].sort());
      // Converted: the Amap school is no longer at its GCJ-02 position.
      const school = c.layers().facility.features.find((f) => f.properties.category === 'primary_school');
      assert.ok(Math.abs(school.geometry.coordinates[0] - 120.134521) > 1e-3);
    } finally {
      c.free();
    }
  });

  it('CSV bytes in GBK with 经度/纬度 columns read like UTF-8 text', async () => {
    const bytes = await readRepoBytes('tests/data/formats/facilities_gbk.csv');
    const gbk = api.Community.fromSources([{ data: bytes, name: '设施.csv' }]);
    const utf8 = api.Community.fromSources([{ data: new TextDecoder('gbk').decode(bytes), format: 'csv' }]);
    try {
      assert.deepEqual(categoriesOf(gbk), want);
      assert.deepEqual(gbk.layers().facility, utf8.layers().facility);
      assert.ok(gbk.summary().warnings.some((w) => w.code === 'CSV_BAD_COORDINATE'));
    } finally {
      gbk.free();
      utf8.free();
    }
  });

  it('a zipped Shapefile in CGCS2000 Gauss-Kruger zone 40 with GBK 层数/户数 reads as its WGS84 GeoJSON', async () => {
    const zip = await readRepoBytes('tests/data/shapefile/hangzhou_buildings_4528.zip');
    const json = await readRepoText('tests/data/shapefile/hangzhou_buildings.geojson');
    const a = api.Community.fromSources([{ data: zip, name: 'b.zip' }]);
    const b = api.Community.fromGeoJSON(json);
    try {
      assert.deepEqual(a.summary().sources.map((x) => [x.format, x.crs]), [['shapefile', 'wgs84']]);
      const [ma, mb] = [a.siteMetrics(), b.siteMetrics()];
      assert.equal(ma.buildingCount, 433);
      assert.equal(ma.households, mb.households, 'households from 户数, decoded by the platform TextDecoder');
      // Same footprints and floors within 0.1 % (issue 12); measured about 1e-9.
      for (const k of ['siteAreaM2', 'footprintM2', 'floorAreaM2']) {
        assert.ok(Math.abs(ma[k] - mb[k]) <= 1e-3 * mb[k], `${k}: ${ma[k]} vs ${mb[k]}`);
      }
      assertThrowsCode(() => api.Community.fromSources([{ data: zip.slice(0, 200), name: 'cut.zip' }]), 'INVALID_ARCHIVE');
    } finally {
      a.free();
      b.free();
    }
  });

  it('an unknown format is INVALID_OPTION and an error reply API_ERROR_REPLY', async () => {
    assertThrowsCode(() => api.Community.fromSources([{ data: '{}', format: 'kml' }]), 'INVALID_OPTION');
    const reply = await readRepoText('tests/data/formats/amap_error_reply.json');
    assertThrowsCode(() => api.Community.fromSources([{ data: reply, name: 'amap.json' }]), 'API_ERROR_REPLY');
  });
});

describe(`pkg-${PKG}: what the page asks the core (layers, withEdits, categories)`, () => {
  it('layers() draws what was read: one feature per building and facility, with indices, also as JSON text', () => {
    withCommunity(text, undefined, (c) => {
      const s = c.summary();
      const l = c.layers();
      assert.equal(l.building.type, 'FeatureCollection');
      assert.equal(l.building.features.length, s.counts.building);
      assert.equal(l.facility.features.length, s.counts.facility);
      const cats = {};
      for (const f of l.facility.features) {
        assert.equal(f.geometry.type, 'Point');
        cats[f.properties.category] = (cats[f.properties.category] ?? 0) + 1;
      }
      assert.deepEqual(cats, s.categories);
      const t = c.layers({ text: true });
      assert.equal(typeof t.road, 'string');
      assert.deepEqual(JSON.parse(t.road), l.road);
    });
  });

  it('withEdits() gives a new Community, as a re-read of the edited file would, and leaves this one as it was', () => {
    withCommunity(text, undefined, (c) => {
      const n = c.summary().featureCount;
      const at = [24.9385, 60.1688];
      const edited = c.withEdits({ add: [{ category: 'kindergarten', lngLat: at, id: 'what-if/w1' }] });
      const doc = JSON.parse(text);
      doc.features.push({ type: 'Feature', id: 'what-if/w1', properties: { kind: 'facility', category: 'kindergarten' }, geometry: { type: 'Point', coordinates: at } });
      const reread = api.Community.fromGeoJSON(doc);
      try {
        const opts = { categories: ['kindergarten'], thresholdsM: [500] };
        assert.deepEqual(edited.accessibility(opts).coverage, reread.accessibility(opts).coverage);
        assert.equal(edited.evaluate().score, reread.evaluate().score);
        assert.ok(edited.accessibilityColumns(opts).categories.kindergarten.nearestFeatureIndex.includes(n));
        assert.equal(c.summary().categories.kindergarten + 1, edited.summary().categories.kindergarten);
      } finally {
        edited.free();
        reread.free();
      }
      assertThrowsCode(() => c.withEdits({ remove: [0.5] }), 'INVALID_OPTION');
    });
  });

  it('categories() lists every category with a Chinese and an English label', () => {
    const list = api.categories();
    assert.ok(list.categories.length >= 20);
    const kg = list.categories.find((x) => x.id === 'kindergarten');
    assert.deepEqual(kg.label, { zh: '幼儿园', en: 'Kindergarten' });
    assert.ok(list.groups[kg.group].zh.length > 0);
  });

  it('profileRequirements() says what a profile reads, coverage in indicator order', () => {
    const req = api.profileRequirements();
    assert.deepEqual(Object.keys(req).sort(), ['attributes', 'coverage', 'nearest', 'siteMetrics', 'travelCircles']);
    // The default profile is the Zhejiang one: its first coverage indicator is the community centre at 300 m.
    assert.deepEqual(req, api.profileRequirements('zhejiang-future-community'));
    assert.deepEqual(req.coverage[0], { category: 'community_center', thresholdM: 300, weighting: 'households' });
    assert.deepEqual([...req.travelCircles].sort(), ['bus5min', 'destinations30min', 'metro10min']);
    assert.ok(req.attributes.includes('smartServicePlatform'));
    // Every coverage need is one indicator's metric key, in indicator order, without repeats.
    const doc = api.profile('gb50180-life-circle');
    const keys = [...new Set(doc.indicators.map((i) => i.metric).filter((m) => m.startsWith('coverage.')))];
    const fromDoc = api.profileRequirements(doc);
    assert.deepEqual(fromDoc.coverage.map((c) => `coverage.${c.category}.${c.thresholdM}.${c.weighting}`), keys);
    assert.deepEqual(fromDoc, api.profileRequirements('gb50180-life-circle'));
    // Every category a built-in profile reads has a label in categories().
    const known = new Set(api.categories().categories.map((c) => c.id));
    for (const { id } of api.profiles()) {
      const r = api.profileRequirements(id);
      for (const c of [...r.coverage.map((n) => n.category), ...r.nearest]) assert.ok(known.has(c), `${id}: ${c}`);
    }
    assert.throws(() => api.profileRequirements('no-such-profile'), (e) => e.code === 'NOT_FOUND');
    assert.throws(() => api.profileRequirements(42), (e) => e.code === 'INVALID_OPTION');
  });
});
