//! Rules of the specification text that the official JSON Schemas cannot express.
//!
//! One rule per file, as ruff and jsonschema lay theirs out: each file declares its [`Code`]
//! (name, severity and the explanation `oaskit explain` prints), the check itself and unit tests
//! with a small document that triggers it and one that does not. [`CODES`] gathers the codes
//! for the catalogue ([`crate::codes::ALL`]); nothing else repeats them.
//!
//! This module is the checker: it walks the document once, in a fixed order, and calls each
//! rule where it applies (on a path, an operation, a parameter list, a server...), so findings
//! come out in document order. [`Ctx`] is what the rules share: where to push a finding, how to
//! turn a pointer of the bundled tree into the one the user wrote, and local `$ref` following.

use std::collections::HashMap;

use crate::codes::Code;
use crate::diag::Diagnostic;
use crate::load::Origins;
use crate::node::{join, Node};
use crate::source::Span;
use crate::version::SpecVersion;

/// Declares the rule modules and [`CODES`], the list of their codes, from one list of names.
macro_rules! rules {
    ($($rule:ident),* $(,)?) => {
        $(mod $rule;)*

        /// The code of every rule, in the catalogue's order.
        pub(crate) const CODES: &[Code] = &[$($rule::CODE),*];
    };
}

rules! {
    operation_id_duplicate,
    path_param_undeclared,
    path_param_unused,
    path_param_not_required,
    parameter_duplicate,
    path_ambiguous,
    path_template_ambiguous,
    security_scheme_undefined,
    discriminator_mapping_unresolved,
    server_variable_default,
    server_variable_undefined,
    response_code_invalid,
    component_name,
    body_param_conflict,
    tag_duplicate,
    get_request_body,
    parameter_ignored,
    link_operation_unknown,
}

/// What the rules share while they run over one document.
pub(crate) struct Ctx<'a> {
    /// The bundled document.
    root: &'a Node,
    /// The version it declares.
    version: SpecVersion,
    /// Maps pointers of the bundled tree back to the files the user wrote.
    origins: &'a Origins,
    /// Where findings go.
    diags: &'a mut Vec<Diagnostic>,
    /// The names of the document's security schemes.
    schemes: std::collections::HashSet<&'a str>,
}

impl<'a> Ctx<'a> {
    /// The span of `node` and the user's spelling of `pointer`.
    fn at(&self, node: &Node, pointer: &str) -> (Span, String) {
        (node.span, self.origins.original(pointer))
    }

    /// Reports `d` at `node`, found at `pointer` of the bundled tree.
    fn push(&mut self, d: Diagnostic, node: &Node, pointer: &str) {
        self.push_span(d, node.span, pointer);
    }

    /// Reports `d` at `span` (an object key, say), found at `pointer` of the bundled tree.
    fn push_span(&mut self, d: Diagnostic, span: Span, pointer: &str) {
        let p = self.origins.original(pointer);
        self.diags.push(d.at(span, p));
    }

    /// Follows local `$ref`s (the API view's one follower) and returns the target with its
    /// pointer.
    fn deref(&self, n: &'a Node, pointer: &str) -> (&'a Node, String) {
        let r = crate::api::reference::follow(self.root, n, pointer);
        (r.node, r.pointer)
    }
}

/// A finding of `code`, with the code's severity.
fn diagnostic(code: &Code, message: impl Into<String>) -> Diagnostic {
    if code.severity == "warning" {
        Diagnostic::warning(code.name, message)
    } else {
        Diagnostic::error(code.name, message)
    }
}

/// One operation of a path item, as the path rules see it.
struct Op<'a> {
    /// The path template it belongs to.
    path: &'a str,
    /// `get`, `post`... or the key under `additionalOperations`.
    method: String,
    /// The Operation Object.
    node: &'a Node,
    /// Its pointer in the bundled tree.
    pointer: String,
}

/// A parameter's (name, location), header names lower-cased.
type ParamKey = (String, String);

/// Runs every rule over the bundled document.
pub(crate) fn check(
    root: &Node,
    version: SpecVersion,
    origins: &Origins,
    diags: &mut Vec<Diagnostic>,
) {
    let mut cx = Ctx {
        root,
        version,
        origins,
        diags,
        schemes: security_scheme_undefined::scheme_names(root, version),
    };
    paths(&mut cx);
    if let Some(sec) = cx.root.get("security") {
        security_scheme_undefined::check(&mut cx, sec, "/security");
    }
    servers(&mut cx);
    component_name::check(&mut cx);
    discriminator_mapping_unresolved::check(&mut cx);
    tag_duplicate::check(&mut cx);
    link_operation_unknown::check(&mut cx);
}

/// The `{name}`s of a path or server URL template, in order.
fn template_vars(path: &str) -> Vec<String> {
    crate::api::template_variables(path)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// A parameter's (name, location), lower-casing header names.
fn param_key(p: &Node) -> Option<ParamKey> {
    let name = p.get("name")?.as_str()?;
    let loc = p.get("in")?.as_str()?;
    let name = if loc == "header" {
        name.to_ascii_lowercase()
    } else {
        name.to_string()
    };
    Some((name, loc.to_string()))
}

/// The rules on paths, their parameters and their operations.
fn paths(cx: &mut Ctx<'_>) {
    let root = cx.root;
    let Some(paths) = root.get("paths").and_then(Node::as_object) else {
        return;
    };
    let mut op_ids = operation_id_duplicate::Seen::new();
    let mut shapes = path_ambiguous::Seen::new();
    for entry in &paths.entries {
        let path = &*entry.key;
        if !path.starts_with('/') {
            continue;
        }
        let item_ptr = join("/paths", path);
        let (item, item_ptr) = cx.deref(&entry.value, &item_ptr);
        let vars = template_vars(path);
        path_template_ambiguous::check(cx, entry);
        path_ambiguous::check(cx, &mut shapes, entry, &vars);
        let common = item.get("parameters");
        if let Some(list) = common {
            parameter_list(cx, list, &join(&item_ptr, "parameters"));
        }
        for op in operations(cx, path, item, &item_ptr) {
            operation_id_duplicate::check(cx, &mut op_ids, &op);
            let declared = effective_parameters(cx, item, &item_ptr, &op);
            if let Some(list) = op.node.get("parameters") {
                parameter_list(cx, list, &join(&op.pointer, "parameters"));
            }
            path_param_undeclared::check(cx, &op, &vars, &declared);
            let mut keys: Vec<&ParamKey> = declared.keys().collect();
            keys.sort();
            for key in keys {
                if key.1 != "path" {
                    continue;
                }
                let (p, pp) = &declared[key];
                path_param_unused::check(cx, &op, &vars, &key.0, p, pp);
                path_param_not_required::check(cx, &vars, &key.0, p, pp);
            }
            body_param_conflict::check(cx, &op, &declared);
            get_request_body::check(cx, &op);
            response_code_invalid::check(cx, &op);
            if let Some(sec) = op.node.get("security") {
                security_scheme_undefined::check(cx, sec, &join(&op.pointer, "security"));
            }
        }
    }
}

/// The operations of a path item, as the API view lists them (the fixed method fields, QUERY
/// from 3.2 on, API Gateway's any-method, then `additionalOperations`).
fn operations<'a>(cx: &Ctx<'_>, path: &'a str, item: &'a Node, item_ptr: &str) -> Vec<Op<'a>> {
    crate::api::methods(item, item_ptr, cx.version)
        .into_iter()
        .map(|(method, node, pointer)| Op {
            path,
            method: match method {
                crate::api::Method::Any => "any".to_string(),
                m => m.key().to_string(),
            },
            node,
            pointer,
        })
        .collect()
}

/// An operation's parameters in force (the API view's merge: operation-level ones override
/// path-level ones with the same name and `in`), by (name, in), each with the pointer of its
/// (dereferenced) definition.
fn effective_parameters<'a>(
    cx: &Ctx<'a>,
    item: &'a Node,
    item_ptr: &str,
    op: &Op<'a>,
) -> HashMap<ParamKey, (&'a Node, String)> {
    crate::api::declared(cx.root, (op.node, &op.pointer), (item, item_ptr))
        .into_iter()
        .map(|d| {
            let name = if d.location == "header" {
                d.name.to_ascii_lowercase()
            } else {
                d.name.to_string()
            };
            ((name, d.location.to_string()), (d.node, d.pointer))
        })
        .collect()
}

/// The rules on one `parameters` list (of a path item or of an operation).
fn parameter_list(cx: &mut Ctx<'_>, list: &Node, base: &str) {
    let Some(arr) = list.as_array() else { return };
    let mut seen = parameter_duplicate::Seen::new();
    for (i, p) in arr.iter().enumerate() {
        let ptr = join(base, &i.to_string());
        let (t, _) = cx.deref(p, &ptr);
        let Some(key) = param_key(t) else { continue };
        parameter_ignored::check(cx, &key, p, &ptr);
        parameter_duplicate::check(cx, &mut seen, key, p, &ptr);
    }
}

/// The rules on every Server Object: the root's, each path item's and each operation's.
fn servers(cx: &mut Ctx<'_>) {
    let root = cx.root;
    let mut lists: Vec<(&Node, String)> = Vec::new();
    if let Some(s) = root.get("servers") {
        lists.push((s, "/servers".into()));
    }
    if let Some(paths) = root.get("paths").and_then(Node::as_object) {
        for (p, item) in paths.iter() {
            let ip = join("/paths", p);
            if let Some(s) = item.get("servers") {
                lists.push((s, join(&ip, "servers")));
            }
            for (_, op, op_ptr) in crate::api::methods(item, &ip, cx.version) {
                if let Some(s) = op.get("servers") {
                    lists.push((s, join(&op_ptr, "servers")));
                }
            }
        }
    }
    for (list, base) in lists {
        let Some(arr) = list.as_array() else { continue };
        for (i, server) in arr.iter().enumerate() {
            let sp = join(&base, &i.to_string());
            server_variable_undefined::check(cx, server, &sp);
            server_variable_default::check(cx, server, &sp);
        }
    }
}

#[cfg(test)]
pub(crate) mod test {
    //! What the rules' unit tests share.

    /// The codes `document` (YAML or JSON, a whole definition) gets, in order.
    pub(crate) fn codes(document: &str) -> Vec<&'static str> {
        let loaded = crate::load_str("rule.yaml", document, &crate::LoadOptions::new());
        loaded.diagnostics.iter().map(|d| d.code).collect()
    }

    /// The diagnostics of `document` with code `code`: (message, pointer).
    pub(crate) fn findings(document: &str, code: &str) -> Vec<(String, String)> {
        let loaded = crate::load_str("rule.yaml", document, &crate::LoadOptions::new());
        loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| {
                let p = d.location.as_ref().map(|l| l.pointer.clone());
                (d.message.clone(), p.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn template_variables() {
        assert_eq!(super::template_vars("/a/{b}/c{d}.{e}"), ["b", "d", "e"]);
        assert!(super::template_vars("/a/{b").is_empty());
    }

    #[test]
    fn every_rule_has_its_own_code_and_an_explanation() {
        let mut names: Vec<&str> = super::CODES.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), super::CODES.len());
        for c in super::CODES {
            assert!(!c.explanation.trim().is_empty(), "{}", c.name);
        }
    }
}
