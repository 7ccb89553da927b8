//! What a diff returns: changes with their level, operation, places and SDK impact.

use std::fmt;

/// How much a change matters to a client built against the old definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Everything else that changed: new endpoints, optional parameters, wider requests.
    Info,
    /// May break some clients: a new response enum value for closed enums, a changed default,
    /// a deprecation.
    Warning,
    /// A client built against the old definition can now fail: a request it sends is
    /// rejected, or a response it receives no longer matches what it expects.
    Breaking,
}

impl Level {
    /// `"info"`, `"warning"` or `"breaking"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Breaking => "breaking",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in one side's files: file, line and column of the node, and its JSON pointer in
/// the user's own file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file name, as the load named it.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// JSON pointer of the node inside its file.
    pub pointer: String,
}

/// What one generated SDK would feel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Impact {
    /// The SDK's public API does not change incompatibly: code written against the old SDK
    /// still compiles (or type-checks).
    Compatible,
    /// Code written against the old SDK can stop compiling (or type-checking); why.
    Breaks(String),
    /// Not computed (for `info` changes, or when SDK impact was turned off).
    NotComputed,
}

impl Impact {
    /// Whether the SDK breaks.
    #[must_use]
    pub fn breaks(&self) -> bool {
        matches!(self, Impact::Breaks(_))
    }
}

/// The impact of a change on the SDKs oaskit generates, per language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SdkImpact {
    /// The Rust crate.
    pub rust: Impact,
    /// The TypeScript module.
    pub typescript: Impact,
    /// The Python package.
    pub python: Impact,
}

impl SdkImpact {
    /// Not computed for any language.
    #[must_use]
    pub fn not_computed() -> Self {
        Self {
            rust: Impact::NotComputed,
            typescript: Impact::NotComputed,
            python: Impact::NotComputed,
        }
    }

    /// Compatible in every language.
    #[must_use]
    pub fn compatible() -> Self {
        Self {
            rust: Impact::Compatible,
            typescript: Impact::Compatible,
            python: Impact::Compatible,
        }
    }

    /// `(language, impact)` for each language, in the order rust, typescript, python.
    #[must_use]
    pub fn by_language(&self) -> [(&'static str, &Impact); 3] {
        [
            ("rust", &self.rust),
            ("typescript", &self.typescript),
            ("python", &self.python),
        ]
    }
}

/// One change between the two definitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The stable id (`oaskit explain ID`).
    pub id: &'static str,
    /// How much it matters.
    pub level: Level,
    /// The operation it concerns, as `GET /pets/{id}` (the new path when it exists); `None`
    /// for document-wide changes (servers, security schemes).
    pub operation: Option<String>,
    /// One line saying what changed.
    pub message: String,
    /// Where it stands in the old definition (`None` when it does not exist there).
    pub old: Option<Place>,
    /// Where it stands in the new definition (`None` when it does not exist there).
    pub new: Option<Place>,
    /// What each generated SDK would feel.
    pub sdk: SdkImpact,
}

/// Every change found, in a stable order (by operation, then by place).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// How many changes of `level`.
    #[must_use]
    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }

    /// Whether some change is at `level` or above.
    #[must_use]
    pub fn has_at_least(&self, level: Level) -> bool {
        self.changes.iter().any(|c| c.level >= level)
    }

    /// `(id, level)` of every change, in order (what the tests assert).
    #[must_use]
    pub fn ids(&self) -> Vec<(&'static str, Level)> {
        self.changes.iter().map(|c| (c.id, c.level)).collect()
    }
}

/// Why a diff could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The old definition has no document (it could not be read or has no version).
    OldUnusable,
    /// The new definition has no document.
    NewUnusable,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::OldUnusable => f.write_str("the old definition could not be loaded"),
            Error::NewUnusable => f.write_str("the new definition could not be loaded"),
        }
    }
}

impl std::error::Error for Error {}
