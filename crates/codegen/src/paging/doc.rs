//! What the listing helpers' documentation says about how an operation pages, written once for
//! every backend: each fact (when a listing ends, which next URLs are refused, how the
//! pagination was found) is a sentence here; a backend supplies only its [`Words`] (its markup,
//! its names for null and for the paging parameter, the error a refused URL becomes) and wraps
//! the text into its comment syntax.

use crate::ir::{PageSource, PageStyle, Pagination};

/// The words a backend's paging documentation differs in; the sentences are [`explain`]'s and
/// [`summary`]'s.
pub(crate) struct Words<'a> {
    /// A name or a dotted field path as a code span, escaped for the comment syntax.
    pub(crate) code: &'a dyn Fn(&str) -> String,
    /// The paging parameter (by its wire name) as the text names it, with the argument, field
    /// or setter that carries it: ``parameter `page_token` (argument `pageToken`)``.
    pub(crate) param: &'a dyn Fn(&str) -> String,
    /// The `Link` header's name, as the prose writes it.
    pub(crate) link: &'a str,
    /// The next link of a `Link` header, as the prose writes it (`rel="next"`).
    pub(crate) rel_next: &'a str,
    /// The language's null.
    pub(crate) null: &'a str,
    /// How a starting page number or offset reaches the call: `set` (a builder) or `given`.
    pub(crate) given: &'a str,
    /// What becomes of a next URL on another origin than the client's: `raises
    /// `PaginationError``.
    pub(crate) refused: &'a str,
    /// What follows "Guessed from the definition" (before its colon).
    pub(crate) guessed: &'a str,
}

impl<'a> Words<'a> {
    /// The words of a comment syntax with Markdown-like code spans (`` `x` ``, written by
    /// [`ticked`]), `null` and parameters `given`; a backend sets what else differs.
    pub(crate) fn ticked(param: &'a dyn Fn(&str) -> String, refused: &'a str) -> Self {
        Self {
            code: &ticked,
            param,
            link: "`Link`",
            rel_next: "`rel=\"next\"`",
            null: "null",
            given: "given",
            refused,
            guessed: "",
        }
    }
}

/// A dotted field path (`a.b`), or a name when `path` has one part.
pub(crate) fn dotted(path: &[String]) -> String {
    path.join(".")
}

/// A dotted field path for a Markdown-like code span: `` ` `` (which would end the span)
/// becomes `'`. The span's backticks are the caller's.
pub(crate) fn tick_safe(text: &str) -> String {
    text.replace('`', "'")
}

/// `text` between backticks, safe there (see [`tick_safe`]).
pub(crate) fn ticked(text: &str) -> String {
    format!("`{}`", tick_safe(text))
}

/// The paragraphs telling how the listing of `p` goes from page to page, when it ends, and how
/// the pagination is known (a blank line between the two).
pub(crate) fn explain(p: &Pagination, w: &Words<'_>) -> String {
    let code = w.code;
    let (null, given) = (w.null, w.given);
    // Every runtime compares each page with the one before: a server that ignores the page
    // number or offset would otherwise be asked forever.
    let repeat = " or is the same as the one before (a server that ignores the parameter; that \
         page is not returned again)";
    let how = match &p.style {
        PageStyle::Cursor { param, next } => format!(
            "Paging by cursor: each next page is asked for with {} set to {} of the previous \
             page, until that is absent, {null}, empty or a cursor already sent.",
            (w.param)(param),
            code(&dotted(next))
        ),
        PageStyle::NextUrl { next } => format!(
            "Paging by URL: each next page is requested from the URL at {} of the previous \
             page (relative to that page's URL), until it is absent, {null}, empty or already \
             visited.",
            code(&dotted(next))
        ),
        PageStyle::LinkHeader => format!(
            "Paging by the {} response header: each next page is requested from its {} link \
             (RFC 8288), until there is none or it was already visited.",
            w.link, w.rel_next
        ),
        PageStyle::Page { param } => format!(
            "Paging by page number: {} starts at the value {given}, else its default, else 1, \
             and grows by 1 per page, until a page has no items{repeat}.",
            (w.param)(param)
        ),
        PageStyle::Offset { param } => format!(
            "Paging by offset: {} starts at the value {given}, else its default, else 0, and \
             grows by the number of items received, until a page has no items{repeat}.",
            (w.param)(param)
        ),
    };
    let url_rule = if matches!(p.style, PageStyle::NextUrl { .. } | PageStyle::LinkHeader) {
        format!(
            " A next URL on another origin than the client's base URL {}: credentials are \
             never sent elsewhere.",
            w.refused
        )
    } else {
        String::new()
    };
    let source = match &p.source {
        PageSource::Declared(ext) => {
            format!("Declared by the definition: extension {}.", code(ext))
        }
        PageSource::Recognized => match &p.style {
            PageStyle::Cursor { .. } => "Recognized from the definition: a cursor parameter \
                 paired with a next-cursor field of the body."
                .to_string(),
            PageStyle::NextUrl { .. } => "Recognized from the definition: a field of the body \
                 holding the next page's URL."
                .to_string(),
            PageStyle::LinkHeader => format!(
                "Recognized from the definition: the response documents a {} header.",
                w.link
            ),
            _ => "Recognized from the definition's parameter and field names.".to_string(),
        },
        PageSource::Guessed => format!(
            "Guessed from the definition{}: a page or offset parameter beside an array of \
             items. Likely, not certain: check that the API pages this way.",
            w.guessed
        ),
    };
    format!("{how}{url_rule}\n\n{source}")
}

/// One line telling how the listing of `p` pages and how that is known.
pub(crate) fn summary(p: &Pagination, w: &Words<'_>) -> String {
    let code = w.code;
    let how = match &p.style {
        PageStyle::Cursor { param, .. } => format!("by cursor ({})", code(param)),
        PageStyle::NextUrl { next } => format!("by URL ({})", code(&dotted(next))),
        PageStyle::LinkHeader => format!("by the {} header", w.link),
        PageStyle::Page { param } => format!("by page number ({})", code(param)),
        PageStyle::Offset { param } => format!("by offset ({})", code(param)),
    };
    let source = match &p.source {
        PageSource::Declared(ext) => {
            format!("declared by the definition (extension {})", code(ext))
        }
        PageSource::Recognized => "recognized from the definition".to_string(),
        PageSource::Guessed => {
            "guessed from the definition (check that the API pages this way)".to_string()
        }
    };
    format!("Paging {how}, {source}.")
}

/// Where the items of a page are: `each page's body`, or `{at} of each page{suffix}` with the
/// items' field path as `code` writes it.
pub(crate) fn items_at(p: &Pagination, code: &dyn Fn(&str) -> String, suffix: &str) -> String {
    if p.items.is_empty() {
        "each page's body".to_string()
    } else {
        format!("{} of each page{suffix}", code(&dotted(&p.items)))
    }
}

/// `text` with its lines longer than `width` broken at spaces; with `glue_brackets`, a word
/// starting with `[` stays on the line of the word before (a Go doc link must not start a
/// line, where it would read as a link definition).
pub(crate) fn wrap(text: &str, width: usize, glue_brackets: bool) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut words: Vec<String> = Vec::new();
        for word in line.split(' ') {
            match words.last_mut() {
                Some(last) if glue_brackets && word.starts_with('[') => {
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
