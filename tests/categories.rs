//! The one category list (`mappings/categories.json`) covers every category
//! the built-in mapping assigns and every built-in profile reads, so no
//! front end needs a list of its own.

use std::collections::BTreeSet;

use future_community::categories;
use future_community::input::mapping::OsmMapping;
use future_community::messages::Lang;
use future_community::profile::{self, ParameterValue};

#[test]
fn every_mapped_and_profiled_category_has_labels() {
    let list = categories::builtin().expect("list reads");
    let known: BTreeSet<&str> = list.categories.iter().map(|c| c.id.as_str()).collect();
    let mut needed = BTreeSet::new();
    let json: serde_json::Value =
        serde_json::from_str(future_community::input::mapping::DEFAULT_MAPPING_JSON).unwrap();
    for rule in json["facilities"].as_array().expect("facility rules") {
        needed.insert(rule["category"].as_str().expect("category").to_string());
    }
    assert!(OsmMapping::builtin().is_ok());
    for info in profile::builtin_profiles() {
        let p = profile::builtin(&info.id).expect("builtin");
        let r = p.requirements();
        needed.extend(r.coverage.iter().map(|c| c.category.clone()));
        needed.extend(r.nearest.iter().cloned());
        for (name, param) in &p.doc().parameters {
            if name.to_ascii_lowercase().contains("categor") {
                if let ParameterValue::List(v) = &param.value {
                    needed.extend(v.iter().cloned());
                }
            }
        }
    }
    assert!(needed.len() >= 20, "{needed:?}");
    let missing: Vec<_> = needed
        .iter()
        .filter(|c| !known.contains(c.as_str()))
        .collect();
    assert!(missing.is_empty(), "categories without labels: {missing:?}");
    for c in &needed {
        assert_ne!(
            list.label(c, Lang::Zh),
            c.as_str(),
            "{c} has no Chinese label"
        );
    }
}
