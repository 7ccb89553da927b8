//! The JSONPath subset `$input.json()` and `$input.path()` accept: `$`, `.name`, `['name']`,
//! `[n]` (negative from the end), `[*]`, `.*`, and the deep scan `..name` / `..*`. A path
//! without `$` is read as Jayway JsonPath reads it (`a.b` is `$.a.b`). Filters, slices,
//! unions and functions are refused.

use crate::value::{Heap, Key, Value};

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Child(String),
    Index(i64),
    Wildcard,
    Scan(String),
    ScanAll,
}

/// A parsed path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Path {
    pub(crate) steps: Vec<Step>,
}

impl Path {
    /// A path with no wildcard or deep scan selects at most one node.
    pub(crate) fn definite(&self) -> bool {
        self.steps
            .iter()
            .all(|s| matches!(s, Step::Child(_) | Step::Index(_)))
    }
}

/// What a path selected.
pub(crate) enum Selected {
    /// A definite path: the node, or nothing.
    One(Option<Value>),
    /// An indefinite path: every match, in document order.
    Many(Vec<Value>),
}

pub(crate) fn parse(text: &str) -> Result<Path, String> {
    let t = text.trim();
    let owned;
    let t = if t.starts_with('$') {
        t
    } else if t.starts_with('[') {
        owned = format!("${t}");
        &owned
    } else {
        owned = format!("$.{t}");
        &owned
    };
    let b = t.as_bytes();
    let mut i = 1;
    let mut steps = Vec::new();
    while i < b.len() {
        match b[i] {
            b'.' if b.get(i + 1) == Some(&b'.') => {
                i += 2;
                if b.get(i) == Some(&b'*') {
                    steps.push(Step::ScanAll);
                    i += 1;
                } else if b.get(i) == Some(&b'[') {
                    let (step, next) = bracket(t, i)?;
                    steps.push(match step {
                        Step::Child(n) => Step::Scan(n),
                        Step::Wildcard => Step::ScanAll,
                        _ => return Err("a deep scan takes a name".into()),
                    });
                    i = next;
                } else {
                    let (name, next) = name(t, i)?;
                    steps.push(Step::Scan(name));
                    i = next;
                }
            }
            b'.' => {
                i += 1;
                if b.get(i) == Some(&b'*') {
                    steps.push(Step::Wildcard);
                    i += 1;
                } else {
                    let (name, next) = name(t, i)?;
                    if b.get(next) == Some(&b'(') {
                        return Err(format!("functions such as {name}() are not supported"));
                    }
                    steps.push(Step::Child(name));
                    i = next;
                }
            }
            b'[' => {
                let (step, next) = bracket(t, i)?;
                steps.push(step);
                i = next;
            }
            _ => {
                return Err(format!(
                    "unexpected {:?} at offset {i}",
                    t[i..].chars().next().unwrap_or('?')
                ))
            }
        }
    }
    Ok(Path { steps })
}

fn name(t: &str, i: usize) -> Result<(String, usize), String> {
    let end = t[i..].find(['.', '[']).map_or(t.len(), |p| i + p);
    let n = t[i..end].trim_end();
    if n.is_empty() {
        return Err("a name is missing after '.'".into());
    }
    if n.contains(['(', ')', '?', '@', ']', '\'', '"', ',', '*']) {
        return Err(format!("{n:?} is not a plain member name"));
    }
    Ok((n.to_string(), end))
}

/// `[…]` at `i`: a quoted name, an index or `*`.
fn bracket(t: &str, i: usize) -> Result<(Step, usize), String> {
    let b = t.as_bytes();
    let mut j = i + 1;
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    let step;
    match b.get(j) {
        Some(&q @ (b'\'' | b'"')) => {
            let mut k = j + 1;
            let mut s = String::new();
            loop {
                let Some(c) = t[k..].chars().next() else {
                    return Err("a quoted name without its closing quote".into());
                };
                if c as u32 == u32::from(q) {
                    break;
                }
                if c == '\\' {
                    if let Some(n) = t[k + 1..].chars().next() {
                        s.push(n);
                        k += 1 + n.len_utf8();
                        continue;
                    }
                }
                s.push(c);
                k += c.len_utf8();
            }
            j = k + 1;
            step = Step::Child(s);
        }
        Some(b'*') => {
            j += 1;
            step = Step::Wildcard;
        }
        Some(c) if c.is_ascii_digit() || *c == b'-' => {
            let start = j;
            j += 1;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            let n: i64 = t[start..j]
                .parse()
                .map_err(|_| format!("{:?} is not an index", &t[start..j]))?;
            step = Step::Index(n);
        }
        _ => return Err("filters, slices and unions are not supported".into()),
    }
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    if b.get(j) != Some(&b']') {
        return Err("filters, slices and unions are not supported".into());
    }
    Ok((step, j + 1))
}

/// Applies `path` to `root`. `budget` bounds the nodes a deep scan may visit; it is decreased
/// by the work done, and the selection stops when it runs out.
pub(crate) fn select(path: &Path, root: &Value, heap: &Heap, budget: &mut u64) -> Selected {
    let mut current = vec![root.clone()];
    for step in &path.steps {
        let mut next = Vec::new();
        for node in &current {
            match step {
                Step::Child(n) => {
                    if let Value::Map(id) = node {
                        if let Some(v) = heap.map(*id).get(Key::Str(n.as_str().into())) {
                            next.push(v.clone());
                        }
                    }
                }
                Step::Index(i) => {
                    if let Value::List(id) = node {
                        let items = &heap.list(*id).items;
                        let idx = if *i < 0 { items.len() as i64 + i } else { *i };
                        if let Some(v) = usize::try_from(idx).ok().and_then(|k| items.get(k)) {
                            next.push(v.clone());
                        }
                    }
                }
                Step::Wildcard => children(node, heap, &mut next),
                Step::Scan(_) | Step::ScanAll => {
                    let mut stack = vec![node.clone()];
                    while let Some(n) = stack.pop() {
                        if *budget == 0 {
                            break;
                        }
                        *budget -= 1;
                        match (&n, step) {
                            (Value::Map(id), Step::Scan(name)) => {
                                if let Some(v) = heap.map(*id).get(Key::Str(name.as_str().into())) {
                                    next.push(v.clone());
                                }
                            }
                            (Value::Map(_) | Value::List(_), Step::ScanAll) => {
                                children(&n, heap, &mut next)
                            }
                            _ => {}
                        }
                        let mut kids = Vec::new();
                        children(&n, heap, &mut kids);
                        kids.retain(|k| matches!(k, Value::Map(_) | Value::List(_)));
                        stack.extend(kids.into_iter().rev());
                    }
                }
            }
            *budget = budget.saturating_sub(1);
        }
        current = next;
    }
    if path.definite() {
        Selected::One(current.into_iter().next())
    } else {
        Selected::Many(current)
    }
}

fn children(node: &Value, heap: &Heap, out: &mut Vec<Value>) {
    match node {
        Value::Map(id) => out.extend(heap.map(*id).vals.iter().cloned()),
        Value::List(id) => out.extend(heap.list(*id).items.iter().cloned()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Step};

    #[test]
    fn paths_parse_into_steps() {
        let p = parse("$.a['b c'][0]..d.*[*]").map(|p| p.steps);
        assert_eq!(
            p,
            Ok(vec![
                Step::Child("a".into()),
                Step::Child("b c".into()),
                Step::Index(0),
                Step::Scan("d".into()),
                Step::Wildcard,
                Step::Wildcard,
            ])
        );
        assert_eq!(parse("a.b").map(|p| p.steps.len()), Ok(2));
        assert_eq!(parse("$").map(|p| p.steps.len()), Ok(0));
        assert!(parse("$.a[?(@.b)]").is_err());
        assert!(parse("$.a[0:2]").is_err());
        assert!(parse("$.length()").is_err());
        assert!(parse("$.a['b").is_err());
    }
}
