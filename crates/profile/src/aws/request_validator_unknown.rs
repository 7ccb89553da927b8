//! `aws-request-validator-unknown`: `x-amazon-apigateway-request-validator` names no validator
//! of `x-amazon-apigateway-request-validators`.

use oaskit_core::Node;

use super::{Cx, Out};
use crate::codes::{Applies, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::error(
        "aws-request-validator-unknown",
        concat!(
            "REST APIs: `x-amazon-apigateway-request-validator` (at the document root or in an \
             operation) names a validator that `x-amazon-apigateway-request-validators` does \
             not define: it \"specifies a request validator, by referencing a \
             request_validator_name of the x-amazon-apigateway-request-validators object \
             map\". Source: ",
            extension_page!("api-gateway-swagger-extensions-request-validator"),
            "."
        ),
    ),
    rest: Applies::Check,
    http: Applies::No,
    source: extension_page!("api-gateway-swagger-extensions-request-validator"),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let defined = cx
        .root
        .get("x-amazon-apigateway-request-validators")
        .and_then(Node::as_object);
    for f in cx.extensions.iter().filter(|f| f.name == "request-validator") {
        let Some(name) = f.node.as_str() else { continue };
        if defined.is_some_and(|m| m.contains(name)) {
            continue;
        }
        let known: Vec<&str> = defined.map(|m| m.iter().map(|(k, _)| k).collect()).unwrap_or_default();
        out.check(
            &RULE,
            f.node.span,
            &f.pointer,
            if known.is_empty() {
                format!("request validator {name:?} is used but x-amazon-apigateway-request-validators defines none")
            } else {
                format!("request validator {name:?} is not defined (defined: {})", known.join(", "))
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn unknown_names_are_reported() {
        let text = doc("x-amazon-apigateway-request-validators:\n  all: {validateRequestBody: true, validateRequestParameters: true}\nx-amazon-apigateway-request-validator: all\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: params\n      responses: {'200': {description: ok}}\n");
        let f = findings(&text, Profile::AwsRest, "aws-request-validator-unknown");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 9);
        assert!(f[0].1.contains("(defined: all)"));
    }
}
