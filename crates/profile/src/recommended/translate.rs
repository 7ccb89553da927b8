//! OpenAPI 3.0 Schema Objects straight to JSON Schema 2020-12 as `serde_json` values: what
//! core's 3.0 -> 3.1 upgrade ([`oaskit_core::openapi_30_to_31`]) does to a schema, applied
//! while converting, without cloning the tree or upgrading a copy first.
//!
//! Per schema, as the upgrade: beside a `$ref` only annotations are kept; `nullable: true`
//! adds `"null"` to a single `type` (or wraps a schema without one as `anyOf: [it, {type:
//! null}]`); a boolean `exclusiveMinimum`/`exclusiveMaximum` takes the bound's value (or goes).
//! Subschemas are found where [`oaskit_core::subschemas`] says.

use oaskit_core::subschemas::{ITEMS, LIST, MAP, SINGLE};
use oaskit_core::Node;
use serde_json::{Map, Value};

/// How deep the upgrade follows subschemas (its own limit, counted from the document root:
/// `components` and `schemas` stand above a component schema).
const MAX_DEPTH: usize = 512;
/// The depth of a component schema in the upgrade's walk.
const COMPONENT_DEPTH: usize = 3;

/// A map of 3.0 schemas (`components/schemas`) translated, name by name.
pub(crate) fn schemas_30(map: &Node) -> Value {
    let Some(m) = map.as_object() else {
        return map.to_json();
    };
    let mut out = Map::new();
    for (name, s) in m.iter() {
        out.insert(name.to_string(), component_30(s));
    }
    Value::Object(out)
}

/// One member of a map of 3.0 schemas (`components/schemas`) translated, as [`schemas_30`]
/// has it.
pub(crate) fn component_30(node: &Node) -> Value {
    schema_30(node, COMPONENT_DEPTH)
}

/// One 3.0 schema translated (`depth` as the upgrade counts it).
pub(crate) fn schema_30(node: &Node, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return node.to_json();
    }
    match node.as_object() {
        Some(m) => object(m.iter().map(|(k, v)| (k, Slot::Node(v))).collect(), depth),
        None => node.to_json(),
    }
}

/// A member of a schema being translated: as written, or already replaced.
enum Slot<'a> {
    Node(&'a Node),
    Json(Value),
}

impl Slot<'_> {
    fn as_bool(&self) -> Option<bool> {
        match self {
            Slot::Node(n) => n.as_bool(),
            Slot::Json(v) => v.as_bool(),
        }
    }
}

type Entries<'a> = Vec<(&'a str, Slot<'a>)>;

fn position(e: &Entries<'_>, key: &str) -> Option<usize> {
    e.iter().position(|(k, _)| *k == key)
}

fn remove<'a>(e: &mut Entries<'a>, key: &str) -> Option<Slot<'a>> {
    position(e, key).map(|i| e.remove(i).1)
}

fn object(mut e: Entries<'_>, depth: usize) -> Value {
    if position(&e, "$ref").is_some() {
        e.retain(|(k, _)| k.starts_with("x-") || oaskit_core::OPENAPI_30_REF_SIBLINGS.contains(k));
    }
    if let Some(n) = position(&e, "nullable").and_then(|i| e[i].1.as_bool()) {
        remove(&mut e, "nullable");
        if n {
            if let Some(i) = position(&e, "type") {
                if let Slot::Node(t) = &e[i].1 {
                    if let Some(ty) = t.as_str() {
                        e[i].1 = Slot::Json(serde_json::json!([ty, "null"]));
                    }
                }
            } else {
                // "This, or null": the upgrade walks into both alternatives.
                let inner = if depth + 1 > MAX_DEPTH {
                    plain(e)
                } else {
                    object(e, depth + 1)
                };
                // Built by hand: `json!` would copy `inner` through `Serialize`.
                let mut null = Map::new();
                null.insert("type".into(), Value::String("null".into()));
                let mut any = Map::new();
                any.insert(
                    "anyOf".into(),
                    Value::Array(vec![inner, Value::Object(null)]),
                );
                return Value::Object(any);
            }
        }
    }
    for (flag, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(x) = position(&e, flag).and_then(|i| e[i].1.as_bool()) {
            let value = if x { remove(&mut e, bound) } else { None };
            match value {
                Some(v) => {
                    if let Some(i) = position(&e, flag) {
                        e[i].1 = v;
                    }
                }
                None => {
                    remove(&mut e, flag);
                }
            }
        }
    }
    let mut out = Map::new();
    for (k, slot) in e {
        let v = match slot {
            Slot::Json(v) => v,
            Slot::Node(n) => member(k, n, depth),
        };
        out.insert(k.to_string(), v);
    }
    Value::Object(out)
}

/// The members as they are.
fn plain(e: Entries<'_>) -> Value {
    let mut out = Map::new();
    for (k, slot) in e {
        let v = match slot {
            Slot::Json(v) => v,
            Slot::Node(n) => n.to_json(),
        };
        out.insert(k.to_string(), v);
    }
    Value::Object(out)
}

/// The value of member `key` of a schema: subschemas translated, the rest as written.
fn member(key: &str, n: &Node, depth: usize) -> Value {
    let list = |n: &Node| match n.as_array() {
        Some(a) => Value::Array(a.iter().map(|x| schema_30(x, depth + 1)).collect()),
        None => n.to_json(),
    };
    if SINGLE.contains(&key) || key == ITEMS {
        if n.as_object().is_some() {
            return schema_30(n, depth + 1);
        }
        if key == ITEMS {
            return list(n);
        }
        return n.to_json();
    }
    if LIST.contains(&key) {
        return list(n);
    }
    if MAP.contains(&key) {
        if let Some(m) = n.as_object() {
            let mut out = Map::new();
            for (name, s) in m.iter() {
                out.insert(name.to_string(), schema_30(s, depth + 1));
            }
            return Value::Object(out);
        }
    }
    n.to_json()
}

#[cfg(test)]
mod tests {
    use oaskit_core::{load_str, LoadOptions, Node};

    /// What the upgrade makes of `components/schemas`.
    fn upgraded(schemas: &Node) -> serde_json::Value {
        let span = schemas.span;
        let mut components = Node::object(span);
        components
            .as_object_mut()
            .unwrap()
            .insert("schemas", schemas.clone());
        let mut root = Node::object(span);
        let m = root.as_object_mut().unwrap();
        m.insert("openapi", Node::string("3.0.3", span));
        m.insert("components", components);
        oaskit_core::openapi_30_to_31(root).to_json()["components"]["schemas"].clone()
    }

    #[test]
    fn same_as_the_upgrade() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: string, nullable: true, maxLength: 3}\n    B: {$ref: '#/components/schemas/A', nullable: true, maxLength: 2, description: d, x-y: 1}\n    C: {type: number, minimum: 1, exclusiveMinimum: true, maximum: 5, exclusiveMaximum: false}\n    D: {type: number, exclusiveMaximum: true}\n    E:\n      type: object\n      properties:\n        a: {allOf: [{$ref: '#/components/schemas/C'}], nullable: true, exclusiveMinimum: true, minimum: 0}\n        b: {type: array, items: {type: integer, nullable: true}}\n        c: {type: [string], nullable: true}\n        d: {nullable: false, type: string}\n        e: {nullable: yes}\n      additionalProperties: {oneOf: [{type: string, nullable: true}, {not: {type: integer, nullable: true}}]}\n      example: {nullable: true}\n    F: true\n    G: {anyOf: [{type: string}], nullable: true, enum: [a, null]}\n";
        let loaded = load_str("api.yaml", text, &LoadOptions::new());
        let doc = loaded.document.expect("a document");
        let schemas = doc.root().pointer("/components/schemas").unwrap();
        let want = upgraded(schemas);
        assert_eq!(super::schemas_30(schemas), want);
        // The wrapped schema: `anyOf: [{...}, {type: null}]`, its members translated too.
        assert_eq!(
            want["E"]["properties"]["a"]["anyOf"][0]["exclusiveMinimum"],
            serde_json::json!(0)
        );
    }
}
