// The computation side of the compare view (app/compare.js), run by
// fc-core.js in the worker: several communities scored with one profile,
// each file its own community, and a file with several `boundary` features
// one row per boundary (`evaluateAll`). Only slim rows go back to the page
// (no indicator lists), so that 10^4 boundaries stay cheap to post.

/** The most files one comparison reads (the core's own limits apply to each file). */
export const MAX_COMPARE_FILES = 50;

/**
 * A row of the ranking from `r` (a report or a line of `evaluateAll`'s
 * table): where it comes from (`file`, `fileIndex`, `site`), its grade and
 * count of failed binding targets, and each scenario's score by `scoreOf`.
 */
function rankingRow(r, where, grade, failedBinding, scenarios, scoreOf) {
  return {
    ...where,
    siteId: r.siteId ?? null,
    score: typeof r.score === 'number' ? r.score : null,
    grade,
    status: r.status,
    completeness: r.completeness,
    failedBinding,
    scenarios: scenarios.map((s, k) => ({ id: s.id, name: s.name, score: scoreOf(s, k), required: s.required })),
  };
}

/** One report as a row of the ranking: scores and what to label it with. */
function row(report, file, fileIndex, site) {
  const failed = report.failedBinding?.length ?? 0;
  return rankingRow(report, { file, fileIndex, site }, report.grade ?? null, failed, report.scenarios, (s) => s.score);
}

/** The same row from a line of `evaluateAll`'s table (no full report). */
function tableRow(r, scenarios, grades, file, fileIndex, site) {
  const scoreOf = (_, k) => r.scenarioScores?.[k] ?? null;
  return rankingRow(r, { file, fileIndex, site }, grades.get(r.siteId) ?? null, r.failedBinding ?? 0, scenarios, scoreOf);
}

/** The name of the i-th boundary of a community's layers, or null. */
function boundaryNames(community) {
  try {
    const layer = community.layers().boundary;
    return layer.features.map((f) => f.properties?.name ?? f.properties?.id ?? null);
  } catch {
    return [];
  }
}

/**
 * Scores every source: `{ rows, errors, profileId, profileVersion }`. A file
 * that cannot be read or scored is listed in `errors` (with the core's code)
 * and the others still count. `progress('compare', fraction)` after each file.
 * @param {any} fc the wasm module
 * @param {{ sources: any[], names: string[], crs: string, maxBytes?: number, profile: any, options: any }} request
 * @param {(source: any, maxBytes: number | undefined, progress: Function) => Promise<any>} readText
 * @param {(stage: string, fraction?: number | null) => void} progress
 * @param {(err: any) => any} errorInfo
 */
export async function compareSources(fc, request, readText, progress, errorInfo) {
  const { sources, names, crs, maxBytes, profile, options } = request;
  if (!Array.isArray(sources) || !sources.length) throw Object.assign(new Error('no files to compare'), { code: 'EMPTY_INPUT' });
  if (sources.length > MAX_COMPARE_FILES) {
    throw Object.assign(new Error(`at most ${MAX_COMPARE_FILES} files can be compared at once, got ${sources.length}`), { code: 'TOO_MANY_SOURCES' });
  }
  const rows = [];
  const errors = [];
  let profileId = null;
  let profileVersion = null;
  for (let i = 0; i < sources.length; i++) {
    const name = names[i] ?? `#${i + 1}`;
    progress('compare', i / sources.length);
    let community = null;
    try {
      const text = await readText(sources[i], maxBytes, () => {});
      community = fc.Community.fromGeoJSON(text, maxBytes ? { crs, maxBytes } : { crs });
      const added = scoreCommunity(community, name, i, profile, options);
      rows.push(...added.rows);
      profileId ??= added.profileId;
      profileVersion ??= added.profileVersion;
    } catch (err) {
      errors.push({ file: name, ...errorInfo(err) });
    } finally {
      community?.free();
    }
  }
  progress('compare', 1);
  return { rows, errors, profileId, profileVersion };
}

/**
 * The rows of one community: one per boundary when it has several
 * (`evaluateAll`), else one for the whole file (`evaluate`).
 */
export function scoreCommunity(community, name, fileIndex, profile, options) {
  const boundaries = community.summary().counts?.boundary ?? 0;
  if (boundaries > 1) {
    // Table and ranking only (`reports: false`): a full report is about
    // 45 KB, so 10^4 boundaries would cross from wasm as 450 MB of JSON.
    const all = community.evaluateAll(profile ?? undefined, { ...(options ?? {}), reports: false });
    const labels = boundaryNames(community);
    const grades = new Map(all.ranking.map((e) => [e.siteId, e.grade ?? null]));
    const scenarios = all.table.scenarios;
    return {
      rows: all.table.rows.map((r, j) => tableRow(r, scenarios, grades, name, fileIndex, labels[j] ?? r.siteId ?? `#${j + 1}`)),
      profileId: all.profileId,
      profileVersion: all.profileVersion,
    };
  }
  const r = community.evaluate(profile ?? undefined, options ?? undefined);
  return { rows: [row(r, name, fileIndex, null)], profileId: r.profileId, profileVersion: r.profileVersion };
}
