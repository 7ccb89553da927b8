//! `format` checks, each a direct function of the string.

use crate::FormatFn;

/// A compiled `format`.
#[derive(Clone, Copy)]
pub(crate) enum Format {
    Builtin(fn(&str) -> bool),
    Custom(FormatFn),
}

impl Format {
    #[inline]
    pub(crate) fn check(self, s: &str) -> bool {
        match self {
            Self::Builtin(f) | Self::Custom(f) => f(s),
        }
    }
}

/// The built-in check of `name`, if there is one.
pub(crate) fn builtin(name: &str) -> Option<fn(&str) -> bool> {
    Some(match name {
        "date" => date,
        "date-time" => date_time,
        "time" => time,
        "duration" => duration,
        "email" => |s| email(s, false),
        "idn-email" => |s| email(s, true),
        "hostname" => |s| hostname(s, false),
        "idn-hostname" => |s| hostname(s, true),
        "ipv4" => ipv4,
        "ipv6" => ipv6,
        "uri" => |s| uri(s, false, false),
        "uri-reference" => |s| uri(s, false, true),
        "iri" => |s| uri(s, true, false),
        "iri-reference" => |s| uri(s, true, true),
        "uuid" => uuid,
        "regex" => regex,
        "json-pointer" => json_pointer,
        "relative-json-pointer" => relative_json_pointer,
        "uri-template" => uri_template,
        _ => return None,
    })
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
}

fn leap(y: u32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

pub(crate) fn date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(&b[..4]), digits(&b[5..7]), digits(&b[8..])) else {
        return false;
    };
    let max = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(y) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=max).contains(&d)
}

pub(crate) fn time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(h), Some(m), Some(sec)) = (digits(&b[..2]), digits(&b[3..5]), digits(&b[6..8]))
    else {
        return false;
    };
    let mut rest = &b[8..];
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &rest[1 + n..];
    }
    let (oh, om, sign): (i64, i64, i64) = match rest {
        [b'Z' | b'z'] => (0, 0, 0),
        [sg @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (Some(oh), Some(om)) = (digits(&[*h1, *h2]), digits(&[*m1, *m2])) else {
                return false;
            };
            if oh > 23 || om > 59 {
                return false;
            }
            (
                i64::from(oh),
                i64::from(om),
                if *sg == b'+' { 1 } else { -1 },
            )
        }
        _ => return false,
    };
    if h > 23 || m > 59 || sec > 60 {
        return false;
    }
    if sec == 60 {
        // A leap second only at 23:59:60 UTC.
        let utc = (i64::from(h) * 60 + i64::from(m) - sign * (oh * 60 + om)).rem_euclid(1440);
        return utc == 23 * 60 + 59;
    }
    true
}

pub(crate) fn date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 11
        && matches!(b[10], b'T' | b't')
        && s.is_char_boundary(10)
        && date(&s[..10])
        && time(&s[11..])
}

pub(crate) fn duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    let (date_part, time_part) = match rest.find('T') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let units = |part: &str, allowed: &[u8]| -> Option<Vec<u8>> {
        let mut seen = Vec::new();
        let mut num = 0usize;
        for c in part.bytes() {
            if c.is_ascii_digit() {
                num += 1;
            } else {
                if num == 0 {
                    return None;
                }
                let pos = allowed.iter().position(|a| *a == c)?;
                if seen.last().is_some_and(|l| {
                    allowed
                        .iter()
                        .position(|a| a == l)
                        .is_some_and(|p| p >= pos)
                }) {
                    return None;
                }
                seen.push(c);
                num = 0;
            }
        }
        (num == 0).then_some(seen)
    };
    let Some(d) = units(date_part, b"YMWD") else {
        return false;
    };
    if d.contains(&b'W') && (d.len() > 1 || time_part.is_some()) {
        return false;
    }
    match time_part {
        Some(t) => match units(t, b"HMS") {
            Some(u) => !u.is_empty(),
            None => false,
        },
        None => !d.is_empty(),
    }
}

fn is_atext(c: char, idn: bool) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || (idn && !c.is_ascii())
}

pub(crate) fn email(s: &str, idn: bool) -> bool {
    let Some(at) = s.rfind('@') else { return false };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    if local.is_empty() || domain.is_empty() || local.len() > 64 {
        return false;
    }
    let local_ok = if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
        let inner = &local[1..local.len() - 1];
        let mut esc = false;
        inner.chars().all(|c| {
            if esc {
                esc = false;
                true
            } else if c == '\\' {
                esc = true;
                true
            } else {
                c != '"' && (c == ' ' || !c.is_control())
            }
        }) && !esc
    } else {
        local
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| is_atext(c, idn)))
    };
    if !local_ok {
        return false;
    }
    if let Some(lit) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return match lit.strip_prefix("IPv6:") {
            Some(v6) => ipv6(v6),
            None => ipv4(lit),
        };
    }
    hostname(domain, idn)
}

pub(crate) fn hostname(s: &str, idn: bool) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_empty() || (!idn && s.len() > 253) {
        return false;
    }
    s.split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
        .all(|label| {
            if label.is_empty()
                || label.len() > 63
                || label.starts_with('-')
                || label.ends_with('-')
            {
                return false;
            }
            if !idn && label.len() >= 4 && label.as_bytes()[2..4] == *b"--" {
                // Reserved unless a punycode label.
                if !label.as_bytes()[..2].eq_ignore_ascii_case(b"xn") {
                    return false;
                }
            }
            label.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || c == '-'
                    || (idn && !c.is_ascii() && !c.is_whitespace())
            })
        })
}

pub(crate) fn ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

pub(crate) fn ipv6(s: &str) -> bool {
    s.parse::<std::net::Ipv6Addr>().is_ok()
}

fn pct_ok(b: &[u8], i: usize) -> bool {
    b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
        && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
}

const BASE: u8 = 1;
const COLON: u8 = 2;
const AT: u8 = 4;
const SLASH: u8 = 8;
const QUESTION: u8 = 16;

/// Byte classes of RFC 3986: unreserved and sub-delims are `BASE`; the gen-delims allowed in
/// some components have a bit each.
const CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] = BASE;
        }
        c += 1;
    }
    let base = b"-._~!$&'()*+,;=";
    let mut i = 0;
    while i < base.len() {
        t[base[i] as usize] = BASE;
        i += 1;
    }
    t[b':' as usize] = COLON;
    t[b'@' as usize] = AT;
    t[b'/' as usize] = SLASH;
    t[b'?' as usize] = QUESTION;
    t
};

/// Every byte is allowed by `extra` (beside unreserved, sub-delims and `%XX`; any non-ASCII
/// byte for an IRI).
fn chars_ok(b: &[u8], extra: u8, iri: bool) -> bool {
    let allowed = BASE | extra;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if CLASSES[c as usize] & allowed != 0 || (iri && c >= 0x80) {
            i += 1;
        } else if c == b'%' && pct_ok(b, i) {
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// Where `c` first occurs in `b`, if it does (a plain loop: URI parts are short, where a
/// `memchr` call costs more than it saves).
#[inline]
fn first(b: &[u8], c: u8) -> Option<usize> {
    b.iter().position(|&x| x == c)
}

/// Where `c` last occurs in `b`, if it does.
#[inline]
fn last(b: &[u8], c: u8) -> Option<usize> {
    b.iter().rposition(|&x| x == c)
}

/// RFC 3986 (RFC 3987 with `iri`): a URI, or with `reference` a relative reference too. One
/// scan finds the delimiters (`#`, then `?`, then the scheme's `:` unless a `/` comes first);
/// each part is then checked once.
pub(crate) fn uri(s: &str, iri: bool, reference: bool) -> bool {
    let b = s.as_bytes();
    let (mut hash, mut query, mut colon, mut slash) = (None, None, None, None);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'#' => {
                hash = Some(i);
                break;
            }
            b'?' if query.is_none() => query = Some(i),
            b':' if query.is_none() && colon.is_none() => colon = Some(i),
            b'/' if query.is_none() && slash.is_none() => slash = Some(i),
            _ => {}
        }
    }
    let end = hash.unwrap_or(b.len());
    if let Some(h) = hash {
        if !chars_ok(
            b.get(h + 1..).unwrap_or(&[]),
            COLON | AT | SLASH | QUESTION,
            iri,
        ) {
            return false;
        }
    }
    let rest_end = query.unwrap_or(end);
    if let Some(q) = query {
        if !chars_ok(
            b.get(q + 1..end).unwrap_or(&[]),
            COLON | AT | SLASH | QUESTION,
            iri,
        ) {
            return false;
        }
    }
    let rest = b.get(..rest_end).unwrap_or(&[]);
    // The scheme ends at the first `:` of the rest, unless a `/` comes before it.
    let scheme_end = colon.filter(|&c| slash.is_none_or(|s| s > c));
    let hier = match scheme_end {
        Some(i) => {
            let scheme = rest.get(..i).unwrap_or(&[]);
            let Some((first_char, others)) = scheme.split_first() else {
                return false;
            };
            if !first_char.is_ascii_alphabetic()
                || !others
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
            {
                return false;
            }
            rest.get(i + 1..).unwrap_or(&[])
        }
        None if reference => rest,
        None => return false,
    };
    let path = if let Some(after) = hier.strip_prefix(b"//") {
        let end = first(after, b'/').unwrap_or(after.len());
        let (authority, path) = after.split_at(end);
        let host_port = match last(authority, b'@') {
            Some(i) => {
                if !chars_ok(&authority[..i], COLON, iri) {
                    return false;
                }
                &authority[i + 1..]
            }
            None => authority,
        };
        if let Some(lit) = host_port.strip_prefix(b"[") {
            let Some(close) = first(lit, b']') else {
                return false;
            };
            let port = &lit[close + 1..];
            if !(port.is_empty()
                || port
                    .strip_prefix(b":")
                    .is_some_and(|p| p.iter().all(u8::is_ascii_digit)))
            {
                return false;
            }
            let inner = &lit[..close];
            let v6 = std::str::from_utf8(inner).is_ok_and(ipv6);
            if !(v6 || inner.starts_with(b"v") || inner.starts_with(b"V")) {
                return false;
            }
        } else {
            let (host, port) = match last(host_port, b':') {
                Some(i) => (&host_port[..i], &host_port[i + 1..]),
                None => (host_port, &[][..]),
            };
            if !port.iter().all(u8::is_ascii_digit) || !chars_ok(host, 0, iri) {
                return false;
            }
        }
        path
    } else {
        hier
    };
    if scheme_end.is_none() {
        // A relative path's first segment has no colon.
        let segment = &path[..first(path, b'/').unwrap_or(path.len())];
        if first(segment, b':').is_some() {
            return false;
        }
    }
    chars_ok(path, COLON | AT | SLASH, iri)
}

pub(crate) fn uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// The longest string the `regex` format parses; longer ones are not checked (true).
const REGEX_FORMAT_LIMIT: usize = 4096;

/// Whether `s` is an ECMA-262 regular expression: its translation parses (syntax only: nothing
/// is compiled, so a payload string costs time linear in its length). Lookaround and
/// backreferences, which the translation leaves to the backtracking engine, are accepted.
pub(crate) fn regex(s: &str) -> bool {
    if s.len() > REGEX_FORMAT_LIMIT {
        return true;
    }
    match crate::regex::translate(s) {
        Ok(t) => regex_syntax::ast::parse::Parser::new().parse(&t).is_ok(),
        Err(e) => e.contains("not supported"),
    }
}

pub(crate) fn json_pointer(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    if !s.starts_with('/') {
        return false;
    }
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, c)| *c != b'~' || matches!(b.get(i + 1), Some(b'0' | b'1')))
}

pub(crate) fn relative_json_pointer(s: &str) -> bool {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || (n > 1 && s.starts_with('0')) {
        return false;
    }
    let rest = &s[n..];
    if let Some(after) = rest.strip_prefix(['+', '-']) {
        let m = after.bytes().take_while(u8::is_ascii_digit).count();
        if m == 0
            || (m > 1 && after.starts_with('0'))
            || after.starts_with("0") && m == 1 && rest.starts_with('-')
        {
            return false;
        }
        let tail = &after[m..];
        return tail == "#" || json_pointer(tail);
    }
    rest == "#" || json_pointer(rest)
}

pub(crate) fn uri_template(s: &str) -> bool {
    let mut in_expr = false;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match (in_expr, c) {
            (false, b'{') => in_expr = true,
            (false, b'}') => return false,
            (true, b'{') => return false,
            (true, b'}') => in_expr = false,
            (true, _) => {
                if !(c.is_ascii_alphanumeric() || b"_.,*:%+#./;?&=!@|$-".contains(&c)) {
                    return false;
                }
            }
            (false, b'%') if !pct_ok(b, i) => return false,
            (false, _) => {
                if c <= b' ' || b"\"'<>\\^`|".contains(&c) {
                    return false;
                }
            }
        }
        i += 1;
    }
    !in_expr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(date("2020-02-29") && !date("2021-02-29") && !date("2020-1-01"));
        assert!(date_time("1985-04-12T23:20:50.52Z") && !date_time("1985-04-12 23:20:50Z"));
        assert!(time("23:59:60Z") && !time("22:59:60Z") && time("15:59:60-08:00"));
        assert!(
            duration("P4DT12H30M5S") && !duration("PT") && duration("P2W") && !duration("P1W1D")
        );
        assert!(email("joe.bloggs@example.com", false) && !email("2962", false));
        assert!(hostname("www.example.com", false) && !hostname("-a.com", false));
        assert!(!hostname("aé--b.com", false) && !hostname("é", false));
        assert!(ipv4("192.168.0.1") && !ipv4("192.168.0.01") && !ipv4("256.0.0.1"));
        assert!(ipv6("::1") && !ipv6("12345::"));
        assert!(uri("http://example.com/a?b#c", false, false) && !uri("//a", false, false));
        assert!(uri("//a", false, true) && !uri("\\\\WINDOWS", false, true));
        assert!(uuid("2eb8aa08-aa98-11ea-b4aa-73b441d16380") && !uuid("2eb8aa08aa98"));
        assert!(json_pointer("/a~0b") && !json_pointer("/a~2"));
        assert!(
            relative_json_pointer("1/a")
                && relative_json_pointer("0#")
                && !relative_json_pointer("01")
        );
        assert!(uri_template("http://e.com/{id}") && !uri_template("http://e.com/{id"));
        assert!(regex("^a+$") && !regex("^(a"));
    }

    /// The two-pass `uri` this module had before the single scan, kept as the reference the
    /// scan must agree with.
    fn uri_reference(s: &str, iri: bool, reference: bool) -> bool {
        let (rest, fragment) = match s.find('#') {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        if fragment.is_some_and(|f| !chars_ok(f.as_bytes(), COLON | AT | SLASH | QUESTION, iri)) {
            return false;
        }
        let (rest, query) = match rest.find('?') {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        if query.is_some_and(|q| !chars_ok(q.as_bytes(), COLON | AT | SLASH | QUESTION, iri)) {
            return false;
        }
        let scheme_end = rest.find(':').filter(|&i| !rest[..i].contains('/'));
        let hier = match scheme_end {
            Some(i) => {
                let scheme = &rest[..i];
                let mut cs = scheme.chars();
                if !cs.next().is_some_and(|c| c.is_ascii_alphabetic())
                    || !cs.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                {
                    return false;
                }
                &rest[i + 1..]
            }
            None if reference => rest,
            None => return false,
        };
        let path = if let Some(after) = hier.strip_prefix("//") {
            let end = after.find('/').unwrap_or(after.len());
            let authority = &after[..end];
            let host_port = match authority.rfind('@') {
                Some(i) => {
                    if !chars_ok(&authority.as_bytes()[..i], COLON, iri) {
                        return false;
                    }
                    &authority[i + 1..]
                }
                None => authority,
            };
            if let Some(lit) = host_port.strip_prefix('[') {
                let Some(close) = lit.find(']') else {
                    return false;
                };
                let port = &lit[close + 1..];
                if !(port.is_empty()
                    || port
                        .strip_prefix(':')
                        .is_some_and(|p| p.bytes().all(|c| c.is_ascii_digit())))
                {
                    return false;
                }
                let inner = &lit[..close];
                if !(ipv6(inner) || inner.starts_with(['v', 'V'])) {
                    return false;
                }
            } else {
                let (host, port) = match host_port.rfind(':') {
                    Some(i) => (&host_port[..i], &host_port[i + 1..]),
                    None => (host_port, ""),
                };
                if !port.bytes().all(|c| c.is_ascii_digit()) || !chars_ok(host.as_bytes(), 0, iri) {
                    return false;
                }
            }
            &after[end..]
        } else {
            hier
        };
        if scheme_end.is_none() {
            // A relative path's first segment has no colon.
            let first = path.split('/').next().unwrap_or("");
            if first.contains(':') {
                return false;
            }
        }
        chars_ok(path.as_bytes(), COLON | AT | SLASH, iri)
    }

    #[test]
    fn uri_scan_agrees_with_the_reference() {
        let parts = [
            "", "http", "https", "a", "A1+.-", "1a", ":", "/", "//", "?", "#", "@", "[", "]",
            "::1", "v1.x", "%20", "%2", "%zz", "é", " ", "{x}", "host", "80", "x:y", "a/b",
            "user:pw", "\\", "ab]", "[::1]", "[::1]:8", "[v1.x]", "..", "~",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut checked = 0;
        for _ in 0..200_000 {
            let n = next() % 7;
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(parts[(next() % parts.len() as u64) as usize]);
            }
            for (iri, reference) in [(false, false), (false, true), (true, false), (true, true)] {
                assert_eq!(
                    uri(&s, iri, reference),
                    uri_reference(&s, iri, reference),
                    "{s:?} iri={iri} reference={reference}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 800_000);
        for good in [
            "https://api.github.com/repos/octocat/Hello-World",
            "http://user:pw@[::1]:80/a?b=c#d",
            "urn:isbn:0451450523",
            "mailto:a@b.c",
        ] {
            assert!(uri(good, false, false), "{good}");
        }
    }
}
