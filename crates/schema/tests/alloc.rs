//! `is_valid` allocates nothing, for valid and invalid instances alike, on schemas without
//! `unevaluatedProperties`/`unevaluatedItems`/`$dynamicRef`/`propertyNames`/large
//! `uniqueItems` arrays. A counting global allocator measures it (this binary holds one test
//! so no other thread allocates meanwhile).

use std::alloc::System;

use oaskit_schema::{Document, Options};
use serde_json::{json, Value};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn allocations(f: impl FnOnce() -> bool) -> (bool, usize) {
    let region = Region::new(GLOBAL);
    let r = f();
    let stats = region.change();
    (r, stats.allocations + stats.reallocations)
}

#[test]
fn is_valid_allocates_nothing() {
    let schema = json!({
        "$defs": {
            "pet": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "integer", "minimum": 1, "multipleOf": 1},
                    "name": {"type": "string", "minLength": 1, "maxLength": 20, "pattern": "^[a-z]+$"},
                    "tag": {"enum": ["a", "b", "c"]},
                    "born": {"type": "string", "format": "date"},
                    "mail": {"type": "string", "format": "email"},
                    "kind": {"oneOf": [{"const": "cat"}, {"const": "dog"}]},
                    "owner": {"$ref": "#/$defs/pet"},
                    "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true, "maxItems": 5},
                    "pair": {"type": "array", "prefixItems": [{"type": "number"}, {"type": "string"}], "items": false},
                    "n": {"anyOf": [{"type": "null"}, {"type": "number", "exclusiveMaximum": 10}]},
                    "x": {"not": {"type": "boolean"}},
                    "c": {"contains": {"const": 1}, "minContains": 1, "maxContains": 2},
                    "cond": {"if": {"type": "string"}, "then": {"minLength": 2}, "else": {"type": "number"}}
                },
                "patternProperties": {"^x-": {"type": "string"}},
                "additionalProperties": false,
                "dependentRequired": {"tag": ["name"]}
            }
        }
    });
    let doc = Document::new(schema, Options::new().with_formats(true));
    let id = doc.compile("/$defs/pet").expect("compile");
    let valid = json!({"id": 1, "name": "rex", "tag": "a", "born": "2020-02-29",
        "mail": "a@example.com", "kind": "cat", "owner": {"id": 2, "name": "bob"},
        "tags": ["a", "b"], "pair": [1, "x"], "n": 3, "x": 1, "c": [1, 0], "cond": "ab",
        "x-extra": "s"});
    let invalid: Vec<Value> = vec![
        json!({"id": 0, "name": "rex"}),
        json!({"id": 1}),
        json!({"id": 1, "name": "Rex"}),
        json!({"id": 1, "name": "rex", "tag": "z"}),
        json!({"id": 1, "name": "rex", "born": "2021-02-29"}),
        json!({"id": 1, "name": "rex", "owner": {"id": "x", "name": "b"}}),
        json!({"id": 1, "name": "rex", "tags": ["a", "a"]}),
        json!({"id": 1, "name": "rex", "pair": [1, "x", 3]}),
        json!({"id": 1, "name": "rex", "n": 10}),
        json!({"id": 1, "name": "rex", "x": true}),
        json!({"id": 1, "name": "rex", "c": [1, 1, 1]}),
        json!({"id": 1, "name": "rex", "cond": true}),
        json!({"id": 1, "name": "rex", "other": 1}),
        json!({"id": 1, "name": "rex", "x-extra": 1}),
        json!("not an object"),
    ];
    // Warm up (lazy statics of the regex engine's caches allocate once per thread).
    assert!(doc.is_valid(id, &valid));
    for bad in &invalid {
        assert!(!doc.is_valid(id, bad), "{bad}");
    }
    let (ok, n) = allocations(|| doc.is_valid(id, &valid));
    assert!(ok);
    assert_eq!(n, 0, "is_valid allocated on a valid instance");
    for bad in &invalid {
        let (ok, n) = allocations(|| doc.is_valid(id, bad));
        assert!(!ok);
        assert_eq!(n, 0, "is_valid allocated on {bad}");
    }
    // The counter works: collecting errors allocates.
    let (_, n) = allocations(|| doc.errors(id, &invalid[0]).count() > 0);
    assert!(n > 0);
}
