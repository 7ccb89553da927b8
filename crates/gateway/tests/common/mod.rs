//! A gateway on 127.0.0.1 in this process, for tests: real HTTP, an injected clock, the log
//! lines kept.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oaskit_gateway::{Config, Definition, Gateway, GatewayOptions, ManualClock, Server};

/// A running gateway; dropped, it stops.
pub struct Running {
    pub url: String,
    pub clock: Arc<ManualClock>,
    pub logs: Arc<Mutex<Vec<String>>>,
    pub gateway: Arc<Gateway>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Running {
    /// The log lines so far, parsed.
    pub fn log(&self) -> Vec<serde_json::Value> {
        self.logs
            .lock()
            .expect("log")
            .iter()
            .map(|l| serde_json::from_str(l).expect("log lines are JSON"))
            .collect()
    }

    /// The last log line.
    pub fn last_log(&self) -> serde_json::Value {
        self.log().pop().expect("a log line")
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn aws(name: &str) -> PathBuf {
    oaskit_testkit::shared()
        .join("specs/aws-apigateway/developer-guide")
        .join(name)
}

/// Serves `spec` with the configuration text `config` (YAML) and options adjusted by `tweak`.
pub fn serve(
    spec: &Path,
    config: &str,
    tweak: impl FnOnce(GatewayOptions) -> GatewayOptions,
) -> Running {
    let config = Config::from_text("gateway.yaml", config).unwrap_or_else(|e| panic!("{e}"));
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new());
    let definition = Definition::new(loaded, &config, true).unwrap_or_else(|e| panic!("{e}"));
    serve_definition(definition, config, tweak)
}

pub fn serve_definition(
    definition: Definition,
    config: Config,
    tweak: impl FnOnce(GatewayOptions) -> GatewayOptions,
) -> Running {
    let clock = Arc::new(ManualClock::new(Duration::from_secs(1_700_000_000)));
    let logs: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = Arc::clone(&logs);
    let options = tweak(
        GatewayOptions::new()
            .with_clock(clock.clone())
            .with_logger(Arc::new(move |l: &str| {
                sink.lock().expect("log").push(l.to_string())
            })),
    );
    let gateway = Arc::new(Gateway::new(definition, config, options));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (tx, rx) = std::sync::mpsc::channel();
    let gw = Arc::clone(&gateway);
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let server = Server::bind("127.0.0.1:0".parse().expect("addr"), gw)
                .await
                .expect("bind");
            tx.send(server.local_addr().expect("addr")).expect("send");
            server
                .run(async {
                    let _ = stopped.await;
                })
                .await
                .expect("run");
        });
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("server started");
    Running {
        url: format!("http://{addr}"),
        clock,
        logs,
        gateway,
        stop: Some(stop),
        thread: Some(thread),
    }
}

pub fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// Status, lower-case headers and body text.
pub struct Got {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Got {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub fn send(rb: reqwest::blocking::RequestBuilder) -> Got {
    let r = rb.send().expect("request");
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let body = r.text().expect("body");
    Got {
        status,
        headers,
        body,
    }
}

pub fn get(url: &str) -> Got {
    send(client().get(url))
}

/// A request a [`Backend`] received.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Handler = dyn Fn(&Seen) -> (u16, Vec<(String, String)>, String) + Send + Sync;

/// A tiny HTTP/1.1 backend on 127.0.0.1 (one thread per connection, `Connection: close`) that
/// records what it receives.
pub struct Backend {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Backend {
    pub fn start(
        handler: impl Fn(&Seen) -> (u16, Vec<(String, String)>, String) + Send + Sync + 'static,
    ) -> Backend {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let log = Arc::clone(&seen);
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let log = Arc::clone(&log);
                let handler = Arc::clone(&handler);
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let mut parts = line.split_whitespace();
                    let method = parts.next().unwrap_or("").to_string();
                    let target = parts.next().unwrap_or("").to_string();
                    let mut headers = Vec::new();
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                            break;
                        }
                        if let Some((k, v)) = h.split_once(':') {
                            headers.push((k.trim().to_string(), v.trim().to_string()));
                        }
                    }
                    let len: usize = headers
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                        .and_then(|(_, v)| v.parse().ok())
                        .unwrap_or(0);
                    let mut body = vec![0; len];
                    let _ = reader.read_exact(&mut body);
                    let req = Seen {
                        method,
                        target,
                        headers,
                        body: String::from_utf8_lossy(&body).into_owned(),
                    };
                    let (status, hs, text) = handler(&req);
                    log.lock().expect("log").push(req);
                    let mut out = format!(
                        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                        text.len()
                    );
                    for (k, v) in hs {
                        out.push_str(&format!("{k}: {v}\r\n"));
                    }
                    out.push_str("\r\n");
                    out.push_str(&text);
                    let mut s = stream;
                    let _ = s.write_all(out.as_bytes());
                });
            }
        });
        Backend { url, seen }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().expect("seen").clone()
    }
}
