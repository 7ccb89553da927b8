//! `default-invalid`: a schema's `default` does not match it.

use super::{Checked, Cx, Out, ValueRule};
use oaskit_core::codes::Code;
use oaskit_core::join_pointer;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "default-invalid",
    "recommended: a Schema Object's `default` does not match the schema itself. Servers and \
     SDKs substitute the default for an absent value, so an invalid one is sent or assumed \
     as if the client had written it. Checked like `schema-example-invalid`.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    out.mismatched(cx, ValueRule::Default, &CODE, |_, why| {
        format!("default does not match its schema: {why}")
    });
}

/// Every schema's `default`, to check against the schema.
pub(super) fn values<'d>(cx: &Cx<'d>) -> Vec<Checked<'d>> {
    let schemas = cx.schemas();
    let mut checks = Vec::new();
    for (s, v, i) in schemas.having("default") {
        let pointer = schemas.pointer(i);
        checks.push(Checked {
            schema: s,
            at: join_pointer(&pointer, "default"),
            pointer,
            value: v,
        });
    }
    checks
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn defaults() {
        let text = doc("paths:\n  /a:\n    get:\n      parameters: [{name: q, in: query, schema: {type: integer, default: ten}}]\n      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    A: {type: string, enum: [a, b], default: c}\n    B: {type: string, enum: [a, b], default: a}\n");
        let f = findings(&text, "default-invalid");
        let got: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            got,
            [
                "/components/schemas/A/default",
                "/paths/~1a/get/parameters/0/schema/default"
            ]
        );
    }
}
