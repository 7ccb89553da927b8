//! Strings that match a schema's `pattern`: the regular expression is parsed (regex-syntax)
//! and walked, taking the first (or a random) branch, a readable character of each class and
//! the smallest repetition plus `extra`.

use regex_syntax::hir::{Class, Hir, HirKind};

use crate::generate::Chooser;

/// The longest string generated.
const MAX_LEN: usize = 4096;

/// A string matching `pattern`, or `None` when the pattern cannot be parsed or the string
/// would be too long. `extra` adds repetitions (to reach a `minLength`).
pub(crate) fn generate(pattern: &str, choose: &mut Chooser, extra: u32) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut out = String::new();
    walk(&hir, choose, extra, &mut out, 0)?;
    Some(out)
}

fn walk(h: &Hir, choose: &mut Chooser, extra: u32, out: &mut String, depth: usize) -> Option<()> {
    if depth > 64 || out.len() > MAX_LEN {
        return None;
    }
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(l) => out.push_str(std::str::from_utf8(&l.0).ok()?),
        HirKind::Class(Class::Unicode(c)) => {
            let ranges: Vec<(char, char)> =
                c.ranges().iter().map(|r| (r.start(), r.end())).collect();
            out.push(pick_char(&ranges, choose)?);
        }
        HirKind::Class(Class::Bytes(c)) => {
            let ranges: Vec<(char, char)> = c
                .ranges()
                .iter()
                .filter(|r| r.start() < 0x80)
                .map(|r| (char::from(r.start()), char::from(r.end().min(0x7f))))
                .collect();
            out.push(pick_char(&ranges, choose)?);
        }
        HirKind::Repetition(r) => {
            let max = r.max.unwrap_or(r.min.saturating_add(extra).max(r.min));
            let mut n = r.min.saturating_add(extra).min(max);
            if matches!(choose, Chooser::Random(_)) {
                let hi = max.min(r.min.saturating_add(3));
                n = n.max(crate::generate::range_u32(choose, r.min, hi));
            }
            for _ in 0..n.min(1000) {
                walk(&r.sub, choose, extra, out, depth + 1)?;
            }
        }
        HirKind::Capture(c) => walk(&c.sub, choose, extra, out, depth + 1)?,
        HirKind::Concat(list) => {
            for x in list {
                walk(x, choose, extra, out, depth + 1)?;
            }
        }
        HirKind::Alternation(list) => {
            let i = crate::generate::pick(choose, list.len());
            walk(list.get(i)?, choose, extra, out, depth + 1)?;
        }
    }
    Some(())
}

/// A readable character of the class: a letter or digit when it has one, else printable
/// ASCII, else its first character.
fn pick_char(ranges: &[(char, char)], choose: &mut Chooser) -> Option<char> {
    let nice: Vec<char> = ranges
        .iter()
        .flat_map(|&(a, b)| {
            let (a, b) = (u32::from(a), u32::from(b).min(0x7e));
            (a..=b).filter_map(char::from_u32)
        })
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if !nice.is_empty() {
        return Some(nice[crate::generate::pick(choose, nice.len())]);
    }
    let printable = ranges.iter().find_map(|&(a, b)| {
        (u32::from(a)..=u32::from(b).min(0x7e))
            .filter_map(char::from_u32)
            .find(|c| c.is_ascii_graphic() || *c == ' ')
    });
    printable.or_else(|| ranges.first().map(|r| r.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_strings_match_their_patterns() {
        for p in [
            "^[a-z]{2,5}$",
            "^\\+?[1-9]\\d{1,14}$",
            "^(foo|bar)-[0-9a-f]{8}$",
            "^[^\\s]+@[^\\s]+$",
            "^AC[0-9a-fA-F]{32}$",
            "x*y?z+",
        ] {
            let re = regex::Regex::new(p).expect("regex");
            for random in [false, true] {
                let mut c = if random {
                    Chooser::random(7)
                } else {
                    Chooser::Fixed
                };
                let s = generate(p, &mut c, 0).expect("generated");
                assert!(re.is_match(&s), "{p}: {s:?}");
            }
        }
        let mut c = Chooser::Fixed;
        assert_eq!(generate("^a{2}b+$", &mut c, 2).as_deref(), Some("aabbb"));
    }
}
