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
    let p = shared_dir();
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

/// Where the shared corpus is, written in this one place for every test and bench:
/// `OASKIT_SHARED` when set, else `shared/` beside the workspace (`<workspace>/../shared`).
/// Unlike [`shared`], it does not check that the folder is there.
#[must_use]
pub fn shared_dir() -> PathBuf {
    std::env::var_os("OASKIT_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    )
}

/// The variable that makes [`Golden`] rewrite golden files: `OASKIT_BLESS=1 cargo test`.
pub const BLESS_VAR: &str = "OASKIT_BLESS";

/// One folder of golden files, compared as a set: every file a case produces must be there
/// with the same text, and every file there must be produced by a case.
///
/// Without `OASKIT_BLESS`, [`Golden::finish`] fails naming every missing, differing and stale
/// file. With it, differing and missing files are rewritten and stale ones removed, and then
/// `finish` still fails, naming what it changed: a blessing run never passes silently (so CI
/// cannot pass with it set), and a second run without the variable shows the result.
#[derive(Debug)]
pub struct Golden {
    dir: PathBuf,
    bless: bool,
    ignored: Vec<String>,
    produced: std::collections::BTreeSet<String>,
    problems: Vec<String>,
    changed: Vec<String>,
}

impl Golden {
    /// The golden folder `dir`; blessing when `OASKIT_BLESS` is set.
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            bless: std::env::var_os(BLESS_VAR).is_some(),
            ignored: Vec::new(),
            produced: std::collections::BTreeSet::new(),
            problems: Vec::new(),
            changed: Vec::new(),
        }
    }

    /// Blesses or not, whatever `OASKIT_BLESS` says.
    #[must_use]
    pub fn blessing(mut self, bless: bool) -> Self {
        self.bless = bless;
        self
    }

    /// Paths inside the folder, or names at any depth (files, or folders with everything in
    /// them), that no case produces and that are not stale: build output such as `target`,
    /// `node_modules` or `__pycache__`.
    #[must_use]
    pub fn ignoring(mut self, paths: &[&str]) -> Self {
        self.ignored.extend(paths.iter().map(|p| (*p).to_string()));
        self
    }

    /// Compares `actual` with the golden file `rel` (a `/`-separated path inside the folder);
    /// when blessing, rewrites it if it differs.
    ///
    /// # Panics
    /// When `rel` leaves the folder or two cases produce the same file.
    pub fn check(&mut self, rel: &str, actual: &str) {
        assert!(
            !rel.is_empty()
                && !rel.starts_with('/')
                && !rel.split('/').any(|p| p == ".." || p.is_empty()),
            "golden file {rel:?} leaves {}",
            self.dir.display()
        );
        assert!(
            self.produced.insert(rel.to_string()),
            "two cases produce the golden file {rel} in {}",
            self.dir.display()
        );
        let path = self.dir.join(rel);
        let why = match std::fs::read_to_string(&path) {
            Ok(expected) if expected == actual => return,
            Ok(expected) => {
                let line = expected
                    .lines()
                    .zip(actual.lines())
                    .position(|(a, b)| a != b)
                    .map_or(
                        expected.lines().count().min(actual.lines().count()) + 1,
                        |i| i + 1,
                    );
                format!("differs from line {line}")
            }
            Err(_) => "is missing".to_string(),
        };
        if self.bless {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("create the golden folder");
            }
            std::fs::write(&path, actual).expect("write the golden file");
            self.changed
                .push(format!("{} (rewritten: it {why})", path.display()));
        } else {
            self.problems.push(format!("{} {why}", path.display()));
        }
    }

    /// Ends the comparison: looks for stale files, and fails if anything differed, was
    /// missing or stale, or was changed by blessing.
    ///
    /// # Panics
    /// In those cases, naming every file concerned and the command to run.
    pub fn finish(mut self) {
        let mut on_disk = Vec::new();
        walk_files(&self.dir, &self.dir, &self.ignored, &mut on_disk);
        on_disk.sort();
        for rel in on_disk {
            if self.produced.contains(&rel) {
                continue;
            }
            let path = self.dir.join(&rel);
            if self.bless {
                std::fs::remove_file(&path).expect("remove the stale golden file");
                self.changed
                    .push(format!("{} (removed: no case produces it)", path.display()));
            } else {
                self.problems
                    .push(format!("{} is stale: no case produces it", path.display()));
            }
        }
        if !self.problems.is_empty() {
            panic!(
                "{} golden file(s) out of date:\n  {}\nif the changes are intended, run `{BLESS_VAR}=1 cargo test --workspace`, review the diff and commit",
                self.problems.len(),
                self.problems.join("\n  ")
            );
        }
        if !self.changed.is_empty() {
            panic!(
                "{BLESS_VAR} changed {} golden file(s):\n  {}\nreview the diff, commit, and run the tests again without {BLESS_VAR} (a blessing run never passes)",
                self.changed.len(),
                self.changed.join("\n  ")
            );
        }
    }
}

/// Every file under `dir`, as `/`-separated paths relative to `base`, without the paths in
/// `ignored` (paths or names of files, or of folders, which are not entered).
fn walk_files(dir: &Path, base: &Path, ignored: &[String], out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        let Ok(rel) = p.strip_prefix(base) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let name = entry.file_name();
        if ignored
            .iter()
            .any(|i| *i == rel || name.to_str() == Some(i))
        {
            continue;
        }
        if p.is_dir() {
            walk_files(&p, base, ignored, out);
        } else {
            out.push(rel);
        }
    }
}

/// Panics unless `code` is explained: listed in oaskit-core's catalogue
/// ([`oaskit_core::codes::ALL`]) or in one of `catalogues`, the `codes::CODES` of the crates
/// under test (`oaskit_export::codes::CODES`...; testkit depends on core only, so the caller
/// passes them). Call it on every diagnostic or violation code a test sees, so that a code
/// emitted without an entry fails the suite instead of reaching `oaskit explain` unexplained.
///
/// # Panics
/// When no catalogue lists `code`.
pub fn assert_explained(code: &str, catalogues: &[&[oaskit_core::codes::Code]]) {
    let found = oaskit_core::codes::lookup(code).is_some()
        || catalogues
            .iter()
            .any(|cs| cs.iter().any(|c| c.name == code));
    assert!(
        found,
        "code {code:?} is emitted but no catalogue explains it: add a `Code` for it to the \
         `codes` module of the crate that emits it (for a rule of the specification text, to \
         the rule's file in oaskit-core's rules/)"
    );
}

#[cfg(test)]
mod golden_tests {
    use super::Golden;

    fn scratch(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("oaskit-golden-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("sub")).expect("mkdir");
        std::fs::write(d.join("same.txt"), "same\n").expect("write");
        std::fs::write(d.join("sub/old.txt"), "old\n").expect("write");
        std::fs::write(d.join("stale.txt"), "stale\n").expect("write");
        std::fs::create_dir_all(d.join("target/x")).expect("mkdir");
        std::fs::write(d.join("target/x/build.txt"), "ignored\n").expect("write");
        d
    }

    fn run(dir: &std::path::Path, bless: bool) -> Result<(), String> {
        let dir = dir.to_path_buf();
        std::panic::catch_unwind(move || {
            let mut g = Golden::new(&dir).blessing(bless).ignoring(&["target"]);
            g.check("same.txt", "same\n");
            g.check("sub/old.txt", "new\n");
            g.check("added.txt", "added\n");
            g.finish();
        })
        .map_err(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "?".into())
        })
    }

    #[test]
    fn differences_and_stale_files_fail_and_blessing_fails_once_naming_them() {
        let dir = scratch("cycle");
        let err = run(&dir, false).expect_err("out of date");
        for want in [
            "sub/old.txt differs from line 1",
            "added.txt is missing",
            "stale.txt is stale",
        ] {
            assert!(err.contains(want), "{want}: {err}");
        }
        assert!(
            !err.contains("same.txt") && !err.contains("build.txt"),
            "{err}"
        );
        assert!(dir.join("stale.txt").exists(), "checking changes nothing");
        let err = run(&dir, true).expect_err("a blessing run that changed files fails");
        assert!(err.contains("changed 3 golden file(s)"), "{err}");
        assert!(
            err.contains("sub/old.txt (rewritten") && err.contains("stale.txt (removed"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("sub/old.txt")).expect("read"),
            "new\n"
        );
        assert!(!dir.join("stale.txt").exists());
        assert!(
            dir.join("target/x/build.txt").exists(),
            "ignored paths stay"
        );
        run(&dir, false).expect("in sync after blessing");
        run(&dir, true).expect("blessing what is in sync changes nothing and passes");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    #[should_panic(expected = "two cases produce")]
    fn two_cases_cannot_write_one_file() {
        let mut g = Golden::new(std::env::temp_dir().join("oaskit-golden-never"));
        g.check("a.txt", "1");
        g.check("a.txt", "2");
    }
}
