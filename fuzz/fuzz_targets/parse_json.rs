//! Text -> the JSON reader alone (oaskit_core::parse::json): must never panic or hang; a tree
//! it returns must survive writing (to_json and to_yaml read back as the same tree), and it must
//! agree with serde_json on what is JSON (oaskit also refuses duplicate keys and deep nesting).
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_core::parse;
use oaskit_core::{Limits, Origin, SourceFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse::json(text, 0, 64);
    let tree = match parsed {
        Ok(tree) => tree,
        Err(e) => {
            // Whatever oaskit refuses for its syntax, serde_json must refuse too (as a Value: it
            // decodes strings, so it refuses lone surrogates as oaskit does).
            if e.code == "json-syntax" {
                assert!(
                    serde_json::from_str::<serde_json::Value>(text).is_err(),
                    "oaskit refuses JSON that serde_json accepts ({e:?}): {text:?}"
                );
            }
            return;
        }
    };
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        // serde_json refuses numbers beyond f64; oaskit keeps their literal text, by design.
        assert!(
            e.to_string().contains("number out of range"),
            "oaskit accepts text that serde_json refuses as JSON ({e}): {text:?}"
        );
    }
    let json = oaskit_core::to_json(&tree);
    match parse::json(&json, 0, 4096) {
        Ok(back) => assert!(
            oaskit_fuzz::same_tree(&back, &tree),
            "to_json changed the tree.\ninput: {text:?}\noutput: {json:?}"
        ),
        Err(e) => panic!("to_json wrote JSON its own reader refuses ({e:?}).\ninput: {text:?}\noutput: {json:?}"),
    }
    let yaml = oaskit_core::to_yaml(&tree);
    let src = SourceFile::new("out.yaml".into(), Origin::Memory, yaml.clone());
    let limits = Limits {
        max_depth: 4096,
        ..Limits::default()
    };
    match parse::yaml(&src, 0, &limits) {
        Ok(back) => assert!(
            oaskit_fuzz::same_tree(&back, &tree),
            "to_yaml changed the tree.\ninput: {text:?}\noutput: {yaml:?}\nfirst: {:?}\nagain: {:?}",
            tree.to_json(),
            back.to_json()
        ),
        Err(e) => panic!("to_yaml wrote YAML its own reader refuses ({e:?}).\ninput: {text:?}\noutput: {yaml:?}"),
    }
});
