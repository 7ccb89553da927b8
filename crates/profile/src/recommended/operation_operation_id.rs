//! `operation-operation-id`: an operation has no `operationId`.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "operation-operation-id",
    "recommended: an operation has no `operationId`. SDK generators name methods after it \
     (without one they invent names from the method and path, which change when the path \
     does), and links, documentation anchors and gateways refer to operations by it.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for op in cx.api.operations() {
        if op.operation_id.is_none_or(str::is_empty) {
            out.at(
                &CODE,
                op.node,
                &op.pointer,
                format!(
                    "{} {} has no operationId",
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
    fn missing_operation_id() {
        let f = findings(&doc("paths:\n  /a:\n    get: {operationId: getA, responses: {'200': {description: ok}}}\n    put: {responses: {'200': {description: ok}}}\n"), "operation-operation-id");
        assert_eq!(f, [(6, "/paths/~1a/put".to_string())]);
    }
}
