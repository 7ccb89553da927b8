//! `path-trailing-slash`: a path ends with `/`.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "path-trailing-slash",
    "recommended: a path other than `/` ends with `/`. `/pets/` and `/pets` are different \
     URLs; servers, gateways and routers disagree on whether one answers for the other.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    super::paths::each_key(cx, |path, node| {
        if path.len() > 1 && path.ends_with('/') {
            out.at(
                &CODE,
                node,
                &oaskit_core::join_pointer("/paths", path),
                format!("path {path:?} ends with `/`"),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn trailing_slash() {
        let f = findings(
            &doc("paths:\n  /: {}\n  /a/: {}\n  /b: {}\n"),
            "path-trailing-slash",
        );
        assert_eq!(f, [(5, "/paths/~1a~1".to_string())]);
    }
}
