//! The floor for `scripts/bench-serve`: a bare hyper HTTP/1.1 server on the same runtime and
//! connection settings as `oaskit serve`, answering every request with the petstore's mock
//! body and no work at all. What `oaskit serve` costs above it is ours; what this costs is
//! wrk's, the kernel's, tokio's and hyper's.
//!
//! `cargo run --release -p oaskit-gateway --example floor -- PORT`

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

const BODY: &[u8] = br#"[{"id":0,"kind":"dog","name":"string","tag":"string"}]"#;

async fn answer(
    _req: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let mut r = hyper::Response::new(Full::new(Bytes::from_static(BODY)));
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    Ok(r)
}

fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(4099);
    // FLOOR_RUNTIME=current: one thread (to compare the schedulers).
    let runtime = if std::env::var("FLOOR_RUNTIME").as_deref() == Ok("current") {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?
    };
    runtime.block_on(async move {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
        loop {
            let (stream, _) = listener.accept().await?;
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service_fn(answer))
                    .await;
            });
        }
    })
}
