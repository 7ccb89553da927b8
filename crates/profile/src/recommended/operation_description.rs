//! `operation-description`: an operation has no description.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "operation-description",
    "recommended: an operation has no `description`. A summary names the operation; the \
     description says what it does, its side effects and its errors.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for op in cx.api.operations() {
        if op.description.is_none_or(str::is_empty) {
            out.at(
                &CODE,
                op.node,
                &op.pointer,
                format!(
                    "{} {} has no description",
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
    fn missing() {
        let f = findings(&doc("paths:\n  /a:\n    get: {summary: s, responses: {'200': {description: ok}}}\n    put: {description: d, responses: {'200': {description: ok}}}\n"), "operation-description");
        assert_eq!(f, [(5, "/paths/~1a/get".to_string())]);
    }
}
