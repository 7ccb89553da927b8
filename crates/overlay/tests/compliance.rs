//! The JSONPath Compliance Test Suite (RFC 9535), run through the overlay crate's own query
//! entry point: every valid selector must give the expected values and normalized paths (the
//! paths are how overlays find the nodes to change), every invalid one must be refused.
//!
//! `data/jsonpath-cts/cts.json` is the suite's `cts.json` at commit
//! 7be7c1fc28057c91e8eefaf197060fba7ed43acd of jsonpath-standard/jsonpath-compliance-test-suite
//! (BSD-2 licence, `data/jsonpath-cts/LICENSE` and `NOTICE`).

use oaskit_overlay::{Query, Step};
use serde_json::Value;

/// Cases expected to fail, by name, with the reason. Empty: the whole suite passes.
const XFAIL: &[(&str, &str)] = &[];

fn suite() -> Vec<Value> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/jsonpath-cts/cts.json"),
    )
    .expect("cts.json");
    let mut doc: Value = serde_json::from_str(&text).expect("cts.json is JSON");
    match doc["tests"].take() {
        Value::Array(tests) => tests,
        _ => panic!("cts.json has no tests array"),
    }
}

/// The RFC 9535 normalized path of a list of steps (section 2.7).
fn normalized(steps: &[Step]) -> String {
    let mut out = String::from("$");
    for s in steps {
        match s {
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Key(k) => {
                out.push_str("['");
                for c in k.chars() {
                    match c {
                        '\'' => out.push_str("\\'"),
                        '\\' => out.push_str("\\\\"),
                        '\u{8}' => out.push_str("\\b"),
                        '\u{c}' => out.push_str("\\f"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                        c => out.push(c),
                    }
                }
                out.push_str("']");
            }
        }
    }
    out
}

/// Why a case fails, or `None` when it passes.
fn run(case: &Value) -> Option<String> {
    let selector = case["selector"].as_str().expect("selector");
    let compiled = Query::compile(selector);
    if case["invalid_selector"] == Value::Bool(true) {
        return compiled
            .is_ok()
            .then(|| format!("{selector:?} was accepted but is invalid"));
    }
    let query = match compiled {
        Ok(q) => q,
        Err(e) => return Some(format!("{selector:?} was refused: {e}")),
    };
    let doc = &case["document"];
    let values: Vec<Value> = query.values(doc).into_iter().cloned().collect();
    let paths: Vec<Value> = query
        .select(doc)
        .iter()
        .map(|s| Value::String(normalized(s)))
        .collect();
    let expected: Vec<(&Value, &Value)> = if case.get("results").is_some() {
        let results = case["results"].as_array().expect("results");
        let paths = case["results_paths"].as_array().expect("results_paths");
        results.iter().zip(paths).collect()
    } else {
        vec![(&case["result"], &case["result_paths"])]
    };
    let ok = expected
        .iter()
        .any(|(r, p)| r.as_array() == Some(&values) && p.as_array() == Some(&paths));
    (!ok).then(|| format!("{selector:?} gave {values:?} at {paths:?}"))
}

#[test]
fn the_jsonpath_compliance_suite_passes() {
    let tests = suite();
    assert!(tests.len() >= 700, "the suite has {} cases", tests.len());
    let mut failures = Vec::new();
    let mut xpassed = Vec::new();
    for case in &tests {
        let name = case["name"].as_str().expect("name");
        let outcome = run(case);
        match (outcome, XFAIL.iter().any(|(n, _)| *n == name)) {
            (Some(why), false) => failures.push(format!("{name}: {why}")),
            (None, true) => xpassed.push(name.to_string()),
            _ => {}
        }
    }
    assert!(
        failures.is_empty() && xpassed.is_empty(),
        "{} of {} cases failed:\n{}\nunexpectedly passed: {xpassed:?}",
        failures.len(),
        tests.len(),
        failures.join("\n")
    );
}

#[test]
fn the_normalized_path_writer_follows_the_rfc() {
    let steps = [Step::Key("a'b\\\n".into()), Step::Index(2)];
    assert_eq!(normalized(&steps), "$['a\\'b\\\\\\n'][2]");
}
