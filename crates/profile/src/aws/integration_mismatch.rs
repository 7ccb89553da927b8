//! `aws-integration-mismatch`: an integration's `type`, `uri` and `httpMethod` disagree.

use oaskit_core::{join_pointer, Node};

use super::{integration_type, Cx, Out};
use crate::codes::{Applies, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::error(
        "aws-integration-mismatch",
        concat!(
            "AWS profiles: an `x-amazon-apigateway-integration`'s type, uri and httpMethod do \
             not agree, as its reference page describes them: \"For integrations of the aws \
             type, this [uri] is an ARN value. For the HTTP integration, this is the URL of \
             the HTTP endpoint including the https or http scheme\" (a private integration, \
             `connectionType: VPC_LINK`, names its load balancer or listener instead); \"For \
             Lambda function invocations, the value [httpMethod] must be POST\"; every type \
             but MOCK names its backend in `uri` (HTTP APIs' AWS_PROXY integrations with an \
             `integrationSubtype` excepted). Source: ",
            extension_page!("api-gateway-swagger-extensions-integration"),
            "."
        ),
    ),
    rest: Applies::Check,
    http: Applies::Check,
    source: extension_page!("api-gateway-swagger-extensions-integration"),
};

/// A uri that starts with a stage or AWS variable is only known at deployment.
fn is_variable(uri: &str) -> bool {
    uri.starts_with("${")
}

/// What is wrong, as `(member, message)`.
fn problems(i: &Node) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let Some(t) = integration_type(i) else {
        return out;
    };
    let s = |k: &str| i.get(k).and_then(Node::as_str);
    let uri = s("uri");
    let private = s("connectionType").is_some_and(|c| c.eq_ignore_ascii_case("VPC_LINK"));
    match (t.as_str(), uri) {
        ("mock", _) => {}
        (_, None) if s("integrationSubtype").is_none() => {
            out.push(("type", format!("the integration (type {t}) has no uri")));
        }
        ("http" | "http_proxy", Some(u))
            if !(private
                || is_variable(u)
                || u.starts_with("http://")
                || u.starts_with("https://")) =>
        {
            out.push((
                "uri",
                format!("the uri {u:?} of an integration of type {t} is not an http(s) URL"),
            ));
        }
        ("aws" | "aws_proxy", Some(u)) if !(is_variable(u) || u.starts_with("arn:")) => {
            out.push((
                "uri",
                format!("the uri {u:?} of an integration of type {t} is not an ARN"),
            ));
        }
        _ => {}
    }
    if let (Some(u), Some(m)) = (uri, s("httpMethod")) {
        let lambda = u.contains(":lambda:path/") && u.contains("/functions/");
        if lambda && !m.eq_ignore_ascii_case("POST") {
            out.push(("httpMethod", format!("a Lambda function is invoked with POST, not {m}")));
        }
    }
    out
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for (op, i) in cx.integrated() {
        for (member, message) in problems(i.node) {
            let at = i.node.get(member).unwrap_or(i.node);
            out.check(
                &RULE,
                at.span,
                &join_pointer(&i.pointer, member),
                format!("{} {}: {message}", op.method, op.path),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn uri_and_method_must_fit_the_type() {
        let text = doc("paths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: http_proxy\n        httpMethod: GET\n        uri: 'arn:aws:lambda:us-east-1:1:function:f'\n  /b:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n        httpMethod: GET\n        uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations'\n  /c:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: aws, httpMethod: POST}\n  /d:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: http, httpMethod: GET, uri: 'https://${stageVariables.host}/x'}\n  /e:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: mock}\n");
        let f = findings(&text, Profile::AwsRest, "aws-integration-mismatch");
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), [10, 16, 21], "{f:?}");
        assert!(f[0].1.contains("not an http(s) URL"));
        assert!(f[1].1.contains("invoked with POST, not GET"));
        assert!(f[2].1.contains("has no uri"));
    }
}
