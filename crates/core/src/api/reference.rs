//! The one place a consumer's `$ref` is followed: local references (`#/...`) within the
//! normalized document, each hop located, cycles and dangling targets stopped.

use crate::node::Node;
use crate::resolve::percent_decode;

/// The most references followed in one chain; a longer chain is a loop (`check` reports those).
pub const MAX_HOPS: usize = 64;

/// A node after its references were followed, with the JSON pointer where it stands.
#[derive(Clone, Debug)]
pub struct Resolved<'d> {
    /// The target (the node itself when it is no reference).
    pub node: &'d Node,
    /// Where the target stands in the document.
    pub pointer: String,
    /// Whether at least one `$ref` was followed.
    pub via_ref: bool,
    /// The `$ref` that could not be followed (external, dangling or looping), if any.
    pub unresolved: Option<&'d str>,
}

/// Follows local `$ref`s from `node` (found at `pointer`) to the node they name. A reference that
/// is not local, points at nothing, or loops stops the walk; the last node reached is returned
/// with the reference recorded in [`Resolved::unresolved`].
#[must_use]
pub fn follow<'d>(root: &'d Node, node: &'d Node, pointer: &str) -> Resolved<'d> {
    let mut cur = node;
    let mut at: Option<String> = None;
    for _ in 0..MAX_HOPS {
        let Some(r) = cur.ref_str() else {
            return Resolved {
                node: cur,
                via_ref: at.is_some(),
                pointer: at.unwrap_or_else(|| pointer.to_string()),
                unresolved: None,
            };
        };
        let target = r.strip_prefix('#').and_then(|frag| {
            let p = percent_decode(frag);
            root.pointer(&p).map(|t| (t, p))
        });
        match target {
            Some((t, p)) => {
                cur = t;
                at = Some(p);
            }
            None => {
                return Resolved {
                    node: cur,
                    via_ref: at.is_some(),
                    pointer: at.unwrap_or_else(|| pointer.to_string()),
                    unresolved: Some(r),
                }
            }
        }
    }
    Resolved {
        node: cur,
        via_ref: true,
        pointer: at.unwrap_or_else(|| pointer.to_string()),
        unresolved: cur.ref_str(),
    }
}

/// Whether `node` is a Reference Object (`{"$ref": ...}`).
#[must_use]
pub fn is_reference(node: &Node) -> bool {
    node.ref_str().is_some()
}

/// The target of a reference string, when it is local and exists.
#[must_use]
pub fn target<'d>(root: &'d Node, reference: &str) -> Option<(&'d Node, String)> {
    let p = percent_decode(reference.strip_prefix('#')?);
    root.pointer(&p).map(|t| (t, p))
}

/// The `$ref` string of a JSON value, when it is a Reference Object (for consumers that work
/// on `serde_json` copies of the tree).
#[must_use]
pub fn json_ref(v: &serde_json::Value) -> Option<&str> {
    v.get("$ref")?.as_str()
}

/// [`follow`] over a `serde_json` copy of the document: the target and its pointer (`pointer`
/// when `v` is no local reference that resolves).
#[must_use]
pub fn follow_json<'v>(
    root: &'v serde_json::Value,
    v: &'v serde_json::Value,
    pointer: &str,
) -> (&'v serde_json::Value, String) {
    let mut cur = v;
    let mut at: Option<String> = None;
    for _ in 0..MAX_HOPS {
        let Some(p) = json_ref(cur)
            .and_then(|r| r.strip_prefix('#'))
            .map(percent_decode)
        else {
            break;
        };
        match crate::json_pointer(root, &p) {
            Some(t) => {
                cur = t;
                at = Some(p);
            }
            None => break,
        }
    }
    (cur, at.unwrap_or_else(|| pointer.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn tree(json: &str) -> Node {
        Node::from_json(&serde_json::from_str(json).unwrap(), Span::default())
    }

    #[test]
    fn follows_chains_and_stops_at_loops_and_dangling_targets() {
        let root = tree(
            r##"{"a": {"$ref": "#/b"}, "b": {"$ref": "#/c%20d"}, "c d": {"x": 1},
                "l": {"$ref": "#/m"}, "m": {"$ref": "#/l"}, "n": {"$ref": "#/nope"},
                "e": {"$ref": "other.yaml#/x"}}"##,
        );
        let r = follow(&root, root.get("a").unwrap(), "/a");
        assert_eq!((r.pointer.as_str(), r.via_ref), ("/c d", true));
        assert!(r.unresolved.is_none() && r.node.get("x").is_some());
        let r = follow(&root, root.get("l").unwrap(), "/l");
        assert!(r.unresolved.is_some());
        let r = follow(&root, root.get("n").unwrap(), "/n");
        assert_eq!((r.pointer.as_str(), r.unresolved), ("/n", Some("#/nope")));
        let r = follow(&root, root.get("e").unwrap(), "/e");
        assert_eq!(r.unresolved, Some("other.yaml#/x"));
        let r = follow(&root, root.get("c d").unwrap(), "/c d");
        assert_eq!((r.pointer.as_str(), r.via_ref), ("/c d", false));
    }
}
