//! Breaking changes between two versions of an API definition, located in both, with what
//! each generated SDK would feel.
//!
//! Both sides are loaded by oaskit-core (Swagger 2.0 and OpenAPI 3.0 to 3.2, JSON or YAML, one
//! file or many) and compared as the resolved view of [`oaskit_core::api`]: operations matched
//! by method and path, effective parameters, request bodies and responses per media type,
//! security requirements and schemes, servers. Schemas are compared by meaning, with a
//! direction: narrowing what a request accepts breaks clients, widening what a response may
//! hold breaks them, and the reverse is only news. `$ref` versus inline, `allOf` reshuffles,
//! key order, JSON versus YAML, 3.0 `nullable` versus 3.1 type arrays and renamed path
//! parameters are no change.
//!
//! ```
//! use oaskit_core::{load_str, LoadOptions};
//! use oaskit_diff::{diff, Level, Options};
//!
//! let old = load_str("old.yaml", r#"
//! openapi: 3.0.3
//! info: {title: t, version: '1'}
//! paths:
//!   /pets/{id}:
//!     get:
//!       parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
//!       responses:
//!         '200':
//!           description: ok
//!           content: {application/json: {schema: {type: object, required: [name], properties: {name: {type: string}}}}}
//! "#, &LoadOptions::new());
//! let new = load_str("new.yaml", r#"
//! openapi: 3.1.0
//! info: {title: t, version: '2'}
//! paths:
//!   /pets/{petId}:
//!     get:
//!       parameters: [{name: petId, in: path, required: true, schema: {type: integer}}]
//!       responses:
//!         '200':
//!           description: ok
//!           content: {application/json: {schema: {type: object, properties: {name: {type: [string, 'null']}}}}}
//! "#, &LoadOptions::new());
//! let report = diff(&old, &new, &Options::new()).unwrap();
//! assert_eq!(report.ids(), [
//!     ("property-became-optional", Level::Breaking),
//!     ("schema-nullable-added", Level::Breaking),
//! ]);
//! let c = &report.changes[0];
//! assert_eq!(c.operation.as_deref(), Some("GET /pets/{petId}"));
//! assert_eq!(c.new.as_ref().unwrap().line, 11);
//! // The TypeScript SDK's `name` field becomes optional: reading code stops compiling.
//! assert!(c.sdk.typescript.breaks());
//! ```

pub mod codes;
mod report;

mod bodies;
mod context;
mod operations;
mod params;
mod responses;
mod schema;
mod sdk;
mod security;
mod shape;

pub use report::{Change, Error, Impact, Level, Place, Report, SdkImpact};

use oaskit_core::Loaded;

use context::{Cx, OpCx, Side};
use schema::Comparator;

/// How much schema work one diff may do before it stops comparing (each schema visited and
/// each pair compared counts one): far above what the largest public definitions need.
pub const WORK_LIMIT: usize = 20_000_000;

/// How to diff.
#[derive(Clone, Debug)]
pub struct Options {
    sdk: bool,
    work_limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self::new()
    }
}

impl Options {
    /// SDK impact on, the default work limit.
    #[must_use]
    pub fn new() -> Self {
        Self {
            sdk: true,
            work_limit: WORK_LIMIT,
        }
    }

    /// Whether to compute the SDK impact of breaking and warning changes (it builds the
    /// codegen model of both sides).
    #[must_use]
    pub fn with_sdk(mut self, sdk: bool) -> Self {
        self.sdk = sdk;
        self
    }

    /// Sets the work limit ([`WORK_LIMIT`] by default).
    #[must_use]
    pub fn with_work_limit(mut self, limit: usize) -> Self {
        self.work_limit = limit;
        self
    }
}

/// The changes from `old` to `new`. Fails only when a side has no document at all (its
/// findings are in its [`Loaded::diagnostics`]).
///
/// # Errors
///
/// [`Error::OldUnusable`] or [`Error::NewUnusable`] when that side could not be loaded.
pub fn diff(old: &Loaded, new: &Loaded, options: &Options) -> Result<Report, Error> {
    let od = old.document.as_ref().ok_or(Error::OldUnusable)?;
    let nd = new.document.as_ref().ok_or(Error::NewUnusable)?;
    let old_side = Side::new(old, od);
    let new_side = Side::new(new, nd);
    let schemas = Comparator::new(old_side.reader(), new_side.reader(), options.work_limit);
    let mut cx = Cx {
        old: old_side,
        new: new_side,
        schemas,
        sdk: options.sdk,
        changes: Vec::new(),
        pending: Vec::new(),
    };
    // The SDK models are built on other threads while the rules run.
    std::thread::scope(|scope| {
        let models = options.sdk.then(|| scope.spawn(|| sdk::Sdk::new(od, nd)));
        operations::compare(&mut cx);
        security::schemes(&mut cx);
        security::servers(&mut cx);
        if cx.schemas.exhausted {
            cx.emit(
                &OpCx::default(),
                codes::DIFF_LIMIT,
                Level::Warning,
                format!(
                    "schema comparison stopped after {} units of work; some schemas were not compared",
                    options.work_limit
                ),
                None,
                None,
                &sdk::Target::Nothing,
            );
        }
        if let Some(Ok(models)) = models.map(std::thread::ScopedJoinHandle::join) {
            cx.judge_sdks(&models);
            cx.renames(&models);
        }
    });
    Ok(Report {
        changes: cx.changes,
    })
}
