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

/// Where a direct subschema stands in its parent, as pointer tokens (unescaped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place<'a> {
    /// Under a keyword that holds one schema: `not`, `items`...
    Key(&'a str),
    /// At an index of a keyword that holds a list: `allOf/0`, `items/1` (2.0 tuples)...
    Item(&'a str, usize),
    /// Under a name of a keyword that maps names to schemas: `properties/id`...
    Entry(&'a str, &'a str),
}

impl Place<'_> {
    /// The keyword the subschema stands under.
    #[must_use]
    pub fn keyword(&self) -> &str {
        match *self {
            Place::Key(k) | Place::Item(k, _) | Place::Entry(k, _) => k,
        }
    }

    /// Appends the place to a JSON pointer (`/allOf/0`, `/properties/a~1b`).
    pub fn push_to(&self, pointer: &mut String) {
        use std::fmt::Write as _;
        match *self {
            Place::Key(k) => {
                let _ = write!(pointer, "/{}", crate::node::escape_token(k));
            }
            Place::Item(k, i) => {
                let _ = write!(pointer, "/{}/{i}", crate::node::escape_token(k));
            }
            Place::Entry(k, name) => {
                let _ = write!(
                    pointer,
                    "/{}/{}",
                    crate::node::escape_token(k),
                    crate::node::escape_token(name)
                );
            }
        }
    }
}

/// Calls `f` on every direct subschema of `schema` (mutable) with its place in the parent.
pub fn for_each_placed_mut(schema: &mut Node, f: &mut dyn FnMut(Place<'_>, &mut Node)) {
    let Value::Object(m) = &mut schema.value else {
        return;
    };
    for e in &mut m.entries {
        let k: &str = &e.key;
        if SINGLE.contains(&k) {
            if matches!(e.value.value, Value::Object(_)) {
                f(Place::Key(k), &mut e.value);
            }
        } else if k == "items" {
            match &mut e.value.value {
                Value::Object(_) => f(Place::Key(k), &mut e.value),
                Value::Array(a) => {
                    for (i, x) in a.iter_mut().enumerate() {
                        f(Place::Item(k, i), x);
                    }
                }
                _ => {}
            }
        } else if LIST.contains(&k) {
            if let Value::Array(a) = &mut e.value.value {
                for (i, x) in a.iter_mut().enumerate() {
                    f(Place::Item(k, i), x);
                }
            }
        } else if MAP.contains(&k) {
            if let Value::Object(mm) = &mut e.value.value {
                for x in &mut mm.entries {
                    f(Place::Entry(k, &x.key), &mut x.value);
                }
            }
        }
    }
}

/// Calls `f` on every direct subschema of `schema` (mutable).
pub fn for_each_mut(schema: &mut Node, f: &mut dyn FnMut(&mut Node)) {
    for_each_placed_mut(schema, &mut |_, n| f(n));
}
