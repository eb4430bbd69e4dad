//! The JavaScript API: every `#[wasm_bindgen]` item of the crate lives here.
//!
//! This module only converts JS values to core types, calls the core and maps
//! core errors to thrown JS `Error`s carrying `code` and `featureIndex`.

use wasm_bindgen::prelude::*;

/// The library version, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = version)]
pub fn js_version() -> String {
    crate::version().to_string()
}
