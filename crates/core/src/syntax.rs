//! What goes wrong while reading text into a tree, shared by the JSON and YAML readers.

/// A fatal problem found while parsing one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Stable code: `json-syntax`, `yaml-syntax`, `duplicate-key`, `depth-limit`,
    /// `yaml-alias-limit`, `size-limit`, `invalid-utf8`, `encoding`.
    pub code: &'static str,
    /// Human message.
    pub message: String,
    /// Byte offset in the file's text.
    pub offset: usize,
    /// Pointer tokens from the root to the place of the error, outermost first.
    pub path: Vec<String>,
    /// Another offset the message refers to (the first of two duplicate keys).
    pub related: Option<(usize, String)>,
}

impl SyntaxError {
    /// A new error at `offset`.
    #[must_use]
    pub fn new(code: &'static str, message: impl Into<String>, offset: usize) -> Self {
        Self {
            code,
            message: message.into(),
            offset,
            path: Vec::new(),
            related: None,
        }
    }

    /// Adds an enclosing pointer token while the error travels up the tree.
    #[must_use]
    pub fn inside(mut self, token: impl Into<String>) -> Self {
        self.path.push(token.into());
        self
    }

    /// The JSON pointer of the place of the error.
    #[must_use]
    pub fn pointer(&self) -> String {
        let mut s = String::new();
        for t in self.path.iter().rev() {
            s = crate::node::join(&s, t);
        }
        s
    }
}

/// Bounds that keep hostile input from taking unbounded time or memory.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest nesting of arrays and objects.
    pub max_depth: usize,
    /// Largest file, in bytes.
    pub max_file_bytes: usize,
    /// Most nodes that YAML aliases may add by expansion.
    pub max_alias_nodes: usize,
    /// Most `$ref`s followed in one load.
    pub max_refs: usize,
    /// Most files read in one load.
    pub max_files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 256,
            max_file_bytes: 256 * 1024 * 1024,
            max_alias_nodes: 100_000,
            max_refs: 1_000_000,
            max_files: 10_000,
        }
    }
}
