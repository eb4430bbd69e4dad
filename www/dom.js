// Building DOM nodes from data safely: text always goes through textContent,
// attributes through setAttribute; nothing is ever parsed as HTML.

/** el('td', { text, className, attrs, dataset }, ...children) */
export function el(tag, opts = {}, ...children) {
  const node = document.createElement(tag);
  const { text, className, attrs, dataset, title } = opts;
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  if (title !== undefined && title !== null) node.title = String(title);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(dataset ?? {})) {
    if (value !== undefined && value !== null) node.dataset[name] = String(value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A link only for http(s) URLs (never javascript: or data:), else plain text. */
export function safeLink(url, text) {
  let href = null;
  try {
    const u = new URL(String(url));
    if (u.protocol === 'https:' || u.protocol === 'http:') href = u.href;
  } catch {
    href = null;
  }
  if (!href) return document.createTextNode(String(text ?? url ?? ''));
  return el('a', { text: text ?? href, attrs: { href, rel: 'noopener noreferrer', target: '_blank' } });
}

/** Kebab-case version of a known key, for ids of our own (never of data). */
export function kebab(key) {
  return String(key).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace(/[^a-z0-9-]/g, '-');
}
