//! The text functions behind `$util`, as the Java libraries API Gateway relies on answer them.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// `$util.escapeJavaScript`: Apache Commons Lang's `StringEscapeUtils.escapeJavaScript`.
/// Quotes (both kinds), backslash and `/` get a backslash; control characters their short
/// escape or `\u00XX`; every UTF-16 unit above 0x7F becomes `\uXXXX` (upper-case hex).
pub(crate) fn escape_javascript(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut units = [0u16; 2];
    for c in s.chars() {
        for &u in c.encode_utf16(&mut units).iter() {
            match u {
                0x08 => out.push_str("\\b"),
                0x0A => out.push_str("\\n"),
                0x09 => out.push_str("\\t"),
                0x0C => out.push_str("\\f"),
                0x0D => out.push_str("\\r"),
                0x27 => out.push_str("\\'"),
                0x22 => out.push_str("\\\""),
                0x5C => out.push_str("\\\\"),
                0x2F => out.push_str("\\/"),
                0..=0x1F | 0x80.. => out.push_str(&format!("\\u{u:04X}")),
                _ => out.push(char::from(u as u8)),
            }
        }
    }
    out
}

/// `$util.urlEncode`: `URLEncoder.encode(s, "UTF-8")`, the form encoding (space as `+`).
pub(crate) fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `$util.urlDecode`: `URLDecoder.decode(s, "UTF-8")`; a `%` not followed by two hex digits
/// is an error, as in Java.
pub(crate) fn url_decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = s
                    .get(i + 1..i + 3)
                    .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()));
                let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) else {
                    return Err(format!("URLDecoder: illegal escape at offset {i}"));
                };
                out.push(v);
                i += 3;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// `$util.base64Encode`: standard alphabet with padding, of the UTF-8 bytes.
pub(crate) fn base64_encode(s: &str) -> String {
    STANDARD.encode(s.as_bytes())
}

/// `$util.base64Decode`: the decoded bytes read as UTF-8 (padding optional).
pub(crate) fn base64_decode(s: &str) -> Result<String, String> {
    let engine = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    engine
        .decode(s.trim().as_bytes())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|e| format!("invalid base64: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_javascript_follows_commons_lang() {
        assert_eq!(escape_javascript(r#"it's "x" \ /"#), r#"it\'s \"x\" \\ \/"#);
        assert_eq!(escape_javascript("a\nb\tc\u{1}"), "a\\nb\\tc\\u0001");
        assert_eq!(escape_javascript("é€😀"), "\\u00E9\\u20AC\\uD83D\\uDE00");
    }

    #[test]
    fn url_coding_is_the_form_encoding() {
        assert_eq!(url_encode("x=a+b c/é*"), "x%3Da%2Bb+c%2F%C3%A9*");
        assert_eq!(url_decode("x%3Da+b%2Fc").as_deref(), Ok("x=a b/c"));
        assert!(url_decode("50%").is_err());
        assert!(url_decode("%zz").is_err());
    }

    #[test]
    fn base64_round_trips_utf8() {
        assert_eq!(base64_encode("héllo"), "aMOpbGxv");
        assert_eq!(base64_decode("aMOpbGxv").as_deref(), Ok("héllo"));
        assert_eq!(base64_decode("aGk").as_deref(), Ok("hi"));
        assert!(base64_decode("***").is_err());
    }
}
