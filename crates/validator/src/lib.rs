//! Validate HTTP requests and responses against an OpenAPI definition.
//!
//! Build a [`Validator`] once from a loaded definition (any version oaskit reads; every schema
//! is compiled ahead of time), then check many messages cheaply, from many threads:
//!
//! ```
//! use oaskit_validator::{Request, Response, Validator};
//!
//! let loaded = oaskit_core::load_str("api.yaml", r#"
//! openapi: 3.0.3
//! info: {title: t, version: '1'}
//! servers: [{url: 'https://api.example.com/v1'}]
//! paths:
//!   /pets/{id}:
//!     get:
//!       parameters:
//!         - {name: id, in: path, required: true, schema: {type: integer}}
//!       responses:
//!         '200':
//!           description: ok
//!           content:
//!             application/json:
//!               schema: {type: object, required: [name], properties: {name: {type: string}}}
//! "#, &oaskit_core::LoadOptions::new());
//! let validator = Validator::new(loaded.document.as_ref().unwrap()).unwrap();
//!
//! validator.validate_request(&Request::new("GET", "https://api.example.com/v1/pets/7")).assert_valid();
//! let report = validator.validate_request(&Request::new("GET", "/v1/pets/seven"));
//! assert_eq!(report.codes(), ["param-schema"]);
//! assert_eq!(report.violations[0].part.to_string(), "path.id");
//!
//! let resp = Response::new(200).json(&serde_json::json!({"name": 1}));
//! let report = validator.validate_response("GET", "/v1/pets/7", &resp);
//! assert_eq!(report.violations[0].part.to_string(), "body/name");
//! ```
//!
//! Violation codes: `route-not-found`, `method-not-allowed`, `param-missing`, `param-malformed`,
//! `param-empty`, `param-reserved`, `param-schema`, `security-missing`, `body-missing`,
//! `content-type-missing`, `content-type-unsupported`, `body-malformed`, `body-schema`,
//! `read-only`, `write-only`, `status-undeclared`, `header-missing`, `header-schema`,
//! `body-too-large`, `schema-not-found`, `schema-too-large`.

mod body;
mod budget;
#[cfg(feature = "reqwest")]
pub mod client;
pub mod codes;
mod collect;
mod contract;
pub mod har;
#[cfg(test)]
mod judge;
#[cfg(feature = "tower")]
pub mod layer;
mod message;
mod params;
mod payload;
mod reach;
mod report;
mod router;
mod security;
mod source;
mod translate;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use oaskit_core::{api, Document, Loaded, SpecVersion};
use serde_json::Value;

pub use collect::{Collector, Finding};
pub use contract::Contract;
pub use message::{Request, Response};
pub use report::{Part, Report, Violation};

use body::{FieldEncoding, Kind};
use params::Shape;
use security::Cred;
pub use translate::Direction;
use translate::Translator;

/// A compiled schema: the translated document it belongs to (requests' or responses') and its
/// program there.
#[derive(Clone, Copy)]
struct Schema<'a> {
    doc: &'a oaskit_schema::Document,
    id: oaskit_schema::SchemaId,
}

impl Schema<'_> {
    fn is_valid(self, value: &Value) -> bool {
        self.doc.is_valid(self.id, value)
    }
}

/// A schema compiled on first use (or at build time, unless compilation is lazy).
#[derive(Debug)]
struct Slot {
    request: bool,
    pointer: String,
    cell: OnceLock<Option<oaskit_schema::SchemaId>>,
}

/// Which API Gateway API type's request checks to apply instead of the definition's full rules
/// ([`Options::with_gateway`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GatewayChecks {
    /// REST APIs: each method's request validator (`x-amazon-apigateway-request-validator`,
    /// else the document's, else none) says whether parameters, the body or both are
    /// checked; parameters only for being present and not blank ("API Gateway only checks
    /// the existence of a parameter and doesn't check the type or format"); the body against
    /// the model of its content type, a request without `Content-Type` read as
    /// `application/json`, and one whose content type has no model not validated ("If no
    /// matching content type is found, request validation is not performed"). Source:
    /// <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html>.
    Rest,
    /// HTTP APIs: no request validation at all (import ignores `requestBody` schemas and
    /// parameters are not validated); routing and credentials still apply. Source:
    /// <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html>.
    Http,
}

/// How to validate.
#[derive(Clone, Debug, Default)]
pub struct Options {
    validators: bool,
    gateway: Option<GatewayChecks>,
    lazy: bool,
    max_expansion: Option<u64>,
    max_body: Option<usize>,
    without_lookups: bool,
}

/// The default of [`Options::with_max_schema_expansion`].
pub const DEFAULT_MAX_SCHEMA_EXPANSION: u64 = 100_000;

/// The default of [`Options::with_max_body_size`]: 64 MiB.
pub const DEFAULT_MAX_BODY_SIZE: usize = 64 << 20;

impl Options {
    /// Validate everything (the default).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The most subschemas one schema may apply to a single value through `allOf`, `anyOf`,
    /// `oneOf`, `not`, `if`/`then`/`else` and `$ref`, counted over every path (default
    /// [`DEFAULT_MAX_SCHEMA_EXPANSION`]). Schemas that name the same schema twice at every
    /// level double that count per level; building a validator for one over the limit fails
    /// with a [`BuildError`] naming the schema, instead of validating for hours.
    #[must_use]
    pub fn with_max_schema_expansion(mut self, limit: u64) -> Self {
        self.max_expansion = Some(limit);
        self
    }

    /// The largest body (in bytes) the validator reads (default [`DEFAULT_MAX_BODY_SIZE`]);
    /// a larger one is a `body-too-large` violation and is not parsed.
    #[must_use]
    pub fn with_max_body_size(mut self, bytes: usize) -> Self {
        self.max_body = Some(bytes);
        self
    }

    /// Compile each schema when it is first needed instead of when the validator is built.
    /// Building is then immediate and memory grows only with the operations used, which suits
    /// very large definitions (compiling all of Stripe's ahead of time takes about a second;
    /// every schema node is compiled once, however many operations reach it).
    #[must_use]
    pub fn with_lazy_compilation(mut self, lazy: bool) -> Self {
        self.lazy = lazy;
        self
    }

    /// Honour `x-amazon-apigateway-request-validators` and `x-amazon-apigateway-request-validator`:
    /// check bodies and parameters only where the operation's (or the document's) validator
    /// says so, but those in full (types and formats of parameters too), for a caller that
    /// reports everything and decides itself what to refuse (`oaskit serve`). To check as API
    /// Gateway does, see [`Options::with_gateway`].
    #[must_use]
    pub fn with_gateway_validators(mut self, on: bool) -> Self {
        self.validators = on;
        self
    }

    /// Whether [`Validator::validate_schema`] may name schemas that no operation reaches (the
    /// default). A validator of a large definition validates operations from a copy of what
    /// they reach only, and keeps the rest of the definition as text for such lookups (about
    /// 9 MiB for GitHub's); a caller that never looks schemas up by name (a gateway) can turn
    /// them off to save that memory. With lookups off, `validate_schema` on such a validator
    /// answers with a `schema-not-found` violation saying so (a validator of a small
    /// definition, or of one whose schemas cannot be pruned, still finds every schema).
    #[must_use]
    pub fn with_schema_lookups(mut self, on: bool) -> Self {
        self.without_lookups = !on;
        self
    }

    /// Check requests as an API Gateway API type does ([`GatewayChecks`]), or by the
    /// definition's full rules (`None`, the default). Responses are always checked in full.
    #[must_use]
    pub fn with_gateway(mut self, gateway: Option<GatewayChecks>) -> Self {
        self.gateway = gateway;
        self
    }
}

/// Why a validator could not be built.
///
/// ```
/// use oaskit_validator::{BuildError, Options, Validator};
///
/// let loaded = oaskit_core::load_str("api.yaml", "openapi: 3.1.0\n", &oaskit_core::LoadOptions::new());
/// let e = Validator::from_loaded(&loaded, &Options::new()).unwrap_err();
/// assert!(matches!(e, BuildError::DefinitionHasErrors));
/// assert_eq!(e.to_string(), "the definition has errors; run `oaskit check` on it");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// [`Validator::from_loaded`] refuses a definition whose load reported errors.
    DefinitionHasErrors,
    /// [`Validator::from_loaded`] was given a load that built no document.
    NoDocument,
    /// A schema would apply more subschemas to a single value than
    /// [`Options::with_max_schema_expansion`] allows.
    SchemaExpansion {
        /// The schema's JSON pointer in the loaded document.
        pointer: String,
        /// The operation it belongs to: its method and path.
        operation: String,
        /// The limit. (The count itself is not kept: counting stops as soon as it passes.)
        limit: u64,
    },
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::DefinitionHasErrors => {
                f.write_str("the definition has errors; run `oaskit check` on it")
            }
            Self::NoDocument => f.write_str("no document"),
            Self::SchemaExpansion {
                pointer,
                operation,
                limit,
            } => write!(
                f,
                "the schema at {pointer} (operation {operation}) applies more than {limit} \
                 subschemas to a single value (schemas that name the same schema several times \
                 through allOf/anyOf/oneOf/not/if multiply at every level); the limit is \
                 Options::with_max_schema_expansion (default {DEFAULT_MAX_SCHEMA_EXPANSION}): \
                 raise it, or name each schema once"
            ),
        }
    }
}

impl std::error::Error for BuildError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loc {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug)]
struct Param {
    name: String,
    loc: Loc,
    required: bool,
    style: String,
    explode: bool,
    allow_empty: bool,
    allow_reserved: bool,
    shape: Shape,
    schema: Option<Slot>,
    content_json: bool,
    pointer: String,
}

#[derive(Debug)]
struct Media {
    key: String,
    kind: Kind,
    schema: Option<Slot>,
    shape: Shape,
    props: Vec<(String, Shape)>,
    enc: Vec<FieldEncoding>,
    pointer: String,
}

#[derive(Debug, Default)]
struct Content {
    required: bool,
    keys: Vec<String>,
    /// The keys' essences (lower case, no parameters), for matching.
    essences: Vec<String>,
    media: Vec<Media>,
    pointer: String,
}

#[derive(Debug)]
struct HeaderRule {
    name: String,
    required: bool,
    shape: Shape,
    schema: Option<Slot>,
    pointer: String,
}

#[derive(Debug)]
struct Resp {
    key: String,
    status: api::StatusMatch,
    headers: Vec<HeaderRule>,
    content: Option<Content>,
}

#[derive(Debug)]
struct Op {
    label: Arc<str>,
    params: Vec<Param>,
    body: Option<Content>,
    responses: Vec<Resp>,
    /// Alternatives (OR) of requirements (AND of credentials); empty: no security.
    security: Vec<Vec<(String, Cred)>>,
    check_body: bool,
    check_params: bool,
    /// The gateway whose checks apply to requests, if any.
    gateway: Option<GatewayChecks>,
}

impl Op {
    fn slots(&self) -> impl Iterator<Item = &Slot> {
        let params = self.params.iter().filter_map(|p| p.schema.as_ref());
        let body = self
            .body
            .iter()
            .flat_map(|c| c.media.iter().filter_map(|m| m.schema.as_ref()));
        let resp = self.responses.iter().flat_map(|r| {
            r.headers.iter().filter_map(|h| h.schema.as_ref()).chain(
                r.content
                    .iter()
                    .flat_map(|c| c.media.iter().filter_map(|m| m.schema.as_ref())),
            )
        });
        params.chain(body).chain(resp)
    }
}

/// What a [`Validator`] checks for one operation ([`Validator::checks`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checks {
    /// The operation, as `METHOD /template`.
    pub operation: String,
    /// Its effective parameters, as (location, name).
    pub parameters: Vec<(String, String)>,
    /// The media types of its request body.
    pub body_media_types: Vec<String>,
    /// Its response keys, as written.
    pub response_keys: Vec<String>,
}

/// The operation a request was routed to, with what routing read from its URL: route a request
/// once with [`Validator::find_route`], then validate it and its response against the same
/// operation ([`Validator::validate_request_at`], [`Validator::validate_response_at`]).
#[derive(Clone, Debug)]
pub struct Route {
    op: usize,
    /// Raw (still percent-encoded) path variables.
    vars: Vec<(String, String)>,
    query: String,
    label: Arc<str>,
}

impl Route {
    /// The operation, as `METHOD /template`.
    #[must_use]
    pub fn operation(&self) -> &str {
        &self.label
    }

    /// The operation's index, in the order of [`oaskit_core::api::Api::operations`].
    #[must_use]
    pub fn index(&self) -> usize {
        self.op
    }

    /// The path variables routing read from the URL, by name, still percent-encoded as sent
    /// (`{proxy+}` fills `proxy` with the rest of the path): for gateways that map them onto
    /// integration requests.
    #[must_use]
    pub fn path_variables(&self) -> &[(String, String)] {
        &self.vars
    }

    fn report(&self) -> Report {
        Report {
            operation: Some(Arc::clone(&self.label)),
            violations: Vec::new(),
        }
    }
}

/// A compiled definition that validates requests and responses.
#[derive(Debug)]
pub struct Validator {
    max_body: usize,
    router: router::Router,
    ops: Vec<Op>,
    compiler: Compiler,
    /// What [`Validator::validate_schema`] compiles from when `compiler` is partial.
    on_demand: payload::OnDemand,
    warnings: Mutex<Vec<String>>,
    max_expansion: u64,
}

fn decode_fragment(f: &str) -> String {
    oaskit_core::percent_decode(f)
}

const REQ_URI: &str = "urn:oaskit:request";
const RESP_URI: &str = "urn:oaskit:response";

/// The translated documents of both directions, each compiled on demand by `oaskit-schema`
/// (every schema node once, shared by every operation that reaches it), and which pointers
/// were compiled (or failed to, warned once).
struct Compiler {
    req: oaskit_schema::Document,
    resp: oaskit_schema::Document,
    cache: Mutex<HashMap<(bool, String), Option<oaskit_schema::SchemaId>>>,
    /// The documents hold only what the operations' schemas reach ([`reach`]): other
    /// pointers ([`Validator::validate_schema`]) go to [`payload::OnDemand`].
    partial: bool,
}

impl std::fmt::Debug for Compiler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Compiler")
    }
}

fn byte_format(s: &str) -> bool {
    let t = s.trim_end_matches('=');
    s.len() % 4 == 0
        && s.len() - t.len() <= 2
        && t.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
}

/// Follows pure `{$ref}` chains so that schemas naming the same component share one compile.
fn final_pointer(root: &Value, pointer: &str) -> String {
    let mut ptr = pointer.to_string();
    for _ in 0..32 {
        let next = oaskit_core::json_pointer(root, &ptr)
            .filter(|n| n.as_object().is_some_and(|m| m.len() == 1))
            .and_then(api::reference::json_ref)
            .and_then(|r| r.strip_prefix('#'))
            .map(decode_fragment);
        match next {
            Some(n) if oaskit_core::json_pointer(root, &n).is_some() => ptr = n,
            _ => break,
        }
    }
    ptr
}

fn slot(root: &Value, dir: Direction, pointer: &str) -> Slot {
    Slot {
        request: dir == Direction::Request,
        pointer: final_pointer(root, pointer),
        cell: OnceLock::new(),
    }
}

/// The validation JSON translated for requests and for responses.
fn translated(root: &Value, is_30: bool) -> (Value, Value) {
    (
        Translator::new(root, Direction::Request, is_30).document(),
        Translator::new(root, Direction::Response, is_30).document(),
    )
}

/// The validation JSON translated for requests and for responses, each holding only what the
/// schemas of `ops` in that direction reach ([`reach`]) when the document allows it; and
/// whether either was pruned.
fn translated_for(root: &Value, is_30: bool, ops: &[Op]) -> (Value, Value, bool) {
    let starts = |request: bool| {
        ops.iter()
            .flat_map(Op::slots)
            .filter(move |s| s.request == request)
            .map(|s| s.pointer.as_str())
    };
    let req = reach::reach(root, starts(true));
    let resp = reach::reach(root, starts(false));
    let pruned = req.is_some() || resp.is_some();
    (
        Translator::new(root, Direction::Request, is_30).document_of(req.as_deref()),
        Translator::new(root, Direction::Response, is_30).document_of(resp.as_deref()),
        pruned,
    )
}

/// How both translated documents are compiled: JSON Schema 2020-12 (the translation made 3.0's
/// dialect one), formats asserted, OpenAPI's own formats added.
fn schema_options(base_uri: &str) -> oaskit_schema::Options {
    oaskit_schema::Options::new()
        .with_base_uri(base_uri)
        .with_formats(true)
        .with_format("byte", byte_format)
        .with_format("binary", |_| true)
        .with_format("int32", |_| true)
        .with_format("int64", |_| true)
}

impl Compiler {
    /// Indexes both translated documents; nothing is compiled yet.
    fn new(req_doc: Value, resp_doc: Value) -> Self {
        Self {
            req: oaskit_schema::Document::new(req_doc, schema_options(REQ_URI)),
            resp: oaskit_schema::Document::new(resp_doc, schema_options(RESP_URI)),
            cache: Mutex::new(HashMap::new()),
            partial: false,
        }
    }

    /// The translated document of one direction.
    fn doc(&self, request: bool) -> &oaskit_schema::Document {
        if request {
            &self.req
        } else {
            &self.resp
        }
    }

    /// The schema at `ptr` in the document of one direction, compiled on first use; a schema
    /// that cannot be compiled is warned about once in `failures` and never checked.
    fn compile(
        &self,
        request: bool,
        ptr: &str,
        failures: &Mutex<Vec<String>>,
    ) -> Option<oaskit_schema::SchemaId> {
        let key = (request, ptr.to_string());
        if let Some(c) = self.cache.lock().ok().and_then(|m| m.get(&key).copied()) {
            return c;
        }
        let compiled = self
            .doc(request)
            .compile(ptr)
            .map_err(|e| {
                if let Ok(mut f) = failures.lock() {
                    f.push(format!(
                        "schema not compiled, values there are not checked: {ptr}: {e}"
                    ));
                }
            })
            .ok();
        if let Ok(mut m) = self.cache.lock() {
            m.insert(key, compiled);
        }
        compiled
    }

    /// Whether the schema at `ptr` was compiled (or failed to) before.
    fn is_cached(&self, request: bool, ptr: &str) -> bool {
        self.cache
            .lock()
            .is_ok_and(|m| m.contains_key(&(request, ptr.to_string())))
    }
}

/// Refuses schemas whose evaluation would apply more subschemas to one value than allowed.
fn check_expansion(
    ops: &[Op],
    req_doc: &Value,
    resp_doc: &Value,
    options: &Options,
) -> Result<(), BuildError> {
    let limit = options
        .max_expansion
        .unwrap_or(DEFAULT_MAX_SCHEMA_EXPANSION);
    let mut counters = [budget::Counter::default(), budget::Counter::default()];
    for op in ops {
        for slot in op.slots() {
            let (doc, counter) = if slot.request {
                (req_doc, &mut counters[0])
            } else {
                (resp_doc, &mut counters[1])
            };
            let Some(schema) = oaskit_core::json_pointer(doc, &slot.pointer) else {
                continue;
            };
            let n = counter.expansion(doc, schema, limit);
            if n > limit {
                return Err(BuildError::SchemaExpansion {
                    pointer: slot.pointer.clone(),
                    operation: op.label.to_string(),
                    limit,
                });
            }
        }
    }
    Ok(())
}

/// The top-level extensions the validator reads besides the operations' schemas.
const GATEWAY_VALIDATORS: [&str; 2] = [
    "/x-amazon-apigateway-request-validator",
    "/x-amazon-apigateway-request-validators",
];

/// Where the operations' parameters, bodies, headers and their schemas are: what the checks
/// read of the validation JSON, besides what these reach.
fn schema_sites(view: &api::Api<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let media = |m: &api::MediaType<'_>, out: &mut Vec<String>| {
        out.push(m.pointer.clone());
        if let Some(s) = &m.schema {
            out.push(s.pointer.clone());
        }
    };
    for op in view.operations() {
        for p in &op.parameters {
            if let Some(s) = &p.schema {
                out.push(s.pointer.clone());
            }
            for m in &p.content {
                media(m, &mut out);
            }
        }
        for m in op.request_body.iter().flat_map(|rb| &rb.content) {
            media(m, &mut out);
        }
        for r in &op.responses {
            for h in &r.headers {
                if let Some(s) = &h.schema {
                    out.push(s.pointer.clone());
                }
            }
            for m in &r.content {
                media(m, &mut out);
            }
        }
    }
    out
}

fn str_of<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

impl Validator {
    /// Compiles every operation of a loaded document.
    ///
    /// # Errors
    /// [`BuildError::SchemaExpansion`] when a schema is over the limit.
    pub fn new(doc: &Document) -> Result<Self, BuildError> {
        Self::with_options(doc, &Options::new())
    }

    /// Compiles with options.
    ///
    /// # Errors
    /// As [`Validator::new`].
    pub fn with_options(doc: &Document, options: &Options) -> Result<Self, BuildError> {
        let is_30 = doc.version() == SpecVersion::OpenApi30;
        let view = api::Api::new(doc);
        let starts = schema_sites(&view);
        let (root, root_pruned) = match source::reaching(
            doc.root(),
            starts.iter().map(String::as_str).chain(GATEWAY_VALIDATORS),
        ) {
            Some(r) => (r, true),
            None => (source::whole(doc.root()), false),
        };
        let mut shapes = params::Shapes::new(&root);
        let bases = view
            .servers()
            .iter()
            .map(|s| {
                let vars: Vec<(String, String)> = s
                    .variables
                    .iter()
                    .filter_map(|v| Some((v.name.to_string(), v.default?.to_string())))
                    .collect();
                router::server_base(s.url, &vars)
            })
            .collect();
        let mut router = router::Router::new(bases);
        let mut ops = Vec::new();
        let gateway_default = root
            .get("x-amazon-apigateway-request-validator")
            .and_then(Value::as_str);
        let gateway_validators = root.get("x-amazon-apigateway-request-validators");
        for op in view.operations() {
            let method = op.method.http().unwrap_or_else(|| "ANY".into());
            let mut compiled = Op {
                label: format!("{method} {}", op.path).into(),
                params: op
                    .parameters
                    .iter()
                    .filter_map(|p| compile_param(&root, &mut shapes, p))
                    .collect(),
                body: op.request_body.as_ref().map(|rb| {
                    compile_content(
                        &root,
                        &mut shapes,
                        rb.required,
                        &rb.content,
                        &rb.pointer,
                        Direction::Request,
                    )
                }),
                responses: Vec::new(),
                security: Vec::new(),
                check_body: true,
                check_params: true,
                gateway: options.gateway,
            };
            for r in &op.responses {
                let headers = r
                    .headers
                    .iter()
                    .map(|h| {
                        let schema = h.schema.as_ref().and_then(|s| {
                            Some((
                                oaskit_core::json_pointer(&root, &s.pointer)?,
                                s.pointer.as_str(),
                            ))
                        });
                        HeaderRule {
                            name: h.name.to_string(),
                            required: h.required,
                            shape: schema.map_or_else(Shape::default, |(s, _)| shapes.shape(s)),
                            schema: schema.map(|(_, p)| slot(&root, Direction::Response, p)),
                            pointer: h.pointer.clone(),
                        }
                    })
                    .collect();
                let content = r.node.get("content").map(|_| {
                    compile_content(
                        &root,
                        &mut shapes,
                        false,
                        &r.content,
                        &r.pointer,
                        Direction::Response,
                    )
                });
                compiled.responses.push(Resp {
                    key: r.key.to_string(),
                    status: r.status,
                    headers,
                    content,
                });
            }
            for req in op.security.as_deref().unwrap_or_default() {
                compiled.security.push(
                    req.schemes
                        .iter()
                        .map(|s| {
                            let cred = s
                                .scheme
                                .as_ref()
                                .map_or(Cred::Unverifiable, |s| Cred::from_scheme(&s.kind));
                            (s.name.to_string(), cred)
                        })
                        .collect(),
                );
            }
            if options.gateway == Some(GatewayChecks::Http) {
                compiled.check_body = false;
                compiled.check_params = false;
            }
            if options.validators || options.gateway == Some(GatewayChecks::Rest) {
                let name = op
                    .node
                    .get("x-amazon-apigateway-request-validator")
                    .and_then(oaskit_core::Node::as_str)
                    .or(gateway_default);
                match name.and_then(|n| gateway_validators.and_then(|v| v.get(n))) {
                    Some(v) => {
                        compiled.check_body = v
                            .get("validateRequestBody")
                            .and_then(Value::as_bool)
                            .unwrap_or(false);
                        compiled.check_params = v
                            .get("validateRequestParameters")
                            .and_then(Value::as_bool)
                            .unwrap_or(false);
                    }
                    None => {
                        // API Gateway validates nothing without a validator.
                        compiled.check_body = false;
                        compiled.check_params = false;
                    }
                }
            }
            router.add(op.path, &op.method.key().to_ascii_lowercase(), ops.len());
            ops.push(compiled);
        }
        let (req_doc, resp_doc, pruned) = translated_for(&root, is_30, &ops);
        let pruned = pruned || root_pruned;
        // Read no more: what comes next reuses their memory.
        drop(shapes);
        drop(root);
        check_expansion(&ops, &req_doc, &resp_doc, options)?;
        let mut compiler = Compiler::new(req_doc, resp_doc);
        compiler.partial = pruned;
        let v = Self {
            max_body: options.max_body.unwrap_or(DEFAULT_MAX_BODY_SIZE),
            router,
            ops,
            compiler,
            warnings: Mutex::new(Vec::new()),
            // A pruned validator keeps the (example-free) definition as text, to compile
            // schemas the operations do not reach should `validate_schema` name one.
            on_demand: payload::OnDemand::new(
                (pruned && !options.without_lookups).then(|| source::text(doc.root())),
                is_30,
            ),
            max_expansion: options
                .max_expansion
                .unwrap_or(DEFAULT_MAX_SCHEMA_EXPANSION),
        };
        if !options.lazy {
            for op in &v.ops {
                for slot in op.slots() {
                    let _ = v.schema(slot);
                }
            }
        }
        Ok(v)
    }

    /// Schemas that could not be compiled, whose values are not checked, and patterns the
    /// regex engine refuses, whose keyword alone is skipped (the rest of their schema is
    /// checked).
    #[must_use]
    pub fn warnings(&self) -> Vec<String> {
        let mut out = self.warnings.lock().map(|w| w.clone()).unwrap_or_default();
        // Both directions compile the same patterns: each is named once.
        let mut seen = std::collections::HashSet::new();
        for doc in [&self.compiler.req, &self.compiler.resp] {
            for e in doc.skipped_patterns() {
                let text = format!("pattern not checked (the rest of its schema is): {e}");
                if seen.insert(text.clone()) {
                    out.push(text);
                }
            }
        }
        out
    }

    fn schema(&self, slot: &Slot) -> Option<Schema<'_>> {
        let id = (*slot.cell.get_or_init(|| {
            self.compiler
                .compile(slot.request, &slot.pointer, &self.warnings)
        }))?;
        Some(Schema {
            doc: self.compiler.doc(slot.request),
            id,
        })
    }

    /// Builds from a [`Loaded`] result, refusing documents with errors.
    ///
    /// # Errors
    /// [`BuildError::DefinitionHasErrors`], [`BuildError::NoDocument`], or as
    /// [`Validator::new`].
    pub fn from_loaded(loaded: &Loaded, options: &Options) -> Result<Self, BuildError> {
        if loaded.has_errors() {
            return Err(BuildError::DefinitionHasErrors);
        }
        let doc = loaded.document.as_ref().ok_or(BuildError::NoDocument)?;
        Self::with_options(doc, options)
    }

    /// Routes a request: the operation its method and URL name, or a report of why none does
    /// (`route-not-found`, `method-not-allowed`).
    ///
    /// ```
    /// use oaskit_validator::{Request, Response, Validator};
    ///
    /// let loaded = oaskit_core::load_str("api.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok}, 4XX: {description: no}}\n", &oaskit_core::LoadOptions::new());
    /// let v = Validator::new(loaded.document.as_ref().unwrap()).unwrap();
    /// let route = v.find_route("GET", "/pets/7").unwrap();
    /// assert_eq!(route.operation(), "GET /pets/{id}");
    /// v.validate_request_at(&route, &Request::new("GET", "/pets/7")).assert_valid();
    /// v.validate_response_at(&route, &Response::new(404)).assert_valid();
    /// assert_eq!(v.validate_response_at(&route, &Response::new(500)).codes(), ["status-undeclared"]);
    /// assert_eq!(v.find_route("POST", "/pets/7").unwrap_err().codes(), ["method-not-allowed"]);
    /// ```
    ///
    /// # Errors
    /// The report, when no operation matches.
    pub fn find_route(&self, method: &str, url: &str) -> Result<Route, Report> {
        let mut report = Report::default();
        let (path, query) = split_url(url);
        let method_lc: std::borrow::Cow<'_, str> = if method.bytes().any(|b| b.is_ascii_uppercase())
        {
            std::borrow::Cow::Owned(method.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(method)
        };
        match self.router.find(&method_lc, path) {
            Ok(m) => {
                return Ok(Route {
                    label: Arc::clone(&self.ops[m.op].label),
                    op: m.op,
                    vars: m.vars,
                    query: query.to_string(),
                })
            }
            Err(router::Miss::Path) => {
                let bases = self
                    .router
                    .bases()
                    .iter()
                    .filter(|b| !b.is_empty())
                    .cloned()
                    .collect::<Vec<_>>();
                let hint = if bases.is_empty() {
                    String::new()
                } else {
                    format!(" (server base paths: {})", bases.join(", "))
                };
                report.violations.push(v(
                    "route-not-found",
                    Part::Route,
                    format!("no path of the definition matches {path:?}{hint}"),
                    "",
                ));
            }
            Err(router::Miss::Method(allowed)) => {
                report.violations.push(v(
                    "method-not-allowed",
                    Part::Route,
                    format!(
                        "{} is not defined for {path:?}; defined: {}",
                        method.to_ascii_uppercase(),
                        allowed.join(", ").to_ascii_uppercase()
                    ),
                    "",
                ));
            }
        }
        Err(report)
    }

    /// Validates a request: route, parameters, security, body.
    #[must_use]
    pub fn validate_request(&self, req: &Request) -> Report {
        match self.find_route(&req.method, &req.url) {
            Ok(route) => self.validate_request_at(&route, req),
            Err(report) => report,
        }
    }

    /// Validates a request already routed by [`Validator::find_route`] (its method and URL are
    /// not read again): parameters, security, body.
    #[must_use]
    pub fn validate_request_at(&self, route: &Route, req: &Request) -> Report {
        let mut report = route.report();
        let vars = &route.vars;
        let op = &self.ops[route.op];
        let pairs = params::query_pairs(&route.query);
        let cookie_list = req
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("cookie"))
            .flat_map(|(_, v)| params::cookies(v))
            .collect::<Vec<_>>();
        if op.check_params {
            let names: Vec<&str> = op
                .params
                .iter()
                .filter(|p| p.loc == Loc::Query)
                .map(|p| p.name.as_str())
                .collect();
            for p in &op.params {
                if op.gateway == Some(GatewayChecks::Rest) {
                    check_param_presence(p, vars, &pairs, &req.headers, &mut report);
                    continue;
                }
                check_param(
                    self,
                    p,
                    vars,
                    &pairs,
                    &req.headers,
                    &cookie_list,
                    &names,
                    &mut report,
                );
            }
        }
        if !op.security.is_empty() {
            let ok = op.security.iter().any(|all| {
                all.iter()
                    .all(|(_, c)| c.present(&req.headers, &pairs, &cookie_list))
            });
            if !ok {
                let wanted: Vec<String> = op
                    .security
                    .iter()
                    .map(|all| {
                        if all.is_empty() {
                            "nothing".to_string()
                        } else {
                            all.iter()
                                .map(|(n, c)| format!("{n} ({})", c.describe()))
                                .collect::<Vec<_>>()
                                .join(" and ")
                        }
                    })
                    .collect();
                report.violations.push(v(
                    "security-missing",
                    Part::Security,
                    format!(
                        "no credentials for any security requirement: {}",
                        wanted.join(" or ")
                    ),
                    "",
                ));
            }
        }
        if op.check_body {
            if let Some(content) = &op.body {
                if op.gateway == Some(GatewayChecks::Rest) {
                    gateway_body(self, content, req, &mut report);
                } else {
                    check_content(
                        self,
                        content,
                        &req.headers,
                        &req.body,
                        Direction::Request,
                        &mut report,
                    );
                }
            }
        }
        report
    }

    /// Validates a response to a request with `method` and `url`: status, headers, body.
    #[must_use]
    pub fn validate_response(&self, method: &str, url: &str, resp: &Response) -> Report {
        match self.find_route(method, url) {
            Ok(route) => self.validate_response_at(&route, resp),
            Err(report) => report,
        }
    }

    /// Validates a response to a request already routed by [`Validator::find_route`]: status,
    /// headers, body.
    #[must_use]
    pub fn validate_response_at(&self, route: &Route, resp: &Response) -> Report {
        let mut report = route.report();
        let op = &self.ops[route.op];
        let found = api::StatusMatch::select(op.responses.iter(), resp.status, |r| r.status);
        let Some(r) = found else {
            let declared: Vec<&str> = op.responses.iter().map(|r| r.key.as_str()).collect();
            report.violations.push(v(
                "status-undeclared",
                Part::Status,
                format!(
                    "status {} is not declared; declared: {}",
                    resp.status,
                    declared.join(", ")
                ),
                "",
            ));
            return report;
        };
        for h in &r.headers {
            match message::header(&resp.headers, &h.name) {
                None if h.required => report.violations.push(v(
                    "header-missing",
                    Part::Header(h.name.clone()),
                    "required response header is missing".into(),
                    &h.pointer,
                )),
                None => {}
                Some(raw) => {
                    let value = params::from_delimited(raw, ',', false, &h.shape, false)
                        .unwrap_or(Value::String(raw.to_string()));
                    if let Some(s) = h.schema.as_ref().and_then(|sl| self.schema(sl)) {
                        schema_errors(
                            s,
                            &value,
                            "header-schema",
                            |_| Part::Header(h.name.clone()),
                            &mut report,
                        );
                    }
                }
            }
        }
        if let Some(content) = &r.content {
            if !resp.body.is_empty() || content.required {
                check_content(
                    self,
                    content,
                    &resp.headers,
                    &resp.body,
                    Direction::Response,
                    &mut report,
                );
            }
        } else if !resp.body.is_empty() && resp.status != 204 {
            // A body where none is described is not a violation of 3.x; nothing to check.
        }
        report
    }

    /// Validates a request body already parsed as JSON for the operation a request with
    /// `method` and `url` routes to (the `application/json` media type, or the first JSON one).
    #[must_use]
    pub fn validate_request_json(&self, method: &str, url: &str, body: &Value) -> Report {
        let route = match self.find_route(method, url) {
            Ok(route) => route,
            Err(report) => return report,
        };
        let mut report = route.report();
        if let Some(m) = self.ops[route.op]
            .body
            .as_ref()
            .and_then(|c| c.media.iter().find(|m| m.kind == Kind::Json))
        {
            if let Some(s) = m.schema.as_ref().and_then(|sl| self.schema(sl)) {
                body_errors(s, body, false, &mut report);
            }
        }
        report
    }

    /// Fast path: whether a JSON request body is valid, for an operation index from [`Self::operation_index`].
    #[must_use]
    pub fn is_valid_request_json(&self, op: usize, body: &Value) -> bool {
        self.ops
            .get(op)
            .and_then(|o| o.body.as_ref())
            .and_then(|c| c.media.iter().find(|m| m.kind == Kind::Json))
            .and_then(|m| m.schema.as_ref())
            .and_then(|sl| self.schema(sl))
            .is_none_or(|s| s.is_valid(body))
    }

    /// Fast path: whether a JSON response body is valid for operation `op` and `status`.
    #[must_use]
    pub fn is_valid_response_json(&self, op: usize, status: u16, body: &Value) -> bool {
        let Some(op) = self.ops.get(op) else {
            return false;
        };
        api::StatusMatch::select(op.responses.iter(), status, |r| r.status)
            .and_then(|r| r.content.as_ref())
            .and_then(|c| c.media.iter().find(|m| m.kind == Kind::Json))
            .and_then(|m| m.schema.as_ref())
            .and_then(|sl| self.schema(sl))
            .is_none_or(|s| s.is_valid(body))
    }

    /// What is checked for each operation, in the order of
    /// [`oaskit_core::api::Api::operations`]: for coverage reports, and for tests that hold
    /// the validator to the same view of the API as the other consumers.
    #[must_use]
    pub fn checks(&self) -> Vec<Checks> {
        self.ops
            .iter()
            .map(|op| Checks {
                operation: op.label.to_string(),
                parameters: op
                    .params
                    .iter()
                    .map(|p| {
                        let loc = match p.loc {
                            Loc::Path => "path",
                            Loc::Query => "query",
                            Loc::Header => "header",
                            Loc::Cookie => "cookie",
                        };
                        (loc.to_string(), p.name.clone())
                    })
                    .collect(),
                body_media_types: op.body.as_ref().map(|c| c.keys.clone()).unwrap_or_default(),
                response_keys: op.responses.iter().map(|r| r.key.clone()).collect(),
            })
            .collect()
    }

    /// The index of the operation a request routes to, for the fast paths.
    #[must_use]
    pub fn operation_index(&self, method: &str, url: &str) -> Option<usize> {
        let (path, _) = split_url(url);
        self.router
            .find(&method.to_ascii_lowercase(), path)
            .ok()
            .map(|m| m.op)
    }

    /// The base paths requests are routed under: the path of each server URL with its variables
    /// at their defaults (`http://localhost:{port}/v1` gives `/v1`), longest first; `""` for a
    /// server at the root (or no servers). `oaskit serve` prints them and its tests build URLs
    /// from them.
    #[must_use]
    pub fn base_paths(&self) -> &[String] {
        self.router.bases()
    }
}

impl Report {
    /// Fills [`Violation::rule_at`] with `file:line:column` from the loaded definition.
    #[must_use]
    pub fn with_locations(mut self, loaded: &Loaded) -> Self {
        let Some(doc) = &loaded.document else {
            return self;
        };
        for viol in &mut self.violations {
            if viol.rule.is_empty() {
                continue;
            }
            // The deepest node of the rule's pointer that exists.
            let mut p = viol.rule.as_str();
            loop {
                if let Some(n) = doc.root().pointer(p) {
                    if let Some((f, l, c)) = loaded.sources.locate(n.span) {
                        viol.rule_at = Some(format!("{f}:{l}:{c}"));
                    }
                    break;
                }
                match p.rfind('/') {
                    Some(i) => p = &p[..i],
                    None => break,
                }
            }
        }
        self
    }
}

fn v(code: &'static str, part: Part, message: String, rule: &str) -> Violation {
    Violation {
        code,
        part,
        message,
        rule: rule.to_string(),
        rule_at: None,
    }
}

fn split_url(url: &str) -> (&str, &str) {
    let no_frag = url.split('#').next().unwrap_or("");
    // Absolute only when `://` comes before any path or query.
    let scheme_end = no_frag
        .find("://")
        .filter(|&i| !no_frag[..i].contains(['/', '?']));
    let rest = match scheme_end {
        Some(i) => {
            let after = &no_frag[i + 3..];
            after.find(['/', '?']).map_or("/", |j| &after[j..])
        }
        None => no_frag,
    };
    match rest.split_once('?') {
        Some((p, q)) => (if p.is_empty() { "/" } else { p }, q),
        None => (if rest.is_empty() { "/" } else { rest }, ""),
    }
}

fn compile_param<'v>(
    root: &'v Value,
    shapes: &mut params::Shapes<'v>,
    p: &api::Parameter<'_>,
) -> Option<Param> {
    let loc = match p.location {
        api::ParamLocation::Path => Loc::Path,
        api::ParamLocation::Query => Loc::Query,
        api::ParamLocation::Header => Loc::Header,
        api::ParamLocation::Cookie => Loc::Cookie,
        api::ParamLocation::QueryString => return None,
    };
    let (schema, content_json) = if let Some(s) = &p.schema {
        (Some(s), false)
    } else if let Some(m) = p.content.first() {
        let json = body::kind_of(&body::parse_content_type(m.name).0) == Kind::Json;
        (m.schema.as_ref(), json)
    } else {
        (None, false)
    };
    let schema = schema.and_then(|s| {
        Some((
            oaskit_core::json_pointer(root, &s.pointer)?,
            s.pointer.as_str(),
        ))
    });
    Some(Param {
        name: p.name.to_string(),
        loc,
        required: p.required,
        style: p.style.to_string(),
        explode: p.explode,
        allow_empty: p.allow_empty_value,
        allow_reserved: p.allow_reserved,
        shape: schema.map_or_else(Shape::default, |(s, _)| shapes.shape(s)),
        schema: schema.map(|(_, ptr)| slot(root, Direction::Request, ptr)),
        content_json,
        pointer: p.pointer.clone(),
    })
}

fn compile_content<'v>(
    root: &'v Value,
    shapes: &mut params::Shapes<'v>,
    required: bool,
    media: &[api::MediaType<'_>],
    pointer: &str,
    dir: Direction,
) -> Content {
    let mut out = Content {
        required,
        pointer: pointer.to_string(),
        ..Content::default()
    };
    for m in media {
        let mt = m.name;
        let json = oaskit_core::json_pointer(root, &m.pointer).unwrap_or(&Value::Null);
        let schema = m.schema.as_ref().and_then(|s| {
            Some((
                oaskit_core::json_pointer(root, &s.pointer)?,
                s.pointer.as_str(),
            ))
        });
        let shape = schema.map_or_else(Shape::default, |(s, _)| shapes.shape(s));
        let props: Vec<(String, Shape)> = schema
            .map(|(s, p)| api::reference::follow_json(root, s, p).0)
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
            .map(|ps| {
                ps.iter()
                    .map(|(k, s)| (k.clone(), shapes.shape(s)))
                    .collect()
            })
            .unwrap_or_default();
        let enc: Vec<FieldEncoding> = json
            .get("encoding")
            .and_then(Value::as_object)
            .map(|e| {
                e.iter()
                    .map(|(k, x)| FieldEncoding {
                        name: k.clone(),
                        content_type: str_of(x, "contentType").map(str::to_string),
                        style: str_of(x, "style").map(str::to_string),
                        explode: x.get("explode").and_then(Value::as_bool),
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.keys.push(mt.to_string());
        out.essences.push(body::parse_content_type(mt).0);
        out.media.push(Media {
            key: mt.to_string(),
            kind: body::kind_of(&body::parse_content_type(mt).0),
            schema: schema.map(|(_, p)| slot(root, dir, p)),
            shape,
            props,
            enc,
            pointer: m.pointer.clone(),
        });
    }
    out
}

fn schema_errors(
    s: Schema<'_>,
    value: &Value,
    code: &'static str,
    part: impl Fn(&str) -> Part,
    report: &mut Report,
) {
    schema_errors_of(s, value, code, part, false, report);
}

/// The violations of `value`; with `first_only`, only the first one (collecting every error of
/// a large invalid body costs more than the body itself).
fn schema_errors_of(
    s: Schema<'_>,
    value: &Value,
    code: &'static str,
    part: impl Fn(&str) -> Part,
    first_only: bool,
    report: &mut Report,
) {
    if s.is_valid(value) {
        return;
    }
    if first_only {
        if let Some(e) = s.doc.first_error(s.id, value) {
            let mut v = violation_of(&e, code, &part);
            v.message
                .push_str(" (a large body: only its first violation is listed)");
            report.violations.push(v);
        }
        return;
    }
    let mut listed = 0usize;
    let mut more = 0usize;
    for e in s.doc.errors(s.id, value) {
        // A huge invalid body can fail millions of times; each violation costs a message.
        if listed == MAX_VIOLATIONS {
            more += 1;
            continue;
        }
        listed += 1;
        report.violations.push(violation_of(&e, code, &part));
    }
    if more > 0 {
        report.violations.push(Violation {
            code,
            part: part(""),
            message: format!("and {more} more violation(s) of the schema, not listed"),
            rule: String::new(),
            rule_at: None,
        });
    }
}

fn violation_of(
    e: &oaskit_schema::Error<'_>,
    code: &'static str,
    part: &impl Fn(&str) -> Part,
) -> Violation {
    let rule = e.keyword_location().to_string();
    let instance = e.instance_path();
    let (code, message) = match e.kind() {
        oaskit_schema::ErrorKind::Not { schema, .. }
            if schema.get(translate::FORBIDDEN).is_some() =>
        {
            let which = schema
                .get(translate::FORBIDDEN)
                .and_then(Value::as_str)
                .unwrap_or("");
            if which == "readOnly" {
                (
                    "read-only",
                    "the property is readOnly and must not be sent in a request".to_string(),
                )
            } else {
                (
                    "write-only",
                    "the property is writeOnly and must not be sent in a response".to_string(),
                )
            }
        }
        _ => (code, message_of(e)),
    };
    Violation {
        code,
        part: part(instance),
        message,
        rule,
        rule_at: None,
    }
}

/// Bodies larger than this (in bytes) list only their first schema violation.
const LARGE_BODY: usize = 1 << 20;

/// The most violations one schema check lists (the rest are counted in one more).
const MAX_VIOLATIONS: usize = 100;

/// The longest violation message, in bytes (longer ones end with `…`).
const MESSAGE_LIMIT: usize = 300;

/// A writer that keeps only the start of what is written: an error message quotes the value it
/// is about, and rendering a whole 80 MB body only to keep 300 bytes of it doubled the memory.
struct Bounded {
    s: String,
}

impl std::fmt::Write for Bounded {
    fn write_str(&mut self, x: &str) -> std::fmt::Result {
        let room = (MESSAGE_LIMIT + 4).saturating_sub(self.s.len());
        if x.len() <= room {
            self.s.push_str(x);
            return Ok(());
        }
        let mut end = room;
        while !x.is_char_boundary(end) {
            end -= 1;
        }
        self.s.push_str(&x[..end]);
        Err(std::fmt::Error)
    }
}

/// `e.to_string()`, cut to [`MESSAGE_LIMIT`] bytes without rendering the rest.
fn message_of(e: &impl std::fmt::Display) -> String {
    let mut b = Bounded { s: String::new() };
    let _ = std::fmt::Write::write_fmt(&mut b, format_args!("{e}"));
    truncate(&b.s)
}

fn truncate(s: &str) -> String {
    if s.len() <= MESSAGE_LIMIT {
        return s.to_string();
    }
    let mut end = MESSAGE_LIMIT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

fn body_errors(s: Schema<'_>, value: &Value, large: bool, report: &mut Report) {
    schema_errors_of(
        s,
        value,
        "body-schema",
        |p| Part::Body(p.to_string()),
        large,
        report,
    );
}

/// Where parameter `p` stands in a report.
fn param_part(p: &Param) -> Part {
    match p.loc {
        Loc::Path => Part::Path(p.name.clone()),
        Loc::Query => Part::Query(p.name.clone()),
        Loc::Header => Part::Header(p.name.clone()),
        Loc::Cookie => Part::Cookie(p.name.clone()),
    }
}

/// The text of parameter `p` as the request sent it (path and cookie values percent-decoded),
/// when it did.
fn raw_param(
    p: &Param,
    vars: &[(String, String)],
    pairs: &[(String, String, String)],
    headers: &[(String, String)],
    cookies: &[(String, String)],
) -> Option<String> {
    match p.loc {
        Loc::Path => vars
            .iter()
            .find(|(k, _)| *k == p.name)
            .map(|(_, v)| params::decode(v, false)),
        Loc::Query => pairs
            .iter()
            .find(|(k, _, _)| *k == p.name)
            .map(|(_, v, _)| v.clone()),
        Loc::Header => message::header(headers, &p.name).map(str::to_string),
        Loc::Cookie => cookies
            .iter()
            .find(|(k, _)| *k == p.name)
            .map(|(_, v)| params::decode(v, false)),
    }
}

/// A parameter as API Gateway's REST request validation checks it: a required one must be
/// present and not blank; its type and format are not checked. (Cookies are not request
/// parameters there.)
fn check_param_presence(
    p: &Param,
    vars: &[(String, String)],
    pairs: &[(String, String, String)],
    headers: &[(String, String)],
    report: &mut Report,
) {
    if !p.required || p.loc == Loc::Cookie {
        return;
    }
    let part = param_part(p);
    match raw_param(p, vars, pairs, headers, &[]) {
        None => report.violations.push(v(
            "param-missing",
            part,
            "required parameter is missing (API Gateway checks that it is present and not blank)"
                .into(),
            &p.pointer,
        )),
        Some(r) if r.trim().is_empty() => report.violations.push(v(
            "param-missing",
            part,
            "required parameter is blank (API Gateway checks that it is present and not blank)"
                .into(),
            &p.pointer,
        )),
        Some(_) => {}
    }
}

/// A request body as API Gateway's REST request validation checks it: against the model of its
/// content type (no `Content-Type` is `application/json`); a content type without a model is
/// not validated.
fn gateway_body(val: &Validator, content: &Content, req: &Request, report: &mut Report) {
    let mut headers = req.headers.clone();
    let ct = match message::header(&req.headers, "content-type") {
        Some(ct) => ct.to_string(),
        None => {
            headers.push(("Content-Type".into(), "application/json".into()));
            "application/json".into()
        }
    };
    if !req.body.is_empty() && body::select(&content.essences, &body::essence_of(&ct)).is_none() {
        return;
    }
    check_content(
        val,
        content,
        &headers,
        &req.body,
        Direction::Request,
        report,
    );
}

#[allow(clippy::too_many_arguments)]
fn check_param(
    val: &Validator,
    p: &Param,
    vars: &[(String, String)],
    pairs: &[(String, String, String)],
    headers: &[(String, String)],
    cookies: &[(String, String)],
    query_names: &[&str],
    report: &mut Report,
) {
    let part = || param_part(p);
    let raw_value: Option<Result<Value, String>> = if p.content_json {
        raw_param(p, vars, pairs, headers, cookies)
            .map(|r| serde_json::from_str(&r).map_err(|e| format!("not valid JSON: {e}")))
    } else {
        match p.loc {
            Loc::Path => vars.iter().find(|(k, _)| *k == p.name).map(|(_, raw)| {
                params::path_value(raw, &p.name, &p.style, p.explode, &p.shape)
                    .ok_or_else(|| format!("does not follow style {}", p.style))
            }),
            Loc::Query => {
                if !p.allow_reserved {
                    if let Some((_, _, raw)) = pairs.iter().find(|(k, _, _)| *k == p.name) {
                        let allowed_delims: &[u8] = match p.style.as_str() {
                            "pipeDelimited" => b"|",
                            _ => b",",
                        };
                        if let Some(c) = raw
                            .bytes()
                            .find(|c| b"[]@!$'()*;:/?".contains(c) && !allowed_delims.contains(c))
                        {
                            report.violations.push(v(
                                "param-reserved",
                                part(),
                                format!("reserved character {:?} is not percent-encoded and allowReserved is false", c as char),
                                &p.pointer,
                            ));
                        }
                    }
                }
                params::query_value(pairs, &p.name, &p.style, p.explode, &p.shape, query_names)
            }
            Loc::Header => message::header(headers, &p.name).map(|raw| {
                params::from_delimited(raw.trim(), ',', p.explode, &p.shape, false)
                    .ok_or_else(|| "malformed".to_string())
            }),
            Loc::Cookie => cookies.iter().find(|(k, _)| *k == p.name).map(|(_, raw)| {
                params::from_delimited(raw, ',', false, &p.shape, true)
                    .ok_or_else(|| "malformed".to_string())
            }),
        }
    };
    match raw_value {
        None => {
            if p.required {
                report.violations.push(v(
                    "param-missing",
                    part(),
                    "required parameter is missing".into(),
                    &p.pointer,
                ));
            }
        }
        Some(Err(why)) => report
            .violations
            .push(v("param-malformed", part(), why, &p.pointer)),
        Some(Ok(value)) => {
            if value.as_str() == Some("")
                && !p.allow_empty
                && p.loc == Loc::Query
                && !p.shape.types.has(params::Types::ARRAY)
            {
                report.violations.push(v(
                    "param-empty",
                    part(),
                    "empty value, and allowEmptyValue is not set".into(),
                    &p.pointer,
                ));
                return;
            }
            if let Some(s) = p.schema.as_ref().and_then(|sl| val.schema(sl)) {
                let name = p.name.clone();
                let loc = p.loc;
                schema_errors(
                    s,
                    &value,
                    "param-schema",
                    |ptr| {
                        let n = format!("{name}{ptr}");
                        match loc {
                            Loc::Path => Part::Path(n),
                            Loc::Query => Part::Query(n),
                            Loc::Header => Part::Header(n),
                            Loc::Cookie => Part::Cookie(n),
                        }
                    },
                    report,
                );
            }
        }
    }
}

fn check_content(
    val: &Validator,
    content: &Content,
    headers: &[(String, String)],
    body: &[u8],
    _dir: Direction,
    report: &mut Report,
) {
    if body.is_empty() {
        if content.required {
            report.violations.push(v(
                "body-missing",
                Part::Body(String::new()),
                "the body is required".into(),
                &content.pointer,
            ));
        }
        return;
    }
    if content.media.is_empty() {
        return;
    }
    if body.len() > val.max_body {
        report.violations.push(v(
            "body-too-large",
            Part::Body(String::new()),
            format!(
                "the body has {} bytes, more than the {} the validator reads \
                 (Options::with_max_body_size raises the limit); it was not checked",
                body.len(),
                val.max_body
            ),
            &content.pointer,
        ));
        return;
    }
    let Some(ct) = message::header(headers, "content-type") else {
        report.violations.push(v(
            "content-type-missing",
            Part::Header("Content-Type".into()),
            format!(
                "a body without Content-Type; expected one of {}",
                content.keys.join(", ")
            ),
            &content.pointer,
        ));
        return;
    };
    let essence = body::essence_of(ct);
    let Some(i) = body::select(&content.essences, &essence) else {
        report.violations.push(v(
            "content-type-unsupported",
            Part::Header("Content-Type".into()),
            format!("{essence} is not one of {}", content.keys.join(", ")),
            &content.pointer,
        ));
        return;
    };
    let m = &content.media[i];
    // The actual type decides how to read ranges such as `*/*`.
    let kind = if m.kind == Kind::Binary {
        body::kind_of(&essence)
    } else {
        m.kind
    };
    let value = match kind {
        Kind::Json => {
            serde_json::from_slice::<Value>(body).map_err(|e| format!("not valid JSON: {e}"))
        }
        Kind::Form => std::str::from_utf8(body)
            .map(|s| body::form(s, &m.shape, &m.enc, &m.props))
            .map_err(|e| format!("not valid UTF-8: {e}")),
        Kind::Multipart => match body::parse_content_type(ct)
            .1
            .iter()
            .find(|(k, _)| k == "boundary")
        {
            Some((_, b)) => body::multipart(body, b, &m.enc, &m.props),
            None => Err("multipart Content-Type without a boundary".to_string()),
        },
        Kind::Text => body::text(body, &m.shape),
        Kind::Binary => return,
    };
    match value {
        Err(why) => report.violations.push(v(
            "body-malformed",
            Part::Body(String::new()),
            why,
            &m.pointer,
        )),
        Ok(value) => {
            if let Some(s) = m.schema.as_ref().and_then(|sl| val.schema(sl)) {
                body_errors(s, &value, body.len() > LARGE_BODY, report);
            }
        }
    }
    let _ = &m.key;
}

#[cfg(test)]
mod pruning_tests {
    //! The pruned documents against the whole ones, on every document of the shared corpus.

    use super::{reach, source, translate::Translator, Direction, Options, Validator};
    use oaskit_core::SpecVersion;

    #[test]
    fn pruned_documents_agree_with_the_whole_ones_on_every_corpus_spec() {
        let (mut pruned, mut compared) = (0, 0);
        let mut disagreements = Vec::new();
        for path in oaskit_testkit::corpus() {
            let loaded = oaskit_core::load_file(
                &path,
                &oaskit_testkit::options_for(&path).with_checks(false),
            );
            let Some(doc) = loaded.document else { continue };
            let view = oaskit_core::api::Api::new(&doc);
            let starts = super::schema_sites(&view);
            let Some(sparse) = source::reaching(doc.root(), starts.iter().map(String::as_str))
            else {
                continue;
            };
            pruned += 1;
            let whole = source::whole(doc.root());
            let v = Validator::with_options(&doc, &Options::new().with_lazy_compilation(true))
                .expect("builds");
            let is_30 = doc.version() == SpecVersion::OpenApi30;
            for dir in [Direction::Request, Direction::Response] {
                let slots = v
                    .ops
                    .iter()
                    .flat_map(super::Op::slots)
                    .filter(|s| s.request == (dir == Direction::Request))
                    .map(|s| s.pointer.as_str());
                let kept = reach::reach(&sparse, slots).expect("prunable");
                let part = Translator::new(&sparse, dir, is_30).document_of(Some(&kept));
                let full = Translator::new(&whole, dir, is_30).document();
                for p in &kept {
                    compared += 1;
                    assert_eq!(
                        sparse.pointer(p),
                        whole.pointer(p),
                        "{}: {p}",
                        path.display()
                    );
                    // A 3.0 `nullable` ancestor that is not kept may move the node in the whole
                    // translation (under `anyOf`); where both have it, both must agree.
                    if let (Some(a), Some(b)) = (part.pointer(p), full.pointer(p)) {
                        if a != b {
                            disagreements.push(format!("{} {dir}: {p}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(pruned >= 20, "only {pruned} corpus documents were pruned");
        assert!(compared > 1000, "{compared}");
        assert!(disagreements.is_empty(), "{disagreements:#?}");
    }
}
