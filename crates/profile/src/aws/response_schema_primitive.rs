//! `aws-response-schema-primitive`: a REST API method response's schema is an object type,
//! not an inline primitive.

use std::collections::HashSet;

use oaskit_core::Node;

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-response-schema-primitive",
        concat!(
            "REST APIs: a response's schema is an inline primitive (`{type: string}`). \"In \
             method responses, schema definition must be of an object type and cannot be of \
             primitive types. For example, \\\"schema\\\": { \\\"type\\\": \\\"string\\\"} is not \
             supported. However, you can work around this using\" a `$ref` to a named schema \
             of that type: not supported (AWS documents no outcome). Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

const PRIMITIVES: &[&str] = &["string", "number", "integer", "boolean"];

/// The primitive type of an inline schema, if it is one.
fn primitive(s: &Node) -> Option<&str> {
    if s.ref_str().is_some() {
        return None;
    }
    s.get("type")
        .and_then(Node::as_str)
        .filter(|t| PRIMITIVES.contains(t))
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let mut seen = HashSet::new();
    for op in cx.api.operations() {
        for r in &op.responses {
            for m in &r.content {
                let Some(s) = &m.schema else { continue };
                let Some(t) = primitive(s.node) else { continue };
                if !seen.insert(s.pointer.clone()) {
                    continue;
                }
                out.limit(
                    &RULE,
                    s.node.span,
                    &s.pointer,
                    &format!("response {} {} of {} {} has an inline {t} schema", r.key, m.name, op.method, op.path),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn inline_primitives_are_reported_refs_and_objects_are_not() {
        let text = doc("paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            text/plain:\n              schema: {type: string}\n            application/json:\n              schema: {$ref: '#/components/schemas/S'}\n        '201': {description: ok, content: {application/json: {schema: {type: object}}}}\ncomponents:\n  schemas:\n    S: {type: string}\n");
        let f = findings(&text, Profile::AwsRest, "aws-response-schema-primitive");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 11);
    }
}
