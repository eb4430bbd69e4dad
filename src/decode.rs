//! One decoder for every option object and profile document.
//!
//! [`from_value`] deserialises any serde type from a [`serde_json::Value`]
//! and, when it fails, says *where*: the error carries the path of the
//! offending value (`origin[1]`, `sites[2].id`, `indicators[3].target`),
//! collected as the error travels back up through the objects and arrays
//! that hold it. The messages come from serde and the types' own
//! validators, so no option name is typed by hand.
//!
//! It is stricter than `serde_json::from_value` where JavaScript callers
//! get hurt: a struct only accepts an object (serde's derived visitors
//! would also take an array as positional fields), and numbers are only
//! ever finite (the bindings refuse `NaN` and `±Infinity` while converting
//! the JS value, and JSON text cannot hold them).
//!
//! (It replaces `serde_path_to_error`, which wraps every visitor in a second
//! generic layer and cost about 30 KB of gzipped wasm; this deserialiser is
//! the only one the option and profile types are instantiated for.)

use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Number, Value};

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A decoding failure: serde's (or a validator's) message and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Innermost step first (steps are pushed while unwinding).
    steps: Vec<Step>,
    message: String,
}

impl DecodeError {
    /// The path of the offending value, e.g. `sites[2].id`; empty at the top.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for step in self.steps.iter().rev() {
            match step {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// The message without the path.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// An error at the top (steps are added with [`Self::in_key`] and
    /// [`Self::in_index`] while returning from nested values).
    pub fn new(message: impl Into<String>) -> Self {
        DecodeError {
            steps: Vec::new(),
            message: message.into(),
        }
    }

    /// The same error, one object key further out.
    pub fn in_key(self, key: &str) -> Self {
        self.under(Step::Key(key.to_string()))
    }

    /// The same error, one array index further out.
    pub fn in_index(self, index: usize) -> Self {
        self.under(Step::Index(index))
    }

    fn under(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        if path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{path}: {}", self.message)
        }
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError {
            steps: Vec::new(),
            message: msg.to_string(),
        }
    }
}

/// Deserialises `T` from a JSON value, with the path of the first problem.
///
/// # Errors
/// A [`DecodeError`] naming the offending value's path.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, DecodeError> {
    T::deserialize(ValueDe(value))
}

/// Deserialises `T` from JSON text (parsed to a value first, so that the
/// same decoder, and its paths, serve text and JS objects alike).
///
/// # Errors
/// A [`DecodeError`]: the JSON syntax error, or the decoding error with its
/// path.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    let value: Value = serde_json::from_str(text).map_err(de::Error::custom)?;
    from_value(&value)
}

/// A list of objects whose items are never read from arrays.
///
/// For the fields of internally tagged enum variants (`#[serde(tag)]`):
/// serde hands those to its own buffering deserialiser, which would read
/// `[[500, 1]]` as `[{ upToM: 500, weight: 1 }]`. Use with
/// `#[serde(deserialize_with = "crate::decode::objects")]`.
///
/// # Errors
/// The deserialiser's error for a non-list, or for an item that is not an
/// object.
pub fn objects<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: de::Deserializer<'de>,
    T: de::Deserialize<'de>,
{
    let items: Vec<ObjectOnly<T>> = de::Deserialize::deserialize(d)?;
    Ok(items.into_iter().map(|o| o.0).collect())
}

struct ObjectOnly<T>(T);

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OnlyMaps<T>(std::marker::PhantomData<T>);
        impl<'de, T: de::Deserialize<'de>> Visitor<'de> for OnlyMaps<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(OnlyMaps(std::marker::PhantomData))
            .map(ObjectOnly)
    }
}

/// Whether a visitor reads an internally tagged enum (`#[serde(tag)]`), as
/// serde's derive names it in its expectation.
fn expects_tagged_object<'de, V: Visitor<'de>>(visitor: &V) -> bool {
    struct Expecting<'a, V>(&'a V);
    impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.expecting(f)
        }
    }
    Expecting(visitor)
        .to_string()
        .starts_with("internally tagged enum")
}

/// The deserialiser over one borrowed value.
struct ValueDe<'a>(&'a Value);

impl ValueDe<'_> {
    fn unexpected(&self) -> de::Unexpected<'_> {
        match self.0 {
            Value::Null => de::Unexpected::Unit,
            Value::Bool(b) => de::Unexpected::Bool(*b),
            Value::Number(n) => number_unexpected(n),
            Value::String(s) => de::Unexpected::Str(s),
            Value::Array(_) => de::Unexpected::Seq,
            Value::Object(_) => de::Unexpected::Map,
        }
    }

    fn wrong_type<'de, V: Visitor<'de>>(&self, visitor: &V) -> DecodeError {
        de::Error::invalid_type(self.unexpected(), visitor)
    }
}

fn number_unexpected(n: &Number) -> de::Unexpected<'static> {
    if let Some(u) = n.as_u64() {
        de::Unexpected::Unsigned(u)
    } else if let Some(i) = n.as_i64() {
        de::Unexpected::Signed(i)
    } else {
        de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

fn visit_number<'de, V: Visitor<'de>>(n: &Number, visitor: V) -> Result<V::Value, DecodeError> {
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else {
        visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => visit_number(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            // serde's internally tagged enums would read `["step", 300]` as
            // `{ type: "step", ... }`: an array is never such an object.
            Value::Array(_) if expects_tagged_object(&visitor) => Err(self.wrong_type(&visitor)),
            Value::Array(items) => visitor.visit_seq(SeqAccess { items, next: 0 }),
            Value::Object(map) => visitor.visit_map(MapAccess::new(map)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            _ => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(SeqAccess { items, next: 0 }),
            _ => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(MapAccess::new(map)),
            _ => Err(self.wrong_type(&visitor)),
        }
    }

    /// Structs are objects only: an array is never read as positional fields.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Object(map) if map.len() == 1 => match map.iter().next() {
                Some((k, v)) => visitor.visit_enum(EnumAccess {
                    variant: k,
                    value: v,
                }),
                None => Err(self.wrong_type(&visitor)),
            },
            _ => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf identifier
    }
}

struct SeqAccess<'a> {
    items: &'a [Value],
    next: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'de> {
    type Error = DecodeError;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        let Some(item) = self.items.get(self.next) else {
            return Ok(None);
        };
        let index = self.next;
        self.next += 1;
        seed.deserialize(ValueDe(item))
            .map(Some)
            .map_err(|e| e.under(Step::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

struct MapAccess<'a> {
    iter: serde_json::map::Iter<'a>,
    value: Option<(&'a String, &'a Value)>,
}

impl<'a> MapAccess<'a> {
    fn new(map: &'a Map<String, Value>) -> Self {
        MapAccess {
            iter: map.iter(),
            value: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapAccess<'de> {
    type Error = DecodeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some((k, v)) = self.iter.next() else {
            return Ok(None);
        };
        self.value = Some((k, v));
        seed.deserialize(de::value::BorrowedStrDeserializer::<DecodeError>::new(k))
            .map(Some)
            .map_err(|e| e.under(Step::Key(k.clone())))
    }

    fn next_value_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, DecodeError> {
        match self.value.take() {
            Some((k, v)) => seed
                .deserialize(ValueDe(v))
                .map_err(|e| e.under(Step::Key(k.clone()))),
            None => Err(de::Error::custom("a value was read before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An externally tagged enum variant with content: `{ "variant": value }`.
struct EnumAccess<'a> {
    variant: &'a String,
    value: &'a Value,
}

impl<'de> de::EnumAccess<'de> for EnumAccess<'de> {
    type Error = DecodeError;
    type Variant = VariantAccess<'de>;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantAccess<'de>), DecodeError> {
        let variant = seed.deserialize(de::value::BorrowedStrDeserializer::<DecodeError>::new(
            self.variant,
        ))?;
        Ok((
            variant,
            VariantAccess {
                name: self.variant,
                value: self.value,
            },
        ))
    }
}

struct VariantAccess<'a> {
    name: &'a String,
    value: &'a Value,
}

impl<'de> VariantAccess<'de> {
    fn within<T>(&self, r: Result<T, DecodeError>) -> Result<T, DecodeError> {
        r.map_err(|e| e.under(Step::Key(self.name.clone())))
    }
}

impl<'de> de::VariantAccess<'de> for VariantAccess<'de> {
    type Error = DecodeError;

    fn unit_variant(self) -> Result<(), DecodeError> {
        self.within(de::Deserialize::deserialize(ValueDe(self.value)))
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, DecodeError> {
        self.within(seed.deserialize(ValueDe(self.value)))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.within(de::Deserializer::deserialize_seq(
            ValueDe(self.value),
            visitor,
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.within(de::Deserializer::deserialize_map(
            ValueDe(self.value),
            visitor,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize, Debug, PartialEq, Default)]
    #[cfg_attr(test, derive(schemars::JsonSchema))]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Inner {
        id: u32,
        #[serde(default)]
        name: Option<String>,
    }

    #[derive(Deserialize, Debug, PartialEq, Default)]
    #[cfg_attr(test, derive(schemars::JsonSchema))]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Outer {
        #[serde(default)]
        walk_speed_mps: Option<f64>,
        #[serde(default)]
        sites: Vec<Inner>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    #[cfg_attr(test, derive(schemars::JsonSchema))]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Walk,
        Bike,
    }

    #[test]
    fn decodes_nested_values() {
        let v = json!({"walkSpeedMps": 1.2, "sites": [{"id": 3, "name": "a"}], "kind": "bike"});
        let o: Outer = from_value(&v).unwrap();
        assert_eq!(o.walk_speed_mps, Some(1.2));
        assert_eq!(o.sites[0].id, 3);
        assert_eq!(o.kind, Some(Kind::Bike));
    }

    #[test]
    fn errors_carry_the_path_of_the_offending_value() {
        let v = json!({"sites": [{"id": 1}, {"id": "x"}]});
        let e = from_value::<Outer>(&v).unwrap_err();
        assert_eq!(e.path(), "sites[1].id");
        assert!(e.message().contains("expected u32"), "{e}");

        let e = from_value::<Outer>(&json!({"sites": [{"id": 1, "colour": 2}]})).unwrap_err();
        assert_eq!(e.path(), "sites[0].colour");
        assert!(e.message().starts_with("unknown field `colour`"), "{e}");

        let e = from_value::<Outer>(&json!({"sites": [{}]})).unwrap_err();
        assert_eq!(e.path(), "sites[0]");
        assert!(e.message().contains("missing field `id`"), "{e}");

        let e = from_value::<Outer>(&json!({"kind": "swim"})).unwrap_err();
        assert_eq!(e.path(), "kind");
        assert!(e.message().contains("unknown variant `swim`"), "{e}");
    }

    #[test]
    fn arrays_are_never_read_as_structs() {
        let e = from_value::<Outer>(&json!([1.2])).unwrap_err();
        assert_eq!(e.path(), "");
        assert!(e.message().contains("invalid type: sequence"), "{e}");
        let e = from_value::<Outer>(&json!({"sites": [[7]]})).unwrap_err();
        assert_eq!(e.path(), "sites[0]");
    }

    #[derive(Deserialize, Debug, PartialEq)]
    #[cfg_attr(test, derive(schemars::JsonSchema))]
    #[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
    enum Tagged {
        Step { at: f64 },
    }

    #[test]
    fn arrays_are_never_read_as_internally_tagged_enums() {
        let t: Tagged = from_value(&json!({"type": "step", "at": 3})).unwrap();
        assert_eq!(t, Tagged::Step { at: 3.0 });
        let e = from_value::<Tagged>(&json!(["step", 3])).unwrap_err();
        assert!(e.message().contains("invalid type: sequence"), "{e}");
    }

    #[test]
    fn whole_numbers_only_where_integers_are_expected() {
        let e = from_value::<Inner>(&json!({"id": 1.5})).unwrap_err();
        assert_eq!(e.path(), "id");
        let e = from_value::<Inner>(&json!({"id": -1})).unwrap_err();
        assert!(e.message().contains("-1"), "{e}");
        let i: Inner = from_value(&json!({"id": 4_000_000_000u64})).unwrap();
        assert_eq!(i.id, 4_000_000_000);
    }

    #[test]
    fn text_goes_through_the_same_decoder() {
        let e = from_str::<Outer>(r#"{"sites":[{"id":true}]}"#).unwrap_err();
        assert_eq!(e.path(), "sites[0].id");
        assert!(from_str::<Outer>("{").is_err());
        assert_eq!(e.to_string(), format!("sites[0].id: {}", e.message()));
    }
}
