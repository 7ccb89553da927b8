//! The listing helpers of paginated operations: `{method}_pages` yields the body of each page,
//! `{method}_all` every item, in `Client` (iterators) and `AsyncClient` (async iterators). The
//! runtime's `_Listing` walks the pages; this writes the `_rt.Paging` table it follows and the
//! docstrings that say how the operation pages.

use askama::Template;

use super::{docstring, render, string_literal, ArgView, Ctx};
use crate::ir::{Operation, PageStyle, Pagination, TypeKind, TypeRef};
use crate::paging::doc::{self, ticked};

/// The helpers of a paginated operation in one client class (`templates/python/paging.py.txt`).
#[derive(Template)]
#[template(path = "python/paging.py.txt", escape = "none")]
struct PagingView<'a> {
    is_async: bool,
    /// The operation's method (its `_{method}_call` and `_{method}_result` functions).
    method: &'a str,
    /// The helpers' names.
    pages: &'a str,
    all: &'a str,
    /// The helpers' keyword arguments, as the operation method's.
    args: &'a [ArgView],
    /// The page body and item types.
    body_ty: &'a str,
    item_ty: &'a str,
    /// The module-level `_rt.Paging` table's name.
    table: &'a str,
    /// The docstrings, indented.
    pages_doc: &'a str,
    all_doc: &'a str,
}

/// What a paginated operation adds to `client.py`.
pub(super) struct Listing {
    /// The `_rt.Paging` table (module level).
    pub(super) table: String,
    /// The helpers of `Client` and of `AsyncClient`.
    pub(super) sync_methods: String,
    pub(super) async_methods: String,
}

/// The docstring paragraphs telling how an operation pages and how that is known (see
/// [`crate::paging::doc`]); `arg` is the keyword argument that carries the cursor, page or
/// offset parameter.
fn explain(p: &Pagination, arg: Option<&str>) -> String {
    // `page_token` (argument `page_token`), or `page` when both are the same.
    let param = |wire: &str| match arg {
        Some(a) if a != wire => format!("parameter {} (argument `{a}`)", ticked(wire)),
        _ => format!("parameter {}", ticked(wire)),
    };
    doc::explain(p, &words(&param))
}

/// The Python words, with `param` naming the paging parameter.
fn words<'a>(param: &'a dyn Fn(&str) -> String) -> doc::Words<'a> {
    doc::Words {
        // Without quotes, which a docstring would escape.
        rel_next: "`rel=next`",
        null: "None",
        ..doc::Words::ticked(param, "raises `PaginationError`")
    }
}

impl Ctx<'_> {
    /// A field path (wire names) of a `ty` body as `_rt.Paging` takes it: a tuple of
    /// (wire name, dataclass attribute) pairs; the attribute is empty where the body is not a
    /// dataclass.
    fn field_path(&self, ty: &TypeRef, path: &[String]) -> String {
        let mut ty = Some(ty);
        let mut steps = Vec::with_capacity(path.len());
        for wire in path {
            let mut attr = String::new();
            let mut next = None;
            if let Some((i, fields)) = ty.and_then(|t| self.struct_fields(t)) {
                if let Some(k) = fields.iter().position(|f| &f.wire == wire) {
                    attr = self.names.member(i, k).unwrap_or_default().to_string();
                    next = Some(&fields[k].ty);
                }
            }
            ty = next;
            steps.push(format!(
                "({}, {})",
                string_literal(wire),
                string_literal(&attr)
            ));
        }
        match steps.len() {
            0 => "()".to_string(),
            1 => format!("({},)", steps[0]),
            _ => format!("({})", steps.join(", ")),
        }
    }

    /// The named struct `ty` is (through aliases and nullability) and its fields.
    fn struct_fields<'t>(&'t self, mut ty: &'t TypeRef) -> Option<(usize, &'t [crate::ir::Field])> {
        for _ in 0..16 {
            match ty {
                TypeRef::Nullable(inner) => ty = inner,
                TypeRef::Named(i) => match &self.api.types.get(*i)?.kind {
                    TypeKind::Alias(inner) => ty = inner,
                    TypeKind::Struct { fields, .. } => return Some((*i, fields)),
                    _ => return None,
                },
                _ => return None,
            }
        }
        None
    }

    /// The listing helpers of operation `op` (method `method`, keyword arguments `args` for
    /// its parameters `arg_names`), paginated as `p`, named `pages` and `all`; None when the
    /// parameter the pagination names is not among the operation's or no 2xx has a body.
    pub(super) fn listing(
        &self,
        op: &Operation,
        p: &Pagination,
        method: &str,
        (pages, all): (&str, &str),
        arg_names: &[String],
        args: &[ArgView],
    ) -> Option<Listing> {
        // The first 2xx response with a body: the page (as `paging::recognize` chose it).
        let page = op
            .responses
            .iter()
            .find(|r| r.is_success() && r.ty.is_some())?;
        let body = page.ty.as_ref()?;
        let status = match page.status_match() {
            crate::ir::StatusMatch::Exact(c) => c.to_string(),
            crate::ir::StatusMatch::Range(lo, _) => format!("\"{}XX\"", lo / 100),
            crate::ir::StatusMatch::Default => return None,
        };
        // The parameter (a query one first): its location, argument and numeric default.
        let param = |wire: &str| {
            crate::paging::paging_param(op, arg_names, wire)
                .map(|(q, a)| (q.location.as_str(), a.as_str(), crate::paging::start_of(q)))
        };
        let mut shown_arg = None;
        let mut fields = vec![
            string_literal(method),
            status,
            format!("items={}", self.field_path(body, &p.items)),
        ];
        match &p.style {
            PageStyle::Cursor { param: wire, next } => {
                let (location, arg, _) = param(wire)?;
                shown_arg = Some(arg);
                fields.push("style=\"cursor\"".to_string());
                fields.push(format!("param={}", string_literal(wire)));
                if location != "query" {
                    fields.push(format!("location=\"{location}\""));
                }
                fields.push(format!("next={}", self.field_path(body, next)));
            }
            PageStyle::NextUrl { next } => {
                fields.push("style=\"next_url\"".to_string());
                fields.push(format!("next={}", self.field_path(body, next)));
            }
            PageStyle::LinkHeader => fields.push("style=\"link_header\"".to_string()),
            PageStyle::Page { param: wire } | PageStyle::Offset { param: wire } => {
                let (location, arg, start) = param(wire)?;
                shown_arg = Some(arg);
                let (name, first) = match p.style {
                    PageStyle::Page { .. } => ("page", 1),
                    _ => ("offset", 0),
                };
                fields.push(format!("style=\"{name}\""));
                fields.push(format!("param={}", string_literal(wire)));
                if location != "query" {
                    fields.push(format!("location=\"{location}\""));
                }
                fields.push(format!("start={}", start.unwrap_or(first)));
            }
        }
        let table_name = format!("_{method}_paging");
        let table = format!("{table_name} = _rt.Paging({})", fields.join(", "));
        let at = doc::items_at(p, &ticked, "");
        let body_ty = self.ty(body, None, "models.", false);
        let item_ty = self.ty(&p.item, None, "models.", false);
        let pages_doc = format!(
            "The pages of `{method}`, one after the other: each page's body, requested when the \
             loop asks for it, as a call of `{method}` (middleware, retries, auth, the timeout \
             and decoding apply to every page). A page whose status is not a success raises \
             `ApiError`.\n\n{}",
            explain(p, shown_arg)
        );
        let all_doc = format!(
            "Every item of every page of `{method}`, in order: {at} of `{pages}` (which tells \
             more; a failing page raises).\n\n{}",
            doc::summary(p, &words(&|_| String::new()))
        );
        let view = |is_async: bool, pages_doc: &str, all_doc: &str| {
            render(&PagingView {
                is_async,
                method,
                pages,
                all,
                args,
                body_ty: &body_ty,
                item_ty: &item_ty,
                table: &table_name,
                pages_doc,
                all_doc,
            })
        };
        let sync_methods = view(
            false,
            &docstring(Some(&doc::wrap(&pages_doc, 92, false)), "        "),
            &docstring(Some(&doc::wrap(&all_doc, 92, false)), "        "),
        );
        let async_methods = view(
            true,
            &format!("        \"\"\"The pages of `{method}` as an async iterator: see `Client.{pages}`.\"\"\"\n"),
            &format!("        \"\"\"Every item of `{method}` as an async iterator: see `Client.{all}`.\"\"\"\n"),
        );
        Some(Listing {
            table,
            sync_methods,
            async_methods,
        })
    }
}
