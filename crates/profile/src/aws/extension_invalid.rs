//! `aws-extension-invalid`: an `x-amazon-apigateway-*` object does not have the shape AWS's
//! extension reference gives it (`schemas/aws-extensions.json`, one schema per extension).

use oaskit_core::{Node, Span};

use super::extensions::{violations, PREFIX};
use super::{Cx, Out};
use crate::codes::{Applies, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::error(
        "aws-extension-invalid",
        concat!(
            "AWS profiles: an `x-amazon-apigateway-*` extension breaks the shape its reference \
             page gives it: a member the page does not list, a value of the wrong type, or one \
             outside the listed values (integration `type`, `connectionType`, \
             `passthroughBehavior`, `contentHandling`, `timeoutInMillis` 50-29000, gateway \
             response types, `api-key-source` HEADER or AUTHORIZER, \
             `minimum-compression-size` 0-10485760, a policy's Effect...). The schemas are \
             in crates/profile/schemas/aws-extensions.json, one per extension, each citing \
             its page. Source: ",
            extensions!(),
            " (and the page of each extension below it)."
        ),
    ),
    rest: Applies::Check,
    http: Applies::Check,
    source: extensions!(),
};

/// How many violations of one extension object are reported (the deepest first).
const MAX_PER_OBJECT: usize = 8;

/// The findings of one extension object of kind `name` at `pointer`: `(span, pointer,
/// message)`, each at the offending member.
pub(crate) fn diagnose(name: &str, node: &Node, pointer: &str) -> Vec<(Span, String, String)> {
    violations(name, node)
        .into_iter()
        .take(MAX_PER_OBJECT)
        .map(|v| {
            let at = node.pointer(&v.at).unwrap_or(node);
            let place = if v.at.is_empty() {
                String::new()
            } else {
                format!(" at {}", v.at)
            };
            (
                at.span,
                format!("{pointer}{}", v.at),
                format!("{PREFIX}{name}{place}: {}", v.message),
            )
        })
        .collect()
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for f in &cx.extensions {
        for (span, pointer, message) in diagnose(f.name, f.node, &f.pointer) {
            out.check(&RULE, span, &pointer, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn members_and_values_are_checked_where_they_stand() {
        let text = doc("paths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: http\n        uri: 'https://example.com'\n        httpMethod: GET\n        timeoutInMillis: 40000\n        passthrough: never\nx-amazon-apigateway-api-key-source: QUERY\n");
        let f = findings(&text, Profile::AwsRest, "aws-extension-invalid");
        let lines: Vec<u32> = f.iter().map(|x| x.0).collect();
        assert_eq!(lines, [7, 11, 13], "{f:?}");
        assert!(f[1].1.contains("at /timeoutInMillis"), "{}", f[1].1);
        assert!(f[2].1.contains("api-key-source"), "{}", f[2].1);
    }
}
