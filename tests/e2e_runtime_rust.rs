//! End-to-end: the Rust SDK of `specs/runtime.yaml` (`generated/runtime/rust`) against the
//! scripted server (`tests/e2e/scripted.rs`) on 127.0.0.1: retries on injected 503s (idempotent
//! methods only) with `Retry-After`, middleware in order, token refresh after a 401, per-call
//! timeouts, a streamed 50 MB download in bounded memory, a streamed upload, decode errors with
//! their JSON path, `Unknown` variants (of enums, discriminated and untagged unions), lenient mode, parameter defaults and `for_server`; the
//! listing helpers (`pages()`, `items()`) walked to the end by cursor, by `Link` header and by
//! page number (also against a server that ignores the page number), a
//! repeated cursor, a failing page and a next link on another origin, and a query API key that
//! next links carry sent once per page; and typed response headers (integer, boolean, list),
//! with the decode error of one that does not read.

#[path = "e2e/scripted.rs"]
mod scripted;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use runtime::types::*;
use runtime::{BoxFuture, Client, Error, Lenient, Middleware, Next, RetryPolicy};
use scripted::{Scripted, BASE_PATH};

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(f)
}

/// Fast retries, so that the tests do not wait for the default backoff.
fn quick() -> RetryPolicy {
    RetryPolicy {
        base: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

fn thing(name: &str) -> Thing {
    Thing {
        id: "x".into(),
        name: name.into(),
        attempts: None,
    }
}

#[test]
fn retries_idempotent_methods_on_503() {
    let server = Scripted::start();
    let client = Client::new(server.url()).with_retries(quick());
    block_on(async {
        // GET: two 503s, then the answer on the third attempt.
        let r = client.get_thing("g").failures(2).send().await.expect("get");
        match &r {
            GetThingResponse::Status200(t) => assert_eq!(t.attempts, Some(3)),
            other => panic!("getThing: {other:?}"),
        }
        assert_eq!((r.code(), r.is_ok(), r.status()), (200, true, "200"));
        assert_eq!(server.count("GET", "/v1/things/g"), 3);

        // POST is not idempotent: sent once, the 503 is the documented `default`.
        let r = client
            .post_thing("p")
            .failures(2)
            .send()
            .await
            .expect("post");
        match &r {
            PostThingResponse::Default(503, p) => assert_eq!(p.title, "try again"),
            other => panic!("postThing: {other:?}"),
        }
        assert_eq!((r.code(), r.is_ok(), r.status()), (503, false, "default"));
        assert_eq!(server.count("POST", "/v1/things/p"), 1);

        // PUT is idempotent: retried, the body sent again.
        match client
            .put_thing("u", thing("again"))
            .failures(1)
            .send()
            .await
        {
            Ok(PutThingResponse::Status200(t)) => {
                assert_eq!((t.name.as_str(), t.attempts), ("again", Some(2)))
            }
            other => panic!("putThing: {other:?}"),
        }
        assert_eq!(server.count("PUT", "/v1/things/u"), 2);

        // Retries off: the first 503 is the answer.
        let once = Client::new(server.url()).with_retries(RetryPolicy::none());
        match once.get_thing("n").failures(1).send().await {
            Ok(GetThingResponse::Default(503, _)) => {}
            other => panic!("getThing without retries: {other:?}"),
        }
        assert_eq!(server.count("GET", "/v1/things/n"), 1);
    });
}

#[test]
fn retry_after_is_honoured() {
    let server = Scripted::start();
    let client = Client::new(server.url()).with_retries(quick());
    block_on(async {
        let start = Instant::now();
        match client
            .get_thing("ra")
            .failures(1)
            .retry_after(1)
            .send()
            .await
        {
            Ok(GetThingResponse::Status200(t)) => assert_eq!(t.attempts, Some(2)),
            other => panic!("getThing with Retry-After: {other:?}"),
        }
        assert!(
            start.elapsed() >= Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
        // A Retry-After above the cap (8 s) ends retrying: the 503 comes back at once.
        let start = Instant::now();
        match client
            .get_thing("long")
            .failures(1)
            .retry_after(60)
            .send()
            .await
        {
            Ok(GetThingResponse::Default(503, _)) => {}
            other => panic!("getThing with Retry-After 60: {other:?}"),
        }
        assert!(start.elapsed() < Duration::from_secs(5));
        assert_eq!(server.count("GET", "/v1/things/long"), 1);
    });
}

/// Records its name before and after the rest of the chain, and adds a header.
struct Hook {
    name: &'static str,
    log: Arc<Mutex<Vec<String>>>,
}

impl Middleware for Hook {
    fn handle<'a>(
        &'a self,
        mut req: reqwest::Request,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<reqwest::Response, Error>> {
        Box::pin(async move {
            self.log
                .lock()
                .unwrap()
                .push(format!("{} before", self.name));
            let value = reqwest::header::HeaderValue::from_static(self.name);
            req.headers_mut().append("x-hook", value);
            let resp = next.run(req).await;
            self.log
                .lock()
                .unwrap()
                .push(format!("{} after", self.name));
            resp
        })
    }
}

#[test]
fn middleware_runs_in_order_and_reaches_the_server() {
    let server = Scripted::start();
    let log = Arc::new(Mutex::new(Vec::new()));
    let client = Client::new(server.url())
        .with_middleware(Hook {
            name: "outer",
            log: log.clone(),
        })
        .with_middleware(Hook {
            name: "inner",
            log: log.clone(),
        });
    block_on(async {
        match client.echo().send().await {
            Ok(EchoResponse::Status200(e)) => {
                assert_eq!(
                    e.headers.get("x-hook").map(String::as_str),
                    Some("outer, inner")
                );
                // The parameter default is sent.
                assert_eq!(e.query, "mode=plain");
            }
            other => panic!("echo: {other:?}"),
        }
        // Around each attempt: a retried call runs the chain again.
        let r = client.get_thing("m").failures(1).send().await;
        assert!(matches!(r, Ok(GetThingResponse::Status200(_))), "{r:?}");
    });
    let log = log.lock().unwrap().clone();
    assert_eq!(
        log[..4],
        ["outer before", "inner before", "inner after", "outer after"]
    );
    assert_eq!(log.len(), 12, "{log:?}");
}

/// Adds an API key in a custom header, as a scheme of `in: header` would.
struct ApiKey;

impl Middleware for ApiKey {
    fn handle<'a>(
        &'a self,
        mut req: reqwest::Request,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<reqwest::Response, Error>> {
        req.headers_mut().insert(
            "x-api-key",
            reqwest::header::HeaderValue::from_static("secret"),
        );
        next.run(req)
    }
}

/// `Client::new` follows a redirect within the request's origin and returns one to another
/// origin as the 3xx: reqwest's own policy drops `Authorization` there but would carry an API key
/// in any other header to wherever the redirect points.
#[test]
fn redirects_are_followed_only_within_the_origin() {
    let server = Scripted::start();
    let origin = server.url().trim_end_matches(BASE_PATH).to_string();
    block_on(async {
        let here = Client::new(format!("{origin}/bounce/here{BASE_PATH}")).with_middleware(ApiKey);
        match here.echo().send().await {
            Ok(EchoResponse::Status200(e)) => {
                assert_eq!(e.path, format!("{BASE_PATH}/echo"));
                assert_eq!(
                    e.headers.get("x-api-key").map(String::as_str),
                    Some("secret")
                );
            }
            other => panic!("same origin: {other:?}"),
        }
        let elsewhere =
            Client::new(format!("{origin}/bounce/elsewhere{BASE_PATH}")).with_middleware(ApiKey);
        match elsewhere.echo().send().await {
            Err(Error::UnexpectedStatus {
                status, headers, ..
            }) => {
                assert_eq!(status, 307);
                let to = headers.get("location").and_then(|v| v.to_str().ok());
                assert!(
                    to.is_some_and(|t| t.starts_with("http://localhost:")),
                    "{to:?}"
                );
            }
            other => panic!("another origin: {other:?}"),
        }
    });
    let seen = server.seen();
    assert!(
        seen.iter().all(|s| !s
            .header("host")
            .unwrap_or_default()
            .starts_with("localhost")),
        "a request reached the other origin: {:?}",
        seen.iter()
            .map(|s| (&s.path, s.header("host")))
            .collect::<Vec<_>>()
    );
    assert_eq!(seen.len(), 3, "two redirects and the echo");
}

#[test]
fn token_is_refreshed_after_a_401() {
    let server = Scripted::start();
    let calls = Arc::new(Mutex::new(Vec::new()));
    let seen = calls.clone();
    let client = Client::new(server.url()).with_token_provider(move |refresh: bool| {
        seen.lock().unwrap().push(refresh);
        async move { Ok(if refresh { "fresh" } else { "stale" }.to_string()) }
    });
    block_on(async {
        match client.get_secure().send().await {
            Ok(GetSecureResponse::Status200(t)) => assert_eq!(t.name, "fresh"),
            other => panic!("getSecure: {other:?}"),
        }
    });
    assert_eq!(*calls.lock().unwrap(), [false, true]);
    let seen = server.seen();
    let auth: Vec<_> = seen.iter().map(|s| s.header("authorization")).collect();
    assert_eq!(auth, [Some("Bearer stale"), Some("Bearer fresh")]);
    // A provider that never gets it right: one replay, then the documented 401.
    let client = Client::new(server.url())
        .with_token_provider(|_refresh: bool| async { Ok("stale".to_string()) });
    block_on(async {
        match client.get_secure().send().await {
            Ok(r @ GetSecureResponse::Status401(_)) => assert!(!r.is_ok()),
            other => panic!("getSecure with a stale token: {other:?}"),
        }
    });
    assert_eq!(server.count("GET", "/v1/secure"), 4);
}

#[test]
fn a_timeout_fires_per_call_and_by_default() {
    let server = Scripted::start();
    let client = Client::new(server.url());
    block_on(async {
        let start = Instant::now();
        let r = client
            .get_slow(3000)
            .timeout(Duration::from_millis(200))
            .send()
            .await;
        assert!(matches!(r, Err(Error::Timeout(_))), "{r:?}");
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        // The client's default, overridden per call.
        let client = client.with_timeout(Duration::from_millis(200));
        let r = client.get_slow(3000).send().await;
        assert!(matches!(r, Err(Error::Timeout(_))), "{r:?}");
        let r = client
            .get_slow(300)
            .timeout(Duration::from_secs(5))
            .send()
            .await;
        assert!(matches!(r, Ok(GetSlowResponse::Status200(_))), "{r:?}");
    });
    // A timeout is not retried.
    assert_eq!(server.count("GET", "/v1/slow"), 3);
}

/// The resident set (kB) from /proc/self/status: (VmRSS, VmHWM).
fn rss_kb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

#[test]
fn a_50_mb_download_streams_in_bounded_memory() {
    const TOTAL: u64 = 50 * 1024 * 1024;
    let server = Scripted::start();
    let client = Client::new(server.url());
    let (before, _) = rss_kb();
    let mut peak = before;
    block_on(async {
        let r = client
            .download(TOTAL as i64)
            .send()
            .await
            .expect("download");
        assert_eq!((r.code(), r.is_ok()), (200, true));
        let DownloadResponse::Status200(mut stream) = r;
        let mut i: u64 = 0;
        while let Some(chunk) = stream.chunk().await.expect("a chunk") {
            for b in chunk.iter() {
                assert_eq!(*b, scripted::download_byte(i), "byte {i}");
                i += 1;
            }
            peak = peak.max(rss_kb().0);
        }
        assert_eq!(i, TOTAL);
    });
    let growth_mb = (peak.saturating_sub(before)) as f64 / 1024.0;
    eprintln!(
        "download of 50 MB: RSS {before} kB before, {peak} kB at most ({growth_mb:.1} MB more)"
    );
    assert!(growth_mb < 16.0, "RSS grew by {growth_mb:.1} MB");
}

#[test]
fn uploads_stream_from_a_file_and_from_bytes() {
    let server = Scripted::start();
    let client = Client::new(server.url());
    let data: Vec<u8> = (0..3_000_000u32).map(|i| (i % 253) as u8).collect();
    let sum = data.iter().fold(0u32, |s, b| s.wrapping_add(u32::from(*b)));
    let path = std::env::temp_dir().join(format!("oaskit-upload-{}.bin", std::process::id()));
    std::fs::write(&path, &data).expect("write the file");
    block_on(async {
        // A file: sent chunked, as it is read.
        let file = tokio::fs::File::open(&path).await.expect("open");
        match client.upload(file).send().await {
            Ok(UploadResponse::Status200(r)) => {
                assert_eq!((r.bytes, r.sum), (data.len() as i64, i64::from(sum)))
            }
            other => panic!("upload from a file: {other:?}"),
        }
        // Bytes in memory: sent with a Content-Length.
        match client.upload(data.clone()).send().await {
            Ok(UploadResponse::Status200(r)) => {
                assert_eq!((r.bytes, r.sum), (data.len() as i64, i64::from(sum)))
            }
            other => panic!("upload from bytes: {other:?}"),
        }
    });
    let _ = std::fs::remove_file(&path);
    let seen = server.seen();
    assert_eq!(seen[0].header("transfer-encoding"), Some("chunked"));
    assert_eq!(
        seen[1].header("content-length"),
        Some(data.len().to_string().as_str())
    );
}

#[test]
fn drift_decodes_to_unknown_or_fails_with_its_path() {
    let server = Scripted::start();
    let client = Client::new(server.url());
    block_on(async {
        match client.get_drawing(GetDrawingVariant::Valid).send().await {
            Ok(GetDrawingResponse::Status200(d)) => {
                assert_eq!(d.color, Color::Red);
                assert!(matches!(d.shapes[1], Shape::Square(_)), "{d:?}");
            }
            other => panic!("valid drawing: {other:?}"),
        }
        match client
            .get_drawing(GetDrawingVariant::UnknownColor)
            .send()
            .await
        {
            Ok(GetDrawingResponse::Status200(d)) => {
                assert_eq!(d.color, Color::Unknown("blue".into()))
            }
            other => panic!("unknown color: {other:?}"),
        }
        match client
            .get_drawing(GetDrawingVariant::UnknownShape)
            .send()
            .await
        {
            Ok(GetDrawingResponse::Status200(d)) => assert_eq!(
                d.shapes[1],
                Shape::Unknown(serde_json::json!({"kind": "triangle", "base": 3}))
            ),
            other => panic!("unknown shape: {other:?}"),
        }
        // A union without a discriminator: a value matching no variant is kept as it arrived.
        match client.get_drawing(GetDrawingVariant::OddLabel).send().await {
            Ok(GetDrawingResponse::Status200(d)) => {
                assert_eq!(d.label, Some(Label::Unknown(serde_json::json!(true))))
            }
            other => panic!("odd label: {other:?}"),
        }
        match client.get_drawing(GetDrawingVariant::Mismatch).send().await {
            Err(Error::Decode(e)) => {
                assert_eq!(e.path, "$.shapes[1].side");
                assert_eq!(e.status, 200);
                assert!(e.expected.ends_with("Drawing"), "{}", e.expected);
                assert!(e.message.contains("f64"), "{}", e.message);
                assert_eq!(
                    e.headers.get("content-type").map(|v| v.to_str().unwrap()),
                    Some("application/json")
                );
                assert!(String::from_utf8_lossy(&e.body).contains("\"wide\""));
                eprintln!("{e}");
            }
            other => panic!("mismatch: {other:?}"),
        }
        // Lenient: the raw JSON instead of the error.
        match client
            .get_drawing(GetDrawingVariant::Mismatch)
            .send_lenient()
            .await
        {
            Ok(Lenient::Raw { value, error }) => {
                assert_eq!(value["shapes"][1]["side"], "wide");
                assert_eq!(error.path, "$.shapes[1].side");
            }
            other => panic!("lenient mismatch: {other:?}"),
        }
        match client
            .get_drawing(GetDrawingVariant::Valid)
            .send_lenient()
            .await
        {
            Ok(Lenient::Typed(GetDrawingResponse::Status200(_))) => {}
            other => panic!("lenient valid: {other:?}"),
        }
    });
}

#[test]
fn defaults_and_servers() {
    let server = Scripted::start();
    let port = server.port().to_string();
    let client = Client::for_server(1, &[("port", &port)]).expect("server 1");
    block_on(async {
        match client.list_items().send().await {
            Ok(ListItemsResponse::Status200(page)) => {
                assert_eq!((page.limit, page.items.len()), (10, 10));
                assert_eq!(page.next_cursor.as_deref(), Some("c10"));
            }
            other => panic!("listItems: {other:?}"),
        }
        match client.list_items().limit(5).cursor("c20").send().await {
            Ok(ListItemsResponse::Status200(page)) => {
                assert_eq!((page.limit, page.items.len()), (5, 5));
                assert_eq!(page.next_cursor, None);
            }
            other => panic!("listItems limit 5: {other:?}"),
        }
    });
    assert_eq!(server.seen()[0].query, "limit=10");
    assert_eq!(runtime::SERVERS.len(), 2);
    assert_eq!(runtime::SERVERS[0].variables[0].values, ["eu", "us", "ap"]);
    assert!(matches!(
        Client::for_server(0, &[("region", "mars")]),
        Err(Error::Config(_))
    ));
    assert!(Client::for_server(0, &[("region", "us")]).is_ok());
    assert!(matches!(Client::for_server(2, &[]), Err(Error::Config(_))));
}

/// Each request sent: its URL and its `Authorization` header.
type Sent = Arc<Mutex<Vec<(String, Option<String>)>>>;
/// A rewrite of each request before it is sent.
type RequestTweak = Arc<dyn Fn(&mut reqwest::Request) + Send + Sync>;
/// A rewrite of each response before the SDK reads it.
type ResponseTweak = Arc<dyn Fn(&mut reqwest::Response) + Send + Sync>;

/// Records each request's URL and `Authorization`, rewrites requests and responses as told.
#[derive(Clone, Default)]
struct Tweak {
    sent: Sent,
    request: Option<RequestTweak>,
    response: Option<ResponseTweak>,
}

impl Tweak {
    fn sent(&self) -> Vec<(String, Option<String>)> {
        self.sent.lock().unwrap().clone()
    }

    fn urls(&self) -> Vec<String> {
        self.sent().into_iter().map(|(u, _)| u).collect()
    }

    fn clear(&self) {
        self.sent.lock().unwrap().clear();
    }
}

impl Middleware for Tweak {
    fn handle<'a>(
        &'a self,
        mut req: reqwest::Request,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<reqwest::Response, Error>> {
        Box::pin(async move {
            if let Some(f) = &self.request {
                f(&mut req);
            }
            let auth = req
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            self.sent
                .lock()
                .unwrap()
                .push((req.url().to_string(), auth));
            let mut resp = next.run(req).await?;
            if let Some(f) = &self.response {
                f(&mut resp);
            }
            Ok(resp)
        })
    }
}

fn paging_client(server: &Scripted, tweak: &Tweak) -> Client {
    Client::new(server.url())
        .with_retries(quick())
        .with_credentials(runtime::Credentials {
            bearer: Some("page-token".into()),
            ..Default::default()
        })
        .with_middleware(tweak.clone())
}

/// Every item of a listing, at most `cap` (a listing that never ends fails the test).
async fn all<R: runtime::Paginated<Item = Item>>(
    mut items: runtime::Items<R>,
    cap: usize,
) -> Result<Vec<i64>, (Vec<i64>, Error)> {
    let mut ids = Vec::new();
    loop {
        match items.next_item().await {
            Ok(Some(item)) => ids.push(item.id),
            Ok(None) => return Ok(ids),
            Err(e) => return Err((ids, e)),
        }
        assert!(ids.len() <= cap, "the listing does not end: {ids:?}");
    }
}

fn query(url: &str) -> String {
    url.split_once('?')
        .map(|(_, q)| q.to_string())
        .unwrap_or_default()
}

#[test]
fn listing_by_cursor_walks_every_item() {
    let server = Scripted::start();
    let tweak = Tweak::default();
    let client = paging_client(&server, &tweak);
    let every: Vec<i64> = (1..=25).collect();
    block_on(async {
        let items = client.list_items().items();
        assert!(
            tweak.sent().is_empty(),
            "nothing is sent before the loop asks"
        );
        assert_eq!(all(items, 100).await.expect("listItems"), every);
        let sent = tweak.sent();
        assert_eq!(sent.len(), 3, "{sent:?}");
        assert!(sent
            .iter()
            .all(|(_, a)| a.as_deref() == Some("Bearer page-token")));

        // The builder's parameters and timeout go out on every page.
        tweak.clear();
        let items = client
            .list_items()
            .limit(7)
            .timeout(Duration::from_secs(5))
            .items();
        assert_eq!(all(items, 100).await.expect("limit 7"), every);
        let queries: Vec<String> = tweak.urls().iter().map(|u| query(u)).collect();
        assert_eq!(
            queries,
            [
                "limit=7",
                "cursor=c7&limit=7",
                "cursor=c14&limit=7",
                "cursor=c21&limit=7"
            ]
        );

        // Pages: each page's decoded body.
        let mut pages = client.list_items().limit(10).pages();
        let mut seen = Vec::new();
        while let Some(page) = pages.next_page().await.expect("a page") {
            seen.push((page.items.len(), page.next_cursor.clone()));
        }
        assert_eq!(
            seen,
            [
                (10, Some("c10".to_string())),
                (10, Some("c20".to_string())),
                (5, None)
            ]
        );
        assert!(pages.next_page().await.expect("over").is_none());

        // A page is asked for only when the loop needs it.
        tweak.clear();
        let mut items = client.list_items().items();
        while let Some(item) = items.next_item().await.expect("an item") {
            if item.id == 3 {
                break;
            }
        }
        assert_eq!(tweak.sent().len(), 1);
        // A cursor given to the builder starts the listing there.
        let items = client.list_items().cursor("c20").items();
        assert_eq!(
            all(items, 100).await.expect("from c20"),
            (21..=25).collect::<Vec<_>>()
        );
    });
}

#[test]
fn listings_stop_on_a_repeated_cursor_or_page_and_on_a_failing_page() {
    let server = Scripted::start();
    // The server is sent back to `c10` when asked for `c20`: its next cursor is `c20` again.
    let looping = Tweak {
        request: Some(Arc::new(|req: &mut reqwest::Request| {
            let url = req.url().as_str().replace("cursor=c20", "cursor=c10");
            *req.url_mut() = url.parse().unwrap();
        })),
        ..Tweak::default()
    };
    let client = paging_client(&server, &looping);
    block_on(async {
        let ids = all(client.list_items().items(), 100)
            .await
            .expect("looping");
        let expected: Vec<i64> = (1..=20).chain(11..=20).collect();
        assert_eq!(ids, expected);
        assert_eq!(looping.sent().len(), 3, "{:?}", looping.urls());
    });
    // Every page after the first goes nowhere: the items before it, then the error.
    let failing = Tweak {
        request: Some(Arc::new(|req: &mut reqwest::Request| {
            if req.url().as_str().contains("cursor=") {
                let url = req.url().as_str().replace("/items", "/nowhere");
                *req.url_mut() = url.parse().unwrap();
            }
        })),
        ..Tweak::default()
    };
    let client = paging_client(&server, &failing);
    block_on(async {
        match all(client.list_items().items(), 100).await {
            Err((ids, Error::UnexpectedStatus { status, body, .. })) => {
                assert_eq!(ids, (1..=10).collect::<Vec<_>>());
                assert_eq!(status, 404);
                assert!(String::from_utf8_lossy(&body).contains("not found"));
            }
            other => panic!("a failing page: {other:?}"),
        }
    });
    // Page numbers: walked to the empty page after the last; a server that ignores the page
    // number (`stuck`) ends the listing at its second answer, the first page again, which is
    // not yielded twice (the server counts the requests).
    let client = Client::new(server.url());
    block_on(async {
        let every = all(client.list_numbered().items(), 100).await;
        assert_eq!(every.expect("numbered"), (1..=12).collect::<Vec<_>>());
        let stuck = all(client.list_numbered().stuck(true).items(), 100).await;
        assert_eq!(stuck.expect("stuck"), (1..=5).collect::<Vec<_>>());
    });
    server.assert_numbered_walks(1);
}

/// The target of the `rel="next"` link the scripted server wrote.
fn next_target(link: &str) -> String {
    let start = link.find('<').unwrap() + 1;
    let end = link.find('>').unwrap();
    assert!(link[end..].starts_with(">; rel=\"next\""), "{link}");
    link[start..end].to_string()
}

/// A response tweak that rewrites the `Link` header with `make(next target)`.
fn rewrite_link(make: impl Fn(&str) -> String + Send + Sync + 'static) -> Option<ResponseTweak> {
    Some(Arc::new(move |resp: &mut reqwest::Response| {
        let Some(link) = resp.headers().get("link").and_then(|v| v.to_str().ok()) else {
            return;
        };
        let value = make(&next_target(link));
        resp.headers_mut().insert(
            "link",
            reqwest::header::HeaderValue::from_str(&value).unwrap(),
        );
    }))
}

#[test]
fn listing_by_link_header_walks_every_item_within_the_origin() {
    let server = Scripted::start();
    let tweak = Tweak::default();
    let client = paging_client(&server, &tweak);
    let every: Vec<i64> = (1..=25).collect();
    block_on(async {
        assert_eq!(
            all(client.list_events().per_page(7).items(), 100)
                .await
                .expect("listEvents"),
            every
        );
        let sent = tweak.sent();
        assert_eq!(sent.len(), 4, "{sent:?}");
        assert!(sent
            .iter()
            .all(|(_, a)| a.as_deref() == Some("Bearer page-token")));
        assert!(sent[3].0.contains("page=4&per_page=7"), "{}", sent[3].0);
        let mut pages = client.list_events().per_page(10).pages();
        let mut sizes = Vec::new();
        while let Some(page) = pages.next_page().await.expect("a page") {
            sizes.push(page.len());
        }
        assert_eq!(sizes, [10, 10, 5]);

        // The documented header, typed, on the response variant.
        match client.list_events().per_page(10).send().await {
            Ok(ListEventsResponse::Status200(items, headers)) => {
                assert_eq!(items.len(), 10);
                let link = headers.link.expect("a Link header");
                assert!(link.contains("rel=\"next\""), "{link}");
                assert_eq!(
                    runtime::next_link(&link).map(|u| query(&u)),
                    Some("page=2&per_page=10".to_string())
                );
            }
            other => panic!("listEvents: {other:?}"),
        }
        match client.list_events().page(3).per_page(10).send().await {
            Ok(ListEventsResponse::Status200(items, headers)) => {
                assert_eq!((items.len(), headers.link), (5, None));
            }
            other => panic!("listEvents, last page: {other:?}"),
        }
    });

    // Relative and oddly written Link headers are followed.
    let messy = Tweak {
        response: rewrite_link(|next| {
            let (origin, rest) = next.split_at(next.find("/v1/").unwrap());
            let q = query(rest);
            format!(
                "<{origin}/v1/events?page=1>; rel=\"first\"; title=\"a, <b>; c\", <events?{q}> ; TITLE = x ; REL = \"prefetch Next\""
            )
        }),
        ..Tweak::default()
    };
    let client = paging_client(&server, &messy);
    block_on(async {
        assert_eq!(
            all(client.list_events().per_page(7).items(), 100)
                .await
                .expect("messy links"),
            every
        );
        assert_eq!(messy.sent().len(), 4, "{:?}", messy.urls());
    });

    // A next link on another origin (host, port or scheme) is refused, after the first page.
    let foreign = [
        "http://evil.example/v1/events?page=2&per_page=7".to_string(),
        format!("http://127.0.0.1:{}/v1/events?page=2", server.port() + 1),
        "https://127.0.0.1/v1/events".to_string(),
    ];
    for f in foreign {
        let target = f.clone();
        let tweak = Tweak {
            response: rewrite_link(move |_| format!("<{target}>; rel=\"next\"")),
            ..Tweak::default()
        };
        let client = paging_client(&server, &tweak);
        block_on(async {
            match all(client.list_events().per_page(7).items(), 100).await {
                Err((ids, Error::Page(e))) => {
                    assert_eq!(ids, (1..=7).collect::<Vec<_>>());
                    let url = e.url.clone().expect("the refused URL");
                    let refused = reqwest::Url::parse(&url).unwrap();
                    let wanted = reqwest::Url::parse(&f).unwrap();
                    assert_eq!(
                        (refused.host_str(), refused.port_or_known_default()),
                        (wanted.host_str(), wanted.port_or_known_default())
                    );
                    assert!(e.to_string().contains("origin"), "{e}");
                    assert_eq!((e.operation, e.page, e.status), ("list_events", 1, None));
                }
                other => panic!("a foreign next link {f}: {other:?}"),
            }
            let sent = tweak.sent();
            assert_eq!(sent.len(), 1, "{sent:?}");
            assert!(sent[0].0.starts_with(&server.url()), "{sent:?}");
        });
    }
}

#[test]
fn link_headers_parse_as_rfc_8288_says() {
    let next = runtime::next_link;
    assert_eq!(
        next("<https://a.example/2>; rel=\"next\"").as_deref(),
        Some("https://a.example/2")
    );
    assert_eq!(
        next("<https://a.example/1>; rel=prev, <https://a.example/3>;rel=next").as_deref(),
        Some("https://a.example/3")
    );
    assert_eq!(
        next("<https://a.example/x,y>; rel=\"nofollow next\"").as_deref(),
        Some("https://a.example/x,y")
    );
    assert_eq!(
        next("<https://a.example/p>; title=\"rel=next\"; rel=\"prev\""),
        None
    );
    assert_eq!(
        next("<https://a.example/p>; rel=\"prev\"; rel=\"next\""),
        None
    );
    assert_eq!(next("garbage"), None);
    assert_eq!(next("<unclosed; rel=next"), None);
    assert_eq!(next(""), None);
}

#[test]
fn a_documented_header_that_does_not_read_is_a_decode_error_naming_it() {
    let server = Scripted::start();
    // A `Link` value that is not visible ASCII cannot read as the documented string.
    let tweak = Tweak {
        response: Some(Arc::new(|resp: &mut reqwest::Response| {
            resp.headers_mut().insert(
                "link",
                reqwest::header::HeaderValue::from_bytes(b"<x>; rel=\"n\xe9xt\"").unwrap(),
            );
        })),
        ..Tweak::default()
    };
    let client = paging_client(&server, &tweak);
    block_on(async {
        match client.list_events().send().await {
            Err(Error::Decode(e)) => {
                assert_eq!((e.header.as_deref(), e.status), (Some("Link"), 200));
                assert!(e.to_string().contains("header Link"), "{e}");
                // The body was read: nothing is lost.
                assert!(String::from_utf8_lossy(&e.body).contains("\"id\":1"));
            }
            other => panic!("a bad header: {other:?}"),
        }
        // Lenient: the body as it arrived, with the mismatch.
        match client.list_events().send_lenient().await {
            Ok(Lenient::Raw { value, error }) => {
                assert_eq!(value.as_array().map(Vec::len), Some(10));
                assert_eq!(error.header.as_deref(), Some("Link"));
            }
            other => panic!("a bad header, leniently: {other:?}"),
        }
    });
}

#[test]
fn a_next_link_carrying_the_query_api_key_gets_it_once() {
    let server = Scripted::start();
    let tweak = Tweak::default();
    let client = Client::new(server.url())
        .with_retries(quick())
        .with_credentials(runtime::Credentials {
            api_keys: [("apiKey".to_string(), "k3y".to_string())].into(),
            ..Default::default()
        })
        .with_middleware(tweak.clone());
    block_on(async {
        // The server answers 400 to a request with `api_key` twice: the listing would stop at
        // page 2 if the key were added to a next link that carries it.
        let ids = all(client.list_keyed_events().per_page(7).items(), 100).await;
        assert_eq!(ids.expect("listKeyedEvents"), (1..=25).collect::<Vec<_>>());
        let urls = tweak.urls();
        assert_eq!(urls.len(), 4, "{urls:?}");
        for u in &urls {
            assert_eq!(u.matches("api_key=").count(), 1, "{u}");
        }
        // The first page gets the key from the client.
        assert!(query(&urls[0]).contains("api_key=k3y"), "{}", urls[0]);
    });
}

#[test]
fn typed_headers_arrive_converted_and_a_malformed_one_is_a_decode_error() {
    let server = Scripted::start();
    let client = Client::new(server.url());
    block_on(async {
        match client.get_headers().send().await {
            Ok(GetHeadersResponse::Status200(thing, h)) => {
                assert_eq!(thing.name, "typed");
                assert_eq!(
                    (h.x_count, h.x_flag, h.x_ids),
                    (Some(42), Some(true), Some(vec![3, 5, 8]))
                );
            }
            other => panic!("getHeaders: {other:?}"),
        }
        for (which, name) in [
            (GetHeadersMalformed::Count, "X-Count"),
            (GetHeadersMalformed::Flag, "X-Flag"),
            (GetHeadersMalformed::Ids, "X-Ids"),
        ] {
            match client.get_headers().malformed(which).send().await {
                Err(Error::Decode(e)) => {
                    assert_eq!((e.header.as_deref(), e.status), (Some(name), 200));
                    assert!(String::from_utf8_lossy(&e.body).contains("typed"), "{e}");
                }
                other => panic!("a malformed {name}: {other:?}"),
            }
        }
    });
}
