//! The language-neutral model of an API for SDK generation, built once from an oaskit
//! document so that every language backend renders the same operations and types.
//!
//! ```
//! let loaded = oaskit_core::load_str("api.yaml", r#"
//! openapi: 3.0.3
//! info: {title: Pets, version: '1'}
//! paths:
//!   /pets/{id}:
//!     get:
//!       operationId: get-pet
//!       parameters: [{name: id, in: path, required: true, schema: {type: integer, format: int64}}]
//!       responses:
//!         '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
//! components:
//!   schemas:
//!     Pet: {type: object, required: [name], properties: {name: {type: string}, tag: {type: string, nullable: true}}}
//! "#, &oaskit_core::LoadOptions::new());
//! let (api, warnings) = oaskit_codegen::build(loaded.document.as_ref().unwrap());
//! assert!(warnings.is_empty());
//! assert_eq!(api.operations[0].name, "GetPet");
//! assert_eq!(api.types[0].name, "Pet");
//! ```
//!
//! Backends: [`rust`] (a Cargo crate on reqwest and serde), [`typescript`] (an ES module on
//! fetch), [`python`] (a package on the standard library), [`go`] (a module on net/http) and
//! [`java`] (a Maven project on java.net.http and Jackson); each takes the same [`ir::Api`].
//! [`backend`] writes down their contract: what a backend receives, what it returns, and which
//! escaper guards which context (doc comment, string literal, identifier, manifest string).

pub mod backend;
pub mod codes;
pub mod go;
pub mod ir;
pub mod java;
pub mod manifest;
pub mod names;
pub mod paging;
pub mod python;
pub mod rust;
pub mod surface;
pub mod typescript;

mod build;
mod graph;

pub use build::{build, build_limited, build_with, ModelOptions, WORK_LIMIT};

/// One generated file: a path relative to the output folder (always inside it) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path with `/` separators, such as `src/lib.rs`.
    pub path: String,
    /// The contents.
    pub contents: String,
}

/// A language backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// [`rust`]: a Cargo crate on reqwest and serde.
    Rust,
    /// [`typescript`]: an ES module package on the platform fetch, without dependencies.
    Typescript,
    /// [`python`]: a Python 3.9+ package on the standard library, typed for mypy --strict.
    Python,
    /// [`go`]: a Go module on the standard library.
    Go,
    /// [`java`]: a Maven project for Java 17 on `java.net.http` and Jackson.
    Java,
}

impl Language {
    /// Every backend.
    pub const ALL: [Self; 5] = [
        Self::Rust,
        Self::Typescript,
        Self::Python,
        Self::Go,
        Self::Java,
    ];

    /// The short name, such as `typescript`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Rust => "rust",
            Self::Typescript => "typescript",
            Self::Python => "python",
            Self::Go => "go",
            Self::Java => "java",
        }
    }

    /// What the backend writes, in one line.
    #[must_use]
    pub fn summary(self) -> &'static str {
        match self {
            Self::Rust => "A Cargo crate on reqwest and serde.",
            Self::Typescript => "An ES module package on the platform fetch, without dependencies.",
            Self::Python => {
                "A Python 3.9+ package on the standard library, typed for mypy --strict."
            }
            Self::Go => "A Go 1.22 module on the standard library.",
            Self::Java => "A Maven project for Java 17 on java.net.http and Jackson.",
        }
    }

    /// Runs this backend: `name` is the crate or package name.
    #[must_use]
    pub fn generate(self, api: &ir::Api, name: &str) -> Vec<GeneratedFile> {
        match self {
            Self::Rust => rust::generate(api, name),
            Self::Typescript => typescript::generate(api, name),
            Self::Python => python::generate(api, name),
            Self::Go => go::generate(api, name),
            Self::Java => java::generate(api, name),
        }
    }
}

impl std::fmt::Display for Language {
    /// The short name, as [`Language::name`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Language {
    type Err = oaskit_core::ParseNameError;

    /// Parses a short name such as `python` (the inverse of [`Language::name`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| oaskit_core::ParseNameError::new("language", s))
    }
}
