//! `operation-success-response`: an operation documents no success.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "operation-success-response",
    "recommended: an operation documents no 2xx or 3xx response (only errors, or only \
     `default`). Clients and SDKs cannot tell what a successful call returns.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for op in cx.api.operations() {
        if op.node.get("responses").is_none() {
            continue; // The specification's own schema reports a missing `responses`.
        }
        let success = op.responses.iter().any(|r| {
            let k = r.key.as_bytes();
            matches!(k.first(), Some(b'2' | b'3')) && k.len() == 3
        });
        if !success {
            let node = op.node.get("responses").unwrap_or(op.node);
            let at = oaskit_core::join_pointer(&op.pointer, "responses");
            out.at(
                &CODE,
                node,
                &at,
                format!(
                    "{} {} documents no 2xx or 3xx response",
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
    fn no_success() {
        let f = findings(&doc("paths:\n  /a:\n    get: {responses: {'2XX': {description: ok}}}\n    put: {responses: {default: {description: ok}, '404': {description: no}}}\n    post: {responses: {'302': {description: moved}}}\n"), "operation-success-response");
        assert_eq!(f, [(6, "/paths/~1a/put/responses".to_string())]);
    }
}
