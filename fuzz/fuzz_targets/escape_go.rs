//! Text -> every Go escaper of oaskit_codegen::go (and oaskit_codegen::names), with invariants:
//! - string_literal: a Go interpreted string literal (read back by the Go rules in `go_unescape`
//!   below) holding exactly the input, with nothing hidden raw;
//! - doc_comment: lines each `INDENT// text` or `INDENT//`, never a directive (`//go:`,
//!   `//line`, `//export`), no leading white space after `// ` (no code block), no blank line
//!   first, last or twice in a row (the form gofmt keeps), nothing hidden;
//! - comment_text: one line, nothing hidden;
//! - pascal_ident/field_ident: exported ASCII identifiers (never keywords: those are lower case);
//! - package_name: a lower-case identifier, not a keyword, a predeclared identifier or `main`;
//! - module_path: always a module path `is_module_path` accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_codegen::go::{
    comment_text, doc_comment, field_ident, is_module_path, module_path, package_name,
    pascal_ident, string_literal, KEYWORDS, PREDECLARED,
};
use oaskit_fuzz::check_no_hidden;

fn fail(what: &str, input: &str, out: &str, why: String) -> ! {
    panic!("{what}: {why}\ninput:  {input:?}\noutput: {out:?}");
}

/// Reads one Go interpreted string literal (the whole of `lit`) by the Go specification:
/// `\a \b \f \n \r \t \v \\ \"`, `\xHH` and octal bytes, `\uXXXX` and `\UXXXXXXXX` scalar
/// values; a raw newline or an unescaped `"` inside is an error.
fn go_unescape(lit: &str) -> Result<String, String> {
    let inner = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or("not a double-quoted literal")?;
    let mut bytes: Vec<u8> = Vec::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Err("unescaped quote inside".into()),
            '\n' => return Err("raw newline".into()),
            '\\' => {
                let e = chars.next().ok_or("dangling backslash")?;
                let simple = match e {
                    'a' => Some(7u8),
                    'b' => Some(8),
                    'f' => Some(12),
                    'n' => Some(b'\n'),
                    'r' => Some(b'\r'),
                    't' => Some(b'\t'),
                    'v' => Some(11),
                    '\\' => Some(b'\\'),
                    '"' => Some(b'"'),
                    _ => None,
                };
                if let Some(b) = simple {
                    bytes.push(b);
                    continue;
                }
                let (n, radix) = match e {
                    'x' => (2, 16),
                    'u' => (4, 16),
                    'U' => (8, 16),
                    '0'..='7' => (2, 8),
                    _ => return Err(format!("unknown escape \\{e}")),
                };
                let mut digits = String::new();
                if radix == 8 {
                    digits.push(e);
                }
                for _ in 0..n {
                    digits.push(chars.next().ok_or("short escape")?);
                }
                let v = u32::from_str_radix(&digits, radix).map_err(|e| e.to_string())?;
                if e == 'u' || e == 'U' {
                    let c = char::from_u32(v).ok_or("escape is not a scalar value")?;
                    let mut buf = [0u8; 4];
                    bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                } else {
                    bytes.push(u8::try_from(v).map_err(|_| "byte escape over 255")?);
                }
            }
            c => {
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8".into())
}

fn check_exported(what: &str, input: &str, id: &str) {
    if !id.starts_with(|c: char| c.is_ascii_uppercase())
        || !id.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        fail(what, input, id, "not an exported ASCII identifier".into());
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    oaskit_fuzz::names_checked(text);

    let lit = string_literal(text);
    match go_unescape(&lit) {
        Ok(back) if back == text => {}
        Ok(back) => fail(
            "string_literal",
            text,
            &lit,
            format!("reads back as {back:?}"),
        ),
        Err(e) => fail("string_literal", text, &lit, e),
    }
    if let Err(e) = check_no_hidden("string_literal", &lit) {
        fail("string_literal", text, &lit, e);
    }

    for indent in ["", "\t"] {
        let doc = doc_comment(Some(text), indent);
        if let Err(e) = check_no_hidden("doc_comment", &doc) {
            fail("doc_comment", text, &doc, e);
        }
        if doc.is_empty() {
            continue;
        }
        if !doc.ends_with('\n') || doc.contains('\r') {
            fail("doc_comment", text, &doc, "not whole lines".into());
        }
        let lines: Vec<&str> = doc.lines().collect();
        let mut blank_before = true;
        for line in &lines {
            let Some(rest) = line.strip_prefix(indent).and_then(|l| l.strip_prefix("//")) else {
                fail(
                    "doc_comment",
                    text,
                    &doc,
                    format!("line outside the comment: {line:?}"),
                );
            };
            if rest.is_empty() {
                if blank_before {
                    fail(
                        "doc_comment",
                        text,
                        &doc,
                        "blank line first or twice".into(),
                    );
                }
                blank_before = true;
                continue;
            }
            blank_before = false;
            let Some(body) = rest.strip_prefix(' ') else {
                fail(
                    "doc_comment",
                    text,
                    &doc,
                    format!("a directive or glued text: {line:?}"),
                );
            };
            if body.starts_with(char::is_whitespace) || body.ends_with(char::is_whitespace) {
                fail(
                    "doc_comment",
                    text,
                    &doc,
                    format!("white space gofmt would move: {line:?}"),
                );
            }
        }
        if blank_before {
            fail("doc_comment", text, &doc, "blank last line".into());
        }
    }

    let c = comment_text(text);
    if c.contains('\n') {
        fail("comment_text", text, &c, "more than one line".into());
    }
    if let Err(e) = check_no_hidden("comment_text", &c) {
        fail("comment_text", text, &c, e);
    }

    check_exported("pascal_ident", text, &pascal_ident(text));
    check_exported("field_ident", text, &field_ident(text));

    let p = package_name(text);
    if !p.starts_with(|c: char| c.is_ascii_lowercase())
        || !p
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        || KEYWORDS.contains(&p.as_str())
        || PREDECLARED.contains(&p.as_str())
        || p == "main"
    {
        fail("package_name", text, &p, "not a usable package name".into());
    }
    for m in [module_path(None, text), module_path(Some(text), "x")] {
        if !is_module_path(&m) {
            fail("module_path", text, &m, "not a module path".into());
        }
    }
});
