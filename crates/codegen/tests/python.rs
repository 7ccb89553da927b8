//! The Python backend: generated packages pass `mypy --strict` and `ruff check` (pinned in
//! `scripts/python/requirements.txt`, installed by `scripts/setup-tools`; a missing tool fails
//! the test) for every spec of the corpus and the hostile codegen cases, and import on the
//! interpreter; no spec text stands outside a string literal, docstring or comment; the
//! packages checked in under `generated/` match.

mod common;

use std::path::{Path, PathBuf};

use common::{corpus, root, write};

fn generate(spec: &Path, name: &str) -> Vec<oaskit_codegen::GeneratedFile> {
    common::generate(oaskit_codegen::python::generate, spec, name)
}

fn tool(name: &str) -> PathBuf {
    let p = root().join(".tools/python/bin").join(name);
    assert!(
        p.is_file(),
        "{name} is missing at {}: run scripts/setup-tools",
        p.display()
    );
    p
}

fn module_of(files: &[oaskit_codegen::GeneratedFile]) -> String {
    files
        .iter()
        .find_map(|f| f.path.strip_suffix("/__init__.py"))
        .expect("a package")
        .to_string()
}

#[test]
fn generated_packages_pass_mypy_strict_and_ruff() {
    for t in ["mypy", "ruff", "python"] {
        tool(t);
    }
    let out_root = root().join("target/oaskit-generated/python");
    let specs = corpus();
    let failures = common::check_in_parallel(&specs, |spec, name| {
        let dir = out_root.join(name);
        let files = generate(spec, name);
        write(&files, &dir);
        common::check_python(&dir, &module_of(&files))
            .err()
            .map(|e| format!("{name}: {e}"))
    });
    assert!(
        specs.len() > 30,
        "the corpus is incomplete: {} specs",
        specs.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn spec_text_never_leaves_literals_or_comments() {
    common::assert_payloads_stay_in_literals(oaskit_codegen::python::generate, ".py", |src| {
        common::code_only(&common::without_docstrings(src), "#")
    });
}

#[test]
fn checked_in_packages_match_the_generator() {
    common::check_in_sync(oaskit_codegen::python::generate, "python", &["__pycache__"]);
}
