//! The facility categories the package knows, with Chinese and English
//! labels and a group: one list for every front end (the demo page, the
//! widget, a portal's page), so none keeps its own.
//!
//! The list is data, `mappings/categories.json`, compiled in. It holds what
//! the built-in mappings assign and the built-in profiles read
//! (`tests/categories.rs` checks that); a category outside it still works
//! everywhere and is shown by its id.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::messages::Lang;

/// The list's text, compiled in.
pub const CATEGORIES_JSON: &str = include_str!("../mappings/categories.json");

/// A label in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Label {
    /// The label in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// One facility category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryInfo {
    /// The id facilities carry (`properties.category`, mapping rules).
    pub id: String,
    /// The id of its group in [`Categories::groups`].
    pub group: String,
    /// What to call it.
    pub label: Label,
}

/// The whole list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(rename = "CategoryList"))]
#[serde(deny_unknown_fields)]
pub struct Categories {
    /// `"categories"`.
    pub id: String,
    /// Bumped when an id changes meaning.
    pub version: u32,
    /// What the list is and where the labels come from.
    pub description: String,
    /// Group id -> its label (education, health, ...).
    pub groups: BTreeMap<String, Label>,
    /// The categories, in display order.
    pub categories: Vec<CategoryInfo>,
}

impl Categories {
    /// One category by id.
    pub fn get(&self, id: &str) -> Option<&CategoryInfo> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The label of `id` in `lang`, or `id` itself when the list does not
    /// know it.
    pub fn label<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        self.get(id).map_or(id, |c| c.label.get(lang))
    }
}

/// The built-in list (parsed once).
pub fn builtin() -> Result<&'static Categories> {
    static LIST: OnceLock<std::result::Result<Categories, String>> = OnceLock::new();
    LIST.get_or_init(|| {
        crate::decode::from_str(CATEGORIES_JSON)
            .map_err(|e| format!("{}: {}", e.path(), e.message()))
    })
    .as_ref()
    .map_err(|e| Error::Internal {
        reason: format!("the built-in category list is invalid: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_reads_and_every_group_is_labelled() {
        let c = builtin().unwrap();
        assert!(c.categories.len() >= 20);
        let mut seen = std::collections::BTreeSet::new();
        for cat in &c.categories {
            assert!(seen.insert(cat.id.as_str()), "{} twice", cat.id);
            assert!(
                c.groups.contains_key(&cat.group),
                "{}: group {}",
                cat.id,
                cat.group
            );
            assert!(!cat.label.zh.trim().is_empty() && !cat.label.en.trim().is_empty());
        }
        assert_eq!(c.label("kindergarten", Lang::Zh), "幼儿园");
        assert_eq!(c.label("no_such_thing", Lang::En), "no_such_thing");
    }
}
