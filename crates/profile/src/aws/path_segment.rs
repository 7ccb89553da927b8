//! `aws-path-segment`: REST API path segments take alphanumerics, underscores, hyphens,
//! periods, commas, colons and curly braces, and a path parameter is a whole segment.

use oaskit_core::{join_pointer, Node};

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-path-segment",
        concat!(
            "REST APIs: a path segment has a character API Gateway does not take, or a path \
             parameter that is not a whole segment. \"Path segments can only contain \
             alphanumeric characters, underscores, hyphens, periods, commas, colons, and curly \
             braces. Path parameters must be separate path segments\" (`/resource/{id}`, not \
             `/resource{id}`); greedy parameters (`{proxy+}`) are API Gateway's own. Outcome: \
             not supported (AWS documents no outcome). Source: ",
            known_issues_rest!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Unsupported),
    http: Applies::No,
    source: known_issues_rest!(),
};

/// What is wrong with one segment, if anything.
fn problem(segment: &str) -> Option<String> {
    if segment.contains(['{', '}']) {
        let whole = segment
            .strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .map(|s| s.strip_suffix('+').unwrap_or(s));
        return match whole {
            Some(name) if !name.is_empty() && !name.contains(['{', '}']) => None,
            _ => Some(format!("path parameter in {segment:?} is not a whole segment")),
        };
    }
    let bad: String = segment
        .chars()
        .filter(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ',' | ':')))
        .collect();
    (!bad.is_empty()).then(|| format!("segment {segment:?} has {bad:?}"))
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let Some(paths) = cx.root.get("paths").and_then(Node::as_object) else {
        return;
    };
    for e in &paths.entries {
        let path: &str = &e.key;
        if !path.starts_with('/') {
            continue;
        }
        let problems: Vec<String> = path
            .split('/')
            .skip(1)
            .filter(|s| !s.is_empty())
            .filter_map(problem)
            .collect();
        if problems.is_empty() {
            continue;
        }
        out.limit(
            &RULE,
            e.key_span,
            &join_pointer("/paths", path),
            &format!("path {path:?}: {}", problems.join("; ")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn partial_parameters_and_other_characters_are_reported() {
        let text = doc("paths:\n  /a/{id}/b_c-d.e,f:g:\n    get: {responses: {'200': {description: ok}}}\n  /{proxy+}:\n    get: {responses: {'200': {description: ok}}}\n  /file{id}:\n    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n    get: {responses: {'200': {description: ok}}}\n  /a~b:\n    get: {responses: {'200': {description: ok}}}\n");
        let f = findings(&text, Profile::AwsRest, "aws-path-segment");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].0, 8);
        assert!(f[0].1.contains("\"file{id}\" is not a whole segment"), "{}", f[0].1);
        assert_eq!(f[1].0, 11);
        assert!(f[1].1.contains("has \"~\""), "{}", f[1].1);
    }
}
