//! OpenAPI Overlays: read, check and apply [Overlay 1.0 and 1.1] documents, with targets
//! written as RFC 9535 JSONPath queries.
//!
//! An overlay is an ordered list of actions; each selects nodes of an OpenAPI description
//! with a JSONPath `target` and merges an `update` into them (objects merge recursively,
//! arrays are appended to, primitives replaced), removes them, or (1.1) merges a `copy` of
//! another node of the description into them.
//!
//! Overlays take part in every oaskit load: [`with_overlays`] adds them to the load options,
//! and each is applied to the entry document before references are bundled and checks run.
//! A node an overlay added keeps its place in the overlay file, so a finding on it names the
//! overlay's file, line, column and pointer:
//!
//! ```
//! use oaskit_core::{load_str, LoadOptions};
//!
//! let dir = std::env::temp_dir().join(format!("oaskit-overlay-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let overlay = dir.join("add-path.overlay.yaml");
//! std::fs::write(&overlay, "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths\n    update:\n      /pets/{id}:\n        get:\n          responses: {'200': {description: ok}}\n").unwrap();
//!
//! let options = oaskit_overlay::with_overlays(LoadOptions::new(), vec![overlay]);
//! let loaded = load_str("api.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", &options);
//! let d = loaded.diagnostics.iter().find(|d| d.code == "path-param-undeclared").unwrap();
//! let (file, line, column) = d.position(&loaded.sources).unwrap();
//! assert!(file.ends_with("add-path.overlay.yaml"));
//! assert_eq!((line, column), (7, 9));
//! assert_eq!(d.location.as_ref().unwrap().pointer, "/actions/0/update/~1pets~1{id}/get");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! The pieces are public too: [`parse`] checks an overlay's tree, [`apply`] applies it to any
//! tree, [`Query`] compiles and runs a JSONPath query.
//!
//! [Overlay 1.0 and 1.1]: https://spec.openapis.org/overlay/latest.html

#![deny(missing_docs)]

mod apply;
pub mod codes;
mod document;
mod hook;
mod merge;
mod origin;
mod path;

use std::path::PathBuf;
use std::sync::Arc;

pub use apply::{apply, MAX_ADDED_NODES};
pub use document::{parse, Action, Change, Overlay, OverlayVersion};
pub use hook::OverlayHook;
pub use path::{Query, QueryError, Step, MAX_QUERY_BYTES, MAX_QUERY_NESTING};

/// `options` with the overlay files `paths` applied, in order, to the entry document of every
/// load made with them. No overlay files: `options` unchanged.
#[must_use]
pub fn with_overlays(
    options: oaskit_core::LoadOptions,
    paths: Vec<PathBuf>,
) -> oaskit_core::LoadOptions {
    if paths.is_empty() {
        return options;
    }
    options.with_hook(Arc::new(OverlayHook::new(paths)))
}
