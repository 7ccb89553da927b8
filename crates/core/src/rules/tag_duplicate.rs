//! `tag-duplicate`: tag names in the root `tags` list are unique.

use std::collections::HashSet;

use super::{diagnostic, Ctx};
use crate::codes::Code;
use crate::node::{join, Node};

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "tag-duplicate",
    "The root `tags` list names a tag twice. Each tag name must be unique there; tools that \
     group operations by tag (documentation, SDK modules) cannot tell which description \
     applies. Merge the two entries.",
);

/// Checks the root `tags` list.
pub(super) fn check(cx: &mut Ctx<'_>) {
    let Some(list) = cx.root.get("tags").and_then(Node::as_array) else {
        return;
    };
    let mut seen = HashSet::new();
    for (i, t) in list.iter().enumerate() {
        let Some(name) = t.get("name").and_then(Node::as_str) else {
            continue;
        };
        if !seen.insert(name) {
            cx.push(
                diagnostic(&CODE, format!("tag {name:?} is declared twice")),
                t,
                &join("/tags", &i.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::{codes, findings};

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
tags: [{name: pets}, {name: owners}, {name: pets}]
paths: {}
";

    #[test]
    fn a_tag_declared_twice_is_reported_at_the_second() {
        assert!(codes(BAD).contains(&super::CODE.name), "{:?}", codes(BAD));
        assert_eq!(findings(BAD, super::CODE.name)[0].1, "/tags/2");
    }

    #[test]
    fn distinct_tags_pass() {
        assert!(codes(&BAD.replace(", {name: pets}]", "]")).is_empty());
    }
}
