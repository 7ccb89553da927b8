//! Schemas compiled for validating examples and defaults: each schema once, whatever the
//! number of values checked against it.
//!
//! The document is translated to JSON Schema 2020-12 once (OpenAPI 3.0 Schema Objects through
//! the 3.0 -> 3.1 upgrade: `nullable`, boolean `exclusiveMinimum`, ...) and registered as one
//! resource, so that every `$ref` keeps pointing where the author wrote it; a schema is then
//! compiled as a reference into that resource. Schemas that only constrain the `type` (most
//! property schemas with an `example`) are checked directly, without compiling anything.
//! Formats are annotations, as JSON Schema 2020-12 says by default.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use oaskit_core::{Document, Node, SpecVersion};
use serde_json::Value;

/// The resource's URI.
const URI: &str = "urn:oaskit:recommended";

/// Keywords that do not constrain a value (with `type`, what the direct check handles).
const ANNOTATIONS: &[&str] = &[
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

/// The compiled schemas of one document.
pub(crate) struct Compiled<'d> {
    is_30: bool,
    root: &'d Node,
    registry: OnceCell<Option<jsonschema::Registry<'static>>>,
    cache: RefCell<HashMap<String, Option<Rc<jsonschema::Validator>>>>,
}

impl<'d> Compiled<'d> {
    pub(crate) fn new(doc: &'d Document) -> Self {
        Compiled {
            is_30: doc.version() == SpecVersion::OpenApi30,
            root: doc.root(),
            registry: OnceCell::new(),
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// The translated `components/schemas` (all a schema's `$ref`s lead to in practice), as
    /// one resource: the rest of the document (paths, examples) is never copied.
    fn registry(&self) -> Option<&jsonschema::Registry<'static>> {
        self.registry
            .get_or_init(|| {
                let schemas = self.root.get("components").and_then(|c| c.get("schemas"));
                let tree = self.translated(schemas, "schemas");
                let doc = serde_json::json!({"components": {"schemas": tree}});
                jsonschema::Registry::new()
                    .draft(jsonschema::Draft::Draft202012)
                    .add(URI, doc)
                    .and_then(jsonschema::RegistryBuilder::prepare)
                    .ok()
            })
            .as_ref()
    }

    /// `node` (a map of schemas when `key` is `schemas`, else one schema) as JSON Schema
    /// 2020-12: OpenAPI 3.0 schemas go through the 3.0 -> 3.1 upgrade.
    fn translated(&self, node: Option<&Node>, key: &str) -> Value {
        let Some(node) = node else {
            return Value::Object(serde_json::Map::new());
        };
        if !self.is_30 {
            return node.to_json();
        }
        let span = node.span;
        let wrapped = if key == "schemas" {
            node.clone()
        } else {
            let mut m = Node::object(span);
            if let Some(o) = m.as_object_mut() {
                o.insert("x", node.clone());
            }
            m
        };
        let mut components = Node::object(span);
        if let Some(o) = components.as_object_mut() {
            o.insert("schemas", wrapped);
        }
        let mut root = Node::object(span);
        if let Some(o) = root.as_object_mut() {
            o.insert("openapi", Node::string("3.0.3", span));
            o.insert("components", components);
        }
        let up = oaskit_core::openapi_30_to_31(root).to_json();
        let schemas = up.get("components").and_then(|c| c.get("schemas")).cloned();
        match (key, schemas) {
            ("schemas", Some(s)) => s,
            (_, Some(s)) => s.get("x").cloned().unwrap_or(Value::Bool(true)),
            _ => Value::Bool(true),
        }
    }

    fn validator(&self, pointer: &str) -> Option<Rc<jsonschema::Validator>> {
        if let Some(v) = self.cache.borrow().get(pointer) {
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
                    .map(Rc::new);
            };
            options.build(&schema).ok().map(Rc::new)
        });
        self.cache
            .borrow_mut()
            .insert(pointer.to_string(), built.clone());
        built
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
        assert_eq!(c.cache.borrow().len(), 1, "only A was compiled");
        let q = "/paths/~1p/get/parameters/0/schema";
        assert_eq!(c.mismatch(node(q), q, &value(r#"["ab", null]"#)), None);
        let e = c.mismatch(node(q), q, &value(r#"["abcd"]"#)).unwrap();
        assert!(e.starts_with("at /0:"), "{e}");
        assert_eq!(fragment("/paths/~1a b"), "/paths/~1a%20b");
    }
}
