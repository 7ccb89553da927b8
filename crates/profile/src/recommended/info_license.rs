//! `info-license`: the API states no licence.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "info-license",
    "recommended: `info` has no `license`. Whether and how the definition may be reused \
     (client generation, republishing) is unclear without one.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    super::info::missing(cx, out, &CODE, "license", "the API states no licence");
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::findings;

    #[test]
    fn reported_at_info() {
        let f = findings(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "info-license",
        );
        assert_eq!(f, [(2, "/info".to_string())]);
        let f = findings(
            "openapi: 3.0.3\ninfo: {title: t, version: '1', license: {name: MIT}}\npaths: {}\n",
            "info-license",
        );
        assert!(f.is_empty());
    }
}
