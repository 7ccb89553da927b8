//! `aws-decimal-format`: REST APIs do not support `format: decimal`.

use super::schemas::report_keyword;
use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-decimal-format",
        concat!(
            "REST APIs: a schema has `format: decimal`. \"Decimal number format type \
             (\\\"format\\\": \\\"decimal\\\") is not supported in a schema definition\": not \
             supported (AWS documents no outcome). Source: ",
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
        "format",
        |_, v| v.as_str() == Some("decimal"),
        "schema has `format: decimal`",
    );
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn decimal_is_reported() {
        let text = doc("paths: {}\ncomponents:\n  schemas:\n    Price: {type: number, format: decimal}\n    Other: {type: number, format: double}\n");
        let f = findings(&text, Profile::AwsRest, "aws-decimal-format");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 6);
    }
}
