//! Load and write back: the same document, for every spec of the corpus.

mod support;

use oaskit_core::{Limits, Node, Origin, SourceFile};

fn parse(text: &str, json: bool) -> Node {
    let f = SourceFile::new("t".into(), Origin::Memory, text.to_string());
    if json {
        oaskit_core::parse::json(f.text(), 0, 256).expect("valid JSON")
    } else {
        oaskit_core::parse::yaml(&f, 0, &Limits::default()).expect("valid YAML")
    }
}

#[test]
fn every_file_round_trips_through_json_and_yaml() {
    for path in support::corpus() {
        let name = support::rel(&path);
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let original = parse(&text, oaskit_core::parse::looks_like_json(&text));
        let json = oaskit_core::to_json(&original);
        assert!(
            parse(&json, true).same_as(&original),
            "{name}: JSON round trip changed the document"
        );
        let yaml = oaskit_core::to_yaml(&original);
        assert!(
            parse(&yaml, false).same_as(&original),
            "{name}: YAML round trip changed the document"
        );
    }
}

/// JSON files written in the common two-space style come back byte for byte. The exceptions
/// are laid out differently: uber.json has stray indentation, Kubernetes' and Stripe's
/// files are written with four spaces and compactly.
#[test]
fn json_files_come_back_byte_identical() {
    let mut identical = 0;
    for path in support::corpus() {
        let name = support::rel(&path);
        if !name.ends_with(".json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let out = oaskit_core::to_json(&parse(&text, true));
        let other_layout = ["uber.json", "k8s-1.13-swagger.json", "stripe-spec3.json"]
            .iter()
            .any(|x| name.ends_with(x));
        if other_layout {
            assert_ne!(
                out.trim_end(),
                text.trim_end(),
                "{name}: expected a different layout"
            );
        } else {
            assert_eq!(
                out.trim_end(),
                text.trim_end(),
                "{name} did not come back byte for byte"
            );
            identical += 1;
        }
    }
    assert!(identical >= 14, "{identical}");
}

/// A 3.x document without external references is its own normalized form.
#[test]
fn loading_a_3x_document_keeps_it_unchanged() {
    for path in support::corpus() {
        let name = support::rel(&path);
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let original = parse(&text, oaskit_core::parse::looks_like_json(&text));
        let loaded = oaskit_core::load_file(&path, &support::options_for(&path).with_checks(false));
        let doc = loaded.document.expect("document");
        if doc.source_version() == oaskit_core::SpecVersion::Swagger2 {
            continue;
        }
        assert!(
            doc.root().same_as(&original),
            "{name}: loading changed a 3.x document"
        );
    }
}
