//! Lets the `jsonschema` crate validate oaskit's tree directly, without copying it into a
//! `serde_json::Value` first (on the GitHub spec that copy took as long as parsing).

use std::borrow::Cow;

use jsonschema::json::{Array, Json, JsonNumber, Node as JNode, NodeIdentity, Object};
use jsonschema::types::JsonType;

use crate::node::{Entry, Map, Node, Value};

/// The `jsonschema` representation for [`Node`] trees.
pub(crate) struct TreeJson;

impl Json for TreeJson {
    type Node<'a> = &'a Node;
    type PreparedKey = String;
    type StringBuffer = Option<Node>;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>(
        buffer: &mut Option<Node>,
        string: &str,
        f: impl FnOnce(&Node) -> T,
    ) -> T {
        let node = buffer.insert(Node::string(string, crate::source::Span::default()));
        f(node)
    }
}

/// A number literal of the tree.
#[derive(Clone, Copy)]
pub(crate) struct Num<'a>(&'a str);

impl JsonNumber for Num<'_> {
    fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    fn as_f64(&self) -> Option<f64> {
        crate::node::literal_f64(self.0)
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        let n = self
            .as_u64()
            .map(serde_json::Number::from)
            .or_else(|| self.as_i64().map(serde_json::Number::from))
            .or_else(|| self.as_f64().and_then(serde_json::Number::from_f64))
            .unwrap_or_else(|| serde_json::Number::from(0));
        Cow::Owned(n)
    }
}

impl<'a> JNode<'a, TreeJson> for &'a Node {
    type Object = &'a Map;
    type Array = &'a [Node];
    type Number = Num<'a>;

    fn as_object(&self) -> Option<&'a Map> {
        match &self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<&'a [Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match &self.value {
            Value::String(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<Num<'a>> {
        match &self.value {
            Value::Number(n) => Some(Num(n)),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    fn json_type(&self) -> JsonType {
        match self.value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    fn to_value(&self) -> Cow<'a, serde_json::Value> {
        Cow::Owned(self.to_json())
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref::<Node>(self) as usize))
    }
}

pub(crate) struct Members<'a>(std::slice::Iter<'a, Entry>);

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, &'a Node);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|e| (&*e.key, &e.value))
    }
}

impl<'a> Object<'a, TreeJson> for &'a Map {
    type Node = &'a Node;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        self.entries.len()
    }

    fn get(&self, key: &String) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|e| &*e.key == key.as_str())
            .map(|e| &e.value)
    }

    fn members(&self) -> Members<'a> {
        Members(self.entries.iter())
    }
}

impl<'a> Array<'a, TreeJson> for &'a [Node] {
    type Node = &'a Node;
    type ElementsIter = std::slice::Iter<'a, Node>;

    fn len(&self) -> usize {
        <[Node]>::len(self)
    }

    fn elements(&self) -> std::slice::Iter<'a, Node> {
        self.iter()
    }
}
