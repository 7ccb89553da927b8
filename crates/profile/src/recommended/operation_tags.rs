//! `operation-tags`: an operation has no tag.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "operation-tags",
    "recommended: an operation has no tag. Documentation portals group operations by tag and \
     SDK generators split clients by it; an untagged operation lands in a catch-all group.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for op in cx.api.operations() {
        if op.tags.is_empty() {
            out.at(
                &CODE,
                op.node,
                &op.pointer,
                format!("{} {} has no tag", op.method.key().to_uppercase(), op.path),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn untagged() {
        let f = findings(&doc("paths:\n  /a:\n    get: {tags: [t], responses: {'200': {description: ok}}}\n    put: {tags: [], responses: {'200': {description: ok}}}\n"), "operation-tags");
        assert_eq!(f, [(6, "/paths/~1a/put".to_string())]);
    }
}
