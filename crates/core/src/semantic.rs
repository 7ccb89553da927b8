//! Rules of the specification text that the official JSON Schemas cannot express.
//!
//! | code | severity | rule |
//! | --- | --- | --- |
//! | `operation-id-duplicate` | error | operationIds are unique in the document |
//! | `path-param-undeclared` | error | every `{name}` of a path template is a declared path parameter |
//! | `path-param-unused` | error | every path parameter appears in the path template |
//! | `path-param-not-required` | error | path parameters are `required: true` |
//! | `parameter-duplicate` | error | no two parameters share name and location in one list |
//! | `path-ambiguous` | error | no two templated paths differ only in variable names |
//! | `path-template-ambiguous` | warning | two variables next to each other (`/{a}{b}`) |
//! | `security-scheme-undefined` | error | security requirements name defined schemes |
//! | `discriminator-mapping-unresolved` | error | discriminator mappings name existing schemas |
//! | `server-variable-default` | error | a server variable's default is one of its enum values |
//! | `server-variable-undefined` | error | every `{name}` in a server URL is a defined variable |
//! | `response-code-invalid` | error | response keys are `default`, `100`-`599` or `1XX`-`5XX` |
//! | `component-name` | warning | component keys match `^[a-zA-Z0-9.\-_]+$` |
//! | `body-param-conflict` | error | Swagger 2.0: at most one body parameter, never with formData |
//! | `tag-duplicate` | error | tag names in the root `tags` list are unique |
//! | `get-request-body` | warning | GET and HEAD bodies have no defined semantics |
//! | `parameter-ignored` | warning | header parameters named Accept, Content-Type or Authorization are ignored |
//! | `link-operation-unknown` | error | a link's `operationId` names an operation of the document |

use std::collections::{HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::load::Origins;
use crate::node::{join, Node};
use crate::version::SpecVersion;

const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

struct Ctx<'a> {
    root: &'a Node,
    version: SpecVersion,
    origins: &'a Origins,
    diags: &'a mut Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    fn at(&self, node: &Node, pointer: &str) -> (crate::source::Span, String) {
        (node.span, self.origins.original(pointer))
    }

    fn push(&mut self, d: Diagnostic, node: &Node, pointer: &str) {
        let (span, p) = self.at(node, pointer);
        self.diags.push(d.at(span, p));
    }

    /// Follows local `$ref`s (bounded) and returns the target with its pointer.
    fn deref(&self, n: &'a Node, pointer: &str) -> (&'a Node, String) {
        let mut cur = n;
        let mut ptr = pointer.to_string();
        for _ in 0..32 {
            let Some(r) = cur.ref_str() else { break };
            let Some(frag) = r.strip_prefix('#') else {
                break;
            };
            let frag = crate::resolve::percent_decode(frag);
            match self.root.pointer(&frag) {
                Some(t) => {
                    cur = t;
                    ptr = frag;
                }
                None => break,
            }
        }
        (cur, ptr)
    }
}

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
    };
    paths(&mut cx);
    security(&mut cx);
    servers(&mut cx);
    components(&mut cx);
    discriminators(&mut cx, root, "", 0);
    tags(&mut cx);
    links(&mut cx);
}

fn links(cx: &mut Ctx<'_>) {
    if cx.version == SpecVersion::Swagger2 {
        return;
    }
    let root = cx.root;
    let mut ids = HashSet::new();
    let mut found: Vec<(&Node, String)> = Vec::new();
    if let Some(paths) = root.get("paths").and_then(Node::as_object) {
        for (p, item) in paths.iter() {
            let ip = join("/paths", p);
            let (item, ip) = cx.deref(item, &ip);
            for m in METHODS {
                let Some(op) = item.get(m) else { continue };
                if let Some(id) = op.get("operationId").and_then(Node::as_str) {
                    ids.insert(id.to_string());
                }
                let Some(responses) = op.get("responses").and_then(Node::as_object) else {
                    continue;
                };
                for (code, resp) in responses.iter() {
                    let rp = join(&join(&join(&ip, m), "responses"), code);
                    let (resp, rp) = cx.deref(resp, &rp);
                    if let Some(ls) = resp.get("links").and_then(Node::as_object) {
                        for (name, link) in ls.iter() {
                            found.push((link, join(&join(&rp, "links"), name)));
                        }
                    }
                }
            }
        }
    }
    if let Some(ls) = root
        .get("components")
        .and_then(|c| c.get("links"))
        .and_then(Node::as_object)
    {
        for (name, link) in ls.iter() {
            found.push((link, join("/components/links", name)));
        }
    }
    for (link, ptr) in found {
        let (link, ptr) = cx.deref(link, &ptr);
        if let Some(id) = link.get("operationId").and_then(Node::as_str) {
            if !ids.contains(id) {
                let n = link.get("operationId").unwrap_or(link);
                cx.push(
                    Diagnostic::error(
                        "link-operation-unknown",
                        format!("link names operationId {id:?}, which no operation has"),
                    ),
                    n,
                    &join(&ptr, "operationId"),
                );
            }
        }
    }
}

fn template_vars(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.push(rest[i + 1..i + j].to_string());
        rest = &rest[i + j + 1..];
    }
    out
}

fn normalized_template(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push_str("{}");
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// A parameter's (name, location), lower-casing header names.
fn param_key(p: &Node) -> Option<(String, String)> {
    let name = p.get("name")?.as_str()?;
    let loc = p.get("in")?.as_str()?;
    let name = if loc == "header" {
        name.to_ascii_lowercase()
    } else {
        name.to_string()
    };
    Some((name, loc.to_string()))
}

fn paths(cx: &mut Ctx<'_>) {
    let root = cx.root;
    let Some(paths) = root.get("paths").and_then(Node::as_object) else {
        return;
    };
    let mut op_ids: HashMap<String, (crate::source::Span, String)> = HashMap::new();
    let mut shapes: HashMap<String, (String, &Node)> = HashMap::new();
    for entry in &paths.entries {
        let path = &*entry.key;
        if !path.starts_with('/') {
            continue;
        }
        let item_ptr = join("/paths", path);
        let (item, item_ptr) = cx.deref(&entry.value, &item_ptr);
        let vars = template_vars(path);
        if path.contains("}{") {
            cx.diags.push(
                Diagnostic::warning(
                    "path-template-ambiguous",
                    format!("path {path:?} has two variables with nothing between them; routing must guess where one ends"),
                )
                .at(entry.key_span, cx.origins.original(&join("/paths", path))),
            );
        }
        if !vars.is_empty() {
            let shape = normalized_template(path);
            if let Some((other, _)) = shapes.get(&shape) {
                cx.diags.push(
                    Diagnostic::error(
                        "path-ambiguous",
                        format!("paths {other:?} and {path:?} differ only in the names of their variables; they are the same path"),
                    )
                    .at(entry.key_span, cx.origins.original(&join("/paths", path))),
                );
            } else {
                shapes.insert(shape, (path.to_string(), &entry.value));
            }
        }
        let common = item.get("parameters");
        if let Some(list) = common {
            param_list(cx, list, &join(&item_ptr, "parameters"));
        }
        let mut ops: Vec<(String, &Node, String)> = Vec::new();
        for m in METHODS {
            if m == "query" && cx.version < SpecVersion::OpenApi32 {
                continue;
            }
            if let Some(op) = item.get(m) {
                ops.push((m.to_string(), op, join(&item_ptr, m)));
            }
        }
        if let Some(extra) = item.get("additionalOperations").and_then(Node::as_object) {
            for (m, op) in extra.iter() {
                ops.push((
                    m.to_string(),
                    op,
                    join(&join(&item_ptr, "additionalOperations"), m),
                ));
            }
        }
        for (method, op, op_ptr) in ops {
            if let Some(id) = op.get("operationId").and_then(Node::as_str) {
                let id_node = op.get("operationId").unwrap_or(op);
                let id_ptr = join(&op_ptr, "operationId");
                if let Some((span, ptr)) = op_ids.get(id) {
                    let d = Diagnostic::error(
                        "operation-id-duplicate",
                        format!("operationId {id:?} is used by more than one operation"),
                    )
                    .with_related(*span, ptr.clone(), "first used here");
                    cx.push(d, id_node, &id_ptr);
                } else {
                    let (span, p) = cx.at(id_node, &id_ptr);
                    op_ids.insert(id.to_string(), (span, p));
                }
            }
            // Effective parameters: operation-level override path-level by (name, in).
            let mut declared: HashMap<(String, String), (&Node, String)> = HashMap::new();
            for (list, base) in [
                (common, join(&item_ptr, "parameters")),
                (op.get("parameters"), join(&op_ptr, "parameters")),
            ] {
                let Some(arr) = list.and_then(Node::as_array) else {
                    continue;
                };
                for (i, p) in arr.iter().enumerate() {
                    let (p, pp) = cx.deref(p, &join(&base, &i.to_string()));
                    if let Some(k) = param_key(p) {
                        declared.insert(k, (p, pp));
                    }
                }
            }
            if let Some(list) = op.get("parameters") {
                param_list(cx, list, &join(&op_ptr, "parameters"));
            }
            for v in &vars {
                if !declared.contains_key(&(v.clone(), "path".to_string())) {
                    cx.push(
                        Diagnostic::error(
                            "path-param-undeclared",
                            format!("{} {path}: the template variable {{{v}}} is not declared as a path parameter", method.to_uppercase()),
                        )
                        .with_help(format!("add a parameter with `name: {v}`, `in: path` and `required: true`")),
                        op,
                        &op_ptr,
                    );
                }
            }
            let mut keys: Vec<_> = declared.keys().cloned().collect();
            keys.sort();
            for key in keys {
                let (p, pp) = &declared[&key];
                if key.1 != "path" {
                    continue;
                }
                if !vars.contains(&key.0) {
                    cx.push(
                        Diagnostic::error(
                            "path-param-unused",
                            format!("{} {path}: path parameter {:?} does not appear in the path template", method.to_uppercase(), key.0),
                        ),
                        p,
                        pp,
                    );
                } else if p.get("required").and_then(Node::as_bool) != Some(true) {
                    cx.push(
                        Diagnostic::error(
                            "path-param-not-required",
                            format!("path parameter {:?} must have `required: true`", key.0),
                        ),
                        p,
                        pp,
                    );
                }
            }
            if cx.version == SpecVersion::Swagger2 {
                let body = declared.keys().filter(|k| k.1 == "body").count();
                let form = declared.keys().filter(|k| k.1 == "formData").count();
                if body > 1 || (body == 1 && form > 0) {
                    cx.push(
                        Diagnostic::error(
                            "body-param-conflict",
                            format!("{} {path}: an operation has at most one body parameter, and never body and formData together", method.to_uppercase()),
                        ),
                        op,
                        &op_ptr,
                    );
                }
            } else if matches!(method.as_str(), "get" | "head") && op.get("requestBody").is_some() {
                let rb = op.get("requestBody").unwrap_or(op);
                cx.push(
                    Diagnostic::warning(
                        "get-request-body",
                        format!("{} {path} has a request body; HTTP gives it no defined semantics and many clients and proxies drop it", method.to_uppercase()),
                    ),
                    rb,
                    &join(&op_ptr, "requestBody"),
                );
            }
            if let Some(responses) = op.get("responses").and_then(Node::as_object) {
                for e in &responses.entries {
                    let k = &*e.key;
                    if !valid_response_key(k) && !k.starts_with("x-") {
                        cx.diags.push(
                            Diagnostic::error(
                                "response-code-invalid",
                                format!("response key {k:?} is not `default`, a status code from 100 to 599 or a range such as `4XX`"),
                            )
                            .at(e.key_span, cx.origins.original(&join(&join(&op_ptr, "responses"), k))),
                        );
                    }
                }
            }
            if let Some(sec) = op.get("security") {
                security_requirements(cx, sec, &join(&op_ptr, "security"));
            }
        }
    }
}

fn valid_response_key(k: &str) -> bool {
    if k == "default" {
        return true;
    }
    let b = k.as_bytes();
    if b.len() != 3 || !(b'1'..=b'5').contains(&b[0]) {
        return false;
    }
    (b[1].is_ascii_digit() && b[2].is_ascii_digit()) || (b[1] == b'X' && b[2] == b'X')
}

fn param_list(cx: &mut Ctx<'_>, list: &Node, base: &str) {
    let Some(arr) = list.as_array() else { return };
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    for (i, p) in arr.iter().enumerate() {
        let ptr = join(base, &i.to_string());
        let (t, _) = cx.deref(p, &ptr);
        let Some(key) = param_key(t) else { continue };
        if cx.version != SpecVersion::Swagger2
            && key.1 == "header"
            && matches!(key.0.as_str(), "accept" | "content-type" | "authorization")
        {
            cx.push(
                Diagnostic::warning(
                    "parameter-ignored",
                    format!("header parameter {:?} is ignored by the specification; use content types or security schemes instead", key.0),
                ),
                p,
                &ptr,
            );
        }
        if let Some(first) = seen.get(&key) {
            let d = Diagnostic::error(
                "parameter-duplicate",
                format!(
                    "parameter {:?} in {} is listed twice (first at {first})",
                    key.0, key.1
                ),
            );
            cx.push(d, p, &ptr);
        } else {
            seen.insert(key, cx.origins.original(&ptr));
        }
    }
}

fn scheme_names(cx: &Ctx<'_>) -> HashSet<String> {
    let defs = if cx.version == SpecVersion::Swagger2 {
        cx.root.get("securityDefinitions")
    } else {
        cx.root
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
    };
    defs.and_then(Node::as_object)
        .map(|m| m.iter().map(|(k, _)| k.to_string()).collect())
        .unwrap_or_default()
}

fn security(cx: &mut Ctx<'_>) {
    if let Some(sec) = cx.root.get("security") {
        security_requirements(cx, sec, "/security");
    }
}

fn security_requirements(cx: &mut Ctx<'_>, sec: &Node, base: &str) {
    let names = scheme_names(cx);
    let Some(reqs) = sec.as_array() else { return };
    for (i, req) in reqs.iter().enumerate() {
        let Some(m) = req.as_object() else { continue };
        for e in &m.entries {
            if !names.contains(&*e.key) {
                let where_ = if cx.version == SpecVersion::Swagger2 {
                    "securityDefinitions"
                } else {
                    "components/securitySchemes"
                };
                cx.diags.push(
                    Diagnostic::error(
                        "security-scheme-undefined",
                        format!(
                            "security requirement names {:?}, which is not defined in {where_}",
                            e.key
                        ),
                    )
                    .at(
                        e.key_span,
                        cx.origins
                            .original(&join(&join(base, &i.to_string()), &e.key)),
                    ),
                );
            }
        }
    }
}

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
            for m in METHODS {
                if let Some(s) = item.get(m).and_then(|o| o.get("servers")) {
                    lists.push((s, join(&join(&ip, m), "servers")));
                }
            }
        }
    }
    for (list, base) in lists {
        let Some(arr) = list.as_array() else { continue };
        for (i, server) in arr.iter().enumerate() {
            let sp = join(&base, &i.to_string());
            let vars = server.get("variables").and_then(Node::as_object);
            if let Some(url) = server.get("url").and_then(Node::as_str) {
                for v in template_vars(url) {
                    if !vars.is_some_and(|m| m.contains(&v)) {
                        let n = server.get("url").unwrap_or(server);
                        cx.push(
                            Diagnostic::error(
                                "server-variable-undefined",
                                format!(
                                    "server URL {url:?} uses {{{v}}}, which is not in `variables`"
                                ),
                            ),
                            n,
                            &join(&sp, "url"),
                        );
                    }
                }
            }
            let Some(vars) = vars else { continue };
            for (name, var) in vars.iter() {
                let vp = join(&join(&sp, "variables"), name);
                let (Some(def), Some(en)) =
                    (var.get("default"), var.get("enum").and_then(Node::as_array))
                else {
                    continue;
                };
                if !en.iter().any(|e| e.same_as(def)) {
                    cx.push(
                        Diagnostic::error(
                            "server-variable-default",
                            format!("server variable {name:?}: the default is not one of its enum values"),
                        ),
                        def,
                        &join(&vp, "default"),
                    );
                }
            }
        }
    }
}

fn components(cx: &mut Ctx<'_>) {
    if cx.version == SpecVersion::Swagger2 {
        return;
    }
    let Some(comps) = cx.root.get("components").and_then(Node::as_object) else {
        return;
    };
    for (section, map) in comps.iter() {
        if section.starts_with("x-") {
            continue;
        }
        let Some(m) = map.as_object() else { continue };
        for e in &m.entries {
            let ok = !e.key.is_empty()
                && e.key
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'));
            if !ok {
                cx.diags.push(
                    Diagnostic::warning(
                        "component-name",
                        format!("component name {:?} in {section} does not match ^[a-zA-Z0-9.\\-_]+$; tools may refuse or rename it", e.key),
                    )
                    .at(e.key_span, cx.origins.original(&join(&join("/components", section), &e.key))),
                );
            }
        }
    }
}

fn discriminators(cx: &mut Ctx<'_>, node: &Node, pointer: &str, depth: usize) {
    if depth > 200 {
        return;
    }
    match &node.value {
        crate::node::Value::Object(m) => {
            if let Some(map) = m
                .get("discriminator")
                .and_then(|d| d.get("mapping"))
                .and_then(Node::as_object)
            {
                let schemas = crate::load::schemas_of(cx.root, cx.version);
                for (k, v) in map.iter() {
                    let Some(target) = v.as_str() else { continue };
                    let ok = if let Some(frag) = target.strip_prefix('#') {
                        cx.root
                            .pointer(&crate::resolve::percent_decode(frag))
                            .is_some()
                    } else if target.contains('/') || target.contains('#') {
                        true // an external or relative URI: bundling has resolved what it could
                    } else {
                        schemas.is_some_and(|s| s.contains(target))
                    };
                    if !ok {
                        let mp = join(&join(&join(pointer, "discriminator"), "mapping"), k);
                        cx.push(
                            Diagnostic::error(
                                "discriminator-mapping-unresolved",
                                format!(
                                    "discriminator mapping {k:?} -> {target:?} names no schema"
                                ),
                            ),
                            v,
                            &mp,
                        );
                    }
                }
            }
            for e in &m.entries {
                if e.key.starts_with("x-")
                    || matches!(&*e.key, "example" | "examples" | "enum" | "const")
                {
                    continue;
                }
                if matches!(
                    e.value.value,
                    crate::node::Value::Object(_) | crate::node::Value::Array(_)
                ) {
                    discriminators(cx, &e.value, &join(pointer, &e.key), depth + 1);
                }
            }
        }
        crate::node::Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                if matches!(
                    v.value,
                    crate::node::Value::Object(_) | crate::node::Value::Array(_)
                ) {
                    discriminators(cx, v, &join(pointer, &i.to_string()), depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn tags(cx: &mut Ctx<'_>) {
    let Some(list) = cx.root.get("tags").and_then(Node::as_array) else {
        return;
    };
    let mut seen = HashSet::new();
    for (i, t) in list.iter().enumerate() {
        let Some(name) = t.get("name").and_then(Node::as_str) else {
            continue;
        };
        if !seen.insert(name) {
            cx.push(
                Diagnostic::error("tag-duplicate", format!("tag {name:?} is declared twice")),
                t,
                &join("/tags", &i.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_keys() {
        for ok in ["200", "4XX", "default", "599", "101"] {
            assert!(valid_response_key(ok), "{ok}");
        }
        for bad in ["600", "20", "2xx", "099", "2X0", "ok"] {
            assert!(!valid_response_key(bad), "{bad}");
        }
        assert_eq!(template_vars("/a/{b}/c{d}.{e}"), ["b", "d", "e"]);
        assert_eq!(normalized_template("/a/{b}/{c}"), "/a/{}/{}");
    }
}
