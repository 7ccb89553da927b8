//! `info-contact`: the API names no contact.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "info-contact",
    "recommended: `info` has no `contact`. Users of the API need someone to ask or report to \
     (a name, URL or e-mail address).",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    super::info::missing(cx, out, &CODE, "contact", "the API names no contact");
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::findings;

    #[test]
    fn reported_at_info() {
        let f = findings(
            "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths: {}\n",
            "info-contact",
        );
        assert_eq!(f, [(2, "/info".to_string())]);
        let f = findings("openapi: 3.0.3\ninfo: {title: t, version: '1', contact: {url: 'https://x.example'}}\npaths: {}\n", "info-contact");
        assert!(f.is_empty());
    }
}
