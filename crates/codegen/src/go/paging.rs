//! The pager of a paginated operation: `Client.{Method}Pages(params)` returns a `*Pager` whose
//! `Next(ctx)` requests one page and whose `Pages(ctx)` and `All(ctx)` are iterators (of the
//! shape of `iter.Seq2`) over the pages and over every item. The runtime (`paging.go`) walks
//! the listing; this writes the listing's table and the doc comment that says how the
//! operation pages.

use super::escape::{doc_comment, string_literal};
use super::types::Types;
use crate::ir::{Operation, PageSource, PageStyle, Pagination, StatusMatch};

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

/// A field path in a comment: `a.b`, without backticks.
fn shown(path: &[String]) -> String {
    path.join(".").replace('`', "'")
}

/// `text` with its lines longer than `width` broken at spaces.
pub(super) fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        // A line must not start with `[` (a doc link would read as text): such a word stays
        // with the one before.
        let mut words: Vec<String> = Vec::new();
        for word in line.split(' ') {
            match words.last_mut() {
                Some(last) if word.starts_with('[') => {
                    last.push(' ');
                    last.push_str(word);
                }
                _ => words.push(word.to_string()),
            }
        }
        let mut len = 0;
        for (k, word) in words.iter().enumerate() {
            let n = word.chars().count();
            if k > 0 && len + 1 + n > width {
                out.push('\n');
                len = 0;
            } else if k > 0 {
                out.push(' ');
                len += 1;
            }
            out.push_str(word);
            len += n;
        }
        out.push('\n');
    }
    out
}

/// A field path as a Go `[]string` expression.
fn path_literal(path: &[String]) -> String {
    if path.is_empty() {
        return "nil".to_string();
    }
    let parts: Vec<String> = path.iter().map(|p| string_literal(p)).collect();
    format!("[]string{{{}}}", parts.join(", "))
}

/// The doc comment paragraphs telling how an operation pages and how that is known; `field`
/// is the params field that carries the cursor, page or offset parameter.
fn how(p: &Pagination, field: Option<&str>) -> String {
    let param = |wire: &String| match field {
        Some(f) => format!(
            "parameter `{}` (field {f})",
            shown(std::slice::from_ref(wire))
        ),
        None => format!("parameter `{}`", shown(std::slice::from_ref(wire))),
    };
    let how = match &p.style {
        PageStyle::Cursor { param: wire, next } => format!(
            "Paging by cursor: each next page is asked for with {} set to `{}` of the previous \
             page, until that is absent, null, empty or a cursor already sent.",
            param(wire),
            shown(next)
        ),
        PageStyle::NextUrl { next } => format!(
            "Paging by URL: each next page is requested from the URL at `{}` of the previous \
             page (relative to that page's URL), until it is absent, null, empty or already \
             visited.",
            shown(next)
        ),
        PageStyle::LinkHeader => "Paging by the Link response header: each next page is \
             requested from its rel=\"next\" link (RFC 8288), until there is none or it was \
             already visited."
            .to_string(),
        PageStyle::Page { param: wire } => format!(
            "Paging by page number: {} starts at the value given, else its default, else 1, \
             and grows by 1 per page, until a page has no items or repeats the one before.",
            param(wire)
        ),
        PageStyle::Offset { param: wire } => format!(
            "Paging by offset: {} starts at the value given, else its default, else 0, and \
             grows by the number of items received, until a page has no items or repeats the \
             one before.",
            param(wire)
        ),
    };
    let url_rule = if matches!(p.style, PageStyle::NextUrl { .. } | PageStyle::LinkHeader) {
        " A next URL on another origin than the client's base URL ends the listing with a \
         [*PaginationError]: credentials are never sent elsewhere."
    } else {
        ""
    };
    let source = match &p.source {
        PageSource::Declared(ext) => {
            format!(
                "Declared by the definition: extension `{}`.",
                shown(std::slice::from_ref(ext))
            )
        }
        PageSource::Recognized => match &p.style {
            PageStyle::Cursor { .. } => "Recognized from the definition: a cursor parameter \
                 paired with a next-cursor field of the body."
                .to_string(),
            PageStyle::NextUrl { .. } => "Recognized from the definition: a field of the body \
                 holding the next page's URL."
                .to_string(),
            PageStyle::LinkHeader => "Recognized from the definition: the response documents \
                 a Link header."
                .to_string(),
            _ => "Recognized from the definition's parameter and field names.".to_string(),
        },
        PageSource::Guessed => "Guessed from the definition: a page or offset parameter beside \
             an array of items. Likely, not certain: check that the API pages this way."
            .to_string(),
    };
    format!("{how}{url_rule}\n\n{source}")
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
        op.params
            .iter()
            .zip(fields)
            .filter(|(q, _)| q.wire == wire)
            .min_by_key(|(q, _)| q.location != crate::ir::Location::Query)
            .map(|(q, f)| {
                let start = q
                    .default
                    .as_ref()
                    .and_then(serde_json::Value::as_i64)
                    .filter(|s| s.unsigned_abs() < 1 << 53);
                (f.as_str(), start)
            })
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
    let at = if p.items.is_empty() {
        "each page's body".to_string()
    } else {
        format!("`{}` of each page's body", shown(&p.items))
    };
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
        how(p, shown_field)
    );
    Some(PagingView {
        pages: pages.to_string(),
        send: format!("pageOf{method}"),
        doc: doc_comment(Some(wrap(&text, 92).trim_end()), ""),
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
