//! The validator used the way a project's own test suite would: a real HTTP server on
//! 127.0.0.1 serving `specs/petstore.yaml`, real requests through reqwest, and the validator
//! asserting on both sides (the server refuses requests that break the definition; the tests
//! check every response against it).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use oaskit_validator::{Request, Response, Validator};

fn validator() -> Validator {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/petstore.yaml");
    let loaded = oaskit_core::load_file(&spec, &oaskit_core::LoadOptions::new());
    Validator::from_loaded(&loaded, &oaskit_validator::Options::new()).expect("validator")
}

/// Reads one HTTP/1.1 request into an `http::Request`.
fn read_request(stream: &mut TcpStream) -> Option<http::Request<Vec<u8>>> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut builder = http::Request::builder()
        .method(method.as_str())
        .uri(target.as_str());
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        if k.eq_ignore_ascii_case("content-length") {
            length = v.trim().parse().ok()?;
        }
        builder = builder.header(k.trim(), v.trim());
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    builder.body(body).ok()
}

fn respond(stream: &mut TcpStream, status: u16, headers: &[(&str, String)], body: &str) {
    let mut out = format!(
        "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    let _ = stream.write_all(out.as_bytes());
}

/// The pet store, with one deliberate bug: pet 13's response has a string id.
fn serve(listener: TcpListener, v: Arc<Validator>, refused: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        let pets: Mutex<Vec<(i64, String)>> = Mutex::new(vec![(1, "Rex".into())]);
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let Some(req) = read_request(&mut stream) else {
                continue;
            };
            // Server side: refuse requests that break the definition.
            let report = v.validate_request(&Request::from(&req));
            if !report.is_valid() {
                refused.lock().expect("lock").push(report.to_string());
                let body =
                    serde_json::json!({"code": 422, "message": report.to_string()}).to_string();
                respond(
                    &mut stream,
                    422,
                    &[("content-type", "application/json".into())],
                    &body,
                );
                continue;
            }
            let path = req.uri().path().to_string();
            let json = [("content-type", "application/json".to_string())];
            match (req.method().as_str(), path.as_str()) {
                ("GET", "/v1/pets") => {
                    let list: Vec<_> = pets
                        .lock()
                        .expect("lock")
                        .iter()
                        .map(|(id, n)| serde_json::json!({"id": id, "name": n}))
                        .collect();
                    respond(
                        &mut stream,
                        200,
                        &[json[0].clone(), ("x-next", "/v1/pets?page=2".into())],
                        &serde_json::Value::Array(list).to_string(),
                    );
                }
                ("POST", "/v1/pets") => {
                    let body: serde_json::Value =
                        serde_json::from_slice(req.body()).unwrap_or_default();
                    let mut p = pets.lock().expect("lock");
                    let id = p.len() as i64 + 1;
                    let name = body["name"].as_str().unwrap_or_default().to_string();
                    p.push((id, name.clone()));
                    respond(
                        &mut stream,
                        201,
                        &json,
                        &serde_json::json!({"id": id, "name": name}).to_string(),
                    );
                }
                ("GET", "/v1/pets/13") => {
                    respond(&mut stream, 200, &json, r#"{"id": "13", "name": "bug"}"#)
                }
                ("GET", p) if p.starts_with("/v1/pets/") => respond(
                    &mut stream,
                    404,
                    &json,
                    r#"{"code": 404, "message": "no such pet"}"#,
                ),
                _ => respond(&mut stream, 404, &json, r#"{"code": 404, "message": "?"}"#),
            }
        }
    });
}

fn to_response(r: reqwest::blocking::Response) -> Response {
    let status = r.status().as_u16();
    let headers = r
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: r.bytes().expect("body").to_vec(),
    }
}

#[test]
fn client_and_server_are_both_checked_against_the_definition() {
    let v = Arc::new(validator());
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}/v1", listener.local_addr().expect("addr"));
    let refused = Arc::new(Mutex::new(Vec::new()));
    serve(listener, Arc::clone(&v), Arc::clone(&refused));
    let client = reqwest::blocking::Client::new();

    // A valid request and its response.
    let r = client
        .post(format!("{base}/pets"))
        .bearer_auth("t")
        .json(&serde_json::json!({"name": "Tom", "kind": "cat"}))
        .send()
        .expect("send");
    let resp = to_response(r);
    assert_eq!(resp.status, 201);
    v.validate_response("POST", &format!("{base}/pets"), &resp)
        .assert_valid();

    let r = client
        .get(format!("{base}/pets?limit=10"))
        .send()
        .expect("send");
    let resp = to_response(r);
    assert_eq!(resp.status, 200);
    v.validate_response("GET", &format!("{base}/pets?limit=10"), &resp)
        .assert_valid();

    // A request that breaks the definition is refused by the server's validator.
    let r = client
        .post(format!("{base}/pets"))
        .bearer_auth("t")
        .json(&serde_json::json!({"name": 7}))
        .send()
        .expect("send");
    let resp = to_response(r);
    assert_eq!(resp.status, 422);
    v.validate_response("POST", &format!("{base}/pets"), &resp)
        .assert_valid();
    let r = client
        .get(format!("{base}/pets?limit=1000"))
        .send()
        .expect("send");
    assert_eq!(r.status().as_u16(), 422);
    let r = client
        .post(format!("{base}/pets"))
        .json(&serde_json::json!({"name": "NoAuth"}))
        .send()
        .expect("send");
    assert_eq!(r.status().as_u16(), 422, "missing bearer token");
    let refused = refused.lock().expect("lock").clone();
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert!(refused[0].contains("body/name"), "{}", refused[0]);
    assert!(refused[1].contains("query.limit"), "{}", refused[1]);
    assert!(refused[2].contains("security-missing"), "{}", refused[2]);

    // A server bug is caught on the client side, with the rule that was broken.
    let r = client.get(format!("{base}/pets/13")).send().expect("send");
    let report = v.validate_response("GET", &format!("{base}/pets/13"), &to_response(r));
    assert_eq!(report.codes(), ["body-schema"]);
    assert_eq!(report.violations[0].part.to_string(), "body/id");
    assert!(
        report.violations[0]
            .rule
            .contains("/components/schemas/Pet"),
        "{report}"
    );
    let loaded = oaskit_core::load_file(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/petstore.yaml"),
        &oaskit_core::LoadOptions::new(),
    );
    let located = report.with_locations(&loaded);
    assert!(
        located.violations[0]
            .rule_at
            .as_deref()
            .is_some_and(|at| at.contains("petstore.yaml:")),
        "{located}"
    );

    let r = client.get(format!("{base}/pets/2")).send().expect("send");
    let resp = to_response(r);
    assert_eq!(resp.status, 404);
    v.validate_response("GET", &format!("{base}/pets/2"), &resp)
        .assert_valid();
}

#[test]
fn http_crate_messages_convert() {
    let v = validator();
    let req = http::Request::builder()
        .method("POST")
        .uri("http://localhost:8080/v1/pets")
        .header("content-type", "application/json")
        .header("authorization", "Bearer x")
        .body(br#"{"name": "Rex"}"#.to_vec())
        .expect("request");
    v.validate_request(&Request::from(&req)).assert_valid();
    let resp = http::Response::builder()
        .status(201)
        .header("content-type", "application/json")
        .body(br#"{"id": 1, "name": "Rex"}"#.to_vec())
        .expect("response");
    v.validate_response("POST", "/v1/pets", &Response::from(&resp))
        .assert_valid();
}

#[test]
fn one_validator_serves_many_threads() {
    let v = Arc::new(validator());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let v = Arc::clone(&v);
            std::thread::spawn(move || {
                for k in 0..500 {
                    let ok = v
                        .validate_request(&Request::new(
                            "GET",
                            &format!("/v1/pets/{}", i * 1000 + k),
                        ))
                        .is_valid();
                    assert!(ok);
                    assert!(!v
                        .validate_request(&Request::new("GET", "/v1/pets/x"))
                        .is_valid());
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread");
    }
}

#[test]
#[should_panic(expected = "body-schema")]
fn assert_valid_fails_a_test_with_a_readable_report() {
    let v = validator();
    let resp = Response::new(200).json(&serde_json::json!([{"id": "x", "name": "a"}]));
    v.validate_response("GET", "/v1/pets", &resp).assert_valid();
}
