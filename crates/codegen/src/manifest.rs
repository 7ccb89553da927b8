//! Escapers for the manifests the backends write: TOML basic strings (`Cargo.toml`,
//! `pyproject.toml`) and JSON strings (`package.json`). Nothing hidden stays raw in either.

use crate::names::is_hidden;

/// A TOML basic string (`"..."`) holding `s` exactly: quotes, backslashes, controls and every
/// [hidden](is_hidden) character escaped (`\uXXXX` or `\UXXXXXXXX`), per TOML 1.0.
#[must_use]
pub fn toml_string(s: &str) -> String {
    crate::names::quoted(s, |c, out| {
        let n = c as u32;
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            _ if n > 0xffff => out.push_str(&format!("\\U{n:08X}")),
            _ => out.push_str(&format!("\\u{n:04X}")),
        }
    })
}

/// A JSON string holding `s` exactly (serde_json's escaping, plus `\uXXXX` for every
/// [hidden](is_hidden) character it leaves raw, astral ones as surrogate pairs).
#[must_use]
pub fn json_string(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_hidden(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", *u));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_strings() {
        assert_eq!(
            toml_string("a\"b\\c\u{202e}\u{e0041}\u{7f}"),
            "\"a\\\"b\\\\c\\u202E\\U000E0041\\u007F\""
        );
        assert_eq!(
            json_string("a\"\u{2028}\u{e0041}\u{7f}"),
            "\"a\\\"\\u2028\\udb40\\udc41\\u007f\""
        );
        let v: serde_json::Value = serde_json::from_str(&json_string("x\u{e0041}\u{0}")).unwrap();
        assert_eq!(v, "x\u{e0041}\u{0}");
    }
}
