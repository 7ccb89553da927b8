//! A response as the gateway builds it, before it becomes a hyper response.

use bytes::Bytes;
use serde_json::Value;

/// A response: status, headers in order, body.
#[derive(Clone, Debug, Default)]
pub(crate) struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Answer {
    pub(crate) fn new(status: u16) -> Self {
        Self {
            status,
            ..Self::default()
        }
    }

    pub(crate) fn json(status: u16, value: &Value, content_type: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: Bytes::from(value.to_string()),
        }
    }

    /// API Gateway's own error body: `{"message": "..."}`.
    pub(crate) fn message(status: u16, message: &str) -> Self {
        Self::json(
            status,
            &serde_json::json!({ "message": message }),
            "application/json",
        )
    }

    pub(crate) fn set_header(&mut self, name: &str, value: String) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value));
    }
}
