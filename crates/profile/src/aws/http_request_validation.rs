//! `aws-http-request-validation`: HTTP APIs do not validate requests; import ignores request
//! bodies and their schemas (import "info").

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-http-request-validation",
        concat!(
            "HTTP APIs: an operation has a `requestBody`. The HTTP API import page reports it \
             as import info, \"because HTTP APIs don't support request validation. API Gateway \
             ignores the requestBody and schema fields\": ignored on import; nothing checks \
             request bodies. Source: ",
            import_http!(),
            "."
        ),
    ),
    rest: Applies::No,
    http: Applies::Limitation(Outcome::Ignored),
    source: import_http!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for op in cx.api.operations() {
        let Some(b) = op.node.get("requestBody") else { continue };
        out.limit(
            &RULE,
            b.span,
            &oaskit_core::join_pointer(&op.pointer, "requestBody"),
            &format!("request body of {} {} is not validated", op.method, op.path),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn request_bodies_are_reported_under_http_only() {
        let text = doc("paths:\n  /a:\n    post:\n      requestBody:\n        content: {application/json: {schema: {type: object}}}\n      responses: {'200': {description: ok}}\n");
        let f = findings(&text, Profile::AwsHttp, "aws-http-request-validation");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 6);
        assert!(f[0].1.contains("HTTP API import: ignored on import"), "{}", f[0].1);
        assert!(findings(&text, Profile::AwsRest, "aws-http-request-validation").is_empty());
    }
}
