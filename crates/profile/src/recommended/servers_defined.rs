//! `servers-defined`: the document names no server.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "servers-defined",
    "recommended: the document declares no server (`servers` in OpenAPI 3, `host` in Swagger \
     2.0). Clients, SDKs and try-it consoles then fall back to the host the definition was \
     fetched from, which is rarely the API.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    if cx
        .api
        .servers()
        .iter()
        .all(|s| s.url.is_empty() || s.url == "/")
    {
        out.at(&CODE, cx.root, "", "the document declares no server".into());
    }
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn missing_and_present() {
        assert_eq!(
            findings(&doc("paths: {}\n"), "servers-defined"),
            [(1, String::new())]
        );
        assert!(findings(
            &doc("servers: [{url: 'https://api.example.com'}]\npaths: {}\n"),
            "servers-defined"
        )
        .is_empty());
    }
}
