//! Bytes -> a definition and a message, split at the first 0xFF byte (which no UTF-8 text
//! holds): the definition is loaded, a validator is built from it (lazily compiled), and the
//! message (see `oaskit_fuzz::read_message`) is validated. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaskit_validator::{Options, Validator};

fuzz_target!(|data: &[u8]| {
    let Some(split) = data.iter().position(|&b| b == 0xFF) else {
        return;
    };
    let (def, msg) = (&data[..split], &data[split + 1..]);
    let loaded = oaskit_core::load(
        oaskit_core::Input::Bytes {
            name: "fuzz".into(),
            bytes: def.to_vec(),
            base_dir: std::path::PathBuf::from("/nonexistent-oaskit-fuzz"),
        },
        &oaskit_core::LoadOptions::new(),
        &oaskit_core::FsReader,
    );
    let Ok(v) = Validator::from_loaded(&loaded, &Options::new().with_lazy_compilation(true)) else {
        return;
    };
    let _ = v.warnings();
    if let Some(msg) = oaskit_fuzz::read_message(msg) {
        oaskit_fuzz::validate_checked(&v, &msg);
    }
});
