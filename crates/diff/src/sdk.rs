//! What each generated SDK would feel: the codegen model ([`oaskit_codegen::ir`]) of both
//! sides, lowered to the public surface each backend derives from it (method names, argument
//! names, types and optionality, type names, fields, enum variants), and compared.
//!
//! The rules per language follow how the backends render the model:
//! - Rust: one method per operation taking the required parameters (then a required `body`)
//!   as positional arguments and returning a request builder with a setter per optional one
//!   (a new optional parameter is a new setter; a required one, or one that changes between
//!   required and optional, changes the call), structs with public fields (built with struct literals),
//!   closed enums (a new variant breaks exhaustive `match`es), a response enum per operation
//!   (a status added or removed changes its variants). Types are nominal: any change of a type
//!   expression breaks.
//! - TypeScript: one method taking one argument object (a new optional key is compatible, a new
//!   required one or a removed one is not: object literals are checked for excess keys),
//!   interfaces and string-literal unions compared structurally (in requests the new type must
//!   accept the old one, in responses the old type must accept the new one).
//! - Python: keyword-only arguments (optional ones default to `None`), dataclasses, `str` enums
//!   (a new member is compatible, a removed one is not), `Union` aliases compared structurally
//!   as in TypeScript, with mypy's int-to-float promotion.

use std::collections::HashMap;

use oaskit_codegen::ir::{self, Location, TypeKind, TypeRef};
use oaskit_codegen::{python, rust, typescript};
use oaskit_core::api::ParamLocation;
use oaskit_core::Document;

use crate::report::{Impact, SdkImpact};
use crate::schema::{Dir, Step, Subject};

/// The codegen model of one side, with operations indexed by method and path.
pub(crate) struct Model {
    api: ir::Api,
    ops: HashMap<(String, String), usize>,
}

impl Model {
    /// Builds the model of a document (as `oaskit generate` does).
    pub(crate) fn new(doc: &Document) -> Self {
        let (api, _) = oaskit_codegen::build(doc);
        let ops = api
            .operations
            .iter()
            .enumerate()
            .map(|(i, o)| ((o.method.clone(), o.path.clone()), i))
            .collect();
        Model { api, ops }
    }

    fn op(&self, key: Option<&(String, String)>) -> Option<&ir::Operation> {
        key.and_then(|k| self.ops.get(k))
            .map(|i| &self.api.operations[*i])
    }
}

/// Where a schema hangs in an operation.
#[derive(Clone, Debug)]
pub(crate) enum Root {
    /// A parameter: location, name on the old side, name on the new side.
    Param(ParamLocation, String, String),
    /// The request body with this media type.
    Body(String),
    /// A response: status key and media type.
    Response(String, String),
}

/// What a change touches in the SDK surface.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    /// Nothing an SDK exposes (descriptions, servers, constraints the types do not carry).
    Nothing,
    /// The method itself (added, removed, renamed).
    Operation,
    /// A parameter (old and new names with locations).
    Param(
        Option<(ParamLocation, String)>,
        Option<(ParamLocation, String)>,
    ),
    /// The request body argument.
    Body,
    /// The response for a status key.
    Response(String),
    /// A security scheme by name.
    Scheme(String),
    /// A place inside a schema.
    Schema {
        /// Where the schema hangs.
        root: Root,
        /// The path from there.
        path: Vec<Step>,
        /// Whether the change is about the value there or one of its properties.
        subject: Subject,
        /// The property, for property changes.
        property: Option<String>,
        /// Which way values travel.
        dir: Dir,
    },
}

/// The operation on each side, as `(METHOD, path as written)`.
pub(crate) type OpKeys = (Option<(String, String)>, Option<(String, String)>);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Lang {
    Rust,
    Ts,
    Py,
}

/// A type as a language sees it.
#[derive(Clone, Debug, PartialEq)]
enum LTy {
    Prim(&'static str),
    List(Box<LTy>),
    Map(Box<LTy>),
    Named(String),
    Nullable(Box<LTy>),
    Lit(String),
    Union(Vec<LTy>),
    Any,
}

impl LTy {
    fn show(&self) -> String {
        match self {
            LTy::Prim(p) => (*p).to_string(),
            LTy::List(x) => format!("list of {}", x.show()),
            LTy::Map(x) => format!("map of {}", x.show()),
            LTy::Named(n) => n.clone(),
            LTy::Nullable(x) => format!("optional {}", x.show()),
            LTy::Lit(l) => l.clone(),
            LTy::Union(v) => v.iter().map(LTy::show).collect::<Vec<_>>().join(" | "),
            LTy::Any => "any".into(),
        }
    }
}

const MAX_DEPTH: usize = 32;

fn type_ident(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Rust => rust::pascal_ident(name),
        Lang::Ts => typescript::pascal_ident(name),
        Lang::Py => python::pascal_ident(name),
    }
}

fn member_ident(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Rust => rust::snake(name),
        Lang::Ts => typescript::camel(name),
        Lang::Py => python::snake(name),
    }
}

fn lower(lang: Lang, api: &ir::Api, t: &TypeRef, depth: usize) -> LTy {
    if depth > MAX_DEPTH {
        return LTy::Any;
    }
    let d = depth + 1;
    match (lang, t) {
        (Lang::Rust, TypeRef::String(_)) => LTy::Prim("String"),
        (Lang::Rust, TypeRef::Integer(Some(f))) if f == "int32" => LTy::Prim("i32"),
        (Lang::Rust, TypeRef::Integer(_)) => LTy::Prim("i64"),
        (Lang::Rust, TypeRef::Number) => LTy::Prim("f64"),
        (Lang::Rust, TypeRef::Boolean) => LTy::Prim("bool"),
        (Lang::Rust, TypeRef::Binary) => LTy::Prim("bytes"),
        (Lang::Rust, TypeRef::Any | TypeRef::Literal(_)) => LTy::Prim("serde_json::Value"),
        (Lang::Ts, TypeRef::String(_) | TypeRef::Binary) => LTy::Prim("string"),
        (Lang::Ts, TypeRef::Integer(_) | TypeRef::Number) => LTy::Prim("number"),
        (Lang::Ts, TypeRef::Boolean) => LTy::Prim("boolean"),
        (Lang::Ts, TypeRef::Any) | (Lang::Py, TypeRef::Any | TypeRef::Literal(_)) => LTy::Any,
        (Lang::Ts, TypeRef::Literal(v)) => LTy::Lit(v.to_string()),
        (Lang::Py, TypeRef::String(_) | TypeRef::Binary) => LTy::Prim("str"),
        (Lang::Py, TypeRef::Integer(_)) => LTy::Prim("int"),
        (Lang::Py, TypeRef::Number) => LTy::Prim("float"),
        (Lang::Py, TypeRef::Boolean) => LTy::Prim("bool"),
        (_, TypeRef::Array(x)) => LTy::List(Box::new(lower(lang, api, x, d))),
        (_, TypeRef::Map(x)) => LTy::Map(Box::new(lower(lang, api, x, d))),
        (Lang::Ts, TypeRef::Nullable(x)) => {
            union(vec![lower(lang, api, x, d), LTy::Lit("null".into())])
        }
        (_, TypeRef::Nullable(x)) => match lower(lang, api, x, d) {
            n @ LTy::Nullable(_) => n,
            n => LTy::Nullable(Box::new(n)),
        },
        (_, TypeRef::Named(i)) => {
            let Some(def) = api.types.get(*i) else {
                return LTy::Any;
            };
            match (&def.kind, lang) {
                (TypeKind::Alias(x), _) => lower(lang, api, x, d),
                (TypeKind::Enum { values, .. }, Lang::Ts) if !values.is_empty() => union(
                    values
                        .iter()
                        .map(|v| LTy::Lit(v.wire.to_string()))
                        .collect(),
                ),
                (TypeKind::Union { variants, .. }, Lang::Ts | Lang::Py) => union(
                    variants
                        .iter()
                        .map(|(_, v)| lower(lang, api, v, d))
                        .collect(),
                ),
                _ => LTy::Named(type_ident(lang, &def.name)),
            }
        }
    }
}

fn union(members: Vec<LTy>) -> LTy {
    let mut flat: Vec<LTy> = Vec::new();
    for m in members {
        match m {
            LTy::Union(v) => {
                for x in v {
                    if !flat.contains(&x) {
                        flat.push(x);
                    }
                }
            }
            x => {
                if !flat.contains(&x) {
                    flat.push(x);
                }
            }
        }
    }
    if flat.len() == 1 {
        flat.pop().unwrap_or(LTy::Any)
    } else {
        LTy::Union(flat)
    }
}

/// Whether a value of type `from` is accepted where `to` is expected.
fn assignable(lang: Lang, from: &LTy, to: &LTy) -> bool {
    if from == to {
        return true;
    }
    if lang == Lang::Rust {
        return false;
    }
    match (from, to) {
        (_, LTy::Any) => true,
        (LTy::Union(fs), _) => fs.iter().all(|f| assignable(lang, f, to)),
        (_, LTy::Union(ts)) => ts.iter().any(|t| assignable(lang, from, t)),
        (LTy::Nullable(f), LTy::Nullable(t)) => assignable(lang, f, t),
        (_, LTy::Nullable(t)) => assignable(lang, from, t),
        (LTy::Lit(l), LTy::Prim("string")) => l.starts_with('"'),
        (LTy::Lit(l), LTy::Prim("number")) => l.parse::<f64>().is_ok(),
        (LTy::Lit(l), LTy::Prim("boolean")) => l == "true" || l == "false",
        (LTy::Prim("int"), LTy::Prim("float")) => true,
        (LTy::List(f), LTy::List(t)) | (LTy::Map(f), LTy::Map(t)) => {
            if lang == Lang::Ts {
                assignable(lang, f, t)
            } else {
                f == t
            }
        }
        _ => false,
    }
}

/// Whether the change of a type from `old` to `new` keeps code compiling: in requests the new
/// type must accept what code passed, in responses code must accept what it now gets.
fn compatible(lang: Lang, old: &LTy, new: &LTy, dir: Dir) -> bool {
    match dir {
        Dir::Request => assignable(lang, old, new),
        Dir::Response => assignable(lang, new, old),
    }
}

/// Follows nullability and aliases to the named definition, if any.
fn definition<'a>(api: &'a ir::Api, t: &'a TypeRef) -> Option<&'a ir::TypeDef> {
    let mut t = t;
    for _ in 0..MAX_DEPTH {
        match t {
            TypeRef::Nullable(x) => t = x,
            TypeRef::Named(i) => {
                let def = api.types.get(*i)?;
                match &def.kind {
                    TypeKind::Alias(x) => t = x,
                    _ => return Some(def),
                }
            }
            _ => return None,
        }
    }
    None
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The type at `path` from `t`.
fn walk<'a>(api: &'a ir::Api, t: &'a TypeRef, path: &[Step]) -> Option<&'a TypeRef> {
    let mut cur = t;
    for step in path {
        let mut base = cur;
        while let TypeRef::Nullable(x) = base {
            base = x;
        }
        cur = match (step, base) {
            (Step::Items, TypeRef::Array(x)) | (Step::Additional, TypeRef::Map(x)) => x,
            (_, TypeRef::Named(_)) => match (&definition(api, base)?.kind, step) {
                (TypeKind::Struct { fields, .. }, Step::Prop(p)) => {
                    &fields.iter().find(|f| f.wire == *p)?.ty
                }
                (TypeKind::Struct { additional, .. }, Step::Additional) => additional.as_ref()?,
                (TypeKind::Union { variants, .. }, Step::Variant(v)) => {
                    let v = norm(v);
                    &variants
                        .iter()
                        .find(|(n, t)| {
                            norm(n) == v || definition(api, t).is_some_and(|d| norm(&d.name) == v)
                        })?
                        .1
                }
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(cur)
}

fn ir_location(l: ParamLocation) -> Option<Location> {
    Some(match l {
        ParamLocation::Path => Location::Path,
        ParamLocation::Query => Location::Query,
        ParamLocation::Header => Location::Header,
        ParamLocation::Cookie => Location::Cookie,
        ParamLocation::QueryString => return None,
    })
}

fn find_param<'a>(op: &'a ir::Operation, p: &(ParamLocation, String)) -> Option<&'a ir::Param> {
    let loc = ir_location(p.0)?;
    op.params.iter().find(|x| {
        x.location == loc
            && if loc == Location::Header {
                x.wire.eq_ignore_ascii_case(&p.1)
            } else {
                x.wire == p.1
            }
    })
}

/// An argument or field as one language shows it.
#[derive(Clone, Debug, PartialEq)]
struct Member {
    ident: String,
    ty: LTy,
    required: bool,
}

fn breaks(why: String) -> Impact {
    Impact::Breaks(why)
}

/// Both sides' models.
pub(crate) struct Sdk {
    old: Model,
    new: Model,
}

impl Sdk {
    /// Builds both models.
    pub(crate) fn new(old: &Document, new: &Document) -> Self {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| Model::new(new));
            let old = Model::new(old);
            let new = other.join().unwrap_or_else(|_| Model::new(new));
            Sdk { old, new }
        })
    }

    /// The impact of a change on each SDK.
    pub(crate) fn impact(&self, ops: &OpKeys, target: &Target) -> SdkImpact {
        let (oo, no) = (self.old.op(ops.0.as_ref()), self.new.op(ops.1.as_ref()));
        let per = |lang: Lang| self.judge(lang, oo, no, target);
        SdkImpact {
            rust: per(Lang::Rust),
            typescript: per(Lang::Ts),
            python: per(Lang::Py),
        }
    }

    fn method(lang: Lang, op: &ir::Operation) -> String {
        member_ident(lang, &op.name)
    }

    #[allow(clippy::too_many_lines)]
    fn judge(
        &self,
        lang: Lang,
        oo: Option<&ir::Operation>,
        no: Option<&ir::Operation>,
        target: &Target,
    ) -> Impact {
        let (oa, na) = (&self.old.api, &self.new.api);
        match target {
            Target::Nothing => Impact::Compatible,
            Target::Operation => match (oo, no) {
                (Some(o), None) => breaks(format!("method `{}` removed", Self::method(lang, o))),
                (Some(o), Some(n)) if Self::method(lang, o) != Self::method(lang, n) => {
                    breaks(format!(
                        "method `{}` renamed `{}`",
                        Self::method(lang, o),
                        Self::method(lang, n)
                    ))
                }
                _ => Impact::Compatible,
            },
            Target::Scheme(name) => {
                let find = |api: &ir::Api| {
                    api.auth
                        .iter()
                        .find(|a| match a {
                            ir::Auth::ApiKey { scheme, .. }
                            | ir::Auth::Basic { scheme }
                            | ir::Auth::Bearer { scheme } => scheme == name,
                        })
                        .map(std::mem::discriminant)
                };
                match (find(oa), find(na)) {
                    (Some(x), Some(y)) if x != y => {
                        breaks(format!("credentials for `{name}` are set another way"))
                    }
                    (Some(_), None) => {
                        breaks(format!("credentials for `{name}` can no longer be set"))
                    }
                    _ => Impact::Compatible,
                }
            }
            Target::Param(op_, np_) => {
                let (Some(o), Some(n)) = (oo, no) else {
                    return Impact::Compatible;
                };
                let m = |api: &ir::Api, op: &ir::Operation, p: &Option<(ParamLocation, String)>| {
                    p.as_ref()
                        .and_then(|p| find_param(op, p))
                        .map(|p| Self::arg(lang, api, &p.name, &p.ty, p.required))
                };
                Self::judge_arg(lang, m(oa, o, op_), m(na, n, np_), &Self::method(lang, n))
            }
            Target::Body => {
                let (Some(o), Some(n)) = (oo, no) else {
                    return Impact::Compatible;
                };
                let m = |api: &ir::Api, op: &ir::Operation| {
                    op.body
                        .as_ref()
                        .map(|b| Self::arg(lang, api, "body", &b.ty, b.required))
                };
                Self::judge_arg(lang, m(oa, o), m(na, n), &Self::method(lang, n))
            }
            Target::Response(status) => {
                let (Some(o), Some(n)) = (oo, no) else {
                    return Impact::Compatible;
                };
                let r = |api: &ir::Api, op: &ir::Operation| {
                    op.responses
                        .iter()
                        .find(|r| r.status == *status)
                        .map(|r| r.ty.as_ref().map(|t| lower(lang, api, t, 0)))
                };
                let method = Self::method(lang, n);
                match (r(oa, o), r(na, n), lang) {
                    (Some(_), None, Lang::Rust | Lang::Ts) => breaks(format!("`{method}`: the result for status {status} is gone")),
                    (None, Some(_), Lang::Rust) => breaks(format!("`{method}`: the response enum gains a variant for status {status} (exhaustive matches)")),
                    (None, Some(Some(t)), Lang::Py) => {
                        let known: Vec<LTy> = o.responses.iter().filter_map(|r| r.ty.as_ref()).map(|t| lower(lang, oa, t, 0)).collect();
                        if known.contains(&t) || known.is_empty() {
                            Impact::Compatible
                        } else {
                            breaks(format!("`{method}`: the response body may now be {}", t.show()))
                        }
                    }
                    (Some(Some(x)), Some(Some(y)), _) if !compatible(lang, &x, &y, Dir::Response) => {
                        breaks(format!("`{method}`: status {status} body type {} became {}", x.show(), y.show()))
                    }
                    _ => Impact::Compatible,
                }
            }
            Target::Schema {
                root,
                path,
                subject,
                property,
                dir,
            } => {
                let ot = oo
                    .and_then(|o| Self::root_type(o, root, true))
                    .and_then(|t| walk(oa, t, path));
                let nt = no
                    .and_then(|n| Self::root_type(n, root, false))
                    .and_then(|t| walk(na, t, path));
                match subject {
                    Subject::Property => {
                        let prop = property.as_deref().unwrap_or_default();
                        let field = |api: &ir::Api, t: Option<&TypeRef>| {
                            let def = definition(api, t?)?;
                            let TypeKind::Struct { fields, .. } = &def.kind else {
                                return None;
                            };
                            let f = fields.iter().find(|f| f.wire == prop)?;
                            let mut ty = lower(lang, api, &f.ty, 0);
                            let optional = !f.required || (lang == Lang::Rust && f.read_only);
                            if optional
                                && lang != Lang::Ts
                                && !matches!(ty, LTy::Nullable(_) | LTy::Any)
                            {
                                ty = LTy::Nullable(Box::new(ty));
                            }
                            let ident = match lang {
                                Lang::Ts => typescript::property_key(&f.wire),
                                _ => member_ident(lang, &f.name),
                            };
                            Some((
                                type_ident(lang, &def.name),
                                Member {
                                    ident,
                                    ty,
                                    required: !optional,
                                },
                            ))
                        };
                        Self::judge_field(lang, field(oa, ot), field(na, nt), *dir)
                    }
                    Subject::Value => {
                        let (Some(x), Some(y)) = (ot, nt) else {
                            return Impact::Compatible;
                        };
                        let (lx, ly) = (lower(lang, oa, x, 0), lower(lang, na, y, 0));
                        if !compatible(lang, &lx, &ly, *dir) {
                            return breaks(format!("type {} became {}", lx.show(), ly.show()));
                        }
                        Self::judge_named(lang, definition(oa, x), definition(na, y), *dir)
                    }
                }
            }
        }
    }

    fn root_type<'a>(op: &'a ir::Operation, root: &Root, old: bool) -> Option<&'a TypeRef> {
        match root {
            Root::Param(loc, on, nn) => {
                let name = if old { on } else { nn };
                find_param(op, &(*loc, name.clone())).map(|p| &p.ty)
            }
            Root::Body(media) => op
                .body
                .as_ref()
                .filter(|b| b.media_type.eq_ignore_ascii_case(media))
                .map(|b| &b.ty),
            Root::Response(status, media) => op
                .responses
                .iter()
                .find(|r| {
                    r.status == *status
                        && r.media_type
                            .as_deref()
                            .is_some_and(|m| m.eq_ignore_ascii_case(media))
                })
                .and_then(|r| r.ty.as_ref()),
        }
    }

    fn arg(lang: Lang, api: &ir::Api, name: &str, ty: &TypeRef, required: bool) -> Member {
        let mut t = lower(lang, api, ty, 0);
        if !required && lang != Lang::Ts && !matches!(t, LTy::Nullable(_)) {
            t = LTy::Nullable(Box::new(t));
        }
        Member {
            ident: if name == "body" {
                "body".into()
            } else {
                member_ident(lang, name)
            },
            ty: t,
            required,
        }
    }

    fn judge_arg(lang: Lang, old: Option<Member>, new: Option<Member>, method: &str) -> Impact {
        match (old, new) {
            (None, None) => Impact::Compatible,
            (Some(o), None) => breaks(format!("`{method}`: argument `{}` removed", o.ident)),
            (None, Some(n)) => {
                if n.required {
                    breaks(format!("`{method}`: new required argument `{}`", n.ident))
                } else {
                    Impact::Compatible
                }
            }
            (Some(o), Some(n)) => {
                // Rust's required arguments are positional: their names are not part of a call.
                let named = lang != Lang::Rust || !o.required || !n.required;
                if named && o.ident != n.ident {
                    breaks(format!(
                        "`{method}`: argument `{}` renamed `{}`",
                        o.ident, n.ident
                    ))
                } else if !o.required && n.required {
                    breaks(format!(
                        "`{method}`: argument `{}` became required",
                        n.ident
                    ))
                } else if o.required && !n.required && lang == Lang::Rust {
                    breaks(format!(
                        "`{method}`: argument `{}` became optional (a setter of the request builder, no longer an argument of the method)",
                        n.ident
                    ))
                } else if !compatible(lang, &o.ty, &n.ty, Dir::Request) {
                    breaks(format!(
                        "`{method}`: argument `{}` type {} became {}",
                        n.ident,
                        o.ty.show(),
                        n.ty.show()
                    ))
                } else {
                    Impact::Compatible
                }
            }
        }
    }

    fn judge_field(
        lang: Lang,
        old: Option<(String, Member)>,
        new: Option<(String, Member)>,
        dir: Dir,
    ) -> Impact {
        match (old, new) {
            (None, None) => Impact::Compatible,
            (Some((t, o)), None) => breaks(format!("field `{}` removed from `{t}`", o.ident)),
            (None, Some((t, n))) => match (lang, dir) {
                (Lang::Rust, Dir::Request) => breaks(format!(
                    "new field `{}` in `{t}` (struct literals must name it)",
                    n.ident
                )),
                (Lang::Ts | Lang::Py, Dir::Request) if n.required => {
                    breaks(format!("new required field `{}` in `{t}`", n.ident))
                }
                _ => Impact::Compatible,
            },
            (Some((t, o)), Some((_, n))) => {
                if lang == Lang::Ts && dir == Dir::Request && !o.required && n.required {
                    breaks(format!("field `{}` of `{t}` became required", n.ident))
                } else if lang == Lang::Ts && dir == Dir::Response && o.required && !n.required {
                    breaks(format!("field `{}` of `{t}` became optional", n.ident))
                } else if lang == Lang::Py && dir == Dir::Request && !o.required && n.required {
                    breaks(format!("field `{}` of `{t}` lost its default", n.ident))
                } else if !compatible(lang, &o.ty, &n.ty, dir) {
                    breaks(format!(
                        "field `{}` of `{t}` type {} became {}",
                        n.ident,
                        o.ty.show(),
                        n.ty.show()
                    ))
                } else {
                    Impact::Compatible
                }
            }
        }
    }

    /// Nominal types with the same name: enum and union variants.
    fn judge_named(
        lang: Lang,
        old: Option<&ir::TypeDef>,
        new: Option<&ir::TypeDef>,
        dir: Dir,
    ) -> Impact {
        let (Some(o), Some(n)) = (old, new) else {
            return Impact::Compatible;
        };
        let names = |d: &ir::TypeDef| -> Option<Vec<String>> {
            match &d.kind {
                TypeKind::Enum { values, .. } => {
                    Some(values.iter().map(|v| type_ident(lang, &v.name)).collect())
                }
                TypeKind::Union { variants, .. } if lang == Lang::Rust => {
                    Some(variants.iter().map(|(v, _)| type_ident(lang, v)).collect())
                }
                _ => None,
            }
        };
        if lang == Lang::Ts {
            // Structural: judged by the lowered types.
            return Impact::Compatible;
        }
        let (Some(a), Some(b)) = (names(o), names(n)) else {
            return Impact::Compatible;
        };
        let t = type_ident(lang, &n.name);
        if let Some(gone) = a.iter().find(|v| !b.contains(v)) {
            return breaks(format!("`{t}::{gone}` removed"));
        }
        if lang == Lang::Rust && dir == Dir::Response {
            if let Some(new) = b.iter().find(|v| !a.contains(v)) {
                return breaks(format!("`{t}` gains `{new}` (exhaustive matches)"));
            }
        }
        Impact::Compatible
    }
}
