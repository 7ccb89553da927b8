//! The loaded, normalized document that the other oaskit crates work on.

use crate::load::Origins;
use crate::node::{join, Node};
use crate::version::SpecVersion;

/// HTTP methods that are fixed fields of a Path Item (3.2 adds `query`).
pub const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// A normalized OpenAPI 3.x document: Swagger 2.0 input is upgraded, external references are
/// bundled, local references are kept. Every node keeps the span it was read from.
#[derive(Debug, Clone)]
pub struct Document {
    pub(crate) root: Node,
    pub(crate) version: SpecVersion,
    pub(crate) source_version: SpecVersion,
    pub(crate) origins: Origins,
}

/// One operation of the document.
#[derive(Debug, Clone)]
pub struct Operation<'a> {
    /// The path template, such as `/pets/{id}`.
    pub path: &'a str,
    /// The lower-case method, such as `get`.
    pub method: &'a str,
    /// The Path Item Object (references followed).
    pub path_item: &'a Node,
    /// The Operation Object.
    pub node: &'a Node,
    /// JSON pointer of the Operation Object in this document.
    pub pointer: String,
}

impl Document {
    /// The root node.
    #[must_use]
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// Takes the root node out.
    #[must_use]
    pub fn into_root(self) -> Node {
        self.root
    }

    /// The version of this (normalized) document: 3.0, 3.1 or 3.2.
    #[must_use]
    pub fn version(&self) -> SpecVersion {
        self.version
    }

    /// The version the user's file was written in.
    #[must_use]
    pub fn source_version(&self) -> SpecVersion {
        self.source_version
    }

    /// Maps pointers of this document back to the user's files.
    #[must_use]
    pub fn origins(&self) -> &Origins {
        &self.origins
    }

    /// Follows local `$ref`s from `node` (at most 64 hops) and returns the target.
    #[must_use]
    pub fn resolve<'a>(&'a self, node: &'a Node) -> &'a Node {
        let mut cur = node;
        for _ in 0..64 {
            let Some(r) = cur.ref_str() else { return cur };
            let Some(frag) = r.strip_prefix('#') else {
                return cur;
            };
            match self.root.pointer(&crate::resolve::percent_decode(frag)) {
                Some(t) => cur = t,
                None => return cur,
            }
        }
        cur
    }

    /// Every operation, in document order.
    #[must_use]
    pub fn operations(&self) -> Vec<Operation<'_>> {
        let mut out = Vec::new();
        let Some(paths) = self.root.get("paths").and_then(Node::as_object) else {
            return out;
        };
        for (path, item) in paths.iter() {
            if !path.starts_with('/') {
                continue;
            }
            let item = self.resolve(item);
            let Some(m) = item.as_object() else { continue };
            for e in &m.entries {
                let method: &str = &e.key;
                if METHODS.contains(&method)
                    && (method != "query" || self.version >= SpecVersion::OpenApi32)
                {
                    out.push(Operation {
                        path,
                        method,
                        path_item: item,
                        node: &e.value,
                        pointer: join(&join("/paths", path), method),
                    });
                }
            }
        }
        out
    }
}
