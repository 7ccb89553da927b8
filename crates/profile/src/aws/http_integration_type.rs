//! `aws-http-integration-type`: HTTP APIs support Lambda proxy and HTTP proxy integrations;
//! other types are imported with a warning.

use oaskit_core::Node;

use super::{integration_type, Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-http-integration-type",
        concat!(
            "HTTP APIs: an `x-amazon-apigateway-integration` is not of type `AWS_PROXY` or \
             `HTTP_PROXY`. The HTTP API import page shows an `AWS` integration producing \
             warnings \"because HTTP APIs support only Lambda proxy and HTTP proxy \
             integrations\": imported with a warning (the import stops when warnings are \
             fatal). Source: ",
            import_http!(),
            "."
        ),
    ),
    rest: Applies::No,
    http: Applies::Limitation(Outcome::Warning),
    source: import_http!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for (op, i) in cx.integrated() {
        let Some(t) = integration_type(i.node) else { continue };
        if t == "aws_proxy" || t == "http_proxy" {
            continue;
        }
        let at = i.node.get("type").map_or(i.node.span, |n: &Node| n.span);
        out.limit(
            &RULE,
            at,
            &oaskit_core::join_pointer(&i.pointer, "type"),
            &format!(
                "{} {}: integration type {} is not a Lambda or HTTP proxy",
                op.method,
                op.path,
                i.node.get("type").and_then(Node::as_str).unwrap_or("?")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn aws_integrations_are_reported_proxies_are_not() {
        let text = doc("paths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: AWS\n        httpMethod: POST\n        uri: 'arn:aws:lambda:us-east-2:123456789012:function:HelloWorld'\n        payloadFormatVersion: '1.0'\n  /b:\n    get:\n      x-amazon-apigateway-integration: {type: HTTP_PROXY, httpMethod: GET, uri: 'https://example.com', payloadFormatVersion: '1.0'}\n");
        let f = findings(&text, Profile::AwsHttp, "aws-http-integration-type");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 7);
        assert!(f[0].1.contains("imported with a warning"));
    }
}
