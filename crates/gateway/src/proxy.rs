//! Forwarding to a backend (`--upstream`, `HTTP` and `HTTP_PROXY` integrations, AWS
//! integrations mapped to a local URL): the method, path, query, headers without the
//! hop-by-hop ones (RFC 9110 section 7.6.1), and body; the answer comes back whole, bounded.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;

use crate::answer::Answer;

/// The largest backend response read.
pub(crate) const MAX_RESPONSE: usize = 64 << 20;

/// Headers that belong to one connection and are never forwarded.
pub(crate) const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Whether `name` must not be forwarded, given the message's `Connection` header.
pub(crate) fn is_hop_by_hop(name: &str, connection: Option<&str>) -> bool {
    HOP_BY_HOP.iter().any(|h| name.eq_ignore_ascii_case(h))
        || connection.is_some_and(|c| c.split(',').any(|t| t.trim().eq_ignore_ascii_case(name)))
}

/// An HTTP/1.1 client with pooled connections.
#[derive(Clone, Debug)]
pub(crate) struct Proxy {
    client: Client<HttpConnector, Full<Bytes>>,
}

/// Why a backend gave no answer.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Not reachable, or not HTTP, or the URL is unusable.
    Failed(String),
    /// No answer in time.
    Timeout,
}

/// One request to a backend.
#[derive(Debug)]
pub(crate) struct Outgoing {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Proxy {
    pub(crate) fn new() -> Self {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(Duration::from_secs(10)));
        Self {
            client: Client::builder(TokioExecutor::new())
                .pool_idle_timeout(Duration::from_secs(30))
                .build(connector),
        }
    }

    /// Sends `out` and reads the whole answer.
    pub(crate) async fn send(&self, out: Outgoing, timeout: Duration) -> Result<Answer, Failure> {
        let uri: http::Uri = out
            .url
            .parse()
            .map_err(|e| Failure::Failed(format!("bad URL {}: {e}", out.url)))?;
        if uri.scheme_str() != Some("http") {
            return Err(Failure::Failed(format!(
                "{}: only http:// backends are supported",
                out.url
            )));
        }
        let mut builder = http::Request::builder()
            .method(
                http::Method::from_bytes(out.method.as_bytes())
                    .map_err(|e| Failure::Failed(e.to_string()))?,
            )
            .uri(uri);
        let connection = out
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("connection"))
            .map(|(_, v)| v.clone());
        for (k, v) in &out.headers {
            if is_hop_by_hop(k, connection.as_deref())
                || k.eq_ignore_ascii_case("host")
                || k.eq_ignore_ascii_case("content-length")
            {
                continue;
            }
            builder = builder.header(k.as_str(), v.as_str());
        }
        let req = builder
            .body(Full::new(out.body))
            .map_err(|e| Failure::Failed(e.to_string()))?;
        let fut = async {
            let resp = self
                .client
                .request(req)
                .await
                .map_err(|e| Failure::Failed(format!("{}: {e}", out.url)))?;
            let (parts, body) = resp.into_parts();
            let body = Limited::new(body, MAX_RESPONSE)
                .collect()
                .await
                .map_err(|e| Failure::Failed(format!("reading the backend's body: {e}")))?
                .to_bytes();
            let connection = parts
                .headers
                .get("connection")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let headers = parts
                .headers
                .iter()
                .filter(|(k, _)| {
                    !is_hop_by_hop(k.as_str(), connection.as_deref()) && *k != "content-length"
                })
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            Ok(Answer {
                status: parts.status.as_u16(),
                headers,
                body,
            })
        };
        match tokio::time::timeout(timeout, fut).await {
            Ok(r) => r,
            Err(_) => Err(Failure::Timeout),
        }
    }
}
