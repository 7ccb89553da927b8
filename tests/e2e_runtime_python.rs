//! End-to-end: the checked-in Python SDK of `specs/runtime.yaml` (`generated/runtime/python`)
//! against the scripted server (`tests/e2e/scripted.rs`), driven by `tests/e2e/runtime_python.py`
//! on the interpreter of `.tools/python`, with `Client` (urllib) and `AsyncClient` (asyncio):
//! retries, `Retry-After`, middleware, token refresh, timeouts, cancellation, a 50 MB streamed
//! download in bounded memory, streamed uploads, decode errors and drift, lenient mode,
//! parameter defaults, `for_server` and the listing helpers (cursor and `Link` header pages,
//! a repeated cursor, a failing page, a next link on another origin). What the server saw is
//! asserted here.

#[path = "e2e/scripted.rs"]
mod scripted;

use std::path::Path;
use std::process::Command;

#[test]
fn python_runtime_against_the_scripted_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join(".tools/python/bin/python");
    assert!(
        python.is_file(),
        "the Python tools are missing: run scripts/setup-tools"
    );
    let server = scripted::Scripted::start();
    let run = Command::new(&python)
        .arg(root.join("tests/e2e/runtime_python.py"))
        .arg(server.url())
        .arg(server.port().to_string())
        .env("PYTHONPATH", root.join("generated/runtime/python"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("the driver runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Every check of the driver ran (a check left out would fail here).
    assert!(stdout.contains("\nok: 69 checks"), "{stdout}");
    for p in ["s-", "a-"] {
        // Two 503s then the answer: three GETs; a POST once; a PUT three times.
        assert_eq!(
            server.count("GET", &format!("/v1/things/{p}get")),
            3,
            "{p}get"
        );
        assert_eq!(
            server.count("POST", &format!("/v1/things/{p}post")),
            1,
            "{p}post"
        );
        assert_eq!(
            server.count("PUT", &format!("/v1/things/{p}put")),
            3,
            "{p}put"
        );
        assert_eq!(
            server.count("GET", &format!("/v1/things/{p}after")),
            2,
            "{p}after"
        );
    }
    assert_eq!(server.count("GET", "/v1/things/s-cap"), 1);
    assert_eq!(server.count("GET", "/v1/things/s-none"), 1);
    // Token refresh: each client sent /secure twice, first stale then fresh.
    let secure: Vec<Option<String>> = server
        .seen()
        .iter()
        .filter(|s| s.path == "/v1/secure")
        .map(|s| s.header("authorization").map(str::to_string))
        .collect();
    let stale = Some("Bearer stale".to_string());
    let fresh = Some("Bearer fresh".to_string());
    assert_eq!(secure, [stale.clone(), fresh.clone(), stale, fresh]);
    // Uploads: the iterables went chunked, bytes with a Content-Length.
    let uploads: Vec<(Option<String>, Option<String>)> = server
        .seen()
        .iter()
        .filter(|s| s.path == "/v1/upload")
        .map(|s| {
            (
                s.header("transfer-encoding").map(str::to_string),
                s.header("content-length").map(str::to_string),
            )
        })
        .collect();
    assert_eq!(uploads.len(), 6, "{uploads:?}");
    assert_eq!(uploads[0].0.as_deref(), Some("chunked"));
    assert_eq!(uploads[2].1.as_deref(), Some("3"));
    assert_eq!(uploads[3].0.as_deref(), Some("chunked"));
    assert_eq!(uploads[5].1.as_deref(), Some("3"));
    // The parameter default went out on the wire.
    assert!(server
        .seen()
        .iter()
        .any(|s| s.path == "/v1/items" && s.query == "limit=10"));
    // Listings: a cursor page after the first went out with the arguments and the client's
    // credentials, once from Client and once from AsyncClient.
    let cursor_pages = server
        .seen()
        .iter()
        .filter(|s| {
            s.path == "/v1/items"
                && s.query == "cursor=c7&limit=7"
                && s.header("authorization") == Some("Bearer page-token")
        })
        .count();
    assert_eq!(cursor_pages, 2);
    // The keyed Link walk: four pages, each with the API key once.
    server.assert_keyed_walk();
    server.assert_numbered_walks(2);
    eprintln!("{stdout}");
}
