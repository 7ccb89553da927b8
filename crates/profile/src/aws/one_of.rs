//! `aws-one-of`: REST APIs do not support `oneOf` for OpenAPI 2.0 or SDK generation.

use super::schemas::report_keyword;
use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-one-of",
        concat!(
            "REST APIs: a schema uses `oneOf`. \"oneOf is not supported for OpenAPI 2.0 or SDK \
             generation\": not supported (AWS documents no outcome) in a Swagger 2.0 import \
             or in the SDKs API Gateway generates from the API. Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let what = if cx.source_version == oaskit_core::SpecVersion::Swagger2 {
        "schema uses `oneOf` in a Swagger 2.0 definition"
    } else {
        "schema uses `oneOf` (not supported for SDK generation)"
    };
    report_keyword(cx, out, &RULE, "oneOf", |_, _| true, what);
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn one_of_is_reported() {
        let text = doc("paths: {}\ncomponents:\n  schemas:\n    A:\n      oneOf: [{type: string}, {type: integer}]\n    B: {anyOf: [{type: string}]}\n");
        let f = findings(&text, Profile::AwsRest, "aws-one-of");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 7);
        assert!(f[0].1.contains("SDK generation"));
    }
}
