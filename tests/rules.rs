//! Each rule of the specification text, on a small document: `check(yaml, expected codes)`.

fn check(body: &str, version: &str, expected: &[&str]) {
    let head = if version == "2.0" {
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\n".to_string()
    } else {
        format!("openapi: {version}\ninfo: {{title: t, version: '1'}}\n")
    };
    let loaded = oaskit_core::load_str(
        "rules.yaml",
        &format!("{head}{body}"),
        &oaskit_core::LoadOptions::new(),
    );
    let mut got: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    got.sort_unstable();
    let mut want = expected.to_vec();
    want.sort_unstable();
    assert_eq!(got, want, "for:\n{body}\n{:#?}", loaded.diagnostics);
    for d in &loaded.diagnostics {
        assert!(
            oaskit_core::codes::lookup(d.code).is_some(),
            "code {} is not registered",
            d.code
        );
        let (_, line, _) = d.position(&loaded.sources).expect("located");
        assert!(line >= 3, "{}: points at the header", d.code);
    }
}

const OK_RESP: &str = "responses: {'200': {description: ok}}";

#[test]
fn operation_ids_are_unique() {
    check(&format!("paths:\n  /a:\n    get: {{operationId: x, {OK_RESP}}}\n  /b:\n    get: {{operationId: x, {OK_RESP}}}\n"), "3.0.3", &["operation-id-duplicate"]);
}

#[test]
fn path_parameters_match_the_template() {
    check(
        &format!("paths:\n  /a/{{id}}:\n    get: {{{OK_RESP}}}\n"),
        "3.0.3",
        &["path-param-undeclared"],
    );
    check(&format!("paths:\n  /a:\n    get:\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      {OK_RESP}\n"), "3.0.3", &["path-param-unused"]);
    check(&format!("paths:\n  /a/{{id}}:\n    parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n    get: {{{OK_RESP}}}\n"), "3.0.3", &[]);
    // The 2.0 schema refuses it too; the specific finding replaces the generic one.
    check(&format!("paths:\n  /a/{{id}}:\n    get:\n      parameters: [{{name: id, in: path, type: string}}]\n      {OK_RESP}\n"), "2.0", &["path-param-not-required"]);
}

#[test]
fn parameters_are_not_listed_twice() {
    check(&format!("paths:\n  /a:\n    get:\n      parameters:\n        - {{name: q, in: query, schema: {{type: string}}}}\n        - {{name: q, in: query, schema: {{type: integer}}}}\n      {OK_RESP}\n"), "3.0.3", &["parameter-duplicate"]);
    check(&format!("paths:\n  /a:\n    get:\n      parameters:\n        - {{name: X-A, in: header, schema: {{type: string}}}}\n        - {{name: x-a, in: header, schema: {{type: string}}}}\n      {OK_RESP}\n"), "3.1.0", &["parameter-duplicate"]);
    check(&format!("paths:\n  /a:\n    get:\n      parameters: [{{name: Accept, in: header, schema: {{type: string}}}}]\n      {OK_RESP}\n"), "3.0.3", &["parameter-ignored"]);
}

#[test]
fn templated_paths_differ_in_more_than_names() {
    check(&format!("paths:\n  /a/{{x}}:\n    get: {{parameters: [{{name: x, in: path, required: true, schema: {{type: string}}}}], {OK_RESP}}}\n  /a/{{y}}:\n    get: {{parameters: [{{name: y, in: path, required: true, schema: {{type: string}}}}], {OK_RESP}}}\n"), "3.0.3", &["path-ambiguous"]);
}

#[test]
fn security_requirements_name_defined_schemes() {
    check("security: [{missing: []}]\npaths: {}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, name: k, in: header}\n", "3.0.3", &["security-scheme-undefined"]);
    check("security: [{key: []}]\npaths: {}\nsecurityDefinitions:\n  key: {type: apiKey, name: k, in: header}\n", "2.0", &[]);
    check(
        &format!("paths:\n  /a:\n    get: {{security: [{{nope: []}}], {OK_RESP}}}\n"),
        "3.1.0",
        &["security-scheme-undefined"],
    );
}

#[test]
fn discriminator_mappings_resolve() {
    check("paths: {}\ncomponents:\n  schemas:\n    Pet:\n      oneOf: [{$ref: '#/components/schemas/Cat'}]\n      discriminator:\n        propertyName: kind\n        mapping: {cat: Cat, dog: '#/components/schemas/Dog'}\n    Cat: {type: object}\n", "3.0.3", &["discriminator-mapping-unresolved"]);
}

#[test]
fn server_variables() {
    check("servers:\n  - url: https://{region}.example.com/{v}\n    variables:\n      region: {default: mars, enum: [eu, us]}\npaths: {}\n", "3.1.0", &["server-variable-default", "server-variable-undefined"]);
}

#[test]
fn response_codes() {
    check("paths:\n  /a:\n    get:\n      responses: {'200': {description: ok}, '2XX': {description: ok}, '600': {description: no}, 'x-note': 1}\n", "3.1.0", &["response-code-invalid"]);
}

#[test]
fn swagger_body_parameters() {
    check(&format!("paths:\n  /a:\n    post:\n      parameters:\n        - {{name: a, in: body, schema: {{type: object}}}}\n        - {{name: b, in: formData, type: string}}\n      {OK_RESP}\n"), "2.0", &["body-param-conflict"]);
}

#[test]
fn tags_and_component_names() {
    check(
        "tags: [{name: a}, {name: a}]\npaths: {}\n",
        "3.0.3",
        &["tag-duplicate"],
    );
    check(
        "paths: {}\ncomponents:\n  schemas:\n    'has space': {type: string}\n",
        "3.0.3",
        &["component-name"],
    );
}

#[test]
fn links_name_real_operations() {
    check("paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          links:\n            next: {operationId: getB}\n            self: {operationId: getA}\n", "3.0.3", &["link-operation-unknown"]);
}

#[test]
fn get_bodies_are_flagged() {
    check("paths:\n  /a:\n    get:\n      requestBody: {content: {application/json: {schema: {type: object}}}}\n      responses: {'200': {description: ok}}\n", "3.0.3", &["get-request-body"]);
}

#[test]
fn openapi_32_documents_are_understood() {
    // The QUERY method and additionalOperations are 3.2 additions.
    check("paths:\n  /search:\n    query:\n      operationId: search\n      requestBody: {content: {application/json: {schema: {type: object}}}}\n      responses: {'200': {description: ok}}\n    additionalOperations:\n      PURGE:\n        operationId: purge\n        responses: {'204': {description: gone}}\n", "3.2.0", &[]);
    check("paths:\n  /a:\n    query: {operationId: x, responses: {'200': {description: ok}}}\n  /b:\n    get: {operationId: x, responses: {'200': {description: ok}}}\n", "3.2.0", &["operation-id-duplicate"]);
}

#[test]
fn unsupported_versions_are_clear_errors() {
    let l = oaskit_core::load_str(
        "v.yaml",
        "openapi: 4.0.0\ninfo: {title: t, version: '1'}\n",
        &oaskit_core::LoadOptions::new(),
    );
    assert_eq!(l.diagnostics[0].code, "unknown-version");
    assert!(l.document.is_none());
    let l = oaskit_core::load_str(
        "v.yaml",
        "openapi: 3.0\ninfo: {title: t, version: '1'}\n",
        &oaskit_core::LoadOptions::new(),
    );
    assert!(l.diagnostics[0]
        .help
        .as_deref()
        .unwrap_or_default()
        .contains("quote"));
}

#[test]
fn structural_errors_point_at_the_offending_node() {
    let l = oaskit_core::load_str("s.yaml", "openapi: 3.0.3\ninfo: {title: t}\npaths:\n  /a:\n    get:\n      responses: {'200': {descripton: typo}}\n", &oaskit_core::LoadOptions::new());
    let codes: Vec<_> = l
        .diagnostics
        .iter()
        .map(|d| (d.code, d.location.as_ref().map(|x| x.pointer.clone())))
        .collect();
    assert!(
        codes.contains(&("schema-violation", Some("/info".to_string()))),
        "{codes:?}"
    );
    assert!(
        codes.iter().any(|(c, p)| *c == "schema-violation"
            && p.as_deref()
                .is_some_and(|p| p.starts_with("/paths/~1a/get/responses/200"))),
        "{codes:?}"
    );
}

#[test]
fn openapi_31_schemas_are_checked_against_json_schema_2020_12() {
    check("paths: {}\ncomponents:\n  schemas:\n    A: {type: strin}\n    B: {type: [string, 'null'], prefixItems: [{type: integer}]}\n    C: {minLength: -1}\n", "3.1.0", &["schema-invalid", "schema-invalid"]);
}

/// JSON Schema forms that Swagger 2.0 documents carry and OpenAPI 3.0 lacks are approximated
/// on upgrade, each named with its pointer, and the result checks clean as 3.0 and 3.1.
#[test]
fn swagger_2_type_lists_and_tuple_items_upgrade_to_valid_3_0() {
    let body = "paths: {}\ndefinitions:\n  \
        One: {type: array, items: [{type: string}]}\n  \
        Two: {type: array, items: [{type: string}, {type: [integer, 'null']}]}\n  \
        Null: {type: 'null'}\n  \
        Many: {type: [integer, string, 'null']}\n  \
        Deep: {properties: {a: {items: [{type: [boolean, 'null']}]}}}\n";
    check(
        body,
        "2.0",
        &[
            "upgrade-tuple-items",
            "upgrade-tuple-items",
            "upgrade-tuple-items",
            "upgrade-type-array",
            "upgrade-type-array",
            "upgrade-type-array",
            "upgrade-type-array",
        ],
    );
    let text = format!("swagger: '2.0'\ninfo: {{title: t, version: '1'}}\n{body}");
    let loaded = oaskit_core::load_str("t.yaml", &text, &oaskit_core::LoadOptions::new());
    let pointers: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter_map(|d| d.location.as_ref().map(|l| l.pointer.as_str()))
        .collect();
    for p in [
        "/definitions/Two/items",
        "/definitions/Two/items/1/type",
        "/definitions/Deep/properties/a/items/0/type",
    ] {
        assert!(pointers.contains(&p), "{p} in {pointers:?}");
    }
    let doc = loaded.document.expect("document");
    let s = |name: &str| {
        doc.root()
            .pointer(&format!("/components/schemas/{name}"))
            .expect("schema")
            .to_json()
    };
    assert_eq!(s("One")["items"], serde_json::json!({"type": "string"}));
    assert_eq!(
        s("Two")["items"]["anyOf"][1],
        serde_json::json!({"type": "integer", "nullable": true})
    );
    assert_eq!(
        s("Null"),
        serde_json::json!({"nullable": true, "enum": [null]})
    );
    assert_eq!(s("Many")["anyOf"].as_array().map(Vec::len), Some(2));
    for target in [None, Some(oaskit_core::SpecVersion::OpenApi31)] {
        let up = oaskit_core::load_str(
            "t.yaml",
            &text,
            &oaskit_core::LoadOptions::new().with_target(target),
        );
        let written = oaskit_core::to_json(up.document.expect("document").root());
        let again = oaskit_core::load_str("out.json", &written, &oaskit_core::LoadOptions::new());
        assert!(!again.has_errors(), "{target:?}: {:#?}", again.diagnostics);
    }
}
