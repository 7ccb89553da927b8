//! What every test suite needs to know about the shared corpus, written in one place: where
//! `../shared` is, which files of `shared/specs` are documents (as opposed to the parts of
//! multi-file documents), the version each one declares, and the options to load it with.
//!
//! The list of documents is read from the corpus's own index, the table in
//! `shared/specs/README.md`, so a document added there is tested everywhere at once and a part
//! file of a multi-file definition is never mistaken for a document.

use std::path::{Path, PathBuf};

/// The `shared/` folder beside the project root.
///
/// # Panics
/// When the folder is missing: every corpus test needs it, none may skip silently.
#[must_use]
pub fn shared() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    assert!(
        p.join("specs").is_dir(),
        "the shared corpus is missing at {}",
        p.display()
    );
    p
}

/// One document of the corpus, as its index lists it.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Absolute path of the document (the entry file of a multi-file definition).
    pub path: PathBuf,
    /// Path relative to `shared/specs`, with `/` separators, such as `real/github-api.json`.
    pub rel: String,
    /// The version it declares: `2.0`, `3.0.3`, `3.1.0`, `3.2.0`...
    pub version: String,
}

/// Every document of `shared/specs` listed in its README table, in the table's order.
///
/// # Panics
/// When the index cannot be read or lists a file that does not exist.
#[must_use]
pub fn specs() -> Vec<Spec> {
    let dir = shared().join("specs");
    let index = std::fs::read_to_string(dir.join("README.md")).expect("shared/specs/README.md");
    let mut out = Vec::new();
    for line in index.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | `path` | version | format | bytes | paths | operations | notes |
        let (Some(path), Some(version)) = (cells.get(1), cells.get(2)) else {
            continue;
        };
        let Some(rel) = path.strip_prefix('`').and_then(|p| p.strip_suffix('`')) else {
            continue;
        };
        let is_version = version
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && version.contains('.');
        if rel.starts_with("fragments/") || !is_version {
            continue;
        }
        let path = dir.join(rel);
        assert!(path.is_file(), "the index lists {rel}, which is missing");
        out.push(Spec {
            path,
            rel: rel.to_string(),
            version: (*version).to_string(),
        });
    }
    assert!(
        out.len() >= 100,
        "the index lists only {} documents",
        out.len()
    );
    out
}

/// The paths of [`specs`], sorted.
#[must_use]
pub fn corpus() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = specs().into_iter().map(|s| s.path).collect();
    v.sort();
    v
}

/// Name of a corpus file relative to `shared/specs`.
#[must_use]
pub fn rel(p: &Path) -> String {
    p.strip_prefix(shared().join("specs"))
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// Load options for a corpus document: the multi-file OAI example legitimately reaches its
/// parent folder.
#[must_use]
pub fn options_for(p: &Path) -> oaskit_core::LoadOptions {
    let mut policy = oaskit_core::Policy::new();
    if p.to_string_lossy().contains("petstore-separate") {
        policy = policy.with_root(p.parent().and_then(Path::parent).expect("two levels"));
    }
    oaskit_core::LoadOptions::new().with_policy(policy)
}
