//! The pages method of a paginated operation: `client.listPetsPages(request)` returns an
//! `ApiPages<ListPetsResponse.Status200, Pet>`, an `Iterable` of the pages with a `Stream` of
//! every item (`items()`). The runtime (`ApiPages.java`) walks the listing; this writes the
//! listing's table and the Javadoc that says how the operation pages.

use super::escape::{doc_text, string_literal};
use super::types::Types;
use crate::ir::{Operation, PageStyle, Pagination, TypeRef};
use crate::paging::doc;

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

/// A name or field path as a Javadoc code span, escaped.
fn code(text: &str) -> String {
    format!("{{@code {}}}", doc_text(text))
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

/// How an operation pages and how that is known (Javadoc text, escaped; see
/// [`crate::paging::doc`]); `field` is the request field that carries the cursor, page or
/// offset parameter.
fn explain(p: &Pagination, field: Option<&str>) -> String {
    let param = |wire: &str| match field {
        Some(f) if f != wire => format!("parameter {} (field {f})", code(wire)),
        _ => format!("parameter {}", code(wire)),
    };
    doc::explain(
        p,
        &doc::Words {
            code: &code,
            link: "{@code Link}",
            rel_next: "{@code rel=\"next\"}",
            ..doc::Words::ticked(&param, "throws an {@link ApiPaginationException}")
        },
    )
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
        crate::paging::paging_param(op, fields, wire).map(|(q, f)| (*f, crate::paging::start_of(q)))
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
    let at = doc::items_at(p, &code, "'s body");
    let text = format!(
        "The pages of {{@link #{method}}}: iterate for each page (its {{@code {page}}} \
         response), or stream {{@link ApiPages#items()}} for every item ({at}). Each \
         iteration starts from the first page and requests each page when it needs it, as a \
         call of {{@code {method}}} with the same request and the client's credentials; a page \
         that fails throws an {{@link ApiPaginationException}} (its cause: the \
         {{@link ApiException}}, {{@code IOException}} or {{@code InterruptedException}}).\n\n{}",
        explain(p, shown_field)
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
