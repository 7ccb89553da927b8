//! `aws-root-security`: REST API import does not apply the document-level `security`; each
//! operation must say its own.

use oaskit_core::Node;

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-root-security",
        concat!(
            "REST APIs: operations rely on the document-level `security`. \"API Gateway \
             doesn't use root level security defined in the OpenAPI specification. Hence \
             security needs to be defined at an operation level to be appropriately \
             applied\": ignored on import, so those operations are deployed without it. Copy \
             the requirement into each operation. Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Ignored),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let Some(sec) = cx.root.get("security") else {
        return;
    };
    if sec.as_array().is_none_or(<[Node]>::is_empty) {
        return;
    }
    let relying: Vec<String> = cx
        .api
        .operations()
        .iter()
        .filter(|op| op.node.get("security").is_none())
        .map(|op| format!("{} {}", op.method, op.path))
        .collect();
    if relying.is_empty() {
        return;
    }
    let shown: Vec<&str> = relying.iter().take(3).map(String::as_str).collect();
    let more = if relying.len() > 3 {
        format!(" and {} more", relying.len() - 3)
    } else {
        String::new()
    };
    out.limit(
        &RULE,
        sec.span,
        "/security",
        &format!(
            "document-level security is not applied to {} operation(s) without their own ({}{more})",
            relying.len(),
            shown.join(", ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn reported_when_an_operation_relies_on_it() {
        let text = doc("security: [{key: []}]\npaths:\n  /a:\n    get: {responses: {'200': {description: ok}}}\n    put: {security: [{key: []}], responses: {'200': {description: ok}}}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, name: x-api-key, in: header}\n");
        let f = findings(&text, Profile::AwsRest, "aws-root-security");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 3);
        assert!(f[0].1.contains("1 operation(s) without their own (GET /a)"), "{}", f[0].1);
        let all_own = doc("security: [{key: []}]\npaths:\n  /a:\n    put: {security: [], responses: {'200': {description: ok}}}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, name: x-api-key, in: header}\n");
        assert!(findings(&all_own, Profile::AwsRest, "aws-root-security").is_empty());
    }
}
