//! `aws-extension-unknown`: an `x-amazon-apigateway-*` member that AWS's extension reference
//! does not list (a misspelling, most often).

use super::extensions::{known, PREFIX};
use super::{Cx, Out};
use crate::codes::{Applies, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-extension-unknown",
        concat!(
            "AWS profiles: an `x-amazon-apigateway-*` member is not one of the extensions of \
             AWS's reference (any-method, api-key-source, auth, authorizer, authtype, \
             binary-media-types, cors, documentation, endpoint-configuration, \
             gateway-responses, importexport-version, integration, integrations, \
             minimum-compression-size, policy, request-validator, request-validators, \
             tag-value); check its spelling. Source: ",
            extensions!(),
            "."
        ),
    ),
    rest: Applies::Check,
    http: Applies::Check,
    source: extensions!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for f in &cx.extensions {
        if known(f.name).is_none() {
            out.check(
                &RULE,
                f.key_span,
                &f.pointer,
                format!("{PREFIX}{} is not an extension of AWS's reference", f.name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn misspelled_extensions_are_reported() {
        let text = doc("paths:\n  /a:\n    get:\n      x-amazon-apigateway-integrations: {}\n      responses: {'200': {description: ok}}\nx-amazon-apigateway-binary-media-type: [image/png]\n");
        let f = findings(&text, Profile::AwsRest, "aws-extension-unknown");
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), [8], "{f:?}");
    }
}
