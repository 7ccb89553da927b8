//! Text -> every Rust escaper of oaskit_codegen::rust (and the shared oaskit_codegen::names),
//! with invariants:
//! - string_literal: reads back (by the unescaper in oaskit_fuzz) to exactly the input;
//! - doc_comment: every line starts with the indent and `///`, no code fence (``` or ~~~) and
//!   no indented code block that rustdoc would run as a doctest, no raw `<`/`>`;
//! - snake/pascal_ident: valid Rust identifiers (raw only when they may be), snake in lower case;
//! - nothing hidden (bidi controls, U+2028/U+2029, controls) in any output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_codegen::rust::{doc_comment, pascal_ident, snake, string_literal};
use oaskit_fuzz::{check_no_hidden, check_rust_ident, rust_unescape};

fn fail(what: &str, input: &str, out: &str, why: String) -> ! {
    panic!("{what}: {why}\ninput:  {input:?}\noutput: {out:?}");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    oaskit_fuzz::names_checked(text);

    let lit = string_literal(text);
    match rust_unescape(&lit) {
        Ok(back) if back == text => {}
        Ok(back) => fail("string_literal", text, &lit, format!("reads back as {back:?}")),
        Err(e) => fail("string_literal", text, &lit, e),
    }
    if let Err(e) = check_no_hidden("string_literal", &lit) {
        fail("string_literal", text, &lit, e);
    }

    for indent in ["", "    "] {
        let doc = doc_comment(Some(text), indent);
        if let Err(e) = check_no_hidden("doc_comment", &doc) {
            fail("doc_comment", text, &doc, e);
        }
        if !doc.is_empty() && !doc.ends_with('\n') {
            fail("doc_comment", text, &doc, "no final newline".into());
        }
        for line in doc.lines() {
            let Some(rest) = line.strip_prefix(indent).and_then(|l| l.strip_prefix("///")) else {
                fail("doc_comment", text, &doc, format!("line outside the comment: {line:?}"));
            };
            if rest.starts_with('/') {
                fail("doc_comment", text, &doc, format!("`////` is a plain comment: {line:?}"));
            }
            // rustdoc strips the one space after `///`; what remains is Markdown.
            let md = rest.strip_prefix(' ').unwrap_or(rest);
            if md.contains("```") || md.contains("~~~") {
                fail("doc_comment", text, &doc, format!("code fence (a doctest): {line:?}"));
            }
            if md.starts_with("    ") || md.starts_with('\t') {
                fail("doc_comment", text, &doc, format!("indented code block (a doctest): {line:?}"));
            }
            if md.contains('<') || md.contains('>') {
                fail("doc_comment", text, &doc, format!("raw HTML: {line:?}"));
            }
        }
    }

    let s = snake(text);
    if let Err(e) = check_rust_ident(&s) {
        fail("snake", text, &s, e);
    }
    if s.trim_start_matches("r#").chars().any(|c| c.is_ascii_uppercase()) {
        fail("snake", text, &s, "not snake_case".into());
    }
    let p = pascal_ident(text);
    if let Err(e) = check_rust_ident(&p) {
        fail("pascal_ident", text, &p, e);
    }
});
