//! Methods and properties of values, answered as the Java classes behind them would:
//! `String`, `Integer`/`Long`/`Double`, `Boolean`, `List`, `Map`, `Map.Entry` and Velocity's
//! `$foreach`. A method that does not exist (or whose arguments do not fit) gives null, so the
//! reference renders as its own text, as in Velocity; an exception Java would throw (an index
//! out of range, a null argument) is a [`crate::RenderError`].
//!
//! String indexes count UTF-16 units, as Java's do.

use std::rc::Rc;

use crate::eval::{list_index, Renderer, R};
use crate::javaregex;
use crate::value::{
    range_at, range_len, ListId, MapId, MapObj, Value, ENTRY_COST, ITEM_COST, OBJECT_COST,
};

impl Renderer<'_> {
    /// `$v.name`: a map's key; otherwise `getName()` or `isName()`.
    pub(crate) fn property(&mut self, v: &Value, name: &str) -> R<Value> {
        if let Value::Map(id) = v {
            let key = Value::str(name);
            let k = self.key_of(&key)?;
            return Ok(self.heap.map(*id).get(k).cloned().unwrap_or(Value::Null));
        }
        let mut cap = String::with_capacity(name.len());
        let mut chars = name.chars();
        if let Some(first) = chars.next() {
            cap.extend(first.to_uppercase());
            cap.push_str(chars.as_str());
        }
        if let Some(r) = self.call(v, &format!("get{cap}"), &[])? {
            return Ok(r);
        }
        Ok(self
            .call(v, &format!("is{cap}"), &[])?
            .unwrap_or(Value::Null))
    }

    /// `$v[i]`: `get(i)` of a list (negative from the end) or `get(k)` of a map.
    pub(crate) fn index(&mut self, v: &Value, i: &Value) -> R<Value> {
        match (v, i) {
            (Value::Map(id), _) => {
                let k = self.key_of(i)?;
                Ok(self.heap.map(*id).get(k).cloned().unwrap_or(Value::Null))
            }
            (Value::List(_) | Value::Range(..), Value::Int(n)) => self.list_get(v, *n),
            _ => Ok(Value::Null),
        }
    }

    fn list_get(&mut self, v: &Value, n: i64) -> R<Value> {
        let len = self.size(v);
        let Some(at) = list_index(n, len) else {
            return self.fail(format!(
                "IndexOutOfBoundsException: index {n} out of bounds for length {len}"
            ));
        };
        Ok(match v {
            Value::List(id) => self
                .heap
                .list(*id)
                .items
                .get(at)
                .cloned()
                .unwrap_or(Value::Null),
            Value::Range(a, b) => Value::Int(range_at(*a, *b, at as u64)),
            _ => Value::Null,
        })
    }

    fn size(&self, v: &Value) -> usize {
        match v {
            Value::List(id) => self.heap.list(*id).items.len(),
            Value::Range(a, b) => usize::try_from(range_len(*a, *b)).unwrap_or(usize::MAX),
            Value::Map(id) => self.heap.map(*id).len(),
            _ => 0,
        }
    }

    /// Calls `name(args)` on `v`; `None` when there is no such method.
    pub(crate) fn call(&mut self, v: &Value, name: &str, args: &[Value]) -> R<Option<Value>> {
        let specific = match v {
            Value::Null => return Ok(None),
            Value::Str(s) => self.string_method(s, name, args)?,
            Value::Int(_) | Value::Float(_) => number_method(v, name, args),
            Value::Bool(b) => match (name, args) {
                ("booleanValue", []) => Some(Value::Bool(*b)),
                _ => None,
            },
            Value::List(id) => self.list_method(*id, name, args)?,
            Value::Range(..) => self.range_method(v, name, args)?,
            Value::Map(id) => self.map_method(*id, name, args)?,
            Value::Entry(e) => match (name, args) {
                ("getKey", []) => Some(e.0.clone()),
                ("getValue", []) => Some(e.1.clone()),
                _ => None,
            },
            Value::Foreach(l) => match (name, args) {
                ("getIndex", []) => Some(Value::Int(l.index as i64)),
                ("getCount", []) => Some(Value::Int(l.index as i64 + 1)),
                ("hasNext" | "getHasNext", []) => Some(Value::Bool(l.has_next)),
                ("isFirst" | "getFirst", []) => Some(Value::Bool(l.index == 0)),
                ("isLast" | "getLast", []) => Some(Value::Bool(!l.has_next)),
                ("getParent", []) => Some(l.parent.clone()),
                _ => None,
            },
            Value::Block(_) => None,
        };
        if specific.is_some() {
            return Ok(specific);
        }
        // What every object has.
        Ok(match (name, args) {
            ("toString", []) => {
                let s = self.display(v)?;
                self.alloc(s.len())?;
                Some(Value::string(s))
            }
            ("equals", [other]) => Some(Value::Bool(self.java_equals(v, other, 0)?)),
            _ => None,
        })
    }

    fn npe<T>(&self, what: &str) -> R<T> {
        self.fail(format!("NullPointerException: null argument to {what}"))
    }

    fn string_method(&mut self, s: &Rc<str>, name: &str, args: &[Value]) -> R<Option<Value>> {
        let text: &str = s;
        // Arguments Java would refuse (wrong type) mean "no such method"; null means an
        // exception once the method is found.
        let str_arg = |i: usize| match args.get(i) {
            Some(Value::Str(a)) => Some(Some(a.clone())),
            Some(Value::Null) => Some(None),
            _ => None,
        };
        let int_arg = |i: usize| match args.get(i) {
            Some(Value::Int(n)) => Some(*n),
            _ => None,
        };
        self.work(text.len())?;
        let result = match (name, args.len()) {
            ("length", 0) => Value::Int(utf16_len(text) as i64),
            ("isEmpty", 0) => Value::Bool(text.is_empty()),
            ("toString" | "intern", 0) => Value::Str(s.clone()),
            ("hashCode", 0) => {
                let mut h: i32 = 0;
                for u in text.encode_utf16() {
                    h = h.wrapping_mul(31).wrapping_add(i32::from(u));
                }
                Value::Int(i64::from(h))
            }
            (
                "contains"
                | "startsWith"
                | "endsWith"
                | "concat"
                | "equalsIgnoreCase"
                | "compareTo"
                | "compareToIgnoreCase",
                1,
            ) => {
                let Some(arg) = str_arg(0) else {
                    return Ok(None);
                };
                let Some(a) = arg else {
                    if name == "equalsIgnoreCase" {
                        return Ok(Some(Value::Bool(false)));
                    }
                    return self.npe(&format!("String.{name}"));
                };
                match name {
                    "contains" => Value::Bool(text.contains(&*a)),
                    "startsWith" => Value::Bool(text.starts_with(&*a)),
                    "endsWith" => Value::Bool(text.ends_with(&*a)),
                    "equalsIgnoreCase" => Value::Bool(
                        utf16_len(text) == utf16_len(&a)
                            && text.chars().zip(a.chars()).all(|(x, y)| {
                                x == y
                                    || x.to_uppercase().eq(y.to_uppercase())
                                    || x.to_lowercase().eq(y.to_lowercase())
                            }),
                    ),
                    "compareTo" => Value::Int(compare_utf16(text, &a, false)),
                    "compareToIgnoreCase" => Value::Int(compare_utf16(text, &a, true)),
                    _ => {
                        let joined = format!("{text}{a}");
                        self.alloc(joined.len())?;
                        Value::string(joined)
                    }
                }
            }
            ("startsWith", 2) => {
                let (Some(arg), Some(off)) = (str_arg(0), int_arg(1)) else {
                    return Ok(None);
                };
                let Some(a) = arg else {
                    return self.npe("String.startsWith");
                };
                let at = usize::try_from(off)
                    .ok()
                    .and_then(|o| utf16_to_byte(text, o));
                Value::Bool(at.is_some_and(|b| text[b..].starts_with(&*a)))
            }
            ("indexOf" | "lastIndexOf", 1 | 2) => {
                let from = if args.len() == 2 {
                    let Some(f) = int_arg(1) else { return Ok(None) };
                    Some(f)
                } else {
                    None
                };
                let needle: String = match args.first() {
                    Some(Value::Str(a)) => a.to_string(),
                    Some(Value::Int(c)) => match u32::try_from(*c).ok().and_then(char::from_u32) {
                        Some(ch) => ch.to_string(),
                        None => return Ok(Some(Value::Int(-1))),
                    },
                    Some(Value::Null) => return self.npe(&format!("String.{name}")),
                    _ => return Ok(None),
                };
                Value::Int(index_of(text, &needle, from, name == "lastIndexOf"))
            }
            ("substring", 1 | 2) => {
                let len = utf16_len(text) as i64;
                let Some(b) = int_arg(0) else { return Ok(None) };
                let e = if args.len() == 2 {
                    let Some(e) = int_arg(1) else { return Ok(None) };
                    e
                } else {
                    len
                };
                if b < 0 || e > len || b > e {
                    return self.fail(format!(
                        "StringIndexOutOfBoundsException: begin {b}, end {e}, length {len}"
                    ));
                }
                let (Some(bb), Some(eb)) = (
                    utf16_to_byte(text, b as usize),
                    utf16_to_byte(text, e as usize),
                ) else {
                    return Ok(None);
                };
                Value::str(&text[bb..eb.max(bb)])
            }
            ("charAt", 1) => {
                let Some(i) = int_arg(0) else { return Ok(None) };
                let unit = usize::try_from(i)
                    .ok()
                    .and_then(|i| text.encode_utf16().nth(i));
                let Some(unit) = unit else {
                    return self.fail(format!("StringIndexOutOfBoundsException: index {i}"));
                };
                Value::string(
                    char::from_u32(u32::from(unit))
                        .unwrap_or('\u{FFFD}')
                        .to_string(),
                )
            }
            ("toLowerCase", 0) => Value::string(text.to_lowercase()),
            ("toUpperCase", 0) => Value::string(text.to_uppercase()),
            ("trim", 0) => Value::str(text.trim_matches(|c: char| c <= ' ')),
            ("replace", 2) => {
                let (Some(a), Some(b)) = (str_arg(0), str_arg(1)) else {
                    return Ok(None);
                };
                let (Some(a), Some(b)) = (a, b) else {
                    return self.npe("String.replace");
                };
                let count = if a.is_empty() {
                    utf16_len(text) + 1
                } else {
                    text.matches(&*a).count()
                };
                let estimate = text.len().saturating_add(count.saturating_mul(b.len()));
                if estimate > self.max_output {
                    return self.fail(format!(
                        "a string exceeds {} bytes (Limits::max_output_bytes)",
                        self.max_output
                    ));
                }
                self.alloc(estimate)?;
                Value::string(text.replace(&*a, &b))
            }
            ("replaceAll" | "replaceFirst", 2) => {
                let (Some(p), Some(r)) = (str_arg(0), str_arg(1)) else {
                    return Ok(None);
                };
                let (Some(p), Some(r)) = (p, r) else {
                    return self.npe(&format!("String.{name}"));
                };
                let re = self.regex(&p, false)?;
                let (out, count) = match javaregex::replace(
                    &re,
                    text,
                    &r,
                    name == "replaceAll",
                    self.max_output,
                ) {
                    Ok(o) => o,
                    Err(e) => return self.fail(format!("{name}: {e} (Limits::max_output_bytes)")),
                };
                self.step(count as u64)?;
                self.alloc(out.len())?;
                Value::string(out)
            }
            ("matches", 1) => {
                let Some(p) = str_arg(0) else { return Ok(None) };
                let Some(p) = p else {
                    return self.npe("String.matches");
                };
                let re = self.regex(&p, true)?;
                Value::Bool(re.is_match(text))
            }
            ("split", 1 | 2) => {
                let Some(p) = str_arg(0) else { return Ok(None) };
                let Some(p) = p else {
                    return self.npe("String.split");
                };
                let limit = if args.len() == 2 {
                    let Some(l) = int_arg(1) else { return Ok(None) };
                    l
                } else {
                    0
                };
                let re = self.regex(&p, false)?;
                let max_parts = usize::try_from(self.steps_left())
                    .unwrap_or(usize::MAX)
                    .min(1 << 20);
                let parts = match javaregex::split(&re, text, limit, max_parts) {
                    Ok(p) => p,
                    Err(e) => return self.fail(format!("split: {e} (Limits::max_steps)")),
                };
                self.step(parts.len() as u64)?;
                self.alloc(text.len() + ITEM_COST * parts.len() + OBJECT_COST)?;
                let items = parts.into_iter().map(Value::string).collect();
                Value::List(self.heap.new_list(items, false))
            }
            _ => return Ok(None),
        };
        if let Value::Str(out) = &result {
            if !Rc::ptr_eq(out, s) {
                self.alloc(out.len())?;
            }
        }
        Ok(Some(result))
    }

    fn list_method(&mut self, id: ListId, name: &str, args: &[Value]) -> R<Option<Value>> {
        let len = self.heap.list(id).items.len();
        let result = match (name, args) {
            ("size", []) => Value::Int(len as i64),
            ("isEmpty", []) => Value::Bool(len == 0),
            ("get", [Value::Int(i)]) => {
                let Some(at) = usize::try_from(*i).ok().filter(|&at| at < len) else {
                    return self.fail(format!(
                        "IndexOutOfBoundsException: index {i} out of bounds for length {len}"
                    ));
                };
                self.heap
                    .list(id)
                    .items
                    .get(at)
                    .cloned()
                    .unwrap_or(Value::Null)
            }
            ("contains" | "indexOf" | "lastIndexOf", [x]) => {
                let items = self.heap.list(id).items.clone();
                let mut found = -1i64;
                let order: Box<dyn Iterator<Item = usize>> = if name == "lastIndexOf" {
                    Box::new((0..len).rev())
                } else {
                    Box::new(0..len)
                };
                for i in order {
                    if self.java_equals(&items[i], x, 0)? {
                        found = i as i64;
                        break;
                    }
                }
                if name == "contains" {
                    Value::Bool(found >= 0)
                } else {
                    Value::Int(found)
                }
            }
            ("add", [x]) => {
                self.alloc(ITEM_COST)?;
                self.heap.list_mut(id).items.push(x.clone());
                Value::Bool(true)
            }
            ("add", [Value::Int(i), x]) => {
                let Some(at) = usize::try_from(*i).ok().filter(|&at| at <= len) else {
                    return self.fail(format!("IndexOutOfBoundsException: index {i}, size {len}"));
                };
                self.alloc(ITEM_COST)?;
                self.work(len)?;
                self.heap.list_mut(id).items.insert(at, x.clone());
                Value::str("")
            }
            ("set", [Value::Int(i), x]) => {
                let Some(at) = usize::try_from(*i).ok().filter(|&at| at < len) else {
                    return self.fail(format!(
                        "IndexOutOfBoundsException: index {i} out of bounds for length {len}"
                    ));
                };
                std::mem::replace(&mut self.heap.list_mut(id).items[at], x.clone())
            }
            ("remove", [Value::Int(i)]) => {
                let Some(at) = usize::try_from(*i).ok().filter(|&at| at < len) else {
                    return self.fail(format!(
                        "IndexOutOfBoundsException: index {i} out of bounds for length {len}"
                    ));
                };
                self.work(len)?;
                self.heap.list_mut(id).items.remove(at)
            }
            ("remove", [x]) => {
                let items = self.heap.list(id).items.clone();
                let mut removed = false;
                for (i, item) in items.iter().enumerate() {
                    if self.java_equals(item, x, 0)? {
                        self.heap.list_mut(id).items.remove(i);
                        removed = true;
                        break;
                    }
                }
                Value::Bool(removed)
            }
            ("addAll", [other @ (Value::List(_) | Value::Range(..))]) => {
                let items = self.elements(other)?;
                self.alloc(ITEM_COST * items.len())?;
                let added = !items.is_empty();
                self.heap.list_mut(id).items.extend(items);
                Value::Bool(added)
            }
            ("clear", []) => {
                self.heap.list_mut(id).items.clear();
                Value::str("")
            }
            ("subList", [Value::Int(a), Value::Int(b)]) => {
                let (Ok(a), Ok(b)) = (usize::try_from(*a), usize::try_from(*b)) else {
                    return self.fail(format!(
                        "IndexOutOfBoundsException: subList({a}, {b}) of size {len}"
                    ));
                };
                if a > b || b > len {
                    return self.fail(format!(
                        "IndexOutOfBoundsException: subList({a}, {b}) of size {len}"
                    ));
                }
                self.alloc(ITEM_COST * (b - a) + OBJECT_COST)?;
                let items = self.heap.list(id).items[a..b].to_vec();
                Value::List(self.heap.new_list(items, false))
            }
            _ => return Ok(None),
        };
        Ok(Some(result))
    }

    /// A range too long to build answers the read-only methods of a list.
    fn range_method(&mut self, v: &Value, name: &str, args: &[Value]) -> R<Option<Value>> {
        let Value::Range(a, b) = *v else {
            return Ok(None);
        };
        let len = range_len(a, b);
        Ok(Some(match (name, args) {
            ("size", []) => Value::Int(i64::try_from(len).unwrap_or(i64::MAX)),
            ("isEmpty", []) => Value::Bool(false),
            ("get", [Value::Int(i)]) => {
                if *i < 0 || (*i as u64) >= len {
                    return self.fail(format!(
                        "IndexOutOfBoundsException: index {i} out of bounds for length {len}"
                    ));
                }
                Value::Int(range_at(a, b, *i as u64))
            }
            ("contains" | "indexOf", [Value::Int(x)]) => {
                let (lo, hi) = (a.min(b), a.max(b));
                let inside = (lo..=hi).contains(x);
                if name == "contains" {
                    Value::Bool(inside)
                } else if inside {
                    Value::Int(i64::try_from(a.abs_diff(*x)).unwrap_or(i64::MAX))
                } else {
                    Value::Int(-1)
                }
            }
            ("add" | "set" | "remove" | "clear" | "addAll", _) => {
                return self.fail(format!(
                    "a range of more than 1000 elements cannot be changed ({name})"
                ));
            }
            _ => return Ok(None),
        }))
    }

    fn map_method(&mut self, id: MapId, name: &str, args: &[Value]) -> R<Option<Value>> {
        let len = self.heap.map(id).len();
        let result = match (name, args) {
            ("get", [k]) => {
                let hk = self.key_of(k)?;
                self.heap.map(id).get(hk).cloned().unwrap_or(Value::Null)
            }
            ("getOrDefault", [k, d]) => {
                let hk = self.key_of(k)?;
                self.heap
                    .map(id)
                    .get(hk)
                    .cloned()
                    .unwrap_or_else(|| d.clone())
            }
            ("containsKey", [k]) => {
                let hk = self.key_of(k)?;
                Value::Bool(self.heap.map(id).position(hk).is_some())
            }
            ("containsValue", [x]) => {
                let vals = self.heap.map(id).vals.clone();
                let mut found = false;
                for v in &vals {
                    if self.java_equals(v, x, 0)? {
                        found = true;
                        break;
                    }
                }
                Value::Bool(found)
            }
            ("put", [k, v]) => {
                let hk = self.key_of(k)?;
                self.alloc(ENTRY_COST)?;
                self.heap
                    .map_mut(id)
                    .put(hk, k.clone(), v.clone())
                    .unwrap_or(Value::Null)
            }
            ("putIfAbsent", [k, v]) => {
                let hk = self.key_of(k)?;
                match self.heap.map(id).get(hk.clone()).cloned() {
                    Some(old) if !old.is_null() => old,
                    _ => {
                        self.alloc(ENTRY_COST)?;
                        self.heap.map_mut(id).put(hk, k.clone(), v.clone());
                        Value::Null
                    }
                }
            }
            ("putAll", [Value::Map(other)]) => {
                let other = self.heap.map(*other);
                let pairs: Vec<(Value, Value)> = other
                    .keys
                    .iter()
                    .cloned()
                    .zip(other.vals.iter().cloned())
                    .collect();
                self.alloc(ENTRY_COST * pairs.len())?;
                for (k, v) in pairs {
                    let hk = self.key_of(&k)?;
                    self.heap.map_mut(id).put(hk, k, v);
                }
                Value::str("")
            }
            ("remove", [k]) => {
                let hk = self.key_of(k)?;
                self.work(len)?;
                self.heap.map_mut(id).remove(hk).unwrap_or(Value::Null)
            }
            ("size", []) => Value::Int(len as i64),
            ("isEmpty", []) => Value::Bool(len == 0),
            ("clear", []) => {
                self.heap.map_mut(id).clear();
                Value::str("")
            }
            ("keySet" | "values" | "entrySet", []) => {
                self.alloc(ITEM_COST * len + OBJECT_COST)?;
                let m = self.heap.map(id);
                let items: Vec<Value> = match name {
                    "keySet" => m.keys.clone(),
                    "values" => m.vals.clone(),
                    _ => m
                        .keys
                        .iter()
                        .zip(&m.vals)
                        .map(|(k, v)| Value::Entry(Rc::new((k.clone(), v.clone()))))
                        .collect(),
                };
                Value::List(self.heap.new_list(items, false))
            }
            _ => return Ok(None),
        };
        Ok(Some(result))
    }

    /// A fresh, empty map in the heap.
    pub(crate) fn new_map(&mut self, case_insensitive: bool) -> MapId {
        self.heap.new_map(MapObj::new(case_insensitive))
    }
}

fn number_method(v: &Value, name: &str, args: &[Value]) -> Option<Value> {
    let f = match v {
        Value::Int(n) => *n as f64,
        Value::Float(f) => *f,
        _ => return None,
    };
    Some(match (name, args) {
        ("intValue" | "longValue", []) => match v {
            Value::Int(n) if name == "longValue" => Value::Int(*n),
            Value::Int(n) => Value::Int(i64::from(*n as i32)),
            // Java's narrowing: NaN is 0, out of range saturates.
            _ if name == "intValue" => Value::Int(i64::from(f as i32)),
            _ => Value::Int(f as i64),
        },
        ("doubleValue" | "floatValue", []) => Value::Float(f),
        ("isNaN", []) if matches!(v, Value::Float(_)) => Value::Bool(f.is_nan()),
        ("isInfinite", []) if matches!(v, Value::Float(_)) => Value::Bool(f.is_infinite()),
        ("compareTo", [other]) => match (v, other) {
            (Value::Int(a), Value::Int(b)) => Value::Int(a.cmp(b) as i64),
            (Value::Float(a), Value::Float(b)) => Value::Int(a.total_cmp(b) as i64),
            _ => return None,
        },
        _ => return None,
    })
}

/// The length of `s` in UTF-16 units.
pub(crate) fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    }
}

/// The byte offset of UTF-16 unit `i` of `s` (a unit inside a surrogate pair rounds down).
fn utf16_to_byte(s: &str, i: usize) -> Option<usize> {
    if s.is_ascii() {
        return (i <= s.len()).then_some(i);
    }
    let mut units = 0;
    for (b, c) in s.char_indices() {
        if units >= i {
            return Some(b);
        }
        units += c.len_utf16();
        if units > i {
            return Some(b);
        }
    }
    (units >= i).then_some(s.len())
}

fn byte_to_utf16(s: &str, b: usize) -> usize {
    utf16_len(&s[..b])
}

/// `indexOf` / `lastIndexOf`, in UTF-16 units, from `from` when given.
fn index_of(s: &str, needle: &str, from: Option<i64>, last: bool) -> i64 {
    let len = utf16_len(s) as i64;
    if last {
        let from = from.unwrap_or(len).min(len);
        if from < 0 {
            return -1;
        }
        let limit = utf16_to_byte(s, from as usize).unwrap_or(s.len());
        let end = (limit + needle.len()).min(s.len());
        let mut end = end;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end]
            .rfind(needle)
            .map_or(-1, |b| byte_to_utf16(s, b) as i64)
    } else {
        let from = from.unwrap_or(0).max(0);
        if from > len {
            return if needle.is_empty() { len } else { -1 };
        }
        let start = utf16_to_byte(s, from as usize).unwrap_or(s.len());
        s[start..]
            .find(needle)
            .map_or(-1, |b| byte_to_utf16(s, start + b) as i64)
    }
}

/// `String.compareTo`: the difference of the first differing UTF-16 units, else of lengths.
fn compare_utf16(a: &str, b: &str, ignore_case: bool) -> i64 {
    let fold = |s: &str| -> Vec<u16> {
        if ignore_case {
            s.chars()
                .flat_map(char::to_lowercase)
                .collect::<String>()
                .encode_utf16()
                .collect()
        } else {
            s.encode_utf16().collect()
        }
    };
    let (x, y) = (fold(a), fold(b));
    for (p, q) in x.iter().zip(&y) {
        if p != q {
            return i64::from(*p) - i64::from(*q);
        }
    }
    x.len() as i64 - y.len() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_indexes() {
        assert_eq!(utf16_len("a😀b"), 4);
        assert_eq!(index_of("a😀b", "b", None, false), 3);
        assert_eq!(index_of("abcabc", "c", None, true), 5);
        assert_eq!(index_of("abcabc", "c", Some(4), true), 2);
        assert_eq!(index_of("abc", "", Some(9), false), 3);
        assert_eq!(compare_utf16("a", "b", false), -1);
        assert_eq!(compare_utf16("ab", "a", false), 1);
    }
}
