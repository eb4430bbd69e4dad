//! Targets and scoring rules: how one value becomes pass/fail and 0–100.
//!
//! Boundaries are exact and documented: `>=`, `<=` and `between` include
//! their bounds, `>` and `<` exclude them, `==` allows a relative difference
//! of 1e-9. A linear ramp scores 0 at `from` and 100 at `to`; a band with
//! `min` matches values `>= min`, one with `max` values `<= max`.

use super::schema::{Op, Scoring, Target};

/// Relative tolerance of `==`.
const EQ_TOLERANCE: f64 = 1e-9;

impl Target {
    /// Whether `value` meets the target. The target must be valid (checked
    /// when the profile is loaded); a malformed one is never met.
    pub fn is_met(&self, value: f64) -> bool {
        match (self.op, self.value, self.min, self.max) {
            (Op::Ge, Some(t), ..) => value >= t,
            (Op::Le, Some(t), ..) => value <= t,
            (Op::Gt, Some(t), ..) => value > t,
            (Op::Lt, Some(t), ..) => value < t,
            (Op::Eq, Some(t), ..) => (value - t).abs() <= EQ_TOLERANCE * t.abs().max(1.0),
            (Op::Between, _, Some(lo), Some(hi)) => lo <= value && value <= hi,
            _ => false,
        }
    }
}

impl Scoring {
    /// The 0–100 score of `value`. `target` is the target in force for this
    /// evaluation; `PassFail` without a target scores `None` (the profile
    /// validator rejects indicators where that could happen).
    pub fn score(&self, value: f64, target: Option<&Target>) -> Option<f64> {
        match self {
            Scoring::PassFail {} => target.map(|t| if t.is_met(value) { 100.0 } else { 0.0 }),
            Scoring::Linear { from, to } => {
                let span = to - from;
                if span == 0.0 {
                    return None;
                }
                Some(((value - from) / span).clamp(0.0, 1.0) * 100.0)
            }
            Scoring::Bands { bands } => Some(
                bands
                    .iter()
                    .find(|b| match (b.min, b.max) {
                        (Some(min), None) => value >= min,
                        (None, Some(max)) => value <= max,
                        _ => false,
                    })
                    .map_or(0.0, |b| b.score),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::ScoreBand;
    use super::*;

    fn t(op: Op, value: f64) -> Target {
        Target {
            op,
            value: Some(value),
            min: None,
            max: None,
            value_from: None,
        }
    }

    fn between(min: f64, max: f64) -> Target {
        Target {
            op: Op::Between,
            value: None,
            min: Some(min),
            max: Some(max),
            value_from: None,
        }
    }

    #[test]
    fn targets_at_and_around_each_boundary() {
        let eps = 1e-6;
        // Each comparison just below, at and just above its value.
        #[rustfmt::skip]
        let around: &[(Target, f64, [bool; 3])] = &[
            (t(Op::Ge, 100.0), 100.0, [false, true, true]),
            (t(Op::Gt, 0.9), 0.9, [false, false, true]),
            (t(Op::Le, 80.0), 80.0, [true, true, false]),
            (t(Op::Lt, 80.0), 80.0, [true, false, false]),
        ];
        for (target, at, wants) in around {
            for (value, want) in [at - eps, *at, at + eps].into_iter().zip(wants) {
                assert_eq!(target.is_met(value), *want, "{target:?} at {value}");
            }
        }
        #[rustfmt::skip]
        let cases: &[(Target, f64, bool)] = &[
            (t(Op::Eq, 1.0), 1.0, true),
            (t(Op::Eq, 1.0), 1.0 + 1e-12, true),
            (t(Op::Eq, 1.0), 1.0 - eps, false),
            (t(Op::Eq, 0.0), 0.0, true),
            (t(Op::Eq, 0.0), 1e-12, true),
            (t(Op::Eq, 0.0), 1e-6, false),
            (t(Op::Eq, 1e6), 1e6 + 1e-4, true),
            (t(Op::Eq, 1e6), 1e6 + 1e-2, false),
            (between(2.2, 2.8), 2.2 - eps, false),
            (between(2.2, 2.8), 2.2, true),
            (between(2.2, 2.8), 2.5, true),
            (between(2.2, 2.8), 2.8, true),
            (between(2.2, 2.8), 2.8 + eps, false),
            (t(Op::Ge, 0.0), -0.0, true),
            (t(Op::Ge, 1.0), f64::NAN, false),
        ];
        for (target, value, want) in cases {
            assert_eq!(target.is_met(*value), *want, "{target:?} at {value}");
        }
    }

    #[test]
    fn malformed_targets_are_never_met() {
        let no_value = Target {
            op: Op::Ge,
            value: None,
            min: Some(0.0),
            max: None,
            value_from: None,
        };
        assert!(!no_value.is_met(1.0));
        let half_between = Target {
            op: Op::Between,
            value: Some(1.0),
            min: Some(0.0),
            max: None,
            value_from: None,
        };
        assert!(!half_between.is_met(0.5));
    }

    #[test]
    fn pass_fail_scores_100_or_0() {
        let target = t(Op::Ge, 100.0);
        let rule = Scoring::PassFail {};
        assert_eq!(rule.score(99.999, Some(&target)), Some(0.0));
        assert_eq!(rule.score(100.0, Some(&target)), Some(100.0));
        assert_eq!(rule.score(150.0, Some(&target)), Some(100.0));
        assert_eq!(rule.score(150.0, None), None);
    }

    #[test]
    fn linear_ramp_at_and_around_its_ends() {
        let up = Scoring::Linear { from: 0.0, to: 1.0 };
        let down = Scoring::Linear {
            from: 1000.0,
            to: 300.0,
        };
        #[rustfmt::skip]
        let cases: &[(&Scoring, f64, f64)] = &[
            (&up, -0.5, 0.0),
            (&up, 0.0, 0.0),
            (&up, 0.000_001, 0.0001),
            (&up, 0.25, 25.0),
            (&up, 0.5, 50.0),
            (&up, 0.999_999, 99.9999),
            (&up, 1.0, 100.0),
            (&up, 1.5, 100.0),
            (&down, 1200.0, 0.0),
            (&down, 1000.0, 0.0),
            (&down, 650.0, 50.0),
            (&down, 300.0, 100.0),
            (&down, 0.0, 100.0),
        ];
        for (rule, value, want) in cases {
            let got = rule.score(*value, None).unwrap_or(f64::NAN);
            assert!(
                (got - want).abs() < 1e-9,
                "{rule:?} at {value}: {got} != {want}"
            );
        }
        assert_eq!(
            Scoring::Linear { from: 1.0, to: 1.0 }.score(1.0, None),
            None
        );
    }

    #[test]
    fn bands_at_and_around_each_edge() {
        let band_min = |min: f64, score: f64| ScoreBand {
            min: Some(min),
            max: None,
            score,
        };
        let band_max = |max: f64, score: f64| ScoreBand {
            min: None,
            max: Some(max),
            score,
        };
        let higher_better = Scoring::Bands {
            bands: vec![
                band_min(0.9, 100.0),
                band_min(0.8, 60.0),
                band_min(0.5, 20.0),
            ],
        };
        let lower_better = Scoring::Bands {
            bands: vec![band_max(300.0, 100.0), band_max(500.0, 50.0)],
        };
        let eps = 1e-9;
        #[rustfmt::skip]
        let cases: &[(&Scoring, f64, f64)] = &[
            (&higher_better, 1.0, 100.0),
            (&higher_better, 0.9, 100.0),
            (&higher_better, 0.9 - eps, 60.0),
            (&higher_better, 0.8, 60.0),
            (&higher_better, 0.8 - eps, 20.0),
            (&higher_better, 0.5, 20.0),
            (&higher_better, 0.5 - eps, 0.0),
            (&higher_better, 0.0, 0.0),
            (&lower_better, 0.0, 100.0),
            (&lower_better, 300.0, 100.0),
            (&lower_better, 300.0 + eps, 50.0),
            (&lower_better, 500.0, 50.0),
            (&lower_better, 500.0 + eps, 0.0),
        ];
        for (rule, value, want) in cases {
            assert_eq!(rule.score(*value, None), Some(*want), "{rule:?} at {value}");
        }
    }
}
