//! The one place oaskit touches the network: reading a definition or a reference by URL,
//! only when the user asked for it.
//!
//! Every URL is parsed once by the `url` crate (what the client connects with) and judged by
//! [`oaskit_core::net`]: on the entry, on every `$ref`, on every redirect, and on every address
//! a host name resolves to. The resolver hands the client only the addresses it has judged, so
//! a name cannot resolve to a public address for the check and to the metadata service for the
//! connection. Each fetch has one deadline for the whole exchange (connect, headers and body,
//! however slowly the bytes trickle), and a load has one deadline for all its fetches.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use oaskit_core::{net, FsReader, ReadError, Reader};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// The longest one fetch may take, from connecting to the last byte of the body.
pub(crate) const FETCH_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest all the fetches of one load may take together.
pub(crate) const LOAD_TIMEOUT: Duration = Duration::from_secs(60);
/// The most redirects one fetch follows.
const MAX_REDIRECTS: usize = 5;

/// Reads files like [`FsReader`] and, when enabled, URLs under the address policy.
pub(crate) struct NetReader {
    client: Option<(reqwest::Client, tokio::runtime::Runtime)>,
    allow_private: bool,
    deadline: Instant,
    load_timeout: Duration,
}

impl NetReader {
    /// A reader that fetches only when `enabled`; `allow_private` opens loopback and private
    /// addresses; all fetches together end after `load_timeout`.
    pub(crate) fn new(enabled: bool, allow_private: bool, load_timeout: Duration) -> Self {
        let client = enabled.then(|| build_client(allow_private)).flatten();
        Self {
            client,
            allow_private,
            deadline: Instant::now() + load_timeout,
            load_timeout,
        }
    }
}

fn build_client(allow_private: bool) -> Option<(reqwest::Client, tokio::runtime::Runtime)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    let client = reqwest::Client::builder()
        // The whole exchange, body included; the caller also caps it by the load's deadline.
        .timeout(FETCH_TIMEOUT)
        .connect_timeout(FETCH_TIMEOUT)
        // A proxy would resolve names itself, out of the resolver's sight.
        .no_proxy()
        .dns_resolver(Arc::new(PinnedResolver { allow_private }))
        .redirect(reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else if let Err(d) = net::check_parsed(attempt.url(), allow_private) {
                attempt.error(format!("redirect refused: {}", d.message))
            } else {
                attempt.follow()
            }
        }))
        .user_agent(concat!("oaskit/", env!("CARGO_PKG_VERSION")))
        .build()
        .ok()?;
    Some((client, runtime))
}

/// Resolves host names and keeps the answer only when every address passes the policy; the
/// client connects to exactly these addresses.
struct PinnedResolver {
    allow_private: bool,
}

impl Resolve for PinnedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if addrs.is_empty() {
                return Err(format!("{host} resolves to no address").into());
            }
            for a in &addrs {
                if let Err(d) = net::check_address(a.ip(), allow_private) {
                    return Err(format!("{host} resolves to {}: {}", a.ip(), d.message).into());
                }
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

impl Reader for NetReader {
    fn read_file(&self, path: &Path, max: usize) -> Result<Vec<u8>, ReadError> {
        FsReader.read_file(path, max)
    }

    fn fetch(&self, url: &str, max: usize) -> Result<Vec<u8>, ReadError> {
        let Some((client, runtime)) = &self.client else {
            return Err(ReadError::NoFetcher { url: url.into() });
        };
        let parsed = net::check_url(url, self.allow_private).map_err(ReadError::Denied)?;
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ReadError::LoadTimeout {
                limit: self.load_timeout,
            });
        }
        let limit = left.min(FETCH_TIMEOUT);
        runtime.block_on(with_deadline(limit, get(client, parsed, max)))
    }
}

/// Runs `work` for at most `limit`, however it spends the time.
async fn with_deadline<T>(
    limit: Duration,
    work: impl Future<Output = Result<T, ReadError>>,
) -> Result<T, ReadError> {
    tokio::time::timeout(limit, work)
        .await
        .unwrap_or(Err(ReadError::Timeout { limit }))
}

async fn get(client: &reqwest::Client, url: net::Url, max: usize) -> Result<Vec<u8>, ReadError> {
    let transport = |e: reqwest::Error| ReadError::Transport(Box::new(e));
    let mut resp = client.get(url).send().await.map_err(transport)?;
    let status = resp.status();
    if !status.is_success() {
        return Err(ReadError::HttpStatus {
            status: status.as_u16(),
            reason: status.canonical_reason().map(String::from),
        });
    }
    if resp.content_length().is_some_and(|n| n > max as u64) {
        return Err(ReadError::ResponseTooLarge { max });
    }
    let mut buf = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(transport)? {
        if buf.len() + chunk.len() > max {
            return Err(ReadError::ResponseTooLarge { max });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_before_any_connection() {
        let r = NetReader::new(true, false, LOAD_TIMEOUT);
        for u in [
            "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:a9fe:a9fe]/",
            "http://127.0.0.1:1/x",
            "http://localhost:1/x",
        ] {
            let e = r.fetch(u, 100).unwrap_err();
            assert!(
                matches!(&e, ReadError::Denied(d) if d.code == "ref-address-denied"),
                "{u}: {e:?}"
            );
        }
        let off = NetReader::new(false, true, LOAD_TIMEOUT);
        assert!(matches!(
            off.fetch("http://127.0.0.1:1/x", 100),
            Err(ReadError::NoFetcher { .. })
        ));
    }

    #[test]
    fn the_load_deadline_is_shared() {
        let r = NetReader::new(true, true, Duration::ZERO);
        let e = r.fetch("http://127.0.0.1:1/x", 100).unwrap_err();
        assert!(matches!(e, ReadError::LoadTimeout { .. }), "{e:?}");
        assert!(e.to_string().contains("used up"), "{e}");
    }
}
