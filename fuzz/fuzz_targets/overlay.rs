//! Bytes -> an Overlay document (up to a 0xFF byte) and the description it applies to (after
//! it; a small definition when there is none), through `oaskit_overlay`. Reading, checking and
//! applying must never panic or hang, whatever the overlay and its JSONPath targets, with
//! invariants:
//! - every finding is located (a pointer, and a span inside one of the two files);
//! - applying is deterministic: the same overlay on the same description gives the same tree
//!   and the same findings twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_core::{Limits, Origin, SourceFile};

const DESCRIPTION: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      tags: [a, b]\n      parameters: [{name: limit, in: query, schema: {type: integer}}]\n      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}, tags: {type: array, items: {type: string}}}}\n";

fn tree(text: &str, file: u32) -> Option<oaskit_core::Node> {
    let src = SourceFile::new(format!("f{file}.yaml"), Origin::Memory, text.to_string());
    oaskit_core::parse::yaml(&src, file, &Limits::default()).ok()
}

fuzz_target!(|data: &[u8]| {
    let (overlay, description) = match data.iter().position(|&b| b == 0xFF) {
        Some(p) => (&data[..p], String::from_utf8_lossy(&data[p + 1..]).into_owned()),
        None => (data, DESCRIPTION.to_string()),
    };
    let overlay = String::from_utf8_lossy(overlay);
    let Some(overlay_tree) = tree(&overlay, 1) else { return };
    let parsed = match oaskit_overlay::parse(&overlay_tree, 1) {
        Ok(o) => o,
        Err(diags) => {
            assert!(!diags.is_empty(), "a refused overlay says why");
            for d in &diags {
                assert!(d.location.is_some(), "unlocated: {d:?}");
            }
            return;
        }
    };
    let Some(root) = tree(&description, 0) else { return };
    let mut first = root.clone();
    let found = oaskit_overlay::apply(&mut first, &parsed);
    for d in &found {
        assert!(d.location.is_some(), "unlocated: {d:?}");
    }
    let mut second = root;
    let again = oaskit_overlay::apply(&mut second, &parsed);
    assert!(first.same_as(&second), "applying twice gave two trees");
    assert_eq!(
        found.iter().map(|d| (d.code, &d.message)).collect::<Vec<_>>(),
        again.iter().map(|d| (d.code, &d.message)).collect::<Vec<_>>()
    );
});
