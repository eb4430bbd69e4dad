// A TypeScript consumer of the profile/evaluation API, type-checked (never
// run) by `tsc --noEmit` against the generated .d.ts of the Node package.
// It spells out the contract of profiles(), profile(), evaluate(),
// evaluateAll() and compareReports() as types.
import {
  Community,
  compareReports,
  profile,
  profiles,
  type AssessedIndicatorResult,
  type BilingualText,
  type ChangeKind,
  type Comparison,
  type EvaluateOptions,
  type IndicatorResult,
  type IndicatorUnit,
  type ParameterValue,
  type ProfileDocument,
  type ProfileInfo,
  type ProjectType,
  type RankEntry,
  type Report,
  type ReportDiff,
  type ScenarioId,
  type Scoring,
  type Target,
} from "../../pkg/node.mjs";

const PROFILE_ID = "zhejiang-future-community";

/** Lists the built-in profiles as "id version: English name (n indicators)". */
export function listProfiles(): string[] {
  const infos: ProfileInfo[] = profiles();
  return infos.map((p) => {
    const description: BilingualText | null = p.description;
    const count: number = p.indicators + p.scenarios;
    return `${p.id} ${p.version}: ${p.name.en} (${count}) ${description?.zh ?? ""}`;
  });
}

/** A target as plain text, narrowing on `op`. */
export function targetText(t: Target): string {
  if (t.op === "between") {
    const lo: number = t.min;
    const hi: number = t.max;
    return `${lo}..${hi}`;
  }
  // A target read from another value (`valueFrom`) has its number in a report only.
  const v: number | undefined = t.value;
  const from: string | undefined = t.valueFrom;
  return from === undefined ? `${t.op} ${v}` : `${t.op} ${from} (${v ?? "not declared"})`;
}

/** A scoring rule as plain text, narrowing on `type`. */
export function scoringText(s: Scoring): string {
  switch (s.type) {
    case "passFail":
      return "pass/fail";
    case "linear":
      return `linear ${s.from} -> ${s.to}`;
    case "bands":
      return s.bands.map((b) => `${b.min ?? b.max}: ${b.score}`).join(", ");
  }
}

/** Reads a built-in profile document and derives a custom one from it. */
export function adaptProfile(id: string = PROFILE_ID): ProfileDocument {
  const doc: ProfileDocument = profile(id);
  const schema: string | undefined = doc.$schema;
  const scenarioIds: ScenarioId[] = doc.scenarios.map((s) => s.id);
  const weights: number[] = doc.scenarios.map((s) => s.weight);
  const cuts: number[] = doc.grading.bands.map((b) => b.minScore);
  const sourceTitles: string[] = Object.values(doc.sources).map((s) => s.title + (s.url ?? ""));
  for (const [name, p] of Object.entries(doc.parameters)) {
    const value: ParameterValue = p.value;
    if (typeof value === "number" && name.endsWith("Factor")) {
      const factor: number = value;
      void factor;
    } else if (Array.isArray(value)) {
      // A list of strings (categories) or of numbers (a factor table's column).
      const items: (string | number)[] = value;
      void items;
    }
  }
  const status: "complete" | "provisional" | "insufficient" = evaluateStatus(doc.grading.minCompleteness?.value ?? 0);
  void status;
  for (const s of doc.scenarios) {
    const cases = s.requiredFor?.when ?? [];
    for (const c of cases) {
      const tier: "leading" | "inclusive" | undefined = c.tier;
      void tier;
    }
  }
  for (const [name, a] of Object.entries(doc.attributes)) {
    const kind: "boolean" | "number" = a.type;
    const unit: IndicatorUnit = a.unit;
    const bounds: [number | undefined, number | undefined] = [a.min, a.max];
    void [name, kind, unit, bounds];
  }
  const texts = doc.indicators.map((ind) => {
    const byType: Target | undefined = ind.targetByProjectType?.renovation ?? ind.targetByProjectType?.newBuild;
    const t = ind.target ?? byType;
    return `${ind.id} [${ind.binding}] ${ind.metric} ${t ? targetText(t) : "-"} ${scoringText(ind.scoring)}`;
  });
  void [schema, scenarioIds, weights, cuts, sourceTitles, texts];

  // A custom profile: same document, one indicator scored by bands.
  return {
    ...doc,
    id: `${doc.id}-custom`,
    indicators: doc.indicators.map((ind, i) =>
      i === 0
        ? { ...ind, scoring: { type: "bands", bands: [{ min: 0.9, score: 100 }, { min: 0.5, score: 50 }] } }
        : ind,
    ),
  };
}

/** What a UI shows for one indicator, narrowing on `status`. */
export function indicatorLine(r: IndicatorResult): string {
  switch (r.status) {
    case "assessed": {
      const value: number = r.value;
      const score: number = r.score;
      const pass: boolean | null = r.pass;
      const verdict = pass === null ? "no target" : pass ? "meets" : "fails";
      return `${r.label.en}: ${value} ${r.unit} -> ${score} (${verdict})`;
    }
    case "notAssessed": {
      const reason: "missingValue" | "projectTypeRequired" | "targetValueMissing" = r.reason;
      const value: null = r.value;
      return `${r.label.en}: not assessed (${reason}) ${value}`;
    }
    case "notApplicable": {
      const target: null = r.target;
      return `${r.label.en}: not applicable (${r.reason}) ${target}`;
    }
  }
}

/** Evaluates the first site of a dataset, with and without declared attributes. */
export function evaluateSite(text: string, projectType: ProjectType = "renovation"): ReportDiff {
  const community = Community.fromGeoJSON(text);
  try {
    return evaluateWith(community, projectType);
  } finally {
    community.free();
  }
}

function evaluateWith(community: Community, projectType: ProjectType): ReportDiff {
  const options: EvaluateOptions = {
    projectType,
    attributes: { smartServicePlatform: true, sharedParkingSpaces: 12, wasteSortingRate: 0.8 },
  };
  const before: Report = community.evaluate(PROFILE_ID);
  const after: Report = community.evaluate(PROFILE_ID, options);
  const bySite: Report = community.evaluate(null, { site: 0 });
  const custom: Report = community.evaluate(adaptProfile(), { site: "boundary", projectType: "newBuild" });

  const score: number | null = after.score;
  const grade: string | undefined = after.grade?.id;
  const completeness: number = after.completeness;
  const siteId: string | null = after.siteId;
  const type: ProjectType | null = after.projectType;
  const scenarioScores: (number | null)[] = after.scenarios.map((s) => s.score);
  const counts: number[] = after.scenarios.map((s) => s.assessed + s.applicable + s.completeness);
  const failed: string[] = after.failedBinding.concat(after.notAssessedBinding);
  const warningCodes: string[] = after.warnings.map((w) => w.code);
  const lines: string[] = after.indicators.map(indicatorLine);
  const assessed: AssessedIndicatorResult[] = after.indicators.filter(
    (r): r is AssessedIndicatorResult => r.status === "assessed",
  );
  const targetTexts: (string | undefined)[] = after.indicators.map((r) => r.targetText?.zh);
  void [score, grade, completeness, siteId, type, scenarioScores, counts, failed, warningCodes, lines, assessed, targetTexts, bySite, custom];

  // A report survives a JSON round trip (e.g. saved and loaded again).
  const saved: Report = JSON.parse(JSON.stringify(before)) as Report;
  return compareReports(saved, after);
}

/** Summarises a report diff. */
export function diffSummary(diff: ReportDiff): string {
  const delta: number | null = diff.score.delta;
  const kinds: Record<ChangeKind, number> = {
    improved: 0,
    worsened: 0,
    unchanged: 0,
    newlyAssessed: 0,
    noLongerAssessed: 0,
    notAssessed: 0,
    added: 0,
    removed: 0,
  };
  for (const ind of diff.indicators) {
    kinds[ind.change] += 1;
    const passes: [boolean | null, boolean | null] = [ind.passBefore, ind.passAfter];
    const values: (number | null)[] = [ind.value.before, ind.value.after, ind.value.delta, ind.score.delta];
    void [passes, values];
  }
  const scenarios: string[] = diff.scenarios.map((s) => `${s.id} ${s.score.delta ?? "-"}`);
  const grades: (string | null)[] = [diff.gradeBefore, diff.gradeAfter];
  const same: boolean = diff.sameProfile;
  return [
    diff.profileBefore,
    diff.profileAfter,
    same,
    delta,
    diff.completeness.after,
    grades.join("->"),
    JSON.stringify(kinds),
    scenarios.join(";"),
    diff.newlyFailedBinding.join(","),
    diff.resolvedBinding.join(","),
  ].join(" ");
}

/** Evaluates every site of a dataset and prints the ranking and table. */
export function rankSites(text: string): string[] {
  const community = Community.fromGeoJSON(text);
  try {
    return rankWith(community);
  } finally {
    community.free();
  }
}

function rankWith(community: Community): string[] {
  const all: Comparison = community.evaluateAll(PROFILE_ID, { projectType: "renovation" });
  const byDefault: Comparison = community.evaluateAll();
  const reports: Report[] = all.reports.concat(byDefault.reports);
  const ranking: RankEntry[] = all.ranking;
  const header: string = all.table.columns.map((c) => `${c.id} (${c.unit}, ${c.binding}) ${c.label.en}`).join(" | ");
  const rows: string[] = all.table.rows.map((row) => {
    const values: (number | null)[] = row.values;
    const scores: (number | null)[] = row.scores;
    const pass: (boolean | null)[] = row.pass;
    const grade: string | null = row.grade;
    return `${row.siteId} ${row.score ?? "-"} ${grade ?? "-"} ${row.completeness} ${values.length + scores.length + pass.length}`;
  });
  const places: string[] = ranking.map(
    (e) => `${e.rank}. ${e.siteId} ${e.score ?? "-"} ${e.grade?.label.zh ?? "-"} ${e.completeness} ${e.failedBinding}`,
  );
  return [all.profileId, all.profileVersion, String(reports.length), header, ...rows, ...places];
}

export function rejectsWrongOptions(community: Community): void {
  // @ts-expect-error "retrofit" is not a project type
  community.evaluate(PROFILE_ID, { projectType: "retrofit" });
  // @ts-expect-error attribute values are numbers or booleans
  community.evaluate(PROFILE_ID, { attributes: { timeBank: "yes" } });
  // @ts-expect-error options take no `profile` key
  community.evaluate(PROFILE_ID, { profile: PROFILE_ID });
  // @ts-expect-error a profile is an id or a document
  community.evaluateAll(42);
}

export function rejectsWrongReads(report: Report, diff: ReportDiff): void {
  const first = report.indicators[0];
  if (first !== undefined && first.status !== "assessed") {
    // @ts-expect-error only an assessed indicator has a numeric value
    const value: number = first.value;
    void value;
  }
  // @ts-expect-error the overall score may be null
  const score: number = report.score;
  // @ts-expect-error completeness changes carry before/after/delta, not a number
  const completeness: number = diff.completeness;
  // @ts-expect-error "removed" and friends are the only change kinds
  const kind: ChangeKind = "gone";
  // @ts-expect-error scenario ids are the nine known ones
  const scenario: ScenarioId = "parking";
  void [score, completeness, kind, scenario];
}

function evaluateStatus(min: number): "complete" | "provisional" | "insufficient" {
  return min > 0.99 ? "complete" : min > 0 ? "provisional" : "insufficient";
}
