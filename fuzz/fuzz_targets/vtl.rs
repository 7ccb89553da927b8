//! Bytes -> an API Gateway mapping template (oaskit_vtl), up to a 0xFF byte, and the payload
//! after it. Parsing and rendering must never panic or hang, whatever the template, with
//! invariants:
//! - every error points inside the template (1-based line and column);
//! - a rendering stays within its Limits (output size) and ends (steps);
//! - rendering is deterministic: twice the same input, twice the same result.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_vtl::{Input, Limits, Template};

fn check_position(what: &str, template: &str, line: usize, column: usize) {
    let lines = template.split('\n').count();
    assert!(
        line >= 1 && line <= lines && column >= 1,
        "{what} at line {line}, column {column}, outside the template:\n{template:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let (template, body) = match data.iter().position(|&b| b == 0xFF) {
        Some(p) => (&data[..p], &data[p + 1..]),
        None => (data, &b"{\"a\": [1, {\"b\": \"c\"}], \"n\": 2.5}"[..]),
    };
    let template = String::from_utf8_lossy(template);
    let template = template.as_ref();
    let parsed = match Template::parse(template) {
        Ok(t) => t,
        Err(e) => {
            check_position("parse error", template, e.line, e.column);
            return;
        }
    };
    let mut input = Input {
        body: String::from_utf8_lossy(body).into_owned(),
        ..Input::default()
    };
    input.path.insert("id".into(), "7".into());
    input.querystring.insert("q".into(), "a b".into());
    input.header.insert("X-Trace".into(), "t".into());
    input.context = serde_json::json!({"stage": "test", "identity": {"sourceIp": "127.0.0.1"}});
    input.stage_variables.insert("v".into(), "1".into());
    let limits = Limits {
        max_output_bytes: 1 << 16,
        max_steps: 100_000,
        max_depth: 32,
    };
    let first = parsed.render_with(&input, &limits);
    match &first {
        Ok(r) => assert!(
            r.output.len() <= limits.max_output_bytes,
            "output of {} bytes over the limit:\n{template:?}",
            r.output.len()
        ),
        Err(e) => check_position("render error", template, e.line, e.column),
    }
    let second = parsed.render_with(&input, &limits);
    assert_eq!(first, second, "two renderings differ:\n{template:?}");
});
