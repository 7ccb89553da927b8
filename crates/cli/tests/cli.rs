//! The `oaskit` binary as users run it: exit codes, output formats, files written, network.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn hostile(f: &str) -> PathBuf {
    root().join("../shared/hostile").join(f)
}

fn oaskit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(args)
        .output()
        .expect("runs")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("oaskit-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("mkdir");
    d
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn check_exit_codes() {
    let pet = root().join("specs/petstore.yaml");
    assert_eq!(oaskit(&["check", s(&pet)]).status.code(), Some(0));
    assert_eq!(
        oaskit(&["check", s(&hostile("ref-missing/local-pointer.yaml"))])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        oaskit(&["check", s(&hostile("yaml-tabs/tab-indent.yaml"))])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        oaskit(&["check", "/nonexistent/oaskit/spec.yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(oaskit(&["check"]).status.code(), Some(2), "usage error");
    let bom = hostile("encoding/bom-utf8.json");
    assert_eq!(
        oaskit(&["check", s(&bom)]).status.code(),
        Some(0),
        "warnings are allowed"
    );
    assert_eq!(
        oaskit(&["check", s(&bom), "--fail-on-warnings"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn human_output_names_the_place_and_shows_the_line() {
    let out = oaskit(&["check", s(&hostile("ref-missing/local-pointer.yaml"))]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[ref-unresolved]"), "{err}");
    assert!(err.contains("local-pointer.yaml:15:23"), "{err}");
    assert!(err.contains("$ref: '#/components/schemas/Petz'"), "{err}");
    assert!(
        err.contains("did you mean \"#/components/schemas/Pets\"?"),
        "{err}"
    );
}

#[test]
fn json_output_is_stable_and_complete() {
    let out = oaskit(&[
        "check",
        s(&hostile("duplicate-key/json-duplicate-path.json")),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "duplicate-key");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 6);
    assert_eq!(d["column"], 5);
    assert_eq!(d["pointer"], "/paths/~1pets");
    assert_eq!(d["related"][0]["line"], 5);
    assert!(d["file"]
        .as_str()
        .expect("file")
        .ends_with("json-duplicate-path.json"));
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn terminal_escapes_in_specs_are_neutralised() {
    let dir = scratch("ansi");
    let spec = dir.join("a.yaml");
    std::fs::write(&spec, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \"\\e[31mRED\\e[0m\": {type: string}\n").expect("write");
    let out = oaskit(&["check", s(&spec)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("component-name"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "raw escape reached the terminal: {err:?}"
    );
    assert!(err.contains("\\u{1b}[31mRED"), "{err}");
}

#[test]
fn long_lines_are_cut_in_messages() {
    let dir = scratch("long");
    let spec = dir.join("a.json");
    let long = "x".repeat(100_000);
    std::fs::write(&spec, format!("{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"{long}\", \"version\": \"1\"}}, \"paths\": {{\"/a/{{id}}\": {{}}}}, \"x\": [1,]}}")).expect("write");
    let out = oaskit(&["check", s(&spec)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.len() < 2_000, "{} bytes of output", err.len());
    assert!(
        err.lines()
            .any(|l| l.contains("json-syntax") || l.contains("error[")),
        "{err}"
    );
}

#[test]
fn import_writes_one_normalized_document_atomically() {
    let dir = scratch("import");
    let out_file = dir.join("out.yaml");
    let src = root().join("../shared/specs/oai/v2.0/yaml/petstore.yaml");
    let o = oaskit(&["import", s(&src), "-o", s(&out_file)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&out_file).expect("written");
    assert!(text.starts_with("openapi: \"3.0.3\"\n"), "{text}");
    assert_eq!(oaskit(&["check", s(&out_file)]).status.code(), Some(0));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
    // 3.1 on request.
    let o = oaskit(&["import", s(&src), "--to", "openapi-3.1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["openapi"], "3.1.1");
}

#[test]
fn import_writes_nothing_when_the_input_is_bad() {
    let dir = scratch("bad");
    let target = dir.join("existing.json");
    std::fs::write(&target, "keep me").expect("write");
    let o = oaskit(&[
        "import",
        s(&hostile("ref-missing/local-pointer.yaml")),
        "-o",
        s(&target),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&target).expect("still there"),
        "keep me"
    );
    let fresh = dir.join("fresh.json");
    let o = oaskit(&[
        "import",
        s(&hostile("alias-bomb/billion-laughs.yaml")),
        "-o",
        s(&fresh),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!fresh.exists());
}

#[test]
fn import_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(["import", "-", "--format", "yaml"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"{\"swagger\": \"2.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"host\": \"api.example.com\", \"schemes\": [\"https\"], \"paths\": {}}")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("url: https://api.example.com"), "{text}");
}

#[test]
fn import_merges_into_an_existing_document() {
    let dir = scratch("merge");
    let existing = dir.join("api.yaml");
    std::fs::write(
        &existing,
        "openapi: 3.0.3\ninfo: {title: existing, version: '1'}\npaths:\n  /health:\n    get:\n      responses: {'200': {description: ok}}\n  /pets:\n    get:\n      responses: {'200': {description: old}}\n",
    )
    .expect("write");
    let pet = root().join("specs/petstore.yaml");
    let o = oaskit(&["import", s(&pet), "--into", s(&existing), "--mode", "merge"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("merge-conflict") && err.contains("/paths/~1pets/get"),
        "{err}"
    );
    let merged = std::fs::read_to_string(&existing).expect("merged");
    assert!(
        merged.contains("title: existing")
            && merged.contains("/health:")
            && merged.contains("/pets/{petId}:"),
        "{merged}"
    );
    assert!(
        merged.contains("operationId: listPets"),
        "the incoming operation replaces the old one"
    );
    // With --fail-on-warnings a conflict writes nothing.
    let before = std::fs::read_to_string(&existing).expect("read");
    std::fs::write(
        &existing,
        before.replace("operationId: listPets", "operationId: other"),
    )
    .expect("write");
    let o = oaskit(&[
        "import",
        s(&pet),
        "--into",
        s(&existing),
        "--fail-on-warnings",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(std::fs::read_to_string(&existing)
        .expect("read")
        .contains("operationId: other"));
    // Overwrite replaces the document.
    let o = oaskit(&[
        "import",
        s(&pet),
        "--into",
        s(&existing),
        "--mode",
        "overwrite",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&existing).expect("read");
    assert!(
        !text.contains("/health") && text.contains("title: Petstore"),
        "{text}"
    );
}

/// A one-shot HTTP server on 127.0.0.1 that counts requests.
fn serve(listener: TcpListener, body: &'static str, hits: Arc<AtomicUsize>) {
    std::thread::spawn(move || {
        listener.set_nonblocking(false).ok();
        for stream in listener.incoming().flatten() {
            hits.fetch_add(1, Ordering::SeqCst);
            let mut stream = stream;
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let resp = format!("HTTP/1.1 200 OK\r\ncontent-type: application/yaml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
            let _ = stream.write_all(resp.as_bytes());
        }
    });
}

#[test]
fn remote_references_need_the_flag_and_then_make_exactly_one_request() {
    // The hostile case names this port; the harness listens there.
    let listener = TcpListener::bind("127.0.0.1:47611").expect("port 47611 free");
    let hits = Arc::new(AtomicUsize::new(0));
    serve(listener, "Remote:\n  type: object\n", hits.clone());
    let case = hostile("ref-ssrf/loopback-listener.yaml");
    let o = oaskit(&["check", s(&case)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ref-remote-denied"));
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "the default run must not connect"
    );
    // Loopback is a private address: --allow-remote alone still refuses it, before connecting.
    let o = oaskit(&["check", s(&case), "--allow-remote"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ref-address-denied"));
    assert_eq!(hits.load(Ordering::SeqCst), 0);
    let o = oaskit(&["check", s(&case), "--allow-remote", "--allow-private"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[test]
fn a_definition_can_be_read_from_a_url() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let hits = Arc::new(AtomicUsize::new(0));
    serve(
        listener,
        "openapi: 3.1.0\ninfo: {title: remote, version: '1'}\npaths: {}\n",
        hits.clone(),
    );
    let url = format!("http://127.0.0.1:{port}/api.yaml");
    let o = oaskit(&["import", &url, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "loopback needs --allow-private");
    assert!(String::from_utf8_lossy(&o.stderr).contains("ref-address-denied"));
    assert_eq!(hits.load(Ordering::SeqCst), 0);
    let o = oaskit(&["import", &url, "--format", "json", "--allow-private"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"title\": \"remote\""));
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in [
        &["check"][..],
        &["import"],
        &["export"],
        &["generate"],
        &["validate"],
        &["validate", "request"],
        &["validate", "response"],
        &["validate", "har"],
    ] {
        let mut args = cmd.to_vec();
        args.push("--help");
        let o = oaskit(&args);
        assert_eq!(o.status.code(), Some(0));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("Example: oaskit"),
            "{cmd:?}"
        );
    }
}

#[test]
fn validate_request_and_response() {
    let pet = root().join("specs/petstore.yaml");
    let dir = scratch("validate");
    let body = dir.join("pet.json");
    std::fs::write(&body, r#"{"name": 3}"#).expect("write");
    let o = oaskit(&[
        "validate",
        "request",
        s(&pet),
        "-X",
        "POST",
        "--url",
        "http://localhost:8080/v1/pets",
        "-H",
        "Content-Type: application/json",
        "-H",
        "Authorization: Bearer t",
        "--body",
        s(&body),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("[body-schema] body/name") && out.contains("petstore.yaml:"),
        "{out}"
    );
    std::fs::write(&body, r#"{"name": "Rex"}"#).expect("write");
    let o = oaskit(&[
        "validate",
        "request",
        s(&pet),
        "-X",
        "POST",
        "--url",
        "/v1/pets",
        "-H",
        "Content-Type: application/json",
        "-H",
        "Authorization: Bearer t",
        "--body",
        s(&body),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["valid"], true);
    assert_eq!(v["operation"], "POST /pets");
    let o = oaskit(&[
        "validate",
        "response",
        s(&pet),
        "-X",
        "GET",
        "--url",
        "/v1/pets/1",
        "--status",
        "500",
        "-H",
        "Content-Type: application/json",
        "--body",
        s(&body),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("status-undeclared"));
    assert_eq!(
        oaskit(&[
            "validate",
            "request",
            s(&pet),
            "-X",
            "GET",
            "--url",
            "/v1/pets",
            "-H",
            "no colon"
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        oaskit(&[
            "validate",
            "request",
            s(&hostile("ref-missing/local-pointer.yaml")),
            "-X",
            "GET",
            "--url",
            "/"
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn validate_a_har_capture() {
    let pet = root().join("specs/petstore.yaml");
    let dir = scratch("har");
    let har = dir.join("session.har");
    let entry = |method: &str,
                 url: &str,
                 req_body: Option<&str>,
                 status: u16,
                 resp_body: &str,
                 base64: bool| {
        let text = if base64 {
            "eyJpZCI6IDEsICJuYW1lIjogIlJleCJ9"
        } else {
            resp_body
        };
        serde_json::json!({
            "request": {
                "method": method, "url": url,
                "headers": [{"name": ":authority", "value": "localhost"}, {"name": "Authorization", "value": "Bearer t"}, {"name": "Content-Type", "value": "application/json"}],
                "postData": req_body.map(|b| serde_json::json!({"mimeType": "application/json", "text": b}))
            },
            "response": {
                "status": status,
                "headers": [{"name": "Content-Type", "value": "application/json"}],
                "content": {"mimeType": "application/json", "text": text, "encoding": if base64 { "base64" } else { "" }}
            }
        })
    };
    let log = serde_json::json!({"log": {"version": "1.2", "entries": [
        entry("GET", "http://localhost:8080/v1/pets?limit=2", None, 200, r#"[{"id": 1, "name": "Rex"}]"#, false),
        entry("POST", "http://localhost:8080/v1/pets", Some(r#"{"name": "Tom"}"#), 201, "", true),
        entry("GET", "http://localhost:8080/v1/pets/1", None, 200, r#"{"id": "one", "name": "Rex"}"#, false),
        entry("GET", "http://localhost:8080/v1/owners", None, 404, "{}", false),
    ]}});
    std::fs::write(&har, log.to_string()).expect("write");
    let o = oaskit(&["validate", "har", s(&pet), s(&har)]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("4 entries: 2 valid, 2 invalid (1 matched no operation)"),
        "{out}"
    );
    assert!(
        out.contains("#2 BAD GET") && out.contains("response [body-schema] body/id"),
        "{out}"
    );
    let o = oaskit(&["validate", "har", s(&pet), s(&har), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["summary"]["invalid"], 2);
    assert_eq!(
        v["entries"][1]["response"]["valid"], true,
        "base64 body decoded"
    );
}

#[test]
fn har_bodies_that_do_not_decode_never_pass() {
    let pet = root().join("specs/petstore.yaml");
    let dir = scratch("har-bad");
    let har = dir.join("bad.har");
    let entries: Vec<serde_json::Value> = [
        ("not base64 at all!", "base64"),
        ("e30", "BASE64"),
        ("e3=0", "base64"),
        ("@@@@", "base64"),
        ("{}", "gzip"),
    ]
    .iter()
    .map(|(text, encoding)| {
        serde_json::json!({
            "request": {"method": "GET", "url": "http://localhost:8080/v1/pets?limit=2",
                        "headers": [{"name": "Authorization", "value": "Bearer t"}]},
            "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
                         "content": {"mimeType": "application/json", "text": text, "encoding": encoding}}
        })
    })
    .collect();
    let log = serde_json::json!({"log": {"version": "1.2", "entries": entries}});
    std::fs::write(&har, log.to_string()).expect("write");
    let o = oaskit(&["validate", "har", s(&pet), s(&har), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    // "e30" is "{}" in base64, but an object is not the array the operation returns.
    assert_eq!(v["summary"]["invalid"], 5, "{v}");
    for i in [0, 2, 3] {
        assert!(
            v["entries"][i]["error"]
                .as_str()
                .unwrap_or("")
                .contains("not valid base64"),
            "{i}: {v}"
        );
    }
    assert!(
        v["entries"][4]["error"]
            .as_str()
            .unwrap_or("")
            .contains("gzip"),
        "{v}"
    );
}

#[test]
fn validate_force_uses_a_definition_with_errors() {
    let dir = scratch("validate-force");
    let spec = dir.join("api.yaml");
    // Two paths that differ only in variable names: an error, as in GitHub's definition.
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a/{x}:\n    get:\n      parameters: [{name: x, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok}}\n  /a/{y}:\n    put:\n      parameters: [{name: y, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok}}\n",
    )
    .expect("spec");
    let args = [
        "validate",
        "request",
        s(&spec),
        "-X",
        "GET",
        "--url",
        "/a/12",
    ];
    let o = oaskit(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let mut forced = args.to_vec();
    forced.push("--force");
    let o = oaskit(&forced);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("path-ambiguous"));
    let bad = [
        "validate",
        "request",
        s(&spec),
        "-X",
        "GET",
        "--url",
        "/a/twelve",
        "--force",
    ];
    assert_eq!(oaskit(&bad).status.code(), Some(1));
}

#[test]
fn export_writes_the_target_and_reports_losses() {
    let dir = scratch("export");
    let spec = hostile("valid-unusual/openapi31-jsonschema.yaml");
    let out = dir.join("out.json");
    let o = oaskit(&["export", s(&spec), "--to", "swagger-2.0", "-o", s(&out)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning[lost-keyword]") && err.contains("openapi31-jsonschema.yaml:"),
        "{err}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("json");
    assert_eq!(v["swagger"], "2.0");
    assert_eq!(oaskit(&["check", s(&out)]).status.code(), Some(0));
    // --fail-on-loss: exit 1 and nothing written.
    let strict = dir.join("strict.json");
    let o = oaskit(&[
        "export",
        s(&spec),
        "--to",
        "openapi-3.0",
        "--fail-on-loss",
        "-o",
        s(&strict),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!strict.exists());
    assert!(String::from_utf8_lossy(&o.stderr).contains("error[lost-keyword]"));
    // YAML and Postman.
    let o = oaskit(&[
        "export",
        s(&root().join("specs/gateway-crud.yaml")),
        "--to",
        "openapi-3.1",
        "--format",
        "yaml",
        "--extensions",
        "strip",
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.starts_with("openapi: \"3.1.1\"") && !text.contains("x-amazon"),
        "{text}"
    );
    let o = oaskit(&[
        "export",
        s(&root().join("specs/petstore.yaml")),
        "--to",
        "postman-2.1",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("collection");
    assert!(v["info"]["schema"]
        .as_str()
        .expect("schema")
        .contains("v2.1.0"));
    // A definition with errors is not exported.
    let o = oaskit(&[
        "export",
        s(&hostile("ref-missing/local-pointer.yaml")),
        "--to",
        "openapi-3.1",
        "-o",
        s(&dir.join("no.json")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.join("no.json").exists());
    let o = oaskit(&[
        "export",
        s(&hostile("ref-cycle/recursive-tree-ok.yaml")),
        "--to",
        "openapi-3.0",
        "--dereference",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("recursive-ref-kept"));
}

#[test]
fn explain_and_github_annotations() {
    let o = oaskit(&["explain", "ref-outside-root"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("--root"));
    assert_eq!(oaskit(&["explain", "no-such-code"]).status.code(), Some(2));
    let all = oaskit(&["explain"]);
    assert!(String::from_utf8_lossy(&all.stdout).lines().count() > 40);
    let o = oaskit(&[
        "check",
        s(&hostile("ref-missing/local-pointer.yaml")),
        "--format",
        "github",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("::error file=") && out.contains(",line=15,col=23,title=ref-unresolved::"),
        "{out}"
    );
}

#[test]
fn generate_rust_writes_a_crate() {
    let dir = scratch("generate");
    let o = oaskit(&[
        "generate",
        "rust",
        s(&root().join("specs/petstore.yaml")),
        "-o",
        s(&dir),
        "--name",
        "petstore",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).expect("lib.rs");
    assert!(lib.contains("pub async fn list_pets("), "{lib}");
    let expected =
        std::fs::read_to_string(root().join("generated/petstore/rust/src/lib.rs")).expect("golden");
    assert_eq!(lib, expected, "the CLI and the checked-in SDK agree");
    assert_eq!(
        oaskit(&[
            "generate",
            "rust",
            s(&hostile("ref-missing/local-pointer.yaml")),
            "-o",
            s(&dir.join("x"))
        ])
        .status
        .code(),
        Some(1)
    );
    assert!(!dir.join("x").exists());
    // --force generates from a definition with errors (still reported).
    let o = oaskit(&[
        "generate",
        "rust",
        s(&hostile("ref-missing/local-pointer.yaml")),
        "-o",
        s(&dir.join("x")),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ref-unresolved"));
    assert!(dir.join("x/src/lib.rs").is_file());
}

#[test]
fn generate_typescript_and_python_match_the_checked_in_sdks() {
    for (lang, file) in [
        ("typescript", "src/client.ts"),
        ("python", "gateway_crud/client.py"),
    ] {
        let dir = scratch(&format!("generate-{lang}"));
        let o = oaskit(&[
            "generate",
            lang,
            s(&root().join("specs/gateway-crud.yaml")),
            "-o",
            s(&dir),
            "--name",
            "gateway-crud",
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let have = std::fs::read_to_string(dir.join(file)).expect("generated file");
        let expected =
            std::fs::read_to_string(root().join("generated/gateway-crud").join(lang).join(file))
                .expect("checked-in file");
        assert_eq!(
            have, expected,
            "{lang}: the CLI and the checked-in SDK agree"
        );
    }
}

#[test]
fn dereferencing_past_the_node_budget_is_a_located_error_and_writes_nothing() {
    let dir = scratch("deref-budget");
    let spec = dir.join("api.yaml");
    let mut text = String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content: {application/json: {schema: {$ref: '#/components/schemas/S0'}}}\ncomponents:\n  schemas:\n");
    for i in 0..30 {
        text.push_str(&format!(
            "    S{i}: {{type: object, properties: {{a: {{$ref: '#/components/schemas/S{n}'}}, b: {{$ref: '#/components/schemas/S{n}'}}}}}}\n",
            n = i + 1
        ));
    }
    text.push_str("    S30: {type: string}\n");
    std::fs::write(&spec, text).expect("spec");
    let out = dir.join("out.json");
    let o = oaskit(&[
        "export",
        s(&spec),
        "--to",
        "openapi-3.1",
        "--dereference",
        "-o",
        s(&out),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[deref-limit]") && err.contains("api.yaml:"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");
    // Bundling keeps the references and works.
    let o = oaskit(&["export", s(&spec), "--to", "openapi-3.1", "-o", s(&out)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
