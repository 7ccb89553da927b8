//! Rust escapers: the only way text from a definition reaches generated Rust.

use crate::names::{visible, visible_lines, words};

const KEYWORDS: [&str; 51] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Names the generated `types` module must leave alone: the Rust 2021 prelude (types, traits,
/// variants and the derive macros it uses) and the module's own imports.
pub const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Vec",
    "String",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Default",
    "Drop",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "Iterator",
    "IntoIterator",
    "Extend",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "AsRef",
    "AsMut",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Serialize",
    "Deserialize",
];

/// Method names an operation cannot take: the client's own methods and the methods of the
/// traits it implements or derives (an inherent method would shadow them).
pub const RESERVED_METHODS: &[&str] = &[
    "new",
    "with_client",
    "with_credentials",
    "apply_auth",
    "has",
    "add",
    "is_bearer",
    "execute",
    "for_server",
    "with_middleware",
    "with_retries",
    "with_timeout",
    "with_token_provider",
    "clone",
    "clone_from",
    "fmt",
    "eq",
    "ne",
    "hash",
    "default",
    "from",
    "into",
    "to_owned",
    "to_string",
];

/// Crate names that would shadow a crate the generated code uses.
const RESERVED_CRATES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "proc_macro",
    "test",
    "serde",
    "serde_json",
    "reqwest",
    "serde_path_to_error",
    "tokio",
    "bytes",
    "futures_core",
    "httpdate",
];

/// The Cargo package name for `name`: a [slug](crate::names::package_slug) (so it starts with a
/// letter), with `-api` added when its library name would be a keyword or shadow a crate the
/// generated code uses.
#[must_use]
pub fn crate_name(name: &str) -> String {
    let slug = crate::names::package_slug(name);
    let ident = slug.replace('-', "_");
    if KEYWORDS.contains(&ident.as_str()) || RESERVED_CRATES.contains(&ident.as_str()) {
        format!("{slug}-api")
    } else {
        slug
    }
}

/// A string literal holding `s` exactly (every character that could end or bend it escaped).
#[must_use]
pub fn string_literal(s: &str) -> String {
    crate::names::quoted(s, |c, out| out.push_str(&format!("\\u{{{:x}}}", c as u32)))
}

/// Doc comment lines (`/// ...`) for `text`, indented by `indent`. Each line is prefixed, so no
/// text can leave the comment, and nothing in it can become a doctest: every run of three or
/// more backticks or tildes (a fence, with any info string, after any `>` or list marker) is
/// escaped, `<`, `>`, `[` and `]` are too (no HTML `<pre>`, no blockquote, no link), and white
/// space is normalized (at most three leading spaces, single spaces inside a line), so no
/// line can be an indented code block either. Hidden characters never reach the output.
#[must_use]
pub fn doc_comment(text: Option<&str>, indent: &str) -> String {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return String::new();
    };
    let mut out = String::new();
    for line in visible_lines(text).iter().take(40) {
        let clean = doc_line(line);
        if clean.is_empty() {
            out.push_str(&format!("{indent}///\n"));
        } else {
            out.push_str(&format!("{indent}/// {clean}\n"));
        }
    }
    out
}

/// One visible line as inert Markdown for rustdoc (see [`doc_comment`]).
#[must_use]
pub fn doc_line(line: &str) -> String {
    let lead = line.len() - line.trim_start_matches(' ').len();
    // Four or more leading spaces would be an indented code block: keep at most three.
    let mut text = " ".repeat(if lead >= 4 { 0 } else { lead });
    text.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' || c == '~' {
            let run = chars[i..].iter().take_while(|&&x| x == c).count();
            for _ in 0..run {
                if run >= 3 {
                    out.push('\\');
                }
                out.push(c);
            }
            i += run;
            continue;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Text for a `//` comment, a `//!` line or a Cargo.toml `#` comment: one visible line without
/// Markdown that could fence or link (backticks, `<`, `>`, `[`, `]` and `~` dropped).
#[must_use]
pub fn comment_text(text: &str) -> String {
    visible(text)
        .chars()
        .filter(|c| !matches!(c, '`' | '<' | '>' | '[' | ']' | '~'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
