//! The compiled form of a schema: a node per schema object, holding its keywords as steps in
//! the order they are evaluated (cheap assertions first, as `jsonschema` 0.61 orders them).

use serde_json::Value;

use crate::format::Format;
use crate::number::Limit;
use crate::TypeSet;

pub(crate) type NodeId = u32;

/// A subschema of `properties`: its node, and when that node only checks `type` (the most
/// common leaf), the type set, checked in place without entering the node (0 otherwise).
#[derive(Clone, Copy)]
pub(crate) struct Child {
    pub(crate) id: NodeId,
    pub(crate) leaf: u8,
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
    pub(crate) steps: Box<[Step]>,
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

/// The first 8 bytes of a name, zero-padded: compared before the name itself.
#[inline]
pub(crate) fn head(name: &str) -> u64 {
    let b = name.as_bytes();
    if let Some(first) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*first);
    }
    let mut h = 0u64;
    for (i, c) in b.iter().enumerate() {
        h |= u64::from(*c) << (8 * i);
    }
    h
}

/// Whether two names of the same length and head are equal (compares from byte 8 on, without
/// a call to `memcmp`, which costs more than the comparison for names this short).
#[inline]
fn tail_eq(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (
        a.as_bytes().get(8..).unwrap_or(&[]),
        b.as_bytes().get(8..).unwrap_or(&[]),
    );
    while let (Some((x, ra)), Some((y, rb))) =
        (a.split_first_chunk::<8>(), b.split_first_chunk::<8>())
    {
        if x != y {
            return false;
        }
        a = ra;
        b = rb;
    }
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
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
        strings: Option<Box<[Box<str>]>>,
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
        /// The type set when the item schema only checks `type` (checked in place), else 0.
        leaf: u8,
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
