//! The native half of the `future_community` Python package: a thin pyo3
//! layer that converts, calls the core and maps errors. Results cross as
//! JSON text (parsed by `future_community/__init__.py`); errors become
//! `FutureCommunityError` with `code` and `feature_index`.
#![forbid(unsafe_code)]

use future_community::decode;
use future_community::evaluation::{self, DEFAULT_PROFILE};
use future_community::input::ReadOptions;
use future_community::option_text;
use future_community::profile::{self, EvalOptions, Profile};
use future_community::query::EvaluateQuery;
use future_community::{community, Error};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use serde::de::DeserializeOwned;

create_exception!(
    _native,
    FutureCommunityError,
    PyException,
    "A typed error of the core: `.code` (e.g. \"INVALID_JSON\") and `.feature_index` (or None)."
);

/// A core error as a Python exception.
fn py_err(py: Python<'_>, e: &Error) -> PyErr {
    let err = FutureCommunityError::new_err(e.to_string());
    let value = err.value(py);
    // Setting attributes on a fresh exception instance cannot fail in practice;
    // if it does, the exception still carries the message.
    let _ = value.setattr("code", e.code());
    let _ = value.setattr("feature_index", e.feature_index());
    let _ = value.setattr("source_index", e.source());
    err
}

fn fail<T>(py: Python<'_>, r: Result<T, Error>) -> PyResult<T> {
    r.map_err(|e| py_err(py, &e))
}

/// Decodes options given as JSON text, like the JS bindings decode objects.
fn options<T: DeserializeOwned + Default>(json: Option<&str>, what: &str) -> Result<T, Error> {
    let Some(text) = json else {
        return Ok(T::default());
    };
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Error::option(what, format!("not JSON: {e}")))?;
    decode::from_value(&v).map_err(|e| {
        let (option, sentence) = option_text::describe(&e.path(), e.message());
        Error::option(if option.is_empty() { what } else { &option }, sentence)
    })
}

fn to_json(v: &impl serde::Serialize) -> Result<String, Error> {
    serde_json::to_string(v).map_err(|e| Error::Internal {
        reason: format!("the result cannot be written as JSON: {e}"),
    })
}

/// A profile: a built-in id, a document as JSON text, or the default.
fn profile_arg(id: Option<&str>, doc: Option<&str>) -> Result<Profile, Error> {
    match (id, doc) {
        (_, Some(text)) => profile::load_profile(text),
        (Some(id), None) => profile::builtin(id),
        (None, None) => profile::builtin(DEFAULT_PROFILE),
    }
}

/// What `evaluate()` and `evaluate_all()` decode: the profile, the site
/// (`evaluate()` alone reads it), the evaluation options and whether
/// `evaluate_all()` keeps the full reports.
fn evaluate_inputs(
    profile_id: Option<&str>,
    profile_json: Option<&str>,
    options_json: Option<&str>,
) -> Result<(Profile, Option<community::SiteRef>, EvalOptions, bool), Error> {
    let p = profile_arg(profile_id, profile_json)?;
    let query = options::<EvaluateQuery>(options_json, "options")?;
    let keep = query.keep_reports();
    let (site, opts) = query.into_parts();
    Ok((p, site, opts, keep))
}

/// A loaded community (parsed, classified and indexed once).
#[pyclass(module = "future_community._native", frozen)]
struct NativeCommunity {
    inner: community::Community,
}

#[pymethods]
impl NativeCommunity {
    /// Reads GeoJSON text; `options_json` = the package's read options.
    #[staticmethod]
    #[pyo3(signature = (text, options_json=None))]
    fn from_geojson(py: Python<'_>, text: &str, options_json: Option<&str>) -> PyResult<Self> {
        let opts: ReadOptions = fail(py, options(options_json, "options"))?;
        let inner = fail(py, community::Community::from_geojson(text, &opts))?;
        Ok(NativeCommunity { inner })
    }

    /// Counts by kind and category, sites and warnings (JSON).
    fn summary(&self, py: Python<'_>) -> PyResult<String> {
        fail(py, to_json(&self.inner.summary()))
    }

    /// Site indicators (JSON).
    #[pyo3(signature = (options_json=None))]
    fn site_metrics(&self, py: Python<'_>, options_json: Option<&str>) -> PyResult<String> {
        let r = (|| {
            let q: community::SiteQuery = options(options_json, "options")?;
            let mut params = match q.params {
                Some(p) => p,
                None => evaluation::site_params(&profile::builtin(DEFAULT_PROFILE)?),
            };
            if q.project_type.is_some() {
                params.project_type = q.project_type;
            }
            to_json(&self.inner.site_metrics(q.site.as_ref(), &params)?)
        })();
        fail(py, r)
    }

    /// Accessibility in columns (JSON; `null` where unreachable).
    #[pyo3(signature = (options_json=None))]
    fn accessibility_columns(
        &self,
        py: Python<'_>,
        options_json: Option<&str>,
    ) -> PyResult<String> {
        let r = (|| {
            let opts = options(options_json, "options")?;
            let engine = self.inner.access_engine()?;
            to_json(&engine.accessibility_columns(&opts)?)
        })();
        fail(py, r)
    }

    /// Evaluates one site (JSON report).
    #[pyo3(signature = (profile_id=None, profile_json=None, options_json=None))]
    fn evaluate(
        &self,
        py: Python<'_>,
        profile_id: Option<&str>,
        profile_json: Option<&str>,
        options_json: Option<&str>,
    ) -> PyResult<String> {
        let r = evaluate_inputs(profile_id, profile_json, options_json).and_then(
            |(p, site, opts, _)| {
                to_json(&evaluation::evaluate_site(
                    &self.inner,
                    site.as_ref(),
                    &p,
                    &opts,
                )?)
            },
        );
        fail(py, r)
    }

    /// Evaluates and ranks every site (JSON comparison).
    #[pyo3(signature = (profile_id=None, profile_json=None, options_json=None))]
    fn evaluate_all(
        &self,
        py: Python<'_>,
        profile_id: Option<&str>,
        profile_json: Option<&str>,
        options_json: Option<&str>,
    ) -> PyResult<String> {
        let r = evaluate_inputs(profile_id, profile_json, options_json).and_then(
            |(p, _, opts, keep)| {
                to_json(&evaluation::evaluate_all_with(
                    &self.inner,
                    &p,
                    &opts,
                    keep,
                )?)
            },
        );
        fail(py, r)
    }

    /// The sites' names, in site order (JSON list).
    fn site_names(&self, py: Python<'_>) -> PyResult<String> {
        let names: Vec<Option<&str>> = self
            .inner
            .sites()
            .iter()
            .map(|s| s.name.as_deref())
            .collect();
        fail(py, to_json(&names))
    }
}

/// The built-in profiles (JSON list).
#[pyfunction]
fn profiles(py: Python<'_>) -> PyResult<String> {
    fail(py, to_json(&profile::builtin_profiles()))
}

/// A built-in profile document (JSON).
#[pyfunction]
fn profile_doc(py: Python<'_>, id: &str) -> PyResult<String> {
    let r = profile::builtin(id).and_then(|p| to_json(p.doc()));
    fail(py, r)
}

/// The core's version.
#[pyfunction]
fn version() -> &'static str {
    future_community::version()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add(
        "FutureCommunityError",
        m.py().get_type::<FutureCommunityError>(),
    )?;
    m.add_class::<NativeCommunity>()?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add_function(wrap_pyfunction!(profile_doc, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    Ok(())
}
