//! `operation-id-url-safe`: an `operationId` has characters a URL cannot hold.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "operation-id-url-safe",
    "recommended: an `operationId` has a character that is not allowed in a URL (a space, a \
     quote, `%`, a non-ASCII letter...). Documentation portals and gateways put operation ids \
     in URLs and anchors; such a character breaks the link or gets escaped differently by \
     each tool.",
);

/// The characters RFC 3986 allows unescaped in a URL.
fn url_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=".contains(c)
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for op in cx.api.operations() {
        let Some(id) = op.operation_id else { continue };
        if let Some(bad) = id.chars().find(|c| !url_safe(*c)) {
            let node = op.node.get("operationId").unwrap_or(op.node);
            let at = oaskit_core::join_pointer(&op.pointer, "operationId");
            out.at(
                &CODE,
                node,
                &at,
                format!("operationId {id:?} has {bad:?}, which a URL cannot hold unescaped"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn unsafe_ids() {
        let f = findings(&doc("paths:\n  /a:\n    get: {operationId: 'repos/get-a', responses: {'200': {description: ok}}}\n    put: {operationId: 'put a', responses: {'200': {description: ok}}}\n"), "operation-id-url-safe");
        assert_eq!(f, [(6, "/paths/~1a/put/operationId".to_string())]);
    }
}
