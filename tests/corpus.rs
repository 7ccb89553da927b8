//! Every real-world spec in `shared/specs` loads; what the invalid ones report is stated here.

mod support;

use std::collections::BTreeMap;

/// Findings the corpus really has: (spec, code) -> count. Everything else must be clean.
fn expected() -> BTreeMap<(&'static str, &'static str), usize> {
    BTreeMap::from([
        // GitHub's description declares /orgs/{org}/attestations/{attestation_id} and
        // .../{subject_digest} (and the same under /users/{username}): the specification says
        // templated paths that differ only in variable names MUST NOT exist.
        (("real/github-api.json", "path-ambiguous"), 2),
        // Stripe (2020-08-27) gives its GET operations an empty form request body.
        (("real/stripe-spec3.json", "get-request-body"), 197),
        (("real/stripe-spec3.yaml", "get-request-body"), 197),
        // Kubernetes 1.13 sets `schemes: [https]` on every operation but has no `host`, so
        // OpenAPI 3 servers cannot say it; one warning for the whole set.
        (
            ("real/k8s-1.13-swagger.json", "upgrade-operation-schemes"),
            1,
        ),
        // Slack's 2.0 schemas use JSON Schema forms 3.0 lacks: tuple `items` lists and type
        // lists with "null"; the upgrade approximates and names each one.
        (("real/slack-web-openapi-v2.json", "upgrade-tuple-items"), 28),
        (("real/slack-web-openapi-v2.json", "upgrade-type-array"), 48),
        // OpenAI's 3.1 schemas use keywords the JSON Schema 2020-12 meta-schema rejects
        // (checked by the meta-schema, not by hand).
        (("real/openai-openapi.yaml", "schema-invalid"), 8),
        // The OAI's 3.2 test documents only have to pass the 3.2 JSON Schema; some name
        // operations, variables and schemes they do not define, and one a remote document.
        (("oai/v3.2-tests/json_schema_dialect.yaml", "schema-invalid"), 1),
        (("oai/v3.2-tests/link-object-examples.yaml", "link-operation-unknown"), 2),
        (("oai/v3.2-tests/operation-object-example.yaml", "path-param-undeclared"), 1),
        (("oai/v3.2-tests/operation-object-example.yaml", "path-param-unused"), 1),
        (("oai/v3.2-tests/operation-object-example.yaml", "security-scheme-undefined"), 1),
        (("oai/v3.2-tests/path_item_servers_parameters.yaml", "link-operation-unknown"), 2),
        (("oai/v3.2-tests/security-scheme-object-examples.yaml", "ref-remote-denied"), 1),
        // AWS's developer-guide samples as published: HTTP-API operations without
        // `responses`, a missing `info.version`, a path parameter declared twice, an
        // `Accept` header parameter, security requirements naming undefined schemes. An
        // AWS profile that accepts what API Gateway accepts is its own issue (profiles).
        (("aws-apigateway/developer-guide/api-as-kinesis-proxy-export-swagger-with-extensions-2.json", "parameter-duplicate"), 1),
        (("aws-apigateway/developer-guide/api-as-kinesis-proxy-export-swagger-with-extensions.json", "parameter-ignored"), 1),
        (("aws-apigateway/developer-guide/api-as-s3-proxy-export-swagger-with-extensions.json", "schema-violation"), 1),
        (("aws-apigateway/developer-guide/api-gateway-extensions-integrations.json", "schema-violation"), 3),
        (("aws-apigateway/developer-guide/api-gateway-request-validation-sample-api-swagger.json", "schema-violation"), 4),
        (("aws-apigateway/developer-guide/api-gateway-request-validation-sample-api-swagger.json", "security-scheme-undefined"), 2),
        (("aws-apigateway/developer-guide/api-gateway-swagger-extensions-auth.json", "schema-violation"), 1),
        (("aws-apigateway/developer-guide/create-api-using-swagger.json", "schema-violation"), 1),
        // DigitalOcean, split over 2,907 files (one file per operation, parameter, response
        // and model): its links name operationIds that no operation has (`sshKeys_get_by_id`
        // exists only in the link files; the operation is `sshKeys_get`), two header
        // parameters the specification says are ignored, and 659 operations written as
        // `$ref`s, which no OpenAPI version allows and oaskit reads as redocly does.
        (("multi-file/digitalocean/specification/DigitalOcean-public.v2.yaml", "link-operation-unknown"), 12),
        (("multi-file/digitalocean/specification/DigitalOcean-public.v2.yaml", "parameter-ignored"), 2),
        (("multi-file/digitalocean/specification/DigitalOcean-public.v2.yaml", "ref-operation"), 659),
    ])
}

#[test]
fn every_spec_loads_and_reports_exactly_its_real_problems() {
    let expected = expected();
    let mut seen = BTreeMap::new();
    let corpus = support::corpus();
    assert!(corpus.len() >= 28, "corpus too small: {}", corpus.len());
    for path in &corpus {
        let name = support::rel(path);
        let loaded = oaskit_core::load_file(path, &support::options_for(path));
        assert!(
            loaded.document.is_some(),
            "{name}: no document: {:?}",
            loaded.diagnostics
        );
        for d in &loaded.diagnostics {
            assert!(d.location.is_some(), "{name}: {} has no location", d.code);
            assert!(
                oaskit_core::codes::lookup(d.code).is_some(),
                "{name}: code {} is not registered",
                d.code
            );
            *seen.entry((name.clone(), d.code)).or_insert(0usize) += 1;
        }
    }
    let seen: BTreeMap<(&str, &str), usize> = seen
        .iter()
        .map(|((n, c), k)| ((n.as_str(), *c), *k))
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn versions_are_detected() {
    for spec in support::specs() {
        let loaded = oaskit_core::load_file(
            &spec.path,
            &support::options_for(&spec.path).with_checks(false),
        );
        let doc = loaded
            .document
            .unwrap_or_else(|| panic!("{}: no document", spec.rel));
        let want = match spec.version.get(..3) {
            Some("2.0") => oaskit_core::SpecVersion::Swagger2,
            Some("3.0") => oaskit_core::SpecVersion::OpenApi30,
            Some("3.1") => oaskit_core::SpecVersion::OpenApi31,
            Some("3.2") => oaskit_core::SpecVersion::OpenApi32,
            _ => panic!("{}: the index gives version {}", spec.rel, spec.version),
        };
        assert_eq!(doc.source_version(), want, "{}", spec.rel);
        assert!(
            doc.version() >= oaskit_core::SpecVersion::OpenApi30,
            "{}",
            spec.rel
        );
    }
}

/// The openapiv3 crate, an independent OpenAPI 3.0 model, must parse every 3.0 document we
/// produce (the 3.0 corpus and every upgraded 2.0 spec) and agree on its shape.
#[test]
fn openapiv3_agrees_with_the_normalized_documents() {
    for path in support::corpus() {
        let name = support::rel(&path);
        // Only documents that check clean: openapiv3 models valid 3.0 documents.
        let loaded = oaskit_core::load_file(&path, &support::options_for(&path));
        if loaded.has_errors() {
            continue;
        }
        let doc = loaded
            .document
            .unwrap_or_else(|| panic!("{name}: no document"));
        if doc.version() != oaskit_core::SpecVersion::OpenApi30 {
            continue;
        }
        let value = doc.root().to_json();
        let theirs: openapiv3::OpenAPI = serde_json::from_value(value)
            .unwrap_or_else(|e| panic!("{name}: openapiv3 rejects our 3.0 document: {e}"));
        assert_eq!(
            theirs.paths.paths.len(),
            doc.root()
                .get("paths")
                .and_then(|p| p.as_object())
                .map_or(0, |m| m.len()),
            "{name}"
        );
        // openapiv3 models the fixed methods of 3.0 only.
        let our_ops: Vec<(String, String)> = oaskit_core::api::Api::new(&doc)
            .operations()
            .iter()
            .filter(|o| matches!(o.method, oaskit_core::api::Method::Fixed(_)))
            .map(|o| (o.path.to_string(), o.method.key().to_string()))
            .collect();
        let mut their_ops: Vec<(String, String)> = theirs
            .operations()
            .map(|(p, m, _)| (p.to_string(), m.to_string()))
            .collect();
        let mut ours_sorted = our_ops.clone();
        ours_sorted.sort();
        their_ops.sort();
        assert_eq!(ours_sorted, their_ops, "{name}");
        let mut our_schemas: Vec<String> = doc
            .root()
            .pointer("/components/schemas")
            .and_then(|s| s.as_object())
            .map(|m| m.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default();
        let mut their_schemas: Vec<String> = theirs
            .components
            .as_ref()
            .map(|c| c.schemas.keys().cloned().collect())
            .unwrap_or_default();
        our_schemas.sort();
        their_schemas.sort();
        assert_eq!(our_schemas, their_schemas, "{name}");
    }
}
