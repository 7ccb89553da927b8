//! What the path-key rules share.

use oaskit_core::Node;

use super::Cx;

/// Calls `f` with every path key of `paths` (those starting with `/`) and its Path Item.
pub(super) fn each_key<'d>(cx: &Cx<'d>, mut f: impl FnMut(&'d str, &'d Node)) {
    if let Some(paths) = cx.root.get("paths").and_then(Node::as_object) {
        for (path, item) in paths.iter() {
            if path.starts_with('/') {
                f(path, item);
            }
        }
    }
}
