/** Coordinate system of the input. GCJ-02 (Amap/Tencent) and BD-09 (Baidu) are converted to WGS84. */
export type Crs = "wgs84" | "gcj02" | "bd09";

/** Stable machine-readable error codes carried by thrown errors as `error.code`. */
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
  | "EMPTY_INPUT";

/** The shape of every error this library throws. */
export interface FutureCommunityError extends Error {
  name: "FutureCommunityError";
  /** Machine-readable code to branch on. */
  code: ErrorCode;
  /** Index of the offending feature in `features`, when one is at fault. */
  featureIndex?: number;
}

/** A recoverable problem reported alongside a result. */
export interface Warning {
  /** Machine-readable code, e.g. "UNCLASSIFIED_FEATURE". */
  code: string;
  /** Human-readable explanation (English). */
  message: string;
  /** Index of the feature concerned, when one is. */
  featureIndex?: number;
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
  facilities: { category: string; any: TagClause[]; unless?: TagClause[] }[];
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
  /** Coordinate system of the input (default "wgs84"). */
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
}

/** Policy parameters of the site indicators (normally taken from a profile). */
export interface SiteParams {
  /** Factor at which roof green counts toward the green ratio (0..1). */
  roofGreenFactor?: number;
  /** Factor at which vertical greening counts toward the green ratio (0..1). */
  verticalGreenFactor?: number;
  /** Facility categories whose floor area counts as community service rooms. */
  serviceCategories?: string[];
  /** Storey height used to estimate building heights from floors (m). */
  storeyHeightM?: number;
}

/** Options of `siteMetrics()`. */
export interface SiteMetricsOptions {
  /** Site index (0-based) or boundary id; default the first site. */
  site?: number | string;
  /** Policy parameters; default from the built-in profile. */
  params?: SiteParams;
}

/** What `siteMetrics()` returns. Areas in geodesic m²; ratios 0..1; null where not computable. */
export interface SiteMetrics {
  site: SiteInfo;
  siteAreaM2: number;
  buildingCount: number;
  footprintM2: number;
  floorAreaM2: number;
  far: number | null;
  buildingDensity: number | null;
  groundGreenM2: number;
  roofGreenM2: number;
  verticalGreenM2: number;
  countedGreenM2: number;
  greenRatio: number | null;
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
