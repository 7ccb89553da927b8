//! The two ways a template fails: while it is parsed ([`ParseError`]) and while it is rendered
//! ([`RenderError`]). Both carry the 1-based line and column (counted in characters) of the
//! construct at fault.

use std::fmt;

/// A template that cannot be run: bad syntax, or a construct this engine does not support
/// (`#macro`, `#include`, an unknown `$util` function, …). Found by [`crate::Template::parse`],
/// never at render time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line of the offending construct.
    pub line: usize,
    /// 1-based column, in characters, of the offending construct.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// A failure while rendering: an exception API Gateway's Java engine would raise (an index out
/// of range, an invalid regular expression, a body that is not JSON), or a [`crate::Limits`]
/// bound reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderError {
    /// 1-based line of the construct being evaluated.
    pub line: usize,
    /// 1-based column, in characters, of the construct being evaluated.
    pub column: usize,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}
impl std::error::Error for RenderError {}

/// Byte offsets to 1-based line and character column.
#[derive(Clone, Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The line and column of byte offset `pos` in `source` (clamped to its length and to a
    /// character boundary).
    pub(crate) fn locate(&self, source: &str, pos: usize) -> (usize, usize) {
        let mut pos = pos.min(source.len());
        while pos > 0 && !source.is_char_boundary(pos) {
            pos -= 1;
        }
        let line = match self.starts.binary_search(&pos) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0).min(pos);
        let column = source.get(start..pos).map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }
}
