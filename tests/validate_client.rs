//! Client contract tests through `oaskit_validator::client::ValidationMiddleware` (feature
//! `reqwest`): a reqwest-middleware client against `oaskit serve` in mock mode
//! (`e2e/servers.rs`) on `specs/petstore.yaml` and `specs/gateway-crud.yaml`, and against a
//! one-connection upstream on 127.0.0.1 that answers what the definition forbids. Violations
//! are injected on purpose (a client sending a wrong type; an answer with a wrong type or an
//! undeclared status) and asserted with their payload pointer and the rule's
//! `file:line:column`.

#[path = "e2e/servers.rs"]
mod servers;
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use oaskit_validator::client::{Rejected, ValidationMiddleware};
use oaskit_validator::{Collector, Contract, Direction, Options};
use serde_json::{json, Value};
use servers::{Kind, Mock};

fn spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(name)
}

fn contract(name: &str) -> Contract {
    let loaded = oaskit_core::load_file(spec(name), &oaskit_core::LoadOptions::new());
    Contract::from_loaded(loaded, &Options::new()).expect("validator")
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(f)
}

fn client(middleware: ValidationMiddleware) -> reqwest_middleware::ClientWithMiddleware {
    reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(middleware)
        .build()
}

fn serve_log(mock: &Mock) -> Vec<String> {
    match mock {
        Mock::Serve(s) => s.log(),
        Mock::Prism(_) => Vec::new(),
    }
}

#[test]
fn a_client_following_the_petstore_contract_leaves_the_collector_empty() {
    let mock = Kind::Serve.start(&spec("petstore.yaml"));
    let base = mock.url().to_string();
    let collector = Collector::new();
    let http = client(ValidationMiddleware::collect(
        contract("petstore.yaml"),
        &collector,
    ));
    block_on(async {
        let r = http
            .get(format!("{base}/pets?limit=2"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        // The middleware hands the body back whole.
        assert!(r.json::<Value>().await.unwrap().is_array());
        let r = http.get(format!("{base}/pets/1")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let r = http
            .post(format!("{base}/pets"))
            .bearer_auth("t")
            .json(&json!({"name": "Rex", "kind": "dog"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        assert!(r.json::<Value>().await.unwrap()["id"].is_i64());
    });
    assert_eq!(collector.checked(), 6);
    collector.assert_no_violations();
}

#[test]
fn a_client_sending_a_wrong_type_is_found_with_its_places() {
    let mock = Kind::Serve.start(&spec("gateway-crud.yaml"));
    let base = mock.url().to_string();
    let collector = Collector::new();
    let http = client(ValidationMiddleware::collect(
        contract("gateway-crud.yaml"),
        &collector,
    ));
    let status = block_on(async {
        http.post(format!("{base}/notes"))
            .header("x-api-key", "k")
            .json(&json!({"title": 5}))
            .send()
            .await
            .unwrap()
            .status()
    });
    // Collect mode sends it; the gateway's own request validator refuses it with the 400 the
    // definition declares, which is a valid response.
    assert_eq!(status, 400);
    let found = collector.findings();
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.direction, Direction::Request);
    assert_eq!(f.method, "POST");
    assert_eq!(f.url, format!("{base}/notes"));
    assert_eq!(f.report.operation.as_deref(), Some("POST /notes"));
    assert_eq!(f.report.codes(), ["body-schema"]);
    let v = &f.report.violations[0];
    assert_eq!(v.part.to_string(), "body/title");
    assert_eq!(v.rule, "/components/schemas/NewNote/properties/title/type");
    assert!(
        v.rule_at
            .as_deref()
            .unwrap()
            .ends_with("specs/gateway-crud.yaml:215:17"),
        "{v}"
    );
    assert_eq!(collector.checked(), 2);

    // Reject mode does not send it at all.
    let before = serve_log(&mock).len();
    let http = client(ValidationMiddleware::reject(contract("gateway-crud.yaml")));
    let err = block_on(async {
        http.post(format!("{base}/notes"))
            .header("x-api-key", "k")
            .json(&json!({"title": 5}))
            .send()
            .await
            .unwrap_err()
    });
    let reqwest_middleware::Error::Middleware(e) = &err else {
        panic!("not a middleware error: {err}");
    };
    let Rejected(finding) = e.downcast_ref::<Rejected>().expect("Rejected");
    assert_eq!(finding.report.violations[0].part.to_string(), "body/title");
    assert!(err.to_string().contains("body/title"), "{err}");
    assert!(
        err.to_string().contains("gateway-crud.yaml:215:17"),
        "{err}"
    );
    assert_eq!(serve_log(&mock).len(), before, "the request was sent");
}

/// Answers one HTTP/1.1 request on 127.0.0.1 with `status` and a JSON `body`, then closes.
fn upstream(status: &'static str, body: &'static str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().expect("accept");
        let mut reader = BufReader::new(conn.try_clone().expect("clone"));
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut skip = vec![0u8; length];
        let _ = reader.read_exact(&mut skip);
        let _ = write!(
            conn,
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
    });
    format!("http://{addr}/v1")
}

#[test]
fn answers_breaking_the_definition_are_found_with_their_places() {
    // A wrong type in the body.
    let base = upstream("200 OK", r#"{"id": "one", "name": "Rex"}"#);
    let collector = Collector::new();
    let http = client(ValidationMiddleware::collect(
        contract("petstore.yaml"),
        &collector,
    ));
    let body = block_on(async {
        let r = http.get(format!("{base}/pets/1")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        r.text().await.unwrap()
    });
    assert_eq!(
        body, r#"{"id": "one", "name": "Rex"}"#,
        "the body is handed back"
    );
    let found = collector.take();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].direction, Direction::Response);
    assert_eq!(found[0].status, Some(200));
    let v = &found[0].report.violations[0];
    assert_eq!(
        (v.code, v.part.to_string().as_str()),
        ("body-schema", "body/id")
    );
    assert_eq!(v.rule, "/components/schemas/Pet/allOf/1/properties/id/type");
    assert!(
        v.rule_at
            .as_deref()
            .unwrap()
            .ends_with("specs/petstore.yaml:175:21"),
        "{v}"
    );

    // An undeclared status, refused in reject mode.
    let base = upstream("418 I'm a teapot", r#"{"code": 418, "message": "tea"}"#);
    let http =
        client(ValidationMiddleware::reject(contract("petstore.yaml")).collect_into(&collector));
    let err = block_on(async { http.get(format!("{base}/pets/1")).send().await.unwrap_err() });
    assert!(err.to_string().contains("status-undeclared"), "{err}");
    assert!(
        err.to_string().contains("status 418 is not declared"),
        "{err}"
    );
    let found = collector.findings();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].report.codes(), ["status-undeclared"]);
    assert_eq!(found[0].status, Some(418));
}
