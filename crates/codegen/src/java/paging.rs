//! The pages method of a paginated operation: `client.listPetsPages(request)` returns an
//! `ApiPages<ListPetsResponse.Status200, Pet>`, an `Iterable` of the pages with a `Stream` of
//! every item (`items()`). The runtime (`ApiPages.java`) walks the listing; this writes the
//! listing's table and the Javadoc that says how the operation pages.

use super::escape::{doc_text, string_literal};
use super::types::Types;
use crate::ir::{Operation, PageSource, PageStyle, Pagination, TypeRef};

/// What the client method template needs to add a pages method.
pub(super) struct PagingView {
    /// The pages method's name and Javadoc.
    pub(super) method: String,
    pub(super) doc: String,
    /// The page's record (nested in the response interface).
    pub(super) page: String,
    /// The Java type of an item, and the Jackson type of a list of them.
    pub(super) item: String,
    pub(super) items_type: String,
    /// The `ApiPages.Paging` arguments: the operation's method as a string literal, the
    /// style constant, the parameter's wire name (a literal or `null`), the items and next
    /// paths (`List.of(...)`) and the first page number or offset.
    pub(super) operation: String,
    pub(super) style: &'static str,
    pub(super) param: String,
    pub(super) items: String,
    pub(super) next: String,
    pub(super) start: i64,
}

/// A field path for the Javadoc: `a.b`, escaped.
fn shown(path: &[String]) -> String {
    doc_text(&path.join("."))
}

fn path_literal(path: &[String]) -> String {
    let parts: Vec<String> = path.iter().map(|p| string_literal(p)).collect();
    format!("List.of({})", parts.join(", "))
}

/// `text` with its lines longer than `width` broken at spaces, each line a ` * ` Javadoc
/// line indented by four spaces (blank lines become `<p>`).
fn javadoc_lines(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut first = true;
    for para in text.split("\n\n") {
        if !first {
            out.push_str("     * <p>\n");
        }
        first = false;
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&format!("     * {line}\n"));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            out.push_str(&format!("     * {line}\n"));
        }
    }
    out
}

/// How an operation pages and how that is known (Javadoc text, escaped); `field` is the
/// request field that carries the cursor, page or offset parameter.
fn how(p: &Pagination, field: Option<&str>) -> String {
    let param = |wire: &String| {
        let w = shown(std::slice::from_ref(wire));
        match field {
            Some(f) if f != wire.as_str() => format!("parameter {{@code {w}}} (field {f})"),
            _ => format!("parameter {{@code {w}}}"),
        }
    };
    let how = match &p.style {
        PageStyle::Cursor { param: wire, next } => format!(
            "Paging by cursor: each next page is asked for with {} set to {{@code {}}} of the \
             previous page, until that is absent, null, empty or a cursor already sent.",
            param(wire),
            shown(next)
        ),
        PageStyle::NextUrl { next } => format!(
            "Paging by URL: each next page is requested from the URL at {{@code {}}} of the \
             previous page (relative to that page's URL), until it is absent, null, empty or \
             already visited.",
            shown(next)
        ),
        PageStyle::LinkHeader => "Paging by the {@code Link} response header: each next page \
             is requested from its {@code rel=\"next\"} link (RFC 8288), until there is none \
             or it was already visited."
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
        " A next URL on another origin than the client's base URL throws an \
         {@link ApiPaginationException}: credentials are never sent elsewhere."
    } else {
        ""
    };
    let source = match &p.source {
        PageSource::Declared(ext) => format!(
            "Declared by the definition: extension {{@code {}}}.",
            shown(std::slice::from_ref(ext))
        ),
        PageSource::Recognized => match &p.style {
            PageStyle::Cursor { .. } => "Recognized from the definition: a cursor parameter \
                 paired with a next-cursor field of the body."
                .to_string(),
            PageStyle::NextUrl { .. } => "Recognized from the definition: a field of the body \
                 holding the next page's URL."
                .to_string(),
            PageStyle::LinkHeader => "Recognized from the definition: the response documents \
                 a {@code Link} header."
                .to_string(),
            _ => "Recognized from the definition's parameter and field names.".to_string(),
        },
        PageSource::Guessed => "Guessed from the definition: a page or offset parameter beside \
             an array of items. Likely, not certain: check that the API pages this way."
            .to_string(),
    };
    format!("{how}{url_rule}\n\n{source}")
}

/// The pages method of operation `op` (client method `method`, pages method `pages`, page
/// record `page`; request fields `fields` for its parameters, `public_request` when the
/// method takes a request), paginated as `p`; None when the parameter the pagination names is
/// not among the operation's.
pub(super) fn view(
    types: &Types<'_>,
    op: &Operation,
    p: &Pagination,
    (method, pages, page): (&str, &str, &str),
    fields: &[&str],
    public_request: bool,
) -> Option<PagingView> {
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
                (*f, start)
            })
    };
    let mut shown_field = None;
    let (style, wire, next, start) = match &p.style {
        PageStyle::Cursor { param: wire, next } => {
            let (f, _) = param(wire)?;
            shown_field = Some(f);
            ("CURSOR", string_literal(wire), path_literal(next), 0)
        }
        PageStyle::NextUrl { next } => ("NEXT_URL", "null".to_string(), path_literal(next), 0),
        PageStyle::LinkHeader => ("LINK_HEADER", "null".to_string(), path_literal(&[]), 0),
        PageStyle::Page { param: wire } | PageStyle::Offset { param: wire } => {
            let (f, start) = param(wire)?;
            shown_field = Some(f);
            let (style, first) = match p.style {
                PageStyle::Page { .. } => ("PAGE", 1),
                _ => ("OFFSET", 0),
            };
            (
                style,
                string_literal(wire),
                path_literal(&[]),
                start.unwrap_or(first),
            )
        }
    };
    let at = if p.items.is_empty() {
        "each page's body".to_string()
    } else {
        format!("{{@code {}}} of each page's body", shown(&p.items))
    };
    let text = format!(
        "The pages of {{@link #{method}}}: iterate for each page (its {{@code {page}}} \
         response), or stream {{@link ApiPages#items()}} for every item ({at}). Each \
         iteration starts from the first page and requests each page when it needs it, as a \
         call of {{@code {method}}} with the same request and the client's credentials; a page \
         that fails throws an {{@link ApiPaginationException}} (its cause: the \
         {{@link ApiException}}, {{@code IOException}} or {{@code InterruptedException}}).\n\n{}",
        how(p, shown_field)
    );
    let mut doc = String::from("    /**\n");
    doc.push_str(&javadoc_lines(&text, 88));
    doc.push_str("     *\n");
    if public_request {
        doc.push_str("     * @param request the parameters\n");
    }
    doc.push_str("     * @return the pages, each requested when the iteration needs it\n");
    if op.deprecated {
        doc.push_str("     * @deprecated the definition marks this operation deprecated\n");
    }
    doc.push_str("     */\n");
    Some(PagingView {
        method: pages.to_string(),
        doc,
        page: page.to_string(),
        item: types.ty(&p.item),
        items_type: types.jtype(&TypeRef::Array(Box::new(p.item.clone()))),
        operation: string_literal(method),
        style,
        param: wire,
        items: path_literal(&p.items),
        next,
        start,
    })
}
