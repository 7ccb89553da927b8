//! `aws-response-ref`: REST API import does not take a response written as a `$ref` to the
//! document's shared responses.

use oaskit_core::{join_pointer, Node};

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-response-ref",
        concat!(
            "REST APIs: a response is a `$ref` to a shared response (`#/responses/...` in \
             Swagger 2.0, `#/components/responses/...` in OpenAPI 3). \"Response definitions \
             of the \\\"500\\\": {\\\"$ref\\\": \\\"#/responses/UnexpectedError\\\"} form is not \
             supported in the OpenAPI document root. To work around this, replace the \
             reference by the inline schema\": not supported (AWS documents no outcome). \
             Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for op in cx.api.operations() {
        let Some(m) = op.node.get("responses").and_then(Node::as_object) else {
            continue;
        };
        let base = join_pointer(&op.pointer, "responses");
        for (code, r) in m.iter() {
            let Some(target) = r.ref_str() else { continue };
            if !(target.starts_with("#/components/responses/") || target.starts_with("#/responses/")) {
                continue;
            }
            let at = r.get("$ref").unwrap_or(r);
            out.limit(
                &RULE,
                at.span,
                &join_pointer(&base, code),
                &format!("response {code} of {} {} is a $ref to {target}", op.method, op.path),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn shared_responses_are_reported() {
        let text = doc("paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '500':\n          $ref: '#/components/responses/Err'\ncomponents:\n  responses:\n    Err: {description: failed}\n");
        let f = findings(&text, Profile::AwsRest, "aws-response-ref");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 9);
        assert!(f[0].1.contains("response 500 of GET /a"));
    }
}
