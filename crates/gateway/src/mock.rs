//! Mock answers from the definition, as Stoplight Prism gives them: `Prefer: code=404` picks a
//! status, `Prefer: example=NAME` a named example, `Prefer: dynamic=true` random-but-valid
//! values; otherwise the first success response with its example, or a value generated
//! deterministically from its schema; declared headers; content negotiation on `Accept`.

use bytes::Bytes;
use oaskit_core::api::reference::follow;
use oaskit_core::Node;
use serde_json::Value;

use crate::answer::Answer;
use crate::definition::{Definition, Operation, ResponseSpec};
use crate::generate::{Chooser, Direction, Generator};
use crate::problem::Problem;

/// What a `Prefer` header asks of the mock.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prefer {
    pub code: Option<u16>,
    pub example: Option<String>,
    pub dynamic: bool,
}

impl Prefer {
    /// Reads every `Prefer` header (`code=404, example=cat, dynamic=true`).
    pub(crate) fn parse<'a>(values: impl Iterator<Item = &'a str>) -> Self {
        let mut p = Prefer::default();
        for v in values {
            for item in v.split([',', ';']) {
                let Some((k, val)) = item.split_once('=') else {
                    continue;
                };
                let val = val.trim().trim_matches('"');
                match k.trim().to_ascii_lowercase().as_str() {
                    "code" => p.code = val.parse().ok(),
                    "example" => p.example = Some(val.to_string()),
                    "dynamic" => p.dynamic = val.eq_ignore_ascii_case("true"),
                    _ => {}
                }
            }
        }
        p
    }
}

/// Whether a media type is JSON (`application/json`, `application/problem+json`, ...).
pub(crate) fn is_json(m: &str) -> bool {
    let e = m
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    e == "application/json"
        || e.ends_with("+json")
        || e.ends_with("/json")
        || e == "*/*"
        || e == "application/*"
}

/// The response the mock gives without `Prefer: code`: the lowest success status, a `2XX`
/// range (as 200), `default` (as 200), else the lowest other status.
pub(crate) fn default_response(op: &Operation) -> Option<(u16, &ResponseSpec)> {
    use oaskit_core::api::StatusMatch;
    let exact = |lo: u16, hi: u16| {
        op.responses
            .iter()
            .filter_map(|r| match r.status {
                StatusMatch::Exact(s) if (lo..=hi).contains(&s) => Some((s, r)),
                _ => None,
            })
            .min_by_key(|(s, _)| *s)
    };
    exact(200, 299)
        .or_else(|| {
            op.responses
                .iter()
                .find(|r| r.status == StatusMatch::Range(200, 299))
                .map(|r| (200, r))
        })
        .or_else(|| {
            op.responses
                .iter()
                .find(|r| r.status == StatusMatch::Default)
                .map(|r| (200, r))
        })
        // 1xx statuses are not answers a mock can give (101 needs a protocol switch).
        .or_else(|| exact(200, 599))
        .or_else(|| {
            op.responses.iter().find_map(|r| match r.status {
                StatusMatch::Range(lo, _) if lo >= 200 => Some((lo, r)),
                _ => None,
            })
        })
}

/// The concrete type sent for a declared media type or range.
fn concrete(m: &str) -> String {
    let e = m
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match e.as_str() {
        "*/*" | "application/*" => "application/json".into(),
        "text/*" => "text/plain".into(),
        _ if e.ends_with("/*") => format!("{}octet-stream", e.trim_end_matches('*')),
        _ => m.to_string(),
    }
}

/// A value as a header: strings as they are, arrays comma-separated, objects as `k,v` pairs
/// (`simple` style, not exploded).
fn header_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(a) => a.iter().map(header_text).collect::<Vec<_>>().join(","),
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, v)| [k.clone(), header_text(v)])
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    }
}

fn xml(name: &str, v: &Value, out: &mut String) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let k: String = k
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                xml(if k.is_empty() { "field" } else { &k }, x, out);
            }
        }
        Value::Array(a) => {
            for x in a {
                xml("item", x, out);
            }
        }
        Value::String(s) => {
            for c in s.chars() {
                match c {
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    c => out.push(c),
                }
            }
        }
        Value::Null => {}
        other => out.push_str(&other.to_string()),
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// A body of `media_type` carrying `v`.
pub(crate) fn serialize(media_type: &str, v: &Value) -> Bytes {
    let e = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if is_json(&e) {
        return Bytes::from(v.to_string());
    }
    if e == "application/x-www-form-urlencoded" {
        let pairs: Vec<String> = match v {
            Value::Object(m) => m
                .iter()
                .map(|(k, x)| format!("{}={}", encode(k), encode(&header_text(x))))
                .collect(),
            other => vec![encode(&header_text(other))],
        };
        return Bytes::from(pairs.join("&"));
    }
    if e.ends_with("/xml") || e.ends_with("+xml") {
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml("root", v, &mut s);
        return Bytes::from(s);
    }
    match v {
        Value::String(s) => Bytes::from(s.clone()),
        Value::Null => Bytes::new(),
        other => Bytes::from(other.to_string()),
    }
}

fn encode(s: &str) -> String {
    oaskit_core::percent_encode(s, b"-._~")
}

/// The value of a named example of a media type (`examples.NAME.value`, references followed).
fn named_example<'a>(root: &'a Node, media: &'a Node, name: &str) -> Option<&'a Node> {
    let ex = media.get("examples")?.get(name)?;
    follow(root, ex, "").node.get("value")
}

fn first_example<'a>(root: &'a Node, media: &'a Node) -> Option<&'a Node> {
    if let Some(x) = media.get("example") {
        return Some(x);
    }
    let m = media.get("examples")?.as_object()?;
    m.iter()
        .find_map(|(_, ex)| follow(root, ex, "").node.get("value"))
}

/// The mock's answer for `op`, or the problem with the request's preferences.
pub(crate) fn respond(
    def: &Definition,
    op: &Operation,
    prefer: &Prefer,
    accept: Option<&str>,
    seed: u64,
    head: bool,
    examples: bool,
) -> Result<Answer, Box<Problem>> {
    let Some(root) = def.root() else {
        return Ok(Answer::new(200));
    };
    let chosen = match prefer.code {
        Some(code) => {
            oaskit_core::api::StatusMatch::select(op.responses.iter(), code, |r| r.status)
                .map(|r| (code, r))
                .ok_or_else(|| {
                    let declared: Vec<&str> = op.responses.iter().map(|r| r.key.as_str()).collect();
                    Box::new(Problem::new(
                        400,
                        "prefer-code-undeclared",
                        "Bad Request",
                        format!(
                            "Prefer: code={code}, but {} declares {}",
                            op.label,
                            declared.join(", ")
                        ),
                    ))
                })?
        }
        None => match default_response(op) {
            Some(x) => x,
            None => return Ok(Answer::new(if op.method == "POST" { 201 } else { 200 })),
        },
    };
    let (status, resp) = chosen;
    let mut answer = Answer::new(status);
    let chooser = |seed: u64| {
        if prefer.dynamic {
            Chooser::random(seed)
        } else {
            Chooser::Fixed
        }
    };
    for (i, h) in resp.headers.iter().enumerate() {
        let node = root.pointer(&h.pointer);
        let example = node
            .filter(|_| examples)
            .and_then(|n| first_example(root, n))
            .map(Node::to_json);
        let value = example.or_else(|| {
            let s = root.pointer(h.schema.as_deref()?)?;
            Some(
                Generator::new(root, Direction::Response, chooser(seed ^ (i as u64 + 1)))
                    .with_examples(examples)
                    .value(s),
            )
        });
        if let Some(v) = value {
            let text = header_text(&v);
            if http::HeaderValue::from_str(&text).is_ok()
                && http::HeaderName::try_from(h.name.as_str()).is_ok()
            {
                answer.headers.push((h.name.clone(), text));
            }
        }
    }
    if resp.content.is_empty() || status == 204 || status == 304 {
        return Ok(answer);
    }
    let names: Vec<&str> = resp.content.iter().map(|m| m.name.as_str()).collect();
    let Some(i) = crate::negotiate::choose(&names, accept) else {
        let mut p = Problem::new(
            406,
            "not-acceptable",
            "Not Acceptable",
            format!(
                "Accept: {} matches none of {}",
                accept.unwrap_or(""),
                names.join(", ")
            ),
        );
        p.operation = Some(op.label.clone());
        return Err(Box::new(p));
    };
    let media = &resp.content[i];
    let media_node = root.pointer(&media.pointer);
    let value = match (&prefer.example, media_node) {
        (Some(name), Some(m)) => match named_example(root, m, name) {
            Some(x) => Some(x.to_json()),
            None => {
                let available: Vec<String> = m
                    .get("examples")
                    .and_then(Node::as_object)
                    .map(|e| e.iter().map(|(k, _)| k.to_string()).collect())
                    .unwrap_or_default();
                return Err(Box::new(Problem::new(
                    404,
                    "prefer-example-unknown",
                    "Not Found",
                    format!(
                        "Prefer: example={name}, but the {} response of {} has {}",
                        resp.key,
                        op.label,
                        if available.is_empty() {
                            "no named examples".to_string()
                        } else {
                            format!("the examples {}", available.join(", "))
                        }
                    ),
                )));
            }
        },
        (None, Some(m)) if !prefer.dynamic && examples => first_example(root, m).map(Node::to_json),
        _ => None,
    };
    let value = value.or_else(|| {
        let s = root.pointer(media.schema.as_deref()?)?;
        Some(
            Generator::new(root, Direction::Response, chooser(seed))
                .with_examples(examples)
                .value(s),
        )
    });
    let content_type = concrete(&media.name);
    let body = match value {
        Some(v) => serialize(&content_type, &v),
        None if is_json(&content_type) => Bytes::from_static(b"{}"),
        None => Bytes::new(),
    };
    answer.headers.push(("content-type".into(), content_type));
    if !head {
        answer.body = body;
    }
    Ok(answer)
}
