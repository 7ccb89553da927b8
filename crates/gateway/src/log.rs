//! The record logged for each request, its JSON line, and the request id.
//!
//! Both are written straight into one buffer (no `serde_json::Value` map per request): at one
//! connection, building the line through a map was a tenth of the server's CPU per request.

use std::time::Duration;

use serde_json::Value;

/// The log record of one request.
#[derive(Debug, Default)]
pub(crate) struct Log {
    pub operation: Option<String>,
    pub api_key: Option<String>,
    pub throttled: bool,
    pub cache_hit: bool,
    pub integration: &'static str,
    pub request_violations: Vec<Value>,
    pub response_violations: Vec<Value>,
    pub error: Option<String>,
    /// The answer is a mock already judged to conform (its response check is not repeated).
    pub conforms: bool,
}

/// What a log line says about the request besides the record.
pub(crate) struct Request<'a> {
    pub id: &'a str,
    pub method: &'a str,
    pub path: &'a str,
    pub status: u16,
    pub latency: Duration,
}

impl Log {
    /// The JSON line (no newline): request id, method, path, operation, status, latency in
    /// milliseconds (microsecond precision), API key, throttled, cache hit, integration, and
    /// the violations and error when there are any.
    pub fn line(&self, r: &Request<'_>) -> String {
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(b"{\"request_id\":");
        string(&mut out, r.id);
        out.extend_from_slice(b",\"method\":");
        string(&mut out, r.method);
        out.extend_from_slice(b",\"path\":");
        string(&mut out, r.path);
        out.extend_from_slice(b",\"operation\":");
        optional(&mut out, self.operation.as_deref());
        out.extend_from_slice(b",\"status\":");
        let _ = serde_json::to_writer(&mut out, &r.status);
        out.extend_from_slice(b",\"latency_ms\":");
        millis(&mut out, r.latency);
        out.extend_from_slice(b",\"api_key\":");
        optional(&mut out, self.api_key.as_deref());
        out.extend_from_slice(b",\"throttled\":");
        out.extend_from_slice(if self.throttled { b"true" } else { b"false" });
        out.extend_from_slice(b",\"cache_hit\":");
        out.extend_from_slice(if self.cache_hit { b"true" } else { b"false" });
        out.extend_from_slice(b",\"integration\":");
        string(&mut out, self.integration);
        if !self.request_violations.is_empty() {
            out.extend_from_slice(b",\"request_violations\":");
            let _ = serde_json::to_writer(&mut out, &self.request_violations);
        }
        if !self.response_violations.is_empty() {
            out.extend_from_slice(b",\"response_violations\":");
            let _ = serde_json::to_writer(&mut out, &self.response_violations);
        }
        if let Some(e) = &self.error {
            out.extend_from_slice(b",\"error\":");
            string(&mut out, e);
        }
        out.push(b'}');
        // Every piece above is UTF-8 (JSON text from serde_json and ASCII punctuation).
        String::from_utf8(out).unwrap_or_default()
    }
}

/// `s` as a JSON string. Writing into a Vec cannot fail (nor can the numbers and arrays of
/// JSON values written the same way above).
fn string(out: &mut Vec<u8>, s: &str) {
    let _ = serde_json::to_writer(out, s);
}

fn optional(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// `d` in milliseconds rounded to the microsecond, as the shortest JSON number that says so
/// (`1.235`, `0.04`, `3.0`), without going through floating point.
fn millis(out: &mut Vec<u8>, d: Duration) {
    let micros = (d.as_nanos() + 500) / 1000;
    let _ = serde_json::to_writer(&mut *out, &(micros / 1000));
    out.push(b'.');
    let mut frac = micros % 1000;
    if frac == 0 {
        out.push(b'0');
        return;
    }
    let mut digits = 3;
    while frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    for i in (0..digits).rev() {
        let d = (frac / 10u128.pow(i)) % 10;
        out.push(b'0' + u8::try_from(d).unwrap_or(0));
    }
}

/// The request id of the `n`th request at `secs` seconds since the epoch, shaped as a UUID
/// (version 4, variant 1): `SSSSSSSS-NNNN-4NNN-8NNN-NNNNNNNNNNNN` in lowercase hexadecimal,
/// the seconds' low 32 bits then the counter's 64 bits.
pub(crate) fn request_id(secs: u64, n: u64) -> String {
    let mut out = String::with_capacity(36);
    hex(&mut out, secs & 0xffff_ffff, 8);
    out.push('-');
    hex(&mut out, (n >> 48) & 0xffff, 4);
    out.push_str("-4");
    hex(&mut out, (n >> 36) & 0xfff, 3);
    out.push_str("-8");
    hex(&mut out, (n >> 24) & 0xfff, 3);
    out.push('-');
    hex(&mut out, n & 0xffff_ffff_ffff, 12);
    out
}

/// `v` as exactly `digits` lowercase hexadecimal digits (`v` fits in them).
fn hex(out: &mut String, v: u64, digits: u32) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for i in (0..digits).rev() {
        let d = (v >> (i * 4)) & 0xf;
        out.push(char::from(DIGITS[usize::try_from(d).unwrap_or(0)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn request_ids_are_the_formatted_counter() {
        for (secs, n) in [
            (0u64, 0u64),
            (0x1_2345_6789, 1),
            (u64::MAX, u64::MAX),
            (1_764_000_000, 0x0123_4567_89ab_cdef),
        ] {
            let expected = format!(
                "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                secs & 0xffff_ffff,
                (n >> 48) & 0xffff,
                (n >> 36) & 0xfff,
                (n >> 24) & 0xfff,
                n & 0xffff_ffff_ffff
            );
            assert_eq!(request_id(secs, n), expected);
        }
    }

    #[test]
    fn latencies_are_milliseconds_to_the_microsecond() {
        for (nanos, text) in [
            (0u64, "0.0"),
            (499, "0.0"),
            (500, "0.001"),
            (40_000, "0.04"),
            (1_234_567, "1.235"),
            (3_000_100, "3.0"),
            (12_300_000, "12.3"),
            (61_000_000_000, "61000.0"),
        ] {
            let mut out = Vec::new();
            millis(&mut out, Duration::from_nanos(nanos));
            assert_eq!(String::from_utf8(out).unwrap(), text, "{nanos} ns");
            let micros = (nanos as f64 / 1e3).round();
            assert_eq!(text.parse::<f64>().unwrap(), micros / 1e3, "{nanos} ns");
        }
    }

    #[test]
    fn the_line_is_the_record_as_json() {
        let log = Log {
            operation: Some("GET /pets \"all\"".into()),
            api_key: None,
            throttled: true,
            cache_hit: false,
            integration: "mock",
            request_violations: vec![json!("param-schema")],
            response_violations: Vec::new(),
            error: Some("line\nbreak".into()),
            conforms: false,
        };
        let line = log.line(&Request {
            id: "id",
            method: "GET",
            path: "/p\u{e9}ts",
            status: 404,
            latency: Duration::from_nanos(1_234_567),
        });
        assert!(!line.contains('\n'));
        let v: Value = serde_json::from_str(&line).expect("a JSON line");
        assert_eq!(
            v,
            json!({
                "request_id": "id", "method": "GET", "path": "/p\u{e9}ts",
                "operation": "GET /pets \"all\"", "status": 404, "latency_ms": 1.235,
                "api_key": null, "throttled": true, "cache_hit": false, "integration": "mock",
                "request_violations": ["param-schema"], "error": "line\nbreak",
            })
        );
        assert!(line.starts_with("{\"request_id\":\"id\",\"method\":\"GET\""));
    }
}
