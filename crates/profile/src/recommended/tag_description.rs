//! `tag-description`: a declared tag has no description.

use super::{Cx, Out};
use oaskit_core::codes::Code;
use oaskit_core::Node;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "tag-description",
    "recommended: a tag of the top-level `tags` list has no `description`. Documentation \
     portals show tags as the chapters of the API; a chapter without text explains nothing.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let Some(tags) = cx.root.get("tags").and_then(Node::as_array) else {
        return;
    };
    for (i, t) in tags.iter().enumerate() {
        if t.get("description")
            .and_then(Node::as_str)
            .is_none_or(str::is_empty)
        {
            let name = t.get("name").and_then(Node::as_str).unwrap_or("");
            out.at(
                &CODE,
                t,
                &format!("/tags/{i}"),
                format!("tag {name:?} has no description"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn undescribed_tags() {
        let f = findings(
            &doc("tags:\n  - {name: a, description: A}\n  - {name: b}\npaths: {}\n"),
            "tag-description",
        );
        assert_eq!(f, [(5, "/tags/1".to_string())]);
    }
}
