//! Which specification a document follows.

use crate::diag::Diagnostic;
use crate::node::Node;

/// A supported specification version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpecVersion {
    /// Swagger 2.0.
    Swagger2,
    /// OpenAPI 3.0.x.
    OpenApi30,
    /// OpenAPI 3.1.x.
    OpenApi31,
    /// OpenAPI 3.2.x.
    OpenApi32,
}

impl SpecVersion {
    /// Short name such as `openapi-3.1`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Swagger2 => "swagger-2.0",
            Self::OpenApi30 => "openapi-3.0",
            Self::OpenApi31 => "openapi-3.1",
            Self::OpenApi32 => "openapi-3.2",
        }
    }

    /// The version string written in documents of this version by oaskit.
    #[must_use]
    pub fn default_literal(self) -> &'static str {
        match self {
            Self::Swagger2 => "2.0",
            Self::OpenApi30 => "3.0.3",
            Self::OpenApi31 => "3.1.1",
            Self::OpenApi32 => "3.2.0",
        }
    }

    /// Whether schemas are JSON Schema 2020-12 (3.1 and later) rather than the 3.0/2.0 subset.
    #[must_use]
    pub fn is_json_schema_2020(self) -> bool {
        self >= Self::OpenApi31
    }

    /// Detects the version from the root of a document.
    ///
    /// # Errors
    /// A `unknown-version` diagnostic (without location) when the document names no
    /// supported version.
    #[allow(clippy::result_large_err)] // called once per load; boxing buys nothing
    pub fn detect(root: &Node) -> Result<(Self, &Node), Diagnostic> {
        let Some(obj) = root.as_object() else {
            return Err(Diagnostic::error(
                "unknown-version",
                format!(
                    "the document is a {}, not an object with `openapi` or `swagger`",
                    root.type_name()
                ),
            ));
        };
        if let Some(v) = obj.get("openapi") {
            let Some(s) = v.as_str() else {
                return Err(Diagnostic::error(
                    "unknown-version",
                    format!(
                        "`openapi` must be a string such as \"3.0.3\", not a {}",
                        v.type_name()
                    ),
                )
                .with_help("quote the version: openapi: \"3.0.3\""));
            };
            let found = if s.starts_with("3.0.") || s == "3.0" {
                Self::OpenApi30
            } else if s.starts_with("3.1.") || s == "3.1" {
                Self::OpenApi31
            } else if s.starts_with("3.2.") || s == "3.2" {
                Self::OpenApi32
            } else {
                return Err(Diagnostic::error(
                    "unknown-version",
                    format!("unsupported OpenAPI version {s:?}: oaskit reads 2.0, 3.0.x, 3.1.x and 3.2.x"),
                ));
            };
            return Ok((found, v));
        }
        if let Some(v) = obj.get("swagger") {
            if v.as_str() == Some("2.0") {
                return Ok((Self::Swagger2, v));
            }
            return Err(Diagnostic::error(
                "unknown-version",
                "unsupported Swagger version: `swagger` must be the string \"2.0\"",
            ));
        }
        Err(Diagnostic::error(
            "unknown-version",
            "not an API definition: the root has neither `openapi` nor `swagger`",
        ))
    }
}

impl SpecVersion {
    /// Every supported version, oldest first.
    pub const ALL: [Self; 4] = [
        Self::Swagger2,
        Self::OpenApi30,
        Self::OpenApi31,
        Self::OpenApi32,
    ];

    /// The versions a load can upgrade a document to (`LoadOptions::with_target`).
    pub const UPGRADE_TARGETS: [Self; 2] = [Self::OpenApi30, Self::OpenApi31];
}

impl std::fmt::Display for SpecVersion {
    /// The short name, as [`SpecVersion::name`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for SpecVersion {
    type Err = crate::ParseNameError;

    /// Parses a short name such as `openapi-3.1` (the inverse of [`SpecVersion::name`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|v| v.name() == s)
            .ok_or_else(|| crate::ParseNameError::new("version", s))
    }
}
