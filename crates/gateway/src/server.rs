//! The HTTP/1.1 server on hyper and tokio: accepts connections until the shutdown future
//! completes, then stops accepting and lets requests in flight finish (for up to 30 s).

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use crate::answer::Answer;
use crate::gateway::{Gateway, Incoming};

/// How long requests in flight may take to finish after shutdown is asked for.
const DRAIN: Duration = Duration::from_secs(30);

/// A bound server.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    gateway: Arc<Gateway>,
}

fn to_response(a: Answer) -> hyper::Response<Full<Bytes>> {
    let mut r = hyper::Response::new(Full::new(a.body));
    *r.status_mut() =
        hyper::StatusCode::from_u16(a.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = r.headers_mut();
    for (k, v) in a.headers {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::try_from(k.as_str()),
            hyper::header::HeaderValue::from_str(&v),
        ) {
            if name == hyper::header::CONTENT_LENGTH || name == hyper::header::TRANSFER_ENCODING {
                continue;
            }
            headers.append(name, value);
        }
    }
    r
}

async fn serve_one(
    gateway: Arc<Gateway>,
    req: hyper::Request<hyper::body::Incoming>,
    peer: SocketAddr,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = req.into_parts();
    let max = gateway.config().max_body();
    let (body, too_large) = match Limited::new(body, max).collect().await {
        Ok(b) => (b.to_bytes(), false),
        Err(_) => (Bytes::new(), true),
    };
    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let incoming = Incoming {
        message: oaskit_validator::Request {
            method: parts.method.as_str().to_string(),
            url: target,
            headers,
            body: Vec::from(body),
        },
        source_ip: peer.ip(),
        too_large,
    };
    Ok(to_response(gateway.handle(incoming).await))
}

impl Server {
    /// Binds to `addr` (port 0 picks a free port).
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn bind(addr: SocketAddr, gateway: Arc<Gateway>) -> std::io::Result<Server> {
        let listener = TcpListener::bind(addr).await?;
        Ok(Server { listener, gateway })
    }

    /// The address bound.
    ///
    /// # Errors
    /// When the socket cannot tell.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The gateway served (to replace its definition while serving).
    #[must_use]
    pub fn gateway(&self) -> Arc<Gateway> {
        Arc::clone(&self.gateway)
    }

    /// Serves until `shutdown` completes, then stops accepting connections and waits for the
    /// requests in flight to finish (at most 30 s).
    ///
    /// # Errors
    /// When accepting fails for a reason other than a transient one.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> std::io::Result<()> {
        let graceful = GracefulShutdown::new();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                accepted = self.listener.accept() => {
                    let (stream, peer) = match accepted {
                        Ok(x) => x,
                        // Out of file descriptors and the like: wait a little, go on.
                        Err(_) => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        }
                    };
                    let _ = stream.set_nodelay(true);
                    let gateway = Arc::clone(&self.gateway);
                    let service = service_fn(move |req| serve_one(Arc::clone(&gateway), req, peer));
                    let conn = http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service);
                    let watched = graceful.watch(conn);
                    tokio::spawn(async move {
                        let _ = watched.await;
                    });
                }
            }
        }
        drop(self.listener);
        let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
        Ok(())
    }
}
