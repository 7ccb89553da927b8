//! A YAML reader with YAML 1.2 core-schema semantics, spans, and budgets.
//!
//! Built on the events of `saphyr-parser` (pure Rust, no recursion in the parser), the tree
//! is assembled here with an explicit stack, so nesting depth, alias expansion and duplicate
//! keys are under our control. Plain scalars resolve by the YAML 1.2 core schema: `no`, `on`,
//! `off` and `yes` stay strings, `0o12` is the integer 10, `1:20` and `1_000` are strings.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use crate::node::{Entry, Map, Node, Str, Value};
use crate::source::{SourceFile, Span};
use crate::syntax::{Limits, SyntaxError};

enum Frame {
    Seq {
        span: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        span: Span,
        anchor: usize,
        entries: Vec<Entry>,
        seen: HashSet<Str>,
        key: Option<(Str, Span, bool)>,
        merges: Vec<Node>,
    },
}

impl Frame {
    fn token(&self) -> String {
        match self {
            Frame::Seq { items, .. } => items.len().to_string(),
            Frame::Map { key, .. } => key.as_ref().map_or(String::new(), |k| k.0.to_string()),
        }
    }
}

/// Parses a YAML file (already decoded) into a tree.
///
/// # Errors
/// Syntax errors, duplicate keys, several documents, nesting past the depth limit and alias
/// expansion past the budget.
pub fn parse(src: &SourceFile, file: u32, limits: &Limits) -> Result<Node, SyntaxError> {
    let first = match parse_events(src, file, limits, &mut Guard::default()) {
        Err(e) if e.code == "yaml-syntax" => e,
        other => return other,
    };
    // What libyaml, PyYAML, js-yaml and snakeyaml accept and saphyr refuses is repaired in the
    // text and parsed again. Every repair keeps the text's length and every other byte's
    // offset, so spans stay exact; when the repaired text does not parse either, the first
    // error is reported.
    // - A flow collection closed at or left of its key's column (`example: {` ... `}` under
    //   `example`): each such closer is moved to the end of the line before it.
    // - A tab separating a value from its `:` (`key:<TAB>value`; YAML 1.2 allows tabs as
    //   separation, not as indentation): the tab becomes a space. Tabs inside scalars are
    //   never changed: a rewritten byte that the parse finds inside a scalar is put back.
    let mut text: Option<String> = None;
    let mut message = first.message.clone();
    let mut rewritten: Vec<usize> = Vec::new();
    for _ in 0..MAX_REPAIRS {
        let current = text.as_deref().unwrap_or(src.text());
        let fixed = if message.starts_with("invalid indentation") {
            lift_flow_closers(current)
        } else if message.starts_with(TAB_SEPARATION) {
            separate_tabs(current, &mut rewritten)
        } else {
            None
        };
        let Some(mut fixed) = fixed else { break };
        loop {
            let f = SourceFile::new(src.name().to_string(), src.origin().clone(), fixed.clone());
            let mut guard = Guard::new(&rewritten);
            match parse_events(&f, file, limits, &mut guard) {
                Ok(node) if guard.hits.is_empty() => return Ok(node),
                Ok(_) => {
                    // Tabs inside scalars: put them back and parse again (each round puts
                    // back at least one, so this ends).
                    let mut bytes = fixed.into_bytes();
                    for &at in &guard.hits {
                        bytes[at] = b'\t';
                    }
                    rewritten.retain(|at| !guard.hits.contains(at));
                    match String::from_utf8(bytes) {
                        Ok(t) => fixed = t,
                        Err(_) => return Err(first),
                    }
                }
                Err(e) => {
                    message = e.message;
                    text = Some(fixed);
                    break;
                }
            }
        }
    }
    Err(first)
}

/// How many text repairs [`parse`] tries one after the other.
const MAX_REPAIRS: usize = 4;

/// The start of saphyr's message for `key:<TAB>value`.
const TAB_SEPARATION: &str = "':' must be followed by a valid YAML whitespace";

/// Byte offsets the parser must not find inside a scalar (rewritten tabs), and those it did.
#[derive(Default)]
struct Guard {
    /// Sorted.
    at: Vec<usize>,
    hits: Vec<usize>,
}

impl Guard {
    fn new(at: &[usize]) -> Self {
        let mut at = at.to_vec();
        at.sort_unstable();
        Guard {
            at,
            hits: Vec::new(),
        }
    }

    /// Records the guarded offsets within `start..end`.
    fn scalar(&mut self, start: usize, end: usize) {
        let from = self.at.partition_point(|&a| a < start);
        for &a in self.at[from..].iter().take_while(|&&a| a < end) {
            self.hits.push(a);
        }
    }
}

/// The text with the first tab after every `:` that is followed by tabs and then a word
/// character or `-` (what saphyr refuses) turned into a space, its offset added to
/// `rewritten`; `None` when there is none.
fn separate_tabs(text: &str, rewritten: &mut Vec<usize>) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    let mut changed = false;
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| b == b':') {
        let colon = i + k;
        let tabs = bytes[colon + 1..]
            .iter()
            .take_while(|&&b| b == b'\t')
            .count();
        let next = bytes.get(colon + 1 + tabs).copied();
        if tabs > 0 && next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            bytes[colon + 1] = b' ';
            rewritten.push(colon + 1);
            changed = true;
        }
        i = colon + 1 + tabs;
    }
    changed.then(|| String::from_utf8(bytes).ok()).flatten()
}

/// The text with every flow-collection closer that stands alone on its line (`}` or `]`,
/// perhaps followed by `,`) moved to the end of the previous line, or `None` when there is
/// none. Lines inside block scalars and after comments are left alone.
fn lift_flow_closers(text: &str) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    let mut depth = 0usize;
    let mut changed = false;
    // Indentation of the line that opened a block scalar, while inside one.
    let mut block_scalar: Option<usize> = None;
    let mut prev_line: Option<(usize, usize)> = None; // (start, end) of the last content line
    let mut start = 0usize;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i);
        let line = bytes[start..end].to_vec();
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let content = &line[indent..];
        let blank = content.iter().all(|b| b.is_ascii_whitespace());
        if let Some(parent) = block_scalar {
            if blank || indent > parent {
                start = end + 1;
                continue;
            }
            block_scalar = None;
        }
        if blank || content.first() == Some(&b'#') {
            start = end + 1;
            continue;
        }
        let trimmed: &[u8] = {
            let t = content.trim_ascii_end();
            t.strip_suffix(b",").unwrap_or(t)
        };
        if depth > 0 && matches!(trimmed, b"}" | b"]") {
            if let Some((ps, pe)) = prev_line {
                let closer_at = start + indent;
                if !bytes[ps..pe].contains(&b'#')
                    && bytes[pe..closer_at].iter().all(u8::is_ascii_whitespace)
                {
                    // [prev][\n and spaces][closer] -> [prev][closer][\n and spaces]
                    let closer = bytes[closer_at];
                    bytes.copy_within(pe..closer_at, pe + 1);
                    bytes[pe] = closer;
                    changed = true;
                }
            }
        }
        // Track flow depth (brackets outside quotes and comments) and block scalar headers.
        let mut quote: Option<u8> = None;
        let mut last_sig = b'\n';
        for (i, &b) in line.iter().enumerate() {
            if let Some(q) = quote {
                if b == q {
                    quote = None;
                }
                continue;
            }
            match b {
                b'#' if i == 0 || line[i - 1] == b' ' => break,
                b'"' | b'\''
                    if depth > 0
                        || matches!(last_sig, b':' | b'-' | b'\n' | b'[' | b'{' | b',') =>
                {
                    quote = Some(b)
                }
                b'{' | b'[' if depth > 0 || matches!(last_sig, b':' | b'-' | b'\n') => depth += 1,
                b'}' | b']' if depth > 0 => depth -= 1,
                _ => {}
            }
            if b != b' ' {
                last_sig = b;
            }
        }
        if depth == 0 {
            let t = content.trim_ascii_end();
            let header = t
                .iter()
                .rposition(|&b| b == b'|' || b == b'>')
                .is_some_and(|i| {
                    i > 0
                        && t[i - 1] == b' '
                        && t[i + 1..]
                            .iter()
                            .all(|b| matches!(b, b'+' | b'-' | b'0'..=b'9'))
                        && matches!(t[..i].trim_ascii_end().last(), Some(b':' | b'-'))
                });
            if header {
                block_scalar = Some(indent);
            }
        }
        prev_line = Some((start, start + line.trim_ascii_end().len()));
        start = end + 1;
    }
    changed.then(|| String::from_utf8(bytes).ok()).flatten()
}

/// Parses `src`'s events into a tree; scalars that hold an offset of `guard` are recorded in it.
fn parse_events(
    src: &SourceFile,
    file: u32,
    limits: &Limits,
    guard: &mut Guard,
) -> Result<Node, SyntaxError> {
    let text = src.text();
    let mut parser = Parser::new_from_str(text).keep_tags(true);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut expanded = 0usize;
    let mut root: Option<Node> = None;
    let mut docs = 0usize;
    let offset = |m: &saphyr_parser::Marker| src.offset_of(m.line(), m.col());
    // A scalar is a range of the file's text when the text at its start (plain) or just after
    // its opening quote reads the same; otherwise (escapes, folded lines, block scalars) it is
    // a copy.
    let shared = src.shared_text();
    let str_at = |value: &str, at: usize| -> Str {
        for start in [at, at + 1] {
            let end = start + value.len();
            if text.as_bytes().get(start..end) == Some(value.as_bytes()) {
                return Str::shared(shared, start..end);
            }
        }
        Str::from(value)
    };
    let with_path =
        |e: SyntaxError, stack: &[Frame]| stack.iter().rev().fold(e, |e, f| e.inside(f.token()));

    while let Some(ev) = parser.next_event() {
        let (ev, span) = ev.map_err(|e| {
            let info = e.info();
            if info.contains("recursion limit") {
                return SyntaxError::new(
                    "depth-limit",
                    format!("nesting deeper than the YAML parser's limit ({info})"),
                    offset(e.marker()),
                );
            }
            let mut at = offset(e.marker());
            if info.contains("tab") {
                // Point at the tab itself: the first tab of the line's indentation.
                let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
                if let Some(i) = text[line_start..]
                    .find(|c: char| c != ' ')
                    .filter(|&i| text[line_start + i..].starts_with('\t'))
                {
                    at = line_start + i;
                }
            }
            let msg = if info.contains("tab") {
                format!("{info}: YAML does not allow tabs for indentation; indent with spaces")
            } else {
                info.to_string()
            };
            SyntaxError::new("yaml-syntax", msg, at)
        })?;
        let at = offset(&span.start);
        let sp = Span::new(file, at);
        let done: Option<(Node, usize)> = match ev {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                docs += 1;
                if docs > 1 {
                    return Err(SyntaxError::new(
                        "yaml-syntax",
                        "more than one YAML document in the stream; an API definition is one document",
                        at,
                    ));
                }
                None
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= limits.max_depth {
                    return Err(with_path(
                        SyntaxError::new(
                            "depth-limit",
                            format!(
                                "nesting deeper than the limit of {} levels",
                                limits.max_depth
                            ),
                            at,
                        ),
                        &stack,
                    ));
                }
                if matches!(ev, Event::SequenceStart(..)) {
                    stack.push(Frame::Seq {
                        span: sp,
                        anchor,
                        items: Vec::new(),
                    });
                } else {
                    stack.push(Frame::Map {
                        span: sp,
                        anchor,
                        entries: Vec::new(),
                        seen: HashSet::new(),
                        key: None,
                        merges: Vec::new(),
                    });
                }
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq {
                    span,
                    anchor,
                    mut items,
                }) => {
                    items.shrink_to_fit();
                    Some((Node::new(Value::Array(items), span), anchor))
                }
                _ => return Err(SyntaxError::new("yaml-syntax", "unbalanced sequence", at)),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map {
                    span,
                    anchor,
                    mut entries,
                    seen,
                    merges,
                    ..
                }) => {
                    merge_into(&mut entries, &seen, merges);
                    entries.shrink_to_fit();
                    Some((Node::new(Value::Object(Map { entries }), span), anchor))
                }
                _ => return Err(SyntaxError::new("yaml-syntax", "unbalanced mapping", at)),
            },
            Event::Scalar(text, style, anchor, tag) => {
                if !guard.at.is_empty() {
                    guard.scalar(at, offset(&span.end));
                }
                // A scalar in key position becomes the key, by its text.
                if let Some(Frame::Map { key: k @ None, .. }) = stack.last_mut() {
                    let is_merge = style == ScalarStyle::Plain && text == "<<";
                    *k = Some((str_at(&text, at), sp, is_merge));
                    continue;
                }
                let value = resolve_scalar(&text, style, tag.as_deref(), &|t| str_at(t, at))
                    .map_err(|m| with_path(SyntaxError::new("yaml-syntax", m, at), &stack))?;
                Some((Node::new(value, sp), anchor))
            }
            Event::Alias(id) => {
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    return Err(with_path(
                        SyntaxError::new(
                            "yaml-syntax",
                            "an alias used as a mapping key is not supported",
                            at,
                        ),
                        &stack,
                    ));
                }
                let Some((node, count)) = anchors.get(&id) else {
                    return Err(SyntaxError::new(
                        "yaml-syntax",
                        "alias to an unknown anchor",
                        at,
                    ));
                };
                expanded = expanded.saturating_add(*count);
                if expanded > limits.max_alias_nodes {
                    return Err(with_path(
                        SyntaxError::new(
                            "yaml-alias-limit",
                            format!(
                                "YAML aliases expand to more than {} nodes (an alias bomb?)",
                                limits.max_alias_nodes
                            ),
                            at,
                        ),
                        &stack,
                    ));
                }
                let mut n = node.clone();
                n.span = sp;
                Some((n, 0))
            }
        };
        let Some((node, anchor)) = done else { continue };
        if anchor != 0 {
            let count = node.count();
            anchors.insert(anchor, (node.clone(), count));
        }
        let depth = stack.len();
        let duplicate = match stack.last_mut() {
            None => {
                root = Some(node);
                None
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(node);
                None
            }
            Some(Frame::Map {
                entries,
                seen,
                key,
                merges,
                ..
            }) => {
                let Some((k, kspan, is_merge)) = key.take() else {
                    return Err(SyntaxError::new(
                        "yaml-syntax",
                        "mapping keys must be scalars (strings); complex keys are not supported",
                        at,
                    ));
                };
                if is_merge {
                    merges.push(node);
                    None
                } else if seen.insert(k.clone()) {
                    let mut node = node;
                    // A block collection starts on the line after its key; point at the key.
                    if matches!(node.value, Value::Object(_) | Value::Array(_)) {
                        node.span = kspan;
                    }
                    entries.push(Entry {
                        key: k,
                        key_span: kspan,
                        value: node,
                    });
                    None
                } else {
                    let first = entries
                        .iter()
                        .find(|e| e.key == k)
                        .map_or(0, |e| e.key_span.offset as usize);
                    Some((k, kspan, first))
                }
            }
        };
        if let Some((k, kspan, first)) = duplicate {
            let mut e = SyntaxError::new(
                "duplicate-key",
                format!("duplicate key {k:?}: a second value would silently replace the first"),
                kspan.offset as usize,
            )
            .inside(k.to_string());
            e = with_path(e, &stack[..depth - 1]);
            e.related = Some((first, "first defined here".into()));
            return Err(e);
        }
    }
    root.ok_or_else(|| SyntaxError::new("yaml-syntax", "the document is empty", 0))
}

/// Applies `<<` merge keys: entries of the merged mappings that are not set explicitly.
fn merge_into(entries: &mut Vec<Entry>, seen: &HashSet<Str>, merges: Vec<Node>) {
    let mut added: HashSet<Str> = HashSet::new();
    for m in merges {
        let maps: Vec<Node> = match m.value {
            Value::Array(items) => items,
            _ => vec![m],
        };
        for map in maps {
            if let Value::Object(obj) = map.value {
                for e in obj.entries {
                    if !seen.contains(&e.key) && added.insert(e.key.clone()) {
                        entries.push(e);
                    }
                }
            }
        }
    }
}

/// `string` makes the text of a string value (a copy, or a range of the file's text).
fn resolve_scalar(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    string: &dyn Fn(&str) -> Str,
) -> Result<Value, String> {
    if let Some(tag) = tag {
        if tag.is_yaml_core_schema() || tag.handle == "!!" {
            return match tag.suffix.as_str() {
                "str" => Ok(Value::String(string(text))),
                "null" => Ok(Value::Null),
                "bool" => match plain(text, string) {
                    v @ Value::Bool(_) => Ok(v),
                    _ => Err(format!("{text:?} is not a !!bool")),
                },
                "int" | "float" => match plain(text, string) {
                    v @ Value::Number(_) => Ok(v),
                    _ => Err(format!("{text:?} is not a !!{}", tag.suffix)),
                },
                other => Err(format!(
                    "the tag !!{other} is not supported in an API definition"
                )),
            };
        }
        // Non-specific `!` keeps the scalar a string; other local tags are ignored.
        if tag.handle == "!" && tag.suffix.is_empty() {
            return Ok(Value::String(string(text)));
        }
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::String(string(text)));
    }
    Ok(plain(text, string))
}

/// YAML 1.2 core schema resolution of a plain scalar.
fn plain(t: &str, string: &dyn Fn(&str) -> Str) -> Value {
    match t {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = core_number(t) {
        return Value::Number(n.into());
    }
    Value::String(string(t))
}

/// A core-schema int or float as a JSON number literal; `.inf` and `.nan` have none.
fn core_number(t: &str) -> Option<String> {
    let b = t.as_bytes();
    if let Some(oct) = t.strip_prefix("0o") {
        return u128::from_str_radix(oct, 8)
            .ok()
            .filter(|_| !oct.is_empty())
            .map(|v| v.to_string());
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return u128::from_str_radix(hex, 16)
            .ok()
            .filter(|_| !hex.is_empty())
            .map(|v| v.to_string());
    }
    let (neg, body) = match b.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    // [0-9]+ ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )?   or   . [0-9]+ ( exponent )?
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], Some(&mantissa[i + 1..])),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    if !all_digits(int) || !frac.is_none_or(all_digits) {
        return None;
    }
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return None;
    }
    if let Some(e) = exp {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        if digits.is_empty() || !all_digits(digits) {
            return None;
        }
    }
    let mut out = String::with_capacity(t.len() + 2);
    if neg {
        out.push('-');
    }
    let int = int.trim_start_matches('0');
    out.push_str(if int.is_empty() { "0" } else { int });
    if let Some(f) = frac {
        out.push('.');
        out.push_str(if f.is_empty() { "0" } else { f });
    }
    if let Some(e) = exp {
        out.push('e');
        out.push_str(e);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Origin;

    fn load(s: &str) -> Result<Node, SyntaxError> {
        let f = SourceFile::new("t.yaml".into(), Origin::Memory, s.into());
        parse(&f, 0, &Limits::default())
    }

    fn lit(n: &Node) -> String {
        match &n.value {
            Value::Number(x) => format!("n:{x}"),
            Value::String(x) => format!("s:{x}"),
            Value::Bool(b) => format!("b:{b}"),
            Value::Null => "null".into(),
            _ => "composite".into(),
        }
    }

    #[test]
    fn core_schema_scalars() {
        let n = load("a: [no, on, off, yes, NO, 0o12, 012, 0x1F, '1:20', 1:20, 1_000, .5, +3., 1e3, true, ~, 'true']").unwrap();
        let got: Vec<String> = n
            .get("a")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(lit)
            .collect();
        assert_eq!(
            got,
            [
                "s:no", "s:on", "s:off", "s:yes", "s:NO", "n:10", "n:12", "n:31", "s:1:20",
                "s:1:20", "s:1_000", "n:0.5", "n:3.0", "n:1e3", "b:true", "null", "s:true"
            ]
        );
    }

    #[test]
    fn flow_collections_may_close_at_their_keys_column() {
        for (text, want) in [
            (
                "a:\n  example: {\n    \"80/tcp\": {},\n    \"443/tcp\": {}\n  }\n  b: 1\n",
                r#"{"a":{"example":{"80/tcp":{},"443/tcp":{}},"b":1}}"#,
            ),
            (
                "a:\n  list: [\n    1,\n    2\n  ]\n",
                r#"{"a":{"list":[1,2]}}"#,
            ),
            (
                "a:\n  list: [\n    [1,\n     2\n  ],\n    3\n  ]\n",
                r#"{"a":{"list":[[1,2],3]}}"#,
            ),
            (
                "a:\n  m: {x: 1,\n    y: '}'\n  }\n",
                r#"{"a":{"m":{"x":1,"y":"}"}}}"#,
            ),
        ] {
            let n = load(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let want: serde_json::Value = serde_json::from_str(want).expect("json");
            assert_eq!(n.to_json(), want, "{text}");
        }
        // Block scalars keep their text, also when it looks like a flow collection.
        let text = "a:\n  d: |\n    {\n  }\n";
        assert!(
            load(text).is_err(),
            "a closer left of a block scalar's text is still an error"
        );
        let text = "d: |\n  {\n    x\n  }\nm: {\n  a: 1\n}\n";
        let n = load(text).expect("parses");
        assert_eq!(n.get("d").and_then(Node::as_str), Some("{\n  x\n}\n"));
        // Spans of everything but the moved closer stay where they were.
        let text = "a:\n  m: {\n    k: v\n  }\n  b: 1\n";
        let n = load(text).expect("parses");
        let b = n.get("a").and_then(|a| a.get("b")).expect("b");
        assert_eq!(&text[b.span.offset as usize..][..1], "1");
    }

    #[test]
    fn spans_are_byte_offsets() {
        let n = load("a:\n  bé: x\n  c: y\n").unwrap();
        assert_eq!(n.pointer("/a/c").unwrap().span.offset, 17);
    }

    #[test]
    fn duplicate_key_with_pointer() {
        let e = load("paths:\n  /p:\n    get: 1\n    get: 2\n").unwrap_err();
        assert_eq!(e.code, "duplicate-key");
        assert_eq!(e.pointer(), "/paths/~1p/get");
        assert_eq!(e.offset, "paths:\n  /p:\n    get: 1\n    ".len());
    }

    #[test]
    fn aliases_are_budgeted_and_merges_apply() {
        let n = load("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n").unwrap();
        assert_eq!(lit(n.pointer("/d/x").unwrap()), "n:1");
        assert_eq!(lit(n.pointer("/d/y").unwrap()), "n:3");
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            let p = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{p}"); 10].join(", ")
            ));
        }
        assert_eq!(load(&bomb).unwrap_err().code, "yaml-alias-limit");
    }

    #[test]
    fn deep_flow_maps_stop_at_the_limit() {
        let s = "{a: ".repeat(50_000);
        assert_eq!(load(&s).unwrap_err().code, "depth-limit");
    }

    #[test]
    fn tabs_may_separate_a_value_from_its_colon() {
        // YAML 1.2 allows tabs as separation (not as indentation); saphyr refuses
        // `key:<TAB>value`, which libyaml, PyYAML and js-yaml read (issue 11).
        for (text, want) in [
            ("a:\tb\n", r#"{"a":"b"}"#),
            ("a:\t1\nb:\t\t-2\n", r#"{"a":1,"b":-2}"#),
            ("a:\n  b:\tc\n  d: e\n", r#"{"a":{"b":"c","d":"e"}}"#),
            (
                "- k:\tv\n- {x:\t1, y:\ttrue}\n",
                r#"[{"k":"v"},{"x":1,"y":true}]"#,
            ),
            ("? a\n:\tb\n", r#"{"a":"b"}"#),
            ("a:\tx\tand\ty\n", r#"{"a":"x\tand\ty"}"#),
            // Both repairs in one file: a tab and a closer at its key's column.
            ("a:\tb\nm: {\n  k:\tv\n}\n", r#"{"a":"b","m":{"k":"v"}}"#),
        ] {
            let n = load(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            let want: serde_json::Value = serde_json::from_str(want).expect("json");
            assert_eq!(n.to_json(), want, "{text:?}");
        }
        // Tabs inside scalars are kept as they are, also next to a repaired one.
        let text = "a:\tb\nd: |\n  x:\ty\nq: \"p:\tq\"\ns: 'r:\ts'\n\"k:\tk\": 1\n";
        let n = load(text).unwrap_or_else(|e| panic!("{e:?}"));
        let want =
            serde_json::json!({"a": "b", "d": "x:\ty\n", "q": "p:\tq", "s": "r:\ts", "k:\tk": 1});
        assert_eq!(n.to_json(), want);
        // Spans stay exact.
        let text = "a:\tvalue\nb:\t2\n";
        let n = load(text).expect("parses");
        let b = n.get("b").expect("b");
        assert_eq!(&text[b.span.offset as usize..][..1], "2");
        // Tabs as indentation stay an error, with the first error reported.
        let e = load("a:\n\tb: 1\n").unwrap_err();
        assert_eq!(e.code, "yaml-syntax");
        let e = load("a:\tb\n c: [\n").unwrap_err();
        assert_eq!(e.code, "yaml-syntax");
        assert!(e.message.starts_with(TAB_SEPARATION), "{}", e.message);
    }
}
