//! The JavaScript API: every `#[wasm_bindgen]` item of the crate lives here.
//!
//! These modules only convert JS values to core types, call the core and
//! map core errors to thrown JS `Error`s carrying `code` and `featureIndex`
//! (`From<Error> for JsValue`, so `?` does the mapping). Results are plain
//! JS objects (maps become objects, `None` becomes `null`).
//!
//! - `convert`: JS values in (options decoded from the value itself, with
//!   paths in errors) and out (results, typed-array columns).
//! - `functions`: the free functions (`version`, `profiles`, ...).
//! - `community`: the `Community` class.

use wasm_bindgen::prelude::*;

mod community;
#[cfg(test)]
mod contract;
mod convert;
mod functions;
mod sources;
#[cfg(test)]
pub(crate) use contract::ScenarioIdSchema;

pub use community::Community;
pub use functions::*;

/// Declarations of every option and result, generated from the Rust types
/// (`contract.rs` writes their JSON Schema, `scripts/gen-types.mjs` turns it
/// into TypeScript).
#[wasm_bindgen(typescript_custom_section)]
const TS_GENERATED: &'static str = include_str!("generated.d.ts");

/// The hand-written rest: JS-side values, error codes, refined unions.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("bindings.d.ts");

/// With the `debug` feature, panics print a readable message and stack in
/// the browser console. Release builds do not install it: every input path
/// returns a typed error instead of panicking.
#[cfg(feature = "debug")]
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
