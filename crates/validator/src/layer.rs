//! A `tower` layer that validates every request and response of an axum or hyper service
//! against the definition (feature `tower`).
//!
//! Bodies are read whole (up to [`Options::with_max_body_size`](crate::Options::with_max_body_size),
//! 64 MiB by default), validated, and handed on as [`Full`] bodies: the inner service receives
//! `http::Request<Full<Bytes>>` and the layer answers `http::Response<Full<Bytes>>`. axum's
//! `Router::layer` takes it as it is; a hyper service receives `Full<Bytes>` bodies. Streaming
//! responses (server-sent events) are therefore buffered: keep the layer off such routes.
//!
//! ```
//! use oaskit_validator::{layer::ValidationLayer, Collector, Contract, Options};
//!
//! let loaded = oaskit_core::load_str("api.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", &oaskit_core::LoadOptions::new());
//! let contract = Contract::from_loaded(loaded, &Options::new()).unwrap();
//! let collector = Collector::new();
//! // Log every violation (with `tracing`), and keep them for the end of the test.
//! let layer = ValidationLayer::report(contract).collect_into(&collector);
//! # let _ = layer;
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::Body;
use http_body_util::{BodyExt, Full, Limited};
use serde_json::json;

use crate::collect::Policy;
use crate::{Collector, Contract, Direction, Finding, Report};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Validates every request and response of the service it wraps. Three modes:
///
/// - [`ValidationLayer::report`]: logs each violation (a `tracing` warning per violation, with
///   the message, its payload pointer and the rule's `file:line:column`), changes nothing;
/// - [`ValidationLayer::reject`]: logs, and answers an invalid request itself with a
///   `application/problem+json` 400 (422 when only schemas are broken; 401, 404, 405, 413,
///   415 where those fit) without calling the service, and replaces an invalid response with
///   a 500 problem listing its violations (for tests: a server in production should not);
/// - [`ValidationLayer::collect`]: keeps each invalid message in a [`Collector`], silently.
///
/// [`ValidationLayer::collect_into`] adds a collector to the first two.
#[derive(Clone, Debug)]
pub struct ValidationLayer {
    policy: Arc<Policy>,
}

impl ValidationLayer {
    /// Logs every violation and passes every message through.
    #[must_use]
    pub fn report(contract: Contract) -> Self {
        Self::with(Policy::new(contract, true, false))
    }

    /// Logs every violation and refuses invalid messages with a problem (see the type).
    #[must_use]
    pub fn reject(contract: Contract) -> Self {
        Self::with(Policy::new(contract, true, true))
    }

    /// Keeps every invalid message in `collector`, passing everything through, logging
    /// nothing.
    #[must_use]
    pub fn collect(contract: Contract, collector: &Collector) -> Self {
        let mut p = Policy::new(contract, false, false);
        p.collector = Some(collector.clone());
        Self::with(p)
    }

    /// Also keeps every invalid message in `collector`.
    #[must_use]
    pub fn collect_into(self, collector: &Collector) -> Self {
        let mut p = (*self.policy).clone();
        p.collector = Some(collector.clone());
        Self::with(p)
    }

    fn with(policy: Policy) -> Self {
        Self {
            policy: Arc::new(policy),
        }
    }
}

impl<S> tower_layer::Layer<S> for ValidationLayer {
    type Service = Validation<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Validation {
            inner,
            policy: Arc::clone(&self.policy),
        }
    }
}

/// The service [`ValidationLayer`] wraps around another.
#[derive(Clone, Debug)]
pub struct Validation<S> {
    inner: S,
    policy: Arc<Policy>,
}

/// The future of [`Validation`].
pub type ValidationFuture<E> =
    Pin<Box<dyn Future<Output = Result<http::Response<Full<Bytes>>, E>> + Send>>;

impl<S, ReqBody, ResBody> tower_service::Service<http::Request<ReqBody>> for Validation<S>
where
    S: tower_service::Service<http::Request<Full<Bytes>>, Response = http::Response<ResBody>>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    ReqBody: Body + Send + 'static,
    ReqBody::Data: Send,
    ReqBody::Error: Into<BoxError>,
    ResBody: Body + Send + 'static,
    ResBody::Data: Send,
    ResBody::Error: Into<BoxError>,
{
    type Response = http::Response<Full<Bytes>>;
    type Error = S::Error;
    type Future = ValidationFuture<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<ReqBody>) -> Self::Future {
        // The instance that was polled ready serves this call; the clone waits for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let policy = Arc::clone(&self.policy);
        Box::pin(async move {
            let limit = policy.contract.validator().max_body;
            let (parts, body) = req.into_parts();
            let method = parts.method.as_str().to_string();
            let url = parts.uri.to_string();
            let bytes = match Limited::new(body, limit).collect().await {
                Ok(b) => b.to_bytes(),
                Err(e) => return Ok(unreadable(Direction::Request, limit, &e)),
            };
            let message = crate::Request {
                method: method.clone(),
                url: url.clone(),
                headers: crate::message::headers(&parts.headers),
                body: bytes.to_vec(),
            };
            let (route, report) = policy.contract.check_request(&message);
            drop(message);
            let finding = |report: &Report, status: Option<u16>| Finding {
                direction: if status.is_some() {
                    Direction::Response
                } else {
                    Direction::Request
                },
                method: method.clone(),
                url: url.clone(),
                status,
                report: report.clone(),
            };
            if !policy.observe(|| finding(&report, None), &report) && policy.reject {
                return Ok(problem(
                    request_status(&report),
                    Direction::Request,
                    &report,
                ));
            }
            let resp = inner
                .call(http::Request::from_parts(parts, Full::new(bytes)))
                .await?;
            let (parts, body) = resp.into_parts();
            let bytes = match Limited::new(body, limit).collect().await {
                Ok(b) => b.to_bytes(),
                Err(e) => return Ok(unreadable(Direction::Response, limit, &e)),
            };
            if let Some(route) = route {
                let status = parts.status.as_u16();
                let message = crate::Response {
                    status,
                    headers: crate::message::headers(&parts.headers),
                    body: bytes.to_vec(),
                };
                let report = policy.contract.check_response(&route, &message);
                if !policy.observe(|| finding(&report, Some(status)), &report) && policy.reject {
                    return Ok(problem(500, Direction::Response, &report));
                }
            }
            Ok(http::Response::from_parts(parts, Full::new(bytes)))
        })
    }
}

/// The status an invalid request is refused with.
fn request_status(report: &Report) -> u16 {
    let has = |code: &str| report.violations.iter().any(|v| v.code == code);
    let order: [(&[&str], u16); 6] = [
        (&["route-not-found"], 404),
        (&["method-not-allowed"], 405),
        (&["security-missing"], 401),
        (&["body-too-large"], 413),
        (&["content-type-unsupported"], 415),
        (
            &[
                "param-missing",
                "param-malformed",
                "param-empty",
                "param-reserved",
                "body-missing",
                "content-type-missing",
                "body-malformed",
            ],
            400,
        ),
    ];
    order
        .iter()
        .find(|(codes, _)| codes.iter().any(|c| has(c)))
        .map_or(422, |(_, s)| *s)
}

/// An `application/problem+json` answer (RFC 9457) listing a report's violations.
fn problem(status: u16, direction: Direction, report: &Report) -> http::Response<Full<Bytes>> {
    let body = json!({
        "type": format!("urn:oaskit:problem:invalid-{direction}"),
        "title": format!("The {direction} does not match the API definition"),
        "status": status,
        "detail": report.to_string().trim_end(),
        "operation": report.operation.as_deref(),
        "violations": report.violations.iter().map(|v| json!({
            "code": v.code,
            "part": v.part.to_string(),
            "message": v.message,
            "rule": v.rule,
            "rule_at": v.rule_at,
        })).collect::<Vec<_>>(),
    });
    problem_response(status, &body)
}

fn problem_response(status: u16, body: &serde_json::Value) -> http::Response<Full<Bytes>> {
    let mut resp = http::Response::new(Full::new(Bytes::from(body.to_string())));
    *resp.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    resp.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/problem+json"),
    );
    resp
}

/// A body that could not be read: larger than the limit (413, or 500 for a response), or cut
/// off (400 / 500).
fn unreadable(direction: Direction, limit: usize, e: &BoxError) -> http::Response<Full<Bytes>> {
    let too_large = e
        .downcast_ref::<http_body_util::LengthLimitError>()
        .is_some();
    let status = match (direction, too_large) {
        (Direction::Request, true) => 413,
        (Direction::Request, false) => 400,
        (Direction::Response, _) => 500,
    };
    let detail = if too_large {
        format!("the {direction} body is larger than the {limit} bytes the validator reads")
    } else {
        format!("the {direction} body could not be read: {e}")
    };
    tracing::warn!(target: "oaskit_validator", "{detail}");
    problem_response(
        status,
        &json!({
            "type": format!("urn:oaskit:problem:unreadable-{direction}"),
            "title": format!("The {direction} body could not be validated"),
            "status": status,
            "detail": detail,
        }),
    )
}
