//! `aws-discriminator`: REST API models do not support `discriminator`.

use super::schemas::report_keyword;
use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-discriminator",
        concat!(
            "REST APIs: a schema has a `discriminator`. \"The discriminator parameter is not \
             supported in any schema object\": not supported (AWS documents no outcome); the \
             model does not select its variant by the property. Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    report_keyword(cx, out, &RULE, "discriminator", |_, _| true, "schema uses `discriminator`");
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn discriminators_are_reported_in_models() {
        let text = doc("paths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties: {kind: {type: string}}\n      discriminator: {propertyName: kind}\n");
        let f = findings(&text, Profile::AwsRest, "aws-discriminator");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, 9);
        assert!(findings(&text, Profile::AwsHttp, "aws-discriminator").is_empty());
    }
}
