//! The Python backend: a package for Python 3.9+ on the standard library alone, with
//! dataclasses and enums that decode and encode themselves, one method per operation, and
//! types that pass `mypy --strict` and `ruff check`. Names are computed here; the askama
//! templates lay out text.

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
    comment_text, docstring, is_reserved, module_name, pascal_ident, snake, string_literal, upper,
    BUILTINS, CLASS_BODY_NAMES, MODULE_NAMES,
};
pub use surface::surface;

/// Enums with more values than this become plain `str`.
const MAX_ENUM_VALUES: usize = 2_000;

/// Field names the generated dataclasses use themselves.
const RESERVED_FIELDS: [&str; 5] = [
    "self",
    "cls",
    "from_json",
    "to_json",
    "additional_properties",
];

#[derive(Template)]
#[template(path = "python/pyproject.toml.txt", escape = "none")]
struct Pyproject<'a> {
    title_comment: &'a str,
    package_name: &'a str,
    description: &'a str,
    module: &'a str,
}

#[derive(Template)]
#[template(path = "python/init.py.txt", escape = "none")]
struct InitPy<'a> {
    title_doc: &'a str,
}

#[derive(Template)]
#[template(path = "python/README.md.txt", escape = "none")]
struct Readme<'a> {
    package_name: &'a str,
    module: &'a str,
    title_doc: &'a str,
    example: &'a str,
    /// Whether an operation has listing helpers.
    paginated: bool,
}

#[derive(Template)]
#[template(path = "python/client.py.txt", escape = "none")]
struct ClientPy<'a> {
    title_doc: &'a str,
    /// Names imported from `typing`.
    typing: &'a [&'a str],
    /// Whether a method has listing helpers (which need `Iterator` and `AsyncIterator`).
    paginated: bool,
    /// Whether a method or result names a model.
    models_import: bool,
    base_url: &'a str,
    servers: &'a str,
    schemes: &'a str,
    /// Module-level blocks: per operation its variant classes, result aliases and functions.
    blocks: &'a [String],
    /// `for_server` of each client class.
    for_server_sync: &'a str,
    for_server_async: &'a str,
    /// Rendered client methods.
    sync_methods: &'a [String],
    async_methods: &'a [String],
}

/// Renders a template; rendering only writes strings, so it cannot fail.
fn render(t: &impl Template) -> String {
    t.render().unwrap_or_default()
}

#[derive(Template)]
#[template(path = "python/models.py.txt", escape = "none")]
struct ModelsPy<'a> {
    /// The module docstring.
    header: &'a str,
    /// Which imports the definitions use.
    uses_enum: bool,
    dataclasses: &'a [&'a str],
    typing: &'a [&'a str],
    runtime: bool,
    /// Whether the first definition is a class or function (two blank lines before it).
    def_like: bool,
    /// Definitions in order; None where an alias was kept back to the end (its blank lines stay).
    blocks: &'a [Option<String>],
}

/// A dataclass (`templates/python/type.py.txt`).
#[derive(Template)]
#[template(path = "python/type.py.txt", escape = "none")]
struct DataclassView {
    ident: String,
    /// The class docstring (escaped), indented.
    doc: String,
    /// Fields as declared: required ones first.
    attributes: Vec<AttributeView>,
    /// Fields in definition order, for decoding and encoding.
    fields: Vec<FieldView>,
    /// Whether other properties are kept.
    additional: bool,
}

/// A dataclass field declaration.
struct AttributeView {
    name: String,
    ty: String,
    required: bool,
    /// Its docstring, indented, possibly empty.
    doc: String,
}

/// A field as `from_json` and `to_json` use it.
struct FieldView {
    name: String,
    /// The wire name as a string literal.
    wire: String,
    required: bool,
    /// The expression decoding its value from `d`.
    decode: String,
}

/// A `str` enum with an `UNKNOWN` fallback (`templates/python/enum.py.txt`).
#[derive(Template)]
#[template(path = "python/enum.py.txt", escape = "none")]
struct EnumView {
    ident: String,
    doc: String,
    /// (member name, value literal).
    members: Vec<(String, String)>,
}

/// An alias with its decoder (`templates/python/alias.py.txt`).
#[derive(Template)]
#[template(path = "python/alias.py.txt", escape = "none")]
struct AliasView {
    ident: String,
    /// The aliased type expression.
    target: String,
    /// The docstring (not indented), possibly empty.
    doc: String,
    /// The expression decoding `data`.
    decode: String,
}

/// A union alias with a decoder trying each variant (`templates/python/union.py.txt`).
#[derive(Template)]
#[template(path = "python/union.py.txt", escape = "none")]
struct UnionView {
    ident: String,
    target: String,
    doc: String,
    /// The discriminator property literal, and (tag literal, decoder) per variant.
    tag: Option<(String, Vec<(String, String)>)>,
    /// Decoders tried in order.
    tries: Vec<String>,
    /// Whether a variant takes any data as is (after the tries).
    returns_data: bool,
    /// The error message literal.
    error: String,
}

/// One class per documented response of an operation (`templates/python/variant.py.txt`).
#[derive(Template)]
#[template(path = "python/variant.py.txt", escape = "none")]
struct VariantView<'a> {
    ident: &'a str,
    /// `Success`, `Failure` or `Fallback` (the runtime class giving `ok`).
    base: &'static str,
    /// Whether the body is a stream (the class is generic in its type).
    generic: bool,
    /// The `status` literal: `200`, `"2XX"` or `"default"`.
    status: &'a str,
    /// The documented key, for the docstring.
    key: &'a str,
    method: &'a str,
    /// The body type.
    body: &'a str,
    /// The class of `typed_headers`, when the response documents headers.
    headers: Option<&'a str>,
}

/// A keyword-only argument.
struct ArgView {
    name: String,
    ty: String,
    /// The default in the signature (a Python literal), if any.
    default: Option<String>,
}

/// A parameter as `_rt.Call` takes it.
struct ParamView {
    /// Wire name and style as string literals.
    wire: String,
    location: &'static str,
    style: String,
    explode: bool,
    /// The argument.
    name: String,
}

/// The request body.
struct BodyView {
    /// The media type as a string literal.
    media_type: String,
    kind: &'static str,
}

/// The module-level functions of an operation (`templates/python/operation.py.txt`): the one
/// building its call and the one decoding its responses.
#[derive(Template)]
#[template(path = "python/operation.py.txt", escape = "none")]
struct OperationView<'a> {
    method: &'a str,
    args: &'a [ArgView],
    /// The HTTP method and path template as string literals.
    http_method: String,
    path: String,
    params: Vec<ParamView>,
    body: Option<BodyView>,
    /// Security alternatives: lists of scheme names as string literals.
    security: Vec<Vec<String>>,
    /// The streamed status keys and every documented key, as tuple items.
    streams: Option<(String, String)>,
    /// The decoder's argument type and return type.
    res_ty: &'a str,
    ret: &'a str,
    /// (condition, variant built) per exact code, then per range.
    arms: Vec<(String, String)>,
    /// The last statement: the default variant, or the error.
    last: String,
}

/// A client method (`templates/python/method.py.txt`).
#[derive(Template)]
#[template(path = "python/method.py.txt", escape = "none")]
struct MethodView<'a> {
    is_async: bool,
    method: &'a str,
    args: &'a [ArgView],
    ret: &'a str,
    /// False for an operation without responses (`NoReturn`).
    returns: bool,
    /// The docstring, indented.
    doc: &'a str,
}

/// What an operation adds to `client.py`.
struct OperationCode {
    /// Variant classes, result aliases and functions.
    block: String,
    sync_method: String,
    async_method: String,
    /// Whether it has listing helpers.
    paginated: bool,
}

/// The `_SCHEMES` table of the client (`templates/python/auth.py.txt`).
#[derive(Template)]
#[template(path = "python/auth.py.txt", escape = "none")]
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

struct Ctx<'a> {
    api: &'a Api,
    /// Names from `typing`, `enum` and `dataclasses` the module being written uses.
    imports: std::cell::RefCell<std::collections::BTreeSet<&'static str>>,
    /// The public names of types, members, methods and arguments.
    names: crate::surface::Surface,
    /// (alias, target) references that would make a circular type alias.
    cyclic: HashSet<(usize, usize)>,
    /// Aliases of one other named type (`A = B`): written unquoted after every class, because a
    /// quoted name alone would be a string to mypy, not an alias. (alias, target, block).
    deferred: std::cell::RefCell<Vec<(String, String, String)>>,
    /// The members of each string enum written: (wire value, member name).
    enum_members: std::cell::RefCell<std::collections::HashMap<usize, Vec<(String, String)>>>,
}

/// How a named type is represented.
enum Repr {
    Class,
    StrEnum,
    /// An alias with a `_decode_X` function.
    Alias,
}

impl Ctx<'_> {
    fn uses(&self, name: &'static str) {
        self.imports.borrow_mut().insert(name);
    }

    fn repr(&self, i: usize) -> Repr {
        match &self.api.types[i].kind {
            TypeKind::Struct { .. } => Repr::Class,
            TypeKind::Enum { .. } if surface::is_str_enum(&self.api.types[i]) => Repr::StrEnum,
            _ => Repr::Alias,
        }
    }

    /// The Python type of a reference. `prefix` qualifies named types (`models.` outside the
    /// models module); `runtime` is for alias values, which run at import time on Python 3.9:
    /// named types are quoted and nullability is `Optional[...]` there, `X | None` in
    /// annotations.
    fn ty(&self, t: &TypeRef, owner: Option<usize>, prefix: &str, runtime: bool) -> String {
        match t {
            TypeRef::String(_) | TypeRef::Binary => "str".into(),
            TypeRef::Integer(_) => "int".into(),
            TypeRef::Number => "float".into(),
            TypeRef::Boolean => "bool".into(),
            TypeRef::Any | TypeRef::Literal(_) => {
                self.uses("Any");
                "Any".into()
            }
            TypeRef::Array(x) => format!("list[{}]", self.ty(x, None, prefix, runtime)),
            TypeRef::Map(x) => format!("dict[str, {}]", self.ty(x, None, prefix, runtime)),
            TypeRef::Nullable(x) => {
                let inner = self.ty(x, owner, prefix, runtime);
                if inner == "Any" {
                    inner
                } else if runtime {
                    self.uses("Optional");
                    format!("Optional[{inner}]")
                } else {
                    format!("{inner} | None")
                }
            }
            TypeRef::Named(i) => match owner {
                Some(o) if self.cyclic.contains(&(o, *i)) => {
                    self.uses("Any");
                    "Any".into()
                }
                _ if runtime => format!("\"{prefix}{}\"", self.names.types[*i]),
                _ => format!("{prefix}{}", self.names.types[*i]),
            },
        }
    }

    /// `t | None` in an annotation (unchanged when it already admits None).
    fn optional(&self, t: String) -> String {
        if t == "Any" || t.ends_with(" | None") {
            t
        } else {
            format!("{t} | None")
        }
    }

    /// An expression decoding JSON data `expr` into type `t` (`depth` names comprehension
    /// variables apart).
    fn dec(
        &self,
        t: &TypeRef,
        expr: &str,
        owner: Option<usize>,
        prefix: &str,
        depth: usize,
    ) -> String {
        match t {
            TypeRef::String(_) | TypeRef::Binary => format!("_rt.as_str({expr})"),
            TypeRef::Integer(_) => format!("_rt.as_int({expr})"),
            TypeRef::Number => format!("_rt.as_float({expr})"),
            TypeRef::Boolean => format!("_rt.as_bool({expr})"),
            TypeRef::Any | TypeRef::Literal(_) => expr.to_string(),
            TypeRef::Array(x) => {
                let v = format!("v{depth}");
                format!(
                    "[{} for {v} in _rt.as_list({expr})]",
                    self.dec(x, &v, None, prefix, depth + 1)
                )
            }
            TypeRef::Map(x) => {
                let (k, v) = (format!("k{depth}"), format!("v{depth}"));
                format!(
                    "{{{k}: {} for {k}, {v} in _rt.as_object({expr}).items()}}",
                    self.dec(x, &v, None, prefix, depth + 1)
                )
            }
            TypeRef::Nullable(x) => {
                let inner = self.dec(x, expr, owner, prefix, depth);
                if inner == expr {
                    inner
                } else {
                    format!("(None if {expr} is None else {inner})")
                }
            }
            TypeRef::Named(i) => {
                if matches!(owner, Some(o) if self.cyclic.contains(&(o, *i))) {
                    return expr.to_string();
                }
                let id = &self.names.types[*i];
                match self.repr(*i) {
                    Repr::Class => format!("{prefix}{id}.from_json({expr})"),
                    Repr::StrEnum => format!("{prefix}{id}(_rt.as_str({expr}))"),
                    Repr::Alias => format!("{prefix}_decode_{id}({expr})"),
                }
            }
        }
    }

    /// Named type `i`, rendered by its construct's template. Aliases of one other named type
    /// are kept back in `deferred` (see there): then this returns None.
    fn type_def(&self, i: usize, t: &TypeDef) -> Option<String> {
        let ident = self.names.types[i].clone();
        match &t.kind {
            TypeKind::Struct { fields, additional } => {
                self.uses("dataclass");
                self.uses("Any");
                let doc = t
                    .doc
                    .clone()
                    .unwrap_or_else(|| format!("The `{}` object.", t.name));
                // A repeated wire name has no field of its own.
                let named: Vec<(String, &crate::ir::Field)> = fields
                    .iter()
                    .enumerate()
                    .filter_map(|(k, f)| Some((self.names.member(i, k)?.to_string(), f)))
                    .collect();
                // Required fields first: dataclass fields with defaults must come last.
                let ordered = named
                    .iter()
                    .filter(|(_, f)| f.required)
                    .chain(named.iter().filter(|(_, f)| !f.required))
                    .map(|(name, f)| {
                        let base = self.ty(&f.ty, None, "", false);
                        AttributeView {
                            name: name.clone(),
                            ty: if f.required {
                                base
                            } else {
                                self.optional(base)
                            },
                            required: f.required,
                            doc: docstring(f.doc.as_deref(), "    "),
                        }
                    })
                    .collect();
                if additional.is_some() {
                    self.uses("field");
                }
                let fields = named
                    .iter()
                    .map(|(name, f)| {
                        let wire = string_literal(&f.wire);
                        let decode = if f.required {
                            // No assignment expression in a comprehension's iterable.
                            let plain =
                                self.dec(&f.ty, &format!("_rt.required(d, {wire})"), None, "", 0);
                            if plain.contains(" for ") {
                                format!("_rt.keyed(k := {wire}, {plain})")
                            } else {
                                self.dec(
                                    &f.ty,
                                    &format!("_rt.required(d, k := {wire})"),
                                    None,
                                    "",
                                    0,
                                )
                            }
                        } else {
                            self.dec(&f.ty, &format!("d[{wire}]"), None, "", 0)
                        };
                        FieldView {
                            name: name.clone(),
                            wire,
                            required: f.required,
                            decode,
                        }
                    })
                    .collect();
                Some(render(&DataclassView {
                    ident,
                    doc: docstring(Some(&doc), "    "),
                    attributes: ordered,
                    fields,
                    additional: additional.is_some(),
                }))
            }
            TypeKind::Enum { values, .. } if matches!(self.repr(i), Repr::StrEnum) => {
                self.uses("enum");
                self.uses("Any");
                let doc = t.doc.clone().unwrap_or_else(|| {
                    format!(
                        "The values of `{}`; unknown ones decode to an `UNKNOWN` member.",
                        t.name
                    )
                });
                let mut members = Vec::new();
                for (k, v) in values.iter().enumerate() {
                    let wire = v.wire.as_str().unwrap_or_default();
                    // A repeated value has no member of its own.
                    let Some(name) = self.names.member(i, k).map(str::to_string) else {
                        continue;
                    };
                    self.enum_members
                        .borrow_mut()
                        .entry(i)
                        .or_default()
                        .push((wire.to_string(), name.clone()));
                    members.push((name, string_literal(wire)));
                }
                Some(render(&EnumView {
                    ident,
                    doc: docstring(Some(&doc), "    "),
                    members,
                }))
            }
            TypeKind::Enum { values, strings } => {
                let all_int = values.iter().all(|v| v.wire.is_i64() || v.wire.is_u64());
                let (base, dec) = match (*strings, all_int) {
                    (true, _) => ("str", "_rt.as_str(data)"),
                    (false, true) => ("int", "_rt.as_int(data)"),
                    (false, false) => ("float", "_rt.as_float(data)"),
                };
                self.uses("Any");
                Some(render(&AliasView {
                    ident,
                    target: base.to_string(),
                    doc: docstring(t.doc.as_deref(), ""),
                    decode: dec.to_string(),
                }))
            }
            TypeKind::Union {
                variants,
                discriminator,
            } => {
                let mut members: Vec<String> = Vec::new();
                let mut nullable = false;
                for (_, v) in variants {
                    let mut v = v;
                    while let TypeRef::Nullable(x) = v {
                        nullable = true;
                        v = x;
                    }
                    let m = self.ty(v, Some(i), "", true);
                    if !members.contains(&m) {
                        members.push(m);
                    }
                }
                // An unknown tag, or a value matching no variant of an untagged union.
                if !members.is_empty() {
                    members.push("_rt.Unknown".into());
                }
                if nullable && !members.is_empty() {
                    members.push("None".into());
                }
                self.uses("Any");
                let rhs = if members.is_empty() || members.iter().any(|m| m == "Any") {
                    "Any".to_string()
                } else if members.len() == 1 {
                    members[0].clone()
                } else {
                    self.uses("Union");
                    format!("Union[{}]", members.join(", "))
                };
                let bare = rhs.len() > 2 && rhs.starts_with('"') && !rhs.contains('[');
                let rhs = if bare {
                    rhs.trim_matches('"').to_string()
                } else {
                    rhs
                };
                let tag = discriminator.as_ref().map(|(prop, tags)| {
                    (
                        string_literal(prop),
                        variants
                            .iter()
                            .zip(tags)
                            .map(|((_, v), tag)| {
                                (string_literal(tag), self.dec(v, "data", Some(i), "", 0))
                            })
                            .collect(),
                    )
                });
                let mut tries = Vec::new();
                let mut returns_data = false;
                for (_, v) in variants {
                    let d = self.dec(v, "data", Some(i), "", 0);
                    if d == "data" {
                        returns_data = true;
                        break;
                    }
                    tries.push(d);
                }
                let block = render(&UnionView {
                    ident: ident.clone(),
                    target: rhs.clone(),
                    doc: docstring(t.doc.as_deref(), ""),
                    tag,
                    tries,
                    returns_data,
                    error: string_literal(&format!("no variant of {} matches", t.name)),
                });
                self.defer(bare, ident, rhs, block)
            }
            TypeKind::Alias(a) => {
                self.uses("Any");
                let rhs = self.ty(a, Some(i), "", true);
                let bare = rhs.len() > 2 && rhs.starts_with('"') && !rhs.contains('[');
                let rhs = if bare {
                    rhs.trim_matches('"').to_string()
                } else {
                    rhs
                };
                let block = render(&AliasView {
                    ident: ident.clone(),
                    target: rhs.clone(),
                    doc: docstring(t.doc.as_deref(), ""),
                    decode: self.dec(a, "data", Some(i), "", 0),
                });
                self.defer(bare, ident, rhs, block)
            }
        }
    }

    /// `block`, or None after keeping it back in `deferred` when it aliases one named type.
    fn defer(&self, bare: bool, alias: String, target: String, block: String) -> Option<String> {
        if bare {
            self.deferred.borrow_mut().push((alias, target, block));
            None
        } else {
            Some(block)
        }
    }

    /// A Python literal for parameter default `v` when it fits type `t` (so that it type-checks).
    fn default_literal(&self, t: &TypeRef, v: &serde_json::Value) -> Option<String> {
        use serde_json::Value;
        match (t, v) {
            (TypeRef::Nullable(x), _) => self.default_literal(x, v),
            (TypeRef::String(_), Value::String(s)) => Some(string_literal(s)),
            (TypeRef::Integer(_), Value::Number(n)) if n.is_i64() || n.is_u64() => {
                Some(n.to_string())
            }
            (TypeRef::Number, Value::Number(n)) => {
                let text = n.to_string();
                let finite = n.as_f64().is_some_and(f64::is_finite);
                finite.then_some(text)
            }
            (TypeRef::Boolean, Value::Bool(b)) => {
                Some(if *b { "True" } else { "False" }.to_string())
            }
            (TypeRef::Named(i), Value::String(s)) if matches!(self.repr(*i), Repr::StrEnum) => {
                let members = self.enum_members.borrow();
                let (_, member) = members.get(i)?.iter().find(|(wire, _)| wire == s)?;
                Some(format!("models.{}.{member}", self.names.types[*i]))
            }
            _ => None,
        }
    }

    /// The class `ident` of the documented headers of response `r` (key `key`) of `method`:
    /// one attribute per header, read to its type.
    fn headers_class(
        &self,
        ident: &str,
        key: &str,
        method: &str,
        r: &crate::ir::Response,
    ) -> String {
        let mut used = HashSet::new();
        let mut out = format!(
            "class {ident}(_rt.TypedHeaders):\n{}\n    def __init__(self, res: _rt.Raw) -> None:\n",
            docstring(
                Some(&format!(
                    "The documented headers of `{key}` of `{method}`, typed (None when absent)."
                )),
                "    "
            )
        );
        for h in &r.headers {
            // A header is never null: a nullable type reads as its inner type.
            let mut ty = &h.ty;
            while let TypeRef::Nullable(inner) = ty {
                ty = inner;
            }
            let mut name = snake(&h.name);
            if is_reserved(&name) {
                name.push('_');
            }
            let name = crate::surface::first_free(&mut used, name);
            let mut doc = format!("`{}`", h.wire.replace('`', "'"));
            if h.required {
                doc.push_str(" (documented as always sent)");
            }
            if let Some(d) = &h.doc {
                doc.push_str(": ");
                doc.push_str(d);
            }
            let decode = self.dec(ty, "j", None, "models.", 0);
            out.push_str(&format!(
                "        self.{name}: {} | None = res.header({}, \"{}\", lambda j: {decode})\n{}",
                self.ty(ty, None, "models.", false),
                string_literal(&h.wire),
                self.header_shape(ty),
                docstring(Some(&doc), "        ")
            ));
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// How a header's text maps to `ty`: a list, an object (names and values) or one value.
    fn header_shape<'t>(&'t self, mut ty: &'t TypeRef) -> &'static str {
        for _ in 0..16 {
            match ty {
                TypeRef::Nullable(inner) => ty = inner,
                TypeRef::Array(_) => return "list",
                TypeRef::Map(_) => return "object",
                TypeRef::Named(i) => match self.api.types.get(*i).map(|t| &t.kind) {
                    Some(TypeKind::Alias(inner)) => ty = inner,
                    Some(TypeKind::Struct { .. }) => return "object",
                    _ => return "scalar",
                },
                _ => return "scalar",
            }
        }
        "scalar"
    }

    /// An operation with method name `method` (and its listing helpers' names when it pages);
    /// `used` holds the names of `client.py`.
    fn operation(
        &self,
        op: &Operation,
        method: &str,
        arg_names: &[String],
        paging: Option<&(String, String)>,
        used: &mut HashSet<String>,
    ) -> OperationCode {
        let mut ident_for = |base: String| {
            let mut id = base;
            while !used.insert(id.clone()) {
                id.push('_');
            }
            id
        };
        let pascal = pascal_ident(&op.name);
        let has_2xx = op.documents_success();
        let mut classes = Vec::new();
        let mut members = Vec::new();
        let mut generic = false;
        let mut streams = Vec::new();
        let mut arms = Vec::new();
        let mut last = "raise _rt.unexpected(res)".to_string();
        let mut ordered: Vec<&crate::ir::Response> = Vec::new();
        for want in 0..3 {
            for r in &op.responses {
                let rank = match r.status_match() {
                    StatusMatch::Exact(_) => 0,
                    StatusMatch::Range(..) => 1,
                    StatusMatch::Default => 2,
                };
                if rank == want {
                    ordered.push(r);
                }
            }
        }
        for r in ordered {
            let m = r.status_match();
            let (suffix, status, base, cond) = match m {
                StatusMatch::Exact(c) => (
                    c.to_string(),
                    c.to_string(),
                    if r.is_success() { "Success" } else { "Failure" },
                    format!("res.status == {c}"),
                ),
                StatusMatch::Range(lo, hi) => (
                    format!("{}XX", lo / 100),
                    format!("\"{}XX\"", lo / 100),
                    if r.is_success() { "Success" } else { "Failure" },
                    format!("{lo} <= res.status <= {hi}"),
                ),
                StatusMatch::Default => (
                    "Default".to_string(),
                    "\"default\"".to_string(),
                    if has_2xx { "Failure" } else { "Fallback" },
                    String::new(),
                ),
            };
            let key = r.status.clone();
            let (body_ty, read, streamed) =
                match (&r.ty, r.media_type.as_deref().map(crate::build::body_kind)) {
                    (Some(t), Some(BodyKind::Json)) => {
                        let d = self.dec(t, "j", None, "models.", 0);
                        let read = if d == "j" {
                            "res.json()".to_string()
                        } else if let Some(f) = d
                            .strip_suffix("(j)")
                            .filter(|f| !f.contains(['(', ' ', '[']))
                        {
                            format!("res.json_body({f})")
                        } else {
                            format!("res.json_body(lambda j: {d})")
                        };
                        (self.ty(t, None, "models.", false), read, false)
                    }
                    (Some(_), Some(BodyKind::Text)) => {
                        ("str".to_string(), "res.text()".to_string(), false)
                    }
                    (Some(_), _) => ("_rt.S".to_string(), "res.stream".to_string(), true),
                    (None, _) => ("None".to_string(), "None".to_string(), false),
                };
            if streamed {
                generic = true;
                streams.push(string_literal(&key));
            }
            let ident = ident_for(format!("{pascal}{suffix}"));
            let headers = (!r.headers.is_empty()).then(|| ident_for(format!("{ident}Headers")));
            if let Some(h) = &headers {
                classes.push(self.headers_class(h, &key, method, r));
            }
            classes.push(render(&VariantView {
                ident: &ident,
                base,
                generic: streamed,
                status: &status,
                key: &key,
                method,
                body: &body_ty,
                headers: headers.as_deref(),
            }));
            let value = format!("{ident}(res, {read})");
            members.push((ident, streamed));
            if cond.is_empty() {
                last = format!("return {value}");
            } else {
                arms.push((cond, value));
            }
        }
        let union = |stream: &str| -> String {
            let names: Vec<String> = members
                .iter()
                .map(|(id, s)| {
                    if *s {
                        format!("{id}[{stream}]")
                    } else {
                        id.clone()
                    }
                })
                .collect();
            match names.len() {
                0 => {
                    self.uses("NoReturn");
                    "NoReturn".to_string()
                }
                1 => names[0].clone(),
                _ => {
                    self.uses("Union");
                    format!("Union[{}]", names.join(", "))
                }
            }
        };
        if !members.is_empty() {
            self.uses("Literal");
        }
        if generic {
            self.uses("Generic");
        }
        let sync_ident = ident_for(format!("{pascal}Response"));
        let mut aliases = format!(
            "{sync_ident} = {}\n\"\"\"The documented responses of `{method}`.\"\"\"",
            union("_rt.ByteStream")
        );
        let async_ident = if generic {
            let id = ident_for(format!("{pascal}AsyncResponse"));
            aliases.push_str(&format!(
                "\n\n{id} = {}\n\"\"\"The documented responses of `{method}` in AsyncClient.\"\"\"",
                union("_rt.AsyncByteStream")
            ));
            id
        } else {
            sync_ident.clone()
        };
        let (res_ty, ret) = if generic {
            // An annotation: `X | Y` (a runtime alias above keeps `Union`).
            let names: Vec<String> = members
                .iter()
                .map(|(id, s)| {
                    if *s {
                        format!("{id}[_rt.S]")
                    } else {
                        id.clone()
                    }
                })
                .collect();
            ("_rt.Received[_rt.S]".to_string(), names.join(" | "))
        } else {
            ("_rt.Raw".to_string(), sync_ident.clone())
        };
        // Arguments: keyword-only.
        let mut args = Vec::new();
        let mut params = Vec::new();
        let mut arg_docs = String::new();
        for (p, name) in op.params.iter().zip(arg_names) {
            let name = name.clone();
            let t = self.ty(&p.ty, None, "models.", false);
            let default = if p.required {
                None
            } else {
                p.default
                    .as_ref()
                    .and_then(|v| self.default_literal(&p.ty, v))
            };
            let first = p
                .doc
                .as_deref()
                .and_then(|d| d.lines().next())
                .filter(|d| !d.trim().is_empty());
            let shown = p.default.as_ref().filter(|_| !p.required).map(|v| {
                let text = serde_json::to_string(v).unwrap_or_default();
                let short: String = text.chars().take(60).collect();
                format!(" (default: {short})")
            });
            if first.is_some() || shown.is_some() {
                arg_docs.push_str(&format!(
                    "{name}:{}{}\n",
                    first.map(|d| format!(" {d}")).unwrap_or_default(),
                    shown.unwrap_or_default()
                ));
            }
            args.push(ArgView {
                name: name.clone(),
                ty: if p.required || default.is_some() {
                    t
                } else {
                    self.optional(t)
                },
                default: if p.required {
                    None
                } else {
                    Some(default.unwrap_or_else(|| "None".to_string()))
                },
            });
            params.push(ParamView {
                wire: string_literal(&p.wire),
                location: p.location.as_str(),
                style: string_literal(&p.style),
                explode: p.explode,
                name,
            });
        }
        let body = op.body.as_ref().map(|b| {
            let t = match (&b.kind, &b.ty) {
                (BodyKind::Binary, _) | (_, TypeRef::Binary) => "_rt.Upload".to_string(),
                (BodyKind::Text, _) => "str".to_string(),
                _ => self.ty(&b.ty, None, "models.", false),
            };
            args.push(ArgView {
                name: "body".to_string(),
                ty: if b.required { t } else { self.optional(t) },
                default: (!b.required).then(|| "None".to_string()),
            });
            BodyView {
                media_type: string_literal(&b.media_type),
                kind: b.kind.as_str(),
            }
        });
        let mut doc = op.doc.clone().unwrap_or_default();
        doc.push_str(&format!(
            "\n\n`{} {}`",
            op.method,
            op.path.replace('`', "'")
        ));
        if !arg_docs.is_empty() {
            let lines: Vec<String> = arg_docs.lines().map(|l| format!("    {l}")).collect();
            doc.push_str("\n\nArgs:\n");
            doc.push_str(&lines.join("\n"));
        }
        if op.deprecated {
            doc.push_str("\n\nDeprecated.");
        }
        let security = op
            .security
            .iter()
            .map(|alt| alt.iter().map(|s| string_literal(s)).collect())
            .collect();
        let streams = (!streams.is_empty()).then(|| {
            let documented: Vec<String> = op
                .responses
                .iter()
                .map(|r| string_literal(&r.status))
                .collect();
            (streams.join(", "), documented.join(", "))
        });
        let call_args: Vec<ArgView> = args
            .iter()
            .map(|a| ArgView {
                name: a.name.clone(),
                ty: a.ty.clone(),
                default: None,
            })
            .collect();
        let functions = render(&OperationView {
            method,
            args: &call_args,
            http_method: string_literal(&op.method),
            path: string_literal(&op.path),
            params,
            body,
            security,
            streams,
            res_ty: &res_ty,
            ret: &ret,
            arms,
            last,
        });
        let mut block = classes.join("\n\n\n");
        if !block.is_empty() {
            block.push_str("\n\n\n");
        }
        block.push_str(&aliases);
        block.push_str("\n\n\n");
        block.push_str(&functions);
        let doc_text = docstring(Some(doc.trim()), "        ");
        let mut sync_method = render(&MethodView {
            is_async: false,
            method,
            args: &args,
            ret: &sync_ident,
            returns: !members.is_empty(),
            doc: &doc_text,
        });
        let async_doc = format!("        \"\"\"The coroutine of `Client.{method}`.\"\"\"\n");
        let mut async_method = render(&MethodView {
            is_async: true,
            method,
            args: &args,
            ret: &async_ident,
            returns: !members.is_empty(),
            doc: &async_doc,
        });
        let listing = match (paging, &op.pagination) {
            (Some((pages, all)), Some(p)) => {
                self.listing(op, p, method, (pages, all), arg_names, &args)
            }
            _ => None,
        };
        let paginated = listing.is_some();
        if let Some(l) = listing {
            block.push_str("\n\n\n");
            block.push_str(&l.table);
            sync_method.push_str("\n\n");
            sync_method.push_str(&l.sync_methods);
            async_method.push_str("\n\n");
            async_method.push_str(&l.async_methods);
        }
        OperationCode {
            block,
            sync_method,
            async_method,
            paginated,
        }
    }
}

/// Generates the package `package_name` for `api`; its module is the name in `snake_case`.
#[must_use]
pub fn generate(api: &Api, package_name: &str) -> Vec<GeneratedFile> {
    let package_name = crate::names::package_slug(package_name);
    let module = module_name(&package_name);
    let names = surface(api);
    let ctx = Ctx {
        api,
        imports: Default::default(),
        deferred: Default::default(),
        enum_members: Default::default(),
        names,
        cyclic: crate::graph::alias_cycles(api),
    };
    let title = comment_text(&api.title);
    let header = docstring(
        Some(&format!(
            "Types of {title}, generated by oaskit. Do not edit: regenerate instead."
        )),
        "",
    );
    let mut blocks: Vec<Option<String>> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| ctx.type_def(i, t))
        .collect();
    // Aliases of one named type, each after its target (alias chains have no cycles: those
    // became `Any`).
    let mut pending = ctx.deferred.take();
    while !pending.is_empty() {
        let waiting: HashSet<String> = pending.iter().map(|(a, _, _)| a.clone()).collect();
        let (ready, rest): (Vec<_>, Vec<_>) = pending
            .into_iter()
            .partition(|(_, target, _)| !waiting.contains(target));
        if ready.is_empty() {
            // Unreachable by construction; keep every definition rather than loop.
            blocks.extend(rest.into_iter().map(|(_, _, block)| Some(block)));
            break;
        }
        blocks.extend(ready.into_iter().map(|(_, _, block)| Some(block)));
        pending = rest;
    }
    let first = blocks
        .iter()
        .position(Option::is_some)
        .unwrap_or(blocks.len());
    let blocks = &blocks[first..];
    // isort's spacing: two blank lines before a class or function, one before other code.
    let def_like = blocks
        .first()
        .and_then(Option::as_deref)
        .is_some_and(|b| b.starts_with('@') || b.starts_with("class ") || b.starts_with("def "));
    let used = ctx.imports.take();
    let named = |names: &[&'static str]| -> Vec<&'static str> {
        names.iter().copied().filter(|n| used.contains(n)).collect()
    };
    let models = render(&ModelsPy {
        header: header.trim_end(),
        uses_enum: used.contains("enum"),
        dataclasses: &named(&["dataclass", "field"]),
        typing: &named(&["Any", "NoReturn", "Optional", "Union"]),
        // The runtime only when a definition uses it (aliases of `Any` alone do not).
        runtime: blocks.iter().flatten().any(|b| b.contains("_rt.")),
        def_like,
        blocks,
    });
    let mut blocks_py = Vec::with_capacity(api.operations.len());
    let mut sync_methods = Vec::with_capacity(api.operations.len());
    let mut async_methods = Vec::with_capacity(api.operations.len());
    let mut client_names: HashSet<String> = [
        "Client",
        "AsyncClient",
        "SERVERS",
        "DEFAULT_BASE_URL",
        "models",
        "Any",
        "Generic",
        "Literal",
        "NoReturn",
        "Union",
        "overload",
        "AsyncIterator",
        "Iterator",
    ]
    .iter()
    .chain(BUILTINS.iter())
    .chain(MODULE_NAMES.iter())
    .map(|s| s.to_string())
    .collect();
    let mut first_call = None;
    // The listing helpers' names come after every operation's, so an operation keeps its name
    // when a helper would take it.
    let helpers = surface::listing_names(api, &ctx.names.methods);
    let mut paginated = false;
    for (k, (op, helper)) in api.operations.iter().zip(&helpers).enumerate() {
        let method = &ctx.names.methods[k];
        if first_call.is_none() && op.params.iter().all(|p| !p.required) && op.body.is_none() {
            first_call = Some(method.clone());
        }
        let code = ctx.operation(
            op,
            method,
            &ctx.names.params[k],
            helper.as_ref(),
            &mut client_names,
        );
        paginated |= code.paginated;
        blocks_py.push(code.block);
        sync_methods.push(code.sync_method);
        async_methods.push(code.async_method);
    }
    let (servers, for_sync, for_async) = servers(&ctx, api);
    let used = ctx.imports.take();
    let typing: Vec<&str> = ["Any", "Generic", "Literal", "NoReturn", "Union", "overload"]
        .into_iter()
        .filter(|n| used.contains(n))
        .collect();
    let models_import = blocks_py
        .iter()
        .chain(&sync_methods)
        .any(|t| t.contains("models."));
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
    let title_doc = title.replace('\\', "\\\\").replace('"', "'");
    let mut files = BTreeMap::new();
    files.insert(
        "pyproject.toml".to_string(),
        Pyproject {
            title_comment: &title,
            package_name: &crate::manifest::toml_string(&package_name),
            description: &crate::manifest::toml_string(&format!("Client for {}", title.trim())),
            module: &module,
        }
        .render()
        .unwrap_or_default(),
    );
    files.insert(
        format!("{module}/__init__.py"),
        InitPy {
            title_doc: &title_doc,
        }
        .render()
        .unwrap_or_default(),
    );
    files.insert(format!("{module}/models.py"), models);
    files.insert(
        format!("{module}/client.py"),
        ClientPy {
            title_doc: &title_doc,
            typing: &typing,
            paginated,
            models_import,
            base_url: &string_literal(&base),
            servers: &servers,
            schemes: &schemes,
            blocks: &blocks_py,
            for_server_sync: &for_sync,
            for_server_async: &for_async,
            sync_methods: &sync_methods,
            async_methods: &async_methods,
        }
        .render()
        .unwrap_or_default(),
    );
    files.insert(
        format!("{module}/_runtime.py"),
        include_str!("../../templates/python/runtime.py.txt").to_string(),
    );
    files.insert(format!("{module}/py.typed"), String::new());
    let example = first_call
        .map(|m| format!("response = client.{m}()\nprint(response.status, response.body)\n"))
        .unwrap_or_default();
    let readme_title: String = title
        .chars()
        .filter(|c| !matches!(c, '`' | '<' | '>' | '[' | ']'))
        .collect();
    files.insert(
        "README.md".to_string(),
        Readme {
            package_name: &package_name,
            module: &module,
            title_doc: &readme_title,
            example: &example,
            paginated,
        }
        .render()
        .unwrap_or_default(),
    );
    files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect()
}

/// The `SERVERS` table and the `for_server` class method of `Client` and `AsyncClient`: one
/// overload per server when there are several, variables with allowed values as `Literal`s.
fn servers(ctx: &Ctx, api: &Api) -> (String, String, String) {
    let mut table = String::from("[");
    // Per server: (keyword argument, type, default literal, wire name).
    let mut signatures: Vec<Vec<(String, String, String)>> = Vec::new();
    for s in &api.servers {
        let mut used: HashSet<String> = ["cls", "index"].iter().map(|s| s.to_string()).collect();
        let mut vars = Vec::new();
        let mut sig = Vec::new();
        for v in &s.variables {
            let mut arg = snake(&v.name);
            while !used.insert(arg.clone()) {
                arg.push('_');
            }
            let mut values = v.values.clone();
            if !values.is_empty() && !values.contains(&v.default) {
                values.push(v.default.clone());
            }
            let literals: Vec<String> = values.iter().map(|x| string_literal(x)).collect();
            let ty = if literals.is_empty() {
                "str".to_string()
            } else {
                ctx.uses("Literal");
                format!("Literal[{}]", literals.join(", "))
            };
            let tuple = match literals.len() {
                0 => "()".to_string(),
                1 => format!("({},)", literals[0]),
                _ => format!("({})", literals.join(", ")),
            };
            vars.push(format!(
                "_rt.ServerVariable({}, {}, {}, {tuple}, {})",
                string_literal(&v.name),
                string_literal(&arg),
                string_literal(&v.default),
                string_literal(v.doc.as_deref().unwrap_or_default()),
            ));
            sig.push((arg, ty, string_literal(&v.default)));
        }
        let vars = match vars.len() {
            0 => "()".to_string(),
            1 => format!("({},)", vars[0]),
            _ => format!("({})", vars.join(", ")),
        };
        table.push_str(&format!(
            "\n    _rt.Server({}, {vars}, {}),",
            string_literal(&s.url),
            string_literal(s.doc.as_deref().unwrap_or_default()),
        ));
        signatures.push(sig);
    }
    if !api.servers.is_empty() {
        table.push('\n');
    }
    table.push(']');
    let doc = "        \"\"\"The client for server `index` of SERVERS, its URL variables given by keyword (their\n        defaults otherwise; allowed values are checked). Other options: construct the client\n        with `_rt.server_url(SERVERS, index, variables)`.\"\"\"\n";
    let method = |class: &str| -> String {
        let params = |i: usize, sig: &[(String, String, String)], defaults: bool| -> String {
            let mut out = format!("cls, index: Literal[{i}]");
            if i == 0 || defaults {
                out.push_str(&format!(" = {i}"));
            }
            if !sig.is_empty() {
                out.push_str(", *");
                for (arg, ty, default) in sig {
                    out.push_str(&format!(", {arg}: {ty} = {default}"));
                }
            }
            out
        };
        match signatures.len() {
            0 => format!(
                "    @classmethod\n    def for_server(cls, index: int = 0) -> {class}:\n{doc}        return cls(_rt.server_url(SERVERS, index, {{}}))\n"
            ),
            1 => {
                let sig = &signatures[0];
                let dict: Vec<String> = sig
                    .iter()
                    .map(|(arg, _, _)| format!("{}: {arg}", string_literal(arg)))
                    .collect();
                format!(
                    "    @classmethod\n    def for_server({}) -> {class}:\n{doc}        return cls(_rt.server_url(SERVERS, index, {{{}}}))\n",
                    params(0, sig, true),
                    dict.join(", ")
                )
            }
            _ => {
                let mut out = String::new();
                for (i, sig) in signatures.iter().enumerate() {
                    out.push_str(&format!(
                        "    @overload\n    @classmethod\n    def for_server({}) -> {class}: ...\n\n",
                        params(i, sig, false)
                    ));
                }
                out.push_str(&format!(
                    "    @classmethod\n    def for_server(cls, index: int = 0, **variables: str) -> {class}:\n{doc}        return cls(_rt.server_url(SERVERS, index, variables))\n"
                ));
                out
            }
        }
    };
    if signatures.len() > 1 {
        ctx.uses("overload");
    }
    if !signatures.is_empty() {
        ctx.uses("Literal");
    }
    (
        table,
        method("Client").trim_end().to_string(),
        method("AsyncClient").trim_end().to_string(),
    )
}
