//! The conformance set: every file in `tests/conformance/` holds a definition and cases, each
//! a message and its expected verdict (`ok: true`, or the violation `codes`, optionally the
//! `part` of the first violation and the `count` of violations).

use std::path::Path;

use oaskit_validator::{GatewayChecks, Options, Report, Request, Response, Validator};
use serde_json::Value;

fn message_line(line: &str) -> (String, String) {
    let (m, u) = line.split_once(' ').expect("METHOD URL");
    (m.to_string(), u.to_string())
}

fn headers(case: &Value) -> Vec<(String, String)> {
    let mut h: Vec<(String, String)> = case
        .get("h")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default();
    if let Some(ct) = case.get("ct").and_then(Value::as_str) {
        h.push(("Content-Type".into(), ct.into()));
    }
    h
}

fn run(validator: &Validator, case: &Value) -> Report {
    let body = case
        .get("body")
        .and_then(Value::as_str)
        .unwrap_or("")
        .as_bytes()
        .to_vec();
    if let Some(line) = case.get("req").and_then(Value::as_str) {
        let (method, url) = message_line(line);
        let req = Request {
            method,
            url,
            headers: headers(case),
            body,
        };
        validator.validate_request(&req)
    } else {
        let (method, url) = message_line(
            case.get("resp")
                .and_then(Value::as_str)
                .expect("req or resp"),
        );
        let status = case.get("status").and_then(Value::as_u64).expect("status") as u16;
        let resp = Response {
            status,
            headers: headers(case),
            body,
        };
        validator.validate_response(&method, &url, &resp)
    }
}

#[test]
fn conformance_set() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let (mut total, mut failures) = (0usize, Vec::new());
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let src = oaskit_core::SourceFile::new("case".into(), oaskit_core::Origin::Memory, text);
        let tree = oaskit_core::parse::yaml(&src, 0, &oaskit_core::Limits::default())
            .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        let all = tree.to_json();
        let spec_text = oaskit_core::to_json(tree.get("spec").expect("spec"));
        let spec = oaskit_core::load_str("spec.json", &spec_text, &oaskit_core::LoadOptions::new());
        let errors: Vec<_> = spec.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(
            errors.is_empty(),
            "{}: the definition itself is invalid: {errors:?}",
            file.display()
        );
        // `gateway: true` (REST APIs) or `gateway: http`.
        let gateway = match all.pointer("/options/gateway") {
            Some(Value::Bool(true)) => Some(GatewayChecks::Rest),
            Some(Value::String(s)) if s == "http" => Some(GatewayChecks::Http),
            _ => None,
        };
        let validator = Validator::with_options(
            spec.document.as_ref().expect("doc"),
            &Options::new().with_gateway(gateway),
        )
        .expect("builds");
        assert!(
            validator.warnings().is_empty(),
            "{}: {:?}",
            file.display(),
            validator.warnings()
        );
        for case in all["cases"].as_array().expect("cases") {
            total += 1;
            let name = format!(
                "{}: {}",
                file.file_name().unwrap_or_default().to_string_lossy(),
                case["name"].as_str().unwrap_or("?")
            );
            let report = run(&validator, case);
            let mut got: Vec<&str> = report.codes();
            got.sort_unstable();
            got.dedup();
            let want: Vec<&str> = if case.get("ok").and_then(Value::as_bool) == Some(true) {
                Vec::new()
            } else {
                let mut w: Vec<&str> = case["codes"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{name}: ok or codes"))
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                w.sort_unstable();
                w
            };
            if got != want {
                failures.push(format!("{name}: expected {want:?}, got {report}"));
                continue;
            }
            if let Some(part) = case.get("part").and_then(Value::as_str) {
                let first = report
                    .violations
                    .first()
                    .map(|v| v.part.to_string())
                    .unwrap_or_default();
                if first != part {
                    failures.push(format!(
                        "{name}: expected the violation at {part}, got {report}"
                    ));
                }
            }
            if let Some(n) = case.get("count").and_then(Value::as_u64) {
                if report.violations.len() as u64 != n {
                    failures.push(format!("{name}: expected {n} violations, got {report}"));
                }
            }
            for v in &report.violations {
                oaskit_testkit::assert_explained(v.code, &[oaskit_validator::codes::CODES]);
                assert!(!v.message.is_empty(), "{name}: empty message");
            }
        }
    }
    assert!(total >= 150, "only {total} cases");
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
