//! `aws-security-scheme-type`: a REST API's security schemes are of type `apiKey`; OAuth 2
//! and HTTP authentication go through Lambda authorizers (`x-amazon-apigateway-authorizer`).

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-security-scheme-type",
        concat!(
            "REST APIs: a security scheme is not of type `apiKey`. \"The securitySchemes type, \
             if used, must be apiKey. However, OAuth 2 and HTTP Basic authentication are \
             supported via Lambda authorizers; the OpenAPI configuration is achieved via vendor \
             extensions\": declare an `apiKey` scheme with `x-amazon-apigateway-authorizer` (or \
             `x-amazon-apigateway-authtype`). Outcome: not supported (AWS documents no \
             outcome); an operation whose only protection is such a scheme may be deployed \
             without it. Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for s in cx.api.security_schemes() {
        let Some(t) = s.node.get("type") else { continue };
        let kind = t.as_str().unwrap_or("?");
        if kind == "apiKey" {
            continue;
        }
        out.limit(
            &RULE,
            t.span,
            &oaskit_core::join_pointer(&s.pointer, "type"),
            &format!("security scheme {:?} is of type {kind}, not apiKey", s.name),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn oauth2_and_http_schemes_are_reported_api_keys_are_not() {
        let text = doc("paths: {}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, name: x-api-key, in: header}\n    oauth:\n      type: oauth2\n      flows: {clientCredentials: {tokenUrl: 'https://t', scopes: {}}}\n    basic: {type: http, scheme: basic}\n");
        let f = findings(&text, Profile::AwsRest, "aws-security-scheme-type");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].0, 8);
        assert!(f[0].1.contains("\"oauth\" is of type oauth2"));
        assert!(findings(&text, Profile::AwsHttp, "aws-security-scheme-type").is_empty());
    }
}
