//! Hostile definitions and messages: every family here is sized so that exponential or
//! quadratic work would hang (or exhaust memory) while linear work takes milliseconds. No test
//! measures time.

use oaskit_validator::{BuildError, Options, Request, Validator};
use serde_json::{json, Map, Value};

/// Components `S0..S{depth}` where each names the next one `fan` times through `kw`.
fn chain(depth: usize, fan: usize, kw: &str, spelled_apart: bool) -> Value {
    let mut schemas = Map::new();
    for i in 0..depth {
        let refs: Vec<Value> = (0..fan)
            .map(|j| {
                let mut r = json!({"$ref": format!("#/components/schemas/S{}", i + 1)});
                if spelled_apart && j > 0 {
                    // Not a bare reference: the translation cannot merge it.
                    r["description"] = json!(format!("mention {j}"));
                }
                r
            })
            .collect();
        let s = match kw {
            "properties" => {
                let props: Map<String, Value> = refs
                    .into_iter()
                    .enumerate()
                    .map(|(j, r)| (format!("p{j}"), r))
                    .collect();
                json!({"type": "object", "properties": props})
            }
            "items" => json!({"type": "array", "prefixItems": refs, "items": refs[0]}),
            "discriminated" => json!({
                "oneOf": refs,
                "discriminator": {"propertyName": "kind"}
            }),
            k => json!({ k: refs }),
        };
        schemas.insert(format!("S{i}"), s);
    }
    let leaf = if kw == "discriminated" {
        json!({"type": "object", "required": ["kind"]})
    } else {
        json!({"type": "string"})
    };
    schemas.insert(format!("S{depth}"), leaf);
    json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"post": {
            "parameters": [{"name": "q", "in": "query", "schema": {"$ref": "#/components/schemas/S0"}}],
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}}}
        }}},
        "components": {"schemas": schemas}
    })
}

fn build(doc: &Value, options: &Options) -> Result<Validator, BuildError> {
    let loaded = oaskit_core::load_str(
        "chain.json",
        &doc.to_string(),
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    Validator::with_options(loaded.document.as_ref().expect("document"), options)
}

fn post(v: &Validator, body: &Value) -> Vec<&'static str> {
    v.validate_request(&Request::new("POST", "/x").json(body))
        .violations
        .iter()
        .inspect(|v| oaskit_testkit::assert_explained(v.code, &[oaskit_validator::codes::CODES]))
        .map(|v| v.code)
        .collect()
}

/// A value `depth` levels deep through `key`.
fn nested(depth: usize, key: &str, leaf: Value) -> Value {
    (0..depth).fold(leaf, |acc, _| {
        if key == "[]" {
            json!([acc])
        } else {
            json!({ key: acc })
        }
    })
}

#[test]
fn schemas_naming_the_next_one_several_times_build_and_validate_in_linear_time() {
    for lazy in [false, true] {
        let options = Options::new().with_lazy_compilation(lazy);
        for depth in [20, 30, 40] {
            for fan in [2, 3] {
                let what = format!("depth {depth}, fan-out {fan}, lazy {lazy}");
                for kw in ["allOf", "anyOf"] {
                    let v = build(&chain(depth, fan, kw, false), &options)
                        .unwrap_or_else(|e| panic!("{kw} {what}: {e}"));
                    assert!(post(&v, &json!("a")).is_empty(), "{kw} {what}");
                    let codes = post(&v, &json!(1));
                    assert!(
                        !codes.is_empty() && codes.iter().all(|c| *c == "body-schema"),
                        "{kw} {what}: {codes:?}"
                    );
                }
                // oneOf with a schema listed twice can never match exactly once.
                let v = build(&chain(depth, fan, "oneOf", false), &options)
                    .unwrap_or_else(|e| panic!("oneOf {what}: {e}"));
                assert!(!post(&v, &json!("a")).is_empty(), "oneOf {what}");
                // With a discriminator, oneOf dispatches.
                let v = build(&chain(depth, fan, "discriminated", false), &options)
                    .unwrap_or_else(|e| panic!("discriminated {what}: {e}"));
                let _ = post(&v, &json!({"kind": "S1"}));
                // Properties and items apply each mention to a different part of the value.
                let v = build(&chain(depth, fan, "properties", false), &options)
                    .unwrap_or_else(|e| panic!("properties {what}: {e}"));
                let codes = post(&v, &nested(depth, "p0", json!("a")));
                assert!(codes.is_empty(), "{what}: {codes:?}");
                let codes = post(&v, &nested(depth, "p1", json!(1)));
                assert_eq!(codes, ["body-schema"], "{what}");
                let v = build(&chain(depth, fan, "items", false), &options)
                    .unwrap_or_else(|e| panic!("items {what}: {e}"));
                let codes = post(&v, &nested(depth, "[]", json!("a")));
                assert!(codes.is_empty(), "{what}: {codes:?}");
                assert!(
                    !post(&v, &nested(depth, "[]", json!(1))).is_empty(),
                    "{what}"
                );
            }
        }
    }
}

#[test]
fn schemas_that_cannot_be_merged_end_in_a_clear_error_naming_the_limit() {
    for lazy in [false, true] {
        for depth in [20, 30, 40] {
            for fan in [2, 3] {
                for kw in ["allOf", "anyOf", "oneOf"] {
                    let options = Options::new().with_lazy_compilation(lazy);
                    let err = build(&chain(depth, fan, kw, true), &options)
                        .err()
                        .unwrap_or_else(|| panic!("{kw} {depth} {fan}: built"));
                    assert!(
                        matches!(
                            &err,
                            BuildError::SchemaExpansion { pointer, limit: 100_000, .. }
                                if pointer.contains("/components/schemas/S0")
                        ),
                        "{err:?}"
                    );
                    let text = err.to_string();
                    assert!(
                        text.contains("100000")
                            && text.contains("with_max_schema_expansion")
                            && text.contains("/components/schemas/S0"),
                        "{text}"
                    );
                }
            }
        }
    }
    // Under the limit, or with the limit raised, the same shape builds and validates.
    let doc = chain(10, 2, "allOf", true);
    assert!(build(&doc, &Options::new().with_max_schema_expansion(1_000)).is_err());
    let v = build(&doc, &Options::new()).expect("2^10 paths are fine");
    assert!(post(&v, &json!("a")).is_empty());
    assert_eq!(post(&v, &json!(1)).first(), Some(&"body-schema"));
}

#[test]
fn bodies_over_the_size_limit_are_refused_unread() {
    let doc = chain(1, 1, "allOf", false);
    for limit in [0usize, 10, 1000] {
        let v = build(&doc, &Options::new().with_max_body_size(limit)).expect("builds");
        let body = json!("x".repeat(limit + 1));
        assert_eq!(post(&v, &body), ["body-too-large"]);
        let small = v.validate_request(&Request::new("POST", "/x").json(&json!("")));
        assert!(limit < 2 || small.violations.is_empty(), "{small}");
    }
}

fn multipart_validator() -> &'static Validator {
    static V: std::sync::OnceLock<Validator> = std::sync::OnceLock::new();
    V.get_or_init(multipart_validator_build)
}

fn multipart_validator_build() -> Validator {
    // Many properties: a scan of them per field would be O(fields x properties).
    let mut props: Map<String, Value> = (0..20_000)
        .map(|i| (format!("f{i}"), json!({"type": "string"})))
        .collect();
    props.insert("id".into(), json!({"type": "integer"}));
    props.insert("note".into(), json!({"type": "string"}));
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/up": {"post": {
            "requestBody": {"required": true, "content": {
                "multipart/form-data": {"schema": {"type": "object", "properties": props}},
                "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": props}}
            }},
            "responses": {"200": {"description": "ok"}}
        }}}
    });
    build(&doc, &Options::new()).expect("builds")
}

fn upload(v: &Validator, content_type: &str, body: Vec<u8>) -> Vec<&'static str> {
    v.validate_request(
        &Request::new("POST", "/up")
            .header("Content-Type", content_type)
            .body(body),
    )
    .violations
    .iter()
    .inspect(|v| oaskit_testkit::assert_explained(v.code, &[oaskit_validator::codes::CODES]))
    .map(|v| v.code)
    .collect()
}

#[test]
fn multipart_bodies_of_near_matches_of_a_long_boundary_are_read_in_linear_time() {
    let v = multipart_validator();
    for (boundary_len, body_len) in [
        (8 << 10, 10 << 20),
        (100 << 10, 2 << 20),
        (100 << 10, 10 << 20),
    ] {
        for unit in ["a", "ab", "-\r\n"] {
            let boundary: String = unit.repeat(boundary_len / unit.len());
            let ct = format!("multipart/form-data; boundary=\"{boundary}\"");
            // A well-formed body: two parts, the second large, then the closing delimiter.
            let mut body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n7\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
            )
            .into_bytes();
            // Filler: near-matches of the delimiter (all but its last byte), back to back.
            let mut near = format!("\r\n--{boundary}").into_bytes();
            near.pop();
            near.push(b'!');
            while body.len() + near.len() < body_len {
                body.extend_from_slice(&near);
            }
            let closed = {
                let mut b = body.clone();
                b.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
                b
            };
            assert!(
                upload(v, &ct, closed).is_empty(),
                "{boundary_len} {body_len} {unit:?}"
            );
            // Never terminated: every search runs to the end, once.
            assert_eq!(upload(v, &ct, body), ["body-malformed"]);
            // Near-matches before the first delimiter too.
            let mut preamble: Vec<u8> = Vec::new();
            while preamble.len() + near.len() < body_len {
                preamble.extend_from_slice(&near);
            }
            assert_eq!(upload(v, &ct, preamble), ["body-malformed"]);
        }
    }
}

#[test]
fn many_small_parts_and_form_fields_are_read_in_linear_time() {
    let v = multipart_validator();
    for n in [5_000usize, 20_000, 80_000] {
        let mut body = Vec::new();
        for i in 0..n {
            body.extend_from_slice(
                format!("--b\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nx\r\n")
                    .as_bytes(),
            );
        }
        body.extend_from_slice(b"--b--\r\n");
        assert!(upload(v, "multipart/form-data; boundary=b", body).is_empty());
        let form: Vec<String> = (0..n).map(|i| format!("f{i}=x")).collect();
        let form = form.join("&").into_bytes();
        assert!(upload(v, "application/x-www-form-urlencoded", form).is_empty());
    }
}

#[test]
fn many_query_pairs_against_many_properties_are_read_in_linear_time() {
    let props: Map<String, Value> = (0..20_000)
        .map(|i| (format!("f{i}"), json!({"type": "integer"})))
        .collect();
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/deep": {"get": {
                "parameters": [{"name": "q", "in": "query", "style": "deepObject", "explode": true,
                    "schema": {"type": "object", "properties": props}}],
                "responses": {"200": {"description": "ok"}}
            }},
            "/form": {"get": {
                "parameters": [{"name": "q", "in": "query", "style": "form", "explode": true,
                    "schema": {"type": "object", "properties": props}}],
                "responses": {"200": {"description": "ok"}}
            }}
        }
    });
    let v = build(&doc, &Options::new()).expect("builds");
    for n in [5_000usize, 20_000, 80_000] {
        let deep: Vec<String> = (0..n).map(|i| format!("q[f{}]={i}", i % 20_000)).collect();
        let r = v.validate_request(&Request::new("GET", &format!("/deep?{}", deep.join("&"))));
        assert!(r.violations.is_empty(), "{r}");
        let form: Vec<String> = (0..n).map(|i| format!("f{}=x", i % 20_000)).collect();
        let r = v.validate_request(&Request::new("GET", &format!("/form?{}", form.join("&"))));
        assert!(!r.violations.is_empty() && r.violations.iter().all(|x| x.code == "param-schema"));
    }
}
