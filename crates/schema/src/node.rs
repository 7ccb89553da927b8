//! The compiled form of a schema: a node per schema object, holding its keywords as steps in
//! the order they are evaluated (cheap assertions first, as `jsonschema` 0.61 orders them).

use std::sync::Arc;

use serde_json::Value;

use crate::format::Format;
use crate::number::Limit;
use crate::TypeSet;

pub(crate) type NodeId = u32;

/// How a subschema is checked in place by `is_valid`, without entering its node (set when
/// compilation links the nodes; the node is still entered to report errors).
#[derive(Clone, Default)]
pub(crate) enum Leaf {
    /// Entered.
    #[default]
    Enter,
    /// The node only checks `type` (the most common leaf): its type set.
    Types(u8),
    /// The node only asserts (no subschema, no dynamic scope): its steps.
    Steps(Arc<[Step]>),
}

/// A subschema of `properties`: its node, and how it is checked in place.
#[derive(Clone)]
pub(crate) struct Child {
    pub(crate) id: NodeId,
    pub(crate) leaf: Leaf,
    /// Whether the sibling `required` names this property (then `is_valid` counts it here).
    pub(crate) required: bool,
}

/// Property names a keyword requires.
pub(crate) type Required = Box<[Box<str>]>;

pub(crate) struct Node {
    /// The JSON pointer of the schema in the document.
    pub(crate) ptr: Box<str>,
    /// `Some` for a boolean schema (`true`/`false`).
    pub(crate) always: Option<bool>,
    /// Shared with the parents that check this node in place ([`Leaf::Steps`]).
    pub(crate) steps: Arc<[Step]>,
    /// Whether the node itself has `unevaluatedProperties`/`unevaluatedItems`.
    pub(crate) uneval: bool,
    /// The URI of the resource this node is the root of, when the document uses `$dynamicRef`
    /// (entering it extends the dynamic scope).
    pub(crate) scope: Option<Box<str>>,
}

/// One keyword of a node.
pub(crate) struct Step {
    /// The keyword, appended to the node's pointer in error locations.
    pub(crate) kw: &'static str,
    pub(crate) check: Check,
}

/// The first 8 bytes of a name, zero-padded, as a big-endian number: compared before the name
/// itself, and ordered as the names are (a smaller head is a smaller name; equal heads say
/// nothing).
#[inline(always)]
pub(crate) fn head(name: &str) -> u64 {
    let b = name.as_bytes();
    if let Some(first) = b.first_chunk::<8>() {
        return u64::from_be_bytes(*first);
    }
    let n = b.len();
    if let (Some(lo), Some(hi)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        // 4 to 7 bytes: two overlapping loads.
        let lo = u64::from(u32::from_be_bytes(*lo)) << 32;
        let hi = u64::from(u32::from_be_bytes(*hi)) << (8 * (8 - n));
        return lo | hi;
    }
    match b {
        [] => 0,
        [a] => u64::from(*a) << 56,
        [a, c] => (u64::from(*a) << 56) | (u64::from(*c) << 48),
        [a, c, d, ..] => (u64::from(*a) << 56) | (u64::from(*c) << 48) | (u64::from(*d) << 40),
    }
}

/// Whether two names of the same head are equal: compares from byte 8 on in 8-byte words, the
/// last one ending at the end (overlapping its predecessor), without a call to `memcmp` (which
/// costs more than the comparison for names this short).
#[inline]
fn tail_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let (Some(la), Some(lb)) = (a.last_chunk::<8>(), b.last_chunk::<8>()) else {
        return a == b;
    };
    if la != lb {
        return false;
    }
    // Words at 8, 16, ... up to the last word: together they cover bytes 8 to the end.
    let mut at = 8;
    while at + 8 < n {
        let (Some(x), Some(y)) = (
            a.get(at..).and_then(<[u8]>::first_chunk::<8>),
            b.get(at..).and_then(<[u8]>::first_chunk::<8>),
        ) else {
            return false;
        };
        if x != y {
            return false;
        }
        at += 8;
    }
    true
}

/// A property name with its length and head, so most mismatches cost two integer compares.
pub(crate) struct Key {
    pub(crate) len: usize,
    pub(crate) head: u64,
    pub(crate) name: Box<str>,
}

impl Key {
    pub(crate) fn new(name: &str) -> Self {
        Self {
            len: name.len(),
            head: head(name),
            name: name.into(),
        }
    }

    /// Whether this is `name`, whose head is `h`.
    #[inline]
    pub(crate) fn is(&self, name: &str, h: u64) -> bool {
        self.len == name.len() && self.head == h && (self.len <= 8 || tail_eq(&self.name, name))
    }
}

/// Names of an object's properties: scanned with the head prefilter when few, found through
/// an open-addressing table (hashed from length and head) when many.
pub(crate) struct Names<T> {
    pub(crate) keys: Box<[Key]>,
    pub(crate) values: Box<[T]>,
    /// Indices into `keys` (`u32::MAX` is empty); a power of two long, at most half full.
    table: Box<[u32]>,
}

/// Up to this many names are scanned linearly.
const SCAN: usize = 8;
const EMPTY: u32 = u32::MAX;

#[inline]
fn slot(len: usize, head: u64, mask: usize) -> usize {
    let h = (head ^ (len as u64).rotate_left(56)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 32) as usize & mask
}

impl<T> Names<T> {
    pub(crate) fn new(mut entries: Vec<(Box<str>, T)>) -> Self {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
        let (keys, values): (Vec<Key>, Vec<T>) =
            entries.into_iter().map(|(k, v)| (Key::new(&k), v)).unzip();
        let mut table = Vec::new();
        if keys.len() > SCAN {
            let size = (keys.len() * 2).next_power_of_two();
            table = vec![EMPTY; size];
            let mask = size - 1;
            for (i, k) in keys.iter().enumerate() {
                let mut s = slot(k.len, k.head, mask);
                while table[s] != EMPTY {
                    s = (s + 1) & mask;
                }
                table[s] = u32::try_from(i).unwrap_or(EMPTY);
            }
        }
        Self {
            keys: keys.into(),
            values: values.into(),
            table: table.into(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether [`Self::seek`] suits an object of `members` members: not when the names are
    /// many more (then a lookup per member costs less than walking past them).
    #[inline]
    pub(crate) fn seekable(&self, members: usize) -> bool {
        self.keys.len() <= 8 * members + 16 && sorted_maps()
    }

    /// `key`, looked up from `*at` on, for the members of an object taken in their (sorted)
    /// order: names below `key` are passed once for all the members, so a whole object costs
    /// one walk of both lists. Only when [`Self::seekable`].
    #[inline(always)]
    pub(crate) fn seek(&self, at: &mut usize, key: &str) -> Option<&T> {
        let h = head(key);
        while let Some(k) = self.keys.get(*at) {
            if k.head < h {
                *at += 1;
                continue;
            }
            if k.head > h {
                return None;
            }
            if k.is(key, h) {
                let i = *at;
                *at += 1;
                return self.values.get(i);
            }
            if *k.name > *key {
                return None;
            }
            *at += 1;
        }
        None
    }

    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<&T> {
        let h = head(key);
        if self.table.is_empty() {
            return self
                .keys
                .iter()
                .position(|k| k.is(key, h))
                .and_then(|i| self.values.get(i));
        }
        let mask = self.table.len() - 1;
        let mut s = slot(key.len(), h, mask);
        loop {
            let i = *self.table.get(s)?;
            if i == EMPTY {
                return None;
            }
            let i = i as usize;
            if self.keys.get(i).is_some_and(|k| k.is(key, h)) {
                return self.values.get(i);
            }
            s = (s + 1) & mask;
        }
    }
}

/// Whether the members of a `serde_json::Map` come in sorted order (they do unless its
/// `preserve_order` feature is on somewhere in the build).
pub(crate) fn sorted_maps() -> bool {
    static SORTED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SORTED.get_or_init(|| {
        let mut m = serde_json::Map::new();
        m.insert("b".to_string(), Value::Null);
        m.insert("a".to_string(), Value::Null);
        m.insert("ab".to_string(), Value::Null);
        m.keys().map(String::as_str).eq(["a", "ab", "b"])
    })
}

/// `required`: the names in the schema's order (errors follow it) and a lookup set.
pub(crate) struct RequiredNames {
    pub(crate) keys: Box<[Key]>,
    set: Names<()>,
}

impl RequiredNames {
    pub(crate) fn new(names: &[Box<str>]) -> Self {
        Self {
            keys: names.iter().map(|n| Key::new(n)).collect(),
            set: Names::new(names.iter().map(|n| (n.clone(), ())).collect()),
        }
    }

    /// Whether every name is a key of `o`: one pass over `o`, unless `o` is much larger.
    #[inline]
    pub(crate) fn all_in(&self, o: &serde_json::Map<String, Value>) -> bool {
        let want = self.set.len();
        if o.len() < want {
            return false;
        }
        if o.len() > 8 * want + 16 {
            return self.keys.iter().all(|r| o.contains_key(&*r.name));
        }
        let mut found = 0;
        for k in o.keys() {
            if self.set.get(k).is_some() {
                found += 1;
            }
        }
        found == want
    }
}

pub(crate) enum Check {
    /// The types, and whether only integer literals are integers (draft 4, as `jsonschema`).
    Type(TypeSet, bool),
    Const(Value),
    /// The options, and whether every option is a string (then only strings are compared).
    Enum {
        options: Value,
        strings: Option<Box<Names<()>>>,
    },
    Minimum(Box<Limit>),
    Maximum(Box<Limit>),
    ExclusiveMinimum(Box<Limit>),
    ExclusiveMaximum(Box<Limit>),
    MultipleOf(Box<Limit>),
    MinLength(u64),
    MaxLength(u64),
    MinItems(u64),
    MaxItems(u64),
    MinProperties(u64),
    MaxProperties(u64),
    /// Deduplicated, in the schema's order. `fused` when every name is also in the sibling
    /// `properties`, which then counts them for `is_valid` (this step only reports errors).
    Required {
        names: RequiredNames,
        fused: bool,
    },
    DependentRequired(Box<[(Box<str>, Required)]>),
    Pattern(crate::regex::Pattern, Box<str>),
    Format(Format, Box<str>),
    UniqueItems,
    /// The subschemas, and how many of them `required` names (counted when `fused`).
    Properties {
        names: Names<Child>,
        required: usize,
    },
    PatternProperties(Box<[(crate::regex::Pattern, NodeId)]>),
    /// The schema, and the names and patterns of its siblings `properties`/`patternProperties`.
    AdditionalProperties {
        node: NodeId,
        is_false: bool,
        names: Box<Names<()>>,
        patterns: Box<[crate::regex::Pattern]>,
    },
    PropertyNames(NodeId),
    PrefixItems(Box<[NodeId]>),
    /// The schema applied to every item from `start` on (`items` after `prefixItems`, draft 4's
    /// `additionalItems`).
    Items {
        node: NodeId,
        start: usize,
        is_false: bool,
        /// How the item schema is checked in place.
        leaf: Leaf,
    },
    Contains {
        node: NodeId,
        min: u64,
        max: Option<u64>,
    },
    DependentSchemas(Box<[(Box<str>, NodeId)]>),
    AllOf(Box<[NodeId]>),
    AnyOf(Box<[NodeId]>),
    OneOf(Box<[NodeId]>),
    Not(NodeId),
    If {
        cond: NodeId,
        then: Option<NodeId>,
        otherwise: Option<NodeId>,
    },
    UnevaluatedProperties {
        node: NodeId,
        is_false: bool,
    },
    UnevaluatedItems {
        node: NodeId,
        is_false: bool,
    },
    Ref(NodeId),
    /// `$dynamicRef`: the statically resolved target, and when that target declares a
    /// `$dynamicAnchor` of the reference's name, every schema of the document declaring that
    /// name with the URI of its resource (the outermost resource of the dynamic scope among
    /// them wins).
    DynamicRef {
        node: NodeId,
        candidates: Box<[(Box<str>, NodeId)]>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names over a small alphabet (with NUL and a two-byte character), lengths 0 to 20.
    fn names() -> Vec<String> {
        let alphabet = ['\u{0}', 'a', 'b', 'z', 'é'];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..3000)
            .map(|_| {
                let len = next() % 21;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn heads_order_names_and_keys_compare_them() {
        let all = names();
        for a in &all {
            for b in all.iter().take(300) {
                let (ha, hb) = (head(a), head(b));
                if ha < hb {
                    assert!(a < b, "{a:?} {b:?}");
                }
                if ha > hb {
                    assert!(a > b, "{a:?} {b:?}");
                }
                assert_eq!(Key::new(a).is(b, hb), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn seek_finds_what_get_finds_in_sorted_order() {
        let all = names();
        for size in [0, 1, 3, 8, 9, 40] {
            let schema: Vec<(Box<str>, usize)> = all
                .iter()
                .take(size)
                .enumerate()
                .map(|(i, n)| (n.as_str().into(), i))
                .collect();
            let names = Names::new(schema);
            let mut members: Vec<&str> = all
                .iter()
                .skip(size / 2)
                .take(60)
                .map(String::as_str)
                .collect();
            members.sort_unstable();
            members.dedup();
            let mut at = 0;
            for m in members {
                assert_eq!(names.seek(&mut at, m), names.get(m), "{m:?} among {size}");
            }
        }
    }
}
