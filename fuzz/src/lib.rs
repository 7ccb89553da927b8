//! Invariant checkers shared by the fuzz targets: string-literal unescapers for Rust, TypeScript
//! (JSON) and Python, identifier grammars, a TOML basic-string reader, and small lexers that
//! tell which parts of generated code are comments or literals.
//!
//! Every checker returns `Err(reason)` instead of panicking, so a target can print the
//! offending output before it fails with one `panic!` (which libFuzzer reports as a crash).

use std::fmt::Write as _;

/// Characters that must never appear raw in generated text: bidirectional controls (which can
/// make code read differently than it runs) and the Unicode line and paragraph separators.
#[must_use]
pub fn is_forbidden_raw(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Characters generated text never holds raw: the bidi/separator set above, the byte-order
/// mark, and control characters other than newline and tab.
#[must_use]
pub fn is_hidden_raw(c: char) -> bool {
    is_forbidden_raw(c) || c == '\u{feff}' || (c.is_control() && c != '\n' && c != '\t')
}

/// `Err` naming the first hidden character of `text` (with its line), if any.
pub fn check_no_hidden(what: &str, text: &str) -> Result<(), String> {
    for (n, line) in text.split('\n').enumerate() {
        if let Some(c) = line.chars().find(|&c| is_hidden_raw(c)) {
            return Err(format!(
                "{what}: raw U+{:04X} on line {}: {line:?}",
                c as u32,
                n + 1
            ));
        }
    }
    Ok(())
}

fn hex_value(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(s, 16).ok()
}

/// Reads one Rust string literal `"..."` (the whole of `lit`) and returns its value, following
/// the Reference's rules: simple escapes, `\x` up to 0x7F, `\u{...}` scalar values, line
/// continuations; a bare CR is an error.
pub fn rust_unescape(lit: &str) -> Result<String, String> {
    let inner = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or_else(|| format!("not a quoted literal: {lit:?}"))?;
    if lit.len() < 2 {
        return Err(format!("not a quoted literal: {lit:?}"));
    }
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Err(format!("unescaped quote inside {lit:?}")),
            '\r' => return Err(format!("bare CR inside {lit:?}")),
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some('0') => out.push('\0'),
                Some('\'') => out.push('\''),
                Some('"') => out.push('"'),
                Some('x') => {
                    let h: String = chars.by_ref().take(2).collect();
                    let v = hex_value(&h)
                        .filter(|&v| h.len() == 2 && v <= 0x7f)
                        .ok_or_else(|| format!("bad \\x escape in {lit:?}"))?;
                    out.push(char::from_u32(v).unwrap_or('\0'));
                }
                Some('u') => {
                    if chars.next() != Some('{') {
                        return Err(format!("bad \\u escape in {lit:?}"));
                    }
                    let mut h = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) if h.len() < 8 => h.push(c),
                            _ => return Err(format!("unterminated \\u{{ in {lit:?}")),
                        }
                    }
                    let digits = h.replace('_', "");
                    let ch = (digits.len() <= 6 && !h.starts_with('_'))
                        .then(|| hex_value(&digits))
                        .flatten()
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("bad \\u{{{h}}} in {lit:?}"))?;
                    out.push(ch);
                }
                Some('\n') => {
                    while chars.peek().is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
                        chars.next();
                    }
                }
                other => return Err(format!("unknown escape \\{other:?} in {lit:?}")),
            },
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Reads one Python (non-raw, non-f, non-bytes) string literal delimited by `"` and returns its
/// value. Unknown escapes (`\d`) are errors, as Python 3.12+ warns and later versions refuse them.
pub fn python_unescape(lit: &str) -> Result<String, String> {
    let inner = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|_| lit.len() >= 2)
        .ok_or_else(|| format!("not a quoted literal: {lit:?}"))?;
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Err(format!("unescaped quote inside {lit:?}")),
            '\n' | '\r' => return Err(format!("raw line break inside {lit:?}")),
            '\\' => match chars.next() {
                Some('\n') => {}
                Some('\\') => out.push('\\'),
                Some('\'') => out.push('\''),
                Some('"') => out.push('"'),
                Some('a') => out.push('\u{7}'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('v') => out.push('\u{b}'),
                Some(d @ '0'..='7') => {
                    let mut v = d.to_digit(8).unwrap_or(0);
                    for _ in 0..2 {
                        match chars.peek().and_then(|c| c.to_digit(8)) {
                            Some(x) => {
                                v = v * 8 + x;
                                chars.next();
                            }
                            None => break,
                        }
                    }
                    out.push(char::from_u32(v).ok_or("bad octal")?);
                }
                Some(k @ ('x' | 'u' | 'U')) => {
                    let n = match k {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let h: String = chars.by_ref().take(n).collect();
                    let ch = (h.len() == n)
                        .then(|| hex_value(&h))
                        .flatten()
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("bad \\{k} escape in {lit:?}"))?;
                    out.push(ch);
                }
                other => return Err(format!("invalid escape \\{other:?} in {lit:?}")),
            },
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Reads one TOML basic string `"..."` (TOML 1.0: `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`;
/// control characters other than tab must be escaped).
pub fn toml_unescape(lit: &str) -> Result<String, String> {
    let inner = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|_| lit.len() >= 2)
        .ok_or_else(|| format!("not a TOML basic string: {lit:?}"))?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Err(format!("unescaped quote inside {lit:?}")),
            c if c != '\t' && (c.is_ascii_control()) => {
                return Err(format!("raw control U+{:04X} in {lit:?}", c as u32))
            }
            '\\' => match chars.next() {
                Some('b') => out.push('\u{8}'),
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('f') => out.push('\u{c}'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some(k @ ('u' | 'U')) => {
                    let n = if k == 'u' { 4 } else { 8 };
                    let h: String = chars.by_ref().take(n).collect();
                    let ch = (h.len() == n)
                        .then(|| hex_value(&h))
                        .flatten()
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("bad \\{k}{h} escape in {lit:?}"))?;
                    out.push(ch);
                }
                other => return Err(format!("invalid TOML escape \\{other:?} in {lit:?}")),
            },
            c => out.push(c),
        }
    }
    Ok(out)
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "_",
];

fn ascii_ident(s: &str, extra: &[char]) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_' || extra.contains(&f))
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_' || extra.contains(&x))
}

/// A Rust identifier usable anywhere a name is (edition 2021): `[A-Za-z_][A-Za-z0-9_]*` and not
/// a keyword, or `r#` and a keyword that may be raw.
pub fn check_rust_ident(s: &str) -> Result<(), String> {
    if let Some(raw) = s.strip_prefix("r#") {
        if !ascii_ident(raw, &[]) || matches!(raw, "self" | "Self" | "super" | "crate" | "_") {
            return Err(format!("invalid raw identifier {s:?}"));
        }
        return Ok(());
    }
    if !ascii_ident(s, &[]) || RUST_KEYWORDS.contains(&s) {
        return Err(format!("invalid Rust identifier {s:?}"));
    }
    Ok(())
}

const JS_RESERVED: &[&str] = &[
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
    "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
    "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
    "true", "try", "typeof", "var", "void", "while", "with", "implements", "interface", "let",
    "package", "private", "protected", "public", "static", "yield", "await",
];

/// A JavaScript/TypeScript identifier (ASCII subset) that is not a reserved word of strict code.
pub fn check_ts_ident(s: &str) -> Result<(), String> {
    if !ascii_ident(s, &['$']) || JS_RESERVED.contains(&s) {
        return Err(format!("invalid TypeScript identifier {s:?}"));
    }
    Ok(())
}

const PY_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield",
];

/// A Python identifier (ASCII subset) that is not a hard keyword.
pub fn check_python_ident(s: &str) -> Result<(), String> {
    if !ascii_ident(s, &[]) || PY_KEYWORDS.contains(&s) {
        return Err(format!("invalid Python identifier {s:?}"));
    }
    Ok(())
}

/// What a lexer found in generated code.
#[derive(Debug, Default)]
pub struct Lexed {
    /// Every character that stands outside comments and string/char literals.
    pub code: String,
}

/// Splits Rust source into code and the rest (line/block comments with nesting, strings, raw
/// strings, byte strings, char literals; lifetimes are code). `Err` on an unterminated
/// literal or comment.
pub fn lex_rust(src: &str) -> Result<Lexed, String> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Lexed::default();
    let mut i = 0;
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let line_of = |i: usize| c[..i.min(c.len())].iter().filter(|&&x| x == '\n').count() + 1;
    while i < c.len() {
        let ch = c[i];
        if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if ch == '/' && at(i + 1) == '*' {
            let start = i;
            let mut depth = 0usize;
            loop {
                if i >= c.len() {
                    return Err(format!("unterminated block comment from line {}", line_of(start)));
                }
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            continue;
        }
        // Raw strings: r"..", r#".."#, br#".."#.
        let prev_ident = i > 0 && (c[i - 1].is_ascii_alphanumeric() || c[i - 1] == '_');
        if !prev_ident && (ch == 'r' || (ch == 'b' && at(i + 1) == 'r')) {
            let mut j = if ch == 'b' { i + 2 } else { i + 1 };
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) == '"' {
                let start = i;
                j += 1;
                loop {
                    if j >= c.len() {
                        return Err(format!("unterminated raw string from line {}", line_of(start)));
                    }
                    if c[j] == '"' && (0..hashes).all(|k| at(j + 1 + k) == '#') {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                i = j;
                continue;
            }
        }
        if ch == '"' || (ch == 'b' && !prev_ident && at(i + 1) == '"') {
            let start = i;
            i += if ch == 'b' { 2 } else { 1 };
            loop {
                if i >= c.len() {
                    return Err(format!("unterminated string from line {}", line_of(start)));
                }
                match c[i] {
                    '\\' => i += 2,
                    '"' => {
                        i += 1;
                        break;
                    }
                    _ => i += 1,
                }
            }
            continue;
        }
        if ch == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if at(i + 1) == '\\' {
                // Past the backslash and the character it escapes.
                let mut j = i + 3;
                while j < c.len() && c[j] != '\'' && c[j] != '\n' {
                    j += 1;
                }
                if at(j) != '\'' {
                    return Err(format!("unterminated char literal on line {}", line_of(i)));
                }
                i = j + 1;
                continue;
            }
            if at(i + 2) == '\'' {
                i += 3;
                continue;
            }
        }
        out.code.push(ch);
        i += 1;
    }
    Ok(out)
}

/// Splits Python source into code and the rest (`#` comments; single, double and triple-quoted
/// strings with any prefix). `Err` on an unterminated literal.
pub fn lex_python(src: &str) -> Result<Lexed, String> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Lexed::default();
    let mut i = 0;
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let line_of = |i: usize| c[..i.min(c.len())].iter().filter(|&&x| x == '\n').count() + 1;
    while i < c.len() {
        let ch = c[i];
        if ch == '#' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if ch == '"' || ch == '\'' {
            // String prefixes (r, b, f, u, rb...) were pushed as code; raw strings still end
            // at an unescaped quote, and `\\` pairs are skipped either way.
            let start = i;
            let triple = at(i + 1) == ch && at(i + 2) == ch;
            i += if triple { 3 } else { 1 };
            loop {
                if i >= c.len() {
                    return Err(format!("unterminated string from line {}", line_of(start)));
                }
                if c[i] == '\\' {
                    i += 2;
                    continue;
                }
                if !triple && c[i] == '\n' {
                    return Err(format!("line break in a one-line string on line {}", line_of(i)));
                }
                if c[i] == ch && (!triple || (at(i + 1) == ch && at(i + 2) == ch)) {
                    i += if triple { 3 } else { 1 };
                    break;
                }
                i += 1;
            }
            continue;
        }
        out.code.push(ch);
        i += 1;
    }
    Ok(out)
}

/// Splits TypeScript source into code and the rest (`//` and `/* */` comments, `'` and `"`
/// strings, template literals whose `${...}` parts are code again, and regular-expression
/// literals where an expression may start). `Err` on an unterminated literal or comment.
pub fn lex_typescript(src: &str) -> Result<Lexed, String> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Lexed::default();
    let mut i = 0;
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let line_of = |i: usize| c[..i.min(c.len())].iter().filter(|&&x| x == '\n').count() + 1;
    // Brace depth of each open `${` of a template literal (innermost last).
    let mut templates: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    // The last character of code that is not white space (for telling `/` from a regex).
    let mut last = '\0';
    // Inside a template literal's text: scans to its end or to a `${`.
    let template_text = |mut i: usize| -> Result<(usize, bool), String> {
        let start = i;
        loop {
            match c.get(i) {
                None => return Err(format!("unterminated template literal from line {}", line_of(start))),
                Some('\\') => i += 2,
                Some('`') => return Ok((i + 1, false)),
                Some('$') if at(i + 1) == '{' => return Ok((i + 2, true)),
                _ => i += 1,
            }
        }
    };
    while i < c.len() {
        let ch = c[i];
        if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if ch == '/' && at(i + 1) == '*' {
            let start = i;
            i += 2;
            loop {
                if i + 1 >= c.len() {
                    return Err(format!("unterminated block comment from line {}", line_of(start)));
                }
                if c[i] == '*' && c[i + 1] == '/' {
                    i += 2;
                    break;
                }
                i += 1;
            }
            continue;
        }
        if ch == '/' && (last == '\0' || "(,=:[!&|?{};+-*%<>~^".contains(last)) {
            // A regular-expression literal.
            let start = i;
            i += 1;
            let mut class = false;
            loop {
                match c.get(i) {
                    None | Some('\n') => {
                        return Err(format!("unterminated regular expression on line {}", line_of(start)))
                    }
                    Some('\\') => i += 2,
                    Some('[') => {
                        class = true;
                        i += 1;
                    }
                    Some(']') => {
                        class = false;
                        i += 1;
                    }
                    Some('/') if !class => {
                        i += 1;
                        break;
                    }
                    _ => i += 1,
                }
            }
            last = 'r';
            continue;
        }
        if ch == '"' || ch == '\'' {
            let start = i;
            i += 1;
            loop {
                match c.get(i) {
                    None | Some('\n') => {
                        return Err(format!("unterminated string on line {}", line_of(start)))
                    }
                    Some('\\') => i += 2,
                    Some(&q) if q == ch => {
                        i += 1;
                        break;
                    }
                    _ => i += 1,
                }
            }
            last = 's';
            continue;
        }
        if ch == '`' {
            let (next, open) = template_text(i + 1)?;
            i = next;
            if open {
                templates.push(depth);
                depth += 1;
                out.code.push(' ');
                last = '{';
            } else {
                last = 's';
            }
            continue;
        }
        if ch == '{' {
            depth += 1;
        }
        if ch == '}' {
            depth = depth.saturating_sub(1);
            if templates.last() == Some(&depth) {
                templates.pop();
                let (next, open) = template_text(i + 1)?;
                i = next;
                if open {
                    templates.push(depth);
                    depth += 1;
                    last = '{';
                } else {
                    last = 's';
                }
                continue;
            }
        }
        if !ch.is_whitespace() {
            last = ch;
        }
        out.code.push(ch);
        i += 1;
    }
    if !templates.is_empty() {
        return Err("unterminated template literal".into());
    }
    Ok(out)
}

/// Whether two trees hold the same data, like `Node::same_as`, except that number literals are
/// compared with the exponent letter in one case (the YAML reader writes `1.5E+3` as `1.5e+3`,
/// the same number).
#[must_use]
pub fn same_tree(a: &oaskit_core::Node, b: &oaskit_core::Node) -> bool {
    use oaskit_core::Value;
    match (&a.value, &b.value) {
        (Value::Number(x), Value::Number(y)) => x.replace('E', "e") == y.replace('E', "e"),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_tree(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.entries.len() == y.entries.len()
                && x.entries
                    .iter()
                    .zip(&y.entries)
                    .all(|(p, q)| p.key == q.key && same_tree(&p.value, &q.value))
        }
        _ => a.same_as(b),
    }
}

/// The marker the codegen target wraps around every piece of fuzz text: wherever it shows up in
/// the code part of a lexed file, spec text escaped its comment or literal.
pub const MARK: char = '\u{2603}';

/// `Err` when `code` (the code part of a lexed file) holds anything but ASCII.
pub fn check_code_ascii(what: &str, code: &str) -> Result<(), String> {
    if let Some((n, line)) = code
        .split('\n')
        .enumerate()
        .find(|(_, l)| !l.is_ascii())
    {
        let mut msg = String::new();
        let _ = write!(
            msg,
            "{what}: spec text outside comments and literals (code line {}): {line:?}",
            n + 1
        );
        return Err(msg);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapers() {
        assert_eq!(rust_unescape(r#""a\"b\\\n\u{202e}""#).unwrap(), "a\"b\\\n\u{202e}");
        assert!(rust_unescape(r#""a"b""#).is_err());
        assert_eq!(python_unescape(r#""\x00\u2028\"""#).unwrap(), "\0\u{2028}\"");
        assert!(python_unescape(r#""\d""#).is_err());
        assert_eq!(toml_unescape(r#""\u00e9""#).unwrap(), "é");
        assert!(toml_unescape(r#""\u{202e}""#).is_err());
    }

    #[test]
    fn identifiers() {
        assert!(check_rust_ident("r#type").is_ok());
        assert!(check_rust_ident("r#self").is_err());
        assert!(check_rust_ident("type").is_err());
        assert!(check_ts_ident("$x_1").is_ok());
        assert!(check_ts_ident("delete").is_err());
        assert!(check_python_ident("class").is_err());
    }

    #[test]
    fn lexers() {
        let l = lex_rust("/// é\nfn a<'a>(x: &'a str) { let _ = \"é\\\"\"; let c = 'é'; /* é /* é */ */ }").unwrap();
        assert!(l.code.is_ascii(), "{}", l.code);
        assert!(lex_rust("\"abc").is_err());
        let p = lex_python("x = \"é\"  # é\ny = '''é\n'''\n").unwrap();
        assert!(p.code.is_ascii(), "{}", p.code);
        let t = lex_typescript("/** é */ const a = `é${b + `é${c}`}é`; x.replace(/[é/]/g, \"é\"); // é\n").unwrap();
        assert!(t.code.is_ascii(), "{}", t.code);
    }
}

/// An HTTP message read from fuzz bytes in a plain, seedable form:
///
/// ```text
/// GET /v1/pets/7?limit=3          (a request: METHOD URL)
/// 200 GET /v1/pets/7              (or a response: STATUS METHOD URL)
/// Name: value                     (headers, one per line, until an empty line)
///
/// body bytes (anything, to the end)
/// ```
#[derive(Debug)]
pub enum Message {
    /// A request.
    Request(oaskit_validator::Request),
    /// A response to `method` `url`.
    Response {
        /// The request method.
        method: String,
        /// The request URL.
        url: String,
        /// The response.
        response: oaskit_validator::Response,
    },
}

/// Reads a [`Message`] from fuzz bytes; `None` when the first line has too few words.
#[must_use]
pub fn read_message(data: &[u8]) -> Option<Message> {
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&data[..i], &data[i + 2..]),
        None => (data, &b""[..]),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n');
    let first = lines.next()?;
    let words: Vec<&str> = first.splitn(3, ' ').collect();
    let headers: Vec<(String, String)> = lines
        .map(|l| match l.split_once(':') {
            Some((n, v)) => (n.to_string(), v.trim_start_matches(' ').to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect();
    if let Ok(status) = words[0].parse::<u16>() {
        if words.len() < 3 {
            return None;
        }
        let mut response = oaskit_validator::Response::new(status);
        response.headers = headers;
        response.body = body.to_vec();
        return Some(Message::Response {
            method: words[1].to_string(),
            url: words[2].to_string(),
            response,
        });
    }
    if words.len() < 2 {
        return None;
    }
    let url = first[words[0].len() + 1..].to_string();
    let mut request = oaskit_validator::Request::new(words[0], &url);
    request.headers = headers;
    request.body = body.to_vec();
    Some(Message::Request(request))
}

/// The violation codes the validator documents.
pub const VIOLATION_CODES: &[&str] = &[
    "route-not-found",
    "method-not-allowed",
    "param-missing",
    "param-malformed",
    "param-empty",
    "param-reserved",
    "param-schema",
    "security-missing",
    "body-missing",
    "content-type-missing",
    "content-type-unsupported",
    "body-malformed",
    "body-schema",
    "read-only",
    "write-only",
    "status-undeclared",
    "header-missing",
    "header-schema",
];

/// Validates `msg` twice and checks the reports: documented codes only, printable, and the same
/// both times.
pub fn validate_checked(v: &oaskit_validator::Validator, msg: &Message) {
    let run = || match msg {
        Message::Request(r) => v.validate_request(r),
        Message::Response {
            method,
            url,
            response,
        } => v.validate_response(method, url, response),
    };
    let first = run();
    let _ = first.to_string();
    for code in first.codes() {
        assert!(
            VIOLATION_CODES.contains(&code),
            "undocumented violation code {code:?} for {msg:?}"
        );
    }
    for viol in &first.violations {
        let _ = viol.masked().to_string();
    }
    let again = run();
    assert_eq!(first.codes(), again.codes(), "two runs disagree for {msg:?}");
}

/// Checks oaskit_codegen::names on `text`: words are non-empty lower-case ASCII alphanumerics,
/// pascal is ASCII alphanumeric (or the fallback), the package slug is a valid package name,
/// and Unique hands out case-insensitively distinct names.
pub fn names_checked(text: &str) {
    use oaskit_codegen::names;
    for w in names::words(text) {
        assert!(
            !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            "words({text:?}) gave {w:?}"
        );
    }
    let p = names::pascal(text, "Fallback");
    assert!(
        !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()),
        "pascal({text:?}) = {p:?}"
    );
    // A name Cargo, npm and PyPI all take: lower-case ASCII letters, digits and inner `-`,
    // starting with a letter.
    let slug = names::package_slug(text);
    assert!(
        slug.starts_with(|c: char| c.is_ascii_lowercase())
            && !slug.ends_with('-')
            && !slug.contains("--")
            && slug.len() <= 64
            && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "package_slug({text:?}) = {slug:?}"
    );
    let mut u = names::Unique::default();
    let mut seen = std::collections::HashSet::new();
    for part in text.split(['/', ' ']).take(16) {
        let (name, _) = u.take(part);
        assert!(
            seen.insert(name.to_ascii_lowercase()),
            "Unique::take({part:?}) = {name:?}, taken before"
        );
    }
}
