//! Cookbook: a client contract test. The client code under test sends its requests through a
//! `reqwest_middleware` client with `ValidationMiddleware` (feature `reqwest`): each request
//! it sends and each response it gets is validated against the definition, and the run ends
//! with one assertion.
//!
//! Against a mock of the definition, `oaskit serve` in another terminal:
//!
//! ```sh
//! oaskit serve specs/petstore.yaml --port 4010
//! cargo run -p oaskit-validator --features reqwest --example reqwest_contract_test -- http://127.0.0.1:4010/v1
//! ```

use oaskit_validator::client::ValidationMiddleware;
use oaskit_validator::{Collector, Contract, Options};
use reqwest_middleware::ClientWithMiddleware;
use serde_json::{json, Value};

/// The client code under test: it takes any `ClientWithMiddleware`, so the test can give it
/// one that validates.
struct PetClient {
    http: ClientWithMiddleware,
    base: String,
}

impl PetClient {
    async fn list(&self, limit: u32) -> reqwest_middleware::Result<Vec<Value>> {
        let r = self
            .http
            .get(format!("{}/pets?limit={limit}", self.base))
            .send()
            .await?;
        Ok(r.json().await?)
    }

    async fn create(&self, name: &str) -> reqwest_middleware::Result<Value> {
        let body = json!({"name": name, "kind": "dog"}).to_string();
        let r = self
            .http
            .post(format!("{}/pets", self.base))
            .bearer_auth("token")
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?;
        Ok(r.json().await?)
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:4010/v1".into());
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/petstore.yaml");
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new());
    let contract = Contract::from_loaded(loaded, &Options::new()).expect("a valid definition");
    let collector = Collector::new();
    let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(ValidationMiddleware::report(contract).collect_into(&collector))
        .build();
    let client = PetClient { http, base };

    let pets = client.list(2).await.expect("list");
    println!("listed {} pet(s)", pets.len());
    let created = client.create("Kit").await.expect("create");
    println!("created {created}");

    // Fails listing each violation with its payload pointer and file:line:column.
    collector.assert_no_violations();
    println!("{} messages, all match the definition", collector.checked());
}
