//! Combining two OpenAPI 3 documents the way API gateways' "merge" import mode does.

use crate::diag::Diagnostic;
use crate::node::{join, Map, Node, Value};

/// Merges `incoming` into `existing`: new paths, operations and components are added;
/// where both define the same operation or component differently, the incoming one wins and a
/// `merge-conflict` warning names it (at the incoming node). Top-level fields that the
/// existing document lacks (tags, servers, security) are taken from the incoming one; tags
/// are united by name.
#[must_use]
pub fn merge(mut existing: Node, incoming: &Node) -> (Node, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let span = existing.span;
    let (Some(dst), Some(src)) = (existing.as_object_mut(), incoming.as_object()) else {
        return (existing, diags);
    };
    for (key, value) in src.iter() {
        match key {
            "openapi" | "info" => {}
            "paths" | "webhooks" => {
                let target = dst.object_entry(key, span);
                merge_paths(target, value, &join("", key), &mut diags);
            }
            "components" => {
                let target = dst.object_entry(key, span);
                let Some(sections) = value.as_object() else {
                    continue;
                };
                for (section, items) in sections.iter() {
                    let sec = target.object_entry(section, span);
                    let Some(items) = items.as_object() else {
                        continue;
                    };
                    for e in &items.entries {
                        add(
                            sec,
                            e,
                            &join(&join("/components", section), &e.key),
                            &mut diags,
                        );
                    }
                }
            }
            "tags" => {
                let Some(new_tags) = value.as_array() else {
                    continue;
                };
                if !dst.contains("tags") {
                    dst.insert("tags", Node::new(Value::Array(Vec::new()), value.span));
                }
                if let Some(Value::Array(tags)) = dst.get_mut("tags").map(|t| &mut t.value) {
                    for t in new_tags {
                        let name = t.get("name").and_then(Node::as_str);
                        if !tags
                            .iter()
                            .any(|x| x.get("name").and_then(Node::as_str) == name)
                        {
                            tags.push(t.clone());
                        }
                    }
                }
            }
            _ => {
                if !dst.contains(key) {
                    dst.insert(key, value.clone());
                }
            }
        }
    }
    (existing, diags)
}

fn add(dst: &mut Map, e: &crate::node::Entry, pointer: &str, diags: &mut Vec<Diagnostic>) {
    match dst.get(&e.key) {
        Some(old) if old.same_as(&e.value) => {}
        Some(_) => {
            diags.push(
                Diagnostic::warning("merge-conflict", format!("{pointer} exists in both documents with different content; the imported one replaces it"))
                    .at(e.value.span, pointer),
            );
            dst.insert(&e.key, e.value.clone());
        }
        None => dst.entries.push(e.clone()),
    }
}

fn merge_paths(dst: &mut Map, src: &Node, base: &str, diags: &mut Vec<Diagnostic>) {
    let Some(src) = src.as_object() else { return };
    for e in &src.entries {
        let ptr = join(base, &e.key);
        let existing = dst.get_mut(&e.key);
        match (existing, e.value.as_object()) {
            (Some(old), Some(new_item))
                if old.as_object().is_some()
                    && old.ref_str().is_none()
                    && e.value.ref_str().is_none() =>
            {
                let Some(old_map) = old.as_object_mut() else {
                    continue;
                };
                for op in &new_item.entries {
                    add(old_map, op, &join(&ptr, &op.key), diags);
                }
            }
            _ => add(dst, e, &ptr, diags),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> Node {
        crate::json::parse(s, 0, 64).unwrap()
    }

    #[test]
    fn adds_and_reports_conflicts() {
        let a = j(
            r#"{"openapi":"3.0.3","info":{},"paths":{"/a":{"get":{"x":1}}},"components":{"schemas":{"A":{"type":"string"}}}}"#,
        );
        let b = j(
            r#"{"openapi":"3.0.3","info":{},"paths":{"/a":{"post":{"y":1},"get":{"x":2}},"/b":{}},"components":{"schemas":{"A":{"type":"string"},"B":{}}}}"#,
        );
        let (m, d) = merge(a, &b);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.as_ref().unwrap().pointer, "/paths/~1a/get");
        assert!(m.pointer("/paths/~1a/post").is_some());
        assert!(m.pointer("/paths/~1b").is_some());
        assert!(m.pointer("/components/schemas/B").is_some());
    }
}
