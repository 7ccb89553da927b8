//! The pager of a paginated operation: `Client.{Method}Pages(params)` returns a `*Pager` whose
//! `Next(ctx)` requests one page and whose `Pages(ctx)` and `All(ctx)` are iterators (of the
//! shape of `iter.Seq2`) over the pages and over every item. The runtime (`paging.go`) walks
//! the listing; this writes the listing's table and the doc comment that says how the
//! operation pages.

use super::escape::{doc_comment, string_literal};
use super::types::Types;
use crate::ir::{Operation, PageStyle, Pagination, StatusMatch};
use crate::paging::doc::{self, ticked};

/// What the operation template needs to add a pager.
pub(super) struct PagingView {
    /// The pager's method (`ListPetsPages`) and the unexported method that sends one page.
    pub(super) pages: String,
    pub(super) send: String,
    /// The pager method's doc comment.
    pub(super) doc: String,
    /// The Go type of an item.
    pub(super) item: String,
    /// The `listing` fields: the operation's method as a string literal, the style constant,
    /// the parameter's wire name as a literal (empty: none), the items and next paths as Go
    /// `[]string` expressions (`nil` / empty: none) and the first page number or offset.
    pub(super) operation: String,
    pub(super) style: &'static str,
    pub(super) param: String,
    pub(super) items: String,
    pub(super) next: String,
    pub(super) start: i64,
    /// The Go condition on `status` that tells a page.
    pub(super) is_page: String,
}

/// A field path as a Go `[]string` expression.
fn path_literal(path: &[String]) -> String {
    if path.is_empty() {
        return "nil".to_string();
    }
    let parts: Vec<String> = path.iter().map(|p| string_literal(p)).collect();
    format!("[]string{{{}}}", parts.join(", "))
}

/// The doc comment paragraphs telling how an operation pages and how that is known (see
/// [`crate::paging::doc`]); `field` is the params field that carries the cursor, page or
/// offset parameter.
fn explain(p: &Pagination, field: Option<&str>) -> String {
    let param = |wire: &str| match field {
        Some(f) => format!("parameter {} (field {f})", ticked(wire)),
        None => format!("parameter {}", ticked(wire)),
    };
    doc::explain(
        p,
        &doc::Words {
            link: "Link",
            rel_next: "rel=\"next\"",
            ..doc::Words::ticked(&param, "ends the listing with a [*PaginationError]")
        },
    )
}

/// The pager of operation `op` (method `method`, params fields `fields` for its parameters),
/// paginated as `p`; None when the parameter the pagination names is not among the
/// operation's or the page is the default response.
pub(super) fn view(
    types: &Types<'_>,
    op: &Operation,
    p: &Pagination,
    method: &str,
    pages: &str,
    fields: &[String],
) -> Option<PagingView> {
    // The first 2xx response with a body: the page (as `paging::recognize` chose it).
    let page = op
        .responses
        .iter()
        .find(|r| r.is_success() && r.ty.is_some())?;
    // Exact statuses are matched before ranges: a range's page excludes them.
    let exact: Vec<u16> = op
        .responses
        .iter()
        .filter_map(|r| match r.status_match() {
            StatusMatch::Exact(c) => Some(c),
            _ => None,
        })
        .collect();
    let is_page = match page.status_match() {
        StatusMatch::Exact(c) => format!("status == {c}"),
        StatusMatch::Range(lo, hi) => {
            let mut cond = format!("status >= {lo} && status <= {hi}");
            for c in exact.iter().filter(|c| (lo..=hi).contains(*c)) {
                cond.push_str(&format!(" && status != {c}"));
            }
            cond
        }
        StatusMatch::Default => return None,
    };
    // The parameter (a query one first): its params field and numeric default.
    let param = |wire: &str| {
        crate::paging::paging_param(op, fields, wire)
            .map(|(q, f)| (f.as_str(), crate::paging::start_of(q)))
    };
    let mut shown_field = None;
    let (style, wire, next, start) = match &p.style {
        PageStyle::Cursor { param: wire, next } => {
            let (f, _) = param(wire)?;
            shown_field = Some(f);
            ("pageCursor", string_literal(wire), path_literal(next), 0)
        }
        PageStyle::NextUrl { next } => ("pageNextURL", String::new(), path_literal(next), 0),
        PageStyle::LinkHeader => ("pageLinkHeader", String::new(), String::new(), 0),
        PageStyle::Page { param: wire } | PageStyle::Offset { param: wire } => {
            let (f, start) = param(wire)?;
            shown_field = Some(f);
            let (style, first) = match p.style {
                PageStyle::Page { .. } => ("pageNumber", 1),
                _ => ("pageOffset", 0),
            };
            (
                style,
                string_literal(wire),
                String::new(),
                start.unwrap_or(first),
            )
        }
    };
    let next = if next == "nil" { String::new() } else { next };
    let at = doc::items_at(p, &ticked, "'s body");
    let text = format!(
        "{pages} returns a [Pager] over the pages of [Client.{method}]{}: Next(ctx) requests one page and returns its response; Pages(ctx) and All(ctx) are \
         iterators over the pages and over every item ({at}), for a range loop. Each page is \
         a call of {method} (parameters, credentials and the context apply to every page); a \
         page whose status is not a success is an [*APIError].\n\n{}",
        if op.params.is_empty() {
            ""
        } else {
            " called with params"
        },
        explain(p, shown_field)
    );
    Some(PagingView {
        pages: pages.to_string(),
        send: format!("pageOf{method}"),
        doc: doc_comment(Some(doc::wrap(&text, 92, true).trim_end()), ""),
        item: types.ty(&p.item),
        operation: string_literal(method),
        style,
        param: wire,
        items: if p.items.is_empty() {
            String::new()
        } else {
            path_literal(&p.items)
        },
        next,
        start,
        is_page,
    })
}
