//! Text -> the YAML reader alone (oaskit_core::parse::yaml): must never panic or hang, and a
//! tree it returns must survive writing: to_yaml and to_json read back as the same tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_core::parse;
use oaskit_core::{Limits, Origin, SourceFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let limits = Limits {
        max_depth: 64,
        max_alias_nodes: 10_000,
        ..Limits::default()
    };
    let src = SourceFile::new("fuzz.yaml".into(), Origin::Memory, text.to_string());
    let Ok(tree) = parse::yaml(&src, 0, &limits) else {
        return;
    };
    let back_limits = Limits {
        max_depth: 4096,
        max_alias_nodes: usize::MAX,
        ..Limits::default()
    };
    let yaml = oaskit_core::to_yaml(&tree);
    let src2 = SourceFile::new("out.yaml".into(), Origin::Memory, yaml.clone());
    match parse::yaml(&src2, 0, &back_limits) {
        Ok(back) => assert!(
            oaskit_fuzz::same_tree(&back, &tree),
            "to_yaml changed the tree.\ninput: {text:?}\noutput: {yaml:?}\nfirst: {:?}\nagain: {:?}",
            tree.to_json(),
            back.to_json()
        ),
        Err(e) => panic!("to_yaml wrote YAML its own reader refuses ({e:?}).\ninput: {text:?}\noutput: {yaml:?}"),
    }
    let json = oaskit_core::to_json(&tree);
    match parse::json(&json, 0, 4096) {
        Ok(back) => assert!(
            oaskit_fuzz::same_tree(&back, &tree),
            "to_json changed the tree.\ninput: {text:?}\noutput: {json:?}"
        ),
        Err(e) => panic!("to_json wrote JSON its own reader refuses ({e:?}).\ninput: {text:?}\noutput: {json:?}"),
    }
});
