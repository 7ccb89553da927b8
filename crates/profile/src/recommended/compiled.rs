//! Schemas compiled for validating examples and defaults: each schema once, whatever the
//! number of values checked against it.
//!
//! The rules hand over all their values in one batch ([`Compiled::mismatches`]). Schemas that
//! only constrain the `type` (most property schemas with an `example`) are checked directly,
//! without compiling anything. For the others, the schemas of the document are translated to
//! JSON Schema 2020-12 (OpenAPI 3.0 Schema Objects through the 3.0 -> 3.1 upgrade: `nullable`,
//! boolean `exclusiveMinimum`, ...) into one sparse copy of the document, at the pointers they
//! have in the definition: only the units (a component schema, or a schema written in place
//! of a parameter, header or media type) that the values' schemas reach through `$ref`s,
//! transitively. Should anything make that reach uncertain (a reference that is not a plain
//! JSON pointer fragment, `$id`, anchors, dynamic references, a pointer outside any unit), the
//! copy holds every unit instead: all of `components/schemas` and every schema written in
//! place. `oaskit-schema` compiles a schema of that copy by its pointer, each node once, so a
//! `$ref` is shared by every schema that reaches it. Formats are annotations, as JSON Schema
//! 2020-12 says by default.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use oaskit_core::{Document, Node, SpecVersion};
use serde_json::Value;

/// Keywords that do not constrain a value (with `type`, what the direct check handles).
pub(super) const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "example",
    "examples",
    "default",
    "format",
    "readOnly",
    "writeOnly",
    "deprecated",
    "externalDocs",
    "xml",
    "$comment",
    "contentMediaType",
    "contentEncoding",
];

/// How many threads check values at most.
const WORKERS: usize = 4;
/// Fewer distinct schemas per thread than this are not worth a thread.
const GROUPS_PER_WORKER: usize = 8;
/// How deep the copy of in-place schemas looks for `schema` members (as deep as
/// [`Compiled::inline_schemas`] goes).
const INLINE_DEPTH: usize = 64;
/// How deep a translated unit is searched for references before giving up on the sparse copy.
const SCAN_DEPTH: usize = 1024;

/// The schemas of one document, compiled on demand.
pub(crate) struct Compiled<'d> {
    is_30: bool,
    root: &'d Node,
}

/// One unit of the translated copy: where it stands, and the node it is made from.
struct Unit<'d> {
    path: Vec<Cow<'d, str>>,
    node: &'d Node,
    component: bool,
}

impl<'d> Compiled<'d> {
    pub(crate) fn new(doc: &'d Document) -> Self {
        Compiled {
            is_30: doc.version() == SpecVersion::OpenApi30,
            root: doc.root(),
        }
    }

    /// The translated copy of the document holding at least the schemas at `pointers` and
    /// everything they reach; every unit when that reach cannot be followed for sure.
    fn document(&self, pointers: &[&str]) -> oaskit_schema::Document {
        let copy = self.sparse(pointers).unwrap_or_else(|| self.full());
        oaskit_schema::Document::new(copy, oaskit_schema::Options::new())
    }

    /// Every unit: `components/schemas` and every schema written in place.
    fn full(&self) -> Value {
        let mut copy = Value::Object(serde_json::Map::new());
        if let Some(schemas) = self.root.get("components").and_then(|c| c.get("schemas")) {
            let tree = self.translated(Some(schemas), "schemas");
            place(&mut copy, &["components".into(), "schemas".into()], tree);
        }
        let mut path = Vec::new();
        self.inline_schemas(self.root, &mut path, &mut copy, 0);
        copy
    }

    /// The units that hold `pointers` and those their references reach, transitively, at
    /// the places [`Compiled::full`] has them; `None` when the reach is uncertain.
    fn sparse(&self, pointers: &[&str]) -> Option<Value> {
        // A `$dynamicRef` anywhere in the full copy turns off `oaskit-schema`'s memo for the
        // whole document, which can change a verdict (a recursive `oneOf` running out of its
        // step budget); only the full copy gives the same verdicts then.
        if mentions_key(self.root, "$dynamicRef") {
            return None;
        }
        let mut copy = Value::Object(serde_json::Map::new());
        let mut work: Vec<String> = pointers.iter().map(|p| (*p).to_string()).collect();
        let mut targets: HashSet<String> = work.iter().cloned().collect();
        let mut units: HashSet<Vec<Cow<'d, str>>> = HashSet::new();
        let mut refs = Vec::new();
        let components: HashMap<&str, &'d Node> = self
            .root
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(Node::as_object)
            .map(|m| m.iter().collect())
            .unwrap_or_default();
        while let Some(pointer) = work.pop() {
            let unit = self.unit_of(&pointer, &components)?;
            if units.contains(&unit.path) {
                continue;
            }
            let tree = if unit.component {
                self.translated_component(unit.node)
            } else {
                self.translated(Some(unit.node), "one")
            };
            if !references(&tree, &mut refs, 0) {
                return None;
            }
            for r in refs.drain(..) {
                if targets.insert(r.clone()) {
                    work.push(r);
                }
            }
            place(&mut copy, &unit.path, tree);
            units.insert(unit.path);
        }
        Some(copy)
    }

    /// The unit of the full copy that holds the node at `pointer` (of the normalized
    /// document), or `None` when the pointer is not inside one.
    fn unit_of(&self, pointer: &str, components: &HashMap<&'d str, &'d Node>) -> Option<Unit<'d>> {
        let tokens: Vec<Cow<'_, str>> = pointer
            .strip_prefix('/')?
            .split('/')
            .map(|t| {
                if t.contains('~') {
                    Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
                } else {
                    Cow::Borrowed(t)
                }
            })
            .collect();
        if tokens.len() >= 2 && tokens[0] == "components" && tokens[1] == "schemas" {
            // `components/schemas` itself, or no such component: the full copy decides.
            let (name, node) = components.get_key_value(&**tokens.get(2)?)?;
            return Some(Unit {
                path: vec!["components".into(), "schemas".into(), Cow::Borrowed(*name)],
                node,
                component: true,
            });
        }
        let mut node = self.root;
        let mut path: Vec<Cow<'d, str>> = Vec::new();
        for (depth, token) in tokens.iter().enumerate() {
            if depth > INLINE_DEPTH {
                return None;
            }
            if let Some(m) = node.as_object() {
                let (k, v) = m.iter().find(|(k, _)| *k == &**token)?;
                if k.starts_with("x-") || matches!(k, "example" | "examples") {
                    return None;
                }
                path.push(Cow::Borrowed(k));
                if k == "schema" && (v.as_object().is_some() || v.as_bool().is_some()) {
                    return Some(Unit {
                        path,
                        node: v,
                        component: false,
                    });
                }
                node = v;
            } else if let Some(items) = node.as_array() {
                let i: usize = token.parse().ok()?;
                if i.to_string() != **token {
                    return None;
                }
                node = items.get(i)?;
                path.push(Cow::Owned(i.to_string()));
            } else {
                return None;
            }
        }
        None
    }

    /// Copies (translated) every schema written in place under `node`: the value of each
    /// `schema` member outside `components/schemas`, examples and extensions.
    fn inline_schemas<'n>(
        &self,
        node: &'n Node,
        path: &mut Vec<Cow<'n, str>>,
        copy: &mut Value,
        depth: usize,
    ) {
        if depth > INLINE_DEPTH {
            return;
        }
        if let Some(m) = node.as_object() {
            for (k, v) in m.iter() {
                if k.starts_with("x-")
                    || matches!(k, "example" | "examples")
                    || (depth == 1 && path[0] == "components" && k == "schemas")
                {
                    continue;
                }
                path.push(Cow::Borrowed(k));
                if k == "schema" && (v.as_object().is_some() || v.as_bool().is_some()) {
                    place(copy, path, self.translated(Some(v), "one"));
                } else {
                    self.inline_schemas(v, path, copy, depth + 1);
                }
                path.pop();
            }
        } else if let Some(items) = node.as_array() {
            for (i, v) in items.iter().enumerate() {
                // Array members are copied as object members named by their index: the same
                // JSON pointer reaches them.
                path.push(Cow::Owned(i.to_string()));
                self.inline_schemas(v, path, copy, depth + 1);
                path.pop();
            }
        }
    }

    /// `node` (a map of schemas when `key` is `schemas`, else one schema) as JSON Schema
    /// 2020-12: OpenAPI 3.0 schemas are translated as the 3.0 -> 3.1 upgrade would have them.
    fn translated(&self, node: Option<&Node>, key: &str) -> Value {
        let Some(node) = node else {
            return Value::Object(serde_json::Map::new());
        };
        match (self.is_30, key) {
            (false, _) => node.to_json(),
            (true, "schemas") => super::translate::schemas_30(node),
            (true, _) => super::translate::schema_30(node, 3),
        }
    }

    /// One member of `components/schemas`, as [`Compiled::translated`] has it in the map.
    fn translated_component(&self, node: &Node) -> Value {
        if self.is_30 {
            super::translate::component_30(node)
        } else {
            node.to_json()
        }
    }

    /// Why `value` does not match the schema `schema` (the node at `pointer` of the
    /// normalized document), or `None` when it matches or the schema cannot be compiled
    /// (a schema error is the load's to report, not this rule set's).
    #[cfg(test)]
    pub(crate) fn mismatch(&self, schema: &Node, pointer: &str, value: &Node) -> Option<String> {
        self.mismatches(&[(schema, pointer, value)]).pop().flatten()
    }

    /// Why each `value` of `checks` does not match its `schema` (the node at `pointer` of the
    /// normalized document), in order: `None` when it matches or the schema cannot be
    /// compiled (a schema error is the load's to report, not this rule set's). The schemas
    /// that need compiling are translated once, with only what they reach; the distinct ones
    /// are shared out among the machine's cores (at most [`WORKERS`]), each compiled by one of
    /// them.
    pub(crate) fn mismatches(&self, checks: &[(&Node, &str, &Node)]) -> Vec<Option<String>> {
        let mut out = vec![None; checks.len()];
        let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, (schema, pointer, value)) in checks.iter().enumerate() {
            if let Some(direct) = self.direct(schema, value) {
                out[i] = direct;
                continue;
            }
            let g = *index.entry(pointer).or_insert_with(|| {
                groups.push((pointer, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(i);
        }
        if groups.is_empty() {
            return out;
        }
        let pointers: Vec<&str> = groups.iter().map(|(p, _)| *p).collect();
        let doc = self.document(&pointers);
        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(WORKERS)
            .min(groups.len() / GROUPS_PER_WORKER)
            .max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let g = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((pointer, group)) = groups.get(g) else {
                    return done;
                };
                let Ok(id) = doc.compile(pointer) else {
                    continue;
                };
                for &i in group {
                    done.push((i, judge(&doc, id, checks[i].2)));
                }
            }
        };
        let mut found = Vec::new();
        std::thread::scope(|scope| {
            let others: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
            found.extend(work());
            for h in others {
                match h.join() {
                    Ok(f) => found.extend(f),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        for (i, r) in found {
            out[i] = r;
        }
        // The compiled schemas die with the process: freeing thousands of compiled nodes one
        // by one is work nobody waits for.
        std::mem::forget(doc);
        out
    }

    /// The direct check of a schema that constrains only the type: `Some(result)`, or `None`
    /// when the schema needs compiling.
    fn direct(&self, schema: &Node, value: &Node) -> Option<Option<String>> {
        let m = schema.as_object()?;
        let mut ty = None;
        let mut nullable = false;
        for (k, v) in m.iter() {
            match k {
                "type" => ty = Some(v.as_str()?),
                "nullable" if self.is_30 => nullable = v.as_bool()?,
                _ if k.starts_with("x-") || ANNOTATIONS.contains(&k) => {}
                _ => return None,
            }
        }
        let Some(ty) = ty else {
            return Some(None);
        };
        let json = value.to_json();
        let ok = match ty {
            "string" => json.is_string(),
            "boolean" => json.is_boolean(),
            "object" => json.is_object(),
            "array" => json.is_array(),
            "number" => json.is_number(),
            "integer" => json.as_f64().is_some_and(|f| f.fract() == 0.0),
            "null" => json.is_null(),
            _ => return None,
        } || (nullable && json.is_null());
        Some((!ok).then(|| format!("{} is not of type \"{ty}\"", short(&json))))
    }
}

/// Why `value` does not match the compiled schema `id`, or `None`.
fn judge(
    doc: &oaskit_schema::Document,
    id: oaskit_schema::SchemaId,
    value: &Node,
) -> Option<String> {
    let json = value.to_json();
    if doc.is_valid(id, &json) {
        return None;
    }
    let e = doc.first_error(id, &json)?;
    let at = e.instance_path();
    Some(if at.is_empty() {
        e.to_string()
    } else {
        format!("at {at}: {e}")
    })
}

/// Collects the JSON pointers of the `$ref`s anywhere in `v` (annotations and data too: more
/// is only slower). `false` when a reference is not a plain pointer fragment (`#/...`, no
/// percent-encoding) or something could change how references resolve (`$id`, `$anchor`,
/// `$dynamicAnchor`, `$dynamicRef`), or the tree is too deep.
fn references(v: &Value, refs: &mut Vec<String>, depth: usize) -> bool {
    if depth > SCAN_DEPTH {
        return false;
    }
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if let Value::String(s) = x {
                    match k.as_str() {
                        "$ref" => match s.strip_prefix('#') {
                            Some(p) if p.starts_with('/') && !p.contains('%') => {
                                refs.push(p.to_string());
                            }
                            _ => return false,
                        },
                        "$id" | "$anchor" | "$dynamicAnchor" | "$dynamicRef" => return false,
                        _ => {}
                    }
                } else if !references(x, refs, depth + 1) {
                    return false;
                }
            }
            true
        }
        Value::Array(items) => items.iter().all(|x| references(x, refs, depth + 1)),
        _ => true,
    }
}

/// Whether any object under `root` has the member `key` (an explicit stack: no depth limit).
fn mentions_key(root: &Node, key: &str) -> bool {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if let Some(m) = n.as_object() {
            for (k, v) in m.iter() {
                if k == key {
                    return true;
                }
                stack.push(v);
            }
        } else if let Some(items) = n.as_array() {
            stack.extend(items);
        }
    }
    false
}

/// A value as shown in a message, cut to about 60 characters.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// Sets the member at `path` of `copy`, creating the objects on the way.
fn place(copy: &mut Value, path: &[Cow<'_, str>], value: Value) {
    let mut at = copy;
    for key in path {
        let Value::Object(m) = at else {
            return;
        };
        at = m
            .entry(key.to_string())
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
    }
    *at = value;
}

#[cfg(test)]
mod tests {
    use oaskit_core::{load_str, LoadOptions};

    use super::*;

    #[test]
    fn references_nullable_and_direct_checks() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      parameters: [{name: q, in: query, schema: {type: array, items: {$ref: '#/components/schemas/B'}}}]\n      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    A: {type: object, required: [id], properties: {id: {type: integer}, b: {$ref: '#/components/schemas/B'}}}\n    B: {type: string, nullable: true, maxLength: 3}\n    C: {type: integer}\n";
        let loaded = load_str("api.yaml", text, &LoadOptions::new());
        let doc = loaded.document.unwrap();
        let c = Compiled::new(&doc);
        let root = doc.root();
        let node = |p: &str| root.pointer(p).unwrap();
        let value = |t: &str| {
            let src =
                oaskit_core::SourceFile::new("v".into(), oaskit_core::Origin::Memory, t.into());
            oaskit_core::parse::json(src.text(), 0, 64).unwrap()
        };
        let a = "/components/schemas/A";
        assert_eq!(
            c.mismatch(node(a), a, &value(r#"{"id": 1, "b": null}"#)),
            None
        );
        let e = c
            .mismatch(node(a), a, &value(r#"{"id": 1, "b": "long"}"#))
            .unwrap();
        assert!(e.starts_with("at /b:"), "{e}");
        assert!(c.mismatch(node(a), a, &value("{}")).is_some());
        let k = "/components/schemas/C";
        assert_eq!(c.mismatch(node(k), k, &value("3")), None);
        assert!(c
            .mismatch(node(k), k, &value("3.5"))
            .unwrap()
            .contains("integer"));
        let q = "/paths/~1p/get/parameters/0/schema";
        assert_eq!(c.mismatch(node(q), q, &value(r#"["ab", null]"#)), None);
        let e = c.mismatch(node(q), q, &value(r#"["abcd"]"#)).unwrap();
        assert!(e.starts_with("at /0:"), "{e}");
    }

    /// The names of the component schemas in a copy, and the pointers of the schemas written
    /// in place (`paths` only).
    fn units(copy: &Value) -> (Vec<String>, Vec<String>) {
        let names = copy
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        let mut inline = Vec::new();
        fn walk(v: &Value, at: String, out: &mut Vec<String>) {
            if let Some(m) = v.as_object() {
                for (k, x) in m {
                    let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                    if k == "schema" {
                        out.push(p);
                    } else {
                        walk(x, p, out);
                    }
                }
            }
        }
        if let Some(p) = copy.get("paths") {
            walk(p, "/paths".into(), &mut inline);
        }
        (names, inline)
    }

    #[test]
    fn only_what_the_values_reach_is_translated() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      parameters: [{name: q, in: query, schema: {type: array, items: {$ref: '#/components/schemas/B'}}}, {name: r, in: query, schema: {maxLength: 2}}]\n      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}, c: {$ref: '#/components/schemas/C/properties/d'}}}\n    B: {type: string, nullable: true, maxLength: 3}\n    C: {type: object, properties: {d: {$ref: '#/components/schemas/D'}}}\n    D: {type: integer, minimum: 0}\n    E: {type: integer, minimum: 1}\n";
        let loaded = load_str("api.yaml", text, &LoadOptions::new());
        let doc = loaded.document.unwrap();
        let c = Compiled::new(&doc);
        let copy = c.sparse(&["/components/schemas/A"]).unwrap();
        let (mut names, inline) = units(&copy);
        names.sort();
        assert_eq!(names, ["A", "B", "C", "D"]);
        assert!(inline.is_empty(), "{inline:?}");
        // The same units as the full copy has, translated the same way.
        let full = c.full();
        for name in &names {
            let p = format!("/components/schemas/{name}");
            assert_eq!(copy.pointer(&p), full.pointer(&p), "{p}");
        }
        assert_eq!(units(&full).0.len(), 5);
        assert_eq!(units(&full).1.len(), 2);
        let q = "/paths/~1p/get/parameters/0/schema";
        let copy = c.sparse(&[q]).unwrap();
        assert_eq!(units(&copy), (vec!["B".to_string()], vec![q.to_string()]));
        assert_eq!(copy.pointer(q), full.pointer(q));
        // Outside any unit: the full copy decides.
        assert!(c.sparse(&["/components/schemas"]).is_none());
        assert!(c.sparse(&["/components/schemas/Z"]).is_none());
        assert!(c.sparse(&["/paths/~1p/get"]).is_none());
        assert!(c.sparse(&["/paths/~1p/get/parameters/00/schema"]).is_none());
    }

    #[test]
    fn identifiers_and_other_references_take_the_full_copy() {
        for (schema, sparse) in [
            ("{$ref: '#/components/schemas/B'}", true),
            ("{$ref: 'other.yaml#/B'}", false),
            ("{$ref: '#/components/schemas/B%20'}", false),
            ("{$ref: '#b'}", false),
            ("{properties: {x: {$id: 'https://example.com/x'}}}", false),
            ("{properties: {x: {$anchor: x}}}", false),
            ("{properties: {x: {$dynamicRef: '#x'}}}", false),
            ("{properties: {$id: {type: string}}}", true),
            // A dynamic reference in a unit no value reaches still takes the full copy: it
            // changes how `oaskit-schema` evaluates every reference of the document.
            (
                "{type: string}\n    U: {$dynamicRef: '#/components/schemas/B'}",
                false,
            ),
        ] {
            let text = format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A: {schema}\n    B: {{type: string}}\n");
            let loaded = load_str("api.yaml", &text, &LoadOptions::new());
            let doc = loaded.document.unwrap();
            let c = Compiled::new(&doc);
            assert_eq!(
                c.sparse(&["/components/schemas/A"]).is_some(),
                sparse,
                "{schema}"
            );
        }
    }
}
