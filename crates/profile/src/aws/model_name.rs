//! `aws-model-name`: REST API model names are alphanumeric.

use oaskit_core::{join_pointer, Node};

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-model-name",
        concat!(
            "REST APIs: a schema of `components/schemas` (`definitions` in Swagger 2.0) has a \
             name API Gateway does not take for a model. \"Model names can only contain \
             alphanumeric characters\": not supported (AWS documents no outcome). Rename it \
             (and its references). Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let Some(m) = cx
        .root
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Node::as_object)
    else {
        return;
    };
    for e in &m.entries {
        let name: &str = &e.key;
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        out.limit(
            &RULE,
            e.key_span,
            &join_pointer("/components/schemas", name),
            &format!("model name {name:?} is not alphanumeric"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn names_with_other_characters_are_reported() {
        let text = doc("paths: {}\ncomponents:\n  schemas:\n    Pet2: {type: object}\n    pet_list: {type: array, items: {type: string}}\n    Error.v1: {type: object}\n");
        let f = findings(&text, Profile::AwsRest, "aws-model-name");
        assert_eq!(f.iter().map(|x| x.0).collect::<Vec<_>>(), [7, 8], "{f:?}");
    }

    #[test]
    fn swagger_definitions_point_at_definitions() {
        let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  my-model: {type: object}\n";
        let loaded = oaskit_core::load_str("api.yaml", text, &oaskit_core::LoadOptions::new());
        let f = crate::check(&loaded, Profile::AwsRest);
        let d = f.iter().find(|d| d.code == "aws-model-name").expect("reported");
        assert_eq!(d.location.as_ref().unwrap().pointer, "/definitions/my-model");
        assert_eq!(d.position(&loaded.sources).unwrap().1, 5);
    }
}
