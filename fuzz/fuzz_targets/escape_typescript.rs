//! Text -> every TypeScript escaper of oaskit_codegen::typescript (and oaskit_codegen::names),
//! with invariants:
//! - string_literal: valid JSON (so a valid JS literal) holding exactly the input, with no raw
//!   line terminator (LF, CR, U+2028, U+2029);
//! - doc_comment: one `/**` ... `*/` block whose only `*/` is the last, every inner line starting
//!   with the indent and ` *`;
//! - property_key: the input itself when bare (and then an identifier name), else a literal of it;
//! - camel/pascal_ident: identifiers that are not reserved words;
//! - nothing hidden (bidi controls, U+2028/U+2029, controls) in any output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_codegen::typescript::{camel, doc_comment, pascal_ident, property_key, string_literal};
use oaskit_fuzz::{check_no_hidden, check_ts_ident};

fn fail(what: &str, input: &str, out: &str, why: String) -> ! {
    panic!("{what}: {why}\ninput:  {input:?}\noutput: {out:?}");
}

fn check_literal(what: &str, text: &str, lit: &str) {
    match serde_json::from_str::<String>(lit) {
        Ok(back) if back == text => {}
        Ok(back) => fail(what, text, lit, format!("reads back as {back:?}")),
        Err(e) => fail(what, text, lit, format!("not a JSON string: {e}")),
    }
    if let Err(e) = check_no_hidden(what, lit) {
        fail(what, text, lit, e);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    oaskit_fuzz::names_checked(text);

    check_literal("string_literal", text, &string_literal(text));

    let key = property_key(text);
    if key.starts_with('"') {
        check_literal("property_key", text, &key);
    } else if key != text || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') || key.starts_with(|c: char| c.is_ascii_digit()) || key.is_empty() {
        fail("property_key", text, &key, "bare key that is not the input or not an identifier name".into());
    }

    for indent in ["", "  "] {
        let doc = doc_comment(Some(text), indent);
        if let Err(e) = check_no_hidden("doc_comment", &doc) {
            fail("doc_comment", text, &doc, e);
        }
        if doc.is_empty() {
            continue;
        }
        if !doc.starts_with(&format!("{indent}/**")) || !doc.ends_with("*/\n") {
            fail("doc_comment", text, &doc, "not one /** */ block".into());
        }
        if doc.matches("*/").count() != 1 {
            fail("doc_comment", text, &doc, "`*/` before the end closes the comment early".into());
        }
        if doc.contains('\r') {
            fail("doc_comment", text, &doc, "raw CR".into());
        }
        let lines: Vec<&str> = doc.lines().collect();
        if lines.len() > 1 {
            for line in &lines[1..] {
                if !line.starts_with(&format!("{indent} *")) {
                    fail("doc_comment", text, &doc, format!("line without ` *`: {line:?}"));
                }
            }
        }
    }

    for (what, id) in [("camel", camel(text)), ("pascal_ident", pascal_ident(text))] {
        if let Err(e) = check_ts_ident(&id) {
            fail(what, text, &id, e);
        }
    }
});
