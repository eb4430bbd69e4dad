//! Fixed rounding and number formatting, so reports are byte-identical.
//!
//! Values are rounded to [`VALUE_DECIMALS`] decimals before they are compared
//! with targets, scored or shown, so what the report shows is exactly what was
//! judged. Scores are rounded to [`SCORE_DECIMALS`] decimals.

use super::schema::{Op, Target, Text, Unit};

/// Decimals kept for indicator values (and shares: 0.0001 = 0.01 %).
pub const VALUE_DECIMALS: i32 = 4;
/// Decimals kept for scores and completeness figures.
pub const SCORE_DECIMALS: i32 = 2;

/// The placeholders an explanation template may use.
pub const PLACEHOLDERS: &[&str] = &["value", "target", "unit", "score"];

/// Rounds half away from zero to `decimals` places; never returns `-0.0`.
pub fn round_to(x: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    if !x.is_finite() {
        // Never hidden as 0: the JSON writer turns it into `null`, and
        // the callers' inputs are bounded so that it cannot happen.
        return x;
    }
    let r = (x * factor).round() / factor;
    if r == 0.0 || !r.is_finite() {
        // -0 becomes 0; a finite x too large to scale stays as it is.
        if r == 0.0 {
            0.0
        } else {
            x
        }
    } else {
        r
    }
}

/// Formats with at most `max_decimals` decimals, trailing zeros removed.
pub fn fmt_number(x: f64, max_decimals: usize) -> String {
    let s = format!("{x:.max_decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// Display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the text of this language.
    pub fn pick(self, text: &Text) -> &str {
        match self {
            Lang::Zh => &text.zh,
            Lang::En => &text.en,
        }
    }
}

/// Builds a [`Text`] by running `f` for each language.
pub fn both(f: impl Fn(Lang) -> String) -> Text {
    Text {
        zh: f(Lang::Zh),
        en: f(Lang::En),
    }
}

/// The unit symbol shown after a number (empty for none).
pub fn unit_symbol(unit: Unit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (Unit::Share, _) => "%",
        (Unit::Ratio | Unit::Boolean, _) => "",
        (Unit::M, _) => "m",
        (Unit::M2, _) => "m²",
        (Unit::M2PerPerson, Lang::Zh) => "m²/人",
        (Unit::M2PerPerson, Lang::En) => "m²/person",
        (Unit::M2Per100Households, Lang::Zh) => "m²/百户",
        (Unit::M2Per100Households, Lang::En) => "m²/100 households",
        (Unit::SpacesPerHousehold, Lang::Zh) => "个/户",
        (Unit::SpacesPerHousehold, Lang::En) => "spaces/household",
        (Unit::Count, Lang::Zh) => "个",
        (Unit::Count, Lang::En) => "",
    }
}

/// A value with its unit, e.g. `85.2%`, `120 m²/百户`, `是`.
pub fn fmt_value(value: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Share => format!("{}%", fmt_number(value * 100.0, 2)),
        Unit::Boolean if value == 1.0 || value == 0.0 => {
            let yes = value == 1.0;
            match lang {
                Lang::Zh => if yes { "是" } else { "否" }.to_string(),
                Lang::En => if yes { "yes" } else { "no" }.to_string(),
            }
        }
        _ => {
            let n = fmt_number(value, VALUE_DECIMALS as usize);
            match unit_symbol(unit, lang) {
                "" => n,
                sym => format!("{n} {sym}"),
            }
        }
    }
}

/// A target with its unit, e.g. `≥ 100 m²/百户`, `2.2–2.8`, `是`.
pub fn fmt_target(target: &Target, unit: Unit, lang: Lang) -> String {
    let v = |x: Option<f64>| fmt_value(x.unwrap_or(f64::NAN), unit, lang);
    match target.op {
        Op::Between => format!("{}–{}", v(target.min), v(target.max)),
        Op::Eq if unit == Unit::Boolean => v(target.value),
        op => {
            let symbol = match op {
                Op::Ge => "≥",
                Op::Le => "≤",
                Op::Gt => ">",
                Op::Lt => "<",
                _ => "=",
            };
            format!("{symbol} {}", v(target.value))
        }
    }
}

/// The names of the `{placeholders}` in `template`, or why it is malformed
/// (unbalanced braces, unknown placeholder).
pub fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("`}` without a matching `{`".into());
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| "`{` without a matching `}`".to_string())?;
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(format!(
                "unknown placeholder `{{{name}}}`; expected one of: {}",
                PLACEHOLDERS
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        found.push(name);
        rest = &after[close + 1..];
    }
    Ok(found)
}

/// Replaces each `{name}` of `template` by its value in `values`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_fixed_and_never_negative_zero() {
        assert_eq!(round_to(0.123_45, 4), 0.1235);
        assert_eq!(round_to(0.999_96, 4), 1.0);
        assert_eq!(round_to(-0.000_01, 4), 0.0);
        assert!(round_to(-0.000_01, 4).is_sign_positive());
        assert_eq!(round_to(66.666_666, 2), 66.67);
        assert_eq!(round_to(0.1 + 0.2, 4).to_string(), "0.3");
        assert!(round_to(f64::NAN, 2).is_nan());
        assert_eq!(round_to(f64::INFINITY, 2), f64::INFINITY);
    }

    #[test]
    fn numbers_and_units_format_per_language() {
        assert_eq!(fmt_number(2.0, 4), "2");
        assert_eq!(fmt_number(2.50, 4), "2.5");
        assert_eq!(fmt_number(-0.00001, 4), "0");
        assert_eq!(fmt_number(1234.5678, 2), "1234.57");
        assert_eq!(fmt_value(0.8523, Unit::Share, Lang::Zh), "85.23%");
        assert_eq!(fmt_value(1.0, Unit::Share, Lang::En), "100%");
        assert_eq!(
            fmt_value(120.0, Unit::M2Per100Households, Lang::Zh),
            "120 m²/百户"
        );
        assert_eq!(
            fmt_value(120.0, Unit::M2Per100Households, Lang::En),
            "120 m²/100 households"
        );
        assert_eq!(fmt_value(2.4, Unit::Ratio, Lang::En), "2.4");
        assert_eq!(fmt_value(1.0, Unit::Boolean, Lang::Zh), "是");
        assert_eq!(fmt_value(0.0, Unit::Boolean, Lang::En), "no");
        assert_eq!(fmt_value(0.5, Unit::Boolean, Lang::En), "0.5");
        assert_eq!(fmt_value(12.0, Unit::Count, Lang::Zh), "12 个");
        assert_eq!(fmt_value(12.0, Unit::Count, Lang::En), "12");
    }

    #[test]
    fn targets_format_with_symbol_and_unit() {
        let t = |op, value, min, max| Target {
            op,
            value,
            min,
            max,
            value_from: None,
        };
        #[rustfmt::skip]
        let cases = [
            (t(Op::Ge, Some(100.0), None, None), Unit::M2Per100Households, Lang::Zh, "≥ 100 m²/百户"),
            (t(Op::Gt, Some(0.9), None, None), Unit::Share, Lang::En, "> 90%"),
            (t(Op::Between, None, Some(2.2), Some(2.8)), Unit::Ratio, Lang::En, "2.2–2.8"),
            (t(Op::Eq, Some(1.0), None, None), Unit::Boolean, Lang::Zh, "是"),
            (t(Op::Le, Some(80.0), None, None), Unit::M, Lang::En, "≤ 80 m"),
            (t(Op::Lt, Some(3.0), None, None), Unit::Count, Lang::En, "< 3"),
            (t(Op::Eq, Some(3.0), None, None), Unit::Count, Lang::En, "= 3"),
        ];
        for (target, unit, lang, want) in cases {
            assert_eq!(fmt_target(&target, unit, lang), want);
        }
    }

    #[test]
    fn templates_are_checked_and_filled() {
        assert_eq!(
            placeholders("{value} vs {target}{unit}"),
            Ok(vec!["value", "target", "unit"])
        );
        assert_eq!(placeholders("no placeholders"), Ok(vec![]));
        assert!(placeholders("{valu}")
            .unwrap_err()
            .contains("unknown placeholder `{valu}`"));
        assert!(placeholders("{value")
            .unwrap_err()
            .contains("without a matching `}`"));
        assert!(placeholders("value}")
            .unwrap_err()
            .contains("without a matching `{`"));
        assert_eq!(
            fill(
                "{value} / {target} / {value}",
                &[("value", "1"), ("target", "≥ 2")]
            ),
            "1 / ≥ 2 / 1"
        );
    }
}
