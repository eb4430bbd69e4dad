// The data credit of a GeoJSON file, shared by the demo page (fc-core.js,
// which reads the file in the worker), the widget and the exports: the
// file's own top-level `attribution` (a string, or a list of strings, one
// per source), tidied and shortened. No DOM here (runs in the worker).

/** The longest credit shown; longer ones are cut with an ellipsis. */
export const MAX_CREDIT_CHARS = 300;

/**
 * The file's own credit, or null when it has none.
 * @param {any} doc a parsed GeoJSON document
 * @returns {string | null}
 */
export function fileAttribution(doc) {
  let a;
  try {
    a = doc?.attribution;
  } catch {
    return null;
  }
  let s = null;
  if (typeof a === 'string') s = a;
  else if (Array.isArray(a)) s = a.filter((x) => typeof x === 'string' && x.trim()).join('; ');
  s = s === null ? null : s.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  return s.length > MAX_CREDIT_CHARS ? `${s.slice(0, MAX_CREDIT_CHARS)}…` : s;
}
