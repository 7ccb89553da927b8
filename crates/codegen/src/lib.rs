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
//! fetch) and [`python`] (a package on the standard library); each takes the same [`ir::Api`].

pub mod ir;
pub mod manifest;
pub mod names;
pub mod python;
pub mod rust;
pub mod typescript;

mod build;
mod graph;

pub use build::{build, build_limited, WORK_LIMIT};

/// One generated file: a path relative to the output folder (always inside it) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path with `/` separators, such as `src/lib.rs`.
    pub path: String,
    /// The contents.
    pub contents: String,
}
