// Interface strings and labels in Chinese and English, and number formatting.
// Shared by the demo page (app/) and the widget. Every function takes the
// language explicitly ('zh' | 'en') so that several widgets on one page can
// use different languages.
//
// None of these strings is ever parsed as HTML: callers set them with
// textContent (or draw them on a canvas).

import { PAGE_UI } from './i18n-page.js';

export { GREEN_TYPES, KIND_ONE, KINDS, PROPERTY_KEYS } from './i18n-page.js';

export const LANGS = ['zh', 'en'];

/** 'zh' for a Chinese browser, else 'en'; `?lang=` wins. */
export function initialLanguage(search = globalThis.location?.search ?? '') {
  const param = new URLSearchParams(search).get('lang');
  if (param === 'zh' || param === 'en') return param;
  const preferred = globalThis.navigator?.languages?.[0] ?? globalThis.navigator?.language ?? 'en';
  return preferred.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const UI = {
  en: {
    title: 'Neighbourhood indicators',
    tagline: 'Future-community evaluation and 15-minute walking access, computed in your browser',
    skip: 'Skip to the scores',
    dataset: 'Dataset',
    loading: 'Loading…',
    ready: 'Ready.',
    busy: 'Working…',
    stage_download: 'Downloading the data',
    stage_read: 'Reading the file',
    stage_init: 'Starting the engine',
    stage_parse: 'Reading the GeoJSON',
    stage_display: 'Preparing the map',
    stage_evaluate: 'Scoring',
    stage_accessibility: 'Walking distances',
    stage_edit: 'Applying the changes',
    stage_isochrones: 'Isochrone',
    stage_serviceAreas: 'Service areas',
    stage_travelTimeGrid: 'Travel-time grid',
    loadData: 'Open GeoJSON…',
    dropHint: 'or drop one or several GeoJSON files anywhere on the page',
    dropHere: 'Drop the GeoJSON files to load them',
    crsLabel: 'Coordinates',
    crs_wgs84: 'WGS84 (GPS, OpenStreetMap)',
    crs_gcj02: 'GCJ-02 (Amap, Tencent)',
    crs_bd09: 'BD-09 (Baidu)',
    reloadBundled: 'Bundled example',
    exportJson: 'Report (JSON)',
    exportCsv: 'Report (CSV)',
    print: 'Print',
    exportGroup: 'Export',
    langToggle: '中文',
    langToggleLang: 'zh',
    langToggleLabel: '切换到中文',

    mapHeading: 'Map',
    mapLabel: 'Map of the site: buildings, facilities and walking areas',
    colourBy: 'Colour buildings by walking distance to',
    tier: 'within',
    tier300: '300 m (5-minute circle)',
    tier500: '500 m (10-minute circle)',
    tier1000: '1000 m (15-minute circle)',
    clickAction: 'Clicking the map',
    mode_isochrone: 'draws an isochrone',
    mode_add: 'adds a facility',
    mode_move: 'moves a facility',
    mode_remove: 'removes a facility',
    newCategory: 'New facility category',
    isochroneAtCentre: 'Isochrone from the map centre',
    addAtCentre: 'Add a facility at the map centre',
    clearIsochrones: 'Clear isochrones',
    pickFacility: 'Facility of the coloured category',
    removePicked: 'Remove it',
    movePicked: 'Move it to the map centre',
    layers: 'Layers',
    layerFacilities: 'Facilities',
    layerRoads: 'Roads and paths',
    layerGreen: 'Green space',
    layerServiceAreas: 'Service areas (5/10/15 min)',
    layerGrid: 'Travel-time heat map',
    layerBasemap: 'Online basemap (OpenStreetMap tiles)',
    basemapNote: 'Loads map tiles from tile.openstreetmap.org; off by default so the page works offline.',
    legend: 'Legend',
    legendByUse: 'Buildings by use',
    legendByDistance: 'Homes by walking distance to {category}',
    legendNonResidential: 'Not residential',
    legendUnreachable: 'Not reachable',
    legendFacilities: 'Facilities',
    legendIsochrones: 'Isochrones',
    legendGrid: 'Minutes to the nearest {category}',
    legendBoundary: 'Site boundary',
    legendWhatIf: 'What-if facility',
    legendServiceAreas: 'Service area of {category}',
    minutesShort: '{n} min',
    needsApi: 'Needs `{api}` in the wasm package (not in this build).',
    accessPending: 'Walking distances need `accessibility` in the wasm package (not in this build): buildings are coloured by use.',
    featureInfo: 'Selected feature',
    featureInfoEmpty: 'Click a building or facility to see its properties.',
    isochroneResults: 'Isochrone',
    isoMinutes: 'Minutes',
    isoDistance: 'Distance',
    isoArea: 'Area',
    isoHouseholds: 'Households',
    isoPopulation: 'Residents',
    isoOffNetwork: 'The point is off the walking network: nothing is reachable.',
    clickHint: 'Pick a facility on the map first.',
    moveHint: 'Now click where the facility should go.',

    whatIfHeading: 'What if…',
    whatIfIntro: 'Add, move or remove facilities on the map; scores and coverage are recomputed at once and compared with the data as loaded.',
    whatIfNone: 'No changes yet.',
    edit_add: 'Added {category}',
    edit_move: 'Moved {name}',
    edit_remove: 'Removed {name}',
    undo: 'Undo',
    resetEdits: 'Undo all changes',
    before: 'Before',
    after: 'After',
    change: 'Change',
    overallScore: 'Overall score',
    coverageHeading: 'Homes within {tier} of each facility category',
    coveragePending: 'Coverage needs `accessibility` in the wasm package (not in this build).',
    changedIndicators: 'Indicators that changed',
    noIndicatorChange: 'No indicator changed.',
    newlyFailed: 'Binding targets now failed',
    resolved: 'Binding targets now met',

    scoresHeading: 'Evaluation',
    profile: 'Profile',
    profileHeading: 'Profile and declared facts',
    uploadProfile: 'Upload a profile (JSON)…',
    uploadedProfile: 'Uploaded: {name}',
    projectType: 'Project type',
    projectType_none: 'Not specified',
    projectType_renovation: 'Renovation (改造更新)',
    projectType_newBuild: 'New build (规划新建)',
    attributesHeading: 'Declared facts',
    attributesIntro: 'Facts the map cannot show. Leave a field empty when unknown: the indicator is then “not assessed”.',
    attrUnknown: '— not declared —',
    yes: 'yes',
    no: 'no',
    score: 'Score',
    grade: 'Grade',
    completeness: 'Completeness',
    completenessHint: 'share of applicable indicators that could be assessed',
    failedBinding: 'Binding targets failed',
    notAssessedBinding: 'Binding indicators not assessed',
    noScore: 'no score',
    radarLabel: 'Scores of the scenarios (0–100)',
    scenario: 'Scenario',
    assessed: 'Assessed',
    indicatorsHeading: 'Indicators',
    indicator: 'Indicator',
    value: 'Value',
    target: 'Target',
    pass: 'Pass',
    explanation: 'Explanation',
    source: 'Source',
    verified: 'Verified',
    verifiedYes: 'checked',
    verifiedNo: 'not checked',
    binding_constraint: 'binding',
    binding_guidance: 'guidance',
    passYes: 'met',
    passNo: 'not met',
    passNone: 'no target',
    notAssessed: 'not assessed',
    notApplicable: 'not applicable',
    failedBindingBadge: 'binding target failed',
    reportWarnings: 'Warnings',
    noWarnings: 'No warnings.',
    feature: 'feature',

    summaryHeading: 'Dataset summary',
    metricsHeading: 'Site metrics',
    unit: 'Unit',
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
    notComputable: 'not computable',

    dataCredit: 'Data',
    userData: 'Data: your file “{name}” (stays in this browser).',
    mapCredit: 'Map tiles',
    engine: 'Engine',
    noWorker: 'Web Workers are unavailable: computing on the page itself.',
    // The embeddable widget's messages: what happened and what to do.
    widgetNoData: 'There is no data to score: give the widget the address of a GeoJSON file in its src attribute, or set its data property.',
    widgetBadUrl: 'The data address (src) is not an http or https URL: use the full address of the GeoJSON file.',
    widgetHttp: 'The data file could not be loaded: its server answered HTTP {status}. Check the src address of the widget.',
    widgetNetwork: 'The data file could not be fetched: its server is unreachable, or it does not let this page read the file (CORS). Serve the file with the header Access-Control-Allow-Origin, or from this page’s own site.',
    widgetInvalid: 'The data is not valid GeoJSON, so it cannot be scored. Check that the widget is given a GeoJSON FeatureCollection.',
    widgetEngine: 'The scoring engine could not be loaded from the widget’s site. Check that the site is reachable and serves its files with CORS, and that this page’s Content-Security-Policy allows it (script-src, connect-src and \'wasm-unsafe-eval\').',
    widgetProfile: 'The profile “{profile}” is not known: use a built-in profile id such as zhejiang-future-community.',
    widgetEvaluate: 'The data was read but could not be scored. Check the widget’s profile, project-type and crs attributes.',
    // Honest verdicts (verdict.js): the report's status and what is missing.
    levelTier: 'Tier',
    levelTier_none: 'Not specified',
    levelTier_leading: 'Leading (引领型)',
    levelTier_inclusive: 'Inclusive (普惠型)',
    requiredYes: 'required',
    requiredNo: 'optional',
    optionalSuffix: ' (optional)',
    verdict_complete: 'Graded: every required indicator was assessed',
    verdict_provisional: 'Provisional: some indicators lack data',
    verdict_insufficient: 'Not enough data to grade',
    provisional: 'provisional',
    notGraded: 'Not enough data to grade',
    forInformation: 'for information only, not a grade',
    readyInsufficient: 'Evaluated, but there is not enough data to grade.',
    readyNoNetwork: 'Evaluated, but the file has no roads or paths: walking distances could not be computed.',
    readyProvisional: 'Evaluated: the grade is provisional, some indicators lack data.',
    missingHeading: 'What is missing and how to add it',
    missingIndicators: 'Not assessed: ',
    cause_NO_WALKABLE_NETWORK: 'The file has no roads or paths, so no walking distance can be computed: add the road network (OSM highways, kind: road) to the file.',
    cause_NO_FACILITY_CATEGORY: 'The data has no facilities of these kinds: {items}. Add them to the file (kind: facility with its category) where they exist.',
    cause_NO_RESIDENTS: 'The data has no residents, so no share of homes can be computed: give the residential buildings their households (or population).',
    cause_NOT_DECLARED: 'These facts cannot be read from the map and are not declared: {items}. Fill them in under “Declared facts” below.',
    cause_NOT_DECLARED_widget: 'These facts cannot be read from the map and are not declared: {items}. They can be declared on the demo page (“Declared facts”).',
    cause_PROJECT_TYPE_NOT_GIVEN: 'The targets of these indicators depend on the project type: choose renovation or new build under “Project type”.',
    cause_PROJECT_TYPE_NOT_GIVEN_widget: 'The targets of these indicators depend on the project type: set the widget’s project-type attribute (renovation or newBuild).',
    cause_NO_VALUE: 'No value could be computed from the data for: {items}.',
    cause_other: '{cause}: {items}.',
  },
  zh: {
    title: '社区评价指标',
    tagline: '未来社区评价与15分钟步行可达性，全部在浏览器中计算',
    skip: '跳到评分',
    dataset: '数据集',
    loading: '加载中…',
    ready: '已完成。',
    busy: '计算中…',
    stage_download: '正在下载数据',
    stage_read: '正在读取文件',
    stage_init: '正在启动计算引擎',
    stage_parse: '正在解析 GeoJSON',
    stage_display: '正在准备地图',
    stage_evaluate: '正在评分',
    stage_accessibility: '正在计算步行距离',
    stage_edit: '正在应用修改',
    stage_isochrones: '等时圈',
    stage_serviceAreas: '服务范围',
    stage_travelTimeGrid: '出行时间网格',
    loadData: '打开 GeoJSON…',
    dropHint: '或将一个或多个 GeoJSON 文件拖放到页面任意位置',
    dropHere: '松开鼠标即可加载 GeoJSON 文件',
    crsLabel: '坐标系',
    crs_wgs84: 'WGS84（GPS、OpenStreetMap）',
    crs_gcj02: 'GCJ-02（高德、腾讯）',
    crs_bd09: 'BD-09（百度）',
    reloadBundled: '内置示例',
    exportJson: '报告（JSON）',
    exportCsv: '报告（CSV）',
    print: '打印',
    exportGroup: '导出',
    langToggle: 'English',
    langToggleLang: 'en',
    langToggleLabel: 'Switch to English',

    mapHeading: '地图',
    mapLabel: '用地地图：建筑、设施与步行范围',
    colourBy: '按步行距离为建筑着色：到',
    tier: '范围',
    tier300: '300 米（5分钟生活圈）',
    tier500: '500 米（10分钟生活圈）',
    tier1000: '1000 米（15分钟生活圈）',
    clickAction: '点击地图时',
    mode_isochrone: '绘制等时圈',
    mode_add: '添加设施',
    mode_move: '移动设施',
    mode_remove: '删除设施',
    newCategory: '新设施类别',
    isochroneAtCentre: '以地图中心绘制等时圈',
    addAtCentre: '在地图中心添加设施',
    clearIsochrones: '清除等时圈',
    pickFacility: '当前着色类别的设施',
    removePicked: '删除该设施',
    movePicked: '移到地图中心',
    layers: '图层',
    layerFacilities: '设施',
    layerRoads: '道路',
    layerGreen: '绿地',
    layerServiceAreas: '服务范围（5/10/15分钟）',
    layerGrid: '出行时间热力图',
    layerBasemap: '在线底图（OpenStreetMap 瓦片）',
    basemapNote: '从 tile.openstreetmap.org 加载瓦片；默认关闭，页面可离线使用。',
    legend: '图例',
    legendByUse: '建筑用途',
    legendByDistance: '住宅到{category}的步行距离',
    legendNonResidential: '非住宅',
    legendUnreachable: '不可达',
    legendFacilities: '设施',
    legendIsochrones: '等时圈',
    legendGrid: '到最近{category}的步行分钟数',
    legendBoundary: '用地边界',
    legendWhatIf: '假设的设施',
    legendServiceAreas: '{category}服务范围',
    minutesShort: '{n} 分钟',
    needsApi: '需要 wasm 包提供 `{api}`（当前版本尚未提供）。',
    accessPending: '步行距离需要 wasm 包提供 `accessibility`（当前版本尚未提供）：建筑暂按用途着色。',
    featureInfo: '所选要素',
    featureInfoEmpty: '点击建筑或设施查看其属性。',
    isochroneResults: '等时圈',
    isoMinutes: '分钟',
    isoDistance: '距离',
    isoArea: '面积',
    isoHouseholds: '户数',
    isoPopulation: '人口',
    isoOffNetwork: '该点不在步行网络上：无可达范围。',
    clickHint: '请先在地图上选择一个设施。',
    moveHint: '请点击设施的新位置。',

    whatIfHeading: '方案模拟',
    whatIfIntro: '在地图上添加、移动或删除设施，评分与覆盖率立即重新计算，并与原始数据对比。',
    whatIfNone: '尚无修改。',
    edit_add: '添加{category}',
    edit_move: '移动{name}',
    edit_remove: '删除{name}',
    undo: '撤销',
    resetEdits: '撤销全部修改',
    before: '修改前',
    after: '修改后',
    change: '变化',
    overallScore: '总分',
    coverageHeading: '各类设施{tier}范围内的住户',
    coveragePending: '覆盖率需要 wasm 包提供 `accessibility`（当前版本尚未提供）。',
    changedIndicators: '发生变化的指标',
    noIndicatorChange: '没有指标发生变化。',
    newlyFailed: '新出现未达标的约束性指标',
    resolved: '已转为达标的约束性指标',

    scoresHeading: '评价',
    profile: '评价体系',
    profileHeading: '评价体系与申报事项',
    uploadProfile: '上传评价体系（JSON）…',
    uploadedProfile: '已上传：{name}',
    projectType: '项目类型',
    projectType_none: '未指定',
    projectType_renovation: '改造更新',
    projectType_newBuild: '规划新建',
    attributesHeading: '申报事项',
    attributesIntro: '地图无法体现的事项。未知时请留空：相应指标显示为“未评估”。',
    attrUnknown: '— 未申报 —',
    yes: '是',
    no: '否',
    score: '得分',
    grade: '等级',
    completeness: '完整度',
    completenessHint: '可评估的适用指标所占比例',
    failedBinding: '未达标的约束性指标',
    notAssessedBinding: '未评估的约束性指标',
    noScore: '无得分',
    radarLabel: '各场景得分（0–100）',
    scenario: '场景',
    assessed: '已评估',
    indicatorsHeading: '指标',
    indicator: '指标',
    value: '数值',
    target: '目标',
    pass: '达标',
    explanation: '说明',
    source: '来源',
    verified: '已核实',
    verifiedYes: '已核实',
    verifiedNo: '未核实',
    binding_constraint: '约束性',
    binding_guidance: '引导性',
    passYes: '达标',
    passNo: '未达标',
    passNone: '无目标',
    notAssessed: '未评估',
    notApplicable: '不适用',
    failedBindingBadge: '约束性指标未达标',
    reportWarnings: '警告',
    noWarnings: '无警告。',
    feature: '要素',

    summaryHeading: '数据概况',
    metricsHeading: '用地指标',
    unit: '单位',
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
    notComputable: '无法计算',

    dataCredit: '数据',
    userData: '数据：您的文件“{name}”（仅在本浏览器中处理）。',
    mapCredit: '地图瓦片',
    engine: '计算引擎',
    noWorker: '浏览器不支持 Web Worker：在页面中直接计算。',
    widgetNoData: '没有可评价的数据：请在挂件的 src 属性中填写 GeoJSON 文件的地址，或通过 data 属性传入数据。',
    widgetBadUrl: '数据地址（src）不是 http 或 https 网址：请填写 GeoJSON 文件的完整地址。',
    widgetHttp: '无法加载数据文件：服务器返回 HTTP {status}。请检查挂件的 src 地址是否正确。',
    widgetNetwork: '无法获取数据文件：服务器无法访问，或不允许本页面读取该文件（CORS）。请让数据服务器发送 Access-Control-Allow-Origin 响应头，或把文件放在本页面所在的网站上。',
    widgetInvalid: '数据不是有效的 GeoJSON，无法评价。请确认传给挂件的是 GeoJSON FeatureCollection。',
    widgetEngine: '无法从挂件所在的网站加载评价引擎。请确认该网站可以访问、以 CORS 方式提供文件，并且本页面的内容安全策略（CSP）允许它（script-src、connect-src 和 \'wasm-unsafe-eval\'）。',
    widgetProfile: '未知的评价体系“{profile}”：请使用内置的评价体系编号，例如 zhejiang-future-community。',
    widgetEvaluate: '数据已读取，但无法完成评价。请检查挂件的 profile、project-type 和 crs 属性。',
    levelTier: '建设类型',
    levelTier_none: '未指定',
    levelTier_leading: '引领型',
    levelTier_inclusive: '普惠型',
    requiredYes: '标配',
    requiredNo: '选配',
    optionalSuffix: '（选配）',
    verdict_complete: '已评级：所有标配指标均已评估',
    verdict_provisional: '暂定：部分指标缺少数据',
    verdict_insufficient: '数据不足，暂不评级',
    provisional: '暂定',
    notGraded: '数据不足，暂不评级',
    forInformation: '仅供参考，不是评级',
    readyInsufficient: '评价已运行，但数据不足，暂不评级。',
    readyNoNetwork: '评价已运行，但文件中没有道路或步行路径：无法计算步行距离。',
    readyProvisional: '评价已运行：等级为暂定，部分指标缺少数据。',
    missingHeading: '缺少的数据及补充方法',
    missingIndicators: '未评估的指标：',
    cause_NO_WALKABLE_NETWORK: '文件中没有道路或步行路径，无法计算步行距离：请在文件中加入道路网络（OSM highway，kind: road）。',
    cause_NO_FACILITY_CATEGORY: '数据中没有以下设施：{items}。如实际存在，请在文件中加入（kind: facility，并填写 category）。',
    cause_NO_RESIDENTS: '数据中没有居民，无法计算住户比例：请为住宅建筑填写户数（households）或人口（population）。',
    cause_NOT_DECLARED: '以下事项地图无法体现，且尚未申报：{items}。请在下方“申报事项”中填写。',
    cause_NOT_DECLARED_widget: '以下事项地图无法体现，且尚未申报：{items}。可在演示页面的“申报事项”中申报。',
    cause_PROJECT_TYPE_NOT_GIVEN: '这些指标的目标取决于项目类型：请在“项目类型”中选择改造更新或规划新建。',
    cause_PROJECT_TYPE_NOT_GIVEN_widget: '这些指标的目标取决于项目类型：请设置挂件的 project-type 属性（renovation 或 newBuild）。',
    cause_NO_VALUE: '无法从数据中算出以下指标的数值：{items}。',
    cause_other: '{cause}：{items}。',
  },
};

for (const lang of LANGS) Object.assign(UI[lang], PAGE_UI[lang]);

/** The interface string `key` with `{name}` placeholders filled in (as text). */
export function tr(lang, key, vars) {
  let s = UI[lang]?.[key] ?? UI.en[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

/** The `lang` side of a `{ zh, en }` text from the library or a profile (any other shape: as text). */
export function pick(lang, text) {
  if (text == null) return '';
  if (typeof text !== 'object') return String(text);
  const v = text[lang] ?? text.en ?? text.zh;
  return v == null ? '' : String(v);
}

// Known site metrics, in display order. `percent` shows a ratio as %.
export const METRICS = {
  siteAreaM2: { en: 'Site area', zh: '用地面积', unit: 'm²', digits: 0 },
  footprintM2: { en: 'Building footprint area', zh: '建筑基底面积', unit: 'm²', digits: 0 },
  floorAreaM2: { en: 'Gross floor area', zh: '总建筑面积', unit: 'm²', digits: 0 },
  far: { en: 'Floor area ratio (FAR)', zh: '容积率', unit: '', digits: 3 },
  buildingDensity: { en: 'Building density', zh: '建筑密度', unit: '%', digits: 1, percent: true },
  greenRatio: { en: 'Green space ratio (ground green)', zh: '绿地率（地面绿地）', unit: '%', digits: 1, percent: true },
  policyGreenRatio: { en: 'Green space ratio with roof and wall green at the policy factors', zh: '绿地率（含立体绿化折算）', unit: '%', digits: 1, percent: true },
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
  countedGreenM2: { en: 'Green area counted by the policy (roof by soil depth, wall 20 %)', zh: '按政策折算计入的绿地面积（屋顶按覆土深度、墙面 20%）', unit: 'm²', digits: 0 },
  serviceFloorAreaM2: { en: 'Community service floor area', zh: '社区服务用房面积', unit: 'm²', digits: 0 },
  serviceFacilitiesWithoutArea: { en: 'Service facilities without a known area', zh: '未知面积的服务设施', unit: '', digits: 0 },
  publicGreenM2: { en: 'Public green area', zh: '公共绿地面积', unit: 'm²', digits: 0 },
  maxBuildingHeightM: { en: 'Tallest building (estimated)', zh: '最高建筑高度（估算）', unit: 'm', digits: 1 },
};

export const USES = {
  residential: { en: 'Residential', zh: '居住' },
  commercial: { en: 'Commercial', zh: '商业' },
  public: { en: 'Public', zh: '公共' },
  mixed: { en: 'Mixed use', zh: '混合' },
  other: { en: 'Other', zh: '其他' },
};

// Facility category labels come from the core (`categories()`, the one list
// with zh/en labels): the page and the widget call setCategories() with it at
// start-up; until then, and for a category outside the list, the id is shown.
/** @type {Record<string, { zh: string, en: string }>} */
let categoryLabels = {};
/** @type {Record<string, string>} */
let categoryGroups = {};
/** @type {string[]} */
let categoryOrder = [];

/**
 * Takes the labels, groups and display order of the core's category list
 * (the result of the package's `categories()`).
 * @param {{ categories: { id: string, group: string, label: { zh: string, en: string } }[] } | null | undefined} list
 */
export function setCategories(list) {
  const items = Array.isArray(list?.categories) ? list.categories : [];
  categoryLabels = Object.fromEntries(items.map((c) => [c.id, c.label]));
  categoryGroups = Object.fromEntries(items.map((c) => [c.id, c.group]));
  categoryOrder = items.map((c) => c.id);
}

/** The group id of a category (education, health ...), or null when the core's list does not know it. @param {string} id */
export function categoryGroup(id) {
  return Object.hasOwn(categoryGroups, id) ? categoryGroups[id] : null;
}

/** The label of a facility category in `lang` (the id when the core's list does not know it). @param {string} lang @param {unknown} id */
export function categoryLabel(lang, id) {
  return label(lang, categoryLabels, id);
}

/** Whether the core's list knows the category `id`. @param {string} id */
export function knownCategory(id) {
  return Object.hasOwn(categoryLabels, id);
}

/** The ids of the core's list, in its display order. */
export function knownCategories() {
  return [...categoryOrder];
}

/** Label of `key` in one of the tables above, or the key itself (as text) when unknown. */
export function label(lang, table, key) {
  return table[key]?.[lang] ?? String(key);
}

export function formatNumber(lang, value, digits = 0) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  // A value that rounds to zero is shown as 0, never as "-0" or "-0.0".
  if (Math.abs(value) < 0.5 * 10 ** -digits) value = 0;
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A signed change, e.g. "+2.5" / "−1.0" / "±0". */
export function formatDelta(lang, value, digits = 1, suffix = '') {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return `±0${suffix}`;
  const s = formatNumber(lang, Math.abs(rounded), digits);
  return `${rounded > 0 ? '+' : '−'}${s}${suffix}`;
}

const UNITS = {
  share: { en: '%', zh: '%', digits: 1, scale: 100 },
  ratio: { en: '', zh: '', digits: 2 },
  m: { en: ' m', zh: ' 米', digits: 0 },
  m2: { en: ' m²', zh: ' m²', digits: 0 },
  m2PerPerson: { en: ' m²/person', zh: ' m²/人', digits: 2 },
  m2Per100Households: { en: ' m²/100 households', zh: ' m²/百户', digits: 1 },
  spacesPerHousehold: { en: ' per household', zh: ' 个/户', digits: 2 },
  count: { en: '', zh: '', digits: 0 },
};

/** An indicator value in its unit (`share` 0..1 as a percentage, `boolean` as yes/no). */
export function formatValue(lang, value, unit) {
  if (value === null || value === undefined) return '—';
  if (unit === 'boolean') return value ? tr(lang, 'yes') : tr(lang, 'no');
  const u = UNITS[unit] ?? { en: '', zh: '', digits: 2 };
  return formatNumber(lang, value * (u.scale ?? 1), u.digits) + u[lang];
}

/** The unit of an indicator as a word of `lang` ('' for none): for tables and CSV columns. */
export function unitLabel(lang, unit) {
  const key = `unit_${unit}`;
  const s = tr(lang, key);
  return s === key ? String(unit ?? '') : s;
}

/** An indicator value in the unit of unitLabel() (a share as a percentage), rounded for reading; '' when none. */
export function plainValue(lang, value, unit) {
  if (value === null || value === undefined) return '';
  if (unit === 'boolean' || typeof value === 'boolean') return value ? tr(lang, 'yes') : tr(lang, 'no');
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  const u = UNITS[unit] ?? { digits: 2 };
  const v = value * (u.scale ?? 1);
  const digits = Math.max(u.digits, unit === 'count' ? 0 : 2);
  const r = Number(v.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(lang, share) {
  if (typeof share !== 'number' || !Number.isFinite(share)) return '—';
  return formatNumber(lang, share * 100, 1) + '%';
}
