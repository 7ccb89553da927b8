//! `example-invalid`: an example of a body, parameter or header does not match its schema.

use std::collections::HashSet;

use super::{Checked, Cx, Out, ValueRule};
use oaskit_core::api::{MediaType, SchemaRef};
use oaskit_core::codes::Code;
use oaskit_core::{join_pointer, Node};

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "example-invalid",
    "recommended: an `example` or an `examples` entry's `value` of a media type (request or \
     response body), parameter or header does not match the schema beside it. Documentation, \
     mock servers and generated tests serve these examples as if they were real; one that \
     breaks the schema shows clients a payload the API never sends, or refuses. Schemas are \
     compiled once each (references followed, OpenAPI 3.0 `nullable` understood); formats \
     are not checked.",
);

/// One place that carries examples: its node, pointer and schema.
struct Holder<'a, 'd> {
    node: &'d Node,
    pointer: &'a str,
    schema: Option<&'a SchemaRef<'d>>,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    out.mismatched(cx, ValueRule::Example, &CODE, |c, why| {
        format!("example does not match its schema ({}): {why}", c.pointer)
    });
}

/// Every example to check against its schema, each (value, schema) pair once.
pub(super) fn values<'d>(cx: &Cx<'d>) -> Vec<Checked<'d>> {
    let mut seen = HashSet::new();
    let mut holders: Vec<Holder<'_, 'd>> = Vec::new();
    let mut checks: Vec<Checked<'d>> = Vec::new();
    for op in cx.api.operations() {
        for p in &op.parameters {
            holders.push(Holder {
                node: p.node,
                pointer: &p.pointer,
                schema: p.schema.as_ref(),
            });
            add_media(&p.content, &mut holders);
        }
        if let Some(b) = &op.request_body {
            add_media(&b.content, &mut holders);
        }
        for r in &op.responses {
            add_media(&r.content, &mut holders);
            for h in &r.headers {
                holders.push(Holder {
                    node: h.node,
                    pointer: &h.pointer,
                    schema: h.schema.as_ref(),
                });
                add_media(&h.content, &mut holders);
            }
        }
    }
    for h in holders {
        let Some(schema) = h.schema else { continue };
        if h.node.get("example").is_none() && h.node.get("examples").is_none() {
            continue;
        }
        let s = cx.api.follow(schema.node, &schema.pointer);
        let mut values: Vec<(&'d Node, String)> = Vec::new();
        if let Some(v) = h.node.get("example") {
            values.push((v, join_pointer(h.pointer, "example")));
        }
        if let Some(m) = h.node.get("examples").and_then(Node::as_object) {
            let base = join_pointer(h.pointer, "examples");
            for (name, e) in m.iter() {
                let e = cx.api.follow(e, &join_pointer(&base, name));
                if let Some(v) = e.node.get("value") {
                    values.push((v, join_pointer(&e.pointer, "value")));
                }
            }
        }
        for (v, at) in values {
            if seen.insert((at.clone(), s.pointer.clone())) {
                checks.push(Checked {
                    schema: s.node,
                    pointer: s.pointer.clone(),
                    value: v,
                    at,
                });
            }
        }
    }
    checks
}

fn add_media<'a, 'd>(list: &'a [MediaType<'d>], holders: &mut Vec<Holder<'a, 'd>>) {
    for m in list {
        holders.push(Holder {
            node: m.node,
            pointer: &m.pointer,
            schema: m.schema.as_ref(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn media_parameter_and_referenced_examples() {
        let text = doc("paths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: integer}, example: x}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/A'}\n              example: {id: 1}\n              examples:\n                good: {value: {id: 2}}\n                bad: {$ref: '#/components/examples/Bad'}\ncomponents:\n  schemas:\n    A: {type: object, required: [id], properties: {id: {type: integer}}}\n  examples:\n    Bad: {value: {id: two}}\n");
        let f = findings(&text, "example-invalid");
        let got: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            got,
            [
                "/paths/~1a/get/parameters/0/example",
                "/components/examples/Bad/value"
            ]
        );
    }
}
