//! `oaskit serve` as users run it: start-up output, `--port 0`, the JSON request log, reloading,
//! Ctrl-C without dropping requests in flight, and a bad configuration's located error.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("oaskit-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// A running `oaskit serve`, its stdout lines arriving on a channel.
struct Serving {
    child: Child,
    lines: Receiver<String>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
    url: String,
    banner: Vec<String>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serving {
    fn start(args: &[&str]) -> Serving {
        let mut child = Command::new(env!("CARGO_BIN_EXE_oaskit"))
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let (tx, lines) = channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut err = child.stderr.take().expect("stderr");
        let sink = std::sync::Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .expect("stderr")
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let first = lines
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                panic!(
                    "no start-up line; stderr: {}",
                    stderr.lock().expect("stderr")
                )
            });
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {first:?}"))
            .to_string();
        let mut banner = vec![first];
        while let Ok(l) = lines.recv_timeout(Duration::from_millis(300)) {
            banner.push(l);
        }
        Serving {
            child,
            lines,
            stderr,
            url,
            banner,
        }
    }

    /// The next JSON log line.
    fn log(&self) -> serde_json::Value {
        let line = self
            .lines
            .recv_timeout(Duration::from_secs(10))
            .expect("a log line");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{sig}"), &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(ok.success());
    }

    fn wait_exit(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                return s.code().unwrap_or(-1);
            }
            assert!(start.elapsed() < Duration::from_secs(40), "did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A plain HTTP/1.1 GET on a fresh connection: status and body.
fn get(url: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut s = std::net::TcpStream::connect(host).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut text = String::new();
    s.read_to_string(&mut text).expect("read");
    let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn starts_on_a_free_port_prints_the_routes_logs_json_and_stops_on_ctrl_c() {
    let spec = root().join("specs/petstore.yaml");
    let mut s = Serving::start(&[spec.to_str().expect("path")]);
    assert!(
        s.banner[0].starts_with("oaskit serve: listening on http://127.0.0.1:"),
        "{:?}",
        s.banner
    );
    assert!(
        s.banner
            .iter()
            .any(|l| l.trim() == "GET /pets (listPets) [mock]"),
        "{:?}",
        s.banner
    );
    assert_eq!(s.banner.len(), 7, "{:?}", s.banner);
    let (status, body) = get(&format!("{}/v1/pets/3", s.url));
    assert_eq!(status, 200, "{body}");
    let line = s.log();
    for key in [
        "request_id",
        "method",
        "path",
        "operation",
        "status",
        "latency_ms",
        "api_key",
        "throttled",
        "cache_hit",
    ] {
        assert!(line.get(key).is_some(), "{key} missing from {line}");
    }
    assert_eq!(line["operation"], "GET /pets/{petId}");
    s.signal("INT");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.stderr.lock().expect("stderr").contains("stopped"));
}

/// A request in flight when SIGTERM arrives is answered before the server exits.
#[test]
fn requests_in_flight_finish_after_the_signal() {
    let backend = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let upstream = format!("http://{}", backend.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in backend.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                std::thread::sleep(Duration::from_millis(800));
                let body = r#"{"id": 1, "name": "slow"}"#;
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    let spec = root().join("specs/petstore.yaml");
    let mut s = Serving::start(&[spec.to_str().expect("path"), "--upstream", &upstream]);
    let url = format!("{}/v1/pets/1", s.url);
    let pending = std::thread::spawn(move || get(&url));
    std::thread::sleep(Duration::from_millis(300));
    s.signal("TERM");
    let (status, body) = pending.join().expect("request thread");
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"id": 1, "name": "slow"}"#)
    );
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_definition_is_reloaded_and_a_broken_version_keeps_the_old_one() {
    let dir = tempdir("reload");
    let spec = dir.join("api.yaml");
    let v1 = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok, content: {application/json: {schema: {const: one}}}}}\n";
    std::fs::write(&spec, v1).expect("write");
    let s = Serving::start(&[spec.to_str().expect("path")]);
    assert_eq!(get(&format!("{}/a", s.url)), (200, "\"one\"".to_string()));
    // Same length and a later modification time are not needed: any change is seen.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&spec, v1.replace("/a:", "/b:").replace("one", "two")).expect("write");
    let deadline = Instant::now() + Duration::from_secs(15);
    while get(&format!("{}/b", s.url)).0 != 200 {
        assert!(
            Instant::now() < deadline,
            "not reloaded; stderr: {}",
            s.stderr.lock().expect("stderr")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(get(&format!("{}/b", s.url)).1, "\"two\"");
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&spec, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /c/{id}:\n    get:\n      responses: {'200': {description: ok}}\n").expect("write");
    let deadline = Instant::now() + Duration::from_secs(15);
    while !s
        .stderr
        .lock()
        .expect("stderr")
        .contains("still serving the previous version")
    {
        assert!(
            Instant::now() < deadline,
            "no report; stderr: {}",
            s.stderr.lock().expect("stderr")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let err = s.stderr.lock().expect("stderr").clone();
    assert!(err.contains("path-param-undeclared"), "{err}");
    assert_eq!(get(&format!("{}/b", s.url)).0, 200);
}

#[test]
fn a_bad_configuration_is_located_and_exits_2() {
    let dir = tempdir("badconfig");
    let config = dir.join("gateway.yaml");
    std::fs::write(
        &config,
        "stage: dev\nstages:\n  dev:\n    throttle: {rate: fast, burst: 2}\n    caching: {}\napi_keys:\n  - {name: a, value: k-0123456789abcdefghij, plan: gold}\n",
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args([
            "serve",
            root().join("specs/petstore.yaml").to_str().expect("path"),
            "--port",
            "0",
            "--config",
        ])
        .arg(&config)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let name = config.display().to_string();
    assert!(err.contains("gateway-config-invalid"), "{err}");
    assert!(err.contains(&format!("{name}:4:22")), "rate: {err}");
    assert!(err.contains(&format!("{name}:5:5")), "unknown key: {err}");
    assert!(err.contains(&format!("{name}:7:52")), "unknown plan: {err}");
    assert!(err.contains("no usage plan \"gold\""), "{err}");
    // JSON findings for CI, as every command gives them.
    let out = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args([
            "serve",
            root().join("specs/petstore.yaml").to_str().expect("path"),
            "--port",
            "0",
            "--format",
            "json",
            "--config",
        ])
        .arg(&config)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let json: serde_json::Value = serde_json::from_str(
        err.lines()
            .next()
            .map_or("", |_| err.split("\nerror:").next().unwrap_or("")),
    )
    .expect("JSON findings");
    assert_eq!(json["summary"]["errors"], 3, "{json}");
    // And the code is explained.
    let out = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(["explain", "gateway-config-invalid"])
        .output()
        .expect("runs");
    assert!(out.status.success());
}

#[test]
fn an_unusable_definition_or_port_exits_2() {
    let dir = tempdir("baddef");
    let spec = dir.join("api.yaml");
    std::fs::write(&spec, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /c/{id}:\n    get:\n      responses: {'200': {description: ok}}\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(["serve", spec.to_str().expect("path"), "--port", "0"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("path-param-undeclared") && err.contains("--force"),
        "{err}"
    );
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args([
            "serve",
            root().join("specs/petstore.yaml").to_str().expect("path"),
            "--port",
            &port,
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen"));
}

/// The independent judge: schemathesis (pinned in scripts/python/requirements.txt, installed
/// by scripts/setup-tools) generates requests from each definition, sends them to `oaskit serve`
/// in mock mode, and checks every answer: no server error, a documented status, a documented
/// content type, declared headers, and a body valid for its schema. Positive data only: invalid
/// requests are refused with statuses the definitions do not declare, by design. A missing tool
/// fails the test.
#[test]
fn schemathesis_finds_no_failed_check_in_mock_mode() {
    let st = root().join(".tools/python/bin/schemathesis");
    assert!(
        st.is_file(),
        "schemathesis is missing at {}: run scripts/setup-tools",
        st.display()
    );
    let shared = root().join("../shared/specs");
    let dir = tempdir("schemathesis");
    let mock_all = dir.join("gateway.yaml");
    std::fs::write(&mock_all, "integrations: {\"*\": mock}\n").expect("config");
    let mock_all = mock_all.to_str().expect("path").to_string();
    // (definition, base path, examples per operation, phases, extra arguments)
    let cases: Vec<(PathBuf, &str, &str, &str, Vec<&str>)> = vec![
        (
            root().join("specs/petstore.yaml"),
            "/v1",
            "25",
            "examples,coverage,fuzzing,stateful",
            vec!["-H", "Authorization: Bearer t"],
        ),
        (
            root().join("specs/gateway-crud.yaml"),
            "/prod",
            "25",
            "examples,coverage,fuzzing,stateful",
            vec!["-H", "x-api-key: k-test-0123456789abcdef"],
        ),
        (
            shared.join("real/asana-oas.yaml"),
            "/api/1.0",
            "2",
            "fuzzing,stateful",
            vec!["-H", "Authorization: Bearer t"],
        ),
        (
            shared.join("oai/v3.0/uspto.yaml"),
            "/ds-api",
            "10",
            "fuzzing,stateful",
            vec![],
        ),
        // Three operations are left out: their form bodies require arrays that schemathesis may
        // generate empty, and an empty array has no form encoding (the field is absent, and the
        // gateway rightly reports the required field missing).
        (
            shared.join("real/twilio-messaging-v1.yaml"),
            "",
            "5",
            "fuzzing,stateful",
            vec![
                "-H",
                "Authorization: Basic dTpw",
                "--exclude-path-regex",
                "Compliance/Usa2p|^/v1/Tollfree/Verifications$",
            ],
        ),
    ];
    let started = Instant::now();
    let mut failures = Vec::new();
    for (spec, base, n, phases, extra) in &cases {
        let spec_s = spec.to_str().expect("path");
        let args: Vec<&str> = if spec_s.ends_with("gateway-crud.yaml") {
            vec![spec_s, "--config", &mock_all]
        } else {
            vec![spec_s]
        };
        let s = Serving::start(&args);
        // Run from a scratch folder: schemathesis and hypothesis leave folders behind.
        let out = Command::new(&st)
            .current_dir(&dir)
            .args(["run", spec_s, "--url", &format!("{}{base}", s.url), "-n", n, "--seed", "1"])
            .args(["--mode", "positive", "--phases", phases, "--generation-database", "none", "--no-color"])
            .args([
                "-c",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance",
            ])
            .args(extra)
            .output()
            .expect("schemathesis runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let summary = text
            .lines()
            .rev()
            .find(|l| l.contains(" generated"))
            .unwrap_or("")
            .trim()
            .to_string();
        eprintln!("{}: {summary}", spec.display());
        if !out.status.success() {
            failures.push(format!(
                "{}:\n{text}\n{}",
                spec.display(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        // Sanity: requests were really sent and logged.
        assert!(
            s.lines.try_recv().is_ok(),
            "{}: no request reached the server",
            spec.display()
        );
    }
    eprintln!(
        "schemathesis: {} definitions in {:.1} s",
        cases.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
