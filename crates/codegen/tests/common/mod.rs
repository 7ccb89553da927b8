//! Helpers shared by the backend tests: the corpus, generation, writing and the sync check of
//! the SDKs checked in under `generated/`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The project root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared corpus beside the project.
pub fn shared() -> PathBuf {
    oaskit_testkit::shared()
}

/// A backend.
pub type Backend = fn(&oaskit_codegen::ir::Api, &str) -> Vec<oaskit_codegen::GeneratedFile>;

/// Generates with `backend` from the spec at `spec`.
pub fn generate(backend: Backend, spec: &Path, name: &str) -> Vec<oaskit_codegen::GeneratedFile> {
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new().with_checks(false));
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    backend(&api, name)
}

/// Writes `files` into a fresh `dir`.
pub fn write(files: &[oaskit_codegen::GeneratedFile], dir: &Path) {
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

/// The hostile cases every backend must turn into code that passes its checkers.
pub const HOSTILE: [&str; 8] = [
    "codegen-injection/comments-and-strings.yaml",
    "codegen-injection/identifiers-and-keywords.yaml",
    "codegen-collision/case-and-punctuation.yaml",
    "valid-unusual/empty-paths.yaml",
    "valid-unusual/openapi31-jsonschema.yaml",
    "valid-unusual/default-only-responses-and-odd-templates.yaml",
    "ref-cycle/recursive-tree-ok.yaml",
    "huge-enum/string-enum-100k.json",
];

/// The injection cases: spec text that tries to leave literals and comments.
pub const INJECTION: [&str; 2] = [
    "codegen-injection/comments-and-strings.yaml",
    "codegen-injection/identifiers-and-keywords.yaml",
];

/// Words of the injection cases' payloads that must never stand in code.
pub const PAYLOAD_WORDS: [&str; 6] = [
    "injected",
    "os.system",
    "process.exit",
    "DROP TABLE",
    "rm -rf",
    "pwned",
];

/// Large real definitions whose SDKs the language checkers (cargo check, tsc, mypy) do not
/// compile on every run, to keep the suite within its time: they are generated and checked by
/// `scripts/sweep` (which includes `../shared/specs`), and their models are built by
/// `tests/model.rs` on every run. GitHub, Stripe and Kubernetes, the largest, stay in.
pub const CHECKED_BY_THE_SWEEP: [&str; 8] = [
    // The same API as stripe-spec3.json, which stays in: its SDKs differ only in names.
    "real/stripe-spec3.yaml",
    "real/asana-oas.yaml",
    "real/box-openapi.json",
    "real/discord-openapi.json",
    "real/openai-openapi.yaml",
    "real/slack-web-openapi-v2.json",
    "real/twilio-api-v2010.json",
    "multi-file/digitalocean/specification/DigitalOcean-public.v2.yaml",
];

/// Every document of the corpus (from its index; multi-file ones but the OAI example, whose
/// parts live outside its folder) less [`CHECKED_BY_THE_SWEEP`], and the hostile codegen
/// cases, sorted.
pub fn corpus() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = oaskit_testkit::specs()
        .into_iter()
        .filter(|s| !s.rel.contains("petstore-separate"))
        .filter(|s| !CHECKED_BY_THE_SWEEP.contains(&s.rel.as_str()))
        .map(|s| s.path)
        .collect();
    for h in HOSTILE {
        out.push(shared().join("hostile").join(h));
    }
    out.sort();
    out
}

/// A package name for a corpus file.
pub fn package_name(p: &Path) -> String {
    let s = p
        .strip_prefix(shared())
        .unwrap_or(p)
        .to_string_lossy()
        .to_ascii_lowercase();
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Fails when `generated/NAME/LANG` differs from what `backend` generates for the specs of
/// `specs/`, or holds a file it does not generate; `OASKIT_BLESS=1` rewrites them (and still
/// fails, naming what it changed).
pub fn check_in_sync(backend: Backend, lang: &str, ignored: &[&str]) {
    check_in_sync_with(backend, lang, ignored, |_, text| text);
}

/// `rustfmt --edition 2021` over one file's text, as `oaskit generate rust` does by default.
pub fn rustfmt(path: &str, text: String) -> String {
    use std::io::Write as _;
    if !path.ends_with(".rs") {
        return text;
    }
    let mut child = std::process::Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("rustfmt runs (rustup component add rustfmt)");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().expect("rustfmt output");
    writer.join().expect("writer").expect("write to rustfmt");
    assert!(out.status.success(), "rustfmt refused {path}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// [`check_in_sync`] with each file passed through `format(path, text)` first.
pub fn check_in_sync_with(
    backend: Backend,
    lang: &str,
    ignored: &[&str],
    format: impl Fn(&str, String) -> String,
) {
    const SPECS: [(&str, &str); 4] = [
        ("petstore.yaml", "petstore"),
        ("gateway-crud.yaml", "gateway-crud"),
        ("split/openapi.yaml", "split"),
        ("runtime.yaml", "runtime"),
    ];
    // One golden set over `generated/`: this language's folders must hold exactly what the
    // generator writes (the other languages' folders belong to their own tests), and a folder
    // of a spec that is no longer generated is stale. `OASKIT_BLESS=1` rewrites, removes and
    // then fails naming the changes (see `oaskit_testkit::Golden`).
    let mut skip: Vec<String> = ignored.iter().map(|i| (*i).to_string()).collect();
    for (_, name) in SPECS {
        for other in oaskit_codegen::Language::ALL.map(oaskit_codegen::Language::name) {
            if other != lang {
                skip.push(format!("{name}/{other}"));
            }
        }
    }
    let skip: Vec<&str> = skip.iter().map(String::as_str).collect();
    let mut golden = oaskit_testkit::Golden::new(root().join("generated")).ignoring(&skip);
    for (spec, name) in SPECS {
        let mut files = generate(backend, &root().join("specs").join(spec), name);
        for f in &mut files {
            f.contents = format(&f.path, std::mem::take(&mut f.contents));
            golden.check(&format!("{name}/{lang}/{}", f.path), &f.contents);
        }
    }
    golden.finish();
}

/// Source text with `//` and `#` line comments, `/* */` blocks and string literals removed
/// (enough for generated code: every string there is double-quoted on one line).
pub fn code_only(src: &str, line_comment: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in src.lines() {
        let mut in_str = false;
        let mut escaped = false;
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let rest: String = chars[i..].iter().take(3).collect();
            if in_block {
                if rest.starts_with("*/") {
                    in_block = false;
                    i += 2;
                } else {
                    i += 1;
                }
                continue;
            }
            if in_str {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_str = false;
                }
                i += 1;
                continue;
            }
            if rest.starts_with(line_comment) {
                break;
            }
            if line_comment == "//" && rest.starts_with("/*") {
                in_block = true;
                i += 2;
                continue;
            }
            if c == '"' {
                in_str = true;
            } else {
                out.push(c);
            }
            i += 1;
        }
        out.push('\n');
    }
    out
}

/// Generates every injection case with `backend` and fails when a payload word stands in
/// `code(path, text)` (the text of each file whose path ends with `ext`, with its literals and
/// comments removed).
pub fn assert_payloads_stay_in_literals(
    backend: Backend,
    ext: &str,
    code: impl Fn(&str) -> String,
) {
    for case in INJECTION {
        let files = generate(backend, &shared().join("hostile").join(case), "injection");
        let mut read = 0;
        for f in files.iter().filter(|f| f.path.ends_with(ext)) {
            read += 1;
            let code = code(&f.contents);
            for needle in PAYLOAD_WORDS {
                assert!(
                    !code.contains(needle),
                    "{case}: {needle:?} stands in code in {}",
                    f.path
                );
            }
        }
        assert!(read > 0, "{case}: no {ext} file was generated");
    }
}

/// Python source without docstrings (string literals on lines of their own).
pub fn without_docstrings(src: &str) -> String {
    let mut code = String::new();
    let mut in_doc = false;
    for line in src.lines() {
        let t = line.trim_start();
        let quotes = t.matches("\"\"\"").count() - t.matches("\\\"\"\"").count();
        if in_doc {
            if quotes % 2 == 1 {
                in_doc = false;
            }
            continue;
        }
        if t.starts_with("\"\"\"") {
            in_doc = quotes == 1;
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// The code of a generated file without its comments, docstrings and string literals, by the
/// language its path says.
pub fn code_of(path: &str, src: &str) -> String {
    if path.ends_with(".py") {
        code_only(&without_docstrings(src), "#")
    } else if path.ends_with(".rs") || path.ends_with(".ts") {
        code_only(src, "//")
    } else {
        String::new()
    }
}

/// Fails when a generated file holds a hidden character raw (anything [`is_hidden`] but the
/// line feed) or a path leaves the output folder.
///
/// [`is_hidden`]: oaskit_codegen::names::is_hidden
pub fn assert_nothing_hidden(files: &[oaskit_codegen::GeneratedFile], what: &str) {
    for f in files {
        assert!(
            !f.path.contains("..") && !f.path.starts_with('/') && !f.path.contains('\\'),
            "{what}: {} leaves the output folder",
            f.path
        );
        for (n, line) in f.contents.split('\n').enumerate() {
            if let Some(c) = line.chars().find(|&c| oaskit_codegen::names::is_hidden(c)) {
                panic!(
                    "{what}: {} line {} holds U+{:04X} raw",
                    f.path,
                    n + 1,
                    c as u32
                );
            }
        }
    }
}

fn run(cmd: &mut std::process::Command, what: &str) -> Result<(), String> {
    let out = cmd
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        // cargo --quiet prints nothing but warnings and errors.
        if what.starts_with("cargo") && err.lines().any(|l| l.starts_with("warning")) {
            return Err(format!("{what}:\n{err}"));
        }
        return Ok(());
    }
    Err(format!(
        "{what}:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .take(30)
            .collect::<Vec<_>>()
            .join("\n"),
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .take(30)
            .collect::<Vec<_>>()
            .join("\n")
    ))
}

/// `cargo clippy -D warnings` over the generated crate in `dir` (as the corpus test runs it).
pub fn check_rust(dir: &Path) -> Result<(), String> {
    run(
        std::process::Command::new(env!("CARGO"))
            .args(["clippy", "--quiet", "--", "-D", "warnings"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", root().join("target/oaskit-generated")),
        &format!("cargo clippy in {}", dir.display()),
    )
}

/// `tsc -p . --noEmit` (strict, from the generated tsconfig) over the package in `dir`.
pub fn check_typescript(dir: &Path) -> Result<(), String> {
    let tsc = root().join(".tools/node/node_modules/typescript/bin/tsc");
    assert!(
        tsc.is_file(),
        "TypeScript is missing: run scripts/setup-tools"
    );
    run(
        std::process::Command::new("node")
            .arg(&tsc)
            .args(["-p", ".", "--noEmit"])
            .current_dir(dir),
        &format!("tsc in {}", dir.display()),
    )
}

/// mypy's cache for the calling thread: the standard library's types are analysed once per
/// thread instead of once per package (most of a small package's check), and no two mypy
/// processes share a cache folder. mypy validates what it reuses by content hash, so a stale
/// entry is never trusted.
fn mypy_cache() -> PathBuf {
    let id = format!("{:?}", std::thread::current().id());
    let id: String = id.chars().filter(char::is_ascii_digit).collect();
    root().join(format!("target/oaskit-generated/mypy-cache/thread-{id}"))
}

/// Runs `check` on every spec of `specs`, the largest file first, over as many threads as there
/// are cores (at most 2, like the Rust crates' check: a large SDK's checker takes GBs), and
/// returns the failures it reports, sorted. `check` gets the spec and its package name.
pub fn check_in_parallel(
    specs: &[PathBuf],
    check: impl Fn(&Path, &str) -> Option<String> + Sync,
) -> Vec<String> {
    let mut order: Vec<(u64, &PathBuf)> = specs
        .iter()
        .map(|s| (std::fs::metadata(s).map_or(0, |m| m.len()), s))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((_, spec)) = order.get(i) else {
                    break;
                };
                if let Some(f) = check(spec, &package_name(spec)) {
                    failures.lock().expect("lock").push(f);
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("lock");
    failures.sort();
    failures
}

/// `ruff check`, `mypy --strict` and an import of `module` in `dir`.
pub fn check_python(dir: &Path, module: &str) -> Result<(), String> {
    let bin = root().join(".tools/python/bin");
    assert!(
        bin.join("mypy").is_file(),
        "mypy is missing: run scripts/setup-tools"
    );
    run(
        std::process::Command::new(bin.join("ruff"))
            .args(["check", "--quiet", "--no-cache", module])
            .current_dir(dir),
        &format!("ruff in {}", dir.display()),
    )?;
    run(
        std::process::Command::new(bin.join("mypy"))
            .args(["--strict", module])
            .arg(format!("--cache-dir={}", mypy_cache().display()))
            .current_dir(dir),
        &format!("mypy in {}", dir.display()),
    )?;
    run(
        std::process::Command::new(bin.join("python"))
            .args(["-c", "import sys; __import__(sys.argv[1])", module])
            .current_dir(dir),
        &format!("import in {}", dir.display()),
    )
}
