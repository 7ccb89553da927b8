//! The TypeScript backend: an ES module package on the platform `fetch`, with no runtime
//! dependency, that passes `tsc --strict` with `noUncheckedIndexedAccess` and
//! `exactOptionalPropertyTypes`. Names are computed here; the askama templates lay out text.

mod escape;
mod surface;

use std::collections::{BTreeMap, HashSet};

use askama::Template;
use serde_json::Value;

use crate::ir::{
    Api, Auth, BodyKind, Location, Operation, PageStyle, Pagination, StatusMatch, TypeDef,
    TypeKind, TypeRef,
};
use crate::paging::doc;
use crate::GeneratedFile;
pub use escape::{
    camel, comment_text, doc_comment, package_name, pascal_ident, property_key, string_literal,
    RESERVED_METHODS, RESERVED_TYPES,
};
pub use surface::surface;

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
    decode_import: &'a str,
    base_url: &'a str,
    servers: &'a [ServerView],
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
    /// Whether an operation has listing helpers.
    paginated: bool,
}

/// Renders a template; rendering only writes strings, so it cannot fail.
fn render(t: &impl Template) -> String {
    t.render().unwrap_or_default()
}

#[derive(Template)]
#[template(path = "typescript/types.ts.txt", escape = "none")]
struct TypesTs<'a> {
    title_comment: &'a str,
    /// Whether a type mentions the runtime (`rt.Unknown`).
    uses_rt: bool,
    /// Rendered named types.
    items: &'a [String],
}

/// The decoders, one per named type (`templates/typescript/decode.ts.txt`).
#[derive(Template)]
#[template(path = "typescript/decode.ts.txt", escape = "none")]
struct DecodeTs<'a> {
    title_comment: &'a str,
    /// (identifier, decoder expression) per named type.
    items: &'a [(String, String)],
}

/// A server of the `SERVERS` table.
struct ServerView {
    /// The URL template as a string literal.
    url: String,
    /// The description as a string literal.
    doc: Option<String>,
    variables: Vec<VariableView>,
}

/// A server variable.
struct VariableView {
    /// Name, default and description as string literals.
    name: String,
    default: String,
    doc: Option<String>,
    /// The name as a property key.
    key: String,
    /// The allowed values as string literals.
    values: Vec<String>,
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
    /// The `rt.Unknown` type of values the variants do not cover: the object of an unknown
    /// tag (tagged unions) or any value matching no variant; None without variants.
    unknown: Option<&'static str>,
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
    /// The `status` type: the code, `"2XX"` or `"default"`.
    status: String,
    /// The `code` type: the code or `number`.
    code: String,
    /// The `ok` type: `true`, `false` or `boolean`.
    ok: &'static str,
    /// The body type.
    body: Option<String>,
    /// The type of `typedHeaders`, when the response documents headers.
    headers: Option<String>,
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
    /// The schema's default as an expression.
    default: Option<String>,
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
    /// The `rt.Documented` entries.
    documented: Vec<String>,
}

/// The listing helpers of a paginated operation (`templates/typescript/paging.ts.txt`):
/// `{method}Pages` yields the bodies of the pages, `{method}All` their items.
#[derive(Template)]
#[template(path = "typescript/paging.ts.txt", escape = "none")]
struct PagingView<'a> {
    pages_doc: String,
    all_doc: String,
    /// The helpers' names.
    pages: &'a str,
    all: &'a str,
    /// The operation's method.
    method: &'a str,
    /// The helpers' parameters, as the operation method's.
    signature: String,
    /// The page body and item types.
    body_ty: String,
    item_ty: String,
    /// The arguments' type for `rt.pages`, the arguments value, and the `send` callback's
    /// parameters and call arguments.
    args_ty: String,
    args_value: &'static str,
    send_params: &'static str,
    send_args: &'static str,
    /// The arguments `{method}All` passes to `{method}Pages`.
    call_args: &'static str,
    /// The `rt.Paging` table.
    paging: String,
    /// The items' field path, as string literals.
    items: Vec<String>,
}

/// The names of a paginated operation's helpers: (pages, all).
type PagingNames = (String, String);

/// A name or field path as a doc comment's code span (see [`crate::paging::doc`]).
fn code_span(text: &str) -> String {
    format!("`{}`", comment_text(&doc::tick_safe(text)))
}

/// The doc comment lines telling how an operation pages and how that is known; `key` is the
/// property of the arguments that carries the cursor, page or offset parameter.
fn paging_text(p: &Pagination, key: Option<&str>) -> String {
    // `page_token` (argument `pageToken`), or `page` when both are the same.
    let param = |wire: &str| match key {
        Some(k) if k != wire => format!("parameter {} (argument `{k}`)", code_span(wire)),
        _ => format!("parameter {}", code_span(wire)),
    };
    doc::explain(p, &paging_words(&param))
}

/// The TypeScript words, with `param` naming the paging parameter.
fn paging_words<'a>(param: &'a dyn Fn(&str) -> String) -> doc::Words<'a> {
    doc::Words {
        code: &code_span,
        ..doc::Words::ticked(param, "is refused (`PaginationError`)")
    }
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
    /// The public names of types, members, methods and arguments.
    names: crate::surface::Surface,
    /// (alias, target) references that would make a circular type alias.
    cyclic: HashSet<(usize, usize)>,
    /// How a response header's text maps to each named type (see [`Ctx::header_shape`]).
    named_shapes: Vec<&'static str>,
}

/// How a header's text maps to named type `i` of `api`: `list`, `object` (names and values)
/// or `scalar`, through aliases (at most 16).
fn named_shape(api: &Api, i: usize) -> &'static str {
    let mut ty = TypeRef::Named(i);
    for _ in 0..16 {
        match ty {
            TypeRef::Nullable(inner) => ty = *inner,
            TypeRef::Array(_) => return "list",
            TypeRef::Map(_) => return "object",
            TypeRef::Named(j) => match api.types.get(j).map(|t| &t.kind) {
                Some(TypeKind::Alias(inner)) => ty = inner.clone(),
                Some(TypeKind::Struct { .. }) => return "object",
                _ => return "scalar",
            },
            _ => return "scalar",
        }
    }
    "scalar"
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

/// A JSON value as a JavaScript expression (strings as escaped literals, keys quoted).
fn js_value(v: &Value) -> String {
    match v {
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(js_value).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{ {} }}",
            map.iter()
                .map(|(k, x)| format!("[{}]: {}", string_literal(k), js_value(x)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => literal(v),
    }
}

/// Whether a reference mentions a named type (its decoder then uses the decoders module).
fn names_a_type(t: &TypeRef) -> bool {
    match t {
        TypeRef::Named(_) => true,
        TypeRef::Array(x) | TypeRef::Map(x) | TypeRef::Nullable(x) => names_a_type(x),
        _ => false,
    }
}

/// Whether a union is tagged in full: every variant a named type with its tag.
fn fully_tagged(
    variants: &[(String, TypeRef)],
    discriminator: Option<&(String, Vec<String>)>,
) -> bool {
    discriminator.is_some_and(|(_, tags)| {
        !variants.is_empty()
            && tags.len() == variants.len()
            && variants.iter().all(|(_, v)| matches!(v, TypeRef::Named(_)))
    })
}

impl Ctx {
    /// The decoder expression of a reference; `owner` as in [`Ctx::ty`]; `prefix` qualifies
    /// named decoders (`d.` outside the decoders file).
    fn dec(&self, t: &TypeRef, owner: Option<usize>, prefix: &str) -> String {
        match t {
            TypeRef::String(_) | TypeRef::Binary => "rt.str".into(),
            TypeRef::Integer(_) => "rt.int".into(),
            TypeRef::Number => "rt.num".into(),
            TypeRef::Boolean => "rt.bool".into(),
            TypeRef::Any => "rt.any".into(),
            TypeRef::Literal(v) => match v {
                Value::Array(_) | Value::Object(_) => "rt.any".into(),
                _ => format!("rt.lit({})", literal(v)),
            },
            TypeRef::Array(x) => format!("rt.arr({})", self.dec(x, None, prefix)),
            TypeRef::Map(x) => format!("rt.map({})", self.dec(x, None, prefix)),
            TypeRef::Nullable(x) => {
                let inner = self.dec(x, owner, prefix);
                if inner == "rt.any" {
                    inner
                } else {
                    format!("rt.nullable({inner})")
                }
            }
            TypeRef::Named(i) => match owner {
                Some(o) if self.cyclic.contains(&(o, *i)) => "rt.any".into(),
                _ => format!("{prefix}{}", self.names.types[*i]),
            },
        }
    }

    /// The decoder of named type `i`.
    fn decoder_def(&self, i: usize, t: &TypeDef) -> String {
        let name = string_literal(&self.names.types[i]);
        match &t.kind {
            TypeKind::Struct { fields, .. } => {
                let mut seen = HashSet::new();
                let fields: Vec<String> = fields
                    .iter()
                    .filter(|f| seen.insert(f.wire.as_str()))
                    .map(|f| {
                        format!(
                            "[{}, {}{}]",
                            string_literal(&f.wire),
                            self.dec(&f.ty, None, ""),
                            // A write-only property is never in a response.
                            if f.required && !f.write_only {
                                ", 1"
                            } else {
                                ""
                            }
                        )
                    })
                    .collect();
                format!("rt.obj({name}, [{}])", fields.join(", "))
            }
            TypeKind::Enum { values, strings } => {
                let kind = if *strings { "string" } else { "number" };
                if values.is_empty() || values.len() > MAX_ENUM_VALUES {
                    return if *strings { "rt.str" } else { "rt.num" }.into();
                }
                let values: Vec<String> = values.iter().map(|v| literal(&v.wire)).collect();
                format!("rt.enumOf({name}, [{}], \"{kind}\")", values.join(", "))
            }
            TypeKind::Union {
                variants,
                discriminator,
            } => {
                if variants.is_empty() {
                    return "rt.any".into();
                }
                match discriminator {
                    Some((prop, tags)) if fully_tagged(variants, discriminator.as_ref()) => {
                        let table: Vec<String> = variants
                            .iter()
                            .zip(tags)
                            .map(|((_, v), tag)| {
                                format!("[{}, {}]", string_literal(tag), self.dec(v, Some(i), ""))
                            })
                            .collect();
                        format!(
                            "rt.tagged({name}, {}, [{}])",
                            string_literal(prop),
                            table.join(", ")
                        )
                    }
                    _ => {
                        let table: Vec<String> = variants
                            .iter()
                            .map(|(_, v)| self.dec(v, Some(i), ""))
                            .collect();
                        format!("rt.anyOf([{}])", table.join(", "))
                    }
                }
            }
            TypeKind::Alias(a) => self.dec(a, Some(i), ""),
        }
    }

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
                _ => format!("{prefix}{}", self.names.types[*i]),
            },
        }
    }

    /// Named type `i`, rendered by its construct's template.
    fn type_def(&self, i: usize, t: &TypeDef) -> String {
        let ident = self.names.types[i].clone();
        let doc = doc_comment(t.doc.as_deref(), "");
        match &t.kind {
            TypeKind::Struct { fields, additional } => {
                // A repeated wire name has no member of its own.
                let fields = fields
                    .iter()
                    .enumerate()
                    .filter_map(|(k, f)| Some((self.names.member(i, k)?, f)))
                    .map(|(key, f)| FieldView {
                        doc: doc_comment(f.doc.as_deref(), "  "),
                        read_only: f.read_only,
                        key: key.to_string(),
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
                let unknown = if variants.is_empty() {
                    None
                } else if fully_tagged(variants, discriminator.as_ref()) {
                    Some("rt.Unknown<{ [key: string]: unknown }>")
                } else {
                    Some("rt.Unknown<unknown>")
                };
                render(&UnionView {
                    doc,
                    ident,
                    members,
                    unknown,
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
            (BodyKind::Binary, _) | (_, TypeRef::Binary) => {
                "ReadableStream<Uint8Array> | Blob | Uint8Array | string".into()
            }
            (BodyKind::Text, _) => "string".into(),
            _ => self.ty(ty, None, "types."),
        }
    }

    /// The documented headers of response `r`: the type of its `typedHeaders` (one optional
    /// property per header, typed) and the header specs of its `Documented` entry; None when
    /// it documents none.
    fn response_headers(&self, r: &crate::ir::Response) -> (Option<String>, Option<String>) {
        if r.headers.is_empty() {
            return (None, None);
        }
        let mut used = std::collections::HashSet::new();
        let mut props = Vec::new();
        let mut specs = Vec::new();
        for h in &r.headers {
            // A header is never null: a nullable type reads as its inner type.
            let mut ty = &h.ty;
            while let TypeRef::Nullable(inner) = ty {
                ty = inner;
            }
            let name = crate::surface::first_free(&mut used, camel(&h.name));
            let key = property_key(&name);
            let mut doc = format!("`{}`", h.wire.replace('`', "'"));
            if h.required {
                doc.push_str(" (documented as always sent)");
            }
            if let Some(d) = &h.doc {
                doc.push_str(": ");
                doc.push_str(d);
            }
            props.push(format!(
                "{}    {key}?: {};",
                doc_comment(Some(&doc), "    "),
                self.ty(ty, None, "types.")
            ));
            specs.push(format!(
                "[{}, {}, \"{}\", {}]",
                string_literal(&name),
                string_literal(&h.wire),
                self.header_shape(ty),
                self.dec(ty, None, "d.")
            ));
        }
        (
            Some(format!("{{\n{}\n  }}", props.join("\n"))),
            Some(format!("[{}]", specs.join(", "))),
        )
    }

    /// How a header's text maps to `ty`: a list, an object (names and values) or one value.
    fn header_shape(&self, ty: &TypeRef) -> &'static str {
        match ty {
            TypeRef::Nullable(inner) => self.header_shape(inner),
            TypeRef::Array(_) => "list",
            TypeRef::Map(_) => "object",
            TypeRef::Named(i) => self.named_shapes.get(*i).copied().unwrap_or("scalar"),
            _ => "scalar",
        }
    }

    /// An operation with method name `method` (and its listing helpers' names when it pages):
    /// (the client method and helpers, its result and argument types, whether it uses the
    /// decoders module).
    fn operation(
        &self,
        op: &Operation,
        method: &str,
        keys: &[String],
        paging: Option<&PagingNames>,
    ) -> (String, String, bool) {
        let base = pascal_ident(&op.name);
        let args_ident = format!("{base}Args");
        let result_ident = format!("{base}Result");
        let any_2xx = op.documents_success();
        let mut documented = Vec::with_capacity(op.responses.len());
        let mut uses_decoders = false;
        let responses: Vec<ResponseView> = op
            .responses
            .iter()
            .map(|r| {
                let matched = r.status_match();
                let (status, code, ok) = match matched {
                    StatusMatch::Exact(c) => (
                        c.to_string(),
                        c.to_string(),
                        if r.is_success() { "true" } else { "false" },
                    ),
                    StatusMatch::Range(..) => (
                        string_literal(&r.status),
                        "number".to_string(),
                        if r.is_success() { "true" } else { "false" },
                    ),
                    StatusMatch::Default => (
                        "\"default\"".to_string(),
                        "number".to_string(),
                        if any_2xx { "false" } else { "boolean" },
                    ),
                };
                let ok_value = if ok == "boolean" { "null" } else { ok };
                let (body, read) =
                    match (&r.ty, r.media_type.as_deref().map(crate::build::body_kind)) {
                        (Some(t), Some(BodyKind::Json)) => {
                            let ty = self.ty(t, None, "types.");
                            let decoder = self.dec(t, None, "d.");
                            uses_decoders |= names_a_type(t);
                            let read = format!(
                                "\"json\", {decoder}, {}",
                                string_literal(ty.trim_start_matches("types."))
                            );
                            (Some(ty), read)
                        }
                        (Some(_), Some(BodyKind::Text)) => {
                            (Some("string".to_string()), "\"text\"".to_string())
                        }
                        (Some(_), _) => (
                            Some("ReadableStream<Uint8Array>".to_string()),
                            "\"stream\"".to_string(),
                        ),
                        (None, _) => (None, "\"none\"".to_string()),
                    };
                let (headers, specs) = self.response_headers(r);
                uses_decoders |= r.headers.iter().any(|h| names_a_type(&h.ty));
                let read = match (specs, read.starts_with("\"json\"")) {
                    (None, _) => read,
                    (Some(specs), true) => format!("{read}, {specs}"),
                    (Some(specs), false) => format!("{read}, undefined, undefined, {specs}"),
                };
                documented.push(format!("[{status}, {ok_value}, {read}]"));
                let doc = r
                    .doc
                    .as_deref()
                    .and_then(|d| d.lines().next())
                    .filter(|d| !d.trim().is_empty())
                    .map(|d| doc_comment(Some(d), "  "))
                    .unwrap_or_default();
                ResponseView {
                    doc,
                    status,
                    code,
                    ok,
                    body,
                    headers,
                }
            })
            .collect();
        // Arguments.
        let mut fields = Vec::new();
        let mut params = Vec::new();
        for (p, key) in op.params.iter().zip(keys) {
            let key = key.clone();
            let default = p.default.as_ref().map(js_value);
            let doc = match &p.default {
                Some(d) => format!(
                    "{}\n\n@defaultValue `{}` (sent when left out)",
                    p.doc.as_deref().unwrap_or_default(),
                    d.to_string().replace('`', "'")
                ),
                None => p.doc.clone().unwrap_or_default(),
            };
            fields.push(ArgView {
                doc: doc_comment(Some(&doc), "  "),
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
                default,
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
        let helpers = match (paging, &op.pagination) {
            (Some(names), Some(p)) => {
                self.paging(op, p, method, names, &params, has_args, all_optional)
            }
            _ => String::new(),
        };
        let mut text = render(&OperationView {
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
            documented,
        });
        text.push_str(&helpers);
        (text, types, uses_decoders)
    }

    /// The listing helpers of operation `op` (method `method`), paginated as `p`; empty when
    /// the parameter the pagination names is not among the operation's.
    #[allow(clippy::too_many_arguments)]
    fn paging(
        &self,
        op: &Operation,
        p: &Pagination,
        method: &str,
        (pages, all): &PagingNames,
        params: &[ParamView],
        has_args: bool,
        all_optional: bool,
    ) -> String {
        // The first 2xx response with a body: the page (as `paging::recognize` chose it).
        let Some(page) = op
            .responses
            .iter()
            .find(|r| r.is_success() && r.ty.is_some())
        else {
            return String::new();
        };
        let Some(body) = &page.ty else {
            return String::new();
        };
        let status = match page.status_match() {
            StatusMatch::Exact(c) => c.to_string(),
            _ => string_literal(&page.status),
        };
        // The argument carrying a parameter (a query one first), and its default if a number.
        let arg = |wire: &str| {
            crate::paging::paging_param(op, params, wire)
                .map(|(q, v)| (v.key.as_str(), q.default.as_ref().and_then(Value::as_f64)))
        };
        let lits = |path: &[String]| -> String {
            let parts: Vec<String> = path.iter().map(|x| string_literal(x)).collect();
            format!("[{}]", parts.join(", "))
        };
        let mut shown_key = None;
        let style = match &p.style {
            PageStyle::Cursor { param, next } => {
                let Some((key, _)) = arg(param) else {
                    return String::new();
                };
                shown_key = Some(key);
                let key = string_literal(key);
                format!("style: \"cursor\", arg: {key}, next: {}", lits(next))
            }
            PageStyle::NextUrl { next } => format!("style: \"nextUrl\", next: {}", lits(next)),
            PageStyle::LinkHeader => "style: \"linkHeader\"".to_string(),
            PageStyle::Page { param } | PageStyle::Offset { param } => {
                let Some((key, start)) = arg(param) else {
                    return String::new();
                };
                let (name, first) = match p.style {
                    PageStyle::Page { .. } => ("page", 1.0),
                    _ => ("offset", 0.0),
                };
                let start = start.filter(|s| s.is_finite()).unwrap_or(first);
                shown_key = Some(key);
                let key = string_literal(key);
                format!("style: \"{name}\", arg: {key}, start: {start}")
            }
        };
        let items: Vec<String> = p.items.iter().map(|x| string_literal(x)).collect();
        let paging = format!(
            "{{ operation: {}, status: {status}, items: [{}], {style} }}",
            string_literal(method),
            items.join(", ")
        );
        let text = paging_text(p, shown_key);
        let at = doc::items_at(p, &code_span, "");
        let pages_doc = format!(
            "The pages of `{method}`, one after the other: each page's body, requested when the \
             loop asks for it, as a call of `{method}` with `init` (middleware, retries, auth, \
             timeouts and decoding apply to every page). A page whose status is not a success \
             throws an `ApiError` (a drifted page of a lenient client its `DecodeError`).\n\n{text}"
        );
        let all_doc = format!(
            "Every item of every page of `{method}`, in order: {at} of `{pages}` (which tells \
             more; a failing page throws).\n\n{}",
            doc::summary(p, &paging_words(&|_| String::new()))
        );
        let args_ident = format!("{}Args", pascal_ident(&op.name));
        let (signature, args_ty, args_value, send_params, send_args, call_args) = if !has_args {
            (
                "init?: rt.CallInit".to_string(),
                "object".to_string(),
                "{}",
                "_args, i",
                "i",
                "init",
            )
        } else {
            (
                format!(
                    "args: {args_ident}{}, init?: rt.CallInit",
                    if all_optional { " = {}" } else { "" }
                ),
                args_ident,
                "args",
                "a, i",
                "a, i",
                "args, init",
            )
        };
        render(&PagingView {
            pages_doc: doc_comment(Some(&doc::wrap(&pages_doc, 96, false)), "  "),
            all_doc: doc_comment(Some(&doc::wrap(&all_doc, 96, false)), "  "),
            pages,
            all,
            method,
            signature,
            body_ty: self.ty(body, None, "types."),
            item_ty: self.ty(&p.item, None, "types."),
            args_ty,
            args_value,
            send_params,
            send_args,
            call_args,
            paging,
            items,
        })
    }
}

/// The named types a JSON response body can reach: the ones that need a decoder.
fn decoded_types(api: &Api) -> Vec<bool> {
    fn visit(t: &TypeRef, stack: &mut Vec<usize>, seen: &mut [bool]) {
        match t {
            TypeRef::Array(x) | TypeRef::Map(x) | TypeRef::Nullable(x) => visit(x, stack, seen),
            TypeRef::Named(i) => {
                if let Some(s) = seen.get_mut(*i) {
                    if !*s {
                        *s = true;
                        stack.push(*i);
                    }
                }
            }
            _ => {}
        }
    }
    let mut seen = vec![false; api.types.len()];
    let mut stack = Vec::new();
    for op in &api.operations {
        for r in &op.responses {
            if let (Some(t), Some(BodyKind::Json)) =
                (&r.ty, r.media_type.as_deref().map(crate::build::body_kind))
            {
                visit(t, &mut stack, &mut seen);
            }
            for h in &r.headers {
                visit(&h.ty, &mut stack, &mut seen);
            }
        }
    }
    while let Some(i) = stack.pop() {
        match &api.types[i].kind {
            TypeKind::Struct { fields, .. } => {
                for f in fields {
                    visit(&f.ty, &mut stack, &mut seen);
                }
            }
            TypeKind::Union { variants, .. } => {
                for (_, v) in variants {
                    visit(v, &mut stack, &mut seen);
                }
            }
            TypeKind::Alias(a) => visit(a, &mut stack, &mut seen),
            TypeKind::Enum { .. } => {}
        }
    }
    seen
}

/// Generates the package `package_name` (lower case, `-` allowed) for `api`.
#[must_use]
pub fn generate(api: &Api, package_name: &str) -> Vec<GeneratedFile> {
    let package_name = escape::package_name(package_name);
    let names = surface(api);
    let ctx = Ctx {
        names,
        cyclic: crate::graph::alias_cycles(api),
        named_shapes: (0..api.types.len()).map(|i| named_shape(api, i)).collect(),
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
        uses_rt: items.iter().any(|t| t.contains("rt.Unknown<")),
        items: &items,
    });
    let decoded = decoded_types(api);
    let decoders: Vec<(String, String)> = api
        .types
        .iter()
        .enumerate()
        .filter(|(i, _)| decoded[*i])
        .map(|(i, t)| (ctx.names.types[i].clone(), ctx.decoder_def(i, t)))
        .collect();
    let decode = render(&DecodeTs {
        title_comment: &title_comment,
        items: &decoders,
    });
    let mut ops = Vec::with_capacity(api.operations.len());
    let mut results = Vec::with_capacity(api.operations.len());
    let mut methods: HashSet<String> = RESERVED_METHODS
        .iter()
        .map(|m| m.to_string())
        .chain(ctx.names.methods.iter().cloned())
        .collect();
    let mut first_call = None;
    let mut uses_decoders = false;
    // The listing helpers' names come after every operation's, so an operation keeps its name
    // when a helper would take it.
    let mut unique = |name: String| {
        let mut name = name;
        while !methods.insert(name.clone()) {
            name.push('_');
        }
        name
    };
    let helpers: Vec<Option<PagingNames>> = api
        .operations
        .iter()
        .zip(&ctx.names.methods)
        .map(|(op, method)| {
            op.pagination.as_ref().map(|_| {
                (
                    unique(format!("{method}Pages")),
                    unique(format!("{method}All")),
                )
            })
        })
        .collect();
    let mut first_listing = None;
    for (k, (op, helper)) in api.operations.iter().zip(&helpers).enumerate() {
        let method = &ctx.names.methods[k];
        if first_call.is_none() && op.params.iter().all(|p| !p.required) && op.body.is_none() {
            first_call = Some(method.clone());
        }
        if let (None, Some((_, all))) = (&first_listing, helper) {
            if op.params.iter().all(|p| !p.required) {
                first_listing = Some(all.clone());
            }
        }
        let (text, types, decodes) =
            ctx.operation(op, method, &ctx.names.params[k], helper.as_ref());
        uses_decoders |= decodes;
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
    let uses_types = ops.iter().chain(&results).any(|t| references_types(t));
    let servers: Vec<ServerView> = api
        .servers
        .iter()
        .map(|s| ServerView {
            url: string_literal(&s.url),
            doc: s.doc.as_deref().map(string_literal),
            variables: s
                .variables
                .iter()
                .map(|v| VariableView {
                    name: string_literal(&v.name),
                    default: string_literal(&v.default),
                    doc: v.doc.as_deref().map(string_literal),
                    key: property_key(&v.name),
                    values: v.values.iter().map(|x| string_literal(x)).collect(),
                })
                .collect(),
        })
        .collect();
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
            decode_import: if uses_decoders {
                "import * as d from \"./decode.js\";"
            } else {
                ""
            },
            base_url: &string_literal(&base),
            servers: &servers,
            schemes: &schemes,
            results: &results,
            operations: &ops,
        }
        .render()
        .unwrap_or_default(),
    );
    files.insert("src/types.ts".to_string(), types);
    files.insert("src/decode.ts".to_string(), decode);
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
    let mut example = first_call
        .map(|m| {
            format!("const result = await client.{m}();\nif (result.status === 200) console.log(result.body);\n")
        })
        .unwrap_or_default();
    if let Some(all) = &first_listing {
        example.push_str(&format!(
            "for await (const item of client.{all}()) console.log(item); // every page's items\n"
        ));
    }
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
            paginated: helpers.iter().any(Option::is_some),
        }
        .render()
        .unwrap_or_default(),
    );
    files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect()
}

/// Whether rendered code names a type of `types.ts` (`types.Pet`) outside comments: a
/// description saying "event types. The ..." once kept an unused import, which strict tsc
/// refuses (`noUnusedLocals`; from the sweep, surrey.ca's open511).
fn references_types(code: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    code.lines()
        .map(str::trim_start)
        .filter(|l| !(l.starts_with('*') || l.starts_with("/*") || l.starts_with("//")))
        .any(|l| {
            l.match_indices("types.").any(|(i, m)| {
                let before = l[..i].chars().next_back();
                let after = l[i + m.len()..].chars().next();
                !before.is_some_and(ident)
                    && after.is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
            })
        })
}
