//! `path-param-not-required`: path parameters are `required: true`.

use super::{diagnostic, Ctx};
use crate::codes::Code;
use crate::node::Node;

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "path-param-not-required",
    "A path parameter lacks `required: true`. A path variable always has a value (an empty one \
     would change the path), so the specification requires path parameters to say \
     `required: true`. Add it.",
);

/// Checks that the path parameter `name` (defined by `p` at `pointer`), when the template uses
/// it, is required.
pub(super) fn check(cx: &mut Ctx<'_>, vars: &[String], name: &str, p: &Node, pointer: &str) {
    if !vars.iter().any(|v| crate::api::names_variable(v, name))
        || p.get("required").and_then(Node::as_bool) == Some(true)
    {
        return;
    }
    cx.push(
        diagnostic(
            &CODE,
            format!("path parameter {name:?} must have `required: true`"),
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
  /pets/{id}:
    get:
      parameters: [{name: id, in: path, schema: {type: string}}]
      responses: {'200': {description: ok}}
";

    #[test]
    fn an_optional_path_parameter_is_reported() {
        assert!(codes(BAD).contains(&super::CODE.name), "{:?}", codes(BAD));
    }

    #[test]
    fn a_required_one_passes() {
        assert!(codes(&BAD.replace("in: path,", "in: path, required: true,")).is_empty());
    }
}
