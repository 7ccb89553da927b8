//! The official JSON Schema Test Suite (draft 2020-12 and draft 4, with `optional/` and
//! `optional/format/`), run through this evaluator and through the `jsonschema` crate as
//! differential judge. Both must give the suite's expected result, except the cases listed in
//! `tests/suite-exceptions.txt` (each with a reason); a listed case that passes fails the test
//! too, so the list cannot go stale.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use oaskit_schema::{Dialect, Document, Options};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Ours,
    Judge,
    Both,
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("suite directory")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

struct Exception {
    who: Who,
    pattern: String,
    used: bool,
}

fn exceptions() -> Vec<Exception> {
    let text = include_str!("suite-exceptions.txt");
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, " | ");
        let who = match parts.next() {
            Some("ours") => Who::Ours,
            Some("judge") => Who::Judge,
            Some("both") => Who::Both,
            other => panic!("bad exception line (who = {other:?}): {line}"),
        };
        let pattern = parts.next().expect("case").trim().to_string();
        let reason = parts.next().unwrap_or("").trim();
        assert!(!reason.is_empty(), "exception without a reason: {line}");
        out.push(Exception {
            who,
            pattern,
            used: false,
        });
    }
    out
}

/// Whether the exception `pattern` (a file, `file :: group` or `file :: group :: test`) covers
/// `case`.
fn covers(pattern: &str, case: &str) -> bool {
    case == pattern || case.starts_with(&format!("{pattern} :: "))
}

#[test]
fn json_schema_test_suite() {
    let root = common::suite_dir();
    let mut exceptions = exceptions();
    let mut unexpected = Vec::new();
    let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for draft in ["draft2020-12", "draft4"] {
        let draft4 = draft == "draft4";
        let mut list = Vec::new();
        files(&root.join(draft), &mut list);
        for file in list {
            let rel = file
                .strip_prefix(&root)
                .expect("relative")
                .to_string_lossy()
                .to_string();
            let formats = rel.contains("optional/format/");
            let groups: Vec<Value> =
                serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
            for g in &groups {
                let schema = &g["schema"];
                let options = Options::new()
                    .with_formats(formats)
                    .with_dialect(if draft4 {
                        Dialect::Draft4
                    } else {
                        Dialect::Draft202012
                    });
                let doc = Document::new(schema.clone(), options);
                let compiled = doc.compile("");
                let judge = common::judge(schema, draft4, formats);
                for t in g["tests"].as_array().expect("tests") {
                    let case = format!(
                        "{rel} :: {} :: {}",
                        g["description"].as_str().unwrap_or(""),
                        t["description"].as_str().unwrap_or("")
                    );
                    let expected = t["valid"].as_bool().expect("valid");
                    let data = &t["data"];
                    let ours = compiled.as_ref().ok().map(|id| {
                        let v = doc.is_valid(*id, data);
                        let errs = doc.errors(*id, data).count();
                        assert_eq!(v, errs == 0, "is_valid and errors disagree: {case}");
                        assert_eq!(v, doc.first_error(*id, data).is_none(), "{case}");
                        v
                    });
                    let theirs = judge.as_ref().map(|j| j.is_valid(data));
                    let ours_ok = ours == Some(expected);
                    let judge_ok = theirs == Some(expected);
                    let c = counts.entry(draft.to_string()).or_default();
                    c[0] += 1;
                    c[1] += usize::from(ours_ok);
                    c[2] += usize::from(judge_ok);
                    let failing = match (ours_ok, judge_ok) {
                        (true, true) => None,
                        (false, true) => Some(Who::Ours),
                        (true, false) => Some(Who::Judge),
                        (false, false) => Some(Who::Both),
                    };
                    let listed = exceptions.iter_mut().find(|e| covers(&e.pattern, &case));
                    match (failing, listed) {
                        (None, None) => {}
                        (Some(w), Some(e)) if e.who == w => e.used = true,
                        (f, e) => unexpected.push(format!(
                            "{case}: failing {f:?}, listed {:?} (ours: {}, judge: {:?}, expected {expected})",
                            e.map(|e| e.who),
                            match &compiled {
                                Ok(_) => format!("{ours:?}"),
                                Err(e) => format!("compile error: {e}"),
                            },
                            theirs
                        )),
                    }
                }
            }
        }
    }
    for (draft, [total, ours, judge]) in &counts {
        println!("{draft}: {total} cases, oaskit-schema passes {ours}, jsonschema passes {judge}");
    }
    let stale: Vec<_> = exceptions
        .iter()
        .filter(|e| !e.used)
        .map(|e| e.pattern.clone())
        .collect();
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "{} unexpected results:\n{}\n{} stale exceptions:\n{}",
        unexpected.len(),
        unexpected.join("\n"),
        stale.len(),
        stale.join("\n")
    );
}
