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
    /// An error from a middleware or a token provider.
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// A body that did not match the documented type: where, and everything that arrived.
#[derive(Debug)]
pub struct DecodeError {
    /// The JSON path of the first mismatch (`$.shapes[1].side`; `$` for the whole body).
    pub path: String,
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
        write!(
            f,
            "cannot decode the {} response as {} at {}: {}",
            self.status, self.expected, self.path, self.message
        )
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
            Self::Other(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Request(e) => Some(e),
            Self::Decode(e) => Some(e.as_ref()),
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
