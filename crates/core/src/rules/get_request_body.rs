//! `get-request-body`: GET and HEAD bodies have no defined semantics.

use super::{diagnostic, Ctx, Op};
use crate::codes::Code;
use crate::node::join;
use crate::version::SpecVersion;

/// The rule's code.
pub(super) const CODE: Code = Code::warning(
    "get-request-body",
    "A GET or HEAD operation has a request body. HTTP gives such a body no defined meaning, and \
     many clients, proxies and servers drop or reject it. Send the data as query parameters, or \
     use POST (or QUERY in OpenAPI 3.2).",
);

/// Checks whether `op`, a GET or HEAD, has a request body (OpenAPI 3 only).
pub(super) fn check(cx: &mut Ctx<'_>, op: &Op<'_>) {
    if cx.version == SpecVersion::Swagger2 || !matches!(op.method.as_str(), "get" | "head") {
        return;
    }
    let Some(rb) = op.node.get("requestBody") else {
        return;
    };
    cx.push(
        diagnostic(
            &CODE,
            format!("{} {} has a request body; HTTP gives it no defined semantics and many clients and proxies drop it", op.method.to_uppercase(), op.path),
        ),
        rb,
        &join(&op.pointer, "requestBody"),
    );
}

#[cfg(test)]
mod tests {
    use super::super::test::codes;

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /search:
    get:
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses: {'200': {description: ok}}
";

    #[test]
    fn a_get_with_a_body_is_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
    }

    #[test]
    fn a_post_with_a_body_passes() {
        assert!(codes(&BAD.replace("    get:", "    post:")).is_empty());
    }
}
