//! One schema as the comparator sees it: references followed, `allOf` members merged into
//! one set of constraints (so moving properties between members, or inlining a `$ref`, is no
//! change), 3.0 `nullable` read as the `null` type of 3.1.

use std::collections::HashSet;

use oaskit_core::api::{reference::follow, SchemaRef};
use oaskit_core::{join_pointer, Node, Value};

/// The `null` type.
pub(crate) const NULL: u8 = 1;
/// The `boolean` type.
pub(crate) const BOOLEAN: u8 = 2;
/// The `object` type.
pub(crate) const OBJECT: u8 = 4;
/// The `array` type.
pub(crate) const ARRAY: u8 = 8;
/// The `number` type (which includes integers: [`INTEGER`] is set with it).
pub(crate) const NUMBER: u8 = 16;
/// The `integer` type.
pub(crate) const INTEGER: u8 = 32;
/// The `string` type.
pub(crate) const STRING: u8 = 64;

/// The names of the type bits, for messages.
pub(crate) fn type_names(bits: u8) -> String {
    let mut out = Vec::new();
    for (b, n) in [
        (STRING, "string"),
        (NUMBER, "number"),
        (INTEGER, "integer"),
        (BOOLEAN, "boolean"),
        (OBJECT, "object"),
        (ARRAY, "array"),
        (NULL, "null"),
    ] {
        // `number` implies `integer`: name only `number`.
        if bits & b != 0 && !(b == INTEGER && bits & NUMBER != 0) {
            out.push(n);
        }
    }
    if out.is_empty() {
        "nothing".into()
    } else {
        out.join(", ")
    }
}

fn type_bit(name: &str) -> u8 {
    match name {
        "null" => NULL,
        "boolean" => BOOLEAN,
        "object" => OBJECT,
        "array" => ARRAY,
        "number" => NUMBER | INTEGER,
        "integer" => INTEGER,
        "string" => STRING,
        _ => 0,
    }
}

/// The numeric constraints, by index into [`Shape::bounds`]: `(keyword, is a lower bound)`.
pub(crate) const BOUNDS: [(&str, bool); 8] = [
    ("minimum", true),
    ("maximum", false),
    ("minLength", true),
    ("maxLength", false),
    ("minItems", true),
    ("maxItems", false),
    ("minProperties", true),
    ("maxProperties", false),
];

/// What `additionalProperties` allows.
#[derive(Clone, Debug, Default)]
pub(crate) enum Additional<'d> {
    /// Anything (absent or `true`).
    #[default]
    Open,
    /// Nothing (`false`).
    Closed,
    /// Values of these schemas (all of them).
    Schema(Vec<SchemaRef<'d>>),
}

/// The merged constraints of a schema and its `allOf` members.
#[derive(Clone, Debug, Default)]
pub(crate) struct Shape<'d> {
    /// Allowed types (bits above); `None` when unconstrained.
    pub types: Option<u8>,
    /// Allowed values (`enum`, or `const` as one value).
    pub values: Option<Vec<&'d Node>>,
    /// Properties in order, each with every schema that constrains it.
    pub props: Vec<(&'d str, Vec<SchemaRef<'d>>)>,
    /// Required property names.
    pub required: HashSet<&'d str>,
    /// `additionalProperties`.
    pub additional: Additional<'d>,
    /// `items` (every schema constraining the items).
    pub items: Vec<SchemaRef<'d>>,
    /// `oneOf`, then `anyOf` (the first met of each); with the keyword's name.
    pub unions: Vec<(&'static str, Vec<SchemaRef<'d>>)>,
    /// `discriminator`: the property and its tag values with the schema name each selects.
    pub discriminator: Option<(&'d str, Vec<(String, String)>)>,
    /// The bounds of [`BOUNDS`]: value and exclusiveness.
    pub bounds: [Option<(f64, bool)>; 8],
    /// `multipleOf`.
    pub multiple_of: Option<f64>,
    /// `uniqueItems: true`.
    pub unique_items: bool,
    /// `pattern`.
    pub pattern: Option<&'d str>,
    /// `format`.
    pub format: Option<&'d str>,
    /// `default`.
    pub default: Option<&'d Node>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `readOnly: true`.
    pub read_only: bool,
    /// `writeOnly: true`.
    pub write_only: bool,
    /// Where the first schema stands (after references), for places.
    pub node: Option<&'d Node>,
    /// Its pointer.
    pub pointer: String,
    /// Whether null is allowed besides the types (3.0 `nullable`, a `{type: 'null'}` variant
    /// beside a single other one); folded into `types` at the end.
    nullable: bool,
}

/// Reading one document's schemas.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'d> {
    /// The document's root.
    pub root: &'d Node,
    /// Whether `nullable` is a keyword (OpenAPI 3.0).
    pub nullable_keyword: bool,
}

fn number(n: &Node) -> Option<f64> {
    match &n.value {
        Value::Number(s) => s.parse().ok(),
        _ => None,
    }
}

/// The most allOf members merged into one shape before the rest is left out.
const MAX_MEMBERS: usize = 256;

impl<'d> Reader<'d> {
    /// The merged shape of every schema of `set`. `work` counts the schemas visited.
    pub(crate) fn shape(&self, set: &[SchemaRef<'d>], work: &mut usize) -> Shape<'d> {
        let mut s = Shape::default();
        let mut seen: HashSet<*const Node> = HashSet::new();
        for r in set {
            self.merge(r.node, &r.pointer, &mut s, &mut seen, work);
        }
        if s.nullable {
            s.types = s.types.map(|t| t | NULL);
        }
        s
    }

    fn merge(
        &self,
        node: &'d Node,
        pointer: &str,
        s: &mut Shape<'d>,
        seen: &mut HashSet<*const Node>,
        work: &mut usize,
    ) {
        // A reference with siblings (3.1, or 3.0's `nullable` beside a `$ref`): the siblings
        // apply too.
        if node.ref_str().is_some() {
            if let Some(m) = node.as_object().filter(|m| m.len() > 1) {
                if seen.len() < MAX_MEMBERS && seen.insert(std::ptr::from_ref(node)) {
                    self.keywords(m, pointer, s, seen, work, true);
                }
            }
        }
        let r = follow(self.root, node, pointer);
        if seen.len() >= MAX_MEMBERS || !seen.insert(std::ptr::from_ref(r.node)) {
            return;
        }
        *work += 1;
        if s.node.is_none() {
            s.node = Some(r.node);
            s.pointer.clone_from(&r.pointer);
        }
        let m = match &r.node.value {
            Value::Bool(false) => {
                s.types = Some(0);
                return;
            }
            Value::Object(m) => m,
            _ => return,
        };
        self.keywords(m, &r.pointer, s, seen, work, false);
    }

    /// Merges the keywords of one Schema Object (or those beside a `$ref`).
    #[allow(clippy::too_many_lines)]
    fn keywords(
        &self,
        m: &'d oaskit_core::Map,
        pointer: &str,
        s: &mut Shape<'d>,
        seen: &mut HashSet<*const Node>,
        work: &mut usize,
        beside_ref: bool,
    ) {
        let mut own_types: Option<u8> = match m.get("type").map(|t| &t.value) {
            Some(Value::String(t)) => Some(type_bit(t)),
            Some(Value::Array(a)) => Some(
                a.iter()
                    .filter_map(Node::as_str)
                    .fold(0, |acc, t| acc | type_bit(t)),
            ),
            _ => None,
        };
        if self.nullable_keyword && m.get("nullable").and_then(Node::as_bool) == Some(true) {
            // With a type, null joins it (and intersects as types do); beside a `$ref` or
            // without a type (around an allOf), null joins the whole schema, as the 2.0
            // upgrade's `x-nullable` and the 3.1 conversion (`anyOf: [X, null]`) mean it.
            match own_types.as_mut() {
                Some(t) if !beside_ref => *t |= NULL,
                _ => s.nullable = true,
            }
        }
        if let Some(t) = own_types {
            s.types = Some(s.types.map_or(t, |old| old & t));
        }
        let own_values: Option<Vec<&'d Node>> = match (m.get("enum"), m.get("const")) {
            (_, Some(c)) => Some(vec![c]),
            (Some(e), None) => e.as_array().map(|a| a.iter().collect()),
            _ => None,
        };
        if let Some(v) = own_values {
            s.values = Some(match s.values.take() {
                None => v,
                Some(old) => old
                    .into_iter()
                    .filter(|a| v.iter().any(|b| a.same_as(b)))
                    .collect(),
            });
        }
        if let Some(props) = m.get("properties").and_then(Node::as_object) {
            let base = join_pointer(pointer, "properties");
            for (name, p) in props.iter() {
                let sr = SchemaRef {
                    node: p,
                    pointer: join_pointer(&base, name),
                };
                match s.props.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, list)) => list.push(sr),
                    None => s.props.push((name, vec![sr])),
                }
            }
        }
        if let Some(req) = m.get("required").and_then(Node::as_array) {
            s.required.extend(req.iter().filter_map(Node::as_str));
        }
        match m.get("additionalProperties") {
            Some(Node {
                value: Value::Bool(false),
                ..
            }) => s.additional = Additional::Closed,
            Some(
                n @ Node {
                    value: Value::Object(_),
                    ..
                },
            ) => {
                let sr = SchemaRef {
                    node: n,
                    pointer: join_pointer(pointer, "additionalProperties"),
                };
                match &mut s.additional {
                    Additional::Closed => {}
                    Additional::Schema(list) => list.push(sr),
                    Additional::Open => s.additional = Additional::Schema(vec![sr]),
                }
            }
            _ => {}
        }
        if let Some(items) = m.get("items").filter(|i| i.as_array().is_none()) {
            s.items.push(SchemaRef {
                node: items,
                pointer: join_pointer(pointer, "items"),
            });
        }
        for kw in ["oneOf", "anyOf"] {
            if s.unions.iter().any(|(k, _)| *k == kw) {
                continue;
            }
            if let Some(list) = m.get(kw).and_then(Node::as_array) {
                let base = join_pointer(pointer, kw);
                // `[X, {type: 'null'}]`: X or null, as 3.0's `nullable` says it.
                let is_null = |v: &Node| {
                    v.as_object().is_some_and(|o| o.len() == 1)
                        && v.get("type").and_then(Node::as_str) == Some("null")
                };
                if list.len() == 2 && list.iter().filter(|v| is_null(v)).count() == 1 {
                    if let Some((i, x)) = list.iter().enumerate().find(|(_, v)| !is_null(v)) {
                        s.nullable = true;
                        self.merge(x, &join_pointer(&base, &i.to_string()), s, seen, work);
                        continue;
                    }
                }
                // A union of enums (`oneOf: [{enum: [a]}, {const: b}]`): one enum of them all.
                if let Some((types, values)) = self.enum_union(list) {
                    s.types = match (s.types, types) {
                        (Some(a), Some(b)) => Some(a & b),
                        (a, b) => a.or(b),
                    };
                    s.values = Some(match s.values.take() {
                        None => values,
                        Some(old) => old
                            .into_iter()
                            .filter(|a| values.iter().any(|b| a.same_as(b)))
                            .collect(),
                    });
                    continue;
                }
                s.unions.push((
                    kw,
                    list.iter()
                        .enumerate()
                        .map(|(i, v)| SchemaRef {
                            node: v,
                            pointer: join_pointer(&base, &i.to_string()),
                        })
                        .collect(),
                ));
            }
        }
        if s.discriminator.is_none() {
            if let Some(d) = m.get("discriminator") {
                if let Some(prop) = d.get("propertyName").and_then(Node::as_str) {
                    let mut mapping: Vec<(String, String)> = d
                        .get("mapping")
                        .and_then(Node::as_object)
                        .map(|mm| {
                            mm.iter()
                                .filter_map(|(k, v)| {
                                    Some((k.to_string(), schema_name(v.as_str()?).to_string()))
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    // Implicit tags: the names of referenced variants not mapped explicitly.
                    for kw in ["oneOf", "anyOf"] {
                        for v in m.get(kw).and_then(Node::as_array).unwrap_or_default() {
                            if let Some(target) = v.ref_str() {
                                let name = schema_name(target).to_string();
                                if !mapping.iter().any(|(_, t)| *t == name) {
                                    mapping.push((name.clone(), name));
                                }
                            }
                        }
                    }
                    s.discriminator = Some((prop, mapping));
                }
            }
        }
        for (i, (kw, lower)) in BOUNDS.iter().enumerate() {
            let Some(v) = m.get(kw).and_then(number) else {
                continue;
            };
            let mut exclusive = false;
            if i < 2 {
                let ex = if *lower {
                    "exclusiveMinimum"
                } else {
                    "exclusiveMaximum"
                };
                exclusive = m.get(ex).and_then(Node::as_bool) == Some(true);
            }
            tighten(&mut s.bounds[i], (v, exclusive), *lower);
        }
        // 3.1 numeric exclusive bounds.
        for (i, kw) in [(0, "exclusiveMinimum"), (1, "exclusiveMaximum")] {
            if let Some(v) = m.get(kw).and_then(number) {
                tighten(&mut s.bounds[i], (v, true), i == 0);
            }
        }
        if let Some(v) = m.get("multipleOf").and_then(number) {
            s.multiple_of.get_or_insert(v);
        }
        s.unique_items |= m.get("uniqueItems").and_then(Node::as_bool) == Some(true);
        if s.pattern.is_none() {
            s.pattern = m.get("pattern").and_then(Node::as_str);
        }
        if s.format.is_none() {
            s.format = m.get("format").and_then(Node::as_str);
        }
        if s.default.is_none() {
            s.default = m.get("default");
        }
        s.deprecated |= m.get("deprecated").and_then(Node::as_bool) == Some(true);
        s.read_only |= m.get("readOnly").and_then(Node::as_bool) == Some(true);
        s.write_only |= m.get("writeOnly").and_then(Node::as_bool) == Some(true);
        if let Some(all) = m.get("allOf").and_then(Node::as_array) {
            let base = join_pointer(pointer, "allOf");
            for (i, member) in all.iter().enumerate() {
                self.merge(member, &join_pointer(&base, &i.to_string()), s, seen, work);
            }
        }
    }
}

impl<'d> Reader<'d> {
    /// The types and values of a union whose variants are all plain enums (or consts).
    fn enum_union(&self, list: &'d [Node]) -> Option<(Option<u8>, Vec<&'d Node>)> {
        const PLAIN: [&str; 7] = [
            "type",
            "enum",
            "const",
            "description",
            "title",
            "example",
            "examples",
        ];
        let mut types: Option<u8> = Some(0);
        let mut values = Vec::new();
        for v in list {
            let v = follow(self.root, v, "").node;
            let m = v.as_object()?;
            if m.iter()
                .any(|(k, _)| !PLAIN.contains(&k) && !k.starts_with("x-"))
            {
                return None;
            }
            match (m.get("enum").and_then(Node::as_array), m.get("const")) {
                (_, Some(c)) => values.push(c),
                (Some(e), None) => values.extend(e.iter()),
                (None, None) => return None,
            }
            let t = match m.get("type").map(|t| &t.value) {
                Some(Value::String(t)) => Some(type_bit(t)),
                Some(Value::Array(a)) => Some(
                    a.iter()
                        .filter_map(Node::as_str)
                        .fold(0, |acc, t| acc | type_bit(t)),
                ),
                _ => None,
            };
            types = match (types, t) {
                (Some(a), Some(b)) => Some(a | b),
                _ => None,
            };
        }
        Some((types, values))
    }
}

/// Keeps the tighter of two bounds.
fn tighten(slot: &mut Option<(f64, bool)>, new: (f64, bool), lower: bool) {
    *slot = Some(match *slot {
        None => new,
        Some(old) => {
            if tighter(new, old, lower) {
                new
            } else {
                old
            }
        }
    });
}

/// Whether bound `a` is strictly tighter than `b`.
pub(crate) fn tighter(a: (f64, bool), b: (f64, bool), lower: bool) -> bool {
    if (a.0 - b.0).abs() < f64::EPSILON {
        a.1 && !b.1
    } else if lower {
        a.0 > b.0
    } else {
        a.0 < b.0
    }
}

/// The schema name a reference or mapping value names: its last pointer segment.
pub(crate) fn schema_name(target: &str) -> &str {
    target.rsplit('/').next().unwrap_or(target)
}
