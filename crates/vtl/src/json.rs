//! JSON text to template values, keeping the order of object members (as Jayway JsonPath's
//! ordered maps do), and `serde_json` values (the `$context` of [`crate::Input`]) likewise.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::value::{Heap, Key, MapObj, Value, ENTRY_COST, ITEM_COST, OBJECT_COST};

/// A parsed JSON document before it enters the heap.
pub(crate) enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
        Ok(Json::Int(n))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
        Ok(i64::try_from(n).map_or(Json::Float(n as f64), Json::Int))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Json, E> {
        Ok(Json::Float(f))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json, E> {
        Ok(Json::Str(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Json, E> {
        Ok(Json::Str(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Json>()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Json>()? {
            members.push((k, v));
        }
        Ok(Json::Object(members))
    }
}

/// Parses JSON text (`serde_json` bounds the nesting at 128 levels).
pub(crate) fn parse(text: &str) -> Result<Json, String> {
    serde_json::from_str::<Json>(text).map_err(|e| e.to_string())
}

/// Moves a parsed document into the heap; returns the value and about how many bytes it holds.
pub(crate) fn to_value(json: Json, heap: &mut Heap) -> (Value, usize) {
    let mut bytes = 0;
    let v = convert(json, heap, &mut bytes);
    (v, bytes)
}

fn convert(json: Json, heap: &mut Heap, bytes: &mut usize) -> Value {
    *bytes += ITEM_COST;
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(b),
        Json::Int(n) => Value::Int(n),
        Json::Float(f) => Value::Float(f),
        Json::Str(s) => {
            *bytes += s.len();
            Value::string(s)
        }
        Json::Array(items) => {
            *bytes += OBJECT_COST;
            let items = items.into_iter().map(|j| convert(j, heap, bytes)).collect();
            Value::List(heap.new_list(items, true))
        }
        Json::Object(members) => {
            *bytes += OBJECT_COST;
            let mut map = MapObj::new(false);
            for (k, v) in members {
                *bytes += k.len() + ENTRY_COST;
                let v = convert(v, heap, bytes);
                let key = Value::string(k);
                let Value::Str(s) = &key else { continue };
                map.put(Key::Str(s.clone()), key.clone(), v);
            }
            Value::Map(heap.new_map(map))
        }
    }
}

/// A `serde_json` value in the heap (nesting beyond `depth` levels becomes null).
pub(crate) fn from_serde(v: &serde_json::Value, heap: &mut Heap, depth: usize) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::str(s),
        _ if depth == 0 => Value::Null,
        serde_json::Value::Array(items) => {
            let items = items
                .iter()
                .map(|i| from_serde(i, heap, depth - 1))
                .collect();
            Value::List(heap.new_list(items, true))
        }
        serde_json::Value::Object(members) => {
            let mut map = MapObj::new(false);
            for (k, v) in members {
                let v = from_serde(v, heap, depth - 1);
                let s: std::rc::Rc<str> = std::rc::Rc::from(k.as_str());
                map.put(Key::Str(s.clone()), Value::Str(s), v);
            }
            Value::Map(heap.new_map(map))
        }
    }
}
