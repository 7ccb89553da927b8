//! `aws-integration-parameter`: a REST API integration maps a method request parameter the
//! operation does not declare, or a method response header its response does not declare.

use oaskit_core::api::{Api, Operation};
use oaskit_core::{join_pointer, Node};

use super::{declared_parameters, Cx, Out};
use crate::codes::{Applies, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-integration-parameter",
        concat!(
            "REST APIs: an `x-amazon-apigateway-integration` names a parameter the operation \
             does not declare: a `requestParameters` value or `cacheKeyParameters` entry \
             `method.request.{path|querystring|header}.NAME` (\"The method request parameters \
             must be defined before being referenced\"), a `requestParameters` key that is not \
             `integration.request.{path|querystring|header}.NAME`, or a `responseParameters` \
             key `method.response.header.NAME` for a header the operation's response of that \
             statusCode does not declare (responseParameters map to \"the header parameters \
             of the method\" response). A warning: the guide's own S3 and Kinesis proxy \
             exports map a `Content-Type` header their responses do not declare, and import. \
             Source: ",
            extension_page!("api-gateway-swagger-extensions-integration-requestParameters"),
            " and ",
            extension_page!("api-gateway-swagger-extensions-integration-responseParameters"),
            "."
        ),
    ),
    rest: Applies::Check,
    http: Applies::No,
    source: extension_page!("api-gateway-swagger-extensions-integration-requestParameters"),
};

const LOCATIONS: &[&str] = &[
    "path",
    "querystring",
    "header",
    "multivaluequerystring",
    "multivalueheader",
];

/// `(location, name)` of a `PREFIX.location.name` expression.
fn split<'a>(expr: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
    let rest = expr.strip_prefix(prefix)?;
    let (loc, name) = rest.split_once('.')?;
    Some((loc, name))
}

/// Whether the operation declares parameter `name` at `loc` (an API Gateway location).
fn declared(params: &[(&Node, String)], loc: &str, name: &str) -> bool {
    let want = match loc {
        "querystring" | "multivaluequerystring" => "query",
        "multivalueheader" => "header",
        other => other,
    };
    params.iter().any(|(p, _)| {
        let n = p.get("name").and_then(Node::as_str).unwrap_or("");
        p.get("in").and_then(Node::as_str) == Some(want)
            && if want == "header" { n.eq_ignore_ascii_case(name) } else { n == name }
    })
}

/// The header names the operation's response for `status` declares, as written (the API
/// view leaves out `Content-Type`, which OpenAPI ignores but API Gateway maps).
fn response_headers<'d>(api: &Api<'d>, op: &Operation<'d>, status: &str) -> Option<Vec<&'d str>> {
    let r = op
        .responses
        .iter()
        .find(|r| r.key == status)
        .or_else(|| status.parse().ok().and_then(|s| op.response(s)))?;
    let headers = r
        .node
        .get("headers")
        .map(|h| api.follow(h, &r.pointer).node)
        .and_then(Node::as_object);
    Some(headers.map(|m| m.iter().map(|(k, _)| k).collect()).unwrap_or_default())
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for (op, i) in cx.integrated() {
        let params = declared_parameters(cx.api, op);
        let label = format!("{} {}", op.method, op.path);
        let request = |node: &Node, pointer: String, expr: &str, out: &mut Out<'_>| {
            if let Some((loc, name)) = split(expr, "method.request.") {
                if LOCATIONS.contains(&loc) && !declared(&params, loc, name) {
                    out.check(&RULE, node.span, &pointer, format!("{label}: {expr} names no declared {loc} parameter"));
                }
            }
        };
        if let Some(m) = i.node.get("requestParameters").and_then(Node::as_object) {
            let base = join_pointer(&i.pointer, "requestParameters");
            for e in &m.entries {
                let key: &str = &e.key;
                let at = join_pointer(&base, key);
                let key_ok = split(key, "integration.request.")
                    .is_some_and(|(loc, name)| LOCATIONS.contains(&loc) && !name.is_empty());
                if !key_ok {
                    out.check(&RULE, e.key_span, &at, format!("{label}: {key:?} is not integration.request.{{path|querystring|header}}.NAME"));
                }
                if let Some(v) = e.value.as_str() {
                    request(&e.value, at, v, out);
                }
            }
        }
        if let Some(list) = i.node.get("cacheKeyParameters").and_then(Node::as_array) {
            let base = join_pointer(&i.pointer, "cacheKeyParameters");
            for (k, v) in list.iter().enumerate() {
                if let Some(s) = v.as_str() {
                    request(v, join_pointer(&base, &k.to_string()), s, out);
                }
            }
        }
        let Some(responses) = i.node.get("responses").and_then(Node::as_object) else { continue };
        let rbase = join_pointer(&i.pointer, "responses");
        for (pattern, r) in responses.iter() {
            let Some(m) = r.get("responseParameters").and_then(Node::as_object) else { continue };
            let status = r.get("statusCode").map(|s| s.as_str().map_or_else(|| s.to_json().to_string(), str::to_string));
            let Some(headers) = status.as_deref().and_then(|s| response_headers(cx.api, op, s)) else {
                // No such response: aws-integration-response-status reports it.
                continue;
            };
            let base = join_pointer(&join_pointer(&rbase, pattern), "responseParameters");
            for e in &m.entries {
                let key: &str = &e.key;
                let Some(name) = key.strip_prefix("method.response.header.") else { continue };
                if !headers.iter().any(|h| h.eq_ignore_ascii_case(name)) {
                    out.check(
                        &RULE,
                        e.key_span,
                        &join_pointer(&base, key),
                        format!(
                            "{label}: header {name:?} is not declared in response {}",
                            status.as_deref().unwrap_or("?")
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn undeclared_parameters_and_headers_are_reported() {
        let text = doc("paths:\n  /a/{id}:\n    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n    get:\n      parameters: [{name: X-Trace, in: header, schema: {type: string}}]\n      responses:\n        '200':\n          description: ok\n          headers: {Location: {schema: {type: string}}}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: 'https://example.com/{id}'\n        requestParameters:\n          integration.request.path.id: method.request.path.id\n          integration.request.header.x-trace: method.request.header.x-trace\n          integration.request.querystring.q: method.request.querystring.q\n          bogus: \"'static'\"\n        cacheKeyParameters: [method.request.querystring.page]\n        responses:\n          default:\n            statusCode: '200'\n            responseParameters:\n              method.response.header.Location: integration.response.header.Location\n              method.response.header.X-Other: \"'x'\"\n");
        let f = findings(&text, Profile::AwsRest, "aws-integration-parameter");
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), [19, 20, 21, 27], "{f:?}");
        assert!(f[0].1.contains("method.request.querystring.q names no declared querystring parameter"), "{}", f[0].1);
        assert!(f[1].1.contains("\"bogus\" is not"), "{}", f[1].1);
        assert!(f[3].1.contains("header \"X-Other\" is not declared in response 200"), "{}", f[3].1);
    }
}
