// The verdict of a report, shared by the demo page and the widget: whether
// it is graded at all (report.status), the disclaimer, and the list of what
// is missing, one sentence per cause saying what to do about it.
//
// Names of categories, attributes and indicators come from the data or a
// profile: everything goes through el() (textContent), never HTML.
import { el } from './dom.js';
import { categoryLabel, pick, tr } from './i18n.js';

const STATUSES = ['complete', 'provisional', 'insufficient'];

// Travel circles are named by the metric the library reports as the item.
const TRAVEL_CIRCLES = {
  'travelCircles.bus5min': { zh: '5分钟公交出行圈（公交站点）', en: '5-minute bus circle (bus stops)' },
  'travelCircles.metro10min': { zh: '10分钟地铁出行圈（地铁站）', en: '10-minute metro circle (metro stations)' },
  'travelCircles.destinations30min': { zh: '30分钟出行圈（城市目的地）', en: '30-minute circle (city destinations)' },
};

/** The report's status; a report of an older package (no status) counts as graded when it has a grade. */
export function verdictStatus(report) {
  if (!report) return null;
  if (STATUSES.includes(report.status)) return report.status;
  return report.grade ? 'complete' : 'insufficient';
}

/** Whether the data has no walkable network, as the report says. */
export function lacksNetwork(report) {
  return (report?.missing ?? []).some((m) => m.cause === 'NO_WALKABLE_NETWORK');
}

function joinList(lang, names) {
  return names.join(lang === 'zh' ? '、' : ', ');
}

/**
 * The label of one missing item: a facility category, a travel circle, or
 * a declared attribute (label from the profile when the caller has it).
 */
function itemLabel(lang, cause, item, attributes) {
  const key = String(item);
  if (cause === 'NOT_DECLARED') return pick(lang, attributes?.[key]?.label) || key;
  if (key in TRAVEL_CIRCLES) return TRAVEL_CIRCLES[key][lang];
  return categoryLabel(lang, key);
}

/**
 * The missing list as sentences: [{ cause, text, indicators: [labels] }].
 * `attributes`: the profile's attribute definitions (for their labels);
 * `where`: 'page' (point at the declared-facts form and the pickers) or
 * 'widget' (point at its attributes).
 */
export function missingSentences(lang, report, { attributes = null, where = 'page' } = {}) {
  const labels = new Map((report?.indicators ?? []).map((i) => [i.id, pick(lang, i.label) || i.id]));
  const out = [];
  for (const m of report?.missing ?? []) {
    const cause = String(m.cause ?? '');
    const indicators = (m.indicators ?? []).map((id) => labels.get(id) ?? String(id));
    const items = (m.items ?? []).map((item) => itemLabel(lang, cause, item, attributes));
    const vars = { items: joinList(lang, items.length ? items : indicators), n: indicators.length };
    let key = `cause_${cause}`;
    if (where === 'widget' && (cause === 'NOT_DECLARED' || cause === 'PROJECT_TYPE_NOT_GIVEN')) key += '_widget';
    const known = tr(lang, key) !== key;
    const text = known ? tr(lang, key, vars) : tr(lang, 'cause_other', { cause, items: vars.items });
    out.push({ cause, text, indicators });
  }
  return out;
}

/** The headline of the verdict: "not enough data to grade", "provisional", or "complete". */
export function verdictHeadline(lang, report) {
  const status = verdictStatus(report);
  return status ? tr(lang, `verdict_${status}`) : '';
}

/**
 * A block with the missing list grouped by cause, each cause a sentence and
 * the indicators it leaves unassessed. Collapsed (a <details>) unless
 * `open`. Returns null when nothing is missing.
 */
export function missingBlock(lang, report, { attributes = null, where = 'page', open = false, headingTag = 'h3' } = {}) {
  const sentences = missingSentences(lang, report, { attributes, where });
  if (!sentences.length) return null;
  const list = el('ul', { className: 'missing-list' },
    ...sentences.map((s) =>
      el('li', { dataset: { cause: s.cause } },
        el('span', { className: 'missing-text', text: s.text }),
        s.indicators.length
          ? el('span', { className: 'missing-indicators', text: `${tr(lang, 'missingIndicators')}${joinList(lang, s.indicators)}` })
          : null,
      ),
    ),
  );
  const title = tr(lang, 'missingHeading');
  const details = el('details', { className: 'missing' }, el('summary', {}, el(headingTag, { className: 'missing-heading', text: title })), list);
  details.open = open;
  return details;
}

/** The disclaimer paragraph, or null. */
export function disclaimerNode(lang, report) {
  const text = pick(lang, report?.disclaimer);
  return text ? el('p', { className: 'disclaimer', text }) : null;
}
