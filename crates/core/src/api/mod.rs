//! One typed, resolved view of the API: operations, effective parameters, bodies, responses,
//! security and servers, built once from a loaded [`Document`] for every consumer (code
//! generation, payload validation, Postman export, the semantic rules, a mock server, a diff).
//!
//! This module is where consumers' `$ref`s are followed ([`reference::follow`]); every item
//! keeps the node it was read from (for its span) and the JSON pointer where it stands, so any
//! consumer can report a location. Schemas stay JSON Schema: a [`SchemaRef`] is a handle into
//! the tree, never a lossy model of it.
//!
//! ```
//! use oaskit_core::{api::{Api, ParamLocation}, load_str, LoadOptions};
//!
//! let loaded = load_str("api.yaml", r#"
//! openapi: 3.0.3
//! info: {title: t, version: '1'}
//! paths:
//!   /a:
//!     parameters: [{name: x-trace, in: header, required: true, schema: {type: integer}}]
//!     get:
//!       parameters: [{name: X-Trace, in: header, required: false, schema: {type: string}}]
//!       responses: {'200': {description: ok}, 4XX: {description: no}}
//! "#, &LoadOptions::new());
//! let doc = loaded.document.unwrap();
//! let api = Api::new(&doc);
//! let get = &api.operations()[0];
//! // The operation's optional header replaces the path item's (header names are
//! // case-insensitive): one parameter, not required.
//! assert_eq!(get.parameters.len(), 1);
//! let p = get.parameter("x-trace", ParamLocation::Header).unwrap();
//! assert_eq!((p.name, p.required, p.pointer.as_str()), ("X-Trace", false, "/paths/~1a/get/parameters/0"));
//! assert_eq!(get.response(404).unwrap().key, "4XX");
//! ```

pub mod reference;

mod content;
mod operation;
mod security;
mod server;
mod status;

pub use content::{Header, Link, MediaType, RequestBody, Response, SchemaRef};
pub use operation::{
    declared, is_ignored_header, methods, names_variable, template_variables, Callback, Declared,
    Level, Method, Operation, Origin, ParamLocation, Parameter, ANY_METHOD,
};
pub use security::{KeyLocation, RequiredScheme, Requirement, SchemeKind, SecurityScheme};
pub use server::{fill_url, Server, ServerVariable};
pub use status::StatusMatch;

use crate::document::Document;
use crate::node::{join, Node};
use crate::version::SpecVersion;

/// How deep callbacks of callbacks are followed.
pub const MAX_CALLBACK_DEPTH: usize = 8;

/// The view of one document.
#[derive(Clone, Debug)]
pub struct Api<'d> {
    root: &'d Node,
    version: SpecVersion,
    operations: Vec<Operation<'d>>,
    webhooks: Vec<Operation<'d>>,
    servers: Vec<Server<'d>>,
    security_schemes: Vec<SecurityScheme<'d>>,
    security: Option<Vec<Requirement<'d>>>,
}

/// What the builders share.
pub(crate) struct Cx<'d> {
    pub(crate) root: &'d Node,
    pub(crate) version: SpecVersion,
    pub(crate) schemes: Vec<SecurityScheme<'d>>,
    pub(crate) security: Option<Vec<Requirement<'d>>>,
    pub(crate) servers: Vec<Server<'d>>,
}

pub(crate) fn str_of<'d>(n: &'d Node, key: &str) -> Option<&'d str> {
    n.get(key).and_then(Node::as_str)
}

pub(crate) fn bool_of(n: &Node, key: &str) -> bool {
    n.get(key).and_then(Node::as_bool) == Some(true)
}

impl<'d> Api<'d> {
    /// Builds the view (linear in the size of the document's paths and components).
    #[must_use]
    pub fn new(document: &'d Document) -> Self {
        Self::from_root(document.root(), document.version())
    }

    /// Builds the view of an OpenAPI 3.x tree that is not (yet) a [`Document`], such as the
    /// bundled tree the rules of `check` run on. Swagger 2.0 trees give a partial view (no
    /// request bodies, security schemes or servers).
    #[must_use]
    pub fn from_root(root: &'d Node, version: SpecVersion) -> Self {
        let mut cx = Cx {
            root,
            version,
            schemes: Vec::new(),
            security: None,
            servers: Vec::new(),
        };
        cx.schemes = security::schemes(&cx);
        cx.security = root
            .get("security")
            .and_then(|s| security::requirements(&cx.schemes, s, "/security"));
        cx.servers = server::servers(&cx, root, "").unwrap_or_default();
        let mut operations = Vec::new();
        if let Some(paths) = root.get("paths").and_then(Node::as_object) {
            for (path, item) in paths.iter() {
                if path.starts_with('/') {
                    operations.extend(operation::path_item(
                        &cx,
                        path,
                        Origin::Paths,
                        item,
                        &join("/paths", path),
                        0,
                    ));
                }
            }
        }
        let mut webhooks = Vec::new();
        if let Some(hooks) = root.get("webhooks").and_then(Node::as_object) {
            for (name, item) in hooks.iter() {
                if !name.starts_with("x-") {
                    webhooks.extend(operation::path_item(
                        &cx,
                        name,
                        Origin::Webhook,
                        item,
                        &join("/webhooks", name),
                        0,
                    ));
                }
            }
        }
        Api {
            root,
            version,
            operations,
            webhooks,
            servers: cx.servers,
            security_schemes: cx.schemes,
            security: cx.security,
        }
    }

    /// The root node.
    #[must_use]
    pub fn root(&self) -> &'d Node {
        self.root
    }

    /// The version of the tree viewed.
    #[must_use]
    pub fn version(&self) -> SpecVersion {
        self.version
    }

    /// The operations under `paths`, in document order.
    #[must_use]
    pub fn operations(&self) -> &[Operation<'d>] {
        &self.operations
    }

    /// The operations of `webhooks` (3.1+), in document order.
    #[must_use]
    pub fn webhooks(&self) -> &[Operation<'d>] {
        &self.webhooks
    }

    /// The document's servers (empty when it declares none).
    #[must_use]
    pub fn servers(&self) -> &[Server<'d>] {
        &self.servers
    }

    /// The security schemes of `components/securitySchemes`.
    #[must_use]
    pub fn security_schemes(&self) -> &[SecurityScheme<'d>] {
        &self.security_schemes
    }

    /// The scheme named `name`.
    #[must_use]
    pub fn security_scheme(&self, name: &str) -> Option<&SecurityScheme<'d>> {
        self.security_schemes.iter().find(|s| s.name == name)
    }

    /// The document-wide security requirements (`None` when there are none).
    #[must_use]
    pub fn security(&self) -> Option<&[Requirement<'d>]> {
        self.security.as_deref()
    }

    /// Follows local references from `node` at `pointer` (see [`reference::follow`]).
    #[must_use]
    pub fn follow(&self, node: &'d Node, pointer: &str) -> reference::Resolved<'d> {
        reference::follow(self.root(), node, pointer)
    }
}
