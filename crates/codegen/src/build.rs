//! From a normalized document to the [`Api`] model.

use std::collections::HashMap;

use oaskit_core::{api, join_pointer as join, Diagnostic, Document, Node, Value as NValue};

use crate::ir::{
    Api, Auth, Body, BodyKind, EnumValue, Field, Location, Operation, PageSource, Param, Response,
    ResponseHeader, Server, ServerVariable, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::names::{pascal, Unique};

const MAX_DEPTH: usize = 64;

/// The work limit of model building, in schema visits (`type_of`, `collect_fields`, each allOf
/// member and each property merged from one). Real specs need far less (GitHub's 1,100
/// operations: about 55,000; Stripe: 17,000); past it the schemas not reached yet become
/// untyped values and a `codegen-limit` warning names the limit.
pub const WORK_LIMIT: usize = 1_000_000;

/// The properties an allOf member contributes, collected once per member schema.
#[derive(Clone, Default)]
struct Collected {
    fields: Vec<Field>,
    additional: Option<TypeRef>,
    /// Property names the member (or its own members) requires.
    required: Vec<String>,
}

impl Collected {
    /// Merges `other` in, as a later allOf member: its properties refine earlier ones (the
    /// later one wins, required sticks) and its required names apply to what is there.
    fn merge(&mut self, other: &Collected) {
        for field in &other.fields {
            merge_field(&mut self.fields, field.clone());
        }
        if other.additional.is_some() {
            self.additional.clone_from(&other.additional);
        }
        for r in &other.required {
            if let Some(f) = self.fields.iter_mut().find(|f| &f.wire == r) {
                f.required = true;
            }
            if !self.required.contains(r) {
                self.required.push(r.clone());
            }
        }
    }
}

fn merge_field(fields: &mut Vec<Field>, field: Field) {
    match fields.iter_mut().find(|f| f.wire == field.wire) {
        Some(existing) => {
            let req = existing.required || field.required;
            *existing = field;
            existing.required = req;
        }
        None => fields.push(field),
    }
}

struct Builder<'d> {
    doc: &'d Document,
    types: Vec<Option<TypeDef>>,
    /// Component pointer -> type id (reserved before building, so recursion terminates).
    by_pointer: HashMap<String, TypeId>,
    /// Named types whose schema also admits null (`nullable: true`, `type: [object, "null"]`):
    /// the slot holds the type itself and every reference reads `T or null`.
    nullable_named: std::collections::HashSet<TypeId>,
    names: Unique,
    diags: Vec<Diagnostic>,
    /// What each allOf member reached through a `$ref` contributes, by target pointer: merged
    /// once, reused by every schema that includes it (without this, members that include the
    /// next one twice make the work exponential).
    members: HashMap<String, Collected>,
    /// Schema visits so far (see [`WORK_LIMIT`]).
    work: usize,
    /// The most schema visits allowed.
    limit: usize,
}

fn text(n: Option<&Node>) -> Option<String> {
    n.and_then(Node::as_str).map(str::to_string)
}

fn doc_of(n: &Node) -> Option<String> {
    let parts: Vec<String> = ["summary", "title", "description"]
        .iter()
        .filter_map(|k| text(n.get(k)))
        .filter(|s| !s.trim().is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

impl<'d> Builder<'d> {
    fn root(&self) -> &'d Node {
        self.doc.root()
    }

    fn warn(&mut self, code: &'static str, msg: String, node: &Node, pointer: &str) {
        let d = Diagnostic::warning(code, msg).at(node.span, self.doc.origins().original(pointer));
        self.diags.push(d);
    }

    /// Reserves a type id with a unique name derived from `base` — or reuses the one `named`
    /// reserved for this very pointer.
    fn reserve(&mut self, base: &str, pointer: &str, node: &Node) -> TypeId {
        if let Some(&id) = self.by_pointer.get(pointer) {
            if self.types[id]
                .as_ref()
                .is_some_and(|t| t.kind == TypeKind::Alias(TypeRef::Any))
            {
                return id;
            }
        }
        let (name, holder) = self.names.take_for(base, pointer);
        if let Some(holder) = holder {
            let by = if holder.is_empty() {
                String::new()
            } else {
                format!(" (by the schema at {holder})")
            };
            self.warn(
                "name-collision",
                format!("the type name {base:?} is taken{by}; this one is called {name:?}"),
                node,
                pointer,
            );
        }
        self.types.push(Some(TypeDef {
            name,
            pointer: pointer.to_string(),
            doc: doc_of(node),
            kind: TypeKind::Alias(TypeRef::Any),
        }));
        self.types.len() - 1
    }

    /// Counts one unit of work; false (after one `codegen-limit` warning) once over the limit.
    fn step(&mut self, node: &Node, pointer: &str) -> bool {
        self.work += 1;
        if self.work == self.limit + 1 {
            let limit = self.limit;
            self.warn(
                "codegen-limit",
                format!("building the SDK model took more than {limit} schema visits (the codegen work limit); the schemas not reached by then are untyped values"),
                node,
                pointer,
            );
        }
        self.work <= self.limit
    }

    fn deref<'a>(&self, n: &'a Node) -> (&'a Node, Option<String>)
    where
        'd: 'a,
    {
        let r = api::reference::follow(self.root(), n, "");
        (r.node, r.via_ref.then_some(r.pointer))
    }

    /// The type of a schema standing at `pointer`; `hint` names inline types.
    fn type_of(&mut self, schema: &'d Node, pointer: &str, hint: &str, depth: usize) -> TypeRef {
        if depth > MAX_DEPTH || !self.step(schema, pointer) {
            return TypeRef::Any;
        }
        if schema.ref_str().is_some() {
            let (_, target) = self.deref(schema);
            return target.map_or(TypeRef::Any, |p| self.named(&p, depth));
        }
        match &schema.value {
            NValue::Bool(true) => return TypeRef::Any,
            NValue::Object(_) => {}
            _ => return TypeRef::Any,
        }
        // Type arrays: [T, "null"] is a nullable T.
        let types: Vec<String> = match schema.get("type") {
            Some(t) if t.as_str().is_some() => vec![t.as_str().unwrap_or_default().to_string()],
            Some(t) => t
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Node::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let nullable = types.iter().any(|t| t == "null")
            || schema.get("nullable").and_then(Node::as_bool) == Some(true);
        let non_null: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
        let inner = self.shape(
            schema,
            pointer,
            hint,
            non_null.first().map(|s| s.as_str()),
            non_null.len(),
            depth,
        );
        if nullable && !matches!(inner, TypeRef::Any | TypeRef::Nullable(_)) {
            TypeRef::Nullable(Box::new(inner))
        } else {
            inner
        }
    }

    fn shape(
        &mut self,
        s: &'d Node,
        pointer: &str,
        hint: &str,
        ty: Option<&str>,
        n_types: usize,
        depth: usize,
    ) -> TypeRef {
        if let Some(c) = s.get("const") {
            return TypeRef::Literal(c.to_json());
        }
        if let Some(values) = s.get("enum").and_then(Node::as_array) {
            let non_null: Vec<&Node> = values
                .iter()
                .filter(|v| !matches!(v.value, NValue::Null))
                .collect();
            if non_null.len() == 1 {
                return TypeRef::Literal(non_null[0].to_json());
            }
            if !non_null.is_empty()
                && non_null
                    .iter()
                    .all(|v| matches!(v.value, NValue::String(_) | NValue::Number(_)))
            {
                return TypeRef::Named(self.enum_type(s, pointer, hint, &non_null));
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(list) = s.get(key).and_then(Node::as_array) {
                // `X or null` (3.1's spelling of a nullable X): a nullable type, not a union
                // with an untyped member.
                let (nulls, others): (Vec<_>, Vec<_>) = list
                    .iter()
                    .enumerate()
                    .partition(|(_, v)| is_null_schema(v));
                if !nulls.is_empty() && others.len() == 1 && s.get("discriminator").is_none() {
                    let (i, member) = others[0];
                    let inner = self.type_of(
                        member,
                        &join(&join(pointer, key), &i.to_string()),
                        hint,
                        depth + 1,
                    );
                    return match inner {
                        TypeRef::Any | TypeRef::Nullable(_) => inner,
                        other => TypeRef::Nullable(Box::new(other)),
                    };
                }
                return self.union(s, pointer, hint, key, list, depth);
            }
        }
        if let Some(list) = s.get("allOf").and_then(Node::as_array) {
            if list.len() == 1 && s.get("properties").is_none() {
                return self.type_of(
                    &list[0],
                    &join(&join(pointer, "allOf"), "0"),
                    hint,
                    depth + 1,
                );
            }
            return TypeRef::Named(self.struct_type(s, pointer, hint, depth));
        }
        if n_types > 1 {
            return TypeRef::Any;
        }
        match ty {
            Some("string") => match s.get("format").and_then(Node::as_str) {
                Some("binary") => TypeRef::Binary,
                f => TypeRef::String(f.map(str::to_string)),
            },
            Some("integer") => TypeRef::Integer(text(s.get("format"))),
            Some("number") => TypeRef::Number,
            Some("boolean") => TypeRef::Boolean,
            Some("array") => match s.get("items") {
                Some(items) => TypeRef::Array(Box::new(self.type_of(
                    items,
                    &join(pointer, "items"),
                    &format!("{hint}Item"),
                    depth + 1,
                ))),
                None => TypeRef::Array(Box::new(TypeRef::Any)),
            },
            Some("object") | None if s.get("properties").is_some() => {
                TypeRef::Named(self.struct_type(s, pointer, hint, depth))
            }
            Some("object") | None => match s.get("additionalProperties") {
                Some(ap)
                    if ap.as_bool() != Some(false)
                        && ap.as_object().is_some_and(|m| !m.is_empty()) =>
                {
                    TypeRef::Map(Box::new(self.type_of(
                        ap,
                        &join(pointer, "additionalProperties"),
                        &format!("{hint}Value"),
                        depth + 1,
                    )))
                }
                _ if ty == Some("object") => TypeRef::Map(Box::new(TypeRef::Any)),
                _ => TypeRef::Any,
            },
            Some(_) => TypeRef::Any,
        }
    }

    /// A component (or any pointer) as a named type, built once.
    fn named(&mut self, pointer: &str, depth: usize) -> TypeRef {
        if let Some(&id) = self.by_pointer.get(pointer) {
            return if self.nullable_named.contains(&id) {
                TypeRef::Nullable(Box::new(TypeRef::Named(id)))
            } else {
                TypeRef::Named(id)
            };
        }
        let Some(node) = self.root().pointer(pointer) else {
            return TypeRef::Any;
        };
        let base = pascal(
            pointer
                .rsplit('/')
                .next()
                .map(oaskit_core::unescape_token)
                .as_deref()
                .unwrap_or("Type"),
            "Type",
        );
        let base = if base.starts_with(|c: char| c.is_ascii_digit()) {
            format!("T{base}")
        } else {
            base
        };
        let id = self.reserve(&base, pointer, node);
        self.by_pointer.insert(pointer.to_string(), id);
        let ty = self.type_of(node, pointer, &base, depth + 1);
        // Structs, enums and unions fill the reserved slot themselves; anything else is an alias.
        // A nullable struct, enum or union fills it too: the slot keeps the type and the
        // references carry the null (an alias of itself-or-null was an untyped value).
        if ty == TypeRef::Nullable(Box::new(TypeRef::Named(id))) {
            self.nullable_named.insert(id);
            return ty;
        }
        if ty != TypeRef::Named(id) {
            if let Some(t) = self.types[id].as_mut() {
                t.kind = TypeKind::Alias(ty);
            }
        }
        TypeRef::Named(id)
    }

    fn struct_type(&mut self, s: &'d Node, pointer: &str, hint: &str, depth: usize) -> TypeId {
        let id = self.reserve(hint, pointer, s);
        let mut visiting = vec![pointer.to_string()];
        let mut collected = Collected::default();
        self.collect_fields(s, pointer, hint, depth, &mut collected, &mut visiting);
        let Collected {
            mut fields,
            additional,
            ..
        } = collected;
        // Field base names unique within the struct.
        let mut unique = Unique::default();
        for f in &mut fields {
            let (name, changed) = unique.take(&f.name);
            if changed {
                let msg = format!("property {:?} of {hint} gets the field name {name:?}: its name collides with another property", f.wire);
                self.warn("name-collision", msg, s, pointer);
            }
            f.name = name;
        }
        if let Some(t) = self.types[id].as_mut() {
            t.kind = TypeKind::Struct { fields, additional };
        }
        id
    }

    /// Collects the properties of `s` and of its allOf members into `out`.
    fn collect_fields(
        &mut self,
        s: &'d Node,
        pointer: &str,
        hint: &str,
        depth: usize,
        out: &mut Collected,
        visiting: &mut Vec<String>,
    ) {
        if depth > MAX_DEPTH || !self.step(s, pointer) {
            return;
        }
        if let Some(list) = s.get("allOf").and_then(Node::as_array) {
            for (i, m) in list.iter().enumerate() {
                let (target, tptr) = self.deref(m);
                let mp = tptr
                    .clone()
                    .unwrap_or_else(|| join(&join(pointer, "allOf"), &i.to_string()));
                if visiting.contains(&mp) {
                    continue; // an allOf cycle: reported by `check`, never followed twice here
                }
                if !self.step(m, &mp) {
                    return;
                }
                if tptr.is_none() {
                    // An inline member: part of this schema's own text, visited once.
                    visiting.push(mp.clone());
                    self.collect_fields(target, &mp, hint, depth + 1, out, visiting);
                    visiting.pop();
                    continue;
                }
                if let Some(done) = self.members.get(&mp) {
                    let done = done.clone();
                    self.work += done.fields.len();
                    out.merge(&done);
                    continue;
                }
                let mut member = Collected::default();
                visiting.push(mp.clone());
                self.collect_fields(target, &mp, hint, depth + 1, &mut member, visiting);
                visiting.pop();
                out.merge(&member);
                self.members.insert(mp, member);
            }
        }
        let required: Vec<&str> = s
            .get("required")
            .and_then(Node::as_array)
            .map(|a| a.iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        if let Some(props) = s.get("properties").and_then(Node::as_object) {
            for (wire, p) in props.iter() {
                let pp = join(&join(pointer, "properties"), wire);
                let field_hint = format!("{hint}{}", pascal(wire, "Field"));
                let ty = self.type_of(p, &pp, &field_hint, depth + 1);
                let (target, _) = self.deref(p);
                let field = Field {
                    wire: wire.to_string(),
                    name: pascal(wire, "Field"),
                    ty,
                    required: required.contains(&wire),
                    read_only: target.get("readOnly").and_then(Node::as_bool) == Some(true),
                    write_only: target.get("writeOnly").and_then(Node::as_bool) == Some(true),
                    default: target.get("default").map(Node::to_json),
                    doc: doc_of(p).or_else(|| doc_of(target)),
                };
                // allOf members refine earlier properties: the later one wins, required sticks.
                merge_field(&mut out.fields, field);
            }
        }
        for r in required {
            if let Some(f) = out.fields.iter_mut().find(|f| f.wire == r) {
                f.required = true;
            }
            if !out.required.iter().any(|x| x == r) {
                out.required.push(r.to_string());
            }
        }
        if let Some(ap) = s
            .get("additionalProperties")
            .filter(|ap| ap.as_object().is_some_and(|m| !m.is_empty()))
        {
            out.additional = Some(self.type_of(
                ap,
                &join(pointer, "additionalProperties"),
                &format!("{hint}Value"),
                depth + 1,
            ));
        }
    }

    fn enum_type(&mut self, s: &'d Node, pointer: &str, hint: &str, values: &[&Node]) -> TypeId {
        let id = self.reserve(hint, pointer, s);
        let strings = values.iter().all(|v| matches!(v.value, NValue::String(_)));
        let mut unique = Unique::default();
        let mut out = Vec::with_capacity(values.len());
        let mut collisions = 0usize;
        // The same value twice would be two variants matching one wire value: dead match arms
        // (fatal under `-D warnings` in Rust) and ambiguous decoding elsewhere. Numbers compare
        // by value, as JSON Schema does (`1` and `1.0` are one value).
        let mut seen = std::collections::HashSet::new();
        let mut duplicates = Vec::new();
        for v in values {
            let key = match &v.value {
                NValue::Number(n) => n
                    .parse::<f64>()
                    .map_or_else(|_| format!("n:{n}"), |f| format!("n:{f:?}")),
                NValue::String(x) => format!("s:{x}"),
                _ => format!("j:{}", v.to_json()),
            };
            if !seen.insert(key) {
                duplicates.push(v.to_json().to_string());
                continue;
            }
            let base = match &v.value {
                NValue::String(x) => pascal(x, "Empty"),
                NValue::Number(n) => format!("N{}", n.replace(['-', '.', '+'], "_")),
                _ => "Value".into(),
            };
            let base = if base.starts_with(|c: char| c.is_ascii_digit()) {
                format!("V{base}")
            } else {
                base
            };
            let (name, changed) = unique.take(&base);
            collisions += usize::from(changed);
            out.push(EnumValue {
                wire: v.to_json(),
                name,
            });
        }
        if !duplicates.is_empty() {
            let shown: Vec<&str> = duplicates.iter().take(5).map(String::as_str).collect();
            let more = duplicates.len().saturating_sub(shown.len());
            self.warn(
                "duplicate-enum-value",
                format!(
                    "{hint} lists {} more than once; the SDK has one variant for each{}",
                    shown.join(", "),
                    if more > 0 {
                        format!(" (and {more} more repeated value(s))")
                    } else {
                        String::new()
                    }
                ),
                s,
                pointer,
            );
        }
        if collisions > 0 {
            self.warn("name-collision", format!("{collisions} value(s) of {hint} got numbered variant names: they collide once turned into identifiers"), s, pointer);
        }
        if values.len() > 10_000 {
            self.warn(
                "huge-enum",
                format!(
                    "{hint} has {} values; a plain string may serve SDK users better",
                    values.len()
                ),
                s,
                pointer,
            );
        }
        if let Some(t) = self.types[id].as_mut() {
            t.kind = TypeKind::Enum {
                values: out,
                strings,
            };
        }
        id
    }

    fn union(
        &mut self,
        s: &'d Node,
        pointer: &str,
        hint: &str,
        key: &str,
        list: &'d [Node],
        depth: usize,
    ) -> TypeRef {
        let id = self.reserve(hint, pointer, s);
        let mut variants = Vec::new();
        let mut unique = Unique::default();
        for (i, v) in list.iter().enumerate() {
            let vp = join(&join(pointer, key), &i.to_string());
            let ty = self.type_of(v, &vp, &format!("{hint}Variant{}", i + 1), depth + 1);
            let base = match &ty {
                TypeRef::Named(t) => self.types[*t]
                    .as_ref()
                    .map_or_else(|| format!("Variant{}", i + 1), |d| d.name.clone()),
                TypeRef::String(_) => "String".into(),
                TypeRef::Integer(_) => "Integer".into(),
                TypeRef::Number => "Number".into(),
                TypeRef::Boolean => "Boolean".into(),
                TypeRef::Array(_) => "Array".into(),
                TypeRef::Map(_) => "Map".into(),
                _ => format!("Variant{}", i + 1),
            };
            variants.push((unique.take(&base).0, ty));
        }
        let discriminator = s.get("discriminator").and_then(|d| {
            let prop = text(d.get("propertyName"))?;
            let mapping = d.get("mapping").and_then(Node::as_object);
            let values = list
                .iter()
                .map(|v| {
                    let r = v.ref_str().unwrap_or_default();
                    mapping
                        .and_then(|m| {
                            m.iter()
                                .find(|(_, t)| {
                                    t.as_str()
                                        .is_some_and(|t| t == r || r.ends_with(&format!("/{t}")))
                                })
                                .map(|(k, _)| k.to_string())
                        })
                        .unwrap_or_else(|| r.rsplit('/').next().unwrap_or_default().to_string())
                })
                .collect();
            Some((prop, values))
        });
        if let Some(t) = self.types[id].as_mut() {
            t.kind = TypeKind::Union {
                variants,
                discriminator,
            };
        }
        TypeRef::Named(id)
    }

    /// The operations, with each one's Operation Object (for what is read once the types are
    /// known: [`crate::paging`]).
    fn operations(&mut self, api: &api::Api<'d>) -> (Vec<Operation>, Vec<&'d Node>) {
        let mut ops = Vec::new();
        let mut paged = Vec::new();
        let mut names = Unique::default();
        for op in api.operations() {
            // `x-amazon-apigateway-any-method` names no method a client could send.
            let Some(method) = op.method.http() else {
                self.warn(
                    "operation-skipped",
                    format!(
                        "ANY {}: x-amazon-apigateway-any-method names no single method; the SDK has no method for it",
                        op.path
                    ),
                    op.node,
                    &op.pointer,
                );
                continue;
            };
            let m = op.method.key();
            let path = op.path;
            let base = match op.operation_id {
                Some(id) => pascal(id, "Operation"),
                None => pascal(&format!("{m} {path}"), "Operation"),
            };
            let (name, holder) = names.take_for(&base, &format!("{} {path}", op.method));
            if let Some(holder) = holder {
                self.warn(
                    "name-collision",
                    format!("the method name {base:?} is taken (by {holder}); this operation's is {name:?}"),
                    op.node,
                    &op.pointer,
                );
            }
            let mut params = Vec::new();
            let mut pnames = Unique::default();
            for p in &op.parameters {
                let wire = p.name.to_string();
                let location = match p.location {
                    api::ParamLocation::Path => Location::Path,
                    api::ParamLocation::Header => Location::Header,
                    api::ParamLocation::Cookie => Location::Cookie,
                    api::ParamLocation::Query | api::ParamLocation::QueryString => Location::Query,
                };
                let ty = match &p.schema {
                    Some(sc) => self.type_of(
                        sc.node,
                        &sc.pointer,
                        &format!("{name}{}", pascal(&wire, "Param")),
                        1,
                    ),
                    None => TypeRef::String(None),
                };
                params.push(Param {
                    name: pnames.take(&pascal(&wire, "Param")).0,
                    wire,
                    location,
                    required: p.required,
                    explode: p.explode,
                    style: p.style.to_string(),
                    ty,
                    default: p
                        .schema
                        .as_ref()
                        .and_then(|sc| self.deref(sc.node).0.get("default"))
                        .map(Node::to_json),
                    doc: doc_of(p.node),
                });
            }
            let body = op.request_body.as_ref().and_then(|rb| {
                let media = rb.content.first()?;
                let kind = body_kind(media.name);
                let ty = match &media.schema {
                    Some(sc) => self.type_of(sc.node, &sc.pointer, &format!("{name}Request"), 1),
                    None => TypeRef::Binary,
                };
                Some(Body {
                    media_type: media.name.to_string(),
                    kind,
                    ty,
                    required: rb.required,
                })
            });
            let mut responses = Vec::new();
            for r in &op.responses {
                // Only a parsed status ever reaches generated code.
                let status = r.status.key();
                let status = match r.status {
                    api::StatusMatch::Range(..) => status,
                    _ => r.key.to_string(),
                };
                let (ty, media_type) = match r.content.first() {
                    Some(media) => {
                        let mt = media.name;
                        let ty = match &media.schema {
                            Some(sc) if body_kind(mt) == BodyKind::Json => self.type_of(
                                sc.node,
                                &sc.pointer,
                                &format!("{name}Response{}", pascal(&status, "Default")),
                                1,
                            ),
                            Some(_) if body_kind(mt) == BodyKind::Text => TypeRef::String(None),
                            _ => TypeRef::Binary,
                        };
                        (Some(ty), Some(mt.to_string()))
                    }
                    None => (None, None),
                };
                let mut hnames = Unique::default();
                let headers = r
                    .headers
                    .iter()
                    .map(|h| {
                        let ty = match &h.schema {
                            Some(sc) => self.type_of(
                                sc.node,
                                &sc.pointer,
                                &format!(
                                    "{name}Response{}{}",
                                    pascal(&status, "Default"),
                                    pascal(h.name, "Header")
                                ),
                                1,
                            ),
                            None => TypeRef::String(None),
                        };
                        ResponseHeader {
                            wire: h.name.to_string(),
                            name: hnames.take(&pascal(h.name, "Header")).0,
                            ty,
                            required: h.required,
                            doc: h.description.map(str::to_string),
                        }
                    })
                    .collect();
                responses.push(Response {
                    status,
                    ty,
                    media_type,
                    headers,
                    doc: doc_of(r.node),
                });
            }
            let security = op
                .security
                .as_deref()
                .unwrap_or_default()
                .iter()
                .map(|req| req.schemes.iter().map(|s| s.name.to_string()).collect())
                .collect();
            ops.push(Operation {
                name,
                method,
                path: path.to_string(),
                params,
                body,
                responses,
                security,
                doc: doc_of(op.node),
                deprecated: op.deprecated,
                pagination: None,
            });
            paged.push(op.node);
        }
        (ops, paged)
    }
}

/// Whether a schema admits only `null`: `{type: "null"}`, `{type: ["null"]}`, `{const: null}`
/// or `{enum: [null]}`.
fn is_null_schema(s: &Node) -> bool {
    let Some(m) = s.as_object() else {
        return false;
    };
    match m.get("type") {
        Some(t) if t.as_str() == Some("null") => return true,
        Some(t) => {
            if let Some(a) = t.as_array() {
                return !a.is_empty() && a.iter().all(|x| x.as_str() == Some("null"));
            }
        }
        None => {}
    }
    matches!(m.get("const").map(|c| &c.value), Some(NValue::Null))
        || m.get("enum")
            .and_then(Node::as_array)
            .is_some_and(|a| !a.is_empty() && a.iter().all(|x| matches!(x.value, NValue::Null)))
}

/// How content of media type `mt` is encoded.
pub(crate) fn body_kind(mt: &str) -> BodyKind {
    let e = mt
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if e == "application/json" || e.ends_with("+json") {
        BodyKind::Json
    } else if e == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if e.starts_with("multipart/") {
        BodyKind::Multipart
    } else if e.starts_with("text/") {
        BodyKind::Text
    } else {
        BodyKind::Binary
    }
}

/// Builds the model of a document. Findings (`name-collision`, `huge-enum`, `duplicate-enum-value`, `operation-skipped`, `codegen-limit`)
/// are warnings that point into the user's files.
#[must_use]
pub fn build(doc: &Document) -> (Api, Vec<Diagnostic>) {
    build_with(doc, &ModelOptions::default())
}

/// [`build`] with another work limit than [`WORK_LIMIT`] (schema visits): past it, the schemas
/// not reached yet become untyped values and one `codegen-limit` warning names the limit.
#[must_use]
pub fn build_limited(doc: &Document, work_limit: usize) -> (Api, Vec<Diagnostic>) {
    build_with(
        doc,
        &ModelOptions {
            work_limit,
            ..ModelOptions::default()
        },
    )
}

/// How the model is built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelOptions {
    /// The work limit in schema visits ([`WORK_LIMIT`] by default).
    pub work_limit: usize,
    /// Whether operations whose pagination is only likely ([`PageSource::Guessed`](crate::ir::PageSource::Guessed):
    /// a page or offset parameter beside an array) get it; off by default, so SDKs offer
    /// paging helpers only where the definition declares it or its shape leaves no doubt
    /// (`oaskit generate --guess-pagination` turns it on).
    pub guess_pagination: bool,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            work_limit: WORK_LIMIT,
            guess_pagination: false,
        }
    }
}

/// [`build`] with [`ModelOptions`].
#[must_use]
pub fn build_with(doc: &Document, options: &ModelOptions) -> (Api, Vec<Diagnostic>) {
    let work_limit = options.work_limit;
    let mut b = Builder {
        doc,
        types: Vec::new(),
        by_pointer: HashMap::new(),
        nullable_named: std::collections::HashSet::new(),
        names: Unique::default(),
        diags: Vec::new(),
        members: HashMap::new(),
        work: 0,
        limit: work_limit,
    };
    let root = doc.root();
    // Components first, in definition order, so their names win.
    if let Some(schemas) = root
        .pointer("/components/schemas")
        .and_then(Node::as_object)
    {
        for (k, _) in schemas.iter() {
            let _ = b.named(&join("/components/schemas", k), 0);
        }
    }
    let view = api::Api::new(doc);
    let (operations, op_nodes) = b.operations(&view);
    let servers = view
        .servers()
        .iter()
        .map(|s| Server {
            url: s.url.to_string(),
            variables: s
                .variables
                .iter()
                .map(|v| ServerVariable {
                    name: v.name.to_string(),
                    default: v.default.unwrap_or_default().to_string(),
                    values: v.values.iter().map(|s| (*s).to_string()).collect(),
                    doc: v.description.map(str::to_string),
                })
                .collect(),
            doc: s.description.map(str::to_string),
        })
        .collect();
    let auth = view
        .security_schemes()
        .iter()
        .filter_map(|s| {
            let scheme = s.name.to_string();
            match &s.kind {
                api::SchemeKind::ApiKey { name, location } => Some(Auth::ApiKey {
                    scheme,
                    location: match location {
                        Some(api::KeyLocation::Query) => Location::Query,
                        Some(api::KeyLocation::Cookie) => Location::Cookie,
                        _ => Location::Header,
                    },
                    name: (*name).to_string(),
                }),
                api::SchemeKind::Http { scheme: kind, .. } if kind == "basic" => {
                    Some(Auth::Basic { scheme })
                }
                api::SchemeKind::Http { .. }
                | api::SchemeKind::OAuth2
                | api::SchemeKind::OpenIdConnect { .. } => Some(Auth::Bearer { scheme }),
                _ => None,
            }
        })
        .collect();
    let mut api = Api {
        title: text(root.pointer("/info/title")).unwrap_or_default(),
        version: text(root.pointer("/info/version")).unwrap_or_default(),
        doc: text(root.pointer("/info/description")),
        servers,
        types: b
            .types
            .into_iter()
            .map(|t| {
                t.unwrap_or(TypeDef {
                    name: String::new(),
                    pointer: String::new(),
                    doc: None,
                    kind: TypeKind::Alias(TypeRef::Any),
                })
            })
            .collect(),
        operations,
        auth,
    };
    let paging: Vec<_> = api
        .operations
        .iter()
        .zip(&op_nodes)
        .map(|(op, node)| {
            crate::paging::recognize(&api, op, node)
                .filter(|p| options.guess_pagination || p.source != PageSource::Guessed)
        })
        .collect();
    for (op, p) in api.operations.iter_mut().zip(paging) {
        op.pagination = p;
    }
    (api, b.diags)
}
