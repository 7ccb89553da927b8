//! Text -> every Java escaper of oaskit_codegen::java (and oaskit_codegen::names), with
//! invariants:
//! - string_literal: a Java string literal (read back by the Java rules in `java_unescape`
//!   below, Unicode escapes first, as javac does) holding exactly the input, with nothing
//!   hidden raw and no Unicode escape that would stand for a line break, quote or backslash;
//! - doc_comment: a `/** ... */` block whose every line is `INDENT * text`, `INDENT *` or the
//!   delimiters, with no `*/`, no `@` outside the generator's own tags, no `<`, no backslash
//!   and nothing hidden inside;
//! - comment_text: one line, nothing hidden, no eligible Unicode escape;
//! - type_ident/member_ident/constant_ident: ASCII identifiers, never a keyword;
//! - package_name: always a package name `is_package_name` accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_codegen::java::{
    comment_text, constant_ident, doc_comment, is_package_name, member_ident, package_name,
    string_literal, type_ident, KEYWORDS,
};
use oaskit_fuzz::check_no_hidden;

fn fail(what: &str, input: &str, out: &str, why: String) -> ! {
    panic!("{what}: {why}\ninput:  {input:?}\noutput: {out:?}");
}

/// javac's first step: `\uXXXX` escapes (any number of `u`) whose backslash is preceded by an
/// even number of backslashes become the UTF-16 unit they name.
fn unicode_pass(src: &str) -> Result<Vec<u16>, String> {
    let units: Vec<u16> = src.encode_utf16().collect();
    let mut out = Vec::with_capacity(units.len());
    let mut i = 0;
    let mut run = 0;
    while i < units.len() {
        let c = units[i];
        if c == u16::from(b'\\') && run % 2 == 0 && units.get(i + 1) == Some(&u16::from(b'u')) {
            let mut j = i + 1;
            while units.get(j) == Some(&u16::from(b'u')) {
                j += 1;
            }
            let hex: String = units
                .get(j..j + 4)
                .ok_or("short Unicode escape")?
                .iter()
                .map(|&u| char::from_u32(u32::from(u)).unwrap_or('?'))
                .collect();
            out.push(u16::from_str_radix(&hex, 16).map_err(|e| e.to_string())?);
            i = j + 4;
            run = 0;
            continue;
        }
        run = if c == u16::from(b'\\') { run + 1 } else { 0 };
        out.push(c);
        i += 1;
    }
    Ok(out)
}

/// Reads one Java string literal (the whole of `lit`) as javac does: Unicode escapes first,
/// then `\b \s \t \n \f \r \" \' \\`, octal escapes; a raw line break or an unescaped `"`
/// inside is an error.
fn java_unescape(lit: &str) -> Result<String, String> {
    let units = unicode_pass(lit)?;
    let q = u16::from(b'"');
    if units.len() < 2 || units[0] != q || units[units.len() - 1] != q {
        return Err("not a double-quoted literal".into());
    }
    let inner = &units[1..units.len() - 1];
    let mut out: Vec<u16> = Vec::new();
    let mut i = 0;
    while i < inner.len() {
        let c = inner[i];
        if c == q {
            return Err("unescaped quote inside".into());
        }
        if c == u16::from(b'\n') || c == u16::from(b'\r') {
            return Err("raw line break".into());
        }
        if c != u16::from(b'\\') {
            out.push(c);
            i += 1;
            continue;
        }
        let e = *inner.get(i + 1).ok_or("dangling backslash")?;
        i += 2;
        let simple = match char::from_u32(u32::from(e)) {
            Some('b') => Some(8),
            Some('s') => Some(32),
            Some('t') => Some(9),
            Some('n') => Some(10),
            Some('f') => Some(12),
            Some('r') => Some(13),
            Some('"') => Some(34),
            Some('\'') => Some(39),
            Some('\\') => Some(92),
            _ => None,
        };
        if let Some(s) = simple {
            out.push(s);
            continue;
        }
        let digit = |u: u16| (u16::from(b'0')..=u16::from(b'7')).contains(&u);
        if !digit(e) {
            return Err(format!(
                "unknown escape \\{}",
                char::from_u32(u32::from(e)).unwrap_or('?')
            ));
        }
        // Octal: up to three digits when the first is 0-3, else up to two.
        let max = if e <= u16::from(b'3') { 3 } else { 2 };
        let mut v = u32::from(e - u16::from(b'0'));
        let mut n = 1;
        while n < max && inner.get(i).is_some_and(|&u| digit(u)) {
            v = v * 8 + u32::from(inner[i] - u16::from(b'0'));
            i += 1;
            n += 1;
        }
        out.push(u16::try_from(v).map_err(|_| "octal escape too large")?);
    }
    String::from_utf16(&out).map_err(|_| "not UTF-16".into())
}

/// Whether `src` holds a backslash javac would read as the start of a Unicode escape.
fn eligible_unicode_escape(src: &str) -> bool {
    let b = src.as_bytes();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\\' {
            if run % 2 == 0 && b.get(i + 1) == Some(&b'u') {
                return true;
            }
            run += 1;
        } else {
            run = 0;
        }
    }
    false
}

fn check_ident(what: &str, input: &str, id: &str) {
    if id.is_empty()
        || id.starts_with(|c: char| c.is_ascii_digit())
        || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        || KEYWORDS.contains(&id)
    {
        fail(what, input, id, "not a Java identifier".into());
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    oaskit_fuzz::names_checked(text);

    let lit = string_literal(text);
    match java_unescape(&lit) {
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

    for indent in ["", "    "] {
        let doc = doc_comment(Some(text), &[("@param", "x", text)], indent);
        if let Err(e) = check_no_hidden("doc_comment", &doc) {
            fail("doc_comment", text, &doc, e);
        }
        if eligible_unicode_escape(&doc) {
            fail("doc_comment", text, &doc, "a Unicode escape".into());
        }
        let lines: Vec<&str> = doc.lines().collect();
        if lines.first() != Some(&format!("{indent}/**").as_str())
            || lines.last() != Some(&format!("{indent} */").as_str())
            || !doc.ends_with('\n')
            || doc.contains('\r')
        {
            fail("doc_comment", text, &doc, "not one Javadoc block".into());
        }
        for line in &lines[1..lines.len() - 1] {
            let Some(rest) = line.strip_prefix(&format!("{indent} *")) else {
                fail(
                    "doc_comment",
                    text,
                    &doc,
                    format!("line outside the comment: {line:?}"),
                );
            };
            let body = rest.strip_prefix(' ').unwrap_or(rest);
            let body = body.strip_prefix("@param x").unwrap_or(body);
            if body.contains("*/") || body.contains('@') || body.contains('<') && body != "<p>" {
                fail(
                    "doc_comment",
                    text,
                    &doc,
                    format!("a comment end, tag or HTML: {line:?}"),
                );
            }
        }
    }

    let c = comment_text(text);
    if c.contains('\n') || eligible_unicode_escape(&c) {
        fail(
            "comment_text",
            text,
            &c,
            "more than one line or a Unicode escape".into(),
        );
    }
    if let Err(e) = check_no_hidden("comment_text", &c) {
        fail("comment_text", text, &c, e);
    }

    let t = type_ident(text);
    check_ident("type_ident", text, &t);
    if !t.starts_with(|c: char| c.is_ascii_uppercase()) {
        fail("type_ident", text, &t, "not upper case first".into());
    }
    check_ident("member_ident", text, &member_ident(text));
    check_ident("constant_ident", text, &constant_ident(text));

    for p in [package_name(None, text), package_name(Some(text), "x")] {
        if !is_package_name(&p) {
            fail("package_name", text, &p, "not a package name".into());
        }
    }
});
