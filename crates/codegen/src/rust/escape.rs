//! Rust escapers: the only way text from a definition reaches generated Rust.

use crate::names::{is_hidden, words};

const KEYWORDS: [&str; 51] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// A string literal holding `s` exactly (every character that could end or bend it escaped).
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
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Doc comment lines (`/// ...`) for `text`, indented by `indent`. Each line is prefixed, so no
/// text can leave the comment; code fences are neutralized so rustdoc never runs spec text.
#[must_use]
pub fn doc_comment(text: Option<&str>, indent: &str) -> String {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return String::new();
    };
    let mut out = String::new();
    for line in text.lines().take(40) {
        let mut clean: String = line
            .chars()
            .filter(|c| {
                !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        clean = clean.replace("```", "'''").trim_end().to_string();
        // Markdown headings, HTML and indented blocks stay text.
        if clean.starts_with("    ") || clean.starts_with('\t') {
            clean = clean.trim_start().to_string();
        }
        if clean.is_empty() {
            out.push_str(&format!("{indent}///\n"));
        } else {
            out.push_str(&format!(
                "{indent}/// {}\n",
                clean
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('[', "\\[")
                    .replace(']', "\\]")
            ));
        }
    }
    out
}

/// A valid Rust identifier in `snake_case` for `base`, never a keyword.
#[must_use]
pub fn snake(base: &str) -> String {
    let w = words(base);
    let mut s = if w.is_empty() {
        "field".to_string()
    } else {
        w.join("_")
    };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n{s}");
    }
    keyword_safe(s)
}

/// A valid Rust type or variant identifier in `PascalCase`.
#[must_use]
pub fn pascal_ident(base: &str) -> String {
    let mut s: String = base.chars().filter(char::is_ascii_alphanumeric).collect();
    if s.is_empty() {
        s = "Unnamed".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("T{s}");
    }
    keyword_safe(s)
}

fn keyword_safe(s: String) -> String {
    if KEYWORDS.contains(&s.as_str()) {
        // `self`, `Self`, `crate` and `super` cannot be raw identifiers.
        if matches!(s.as_str(), "self" | "Self" | "crate" | "super") {
            format!("{s}_")
        } else {
            format!("r#{s}")
        }
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_escapes() {
        assert_eq!(
            string_literal("a\"b\\c\n\u{202e}"),
            "\"a\\\"b\\\\c\\n\\u{202e}\""
        );
        let d = doc_comment(
            Some("x */ fn injected() {}\n```rust\nstd::process::exit(1)\n```"),
            "",
        );
        assert!(d.lines().all(|l| l.starts_with("///")));
        assert!(!d.contains("```"));
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("+1"), "n1");
        assert_eq!(pascal_ident("Self"), "Self_");
        assert_eq!(pascal_ident("2xx"), "T2xx");
    }
}
