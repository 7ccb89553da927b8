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
    oaskit_testkit::shared_dir().join("hostile").join(f)
}

fn oaskit(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(args)
        .output()
        .expect("runs");
    for code in printed_codes(args, &out) {
        assert!(
            explained(&code),
            "`oaskit {}` printed the code {code:?}, which `oaskit explain` does not know",
            args.join(" ")
        );
    }
    out
}

/// The diagnostic and violation codes in a command's output: `error[CODE]:` (human),
/// `title=CODE::` (GitHub), `[CODE] part: ...` (validate) and `"code"` of the items of a
/// `diagnostics` or `violations` array (JSON).
fn printed_codes(args: &[&str], out: &Output) -> Vec<String> {
    fn json_codes(v: &serde_json::Value, codes: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    if let ("diagnostics" | "violations", Some(items)) = (k.as_str(), x.as_array())
                    {
                        let found = items.iter().filter_map(|i| i.get("code")?.as_str());
                        codes.extend(found.map(String::from));
                    }
                    json_codes(x, codes);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| json_codes(x, codes)),
            _ => {}
        }
    }
    let mut codes = Vec::new();
    for text in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(text);
        for line in text.lines() {
            let human = line
                .strip_prefix("error[")
                .or_else(|| line.strip_prefix("warning["));
            let github = line
                .strip_prefix("::error ")
                .or_else(|| line.strip_prefix("::warning "));
            let github = github.and_then(|l| l.split_once("title=")).map(|(_, t)| t);
            let t = line.trim_start();
            let t = t
                .strip_prefix("request ")
                .or_else(|| t.strip_prefix("response "))
                .unwrap_or(t);
            let violation = t
                .strip_prefix('[')
                .filter(|_| args.first() == Some(&"validate") && line.starts_with(' '));
            if let Some((c, _)) = human.and_then(|h| h.split_once("]: ")) {
                codes.push(c.to_string());
            } else if let Some((c, _)) = github.and_then(|g| g.split_once("::")) {
                codes.push(c.to_string());
            } else if let Some((c, _)) = violation.and_then(|v| v.split_once("] ")) {
                codes.push(c.to_string());
            }
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            json_codes(&v, &mut codes);
        }
    }
    codes
}

/// Whether `oaskit explain CODE` knows `code` (each code asked once per test binary).
fn explained(code: &str) -> bool {
    static KNOWN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut known = KNOWN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if known.iter().any(|k| k == code) {
        return true;
    }
    let ok = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(["explain", code])
        .output()
        .expect("runs")
        .status
        .success();
    if ok {
        known.push(code.to_string());
    }
    ok
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
    assert_eq!(
        v["summary"]["by_code"],
        serde_json::json!({"duplicate-key": 1})
    );
    // A long human report ends with its counts per code.
    let o = oaskit(&[
        "export",
        s(&oaskit_testkit::shared_dir().join("specs/real/slack-web-openapi-v2.json")),
        "--to",
        "openapi-3.0",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("by code: upgrade-type-array 48, upgrade-tuple-items 28"),
        "{err}"
    );
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
    let src = oaskit_testkit::shared_dir().join("specs/oai/v2.0/yaml/petstore.yaml");
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
    let o = oaskit(&["import", s(&src), "--to", "openapi-3.1", "--syntax", "json"]);
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
fn force_writes_despite_errors_and_reports_them() {
    let dir = scratch("force");
    let spec = dir.join("api.yaml");
    // Two paths that differ only in variable names: an error `check` reports, as GitHub has.
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a/{x}:\n    get:\n      parameters: [{name: x, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n  /a/{y}:\n    get:\n      parameters: [{name: y, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n",
    )
    .expect("write");
    for cmd in [
        &["export", "--to", "openapi-3.1"][..],
        &["import", "--to", "openapi-3.1"][..],
    ] {
        let out = dir.join(format!("{}.json", cmd[0]));
        let mut args = cmd.to_vec();
        args.extend([s(&spec), "-o", s(&out)]);
        let o = oaskit(&args);
        assert_eq!(o.status.code(), Some(1), "{cmd:?}");
        assert!(!out.exists(), "{cmd:?}: nothing without --force");
        args.push("--force");
        let o = oaskit(&args);
        assert_eq!(o.status.code(), Some(0), "{cmd:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("path-ambiguous"),
            "{cmd:?}"
        );
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(text.contains("\"openapi\": \"3.1"), "{cmd:?}: {text}");
    }
    // import only upgrades: a 3.2 document is not silently kept at 3.2 by --to openapi-3.1.
    let v32 = dir.join("v32.yaml");
    std::fs::write(
        &v32,
        "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
    )
    .expect("write");
    let o = oaskit(&["import", s(&v32), "--to", "openapi-3.1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("import only upgrades"));
}

#[test]
fn import_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(["import", "-", "--syntax", "yaml"])
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
    let o = oaskit(&["import", &url, "--syntax", "json"]);
    assert_eq!(o.status.code(), Some(2), "loopback needs --allow-private");
    assert!(String::from_utf8_lossy(&o.stderr).contains("ref-address-denied"));
    assert_eq!(hits.load(Ordering::SeqCst), 0);
    let o = oaskit(&["import", &url, "--syntax", "json", "--allow-private"]);
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
        &["validate", "payload"],
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
fn validate_a_payload_against_a_schema() {
    let pet = root().join("specs/petstore.yaml");
    let notes = root().join("specs/gateway-crud.yaml");
    let dir = scratch("payload");
    let body = dir.join("pet.json");
    std::fs::write(&body, r#"{"id": 1, "name": 2}"#).expect("write");

    // Human: the payload pointer and the rule's file:line:column; exit 1.
    let o = oaskit(&[
        "validate",
        "payload",
        s(&pet),
        "--schema",
        "Pet",
        "--body",
        s(&body),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("invalid: schema /components/schemas/Pet (response): 1 violation(s)"),
        "{out}"
    );
    assert!(
        out.contains("[body-schema] body/name: 2 is not of type \"string\""),
        "{out}"
    );
    assert!(
        out.contains("rule /components/schemas/NewPet/properties/name/type (")
            && out.contains("specs/petstore.yaml:160:17)"),
        "{out}"
    );

    // JSON, by pointer, as a request: the readOnly id is refused too.
    let o = oaskit(&[
        "validate",
        "payload",
        s(&pet),
        "--schema",
        "#/components/schemas/Pet",
        "--direction",
        "request",
        "--body",
        s(&body),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["valid"], false);
    assert_eq!(v["operation"], "schema /components/schemas/Pet (request)");
    let parts: Vec<(&str, &str)> = v["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|x| (x["code"].as_str().unwrap(), x["part"].as_str().unwrap()))
        .collect();
    assert_eq!(
        parts,
        [("body-schema", "body/name"), ("read-only", "body/id")]
    );
    assert!(v["violations"][1]["rule_at"]
        .as_str()
        .unwrap()
        .ends_with("specs/petstore.yaml:174:13"));

    // GitHub annotations at the rule, in the definition's file.
    let o = oaskit(&[
        "validate",
        "payload",
        s(&pet),
        "--schema",
        "Pet",
        "--body",
        s(&body),
        "--format",
        "github",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("::error file=")
            && out.contains("specs/petstore.yaml,line=160,col=17,title=body-schema::"),
        "{out}"
    );
    assert!(out.contains("body/name"), "{out}");

    // YAML payloads; valid is exit 0.
    let yaml = dir.join("note.yaml");
    std::fs::write(&yaml, "title: groceries\ntags: [food, weekly]\n").expect("write");
    let o = oaskit(&[
        "validate",
        "payload",
        s(&notes),
        "--schema",
        "NewNote",
        "--direction",
        "request",
        "--body",
        s(&yaml),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "valid: schema /components/schemas/NewNote (request)\n"
    );
    std::fs::write(&yaml, "title: groceries\ntags: [food, food]\ncolour: red\n").expect("write");
    let o = oaskit(&[
        "validate",
        "payload",
        s(&notes),
        "--schema",
        "NewNote",
        "--direction",
        "request",
        "--body",
        s(&yaml),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("] body/tags: "), "{out}");
    assert!(out.contains("gateway-crud.yaml:224:24"), "{out}");
    assert!(out.contains("gateway-crud.yaml:212:29"), "{out}");

    // Standard input.
    let mut child = Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args([
            "validate",
            "payload",
            s(&pet),
            "--schema",
            "Error",
            "--body",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(br#"{"code": 1}"#)
        .expect("write");
    let o = child.wait_with_output().expect("waits");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("body: \"message\" is a required property"));

    // Usage errors are exit 2: an unknown schema, a payload that is neither JSON nor YAML, a
    // missing file.
    let o = oaskit(&[
        "validate",
        "payload",
        s(&pet),
        "--schema",
        "Owner",
        "--body",
        s(&body),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("\"Owner\" names no schema"));
    std::fs::write(&body, "{\"name\": ").expect("write");
    let o = oaskit(&[
        "validate",
        "payload",
        s(&pet),
        "--schema",
        "Pet",
        "--body",
        s(&body),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("pet.json:1:10"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let missing = dir.join("missing.json");
    let o = oaskit(&[
        "validate",
        "payload",
        s(&pet),
        "--schema",
        "Pet",
        "--body",
        s(&missing),
    ]);
    assert_eq!(o.status.code(), Some(2));
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
        "--syntax",
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
    assert!(lib.contains("pub fn list_pets("), "{lib}");
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

/// The first JSON value of `bytes` (standard error may go on with a closing message).
fn first_json(bytes: &[u8]) -> Option<serde_json::Value> {
    serde_json::Deserializer::from_slice(bytes)
        .into_iter::<serde_json::Value>()
        .next()?
        .ok()
}

/// `--format` is the report format on every command that reports findings, and nothing else:
/// `json` gives one JSON document and `github` gives annotations, on every one of them.
#[test]
fn every_command_that_reports_takes_the_same_format_flag() {
    let pet = root().join("specs/petstore.yaml");
    let bad = hostile("ref-missing/local-pointer.yaml");
    let dir = scratch("formats");
    let har = dir.join("one.har");
    std::fs::write(
        &har,
        r#"{"log": {"entries": [{"request": {"method": "GET", "url": "http://localhost:8080/v1/pets/1", "headers": []},
            "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
                         "content": {"text": "{\"id\": \"one\"}"}}}]}}"#,
    )
    .expect("har");
    let out = |name: &str| dir.join(name).to_string_lossy().into_owned();
    // The command, and whether its report is its product on standard output (else the
    // report goes to standard error, beside the document or files it writes).
    let cases: Vec<(Vec<String>, bool)> = vec![
        (vec!["check".into(), s(&bad).into()], true),
        (
            vec!["import".into(), s(&bad).into(), "-o".into(), out("i.json")],
            false,
        ),
        (
            vec![
                "export".into(),
                s(&bad).into(),
                "--to".into(),
                "openapi-3.0".into(),
            ],
            false,
        ),
        (
            vec![
                "generate".into(),
                "python".into(),
                s(&bad).into(),
                "-o".into(),
                out("g"),
            ],
            false,
        ),
        (
            vec![
                "validate".into(),
                "request".into(),
                s(&pet).into(),
                "-X".into(),
                "POST".into(),
                "--url".into(),
                "/v1/pets".into(),
            ],
            true,
        ),
        (
            vec![
                "validate".into(),
                "response".into(),
                s(&pet).into(),
                "-X".into(),
                "GET".into(),
                "--url".into(),
                "/v1/pets/1".into(),
                "--status".into(),
                "599".into(),
            ],
            true,
        ),
        (
            vec![
                "validate".into(),
                "har".into(),
                s(&pet).into(),
                s(&har).into(),
            ],
            true,
        ),
    ];
    for (args, on_stdout) in cases {
        let run = |format: &str| {
            let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
            a.extend(["--format", format]);
            let o = oaskit(&a);
            assert_eq!(o.status.code(), Some(1), "{a:?}: {o:?}");
            if on_stdout {
                o.stdout
            } else {
                o.stderr
            }
        };
        let json = run("json");
        let v = first_json(&json)
            .unwrap_or_else(|| panic!("{args:?}: no JSON: {}", String::from_utf8_lossy(&json)));
        assert!(
            v.get("diagnostics").is_some()
                || v.get("valid").is_some()
                || v.get("summary").is_some(),
            "{args:?}: {v}"
        );
        let github = String::from_utf8_lossy(&run("github")).into_owned();
        assert!(
            github.lines().any(|l| l.starts_with("::error ")),
            "{args:?}: {github}"
        );
        assert!(
            !github.contains("error[") && !github.contains("  [") && !github.contains("-->"),
            "{args:?}: human text in github output: {github}"
        );
        let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
        a.extend(["--format", "yaml"]);
        let o = oaskit(&a);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{a:?}: `yaml` is not a report format"
        );
    }
    // `--report` is the older spelling of the same flag, with the same values.
    let o = oaskit(&["import", s(&bad), "-o", &out("r.json"), "--report", "json"]);
    assert!(first_json(&o.stderr).is_some_and(|v| v["summary"]["errors"] == 1));
}

#[test]
fn the_document_syntax_is_its_own_flag_or_the_output_name() {
    let pet = root().join("specs/petstore.yaml");
    let dir = scratch("syntax");
    for cmd in [&["import"][..], &["export", "--to", "openapi-3.1"]] {
        let mut a = cmd.to_vec();
        a.extend([s(&pet), "--syntax", "yaml"]);
        let o = oaskit(&a);
        assert!(
            String::from_utf8_lossy(&o.stdout).starts_with("openapi: "),
            "{a:?}"
        );
        let yaml = dir.join(format!("{}.yaml", cmd[0]));
        let mut a = cmd.to_vec();
        a.extend([s(&pet), "-o", s(&yaml)]);
        assert_eq!(oaskit(&a).status.code(), Some(0), "{a:?}");
        let text = std::fs::read_to_string(&yaml).expect("written");
        assert!(text.starts_with("openapi: "), "{a:?}: {text}");
        // The flag wins over the name.
        a.extend(["--syntax", "json"]);
        assert_eq!(oaskit(&a).status.code(), Some(0), "{a:?}");
        let text = std::fs::read_to_string(&yaml).expect("written");
        assert!(text.starts_with('{'), "{a:?}: {text}");
    }
}

/// Flags that would be ignored are refused instead.
#[test]
fn no_flag_is_silently_ignored() {
    let pet = root().join("specs/petstore.yaml");
    let dir = scratch("ignored");
    for args in [
        // Bundling is what export does unless --dereference; the flag that said so is gone.
        vec!["export", s(&pet), "--to", "openapi-3.0", "--bundle"],
        // A Postman collection is built from the definition: no references, no extensions.
        vec!["export", s(&pet), "--to", "postman-2.1", "--dereference"],
        vec![
            "export",
            s(&pet),
            "--to",
            "postman-2.1",
            "--extensions",
            "strip",
        ],
        // A request has no status.
        vec![
            "validate",
            "request",
            s(&pet),
            "-X",
            "GET",
            "--url",
            "/v1/pets",
            "--status",
            "200",
        ],
        // A response needs one.
        vec![
            "validate",
            "response",
            s(&pet),
            "-X",
            "GET",
            "--url",
            "/v1/pets",
        ],
        // Only Rust output goes through rustfmt.
        vec![
            "generate",
            "typescript",
            s(&pet),
            "-o",
            s(&dir),
            "--no-rustfmt",
        ],
    ] {
        let o = oaskit(&args);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(!dir.join("package.json").exists());
}

/// The values of `export --to`, `generate LANGUAGE` and `import --to` are the libraries' own
/// lists: every value there is accepted and shown in the help.
#[test]
fn values_come_from_the_libraries() {
    let pet = root().join("specs/petstore.yaml");
    let help = |a: &[&str]| String::from_utf8_lossy(&oaskit(a).stdout).into_owned();
    let export_help = help(&["export", "--help"]);
    for t in oaskit_export::Target::ALL {
        assert!(export_help.contains(t.name()), "{t}");
        let o = oaskit(&["export", s(&pet), "--to", t.name()]);
        assert_eq!(o.status.code(), Some(0), "{t}: {o:?}");
    }
    let generate_help = help(&["generate", "--help"]);
    for l in oaskit_codegen::Language::ALL {
        assert!(generate_help.contains(l.name()), "{l}");
    }
    let import_help = help(&["import", "--help"]);
    for v in oaskit_core::SpecVersion::UPGRADE_TARGETS {
        assert!(import_help.contains(v.name()), "{v}");
        let o = oaskit(&["import", s(&pet), "--to", v.name()]);
        assert_eq!(o.status.code(), Some(0), "{v}: {o:?}");
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(doc["openapi"], v.default_literal());
    }
    let o = oaskit(&["export", s(&pet), "--to", "openapi-3.7"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("openapi-3.2"));
}

/// `validate --format github`: each violation is an annotation at its rule's file, line and
/// column (the place the human output names), rendered by the renderer `check` uses.
#[test]
fn validate_violations_are_github_annotations_at_their_rule() {
    let pet = root().join("specs/petstore.yaml");
    let dir = scratch("validate-github");
    let body = dir.join("pet.json");
    std::fs::write(&body, r#"{"name": 3}"#).expect("write");
    let args = [
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
    ];
    let human = oaskit(&args);
    let human = String::from_utf8_lossy(&human.stdout).into_owned();
    // "      rule /components/... (…/petstore.yaml:LINE:COL)"
    let place = human
        .lines()
        .find(|l| l.contains("[body-schema]"))
        .and_then(|_| human.lines().find(|l| l.trim_start().starts_with("rule ")))
        .and_then(|l| l.rsplit_once(':').zip(l.rsplit(':').nth(1)))
        .map(|((_, col), line)| (line.to_string(), col.trim_end_matches(')').to_string()))
        .unwrap_or_else(|| panic!("{human}"));
    let mut gh = args.to_vec();
    gh.extend(["--format", "github"]);
    let o = oaskit(&gh);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    let line = out
        .lines()
        .find(|l| l.contains("title=body-schema::"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.starts_with("::error file="), "{line}");
    assert!(line.contains("petstore.yaml"), "{line}");
    assert!(
        line.contains(&format!(",line={},col={},", place.0, place.1)),
        "{line} / {place:?} / {human}"
    );
    assert!(line.contains("POST /pets: body/name"), "{line}");
}

#[test]
fn aws_profiles_load_what_api_gateway_imports() {
    let shared = oaskit_testkit::shared_dir();
    // A definition from AWS's developer guide that the OpenAPI specification rejects (so plain
    // `check` fails) and API Gateway imports as a REST API.
    let guide = shared.join("specs/aws-apigateway/developer-guide/api-as-kinesis-proxy-export-swagger-with-extensions-2.json");
    let plain = oaskit(&["check", s(&guide), "--format", "json"]);
    assert_eq!(plain.status.code(), Some(1), "plain check fails");
    let rest = oaskit(&[
        "check",
        s(&guide),
        "--profile",
        "aws-rest",
        "--format",
        "json",
    ]);
    assert_eq!(
        rest.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&rest.stdout)
    );
    let report: serde_json::Value = serde_json::from_slice(&rest.stdout).expect("json");
    let text = report.to_string();
    assert!(
        text.contains("\"warning\""),
        "downgraded findings stay as warnings: {text}"
    );
    // export and import follow the profile: what API Gateway accepts no longer blocks them.
    let out = scratch("aws-profile").join("out.json");
    let export = oaskit(&[
        "export",
        s(&guide),
        "--to",
        "openapi-3.0",
        "-o",
        s(&out),
        "--profile",
        "aws-rest",
    ]);
    assert_eq!(
        export.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let refused = oaskit(&["export", s(&guide), "--to", "openapi-3.0", "-o", s(&out)]);
    assert_eq!(
        refused.status.code(),
        Some(1),
        "without the profile the errors block the export"
    );
    // Written for the import, the output checks clean of what the export rewrites (a model
    // name API Gateway refuses, in the workspace's test document); a target API Gateway does
    // not import is refused before anything is read.
    let rewrites = root().join("tests/data/gateway-export/rewrites.yaml");
    let profile_check = |file: &Path| {
        let run = oaskit(&[
            "check",
            s(file),
            "--profile",
            "aws-rest",
            "--format",
            "json",
        ]);
        serde_json::from_slice::<serde_json::Value>(&run.stdout)
            .expect("json")
            .to_string()
    };
    assert!(profile_check(&rewrites).contains("aws-model-name"));
    let written = scratch("aws-profile-rewrites").join("out.json");
    let export = oaskit(&[
        "export",
        s(&rewrites),
        "--to",
        "openapi-3.0",
        "-o",
        s(&written),
        "--profile",
        "aws-rest",
    ]);
    assert_eq!(export.status.code(), Some(0));
    let report = profile_check(&written);
    assert!(!report.contains("aws-model-name"), "{report}");
    let unimported = oaskit(&[
        "export",
        s(&guide),
        "--to",
        "openapi-3.1",
        "--profile",
        "aws-rest",
    ]);
    assert_eq!(unimported.status.code(), Some(2));
    let said = String::from_utf8_lossy(&unimported.stderr);
    assert!(
        said.contains("aws-rest imports Swagger 2.0 and OpenAPI 3.0, not openapi-3.1"),
        "{said}"
    );
    // A fragment is checked as the extension it is; an unknown kind is a usage error naming
    // the kinds.
    let fragments = shared.join("fragments/aws-apigateway");
    let cors = fragments.join("api-gateway-swagger-extensions-cors-configuration.yaml");
    let ok = oaskit(&[
        "check",
        "--profile",
        "aws-http",
        "--fragment",
        "cors",
        s(&cors),
    ]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let unknown = oaskit(&[
        "check",
        "--profile",
        "aws-rest",
        "--fragment",
        "nope",
        s(&cors),
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("integration"));
    // Every aws- code cites the page it comes from.
    let explain = oaskit(&["explain", "aws-response-ref"]);
    assert!(String::from_utf8_lossy(&explain.stdout)
        .contains("https://docs.aws.amazon.com/apigateway/"));
    let bogus = oaskit(&["check", s(&guide), "--profile", "bogus"]);
    assert_eq!(bogus.status.code(), Some(2));
}

/// `validate --profile aws-rest` checks requests as API Gateway's REST request validation does,
/// on the sample of AWS's own page on it (a Swagger 2.0 document plain `check` refuses): the
/// page's `params-only` validator checks that `q1` is present and not blank, its `all`
/// validator the body against `RequestBodyModel` too.
#[test]
fn validate_follows_the_gateway_profile() {
    let spec = oaskit_testkit::shared_dir().join(
        "specs/aws-apigateway/developer-guide/api-gateway-request-validation-sample-api-swagger.json",
    );
    let get = |url: &str, extra: &[&str]| {
        let mut args = vec![
            "validate",
            "request",
            s(&spec),
            "--method",
            "GET",
            "--url",
            url,
        ];
        args.extend_from_slice(extra);
        oaskit(&args)
    };
    let plain = get("/v1/validation?q1=cat", &[]);
    assert_eq!(
        plain.status.code(),
        Some(2),
        "plain: the definition has errors"
    );
    let rest = ["--profile", "aws-rest"];
    assert_eq!(get("/v1/validation?q1=cat", &rest).status.code(), Some(0));
    for url in ["/v1/validation", "/v1/validation?q1="] {
        let out = get(url, &rest);
        assert_eq!(out.status.code(), Some(1), "{url}");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("[param-missing] query.q1"), "{said}");
    }
    let dir = scratch("validate-gateway");
    let body = dir.join("body.json");
    let post = |json: &str, extra: &[&str]| {
        std::fs::write(&body, json).expect("write body");
        let mut args = vec![
            "validate",
            "request",
            s(&spec),
            "--method",
            "POST",
            "--url",
            "/v1/validation",
            "-H",
            "h1: anything",
            "-H",
            "Content-Type: application/json",
            "--body",
            s(&body),
        ];
        args.extend_from_slice(extra);
        oaskit(&args)
    };
    let ok = r#"{"type": "dog", "name": "Rex", "price": 30}"#;
    assert_eq!(post(ok, &rest).status.code(), Some(0));
    let cheap = post(r#"{"type": "dog", "name": "Rex", "price": 10}"#, &rest);
    assert_eq!(cheap.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&cheap.stdout).contains("[body-schema]"));
    // `--gateway` alone means REST APIs; HTTP APIs import no Swagger 2.0, so nothing is checked.
    assert_eq!(
        get("/v1/validation?q1=", &["--gateway", "--force"])
            .status
            .code(),
        Some(1)
    );
    let http = get("/v1/validation", &["--profile", "aws-http"]);
    assert_eq!(http.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&http.stderr).contains("aws-openapi-version"));
}
