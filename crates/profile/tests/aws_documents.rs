//! The 25 documents of AWS's developer guide (`../shared/specs/aws-apigateway/`) load with no
//! error under the profile of the API type their page describes: what API Gateway imports,
//! oaskit loads.

use std::path::PathBuf;

use oaskit_core::load_file;
use oaskit_profile::{apply, Profile};

/// Each document, with the API type of the page it comes from (HTTP APIs: the HTTP API
/// OpenAPI page, the integrations extension, which is for HTTP APIs only, and the auth
/// extension's example, whose operation has no responses as HTTP API routes may; the rest are
/// REST APIs: Swagger 2.0 is REST-only, and their pages are in the REST API chapters).
const DOCUMENTS: &[(&str, Profile)] = &[
    ("apigateway-importer/apigateway.json", Profile::AwsRest),
    (
        "developer-guide/api-as-kinesis-proxy-export-swagger-with-extensions-2.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-as-kinesis-proxy-export-swagger-with-extensions.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-as-lambda-proxy-export-swagger-with-extensions.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-as-s3-proxy-export-swagger-with-extensions.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-gateway-content-encodings-examples-image-lambda-2.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-gateway-content-encodings-examples-image-lambda.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-gateway-content-encodings-examples-image-s3-2.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-gateway-content-encodings-examples-image-s3.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-gateway-documenting-api-quick-start-publishing-2.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-gateway-documenting-api-quick-start-publishing.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-gateway-extensions-integrations.json",
        Profile::AwsHttp,
    ),
    (
        "developer-guide/api-gateway-request-validation-sample-api-swagger.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-gateway-swagger-extensions-auth.json",
        Profile::AwsHttp,
    ),
    (
        "developer-guide/api-gateway-swagger-extensions-authtype-2.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/api-gateway-swagger-extensions-authtype.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/create-api-using-swagger.json",
        Profile::AwsRest,
    ),
    ("developer-guide/http-api-open-api.json", Profile::AwsHttp),
    (
        "developer-guide/import-api-aws-variables.yaml",
        Profile::AwsRest,
    ),
    (
        "developer-guide/set-up-api-with-vpclink-using-swagger.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/set-up-lambda-proxy-integrations-2.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/set-up-lambda-proxy-integrations.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/setup-http-integrations-2.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/setup-http-integrations.json",
        Profile::AwsRest,
    ),
    (
        "developer-guide/simple-calc-lambda-api-swagger-definition.json",
        Profile::AwsRest,
    ),
];

fn dir() -> PathBuf {
    oaskit_testkit::shared().join("specs/aws-apigateway")
}

#[test]
fn the_list_is_every_document_of_the_folder() {
    let mut on_disk = Vec::new();
    for sub in ["apigateway-importer", "developer-guide"] {
        for e in std::fs::read_dir(dir().join(sub)).expect("folder") {
            let name = e.expect("entry").file_name().to_string_lossy().into_owned();
            on_disk.push(format!("{sub}/{name}"));
        }
    }
    on_disk.sort();
    let mut listed: Vec<String> = DOCUMENTS.iter().map(|(p, _)| (*p).to_string()).collect();
    listed.sort();
    assert_eq!(listed, on_disk);
    assert_eq!(listed.len(), 25);
}

#[test]
fn every_document_loads_with_no_error_under_its_profile() {
    let mut failures = Vec::new();
    let mut downgraded = 0;
    for (rel, profile) in DOCUMENTS {
        let path = dir().join(rel);
        let mut loaded = load_file(&path, &oaskit_testkit::options_for(&path));
        assert!(loaded.document.is_some(), "{rel} was not read");
        let before = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        apply(&mut loaded, *profile);
        downgraded += before;
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            let (_, line, _) = d.position(&loaded.sources).unwrap_or_default();
            failures.push(format!(
                "{rel}:{line} [{profile}] {}: {}",
                d.code, d.message
            ));
        }
        for d in &loaded.diagnostics {
            if d.code.starts_with("aws-") {
                assert!(d.location.is_some(), "{rel}: {} has no place", d.code);
                assert!(
                    oaskit_profile::codes::lookup(d.code).is_some(),
                    "{} not explained",
                    d.code
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The six documents `check` refuses without a profile: their errors were downgraded.
    assert!(downgraded >= 6, "{downgraded}");
}

#[test]
fn without_the_profile_six_documents_have_errors() {
    let with_errors = DOCUMENTS
        .iter()
        .filter(|(rel, _)| {
            let path = dir().join(rel);
            load_file(&path, &oaskit_testkit::options_for(&path)).has_errors()
        })
        .count();
    assert_eq!(with_errors, 6);
}
