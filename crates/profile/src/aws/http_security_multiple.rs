//! `aws-http-security-multiple`: an HTTP API operation has one authorization (IAM, a Lambda
//! authorizer or a JWT authorizer); several security requirements are an import error.

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::error(
        "aws-http-security-multiple",
        concat!(
            "HTTP APIs: an operation's security has more than one requirement, or a requirement \
             with more than one scheme. \"While OpenAPI allows users to define an API with \
             multiple security requirements attached to a particular operation, API Gateway \
             does not support this. Each operation can have only one of IAM authorization, a \
             Lambda authorizer, or a JWT authorizer. Attempting to model multiple security \
             requirements results in an error\": import fails. Source: ",
            import_http!(),
            "."
        ),
    ),
    rest: Applies::No,
    http: Applies::Limitation(Outcome::Fails),
    source: import_http!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let mut root_reported = false;
    for op in cx.api.operations() {
        let Some(reqs) = &op.security else { continue };
        let schemes: usize = reqs.iter().map(|r| r.schemes.len()).sum();
        if reqs.len() <= 1 && schemes <= 1 {
            continue;
        }
        let own = op.node.get("security");
        let (node, pointer) = match own {
            Some(n) => (n, oaskit_core::join_pointer(&op.pointer, "security")),
            None => {
                // The document's: reported once, where it is written.
                if root_reported {
                    continue;
                }
                root_reported = true;
                (cx.root.get("security").unwrap_or(cx.root), "/security".to_string())
            }
        };
        out.limit(
            &RULE,
            node.span,
            &pointer,
            &format!(
                "{} {}: {} security requirement(s) naming {schemes} scheme(s); an HTTP API route has one authorizer",
                op.method,
                op.path,
                reqs.len()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn alternatives_and_combinations_are_errors() {
        let text = doc("paths:\n  /a:\n    get:\n      security: [{a: []}, {b: []}]\n      responses: {'200': {description: ok}}\n  /b:\n    get:\n      security: [{a: []}]\n      responses: {'200': {description: ok}}\ncomponents:\n  securitySchemes:\n    a: {type: apiKey, name: k, in: header}\n    b: {type: apiKey, name: j, in: header}\n");
        let f = findings(&text, Profile::AwsHttp, "aws-http-security-multiple");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 6);
        assert!(f[0].1.contains("import fails"));
    }
}
