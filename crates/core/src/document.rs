//! The loaded, normalized document that the other oaskit crates work on.

use crate::load::Origins;
use crate::node::Node;
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
}
