// Minimal demo page: loads the bundled dataset, runs the wasm package on it
// and shows the summary and the site metrics. Every string that comes from
// data is written with textContent, never as HTML.
import init, { Community, version } from './pkg/future_community.js';

const DATASET_URL = './data/helsinki-centre.geojson';

const UI = {
  en: {
    title: 'Neighbourhood indicators',
    dataset: 'Dataset',
    loading: 'Loading…',
    ready: 'Ready.',
    failed: 'Failed',
    metricsHeading: 'Site metrics',
    indicator: 'Indicator',
    value: 'Value',
    unit: 'Unit',
    summaryHeading: 'Dataset summary',
    featureCount: 'Features',
    bbox: 'Bounding box (lon/lat)',
    computeTime: 'Parse and compute time',
    countsCaption: 'Features by kind',
    kind: 'Kind',
    count: 'Count',
    usesCaption: 'Buildings by use',
    use: 'Use',
    categoriesCaption: 'Facilities by category',
    category: 'Category',
    warningsHeading: 'Warnings',
    noWarnings: 'No warnings.',
    feature: 'feature',
    dataCredit: 'Data',
    notComputable: 'not computable',
    toggle: '中文',
    toggleLang: 'zh',
  },
  zh: {
    title: '社区评价指标',
    dataset: '数据集',
    loading: '加载中…',
    ready: '已完成。',
    failed: '失败',
    metricsHeading: '用地指标',
    indicator: '指标',
    value: '数值',
    unit: '单位',
    summaryHeading: '数据概况',
    featureCount: '要素数',
    bbox: '范围（经度/纬度）',
    computeTime: '解析与计算耗时',
    countsCaption: '按类型统计要素',
    kind: '类型',
    count: '数量',
    usesCaption: '按用途统计建筑',
    use: '用途',
    categoriesCaption: '按类别统计设施',
    category: '类别',
    warningsHeading: '警告',
    noWarnings: '无警告。',
    feature: '要素',
    dataCredit: '数据',
    notComputable: '无法计算',
    toggle: 'English',
    toggleLang: 'en',
  },
};

// Known site metrics, in display order. `percent` shows a ratio as %.
const METRICS = {
  siteAreaM2: { en: 'Site area', zh: '用地面积', unit: 'm²', digits: 0 },
  footprintM2: { en: 'Building footprint area', zh: '建筑基底面积', unit: 'm²', digits: 0 },
  floorAreaM2: { en: 'Gross floor area', zh: '总建筑面积', unit: 'm²', digits: 0 },
  far: { en: 'Floor area ratio (FAR)', zh: '容积率', unit: '', digits: 3 },
  buildingDensity: { en: 'Building density', zh: '建筑密度', unit: '%', digits: 1, percent: true },
  greenRatio: { en: 'Green space ratio', zh: '绿地率', unit: '%', digits: 1, percent: true },
  households: { en: 'Households', zh: '户数', unit: '', digits: 0 },
  population: { en: 'Population', zh: '人口', unit: '', digits: 0 },
  serviceFloorAreaPer100HouseholdsM2: {
    en: 'Community service floor area per 100 households',
    zh: '每百户社区服务用房面积',
    unit: 'm²',
    digits: 1,
  },
  publicGreenPerCapitaM2: { en: 'Public green space per capita', zh: '人均公共绿地面积', unit: 'm²', digits: 2 },
  buildingCount: { en: 'Buildings', zh: '建筑数量', unit: '', digits: 0 },
  groundGreenM2: { en: 'Ground-level green area', zh: '地面绿地面积', unit: 'm²', digits: 0 },
  roofGreenM2: { en: 'Roof green area', zh: '屋顶绿化面积', unit: 'm²', digits: 0 },
  verticalGreenM2: { en: 'Vertical green area', zh: '垂直绿化面积', unit: 'm²', digits: 0 },
  countedGreenM2: { en: 'Green area counted in the ratio', zh: '计入绿地率的绿地面积', unit: 'm²', digits: 0 },
  serviceFloorAreaM2: { en: 'Community service floor area', zh: '社区服务用房面积', unit: 'm²', digits: 0 },
  serviceFacilitiesWithoutArea: { en: 'Service facilities without a known area', zh: '未知面积的服务设施', unit: '', digits: 0 },
  publicGreenM2: { en: 'Public green area', zh: '公共绿地面积', unit: 'm²', digits: 0 },
  maxBuildingHeightM: { en: 'Tallest building (estimated)', zh: '最高建筑高度（估算）', unit: 'm', digits: 1 },
};

const KINDS = {
  boundary: { en: 'Boundary', zh: '用地边界' },
  building: { en: 'Buildings', zh: '建筑' },
  facility: { en: 'Facilities', zh: '设施' },
  road: { en: 'Roads and paths', zh: '道路' },
  green: { en: 'Green space', zh: '绿地' },
  gate: { en: 'Gates', zh: '出入口' },
  compound: { en: 'Compounds', zh: '小区' },
  destination: { en: 'Destinations', zh: '目的地' },
  transitLine: { en: 'Transit lines', zh: '公交线路' },
  transitStop: { en: 'Transit stops', zh: '公交站点' },
};

const USES = {
  residential: { en: 'Residential', zh: '居住' },
  commercial: { en: 'Commercial', zh: '商业' },
  public: { en: 'Public', zh: '公共' },
  mixed: { en: 'Mixed use', zh: '混合' },
  other: { en: 'Other', zh: '其他' },
};

const CATEGORIES = {
  kindergarten: { en: 'Kindergarten', zh: '幼儿园' },
  primary_school: { en: 'Primary school', zh: '小学' },
  middle_school: { en: 'Middle school', zh: '中学' },
  clinic: { en: 'Clinic', zh: '社区卫生服务站' },
  hospital: { en: 'Hospital', zh: '医院' },
  pharmacy: { en: 'Pharmacy', zh: '药店' },
  elderly_care: { en: 'Elderly care', zh: '养老服务设施' },
  supermarket: { en: 'Supermarket', zh: '超市' },
  convenience: { en: 'Convenience store', zh: '便利店' },
  market: { en: 'Market', zh: '菜市场' },
  bus_stop: { en: 'Bus stop', zh: '公交站' },
  metro_station: { en: 'Metro station', zh: '地铁站' },
  park: { en: 'Park', zh: '公园' },
  sports: { en: 'Sports facility', zh: '体育设施' },
  library: { en: 'Library', zh: '图书馆' },
  community_center: { en: 'Community centre', zh: '社区中心' },
  post: { en: 'Post office', zh: '邮政网点' },
  bank: { en: 'Bank', zh: '银行' },
  restaurant: { en: 'Restaurant', zh: '餐饮' },
};

const state = {
  lang: initialLanguage(),
  summary: null,
  metrics: null,
  millis: null,
  error: null,
};

function initialLanguage() {
  const param = new URLSearchParams(location.search).get('lang');
  if (param === 'zh' || param === 'en') return param;
  const preferred = navigator.languages?.[0] ?? navigator.language ?? 'en';
  return preferred.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Label in the current language, or the raw key for names we do not know. */
function label(table, key) {
  return table[key]?.[state.lang] ?? key;
}

function kebab(key) {
  return key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace(/[^a-z0-9-]/g, '-');
}

function formatNumber(value, digits) {
  const locale = state.lang === 'zh' ? 'zh-CN' : 'en';
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

function el(tag, { text, className, attrs } = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  return node;
}

function row(cells, id) {
  const tr = el('tr', id ? { attrs: { id } } : {});
  for (const cell of cells) tr.append(cell);
  return tr;
}

function renderStatic() {
  const ui = UI[state.lang];
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${ui.title} · future-community`;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const text = ui[node.dataset.i18n];
    if (text !== undefined) node.textContent = text;
  }
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = ui.toggle;
  toggle.lang = ui.toggleLang;
}

function renderStatus() {
  const ui = UI[state.lang];
  const status = document.getElementById('status');
  if (state.error) {
    status.dataset.state = 'error';
    const { code, message } = state.error;
    status.textContent = `${ui.failed}: ${code ? code + ': ' : ''}${message}`;
  } else if (state.summary) {
    status.dataset.state = 'ready';
    status.textContent = ui.ready;
  } else {
    status.dataset.state = 'loading';
    status.textContent = ui.loading;
  }
}

function renderMetrics() {
  const body = document.querySelector('#metrics tbody');
  body.replaceChildren();
  if (!state.metrics) return;
  // Known metrics first, in our order; then any the library adds later.
  const keys = [
    ...Object.keys(METRICS).filter((k) => k in state.metrics),
    ...Object.keys(state.metrics).filter((k) => !(k in METRICS)),
  ];
  for (const key of keys) {
    const value = state.metrics[key];
    const def = METRICS[key] ?? { unit: '', digits: 3 };
    const cell = el('td', { className: 'num' });
    if (typeof value === 'number' && Number.isFinite(value)) {
      cell.dataset.value = String(value);
      cell.textContent = formatNumber(def.percent ? value * 100 : value, def.digits);
    } else if (value === null || value === undefined) {
      cell.dataset.value = '';
      cell.textContent = '—';
      cell.title = UI[state.lang].notComputable;
    } else {
      continue; // not a scalar: nothing sensible to show in this table
    }
    body.append(
      row([el('th', { text: label(METRICS, key), attrs: { scope: 'row' } }), cell, el('td', { text: def.unit })],
        `metric-${kebab(key)}`),
    );
  }
}

/** Fills table #tableId with one row per [key, count], id `${prefix}-<key>`. */
function fillCounts(tableId, names, counts, prefix, byCount = false) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren();
  const entries = Object.entries(counts ?? {});
  if (byCount) entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [key, n] of entries) {
    const name = el('td', { text: label(names, key), attrs: { title: key } });
    body.append(row([name, el('td', { text: formatNumber(n, 0), className: 'num' })], `${prefix}-${kebab(key)}`));
  }
}

function renderSummary() {
  const s = state.summary;
  const warnings = document.getElementById('warnings');
  warnings.replaceChildren();
  if (!s) return;

  document.getElementById('feature-count').textContent = formatNumber(s.featureCount, 0);
  const [minLon, minLat, maxLon, maxLat] = s.bbox ?? [];
  document.getElementById('bbox').textContent = Array.isArray(s.bbox)
    ? `${minLon.toFixed(5)}, ${minLat.toFixed(5)} — ${maxLon.toFixed(5)}, ${maxLat.toFixed(5)}`
    : '—';
  document.getElementById('compute-time').textContent = `${formatNumber(state.millis, 0)} ms`;

  fillCounts('counts', KINDS, s.counts, 'count');
  fillCounts('uses', USES, s.buildingsByUse, 'use');
  fillCounts('categories', CATEGORIES, s.categories, 'category', true);

  const all = [...(s.warnings ?? []), ...(state.metrics?.warnings ?? [])];
  if (!all.length) {
    warnings.append(el('li', { text: UI[state.lang].noWarnings, attrs: { id: 'warnings-empty' } }));
  }
  for (const w of all) {
    const li = el('li');
    li.append(el('span', { text: w.code, className: 'code' }), document.createTextNode(w.message));
    if (typeof w.featureIndex === 'number') {
      li.append(document.createTextNode(` (${UI[state.lang].feature} #${w.featureIndex})`));
    }
    warnings.append(li);
  }
}

function render() {
  renderStatic();
  renderStatus();
  renderMetrics();
  renderSummary();
}

async function main() {
  document.getElementById('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    render();
  });
  render();
  try {
    await init();
    document.getElementById('version').textContent = version();
    const response = await fetch(DATASET_URL);
    if (!response.ok) throw new Error(`${DATASET_URL}: HTTP ${response.status}`);
    const text = await response.text();
    const t0 = performance.now();
    const community = Community.fromGeoJSON(text);
    try {
      state.summary = community.summary();
      state.metrics = community.siteMetrics();
    } finally {
      community.free();
    }
    state.millis = performance.now() - t0;
  } catch (err) {
    state.error = { code: err?.code, message: err?.message ?? String(err) };
    console.error(err);
  }
  render();
}

main();
