// Hand-written declarations: what no Rust type describes (JS-side values,
// error codes) and the few types TypeScript states more precisely than the
// Rust types (the indicator result union). Everything else is generated from
// the Rust types into generated.d.ts (scripts/gen-types.mjs).

/**
 * Stable machine-readable error codes carried by thrown errors as `error.code`.
 * The first group comes from the input and options; the second from the
 * JavaScript side of the package (see `FutureCommunityError`).
 */
export type ErrorCode =
  | "INVALID_JSON"
  | "NOT_FEATURE_COLLECTION"
  | "INVALID_GEOMETRY"
  | "COORDINATE_OUT_OF_RANGE"
  | "PROJECTED_COORDINATES"
  | "INVALID_OPTION"
  | "INVALID_PROFILE"
  | "NOT_FOUND"
  | "LIMIT_EXCEEDED"
  | "EMPTY_INPUT"
  /** A map service's error reply (Amap `status: "0"`, Baidu `status` ≠ 0) instead of data. */
  | "API_ERROR_REPLY"
  /** Data in no readable format (bytes of no known encoding; a Shapefile given as text). */
  | "UNSUPPORTED_FORMAT"
  /** A CSV source without longitude/latitude columns. */
  | "CSV_NO_COORDINATES"
  /** A CSV source none of whose rows has numeric coordinates. */
  | "CSV_BAD_COORDINATE"
  /** A zip archive with no `.shp`, or a `.shp` without its `.dbf`. */
  | "SHAPEFILE_MISSING_PART"
  /** A Shapefile whose `.shp` and `.dbf` have different record counts. */
  | "SHAPEFILE_RECORD_MISMATCH"
  /** A truncated or damaged `.shp` or `.dbf`. */
  | "SHAPEFILE_CORRUPT"
  /** A `.prj` of a coordinate system that cannot be read (not WGS 84, CGCS2000 or a CGCS2000 3-degree Gauss-Kruger zone). */
  | "UNSUPPORTED_PRJ"
  /** Bytes that start like a zip archive but cannot be read as one. */
  | "INVALID_ARCHIVE"
  /** A zip archive that unpacks to more than the input limit (`maxBytes`). */
  | "ARCHIVE_TOO_LARGE"
  /** A call before `await init()` (browser entry only). */
  | "NOT_INITIALISED"
  /** A call on an object after its `free()`. */
  | "FREED"
  /** A method called on something the package did not make: a detached method, a foreign or forged `this`, `new Community()`. */
  | "INVALID_RECEIVER"
  /** An object used again while one of its calls is still running. */
  | "BUSY"
  /** The WebAssembly module failed (a bug): reload and report. */
  | "INTERNAL"
  /** The JavaScript engine lacks a WebAssembly feature the module needs. */
  | "UNSUPPORTED_RUNTIME"
  /** `init()` could not fetch or instantiate the .wasm. */
  | "INIT_FAILED";

/** A GeoJSON object as parsed by `JSON.parse` (a FeatureCollection, a Feature or a geometry). */
export interface GeoJsonObject {
  type: string;
  [member: string]: unknown;
}

/** What `Community.fromGeoJSON` reads: GeoJSON text, its UTF-8 bytes, or the parsed object. */
export type GeoJsonInput = string | Uint8Array | GeoJsonObject;

/** The JSON Schema (draft 2020-12) of a profile document, as returned by `profileSchema()`. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  [keyword: string]: unknown;
}

/** One source of `Community.fromSources`. */
export interface SourceInput extends SourceMeta {
  /** GeoJSON text (fastest), UTF-8 bytes or a GeoJSON object. */
  data: GeoJsonInput;
}

/** Tag key -> accepted values ("*" = any). All keys must match. */
export type TagClause = Record<string, string[]>;

/** Options of `explain()` and `messages()`. */
export interface MessageOptions {
    /** `"zh"` or `"en"`, or a language tag such as `"zh-CN"`; default `"en"`. */
    lang?: string;
}

/** One code's sentence and suggested action in one language. */
export interface MessageText {
    /** What happened, for a person who does not know the codes. */
    message: string;
    /** What to do about it. */
    action: string;
}

/**
 * A target, in the indicator's unit (a `share` target is a fraction 0..1):
 * `op` against `value`, or `between` with inclusive `min` and `max`. (Rust
 * holds one struct; the union says which members go with which `op`.)
 */
export type Target =
  | { op: Exclude<ComparisonOp, "between">; value: number; valueFrom?: string; min?: never; max?: never }
  | {
      op: Exclude<ComparisonOp, "between">;
      /** The right-hand side is this metric's value, e.g. "attributes.approvedFar" (in a report the resolved number is in `value`). */
      valueFrom: string;
      value?: number;
      min?: never;
      max?: never;
    }
  | { op: "between"; min: number; max: number; value?: never; valueFrom?: never };

/** Fields every indicator result has, whatever its status. */
export interface IndicatorResultBase {
  /** Indicator id. */
  id: string;
  /** Scenario id. */
  scenario: ScenarioId;
  binding: Binding;
  /** On what the binding status rests (from the profile); null when the profile does not say. */
  bindingBasis: BindingBasis | null;
  /** Display label. */
  label: BilingualText;
  /** The metric key read, e.g. `siteMetrics.far`. */
  metric: string;
  /** Unit of `value` and of `target`. */
  unit: IndicatorUnit;
  /** The target in force for this project type; null when there is none. */
  target: Target | null;
  /** The target as text with its unit, e.g. `≥ 100 m²/百户`; null without a target. */
  targetText: BilingualText | null;
  /** Weight within its scenario (relative). */
  weight: number;
  /** The explanation with the actual numbers filled in (or why it was not assessed). */
  explanation: BilingualText;
  /** Provenance and caveats from the profile. */
  note: BilingualText | null;
  /** Source keys of the profile. */
  source: string[];
  /** Whether the indicator's numbers were checked against the source. */
  verified: boolean;
}

/** An indicator whose value was judged. */
export interface AssessedIndicatorResult extends IndicatorResultBase {
  status: "assessed";
  reason: null;
  /** The value judged, in `unit` (a `share` is 0..1), rounded to 4 decimals. */
  value: number;
  /** Whether the target is met; null when there is no target (scored on the value alone). */
  pass: boolean | null;
  /** Score 0..100, rounded to 2 decimals. */
  score: number;
}

/** An indicator with no value, or whose target needs a project type: left out of the scores, counted against completeness. */
export interface NotAssessedIndicatorResult extends IndicatorResultBase {
  status: "notAssessed";
  reason: "missingValue" | "projectTypeRequired" | "targetValueMissing";
  value: null;
  pass: null;
  score: null;
}

/** An indicator that does not apply to the given project type: left out of the scores and of completeness. */
export interface NotApplicableIndicatorResult extends IndicatorResultBase {
  status: "notApplicable";
  reason: "otherProjectTypeOnly";
  value: null;
  pass: null;
  score: null;
  target: null;
  targetText: null;
}

/** The result of one indicator; narrow on `status`. */
export type IndicatorResult =
  | AssessedIndicatorResult
  | NotAssessedIndicatorResult
  | NotApplicableIndicatorResult;

/** A position [longitude, latitude] in WGS84 degrees. */
export type LonLat = [number, number];
