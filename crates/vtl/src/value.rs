//! Values as a template sees them, modelled on the Java objects API Gateway hands to Velocity:
//! strings, numbers (Integer/Long as `Int`, Double as `Float`), booleans, lists and maps.
//!
//! Lists and maps live in a [`Heap`] owned by one rendering and are shared by handle, so that
//! `#set($body = $input.path('$'))` followed by `#set($body.url = …)` changes what
//! `$input.json('$')` prints, as in Java. Nothing outlives the rendering, so a map that
//! contains itself cannot leak.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use crate::ast::Node;

/// What the allocation budget counts for one list element (a value and its slot).
pub(crate) const ITEM_COST: usize = 32;
/// What it counts for one map entry (key, value and index).
pub(crate) const ENTRY_COST: usize = 96;
/// What it counts for a new list or map, empty.
pub(crate) const OBJECT_COST: usize = 128;

/// A handle to a list of the heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct ListId(pub(crate) usize);

/// A handle to a map of the heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct MapId(pub(crate) usize);

#[derive(Clone, Debug)]
pub(crate) enum Value {
    /// Java's null: an undefined variable, a missing key, a method that does not exist.
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    List(ListId),
    Map(MapId),
    /// `[a..b]` too long to build: read-only, computed on demand.
    Range(i64, i64),
    /// A `Map.Entry` from `entrySet()`: key and value.
    Entry(Rc<(Value, Value)>),
    /// `$foreach` inside a loop.
    Foreach(Rc<Loop>),
    /// A `#define` block, rendered where it is used.
    Block(Arc<Vec<Node>>),
}

/// What `$foreach` knows about its loop.
#[derive(Debug)]
pub(crate) struct Loop {
    pub(crate) index: usize,
    pub(crate) has_next: bool,
    pub(crate) parent: Value,
}

impl Value {
    pub(crate) fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub(crate) fn string(s: String) -> Value {
        Value::Str(Rc::from(s))
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Velocity 1.7's truth: null and `false` are false, everything else (empty strings and
    /// lists included) is true.
    pub(crate) fn truthy(&self) -> bool {
        !matches!(self, Value::Null | Value::Bool(false))
    }
}

/// The number of elements of `[a..b]`.
pub(crate) fn range_len(a: i64, b: i64) -> u64 {
    a.abs_diff(b).saturating_add(1)
}

/// The element at `i` of `[a..b]` (`i` below [`range_len`]).
pub(crate) fn range_at(a: i64, b: i64, i: u64) -> i64 {
    let i = i as i128;
    let v = if a <= b { a as i128 + i } else { a as i128 - i };
    v as i64
}

/// A list: Velocity's own (`ArrayList`, shown as `[a, b]`) or one read from JSON
/// (json-smart's `JSONArray`, shown as JSON).
#[derive(Debug, Default)]
pub(crate) struct ListObj {
    pub(crate) items: Vec<Value>,
    pub(crate) json: bool,
}

/// How a map finds a key: scalars by value, strings by their text (folded to lower case in a
/// case-insensitive map, the one of request headers).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Null,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(Rc<str>),
}

/// An insertion-ordered map.
#[derive(Debug, Default)]
pub(crate) struct MapObj {
    pub(crate) keys: Vec<Value>,
    pub(crate) vals: Vec<Value>,
    index: HashMap<Key, usize>,
    /// Header maps: keys compare without case.
    pub(crate) case_insensitive: bool,
}

impl MapObj {
    pub(crate) fn new(case_insensitive: bool) -> MapObj {
        MapObj {
            case_insensitive,
            ..MapObj::default()
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    fn fold(&self, key: Key) -> Key {
        match key {
            Key::Str(s) if self.case_insensitive && s.chars().any(|c| c.is_ascii_uppercase()) => {
                Key::Str(Rc::from(s.to_ascii_lowercase()))
            }
            k => k,
        }
    }

    pub(crate) fn position(&self, key: Key) -> Option<usize> {
        self.index.get(&self.fold(key)).copied()
    }

    pub(crate) fn get(&self, key: Key) -> Option<&Value> {
        self.position(key).and_then(|i| self.vals.get(i))
    }

    /// Sets `key`, returning the value it replaced.
    pub(crate) fn put(&mut self, key: Key, shown: Value, value: Value) -> Option<Value> {
        let key = self.fold(key);
        if let Some(&i) = self.index.get(&key) {
            return self
                .vals
                .get_mut(i)
                .map(|slot| std::mem::replace(slot, value));
        }
        self.index.insert(key, self.keys.len());
        self.keys.push(shown);
        self.vals.push(value);
        None
    }

    pub(crate) fn remove(&mut self, key: Key) -> Option<Value> {
        let key = self.fold(key);
        let i = self.index.remove(&key)?;
        self.keys.remove(i);
        let old = self.vals.remove(i);
        for slot in self.index.values_mut() {
            if *slot > i {
                *slot -= 1;
            }
        }
        Some(old)
    }

    pub(crate) fn clear(&mut self) {
        self.keys.clear();
        self.vals.clear();
        self.index.clear();
    }
}

/// Every list and map of one rendering.
#[derive(Debug, Default)]
pub(crate) struct Heap {
    pub(crate) lists: Vec<ListObj>,
    pub(crate) maps: Vec<MapObj>,
}

impl Heap {
    pub(crate) fn new_list(&mut self, items: Vec<Value>, json: bool) -> ListId {
        self.lists.push(ListObj { items, json });
        ListId(self.lists.len() - 1)
    }

    pub(crate) fn new_map(&mut self, map: MapObj) -> MapId {
        self.maps.push(map);
        MapId(self.maps.len() - 1)
    }

    pub(crate) fn list(&self, id: ListId) -> &ListObj {
        &self.lists[id.0]
    }

    pub(crate) fn list_mut(&mut self, id: ListId) -> &mut ListObj {
        &mut self.lists[id.0]
    }

    pub(crate) fn map(&self, id: MapId) -> &MapObj {
        &self.maps[id.0]
    }

    pub(crate) fn map_mut(&mut self, id: MapId) -> &mut MapObj {
        &mut self.maps[id.0]
    }
}
