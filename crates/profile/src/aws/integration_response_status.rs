//! `aws-integration-response-status`: an integration response's `statusCode` names no
//! response of the operation.

use oaskit_core::{join_pointer, Node};

use super::{Cx, Out};
use crate::codes::{Applies, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-integration-response-status",
        concat!(
            "REST APIs: an `x-amazon-apigateway-integration` response's `statusCode` has no \
             matching response in the operation: \"HTTP status code for the method response; \
             for example, \\\"200\\\". This must correspond to a matching response in the \
             OpenAPI Operation responses field\". A warning: the guide's own proxy integration \
             and request validation examples map `default` to statuses their operations do \
             not declare, and import. Source: ",
            extension_page!("api-gateway-swagger-extensions-integration-response"),
            "."
        ),
    ),
    rest: Applies::Check,
    http: Applies::No,
    source: extension_page!("api-gateway-swagger-extensions-integration-response"),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for (op, i) in cx.integrated() {
        let Some(responses) = i.node.get("responses").and_then(Node::as_object) else { continue };
        let base = join_pointer(&i.pointer, "responses");
        for (pattern, r) in responses.iter() {
            let Some(s) = r.get("statusCode") else { continue };
            let status = s.as_str().map_or_else(|| s.to_json().to_string(), str::to_string);
            let found = op.responses.iter().any(|x| x.key == status)
                || status.parse::<u16>().ok().and_then(|c| op.response(c)).is_some();
            if !found {
                out.check(
                    &RULE,
                    s.span,
                    &join_pointer(&join_pointer(&base, pattern), "statusCode"),
                    format!("{} {}: integration response {pattern:?} maps to {status}, which the operation does not declare", op.method, op.path),
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
    fn undeclared_statuses_are_reported() {
        let text = doc("paths:\n  /a:\n    get:\n      responses: {'200': {description: ok}, 4XX: {description: client}}\n      x-amazon-apigateway-integration:\n        type: mock\n        responses:\n          default: {statusCode: '200'}\n          '4\\d{2}': {statusCode: '404'}\n          '5\\d{2}': {statusCode: '500'}\n");
        let f = findings(&text, Profile::AwsRest, "aws-integration-response-status");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 12);
        assert!(f[0].1.contains("maps to 500"));
    }
}
