// axe-core (npm, pkg-tests/package-lock.json) inside a Playwright page.
// The page's CSP admits only its own scripts, so axe is evaluated through
// the DevTools protocol (like code typed into the console), not added as a
// <script>: the page's policy stays as it is during the check.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The violations axe-core finds on the page (WCAG 2.x A/AA and best
 * practices), as short readable records: [{ id, impact, help, nodes }].
 * Shadow roots (the widget's) are checked too.
 */
export async function axeViolations(page, { context = 'document' } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (ctx) => {
    const result = await window.axe.run(ctx === 'document' ? document : ctx, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
    }));
  }, context);
}

/** A readable list of violations for an assertion message. */
export function formatViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n  ');
}
