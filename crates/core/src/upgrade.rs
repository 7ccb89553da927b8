//! Up-conversion: Swagger 2.0 to OpenAPI 3.0, and OpenAPI 3.0 to 3.1.
//!
//! Nodes keep the spans of the nodes they were made from, so every later diagnostic about the
//! converted document points into the user's original file.

use crate::diag::Diagnostic;
use crate::node::{join, Map, Node, Value};
use crate::source::Span;

fn s(text: &str, span: Span) -> Node {
    Node::string(text, span)
}

fn b(v: bool, span: Span) -> Node {
    Node::new(Value::Bool(v), span)
}

fn take(m: &mut Map, key: &str) -> Option<Node> {
    m.remove(key)
}

fn obj_of(node: Node) -> (Map, Span) {
    let span = node.span;
    match node.value {
        Value::Object(m) => (m, span),
        _ => (Map::default(), span),
    }
}

fn to_node(m: Map, span: Span) -> Node {
    Node::new(Value::Object(m), span)
}

fn strings(n: Option<&Node>) -> Option<Vec<String>> {
    n.and_then(Node::as_array).map(|a| {
        a.iter()
            .filter_map(Node::as_str)
            .map(str::to_string)
            .collect()
    })
}

/// Swagger 2.0 to OpenAPI 3.0.3. Reports what has no faithful mapping as warnings.
pub(crate) struct SwaggerUpgrade<'a> {
    diags: &'a mut Vec<Diagnostic>,
    consumes: Vec<String>,
    produces: Vec<String>,
    /// Global parameters by name: (is body, is formData, converted or raw node).
    global_params: Map,
    host: Option<Node>,
    base_path: Option<Node>,
    schemes: Option<Node>,
    /// Operation-level scheme lists that could not become servers: count, first place.
    lost_schemes: std::collections::BTreeMap<String, (usize, Span, String)>,
}

const SCHEMA_KEYS: [&str; 17] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

impl<'a> SwaggerUpgrade<'a> {
    pub fn new(diags: &'a mut Vec<Diagnostic>) -> Self {
        Self {
            diags,
            consumes: Vec::new(),
            produces: Vec::new(),
            global_params: Map::default(),
            host: None,
            base_path: None,
            schemes: None,
            lost_schemes: std::collections::BTreeMap::new(),
        }
    }

    /// Converts a 2.0 schema standing at `ptr` in the user's file to its 3.0 form, reporting
    /// what 3.0 cannot say.
    fn schema(&mut self, mut node: Node, ptr: &str) -> Node {
        let mut tuples = Vec::new();
        convert_schema(&mut node, &mut ptr.to_string(), 0, &mut tuples);
        for (span, at, code) in tuples {
            let msg = if code == "upgrade-tuple-items" {
                "`items` holds a list of schemas (one per position), which OpenAPI 3.0 cannot say; it became one schema that any of them satisfies (anyOf)"
            } else {
                "`type` is a list of types or `null`, which OpenAPI 3.0 cannot say; `null` became `nullable: true` and several types an `anyOf`"
            };
            self.warn(code, msg.into(), span, &at);
        }
        node
    }

    fn warn(&mut self, code: &'static str, msg: String, span: Span, pointer: &str) {
        self.diags
            .push(Diagnostic::warning(code, msg).at(span, pointer));
    }

    pub fn run(mut self, root: Node) -> Node {
        let (mut src, span) = obj_of(root);
        self.consumes = strings(src.get("consumes")).unwrap_or_default();
        self.produces = strings(src.get("produces")).unwrap_or_default();
        if let Some(p) = src.get("parameters").and_then(Node::as_object) {
            self.global_params = p.clone();
        }
        let mut out = Map::default();
        let version_span = src.get("swagger").map_or(span, |n| n.span);
        out.insert("openapi", s("3.0.3", version_span));
        let host = take(&mut src, "host");
        let base_path = take(&mut src, "basePath");
        let schemes = take(&mut src, "schemes");
        self.host.clone_from(&host);
        self.base_path.clone_from(&base_path);
        self.schemes.clone_from(&schemes);
        let mut components = Map::default();
        let mut defs_span = span;
        for e in std::mem::take(&mut src.entries) {
            match &*e.key {
                "swagger" | "consumes" | "produces" => {}
                "info" => {
                    out.insert("info", e.value);
                    if let Some(srv) =
                        servers(host.as_ref(), base_path.as_ref(), schemes.as_ref(), span)
                    {
                        out.insert("servers", srv);
                    }
                }
                "paths" => {
                    let paths = self.paths(e.value);
                    out.insert("paths", paths);
                }
                "definitions" => {
                    defs_span = e.value.span;
                    let (m, sp) = obj_of(e.value);
                    let mut schemas = Map::default();
                    for d in m.entries {
                        let at = format!("/definitions/{}", crate::node::escape_token(&d.key));
                        let value = self.schema(d.value, &at);
                        schemas.entries.push(crate::node::Entry {
                            key: d.key,
                            key_span: d.key_span,
                            value,
                        });
                    }
                    components.insert("schemas", to_node(schemas, sp));
                }
                "parameters" => {
                    let (m, sp) = obj_of(e.value);
                    let mut params = Map::default();
                    let mut bodies = Map::default();
                    for p in m.entries {
                        let ptr = join("/parameters", &p.key);
                        match p.value.get("in").and_then(Node::as_str) {
                            Some("body") => {
                                let rb = self.request_body_from_body(
                                    p.value,
                                    &self.consumes.clone(),
                                    &format!("{ptr}/schema"),
                                );
                                bodies.insert(&p.key, rb);
                            }
                            Some("formData") => {
                                // Form fields cannot be components in 3.0; they are inlined where used.
                                let _ = ptr;
                            }
                            _ => {
                                let conv = self.parameter(p.value, &ptr);
                                params.insert(&p.key, conv);
                            }
                        }
                    }
                    if !params.is_empty() {
                        components.insert("parameters", to_node(params, sp));
                    }
                    if !bodies.is_empty() {
                        components.insert("requestBodies", to_node(bodies, sp));
                    }
                }
                "responses" => {
                    let (m, sp) = obj_of(e.value);
                    let mut rs = Map::default();
                    for r in m.entries {
                        let at = join("/responses", &r.key);
                        let conv = self.response(r.value, &self.produces.clone(), &at);
                        rs.insert(&r.key, conv);
                    }
                    components.insert("responses", to_node(rs, sp));
                }
                "securityDefinitions" => {
                    let (m, sp) = obj_of(e.value);
                    let mut ss = Map::default();
                    for d in m.entries {
                        let ptr = join("/securityDefinitions", &d.key);
                        let conv = self.security_scheme(d.value, &ptr);
                        ss.insert(&d.key, conv);
                    }
                    components.insert("securitySchemes", to_node(ss, sp));
                }
                _ => out.entries.push(e),
            }
        }
        if !out.contains("servers") {
            if let Some(srv) = servers(host.as_ref(), base_path.as_ref(), schemes.as_ref(), span) {
                out.insert("servers", srv);
            }
        }
        if !components.is_empty() {
            // Keep a stable section order.
            let order = [
                "schemas",
                "responses",
                "parameters",
                "requestBodies",
                "securitySchemes",
            ];
            let mut sorted = Map::default();
            for k in order {
                if let Some(v) = components.remove(k) {
                    sorted.insert(k, v);
                }
            }
            out.insert("components", to_node(sorted, defs_span));
        }
        for (schemes, (count, at, ptr)) in std::mem::take(&mut self.lost_schemes) {
            self.warn(
                "upgrade-operation-schemes",
                format!(
                    "operation-level `schemes: [{schemes}]` on {count} operation(s) cannot become `servers` without a `host`; kept as `x-schemes`"
                ),
                at,
                &ptr,
            );
        }
        let mut root = to_node(out, span);
        rewrite_refs(&mut root, &self.global_params, false, 0);
        root
    }

    fn paths(&mut self, node: Node) -> Node {
        let (m, sp) = obj_of(node);
        let mut out = Map::default();
        for e in m.entries {
            if e.key.starts_with("x-") {
                out.entries.push(e);
                continue;
            }
            let ptr = join("/paths", &e.key);
            let item = self.path_item(e.value, &ptr);
            out.entries.push(crate::node::Entry {
                key: e.key,
                key_span: e.key_span,
                value: item,
            });
        }
        to_node(out, sp)
    }

    fn path_item(&mut self, node: Node, ptr: &str) -> Node {
        let (mut m, sp) = obj_of(node);
        let common = take(&mut m, "parameters");
        let (common_params, common_body) = match common.clone() {
            Some(c) => self.split_params(c, &join(ptr, "parameters")),
            None => (Vec::new(), Vec::new()),
        };
        let mut out = Map::default();
        for e in m.entries {
            let key = e.key.to_string();
            if matches!(
                key.as_str(),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch"
            ) {
                let op = self.operation(e.value, &join(ptr, &key), &common_body);
                out.insert(&key, op);
            } else {
                out.entries.push(e);
            }
        }
        if !common_params.is_empty() {
            let span = common.as_ref().map_or(sp, |c| c.span);
            let mut with_params = Map::default();
            let mut placed = false;
            for e in out.entries {
                if !placed
                    && !e.key.starts_with("x-")
                    && !matches!(&*e.key, "$ref" | "summary" | "description" | "servers")
                {
                    with_params.insert(
                        "parameters",
                        Node::new(Value::Array(common_params.clone()), span),
                    );
                    placed = true;
                }
                with_params.entries.push(e);
            }
            if !placed {
                with_params.insert("parameters", Node::new(Value::Array(common_params), span));
            }
            out = with_params;
        }
        to_node(out, sp)
    }

    /// Splits a parameter list into 3.0 parameters and the body/form parameters (raw).
    fn split_params(&mut self, list: Node, ptr: &str) -> (Vec<Node>, Vec<Node>) {
        let mut params = Vec::new();
        let mut body = Vec::new();
        let Value::Array(items) = list.value else {
            return (params, body);
        };
        for (i, p) in items.into_iter().enumerate() {
            let pp = join(ptr, &i.to_string());
            // Resolve global references to see what kind of parameter this is.
            let target = p
                .ref_str()
                .and_then(|r| r.strip_prefix("#/parameters/"))
                .map(crate::node::unescape_token)
                .and_then(|name| self.global_params.get(&name).cloned());
            let kind = target
                .as_ref()
                .unwrap_or(&p)
                .get("in")
                .and_then(Node::as_str)
                .map(str::to_string);
            match kind.as_deref() {
                Some("body") => body.push(p),
                Some("formData") => body.push(target.unwrap_or(p)),
                _ if p.ref_str().is_some() => params.push(p),
                _ => params.push(self.parameter(p, &pp)),
            }
        }
        (params, body)
    }

    fn operation(&mut self, node: Node, ptr: &str, common_body: &[Node]) -> Node {
        let (mut m, sp) = obj_of(node);
        let consumes = strings(m.get("consumes")).unwrap_or_else(|| self.consumes.clone());
        let produces = strings(m.get("produces")).unwrap_or_else(|| self.produces.clone());
        take(&mut m, "consumes");
        take(&mut m, "produces");
        let op_schemes = take(&mut m, "schemes");
        let (params, mut body) = match take(&mut m, "parameters") {
            Some(l) => self.split_params(l, &join(ptr, "parameters")),
            None => (Vec::new(), Vec::new()),
        };
        // Path-level body/form parameters apply unless the operation overrides them.
        for c in common_body {
            let name = c.get("name").and_then(Node::as_str);
            if !body
                .iter()
                .any(|b| b.get("name").and_then(Node::as_str) == name)
            {
                body.push(c.clone());
            }
        }
        let mut out = Map::default();
        let mut request_body = None;
        if !body.is_empty() {
            request_body = Some(self.request_body(body, &consumes, ptr));
        }
        let mut params_node = if params.is_empty() {
            None
        } else {
            Some(Node::new(Value::Array(params), sp))
        };
        for e in m.entries {
            match &*e.key {
                "responses" => {
                    if let Some(p) = params_node.take() {
                        out.insert("parameters", p);
                    }
                    if let Some(rb) = request_body.take() {
                        out.insert("requestBody", rb);
                    }
                    let (rm, rsp) = obj_of(e.value);
                    let mut rs = Map::default();
                    for r in rm.entries {
                        if r.key.starts_with("x-") {
                            rs.entries.push(r);
                            continue;
                        }
                        let at = format!("{ptr}{}", join("/responses", &r.key));
                        let conv = self.response(r.value, &produces, &at);
                        rs.entries.push(crate::node::Entry {
                            key: r.key,
                            key_span: r.key_span,
                            value: conv,
                        });
                    }
                    out.insert("responses", to_node(rs, rsp));
                }
                _ => out.entries.push(e),
            }
        }
        if let Some(p) = params_node {
            out.insert("parameters", p);
        }
        if let Some(rb) = request_body {
            out.insert("requestBody", rb);
        }
        if let Some(sch) = op_schemes {
            let mut mine = strings(Some(&sch)).unwrap_or_default();
            let mut global = strings(self.schemes.as_ref()).unwrap_or_default();
            mine.sort();
            global.sort();
            if mine == global {
                // The same as the document's: nothing to carry.
            } else if let Some(srv) = self
                .host
                .as_ref()
                .and_then(|h| servers(Some(h), self.base_path.as_ref(), Some(&sch), sch.span))
            {
                out.insert("servers", srv);
            } else {
                let entry = self.lost_schemes.entry(mine.join(",")).or_insert((
                    0,
                    sch.span,
                    join(ptr, "schemes"),
                ));
                entry.0 += 1;
                out.insert("x-schemes", sch);
            }
        }
        to_node(out, sp)
    }

    fn request_body(&mut self, params: Vec<Node>, consumes: &[String], ptr: &str) -> Node {
        if let Some(body) = params
            .iter()
            .find(|p| p.ref_str().is_some() || p.get("in").and_then(Node::as_str) == Some("body"))
        {
            if let Some(r) = body.ref_str() {
                let name = r.trim_start_matches("#/parameters/");
                return Node::new(
                    Value::Object(Map {
                        entries: vec![crate::node::Entry {
                            key: "$ref".into(),
                            key_span: body.span,
                            value: s(&format!("#/components/requestBodies/{name}"), body.span),
                        }],
                    }),
                    body.span,
                );
            }
            return self.request_body_from_body(
                body.clone(),
                consumes,
                &format!("{ptr}/parameters"),
            );
        }
        // formData parameters become one object schema.
        let span = params.first().map_or(Span::default(), |p| p.span);
        let has_file = params
            .iter()
            .any(|p| p.get("type").and_then(Node::as_str) == Some("file"));
        let mut types: Vec<String> = consumes
            .iter()
            .filter(|c| {
                c.starts_with("multipart/form-data")
                    || c.starts_with("application/x-www-form-urlencoded")
            })
            .cloned()
            .collect();
        if types.is_empty() {
            types.push(
                if has_file {
                    "multipart/form-data"
                } else {
                    "application/x-www-form-urlencoded"
                }
                .into(),
            );
        }
        let mut props = Map::default();
        let mut required = Vec::new();
        let mut any_required = false;
        for p in params {
            let name = p
                .get("name")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string();
            if p.get("required").and_then(Node::as_bool) == Some(true) {
                required.push(s(&name, p.span));
                any_required = true;
            }
            let (pm, psp) = obj_of(p);
            let (mut fields, desc) = param_schema(pm, psp);
            // Only schema keywords (and extensions) describe the property.
            fields
                .entries
                .retain(|e| SCHEMA_KEYS.contains(&&*e.key) || e.key.starts_with("x-"));
            if let Some(d) = desc {
                fields.insert("description", d);
            }
            let conv = self.schema(to_node(fields, psp), ptr);
            props.insert(&name, conv);
        }
        let _ = ptr;
        let mut sch = Map::default();
        sch.insert("type", s("object", span));
        sch.insert("properties", to_node(props, span));
        if !required.is_empty() {
            sch.insert("required", Node::new(Value::Array(required), span));
        }
        let sch = to_node(sch, span);
        let mut content = Map::default();
        for t in types {
            let mut mt = Map::default();
            mt.insert("schema", sch.clone());
            content.insert(&t, to_node(mt, span));
        }
        let mut rb = Map::default();
        rb.insert("content", to_node(content, span));
        if any_required {
            rb.insert("required", b(true, span));
        }
        to_node(rb, span)
    }

    fn request_body_from_body(&mut self, body: Node, consumes: &[String], ptr: &str) -> Node {
        let (mut m, sp) = obj_of(body);
        let mut out = Map::default();
        if let Some(d) = take(&mut m, "description") {
            out.insert("description", d);
        }
        let sch = match take(&mut m, "schema") {
            Some(sch) => self.schema(sch, ptr),
            None => Node::object(sp),
        };
        let types: Vec<String> = if consumes.is_empty() {
            vec!["application/json".into()]
        } else {
            consumes.to_vec()
        };
        let mut content = Map::default();
        for t in types {
            let mut mt = Map::default();
            mt.insert("schema", sch.clone());
            content.insert(&t, to_node(mt, sp));
        }
        out.insert("content", to_node(content, sp));
        if let Some(r) = take(&mut m, "required") {
            out.insert("required", r);
        }
        if let Some(n) = take(&mut m, "name") {
            out.insert("x-codegen-request-body-name", n);
        }
        for e in m.entries {
            if e.key.starts_with("x-") {
                out.entries.push(e);
            }
        }
        to_node(out, sp)
    }

    fn parameter(&mut self, node: Node, ptr: &str) -> Node {
        if node.ref_str().is_some() {
            return node;
        }
        let (m, sp) = obj_of(node);
        let location = m
            .get("in")
            .and_then(Node::as_str)
            .unwrap_or("query")
            .to_string();
        let collection = m
            .get("collectionFormat")
            .and_then(Node::as_str)
            .map(str::to_string);
        let is_array = m.get("type").and_then(Node::as_str) == Some("array");
        let cf_span = m.get("collectionFormat").map_or(sp, |n| n.span);
        let description = m.get("description").cloned();
        let (mut rest, _) = param_schema(m, sp);
        // Split the schema keywords from the parameter fields.
        let mut out = Map::default();
        let mut sch = Map::default();
        for e in std::mem::take(&mut rest.entries) {
            if SCHEMA_KEYS.contains(&&*e.key) {
                sch.entries.push(e);
            } else {
                match &*e.key {
                    "name" | "in" | "required" | "allowEmptyValue" => out.entries.push(e),
                    "description" => {}
                    "x-example" => out.insert("example", e.value),
                    k if k.starts_with("x-") => out.entries.push(e),
                    _ => {}
                }
            }
        }
        if let Some(d) = description {
            // Keep the description where the author wrote it: after `in`/`required` fields that preceded it.
            let at = out
                .entries
                .iter()
                .position(|e| &*e.key == "required")
                .unwrap_or(out.entries.len());
            let pos = if at < out.entries.len() && d.span.offset < out.entries[at].key_span.offset {
                at
            } else {
                out.entries.len()
            };
            out.entries.insert(
                pos,
                crate::node::Entry {
                    key: "description".into(),
                    key_span: d.span,
                    value: d,
                },
            );
        }
        if is_array {
            let cf = collection.as_deref().unwrap_or("csv");
            let (style, explode) = match (cf, location.as_str()) {
                ("multi", _) => (Some("form"), true),
                ("csv", "query" | "cookie") => (Some("form"), false),
                ("csv", _) => (Some("simple"), false),
                ("ssv", "query") => (Some("spaceDelimited"), false),
                ("pipes", "query") => (Some("pipeDelimited"), false),
                _ => (None, false),
            };
            match style {
                Some(st) => {
                    let default_style = if matches!(location.as_str(), "query" | "cookie") {
                        "form"
                    } else {
                        "simple"
                    };
                    let default_explode = st == "form";
                    if st != default_style {
                        out.insert("style", s(st, cf_span));
                    }
                    if explode != default_explode {
                        out.insert("explode", b(explode, cf_span));
                    }
                }
                None => {
                    self.warn(
                        "upgrade-collection-format",
                        format!("collectionFormat {cf:?} in {location} has no OpenAPI 3 style; kept as `x-collectionFormat`"),
                        cf_span,
                        &join(ptr, "collectionFormat"),
                    );
                    out.insert("x-collectionFormat", s(cf, cf_span));
                }
            }
        }
        let conv = self.schema(to_node(sch, sp), ptr);
        out.insert("schema", conv);
        to_node(out, sp)
    }

    fn response(&mut self, node: Node, produces: &[String], ptr: &str) -> Node {
        if node.ref_str().is_some() {
            return node;
        }
        let (mut m, sp) = obj_of(node);
        let mut out = Map::default();
        out.insert(
            "description",
            take(&mut m, "description").unwrap_or_else(|| s("", sp)),
        );
        let examples = take(&mut m, "examples");
        if let Some(h) = take(&mut m, "headers") {
            let (hm, hsp) = obj_of(h);
            let mut headers = Map::default();
            for e in hm.entries {
                let (pm, psp) = obj_of(e.value);
                let (mut sch, desc) = param_schema(pm, psp);
                let mut header = Map::default();
                if let Some(d) = desc {
                    header.insert("description", d);
                }
                let exts: Vec<_> = sch
                    .entries
                    .iter()
                    .filter(|x| x.key.starts_with("x-") && &*x.key != "x-nullable")
                    .cloned()
                    .collect();
                sch.entries
                    .retain(|x| !x.key.starts_with("x-") || &*x.key == "x-nullable");
                sch.entries.retain(|x| &*x.key != "collectionFormat");
                let at = format!("{ptr}{}", join("/headers", &e.key));
                let conv = self.schema(to_node(sch, psp), &at);
                header.insert("schema", conv);
                header.entries.extend(exts);
                headers.insert(&e.key, to_node(header, psp));
            }
            out.insert("headers", to_node(headers, hsp));
        }
        if let Some(sch) = take(&mut m, "schema") {
            let sch = self.schema(sch, &format!("{ptr}/schema"));
            let types: Vec<String> = if produces.is_empty() {
                vec!["application/json".into()]
            } else {
                produces.to_vec()
            };
            let mut content = Map::default();
            for t in types {
                let mut mt = Map::default();
                mt.insert("schema", sch.clone());
                if let Some(ex) = examples.as_ref().and_then(|e| e.get(&t)) {
                    mt.insert("example", ex.clone());
                }
                content.insert(&t, to_node(mt, sp));
            }
            out.insert("content", to_node(content, sp));
        } else if let Some(ex) = examples {
            // Examples without a schema: keep them per media type.
            let (em, esp) = obj_of(ex);
            let mut content = Map::default();
            for e in em.entries {
                let mut mt = Map::default();
                mt.insert("example", e.value);
                content.insert(&e.key, to_node(mt, esp));
            }
            out.insert("content", to_node(content, esp));
        }
        for e in m.entries {
            out.entries.push(e);
        }
        to_node(out, sp)
    }

    fn security_scheme(&mut self, node: Node, ptr: &str) -> Node {
        let (mut m, sp) = obj_of(node);
        let kind = m
            .get("type")
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_string();
        let mut out = Map::default();
        match kind.as_str() {
            "basic" => {
                out.insert("type", s("http", sp));
                out.insert("scheme", s("basic", sp));
                take(&mut m, "type");
            }
            "oauth2" => {
                take(&mut m, "type");
                out.insert("type", s("oauth2", sp));
                let flow = take(&mut m, "flow");
                let flow_name = match flow.as_ref().and_then(Node::as_str) {
                    Some("implicit") => "implicit",
                    Some("password") => "password",
                    Some("application") => "clientCredentials",
                    Some("accessCode") => "authorizationCode",
                    other => {
                        self.warn(
                            "upgrade-oauth-flow",
                            format!("unknown OAuth2 flow {other:?}"),
                            flow.as_ref().map_or(sp, |f| f.span),
                            &join(ptr, "flow"),
                        );
                        "implicit"
                    }
                };
                let mut f = Map::default();
                for k in ["authorizationUrl", "tokenUrl"] {
                    if let Some(v) = take(&mut m, k) {
                        f.insert(k, v);
                    }
                }
                f.insert(
                    "scopes",
                    take(&mut m, "scopes").unwrap_or_else(|| Node::object(sp)),
                );
                let mut flows = Map::default();
                flows.insert(flow_name, to_node(f, sp));
                if let Some(d) = take(&mut m, "description") {
                    out.insert("description", d);
                }
                out.insert("flows", to_node(flows, sp));
            }
            _ => {}
        }
        for e in m.entries {
            if !out.contains(&e.key) {
                out.entries.push(e);
            }
        }
        to_node(out, sp)
    }
}

/// The servers list from host, basePath and schemes.
fn servers(
    host: Option<&Node>,
    base: Option<&Node>,
    schemes: Option<&Node>,
    span: Span,
) -> Option<Node> {
    let base_path = base.and_then(Node::as_str).unwrap_or("");
    let host_str = host.and_then(Node::as_str);
    let sp = host.or(base).map_or(span, |n| n.span);
    let urls: Vec<String> = match host_str {
        Some(h) => {
            let schemes = strings(schemes).unwrap_or_default();
            if schemes.is_empty() {
                vec![format!("//{h}{base_path}")]
            } else {
                schemes
                    .iter()
                    .map(|sc| format!("{sc}://{h}{base_path}"))
                    .collect()
            }
        }
        None if !base_path.is_empty() && base_path != "/" => vec![base_path.to_string()],
        None => return None,
    };
    // A host or base path written as a template (`{region}.example.com`, as API Gateway
    // exports carry) names server variables, which 3.x requires to be declared: each becomes a
    // variable whose default is its own name, since 2.0 gives no value.
    let names: Vec<String> = template_names(&format!("{}{base_path}", host_str.unwrap_or("")));
    let list = urls
        .into_iter()
        .map(|u| {
            let mut m = Map::default();
            m.insert("url", s(&u, sp));
            if !names.is_empty() {
                let mut vars = Map::default();
                for n in &names {
                    let mut v = Map::default();
                    v.insert("default", s(n, sp));
                    v.insert(
                        "description",
                        s(
                            "a template in the Swagger 2.0 host or basePath, which gives no value",
                            sp,
                        ),
                    );
                    vars.insert(n, to_node(v, sp));
                }
                m.insert("variables", to_node(vars, sp));
            }
            to_node(m, sp)
        })
        .collect();
    Some(Node::new(Value::Array(list), sp))
}

/// The distinct `{name}`s of a URL template, in order.
fn template_names(t: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// A 2.0 parameter or header object without its description, turned into schema keywords.
/// Returns the remaining map (schema keywords plus other fields) and the description.
fn param_schema(mut m: Map, _sp: Span) -> (Map, Option<Node>) {
    let desc = m.remove("description");
    if m.get("type").and_then(Node::as_str) == Some("file") {
        m.insert(
            "type",
            Node::string("string", m.get("type").map_or(_sp, |n| n.span)),
        );
        let span = m.get("type").map_or(_sp, |n| n.span);
        m.insert("format", Node::string("binary", span));
    }
    m.remove("collectionFormat");
    if let Some(items) = m.get_mut("items") {
        if let Some(im) = items.as_object_mut() {
            im.remove("collectionFormat");
        }
    }
    (m, desc)
}

/// Converts a 2.0 schema in place to its 3.0 form: `x-nullable`, `type: file`, discriminator,
/// and `items` lists (2.0 allows a list of schemas, 3.0 only one). `ptr` is the schema's
/// pointer in the user's file; each converted list is returned with its span and pointer.
fn convert_schema(
    node: &mut Node,
    ptr: &mut String,
    depth: usize,
    tuples: &mut Vec<(Span, String, &'static str)>,
) {
    if depth > 256 {
        return;
    }
    let Value::Object(m) = &mut node.value else {
        return;
    };
    if let Some(n) = m.remove("x-nullable") {
        m.insert("nullable", n);
    }
    if m.get("type").and_then(Node::as_str) == Some("file") {
        let span = m.get("type").map_or(Span::default(), |n| n.span);
        m.insert("type", Node::string("string", span));
        m.insert("format", Node::string("binary", span));
    }
    if let Some(d) = m.get_mut("discriminator") {
        if let Some(prop) = d.as_str().map(str::to_string) {
            let span = d.span;
            let mut dm = Map::default();
            dm.insert("propertyName", Node::string(&prop, span));
            *d = Node::new(Value::Object(dm), span);
        }
    }
    type_list(m, ptr, tuples);
    let base = ptr.len();
    let mut items_done = false;
    if let Some(items) = m.get_mut("items") {
        if let Value::Array(list) = &mut items.value {
            // One schema for every position: the only one, or any of them. The positions are
            // converted first, at their pointers in the user's file.
            let span = items.span;
            tuples.push((span, format!("{ptr}/items"), "upgrade-tuple-items"));
            for (i, c) in list.iter_mut().enumerate() {
                crate::subschemas::Place::Item("items", i).push_to(ptr);
                convert_schema(c, ptr, depth + 1, tuples);
                ptr.truncate(base);
            }
            items_done = true;
            let list = std::mem::take(list);
            *items = if list.len() == 1 {
                list.into_iter()
                    .next()
                    .unwrap_or_else(|| Node::new(Value::Null, span))
            } else {
                let mut any = Map::default();
                any.insert("anyOf", Node::new(Value::Array(list), span));
                Node::new(Value::Object(any), span)
            };
        }
    }
    crate::subschemas::for_each_placed_mut(node, &mut |place, child| {
        // The positions of a converted tuple were converted above.
        if items_done && place.keyword() == "items" {
            return;
        }
        place.push_to(ptr);
        convert_schema(child, ptr, depth + 1, tuples);
        ptr.truncate(base);
    });
}

/// JSON Schema type lists (`type: [string, "null"]`) and `type: "null"`, which Swagger 2.0
/// documents carry from JSON Schema and OpenAPI 3.0 lacks: `null` becomes `nullable: true`
/// (alone, `nullable` with `enum: [null]`), several other types an `anyOf` of one per type.
fn type_list(m: &mut Map, ptr: &str, notes: &mut Vec<(Span, String, &'static str)>) {
    let Some(t) = m.get("type") else { return };
    let span = t.span;
    let types: Vec<String> = match &t.value {
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Value::String(x) if &**x == "null" => vec!["null".to_string()],
        _ => return,
    };
    notes.push((span, format!("{ptr}/type"), "upgrade-type-array"));
    let nullable = types.iter().any(|t| t == "null");
    let rest: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
    m.remove("type");
    if nullable {
        m.insert("nullable", Node::new(Value::Bool(true), span));
    }
    match rest.as_slice() {
        [] => {
            if nullable && m.get("enum").is_none() {
                m.insert(
                    "enum",
                    Node::new(Value::Array(vec![Node::new(Value::Null, span)]), span),
                );
            }
        }
        [one] => m.insert("type", Node::string(one, span)),
        many => {
            let alts: Vec<Node> = many
                .iter()
                .map(|t| {
                    let mut alt = Map::default();
                    alt.insert("type", Node::string(t, span));
                    Node::new(Value::Object(alt), span)
                })
                .collect();
            let any = Node::new(Value::Array(alts), span);
            if m.get("anyOf").is_none() {
                m.insert("anyOf", any);
            } else {
                let mut wrap = Map::default();
                wrap.insert("anyOf", any);
                let mut all = m
                    .remove("allOf")
                    .and_then(|a| match a.value {
                        Value::Array(v) => Some(v),
                        _ => None,
                    })
                    .unwrap_or_default();
                all.push(Node::new(Value::Object(wrap), span));
                m.insert("allOf", Node::new(Value::Array(all), span));
            }
        }
    }
}

/// Rewrites 2.0 reference targets to their 3.0 components.
fn rewrite_refs(node: &mut Node, global_params: &Map, name_map: bool, depth: usize) {
    if depth > 512 {
        return;
    }
    match &mut node.value {
        Value::Object(m) => {
            if let Some(r) = m.get_mut("$ref").filter(|_| !name_map) {
                if let Value::String(text) = &r.value {
                    let new = if let Some(rest) = text.strip_prefix("#/definitions/") {
                        Some(format!("#/components/schemas/{rest}"))
                    } else if let Some(rest) = text.strip_prefix("#/responses/") {
                        Some(format!("#/components/responses/{rest}"))
                    } else if let Some(rest) = text.strip_prefix("#/parameters/") {
                        let name = crate::node::unescape_token(rest);
                        let body = global_params
                            .get(&name)
                            .and_then(|p| p.get("in"))
                            .and_then(Node::as_str)
                            == Some("body");
                        Some(if body {
                            format!("#/components/requestBodies/{rest}")
                        } else {
                            format!("#/components/parameters/{rest}")
                        })
                    } else {
                        None
                    };
                    if let Some(n) = new {
                        r.value = Value::String(n.into());
                    }
                }
            }
            for e in &mut m.entries {
                // Examples are data. Extensions are opaque, but a Reference Object in one
                // (`x-model: {$ref: '#/definitions/X'}`) moves with its target, as export to
                // 2.0 moves it the other way: swagger-parser and other readers resolve
                // references inside extensions too, and a 2.0 place is dangling in 3.0.
                if !name_map && e.key.as_ref() == "example" {
                    continue;
                }
                let child_is_map = !name_map && crate::subschemas::MAP.contains(&e.key.as_ref());
                rewrite_refs(&mut e.value, global_params, child_is_map, depth + 1);
            }
        }
        Value::Array(a) => {
            for v in a {
                rewrite_refs(v, global_params, false, depth + 1);
            }
        }
        _ => {}
    }
}

/// OpenAPI 3.0 to 3.1: `nullable` to type arrays, boolean exclusive bounds to numbers.
pub fn to_31(mut root: Node) -> Node {
    if let Some(m) = root.as_object_mut() {
        if let Some(v) = m.get_mut("openapi") {
            v.value = Value::String("3.1.1".into());
        }
    }
    walk_schemas_31(&mut root, false, 0);
    reference_siblings_31(&mut root, 0);
    root
}

/// Maps and lists whose members may be Reference Objects (outside schemas).
const REFERENCE_HOLDERS: &[&str] = &[
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "links",
    "examples",
    "securitySchemes",
    "callbacks",
];

/// 3.0 ignores every field beside `$ref` in a Reference Object; 3.1 allows `summary` and
/// `description` there and nothing else, so the rest is dropped (nothing the 3.0 document
/// meant is lost). Path items are not Reference Objects and keep their fields.
fn reference_siblings_31(node: &mut Node, depth: usize) {
    if depth > 256 {
        return;
    }
    let strip = |n: &mut Node| {
        if let Some(m) = n.as_object_mut().filter(|m| m.contains("$ref")) {
            m.entries
                .retain(|e| matches!(&*e.key, "$ref" | "summary" | "description"));
        }
    };
    match &mut node.value {
        Value::Object(m) => {
            for e in &mut m.entries {
                let k: &str = &e.key;
                if k.starts_with("x-") || matches!(k, "example" | "schema" | "schemas") {
                    continue;
                }
                if k == "requestBody" {
                    strip(&mut e.value);
                } else if REFERENCE_HOLDERS.contains(&k) {
                    match &mut e.value.value {
                        Value::Object(holder) => {
                            holder.entries.iter_mut().for_each(|x| strip(&mut x.value))
                        }
                        Value::Array(list) => list.iter_mut().for_each(strip),
                        _ => {}
                    }
                }
                if k != "examples" {
                    reference_siblings_31(&mut e.value, depth + 1);
                }
            }
        }
        Value::Array(a) => {
            for v in a {
                reference_siblings_31(v, depth + 1);
            }
        }
        _ => {}
    }
}

fn walk_schemas_31(node: &mut Node, in_schema: bool, depth: usize) {
    if depth > 512 {
        return;
    }
    if in_schema {
        if let Value::Object(m) = &mut node.value {
            schema_31(m);
        }
        crate::subschemas::for_each_mut(node, &mut |child| walk_schemas_31(child, true, depth + 1));
        return;
    }
    match &mut node.value {
        Value::Object(m) => {
            for e in &mut m.entries {
                if e.key.starts_with("x-") || matches!(&*e.key, "example" | "examples") {
                    continue;
                }
                match &*e.key {
                    "schema" => walk_schemas_31(&mut e.value, true, depth + 1),
                    "schemas" => {
                        if let Value::Object(s) = &mut e.value.value {
                            for x in &mut s.entries {
                                walk_schemas_31(&mut x.value, true, depth + 1);
                            }
                        }
                    }
                    _ => walk_schemas_31(&mut e.value, false, depth + 1),
                }
            }
        }
        Value::Array(a) => {
            for v in a {
                walk_schemas_31(v, false, depth + 1);
            }
        }
        _ => {}
    }
}

/// Keywords kept beside a 3.0 `$ref` when it becomes 3.1: annotations, which 3.1 reads as
/// such, and `nullable` (below). 3.0 ignores every sibling of `$ref`; 3.1 applies them, so a
/// validation keyword left there (often not even valid: `type: application/json` is seen in
/// public definitions) would start constraining what 3.0 did not. They are dropped: the 3.1
/// schema means what the 3.0 one meant.
pub const REF_SIBLINGS_31: &[&str] = &[
    "$ref",
    "nullable",
    "description",
    "title",
    "summary",
    "deprecated",
    "readOnly",
    "writeOnly",
    "example",
    "externalDocs",
    "xml",
];

fn schema_31(m: &mut Map) {
    if m.contains("$ref") {
        m.entries
            .retain(|e| e.key.starts_with("x-") || REF_SIBLINGS_31.contains(&&*e.key));
    }
    if let Some(n) = m.get("nullable").and_then(Node::as_bool) {
        let span = m.get("nullable").map_or(Span::default(), |x| x.span);
        m.remove("nullable");
        if n {
            if let Some(t) = m.get_mut("type") {
                if let Some(ty) = t.as_str().map(str::to_string) {
                    t.value =
                        Value::Array(vec![Node::string(&ty, t.span), Node::string("null", span)]);
                }
                // An `enum` keeps its values: per 3.0.3, `nullable` does not extend other
                // constraints, so null stays allowed only where the enum lists it.
            } else {
                // No type (a $ref, allOf, ...): "this, or null".
                let inner = Node::new(Value::Object(std::mem::take(m)), span);
                let mut null = Map::default();
                null.insert("type", Node::string("null", span));
                m.insert(
                    "anyOf",
                    Node::new(
                        Value::Array(vec![inner, Node::new(Value::Object(null), span)]),
                        span,
                    ),
                );
                return;
            }
        }
    }
    for (flag, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(x) = m.get(flag).and_then(Node::as_bool) {
            if x {
                if let Some(v) = m.remove(bound) {
                    m.insert(flag, v);
                } else {
                    m.remove(flag);
                }
            } else {
                m.remove(flag);
            }
        }
    }
}
