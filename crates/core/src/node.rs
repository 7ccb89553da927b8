//! The document tree: JSON values that keep key order, number literals and a span per node.

pub use crate::compact::Str;
use crate::source::Span;

/// A JSON value with the span of the text it was read from.
#[derive(Clone, Debug)]
pub struct Node {
    /// Where the value starts in its file.
    pub span: Span,
    /// The value.
    pub value: Value,
}

/// A JSON value. Numbers keep their literal text so that nothing is rounded or overflowed.
#[derive(Clone, Debug)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as a JSON number literal (YAML numbers are normalized to JSON syntax).
    Number(Str),
    /// A string.
    String(Str),
    /// An array.
    Array(Vec<Node>),
    /// An object with its keys in document order.
    Object(Map),
}

/// One key of an object, with the span of the key itself.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The key.
    pub key: Str,
    /// Where the key stands.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// An object: entries in document order, keys unique.
#[derive(Clone, Debug, Default)]
pub struct Map {
    /// The entries.
    pub entries: Vec<Entry>,
}

impl Map {
    /// The value of `key`, if present.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries
            .iter()
            .find(|e| e.key.is(key))
            .map(|e| &e.value)
    }

    /// The entry of `key`, if present.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key.is(key))
    }

    /// Mutable value of `key`, if present.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.entries
            .iter_mut()
            .find(|e| e.key.is(key))
            .map(|e| &mut e.value)
    }

    /// Removes `key` and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Node> {
        let i = self.entries.iter().position(|e| e.key.is(key))?;
        Some(self.entries.remove(i).value)
    }

    /// Sets `key` to `value`, replacing an existing value in place or appending.
    pub fn insert(&mut self, key: &str, value: Node) {
        if let Some(v) = self.get_mut(key) {
            *v = value;
        } else {
            self.entries.push(Entry {
                key: key.into(),
                key_span: value.span,
                value,
            });
        }
    }

    /// The object under `key`, created empty (at `span`) when missing or not an object.
    pub fn object_entry(&mut self, key: &str, span: Span) -> &mut Map {
        if !matches!(self.get(key).map(|n| &n.value), Some(Value::Object(_))) {
            self.insert(key, Node::object(span));
        }
        let i = self.entries.iter().position(|e| e.key.is(key)).unwrap_or(0);
        match &mut self.entries[i].value.value {
            Value::Object(m) => m,
            // Just made sure it is an object.
            _ => unreachable!("object_entry inserted an object"),
        }
    }

    /// Whether `key` is present.
    #[must_use]
    pub fn contains(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key.is(key))
    }

    /// Iterates over keys and values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.entries.iter().map(|e| (&*e.key, &e.value))
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the object is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Node {
    /// A node with a value and a span.
    #[must_use]
    pub fn new(value: Value, span: Span) -> Self {
        Self { span, value }
    }

    /// A string node.
    #[must_use]
    pub fn string(s: &str, span: Span) -> Self {
        Self::new(Value::String(s.into()), span)
    }

    /// An empty object node.
    #[must_use]
    pub fn object(span: Span) -> Self {
        Self::new(Value::Object(Map::default()), span)
    }

    /// The object, if this is one.
    #[must_use]
    pub fn as_object(&self) -> Option<&Map> {
        match &self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The mutable object, if this is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match &mut self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The array, if this is one.
    #[must_use]
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The string, if this is one.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// Member `key` of an object.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?.get(key)
    }

    /// The `$ref` string of a Reference Object, if this node is one.
    #[must_use]
    pub fn ref_str(&self) -> Option<&str> {
        self.get("$ref")?.as_str()
    }

    /// The node at a JSON pointer (already split into unescaped tokens).
    #[must_use]
    pub fn pointer_tokens<'a, I: IntoIterator<Item = &'a str>>(&self, tokens: I) -> Option<&Node> {
        let mut cur = self;
        for t in tokens {
            cur = match &cur.value {
                Value::Object(m) => m.get(t)?,
                Value::Array(a) => a.get(parse_index(t)?)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// The node at an RFC 6901 JSON pointer such as `/paths/~1pets`.
    #[must_use]
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let tokens: Vec<String> = rest.split('/').map(unescape_token).collect();
        self.pointer_tokens(tokens.iter().map(String::as_str))
    }

    /// Mutable node at a pointer given as tokens.
    pub fn pointer_tokens_mut(&mut self, tokens: &[String]) -> Option<&mut Node> {
        let mut cur = self;
        for t in tokens {
            cur = match &mut cur.value {
                Value::Object(m) => m.get_mut(t)?,
                Value::Array(a) => a.get_mut(parse_index(t)?)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// A short name of the value's JSON type, for messages.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// Whether two trees hold the same data: same keys in the same order, same literals.
    /// Spans are ignored.
    #[must_use]
    pub fn same_as(&self, other: &Node) -> bool {
        match (&self.value, &other.value) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) | (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_as(y))
            }
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.entries
                        .iter()
                        .zip(&b.entries)
                        .all(|(x, y)| x.key == y.key && x.value.same_as(&y.value))
            }
            _ => false,
        }
    }

    /// Converts to a `serde_json::Value` (numbers beyond `f64` become the nearest float).
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => number_to_json(n),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(a) => serde_json::Value::Array(a.iter().map(Node::to_json).collect()),
            Value::Object(m) => serde_json::Value::Object(
                m.entries
                    .iter()
                    .map(|e| (e.key.to_string(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// Builds a tree from a `serde_json::Value`, every node at `span`.
    #[must_use]
    pub fn from_json(v: &serde_json::Value, span: Span) -> Node {
        let value = match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.to_string().into()),
            serde_json::Value::String(s) => Value::String(s.as_str().into()),
            serde_json::Value::Array(a) => {
                Value::Array(a.iter().map(|x| Node::from_json(x, span)).collect())
            }
            serde_json::Value::Object(m) => Value::Object(Map {
                entries: m
                    .iter()
                    .map(|(k, x)| Entry {
                        key: k.as_str().into(),
                        key_span: span,
                        value: Node::from_json(x, span),
                    })
                    .collect(),
            }),
        };
        Node::new(value, span)
    }

    /// Number of nodes in the tree (this one included).
    #[must_use]
    pub fn count(&self) -> usize {
        1 + match &self.value {
            Value::Array(a) => a.iter().map(Node::count).sum(),
            Value::Object(m) => m.entries.iter().map(|e| e.value.count()).sum(),
            _ => 0,
        }
    }
}

fn number_to_json(literal: &str) -> serde_json::Value {
    if let Ok(i) = literal.parse::<i64>() {
        return serde_json::Value::from(i);
    }
    if let Ok(u) = literal.parse::<u64>() {
        return serde_json::Value::from(u);
    }
    match literal_f64(literal) {
        Some(f) if f.is_finite() => serde_json::Value::from(f),
        Some(f) if f > 0.0 => serde_json::Value::from(f64::MAX),
        Some(_) => serde_json::Value::from(f64::MIN),
        None => serde_json::Value::Null,
    }
}

/// A number literal as a double. One too small for f64 (`1e-400`) is not zero: it reads as
/// the smallest positive double with its sign, so `multipleOf: 1e-400` stays "greater than 0".
pub(crate) fn literal_f64(literal: &str) -> Option<f64> {
    let f = literal.parse::<f64>().ok()?;
    if f == 0.0 && nonzero_mantissa(literal) {
        let tiny = f64::from_bits(1);
        return Some(if literal.starts_with('-') {
            -tiny
        } else {
            tiny
        });
    }
    Some(f)
}

/// Whether a number literal's digits before its exponent are not all zero.
fn nonzero_mantissa(literal: &str) -> bool {
    literal
        .split(['e', 'E'])
        .next()
        .is_some_and(|m| m.bytes().any(|b| (b'1'..=b'9').contains(&b)))
}

fn parse_index(t: &str) -> Option<usize> {
    if t.len() > 1 && t.starts_with('0') {
        return None;
    }
    t.parse().ok()
}

/// Escapes one JSON pointer token (`~` to `~0`, `/` to `~1`).
#[must_use]
pub fn escape_token(t: &str) -> String {
    if t.contains(['~', '/']) {
        t.replace('~', "~0").replace('/', "~1")
    } else {
        t.to_string()
    }
}

/// Unescapes one JSON pointer token.
#[must_use]
pub fn unescape_token(t: &str) -> String {
    if t.contains('~') {
        t.replace("~1", "/").replace("~0", "~")
    } else {
        t.to_string()
    }
}

/// Joins a pointer and a token.
#[must_use]
pub fn join(pointer: &str, token: &str) -> String {
    let mut s = String::with_capacity(pointer.len() + token.len() + 1);
    s.push_str(pointer);
    push_token(&mut s, token);
    s
}

/// Appends `/` and the escaped `token` to a pointer being built.
pub(crate) fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        for c in token.chars() {
            match c {
                '~' => pointer.push_str("~0"),
                '/' => pointer.push_str("~1"),
                c => pointer.push(c),
            }
        }
    } else {
        pointer.push_str(token);
    }
}

/// Resolves many JSON pointers in one tree: large objects are indexed on first use, so that a
/// document with tens of thousands of components resolves each reference in constant time.
pub struct PointerIndex<'a> {
    maps: std::cell::RefCell<
        std::collections::HashMap<*const Map, std::collections::HashMap<&'a str, usize>>,
    >,
    root: &'a Node,
}

impl<'a> PointerIndex<'a> {
    /// An index over `root`.
    #[must_use]
    pub fn new(root: &'a Node) -> Self {
        Self {
            maps: std::cell::RefCell::default(),
            root,
        }
    }

    /// The node at the pointer given as unescaped tokens.
    #[must_use]
    pub fn get<'t, I: IntoIterator<Item = &'t str>>(&self, tokens: I) -> Option<&'a Node> {
        let mut cur = self.root;
        for t in tokens {
            cur = match &cur.value {
                Value::Object(m) if m.entries.len() > 16 => {
                    let mut maps = self.maps.borrow_mut();
                    let index = maps.entry(std::ptr::from_ref(m)).or_insert_with(|| {
                        m.entries
                            .iter()
                            .enumerate()
                            .map(|(i, e)| (&*e.key, i))
                            .collect()
                    });
                    &m.entries[*index.get(t)?].value
                }
                Value::Object(m) => m.get(t)?,
                Value::Array(a) => a.get(parse_index(t)?)?,
                _ => return None,
            };
        }
        Some(cur)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes() {
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
        assert_eq!(unescape_token("a~1b~0c"), "a/b~c");
        assert_eq!(unescape_token("~01"), "~1");
        assert_eq!(join("/paths", "/pets/{id}"), "/paths/~1pets~1{id}");
    }
}
