//! Base names: words from any text, joined in PascalCase, made unique case-insensitively.

use std::collections::HashMap;

/// Splits text into lower-case words: at non-alphanumeric characters and at camelCase
/// boundaries (`HTTPServer2xx` -> `http`, `server2xx`).
#[must_use]
pub fn words(text: &str) -> Vec<String> {
    // Bytes suffice: every byte of a non-ASCII character is >= 0x80, so not alphanumeric.
    let bytes = text.as_bytes();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in bytes.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| bytes[j]);
        let next = bytes.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase() as char);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// PascalCase of the words of `text` (`"pet store"` -> `PetStore`); `fallback` when no words.
#[must_use]
pub fn pascal(text: &str, fallback: &str) -> String {
    let w = words(text);
    if w.is_empty() {
        return fallback.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in &w {
        let mut c = word.chars();
        if let Some(f) = c.next() {
            out.push(f.to_ascii_uppercase());
            out.push_str(c.as_str());
        }
    }
    out
}

/// A package name valid for Cargo, npm and PyPI alike: lower-case ASCII letters, digits and
/// single `-`, starting with a letter, at most 64 characters (`"1Password  API"` ->
/// `api-1password-api`, `""` -> `api`). Backends add their own reserved-name rules.
#[must_use]
pub fn package_slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len().min(64));
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            break;
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        return "api".to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("api-{out}");
        out.truncate(64);
        out = out.trim_end_matches('-').to_string();
    }
    out
}

/// Characters that end a line in some language, editor or tool: LF, CR, VT, FF, the C0
/// separators U+001C..U+001E, NEL (U+0085) and the Unicode line and paragraph separators.
#[must_use]
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Characters no generated text shows raw, in any language and context (the one definition
/// every escaper uses): controls (C0, DEL, C1), every [line break](is_line_break), the
/// bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), which could
/// make code read differently than it runs, and the other invisible format characters (soft
/// hyphen, zero-width characters, word joiners, the byte-order mark, Hangul fillers,
/// variation selectors, interlinear annotations, tags, ...). String literals escape them,
/// comments drop them (line breaks become line ends or spaces), identifiers never hold them.
#[must_use]
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || is_line_break(c)
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{890}'..='\u{891}'
                | '\u{8e2}'
                | '\u{115f}'..='\u{1160}'
                | '\u{17b4}'..='\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1343f}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// `text` on one line with nothing hidden: tabs and line breaks become spaces, every other
/// [hidden](is_hidden) character is dropped.
#[must_use]
pub fn visible(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c == '\t' || is_line_break(c) {
                Some(' ')
            } else if is_hidden(c) {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

/// The lines of `text`, split at every [line break](is_line_break) (CR LF counts once), each
/// [visible] and without trailing white space.
#[must_use]
pub fn visible_lines(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split(is_line_break)
        .map(|l| visible(l).trim_end().to_string())
        .collect()
}

/// Hands out names that differ case-insensitively from every name handed out before.
#[derive(Debug, Default)]
pub struct Unique {
    /// Lower-cased names taken, with what took each (for messages; may be empty).
    taken: HashMap<String, String>,
}

impl Unique {
    /// Reserves `name` or, when taken, `name2`, `name3`, ...; returns the name and whether it
    /// had to change.
    pub fn take(&mut self, name: &str) -> (String, bool) {
        let (name, holder) = self.take_for(name, "");
        (name, holder.is_some())
    }

    /// [`Unique::take`] for `owner` (a pointer, `GET /pets`, ...): when `name` was taken, also
    /// returns what holds it, so a warning can say what the name collided with.
    pub fn take_for(&mut self, name: &str, owner: &str) -> (String, Option<String>) {
        let lower = name.to_ascii_lowercase();
        let Some(holder) = self.taken.get(&lower).cloned() else {
            self.taken.insert(lower, owner.to_string());
            return (name.to_string(), None);
        };
        let mut n = 2;
        loop {
            let candidate = format!("{name}{n}");
            if let std::collections::hash_map::Entry::Vacant(e) =
                self.taken.entry(candidate.to_ascii_lowercase())
            {
                e.insert(owner.to_string());
                return (candidate, Some(holder));
            }
            n += 1;
        }
    }
}

/// A double-quoted literal holding `s` exactly: `"`, `\\`, newline, carriage return and tab
/// escaped as every C-like syntax spells them, and every other [hidden](is_hidden) character
/// by `hidden`, which writes it in the target's own escape syntax. The one loop behind the
/// string literals of all three languages and the TOML manifests.
pub fn quoted(s: &str, hidden: impl Fn(char, &mut String)) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => hidden(c, &mut out),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_pascal_case() {
        assert_eq!(words("getHTTPServer2xx"), ["get", "http", "server2xx"]);
        assert_eq!(words("pet-store_v2 item"), ["pet", "store", "v2", "item"]);
        assert_eq!(
            pascal("Robert'); DROP TABLE students;--", "X"),
            "RobertDropTableStudents"
        );
        assert_eq!(pascal("+1", "X"), "1");
        assert_eq!(pascal("!!!", "Unnamed"), "Unnamed");
        let mut u = Unique::default();
        assert_eq!(u.take("Pet"), ("Pet".into(), false));
        assert_eq!(u.take("PET"), ("PET2".into(), true));
    }
}
