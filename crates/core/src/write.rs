//! Writing trees as JSON (formatted as `JSON.stringify(doc, null, 2)` does) or YAML.
//!
//! The YAML writer quotes every string that a YAML 1.1 or 1.2 reader could take for something
//! else (`yes`, `no`, `on`, `1.0`, `0o12`, `1:20`, dates, `~`), so the output means the same to
//! old and new readers.

use std::fmt::Write as _;

use crate::node::{Node, Value};

/// Writes a tree as pretty JSON with two-space indentation and a final newline.
#[must_use]
pub fn to_json(node: &Node) -> String {
    let mut out = String::with_capacity(1024);
    json_value(node, 0, &mut out);
    out.push('\n');
    out
}

fn indent(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push_str("  ");
    }
}

fn json_value(node: &Node, level: usize, out: &mut String) {
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => json_string(s, out),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Array(a) => {
            out.push_str("[\n");
            for (i, v) in a.iter().enumerate() {
                indent(out, level + 1);
                json_value(v, level + 1, out);
                if i + 1 < a.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, level);
            out.push(']');
        }
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Object(m) => {
            out.push_str("{\n");
            for (i, e) in m.entries.iter().enumerate() {
                indent(out, level + 1);
                json_string(&e.key, out);
                out.push_str(": ");
                json_value(&e.value, level + 1, out);
                if i + 1 < m.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, level);
            out.push('}');
        }
    }
}

/// Appends `s` as a JSON string literal.
pub fn json_string(s: &str, out: &mut String) {
    out.push('"');
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let esc = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if (c as u32) < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push_str(esc);
        }
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Writes a tree as block-style YAML.
#[must_use]
pub fn to_yaml(node: &Node) -> String {
    let mut out = String::with_capacity(1024);
    match &node.value {
        Value::Object(m) if !m.is_empty() => yaml_map(node, 0, &mut out),
        Value::Array(a) if !a.is_empty() => yaml_seq(node, 0, &mut out),
        _ => {
            yaml_scalar(node, 0, &mut out);
            out.push('\n');
        }
    }
    out
}

fn is_collection(n: &Node) -> bool {
    match &n.value {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    }
}

fn yaml_map(node: &Node, level: usize, out: &mut String) {
    let Value::Object(m) = &node.value else {
        return;
    };
    for (i, e) in m.entries.iter().enumerate() {
        if i > 0 {
            indent(out, level);
        }
        let start = out.len();
        yaml_key(&e.key, out);
        if out.len() - start > MAX_IMPLICIT_KEY {
            // YAML limits implicit keys to 1024 characters: a longer one is an explicit key.
            out.insert_str(start, "? ");
            out.push('\n');
            indent(out, level);
        }
        out.push(':');
        yaml_child(&e.value, level, out);
    }
}

fn yaml_child(v: &Node, level: usize, out: &mut String) {
    match &v.value {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            indent(out, level + 1);
            yaml_map(v, level + 1, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            indent(out, level);
            yaml_seq(v, level, out);
        }
        _ => {
            out.push(' ');
            yaml_scalar(v, level + 1, out);
            out.push('\n');
        }
    }
}

fn yaml_seq(node: &Node, level: usize, out: &mut String) {
    let Value::Array(a) = &node.value else { return };
    for (i, v) in a.iter().enumerate() {
        if i > 0 {
            indent(out, level);
        }
        out.push('-');
        match &v.value {
            Value::Object(_) if is_collection(v) => {
                out.push(' ');
                yaml_map(v, level + 1, out);
            }
            Value::Array(_) if is_collection(v) => {
                out.push(' ');
                yaml_seq(v, level + 1, out);
            }
            _ => {
                out.push(' ');
                yaml_scalar(v, level + 1, out);
                out.push('\n');
            }
        }
    }
}

fn yaml_scalar(v: &Node, level: usize, out: &mut String) {
    match &v.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => yaml_string(s, level, out),
        Value::Array(_) => out.push_str("[]"),
        Value::Object(_) => out.push_str("{}"),
    }
}

/// The longest key written as an implicit `key:` (YAML 1.2 allows 1024 characters, counted
/// here in bytes of the written key, which is never fewer).
const MAX_IMPLICIT_KEY: usize = 1000;

fn yaml_key(k: &str, out: &mut String) {
    if plain_ok(k) {
        out.push_str(k);
    } else {
        json_string(k, out);
    }
}

fn yaml_string(s: &str, level: usize, out: &mut String) {
    if plain_ok(s) {
        out.push_str(s);
    } else if literal_ok(s) {
        let body = s.trim_end_matches('\n');
        let trailing = s.len() - body.len();
        out.push('|');
        match trailing {
            0 => out.push('-'),
            1 => {}
            _ => out.push('+'),
        }
        for line in s[..s.len() - trailing.min(1)].split('\n') {
            out.push('\n');
            if !line.is_empty() {
                indent(out, level);
                out.push_str(line);
            }
        }
    } else {
        json_string(s, out);
    }
}

/// Multi-line text that a literal block scalar holds exactly.
fn literal_ok(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with([' ', '\t', '\n'])
        && s.chars().all(|c| {
            c == '\n'
                || c == '\t'
                || !(c.is_control()
                    || c == '\u{feff}'
                    || c == '\u{2028}'
                    || c == '\u{2029}'
                    || c == '\u{85}')
        })
        && !s.split('\n').any(|l| l.ends_with([' ', '\t']))
        && !s.contains('\r')
}

/// Whether a string can be written plain and read back as the same string by YAML 1.1 and 1.2.
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s != s.trim() || s.len() > 1024 {
        return false;
    }
    if "?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if first == '-' && (s == "-" || s.starts_with("- ") || s.starts_with("---")) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.contains('\t') {
        return false;
    }
    if s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}'))
    {
        return false;
    }
    !ambiguous_scalar(s)
}

/// Scalars that YAML 1.1 or 1.2 would read as something other than a string.
fn ambiguous_scalar(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null"
            | "true"
            | "false"
            | "yes"
            | "no"
            | "y"
            | "n"
            | "on"
            | "off"
            | ".inf"
            | "-.inf"
            | "+.inf"
            | ".nan"
            | "<<"
            | "="
    ) {
        return true;
    }
    // Anything starting like a number (ints, floats, 0o, 0x, 1_000, 1:20, 1.0, dates, times).
    let t = s.strip_prefix(['-', '+']).unwrap_or(s);
    if t.starts_with(|c: char| c.is_ascii_digit())
        || (t.starts_with('.') && t[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return t.chars().all(|c| {
            c.is_ascii_hexdigit()
                || matches!(
                    c,
                    '.' | '_'
                        | ':'
                        | '-'
                        | '+'
                        | 'x'
                        | 'o'
                        | 'X'
                        | 'O'
                        | 'e'
                        | 'E'
                        | 'T'
                        | 't'
                        | 'Z'
                        | 'z'
                        | ' '
                )
        });
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Origin, SourceFile};
    use crate::syntax::Limits;

    fn yaml_roundtrip(src: &str) -> (String, Node, Node) {
        let f = SourceFile::new("a".into(), Origin::Memory, src.into());
        let a = crate::yaml::parse(&f, 0, &Limits::default()).unwrap();
        let out = to_yaml(&a);
        let g = SourceFile::new("b".into(), Origin::Memory, out.clone());
        let b = crate::yaml::parse(&g, 0, &Limits::default())
            .unwrap_or_else(|e| panic!("{e:?}\n{out}"));
        (out, a, b)
    }

    #[test]
    fn keys_over_the_implicit_key_limit_are_explicit() {
        let long = "[".repeat(1500);
        for value in ["1", "{a: 1, b: [x]}", "[1, {c: 2}]", "{}", "'s'"] {
            let (out, a, b) = yaml_roundtrip(&format!(
                "p:\n  ? '/{long}{{op}}'\n  : {value}\n  short: 2\n"
            ));
            assert!(out.contains("? \"/["), "{out}");
            assert!(a.same_as(&b), "{value}: {out}");
        }
    }

    #[test]
    fn yaml_quotes_what_old_readers_misread() {
        let (out, a, b) = yaml_roundtrip(
            "a: ['yes', 'no', 'on', '1.0', '0o12', '1:20', '2001-12-14', '~', '', ' x', 'a: b', '-1', '-x', \"x\\ny\\n\", \"x\\n\\n\", \"t\\tz\", '#c', 'null', '0x1F', '1_000', '.5', '1e3', '<<']\nb: {}\nc: []\nd: [[1, 2], {e: [3]}]\n",
        );
        assert!(a.same_as(&b), "{out}");
        for q in [
            "\"yes\"",
            "\"no\"",
            "\"on\"",
            "\"1.0\"",
            "\"0o12\"",
            "\"1:20\"",
            "\"2001-12-14\"",
            "\"~\"",
            "\"-1\"",
        ] {
            assert!(out.contains(q), "{q} not quoted in\n{out}");
        }
        assert!(out.contains("- -x\n"), "{out}");
    }

    #[test]
    fn json_matches_javascript_formatting() {
        let n = crate::json::parse(r#"{"a":[1,{"b":{}}],"c":"\u0001\"é","d":[]}"#, 0, 64).unwrap();
        assert_eq!(
            to_json(&n),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": {}\n    }\n  ],\n  \"c\": \"\\u0001\\\"é\",\n  \"d\": []\n}\n"
        );
    }
}
