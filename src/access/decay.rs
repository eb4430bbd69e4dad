//! Distance-decay functions f(d) for gravity accessibility and 2SFCA.
//!
//! | `type` | f(d), d in metres | parameters | cutoff (f = 0 beyond) |
//! | --- | --- | --- | --- |
//! | `step` | 1 if d ≤ T else 0 | `thresholdM` = T | T |
//! | `linear` | max(0, 1 − d / T) | `thresholdM` = T | T |
//! | `exponential` | exp(−β d) | `betaPerM` = β, or `halfLifeM` = h (β = ln 2 / h); optional `cutoffM` | `cutoffM`, default ln(100) / β (f = 0.01) |
//! | `gaussian` | exp(−d² / (2σ²)) (PySAL `access` form) | `sigmaM` = σ; optional `cutoffM` | `cutoffM`, default σ √(2 ln 100) ≈ 3.03 σ (f = 0.01) |
//! | `steps` | w_i of the first step with d ≤ `upToM`_i | `steps`: `[{ upToM, weight }]`, ascending | last `upToM` |
//! | `e2sfca` | 1.0 / 0.68 / 0.22 in the first / second / last third of the catchment | none (2SFCA only) | the catchment |
//!
//! The `e2sfca` weights are Luo & Qi (2009)'s 0–10 / 10–20 / 20–30 minute
//! zones, PySAL `access`'s default, scaled to the catchment.

use serde::Deserialize;

/// Smallest positive step weight (use 0 for none).
pub const MIN_STEP_WEIGHT: f64 = 1e-6;

use crate::error::{Error, Result};

/// One step of a piecewise-constant decay.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecayStep {
    /// Upper bound of the step, metres (inclusive).
    pub up_to_m: f64,
    /// Weight within the step (0 ..= 1 is usual, any finite value >= 0 is allowed).
    pub weight: f64,
}

/// A distance-decay function (see the module table for the formulas).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(
    tag = "type",
    rename_all = "lowercase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Decay {
    /// 1 within `threshold_m`, 0 beyond.
    Step {
        /// Threshold, metres.
        threshold_m: f64,
    },
    /// Falls linearly from 1 at 0 m to 0 at `threshold_m`.
    Linear {
        /// Distance where the weight reaches 0, metres.
        threshold_m: f64,
    },
    /// exp(−β d).
    Exponential {
        /// β per metre (give this or `half_life_m`).
        beta_per_m: Option<f64>,
        /// Distance at which the weight halves, metres.
        half_life_m: Option<f64>,
        /// Weight is 0 beyond this distance; default where f = 0.01.
        cutoff_m: Option<f64>,
    },
    /// exp(−d² / (2σ²)).
    Gaussian {
        /// σ, metres.
        sigma_m: f64,
        /// Weight is 0 beyond this distance; default where f = 0.01.
        cutoff_m: Option<f64>,
    },
    /// Piecewise constant.
    Steps {
        /// Ascending steps.
        #[serde(deserialize_with = "crate::decode::objects")]
        steps: Vec<DecayStep>,
    },
    /// E2SFCA zones scaled to the 2SFCA catchment.
    E2sfca,
}

/// A validated decay ready to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kernel {
    Step(f64),
    Linear(f64),
    Exponential { beta: f64, cutoff: f64 },
    Gaussian { inv_two_sigma2: f64, cutoff: f64 },
    Steps(Vec<(f64, f64)>),
}

/// Weight below which the default exponential and gaussian cutoffs lie.
const TAIL_WEIGHT: f64 = 0.01;

fn positive(option: &str, name: &str, v: f64) -> Result<f64> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(Error::option(
            option,
            format!("`{name}` must be a positive number of metres, got {v}"),
        ))
    }
}

impl Decay {
    /// Validates the parameters. `catchment_m` is the 2SFCA catchment
    /// (needed by `e2sfca`); `option` names the option in error messages.
    pub(crate) fn kernel(&self, option: &str, catchment_m: Option<f64>) -> Result<Kernel> {
        Ok(match self {
            Decay::Step { threshold_m } => {
                Kernel::Step(positive(option, "thresholdM", *threshold_m)?)
            }
            Decay::Linear { threshold_m } => {
                Kernel::Linear(positive(option, "thresholdM", *threshold_m)?)
            }
            Decay::Exponential {
                beta_per_m,
                half_life_m,
                cutoff_m,
            } => {
                let beta = match (beta_per_m, half_life_m) {
                    (Some(b), None) => positive(option, "betaPerM", *b)?,
                    (None, Some(h)) => std::f64::consts::LN_2 / positive(option, "halfLifeM", *h)?,
                    _ => {
                        return Err(Error::option(
                            option,
                            "exponential decay needs exactly one of `betaPerM`, `halfLifeM`",
                        ))
                    }
                };
                let cutoff = match cutoff_m {
                    Some(c) => positive(option, "cutoffM", *c)?,
                    None => -TAIL_WEIGHT.ln() / beta,
                };
                Kernel::Exponential { beta, cutoff }
            }
            Decay::Gaussian { sigma_m, cutoff_m } => {
                let sigma = positive(option, "sigmaM", *sigma_m)?;
                let cutoff = match cutoff_m {
                    Some(c) => positive(option, "cutoffM", *c)?,
                    None => sigma * (-2.0 * TAIL_WEIGHT.ln()).sqrt(),
                };
                Kernel::Gaussian {
                    inv_two_sigma2: 1.0 / (2.0 * sigma * sigma),
                    cutoff,
                }
            }
            Decay::Steps { steps } => {
                if steps.is_empty() {
                    return Err(Error::option(option, "`steps` must not be empty"));
                }
                let mut prev = 0.0;
                for s in steps {
                    positive(option, "upToM", s.up_to_m)?;
                    if s.up_to_m <= prev {
                        return Err(Error::option(
                            option,
                            "`steps` must have strictly ascending `upToM`",
                        ));
                    }
                    // Weights are shares of full weight; a positive one too
                    // small to matter would overflow 2SFCA's ratios.
                    let w = s.weight;
                    if !(w == 0.0 || (MIN_STEP_WEIGHT..=1.0).contains(&w)) {
                        return Err(Error::option(
                            option,
                            format!(
                                "step weight must be 0 or within {MIN_STEP_WEIGHT}..=1, got {w}"
                            ),
                        ));
                    }
                    prev = s.up_to_m;
                }
                Kernel::Steps(steps.iter().map(|s| (s.up_to_m, s.weight)).collect())
            }
            Decay::E2sfca => {
                let c = catchment_m.ok_or_else(|| {
                    Error::option(
                        option,
                        "`e2sfca` weights are relative to a 2SFCA catchment; use `steps` here",
                    )
                })?;
                Kernel::Steps(vec![(c / 3.0, 1.0), (c * 2.0 / 3.0, 0.68), (c, 0.22)])
            }
        })
    }
}

impl Kernel {
    /// The weight at distance `d` metres (0 beyond the cutoff).
    pub(crate) fn weight(&self, d: f64) -> f64 {
        if d.is_nan() || d > self.cutoff() {
            return 0.0;
        }
        match self {
            Kernel::Step(_) => 1.0,
            Kernel::Linear(t) => (1.0 - d / t).max(0.0),
            Kernel::Exponential { beta, .. } => (-beta * d).exp(),
            Kernel::Gaussian { inv_two_sigma2, .. } => (-d * d * inv_two_sigma2).exp(),
            Kernel::Steps(steps) => steps.iter().find(|s| d <= s.0).map_or(0.0, |s| s.1),
        }
    }

    /// The distance beyond which the weight is 0, metres.
    pub(crate) fn cutoff(&self) -> f64 {
        match self {
            Kernel::Step(t) | Kernel::Linear(t) => *t,
            Kernel::Exponential { cutoff, .. } | Kernel::Gaussian { cutoff, .. } => *cutoff,
            Kernel::Steps(steps) => steps.last().map_or(0.0, |s| s.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Decay {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn formulas() {
        let k = parse(r#"{"type":"linear","thresholdM":1000}"#)
            .kernel("decay", None)
            .unwrap();
        assert_eq!(
            (
                k.weight(0.0),
                k.weight(250.0),
                k.weight(1000.0),
                k.weight(1001.0)
            ),
            (1.0, 0.75, 0.0, 0.0)
        );
        let k = parse(r#"{"type":"exponential","halfLifeM":400}"#)
            .kernel("decay", None)
            .unwrap();
        assert!((k.weight(400.0) - 0.5).abs() < 1e-12);
        assert!((k.weight(k.cutoff()) - 0.01).abs() < 1e-12);
        assert_eq!(k.weight(k.cutoff() * 1.0001), 0.0);
        let k = parse(r#"{"type":"gaussian","sigmaM":300}"#)
            .kernel("decay", None)
            .unwrap();
        assert!((k.weight(300.0) - (-0.5f64).exp()).abs() < 1e-12);
        assert!((k.cutoff() / 300.0 - 3.0349).abs() < 1e-3);
        let k = parse(r#"{"type":"step","thresholdM":500}"#)
            .kernel("decay", None)
            .unwrap();
        assert_eq!((k.weight(500.0), k.weight(500.1)), (1.0, 0.0));
        let k = parse(r#"{"type":"e2sfca"}"#)
            .kernel("decay", Some(900.0))
            .unwrap();
        assert_eq!(
            (
                k.weight(300.0),
                k.weight(301.0),
                k.weight(900.0),
                k.weight(901.0)
            ),
            (1.0, 0.68, 0.22, 0.0)
        );
        let k = parse(
            r#"{"type":"steps","steps":[{"upToM":100,"weight":1},{"upToM":200,"weight":0.5}]}"#,
        )
        .kernel("decay", None)
        .unwrap();
        assert_eq!(
            (k.weight(f64::NAN), k.weight(150.0), k.cutoff()),
            (0.0, 0.5, 200.0)
        );
    }

    #[test]
    fn invalid_parameters_are_option_errors() {
        for bad in [
            r#"{"type":"linear","thresholdM":0}"#,
            r#"{"type":"exponential","betaPerM":0.01,"halfLifeM":100}"#,
            r#"{"type":"exponential"}"#,
            r#"{"type":"gaussian","sigmaM":-1}"#,
            r#"{"type":"steps","steps":[]}"#,
            r#"{"type":"steps","steps":[{"upToM":200,"weight":1},{"upToM":100,"weight":1}]}"#,
            r#"{"type":"e2sfca"}"#,
        ] {
            let e = parse(bad).kernel("decay", None).unwrap_err();
            assert_eq!(e.code(), "INVALID_OPTION", "{bad}");
        }
        assert!(
            serde_json::from_str::<Decay>(r#"{"type":"linear","thresholdM":1,"x":2}"#).is_err()
        );
        assert!(serde_json::from_str::<Decay>(r#"{"type":"cubic"}"#).is_err());
    }
}
