//! The two mock servers the end-to-end tests drive the checked-in SDKs against, on the same
//! definitions and with the same assertions: Stoplight Prism (`support::Prism`, a node process)
//! and `oaskit serve` in mock mode, started in this process through the oaskit-gateway library
//! on 127.0.0.1 with port 0.
//!
//! Included by the `tests/e2e_*.rs` files with `#[path = "e2e/servers.rs"] mod servers;`, next
//! to `mod support;`.

#![allow(dead_code)]

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use oaskit_gateway::{Config, Definition, Gateway, GatewayOptions, Server};

/// Which mock server a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Stoplight Prism (`prism mock`).
    Prism,
    /// `oaskit serve` in mock mode, in this process.
    Serve,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::Prism => "Prism",
            Kind::Serve => "oaskit serve",
        })
    }
}

impl Kind {
    /// The status for a request without the API key `specs/gateway-crud.yaml` requires. The
    /// one place the two servers are expected to differ, each by its own documentation (OpenAPI
    /// names no status for missing credentials): Prism answers 401 to every missing credential;
    /// `oaskit serve` emulates API Gateway, which the definition is written for
    /// (`x-amazon-apigateway-api-key-source`), and API Gateway answers a missing or unknown key
    /// with 403 `{"message":"Forbidden"}` (gateway response types `MISSING_AUTHENTICATION_TOKEN`
    /// / `INVALID_API_KEY`, developer guide).
    pub fn missing_api_key_status(self) -> u16 {
        match self {
            Kind::Prism => 401,
            Kind::Serve => 403,
        }
    }

    /// The status of `GET /notes/not-a-uuid` on `specs/gateway-crud.yaml`, whose `noteId` is a
    /// `format: uuid` path parameter. Prism judges by OpenAPI alone and refuses it (422).
    /// The definition declares API Gateway request validators, and those check that required
    /// parameters are "included and not blank", not their type or format (developer guide,
    /// "Request validation for REST APIs in API Gateway"): API Gateway hands the request to the
    /// integration, and so does `oaskit serve` (here the mock, 200), reporting the violation in
    /// its log ([`check_gateway_log`] holds it to that).
    pub fn unchecked_format_status(self) -> u16 {
        match self {
            Kind::Prism => 422,
            Kind::Serve => 200,
        }
    }

    /// What the drivers are told to expect where the servers differ, as JSON
    /// (`E2E_EXPECT`).
    pub fn expectations(self) -> String {
        format!(
            "{{\"missing_api_key\": {}, \"unchecked_format\": {}}}",
            self.missing_api_key_status(),
            self.unchecked_format_status()
        )
    }

    /// Starts this kind of mock server on `spec`.
    pub fn start(self, spec: &Path) -> Mock {
        match self {
            Kind::Prism => Mock::Prism(crate::support::Prism::start(spec)),
            Kind::Serve => Mock::Serve(Serve::start(spec)),
        }
    }
}

/// A running mock server, stopped when dropped.
pub enum Mock {
    Prism(crate::support::Prism),
    Serve(Serve),
}

impl Mock {
    /// The base URL to give clients, such as `http://127.0.0.1:40123`.
    pub fn url(&self) -> &str {
        match self {
            Mock::Prism(p) => &p.url,
            Mock::Serve(s) => &s.url,
        }
    }
}

/// The shutdown signal of an in-process server: a future that completes once `stop` is called
/// (std only: the tests' tokio has no `sync` feature of its own).
#[derive(Default)]
struct Stop {
    stopped: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl Stop {
    fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        if let Some(w) = self.waker.lock().expect("waker").take() {
            w.wake();
        }
    }
}

struct Stopped(Arc<Stop>);

impl Future for Stopped {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.stopped.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        *self.0.waker.lock().expect("waker") = Some(cx.waker().clone());
        if self.0.stopped.load(Ordering::SeqCst) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// `oaskit serve SPEC` in mock mode (no configuration, requests and responses validated), on
/// 127.0.0.1 and a free port, served by a thread of this process. When a test fails while it
/// runs, its JSON request log is printed (the test harness shows it with the failure).
pub struct Serve {
    /// The base URL to give clients.
    pub url: String,
    logs: Arc<Mutex<Vec<String>>>,
    stop: Arc<Stop>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Serve {
    /// Loads `spec`, prepares it as `oaskit serve --config` does with a configuration that
    /// mocks every AWS integration (`integrations: {"*": mock}`: without it, the Lambda proxy
    /// integrations of `specs/gateway-crud.yaml` are answered 501, since oaskit runs no Lambda;
    /// Prism ignores the extensions and mocks them), and listens.
    pub fn start(spec: &Path) -> Serve {
        let config = Config::from_text("e2e-gateway.yaml", "integrations:\n  \"*\": mock\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new());
        let definition = Definition::new(loaded, &config, false)
            .unwrap_or_else(|e| panic!("{} cannot be served: {e}", spec.display()));
        // Operations are served under their server's base path (`/v1/pets`), as the Paths
        // Object says; Prism ignores base paths (its FAQ), so its clients get the bare origin.
        let base = definition.base_paths().first().cloned().unwrap_or_default();
        let logs: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = Arc::clone(&logs);
        let options = GatewayOptions::new().with_logger(Arc::new(move |line: &str| {
            sink.lock().expect("log").push(line.to_string());
        }));
        let gateway = Arc::new(Gateway::new(definition, config, options));
        let stop = Arc::new(Stop::default());
        let stopped = Stopped(Arc::clone(&stop));
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            rt.block_on(async move {
                let server = match Server::bind(([127, 0, 0, 1], 0).into(), gateway).await {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = tx.send(Err(e.to_string()));
                        return;
                    }
                };
                let _ = tx.send(server.local_addr().map_err(|e| e.to_string()));
                server.run(stopped).await.expect("the server runs");
            });
        });
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(Ok(addr)) => Serve {
                url: format!("http://{addr}{base}"),
                logs,
                stop,
                thread: Some(thread),
            },
            Ok(Err(e)) => panic!("oaskit serve cannot listen on 127.0.0.1: {e}"),
            Err(_) => panic!("oaskit serve did not listen within 30 s"),
        }
    }

    /// The JSON log lines so far.
    pub fn log(&self) -> Vec<String> {
        self.logs.lock().expect("log").clone()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("oaskit serve ({}) request log:", self.url);
            for line in self.log() {
                eprintln!("  {line}");
            }
        }
        self.stop.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Runs an end-to-end driver (`tests/e2e/*`) with the base URLs of `kind` serving the
/// petstore and the gateway spec as its last two arguments, and fails unless it exits 0 printing
/// `expect`. The driver learns which server it talks to from `E2E_SERVER` (for its messages)
/// and where the servers differ from `E2E_EXPECT` ([`Kind::expectations`]).
pub fn run_e2e_driver(kind: Kind, mut driver: std::process::Command, expect: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let petstore = kind.start(&root.join("specs/petstore.yaml"));
    let gateway = kind.start(&root.join("specs/gateway-crud.yaml"));
    let run = driver
        .args([petstore.url(), gateway.url()])
        .env("E2E_SERVER", kind.to_string())
        .env("E2E_EXPECT", kind.expectations())
        .output()
        .expect("the driver runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "against {kind}:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains(expect), "against {kind}:\n{stdout}");
    check_gateway_log(&gateway);
}

/// On `specs/gateway-crud.yaml` served by `oaskit serve`: the request with a malformed uuid that
/// API Gateway lets through ([`Kind::unchecked_format_status`]) was reported in the log.
/// Nothing to check on Prism, which refused it.
pub fn check_gateway_log(mock: &Mock) {
    let Mock::Serve(s) = mock else { return };
    let log = s.log();
    let line = log
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("log lines are JSON"))
        .find(|l| {
            l["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("/notes/not-a-uuid"))
        })
        .unwrap_or_else(|| {
            panic!(
                "no request for /notes/not-a-uuid in the log:\n{}",
                log.join("\n")
            )
        });
    assert_eq!(line["status"], 200, "{line}");
    assert_eq!(
        line["request_violations"],
        serde_json::json!(["param-schema"]),
        "{line}"
    );
}
