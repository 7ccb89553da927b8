//! The Python backend: a package for Python 3.9+ on the standard library alone, with
//! dataclasses and enums that decode and encode themselves, one method per operation, and
//! types that pass `mypy --strict` and `ruff check`. Names are computed here; the askama
//! templates lay out text.

mod escape;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

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
    typing_import: &'a str,
    models_import: &'a str,
    base_url: &'a str,
    schemes: &'a str,
    result_types: &'a str,
    operations: &'a str,
}

struct Ctx<'a> {
    api: &'a Api,
    /// Names from `typing`, `enum` and `dataclasses` the module being written uses.
    imports: std::cell::RefCell<std::collections::BTreeSet<&'static str>>,
    idents: Vec<String>,
    /// (alias, target) references that would make a circular type alias.
    cyclic: HashSet<(usize, usize)>,
    /// Aliases of one other named type (`A = B`): written unquoted after every class, because a
    /// quoted name alone would be a string to mypy, not an alias. (alias, target, text).
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

    fn type_def(&self, i: usize, t: &TypeDef, out: &mut String) {
        let ident = &self.idents[i];
        out.push_str("\n\n");
        match &t.kind {
            TypeKind::Struct { fields, additional } => {
                self.uses("dataclass");
                self.uses("Any");
                let _ = writeln!(out, "@dataclass\nclass {ident}:");
                let doc = t
                    .doc
                    .clone()
                    .unwrap_or_else(|| format!("The `{}` object.", t.name));
                out.push_str(&docstring(Some(&doc), "    "));
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
                let mut ordered: Vec<&(String, &crate::ir::Field)> =
                    named.iter().filter(|(_, f)| f.required).collect();
                ordered.extend(named.iter().filter(|(_, f)| !f.required));
                for (name, f) in &ordered {
                    let base = self.ty(&f.ty, None, "", false);
                    if f.required {
                        let _ = writeln!(out, "    {name}: {base}");
                    } else {
                        let _ = writeln!(out, "    {name}: {} = None", self.optional(base));
                    }
                    out.push_str(&docstring(f.doc.as_deref(), "    "));
                }
                if additional.is_some() {
                    self.uses("field");
                    out.push_str("    additional_properties: dict[str, Any] = field(default_factory=dict)\n    \"\"\"Properties beyond the documented ones.\"\"\"\n");
                }
                // Decoding.
                let _ = writeln!(out, "\n    @classmethod\n    def from_json(cls, data: Any) -> {ident}:\n        \"\"\"Decodes JSON data (raises `DecodeError` on the wrong shape).\"\"\"");
                let _ = writeln!(out, "        d = _rt.as_object(data)");
                let mut args = Vec::new();
                for (name, f) in &named {
                    let wire = string_literal(&f.wire);
                    if f.required {
                        args.push(format!(
                            "{name}={}",
                            self.dec(&f.ty, &format!("_rt.required(d, {wire})"), None, "", 0)
                        ));
                    } else {
                        let inner = self.dec(&f.ty, &format!("d[{wire}]"), None, "", 0);
                        args.push(format!("{name}=None if d.get({wire}) is None else {inner}"));
                    }
                }
                if additional.is_some() {
                    let known: Vec<String> =
                        named.iter().map(|(_, f)| string_literal(&f.wire)).collect();
                    if known.is_empty() {
                        // `{}` would be an empty dict, of no type mypy can infer.
                        out.push_str("        known: set[str] = set()\n");
                    } else {
                        let _ = writeln!(out, "        known = {{{}}}", known.join(", "));
                    }
                    args.push(
                        "additional_properties={k: v for k, v in d.items() if k not in known}"
                            .into(),
                    );
                }
                if args.is_empty() {
                    out.push_str("        del d\n        return cls()\n");
                } else {
                    let _ = writeln!(
                        out,
                        "        return cls(\n            {},\n        )",
                        args.join(",\n            ")
                    );
                }
                // Encoding.
                out.push_str("\n    def to_json(self) -> dict[str, Any]:\n        \"\"\"Encodes as JSON data (absent optional fields are left out).\"\"\"\n");
                out.push_str("        out: dict[str, Any] = {}\n");
                if additional.is_some() {
                    out.push_str("        out.update(_rt.to_json(self.additional_properties))\n");
                }
                for (name, f) in &named {
                    let wire = string_literal(&f.wire);
                    if f.required {
                        let _ = writeln!(out, "        out[{wire}] = _rt.to_json(self.{name})");
                    } else {
                        let _ = writeln!(out, "        if self.{name} is not None:\n            out[{wire}] = _rt.to_json(self.{name})");
                    }
                }
                out.push_str("        return out\n");
            }
            TypeKind::Enum { values, .. } if matches!(self.repr(i), Repr::StrEnum) => {
                self.uses("enum");
                self.uses("Any");
                let _ = writeln!(out, "class {ident}(str, enum.Enum):");
                let doc = t.doc.clone().unwrap_or_else(|| {
                    format!(
                        "The values of `{}`; unknown ones decode to an `UNKNOWN` member.",
                        t.name
                    )
                });
                out.push_str(&docstring(Some(&doc), "    "));
                out.push('\n');
                let mut used: HashSet<String> = HashSet::from(["UNKNOWN".to_string()]);
                let mut wires = HashSet::new();
                for v in values {
                    let wire = v.wire.as_str().unwrap_or_default();
                    if !wires.insert(wire.to_string()) {
                        continue;
                    }
                    let mut name = upper(&v.name);
                    while !used.insert(name.clone()) {
                        name.push('_');
                    }
                    let _ = writeln!(out, "    {name} = {}", string_literal(wire));
                }
                out.push_str("\n    @classmethod\n    def _missing_(cls, value: object) -> Any:\n        return _rt.unknown_member(cls, value)\n");
            }
            TypeKind::Enum { values, strings } => {
                let all_int = values.iter().all(|v| v.wire.is_i64() || v.wire.is_u64());
                let (base, dec) = match (*strings, all_int) {
                    (true, _) => ("str", "_rt.as_str(data)"),
                    (false, true) => ("int", "_rt.as_int(data)"),
                    (false, false) => ("float", "_rt.as_float(data)"),
                };
                self.uses("Any");
                let _ = writeln!(out, "{ident} = {base}");
                out.push_str(&docstring(t.doc.as_deref(), ""));
                let _ = writeln!(
                    out,
                    "\n\ndef _decode_{ident}(data: Any) -> {ident}:\n    return {dec}"
                );
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
                let top = &mut *out;
                let mut block = String::new();
                let out = &mut block;
                let mut returned = false;
                let _ = writeln!(out, "{ident} = {rhs}");
                out.push_str(&docstring(t.doc.as_deref(), ""));
                let _ = writeln!(out, "\n\ndef _decode_{ident}(data: Any) -> {ident}:");
                if let Some((prop, tags)) = discriminator {
                    let _ = writeln!(
                        out,
                        "    tag = data.get({}) if isinstance(data, dict) else None",
                        string_literal(prop)
                    );
                    for ((_, v), tag) in variants.iter().zip(tags) {
                        let _ = writeln!(
                            out,
                            "    if tag == {}:\n        return {}",
                            string_literal(tag),
                            self.dec(v, "data", Some(i), "", 0)
                        );
                    }
                }
                for (_, v) in variants {
                    let d = self.dec(v, "data", Some(i), "", 0);
                    if d == "data" {
                        out.push_str("    return data\n");
                        returned = true;
                        break;
                    }
                    let _ = writeln!(out, "    try:\n        return {d}\n    except (_rt.DecodeError, ValueError):\n        pass");
                }
                if !returned {
                    let _ = writeln!(
                        out,
                        "    raise _rt.DecodeError({})",
                        string_literal(&format!("no variant of {} matches", t.name))
                    );
                }
                if bare {
                    let target = rhs.clone();
                    self.deferred.borrow_mut().push((
                        ident.clone(),
                        target,
                        format!("\n\n{block}"),
                    ));
                } else {
                    top.push_str(&block);
                }
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
                let mut block = String::new();
                let _ = writeln!(block, "{ident} = {rhs}");
                block.push_str(&docstring(t.doc.as_deref(), ""));
                let _ = writeln!(
                    block,
                    "\n\ndef _decode_{ident}(data: Any) -> {ident}:\n    return {}",
                    self.dec(a, "data", Some(i), "", 0)
                );
                if bare {
                    self.deferred
                        .borrow_mut()
                        .push((ident.clone(), rhs, format!("\n\n{block}")));
                } else {
                    out.push_str(&block);
                }
            }
        }
    }

    fn operation(&self, op: &Operation, method: &str, out: &mut String, results: &mut String) {
        let result_ident = format!("{}Response", pascal_ident(&op.name));
        let mut members = Vec::new();
        let mut arms = String::new();
        let mut ranges = String::new();
        let mut fallback = String::new();
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
            let value = format!("_rt.Response(res.status, res.headers, {read})");
            match r.status_match() {
                StatusMatch::Default => {
                    let _ = writeln!(fallback, "        return {value}");
                }
                StatusMatch::Range(lo, hi) => {
                    let _ = writeln!(
                        ranges,
                        "        if {lo} <= res.status <= {hi}:\n            return {value}"
                    );
                }
                StatusMatch::Exact(code) => {
                    let _ = writeln!(
                        arms,
                        "        if res.status == {code}:\n            return {value}"
                    );
                }
            }
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
        let _ = writeln!(
            results,
            "{result_ident} = {rhs}\n\"\"\"The documented responses of `{method}`.\"\"\"\n"
        );
        // Arguments: keyword-only.
        let mut used: HashSet<String> = ["self", "body", "res"]
            .iter()
            .chain(BUILTINS.iter())
            .chain(MODULE_NAMES.iter())
            .map(|s| s.to_string())
            .collect();
        let mut args = Vec::new();
        let mut specs = Vec::new();
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
            if p.required {
                args.push(format!("{name}: {t}"));
            } else {
                args.push(format!("{name}: {} = None", self.optional(t)));
            }
            if let Some(d) = p
                .doc
                .as_deref()
                .and_then(|d| d.lines().next())
                .filter(|d| !d.trim().is_empty())
            {
                let _ = writeln!(arg_docs, "{name}: {d}");
            }
            let loc = p.location.as_str();
            specs.push(format!(
                "_rt.Param({}, \"{loc}\", {}, {}, _rt.to_json({name}))",
                string_literal(&p.wire),
                string_literal(&p.style),
                if p.explode { "True" } else { "False" }
            ));
        }
        let mut body_expr = "None".to_string();
        if let Some(b) = &op.body {
            let t = match (&b.kind, &b.ty) {
                (BodyKind::Binary, _) | (_, TypeRef::Binary) => "bytes".to_string(),
                (BodyKind::Text, _) => "str".to_string(),
                _ => self.ty(&b.ty, None, "models.", false),
            };
            if b.required {
                args.push(format!("body: {t}"));
            } else {
                args.push(format!("body: {} = None", self.optional(t)));
            }
            let kind = b.kind.as_str();
            body_expr = format!(
                "_rt.Body({}, \"{kind}\", body)",
                string_literal(&b.media_type)
            );
        }
        let signature = if args.is_empty() {
            String::new()
        } else {
            format!(", *, {}", args.join(", "))
        };
        let _ = writeln!(
            out,
            "\n    def {method}(self{signature}) -> {result_ident}:"
        );
        let mut doc = op.doc.clone().unwrap_or_default();
        let _ = write!(doc, "\n\n`{} {}`", op.method, op.path.replace('`', "'"));
        if !arg_docs.is_empty() {
            let _ = write!(
                doc,
                "\n\nArgs:\n{}",
                arg_docs
                    .lines()
                    .map(|l| format!("    {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        if op.deprecated {
            doc.push_str("\n\nDeprecated.");
        }
        out.push_str(&docstring(Some(doc.trim()), "        "));
        let security: Vec<String> = op
            .security
            .iter()
            .map(|alt| {
                format!(
                    "[{}]",
                    alt.iter()
                        .map(|s| string_literal(s))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect();
        let params = if specs.is_empty() {
            "[]".to_string()
        } else {
            format!(
                "[\n                {},\n            ]",
                specs.join(",\n                ")
            )
        };
        let _ = writeln!(
            out,
            "        res = _rt.send(\n            self._ctx,\n            {},\n            {},\n            {params},\n            {body_expr},\n            [{}],\n        )",
            string_literal(&op.method),
            string_literal(&op.path),
            security.join(", ")
        );
        out.push_str(&arms);
        out.push_str(&ranges);
        if fallback.is_empty() {
            out.push_str("        raise _rt.unexpected(res)\n");
        } else {
            out.push_str(&fallback);
        }
    }
}

/// The import block of a generated module for the names it uses.
fn imports(used: &std::collections::BTreeSet<&'static str>, runtime: bool) -> String {
    let mut out = String::from("\nfrom __future__ import annotations\n\n");
    if used.contains("enum") {
        out.push_str("import enum\n");
    }
    let dc: Vec<&str> = ["dataclass", "field"]
        .into_iter()
        .filter(|n| used.contains(n))
        .collect();
    if !dc.is_empty() {
        out.push_str(&format!("from dataclasses import {}\n", dc.join(", ")));
    }
    let typing: Vec<&str> = ["Any", "NoReturn", "Optional", "Union"]
        .into_iter()
        .filter(|n| used.contains(n))
        .collect();
    if !typing.is_empty() {
        out.push_str(&format!("from typing import {}\n", typing.join(", ")));
    }
    if runtime {
        out.push_str("\nfrom . import _runtime as _rt\n");
    }
    out
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
    let mut models = String::new();
    let _ = writeln!(
        models,
        "{}",
        docstring(
            Some(&format!(
                "Types of {title}, generated by oaskit. Do not edit: regenerate instead."
            )),
            ""
        )
        .trim_end()
    );
    let mut defs = String::new();
    for (i, t) in api.types.iter().enumerate() {
        ctx.type_def(i, t, &mut defs);
    }
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
            rest.iter().for_each(|(_, _, text)| defs.push_str(text));
            break;
        }
        ready.iter().for_each(|(_, _, text)| defs.push_str(text));
        pending = rest;
    }
    // The runtime only when a definition uses it (aliases of `Any` alone do not).
    models.push_str(&imports(&ctx.imports.take(), defs.contains("_rt.")));
    // isort's spacing: two blank lines before a class or function, one before other code.
    let defs = defs.trim_start_matches('\n');
    if !defs.is_empty() {
        let def_like =
            defs.starts_with('@') || defs.starts_with("class ") || defs.starts_with("def ");
        models.push_str(if def_like { "\n\n" } else { "\n" });
        models.push_str(defs);
    }
    let mut ops = String::new();
    let mut results = String::new();
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
        ctx.operation(op, &method, &mut ops, &mut results);
    }
    let used = ctx.imports.take();
    let typing: Vec<&str> = ["Any", "NoReturn", "Optional", "Union"]
        .into_iter()
        .filter(|n| used.contains(n))
        .collect();
    let typing_import = if typing.is_empty() {
        String::new()
    } else {
        format!("from typing import {}\n", typing.join(", "))
    };
    let models_import = if ops.contains("models.") || results.contains("models.") {
        "from . import models\n"
    } else {
        ""
    };
    let mut schemes = String::from("{");
    for a in &api.auth {
        let (name, def) = match a {
            Auth::ApiKey {
                scheme,
                location,
                name,
            } => {
                let loc = match location {
                    Location::Query => "query",
                    Location::Cookie => "cookie",
                    _ => "header",
                };
                (
                    scheme,
                    format!(
                        "_rt.Scheme(\"apiKey\", \"{loc}\", {})",
                        string_literal(name)
                    ),
                )
            }
            Auth::Basic { scheme } => (scheme, "_rt.Scheme(\"basic\")".to_string()),
            Auth::Bearer { scheme } => (scheme, "_rt.Scheme(\"bearer\")".to_string()),
        };
        let _ = write!(schemes, "\n    {}: {def},", string_literal(name));
    }
    schemes.push_str(if api.auth.is_empty() { "}" } else { "\n}" });
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
            typing_import: &typing_import,
            models_import,
            base_url: &string_literal(&base),
            schemes: &schemes,
            result_types: &results,
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
