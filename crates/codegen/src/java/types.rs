//! Java types for the model's types: the Java spelling and the Jackson type of every
//! [`TypeRef`], and the named types (records, enums, sealed interfaces), each rendered by its
//! template. Aliases get no file: every use names what they stand for.

use std::collections::HashSet;

use askama::Template;
use serde_json::Value;

use super::escape::{doc_comment, doc_text, member_ident, string_literal, RESERVED_FIELDS};
use super::{render, LocalNames, Namespace};
use crate::ir::{Api, EnumValue, Field, TypeDef, TypeKind, TypeRef};

/// Enums with more values than this are not Java enums (their uses are the base type): an
/// enum's static initializer must stay under the JVM's 64 KiB method limit.
pub const MAX_ENUM_VALUES: usize = 2_000;

/// Objects with more properties than this cannot be records (a constructor takes at most 255
/// parameters): their uses are `Map<String, Object>`.
pub const MAX_RECORD_COMPONENTS: usize = 250;

/// A record (`templates/java/record.java.txt`).
#[derive(Template)]
#[template(path = "java/record.java.txt", escape = "none")]
struct RecordView<'a> {
    package: &'a str,
    doc: String,
    ident: &'a str,
    fields: Vec<FieldView>,
    /// The `java.time` imports the components need.
    time_imports: String,
    /// The identifiers of the `ApiNullable` components (a null argument becomes absent).
    tristates: Vec<String>,
    /// The component holding the properties beyond the documented ones.
    additional: Option<AdditionalView>,
}

/// A component of a record.
struct FieldView {
    ident: String,
    ty: String,
    /// The wire name as a string literal.
    wire: String,
    /// Written even when null (required and nullable).
    always: bool,
    /// An `ApiNullable` (optional and nullable): left out when absent, written when null.
    tristate: bool,
}

/// The `Map` of a record's additional properties (`@JsonAnySetter`, `@JsonAnyGetter`).
struct AdditionalView {
    ident: String,
    /// The Java type of the values.
    ty: String,
}

/// An enum (`templates/java/enum.java.txt`).
#[derive(Template)]
#[template(path = "java/enum.java.txt", escape = "none")]
struct EnumView<'a> {
    package: &'a str,
    doc: String,
    ident: &'a str,
    /// `String`, `Long` or `Double`.
    base: &'static str,
    constants: Vec<ConstView>,
}

/// One known value of an enum.
struct ConstView {
    ident: String,
    /// The Java literal of the value.
    value: String,
    /// The literal as Javadoc text.
    shown: String,
}

/// A sealed interface (`templates/java/union.java.txt`).
#[derive(Template)]
#[template(path = "java/union.java.txt", escape = "none")]
struct UnionView<'a> {
    package: &'a str,
    doc: String,
    ident: &'a str,
    variants: Vec<VariantView>,
    /// The `java.time` imports the variants need.
    time_imports: String,
    property: Option<PropertyView>,
    tags: Vec<TagView>,
    /// The record of a value whose tag names no listed variant, or (without a discriminator)
    /// that no variant reads.
    unknown: String,
}

/// A variant of a union: its wrapper record.
struct VariantView {
    ident: String,
    /// The Java type it holds, and its Jackson type expression.
    ty: String,
    jtype: String,
    /// What the Javadoc says it is.
    shown: String,
}

/// The discriminator property of a union.
struct PropertyView {
    literal: String,
    shown: String,
}

/// A discriminator value and the variant it names.
struct TagView {
    value: String,
    ident: String,
    jtype: String,
}

/// What rendering needs: the identifiers of the types with a file, and the namespace.
pub(super) struct Types<'a> {
    pub(super) api: &'a Api,
    /// The identifier of every type of `api.types` that has a file.
    pub(super) idents: Vec<Option<String>>,
    pub(super) ns: &'a Namespace,
    /// (alias, target) references that would make an alias stand for itself.
    alias_cycles: HashSet<(usize, usize)>,
}

/// The Java base type of an enum's values: `None` when they mix strings and numbers.
fn enum_base(values: &[EnumValue], strings: bool) -> Option<&'static str> {
    if strings {
        return Some("String");
    }
    if values.iter().any(|v| !v.wire.is_number()) {
        return None;
    }
    if values.iter().all(|v| v.wire.as_i64().is_some()) {
        Some("Long")
    } else {
        Some("Double")
    }
}

/// Whether named type `t` is a file of its own (a record, an enum or a sealed interface).
pub(super) fn has_file(t: &TypeDef) -> bool {
    match &t.kind {
        TypeKind::Struct { fields, additional } => {
            let extra = usize::from(additional.is_some());
            fields.len() + extra <= MAX_RECORD_COMPONENTS || {
                let mut seen = HashSet::new();
                fields.iter().filter(|f| seen.insert(&f.wire)).count() + extra
                    <= MAX_RECORD_COMPONENTS
            }
        }
        TypeKind::Enum { values, strings } => {
            values.len() <= MAX_ENUM_VALUES && enum_base(values, *strings).is_some()
        }
        TypeKind::Union { variants, .. } => !variants.is_empty(),
        TypeKind::Alias(_) => false,
    }
}

/// The Java type of a JSON scalar.
fn literal_ty(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "String",
        Value::Number(n) if n.is_i64() => "Long",
        Value::Number(_) => "Double",
        Value::Bool(_) => "Boolean",
        _ => "Object",
    }
}

impl<'a> Types<'a> {
    pub(super) fn new(api: &'a Api, idents: Vec<Option<String>>, ns: &'a Namespace) -> Self {
        Types {
            api,
            idents,
            ns,
            alias_cycles: crate::graph::alias_cycles(api),
        }
    }

    /// What named type `i` is in Java when it has no file: its alias target, or the base
    /// type of a large enum, or `Object`.
    fn fileless(&self, i: usize, seen: &mut HashSet<usize>) -> Option<TypeRef> {
        if !seen.insert(i) {
            return None;
        }
        match &self.api.types[i].kind {
            TypeKind::Alias(t) => {
                let target = match t {
                    TypeRef::Named(j) => Some(*j),
                    TypeRef::Nullable(x) => match x.as_ref() {
                        TypeRef::Named(j) => Some(*j),
                        _ => None,
                    },
                    _ => None,
                };
                match target {
                    Some(j) if self.alias_cycles.contains(&(i, j)) => None,
                    _ => Some(t.clone()),
                }
            }
            TypeKind::Enum { values, strings } => match enum_base(values, *strings) {
                Some("String") => Some(TypeRef::String(None)),
                Some("Long") => Some(TypeRef::Integer(None)),
                Some(_) => Some(TypeRef::Number),
                None => None,
            },
            TypeKind::Struct { .. } => Some(TypeRef::Map(Box::new(TypeRef::Any))),
            TypeKind::Union { .. } => None,
        }
    }

    fn ty_with(&self, t: &TypeRef, seen: &mut HashSet<usize>) -> String {
        match t {
            TypeRef::String(Some(f)) if f == "date" => "LocalDate".into(),
            TypeRef::String(Some(f)) if f == "date-time" => "OffsetDateTime".into(),
            TypeRef::String(_) => "String".into(),
            TypeRef::Integer(Some(f)) if f == "int32" => "Integer".into(),
            TypeRef::Integer(_) => "Long".into(),
            TypeRef::Number => "Double".into(),
            TypeRef::Boolean => "Boolean".into(),
            TypeRef::Binary => "byte[]".into(),
            TypeRef::Any => "Object".into(),
            TypeRef::Literal(v) => literal_ty(v).into(),
            TypeRef::Array(x) => format!("List<{}>", self.ty_with(x, seen)),
            TypeRef::Map(x) => format!("Map<String, {}>", self.ty_with(x, seen)),
            TypeRef::Nullable(x) => self.ty_with(x, seen),
            TypeRef::Named(i) => match &self.idents[*i] {
                Some(ident) => ident.clone(),
                None => match self.fileless(*i, seen) {
                    Some(t) => self.ty_with(&t, seen),
                    None => "Object".into(),
                },
            },
        }
    }

    /// The Java type of `t` (always a reference type, so it can be null).
    pub(super) fn ty(&self, t: &TypeRef) -> String {
        self.ty_with(t, &mut HashSet::new())
    }

    fn jtype_with(&self, t: &TypeRef, seen: &mut HashSet<usize>) -> String {
        match t {
            TypeRef::Array(x) => format!("ApiJson.list({})", self.jtype_with(x, seen)),
            TypeRef::Map(x) => format!("ApiJson.map({})", self.jtype_with(x, seen)),
            TypeRef::Nullable(x) => self.jtype_with(x, seen),
            TypeRef::Named(i) if self.idents[*i].is_none() => match self.fileless(*i, seen) {
                Some(t) => self.jtype_with(&t, seen),
                None => "ApiJson.type(Object.class)".into(),
            },
            t => format!("ApiJson.type({}.class)", self.ty(t)),
        }
    }

    /// The Jackson type of `t`, as a Java expression (`ApiJson.list(ApiJson.type(Pet.class))`).
    pub(super) fn jtype(&self, t: &TypeRef) -> String {
        self.jtype_with(t, &mut HashSet::new())
    }

    /// The file of named type `i`, when it has one.
    pub(super) fn render(&self, package: &str, i: usize, t: &TypeDef) -> Option<String> {
        let ident = self.idents[i].as_deref()?;
        let text = t
            .doc
            .clone()
            .unwrap_or_else(|| format!("{ident}, a type of the API."));
        Some(match &t.kind {
            TypeKind::Struct { fields, additional } => {
                self.record(package, ident, &text, fields, additional.as_ref())
            }
            TypeKind::Enum { values, strings } => {
                let base = enum_base(values, *strings).unwrap_or("String");
                let mut names = LocalNames::new(&["UNKNOWN"], &[]);
                let constants = values
                    .iter()
                    .map(|v| {
                        let value = match &v.wire {
                            Value::String(s) => string_literal(s),
                            Value::Number(n) if base == "Long" => format!("{n}L"),
                            other => format!("{other}d"),
                        };
                        ConstView {
                            ident: names.take(&super::constant_ident(&v.name)),
                            shown: doc_text(&value),
                            value,
                        }
                    })
                    .collect();
                render(&EnumView {
                    package,
                    doc: doc_comment(Some(&text), &[], ""),
                    ident,
                    base,
                    constants,
                })
            }
            TypeKind::Union {
                variants,
                discriminator,
            } => self.union(package, ident, &text, variants, discriminator.as_ref()),
            TypeKind::Alias(_) => return None,
        })
    }

    fn record(
        &self,
        package: &str,
        ident: &str,
        text: &str,
        fields: &[Field],
        additional: Option<&TypeRef>,
    ) -> String {
        let mut names = LocalNames::new(RESERVED_FIELDS, &[]);
        // The additional properties' component keeps its name; a property of that name
        // gets a number.
        let additional = additional.map(|t| AdditionalView {
            ident: names.take("additionalProperties"),
            ty: self.ty(t),
        });
        let mut seen = HashSet::new();
        let mut views = Vec::new();
        let mut tristates = Vec::new();
        let mut params: Vec<(String, String)> = Vec::new();
        for f in fields.iter().filter(|f| seen.insert(f.wire.as_str())) {
            let fident = names.take(&member_ident(&f.name));
            let tristate = !f.required && matches!(f.ty, TypeRef::Nullable(_));
            let mut doc = f
                .doc
                .clone()
                .unwrap_or_else(|| format!("the `{}` property", f.wire.replace('`', "'")));
            if f.read_only {
                doc.push_str(" (read-only: sent by the server)");
            } else if f.write_only {
                doc.push_str(" (write-only: sent by clients)");
            }
            if tristate {
                doc.push_str(" (optional and nullable: absent, null or a value)");
            } else if !f.required {
                doc.push_str(" (optional: null when absent)");
            }
            params.push((fident.clone(), doc));
            let ty = self.ty(&f.ty);
            if tristate {
                tristates.push(fident.clone());
            }
            views.push(FieldView {
                ty: if tristate {
                    format!("ApiNullable<{ty}>")
                } else {
                    ty
                },
                wire: string_literal(&f.wire),
                always: f.required && matches!(f.ty, TypeRef::Nullable(_)),
                tristate,
                ident: fident,
            });
        }
        if let Some(a) = &additional {
            params.push((
                a.ident.clone(),
                "the properties beyond the documented ones, by name (empty when none)".into(),
            ));
        }
        let tags: Vec<(&str, &str, &str)> = params
            .iter()
            .map(|(n, d)| ("@param", n.as_str(), d.as_str()))
            .collect();
        let time_imports = super::time_imports(
            views
                .iter()
                .map(|v| v.ty.as_str())
                .chain(additional.as_ref().map(|a| a.ty.as_str())),
        );
        render(&RecordView {
            package,
            doc: doc_comment(Some(text), &tags, ""),
            ident,
            time_imports,
            fields: views,
            tristates,
            additional,
        })
    }

    fn union(
        &self,
        package: &str,
        ident: &str,
        text: &str,
        variants: &[(String, TypeRef)],
        discriminator: Option<&(String, Vec<String>)>,
    ) -> String {
        let mut local = HashSet::new();
        local.insert(ident.to_ascii_lowercase());
        local.insert("decoder".to_string());
        // The record of a value the variants do not cover: one with a tag no variant has, or
        // (without a discriminator) one no variant reads.
        let unknown = self.ns.nested("Unknown", &mut local);
        let mut views = Vec::with_capacity(variants.len());
        let mut tags = Vec::new();
        let mut seen_tags = HashSet::new();
        for (k, (name, t)) in variants.iter().enumerate() {
            let t = match t {
                TypeRef::Nullable(x) => x.as_ref(),
                t => t,
            };
            let vident = self
                .ns
                .nested(&format!("{}Value", super::type_ident(name)), &mut local);
            let ty = self.ty(t);
            let jtype = self.jtype(t);
            let mut shown = format!("a {}", doc_text(&ty));
            if let (Some((_, values)), TypeRef::Named(_)) = (discriminator, t) {
                if let Some(tag) = values.get(k) {
                    shown.push_str(&format!(" ({})", doc_text(&string_literal(tag))));
                    if seen_tags.insert(tag.clone()) {
                        tags.push(TagView {
                            value: string_literal(tag),
                            ident: vident.clone(),
                            jtype: jtype.clone(),
                        });
                    }
                }
            }
            views.push(VariantView {
                ident: vident,
                ty,
                jtype,
                shown,
            });
        }
        let property = discriminator.map(|(p, _)| PropertyView {
            literal: string_literal(p),
            shown: doc_text(&string_literal(p)),
        });
        render(&UnionView {
            package,
            doc: doc_comment(Some(text), &[], ""),
            ident,
            time_imports: super::time_imports(views.iter().map(|v| v.ty.as_str())),
            variants: views,
            property: if tags.is_empty() { None } else { property },
            tags,
            unknown,
        })
    }
}
