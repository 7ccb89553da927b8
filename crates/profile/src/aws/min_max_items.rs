//! `aws-min-max-items`: REST API simple request validation leaves out `minItems` and
//! `maxItems`.

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-min-max-items",
        concat!(
            "REST APIs: a schema bounds an array with `minItems` or `maxItems`. \"The maxItems \
             and minItems tags are not included in simple request validation. To work around \
             this, update the model after import before doing validation\": ignored on import \
             by request validation. Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Ignored),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for k in ["minItems", "maxItems"] {
        super::schemas::report_keyword(
            cx,
            out,
            &RULE,
            k,
            |_, _| true,
            &format!("schema has `{k}`, which request validation does not check"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn both_bounds_are_reported() {
        let text = doc("paths: {}\ncomponents:\n  schemas:\n    L:\n      type: array\n      items: {type: string}\n      minItems: 1\n      maxItems: 5\n");
        let f = findings(&text, Profile::AwsRest, "aws-min-max-items");
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), [9, 10], "{f:?}");
    }
}
