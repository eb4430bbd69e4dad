// The same project's CommonJS side: require resolves node.cjs and its types.
import fc = require('future-community');

export function far(text: string): number | null {
  const community = fc.Community.fromGeoJSON(text);
  try {
    return community.siteMetrics().far;
  } finally {
    community.free();
  }
}
