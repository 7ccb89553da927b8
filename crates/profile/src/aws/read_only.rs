//! `aws-read-only`: REST APIs do not support `readOnly`.

use super::schemas::report_keyword;
use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-read-only",
        concat!(
            "REST APIs: a schema property is `readOnly`. \"The readOnly field is not \
             supported\": not supported (AWS documents no outcome); request validation does \
             not keep clients from sending it. Source: ",
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
        "readOnly",
        |_, v| v.as_bool() == Some(true),
        "schema is `readOnly`",
    );
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn read_only_true_is_reported() {
        let text = doc("paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        id: {type: string, readOnly: true}\n        n: {type: string, readOnly: false}\n");
        let f = findings(&text, Profile::AwsRest, "aws-read-only");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 9);
    }
}
