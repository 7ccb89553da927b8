//! Visiting every Schema Object of a document, with its JSON pointer.

use oaskit_core::{join_pointer as join, Node, Value};

use oaskit_core::subschemas::{ITEMS, LIST, MAP, SINGLE};

/// Calls `f` on every schema (outermost first, then the subschemas of what `f` left).
pub(crate) fn schemas_mut(root: &mut Node, f: &mut dyn FnMut(&mut Node, &str)) {
    document(root, "", f, 0);
}

fn document(n: &mut Node, ptr: &str, f: &mut dyn FnMut(&mut Node, &str), depth: usize) {
    if depth > 128 {
        return;
    }
    match &mut n.value {
        Value::Object(m) => {
            for e in &mut m.entries {
                let k: &str = &e.key;
                if k.starts_with("x-") || k == "example" || k == "examples" || k == "default" {
                    continue;
                }
                let p = join(ptr, k);
                if k == "schema" {
                    schema(&mut e.value, &p, f, 0);
                } else if k == "schemas" || k == "definitions" {
                    if let Value::Object(s) = &mut e.value.value {
                        for x in &mut s.entries {
                            let xp = join(&p, &x.key);
                            schema(&mut x.value, &xp, f, 0);
                        }
                    }
                } else {
                    document(&mut e.value, &p, f, depth + 1);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                document(x, &join(ptr, &i.to_string()), f, depth + 1);
            }
        }
        _ => {}
    }
}

fn schema(n: &mut Node, ptr: &str, f: &mut dyn FnMut(&mut Node, &str), depth: usize) {
    if depth > 256 {
        return;
    }
    f(n, ptr);
    let Value::Object(m) = &mut n.value else {
        return;
    };
    for e in &mut m.entries {
        let k: &str = &e.key;
        let p = join(ptr, k);
        if SINGLE.contains(&k) || k == ITEMS {
            // `additionalProperties: true/false` is a flag in every version, not a schema to
            // convert (a *property* named `additionalProperties` is visited under MAP below).
            if k == "additionalProperties" && matches!(e.value.value, Value::Bool(_)) {
                continue;
            }
            if matches!(e.value.value, Value::Object(_) | Value::Bool(_)) {
                schema(&mut e.value, &p, f, depth + 1);
            } else if let Value::Array(a) = &mut e.value.value {
                for (i, x) in a.iter_mut().enumerate() {
                    schema(x, &join(&p, &i.to_string()), f, depth + 1);
                }
            }
        } else if LIST.contains(&k) {
            if let Value::Array(a) = &mut e.value.value {
                for (i, x) in a.iter_mut().enumerate() {
                    schema(x, &join(&p, &i.to_string()), f, depth + 1);
                }
            }
        } else if MAP.contains(&k) {
            if let Value::Object(mm) = &mut e.value.value {
                for x in &mut mm.entries {
                    let xp = join(&p, &x.key);
                    schema(&mut x.value, &xp, f, depth + 1);
                }
            }
        }
    }
}

/// Rewrites every local `$ref` with `f` (which returns the new reference, if any).
pub(crate) fn refs_mut(n: &mut Node, f: &mut dyn FnMut(&str) -> Option<String>, depth: usize) {
    refs_in(n, f, false, depth);
}

fn refs_in(n: &mut Node, f: &mut dyn FnMut(&str) -> Option<String>, name_map: bool, depth: usize) {
    if depth > 512 {
        return;
    }
    match &mut n.value {
        Value::Object(m) => {
            if !name_map {
                if let Some(r) = m.get_mut("$ref") {
                    if let Value::String(s) = &r.value {
                        if let Some(new) = f(s) {
                            r.value = Value::String(new.into());
                        }
                    }
                }
            }
            for e in &mut m.entries {
                if !name_map
                    && (e.key.as_ref() == "$ref"
                        || e.key.starts_with("x-")
                        || e.key.as_ref() == "example")
                {
                    continue;
                }
                let child_map = !name_map && MAP.contains(&e.key.as_ref());
                refs_in(&mut e.value, f, child_map, depth + 1);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| refs_in(x, f, false, depth + 1)),
        _ => {}
    }
}

/// Objects of the document whose keys are names (of components, statuses, media types), so
/// that an entry named `example` or `$ref` is not taken for the keyword.
const NAME_MAPS: [&str; 13] = [
    "schemas",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "securitySchemes",
    "securityDefinitions",
    "links",
    "callbacks",
    "examples",
    "content",
    "webhooks",
    "x-webhooks",
];

/// A Reference Object found by [`reference_objects_mut`]: where it is, and its `$ref` as
/// written before `f` rewrote it.
pub(crate) struct FoundRef {
    pub tokens: Vec<String>,
    pub pointer: String,
    pub original: String,
}

/// Calls `f` on the `$ref` string of every Reference Object (an object whose `$ref` is a
/// string) anywhere in `n`, extensions included, literal `example` values excluded, and lists
/// them. A Reference Object's siblings are not entered (they are ignored by every version).
pub(crate) fn reference_objects_mut(
    n: &mut Node,
    ptr: &str,
    f: &mut dyn FnMut(&str) -> Option<String>,
) -> Vec<FoundRef> {
    let mut found = Vec::new();
    let mut tokens = Vec::new();
    references_in(n, ptr, &mut tokens, f, &mut found, false, 0);
    found
}

fn references_in(
    n: &mut Node,
    ptr: &str,
    tokens: &mut Vec<String>,
    f: &mut dyn FnMut(&str) -> Option<String>,
    found: &mut Vec<FoundRef>,
    name_map: bool,
    depth: usize,
) {
    if depth > 512 {
        return;
    }
    match &mut n.value {
        Value::Object(m) => {
            // In a map of names (`properties`...), `$ref` and `example` are names.
            if let Some(r) = m.get_mut("$ref").filter(|_| !name_map) {
                if let Value::String(s) = &r.value {
                    let original = s.to_string();
                    if let Some(new) = f(&original) {
                        r.value = Value::String(new.into());
                    }
                    found.push(FoundRef {
                        tokens: tokens.clone(),
                        pointer: ptr.to_string(),
                        original,
                    });
                    return;
                }
            }
            for e in &mut m.entries {
                if !name_map && e.key.as_ref() == "example" {
                    continue;
                }
                let child_map = !name_map
                    && (MAP.contains(&e.key.as_ref()) || NAME_MAPS.contains(&e.key.as_ref()));
                tokens.push(e.key.to_string());
                let p = join(ptr, &e.key);
                references_in(&mut e.value, &p, tokens, f, found, child_map, depth + 1);
                tokens.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                tokens.push(i.to_string());
                let p = join(ptr, &i.to_string());
                references_in(x, &p, tokens, f, found, false, depth + 1);
                tokens.pop();
            }
        }
        _ => {}
    }
}
