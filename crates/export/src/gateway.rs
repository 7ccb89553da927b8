//! Export for a gateway's import: what API Gateway's documented import limitations make
//! unusable is rewritten where a rewrite keeps the meaning, and reported as a loss where it
//! cannot.
//!
//! Runs on the OpenAPI 3.0 tree (before a Swagger 2.0 target is written), so a rewrite holds
//! for both targets. Under [`Gateway::AwsRest`] (the limitations of "Amazon API Gateway
//! important notes for REST APIs", which `oaskit check --profile aws-rest` reports):
//! - a component schema whose name is not alphanumeric ("Model names can only contain
//!   alphanumeric characters") is renamed, unique among the others, with every `$ref` to it
//!   and every discriminator mapping naming it;
//! - a response that is a `$ref` to a shared response is replaced by a copy of that response;
//! - the document's `security`, which REST API import ignores, is copied onto every operation
//!   that does not declare its own, and removed from the document;
//! - an inline response schema of a primitive type becomes a component schema (a model) that
//!   the response references;
//! - the schema keywords models do not support are dropped: `discriminator`, `readOnly`,
//!   `example`, `default`, `format: decimal`, `int32`/`int64` on `number`, and 3.0's boolean
//!   `exclusiveMinimum`/`exclusiveMaximum` (an exclusive integer bound becomes the inclusive
//!   one next to it; on a number the bound becomes inclusive, a loss).
//!
//! Under [`Gateway::AwsHttp`] only the version is constrained (HTTP APIs import OpenAPI 3.0);
//! its other limitations (several security requirements) have no rewrite that keeps the
//! meaning and stay findings of `check --profile aws-http`.

use std::collections::{HashMap, HashSet};

use oaskit_core::{escape_token, join_pointer as join, unescape_token, Node, Value};

use crate::loss::Losses;
use crate::walk;

/// The gateway an export is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gateway {
    /// AWS API Gateway REST APIs: imports Swagger 2.0 and OpenAPI 3.0.
    AwsRest,
    /// AWS API Gateway HTTP APIs: imports OpenAPI 3.0.
    AwsHttp,
}

impl Gateway {
    /// Whether the gateway imports `target`.
    #[must_use]
    pub fn accepts(self, target: crate::Target) -> bool {
        match self {
            Gateway::AwsRest => {
                matches!(target, crate::Target::Swagger20 | crate::Target::OpenApi30)
            }
            Gateway::AwsHttp => target == crate::Target::OpenApi30,
        }
    }

    /// The profile name (`aws-rest`, `aws-http`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Gateway::AwsRest => "aws-rest",
            Gateway::AwsHttp => "aws-http",
        }
    }
}

/// Rewrites an OpenAPI 3.0 tree for `gateway`'s import.
pub(crate) fn rewrite(root: &mut Node, gateway: Gateway, l: &mut Losses<'_>) {
    if gateway != Gateway::AwsRest {
        return;
    }
    // Keywords first, so that their findings name the places as the user wrote them (before
    // shared responses are copied, schemas moved and models renamed).
    keywords(root, l);
    response_refs(root, l);
    root_security(root, l);
    primitive_responses(root, l);
    model_names(root, l);
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The member `key` of an object node.
fn child<'a>(n: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    n.as_object_mut()?.get_mut(key)
}

/// The `(pointer, operation)` of every operation under `paths`.
fn operations_mut(root: &mut Node) -> Vec<(String, &mut Node)> {
    let mut out = Vec::new();
    let Some(paths) = child(root, "paths").and_then(Node::as_object_mut) else {
        return out;
    };
    for p in &mut paths.entries {
        let pp = join("/paths", &p.key);
        let Some(item) = p.value.as_object_mut() else {
            continue;
        };
        for e in &mut item.entries {
            if METHODS.contains(&e.key.as_ref()) && e.value.as_object().is_some() {
                out.push((join(&pp, &e.key), &mut e.value));
            }
        }
    }
    out
}

/// `"500": {$ref: '#/components/responses/Err'}` becomes a copy of `Err`.
fn response_refs(root: &mut Node, l: &mut Losses<'_>) {
    let shared: HashMap<String, Node> = root
        .get("components")
        .and_then(|c| c.get("responses"))
        .and_then(Node::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    (
                        format!("#/components/responses/{}", escape_token(k)),
                        v.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if shared.is_empty() {
        return;
    }
    for (op_ptr, op) in operations_mut(root) {
        let Some(responses) = child(op, "responses").and_then(Node::as_object_mut) else {
            continue;
        };
        for e in &mut responses.entries {
            // A shared response may itself be a reference to another (a few hops at most).
            let mut target = e.value.ref_str().map(str::to_string);
            let mut hops = 0;
            let mut found = None;
            while let Some(t) = target.take() {
                let Some(r) = shared.get(&t) else { break };
                hops += 1;
                if hops > 8 {
                    break;
                }
                target = r.ref_str().map(str::to_string);
                found = Some((t, r));
            }
            let Some((name, r)) = found.filter(|(_, r)| r.ref_str().is_none()) else {
                continue;
            };
            l.node(
                crate::codes::REWRITTEN,
                format!(
                    "response {} is a copy of {name}: API Gateway REST APIs do not take a response that is a `$ref` (aws-response-ref)",
                    e.key
                ),
                &e.value,
                &join(&join(&op_ptr, "responses"), &e.key),
            );
            e.value = r.clone();
        }
    }
}

/// The document's `security` moves onto every operation without its own.
fn root_security(root: &mut Node, l: &mut Losses<'_>) {
    let Some(security) = root.get("security").cloned() else {
        return;
    };
    let mut copied = 0;
    for (_, op) in operations_mut(root) {
        if op.get("security").is_none() {
            if let Some(m) = op.as_object_mut() {
                m.insert("security", security.clone());
                copied += 1;
            }
        }
    }
    l.node(
        crate::codes::REWRITTEN,
        format!(
            "the document's `security` is copied onto the {copied} operation(s) without their own and removed: API Gateway REST APIs ignore it on import (aws-root-security)"
        ),
        &security,
        "/security",
    );
    if let Some(m) = root.as_object_mut() {
        m.remove("security");
    }
}

/// An inline primitive response schema becomes a component schema.
fn primitive_responses(root: &mut Node, l: &mut Losses<'_>) {
    let mut taken = lowered(schema_names(root));
    let mut moved: Vec<(String, Node)> = Vec::new();
    for (op_ptr, op) in operations_mut(root) {
        let base = op
            .get("operationId")
            .and_then(Node::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| unescape_token(op_ptr.trim_start_matches("/paths/")));
        let Some(responses) = child(op, "responses").and_then(Node::as_object_mut) else {
            continue;
        };
        for r in &mut responses.entries {
            let rp = join(&join(&op_ptr, "responses"), &r.key);
            let Some(content) = child(&mut r.value, "content").and_then(Node::as_object_mut) else {
                continue;
            };
            let many = content.len() > 1;
            for m in &mut content.entries {
                let Some(schema) = child(&mut m.value, "schema") else {
                    continue;
                };
                let primitive = schema.ref_str().is_none()
                    && schema
                        .get("type")
                        .and_then(Node::as_str)
                        .is_some_and(|t| matches!(t, "string" | "number" | "integer" | "boolean"));
                if !primitive {
                    continue;
                }
                let hint = if many {
                    format!("{base} response {} {}", r.key, m.key)
                } else {
                    format!("{base} response {}", r.key)
                };
                let name = unique(&model_name(&hint), &mut taken);
                l.node(
                    crate::codes::REWRITTEN,
                    format!(
                        "the inline {} schema of response {} {} becomes the model `{name}`: API Gateway REST APIs do not take an inline primitive response schema (aws-response-schema-primitive)",
                        schema.get("type").and_then(Node::as_str).unwrap_or_default(),
                        r.key,
                        m.key
                    ),
                    schema,
                    &join(&join(&join(&rp, "content"), &m.key), "schema"),
                );
                let mut reference = Node::object(schema.span);
                if let Some(o) = reference.as_object_mut() {
                    o.insert(
                        "$ref",
                        Node::string(&format!("#/components/schemas/{name}"), schema.span),
                    );
                }
                moved.push((name, std::mem::replace(schema, reference)));
            }
        }
    }
    if moved.is_empty() {
        return;
    }
    let span = root.span;
    let Some(r) = root.as_object_mut() else {
        return;
    };
    let components = r.object_entry("components", span);
    let schemas = components.object_entry("schemas", span);
    for (name, schema) in moved {
        schemas.insert(&name, schema);
    }
}

/// The names of `components/schemas`.
fn schema_names(root: &Node) -> Vec<String> {
    root.get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Node::as_object)
        .map(|m| m.iter().map(|(k, _)| k.to_string()).collect())
        .unwrap_or_default()
}

/// An alphanumeric model name from any text (`pet-list` -> `PetList`, `2fa` -> `M2fa`).
fn model_name(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(f) = chars.next() {
            out.push(f.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() {
        return "Model".to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'M');
    }
    out
}

/// Names as [`unique`] keeps them: in lower case.
fn lowered(names: impl IntoIterator<Item = String>) -> HashSet<String> {
    names.into_iter().map(|n| n.to_ascii_lowercase()).collect()
}

/// `name`, numbered until it is free among `taken` (names in lower case, see [`lowered`]:
/// model names are compared case-insensitively, as they become file and class names in
/// generated SDKs), then taken.
fn unique(name: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while !taken.insert(candidate.to_ascii_lowercase()) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    candidate
}

/// Component schemas with names API Gateway rejects are renamed, with their references.
fn model_names(root: &mut Node, l: &mut Losses<'_>) {
    let names = schema_names(root);
    let mut taken = lowered(names.iter().filter(|n| is_model_name(n)).cloned());
    let mut renamed: HashMap<String, String> = HashMap::new();
    for old in names.iter().filter(|n| !is_model_name(n)) {
        let new = unique(&model_name(old), &mut taken);
        renamed.insert(old.clone(), new);
    }
    if renamed.is_empty() {
        return;
    }
    let Some(schemas) = child(root, "components")
        .and_then(|c| child(c, "schemas"))
        .and_then(Node::as_object_mut)
    else {
        return;
    };
    for e in &mut schemas.entries {
        if let Some(new) = renamed.get(e.key.as_ref()) {
            l.node(
                crate::codes::REWRITTEN,
                format!(
                    "model `{}` is renamed `{new}`, with every reference to it: API Gateway REST API model names are alphanumeric (aws-model-name)",
                    e.key
                ),
                &e.value,
                &join("/components/schemas", &e.key),
            );
            e.key = new.as_str().into();
        }
    }
    let by_ref: HashMap<String, String> = renamed
        .iter()
        .map(|(o, n)| {
            (
                format!("#/components/schemas/{}", escape_token(o)),
                format!("#/components/schemas/{n}"),
            )
        })
        .collect();
    walk::refs_mut(root, &mut |r| by_ref.get(r).cloned(), 0);
    // Discriminator mappings name schemas by reference or by bare name.
    walk::schemas_mut(root, &mut |s, _| {
        let Some(mapping) = child(s, "discriminator")
            .and_then(|d| child(d, "mapping"))
            .and_then(Node::as_object_mut)
        else {
            return;
        };
        for e in &mut mapping.entries {
            let Value::String(v) = &e.value.value else {
                continue;
            };
            let new = by_ref
                .get(v.as_ref())
                .or_else(|| renamed.get(v.as_ref()))
                .cloned();
            if let Some(new) = new {
                e.value.value = Value::String(new.into());
            }
        }
    });
}

/// Whether API Gateway takes `name` as a model name.
fn is_model_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The schema keywords REST API models do not support are dropped.
fn keywords(root: &mut Node, l: &mut Losses<'_>) {
    let mut found: Vec<(&'static str, String, Node, String)> = Vec::new();
    walk::schemas_mut(root, &mut |s, ptr| {
        let is_number = s.get("type").and_then(Node::as_str) == Some("number");
        let is_integer = s.get("type").and_then(Node::as_str) == Some("integer");
        let Some(m) = s.as_object_mut() else { return };
        for (key, rule) in [
            ("discriminator", "aws-discriminator"),
            ("readOnly", "aws-read-only"),
            ("example", "aws-example"),
            ("default", "aws-default-keyword"),
        ] {
            if let Some(v) = m.remove(key) {
                found.push((
                    crate::codes::REWRITTEN,
                    format!("`{key}` is dropped: API Gateway REST API models do not support it ({rule})"),
                    v,
                    join(ptr, key),
                ));
            }
        }
        let format = m.get("format").and_then(Node::as_str).map(str::to_string);
        let unsupported = match format.as_deref() {
            Some("decimal") => Some("aws-decimal-format"),
            Some("int32" | "int64") if is_number => Some("aws-number-format"),
            _ => None,
        };
        if let (Some(rule), Some(v)) = (unsupported, unsupported.and_then(|_| m.remove("format"))) {
            found.push((
                crate::codes::REWRITTEN,
                format!(
                    "`format: {}` is dropped: API Gateway REST API models do not support it ({rule})",
                    format.unwrap_or_default()
                ),
                v,
                join(ptr, "format"),
            ));
        }
        for (flag, bound, step) in [
            ("exclusiveMinimum", "minimum", 1i128),
            ("exclusiveMaximum", "maximum", -1i128),
        ] {
            let Some(v) = m.get(flag).and_then(Node::as_bool) else {
                continue;
            };
            let Some(node) = m.remove(flag) else { continue };
            let at = join(ptr, flag);
            if !v {
                found.push((
                    crate::codes::REWRITTEN,
                    format!("`{flag}: false` is dropped (it says nothing): API Gateway REST API models do not support it (aws-exclusive-minimum)"),
                    node,
                    at,
                ));
                continue;
            }
            let integral = m.get(bound).and_then(|b| match &b.value {
                Value::Number(t) => t.parse::<i128>().ok(),
                _ => None,
            });
            match integral {
                Some(b) if is_integer => {
                    let span = m.get(bound).map(|b| b.span).unwrap_or(node.span);
                    let next = b + step;
                    m.insert(bound, Node::new(Value::Number(next.to_string().into()), span));
                    found.push((
                        crate::codes::REWRITTEN,
                        format!("exclusive `{bound}: {b}` of an integer becomes the inclusive `{bound}: {next}`: API Gateway REST API models do not support `{flag}` (aws-exclusive-minimum)"),
                        node,
                        at,
                    ));
                }
                _ => found.push((
                    crate::codes::LOST_KEYWORD,
                    format!("`{flag}: true` is dropped, so `{bound}` itself is now accepted: API Gateway REST API models do not support it (aws-exclusive-minimum)"),
                    node,
                    at,
                )),
            }
        }
    });
    for (code, message, node, pointer) in found {
        l.node(code, message, &node, &pointer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names_are_alphanumeric_and_unique() {
        assert_eq!(model_name("pet-list"), "PetList");
        assert_eq!(model_name("2fa"), "M2fa");
        assert_eq!(model_name("--"), "Model");
        let mut taken = lowered(["PetList".to_string()]);
        assert_eq!(unique("PETLIST", &mut taken), "PETLIST2");
        assert_eq!(unique("Other", &mut taken), "Other");
    }
}
