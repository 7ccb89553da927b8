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

/// `tests/data/py-narrowing.py` passes `mypy --strict` against the checked-in SDK of
/// `specs/runtime.yaml`, and fails once any of its narrowing checks is removed (or an allowed
/// server variable value is replaced by another): the result types narrow on `status` and `ok`.
#[test]
fn results_narrow_under_mypy() {
    let mypy = tool("mypy");
    let source = std::fs::read_to_string(root().join("crates/codegen/tests/data/py-narrowing.py"))
        .expect("py-narrowing.py");
    let dir = root().join("target/oaskit-generated/python-narrowing");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a directory");
    let check = |files: &[PathBuf]| {
        std::process::Command::new(&mypy)
            .arg("--strict")
            .arg(format!(
                "--cache-dir={}",
                root()
                    .join("target/oaskit-generated/mypy-cache/narrowing")
                    .display()
            ))
            .args(files)
            .env("MYPYPATH", root().join("generated/runtime/python"))
            .current_dir(&dir)
            .output()
            .expect("mypy runs")
    };
    let good = dir.join("narrowing.py");
    std::fs::write(&good, &source).expect("write");
    let out = check(std::slice::from_ref(&good));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // One copy per marked line, with that line's check removed.
    let lines: Vec<&str> = source.lines().collect();
    let mut copies = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let broken = if line.ends_with("# NARROW") {
            let indent = &line[..line.len() - line.trim_start().len()];
            format!("{indent}if True:  # NARROW")
        } else if line.ends_with("# LITERAL") {
            line.replace("\"us\"", "\"mars\"")
        } else {
            continue;
        };
        let mut copy: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        copy[i] = broken;
        let path = dir.join(format!("broken_{}.py", copies.len()));
        std::fs::write(&path, copy.join("\n") + "\n").expect("write");
        copies.push((path, i + 2));
    }
    assert!(copies.len() >= 6, "{} marked lines", copies.len());
    let paths: Vec<PathBuf> = copies.iter().map(|(p, _)| p.clone()).collect();
    let out = check(&paths);
    let report = String::from_utf8_lossy(&out.stdout);
    for (path, line) in &copies {
        let name = path.file_name().unwrap().to_string_lossy();
        // The error is on the line after the check (or on the literal's line itself).
        assert!(
            report.contains(&format!("{name}:{line}: error"))
                || report.contains(&format!("{name}:{}: error", line - 1)),
            "{name}: mypy accepted it without narrowing:\n{report}"
        );
    }
}

/// The listing helpers of every pagination style and source (`tests/data/ts-paging.yaml`, the
/// definition the TypeScript test pages through: `x-ms-pageable`, `x-speakeasy-pagination` and
/// `x-pagination` declarations, recognized cursor and next-URL fields, guessed page and offset
/// parameters (model option `guess_pagination`), a helper name that would collide) say in their
/// docstrings how they page, pass `mypy --strict` and `ruff`, and page right with `Client` and
/// `AsyncClient` against a fake transport (`tests/data/py-paging.py`).
#[test]
fn paging_helpers_of_every_style() {
    let python = tool("python");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let dir = root().join("target/oaskit-generated/python-paging");
    let _ = std::fs::remove_dir_all(&dir);
    // Guessed pagination is opt-in (`--guess-pagination`): asked for here.
    let loaded = oaskit_core::load_file(
        data.join("ts-paging.yaml"),
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    let options = oaskit_codegen::ModelOptions {
        guess_pagination: true,
        ..oaskit_codegen::ModelOptions::default()
    };
    let (api, _) =
        oaskit_codegen::build_with(loaded.document.as_ref().expect("document"), &options);
    let files = oaskit_codegen::python::generate(&api, "paging");
    let client = &files
        .iter()
        .find(|f| f.path == "paging/client.py")
        .expect("client.py")
        .contents;
    for doc in [
        "Declared by the definition: extension `x-ms-pageable`.",
        "Declared by the definition: extension `x-speakeasy-pagination`.",
        "Declared by the definition: extension `x-pagination`.",
        "Recognized from the definition: a field of the body holding the next page's URL.",
        "Recognized from the definition: a cursor parameter paired with a next-cursor field of",
        "Guessed from the definition: a page or offset parameter beside an array of items.",
        "Paging by page number: parameter `p` starts at the value given, else its default, else",
        "Paging by offset: parameter `skip` starts at the value given",
        "set to `meta.next` of",
        "def list_collide_all_(self, *, cursor: str | None = None, timeout: float | None = None) -> Iterator[models.Thing]:",
        "def list_collide_all(self, *, timeout: float | None = None) -> ListCollideAllResponse:",
        "def list_children_all(self, *, id_: str, page_token: str | None = None",
    ] {
        assert!(client.contains(doc), "client.py lacks {doc:?}\n{client}");
    }
    write(&files, &dir);
    if let Err(e) = common::check_python(&dir, "paging") {
        panic!("{e}");
    }
    let out = std::process::Command::new(&python)
        .arg(data.join("py-paging.py"))
        .env("PYTHONPATH", &dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success() && stdout.contains("\nok: 14 checks"),
        "the driver failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
