//! `operation-summary`: an operation has neither a summary nor a description.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "operation-summary",
    "recommended: an operation has neither `summary` nor `description`. Documentation lists \
     operations by their summary and SDKs turn it into the method's doc comment; without \
     either, readers have only the method and path.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for op in cx.api.operations() {
        if op.summary.is_none_or(str::is_empty) && op.description.is_none_or(str::is_empty) {
            out.at(
                &CODE,
                op.node,
                &op.pointer,
                format!(
                    "{} {} has neither summary nor description",
                    op.method.key().to_uppercase(),
                    op.path
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn neither() {
        let f = findings(&doc("paths:\n  /a:\n    get: {summary: s, responses: {'200': {description: ok}}}\n    put: {description: d, responses: {'200': {description: ok}}}\n    post: {responses: {'200': {description: ok}}}\n"), "operation-summary");
        assert_eq!(f, [(7, "/paths/~1a/post".to_string())]);
    }
}
