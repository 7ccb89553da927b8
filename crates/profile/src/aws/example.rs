//! `aws-example`: REST API models do not support `example`.

use super::schemas::report_keyword;
use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-example",
        concat!(
            "REST APIs: a schema has an `example`. \"The example tag is not supported\": not \
             supported (AWS documents no outcome). (A parameter's example is reported by \
             aws-parameter-attribute.) Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    report_keyword(cx, out, &RULE, "example", |_, _| true, "schema has an `example`");
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn examples_in_models_and_bodies() {
        let text = doc("paths:\n  /a:\n    post:\n      requestBody: {content: {application/json: {schema: {type: object, example: {a: 1}}}}}\n      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    N: {type: integer, example: 3}\n");
        let f = findings(&text, Profile::AwsRest, "aws-example");
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), [6, 10], "{f:?}");
    }
}
