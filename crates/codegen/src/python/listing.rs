//! The listing helpers of paginated operations: `{method}_pages` yields the body of each page,
//! `{method}_all` every item, in `Client` (iterators) and `AsyncClient` (async iterators). The
//! runtime's `_Listing` walks the pages; this writes the `_rt.Paging` table it follows and the
//! docstrings that say how the operation pages.

use askama::Template;

use super::{docstring, render, string_literal, ArgView, Ctx};
use crate::ir::{Location, Operation, PageSource, PageStyle, Pagination, TypeKind, TypeRef};

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

/// A field path for a docstring's code span: `a.b`, without backticks.
fn shown_path(path: &[String]) -> String {
    path.join(".").replace('`', "'")
}

/// `text` with its lines longer than `width` broken at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut len = 0;
        for (k, word) in line.split(' ').enumerate() {
            if k > 0 && len + 1 + word.chars().count() > width {
                out.push('\n');
                len = 0;
            } else if k > 0 {
                out.push(' ');
                len += 1;
            }
            out.push_str(word);
            len += word.chars().count();
        }
        out.push('\n');
    }
    out
}

/// One line telling how an operation pages and how that is known.
fn summary(p: &Pagination) -> String {
    let one = |s: &String| shown_path(std::slice::from_ref(s));
    let how = match &p.style {
        PageStyle::Cursor { param, .. } => format!("by cursor (`{}`)", one(param)),
        PageStyle::NextUrl { next } => format!("by URL (`{}`)", shown_path(next)),
        PageStyle::LinkHeader => "by the `Link` header".to_string(),
        PageStyle::Page { param } => format!("by page number (`{}`)", one(param)),
        PageStyle::Offset { param } => format!("by offset (`{}`)", one(param)),
    };
    let source = match &p.source {
        PageSource::Declared(ext) => {
            format!("declared by the definition (extension `{}`)", one(ext))
        }
        PageSource::Recognized => "recognized from the definition".to_string(),
        PageSource::Guessed => {
            "guessed from the definition (check that the API pages this way)".to_string()
        }
    };
    format!("Paging {how}, {source}.")
}

/// The docstring paragraphs telling how an operation pages and how that is known; `arg` is the
/// keyword argument that carries the cursor, page or offset parameter.
fn how(p: &Pagination, arg: Option<&str>) -> String {
    // `page_token` (argument `page_token`), or `page` when both are the same.
    let param = |wire: &String| {
        let shown = shown_path(std::slice::from_ref(wire));
        match arg {
            Some(a) if a != wire.as_str() => format!("`{shown}` (argument `{a}`)"),
            _ => format!("`{shown}`"),
        }
    };
    let how = match &p.style {
        PageStyle::Cursor { param: wire, next } => format!(
            "Paging by cursor: each next page is asked for with parameter {} set to `{}` of \
             the previous page, until that is absent, None, empty or a cursor already sent.",
            param(wire),
            shown_path(next)
        ),
        PageStyle::NextUrl { next } => format!(
            "Paging by URL: each next page is requested from the URL at `{}` of the previous \
             page (relative to that page's URL), until it is absent, None, empty or already \
             visited.",
            shown_path(next)
        ),
        PageStyle::LinkHeader => "Paging by the `Link` response header: each next page is \
             requested from its `rel=next` link (RFC 8288), until there is none or it was \
             already visited."
            .to_string(),
        PageStyle::Page { param: wire } => format!(
            "Paging by page number: parameter {} starts at the value given, else its default, \
             else 1, and grows by 1 per page, until a page has no items.",
            param(wire)
        ),
        PageStyle::Offset { param: wire } => format!(
            "Paging by offset: parameter {} starts at the value given, else its default, else \
             0, and grows by the number of items received, until a page has no items.",
            param(wire)
        ),
    };
    let url_rule = if matches!(p.style, PageStyle::NextUrl { .. } | PageStyle::LinkHeader) {
        " A next URL on another origin than the client's base URL raises `PaginationError`: \
         credentials are never sent elsewhere."
    } else {
        ""
    };
    let source = match &p.source {
        PageSource::Declared(ext) => format!(
            "Declared by the definition: extension `{}`.",
            shown_path(std::slice::from_ref(ext))
        ),
        PageSource::Recognized => match &p.style {
            PageStyle::Cursor { .. } => "Recognized from the definition: a cursor parameter \
                 paired with a next-cursor field of the body."
                .to_string(),
            PageStyle::NextUrl { .. } => "Recognized from the definition: a field of the body \
                 holding the next page's URL."
                .to_string(),
            PageStyle::LinkHeader => "Recognized from the definition: the response documents \
                 a `Link` header."
                .to_string(),
            _ => "Recognized from the definition's parameter and field names.".to_string(),
        },
        PageSource::Guessed => "Guessed from the definition: a page or offset parameter beside \
             an array of items. Likely, not certain: check that the API pages this way."
            .to_string(),
    };
    format!("{how}{url_rule}\n\n{source}")
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
            op.params
                .iter()
                .zip(arg_names)
                .filter(|(q, _)| q.wire == wire)
                .min_by_key(|(q, _)| q.location != Location::Query)
                .map(|(q, a)| {
                    let start = q
                        .default
                        .as_ref()
                        .and_then(serde_json::Value::as_i64)
                        .filter(|s| s.unsigned_abs() < 1 << 53);
                    (q.location.as_str(), a.as_str(), start)
                })
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
        let at = if p.items.is_empty() {
            "each page's body".to_string()
        } else {
            format!("`{}` of each page", shown_path(&p.items))
        };
        let body_ty = self.ty(body, None, "models.", false);
        let item_ty = self.ty(&p.item, None, "models.", false);
        let pages_doc = format!(
            "The pages of `{method}`, one after the other: each page's body, requested when the \
             loop asks for it, as a call of `{method}` (middleware, retries, auth, the timeout \
             and decoding apply to every page). A page whose status is not a success raises \
             `ApiError`.\n\n{}",
            how(p, shown_arg)
        );
        let all_doc = format!(
            "Every item of every page of `{method}`, in order: {at} of `{pages}` (which tells \
             more; a failing page raises).\n\n{}",
            summary(p)
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
            &docstring(Some(&wrap(&pages_doc, 92)), "        "),
            &docstring(Some(&wrap(&all_doc, 92)), "        "),
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
