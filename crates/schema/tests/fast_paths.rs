//! The shortcuts of `is_valid`: property names matched by walking an object's members and the
//! schema's names together (both sorted), subschemas that only assert checked in place
//! (`enum`, `format`, bounds... under `properties` and `items`), the fused `required` count.
//! Each case is decided by `is_valid`, by `errors` (which enters every node) and by the
//! `jsonschema` crate, and all three must agree.

mod common;

use oaskit_schema::{Dialect, Document, Options};
use serde_json::{json, Map, Value};

/// Checks `instance` against `schema` three ways and returns the verdict.
fn verdict(schema: &Value, instance: &Value, draft4: bool) -> bool {
    let options = Options::new().with_formats(true).with_dialect(if draft4 {
        Dialect::Draft4
    } else {
        Dialect::Draft202012
    });
    let doc = Document::new(schema.clone(), options);
    let id = doc.compile("").expect("compiles");
    let fast = doc.is_valid(id, instance);
    let errors: Vec<String> = doc.errors(id, instance).map(|e| e.to_string()).collect();
    assert_eq!(
        fast,
        errors.is_empty(),
        "is_valid and errors disagree on {instance} against {schema}: {errors:?}"
    );
    let judge = common::judge(schema, draft4, true).expect("judge compiles");
    assert_eq!(
        fast,
        judge.is_valid(instance),
        "jsonschema disagrees on {instance} against {schema}"
    );
    fast
}

fn object(pairs: &[(&str, Value)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect::<Map<_, _>>(),
    )
}

/// Names that share their first 8 bytes, differ only in length or in a late byte, hold NUL
/// or non-ASCII bytes, or are empty: the head comparison alone never decides them.
const TRICKY: [&str; 16] = [
    "",
    "a",
    "a\u{0}",
    "ab",
    "abcdefgh",
    "abcdefgh\u{0}",
    "abcdefghi",
    "abcdefghj",
    "abcdefghijklmnopq",
    "abcdefghijklmnopr",
    "abcdefghijklmnop",
    // Same head, same last 8 bytes, different in the middle.
    "abcdefghXjklmnopqrstuvwxyz",
    "abcdefghYjklmnopqrstuvwxyz",
    "é",
    "éa",
    "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
];

#[test]
fn tricky_property_names_are_told_apart() {
    // Each name's subschema wants a different type, so a mix-up fails the instance.
    let props: Map<String, Value> = TRICKY
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                (*n).to_string(),
                json!({"type": "integer", "minimum": i, "maximum": i}),
            )
        })
        .collect();
    for additional in [json!(true), json!(false), json!({"type": "string"})] {
        let schema =
            json!({"type": "object", "properties": props, "additionalProperties": additional});
        let all: Vec<(&str, Value)> = TRICKY
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, json!(i)))
            .collect();
        assert!(verdict(&schema, &object(&all), false));
        // Every subset of two, with each value right and then wrong.
        for (i, a) in TRICKY.iter().enumerate() {
            for (j, b) in TRICKY.iter().enumerate().skip(i + 1) {
                assert!(verdict(
                    &schema,
                    &object(&[(a, json!(i)), (b, json!(j))]),
                    false
                ));
                assert!(!verdict(
                    &schema,
                    &object(&[(a, json!(j)), (b, json!(j))]),
                    false
                ));
                assert!(!verdict(
                    &schema,
                    &object(&[(a, json!(i)), (b, json!(i))]),
                    false
                ));
            }
        }
        // Names the schema does not have, between and around the ones it has.
        for extra in [
            "abcdefgh0",
            "abcdefghik",
            "b",
            "\u{0}",
            "aa",
            "abcdefghijklmnopqr",
        ] {
            let inst = object(&[
                ("a", json!(1)),
                (extra, json!("s")),
                ("abcdefghi", json!(6)),
            ]);
            let ok = verdict(&schema, &inst, false);
            assert_eq!(
                ok,
                additional != json!(false),
                "{extra:?} with {additional}"
            );
        }
    }
}

#[test]
fn many_names_and_few_members_agree() {
    // 40 names (a lookup table) against objects of 1 to 3 members (looked up one by one, the
    // names being many more), and the reverse: 2 names against 60 members.
    let props: Map<String, Value> = (0..40)
        .map(|i| {
            (
                format!("field_{i:02}_name"),
                json!({"type": "string", "maxLength": 3}),
            )
        })
        .collect();
    let schema = json!({"properties": props, "required": ["field_07_name"]});
    assert!(verdict(&schema, &json!({"field_07_name": "abc"}), false));
    assert!(!verdict(&schema, &json!({"field_07_name": "abcd"}), false));
    assert!(!verdict(&schema, &json!({"field_08_name": "abc"}), false));
    assert!(verdict(
        &schema,
        &json!({"field_07_name": "", "field_39_name": "x", "other": 1}),
        false
    ));
    assert!(!verdict(
        &schema,
        &json!({"field_07_name": "", "field_39_name": 1}),
        false
    ));
    let wide: Map<String, Value> = (0..60).map(|i| (format!("m{i}"), json!(i))).collect();
    let schema =
        json!({"properties": {"m5": {"const": 5}, "m50": {"type": "string"}}, "required": ["m5"]});
    assert!(!verdict(&schema, &Value::Object(wide.clone()), false));
    let mut fixed = wide;
    fixed.insert("m50".into(), json!("x"));
    assert!(verdict(&schema, &Value::Object(fixed), false));
}

#[test]
fn fused_required_counts_only_present_names() {
    let schema = json!({
        "type": "object",
        "required": ["b", "a"],
        "properties": {"a": {"type": "string"}, "b": {"type": "integer"}, "c": {}}
    });
    assert!(verdict(&schema, &json!({"a": "x", "b": 1}), false));
    assert!(verdict(
        &schema,
        &json!({"a": "x", "b": 1, "c": null, "d": 0}),
        false
    ));
    // As many members as required names, but not the required ones.
    assert!(!verdict(&schema, &json!({"a": "x", "c": 1}), false));
    assert!(!verdict(&schema, &json!({"c": 1, "d": 2}), false));
    assert!(!verdict(&schema, &json!({"b": 1}), false));
    assert!(!verdict(&schema, &json!([1]), false));
}

#[test]
fn in_place_leaves_assert_everything_they_hold() {
    // Subschemas without applicators, checked without entering their nodes.
    let leaves = [
        json!({"type": "string", "enum": ["notice", "warning", "failure"]}),
        json!({"enum": ["a", 1, null]}),
        json!({"type": "string", "format": "date-time"}),
        json!({"type": "string", "format": "uri"}),
        json!({"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$"}),
        json!({"type": "integer", "minimum": 1, "exclusiveMaximum": 10, "multipleOf": 3}),
        json!({"type": ["number", "null"], "maximum": 2.5}),
        json!({"const": {"k": [1, 2]}}),
        json!({"type": "array", "minItems": 1, "uniqueItems": true}),
        json!({"type": "object", "required": ["x"], "maxProperties": 2}),
        json!(true),
        json!({}),
    ];
    let values = [
        json!("notice"),
        json!("other"),
        json!("2017-11-30T19:39:10Z"),
        json!("2017-11-30 19:39:10"),
        json!("https://example.com/a?b#c"),
        json!("a b"),
        json!("abc"),
        json!("abcde"),
        json!("ab1"),
        json!(3),
        json!(4),
        json!(9),
        json!(12),
        json!(1.0),
        json!(2.5),
        json!(2.6),
        json!(null),
        json!("a"),
        json!(1),
        json!({"k": [1, 2]}),
        json!({"k": [1.0, 2]}),
        json!([1, 2]),
        json!([1, 1]),
        json!([]),
        json!({"x": 1}),
        json!({"x": 1, "y": 2, "z": 3}),
        json!({"y": 1}),
    ];
    let mut outcomes = [0usize; 2];
    for leaf in &leaves {
        let by_property = json!({"properties": {"p": leaf, "q": {"type": "boolean"}}});
        let by_item = json!({"items": leaf});
        for v in &values {
            let ok = verdict(&by_property, &json!({"p": v, "q": true}), false);
            outcomes[usize::from(ok)] += 1;
            assert_eq!(
                verdict(&by_item, &json!([v, v]), false),
                ok,
                "{leaf} on {v}"
            );
            assert_eq!(
                verdict(&by_item, &json!([true, v]), false),
                ok && verdict(leaf, &json!(true), false)
            );
        }
    }
    // Both verdicts occur often: the cases test something.
    assert!(outcomes[0] > 100 && outcomes[1] > 50, "{outcomes:?}");
}

#[test]
fn errors_of_in_place_leaves_name_their_keywords() {
    let schema = json!({
        "properties": {
            "level": {"type": "string", "enum": ["notice", "warning"]},
            "when": {"type": "string", "format": "date"},
            "tags": {"type": "array", "items": {"type": "string", "maxLength": 2}}
        }
    });
    let doc = Document::new(schema, Options::new().with_formats(true));
    let id = doc.compile("").expect("compiles");
    let bad = json!({"level": "fatal", "when": "2021-02-29", "tags": ["ab", "abc", 1]});
    assert!(!doc.is_valid(id, &bad));
    let found: Vec<(String, String)> = doc
        .errors(id, &bad)
        .map(|e| {
            (
                e.instance_path().to_string(),
                e.keyword_location().to_string(),
            )
        })
        .collect();
    let want = [
        ("/level", "/properties/level/enum"),
        ("/tags/1", "/properties/tags/items/maxLength"),
        ("/tags/2", "/properties/tags/items/type"),
        ("/when", "/properties/when/format"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
        .collect();
    assert_eq!(found, want);
}

#[test]
fn draft4_integers_stay_strict_in_place() {
    // Draft 4 takes `1.0` for a number but not for an integer (as `jsonschema` does).
    let schema = json!({"properties": {"n": {"type": "integer"}}, "items": {"type": "integer"}});
    assert!(!verdict(&schema, &json!({"n": 1.0}), true));
    assert!(verdict(&schema, &json!({"n": 1}), true));
    assert!(!verdict(&schema, &json!([1.0]), true));
    assert!(verdict(&schema, &json!({"n": 1.0}), false));
    assert!(verdict(&schema, &json!([1.0]), false));
}
