//! `path-param-undeclared`: every `{name}` of a path template is a declared path parameter.

use std::collections::HashMap;

use super::{diagnostic, Ctx, Op, ParamKey};
use crate::codes::Code;
use crate::node::Node;

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "path-param-undeclared",
    "A {variable} of a path template has no path parameter. Every variable of a path such as \
     /pets/{id} must be declared, on the operation or on its path item, as a parameter with \
     `name: id`, `in: path` and `required: true`; without one, clients cannot fill the path and \
     validators cannot check it.",
);

/// Checks that every variable of `op`'s path template is among its effective parameters.
pub(super) fn check(
    cx: &mut Ctx<'_>,
    op: &Op<'_>,
    vars: &[String],
    declared: &HashMap<ParamKey, (&Node, String)>,
) {
    for v in vars {
        let greedy = v.strip_suffix('+').map(str::to_string);
        let filled = |n: &String| declared.contains_key(&(n.clone(), "path".to_string()));
        if !filled(v) && !greedy.as_ref().is_some_and(filled) {
            cx.push(
                diagnostic(
                    &CODE,
                    format!(
                        "{} {}: the template variable {{{v}}} is not declared as a path parameter",
                        op.method.to_uppercase(),
                        op.path
                    ),
                )
                .with_help(format!(
                    "add a parameter with `name: {v}`, `in: path` and `required: true`"
                )),
                op.node,
                &op.pointer,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::{codes, findings};

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    get:
      responses: {'200': {description: ok}}
";

    #[test]
    fn an_undeclared_variable_is_reported_at_the_operation() {
        assert_eq!(codes(BAD), [super::CODE.name]);
        assert_eq!(
            findings(BAD, super::CODE.name),
            [(
                "GET /pets/{id}: the template variable {id} is not declared as a path parameter"
                    .to_string(),
                "/paths/~1pets~1{id}/get".to_string()
            )]
        );
    }

    #[test]
    fn a_parameter_on_the_path_item_declares_it() {
        let ok = BAD.replace(
            "    get:\n",
            "    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n    get:\n",
        );
        assert!(codes(&ok).is_empty());
    }
}
