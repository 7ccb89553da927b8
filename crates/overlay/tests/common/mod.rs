//! Helpers shared by the overlay test suites.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use oaskit_core::{load_tree, FsReader, Input, LoadOptions, LoadedTree, Node, SourceFile};

/// `tests/data/...`.
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// Parses a JSON or YAML text as file 0.
pub fn tree(name: &str, text: &str) -> Node {
    let limits = oaskit_core::Limits::default();
    if oaskit_core::parse::looks_like_json(text) {
        oaskit_core::parse::json(text, 0, limits.max_depth).expect("test JSON parses")
    } else {
        let file = SourceFile::new(name.into(), oaskit_core::Origin::Memory, text.into());
        oaskit_core::parse::yaml(&file, 0, &limits).expect("test YAML parses")
    }
}

/// A fresh folder for one test's files.
pub struct Dir(pub PathBuf);

impl Dir {
    pub fn new(name: &str) -> Self {
        let p = std::env::temp_dir().join(format!("oaskit-overlay-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("temp dir");
        Dir(p)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).expect("write test file");
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Reads `spec` and applies `overlays` (no bundling, no checks).
pub fn apply_files(spec: &Path, overlays: &[PathBuf]) -> LoadedTree {
    let options = oaskit_overlay::with_overlays(LoadOptions::new(), overlays.to_vec());
    load_tree(Input::Path(spec.to_path_buf()), &options, &FsReader)
}

/// Writes `spec` and `overlay` into a fresh folder and applies the overlay.
pub fn apply_text(name: &str, spec: &str, overlay: &str) -> (LoadedTree, Dir) {
    let dir = Dir::new(name);
    let s = dir.write("openapi.yaml", spec);
    let o = dir.write("overlay.yaml", overlay);
    (apply_files(&s, &[o]), dir)
}

/// The codes of a tree load's findings.
pub fn codes(t: &LoadedTree) -> Vec<&'static str> {
    t.diagnostics.iter().map(|d| d.code).collect()
}
