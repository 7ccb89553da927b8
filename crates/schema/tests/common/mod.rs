//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `.tools/json-schema-test-suite/tests`, or a failure telling how to install it.
pub fn suite_dir() -> PathBuf {
    let dir = workspace().join(".tools/json-schema-test-suite/tests");
    assert!(
        dir.join("draft2020-12").is_dir(),
        "the JSON Schema Test Suite is missing at {}: run scripts/setup-tools",
        dir.display()
    );
    dir
}

/// The `jsonschema` crate as judge, in the same dialect and format setting.
pub fn judge(
    schema: &serde_json::Value,
    draft4: bool,
    formats: bool,
) -> Option<jsonschema::Validator> {
    let draft = if draft4 {
        jsonschema::Draft::Draft4
    } else {
        jsonschema::Draft::Draft202012
    };
    jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(formats)
        .build(schema)
        .ok()
}
