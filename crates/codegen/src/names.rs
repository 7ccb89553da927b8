//! Base names: words from any text, joined in PascalCase, made unique case-insensitively.

use std::collections::HashSet;

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

/// A package name: lower-case ASCII letters and digits, anything else as `-`.
#[must_use]
pub fn package_slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Characters no generated text shows: controls, line and paragraph separators, the byte-order
/// mark and bidirectional overrides (which could make code read differently than it runs).
#[must_use]
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Hands out names that differ case-insensitively from every name handed out before.
#[derive(Debug, Default)]
pub struct Unique {
    taken: HashSet<String>,
}

impl Unique {
    /// Reserves `name` or, when taken, `name2`, `name3`, ...; returns the name and whether it
    /// had to change.
    pub fn take(&mut self, name: &str) -> (String, bool) {
        if self.taken.insert(name.to_ascii_lowercase()) {
            return (name.to_string(), false);
        }
        let mut n = 2;
        loop {
            let candidate = format!("{name}{n}");
            if self.taken.insert(candidate.to_ascii_lowercase()) {
                return (candidate, true);
            }
            n += 1;
        }
    }
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
