// Generated from the Rust types by scripts/gen-types.mjs (types/contract.schema.json). Do not edit.

/**
 * How origins and facilities meet the network.
 */
export type SnapMode = "edge" | "node";
/**
 * A distance-decay function (see the module table for the formulas).
 */
export type Decay =
  | {
      /**
       * Threshold, metres.
       */
      thresholdM: number;
      type: "step";
    }
  | {
      /**
       * Distance where the weight reaches 0, metres.
       */
      thresholdM: number;
      type: "linear";
    }
  | {
      /**
       * β per metre (give this or `half_life_m`).
       */
      betaPerM?: number | null;
      /**
       * Weight is 0 beyond this distance; default where f = 0.01.
       */
      cutoffM?: number | null;
      /**
       * Distance at which the weight halves, metres.
       */
      halfLifeM?: number | null;
      type: "exponential";
    }
  | {
      /**
       * Weight is 0 beyond this distance; default where f = 0.01.
       */
      cutoffM?: number | null;
      /**
       * σ, metres.
       */
      sigmaM: number;
      type: "gaussian";
    }
  | {
      /**
       * Ascending steps.
       */
      steps: DecayStep[];
      type: "steps";
    }
  | {
      type: "e2sfca";
    };
/**
 * A distance in metres that may be 0 and has no upper bound: finite
 * and ≥ 0 (a snapping limit, where a huge value means "any distance").
 */
export type MetresOrZero = number;
/**
 * A distance limit in metres: finite, > 0 and at most `MAX_DISTANCE_M`.
 */
export type Metres = number;
/**
 * A walking speed: `MIN_WALK_SPEED_MPS` ..= `MAX_WALK_SPEED_MPS` m/s.
 */
export type MetresPerSecond = number;
/**
 * The type of a caller-declared attribute.
 */
export type AttributeType = "boolean" | "number";
/**
 * The unit of an indicator's value; decides how values are displayed.
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
/**
 * A declared attribute value: a number or a boolean (read as 1/0).
 */
export type AttributeValue = boolean | number;
/**
 * Whether an indicator is binding (约束性) or guidance (引导性).
 */
export type Binding = "constraint" | "guidance";
/**
 * On what an indicator's binding (约束性) status rests.
 */
export type BindingBasis = "nationalMandatory" | "seedNumber" | "localRule" | "none";
/**
 * The kind of change of one indicator.
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
/**
 * How the destinations of several categories combine.
 */
export type DestinationRule = "everyCategory" | "any";
/**
 * A time limit: finite, > 0 and at most `MAX_MINUTES`.
 */
export type Minutes = number;
/**
 * Why indicators could not be assessed.
 */
export type MissingCause =
  | "NO_WALKABLE_NETWORK"
  | "NO_FACILITY_CATEGORY"
  | "NO_RESIDENTS"
  | "NOT_DECLARED"
  | "PROJECT_TYPE_NOT_GIVEN"
  | "NO_VALUE";
/**
 * The kind of project, which can change an indicator's target and which
 * floor area may be left out of the policy FAR.
 */
export type ProjectType = "renovation" | "newBuild";
/**
 * The 9 scenarios of the Zhejiang future community (九大场景); every profile scenario is one of them.
 */
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
/**
 * How far the report can be read as a verdict.
 */
export type ReportStatus = "complete" | "provisional" | "insufficient";
/**
 * The project tier (since 2022 in Zhejiang): 引领型 or 普惠型.
 */
export type Tier = "leading" | "inclusive";
/**
 * A comparison operator of a target.
 */
export type ComparisonOp = ">=" | "<=" | ">" | "<" | "==" | "between";
/**
 * What a coverage share is weighted by.
 */
export type Weighting = "households" | "population" | "buildings" | "landArea";
/**
 * A coordinate reference system accepted on input.
 */
export type Crs = "wgs84" | "gcj02" | "bd09";
/**
 * Which weight counts as demand in 2SFCA.
 */
export type Demand = "households" | "population";
/**
 * How a site is chosen: by boundary id or by position among the sites.
 */
export type SiteRef = number | string;
/**
 * A language of the catalogue.
 */
export type Lang = "zh" | "en";
/**
 * Why floor area of a building is left out of the policy FAR (the kinds
 * the Hangzhou 2019 seed names; which project types may use each is a
 * profile parameter).
 */
export type FarExemptReason =
  "sky_garden_green" | "safety_passage" | "stilt_floor" | "public_open_space";
/**
 * Why an indicator was not assessed or not applicable.
 */
export type IndicatorReason =
  "missingValue" | "projectTypeRequired" | "otherProjectTypeOnly" | "targetValueMissing";
/**
 * Whether an indicator was assessed.
 */
export type IndicatorStatus = "assessed" | "notAssessed" | "notApplicable";
/**
 * One limit or several, in minutes: `10` or `[5, 10, 15]`.
 */
export type MinuteLimits = number | number[];
/**
 * Where an isochrone starts: `[lon, lat]` in WGS84 degrees, or a facility by its id.
 */
export type IsochroneOrigin = [number, number] | FacilityRef;
/**
 * A GeoJSON geometry of a layer feature.
 */
export type LayerGeometry =
  | {
      /**
       * `[lon, lat]`.
       *
       * @minItems 2
       * @maxItems 2
       */
      coordinates: [number, number];
      type: "Point";
    }
  | {
      /**
       * Lines → `[lon, lat]`.
       */
      coordinates: [number, number][][];
      type: "MultiLineString";
    }
  | {
      /**
       * Polygons → rings (exterior counter-clockwise first) → `[lon, lat]`.
       */
      coordinates: [number, number][][][];
      type: "MultiPolygon";
    };
/**
 * The value of a profile parameter.
 */
export type ParameterValue = boolean | number | string | string[] | number[];
/**
 * How an indicator's value becomes a 0–100 score.
 */
export type Scoring =
  | {
      type: "passFail";
    }
  | {
      /**
       * Value scoring 0.
       */
      from: number;
      /**
       * Value scoring 100.
       */
      to: number;
      type: "linear";
    }
  | {
      /**
       * The bands, best first.
       */
      bands: ScoreBand[];
      type: "bands";
    };
/**
 * The travel circles of the Hangzhou seed (5/10/30-minute 出行圈).
 */
export type TravelCircle = "bus5min" | "metro10min" | "destinations30min";
/**
 * A format a source can be in.
 */
export type SourceFormat = "geojson" | "amap" | "baidu" | "csv" | "shapefile";

/**
 * Generated from the Rust types by `cargo test --lib contract`; do not edit.
 */
/**
 * Accessibility in columnar form.
 */
export interface AccessibilityColumns {
  /**
   * Per category.
   */
  categories: {
    [k: string]: CategoryColumns;
  };
  /**
   * category -> threshold key -> shares covered (network distance ≤ threshold).
   */
  coverage: {
    [k: string]: {
      [k: string]: CoverageShares;
    };
  };
  /**
   * Denominators of the coverage shares.
   */
  coverageTotals: CoverageTotals;
  /**
   * Feature index of every residential building (the row order).
   */
  featureIndex: number[];
  /**
   * Households per building.
   */
  households: number[];
  /**
   * Feature id of every residential building (`None`: the feature has
   * none), to join on.
   */
  id: (string | null)[];
  /**
   * `k` used for `k_nearest_m`.
   */
  k: number;
  /**
   * Footprint area per building, m².
   */
  landAreaM2: number[];
  /**
   * Maximum snapping distance used, metres.
   */
  maxSnapM: number;
  /**
   * Residents per building.
   */
  population: number[];
  /**
   * Snapping mode used.
   */
  snap: SnapMode;
  /**
   * Thresholds, in the order of the opportunity columns.
   */
  thresholds: Threshold[];
  /**
   * Warnings (network construction and this query).
   */
  warnings: Warning[];
}
/**
 * Columns of one category, one entry per residential building (in the
 * order of `AccessColumns::feature_index`).
 */
export interface CategoryColumns {
  /**
   * Detour ratio: `network_m` divided by the straight-line distance to
   * the *same* (network-nearest) facility (`NaN`: unreachable or 0 m).
   */
  detourRatio: number[];
  /**
   * Facilities in the category.
   */
  facilities: number;
  /**
   * Gravity accessibility Σ_j capacity_j · f(d_ij); empty without `decay`.
   */
  gravity: number[];
  /**
   * Distances to the `k` nearest distinct facilities, row-major
   * `buildings × k`, nearest first, `NaN` padded; empty when `k` = 1.
   */
  kNearestM: number[];
  /**
   * Feature index of that facility (-1: none).
   */
  nearestFeatureIndex: number[];
  /**
   * Network distance to the nearest facility, metres (`NaN`: unreachable).
   */
  networkM: number[];
  /**
   * Facilities within each threshold, row-major `buildings × thresholds`;
   * empty unless `opportunities: true`.
   */
  opportunities: number[];
  /**
   * Of those, facilities within `maxSnapM` of the network.
   */
  reachableFacilities: number;
  /**
   * Feature index of the straight-line nearest facility (-1: none).
   */
  straightFeatureIndex: number[];
  /**
   * Straight-line geodesic distance from the building centroid to the
   * nearest facility by straight line, metres (`NaN`: category empty).
   */
  straightM: number[];
}
/**
 * Shares (0 ..= 1) of the residential total that is covered, by weighting.
 * `null` when the total of that weighting is 0.
 */
export interface CoverageShares {
  /**
   * Share of residential buildings (building-count weighting).
   */
  buildings: number | null;
  /**
   * Share of households (research practice; the reference's `household_share`).
   */
  households: number | null;
  /**
   * Share of residential land area, measured as the footprint area of
   * residential buildings (城市体检 service-radius coverage is land-area
   * weighted).
   */
  landArea: number | null;
  /**
   * Share of residents (research practice).
   */
  population: number | null;
}
/**
 * The denominators of the coverage shares.
 */
export interface CoverageTotals {
  /**
   * Number of residential buildings.
   */
  buildings: number;
  /**
   * Households in all residential buildings.
   */
  households: number;
  /**
   * Footprint area of all residential buildings, m².
   */
  landAreaM2: number;
  /**
   * Residents in all residential buildings.
   */
  population: number;
}
/**
 * A threshold with its result key.
 */
export interface Threshold {
  /**
   * Key used in result maps: `"300"` for metres, `"15min"` for minutes.
   */
  key: string;
  /**
   * The threshold in metres.
   */
  metres: number;
  /**
   * The threshold in minutes, when given in minutes.
   */
  minutes?: number;
}
/**
 * A recoverable problem: the computation went on, but the caller should know.
 */
export interface Warning {
  /**
   * Stable machine-readable code, e.g. `"UNCLASSIFIED_FEATURE"`.
   */
  code: string;
  /**
   * Index of the feature concerned, when one is.
   */
  featureIndex?: number;
  /**
   * Human-readable explanation (English).
   */
  message: string;
  /**
   * With several sources: the source of that feature (index in the list).
   */
  source?: number;
  /**
   * With several sources: the feature's index within its source.
   */
  sourceFeatureIndex?: number;
}
/**
 * Options of `community.accessibility(...)`.
 */
export interface AccessibilityOptions {
  /**
   * Facility categories to evaluate; default: every category present.
   * A category without facilities gives `null` distances and a warning.
   */
  categories?: string[] | null;
  /**
   * Decay for gravity accessibility Σ_j capacity_j · f(d_ij); none by default.
   */
  decay?: Decay | null;
  /**
   * Also report the distances to the `k` nearest distinct facilities
   * (1 ..= 32); default 1 (nearest only).
   */
  k?: number | null;
  /**
   * Points farther than this from the network (metres) are unreachable;
   * default 250.
   */
  maxSnapM?: MetresOrZero | null;
  /**
   * Count facilities within each threshold (cumulative opportunities).
   * Default `false`: it needs one bounded search per facility, which on a
   * large district costs about as much as everything else together.
   */
  opportunities?: boolean | null;
  /**
   * Edge (default) or node snapping.
   */
  snap?: SnapMode | null;
  /**
   * Thresholds in metres (keys like `"300"`). Default 300, 500, 800,
   * 1000 when neither this nor `thresholds_min` is given.
   */
  thresholdsM?: Metres[] | null;
  /**
   * Thresholds in minutes of walking at `walk_speed_mps` (keys like
   * `"15min"`); may be combined with `thresholds_m`.
   */
  thresholdsMin?: number[] | null;
  /**
   * Walking speed for minute thresholds, m/s; default 5 km/h (1.389).
   */
  walkSpeedMps?: MetresPerSecond | null;
}
/**
 * One step of a piecewise-constant decay.
 */
export interface DecayStep {
  /**
   * Upper bound of the step, metres (inclusive).
   */
  upToM: number;
  /**
   * Weight within the step (0 ..= 1 is usual, any finite value >= 0 is allowed).
   */
  weight: number;
}
/**
 * Accessibility in object form (the `community.accessibility` result).
 */
export interface AccessibilityResult {
  /**
   * One entry per residential building.
   */
  buildings: BuildingAccess[];
  /**
   * Categories evaluated.
   */
  categories: string[];
  /**
   * category -> threshold key -> shares covered.
   */
  coverage: {
    [k: string]: {
      [k: string]: CoverageShares;
    };
  };
  /**
   * Denominators of the coverage shares.
   */
  coverageTotals: CoverageTotals;
  /**
   * Thresholds used.
   */
  thresholds: Threshold[];
  /**
   * Warnings (network construction and this query).
   */
  warnings: Warning[];
}
/**
 * One residential building's accessibility (object form).
 */
export interface BuildingAccess {
  /**
   * category -> network / straight-line distance to the same facility.
   */
  detourRatio: {
    [k: string]: number | null;
  };
  /**
   * Feature index of the building.
   */
  featureIndex: number;
  /**
   * category -> gravity accessibility; present with `decay`.
   */
  gravity?: {
    [k: string]: number;
  };
  /**
   * Households.
   */
  households: number;
  /**
   * Feature id, if any.
   */
  id: string | null;
  /**
   * category -> distances to the k nearest facilities (reachable ones
   * only); present when `k` > 1.
   */
  kNearestM?: {
    [k: string]: number[];
  };
  /**
   * category -> feature index of that facility.
   */
  nearestFeatureIndex: {
    [k: string]: number | null;
  };
  /**
   * category -> network distance to the nearest facility, metres.
   */
  networkM: {
    [k: string]: number | null;
  };
  /**
   * category -> threshold key -> facilities within the threshold.
   */
  opportunities?: {
    [k: string]: {
      [k: string]: number;
    };
  };
  /**
   * Residents.
   */
  population: number;
  /**
   * category -> straight-line distance to the nearest facility, metres.
   */
  straightM: {
    [k: string]: number | null;
  };
}
/**
 * A facility added.
 */
export interface AddEdit {
  /**
   * Capacity (2SFCA supply; default 1).
   */
  capacity?: number | null;
  /**
   * Its category, e.g. `"kindergarten"`.
   */
  category: string;
  /**
   * Floor area, m² (counts toward service floor area when the category
   * is a service category).
   */
  floorAreaM2?: number | null;
  /**
   * An id to show and join on.
   */
  id?: string | null;
  /**
   * Its position, `[lon, lat]` (WGS84).
   *
   * @minItems 2
   * @maxItems 2
   */
  lngLat: [number, number];
  /**
   * A name to show.
   */
  name?: string | null;
}
/**
 * The result of `isochrones` / `serviceAreas`: a GeoJSON FeatureCollection
 * (one feature per limit, ascending, nested) with foreign members.
 */
export interface AreaCollection {
  /**
   * Buffer used, metres.
   */
  bufferM: number;
  /**
   * Service areas: facilities of the category used as sources.
   */
  facilities?: number;
  /**
   * One feature per limit, smallest first.
   */
  features: AreaFeature[];
  /**
   * Isochrones: the start.
   */
  origin?: OriginInfo;
  /**
   * Total households of all residential buildings (the denominator
   * for shares).
   */
  totalHouseholds: number;
  /**
   * Total residents of all residential buildings.
   */
  totalPopulation: number;
  /**
   * Always `"FeatureCollection"`.
   */
  type: string;
  /**
   * Walking speed used, m/s.
   */
  walkSpeedMps: number;
  /**
   * Problems met (origin off the network, facilities skipped ...).
   */
  warnings: Warning[];
}
/**
 * One area polygon as a GeoJSON Feature.
 */
export interface AreaFeature {
  /**
   * The polygon (an empty `coordinates` list when nothing is reachable).
   */
  geometry: MultiPolygonGeometry;
  /**
   * What it covers.
   */
  properties: AreaProperties;
  /**
   * Always `"Feature"`.
   */
  type: string;
}
/**
 * A GeoJSON MultiPolygon geometry (`coordinates` in lon/lat degrees).
 */
export interface MultiPolygonGeometry {
  /**
   * Polygons → rings (exterior first, then holes) → `[lon, lat]`.
   */
  coordinates: [number, number][][][];
  /**
   * Always `"MultiPolygon"`.
   */
  type: string;
}
/**
 * Properties of one area polygon.
 */
export interface AreaProperties {
  /**
   * Geodesic area of the polygon (holes excluded), m².
   */
  areaM2: number;
  /**
   * Number of those buildings.
   */
  buildings: number;
  /**
   * Service areas: the facility category.
   */
  category?: string;
  /**
   * The same limit as walking distance, metres (minutes × 60 × speed).
   */
  distanceM: number;
  /**
   * Households of the residential (and mixed-use) buildings whose
   * centroid lies inside the polygon.
   */
  households: number;
  /**
   * Service areas: households whose network walking distance to the
   * nearest facility of the category is within the limit (the
   * accessibility coverage definition, gates respected).
   */
  householdsReached?: number;
  /**
   * The walking-time limit, minutes.
   */
  minutes: number;
  /**
   * Residents of those buildings.
   */
  population: number;
  /**
   * Service areas: residents reached in the same sense.
   */
  populationReached?: number;
}
/**
 * Where an isochrone starts and how it meets the network.
 */
export interface OriginInfo {
  /**
   * The access point on the network `[lon, lat]`, if any.
   *
   * @minItems 2
   * @maxItems 2
   */
  accessPoint: [number, number] | null;
  /**
   * Length of the straight connector to the access point, metres.
   */
  connectorM: number | null;
  /**
   * The facility id, when the start is a facility.
   */
  facilityId: string | null;
  /**
   * Its feature index, when the start is a facility.
   */
  featureIndex: number | null;
  /**
   * Whether the start is within `maxSnapM` of the network (otherwise
   * every polygon is empty).
   */
  onNetwork: boolean;
  /**
   * The start position `[lon, lat]`.
   *
   * @minItems 2
   * @maxItems 2
   */
  point: [number, number];
}
/**
 * Estimation assumptions used when the input lacks a value.
 */
export interface Assumptions {
  /**
   * Floors of a building without levels or height.
   */
  defaultFloors: Sourced;
  /**
   * Residential floor area per household (m²) for estimating households.
   */
  householdFloorAreaM2: Sourced;
  /**
   * Share of a mixed-use building's floor area that is residential.
   */
  mixedResidentialShare: Sourced;
  /**
   * Residents per household for estimating population.
   */
  personsPerHousehold: Sourced;
  /**
   * Storey height used to turn `height_m` into floors (m).
   */
  storeyHeightM: Sourced;
}
/**
 * A number with its provenance.
 */
export interface Sourced {
  /**
   * Where it comes from.
   */
  source: string;
  /**
   * The value.
   */
  value: number;
  /**
   * Whether it was checked against a primary source.
   */
  verified: boolean;
}
/**
 * A non-spatial input the caller declares (e.g. whether a digital platform
 * runs), read by indicators as `attributes.<name>`.
 */
export interface AttributeDef {
  /**
   * What to enter.
   */
  description?: BilingualText;
  /**
   * Form label.
   */
  label: BilingualText;
  /**
   * Largest accepted value (numbers only).
   */
  max?: number;
  /**
   * Smallest accepted value (numbers only).
   */
  min?: number;
  /**
   * Boolean or number.
   */
  type: AttributeType;
  /**
   * Unit of the value.
   */
  unit: IndicatorUnit;
}
/**
 * A text in Chinese and English; both must be non-empty.
 */
export interface BilingualText {
  /**
   * English.
   */
  en: string;
  /**
   * Simplified Chinese.
   */
  zh: string;
}
/**
 * A non-spatial input the caller declares (e.g. whether a digital platform
 * runs), read by indicators as `attributes.<name>`.
 */
export interface AttributeDefInput {
  /**
   * What to enter.
   */
  description?: BilingualText | null;
  /**
   * Form label.
   */
  label: BilingualText;
  /**
   * Largest accepted value (numbers only).
   */
  max?: number | null;
  /**
   * Smallest accepted value (numbers only).
   */
  min?: number | null;
  /**
   * Boolean or number.
   */
  type: AttributeType;
  /**
   * Unit of the value.
   */
  unit: IndicatorUnit;
}
/**
 * The `attributeNames` member of the mapping document.
 */
export interface AttributeNames {
  /**
   * What the member means.
   */
  description?: string;
  /**
   * Canonical key (`floors`, `height_m`, ...) → its other names.
   */
  keys?: {
    [k: string]: KeyNames;
  };
  /**
   * Building use (`residential`, ...) → values that mean it.
   */
  useValues?: {
    [k: string]: UseValues;
  };
}
/**
 * Other names of one canonical property.
 */
export interface KeyNames {
  /**
   * Names read when the canonical key is absent, in order.
   */
  names: string[];
  /**
   * Where the names come from.
   */
  source: string;
  /**
   * Whether they were checked against a primary source.
   */
  verified: boolean;
}
/**
 * Values that mean one building use.
 */
export interface UseValues {
  /**
   * Where they come from.
   */
  source: string;
  /**
   * The values (exact match after trimming).
   */
  values: string[];
  /**
   * Whether they were checked against a primary source.
   */
  verified: boolean;
}
/**
 * Building rules.
 */
export interface BuildingRules {
  /**
   * Use class by value of `key`.
   */
  byValue: {
    [k: string]: string[];
  };
  /**
   * Tags that make a building commercial (or a residential one mixed).
   */
  commercialTags: {
    [k: string]: string[];
  }[];
  /**
   * Exceptions to `commercial_tags`.
   */
  commercialTagsUnless?: {
    [k: string]: string[];
  }[];
  /**
   * Values of `key` that are not buildings.
   */
  exclude: string[];
  /**
   * Tag key holding the height in metres (floors = height / storey
   * height when levels are missing); `null` to ignore heights.
   */
  heightKey?: string | null;
  /**
   * Tag key that marks a building (`building`).
   */
  key: string;
  /**
   * `landuse` values whose areas decide the use of unspecific buildings.
   */
  landuse: {
    [k: string]: string[];
  };
  /**
   * Tag key holding the number of levels.
   */
  levelsKey: string;
  /**
   * Tags that make an unspecific building public.
   */
  publicTags: {
    [k: string]: string[];
  }[];
}
/**
 * One facility category.
 */
export interface CategoryInfo {
  /**
   * The id of its group in `Categories::groups`.
   */
  group: string;
  /**
   * The id facilities carry (`properties.category`, mapping rules).
   */
  id: string;
  /**
   * What to call it.
   */
  label: Label;
}
/**
 * A label in both languages.
 */
export interface Label {
  /**
   * English.
   */
  en: string;
  /**
   * Simplified Chinese.
   */
  zh: string;
}
/**
 * The whole list.
 */
export interface CategoryList {
  /**
   * The categories, in display order.
   */
  categories: CategoryInfo[];
  /**
   * What the list is and where the labels come from.
   */
  description: string;
  /**
   * Group id -> its label (education, health, ...).
   */
  groups: {
    [k: string]: Label;
  };
  /**
   * `"categories"`.
   */
  id: string;
  /**
   * Bumped when an id changes meaning.
   */
  version: number;
}
/**
 * One facility category rule.
 */
export interface CategoryRule {
  /**
   * The rule fires when any clause matches ...
   */
  any: {
    [k: string]: string[];
  }[];
  /**
   * Category assigned when the rule fires.
   */
  category: string;
  /**
   * When non-empty, the `name` tag must contain one of these
   * (case-insensitive substring).
   */
  names?: string[];
  /**
   * The `name` tag must contain none of these (case-insensitive).
   */
  namesNot?: string[];
  /**
   * Why these tags mean this category, and the source (documentation only).
   */
  note?: string | null;
  /**
   * ... and none of these does.
   */
  unless?: {
    [k: string]: string[];
  }[];
}
/**
 * The grid cells as a GeoJSON FeatureCollection.
 */
export interface CellCollection {
  /**
   * Every cell, row by row from the north-west corner.
   */
  features: CellFeature[];
  /**
   * Always `"FeatureCollection"`.
   */
  type: string;
}
/**
 * One grid cell as a GeoJSON Feature.
 */
export interface CellFeature {
  /**
   * The cell square.
   */
  geometry: PolygonGeometry;
  /**
   * Its position and value.
   */
  properties: CellProperties;
  /**
   * Always `"Feature"`.
   */
  type: string;
}
/**
 * A GeoJSON Polygon geometry (`coordinates` in lon/lat degrees).
 */
export interface PolygonGeometry {
  /**
   * Rings → `[lon, lat]`; one exterior ring, counter-clockwise.
   */
  coordinates: [number, number][][];
  /**
   * Always `"Polygon"`.
   */
  type: string;
}
/**
 * Properties of one grid cell.
 */
export interface CellProperties {
  /**
   * Column (0 = west).
   */
  col: number;
  /**
   * Walking minutes from the cell centre to the nearest facility;
   * `null` when unreachable.
   */
  minutes: number | null;
  /**
   * Row (0 = north).
   */
  row: number;
}
/**
 * How a value moved between two reports.
 */
export interface Change {
  /**
   * Value in the second report.
   */
  after: number | null;
  /**
   * Value in the first report.
   */
  before: number | null;
  /**
   * `after - before` when both exist.
   */
  delta: number | null;
}
/**
 * Per residential building (engine order, as in accessibility columns):
 * minutes for each circle, `null` when unreachable.
 */
export interface CircleBuildings {
  /**
   * Walking minutes to the nearest bus-circle facility.
   */
  bus5min: (number | null)[];
  /**
   * Minutes by walking and transit to the destinations (the slowest
   * category under `everyCategory`, the fastest under `any`).
   */
  destinations30min: (number | null)[];
  /**
   * Source feature index of each building.
   */
  featureIndex: number[];
  /**
   * Households.
   */
  households: number[];
  /**
   * Walking minutes to the nearest metro-circle facility.
   */
  metro10min: (number | null)[];
  /**
   * Residents.
   */
  population: number[];
}
/**
 * One circle as an indicator.
 */
export interface CircleResult {
  /**
   * Share of residential buildings.
   */
  buildingsShare: number | null;
  /**
   * Destinations: share of households per destination category.
   */
  byCategory?: {
    [k: string]: number | null;
  };
  /**
   * Facility (or destination) categories used.
   */
  categories: string[];
  /**
   * Facilities (or destinations) of those categories.
   */
  facilities: number;
  /**
   * Households meeting it.
   */
  householdsReached: number;
  /**
   * All households.
   */
  householdsTotal: number;
  /**
   * The limit, minutes.
   */
  minutes: number;
  /**
   * Share of residents.
   */
  populationShare: number | null;
  /**
   * Destinations: the rule used.
   */
  rule?: DestinationRule;
  /**
   * Share of households meeting the circle (`null` without households).
   */
  share: number | null;
  /**
   * Destinations: the share when walking only (no transit).
   */
  walkOnlyShare?: number;
}
/**
 * One walking circle: facility categories and a limit.
 */
export interface CircleSpec {
  /**
   * Facility categories that satisfy the circle (nearest of any).
   */
  categories?: string[] | null;
  /**
   * Limit, minutes.
   */
  minutes?: Minutes | null;
}
/**
 * Reports of several sites evaluated with one profile, with a table and a
 * ranking.
 */
export interface Comparison {
  /**
   * Id of the profile used.
   */
  profileId: string;
  /**
   * Version of the profile used.
   */
  profileVersion: string;
  /**
   * Sites from best to worst.
   */
  ranking: RankEntry[];
  /**
   * One report per site, in input order; each carries its `siteId`.
   * Empty when the caller asked for the table and ranking only
   * (`evaluate_many_with` with `keep_reports` false; `reports: false`
   * in JS), which keeps many sites small.
   */
  reports: Report[];
  /**
   * The indicators as columns, sites as rows.
   */
  table: ComparisonTable;
}
/**
 * A place in the ranking.
 */
export interface RankEntry {
  /**
   * Completeness 0..1.
   */
  completeness: number;
  /**
   * Number of failed binding indicators.
   */
  failedBinding: number;
  /**
   * Grade.
   */
  grade: GradeResult | null;
  /**
   * 1-based rank; sites with equal score and equal failed-binding count
   * share a rank (1, 2, 2, 4).
   */
  rank: number;
  /**
   * Overall score (`None` ranks last).
   */
  score: number | null;
  /**
   * Site id.
   */
  siteId: string;
}
/**
 * A grade given to the overall score.
 */
export interface GradeResult {
  /**
   * Grade id, e.g. `A`.
   */
  id: string;
  /**
   * Display label.
   */
  label: BilingualText;
}
/**
 * The result of evaluating one site against one profile.
 */
export interface Report {
  /**
   * Weighted share 0..1 of the applicable indicators of the required
   * scenarios that were assessed (each weighted by its share of the score).
   */
  completeness: number;
  /**
   * The profile's statement of what the score is and is not.
   */
  disclaimer: BilingualText | null;
  /**
   * Ids of binding indicators whose target is not met.
   */
  failedBinding: string[];
  /**
   * Grade of the overall score; `None` when `status` is `insufficient`.
   */
  grade: GradeResult | null;
  /**
   * One entry per indicator, in profile order.
   */
  indicators: IndicatorResult[];
  /**
   * What was not assessed in the required scenarios, grouped by cause.
   */
  missing: MissingGroup[];
  /**
   * Ids of binding indicators that could not be assessed.
   */
  notAssessedBinding: string[];
  /**
   * Id of the profile used.
   */
  profileId: string;
  /**
   * Name of the profile used.
   */
  profileName: BilingualText;
  /**
   * Version of the profile used.
   */
  profileVersion: string;
  /**
   * The project type the targets were chosen for.
   */
  projectType: ProjectType | null;
  /**
   * One entry per scenario, in profile order.
   */
  scenarios: ScenarioResult[];
  /**
   * Overall score 0–100: weighted mean of the required scenarios' scores;
   * `None` when no indicator of a required scenario could be assessed.
   */
  score: number | null;
  /**
   * The evaluated site, when several were evaluated together.
   */
  siteId: string | null;
  /**
   * `complete` (every applicable indicator of the required scenarios
   * assessed), `provisional` (graded, but some are missing) or
   * `insufficient` (completeness below the profile's `minCompleteness`,
   * or nothing assessed: no grade).
   */
  status: ReportStatus & string;
  /**
   * The tier that chose the required scenarios.
   */
  tier: Tier | null;
  /**
   * Problems with the input that did not stop the evaluation.
   */
  warnings: ReportWarning[];
}
/**
 * Indicators missing for one cause.
 */
export interface MissingGroup {
  /**
   * The cause.
   */
  cause: MissingCause;
  /**
   * Ids of the indicators, in profile order.
   */
  indicators: string[];
  /**
   * Facility categories concerned (for `NO_FACILITY_CATEGORY`), or
   * attribute names (for `NOT_DECLARED`).
   */
  items?: string[];
}
/**
 * The score of one scenario.
 */
export interface ScenarioResult {
  /**
   * Number of indicators that apply to this project type.
   */
  applicable: number;
  /**
   * Number of indicators assessed.
   */
  assessed: number;
  /**
   * Weighted share 0..1 of the applicable indicators that were assessed.
   */
  completeness: number;
  /**
   * Scenario id.
   */
  id: ScenarioId;
  /**
   * Display name.
   */
  name: BilingualText;
  /**
   * Whether the scenario is required (标配) for the chosen project type
   * and tier; optional (选配) scenarios are scored on their own and left
   * out of the overall score and completeness.
   */
  required: boolean;
  /**
   * Weighted mean score 0–100 of its assessed indicators; `None` when none
   * was assessed.
   */
  score: number | null;
  /**
   * Weight in the overall score.
   */
  weight: number;
}
/**
 * A problem with the input that did not stop the evaluation.
 */
export interface ReportWarning {
  /**
   * Stable machine-readable code, e.g. `UNKNOWN_ATTRIBUTE`.
   */
  code: string;
  /**
   * Human-readable explanation (English).
   */
  message: string;
}
/**
 * A sites × indicators table.
 */
export interface ComparisonTable {
  /**
   * One column per indicator, in profile order.
   */
  columns: ComparisonColumn[];
  /**
   * One row per site, in input order.
   */
  rows: ComparisonRow[];
  /**
   * One entry per scenario, in profile order (see `scenarioScores`).
   */
  scenarios: ComparisonScenario[];
}
/**
 * One indicator column.
 */
export interface ComparisonColumn {
  /**
   * Binding or guidance.
   */
  binding: Binding;
  /**
   * Indicator id.
   */
  id: string;
  /**
   * Display label.
   */
  label: BilingualText;
  /**
   * Unit of the values.
   */
  unit: IndicatorUnit;
}
/**
 * One site row; `values`, `scores` and `pass` follow the column order.
 */
export interface ComparisonRow {
  /**
   * Completeness 0..1.
   */
  completeness: number;
  /**
   * Number of failed binding indicators.
   */
  failedBinding: number;
  /**
   * Grade id.
   */
  grade: string | null;
  /**
   * Whether each target is met.
   */
  pass: (boolean | null)[];
  /**
   * Scenario scores, in the order of `ComparisonTable::scenarios`.
   */
  scenarioScores: (number | null)[];
  /**
   * Overall score.
   */
  score: number | null;
  /**
   * Indicator scores.
   */
  scores: (number | null)[];
  /**
   * Site id.
   */
  siteId: string;
  /**
   * Whether the report can be read as a verdict (as `Report::status`).
   */
  status: ReportStatus & string;
  /**
   * Indicator values (`None` where not assessed).
   */
  values: (number | null)[];
}
/**
 * One scenario column of the table (the same for every site: the options
 * that make a scenario required are those of the whole comparison).
 */
export interface ComparisonScenario {
  /**
   * Scenario id.
   */
  id: ScenarioId;
  /**
   * Display name.
   */
  name: BilingualText;
  /**
   * Whether the scenario counts in the overall score (标配).
   */
  required: boolean;
}
/**
 * A coverage share a profile reads.
 */
export interface CoverageNeed {
  /**
   * Facility category.
   */
  category: string;
  /**
   * Network distance threshold (m).
   */
  thresholdM: number;
  /**
   * Weighting of the share.
   */
  weighting: Weighting;
}
/**
 * The 30-minute circle.
 */
export interface DestinationSpec {
  /**
   * Destination categories to use; default all present.
   */
  categories?: string[] | null;
  /**
   * Limit, minutes.
   */
  minutes?: Minutes | null;
  /**
   * `"everyCategory"` (default) or `"any"`.
   */
  rule?: DestinationRule | null;
}
/**
 * Options of `evaluate()` and `evaluateAll()`.
 */
export interface EvaluateOptions {
  /**
   * Declared attribute values by name.
   */
  attributes?: {
    [k: string]: AttributeValue;
  };
  /**
   * 改造更新 `renovation` or 规划新建 `newBuild`.
   */
  projectType?: ProjectType | null;
  /**
   * `evaluateAll` only: `false` leaves `reports` empty and returns the
   * table (scores, status, scenario scores, indicator values) and the
   * ranking, a few hundred bytes per site instead of tens of kilobytes;
   * for many sites. Default `true`.
   */
  reports?: boolean | null;
  /**
   * Which site (ignored by `evaluateAll`).
   */
  site?: SiteRef | null;
  /**
   * 引领型 `leading` or 普惠型 `inclusive`.
   */
  tier?: Tier | null;
}
/**
 * A code explained for a person.
 */
export interface Explanation {
  /**
   * What to do.
   */
  action: string;
  /**
   * The code.
   */
  code: string;
  /**
   * The technical message of the error or warning, when one was given.
   */
  details: string | null;
  /**
   * Whether the catalogue knows the code (false: the fallback text).
   */
  known: boolean;
  /**
   * The language of `message` and `action`.
   */
  lang: Lang;
  /**
   * What happened.
   */
  message: string;
}
/**
 * The edits of one call; each list is optional.
 */
export interface FacilityEdits {
  /**
   * Facilities to add.
   */
  add?: AddEdit[];
  /**
   * Facilities to move.
   */
  move?: MoveEdit[];
  /**
   * Feature indices of facilities to remove.
   */
  remove?: number[];
}
/**
 * A facility moved to a new position.
 */
export interface MoveEdit {
  /**
   * Feature index of a facility of the input.
   */
  featureIndex: number;
  /**
   * Its new position, `[lon, lat]` (WGS84).
   *
   * @minItems 2
   * @maxItems 2
   */
  lngLat: [number, number];
}
/**
 * A facility chosen by id.
 */
export interface FacilityRef {
  /**
   * The facility's feature id (`id` member or `properties.id`).
   */
  facilityId: string;
}
/**
 * One building's 2SFCA score.
 */
export interface FcaBuilding {
  /**
   * Demand D_i (households or population).
   */
  demand: number;
  /**
   * Feature index of the building.
   */
  featureIndex: number;
  /**
   * Feature id, if any.
   */
  id: string | null;
  /**
   * A_i divided by the demand-weighted mean of A (PySAL's normalisation);
   * `null` when that mean is 0.
   */
  normalized: number | null;
  /**
   * A_i = Σ_j R_j f(d_ij) over facilities within the catchment (0 if none).
   */
  score: number;
}
/**
 * One facility's 2SFCA supply-to-demand ratio.
 */
export interface FcaFacility {
  /**
   * Σ_k D_k f(d_kj) over origins within the catchment.
   */
  catchmentDemand: number;
  /**
   * Feature index of the facility.
   */
  featureIndex: number;
  /**
   * Feature id, if any.
   */
  id: string | null;
  /**
   * R_j = S_j / catchment demand; `null` when no demand is within reach
   * or the facility is off the network.
   */
  ratio: number | null;
  /**
   * Supply S_j (the facility's capacity).
   */
  supply: number;
}
/**
 * A feature of the input as written.
 * Serialise it with serde_json (the bindings' `to_js` does): the
 * properties are raw JSON text.
 */
export interface FeatureRecord {
  /**
   * The feature's index in the input (across sources).
   */
  featureIndex: number;
  /**
   * The GeoJSON geometry type (`Polygon`, `Point`, ...), if it has one.
   */
  geometryType: string | null;
  /**
   * The feature id (the `id` member, else `properties.id`), as text.
   */
  id: string | null;
  /**
   * The properties object as written (its JSON text, passed through).
   */
  properties: {
    [k: string]: unknown;
  } | null;
}
/**
 * Options for `read`. Field names follow the JS API (camelCase).
 */
export interface FromGeoJSONOptions {
  /**
   * Coordinate system of the input (`wgs84`, `gcj02`, `bd09`); when
   * absent, each source's format decides (GCJ-02 for Amap, BD-09 for
   * Baidu, WGS84 otherwise).
   */
  crs?: Crs | null;
  /**
   * Keep every feature's own properties as written (for an info panel:
   * `Community.featureProperties(i)`); costs memory about the size of
   * the properties' text. Default `false`.
   */
  keepProperties?: boolean;
  /**
   * Largest accepted input, in bytes of JSON text.
   */
  maxBytes?: number;
  /**
   * Largest accepted number of features.
   */
  maxFeatures?: number;
  /**
   * Largest accepted total number of positions.
   */
  maxVertices?: number;
  /**
   * A replacement OSM tag mapping (the whole document); `None` = built-in.
   */
  osmMapping?: OsmMapping | null;
  /**
   * Fail on the first invalid feature instead of skipping it with a warning.
   */
  strict?: boolean;
}
/**
 * The whole mapping document.
 */
export interface OsmMapping {
  /**
   * Estimation assumptions.
   */
  assumptions: Assumptions;
  /**
   * Other (Chinese) names of the properties of features with `kind`,
   * and Chinese building-use values; absent in a replacement document
   * = none.
   */
  attributeNames?: AttributeNames;
  /**
   * Building rules.
   */
  building: BuildingRules;
  /**
   * What the mapping does.
   */
  description?: string;
  /**
   * Facility rules, each may fire independently.
   */
  facilities: CategoryRule[];
  /**
   * Tags that suppress every facility rule (private access).
   */
  facilityUnless?: {
    [k: string]: string[];
  }[];
  /**
   * Clauses that make a point a compound gate.
   */
  gate?: {
    [k: string]: string[];
  }[];
  /**
   * Clauses that make an area green.
   */
  green: {
    [k: string]: string[];
  }[];
  /**
   * Identifier of this mapping.
   */
  id: string;
  /**
   * Road rules.
   */
  roads: RoadRules;
  /**
   * Version number.
   */
  version: number;
}
/**
 * Road rules.
 */
export interface RoadRules {
  /**
   * `access` values that make a road not walkable unless `foot` allows it.
   */
  accessDeny: string[];
  /**
   * `area` values that exclude a way (pedestrian areas are not lines).
   */
  areaExclude: string[];
  /**
   * `foot` values that make any road walkable.
   */
  footAllow: string[];
  /**
   * `foot` values that make a road not walkable.
   */
  footDeny: string[];
  /**
   * Tag key that marks a road (`highway`).
   */
  key: string;
  /**
   * Values of `key` that are walkable.
   */
  walkable: string[];
}
/**
 * One grade: scores at or above `min_score` (and below the next band up).
 */
export interface GradeBand {
  /**
   * Short id, e.g. `A`.
   */
  id: string;
  /**
   * Display label.
   */
  label: BilingualText;
  /**
   * Lowest overall score (0–100) that earns this grade.
   */
  minScore: number;
}
/**
 * Grade bands that turn the overall score into a grade.
 */
export interface Grading {
  /**
   * Bands from the best down; `minScore` strictly decreasing, the last 0.
   */
  bands: GradeBand[];
  /**
   * Below this completeness (0..1) the report gives no grade
   * (`status: "insufficient"`); absent: 0 (a grade whenever there is a score).
   */
  minCompleteness?: SourcedNumber;
  /**
   * Provenance and caveats.
   */
  note?: BilingualText;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * Whether the cut points were checked against the cited text.
   */
  verified: boolean;
}
/**
 * A number with its provenance.
 */
export interface SourcedNumber {
  /**
   * Why this value.
   */
  note?: BilingualText;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * The value.
   */
  value: number;
  /**
   * Whether the value was checked against the cited text.
   */
  verified: boolean;
}
/**
 * Grade bands that turn the overall score into a grade.
 */
export interface GradingInput {
  /**
   * Bands from the best down; `minScore` strictly decreasing, the last 0.
   */
  bands: GradeBand[];
  /**
   * Below this completeness (0..1) the report gives no grade
   * (`status: "insufficient"`); absent: 0 (a grade whenever there is a score).
   */
  minCompleteness?: SourcedNumberInput | null;
  /**
   * Provenance and caveats.
   */
  note?: BilingualText | null;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * Whether the cut points were checked against the cited text.
   */
  verified: boolean;
}
/**
 * A number with its provenance.
 */
export interface SourcedNumberInput {
  /**
   * Why this value.
   */
  note?: BilingualText | null;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * The value.
   */
  value: number;
  /**
   * Whether the value was checked against the cited text.
   */
  verified: boolean;
}
/**
 * Options of `community.travelTimeGrid(...)`.
 */
export interface GridOptions {
  /**
   * `[west, south, east, north]` to cover instead of a site's box.
   *
   * @minItems 4
   * @maxItems 4
   */
  bbox?: [number, number, number, number] | null;
  /**
   * Facility category (required).
   */
  category?: string;
  /**
   * Cell size, metres; default 50.
   */
  cellM?: number | null;
  /**
   * Also return the cells as a GeoJSON FeatureCollection; default false.
   */
  cells?: boolean | null;
  /**
   * Cell centres and facilities farther than this from the network are
   * unreachable, metres; default 250.
   */
  maxSnapM?: MetresOrZero | null;
  /**
   * Extra margin around the box, metres; default 0.
   */
  paddingM?: number | null;
  /**
   * Which site's bounding box to cover (default: the first site).
   */
  site?: SiteRef | null;
  /**
   * Walking speed, m/s; default 5 km/h.
   */
  walkSpeedMps?: MetresPerSecond | null;
}
/**
 * One indicator compared across two reports.
 */
export interface IndicatorDiff {
  /**
   * Binding or guidance.
   */
  binding: Binding;
  /**
   * Summary of the change.
   */
  change: ChangeKind;
  /**
   * Indicator id.
   */
  id: string;
  /**
   * Label (from the second report, else the first).
   */
  label: BilingualText;
  /**
   * Pass in the second report.
   */
  passAfter: boolean | null;
  /**
   * Pass in the first report.
   */
  passBefore: boolean | null;
  /**
   * The score.
   */
  score: Change;
  /**
   * The value.
   */
  value: Change;
}
/**
 * Options of `community.isochrones(...)`.
 */
export interface IsochroneOptions {
  /**
   * Largest gap between a polygon arc and the true buffer circle, metres;
   * default 1 (raised to `bufferM` × 1.3e-4 if smaller). Polygons contain
   * every point within `bufferM − 1.5 × arcToleranceM` of the reachable
   * network and nothing farther than `bufferM + arcToleranceM / 2`.
   * Smaller = more vertices.
   */
  arcToleranceM?: number | null;
  /**
   * Buffer around the reachable network, metres; default 50.
   */
  bufferM?: number | null;
  /**
   * The origin is off the network (no polygon, a warning) when farther
   * than this from it, metres; default 250 (as accessibility).
   */
  maxSnapM?: MetresOrZero | null;
  /**
   * Walking-time limits in minutes; default 5, 10, 15.
   */
  minutes?: MinuteLimits | null;
  /**
   * Start: `[lon, lat]` or `{ facilityId }` (required).
   */
  origin?: IsochroneOrigin | null;
  /**
   * Walking speed, m/s; default 5 km/h (1.389 m/s).
   */
  walkSpeedMps?: MetresPerSecond | null;
}
/**
 * A GeoJSON FeatureCollection of one kind.
 */
export interface LayerCollection {
  /**
   * Its features, in input order.
   */
  features: LayerFeature[];
  /**
   * Always `"FeatureCollection"`.
   */
  type: string;
}
/**
 * One feature of a layer.
 */
export interface LayerFeature {
  /**
   * Its geometry, lon/lat.
   */
  geometry: LayerGeometry;
  /**
   * Its properties.
   */
  properties: LayerProperties;
  /**
   * Always `"Feature"`.
   */
  type: string;
}
/**
 * What a layer feature says about itself (absent members are omitted).
 */
export interface LayerProperties {
  /**
   * Facility or destination category.
   */
  category?: string;
  /**
   * Index of the input feature (over all sources); absent for a site
   * synthesised from the buildings.
   */
  featureIndex?: number;
  /**
   * Floors of a building, when known.
   */
  floors?: number;
  /**
   * Where a green area lies (`ground`, `roof`, `vertical`, ...).
   */
  greenType?: string;
  /**
   * Households of a building (given or estimated).
   */
  households?: number;
  /**
   * The feature's id.
   */
  id?: string;
  /**
   * The layer's kind (`building`, `facility`, ...).
   */
  kind: string;
  /**
   * Transit mode of a line (`bus`, `metro`, ...).
   */
  mode?: string;
  /**
   * Its name (facilities, destinations, boundaries).
   */
  name?: string;
  /**
   * Building use (`residential`, `commercial`, `public`, `mixed`, `other`).
   */
  use?: string;
  /**
   * Whether a road is walkable.
   */
  walkable?: boolean;
}
/**
 * Every layer of a community.
 */
export interface Layers {
  /**
   * The sites (boundaries, or the one synthesised from the buildings).
   */
  boundary: LayerCollection;
  /**
   * Buildings.
   */
  building: LayerCollection;
  /**
   * Gated compounds.
   */
  compound: LayerCollection;
  /**
   * City destinations (30-minute circle).
   */
  destination: LayerCollection;
  /**
   * Facilities, as points.
   */
  facility: LayerCollection;
  /**
   * Gates of gated compounds.
   */
  gate: LayerCollection;
  /**
   * Green areas.
   */
  green: LayerCollection;
  /**
   * Roads and paths.
   */
  road: LayerCollection;
  /**
   * Transit lines.
   */
  transitLine: LayerCollection;
  /**
   * Transit stops.
   */
  transitStop: LayerCollection;
}
/**
 * Options of `layers()`.
 */
export interface LayersOptions {
  /**
   * Each layer as JSON text instead of an object.
   */
  text?: boolean;
}
/**
 * What was used for one line.
 */
export interface LineInfo {
  /**
   * Source feature index.
   */
  featureIndex: number;
  /**
   * Headway used, minutes.
   */
  headwayMin: number;
  /**
   * Line id, if any.
   */
  id: string | null;
  /**
   * Length of all parts, metres.
   */
  lengthM: number;
  /**
   * Mode (lowercase).
   */
  mode: string;
  /**
   * `"line"` when both values came from the feature, `"mode"` when at
   * least one came from the mode table, `"other"` from `otherMode`.
   */
  parametersFrom: string;
  /**
   * Speed used, km/h.
   */
  speedKmh: number;
  /**
   * Number of stops.
   */
  stops: number;
  /**
   * `"transitStop"` or `"vertices"` (no stop was given).
   */
  stopsFrom: string;
}
/**
 * Speed and headway of a transit mode (or of one line).
 */
export interface ModeParams {
  /**
   * Time between vehicles, minutes (the wait is half of it).
   */
  headwayMin: number;
  /**
   * Average running speed including stops, km/h.
   */
  speedKmh: number;
}
/**
 * Size and connectivity of a network.
 */
export interface NetworkSummary {
  /**
   * Number of connected components.
   */
  components: number;
  /**
   * Number of edges.
   */
  edges: number;
  /**
   * Edges in the largest component.
   */
  largestComponentEdges: number;
  /**
   * Total edge length of the largest component, metres.
   */
  largestComponentLengthM: number;
  /**
   * Nodes in the largest component.
   */
  largestComponentNodes: number;
  /**
   * Number of nodes.
   */
  nodes: number;
  /**
   * Total edge length, metres.
   */
  totalLengthM: number;
}
/**
 * The whole profile document.
 */
export interface ProfileDocument {
  /**
   * Optional pointer to the JSON Schema (ignored).
   */
  $schema?: string;
  /**
   * Caller-declared attributes, by name.
   */
  attributes: {
    [k: string]: AttributeDef;
  };
  /**
   * What the profile evaluates and how far it can be trusted.
   */
  description?: BilingualText;
  /**
   * What the score is and is not (copied into every report), e.g. that it
   * is this tool's reading of published rules, not an official acceptance score.
   */
  disclaimer?: BilingualText;
  /**
   * Grade bands for the overall score.
   */
  grading: Grading;
  /**
   * Identifier: lowercase letters, digits and `-`.
   */
  id: string;
  /**
   * The indicators.
   */
  indicators: ProfileIndicator[];
  /**
   * Display name.
   */
  name: BilingualText;
  /**
   * Parameters for metric producers, by name.
   */
  parameters: {
    [k: string]: ProfileParameter;
  };
  /**
   * The scenarios indicators are grouped in.
   */
  scenarios: ProfileScenario[];
  /**
   * Citations by key.
   */
  sources: {
    [k: string]: ProfileSource;
  };
  /**
   * Version of this profile document.
   */
  version: string;
}
/**
 * One indicator of a profile.
 */
export interface ProfileIndicator {
  /**
   * Binding (约束性) or guidance (引导性).
   */
  binding: Binding;
  /**
   * Why it is binding; a `constraint` must name a basis other than `none`.
   */
  bindingBasis?: BindingBasis;
  /**
   * Explanation template; `{value}`, `{target}`, `{unit}` and `{score}`
   * are replaced by the formatted numbers.
   */
  explanation: BilingualText;
  /**
   * Unique id within the profile.
   */
  id: string;
  /**
   * Display label.
   */
  label: BilingualText;
  /**
   * The metric key it reads (see `super::metric`).
   */
  metric: string;
  /**
   * Provenance, proxies and caveats.
   */
  note?: BilingualText;
  /**
   * Id of one of the profile's scenarios.
   */
  scenario: ScenarioId;
  /**
   * How the value is scored.
   */
  scoring: Scoring;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * Target for any project type (absent: no official target, or only
   * project-type specific ones).
   */
  target?: Target;
  /**
   * Targets that replace `target` for one project type.
   */
  targetByProjectType?: TargetsByProjectType;
  /**
   * Unit of the metric value.
   */
  unit: IndicatorUnit;
  /**
   * Whether every number of this indicator was checked against its source.
   */
  verified: boolean;
  /**
   * Positive weight within its scenario.
   */
  weight: number;
}
/**
 * One band of a `bands` scoring rule. Exactly one of `min` or `max` is set,
 * the same one in every band of a rule.
 */
export interface ScoreBand {
  /**
   * Matches values `<= max` (lower is better; bands listed by `max` ascending).
   */
  max?: number;
  /**
   * Matches values `>= min` (higher is better; bands listed by `min` descending).
   */
  min?: number;
  /**
   * Score 0–100 given by this band.
   */
  score: number;
}
/**
 * Targets that replace the default for one project type.
 */
export interface TargetsByProjectType {
  /**
   * Target for 规划新建 projects.
   */
  newBuild?: Target;
  /**
   * Target for 改造更新 projects.
   */
  renovation?: Target;
}
/**
 * A named parameter that metric producers read (for example the roof-green
 * factor of the green ratio), with its provenance.
 */
export interface ProfileParameter {
  /**
   * Why this value, and what is uncertain about it.
   */
  note?: BilingualText;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * Unit of a numeric value, free text (e.g. `m/s`).
   */
  unit?: string;
  /**
   * The value.
   */
  value: ParameterValue;
  /**
   * Whether the value was checked against the cited text.
   */
  verified: boolean;
}
/**
 * One of the 9 scenarios, with its weight in the overall score.
 */
export interface ProfileScenario {
  /**
   * One of `SCENARIO_IDS`.
   */
  id: ScenarioId;
  /**
   * Display name.
   */
  name: BilingualText;
  /**
   * For which project types and tiers the scenario is required (标配);
   * absent: required for every project. Where it is not required it is
   * optional (选配): reported and scored on its own, but left out of the
   * overall score and of completeness.
   */
  requiredFor?: ScenarioRequirement;
  /**
   * Positive weight in the overall score.
   */
  weight: number;
}
/**
 * When a scenario is required, with the rule's provenance.
 */
export interface ScenarioRequirement {
  /**
   * Provenance and caveats.
   */
  note?: BilingualText;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * Whether the rule was checked against the cited text.
   */
  verified: boolean;
  /**
   * The cases that require it; an empty list makes the scenario optional
   * for every project.
   */
  when: RequirementCase[];
}
/**
 * One case of a `Requirement`: a project type and / or tier (absent = any).
 */
export interface RequirementCase {
  /**
   * The project type, or any.
   */
  projectType?: ProjectType;
  /**
   * The tier, or any.
   */
  tier?: Tier;
}
/**
 * A citation that numbers in the profile refer to by key.
 */
export interface ProfileSource {
  /**
   * What was (and was not) checked in it.
   */
  note?: string;
  /**
   * Title of the document or page.
   */
  title: string;
  /**
   * Where it was read, when it has an address.
   */
  url?: string;
}
/**
 * The whole profile document.
 */
export interface ProfileDocumentInput {
  /**
   * Optional pointer to the JSON Schema (ignored).
   */
  $schema?: string | null;
  /**
   * Caller-declared attributes, by name.
   */
  attributes?: {
    [k: string]: AttributeDefInput;
  };
  /**
   * What the profile evaluates and how far it can be trusted.
   */
  description?: BilingualText | null;
  /**
   * What the score is and is not (copied into every report), e.g. that it
   * is this tool's reading of published rules, not an official acceptance score.
   */
  disclaimer?: BilingualText | null;
  /**
   * Grade bands for the overall score.
   */
  grading: GradingInput;
  /**
   * Identifier: lowercase letters, digits and `-`.
   */
  id: string;
  /**
   * The indicators.
   */
  indicators: ProfileIndicatorInput[];
  /**
   * Display name.
   */
  name: BilingualText;
  /**
   * Parameters for metric producers, by name.
   */
  parameters?: {
    [k: string]: ProfileParameterInput;
  };
  /**
   * The scenarios indicators are grouped in.
   */
  scenarios: ProfileScenarioInput[];
  /**
   * Citations by key.
   */
  sources: {
    [k: string]: ProfileSourceInput;
  };
  /**
   * Version of this profile document.
   */
  version: string;
}
/**
 * One indicator of a profile.
 */
export interface ProfileIndicatorInput {
  /**
   * Binding (约束性) or guidance (引导性).
   */
  binding: Binding;
  /**
   * Why it is binding; a `constraint` must name a basis other than `none`.
   */
  bindingBasis?: BindingBasis | null;
  /**
   * Explanation template; `{value}`, `{target}`, `{unit}` and `{score}`
   * are replaced by the formatted numbers.
   */
  explanation: BilingualText;
  /**
   * Unique id within the profile.
   */
  id: string;
  /**
   * Display label.
   */
  label: BilingualText;
  /**
   * The metric key it reads (see `super::metric`).
   */
  metric: string;
  /**
   * Provenance, proxies and caveats.
   */
  note?: BilingualText | null;
  /**
   * Id of one of the profile's scenarios.
   */
  scenario: ScenarioId;
  /**
   * How the value is scored.
   */
  scoring: Scoring;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * Target for any project type (absent: no official target, or only
   * project-type specific ones).
   */
  target?: TargetInput | null;
  /**
   * Targets that replace `target` for one project type.
   */
  targetByProjectType?: TargetsByProjectTypeInput;
  /**
   * Unit of the metric value.
   */
  unit: IndicatorUnit;
  /**
   * Whether every number of this indicator was checked against its source.
   */
  verified: boolean;
  /**
   * Positive weight within its scenario.
   */
  weight: number;
}
/**
 * A target: `op` with `value`, or `between` with `min` and `max`.
 */
export interface TargetInput {
  /**
   * Upper bound (inclusive) for `between`.
   */
  max?: number | null;
  /**
   * Lower bound (inclusive) for `between`.
   */
  min?: number | null;
  /**
   * The comparison.
   */
  op: ComparisonOp;
  /**
   * Right-hand side for every operator except `between`.
   */
  value?: number | null;
  /**
   * The right-hand side is this metric's value instead of `value`, e.g.
   * `attributes.approvedFar` (the FAR of the approved plan); without it
   * the indicator is not assessed. In a report the resolved number is in
   * `value`.
   */
  valueFrom?: string | null;
}
/**
 * Targets that replace the default for one project type.
 */
export interface TargetsByProjectTypeInput {
  /**
   * Target for 规划新建 projects.
   */
  newBuild?: TargetInput | null;
  /**
   * Target for 改造更新 projects.
   */
  renovation?: TargetInput | null;
}
/**
 * A named parameter that metric producers read (for example the roof-green
 * factor of the green ratio), with its provenance.
 */
export interface ProfileParameterInput {
  /**
   * Why this value, and what is uncertain about it.
   */
  note?: BilingualText | null;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * Unit of a numeric value, free text (e.g. `m/s`).
   */
  unit?: string | null;
  /**
   * The value.
   */
  value: ParameterValue;
  /**
   * Whether the value was checked against the cited text.
   */
  verified: boolean;
}
/**
 * One of the 9 scenarios, with its weight in the overall score.
 */
export interface ProfileScenarioInput {
  /**
   * One of `SCENARIO_IDS`.
   */
  id: ScenarioId;
  /**
   * Display name.
   */
  name: BilingualText;
  /**
   * For which project types and tiers the scenario is required (标配);
   * absent: required for every project. Where it is not required it is
   * optional (选配): reported and scored on its own, but left out of the
   * overall score and of completeness.
   */
  requiredFor?: ScenarioRequirementInput | null;
  /**
   * Positive weight in the overall score.
   */
  weight: number;
}
/**
 * When a scenario is required, with the rule's provenance.
 */
export interface ScenarioRequirementInput {
  /**
   * Provenance and caveats.
   */
  note?: BilingualText | null;
  /**
   * Keys into the profile's `sources`.
   */
  source: string[];
  /**
   * Whether the rule was checked against the cited text.
   */
  verified: boolean;
  /**
   * The cases that require it; an empty list makes the scenario optional
   * for every project.
   */
  when: RequirementCaseInput[];
}
/**
 * One case of a `Requirement`: a project type and / or tier (absent = any).
 */
export interface RequirementCaseInput {
  /**
   * The project type, or any.
   */
  projectType?: ProjectType | null;
  /**
   * The tier, or any.
   */
  tier?: Tier | null;
}
/**
 * A citation that numbers in the profile refer to by key.
 */
export interface ProfileSourceInput {
  /**
   * What was (and was not) checked in it.
   */
  note?: string | null;
  /**
   * Title of the document or page.
   */
  title: string;
  /**
   * Where it was read, when it has an address.
   */
  url?: string | null;
}
/**
 * Summary of a profile for listings.
 */
export interface ProfileInfo {
  /**
   * Description, if any.
   */
  description: BilingualText | null;
  /**
   * Profile id.
   */
  id: string;
  /**
   * Number of indicators.
   */
  indicators: number;
  /**
   * Display name.
   */
  name: BilingualText;
  /**
   * Number of scenarios.
   */
  scenarios: number;
  /**
   * Profile version.
   */
  version: string;
}
/**
 * Everything a profile reads, so the caller computes only that.
 */
export interface ProfileRequirements {
  /**
   * Declared attributes read.
   */
  attributes: string[];
  /**
   * Coverage shares, in the order of the indicators that first read them
   * (a front end picks its default category from the first).
   */
  coverage: CoverageNeed[];
  /**
   * Categories whose `nearest.<category>.medianM` is read.
   */
  nearest: string[];
  /**
   * `siteMetrics.*` names.
   */
  siteMetrics: string[];
  /**
   * Travel circles read.
   */
  travelCircles: TravelCircle[];
}
/**
 * Two reports of the same site compared, indicator by indicator.
 */
export interface ReportDiff {
  /**
   * Completeness.
   */
  completeness: Change;
  /**
   * Grade id after.
   */
  gradeAfter: string | null;
  /**
   * Grade id before.
   */
  gradeBefore: string | null;
  /**
   * Indicators, in the second report's order, then any only in the first.
   */
  indicators: IndicatorDiff[];
  /**
   * Binding indicators failing in the second report but not the first.
   */
  newlyFailedBinding: string[];
  /**
   * Profile id of the second report.
   */
  profileAfter: string;
  /**
   * Profile id of the first report.
   */
  profileBefore: string;
  /**
   * Binding indicators failing in the first report but not the second.
   */
  resolvedBinding: string[];
  /**
   * Whether both used the same profile id and version.
   */
  sameProfile: boolean;
  /**
   * Scenarios, in the second report's order, then any only in the first.
   */
  scenarios: ScenarioDiff[];
  /**
   * The overall score.
   */
  score: Change;
}
/**
 * The scenario scores compared.
 */
export interface ScenarioDiff {
  /**
   * Scenario id.
   */
  id: ScenarioId;
  /**
   * The scenario score.
   */
  score: Change;
}
/**
 * One band of a `bands` scoring rule. Exactly one of `min` or `max` is set,
 * the same one in every band of a rule.
 */
export interface ScoreBandInput {
  /**
   * Matches values `<= max` (lower is better; bands listed by `max` ascending).
   */
  max?: number | null;
  /**
   * Matches values `>= min` (higher is better; bands listed by `min` descending).
   */
  min?: number | null;
  /**
   * Score 0–100 given by this band.
   */
  score: number;
}
/**
 * Options of `community.serviceAreas(...)`.
 */
export interface ServiceAreaOptions {
  /**
   * Largest gap between a polygon arc and the true buffer circle, metres;
   * default 1 (raised to `bufferM` × 1.3e-4 if smaller). Polygons contain
   * every point within `bufferM − 1.5 × arcToleranceM` of the reachable
   * network and nothing farther than `bufferM + arcToleranceM / 2`.
   * Smaller = more vertices.
   */
  arcToleranceM?: number | null;
  /**
   * Buffer around the reachable network, metres; default 50.
   */
  bufferM?: number | null;
  /**
   * Facility category (required).
   */
  category?: string;
  /**
   * Facilities farther than this from the network are left out, metres;
   * default 250.
   */
  maxSnapM?: MetresOrZero | null;
  /**
   * Walking-time limits in minutes; default 5, 10, 15.
   */
  minutes?: MinuteLimits | null;
  /**
   * Walking speed, m/s; default 5 km/h.
   */
  walkSpeedMps?: MetresPerSecond | null;
}
/**
 * One site as listed in the summary.
 */
export interface SiteInfo {
  /**
   * Source feature index (`null` when synthesised from the buildings).
   */
  featureIndex: number | null;
  /**
   * Boundary id, if any.
   */
  id: string | null;
  /**
   * Boundary name, if any.
   */
  name: string | null;
}
/**
 * Site metrics together with the site they describe.
 */
export interface SiteMetrics {
  /**
   * Buildings whose centroid lies in the site.
   */
  buildingCount: number;
  /**
   * Building density (建筑密度) = union of the footprints / site area,
   * within 0..=1.
   */
  buildingDensity: number | null;
  /**
   * Green area counted by the policy: ground + roof × its factor (by soil
   * depth) + vertical × factor, m².
   */
  countedGreenM2: number;
  /**
   * Plot ratio (容积率) = floor area / site area.
   */
  far: number | null;
  /**
   * Declared floor area left out of the policy FAR (the exemptions the
   * profile allows for the project type), m².
   */
  farExemptM2: number;
  /**
   * Gross floor area, m² (explicit, else footprint × floors).
   */
  floorAreaM2: number;
  /**
   * Sum of their footprints, m² (overlaps not removed; building density
   * counts the union).
   */
  footprintM2: number;
  /**
   * Plain green ratio (绿地率) = ground green / site area.
   */
  greenRatio: number | null;
  /**
   * Ground green inside the site (union, clipped), m².
   */
  groundGreenM2: number;
  /**
   * Households in the site's buildings.
   */
  households: number;
  /**
   * Tallest building (explicit height, else floors × storey height), m.
   */
  maxBuildingHeightM: number | null;
  /**
   * Policy plot ratio = (floor area − `far_exempt_m2`) / site area.
   */
  policyFar: number | null;
  /**
   * Policy green ratio = counted green (roof and vertical at the
   * profile's factors) / site area.
   */
  policyGreenRatio: number | null;
  /**
   * Residents in the site's buildings.
   */
  population: number;
  /**
   * Public ground green inside the site, m².
   */
  publicGreenM2: number;
  /**
   * Public green per resident, m².
   */
  publicGreenPerCapitaM2: number | null;
  /**
   * Roof green in the site before the factor, m².
   */
  roofGreenM2: number;
  /**
   * Service facilities in the site with no `floor_area_m2` (not counted).
   */
  serviceFacilitiesWithoutArea: number;
  /**
   * Floor area of community service facilities in the site, m².
   */
  serviceFloorAreaM2: number;
  /**
   * Community service floor area per 100 households, m²; `null` when
   * there are no households or some service facility lacks its floor area.
   */
  serviceFloorAreaPer100HouseholdsM2: number | null;
  /**
   * The site.
   */
  site: SiteInfo;
  /**
   * Site (boundary) area, m².
   */
  siteAreaM2: number;
  /**
   * Vertical greening in the site before the factor, m².
   */
  verticalGreenM2: number;
  /**
   * Problems met while computing.
   */
  warnings: Warning[];
}
/**
 * Options of `Community::site_metrics`.
 */
export interface SiteMetricsOptions {
  /**
   * Policy parameters; `None` uses the caller's default (a profile's).
   */
  params?: SiteParams | null;
  /**
   * The project type (decides the renovation-only FAR exemptions);
   * overrides `params.projectType`.
   */
  projectType?: ProjectType | null;
  /**
   * Which site (default: the first).
   */
  site?: SiteRef | null;
}
/**
 * Policy parameters of the site indicators (they come from a profile).
 */
export interface SiteParams {
  /**
   * Kinds of declared floor area (`far_exempt_reason`) left out of the
   * policy FAR in every project.
   */
  farExemptReasons?: FarExemptReason[];
  /**
   * Kinds left out of the policy FAR in renovation projects only.
   */
  farExemptReasonsRenovation?: FarExemptReason[];
  /**
   * The project type, which decides the renovation-only exemptions
   * (`None`: they count in FAR, with a warning when any is declared).
   */
  projectType?: ProjectType | null;
  /**
   * Factor at which roof green counts toward the green ratio (0..1),
   * used when `roof_green_soil_factors` is empty.
   */
  roofGreenFactor?: number;
  /**
   * Factors by soil depth for roof and over-basement green (the deepest
   * band first): a green counts at the factor of the first band whose
   * `minDepthM` its `soil_depth_m` reaches; shallower than every band, or
   * without a soil depth, it counts 0.
   */
  roofGreenSoilFactors?: SoilFactor[];
  /**
   * Facility categories whose floor area counts as community service rooms.
   */
  serviceCategories?: string[];
  /**
   * Storey height used to estimate building heights from floors (m).
   */
  storeyHeightM?: number;
  /**
   * Factor at which vertical greening counts toward the green ratio (0..1).
   */
  verticalGreenFactor?: number;
}
/**
 * One band of a soil-depth factor table.
 */
export interface SoilFactor {
  /**
   * Share 0..1 of the area that counts.
   */
  factor: number;
  /**
   * Smallest soil depth of the band, m.
   */
  minDepthM: number;
}
/**
 * Where one source's features are in the dataset.
 */
export interface SourceInfo {
  /**
   * The collection's own top-level `attribution` (a string, or a list
   * of strings joined with `; `): the data credit to show with results.
   */
  attribution: string | null;
  /**
   * Its coordinate system (as given or assumed).
   */
  crs: Crs;
  /**
   * Members of its `features` array (POIs of a place-search reply).
   */
  featureCount: number;
  /**
   * Dataset feature index of its first feature: feature `i` of this
   * source is dataset feature `firstFeatureIndex + i`.
   */
  firstFeatureIndex: number;
  /**
   * The format it was read as.
   */
  format: SourceFormat;
  /**
   * The source's name, if given.
   */
  name: string | null;
  /**
   * The collection's own top-level `name` (a GeoJSON file's title).
   */
  title: string | null;
}
/**
 * What a source says besides its `data`.
 */
export interface SourceMeta {
  /**
   * Its coordinate system (default: the options' `crs`).
   */
  crs?: Crs | null;
  /**
   * `geojson`, `amap`, `baidu`, `csv`, `shapefile` (detected when absent).
   */
  format?: SourceFormat | null;
  /**
   * A name for messages (a file name).
   */
  name?: string | null;
}
/**
 * Counts of what was read.
 */
export interface Summary {
  /**
   * `[minLon, minLat, maxLon, maxLat]` of everything read, if anything.
   *
   * @minItems 4
   * @maxItems 4
   */
  bbox: [number, number, number, number] | null;
  /**
   * Buildings by use.
   */
  buildingsByUse: {
    [k: string]: number;
  };
  /**
   * Facilities by category.
   */
  categories: {
    [k: string]: number;
  };
  /**
   * Items by kind (`boundary`, `building`, `facility`, `road`, ...).
   */
  counts: {
    [k: string]: number;
  };
  /**
   * Features in the input.
   */
  featureCount: number;
  /**
   * The sites (boundaries) that will be evaluated.
   */
  sites: SiteInfo[];
  /**
   * Where each source's features are (one entry for `fromGeoJSON`).
   */
  sources: SourceInfo[];
  /**
   * The warnings grouped by code: how many, the first few features.
   */
  warningGroups: WarningGroup[];
  /**
   * Everything skipped, estimated or repaired while reading.
   */
  warnings: Warning[];
}
/**
 * Warnings of one code, counted (hundreds of `UNCLASSIFIED_FEATURE`
 * become one line).
 */
export interface WarningGroup {
  /**
   * The code.
   */
  code: string;
  /**
   * How many warnings have it.
   */
  count: number;
  /**
   * Feature indices of the first few (at most `GROUP_FEATURES`).
   */
  featureIndices: number[];
  /**
   * The first message, as an example.
   */
  message: string;
}
/**
 * Public transport options.
 */
export interface TransitOptions {
  /**
   * Use the transit lines (default true); false = walking only.
   */
  enabled?: boolean | null;
  /**
   * Straight walks between an off-network point and a stop, metres;
   * default 400.
   */
  maxStraightWalkM?: number | null;
  /**
   * Speed and headway per mode, merged over `DEFAULT_MODES`.
   */
  modes?: {
    [k: string]: ModeParams;
  } | null;
  /**
   * For modes not in the table; default `DEFAULT_OTHER_MODE`.
   */
  otherMode?: ModeParams | null;
  /**
   * Stops without a `line` serve lines within this, metres; default 30.
   */
  stopDistanceM?: number | null;
  /**
   * Straight walks between stops up to this, metres; default 100.
   */
  transferWalkM?: number | null;
}
/**
 * The transit model as used.
 */
export interface TransitSummary {
  /**
   * Where the default mode values come from.
   */
  defaultsSource: string;
  /**
   * Whether transit was used.
   */
  enabled: boolean;
  /**
   * Every line with the speed, headway and stops used.
   */
  lines: LineInfo[];
  /**
   * `maxStraightWalkM` used.
   */
  maxStraightWalkM: number;
  /**
   * The mode table used.
   */
  modes: {
    [k: string]: ModeParams;
  };
  /**
   * The values for other modes.
   */
  otherMode: ModeParams;
  /**
   * `stopDistanceM` used.
   */
  stopDistanceM: number;
  /**
   * `transferWalkM` used.
   */
  transferWalkM: number;
}
/**
 * Options of `community.travelCircles(...)`.
 */
export interface TravelCircleOptions {
  /**
   * The 5-minute circle.
   */
  bus?: CircleSpec | null;
  /**
   * The 30-minute circle.
   */
  destinations?: DestinationSpec | null;
  /**
   * Snapping limit, metres; default 250.
   */
  maxSnapM?: MetresOrZero | null;
  /**
   * The 10-minute circle.
   */
  metro?: CircleSpec | null;
  /**
   * Public transport.
   */
  transit?: TransitOptions | null;
  /**
   * Walking speed, m/s; default 5 km/h.
   */
  walkSpeedMps?: MetresPerSecond | null;
}
/**
 * The result of `travelCircles`.
 */
export interface TravelCircles {
  /**
   * Per-building minutes.
   */
  buildings: CircleBuildings;
  /**
   * The 5-minute circle (metric `travelCircles.bus5min` = `share`).
   */
  bus5min: CircleResult;
  /**
   * The 30-minute circle (`travelCircles.destinations30min`).
   */
  destinations30min: CircleResult;
  /**
   * Snapping limit used, metres.
   */
  maxSnapM: number;
  /**
   * The 10-minute circle (`travelCircles.metro10min`).
   */
  metro10min: CircleResult;
  /**
   * Limits used, minutes, by circle key.
   */
  thresholds: {
    [k: string]: number;
  };
  /**
   * The transit model used.
   */
  transit: TransitSummary;
  /**
   * Walking speed used, m/s.
   */
  walkSpeedMps: number;
  /**
   * Problems met.
   */
  warnings: Warning[];
}
/**
 * The result of `travelTimeGrid`.
 */
export interface TravelTimeGrid {
  /**
   * `[west, south, east, north]` of the whole grid, degrees.
   *
   * @minItems 4
   * @maxItems 4
   */
  bbox: [number, number, number, number];
  /**
   * The facility category.
   */
  category: string;
  /**
   * Cell height, degrees of latitude.
   */
  cellLatDeg: number;
  /**
   * Cell width, degrees of longitude.
   */
  cellLonDeg: number;
  /**
   * Cell side, metres.
   */
  cellM: number;
  /**
   * The cells as GeoJSON, when asked for (`cells: true`).
   */
  cells?: CellCollection;
  /**
   * Number of columns (west → east).
   */
  cols: number;
  /**
   * Facilities of the category.
   */
  facilities: number;
  /**
   * Snapping limit used, metres.
   */
  maxSnapM: number;
  /**
   * Minutes per cell, `rows × cols`, row-major from the north-west
   * corner; `NaN` (JSON `null`) where unreachable.
   */
  minutes: number[];
  /**
   * Latitude of the grid's north-west corner.
   */
  originLat: number;
  /**
   * Longitude of the grid's north-west corner.
   */
  originLon: number;
  /**
   * Of which within `maxSnapM` of the network (the search sources).
   */
  reachableFacilities: number;
  /**
   * Number of rows (north → south).
   */
  rows: number;
  /**
   * Walking speed used, m/s.
   */
  walkSpeedMps: number;
  /**
   * Problems met.
   */
  warnings: Warning[];
}
/**
 * Options of `community.twoStepFca(...)`.
 */
export interface TwoStepFcaOptions {
  /**
   * Catchment d0, metres (required unless `catchment_min` is given).
   */
  catchmentM?: Metres | null;
  /**
   * Catchment in minutes at `walk_speed_mps`.
   */
  catchmentMin?: Minutes | null;
  /**
   * The facility category (supply = each facility's `capacity`, 1 when
   * not given).
   */
  category: string;
  /**
   * Weights f(d) inside the catchment; none = plain 2SFCA (f = 1),
   * `{ "type": "e2sfca" }` = enhanced 2SFCA.
   */
  decay?: Decay | null;
  /**
   * Demand weight; default households.
   */
  demand?: Demand | null;
  /**
   * Maximum snapping distance, metres; default 250.
   */
  maxSnapM?: MetresOrZero | null;
  /**
   * Edge (default) or node snapping.
   */
  snap?: SnapMode | null;
  /**
   * Walking speed for `catchment_min`, m/s; default 5 km/h.
   */
  walkSpeedMps?: MetresPerSecond | null;
}
/**
 * The `community.twoStepFca` result.
 */
export interface TwoStepFcaResult {
  /**
   * Per residential building.
   */
  buildings: FcaBuilding[];
  /**
   * Catchment d0, metres.
   */
  catchmentM: number;
  /**
   * The category.
   */
  category: string;
  /**
   * Demand weighting used.
   */
  demand: Demand;
  /**
   * Per facility of the category.
   */
  facilities: FcaFacility[];
  /**
   * Warnings (network construction and this query).
   */
  warnings: Warning[];
}
