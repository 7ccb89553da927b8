//! Java regular expressions (`String.replaceAll`, `replaceFirst`, `matches`, `split`) on the
//! linear-time `regex` crate. The common syntax is the same; `\Q…\E` quoting is translated;
//! what needs backtracking (back-references, look-around, atomic groups, possessive
//! quantifiers) is refused with a message, never run. Replacement strings follow
//! `Matcher.appendReplacement`: `$n` and `${name}` insert groups, `\x` is a literal `x`.

use regex::{Captures, Regex, RegexBuilder};

/// Translates and compiles a Java pattern (at most 1 MiB of compiled program).
pub(crate) fn compile(pattern: &str) -> Result<Regex, String> {
    let translated = translate(pattern)?;
    compile_translated(&translated)
}

fn compile_translated(translated: &str) -> Result<Regex, String> {
    RegexBuilder::new(translated)
        .size_limit(1 << 20)
        .dfa_size_limit(1 << 20)
        .build()
        .map_err(|e| match e {
            regex::Error::Syntax(s) => format!(
                "not a supported regular expression: {}",
                s.lines().last().unwrap_or(&s)
            ),
            regex::Error::CompiledTooBig(_) => "the regular expression is too large".into(),
            _ => "not a supported regular expression".into(),
        })
}

fn translate(p: &str) -> Result<String, String> {
    let mut out = String::with_capacity(p.len() + 8);
    let mut chars = p.chars().peekable();
    let mut class_depth = 0usize;
    let mut prev_quantifier = false;
    while let Some(c) = chars.next() {
        let mut quantifier = false;
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    return Err("the pattern ends with a lone backslash".into());
                };
                match n {
                    '1'..='9' if class_depth == 0 => {
                        return Err("back-references are not supported".into())
                    }
                    'Q' => {
                        let mut quoted = String::new();
                        loop {
                            match chars.next() {
                                None => break,
                                Some('\\') if chars.peek() == Some(&'E') => {
                                    chars.next();
                                    break;
                                }
                                Some(q) => quoted.push(q),
                            }
                        }
                        out.push_str(&regex::escape(&quoted));
                    }
                    'G' | 'Z' | 'R' | 'X' | 'h' | 'H' | 'v' | 'V' | 'k' => {
                        return Err(format!("\\{n} is not supported"));
                    }
                    _ if n.is_ascii_alphanumeric() => {
                        out.push('\\');
                        out.push(n);
                    }
                    _ if n.is_ascii() => {
                        // Java lets any non-alphabetic character be escaped.
                        out.push_str(&regex::escape(&n.to_string()));
                    }
                    _ => out.push(n),
                }
            }
            '[' => {
                class_depth += 1;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(']');
            }
            '(' if class_depth == 0 && chars.peek() == Some(&'?') => {
                let mut look = chars.clone();
                look.next();
                match look.next() {
                    Some('=' | '!' | '>') => {
                        return Err("look-ahead and atomic groups are not supported".into())
                    }
                    Some('<') if matches!(look.next(), Some('=' | '!')) => {
                        return Err("look-behind is not supported".into())
                    }
                    _ => out.push('('),
                }
            }
            '*' | '+' | '?' if class_depth == 0 => {
                if prev_quantifier && c == '+' {
                    return Err("possessive quantifiers are not supported".into());
                }
                quantifier = c != '?' || !prev_quantifier;
                out.push(c);
            }
            '}' if class_depth == 0 => {
                quantifier = true;
                out.push(c);
            }
            _ => out.push(c),
        }
        prev_quantifier = quantifier;
    }
    Ok(out)
}

/// Checks a replacement string against the groups of `re` (Java would throw at the first use).
pub(crate) fn check_replacement(re: &Regex, replacement: &str) -> Result<(), String> {
    parse_replacement(re, replacement).map(|_| ())
}

enum Piece {
    Text(String),
    Group(usize),
    Named(String),
}

fn parse_replacement(re: &Regex, r: &str) -> Result<Vec<Piece>, String> {
    let groups = re.captures_len() - 1;
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = r.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => text.push(n),
                None => return Err("character to be escaped is missing".into()),
            },
            '$' => {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                if chars.peek() == Some(&'{') {
                    chars.next();
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(n) if n.is_ascii_alphanumeric() => name.push(n),
                            _ => return Err("named capturing group is missing trailing '}'".into()),
                        }
                    }
                    if re.capture_names().flatten().all(|n| n != name) {
                        return Err(format!("no group with name {{{name}}}"));
                    }
                    pieces.push(Piece::Named(name));
                    continue;
                }
                let Some(first) = chars.next().and_then(|d| d.to_digit(10)) else {
                    return Err("illegal group reference".into());
                };
                let mut n = first as usize;
                if n > groups {
                    return Err(format!("no group {n}"));
                }
                while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    let m = n * 10 + d as usize;
                    if m > groups {
                        break;
                    }
                    n = m;
                    chars.next();
                }
                pieces.push(Piece::Group(n));
            }
            _ => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

fn expand(pieces: &[Piece], caps: &Captures<'_>, out: &mut String) {
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Group(n) => out.push_str(caps.get(*n).map_or("", |m| m.as_str())),
            Piece::Named(n) => out.push_str(caps.name(n).map_or("", |m| m.as_str())),
        }
    }
}

/// `replaceAll` (`all`) or `replaceFirst`: the new text and the number of replacements.
/// `max_len` bounds the text built (longer is an error, raised as soon as it is reached).
pub(crate) fn replace(
    re: &Regex,
    s: &str,
    replacement: &str,
    all: bool,
    max_len: usize,
) -> Result<(String, usize), String> {
    let pieces = parse_replacement(re, replacement)?;
    let literal = pieces.iter().all(|p| matches!(p, Piece::Text(_)));
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut count = 0;
    let too_long = || Err(format!("the result exceeds {max_len} bytes"));
    if literal {
        let text: String = pieces
            .iter()
            .map(|p| {
                if let Piece::Text(t) = p {
                    t.as_str()
                } else {
                    ""
                }
            })
            .collect();
        for m in re.find_iter(s) {
            out.push_str(&s[last..m.start()]);
            out.push_str(&text);
            last = m.end();
            count += 1;
            if out.len() > max_len {
                return too_long();
            }
            if !all {
                break;
            }
        }
    } else {
        for caps in re.captures_iter(s) {
            let Some(m) = caps.get(0) else { continue };
            out.push_str(&s[last..m.start()]);
            expand(&pieces, &caps, &mut out);
            last = m.end();
            count += 1;
            if out.len() > max_len {
                return too_long();
            }
            if !all {
                break;
            }
        }
    }
    out.push_str(&s[last..]);
    if out.len() > max_len {
        return too_long();
    }
    Ok((out, count))
}

/// `String.split(regex, limit)`, Java 8 and later; more than `max_parts` parts is an error.
pub(crate) fn split(
    re: &Regex,
    s: &str,
    limit: i64,
    max_parts: usize,
) -> Result<Vec<String>, String> {
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    let mut matched = false;
    for m in re.find_iter(s) {
        if parts.len() >= max_parts {
            return Err(format!("more than {max_parts} parts"));
        }
        if limit > 0 && parts.len() as i64 >= limit - 1 {
            break;
        }
        if m.end() == 0 {
            // A zero-width match at the start never yields a leading empty string.
            continue;
        }
        matched = true;
        parts.push(s[index..m.start()].to_string());
        index = m.end();
    }
    if !matched {
        return Ok(vec![s.to_string()]);
    }
    parts.push(s[index..].to_string());
    if limit == 0 {
        while parts.last().is_some_and(String::is_empty) {
            parts.pop();
        }
    }
    Ok(parts)
}

/// Compiles a Java pattern that must match the whole input (`String.matches`).
pub(crate) fn compile_whole(pattern: &str) -> Result<Regex, String> {
    let translated = translate(pattern)?;
    compile_translated(&format!(r"\A(?:{translated})\z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(p: &str) -> Regex {
        compile(p).unwrap_or_else(|e| panic!("{p}: {e}"))
    }

    #[test]
    fn java_syntax_translates() {
        let rep =
            |p: &str, s: &str, r: &str, all: bool| replace(&re(p), s, r, all, 100).map(|(o, _)| o);
        assert_eq!(rep("\\\\'", r"it\'s", "'", true).as_deref(), Ok("it's"));
        assert_eq!(rep("\\'", "it's", "-", true).as_deref(), Ok("it-s"));
        assert_eq!(rep("\\Q.*\\E", "a.*b", "-", true).as_deref(), Ok("a-b"));
        assert_eq!(
            rep("(\\w+)@(\\w+)", "me@host", "$2 at $1", true).as_deref(),
            Ok("host at me")
        );
        assert_eq!(rep("a", "aaa", "\\$", false).as_deref(), Ok("$aa"));
        assert!(rep("a", &"a".repeat(60), "xx", true).is_err());
        assert!(compile("(a)\\1").is_err());
        assert!(compile("a(?=b)").is_err());
        assert!(compile("a(?<!b)").is_err());
        assert!(compile("a++").is_err());
        assert!(compile("(?<name>a)").is_ok());
        assert!(rep("a", "a", "$1", true).is_err());
        assert!(rep("a", "a", "x\\", true).is_err());
    }

    #[test]
    fn split_follows_java() {
        let split = |p: &str, s: &str, limit: i64| split(&re(p), s, limit, 100).unwrap_or_default();
        assert_eq!(split(",", "a,b,,c,,", 0), ["a", "b", "", "c"]);
        assert_eq!(split(",", "a,b,,c,,", -1), ["a", "b", "", "c", "", ""]);
        assert_eq!(split(",", "a,b,c", 2), ["a", "b,c"]);
        assert_eq!(split(",", "", 0), [""]);
        assert_eq!(split("", "abc", 0), ["a", "b", "c"]);
        assert!(super::split(&re(""), &"a".repeat(200), 0, 100).is_err());
        let whole = |p: &str, s: &str| compile_whole(p).is_ok_and(|r| r.is_match(s));
        assert!(whole("a|ab", "ab"));
        assert!(!whole("a", "ab"));
    }
}
