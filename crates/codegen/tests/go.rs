//! The Go backend: generated modules pass `gofmt -l` (nothing listed), `go vet`, `staticcheck`
//! and `go build` for every spec of the corpus and the hostile codegen cases; no spec text
//! stands outside a string literal or comment; string literals read back exactly in Go; the
//! modules checked in under `generated/` match.
//!
//! The checks run once over all modules through one `go.work` (one `go vet`, one
//! `staticcheck`, one `go build`), offline (`GOPROXY=off`, `GOTOOLCHAIN=local`: the modules use
//! the standard library only), with the Go caches under `target/`. `-mod=mod` is not set:
//! workspace mode refuses it, and there is nothing to download. Go comes from `PATH`;
//! staticcheck (honnef.co/go/tools, pinned) is installed by `scripts/setup-tools` into
//! `.tools/go/bin`; a missing one fails the test.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{corpus, root, write};

/// The staticcheck the setup script installs.
fn staticcheck() -> PathBuf {
    let p = root().join(".tools/go/bin/staticcheck");
    assert!(
        p.is_file(),
        "staticcheck is missing at {}: run scripts/setup-tools",
        p.display()
    );
    p
}

/// A `go` (or other Go tool) command with the environment of the checks.
fn go_cmd(program: &Path, dir: &Path, work: Option<&Path>) -> Command {
    let cache = root().join("target/oaskit-generated/go-env");
    let mut c = Command::new(program);
    c.current_dir(dir)
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOFLAGS", "-buildvcs=false")
        .env("GOCACHE", cache.join("cache"))
        .env("GOPATH", cache.join("path"))
        .env("GOMODCACHE", cache.join("path/pkg/mod"))
        .env("STATICCHECK_CACHE", cache.join("staticcheck"))
        .env("GOTELEMETRY", "off")
        .env("GO111MODULE", "on")
        .env(
            "GOWORK",
            work.map_or_else(|| "off".into(), |w| w.as_os_str().to_owned()),
        );
    c
}

fn go() -> PathBuf {
    PathBuf::from("go")
}

/// Runs `cmd`; the failure message holds its output.
fn run(mut cmd: Command, what: &str) -> Result<String, String> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what} does not run (is Go 1.22+ on PATH?): {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!(
            "{what} failed:\n{}",
            text.lines().take(60).collect::<Vec<_>>().join("\n")
        ))
    }
}

/// Generates the module of `spec` with module path `module`.
fn generate(spec: &Path, name: &str, module: &str) -> Vec<oaskit_codegen::GeneratedFile> {
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new().with_checks(false));
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    oaskit_codegen::go::generate_module(&api, name, Some(module))
}

/// The three largest SDKs of the corpus (GitHub's 280,000 lines of Go, Stripe's, Kubernetes'),
/// which `gofmt`, `go vet` and `go build` check on every run but staticcheck only with
/// `STATICCHECK_ALL=1`: it needs over twenty minutes of CPU for them on a shared two-core
/// machine, against under twenty seconds for the hundred other modules together.
const STATICCHECK_TOO_LARGE: [&str; 3] = [
    "specs-real-github-api-json",
    "specs-real-stripe-spec3-json",
    "specs-real-k8s-1-13-swagger-json",
];

#[test]
fn generated_modules_pass_gofmt_vet_staticcheck_and_build() {
    let staticcheck = staticcheck();
    let out_root = root().join("target/oaskit-generated/go");
    let _ = std::fs::remove_dir_all(&out_root);
    std::fs::create_dir_all(&out_root).expect("mkdir");
    let specs = corpus();
    let mut names = Vec::new();
    for spec in &specs {
        let name = common::package_name(spec);
        let module = format!("oaskit.test/{name}");
        write(&generate(spec, &name, &module), &out_root.join(&name));
        names.push(name);
    }
    assert!(
        specs.len() > 30,
        "the corpus is incomplete: {} specs",
        specs.len()
    );
    let mut work = String::from("go 1.22\n\nuse (\n");
    for n in &names {
        work.push_str(&format!("\t./{n}\n"));
    }
    work.push_str(")\n");
    let work_file = out_root.join("go.work");
    std::fs::write(&work_file, work).expect("go.work");
    let patterns: Vec<String> = names
        .iter()
        .map(|n| format!("oaskit.test/{n}/..."))
        .collect();
    let all = std::env::var_os("STATICCHECK_ALL").is_some();
    let linted: Vec<String> = names
        .iter()
        .filter(|n| all || !STATICCHECK_TOO_LARGE.iter().any(|l| n.ends_with(l)))
        .map(|n| format!("oaskit.test/{n}/..."))
        .collect();
    let mut failures = Vec::new();
    // gofmt: lists the files it would change.
    let mut gofmt = go_cmd(Path::new("gofmt"), &out_root, None);
    gofmt.arg("-l").args(&names);
    match run(gofmt, "gofmt -l") {
        Ok(listed) if listed.trim().is_empty() => {}
        Ok(listed) => failures.push(format!("gofmt -l lists files:\n{listed}")),
        Err(e) => failures.push(e),
    }
    for (program, args, what, patterns) in [
        (go(), vec!["vet"], "go vet", &patterns),
        (staticcheck.clone(), vec![], "staticcheck", &linted),
        (go(), vec!["build"], "go build", &patterns),
    ] {
        let mut cmd = go_cmd(&program, &out_root, Some(&work_file));
        cmd.args(args).args(patterns);
        if let Err(e) = run(cmd, what) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn go_mod_names_the_module_and_go_1_22() {
    let spec = root().join("specs/petstore.yaml");
    let files = generate(&spec, "petstore", "github.com/acme/petstore");
    let go_mod = &files
        .iter()
        .find(|f| f.path == "go.mod")
        .expect("go.mod")
        .contents;
    assert_eq!(go_mod, "module github.com/acme/petstore\n\ngo 1.22\n");
    let files = common::generate(oaskit_codegen::go::generate, &spec, "pet store");
    let go_mod = &files
        .iter()
        .find(|f| f.path == "go.mod")
        .expect("go.mod")
        .contents;
    assert!(go_mod.starts_with("module pet-store\n"), "{go_mod}");
    let doc = &files
        .iter()
        .find(|f| f.path == "doc.go")
        .expect("doc.go")
        .contents;
    assert!(doc.contains("\npackage petstore\n"), "{doc}");
}

#[test]
fn spec_text_never_leaves_literals_or_comments() {
    common::assert_payloads_stay_in_literals(oaskit_codegen::go::generate, ".go", |src| {
        common::code_only(src, "//")
    });
    for case in common::HOSTILE {
        let files = common::generate(
            oaskit_codegen::go::generate,
            &common::shared().join("hostile").join(case),
            "hostile",
        );
        // gofmt indents with tabs: every other hidden character is a failure.
        for f in &files {
            for (n, line) in f.contents.split('\n').enumerate() {
                if let Some(c) = line
                    .chars()
                    .find(|&c| c != '\t' && oaskit_codegen::names::is_hidden(c))
                {
                    panic!(
                        "{case}: {} line {} holds U+{:04X} raw",
                        f.path,
                        n + 1,
                        c as u32
                    );
                }
            }
        }
    }
}

/// Hostile texts for the escapers: every line break, quotes, comment ends, directives,
/// hidden and astral characters.
const TEXTS: &[&str] = &[
    "",
    "plain",
    "a\"b\\c",
    "*/ func injected() {} /*",
    "line\nbreak\r\nand\rcr\u{2028}ls\u{2029}ps\u{85}nel\u{b}vt\u{c}ff",
    "//go:generate rm -rf /",
    "\n//line evil.go:1",
    "// +build ignore",
    "\u{0}nul\u{1b}[31mansi\u{7f}del",
    "\u{202e}rtl\u{2066}isolate\u{200b}zw\u{feff}bom",
    "astral \u{1f40d} tag \u{e0041}",
    "`backtick` ${x} {{ x }} {% x %}",
    "\t  indented code\n  - list\n1. numbered\n# heading\n[link]: http://x",
    "Deprecated: not really",
];

#[test]
fn go_string_literals_read_back_exactly_and_doc_comments_are_gofmt_clean() {
    use oaskit_codegen::go::{doc_comment, string_literal};
    let dir = root().join("target/oaskit-generated/go-escapers");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut src = String::from("package main\n\nimport \"fmt\"\n\nvar texts = []string{\n");
    for t in TEXTS {
        src.push_str(&format!("\t{},\n", string_literal(t)));
    }
    src.push_str("}\n");
    for (i, t) in TEXTS.iter().enumerate() {
        let doc = doc_comment(Some(t), "");
        src.push_str(&format!(
            "\n{doc}type T{i} struct {{\n{}\tF int\n}}\n",
            doc_comment(Some(t), "\t")
        ));
    }
    src.push_str(
        "\nfunc main() {\n\tfor _, t := range texts {\n\t\tfmt.Printf(\"[%x]\\n\", t)\n\t}\n}\n",
    );
    std::fs::write(dir.join("main.go"), &src).expect("write");
    std::fs::write(dir.join("go.mod"), "module escapers\n\ngo 1.22\n").expect("write");
    let mut gofmt = go_cmd(Path::new("gofmt"), &dir, None);
    gofmt.args(["-l", "."]);
    let listed = run(gofmt, "gofmt -l").unwrap_or_else(|e| panic!("{e}"));
    assert!(listed.trim().is_empty(), "gofmt would change:\n{src}");
    let mut cmd = go_cmd(&go(), &dir, None);
    cmd.args(["run", "."]);
    let out = run(cmd, "go run").unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<&str> = out.lines().collect();
    let want: Vec<String> = TEXTS
        .iter()
        .map(|t| {
            format!(
                "[{}]",
                t.bytes().map(|b| format!("{b:02x}")).collect::<String>()
            )
        })
        .collect();
    assert_eq!(got, want, "the literals do not read back as their text");
}

#[test]
fn checked_in_modules_match_the_generator() {
    common::check_in_sync(oaskit_codegen::go::generate, "go", &[]);
}

/// A definition with one listing per paging style: a recognized cursor, a next-link declared
/// by `x-ms-pageable` on a `2XX` page beside an exact `201`, a `Link` header over an array of
/// date-times, and page and offset parameters declared by `x-pagination`.
const PAGING_SPEC: &str = r#"openapi: 3.1.0
info: {title: Paging, version: 1.0.0}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /cursor:
    get:
      operationId: byCursor
      parameters:
        - {name: page_token, in: query, schema: {type: string}}
      responses:
        '200':
          description: A page
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                  next_page_token: {type: string}
  /url:
    get:
      operationId: byUrl
      x-ms-pageable: {nextLinkName: nextLink, itemName: value}
      responses:
        '201': {description: Created}
        '2XX':
          description: A page
          content:
            application/json:
              schema:
                type: object
                properties:
                  value: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                  nextLink: {type: [string, 'null']}
  /link:
    get:
      operationId: byLink
      responses:
        '200':
          description: A page
          headers:
            Link: {schema: {type: string}}
          content:
            application/json:
              schema: {type: array, items: {type: string, format: date-time}}
  /page:
    get:
      operationId: byPage
      x-pagination:
        type: offsetLimit
        inputs: [{name: p, in: parameters, type: page}]
        outputs: {results: $.items}
      parameters:
        - {name: p, in: query, schema: {type: integer, default: 3}}
      responses:
        '200':
          description: A page
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {$ref: '#/components/schemas/Thing'}}
  /offset:
    get:
      operationId: byOffset
      x-pagination:
        type: offsetLimit
        inputs: [{name: skip, in: parameters, type: offset}]
      parameters:
        - {name: skip, in: query, schema: {type: integer}}
      responses:
        '200':
          description: A page
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: integer}
"#;

#[test]
fn every_paging_style_has_a_pager_that_passes_gofmt_vet_and_staticcheck() {
    let dir = root().join("target/oaskit-generated/go-paging");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let spec = dir.join("paging.yaml");
    std::fs::write(&spec, PAGING_SPEC).expect("spec");
    let files = generate(&spec, "paging", "example.com/paging");
    let ops = &files
        .iter()
        .find(|f| f.path == "operations.go")
        .expect("operations.go")
        .contents;
    for want in [
        "func (c *Client) ByCursorPages(params ByCursorParams) *Pager[*ByCursorResponse, Thing]",
        "style: pageCursor, param: \"page_token\", items: []string{\"data\"}, next: []string{\"next_page_token\"}",
        "style: pageNextURL, items: []string{\"value\"}, next: []string{\"nextLink\"}, isPage: func(status int) bool { return status >= 200 && status <= 299 && status != 201 }",
        "func (c *Client) ByLinkPages() *Pager[*ByLinkResponse, string]",
        "style: pageLinkHeader, isPage",
        "style: pageNumber, param: \"p\", items: []string{\"items\"}, start: 3,",
        "style: pageOffset, param: \"skip\", isPage",
        "Declared by the definition: extension `x-ms-pageable`.",
    ] {
        assert!(ops.contains(want), "{want} is not in:\n{ops}");
    }
    assert!(files.iter().any(|f| f.path == "paging.go"));
    let module = dir.join("module");
    write(&files, &module);
    let mut gofmt = go_cmd(Path::new("gofmt"), &module, None);
    gofmt.args(["-l", "."]);
    let listed = run(gofmt, "gofmt").unwrap_or_else(|e| panic!("{e}"));
    assert!(listed.trim().is_empty(), "gofmt lists {listed}");
    let mut vet = go_cmd(&go(), &module, None);
    vet.args(["vet", "./..."]);
    run(vet, "go vet").unwrap_or_else(|e| panic!("{e}"));
    let mut sc = go_cmd(&staticcheck(), &module, None);
    sc.arg("./...");
    run(sc, "staticcheck").unwrap_or_else(|e| panic!("{e}"));
    // Without a paginated operation there is no pager and no paging runtime.
    let petstore = generate(
        &root().join("specs/petstore.yaml"),
        "petstore",
        "example.com/petstore",
    );
    assert!(!petstore.iter().any(|f| f.path == "paging.go"));
    let runtime = &petstore
        .iter()
        .find(|f| f.path == "runtime.go")
        .expect("runtime.go")
        .contents;
    assert!(!runtime.contains("url string") && !runtime.contains("r.url"));
    assert!(!petstore.iter().any(|f| f.contents.contains("Pager[")));
}
