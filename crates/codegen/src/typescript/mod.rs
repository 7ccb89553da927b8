//! The TypeScript backend: an ES module package on the platform `fetch`, with no runtime
//! dependency, that passes `tsc --strict` with `noUncheckedIndexedAccess` and
//! `exactOptionalPropertyTypes`. Names are computed here; the askama templates lay out text.

mod escape;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

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
    result_types: &'a str,
    operations: &'a str,
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

    fn type_def(&self, i: usize, t: &TypeDef, out: &mut String) {
        let ident = &self.idents[i];
        out.push('\n');
        out.push_str(&doc_comment(t.doc.as_deref(), ""));
        match &t.kind {
            TypeKind::Struct { fields, additional } => {
                let _ = writeln!(out, "export interface {ident} {{");
                let mut seen = HashSet::new();
                for f in fields {
                    if !seen.insert(f.wire.as_str()) {
                        continue;
                    }
                    out.push_str(&doc_comment(f.doc.as_deref(), "  "));
                    let _ = writeln!(
                        out,
                        "  {}{}{}: {};",
                        if f.read_only { "readonly " } else { "" },
                        property_key(&f.wire),
                        if f.required { "" } else { "?" },
                        self.ty(&f.ty, None, "")
                    );
                }
                if additional.is_some() {
                    out.push_str("  /** Properties beyond the documented ones. */\n  [key: string]: unknown;\n");
                }
                out.push_str("}\n");
            }
            TypeKind::Enum { values, strings } => {
                let body = if values.is_empty() || values.len() > MAX_ENUM_VALUES {
                    if *strings { "string" } else { "number" }.to_string()
                } else {
                    let mut seen = HashSet::new();
                    values
                        .iter()
                        .map(|v| literal(&v.wire))
                        .filter(|v| seen.insert(v.clone()))
                        .collect::<Vec<_>>()
                        .join(" | ")
                };
                let _ = writeln!(out, "export type {ident} = {body};");
            }
            TypeKind::Union {
                variants,
                discriminator,
            } => {
                let members: Vec<String> = variants
                    .iter()
                    .enumerate()
                    .map(|(k, (_, v))| {
                        let base = self.ty(v, Some(i), "");
                        match discriminator {
                            Some((prop, tags)) if matches!(v, TypeRef::Named(_)) => {
                                match tags.get(k) {
                                    Some(tag) => format!(
                                        "({base} & {{ {}: {} }})",
                                        property_key(prop),
                                        string_literal(tag)
                                    ),
                                    None => base,
                                }
                            }
                            _ => base,
                        }
                    })
                    .collect();
                let body = if members.is_empty() {
                    "unknown".to_string()
                } else {
                    members.join(" | ")
                };
                let _ = writeln!(out, "export type {ident} = {body};");
            }
            TypeKind::Alias(a) => {
                let _ = writeln!(out, "export type {ident} = {};", self.ty(a, Some(i), ""));
            }
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

    fn operation(&self, op: &Operation, method: &str, out: &mut String, results: &mut String) {
        let base = pascal_ident(&op.name);
        let args_ident = format!("{base}Args");
        let result_ident = format!("{base}Result");
        // Result union.
        let mut members = Vec::new();
        let mut arms = String::new();
        let mut ranges = String::new();
        let mut fallback = String::new();
        for r in &op.responses {
            let (body_ty, read) =
                match (&r.ty, r.media_type.as_deref().map(crate::build::body_kind)) {
                    (Some(t), Some(BodyKind::Json)) => {
                        let t = self.ty(t, None, "types.");
                        let read = format!("(await rt.json(res)) as {t}");
                        (Some(t), read)
                    }
                    (Some(_), Some(BodyKind::Text)) => {
                        (Some("string".to_string()), "await res.text()".to_string())
                    }
                    (Some(_), _) => (Some("Blob".to_string()), "await res.blob()".to_string()),
                    (None, _) => (None, String::new()),
                };
            let matched = r.status_match();
            let exact = match matched {
                StatusMatch::Exact(code) => Some(code.to_string()),
                _ => None,
            };
            let status_ty = exact.clone().unwrap_or_else(|| "number".to_string());
            let member = match &body_ty {
                Some(b) => format!("{{ status: {status_ty}; headers: Headers; body: {b} }}"),
                None => format!("{{ status: {status_ty}; headers: Headers }}"),
            };
            let doc = r
                .doc
                .as_deref()
                .map(|d| d.lines().next().unwrap_or_default().to_string());
            members.push((doc, member));
            let status_expr = exact.clone().unwrap_or_else(|| "res.status".to_string());
            let value = match &body_ty {
                Some(_) => {
                    format!("{{ status: {status_expr}, headers: res.headers, body: {read} }}")
                }
                None => format!("{{ status: {status_expr}, headers: res.headers }}"),
            };
            match matched {
                StatusMatch::Exact(code) => {
                    let _ = writeln!(arms, "      case {code}:\n        return {value};");
                }
                StatusMatch::Range(lo, hi) => {
                    let _ = writeln!(
                        ranges,
                        "    if (res.status >= {lo} && res.status <= {hi}) return {value};"
                    );
                }
                StatusMatch::Default => {
                    let _ = writeln!(fallback, "    return {value};");
                }
            }
        }
        let _ = writeln!(results, "\n/** The documented responses of `{method}`. */");
        if members.is_empty() {
            let _ = writeln!(results, "export type {result_ident} = never;");
        } else {
            let _ = writeln!(results, "export type {result_ident} =");
            for (k, (doc, m)) in members.iter().enumerate() {
                if let Some(d) = doc.as_deref().filter(|d| !d.trim().is_empty()) {
                    let _ = write!(results, "{}", doc_comment(Some(d), "  "));
                }
                let end = if k + 1 == members.len() { ";" } else { "" };
                let _ = writeln!(results, "  | {m}{end}");
            }
        }
        // Arguments.
        let mut used: HashSet<String> = HashSet::from(["body".to_string()]);
        let mut fields = String::new();
        let mut param_specs = Vec::new();
        for p in &op.params {
            let mut key = camel(&p.name);
            while !used.insert(key.clone()) {
                key.push('_');
            }
            fields.push_str(&doc_comment(p.doc.as_deref(), "  "));
            let _ = writeln!(
                fields,
                "  {key}{}: {};",
                if p.required { "" } else { "?" },
                self.ty(&p.ty, None, "types.")
            );
            let loc = p.location.as_str();
            param_specs.push(format!(
                "{{ name: {}, in: \"{loc}\", style: {}, explode: {}, value: args.{key} }}",
                string_literal(&p.wire),
                string_literal(&p.style),
                p.explode
            ));
        }
        let mut body_expr = "undefined".to_string();
        if let Some(b) = &op.body {
            let _ = writeln!(
                fields,
                "  /** The request body (`{}`). */\n  body{}: {};",
                comment_text(&b.media_type)
                    .replace(['`', '*', '/'], " ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("/"),
                if b.required { "" } else { "?" },
                self.body_ty(&b.kind, &b.ty)
            );
            let kind = b.kind.as_str();
            body_expr = format!(
                "{{ mediaType: {}, kind: \"{kind}\", value: args.body }}",
                string_literal(&b.media_type)
            );
        }
        let has_args = !fields.is_empty();
        if has_args {
            let _ = writeln!(results, "\n/** The arguments of `{method}`. */\nexport interface {args_ident} {{\n{fields}}}");
        }
        let all_optional =
            op.params.iter().all(|p| !p.required) && op.body.as_ref().is_none_or(|b| !b.required);
        let signature = match (has_args, all_optional) {
            (false, _) => "init?: RequestInit".to_string(),
            (true, true) => format!("args: {args_ident} = {{}}, init?: RequestInit"),
            (true, false) => format!("args: {args_ident}, init?: RequestInit"),
        };
        let mut doc = op.doc.clone().unwrap_or_default();
        let _ = write!(doc, "\n\n`{} {}`", op.method, op.path.replace('`', "'"));
        if op.deprecated {
            doc.push_str("\n\n@deprecated");
        }
        out.push('\n');
        out.push_str(&doc_comment(Some(&doc), "  "));
        let _ = writeln!(
            out,
            "  async {method}({signature}): Promise<{result_ident}> {{"
        );
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
        let params = if param_specs.is_empty() {
            "[]".to_string()
        } else {
            format!("[\n      {},\n    ]", param_specs.join(",\n      "))
        };
        let _ = writeln!(
            out,
            "    const res = await rt.send(this.#ctx, {}, {}, {params}, {body_expr}, [{}], init);",
            string_literal(&op.method),
            string_literal(&op.path),
            security.join(", ")
        );
        if !arms.is_empty() {
            let _ = write!(out, "    switch (res.status) {{\n{arms}    }}\n");
        }
        out.push_str(&ranges);
        if fallback.is_empty() {
            out.push_str("    throw await rt.unexpected(res);\n");
        } else {
            out.push_str(&fallback);
        }
        out.push_str("  }\n");
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
    let mut types = format!(
        "// {title_comment}: types generated by oaskit. Do not edit: regenerate instead.\n"
    );
    for (i, t) in api.types.iter().enumerate() {
        ctx.type_def(i, t, &mut types);
    }
    if api.types.is_empty() {
        types.push_str("\nexport {};\n");
    }
    let mut ops = String::new();
    let mut results = String::new();
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
        ctx.operation(op, &method, &mut ops, &mut results);
    }
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
                        "{{ kind: \"apiKey\", in: \"{loc}\", name: {} }}",
                        string_literal(name)
                    ),
                )
            }
            Auth::Basic { scheme } => (scheme, "{ kind: \"basic\" }".to_string()),
            Auth::Bearer { scheme } => (scheme, "{ kind: \"bearer\" }".to_string()),
        };
        let _ = write!(schemes, "\n  {}: {def},", string_literal(name));
    }
    schemes.push_str(if api.auth.is_empty() { "}" } else { "\n}" });
    let base = api.default_base_url();
    let uses_types = ops.contains("types.") || results.contains("types.");
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
            result_types: &results,
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
