//! The tower layer (feature `tower`) around real axum apps on 127.0.0.1, serving
//! `specs/petstore.yaml` and `specs/gateway-crud.yaml` with violations injected on purpose:
//! handlers that answer a wrong type, a wrong format or an undeclared status, clients that send
//! a wrong type or an undeclared field. Each is asserted with its payload pointer and its
//! rule's `file:line:column`, in the three modes: reject, collect and report.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use oaskit_validator::layer::ValidationLayer;
use oaskit_validator::{Collector, Contract, Direction, Options};
use serde_json::{json, Value};

/// The definition under `specs/`, loaded by its canonical path (so locations read
/// `/.../specs/petstore.yaml:160:17`).
fn contract(spec: &str) -> Contract {
    let path = std::fs::canonicalize(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../specs")
            .join(spec),
    )
    .expect("spec");
    let loaded = oaskit_core::load_file(&path, &oaskit_core::LoadOptions::new());
    Contract::from_loaded(loaded, &Options::new()).expect("validator")
}

/// Serves `app` on 127.0.0.1 (a free port) and returns its base URL.
async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    format!("http://{addr}")
}

/// The petstore under `/v1` (its server's base path). `GET /pets/{id}` answers per id: 1 a
/// valid pet, 2 a name that is a number, 3 an undeclared status (418), 4 a field the schema
/// does not name (allowed: `Pet` does not close its properties).
fn petstore(calls: Arc<AtomicUsize>) -> Router {
    async fn pet(Path(id): Path<u64>, State(calls): State<Arc<AtomicUsize>>) -> impl IntoResponse {
        calls.fetch_add(1, Ordering::SeqCst);
        match id {
            1 => (StatusCode::OK, Json(json!({"id": 1, "name": "Rex"}))),
            2 => (StatusCode::OK, Json(json!({"id": 2, "name": 7}))),
            3 => (
                StatusCode::IM_A_TEAPOT,
                Json(json!({"code": 418, "message": "tea"})),
            ),
            _ => (
                StatusCode::OK,
                Json(json!({"id": id, "name": "Kit", "owner": "me"})),
            ),
        }
    }
    async fn create(
        State(calls): State<Arc<AtomicUsize>>,
        Json(new): Json<Value>,
    ) -> impl IntoResponse {
        calls.fetch_add(1, Ordering::SeqCst);
        let mut pet = new;
        pet["id"] = json!(10);
        (StatusCode::CREATED, Json(pet))
    }
    async fn list(State(calls): State<Arc<AtomicUsize>>) -> Json<Value> {
        calls.fetch_add(1, Ordering::SeqCst);
        Json(json!([{"id": 1, "name": "Rex"}]))
    }
    Router::new()
        .route("/v1/pets", get(list).post(create))
        .route("/v1/pets/{id}", get(pet))
        .with_state(calls)
}

/// The notes API under `/prod`. `GET /notes/{id}` answers a `createdAt` that is no date-time.
fn notes() -> Router {
    async fn create(Json(new): Json<Value>) -> impl IntoResponse {
        let note = json!({
            "id": "7d0c8f3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f",
            "title": new["title"],
            "createdAt": "2026-12-02T08:00:00Z",
        });
        (StatusCode::CREATED, Json(note))
    }
    async fn note(Path(id): Path<String>) -> Json<Value> {
        Json(json!({"id": id, "title": "t", "createdAt": "yesterday"}))
    }
    Router::new()
        .route("/prod/notes", axum::routing::post(create))
        .route("/prod/notes/{id}", get(note))
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

/// The `violations` of a problem answer, as (code, part, rule_at).
fn violations(problem: &Value) -> Vec<(String, String, String)> {
    problem["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| {
            (
                v["code"].as_str().unwrap_or_default().to_string(),
                v["part"].as_str().unwrap_or_default().to_string(),
                v["rule_at"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn reject_mode_refuses_invalid_requests_and_responses_with_problems() {
    let calls = Arc::new(AtomicUsize::new(0));
    let layer = ValidationLayer::reject(contract("petstore.yaml"));
    let base = serve(petstore(Arc::clone(&calls)).layer(layer)).await;
    let http = client();

    // Valid both ways: the handler's answer, untouched.
    let r = http.get(format!("{base}/v1/pets/1")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"id": 1, "name": "Rex"})
    );
    let r = http.get(format!("{base}/v1/pets/4")).send().await.unwrap();
    assert_eq!(r.status(), 200, "a field Pet does not name is allowed");

    // A client sending a wrong type: 422, and the handler is not called.
    let before = calls.load(Ordering::SeqCst);
    let r = http
        .post(format!("{base}/v1/pets"))
        .bearer_auth("t")
        .json(&json!({"name": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let p: Value = r.json().await.unwrap();
    assert_eq!(p["type"], "urn:oaskit:problem:invalid-request");
    assert_eq!(p["operation"], "POST /pets");
    let v = violations(&p);
    assert_eq!(v.len(), 1, "{p}");
    assert_eq!(
        (v[0].0.as_str(), v[0].1.as_str()),
        ("body-schema", "body/name")
    );
    assert!(v[0].2.ends_with("specs/petstore.yaml:160:17"), "{p}");
    assert_eq!(
        p["violations"][0]["rule"],
        "/components/schemas/NewPet/properties/name/type"
    );
    assert_eq!(calls.load(Ordering::SeqCst), before);

    // Without the bearer token the operation requires: 401.
    let r = http
        .post(format!("{base}/v1/pets"))
        .json(&json!({"name": "Rex"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let p: Value = r.json().await.unwrap();
    assert_eq!(violations(&p)[0].0, "security-missing");

    // A handler answering a wrong type: 500, with the place in the body and in the definition.
    let r = http.get(format!("{base}/v1/pets/2")).send().await.unwrap();
    assert_eq!(r.status(), 500);
    let p: Value = r.json().await.unwrap();
    assert_eq!(p["type"], "urn:oaskit:problem:invalid-response");
    let v = violations(&p);
    assert_eq!(
        (v[0].0.as_str(), v[0].1.as_str()),
        ("body-schema", "body/name")
    );
    assert!(v[0].2.ends_with("specs/petstore.yaml:160:17"), "{p}");

    // A handler answering an undeclared status.
    let r = http.get(format!("{base}/v1/pets/3")).send().await.unwrap();
    assert_eq!(r.status(), 500);
    let p: Value = r.json().await.unwrap();
    assert_eq!(violations(&p)[0].0, "status-undeclared");
    assert!(
        p["violations"][0]["message"]
            .as_str()
            .unwrap()
            .contains("418"),
        "{p}"
    );

    // A path the definition does not have (axum's own 404 is never reached).
    let r = http.get(format!("{base}/v1/owners")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let p: Value = r.json().await.unwrap();
    assert_eq!(violations(&p)[0].0, "route-not-found");
}

#[tokio::test]
async fn the_collector_keeps_every_violation_of_a_run_and_passes_messages_through() {
    let collector = Collector::new();
    let layer = ValidationLayer::collect(contract("gateway-crud.yaml"), &collector);
    let base = serve(notes().layer(layer)).await;
    let http = client();
    let key = ("x-api-key", "k");

    // Valid: nothing is kept, but it is counted.
    let r = http
        .post(format!("{base}/prod/notes"))
        .header(key.0, key.1)
        .json(&json!({"title": "groceries"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert!(
        collector.findings().is_empty(),
        "{:?}",
        collector.findings()
    );
    assert_eq!(collector.checked(), 2);
    collector.assert_no_violations();

    // A client sending a field NewNote closes out, and a handler answering a bad date-time:
    // both reach their destination unchanged (collect mode changes nothing).
    let r = http
        .post(format!("{base}/prod/notes"))
        .header(key.0, key.1)
        .json(&json!({"title": "t", "colour": "red"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = http
        .get(format!(
            "{base}/prod/notes/7d0c8f3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f"
        ))
        .header(key.0, key.1)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["createdAt"], "yesterday");

    let found = collector.findings();
    assert_eq!(collector.checked(), 6);
    assert_eq!(found.len(), 2, "{found:?}");
    let (req, resp) = (&found[0], &found[1]);
    assert_eq!(req.direction, Direction::Request);
    assert_eq!(
        (req.method.as_str(), req.url.as_str()),
        ("POST", "/prod/notes")
    );
    assert_eq!(req.report.codes(), ["body-schema"]);
    let v = &req.report.violations[0];
    assert_eq!(v.part.to_string(), "body");
    assert!(v.message.contains("colour"), "{v}");
    assert_eq!(v.rule, "/components/schemas/NewNote/additionalProperties");
    assert!(
        v.rule_at
            .as_deref()
            .unwrap()
            .ends_with("specs/gateway-crud.yaml:212:29"),
        "{v}"
    );
    assert_eq!(resp.direction, Direction::Response);
    assert_eq!(resp.status, Some(200));
    assert_eq!(
        resp.report.operation.as_deref(),
        Some("GET /notes/{noteId}")
    );
    let v = &resp.report.violations[0];
    assert_eq!(v.part.to_string(), "body/createdAt");
    assert!(
        v.rule_at
            .as_deref()
            .unwrap()
            .ends_with("specs/gateway-crud.yaml:242:19"),
        "{v}"
    );

    // The end-of-run assertion fails, naming both messages and their places.
    let c = collector.clone();
    let panic = std::panic::catch_unwind(move || c.assert_no_violations()).unwrap_err();
    let text = panic.downcast_ref::<String>().expect("message");
    assert!(
        text.starts_with("2 of 6 message(s) break the definition"),
        "{text}"
    );
    assert!(text.contains("request POST /prod/notes"), "{text}");
    assert!(text.contains("response GET /prod/notes/7d0c8f3e"), "{text}");
    assert!(text.contains("body/createdAt"), "{text}");
    assert!(text.contains("gateway-crud.yaml:242:19"), "{text}");
}

#[test]
fn an_unused_collector_fails_its_assertion() {
    let c = Collector::new();
    let panic = std::panic::catch_unwind(move || c.assert_no_violations()).unwrap_err();
    let text = panic.downcast_ref::<&str>().expect("message");
    assert!(text.contains("no message was validated"), "{text}");
}

/// Keeps the message of every `tracing` event (a subscriber of its own: the tests use no
/// tracing-subscriber).
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<String>>>);

impl tracing::Subscriber for Lines {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        struct Fields(String);
        impl tracing::field::Visit for Fields {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                self.0.push_str(&format!("{}={value:?} ", field.name()));
            }
            fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
                self.0.push_str(&format!("{}={value} ", field.name()));
            }
        }
        let mut f = Fields(format!(
            "{} {}: ",
            event.metadata().level(),
            event.metadata().target()
        ));
        event.record(&mut f);
        self.0.lock().unwrap().push(f.0);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// Report mode on a current-thread runtime, where the subscriber set for this thread sees the
/// server's events.
#[tokio::test(flavor = "current_thread")]
async fn report_mode_logs_each_violation_with_its_places_and_changes_nothing() {
    let lines = Lines::default();
    let _guard = tracing::subscriber::set_default(lines.clone());
    let calls = Arc::new(AtomicUsize::new(0));
    let layer = ValidationLayer::report(contract("petstore.yaml"));
    let base = serve(petstore(Arc::clone(&calls)).layer(layer)).await;
    let http = client();

    let r = http
        .post(format!("{base}/v1/pets"))
        .bearer_auth("t")
        .json(&json!({"name": 5, "kind": "fish"}))
        .send()
        .await
        .unwrap();
    // Passed through: the handler ran and answered (with what it was sent, so the response is
    // invalid too).
    assert_eq!(r.status(), 201);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let r = http.get(format!("{base}/v1/pets/3")).send().await.unwrap();
    assert_eq!(r.status(), 418);

    let lines = lines.0.lock().unwrap().clone();
    let ours: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("oaskit_validator"))
        .collect();
    // One warning per violation: two in the request, the same two in the echoed response,
    // and the undeclared status.
    assert_eq!(ours.len(), 5, "{ours:#?}");
    assert!(ours.iter().all(|l| l.starts_with("WARN")), "{ours:#?}");
    let name = ours
        .iter()
        .find(|l| l.contains("direction=request") && l.contains("part=body/name"))
        .expect("the request's body/name");
    assert!(
        name.contains("rule_at=") && name.contains("specs/petstore.yaml:160:17"),
        "{name}"
    );
    assert!(
        name.contains("message=request POST /v1/pets: [body-schema] body/name"),
        "{name}"
    );
    let kind = ours
        .iter()
        .find(|l| l.contains("direction=request") && l.contains("part=body/kind"))
        .expect("the request's body/kind");
    assert!(kind.contains("specs/petstore.yaml:167:11"), "{kind}");
    assert!(
        ours.iter()
            .any(|l| l.contains("code=status-undeclared") && l.contains("status=418")),
        "{ours:#?}"
    );
}
