//! The axum app of the cookbook served twice by one process, without and with
//! `ValidationLayer`, for `scripts/bench-layer` (which drives both with wrk on loopback).
//!
//! `bench_layer` prints `plain=PORT layer=PORT` and serves until killed. One tokio worker
//! thread each, so that the load generator keeps the machine's other core.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use oaskit_validator::layer::ValidationLayer;
use oaskit_validator::{Collector, Contract, Options};
use serde_json::{json, Value};

fn app() -> Router {
    async fn list() -> Json<Value> {
        Json(json!([
            {"id": 1, "name": "Rex", "kind": "dog"},
            {"id": 2, "name": "Kit", "kind": "cat", "tag": "indoor"}
        ]))
    }
    async fn show(Path(id): Path<u64>) -> Json<Value> {
        Json(json!({"id": id, "name": "Rex", "kind": "dog"}))
    }
    async fn create(Json(mut pet): Json<Value>) -> (StatusCode, Json<Value>) {
        pet["id"] = json!(3);
        (StatusCode::CREATED, Json(pet))
    }
    Router::new()
        .route("/v1/pets", get(list).post(create))
        .route("/v1/pets/{id}", get(show))
}

fn main() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/petstore.yaml");
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new());
    let contract = Contract::from_loaded(loaded, &Options::new()).expect("a valid definition");
    let collector = Collector::new();
    let validated = app().layer(ValidationLayer::report(contract).collect_into(&collector));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async move {
        let plain = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let layer = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        println!(
            "plain={} layer={}",
            plain.local_addr().expect("addr").port(),
            layer.local_addr().expect("addr").port()
        );
        let a = tokio::spawn(async move { axum::serve(plain, app()).await });
        let b = tokio::spawn(async move { axum::serve(layer, validated).await });
        let _ = tokio::join!(a, b);
        // Never reached while serving; a violation here would mean the traffic was invalid.
        collector.assert_no_violations();
    });
}
