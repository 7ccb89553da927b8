//! `security-scheme-undefined`: security requirements name defined schemes.

use std::collections::HashSet;

use super::{diagnostic, Ctx};
use crate::codes::Code;
use crate::node::{join, Node};
use crate::version::SpecVersion;

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "security-scheme-undefined",
    "A security requirement names a scheme that is not defined. Each key of a requirement in \
     `security` (at the root or on an operation) must be the name of a scheme under \
     components/securitySchemes (securityDefinitions in Swagger 2.0). Define the scheme or fix \
     the name.",
);

/// The names of the document's security schemes.
pub(super) fn scheme_names(root: &Node, version: SpecVersion) -> HashSet<&str> {
    let defs = if version == SpecVersion::Swagger2 {
        root.get("securityDefinitions")
    } else {
        root.get("components")
            .and_then(|c| c.get("securitySchemes"))
    };
    defs.and_then(Node::as_object)
        .map(|m| m.iter().map(|(k, _)| k).collect())
        .unwrap_or_default()
}

/// Checks the security requirements `sec`, found at `base`.
pub(super) fn check(cx: &mut Ctx<'_>, sec: &Node, base: &str) {
    let Some(reqs) = sec.as_array() else { return };
    // The names are gathered once per document, in `Ctx` (each operation's requirements are
    // checked against the same set).
    let names = &cx.schemes;
    let mut unknown = Vec::new();
    for (i, req) in reqs.iter().enumerate() {
        let Some(m) = req.as_object() else { continue };
        for e in &m.entries {
            if !names.contains(&*e.key) {
                unknown.push((i, e));
            }
        }
    }
    for (i, e) in unknown {
        let where_ = if cx.version == SpecVersion::Swagger2 {
            "securityDefinitions"
        } else {
            "components/securitySchemes"
        };
        let d = diagnostic(
            &CODE,
            format!(
                "security requirement names {:?}, which is not defined in {where_}",
                e.key
            ),
        );
        cx.push_span(d, e.key_span, &join(&join(base, &i.to_string()), &e.key));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::{codes, findings};

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
security: [{key: []}]
paths: {}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: X-Key}
";

    #[test]
    fn an_unknown_scheme_is_reported_at_its_key() {
        assert_eq!(codes(BAD), [super::CODE.name]);
        assert_eq!(findings(BAD, super::CODE.name)[0].1, "/security/0/key");
    }

    #[test]
    fn a_defined_scheme_passes() {
        assert!(codes(&BAD.replace("[{key: []}]", "[{apiKey: []}]")).is_empty());
    }
}
