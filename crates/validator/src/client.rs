//! A `reqwest-middleware` middleware that validates what a client sends and what it receives
//! against the definition (feature `reqwest`): contract tests for API clients.
//!
//! Response bodies are read whole, validated, and handed back as a new `reqwest::Response`
//! with the same status, version, URL, headers and bytes. Streaming request bodies (which
//! reqwest cannot show before sending) are validated as empty.
//!
//! ```
//! use oaskit_validator::{client::ValidationMiddleware, Collector, Contract, Options};
//!
//! let loaded = oaskit_core::load_str("api.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", &oaskit_core::LoadOptions::new());
//! let contract = Contract::from_loaded(loaded, &Options::new()).unwrap();
//! let collector = Collector::new();
//! let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(ValidationMiddleware::collect(contract, &collector))
//!     .build();
//! # let _ = client;
//! ```

use std::sync::Arc;

use reqwest::ResponseBuilderExt as _;
use reqwest_middleware::{Middleware, Next};

use crate::collect::Policy;
use crate::{Collector, Contract, Direction, Finding, Report};

/// Validates every request a client sends and every response it receives. Three modes, as
/// for the tower layer:
///
/// - [`ValidationMiddleware::report`]: logs each violation (a `tracing` warning per violation,
///   with its payload pointer and the rule's `file:line:column`), changes nothing;
/// - [`ValidationMiddleware::reject`]: logs, and fails the call with a [`Rejected`] error
///   (`reqwest_middleware::Error::Middleware`): an invalid request is not sent, an invalid
///   response is not returned;
/// - [`ValidationMiddleware::collect`]: keeps each invalid message in a [`Collector`].
///
/// [`ValidationMiddleware::collect_into`] adds a collector to the first two.
#[derive(Clone, Debug)]
pub struct ValidationMiddleware {
    policy: Arc<Policy>,
}

impl ValidationMiddleware {
    /// Logs every violation and passes every message through.
    #[must_use]
    pub fn report(contract: Contract) -> Self {
        Self::with(Policy::new(contract, true, false))
    }

    /// Logs every violation and fails calls whose request or response is invalid.
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

/// The error of a call [`ValidationMiddleware::reject`] refused: the invalid message.
#[derive(Clone, Debug)]
pub struct Rejected(pub Finding);

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused by oaskit-validator: {}", self.0)
    }
}

impl std::error::Error for Rejected {}

#[async_trait::async_trait]
impl Middleware for ValidationMiddleware {
    async fn handle(
        &self,
        req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let policy = &self.policy;
        let method = req.method().as_str().to_string();
        let url = req.url().to_string();
        let message = crate::Request {
            method: method.clone(),
            url: url.clone(),
            headers: crate::message::headers(req.headers()),
            body: req
                .body()
                .and_then(reqwest::Body::as_bytes)
                .map(<[u8]>::to_vec)
                .unwrap_or_default(),
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
            return Err(reqwest_middleware::Error::middleware(Rejected(finding(
                &report, None,
            ))));
        }
        let resp = next.run(req, extensions).await?;
        let Some(route) = route else {
            return Ok(resp);
        };
        let status = resp.status();
        let version = resp.version();
        let resp_url = resp.url().clone();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await?;
        let message = crate::Response {
            status: status.as_u16(),
            headers: crate::message::headers(&headers),
            body: bytes.to_vec(),
        };
        let report = policy.contract.check_response(&route, &message);
        drop(message);
        if !policy.observe(|| finding(&report, Some(status.as_u16())), &report) && policy.reject {
            return Err(reqwest_middleware::Error::middleware(Rejected(finding(
                &report,
                Some(status.as_u16()),
            ))));
        }
        let mut rebuilt = http::Response::builder()
            .status(status)
            .version(version)
            .url(resp_url)
            .body(bytes)
            .map_err(reqwest_middleware::Error::middleware)?;
        *rebuilt.headers_mut() = headers;
        Ok(reqwest::Response::from(rebuilt))
    }
}
