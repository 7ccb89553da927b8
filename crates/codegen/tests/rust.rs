//! The Rust backend: generated crates compile (`cargo check`, and `clippy -D warnings` on the
//! smaller ones) for every spec of the corpus and the hostile codegen cases; no spec text ever
//! stands outside a string literal or comment; the SDKs checked in under `generated/` match.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> PathBuf {
    root().join("../shared")
}

fn generate(spec: &Path, name: &str) -> Vec<oaskit_codegen::GeneratedFile> {
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new().with_checks(false));
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    oaskit_codegen::rust::generate(&api, name)
}

fn write(files: &[oaskit_codegen::GeneratedFile], dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    for f in files {
        assert!(
            !f.path.contains("..") && !f.path.starts_with('/'),
            "{} escapes the output folder",
            f.path
        );
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, &f.contents).expect("write");
    }
}

fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/oaskit-generated"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn corpus() -> Vec<PathBuf> {
    fn walk(d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "json" || x == "yaml") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&shared().join("specs"), &mut out);
    out.retain(|p| !p.to_string_lossy().contains("petstore-separate"));
    for h in [
        "codegen-injection/comments-and-strings.yaml",
        "codegen-injection/identifiers-and-keywords.yaml",
        "codegen-collision/case-and-punctuation.yaml",
        "valid-unusual/empty-paths.yaml",
        "valid-unusual/openapi31-jsonschema.yaml",
        "valid-unusual/default-only-responses-and-odd-templates.yaml",
        "ref-cycle/recursive-tree-ok.yaml",
        "huge-enum/string-enum-100k.json",
    ] {
        out.push(shared().join("hostile").join(h));
    }
    out.sort();
    out
}

fn crate_name(p: &Path) -> String {
    let s = p
        .strip_prefix(shared())
        .unwrap_or(p)
        .to_string_lossy()
        .to_ascii_lowercase();
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[test]
fn generated_crates_compile_without_warnings() {
    let out_root = root().join("target/oaskit-generated/crates");
    let mut failures = Vec::new();
    for spec in corpus() {
        let name = crate_name(&spec);
        let dir = out_root.join(&name);
        write(&generate(&spec, &name), &dir);
        let big = std::fs::metadata(&spec).map(|m| m.len()).unwrap_or(0) > 1_000_000;
        // clippy also checks; it runs on the smaller crates, cargo check on the big ones.
        let args: &[&str] = if big {
            &["check", "--quiet"]
        } else {
            &["clippy", "--quiet", "--", "-D", "warnings"]
        };
        let (ok, err) = cargo(&dir, args);
        let warnings = err
            .lines()
            .filter(|l| l.starts_with("warning") || l.starts_with("error"))
            .count();
        if !ok || warnings > 0 {
            failures.push(format!(
                "{name}: {}",
                err.lines().take(20).collect::<Vec<_>>().join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Removes comments and string literals from Rust source (enough for generated code).
fn code_only(src: &str) -> String {
    let mut out = String::new();
    for line in src.lines() {
        let mut in_str = false;
        let mut escaped = false;
        let mut prev = ' ';
        for c in line.chars() {
            if in_str {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_str = false;
                }
                continue;
            }
            if c == '/' && prev == '/' {
                out.pop();
                break;
            }
            if c == '"' {
                in_str = true;
            } else {
                out.push(c);
            }
            prev = c;
        }
        out.push('\n');
    }
    out
}

#[test]
fn spec_text_never_leaves_literals_or_comments() {
    for case in [
        "codegen-injection/comments-and-strings.yaml",
        "codegen-injection/identifiers-and-keywords.yaml",
    ] {
        let files = generate(&shared().join("hostile").join(case), "injection");
        for f in &files {
            let code = code_only(&f.contents);
            for needle in [
                "injected",
                "os.system",
                "process.exit",
                "DROP TABLE",
                "rm -rf",
                "pwned",
            ] {
                assert!(
                    !code.contains(needle),
                    "{case}: {needle:?} stands in code in {}",
                    f.path
                );
            }
        }
    }
}

#[test]
fn checked_in_sdks_match_the_generator() {
    let bless = std::env::var_os("OASKIT_BLESS").is_some();
    for (spec, name) in [
        ("petstore.yaml", "petstore"),
        ("gateway-crud.yaml", "gateway-crud"),
        ("split/openapi.yaml", "split"),
    ] {
        let files = generate(&root().join("specs").join(spec), name);
        let dir = root().join("generated").join(name).join("rust");
        if bless {
            write(&files, &dir);
            continue;
        }
        for f in &files {
            let have = std::fs::read_to_string(dir.join(&f.path)).unwrap_or_default();
            assert!(have == f.contents, "generated/{name}/rust/{} is out of date; run OASKIT_BLESS=1 cargo test --workspace", f.path);
        }
        // No stale files.
        let mut on_disk = Vec::new();
        fn walk(d: &Path, base: &Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, base, out);
                } else if let Ok(rel) = p.strip_prefix(base) {
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        walk(&dir, &dir, &mut on_disk);
        on_disk.retain(|p| p != "Cargo.lock");
        on_disk.sort();
        let mut expected: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        expected.sort();
        assert_eq!(on_disk, expected, "stale files under generated/{name}/rust");
    }
}
