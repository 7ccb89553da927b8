//! The places inside a Schema Object that hold other schemas.

use crate::node::{Node, Value};

/// Keywords whose value is one schema.
pub const SINGLE: [&str; 11] = [
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
    "contentSchema",
];
/// `items`: one schema, or (before 2020-12) a list of schemas.
pub const ITEMS: &str = "items";
/// Keywords whose value is a list of schemas.
pub const LIST: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to schemas.
pub const MAP: [&str; 5] = [
    "properties",
    "patternProperties",
    "definitions",
    "$defs",
    "dependentSchemas",
];

/// Calls `f` on every direct subschema of `schema` (mutable).
pub fn for_each_mut(schema: &mut Node, f: &mut dyn FnMut(&mut Node)) {
    let Value::Object(m) = &mut schema.value else {
        return;
    };
    for e in &mut m.entries {
        let k: &str = &e.key;
        if SINGLE.contains(&k) {
            if matches!(e.value.value, Value::Object(_)) {
                f(&mut e.value);
            }
        } else if k == "items" {
            match &mut e.value.value {
                Value::Object(_) => f(&mut e.value),
                Value::Array(a) => a.iter_mut().for_each(&mut *f),
                _ => {}
            }
        } else if LIST.contains(&k) {
            if let Value::Array(a) = &mut e.value.value {
                a.iter_mut().for_each(&mut *f);
            }
        } else if MAP.contains(&k) {
            if let Value::Object(mm) = &mut e.value.value {
                mm.entries.iter_mut().for_each(|x| f(&mut x.value));
            }
        }
    }
}
