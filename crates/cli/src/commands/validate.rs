//! `oaskit validate request|response|har`.

use std::fmt::Write as _;
use std::io::Read;

use oaskit_core::LoadOptions;
use oaskit_validator::{Options, Report, Request, Response, Validator};
use serde_json::{json, Value};

use crate::args::{
    ReportFormat, ValidateCommand, ValidateCommon, ValidateHarArgs, ValidateMessageArgs,
};
use crate::render::sanitize;

/// The largest body or HAR file read: as large as a definition may be.
fn max_input_bytes() -> usize {
    oaskit_core::Limits::default().max_file_bytes
}

pub(crate) fn run(cmd: &ValidateCommand) -> u8 {
    match cmd {
        ValidateCommand::Request(a) => message(a, false),
        ValidateCommand::Response(a) => message(a, true),
        ValidateCommand::Har(a) => har(a),
    }
}

/// Loads the definition and builds the validator; prints problems and returns exit code 2 on failure.
fn build(common: &ValidateCommon) -> Result<(oaskit_core::Loaded, Validator), u8> {
    let loaded = super::load(&common.source, LoadOptions::new()).map_err(|e| {
        eprintln!("error: {e}");
        2u8
    })?;
    if loaded.document.is_none() || (loaded.has_errors() && !common.force) {
        super::report(&loaded, ReportFormat::Human, false);
        eprintln!(
            "error: the definition is not usable for validation{}",
            if loaded.document.is_some() {
                " (--force validates despite its errors)"
            } else {
                ""
            }
        );
        return Err(2);
    }
    if loaded.has_errors() {
        // --force: the errors are still shown, then validation goes on.
        super::report(&loaded, ReportFormat::Human, false);
    }
    // Only the operations a capture touches are compiled.
    let opts = Options::new()
        .with_gateway_validators(common.gateway)
        .with_lazy_compilation(true);
    let built = match (&loaded.document, common.force) {
        (Some(doc), true) => Validator::with_options(doc, &opts),
        _ => Validator::from_loaded(&loaded, &opts),
    };
    match built {
        Ok(v) => Ok((loaded, v)),
        Err(e) => {
            eprintln!("error: {e}");
            Err(2)
        }
    }
}

fn parse_headers(list: &[String]) -> Result<Vec<(String, String)>, String> {
    list.iter()
        .map(|h| {
            h.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| format!("header {h:?} is not `Name: value`"))
        })
        .collect()
}

fn read_body(arg: Option<&str>) -> Result<Vec<u8>, String> {
    match arg {
        None => Ok(Vec::new()),
        Some("-") => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(b)
        }
        Some(path) => oaskit_core::read_regular_file(path.as_ref(), max_input_bytes())
            .map_err(|e| format!("cannot read {path}: {e}")),
    }
}

fn report_json(r: &Report) -> Value {
    json!({
        "operation": r.operation.as_deref(),
        "valid": r.is_valid(),
        "violations": r.violations.iter().map(|v| json!({
            "code": v.code,
            "part": v.part.to_string(),
            "message": v.message,
            "rule": v.rule,
            "rule_at": v.rule_at,
        })).collect::<Vec<_>>(),
    })
}

fn report_human(r: &Report) -> String {
    let mut out = String::new();
    let op = r.operation.as_deref().unwrap_or("(no operation)");
    if r.is_valid() {
        let _ = writeln!(out, "valid: {op}");
        return out;
    }
    let _ = writeln!(out, "invalid: {op}: {} violation(s)", r.violations.len());
    for v in &r.violations {
        let _ = writeln!(
            out,
            "  [{}] {}: {}",
            v.code,
            sanitize(&v.part.to_string()),
            sanitize(&v.message)
        );
        if !v.rule.is_empty() {
            let at = v
                .rule_at
                .as_deref()
                .map(|a| format!(" ({})", sanitize(a)))
                .unwrap_or_default();
            let _ = writeln!(out, "      rule {}{at}", sanitize(&v.rule));
        }
    }
    out
}

fn message(a: &ValidateMessageArgs, response: bool) -> u8 {
    let headers = match parse_headers(&a.headers) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let body = match read_body(a.body.as_deref()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let (loaded, v) = match build(&a.common) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let report = if response {
        let Some(status) = a.status else {
            eprintln!("error: `validate response` needs --status");
            return 2;
        };
        v.validate_response(
            &a.method,
            &a.url,
            &Response {
                status,
                headers,
                body,
            },
        )
    } else {
        v.validate_request(&Request {
            method: a.method.clone(),
            url: a.url.clone(),
            headers,
            body,
        })
    };
    let report = report.with_locations(&loaded);
    match a.common.format {
        ReportFormat::Human | ReportFormat::Github => print!("{}", report_human(&report)),
        ReportFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report_json(&report)).unwrap_or_default()
        ),
    }
    u8::from(!report.is_valid())
}

/// Decodes standard base64 (HAR bodies may be encoded).
/// Decodes standard or URL-safe base64, padded or not; `=` only at the end, at most two of
/// them, and never a lone leftover character.
fn base64(s: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    let body_len = clean.iter().rposition(|&c| c != b'=').map_or(0, |i| i + 1);
    let padding = clean.len() - body_len;
    if padding > 2 || (padding > 0 && clean.len() % 4 != 0) || body_len % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut buf = 0u32;
    let mut bits = 0;
    for &c in &clean[..body_len] {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        buf = (buf << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    Some(out)
}

fn har_headers(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|h| {
                    Some((
                        h.get("name")?.as_str()?.to_string(),
                        h.get("value")?.as_str()?.to_string(),
                    ))
                })
                // HTTP/2 pseudo-headers are not headers of the message.
                .filter(|(k, _)| !k.starts_with(':'))
                .collect()
        })
        .unwrap_or_default()
}

/// The body of a HAR entry; a body marked base64 that is not base64 is an error, never an
/// empty body that could pass.
fn har_body(text: Option<&Value>, encoding: Option<&Value>) -> Result<Vec<u8>, String> {
    let Some(t) = text.and_then(Value::as_str) else {
        return Ok(Vec::new());
    };
    match encoding.and_then(Value::as_str) {
        Some(e) if e.eq_ignore_ascii_case("base64") => {
            base64(t).ok_or_else(|| "the body is marked base64 but is not valid base64".into())
        }
        None | Some("") => Ok(t.as_bytes().to_vec()),
        Some(other) => Err(format!(
            "the body has the encoding {:?}, which oaskit does not decode",
            sanitize(other)
        )),
    }
}

fn har(a: &ValidateHarArgs) -> u8 {
    let bytes = match oaskit_core::read_regular_file(&a.har, max_input_bytes()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", a.har.display());
            return 2;
        }
    };
    let (loaded, v) = match build(&a.common) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // Entries are validated as they are read, one at a time: a capture of 100,000 entries is
    // never held as one tree, and per-entry results are kept only for JSON output.
    let keep_results = a.common.format == ReportFormat::Json;
    let mut results = Vec::new();
    let (mut invalid, mut unrouted, mut count) = (0usize, 0usize, 0usize);
    let mut human = String::new();
    let mut handle = |e: Value| {
        let i = count;
        count += 1;
        let method = e
            .pointer("/request/method")
            .and_then(Value::as_str)
            .unwrap_or("GET")
            .to_string();
        let url = e
            .pointer("/request/url")
            .and_then(Value::as_str)
            .unwrap_or("/")
            .to_string();
        let bodies = (
            har_body(
                e.pointer("/request/postData/text"),
                e.pointer("/request/postData/encoding"),
            ),
            har_body(
                e.pointer("/response/content/text"),
                e.pointer("/response/content/encoding"),
            ),
        );
        let (req_body, resp_body) = match bodies {
            (Ok(a), Ok(b)) => (a, b),
            (Err(why), _) | (_, Err(why)) => {
                invalid += 1;
                let _ = writeln!(
                    human,
                    "#{i} BAD {} {}\n   entry {why}",
                    sanitize(&method),
                    sanitize(&url)
                );
                if keep_results {
                    results.push(json!({"index": i, "method": method, "url": url, "error": why}));
                }
                return;
            }
        };
        let req = Request {
            method: method.clone(),
            url: url.clone(),
            headers: har_headers(&e["request"]["headers"]),
            body: req_body,
        };
        let rq = v.validate_request(&req).with_locations(&loaded);
        let status = e
            .pointer("/response/status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok());
        let rs = status.filter(|s| *s > 0).map(|status| {
            let resp = Response {
                status,
                headers: har_headers(&e["response"]["headers"]),
                body: resp_body,
            };
            v.validate_response(&method, &url, &resp)
                .with_locations(&loaded)
        });
        if rq.operation.is_none() {
            unrouted += 1;
        }
        let ok = rq.is_valid() && rs.as_ref().is_none_or(Report::is_valid);
        if !ok {
            invalid += 1;
        }
        let _ = writeln!(
            human,
            "#{i} {} {} {}",
            if ok { "ok " } else { "BAD" },
            sanitize(&method),
            sanitize(&url)
        );
        if !rq.is_valid() {
            for line in report_human(&rq).lines().skip(1) {
                let _ = writeln!(human, "   request {}", line.trim_start());
            }
        }
        if let Some(r) = rs.as_ref().filter(|r| !r.is_valid()) {
            for line in report_human(r).lines().skip(1) {
                let _ = writeln!(human, "   response {}", line.trim_start());
            }
        }
        if keep_results {
            results.push(json!({"index": i, "method": method, "url": url, "request": report_json(&rq), "response": rs.as_ref().map(report_json)}));
        }
    };
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    let found = har_entries(&mut de, &mut handle).and_then(|found| de.end().map(|()| found));
    match found {
        Ok(true) => {}
        Ok(false) => {
            eprintln!("error: {} has no log.entries", a.har.display());
            return 2;
        }
        Err(e) => {
            eprintln!("error: {} is not a HAR file (JSON): {e}", a.har.display());
            return 2;
        }
    }
    let summary = json!({"entries": count, "invalid": invalid, "unrouted": unrouted});
    match a.common.format {
        ReportFormat::Human | ReportFormat::Github => {
            print!("{human}");
            println!(
                "{} entries: {} valid, {invalid} invalid ({unrouted} matched no operation)",
                count,
                count - invalid
            );
        }
        ReportFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&json!({"entries": results, "summary": summary}))
                .unwrap_or_default()
        ),
    }
    u8::from(invalid > 0)
}

/// Reads `{"log": {"entries": [...]}}` and hands each entry to `f` as it is parsed; other
/// members are skipped without being kept. `Ok(false)` when there is no `log.entries` list.
fn har_entries<'de, D: serde::Deserializer<'de>>(
    de: D,
    f: &mut dyn FnMut(Value),
) -> Result<bool, D::Error> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    /// Which level of the HAR the visitor stands at.
    #[derive(Clone, Copy)]
    enum Level {
        Root,
        Log,
        Entries,
    }
    struct Walk<'f> {
        level: Level,
        f: &'f mut dyn FnMut(Value),
    }
    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = bool;
        fn deserialize<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<bool, D2::Error> {
            match self.level {
                Level::Entries => d.deserialize_seq(self),
                _ => d.deserialize_map(self),
            }
        }
    }
    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = bool;
        fn expecting(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
            out.write_str(match self.level {
                Level::Root => "a HAR object with `log`",
                Level::Log => "a `log` object with `entries`",
                Level::Entries => "a list of entries",
            })
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let (want, next) = match self.level {
                Level::Root => ("log", Level::Log),
                _ => ("entries", Level::Entries),
            };
            let mut found = false;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == want && !found {
                    found = map.next_value_seed(Walk {
                        level: next,
                        f: &mut *self.f,
                    })?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
            while let Some(entry) = seq.next_element::<Value>()? {
                (self.f)(entry);
            }
            Ok(true)
        }
    }
    Walk {
        level: Level::Root,
        f,
    }
    .deserialize(de)
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_decodes() {
        assert_eq!(super::base64("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(super::base64("aGk").as_deref(), Some(&b"hi"[..]));
        assert!(super::base64("a*b").is_none());
        for bad in ["e3=0", "a", "abcde", "ab===", "=abc", "ab=c", "abc=="] {
            assert!(super::base64(bad).is_none(), "{bad}");
        }
        assert_eq!(super::base64("aGk=").as_deref(), Some(&b"hi"[..]));
        assert_eq!(super::base64("").as_deref(), Some(&b""[..]));
    }
}
