//! The developer guide's extension fragments (`../shared/fragments/aws-apigateway/`), each
//! checked as the extension object it is, with the findings expected of each.

use oaskit_profile::check_fragment;

/// (file, kind, the codes expected, as `code@pointer`).
const FRAGMENTS: &[(&str, &str, &[&str])] = &[
    (
        "api-gateway-extensions-integration-tls-config.yaml",
        "integration",
        &[],
    ),
    (
        "api-gateway-openapi-extensions-x-amazon-apigateway-tag-value.yaml",
        "tag-value",
        &[],
    ),
    (
        "api-gateway-openapi-minimum-compression-size.yaml",
        "minimum-compression-size",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-any-method.yaml",
        "any-method",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-authorizer-2.yaml",
        "authorizer",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-authorizer-3.yaml",
        "authorizer",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-authorizer-4.yaml",
        "authorizer",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-authorizer.yaml",
        "integration",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-binary-media-types.yaml",
        "binary-media-types",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-cors-configuration.yaml",
        "cors",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-endpoint-configuration-2.yaml",
        "endpoint-configuration",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-endpoint-configuration.yaml",
        "endpoint-configuration",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-gateway-responses.json",
        "gateway-responses",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-integration-2.yaml",
        "integration",
        &[],
    ),
    (
        "api-gateway-swagger-extensions-integration.yaml",
        "integration",
        &[],
    ),
    (
        "enable-cors-for-resource-using-swagger-importer-tool-2.yaml",
        "integration",
        &[],
    ),
    (
        "enable-cors-for-resource-using-swagger-importer-tool.yaml",
        "integration",
        &[],
    ),
    // The guide elides the rest of the response with "...", which reads as a member named
    // "..." that the reference does not list.
    (
        "handle-errors-in-lambda-integration.yaml",
        "integration",
        &["aws-extension-invalid@/x-amazon-apigateway-integration/responses/default"],
    ),
    ("http-api-open-api.yaml", "integration", &[]),
    ("openapi-extensions-policy.yaml", "policy", &[]),
];

#[test]
fn every_fragment_is_checked_as_its_extension() {
    let dir = oaskit_testkit::shared().join("fragments/aws-apigateway");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fragments")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<&str> = FRAGMENTS.iter().map(|(f, _, _)| *f).collect();
    listed.sort_unstable();
    assert_eq!(listed, on_disk);
    let mut wrong = Vec::new();
    for (file, kind, expected) in FRAGMENTS {
        let f = check_fragment(kind, &dir.join(file)).expect("checked");
        assert!(
            f.checked >= 1,
            "{file}: no {kind} object found: {:?}",
            f.diagnostics
        );
        let got: Vec<String> = f
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}@{}",
                    d.code,
                    d.location.as_ref().map_or("", |l| l.pointer.as_str())
                )
            })
            .collect();
        if got != *expected {
            let detail: Vec<String> = f.diagnostics.iter().map(|d| d.message.clone()).collect();
            wrong.push(format!(
                "{file}: expected {expected:?}, got {got:?} {detail:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_broken_fragment_is_located() {
    let dir = std::env::temp_dir().join(format!("oaskit-profile-fragment-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("gw.yaml");
    std::fs::write(
        &file,
        "\"x-amazon-apigateway-gateway-responses\": {\n  \"DEFAULT_4XX\": {\"statusCode\": \"4xx\"},\n  \"NOT_A_TYPE\": {}\n}\n",
    )
    .unwrap();
    let f = check_fragment("gateway-responses", &file).unwrap();
    let lines: Vec<u32> = f
        .diagnostics
        .iter()
        .map(|d| d.position(&f.sources).unwrap().1)
        .collect();
    std::fs::remove_dir_all(&dir).ok();
    assert!(f.has_errors());
    assert!(lines.contains(&2), "{lines:?} {:?}", f.diagnostics);
    assert!(f
        .diagnostics
        .iter()
        .all(|d| d.code == "aws-extension-invalid"));
}
