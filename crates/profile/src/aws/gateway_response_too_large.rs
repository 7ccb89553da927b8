//! `aws-gateway-response-too-large`: a REST API cannot customize the `REQUEST_TOO_LARGE`
//! gateway response.

use oaskit_core::join_pointer;

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-gateway-response-too-large",
        concat!(
            "REST APIs: `x-amazon-apigateway-gateway-responses` customizes `REQUEST_TOO_LARGE`. \
             \"Customizing the default gateway response for 413 REQUEST_TOO_LARGE isn't \
             currently supported\": not supported (AWS documents no outcome); clients still get \
             API Gateway's own 413. Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for f in cx.extensions.iter().filter(|f| f.name == "gateway-responses") {
        let Some(m) = f.node.as_object() else { continue };
        if let Some(e) = m.entry("REQUEST_TOO_LARGE") {
            out.limit(
                &RULE,
                e.key_span,
                &join_pointer(&f.pointer, "REQUEST_TOO_LARGE"),
                "gateway response REQUEST_TOO_LARGE is customized",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn request_too_large_is_reported() {
        let text = doc("paths: {}\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX: {statusCode: '400'}\n  REQUEST_TOO_LARGE: {statusCode: '413'}\n");
        let f = findings(&text, Profile::AwsRest, "aws-gateway-response-too-large");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 6);
    }
}
