//! ECMA-262 regular expressions (as `pattern` is defined) translated for the `regex` crate,
//! which matches in linear time.
//!
//! Translated: `\d`, `\w` (and negations) are ASCII as in ECMA-262; `\s` adds U+FEFF; `.` stops
//! at every ECMA line terminator; `\uXXXX` (surrogate pairs joined), `\u{...}`, `\cX`, `\0`;
//! `[\b]` is a backspace; `[^]` is any character and `[]` none; braces that do not form a
//! quantifier are literals; identity escapes (`\/`) are the character.
//!
//! Backreferences and lookaround need backtracking: such a pattern (only) is compiled with
//! `fancy-regex` under a backtrack limit; a match that exceeds it counts as no match. Those
//! patterns may allocate while matching.

use std::fmt::Write as _;

/// How many backtracking steps one match of a lookaround/backreference pattern may take.
const BACKTRACK_LIMIT: usize = 100_000;

/// A compiled `pattern`.
#[derive(Clone, Debug)]
pub(crate) enum Pattern {
    /// Linear time (the `regex` crate).
    Linear(regex::Regex),
    /// With lookaround or backreferences, bounded by [`BACKTRACK_LIMIT`].
    Backtracking(Box<fancy_regex::Regex>),
    /// `^X{m,n}$` for a one-character atom `X` (`.`, `\S`, a class...) whose counted
    /// repetition is over the `regex` crate's size limit (AWS's `^\S{1,2000}$`, `^.{0,262144}$`):
    /// every character matches `X` (`each` is `^X*$`) and their number is within the bounds.
    Counted {
        /// `^X*$`.
        each: regex::Regex,
        /// The fewest characters.
        min: usize,
        /// The most characters, if bounded.
        max: Option<usize>,
    },
    /// A pattern that could not be compiled (reported by `Document::skipped_patterns`): it
    /// matches everything, so it neither fails a string nor makes a property additional.
    Skipped,
}

impl Pattern {
    #[inline]
    pub(crate) fn is_match(&self, s: &str) -> bool {
        match self {
            Self::Linear(re) => re.is_match(s),
            Self::Backtracking(re) => re.is_match(s).unwrap_or(false),
            Self::Counted { each, min, max } => {
                let n = s.chars().count();
                n >= *min && max.is_none_or(|max| n <= max) && each.is_match(s)
            }
            Self::Skipped => true,
        }
    }
}

/// A compiled pattern, or why it could not be.
pub(crate) fn compile(pattern: &str) -> Result<Pattern, String> {
    match translate_with(pattern, false) {
        Ok(translated) => match linear(&translated) {
            Ok(re) => Ok(Pattern::Linear(re)),
            Err(e) => counted(pattern).ok_or(e),
        },
        Err(e) if e.contains("not supported") => {
            let translated = translate_with(pattern, true)?;
            fancy_regex::RegexBuilder::new(&translated)
                .backtrack_limit(BACKTRACK_LIMIT)
                .delegate_size_limit(4 << 20)
                .delegate_dfa_size_limit(4 << 20)
                .build()
                .map(|re| Pattern::Backtracking(Box::new(re)))
                .map_err(|e| e.to_string())
        }
        Err(e) => Err(e),
    }
}

/// The `regex` crate's matcher, within the memory every pattern may take.
fn linear(translated: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(translated)
        .size_limit(4 << 20)
        .dfa_size_limit(4 << 20)
        .build()
        .map_err(|e| e.to_string())
}

/// `X{m,n}` (also `{m,}`, `{n}`) alone for a one-character atom `X`: `.`, an escape such as
/// `\S` or `\d`, or a bracket class. Anchored at both ends it is [`Pattern::Counted`];
/// otherwise it is a search, which a run of `m` already satisfies: `X{m}` with the same anchor
/// (jsonschema reads these the same way).
fn counted(pattern: &str) -> Option<Pattern> {
    let (start, rest) = match pattern.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let (end, body) = match rest.strip_suffix('$') {
        Some(body) if !body.ends_with('\\') => (true, body),
        _ => (false, rest),
    };
    let chars: Vec<char> = body.chars().collect();
    let atom_len = match chars.first()? {
        '.' => 1,
        '\\' if chars.get(1).is_some_and(|c| "dDwWsS".contains(*c)) => 2,
        '[' => {
            let mut i = 1;
            if chars.get(i) == Some(&'^') {
                i += 1;
            }
            loop {
                match chars.get(i)? {
                    '\\' => i += 2,
                    ']' => break i + 1,
                    _ => i += 1,
                }
            }
        }
        _ => return None,
    };
    let q = quantifier_len(&chars, atom_len)?;
    if atom_len + q != chars.len() {
        return None;
    }
    let bounds: String = chars[atom_len + 1..atom_len + q - 1].iter().collect();
    let (min, max) = match bounds.split_once(',') {
        Some((m, "")) => (m.parse().ok()?, None),
        Some((m, n)) => (m.parse().ok()?, Some(n.parse().ok()?)),
        None => {
            let n = bounds.parse().ok()?;
            (n, Some(n))
        }
    };
    if max.is_some_and(|max| max < min) {
        return None;
    }
    let atom: String = chars[..atom_len].iter().collect();
    if !(start && end) {
        let (a, z) = (if start { "^" } else { "" }, if end { "$" } else { "" });
        let search = translate_with(&format!("{a}{atom}{{{min}}}{z}"), false).ok()?;
        return linear(&search).ok().map(Pattern::Linear);
    }
    let each = linear(&translate_with(&format!("^{atom}*$"), false).ok()?).ok()?;
    Some(Pattern::Counted { each, min, max })
}

/// The ASCII ranges of a POSIX class name as Java writes it (`\p{Print}`, `\p{Alnum}`: AWS's
/// service definitions use them), for the names that are no Unicode property the `regex`
/// crate knows (a name it knows keeps its Unicode meaning).
fn posix_class(name: &str) -> Option<&'static str> {
    let class = match name {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => r"\x00-\x7F",
        "Alpha" => "A-Za-z",
        "Digit" => "0-9",
        "Alnum" => "A-Za-z0-9",
        "Punct" => r"\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E",
        "Graph" => r"\x21-\x7E",
        "Print" => r"\x20-\x7E",
        "Blank" => r"\x20\x09",
        "Cntrl" => r"\x00-\x1F\x7F",
        "XDigit" => "0-9A-Fa-f",
        "Space" => r"\x20\x09-\x0D",
        _ => return None,
    };
    let known = regex_syntax::Parser::new()
        .parse(&format!(r"\p{{{name}}}"))
        .is_ok();
    (!known).then_some(class)
}

const ASCII_WORD: &str = "A-Za-z0-9_";
const ECMA_SPACE: &str = r"\s\x{FEFF}";

fn push_lit(out: &mut String, c: char) {
    if regex_syntax_is_meta(c) {
        out.push('\\');
    }
    out.push(c);
}

fn regex_syntax_is_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.'
            | '+'
            | '*'
            | '?'
            | '('
            | ')'
            | '|'
            | '['
            | ']'
            | '{'
            | '}'
            | '^'
            | '$'
            | '#'
            | '&'
            | '-'
            | '~'
    )
}

fn push_cp(out: &mut String, cp: u32) {
    let _ = write!(out, "\\x{{{cp:X}}}");
}

/// Reads `\uXXXX` (after the `u`), joining a surrogate pair; returns the code point and the
/// characters consumed after `u`.
fn unicode_escape(chars: &[char], i: usize) -> Option<(u32, usize)> {
    if chars.get(i) == Some(&'{') {
        let end = chars[i..].iter().position(|c| *c == '}')? + i;
        let hex: String = chars[i + 1..end].iter().collect();
        let cp = u32::from_str_radix(&hex, 16).ok()?;
        return Some((cp, end - i + 1));
    }
    let hex4 = |at: usize| -> Option<u32> {
        let s: String = chars.get(at..at + 4)?.iter().collect();
        if s.len() == 4 && s.chars().all(|c| c.is_ascii_hexdigit()) {
            u32::from_str_radix(&s, 16).ok()
        } else {
            None
        }
    };
    let hi = hex4(i)?;
    if (0xD800..0xDC00).contains(&hi)
        && chars.get(i + 4) == Some(&'\\')
        && chars.get(i + 5) == Some(&'u')
    {
        if let Some(lo) = hex4(i + 6) {
            if (0xDC00..0xE000).contains(&lo) {
                return Some((0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), 10));
            }
        }
    }
    Some((hi, 4))
}

/// Whether `chars[i..]` (at a `{`) is a quantifier `{n}`, `{n,}`, `{n,m}`; its length.
fn quantifier_len(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let start = j;
    while chars.get(j).is_some_and(char::is_ascii_digit) {
        j += 1;
    }
    if j == start {
        return None;
    }
    if chars.get(j) == Some(&',') {
        j += 1;
        while chars.get(j).is_some_and(char::is_ascii_digit) {
            j += 1;
        }
    }
    (chars.get(j) == Some(&'}')).then_some(j - i + 1)
}

/// The pattern for the `regex` crate (lookaround and backreferences refused).
pub(crate) fn translate(pattern: &str) -> Result<String, String> {
    translate_with(pattern, false)
}

/// The pattern translated; with `backtracking`, lookaround and backreferences are kept (for
/// `fancy-regex`).
fn translate_with(pattern: &str, backtracking: bool) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    let mut class_start = false;
    while i < chars.len() {
        let c = chars[i];
        let at_class_start = class_start;
        class_start = false;
        match c {
            '\\' => {
                let Some(&e) = chars.get(i + 1) else {
                    return Err("pattern ends with a backslash".into());
                };
                i += 2;
                match e {
                    'd' => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                    'D' => out.push_str("[^0-9]"),
                    'w' => {
                        if in_class {
                            out.push_str(ASCII_WORD);
                        } else {
                            let _ = write!(out, "[{ASCII_WORD}]");
                        }
                    }
                    'W' => {
                        let _ = write!(out, "[^{ASCII_WORD}]");
                    }
                    's' => {
                        if in_class {
                            out.push_str(ECMA_SPACE);
                        } else {
                            let _ = write!(out, "[{ECMA_SPACE}]");
                        }
                    }
                    'S' => {
                        let _ = write!(out, "[^{ECMA_SPACE}]");
                    }
                    'b' if in_class => push_cp(&mut out, 8),
                    'b' | 'B' => {
                        // ECMA word boundaries are ASCII.
                        out.push_str(if e == 'b' { r"(?-u:\b)" } else { r"(?-u:\B)" });
                    }
                    // Not ECMA-262, but common in definitions (and accepted by `jsonschema`).
                    'A' if !in_class => out.push_str(r"\A"),
                    'z' | 'Z' if !in_class => out.push_str(r"\z"),
                    'n' => out.push_str(r"\n"),
                    'r' => out.push_str(r"\r"),
                    't' => out.push_str(r"\t"),
                    'f' => out.push_str(r"\x0C"),
                    'v' => out.push_str(r"\x0B"),
                    '0' if !chars.get(i).is_some_and(char::is_ascii_digit) => push_cp(&mut out, 0),
                    '1'..='9' if backtracking => {
                        out.push('\\');
                        out.push(e);
                    }
                    '1'..='9' => return Err("backreferences are not supported".into()),
                    'k' if chars.get(i) == Some(&'<') && backtracking => out.push_str("\\k"),
                    'k' if chars.get(i) == Some(&'<') => {
                        return Err("backreferences are not supported".into())
                    }
                    'c' => match chars.get(i) {
                        Some(l) if l.is_ascii_alphabetic() => {
                            push_cp(&mut out, (*l as u32) % 32);
                            i += 1;
                        }
                        _ => out.push_str(r"\\c"),
                    },
                    'x' => {
                        let hex: String = chars.get(i..i + 2).unwrap_or(&[]).iter().collect();
                        if hex.len() == 2 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                            let _ = write!(out, "\\x{{{hex}}}");
                            i += 2;
                        } else {
                            out.push('x');
                        }
                    }
                    'u' => match unicode_escape(&chars, i) {
                        Some((cp, n)) => {
                            if char::from_u32(cp).is_none() {
                                return Err("lone surrogate escapes are not supported".into());
                            }
                            push_cp(&mut out, cp);
                            i += n;
                        }
                        None => out.push('u'),
                    },
                    'p' | 'P' => {
                        // Unicode property classes: the same syntax.
                        let name = (chars.get(i) == Some(&'{'))
                            .then(|| chars[i..].iter().position(|c| *c == '}'))
                            .flatten()
                            .map(|end| chars[i + 1..i + end].iter().collect::<String>());
                        if let Some(class) = name.as_deref().and_then(posix_class) {
                            out.push_str(if e == 'p' { "[" } else { "[^" });
                            out.push_str(class);
                            out.push(']');
                            i += name.map_or(0, |n| n.chars().count() + 2);
                            continue;
                        }
                        out.push('\\');
                        out.push(e);
                        if chars.get(i) == Some(&'{') {
                            let Some(end) = chars[i..].iter().position(|c| *c == '}') else {
                                return Err("unterminated property escape".into());
                            };
                            out.extend(&chars[i..=i + end]);
                            i += end + 1;
                        }
                    }
                    other if other.is_ascii_alphanumeric() => {
                        return Err(format!("unknown escape \\{other}"));
                    }
                    other => push_lit(&mut out, other),
                }
            }
            '[' if !in_class => {
                if chars.get(i + 1) == Some(&'^') && chars.get(i + 2) == Some(&']') {
                    out.push_str(r"[\s\S]");
                    i += 3;
                    continue;
                }
                if chars.get(i + 1) == Some(&']') {
                    out.push_str(r"[^\s\S]");
                    i += 2;
                    continue;
                }
                in_class = true;
                out.push('[');
                i += 1;
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                class_start = true;
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
                i += 1;
            }
            '[' => {
                out.push_str(r"\[");
                i += 1;
            }
            _ if in_class => {
                if c == '-' && !at_class_start && chars.get(i + 1) != Some(&']') {
                    out.push('-');
                } else {
                    push_lit(&mut out, c);
                }
                i += 1;
            }
            '.' => {
                out.push_str(r"[^\n\r\x{2028}\x{2029}]");
                i += 1;
            }
            '(' => {
                if chars.get(i + 1) == Some(&'?') {
                    match (chars.get(i + 2), chars.get(i + 3)) {
                        (Some('='), _) | (Some('!'), _) | (Some('<'), Some('=' | '!'))
                            if backtracking =>
                        {
                            out.push('(');
                            i += 1;
                            continue;
                        }
                        (Some('='), _) | (Some('!'), _) | (Some('<'), Some('=' | '!')) => {
                            return Err("lookaround assertions are not supported".into());
                        }
                        (Some('<'), _) => {
                            out.push_str("(?P<");
                            i += 3;
                            continue;
                        }
                        _ => {}
                    }
                }
                out.push('(');
                i += 1;
            }
            '{' => match quantifier_len(&chars, i) {
                Some(n) => {
                    out.extend(&chars[i..i + n]);
                    i += n;
                }
                None => {
                    out.push_str(r"\{");
                    i += 1;
                }
            },
            '}' => {
                out.push_str(r"\}");
                i += 1;
            }
            '#' | '&' | '~' | ' ' => {
                push_lit(&mut out, c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    if in_class {
        return Err("unterminated character class".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        compile(p).unwrap().is_match(s)
    }

    #[test]
    fn ecma_semantics() {
        assert!(!m(r"^\d$", "\u{0660}"));
        assert!(m(r"^\d+$", "0123"));
        assert!(!m(r"^\w$", "é"));
        assert!(m(r"^\s$", "\u{FEFF}"));
        assert!(m(r"^[\s]$", "\u{FEFF}"));
        assert!(!m(r"^.$", "\r"));
        assert!(m(r"^\u0041$", "A"));
        assert!(m(r"^\uD83D\uDE00$", "😀"));
        assert!(m(r"^\cJ$", "\n"));
        assert!(m(r"^a{$", "a{"));
        assert!(m(r"^a{2}$", "aa"));
        assert!(m(r"^\/$", "/"));
        assert!(m(r"^[^]$", "\n"));
        assert!(m(r"^(?<x>a)$", "a"));
        assert!(m(r"^[a-z-]+$", "a-b"));
        assert!(matches!(
            compile(r"^(?=a)").unwrap(),
            Pattern::Backtracking(_)
        ));
        assert!(m(r"^(?=.*\d)(?!.*x)\w+$", "ab1"));
        assert!(!m(r"^(?=.*\d)(?!.*x)\w+$", "ab1x"));
        assert!(m(r"^(a)\1$", "aa") && !m(r"^(a)\1$", "ab"));
        assert!(m(r"^(?<=)a(?<!b)$", "a"));
        assert!(matches!(compile(r"^a+$").unwrap(), Pattern::Linear(_)));
        assert!(compile(r"\a").is_err());
        // Catastrophic backtracking is cut off, not run for ever.
        assert!(!m(r"^(a+)+\1$", &format!("{}b", "a".repeat(64))));
    }

    #[test]
    fn counted_repetitions_over_the_size_limit_are_counted() {
        // Real patterns (AWS, Azure) over the regex crate's limit as automata.
        for p in [
            r"^\S{1,2000}$",
            r"^.{0,262144}$",
            r"^[a-zA-Z0-9._\]-]{3,100000}$",
        ] {
            assert!(
                matches!(compile(p).unwrap(), Pattern::Counted { .. }),
                "{p}"
            );
        }
        assert!(m(r"^\S{1,2000}$", "abc"));
        assert!(m(r"^\S{1,2000}$", &"é".repeat(2000)));
        assert!(!m(r"^\S{1,2000}$", &"x".repeat(2001)));
        assert!(!m(r"^\S{1,2000}$", ""));
        assert!(!m(r"^\S{1,2000}$", "a b"));
        assert!(m(r"^.{0,262144}$", ""));
        assert!(m(r"^.{0,262144}$", &"x".repeat(262_144)));
        assert!(!m(r"^.{0,262144}$", &"x".repeat(262_145)));
        assert!(!m(r"^.{0,262144}$", "a\nb"));
        assert!(m(r"^[a-zA-Z0-9._\]-]{3,100000}$", "a]b"));
        assert!(!m(r"^[a-zA-Z0-9._\]-]{3,100000}$", "a b"));
        assert!(!m(r"^[a-zA-Z0-9._\]-]{3,100000}$", "ab"));
        assert!(m(r"^\d{100000,}$", &"7".repeat(100_000)));
        assert!(!m(r"^\d{100000,}$", &"7".repeat(99_999)));
        assert!(m(r"^\w{70000}$", &"w".repeat(70_000)));
        assert!(!m(r"^\w{70000}$", &"w".repeat(70_001)));
        // A search needs only the shortest run.
        assert!(m(r"\S{1,8192}", "  x "));
        assert!(!m(r"\S{1,8192}", "   "));
        assert!(m(r"^\S{2,100000}", "ab c"));
        assert!(!m(r"^\S{2,100000}", "a bc"));
        assert!(m(r"\S{2,100000}$", "a bc"));
        assert!(!m(r"\S{2,100000}$", "ab c"));
        // Other shapes over the limit are still refused (and skipped by the document).
        assert!(compile(r"^a\S{1,100000}$").is_err());
        assert!(compile(r"^\S{1,100000}\$").is_err());
        // Java's POSIX classes, where they are no Unicode property.
        assert!(m(r"^[\p{Print}]*$", "a b~"));
        assert!(!m(r"^[\p{Print}]*$", "a\tb"));
        assert!(!m(r"^\p{Print}+$", "é"));
        assert!(m(r"^[\-\p{Alnum}_:.]+$", "a-1_:."));
        assert!(!m(r"^[\-\p{Alnum}_:.]+$", "a b"));
        assert!(m(r"^\P{Alnum}$", "-") && !m(r"^\P{Alnum}$", "a"));
        assert!(m(r"^[\p{Graph}\x20]*$", "a b") && !m(r"^[\p{Graph}]+$", " "));
        assert!(m(r"^[\p{Alnum}\p{Punct}\p{Blank}]*$", "a b\t!"));
        assert!(m(r"^\p{XDigit}+$", "0aF") && !m(r"^\p{XDigit}+$", "g"));
        // A name the regex crate knows keeps its Unicode meaning.
        assert!(m(r"^\p{Lu}$", "É"));
        // Small ones stay ordinary automata.
        assert!(matches!(
            compile(r"^\S{1,20}$").unwrap(),
            Pattern::Linear(_)
        ));
    }
}
