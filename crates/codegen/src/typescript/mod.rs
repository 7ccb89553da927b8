//! The TypeScript backend: an ES module package on the platform `fetch`, with no runtime
//! dependency, that passes `tsc --strict` with `noUncheckedIndexedAccess` and
//! `exactOptionalPropertyTypes`. Names are computed here; the askama templates lay out text.

mod escape;

use std::collections::{BTreeMap, HashSet};

use askama::Template;
use serde_json::Value;

use crate::ir::{
    Api, Auth, BodyKind, Location, Operation, StatusMatch, TypeDef, TypeKind, TypeRef,
};
use crate::GeneratedFile;
pub use escape::{
    camel, comment_text, doc_comment, package_name, pascal_ident, property_key, string_literal,
    RESERVED_METHODS, RESERVED_TYPES,
};

/// Enums with more values than this become plain `string` / `number`.
const MAX_ENUM_VALUES: usize = 2_000;

#[derive(Template)]
#[template(path = "typescript/package.json.txt", escape = "none")]
struct PackageJson<'a> {
    package_name: &'a str,
    description: &'a str,
}

#[derive(Template)]
#[template(path = "typescript/client.ts.txt", escape = "none")]
struct ClientTs<'a> {
    title_comment: &'a str,
    types_import: &'a str,
    base_url: &'a str,
    schemes: &'a str,
    /// Rendered result and argument types, one entry per operation.
    results: &'a [String],
    /// Rendered client methods.
    operations: &'a [String],
}

#[derive(Template)]
#[template(path = "typescript/index.ts.txt", escape = "none")]
struct IndexTs<'a> {
    title_comment: &'a str,
}

#[derive(Template)]
#[template(path = "typescript/README.md.txt", escape = "none")]
struct Readme<'a> {
    package_name: &'a str,
    title_doc: &'a str,
    example: &'a str,
}

/// Renders a template; rendering only writes strings, so it cannot fail.
fn render(t: &impl Template) -> String {
    t.render().unwrap_or_default()
}

#[derive(Template)]
#[template(path = "typescript/types.ts.txt", escape = "none")]
struct TypesTs<'a> {
    title_comment: &'a str,
    /// Rendered named types.
    items: &'a [String],
}

/// An interface (`templates/typescript/type.ts.txt`).
#[derive(Template)]
#[template(path = "typescript/type.ts.txt", escape = "none")]
struct InterfaceView {
    /// JSDoc (escaped), possibly empty.
    doc: String,
    ident: String,
    fields: Vec<FieldView>,
    /// Whether other properties are allowed.
    additional: bool,
}

/// A property of an interface.
struct FieldView {
    doc: String,
    read_only: bool,
    /// The property key: an identifier or a string literal.
    key: String,
    required: bool,
    ty: String,
}

/// A union of literals (`templates/typescript/enum.ts.txt`).
#[derive(Template)]
#[template(path = "typescript/enum.ts.txt", escape = "none")]
struct EnumView {
    doc: String,
    ident: String,
    /// The values as literals, distinct; empty: the `fallback` type.
    values: Vec<String>,
    fallback: &'static str,
}

/// A union type (`templates/typescript/union.ts.txt`).
#[derive(Template)]
#[template(path = "typescript/union.ts.txt", escape = "none")]
struct UnionView {
    doc: String,
    ident: String,
    members: Vec<MemberView>,
}

/// A member of a union.
struct MemberView {
    ty: String,
    /// The discriminator (property key, value literal) naming this member.
    tag: Option<(String, String)>,
}

/// `export type X = Y;` (`templates/typescript/alias.ts.txt`).
#[derive(Template)]
#[template(path = "typescript/alias.ts.txt", escape = "none")]
struct AliasView {
    doc: String,
    ident: String,
    target: String,
}

/// An operation's result union and argument interface (`templates/typescript/result.ts.txt`).
#[derive(Template)]
#[template(path = "typescript/result.ts.txt", escape = "none")]
struct ResultView<'a> {
    method: &'a str,
    result_ident: &'a str,
    args_ident: &'a str,
    responses: &'a [ResponseView],
    fields: &'a [ArgView],
    body: Option<&'a BodyView>,
}

/// One documented response.
struct ResponseView {
    /// The first line of its description as JSDoc, indented; possibly empty.
    doc: String,
    matched: StatusMatch,
    /// The body type.
    body: Option<String>,
    read: Option<Read>,
}

/// How a response body is read.
enum Read {
    /// JSON, cast to the type.
    Json(String),
    Text,
    Blob,
}

/// A property of the arguments interface.
struct ArgView {
    doc: String,
    key: String,
    required: bool,
    ty: String,
}

/// A parameter as `rt.send` takes it.
struct ParamView {
    /// Wire name and style as string literals.
    wire: String,
    location: &'static str,
    style: String,
    explode: bool,
    /// The property of `args`.
    key: String,
}

/// The request body.
struct BodyView {
    /// The media type for the doc line's code span.
    shown: String,
    required: bool,
    ty: String,
    /// The media type as a string literal.
    media_type: String,
    kind: &'static str,
}

/// One client method (`templates/typescript/operation.ts.txt`).
#[derive(Template)]
#[template(path = "typescript/operation.ts.txt", escape = "none")]
struct OperationView<'a> {
    doc: String,
    method: &'a str,
    has_args: bool,
    all_optional: bool,
    args_ident: &'a str,
    result_ident: &'a str,
    /// The HTTP method and path template as string literals.
    http_method: String,
    path: String,
    params: Vec<ParamView>,
    body: Option<&'a BodyView>,
    /// Security alternatives: lists of scheme names as string literals.
    security: Vec<Vec<String>>,
    exact: Vec<&'a ResponseView>,
    ranges: Vec<&'a ResponseView>,
    fallbacks: Vec<&'a ResponseView>,
}

/// The `SCHEMES` table of the client (`templates/typescript/auth.ts.txt`).
#[derive(Template)]
#[template(path = "typescript/auth.ts.txt", escape = "none")]
struct AuthView {
    schemes: Vec<SchemeView>,
}

/// A security scheme.
struct SchemeView {
    /// The scheme name as a string literal.
    name: String,
    kind: SchemeKind,
}

/// How a scheme sends credentials.
enum SchemeKind {
    /// An API key: `header`, `query` or `cookie`, and its name as a string literal.
    ApiKey(&'static str, String),
    Basic,
    Bearer,
}

struct Ctx {
    idents: Vec<String>,
    /// (alias, target) references that would make a circular type alias.
    cyclic: HashSet<(usize, usize)>,
}

fn literal(v: &Value) -> String {
    match v {
        Value::String(s) => string_literal(s),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        _ => "unknown".into(),
    }
}

impl Ctx {
    /// The TypeScript type of a reference; `owner` is the alias or union using it, if any;
    /// `prefix` qualifies named types (`types.` outside the types file).
    fn ty(&self, t: &TypeRef, owner: Option<usize>, prefix: &str) -> String {
        match t {
            TypeRef::String(_) | TypeRef::Binary => "string".into(),
            TypeRef::Integer(_) | TypeRef::Number => "number".into(),
            TypeRef::Boolean => "boolean".into(),
            TypeRef::Any => "unknown".into(),
            TypeRef::Literal(v) => literal(v),
            TypeRef::Array(x) => {
                let inner = self.ty(x, None, prefix);
                if inner.contains(' ') {
                    format!("({inner})[]")
                } else {
                    format!("{inner}[]")
                }
            }
            TypeRef::Map(x) => format!("{{ [key: string]: {} }}", self.ty(x, None, prefix)),
            TypeRef::Nullable(x) => {
                let inner = self.ty(x, owner, prefix);
                if inner == "unknown" || inner == "null" {
                    inner
                } else {
                    format!("{inner} | null")
                }
            }
            TypeRef::Named(i) => match owner {
                Some(o) if self.cyclic.contains(&(o, *i)) => "unknown".into(),
                _ => format!("{prefix}{}", self.idents[*i]),
            },
        }
    }

    /// Named type `i`, rendered by its construct's template.
    fn type_def(&self, i: usize, t: &TypeDef) -> String {
        let ident = self.idents[i].clone();
        let doc = doc_comment(t.doc.as_deref(), "");
        match &t.kind {
            TypeKind::Struct { fields, additional } => {
                let mut seen = HashSet::new();
                let fields = fields
                    .iter()
                    .filter(|f| seen.insert(f.wire.as_str()))
                    .map(|f| FieldView {
                        doc: doc_comment(f.doc.as_deref(), "  "),
                        read_only: f.read_only,
                        key: property_key(&f.wire),
                        required: f.required,
                        ty: self.ty(&f.ty, None, ""),
                    })
                    .collect();
                render(&InterfaceView {
                    doc,
                    ident,
                    fields,
                    additional: additional.is_some(),
                })
            }
            TypeKind::Enum { values, strings } => {
                let values = if values.len() > MAX_ENUM_VALUES {
                    Vec::new()
                } else {
                    let mut seen = HashSet::new();
                    values
                        .iter()
                        .map(|v| literal(&v.wire))
                        .filter(|v| seen.insert(v.clone()))
                        .collect()
                };
                render(&EnumView {
                    doc,
                    ident,
                    values,
                    fallback: if *strings { "string" } else { "number" },
                })
            }
            TypeKind::Union {
                variants,
                discriminator,
            } => {
                let members = variants
                    .iter()
                    .enumerate()
                    .map(|(k, (_, v))| {
                        let tag = match discriminator {
                            Some((prop, tags)) if matches!(v, TypeRef::Named(_)) => tags
                                .get(k)
                                .map(|tag| (property_key(prop), string_literal(tag))),
                            _ => None,
                        };
                        MemberView {
                            ty: self.ty(v, Some(i), ""),
                            tag,
                        }
                    })
                    .collect();
                render(&UnionView {
                    doc,
                    ident,
                    members,
                })
            }
            TypeKind::Alias(a) => render(&AliasView {
                doc,
                ident,
                target: self.ty(a, Some(i), ""),
            }),
        }
    }

    /// The argument type of a body: what a caller passes for it.
    fn body_ty(&self, kind: &BodyKind, ty: &TypeRef) -> String {
        match (kind, ty) {
            (BodyKind::Binary, _) | (_, TypeRef::Binary) => "Blob | string".into(),
            (BodyKind::Text, _) => "string".into(),
            _ => self.ty(ty, None, "types."),
        }
    }

    /// An operation with method name `method`: (the client method, its result and argument
    /// types).
    fn operation(&self, op: &Operation, method: &str) -> (String, String) {
        let base = pascal_ident(&op.name);
        let args_ident = format!("{base}Args");
        let result_ident = format!("{base}Result");
        let responses: Vec<ResponseView> = op
            .responses
            .iter()
            .map(|r| {
                let (body, read) =
                    match (&r.ty, r.media_type.as_deref().map(crate::build::body_kind)) {
                        (Some(t), Some(BodyKind::Json)) => {
                            let t = self.ty(t, None, "types.");
                            (Some(t.clone()), Some(Read::Json(t)))
                        }
                        (Some(_), Some(BodyKind::Text)) => {
                            (Some("string".to_string()), Some(Read::Text))
                        }
                        (Some(_), _) => (Some("Blob".to_string()), Some(Read::Blob)),
                        (None, _) => (None, None),
                    };
                let doc = r
                    .doc
                    .as_deref()
                    .and_then(|d| d.lines().next())
                    .filter(|d| !d.trim().is_empty())
                    .map(|d| doc_comment(Some(d), "  "))
                    .unwrap_or_default();
                ResponseView {
                    doc,
                    matched: r.status_match(),
                    body,
                    read,
                }
            })
            .collect();
        // Arguments.
        let mut used: HashSet<String> = HashSet::from(["body".to_string()]);
        let mut fields = Vec::new();
        let mut params = Vec::new();
        for p in &op.params {
            let mut key = camel(&p.name);
            while !used.insert(key.clone()) {
                key.push('_');
            }
            fields.push(ArgView {
                doc: doc_comment(p.doc.as_deref(), "  "),
                key: key.clone(),
                required: p.required,
                ty: self.ty(&p.ty, None, "types."),
            });
            params.push(ParamView {
                wire: string_literal(&p.wire),
                location: p.location.as_str(),
                style: string_literal(&p.style),
                explode: p.explode,
                key,
            });
        }
        let body = op.body.as_ref().map(|b| BodyView {
            // A code span: no backtick, no comment end, no hidden character.
            shown: comment_text(&b.media_type)
                .replace(['`', '*', '/'], " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("/"),
            required: b.required,
            ty: self.body_ty(&b.kind, &b.ty),
            media_type: string_literal(&b.media_type),
            kind: b.kind.as_str(),
        });
        let has_args = !fields.is_empty() || body.is_some();
        let all_optional =
            op.params.iter().all(|p| !p.required) && op.body.as_ref().is_none_or(|b| !b.required);
        let types = render(&ResultView {
            method,
            result_ident: &result_ident,
            args_ident: &args_ident,
            responses: &responses,
            fields: &fields,
            body: body.as_ref(),
        });
        let mut doc = op.doc.clone().unwrap_or_default();
        doc.push_str(&format!(
            "\n\n`{} {}`",
            op.method,
            op.path.replace('`', "'")
        ));
        if op.deprecated {
            doc.push_str("\n\n@deprecated");
        }
        let security = op
            .security
            .iter()
            .map(|alt| alt.iter().map(|s| string_literal(s)).collect())
            .collect();
        let by_match = |f: fn(&StatusMatch) -> bool| -> Vec<&ResponseView> {
            responses.iter().filter(|r| f(&r.matched)).collect()
        };
        let text = render(&OperationView {
            doc: doc_comment(Some(&doc), "  "),
            method,
            has_args,
            all_optional,
            args_ident: &args_ident,
            result_ident: &result_ident,
            http_method: string_literal(&op.method),
            path: string_literal(&op.path),
            params,
            body: body.as_ref(),
            security,
            exact: by_match(|m| matches!(m, StatusMatch::Exact(_))),
            ranges: by_match(|m| matches!(m, StatusMatch::Range(..))),
            fallbacks: by_match(|m| matches!(m, StatusMatch::Default)),
        });
        (text, types)
    }
}

/// Generates the package `package_name` (lower case, `-` allowed) for `api`.
#[must_use]
pub fn generate(api: &Api, package_name: &str) -> Vec<GeneratedFile> {
    let package_name = escape::package_name(package_name);
    let mut idents = Vec::with_capacity(api.types.len());
    let mut used: HashSet<String> = RESERVED_TYPES.iter().map(|g| g.to_string()).collect();
    for t in &api.types {
        let mut id = pascal_ident(&t.name);
        while !used.insert(id.clone()) {
            id.push('_');
        }
        idents.push(id);
    }
    let ctx = Ctx {
        idents,
        cyclic: crate::graph::alias_cycles(api),
    };
    let title_comment = comment_text(&api.title);
    let items: Vec<String> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| ctx.type_def(i, t))
        .collect();
    let types = render(&TypesTs {
        title_comment: &title_comment,
        items: &items,
    });
    let mut ops = Vec::with_capacity(api.operations.len());
    let mut results = Vec::with_capacity(api.operations.len());
    let mut methods: HashSet<String> = RESERVED_METHODS.iter().map(|m| m.to_string()).collect();
    let mut first_call = None;
    for op in &api.operations {
        let mut method = camel(&op.name);
        while !methods.insert(method.clone()) {
            method.push('_');
        }
        if first_call.is_none() && op.params.iter().all(|p| !p.required) && op.body.is_none() {
            first_call = Some(method.clone());
        }
        let (text, types) = ctx.operation(op, &method);
        ops.push(text);
        results.push(types);
    }
    let schemes = api
        .auth
        .iter()
        .map(|a| match a {
            Auth::ApiKey {
                scheme,
                location,
                name,
            } => SchemeView {
                name: string_literal(scheme),
                kind: SchemeKind::ApiKey(
                    match location {
                        Location::Query => "query",
                        Location::Cookie => "cookie",
                        _ => "header",
                    },
                    string_literal(name),
                ),
            },
            Auth::Basic { scheme } => SchemeView {
                name: string_literal(scheme),
                kind: SchemeKind::Basic,
            },
            Auth::Bearer { scheme } => SchemeView {
                name: string_literal(scheme),
                kind: SchemeKind::Bearer,
            },
        })
        .collect();
    let schemes = render(&AuthView { schemes });
    let base = api.default_base_url();
    let uses_types = ops.iter().chain(&results).any(|t| t.contains("types."));
    let mut files = BTreeMap::new();
    files.insert(
        "package.json".to_string(),
        PackageJson {
            package_name: &crate::manifest::json_string(&package_name),
            description: &crate::manifest::json_string(&format!(
                "Client for {}",
                title_comment.trim()
            )),
        }
        .render()
        .unwrap_or_default(),
    );
    files.insert(
        "tsconfig.json".to_string(),
        include_str!("../../templates/typescript/tsconfig.json.txt").to_string(),
    );
    files.insert(
        "src/client.ts".to_string(),
        ClientTs {
            title_comment: &title_comment,
            types_import: if uses_types {
                "import type * as types from \"./types.js\";"
            } else {
                ""
            },
            base_url: &string_literal(&base),
            schemes: &schemes,
            results: &results,
            operations: &ops,
        }
        .render()
        .unwrap_or_default(),
    );
    files.insert("src/types.ts".to_string(), types);
    files.insert(
        "src/index.ts".to_string(),
        IndexTs {
            title_comment: &title_comment,
        }
        .render()
        .unwrap_or_default(),
    );
    files.insert(
        "src/runtime.ts".to_string(),
        include_str!("../../templates/typescript/runtime.ts.txt").to_string(),
    );
    let example = first_call
        .map(|m| {
            format!("const result = await client.{m}();\nif (result.status === 200) console.log(result.body);\n")
        })
        .unwrap_or_default();
    let title_doc: String = title_comment
        .chars()
        .filter(|c| !matches!(c, '`' | '<' | '>' | '[' | ']'))
        .collect();
    files.insert(
        "README.md".to_string(),
        Readme {
            package_name: &package_name,
            title_doc: &title_doc,
            example: &example,
        }
        .render()
        .unwrap_or_default(),
    );
    files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect()
}
