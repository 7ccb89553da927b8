//! Load, resolve, check and normalize OpenAPI and Swagger documents.
//!
//! `oaskit-core` reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 from JSON or YAML, split over
//! any number of files, into one tree that keeps key order, number literals and extensions,
//! and remembers for every node the file, line and column it came from. It checks the
//! document against the official JSON Schema of its version and against the rules of the
//! specification text, and upgrades Swagger 2.0 to OpenAPI 3.0 for everything downstream.
//!
//! ```
//! use oaskit_core::{load_str, LoadOptions};
//!
//! let loaded = load_str(
//!     "api.yaml",
//!     "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      responses: {'200': {description: ok}}\n",
//!     &LoadOptions::new(),
//! );
//! let d = &loaded.diagnostics[0];
//! assert_eq!(d.code, "path-param-undeclared");
//! let (file, line, column) = d.position(&loaded.sources).unwrap();
//! assert_eq!((file.as_str(), line, column), ("api.yaml", 5, 5));
//! assert_eq!(d.location.as_ref().unwrap().pointer, "/paths/~1pets~1{id}/get");
//! ```
//!
//! Files and URLs are read only through a [`Reader`], and only where the [`Policy`] allows:
//! by default references stay inside the entry document's folder and never reach the network.

pub mod api;
pub mod codes;
mod compact;
mod cycles;
mod decode;
mod diag;
mod document;
mod error;
pub mod example;
mod hook;
mod json;
mod json_pointer;
mod json_view;
mod load;
pub mod merge;
pub mod net;
mod node;
mod resolve;
mod rules;
mod source;
mod structural;
pub mod subschemas;
mod syntax;
mod upgrade;
mod version;
mod write;
mod yaml;

use std::path::Path;

pub use diag::{sort as sort_diagnostics, Diagnostic, Location, Related, Severity};
pub use document::{Document, METHODS};
pub use error::{ParseNameError, ReadError};
pub use hook::{EntryHook, HookContext};
pub use json_pointer::json_pointer;
pub use load::{Input, Origins};
pub use node::{
    escape_token, join as join_pointer, unescape_token, Entry, Map, Node, PointerIndex, Str, Value,
};
pub use resolve::{
    hex_byte, percent_decode, percent_encode, read_regular_file, FsReader, Policy, Reader,
};
pub use source::{Origin, SourceFile, Sources, Span};
pub use structural::schemas_compile;
pub use syntax::Limits;
pub use version::SpecVersion;
pub use write::{json_string, to_json, to_yaml};

/// Up-conversion of an OpenAPI 3.0 tree to 3.1 (`nullable` to type arrays, numeric exclusive
/// bounds); lossless.
pub use upgrade::to_31 as openapi_30_to_31;
pub use upgrade::REF_SIBLINGS_31 as OPENAPI_30_REF_SIBLINGS;

/// Parsers for single files, without references or checks (for tools and fuzzing).
pub mod parse {
    pub use crate::decode::{decode, looks_like_json, Decoded};
    pub use crate::json::parse as json;
    pub use crate::json::parse_source as json_source;
    pub use crate::syntax::SyntaxError;
    pub use crate::yaml::parse as yaml;
}

/// How to load: the reference policy, the limits, whether to check, and the target version.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    policy: Policy,
    limits: Limits,
    check: bool,
    target: Option<SpecVersion>,
    hooks: Vec<std::sync::Arc<dyn EntryHook>>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl LoadOptions {
    /// Default policy and limits, checks on, 3.x documents kept at their version.
    #[must_use]
    pub fn new() -> Self {
        Self {
            policy: Policy::new(),
            limits: Limits::default(),
            check: true,
            target: None,
            hooks: Vec::new(),
        }
    }

    /// Sets the reference policy.
    #[must_use]
    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the limits.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits in force.
    #[must_use]
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Turns structural and semantic checks on or off (references are always checked).
    #[must_use]
    pub fn with_checks(mut self, check: bool) -> Self {
        self.check = check;
        self
    }

    /// Adds a step run on the entry document's tree before anything else (overlays); steps
    /// run in the order they are added.
    #[must_use]
    pub fn with_hook(mut self, hook: std::sync::Arc<dyn EntryHook>) -> Self {
        self.hooks.push(hook);
        self
    }

    /// Upgrades the normalized document to `target` (3.0 or 3.1) when it is older.
    #[must_use]
    pub fn with_target(mut self, target: Option<SpecVersion>) -> Self {
        self.target = target;
        self
    }
}

/// The result of a load: the document when one could be built, every finding, and the files.
#[derive(Debug)]
pub struct Loaded {
    /// The normalized document; `None` when the input could not be parsed or has no version.
    pub document: Option<Document>,
    /// Every finding, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, for turning spans into file, line and column.
    pub sources: Sources,
}

impl Loaded {
    /// Whether any finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads a file with the default file reader (no network).
#[must_use]
pub fn load_file(path: impl AsRef<Path>, options: &LoadOptions) -> Loaded {
    load(Input::Path(path.as_ref().to_path_buf()), options, &FsReader)
}

/// Loads a document held in memory; relative references resolve from the working directory.
#[must_use]
pub fn load_str(name: &str, text: &str, options: &LoadOptions) -> Loaded {
    load(
        Input::Bytes {
            name: name.to_string(),
            bytes: text.as_bytes().to_vec(),
            base_dir: std::env::current_dir().unwrap_or_default(),
        },
        options,
        &FsReader,
    )
}

/// The entry document's tree as read and changed by the options' hooks (overlays), without
/// bundling, checks or upgrades: what `oaskit overlay apply` writes out.
#[derive(Debug)]
pub struct LoadedTree {
    /// The tree; `None` when the entry could not be read or parsed.
    pub root: Option<Node>,
    /// Read and syntax errors, and the hooks' findings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read (the entry document is file 0).
    pub sources: Sources,
}

/// Reads the entry document and runs the options' hooks on it; nothing else.
#[must_use]
pub fn load_tree(input: Input, options: &LoadOptions, reader: &dyn Reader) -> LoadedTree {
    let mut ws = load::Workspace::new(reader, options.policy.clone(), options.limits);
    let root = ws.open_entry(input).and_then(|id| ws.take_tree(id));
    let root = root.map(|mut tree| {
        let mut origins = load::Origins::default();
        for hook in &options.hooks {
            hook.apply(&mut tree, &mut HookContext::new(&mut ws, &mut origins));
        }
        tree
    });
    let mut diagnostics = std::mem::take(&mut ws.diags);
    diag::sort(&mut diagnostics);
    LoadedTree {
        root,
        diagnostics,
        sources: std::mem::take(&mut ws.sources),
    }
}

/// Drops a generic `schema-violation` where a specific rule reports the same problem at the
/// same node or at one of its direct children (duplicate tags, a bad response code, ...).
fn drop_generic_duplicates(diags: &mut Vec<Diagnostic>) {
    // (file, pointer) of every specific error: one set, so the pass is linear in findings.
    let specific: std::collections::HashSet<(u32, &str)> = diags
        .iter()
        .filter(|d| d.code != "schema-violation" && d.is_error())
        .filter_map(|d| {
            d.location
                .as_ref()
                .map(|l| (l.span.file, l.pointer.as_str()))
        })
        .collect();
    // A generic finding at P is dropped when a specific one stands at P or at a child of P.
    let mut covered: std::collections::HashSet<(u32, String)> = std::collections::HashSet::new();
    for (file, q) in &specific {
        covered.insert((*file, (*q).to_string()));
        if let Some(i) = q.rfind('/') {
            covered.insert((*file, q[..i].to_string()));
        }
    }
    drop(specific);
    diags.retain(|d| {
        if d.code != "schema-violation" {
            return true;
        }
        let Some(loc) = &d.location else { return true };
        !covered.contains(&(loc.span.file, loc.pointer.clone()))
    });
}

/// Loads, bundles, checks and normalizes a document.
#[must_use]
pub fn load(input: Input, options: &LoadOptions, reader: &dyn Reader) -> Loaded {
    let mut ws = load::Workspace::new(reader, options.policy.clone(), options.limits);
    let finish = |mut diags: Vec<Diagnostic>, sources: Sources, document: Option<Document>| {
        diag::sort(&mut diags);
        Loaded {
            document,
            diagnostics: diags,
            sources,
        }
    };
    let Some(id) = ws.open_entry(input) else {
        return finish(ws.diags, ws.sources, None);
    };
    let Some(mut tree) = ws.take_tree(id) else {
        return finish(ws.diags, ws.sources, None);
    };
    let mut origins = load::Origins::default();
    for hook in &options.hooks {
        hook.apply(&mut tree, &mut HookContext::new(&mut ws, &mut origins));
    }
    let version = match SpecVersion::detect(&tree) {
        Ok((v, _)) => v,
        Err(d) => {
            let span = tree.span;
            ws.diags.push(d.at(span, ""));
            return finish(ws.diags, ws.sources, None);
        }
    };
    let bundled = load::Bundler::new(&mut ws, version, &tree)
        .with_origins(origins)
        .run(tree);
    let mut diags = std::mem::take(&mut ws.diags);
    let swagger2 = version == SpecVersion::Swagger2;
    let refs = load::local_refs(&bundled.root, swagger2);
    load::check_local_refs(&bundled.root, swagger2, &refs, &bundled.origins, &mut diags);
    let file_name = |id: u32| {
        ws.sources
            .get(id)
            .map_or_else(String::new, |f| f.name().to_string())
    };
    cycles::check(
        &bundled.root,
        &refs,
        &bundled.origins,
        &file_name,
        &mut diags,
    );
    drop(refs);
    if options.check {
        structural::check(&bundled.root, version, &bundled.origins, &mut diags);
        if version.is_json_schema_2020() {
            structural::check_schemas(&bundled.root, &bundled.origins, &mut diags);
        }
        rules::check(&bundled.root, version, &bundled.origins, &mut diags);
        drop_generic_duplicates(&mut diags);
    }
    let load::Bundled { root, origins, .. } = bundled;
    let (mut root, mut normalized) = if version == SpecVersion::Swagger2 {
        (
            upgrade::SwaggerUpgrade::new(&mut diags).run(root),
            SpecVersion::OpenApi30,
        )
    } else {
        (root, version)
    };
    if options.target == Some(SpecVersion::OpenApi31) && normalized == SpecVersion::OpenApi30 {
        root = upgrade::to_31(root);
        normalized = SpecVersion::OpenApi31;
    }
    let sources = std::mem::take(&mut ws.sources);
    finish(
        diags,
        sources,
        Some(Document {
            root,
            version: normalized,
            source_version: version,
            origins,
        }),
    )
}
