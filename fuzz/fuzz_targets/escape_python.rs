//! Text -> every Python escaper of oaskit_codegen::python (and oaskit_codegen::names), with
//! invariants:
//! - string_literal: reads back (by the unescaper in oaskit_fuzz) to exactly the input;
//! - docstring: one `"""` literal that ends only at its last `"""`, every escape valid;
//! - comment_text: one line;
//! - snake/upper/pascal_ident: identifiers that are not keywords (upper in upper case);
//! - nothing hidden (bidi controls, U+2028/U+2029, controls) in any output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_codegen::python::{comment_text, docstring, pascal_ident, snake, string_literal, upper};
use oaskit_fuzz::{check_no_hidden, check_python_ident, python_unescape};

fn fail(what: &str, input: &str, out: &str, why: String) -> ! {
    panic!("{what}: {why}\ninput:  {input:?}\noutput: {out:?}");
}

/// Checks a docstring: `indent"""...""""\n` with the body a valid triple-quoted string.
fn check_docstring(text: &str, indent: &str, doc: &str) {
    let Some(body) = doc
        .strip_prefix(indent)
        .and_then(|d| d.strip_prefix("\"\"\""))
        .and_then(|d| d.strip_suffix("\"\"\"\n"))
    else {
        fail("docstring", text, doc, "not indent + \"\"\"...\"\"\"".into());
    };
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    let mut bare_quote_last = false;
    while i < chars.len() {
        bare_quote_last = false;
        match chars[i] {
            '\\' => {
                let next = chars.get(i + 1).copied();
                if !matches!(next, Some('\\' | '"' | '\'' | 'n' | 't' | 'r' | '\n')) {
                    fail("docstring", text, doc, format!("escape \\{next:?} Python refuses or reads oddly"));
                }
                i += 2;
            }
            '"' if chars.get(i + 1) == Some(&'"') && chars.get(i + 2) == Some(&'"') => {
                fail("docstring", text, doc, "\"\"\" ends the docstring early".into());
            }
            '\r' => fail("docstring", text, doc, "raw CR".into()),
            c => {
                bare_quote_last = c == '"';
                i += 1;
            }
        }
    }
    // A bare quote right before the closing `"""` makes `""""`: the string ends one quote early.
    if bare_quote_last {
        fail("docstring", text, doc, "body ends with a bare quote".into());
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    oaskit_fuzz::names_checked(text);

    let lit = string_literal(text);
    match python_unescape(&lit) {
        Ok(back) if back == text => {}
        Ok(back) => fail("string_literal", text, &lit, format!("reads back as {back:?}")),
        Err(e) => fail("string_literal", text, &lit, e),
    }
    if let Err(e) = check_no_hidden("string_literal", &lit) {
        fail("string_literal", text, &lit, e);
    }

    for indent in ["", "    "] {
        let doc = docstring(Some(text), indent);
        if let Err(e) = check_no_hidden("docstring", &doc) {
            fail("docstring", text, &doc, e);
        }
        if !doc.is_empty() {
            check_docstring(text, indent, &doc);
        }
    }

    let c = comment_text(text);
    if c.contains(['\n', '\r']) {
        fail("comment_text", text, &c, "more than one line".into());
    }
    if let Err(e) = check_no_hidden("comment_text", &c) {
        fail("comment_text", text, &c, e);
    }

    for (what, id) in [("snake", snake(text)), ("upper", upper(text)), ("pascal_ident", pascal_ident(text))] {
        if let Err(e) = check_python_ident(&id) {
            fail(what, text, &id, e);
        }
    }
    let u = upper(text);
    if u.chars().any(|c| c.is_ascii_lowercase()) {
        fail("upper", text, &u, "not upper case".into());
    }
});
