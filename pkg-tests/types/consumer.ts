// A TypeScript consumer of both packages, type-checked (never run) by
// `tsc --noEmit -p types/tsconfig.json` against the generated .d.ts files.
// It spells out the JS API contract as types.
import { Community, version, isFutureCommunityError, FutureCommunityError, supported, type ErrorCode, type GeoJsonInput } from "../../pkg/node.mjs";
import initWeb, { Community as WebCommunity, version as webVersion } from "../../pkg/index.js";

type Crs = "wgs84" | "gcj02" | "bd09";

export function describeDataset(geojson: GeoJsonInput, crs: Crs = "wgs84"): string {
  const v: string = version();
  const community = Community.fromGeoJSON(geojson, { crs });
  try {
    const summary = community.summary();
    const featureCount: number = summary.featureCount;
    const buildings: number = summary.counts.building;
    const restaurants: number | undefined = summary.categories["restaurant"];
    const bbox: readonly [number, number, number, number] | null = summary.bbox;
    const [minLon, minLat, maxLon, maxLat] = bbox ?? [NaN, NaN, NaN, NaN];
    const codes: string[] = summary.warnings.map((w: { code: string; message: string; featureIndex?: number }) => w.code);

    const metrics = community.siteMetrics();
    const far: number | null = metrics.far;
    const site: number | null = metrics.siteAreaM2;
    const households: number | null = metrics.households;
    const green: number | null = metrics.publicGreenPerCapitaM2;

    // @ts-expect-error featureCount is a number, not a string
    const wrong: string = summary.featureCount;

    return [v, featureCount, buildings, restaurants, minLon, minLat, maxLon, maxLat, codes.length, far, site, households, green, wrong].join(" ");
  } finally {
    community.free();
  }
}

export function rejectsUnknownCrs(text: string): void {
  // @ts-expect-error "utm" is not a supported CRS
  Community.fromGeoJSON(text, { crs: "utm" }).free();
}

export function errorCode(text: string): string | undefined {
  try {
    Community.fromGeoJSON(text).free();
    return undefined;
  } catch (e) {
    if (e instanceof Error && "code" in e && typeof e.code === "string") {
      const index = "featureIndex" in e && typeof e.featureIndex === "number" ? e.featureIndex : -1;
      return `${e.code} ${index}`;
    }
    throw e;
  }
}

export function narrowedCode(text: string): ErrorCode | "ok" {
  try {
    Community.fromGeoJSON(text).free();
    return "ok";
  } catch (e) {
    if (isFutureCommunityError(e)) {
      const code: ErrorCode = e.code;
      const index: number | undefined = e.featureIndex;
      return index === undefined ? code : code;
    }
    if (e instanceof FutureCommunityError) return e.code;
    throw e;
  }
}

export function usingDisposes(text: string): boolean {
  {
    using community = Community.fromGeoJSON(text);
    community.summary();
  }
  // @ts-expect-error a plain object is not GeoJSON input (no "type")
  Community.fromGeoJSON({ features: [] });
  return supported();
}

export async function loadWeb(wasmBytes: Uint8Array, text: string): Promise<number> {
  await initWeb({ module_or_path: wasmBytes });
  const community = WebCommunity.fromGeoJSON(text);
  try {
    return community.siteMetrics().far ?? Number.NaN;
  } finally {
    community.free();
    webVersion();
  }
}

// explain() / messages(): the same from the Node and the browser entries.
import { explain, messages, type Explanation, type MessageText } from "../../pkg/node.mjs";
import { explain as webExplain } from "../../pkg/index.js";

export function sentence(err: unknown, lang: "zh" | "en"): string {
  const item = isFutureCommunityError(err) ? err : "INTERNAL";
  const e: Explanation = explain(item, { lang });
  const w: Explanation = webExplain({ code: "WORK_LIMIT", message: "details" }, { lang: "zh-CN" });
  const all: Record<string, MessageText> = messages({ lang });
  const details: string | null = e.details;
  return `${e.message} ${e.action} ${details ?? ""} ${w.known} ${Object.keys(all).length}`;
}

// layers() / withEdits() / categories(): what a page draws and edits.
import { categories, type CategoryList, type FacilityEdits, type LayerCollection } from "../../pkg/node.mjs";

export function whatIf(geojson: GeoJsonInput): number {
  const community = Community.fromGeoJSON(geojson);
  const edits: FacilityEdits = { add: [{ category: "kindergarten", lngLat: [120.1, 30.2] }], remove: [3] };
  const edited: Community = community.withEdits(edits);
  try {
    const buildings = community.layers().building as LayerCollection;
    const first: number | undefined = buildings.features[0]?.properties.featureIndex;
    const list: CategoryList = categories();
    const zh: string = list.categories[0]?.label.zh ?? "";
    // @ts-expect-error an edit position is [lon, lat], not an object
    const bad: FacilityEdits = { move: [{ featureIndex: 1, lngLat: { lon: 1, lat: 2 } }] };
    return (first ?? 0) + zh.length + edited.siteMetrics().siteAreaM2! + (bad ? 0 : 1);
  } finally {
    edited.free();
    community.free();
  }
}
