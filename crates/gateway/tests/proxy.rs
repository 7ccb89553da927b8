//! The validating proxy and the HTTP integrations, against a real backend on 127.0.0.1.

mod common;

use common::{client, send, serve, Backend};
use serde_json::json;

fn petstore() -> std::path::PathBuf {
    common::root().join("specs/petstore.yaml")
}

#[test]
fn upstream_requests_are_forwarded_without_hop_by_hop_headers() {
    let b = Backend::start(|r| {
        let body = if r.target.starts_with("/v1/pets/1") {
            json!({"id": 1, "name": "Rex"}).to_string()
        } else {
            json!([]).to_string()
        };
        (
            200,
            vec![
                ("Content-Type".into(), "application/json".into()),
                ("Keep-Alive".into(), "timeout=5".into()),
            ],
            body,
        )
    });
    let s = serve(&petstore(), "", |o| o.with_upstream(Some(b.url.clone())));
    let c = client();
    let a = send(
        c.get(format!("{}/v1/pets/1?x=1", s.url))
            .header("X-Custom", "yes")
            .header("Proxy-Authorization", "secret"),
    );
    assert_eq!((a.status, a.json()), (200, json!({"id": 1, "name": "Rex"})));
    assert!(
        a.header("keep-alive").is_none(),
        "hop-by-hop headers are not passed back"
    );
    let seen = b.requests();
    let r = seen.last().expect("forwarded");
    assert_eq!(
        (r.method.as_str(), r.target.as_str()),
        ("GET", "/v1/pets/1?x=1")
    );
    assert_eq!(r.header("x-custom"), Some("yes"));
    assert_eq!(r.header("proxy-authorization"), None);
    assert_eq!(r.header("x-forwarded-for"), Some("127.0.0.1"));
    let line = s.last_log();
    assert_eq!(
        (line["integration"].clone(), line["status"].clone()),
        (json!("upstream"), json!(200))
    );
    // A POST body goes through unchanged.
    let a = send(
        c.post(format!("{}/v1/pets", s.url))
            .header("Authorization", "Bearer t")
            .json(&json!({"name": "Tom"})),
    );
    assert_eq!(a.status, 200);
    assert_eq!(
        b.requests().last().map(|r| r.body.clone()),
        Some(r#"{"name":"Tom"}"#.to_string())
    );
    // An invalid request never reaches the backend.
    let before = b.requests().len();
    let a = send(c.get(format!("{}/v1/pets?limit=0", s.url)));
    assert_eq!(a.status, 422);
    assert_eq!(b.requests().len(), before);
}

#[test]
fn invalid_responses_are_logged_and_strict_mode_answers_502() {
    let b = Backend::start(|_| {
        (
            200,
            vec![("Content-Type".into(), "application/json".into())],
            json!({"id": "one"}).to_string(),
        )
    });
    let s = serve(&petstore(), "", |o| o.with_upstream(Some(b.url.clone())));
    let a = send(client().get(format!("{}/v1/pets/1", s.url)));
    assert_eq!(a.status, 200, "passed on as it came");
    let line = s.last_log();
    let v = &line["response_violations"];
    assert!(
        v.as_array()
            .is_some_and(|a| a.iter().any(|x| x["code"] == "body-schema")),
        "{line}"
    );
    assert!(v[0]["definition"]["line"].as_u64().is_some(), "{line}");
    let s = serve(&petstore(), "", |o| {
        o.with_upstream(Some(b.url.clone()))
            .with_strict_responses(true)
    });
    let a = send(client().get(format!("{}/v1/pets/1", s.url)));
    assert_eq!(a.status, 502);
    assert_eq!(a.header("content-type"), Some("application/problem+json"));
    assert_eq!(a.json()["violations"][0]["code"], "body-schema");
}

fn http_spec(dir: &std::path::Path) -> std::path::PathBuf {
    let spec = dir.join("api.yaml");
    std::fs::write(
        &spec,
        r#"openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /items/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: X-Req, in: header, schema: {type: string}}
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: ${stageVariables.backend}/things/{id}
        requestParameters:
          integration.request.header.X-Trace: method.request.header.X-Req
          integration.request.querystring.src: "'gateway'"
  /orders:
    post:
      responses:
        '201': {description: ok}
        '400': {description: bad}
      x-amazon-apigateway-integration:
        type: http
        httpMethod: PUT
        uri: ${stageVariables.backend}/orders
        requestTemplates:
          application/json: '{"stage": "$context.stage", "id": "$context.requestId"}'
        responses:
          "4\\d{2}":
            statusCode: "400"
            responseParameters:
              method.response.header.X-Reason: integration.response.header.X-Reason
            responseTemplates:
              application/json: '{"failed": true}'
          default:
            statusCode: "201"
"#,
    )
    .expect("write");
    spec
}

#[test]
fn http_proxy_and_http_integrations_map_requests_and_responses() {
    let b = Backend::start(|r| {
        if r.target.starts_with("/orders") && r.header("x-fail").is_some() {
            return (
                409,
                vec![("X-Reason".into(), "dup".into())],
                "conflict".into(),
            );
        }
        (
            200,
            vec![("Content-Type".into(), "application/json".into())],
            "{}".into(),
        )
    });
    let dir = std::env::temp_dir().join(format!("oaskit-gw-http-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let config = format!(
        "stage: test\nstages:\n  test:\n    variables: {{backend: \"{}\"}}\n",
        b.url
    );
    let s = serve(&http_spec(&dir), &config, |o| o);
    let c = client();
    let a = send(
        c.get(format!("{}/items/a%20b?q=1", s.url))
            .header("X-Req", "t-1"),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let r = b.requests().pop().expect("forwarded");
    assert_eq!(r.target, "/things/a%20b?q=1&src=gateway");
    assert_eq!(r.header("x-trace"), Some("t-1"));
    assert_eq!(s.last_log()["integration"], "HTTP_PROXY");
    // HTTP: the request template makes the body; integration responses map the answer.
    let a = send(c.post(format!("{}/orders", s.url)).json(&json!({"ok": 1})));
    assert_eq!(a.status, 201, "{}", a.body);
    let r = b.requests().pop().expect("forwarded");
    assert_eq!(r.method, "PUT");
    let sent: serde_json::Value = serde_json::from_str(&r.body).expect("template output is JSON");
    assert_eq!(sent["stage"], "test");
    let a = send(
        c.post(format!("{}/orders", s.url))
            .header("X-Fail", "1")
            .json(&json!({"ok": 2})),
    );
    assert_eq!((a.status, a.body.as_str()), (400, r#"{"failed": true}"#));
    assert_eq!(a.header("x-reason"), Some("dup"));
}
