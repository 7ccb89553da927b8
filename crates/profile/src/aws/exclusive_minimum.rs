//! `aws-exclusive-minimum`: REST APIs do not support `exclusiveMinimum`.

use super::schemas::report_keyword;
use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-exclusive-minimum",
        concat!(
            "REST APIs: a schema uses `exclusiveMinimum`. \"exclusiveMinimum is not supported \
             by API Gateway\": not supported (AWS documents no outcome); request validation \
             may accept the bound itself. The page says nothing of `exclusiveMaximum`, so \
             oaskit does not report it. Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    report_keyword(
        cx,
        out,
        &RULE,
        "exclusiveMinimum",
        |_, v| v.as_bool() != Some(false),
        "schema uses `exclusiveMinimum`",
    );
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn true_is_reported_false_is_not() {
        let text = doc("paths: {}\ncomponents:\n  schemas:\n    A: {type: number, minimum: 0, exclusiveMinimum: true}\n    B: {type: number, minimum: 0, exclusiveMinimum: false, exclusiveMaximum: true, maximum: 1}\n");
        let f = findings(&text, Profile::AwsRest, "aws-exclusive-minimum");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 6);
    }
}
