// @ts-check
// Exports: the report as JSON (with the edits, the baseline and coverage)
// and as CSV (one row per indicator, formula-looking cells neutralised), and
// the print layout (a still copy of the map).
import { el } from '../dom.js';
import { pick } from '../i18n.js';
import { evalOptions } from './compute.js';
import { renderFooter } from './render.js';
import { $, state, t, view } from './state.js';

/** Saves `parts` as a file named `name`. @param {string} name @param {string} type @param {BlobPart[]} parts */
function download(name, type, parts) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = el('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** future-community_<dataset>_<profile>, with only file-name-safe characters. */
function fileStem() {
  const id = String(state.pair?.after?.profileId ?? 'report').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  const data = String(state.dataset.name).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  return `future-community_${data}_${id}`;
}

function exportJson() {
  const { before, after, diff } = state.pair ?? {};
  if (!after) return;
  const doc = {
    generator: `future-community ${state.client.version()}`,
    exportedAt: new Date().toISOString(),
    dataset: { name: state.dataset.name, crs: state.dataset.crs, bundled: state.dataset.bundled },
    options: evalOptions(),
    report: after,
    edits: state.edits.map(({ type, ref, category, lngLat }) => ({ type, ref, category, lngLat })),
    ...(diff ? { baseline: before, comparison: diff } : {}),
    ...(state.access ? { coverage: state.access.after.coverage, coverageBaseline: diff ? state.access.before.coverage : undefined } : {}),
    siteMetrics: state.current?.metrics,
  };
  download(`${fileStem()}.json`, 'application/json', [JSON.stringify(doc, null, 2)]);
}

/** One CSV cell: quoted, and neutralised when a spreadsheet could read it as a formula. @param {unknown} v */
function csvCell(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

function exportCsv() {
  const r = state.pair?.after;
  if (!r) return;
  const scen = new Map(r.scenarios.map((s) => [s.id, pick(state.lang, s.name)]));
  const header = ['scenario_id', 'scenario', 'indicator_id', 'indicator', 'binding', 'status', 'reason', 'value', 'unit', 'target', 'pass', 'score', 'verified', 'source', 'explanation'];
  /** @type {unknown[][]} */
  const rows = [header];
  for (const i of r.indicators) {
    rows.push([
      i.scenario, scen.get(i.scenario), i.id, pick(state.lang, i.label), i.binding, i.status, i.reason ?? '',
      i.value ?? '', i.unit, i.targetText ? pick(state.lang, i.targetText) : '', i.pass === null ? '' : i.pass, i.score ?? '',
      i.verified, (i.source ?? []).join('; '), pick(state.lang, i.explanation),
    ]);
  }
  rows.push([]);
  rows.push(['overall', '', '', r.profileId, '', '', '', r.score ?? '', '', '', '', r.score ?? '', '', '', `status ${r.status ?? '—'}; grade ${r.grade?.id ?? '—'}; completeness ${r.completeness}`]);
  const text = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  download(`${fileStem()}.csv`, 'text/csv;charset=utf-8', ['\ufeff', text]);
}

/** The export buttons and the print button. */
export function bindExport() {
  $('export-json').addEventListener('click', exportJson);
  $('export-csv').addEventListener('click', exportCsv);
  $('print-button').addEventListener('click', () => window.print());
}

/** Before printing: the footer's print line, the radar at print size, a still copy of the map. */
export function bindPrint() {
  window.addEventListener('beforeprint', () => {
    renderFooter();
    view.radar?.resize();
    // Print a still copy of the map as it is on screen.
    document.getElementById('map-print')?.remove();
    const copy = view.map.snapshot();
    copy.id = 'map-print';
    copy.className = 'print-only map-print';
    copy.setAttribute('role', 'img');
    copy.setAttribute('aria-label', t('mapLabel'));
    $('map').after(copy);
  });
}
