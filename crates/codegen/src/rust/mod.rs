//! The Rust backend: a Cargo crate with a reqwest client, serde types and one async method per
//! operation. Names are computed here; the askama templates only lay out text.

mod escape;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use askama::Template;

use crate::ir::{
    Api, Auth, BodyKind, Location, Operation, StatusMatch, TypeDef, TypeKind, TypeRef,
};
use crate::GeneratedFile;
pub use escape::{
    comment_text, crate_name, doc_comment, doc_line, pascal_ident, snake, string_literal,
    RESERVED_METHODS, RESERVED_TYPES,
};

/// Enums with more values than this become plain strings (a 100,000-variant enum helps nobody
/// and takes rustc minutes).
const MAX_ENUM_VARIANTS: usize = 2_000;

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
    auth_has: &'a str,
    auth_add: &'a str,
    operations: &'a str,
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
    types: &'a str,
}

struct Ctx {
    idents: Vec<String>,
    /// Per operation: the method name and the response enum's name (unique among all types).
    op_idents: Vec<(String, String)>,
    /// (type, target) pairs whose containment must be boxed (same strongly connected component).
    boxed: HashSet<(usize, usize)>,
}

impl Ctx {
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
                let name = format!("{prefix}{}", self.idents[*i]);
                match owner {
                    Some(o) if self.boxed.contains(&(o, *i)) => format!("Box<{name}>"),
                    _ => name,
                }
            }
        }
    }

    fn type_def(&self, i: usize, t: &TypeDef, out: &mut String) {
        let ident = &self.idents[i];
        out.push('\n');
        out.push_str(&doc_comment(t.doc.as_deref(), ""));
        match &t.kind {
            TypeKind::Struct { fields, additional } => {
                out.push_str("#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n");
                let _ = writeln!(out, "pub struct {ident} {{");
                let mut used = HashSet::new();
                for f in fields {
                    let mut name = snake(&f.name);
                    let mut n = 2;
                    while !used.insert(name.clone()) || name == "additional_properties" {
                        name = format!("{}_{n}", snake(&f.name));
                        n += 1;
                    }
                    out.push_str(&doc_comment(f.doc.as_deref(), "    "));
                    let _ = writeln!(out, "    #[serde(rename = {})]", string_literal(&f.wire));
                    let base = self.ty(&f.ty, Some(i), false);
                    let optional = !f.required || f.read_only;
                    if optional {
                        let inner = if base.starts_with("Option<") {
                            base.clone()
                        } else {
                            format!("Option<{base}>")
                        };
                        out.push_str(
                            "    #[serde(default, skip_serializing_if = \"Option::is_none\")]\n",
                        );
                        let _ = writeln!(out, "    pub {name}: {inner},");
                    } else {
                        let _ = writeln!(out, "    pub {name}: {base},");
                    }
                }
                if let Some(a) = additional {
                    out.push_str(
                        "    /// Properties beyond the documented ones.\n    #[serde(flatten)]\n",
                    );
                    let _ = writeln!(
                        out,
                        "    pub additional_properties: std::collections::BTreeMap<String, {}>,",
                        self.ty(a, None, false).replace("types::", "")
                    );
                }
                out.push_str("}\n");
            }
            TypeKind::Enum { values, strings } if *strings && values.len() <= MAX_ENUM_VARIANTS => {
                out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]\n#[serde(from = \"String\", into = \"String\")]\n");
                let _ = writeln!(out, "pub enum {ident} {{");
                let mut used = HashSet::new();
                let mut wires = HashSet::new();
                let mut arms = Vec::new();
                for v in values {
                    // A repeated value would be an unreachable match arm.
                    if !wires.insert(v.wire.as_str().unwrap_or_default()) {
                        continue;
                    }
                    let mut name = pascal_ident(&v.name);
                    while !used.insert(name.clone()) || name == "Unknown" {
                        name.push('_');
                    }
                    let wire = v.wire.as_str().unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "    /// `{}`",
                        // One code span: no backtick inside, so nothing in it is Markdown.
                        crate::names::visible(&wire.replace('`', " "))
                    );
                    let _ = writeln!(out, "    {name},");
                    arms.push((string_literal(wire), name));
                }
                out.push_str("    /// A value this client does not know yet, kept as sent.\n    Unknown(String),\n}\n");
                let _ = writeln!(out, "\nimpl From<String> for {ident} {{\n    fn from(s: String) -> Self {{\n        match s.as_str() {{");
                for (w, n) in &arms {
                    let _ = writeln!(out, "            {w} => Self::{n},");
                }
                out.push_str("            _ => Self::Unknown(s),\n        }\n    }\n}\n");
                let _ = writeln!(out, "\nimpl From<{ident}> for String {{\n    fn from(v: {ident}) -> Self {{\n        match v {{");
                for (w, n) in &arms {
                    let _ = writeln!(out, "            {ident}::{n} => {w}.to_string(),");
                }
                let _ = writeln!(
                    out,
                    "            {ident}::Unknown(s) => s,\n        }}\n    }}\n}}"
                );
            }
            TypeKind::Enum { strings, .. } => {
                let base = if *strings {
                    "String"
                } else {
                    "serde_json::Number"
                };
                let _ = writeln!(out, "pub type {ident} = {base};");
            }
            TypeKind::Union {
                variants,
                discriminator,
            } => {
                // With a discriminator naming every variant, decoding dispatches on the tag;
                // encoding stays untagged (each variant carries its tag property itself).
                let tagged = discriminator
                    .as_ref()
                    .filter(|(_, tags)| tags.len() == variants.len());
                out.push_str(if tagged.is_some() {
                    "#[derive(Debug, Clone, PartialEq, Serialize)]\n#[serde(untagged)]\n"
                } else {
                    "#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n#[serde(untagged)]\n"
                });
                let _ = writeln!(out, "pub enum {ident} {{");
                let mut used = HashSet::new();
                let mut names = Vec::new();
                for (name, v) in variants {
                    let mut n = pascal_ident(name);
                    while !used.insert(n.clone()) {
                        n.push('_');
                    }
                    let _ = writeln!(out, "    /// A `{}` value.", n.trim_start_matches("r#"));
                    let _ = writeln!(out, "    {n}({}),", self.ty(v, Some(i), false));
                    names.push(n);
                }
                out.push_str("}\n");
                if let Some((prop, tags)) = tagged {
                    let prop_lit = string_literal(prop);
                    let _ = writeln!(out, "\nimpl<'de> Deserialize<'de> for {ident} {{\n    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n        let value = serde_json::Value::deserialize(deserializer)?;\n        let tag = value.get({prop_lit}).and_then(serde_json::Value::as_str).map(str::to_owned);\n        match tag.as_deref() {{");
                    let mut seen = HashSet::new();
                    for (n, tag) in names.iter().zip(tags) {
                        if seen.insert(tag.as_str()) {
                            let _ = writeln!(out, "            Some({}) => serde_json::from_value(value).map(Self::{n}).map_err(serde::de::Error::custom),", string_literal(tag));
                        }
                    }
                    out.push_str("            _ => Err(serde::de::Error::custom(format!(\"unknown discriminator value {tag:?}\"))),\n        }\n    }\n}\n");
                }
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
                let _ = writeln!(out, "pub type {ident} = {target};");
            }
        }
    }

    fn operation(&self, k: usize, op: &Operation, out: &mut String, resp_types: &mut String) {
        let (fn_name, resp_ident) = &self.op_idents[k];
        // Response enum.
        let _ = writeln!(resp_types, "\n/// The documented responses of `{fn_name}`.");
        resp_types.push_str("#[derive(Debug, Clone, PartialEq)]\n");
        let _ = writeln!(resp_types, "pub enum {resp_ident} {{");
        let mut arms = String::new();
        let mut default_arm = String::new();
        for r in &op.responses {
            let variant = if r.status == "default" {
                "Default".to_string()
            } else {
                pascal_ident(&format!("Status{}", r.status.to_ascii_uppercase()))
            };
            let (payload, decode) =
                match (&r.ty, r.media_type.as_deref().map(crate::build::body_kind)) {
                    (Some(t), Some(BodyKind::Json)) => (
                        Some(self.ty(t, None, true)),
                        "crate::runtime::decode(status, &body)?".to_string(),
                    ),
                    (Some(_), Some(BodyKind::Text)) => (
                        Some("String".to_string()),
                        "String::from_utf8_lossy(&body).into_owned()".to_string(),
                    ),
                    (Some(_), _) => (Some("Vec<u8>".to_string()), "body.clone()".to_string()),
                    (None, _) => (None, String::new()),
                };
            let _ = writeln!(
                resp_types,
                "{}",
                doc_comment(r.doc.as_deref(), "    ").trim_end()
            );
            let matched = r.status_match();
            let carries_status = !matches!(matched, StatusMatch::Exact(_));
            match (&payload, carries_status) {
                (Some(p), true) => {
                    let _ = writeln!(
                        resp_types,
                        "    {variant}(u16, {}),",
                        p.replace("types::", "crate::types::")
                    );
                }
                (Some(p), false) => {
                    let _ = writeln!(
                        resp_types,
                        "    {variant}({}),",
                        p.replace("types::", "crate::types::")
                    );
                }
                (None, true) => {
                    let _ = writeln!(resp_types, "    {variant}(u16),");
                }
                (None, false) => {
                    let _ = writeln!(resp_types, "    {variant},");
                }
            }
            let value = match (&payload, carries_status) {
                (Some(_), true) => format!("types::{resp_ident}::{variant}(status, {decode})"),
                (Some(_), false) => format!("types::{resp_ident}::{variant}({decode})"),
                (None, true) => format!("types::{resp_ident}::{variant}(status)"),
                (None, false) => format!("types::{resp_ident}::{variant}"),
            };
            match matched {
                StatusMatch::Default => default_arm = format!("            _ => Ok({value}),\n"),
                StatusMatch::Range(lo, hi) => {
                    let _ = writeln!(arms, "            {lo}..={hi} => Ok({value}),");
                }
                StatusMatch::Exact(code) => {
                    let _ = writeln!(arms, "            {code} => Ok({value}),");
                }
            }
        }
        resp_types.push_str("}\n");
        // Method signature.
        let mut args = String::new();
        let mut used: HashSet<String> = ["self", "body"].iter().map(|s| s.to_string()).collect();
        let mut param_idents = Vec::new();
        for p in &op.params {
            let mut name = snake(&p.name);
            if name.starts_with("oaskit_") {
                name = format!("p_{name}");
            }
            while !used.insert(name.clone()) {
                name.push('_');
            }
            let t = self.ty(&p.ty, None, false);
            if p.required {
                let _ = write!(args, ", {name}: &{t}");
            } else {
                let _ = write!(args, ", {name}: Option<&{t}>");
            }
            param_idents.push(name);
        }
        if let Some(b) = &op.body {
            let t = self.ty(&b.ty, None, true);
            if b.required {
                let _ = write!(args, ", body: &{t}");
            } else {
                let _ = write!(args, ", body: Option<&{t}>");
            }
        }
        out.push('\n');
        let mut doc = op.doc.clone().unwrap_or_default();
        let _ = write!(doc, "\n\n`{} {}`", op.method, op.path.replace('`', "'"));
        out.push_str(&doc_comment(Some(&doc), "    "));
        if op.deprecated {
            out.push_str("    #[deprecated]\n");
        }
        let _ = writeln!(
            out,
            "    pub async fn {fn_name}(&self{args}) -> Result<types::{resp_ident}, Error> {{"
        );
        // URL with path parameters.
        let mut url_expr = String::from("let mut oaskit_url = self.base_url.clone();\n");
        let mut rest = op.path.as_str();
        while let Some(i) = rest.find('{') {
            let lit = &rest[..i];
            if !lit.is_empty() {
                let _ = writeln!(
                    url_expr,
                    "        oaskit_url.push_str({});",
                    string_literal(lit)
                );
            }
            let Some(j) = rest[i..].find('}') else { break };
            let var = &rest[i + 1..i + j];
            if let Some((k, p)) = op
                .params
                .iter()
                .enumerate()
                .find(|(_, p)| p.location == Location::Path && p.wire == var)
            {
                let ident = &param_idents[k];
                let arg = if p.required {
                    ident.clone()
                } else {
                    format!("{ident}.unwrap_or(&Default::default())")
                };
                let _ = writeln!(url_expr, "        oaskit_url.push_str(&crate::runtime::path_param({}, &crate::runtime::value({arg}), {}, {}));", string_literal(&p.wire), string_literal(&p.style), p.explode);
            }
            rest = &rest[i + j + 1..];
        }
        if !rest.is_empty() {
            let _ = writeln!(
                url_expr,
                "        oaskit_url.push_str({});",
                string_literal(rest)
            );
        }
        let _ = write!(out, "        {url_expr}");
        let has_query = op.params.iter().any(|p| p.location == Location::Query);
        out.push_str(if has_query {
            "        let mut oaskit_query: Vec<(String, String)> = Vec::new();\n"
        } else {
            "        let oaskit_query: Vec<(String, String)> = Vec::new();\n"
        });
        let mut headers = String::new();
        let mut cookies = Vec::new();
        for (k, p) in op.params.iter().enumerate() {
            let ident = &param_idents[k];
            let bind = if p.required {
                format!("Some({ident})")
            } else {
                ident.clone()
            };
            match p.location {
                Location::Query => {
                    let _ = writeln!(out, "        if let Some(v) = {bind} {{\n            crate::runtime::query_param({}, &crate::runtime::value(v), {}, {}, &mut oaskit_query);\n        }}", string_literal(&p.wire), string_literal(&p.style), p.explode);
                }
                Location::Header => {
                    let _ = writeln!(headers, "        if let Some(v) = {bind} {{\n            oaskit_req = oaskit_req.header({}, crate::runtime::header_value(&crate::runtime::value(v)));\n        }}", string_literal(&p.wire));
                }
                Location::Cookie => cookies.push((p.wire.clone(), bind)),
                Location::Path => {}
            }
        }
        let method = match op.method.as_str() {
            "GET" | "PUT" | "POST" | "DELETE" | "HEAD" | "PATCH" | "OPTIONS" | "TRACE" => {
                format!("reqwest::Method::{}", op.method)
            }
            other => format!(
                "reqwest::Method::from_bytes({}.as_bytes()).unwrap_or(reqwest::Method::GET)",
                string_literal(other)
            ),
        };
        let mutates = op
            .params
            .iter()
            .any(|p| matches!(p.location, Location::Header | Location::Cookie))
            || op.body.is_some()
            || !op.security.is_empty();
        let _ = writeln!(out, "        let {}oaskit_req = self.http.request({method}, oaskit_url).query(&oaskit_query);", if mutates { "mut " } else { "" });
        out.push_str(&headers);
        if !cookies.is_empty() {
            out.push_str("        let mut oaskit_cookie = Vec::new();\n");
            for (wire, bind) in &cookies {
                let _ = writeln!(out, "        if let Some(v) = {bind} {{\n            oaskit_cookie.push(format!(\"{{}}={{}}\", {}, crate::runtime::encode(&crate::runtime::header_value(&crate::runtime::value(v)))));\n        }}", string_literal(wire));
            }
            out.push_str("        if !oaskit_cookie.is_empty() {\n            oaskit_req = oaskit_req.header(\"cookie\", oaskit_cookie.join(\"; \"));\n        }\n");
        }
        if let Some(b) = &op.body {
            let bind = if b.required { "Some(body)" } else { "body" };
            let ct = string_literal(&b.media_type);
            let send = match b.kind {
                BodyKind::Json => format!("oaskit_req = oaskit_req.header(\"content-type\", {ct}).body(serde_json::to_vec(v).unwrap_or_default());"),
                BodyKind::Form => format!("oaskit_req = oaskit_req.header(\"content-type\", {ct}).body(crate::runtime::form(&crate::runtime::value(v)));"),
                BodyKind::Multipart => "let (oaskit_ct, oaskit_data) = crate::runtime::multipart(&crate::runtime::value(v));\n            oaskit_req = oaskit_req.header(\"content-type\", oaskit_ct).body(oaskit_data);".to_string(),
                BodyKind::Text | BodyKind::Binary => format!("oaskit_req = oaskit_req.header(\"content-type\", {ct}).body(crate::runtime::value(v).as_str().map_or_else(|| serde_json::to_vec(v).unwrap_or_default(), |s| s.as_bytes().to_vec()));"),
            };
            let send = if b.kind == BodyKind::Binary && self.ty(&b.ty, None, true) == "Vec<u8>" {
                format!("oaskit_req = oaskit_req.header(\"content-type\", {ct}).body(v.clone());")
            } else {
                send
            };
            let _ = writeln!(
                out,
                "        if let Some(v) = {bind} {{\n            {send}\n        }}"
            );
        }
        let schemes: Vec<String> = op
            .security
            .iter()
            .map(|alt| {
                format!(
                    "&[{}]",
                    alt.iter()
                        .map(|s| string_literal(s))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect();
        if !schemes.is_empty() {
            let _ = writeln!(
                out,
                "        oaskit_req = self.apply_auth(oaskit_req, &[{}]);",
                schemes.join(", ")
            );
        }
        out.push_str("        let oaskit_resp = oaskit_req.send().await?;\n        let status = oaskit_resp.status().as_u16();\n        let headers = oaskit_resp.headers().clone();\n        let body = oaskit_resp.bytes().await?.to_vec();\n");
        if arms.is_empty() && default_arm.is_empty() {
            out.push_str("        let _ = status;\n        Err(Error::UnexpectedStatus { status, headers, body })\n    }\n");
            return;
        }
        if arms.is_empty() {
            // Only a default response: no match needed.
            let value = default_arm
                .trim()
                .trim_start_matches("_ => Ok(")
                .trim_end_matches("),");
            let _ = writeln!(
                out,
                "        let _ = (&headers, &body);\n        Ok({value})\n    }}"
            );
            return;
        }
        out.push_str("        match status {\n");
        out.push_str(&arms);
        if default_arm.is_empty() {
            out.push_str(
                "            _ => Err(Error::UnexpectedStatus { status, headers, body }),\n",
            );
        } else {
            out.push_str(
                &default_arm
                    .replace("_ => Ok(", "_ => { let _ = headers; Ok(")
                    .replace("),\n", ") }\n"),
            );
        }
        out.push_str("        }\n    }\n");
    }
}

/// Generates the crate `crate_name` (lower case, `-` allowed) for `api`.
#[must_use]
pub fn generate(api: &Api, crate_name: &str) -> Vec<GeneratedFile> {
    let crate_name = escape::crate_name(crate_name);
    let crate_ident = crate_name.replace('-', "_");
    let mut idents = Vec::with_capacity(api.types.len());
    // Types, then response enums, share the `types` module with the prelude and its imports.
    let mut used: HashSet<String> = RESERVED_TYPES
        .iter()
        .map(|r| r.to_ascii_lowercase())
        .collect();
    for t in &api.types {
        let mut id = pascal_ident(&t.name);
        while !used.insert(id.to_ascii_lowercase()) {
            id.push('_');
        }
        idents.push(id);
    }
    let mut methods: HashSet<String> = RESERVED_METHODS.iter().map(|m| m.to_string()).collect();
    let mut op_idents = Vec::with_capacity(api.operations.len());
    for op in &api.operations {
        let mut fn_name = snake(&op.name);
        while !methods.insert(fn_name.clone()) {
            fn_name.push('_');
        }
        let mut resp = pascal_ident(&format!("{}Response", op.name));
        while !used.insert(resp.to_ascii_lowercase()) {
            resp.push('_');
        }
        op_idents.push((fn_name, resp));
    }
    let ctx = Ctx {
        idents,
        op_idents,
        boxed: crate::graph::containment_cycles(api),
    };
    let mut types = String::new();
    for (i, t) in api.types.iter().enumerate() {
        ctx.type_def(i, t, &mut types);
    }
    let mut ops = String::from("\nimpl Client {");
    let mut resp_types = String::new();
    for (k, op) in api.operations.iter().enumerate() {
        ctx.operation(k, op, &mut ops, &mut resp_types);
    }
    ops.push_str("}\n");
    types.push_str(&resp_types);
    let mut has = String::new();
    let mut add = String::new();
    for a in &api.auth {
        match a {
            Auth::ApiKey {
                scheme,
                location,
                name,
            } => {
                let s = string_literal(scheme);
                let _ = writeln!(
                    has,
                    "            {s} => self.credentials.api_keys.contains_key({s}),"
                );
                let key =
                    format!("self.credentials.api_keys.get({s}).cloned().unwrap_or_default()");
                let apply = match location {
                    Location::Query => format!("req.query(&[({}, {key})])", string_literal(name)),
                    Location::Cookie => format!(
                        "req.header(\"cookie\", format!(\"{{}}={{}}\", {}, {key}))",
                        string_literal(name)
                    ),
                    _ => format!("req.header({}, {key})", string_literal(name)),
                };
                let _ = writeln!(add, "            {s} => {apply},");
            }
            Auth::Basic { scheme } => {
                let s = string_literal(scheme);
                let _ = writeln!(has, "            {s} => self.credentials.basic.is_some(),");
                let _ = writeln!(add, "            {s} => match &self.credentials.basic {{\n                Some((u, p)) => req.basic_auth(u, Some(p)),\n                None => req,\n            }},");
            }
            Auth::Bearer { scheme } => {
                let s = string_literal(scheme);
                let _ = writeln!(has, "            {s} => self.credentials.bearer.is_some(),");
                let _ = writeln!(add, "            {s} => match &self.credentials.bearer {{\n                Some(t) => req.bearer_auth(t),\n                None => req,\n            }},");
            }
        }
    }
    let base = api.default_base_url();
    let title_doc = comment_text(&api.title);
    let mut files = BTreeMap::new();
    let cargo = CargoToml {
        title_comment: &title_doc,
        crate_name: &crate::manifest::toml_string(&crate_name),
        description: &crate::manifest::toml_string(&format!("Client for {}", title_doc.trim())),
    };
    files.insert("Cargo.toml".to_string(), cargo.render().unwrap_or_default());
    let lib = LibRs {
        title_doc: &title_doc,
        crate_ident: &crate_ident,
        base_url: &string_literal(&base),
        auth_has: &has,
        auth_add: &add,
        operations: &ops,
    };
    files.insert("src/lib.rs".to_string(), lib.render().unwrap_or_default());
    files.insert(
        "src/types.rs".to_string(),
        TypesRs {
            title_doc: &title_doc,
            types: &types,
        }
        .render()
        .unwrap_or_default(),
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
        .map(|(k, o)| {
            let nones = o
                .params
                .iter()
                .map(|_| "None")
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "let response = client.{}({nones}).await?;\n",
                ctx.op_idents[k].0
            )
        })
        .unwrap_or_default();
    let readme = Readme {
        crate_name: &crate_name,
        crate_ident: &crate_ident,
        title_doc: &title_doc,
        example: &example,
    };
    files.insert("README.md".to_string(), readme.render().unwrap_or_default());
    files
        .into_iter()
        .map(|(path, contents)| GeneratedFile { path, contents })
        .collect()
}
