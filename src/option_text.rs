//! Sentences for mistakes in option objects.
//!
//! Options are decoded with serde, whose messages are written for Rust
//! developers ("invalid type: string \"a\", expected usize at line 1 column
//! 8"). [`describe`] rewrites them for the JavaScript developer who passed
//! the object: the option is named by its path (`origin`, `sites[2].id`), the
//! Rust type names become JS words, and the allowed values are listed.

/// Turns a serde error about an option object into a sentence.
///
/// `path` is where in the object it happened (`serde_path_to_error`'s path,
/// `"."` or empty at the top).
pub fn describe(path: &str, serde_message: &str) -> (String, String) {
    let message = strip_position(serde_message);
    let option = if path.is_empty() || path == "." {
        String::new()
    } else {
        path.to_string()
    };
    (option, rewrite(&message))
}

/// Drops serde_json's " at line L column C" suffix (the caller's object
/// has no lines: it was serialised for decoding).
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_string(),
        _ => message.to_string(),
    }
}

fn rewrite(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, allowed) = split_expected(rest);
        return match allowed {
            Some(list) => format!("{name} is not an option here; the options are {list}"),
            None => format!("{name} is not an option here (this object takes no options)"),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, allowed) = split_expected(rest);
        return match allowed {
            Some(list) => format!("{name} is not allowed; use one of {list}"),
            None => format!("{name} is not allowed"),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("{} is required but missing", unquote(rest));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return format!("{} is given twice", unquote(rest));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("expected {}, got {}", js_type(want), js_value(got));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("expected {}, got {}", js_type(want), js_value(got));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("expected {}, got {got} items", js_type(want));
        }
    }
    if let Some(name) = message.strip_prefix("data did not match any variant of untagged enum ") {
        return format!("this value has the wrong shape ({name})");
    }
    message.to_string()
}

/// Splits "`x`, expected one of `a`, `b`" into ("\"x\"", Some("\"a\", \"b\"")).
fn split_expected(rest: &str) -> (String, Option<String>) {
    match rest.split_once(", expected ") {
        Some((name, expected)) => {
            let list = expected
                .trim_start_matches("one of ")
                .replace(" or ", ", ")
                .split(", ")
                .map(unquote)
                .collect::<Vec<_>>()
                .join(", ");
            (unquote(name), Some(list))
        }
        None if rest.contains("there are no fields") => {
            (unquote(rest.split(',').next().unwrap_or(rest)), None)
        }
        None => (unquote(rest), None),
    }
}

/// "`abc`" -> "\"abc\"" (JS string notation).
fn unquote(s: &str) -> String {
    let t = s.trim().trim_matches('`');
    format!("\"{t}\"")
}

/// serde's name of what it wanted -> JS words.
fn js_type(want: &str) -> String {
    let w = want.trim();
    let words = match w {
        "f64" | "f32" | "a number" => "a number",
        "usize" | "u64" | "u32" | "u16" | "u8" => "a whole number (0 or more)",
        "i64" | "i32" | "i16" | "i8" | "isize" => "a whole number",
        "a boolean" | "bool" => "true or false",
        "a string" | "a borrowed string" | "string" => "a string",
        "a sequence" => "an array",
        "a map" => "an object",
        "a character" | "char" => "a single character",
        _ => "",
    };
    if !words.is_empty() {
        return words.to_string();
    }
    if w.starts_with("struct ") || w.starts_with("a map") {
        return "an object".to_string();
    }
    if let Some(n) = w.strip_prefix("an array of length ") {
        return format!("an array of {n} items");
    }
    if let Some(rest) = w.strip_prefix("tuple of ") {
        return format!("an array of {rest}");
    }
    if w.starts_with("enum ") {
        return "one of the documented values".to_string();
    }
    w.to_string()
}

/// serde's description of what it got -> JS words.
fn js_value(got: &str) -> String {
    let g = got.trim();
    if let Some(v) = g.strip_prefix("string ") {
        return format!("the string {v}");
    }
    for (prefix, word) in [
        ("integer ", "the number "),
        ("floating point ", "the number "),
        ("boolean ", ""),
    ] {
        if let Some(v) = g.strip_prefix(prefix) {
            return format!("{word}{}", v.trim_matches('`'));
        }
    }
    match g {
        "sequence" => "an array".to_string(),
        "map" => "an object".to_string(),
        "null" | "unit value" => "null".to_string(),
        _ => g.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(path: &str, m: &str) -> String {
        let (o, s) = describe(path, m);
        format!("{o}: {s}")
    }

    #[test]
    fn unknown_fields_list_the_options_without_serde_wording() {
        let t = text(".", "unknown field `thresholdM`, expected one of `categories`, `thresholdsM`, `k` at line 1 column 13");
        assert_eq!(
            t,
            ": \"thresholdM\" is not an option here; the options are \"categories\", \"thresholdsM\", \"k\""
        );
    }

    #[test]
    fn variants_types_and_missing_fields_are_sentences() {
        assert_eq!(
            text(
                "projectType",
                "unknown variant `x`, expected `renovation` or `newBuild` at line 1 column 18"
            ),
            "projectType: \"x\" is not allowed; use one of \"renovation\", \"newBuild\""
        );
        assert_eq!(
            text(
                "k",
                "invalid type: string \"a\", expected usize at line 1 column 8"
            ),
            "k: expected a whole number (0 or more), got the string \"a\""
        );
        assert_eq!(
            text(
                ".",
                "invalid type: sequence, expected struct SiteParams at line 1 column 1"
            ),
            ": expected an object, got an array"
        );
        assert_eq!(
            text("category", "missing field `category`"),
            "category: \"category\" is required but missing"
        );
        assert_eq!(
            text(
                "origin",
                "invalid length 3, expected an array of length 2 at line 1 column 20"
            ),
            "origin: expected an array of 2 items, got 3 items"
        );
    }

    #[test]
    fn custom_expectations_pass_through_and_no_position_remains() {
        let t = text("origin", "an origin: a [lon, lat] pair of numbers or { facilityId: \"...\" } at line 1 column 13");
        assert_eq!(
            t,
            "origin: an origin: a [lon, lat] pair of numbers or { facilityId: \"...\" }"
        );
        for m in [
            "unknown field `a`, expected `b` at line 3 column 4",
            "invalid type: floating point `1.5`, expected u32 at line 1 column 2",
            "data did not match any variant of untagged enum Foo at line 1 column 2",
        ] {
            let (_, s) = describe("", m);
            assert!(!s.contains("line 1") && !s.contains("column"), "{s}");
            assert!(!s.contains("u32") && !s.contains("untagged"), "{s}");
        }
    }
}
