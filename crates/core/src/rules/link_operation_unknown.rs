//! `link-operation-unknown`: a link's `operationId` names an operation of the document.

use std::collections::HashSet;

use super::{diagnostic, Ctx};
use crate::codes::Code;
use crate::node::{join, Node};
use crate::version::SpecVersion;

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "link-operation-unknown",
    "A link names an operationId that no operation has. A Link Object's `operationId` must be \
     the operationId of an operation in the document (or use `operationRef` for one elsewhere). \
     Fix the id.",
);

/// Checks every link: those of responses of operations, and those under components/links.
pub(super) fn check(cx: &mut Ctx<'_>) {
    if cx.version == SpecVersion::Swagger2 {
        return;
    }
    let root = cx.root;
    let mut ids = HashSet::new();
    let mut found: Vec<(&Node, String)> = Vec::new();
    // The operations and responses as the API view lists them, without building the view.
    for (path, item) in root
        .get("paths")
        .and_then(Node::as_object)
        .into_iter()
        .flat_map(|m| m.iter())
    {
        let (item, ip) = cx.deref(item, &join("/paths", path));
        for (_, op, op_ptr) in crate::api::methods(item, &ip, cx.version) {
            if let Some(id) = op.get("operationId").and_then(Node::as_str) {
                ids.insert(id.to_string());
            }
            let Some(responses) = op.get("responses").and_then(Node::as_object) else {
                continue;
            };
            for (code, resp) in responses.iter() {
                let (resp, rp) = cx.deref(resp, &join(&join(&op_ptr, "responses"), code));
                if let Some(ls) = resp.get("links").and_then(Node::as_object) {
                    for (name, link) in ls.iter() {
                        found.push((link, join(&join(&rp, "links"), name)));
                    }
                }
            }
        }
    }
    if let Some(ls) = root
        .get("components")
        .and_then(|c| c.get("links"))
        .and_then(Node::as_object)
    {
        for (name, link) in ls.iter() {
            found.push((link, join("/components/links", name)));
        }
    }
    for (link, ptr) in found {
        let (link, ptr) = cx.deref(link, &ptr);
        if let Some(id) = link.get("operationId").and_then(Node::as_str) {
            if !ids.contains(id) {
                let n = link.get("operationId").unwrap_or(link);
                cx.push(
                    diagnostic(
                        &CODE,
                        format!("link names operationId {id:?}, which no operation has"),
                    ),
                    n,
                    &join(&ptr, "operationId"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::{codes, findings};

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      responses: {'200': {description: ok}}
components:
  links:
    Next: {operationId: listPet}
";

    #[test]
    fn a_link_to_an_unknown_operation_is_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
        assert_eq!(
            findings(BAD, super::CODE.name)[0].1,
            "/components/links/Next/operationId"
        );
    }

    #[test]
    fn a_link_to_a_known_operation_passes() {
        assert!(
            codes(&BAD.replace("{operationId: listPet}", "{operationId: listPets}")).is_empty()
        );
    }
}
