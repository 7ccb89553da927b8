//! End-to-end: the TypeScript SDK runtime. The checked-in SDK of `specs/runtime.yaml`
//! (`generated/runtime/typescript`), compiled with the pinned TypeScript, is driven from node by
//! `tests/e2e/runtime.mjs` against the scripted server (`tests/e2e/scripted.rs`): retries on
//! injected 503s and `Retry-After`, middleware order, token refresh after a 401, timeouts, a
//! streamed 50 MB download in bounded memory, a streamed upload, decode errors with their path,
//! `Unknown` variants, lenient mode, parameter defaults, `Client.forServer` and the pagination
//! helpers (cursor and `Link` header, a foreign next link refused, a query API key that next
//! links carry sent once per page) and documented headers (as text). This file then checks
//! what reached the server.

#[path = "e2e/scripted.rs"]
mod scripted;

use std::path::Path;
use std::process::Command;

#[test]
fn typescript_runtime_against_the_scripted_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tsc = root.join(".tools/node/node_modules/typescript/bin/tsc");
    assert!(
        tsc.is_file(),
        "TypeScript is missing: run scripts/setup-tools"
    );
    let dist = root.join("target/e2e/typescript/runtime");
    let _ = std::fs::remove_dir_all(&dist);
    let status = Command::new("node")
        .arg(&tsc)
        .arg("-p")
        .arg(root.join("generated/runtime/typescript"))
        .arg("--outDir")
        .arg(&dist)
        .status()
        .expect("node runs");
    assert!(
        status.success(),
        "tsc failed on generated/runtime/typescript"
    );
    // The compiled files are ES modules: node needs the package type beside them.
    std::fs::write(dist.join("package.json"), "{\"type\": \"module\"}\n").expect("write");

    let server = scripted::Scripted::start();
    let out = Command::new("node")
        .arg(root.join("tests/e2e/runtime.mjs"))
        .arg(&dist)
        .arg(server.url())
        .arg(server.port().to_string())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success() && stdout.contains("ok: 40 checks"),
        "the driver failed:\n{stdout}\n{stderr}"
    );

    // What reached the server.
    let seen = server.seen();
    let count = |method: &str, path: &str| server.count(method, path);
    assert_eq!(count("GET", "/v1/things/get-retry"), 3, "GET: two retries");
    assert_eq!(count("POST", "/v1/things/post-once"), 1, "POST: sent once");
    assert_eq!(count("PUT", "/v1/things/put-retry"), 2, "PUT: retried");
    assert_eq!(count("GET", "/v1/things/no-retry"), 1, "retries: 0");
    assert_eq!(count("GET", "/v1/things/retry-after"), 2);
    assert_eq!(count("GET", "/v1/things/retry-after-cap"), 1);
    assert_eq!(count("GET", "/v1/things/mw-retry"), 2);
    let secure: Vec<_> = seen.iter().filter(|s| s.path == "/v1/secure").collect();
    let tokens: Vec<_> = secure.iter().map(|s| s.header("authorization")).collect();
    assert_eq!(
        tokens,
        [
            Some("Bearer stale"),
            Some("Bearer fresh"),
            Some("Bearer stale"),
            Some("Bearer stale")
        ],
        "one replay after a refresh; a second 401 is not replayed again"
    );
    let hooked = seen
        .iter()
        .find(|s| s.path == "/v1/echo" && s.header("x-hook").is_some())
        .expect("the middleware's header reached /echo");
    assert_eq!(hooked.header("x-hook"), Some("added"));
    let items: Vec<_> = seen
        .iter()
        .filter(|s| s.path == "/v1/items")
        .map(|s| s.query.as_str())
        .collect();
    let (defaults, listings) = items.split_at(2.min(items.len()));
    assert_eq!(
        defaults,
        ["limit=10", "limit=3"],
        "the default limit is sent"
    );
    let by_ten = ["limit=10", "cursor=c10&limit=10", "cursor=c20&limit=10"];
    let by_seven = [
        "limit=7",
        "cursor=c7&limit=7",
        "cursor=c14&limit=7",
        "cursor=c21&limit=7",
    ];
    let expected: Vec<&str> = [
        &by_ten[..],                          // listItemsAll()
        &by_seven[..],                        // listItemsAll({limit: 7})
        &by_ten[..],                          // listItemsPages({limit: 10})
        &["limit=10"],                        // a loop that breaks after 3 items
        &["limit=10", "cursor=c10&limit=10"], // a repeated cursor ends the listing
        &["limit=10"],                        // the second page fails in a middleware
    ]
    .concat();
    assert_eq!(listings, expected, "the pages asked for by cursor");
    let events: Vec<_> = seen.iter().filter(|s| s.path == "/v1/events").collect();
    let queries: Vec<_> = events.iter().map(|s| s.query.as_str()).collect();
    let by_link = [
        "page=1&per_page=7",
        "page=2&per_page=7",
        "page=3&per_page=7",
        "page=4&per_page=7",
    ];
    let refused = ["page=1&per_page=7"; 3];
    assert_eq!(
        queries,
        [&by_link[..], &by_link[..], &refused[..]].concat(),
        "pages followed by the Link header; nothing after a foreign next link"
    );
    assert!(
        events[..4]
            .iter()
            .all(|s| s.header("authorization") == Some("Bearer page-token")),
        "the credentials go with every page"
    );
    let uploads: Vec<_> = seen.iter().filter(|s| s.path == "/v1/upload").collect();
    assert_eq!(
        uploads[0].header("transfer-encoding"),
        Some("chunked"),
        "a stream is sent chunked"
    );
    assert_eq!(uploads[1].header("content-length"), Some("1000"));
    assert_eq!(count("GET", "/v1/slow"), 4, "timeouts are not retried");
    // The keyed Link walk: four pages, each with the API key once.
    server.assert_keyed_walk();
    server.assert_numbered_walks(1);
}
