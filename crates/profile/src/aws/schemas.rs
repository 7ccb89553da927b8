//! The Schema Objects a REST API import turns into models: the components' schemas and the
//! inline schemas of request bodies and responses, with every subschema, each once.
//! References are not followed (what they name is a component, visited as such).

use std::collections::HashMap;

use oaskit_core::api::{Api, MediaType};
use oaskit_core::{join_pointer, Node};

/// How deep subschemas are followed (the load's own depth limit is higher, but no model is
/// this deep).
const MAX_DEPTH: usize = 64;

/// Keywords whose value is one subschema (`items` may also be a list).
#[cfg_attr(not(test), allow(dead_code))]
const ONE: &[&str] = &[
    "additionalProperties",
    "items",
    "not",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
];

/// Keywords whose value is a list of subschemas.
#[cfg_attr(not(test), allow(dead_code))]
const LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems", "items"];

/// Keywords whose value maps names to subschemas.
#[cfg_attr(not(test), allow(dead_code))]
const MAP: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// The keywords the model rules look for, indexed while the schemas are collected so that
/// each rule visits only the schemas that have its keyword.
pub(super) const KEYWORDS: &[&str] = &[
    "default",
    "deprecated",
    "discriminator",
    "example",
    "examples",
    "exclusiveMinimum",
    "format",
    "maxItems",
    "minItems",
    "oneOf",
    "readOnly",
];

/// How a schema is reached from its parent.
enum Step<'d> {
    /// A root, with its whole pointer.
    Root(String),
    /// A member of the parent (or of the parent's keyword map, `properties/name`).
    Key(&'d str),
    /// A member of a member: `properties` then the name, `allOf` then the index.
    Pair(&'d str, Token<'d>),
}

/// A pointer token: a key, or an array index.
enum Token<'d> {
    Key(&'d str),
    Index(usize),
}

struct Entry<'d> {
    node: &'d Node,
    parent: usize,
    step: Step<'d>,
    /// Whether it becomes a model: not under a parameter's schema.
    model: bool,
}

/// Every Schema Object a REST API import turns into a model, with the keywords of
/// [`KEYWORDS`] indexed. Pointers are built only for what is reported.
#[derive(Default)]
pub(crate) struct Schemas<'d> {
    entries: Vec<Entry<'d>>,
    /// For each keyword of [`KEYWORDS`] (same index), the schemas that have it.
    with: Vec<Vec<usize>>,
    /// Whether a body's or response's schema was left out as already seen under a parameter:
    /// the models alone are then not what [`collect`] finds.
    mixed: bool,
}

impl<'d> Schemas<'d> {
    /// How many schemas there are.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The pointer of schema `i`.
    pub fn pointer(&self, mut i: usize) -> String {
        let mut steps = Vec::new();
        loop {
            let e = &self.entries[i];
            match &e.step {
                Step::Root(p) => {
                    let mut out = p.clone();
                    for s in steps.iter().rev() {
                        match s {
                            Step::Key(k) => out = join_pointer(&out, k),
                            Step::Pair(k, t) => {
                                out = join_pointer(&out, k);
                                out = match t {
                                    Token::Key(n) => join_pointer(&out, n),
                                    Token::Index(x) => join_pointer(&out, &x.to_string()),
                                };
                            }
                            Step::Root(_) => {}
                        }
                    }
                    return out;
                }
                s => steps.push(match s {
                    Step::Key(k) => Step::Key(k),
                    Step::Pair(k, Token::Key(n)) => Step::Pair(k, Token::Key(n)),
                    Step::Pair(k, Token::Index(x)) => Step::Pair(k, Token::Index(*x)),
                    Step::Root(_) => unreachable!(),
                }),
            }
            i = e.parent;
        }
    }

    /// Every schema with `keyword` (one of [`KEYWORDS`]): `(schema, value, schema index)`.
    pub fn having(
        &self,
        keyword: &'static str,
    ) -> impl Iterator<Item = (&'d Node, &'d Node, usize)> + '_ {
        let k = KEYWORDS.iter().position(|x| *x == keyword);
        debug_assert!(k.is_some(), "{keyword} is not indexed");
        k.and_then(|k| self.with.get(k))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(move |&i| {
                let n = self.entries[i].node;
                n.get(keyword).map(|v| (n, v, i))
            })
    }

    /// Whether schema `i` becomes a model (it is not under a parameter's schema).
    pub fn is_model(&self, i: usize) -> bool {
        self.entries[i].model
    }

    /// Whether the models of a set collected with parameters' schemas are exactly those
    /// [`collect`] finds, in the same order.
    pub fn models_as_collected(&self) -> bool {
        !self.mixed
    }

    fn add(&mut self, node: &'d Node, parent: usize, step: Step<'d>, depth: usize, model: bool) {
        let Some(m) = node.as_object() else { return };
        if depth > MAX_DEPTH {
            return;
        }
        let me = self.entries.len();
        self.entries.push(Entry {
            node,
            parent,
            step,
            model,
        });
        for (key, v) in m.iter() {
            let (keyword, holds) = classify(key);
            if let Some(k) = keyword {
                self.with[k].push(me);
            }
            if let Some(list) = v.as_array() {
                if holds.list {
                    for (i, s) in list.iter().enumerate() {
                        self.add(s, me, Step::Pair(key, Token::Index(i)), depth + 1, model);
                    }
                }
            } else if holds.one {
                self.add(v, me, Step::Key(key), depth + 1, model);
            } else if holds.map {
                if let Some(props) = v.as_object() {
                    for (name, s) in props.iter() {
                        self.add(s, me, Step::Pair(key, Token::Key(name)), depth + 1, model);
                    }
                }
            }
        }
    }
}

/// Where a keyword's value holds subschemas ([`ONE`], [`LIST`], [`MAP`]).
#[derive(Clone, Copy, Default)]
struct Holds {
    one: bool,
    list: bool,
    map: bool,
}

/// A key's index in [`KEYWORDS`] and what its value holds: one `match` instead of searching
/// the lists for every key of every schema (the tables stay the reference; a test checks
/// that both agree).
fn classify(key: &str) -> (Option<usize>, Holds) {
    let none = Holds::default();
    let one = Holds { one: true, ..none };
    let list = Holds { list: true, ..none };
    let map = Holds { map: true, ..none };
    match key {
        "default" => (Some(0), none),
        "deprecated" => (Some(1), none),
        "discriminator" => (Some(2), none),
        "example" => (Some(3), none),
        "examples" => (Some(4), none),
        "exclusiveMinimum" => (Some(5), none),
        "format" => (Some(6), none),
        "maxItems" => (Some(7), none),
        "minItems" => (Some(8), none),
        "oneOf" => (Some(9), list),
        "readOnly" => (Some(10), none),
        "items" => (
            None,
            Holds {
                one: true,
                list: true,
                map: false,
            },
        ),
        "additionalProperties"
        | "not"
        | "contains"
        | "propertyNames"
        | "if"
        | "then"
        | "else"
        | "unevaluatedItems"
        | "unevaluatedProperties"
        | "additionalItems" => (None, one),
        "allOf" | "anyOf" | "prefixItems" => (None, list),
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
            (None, map)
        }
        _ => (None, none),
    }
}

/// No schema at all (what HTTP APIs turn into models).
pub(crate) static NONE: Schemas<'static> = Schemas {
    entries: Vec::new(),
    with: Vec::new(),
    mixed: false,
};

/// Every schema, in document order. Only roots are deduplicated (a shared response or body
/// is reached from several operations); the subschemas of one root are distinct places.
pub(crate) fn collect<'d>(api: &Api<'d>) -> Schemas<'d> {
    collect_with(api, false)
}

/// [`collect`], and with `parameters` also the schemas of the operations' parameters (the
/// `recommended` rule set checks their examples and defaults too).
pub(crate) fn collect_with<'d>(api: &Api<'d>, parameters: bool) -> Schemas<'d> {
    let mut out = Schemas {
        entries: Vec::new(),
        with: vec![Vec::new(); KEYWORDS.len()],
        mixed: false,
    };
    // Each root's pointer, and whether it came as a model.
    let mut seen: HashMap<String, bool> = HashMap::new();
    let mut root = |out: &mut Schemas<'d>, node: &'d Node, pointer: String, model: bool| match seen
        .get(&pointer)
    {
        Some(false) if model => out.mixed = true,
        Some(_) => {}
        None => {
            seen.insert(pointer.clone(), model);
            out.add(node, usize::MAX, Step::Root(pointer), 0, model);
        }
    };
    if let Some(m) = api
        .root()
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Node::as_object)
    {
        for (name, s) in m.iter() {
            root(&mut out, s, join_pointer("/components/schemas", name), true);
        }
    }
    let media = |list: &[MediaType<'d>],
                 out: &mut Schemas<'d>,
                 root: &mut dyn FnMut(&mut Schemas<'d>, &'d Node, String, bool),
                 model: bool| {
        for m in list {
            if let Some(s) = &m.schema {
                root(out, s.node, s.pointer.clone(), model);
            }
        }
    };
    for op in api.operations() {
        if parameters {
            for p in &op.parameters {
                if let Some(s) = &p.schema {
                    root(&mut out, s.node, s.pointer.clone(), false);
                }
                media(&p.content, &mut out, &mut root, false);
            }
        }
        if let Some(b) = &op.request_body {
            media(&b.content, &mut out, &mut root, true);
        }
        for r in &op.responses {
            media(&r.content, &mut out, &mut root, true);
            for h in &r.headers {
                if let Some(s) = &h.schema {
                    root(&mut out, s.node, s.pointer.clone(), true);
                }
            }
        }
    }
    out
}

/// Reports every model schema whose `keyword` passes `when`, as "`what`" at the keyword.
pub(super) fn report_keyword(
    cx: &super::Cx<'_>,
    out: &mut super::Out<'_>,
    rule: &crate::codes::Rule,
    keyword: &'static str,
    when: impl Fn(&Node, &Node) -> bool,
    what: &str,
) {
    for (s, v, i) in cx.schemas.having(keyword) {
        if cx.schemas.is_model(i) && when(s, v) {
            let pointer = join_pointer(&cx.schemas.pointer(i), keyword);
            out.limit(rule, v.span, &pointer, what);
        }
    }
}

#[cfg(test)]
mod tests {
    use oaskit_core::{load_str, LoadOptions};

    #[test]
    fn classify_agrees_with_the_tables() {
        use super::{classify, KEYWORDS, LIST, MAP, ONE};
        let mut keys: Vec<&str> = KEYWORDS.to_vec();
        keys.extend(ONE.iter().chain(LIST).chain(MAP));
        keys.extend(["type", "properties2", "", "$ref", "Items"]);
        for key in keys {
            let (k, holds) = classify(key);
            assert_eq!(k, KEYWORDS.iter().position(|x| *x == key), "{key}");
            assert_eq!(holds.one, ONE.contains(&key), "{key}");
            assert_eq!(holds.list, LIST.contains(&key), "{key}");
            assert_eq!(holds.map, MAP.contains(&key), "{key}");
        }
    }

    /// The models of a collection with parameters: `(pointer, is a model)`, and whether they
    /// are exactly what `collect` finds.
    fn models_of(text: &str) -> (Vec<(String, bool)>, bool, Vec<String>) {
        let loaded = load_str("api.yaml", text, &LoadOptions::new());
        let doc = loaded.document.unwrap();
        let api = oaskit_core::api::Api::new(&doc);
        let all = super::collect_with(&api, true);
        let got = (0..all.entries.len())
            .map(|i| (all.pointer(i), all.is_model(i)))
            .collect();
        let alone = super::collect(&api);
        let want = (0..alone.entries.len()).map(|i| alone.pointer(i)).collect();
        (got, all.models_as_collected(), want)
    }

    #[test]
    fn the_models_among_all_schemas() {
        let text = crate::aws::testing::doc(
            "paths:\n  /a:\n    post:\n      parameters: [{name: q, in: query, schema: {type: array, items: {type: string}}}]\n      requestBody: {content: {application/json: {schema: {type: object}}}}\n      responses:\n        '200': {description: ok}\n",
        );
        let (got, exact, want) = models_of(&text);
        let p = "/paths/~1a/post/parameters/0/schema";
        let b = "/paths/~1a/post/requestBody/content/application~1json/schema";
        assert_eq!(
            got,
            [
                (p.to_string(), false),
                (format!("{p}/items"), false),
                (b.to_string(), true)
            ]
        );
        assert!(exact);
        assert_eq!(want, [b]);
        // A response that is a parameter (nonsense, but loadable): its schema is seen first as
        // a parameter's, so the models are not exactly `collect`'s.
        let text = crate::aws::testing::doc(
            "paths:\n  /a:\n    get:\n      parameters: [{$ref: '#/components/parameters/P'}]\n      responses:\n        '200': {$ref: '#/components/parameters/P'}\ncomponents:\n  parameters:\n    P: {name: q, in: query, description: d, content: {application/json: {schema: {type: string}}}}\n",
        );
        let (got, exact, want) = models_of(&text);
        let c = "/components/parameters/P/content/application~1json/schema";
        assert_eq!(got, [(c.to_string(), false)]);
        assert!(!exact);
        assert_eq!(want, [c]);
    }

    #[test]
    fn components_bodies_and_responses_each_once_parameters_not() {
        let text = crate::aws::testing::doc(
            "paths:\n  /a:\n    post:\n      parameters: [{name: q, in: query, schema: {type: string}}]\n      requestBody: {content: {application/json: {schema: {type: object, properties: {x: {type: array, items: {type: string}}}}}}}\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}\ncomponents:\n  schemas:\n    A: {allOf: [{type: object}, {properties: {b: {type: integer}}}]}\n",
        );
        let loaded = load_str("api.yaml", &text, &LoadOptions::new());
        let doc = loaded.document.unwrap();
        let api = oaskit_core::api::Api::new(&doc);
        let schemas = super::collect(&api);
        let got: Vec<String> = (0..schemas.len()).map(|i| schemas.pointer(i)).collect();
        assert_eq!(
            got,
            [
                "/components/schemas/A",
                "/components/schemas/A/allOf/0",
                "/components/schemas/A/allOf/1",
                "/components/schemas/A/allOf/1/properties/b",
                "/paths/~1a/post/requestBody/content/application~1json/schema",
                "/paths/~1a/post/requestBody/content/application~1json/schema/properties/x",
                "/paths/~1a/post/requestBody/content/application~1json/schema/properties/x/items",
                "/paths/~1a/post/responses/200/content/application~1json/schema",
            ]
        );
    }
}
