//! The listing helpers of paginated operations: a request builder's `pages()` yields the body of
//! each page and `items()` every item, both driven by the runtime's `Pages`, which asks the
//! builder for each page through its `Paginated` implementation. This writes that
//! implementation's view and the doc comments that say how the operation pages.

use super::{doc_comment, string_literal, Ctx, ResponseVariant};
use crate::ir::{Operation, PageStyle, Pagination};
use crate::paging::doc::{self, ticked};

/// What the operation template needs for the helpers of a paginated operation.
pub(super) struct PagingView {
    pub(super) pages_doc: String,
    pub(super) items_doc: String,
    /// The page body and item types, as seen from the `operations` module.
    pub(super) page_ty: String,
    pub(super) item_ty: String,
    /// The operation's client method, as a string literal.
    pub(super) operation: String,
    /// The items' field path, as string literals.
    pub(super) items: Vec<String>,
    /// A `crate::runtime::PageStyle` variant expression.
    pub(super) style: String,
    /// The first page number or offset.
    pub(super) start: i64,
    /// The pattern of the page variant, binding `oaskit_page`.
    pub(super) page_pattern: String,
    /// The patterns of the successes without content (the listing ends).
    pub(super) ends: Vec<String>,
    /// Whether other variants remain (then a catch-all arm).
    pub(super) others: bool,
    /// The builder field of the cursor, page or offset parameter.
    pub(super) param: Option<String>,
}

/// The words of the Rust listing documentation (see [`crate::paging::doc`]); `setter` is the
/// builder method of the cursor, page or offset parameter.
fn explain(p: &Pagination, setter: Option<&str>) -> String {
    let param = |wire: &str| match setter {
        Some(s) if s != wire => format!("parameter {} (setter `{s}`)", ticked(wire)),
        _ => format!("parameter {}", ticked(wire)),
    };
    doc::explain(p, &words(&param))
}

/// The Rust words, with `param` naming the paging parameter.
fn words<'a>(param: &'a dyn Fn(&str) -> String) -> doc::Words<'a> {
    doc::Words {
        given: "set",
        guessed: " (generated because guessing was asked for)",
        ..doc::Words::ticked(param, "is refused (`Error::Page` with its `url`)")
    }
}

impl Ctx {
    /// The listing helpers of operation `k` (`op`, client method `fn_name`), paginated as `p`,
    /// whose response variants are `responses`; None when the operation's request body is
    /// raw bytes (a `reqwest::Body`, possibly a stream, is sent once; a page is sent again and
    /// again, other bodies serialized anew each time) or the parameter the pagination names
    /// is not among its own.
    pub(super) fn listing(
        &self,
        k: usize,
        op: &Operation,
        p: &Pagination,
        fn_name: &str,
        responses: &[ResponseVariant],
    ) -> Option<PagingView> {
        if op.body.as_ref().is_some_and(|b| self.streams_body(b)) {
            return None;
        }
        // The first 2xx response with a body: the page (as `paging::recognize` chose it).
        let at = op
            .responses
            .iter()
            .position(|r| r.is_success() && r.ty.is_some())?;
        let page = &responses[at];
        let page_ty = page.payload.clone()?;
        // The builder field of a parameter (a query one first), and its default if an integer.
        let param = |wire: &str| {
            crate::paging::paging_param(op, &self.names.params[k], wire).map(|(q, ident)| {
                let start = q.default.as_ref().and_then(serde_json::Value::as_i64);
                (ident.clone(), start)
            })
        };
        let lits = |path: &[String]| -> String {
            let parts: Vec<String> = path.iter().map(|x| string_literal(x)).collect();
            format!("&[{}]", parts.join(", "))
        };
        let (style, field, start) = match &p.style {
            PageStyle::Cursor { param: wire, next } => {
                let (ident, _) = param(wire)?;
                (format!("Cursor({})", lits(next)), Some(ident), 0)
            }
            PageStyle::NextUrl { next } => (format!("NextUrl({})", lits(next)), None, 0),
            PageStyle::LinkHeader => ("LinkHeader".to_string(), None, 0),
            PageStyle::Page { param: wire } => {
                let (ident, start) = param(wire)?;
                ("Page".to_string(), Some(ident), start.unwrap_or(1))
            }
            PageStyle::Offset { param: wire } => {
                let (ident, start) = param(wire)?;
                ("Offset".to_string(), Some(ident), start.unwrap_or(0))
            }
        };
        let page_pattern = if page.carries_status {
            format!("{}(_, oaskit_page, ..)", page.variant)
        } else {
            format!("{}(oaskit_page, ..)", page.variant)
        };
        // Successes without content end the listing; anything else is reported.
        let mut ends = Vec::new();
        let mut others = false;
        for (i, (r, v)) in op.responses.iter().zip(responses).enumerate() {
            if i == at {
                continue;
            }
            if r.is_success() && v.payload.is_none() {
                ends.push(if v.fields.is_empty() {
                    v.variant.clone()
                } else {
                    format!("{}(..)", v.variant)
                });
            } else {
                others = true;
            }
        }
        let shown_setter = field.as_deref().map(|f| f.trim_start_matches("r#"));
        let items_at = doc::items_at(p, &ticked, "");
        let fn_shown = fn_name.trim_start_matches("r#");
        let pages_doc = format!(
            "The pages of `{fn_shown}`, one after the other: each page's body, requested when \
             `next_page().await` asks for it, as a call of this request (middleware, retries, \
             credentials, the timeout and decoding apply to every page). A page whose status is \
             not a success is an `Error::Page` holding its response.\n\n{}",
            explain(p, shown_setter)
        );
        let items_doc = format!(
            "Every item of every page of `{fn_shown}`, in order (`next_item().await`): \
             {items_at} of `pages()` (which tells more; a failing page is an error, after the \
             items before it).\n\n{}",
            doc::summary(p, &words(&|_| String::new()))
        );
        Some(PagingView {
            pages_doc: doc_comment(Some(doc::wrap(&pages_doc, 92, false).trim_end()), "    "),
            items_doc: doc_comment(Some(doc::wrap(&items_doc, 92, false).trim_end()), "    "),
            page_ty: page_ty.replace("crate::types::", "types::"),
            item_ty: self.ty(&p.item, None, false),
            operation: string_literal(fn_shown),
            items: p.items.iter().map(|x| string_literal(x)).collect(),
            style,
            start,
            page_pattern,
            ends,
            others,
            param: field,
        })
    }
}
