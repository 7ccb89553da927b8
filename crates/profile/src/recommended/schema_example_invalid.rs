//! `schema-example-invalid`: a schema's own example does not match it.

use super::{Checked, Cx, Out, ValueRule};
use oaskit_core::codes::Code;
use oaskit_core::join_pointer;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "schema-example-invalid",
    "recommended: a Schema Object's `example` (OpenAPI 3.0) or an item of its `examples` \
     list (JSON Schema, OpenAPI 3.1) does not match the schema itself. Documentation and \
     mock servers show it as a valid value. Checked for the schemas of components, bodies, \
     responses, headers and parameters, with every subschema; each schema is compiled once.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    out.mismatched(cx, ValueRule::SchemaExample, &CODE, |_, why| {
        format!("example does not match its schema: {why}")
    });
}

/// Every schema's `example`, then every item of every schema's `examples` list, to check
/// against the schema.
pub(super) fn values<'d>(cx: &Cx<'d>) -> Vec<Checked<'d>> {
    let schemas = cx.schemas();
    let mut checks = Vec::new();
    for (s, v, i) in schemas.having("example") {
        let pointer = schemas.pointer(i);
        checks.push(Checked {
            schema: s,
            at: join_pointer(&pointer, "example"),
            pointer,
            value: v,
        });
    }
    for (s, list, i) in schemas.having("examples") {
        let Some(list) = list.as_array() else {
            continue;
        };
        let pointer = schemas.pointer(i);
        let base = join_pointer(&pointer, "examples");
        for (k, v) in list.iter().enumerate() {
            checks.push(Checked {
                schema: s,
                pointer: pointer.clone(),
                value: v,
                at: join_pointer(&base, &k.to_string()),
            });
        }
    }
    checks
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn schema_examples() {
        let text = doc("paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        n: {type: integer, example: 'one'}\n        s: {type: string, nullable: true, example: null}\n        m: {type: string, maxLength: 2, example: abc}\n      example: {n: 1}\n");
        let f = findings(&text, "schema-example-invalid");
        let got: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            got,
            [
                "/components/schemas/A/properties/n/example",
                "/components/schemas/A/properties/m/example"
            ]
        );
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: [integer, 'null'], examples: [1, null, x]}\n";
        let f = findings(text, "schema-example-invalid");
        assert_eq!(f, [(6, "/components/schemas/A/examples/2".to_string())]);
    }
}
