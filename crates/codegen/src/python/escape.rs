//! Python escapers: the only way text from a definition reaches generated Python.

use crate::names::{is_hidden, words};

const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// A double-quoted string literal holding `s` exactly.
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
                if (c as u32) < 0x100 {
                    out.push_str(&format!("\\x{:02x}", c as u32));
                } else {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A docstring for `text`, indented by `indent`: quotes and backslashes are escaped, so no text
/// can end it.
#[must_use]
pub fn docstring(text: Option<&str>, indent: &str) -> String {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return String::new();
    };
    let lines: Vec<String> = text
        .trim()
        .lines()
        .take(40)
        .map(|l| {
            l.chars()
                .filter(|c| !is_hidden(*c))
                .collect::<String>()
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .trim_end()
                .to_string()
        })
        .collect();
    if lines.len() == 1 {
        return format!("{indent}\"\"\"{}\"\"\"\n", lines[0]);
    }
    let mut out = format!("{indent}\"\"\"{}\n", lines[0]);
    for l in &lines[1..] {
        if l.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{indent}{l}\n"));
        }
    }
    out.push_str(&format!("{indent}\"\"\"\n"));
    out
}

/// Text for a `#` comment: one line, nothing hidden.
#[must_use]
pub fn comment_text(text: &str) -> String {
    text.chars().filter(|c| !is_hidden(*c)).collect()
}

/// A `snake_case` identifier for `base`, never a keyword.
#[must_use]
pub fn snake(base: &str) -> String {
    let w = words(base);
    let mut s = if w.is_empty() {
        "value".to_string()
    } else {
        w.join("_")
    };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n{s}");
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// An `UPPER_SNAKE` identifier for an enum member.
#[must_use]
pub fn upper(base: &str) -> String {
    let w = words(base);
    let s = if w.is_empty() {
        "EMPTY".to_string()
    } else {
        w.join("_").to_ascii_uppercase()
    };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{s}")
    } else {
        s
    }
}

/// A `PascalCase` class identifier for `base`.
#[must_use]
pub fn pascal_ident(base: &str) -> String {
    let s = crate::names::pascal(base, "Unnamed");
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{s}")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_escape() {
        assert_eq!(string_literal("a\"b\\\u{0}"), "\"a\\\"b\\\\\\x00\"");
        let doc = docstring(Some("ends \"\"\" here \\"), "");
        assert_eq!(doc, "\"\"\"ends \\\"\\\"\\\" here \\\\\"\"\"\n");
        assert_eq!(snake("class"), "class_");
        assert_eq!(snake("9lives"), "n9lives");
        assert_eq!(upper("9"), "V9");
        assert_eq!(pascal_ident("none"), "None_");
    }
}
