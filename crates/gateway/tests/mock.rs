//! Mock mode over real HTTP on 127.0.0.1: answers from examples and schemas, `Prefer`,
//! content negotiation, and refusals as `application/problem+json` located in the definition
//! (or the operation's own declared response for that status, the violations in a header).

mod common;

use common::{client, get, send, serve};
use serde_json::json;

fn petstore() -> std::path::PathBuf {
    common::root().join("specs/petstore.yaml")
}

/// Every answer of the mock validates against the definition (the validator is the judge).
fn assert_valid_response(method: &str, url: &str, got: &common::Got) {
    let loaded = oaskit_core::load_file(petstore(), &oaskit_core::LoadOptions::new());
    let v = oaskit_validator::Validator::from_loaded(&loaded, &oaskit_validator::Options::new())
        .expect("validator");
    let mut resp = oaskit_validator::Response::new(got.status).body(got.body.clone().into_bytes());
    for (k, val) in &got.headers {
        resp = resp.header(k.as_str(), val.to_str().unwrap_or(""));
    }
    v.validate_response(method, url, &resp).assert_valid();
}

#[test]
fn answers_from_the_schema_deterministically_with_declared_headers() {
    let s = serve(&petstore(), "", |o| o);
    let a = get(&format!("{}/v1/pets?limit=2", s.url));
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.header("content-type"), Some("application/json"));
    assert_eq!(
        a.json(),
        json!([{"name": "string", "tag": "string", "kind": "dog", "id": 0}])
    );
    assert_eq!(a.header("x-next"), Some("string"));
    assert_valid_response("GET", "/v1/pets", &a);
    // The same request, the same answer.
    assert_eq!(get(&format!("{}/v1/pets?limit=2", s.url)).body, a.body);
    // Discriminated unions carry the tag of the branch generated.
    let acts = get(&format!("{}/v1/pets/1/activities", s.url));
    assert_eq!(acts.json(), json!([{"type": "walk", "minutes": 1}]));
    let line = s.last_log();
    assert_eq!(line["operation"], "GET /pets/{petId}/activities");
    assert_eq!(line["status"], 200);
    assert_eq!(line["integration"], "mock");
    assert!(
        line["request_id"].as_str().is_some_and(|r| r.len() == 36),
        "{line}"
    );
    assert!(line["latency_ms"].as_f64().is_some());
    assert_eq!(
        (line["throttled"].clone(), line["cache_hit"].clone()),
        (json!(false), json!(false))
    );
}

#[test]
fn prefer_picks_the_status_and_dynamic_values_stay_valid() {
    let s = serve(&petstore(), "", |o| o);
    let c = client();
    let a = send(
        c.get(format!("{}/v1/pets/7", s.url))
            .header("Prefer", "code=404"),
    );
    assert_eq!(a.status, 404);
    assert_eq!(a.json(), json!({"code": 0, "message": "string"}));
    // `default` covers any status asked for.
    let a = send(
        c.get(format!("{}/v1/pets", s.url))
            .header("Prefer", "code=503"),
    );
    assert_eq!(a.status, 503);
    assert_valid_response("GET", "/v1/pets", &a);
    // A status the operation does not declare is refused, saying what it declares.
    let a = send(
        c.get(format!("{}/v1/pets/7", s.url))
            .header("Prefer", "code=418"),
    );
    assert_eq!(a.status, 400);
    assert!(
        a.json()["detail"]
            .as_str()
            .unwrap_or("")
            .contains("200, 404"),
        "{}",
        a.body
    );
    // Random but valid, many times.
    let mut seen = std::collections::HashSet::new();
    for _ in 0..20 {
        let a = send(
            c.get(format!("{}/v1/pets", s.url))
                .header("Prefer", "dynamic=true"),
        );
        assert_eq!(a.status, 200);
        assert_valid_response("GET", "/v1/pets", &a);
        seen.insert(a.body);
    }
    assert!(seen.len() > 5, "dynamic answers vary: {seen:?}");
}

#[test]
fn named_examples_and_content_negotiation() {
    let dir = tempdir("named");
    let spec = dir.join("api.yaml");
    std::fs::write(
        &spec,
        r#"openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /cats/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: ok
          headers:
            X-Rate-Limit: {required: true, schema: {type: integer, minimum: 10}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Cat'}
              examples:
                tom: {value: {name: Tom, lives: 9}}
                felix: {$ref: '#/components/examples/felix'}
            application/xml:
              schema: {$ref: '#/components/schemas/Cat'}
            text/plain:
              schema: {type: string, example: a cat}
components:
  examples:
    felix: {value: {name: Felix, lives: 3}}
  schemas:
    Cat:
      type: object
      required: [name, lives]
      properties:
        name: {type: string}
        lives: {type: integer, minimum: 1, maximum: 9}
"#,
    )
    .expect("write");
    let s = serve(&spec, "", |o| o);
    let c = client();
    let url = format!("{}/cats/1", s.url);
    // The first example without a preference.
    let a = send(c.get(&url));
    assert_eq!(
        (a.status, a.json()),
        (200, json!({"name": "Tom", "lives": 9}))
    );
    assert_eq!(a.header("x-rate-limit"), Some("10"));
    let a = send(c.get(&url).header("Prefer", "example=felix"));
    assert_eq!(a.json(), json!({"name": "Felix", "lives": 3}));
    let a = send(c.get(&url).header("Prefer", "example=garfield"));
    assert_eq!(a.status, 404);
    assert!(a.body.contains("tom, felix"), "{}", a.body);
    let a = send(c.get(&url).header("Accept", "text/plain"));
    assert_eq!(
        (a.header("content-type"), a.body.as_str()),
        (Some("text/plain"), "a cat")
    );
    let a = send(
        c.get(&url)
            .header("Accept", "application/xml;q=0.9, text/plain;q=0.1"),
    );
    assert_eq!(a.header("content-type"), Some("application/xml"));
    assert!(a.body.starts_with("<?xml"), "{}", a.body);
    let a = send(c.get(&url).header("Accept", "image/png"));
    assert_eq!(a.status, 406);
    assert_eq!(a.header("content-type"), Some("application/problem+json"));
}

#[test]
fn invalid_requests_are_refused_with_located_problems() {
    let s = serve(&petstore(), "", |o| o);
    let c = client();
    // 422: a parameter breaks its schema; showPetById declares no 422 (nor 4XX or default), so
    // the answer is a problem, with the rule located in specs/petstore.yaml.
    let a = send(c.get(format!("{}/v1/pets/abc", s.url)));
    assert_eq!(a.status, 422, "{}", a.body);
    assert_eq!(a.header("content-type"), Some("application/problem+json"));
    let p = a.json();
    assert_eq!(p["status"], 422);
    assert_eq!(p["operation"], "GET /pets/{petId}");
    let v = &p["violations"][0];
    assert_eq!(v["code"], "param-schema");
    assert_eq!(v["in"], "path.petId");
    assert_eq!(
        v["definition"]["pointer"],
        "/paths/~1pets~1{petId}/parameters/0/schema/type"
    );
    // listPets declares a `default` response (the Error schema): a refusal is that response,
    // as the definition promises its clients, with the located violations in a header.
    let a = send(c.get(format!("{}/v1/pets?limit=500", s.url)));
    assert_eq!(a.status, 422, "{}", a.body);
    assert_eq!(a.header("content-type"), Some("application/json"));
    assert_valid_response("GET", "/v1/pets?limit=500", &a);
    let violations: serde_json::Value = serde_json::from_str(
        a.header("x-oaskit-violations")
            .expect("the violations header"),
    )
    .expect("JSON");
    let v = &violations[0];
    assert_eq!(v["code"], "param-schema");
    assert_eq!(v["in"], "query.limit");
    assert_eq!(v["definition"]["line"], 25, "{v}");
    assert_eq!(v["definition"]["column"], 22, "{v}");
    assert_eq!(
        v["definition"]["pointer"],
        "/paths/~1pets/get/parameters/0/schema/maximum"
    );
    assert!(
        v["definition"]["file"]
            .as_str()
            .unwrap_or("")
            .ends_with("petstore.yaml"),
        "{v}"
    );
    assert_eq!(s.last_log()["request_violations"], json!(["param-schema"]));
    // 401: no credentials.
    let a = send(
        c.post(format!("{}/v1/pets", s.url))
            .json(&json!({"name": "Rex"})),
    );
    assert_eq!(a.status, 401, "{}", a.body);
    assert_eq!(a.json()["violations"][0]["code"], "security-missing");
    // 415, 400, 422 for bodies.
    let auth = "Bearer t";
    let a = send(
        c.post(format!("{}/v1/pets", s.url))
            .header("Authorization", auth)
            .header("Content-Type", "text/csv")
            .body("a,b"),
    );
    assert_eq!(a.status, 415, "{}", a.body);
    let a = send(
        c.post(format!("{}/v1/pets", s.url))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .body("{"),
    );
    assert_eq!(a.status, 400, "{}", a.body);
    let a = send(
        c.post(format!("{}/v1/pets", s.url))
            .header("Authorization", auth)
            .json(&json!({"name": ""})),
    );
    // createPet declares its 422 (Error): that body, the violation in the header.
    assert_eq!(a.status, 422, "{}", a.body);
    assert!(a.json()["message"].is_string(), "{}", a.body);
    assert!(
        a.header("x-oaskit-violations")
            .is_some_and(|h| h.contains(r#""in":"body/name""#)),
        "{:?}",
        a.headers
    );
    let a = send(
        c.post(format!("{}/v1/pets", s.url))
            .header("Authorization", auth)
            .json(&json!({"name": "Rex"})),
    );
    assert_eq!(a.status, 201, "{}", a.body);
    // 404 and 405 (with Allow).
    let a = get(&format!("{}/v1/nothing", s.url));
    assert_eq!(a.status, 404);
    assert_eq!(a.json()["violations"][0]["code"], "route-not-found");
    let a = send(c.put(format!("{}/v1/pets", s.url)));
    assert_eq!(a.status, 405);
    assert_eq!(a.header("allow"), Some("GET, POST"));
    let line = s.last_log();
    assert_eq!(line["status"], 405);
    assert_eq!(line["request_violations"], json!(["method-not-allowed"]));
}

#[test]
fn validate_responses_only_logs_invalid_requests_and_none_checks_nothing() {
    let s = serve(&petstore(), "", |o| {
        o.with_validate(oaskit_gateway::Validate::Responses)
    });
    let a = get(&format!("{}/v1/pets?limit=500", s.url));
    assert_eq!(a.status, 200);
    assert_eq!(s.last_log()["request_violations"], json!(["param-schema"]));
    let s = serve(&petstore(), "", |o| {
        o.with_validate(oaskit_gateway::Validate::None)
    });
    assert_eq!(get(&format!("{}/v1/pets?limit=500", s.url)).status, 200);
    assert!(s.last_log().get("request_violations").is_none());
}

#[test]
fn a_new_definition_is_served_from_the_next_request() {
    let s = serve(&petstore(), "", |o| o);
    assert_eq!(get(&format!("{}/v1/pets", s.url)).status, 200);
    let loaded = oaskit_core::load_str(
        "v2.yaml",
        "openapi: 3.1.0\ninfo: {title: t, version: '2'}\npaths:\n  /hello:\n    get:\n      responses: {'200': {description: ok, content: {application/json: {schema: {const: hi}}}}}\n",
        &oaskit_core::LoadOptions::new(),
    );
    let d = oaskit_gateway::Definition::new(loaded, &oaskit_gateway::Config::default(), false)
        .expect("definition");
    s.gateway.replace_definition(d);
    assert_eq!(get(&format!("{}/hello", s.url)).body, "\"hi\"");
    assert_eq!(get(&format!("{}/v1/pets", s.url)).status, 404);
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("oaskit-gateway-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}
