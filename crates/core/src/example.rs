//! Example values generated from schemas: Postman request bodies today, mock responses next.

use crate::node::Node;
use serde_json::{json, Map, Value};

/// An example for `schema`: its `example`/`examples`/`default`/first `enum` value when it has
/// one, otherwise a value built from its type and format, with every required property and
/// the optional ones up to a small depth.
#[must_use]
pub fn example(root: &Node, schema: &Node, depth: usize) -> Value {
    let s = resolve(root, schema);
    if depth > 6 {
        return Value::Null;
    }
    if let Some(x) = s.get("example") {
        return x.to_json();
    }
    if let Some(first) = s
        .get("examples")
        .and_then(Node::as_array)
        .and_then(|a| a.first())
    {
        return first.to_json();
    }
    if let Some(d) = s.get("default") {
        return d.to_json();
    }
    if let Some(c) = s.get("const") {
        return c.to_json();
    }
    if let Some(first) = s
        .get("enum")
        .and_then(Node::as_array)
        .and_then(|a| a.first())
    {
        return first.to_json();
    }
    for key in ["allOf"] {
        if let Some(list) = s.get(key).and_then(Node::as_array) {
            let mut merged = Map::new();
            for m in list {
                if let Value::Object(o) = example(root, m, depth + 1) {
                    merged.extend(o);
                }
            }
            if let Value::Object(own) = object(root, s, depth) {
                merged.extend(own);
            }
            return Value::Object(merged);
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(first) = s.get(key).and_then(Node::as_array).and_then(|a| a.first()) {
            return example(root, first, depth + 1);
        }
    }
    let ty = match s.get("type") {
        Some(t) => t.as_str().map(str::to_string).or_else(|| {
            t.as_array()
                .and_then(|a| a.iter().filter_map(Node::as_str).find(|x| *x != "null"))
                .map(str::to_string)
        }),
        None if s.get("properties").is_some() => Some("object".into()),
        None if s.get("items").is_some() => Some("array".into()),
        None => None,
    };
    let format = s.get("format").and_then(Node::as_str).unwrap_or("");
    let num = |k: &str| s.get(k).and_then(|n| n.to_json().as_f64());
    match ty.as_deref() {
        Some("object") => object(root, s, depth),
        Some("array") => match s.get("items") {
            Some(items) => {
                let n = num("minItems").unwrap_or(1.0).max(1.0) as usize;
                Value::Array(
                    (0..n.min(3))
                        .map(|_| example(root, items, depth + 1))
                        .collect(),
                )
            }
            None => json!([]),
        },
        Some("integer") => json!(num("minimum").map_or(0, |m| m.ceil() as i64)),
        Some("number") => json!(num("minimum").unwrap_or(0.0)),
        Some("boolean") => json!(true),
        Some("null") => Value::Null,
        Some("string") | None => {
            let text = match format {
                "date-time" => "2024-01-01T00:00:00Z".to_string(),
                "date" => "2024-01-01".into(),
                "time" => "00:00:00Z".into(),
                "uuid" => "00000000-0000-4000-8000-000000000000".into(),
                "email" => "user@example.com".into(),
                "uri" | "url" => "https://example.com".into(),
                "hostname" => "example.com".into(),
                "ipv4" => "192.0.2.1".into(),
                "ipv6" => "2001:db8::1".into(),
                "byte" => "ZXhhbXBsZQ==".into(),
                "password" => "********".into(),
                _ => "string".into(),
            };
            let min = num("minLength").unwrap_or(0.0) as usize;
            if text.len() < min {
                json!(text.repeat(min / text.len().max(1) + 1))
            } else {
                json!(text)
            }
        }
        Some(_) => Value::Null,
    }
}

fn object(root: &Node, s: &Node, depth: usize) -> Value {
    let mut out = Map::new();
    let required: Vec<&str> = s
        .get("required")
        .and_then(Node::as_array)
        .map(|a| a.iter().filter_map(Node::as_str).collect())
        .unwrap_or_default();
    if let Some(props) = s.get("properties").and_then(Node::as_object) {
        for (k, p) in props.iter() {
            let rp = resolve(root, p);
            if rp.get("readOnly").and_then(Node::as_bool) == Some(true) {
                continue; // not sent in requests
            }
            if required.contains(&k) || depth < 3 {
                out.insert(k.to_string(), example(root, p, depth + 1));
            }
        }
    }
    Value::Object(out)
}

fn resolve<'a>(root: &'a Node, n: &'a Node) -> &'a Node {
    crate::api::reference::follow(root, n, "").node
}
