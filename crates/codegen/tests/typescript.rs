//! The TypeScript backend: generated packages pass `tsc --strict --noEmit` (with
//! `noUncheckedIndexedAccess` and `exactOptionalPropertyTypes`, from the generated tsconfig)
//! for every spec of the corpus and the hostile codegen cases; no spec text stands outside a
//! string literal or comment; the packages checked in under `generated/` match.
//! TypeScript is installed by `scripts/setup-tools` (pinned); a missing one fails the test.

mod common;

use std::path::Path;

use common::{corpus, root, write};

fn generate(spec: &Path, name: &str) -> Vec<oaskit_codegen::GeneratedFile> {
    common::generate(oaskit_codegen::typescript::generate, spec, name)
}

fn tsc() -> std::path::PathBuf {
    let p = root().join(".tools/node/node_modules/typescript/bin/tsc");
    assert!(
        p.is_file(),
        "TypeScript is missing at {}: run scripts/setup-tools",
        p.display()
    );
    p
}

#[test]
fn generated_packages_pass_strict_tsc() {
    tsc();
    let out_root = root().join("target/oaskit-generated/typescript");
    let specs = corpus();
    let failures = common::check_in_parallel(&specs, |spec, name| {
        let dir = out_root.join(name);
        write(&generate(spec, name), &dir);
        common::check_typescript(&dir)
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
fn strict_options_are_on() {
    let files = generate(&root().join("specs/petstore.yaml"), "petstore");
    let tsconfig = &files
        .iter()
        .find(|f| f.path == "tsconfig.json")
        .expect("tsconfig")
        .contents;
    for option in [
        "\"strict\": true",
        "\"noUncheckedIndexedAccess\": true",
        "\"exactOptionalPropertyTypes\": true",
    ] {
        assert!(tsconfig.contains(option), "tsconfig.json lacks {option}");
    }
}

#[test]
fn spec_text_never_leaves_literals_or_comments() {
    common::assert_payloads_stay_in_literals(oaskit_codegen::typescript::generate, ".ts", |src| {
        common::code_only(src, "//")
    });
}

#[test]
fn checked_in_packages_match_the_generator() {
    common::check_in_sync(
        oaskit_codegen::typescript::generate,
        "typescript",
        &["node_modules", "dist"],
    );
}

/// `tests/data/ts-narrowing.ts`, placed in the SDK of `specs/runtime.yaml`, type-checks: the
/// status and `ok` narrow the body, `Unknown` values narrow out, server variables are literals,
/// lenient results say a body may have drifted (its `@ts-expect-error` lines must be errors).
#[test]
fn results_narrow_under_strict_tsc() {
    tsc();
    let dir = root().join("target/oaskit-generated/typescript-narrowing");
    let _ = std::fs::remove_dir_all(&dir);
    write(
        &generate(&root().join("specs/runtime.yaml"), "runtime"),
        &dir,
    );
    let test = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ts-narrowing.ts"),
    )
    .expect("tests/data/ts-narrowing.ts");
    std::fs::write(dir.join("src/narrowing.ts"), test).expect("write");
    if let Err(e) = common::check_typescript(&dir) {
        panic!("{e}");
    }
}
