//! What one direction's schemas reach: the subtrees of the validation JSON that the schemas of
//! requests (or of responses) can apply, through `$ref`s and discriminator mappings, and a copy
//! of the document that holds only those, every node at its own JSON pointer.
//!
//! Why (issue 12, `oaskit serve` on GitHub's definition): each direction was translated and
//! registered from a copy of the whole document. The request schemas of GitHub's definition
//! reach 0.7 MB of its 6.9 MB, the response schemas 1.2 MB; descriptions, examples, tags and
//! the schemas of the other direction were copied twice for nothing.
//!
//! A document whose schemas name resources other than by a local JSON pointer (`$id`,
//! `$anchor`, `$dynamicRef`, a `$ref` that is not `#/...`) is not pruned: which subtrees such a
//! reference reaches is the JSON Schema library's business, not this module's.

use serde_json::{Map, Value};

/// Keywords that name or find resources by something other than a JSON pointer.
const RESOURCE_KEYWORDS: &[&str] = &[
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$dynamicRef",
    "$recursiveAnchor",
    "$recursiveRef",
];

/// How deep a subtree is scanned; deeper nodes keep the whole document.
const MAX_DEPTH: usize = 512;

/// The JSON pointers (decoded, `/a/b`) of the subtrees of `root` that the schemas at `starts`
/// reach, none inside another, each cut at its first array (a pointer through
/// `.../parameters/0/schema` keeps `.../parameters` whole, so no array is ever partial). `None`
/// when the document cannot be pruned: a reference that is not a local JSON pointer, a resource
/// keyword, a start that is the whole document, or nesting deeper than [`MAX_DEPTH`].
pub(crate) fn reach<'s>(
    root: &Value,
    starts: impl IntoIterator<Item = &'s str>,
) -> Option<Vec<String>> {
    let components = root.pointer("/components/schemas").is_some();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut todo: Vec<String> = starts.into_iter().map(str::to_string).collect();
    while let Some(p) = todo.pop() {
        if p.is_empty() {
            return None;
        }
        if seen.contains(&p) || has_seen_ancestor(&seen, &p) {
            continue;
        }
        let Some(node) = oaskit_core::json_pointer(root, &p) else {
            // A dangling reference: compiling it fails the same way with or without pruning.
            continue;
        };
        scan(node, components, &mut todo)?;
        seen.insert(p);
    }
    let mut kept: Vec<String> = seen.iter().map(|p| cut_at_array(root, p)).collect();
    kept.sort_unstable();
    kept.dedup();
    let mut out: Vec<String> = Vec::with_capacity(kept.len());
    for p in kept {
        if out.last().is_some_and(|a| is_within(&p, a)) {
            continue;
        }
        out.push(p);
    }
    Some(out)
}

/// Whether `p` lies strictly inside the subtree at `ancestor`.
fn is_within(p: &str, ancestor: &str) -> bool {
    p.len() > ancestor.len() && p.starts_with(ancestor) && p.as_bytes()[ancestor.len()] == b'/'
}

/// Whether a strict ancestor of `p` is in `seen`.
pub(crate) fn has_seen_ancestor(seen: &std::collections::HashSet<String>, p: &str) -> bool {
    p.match_indices('/')
        .skip(1)
        .any(|(i, _)| seen.contains(&p[..i]))
}

/// Pushes the targets (decoded pointers) of every reference in `node` onto `todo`; `None` for
/// one the pruning cannot follow.
pub(crate) fn scan(node: &Value, components: bool, todo: &mut Vec<String>) -> Option<()> {
    let mut stack: Vec<(&Value, usize)> = vec![(node, 0)];
    while let Some((v, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return None;
        }
        match v {
            Value::Object(m) => {
                if RESOURCE_KEYWORDS.iter().any(|k| m.contains_key(*k)) {
                    return None;
                }
                if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                    todo.push(local_pointer(r)?);
                }
                if let Some(map) = m
                    .get("discriminator")
                    .and_then(|d| d.get("mapping"))
                    .and_then(Value::as_object)
                {
                    for t in map.values().filter_map(Value::as_str) {
                        todo.push(mapping_pointer(t, components)?);
                    }
                }
                stack.extend(m.values().map(|c| (c, depth + 1)));
            }
            Value::Array(a) => stack.extend(a.iter().map(|c| (c, depth + 1))),
            _ => {}
        }
    }
    Some(())
}

/// The pointer a `$ref` names in this document, when it is a local JSON pointer.
fn local_pointer(r: &str) -> Option<String> {
    let frag = r.strip_prefix('#')?;
    if !frag.starts_with('/') {
        return None;
    }
    Some(oaskit_core::percent_decode(frag))
}

/// Where a discriminator mapping value points, as the translation reads it.
fn mapping_pointer(t: &str, components: bool) -> Option<String> {
    if t.starts_with('#') {
        local_pointer(t)
    } else if t.contains('/') {
        None
    } else if components {
        Some(format!(
            "/components/schemas/{}",
            oaskit_core::escape_token(t)
        ))
    } else {
        Some(format!("/definitions/{}", oaskit_core::escape_token(t)))
    }
}

/// `p` cut before its first array index: the subtree kept whole.
fn cut_at_array(root: &Value, p: &str) -> String {
    let mut node = root;
    let mut end = 0;
    for token in p.split('/').skip(1) {
        if node.is_array() {
            // `end` is where the array's own pointer ends.
            return p[..end].to_string();
        }
        match node.get(oaskit_core::unescape_token(token).as_str()) {
            Some(n) => node = n,
            None => return p.to_string(),
        }
        end += 1 + token.len();
    }
    p.to_string()
}

/// A copy of `root` holding only the subtrees at `kept` (as [`reach`] returns them), each at
/// its own pointer, inside objects that hold nothing else.
pub(crate) fn sparse_copy(root: &Value, kept: &[String]) -> Value {
    let mut out = Map::new();
    for p in kept {
        if let Some(v) = oaskit_core::json_pointer(root, p) {
            crate::source::place(&mut out, p, v.clone());
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::{reach, sparse_copy};
    use serde_json::json;

    #[test]
    fn references_and_mappings_are_followed_and_arrays_kept_whole() {
        let root = json!({
            "paths": {"/a": {"get": {"parameters": [
                {"name": "x", "in": "query", "schema": {"$ref": "#/components/schemas/X"}}
            ]}}},
            "components": {"schemas": {
                "X": {"type": "object", "properties": {"y": {"$ref": "#/components/schemas/Y%20Z"}}},
                "Y Z": {"oneOf": [{"$ref": "#/components/schemas/X"}],
                        "discriminator": {"propertyName": "k", "mapping": {"w": "W"}}},
                "W": {"type": "string"},
                "Unused": {"type": "string", "description": "big"}
            }}
        });
        let kept = reach(&root, ["/paths/~1a/get/parameters/0/schema"]).expect("prunable");
        assert_eq!(
            kept,
            [
                "/components/schemas/W",
                "/components/schemas/X",
                "/components/schemas/Y Z",
                "/paths/~1a/get/parameters",
            ]
        );
        let copy = sparse_copy(&root, &kept);
        assert!(copy.pointer("/components/schemas/Unused").is_none());
        for p in &kept {
            assert_eq!(copy.pointer(p), root.pointer(p), "{p}");
        }
    }

    #[test]
    fn inner_pointers_keep_their_place_and_ancestors_absorb_them() {
        let root = json!({"components": {"schemas": {
            "A": {"type": "object", "properties": {"b": {"type": "integer"}}, "required": ["b"]},
            "C": {"$ref": "#/components/schemas/A/properties/b"}
        }}});
        let kept = reach(&root, ["/components/schemas/C"]).expect("prunable");
        assert_eq!(
            kept,
            [
                "/components/schemas/A/properties/b",
                "/components/schemas/C"
            ]
        );
        let copy = sparse_copy(&root, &kept);
        assert_eq!(
            copy.pointer("/components/schemas/A"),
            Some(&json!({"properties": {"b": {"type": "integer"}}}))
        );
        let both =
            reach(&root, ["/components/schemas/C", "/components/schemas/A"]).expect("prunable");
        assert_eq!(both, ["/components/schemas/A", "/components/schemas/C"]);
    }

    #[test]
    fn other_kinds_of_reference_keep_the_whole_document() {
        for schema in [
            json!({"$ref": "https://example.com/s.json"}),
            json!({"$ref": "#anchor"}),
            json!({"$ref": "#"}),
            json!({"$id": "https://example.com/s", "type": "string"}),
            json!({"properties": {"a": {"$dynamicRef": "#meta"}}}),
            json!({"oneOf": [], "discriminator": {"propertyName": "k", "mapping": {"a": "other.json#/X"}}}),
        ] {
            let root = json!({"components": {"schemas": {"S": schema}}});
            assert_eq!(reach(&root, ["/components/schemas/S"]), None, "{root}");
        }
        let root = json!({"components": {"schemas": {"S": {"type": "string"}}}});
        assert_eq!(reach(&root, [""]), None);
    }

    #[test]
    fn cycles_and_dangling_references_end() {
        let root = json!({"components": {"schemas": {
            "A": {"items": {"$ref": "#/components/schemas/B"}},
            "B": {"items": {"$ref": "#/components/schemas/A"}, "not": {"$ref": "#/components/schemas/Gone"}}
        }}});
        assert_eq!(
            reach(&root, ["/components/schemas/A"]).expect("prunable"),
            ["/components/schemas/A", "/components/schemas/B"]
        );
    }
}
