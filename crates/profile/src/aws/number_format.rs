//! `aws-number-format`: REST APIs do not support `number` schemas of format `int32` or
//! `int64`.

use oaskit_core::Node;

use super::schemas::report_keyword;
use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-number-format",
        concat!(
            "REST APIs: a schema of type `number` has format `int32` or `int64`. \"Numbers of \
             the Int32 or Int64 type are not supported\" (the page's example is \
             `{\"type\": \"number\", \"format\": \"int32\"}`): not supported (AWS documents no \
             outcome). Use `type: integer`. Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

/// Whether the schema's `type` is or includes `number`.
fn is_number(s: &Node) -> bool {
    match s.get("type") {
        Some(t) => {
            t.as_str() == Some("number")
                || t.as_array()
                    .is_some_and(|l| l.iter().any(|x| x.as_str() == Some("number")))
        }
        None => false,
    }
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    report_keyword(
        cx,
        out,
        &RULE,
        "format",
        |s, v| is_number(s) && matches!(v.as_str(), Some("int32" | "int64")),
        "`number` schema with an int32/int64 format",
    );
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn number_int32_is_reported_integer_int32_is_not() {
        let text = doc("paths: {}\ncomponents:\n  schemas:\n    A: {type: number, format: int32}\n    B: {type: integer, format: int64}\n    C: {type: number, format: double}\n");
        let f = findings(&text, Profile::AwsRest, "aws-number-format");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 6);
    }
}
