//! Hostile families beyond the shared cases (test data in `tests/data`, see its README): spec
//! text that tries to become code (fences of every length and form for rustdoc, JSDoc and
//! docstring terminators, trojan-source characters in every field), names that collide with
//! each language's prelude, built-ins, imports and the SDK's own members, package names from
//! any title, and allOf fan-out chains. Every SDK generated from them passes the same checkers
//! as the corpus: `cargo clippy -D warnings`, `tsc --strict`, `ruff` + `mypy --strict` + import.

mod common;

use std::path::{Path, PathBuf};

use oaskit_codegen::{python, rust, typescript, GeneratedFile};

use common::{root, write};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn out_dir(family: &str, lang: &str) -> PathBuf {
    root()
        .join("target/oaskit-generated/families")
        .join(family)
        .join(lang)
}

fn load(spec: &Path) -> oaskit_core::Document {
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new().with_checks(false));
    loaded.document.expect("document")
}

fn load_str(text: &str) -> oaskit_core::Document {
    let loaded = oaskit_core::load_str(
        "spec.json",
        text,
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    loaded.document.expect("document")
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

fn python_module(files: &[GeneratedFile]) -> String {
    files
        .iter()
        .find_map(|f| f.path.strip_suffix("/__init__.py"))
        .expect("a package")
        .to_string()
}

/// Generates all three SDKs of `api` as `name`, writes them under the family's folder and runs
/// every checker; returns the files by language.
fn generate_and_check(
    api: &oaskit_codegen::ir::Api,
    family: &str,
    name: &str,
) -> [Vec<GeneratedFile>; 3] {
    let rs = rust::generate(api, name);
    let ts = typescript::generate(api, name);
    let py = python::generate(api, name);
    let mut failures = Vec::new();
    for (lang, files) in [("rust", &rs), ("typescript", &ts), ("python", &py)] {
        common::assert_nothing_hidden(files, &format!("{family}/{lang}"));
        let dir = out_dir(family, lang);
        write(files, &dir);
        let result = match lang {
            "rust" => common::check_rust(&dir),
            "typescript" => common::check_typescript(&dir),
            _ => common::check_python(&dir, &python_module(files)),
        };
        if let Err(e) = result {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    [rs, ts, py]
}

/// Payload fragments of the injection family that must never stand in code (with their
/// punctuation: the words alone may stand in sanitized identifiers, such as `op56_injected`).
const PAYLOAD: [&str; 7] = [
    "injected()",
    "process.exit",
    "os.system",
    "exit(42)",
    "rm -rf",
    "pwned-",
    "std::process",
];

#[test]
fn injection_families_stay_in_comments_and_literals() {
    let doc = load(&data("injection-families.json"));
    let (api, _) = oaskit_codegen::build(&doc);
    assert!(api.operations.len() > 100 && api.types.len() > 100);
    let sdks = generate_and_check(&api, "injection", "injection");
    for files in &sdks {
        for f in files {
            let code = common::code_of(&f.path, &f.contents);
            for needle in PAYLOAD {
                assert!(
                    !code.contains(needle),
                    "{needle:?} stands in code in {}",
                    f.path
                );
            }
        }
    }
    // The second wall: no generated crate runs doctests, whatever its doc comments hold.
    let cargo = file(&sdks[0], "Cargo.toml");
    assert!(cargo.contains("[lib]\n") && cargo.contains("doctest = false"));
    // Python docstrings hold no line doctest would run.
    for f in sdks[2].iter().filter(|f| f.path.ends_with(".py")) {
        assert!(
            f.contents
                .lines()
                .all(|l| !l.trim_start().starts_with(">>>")),
            "a doctest line in {}",
            f.path
        );
    }
    // Rust doc comments hold no fence and no indented block.
    for f in sdks[0].iter().filter(|f| f.path.ends_with(".rs")) {
        for line in f.contents.lines() {
            if let Some(doc) = line.trim_start().strip_prefix("///") {
                // A fence opens where a line's text, after indentation, block quotes and list
                // markers, starts with three backticks or tildes (a code span such as an enum
                // value's `~~~` is text).
                let mut text = doc.strip_prefix(' ').unwrap_or(doc);
                loop {
                    let t = text.trim_start_matches([' ', '>']);
                    let t = ["- ", "* ", "+ "]
                        .iter()
                        .find_map(|m| t.strip_prefix(m))
                        .or_else(|| {
                            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                            (digits > 0)
                                .then(|| {
                                    t[digits..]
                                        .strip_prefix(". ")
                                        .or(t[digits..].strip_prefix(") "))
                                })
                                .flatten()
                        })
                        .unwrap_or(t);
                    if t.len() == text.len() {
                        break;
                    }
                    text = t;
                }
                assert!(
                    !text.starts_with("```") && !text.starts_with("~~~"),
                    "{line}"
                );
                assert!(!doc.starts_with("     "), "{line}");
            }
        }
    }
}

#[test]
fn reserved_names_are_renamed_and_wire_names_kept() {
    let doc = load(&data("reserved-names.json"));
    let (api, _) = oaskit_codegen::build(&doc);
    let [rs, ts, py] = generate_and_check(&api, "reserved", "reserved");
    let types_rs = file(&rs, "src/types.rs");
    let lib_rs = file(&rs, "src/lib.rs");
    for renamed in [
        "pub struct Option_ ",
        "pub struct Result_ ",
        "pub struct Serialize_ ",
        "pub struct Vec_ ",
        "pub struct Some_ ",
    ] {
        assert!(types_rs.contains(renamed), "types.rs lacks {renamed:?}");
    }
    // The SDK's own response enums never take a schema's name.
    assert!(
        types_rs.contains("pub struct NewResponse ") && types_rs.contains("pub enum NewResponse_ ")
    );
    for m in [
        "pub fn new_(",
        "pub fn has_(",
        "pub fn clone_(",
        "pub fn r#type(",
    ] {
        assert!(lib_rs.contains(m), "lib.rs lacks {m:?}");
    }
    // The request builders hold the wire names of the parameters.
    let operations_rs = file(&rs, "src/operations.rs");
    for wire in [
        "\"str\"",
        "\"Option\"",
        "\"additional_properties\"",
        "\"models\"",
    ] {
        assert!(
            types_rs.contains(&format!("rename = {wire}"))
                || lib_rs.contains(wire)
                || operations_rs.contains(wire),
            "{wire}"
        );
    }
    let client_ts = file(&ts, "src/client.ts");
    let types_ts = file(&ts, "src/types.ts");
    // Methods, not the argument interfaces' properties: a method definition starts a line.
    for m in ["baseUrl_(", "constructor_(", "toString_(", "then_("] {
        assert!(
            client_ts.contains(&format!("\n  {m}")),
            "client.ts lacks a method {m:?}"
        );
    }
    assert_eq!(client_ts.matches("get baseUrl()").count(), 1);
    for t in [
        "export interface Record_ ",
        "export interface Promise_ ",
        "export interface Array_ ",
    ] {
        assert!(types_ts.contains(t), "types.ts lacks {t:?}");
    }
    let client_py = file(&py, "reserved/client.py");
    let models_py = file(&py, "reserved/models.py");
    for m in [
        "def base_url_(self",
        "def list_(self",
        "def str_(self",
        "def models_(self",
        " models_: ",
        " str_: ",
        " type_: ",
    ] {
        assert!(client_py.contains(m), "client.py lacks {m:?}");
    }
    assert_eq!(client_py.matches("def base_url(self)").count(), 1);
    for m in [
        "class Optional_:",
        "class Any_:",
        "class ValueError_:",
        "class Str:",
        "    str_: ",
        "    field_: ",
        "    classmethod_: ",
        "    from_json_: ",
        "_rt.Param(\"models\", ",
    ] {
        assert!(
            models_py.contains(m) || client_py.contains(m),
            "python lacks {m:?}"
        );
    }
}

#[test]
fn package_names_from_any_title_are_valid_everywhere() {
    let long = "Very Long Title ".repeat(40);
    let titles = [
        "1Password",
        "123",
        "9 lives API",
        "2fa-service",
        "!!!",
        "",
        "   ",
        "日本語のAPI",
        "日本語",
        "\u{202e}evil\u{2066}",
        long.as_str(),
        "fn",
        "self",
        "typing",
        "json",
        "http",
        "serde",
        "std",
        "test",
        "Robert'); DROP TABLE students;--",
        "quote \" back \\ slash \\u0041 \\N{BULLET}",
        "line\nbreak\r\u{2028}sep\u{85}",
        "ends with backslash \\",
        "_underscore_",
        "-dash-",
        "a",
    ];
    let mut checked_one = false;
    for (i, title) in titles.iter().enumerate() {
        let spec = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": title, "version": "1"},
            "paths": {"/x": {"get": {"operationId": "getX", "responses": {"200": {"description": "ok"}}}}},
        });
        let doc = load_str(&spec.to_string());
        let (api, _) = oaskit_codegen::build(&doc);
        // As given, and as the CLI derives it from the title.
        let cli = oaskit_codegen::names::words(title).join("-");
        for name in [title.to_string(), cli] {
            let rs = rust::generate(&api, &name);
            let ts = typescript::generate(&api, &name);
            let py = python::generate(&api, &name);
            for (lang, files) in [("rust", &rs), ("ts", &ts), ("python", &py)] {
                common::assert_nothing_hidden(files, &format!("title {title:?} {lang}"));
            }
            // Cargo: the manifest parses and the package and library names are valid.
            let dir = out_dir(&format!("package-names/{i}"), "rust");
            write(&rs, &dir);
            let out = std::process::Command::new(env!("CARGO"))
                .args([
                    "metadata",
                    "--no-deps",
                    "--offline",
                    "--format-version",
                    "1",
                ])
                .current_dir(&dir)
                .output()
                .expect("cargo runs");
            assert!(
                out.status.success(),
                "title {title:?}: {}\n{}",
                String::from_utf8_lossy(&out.stderr),
                file(&rs, "Cargo.toml")
            );
            let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata");
            let pkg = &meta["packages"][0];
            let crate_name = pkg["name"].as_str().expect("name");
            assert!(
                crate_name.starts_with(|c: char| c.is_ascii_lowercase())
                    && crate_name.len() <= 64
                    && crate_name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{crate_name:?}"
            );
            let description = pkg["description"].as_str().expect("description");
            assert!(!description.chars().any(oaskit_codegen::names::is_hidden));
            assert!(description.starts_with("Client for"));
            // npm: the name is lower case, URL-safe, short, not a built-in module's.
            let pj: serde_json::Value =
                serde_json::from_str(file(&ts, "package.json")).expect("package.json is JSON");
            let npm = pj["name"].as_str().expect("name");
            assert!(
                !npm.is_empty()
                    && npm.len() <= 214
                    && !npm.starts_with(['.', '_', '-'])
                    && npm
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{npm:?}"
            );
            assert!(!["http", "fs", "path", "crypto"].contains(&npm));
            // Python: pyproject.toml parses, the distribution name is valid (PEP 508), the
            // import name is an identifier that shadows no keyword, built-in or common module.
            let module = python_module(&py);
            let check = format!(
                "import keyword, re, sys, tomllib\n\
                 d = tomllib.loads(sys.stdin.read())\n\
                 n = d['project']['name']\n\
                 assert re.fullmatch(r'[a-z]([a-z0-9-]*[a-z0-9])?', n), n\n\
                 m = {module:?}\n\
                 assert m.isidentifier() and m.isascii() and not keyword.iskeyword(m), m\n\
                 assert m not in sys.stdlib_module_names and m not in dir(__builtins__), m\n\
                 assert d['project']['description'].startswith('Client for'), d\n\
                 assert m in d['tool']['setuptools']['package-data'], d\n"
            );
            let mut child = std::process::Command::new(root().join(".tools/python/bin/python"))
                .args(["-c", &check])
                .stdin(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("python runs");
            use std::io::Write as _;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(file(&py, "pyproject.toml").as_bytes())
                .expect("write");
            let out = child.wait_with_output().expect("python");
            assert!(
                out.status.success(),
                "title {title:?}: {}\n{}",
                String::from_utf8_lossy(&out.stderr),
                file(&py, "pyproject.toml")
            );
        }
        // One title per family of names through every checker.
        if title.starts_with(|c: char| c.is_ascii_digit()) && !checked_one {
            checked_one = true;
            generate_and_check(&api, "package-digit", title);
        }
    }
    let doc = load_str(
        &serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "typing", "version": "1"},
            "paths": {},
        })
        .to_string(),
    );
    let (api, _) = oaskit_codegen::build(&doc);
    generate_and_check(&api, "package-reserved", "typing");
}

#[test]
fn allof_fan_out_chain_generates_and_compiles() {
    let doc = load(&data("allof-fan-out.yaml"));
    let (api, warnings) = oaskit_codegen::build(&doc);
    assert!(warnings.iter().all(|w| w.code != "codegen-limit"));
    let a0 = api.types.iter().find(|t| t.name == "A0").expect("A0");
    match &a0.kind {
        oaskit_codegen::ir::TypeKind::Struct { fields, .. } => assert_eq!(fields.len(), 41),
        other => panic!("{other:?}"),
    }
    generate_and_check(&api, "allof", "allof");
}
