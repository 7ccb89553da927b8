//! `export --profile aws-rest`: what API Gateway's REST API import does not take is rewritten
//! where the meaning can be kept, and the written document, checked again under the same
//! profile, no longer has those limitations.

use std::collections::BTreeMap;
use std::path::Path;

use oaskit_core::{load_str, LoadOptions, Loaded};
use oaskit_export::{export, ExportError, ExportOptions, Gateway, Target};
use oaskit_profile::Profile;

/// The limitations `export --profile aws-rest` rewrites away (each has a rewrite in
/// `oaskit_export::gateway`).
const REWRITTEN: &[&str] = &[
    "aws-model-name",
    "aws-response-ref",
    "aws-root-security",
    "aws-response-schema-primitive",
    "aws-discriminator",
    "aws-read-only",
    "aws-example",
    "aws-default-keyword",
    "aws-decimal-format",
    "aws-number-format",
    "aws-exclusive-minimum",
    "aws-openapi-version",
];

/// The codes `--profile aws-rest` reports on `text`, counted.
fn profile_codes(name: &str, text: &str) -> BTreeMap<&'static str, usize> {
    let mut loaded = load_str(name, text, &LoadOptions::new());
    oaskit_profile::apply(&mut loaded, Profile::AwsRest);
    let mut out = BTreeMap::new();
    for d in &loaded.diagnostics {
        *out.entry(d.code).or_default() += 1;
    }
    out
}

fn exported(loaded: &Loaded, target: Target) -> oaskit_export::Exported {
    let doc = loaded.document.as_ref().expect("loads");
    export(
        doc,
        &ExportOptions::new(target).with_gateway(Some(Gateway::AwsRest)),
    )
    .expect("exports")
}

#[test]
fn each_rewrite_leaves_a_document_without_its_limitation() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gateway-export/rewrites.yaml");
    let text = std::fs::read_to_string(&path).expect("test document");
    let before = profile_codes("rewrites.yaml", &text);
    for code in REWRITTEN {
        assert_eq!(before.get(code), Some(&1), "{code} in {before:?}");
    }
    let loaded = load_str("rewrites.yaml", &text, &LoadOptions::new());
    for target in [Target::OpenApi30, Target::Swagger20] {
        let out = exported(&loaded, target);
        let written = out.to_yaml();
        let after = profile_codes("out.yaml", &written);
        for code in REWRITTEN {
            assert!(
                !after.contains_key(code),
                "{target}: {code} left in {after:?}\n{written}"
            );
        }
        let errors: Vec<_> = after.keys().filter(|c| !c.starts_with("aws-")).collect();
        assert!(errors.is_empty(), "{target}: {errors:?}\n{written}");
        // Every rewrite and loss is reported where the user wrote it.
        let rewritten = out
            .losses
            .iter()
            .filter(|d| d.code == "gateway-rewritten")
            .count();
        assert_eq!(rewritten, 11, "{target}: {:#?}", out.losses);
        for d in &out.losses {
            let at = d.location.as_ref().expect("located");
            assert!(
                !at.pointer.contains("PetItem2"),
                "named as written: {}",
                at.pointer
            );
        }
        let lost: Vec<&str> = out
            .losses
            .iter()
            .filter(|d| d.code == "lost-keyword")
            .map(|d| d.message.as_str())
            .collect();
        assert!(
            lost.iter()
                .any(|m| m.starts_with("`exclusiveMaximum: true` is dropped")),
            "{lost:?}"
        );
    }
    // The 3.0 output, member by member.
    let out = exported(&loaded, Target::OpenApi30);
    let root = out.document.as_ref().expect("a document");
    let at = |p: &str| root.pointer(p).map(oaskit_core::Node::to_json);
    // `pet-item` took the name after `PetItem`, which was alphanumeric already.
    assert!(at("/components/schemas/pet-item").is_none());
    assert_eq!(
        at("/paths/~1pets/get/responses/200/content/application~1json/schema/items/$ref"),
        Some(serde_json::json!("#/components/schemas/PetItem2"))
    );
    assert_eq!(
        at("/paths/~1pets/get/responses/500/description"),
        Some(serde_json::json!("failed"))
    );
    assert_eq!(
        at("/paths/~1pets/get/security"),
        Some(serde_json::json!([{"api_key": []}]))
    );
    assert_eq!(
        at("/paths/~1pets~1count/get/security"),
        Some(serde_json::json!([]))
    );
    assert!(at("/security").is_none());
    assert_eq!(
        at("/components/schemas/CountPetsResponse200"),
        Some(serde_json::json!({"type": "integer", "minimum": 1}))
    );
    assert_eq!(
        at("/components/schemas/PetItem2/properties"),
        Some(serde_json::json!({
            "kind": {"type": "string"},
            "weight": {"type": "number", "maximum": 100},
            "price": {"type": "number"}
        }))
    );
}

#[test]
fn targets_the_gateway_does_not_import_are_refused() {
    let loaded = load_str(
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
        &LoadOptions::new(),
    );
    let doc = loaded.document.as_ref().expect("loads");
    for (gateway, target) in [
        (Gateway::AwsRest, Target::OpenApi31),
        (Gateway::AwsRest, Target::OpenApi32),
        (Gateway::AwsRest, Target::Postman21),
        (Gateway::AwsHttp, Target::Swagger20),
        (Gateway::AwsHttp, Target::OpenApi31),
    ] {
        let e = export(doc, &ExportOptions::new(target).with_gateway(Some(gateway)))
            .expect_err("refused");
        assert!(matches!(e, ExportError::GatewayTarget { .. }), "{e}");
        assert!(e.to_string().starts_with(gateway.name()), "{e}");
    }
}

/// Every definition of the corpus (up to 3 MB) that loads without errors, exported for REST
/// API import as 3.0 and 2.0: the written document loads without errors and has none of the
/// rewritten limitations left under `--profile aws-rest`.
#[test]
fn corpus_exports_for_rest_apis_leave_no_rewritable_limitation() {
    let mut exported_count = 0;
    let mut rewrites = 0;
    let mut failures = Vec::new();
    for path in oaskit_testkit::corpus() {
        if std::fs::metadata(&path).map_or(true, |m| m.len() > 3_000_000) {
            continue;
        }
        let loaded = oaskit_core::load_file(&path, &oaskit_testkit::options_for(&path));
        if loaded.has_errors() {
            continue;
        }
        for target in [Target::OpenApi30, Target::Swagger20] {
            let out = exported(&loaded, target);
            rewrites += out
                .losses
                .iter()
                .filter(|d| d.code == "gateway-rewritten")
                .count();
            let text = out.to_json();
            let mut again = load_str("out.json", &text, &LoadOptions::new());
            let errors: Vec<&str> = again
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.code)
                .collect();
            oaskit_profile::apply(&mut again, Profile::AwsRest);
            let left: Vec<&str> = again
                .diagnostics
                .iter()
                .map(|d| d.code)
                .filter(|c| REWRITTEN.contains(c))
                .collect();
            if !errors.is_empty() || !left.is_empty() {
                failures.push(format!(
                    "{} -> {target}: errors {errors:?}, limitations left {left:?}",
                    oaskit_testkit::rel(&path)
                ));
            }
            exported_count += 1;
        }
    }
    eprintln!("{exported_count} exports, {rewrites} rewrites");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(exported_count >= 100, "{exported_count} exports");
    assert!(rewrites > 1_000, "{rewrites} rewrites");
}
