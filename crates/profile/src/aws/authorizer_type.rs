//! `aws-authorizer-type`: an authorizer type the API type does not have.

use oaskit_core::join_pointer;

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Profile;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::error(
        "aws-authorizer-type",
        concat!(
            "AWS profiles: an `x-amazon-apigateway-authorizer`'s `type` is not one of the API \
             type's: \"For REST APIs, specify token for an authorizer with the caller identity \
             embedded in an authorization token. Specify request for an authorizer with the \
             caller identity contained in request parameters. For HTTP APIs, specify request \
             for a Lambda authorizer ... Specify jwt for a JWT authorizer\" (REST APIs also \
             take cognito_user_pools: ",
            extension_page!("apigateway-enable-cognito-user-pool"),
            "). Source: ",
            extension_page!("api-gateway-swagger-extensions-authorizer"),
            "."
        ),
    ),
    rest: Applies::Check,
    http: Applies::Check,
    source: extension_page!("api-gateway-swagger-extensions-authorizer"),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let allowed: &[&str] = match cx.profile {
        Profile::AwsRest => &["token", "request", "cognito_user_pools"],
        Profile::AwsHttp => &["request", "jwt"],
    };
    for f in cx.extensions.iter().filter(|f| f.name == "authorizer") {
        let Some(t) = f.node.get("type") else { continue };
        let Some(s) = t.as_str() else { continue };
        if allowed.iter().any(|a| a.eq_ignore_ascii_case(s)) {
            continue;
        }
        out.check(
            &RULE,
            t.span,
            &join_pointer(&f.pointer, "type"),
            format!("authorizer type {s:?} is not one of a {}'s ({})", cx.profile.api_type(), allowed.join(", ")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn jwt_is_for_http_token_for_rest() {
        let text = doc("paths: {}\ncomponents:\n  securitySchemes:\n    j:\n      type: oauth2\n      flows: {}\n      x-amazon-apigateway-authorizer:\n        type: jwt\n        identitySource: $request.header.Authorization\n    t:\n      type: apiKey\n      name: Authorization\n      in: header\n      x-amazon-apigateway-authorizer: {type: token, authorizerUri: 'arn:aws:apigateway:x'}\n");
        let rest = findings(&text, Profile::AwsRest, "aws-authorizer-type");
        assert_eq!(rest.iter().map(|x| x.0).collect::<Vec<_>>(), [10], "{rest:?}");
        let http = findings(&text, Profile::AwsHttp, "aws-authorizer-type");
        assert_eq!(http.iter().map(|x| x.0).collect::<Vec<_>>(), [16], "{http:?}");
    }
}
