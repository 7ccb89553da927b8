//! Bytes -> load (decode, JSON or YAML, references, checks): must never panic or hang, and a
//! loaded document must survive writing: its JSON and YAML read back as the same tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_core::parse;
use oaskit_core::{Limits, Origin, SourceFile};

fuzz_target!(|data: &[u8]| {
    let loaded = oaskit_core::load(
        oaskit_core::Input::Bytes {
            name: "fuzz".into(),
            bytes: data.to_vec(),
            // An empty folder: file references find nothing to read.
            base_dir: std::path::PathBuf::from("/nonexistent-oaskit-fuzz"),
        },
        &oaskit_core::LoadOptions::new(),
        &oaskit_core::FsReader,
    );
    let _ = loaded.has_errors();
    for d in &loaded.diagnostics {
        let _ = d.position(&loaded.sources);
    }
    if let Some(doc) = &loaded.document {
        let root = doc.root();
        let json = oaskit_core::to_json(root);
        // The normalized tree may be deeper than the input (upgrades nest), so no depth limit here.
        match parse::json(&json, 0, 4096) {
            Ok(back) => assert!(oaskit_fuzz::same_tree(&back, root), "to_json changed the tree:\n{json}"),
            Err(e) => panic!("to_json wrote unreadable JSON ({e:?}):\n{json}"),
        }
        let yaml = oaskit_core::to_yaml(root);
        let src = SourceFile::new("out.yaml".into(), Origin::Stdin, yaml.clone());
        let limits = Limits {
            max_depth: 4096,
            ..Limits::default()
        };
        match parse::yaml(&src, 0, &limits) {
            Ok(back) => assert!(oaskit_fuzz::same_tree(&back, root), "to_yaml changed the tree:\n{yaml}"),
            Err(e) => panic!("to_yaml wrote unreadable YAML ({e:?}):\n{yaml}"),
        }
    }
});
