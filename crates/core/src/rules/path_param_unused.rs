//! `path-param-unused`: every path parameter appears in the path template.

use super::{diagnostic, Ctx, Op};
use crate::codes::Code;
use crate::node::Node;

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "path-param-unused",
    "A path parameter does not appear in the path template. A parameter with `in: path` must \
     name a {variable} of the path it belongs to (names are case-sensitive); otherwise no value \
     can ever be sent for it. Rename it to match the template, or move it to the query or a \
     header.",
);

/// Checks that the path parameter `name` (defined by `p` at `pointer`) is a variable of `op`'s
/// template.
pub(super) fn check(
    cx: &mut Ctx<'_>,
    op: &Op<'_>,
    vars: &[String],
    name: &str,
    p: &Node,
    pointer: &str,
) {
    if vars.iter().any(|v| crate::api::names_variable(v, name)) {
        return;
    }
    cx.push(
        diagnostic(
            &CODE,
            format!(
                "{} {}: path parameter {name:?} does not appear in the path template",
                op.method.to_uppercase(),
                op.path
            ),
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
  /pets:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
";

    #[test]
    fn a_path_parameter_outside_the_template_is_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
    }

    #[test]
    fn a_parameter_the_template_uses_passes() {
        assert!(codes(&BAD.replace("/pets:", "/pets/{id}:")).is_empty());
    }

    #[test]
    fn api_gateways_greedy_variable_is_filled_by_its_bare_name() {
        let doc = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /{proxy+}:
    x-amazon-apigateway-any-method:
      parameters: [{name: proxy, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
";
        assert!(codes(doc).is_empty(), "{:?}", codes(doc));
        assert_eq!(codes(&doc.replace("name: proxy,", "name: prox,")).len(), 2);
    }
}
