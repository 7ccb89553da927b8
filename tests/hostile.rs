//! Every case of `shared/hostile` gets the behaviour its INDEX.md names.

mod support;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use oaskit_core::{load, FsReader, Input, LoadOptions, Loaded, ReadError, Reader};

/// A reader that records every file it is asked to open.
#[derive(Default)]
struct Recording {
    opened: RefCell<Vec<PathBuf>>,
}

impl Reader for Recording {
    fn read_file(&self, path: &Path, max: usize) -> Result<Vec<u8>, ReadError> {
        self.opened.borrow_mut().push(path.to_path_buf());
        FsReader.read_file(path, max)
    }

    fn fetch(&self, url: &str, _max: usize) -> Result<Vec<u8>, ReadError> {
        panic!("no network may be touched, yet {url} was fetched");
    }
}

/// Removes `.` and `..` without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn case(file: &str) -> (Loaded, Vec<PathBuf>) {
    let path = support::shared().join("hostile").join(file);
    let reader = Recording::default();
    let loaded = load(Input::Path(path.clone()), &LoadOptions::new(), &reader);
    let opened = reader.opened.into_inner();
    let folder = path.parent().expect("folder");
    let real_folder = folder.canonicalize().expect("exists");
    for p in &opened {
        // A file that does not exist cannot be canonicalized: compare its path as written.
        let inside = match p.canonicalize() {
            Ok(real) => real.starts_with(&real_folder),
            Err(_) => normalize(p).starts_with(normalize(folder)),
        };
        assert!(inside, "{file}: opened {} outside its folder", p.display());
    }
    (loaded, opened)
}

/// (file, line, column) of every diagnostic with `code`.
fn places(l: &Loaded, code: &str) -> Vec<(String, u32, u32, String)> {
    l.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let (f, line, col) = d.position(&l.sources).expect("located");
            let name = Path::new(&f)
                .file_name()
                .map_or(f.clone(), |n| n.to_string_lossy().into_owned());
            (
                name,
                line,
                col,
                d.location
                    .as_ref()
                    .map(|x| x.pointer.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn every_case_in_the_index_gets_its_expected_outcome() {
    let cases: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(support::shared().join("hostile/cases.json")).expect("cases"),
    )
    .expect("json");
    let cases = cases.as_array().expect("list");
    assert!(cases.len() >= 31);
    for c in cases {
        let file = c["file"].as_str().expect("file");
        let expect = c["expect"].as_str().expect("expect");
        let code = c["code"]
            .as_str()
            .unwrap_or("-")
            .split_whitespace()
            .next()
            .unwrap_or("-");
        let (l, _) = case(file);
        for d in &l.diagnostics {
            assert!(
                oaskit_core::codes::lookup(d.code).is_some(),
                "{file}: code {} is not registered in oaskit_core::codes",
                d.code
            );
        }
        match expect {
            "error" => {
                assert!(
                    l.has_errors(),
                    "{file}: expected an error, got {:?}",
                    l.diagnostics
                );
                assert!(
                    l.diagnostics.iter().any(|d| d.code == code && d.is_error()),
                    "{file}: expected {code}, got {:?}",
                    l.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
                );
                for d in &l.diagnostics {
                    assert!(
                        d.position(&l.sources).is_some(),
                        "{file}: {} without a position",
                        d.code
                    );
                }
            }
            _ => {
                assert!(
                    !l.has_errors(),
                    "{file}: expected acceptance, got {:?}",
                    l.diagnostics
                );
                assert!(l.document.is_some(), "{file}");
                // Warnings that `check` owns must appear; name-collision belongs to codegen.
                if code != "-" && code != "name-collision" {
                    assert!(
                        l.diagnostics.iter().any(|d| d.code == code),
                        "{file}: expected warning {code}"
                    );
                }
            }
        }
    }
}

#[test]
fn positions_are_the_ones_the_index_names() {
    let at = |file: &str, code: &str| places(&case(file).0, code);
    assert_eq!(
        at("duplicate-key/json-duplicate-path.json", "duplicate-key"),
        [(
            "json-duplicate-path.json".into(),
            6,
            5,
            "/paths/~1pets".into()
        )]
    );
    let dup = case("duplicate-key/json-duplicate-path.json").0;
    let rel = &dup.diagnostics[0].related[0];
    assert_eq!(
        dup.sources.locate(rel.location.span).map(|x| x.1),
        Some(5),
        "mentions the first key's line"
    );
    assert_eq!(
        at(
            "duplicate-key/yaml-duplicate-operation.yaml",
            "duplicate-key"
        )[0]
        .1,
        12
    );
    assert_eq!(
        at(
            "duplicate-key/yaml-duplicate-operation.yaml",
            "duplicate-key"
        )[0]
        .3,
        "/paths/~1pets/get"
    );
    let tab = &at("yaml-tabs/tab-indent.yaml", "yaml-syntax")[0];
    assert_eq!((tab.1, tab.2), (8, 1));
    assert_eq!(at("encoding/invalid-utf8.yaml", "invalid-utf8")[0].1, 6);
    assert_eq!(at("ref-cycle/direct-self.yaml", "ref-cycle")[0].1, 10);
    let allof = case("ref-cycle/allof-cycle.yaml").0;
    let d = allof
        .diagnostics
        .iter()
        .find(|d| d.code == "ref-cycle")
        .expect("cycle");
    let lines: Vec<u32> = std::iter::once(d.location.as_ref().expect("loc").span)
        .chain(d.related.iter().map(|r| r.location.span))
        .map(|s| allof.sources.locate(s).expect("located").1)
        .collect();
    assert_eq!(lines, [11, 15]);
    let ext = case("ref-cycle/external/openapi.yaml").0;
    let d = ext
        .diagnostics
        .iter()
        .find(|d| d.code == "ref-cycle")
        .expect("cycle");
    let files: Vec<(String, u32)> = std::iter::once(d.location.as_ref().expect("loc").span)
        .chain(d.related.iter().map(|r| r.location.span))
        .map(|s| {
            let (f, l, _) = ext.sources.locate(s).expect("located");
            (
                Path::new(f)
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned(),
                l,
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            ("openapi.yaml".to_string(), 10),
            ("other.yaml".to_string(), 3)
        ]
    );
    assert!(d.message.contains("other.yaml#/B"), "{}", d.message);
    assert_eq!(
        at("ref-missing/local-pointer.yaml", "ref-unresolved")[0].1,
        15
    );
    let missing = case("ref-missing/missing-file.yaml").0;
    assert_eq!(places(&missing, "ref-unresolved")[0].1, 10);
    assert!(missing.diagnostics[0].message.contains("./models/pet.yaml"));
    assert!(
        missing.diagnostics[0]
            .message
            .contains("ref-missing/models/pet.yaml"),
        "resolved against the spec folder"
    );
    assert_eq!(
        at(
            "ref-escape/parent-dir/spec/openapi.yaml",
            "ref-outside-root"
        )[0]
        .1,
        10
    );
    assert_eq!(
        at("ref-escape/etc-passwd.yaml", "ref-outside-root")[0].1,
        10
    );
    let abs: Vec<u32> = at("ref-escape/absolute-path.yaml", "ref-outside-root")
        .iter()
        .map(|x| x.1)
        .collect();
    assert_eq!(abs, [10, 12]);
    assert_eq!(
        at("deep-nesting/json-arrays-100k.json", "depth-limit")[0].1,
        1
    );
    assert_eq!(
        at("deep-nesting/yaml-flow-maps-100k.yaml", "depth-limit")[0].1,
        7
    );
    assert_eq!(
        at("alias-bomb/billion-laughs.yaml", "yaml-alias-limit")[0].1,
        13
    );
}

#[test]
fn refused_targets_are_never_opened() {
    for file in [
        "ref-escape/parent-dir/spec/openapi.yaml",
        "ref-escape/etc-passwd.yaml",
        "ref-escape/absolute-path.yaml",
    ] {
        let (_, opened) = case(file);
        assert_eq!(
            opened.len(),
            1,
            "{file}: only the entry document may be read, read {opened:?}"
        );
    }
    // With an explicit wider root the same reference is followed.
    let path = support::shared().join("hostile/ref-escape/parent-dir/spec/openapi.yaml");
    let opts = LoadOptions::new().with_policy(
        oaskit_core::Policy::new().with_root(path.parent().and_then(Path::parent).expect("up")),
    );
    let l = oaskit_core::load_file(&path, &opts);
    assert!(
        !l.diagnostics.iter().any(|d| d.code == "ref-outside-root"),
        "{:?}",
        l.diagnostics
    );
}

fn value_at(l: &Loaded, ptr: &str) -> serde_json::Value {
    l.document
        .as_ref()
        .expect("doc")
        .root()
        .pointer(ptr)
        .expect(ptr)
        .to_json()
}

#[test]
fn yaml_12_scalars_keep_their_meaning() {
    let (l, _) = case("yaml11/norway-and-booleans.yaml");
    assert_eq!(
        value_at(&l, "/components/schemas/Country/enum"),
        serde_json::json!(["NO", "SE", "DK", "no", "yes", "on", "off", "y", "n"])
    );
    assert_eq!(value_at(&l, "/components/schemas/Country/example"), "NO");
    assert_eq!(value_at(&l, "/components/schemas/Country/default"), "off");
    let (l, _) = case("yaml11/octal-sexagesimal.yaml");
    let p = "/components/schemas/Nums/properties";
    assert_eq!(value_at(&l, &format!("{p}/octal/example")), 10);
    assert_eq!(value_at(&l, &format!("{p}/leadingZero/example")), 12);
    assert_eq!(value_at(&l, &format!("{p}/hex/example")), 31);
    assert_eq!(value_at(&l, &format!("{p}/duration/example")), "1:20");
    assert_eq!(value_at(&l, &format!("{p}/dotted/example")), "1_000");
}

#[test]
fn big_numbers_are_written_back_unchanged() {
    let (l, _) = case("big-number/beyond-f64-i64.json");
    let out = oaskit_core::to_json(l.document.expect("doc").root());
    for lit in [
        "-99999999999999999999999999999",
        "1e400",
        "9223372036854775808",
        "0.1000000000000000000000000001",
    ] {
        assert!(
            out.contains(&format!(": {lit},")) || out.contains(&format!(": {lit}\n")),
            "{lit} missing from\n{out}"
        );
    }
}

#[test]
fn long_strings_and_huge_enums_load() {
    let (l, _) = case("long-string/description-2mib.yaml");
    let d = l.document.expect("doc");
    let desc = d
        .root()
        .pointer("/info/description")
        .and_then(|n| n.as_str())
        .map_or(0, str::len);
    assert!(desc >= 2 * 1024 * 1024 - 64, "{desc}");
    let (l, _) = case("huge-enum/string-enum-100k.json");
    assert!(!l.has_errors());
}

#[test]
fn bom_is_accepted_with_a_warning_and_not_written() {
    let (l, _) = case("encoding/bom-utf8.json");
    assert!(l
        .diagnostics
        .iter()
        .any(|d| d.code == "bom" && !d.is_error()));
    let out = oaskit_core::to_json(l.document.expect("doc").root());
    assert!(!out.starts_with('\u{feff}'));
}

#[test]
fn ref_pointer_escapes_resolve() {
    let (l, _) = case("ref-pointer/escapes-ok.yaml");
    assert!(
        !l.diagnostics.iter().any(|d| d.code.starts_with("ref-")),
        "{:?}",
        l.diagnostics
    );
}

/// Held-out members of the same families, generated: the fixes are general, not per file.
#[test]
fn generated_variants_of_each_family() {
    let check = |name: &str, text: &str| oaskit_core::load_str(name, text, &LoadOptions::new());
    let head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
    let codes = |l: &Loaded| l.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
    // Deep nesting in block style and in JSON objects.
    let block = format!(
        "{head}x-deep:\n{}",
        (0..3000)
            .map(|i| format!("{}a:\n", "  ".repeat(i + 1)))
            .collect::<String>()
    );
    assert!(codes(&check("deep.yaml", &block)).contains(&"depth-limit"));
    let json = format!(
        "{{\"openapi\":\"3.0.3\",\"x\":{}1{}}}",
        "{\"a\":".repeat(50_000),
        "}".repeat(50_000)
    );
    assert!(codes(&check("deep.json", &json)).contains(&"depth-limit"));
    // Alias bombs made of mappings, and merge keys.
    let mut bomb = format!("{head}x-bomb:\n  a0: &a0 {{k0: v, k1: v, k2: v}}\n");
    for i in 1..10 {
        let refs: Vec<String> = (0..8).map(|j| format!("k{j}: *a{}", i - 1)).collect();
        bomb.push_str(&format!("  a{i}: &a{i} {{{}}}\n", refs.join(", ")));
    }
    assert!(codes(&check("bomb.yaml", &bomb)).contains(&"yaml-alias-limit"));
    // Long chains of references, with and without a cycle.
    let mut chain = format!("{head}components:\n  schemas:\n");
    for i in 0..5000 {
        chain.push_str(&format!(
            "    S{i}: {{$ref: '#/components/schemas/S{}'}}\n",
            i + 1
        ));
    }
    let ok = check(
        "chain.yaml",
        &format!("{chain}    S5000: {{type: string}}\n"),
    );
    assert!(!ok.has_errors(), "{:?}", codes(&ok));
    let cyc = check(
        "cycle.yaml",
        &format!("{chain}    S5000: {{$ref: '#/components/schemas/S0'}}\n"),
    );
    assert_eq!(codes(&cyc), ["ref-cycle"]);
    assert!(cyc.diagnostics[0].message.len() < 2_000 && cyc.diagnostics[0].related.len() <= 16);
    // Several documents, complex keys, UTF-16, a BOM in the middle.
    assert_eq!(
        codes(&check("m.yaml", "openapi: 3.0.3\n---\nopenapi: 3.0.3\n")),
        ["yaml-syntax"]
    );
    assert_eq!(
        codes(&check("k.yaml", "openapi: 3.0.3\n? [a, b]\n: c\n")),
        ["yaml-syntax"]
    );
    let utf16: Vec<u8> = "{\"openapi\": \"3.0.3\"}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let l = load(
        Input::Bytes {
            name: "u.json".into(),
            bytes: utf16,
            base_dir: std::env::temp_dir(),
        },
        &LoadOptions::new(),
        &FsReader,
    );
    assert_eq!(codes(&l), ["encoding"]);
    assert_eq!(
        codes(&check(
            "b.yaml",
            "openapi: 3.0.3\ninfo: {title: \"a\u{feff}b\"}\n"
        )),
        ["encoding"]
    );
}
