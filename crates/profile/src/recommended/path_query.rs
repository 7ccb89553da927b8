//! `path-query`: a path has a query string.

use super::{Cx, Out};
use oaskit_core::codes::Code;

/// The rule's code.
pub(crate) const CODE: Code = Code::warning(
    "path-query",
    "recommended: a path contains `?`. Query strings are described by `in: query` parameters; \
     a `?` in the path key is matched literally (as `%3F`) by tools that follow the \
     specification, so no request ever reaches the operation.",
);

pub(crate) fn check(cx: &Cx<'_>, out: &mut Out<'_>) {
    super::paths::each_key(cx, |path, node| {
        if path.contains('?') {
            let at = oaskit_core::join_pointer("/paths", path);
            out.at(
                &CODE,
                node,
                &at,
                format!("path {path:?} contains a query string"),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::recommended::testing::{doc, findings};

    #[test]
    fn query_in_path() {
        let f = findings(&doc("paths:\n  /a?x=1: {}\n  /b: {}\n"), "path-query");
        assert_eq!(f, [(4, "/paths/~1a?x=1".to_string())]);
    }
}
