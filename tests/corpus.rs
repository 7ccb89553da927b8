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
    for path in support::corpus() {
        let name = support::rel(&path);
        let loaded = oaskit_core::load_file(&path, &support::options_for(&path).with_checks(false));
        let doc = loaded.document.expect("document");
        let want = if name.starts_with("oai/v2.0") || name.contains("k8s") {
            oaskit_core::SpecVersion::Swagger2
        } else if name.starts_with("oai/v3.1") {
            oaskit_core::SpecVersion::OpenApi31
        } else {
            oaskit_core::SpecVersion::OpenApi30
        };
        assert_eq!(doc.source_version(), want, "{name}");
        assert!(
            doc.version() >= oaskit_core::SpecVersion::OpenApi30,
            "{name}"
        );
    }
}

/// The openapiv3 crate, an independent OpenAPI 3.0 model, must parse every 3.0 document we
/// produce (the 3.0 corpus and every upgraded 2.0 spec) and agree on its shape.
#[test]
fn openapiv3_agrees_with_the_normalized_documents() {
    for path in support::corpus() {
        let name = support::rel(&path);
        let loaded = oaskit_core::load_file(&path, &support::options_for(&path).with_checks(false));
        let doc = loaded.document.expect("document");
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
        let our_ops: Vec<(String, String)> = doc
            .operations()
            .iter()
            .map(|o| (o.path.to_string(), o.method.to_string()))
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
