//! A JSON Schema evaluator (draft 2020-12, and draft 4 for OpenAPI 3.0's subset) that compiles
//! each schema of one document once into a compact program.
//!
//! A [`Document`] holds a root JSON value (an OpenAPI definition translated to JSON Schema, or a
//! schema on its own). [`Document::compile`] turns the schema at a JSON pointer into a
//! [`SchemaId`], on first use and from any thread: every schema node of the document is compiled
//! at most once, and a `$ref` is a jump to the shared compiled node, so compiling every operation
//! of a large definition costs one program per distinct schema. Evaluation is
//! [`Document::is_valid`] (allocation-free), [`Document::first_error`] and
//! [`Document::errors`].
//!
//! ```
//! use oaskit_schema::{Document, Options};
//! let doc = Document::new(
//!     serde_json::json!({"$defs": {"id": {"type": "integer", "minimum": 1}}}),
//!     Options::default(),
//! );
//! let id = doc.compile("/$defs/id").unwrap();
//! assert!(doc.is_valid(id, &serde_json::json!(3)));
//! let x = serde_json::json!("x");
//! let err = doc.first_error(id, &x).unwrap();
//! assert_eq!(err.to_string(), r#""x" is not of type "integer""#);
//! assert_eq!(err.keyword_location(), "/$defs/id/type");
//! ```
//!
//! What is not supported: remote references (an `http:` or any other reference outside the
//! document is a [`CompileError::Unresolvable`]; nothing is ever fetched), the metaschemas as
//! reference targets, `$vocabulary`, and `$dynamicRef` resolves statically to its initial target
//! unless a `$dynamicAnchor` of the same name is in the dynamic scope (see `DESIGN` in
//! `eval.rs`).

mod arena;
mod compile;
mod error;
mod eval;
mod format;
mod index;
mod link;
mod node;
mod number;
mod regex;
mod uri;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::Value;

pub use error::{CompileError, Error, ErrorKind, TypeSet};

/// Which JSON Schema dialect the document's schemas are read in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Draft 2020-12 (OpenAPI 3.1).
    #[default]
    Draft202012,
    /// Draft 4 (the base of OpenAPI 3.0's schema object): `id`, `definitions`, boolean
    /// `exclusiveMinimum`/`exclusiveMaximum`, array `items` with `additionalItems`,
    /// `dependencies`, and `$ref` that overrides its siblings.
    Draft4,
}

/// A custom format check: true when the string is in the format.
pub type FormatFn = fn(&str) -> bool;

/// How a [`Document`] compiles its schemas.
#[derive(Clone, Debug)]
pub struct Options {
    pub(crate) dialect: Dialect,
    pub(crate) validate_formats: bool,
    pub(crate) formats: HashMap<String, FormatFn>,
    pub(crate) base_uri: String,
    pub(crate) max_depth: u32,
    pub(crate) max_steps: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            dialect: Dialect::Draft202012,
            validate_formats: false,
            formats: HashMap::new(),
            base_uri: "urn:oaskit:document".to_string(),
            max_depth: 384,
            max_steps: 10_000_000,
        }
    }
}

impl Options {
    /// Draft 2020-12, formats as annotations only, base URI `urn:oaskit:document`.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads schemas in `dialect`.
    #[must_use]
    pub fn with_dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = dialect;
        self
    }

    /// Asserts `format` (the built-in formats and those added by [`Options::with_format`]);
    /// unknown formats are always ignored.
    #[must_use]
    pub fn with_formats(mut self, assert: bool) -> Self {
        self.validate_formats = assert;
        self
    }

    /// Adds (or replaces) the format `name`, checked by `check` when formats are asserted.
    #[must_use]
    pub fn with_format(mut self, name: &str, check: FormatFn) -> Self {
        self.formats.insert(name.to_string(), check);
        self
    }

    /// The URI the document is identified by: references written as absolute URIs with this
    /// base (`urn:oaskit:request#/components/...`) resolve inside the document.
    #[must_use]
    pub fn with_base_uri(mut self, uri: &str) -> Self {
        self.base_uri = uri.to_string();
        self
    }

    /// How many schemas may be nested in one evaluation (each `$ref`, applicator and child
    /// counts one) before evaluation stops with [`ErrorKind::DepthLimit`]; 384 by default.
    #[must_use]
    pub fn with_max_depth(mut self, depth: u32) -> Self {
        self.max_depth = depth.max(1);
        self
    }

    /// How many schema nodes one evaluation may enter in all (each entry of a node on an
    /// instance value counts one) before it stops: the instance is then invalid, with
    /// [`ErrorKind::StepLimit`]. 10,000,000 by default (about a second of work), far above
    /// what ordinary payloads need, because `$ref` results are remembered once an evaluation
    /// follows many of them; it bounds what a hostile schema and instance can cost.
    #[must_use]
    pub fn with_max_steps(mut self, steps: u64) -> Self {
        self.max_steps = steps.max(1);
        self
    }
}

/// A compiled schema of a [`Document`]: a handle valid for that document only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SchemaId(pub(crate) u32);

/// A JSON document whose schemas are compiled on demand and evaluated from any thread.
pub struct Document {
    root: Arc<Value>,
    options: Options,
    index: index::Index,
    arena: arena::Arena,
    state: Mutex<compile::State>,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("dialect", &self.options.dialect)
            .field("base_uri", &self.options.base_uri)
            .finish_non_exhaustive()
    }
}

impl Document {
    /// Indexes `root` (its `$id`s and anchors); nothing is compiled yet.
    pub fn new(root: impl Into<Arc<Value>>, options: Options) -> Self {
        let root = root.into();
        let index = index::Index::build(&root, &options);
        Self {
            root,
            options,
            index,
            arena: arena::Arena::new(),
            state: Mutex::new(compile::State::default()),
        }
    }

    /// The root JSON value.
    #[must_use]
    pub fn root(&self) -> &Value {
        &self.root
    }

    /// Compiles the schema at the JSON `pointer` of the document (`""` for the root), and every
    /// schema it reaches, unless done before. When that schema only forwards (`{"$ref": ...}`
    /// or a one-element `allOf`), the id returned is that of its final target.
    ///
    /// # Errors
    /// When the pointer names nothing, a keyword's value is malformed, or a reference cannot
    /// be resolved inside the document. A pattern that cannot be compiled is not an error:
    /// its keyword is skipped and listed by [`Document::skipped_patterns`].
    pub fn compile(&self, pointer: &str) -> Result<SchemaId, CompileError> {
        compile::compile(self, pointer)
    }

    /// How many schema nodes have been compiled so far.
    #[must_use]
    pub fn compiled_nodes(&self) -> usize {
        compile::state(self).len()
    }

    /// Whether `instance` is valid against the schema `id`. Allocates nothing unless the schema
    /// uses `unevaluatedProperties`/`unevaluatedItems` (a mark per property or item),
    /// `$dynamicRef` (the dynamic scope), `propertyNames` (each name as a JSON string) or a
    /// pattern with lookaround or backreferences (matched by a bounded backtracking engine).
    #[must_use]
    pub fn is_valid(&self, id: SchemaId, instance: &Value) -> bool {
        eval::is_valid(self, id, instance)
    }

    /// The first violation found, if any.
    #[must_use]
    pub fn first_error<'a>(&'a self, id: SchemaId, instance: &'a Value) -> Option<Error<'a>> {
        eval::errors(self, id, instance, 1).into_iter().next()
    }

    /// Every violation (at most `limit`), in evaluation order.
    #[must_use]
    pub fn errors_limited<'a>(
        &'a self,
        id: SchemaId,
        instance: &'a Value,
        limit: usize,
    ) -> Vec<Error<'a>> {
        eval::errors(self, id, instance, limit)
    }

    /// Every violation, in evaluation order.
    pub fn errors<'a>(
        &'a self,
        id: SchemaId,
        instance: &'a Value,
    ) -> impl Iterator<Item = Error<'a>> + 'a {
        eval::errors(self, id, instance, usize::MAX).into_iter()
    }

    /// The `pattern`s and `patternProperties` patterns of the schemas compiled so far that
    /// could not be compiled ([`CompileError::Regex`], at most 10,000). Such a pattern does not
    /// fail the schema: its keyword is skipped (`pattern` accepts every string, a
    /// `patternProperties` entry applies to nothing and makes no property additional).
    #[must_use]
    pub fn skipped_patterns(&self) -> Vec<CompileError> {
        compile::state(self).skipped.clone()
    }

    /// The JSON pointer of the schema `id` in the document.
    #[must_use]
    pub fn pointer(&self, id: SchemaId) -> Option<&str> {
        self.arena.get(id.0).map(|n| &*n.ptr)
    }
}

/// One call for fuzzing: compiles `schema` (2020-12, formats asserted) and evaluates `instance`
/// with every entry point; panics only if they disagree with each other.
pub fn fuzz_one(schema: &Value, instance: &Value) {
    let doc = Document::new(schema.clone(), Options::new().with_formats(true));
    if let Ok(id) = doc.compile("") {
        let valid = doc.is_valid(id, instance);
        let first = doc.first_error(id, instance);
        assert_eq!(valid, first.is_none(), "is_valid and first_error disagree");
        let all = doc.errors(id, instance).count();
        assert_eq!(valid, all == 0, "is_valid and errors disagree");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Document>();
    }
}
