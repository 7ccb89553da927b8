//! Source files, spans and the line index that turns byte offsets into lines and columns.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Bytes per block of the character index (see [`SourceFile::line_col`]).
const BLOCK: usize = 4096;

/// Where a node or a diagnostic stands: a file of [`Sources`] and a byte offset into its text.
///
/// Spans are eight bytes so that every node of a large document can carry one; lines and
/// columns are computed only when a diagnostic is rendered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Index of the file in [`Sources`].
    pub file: u32,
    /// Byte offset of the node's first character in the file's text.
    pub offset: u32,
}

impl Span {
    /// A span in `file` at byte `offset`.
    #[must_use]
    pub fn new(file: u32, offset: usize) -> Self {
        Self {
            file,
            offset: u32::try_from(offset).unwrap_or(u32::MAX),
        }
    }
}

/// Where a file was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A local file (the path as resolved, absolute or relative to the working directory).
    File(PathBuf),
    /// A remote document.
    Url(String),
    /// Standard input.
    Stdin,
    /// Text given directly by the caller.
    Memory,
}

/// One loaded file: its name for messages, its origin and its text (decoded, BOM removed).
#[derive(Debug)]
pub struct SourceFile {
    name: String,
    origin: Origin,
    /// Shared with the strings of the file's tree that are ranges of it ([`crate::Str`]).
    text: Arc<String>,
    line_starts: Vec<u32>,
    /// Characters before each [`BLOCK`]-byte block, built on the first column asked for in a
    /// non-ASCII file, so a column costs at most one block's scan however long the line
    /// (minified definitions are one line of megabytes).
    chars_before_block: OnceLock<Vec<u32>>,
}

impl SourceFile {
    /// A file named `name` (as shown in messages) with the given origin and text.
    #[must_use]
    pub fn new(name: String, origin: Origin, text: String) -> Self {
        let mut line_starts = vec![0u32];
        // `match_indices` of one byte searches a word at a time (a minified file of megabytes
        // is one line).
        line_starts.extend(
            text.match_indices('\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        Self {
            name,
            origin,
            text: Arc::new(text),
            line_starts,
            chars_before_block: OnceLock::new(),
        }
    }

    /// Characters in `text[..offset]` (a byte offset, clamped), in time independent of the
    /// offset.
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        let index = self.chars_before_block.get_or_init(|| {
            let mut acc = 0u32;
            let mut out = Vec::with_capacity(bytes.len() / BLOCK + 1);
            for block in bytes.chunks(BLOCK) {
                out.push(acc);
                let n = block.iter().filter(|&&b| (b & 0xc0) != 0x80).count();
                acc = acc.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
            }
            out
        });
        let block = offset / BLOCK;
        let base = index.get(block).copied().unwrap_or(0) as usize;
        base + bytes[block * BLOCK..offset]
            .iter()
            .filter(|&&b| (b & 0xc0) != 0x80)
            .count()
    }

    /// The name shown in messages.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where the file came from.
    #[must_use]
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The decoded text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The decoded text, shared: the parsers keep ranges of it instead of copies.
    #[must_use]
    pub fn shared_text(&self) -> &Arc<String> {
        &self.text
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    #[must_use]
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(self.text.len()).max(start);
        // Short ASCII stretches are counted directly; anything longer goes through the block index
        // (checking a whole megabyte line for ASCII on every finding made findings quadratic).
        let col = if end - start <= BLOCK && self.text.as_bytes()[start..end].is_ascii() {
            end - start
        } else {
            self.chars_before(end) - self.chars_before(start)
        };
        (
            u32::try_from(line + 1).unwrap_or(u32::MAX),
            u32::try_from(col + 1).unwrap_or(u32::MAX),
        )
    }

    /// Byte offset of a 1-based line and 0-based character column.
    #[must_use]
    pub fn offset_of(&self, line: usize, col_chars: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let start = start as usize;
        let rest = &self.text[start..];
        let line_bytes = rest.as_bytes();
        // Fast path: an ASCII prefix has one byte per character.
        if line_bytes.len() >= col_chars && line_bytes[..col_chars].is_ascii() {
            return start + col_chars;
        }
        rest.char_indices()
            .nth(col_chars)
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    /// Byte offset where the 1-based line `line` starts (the text's length past the end).
    #[must_use]
    pub fn line_start(&self, line: u32) -> usize {
        self.line_starts
            .get(line.saturating_sub(1) as usize)
            .map_or(self.text.len(), |&s| s as usize)
    }

    /// The text of the 1-based line `line`, without its line break.
    #[must_use]
    pub fn line_text(&self, line: u32) -> &str {
        let idx = line.saturating_sub(1) as usize;
        let Some(&start) = self.line_starts.get(idx) else {
            return "";
        };
        let end = self
            .line_starts
            .get(idx + 1)
            .map_or(self.text.len(), |&e| e as usize);
        self.text[start as usize..end].trim_end_matches(['\n', '\r'])
    }
}

/// Every file that took part in a load, indexed by [`Span::file`].
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its index.
    pub fn add(&mut self, file: SourceFile) -> u32 {
        self.files.push(file);
        u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX)
    }

    /// The file with index `id`.
    #[must_use]
    pub fn get(&self, id: u32) -> Option<&SourceFile> {
        self.files.get(id as usize)
    }

    /// All files, in load order (the entry document first).
    #[must_use]
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// File name, line and column of a span, for messages.
    #[must_use]
    pub fn locate(&self, span: Span) -> Option<(&str, u32, u32)> {
        let file = self.get(span.file)?;
        let (line, col) = file.line_col(span.offset);
        Some((file.name(), line, col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("t".into(), Origin::Memory, "ab\nçd: x\n".into());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // 'd' is the second character of line 2 but its third byte.
        assert_eq!(f.line_col(5), (2, 2));
        assert_eq!(f.offset_of(2, 1), 5);
        assert_eq!(f.line_text(2), "çd: x");
    }

    #[test]
    fn columns_on_long_lines_count_characters() {
        // One line of 100,000 characters, some of them two, three and four bytes long.
        let unit = "aé€𝄞";
        let text = format!("{{\"k\": \"{}\"}}\nnext", unit.repeat(25_000));
        let f = SourceFile::new("t".into(), Origin::Memory, text.clone());
        for (i, (byte, _)) in text.char_indices().enumerate().step_by(997) {
            let (line, col) = f.line_col(u32::try_from(byte).expect("small"));
            if line == 1 {
                assert_eq!(col as usize, i + 1, "at byte {byte}");
            }
        }
        let next = text.find("next").expect("second line");
        assert_eq!(f.line_col(u32::try_from(next).expect("small")), (2, 1));
    }
}
