//! The request pipeline, in API Gateway's order: CORS preflight, routing, API key, authorizer,
//! throttling and quota, request validation, cache, integration (or mock, or upstream),
//! response validation, cache store, log.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::{json, Value};

use crate::answer::Answer;
use crate::cache::Cache;
use crate::clock::{Clock, SystemClock};
use crate::config::{ApiKey, CacheSettings, Config, Target, Throttle};
use crate::definition::{Auth, Definition, Integration, IntegrationKind, Operation};
use crate::limits::Limits;
use crate::log::{self, Log};
use crate::mapping;
use crate::mock::{self, Prefer};
use crate::problem::{self, Problem};
use crate::proxy::{Failure, Outgoing, Proxy};

/// What is validated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Validate {
    /// Requests are validated and refused when invalid; responses are not checked.
    Requests,
    /// Responses are validated and their violations logged; requests are checked and logged
    /// but not refused.
    Responses,
    /// Both (the default): invalid requests are refused, response violations logged.
    #[default]
    Both,
    /// Nothing is validated.
    None,
}

impl Validate {
    fn refuses_requests(self) -> bool {
        matches!(self, Validate::Requests | Validate::Both)
    }

    fn checks_requests(self) -> bool {
        self != Validate::None
    }

    fn checks_responses(self) -> bool {
        matches!(self, Validate::Responses | Validate::Both)
    }
}

/// How many random answers the mock tries when the deterministic one breaks its schema.
const MOCK_ATTEMPTS: u64 = 12;

/// Receives one JSON log line per request.
pub type Logger = Arc<dyn Fn(&str) + Send + Sync>;

/// How the gateway runs.
#[derive(Clone)]
pub struct GatewayOptions {
    upstream: Option<String>,
    validate: Validate,
    strict: bool,
    clock: Arc<dyn Clock>,
    logger: Option<Logger>,
    timeout: Duration,
}

impl std::fmt::Debug for GatewayOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GatewayOptions")
            .field("upstream", &self.upstream)
            .field("validate", &self.validate)
            .field("strict", &self.strict)
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

impl Default for GatewayOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl GatewayOptions {
    /// Mock mode, requests and responses validated, the system clock, no log.
    #[must_use]
    pub fn new() -> Self {
        Self {
            upstream: None,
            validate: Validate::Both,
            strict: false,
            clock: Arc::new(SystemClock),
            logger: None,
            timeout: Duration::from_secs(29),
        }
    }

    /// Forwards requests to this backend (`http://host:port`, optionally with a base path)
    /// instead of mocking them.
    #[must_use]
    pub fn with_upstream(mut self, url: Option<String>) -> Self {
        self.upstream = url.map(|u| u.trim_end_matches('/').to_string());
        self
    }

    /// What is validated.
    #[must_use]
    pub fn with_validate(mut self, v: Validate) -> Self {
        self.validate = v;
        self
    }

    /// Answers 502 instead of a response that breaks the definition.
    #[must_use]
    pub fn with_strict_responses(mut self, on: bool) -> Self {
        self.strict = on;
        self
    }

    /// The clock (tests inject a [`crate::ManualClock`]).
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Where the JSON log lines go.
    #[must_use]
    pub fn with_logger(mut self, logger: Logger) -> Self {
        self.logger = Some(logger);
        self
    }

    /// How long a backend may take (API Gateway's default integration timeout: 29 s).
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// A request as received.
#[derive(Debug)]
pub(crate) struct Incoming {
    /// Method, path and query as sent, headers and body: what the validator checks.
    pub message: oaskit_validator::Request,
    pub source_ip: std::net::IpAddr,
    /// The body was over the limit and was not read.
    pub too_large: bool,
}

impl Incoming {
    fn header(&self, name: &str) -> Option<&str> {
        self.message
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn path(&self) -> &str {
        self.message.url.split('?').next().unwrap_or("/")
    }

    fn query(&self) -> &str {
        self.message.url.split_once('?').map_or("", |(_, q)| q)
    }
}

/// A gateway: the definition (replaceable while serving), the configuration and the state.
pub struct Gateway {
    definition: RwLock<Arc<Definition>>,
    config: Config,
    options: GatewayOptions,
    limits: Mutex<Limits>,
    cache: Mutex<Cache>,
    proxy: Proxy,
    counter: AtomicU64,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

fn percent_decode(s: &str) -> String {
    oaskit_core::percent_decode(&s.replace('+', " "))
}

fn query_map(q: &str) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        // API Gateway keeps the last value of a repeated parameter in single-value maps.
        m.insert(percent_decode(k), percent_decode(v));
    }
    m
}

/// The message and default status of API Gateway's own responses, by gateway response type
/// ("Gateway response types for API Gateway", developer guide).
fn gateway_default(kind: &str) -> (u16, &'static str) {
    match kind {
        "INVALID_API_KEY" => (403, "Forbidden"),
        "ACCESS_DENIED" => (403, "Forbidden"),
        "MISSING_AUTHENTICATION_TOKEN" => (403, "Missing Authentication Token"),
        "THROTTLED" => (429, "Too Many Requests"),
        "QUOTA_EXCEEDED" => (429, "Limit Exceeded"),
        "UNAUTHORIZED" => (401, "Unauthorized"),
        "BAD_REQUEST_BODY" => (400, "Invalid request body"),
        "BAD_REQUEST_PARAMETERS" => (400, "Missing required request parameters"),
        "REQUEST_TOO_LARGE" => (413, "Request Too Long"),
        "UNSUPPORTED_MEDIA_TYPE" => (415, "Unsupported Media Type"),
        "INTEGRATION_FAILURE" => (504, "Internal server error"),
        "INTEGRATION_TIMEOUT" => (504, "Endpoint request timed out"),
        "API_CONFIGURATION_ERROR" => (500, "Internal server error"),
        _ => (500, "Internal server error"),
    }
}

impl Gateway {
    /// A gateway serving `definition` with `config`.
    #[must_use]
    pub fn new(definition: Definition, config: Config, options: GatewayOptions) -> Self {
        Self {
            definition: RwLock::new(Arc::new(definition)),
            config,
            options,
            limits: Mutex::new(Limits::default()),
            cache: Mutex::new(Cache::default()),
            proxy: Proxy::new(),
            counter: AtomicU64::new(0),
        }
    }

    /// The definition being served.
    #[must_use]
    pub fn definition(&self) -> Arc<Definition> {
        match self.definition.read() {
            Ok(d) => Arc::clone(&d),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    /// Serves `definition` from the next request on (requests in flight finish with the old
    /// one); the cache is emptied, throttles and quotas are kept.
    pub fn replace_definition(&self, definition: Definition) {
        let new = Arc::new(definition);
        match self.definition.write() {
            Ok(mut d) => *d = new,
            Err(p) => *p.into_inner() = new,
        }
        if let Ok(mut c) = self.cache.lock() {
            *c = Cache::default();
        }
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn now(&self) -> Duration {
        self.options.clock.now()
    }

    /// Answers one request and logs it.
    pub(crate) async fn handle(&self, req: Incoming) -> Answer {
        let started = Instant::now();
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let now = self.now();
        let request_id = log::request_id(now.as_secs(), n);
        let def = self.definition();
        let mut log = Log {
            integration: "none",
            ..Log::default()
        };
        let mut answer = self.pipeline(&def, &req, &request_id, now, &mut log).await;
        if let Some(cors) = &def.cors {
            if let Some(origin) = req.header("origin") {
                cors_headers(cors, origin, &mut answer, false);
            }
        }
        answer.set_header("x-amzn-requestid", request_id.clone());
        if req.message.method.eq_ignore_ascii_case("HEAD") {
            answer.body = Bytes::new();
        }
        if let Some(logger) = &self.options.logger {
            logger(&log.line(&log::Request {
                id: &request_id,
                method: &req.message.method,
                path: req.path(),
                status: answer.status,
                latency: started.elapsed(),
            }));
        }
        answer
    }

    /// API Gateway's own response of type `kind`, with the definition's gateway responses
    /// (`x-amazon-apigateway-gateway-responses`) applied: the type's own, else `DEFAULT_4XX` /
    /// `DEFAULT_5XX`.
    fn gateway_response(
        &self,
        def: &Definition,
        kind: &str,
        message: Option<&str>,
        request_id: &str,
    ) -> Answer {
        let (status, default_message) = gateway_default(kind);
        let message = message.unwrap_or(default_message);
        let class = if status >= 500 {
            "DEFAULT_5XX"
        } else {
            "DEFAULT_4XX"
        };
        let own = def.gateway_responses.iter().find(|g| g.kind == kind);
        let fallback = def.gateway_responses.iter().find(|g| g.kind == class);
        // A status set on DEFAULT_4XX/5XX applies to every type of its class without its own.
        let status = own
            .and_then(|g| g.status)
            .or_else(|| fallback.and_then(|g| g.status))
            .unwrap_or(status);
        let mut answer = Answer::message(status, message);
        let input = mapping::Input {
            context: json!({
                "requestId": request_id,
                "error": {
                    "message": message,
                    "messageString": Value::String(message.to_string()).to_string(),
                    "responseType": kind,
                },
                "stage": self.config.stage_name().unwrap_or(""),
            }),
            stage_variables: self.stage_variables(),
            ..mapping::Input::default()
        };
        if let Some(template) = own.or(fallback).and_then(|g| {
            g.templates
                .iter()
                .find(|(ct, _)| ct == "application/json")
                .or_else(|| g.templates.first())
        }) {
            if let Ok(r) = def.render(&template.1, &input) {
                answer.body = Bytes::from(r.output);
                answer.set_header("content-type", template.0.clone());
            }
        }
        // Headers of the default type first, the type's own over them.
        for g in [fallback, own].into_iter().flatten() {
            for (k, v) in &g.parameters {
                if let Some(name) = k.strip_prefix("gatewayresponse.header.") {
                    if let Some(value) = mapping::parameter(v, &input, &[], "") {
                        answer.set_header(name, value);
                    }
                }
            }
        }
        answer
    }

    /// A problem answer, with the headers of the definition's `DEFAULT_4XX`/`DEFAULT_5XX`
    /// gateway responses (CORS headers, typically).
    fn problem(&self, def: &Definition, p: &Problem) -> Answer {
        let mut a = p.answer();
        self.default_class_headers(def, p.status, &mut a);
        a
    }

    /// The headers of the definition's `DEFAULT_4XX`/`DEFAULT_5XX` gateway response for
    /// `status`.
    #[allow(clippy::unused_self)]
    fn default_class_headers(&self, def: &Definition, status: u16, a: &mut Answer) {
        let class = if status >= 500 {
            "DEFAULT_5XX"
        } else {
            "DEFAULT_4XX"
        };
        if let Some(g) = def.gateway_responses.iter().find(|g| g.kind == class) {
            for (k, v) in &g.parameters {
                if let Some(name) = k.strip_prefix("gatewayresponse.header.") {
                    if let Some(value) = mapping::parameter(v, &mapping::Input::default(), &[], "")
                    {
                        a.set_header(name, value);
                    }
                }
            }
        }
    }

    fn stage_variables(&self) -> BTreeMap<String, String> {
        self.config
            .stage()
            .map(|s| s.variables.clone())
            .unwrap_or_default()
    }

    async fn pipeline(
        &self,
        def: &Definition,
        req: &Incoming,
        request_id: &str,
        now: Duration,
        log: &mut Log,
    ) -> Answer {
        if req.too_large || req.message.body.len() > self.config.max_body() {
            return self.gateway_response(def, "REQUEST_TOO_LARGE", None, request_id);
        }
        // CORS preflight of HTTP APIs: answered by the gateway itself.
        if let Some(cors) = &def.cors {
            if req.message.method.eq_ignore_ascii_case("OPTIONS")
                && req.header("access-control-request-method").is_some()
            {
                if let Some(origin) = req.header("origin") {
                    let mut a = Answer::new(204);
                    cors_headers(cors, origin, &mut a, true);
                    log.integration = "cors";
                    return a;
                }
            }
        }
        let route = match def
            .validator
            .find_route(&req.message.method, &req.message.url)
        {
            Ok(r) => r,
            Err(report) => {
                log.request_violations = report.violations.iter().map(|v| json!(v.code)).collect();
                return self.problem(def, &problem::from_report(def, &report));
            }
        };
        let Some(op) = def.ops.get(route.index()) else {
            return self.gateway_response(def, "API_CONFIGURATION_ERROR", None, request_id);
        };
        log.operation = Some(op.label.clone());
        // API keys.
        let mut key: Option<&ApiKey> = None;
        if op.api_key && def.key_source_header {
            let sent = req.header("x-api-key").filter(|v| !v.is_empty());
            let keys = self.config.api_keys();
            match sent {
                None => return self.gateway_response(def, "INVALID_API_KEY", None, request_id),
                Some(value) if !keys.is_empty() => match keys
                    .iter()
                    .find(|k| k.enabled && k.value == value)
                {
                    Some(k) => {
                        log.api_key = Some(k.name.clone());
                        key = Some(k);
                    }
                    None => return self.gateway_response(def, "INVALID_API_KEY", None, request_id),
                },
                // No keys configured: any key is taken (and logged as such).
                Some(_) => log.api_key = Some("(any)".into()),
            }
        }
        // Authorizers.
        let mut claims = Value::Null;
        match &op.auth {
            Auth::None => {}
            Auth::Unsupported { name, kind } => {
                log.error = Some(format!("authorizer {name} ({kind}) is not emulated"));
                return Answer::message(
                    501,
                    &format!("authorizer {name} of type {kind} is not supported by oaskit serve; the request was refused"),
                );
            }
            Auth::Jwt {
                name,
                issuer,
                audiences,
                scopes,
                header,
            } => {
                let token = req.header(header).unwrap_or("");
                let verdict = match self.config.jwks(name) {
                    Some(jwks) => jwks.verify(
                        token,
                        now.as_secs(),
                        &crate::jwt::Requirements {
                            issuer: issuer.as_deref(),
                            audiences,
                            scopes,
                        },
                    ),
                    None => Err(format!("no JWKS configured for authorizer {name}")),
                };
                match verdict {
                    Ok(c) => claims = c,
                    Err(e) => {
                        log.error = Some(e);
                        return self.gateway_response(def, "UNAUTHORIZED", None, request_id);
                    }
                }
            }
        }
        // Throttling and quotas: the key's plan, then the method's or stage's throttle.
        let stage = self.config.stage();
        let method_settings = stage.and_then(|s| {
            s.methods
                .iter()
                .find(|((m, p), _)| *p == op.path && (*m == op.method || m == "ANY" || m == "*"))
                .map(|(_, ms)| ms)
        });
        let plan = key
            .and_then(|k| k.plan.as_deref())
            .and_then(|p| self.config.usage_plan(p));
        {
            let mut limits = match self.limits.lock() {
                Ok(l) => l,
                Err(p) => p.into_inner(),
            };
            if let (Some(k), Some(q)) = (key, plan.and_then(|p| p.quota)) {
                if !limits.quota_left(&format!("key:{}", k.name), q, now) {
                    log.throttled = true;
                    return self.gateway_response(def, "QUOTA_EXCEEDED", None, request_id);
                }
            }
            let mut buckets: Vec<(String, Throttle)> = Vec::new();
            if let (Some(k), Some(t)) = (key, plan.and_then(|p| p.throttle)) {
                buckets.push((format!("key:{}", k.name), t));
            }
            match (
                method_settings.and_then(|m| m.throttle),
                stage.and_then(|s| s.throttle),
            ) {
                (Some(t), _) => buckets.push((format!("method:{}", op.label), t)),
                (None, Some(t)) => buckets.push(("stage".into(), t)),
                (None, None) => {}
            }
            for (name, t) in buckets {
                if !limits.take(&name, t, now) {
                    log.throttled = true;
                    return self.gateway_response(def, "THROTTLED", None, request_id);
                }
            }
            if let (Some(k), Some(q)) = (key, plan.and_then(|p| p.quota)) {
                limits.quota_count(&format!("key:{}", k.name), q, now);
            }
        }
        // Request validation.
        if self.options.validate.checks_requests() {
            let mut report = def.validator.validate_request_at(&route, &req.message);
            // Keys and tokens were checked above.
            if op.api_key || matches!(op.auth, Auth::Jwt { .. }) {
                report.violations.retain(|v| v.code != "security-missing");
            }
            // Every violation is logged, also those API Gateway and the rules below let through.
            if !report.is_valid() {
                log.request_violations = report.violations.iter().map(|v| json!(v.code)).collect();
            }
            // API Gateway's request validators check that required parameters are "included
            // and not blank"; they do not check their type or format (developer guide, "Request
            // validation for REST APIs in API Gateway").
            if def.gateway_validators {
                let required = |rule: &str| {
                    def.root()
                        .and_then(|r| r.pointer(rule))
                        .and_then(|p| p.get("required"))
                        .and_then(oaskit_core::Node::as_bool)
                        == Some(true)
                };
                report.violations.retain(|v| match v.code {
                    "param-schema" | "param-malformed" | "param-reserved" => false,
                    "param-empty" => required(&v.rule),
                    _ => true,
                });
            }
            if !report.is_valid() {
                // Empty query values are logged, not refused: `allowEmptyValue` is deprecated
                // and "NOT RECOMMENDED" (OpenAPI 3.1), and clients send `?q=` for empty strings.
                // A parameter that allows empty values takes `?flag=` whatever its schema.
                let query = query_map(req.query());
                report.violations.retain(|v| {
                    v.code != "param-empty"
                        && !(v.code == "param-schema" && empty_allowed(def, v, &query))
                });
                if self.options.validate.refuses_requests() && !report.is_valid() {
                    return self.refuse(def, req, &route, op, &report, request_id);
                }
            }
        }
        // Cache.
        let cache = effective_cache(
            stage.and_then(|s| s.cache.as_ref()),
            method_settings.and_then(|m| m.cache.as_ref()),
            &op.method,
        );
        let cache_key = cache.as_ref().map(|_| cache_key(req, &route, op));
        if let (Some(c), Some(k)) = (&cache, &cache_key) {
            let bypass = c.allow_invalidation.unwrap_or(true)
                && req.header("cache-control").is_some_and(|v| {
                    v.split(',')
                        .any(|d| d.trim().eq_ignore_ascii_case("max-age=0"))
                });
            if !bypass {
                let hit = self
                    .cache
                    .lock()
                    .ok()
                    .and_then(|mut cache| cache.get(k, now));
                if let Some(a) = hit {
                    log.cache_hit = true;
                    log.integration = "cache";
                    return a;
                }
            }
        }
        // Only integrations read the templates' input ($input, $context, ...).
        let input = if op.integration.is_some() {
            self.template_input(req, &route, op, request_id, &claims)
        } else {
            mapping::Input::default()
        };
        let mut answer = self
            .integrate(def, req, &route, op, &input, request_id, log)
            .await;
        // Response validation.
        if self.options.validate.checks_responses() && log.integration != "none" && !log.conforms {
            let resp = oaskit_validator::Response {
                status: answer.status,
                headers: answer.headers.clone(),
                body: answer.body.to_vec(),
            };
            let report = def.validator.validate_response_at(&route, &resp);
            if !report.is_valid() {
                log.response_violations = report
                    .violations
                    .iter()
                    .map(|v| problem::violation_json(def, v))
                    .collect();
                if self.options.strict {
                    let mut p = Problem::new(
                        502,
                        "response-invalid",
                        "Bad Gateway",
                        format!(
                            "the response breaks the definition: {} violation(s)",
                            report.violations.len()
                        ),
                    );
                    p.operation = Some(op.label.clone());
                    p.violations = log.response_violations.clone();
                    answer = p.answer();
                }
            }
        }
        if let (Some(c), Some(k)) = (cache, cache_key) {
            if (200..300).contains(&answer.status) {
                if let Ok(mut cache) = self.cache.lock() {
                    cache.put(
                        k,
                        answer.clone(),
                        now,
                        Duration::from_secs(c.ttl.unwrap_or(300)),
                        c.max_entries.unwrap_or(1000),
                    );
                }
            }
        }
        answer
    }

    /// The answer to an invalid request: API Gateway's `BAD_REQUEST_*` responses for definitions
    /// with request validators, else `application/problem+json`.
    fn refuse(
        &self,
        def: &Definition,
        req: &Incoming,
        route: &oaskit_validator::Route,
        op: &Operation,
        report: &oaskit_validator::Report,
        request_id: &str,
    ) -> Answer {
        if def.gateway_validators {
            let missing: Vec<String> = report
                .violations
                .iter()
                .filter(|v| v.code == "param-missing")
                .map(|v| v.part.to_string())
                .collect();
            let params = report.violations.iter().any(|v| {
                matches!(
                    v.part,
                    oaskit_validator::Part::Path(_)
                        | oaskit_validator::Part::Query(_)
                        | oaskit_validator::Part::Header(_)
                        | oaskit_validator::Part::Cookie(_)
                )
            });
            if params {
                // "Missing required request parameters: [limit]" is API Gateway's text.
                let names: Vec<String> = missing
                    .iter()
                    .map(|p| p.split_once('.').map_or(p.clone(), |(_, n)| n.to_string()))
                    .collect();
                let message = if names.is_empty() {
                    "Invalid request parameters".to_string()
                } else {
                    format!(
                        "Missing required request parameters: [{}]",
                        names.join(", ")
                    )
                };
                return self.gateway_response(
                    def,
                    "BAD_REQUEST_PARAMETERS",
                    Some(&message),
                    request_id,
                );
            }
            if report
                .violations
                .iter()
                .any(|v| matches!(v.part, oaskit_validator::Part::Body(_)))
            {
                return self.gateway_response(def, "BAD_REQUEST_BODY", None, request_id);
            }
        }
        self.refusal(def, req, route, op, &problem::from_report(def, report))
    }

    /// A refusal of a routed request. The problem+json answer, unless the operation declares
    /// a response for the refusal's status (`422`, `4XX` or `default`) that it breaks: then the
    /// declared response, mocked, with the violations in an `x-oaskit-violations` header. The
    /// definition is the contract for every status it declares ("default: the documentation of
    /// responses other than the ones declared for specific HTTP response codes", OpenAPI 3.x),
    /// so a client that decodes the declared error body gets one, as Prism answers.
    fn refusal(
        &self,
        def: &Definition,
        req: &Incoming,
        route: &oaskit_validator::Route,
        op: &Operation,
        p: &Problem,
    ) -> Answer {
        let problem = self.problem(def, p);
        let declared =
            oaskit_core::api::StatusMatch::select(op.responses.iter(), p.status, |r| r.status)
                .is_some();
        if !declared || Self::valid_response(def, route, &problem) {
            return problem;
        }
        let prefer = Prefer {
            code: Some(p.status),
            ..Prefer::default()
        };
        let (mut answer, _) = self.mock_with(def, req, route, op, &prefer);
        if answer.status != p.status {
            // Nothing acceptable to the client (406): the problem says more.
            return problem;
        }
        for (k, v) in &p.headers {
            answer.set_header(k, v.clone());
        }
        answer.set_header(
            "x-oaskit-violations",
            problem::violations_header(&p.violations),
        );
        self.default_class_headers(def, p.status, &mut answer);
        answer
    }

    fn template_input(
        &self,
        req: &Incoming,
        route: &oaskit_validator::Route,
        op: &Operation,
        request_id: &str,
        claims: &Value,
    ) -> mapping::Input {
        let header: BTreeMap<String, String> = req.message.headers.iter().cloned().collect();
        let path: BTreeMap<String, String> = route
            .path_variables()
            .iter()
            .map(|(k, v)| (k.clone(), oaskit_core::percent_decode(v)))
            .collect();
        mapping::Input {
            body: String::from_utf8_lossy(&req.message.body).into_owned(),
            path,
            querystring: query_map(req.query()),
            header,
            context: json!({
                "requestId": request_id,
                "extendedRequestId": request_id,
                "httpMethod": req.message.method,
                "resourcePath": op.path,
                "path": req.path(),
                "stage": self.config.stage_name().unwrap_or("$default"),
                "protocol": "HTTP/1.1",
                "requestTimeEpoch": self.now().as_millis() as u64,
                "identity": {"sourceIp": req.source_ip.to_string(), "userAgent": req.header("user-agent").unwrap_or("")},
                "authorizer": {"claims": claims},
                "operationName": op.operation_id,
            }),
            stage_variables: self.stage_variables(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn integrate(
        &self,
        def: &Definition,
        req: &Incoming,
        route: &oaskit_validator::Route,
        op: &Operation,
        input: &mapping::Input,
        request_id: &str,
        log: &mut Log,
    ) -> Answer {
        let integration = op.integration.as_ref();
        let is_mock_integration = integration.is_some_and(|i| i.kind == IntegrationKind::Mock);
        if let (Some(up), false) = (&self.options.upstream, is_mock_integration) {
            log.integration = "upstream";
            let url = format!("{up}{}", req.message.url);
            return self
                .forward(def, req, url, None, input, request_id, log)
                .await;
        }
        let Some(i) = integration else {
            log.integration = "mock";
            return self.mock(def, req, route, op, log);
        };
        match i.kind {
            IntegrationKind::Mock => {
                log.integration = "MOCK";
                self.mock_integration(def, req, op, i, input, request_id)
            }
            IntegrationKind::HttpProxy | IntegrationKind::Http if i.target.is_some() => {
                match &i.target {
                    Some(Target::Url(base)) => {
                        log.integration = i.kind.name();
                        let url = format!("{}{}", base.trim_end_matches('/'), req.message.url);
                        self.forward(def, req, url, None, input, request_id, log)
                            .await
                    }
                    _ => {
                        log.integration = "mock";
                        self.mock(def, req, route, op, log)
                    }
                }
            }
            IntegrationKind::HttpProxy | IntegrationKind::Http => {
                log.integration = i.kind.name();
                let Some(uri) = &i.uri else {
                    return self.gateway_response(def, "API_CONFIGURATION_ERROR", None, request_id);
                };
                let mut url = fill_uri(uri, route, input);
                let query = mapped_query(i, input, req.query());
                if !query.is_empty() {
                    url.push(if url.contains('?') { '&' } else { '?' });
                    url.push_str(&query);
                }
                self.forward(def, req, url, Some(i), input, request_id, log)
                    .await
            }
            IntegrationKind::Aws | IntegrationKind::AwsProxy => match &i.target {
                Some(Target::Mock) => {
                    log.integration = "mock";
                    self.mock(def, req, route, op, log)
                }
                // AWS_PROXY stands in for a proxy (the request's path and query appended);
                // AWS for a function: its templates and integration responses apply, as for HTTP.
                Some(Target::Url(base)) if i.kind == IntegrationKind::Aws => {
                    log.integration = i.kind.name();
                    self.forward(def, req, base.clone(), Some(i), input, request_id, log)
                        .await
                }
                Some(Target::Url(base)) => {
                    log.integration = i.kind.name();
                    let url = format!("{}{}", base.trim_end_matches('/'), req.message.url);
                    self.forward(def, req, url, None, input, request_id, log)
                        .await
                }
                None => {
                    log.integration = i.kind.name();
                    Answer::message(
                        501,
                        &format!(
                            "{} integration {} of {} is not emulated; map it to a local URL or `mock` under `integrations` in the gateway configuration",
                            i.kind.name(),
                            i.uri.as_deref().unwrap_or("(no uri)"),
                            op.label
                        ),
                    )
                }
            },
        }
    }

    fn mock(
        &self,
        def: &Definition,
        req: &Incoming,
        route: &oaskit_validator::Route,
        op: &Operation,
        log: &mut Log,
    ) -> Answer {
        let prefer = Prefer::parse(
            req.message
                .headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("prefer"))
                .map(|(_, v)| v.as_str()),
        );
        let (answer, conforms) = self.mock_with(def, req, route, op, &prefer);
        log.conforms = conforms;
        answer
    }

    /// The mock's answer, and whether it was judged to conform to the definition. Answers
    /// that do not depend on chance (no `Prefer: dynamic=true`) are made once per operation,
    /// preference, `Accept` and method, and kept with the definition: the same request gets
    /// the same bytes without generating and validating them again.
    fn mock_with(
        &self,
        def: &Definition,
        req: &Incoming,
        route: &oaskit_validator::Route,
        op: &Operation,
        prefer: &Prefer,
    ) -> (Answer, bool) {
        let key = (!prefer.dynamic).then(|| crate::definition::MockKey {
            op: route.index(),
            code: prefer.code,
            example: prefer.example.clone(),
            accept: req.header("accept").map(str::to_string),
            head: req.message.method.eq_ignore_ascii_case("HEAD"),
        });
        if let Some(k) = &key {
            if let Some(hit) = def.mock_memo(k) {
                return hit;
            }
        }
        let made = self.make_mock(def, req, route, op, prefer);
        if let Some(k) = key {
            def.keep_mock(k, &made);
        }
        made
    }

    fn make_mock(
        &self,
        def: &Definition,
        req: &Incoming,
        route: &oaskit_validator::Route,
        op: &Operation,
        prefer: &Prefer,
    ) -> (Answer, bool) {
        let seed = self.now().as_nanos() as u64
            ^ self
                .counter
                .load(Ordering::Relaxed)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let head = req.message.method.eq_ignore_ascii_case("HEAD");
        let answer = match mock::respond(def, op, prefer, req.header("accept"), seed, head, true) {
            Ok(a) => a,
            Err(p) => return (self.problem(def, &p), false),
        };
        // A published example that breaks its own schema is not served (unless asked for by
        // name): the answer is generated from the schema instead.
        if prefer.example.is_some() || head {
            return (answer, false);
        }
        if Self::valid_response(def, route, &answer) {
            return (answer, true);
        }
        if let Ok(generated) =
            mock::respond(def, op, prefer, req.header("accept"), seed, head, false)
        {
            if Self::valid_response(def, route, &generated) {
                return (generated, true);
            }
        }
        // Schemas the deterministic choices cannot satisfy (a `oneOf` whose first branches
        // overlap, say): a few random attempts, judged by the validator.
        let mut random = prefer.clone();
        random.dynamic = true;
        for attempt in 1..=MOCK_ATTEMPTS {
            if let Ok(a) = mock::respond(
                def,
                op,
                &random,
                req.header("accept"),
                seed.wrapping_add(attempt * 7919),
                head,
                false,
            ) {
                if Self::valid_response(def, route, &a) {
                    return (a, true);
                }
            }
        }
        (answer, false)
    }

    fn valid_response(def: &Definition, route: &oaskit_validator::Route, a: &Answer) -> bool {
        let resp = oaskit_validator::Response {
            status: a.status,
            headers: a.headers.clone(),
            body: a.body.to_vec(),
        };
        def.validator.validate_response_at(route, &resp).is_valid()
    }

    /// A MOCK integration: the request template's `statusCode` selects the integration
    /// response; its parameters and template make the answer.
    fn mock_integration(
        &self,
        def: &Definition,
        req: &Incoming,
        op: &Operation,
        i: &Integration,
        input: &mapping::Input,
        request_id: &str,
    ) -> Answer {
        let ct = req
            .header("content-type")
            .map_or("application/json".to_string(), |c| {
                c.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            });
        let template = i
            .request_templates
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&ct))
            .or_else(|| {
                i.request_templates
                    .iter()
                    .find(|(k, _)| k == "application/json")
            })
            .or_else(|| i.request_templates.first());
        let status = match template {
            Some((_, t)) => match def.render(t, input) {
                Ok(r) => r.status.or_else(|| mapping::status_code(&r.output)),
                Err(_) => None,
            },
            None => None,
        };
        let Some(status) = status else {
            // API Gateway answers 500 when a mock's template names no status.
            return self.gateway_response(def, "API_CONFIGURATION_ERROR", None, request_id);
        };
        if i.responses.is_empty() {
            let _ = op;
            return Answer::new(status);
        }
        self.integration_response(def, i, status, &[], "", req, input, request_id)
    }

    /// Maps an integration's answer through its `responses`: the entry whose selection pattern
    /// matches the status (the whole of it, as a regular expression), else `default`.
    #[allow(clippy::too_many_arguments)]
    fn integration_response(
        &self,
        def: &Definition,
        i: &Integration,
        status: u16,
        headers: &[(String, String)],
        body: &str,
        req: &Incoming,
        input: &mapping::Input,
        request_id: &str,
    ) -> Answer {
        let code = status.to_string();
        let chosen = i
            .responses
            .iter()
            .filter(|r| r.pattern != "default")
            .find(|r| {
                regex::Regex::new(&format!("^(?:{})$", r.pattern))
                    .is_ok_and(|re| re.is_match(&code))
            })
            .or_else(|| i.responses.iter().find(|r| r.pattern == "default"));
        let Some(r) = chosen else {
            return Answer {
                status,
                headers: headers.to_vec(),
                body: Bytes::from(body.to_string()),
            };
        };
        let mut answer = Answer::new(r.status);
        for (k, v) in &r.parameters {
            if let Some(name) = k.strip_prefix("method.response.header.") {
                if let Some(value) = mapping::parameter(v, input, headers, body) {
                    answer.set_header(name, value);
                }
            }
        }
        let accept = req.header("accept");
        let names: Vec<&str> = r.templates.iter().map(|(k, _)| k.as_str()).collect();
        let pick = crate::negotiate::choose(&names, accept).or(if names.is_empty() {
            None
        } else {
            Some(0)
        });
        match pick.and_then(|n| r.templates.get(n)) {
            Some((ct, t)) => {
                let mut input = input.clone();
                input.body = body.to_string();
                match def.render(t, &input) {
                    Ok(out) => {
                        answer.body = Bytes::from(out.output);
                        if let Some(s) = out.status {
                            answer.status = s;
                        }
                        for (k, v) in out.headers {
                            answer.set_header(&k, v);
                        }
                        answer.set_header("content-type", ct.clone());
                    }
                    Err(e) => {
                        let _ = e;
                        return self.gateway_response(
                            def,
                            "API_CONFIGURATION_ERROR",
                            None,
                            request_id,
                        );
                    }
                }
            }
            None => {
                answer.body = Bytes::from(body.to_string());
                if let Some(ct) = headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                {
                    answer.set_header("content-type", ct.1.clone());
                }
            }
        }
        answer
    }

    /// Forwards to `url`; an `HTTP` (non-proxy) integration's templates and responses map the
    /// request and the answer.
    #[allow(clippy::too_many_arguments)]
    async fn forward(
        &self,
        def: &Definition,
        req: &Incoming,
        mut url: String,
        integration: Option<&Integration>,
        input: &mapping::Input,
        request_id: &str,
        log: &mut Log,
    ) -> Answer {
        let mut headers: Vec<(String, String)> = req.message.headers.clone();
        let mut body = Bytes::from(req.message.body.clone());
        let mut method = req.message.method.clone();
        if let Some(i) = integration {
            if let Some(m) = i
                .http_method
                .as_deref()
                .filter(|m| !m.eq_ignore_ascii_case("ANY"))
            {
                method = m.to_ascii_uppercase();
            }
            for (target, source) in &i.request_parameters {
                if let Some(name) = target.strip_prefix("integration.request.header.") {
                    if let Some(v) = mapping::parameter(source, input, &[], "") {
                        headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
                        headers.push((name.to_string(), v));
                    }
                }
            }
            if matches!(i.kind, IntegrationKind::Http | IntegrationKind::Aws) {
                let ct = req
                    .header("content-type")
                    .map_or("application/json".to_string(), |c| {
                        c.split(';')
                            .next()
                            .unwrap_or("")
                            .trim()
                            .to_ascii_lowercase()
                    });
                let template = i
                    .request_templates
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&ct));
                match (template, i.passthrough.to_ascii_lowercase().as_str()) {
                    (Some((_, t)), _) => match def.render(t, input) {
                        Ok(r) => {
                            body = Bytes::from(r.output);
                            // `$context.requestOverride.*` of the request template.
                            for (k, v) in r.request_headers {
                                headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&k));
                                headers.push((k, v));
                            }
                            for (k, v) in r.request_querystring {
                                url.push(if url.contains('?') { '&' } else { '?' });
                                url.push_str(&format!("{}={}", url_encode(&k), url_encode(&v)));
                            }
                        }
                        Err(_) => {
                            return self.gateway_response(
                                def,
                                "API_CONFIGURATION_ERROR",
                                None,
                                request_id,
                            )
                        }
                    },
                    (None, "never") => {
                        return self.gateway_response(
                            def,
                            "UNSUPPORTED_MEDIA_TYPE",
                            None,
                            request_id,
                        )
                    }
                    (None, "when_no_templates") if !i.request_templates.is_empty() => {
                        return self.gateway_response(
                            def,
                            "UNSUPPORTED_MEDIA_TYPE",
                            None,
                            request_id,
                        )
                    }
                    _ => {}
                }
            }
        }
        headers.push(("x-forwarded-for".into(), req.source_ip.to_string()));
        let timeout = self.options.timeout;
        let result = self
            .proxy
            .send(
                Outgoing {
                    method,
                    url,
                    headers,
                    body,
                },
                timeout,
            )
            .await;
        match result {
            Ok(a) => match integration.filter(|i| {
                matches!(i.kind, IntegrationKind::Http | IntegrationKind::Aws)
                    && !i.responses.is_empty()
            }) {
                Some(i) => {
                    let text = String::from_utf8_lossy(&a.body).into_owned();
                    self.integration_response(
                        def, i, a.status, &a.headers, &text, req, input, request_id,
                    )
                }
                None => a,
            },
            Err(Failure::Timeout) => {
                log.error = Some("the backend did not answer in time".into());
                self.gateway_response(def, "INTEGRATION_TIMEOUT", None, request_id)
            }
            Err(Failure::Failed(e)) => {
                log.error = Some(e);
                self.gateway_response(def, "INTEGRATION_FAILURE", None, request_id)
            }
        }
    }
}

/// Whether `v` is about an empty query value of a parameter that declares
/// `allowEmptyValue: true` (its rule stands under the parameter's `schema`).
fn empty_allowed(
    def: &Definition,
    v: &oaskit_validator::Violation,
    query: &BTreeMap<String, String>,
) -> bool {
    let oaskit_validator::Part::Query(name) = &v.part else {
        return false;
    };
    if query.get(name).is_none_or(|x| !x.is_empty()) {
        return false;
    }
    let Some(param) = v.rule.find("/schema").map(|i| &v.rule[..i]) else {
        return false;
    };
    def.root()
        .and_then(|r| r.pointer(param))
        .and_then(|p| p.get("allowEmptyValue"))
        .and_then(oaskit_core::Node::as_bool)
        == Some(true)
}

/// CORS headers of an HTTP API's `x-amazon-apigateway-cors` for a request from `origin`.
fn cors_headers(cors: &crate::definition::Cors, origin: &str, a: &mut Answer, preflight: bool) {
    let allowed = cors
        .allow_origins
        .iter()
        .any(|o| o == "*" || o.eq_ignore_ascii_case(origin));
    if !allowed {
        return;
    }
    let any = cors.allow_origins.iter().any(|o| o == "*") && !cors.allow_credentials;
    a.set_header(
        "access-control-allow-origin",
        if any { "*".into() } else { origin.to_string() },
    );
    if cors.allow_credentials {
        a.set_header("access-control-allow-credentials", "true".into());
    }
    if !preflight && !cors.expose_headers.is_empty() {
        a.set_header(
            "access-control-expose-headers",
            cors.expose_headers.join(","),
        );
    }
    if preflight {
        if !cors.allow_methods.is_empty() {
            a.set_header("access-control-allow-methods", cors.allow_methods.join(","));
        }
        if !cors.allow_headers.is_empty() {
            a.set_header("access-control-allow-headers", cors.allow_headers.join(","));
        }
        if let Some(age) = cors.max_age {
            a.set_header("access-control-max-age", age.to_string());
        }
    }
}

/// The cache settings in force for a method, when it is cached at all: a method's own settings
/// over the stage's; only GET unless the method's settings enable it.
fn effective_cache(
    stage: Option<&CacheSettings>,
    method: Option<&CacheSettings>,
    http_method: &str,
) -> Option<CacheSettings> {
    let enabled = match method.and_then(|m| m.enabled) {
        Some(e) => e,
        None => stage.and_then(|s| s.enabled) == Some(true) && http_method == "GET",
    };
    if !enabled {
        return None;
    }
    Some(CacheSettings {
        enabled: Some(true),
        ttl: method.and_then(|m| m.ttl).or(stage.and_then(|s| s.ttl)),
        allow_invalidation: method
            .and_then(|m| m.allow_invalidation)
            .or(stage.and_then(|s| s.allow_invalidation)),
        max_entries: stage
            .and_then(|s| s.max_entries)
            .or(method.and_then(|m| m.max_entries)),
    })
}

/// Method, path and the values of the integration's `cacheKeyParameters`.
fn cache_key(req: &Incoming, route: &oaskit_validator::Route, op: &Operation) -> String {
    let mut key = format!("{} {}", op.method, req.path());
    let params = op
        .integration
        .as_ref()
        .map(|i| i.cache_key_parameters.as_slice())
        .unwrap_or_default();
    let query = query_map(req.query());
    for p in params {
        let value = if let Some(n) = p.strip_prefix("method.request.querystring.") {
            query.get(n).cloned()
        } else if let Some(n) = p.strip_prefix("method.request.header.") {
            req.header(n).map(str::to_string)
        } else if let Some(n) = p.strip_prefix("method.request.path.") {
            route
                .path_variables()
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.clone())
        } else {
            None
        };
        key.push('\n');
        key.push_str(p);
        key.push('=');
        key.push_str(value.as_deref().unwrap_or(""));
    }
    key
}

/// The integration URI with `{name}` path variables (and `integration.request.path.*`
/// mappings) and `${stageVariables.name}` filled.
fn fill_uri(uri: &str, route: &oaskit_validator::Route, input: &mapping::Input) -> String {
    let staged = match mapping::substitute(uri, input) {
        Ok(r) => r.output,
        Err(_) => uri.to_string(),
    };
    oaskit_core::api::fill_url(&staged, |name| {
        let name = name.strip_suffix('+').unwrap_or(name);
        route
            .path_variables()
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    })
}

/// The query of an integration request: the method's query, plus `integration.request.querystring.*` mappings.
fn mapped_query(i: &Integration, input: &mapping::Input, original: &str) -> String {
    let mut parts: Vec<String> = if i.kind == IntegrationKind::HttpProxy && !original.is_empty() {
        vec![original.to_string()]
    } else {
        Vec::new()
    };
    for (target, source) in &i.request_parameters {
        if let Some(name) = target.strip_prefix("integration.request.querystring.") {
            if let Some(v) = mapping::parameter(source, input, &[], "") {
                parts.push(format!("{name}={}", url_encode(&v)));
            }
        }
    }
    parts.join("&")
}

fn url_encode(s: &str) -> String {
    oaskit_core::percent_encode(s, b"-._~")
}
