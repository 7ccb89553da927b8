//! Bytes -> load (decode, JSON or YAML, references, checks): must never panic or hang.
//! Run with `cargo +nightly fuzz run load` from this folder.
#![no_main]

use libfuzzer_sys::fuzz_target;

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
    if let Some(doc) = &loaded.document {
        let _ = oaskit_core::to_json(doc.root());
        let _ = oaskit_core::to_yaml(doc.root());
    }
});
