//! API Gateway semantics over real HTTP on 127.0.0.1: API keys, usage plans, throttling and
//! quotas (on the injected clock, plus one real-time check), caching, gateway responses,
//! request validators, CORS, MOCK and AWS integrations, JWT and unsupported authorizers, and the
//! developer guide's own definitions served.

mod common;

use std::time::Duration;

use common::{client, get, send, serve};
use serde_json::json;

fn crud() -> std::path::PathBuf {
    common::root().join("specs/gateway-crud.yaml")
}

fn petstore() -> std::path::PathBuf {
    common::root().join("specs/petstore.yaml")
}

const KEYS: &str = r#"
stage: dev
stages:
  dev:
    throttle: {rate: 1000, burst: 1000}
integrations: {"*": mock}
api_keys:
  - {name: alice, value: k-alice-0123456789abcdef, plan: basic}
  - {name: bob, value: k-bob-0123456789abcdefgh, plan: tiny}
  - {name: carol, value: k-carol-0123456789abcdef, enabled: false}
usage_plans:
  basic: {throttle: {rate: 2, burst: 2}, quota: {limit: 1000, period: DAY}}
  tiny: {quota: {limit: 3, period: DAY}}
"#;

/// "Gateway response types for API Gateway"
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html):
/// INVALID_API_KEY is 403, THROTTLED 429, QUOTA_EXCEEDED 429; API Gateway's bodies are
/// `{"message":"Forbidden"}`, `{"message":"Too Many Requests"}` and `{"message":"Limit Exceeded"}`.
/// Throttling is a token bucket ("Throttle requests to your REST APIs for better throughput in
/// API Gateway": the bucket holds `burst` tokens and refills at `rate` per second).
#[test]
fn api_keys_usage_plans_throttles_and_quotas_on_the_injected_clock() {
    let s = serve(&crud(), KEYS, |o| o);
    let c = client();
    let notes = format!("{}/prod/notes", s.url);
    // No key, an unknown key, a disabled key: 403, with the DEFAULT_4XX gateway response's
    // header from the definition.
    for key in [
        None,
        Some("nope-0123456789abcdefgh"),
        Some("k-carol-0123456789abcdef"),
    ] {
        let mut rb = c.get(&notes);
        if let Some(k) = key {
            rb = rb.header("x-api-key", k);
        }
        let a = send(rb);
        assert_eq!(
            (a.status, a.json()),
            (403, json!({"message": "Forbidden"})),
            "{key:?}"
        );
        assert_eq!(a.header("access-control-allow-origin"), Some("*"));
    }
    // alice: a bucket of 2, refilled at 2 per second.
    let alice = || {
        send(
            c.get(&notes)
                .header("x-api-key", "k-alice-0123456789abcdef"),
        )
    };
    assert_eq!(alice().status, 200);
    assert_eq!(alice().status, 200);
    let a = alice();
    assert_eq!(
        (a.status, a.json()),
        (429, json!({"message": "Too Many Requests"}))
    );
    let line = s.last_log();
    assert_eq!(
        (line["api_key"].clone(), line["throttled"].clone()),
        (json!("alice"), json!(true))
    );
    s.clock.advance(Duration::from_millis(500));
    assert_eq!(alice().status, 200);
    assert_eq!(alice().status, 429);
    s.clock.advance(Duration::from_secs(60));
    assert_eq!(alice().status, 200);
    // bob: three requests a day.
    let bob = || {
        send(
            c.get(&notes)
                .header("x-api-key", "k-bob-0123456789abcdefgh"),
        )
    };
    for _ in 0..3 {
        assert_eq!(bob().status, 200);
    }
    let a = bob();
    assert_eq!(
        (a.status, a.json()),
        (429, json!({"message": "Limit Exceeded"}))
    );
    s.clock.advance(Duration::from_secs(86_400));
    assert_eq!(bob().status, 200);
    // The OPTIONS method needs no key (security: []) and is a MOCK integration: its request
    // template selects 200 and the integration response sets the CORS headers.
    let a = send(c.request(reqwest::Method::OPTIONS, &notes));
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        a.header("access-control-allow-methods"),
        Some("GET,POST,OPTIONS")
    );
    assert_eq!(
        a.header("access-control-allow-headers"),
        Some("Content-Type,X-Api-Key")
    );
    assert_eq!(s.last_log()["integration"], "MOCK");
}

#[test]
fn stage_and_method_throttles() {
    let config = r#"
stages:
  dev:
    throttle: {rate: 1, burst: 1}
    methods:
      "GET /pets": {throttle: {rate: 5, burst: 5}}
"#;
    let s = serve(&petstore(), config, |o| o);
    for _ in 0..5 {
        assert_eq!(get(&format!("{}/v1/pets", s.url)).status, 200);
    }
    let a = get(&format!("{}/v1/pets", s.url));
    assert_eq!(
        (a.status, a.json()),
        (429, json!({"message": "Too Many Requests"}))
    );
    assert_eq!(get(&format!("{}/v1/pets/1", s.url)).status, 200);
    assert_eq!(get(&format!("{}/v1/pets/1", s.url)).status, 429);
    s.clock.advance(Duration::from_secs(1));
    assert_eq!(get(&format!("{}/v1/pets/1", s.url)).status, 200);
}

/// Real time, no injected clock: a bucket of one refilled at 5 per second.
#[test]
fn throttling_in_real_time() {
    let config = "stages:\n  dev:\n    throttle: {rate: 5, burst: 1}\n";
    let s = serve(&petstore(), config, |o| {
        o.with_clock(std::sync::Arc::new(oaskit_gateway::SystemClock))
    });
    let url = format!("{}/v1/pets/1", s.url);
    assert_eq!(get(&url).status, 200);
    assert_eq!(get(&url).status, 429);
    std::thread::sleep(Duration::from_millis(250));
    assert_eq!(get(&url).status, 200);
}

/// "Cache settings for REST APIs in API Gateway"
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html):
/// "the default TTL value for API caching is 300 seconds"; "when you enable caching for a stage,
/// only GET methods have caching enabled by default"; a client invalidates an entry with
/// `Cache-Control: max-age=0`.
#[test]
fn caching_by_method_and_path_with_ttl_and_invalidation() {
    let config = r#"
stages:
  dev:
    cache: {enabled: true}
    methods:
      "GET /pets/{petId}": {cache: {ttl: 60}}
"#;
    let s = serve(&petstore(), config, |o| o);
    let c = client();
    let fetch = |path: &str, extra: Option<(&str, &str)>| {
        let mut rb = c
            .get(format!("{}{path}", s.url))
            .header("Prefer", "dynamic=true");
        if let Some((k, v)) = extra {
            rb = rb.header(k, v);
        }
        let a = send(rb);
        assert_eq!(a.status, 200);
        (a.body, s.last_log()["cache_hit"].as_bool().unwrap_or(false))
    };
    let (first, hit) = fetch("/v1/pets", None);
    assert!(!hit);
    let (again, hit) = fetch("/v1/pets", None);
    assert!(hit);
    assert_eq!(first, again);
    // The query is not part of the key unless the integration's cacheKeyParameters name it.
    assert!(fetch("/v1/pets?limit=3", None).1);
    // max-age=0: the backend (here the mock) answers, and the entry is replaced.
    let (fresh, hit) = fetch("/v1/pets", Some(("Cache-Control", "max-age=0")));
    assert!(!hit);
    assert_ne!(fresh, first);
    assert_eq!(fetch("/v1/pets", None).0, fresh);
    // 300 s by default, 60 s for the method that says so.
    assert!(fetch("/v1/pets/1", None).0 != fetch("/v1/pets/2", None).0);
    assert!(fetch("/v1/pets/1", None).1);
    s.clock.advance(Duration::from_secs(61));
    assert!(!fetch("/v1/pets/1", None).1);
    assert!(fetch("/v1/pets", None).1);
    s.clock.advance(Duration::from_secs(240));
    assert!(!fetch("/v1/pets", None).1);
    // Not GET: not cached.
    let post = || {
        send(
            c.post(format!("{}/v1/pets/1/activities", s.url))
                .header("Authorization", "Bearer t")
                .json(&json!({"type": "walk", "minutes": 3})),
        );
        s.last_log()["cache_hit"].as_bool().unwrap_or(true)
    };
    assert!(!post());
    assert!(!post());
}

#[test]
fn gateway_responses_override_api_gateways_own_answers() {
    let dir = std::env::temp_dir().join(format!("oaskit-gw-responses-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let spec = dir.join("api.yaml");
    std::fs::write(
        &spec,
        r#"openapi: 3.0.1
info: {title: t, version: '1'}
x-amazon-apigateway-gateway-responses:
  INVALID_API_KEY:
    statusCode: 401
    responseParameters:
      gatewayresponse.header.X-Why: "'key'"
    responseTemplates:
      application/json: '{"error": $context.error.messageString, "type": "$context.error.responseType"}'
  DEFAULT_4XX:
    responseParameters:
      gatewayresponse.header.Access-Control-Allow-Origin: "'https://example.com'"
paths:
  /things:
    get:
      security: [{api_key: []}]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    api_key: {type: apiKey, name: x-api-key, in: header}
"#,
    )
    .expect("write");
    let s = serve(
        &spec,
        "stages:\n  dev:\n    throttle: {rate: 1, burst: 1}\n",
        |o| o,
    );
    let a = get(&format!("{}/things", s.url));
    assert_eq!(a.status, 401);
    assert_eq!(
        a.json(),
        json!({"error": "Forbidden", "type": "INVALID_API_KEY"})
    );
    assert_eq!(a.header("x-why"), Some("key"));
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("https://example.com")
    );
    // Any key is taken when the configuration lists none; the second request is throttled,
    // with API Gateway's body and the DEFAULT_4XX header.
    let c = client();
    assert_eq!(
        send(
            c.get(format!("{}/things", s.url))
                .header("x-api-key", "any")
        )
        .status,
        200
    );
    let a = send(
        c.get(format!("{}/things", s.url))
            .header("x-api-key", "any"),
    );
    assert_eq!(
        (a.status, a.json()),
        (429, json!({"message": "Too Many Requests"}))
    );
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("https://example.com")
    );
}

/// "Request validation for REST APIs in API Gateway"
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html):
/// "When the validation fails, API Gateway immediately fails the request, returns a 400 error
/// response"; parameters are checked to be "included and not blank. API Gateway only checks the
/// existence of a parameter and doesn't check the type or format."
#[test]
fn request_validators_as_api_gateway_applies_them() {
    let s = serve(&crud(), KEYS, |o| o);
    let c = client();
    let key = ("x-api-key", "k-bob-0123456789abcdefgh");
    let note = format!("{}/prod/notes", s.url);
    // POST uses the `all` validator: the body is checked.
    let a = send(
        c.post(&note)
            .header(key.0, key.1)
            .json(&json!({"title": ""})),
    );
    assert_eq!(
        (a.status, a.json()),
        (400, json!({"message": "Invalid request body"}))
    );
    assert_eq!(s.last_log()["request_violations"], json!(["body-schema"]));
    // GET uses `params-only`: a limit of the wrong type passes (only presence is checked).
    let a = send(c.get(format!("{note}?limit=abc")).header(key.0, key.1));
    assert_eq!(a.status, 200, "{}", a.body);
}

#[test]
fn aws_integrations_are_501_unless_the_configuration_maps_them() {
    let s = serve(&crud(), "", |o| o);
    let a = send(
        client()
            .get(format!("{}/prod/notes", s.url))
            .header("x-api-key", "k"),
    );
    assert_eq!(a.status, 501);
    let m = a.json()["message"].as_str().unwrap_or("").to_string();
    assert!(
        m.contains("AWS_PROXY") && m.contains("function:notes-list"),
        "{m}"
    );
    let warnings = s
        .gateway
        .definition()
        .warnings()
        .iter()
        .map(|d| d.code)
        .collect::<Vec<_>>();
    assert_eq!(warnings.len(), 5);
    assert!(warnings
        .iter()
        .all(|c| *c == "gateway-integration-unsupported"));
    // Mapped to a URL: forwarded there (nothing listens: 504, API Gateway's INTEGRATION_FAILURE).
    let dead = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let port = dead.local_addr().expect("addr").port();
    drop(dead);
    let config = format!("integrations:\n  \"GET /notes\": http://127.0.0.1:{port}\n");
    let s = serve(&crud(), &config, |o| o);
    let a = send(
        client()
            .get(format!("{}/prod/notes", s.url))
            .header("x-api-key", "k"),
    );
    assert_eq!(
        (a.status, a.json()),
        (504, json!({"message": "Internal server error"}))
    );
    assert!(s.last_log()["error"].as_str().is_some());
}

/// HTTP APIs answer CORS preflights themselves from `x-amazon-apigateway-cors` ("Configuring
/// CORS for an HTTP API": "API Gateway automatically responds to preflight OPTIONS requests").
#[test]
fn http_api_cors_preflight_and_headers() {
    let s = serve(&common::aws("http-api-open-api.json"), "", |o| o);
    let a = send(
        client()
            .request(reqwest::Method::OPTIONS, format!("{}/pets", s.url))
            .header("Origin", "https://app.example.com")
            .header("Access-Control-Request-Method", "POST"),
    );
    assert_eq!(a.status, 204);
    assert_eq!(a.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        a.header("access-control-allow-methods"),
        Some("GET,OPTIONS,POST")
    );
    assert!(a
        .header("access-control-allow-headers")
        .unwrap_or("")
        .contains("x-api-key"));
    assert_eq!(s.last_log()["integration"], "cors");
}

fn b64url(b: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// "Controlling access to HTTP APIs with JWT authorizers in API Gateway"
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
/// the token's `kid` selects the key, `iss` must match the issuer, `aud` (or `client_id`) one of
/// the audiences, `exp` must be in the future; a failure is 401 `{"message":"Unauthorized"}`.
#[test]
fn jwt_authorizers_check_rs256_tokens_against_a_local_jwks() {
    use base64::Engine as _;
    let der = base64::engine::general_purpose::STANDARD
        .decode(include_str!("data/test-rsa-key.der.b64").replace('\n', ""))
        .expect("key");
    let pair = ring::signature::RsaKeyPair::from_der(&der).expect("RSAPrivateKey DER");
    let public = ring::rsa::PublicKeyComponents::<Vec<u8>>::from(pair.public());
    let dir = std::env::temp_dir().join(format!("oaskit-gw-jwt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("jwks.json"),
        json!({"keys": [{"kty": "RSA", "kid": "k1", "alg": "RS256", "n": b64url(&public.n), "e": b64url(&public.e)}]}).to_string(),
    )
    .expect("jwks");
    let spec = dir.join("api.yaml");
    std::fs::write(
        &spec,
        r#"openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /me:
    get:
      security: [{jwt: [read]}]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
components:
  securitySchemes:
    jwt:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
        jwtConfiguration:
          issuer: https://issuer.example.com
          audience: [app]
"#,
    )
    .expect("spec");
    let config = Config::load(&{
        let p = dir.join("gateway.yaml");
        std::fs::write(&p, "authorizers:\n  jwt: {jwks: jwks.json}\n").expect("config");
        p
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let loaded = oaskit_core::load_file(&spec, &oaskit_core::LoadOptions::new());
    let def = oaskit_gateway::Definition::new(loaded, &config, true).expect("definition");
    assert!(def.warnings().is_empty(), "{:?}", def.warnings());
    let s = common::serve_definition(def, config, |o| o);
    let now = 1_700_000_000u64;
    let sign = |claims: serde_json::Value| {
        let head = b64url(json!({"alg": "RS256", "kid": "k1"}).to_string().as_bytes());
        let body = b64url(claims.to_string().as_bytes());
        let msg = format!("{head}.{body}");
        let mut sig = vec![0; pair.public().modulus_len()];
        pair.sign(
            &ring::signature::RSA_PKCS1_SHA256,
            &ring::rand::SystemRandom::new(),
            msg.as_bytes(),
            &mut sig,
        )
        .expect("sign");
        format!("{msg}.{}", b64url(&sig))
    };
    let good = json!({"iss": "https://issuer.example.com", "aud": "app", "exp": now + 60, "scope": "read write"});
    let call = |token: &str| {
        send(
            client()
                .get(format!("{}/me", s.url))
                .header("Authorization", format!("Bearer {token}")),
        )
    };
    assert_eq!(call(&sign(good.clone())).status, 200);
    for (why, claims) in [
        (
            "expired",
            json!({"iss": "https://issuer.example.com", "aud": "app", "exp": now - 1, "scope": "read"}),
        ),
        (
            "issuer",
            json!({"iss": "https://other", "aud": "app", "exp": now + 60, "scope": "read"}),
        ),
        (
            "audience",
            json!({"iss": "https://issuer.example.com", "aud": "web", "exp": now + 60, "scope": "read"}),
        ),
        (
            "scope",
            json!({"iss": "https://issuer.example.com", "aud": "app", "exp": now + 60, "scope": "write"}),
        ),
    ] {
        let a = call(&sign(claims));
        assert_eq!(
            (a.status, a.json()),
            (401, json!({"message": "Unauthorized"})),
            "{why}"
        );
    }
    // A forged signature, and no token.
    let mut forged = sign(good);
    forged.push('A');
    assert_eq!(call(&forged).status, 401);
    assert_eq!(get(&format!("{}/me", s.url)).status, 401);
    // The token expires on the injected clock.
    let short = sign(
        json!({"iss": "https://issuer.example.com", "aud": "app", "exp": now + 10, "scope": "read"}),
    );
    assert_eq!(call(&short).status, 200);
    s.clock.advance(Duration::from_secs(11));
    assert_eq!(call(&short).status, 401);
}

use oaskit_gateway::Config;

/// Lambda (`token`, `request`) and Cognito authorizers are reported at start-up and refused at
/// request time, never let through.
#[test]
fn other_authorizers_are_reported_and_refused() {
    let s = serve(
        &common::aws("api-gateway-swagger-extensions-authtype-2.json"),
        "integrations: {\"*\": mock}\n",
        |o| o,
    );
    let def = s.gateway.definition();
    let codes: Vec<&str> = def.warnings().iter().map(|d| d.code).collect();
    assert!(
        codes.contains(&"gateway-authorizer-unsupported"),
        "{codes:?}"
    );
    let w = def
        .warnings()
        .iter()
        .find(|d| d.code == "gateway-authorizer-unsupported")
        .expect("warning");
    assert!(w.position(def.sources()).is_some(), "located: {w:?}");
    let a = send(
        client()
            .get(format!("{}/protected-by-lambda-authorizer", s.url))
            .header("Authorization", "allow"),
    );
    assert_eq!(a.status, 501);
    assert!(
        a.json()["message"]
            .as_str()
            .unwrap_or("")
            .contains("myAuthorizer of type request"),
        "{}",
        a.body
    );
}

/// Every definition of the developer guide is served: each operation answers, with no 500
/// that is not API Gateway's own, and is logged with its operation.
#[test]
fn the_developer_guides_definitions_are_served() {
    let dir = oaskit_testkit::shared().join("specs/aws-apigateway/developer-guide");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 24, "{}", files.len());
    let mut served = 0;
    for f in files {
        let s = serve(&f, "", |o| o);
        let def = s.gateway.definition();
        for route in def.routes() {
            let mut parts = route.splitn(3, ' ');
            let (method, path) = (parts.next().unwrap_or("GET"), parts.next().unwrap_or("/"));
            let method = if method == "ANY" { "GET" } else { method };
            let path: String = path
                .split('/')
                .map(|seg| if seg.starts_with('{') { "x" } else { seg })
                .collect::<Vec<_>>()
                .join("/");
            let url = format!("{}{}", s.url, path);
            let a = send(client().request(
                reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
                &url,
            ));
            assert!(
                a.status != 500 || a.body.contains("message"),
                "{}: {route}: {} {}",
                f.display(),
                a.status,
                a.body
            );
            served += 1;
        }
    }
    assert!(served > 50, "{served}");
}
