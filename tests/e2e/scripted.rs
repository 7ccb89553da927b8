//! The scripted server the SDK runtime tests run against: `specs/runtime.yaml` answered on
//! 127.0.0.1 (port 0) with behaviour a mock cannot give: 503s with `Retry-After` before the
//! real answer, a 401 until the token is refreshed, slow answers, a streamed download of any
//! size, an upload counted as it arrives, cursor, Link-header and page-number pagination (with
//! a server that ignores the page number), answers that drift from the definition, an echo of the request, and (outside the spec) `/redirect?to=URL`.
//! Every request is logged, so a test can
//! assert what reached the server (a POST sent once, a retry, a header a hook added).
//!
//! Plain HTTP/1.1 over `std::net`, one thread per connection, `Connection: close` on every
//! answer; request bodies by `Content-Length` or chunked. Included by the `tests/e2e_*.rs` files
//! with `#[path = "e2e/scripted.rs"] mod scripted;`.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The base path of every route (`servers[1]` of the spec is `http://{host}:{port}/v1`).
pub const BASE_PATH: &str = "/v1";
/// Items served by `/items` and `/events`.
pub const ITEM_COUNT: usize = 25;
/// Items served by `/numbered`.
pub const NUMBERED_COUNT: usize = 12;
/// Items a page of `/numbered`.
pub const NUMBERED_PER_PAGE: usize = 5;
/// Requests `/numbered?stuck=true` answers with the first page before it gives up (an empty
/// page), so that a client that does not notice the repetition ends instead of hanging.
pub const STUCK_LIMIT: u64 = 20;

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The method.
    pub method: String,
    /// The path, without the query, as sent.
    pub path: String,
    /// The raw query string (empty when none).
    pub query: String,
    /// Header names in lower case, with their values.
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// The first value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct State {
    seen: Vec<Seen>,
    attempts: HashMap<(String, String), u64>,
}

/// A running scripted server; stopped when dropped.
pub struct Scripted {
    port: u16,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl Scripted {
    /// Starts the server on 127.0.0.1 with a port the system picks.
    pub fn start() -> Scripted {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (st, sp) = (Arc::clone(&state), Arc::clone(&stop));
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if sp.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let st = Arc::clone(&st);
                std::thread::spawn(move || {
                    // A client that hangs up mid-answer (a timeout test) is not an error here.
                    let _ = serve(conn, port, &st);
                });
            }
        });
        Scripted { port, state, stop }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The base URL of the API: `http://127.0.0.1:PORT/v1`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}{BASE_PATH}", self.port)
    }

    /// Every request so far, in arrival order.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().expect("state").seen.clone()
    }

    /// How many requests `method path` (path as sent, without the query) has had.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.state
            .lock()
            .expect("state")
            .seen
            .iter()
            .filter(|s| s.method == method && s.path == path)
            .count()
    }

    /// Asserts that `/numbered` was walked twice by each of `clients` clients, one after the
    /// other: once to the end (pages 1 to 4, the last empty) and once with `stuck=true`, where
    /// the listing ended at the second request (the first page again) instead of looping.
    pub fn assert_numbered_walks(&self, clients: usize) {
        let seen: Vec<String> = self
            .seen()
            .into_iter()
            .filter(|s| s.path == "/v1/numbered")
            .map(|s| s.query)
            .collect();
        let stuck = seen.iter().filter(|q| q.contains("stuck=true")).count();
        let walked: Vec<&String> = seen.iter().filter(|q| !q.contains("stuck=true")).collect();
        assert_eq!(
            stuck,
            2 * clients,
            "the stuck listing: two requests, then stop: {seen:?}"
        );
        assert_eq!(walked.len(), 4 * clients, "{seen:?}");
        for (n, q) in walked.iter().enumerate() {
            assert!(q.contains(&format!("page={}", n % 4 + 1)), "{seen:?}");
        }
    }

    /// Asserts that `/keyed-events` was walked once, four pages (of 7), each request with the
    /// API key `k3y` exactly once.
    pub fn assert_keyed_walk(&self) {
        let keyed: Vec<String> = self
            .seen()
            .into_iter()
            .filter(|s| s.path == "/v1/keyed-events")
            .map(|s| s.query)
            .collect();
        assert_eq!(keyed.len(), 4, "{keyed:?}");
        assert!(
            keyed.iter().all(|q| q.matches("api_key=k3y").count() == 1),
            "{keyed:?}"
        );
    }
}

impl Drop for Scripted {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

struct Request {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k) == name).then(|| decode(v))
        })
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Request>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target, String::new()),
    };
    let mut headers = Vec::new();
    let mut total = 0;
    loop {
        let mut h = String::new();
        let n = reader.read_line(&mut h)?;
        total += n;
        if n == 0 || h == "\r\n" || h == "\n" || total > 64 * 1024 {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let mut req = Request {
        method,
        path,
        query,
        headers,
        body: Vec::new(),
    };
    if req
        .header("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                .unwrap_or(0);
            if size == 0 {
                // Trailers, then the blank line.
                loop {
                    let mut t = String::new();
                    if reader.read_line(&mut t)? == 0 || t == "\r\n" || t == "\n" {
                        break;
                    }
                }
                break;
            }
            let start = req.body.len();
            req.body.resize(start + size, 0);
            reader.read_exact(&mut req.body[start..])?;
            let mut crlf = [0u8; 2];
            reader.read_exact(&mut crlf)?;
        }
    } else if let Some(len) = req
        .header("content-length")
        .and_then(|v| v.parse::<usize>().ok())
    {
        req.body.resize(len, 0);
        reader.read_exact(&mut req.body)?;
    }
    Ok(Some(req))
}

fn serve(conn: TcpStream, port: u16, state: &Mutex<State>) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let Some(req) = read_request(&mut reader)? else {
        return Ok(());
    };
    state.lock().expect("state").seen.push(Seen {
        method: req.method.clone(),
        path: req.path.clone(),
        query: req.query.clone(),
        headers: req.headers.clone(),
    });
    let mut out = conn;
    // Not in the spec: `/bounce/here/REST` and `/bounce/elsewhere/REST` redirect to `/REST` on
    // this server, by the Host the request named (same origin), or by the other name of the
    // loopback address (`127.0.0.1` for `localhost` and back: another origin), so that an SDK's
    // base URL can route every operation through a redirect.
    for (prefix, same) in [("/bounce/here", true), ("/bounce/elsewhere", false)] {
        let Some(rest) = req.path.strip_prefix(prefix) else {
            continue;
        };
        let host = req.header("host").unwrap_or_default().to_string();
        let host = if same {
            host
        } else if let Some(port) = host.strip_prefix("127.0.0.1") {
            format!("localhost{port}")
        } else {
            host.replacen("localhost", "127.0.0.1", 1)
        };
        let query = if req.query.is_empty() {
            String::new()
        } else {
            format!("?{}", req.query)
        };
        let to = format!("http://{host}{rest}{query}");
        return json(
            &mut out,
            307,
            &[("Location", to.as_str())],
            &problem("moved", 307),
        );
    }
    let Some(route) = req.path.strip_prefix(BASE_PATH) else {
        return json(&mut out, 404, &[], &problem("not found", 404));
    };
    let segments: Vec<&str> = route.trim_start_matches('/').split('/').collect();
    match (req.method.as_str(), segments.as_slice()) {
        (m @ ("GET" | "PUT" | "POST"), ["things", key]) => {
            let key = decode(key);
            let attempt = {
                let mut st = state.lock().expect("state");
                let n = st.attempts.entry((m.to_string(), key.clone())).or_insert(0);
                *n += 1;
                *n
            };
            let failures: u64 = req
                .param("failures")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            if attempt <= failures {
                let retry_after = req.param("retry_after");
                let extra: Vec<(&str, &str)> = retry_after
                    .as_deref()
                    .map(|v| vec![("Retry-After", v)])
                    .unwrap_or_default();
                return json(&mut out, 503, &extra, &problem("try again", 503));
            }
            let name = if m == "PUT" {
                serde_json::from_slice::<serde_json::Value>(&req.body)
                    .ok()
                    .and_then(|b| b.get("name").and_then(|n| n.as_str()).map(str::to_string))
                    .unwrap_or_default()
            } else {
                format!("thing {key}")
            };
            let body = serde_json::json!({"id": key, "name": name, "attempts": attempt});
            json(&mut out, 200, &[], &body)
        }
        ("GET", ["secure"]) => {
            if req.header("authorization") == Some("Bearer fresh") {
                json(
                    &mut out,
                    200,
                    &[],
                    &serde_json::json!({"id": "secure", "name": "fresh"}),
                )
            } else {
                let extra = [("WWW-Authenticate", "Bearer error=\"invalid_token\"")];
                json(&mut out, 401, &extra, &problem("token expired", 401))
            }
        }
        ("GET", ["slow"]) => {
            let ms: u64 = req.param("ms").and_then(|v| v.parse().ok()).unwrap_or(0);
            std::thread::sleep(Duration::from_millis(ms));
            json(
                &mut out,
                200,
                &[],
                &serde_json::json!({"id": "slow", "name": format!("{ms} ms")}),
            )
        }
        ("GET", ["download"]) => {
            let total: u64 = req.param("bytes").and_then(|v| v.parse().ok()).unwrap_or(0);
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {total}\r\nConnection: close\r\n\r\n"
            )?;
            let mut chunk = vec![0u8; 64 * 1024];
            let mut i: u64 = 0;
            while i < total {
                let n = chunk
                    .len()
                    .min(usize::try_from(total - i).unwrap_or(usize::MAX));
                for (j, b) in chunk[..n].iter_mut().enumerate() {
                    *b = download_byte(i + j as u64);
                }
                out.write_all(&chunk[..n])?;
                i += n as u64;
            }
            out.flush()
        }
        ("POST", ["upload"]) => {
            let sum = req
                .body
                .iter()
                .fold(0u32, |s, b| s.wrapping_add(u32::from(*b)));
            let body = serde_json::json!({"bytes": req.body.len(), "sum": sum});
            json(&mut out, 200, &[], &body)
        }
        ("GET", ["items"]) => {
            let limit: Option<usize> = req.param("limit").and_then(|v| v.parse().ok());
            let start: usize = req
                .param("cursor")
                .and_then(|c| c.strip_prefix('c').and_then(|n| n.parse().ok()))
                .unwrap_or(0);
            let size = limit.unwrap_or(10).max(1);
            let end = (start + size).min(ITEM_COUNT);
            let items: Vec<_> = (start..end).map(item).collect();
            let next = (end < ITEM_COUNT).then(|| format!("c{end}"));
            let body = serde_json::json!({"items": items, "next_cursor": next, "limit": limit.unwrap_or(0)});
            json(&mut out, 200, &[], &body)
        }
        // NUMBERED_COUNT items by page number, NUMBERED_PER_PAGE a page (empty past the last).
        // `stuck=true` ignores `page`: every answer is the first page, byte for byte (a server
        // bug); past STUCK_LIMIT such requests it answers an empty page, so that a client that
        // would loop forever stops, and its request count shows it.
        ("GET", ["numbered"]) => {
            let stuck = req.param("stuck").as_deref() == Some("true");
            let page = if stuck {
                let mut st = state.lock().expect("state");
                let n = st
                    .attempts
                    .entry(("GET".into(), "numbered-stuck".into()))
                    .or_insert(0);
                *n += 1;
                if *n > STUCK_LIMIT {
                    usize::MAX
                } else {
                    1
                }
            } else {
                req.param("page")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1)
            };
            let start = (page - 1).saturating_mul(NUMBERED_PER_PAGE);
            let end = start.saturating_add(NUMBERED_PER_PAGE).min(NUMBERED_COUNT);
            let items: Vec<_> = (start.min(end)..end).map(item).collect();
            json(&mut out, 200, &[], &serde_json::Value::Array(items))
        }
        ("GET", ["events"]) => events(&mut out, &req, port, None),
        // The events again, for an API key in the query: each next link carries the key, and a
        // request with the key missing or twice is a 400.
        ("GET", ["keyed-events"]) => {
            let keys: Vec<String> = req
                .query
                .split('&')
                .filter_map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(k) == "api_key").then(|| v.to_string())
                })
                .collect();
            let [key] = keys.as_slice() else {
                let title = format!("api_key given {} times", keys.len());
                return json(&mut out, 400, &[], &problem(&title, 400));
            };
            events(&mut out, &req, port, Some(key))
        }
        // Typed headers: `X-Count: 42`, `X-Flag: true`, `X-Ids: 3,5,8`; `malformed` names the
        // one sent as text that does not read as its type.
        ("GET", ["headers"]) => {
            let malformed = req.param("malformed").unwrap_or_default();
            let pick = |name: &str, good: &'static str, bad: &'static str| {
                if malformed == name {
                    bad
                } else {
                    good
                }
            };
            let extra = [
                ("X-Count", pick("count", "42", "many")),
                ("X-Flag", pick("flag", "true", "maybe")),
                ("X-Ids", pick("ids", "3,5,8", "3,x,8")),
            ];
            let body = serde_json::json!({"id": "headers", "name": "typed"});
            json(&mut out, 200, &extra, &body)
        }
        ("GET", ["drawings", variant]) => {
            let circle = serde_json::json!({"kind": "circle", "radius": 1.5});
            let body = match *variant {
                "valid" => {
                    serde_json::json!({"color": "red", "shapes": [circle, {"kind": "square", "side": 2}]})
                }
                "unknown-color" => serde_json::json!({"color": "blue", "shapes": [circle]}),
                "unknown-shape" => {
                    serde_json::json!({"color": "green", "shapes": [circle, {"kind": "triangle", "base": 3}]})
                }
                "odd-label" => {
                    serde_json::json!({"color": "red", "shapes": [circle], "label": true})
                }
                "mismatch" => {
                    serde_json::json!({"color": "red", "shapes": [circle, {"kind": "square", "side": "wide"}]})
                }
                _ => return json(&mut out, 404, &[], &problem("no such variant", 404)),
            };
            json(&mut out, 200, &[], &body)
        }
        // Not in the spec: a redirect to `to`, for the transports' redirect policy.
        ("GET", ["redirect"]) => {
            let to = req.param("to").unwrap_or_default();
            let extra = [("Location", to.as_str())];
            json(&mut out, 302, &extra, &problem("moved", 302))
        }
        ("GET", ["echo"]) => {
            let mut headers = serde_json::Map::new();
            for (k, v) in &req.headers {
                let joined = match headers.get(k).and_then(|e| e.as_str()) {
                    Some(prev) => format!("{prev}, {v}"),
                    None => v.clone(),
                };
                headers.insert(k.clone(), serde_json::Value::String(joined));
            }
            let body = serde_json::json!({
                "method": req.method, "path": req.path, "query": req.query, "headers": headers,
            });
            json(&mut out, 200, &[], &body)
        }
        _ => json(&mut out, 404, &[], &problem("not found", 404)),
    }
}

/// A page of `/events` (`key`: None) or `/keyed-events` (the API key, as sent): `page` and
/// `per_page` from the query, the next page in a `Link` header (with a `first` link for
/// `/events`, with the key for `/keyed-events`).
fn events(out: &mut TcpStream, req: &Request, port: u16, key: Option<&str>) -> std::io::Result<()> {
    let number = |name: &str, default: usize| -> usize {
        req.param(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
            .max(1)
    };
    let (page, per) = (number("page", 1), number("per_page", 10));
    let start = (page - 1) * per;
    let end = (start + per).min(ITEM_COUNT);
    let items: Vec<_> = (start.min(end)..end).map(item).collect();
    let origin = format!("http://127.0.0.1:{port}{BASE_PATH}");
    let next = page + 1;
    let link = (end < ITEM_COUNT).then(|| match key {
        None => format!(
            "<{origin}/events?page={next}&per_page={per}>; rel=\"next\", <{origin}/events?page=1&per_page={per}>; rel=\"first\""
        ),
        Some(key) => format!(
            "<{origin}/keyed-events?api_key={key}&page={next}&per_page={per}>; rel=\"next\""
        ),
    });
    let extra: Vec<(&str, &str)> = link
        .as_deref()
        .map(|l| vec![("Link", l)])
        .unwrap_or_default();
    json(out, 200, &extra, &serde_json::Value::Array(items))
}

/// Byte `i` of a `/download` answer.
pub fn download_byte(i: u64) -> u8 {
    ((i.wrapping_mul(31).wrapping_add(7)) % 251) as u8
}

fn item(i: usize) -> serde_json::Value {
    serde_json::json!({"id": i + 1, "label": format!("item {}", i + 1)})
}

fn problem(title: &str, status: u16) -> serde_json::Value {
    serde_json::json!({"title": title, "status": status})
}

fn json(
    out: &mut TcpStream,
    status: u16,
    extra: &[(&str, &str)],
    body: &serde_json::Value,
) -> std::io::Result<()> {
    let body = serde_json::to_vec(body).unwrap_or_default();
    let reason = match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(&body)?;
    out.flush()
}
