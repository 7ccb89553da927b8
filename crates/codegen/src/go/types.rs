//! Go types for the model's types: the Go spelling of every [`TypeRef`], and the named types
//! (structs, string enums, unions, aliases), each rendered by its template.

use std::collections::HashSet;

use askama::Template;
use serde_json::Value;

use super::escape::{comment_text, doc_comment, field_ident, string_literal, RESERVED_FIELDS};
use super::render;
use crate::ir::{Api, Field, TypeDef, TypeKind, TypeRef};
use crate::names::Unique;

/// Enums with more values than this get no constants (the type stays a named string).
const MAX_ENUM_VALUES: usize = 2_000;

/// A struct (`templates/go/struct.go.txt`).
#[derive(Template)]
#[template(path = "go/struct.go.txt", escape = "none")]
struct StructView {
    doc: String,
    ident: String,
    fields: Vec<FieldView>,
    /// Whether the struct reads and writes JSON field by field (some property is
    /// [`Nullable`](super) or has a name a struct tag cannot hold).
    custom: bool,
}

/// A field of a struct.
struct FieldView {
    /// Doc comment lines (escaped), indented by a tab; never empty.
    doc: String,
    ident: String,
    ty: String,
    /// The struct tag, a raw string literal (absent for a struct with its own JSON methods).
    tag: Option<String>,
    /// The wire name as a string literal.
    wire: String,
    /// The Go expression that tells the field is left out when writing.
    omit: String,
}

/// A named enum type with its constants (`templates/go/enum.go.txt`).
#[derive(Template)]
#[template(path = "go/enum.go.txt", escape = "none")]
struct EnumView {
    doc: String,
    ident: String,
    /// `string`, `int64` or `float64`.
    base: &'static str,
    constants: Vec<ConstView>,
}

/// One known value of an enum.
struct ConstView {
    ident: String,
    /// The value as a Go literal.
    value: String,
    /// The value for the constant's doc comment.
    shown: String,
}

/// A union (`templates/go/union.go.txt`).
#[derive(Template)]
#[template(path = "go/union.go.txt", escape = "none")]
struct UnionView {
    doc: String,
    ident: String,
    /// The type name as a string literal (for the error when nothing matches).
    name_literal: String,
    variants: Vec<VariantView>,
    property: Option<PropertyView>,
    tags: Vec<TagView>,
    /// The field holding a value whose tag names no listed variant, or (without a
    /// discriminator) that no variant reads.
    unknown: String,
}

/// A variant of a union.
struct VariantView {
    ident: String,
    /// The Go type the variant points to.
    ty: String,
    /// What the doc comment says the variant is.
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
}

/// `type X Y` or `type X = Y` (`templates/go/alias.go.txt`).
#[derive(Template)]
#[template(path = "go/alias.go.txt", escape = "none")]
struct AliasView {
    doc: String,
    ident: String,
    alias: bool,
    target: String,
}

/// What rendering the named types needs: their identifiers and where cycles are broken.
pub(super) struct Types<'a> {
    pub(super) api: &'a Api,
    /// The identifier of every type of `api.types`.
    pub(super) idents: Vec<String>,
    /// The constant identifiers of every enum value (empty lists for other types).
    pub(super) consts: Vec<Vec<String>>,
    /// (alias, target) references that would make a type alias refer to itself.
    pub(super) alias_cycles: HashSet<(usize, usize)>,
    /// (type, target) references of a struct that contains itself by value through them.
    pub(super) containment: HashSet<(usize, usize)>,
    /// Whether each named type's Go type can be nil (slices, maps, interfaces, pointers).
    nilable: Vec<bool>,
}

/// The Go literal of a JSON scalar's type.
fn literal_ty(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(n) if n.is_i64() => "int64",
        Value::Number(_) => "float64",
        Value::Bool(_) => "bool",
        _ => "any",
    }
}

/// The Go base type of an enum's values: `None` when they mix strings and numbers.
fn enum_base(values: &[crate::ir::EnumValue], strings: bool) -> Option<&'static str> {
    if strings {
        return Some("string");
    }
    if values.iter().any(|v| !v.wire.is_number()) {
        return None;
    }
    if values.iter().all(|v| v.wire.as_i64().is_some()) {
        Some("int64")
    } else {
        Some("float64")
    }
}

/// Whether a struct tag's name can be `wire`: what encoding/json accepts as a tag name (else
/// it silently uses the Go field name), not `-` (which skips the field), and nothing a raw
/// string literal cannot hold.
fn tag_safe(wire: &str) -> bool {
    !wire.is_empty()
        && wire != "-"
        && wire.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || "!#$%&()*+-./:;<=>?@[]^_{|}~ ".contains(c)
                || (!c.is_ascii() && c.is_alphanumeric() && !crate::names::is_hidden(c))
        })
}

impl<'a> Types<'a> {
    pub(super) fn new(api: &'a Api, idents: Vec<String>, consts: Vec<Vec<String>>) -> Self {
        let mut t = Types {
            api,
            idents,
            consts,
            alias_cycles: crate::graph::alias_cycles(api),
            containment: crate::graph::containment_cycles(api),
            nilable: Vec::new(),
        };
        t.nilable = (0..api.types.len())
            .map(|i| t.named_nilable(i, &mut HashSet::new()))
            .collect();
        t
    }

    fn named_nilable(&self, i: usize, seen: &mut HashSet<usize>) -> bool {
        if !seen.insert(i) {
            return true;
        }
        match &self.api.types[i].kind {
            TypeKind::Struct { .. } => false,
            TypeKind::Enum { values, strings } => enum_base(values, *strings).is_none(),
            TypeKind::Union { variants, .. } => variants.is_empty(),
            TypeKind::Alias(t) => match self.alias_target(i, t) {
                None => true,
                Some(_) => self.nilable_with(t, seen),
            },
        }
    }

    fn nilable_with(&self, t: &TypeRef, seen: &mut HashSet<usize>) -> bool {
        match t {
            TypeRef::Any
            | TypeRef::Array(_)
            | TypeRef::Map(_)
            | TypeRef::Binary
            | TypeRef::Nullable(_) => true,
            TypeRef::Literal(v) => literal_ty(v) == "any",
            TypeRef::Named(j) => self
                .nilable
                .get(*j)
                .copied()
                .unwrap_or_else(|| self.named_nilable(*j, seen)),
            _ => false,
        }
    }

    /// Whether the Go type of `t` can be nil.
    pub(super) fn nilable(&self, t: &TypeRef) -> bool {
        self.nilable_with(t, &mut HashSet::new())
    }

    /// The target of alias `i`, or `None` when it must be `any` (an alias cycle).
    fn alias_target<'t>(&self, i: usize, t: &'t TypeRef) -> Option<&'t TypeRef> {
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
            _ => Some(t),
        }
    }

    /// The Go type of `t`.
    pub(super) fn ty(&self, t: &TypeRef) -> String {
        match t {
            TypeRef::String(_) => "string".into(),
            TypeRef::Integer(Some(f)) if f == "int32" => "int32".into(),
            TypeRef::Integer(_) => "int64".into(),
            TypeRef::Number => "float64".into(),
            TypeRef::Boolean => "bool".into(),
            TypeRef::Binary => "[]byte".into(),
            TypeRef::Any => "any".into(),
            TypeRef::Literal(v) => literal_ty(v).into(),
            TypeRef::Array(x) => format!("[]{}", self.ty(x)),
            TypeRef::Map(x) => format!("map[string]{}", self.ty(x)),
            TypeRef::Named(i) => self.idents[*i].clone(),
            TypeRef::Nullable(x) => self.pointer(x),
        }
    }

    /// The Go type of `t` that can be nil: `t`'s own when it can, else a pointer to it.
    pub(super) fn pointer(&self, t: &TypeRef) -> String {
        if self.nilable(t) {
            self.ty(t)
        } else {
            format!("*{}", self.ty(t))
        }
    }

    /// Named type `i`, rendered by its construct's template.
    pub(super) fn render(&self, i: usize, t: &TypeDef) -> (String, Flags) {
        let ident = self.idents[i].clone();
        let mut flags = Flags::default();
        let doc_text = t
            .doc
            .clone()
            .unwrap_or_else(|| format!("{ident} is a type of the API."));
        let doc = doc_comment(Some(&doc_text), "");
        let text = match &t.kind {
            TypeKind::Struct { fields, .. } => {
                let (view, custom) = self.struct_view(i, doc, ident, fields);
                flags.objects = custom;
                render(&view)
            }
            TypeKind::Enum { values, strings } => match enum_base(values, *strings) {
                Some(base) => {
                    let constants = if values.len() > MAX_ENUM_VALUES {
                        Vec::new()
                    } else {
                        values
                            .iter()
                            .zip(&self.consts[i])
                            .map(|(v, c)| {
                                let value = match &v.wire {
                                    Value::String(s) => string_literal(s),
                                    other => other.to_string(),
                                };
                                ConstView {
                                    ident: c.clone(),
                                    shown: comment_text(&value),
                                    value,
                                }
                            })
                            .collect()
                    };
                    render(&EnumView {
                        doc,
                        ident,
                        base,
                        constants,
                    })
                }
                None => render(&AliasView {
                    doc,
                    ident,
                    alias: true,
                    target: "any".into(),
                }),
            },
            TypeKind::Union {
                variants,
                discriminator,
            } => {
                if variants.is_empty() {
                    render(&AliasView {
                        doc,
                        ident,
                        alias: true,
                        target: "any".into(),
                    })
                } else {
                    let view = self.union_view(doc, ident, variants, discriminator.as_ref());
                    flags.unions = true;
                    flags.discriminators = view.property.is_some();
                    render(&view)
                }
            }
            TypeKind::Alias(a) => {
                let target = match self.alias_target(i, a) {
                    None | Some(TypeRef::Any) => "any".to_string(),
                    Some(t) => self.ty(t),
                };
                let alias =
                    target == "any" || target.starts_with('*') || matches!(a, TypeRef::Named(_));
                render(&AliasView {
                    doc,
                    ident,
                    alias,
                    target,
                })
            }
        };
        (text, flags)
    }

    fn struct_view(
        &self,
        owner: usize,
        doc: String,
        ident: String,
        fields: &[Field],
    ) -> (StructView, bool) {
        let mut names = Unique::default();
        for r in RESERVED_FIELDS {
            names.take(r);
        }
        let mut seen = HashSet::new();
        let fields: Vec<&Field> = fields
            .iter()
            .filter(|f| seen.insert(f.wire.as_str()))
            .collect();
        let mut custom = false;
        let mut views = Vec::with_capacity(fields.len());
        for f in fields {
            let fident = names.take(&field_ident(&f.name)).0;
            let cyclic = |t: &TypeRef| match t {
                TypeRef::Named(j) => self.containment.contains(&(owner, *j)),
                _ => false,
            };
            let (inner, nullable) = match &f.ty {
                TypeRef::Nullable(x) => (x.as_ref(), true),
                t => (t, false),
            };
            let nil = self.nilable(inner);
            let base = self.ty(inner);
            let boxed = if cyclic(inner) && !nil {
                format!("*{base}")
            } else {
                base.clone()
            };
            let pointer = if nil {
                base.clone()
            } else {
                format!("*{base}")
            };
            let (ty, omitempty, omit) = match (f.required, nullable) {
                (true, false) => (boxed, false, "false".to_string()),
                (true, true) => (pointer, false, "false".to_string()),
                (false, false) => (pointer, true, format!("v.{fident} == nil")),
                (false, true) => {
                    custom = true;
                    (
                        format!("Nullable[{boxed}]"),
                        false,
                        format!("!v.{fident}.IsSet()"),
                    )
                }
            };
            if !tag_safe(&f.wire) {
                custom = true;
            }
            let mut text = f.doc.clone().unwrap_or_else(|| {
                format!("{fident} is the {} property.", string_literal(&f.wire))
            });
            if f.read_only {
                text.push_str("\n\nRead-only: sent by the server.");
            } else if f.write_only {
                text.push_str("\n\nWrite-only: sent by clients.");
            }
            let tag = format!(
                "`json:\"{}{}\"`",
                f.wire,
                if omitempty { ",omitempty" } else { "" }
            );
            views.push(FieldView {
                doc: doc_comment(Some(&text), "\t"),
                ident: fident,
                ty,
                tag: Some(tag),
                wire: string_literal(&f.wire),
                omit,
            });
        }
        if custom {
            for v in &mut views {
                v.tag = None;
            }
        }
        (
            StructView {
                doc,
                ident,
                fields: views,
                custom,
            },
            custom,
        )
    }

    fn union_view(
        &self,
        doc: String,
        ident: String,
        variants: &[(String, TypeRef)],
        discriminator: Option<&(String, Vec<String>)>,
    ) -> UnionView {
        let mut names = Unique::default();
        for r in RESERVED_FIELDS {
            names.take(r);
        }
        // `Unknown` is the field of a value the variants do not cover: one with a tag no
        // variant has, or (without a discriminator) one no variant reads.
        let unknown = names.take("Unknown").0;
        let mut views = Vec::with_capacity(variants.len());
        let mut tags = Vec::new();
        let mut seen_tags = HashSet::new();
        for (k, (name, t)) in variants.iter().enumerate() {
            let t = match t {
                TypeRef::Nullable(x) => x.as_ref(),
                t => t,
            };
            let vident = names.take(&field_ident(name)).0;
            let ty = self.ty(t);
            let mut shown = format!("a {}", comment_text(&ty));
            if let (Some((_, values)), TypeRef::Named(_)) = (discriminator, t) {
                if let Some(tag) = values.get(k) {
                    shown.push_str(&format!(" ({})", comment_text(&string_literal(tag))));
                    if seen_tags.insert(tag.clone()) {
                        tags.push(TagView {
                            value: string_literal(tag),
                            ident: vident.clone(),
                        });
                    }
                }
            }
            views.push(VariantView {
                ident: vident,
                ty,
                shown,
            });
        }
        let property = discriminator.map(|(p, _)| PropertyView {
            literal: string_literal(p),
            shown: comment_text(&string_literal(p)),
        });
        UnionView {
            doc,
            name_literal: string_literal(&ident),
            ident,
            variants: views,
            property: if tags.is_empty() { None } else { property },
            tags,
            unknown,
        }
    }
}

/// Which runtime helpers the rendered types use.
#[derive(Clone, Copy, Default)]
pub(super) struct Flags {
    /// Structs read and written field by field.
    pub(super) objects: bool,
    /// Unions.
    pub(super) unions: bool,
    /// Unions with a discriminator.
    pub(super) discriminators: bool,
}

impl Flags {
    pub(super) fn add(&mut self, other: Flags) {
        self.objects |= other.objects;
        self.unions |= other.unions;
        self.discriminators |= other.discriminators;
    }
}
