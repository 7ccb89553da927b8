//! Differential test on real OpenAPI definitions (/work/shared/specs/real) and on the
//! benchmark's inlined 2020-12 schemas: every component schema is compiled by this crate and
//! by `jsonschema`, and both evaluate the schema's own `example` plus mutated instances. They
//! must agree on validity, and each one's first error must be among the other's errors (same
//! instance location, same keyword location in the document).

mod common;

use std::collections::BTreeSet;

use oaskit_schema::{Dialect, Document, Options};
use serde_json::{json, Value};

const BASE: &str = "urn:oaskit:doc";

fn byte_format(s: &str) -> bool {
    let t = s.trim_end_matches('=');
    s.len() % 4 == 0
        && s.len() - t.len() <= 2
        && t.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
}

fn always(_: &str) -> bool {
    true
}

/// Instances for a schema: its example, mutations of it, and a few of every type.
fn instances(schema: &Value) -> Vec<Value> {
    let mut out = vec![
        json!(null),
        json!(true),
        json!(1),
        json!(-1.5),
        json!("x"),
        json!(""),
        json!([]),
        json!([1, "a"]),
        json!({}),
        json!({"unknown": 1}),
    ];
    if let Some(ex) = schema.get("example") {
        out.push(ex.clone());
        if let Value::Object(m) = ex {
            for k in m.keys().take(8) {
                let mut removed = m.clone();
                removed.remove(k);
                out.push(Value::Object(removed));
                let mut retyped = m.clone();
                let old = retyped[k].clone();
                retyped.insert(
                    k.clone(),
                    match old {
                        Value::String(_) => json!(12),
                        Value::Number(_) => json!("12"),
                        Value::Bool(_) => json!(null),
                        Value::Null => json!(false),
                        Value::Array(_) => json!({}),
                        Value::Object(_) => json!([]),
                    },
                );
                out.push(Value::Object(retyped));
            }
        }
    }
    out
}

/// A JSON pointer as a URI fragment (`{` and the like percent-encoded).
fn encode_fragment(ptr: &str) -> String {
    let mut out = String::new();
    for b in ptr.bytes() {
        if b.is_ascii_alphanumeric() || b"/~!$&'()*+,;=:@-._".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn fragment_of(uri: &str) -> String {
    let frag = uri.split_once('#').map_or("", |(_, f)| f);
    let b = frag.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(x) = u8::from_str_radix(&frag[i + 1..i + 3], 16) {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).expect("utf-8")
}

struct Outcome {
    schemas: usize,
    instances: usize,
    skipped: usize,
    invalid: usize,
    same_first: usize,
}

fn differential(doc_json: Value, pointers: &[(String, Vec<Value>)], draft4: bool) -> Outcome {
    let draft = if draft4 {
        jsonschema::Draft::Draft4
    } else {
        jsonschema::Draft::Draft202012
    };
    let registry = jsonschema::Registry::new()
        .draft(draft)
        .add(BASE, doc_json.clone())
        .and_then(jsonschema::RegistryBuilder::prepare)
        .expect("registry");
    let ours = Document::new(
        doc_json.clone(),
        Options::new()
            .with_dialect(if draft4 {
                Dialect::Draft4
            } else {
                Dialect::Draft202012
            })
            .with_base_uri(BASE)
            .with_formats(true)
            .with_format("byte", byte_format)
            .with_format("binary", always)
            .with_format("int32", always)
            .with_format("int64", always),
    );
    let mut outcome = Outcome {
        schemas: 0,
        instances: 0,
        skipped: 0,
        invalid: 0,
        same_first: 0,
    };
    let mut problems = Vec::new();
    for (ptr, extra) in pointers {
        let wrapper = json!({"$ref": format!("{BASE}#{}", encode_fragment(ptr))});
        let judge = jsonschema::options()
            .with_draft(draft)
            .with_registry(&registry)
            .should_validate_formats(true)
            .with_format("byte", byte_format)
            .with_format("binary", always)
            .with_format("int32", always)
            .with_format("int64", always)
            .build(&wrapper);
        let mine = ours.compile(ptr);
        let (judge, id) = match (judge, mine) {
            (Ok(j), Ok(id)) => (j, id),
            (Err(_), Err(_)) => {
                outcome.skipped += 1;
                continue;
            }
            (j, m) => {
                problems.push(format!(
                    "{ptr}: compiles differently: jsonschema {:?}, ours {:?}",
                    j.err().map(|e| e.to_string()),
                    m.err()
                ));
                continue;
            }
        };
        outcome.schemas += 1;
        let schema = doc_json.pointer(ptr).expect("schema");
        for inst in instances(schema).into_iter().chain(extra.iter().cloned()) {
            outcome.instances += 1;
            let a = ours.is_valid(id, &inst);
            let b = judge.is_valid(&inst);
            if a != b {
                problems.push(format!("{ptr}: {inst}: ours {a}, jsonschema {b}"));
                continue;
            }
            if a {
                continue;
            }
            let theirs: BTreeSet<(String, String)> = judge
                .iter_errors(&inst)
                .map(|e| {
                    (
                        e.instance_path().as_str().to_string(),
                        e.absolute_keyword_location()
                            .map(|u| fragment_of(u.as_str()))
                            .unwrap_or_default(),
                    )
                })
                .collect();
            let mine: BTreeSet<(String, String)> = ours
                .errors(id, &inst)
                .map(|e| {
                    (
                        e.instance_path().to_string(),
                        e.keyword_location().to_string(),
                    )
                })
                .collect();
            let my_first = ours.first_error(id, &inst).expect("an error");
            let my_first = (
                my_first.instance_path().to_string(),
                my_first.keyword_location().to_string(),
            );
            let their_first = judge.validate(&inst).expect_err("an error");
            let their_first = (
                their_first.instance_path().as_str().to_string(),
                their_first
                    .absolute_keyword_location()
                    .map(|u| fragment_of(u.as_str()))
                    .unwrap_or_default(),
            );
            outcome.invalid += 1;
            outcome.same_first += usize::from(my_first == their_first);

            if !theirs.contains(&my_first) || !mine.contains(&their_first) {
                problems.push(format!(
                    "{ptr}: {inst}: first errors differ: ours {my_first:?}, jsonschema {their_first:?}\n  ours all {mine:?}\n  theirs all {theirs:?}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    outcome
}

fn spec(name: &str) -> Value {
    let path = oaskit_testkit::shared_dir().join("specs/real").join(name);
    serde_json::from_slice(&std::fs::read(&path).expect("spec")).expect("json")
}

fn component_pointers(doc: &Value, under: &str) -> Vec<String> {
    doc.pointer(under)
        .and_then(Value::as_object)
        .map(|m| {
            m.keys()
                .map(|k| format!("{under}/{}", k.replace('~', "~0").replace('/', "~1")))
                .collect()
        })
        .unwrap_or_default()
}

/// The media-type schemas of the operations' responses, with the examples given beside them
/// (`examples` entries, following `$ref`s to `components/examples`, and `example`).
fn response_examples(doc: &Value) -> Vec<(String, Vec<Value>)> {
    let esc = |k: &str| k.replace('~', "~0").replace('/', "~1");
    let mut out = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        for (method, op) in item.as_object().into_iter().flatten() {
            for (status, resp) in op["responses"].as_object().into_iter().flatten() {
                for (media, content) in resp["content"].as_object().into_iter().flatten() {
                    if content.get("schema").is_none() {
                        continue;
                    }
                    let mut values = Vec::new();
                    if let Some(e) = content.get("example") {
                        values.push(e.clone());
                    }
                    for (_, ex) in content["examples"].as_object().into_iter().flatten() {
                        let ex = match ex.get("$ref").and_then(Value::as_str) {
                            Some(r) => doc
                                .pointer(r.trim_start_matches('#'))
                                .unwrap_or(&Value::Null),
                            None => ex,
                        };
                        if let Some(v) = ex.get("value") {
                            values.push(v.clone());
                        }
                    }
                    if !values.is_empty() {
                        out.push((
                            format!(
                                "/paths/{}/{}/responses/{}/content/{}/schema",
                                esc(path),
                                esc(method),
                                esc(status),
                                esc(media)
                            ),
                            values,
                        ));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn github_response_examples() {
    let doc = spec("github-api.json");
    let items = response_examples(&doc);
    let examples: usize = items.iter().map(|(_, v)| v.len()).sum();
    assert!(examples > 500, "{examples} examples");
    let o = differential(doc, &items, true);
    println!(
        "github-api.json responses: {} schemas with {examples} examples; {} instances agree; {} invalid, the same first error for {}",
        o.schemas, o.instances, o.invalid, o.same_first
    );
}

fn run(name: &str, under: &str, draft4: bool) {
    let doc = spec(name);
    let ptrs: Vec<(String, Vec<Value>)> = component_pointers(&doc, under)
        .into_iter()
        .map(|p| (p, Vec::new()))
        .collect();
    assert!(!ptrs.is_empty(), "{name}: no schemas under {under}");
    let o = differential(doc, &ptrs, draft4);
    println!(
        "{name}: {} schemas, {} instances agree ({} schemas compiled by neither); {} invalid, the same first error for {}",
        o.schemas, o.instances, o.skipped, o.invalid, o.same_first
    );
    assert!(
        o.schemas * 10 >= ptrs.len() * 9,
        "{name}: too few schemas compiled"
    );
}

#[test]
fn github_components() {
    run("github-api.json", "/components/schemas", true);
}

#[test]
fn stripe_components() {
    run("stripe-spec3.json", "/components/schemas", true);
}

#[test]
fn kubernetes_definitions() {
    run("k8s-1.13-swagger.json", "/definitions", true);
}

#[test]
fn discord_components_2020_12() {
    run("discord-openapi.json", "/components/schemas", false);
}

#[test]
fn bench_payloads_2020_12() {
    let dir = oaskit_testkit::shared_dir().join("bench/payload");
    let cases: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.join("cases.json")).expect("cases"))
            .expect("json");
    for c in &cases {
        let name = c["case"].as_str().expect("case");
        let read = |f: String| -> Value {
            serde_json::from_slice(&std::fs::read(dir.join(f)).expect("file")).expect("json")
        };
        let schema = read(format!("schema-{name}.json"));
        let valid = read(format!("{name}.valid.json"));
        let invalid = read(format!("{name}.invalid.json"));
        let doc = Document::new(schema.clone(), Options::new().with_formats(true));
        let id = doc.compile("").expect("compile");
        let judge = common::judge(&schema, false, true).expect("judge");
        assert!(doc.is_valid(id, &valid), "{name}: valid payload");
        assert!(judge.is_valid(&valid), "{name}: valid payload (judge)");
        assert!(!doc.is_valid(id, &invalid), "{name}: invalid payload");
        let mine: BTreeSet<(String, String)> = doc
            .errors(id, &invalid)
            .map(|e| {
                (
                    e.instance_path().to_string(),
                    e.keyword_location().to_string(),
                )
            })
            .collect();
        let theirs: BTreeSet<(String, String)> = judge
            .iter_errors(&invalid)
            .map(|e| {
                (
                    e.instance_path().as_str().to_string(),
                    e.schema_path().as_str().to_string(),
                )
            })
            .collect();
        assert_eq!(mine, theirs, "{name}: error locations");
        let texts: BTreeSet<String> = doc.errors(id, &invalid).map(|e| e.to_string()).collect();
        let their_texts: BTreeSet<String> =
            judge.iter_errors(&invalid).map(|e| e.to_string()).collect();
        assert_eq!(texts, their_texts, "{name}: messages");
    }
}
