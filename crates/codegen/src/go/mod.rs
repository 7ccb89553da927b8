//! The Go backend: a module on the standard library only (net/http, encoding/json,
//! mime/multipart), for Go 1.22 or later, that passes `gofmt -l`, `go vet` and `staticcheck`.
//! Names are computed here; the askama templates lay out text.
//!
//! The package: `go.mod`, `README.md`, `doc.go` (the package comment), `client.go` (the
//! `Client` with its options and `APIError`), `optional.go` (`Nullable[T]` and `Ptr`),
//! `types.go` (the named types), and, when the definition has operations, `operations.go`
//! (methods, params and response structs) and `runtime.go` (serialization); `codec.go` when a
//! type reads or writes JSON field by field or is a union; `paging.go` (the `Pager` of
//! listings) when an operation is paginated.
//!
//! Every identifier derived from the definition is exported: types, constants and the params
//! and response types share one package-level namespace, deduplicated case-insensitively with
//! [`names::Unique`](crate::names::Unique) after the package's own names
//! ([`RESERVED_TYPES`]), with a number added on a collision as the other backends do (the
//! model's `name-collision` warnings name the collisions of the definition's own names).

mod escape;
mod operations;
mod paging;
mod types;

use std::collections::BTreeMap;

use askama::Template;

use crate::ir::{Api, Auth, Location, TypeKind};
use crate::names::Unique;
use crate::GeneratedFile;
pub use escape::{
    comment_text, doc_comment, field_ident, is_module_path, module_path, package_name,
    pascal_ident, string_literal, KEYWORDS, PREDECLARED, RESERVED_FIELDS, RESERVED_METHODS,
    RESERVED_TYPES,
};

/// Renders a template; rendering only writes strings, so it cannot fail.
fn render(t: &impl Template) -> String {
    t.render().unwrap_or_default()
}

/// Renders a whole file: one line break at the end, as gofmt writes it.
fn file(t: &impl Template) -> String {
    let mut s = render(t);
    let end = s.trim_end().len();
    s.truncate(end);
    s.push('\n');
    s
}

#[derive(Template)]
#[template(path = "go/go.mod.txt", escape = "none")]
struct GoMod<'a> {
    module: &'a str,
}

#[derive(Template)]
#[template(path = "go/doc.go.txt", escape = "none")]
struct DocGo<'a> {
    package: &'a str,
    doc: &'a str,
}

#[derive(Template)]
#[template(path = "go/README.md.txt", escape = "none")]
struct Readme<'a> {
    package: &'a str,
    module: &'a str,
    title_doc: &'a str,
    example: &'a str,
    /// Whether an operation has a pager.
    paging: bool,
}

/// A security scheme, as `schemeOf` returns it.
struct SchemeView {
    /// The scheme name as a string literal.
    name: String,
    kind: &'static str,
    location: &'static str,
    /// The header, query parameter or cookie name of an API key, as a string literal.
    key_name: String,
}

#[derive(Template)]
#[template(path = "go/client.go.txt", escape = "none")]
struct ClientGo<'a> {
    package: &'a str,
    base_url: &'a str,
    has_operations: bool,
    schemes: Vec<SchemeView>,
    /// The API key schemes' names, for a comment.
    api_keys: String,
}

#[derive(Template)]
#[template(path = "go/types.go.txt", escape = "none")]
struct TypesGo<'a> {
    package: &'a str,
    title: &'a str,
    items: &'a [String],
}

#[derive(Template)]
#[template(path = "go/operations.go.txt", escape = "none")]
struct OperationsGo<'a> {
    package: &'a str,
    operations: &'a [String],
}

#[derive(Template)]
#[template(path = "go/runtime.go.txt", escape = "none")]
struct RuntimeGo<'a> {
    package: &'a str,
    decodes: bool,
    /// Whether an operation has a pager (`paging.go`).
    paging: bool,
    /// Whether a response documents headers (read typed).
    headers: bool,
}

#[derive(Template)]
#[template(path = "go/paging.go.txt", escape = "none")]
struct PagingGo<'a> {
    package: &'a str,
}

#[derive(Template)]
#[template(path = "go/optional.go.txt", escape = "none")]
struct OptionalGo<'a> {
    package: &'a str,
}

#[derive(Template)]
#[template(path = "go/codec.go.txt", escape = "none")]
struct CodecGo<'a> {
    package: &'a str,
    objects: bool,
    unions: bool,
    discriminators: bool,
}

/// Generates the module for `api`: `name` gives the package name and the module path.
#[must_use]
pub fn generate(api: &Api, name: &str) -> Vec<GeneratedFile> {
    generate_module(api, name, None)
}

/// [`generate`] with the module path `module` (`--module`) when it is a valid one
/// ([`is_module_path`]); else the path is `name`'s slug.
#[must_use]
pub fn generate_module(api: &Api, name: &str, module: Option<&str>) -> Vec<GeneratedFile> {
    let package = package_name(name);
    let module = module_path(module, name);
    // One package-level namespace: the package's own names, then types, enum constants,
    // then the params and response types of operations.
    let mut pkg = Unique::default();
    for r in RESERVED_TYPES {
        pkg.take(r);
    }
    let idents: Vec<String> = api
        .types
        .iter()
        .map(|t| pkg.take(&pascal_ident(&t.name)).0)
        .collect();
    let consts: Vec<Vec<String>> = api
        .types
        .iter()
        .zip(&idents)
        .map(|(t, ident)| match &t.kind {
            TypeKind::Enum { values, .. } if values.len() <= 2_000 => values
                .iter()
                .map(|v| pkg.take(&format!("{ident}{}", field_ident(&v.name))).0)
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let types = types::Types::new(api, idents, consts);
    let mut flags = types::Flags::default();
    let items: Vec<String> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (text, f) = types.render(i, t);
            flags.add(f);
            text
        })
        .collect();
    let mut methods = Unique::default();
    for r in RESERVED_METHODS {
        methods.take(r);
    }
    let mut ops = Vec::with_capacity(api.operations.len());
    let mut decodes = false;
    let mut paged = false;
    let mut headers = false;
    let mut example = String::new();
    let names: Vec<(String, String, String)> = api
        .operations
        .iter()
        .map(|op| {
            let method = methods.take(&field_ident(&op.name)).0;
            let params_ident = pkg.take(&format!("{method}Params")).0;
            let response_ident = pkg.take(&format!("{method}Response")).0;
            (method, params_ident, response_ident)
        })
        .collect();
    // Pager methods after every operation's: paging never renames an operation.
    let pagers: Vec<Option<String>> = api
        .operations
        .iter()
        .zip(&names)
        .map(|(op, (method, _, _))| {
            op.pagination
                .as_ref()
                .map(|_| methods.take(&format!("{method}Pages")).0)
        })
        .collect();
    for ((op, (method, params_ident, response_ident)), pages) in
        api.operations.iter().zip(&names).zip(&pagers)
    {
        let (text, d, p, h) = operations::render_operation(
            &types,
            op,
            method,
            (params_ident, response_ident),
            pages.as_deref(),
        );
        decodes |= d;
        paged |= p;
        headers |= h;
        if example.is_empty() && op.params.iter().all(|p| !p.required) && op.body.is_none() {
            let args = if op.params.is_empty() {
                String::new()
            } else {
                format!(", {package}.{params_ident}{{}}")
            };
            example = format!(
                "res, err := client.{method}(context.Background(){args})\nif err != nil {{\n\tlog.Fatal(err)\n}}\nfmt.Println(res.StatusCode)\n"
            );
        }
        ops.push(text);
    }
    let schemes: Vec<SchemeView> = api
        .auth
        .iter()
        .map(|a| match a {
            Auth::ApiKey {
                scheme,
                location,
                name,
            } => SchemeView {
                name: string_literal(scheme),
                kind: "schemeAPIKey",
                location: match location {
                    Location::Query => "inQuery",
                    Location::Cookie => "inCookie",
                    _ => "inHeader",
                },
                key_name: string_literal(name),
            },
            Auth::Basic { scheme } => SchemeView {
                name: string_literal(scheme),
                kind: "schemeBasic",
                location: "inHeader",
                key_name: "\"\"".into(),
            },
            Auth::Bearer { scheme } => SchemeView {
                name: string_literal(scheme),
                kind: "schemeBearer",
                location: "inHeader",
                key_name: "\"\"".into(),
            },
        })
        .collect();
    // A scheme name given twice would be a duplicate case.
    let mut seen = std::collections::HashSet::new();
    let schemes: Vec<SchemeView> = schemes
        .into_iter()
        .filter(|s| seen.insert(s.name.clone()))
        .collect();
    let api_keys: Vec<String> = api
        .auth
        .iter()
        .filter_map(|a| match a {
            Auth::ApiKey { scheme, .. } => Some(comment_text(&string_literal(scheme))),
            _ => None,
        })
        .collect();
    let title = comment_text(&api.title);
    let mut files = BTreeMap::new();
    files.insert("go.mod".to_string(), file(&GoMod { module: &module }));
    let mut package_doc = format!(
        "Package {package} is a client for {}.",
        if title.is_empty() { "an API" } else { &title }
    );
    if let Some(d) = &api.doc {
        package_doc.push_str("\n\n");
        package_doc.push_str(d);
    }
    files.insert(
        "doc.go".to_string(),
        file(&DocGo {
            package: &package,
            doc: &doc_comment(Some(&package_doc), ""),
        }),
    );
    files.insert(
        "client.go".to_string(),
        file(&ClientGo {
            package: &package,
            base_url: &string_literal(&api.default_base_url()),
            has_operations: !ops.is_empty(),
            schemes,
            api_keys: api_keys.join(", "),
        }),
    );
    files.insert(
        "optional.go".to_string(),
        file(&OptionalGo { package: &package }),
    );
    files.insert(
        "types.go".to_string(),
        file(&TypesGo {
            package: &package,
            title: &title,
            items: &items,
        }),
    );
    if !ops.is_empty() {
        files.insert(
            "operations.go".to_string(),
            file(&OperationsGo {
                package: &package,
                operations: &ops,
            }),
        );
        files.insert(
            "runtime.go".to_string(),
            file(&RuntimeGo {
                package: &package,
                decodes,
                paging: paged,
                headers,
            }),
        );
    }
    if paged {
        files.insert(
            "paging.go".to_string(),
            file(&PagingGo { package: &package }),
        );
    }
    if flags.objects || flags.unions {
        files.insert(
            "codec.go".to_string(),
            file(&CodecGo {
                package: &package,
                objects: flags.objects,
                unions: flags.unions,
                discriminators: flags.discriminators,
            }),
        );
    }
    let title_doc: String = title
        .chars()
        .filter(|c| !matches!(c, '`' | '<' | '>' | '[' | ']' | '*' | '_'))
        .collect();
    files.insert(
        "README.md".to_string(),
        file(&Readme {
            package: &package,
            module: &module,
            title_doc: if title_doc.trim().is_empty() {
                "an API"
            } else {
                &title_doc
            },
            example: &example,
            paging: paged,
        }),
    );
    files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect()
}
