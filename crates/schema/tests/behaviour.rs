//! Cycles, sharing, depth bounds, concurrency, messages, and a randomized differential against
//! `jsonschema` (random instances against the suite's draft 2020-12 schemas).

mod common;

use oaskit_schema::{Document, ErrorKind, Options};
use serde_json::{json, Value};

#[test]
fn ref_cycles_compile_and_end_with_an_error() {
    let doc = Document::new(
        json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}}),
        Options::new(),
    );
    let id = doc.compile("/$defs/a").expect("a cycle compiles");
    assert_eq!(doc.compiled_nodes(), 2);
    assert!(!doc.is_valid(id, &json!(1)));
    let one = json!(1);
    let errors: Vec<_> = doc.errors(id, &one).collect();
    assert_eq!(errors.len(), 1);
    assert!(matches!(errors[0].kind(), ErrorKind::DepthLimit));
}

#[test]
fn recursive_schemas_validate_trees() {
    let doc = Document::new(
        json!({"type": "object", "required": ["v"],
               "properties": {"v": {"type": "integer"}, "kids": {"type": "array", "items": {"$ref": "#"}}}}),
        Options::new(),
    );
    let id = doc.compile("").expect("compile");
    assert!(doc.is_valid(id, &json!({"v": 1, "kids": [{"v": 2, "kids": [{"v": 3}]}]})));
    let bad = json!({"v": 1, "kids": [{"v": 2, "kids": [{"v": "x"}]}]});
    let e = doc.first_error(id, &bad).expect("error");
    assert_eq!(e.instance_path(), "/kids/0/kids/0/v");
    assert_eq!(e.keyword_location(), "/properties/v/type");
    assert_eq!(e.to_string(), r#""x" is not of type "integer""#);
}

#[test]
fn shared_schemas_compile_once() {
    let doc = Document::new(
        json!({"components": {"schemas": {
            "Pet": {"type": "object", "properties": {"id": {"type": "integer"}, "owner": {"$ref": "#/components/schemas/User"}}},
            "User": {"type": "object", "properties": {"name": {"type": "string"}}}
        }},
        "paths": {"a": {"$ref": "#/components/schemas/Pet"}, "b": {"$ref": "#/components/schemas/Pet"}}}),
        Options::new(),
    );
    doc.compile("/paths/a").expect("a");
    let after_a = doc.compiled_nodes();
    doc.compile("/paths/b").expect("b");
    assert_eq!(
        doc.compiled_nodes(),
        after_a + 1,
        "b adds only its own $ref node"
    );
    let pet = doc.compile("/components/schemas/Pet").expect("pet");
    assert_eq!(
        doc.compiled_nodes(),
        after_a + 1,
        "Pet was compiled already"
    );
    assert_eq!(doc.pointer(pet), Some("/components/schemas/Pet"));
}

#[test]
fn unresolvable_and_remote_refs_are_compile_errors() {
    let doc = Document::new(
        json!({"$defs": {"r": {"$ref": "https://example.com/s.json"}, "m": {"$ref": "#/nope"}}}),
        Options::new(),
    );
    let e = doc.compile("/$defs/r").expect_err("remote");
    assert!(e.to_string().contains("https://example.com/s.json"), "{e}");
    assert!(doc.compile("/$defs/m").is_err());
    assert!(doc.compile("/nothing").is_err());
}

fn nested_array(depth: usize) -> Value {
    let mut v = json!([]);
    for _ in 0..depth {
        v = Value::Array(vec![v]);
    }
    v
}

/// Takes a deep value apart without recursion (dropping it would recurse).
fn dismantle(mut v: Value) {
    while let Value::Array(mut items) = v {
        v = items.pop().unwrap_or(Value::Null);
    }
}

#[test]
fn deep_instances_end_without_overflowing_the_stack() {
    let result = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let doc = Document::new(json!({"items": {"$ref": "#"}}), Options::new());
            let id = doc.compile("").expect("compile");
            let deep = nested_array(100_000);
            let valid = doc.is_valid(id, &deep);
            let errors: Vec<String> = doc
                .errors(id, &deep)
                .map(|e| e.instance_path().len().to_string())
                .collect();
            let shallow = nested_array(50);
            let ok = doc.is_valid(id, &shallow);
            dismantle(deep);
            dismantle(shallow);
            (valid, errors.len(), ok)
        })
        .expect("thread")
        .join()
        .expect("no stack overflow");
    assert_eq!(result, (false, 1, true));
}

#[test]
fn compiles_and_evaluates_from_many_threads() {
    let mut defs = serde_json::Map::new();
    for i in 0..64 {
        defs.insert(
            format!("s{i}"),
            json!({"type": "object", "properties": {"n": {"maximum": i}, "next": {"$ref": format!("#/$defs/s{}", (i + 1) % 64)}}}),
        );
    }
    let doc = std::sync::Arc::new(Document::new(json!({"$defs": defs}), Options::new()));
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let doc = doc.clone();
            std::thread::spawn(move || {
                for i in 0..64 {
                    let id = doc
                        .compile(&format!("/$defs/s{}", (i * 7 + t) % 64))
                        .expect("compile");
                    assert!(doc.is_valid(id, &json!({"n": 0, "next": {"n": 0}})));
                    assert!(!doc.is_valid(id, &json!({"n": 100})));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread");
    }
    assert_eq!(doc.compiled_nodes(), 64 * 3, "each node compiled once");
}

#[test]
fn messages_match_jsonschema() {
    let cases = [
        (json!({"type": ["string", "null"]}), json!(1)),
        (json!({"enum": [1, 2, 3, 4, 5]}), json!(0)),
        (json!({"enum": ["a", "b"]}), json!("c")),
        (json!({"required": ["a", "b"]}), json!({})),
        (json!({"minLength": 1}), json!("")),
        (json!({"maxItems": 1}), json!([1, 2])),
        (json!({"minProperties": 2}), json!({"a": 1})),
        (json!({"multipleOf": 0.5}), json!(0.3)),
        (json!({"exclusiveMinimum": 3}), json!(3)),
        (
            json!({"additionalProperties": false, "properties": {"a": {}}}),
            json!({"b": 1, "c": 2}),
        ),
        (json!({"not": {"type": "string"}}), json!("x")),
        (
            json!({"oneOf": [{"type": "string"}, {"minLength": 1}]}),
            json!("x"),
        ),
        (
            json!({"anyOf": [{"type": "string"}, {"type": "null"}]}),
            json!(1),
        ),
        (json!({"const": {"a": 1}}), json!(1)),
        (json!({"format": "date"}), json!("2020-13-01")),
        (json!({"pattern": "^a"}), json!("b")),
        (json!({"uniqueItems": true}), json!([1, 1])),
        (json!({"contains": {"type": "string"}}), json!([1])),
        (
            json!({"prefixItems": [{}], "items": false}),
            json!([1, 2, 3]),
        ),
        (json!({"unevaluatedProperties": false}), json!({"a": 1})),
        (json!({"propertyNames": {"maxLength": 1}}), json!({"ab": 1})),
        (json!(false), json!(1)),
    ];
    for (schema, instance) in cases {
        let doc = Document::new(schema.clone(), Options::new().with_formats(true));
        let id = doc.compile("").expect("compile");
        let ours: Vec<(String, String, String)> = doc
            .errors(id, &instance)
            .map(|e| {
                (
                    e.to_string(),
                    e.instance_path().to_string(),
                    e.keyword_location().to_string(),
                )
            })
            .collect();
        let judge = common::judge(&schema, false, true).expect("judge");
        let theirs: Vec<(String, String, String)> = judge
            .iter_errors(&instance)
            .map(|e| {
                (
                    e.to_string(),
                    e.instance_path().as_str().to_string(),
                    e.schema_path().as_str().to_string(),
                )
            })
            .collect();
        assert_eq!(ours, theirs, "{schema} on {instance}");
    }
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn value(&mut self, depth: u32) -> Value {
        let pick = if depth >= 3 {
            self.below(6)
        } else {
            self.below(8)
        };
        match pick {
            0 => Value::Null,
            1 => Value::Bool(self.below(2) == 0),
            2 => json!(self.below(20) as i64 - 5),
            3 => json!((self.below(40) as f64) / 4.0 - 2.0),
            4 | 5 => {
                let words = [
                    "",
                    "a",
                    "foo",
                    "bar",
                    "baz",
                    "1",
                    "é",
                    "aaa",
                    "2020-01-01",
                    "x@y.z",
                ];
                json!(words[self.below(words.len() as u64) as usize])
            }
            6 => Value::Array((0..self.below(5)).map(|_| self.value(depth + 1)).collect()),
            _ => {
                let keys = ["foo", "bar", "baz", "a", "b", "quux", "x-1"];
                let mut m = serde_json::Map::new();
                for _ in 0..self.below(5) {
                    m.insert(
                        keys[self.below(keys.len() as u64) as usize].to_string(),
                        self.value(depth + 1),
                    );
                }
                Value::Object(m)
            }
        }
    }
}

#[test]
fn random_instances_agree_with_jsonschema() {
    let root = common::suite_dir().join("draft2020-12");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut compared = 0usize;
    let mut disagreements = Vec::new();
    for file in [
        "additionalProperties",
        "allOf",
        "anyOf",
        "const",
        "contains",
        "dependentRequired",
        "dependentSchemas",
        "enum",
        "exclusiveMaximum",
        "if-then-else",
        "items",
        "maxContains",
        "maxItems",
        "maxLength",
        "maxProperties",
        "minContains",
        "minItems",
        "minLength",
        "minimum",
        "multipleOf",
        "not",
        "oneOf",
        "pattern",
        "patternProperties",
        "prefixItems",
        "properties",
        "propertyNames",
        "ref",
        "required",
        "type",
        "unevaluatedItems",
        "unevaluatedProperties",
        "uniqueItems",
        "defs",
        "anchor",
        "boolean_schema",
    ] {
        let groups: Vec<Value> = serde_json::from_slice(
            &std::fs::read(root.join(format!("{file}.json"))).expect("file"),
        )
        .expect("json");
        for g in groups {
            let schema = &g["schema"];
            let doc = Document::new(schema.clone(), Options::new());
            let (Ok(id), Some(judge)) = (doc.compile(""), common::judge(schema, false, false))
            else {
                continue;
            };
            for _ in 0..40 {
                let inst = rng.value(0);
                compared += 1;
                let a = doc.is_valid(id, &inst);
                if a != judge.is_valid(&inst) {
                    disagreements.push(format!("{file}: {schema} on {inst}: ours {a}"));
                }
                assert_eq!(a, doc.errors(id, &inst).next().is_none());
            }
        }
    }
    assert!(compared > 5000, "{compared}");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// Every schema of the suite (both drafts, formats asserted) against every instance of its
/// file, and every format against odd strings, through `fuzz_one`: no panic, and `is_valid`,
/// `first_error` and `errors` agree.
#[test]
fn no_panics_across_the_suite() {
    let root = common::suite_dir();
    let mut runs = 0usize;
    for draft in [
        "draft2020-12",
        "draft2020-12/optional",
        "draft2020-12/optional/format",
        "draft4",
    ] {
        for entry in std::fs::read_dir(root.join(draft)).expect("dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let groups: Vec<Value> =
                serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
            let data: Vec<&Value> = groups
                .iter()
                .flat_map(|g| g["tests"].as_array().into_iter().flatten())
                .map(|t| &t["data"])
                .collect();
            for g in &groups {
                for d in &data {
                    oaskit_schema::fuzz_one(&g["schema"], d);
                    runs += 1;
                }
            }
        }
    }
    let odd = [
        "",
        "é",
        "ééé",
        "a\u{0}b",
        "😀:/?#[]@",
        "%",
        "%zz",
        "1990-02-31T",
        "T",
        "::",
        "[",
        "\\",
        "~",
        "-1",
        "0#",
        "{",
        "}",
        "a@",
        "@a",
        "\"a\"@b",
    ];
    for format in [
        "date",
        "date-time",
        "time",
        "duration",
        "email",
        "idn-email",
        "hostname",
        "idn-hostname",
        "ipv4",
        "ipv6",
        "uri",
        "uri-reference",
        "iri",
        "iri-reference",
        "uuid",
        "regex",
        "json-pointer",
        "relative-json-pointer",
        "uri-template",
    ] {
        for s in odd {
            oaskit_schema::fuzz_one(&json!({"format": format}), &json!(s));
            oaskit_schema::fuzz_one(&json!({"pattern": s}), &json!(s));
            runs += 2;
        }
    }
    assert!(runs > 20_000, "{runs}");
}

/// `uniqueItems` on a long array sorts canonical keys: linear-logarithmic, with numbers equal
/// by value and objects equal whatever their member order (review of 2026-12-03: the pairwise
/// loop took 52 s on 80,000 items in a release build).
#[test]
fn unique_items_on_long_arrays_is_not_quadratic() {
    let doc = Document::new(json!({"uniqueItems": true}), Options::new());
    let id = doc.compile("").unwrap();
    let start = std::time::Instant::now();
    let distinct: Vec<Value> = (0..50_000).map(|i| json!(i)).collect();
    assert!(doc.is_valid(id, &Value::Array(distinct.clone())));
    let mut dup = distinct.clone();
    dup.push(json!(7.0));
    assert!(!doc.is_valid(id, &Value::Array(dup)));
    let mut objects: Vec<Value> = (0..40).map(|i| json!({"a": i, "b": [i, "x"]})).collect();
    assert!(doc.is_valid(id, &Value::Array(objects.clone())));
    objects.push(json!({"b": [3.0, "x"], "a": 3}));
    assert!(!doc.is_valid(id, &Value::Array(objects)));
    let strings: Vec<Value> = (0..40).map(|i| json!(format!("{i}"))).collect();
    let mut mixed = strings.clone();
    mixed.push(json!(1));
    assert!(doc.is_valid(id, &Value::Array(mixed)), "\"1\" and 1 differ");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

/// `format: regex` parses each string's syntax and compiles nothing (the review found 35 ms per
/// `\p{L}{60}` string when each was compiled).
#[test]
fn regex_format_checks_syntax_without_compiling() {
    let doc = Document::new(
        json!({"items": {"format": "regex"}}),
        Options::new().with_formats(true),
    );
    let id = doc.compile("").unwrap();
    let start = std::time::Instant::now();
    let many = Value::Array(vec![json!("\\p{L}{60}"); 2_000]);
    assert!(doc.is_valid(id, &many));
    assert!(!doc.is_valid(id, &json!(["(unclosed"])));
    assert!(doc.is_valid(id, &json!(["^(?=a)b$", "[a-z]+\\d"])));
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

/// A failed compile gives its node ids back: many entries that reach one bad shared schema
/// must not use up the id space for the schemas compiled after them.
#[test]
fn failed_compiles_do_not_use_up_node_ids() {
    let mut props = serde_json::Map::new();
    for i in 0..500 {
        props.insert(format!("p{i}"), json!({"type": "string"}));
    }
    props.insert("bad".into(), json!({"$ref": "#/nope"}));
    let mut schemas = serde_json::Map::new();
    schemas.insert("Shared".into(), json!({"properties": props}));
    for i in 0..2_000 {
        schemas.insert(
            format!("E{i}"),
            json!({"properties": {"x": {"$ref": "#/components/schemas/Shared"}}}),
        );
    }
    schemas.insert("Good".into(), json!({"type": "integer"}));
    let doc = Document::new(json!({"components": {"schemas": schemas}}), Options::new());
    for i in 0..2_000 {
        assert!(doc.compile(&format!("/components/schemas/E{i}")).is_err());
    }
    let good = doc
        .compile("/components/schemas/Good")
        .expect("still compiles");
    assert!(doc.is_valid(good, &json!(3)));
}

fn nested_objects(key: &str, depth: usize) -> Value {
    let mut v = json!({});
    for _ in 0..depth {
        let mut m = serde_json::Map::new();
        m.insert(key.to_string(), v);
        v = Value::Object(m);
    }
    v
}

/// Every applicator kind, recursing through `$ref` on an instance deeper than the default
/// depth limit, ends with an error on a 1 MB thread, also in a debug build (each nesting level
/// costs a few small frames; the review found 2 MB overflowing at the default depth of 384).
#[test]
fn every_applicator_at_the_default_depth_fits_a_1mb_stack() {
    let d = 500;
    let cases = [
        (
            json!({"anyOf": [{"$ref": "#"}, {"type": "null"}]}),
            json!(1),
        ),
        (
            json!({"oneOf": [{"properties": {"a": {"$ref": "#"}}}, false]}),
            nested_objects("a", d),
        ),
        (
            json!({"unevaluatedProperties": false, "anyOf": [{"properties": {"a": {"$ref": "#"}}}]}),
            nested_objects("a", d),
        ),
        (json!({"contains": {"$ref": "#"}}), nested_array(d)),
        (
            json!({"if": {"properties": {"a": {"$ref": "#"}}}, "then": {"properties": {"a": {"$ref": "#"}}}}),
            nested_objects("a", d),
        ),
        (
            json!({"dependentSchemas": {"a": {"properties": {"a": {"$ref": "#"}}}}, "not": {"properties": {"a": {"not": {"$ref": "#"}}}}}),
            nested_objects("a", d),
        ),
        (
            json!({"unevaluatedItems": false, "anyOf": [{"prefixItems": [{"$ref": "#"}]}]}),
            nested_array(d),
        ),
        (json!({"items": {"$ref": "#"}}), nested_array(d)),
        (
            json!({"allOf": [{"additionalProperties": {"$ref": "#"}}]}),
            nested_objects("a", d),
        ),
        (
            json!({"patternProperties": {"^a": {"$ref": "#"}}}),
            nested_objects("a", d),
        ),
        (
            json!({"$id": "urn:t", "$dynamicAnchor": "n", "properties": {"a": {"$dynamicRef": "#n"}}}),
            nested_objects("a", d),
        ),
    ];
    for (schema, instance) in &cases {
        let outcome = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(1 << 20)
                .spawn_scoped(s, || {
                    let doc = Document::new(schema.clone(), Options::new());
                    let id = doc.compile("").expect("compile");
                    let valid = doc.is_valid(id, instance);
                    let errors = doc.errors(id, instance).count();
                    let first = doc
                        .first_error(id, instance)
                        .map(|e| e.keyword_location().len());
                    (valid, errors, first.is_some())
                })
                .expect("thread")
                .join()
        });
        let (valid, errors, first) = outcome.expect("no stack overflow");
        assert!(!valid && errors > 0 && first, "{schema}");
    }
}

/// The review's tree whose `oneOf` variants differ by a `type` const that both reach only
/// after walking `kids`.
fn tree_schema() -> Value {
    let variant = |t: &str| json!({"properties": {"kids": {"items": {"$ref": "#/$defs/Node"}}, "type": {"const": t}}});
    json!({"$defs": {"Node": {"oneOf": [variant("a"), variant("b")]}}, "$ref": "#/$defs/Node"})
}

fn tree(depth: usize, leaf: &str) -> Value {
    let mut v = json!({"type": leaf, "kids": []});
    for _ in 0..depth {
        v = json!({"type": "a", "kids": [v]});
    }
    v
}

/// Recursive `$ref` under `oneOf`: both variants walk the same children, which doubled the work
/// per level (2.55 s at depth 22 in the review). Results of reference targets are remembered
/// once an evaluation has taken 4,096 steps, so a step budget of that plus a constant per level
/// suffices (past the budget the instance would be invalid; without the memo it would take
/// about 2^depth steps).
#[test]
fn recursive_one_of_is_linear_in_instance_depth() {
    let outcome = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(|| {
            for depth in [22usize, 200] {
                let options = Options::new()
                    .with_max_depth(10_000)
                    .with_max_steps(6_000 + 40 * depth as u64);
                let doc = Document::new(tree_schema(), options);
                let id = doc.compile("").expect("compile");
                assert!(doc.is_valid(id, &tree(depth, "b")), "depth {depth}");
                let bad = tree(depth, "c");
                assert!(!doc.is_valid(id, &bad));
                let errors: Vec<_> = doc.errors(id, &bad).collect();
                assert!(!errors.is_empty());
                assert!(
                    errors
                        .iter()
                        .all(|e| matches!(e.kind(), ErrorKind::OneOfNotValid)),
                    "{:?}",
                    errors.iter().map(ToString::to_string).collect::<Vec<_>>()
                );
            }
        })
        .expect("thread")
        .join();
    assert!(outcome.is_ok());
}

/// A result the depth limit cut short is not remembered: the same schema on the same value
/// succeeds when reached nearer the root.
#[test]
fn depth_limited_results_are_not_remembered() {
    let mut defs = serde_json::Map::new();
    let n = 300;
    for k in 0..n {
        defs.insert(
            format!("c{k}"),
            json!({"$ref": format!("#/$defs/c{}", k + 1), "type": "integer"}),
        );
    }
    defs.insert(
        format!("c{n}"),
        json!({"$ref": "#/$defs/T", "type": "integer"}),
    );
    defs.insert("T".into(), json!({"type": "integer", "minimum": 0}));
    let schema = json!({"$defs": defs, "anyOf": [{"$ref": "#/$defs/c0"}, {"$ref": "#/$defs/T"}]});
    let outcome = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || {
            // 300 references pass the point where the memo starts; the chain is cut by depth.
            let doc = Document::new(schema, Options::new().with_max_depth(200));
            let id = doc.compile("").expect("compile");
            (doc.is_valid(id, &json!(3)), doc.is_valid(id, &json!(-3)))
        })
        .expect("thread")
        .join()
        .expect("no panic");
    assert_eq!(outcome, (true, false));
}

/// A schema whose work grows without bound (every result cut by the depth limit, so nothing
/// can be remembered) ends at the step budget as invalid, even under `not`.
#[test]
fn the_step_budget_ends_runaway_evaluations() {
    let schema = json!({"$defs": {"A": {"anyOf": [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/A"}]}},
        "properties": {"x": {"$ref": "#/$defs/A"}, "y": {"not": {"$ref": "#/$defs/A"}}}});
    let doc = Document::new(schema, Options::new().with_max_steps(20_000));
    let id = doc.compile("").expect("compile");
    let start = std::time::Instant::now();
    for instance in [json!({"x": 1}), json!({"y": 1})] {
        assert!(!doc.is_valid(id, &instance), "{instance}");
        let errors: Vec<_> = doc.errors(id, &instance).collect();
        assert!(
            errors
                .iter()
                .any(|e| matches!(e.kind(), ErrorKind::StepLimit)),
            "{instance}: {:?}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
        let first = doc.first_error(id, &instance).expect("an error");
        assert!(!first.to_string().is_empty());
    }
    assert!(doc.is_valid(id, &json!({"z": 1})));
    assert!(start.elapsed() < std::time::Duration::from_secs(30));
}

/// A pattern that cannot be compiled skips only its own keyword (listed by
/// `skipped_patterns`); the rest of the schema is still compiled and checked.
#[test]
fn an_uncompilable_pattern_skips_only_its_keyword() {
    let doc = Document::new(
        json!({"type": "object", "required": ["id"],
            "properties": {"id": {"type": "integer"}, "code": {"type": "string", "pattern": "^\\q$", "maxLength": 3}},
            "patternProperties": {"^x-": {"type": "string"}, "(?<n>": {"type": "integer"}},
            "additionalProperties": false}),
        Options::new(),
    );
    let id = doc.compile("").expect("compiles despite the patterns");
    assert!(doc.is_valid(id, &json!({"id": 1, "code": "abc", "x-a": "s"})));
    assert!(!doc.is_valid(id, &json!({"id": "1"})));
    assert!(!doc.is_valid(id, &json!({"id": 1, "code": "abcd"})));
    assert!(!doc.is_valid(id, &json!({"id": 1, "x-a": 2})));
    let skipped = doc.skipped_patterns();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped
        .iter()
        .all(|e| matches!(e, oaskit_schema::CompileError::Regex { .. })));
}

/// `\A` and `\z` (not ECMA-262, but written in real definitions) anchor like `^` and `$`.
#[test]
fn string_anchors_are_accepted() {
    let doc = Document::new(json!({"pattern": "\\A[a-z_]+\\z"}), Options::new());
    let id = doc.compile("").expect("compile");
    assert!(doc.skipped_patterns().is_empty());
    assert!(doc.is_valid(id, &json!("ab_c")));
    assert!(!doc.is_valid(id, &json!("ab c")));
    assert!(!doc.is_valid(id, &json!("abc\n")));
}
