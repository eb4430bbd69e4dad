//! # future-community
//!
//! Neighbourhood evaluation indicators and walking accessibility computed
//! from GeoJSON, for Zhejiang/Hangzhou "future community" (未来社区) pilots
//! and the national life-circle standards, entirely client-side.
//!
//! The crate is a pure-Rust core (every module except `bindings`) plus one
//! thin WebAssembly binding layer. Data flows one way:
//!
//! ```text
//! GeoJSON text -> input (parse, classify, CRS, validate) -> model::Dataset
//!   -> geodesy -> site indicators -> network -> accessibility -> evaluation
//! ```
//!
//! Coordinates are WGS84 lon/lat; every distance and area is geodesic metres
//! on the WGS84 ellipsoid.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::todo)
)]

pub mod access;
pub mod categories;
pub mod community;
pub mod decode;
pub mod edits;
pub mod error;
pub mod evaluation;
pub mod feature_info;
pub mod geodesy;
pub mod input;
pub mod isochrone;
pub mod layers;
pub mod messages;
pub mod model;
pub mod network;
pub mod option_text;
pub mod overlap;
pub mod profile;
pub mod query;
pub mod site;
pub mod site_index;
mod spatial;
#[cfg(test)]
mod test_rng;
pub mod units;

pub mod bindings;

pub use community::Community;
pub use error::{Error, Result, Warning};

/// The crate version (from Cargo.toml).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
