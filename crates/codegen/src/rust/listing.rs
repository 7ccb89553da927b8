//! The listing helpers of paginated operations: a request builder's `pages()` yields the body of
//! each page and `items()` every item, both driven by the runtime's `Pages`, which asks the
//! builder for each page through its `Paginated` implementation. This writes that
//! implementation's view and the doc comments that say how the operation pages.

use super::{doc_comment, string_literal, Ctx, ResponseVariant};
use crate::ir::{Location, Operation, PageSource, PageStyle, Pagination};

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

/// A field path for a doc comment's code span: `a.b`, without backticks.
fn shown(path: &[String]) -> String {
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

/// The paragraphs telling how an operation pages and how that is known; `setter` is the
/// builder method of the cursor, page or offset parameter.
fn how(p: &Pagination, setter: Option<&str>) -> String {
    let param = |wire: &String| {
        let name = shown(std::slice::from_ref(wire));
        match setter {
            Some(s) if s != wire.as_str() => format!("`{name}` (setter `{s}`)"),
            _ => format!("`{name}`"),
        }
    };
    let how = match &p.style {
        PageStyle::Cursor { param: wire, next } => format!(
            "Paging by cursor: each next page is asked for with parameter {} set to `{}` of \
             the previous page, until that is absent, null, empty or a cursor already sent.",
            param(wire),
            shown(next)
        ),
        PageStyle::NextUrl { next } => format!(
            "Paging by URL: each next page is requested from the URL at `{}` of the previous \
             page (relative to that page's URL), until it is absent, null, empty or already \
             visited.",
            shown(next)
        ),
        PageStyle::LinkHeader => "Paging by the `Link` response header: each next page is \
             requested from its `rel=\"next\"` link (RFC 8288), until there is none or it was \
             already visited."
            .to_string(),
        PageStyle::Page { param: wire } => format!(
            "Paging by page number: parameter {} starts at the value set, else its default, \
             else 1, and grows by 1 per page, until a page has no items.",
            param(wire)
        ),
        PageStyle::Offset { param: wire } => format!(
            "Paging by offset: parameter {} starts at the value set, else its default, else 0, \
             and grows by the number of items received, until a page has no items.",
            param(wire)
        ),
    };
    let url_rule = if matches!(p.style, PageStyle::NextUrl { .. } | PageStyle::LinkHeader) {
        " A next URL on another origin than the client's base URL is refused (`Error::Page` \
         with its `url`): credentials are never sent elsewhere."
    } else {
        ""
    };
    let source = match &p.source {
        PageSource::Declared(ext) => format!(
            "Declared by the definition: extension `{}`.",
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
                 a `Link` header."
                .to_string(),
            _ => "Recognized from the definition's parameter and field names.".to_string(),
        },
        PageSource::Guessed => "Guessed from the definition (generated because guessing was \
             asked for): a page or offset parameter beside an array of items. Likely, not \
             certain: check that the API pages this way."
            .to_string(),
    };
    format!("{how}{url_rule}\n\n{source}")
}

/// One line telling how an operation pages and how that is known.
fn summary(p: &Pagination) -> String {
    let one = |s: &String| shown(std::slice::from_ref(s));
    let how = match &p.style {
        PageStyle::Cursor { param, .. } => format!("by cursor (`{}`)", one(param)),
        PageStyle::NextUrl { next } => format!("by URL (`{}`)", shown(next)),
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

impl Ctx {
    /// The listing helpers of operation `k` (`op`, client method `fn_name`), paginated as `p`,
    /// whose response variants are `responses`; None when the operation has a request body
    /// (a page is sent again and again, a body is sent once) or the parameter the pagination
    /// names is not among its own.
    pub(super) fn listing(
        &self,
        k: usize,
        op: &Operation,
        p: &Pagination,
        fn_name: &str,
        responses: &[ResponseVariant],
    ) -> Option<PagingView> {
        if op.body.is_some() {
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
            op.params
                .iter()
                .zip(&self.names.params[k])
                .filter(|(q, _)| q.wire == wire)
                .min_by_key(|(q, _)| q.location != Location::Query)
                .map(|(q, ident)| {
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
        let items_at = if p.items.is_empty() {
            "each page's body".to_string()
        } else {
            format!("`{}` of each page", shown(&p.items))
        };
        let fn_shown = fn_name.trim_start_matches("r#");
        let pages_doc = format!(
            "The pages of `{fn_shown}`, one after the other: each page's body, requested when \
             `next_page().await` asks for it, as a call of this request (middleware, retries, \
             credentials, the timeout and decoding apply to every page). A page whose status is \
             not a success is an `Error::Page` holding its response.\n\n{}",
            how(p, shown_setter)
        );
        let items_doc = format!(
            "Every item of every page of `{fn_shown}`, in order (`next_item().await`): \
             {items_at} of `pages()` (which tells more; a failing page is an error, after the \
             items before it).\n\n{}",
            summary(p)
        );
        Some(PagingView {
            pages_doc: doc_comment(Some(wrap(&pages_doc, 92).trim_end()), "    "),
            items_doc: doc_comment(Some(wrap(&items_doc, 92).trim_end()), "    "),
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
