//! The scripted server of the SDK runtime tests (`tests/e2e/scripted.rs`) keeps to
//! `specs/runtime.yaml`: every answer but the deliberately drifted drawings and malformed
//! headers passes `oaskit_validator`'s client middleware, and each scripted behaviour (503s per
//! key with `Retry-After`, the 401 until the token is `fresh`, chunked uploads, the cursor,
//! `Link` header and page-number paginations, `stuck=true` included, the download's bytes,
//! typed headers) does what the SDK tests rely on.

#[path = "e2e/scripted.rs"]
mod scripted;

use std::path::Path;

use oaskit_validator::client::ValidationMiddleware;
use oaskit_validator::{Collector, Contract, Options};
use serde_json::Value;

fn contract() -> Contract {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/runtime.yaml");
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new());
    Contract::from_loaded(loaded, &Options::new()).expect("validator")
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(f)
}

#[test]
fn scripted_answers_keep_to_the_runtime_spec() {
    let server = scripted::Scripted::start();
    let base = server.url();
    let collector = Collector::new();
    let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(ValidationMiddleware::collect(contract(), &collector))
        .build();
    block_on(async {
        // Two 503s with Retry-After, then the thing; counted per method and key.
        for attempt in 1..=3 {
            let r = http
                .get(format!("{base}/things/a?failures=2&retry_after=1"))
                .bearer_auth("t")
                .send()
                .await
                .unwrap();
            if attempt < 3 {
                assert_eq!(r.status(), 503);
                assert_eq!(r.headers()["retry-after"], "1");
            } else {
                assert_eq!(r.status(), 200);
                let body: Value = r.json().await.unwrap();
                assert_eq!(body["attempts"], 3);
            }
        }
        let r = http
            .put(format!("{base}/things/a"))
            .header("content-type", "application/json")
            .body(r#"{"id":"a","name":"renamed"}"#)
            .bearer_auth("t")
            .send()
            .await
            .unwrap();
        assert_eq!(r.json::<Value>().await.unwrap()["name"], "renamed");

        let r = http
            .get(format!("{base}/secure"))
            .bearer_auth("stale")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let r = http
            .get(format!("{base}/secure"))
            .bearer_auth("fresh")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);

        let r = http
            .get(format!("{base}/slow?ms=10"))
            .bearer_auth("t")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);

        // Cursor pagination: 25 items in pages of the default size when no limit is sent.
        let mut ids = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let url = match &cursor {
                Some(c) => format!("{base}/items?cursor={c}"),
                None => format!("{base}/items"),
            };
            let page: Value = http
                .get(url)
                .bearer_auth("t")
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(page["limit"], 0, "no limit was sent");
            ids.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["id"].clone()),
            );
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => break,
            }
        }
        assert_eq!(ids.len(), scripted::ITEM_COUNT);

        // Link-header pagination.
        let mut url = Some(format!("{base}/events?per_page=7"));
        let mut events = 0;
        while let Some(u) = url.take() {
            let r = http.get(u).bearer_auth("t").send().await.unwrap();
            url = r
                .headers()
                .get("link")
                .and_then(|l| l.to_str().ok())
                .and_then(|l| l.split(',').find(|p| p.contains("rel=\"next\"")))
                .and_then(|p| Some(p[p.find('<')? + 1..p.find('>')?].to_string()));
            events += r.json::<Value>().await.unwrap().as_array().unwrap().len();
        }
        assert_eq!(events, scripted::ITEM_COUNT);

        // Page numbers: the first page by default, each page `NUMBERED_PER_PAGE` items, walked
        // to the empty page after the last.
        let mut ids = Vec::new();
        let mut sizes = Vec::new();
        for page in 1..=10 {
            let url = match page {
                1 => format!("{base}/numbered"),
                n => format!("{base}/numbered?page={n}"),
            };
            let r = http.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            let items: Value = r.json().await.unwrap();
            let items = items.as_array().unwrap();
            sizes.push(items.len());
            if items.is_empty() {
                break;
            }
            ids.extend(items.iter().map(|i| i["id"].as_u64().unwrap()));
        }
        let full = scripted::NUMBERED_COUNT / scripted::NUMBERED_PER_PAGE;
        let mut expected = vec![scripted::NUMBERED_PER_PAGE; full];
        if scripted::NUMBERED_COUNT % scripted::NUMBERED_PER_PAGE != 0 {
            expected.push(scripted::NUMBERED_COUNT % scripted::NUMBERED_PER_PAGE);
        }
        expected.push(0);
        assert_eq!(sizes, expected);
        assert_eq!(
            ids,
            (1..=scripted::NUMBERED_COUNT as u64).collect::<Vec<_>>()
        );
        let first = http
            .get(format!("{base}/numbered?page=1"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();

        // With `stuck=true` the page asked for is ignored: the first page, byte for byte, for
        // `STUCK_LIMIT` requests, then an empty page (so a client that loops ends).
        for n in 1..=scripted::STUCK_LIMIT {
            let r = http
                .get(format!("{base}/numbered?page={}&stuck=true", n % 4 + 1))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            assert_eq!(r.bytes().await.unwrap(), first, "stuck answer {n}");
        }
        let r = http
            .get(format!("{base}/numbered?page=2&stuck=true"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.json::<Value>().await.unwrap(), serde_json::json!([]));

        // The same with an API key in the query, carried by each next link; twice is a 400.
        let mut url = Some(format!("{base}/keyed-events?per_page=7&api_key=k3y"));
        let mut pages = 0;
        while let Some(u) = url.take() {
            let r = http.get(u).send().await.unwrap();
            assert_eq!(r.status(), 200);
            url = r
                .headers()
                .get("link")
                .and_then(|l| l.to_str().ok())
                .and_then(|l| Some(l[l.find('<')? + 1..l.find('>')?].to_string()));
            if let Some(u) = &url {
                assert_eq!(u.matches("api_key=k3y").count(), 1, "{u}");
            }
            pages += 1;
        }
        assert_eq!(pages, 4);
        let r = http
            .get(format!("{base}/keyed-events?api_key=k3y&api_key=k3y"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);

        // Typed headers, as documented.
        let r = http.get(format!("{base}/headers")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let text = |name: &str| r.headers()[name].to_str().unwrap().to_string();
        assert_eq!(
            [text("x-count"), text("x-flag"), text("x-ids")],
            ["42", "true", "3,5,8"]
        );

        let r = http
            .get(format!("{base}/drawings/valid"))
            .bearer_auth("t")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let r = http
            .get(format!("{base}/echo?mode=verbose"))
            .header("x-hook", "one")
            .bearer_auth("t")
            .send()
            .await
            .unwrap();
        let echo: Value = r.json().await.unwrap();
        assert_eq!(echo["headers"]["x-hook"], "one");
        assert_eq!(echo["query"], "mode=verbose");
    });
    collector.assert_no_violations();
    assert!(collector.checked() >= 10);

    // The drifted drawings and malformed headers are what the validator refuses.
    let drifted = [
        "drawings/unknown-color",
        "drawings/unknown-shape",
        "drawings/mismatch",
        "drawings/odd-label",
    ];
    let malformed = [
        "headers?malformed=count",
        "headers?malformed=flag",
        "headers?malformed=ids",
    ];
    for variant in drifted.into_iter().chain(malformed) {
        let collector = Collector::new();
        let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
            .with(ValidationMiddleware::collect(contract(), &collector))
            .build();
        block_on(async {
            http.get(format!("{base}/{variant}"))
                .bearer_auth("t")
                .send()
                .await
                .unwrap();
        });
        assert!(!collector.findings().is_empty(), "{variant} drifts");
    }
}

#[test]
fn uploads_and_downloads_stream_through() {
    let server = scripted::Scripted::start();
    let base = server.url();
    let http = reqwest::blocking::Client::new();
    // A chunked upload (no length known in advance) is counted whole.
    let data: Vec<u8> = (0..300_000u32).map(|i| (i % 256) as u8).collect();
    let expected_sum = data.iter().fold(0u32, |s, b| s.wrapping_add(u32::from(*b)));
    let r = http
        .post(format!("{base}/upload"))
        .header("content-type", "application/octet-stream")
        .body(reqwest::blocking::Body::new(std::io::Cursor::new(data)))
        .send()
        .unwrap();
    let got: Value = r.json().unwrap();
    assert_eq!(got["bytes"], 300_000);
    assert_eq!(got["sum"], expected_sum);
    assert!(server
        .seen()
        .iter()
        .any(|s| s.path.ends_with("/upload") && s.header("transfer-encoding") == Some("chunked")));

    let bytes = http
        .get(format!("{base}/download?bytes=200000"))
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    assert_eq!(bytes.len(), 200_000);
    assert!(bytes
        .iter()
        .enumerate()
        .all(|(i, b)| *b == scripted::download_byte(i as u64)));
    assert_eq!(server.count("GET", "/v1/download"), 1);
}
