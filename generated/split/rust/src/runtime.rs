//! The runtime of the generated client (the `oaskit` runtime, kept in the crate): errors, the
//! middleware chain, retries, timeouts, streaming bodies and the serialization helpers.
// Not every API needs every helper.
#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

/// A boxed, sendable future (what [`Middleware`] and [`TokenProvider`] return).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What can go wrong with a call.
#[derive(Debug)]
pub enum Error {
    /// The request could not be sent or the response not read.
    Request(reqwest::Error),
    /// An attempt took longer than its timeout (the client's or the call's); never retried.
    Timeout(Duration),
    /// A documented response whose body did not match its type.
    Decode(Box<DecodeError>),
    /// A status the definition does not document: everything is kept.
    UnexpectedStatus {
        /// The status.
        status: u16,
        /// The headers.
        headers: reqwest::header::HeaderMap,
        /// The raw body.
        body: Vec<u8>,
    },
    /// A server variable outside its allowed values, or an unknown server.
    Config(String),
    /// A listing helper (`pages()`, `items()`) that cannot go on: a page that is not a
    /// success, or a next page's URL on another origin than the client's.
    Page(Box<PageError>),
    /// An error from a middleware or a token provider.
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// A body that did not match the documented type: where, and everything that arrived.
#[derive(Debug)]
pub struct DecodeError {
    /// The JSON path of the first mismatch (`$.shapes[1].side`; `$` for the whole body).
    pub path: String,
    /// The documented response header that did not read as its type (then `path` is `$`
    /// and `message` says why); `None` for a body that did not match.
    pub header: Option<String>,
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The raw body.
    pub body: Vec<u8>,
    /// The Rust type the body was decoded into.
    pub expected: &'static str,
    /// What serde said.
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.header {
            Some(h) => write!(
                f,
                "cannot read header {h} of the {} response as {}: {}",
                self.status, self.expected, self.message
            ),
            None => write!(
                f,
                "cannot decode the {} response as {} at {}: {}",
                self.status, self.expected, self.path, self.message
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Request(e) => write!(f, "request failed: {e}"),
            Self::Timeout(d) => write!(f, "timed out after {d:?}"),
            Self::Decode(e) => e.fmt(f),
            Self::UnexpectedStatus { status, .. } => write!(f, "undocumented status {status}"),
            Self::Config(m) => write!(f, "{m}"),
            Self::Page(e) => e.fmt(f),
            Self::Other(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Request(e) => Some(e),
            Self::Decode(e) => Some(e.as_ref()),
            Self::Page(e) => Some(e.as_ref()),
            Self::Other(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        Self::Request(e)
    }
}

/// A result decoded leniently (`send_lenient`): the typed response, or the raw JSON of a body
/// that did not match its type, with why.
#[derive(Debug)]
pub enum Lenient<T> {
    /// The body matched: the typed response.
    Typed(T),
    /// The body did not match its type but is JSON: the value as it arrived.
    Raw {
        /// The JSON as it arrived.
        value: Value,
        /// The mismatch (path, status, headers, raw body).
        error: Box<DecodeError>,
    },
}

/// Turns a decode error whose body is JSON into [`Lenient::Raw`].
pub(crate) fn lenient<T>(r: Result<T, Error>) -> Result<Lenient<T>, Error> {
    match r {
        Ok(t) => Ok(Lenient::Typed(t)),
        Err(Error::Decode(error)) => match serde_json::from_slice(&error.body) {
            Ok(value) => Ok(Lenient::Raw { value, error }),
            Err(_) => Err(Error::Decode(error)),
        },
        Err(e) => Err(e),
    }
}

/// A streamed response body, read a chunk at a time (memory stays bounded by the chunk size).
#[derive(Debug)]
pub struct ByteStream {
    response: reqwest::Response,
}

impl ByteStream {
    /// The next chunk, or `None` at the end.
    pub async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, Error> {
        Ok(self.response.chunk().await?)
    }

    /// The response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        self.response.headers()
    }

    /// The body as a `futures` stream of chunks.
    pub fn into_stream(
        self,
    ) -> impl futures_core::Stream<Item = Result<bytes::Bytes, reqwest::Error>> {
        self.response.bytes_stream()
    }

    /// The whole rest of the body in memory.
    pub async fn collect(self) -> Result<Vec<u8>, Error> {
        Ok(self.response.bytes().await?.to_vec())
    }

    /// The underlying response.
    pub fn into_response(self) -> reqwest::Response {
        self.response
    }
}

/// Code around each request attempt: gets the request and the rest of the chain, returns the
/// response (or an error). Added with `Client::with_middleware`; the first added runs first.
/// An implementation changes the request (`req.headers_mut()`), calls `next.run(req)` and
/// returns its future boxed (`Box::pin(next.run(req))`), or looks at the response first.
/// (No code block here: the SDK's doc comments hold none, so that no text can ever run as a
/// doctest.)
pub trait Middleware: Send + Sync {
    /// Handles one attempt: change the request, call `next.run(req)`, look at the response.
    fn handle<'a>(
        &'a self,
        req: reqwest::Request,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<reqwest::Response, Error>>;
}

/// The rest of the middleware chain, ending with the HTTP client.
pub struct Next<'a> {
    http: &'a reqwest::Client,
    rest: &'a [Arc<dyn Middleware>],
}

impl<'a> Next<'a> {
    /// Runs the rest of the chain on `req`.
    pub fn run(self, req: reqwest::Request) -> BoxFuture<'a, Result<reqwest::Response, Error>> {
        match self.rest.split_first() {
            Some((first, rest)) => first.handle(
                req,
                Next {
                    http: self.http,
                    rest,
                },
            ),
            None => {
                let http = self.http;
                Box::pin(async move { Ok(http.execute(req).await?) })
            }
        }
    }
}

/// Supplies the bearer (or OAuth2) token of the operations that use such a scheme: called before
/// each of their requests with `refresh: false` (keep the token in the provider), and once with
/// `refresh: true` after a 401, the request then replayed once. A closure
/// `|refresh: bool| async move { Ok(token) }` is one.
pub trait TokenProvider: Send + Sync {
    /// The token; a fresh one when `refresh`.
    fn token(&self, refresh: bool) -> BoxFuture<'_, Result<String, Error>>;
}

impl<F, Fut> TokenProvider for F
where
    F: Fn(bool) -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, Error>> + Send + 'static,
{
    fn token(&self, refresh: bool) -> BoxFuture<'_, Result<String, Error>> {
        Box::pin(self(refresh))
    }
}

/// When and how attempts are retried: on by default with 2 retries (3 attempts), exponential
/// backoff with full jitter (base 0.5 s, cap 8 s), `Retry-After` honoured (above the cap, the
/// response is returned), on 408, 425, 429, 500, 502, 503, 504 and connection errors, for
/// idempotent methods only. A request whose body is a stream is sent once.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0: none).
    pub max_retries: u32,
    /// The first backoff ceiling; doubled each retry.
    pub base: Duration,
    /// The largest wait; a longer `Retry-After` ends retrying.
    pub cap: Duration,
    /// The statuses that are retried.
    pub statuses: Vec<u16>,
    /// The methods that are retried.
    pub methods: Vec<reqwest::Method>,
    /// Whether connection errors are retried.
    pub connection_errors: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        use reqwest::Method;
        Self {
            max_retries: 2,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(8),
            statuses: vec![408, 425, 429, 500, 502, 503, 504],
            methods: vec![
                Method::GET,
                Method::HEAD,
                Method::OPTIONS,
                Method::PUT,
                Method::DELETE,
                Method::TRACE,
            ],
            connection_errors: true,
        }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The default policy with `n` retries.
    pub fn retries(n: u32) -> Self {
        Self {
            max_retries: n,
            ..Self::default()
        }
    }

    /// A random wait between zero and `min(cap, base * 2^retry)` (full jitter).
    fn backoff(&self, retry: u32) -> Duration {
        use std::hash::{BuildHasher, Hasher};
        let ceiling = self
            .base
            .saturating_mul(1u32 << retry.min(20))
            .min(self.cap);
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(retry);
        let unit = (h.finish() >> 11) as f64 / (1u64 << 53) as f64;
        ceiling.mul_f64(unit)
    }
}

/// `Retry-After` in seconds or as an HTTP date.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(s) = v.parse::<u64>() {
        return Some(Duration::from_secs(s));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}

/// The settings every call shares (part of the client).
#[derive(Clone, Default)]
pub(crate) struct Settings {
    pub(crate) middleware: Vec<Arc<dyn Middleware>>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Option<Duration>,
    pub(crate) token: Option<Arc<dyn TokenProvider>>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("middleware", &self.middleware.len())
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("token", &self.token.is_some())
            .finish()
    }
}

/// When the attempt that answered must be done (the body is read by then), and its timeout.
pub(crate) type Deadline = Option<(tokio::time::Instant, Duration)>;

/// Sends `req` through the middleware with retries, each attempt within `timeout`.
pub(crate) async fn attempts(
    http: &reqwest::Client,
    settings: &Settings,
    mut req: reqwest::Request,
    timeout: Option<Duration>,
) -> Result<(reqwest::Response, Deadline), Error> {
    let policy = &settings.retry;
    let retried = policy.methods.contains(req.method());
    let mut retry = 0;
    loop {
        let spare = if retried && retry < policy.max_retries {
            req.try_clone()
        } else {
            None
        };
        let deadline = timeout.map(|t| (tokio::time::Instant::now() + t, t));
        let attempt = Next {
            http,
            rest: &settings.middleware,
        }
        .run(req);
        let result = match deadline {
            Some((d, t)) => tokio::time::timeout_at(d, attempt)
                .await
                .map_err(|_| Error::Timeout(t))?,
            None => attempt.await,
        };
        let Some(again) = spare else {
            return result.map(|r| (r, deadline));
        };
        let wait = match &result {
            Ok(r) if policy.statuses.contains(&r.status().as_u16()) => {
                match retry_after(r.headers()) {
                    Some(w) if w > policy.cap => return result.map(|r| (r, deadline)),
                    Some(w) => w,
                    None => policy.backoff(retry),
                }
            }
            Err(Error::Request(e)) if policy.connection_errors && e.is_connect() => {
                policy.backoff(retry)
            }
            _ => return result.map(|r| (r, deadline)),
        };
        drop(result);
        tokio::time::sleep(wait).await;
        retry += 1;
        req = again;
    }
}

/// The body, read before the deadline.
async fn read(
    resp: reqwest::Response,
    deadline: Deadline,
) -> Result<(u16, reqwest::header::HeaderMap, Vec<u8>), Error> {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = match deadline {
        Some((d, t)) => tokio::time::timeout_at(d, resp.bytes())
            .await
            .map_err(|_| Error::Timeout(t))??,
        None => resp.bytes().await?,
    };
    Ok((status, headers, body.to_vec()))
}

/// Decodes a JSON body of a documented response; a mismatch names its JSON path.
pub(crate) async fn json<T: serde::de::DeserializeOwned>(
    resp: reqwest::Response,
    deadline: Deadline,
) -> Result<T, Error> {
    let (status, headers, body) = read(resp, deadline).await?;
    let bytes = if body.is_empty() {
        b"null".as_slice()
    } else {
        body.as_slice()
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize(&mut de) {
        Ok(v) => Ok(v),
        Err(e) => {
            let (path, message) = path_and_message(&e.path().to_string(), e.inner().to_string());
            Err(Error::Decode(Box::new(DecodeError {
                path: format!("${path}"),
                header: None,
                status,
                headers,
                body,
                expected: std::any::type_name::<T>(),
                message,
            })))
        }
    }
}

/// A text body.
pub(crate) async fn text(resp: reqwest::Response, deadline: Deadline) -> Result<String, Error> {
    let (_, _, body) = read(resp, deadline).await?;
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// A body read whole.
pub(crate) async fn bytes(resp: reqwest::Response, deadline: Deadline) -> Result<Vec<u8>, Error> {
    Ok(read(resp, deadline).await?.2)
}

/// A body handed to the caller as a stream.
pub(crate) fn stream(response: reqwest::Response) -> ByteStream {
    ByteStream { response }
}

/// A body without content, read to its end.
pub(crate) async fn empty(resp: reqwest::Response, deadline: Deadline) -> Result<(), Error> {
    read(resp, deadline).await.map(|_| ())
}

/// An undocumented status, with everything that arrived.
pub(crate) async fn unexpected(resp: reqwest::Response, deadline: Deadline) -> Error {
    match read(resp, deadline).await {
        Ok((status, headers, body)) => Error::UnexpectedStatus {
            status,
            headers,
            body,
        },
        Err(e) => e,
    }
}

/// The marker that carries a nested path through a custom serde error (discriminated unions
/// decode their variant from a `Value`).
const NESTED: &str = "\u{1}oaskit-path\u{1}";

/// Joins serde_path_to_error's `path` (`.` when empty) with a path carried in `message`:
/// (the JSON path after `$`, the message).
fn path_and_message(path: &str, message: String) -> (String, String) {
    let mut out = String::new();
    if path != "." {
        if !path.starts_with('[') {
            out.push('.');
        }
        out.push_str(path);
    }
    match message
        .strip_prefix(NESTED)
        .and_then(|m| m.split_once(NESTED))
    {
        Some((inner, rest)) => {
            out.push_str(inner);
            (out, rest.to_string())
        }
        None => (out, message),
    }
}

/// Decodes a union variant from `value`, keeping the path of a mismatch inside it.
pub(crate) fn variant<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    value: Value,
) -> Result<T, E> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let (path, message) = path_and_message(&e.path().to_string(), e.inner().to_string());
        E::custom(format!("{NESTED}{path}{NESTED}{message}"))
    })
}

/// A parameter default, from its JSON text.
pub(crate) fn default_value(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or(Value::Null)
}

/// Fills a server URL template with `vars`, checking allowed values.
/// The HTTP client of [`crate::Client::new`]: redirects are followed only within the
/// request's origin (scheme, host and port), at most ten. reqwest drops `Authorization` and
/// cookies on a redirect to another origin, but not API keys in other headers or the query;
/// a redirect elsewhere is returned as the 3xx response instead, so no credential leaves the
/// origin it was given for.
pub(crate) fn http_client() -> reqwest::Client {
    let policy = reqwest::redirect::Policy::custom(|attempt| {
        let same = attempt.previous().first().is_some_and(|first| {
            first.scheme() == attempt.url().scheme()
                && first.host_str() == attempt.url().host_str()
                && first.port_or_known_default() == attempt.url().port_or_known_default()
        });
        if attempt.previous().len() > 10 {
            attempt.error("more than ten redirects")
        } else if same {
            attempt.follow()
        } else {
            attempt.stop()
        }
    });
    reqwest::Client::builder()
        .redirect(policy)
        .build()
        .unwrap_or_default()
}

pub(crate) fn server_url(server: &crate::Server, vars: &[(&str, &str)]) -> Result<String, Error> {
    for (name, _) in vars {
        if !server.variables.iter().any(|v| v.name == *name) {
            return Err(Error::Config(format!(
                "server {} has no variable {name:?}",
                server.url
            )));
        }
    }
    let mut url = server.url.to_string();
    for v in server.variables {
        let value = vars
            .iter()
            .rev()
            .find(|(n, _)| *n == v.name)
            .map_or(v.default, |(_, x)| *x);
        if !v.values.is_empty() && !v.values.contains(&value) {
            return Err(Error::Config(format!(
                "server variable {} cannot be {value:?} (one of {:?})",
                v.name, v.values
            )));
        }
        url = url.replace(&format!("{{{}}}", v.name), value);
    }
    Ok(url)
}

const UNRESERVED: &[u8] = b"-._~";

/// Percent-encodes everything but unreserved characters.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || UNRESERVED.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A value as a serde_json Value (parameters of any type serialize through this).
pub(crate) fn value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// A path parameter by style (`simple`, `label`, `matrix`) and explode.
pub(crate) fn path_param(name: &str, v: &Value, style: &str, explode: bool) -> String {
    let (prefix, sep) = match style {
        "label" => (".".to_string(), if explode { "." } else { "," }),
        "matrix" => (format!(";{name}="), if explode { ";" } else { "," }),
        _ => (String::new(), ","),
    };
    match v {
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| encode(&scalar(i))).collect();
            if style == "matrix" && explode {
                parts.iter().map(|p| format!(";{name}={p}")).collect()
            } else {
                format!("{prefix}{}", parts.join(sep))
            }
        }
        Value::Object(m) => {
            let parts: Vec<String> = if explode {
                m.iter()
                    .map(|(k, x)| format!("{}={}", encode(k), encode(&scalar(x))))
                    .collect()
            } else {
                m.iter()
                    .flat_map(|(k, x)| [encode(k), encode(&scalar(x))])
                    .collect()
            };
            if style == "matrix" && explode {
                parts.iter().map(|p| format!(";{p}")).collect()
            } else {
                format!("{prefix}{}", parts.join(sep))
            }
        }
        other => format!("{prefix}{}", encode(&scalar(other))),
    }
}

/// Query pairs for a parameter by style (`form`, `spaceDelimited`, `pipeDelimited`, `deepObject`).
pub(crate) fn query_param(
    name: &str,
    v: &Value,
    style: &str,
    explode: bool,
    out: &mut Vec<(String, String)>,
) {
    match v {
        Value::Null => {}
        Value::Array(items) if style == "form" && explode => {
            out.extend(items.iter().map(|i| (name.to_string(), scalar(i))));
        }
        Value::Array(items) => {
            let sep = match style {
                "spaceDelimited" => " ",
                "pipeDelimited" => "|",
                _ => ",",
            };
            out.push((
                name.to_string(),
                items.iter().map(scalar).collect::<Vec<_>>().join(sep),
            ));
        }
        Value::Object(m) if style == "deepObject" => {
            out.extend(m.iter().map(|(k, x)| (format!("{name}[{k}]"), scalar(x))));
        }
        Value::Object(m) if explode => out.extend(m.iter().map(|(k, x)| (k.clone(), scalar(x)))),
        Value::Object(m) => {
            let flat: Vec<String> = m.iter().flat_map(|(k, x)| [k.clone(), scalar(x)]).collect();
            out.push((name.to_string(), flat.join(",")));
        }
        other => out.push((name.to_string(), scalar(other))),
    }
}

/// A header or cookie value (`simple` / `form` without explode).
pub(crate) fn header_value(v: &Value) -> String {
    match v {
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(","),
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, x)| [k.clone(), scalar(x)])
            .collect::<Vec<_>>()
            .join(","),
        other => scalar(other),
    }
}

/// `application/x-www-form-urlencoded` from an object.
pub(crate) fn form(v: &Value) -> String {
    let mut pairs = Vec::new();
    if let Value::Object(m) = v {
        for (k, x) in m {
            query_param(k, x, "form", true, &mut pairs);
        }
    }
    pairs
        .iter()
        .map(|(k, x)| format!("{}={}", encode(k), encode(x)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `multipart/form-data` from an object: (content type with boundary, body).
pub(crate) fn multipart(v: &Value) -> (String, Vec<u8>) {
    let boundary = "oaskit-boundary-7d1f3b9e";
    let mut body = Vec::new();
    if let Value::Object(m) = v {
        for (k, x) in m {
            let items: Vec<&Value> = match x {
                Value::Array(a) => a.iter().collect(),
                other => vec![other],
            };
            for item in items {
                let (ct, text) = match item {
                    Value::Object(_) | Value::Array(_) => ("application/json", item.to_string()),
                    other => ("text/plain", scalar(other)),
                };
                let name = k.replace(['"', '\r', '\n'], "_");
                body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\nContent-Type: {ct}\r\n\r\n").as_bytes());
                body.extend_from_slice(text.as_bytes());
                body.extend_from_slice(b"\r\n");
            }
        }
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

// Documented response headers, read to their types.

/// How a documented header's text maps to its type (simple style): one value, a
/// comma-separated list, or comma-separated names and values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeaderShape {
    Scalar,
    List,
    Object,
}

/// A documented header that did not read as its type: its name and why.
#[derive(Debug)]
pub(crate) struct HeaderMismatch {
    name: &'static str,
    expected: &'static str,
    message: String,
}

/// A JSON value from header or cursor text: the text itself, and the JSON it reads as when it
/// is a number, a boolean or null (`"5"` fits both `String` and `i64`).
fn texts(s: &str) -> (Value, Option<Value>) {
    let parsed = match serde_json::from_str::<Value>(s) {
        Ok(v @ (Value::Number(_) | Value::Bool(_) | Value::Null)) => Some(v),
        _ => None,
    };
    (Value::String(s.to_string()), parsed)
}

/// Header `name` of `headers` read as `T` (`None` when absent): the values of a repeated
/// header are joined by commas, as RFC 9110 allows; a list splits at commas, an object takes
/// names and values in turn; each piece reads as text, else as the number or boolean it
/// spells.
pub(crate) fn header<T: serde::de::DeserializeOwned>(
    headers: &reqwest::header::HeaderMap,
    name: &'static str,
    shape: HeaderShape,
) -> Result<Option<T>, HeaderMismatch> {
    let expected = std::any::type_name::<T>();
    let mismatch = |message: String| HeaderMismatch {
        name,
        expected,
        message,
    };
    let mut joined = String::new();
    for (k, v) in headers.get_all(name).iter().enumerate() {
        let v = v
            .to_str()
            .map_err(|_| mismatch("the value is not visible ASCII text".to_string()))?;
        if k > 0 {
            joined.push(',');
        }
        joined.push_str(v);
    }
    if headers.get(name).is_none() {
        return Ok(None);
    }
    let pieces: Vec<(Value, Option<Value>)> = match shape {
        HeaderShape::Scalar => vec![texts(joined.trim())],
        _ => joined.split(',').map(|p| texts(p.trim())).collect(),
    };
    // Everything as text first, then with numbers and booleans read as such.
    let build = |typed: bool| -> Value {
        let pick = |(text, parsed): &(Value, Option<Value>)| match parsed {
            Some(v) if typed => v.clone(),
            _ => text.clone(),
        };
        match shape {
            HeaderShape::Scalar => pieces.first().map_or(Value::Null, pick),
            HeaderShape::List => Value::Array(pieces.iter().map(pick).collect()),
            HeaderShape::Object => Value::Object(
                pieces
                    .chunks_exact(2)
                    .map(|kv| {
                        (
                            kv[0].0.as_str().unwrap_or_default().to_string(),
                            pick(&kv[1]),
                        )
                    })
                    .collect(),
            ),
        }
    };
    match serde_json::from_value(build(false)) {
        Ok(v) => Ok(Some(v)),
        Err(first) => serde_json::from_value(build(true))
            .map(Some)
            .map_err(|_| mismatch(format!("{joined:?}: {first}"))),
    }
}

/// The error of a documented header that did not read as its type: an [`Error::Decode`]
/// naming it, with the body read first (before the deadline) unless it is streamed (`None`).
pub(crate) async fn bad_header(
    resp: reqwest::Response,
    deadline: Option<Deadline>,
    m: HeaderMismatch,
) -> Error {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = match deadline {
        Some(deadline) => match read(resp, deadline).await {
            Ok((_, _, body)) => body,
            Err(e) => return e,
        },
        None => Vec::new(),
    };
    Error::Decode(Box::new(DecodeError {
        path: "$".to_string(),
        header: Some(m.name.to_string()),
        status,
        headers,
        body,
        expected: m.expected,
        message: m.message,
    }))
}

// Listings: the `pages()` and `items()` helpers of paginated operations. Each page is a normal
// call of the operation (middleware, retries, credentials, timeout, decoding); `Pages` decides
// what the next call is.

/// A listing helper that cannot go on (see [`Error::Page`]).
pub struct PageError {
    /// The operation (its client method).
    pub operation: &'static str,
    /// The page that failed, from 1 (for a refused next URL: the page that named it).
    pub page: usize,
    /// The status of the page that failed (`None` for a refused next URL).
    pub status: Option<u16>,
    /// The next page's URL that was refused: on another origin than the client's base URL,
    /// so the client's credentials are never sent there.
    pub url: Option<String>,
    /// The documented response of the failed page: its response enum (`downcast_ref::<..>()`).
    pub response: Option<Box<dyn std::any::Any + Send + Sync>>,
    /// What happened.
    pub message: String,
}

impl std::fmt::Debug for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageError")
            .field("operation", &self.operation)
            .field("page", &self.page)
            .field("status", &self.status)
            .field("url", &self.url)
            .field("message", &self.message)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.operation, self.message)
    }
}

impl std::error::Error for PageError {}

/// How a listing asks for its next page (written by the generator).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum PageStyle {
    /// The parameter set to the value at this field path of the page.
    Cursor(&'static [&'static str]),
    /// The URL at this field path of the page.
    NextUrl(&'static [&'static str]),
    /// The `rel="next"` URL of the `Link` header.
    LinkHeader,
    /// The parameter counted up by one page.
    Page,
    /// The parameter counted up by the items received.
    Offset,
}

/// How an operation pages (written by the generator).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Paging {
    /// The operation's client method, for messages.
    pub operation: &'static str,
    /// The field path of the items array in a page (empty: the page is the array).
    pub items: &'static [&'static str],
    /// How the next page is asked for.
    pub style: PageStyle,
    /// The first page number or offset when the call names none.
    pub start: i64,
}

/// What a page's call brought.
#[doc(hidden)]
pub enum Fetched<P> {
    /// A page: its body, the URL it came from and its `Link` header.
    Page(P, reqwest::Url, Option<String>),
    /// A success without content: the listing is over.
    End,
    /// Any other documented response: its status, whether it is a success, and itself.
    Other(u16, bool, Box<dyn std::any::Any + Send + Sync>),
}

/// The request builder of a paginated operation, as its listing helpers use it. Implemented by
/// the generated request builders (see their `pages()` and `items()`); not meant to be
/// implemented elsewhere.
pub trait Paginated: Send {
    /// The body of one page.
    type Page: serde::Serialize + Send;
    /// One item of a page.
    type Item: serde::de::DeserializeOwned + Send;

    #[doc(hidden)]
    fn oaskit_paging(&self) -> Paging;

    #[doc(hidden)]
    fn oaskit_base_url(&self) -> &str;

    /// Makes the call, to `next` instead of the operation's URL when given.
    #[doc(hidden)]
    fn oaskit_fetch(
        &self,
        next: Option<String>,
    ) -> BoxFuture<'_, Result<Fetched<Self::Page>, Error>>;

    /// The value of the paging parameter, when set.
    #[doc(hidden)]
    fn oaskit_get(&self) -> Option<Value> {
        None
    }

    /// Sets the paging parameter; false when `value` does not fit its type.
    #[doc(hidden)]
    fn oaskit_set(&mut self, value: &Value) -> bool {
        let _ = value;
        false
    }
}

/// The value at field path `path` of `value`.
fn at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, key| v.get(*key))
}

/// `value` as a parameter of type `T`: as it is, else a string as the number or boolean it
/// spells, else a number or boolean as text.
fn from_json<T: serde::de::DeserializeOwned>(value: &Value) -> Option<T> {
    if let Ok(v) = serde_json::from_value(value.clone()) {
        return Some(v);
    }
    let other = match value {
        Value::String(s) => texts(s).1?,
        Value::Number(_) | Value::Bool(_) => Value::String(value.to_string()),
        _ => return None,
    };
    serde_json::from_value(other).ok()
}

/// Sets the paging parameter of `request` to `value` (see [`Paginated::oaskit_set`]).
pub(crate) fn set_param<T: serde::de::DeserializeOwned>(slot: &mut T, value: &Value) -> bool {
    match from_json(value) {
        Some(v) => {
            *slot = v;
            true
        }
        None => false,
    }
}

/// The scheme, host and port of `url`.
fn origin(url: &reqwest::Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_ascii_lowercase),
        url.port_or_known_default(),
    )
}

/// The target of the `rel="next"` link of a `Link` header (RFC 8288), as written: links are
/// `<target>` followed by `;`-separated parameters and separated by commas (several headers are
/// joined by commas too); a `rel` holds space-separated relation types, compared without case;
/// values may be quoted, with backslash escapes; the first `rel` of a link counts.
pub fn next_link(header: &str) -> Option<String> {
    let h: Vec<char> = header.chars().collect();
    let n = h.len();
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < n && (h[*i] == ' ' || h[*i] == '\t') {
            *i += 1;
        }
    };
    // A quoted string starting at `i`, unescaped; `i` ends past the closing quote.
    let quoted = |i: &mut usize| {
        let mut value = String::new();
        *i += 1;
        while *i < n && h[*i] != '"' {
            if h[*i] == '\\' && *i + 1 < n {
                *i += 1;
            }
            value.push(h[*i]);
            *i += 1;
        }
        *i += 1;
        value
    };
    while i < n {
        let open = (i..n).find(|&k| h[k] == '<')?;
        let close = (open + 1..n).find(|&k| h[k] == '>')?;
        let target: String = h[open + 1..close].iter().collect();
        i = close + 1;
        let mut rels: Option<Vec<String>> = None;
        // Parameters, up to the comma that ends this link.
        loop {
            skip_space(&mut i);
            if i >= n {
                break;
            }
            if h[i] == ',' {
                i += 1;
                break;
            }
            if h[i] != ';' {
                // Not a parameter: skip to the next `;` or `,` outside quotes.
                while i < n && h[i] != ';' && h[i] != ',' {
                    if h[i] == '"' {
                        quoted(&mut i);
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            i += 1;
            skip_space(&mut i);
            let mut name = String::new();
            while i < n && !";,= \t".contains(h[i]) {
                name.push(h[i]);
                i += 1;
            }
            skip_space(&mut i);
            let mut value = String::new();
            if i < n && h[i] == '=' {
                i += 1;
                skip_space(&mut i);
                if i < n && h[i] == '"' {
                    value = quoted(&mut i);
                } else {
                    while i < n && h[i] != ';' && h[i] != ',' {
                        value.push(h[i]);
                        i += 1;
                    }
                    value = value.trim().to_string();
                }
            }
            if name.eq_ignore_ascii_case("rel") && rels.is_none() {
                rels = Some(
                    value
                        .split([' ', '\t'])
                        .filter(|r| !r.is_empty())
                        .map(str::to_ascii_lowercase)
                        .collect(),
                );
            }
        }
        if rels.is_some_and(|r| r.iter().any(|x| x == "next")) {
            return Some(target.trim().to_string());
        }
    }
    None
}

/// The `Link` header of a response (several joined by commas).
pub(crate) fn link_header(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// The pages of a listing, one call each, made when [`Pages::next_page`] asks for it: each
/// page is a call of the operation (middleware, retries, credentials, timeout and decoding
/// apply to every page). The listing ends when there is no next cursor or URL, when one comes
/// back a second time, when a success without content arrives, or (page and offset styles) on
/// a page without items or one the same as the page before (a server that ignores the page
/// number or offset; that page is not returned again). A page that is not a success, or a next
/// URL on another origin than the client's base URL, is an [`Error::Page`], after which the
/// listing is over.
pub struct Pages<R: Paginated> {
    request: R,
    /// Pages asked for so far.
    page: usize,
    /// The URL of the next page (URL styles).
    next: Option<String>,
    /// The error to report at the next call (a refused next URL).
    pending: Option<Error>,
    done: bool,
    /// Cursors sent (as JSON text) or URLs visited.
    seen: std::collections::HashSet<String>,
    counter: i64,
    /// The page before (page and offset styles), to end on a server that ignores the parameter.
    last: Option<Value>,
}

impl<R: Paginated> std::fmt::Debug for Pages<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("operation", &self.request.oaskit_paging().operation)
            .field("page", &self.page)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<R: Paginated> Pages<R> {
    pub(crate) fn new(request: R) -> Self {
        Self {
            request,
            page: 0,
            next: None,
            pending: None,
            done: false,
            seen: std::collections::HashSet::new(),
            counter: 0,
            last: None,
        }
    }

    /// The items of every page, in order.
    pub fn items(self) -> Items<R> {
        Items {
            pages: self,
            buffer: Vec::new().into_iter(),
        }
    }

    /// The next page's body, or `None` when the listing is over.
    pub async fn next_page(&mut self) -> Result<Option<R::Page>, Error> {
        Ok(self.advance().await?.map(|(page, _)| page))
    }

    /// The next page and its JSON value.
    async fn advance(&mut self) -> Result<Option<(R::Page, Value)>, Error> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        if self.done {
            return Ok(None);
        }
        let paging = self.request.oaskit_paging();
        if self.page == 0 {
            match paging.style {
                PageStyle::Page | PageStyle::Offset => {
                    self.counter = self
                        .request
                        .oaskit_get()
                        .and_then(|v| v.as_i64())
                        .unwrap_or(paging.start);
                    self.request.oaskit_set(&Value::from(self.counter));
                }
                PageStyle::Cursor(_) => {
                    if let Some(v) = self.request.oaskit_get() {
                        self.seen.insert(v.to_string());
                    }
                }
                _ => {}
            }
        }
        self.page += 1;
        // Over unless this page names a next one.
        self.done = true;
        let (page, sent, link) = match self.request.oaskit_fetch(self.next.take()).await? {
            Fetched::Page(page, sent, link) => (page, sent, link),
            Fetched::End => return Ok(None),
            Fetched::Other(status, ok, response) => {
                let message = if ok {
                    format!(
                        "page {} came back with status {status}, not as a page",
                        self.page
                    )
                } else {
                    format!("page {} failed with status {status}", self.page)
                };
                return Err(Error::Page(Box::new(PageError {
                    operation: paging.operation,
                    page: self.page,
                    status: Some(status),
                    url: None,
                    response: Some(response),
                    message,
                })));
            }
        };
        let value = serde_json::to_value(&page).unwrap_or(Value::Null);
        match paging.style {
            PageStyle::Cursor(path) => {
                let next = at(&value, path)
                    .filter(|c| matches!(c, Value::String(s) if !s.is_empty()) || c.is_number());
                if let Some(cursor) = next {
                    if self.seen.insert(cursor.to_string()) && self.request.oaskit_set(cursor) {
                        self.done = false;
                    }
                }
            }
            PageStyle::Page | PageStyle::Offset => {
                if self.last.as_ref() == Some(&value) {
                    // The server ignored the page number or offset: the same page again ends
                    // the listing, and is not returned a second time.
                    return Ok(None);
                }
                let count = at(&value, paging.items)
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                if count > 0 {
                    self.last = Some(value.clone());
                    let step = if matches!(paging.style, PageStyle::Page) {
                        1
                    } else {
                        i64::try_from(count).unwrap_or(i64::MAX)
                    };
                    self.counter = self.counter.saturating_add(step);
                    self.done = !self.request.oaskit_set(&Value::from(self.counter));
                }
            }
            PageStyle::NextUrl(_) | PageStyle::LinkHeader => {
                let raw = match paging.style {
                    PageStyle::NextUrl(path) => {
                        at(&value, path).and_then(Value::as_str).map(str::to_string)
                    }
                    _ => link.as_deref().and_then(next_link),
                };
                let raw = raw.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
                if let Some(raw) = raw {
                    let mut sent = sent;
                    sent.set_fragment(None);
                    self.seen.insert(sent.to_string());
                    match sent.join(&raw) {
                        Ok(mut next) => {
                            next.set_fragment(None);
                            let base = reqwest::Url::parse(self.request.oaskit_base_url()).ok();
                            if base.as_ref().map(origin) != Some(origin(&next)) {
                                self.pending = Some(Error::Page(Box::new(PageError {
                                    operation: paging.operation,
                                    page: self.page,
                                    status: None,
                                    url: Some(next.to_string()),
                                    response: None,
                                    message: format!("refusing to follow the next page's URL {next}: its origin is not the client's ({})", self.request.oaskit_base_url()),
                                })));
                            } else if self.seen.insert(next.to_string()) {
                                self.next = Some(next.to_string());
                                self.done = false;
                            }
                        }
                        Err(e) => {
                            self.pending = Some(Error::Page(Box::new(PageError {
                                operation: paging.operation,
                                page: self.page,
                                status: None,
                                url: Some(raw.clone()),
                                response: None,
                                message: format!("the next page's URL {raw:?} is not a URL: {e}"),
                            })));
                        }
                    }
                }
            }
        }
        Ok(Some((page, value)))
    }
}

/// Every item of every page of a listing, in order (see [`Pages`]); pages are asked for when
/// [`Items::next_item`] needs them, so memory holds one page at a time.
pub struct Items<R: Paginated> {
    pages: Pages<R>,
    buffer: std::vec::IntoIter<R::Item>,
}

impl<R: Paginated> std::fmt::Debug for Items<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffer.len())
            .finish()
    }
}

impl<R: Paginated> Items<R> {
    /// The next item, or `None` when the listing is over.
    pub async fn next_item(&mut self) -> Result<Option<R::Item>, Error> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Ok(Some(item));
            }
            let Some((_, mut value)) = self.pages.advance().await? else {
                return Ok(None);
            };
            let paging = self.pages.request.oaskit_paging();
            let list = paging
                .items
                .iter()
                .try_fold(&mut value, |v, key| v.get_mut(*key))
                .map(Value::take);
            let items: Vec<R::Item> = match list {
                Some(list @ Value::Array(_)) => serde_json::from_value(list).map_err(|e| {
                    Error::Other(
                        format!(
                            "{}: the items of page {} do not read back: {e}",
                            paging.operation, self.pages.page
                        )
                        .into(),
                    )
                })?,
                _ => Vec::new(),
            };
            self.buffer = items.into_iter();
        }
    }
}
