//! HAR captures (HTTP Archive 1.2, as browsers and proxies save them): entries are read one at
//! a time, so a capture of 100,000 exchanges is never held as one tree.

use serde_json::Value;

use crate::{Request, Response};

/// One entry of a capture.
#[derive(Clone, Debug)]
pub enum Entry {
    /// A request and, when the capture has one (status above 0), its response.
    Exchange {
        /// The entry's position in `log.entries`.
        index: usize,
        /// The request.
        request: Request,
        /// The response.
        response: Option<Response>,
    },
    /// An entry whose bodies cannot be decoded (never an empty body that could pass).
    Unreadable {
        /// The entry's position in `log.entries`.
        index: usize,
        /// The request's method, as captured.
        method: String,
        /// The request's URL, as captured.
        url: String,
        /// Why, such as "the body is marked base64 but is not valid base64".
        why: String,
    },
}

/// Why a capture could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HarError {
    /// The JSON is malformed (the message says where).
    NotJson(String),
    /// The JSON has no `log.entries` list.
    NoEntries,
}

impl std::fmt::Display for HarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HarError::NotJson(e) => write!(f, "is not a HAR file (JSON): {e}"),
            HarError::NoEntries => f.write_str("has no log.entries"),
        }
    }
}

impl std::error::Error for HarError {}

/// Reads a capture and hands each entry to `f` as it is parsed; other members are skipped
/// without being kept.
///
/// # Errors
/// When the text is not JSON or has no `log.entries` list (entries before the error were
/// handed over already).
pub fn for_each_entry(bytes: &[u8], mut f: impl FnMut(Entry)) -> Result<(), HarError> {
    let mut count = 0usize;
    let mut handle = |e: Value| {
        f(entry(count, &e));
        count += 1;
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match entries(&mut de, &mut handle).and_then(|found| de.end().map(|()| found)) {
        Ok(true) => Ok(()),
        Ok(false) => Err(HarError::NoEntries),
        Err(e) => Err(HarError::NotJson(e.to_string())),
    }
}

fn entry(index: usize, e: &Value) -> Entry {
    let text = |p: &str, default: &str| {
        e.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or(default)
            .to_string()
    };
    let method = text("/request/method", "GET");
    let url = text("/request/url", "/");
    let bodies = (
        body(
            e.pointer("/request/postData/text"),
            e.pointer("/request/postData/encoding"),
        ),
        body(
            e.pointer("/response/content/text"),
            e.pointer("/response/content/encoding"),
        ),
    );
    let (req_body, resp_body) = match bodies {
        (Ok(a), Ok(b)) => (a, b),
        (Err(why), _) | (_, Err(why)) => {
            return Entry::Unreadable {
                index,
                method,
                url,
                why,
            }
        }
    };
    let status = e
        .pointer("/response/status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| *s > 0);
    Entry::Exchange {
        index,
        request: Request {
            method,
            url,
            headers: headers(&e["request"]["headers"]),
            body: req_body,
        },
        response: status.map(|status| Response {
            status,
            headers: headers(&e["response"]["headers"]),
            body: resp_body,
        }),
    }
}

fn headers(v: &Value) -> Vec<(String, String)> {
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

/// The body of a HAR entry; a body marked base64 that is not base64 is an error.
fn body(text: Option<&Value>, encoding: Option<&Value>) -> Result<Vec<u8>, String> {
    let Some(t) = text.and_then(Value::as_str) else {
        return Ok(Vec::new());
    };
    match encoding.and_then(Value::as_str) {
        Some(e) if e.eq_ignore_ascii_case("base64") => {
            base64(t).ok_or_else(|| "the body is marked base64 but is not valid base64".into())
        }
        None | Some("") => Ok(t.as_bytes().to_vec()),
        Some(other) => {
            let shown: String = other.chars().take(40).collect();
            Err(format!(
                "the body has the encoding {shown:?}, which oaskit does not decode"
            ))
        }
    }
}

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

/// Reads `{"log": {"entries": [...]}}`, handing each entry to `f`. `Ok(false)` when there is
/// no `log.entries` list.
fn entries<'de, D: serde::Deserializer<'de>>(
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
    use super::*;

    #[test]
    fn base64_decodes() {
        assert_eq!(base64("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64("aGk").as_deref(), Some(&b"hi"[..]));
        assert!(base64("a*b").is_none());
        for bad in ["e3=0", "a", "abcde", "ab===", "=abc", "ab=c", "abc=="] {
            assert!(base64(bad).is_none(), "{bad}");
        }
        assert_eq!(base64("aGk=").as_deref(), Some(&b"hi"[..]));
        assert_eq!(base64("").as_deref(), Some(&b""[..]));
    }

    #[test]
    fn entries_stream_and_bad_bodies_are_named() {
        let har = br#"{"log": {"version": "1.2", "entries": [
            {"request": {"method": "POST", "url": "/a", "headers": [{"name": ":authority", "value": "x"}, {"name": "a", "value": "1"}],
                         "postData": {"text": "aGk=", "encoding": "base64"}},
             "response": {"status": 200, "headers": [], "content": {"text": "{}"}}},
            {"request": {"method": "GET", "url": "/b"}, "response": {"status": 0}},
            {"request": {"method": "PUT", "url": "/c", "postData": {"text": "%%", "encoding": "base64"}}}
        ]}}"#;
        let mut seen = Vec::new();
        for_each_entry(har, |e| seen.push(e)).unwrap();
        assert_eq!(seen.len(), 3);
        let Entry::Exchange {
            request, response, ..
        } = &seen[0]
        else {
            panic!()
        };
        assert_eq!(
            (request.body.as_slice(), request.headers.len()),
            (&b"hi"[..], 1)
        );
        assert_eq!(response.as_ref().unwrap().status, 200);
        assert!(matches!(&seen[1], Entry::Exchange { response: None, .. }));
        assert!(
            matches!(&seen[2], Entry::Unreadable { index: 2, why, .. } if why.contains("base64"))
        );
        assert_eq!(
            for_each_entry(b"{\"log\": {}}", |_| {}),
            Err(HarError::NoEntries)
        );
        assert!(matches!(
            for_each_entry(b"{\"log\": ", |_| {}),
            Err(HarError::NotJson(_))
        ));
    }
}
