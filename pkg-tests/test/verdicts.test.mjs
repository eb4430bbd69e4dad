// Honest verdicts in headless Chromium: the demo page and the widget say
// "not enough data to grade" instead of a grade when the report is
// insufficient, list what is missing as sentences in the page's language,
// mark provisional grades, required (标配) and optional (选配) scenarios, and
// leave unassessed scenarios out of the radar instead of drawing them at 0.
// Serves www/dist/ (scripts/build-www.sh); screenshots go to pkg-tests/screenshots/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { PHONE, READY, SCREENSHOTS, serveDemo, withBrowserPage } from '../lib/browser.mjs';
import { ROOT } from '../lib/load.mjs';

const helsinki = JSON.parse(readFileSync(path.join(ROOT, 'data/helsinki-centre/normalized.geojson'), 'utf8'));
// The Helsinki buildings without roads or facilities: nothing to walk on.
const buildingsOnly = { ...helsinki, name: 'buildings only', features: helsinki.features.filter((f) => f.properties?.kind === 'building') };

const site = serveDemo();
const page = site.open;

/** Feeds the buildings-only data through the page's file picker and waits for the scores. */
async function loadBuildingsOnly(p) {
  await p.setInputFiles('#file-input', { name: 'buildings-only.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(buildingsOnly)) });
  await p.waitForFunction(() => document.querySelector('#dataset-name').textContent === 'buildings-only.geojson');
  await p.waitForSelector(READY);
  await p.waitForSelector('#scorecard[data-status="insufficient"]');
}

/** Re-scores after a change of a picker: waits until the page is idle again. */
async function settled(p) {
  await p.waitForTimeout(350);
  await p.waitForSelector(READY);
}

/**
 * The radar's data as ECharts holds it: [{ name, value }] per axis of the
 * last series. `root` is a selector of a shadow host, or null for the page.
 */
function radarData(p, host = null) {
  return p.evaluate(async (hostSel) => {
    const echarts = await import('./vendor/echarts/echarts.esm.min.mjs');
    const scope = hostSel ? document.querySelector(hostSel).shadowRoot : document;
    const chart = echarts.getInstanceByDom(scope.querySelector(hostSel ? '.radar' : '#radar'));
    const option = chart.getOption();
    const names = option.radar[0].indicator.map((i) => i.name);
    const series = option.series[0].data;
    const values = series[series.length - 1].value;
    return names.map((name, i) => ({ name, value: values[i] }));
  }, host);
}

/** Checks the radar against the report: no point for a scenario without a score, optional ones named. */
function assertRadarGaps(axes, scenarios, lang) {
  assert.equal(axes.length, scenarios.length);
  const na = lang === 'zh' ? '未评估' : 'not assessed';
  const optional = lang === 'zh' ? '\n（选配）' : '\n(optional)';
  let gaps = 0;
  scenarios.forEach((s, i) => {
    if (typeof s.score === 'number') assert.equal(axes[i].value, s.score, `${s.id} drawn at its score`);
    else {
      gaps += 1;
      assert.ok(axes[i].value === '-' || axes[i].value === null, `${s.id} is not assessed: no point (got ${axes[i].value})`);
      assert.ok(axes[i].name.includes(na), `${s.id} named as not assessed: ${axes[i].name}`);
    }
    if (s.required === false) assert.ok(axes[i].name.includes(optional), `${s.id} marked optional: ${axes[i].name}`);
  });
  assert.ok(gaps > 0, 'some scenarios are not assessed');
}

describe('honest verdicts: page and widget', { timeout: 240_000 }, () => {
  it('buildings only (no roads): no grade, the missing data as sentences in zh and en, never "已完成"', async () => {
    await page('zh-CN', async (p) => {
      await loadBuildingsOnly(p);
      assert.equal(await p.textContent('#grade-value'), '数据不足，暂不评级');
      assert.doesNotMatch(await p.textContent('#scorecard .facts'), /(^|\s)[A-E] ·/, 'no grade letter');
      assert.equal(await p.textContent('#verdict-headline'), '数据不足，暂不评级');
      assert.equal(await p.isVisible('#score-note'), true, 'the score is marked for information');
      assert.equal(await p.textContent('#score-note'), '仅供参考，不是评级');
      const network = p.locator('#missing-box li[data-cause="NO_WALKABLE_NETWORK"] .missing-text');
      assert.match(await network.textContent(), /^文件中没有道路或步行路径，无法计算步行距离：请在文件中加入道路网络/);
      assert.equal(await network.isVisible(), true, 'the list is open for an ungraded report');
      assert.match(await p.textContent('#missing-box li[data-cause="NOT_DECLARED"]'), /申报事项/);
      const status = await p.textContent('#status');
      assert.doesNotMatch(status, /已完成/);
      assert.match(status, /数据不足/);
      assert.match(await p.textContent('#disclaimer'), /不是/);

      // Renovation + leading: the 5 required scenarios of the Zhejiang rule.
      await p.selectOption('#project-type', 'renovation');
      await settled(p);
      await p.selectOption('#level-tier', 'leading');
      await settled(p);
      assert.equal(await p.locator('#scenario-table tbody tr[data-required="yes"]').count(), 5);
      assert.equal(await p.locator('#scenario-table tbody tr[data-required="no"]').count(), 4);
      assert.equal(await p.textContent('#scenario-table tr[data-scenario="education"] th .badge'), '标配');
      assert.equal(await p.textContent('#scenario-table tr[data-scenario="transport"] th .badge'), '选配');
      assert.equal(await p.textContent('#grade-value'), '数据不足，暂不评级');

      // The radar leaves the unassessed scenarios out.
      const scenarios = await p.evaluate(() => [...document.querySelectorAll('#scenario-table tbody tr')].map((tr) => ({
        id: tr.dataset.scenario,
        required: tr.dataset.required === 'yes' ? true : tr.dataset.required === 'no' ? false : null,
        score: tr.querySelector('td.num .na') ? null : Number(tr.querySelector('td.num').firstChild.textContent.replace(/,/g, '')),
      })));
      assertRadarGaps(await radarData(p), scenarios, 'zh');
      await p.waitForTimeout(300);
      await p.locator('#scores').screenshot({ path: path.join(SCREENSHOTS, 'verdict-insufficient-zh.png') });
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.screenshot({ path: path.join(SCREENSHOTS, 'verdict-desktop-zh.png') });

      await p.click('#lang-toggle');
      assert.equal(await p.textContent('#grade-value'), 'Not enough data to grade');
      assert.equal(await p.textContent('#verdict-headline'), 'Not enough data to grade');
      assert.equal(await p.textContent('#score-note'), 'for information only, not a grade');
      assert.match(await p.textContent('#missing-box li[data-cause="NO_WALKABLE_NETWORK"] .missing-text'), /^The file has no roads or paths, so no walking distance can be computed: add the road network \(OSM highways/);
      assert.match(await p.textContent('#missing-box li[data-cause="NOT_DECLARED"] .missing-text'), /Declared facts/);
      assert.doesNotMatch(await p.textContent('#status'), /Ready|Done/);
      assert.equal(await p.textContent('#scenario-table tr[data-scenario="transport"] th .badge'), 'optional');
      assertRadarGaps(await radarData(p), scenarios, 'en');
      await p.waitForTimeout(300);
      await p.locator('#scores').screenshot({ path: path.join(SCREENSHOTS, 'verdict-insufficient-en.png') });
    });
  });

  it('Helsinki: insufficient under zhejiang (no 一老一小 facilities), provisional under GB 50180, insufficient under complete-community', async () => {
    await page('en-US', async (p) => {
      // The Finnish data has none of the six "一老一小" categories: not assessed, so no grade.
      assert.equal(await p.getAttribute('#scorecard', 'data-status'), 'insufficient');
      assert.equal(await p.textContent('#grade-value'), 'Not enough data to grade');
      assert.match(await p.textContent('#missing-box li[data-cause="NO_FACILITY_CATEGORY"]'), /Elderly canteen/, 'categories by their labels');
      assert.match(await p.textContent('#missing-box li[data-cause="NO_FACILITY_CATEGORY"]'), /Party-mass service centre/);
      assert.match(await p.textContent('#disclaimer'), /not an official acceptance result/);

      await p.selectOption('#profile-select', 'gb50180-life-circle');
      await p.waitForFunction(() => document.querySelector('#scorecard').dataset.status === 'provisional');
      await settled(p);
      assert.match(await p.textContent('#grade-value'), /^[A-E] · \w+/);
      assert.equal(await p.isVisible('#grade-badge'), true);
      assert.equal(await p.textContent('#grade-badge'), 'provisional');
      assert.equal(await p.isVisible('#score-note'), false);
      assert.equal(await p.locator('#missing-box details.missing').count(), 1);
      assert.equal(await p.locator('#missing-box details.missing[open]').count(), 0, 'collapsed when provisional');
      assert.match(await p.textContent('#status'), /provisional/);
      assert.match(await p.textContent('#disclaimer'), /not an assessment by the competent authority/);
      await p.waitForTimeout(300);
      await p.locator('#scores').screenshot({ path: path.join(SCREENSHOTS, 'verdict-provisional-en.png') });
      await p.selectOption('#level-tier', 'inclusive');
      await settled(p);
      assert.equal(await p.evaluate(() => document.querySelector('#level-tier').value), 'inclusive');
      await p.locator('#evaluation-form').screenshot({ path: path.join(SCREENSHOTS, 'verdict-form-en.png') });

      await p.selectOption('#profile-select', 'complete-community');
      await p.waitForFunction(() => /complete|完整/i.test(document.querySelector('#profile-name').textContent) || document.querySelector('#scorecard').dataset.status === 'insufficient');
      await settled(p);
      assert.equal(await p.getAttribute('#scorecard', 'data-status'), 'insufficient');
      assert.equal(await p.textContent('#grade-value'), 'Not enough data to grade');
      assert.equal(await p.textContent('#verdict-headline'), 'Not enough data to grade');
      assert.equal(await p.isVisible('#score-note'), true);
    });
  });

  it('on a phone: the insufficient verdict fits the screen', async () => {
    await page('zh-CN', async (p) => {
      await loadBuildingsOnly(p);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
      assert.equal(await p.textContent('#grade-value'), '数据不足，暂不评级');
      await p.waitForTimeout(300);
      await p.locator('#scores').screenshot({ path: path.join(SCREENSHOTS, 'verdict-phone-zh.png') });
    }, { viewport: PHONE });
  });

  it('the widget with the buildings-only data (data property) says it cannot grade; tier and project-type re-score', async () => {
    await withBrowserPage(`${site.url}widget-example.html`, async (p) => {
      await p.waitForFunction(() => [...document.querySelectorAll('future-community-score')].every((el) => el.dataset.state === 'ready'), null, { timeout: 60_000 });
      await p.evaluate((doc) => {
        const el = document.createElement('future-community-score');
        el.id = 'thin';
        el.setAttribute('lang', 'zh');
        el.data = doc;
        document.querySelector('.examples').prepend(el);
      }, buildingsOnly);
      await p.waitForSelector('#thin[data-state="ready"]', { timeout: 60_000 });
      await p.waitForTimeout(400);
      const card = () => p.evaluate(() => {
        const root = document.getElementById('thin').shadowRoot;
        return {
          headline: root.querySelector('.verdict .headline')?.textContent,
          facts: root.querySelector('dl').textContent,
          note: root.querySelector('.score .note')?.textContent,
          network: root.querySelector('li[data-cause="NO_WALKABLE_NETWORK"] .missing-text')?.textContent,
          declared: root.querySelector('li[data-cause="NOT_DECLARED"] .missing-text')?.textContent,
          disclaimer: root.querySelector('.disclaimer')?.textContent,
          required: root.querySelectorAll('ol li[data-required="yes"]').length,
          optional: [...root.querySelectorAll('ol li[data-required="no"]')].map((li) => li.textContent),
        };
      });
      let c = await card();
      assert.equal(c.headline, '数据不足，暂不评级');
      assert.match(c.facts, /数据不足，暂不评级/);
      assert.doesNotMatch(c.facts, /(^|[^A-Za-z])[A-E] ·/, 'no grade letter');
      assert.equal(c.note, '仅供参考，不是评级');
      assert.match(c.network, /^文件中没有道路或步行路径/);
      assert.match(c.disclaimer, /不是/);
      assertRadarGaps(await radarData(p, '#thin'), await p.evaluate(() => document.getElementById('thin').report.scenarios), 'zh');

      await p.evaluate(() => {
        const el = document.getElementById('thin');
        el.setAttribute('project-type', 'renovation');
        el.setAttribute('tier', 'leading');
        el.setAttribute('lang', 'en');
      });
      await p.waitForFunction(() => document.getElementById('thin').report?.tier === 'leading' && document.getElementById('thin').dataset.state === 'ready', null, { timeout: 60_000 });
      await p.waitForTimeout(400);
      c = await card();
      assert.equal(c.headline, 'Not enough data to grade');
      assert.match(c.network, /^The file has no roads or paths/);
      assert.match(c.declared, /time bank/i, 'facts named by their labels');
      assert.equal(c.required, 5);
      assert.ok(c.optional.length === 4 && c.optional.every((t) => t.includes('(optional)')));
      assertRadarGaps(await radarData(p, '#thin'), await p.evaluate(() => document.getElementById('thin').report.scenarios), 'en');
      await p.locator('#thin').screenshot({ path: path.join(SCREENSHOTS, 'verdict-widget-en.png') });
    }, { origins: [site.url] });
  });
});
