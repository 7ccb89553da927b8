//! `aws-extension-placement`: an extension stands where its reference page does not put it
//! (an integration at the document root, CORS in an operation...), so API Gateway does not
//! read it there.

use oaskit_core::SpecVersion;

use super::extensions::{known, Place, PREFIX};
use super::{Cx, Out};
use crate::codes::{Applies, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-extension-placement",
        concat!(
            "AWS profiles: an `x-amazon-apigateway-*` extension stands in an object its \
             reference page does not put it in: integration, auth and request-validator in \
             operations; any-method in path items; authorizer and authtype in security \
             schemes; tag-value in tags; integrations in components; the others at the \
             document root, except endpoint-configuration, which is a root extension in Swagger \
             2.0 and a Server Object's in OpenAPI 3. Source: ",
            extensions!(),
            " (the page of each extension)."
        ),
    ),
    rest: Applies::Check,
    http: Applies::Check,
    source: extensions!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let v3 = cx.source_version != SpecVersion::Swagger2;
    for f in &cx.extensions {
        let Some(k) = known(f.name) else { continue };
        let expected: Vec<Place> = if f.name == "endpoint-configuration" {
            vec![if v3 { Place::Server } else { Place::Root }]
        } else {
            k.places.to_vec()
        };
        if expected.contains(&f.place) {
            continue;
        }
        let wanted: Vec<&str> = expected.iter().map(|p| p.describe()).collect();
        out.check(
            &RULE,
            f.key_span,
            &f.pointer,
            format!(
                "{PREFIX}{} stands in {}; its reference puts it in {}",
                f.name,
                f.place.describe(),
                wanted.join(" or ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn misplaced_extensions_are_reported() {
        let text = doc("servers:\n  - url: 'https://a'\n    x-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-cors: {allowOrigins: ['*']}\nx-amazon-apigateway-integration: {type: mock}\n");
        let f = findings(&text, Profile::AwsHttp, "aws-extension-placement");
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), [10, 11], "{f:?}");
        assert!(f[0].1.contains("stands in an Operation; its reference puts it in the document root"), "{}", f[0].1);
    }

    #[test]
    fn endpoint_configuration_is_a_root_extension_in_swagger_only() {
        let v2 = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\nx-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true}\n";
        assert!(findings(v2, Profile::AwsRest, "aws-extension-placement").is_empty());
        let v3 = doc("paths: {}\nx-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true}\n");
        assert_eq!(findings(&v3, Profile::AwsRest, "aws-extension-placement").len(), 1);
    }
}
