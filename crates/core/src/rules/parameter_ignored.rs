//! `parameter-ignored`: header parameters named Accept, Content-Type or Authorization are
//! ignored.

use super::{diagnostic, Ctx, ParamKey};
use crate::codes::Code;
use crate::node::Node;
use crate::version::SpecVersion;

/// The rule's code.
pub(super) const CODE: Code = Code::warning(
    "parameter-ignored",
    "A header parameter is named Accept, Content-Type or Authorization. OpenAPI 3 says such \
     parameters are ignored: the media types of `content` and `responses` set Accept and \
     Content-Type, and security schemes set Authorization. Describe them there instead.",
);

/// Checks the parameter `p` (at `pointer`, identified by `key`).
pub(super) fn check(cx: &mut Ctx<'_>, key: &ParamKey, p: &Node, pointer: &str) {
    if cx.version == SpecVersion::Swagger2
        || key.1 != "header"
        || !matches!(key.0.as_str(), "accept" | "content-type" | "authorization")
    {
        return;
    }
    cx.push(
        diagnostic(
            &CODE,
            format!("header parameter {:?} is ignored by the specification; use content types or security schemes instead", key.0),
        ),
        p,
        pointer,
    );
}

#[cfg(test)]
mod tests {
    use super::super::test::codes;

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters: [{name: Authorization, in: header, schema: {type: string}}]
      responses: {'200': {description: ok}}
";

    #[test]
    fn an_authorization_header_parameter_is_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
    }

    #[test]
    fn another_header_passes() {
        assert!(codes(&BAD.replace("Authorization", "X-Trace")).is_empty());
    }
}
