//! TypeScript escapers: the only way text from a definition reaches generated TypeScript.

use crate::names::{is_hidden, words};

/// Words JavaScript or TypeScript reserve, which never become bare identifiers.
const RESERVED: [&str; 63] = [
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "as",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "any",
    "boolean",
    "constructor",
    "declare",
    "get",
    "module",
    "require",
    "number",
    "set",
    "string",
    "symbol",
    "type",
    "from",
    "of",
    "await",
    "async",
    "unknown",
];

/// A double-quoted string literal holding `s` exactly (also valid JSON).
#[must_use]
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSDoc block for `text`, indented by `indent`: no text can close the comment early.
#[must_use]
pub fn doc_comment(text: Option<&str>, indent: &str) -> String {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return String::new();
    };
    let lines: Vec<&str> = text.trim().lines().take(40).collect();
    let mut out = format!("{indent}/**\n");
    for line in lines.iter() {
        let clean: String = line
            .chars()
            .filter(|c| {
                !c.is_control()
                    && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        let clean = clean.replace("*/", "*\\/");
        let clean = clean.trim_end();
        if clean.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {clean}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    if lines.len() == 1 {
        // One line: `/** text */`.
        let body = out
            .lines()
            .nth(1)
            .unwrap_or_default()
            .trim_start()
            .trim_start_matches('*');
        return format!("{indent}/**{body} */\n");
    }
    out
}

/// Whether `s` can stand as a property name without quotes.
fn is_plain(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A property key for `wire`: bare when it is a plain identifier, else a string literal.
#[must_use]
pub fn property_key(wire: &str) -> String {
    if is_plain(wire) {
        wire.to_string()
    } else {
        string_literal(wire)
    }
}

/// A `camelCase` identifier for `base`, never a reserved word.
#[must_use]
pub fn camel(base: &str) -> String {
    let w = words(base);
    let mut s = String::new();
    for (i, word) in w.iter().enumerate() {
        if i == 0 {
            s.push_str(word);
        } else {
            let mut c = word.chars();
            if let Some(f) = c.next() {
                s.push(f.to_ascii_uppercase());
                s.push_str(c.as_str());
            }
        }
    }
    if s.is_empty() {
        s = "value".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n{s}");
    }
    if RESERVED.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// A `PascalCase` type identifier for `base`.
#[must_use]
pub fn pascal_ident(base: &str) -> String {
    let s = crate::names::pascal(base, "Unnamed");
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_escape() {
        assert_eq!(string_literal("a\"b\\\u{2028}"), "\"a\\\"b\\\\\\u2028\"");
        let doc = doc_comment(Some("x */ alert(1) /*\r\nnext"), "");
        assert_eq!(doc.matches("*/").count(), 1, "{doc}");
        assert_eq!(property_key("x-next"), "\"x-next\"");
        assert_eq!(property_key("ok_1"), "ok_1");
        assert_eq!(camel("delete"), "delete_");
        assert_eq!(camel("pet-id"), "petId");
        assert_eq!(camel("1st"), "n1st");
        assert_eq!(pascal_ident("2fa"), "T2fa");
    }
}
