//! `aws-parameter-attribute`: REST API import keeps a parameter's `name`, `in`, `required`,
//! `type` and `description`, and ignores every other attribute.

use std::collections::HashSet;

use oaskit_core::Node;

use super::{declared_parameters, Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-parameter-attribute",
        concat!(
            "REST APIs: a parameter has attributes API Gateway does not keep. \"For input \
             parameters, only the following attributes are supported: name, in, required, \
             type, description. Other attributes are ignored\": ignored on import (a format, \
             enum, pattern, bound, default, style or example of a parameter is not enforced \
             or shown). In OpenAPI 3 the type is the schema's `type`; the schema's other \
             keywords are reported. Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Ignored),
    http: Applies::No,
    source: known_issues_rest!(),
};

/// Parameter members API Gateway keeps (`type` is Swagger 2.0's, which stays as written in an
/// `x-amazon-apigateway-any-method`; `schema` holds the type in OpenAPI 3).
const KEPT: &[&str] = &["name", "in", "required", "type", "description", "schema"];

/// The ignored attributes of one parameter, as written (`schema.format` for the schema's).
fn ignored(p: &Node) -> Vec<String> {
    let mut out = Vec::new();
    let Some(m) = p.as_object() else { return out };
    for (k, v) in m.iter() {
        if k.starts_with("x-") || k == "$ref" {
            continue;
        }
        if k == "schema" {
            if let Some(s) = v.as_object() {
                out.extend(
                    s.iter()
                        .map(|(sk, _)| sk)
                        .filter(|sk| *sk != "type" && *sk != "$ref" && !sk.starts_with("x-"))
                        .map(|sk| format!("schema.{sk}")),
                );
            }
        } else if !KEPT.contains(&k) {
            out.push(k.to_string());
        }
    }
    out
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let mut seen = HashSet::new();
    for op in cx.api.operations() {
        for (p, pointer) in declared_parameters(cx.api, op) {
            if !seen.insert(pointer.clone()) {
                continue;
            }
            let list = ignored(p);
            if list.is_empty() {
                continue;
            }
            let name = p.get("name").and_then(Node::as_str).unwrap_or("?");
            out.limit(
                &RULE,
                p.span,
                &pointer,
                &format!("parameter {name:?}: {} not kept", list.join(", ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn attributes_beyond_the_five_are_reported_once_per_parameter() {
        let text = doc("paths:\n  /a:\n    parameters:\n      - {name: p, in: query, description: d, schema: {type: string}}\n    get:\n      parameters:\n        - name: q\n          in: query\n          style: form\n          schema: {type: integer, format: int32, minimum: 1}\n      responses: {'200': {description: ok}}\n    put:\n      responses: {'200': {description: ok}}\n");
        let f = findings(&text, Profile::AwsRest, "aws-parameter-attribute");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 9);
        assert!(f[0].1.contains("\"q\": style, schema.format, schema.minimum not kept"), "{}", f[0].1);
        assert!(f[0].1.contains("ignored on import"));
    }

    #[test]
    fn swagger_types_of_any_method_parameters_are_kept() {
        let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /calc:\n    x-amazon-apigateway-any-method:\n      parameters: [{name: a, in: query, required: true, type: string}]\n      responses: {'200': {description: ok}}\n";
        assert!(findings(text, Profile::AwsRest, "aws-parameter-attribute").is_empty());
        let with_format = text.replace("type: string}", "type: string, format: uuid}");
        let f = findings(&with_format, Profile::AwsRest, "aws-parameter-attribute");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("\"a\": format not kept"), "{}", f[0].1);
    }
}
