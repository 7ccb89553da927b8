//! Shared helpers for the workspace tests (included with `mod support;`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The `shared/` folder beside the project root.
pub fn shared() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    assert!(
        p.is_dir(),
        "the shared corpus is missing at {}",
        p.display()
    );
    p
}

/// Every entry-point spec of `shared/specs` (parts of multi-file specs excluded), sorted.
pub fn corpus() -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(&shared().join("specs"), &mut out);
    out.retain(|p| {
        let s = p.to_string_lossy();
        let is_part = s.contains("petstore-separate/common/")
            || (s.contains("petstore-separate/spec/") && !s.contains("swagger."));
        (s.ends_with(".json") || s.ends_with(".yaml")) && !is_part
    });
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Name of a corpus file relative to `shared/specs`.
pub fn rel(p: &Path) -> String {
    p.strip_prefix(shared().join("specs"))
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// Load options for a corpus spec: the multi-file example legitimately reaches its parent folder.
pub fn options_for(p: &Path) -> oaskit_core::LoadOptions {
    let mut policy = oaskit_core::Policy::new();
    if p.to_string_lossy().contains("petstore-separate") {
        policy = policy.with_root(p.parent().and_then(Path::parent).expect("two levels"));
    }
    oaskit_core::LoadOptions::new().with_policy(policy)
}

/// Compares `actual` with the golden file at `path`; `OASKIT_BLESS=1` rewrites it.
pub fn golden(path: &Path, actual: &str) {
    if std::env::var_os("OASKIT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run `OASKIT_BLESS=1 cargo test --workspace` and commit it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or(
                expected.lines().count().min(actual.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{} differs from the generated output (first difference at line {line}); if the change is intended, run `OASKIT_BLESS=1 cargo test --workspace` and commit",
            path.display()
        );
    }
}
