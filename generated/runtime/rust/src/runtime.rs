//! Serialization helpers of the generated client (the `oaskit` runtime, kept in the crate).
// Not every API needs every helper.
#![allow(dead_code)]

use serde_json::Value;

/// What can go wrong with a call.
#[derive(Debug)]
pub enum Error {
    /// The request could not be sent or the response not read.
    Request(reqwest::Error),
    /// A documented response whose body did not decode.
    Decode {
        /// The status.
        status: u16,
        /// The raw body.
        body: Vec<u8>,
        /// Why it did not decode.
        source: serde_json::Error,
    },
    /// A status the definition does not document: everything is kept.
    UnexpectedStatus {
        /// The status.
        status: u16,
        /// The headers.
        headers: reqwest::header::HeaderMap,
        /// The raw body.
        body: Vec<u8>,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Request(e) => write!(f, "request failed: {e}"),
            Self::Decode { status, source, .. } => {
                write!(f, "cannot decode the {status} response: {source}")
            }
            Self::UnexpectedStatus { status, .. } => write!(f, "undocumented status {status}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        Self::Request(e)
    }
}

const UNRESERVED: &[u8] = b"-._~";

/// Percent-encodes everything but unreserved characters.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || UNRESERVED.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A value as a serde_json Value (parameters of any type serialize through this).
pub(crate) fn value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// A path parameter by style (`simple`, `label`, `matrix`) and explode.
pub(crate) fn path_param(name: &str, v: &Value, style: &str, explode: bool) -> String {
    let (prefix, sep) = match style {
        "label" => (".".to_string(), if explode { "." } else { "," }),
        "matrix" => (format!(";{name}="), if explode { ";" } else { "," }),
        _ => (String::new(), ","),
    };
    match v {
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| encode(&scalar(i))).collect();
            if style == "matrix" && explode {
                parts.iter().map(|p| format!(";{name}={p}")).collect()
            } else {
                format!("{prefix}{}", parts.join(sep))
            }
        }
        Value::Object(m) => {
            let parts: Vec<String> = if explode {
                m.iter()
                    .map(|(k, x)| format!("{}={}", encode(k), encode(&scalar(x))))
                    .collect()
            } else {
                m.iter()
                    .flat_map(|(k, x)| [encode(k), encode(&scalar(x))])
                    .collect()
            };
            if style == "matrix" && explode {
                parts.iter().map(|p| format!(";{p}")).collect()
            } else {
                format!("{prefix}{}", parts.join(sep))
            }
        }
        other => format!("{prefix}{}", encode(&scalar(other))),
    }
}

/// Query pairs for a parameter by style (`form`, `spaceDelimited`, `pipeDelimited`, `deepObject`).
pub(crate) fn query_param(
    name: &str,
    v: &Value,
    style: &str,
    explode: bool,
    out: &mut Vec<(String, String)>,
) {
    match v {
        Value::Null => {}
        Value::Array(items) if style == "form" && explode => {
            out.extend(items.iter().map(|i| (name.to_string(), scalar(i))));
        }
        Value::Array(items) => {
            let sep = match style {
                "spaceDelimited" => " ",
                "pipeDelimited" => "|",
                _ => ",",
            };
            out.push((
                name.to_string(),
                items.iter().map(scalar).collect::<Vec<_>>().join(sep),
            ));
        }
        Value::Object(m) if style == "deepObject" => {
            out.extend(m.iter().map(|(k, x)| (format!("{name}[{k}]"), scalar(x))));
        }
        Value::Object(m) if explode => out.extend(m.iter().map(|(k, x)| (k.clone(), scalar(x)))),
        Value::Object(m) => {
            let flat: Vec<String> = m.iter().flat_map(|(k, x)| [k.clone(), scalar(x)]).collect();
            out.push((name.to_string(), flat.join(",")));
        }
        other => out.push((name.to_string(), scalar(other))),
    }
}

/// A header or cookie value (`simple` / `form` without explode).
pub(crate) fn header_value(v: &Value) -> String {
    match v {
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(","),
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, x)| [k.clone(), scalar(x)])
            .collect::<Vec<_>>()
            .join(","),
        other => scalar(other),
    }
}

/// `application/x-www-form-urlencoded` from an object.
pub(crate) fn form(v: &Value) -> String {
    let mut pairs = Vec::new();
    if let Value::Object(m) = v {
        for (k, x) in m {
            query_param(k, x, "form", true, &mut pairs);
        }
    }
    pairs
        .iter()
        .map(|(k, x)| format!("{}={}", encode(k), encode(x)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `multipart/form-data` from an object: (content type with boundary, body).
pub(crate) fn multipart(v: &Value) -> (String, Vec<u8>) {
    let boundary = "oaskit-boundary-7d1f3b9e";
    let mut body = Vec::new();
    if let Value::Object(m) = v {
        for (k, x) in m {
            let items: Vec<&Value> = match x {
                Value::Array(a) => a.iter().collect(),
                other => vec![other],
            };
            for item in items {
                let (ct, text) = match item {
                    Value::Object(_) | Value::Array(_) => ("application/json", item.to_string()),
                    other => ("text/plain", scalar(other)),
                };
                let name = k.replace(['"', '\r', '\n'], "_");
                body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\nContent-Type: {ct}\r\n\r\n").as_bytes());
                body.extend_from_slice(text.as_bytes());
                body.extend_from_slice(b"\r\n");
            }
        }
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Decodes a JSON body of a documented response.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    let bytes = if body.is_empty() {
        b"null".as_slice()
    } else {
        body
    };
    serde_json::from_slice(bytes).map_err(|source| Error::Decode {
        status,
        body: body.to_vec(),
        source,
    })
}
