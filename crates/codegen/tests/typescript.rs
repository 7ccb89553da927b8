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

/// The listing helpers of every pagination style and source (`tests/data/ts-paging.yaml`:
/// `x-ms-pageable`, `x-speakeasy-pagination` and `x-pagination` declarations, recognized cursor
/// and next-URL fields, guessed page and offset parameters (model option `guess_pagination`), a
/// helper name that would collide)
/// say in their doc comments how they page, compile under strict tsc, and page right against a
/// fake fetch (`tests/data/ts-paging.mjs`).
#[test]
fn paging_helpers_of_every_style() {
    let tsc = tsc();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let dir = root().join("target/oaskit-generated/typescript-paging");
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
    let files = oaskit_codegen::typescript::generate(&api, "paging");
    let client = &files
        .iter()
        .find(|f| f.path == "src/client.ts")
        .expect("client.ts")
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
        "listCollideAll_(args: ListCollideArgs = {}, init?: rt.CallInit): AsyncIterableIterator<types.Thing>",
        "listChildrenAll(args: ListChildrenArgs, init?: rt.CallInit)",
    ] {
        assert!(client.contains(doc), "client.ts lacks {doc:?}");
    }
    write(&files, &dir);
    let dist = dir.join("dist");
    let status = std::process::Command::new("node")
        .arg(&tsc)
        .arg("-p")
        .arg(&dir)
        .arg("--outDir")
        .arg(&dist)
        .status()
        .expect("node runs");
    assert!(status.success(), "tsc failed on {}", dir.display());
    std::fs::write(dist.join("package.json"), "{\"type\": \"module\"}\n").expect("write");
    let out = std::process::Command::new("node")
        .arg(data.join("ts-paging.mjs"))
        .arg(&dist)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success() && stdout.contains("ok: 14 checks"),
        "the driver failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn types_are_imported_only_when_code_names_them() {
    // From the sweep (surrey.ca's open511): "event types. The possible values..." in a
    // parameter's description kept `import type * as types` in an SDK whose only operation has
    // no typed body, and strict tsc refused the unused import.
    let loaded = oaskit_core::load_str(
        "api.yaml",
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /events:
    get:
      parameters:
        - name: event_type
          in: query
          description: Limits the response to events of these types. The default is all.
          schema: {type: string}
      responses:
        '200': {description: ok}
"#,
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    let files = oaskit_codegen::typescript::generate(&api, "t");
    let client = &files
        .iter()
        .find(|f| f.path == "src/client.ts")
        .expect("client.ts")
        .contents;
    assert!(client.contains("types. The default"), "{client}");
    assert!(!client.contains("import type * as types"), "{client}");
    let dir = root().join("target/oaskit-generated/typescript-unused-types");
    write(&files, &dir);
    let out = std::process::Command::new(tsc())
        .args(["-p", ".", "--noEmit"])
        .current_dir(&dir)
        .output()
        .expect("tsc runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
