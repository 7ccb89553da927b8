//! `operation-id-duplicate`: operationIds are unique in the document.

use std::collections::HashMap;

use super::{diagnostic, Ctx, Op};
use crate::codes::Code;
use crate::node::{join, Node};
use crate::source::Span;

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "operation-id-duplicate",
    "Two operations share an operationId. The specification requires operationIds to be unique \
     in the document: links and tools (SDK generators name methods after them) find an operation \
     by its id. Rename one of them; the finding points at the second and notes the first.",
);

/// The operationIds met so far: where each was first used.
pub(super) type Seen = HashMap<String, (Span, String)>;

/// Checks `op`'s operationId against the ones met before it.
pub(super) fn check(cx: &mut Ctx<'_>, seen: &mut Seen, op: &Op<'_>) {
    let Some(id) = op.node.get("operationId").and_then(Node::as_str) else {
        return;
    };
    let id_node = op.node.get("operationId").unwrap_or(op.node);
    let id_ptr = join(&op.pointer, "operationId");
    if let Some((span, ptr)) = seen.get(id) {
        let d = diagnostic(
            &CODE,
            format!("operationId {id:?} is used by more than one operation"),
        )
        .with_related(*span, ptr.clone(), "first used here");
        cx.push(d, id_node, &id_ptr);
    } else {
        let (span, p) = cx.at(id_node, &id_ptr);
        seen.insert(id.to_string(), (span, p));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::{codes, findings};

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get: {operationId: x, responses: {'200': {description: ok}}}
  /b:
    get: {operationId: x, responses: {'200': {description: ok}}}
";

    #[test]
    fn a_reused_id_is_reported_at_its_second_use() {
        assert_eq!(codes(BAD), [super::CODE.name]);
        let f = findings(BAD, super::CODE.name);
        assert_eq!(f[0].1, "/paths/~1b/get/operationId");
    }

    #[test]
    fn distinct_ids_pass() {
        assert!(codes(&BAD.replacen("operationId: x", "operationId: y", 1)).is_empty());
    }
}
