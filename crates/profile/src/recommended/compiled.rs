//! Schemas compiled for validating examples and defaults: each schema once, whatever the
//! number of values checked against it.
//!
//! The schemas of the document are translated to JSON Schema 2020-12 once (OpenAPI 3.0 Schema
//! Objects through the 3.0 -> 3.1 upgrade: `nullable`, boolean `exclusiveMinimum`, ...) into
//! one sparse copy of the document: `components/schemas`, and every schema written in place
//! (of a parameter, header or media type), at the pointers they have in the definition. The
//! rest (paths' other members, examples) is never copied. `oaskit-schema` compiles a schema of
//! that copy by its pointer on first use, each node once, so a `$ref` is shared by every schema
//! that reaches it. Schemas that only constrain the `type` (most property schemas with an
//! `example`) are checked directly, without compiling anything. Formats are annotations, as
//! JSON Schema 2020-12 says by default.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use oaskit_core::{Document, Node, SpecVersion};
use oaskit_schema::SchemaId;
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

/// The compiled schemas of one document.
pub(crate) struct Compiled<'d> {
    is_30: bool,
    root: &'d Node,
    doc: OnceLock<oaskit_schema::Document>,
    cache: Mutex<HashMap<String, Option<SchemaId>>>,
}

impl<'d> Compiled<'d> {
    pub(crate) fn new(doc: &'d Document) -> Self {
        Compiled {
            is_30: doc.version() == SpecVersion::OpenApi30,
            root: doc.root(),
            doc: OnceLock::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The sparse translated copy of the document, built on first use.
    fn document(&self) -> &oaskit_schema::Document {
        self.doc.get_or_init(|| {
            let mut copy = Value::Object(serde_json::Map::new());
            if let Some(schemas) = self.root.get("components").and_then(|c| c.get("schemas")) {
                let tree = self.translated(Some(schemas), "schemas");
                place(&mut copy, &["components".into(), "schemas".into()], tree);
            }
            let mut path = Vec::new();
            self.inline_schemas(self.root, &mut path, &mut copy, 0);
            oaskit_schema::Document::new(copy, oaskit_schema::Options::new())
        })
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
        if depth > 64 {
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

    fn schema(&self, pointer: &str) -> Option<SchemaId> {
        if let Some(id) = self.cache().get(pointer) {
            return *id;
        }
        let id = self.document().compile(pointer).ok();
        self.cache().insert(pointer.to_string(), id);
        id
    }

    /// The cache (a worker that panicked leaves it usable: entries are inserted whole).
    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<SchemaId>>> {
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Why `value` does not match the schema `schema` (the node at `pointer` of the
    /// normalized document), or `None` when it matches or the schema cannot be compiled
    /// (a schema error is the load's to report, not this rule set's).
    pub(crate) fn mismatch(&self, schema: &Node, pointer: &str, value: &Node) -> Option<String> {
        if let Some(direct) = self.direct(schema, value) {
            return direct;
        }
        let id = self.schema(pointer)?;
        let doc = self.document();
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

    /// [`Compiled::mismatch`] for every `(schema, pointer, value)` of `checks`, in order.
    /// The distinct schemas are shared out among the machine's cores (at most [`WORKERS`]),
    /// each compiled by one of them: compiling is most of the work on large definitions.
    pub(crate) fn mismatches(&self, checks: &[(&Node, &str, &Node)]) -> Vec<Option<String>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, (_, pointer, _)) in checks.iter().enumerate() {
            let g = *index.entry(pointer).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
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
                let Some(group) = groups.get(g) else {
                    return done;
                };
                for &i in group {
                    let (schema, pointer, value) = checks[i];
                    done.push((i, self.mismatch(schema, pointer, value)));
                }
            }
        };
        let mut out = vec![None; checks.len()];
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
        assert_eq!(c.cache().len(), 1, "only A was compiled");
        let q = "/paths/~1p/get/parameters/0/schema";
        assert_eq!(c.mismatch(node(q), q, &value(r#"["ab", null]"#)), None);
        let e = c.mismatch(node(q), q, &value(r#"["abcd"]"#)).unwrap();
        assert!(e.starts_with("at /0:"), "{e}");
    }
}
