//! The Rust backend: a Cargo crate with a reqwest client, serde types and one async method per
//! operation.
//!
//! Two passes, as in uniffi-rs: this module turns the [`Api`] into view structs holding
//! everything already computed (identifiers, escaped literals, doc comments, type expressions),
//! and one askama template per construct (`templates/rust/type.rs.txt`, `enum.rs.txt`,
//! `union.rs.txt`, `alias.rs.txt`, `response.rs.txt`, `operation.rs.txt`, `auth.rs.txt`,
//! `client.rs.txt`) only lays them out. No template ever sees definition text unescaped.

mod escape;
mod listing;
mod surface;

use std::collections::{BTreeMap, HashSet};

use askama::Template;

use crate::ir::{
    Api, Auth, BodyKind, Location, Operation, StatusMatch, TypeDef, TypeKind, TypeRef,
};
use crate::GeneratedFile;
pub use escape::{
    comment_text, crate_name, doc_comment, doc_line, pascal_ident, snake, string_literal,
    RESERVED_METHODS, RESERVED_TYPES,
};
pub use surface::surface;

/// Enums with more values than this become plain strings (a 100,000-variant enum helps nobody
/// and takes rustc minutes).
const MAX_ENUM_VARIANTS: usize = 2_000;

/// Renders a template; rendering only writes strings, so it cannot fail.
fn render(t: &impl Template) -> String {
    t.render().unwrap_or_default()
}

#[derive(Template)]
#[template(path = "rust/Cargo.toml.txt", escape = "none")]
struct CargoToml<'a> {
    title_comment: &'a str,
    crate_name: &'a str,
    description: &'a str,
}

#[derive(Template)]
#[template(path = "rust/lib.rs.txt", escape = "none")]
struct LibRs<'a> {
    title_doc: &'a str,
    crate_ident: &'a str,
    base_url: &'a str,
    servers: Vec<ServerView>,
    client: &'a str,
}

/// A server of the `SERVERS` table: every field a string literal.
struct ServerView {
    url: String,
    doc: String,
    variables: Vec<ServerVarView>,
}

/// A server variable: every field a string literal.
struct ServerVarView {
    name: String,
    default: String,
    values: Vec<String>,
    doc: String,
}

#[derive(Template)]
#[template(path = "rust/operations.rs.txt", escape = "none")]
struct OperationsRs<'a> {
    title_doc: &'a str,
    /// Rendered request builders.
    items: &'a [String],
}

/// A client method that makes an operation's request builder (`templates/rust/method.rs.txt`).
#[derive(Template)]
#[template(path = "rust/method.rs.txt", escape = "none")]
struct MethodView<'a> {
    doc: String,
    deprecated: bool,
    fn_name: &'a str,
    builder: &'a str,
    /// The required parameters and body, in order.
    required: Vec<&'a FieldView2>,
}

#[derive(Template)]
#[template(path = "rust/README.md.txt", escape = "none")]
struct Readme<'a> {
    crate_name: &'a str,
    crate_ident: &'a str,
    title_doc: &'a str,
    example: &'a str,
}

#[derive(Template)]
#[template(path = "rust/types.rs.txt", escape = "none")]
struct TypesRs<'a> {
    title_doc: &'a str,
    /// Rendered named types, then response enums.
    items: &'a [String],
}

/// A struct (`templates/rust/type.rs.txt`).
#[derive(Template)]
#[template(path = "rust/type.rs.txt", escape = "none")]
struct StructView {
    /// Doc comment lines (escaped), possibly none.
    doc: String,
    ident: String,
    fields: Vec<FieldView>,
    /// The value type of `additionalProperties`, when allowed.
    additional: Option<String>,
}

/// A struct field.
struct FieldView {
    /// Doc comment lines, indented.
    doc: String,
    /// The wire name as a string literal.
    wire: String,
    ident: String,
    /// The full field type (`Option<...>` when optional).
    ty: String,
    optional: bool,
}

/// A string enum with an `Unknown` fallback (`templates/rust/enum.rs.txt`).
#[derive(Template)]
#[template(path = "rust/enum.rs.txt", escape = "none")]
struct EnumView {
    doc: String,
    ident: String,
    variants: Vec<VariantView>,
}

/// A value of a string enum.
struct VariantView {
    ident: String,
    /// The value as a string literal.
    wire: String,
    /// The value for a doc code span (no backticks, nothing hidden).
    shown: String,
}

/// An untagged or discriminated union (`templates/rust/union.rs.txt`).
#[derive(Template)]
#[template(path = "rust/union.rs.txt", escape = "none")]
struct UnionView {
    doc: String,
    ident: String,
    variants: Vec<UnionVariant>,
    /// With a discriminator naming every variant: decoding dispatches on it.
    tag: Option<TagView>,
}

/// A variant of a union.
struct UnionVariant {
    ident: String,
    /// The identifier for the doc line (without `r#`).
    shown: String,
    ty: String,
}

/// A union's discriminator.
struct TagView {
    /// The property as a string literal.
    prop: String,
    /// (variant identifier, tag literal), first of each tag only.
    arms: Vec<(String, String)>,
}

/// `pub type X = Y;` (`templates/rust/alias.rs.txt`).
#[derive(Template)]
#[template(path = "rust/alias.rs.txt", escape = "none")]
struct AliasView {
    doc: String,
    ident: String,
    target: String,
}

/// An operation's response enum (`templates/rust/response.rs.txt`).
#[derive(Template)]
#[template(path = "rust/response.rs.txt", escape = "none")]
struct ResponseView<'a> {
    fn_name: &'a str,
    ident: &'a str,
    variants: &'a [ResponseVariant],
    /// Whether a variant holds a [`Decode::Stream`] body (no `Clone`, no `PartialEq`).
    streams: bool,
}

/// The documented headers of a response (`templates/rust/headers.rs.txt`).
#[derive(Template)]
#[template(path = "rust/headers.rs.txt", escape = "none")]
struct HeadersView<'a> {
    fn_name: &'a str,
    /// The documented response key.
    key: &'a str,
    ident: &'a str,
    fields: Vec<HeaderField>,
}

/// A documented response header.
struct HeaderField {
    /// Doc comment lines, indented.
    doc: String,
    ident: String,
    /// The value type (the field is an `Option` of it).
    ty: String,
    /// The wire name as a string literal.
    wire: String,
    /// `Scalar`, `List` or `Object`.
    shape: &'static str,
}

/// One documented response.
struct ResponseVariant {
    /// Doc comment lines, indented, without the last line break.
    doc: String,
    variant: String,
    /// The payload type, as seen from the `types` module.
    payload: Option<String>,
    /// Whether the variant keeps the status (ranges and `default`).
    carries_status: bool,
    /// The types of the variant's fields: status, payload, headers (each when present).
    fields: Vec<String>,
    /// The struct of its documented headers, when it has some.
    headers: Option<String>,
    /// `, oaskit_h` when it has headers (the last argument of the variant).
    hs: &'static str,
    /// The arguments of a variant without payload: empty, or `(status)`, `(oaskit_h)`, ...
    bare_args: String,
    /// Whether the body is streamed (a header error then leaves it unread).
    streamed: bool,
    /// How the body is read.
    decode: Option<Decode>,
    matched: StatusMatch,
    /// The arms of the `code()`, `is_ok()` and `status()` accessors.
    code_arm: String,
    ok_arm: String,
    key_arm: String,
}

/// How a response body is decoded.
#[derive(Clone, Copy)]
enum Decode {
    Json,
    Text,
    /// Handed to the caller as a `ByteStream`.
    Stream,
}

/// The request builder of an operation (`templates/rust/operation.rs.txt`).
#[derive(Template)]
#[template(path = "rust/operation.rs.txt", escape = "none")]
struct OperationView<'a> {
    doc: String,
    builder: &'a str,
    resp_ident: &'a str,
    /// Parameters, then the body.
    fields: &'a [FieldView2],
    url: Vec<Segment>,
    queries: Vec<ParamView>,
    headers: Vec<ParamView>,
    cookies: Vec<ParamView>,
    /// `reqwest::Method::X` for a standard method, else a string literal of it.
    method: Method,
    /// Whether the request builder is changed after it is made.
    mutates: bool,
    body: Option<BodyView>,
    /// Security alternatives: lists of scheme names as string literals.
    security: Vec<Vec<String>>,
    /// The response variants matched by status (exact or range), in order.
    arms: Vec<&'a ResponseVariant>,
    /// The `default` response.
    fallback: Option<&'a ResponseVariant>,
    /// Whether a body is read (not streamed), so the attempt's deadline is bound.
    uses_deadline: bool,
    /// The listing helpers, when the operation pages.
    paging: Option<listing::PagingView>,
}

/// A field of a request builder: a parameter or the body.
struct FieldView2 {
    /// Doc comment lines of its setter, indented.
    doc: String,
    ident: String,
    /// The stored type (`Option<..>` around it when not required).
    ty: String,
    required: bool,
    /// The type its setter or the client method takes, and the conversion to `ty`.
    arg_ty: String,
    conv: &'static str,
}

/// A piece of the request path.
enum Segment {
    /// Literal text, as a string literal.
    Text(String),
    /// A path parameter.
    Param(ParamView),
}

/// A parameter as the request code uses it.
struct ParamView {
    ident: String,
    required: bool,
    /// The default of an optional parameter: its JSON text as a string literal.
    default: Option<String>,
    /// Wire name, style: string literals.
    wire: String,
    style: String,
    explode: bool,
}

/// The HTTP method.
enum Method {
    Known(String),
    Other(String),
}

/// How the body is sent.
struct BodyView {
    required: bool,
    /// The content type as a string literal.
    ct: String,
    send: Send,
}

/// Body encodings.
enum Send {
    Json,
    Form,
    Multipart,
    /// Text or binary given as JSON: a string's bytes, else the JSON.
    Text,
    /// Bytes as given.
    Bytes,
}

/// The client with its credentials (`templates/rust/client.rs.txt`).
#[derive(Template)]
#[template(path = "rust/client.rs.txt", escape = "none")]
struct ClientView<'a> {
    auth: &'a str,
    operations: &'a [String],
}

/// The client's `has` and `add` credential methods (`templates/rust/auth.rs.txt`).
#[derive(Template)]
#[template(path = "rust/auth.rs.txt", escape = "none")]
struct AuthView {
    schemes: Vec<SchemeView>,
}

/// A security scheme.
struct SchemeView {
    /// The scheme name as a string literal.
    name: String,
    kind: SchemeKind,
}

/// How a scheme applies credentials.
enum SchemeKind {
    /// An API key: where, and the header, parameter or cookie name as a string literal.
    ApiKey(Location, String),
    Basic,
    Bearer,
}

struct Ctx {
    /// The public names of types, members, methods and arguments.
    names: crate::surface::Surface,
    /// Per operation: the response enum's name (unique among all types) and the builder's.
    op_idents: Vec<(String, String)>,
    /// Per operation, per response: the name of its headers struct (unique among all types),
    /// when it documents headers.
    header_idents: Vec<Vec<Option<String>>>,
    /// (type, target) pairs whose containment must be boxed (same strongly connected component).
    boxed: HashSet<(usize, usize)>,
    /// The shape of each named type (for reading headers).
    kinds: Vec<TypeKind>,
}

impl Ctx {
    /// Whether request body `b` is sent as a `reqwest::Body` (raw bytes, possibly a stream,
    /// which can be sent only once).
    fn streams_body(&self, b: &crate::ir::Body) -> bool {
        b.kind == BodyKind::Binary && self.ty(&b.ty, None, true) == "Vec<u8>"
    }
    /// The Rust type for a reference used inside type `owner` (None: in an operation).
    fn ty(&self, t: &TypeRef, owner: Option<usize>, in_body: bool) -> String {
        let prefix = if owner.is_some() { "" } else { "types::" };
        self.ty_in(t, owner, in_body, prefix)
    }

    fn ty_in(&self, t: &TypeRef, owner: Option<usize>, in_body: bool, prefix: &str) -> String {
        match t {
            TypeRef::String(_) => "String".into(),
            TypeRef::Integer(Some(f)) if f == "int32" => "i32".into(),
            TypeRef::Integer(_) => "i64".into(),
            TypeRef::Number => "f64".into(),
            TypeRef::Boolean => "bool".into(),
            TypeRef::Binary if in_body => "Vec<u8>".into(),
            TypeRef::Binary => "String".into(),
            TypeRef::Any | TypeRef::Literal(_) => "serde_json::Value".into(),
            TypeRef::Array(x) => format!("Vec<{}>", self.ty_in(x, None, false, prefix)),
            TypeRef::Map(x) => format!(
                "std::collections::BTreeMap<String, {}>",
                self.ty_in(x, None, false, prefix)
            ),
            TypeRef::Nullable(x) => format!("Option<{}>", self.ty_in(x, owner, in_body, prefix)),
            TypeRef::Named(i) => {
                let name = format!("{prefix}{}", self.names.types[*i]);
                match owner {
                    Some(o) if self.boxed.contains(&(o, *i)) => format!("Box<{name}>"),
                    _ => name,
                }
            }
        }
    }

    /// Named type `i`, rendered by its construct's template.
    fn type_def(&self, i: usize, t: &TypeDef) -> String {
        let ident = self.names.types[i].clone();
        let doc = doc_comment(t.doc.as_deref(), "");
        match &t.kind {
            TypeKind::Struct { fields, additional } => {
                let fields = fields
                    .iter()
                    .enumerate()
                    .map(|(k, f)| {
                        let name = self.names.member(i, k).unwrap_or_default().to_string();
                        let base = self.ty(&f.ty, Some(i), false);
                        let optional = !f.required || f.read_only;
                        let ty = if optional && !base.starts_with("Option<") {
                            format!("Option<{base}>")
                        } else {
                            base
                        };
                        FieldView {
                            doc: doc_comment(f.doc.as_deref(), "    "),
                            wire: string_literal(&f.wire),
                            ident: name,
                            ty,
                            optional,
                        }
                    })
                    .collect();
                let additional = additional
                    .as_ref()
                    .map(|a| self.ty(a, None, false).replace("types::", ""));
                render(&StructView {
                    doc,
                    ident,
                    fields,
                    additional,
                })
            }
            TypeKind::Enum { values, strings } if *strings && values.len() <= MAX_ENUM_VARIANTS => {
                let mut variants = Vec::new();
                for (k, v) in values.iter().enumerate() {
                    let wire = v.wire.as_str().unwrap_or_default();
                    // A repeated value has no name (it would be an unreachable match arm).
                    let Some(name) = self.names.member(i, k).map(str::to_string) else {
                        continue;
                    };
                    variants.push(VariantView {
                        ident: name,
                        wire: string_literal(wire),
                        // One code span: no backtick inside, so nothing in it is Markdown.
                        shown: crate::names::visible(&wire.replace('`', " ")),
                    });
                }
                render(&EnumView {
                    doc,
                    ident,
                    variants,
                })
            }
            TypeKind::Enum { strings, .. } => {
                let target = if *strings {
                    "String"
                } else {
                    "serde_json::Number"
                };
                render(&AliasView {
                    doc,
                    ident,
                    target: target.to_string(),
                })
            }
            TypeKind::Union {
                variants,
                discriminator,
            } => {
                let variants: Vec<UnionVariant> = variants
                    .iter()
                    .enumerate()
                    .map(|(k, (_, v))| {
                        let n = self.names.member(i, k).unwrap_or_default().to_string();
                        UnionVariant {
                            shown: n.trim_start_matches("r#").to_string(),
                            ident: n,
                            ty: self.ty(v, Some(i), false),
                        }
                    })
                    .collect();
                // With a discriminator naming every variant, decoding dispatches on the tag;
                // encoding stays untagged (each variant carries its tag property itself).
                let tag = discriminator
                    .as_ref()
                    .filter(|(_, tags)| tags.len() == variants.len())
                    .map(|(prop, tags)| {
                        let mut seen = HashSet::new();
                        TagView {
                            prop: string_literal(prop),
                            arms: variants
                                .iter()
                                .zip(tags)
                                .filter(|(_, tag)| seen.insert(tag.as_str()))
                                .map(|(v, tag)| (v.ident.clone(), string_literal(tag)))
                                .collect(),
                        }
                    });
                render(&UnionView {
                    doc,
                    ident,
                    variants,
                    tag,
                })
            }
            TypeKind::Alias(a) => {
                // An alias inside a cycle cannot be boxed: it becomes untyped JSON.
                let mut direct = a;
                while let TypeRef::Nullable(x) = direct {
                    direct = x;
                }
                let target = match direct {
                    TypeRef::Named(j) if *j == i || self.boxed.contains(&(i, *j)) => {
                        "serde_json::Value".to_string()
                    }
                    _ => self.ty(a, Some(i), false),
                };
                render(&AliasView { doc, ident, target })
            }
        }
    }

    /// The struct `ident` of the documented headers of response `r` (key `key`) of `fn_name`.
    fn headers_struct(
        &self,
        fn_name: &str,
        key: &str,
        ident: &str,
        r: &crate::ir::Response,
    ) -> String {
        let mut used = HashSet::new();
        let fields = r
            .headers
            .iter()
            .map(|h| {
                let ident = crate::surface::first_free(&mut used, snake(&h.name));
                // A header is never null: a nullable type reads as its inner type.
                let mut ty = &h.ty;
                while let TypeRef::Nullable(inner) = ty {
                    ty = inner;
                }
                let mut doc = format!("`{}`", h.wire.replace('`', "'"));
                if h.required {
                    doc.push_str(" (documented as always sent)");
                }
                if let Some(d) = &h.doc {
                    doc.push_str(": ");
                    doc.push_str(d);
                }
                HeaderField {
                    doc: doc_comment(Some(&doc), "    "),
                    ident,
                    ty: self
                        .ty(ty, None, false)
                        .replace("types::", "crate::types::"),
                    wire: string_literal(&h.wire),
                    shape: self.header_shape(ty),
                }
            })
            .collect();
        render(&HeadersView {
            fn_name: fn_name.trim_start_matches("r#"),
            key,
            ident,
            fields,
        })
    }

    /// How a header's text maps to `ty`: a list, an object (names and values) or one value.
    fn header_shape<'t>(&'t self, mut ty: &'t TypeRef) -> &'static str {
        for _ in 0..16 {
            match ty {
                TypeRef::Nullable(inner) => ty = inner,
                TypeRef::Array(_) => return "List",
                TypeRef::Map(_) => return "Object",
                TypeRef::Named(i) => match self.kinds.get(*i) {
                    Some(TypeKind::Alias(inner)) => ty = inner,
                    Some(TypeKind::Struct { .. }) => return "Object",
                    _ => return "Scalar",
                },
                _ => return "Scalar",
            }
        }
        "Scalar"
    }

    /// Operation `k`: its client method, its request builder and its response enum, rendered.
    fn operation(&self, k: usize, op: &Operation) -> (String, String, String) {
        let fn_name = &self.names.methods[k];
        let (resp_ident, builder) = &self.op_idents[k];
        let any_2xx = op.documents_success();
        let mut header_structs = String::new();
        let responses: Vec<ResponseVariant> = op
            .responses
            .iter()
            .enumerate()
            .map(|(j, r)| {
                let variant = if r.status == "default" {
                    "Default".to_string()
                } else {
                    pascal_ident(&format!("Status{}", r.status.to_ascii_uppercase()))
                };
                let (payload, decode) =
                    match (&r.ty, r.media_type.as_deref().map(crate::build::body_kind)) {
                        (Some(t), Some(BodyKind::Json)) => {
                            (Some(self.ty(t, None, true)), Some(Decode::Json))
                        }
                        (Some(_), Some(BodyKind::Text)) => {
                            (Some("String".to_string()), Some(Decode::Text))
                        }
                        (Some(_), _) => {
                            (Some("crate::ByteStream".to_string()), Some(Decode::Stream))
                        }
                        (None, _) => (None, None),
                    };
                let matched = r.status_match();
                let carries_status = !matches!(matched, StatusMatch::Exact(_));
                let key = match matched {
                    StatusMatch::Default => "default".to_string(),
                    _ => r.status.to_ascii_uppercase(),
                };
                let headers = self.header_idents[k][j].clone();
                if let Some(ident) = &headers {
                    header_structs.push_str("\n\n");
                    header_structs.push_str(&self.headers_struct(fn_name, &key, ident, r));
                }
                let payload = payload.map(|p| p.replace("types::", "crate::types::"));
                let mut fields = Vec::new();
                if carries_status {
                    fields.push("u16".to_string());
                }
                fields.extend(payload.clone());
                fields.extend(headers.clone());
                let bare: Vec<&str> = [
                    carries_status.then_some("status"),
                    headers.is_some().then_some("oaskit_h"),
                ]
                .into_iter()
                .flatten()
                .collect();
                let bare_args = if bare.is_empty() {
                    String::new()
                } else {
                    format!("({})", bare.join(", "))
                };
                let tuple = !fields.is_empty();
                let plain = if tuple {
                    format!("Self::{variant}(..)")
                } else {
                    format!("Self::{variant}")
                };
                let bound = format!("Self::{variant}(s, ..)");
                let (code_arm, ok_arm) = match matched {
                    StatusMatch::Exact(c) => (
                        format!("{plain} => {c}"),
                        format!("{plain} => {}", r.is_success()),
                    ),
                    StatusMatch::Range(..) => (
                        format!("{bound} => s"),
                        format!("{plain} => {}", r.is_success()),
                    ),
                    StatusMatch::Default if any_2xx => {
                        (format!("{bound} => s"), format!("{plain} => false"))
                    }
                    StatusMatch::Default => (
                        format!("{bound} => s"),
                        format!("{bound} => (200..300).contains(&s)"),
                    ),
                };
                ResponseVariant {
                    doc: doc_comment(r.doc.as_deref(), "    ").trim_end().to_string(),
                    variant,
                    payload,
                    carries_status,
                    fields,
                    hs: if headers.is_some() { ", oaskit_h" } else { "" },
                    headers,
                    bare_args,
                    streamed: matches!(decode, Some(Decode::Stream)),
                    decode,
                    matched,
                    code_arm,
                    ok_arm,
                    key_arm: format!("{plain} => {}", string_literal(&key)),
                }
            })
            .collect();
        let mut response = render(&ResponseView {
            fn_name,
            ident: resp_ident,
            variants: &responses,
            streams: responses
                .iter()
                .any(|r| matches!(r.decode, Some(Decode::Stream))),
        });
        response.push_str(&header_structs);
        let paging = op
            .pagination
            .as_ref()
            .and_then(|p| self.listing(k, op, p, fn_name, &responses));
        // Builder fields: the parameters, then the body.
        let mut fields = Vec::new();
        let mut params = Vec::new();
        for (p, name) in op.params.iter().zip(&self.names.params[k]) {
            let name = name.clone();
            let ty = self.ty(&p.ty, None, false);
            let (arg_ty, conv) = into_arg(&ty);
            let mut doc = p.doc.clone().unwrap_or_default();
            let default = p.default.as_ref().filter(|_| !p.required);
            if let Some(d) = default {
                let shown = crate::names::visible(&d.to_string().replace('`', "'"));
                doc.push_str(&format!("\n\nDefault (sent when not set): `{shown}`."));
            }
            fields.push(FieldView2 {
                doc: doc_comment(Some(&doc), "    "),
                ident: name.clone(),
                ty,
                required: p.required,
                arg_ty,
                conv,
            });
            params.push(ParamView {
                ident: name,
                required: p.required,
                default: default.map(|d| string_literal(&d.to_string())),
                wire: string_literal(&p.wire),
                style: string_literal(&p.style),
                explode: p.explode,
            });
        }
        let body = op.body.as_ref().map(|b| BodyView {
            required: b.required,
            ct: string_literal(&b.media_type),
            send: match b.kind {
                BodyKind::Binary if self.streams_body(b) => Send::Bytes,
                BodyKind::Json => Send::Json,
                BodyKind::Form => Send::Form,
                BodyKind::Multipart => Send::Multipart,
                BodyKind::Text | BodyKind::Binary => Send::Text,
            },
        });
        if let (Some(b), Some(view)) = (&op.body, &body) {
            let ty = match view.send {
                Send::Bytes => "reqwest::Body".to_string(),
                _ => self.ty(&b.ty, None, true),
            };
            let (arg_ty, conv) = into_arg(&ty);
            fields.push(FieldView2 {
                doc: doc_comment(Some("The request body."), "    "),
                ident: "body".to_string(),
                ty,
                required: b.required,
                arg_ty,
                conv,
            });
        }
        // URL with path parameters.
        let mut url = Vec::new();
        let mut rest = op.path.as_str();
        while let Some(i) = rest.find('{') {
            let lit = &rest[..i];
            if !lit.is_empty() {
                url.push(Segment::Text(string_literal(lit)));
            }
            let Some(j) = rest[i..].find('}') else { break };
            let var = &rest[i + 1..i + j];
            if let Some((k, p)) = op
                .params
                .iter()
                .enumerate()
                .find(|(_, p)| p.location == Location::Path && p.wire == var)
            {
                url.push(Segment::Param(ParamView {
                    ident: params[k].ident.clone(),
                    required: p.required,
                    default: None,
                    wire: string_literal(&p.wire),
                    style: string_literal(&p.style),
                    explode: p.explode,
                }));
            }
            rest = &rest[i + j + 1..];
        }
        if !rest.is_empty() {
            url.push(Segment::Text(string_literal(rest)));
        }
        let (mut queries, mut headers, mut cookies) = (Vec::new(), Vec::new(), Vec::new());
        for (p, view) in op.params.iter().zip(params) {
            match p.location {
                Location::Query => queries.push(view),
                Location::Header => headers.push(view),
                Location::Cookie => cookies.push(view),
                Location::Path => {}
            }
        }
        let method = match op.method.as_str() {
            "GET" | "PUT" | "POST" | "DELETE" | "HEAD" | "PATCH" | "OPTIONS" | "TRACE" => {
                Method::Known(op.method.clone())
            }
            other => Method::Other(string_literal(other)),
        };
        let mutates = !headers.is_empty() || !cookies.is_empty() || op.body.is_some();
        let security = op
            .security
            .iter()
            .map(|alt| alt.iter().map(|s| string_literal(s)).collect())
            .collect();
        let mut doc = op.doc.clone().unwrap_or_default();
        doc.push_str(&format!(
            "\n\n`{} {}`",
            op.method,
            op.path.replace('`', "'")
        ));
        // Exact codes before ranges: a documented code wins over the range holding it.
        let mut arms: Vec<&ResponseVariant> = responses
            .iter()
            .filter(|r| !matches!(r.matched, StatusMatch::Default))
            .collect();
        arms.sort_by_key(|r| matches!(r.matched, StatusMatch::Range(..)));
        let fallback = responses
            .iter()
            .rfind(|r| matches!(r.matched, StatusMatch::Default));
        let uses_deadline = fallback.is_none()
            || arms
                .iter()
                .copied()
                .chain(fallback)
                .any(|r| !matches!(r.decode, Some(Decode::Stream)));
        let builder_text = render(&OperationView {
            doc: format!(
                "/// The request of `Client::{}`: set the optional parameters, then\n/// `send().await`.\n",
                fn_name.trim_start_matches("r#")
            ),
            builder,
            resp_ident,
            fields: &fields,
            url,
            queries,
            headers,
            cookies,
            method,
            mutates,
            body,
            security,
            arms,
            fallback,
            uses_deadline,
            paging,
        });
        let method_text = render(&MethodView {
            doc: doc_comment(Some(&doc), "    "),
            deprecated: op.deprecated,
            fn_name,
            builder,
            required: fields.iter().filter(|f| f.required).collect(),
        });
        (method_text, builder_text, response)
    }
}

/// The type a setter takes for a stored `ty`, and the conversion: `impl Into<..>` for owned
/// strings and bodies, the type itself otherwise.
fn into_arg(ty: &str) -> (String, &'static str) {
    match ty {
        "String" | "reqwest::Body" => (format!("impl Into<{ty}>"), ".into()"),
        _ => (ty.to_string(), ""),
    }
}

/// Generates the crate `crate_name` (lower case, `-` allowed) for `api`.
#[must_use]
pub fn generate(api: &Api, crate_name: &str) -> Vec<GeneratedFile> {
    let crate_name = escape::crate_name(crate_name);
    let crate_ident = crate_name.replace('-', "_");
    let names = surface(api);
    // Types, then response enums, share the `types` module with the prelude and its imports.
    let mut used: HashSet<String> = RESERVED_TYPES
        .iter()
        .map(|r| r.to_ascii_lowercase())
        .chain(names.types.iter().map(|t| t.to_ascii_lowercase()))
        .collect();
    let mut op_idents = Vec::with_capacity(api.operations.len());
    // Request builders share the `operations` module with the prelude and its imports.
    let mut builders: HashSet<String> = RESERVED_TYPES
        .iter()
        .chain(&["Error", "Types"])
        .map(|r| r.to_ascii_lowercase())
        .collect();
    for op in &api.operations {
        let mut builder = pascal_ident(&op.name);
        while !builders.insert(builder.to_ascii_lowercase()) {
            builder.push('_');
        }
        let mut resp = pascal_ident(&format!("{}Response", op.name));
        while !used.insert(resp.to_ascii_lowercase()) {
            resp.push('_');
        }
        op_idents.push((resp, builder));
    }
    // Then the structs of documented response headers, in the same namespace.
    let header_idents = api
        .operations
        .iter()
        .map(|op| {
            op.responses
                .iter()
                .map(|r| {
                    if r.headers.is_empty() {
                        return None;
                    }
                    let variant = if r.status == "default" {
                        "Default".to_string()
                    } else {
                        format!("Status{}", r.status.to_ascii_uppercase())
                    };
                    let mut ident = pascal_ident(&format!("{}{variant}Headers", op.name));
                    while !used.insert(ident.to_ascii_lowercase()) {
                        ident.push('_');
                    }
                    Some(ident)
                })
                .collect()
        })
        .collect();
    let ctx = Ctx {
        names,
        op_idents,
        header_idents,
        boxed: crate::graph::containment_cycles(api),
        kinds: api.types.iter().map(|t| t.kind.clone()).collect(),
    };
    let mut items: Vec<String> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| ctx.type_def(i, t))
        .collect();
    let mut operations = Vec::with_capacity(api.operations.len());
    let mut builders = Vec::with_capacity(api.operations.len());
    for (k, op) in api.operations.iter().enumerate() {
        let (method, builder, response) = ctx.operation(k, op);
        operations.push(method);
        builders.push(builder);
        items.push(response);
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
                kind: SchemeKind::ApiKey(*location, string_literal(name)),
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
    let client = render(&ClientView {
        auth: &render(&AuthView { schemes }),
        operations: &operations,
    });
    let base = api.default_base_url();
    let title_doc = comment_text(&api.title);
    let mut files = BTreeMap::new();
    let cargo = CargoToml {
        title_comment: &title_doc,
        crate_name: &crate::manifest::toml_string(&crate_name),
        description: &crate::manifest::toml_string(&format!("Client for {}", title_doc.trim())),
    };
    files.insert("Cargo.toml".to_string(), render(&cargo));
    let lib = LibRs {
        title_doc: &title_doc,
        crate_ident: &crate_ident,
        base_url: &string_literal(&base),
        servers: api
            .servers
            .iter()
            .map(|sv| ServerView {
                url: string_literal(&sv.url),
                doc: string_literal(sv.doc.as_deref().unwrap_or_default()),
                variables: sv
                    .variables
                    .iter()
                    .map(|v| ServerVarView {
                        name: string_literal(&v.name),
                        default: string_literal(&v.default),
                        values: v.values.iter().map(|x| string_literal(x)).collect(),
                        doc: string_literal(v.doc.as_deref().unwrap_or_default()),
                    })
                    .collect(),
            })
            .collect(),
        client: &client,
    };
    files.insert("src/lib.rs".to_string(), render(&lib));
    files.insert(
        "src/types.rs".to_string(),
        render(&TypesRs {
            title_doc: &title_doc,
            items: &items,
        }),
    );
    files.insert(
        "src/operations.rs".to_string(),
        render(&OperationsRs {
            title_doc: &title_doc,
            items: &builders,
        }),
    );
    files.insert(
        "src/runtime.rs".to_string(),
        include_str!("../../templates/rust/runtime.rs.txt").to_string(),
    );
    // The README shows the first operation that takes no arguments, if any.
    let example = api
        .operations
        .iter()
        .enumerate()
        .find(|(_, o)| o.params.iter().all(|p| !p.required) && o.body.is_none())
        .map(|(k, _)| {
            format!(
                "let response = client.{}().send().await?;\n",
                ctx.names.methods[k]
            )
        })
        .unwrap_or_default();
    let readme = Readme {
        crate_name: &crate_name,
        crate_ident: &crate_ident,
        title_doc: &title_doc,
        example: &example,
    };
    files.insert("README.md".to_string(), render(&readme));
    files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect()
}
