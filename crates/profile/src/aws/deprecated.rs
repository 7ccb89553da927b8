//! `aws-deprecated`: REST APIs do not support `deprecated`; it is dropped.

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-deprecated",
        concat!(
            "REST APIs: an operation or schema is marked `deprecated`. \"The deprecated field \
             is not supported and is dropped in exported APIs\": dropped, so clients of the \
             deployed API (and SDKs API Gateway generates) are not told. (A deprecated \
             parameter is reported by aws-parameter-attribute.) Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Dropped),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for op in cx.api.operations() {
        if let Some(d) = op.node.get("deprecated") {
            if d.as_bool() == Some(true) {
                out.limit(
                    &RULE,
                    d.span,
                    &oaskit_core::join_pointer(&op.pointer, "deprecated"),
                    &format!("operation {} {} is deprecated", op.method, op.path),
                );
            }
        }
    }
    super::schemas::report_keyword(
        cx,
        out,
        &RULE,
        "deprecated",
        |_, v| v.as_bool() == Some(true),
        "schema is deprecated",
    );
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn deprecated_operations_and_schemas() {
        let text = doc("paths:\n  /a:\n    get:\n      deprecated: true\n      responses: {'200': {description: ok}}\n    put:\n      deprecated: false\n      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    Old: {type: object, deprecated: true}\n");
        let f = findings(&text, Profile::AwsRest, "aws-deprecated");
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), [6, 13], "{f:?}");
        assert!(f[0].1.contains("dropped"));
    }
}
