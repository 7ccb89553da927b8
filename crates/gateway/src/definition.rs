//! A definition ready to serve: the loaded document, its validator (the one router), and what
//! the gateway needs per operation, read once from the API view and the `x-amazon-apigateway-*`
//! extensions: responses, API keys, authorizers, integrations, CORS and gateway responses.

use std::collections::HashMap;
use std::sync::RwLock;

use oaskit_core::api::{self, Api, SchemeKind, StatusMatch};
use oaskit_core::{Diagnostic, Loaded, Location, Node, Sources};
use oaskit_validator::{Options, Validator};

use crate::config::{Config, Target};

/// How an operation is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IntegrationKind {
    Mock,
    Http,
    HttpProxy,
    Aws,
    AwsProxy,
}

impl IntegrationKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            IntegrationKind::Mock => "MOCK",
            IntegrationKind::Http => "HTTP",
            IntegrationKind::HttpProxy => "HTTP_PROXY",
            IntegrationKind::Aws => "AWS",
            IntegrationKind::AwsProxy => "AWS_PROXY",
        }
    }
}

/// One entry of an integration's `responses`.
#[derive(Clone, Debug)]
pub(crate) struct IntegrationResponse {
    /// The key: a selection pattern, or `default`.
    pub pattern: String,
    pub status: u16,
    pub parameters: Vec<(String, String)>,
    pub templates: Vec<(String, String)>,
}

/// `x-amazon-apigateway-integration`.
#[derive(Clone, Debug)]
pub(crate) struct Integration {
    pub kind: IntegrationKind,
    pub uri: Option<String>,
    pub http_method: Option<String>,
    pub request_parameters: Vec<(String, String)>,
    pub request_templates: Vec<(String, String)>,
    pub responses: Vec<IntegrationResponse>,
    pub cache_key_parameters: Vec<String>,
    pub passthrough: String,
    /// For AWS kinds: where the configuration sends it.
    pub target: Option<Target>,
}

/// A response header of the definition.
#[derive(Clone, Debug)]
pub(crate) struct HeaderSpec {
    pub name: String,
    pub pointer: String,
    pub schema: Option<String>,
}

/// A media type of a response.
#[derive(Clone, Debug)]
pub(crate) struct MediaSpec {
    pub name: String,
    pub pointer: String,
    pub schema: Option<String>,
}

/// A documented response.
#[derive(Clone, Debug)]
pub(crate) struct ResponseSpec {
    pub status: StatusMatch,
    pub key: String,
    pub headers: Vec<HeaderSpec>,
    pub content: Vec<MediaSpec>,
}

/// How an operation's callers are authorized beyond API keys.
#[derive(Clone, Debug)]
pub(crate) enum Auth {
    None,
    Jwt {
        name: String,
        issuer: Option<String>,
        audiences: Vec<String>,
        scopes: Vec<String>,
        /// The header the token comes in.
        header: String,
    },
    /// A type oaskit does not emulate: requests are refused, never let through.
    Unsupported {
        name: String,
        kind: String,
    },
}

/// What the gateway knows of one operation.
#[derive(Clone, Debug)]
pub(crate) struct Operation {
    pub label: String,
    pub method: String,
    pub path: String,
    pub operation_id: Option<String>,
    pub responses: Vec<ResponseSpec>,
    pub api_key: bool,
    pub auth: Auth,
    pub integration: Option<Integration>,
}

/// One gateway response of `x-amazon-apigateway-gateway-responses`.
#[derive(Clone, Debug)]
pub(crate) struct GatewayResponse {
    pub kind: String,
    pub status: Option<u16>,
    pub parameters: Vec<(String, String)>,
    pub templates: Vec<(String, String)>,
}

/// `x-amazon-apigateway-cors` (HTTP APIs).
#[derive(Clone, Debug, Default)]
pub(crate) struct Cors {
    pub allow_origins: Vec<String>,
    pub allow_methods: Vec<String>,
    pub allow_headers: Vec<String>,
    pub expose_headers: Vec<String>,
    pub max_age: Option<u64>,
    pub allow_credentials: bool,
}

/// What a mock answer depends on when it does not depend on chance.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct MockKey {
    pub op: usize,
    pub code: Option<u16>,
    pub example: Option<String>,
    pub accept: Option<String>,
    pub head: bool,
}

/// How many mock answers a definition keeps (`Accept` values are the client's to vary).
const MOCK_MEMO_ENTRIES: usize = 4096;

/// A definition ready to serve.
#[derive(Debug)]
pub struct Definition {
    loaded: Loaded,
    pub(crate) validator: Validator,
    pub(crate) ops: Vec<Operation>,
    pub(crate) gateway_responses: Vec<GatewayResponse>,
    pub(crate) cors: Option<Cors>,
    /// Whether the document declares API Gateway request validators.
    pub(crate) gateway_validators: bool,
    /// `x-amazon-apigateway-api-key-source`: `HEADER` (default) or `AUTHORIZER`.
    pub(crate) key_source_header: bool,
    /// Every mapping template, parsed once, by its text.
    templates: HashMap<String, Result<oaskit_vtl::Template, String>>,
    warnings: Vec<Diagnostic>,
    /// Mock answers made so far, with whether they were judged to conform.
    mocks: RwLock<HashMap<MockKey, (crate::answer::Answer, bool)>>,
}

/// Why a definition cannot be served.
#[derive(Debug)]
pub enum DefinitionError {
    /// The load reported errors (or built no document); serve with `force` to go on despite
    /// errors that left a document.
    Load(Box<Loaded>),
    /// The validator could not be built.
    Validator(String),
    /// Mapping templates use constructs the engine does not run (located in the definition;
    /// `force` serves anyway, and those templates answer 500).
    Templates(Vec<Diagnostic>, Box<Loaded>),
}

impl std::fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DefinitionError::Load(l) if l.document.is_none() => {
                f.write_str("the definition could not be read")
            }
            DefinitionError::Load(_) => f.write_str("the definition has errors"),
            DefinitionError::Validator(e) => write!(f, "{e}"),
            DefinitionError::Templates(d, _) => {
                write!(f, "{} mapping template(s) cannot be run", d.len())
            }
        }
    }
}

impl std::error::Error for DefinitionError {}

fn strings(n: Option<&Node>) -> Vec<String> {
    match n {
        Some(n) => match n.as_str() {
            Some(s) => vec![s.to_string()],
            None => n
                .as_array()
                .unwrap_or_default()
                .iter()
                .filter_map(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .or_else(|| Some(x.to_json().to_string()))
                })
                .collect(),
        },
        None => Vec::new(),
    }
}

fn pairs(n: Option<&Node>) -> Vec<(String, String)> {
    n.and_then(Node::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let v = v
                        .as_str()
                        .map_or_else(|| v.to_json().to_string(), str::to_string);
                    (k.to_string(), v)
                })
                .collect()
        })
        .unwrap_or_default()
}

impl Definition {
    /// Prepares a loaded definition for serving. With `force`, a definition whose load reported
    /// errors is served anyway when a document was built (as `oaskit validate --force`).
    ///
    /// # Errors
    /// [`DefinitionError`].
    pub fn new(
        loaded: Loaded,
        config: &Config,
        force: bool,
    ) -> Result<Definition, DefinitionError> {
        let Some(doc) = loaded.document.as_ref() else {
            return Err(DefinitionError::Load(Box::new(loaded)));
        };
        if loaded.has_errors() && !force {
            return Err(DefinitionError::Load(Box::new(loaded)));
        }
        let root = doc.root();
        let gateway_validators = root.get("x-amazon-apigateway-request-validators").is_some();
        // Compile each schema on first use: the largest definitions start at once.
        let options = Options::new()
            .with_lazy_compilation(true)
            // The gateway never looks schemas up by name: keep no text for it.
            .with_schema_lookups(false)
            .with_gateway_validators(gateway_validators)
            .with_max_body_size(config.max_body());
        let validator = Validator::with_options(doc, &options)
            .map_err(|e| DefinitionError::Validator(e.to_string()))?;
        let view = Api::new(doc);
        let mut warnings = Vec::new();
        let mut ops = Vec::with_capacity(view.operations().len());
        for op in view.operations() {
            ops.push(operation(op, config, &mut warnings));
        }
        let gateway_responses: Vec<GatewayResponse> = root
            .get("x-amazon-apigateway-gateway-responses")
            .and_then(Node::as_object)
            .map(|m| {
                m.iter()
                    .map(|(kind, r)| GatewayResponse {
                        kind: kind.to_string(),
                        status: r
                            .get("statusCode")
                            .and_then(|s| {
                                s.as_str()
                                    .map(str::to_string)
                                    .or_else(|| Some(s.to_json().to_string()))
                            })
                            .and_then(|s| s.parse().ok()),
                        parameters: pairs(r.get("responseParameters")),
                        templates: pairs(r.get("responseTemplates")),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let cors = root.get("x-amazon-apigateway-cors").map(|c| Cors {
            allow_origins: strings(c.get("allowOrigins")),
            allow_methods: strings(c.get("allowMethods")),
            allow_headers: strings(c.get("allowHeaders")),
            expose_headers: strings(c.get("exposeHeaders")),
            max_age: c.get("maxAge").and_then(|n| n.to_json().as_u64()),
            allow_credentials: c.get("allowCredentials").and_then(Node::as_bool) == Some(true),
        });
        let key_source_header = root
            .get("x-amazon-apigateway-api-key-source")
            .and_then(Node::as_str)
            != Some("AUTHORIZER");
        // Every template, with where it stands, parsed once.
        let mut sources: Vec<(String, String)> = Vec::new();
        for (op, o) in view.operations().iter().zip(&ops) {
            let Some(i) = &o.integration else { continue };
            let base = format!("{}/x-amazon-apigateway-integration", op.pointer);
            for (ct, t) in &i.request_templates {
                sources.push((
                    t.clone(),
                    format!("{base}/requestTemplates/{}", oaskit_core::escape_token(ct)),
                ));
            }
            for r in &i.responses {
                for (ct, t) in &r.templates {
                    sources.push((
                        t.clone(),
                        format!(
                            "{base}/responses/{}/responseTemplates/{}",
                            oaskit_core::escape_token(&r.pattern),
                            oaskit_core::escape_token(ct)
                        ),
                    ));
                }
            }
        }
        for g in &gateway_responses {
            for (ct, t) in &g.templates {
                sources.push((
                    t.clone(),
                    format!(
                        "/x-amazon-apigateway-gateway-responses/{}/responseTemplates/{}",
                        oaskit_core::escape_token(&g.kind),
                        oaskit_core::escape_token(ct)
                    ),
                ));
            }
        }
        let mut templates = HashMap::new();
        let mut template_errors = Vec::new();
        for (text, pointer) in sources {
            if templates.contains_key(&text) {
                continue;
            }
            let parsed = oaskit_vtl::Template::parse(&text).map_err(|e| {
                let mut d = Diagnostic::error(
                    "gateway-template-invalid",
                    format!(
                        "mapping template, line {} column {}: {}",
                        e.line, e.column, e.message
                    ),
                );
                d.location = Some(Location {
                    span: oaskit_core::Span::default(),
                    pointer: pointer.clone(),
                });
                template_errors.push(d);
                e.to_string()
            });
            templates.insert(text, parsed);
        }
        let mut def = Definition {
            loaded,
            validator,
            ops,
            gateway_responses,
            cors,
            gateway_validators,
            key_source_header,
            templates,
            warnings: Vec::new(),
            mocks: RwLock::default(),
        };
        for w in warnings.iter_mut().chain(template_errors.iter_mut()) {
            if let Some(p) = w.location.as_ref().map(|l| l.pointer.clone()) {
                w.location = def.location(&p);
            }
        }
        if !template_errors.is_empty() && !force {
            return Err(DefinitionError::Templates(
                template_errors,
                Box::new(def.loaded),
            ));
        }
        warnings.extend(template_errors);
        def.warnings = warnings;
        Ok(def)
    }

    /// What the gateway will not do as API Gateway would (unsupported authorizers, AWS
    /// integrations without a local target), located in the definition.
    #[must_use]
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The load this definition came from.
    #[must_use]
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// The files of the definition.
    #[must_use]
    pub fn sources(&self) -> &Sources {
        &self.loaded.sources
    }

    /// The base paths the routes are served under (from the servers' URLs, `/v1` for
    /// `http://localhost:{port}/v1`; `""` for the root), longest first. As the Paths Object
    /// says, an operation's URL is its server's URL followed by its path: `GET /pets` of a
    /// definition served at `/v1` is `GET /v1/pets`.
    #[must_use]
    pub fn base_paths(&self) -> &[String] {
        self.validator.base_paths()
    }

    /// The routes served, as `METHOD /path` with the operation id and how it is answered.
    #[must_use]
    pub fn routes(&self) -> Vec<String> {
        self.ops
            .iter()
            .map(|o| {
                let how = match &o.integration {
                    None => "mock".to_string(),
                    Some(i) => match (&i.kind, &i.target) {
                        (IntegrationKind::Aws | IntegrationKind::AwsProxy, None) => {
                            format!("{} (501)", i.kind.name())
                        }
                        (IntegrationKind::Aws | IntegrationKind::AwsProxy, Some(Target::Mock)) => {
                            format!("{} -> mock", i.kind.name())
                        }
                        (
                            IntegrationKind::Aws | IntegrationKind::AwsProxy,
                            Some(Target::Url(u)),
                        ) => format!("{} -> {u}", i.kind.name()),
                        (k, Some(Target::Mock)) => format!("{} -> mock", k.name()),
                        (k, Some(Target::Url(u))) => format!("{} -> {u}", k.name()),
                        (k, None) => k.name().to_string(),
                    },
                };
                let id = o
                    .operation_id
                    .as_deref()
                    .map(|i| format!(" ({i})"))
                    .unwrap_or_default();
                format!("{} {}{id} [{how}]", o.method, o.path)
            })
            .collect()
    }

    /// Renders a mapping template of the definition (parsed when the definition was prepared;
    /// any other text is parsed now).
    pub(crate) fn render(
        &self,
        text: &str,
        input: &crate::mapping::Input,
    ) -> Result<crate::mapping::Rendered, String> {
        match self.templates.get(text) {
            Some(Ok(t)) => crate::mapping::render_template(t, input),
            Some(Err(e)) => Err(e.clone()),
            None => {
                let t = oaskit_vtl::Template::parse(text).map_err(|e| e.to_string())?;
                crate::mapping::render_template(&t, input)
            }
        }
    }

    /// A mock answer made before for the same key.
    pub(crate) fn mock_memo(&self, key: &MockKey) -> Option<(crate::answer::Answer, bool)> {
        self.mocks.read().ok()?.get(key).cloned()
    }

    /// Keeps a mock answer (up to a bound; beyond it answers are made each time).
    pub(crate) fn keep_mock(&self, key: MockKey, made: &(crate::answer::Answer, bool)) {
        if let Ok(mut m) = self.mocks.write() {
            if m.len() < MOCK_MEMO_ENTRIES {
                m.insert(key, made.clone());
            }
        }
    }

    pub(crate) fn root(&self) -> Option<&Node> {
        self.loaded
            .document
            .as_ref()
            .map(oaskit_core::Document::root)
    }

    /// Where a pointer of the normalized document stands in the user's files: the deepest
    /// node of it that exists, with its pointer in its own file.
    pub(crate) fn location(&self, pointer: &str) -> Option<Location> {
        let doc = self.loaded.document.as_ref()?;
        let mut p = pointer;
        loop {
            if let Some(n) = doc.root().pointer(p) {
                return Some(Location {
                    span: n.span,
                    pointer: doc.origins().original(p),
                });
            }
            p = &p[..p.rfind('/')?];
        }
    }

    /// `{file, line, column, pointer}` of a pointer of the definition.
    pub(crate) fn place(&self, pointer: &str) -> Option<serde_json::Value> {
        let loc = self.location(pointer)?;
        let (file, line, column) = self.loaded.sources.locate(loc.span)?;
        Some(
            serde_json::json!({"file": file, "line": line, "column": column, "pointer": loc.pointer}),
        )
    }
}

fn warn(code: &'static str, message: String, pointer: &str) -> Diagnostic {
    let mut d = Diagnostic::warning(code, message);
    d.location = Some(Location {
        span: oaskit_core::Span::default(),
        pointer: pointer.to_string(),
    });
    d
}

fn is_api_key_scheme(kind: &SchemeKind<'_>) -> bool {
    matches!(kind, SchemeKind::ApiKey { name, location: Some(api::KeyLocation::Header) } if name.eq_ignore_ascii_case("x-api-key"))
}

fn operation(
    op: &api::Operation<'_>,
    config: &Config,
    warnings: &mut Vec<Diagnostic>,
) -> Operation {
    let method = op.method.http().unwrap_or_else(|| "ANY".into());
    let label = format!("{method} {}", op.path);
    let responses = op
        .responses
        .iter()
        .map(|r| ResponseSpec {
            status: r.status,
            key: r.key.to_string(),
            headers: r
                .headers
                .iter()
                .map(|h| HeaderSpec {
                    name: h.name.to_string(),
                    pointer: h.pointer.clone(),
                    schema: h.schema.as_ref().map(|s| s.pointer.clone()),
                })
                .collect(),
            content: r
                .content
                .iter()
                .map(|m| MediaSpec {
                    name: m.name.to_string(),
                    pointer: m.pointer.clone(),
                    schema: m.schema.as_ref().map(|s| s.pointer.clone()),
                })
                .collect(),
        })
        .collect();
    // API keys: every alternative names the `x-api-key` header scheme (as API Gateway's
    // `api_key` security scheme), or the operation says `x-amazon-apigateway-api-key-required`.
    let requirements = op.security.as_deref().unwrap_or_default();
    let api_key = (!requirements.is_empty()
        && requirements.iter().all(|r| {
            r.schemes.iter().any(|s| {
                s.scheme
                    .as_ref()
                    .is_some_and(|sc| is_api_key_scheme(&sc.kind))
            })
        }))
        || op
            .node
            .get("x-amazon-apigateway-api-key-required")
            .and_then(Node::as_bool)
            == Some(true);
    let mut auth = Auth::None;
    'found: for r in requirements {
        for s in &r.schemes {
            let Some(scheme) = &s.scheme else { continue };
            let authorizer = scheme.node.get("x-amazon-apigateway-authorizer");
            let authtype = scheme
                .node
                .get("x-amazon-apigateway-authtype")
                .and_then(Node::as_str);
            if let Some(a) = authorizer {
                let kind = a
                    .get("type")
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if kind == "jwt" {
                    let jc = a.get("jwtConfiguration");
                    let source = a
                        .get("identitySource")
                        .and_then(|n| {
                            n.as_str()
                                .map(str::to_string)
                                .or_else(|| strings(Some(n)).into_iter().next())
                        })
                        .unwrap_or_else(|| "$request.header.Authorization".into());
                    let header = source
                        .strip_prefix("$request.header.")
                        .unwrap_or("Authorization")
                        .to_string();
                    if config.jwks(scheme.name).is_none() {
                        warnings.push(warn(
                            "gateway-authorizer-unsupported",
                            format!(
                                "JWT authorizer {:?} has no JWKS in the configuration (authorizers: {{{}: {{jwks: FILE}}}}); requests to {label} are refused with 401",
                                scheme.name, scheme.name
                            ),
                            &scheme.pointer,
                        ));
                    }
                    auth = Auth::Jwt {
                        name: scheme.name.to_string(),
                        issuer: jc
                            .and_then(|j| j.get("issuer"))
                            .and_then(Node::as_str)
                            .map(str::to_string),
                        audiences: strings(jc.and_then(|j| j.get("audience"))),
                        scopes: s.scopes.iter().map(|x| (*x).to_string()).collect(),
                        header,
                    };
                } else {
                    let kind = if kind.is_empty() {
                        "unknown".to_string()
                    } else {
                        kind
                    };
                    warnings.push(warn(
                        "gateway-authorizer-unsupported",
                        format!(
                            "authorizer {:?} of type {kind} is not emulated (only JWT authorizers with a local JWKS are); requests to {label} are refused with 501",
                            scheme.name
                        ),
                        &scheme.pointer,
                    ));
                    auth = Auth::Unsupported {
                        name: scheme.name.to_string(),
                        kind,
                    };
                }
                break 'found;
            }
            if let Some(t) = authtype {
                if !is_api_key_scheme(&scheme.kind) {
                    warnings.push(warn(
                        "gateway-authorizer-unsupported",
                        format!(
                            "security scheme {:?} with x-amazon-apigateway-authtype {t} is not emulated; requests to {label} are refused with 501",
                            scheme.name
                        ),
                        &scheme.pointer,
                    ));
                    auth = Auth::Unsupported {
                        name: scheme.name.to_string(),
                        kind: t.to_string(),
                    };
                    break 'found;
                }
            }
        }
    }
    let integration = op.node.get("x-amazon-apigateway-integration").map(|n| {
        integration(
            n,
            &format!("{}/x-amazon-apigateway-integration", op.pointer),
            &label,
            config,
            warnings,
        )
    });
    Operation {
        label,
        method,
        path: op.path.to_string(),
        operation_id: op.operation_id.map(str::to_string),
        responses,
        api_key,
        auth,
        integration,
    }
}

fn integration(
    n: &Node,
    pointer: &str,
    label: &str,
    config: &Config,
    warnings: &mut Vec<Diagnostic>,
) -> Integration {
    let s = |k: &str| n.get(k).and_then(Node::as_str).map(str::to_string);
    let kind = match s("type").unwrap_or_default().to_ascii_lowercase().as_str() {
        "mock" => IntegrationKind::Mock,
        "http" => IntegrationKind::Http,
        "http_proxy" => IntegrationKind::HttpProxy,
        "aws_proxy" => IntegrationKind::AwsProxy,
        _ => IntegrationKind::Aws,
    };
    let uri = s("uri");
    // The configuration may send any integration elsewhere (by `METHOD /path` or uri); `*`
    // covers the rest. AWS integrations without a target cannot run.
    let found = config
        .integrations()
        .iter()
        .find(|(k, _)| k == label || Some(k.as_str()) == uri.as_deref())
        .or_else(|| config.integrations().iter().find(|(k, _)| k == "*"));
    let target = if kind == IntegrationKind::Mock {
        None
    } else if matches!(kind, IntegrationKind::Aws | IntegrationKind::AwsProxy) {
        if found.is_none() {
            warnings.push(warn(
                "gateway-integration-unsupported",
                format!(
                    "{label}: {} integration {} is answered 501 (map it in the configuration's `integrations` to a local URL or `mock`)",
                    kind.name(),
                    uri.as_deref().unwrap_or("(no uri)")
                ),
                pointer,
            ));
        }
        found.map(|(_, t)| t.clone())
    } else {
        found.map(|(_, t)| t.clone())
    };
    let responses = n
        .get("responses")
        .and_then(Node::as_object)
        .map(|m| {
            m.iter()
                .map(|(pattern, r)| IntegrationResponse {
                    pattern: pattern.to_string(),
                    status: r
                        .get("statusCode")
                        .and_then(|x| {
                            x.as_str()
                                .map(str::to_string)
                                .or_else(|| Some(x.to_json().to_string()))
                        })
                        .and_then(|x| x.parse().ok())
                        .unwrap_or(200),
                    parameters: pairs(r.get("responseParameters")),
                    templates: pairs(r.get("responseTemplates")),
                })
                .collect()
        })
        .unwrap_or_default();
    Integration {
        kind,
        uri,
        http_method: s("httpMethod"),
        request_parameters: pairs(n.get("requestParameters")),
        request_templates: pairs(n.get("requestTemplates")),
        responses,
        cache_key_parameters: strings(n.get("cacheKeyParameters")),
        passthrough: s("passthroughBehavior").unwrap_or_else(|| "when_no_match".into()),
        target,
    }
}
