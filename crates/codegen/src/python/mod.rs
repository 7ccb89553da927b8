//! The Python backend: a package for Python 3.9+ on the standard library alone, with
//! dataclasses and enums that decode and encode themselves, one method per operation, and
//! types that pass `mypy --strict` and `ruff check`. Names are computed here; the askama
//! templates lay out text.

mod escape;

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
}

#[derive(Template)]
#[template(path = "python/client.py.txt", escape = "none")]
struct ClientPy<'a> {
    title_doc: &'a str,
    /// Names imported from `typing`.
    typing: &'a [&'a str],
    /// Whether a method or result names a model.
    models_import: bool,
    base_url: &'a str,
    schemes: &'a str,
    /// Rendered result aliases, one per operation.
    results: &'a [String],
    /// Rendered client methods.
    operations: &'a [String],
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

/// The alias naming an operation's responses (`templates/python/result.py.txt`).
#[derive(Template)]
#[template(path = "python/result.py.txt", escape = "none")]
struct ResultView<'a> {
    method: &'a str,
    ident: &'a str,
    target: &'a str,
}

/// A keyword-only argument.
struct ArgView {
    name: String,
    ty: String,
    required: bool,
}

/// A parameter as `_rt.send` takes it.
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

/// One client method (`templates/python/operation.py.txt`).
#[derive(Template)]
#[template(path = "python/operation.py.txt", escape = "none")]
struct OperationView<'a> {
    method: &'a str,
    result_ident: &'a str,
    args: Vec<ArgView>,
    /// The method docstring, indented.
    doc: String,
    /// The HTTP method and path template as string literals.
    http_method: String,
    path: String,
    params: Vec<ParamView>,
    body: Option<BodyView>,
    /// Security alternatives: lists of scheme names as string literals.
    security: Vec<Vec<String>>,
    /// (status, expression reading the body) of the exact, range and default responses.
    exact: Vec<(StatusMatch, String)>,
    ranges: Vec<(StatusMatch, String)>,
    fallbacks: Vec<(StatusMatch, String)>,
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
    idents: Vec<String>,
    /// (alias, target) references that would make a circular type alias.
    cyclic: HashSet<(usize, usize)>,
    /// Aliases of one other named type (`A = B`): written unquoted after every class, because a
    /// quoted name alone would be a string to mypy, not an alias. (alias, target, block).
    deferred: std::cell::RefCell<Vec<(String, String, String)>>,
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
            TypeKind::Enum { values, strings }
                if *strings && !values.is_empty() && values.len() <= MAX_ENUM_VALUES =>
            {
                Repr::StrEnum
            }
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
                _ if runtime => format!("\"{prefix}{}\"", self.idents[*i]),
                _ => format!("{prefix}{}", self.idents[*i]),
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
                let id = &self.idents[*i];
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
        let ident = self.idents[i].clone();
        match &t.kind {
            TypeKind::Struct { fields, additional } => {
                self.uses("dataclass");
                self.uses("Any");
                let doc = t
                    .doc
                    .clone()
                    .unwrap_or_else(|| format!("The `{}` object.", t.name));
                let mut used: HashSet<String> = RESERVED_FIELDS
                    .iter()
                    .chain(CLASS_BODY_NAMES.iter())
                    .chain(MODULE_NAMES.iter())
                    .map(|s| s.to_string())
                    .collect();
                let mut seen = HashSet::new();
                let mut named = Vec::new();
                for f in fields {
                    if !seen.insert(f.wire.as_str()) {
                        continue;
                    }
                    let mut name = snake(&f.name);
                    while !used.insert(name.clone()) {
                        name.push('_');
                    }
                    named.push((name, f));
                }
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
                            self.dec(&f.ty, &format!("_rt.required(d, {wire})"), None, "", 0)
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
                let mut used: HashSet<String> = HashSet::from(["UNKNOWN".to_string()]);
                let mut wires = HashSet::new();
                let mut members = Vec::new();
                for v in values {
                    let wire = v.wire.as_str().unwrap_or_default();
                    if !wires.insert(wire.to_string()) {
                        continue;
                    }
                    let mut name = upper(&v.name);
                    while !used.insert(name.clone()) {
                        name.push('_');
                    }
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

    /// An operation with method name `method`: (the client method, its result alias).
    fn operation(&self, op: &Operation, method: &str) -> (String, String) {
        let result_ident = format!("{}Response", pascal_ident(&op.name));
        let mut members = Vec::new();
        let mut responses = Vec::new();
        for r in &op.responses {
            let (body_ty, read) =
                match (&r.ty, r.media_type.as_deref().map(crate::build::body_kind)) {
                    (Some(t), Some(BodyKind::Json)) => (
                        self.ty(t, None, "models.", true),
                        self.dec(t, "res.json()", None, "models.", 0),
                    ),
                    (Some(_), Some(BodyKind::Text)) => {
                        ("str".to_string(), "res.text()".to_string())
                    }
                    (Some(_), _) => ("bytes".to_string(), "res.content".to_string()),
                    (None, _) => ("None".to_string(), "None".to_string()),
                };
            let member = format!("_rt.Response[{body_ty}]");
            if !members.contains(&member) {
                members.push(member);
            }
            responses.push((r.status_match(), read));
        }
        let rhs = match members.len() {
            0 => {
                self.uses("NoReturn");
                "NoReturn".to_string()
            }
            1 => members[0].clone(),
            _ => {
                self.uses("Union");
                format!("Union[{}]", members.join(", "))
            }
        };
        let result = render(&ResultView {
            method,
            ident: &result_ident,
            target: &rhs,
        });
        // Arguments: keyword-only.
        let mut used: HashSet<String> = ["self", "body", "res"]
            .iter()
            .chain(BUILTINS.iter())
            .chain(MODULE_NAMES.iter())
            .map(|s| s.to_string())
            .collect();
        let mut args = Vec::new();
        let mut params = Vec::new();
        let mut arg_docs = String::new();
        for p in &op.params {
            let mut name = snake(&p.name);
            if name.starts_with('_') {
                name = format!("p{name}");
            }
            while !used.insert(name.clone()) {
                name.push('_');
            }
            let t = self.ty(&p.ty, None, "models.", false);
            args.push(ArgView {
                name: name.clone(),
                ty: if p.required { t } else { self.optional(t) },
                required: p.required,
            });
            if let Some(d) = p
                .doc
                .as_deref()
                .and_then(|d| d.lines().next())
                .filter(|d| !d.trim().is_empty())
            {
                arg_docs.push_str(&format!("{name}: {d}\n"));
            }
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
                (BodyKind::Binary, _) | (_, TypeRef::Binary) => "bytes".to_string(),
                (BodyKind::Text, _) => "str".to_string(),
                _ => self.ty(&b.ty, None, "models.", false),
            };
            args.push(ArgView {
                name: "body".to_string(),
                ty: if b.required { t } else { self.optional(t) },
                required: b.required,
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
        let by_match = |f: fn(&StatusMatch) -> bool| -> Vec<(StatusMatch, String)> {
            responses.iter().filter(|(m, _)| f(m)).cloned().collect()
        };
        let text = render(&OperationView {
            method,
            result_ident: &result_ident,
            args,
            doc: docstring(Some(doc.trim()), "        "),
            http_method: string_literal(&op.method),
            path: string_literal(&op.path),
            params,
            body,
            security,
            exact: by_match(|m| matches!(m, StatusMatch::Exact(_))),
            ranges: by_match(|m| matches!(m, StatusMatch::Range(..))),
            fallbacks: by_match(|m| matches!(m, StatusMatch::Default)),
        });
        (text, result)
    }
}

/// Generates the package `package_name` for `api`; its module is the name in `snake_case`.
#[must_use]
pub fn generate(api: &Api, package_name: &str) -> Vec<GeneratedFile> {
    let package_name = crate::names::package_slug(package_name);
    let module = module_name(&package_name);
    let mut idents = Vec::with_capacity(api.types.len());
    let mut used: HashSet<String> = HashSet::new();
    for t in &api.types {
        let mut id = pascal_ident(&t.name);
        while is_reserved(&id) || !used.insert(id.clone()) {
            id.push('_');
        }
        idents.push(id);
    }
    let ctx = Ctx {
        api,
        imports: Default::default(),
        deferred: Default::default(),
        idents,
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
    let mut ops = Vec::with_capacity(api.operations.len());
    let mut results = Vec::with_capacity(api.operations.len());
    let mut methods: HashSet<String> = ["base_url"]
        .iter()
        .chain(BUILTINS.iter())
        .chain(MODULE_NAMES.iter())
        .map(|s| s.to_string())
        .collect();
    let mut first_call = None;
    for op in &api.operations {
        let mut method = snake(&op.name);
        if method.starts_with('_') {
            method = format!("op{method}");
        }
        while !methods.insert(method.clone()) {
            method.push('_');
        }
        if first_call.is_none() && op.params.iter().all(|p| !p.required) && op.body.is_none() {
            first_call = Some(method.clone());
        }
        let (text, result) = ctx.operation(op, &method);
        ops.push(text);
        results.push(result);
    }
    let used = ctx.imports.take();
    let typing: Vec<&str> = ["Any", "NoReturn", "Optional", "Union"]
        .into_iter()
        .filter(|n| used.contains(n))
        .collect();
    let models_import = ops.iter().chain(&results).any(|t| t.contains("models."));
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
            models_import,
            base_url: &string_literal(&base),
            schemes: &schemes,
            results: &results,
            operations: &ops,
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
        }
        .render()
        .unwrap_or_default(),
    );
    files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect()
}
