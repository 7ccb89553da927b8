//! A JSON reader that keeps spans, key order and number literals, and refuses duplicate keys.
//!
//! `serde_json` keeps the last of two equal keys silently and gives no per-node positions, so
//! documents are read here instead. Keys are compared after unescaping (`"P\u0065t"` equals
//! `"Pet"`).

use std::collections::HashSet;
use std::sync::Arc;

use crate::node::{Entry, Map, Node, Str, Value};
use crate::source::{SourceFile, Span};
use crate::syntax::SyntaxError;

/// Parses `text` (file index `file`) into a tree.
///
/// The tree's longer strings are ranges of one copy of `text` ([`Str`]); [`parse_source`]
/// shares the file's own text instead.
///
/// # Errors
/// The first syntax error, duplicate key or nesting past `max_depth`.
pub fn parse(text: &str, file: u32, max_depth: usize) -> Result<Node, SyntaxError> {
    parse_shared(&Arc::new(text.to_owned()), file, max_depth)
}

/// Parses the text of `src` (file index `file`) into a tree whose longer strings are ranges
/// of that text, not copies.
///
/// # Errors
/// The first syntax error, duplicate key or nesting past `max_depth`.
pub fn parse_source(src: &SourceFile, file: u32, max_depth: usize) -> Result<Node, SyntaxError> {
    parse_shared(src.shared_text(), file, max_depth)
}

fn parse_shared(text: &Arc<String>, file: u32, max_depth: usize) -> Result<Node, SyntaxError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text: text.as_str(),
        shared: text,
        pos: 0,
        file,
        max_depth,
        items: Vec::new(),
        entries: Vec::new(),
    };
    p.ws();
    let node = p.value(0)?;
    p.ws();
    if p.pos < p.s.len() {
        return Err(p.err("unexpected text after the end of the document"));
    }
    Ok(node)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    /// `text`, shared by the strings of the tree that are ranges of it.
    shared: &'a Arc<String>,
    pos: usize,
    file: u32,
    max_depth: usize,
    /// Items of the arrays being read, innermost last: each array takes its own off the end
    /// into a vector of exactly their number (no growing and shrinking per array).
    items: Vec<Node>,
    /// Entries of the objects being read, the same way.
    entries: Vec<Entry>,
}

impl Parser<'_> {
    fn err(&self, msg: impl Into<String>) -> SyntaxError {
        SyntaxError::new("json-syntax", msg, self.pos)
    }

    fn span(&self, at: usize) -> Span {
        Span::new(self.file, at)
    }

    fn ws(&mut self) {
        while let Some(&b) = self.s.get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let start = self.pos;
        let Some(&b) = self.s.get(self.pos) else {
            return Err(self.err("unexpected end of input: expected a value"));
        };
        let value = match b {
            b'{' | b'[' if depth >= self.max_depth => {
                return Err(SyntaxError::new(
                    "depth-limit",
                    format!("nesting deeper than the limit of {} levels", self.max_depth),
                    start,
                ));
            }
            b'{' => self.object(depth)?,
            b'[' => self.array(depth)?,
            b'"' => Value::String(self.string()?),
            b't' => self.literal("true", Value::Bool(true))?,
            b'f' => self.literal("false", Value::Bool(false))?,
            b'n' => self.literal("null", Value::Null)?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ => {
                let ch = self.text[self.pos..].chars().next().unwrap_or('?');
                return Err(self.err(format!("unexpected character {ch:?}: expected a value")));
            }
        };
        Ok(Node::new(value, self.span(start)))
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, SyntaxError> {
        if self.s[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.err(format!("invalid literal: expected `{word}`")))
        }
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        if self.s[self.pos] == b'-' {
            self.pos += 1;
        }
        match self.s.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.err("invalid number: expected a digit")),
        }
        if self.s.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !matches!(self.s.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.err("invalid number: expected a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.s.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.s.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.s.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.err("invalid number: expected a digit in the exponent"));
            }
            self.digits();
        }
        Ok(Value::Number(Str::shared(self.shared, start..self.pos)))
    }

    fn digits(&mut self) {
        while matches!(self.s.get(self.pos), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    /// Reads a string starting at the opening quote.
    fn string(&mut self) -> Result<Str, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes.
        loop {
            match self.s.get(self.pos) {
                None => return Err(SyntaxError::new("json-syntax", "unterminated string", open)),
                Some(b'"') => {
                    let s = Str::shared(self.shared, start..self.pos);
                    self.pos += 1;
                    return Ok(s);
                }
                Some(b'\\') => break,
                Some(&c) if c < 0x20 => {
                    return Err(self.err("control character in string: escape it"));
                }
                Some(_) => self.pos += 1,
            }
        }
        let mut out = self.text[start..self.pos].to_string();
        loop {
            match self.s.get(self.pos) {
                None => return Err(SyntaxError::new("json-syntax", "unterminated string", open)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out.into());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let Some(&e) = self.s.get(self.pos) else {
                        return Err(self.err("unterminated escape"));
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let c = self.unicode_escape()?;
                            out.push(c);
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.err("invalid escape sequence"));
                        }
                    }
                }
                Some(&c) if c < 0x20 => {
                    return Err(self.err("control character in string: escape it"));
                }
                Some(_) => {
                    let run = self.pos;
                    while let Some(&c) = self.s.get(self.pos) {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    out.push_str(&self.text[run..self.pos]);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let h = self
            .s
            .get(self.pos..self.pos + 4)
            // Four hex digits exactly (`from_str_radix` alone would also take a `+` sign).
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.err("invalid \\u escape: expected four hex digits"))?;
        self.pos += 4;
        Ok(h)
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let at = self.pos - 2;
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) {
            if self.s[self.pos..].starts_with(b"\\u") {
                self.pos += 2;
                let lo = self.hex4()?;
                if (0xDC00..0xE000).contains(&lo) {
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    return char::from_u32(c).ok_or_else(|| {
                        SyntaxError::new("json-syntax", "invalid surrogate pair", at)
                    });
                }
            }
            return Err(SyntaxError::new(
                "json-syntax",
                "lone UTF-16 surrogate in \\u escape",
                at,
            ));
        }
        char::from_u32(hi).ok_or_else(|| {
            SyntaxError::new("json-syntax", "lone UTF-16 surrogate in \\u escape", at)
        })
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let base = self.items.len();
        self.ws();
        if self.s.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value::Array(Vec::new()));
        }
        loop {
            self.ws();
            let idx = self.items.len() - base;
            let v = self
                .value(depth + 1)
                .map_err(|e| e.inside(idx.to_string()))?;
            self.items.push(v);
            self.ws();
            match self.s.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(self.items.drain(base..).collect()));
                }
                _ => return Err(self.err("expected `,` or `]` in array")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let base = self.entries.len();
        let mut seen: Option<HashSet<Str>> = None;
        self.ws();
        if self.s.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value::Object(Map::default()));
        }
        loop {
            self.ws();
            if self.s.get(self.pos) != Some(&b'"') {
                return Err(self.err("expected a string key in object"));
            }
            let key_at = self.pos;
            let key = self.string()?;
            // Duplicate detection: linear for small objects, hashed for large ones.
            let entries = self.entries.get(base..).unwrap_or_default();
            let dup = if entries.len() < 16 {
                entries.iter().find(|e| e.key == key).map(|e| e.key_span)
            } else {
                let set =
                    seen.get_or_insert_with(|| entries.iter().map(|e| e.key.clone()).collect());
                if set.insert(key.clone()) {
                    None
                } else {
                    entries.iter().find(|e| e.key == key).map(|e| e.key_span)
                }
            };
            if let Some(first) = dup {
                let mut e = SyntaxError::new(
                    "duplicate-key",
                    format!(
                        "duplicate key {key:?}: a second value would silently replace the first"
                    ),
                    key_at,
                )
                .inside(key.to_string());
                e.related = Some((first.offset as usize, "first defined here".into()));
                return Err(e);
            }
            self.ws();
            if self.s.get(self.pos) != Some(&b':') {
                return Err(self.err("expected `:` after object key"));
            }
            self.pos += 1;
            self.ws();
            let v = self
                .value(depth + 1)
                .map_err(|e| e.inside(key.to_string()))?;
            let key_span = self.span(key_at);
            self.entries.push(Entry {
                key,
                key_span,
                value: v,
            });
            self.ws();
            match self.s.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(Map {
                        entries: self.entries.drain(base..).collect(),
                    }));
                }
                _ => return Err(self.err("expected `,` or `}` in object")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_literals_and_order() {
        let n = parse(r#"{"b": 1e400, "a": [true, null, "x\u00e9"]}"#, 0, 64).unwrap();
        let m = n.as_object().unwrap();
        assert_eq!(m.entries[0].key.as_ref(), "b");
        assert!(matches!(&m.entries[0].value.value, Value::Number(n) if &**n == "1e400"));
        assert_eq!(n.pointer("/a/2").unwrap().as_str(), Some("xé"));
    }

    #[test]
    fn duplicate_after_unescape() {
        let e = parse(r#"{"x": {"Pet": 1, "P\u0065t": 2}}"#, 0, 64).unwrap_err();
        assert_eq!(e.code, "duplicate-key");
        assert_eq!(e.pointer(), "/x/Pet");
        assert_eq!(e.related.unwrap().0, 7);
    }

    #[test]
    fn duplicates_in_large_objects() {
        let mut s = String::from("{");
        for i in 0..40 {
            s.push_str(&format!("\"k{i}\": {i},"));
        }
        s.push_str("\"k3\": 0}");
        assert_eq!(parse(&s, 0, 64).unwrap_err().code, "duplicate-key");
    }

    #[test]
    fn depth_limit_is_an_error() {
        let s = "[".repeat(100_000);
        let e = parse(&s, 0, 256).unwrap_err();
        assert_eq!((e.code, e.offset), ("depth-limit", 256));
    }

    #[test]
    fn rejects_bad_syntax() {
        for bad in [
            "{",
            "[1,]",
            "01",
            "\"a\nb\"",
            "{\"a\" 1}",
            "tru",
            "1 2",
            "\"\\ud800\"",
            "\"\\u+041\"",
            "\"\\u-041\"",
            "\"\\u00é\"",
        ] {
            assert!(parse(bad, 0, 64).is_err(), "{bad}");
        }
    }
}
