// @ts-check
// Exports: the report as JSON (with the edits, the baseline and coverage)
// and as CSV (csv.js), file names that keep the dataset's own name (Chinese
// included), and the print layout (report.js's header block, a still copy
// of the map).
import { el } from '../dom.js';
import { csvText } from './csv.js';
import { evalOptions } from './compute.js';
import { renderFooter } from './render.js';
import { creditText, isoDate, renderPrintReport } from './report.js';
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

/**
 * Letters and digits of any script (拱宸桥社区 stays 拱宸桥社区), '-' and '_';
 * everything else (path separators, quotes, control characters) becomes '_'.
 * @param {string} s
 */
function safeName(s) {
  return s.normalize('NFC').replace(/[^\p{L}\p{N}\p{M}_-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'data';
}

/** future-community_<dataset>_<profile>_<date>, safe as a file name on every system. */
function fileStem() {
  const id = safeName(String(state.pair?.after?.profileId ?? 'report'));
  const data = safeName(String(state.dataset.name).replace(/\.[^.]*$/, ''));
  return `future-community_${data}_${id}_${isoDate()}`;
}

function exportJson() {
  const { before, after, diff } = state.pair ?? {};
  if (!after) return;
  // What a later comparison (the quarter view, compareReports) needs is at the top:
  // the profile id and version, the dataset's name and the date.
  const doc = {
    format: 'future-community-report',
    generator: `future-community ${state.client.version()}`,
    exportedAt: new Date().toISOString(),
    date: isoDate(),
    profile: { id: after.profileId, version: after.profileVersion },
    dataset: { name: state.dataset.name, crs: state.dataset.crs, bundled: state.dataset.bundled, attribution: creditText() || null },
    options: evalOptions(),
    report: after,
    edits: state.edits.map(({ type, ref, category, lngLat }) => ({ type, ref, category, lngLat })),
    ...(diff ? { baseline: before, comparison: diff } : {}),
    ...(state.access ? { coverage: state.access.after.coverage, coverageBaseline: diff ? state.access.before.coverage : undefined } : {}),
    siteMetrics: state.current?.metrics,
  };
  download(`${fileStem()}.json`, 'application/json', [JSON.stringify(doc, null, 2)]);
}

function exportCsv() {
  const text = csvText();
  if (text === null) return;
  // The BOM tells spreadsheets the file is UTF-8 (Chinese stays readable in Excel).
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
    renderPrintReport();
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
