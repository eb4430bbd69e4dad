// What every error and warning code of future-community means for a person,
// in Chinese and English, with what to do next: explain() and messages().
// Plain JavaScript (no WebAssembly needed, so it works before init() and can
// explain an init failure). The catalogue is messages/messages.json of the
// repository; scripts/build-pkg.sh writes it into the next line.
import { FutureCommunityError } from './runtime.js';

const CATALOGUE = null; // @catalogue (replaced by scripts/build-pkg.sh)

/** The longest code explain() takes. */
const MAX_CODE_LEN = 64;

function invalid(message) {
  return new FutureCommunityError('INVALID_OPTION', message);
}

/** A string property read without letting a throwing getter or Proxy escape uncoded. */
function prop(obj, key) {
  let v;
  try {
    v = obj[key];
  } catch {
    throw invalid(`item: reading its \`${key}\` threw`);
  }
  return typeof v === 'string' ? v : undefined;
}

function langOf(options) {
  if (options === undefined || options === null) return 'en';
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw invalid(`options: must be an object such as { lang: "zh" }, got ${typeof options}`);
  }
  let keys;
  let tag;
  try {
    keys = Object.keys(options);
    tag = options.lang;
  } catch {
    throw invalid('options: reading it threw');
  }
  const unknown = keys.filter((k) => k !== 'lang');
  if (unknown.length > 0) throw invalid(`options: unknown option \`${unknown[0]}\` (known: lang)`);
  if (tag === undefined || tag === null) return 'en';
  const primary = typeof tag === 'string' ? tag.trim().split(/[-_]/)[0].toLowerCase() : null;
  if (primary === 'zh' || primary === 'en') return primary;
  throw invalid(`lang: must be "zh" or "en" (or a tag such as "zh-CN"), got ${typeof tag === 'string' ? JSON.stringify(tag.slice(0, 40)) : typeof tag}`);
}

const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

/**
 * What an error or warning code means and what to do, in Chinese or English.
 * `item` is a code ("INVALID_JSON") or an error or warning object with a
 * `code`; its `message` becomes `details`.
 */
export function explain(item, options) {
  const lang = langOf(options);
  let code;
  let details = null;
  if (typeof item === 'string') {
    code = item;
  } else if (item !== null && typeof item === 'object') {
    code = prop(item, 'code');
    if (code === undefined) throw invalid('item: an error or warning object needs a string `code`');
    details = prop(item, 'message') ?? null;
  } else {
    throw invalid(`item: must be a code or an error or warning object, got ${item === null ? 'null' : typeof item}`);
  }
  if (code.length === 0 || code.length > MAX_CODE_LEN || !/^[A-Z0-9_]+$/.test(code)) {
    throw invalid(`item: a code is 1 to ${MAX_CODE_LEN} capital letters, digits and underscores, got ${JSON.stringify(code.slice(0, MAX_CODE_LEN + 1))}`);
  }
  const entry = own(CATALOGUE.codes, code) ? CATALOGUE.codes[code] : null;
  const text = entry
    ? entry[lang]
    : { message: CATALOGUE.fallback[lang].message.replace('{code}', code), action: CATALOGUE.fallback[lang].action };
  return { code, lang, message: text.message, action: text.action, details, known: entry !== null };
}

/** Every code's sentence and suggested action in one language, by code. */
export function messages(options) {
  const lang = langOf(options);
  const out = {};
  for (const code of Object.keys(CATALOGUE.codes)) {
    const t = CATALOGUE.codes[code][lang];
    out[code] = { message: t.message, action: t.action };
  }
  return out;
}
