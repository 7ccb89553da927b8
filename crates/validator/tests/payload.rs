//! `Validator::validate_schema`: one payload against a schema named by component name or JSON
//! pointer, on `specs/petstore.yaml` and `specs/gateway-crud.yaml`, held to the same
//! violations, payload pointers and locations as the request path, in both directions and
//! with eager and lazy compilation.

use oaskit_validator::{Direction, Options, Request, Response, Validator};
use serde_json::{json, Value};

fn load(spec: &str) -> oaskit_core::Loaded {
    let path = std::fs::canonicalize(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../specs")
            .join(spec),
    )
    .expect("spec");
    oaskit_core::load_file(&path, &oaskit_core::LoadOptions::new())
}

fn both(loaded: &oaskit_core::Loaded) -> [Validator; 2] {
    [false, true].map(|lazy| {
        Validator::from_loaded(loaded, &Options::new().with_lazy_compilation(lazy))
            .expect("validator")
    })
}

/// (code, part, rule, end of rule_at) of each violation.
fn places(r: &oaskit_validator::Report) -> Vec<(String, String, String, String)> {
    r.violations
        .iter()
        .map(|v| {
            let at = v.rule_at.clone().unwrap_or_default();
            let file = at.rsplit('/').next().unwrap_or_default().to_string();
            (v.code.to_string(), v.part.to_string(), v.rule.clone(), file)
        })
        .collect()
}

#[test]
fn a_payload_gets_the_violations_and_places_its_request_body_gets() {
    let loaded = load("petstore.yaml");
    let bad = json!({"name": 7, "kind": "fish", "tag": null});
    for v in both(&loaded) {
        let as_body = v
            .validate_request(
                &Request::new("POST", "/v1/pets")
                    .header("Authorization", "Bearer t")
                    .json(&bad),
            )
            .with_locations(&loaded);
        for name in [
            "NewPet",
            "#/components/schemas/NewPet",
            "/components/schemas/NewPet",
        ] {
            let r = v
                .validate_schema(name, &bad, Direction::Request)
                .with_locations(&loaded);
            assert_eq!(r.violations, as_body.violations, "{name}");
            assert_eq!(
                r.operation.as_deref(),
                Some("schema /components/schemas/NewPet (request)")
            );
        }
        assert_eq!(
            places(&as_body),
            [
                (
                    "body-schema".into(),
                    "body/kind".into(),
                    "/components/schemas/NewPet/properties/kind/enum".into(),
                    "petstore.yaml:167:11".into()
                ),
                (
                    "body-schema".into(),
                    "body/name".into(),
                    "/components/schemas/NewPet/properties/name/type".into(),
                    "petstore.yaml:160:17".into()
                ),
            ]
        );
        // The operation's own schema by pointer (a `$ref` to NewPet) gives the same.
        let r = v
            .validate_schema(
                "#/paths/~1pets/post/requestBody/content/application~1json/schema",
                &bad,
                Direction::Request,
            )
            .with_locations(&loaded);
        assert_eq!(r.violations, as_body.violations);
    }
}

#[test]
fn directions_apply_read_only_and_write_only_as_messages_do() {
    let loaded = load("petstore.yaml");
    for v in both(&loaded) {
        let pet = json!({"id": 3, "name": "Rex"});
        v.validate_schema("Pet", &pet, Direction::Response)
            .assert_valid();
        // `id` is readOnly: required in responses only, refused in requests.
        let r = v.validate_schema("Pet", &json!({"name": "Rex"}), Direction::Response);
        assert_eq!(r.codes(), ["body-schema"]);
        v.validate_schema("Pet", &json!({"name": "Rex"}), Direction::Request)
            .assert_valid();
        let r = v
            .validate_schema("Pet", &pet, Direction::Request)
            .with_locations(&loaded);
        assert_eq!(
            places(&r),
            [(
                "read-only".into(),
                "body/id".into(),
                "/components/schemas/Pet/allOf/1/properties/id/not".into(),
                "petstore.yaml:174:13".into()
            )]
        );
        // The response path agrees on the same payload.
        let resp = v.validate_response(
            "GET",
            "/v1/pets/3",
            &Response::new(200).json(&json!({"id": "3", "name": "Rex"})),
        );
        let one = v.validate_schema(
            "Pet",
            &json!({"id": "3", "name": "Rex"}),
            Direction::Response,
        );
        assert_eq!(resp.violations, one.violations);
        // Discriminated unions dispatch as in bodies.
        let r = v.validate_schema(
            "Activity",
            &json!({"type": "walk", "food": "x"}),
            Direction::Request,
        );
        assert_eq!(r.codes(), ["body-schema"], "{r}");
        assert!(
            r.violations[0].rule.contains("/components/schemas/Walk"),
            "{r}"
        );
    }
}

#[test]
fn gateway_schemas_by_name_with_locations() {
    let loaded = load("gateway-crud.yaml");
    for v in both(&loaded) {
        let r = v
            .validate_schema(
                "NotePage",
                &json!({"items": [{"id": "not-a-uuid", "title": "t", "createdAt": "2026-12-02T08:00:00Z"}], "nextCursor": null}),
                Direction::Response,
            )
            .with_locations(&loaded);
        assert_eq!(
            places(&r),
            [(
                "body-schema".into(),
                "body/items/0/id".into(),
                "/components/schemas/Note/properties/id/format".into(),
                "gateway-crud.yaml:231:19".into()
            )]
        );
        let r = v
            .validate_schema(
                "NewNote",
                &json!({"title": "t", "colour": "red"}),
                Direction::Request,
            )
            .with_locations(&loaded);
        assert_eq!(
            places(&r),
            [(
                "body-schema".into(),
                "body".into(),
                "/components/schemas/NewNote/additionalProperties".into(),
                "gateway-crud.yaml:212:29".into()
            )]
        );
    }
}

#[test]
fn unknown_names_and_non_schemas_are_schema_not_found() {
    let loaded = load("petstore.yaml");
    for v in both(&loaded) {
        for name in ["Nope", "#/components/schemas/Nope", "/info/title", "", "#"] {
            let r = v.validate_schema(name, &json!({}), Direction::Request);
            assert_eq!(r.codes(), ["schema-not-found"], "{name:?}: {r}");
            assert!(!r.is_valid());
        }
    }
}

#[test]
fn swagger_2_definitions_are_found_where_the_upgrade_put_them() {
    let loaded = oaskit_core::load_str(
        "api.yaml",
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Tag:\n    type: string\n    maxLength: 3\n",
        &oaskit_core::LoadOptions::new(),
    );
    let v = Validator::from_loaded(&loaded, &Options::new()).unwrap();
    for name in ["Tag", "#/definitions/Tag", "#/components/schemas/Tag"] {
        let r = v.validate_schema(name, &json!("long"), Direction::Request);
        assert_eq!(r.codes(), ["body-schema"], "{name}");
        assert_eq!(r.violations[0].rule, "/components/schemas/Tag/maxLength");
    }
}

#[test]
fn schemas_over_the_expansion_limit_are_refused_not_evaluated() {
    // Each level names the next twice: 2^n paths for one value.
    let mut yaml =
        String::from("openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n");
    for i in 0..30 {
        yaml.push_str(&format!(
            "    S{i}: {{allOf: [{{$ref: '#/components/schemas/S{}'}}, {{$ref: '#/components/schemas/S{}', description: x}}]}}\n",
            i + 1,
            i + 1
        ));
    }
    yaml.push_str("    S30: {type: string}\n");
    let loaded = oaskit_core::load_str("api.yaml", &yaml, &oaskit_core::LoadOptions::new());
    let v =
        Validator::from_loaded(&loaded, &Options::new().with_max_schema_expansion(1000)).unwrap();
    let r = v.validate_schema("S0", &json!(1), Direction::Request);
    assert_eq!(r.codes(), ["schema-too-large"], "{r}");
    assert_eq!(r.violations[0].rule, "/components/schemas/S0");
    // A small one of the same document is checked.
    let r = v.validate_schema("S29", &json!(1), Direction::Request);
    assert_eq!(r.codes(), ["body-schema", "body-schema"], "{r}");
}

#[test]
fn assert_valid_panics_with_every_violation_and_its_place() {
    let loaded = load("petstore.yaml");
    let v = Validator::from_loaded(&loaded, &Options::new()).unwrap();
    let report = v
        .validate_schema(
            "Pets",
            &json!([{"id": 1, "name": ""}, {"id": 2}]),
            Direction::Response,
        )
        .with_locations(&loaded);
    let panic = std::panic::catch_unwind(|| report.assert_valid()).unwrap_err();
    let text = panic.downcast_ref::<String>().expect("a message");
    assert!(
        text.starts_with("schema /components/schemas/Pets (response): 2 violation(s)"),
        "{text}"
    );
    assert!(text.contains("[body-schema] body/0/name:"), "{text}");
    assert!(text.contains("petstore.yaml:161:22"), "{text}");
    assert!(text.contains("[body-schema] body/1:"), "{text}");
}

#[test]
fn repeated_calls_reuse_the_compiled_schema() {
    let loaded = load("petstore.yaml");
    let v = Validator::from_loaded(&loaded, &Options::new()).unwrap();
    let value: Value = json!({"name": 1});
    let first = v.validate_schema("NewPet", &value, Direction::Request);
    let start = std::time::Instant::now();
    for _ in 0..1000 {
        assert_eq!(
            v.validate_schema("NewPet", &value, Direction::Request),
            first
        );
    }
    // Compiling takes milliseconds; a thousand cached checks take far less than a thousand
    // compiles would.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(v.warnings().is_empty(), "{:?}", v.warnings());
}

#[test]
fn without_schema_lookups_a_pruned_validator_says_why_it_finds_nothing() {
    // `Tag` is reached by no operation, so the validator's copy of the definition is pruned.
    let spec = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: integer}\ncomponents:\n  schemas:\n    Tag: {type: string, maxLength: 3}\n";
    let loaded = oaskit_core::load_str("api.yaml", spec, &oaskit_core::LoadOptions::new());
    let on = Validator::from_loaded(&loaded, &Options::new()).unwrap();
    let r = on.validate_schema("Tag", &json!("long"), Direction::Request);
    assert_eq!(r.codes(), ["body-schema"], "{r}");
    let off = Validator::from_loaded(&loaded, &Options::new().with_schema_lookups(false)).unwrap();
    let r = off.validate_schema("Tag", &json!("long"), Direction::Request);
    assert_eq!(r.codes(), ["schema-not-found"], "{r}");
    assert!(
        r.violations[0]
            .message
            .contains("with_schema_lookups(false)"),
        "{r}"
    );
    // Operations validate as before.
    let resp = Response::new(200).json(&json!("x"));
    assert_eq!(
        off.validate_response("GET", "/a", &resp).codes(),
        on.validate_response("GET", "/a", &resp).codes()
    );
    assert_eq!(
        off.validate_response("GET", "/a", &resp).codes(),
        ["body-schema"]
    );
}
