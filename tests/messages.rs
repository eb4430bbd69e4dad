//! The message catalogue (`messages/messages.json`) covers every code the
//! library can produce, in Chinese and English, and holds no stale code.
//!
//! Codes are found in the sources: string literals of capital words joined
//! by underscores in `src/` (warnings and errors) and in the front ends
//! `cli/src/` and `python/src/`, and the codes the JS
//! runtime throws (`js/runtime.js`). Literals that are not codes are listed
//! in `NOT_CODES`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use future_community::messages::{catalogue, explain, Lang};

/// Capital-word literals in the sources that are not error or warning codes.
const NOT_CODES: &[&str] = &[
    "SCREAMING_SNAKE_CASE",
    "CARGO_PKG_VERSION",
    "CARGO_MANIFEST_DIR",
    "FC_UPDATE_TYPES",
    "GCJ02",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `"ABC_DEF"`-like literals (quoted with `quote`) in `text`.
fn literals(text: &str, quote: char, out: &mut BTreeSet<String>) {
    let mut rest = text;
    while let Some(start) = rest.find(quote) {
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else {
            break;
        };
        let lit = &after[..end];
        let looks_like_code = lit.len() >= 4
            && lit.starts_with(|c: char| c.is_ascii_uppercase())
            && lit
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            && (lit.contains('_') || lit.len() >= 5);
        if looks_like_code && !NOT_CODES.contains(&lit) {
            out.insert(lit.to_string());
        }
        rest = &after[end + 1..];
    }
}

fn codes_in_sources() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    // The front ends on the same core (CLI; Python package) add a few
    // codes of their own (files they cannot read or write).
    rust_files(&root.join("cli/src"), &mut files);
    rust_files(&root.join("python/src"), &mut files);
    let mut codes = BTreeSet::new();
    for f in files {
        let text = fs::read_to_string(&f).unwrap_or_default();
        literals(&text, '"', &mut codes);
    }
    let runtime = fs::read_to_string(root.join("js/runtime.js")).unwrap_or_default();
    // The runtime's own codes: those it constructs errors with, and the
    // keys of its MESSAGES table (`  CODE:` at the start of a line).
    literals(&runtime, '\'', &mut codes);
    for line in runtime.lines() {
        if let Some((key, _)) = line.trim_start().split_once(':') {
            if !key.is_empty() && key.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                codes.insert(key.to_string());
            }
        }
    }
    codes
}

#[test]
fn every_code_has_both_languages_and_no_entry_is_stale() {
    let cat = catalogue().expect("messages/messages.json parses");
    let used = codes_in_sources();
    assert!(
        used.len() >= 50,
        "only {} codes found in the sources",
        used.len()
    );
    let missing: Vec<&String> = used
        .iter()
        .filter(|c| !cat.codes.contains_key(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without an entry in messages/messages.json: {missing:?}"
    );
    let stale: Vec<&String> = cat.codes.keys().filter(|c| !used.contains(*c)).collect();
    assert!(
        stale.is_empty(),
        "entries in messages/messages.json no source produces: {stale:?}"
    );
    for (code, e) in &cat.codes {
        assert!(
            e.kind == "error" || e.kind == "warning",
            "{code}: kind {}",
            e.kind
        );
        for (lang, t) in [("zh", &e.zh), ("en", &e.en)] {
            assert!(
                t.message.chars().count() >= 8,
                "{code} {lang}: message too short"
            );
            assert!(t.action.chars().count() >= 4, "{code} {lang}: no action");
            assert!(
                !t.message.contains(code.as_str()),
                "{code} {lang}: the sentence repeats the code"
            );
        }
        // The Chinese text is Chinese, the English text has none.
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(
            han(&e.zh.message) && han(&e.zh.action),
            "{code}: zh is not Chinese"
        );
        assert!(
            !han(&e.en.message) && !han(&e.en.action),
            "{code}: en has Chinese"
        );
    }
}

#[test]
fn explain_keeps_the_details_and_names_unknown_codes() {
    let e = explain(
        "FLOORS_DEFAULTED",
        Lang::Zh,
        Some("12 buildings".to_string()),
    );
    assert!(e.known);
    assert!(e.message.contains("层数"), "{}", e.message);
    assert_eq!(e.details.as_deref(), Some("12 buildings"));
    let en = explain("FLOORS_DEFAULTED", Lang::En, None);
    assert!(en.action.contains("floors"), "{}", en.action);
    let u = explain("Z9", Lang::Zh, None);
    assert!(!u.known && u.message.contains("Z9"));
}
