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

/// A definition with every paging style (the guessed ones included) and typed response
/// headers of every shape, for `listings_and_typed_headers_pass_clippy`.
const LISTINGS: &str = r#"
openapi: 3.1.0
info: {title: listings, version: "1"}
paths:
  /search:
    get:
      operationId: searchWithBody
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Color'}}}
      responses:
        '200':
          description: a page
          content:
            application/json:
              schema:
                type: object
                properties:
                  hits: {type: array, items: {type: integer}}
                  next_cursor: {type: string}
  /search-optional:
    get:
      operationId: searchWithOptionalBody
      requestBody:
        content: {text/plain: {schema: {type: string}}}
      responses:
        '200':
          description: a page
          headers: {Link: {schema: {type: string}}}
          content: {application/json: {schema: {type: array, items: {type: integer}}}}
  /search-bytes:
    get:
      operationId: searchWithBytes
      requestBody:
        required: true
        content: {application/octet-stream: {schema: {type: string, format: binary}}}
      responses:
        '200':
          description: a page
          headers: {Link: {schema: {type: string}}}
          content: {application/json: {schema: {type: array, items: {type: integer}}}}
  /cursor:
    get:
      operationId: byCursor
      parameters:
        - {name: page_token, in: query, required: true, schema: {type: string}}
        - {name: items, in: query, schema: {type: integer}}
        - {name: pages, in: query, schema: {type: integer}}
      responses:
        '2XX':
          description: a page
          headers:
            X-Rate-Limit: {schema: {type: integer}, required: true}
            X-Tags: {schema: {type: array, items: {type: integer}}}
            X-Shape: {schema: {type: object, properties: {w: {type: integer}, h: {type: integer}}}}
            x_rate_limit: {schema: {type: [string, 'null']}}
            type: {schema: {$ref: '#/components/schemas/Color'}}
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                  meta: {type: object, properties: {next_page_token: {type: string}}}
        '204': {description: nothing more, headers: {X-Why: {schema: {type: string}}}}
        '404':
          description: gone
          content: {application/octet-stream: {schema: {type: string, format: binary}}}
          headers: {X-Trace: {schema: {type: string}}}
        default: {description: trouble}
  /url:
    get:
      operationId: byUrl
      responses:
        '200':
          description: a page
          content:
            application/json:
              schema:
                type: object
                properties:
                  value: {type: array, items: {type: string}}
                  nextLink: {type: string, format: uri}
  /link:
    get:
      operationId: byLink
      responses:
        '200':
          description: a page
          headers: {Link: {schema: {type: string}}}
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}}}
  /page:
    get:
      operationId: byPage
      parameters:
        - {name: page, in: query, schema: {type: integer, format: int32, default: 0}}
      responses:
        '200':
          description: a page
          content: {application/json: {schema: {type: object, properties: {results: {type: array, items: {type: number}}}}}}
  /offset:
    get:
      operationId: byOffset
      parameters:
        - {name: offset, in: query, required: true, schema: {type: integer}}
      responses:
        '200':
          description: a page
          content: {application/json: {schema: {type: array, items: {type: object, additionalProperties: true}}}}
  /declared:
    get:
      operationId: declared
      x-pagination:
        type: cursor
        inputs: [{name: since, in: parameters, type: cursor}]
        outputs: {nextCursor: $.last_id, results: $.rows}
      parameters:
        - {name: since, in: query, schema: {type: integer}}
      responses:
        '200':
          description: a page
          content:
            application/json:
              schema:
                type: object
                properties:
                  rows: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                  last_id: {type: integer}
components:
  schemas:
    Color: {type: string, enum: [red, green]}
    Thing: {type: object, required: [id], properties: {id: {type: integer}, next: {$ref: '#/components/schemas/Thing'}}}
"#;

#[test]
fn listings_and_typed_headers_pass_clippy() {
    let dir = root().join("target/oaskit-generated/crates/rs-listings");
    let spec_path = root().join("target/oaskit-generated/rs-listings.yaml");
    std::fs::create_dir_all(spec_path.parent().expect("a folder")).expect("a folder");
    std::fs::write(&spec_path, LISTINGS).expect("the spec");
    let loaded = oaskit_core::load_file(
        &spec_path,
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    let doc = loaded.document.as_ref().expect("document");
    let options = oaskit_codegen::ModelOptions {
        guess_pagination: true,
        ..oaskit_codegen::ModelOptions::default()
    };
    let (api, _) = oaskit_codegen::build_with(doc, &options);
    let files = oaskit_codegen::rust::generate(&api, "rs-listings");
    let text = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.clone())
            .unwrap_or_default()
    };
    let ops = text("src/operations.rs");
    let types = text("src/types.rs");
    // One `Paginated` implementation per style, each with its helpers.
    for style in [
        "PageStyle::Cursor(&[\"meta\", \"next_page_token\"])",
        "PageStyle::NextUrl(&[\"nextLink\"])",
        "PageStyle::LinkHeader",
        "PageStyle::Page",
        "PageStyle::Offset",
        "PageStyle::Cursor(&[\"last_id\"])",
    ] {
        assert!(ops.contains(style), "{style}");
    }
    // GET with a body: helpers, the body serialized anew for each page; none for raw bytes
    // (a `reqwest::Body` is sent once).
    for builder in ["SearchWithBody<'_>", "SearchWithOptionalBody<'_>"] {
        assert!(
            ops.contains(&format!("impl crate::Paginated for {builder}")),
            "{builder}"
        );
    }
    assert!(!ops.contains("impl crate::Paginated for SearchWithBytes"));
    assert!(ops.contains("if let Some(v) = Some(&self.body) {"));
    assert!(ops.contains("if let Some(v) = self.body.as_ref() {"));
    assert_eq!(ops.matches("impl crate::Paginated for").count(), 8);
    assert_eq!(ops.matches("    pub fn pages(self)").count(), 8);
    // Guesses say so; the page number starts at the parameter's default.
    assert!(ops.contains("Guessed from the definition"));
    assert!(ops.contains("style: crate::runtime::PageStyle::Page, start: 0"));
    assert!(ops.contains("items: &[\"rows\"]"));
    // Parameters named after the helpers keep setters of their own.
    assert!(ops.contains("pub fn items_(") && ops.contains("pub fn pages_("));
    // Headers: typed, every shape, names that collide kept apart, keywords escaped.
    for field in [
        "pub x_rate_limit: Option<i64>",
        "pub x_tags: Option<Vec<i64>>",
        "pub x_shape: Option<",
        "pub x_rate_limit2: Option<String>",
        "pub r#type: Option<crate::types::Color>",
        "HeaderShape::List",
        "HeaderShape::Object",
        "pub struct ByCursorStatus204Headers",
        "pub struct ByCursorStatus404Headers",
    ] {
        assert!(types.contains(field), "{field}\n{types}");
    }
    assert!(types.contains("Status2XX(u16, crate::types::"), "{types}");
    write(&files, &dir);
    let (ok, err) = cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"]);
    assert!(ok && err.trim().is_empty(), "{err}");
}
