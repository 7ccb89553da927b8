//! `server-trailing-slash`: a server URL ends with `/`.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "server-trailing-slash",
    "recommended: a server URL ends with `/`. Paths start with `/`, so joining them gives \
     `//` in every request URL, which some servers and gateways route differently.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    for s in cx.api.servers() {
        if s.url.len() > 1 && s.url.ends_with('/') {
            let at = oaskit_core::join_pointer(&s.pointer, "url");
            let node = s.node.get("url").unwrap_or(s.node);
            out.at(
                &CODE,
                node,
                &at,
                format!("server URL {:?} ends with `/`", s.url),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn trailing_slash() {
        let f = findings(&doc("servers:\n  - url: 'https://a.example/v1/'\n  - url: /\n  - url: 'https://b.example'\npaths: {}\n"), "server-trailing-slash");
        assert_eq!(f, [(4, "/servers/0/url".to_string())]);
    }
}
