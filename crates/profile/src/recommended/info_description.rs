//! `info-description`: the API has no description.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "info-description",
    "recommended: `info` has no `description`. What the API is for, who may use it and how \
     are what documentation portals show first; without it readers start from the paths. \
    ",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    super::info::missing(cx, out, &CODE, "description", "the API has no description");
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::findings;

    #[test]
    fn reported_at_info() {
        let f = findings(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "info-description",
        );
        assert_eq!(f, [(2, "/info".to_string())]);
        let f = findings(
            "openapi: 3.0.3\ninfo: {title: t, version: '1', description: d}\npaths: {}\n",
            "info-description",
        );
        assert!(f.is_empty());
    }
}
