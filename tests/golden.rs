//! Golden files: the Swagger 2.0 upgrade of the corpus, and the import of our own specs.
//! Regenerate with `OASKIT_BLESS=1 cargo test --workspace`: the blessing run rewrites the
//! files that differ, removes the stale ones and fails naming them; review the diff, commit,
//! and run again without the variable.

mod support;

use std::path::Path;

/// The folders of `tests/golden/`, each owned by one test below, which also reports its stale
/// files.
const FOLDERS: [&str; 2] = ["import", "upgrade"];

fn golden_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn the_golden_folder_holds_only_the_folders_of_the_tests() {
    let mut found: Vec<String> = std::fs::read_dir(golden_dir())
        .expect("tests/golden")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(
        found, FOLDERS,
        "tests/golden/ holds something no test produces"
    );
}

#[test]
fn swagger_2_upgrades_match_their_golden_files() {
    let mut golden = support::Golden::new(golden_dir().join("upgrade"));
    let mut n = 0;
    for path in support::corpus() {
        let name = support::rel(&path);
        // The OAI examples and Kubernetes; the other 2.0 documents are covered by the
        // round-trip and check-clean tests without megabytes of golden files.
        if !(name.starts_with("oai/") || name.contains("k8s")) {
            continue;
        }
        let loaded = oaskit_core::load_file(&path, &support::options_for(&path));
        let doc = loaded
            .document
            .unwrap_or_else(|| panic!("{name}: no document"));
        if doc.source_version() != oaskit_core::SpecVersion::Swagger2 {
            continue;
        }
        let file = name.replace('/', "__").replace(".yaml", ".json");
        let file = if name.ends_with(".yaml") {
            file.replace(".json", ".from-yaml.json")
        } else {
            file
        };
        golden.check(&file, &oaskit_core::to_json(doc.root()));
        n += 1;
    }
    assert!(n >= 17, "{n}");
    golden.finish();
}

#[test]
fn the_yaml_and_json_oai_examples_upgrade_to_the_same_shape() {
    let dir = support::shared().join("specs/oai/v2.0");
    for name in [
        "api-with-examples",
        "petstore-expanded",
        "petstore-minimal",
        "petstore-simple",
        "petstore-with-external-docs",
        "petstore",
        "uber",
    ] {
        let a = oaskit_core::load_file(
            dir.join(format!("json/{name}.json")),
            &oaskit_core::LoadOptions::new(),
        );
        let b = oaskit_core::load_file(
            dir.join(format!("yaml/{name}.yaml")),
            &oaskit_core::LoadOptions::new(),
        );
        let (a, b) = (a.document.expect("json"), b.document.expect("yaml"));
        // The OAI's YAML and JSON copies differ in some descriptions; their structure agrees.
        let ops = |d: &oaskit_core::Document| {
            oaskit_core::api::Api::new(d)
                .operations()
                .iter()
                .map(|o| (o.path.to_string(), o.method.key().to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ops(&a), ops(&b), "{name}");
        let names = |d: &oaskit_core::Document| {
            d.root()
                .pointer("/components/schemas")
                .and_then(|s| s.as_object())
                .map(|m| m.iter().map(|(k, _)| k.to_string()).collect::<Vec<_>>())
        };
        let mut yaml_names = names(&b);
        if name == "uber" {
            // The OAI's YAML copy of uber defines one more schema than its JSON copy.
            if let Some(v) = yaml_names.as_mut() {
                v.retain(|n| n != "ProductList");
            }
        }
        assert_eq!(names(&a), yaml_names, "{name}");
    }
}

#[test]
fn imports_of_our_specs_match_their_golden_files() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut golden = support::Golden::new(golden_dir().join("import"));
    for name in ["petstore.yaml", "gateway-crud.yaml", "split/openapi.yaml"] {
        let loaded = oaskit_core::load_file(specs.join(name), &oaskit_core::LoadOptions::new());
        assert!(!loaded.has_errors(), "{name}: {:?}", loaded.diagnostics);
        let doc = loaded.document.expect("document");
        let file = name.replace('/', "__").replace(".yaml", ".json");
        golden.check(&file, &oaskit_core::to_json(doc.root()));
        let to31 = oaskit_core::load_file(
            specs.join(name),
            &oaskit_core::LoadOptions::new().with_target(Some(oaskit_core::SpecVersion::OpenApi31)),
        );
        let doc31 = to31.document.expect("document");
        let file = name.replace('/', "__").replace(".yaml", ".3.1.yaml");
        golden.check(&file, &oaskit_core::to_yaml(doc31.root()));
    }
    golden.finish();
}

/// Every upgraded or converted document is itself valid: it loads and checks clean.
#[test]
fn upgraded_documents_check_clean() {
    for path in support::corpus() {
        let name = support::rel(&path);
        for target in [None, Some(oaskit_core::SpecVersion::OpenApi31)] {
            let loaded =
                oaskit_core::load_file(&path, &support::options_for(&path).with_target(target));
            if loaded.has_errors() {
                continue; // stated in tests/corpus.rs (GitHub keeps its two ambiguous paths)
            }
            let doc = loaded
                .document
                .unwrap_or_else(|| panic!("{name}: no document"));
            let text = oaskit_core::to_json(doc.root());
            let again =
                oaskit_core::load_str("upgraded.json", &text, &oaskit_core::LoadOptions::new());
            let errors: Vec<_> = again
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| (d.code, d.message.clone()))
                .collect();
            assert!(errors.is_empty(), "{name} -> {target:?}: {errors:?}");
        }
    }
}
