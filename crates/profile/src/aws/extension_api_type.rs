//! `aws-extension-api-type`: an extension, or a member of one, that its reference page says is
//! for the other API type only.

use oaskit_core::Node;

use super::extensions::{known, PREFIX};
use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Profile;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-extension-api-type",
        concat!(
            "AWS profiles: an extension or one of its members is documented for the other API \
             type only. HTTP APIs only: cors, importexport-version, integrations, tag-value, \
             and integrationSubtype, tlsConfig.serverNameToVerify, an authorizer's \
             jwtConfiguration, any-method's isDefaultRoute. REST APIs only: \
             minimum-compression-size, policy, request-validators, and an integration \
             response's or gateway response's responseParameters, \
             tlsConfig.insecureSkipVerification, an authorizer's identityValidationExpression, \
             endpoint-configuration's vpcEndpointIds. Source: ",
            extensions!(),
            " (the page of each extension)."
        ),
    ),
    rest: Applies::Check,
    http: Applies::Check,
    source: extensions!(),
};

/// Members documented for one API type only: (extension, path of member names inside it,
/// `*` for any key, the API type).
const MEMBERS: &[(&str, &[&str], Profile)] = &[
    ("integration", &["integrationSubtype"], Profile::AwsHttp),
    ("integration", &["tlsConfig", "serverNameToVerify"], Profile::AwsHttp),
    ("integration", &["tlsConfig", "insecureSkipVerification"], Profile::AwsRest),
    ("integration", &["responses", "*", "responseParameters"], Profile::AwsRest),
    ("authorizer", &["jwtConfiguration"], Profile::AwsHttp),
    ("authorizer", &["identityValidationExpression"], Profile::AwsRest),
    ("any-method", &["isDefaultRoute"], Profile::AwsHttp),
    ("endpoint-configuration", &["vpcEndpointIds"], Profile::AwsRest),
    ("gateway-responses", &["*", "responseParameters"], Profile::AwsRest),
];

/// The members at `path` below `node`, with their pointers relative to it.
fn members<'d>(node: &'d Node, path: &[&str], at: String, out: &mut Vec<(&'d Node, String)>) {
    let Some((first, rest)) = path.split_first() else {
        out.push((node, at));
        return;
    };
    let Some(m) = node.as_object() else { return };
    for (k, v) in m.iter() {
        if *first == "*" || k == *first {
            members(v, rest, oaskit_core::join_pointer(&at, k), out);
        }
    }
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let profile = cx.profile;
    for f in &cx.extensions {
        let Some(k) = known(f.name) else { continue };
        if let Some(only) = k.only {
            if only != profile {
                out.check(
                    &RULE,
                    f.key_span,
                    &f.pointer,
                    format!("{PREFIX}{} is for {}s only", f.name, only.api_type()),
                );
                continue;
            }
        }
        for (ext, path, only) in MEMBERS {
            if *ext != f.name || *only == profile {
                continue;
            }
            let mut found = Vec::new();
            members(f.node, path, f.pointer.clone(), &mut found);
            for (n, p) in found {
                let name = p.rsplit('/').next().unwrap_or("");
                out.check(
                    &RULE,
                    n.span,
                    &p,
                    format!("{name} of {PREFIX}{} is for {}s only", f.name, only.api_type()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn http_only_extensions_and_members_under_rest() {
        let text = doc("paths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n        httpMethod: POST\n        uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations'\n        integrationSubtype: SQS-SendMessage\nx-amazon-apigateway-cors: {allowOrigins: ['*']}\nx-amazon-apigateway-policy: {Statement: [{Effect: Allow, Action: 'execute-api:Invoke'}]}\n");
        let rest = findings(&text, Profile::AwsRest, "aws-extension-api-type");
        assert_eq!(rest.iter().map(|x| x.0).collect::<Vec<_>>(), [11, 12], "{rest:?}");
        assert!(rest[1].1.contains("x-amazon-apigateway-cors is for HTTP APIs only"));
        let http = findings(&text, Profile::AwsHttp, "aws-extension-api-type");
        assert_eq!(http.iter().map(|x| x.0).collect::<Vec<_>>(), [13], "{http:?}");
    }
}
