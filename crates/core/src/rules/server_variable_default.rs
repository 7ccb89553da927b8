//! `server-variable-default`: a server variable's default is one of its enum values.

use super::{diagnostic, Ctx};
use crate::codes::Code;
use crate::node::{join, Node};

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "server-variable-default",
    "A server variable's default is not among its enum values. When a Server Variable lists \
     `enum`, its `default` (the value used when none is given) must be one of them. Add the \
     default to the list or pick one of its values.",
);

/// Checks the variables of `server`, found at `pointer`.
pub(super) fn check(cx: &mut Ctx<'_>, server: &Node, pointer: &str) {
    let Some(vars) = server.get("variables").and_then(Node::as_object) else {
        return;
    };
    for (name, var) in vars.iter() {
        let vp = join(&join(pointer, "variables"), name);
        let (Some(def), Some(en)) = (var.get("default"), var.get("enum").and_then(Node::as_array))
        else {
            continue;
        };
        if !en.iter().any(|e| e.same_as(def)) {
            cx.push(
                diagnostic(
                    &CODE,
                    format!("server variable {name:?}: the default is not one of its enum values"),
                ),
                def,
                &join(&vp, "default"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::codes;

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
servers:
  - url: 'https://{region}.example.com'
    variables:
      region: {default: eu, enum: [us, asia]}
paths: {}
";

    #[test]
    fn a_default_outside_the_enum_is_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
    }

    #[test]
    fn a_default_among_the_values_passes() {
        assert!(codes(&BAD.replace("[us, asia]", "[us, eu]")).is_empty());
    }
}
