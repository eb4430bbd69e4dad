//! Typed errors and warnings shared by the whole core.
//!
//! Every error has a stable machine-readable [`Error::code`] (SCREAMING_SNAKE
//! strings that JS callers branch on) and, where one feature is at fault, the
//! zero-based index of that feature in the input `features` array.
//! Recoverable problems never become errors: they are [`Warning`]s returned
//! alongside the result.

use serde::Serialize;

/// Result alias used throughout the core.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can make a call fail.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The input text is not valid JSON.
    #[error("invalid JSON at line {line}, column {column}: {reason}")]
    InvalidJson {
        /// 1-based line of the syntax error.
        line: usize,
        /// 1-based column of the syntax error.
        column: usize,
        /// What the parser found wrong.
        reason: String,
    },
    /// The JSON is valid but is not a GeoJSON FeatureCollection (or Feature).
    #[error("not a GeoJSON FeatureCollection: {reason}")]
    NotFeatureCollection {
        /// What was found instead.
        reason: String,
    },
    /// A feature's geometry is structurally invalid (wrong nesting, too few
    /// positions, non-numeric coordinates).
    #[error("feature {feature_index}: invalid geometry: {reason}")]
    InvalidGeometry {
        /// Index of the offending feature.
        feature_index: usize,
        /// Why it is invalid.
        reason: String,
    },
    /// A coordinate is NaN, infinite, or outside lon [-180, 180] / lat [-90, 90].
    #[error("feature {feature_index}: coordinate out of range ({lon}, {lat}); expected WGS84 lon/lat degrees")]
    CoordinateOutOfRange {
        /// Index of the offending feature.
        feature_index: usize,
        /// The longitude (or x) found.
        lon: f64,
        /// The latitude (or y) found.
        lat: f64,
    },
    /// Coordinates look like projected metres (e.g. UTM or Web Mercator),
    /// not lon/lat degrees.
    #[error("feature {feature_index}: coordinates ({x}, {y}) look projected (metres); reproject to WGS84 lon/lat first")]
    ProjectedCoordinates {
        /// Index of the offending feature.
        feature_index: usize,
        /// The x value found.
        x: f64,
        /// The y value found.
        y: f64,
    },
    /// An option has an invalid value.
    #[error("invalid option `{option}`: {reason}")]
    InvalidOption {
        /// The option name as the caller spells it (camelCase).
        option: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A profile document is invalid.
    #[error("invalid profile at `{path}`: {reason}")]
    InvalidProfile {
        /// JSON path of the offending value, e.g. `indicators[3].target.op`.
        path: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A named thing (profile, category, facility id) does not exist.
    #[error("unknown {what}: `{name}`")]
    NotFound {
        /// What kind of thing was looked up.
        what: &'static str,
        /// The name that was not found.
        name: String,
    },
    /// The input exceeds a configured limit (bytes, features, vertices).
    #[error("input too large: {what} = {actual} exceeds the limit {limit}")]
    LimitExceeded {
        /// Which quantity was exceeded.
        what: &'static str,
        /// The value found.
        actual: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The input has nothing to compute on (for example no buildings at all).
    #[error("nothing to compute: {reason}")]
    EmptyInput {
        /// What is missing.
        reason: String,
    },
    /// An error in one of several sources (`Community.fromSources`): the
    /// error itself, and which source it is in.
    #[error("source {source_index}{}: {inner}", name.as_ref().map(|n| format!(" (`{n}`)")).unwrap_or_default())]
    InSource {
        /// Index of the source in the list.
        source_index: usize,
        /// Its name, if given.
        name: Option<String>,
        /// The error (its feature index counts over all sources).
        inner: Box<Error>,
    },
    /// A map service's reply that reports an error instead of data (Amap
    /// `status: "0"`, Baidu `status` other than 0), e.g. a wrong key.
    #[error("the {service} reply{} is an error reply (status {status}): `{info}`", source_name.as_ref().map(|n| format!(" `{n}`")).unwrap_or_default())]
    ApiErrorReply {
        /// `Amap` or `Baidu`.
        service: &'static str,
        /// The source's name, if given.
        source_name: Option<String>,
        /// The reply's status.
        status: String,
        /// The reply's own explanation (Amap `info`, Baidu `message`).
        info: String,
    },
    /// A CSV source has no longitude or latitude column.
    #[error("no longitude/latitude columns in the CSV header ({header}); name them lng/lat, longitude/latitude, x/y or 经度/纬度")]
    CsvNoCoordinates {
        /// The header found.
        header: String,
    },
    /// No row of a CSV source has numeric coordinates.
    #[error("no row of the CSV has numeric coordinates in {columns} (lines {lines})")]
    CsvBadCoordinate {
        /// The first few offending lines (1-based, the header is line 1).
        lines: String,
        /// The coordinate columns.
        columns: String,
    },
    /// A source's data is in no format that can be read (yet).
    #[error("unsupported format: {reason}")]
    UnsupportedFormat {
        /// What was found.
        reason: String,
    },
    /// A zipped Shapefile that cannot be read: a missing part
    /// (`SHAPEFILE_MISSING_PART`), parts that disagree
    /// (`SHAPEFILE_RECORD_MISMATCH`), a truncated or corrupt part
    /// (`SHAPEFILE_CORRUPT`), a `.prj` of another coordinate system
    /// (`UNSUPPORTED_PRJ`), an archive that is not a readable zip
    /// (`INVALID_ARCHIVE`) or that unpacks to too much (`ARCHIVE_TOO_LARGE`).
    #[error("{reason}")]
    Shapefile {
        /// The code (one of those above).
        code: &'static str,
        /// What is wrong, naming the archive entry or layer.
        reason: String,
    },
    /// A fault of the library itself (please report it), never of the input.
    #[error("internal error: {reason}")]
    Internal {
        /// What went wrong.
        reason: String,
    },
}

impl Error {
    /// Stable machine-readable code, e.g. `"INVALID_JSON"`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidJson { .. } => "INVALID_JSON",
            Error::NotFeatureCollection { .. } => "NOT_FEATURE_COLLECTION",
            Error::InvalidGeometry { .. } => "INVALID_GEOMETRY",
            Error::CoordinateOutOfRange { .. } => "COORDINATE_OUT_OF_RANGE",
            Error::ProjectedCoordinates { .. } => "PROJECTED_COORDINATES",
            Error::InvalidOption { .. } => "INVALID_OPTION",
            Error::InvalidProfile { .. } => "INVALID_PROFILE",
            Error::NotFound { .. } => "NOT_FOUND",
            Error::LimitExceeded { .. } => "LIMIT_EXCEEDED",
            Error::EmptyInput { .. } => "EMPTY_INPUT",
            Error::Internal { .. } => "INTERNAL",
            Error::ApiErrorReply { .. } => "API_ERROR_REPLY",
            Error::UnsupportedFormat { .. } => "UNSUPPORTED_FORMAT",
            Error::Shapefile { code, .. } => code,
            Error::CsvNoCoordinates { .. } => "CSV_NO_COORDINATES",
            Error::CsvBadCoordinate { .. } => "CSV_BAD_COORDINATE",
            Error::InSource { inner, .. } => inner.code(),
        }
    }

    /// Index of the offending feature in the input, where one is at fault.
    pub fn feature_index(&self) -> Option<usize> {
        match self {
            Error::InvalidGeometry { feature_index, .. }
            | Error::CoordinateOutOfRange { feature_index, .. }
            | Error::ProjectedCoordinates { feature_index, .. } => Some(*feature_index),
            Error::InSource { inner, .. } => inner.feature_index(),
            _ => None,
        }
    }

    /// The source an error is in, with its index in the list (errors of
    /// `Community.fromSources` with several sources).
    pub fn source(&self) -> Option<usize> {
        match self {
            Error::InSource { source_index, .. } => Some(*source_index),
            _ => None,
        }
    }

    /// Shorthand for [`Error::InvalidOption`].
    pub fn option(option: &str, reason: impl Into<String>) -> Self {
        Error::InvalidOption {
            option: option.to_string(),
            reason: reason.into(),
        }
    }
}

/// A recoverable problem: the computation went on, but the caller should know.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    /// Stable machine-readable code, e.g. `"UNCLASSIFIED_FEATURE"`.
    pub code: &'static str,
    /// Human-readable explanation (English).
    pub message: String,
    /// Index of the feature concerned, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_index: Option<usize>,
    /// With several sources: the source of that feature (index in the list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<usize>,
    /// With several sources: the feature's index within its source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_feature_index: Option<usize>,
}

impl Warning {
    /// A warning about one feature.
    pub fn feature(code: &'static str, feature_index: usize, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            feature_index: Some(feature_index),
            source: None,
            source_feature_index: None,
        }
    }

    /// A warning about the input as a whole.
    pub fn global(code: &'static str, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            feature_index: None,
            source: None,
            source_feature_index: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_feature_index_is_kept() {
        let e = Error::InvalidGeometry {
            feature_index: 7,
            reason: "ring has 2 positions".into(),
        };
        assert_eq!(e.code(), "INVALID_GEOMETRY");
        assert_eq!(e.feature_index(), Some(7));
        assert!(e.to_string().contains("feature 7"));
        let o = Error::option("maxSnapM", "must be positive");
        assert_eq!(o.code(), "INVALID_OPTION");
        assert_eq!(o.feature_index(), None);
    }
}
