//! Schemas compiled for validating examples and defaults: each schema once, whatever the
//! number of values checked against it.
//!
//! The document is translated to JSON Schema 2020-12 once (OpenAPI 3.0 Schema Objects through
//! the 3.0 -> 3.1 upgrade: `nullable`, boolean `exclusiveMinimum`, ...) and registered as one
//! resource, so that every `$ref` keeps pointing where the author wrote it; a schema is then
//! compiled as a reference into that resource. Schemas that only constrain the `type` (most
//! property schemas with an `example`) are checked directly, without compiling anything.
//! Formats are annotations, as JSON Schema 2020-12 says by default.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use oaskit_core::{Document, Node, SpecVersion};
use serde_json::Value;

/// The resource's URI.
const URI: &str = "urn:oaskit:recommended";

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

/// How many threads compile schemas at most.
const WORKERS: usize = 4;
/// Fewer distinct schemas per thread than this are not worth a thread.
const GROUPS_PER_WORKER: usize = 8;

/// The compiled schemas of one document.
pub(crate) struct Compiled<'d> {
    is_30: bool,
    root: &'d Node,
    registry: OnceLock<Option<jsonschema::Registry<'static>>>,
    cache: Mutex<HashMap<String, Option<Arc<jsonschema::Validator>>>>,
}

impl<'d> Compiled<'d> {
    pub(crate) fn new(doc: &'d Document) -> Self {
        Compiled {
            is_30: doc.version() == SpecVersion::OpenApi30,
            root: doc.root(),
            registry: OnceLock::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The translated `components/schemas` (all a schema's `$ref`s lead to in practice), as
    /// one resource: the rest of the document (paths, examples) is never copied.
    fn registry(&self) -> Option<&jsonschema::Registry<'static>> {
        self.registry
            .get_or_init(|| {
                let schemas = self.root.get("components").and_then(|c| c.get("schemas"));
                let tree = self.translated(schemas, "schemas");
                // Built by hand: `json!` would copy the tree through `Serialize`.
                let doc = object("components", object("schemas", tree));
                jsonschema::Registry::new()
                    .draft(jsonschema::Draft::Draft202012)
                    .add(URI, doc)
                    .and_then(jsonschema::RegistryBuilder::prepare)
                    .ok()
            })
            .as_ref()
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

    fn validator(&self, pointer: &str) -> Option<Arc<jsonschema::Validator>> {
        if let Some(v) = self.cache().get(pointer) {
            return v.clone();
        }
        let built = self.registry().and_then(|registry| {
            let options = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .with_registry(registry);
            let schema = if pointer.starts_with("/components/schemas/") {
                serde_json::json!({"$ref": format!("{URI}#{}", fragment(pointer))})
            } else {
                // Elsewhere (parameters, bodies written inline): the schema itself, its
                // `#/components/schemas/...` references made absolute into the resource.
                let node = self.root.pointer(pointer);
                return jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .with_registry(registry)
                    .build(&absolute_refs(self.translated(node, "one")))
                    .ok()
                    .map(Arc::new);
            };
            options.build(&schema).ok().map(Arc::new)
        });
        self.cache().insert(pointer.to_string(), built.clone());
        built
    }

    /// The cache (a worker that panicked leaves it usable: entries are inserted whole).
    fn cache(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<String, Option<Arc<jsonschema::Validator>>>> {
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
        let v = self.validator(pointer)?;
        let json = value.to_json();
        if v.is_valid(&json) {
            return None;
        }
        let e = v.iter_errors(&json).next()?;
        let at = e.instance_path().as_str().to_string();
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

/// `{key: value}`.
fn object(key: &str, value: Value) -> Value {
    let mut m = serde_json::Map::new();
    m.insert(key.to_string(), value);
    Value::Object(m)
}

/// `schema` with its document-local references (`#/...`) made absolute into the resource.
fn absolute_refs(mut schema: Value) -> Value {
    let mut stack = vec![&mut schema];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    match x {
                        Value::String(r) if k == "$ref" && r.starts_with('#') => {
                            *r = format!("{URI}{r}");
                        }
                        _ => stack.push(x),
                    }
                }
            }
            Value::Array(a) => stack.extend(a.iter_mut()),
            _ => {}
        }
    }
    schema
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

/// A JSON pointer as a URI fragment (percent-encoding what a fragment cannot hold).
fn fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for b in pointer.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
        assert_eq!(fragment("/paths/~1a b"), "/paths/~1a%20b");
    }
}
