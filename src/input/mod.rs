//! Reading GeoJSON into the validated [`crate::model::Dataset`].

pub mod crs;
pub mod geojson;
pub mod geometry;
