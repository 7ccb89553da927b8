//! `aws-default-keyword`: REST API models do not support `default`.

use super::schemas::report_keyword;
use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-default-keyword",
        concat!(
            "REST APIs: a schema has a `default`. \"The default keyword is not supported\": \
             not supported (AWS documents no outcome); API Gateway does not fill it in. (A \
             parameter's default is reported by aws-parameter-attribute; a `default` response \
             is not this keyword.) Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    report_keyword(cx, out, &RULE, "default", |_, _| true, "schema has a `default`");
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn defaults_in_models_are_reported_default_responses_are_not() {
        let text = doc("paths:\n  /a:\n    get:\n      responses: {default: {description: any}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        size: {type: integer, default: 10}\n");
        let f = findings(&text, Profile::AwsRest, "aws-default-keyword");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 12);
    }
}
