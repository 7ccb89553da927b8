//! Cookbook: an axum app's existing test, with every request and response it makes validated
//! against the definition by `ValidationLayer` (feature `tower`); the test ends by asserting
//! that the run broke nothing.
//!
//! `cargo test -p oaskit-validator --features tower --example axum_contract_test` runs it as a
//! test; `cargo run -p oaskit-validator --features tower --example axum_contract_test` as a
//! program.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use oaskit_validator::layer::ValidationLayer;
use oaskit_validator::{Collector, Contract, Options};
use serde_json::{json, Value};

/// The app under test: a corner of the petstore, served under its base path `/v1`.
fn app() -> Router {
    async fn list() -> Json<Value> {
        Json(json!([{"id": 1, "name": "Rex", "kind": "dog"}]))
    }
    async fn show(Path(id): Path<u64>) -> Result<Json<Value>, StatusCode> {
        match id {
            1 => Ok(Json(json!({"id": 1, "name": "Rex", "kind": "dog"}))),
            _ => Err(StatusCode::NOT_FOUND),
        }
    }
    async fn create(Json(mut pet): Json<Value>) -> (StatusCode, Json<Value>) {
        pet["id"] = json!(2);
        (StatusCode::CREATED, Json(pet))
    }
    Router::new()
        .route("/v1/pets", get(list).post(create))
        .route("/v1/pets/{id}", get(show))
}

/// The test: the app behind the layer on 127.0.0.1, driven as before, then one assertion.
async fn every_message_of_the_run_matches_the_definition() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/petstore.yaml");
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new());
    let contract = Contract::from_loaded(loaded, &Options::new()).expect("a valid definition");
    let collector = Collector::new();
    // `report` logs each violation (tracing) as it happens; the collector keeps them for the end.
    let app = app().layer(ValidationLayer::report(contract).collect_into(&collector));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("the server") });

    // The test as it was, unchanged.
    let http = reqwest::Client::new();
    let pets: Value = http
        .get(format!("{base}/v1/pets"))
        .send()
        .await
        .expect("GET /v1/pets")
        .json()
        .await
        .expect("JSON");
    assert_eq!(pets[0]["name"], "Rex");
    let missing = http
        .get(format!("{base}/v1/pets/9"))
        .send()
        .await
        .expect("GET /v1/pets/9");
    assert_eq!(missing.status(), 404);
    let created = http
        .post(format!("{base}/v1/pets"))
        .bearer_auth("token")
        .json(&json!({"name": "Kit", "kind": "cat"}))
        .send()
        .await
        .expect("POST /v1/pets");
    assert_eq!(created.status(), 201);

    // Fails listing each violation with its payload pointer and file:line:column.
    collector.assert_no_violations();
    assert_eq!(collector.checked(), 6);
}

#[tokio::test]
async fn contract() {
    every_message_of_the_run_matches_the_definition().await;
}

fn main() {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(every_message_of_the_run_matches_the_definition());
    println!("every message of the run matches specs/petstore.yaml");
}
