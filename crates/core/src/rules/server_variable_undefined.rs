//! `server-variable-undefined`: every `{name}` in a server URL is a defined variable.

use super::{diagnostic, template_vars, Ctx};
use crate::codes::Code;
use crate::node::{join, Node};

/// The rule's code.
pub(super) const CODE: Code = Code::error(
    "server-variable-undefined",
    "A server URL uses a {variable} that is not defined. Every {name} in a Server Object's `url` \
     must be a key of its `variables`, with a default; otherwise the URL cannot be built. \
     Define the variable or write the value into the URL.",
);

/// Checks the URL template of `server`, found at `pointer`.
pub(super) fn check(cx: &mut Ctx<'_>, server: &Node, pointer: &str) {
    let vars = server.get("variables").and_then(Node::as_object);
    let Some(url) = server.get("url").and_then(Node::as_str) else {
        return;
    };
    for v in template_vars(url) {
        if !vars.is_some_and(|m| m.contains(&v)) {
            let n = server.get("url").unwrap_or(server);
            cx.push(
                diagnostic(
                    &CODE,
                    format!("server URL {url:?} uses {{{v}}}, which is not in `variables`"),
                ),
                n,
                &join(pointer, "url"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test::{codes, findings};

    const BAD: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
servers:
  - url: 'https://{region}.example.com/{stage}'
    variables:
      region: {default: eu}
paths: {}
";

    #[test]
    fn a_variable_missing_from_variables_is_reported() {
        assert_eq!(codes(BAD), [super::CODE.name]);
        assert_eq!(findings(BAD, super::CODE.name)[0].1, "/servers/0/url");
    }

    #[test]
    fn defined_variables_pass() {
        assert!(codes(&BAD.replace("/{stage}", "/v1")).is_empty());
    }
}
