//! `application/problem+json` answers (RFC 9457) for requests the definition refuses: each
//! violation with its place in the request and the rule's place in the definition (file, line,
//! column, JSON pointer).

use oaskit_validator::{Report, Violation};
use serde_json::{json, Value};

use crate::answer::Answer;
use crate::definition::Definition;

/// A refusal.
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    pub status: u16,
    pub code: &'static str,
    pub title: String,
    pub detail: String,
    pub operation: Option<String>,
    pub violations: Vec<Value>,
    pub headers: Vec<(String, String)>,
}

impl Problem {
    pub(crate) fn new(status: u16, code: &'static str, title: &str, detail: String) -> Self {
        Self {
            status,
            code,
            title: title.to_string(),
            detail,
            operation: None,
            violations: Vec::new(),
            headers: Vec::new(),
        }
    }

    pub(crate) fn answer(&self) -> Answer {
        let mut body = json!({
            "type": format!("urn:oaskit:problem:{}", self.code),
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        });
        if let Some(op) = &self.operation {
            body["operation"] = json!(op);
        }
        if !self.violations.is_empty() {
            body["violations"] = Value::Array(self.violations.clone());
        }
        let mut a = Answer::json(self.status, &body, "application/problem+json");
        a.headers.extend(self.headers.iter().cloned());
        a
    }
}

/// One violation as JSON: code, place in the message, message, and the rule's place.
pub(crate) fn violation_json(def: &Definition, v: &Violation) -> Value {
    let mut out = json!({
        "code": v.code,
        "in": v.part.to_string(),
        "message": v.message,
    });
    if !v.rule.is_empty() {
        out["rule"] = json!(v.rule);
        if let Some(place) = def.place(&v.rule) {
            out["definition"] = place;
        }
    }
    out
}

/// Violations as the value of a header (`x-oaskit-violations`): a JSON array, non-ASCII
/// characters escaped as `\uXXXX`, at most 8 KiB (the violations that do not fit are left out
/// and counted in a last `{"omitted": N}` item).
pub(crate) fn violations_header(violations: &[Value]) -> String {
    const MAX: usize = 8 * 1024;
    let mut out = String::from("[");
    let mut kept = 0;
    for v in violations {
        let mut item = String::new();
        for c in v.to_string().chars() {
            if c.is_ascii() && !c.is_ascii_control() {
                item.push(c);
            } else {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    item.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        if out.len() + item.len() + 32 > MAX {
            break;
        }
        if kept > 0 {
            out.push(',');
        }
        out.push_str(&item);
        kept += 1;
    }
    if kept < violations.len() {
        if kept > 0 {
            out.push(',');
        }
        out.push_str(&format!("{{\"omitted\":{}}}", violations.len() - kept));
    }
    out.push(']');
    out
}

/// The status a refused request gets: 404 and 405 for routing, 401 for missing credentials,
/// 415 for a body type the operation does not take, 400 for what cannot be read, else 422.
fn status_of(code: &str) -> u16 {
    match code {
        "route-not-found" => 404,
        "method-not-allowed" => 405,
        "security-missing" => 401,
        "content-type-unsupported" | "content-type-missing" => 415,
        "body-malformed" | "param-malformed" | "body-too-large" => 400,
        _ => 422,
    }
}

fn rank(status: u16) -> u8 {
    match status {
        404 => 6,
        405 => 5,
        401 => 4,
        415 => 3,
        400 => 2,
        _ => 1,
    }
}

/// The problem for an invalid request's report.
pub(crate) fn from_report(def: &Definition, report: &Report) -> Problem {
    let status = report
        .violations
        .iter()
        .map(|v| status_of(v.code))
        .max_by_key(|s| rank(*s))
        .unwrap_or(400);
    let (code, title) = match status {
        404 => ("route-not-found", "Not Found"),
        405 => ("method-not-allowed", "Method Not Allowed"),
        401 => ("unauthorized", "Unauthorized"),
        415 => ("unsupported-media-type", "Unsupported Media Type"),
        400 => ("bad-request", "Bad Request"),
        _ => ("invalid-request", "Unprocessable Content"),
    };
    let mut p = Problem::new(
        status,
        code,
        title,
        format!(
            "the request breaks the definition: {} violation(s)",
            report.violations.len()
        ),
    );
    p.operation = report.operation.as_deref().map(str::to_string);
    p.violations = report
        .violations
        .iter()
        .map(|v| violation_json(def, v))
        .collect();
    if status == 405 {
        // "GET is not defined for "/x"; defined: GET, POST": the methods the path has.
        if let Some(allowed) = report
            .violations
            .iter()
            .find(|v| v.code == "method-not-allowed")
            .and_then(|v| v.message.rsplit_once("defined: "))
            .map(|(_, list)| list.replace("X-AMAZON-APIGATEWAY-ANY-METHOD", "*"))
        {
            p.headers.push(("allow".into(), allowed));
        }
    }
    if status == 401 {
        p.headers
            .push(("www-authenticate".into(), "Bearer, ApiKey".into()));
    }
    p
}
