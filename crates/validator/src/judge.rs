//! The differential judge: every schema the validator checks (parameters, bodies and headers of
//! every operation, requests' and responses' translations) is also compiled by the `jsonschema`
//! crate over the same translated document, and both evaluate the same instances: the
//! conformance cases' bodies, the definition's own examples and mutations of them, and a value
//! of every JSON type. They must agree on validity, and on every violation: the same instance
//! locations and the same rules (keyword locations in the definition). What the two do not
//! agree on is listed in [`EXCEPTIONS`] with the reason; a listed entry that agrees fails the
//! test, so the list cannot go stale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::{byte_format, Options, Validator, REQ_URI, RESP_URI};

/// Disagreements that are known and explained: (definition file name, direction, schema
/// pointer, instance as compact JSON, why).
const EXCEPTIONS: &[(&str, &str, &str, &str, &str)] = &[];

/// The definitions judged: the conformance set, the bundled examples and some real ones.
fn definitions() -> Vec<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<PathBuf> = std::fs::read_dir(here.join("tests/conformance"))
        .expect("conformance set")
        .flatten()
        .map(|e| e.path())
        .collect();
    for f in ["petstore.yaml", "gateway-crud.yaml", "runtime.yaml"] {
        out.push(here.join("../../specs").join(f));
    }
    let real = oaskit_testkit::shared_dir().join("specs/real");
    for f in [
        "discord-openapi.json",
        "twilio-messaging-v1.yaml",
        "docker-engine-swagger.yaml",
    ] {
        out.push(real.join(f));
    }
    out.sort();
    out
}

/// The definition of a file: a conformance file holds it under `spec`, with `cases`.
fn load(path: &Path) -> (oaskit_core::Loaded, Vec<Value>) {
    let text = std::fs::read_to_string(path).expect("readable");
    let mut bodies = Vec::new();
    if path.to_string_lossy().contains("conformance") {
        let src = oaskit_core::SourceFile::new("case".into(), oaskit_core::Origin::Memory, text);
        let tree =
            oaskit_core::parse::yaml(&src, 0, &oaskit_core::Limits::default()).expect("yaml");
        let all = tree.to_json();
        for case in all["cases"].as_array().into_iter().flatten() {
            if let Some(b) = case.get("body").and_then(Value::as_str) {
                if let Ok(v) = serde_json::from_str::<Value>(b) {
                    bodies.push(v);
                }
            }
        }
        let spec = oaskit_core::to_json(tree.get("spec").expect("spec"));
        let loaded = oaskit_core::load_str("spec.json", &spec, &oaskit_core::LoadOptions::new());
        return (loaded, bodies);
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    (
        oaskit_core::load_str(&name, &text, &oaskit_core::LoadOptions::new()),
        bodies,
    )
}

/// Mutations of `v`: each of its first members removed, and retyped.
fn mutations(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            for k in m.keys().take(6) {
                let mut removed = m.clone();
                removed.remove(k);
                out.push(Value::Object(removed));
                let mut retyped = m.clone();
                let swapped = match &m[k] {
                    Value::String(_) => json!(12),
                    Value::Number(_) => json!("12"),
                    Value::Bool(_) => json!(null),
                    Value::Null => json!(false),
                    Value::Array(_) => json!({}),
                    Value::Object(_) => json!([]),
                };
                retyped.insert(k.clone(), swapped);
                out.push(Value::Object(retyped));
            }
        }
        Value::Array(items) if !items.is_empty() => {
            out.push(Value::Array(items[1..].to_vec()));
            let mut more = items.clone();
            more.push(json!({"x": [1]}));
            out.push(Value::Array(more));
        }
        _ => {}
    }
}

/// Instances for the schema at `pointer` of the untranslated definition `root`.
fn instances(root: &Value, pointer: &str, bodies: &[Value]) -> Vec<Value> {
    let mut out = vec![
        json!(null),
        json!(true),
        json!(0),
        json!(-1.5),
        json!(""),
        json!("x"),
        json!([]),
        json!({}),
        json!({"unknown": [1, "a"]}),
    ];
    out.extend(bodies.iter().cloned());
    let mut examples = Vec::new();
    for at in [pointer, pointer.strip_suffix("/schema").unwrap_or("")] {
        let Some(node) = root.pointer(at).filter(|_| !at.is_empty()) else {
            continue;
        };
        examples.extend(node.get("example").cloned());
        examples.extend(node.get("default").cloned());
        if let Some(m) = node.get("examples").and_then(Value::as_object) {
            examples.extend(m.values().filter_map(|e| e.get("value")).cloned());
        }
        if let Some(a) = node.get("examples").and_then(Value::as_array) {
            examples.extend(a.iter().cloned());
        }
    }
    for e in examples {
        mutations(&e, &mut out);
        out.push(e);
    }
    out
}

/// Every violation as (instance location, rule).
type Verdict = BTreeSet<(String, String)>;

fn ours(v: &Validator, request: bool, id: oaskit_schema::SchemaId, x: &Value) -> Verdict {
    v.compiler
        .doc(request)
        .errors(id, x)
        .map(|e| {
            (
                e.instance_path().to_string(),
                e.keyword_location().to_string(),
            )
        })
        .collect()
}

fn judge(j: &jsonschema::Validator, x: &Value) -> Verdict {
    j.iter_errors(x)
        .map(|e| {
            let rule = e
                .absolute_keyword_location()
                .and_then(|u| {
                    u.as_str()
                        .split_once('#')
                        .map(|(_, f)| oaskit_core::percent_decode(f))
                })
                .unwrap_or_default();
            (e.instance_path().as_str().to_string(), rule)
        })
        .collect()
}

/// The judge's registry of one translated document.
fn registry(uri: &str, doc: &Value) -> jsonschema::Registry<'static> {
    jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft202012)
        .add(uri, doc.clone())
        .and_then(jsonschema::RegistryBuilder::prepare)
        .expect("the judge registers the translated document")
}

fn fragment(pointer: &str) -> String {
    oaskit_core::percent_encode(pointer, b"-._~/!$&'()*+,;=:@")
}

#[test]
fn the_compiled_evaluator_agrees_with_jsonschema() {
    let mut disagreements: BTreeMap<(String, String, String, String), String> = BTreeMap::new();
    let (mut schemas, mut evaluations) = (0usize, 0usize);
    for path in definitions() {
        let file = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let (loaded, bodies) = load(&path);
        let Some(doc) = loaded.document.as_ref().filter(|_| !loaded.has_errors()) else {
            panic!("{file}: the definition does not load");
        };
        let original = doc.root().to_json();
        let v = Validator::with_options(doc, &Options::new().with_lazy_compilation(true))
            .expect("builds");
        let registries = [
            registry(REQ_URI, v.compiler.doc(true).root()),
            registry(RESP_URI, v.compiler.doc(false).root()),
        ];
        let mut seen = BTreeSet::new();
        for slot in v.ops.iter().flat_map(super::Op::slots) {
            if !seen.insert((slot.request, slot.pointer.clone())) {
                continue;
            }
            let Some(s) = v.schema(slot) else {
                panic!("{file}: {} does not compile", slot.pointer);
            };
            let (uri, reg) = if slot.request {
                (REQ_URI, &registries[0])
            } else {
                (RESP_URI, &registries[1])
            };
            let wrapper = json!({"$ref": format!("{uri}#{}", fragment(&slot.pointer))});
            let j = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .with_registry(reg)
                .should_validate_formats(true)
                .with_format("byte", byte_format)
                .with_format("binary", |_: &str| true)
                .with_format("int32", |_: &str| true)
                .with_format("int64", |_: &str| true)
                .build(&wrapper)
                .unwrap_or_else(|e| panic!("{file}: the judge cannot compile {uri}: {e}"));
            schemas += 1;
            for x in instances(&original, &slot.pointer, &bodies) {
                evaluations += 1;
                let (a, b) = (ours(&v, slot.request, s.id, &x), judge(&j, &x));
                assert_eq!(
                    s.is_valid(&x),
                    a.is_empty(),
                    "{file}: is_valid and errors disagree at {}",
                    slot.pointer
                );
                if a != b {
                    let dir = if slot.request { "request" } else { "response" };
                    disagreements.insert(
                        (
                            file.clone(),
                            dir.into(),
                            slot.pointer.clone(),
                            x.to_string(),
                        ),
                        format!("ours {a:?}\n  judge {b:?}"),
                    );
                }
            }
        }
    }
    eprintln!(
        "{evaluations} evaluations over {schemas} schemas, {} disagreements",
        disagreements.len()
    );
    let mut unexplained = Vec::new();
    for ((file, dir, ptr, x), why) in &disagreements {
        let listed = EXCEPTIONS
            .iter()
            .any(|e| e.0 == file && e.1 == dir && e.2 == ptr && e.3 == x);
        if !listed {
            unexplained.push(format!("{file} {dir} {ptr} {x}\n  {why}"));
        }
    }
    for e in EXCEPTIONS {
        let key = (e.0.into(), e.1.into(), e.2.into(), e.3.into());
        assert!(
            disagreements.contains_key(&key),
            "a listed exception now agrees; remove it from EXCEPTIONS: {e:?}"
        );
    }
    assert!(
        unexplained.is_empty(),
        "{} of {evaluations} evaluations over {schemas} schemas disagree:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    assert!(
        schemas > 500 && evaluations > 10_000,
        "{schemas} {evaluations}"
    );
}
