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
//!
//! Every name is the one the backend writes, read from its [`Surface`] (collision suffixes
//! included): an SDK whose `Pet` becomes `Pet_` because a new `PET` schema took the name first
//! breaks its users, though neither schema changed.

use std::collections::HashMap;

use oaskit_codegen::ir::{self, Location, TypeKind, TypeRef};
use oaskit_codegen::surface::Surface;
use oaskit_codegen::{python, rust, typescript};
use oaskit_core::api::ParamLocation;
use oaskit_core::Document;

use crate::report::{Impact, SdkImpact};
use crate::schema::{Dir, Step, Subject};

/// The codegen model of one side, with operations indexed by method and path, and the names
/// each backend gives its items.
pub(crate) struct Model {
    api: ir::Api,
    ops: HashMap<(String, String), usize>,
    rust: Surface,
    ts: Surface,
    py: Surface,
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
        Model {
            rust: rust::surface(&api),
            ts: typescript::surface(&api),
            py: python::surface(&api),
            api,
            ops,
        }
    }

    /// The operation at a key, with its index.
    fn op(&self, key: Option<&(String, String)>) -> Option<(usize, &ir::Operation)> {
        key.and_then(|k| self.ops.get(k))
            .map(|i| (*i, &self.api.operations[*i]))
    }

    /// The names one language gives this side's items.
    fn names(&self, lang: Lang) -> &Surface {
        match lang {
            Lang::Rust => &self.rust,
            Lang::Ts => &self.ts,
            Lang::Py => &self.py,
        }
    }

    /// The type and the names one language sees.
    fn side(&self, lang: Lang) -> Side<'_> {
        Side {
            lang,
            api: &self.api,
            names: self.names(lang),
        }
    }
}

/// One side's model as one language sees it.
#[derive(Clone, Copy)]
struct Side<'a> {
    lang: Lang,
    api: &'a ir::Api,
    names: &'a Surface,
}

impl Side<'_> {
    /// The name of type `i`.
    fn type_name(&self, i: usize) -> String {
        self.names.types.get(i).cloned().unwrap_or_default()
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

fn lower(side: Side<'_>, t: &TypeRef, depth: usize) -> LTy {
    if depth > MAX_DEPTH {
        return LTy::Any;
    }
    let (lang, api) = (side.lang, side.api);
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
        (_, TypeRef::Array(x)) => LTy::List(Box::new(lower(side, x, d))),
        (_, TypeRef::Map(x)) => LTy::Map(Box::new(lower(side, x, d))),
        (Lang::Ts, TypeRef::Nullable(x)) => union(vec![lower(side, x, d), LTy::Lit("null".into())]),
        (_, TypeRef::Nullable(x)) => match lower(side, x, d) {
            n @ LTy::Nullable(_) => n,
            n => LTy::Nullable(Box::new(n)),
        },
        (_, TypeRef::Named(i)) => {
            let Some(def) = api.types.get(*i) else {
                return LTy::Any;
            };
            match (&def.kind, lang) {
                (TypeKind::Alias(x), _) => lower(side, x, d),
                (TypeKind::Enum { values, .. }, Lang::Ts) if !values.is_empty() => union(
                    values
                        .iter()
                        .map(|v| LTy::Lit(v.wire.to_string()))
                        .collect(),
                ),
                (TypeKind::Union { variants, .. }, Lang::Ts | Lang::Py) => {
                    union(variants.iter().map(|(_, v)| lower(side, v, d)).collect())
                }
                _ => LTy::Named(side.type_name(*i)),
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

/// Follows nullability and aliases to the named definition, if any, with its index.
fn definition<'a>(api: &'a ir::Api, t: &'a TypeRef) -> Option<(usize, &'a ir::TypeDef)> {
    let mut t = t;
    for _ in 0..MAX_DEPTH {
        match t {
            TypeRef::Nullable(x) => t = x,
            TypeRef::Named(i) => {
                let def = api.types.get(*i)?;
                match &def.kind {
                    TypeKind::Alias(x) => t = x,
                    _ => return Some((*i, def)),
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
            (_, TypeRef::Named(_)) => match (&definition(api, base)?.1.kind, step) {
                (TypeKind::Struct { fields, .. }, Step::Prop(p)) => {
                    &fields.iter().find(|f| f.wire == *p)?.ty
                }
                (TypeKind::Struct { additional, .. }, Step::Additional) => additional.as_ref()?,
                (TypeKind::Union { variants, .. }, Step::Variant(v)) => {
                    let v = norm(v);
                    &variants
                        .iter()
                        .find(|(n, t)| {
                            norm(n) == v
                                || definition(api, t).is_some_and(|(_, d)| norm(&d.name) == v)
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

/// The parameter at a location and wire name, with its index.
fn find_param<'a>(
    op: &'a ir::Operation,
    p: &(ParamLocation, String),
) -> Option<(usize, &'a ir::Param)> {
    let loc = ir_location(p.0)?;
    op.params.iter().enumerate().find(|(_, x)| {
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

    #[allow(clippy::too_many_lines)]
    fn judge(
        &self,
        lang: Lang,
        oo: Option<(usize, &ir::Operation)>,
        no: Option<(usize, &ir::Operation)>,
        target: &Target,
    ) -> Impact {
        let (os, ns) = (self.old.side(lang), self.new.side(lang));
        let (oa, na) = (os.api, ns.api);
        // The method name of operation `k` on a side.
        let method =
            |side: Side<'_>, k: usize| side.names.methods.get(k).cloned().unwrap_or_default();
        match target {
            Target::Nothing => Impact::Compatible,
            Target::Operation => {
                match (oo, no) {
                    (Some((o, _)), None) => breaks(format!("method `{}` removed", method(os, o))),
                    (Some((o, _)), Some((n, _))) if method(os, o) != method(ns, n) => breaks(
                        format!("method `{}` renamed `{}`", method(os, o), method(ns, n)),
                    ),
                    _ => Impact::Compatible,
                }
            }
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
                let (Some((ok, o)), Some((nk, n))) = (oo, no) else {
                    return Impact::Compatible;
                };
                let m = |side: Side<'_>,
                         k: usize,
                         op: &ir::Operation,
                         p: &Option<(ParamLocation, String)>| {
                    let (j, p) = find_param(op, p.as_ref()?)?;
                    let name = side.names.params.get(k)?.get(j)?;
                    Some(Self::arg(side, name, &p.ty, p.required))
                };
                Self::judge_arg(lang, m(os, ok, o, op_), m(ns, nk, n, np_), &method(ns, nk))
            }
            Target::Body => {
                let (Some((_, o)), Some((nk, n))) = (oo, no) else {
                    return Impact::Compatible;
                };
                let m = |side: Side<'_>, op: &ir::Operation| {
                    op.body
                        .as_ref()
                        .map(|b| Self::arg(side, "body", &b.ty, b.required))
                };
                Self::judge_arg(lang, m(os, o), m(ns, n), &method(ns, nk))
            }
            Target::Response(status) => {
                let (Some((_, o)), Some((nk, n))) = (oo, no) else {
                    return Impact::Compatible;
                };
                let r = |side: Side<'_>, op: &ir::Operation| {
                    op.responses
                        .iter()
                        .find(|r| r.status == *status)
                        .map(|r| r.ty.as_ref().map(|t| lower(side, t, 0)))
                };
                let method = method(ns, nk);
                match (r(os, o), r(ns, n), lang) {
                    (Some(_), None, Lang::Rust | Lang::Ts) => breaks(format!("`{method}`: the result for status {status} is gone")),
                    (None, Some(_), Lang::Rust) => breaks(format!("`{method}`: the response enum gains a variant for status {status} (exhaustive matches)")),
                    (None, Some(Some(t)), Lang::Py) => {
                        let known: Vec<LTy> = o.responses.iter().filter_map(|r| r.ty.as_ref()).map(|t| lower(os, t, 0)).collect();
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
                    .and_then(|(_, o)| Self::root_type(o, root, true))
                    .and_then(|t| walk(oa, t, path));
                let nt = no
                    .and_then(|(_, n)| Self::root_type(n, root, false))
                    .and_then(|t| walk(na, t, path));
                match subject {
                    Subject::Property => {
                        let prop = property.as_deref().unwrap_or_default();
                        let field = |side: Side<'_>, t: Option<&TypeRef>| {
                            let (i, def) = definition(side.api, t?)?;
                            let TypeKind::Struct { fields, .. } = &def.kind else {
                                return None;
                            };
                            let (k, f) = fields.iter().enumerate().find(|(_, f)| f.wire == prop)?;
                            let mut ty = lower(side, &f.ty, 0);
                            let optional = !f.required || (lang == Lang::Rust && f.read_only);
                            if optional
                                && lang != Lang::Ts
                                && !matches!(ty, LTy::Nullable(_) | LTy::Any)
                            {
                                ty = LTy::Nullable(Box::new(ty));
                            }
                            let ident = side.names.member(i, k)?.to_string();
                            Some((
                                side.type_name(i),
                                Member {
                                    ident,
                                    ty,
                                    required: !optional,
                                },
                            ))
                        };
                        Self::judge_field(lang, field(os, ot), field(ns, nt), *dir)
                    }
                    Subject::Value => {
                        let (Some(x), Some(y)) = (ot, nt) else {
                            return Impact::Compatible;
                        };
                        let (lx, ly) = (lower(os, x, 0), lower(ns, y, 0));
                        if !compatible(lang, &lx, &ly, *dir) {
                            return breaks(format!("type {} became {}", lx.show(), ly.show()));
                        }
                        Self::judge_named(os, definition(oa, x), ns, definition(na, y), *dir)
                    }
                }
            }
        }
    }

    fn root_type<'a>(op: &'a ir::Operation, root: &Root, old: bool) -> Option<&'a TypeRef> {
        match root {
            Root::Param(loc, on, nn) => {
                let name = if old { on } else { nn };
                find_param(op, &(*loc, name.clone())).map(|(_, p)| &p.ty)
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

    /// An argument named `name` in the SDK.
    fn arg(side: Side<'_>, name: &str, ty: &TypeRef, required: bool) -> Member {
        let mut t = lower(side, ty, 0);
        if !required && side.lang != Lang::Ts && !matches!(t, LTy::Nullable(_)) {
            t = LTy::Nullable(Box::new(t));
        }
        Member {
            ident: name.to_string(),
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
        os: Side<'_>,
        old: Option<(usize, &ir::TypeDef)>,
        ns: Side<'_>,
        new: Option<(usize, &ir::TypeDef)>,
        dir: Dir,
    ) -> Impact {
        let lang = os.lang;
        let (Some((oi, o)), Some((ni, n))) = (old, new) else {
            return Impact::Compatible;
        };
        // The member names of an enum, or of a union where the language names variants.
        let names = |side: Side<'_>, i: usize, d: &ir::TypeDef| -> Option<Vec<String>> {
            let named = match &d.kind {
                TypeKind::Enum { .. } => true,
                TypeKind::Union { .. } => lang == Lang::Rust,
                _ => false,
            };
            named.then(|| {
                side.names
                    .members
                    .get(i)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .cloned()
                    .collect()
            })
        };
        if lang == Lang::Ts {
            // Structural: judged by the lowered types.
            return Impact::Compatible;
        }
        let (Some(a), Some(b)) = (names(os, oi, o), names(ns, ni, n)) else {
            return Impact::Compatible;
        };
        let t = ns.type_name(ni);
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

/// A name an SDK now writes differently though the definition kept the item: a collision
/// suffix moved (a new `PET` schema took `Pet` first, so `Pet` became `Pet_`).
pub(crate) struct Rename {
    /// The operation it concerns (`GET /pets/{id}`), for methods and arguments.
    pub label: Option<String>,
    /// What was renamed, for the message (`method`, `argument`, `type`, `field of Pet`).
    pub what: String,
    /// Whether it is an operation's method (a rename an `operationId` change also explains).
    pub method: bool,
    /// Pointers into each side's normalized document.
    pub old_pointer: String,
    /// The same place on the new side.
    pub new_pointer: String,
    /// Per language (Rust, TypeScript, Python): the old and new names, when they differ in a
    /// way that breaks code using the old one.
    pub names: [Option<(String, String)>; 3],
}

const LANGS: [Lang; 3] = [Lang::Rust, Lang::Ts, Lang::Py];

impl Sdk {
    /// Every name that changed in some SDK while the definition kept the item: methods and
    /// arguments of operations on both sides (parameters by location and wire name), types defined at the same pointer, and their fields (by wire
    /// name), enum members (by value) and Rust union variants (by base name). A method whose
    /// `operationId` changed is among them; the caller drops it (`operation-id-changed` says
    /// so already).
    pub(crate) fn renames(&self) -> Vec<Rename> {
        let (o, n) = (&self.old, &self.new);
        let mut out = Vec::new();
        let key = |op: &ir::Operation| {
            (
                op.method.to_ascii_uppercase(),
                crate::operations::normalized(&op.path),
            )
        };
        let old_ops: HashMap<(String, String), usize> = o
            .api
            .operations
            .iter()
            .enumerate()
            .map(|(k, op)| (key(op), k))
            .collect();
        for (nk, nop) in n.api.operations.iter().enumerate() {
            let Some(&ok) = old_ops.get(&key(nop)) else {
                continue;
            };
            let oop = &o.api.operations[ok];
            let label = Some(format!("{} {}", nop.method.to_ascii_uppercase(), nop.path));
            let at = |op: &ir::Operation| {
                format!(
                    "/paths/{}/{}",
                    oaskit_core::escape_token(&op.path),
                    op.method.to_ascii_lowercase()
                )
            };
            // A method named after its path: a path parameter renamed at its position is no
            // change (the wire is the same), so neither is the name derived from it.
            if oop.path == nop.path {
                let names = LANGS.map(|l| {
                    let (a, b) = (&o.names(l).methods[ok], &n.names(l).methods[nk]);
                    (a != b).then(|| (a.clone(), b.clone()))
                });
                if names.iter().any(Option::is_some) {
                    out.push(Rename {
                        label: label.clone(),
                        what: "operation's method".into(),
                        method: true,
                        old_pointer: at(oop),
                        new_pointer: at(nop),
                        names,
                    });
                }
            }
            for (oj, op_) in oop.params.iter().enumerate() {
                let Some(nj) = matching_param(op_, nop) else {
                    continue;
                };
                let np = &nop.params[nj];
                let names = LANGS.map(|l| {
                    let a = o.names(l).params.get(ok)?.get(oj)?;
                    let b = n.names(l).params.get(nk)?.get(nj)?;
                    // Rust's required arguments are positional: their names are not part of a
                    // call.
                    let positional = l == Lang::Rust && op_.required && np.required;
                    (a != b && !positional).then(|| (a.clone(), b.clone()))
                });
                if names.iter().any(Option::is_some) {
                    out.push(Rename {
                        label: label.clone(),
                        what: format!(
                            "argument for {} parameter `{}`",
                            np.location.as_str(),
                            np.wire
                        ),
                        method: false,
                        old_pointer: at(oop),
                        new_pointer: at(nop),
                        names,
                    });
                }
            }
        }
        for (oi, ni) in matching_types(&o.api, &n.api) {
            let nt = &n.api.types[ni];
            let ot = &o.api.types[oi];
            let names = LANGS.map(|l| {
                let (a, b) = (&o.names(l).types[oi], &n.names(l).types[ni]);
                (a != b).then(|| (a.clone(), b.clone()))
            });
            if names.iter().any(Option::is_some) {
                out.push(Rename {
                    label: None,
                    what: format!("schema at `{}`", nt.pointer),
                    method: false,
                    old_pointer: ot.pointer.clone(),
                    new_pointer: nt.pointer.clone(),
                    names,
                });
            }
            for (ok, nk, what) in matching_members(ot, nt) {
                let names = LANGS.map(|l| {
                    let a = o.names(l).member(oi, ok)?;
                    let b = n.names(l).member(ni, nk)?;
                    (a != b).then(|| (a.to_string(), b.to_string()))
                });
                if names.iter().any(Option::is_some) {
                    out.push(Rename {
                        label: None,
                        what: format!("{what} of type `{}`", nt.name),
                        method: false,
                        old_pointer: ot.pointer.clone(),
                        new_pointer: nt.pointer.clone(),
                        names,
                    });
                }
            }
        }
        out
    }
}

/// The types of two models that are the same type, as (old index, new index) in the new
/// model's order. Types are the same when they are defined at the same place (a component
/// keeps its pointer; its base name may move when a new type takes it first). One place can
/// hold several types (a shared inline schema typed once per operation that reaches it, each
/// named after the operation or union that reaches it): those with the same base name pair up.
/// A place with one type on each side pairs whatever the names. Otherwise a leftover pairs
/// with the first leftover whose name shares at least half of its own from the start (union
/// variants numbered by position: `RuleVariant20Parameters` became `RuleVariant16Parameters`);
/// leftovers named after different operations share little (`TeamsListDiscussionsDirection`,
/// `SecretScanningListPatternsDirection`): those belong to operations that came or went,
/// reported as such.
fn matching_types(old: &ir::Api, new: &ir::Api) -> Vec<(usize, usize)> {
    let group = |api: &ir::Api| {
        let mut by: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in api.types.iter().enumerate() {
            by.entry(t.pointer.clone()).or_default().push(i);
        }
        by
    };
    let (olds, news) = (group(old), group(new));
    let mut pairs = Vec::new();
    for (pointer, ns) in &news {
        let Some(os) = olds.get(pointer) else {
            continue;
        };
        let names: HashMap<&str, usize> = os
            .iter()
            .map(|&i| (old.types[i].name.as_str(), i))
            .collect();
        let same: Vec<(usize, usize)> = ns
            .iter()
            .filter_map(|&j| Some((*names.get(new.types[j].name.as_str())?, j)))
            .collect();
        if let ([i], [j]) = (os.as_slice(), ns.as_slice()) {
            pairs.push((*i, *j));
            continue;
        }
        let (a, b): (Vec<usize>, Vec<usize>) = same.iter().copied().unzip();
        let mut new_rest: Vec<usize> = ns.iter().copied().filter(|j| !b.contains(j)).collect();
        for &i in os.iter().filter(|i| !a.contains(i)) {
            let on = &old.types[i].name;
            let close = new_rest.iter().position(|&j| {
                let nn = &new.types[j].name;
                let common = on
                    .bytes()
                    .zip(nn.bytes())
                    .take_while(|(x, y)| x == y)
                    .count();
                common * 2 >= on.len().min(nn.len())
            });
            if let Some(k) = close {
                pairs.push((i, new_rest.remove(k)));
            }
        }
        pairs.extend(same);
    }
    pairs.sort_unstable_by_key(|&(_, j)| j);
    pairs
}

/// The parameter of `new` that is `p` of `old`: same location and wire name (headers
/// case-insensitively). A path parameter renamed at its position is no change (the wire is the
/// same), so it is not matched and its new argument name not reported.
fn matching_param(p: &ir::Param, new: &ir::Operation) -> Option<usize> {
    new.params.iter().position(|q| {
        q.location == p.location
            && if p.location == Location::Header {
                q.wire.eq_ignore_ascii_case(&p.wire)
            } else {
                q.wire == p.wire
            }
    })
}

/// Members of two versions of a type that are the same member: (old index, new index, what it
/// is): struct fields by wire name, enum members by value, union variants by base name.
fn matching_members(old: &ir::TypeDef, new: &ir::TypeDef) -> Vec<(usize, usize, String)> {
    match (&old.kind, &new.kind) {
        (TypeKind::Struct { fields: a, .. }, TypeKind::Struct { fields: b, .. }) => {
            let at: HashMap<&str, usize> = b
                .iter()
                .enumerate()
                .rev()
                .map(|(k, f)| (f.wire.as_str(), k))
                .collect();
            a.iter()
                .enumerate()
                .filter_map(|(k, f)| {
                    let j = *at.get(f.wire.as_str())?;
                    Some((k, j, format!("field `{}`", f.wire)))
                })
                .collect()
        }
        (TypeKind::Enum { values: a, .. }, TypeKind::Enum { values: b, .. }) => {
            let at: HashMap<String, usize> = b
                .iter()
                .enumerate()
                .rev()
                .map(|(k, v)| (v.wire.to_string(), k))
                .collect();
            a.iter()
                .enumerate()
                .filter_map(|(k, v)| {
                    let wire = v.wire.to_string();
                    Some((k, *at.get(&wire)?, format!("enum value {wire}")))
                })
                .collect()
        }
        (TypeKind::Union { variants: a, .. }, TypeKind::Union { variants: b, .. }) => a
            .iter()
            .enumerate()
            .filter_map(|(k, (v, _))| {
                let j = b.iter().position(|(w, _)| w == v)?;
                Some((k, j, format!("variant `{v}`")))
            })
            .collect(),
        _ => Vec::new(),
    }
}
