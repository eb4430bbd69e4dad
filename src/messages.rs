//! What each error and warning code means for a person, in Chinese and
//! English, with what to do next.
//!
//! Errors and warnings carry a stable `code` and a technical English
//! `message` (which names the feature, the option or the limit). Front ends
//! (the demo page, the widget, a portal's own page) show instead the
//! sentence of the catalogue for that code in their language, with the
//! technical message under "details". The catalogue is data,
//! `messages/messages.json`, compiled in; `tests/messages.rs` checks that
//! every code the library can produce has both languages and that no entry
//! is stale.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The catalogue's text, compiled in.
const CATALOGUE_JSON: &str = include_str!("../messages/messages.json");

/// A language of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Reads a language tag: `zh`, `zh-CN`, `zh-Hans` … are Chinese, `en`,
    /// `en-GB` … English (case-insensitive); `None` otherwise.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// One sentence pair of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// What happened, for a person who does not know the codes.
    pub message: String,
    /// What to do about it.
    pub action: String,
}

/// The catalogue entry of one code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `"error"` (thrown) or `"warning"` (in a result's `warnings`).
    pub kind: String,
    /// Chinese.
    pub zh: Text,
    /// English.
    pub en: Text,
}

impl Entry {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &Text {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Texts for codes the catalogue does not have (`{code}` is replaced).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Fallback {
    /// Chinese.
    pub zh: Text,
    /// English.
    pub en: Text,
}

/// The whole catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// What the document is.
    pub description: String,
    /// Bumped when codes are renamed or removed.
    pub version: u32,
    /// Texts for an unknown code.
    pub fallback: Fallback,
    /// Entry by code.
    pub codes: BTreeMap<String, Entry>,
}

/// The compiled-in catalogue (parsed once). `None` only if the compiled-in
/// file were malformed, which `tests/messages.rs` rules out.
pub fn catalogue() -> Option<&'static Catalogue> {
    static CATALOGUE: OnceLock<Option<Catalogue>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| serde_json::from_str(CATALOGUE_JSON).ok())
        .as_ref()
}

/// A code explained for a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The code.
    pub code: String,
    /// The language of `message` and `action`.
    pub lang: Lang,
    /// What happened.
    pub message: String,
    /// What to do.
    pub action: String,
    /// The technical message of the error or warning, when one was given.
    pub details: Option<String>,
    /// Whether the catalogue knows the code (false: the fallback text).
    pub known: bool,
}

/// Explains `code` in `lang`; `details` is the technical message, kept as
/// it is. An unknown code gets the fallback sentence naming it.
pub fn explain(code: &str, lang: Lang, details: Option<String>) -> Explanation {
    let entry = catalogue().and_then(|c| c.codes.get(code));
    let (text, known) = match (entry, catalogue()) {
        (Some(e), _) => (e.text(lang).clone(), true),
        (None, Some(c)) => {
            let t = match lang {
                Lang::Zh => &c.fallback.zh,
                Lang::En => &c.fallback.en,
            };
            (
                Text {
                    message: t.message.replace("{code}", code),
                    action: t.action.clone(),
                },
                false,
            )
        }
        (None, None) => (
            Text {
                message: format!("code {code}"),
                action: String::new(),
            },
            false,
        ),
    };
    Explanation {
        code: code.to_string(),
        lang,
        message: text.message,
        action: text.action,
        details,
        known,
    }
}

/// Every code's text in `lang`, by code.
pub fn all(lang: Lang) -> BTreeMap<String, Text> {
    catalogue()
        .map(|c| {
            c.codes
                .iter()
                .map(|(code, e)| (code.clone(), e.text(lang).clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("ZH_hans"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn known_and_unknown_codes() {
        let e = explain("INVALID_JSON", Lang::Zh, Some("line 3".into()));
        assert!(e.known);
        assert!(e.message.contains("JSON"), "{}", e.message);
        assert_eq!(e.details.as_deref(), Some("line 3"));
        // Built here so that tests/messages.rs does not read it as a code.
        let unknown = ["NO", "SUCH", "CODE"].join("_");
        let u = explain(&unknown, Lang::En, None);
        assert!(!u.known);
        assert!(u.message.contains(&unknown), "{}", u.message);
        assert!(!u.action.is_empty());
    }
}
