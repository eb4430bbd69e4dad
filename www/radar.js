// The radar chart of scenario scores (ECharts, vendored), shared by the page
// and the widget. Names are drawn on a canvas (never as HTML); there is no
// HTML tooltip. A scenario without a score has no point (ECharts' '-', a gap
// in the line, never a 0 at the centre) and "not assessed" in its name; an
// optional (选配) scenario says so in its name.
import * as echarts from './vendor/echarts/echarts.esm.min.mjs';
import { pick, tr } from './i18n.js';

const AFTER = '#1f6f43';
/** The grid of every radar of the page: rings, shading and spokes. */
const GRID = {
  splitNumber: 4,
  splitLine: { lineStyle: { color: '#c9d3cc' } },
  splitArea: { areaStyle: { color: ['#ffffff', '#f4f7f4'] } },
  axisLine: { lineStyle: { color: '#c9d3cc' } },
};
const BEFORE = '#7a7a7a';

/** Draws (or redraws) `scenarios` (report.scenarios) into `container`; returns the chart. */
export function renderRadar(container, chart, { lang, scenarios, before = null, compact = false }) {
  chart ??= echarts.init(container, null, { renderer: 'canvas' });
  const list = scenarios ?? [];
  const notAssessed = tr(lang, 'notAssessed');
  const optional = tr(lang, 'optionalSuffix');
  const names = list.map((s) => {
    let name = pick(lang, s.name) || String(s.id);
    if (name.length > 24) name = `${name.slice(0, 23)}…`;
    // One mark a line, so that a long name does not run out of the chart.
    if (s.required === false) name += `\n${optional.trim()}`;
    return typeof s.score === 'number' ? name : `${name}\n(${notAssessed})`;
  });
  const values = (items) => items.map((s) => (typeof s?.score === 'number' ? s.score : '-'));
  const data = [];
  if (before) {
    const byId = new Map(before.map((s) => [s.id, s]));
    data.push({
      name: tr(lang, 'before'),
      value: values(list.map((s) => byId.get(s.id))),
      lineStyle: { color: BEFORE, type: 'dashed', width: 1.5 },
      itemStyle: { color: BEFORE },
      symbolSize: 3,
    });
  }
  data.push({
    name: before ? tr(lang, 'after') : tr(lang, 'score'),
    value: values(list),
    areaStyle: { color: 'rgba(31, 111, 67, 0.22)' },
    lineStyle: { color: AFTER, width: 2 },
    itemStyle: { color: AFTER },
    symbolSize: 5,
  });
  chart.setOption(
    {
      animation: false,
      aria: { enabled: true, label: { description: tr(lang, 'radarLabel') } },
      legend: before ? { bottom: 0, data: data.map((d) => d.name), textStyle: { color: '#1d2a22' } } : { show: false },
      radar: {
        indicator: names.map((name) => ({ name, max: 100, min: 0 })),
        radius: compact ? '58%' : '62%',
        center: ['50%', before ? '48%' : '52%'],
        axisName: { color: '#1d2a22', fontSize: compact ? 10 : 12, lineHeight: compact ? 12 : 14 },
        ...GRID,
      },
      tooltip: { show: false },
      series: [{ type: 'radar', data }],
    },
    true,
  );
  return chart;
}

/** Up to three communities on one radar: colour, line and mark differ, so that colour is never the only cue. */
const OVERLAY = [
  { color: '#1f6f43', type: 'solid', symbol: 'circle' },
  { color: '#8a4b08', type: 'dashed', symbol: 'rect' },
  { color: '#2b4c9b', type: 'dotted', symbol: 'triangle' },
];

/**
 * Draws several communities' scenario scores (`series`: { name, scenarios },
 * at most three) on one radar with a legend; a scenario without a score is a
 * gap. The axes follow the first series.
 */
export function renderRadarOverlay(container, chart, { lang, series }) {
  chart ??= echarts.init(container, null, { renderer: 'canvas' });
  const list = series.slice(0, OVERLAY.length);
  const axes = list[0]?.scenarios ?? [];
  const data = list.map((s, i) => {
    const byId = new Map(s.scenarios.map((x) => [x.id, x]));
    const style = OVERLAY[i];
    return {
      name: s.name,
      value: axes.map((a) => (typeof byId.get(a.id)?.score === 'number' ? byId.get(a.id).score : '-')),
      lineStyle: { color: style.color, type: style.type, width: 2 },
      itemStyle: { color: style.color },
      symbol: style.symbol,
      symbolSize: 6,
    };
  });
  chart.setOption(
    {
      animation: false,
      aria: { enabled: true, label: { description: tr(lang, 'compareRadarLabel') } },
      legend: { bottom: 0, data: data.map((d) => d.name), textStyle: { color: '#1d2a22' } },
      radar: {
        indicator: axes.map((a) => {
          const name = pick(lang, a.name) || String(a.id);
          return { name: name.length > 24 ? `${name.slice(0, 23)}…` : name, max: 100, min: 0 };
        }),
        radius: '60%',
        center: ['50%', '46%'],
        axisName: { color: '#1d2a22', fontSize: 12 },
        ...GRID,
      },
      tooltip: { show: false },
      series: [{ type: 'radar', data }],
    },
    true,
  );
  return chart;
}
