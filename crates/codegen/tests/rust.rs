//! The Rust backend: generated crates compile (`cargo check`, and `clippy -D warnings` on the
//! smaller ones) for every spec of the corpus and the hostile codegen cases; no spec text ever
//! stands outside a string literal or comment; the SDKs checked in under `generated/` match.

mod common;

use std::path::Path;
use std::process::Command;

use common::{corpus, root, write};

fn generate(spec: &Path, name: &str) -> Vec<oaskit_codegen::GeneratedFile> {
    common::generate(oaskit_codegen::rust::generate, spec, name)
}

fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    cargo_in(dir, args, &root().join("target/oaskit-generated/worker-0"))
}

/// `cargo ARGS` in `dir` with its own target folder (cargo builds one thing at a time per
/// target folder; the dependencies are compiled once per folder).
fn cargo_in(dir: &Path, args: &[&str], target: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn generated_crates_compile_without_warnings() {
    let out_root = root().join("target/oaskit-generated/crates");
    // Largest first, over as many workers as there are cores (at most 2: each big crate takes
    // about 2 GB to check), each with its own target folder.
    let mut specs: Vec<(u64, std::path::PathBuf)> = corpus()
        .into_iter()
        .map(|s| (std::fs::metadata(&s).map(|m| m.len()).unwrap_or(0), s))
        .collect();
    specs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for w in 0..workers {
            let (specs, next, failures, out_root) = (&specs, &next, &failures, &out_root);
            scope.spawn(move || {
                let target = root().join(format!("target/oaskit-generated/worker-{w}"));
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((size, spec)) = specs.get(i) else {
                        break;
                    };
                    let name = common::package_name(spec);
                    let dir = out_root.join(&name);
                    write(&generate(spec, &name), &dir);
                    // clippy also checks; it runs on the smaller crates, cargo check on the big ones.
                    let args: &[&str] = if *size > 1_000_000 {
                        &["check", "--quiet"]
                    } else {
                        &["clippy", "--quiet", "--", "-D", "warnings"]
                    };
                    let (ok, err) = cargo_in(&dir, args, &target);
                    let warnings = err
                        .lines()
                        .filter(|l| l.starts_with("warning") || l.starts_with("error"))
                        .count();
                    if !ok || warnings > 0 {
                        failures.lock().expect("lock").push(format!(
                            "{name}: {}",
                            err.lines().take(20).collect::<Vec<_>>().join("\n")
                        ));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().expect("lock");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn spec_text_never_leaves_literals_or_comments() {
    common::assert_payloads_stay_in_literals(oaskit_codegen::rust::generate, ".rs", |src| {
        common::code_only(src, "//")
    });
}

#[test]
fn checked_in_sdks_match_the_generator() {
    // Checked in as `oaskit generate rust` writes them: through rustfmt (which also keeps
    // `cargo fmt --all` in the workspace, which reaches these path dependencies, a no-op).
    common::check_in_sync_with(
        oaskit_codegen::rust::generate,
        "rust",
        &["Cargo.lock", "target"],
        common::rustfmt,
    );
}

#[test]
fn responses_without_content_bind_nothing_unused() {
    // From the sweep (issue 11): a `body` (or `headers`) binding nothing reads failed
    // `cargo clippy -D warnings` when no response of an operation had content.
    let spec = root().join("crates/codegen/tests/data/responses-without-content.yaml");
    let files = generate(&spec, "responses-without-content");
    let lib = files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .expect("src/lib.rs");
    assert!(!lib.contents.contains("let _ ="), "{}", lib.contents);
    let dir = root().join("target/oaskit-generated/crates/responses-without-content");
    write(&files, &dir);
    let (ok, err) = cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"]);
    assert!(ok && err.trim().is_empty(), "{err}");
}

#[test]
fn request_builders_pass_clippy_on_their_edge_cases() {
    // Parameters named after the builder's own methods (`send`, `timeout`, `body`) or after
    // conventions clippy checks (`is_*`, `from`, `add`, `to_*`, `as_*`), an operation named
    // `new`, defaults of every location, streamed bodies in every response position, ranges
    // without content, no documented response, and a discriminator tag named `Unknown`.
    let spec = root().join("crates/codegen/tests/data/rs-builders.yaml");
    let files = generate(&spec, "rs-builders");
    let ops = files
        .iter()
        .find(|f| f.path == "src/operations.rs")
        .expect("src/operations.rs");
    for setter in [
        "fn send_(",
        "fn timeout_(",
        "fn body_(",
        "fn is_active(",
        "fn from(",
    ] {
        assert!(ops.contents.contains(setter), "{setter}");
    }
    let dir = root().join("target/oaskit-generated/crates/rs-builders");
    write(&files, &dir);
    let (ok, err) = cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"]);
    assert!(ok && err.trim().is_empty(), "{err}");
}
