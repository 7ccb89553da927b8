//! `operation-tag-undeclared`: an operation uses a tag the top-level `tags` list lacks.

use std::collections::HashSet;

use super::{Cx, Out};
use oaskit_core::codes::Code;
use oaskit_core::Node;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "operation-tag-undeclared",
    "recommended: an operation's tag is not declared in the top-level `tags` list. Declared \
     tags carry the description and order documentation shows; an undeclared one appears \
     without text, after the others, and is often a typo of a declared one.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let declared: HashSet<&str> = cx
        .root
        .get("tags")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|t| t.get("name").and_then(Node::as_str))
        .collect();
    for op in cx.api.operations() {
        let Some(list) = op.node.get("tags").and_then(Node::as_array) else {
            continue;
        };
        for (i, t) in list.iter().enumerate() {
            let Some(name) = t.as_str() else { continue };
            if !declared.contains(name) {
                let at = format!("{}/tags/{i}", op.pointer);
                out.at(
                    &CODE,
                    t,
                    &at,
                    format!("tag {name:?} is not declared in the top-level `tags`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn undeclared() {
        let f = findings(&doc("tags: [{name: a}]\npaths:\n  /a:\n    get:\n      tags: [a, b]\n      responses: {'200': {description: ok}}\n"), "operation-tag-undeclared");
        assert_eq!(f, [(7, "/paths/~1a/get/tags/1".to_string())]);
    }
}
