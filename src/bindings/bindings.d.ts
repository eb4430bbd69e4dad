/** Coordinate system of the input. GCJ-02 (Amap/Tencent) and BD-09 (Baidu) are converted to WGS84. */
export type Crs = "wgs84" | "gcj02" | "bd09";

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
  /** Data in no readable format (bytes of no known encoding; zipped Shapefiles, not read yet). */
  | "UNSUPPORTED_FORMAT"
  /** A CSV source without longitude/latitude columns. */
  | "CSV_NO_COORDINATES"
  /** A CSV source none of whose rows has numeric coordinates. */
  | "CSV_BAD_COORDINATE"
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

/** A recoverable problem reported alongside a result. */
export interface Warning {
  /** Machine-readable code, e.g. "UNCLASSIFIED_FEATURE". */
  code: string;
  /** Human-readable explanation (English). */
  message: string;
  /** Index of the feature concerned, when one is. */
  featureIndex?: number;
  /** With several sources (`fromSources`): the source of that feature, its index in the list. */
  source?: number;
  /** With several sources: the feature's index within its source. */
  sourceFeatureIndex?: number;
}

/** Warnings of one code, counted (`summary().warningGroups`). */
export interface WarningGroup {
  code: string;
  count: number;
  /** The first message, as an example. */
  message: string;
  /** Feature indices of the first few (at most 5). */
  featureIndices: number[];
}

/** A format a source can be in ("shapefile" is recognised, not read yet: UNSUPPORTED_FORMAT). */
export type SourceFormat = "geojson" | "amap" | "baidu" | "csv" | "shapefile";

/** One source of `Community.fromSources`. */
export interface SourceInput {
  /** Text (GeoJSON, Amap/Baidu place-search JSON, CSV), bytes (UTF-8, GBK CSV, zip) or a parsed object. */
  data: GeoJsonInput;
  /** Its coordinate system; default the options' `crs`, else the format's (Amap GCJ-02, Baidu BD-09, others WGS84). */
  crs?: "wgs84" | "gcj02" | "bd09";
  /** A name for messages (a file name). */
  name?: string;
  /** Forces the format; detected from the content when absent. */
  format?: SourceFormat;
}

/** Where one source's features are: feature `i` of the source is dataset feature `firstFeatureIndex + i`. */
export interface SourceInfo {
  name: string | null;
  /** The format it was read as. */
  format: SourceFormat;
  crs: "wgs84" | "gcj02" | "bd09";
  firstFeatureIndex: number;
  featureCount: number;
}

/** A number with its provenance. */
export interface Sourced { value: number; source: string; verified: boolean }

/** Tag key -> accepted values ("*" = any). All keys must match. */
export type TagClause = Record<string, string[]>;

/** The OpenStreetMap tag mapping (see `defaultOsmMapping()`). */
export interface OsmMapping {
  id: string;
  version: number;
  description?: string;
  assumptions: {
    defaultFloors: Sourced;
    storeyHeightM: Sourced;
    householdFloorAreaM2: Sourced;
    mixedResidentialShare: Sourced;
    personsPerHousehold: Sourced;
  };
  building: {
    key: string;
    levelsKey: string;
    heightKey?: string | null;
    exclude: string[];
    byValue: Record<string, string[]>;
    commercialTags: TagClause[];
    commercialTagsUnless?: TagClause[];
    publicTags: TagClause[];
    landuse: Record<string, string[]>;
  };
  facilities: { category: string; any: TagClause[]; unless?: TagClause[]; names?: string[]; namesNot?: string[]; note?: string }[];
  facilityUnless?: TagClause[];
  roads: {
    key: string;
    walkable: string[];
    footAllow: string[];
    footDeny: string[];
    accessDeny: string[];
    areaExclude: string[];
  };
  green: TagClause[];
  gate?: TagClause[];
}

/** Options of `Community.fromGeoJSON`. */
export interface FromGeoJSONOptions {
  /** Coordinate system of the input (default: the format's, "wgs84" for GeoJSON and CSV, "gcj02" for Amap, "bd09" for Baidu). */
  crs?: Crs;
  /** A complete replacement of the built-in OSM tag mapping. */
  osmMapping?: OsmMapping;
  /** Throw on the first invalid feature instead of skipping it with a warning (default false). */
  strict?: boolean;
  /** Largest accepted input in bytes of JSON text (default 512 MiB). */
  maxBytes?: number;
  /** Largest accepted number of features (default 5 000 000). */
  maxFeatures?: number;
  /** Largest accepted total number of positions (default 50 000 000). */
  maxVertices?: number;
}

/** A site (evaluated community) as listed by `summary()`. */
export interface SiteInfo {
  id: string | null;
  name: string | null;
  /** Source feature index; null when the site was derived from the buildings' convex hull. */
  featureIndex: number | null;
}

/** What `summary()` returns. */
export interface Summary {
  featureCount: number;
  /** Items by kind: boundary, building, facility, road, green, gate, compound, destination, transitLine, transitStop. */
  counts: Record<string, number>;
  /** Buildings by use: residential, commercial, public, mixed, other. */
  buildingsByUse: Record<string, number>;
  /** Facilities by category. */
  categories: Record<string, number>;
  /** [minLon, minLat, maxLon, maxLat], null for an empty input. */
  bbox: [number, number, number, number] | null;
  sites: SiteInfo[];
  warnings: Warning[];
  /** The warnings grouped by code, in the order each first appears. */
  warningGroups: WarningGroup[];
  /** One entry per source read (one for `fromGeoJSON`). */
  sources: SourceInfo[];
}

/** Policy parameters of the site indicators (normally taken from a profile). */
export interface SiteParams {
  /** Factor at which roof green counts toward the policy green ratio (0..1), when `roofGreenSoilFactors` is empty. */
  roofGreenFactor?: number;
  /**
   * Factors by soil depth for roof and over-basement green (`green_type`
   * `roof` / `over_basement` with `soil_depth_m`), deepest band first: a green
   * counts at the first band its depth reaches; shallower, or without a depth, 0.
   */
  roofGreenSoilFactors?: { minDepthM: number; factor: number }[];
  /** Factor at which vertical greening counts toward the green ratio (0..1). */
  verticalGreenFactor?: number;
  /** Facility categories whose floor area counts as community service rooms. */
  serviceCategories?: string[];
  /** Storey height used to estimate building heights from floors (m). */
  storeyHeightM?: number;
  /** Kinds of declared `far_exempt_m2` left out of the policy FAR in every project. */
  farExemptReasons?: FarExemptReason[];
  /** Kinds left out of the policy FAR in renovation projects only. */
  farExemptReasonsRenovation?: FarExemptReason[];
  /** The project type (decides the renovation-only exemptions). */
  projectType?: ProjectType;
}

/** Why a building's `far_exempt_m2` is left out of the policy FAR (the Hangzhou 2019 seed's kinds). */
export type FarExemptReason = "sky_garden_green" | "safety_passage" | "stilt_floor" | "public_open_space";

/** Options of `siteMetrics()`. */
export interface SiteMetricsOptions {
  /** Site index (0-based) or boundary id; default the first site. */
  site?: number | string;
  /** Policy parameters; default from the built-in profile. */
  params?: SiteParams;
  /** The project type (decides the renovation-only FAR exemptions); overrides `params.projectType`. */
  projectType?: ProjectType;
}

/** What `siteMetrics()` returns. Areas in geodesic m²; ratios 0..1; null where not computable. */
export interface SiteMetrics {
  site: SiteInfo;
  siteAreaM2: number;
  buildingCount: number;
  footprintM2: number;
  floorAreaM2: number;
  far: number | null;
  /** Declared floor area left out of the policy FAR (the kinds allowed for the project type), m². */
  farExemptM2: number;
  /** Policy plot ratio: (floor area − farExemptM2) / site area. */
  policyFar: number | null;
  buildingDensity: number | null;
  groundGreenM2: number;
  roofGreenM2: number;
  verticalGreenM2: number;
  countedGreenM2: number;
  /** Plain green ratio: ground green / site area. */
  greenRatio: number | null;
  /** Policy green ratio: counted green (roof by soil depth, vertical at its factor) / site area. */
  policyGreenRatio: number | null;
  households: number;
  population: number;
  serviceFloorAreaM2: number;
  serviceFacilitiesWithoutArea: number;
  serviceFloorAreaPer100HouseholdsM2: number | null;
  publicGreenM2: number;
  publicGreenPerCapitaM2: number | null;
  maxBuildingHeightM: number | null;
  warnings: Warning[];
}

// ---------------------------------------------------------------------------
// Profiles and evaluation: `profiles()`, `profile(id)`, `evaluate()`,
// `evaluateAll()`, `compareReports()`.
// ---------------------------------------------------------------------------

/** A text in Simplified Chinese and English; both non-empty. */
export interface BilingualText {
  /** Simplified Chinese. */
  zh: string;
  /** English. */
  en: string;
}

/** The kind of project, which can change an indicator's target: 改造更新 `renovation` or 规划新建 `newBuild`. */
export type ProjectType = "renovation" | "newBuild";

/** The 9 scenarios of the Zhejiang future community (九大场景); every profile scenario is one of them. */
export type ScenarioId =
  | "neighbourhood"
  | "education"
  | "health"
  | "entrepreneurship"
  | "transport"
  | "low_carbon"
  | "building"
  | "service"
  | "governance";

/** Whether an indicator is binding (约束性 `constraint`: must be met) or guidance (引导性 `guidance`: scored, not required). */
export type Binding = "constraint" | "guidance";

/**
 * The unit of an indicator's value, which decides how it is displayed:
 * `share` is a fraction 0..1 (shown as a percentage), `ratio` a
 * dimensionless ratio such as FAR, `m` metres, `m2` square metres,
 * `m2PerPerson` m² per resident, `m2Per100Households` m² per 100 households,
 * `spacesPerHousehold` parking spaces per household, `count` a count and
 * `boolean` yes/no as 1/0.
 */
export type IndicatorUnit =
  | "share"
  | "ratio"
  | "m"
  | "m2"
  | "m2PerPerson"
  | "m2Per100Households"
  | "spacesPerHousehold"
  | "count"
  | "boolean";

/** A comparison operator with one right-hand `value` (`==` allows a relative difference of 1e-9). */
export type ComparisonOp = ">=" | "<=" | ">" | "<" | "==";

/**
 * A target, in the indicator's unit (a `share` target is a fraction 0..1):
 * `op` against `value`, or `between` with inclusive `min` and `max`.
 */
export type Target =
  | { op: ComparisonOp; value: number; valueFrom?: string; min?: never; max?: never }
  | {
      op: ComparisonOp;
      /** The right-hand side is this metric's value, e.g. "attributes.approvedFar" (in a report the resolved number is in `value`). */
      valueFrom: string;
      value?: number;
      min?: never;
      max?: never;
    }
  | { op: "between"; min: number; max: number; value?: never; valueFrom?: never };

/** Targets that replace an indicator's default `target` for one project type. */
export interface TargetsByProjectType {
  /** Target for 改造更新 projects. */
  renovation?: Target;
  /** Target for 规划新建 projects. */
  newBuild?: Target;
}

/**
 * One band of a `bands` scoring rule: exactly one of `min` (matches values
 * `>= min`; higher is better) or `max` (matches values `<= max`; lower is
 * better), the same one in every band of a rule.
 */
export type ScoreBand =
  | { min: number; max?: never; /** Score 0..100 given by this band. */ score: number }
  | { max: number; min?: never; /** Score 0..100 given by this band. */ score: number };

/**
 * How an indicator's value becomes a 0..100 score: `passFail` 100 when the
 * target is met, else 0; `linear` 0 at `from`, 100 at `to`, clamped outside
 * (`from > to` scores lower values higher); `bands` the first matching band
 * (best first) gives the score, none matching gives 0.
 */
export type Scoring =
  | { type: "passFail" }
  | { type: "linear"; /** Value scoring 0. */ from: number; /** Value scoring 100. */ to: number }
  | { type: "bands"; bands: ScoreBand[] };

/** A citation that profile numbers refer to by key. */
export interface ProfileSource {
  /** Title of the document or page. */
  title: string;
  /** Where it was read. */
  url?: string;
  /** What was (and was not) checked in it. */
  note?: string;
}

/** The value of a profile parameter: a flag, a number (factor, speed ...), a string or a list of strings (e.g. facility categories). */
export type ParameterValue = boolean | number | string | string[] | number[];

/**
 * A named parameter that metric producers read, with its provenance, e.g.
 * `roofGreenFactor` / `verticalGreenFactor` (0..1), `walkSpeedMps` (m/s),
 * `serviceCategories` (facility categories), `storeyHeightM` (m).
 */
export interface ProfileParameter {
  value: ParameterValue;
  /** Unit of a numeric value, free text (e.g. "m/s"). */
  unit?: string;
  /** Keys into the profile's `sources` (input may also give a single key as a string). */
  source: string[];
  /** Whether the value was checked against the cited text. */
  verified: boolean;
  /** Why this value, and what is uncertain about it. */
  note?: BilingualText;
}

/** The type of a caller-declared attribute: `boolean` (read as 1/0) or a finite `number`. */
export type AttributeType = "boolean" | "number";

/** A non-spatial input the caller declares in `EvaluateOptions.attributes`; indicators read it as `attributes.<name>`. */
export interface AttributeDef {
  /** Boolean or number. */
  type: AttributeType;
  /** Unit of the value (a `share` is a fraction 0..1). */
  unit: IndicatorUnit;
  /** Form label. */
  label: BilingualText;
  /** What to enter. */
  description?: BilingualText;
  /** Smallest accepted value (numbers only). */
  min?: number;
  /** Largest accepted value (numbers only). */
  max?: number;
}

/** One scenario of a profile, with its weight in the overall score. */
export interface ProfileScenario {
  id: ScenarioId;
  /** Display name. */
  name: BilingualText;
  /** Positive weight in the overall score (relative, not normalised). */
  weight: number;
  /**
   * For which project types and tiers the scenario is required (标配); absent:
   * always. Elsewhere it is optional (选配): scored on its own, left out of the
   * overall score and of completeness.
   */
  requiredFor?: ScenarioRequirement;
}

/** 引领型 `leading` or 普惠型 `inclusive` (Zhejiang project tiers since 2022). */
export type Tier = "leading" | "inclusive";

/** When a scenario is required, with the rule's provenance. */
export interface ScenarioRequirement {
  /** Cases that require it (a field left out matches any value); `[]`: optional for every project. */
  when: { projectType?: ProjectType; tier?: Tier }[];
  /** Keys into the profile's `sources`. */
  source: string[];
  /** Whether the rule was checked against the cited text. */
  verified: boolean;
  /** Provenance and caveats. */
  note?: BilingualText;
}

/** A number with its provenance. */
export interface SourcedNumber {
  value: number;
  /** Keys into the profile's `sources`. */
  source: string[];
  /** Whether the value was checked against the cited text. */
  verified: boolean;
  /** Why this value. */
  note?: BilingualText;
}

/** On what an indicator's binding status rests; a `constraint` must not be `none`. */
export type BindingBasis = "nationalMandatory" | "seedNumber" | "localRule" | "none";

/** One grade: overall scores at or above `minScore` (and below the next band up). */
export interface GradeBand {
  /** Short id, e.g. "A". */
  id: string;
  /** Lowest overall score (0..100) that earns this grade. */
  minScore: number;
  /** Display label. */
  label: BilingualText;
}

/** Grade bands that turn the overall score into a grade. */
export interface Grading {
  /** Bands from the best down; `minScore` strictly decreasing, the last 0. */
  bands: GradeBand[];
  /** Below this completeness (0..1) a report gets no grade (`status: "insufficient"`). */
  minCompleteness?: SourcedNumber;
  /** Keys into the profile's `sources` (input may also give a single key as a string). */
  source: string[];
  /** Whether the cut points were checked against the cited text. */
  verified: boolean;
  /** Provenance and caveats. */
  note?: BilingualText;
}

/** One indicator of a profile. */
export interface ProfileIndicator {
  /** Unique id within the profile. */
  id: string;
  /** Id of one of the profile's scenarios. */
  scenario: ScenarioId;
  binding: Binding;
  /** Why it is binding (a national mandatory clause, a number of the policy text, a local rule) or `none`. */
  bindingBasis?: BindingBasis;
  /**
   * The dotted metric key it reads, e.g. `siteMetrics.far`,
   * `coverage.kindergarten.300.households`, `nearest.park.medianM`,
   * `travelCircle.bus5min`, `attributes.timeBank`.
   */
  metric: string;
  /** Unit of the metric value. */
  unit: IndicatorUnit;
  /** Target for any project type; absent when there is no official target or only project-type specific ones. */
  target?: Target;
  /** Targets that replace `target` for one project type; absent when there are none. */
  targetByProjectType?: TargetsByProjectType;
  /** How the value is scored (0..100). */
  scoring: Scoring;
  /** Positive weight within its scenario (relative). */
  weight: number;
  /** Display label. */
  label: BilingualText;
  /** Explanation template; `{value}`, `{target}`, `{unit}` and `{score}` are replaced by the formatted numbers. */
  explanation: BilingualText;
  /** Provenance, proxies and caveats. */
  note?: BilingualText;
  /** Keys into the profile's `sources` (input may also give a single key as a string). */
  source: string[];
  /** Whether every number of this indicator was checked against its source. */
  verified: boolean;
}

/**
 * A whole profile document, as returned by `profile(id)` and accepted by
 * `evaluate()` / `evaluateAll()` (see `profileSchema()` for the JSON Schema).
 */
export interface ProfileDocument {
  /** Optional pointer to the JSON Schema (ignored). */
  $schema?: string;
  /** Identifier: starts with a lowercase letter; a-z, 0-9, `-` and `_`. */
  id: string;
  /** Version of this profile document. */
  version: string;
  /** Display name. */
  name: BilingualText;
  /** What the profile evaluates and how far it can be trusted. */
  description?: BilingualText;
  /** What the score is and is not (copied into every report). */
  disclaimer?: BilingualText;
  /** Citations by key. */
  sources: Record<string, ProfileSource>;
  /** Parameters for metric producers, by name (always present in output; `{}` when none). */
  parameters: Record<string, ProfileParameter>;
  /** Caller-declared attributes, by name (always present in output; `{}` when none). */
  attributes: Record<string, AttributeDef>;
  /** The scenarios indicators are grouped in. */
  scenarios: ProfileScenario[];
  /** Grade bands for the overall score. */
  grading: Grading;
  /** The indicators, in display order. */
  indicators: ProfileIndicator[];
}

/** A built-in profile as listed by `profiles()`. */
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

/** An error or warning code explained for a person (`explain()`). */
export interface Explanation extends MessageText {
    /** The code, e.g. `"INVALID_JSON"`. */
    code: string;
    /** The language of `message` and `action`. */
    lang: "zh" | "en";
    /** The technical message of the error or warning, when an object was given. */
    details: string | null;
    /** False when the catalogue does not know the code (a generic sentence naming it). */
    known: boolean;
}

export interface ProfileInfo {
  id: string;
  version: string;
  /** Display name. */
  name: BilingualText;
  description: BilingualText | null;
  /** Number of scenarios. */
  scenarios: number;
  /** Number of indicators. */
  indicators: number;
}

/** Options of `evaluate()` and `evaluateAll()`. */
export interface EvaluateOptions {
  /** Site index (0-based) or boundary id; default the first site. Ignored by `evaluateAll()`. */
  site?: number | string;
  /**
   * Values of the profile's declared attributes (`ProfileDocument.attributes`)
   * by name: `true`/`false` for boolean attributes, a finite number within
   * the declared `min`..`max` for number attributes (a `share` is 0..1).
   * A wrong type or out-of-range value throws `INVALID_OPTION`; an
   * undeclared name only adds an `UNKNOWN_ATTRIBUTE` report warning.
   */
  attributes?: Record<string, number | boolean>;
  /** Chooses project-type specific targets (indicators that need one are not assessed without it) and, with `tier`, the required scenarios. */
  projectType?: ProjectType;
  /** With `projectType`, chooses the required (标配) scenarios; left out, every case of a scenario's `requiredFor` matches. */
  tier?: Tier;
}

/** A grade given to the overall score. */
export interface GradeResult {
  /** Grade id, e.g. "A". */
  id: string;
  /** Display label. */
  label: BilingualText;
}

/** The score of one scenario. */
export interface ScenarioResult {
  id: ScenarioId;
  /** Display name. */
  name: BilingualText;
  /** Weight in the overall score (relative). */
  weight: number;
  /** Weighted mean score 0..100 of its assessed indicators (2 decimals); null when none was assessed. */
  score: number | null;
  /** Number of indicators assessed. */
  assessed: number;
  /** Number of indicators that apply to this project type. */
  applicable: number;
  /** Weighted share 0..1 of the applicable indicators that were assessed (4 decimals); 0 when none applies. */
  completeness: number;
  /** Required (标配) for the chosen project type and tier; optional (选配) ones are left out of the overall score and completeness. */
  required: boolean;
}

/** Whether an indicator was assessed (`notAssessed` ones are left out of the scores, never scored as zero). */
export type IndicatorStatus = "assessed" | "notAssessed" | "notApplicable";

/**
 * Why an indicator was not assessed (`missingValue`: the metric or declared
 * attribute has no value; `projectTypeRequired`: it has targets only for some
 * project types and no `projectType` was given; `targetValueMissing`: the
 * value its target is read from, `valueFrom`, is missing) or not applicable
 * (`otherProjectTypeOnly`: it has no target for the given project type).
 */
export type IndicatorReason = "missingValue" | "projectTypeRequired" | "otherProjectTypeOnly" | "targetValueMissing";

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

/** A problem with the input that did not stop the evaluation. */
export interface ReportWarning {
  /** Stable machine-readable code, e.g. "UNKNOWN_ATTRIBUTE", "NON_FINITE_METRIC", or a site-metrics warning code. */
  code: string;
  /** Human-readable explanation (English). */
  message: string;
}

/** What `evaluate()` returns: one site evaluated against one profile. Can be passed back to `compareReports()`. */
export interface Report {
  /** Id of the profile used. */
  profileId: string;
  /** Version of the profile used. */
  profileVersion: string;
  /** Name of the profile used. */
  profileName: BilingualText;
  /** The evaluated site's boundary id (in `evaluateAll()`, `site-<index>` for a boundary without id); null when the site has no id. */
  siteId: string | null;
  /** The project type the targets were chosen for; null when none was given. */
  projectType: ProjectType | null;
  /** The tier that chose the required scenarios; null when none was given. */
  tier: Tier | null;
  /** Overall score 0..100 (2 decimals): weighted mean of the required scenarios' scores; null when none of their indicators could be assessed. */
  score: number | null;
  /** Grade of the overall score; null when `status` is `"insufficient"`. */
  grade: GradeResult | null;
  /** Weighted share 0..1 (4 decimals) of the applicable indicators of the required scenarios that were assessed. */
  completeness: number;
  /**
   * `complete`: every applicable indicator of the required scenarios assessed;
   * `provisional`: graded, some missing; `insufficient`: completeness below the
   * profile's `minCompleteness` (or nothing assessed): no grade, the score is for information.
   */
  status: ReportStatus;
  /** What was not assessed in the required scenarios, grouped by cause. */
  missing: MissingGroup[];
  /** The profile's statement of what the score is and is not; null when it has none. */
  disclaimer: BilingualText | null;
  /** One entry per scenario, in profile order. */
  scenarios: ScenarioResult[];
  /** One entry per indicator, in profile order. */
  indicators: IndicatorResult[];
  /** Ids of binding (`constraint`) indicators whose target is not met. */
  failedBinding: string[];
  /** Ids of binding (`constraint`) indicators that could not be assessed. */
  notAssessedBinding: string[];
  /** Problems with the input that did not stop the evaluation. */
  warnings: ReportWarning[];
}

/** How far a report can be read as a verdict. */
export type ReportStatus = "complete" | "provisional" | "insufficient";

/** Why indicators could not be assessed. */
export type MissingCause =
  /** The data has no walkable roads. */
  | "NO_WALKABLE_NETWORK"
  /** The data has no facility of a category the indicator reads (`items`: the categories). */
  | "NO_FACILITY_CATEGORY"
  /** No residential buildings or households in the site. */
  | "NO_RESIDENTS"
  /** A fact only the caller can declare was not given (`items`: attribute names). */
  | "NOT_DECLARED"
  /** The target depends on the project type, which was not given. */
  | "PROJECT_TYPE_NOT_GIVEN"
  /** No value for another reason. */
  | "NO_VALUE";

/** Indicators missing for one cause. */
export interface MissingGroup {
  cause: MissingCause;
  /** Indicator ids, in profile order. */
  indicators: string[];
  /** Facility categories or attribute names concerned, when the cause has them. */
  items?: string[];
}

/** One indicator column of a comparison table. */
export interface ComparisonColumn {
  /** Indicator id. */
  id: string;
  /** Display label. */
  label: BilingualText;
  /** Unit of the values. */
  unit: IndicatorUnit;
  binding: Binding;
}

/** One site row of a comparison table; `values`, `scores` and `pass` follow the column order. */
export interface ComparisonRow {
  siteId: string;
  /** Overall score 0..100; null when nothing was assessed. */
  score: number | null;
  /** Grade id; null when there is no score. */
  grade: string | null;
  /** Completeness 0..1. */
  completeness: number;
  /** Indicator values in each column's unit (null where not assessed). */
  values: (number | null)[];
  /** Indicator scores 0..100 (null where not assessed). */
  scores: (number | null)[];
  /** Whether each target is met (null without a target or value). */
  pass: (boolean | null)[];
}

/** A sites × indicators table. */
export interface ComparisonTable {
  /** One column per indicator, in profile order. */
  columns: ComparisonColumn[];
  /** One row per site, in input order. */
  rows: ComparisonRow[];
}

/** A place in the ranking. */
export interface RankEntry {
  /** 1-based rank; sites with equal score and equal failed-binding count share a rank (1, 2, 2, 4). */
  rank: number;
  siteId: string;
  /** Overall score 0..100; null ranks last. */
  score: number | null;
  grade: GradeResult | null;
  /** Completeness 0..1. */
  completeness: number;
  /** Number of failed binding indicators. */
  failedBinding: number;
}

/** What `evaluateAll()` returns: every site evaluated with one profile, tabled and ranked. */
export interface Comparison {
  /** Id of the profile used. */
  profileId: string;
  /** Version of the profile used. */
  profileVersion: string;
  /** One report per site, in input order; each carries its `siteId`. */
  reports: Report[];
  /** The indicators as columns, sites as rows. */
  table: ComparisonTable;
  /** Sites from best to worst (higher score, then fewer failed binding indicators, then site id). */
  ranking: RankEntry[];
}

/** How a number moved between two reports. */
export interface Change {
  /** Value in the first report. */
  before: number | null;
  /** Value in the second report. */
  after: number | null;
  /** `after - before` when both exist (scores to 2 decimals, values and completeness to 4). */
  delta: number | null;
}

/**
 * The kind of change of one indicator: `improved` (score up, or target now
 * met), `worsened` (score down, or target no longer met), `unchanged` (same
 * score and pass; the value may still have moved), `newlyAssessed` /
 * `noLongerAssessed` (assessed only in the second / first report),
 * `notAssessed` (in neither), `added` / `removed` (present only in the second
 * / first report's profile).
 */
export type ChangeKind =
  | "improved"
  | "worsened"
  | "unchanged"
  | "newlyAssessed"
  | "noLongerAssessed"
  | "notAssessed"
  | "added"
  | "removed";

/** One indicator compared across two reports. */
export interface IndicatorDiff {
  /** Indicator id. */
  id: string;
  /** Label (from the second report, else the first). */
  label: BilingualText;
  binding: Binding;
  /** The value, in the indicator's unit. */
  value: Change;
  /** The score 0..100. */
  score: Change;
  /** Pass in the first report. */
  passBefore: boolean | null;
  /** Pass in the second report. */
  passAfter: boolean | null;
  /** Summary of the change. */
  change: ChangeKind;
}

/** A scenario score (0..100) compared across two reports. */
export interface ScenarioDiff {
  id: ScenarioId;
  score: Change;
}

/** What `compareReports(a, b)` returns: report `a` (before) and `b` (after) compared, indicator by indicator. */
export interface ReportDiff {
  /** Profile id of the first report. */
  profileBefore: string;
  /** Profile id of the second report. */
  profileAfter: string;
  /** Whether both used the same profile id and version. */
  sameProfile: boolean;
  /** The overall score 0..100. */
  score: Change;
  /** Completeness 0..1. */
  completeness: Change;
  /** Grade id before. */
  gradeBefore: string | null;
  /** Grade id after. */
  gradeAfter: string | null;
  /** Scenarios, in the second report's order, then any only in the first. */
  scenarios: ScenarioDiff[];
  /** Indicators, in the second report's order, then any only in the first. */
  indicators: IndicatorDiff[];
  /** Binding indicators failing in the second report but not the first. */
  newlyFailedBinding: string[];
  /** Binding indicators failing in the first report but not the second. */
  resolvedBinding: string[];
}

/** A distance-decay function f(d) (d in metres along the network). */
export type Decay =
  | { type: "step"; thresholdM: number }
  | { type: "linear"; thresholdM: number }
  | { type: "exponential"; betaPerM?: number; halfLifeM?: number; cutoffM?: number }
  | { type: "gaussian"; sigmaM: number; cutoffM?: number }
  | { type: "steps"; steps: { upToM: number; weight: number }[] }
  | { type: "e2sfca" };

/** How origins and facilities meet the network: nearest edge point plus connector ("edge"), or nearest node ("node"). */
export type SnapMode = "edge" | "node";

/** Options of `accessibility()` and `accessibilityColumns()`. */
export interface AccessibilityOptions {
  /** Facility categories (default: every category present). */
  categories?: string[];
  /** Thresholds in metres (result keys like "300"); default 300, 500, 800, 1000. */
  thresholdsM?: number[];
  /** Thresholds in minutes of walking (result keys like "15min"). */
  thresholdsMin?: number[];
  /** Walking speed for minute thresholds, m/s (default 5 km/h = 1.389). */
  walkSpeedMps?: number;
  /** Also report the k nearest distinct facilities (1..32, default 1). */
  k?: number;
  /** Gravity accessibility Σ capacity·f(d) with this decay. */
  decay?: Decay;
  /** Points farther than this from the network are unreachable (m, default 250). */
  maxSnapM?: number;
  /** Count facilities within each threshold (default false: costs one search per facility). */
  opportunities?: boolean;
  /** Snapping rule (default "edge"). */
  snap?: SnapMode;
}

/** A threshold with its result key. */
export interface Threshold { key: string; metres: number; minutes?: number }

/** Coverage shares 0..1 by weighting; null when the total of that weighting is 0. */
export interface CoverageShares {
  /** Share of households (research practice). */
  households: number | null;
  /** Share of residents. */
  population: number | null;
  /** Share of residential buildings. */
  buildings: number | null;
  /** Share of residential land area (footprint of residential buildings; 城市体检 weighting). */
  landArea: number | null;
}

/** Denominators of the coverage shares. */
export interface CoverageTotals { households: number; population: number; buildings: number; landAreaM2: number }

/** One residential building's accessibility (distances in metres, null = unreachable). */
export interface BuildingAccess {
  featureIndex: number;
  id: string | null;
  households: number;
  population: number;
  networkM: Record<string, number | null>;
  nearestFeatureIndex: Record<string, number | null>;
  straightM: Record<string, number | null>;
  detourRatio: Record<string, number | null>;
  kNearestM?: Record<string, number[]>;
  opportunities?: Record<string, Record<string, number>>;
  gravity?: Record<string, number>;
}

/** What `accessibility()` returns. */
export interface AccessibilityResult {
  categories: string[];
  thresholds: Threshold[];
  buildings: BuildingAccess[];
  /** category -> threshold key -> shares. */
  coverage: Record<string, Record<string, CoverageShares>>;
  coverageTotals: CoverageTotals;
  warnings: Warning[];
}

/** One category in columnar form (one entry per residential building). */
export interface CategoryColumns {
  facilities: number;
  reachableFacilities: number;
  /** Network distance to the nearest facility, m (NaN = unreachable). */
  networkM: Float64Array;
  /** Feature index of that facility (-1 = none). */
  nearestFeatureIndex: Int32Array;
  /** Straight-line geodesic distance to the straight-line nearest facility, m. */
  straightM: Float64Array;
  straightFeatureIndex: Int32Array;
  /** Network / straight-line distance to the same facility (NaN = n/a). */
  detourRatio: Float64Array;
  /** Row-major buildings × k, NaN padded; empty when k = 1. */
  kNearestM: Float64Array;
  /** Row-major buildings × thresholds; empty unless `opportunities: true`. */
  opportunities: Uint32Array;
  /** Gravity accessibility; empty without `decay`. */
  gravity: Float64Array;
}

/** What `accessibilityColumns()` returns. */
export interface AccessibilityColumns {
  featureIndex: Uint32Array;
  /** Feature id of every building (`null`: none), to join on. */
  id: (string | null)[];
  households: Float64Array;
  population: Float64Array;
  landAreaM2: Float64Array;
  thresholds: Threshold[];
  k: number;
  /** Snapping mode used. */
  snap: SnapMode;
  maxSnapM: number;
  categories: Record<string, CategoryColumns>;
  /** The categories in order (the keys of `categories`). */
  categoryNames: string[];
  coverage: Record<string, Record<string, CoverageShares>>;
  coverageTotals: CoverageTotals;
  warnings: Warning[];
}

/** Options of `twoStepFca()`. */
export interface TwoStepFcaOptions {
  /** Facility category (supply = each facility's `capacity`, 1 when absent). */
  category: string;
  /** Catchment d0 in metres (or give `catchmentMin`). */
  catchmentM?: number;
  /** Catchment in minutes at `walkSpeedMps`. */
  catchmentMin?: number;
  walkSpeedMps?: number;
  /** Weights inside the catchment; { type: "e2sfca" } for enhanced 2SFCA. */
  decay?: Decay;
  /** Demand weighting (default "households"). */
  demand?: "households" | "population";
  maxSnapM?: number;
  snap?: SnapMode;
}

/** What `twoStepFca()` returns. */
export interface TwoStepFcaResult {
  category: string;
  catchmentM: number;
  demand: "households" | "population";
  /** A_i per residential building; `normalized` = A_i / demand-weighted mean of A (null when that mean is 0). */
  buildings: { featureIndex: number; id: string | null; demand: number; score: number; normalized: number | null }[];
  /** R_j per facility (null when no demand within reach). */
  facilities: { featureIndex: number; id: string | null; supply: number; catchmentDemand: number; ratio: number | null }[];
  warnings: Warning[];
}

/** What `networkSummary()` returns (lengths in metres). */
export interface NetworkSummary {
  nodes: number;
  edges: number;
  totalLengthM: number;
  components: number;
  largestComponentNodes: number;
  largestComponentEdges: number;
  largestComponentLengthM: number;
}

/** A position [longitude, latitude] in WGS84 degrees. */
export type LonLat = [number, number];

/** Options of `isochrones()`. */
export interface IsochroneOptions {
  /** A point, or a facility by its feature id. */
  origin: LonLat | { facilityId: string };
  /** Limits in minutes (default [5, 10, 15]). */
  minutes?: number | number[];
  /** Walking speed, m/s (default 5 km/h). */
  walkSpeedMps?: number;
  /** Walking buffer around the reachable network, m (default 50). */
  bufferM?: number;
  /** Farther than this from the network the origin is unreachable, m (default 250). */
  maxSnapM?: number;
  /** Arc approximation tolerance of the buffer, m. */
  arcToleranceM?: number;
}

/** Options of `serviceAreas()`. */
export interface ServiceAreaOptions {
  category: string;
  minutes?: number | number[];
  walkSpeedMps?: number;
  bufferM?: number;
  maxSnapM?: number;
  arcToleranceM?: number;
}

/** Properties of one isochrone / service-area feature. */
export interface AreaProperties {
  minutes: number;
  /** The limit as a walking distance, m. */
  distanceM: number;
  /** Geodesic area, m². */
  areaM2: number;
  /** Households / residents / residential buildings whose centroid is inside. */
  households: number;
  population: number;
  buildings: number;
  /** Service areas: households whose network distance is within the limit (the coverage definition). */
  householdsReached?: number;
  populationReached?: number;
  category?: string;
}

/** A GeoJSON FeatureCollection of nested areas, one feature per limit. */
export interface AreaCollection {
  type: "FeatureCollection";
  features: { type: "Feature"; geometry: { type: "MultiPolygon"; coordinates: LonLat[][][] }; properties: AreaProperties }[];
  origin?: { point: LonLat; facilityId: string | null; featureIndex: number | null; accessPoint: LonLat | null; connectorM: number | null; onNetwork: boolean };
  facilities?: number;
  walkSpeedMps: number;
  bufferM: number;
  totalHouseholds: number;
  totalPopulation: number;
  warnings: Warning[];
}

/** Options of `travelTimeGrid()`. */
export interface GridOptions {
  category: string;
  /** Cell side, m. */
  cellM?: number;
  walkSpeedMps?: number;
  maxSnapM?: number;
  /** Grid over this site (default the first) ... */
  site?: number | string;
  /** ... or over this [west, south, east, north] box. */
  bbox?: [number, number, number, number];
  paddingM?: number;
  /** Also return GeoJSON cells. */
  cells?: boolean;
}

/** What `travelTimeGrid()` returns. */
export interface TravelTimeGrid {
  category: string;
  cols: number;
  rows: number;
  originLon: number;
  originLat: number;
  bbox: [number, number, number, number];
  cellM: number;
  cellLonDeg: number;
  cellLatDeg: number;
  /** rows × cols minutes, row-major from the north-west corner; NaN = unreachable. */
  minutes: Float64Array;
  walkSpeedMps: number;
  maxSnapM: number;
  facilities: number;
  reachableFacilities: number;
  cells?: { type: "FeatureCollection"; features: { type: "Feature"; geometry: { type: "Polygon"; coordinates: LonLat[][] }; properties: { row: number; col: number; minutes: number | null } }[] };
  warnings: Warning[];
}

/** Speed and headway of a transit mode. */
export interface ModeParams { speedKmh: number; headwayMin: number }

/** Options of `travelCircles()`. */
export interface TravelCircleOptions {
  walkSpeedMps?: number;
  maxSnapM?: number;
  bus?: { categories?: string[]; minutes?: number };
  metro?: { categories?: string[]; minutes?: number };
  destinations?: { categories?: string[]; minutes?: number; rule?: "everyCategory" | "any" };
  transit?: {
    enabled?: boolean;
    modes?: Record<string, ModeParams>;
    otherMode?: ModeParams;
    stopDistanceM?: number;
    transferWalkM?: number;
    maxStraightWalkM?: number;
  };
}

/** One travel circle as an indicator (shares 0..1). */
export interface CircleResult {
  minutes: number;
  categories: string[];
  facilities: number;
  share: number | null;
  populationShare: number | null;
  buildingsShare: number | null;
  householdsReached: number;
  householdsTotal: number;
  rule?: "everyCategory" | "any";
  byCategory?: Record<string, number | null>;
  walkOnlyShare?: number;
}

/** What `travelCircles()` returns. */
export interface TravelCircles {
  bus5min: CircleResult;
  metro10min: CircleResult;
  destinations30min: CircleResult;
  thresholds: { bus5min: number; metro10min: number; destinations30min: number };
  buildings: {
    featureIndex: number[];
    households: number[];
    population: number[];
    bus5min: (number | null)[];
    metro10min: (number | null)[];
    destinations30min: (number | null)[];
  };
  transit: {
    enabled: boolean;
    lines: { featureIndex: number; id: string | null; mode: string; speedKmh: number; headwayMin: number; parametersFrom: "line" | "mode" | "other"; stops: number; stopsFrom: "transitStop" | "vertices"; lengthM: number }[];
    modes: Record<string, ModeParams>;
    otherMode: ModeParams;
    stopDistanceM: number;
    transferWalkM: number;
    maxStraightWalkM: number;
    defaultsSource: string;
  };
  walkSpeedMps: number;
  maxSnapM: number;
  warnings: Warning[];
}

/** Options of `layers()`. */
export interface LayersOptions {
  /** Each layer as its GeoJSON text instead of an object (default false). */
  text?: boolean;
}

/** Geometry of a map layer feature (WGS84). */
export type LayerGeometry =
  | { type: "Point"; coordinates: LonLat }
  | { type: "MultiLineString"; coordinates: LonLat[][] }
  | { type: "MultiPolygon"; coordinates: LonLat[][][] };

/** Properties of a map layer feature; absent members are omitted. */
export interface LayerProperties {
  /** Index of the input feature (over all sources); absent for a site synthesised from the buildings. */
  featureIndex?: number;
  kind: "boundary" | "building" | "facility" | "road" | "green" | "gate" | "compound" | "destination" | "transit_line" | "transit_stop";
  id?: string;
  name?: string;
  /** Facility or destination category. */
  category?: string;
  /** Building use. */
  use?: "residential" | "commercial" | "public" | "mixed" | "other";
  households?: number;
  floors?: number;
  greenType?: "ground" | "roof" | "vertical";
  walkable?: boolean;
  /** Transit mode of a line. */
  mode?: string;
}

/** One GeoJSON FeatureCollection of a kind. */
export interface LayerCollection {
  type: "FeatureCollection";
  features: { type: "Feature"; geometry: LayerGeometry; properties: LayerProperties }[];
}

/** What `layers()` returns: one collection per kind (JSON text of it with `{ text: true }`). */
export interface Layers {
  boundary: LayerCollection | string;
  building: LayerCollection | string;
  facility: LayerCollection | string;
  road: LayerCollection | string;
  green: LayerCollection | string;
  gate: LayerCollection | string;
  compound: LayerCollection | string;
  destination: LayerCollection | string;
  transitLine: LayerCollection | string;
  transitStop: LayerCollection | string;
}

/** What-if edits of the facilities, for `withEdits()`. Positions are WGS84 `[lon, lat]`. */
export interface FacilityEdits {
  /** Feature indices of facilities to remove. */
  remove?: number[];
  /** Facilities to move (they become points). */
  move?: { featureIndex: number; lngLat: LonLat }[];
  /** Facilities to add; they get the feature indices after the community's last feature, in this order. */
  add?: { category: string; lngLat: LonLat; name?: string; id?: string; capacity?: number; floorAreaM2?: number }[];
}

/** A label in both languages. */
export interface Label {
  zh: string;
  en: string;
}

/** What `categories()` returns: the facility categories the package knows. */
export interface CategoryList {
  id: "categories";
  version: number;
  description: string;
  /** Group id (education, health, ...) -> label. */
  groups: Record<string, Label>;
  /** In display order. */
  categories: { id: string; group: string; label: Label }[];
}
