//! Lean GeoJSON reading: one pass of serde_json into borrowed structures.
//!
//! Only what the model needs is materialised. Property values stay as
//! borrowed raw JSON until a classifier asks for them, so an 80 MB file with
//! many unused tags is not turned into a tree of maps.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, Result};

/// The top level: a FeatureCollection whose features are parsed one by one.
#[derive(Deserialize)]
struct TopLevel<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    features: Option<Vec<&'a RawValue>>,
    /// The document's own title (a common foreign member).
    #[serde(borrow, default)]
    name: Option<&'a RawValue>,
    /// The document's own data credit: a string, or a list of strings.
    #[serde(borrow, default)]
    attribution: Option<&'a RawValue>,
}

/// The longest document credit or title kept, in characters; longer ones
/// are cut with an ellipsis (a display limit, not policy).
pub const MAX_CREDIT_CHARS: usize = 300;

/// Spaces folded and the text cut at [`MAX_CREDIT_CHARS`]; `None` when
/// nothing is left.
fn tidy(text: &str) -> Option<String> {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.is_empty() {
        return None;
    }
    Some(match folded.char_indices().nth(MAX_CREDIT_CHARS) {
        Some((cut, _)) => format!("{}…", &folded[..cut]),
        None => folded,
    })
}

/// A top-level `name`: a non-blank string, tidied.
fn title(raw: Option<&RawValue>) -> Option<String> {
    let s: Cow<'_, str> = serde_json::from_str(raw?.get()).ok()?;
    tidy(&s)
}

/// A top-level `attribution`: a string, or the non-blank strings of a list
/// joined with `; ` (one per source), tidied; anything else is ignored.
fn credit(raw: Option<&RawValue>) -> Option<String> {
    let raw = raw?.get();
    if let Ok(s) = serde_json::from_str::<Cow<'_, str>>(raw) {
        return tidy(&s);
    }
    let list: Vec<&RawValue> = serde_json::from_str(raw).ok()?;
    let parts: Vec<Cow<'_, str>> = list
        .iter()
        .filter_map(|v| serde_json::from_str::<Cow<'_, str>>(v.get()).ok())
        .filter(|s| !s.trim().is_empty())
        .collect();
    tidy(&parts.join("; "))
}

/// One feature, borrowed from the input text.
#[derive(Deserialize)]
pub struct RawFeature<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    /// Geometry, when present and not `null`.
    #[serde(borrow)]
    pub geometry: Option<RawGeometry<'a>>,
    /// Properties, when present and not `null`.
    #[serde(borrow)]
    pub properties: Option<Props<'a>>,
}

/// A geometry object with its coordinates as a nested tree.
///
/// Deserialised by hand from a JSON object only: serde's derived structs
/// also accept an array of the fields in order (`["Point", [1, 2]]`),
/// which GeoJSON does not allow.
pub struct RawGeometry<'a> {
    /// The GeoJSON `type` member.
    pub kind: Cow<'a, str>,
    /// The `coordinates` member.
    pub coordinates: Option<CoordTree>,
    /// Members of a GeometryCollection.
    pub geometries: Option<Vec<RawGeometry<'a>>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for RawGeometry<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = RawGeometry<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a GeoJSON geometry object")
            }
            fn visit_map<M: MapAccess<'de>>(
                self,
                mut map: M,
            ) -> std::result::Result<RawGeometry<'a>, M::Error> {
                let mut kind: Option<Cow<'a, str>> = None;
                let mut coordinates: Option<Option<CoordTree>> = None;
                let mut geometries: Option<Option<Vec<RawGeometry<'a>>>> = None;
                while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
                    match k.as_ref() {
                        "type" if kind.is_some() => return Err(de::Error::duplicate_field("type")),
                        "type" => kind = Some(map.next_value::<Key<'de>>()?.0),
                        "coordinates" if coordinates.is_some() => {
                            return Err(de::Error::duplicate_field("coordinates"))
                        }
                        "coordinates" => coordinates = Some(map.next_value()?),
                        "geometries" if geometries.is_some() => {
                            return Err(de::Error::duplicate_field("geometries"))
                        }
                        "geometries" => geometries = Some(map.next_value()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(RawGeometry {
                    kind: kind.ok_or_else(|| de::Error::missing_field("type"))?,
                    coordinates: coordinates.flatten(),
                    geometries: geometries.flatten(),
                })
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// Nested coordinate arrays: either a position or an array of trees.
#[derive(Debug, Clone, PartialEq)]
pub enum CoordTree {
    /// `[x, y]` (extra dimensions are dropped).
    Position([f64; 2]),
    /// An array of positions or of deeper arrays.
    Array(Vec<CoordTree>),
}

enum Elem {
    Num(f64),
    Tree(CoordTree),
}

impl<'de> Deserialize<'de> for Elem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Elem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or an array")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Elem, E> {
                Ok(Elem::Num(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Elem, E> {
                Ok(Elem::Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Elem, E> {
                Ok(Elem::Num(v as f64))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<Elem, A::Error> {
                CoordVisitor.visit_seq(seq).map(Elem::Tree)
            }
        }
        d.deserialize_any(V)
    }
}

struct CoordVisitor;

impl<'de> Visitor<'de> for CoordVisitor {
    type Value = CoordTree;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON coordinate array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<CoordTree, A::Error> {
        match seq.next_element::<Elem>()? {
            None => Ok(CoordTree::Array(Vec::new())),
            Some(Elem::Num(x)) => {
                let y = match seq.next_element::<Elem>()? {
                    Some(Elem::Num(y)) => y,
                    _ => return Err(de::Error::custom("a position needs at least two numbers")),
                };
                // Altitude and further dimensions are ignored.
                while let Some(extra) = seq.next_element::<Elem>()? {
                    if let Elem::Tree(_) = extra {
                        return Err(de::Error::custom("a position may only contain numbers"));
                    }
                }
                Ok(CoordTree::Position([x, y]))
            }
            Some(Elem::Tree(first)) => {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4) + 1);
                items.push(first);
                while let Some(e) = seq.next_element::<Elem>()? {
                    match e {
                        Elem::Tree(t) => items.push(t),
                        Elem::Num(_) => {
                            return Err(de::Error::custom(
                                "mixed numbers and arrays in coordinates",
                            ))
                        }
                    }
                }
                Ok(CoordTree::Array(items))
            }
        }
    }
}

impl<'de> Deserialize<'de> for CoordTree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_seq(CoordVisitor)
    }
}

/// Feature properties: keys with their raw (unparsed) JSON values.
#[derive(Default)]
pub struct Props<'a> {
    entries: Vec<(Cow<'a, str>, &'a RawValue)>,
    /// For many properties: entry positions sorted by key (first
    /// occurrence first), so that each of the classifier's few hundred
    /// lookups is a binary search instead of a scan.
    sorted: Vec<usize>,
}

/// Above this many properties, lookups go through the sorted index.
const SCAN_LIMIT: usize = 16;

struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(
                self,
                v: &'de str,
            ) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Props<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Props<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a properties object")
            }
            fn visit_map<M: MapAccess<'de>>(
                self,
                mut map: M,
            ) -> std::result::Result<Props<'a>, M::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
                    let v: &'de RawValue = map.next_value()?;
                    entries.push((k, v));
                }
                let mut sorted = Vec::new();
                if entries.len() > SCAN_LIMIT {
                    sorted = (0..entries.len()).collect();
                    // Stable: among equal keys the first stays first.
                    sorted.sort_by(|&a, &b| entries[a].0.cmp(&entries[b].0));
                }
                Ok(Props { entries, sorted })
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

impl<'a> Props<'a> {
    /// Raw JSON of a property, if present and not `null`.
    pub fn raw(&self, key: &str) -> Option<&'a RawValue> {
        let found = if self.sorted.is_empty() {
            self.entries.iter().find(|(k, _)| k == key)
        } else {
            let at = self
                .sorted
                .partition_point(|&i| self.entries[i].0.as_ref() < key);
            self.sorted
                .get(at)
                .map(|&i| &self.entries[i])
                .filter(|(k, _)| k == key)
        };
        found.map(|(_, v)| *v).filter(|v| v.get() != "null")
    }

    /// A property as text: strings as they are, numbers and booleans as
    /// their JSON text. Empty strings count as absent.
    pub fn text(&self, key: &str) -> Option<Cow<'a, str>> {
        let raw = self.raw(key)?.get();
        let s = if raw.starts_with('"') {
            if raw.contains('\\') {
                Cow::Owned(serde_json::from_str::<String>(raw).ok()?)
            } else {
                Cow::Borrowed(&raw[1..raw.len() - 1])
            }
        } else if raw.starts_with('{') || raw.starts_with('[') {
            return None;
        } else {
            Cow::Borrowed(raw)
        };
        if s.trim().is_empty() {
            None
        } else {
            Some(s)
        }
    }

    /// A property as a number: JSON numbers, or strings holding a number.
    pub fn number(&self, key: &str) -> Option<f64> {
        let t = self.text(key)?;
        t.trim().parse::<f64>().ok().filter(|v| v.is_finite())
    }

    /// A property as a boolean: `true`/`false`, or the strings
    /// `"true"/"yes"/"1"` and `"false"/"no"/"0"`.
    pub fn boolean(&self, key: &str) -> Option<bool> {
        match self.text(key)?.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            _ => None,
        }
    }

    /// The property names, in input order (repeats included).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_ref())
    }

    /// Whether any of these keys is present (used by the OSM-tag detector).
    pub fn has_any(&self, keys: &[&str]) -> bool {
        if self.sorted.is_empty() {
            self.entries.iter().any(|(k, _)| keys.contains(&k.as_ref()))
        } else {
            keys.iter().any(|k| self.contains_key(k))
        }
    }

    fn contains_key(&self, key: &str) -> bool {
        let at = self
            .sorted
            .partition_point(|&i| self.entries[i].0.as_ref() < key);
        self.sorted
            .get(at)
            .is_some_and(|&i| self.entries[i].0 == key)
    }
}

impl RawFeature<'_> {
    /// Feature id: the `id` member, else `properties.id`, as text.
    pub fn id(&self) -> Option<String> {
        if let Some(raw) = self.id {
            let r = raw.get();
            if r != "null" {
                return Some(match serde_json::from_str::<String>(r) {
                    Ok(s) => s,
                    Err(_) => r.to_string(),
                });
            }
        }
        self.properties
            .as_ref()
            .and_then(|p| p.text("id"))
            .map(|c| c.into_owned())
    }

    /// Whether the `type` member says `Feature` (absent is tolerated).
    pub fn is_feature(&self) -> bool {
        self.kind.as_deref().is_none_or(|k| k == "Feature")
    }
}

/// Splits the document into its features' raw JSON.
///
/// Accepts a FeatureCollection, or a single Feature or bare geometry
/// (treated as a collection of one).
pub fn split_features(text: &str) -> Result<Vec<&RawValue>> {
    split(text).map(|s| s.features)
}

/// A document split into features.
pub struct Split<'a> {
    /// The features' raw JSON.
    pub features: Vec<&'a RawValue>,
    /// Whether the top level was a single Feature, not a collection.
    pub single: bool,
    /// The geometry type when the top level was a bare geometry; its one
    /// "feature" is then that geometry (read it with [`bare_feature`]).
    pub bare: Option<String>,
    /// What a collection says about itself.
    pub declared: Declared,
}

/// What a GeoJSON collection says about itself at its top level: spaces
/// folded, cut at [`MAX_CREDIT_CHARS`] characters.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Declared {
    /// The collection's own top-level `name` (a GeoJSON file's title).
    pub title: Option<String>,
    /// The collection's own top-level `attribution` (a string, or a list
    /// of strings joined with `; `): the data credit to show with results.
    pub attribution: Option<String>,
}

/// As [`split_features`], also saying whether the document was a single
/// Feature or a bare geometry (a collection of one feature without
/// properties).
pub fn split(text: &str) -> Result<Split<'_>> {
    // A syntax error anywhere is INVALID_JSON, even when a type error comes
    // first; the (iterative) syntax scan only runs on the error paths.
    let syntax_error = || serde_json::from_str::<&RawValue>(text).err();
    if !text.trim_start().starts_with('{') {
        return Err(match syntax_error() {
            Some(e) => json_error(&e),
            None => Error::NotFeatureCollection {
                reason: "the top level is not a JSON object".into(),
            },
        });
    }
    let top: TopLevel<'_> = match serde_json::from_str(text) {
        Ok(top) => top,
        Err(e) => return Err(json_error(&syntax_error().unwrap_or(e))),
    };
    match top.kind.as_deref() {
        Some("FeatureCollection") => match top.features {
            Some(features) => Ok(Split {
                features,
                single: false,
                bare: None,
                declared: Declared {
                    title: title(top.name),
                    attribution: credit(top.attribution),
                },
            }),
            None => Err(Error::NotFeatureCollection {
                reason: "FeatureCollection has no `features` array".into(),
            }),
        },
        Some("Feature") => {
            let whole: &RawValue = serde_json::from_str(text).map_err(|e| json_error(&e))?;
            Ok(Split {
                features: vec![whole],
                single: true,
                bare: None,
                declared: Declared::default(),
            })
        }
        Some(
            other @ ("Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon"
            | "MultiPolygon" | "GeometryCollection"),
        ) => {
            let whole: &RawValue = serde_json::from_str(text).map_err(|e| json_error(&e))?;
            Ok(Split {
                features: vec![whole],
                single: false,
                bare: Some(other.to_string()),
                declared: Declared::default(),
            })
        }
        Some(other) => Err(Error::NotFeatureCollection {
            reason: format!("top-level type is `{other}`"),
        }),
        None => Err(Error::NotFeatureCollection {
            reason: "top-level object has no `type` member".into(),
        }),
    }
}

/// A feature's `properties` member as its own JSON text, when it is an
/// object (a second, shallow look at the feature: only for
/// `keepProperties`).
pub fn properties_text(raw: &RawValue) -> Option<Box<RawValue>> {
    #[derive(Deserialize)]
    struct Only<'a> {
        #[serde(borrow, default)]
        properties: Option<&'a RawValue>,
    }
    let only: Only<'_> = serde_json::from_str(raw.get()).ok()?;
    only.properties
        .filter(|p| is_object(p))
        .map(|p| p.to_owned())
}

/// Whether a raw value is a JSON object (serde's derived structs would also
/// accept an array of the fields in order, which GeoJSON does not allow).
fn is_object(raw: &RawValue) -> bool {
    raw.get().trim_start().starts_with('{')
}

/// Parses one feature's raw JSON.
pub fn parse_feature<'a>(raw: &'a RawValue, index: usize) -> Result<RawFeature<'a>> {
    if !is_object(raw) {
        return Err(Error::InvalidGeometry {
            feature_index: index,
            reason: "malformed feature: not a JSON object".into(),
        });
    }
    serde_json::from_str(raw.get()).map_err(|e| Error::InvalidGeometry {
        feature_index: index,
        reason: format!("malformed feature: {e}"),
    })
}

/// A bare geometry's raw JSON as a feature without id or properties.
///
/// # Errors
/// `INVALID_GEOMETRY` (with `index`) when the geometry is malformed.
pub fn bare_feature<'a>(raw: &'a RawValue, index: usize) -> Result<RawFeature<'a>> {
    let geometry = serde_json::from_str(raw.get()).map_err(|e| Error::InvalidGeometry {
        feature_index: index,
        reason: format!("malformed geometry: {e}"),
    })?;
    Ok(RawFeature {
        kind: None,
        id: None,
        geometry: Some(geometry),
        properties: None,
    })
}

fn json_error(e: &serde_json::Error) -> Error {
    if e.is_syntax() || e.is_eof() {
        Error::InvalidJson {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        }
    } else {
        Error::NotFeatureCollection {
            reason: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_coordinates_and_drops_altitude() {
        let t: CoordTree = serde_json::from_str("[[[1,2,3],[4.5,6]],[]]").unwrap();
        assert_eq!(
            t,
            CoordTree::Array(vec![
                CoordTree::Array(vec![
                    CoordTree::Position([1.0, 2.0]),
                    CoordTree::Position([4.5, 6.0])
                ]),
                CoordTree::Array(vec![])
            ])
        );
    }

    #[test]
    fn rejects_mixed_and_short_positions() {
        assert!(serde_json::from_str::<CoordTree>("[1]").is_err());
        assert!(serde_json::from_str::<CoordTree>("[[1,2],3]").is_err());
        assert!(serde_json::from_str::<CoordTree>("[1,[2]]").is_err());
        assert!(serde_json::from_str::<CoordTree>("\"x\"").is_err());
    }

    #[test]
    fn property_accessors() {
        let f: RawFeature = serde_json::from_str(
            r#"{"type":"Feature","id":12,"geometry":null,
                "properties":{"a":"x\"y","n":"4","m":5.5,"b":"yes","e":"","z":null,"o":{"k":1}}}"#,
        )
        .unwrap();
        let p = f.properties.as_ref().unwrap();
        assert_eq!(p.text("a").unwrap(), "x\"y");
        assert_eq!(p.number("n"), Some(4.0));
        assert_eq!(p.number("m"), Some(5.5));
        assert_eq!(p.boolean("b"), Some(true));
        assert_eq!(p.text("e"), None);
        assert_eq!(p.text("z"), None);
        assert_eq!(p.text("o"), None);
        assert_eq!(f.id().as_deref(), Some("12"));
        assert!(f.geometry.is_none());
    }

    #[test]
    fn geometries_must_be_objects() {
        let g: RawGeometry =
            serde_json::from_str(r#"{"coordinates":[1,2],"bbox":[0],"type":"Point"}"#).unwrap();
        assert_eq!(g.kind, "Point");
        assert_eq!(g.coordinates, Some(CoordTree::Position([1.0, 2.0])));
        assert!(serde_json::from_str::<RawGeometry>(r#"["Point",[1,2]]"#).is_err());
        assert!(serde_json::from_str::<RawGeometry>(r#"{"coordinates":[1,2]}"#).is_err());
        assert!(serde_json::from_str::<RawGeometry>(r#"{"type":"Point","type":"Point"}"#).is_err());
        let g: RawGeometry = serde_json::from_str(
            r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}],"coordinates":null}"#,
        )
        .unwrap();
        assert_eq!(g.geometries.map(|v| v.len()), Some(1));
        assert!(g.coordinates.is_none());
        assert!(serde_json::from_str::<RawGeometry>(
            r#"{"type":"GeometryCollection","geometries":[["Point",[1,2]]]}"#
        )
        .is_err());
    }

    #[test]
    fn many_properties_use_the_sorted_index_and_first_wins() {
        let mut json: String = (0..40).map(|i| format!(r#""k{i}":{i},"#)).collect();
        json = format!(r#"{{{json}"k7":"dup","z":null,"kind":"gate"}}"#);
        let p: Props = serde_json::from_str(&json).unwrap();
        assert!(!p.sorted.is_empty());
        assert_eq!(p.number("k7"), Some(7.0));
        assert_eq!(p.number("k39"), Some(39.0));
        assert_eq!(p.text("kind").unwrap(), "gate");
        assert_eq!(p.text("z"), None);
        assert_eq!(p.text("k40"), None);
        assert!(p.has_any(&["nope", "k0"]));
        assert!(!p.has_any(&["nope", "k"]));
    }

    #[test]
    fn top_level_errors_have_codes() {
        assert_eq!(split_features("{").unwrap_err().code(), "INVALID_JSON");
        assert_eq!(
            split_features(r#"{"type":"Nope"}"#).unwrap_err().code(),
            "NOT_FEATURE_COLLECTION"
        );
        assert_eq!(
            split_features("[1,2]").unwrap_err().code(),
            "NOT_FEATURE_COLLECTION"
        );
        assert_eq!(
            split_features(r#"{"type":"Feature","geometry":null}"#)
                .unwrap()
                .len(),
            1
        );
    }
}
