//! OpenAPI Schema Objects to JSON Schema 2020-12, per direction.
//!
//! The whole document is converted once per direction (request, response) and registered as a
//! JSON Schema resource, so every `$ref` keeps pointing where the author wrote it. What changes:
//!
//! - 3.0 `nullable` becomes a type array (or `anyOf` with `null`), boolean
//!   `exclusiveMinimum`/`exclusiveMaximum` become numbers, siblings of `$ref` are dropped (3.0
//!   ignores them), `format: int32`/`int64` become bounds;
//! - `readOnly` properties are refused in requests and `writeOnly` ones in responses, and
//!   leave `required` in that direction;
//! - `oneOf`/`anyOf` with a `discriminator` dispatch on the discriminator's value (with or
//!   without `mapping`), as the specification says, instead of trying every branch.

use serde_json::{json, Map, Value};

/// Which message a schema is applied to: `readOnly` properties are refused in requests,
/// `writeOnly` ones in responses (and each leaves `required` in that direction).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// What a client sends.
    Request,
    /// What a server answers.
    Response,
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Request => "request",
            Self::Response => "response",
        })
    }
}

/// The marker on the `not` schema that stands for a forbidden read-only/write-only property.
pub(crate) const FORBIDDEN: &str = "x-oaskit-forbidden";

pub(crate) struct Translator<'a> {
    /// The original document, for following `$ref`s.
    root: &'a Value,
    dir: Direction,
    is_30: bool,
}

fn lookup<'v>(root: &'v Value, reference: &str) -> Option<&'v Value> {
    let frag = reference.strip_prefix('#')?;
    root.pointer(&oaskit_core::percent_decode(frag))
}

impl<'a> Translator<'a> {
    pub(crate) fn new(root: &'a Value, dir: Direction, is_30: bool) -> Self {
        Self { root, dir, is_30 }
    }

    /// Follows `$ref`s (bounded) to the schema they name.
    fn deref<'v>(&self, mut v: &'v Value) -> &'v Value
    where
        'a: 'v,
    {
        for _ in 0..32 {
            match oaskit_core::api::reference::json_ref(v).and_then(|r| lookup(self.root, r)) {
                Some(t) => v = t,
                None => break,
            }
        }
        v
    }

    fn flag(&self, schema: &Value, key: &str) -> bool {
        let s = self.deref(schema);
        if s.get(key).and_then(Value::as_bool) == Some(true) {
            return true;
        }
        // allOf members can carry the flag too.
        s.get("allOf").and_then(Value::as_array).is_some_and(|all| {
            all.iter()
                .any(|m| self.deref(m).get(key).and_then(Value::as_bool) == Some(true))
        })
    }

    /// Converts the whole document: every schema position is translated in place.
    pub(crate) fn document(&self) -> Value {
        self.document_of(None)
    }

    /// Converts the document, or only the subtrees at `kept` (as [`crate::reach::reach`]
    /// returns them, each at its own pointer): every schema position is translated in place.
    pub(crate) fn document_of(&self, kept: Option<&[String]>) -> Value {
        let mut doc = match kept {
            Some(kept) => crate::reach::sparse_copy(self.root, kept),
            None => self.root.clone(),
        };
        self.walk_document(&mut doc, 0);
        if let Value::Object(m) = &mut doc {
            m.insert(
                "$schema".into(),
                json!("https://json-schema.org/draft/2020-12/schema"),
            );
        }
        doc
    }

    fn walk_document(&self, v: &mut Value, depth: usize) {
        if depth > 256 {
            return;
        }
        match v {
            Value::Object(m) => {
                for (k, child) in m.iter_mut() {
                    if k.starts_with("x-") || k == "example" || k == "examples" {
                        continue;
                    }
                    if k == "schema" {
                        self.schema(child, depth + 1);
                    } else if k == "schemas" {
                        if let Value::Object(s) = child {
                            for (_, sc) in s.iter_mut() {
                                self.schema(sc, depth + 1);
                            }
                        }
                    } else {
                        self.walk_document(child, depth + 1);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| self.walk_document(x, depth + 1)),
            _ => {}
        }
    }

    /// Translates one schema and its subschemas.
    pub(crate) fn schema(&self, v: &mut Value, depth: usize) {
        if depth > 256 {
            return;
        }
        let nullable = {
            let Value::Object(m) = v else { return };
            if self.is_30 && m.contains_key("$ref") {
                // 3.0: "This object cannot be extended with additional properties".
                m.retain(|k, _| k == "$ref");
                return;
            }
            self.subschemas(m, depth);
            dedupe_references(m);
            if self.is_30 {
                self.openapi_30_forms(m);
            }
            self.directional(m);
            self.discriminator(m);
            self.is_30 && m.remove("nullable").and_then(|n| n.as_bool()) == Some(true)
        };
        // `nullable` last: it may wrap everything in `anyOf`.
        if nullable {
            self.nullable(v);
        }
    }

    fn subschemas(&self, m: &mut Map<String, Value>, depth: usize) {
        for (k, child) in m.iter_mut() {
            match k.as_str() {
                "properties" | "patternProperties" | "$defs" | "definitions"
                | "dependentSchemas" => {
                    if let Value::Object(props) = child {
                        for (_, p) in props.iter_mut() {
                            self.schema(p, depth + 1);
                        }
                    }
                }
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                    if let Value::Array(items) = child {
                        items.iter_mut().for_each(|x| self.schema(x, depth + 1));
                    }
                }
                "items" => match child {
                    Value::Array(items) => items.iter_mut().for_each(|x| self.schema(x, depth + 1)),
                    other => self.schema(other, depth + 1),
                },
                "additionalProperties"
                | "not"
                | "if"
                | "then"
                | "else"
                | "contains"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "additionalItems" => self.schema(child, depth + 1),
                _ => {}
            }
        }
    }

    fn openapi_30_forms(&self, m: &mut Map<String, Value>) {
        for (flag, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if let Some(Value::Bool(b)) = m.get(flag).cloned() {
                m.remove(flag);
                if b {
                    if let Some(v) = m.remove(bound) {
                        m.insert(flag.into(), v);
                    }
                }
            }
        }
        let is_integer = m.get("type").and_then(Value::as_str) == Some("integer");
        let range = match m.get("format").and_then(Value::as_str) {
            Some("int32") if is_integer => Some((json!(i32::MIN), json!(i32::MAX))),
            Some("int64") if is_integer => Some((json!(i64::MIN), json!(i64::MAX))),
            _ => None,
        };
        if let Some((lo, hi)) = range {
            m.entry("minimum").or_insert(lo);
            m.entry("maximum").or_insert(hi);
        }
    }

    fn nullable(&self, v: &mut Value) {
        let Value::Object(m) = v else { return };
        match m.get_mut("type") {
            Some(Value::String(t)) => {
                let t = t.clone();
                m.insert("type".into(), json!([t, "null"]));
                if let Some(Value::Array(e)) = m.get_mut("enum") {
                    if !e.contains(&Value::Null) {
                        e.push(Value::Null);
                    }
                }
            }
            Some(_) => {}
            None => {
                if m.contains_key("allOf")
                    || m.contains_key("oneOf")
                    || m.contains_key("anyOf")
                    || m.contains_key("$ref")
                {
                    let inner = std::mem::take(m);
                    m.insert(
                        "anyOf".into(),
                        json!([Value::Object(inner), {"type": "null"}]),
                    );
                }
            }
        }
    }

    /// readOnly properties in requests, writeOnly ones in responses.
    fn directional(&self, m: &mut Map<String, Value>) {
        let flag = match self.dir {
            Direction::Request => "readOnly",
            Direction::Response => "writeOnly",
        };
        let Some(Value::Object(props)) = m.get("properties") else {
            return;
        };
        let forbidden: Vec<String> = props
            .iter()
            .filter(|(_, s)| self.flag(s, flag))
            .map(|(k, _)| k.clone())
            .collect();
        if forbidden.is_empty() {
            return;
        }
        if let Some(Value::Object(props)) = m.get_mut("properties") {
            for k in &forbidden {
                props.insert(k.clone(), json!({"not": {FORBIDDEN: flag}}));
            }
        }
        if let Some(Value::Array(req)) = m.get_mut("required") {
            req.retain(|r| r.as_str().is_none_or(|r| !forbidden.iter().any(|f| f == r)));
        }
    }

    /// `oneOf`/`anyOf` plus `discriminator`: choose the branch by the property's value.
    fn discriminator(&self, m: &mut Map<String, Value>) {
        let Some(prop) = m
            .get("discriminator")
            .and_then(|d| d.get("propertyName"))
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            return;
        };
        let key = if m.contains_key("oneOf") {
            "oneOf"
        } else if m.contains_key("anyOf") {
            "anyOf"
        } else {
            return;
        };
        let Some(Value::Array(branches)) = m.get(key) else {
            return;
        };
        let mapping: Vec<(String, String)> = m
            .get("discriminator")
            .and_then(|d| d.get("mapping"))
            .and_then(Value::as_object)
            .map(|mm| {
                mm.iter()
                    .filter_map(|(k, v)| v.as_str().map(|t| (k.clone(), self.mapping_target(t))))
                    .collect()
            })
            .unwrap_or_default();
        let mut cases: Vec<(String, Value)> = mapping
            .iter()
            .map(|(value, target)| (value.clone(), json!({"$ref": target})))
            .collect();
        for b in branches {
            let Some(r) = oaskit_core::api::reference::json_ref(b) else {
                continue;
            };
            if mapping.iter().any(|(_, t)| t == r) {
                continue;
            }
            // Implicit mapping: the schema's component name.
            if let Some(name) = r.rsplit('/').next() {
                cases.push((name.to_string(), b.clone()));
            }
        }
        if cases.is_empty() {
            return;
        }
        let values: Vec<Value> = cases.iter().map(|(v, _)| json!(v)).collect();
        let mut all: Vec<Value> = vec![json!({
            "required": [prop],
            "properties": {prop.clone(): {"enum": values}}
        })];
        for (value, target) in cases {
            all.push(json!({
                "if": {"properties": {prop.clone(): {"const": value}}, "required": [prop]},
                "then": target
            }));
        }
        m.remove(key);
        let existing = m.remove("allOf");
        let mut merged = match existing {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        merged.extend(all);
        m.insert("allOf".into(), Value::Array(merged));
    }

    fn mapping_target(&self, t: &str) -> String {
        if t.starts_with('#') || t.contains('/') {
            t.to_string()
        } else if self.root.pointer("/components/schemas").is_some() {
            format!("#/components/schemas/{t}")
        } else {
            format!("#/definitions/{t}")
        }
    }
}

/// The reference of a member that is only a `$ref`.
fn bare_ref(v: &Value) -> Option<&str> {
    let m = v.as_object()?;
    if m.len() == 1 {
        oaskit_core::api::reference::json_ref(v)
    } else {
        None
    }
}

/// Members of `allOf`/`anyOf`/`oneOf` that name the same schema more than once.
///
/// Each repetition is evaluated again for the same value, so a chain of schemas that each name
/// the next one twice costs 2^depth evaluations. `allOf` and `anyOf` are idempotent: a repeated
/// `{$ref}` is dropped. In `oneOf` a schema listed twice can never be the only match, so the
/// repeated ones become one `not` each (in `allOf`) and the rest stays a `oneOf` (an empty
/// one is `false`). With a discriminator, `oneOf` dispatches and is deduplicated like `anyOf`.
pub(crate) fn dedupe_references(m: &mut Map<String, Value>) {
    for key in ["allOf", "anyOf"] {
        if let Some(Value::Array(items)) = m.get_mut(key) {
            let mut seen = std::collections::HashSet::new();
            items.retain(|x| bare_ref(x).is_none_or(|r| seen.insert(r.to_string())));
        }
    }
    let dispatches = m
        .get("discriminator")
        .and_then(|d| d.get("propertyName"))
        .is_some();
    let Some(Value::Array(items)) = m.get_mut("oneOf") else {
        return;
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in items.iter().filter_map(bare_ref) {
        *counts.entry(r.to_string()).or_default() += 1;
    }
    if counts.values().all(|&c| c < 2) {
        return;
    }
    if dispatches {
        let mut seen = std::collections::HashSet::new();
        items.retain(|x| bare_ref(x).is_none_or(|r| seen.insert(r.to_string())));
        return;
    }
    let mut nots = Vec::new();
    let mut kept = Vec::new();
    let mut noted = std::collections::HashSet::new();
    for x in std::mem::take(items) {
        match bare_ref(&x) {
            Some(r) if counts.get(r).copied().unwrap_or(0) > 1 => {
                if noted.insert(r.to_string()) {
                    nots.push(json!({"not": {"$ref": r}}));
                }
            }
            _ => kept.push(x),
        }
    }
    if kept.is_empty() {
        kept.push(Value::Bool(false));
    }
    *items = kept;
    match m.get_mut("allOf") {
        Some(Value::Array(all)) => all.extend(nots),
        _ => {
            m.insert("allOf".into(), Value::Array(nots));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tr(schema: Value, dir: Direction, is_30: bool) -> Value {
        let root = json!({"components": {"schemas": {"RO": {"type": "string", "readOnly": true}}}});
        let t = Translator::new(&root, dir, is_30);
        let mut s = schema;
        t.schema(&mut s, 0);
        s
    }

    #[test]
    fn openapi_30_forms() {
        assert_eq!(
            tr(
                json!({"type": "integer", "nullable": true, "minimum": 1, "exclusiveMinimum": true, "enum": [1, 2]}),
                Direction::Request,
                true
            ),
            json!({"type": ["integer", "null"], "exclusiveMinimum": 1, "enum": [1, 2, null]})
        );
        assert_eq!(
            tr(
                json!({"$ref": "#/x", "description": "d"}),
                Direction::Request,
                true
            ),
            json!({"$ref": "#/x"})
        );
        let s = tr(
            json!({"type": "integer", "format": "int32"}),
            Direction::Request,
            true,
        );
        assert_eq!(s["maximum"], json!(i32::MAX));
    }

    #[test]
    fn read_only_properties_only_in_responses() {
        let s = json!({"type": "object", "required": ["id", "name"], "properties": {"id": {"$ref": "#/components/schemas/RO"}, "name": {"type": "string"}}});
        let req = tr(s.clone(), Direction::Request, false);
        assert_eq!(req["required"], json!(["name"]));
        assert_eq!(req["properties"]["id"]["not"][FORBIDDEN], "readOnly");
        let resp = tr(s.clone(), Direction::Response, false);
        assert_eq!(resp, s);
    }
}
