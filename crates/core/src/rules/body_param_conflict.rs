//! `body-param-conflict`: Swagger 2.0 operations have at most one body parameter, never
//! together with formData.

use std::collections::HashMap;

use super::{diagnostic, Ctx, Op, ParamKey};
use crate::codes::Code;
use crate::node::Node;
use crate::version::SpecVersion;

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "body-param-conflict",
    "Swagger 2.0: an operation has more than one body parameter, or body and formData \
     parameters together (counting those of its path item). A request has one body: either \
     one `in: body` parameter holding all of it, or formData fields. Keep one form.",
);

/// Checks `op`'s effective parameters (Swagger 2.0 only).
pub(super) fn check(cx: &mut Ctx<'_>, op: &Op<'_>, declared: &HashMap<ParamKey, (&Node, String)>) {
    if cx.version != SpecVersion::Swagger2 {
        return;
    }
    let body = declared.keys().filter(|k| k.1 == "body").count();
    let form = declared.keys().filter(|k| k.1 == "formData").count();
    if body > 1 || (body == 1 && form > 0) {
        cx.push(
            diagnostic(
                &CODE,
                format!("{} {}: an operation has at most one body parameter, and never body and formData together", op.method.to_uppercase(), op.path),
            ),
            op.node,
            &op.pointer,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::codes;

    const BAD: &str = "swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /pets:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - {name: pet, in: body, schema: {type: object}}
        - {name: name, in: formData, type: string}
      responses: {'200': {description: ok}}
";

    #[test]
    fn body_and_form_data_together_are_reported() {
        assert!(codes(BAD).contains(&super::CODE.name), "{:?}", codes(BAD));
    }

    #[test]
    fn form_data_alone_passes() {
        let ok = BAD.replace(
            "        - {name: pet, in: body, schema: {type: object}}\n",
            "",
        );
        assert!(codes(&ok).is_empty(), "{:?}", codes(&ok));
    }
}
