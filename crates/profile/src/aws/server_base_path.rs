//! `aws-server-base-path`: REST API import takes the base path from a `basePath` server
//! variable, and from the first one only when there are several.

use oaskit_core::join_pointer;

use super::{Cx, Out};
use crate::codes::{Applies, Rule};
use crate::Outcome;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: oaskit_core::codes::Code::warning(
        "aws-server-base-path",
        concat!(
            "REST APIs: the servers declare more than one `basePath` variable. API Gateway uses \
             a server variable named `basePath` as the base path of an OpenAPI 3 import, and \
             \"if the API contains multiple basePath variables, the Import API feature uses \
             only the first one as the base path\": the others are changed on import (not \
             used). Keep one. Source: ",
            base_path!(),
            "."
        ),
    ),
    rest: Applies::Limitation(Outcome::Changed),
    http: Applies::No,
    source: base_path!(),
};

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    let mut first: Option<String> = None;
    for s in cx.api.servers() {
        for v in &s.variables {
            if v.name != "basePath" {
                continue;
            }
            let at = join_pointer(&join_pointer(&s.pointer, "variables"), v.name);
            let node = s
                .node
                .get("variables")
                .and_then(|m| m.get(v.name))
                .unwrap_or(s.node);
            match &first {
                None => first = Some(s.url.to_string()),
                Some(url) => out.limit(
                    &RULE,
                    node.span,
                    &at,
                    &format!(
                        "basePath variable of server {:?} is not the first one (the base path comes from {url:?})",
                        s.url
                    ),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::testing::{doc, findings};
    use crate::Profile;

    #[test]
    fn the_second_base_path_is_reported_the_first_is_not() {
        let text = doc("servers:\n  - url: 'https://a/{basePath}'\n    variables: {basePath: {default: v1}}\n  - url: 'https://b/{basePath}'\n    variables:\n      basePath: {default: v2}\npaths: {}\n");
        let f = findings(&text, Profile::AwsRest, "aws-server-base-path");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 8);
        assert!(f[0].1.contains("changed on import"));
        let one = doc("servers:\n  - url: 'https://a/{basePath}'\n    variables: {basePath: {default: v1}}\npaths: {}\n");
        assert!(findings(&one, Profile::AwsRest, "aws-server-base-path").is_empty());
        assert!(findings(&text, Profile::AwsHttp, "aws-server-base-path").is_empty());
    }
}
