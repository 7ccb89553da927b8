//! The document's resources (`$id`) and anchors (`$anchor`, `$dynamicAnchor`, draft 4's
//! `id: "#name"`), found once when the document is created.

use std::collections::HashMap;

use serde_json::Value;

use crate::uri::{escape_token, resolve, split_fragment};
use crate::{Dialect, Options};

/// Keywords whose values are data, not schemas: never searched for identifiers.
const DATA: &[&str] = &["enum", "const", "default", "examples", "example"];
/// Keywords whose values map names to schemas: their keys are not keywords.
const NAME_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "dependencies",
];
const MAX_DEPTH: usize = 512;

#[derive(Default)]
pub(crate) struct Index {
    /// Absolute URI (no fragment) of a resource -> its JSON pointer.
    pub(crate) resources: HashMap<String, String>,
    /// JSON pointer of a resource root -> its absolute URI.
    pub(crate) bases: HashMap<String, String>,
    /// (resource URI, anchor name) -> JSON pointer.
    pub(crate) anchors: HashMap<(String, String), String>,
    /// (resource URI, name) of every `$dynamicAnchor`.
    pub(crate) dynamic: HashMap<(String, String), String>,
    /// Whether any `$dynamicRef` appears at all.
    pub(crate) has_dynamic_ref: bool,
}

impl Index {
    pub(crate) fn build(root: &Value, options: &Options) -> Self {
        let mut ix = Self::default();
        let base = split_fragment(&options.base_uri).0.to_string();
        ix.resources.insert(base.clone(), String::new());
        ix.bases.insert(String::new(), base.clone());
        let mut ptr = String::new();
        ix.scan(root, &mut ptr, &base, options.dialect, false, 0);
        ix
    }

    fn scan(
        &mut self,
        v: &Value,
        ptr: &mut String,
        base: &str,
        dialect: Dialect,
        names: bool,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = ptr.len();
                    ptr.push('/');
                    ptr.push_str(&i.to_string());
                    self.scan(item, ptr, base, dialect, false, depth + 1);
                    ptr.truncate(len);
                }
            }
            Value::Object(m) => {
                let mut base = base.to_string();
                if !names {
                    self.identify(m, ptr, &mut base, dialect);
                }
                for (k, child) in m {
                    if !names && (DATA.contains(&k.as_str()) || k.starts_with("x-")) {
                        continue;
                    }
                    let len = ptr.len();
                    ptr.push('/');
                    ptr.push_str(&escape_token(k));
                    let child_names = !names && NAME_MAPS.contains(&k.as_str());
                    self.scan(child, ptr, &base, dialect, child_names, depth + 1);
                    ptr.truncate(len);
                }
            }
            _ => {}
        }
    }

    fn identify(
        &mut self,
        m: &serde_json::Map<String, Value>,
        ptr: &str,
        base: &mut String,
        dialect: Dialect,
    ) {
        let id_key = match dialect {
            Dialect::Draft202012 => "$id",
            Dialect::Draft4 => "id",
        };
        let ref_overrides = dialect == Dialect::Draft4 && m.contains_key("$ref");
        if let (Some(Value::String(id)), false) = (m.get(id_key), ref_overrides) {
            let full = resolve(base, id);
            let (uri, frag) = split_fragment(&full);
            if !uri.is_empty() && uri != base.as_str() {
                *base = uri.to_string();
                self.resources
                    .entry(uri.to_string())
                    .or_insert_with(|| ptr.to_string());
                self.bases.insert(ptr.to_string(), uri.to_string());
            }
            if !frag.is_empty() && !frag.starts_with('/') {
                self.anchors
                    .entry((base.clone(), frag.to_string()))
                    .or_insert_with(|| ptr.to_string());
            }
        }
        if dialect == Dialect::Draft202012 {
            if let Some(Value::String(a)) = m.get("$anchor") {
                self.anchors
                    .entry((base.clone(), a.clone()))
                    .or_insert_with(|| ptr.to_string());
            }
            if let Some(Value::String(a)) = m.get("$dynamicAnchor") {
                self.anchors
                    .entry((base.clone(), a.clone()))
                    .or_insert_with(|| ptr.to_string());
                self.dynamic
                    .entry((base.clone(), a.clone()))
                    .or_insert_with(|| ptr.to_string());
            }
            if m.get("$dynamicRef").is_some_and(Value::is_string) {
                self.has_dynamic_ref = true;
            }
        }
    }

    /// The base URI in force at `ptr`: that of the closest resource root on its path.
    pub(crate) fn base_of(&self, ptr: &str) -> &str {
        let mut end = ptr.len();
        loop {
            if let Some(b) = self.bases.get(&ptr[..end]) {
                return b;
            }
            match ptr[..end].rfind('/') {
                Some(i) => end = i,
                None => return self.bases.get("").map_or("", String::as_str),
            }
        }
    }
}
