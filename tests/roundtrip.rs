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

/// Parses a corpus file as the loader would, naming the file when it fails.
fn parse_named(name: &str, text: &str) -> Node {
    let f = SourceFile::new(name.into(), Origin::Memory, text.to_string());
    let r = if oaskit_core::parse::looks_like_json(text) {
        oaskit_core::parse::json(f.text(), 0, 256)
    } else {
        oaskit_core::parse::yaml(&f, 0, &Limits::default())
    };
    r.unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

#[test]
fn every_file_round_trips_through_json_and_yaml() {
    for path in support::corpus() {
        let name = support::rel(&path);
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let original = parse_named(&name, &text);
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
/// are laid out differently: uber.json has stray indentation; Kubernetes', Stripe's, Slack's
/// and Twilio's files are written with four spaces, compactly or with sorted keys.
#[test]
fn json_files_come_back_byte_identical() {
    const OTHER_LAYOUT: [&str; 5] = [
        "uber.json",
        "k8s-1.13-swagger.json",
        "stripe-spec3.json",
        "slack-web-openapi-v2.json",
        "twilio-api-v2010.json",
    ];
    let mut identical = 0;
    let mut wrong = Vec::new();
    for path in support::corpus() {
        let name = support::rel(&path);
        // The OAI examples and the large real APIs; AWS's samples are laid out by hand.
        if !name.ends_with(".json") || !(name.starts_with("oai/") || name.starts_with("real/")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let out = oaskit_core::to_json(&parse(&text, true));
        let same = out.trim_end() == text.trim_end();
        let other_layout = OTHER_LAYOUT.iter().any(|x| name.ends_with(x));
        if same == other_layout {
            wrong.push(format!(
                "{name}: {}",
                if same {
                    "comes back identical although it is listed as laid out differently"
                } else {
                    "did not come back byte for byte"
                }
            ));
        }
        identical += usize::from(same);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(identical >= 14, "{identical}");
}

/// A 3.x document without external references is its own normalized form.
#[test]
fn loading_a_3x_document_keeps_it_unchanged() {
    for path in support::corpus() {
        let name = support::rel(&path);
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let original = parse_named(&name, &text);
        let loaded = oaskit_core::load_file(&path, &support::options_for(&path).with_checks(false));
        let doc = loaded
            .document
            .unwrap_or_else(|| panic!("{name}: no document"));
        // Swagger 2.0 is upgraded, and a multi-file document is bundled: both change.
        if doc.source_version() == oaskit_core::SpecVersion::Swagger2
            || loaded.sources.files().len() > 1
        {
            continue;
        }
        assert!(
            doc.root().same_as(&original),
            "{name}: loading changed a 3.x document"
        );
    }
}
