// Errors and warnings as people read them, shared by the demo page (app/)
// and the widget: what happened and what to do, in the page's language (the
// package's explain() catalogue, plus the few problems only a front end
// has: a download that fails, a file too large for the tab), with the
// technical text kept under "详情 / Details". Warnings are grouped by code
// with a count, so 400 "no floors" warnings are one line.
//
// Everything is built with el() (textContent): messages from the package
// or the data are never parsed as HTML.
import { el } from './dom.js';
import { formatNumber, tr } from './i18n.js';
import { explain } from './pkg/messages.js';

/** Problems of the front end itself (no package code): i18n key of the sentence and the action. */
const OWN = {
  HTTP_ERROR: 'problem_HTTP_ERROR',
  DOWNLOAD_FAILED: 'problem_DOWNLOAD_FAILED',
  FILE_TOO_LARGE: 'problem_FILE_TOO_LARGE',
  BASEMAP_FAILED: 'problem_BASEMAP_FAILED',
  WORKER_FAILED: 'problem_WORKER_FAILED',
  TOO_MANY_SOURCES: 'problem_TOO_MANY_SOURCES',
};

/** How many technical lines a group of warnings lists under its details. */
const DETAIL_LINES = 5;

/**
 * Technical text that would mislead on another file: the built-in
 * assumptions name the dataset they were measured on ("reference
 * normalisation of helsinki-centre"), which is not the reader's data.
 */
function cleanDetails(code, text) {
  if (!text) return '';
  let s = String(text);
  if (code === 'FLOORS_DEFAULTED') s = s.replace(/\s*\([^)]*helsinki[^)]*\)/gi, '');
  return s;
}

/**
 * { code, message, action, details } of an error, a warning or a code, in
 * `lang`. Never throws: anything unknown becomes the catalogue's generic
 * sentence naming the code (or, without a code, the page's own).
 * @param {'zh' | 'en'} lang
 * @param {any} item an Error / warning object with `code`, or a code string
 */
export function describeProblem(lang, item) {
  const code = typeof item === 'string' ? item : typeof item?.code === 'string' ? item.code : null;
  const raw = typeof item === 'string' ? '' : String(item?.message ?? (item ?? ''));
  const at = typeof item?.featureIndex === 'number' ? ` (${tr(lang, 'feature')} #${item.featureIndex})` : '';
  const details = cleanDetails(code, raw) + at;
  if (code && code in OWN) {
    const vars = { status: item?.status ?? '', ...(item?.vars ?? {}) };
    return { code, message: tr(lang, OWN[code], vars), action: tr(lang, `${OWN[code]}_action`, vars), details, known: true };
  }
  if (code) {
    try {
      const e = explain(code, { lang });
      return { code, message: e.message, action: e.action, details, known: e.known };
    } catch {
      // not a code the catalogue accepts (a malformed string): the generic sentence below
    }
  }
  return { code: code ?? '', message: tr(lang, 'problem_unknown'), action: tr(lang, 'problem_unknown_action'), details, known: false };
}

/** "message action" as one sentence pair, with the language's spacing. @param {'zh' | 'en'} lang */
export function sentence(lang, d) {
  return [d.message, d.action].filter(Boolean).join(lang === 'zh' ? '' : ' ');
}

/** "Could not load “x”: <message> <action>" with the language's colon. @param {'zh' | 'en'} lang @param {string} title */
export function titled(lang, title, d) {
  const text = sentence(lang, d);
  return title ? `${title}${lang === 'zh' ? '：' : ': '}${text}` : text;
}

/** Keys of the details a reader opened: they stay open when the page redraws them. */
const opened = new Set();

/**
 * A <details> with the technical text (code and message), collapsed unless
 * the reader opened the one with the same `key` before a redraw; null when
 * there is nothing technical to show.
 * @param {'zh' | 'en'} lang
 * @param {string[]} lines
 */
export function detailsNode(lang, lines, { key = null, className = 'problem-details' } = {}) {
  const shown = lines.filter(Boolean);
  if (!shown.length) return null;
  const node = el('details', { className },
    el('summary', { text: tr(lang, 'details') }),
    ...shown.map((l) => el('p', { className: 'tech', text: l })),
  );
  if (key) {
    const id = `${key}\n${shown.join('\n')}`;
    node.open = opened.has(id);
    node.addEventListener('toggle', () => (node.open ? opened.add(id) : opened.delete(id)));
  }
  return node;
}

/** The technical line of one problem: "CODE: message". */
export function techLine(d) {
  return [d.code, d.details].filter(Boolean).join(': ');
}

/**
 * Warnings grouped by code, in order of first appearance:
 * [{ code, count, items: [the first few warning objects] }].
 * @param {any[]} list
 */
export function groupWarnings(list) {
  /** @type {Map<string, { code: string, count: number, items: any[] }>} */
  const groups = new Map();
  for (const w of list ?? []) {
    const code = typeof w?.code === 'string' ? w.code : '';
    let g = groups.get(code);
    if (!g) {
      g = { code, count: 0, items: [] };
      groups.set(code, g);
    }
    g.count += 1;
    if (g.items.length < DETAIL_LINES) g.items.push(w);
  }
  return [...groups.values()];
}

/**
 * One <li> per warning code: the sentence and what to do, the count when
 * more than one, and the first technical messages under "Details".
 * @param {'zh' | 'en'} lang
 * @param {any[]} list
 */
export function warningItems(lang, list) {
  return groupWarnings(list).map((g) => {
    const d = describeProblem(lang, g.code);
    const li = el('li', { className: 'problem', dataset: { code: g.code, count: g.count } },
      el('span', { className: 'problem-message', text: d.message }),
      g.count > 1 ? el('span', { className: 'count', text: tr(lang, 'timesCount', { n: formatNumber(lang, g.count, 0) }) }) : null,
      lang === 'zh' ? '' : ' ',
      el('span', { className: 'problem-action', text: d.action }),
    );
    const lines = g.items.map((w) => techLine(describeProblem(lang, w)));
    if (g.count > g.items.length) lines.push(tr(lang, 'moreOfThem', { n: formatNumber(lang, g.count - g.items.length, 0) }));
    const details = detailsNode(lang, lines, { key: `warning-${g.code}` });
    if (details) li.append(details);
    return li;
  });
}
