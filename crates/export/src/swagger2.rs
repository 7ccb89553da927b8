//! OpenAPI 3.0 to Swagger 2.0: mapped where a faithful mapping exists, otherwise dropped or
//! carried as an extension, and always reported.

use oaskit_core::{join_pointer as join, Entry, Map, Node, Span, Value};

use crate::loss::Losses;
use crate::walk;

fn s(text: &str, span: Span) -> Node {
    Node::string(text, span)
}

fn obj(m: Map, span: Span) -> Node {
    Node::new(Value::Object(m), span)
}

fn arr(v: Vec<Node>, span: Span) -> Node {
    Node::new(Value::Array(v), span)
}

const METHODS_20: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Schema keywords that 2.0 parameters and headers carry inline.
const INLINE: [&str; 16] = [
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
];

struct Ctx<'l, 'o> {
    l: &'l mut Losses<'o>,
    root: Node,
}

impl Ctx<'_, '_> {
    fn deref<'a>(&'a self, n: &'a Node) -> &'a Node {
        oaskit_core::api::reference::follow(&self.root, n, "").node
    }
}

/// One 3.0 schema in the 2.0 dialect.
fn schema_to_20(n: &mut Node, ptr: &str, l: &mut Losses<'_>) {
    let Some(m) = n.as_object_mut() else { return };
    if let Some(x) = m.remove("nullable") {
        m.insert("x-nullable", x);
    }
    for k in ["oneOf", "anyOf", "not"] {
        if let Some(x) = m.remove(k) {
            l.node(
                "lost-keyword",
                format!(
                    "`{k}` has no Swagger 2.0 form; it was dropped and the schema accepts more"
                ),
                &x,
                &join(ptr, k),
            );
        }
    }
    if let Some(d) = m.remove("discriminator") {
        if let Some(p) = d.get("propertyName").cloned() {
            if d.get("mapping").is_some() {
                l.node("lost-field", "discriminator `mapping` has no Swagger 2.0 form; schema names must equal the values", &d, &join(ptr, "discriminator/mapping"));
            }
            m.insert("discriminator", p);
        }
    }
    for k in ["writeOnly", "deprecated"] {
        if let Some(x) = m.remove(k) {
            if x.as_bool() == Some(true) {
                l.node(
                    "lost-keyword",
                    format!("`{k}` has no Swagger 2.0 form"),
                    &x,
                    &join(ptr, k),
                );
            }
        }
    }
    if m.get("format").and_then(Node::as_str) == Some("binary")
        && m.get("type").and_then(Node::as_str) == Some("string")
    {
        // Only formData parameters can be files; elsewhere a binary string stays a string.
    }
}

/// Converts a Schema Object into the inline keywords of a 2.0 non-body parameter or header.
fn inline_schema(cx: &mut Ctx<'_, '_>, schema: &Node, ptr: &str, out: &mut Map) {
    let target = cx.deref(schema).clone();
    let Some(m) = target.as_object() else { return };
    for e in &m.entries {
        if INLINE.contains(&e.key.as_ref()) {
            if e.key.as_ref() == "items" {
                let mut im = Map::default();
                inline_schema(cx, &e.value, &join(ptr, "items"), &mut im);
                out.insert("items", obj(im, e.value.span));
            } else {
                out.insert(&e.key, e.value.clone());
            }
        } else if e.key.as_ref() == "nullable" {
            out.insert("x-nullable", e.value.clone());
        } else if !e.key.starts_with("x-")
            && !matches!(
                e.key.as_ref(),
                "description" | "example" | "title" | "readOnly"
            )
        {
            cx.l.node(
                "lost-keyword",
                format!(
                    "`{}` cannot stand in a Swagger 2.0 parameter or header",
                    e.key
                ),
                &e.value,
                &join(ptr, &e.key),
            );
        }
    }
    if !out.contains("type") {
        out.insert("type", s("string", schema.span));
        cx.l.node(
            "approximated",
            "a parameter without a simple type becomes a string in Swagger 2.0",
            schema,
            ptr,
        );
    } else if out.get("type").and_then(Node::as_str) == Some("object") {
        out.insert("type", s("string", schema.span));
        cx.l.node(
            "approximated",
            "object-valued parameters have no Swagger 2.0 form; written as a string",
            schema,
            ptr,
        );
    }
}

fn collection_format(p: &Map, location: &str) -> Option<&'static str> {
    let style = p.get("style").and_then(Node::as_str);
    let explode = p.get("explode").and_then(Node::as_bool);
    let style = style.unwrap_or(if matches!(location, "query" | "cookie") {
        "form"
    } else {
        "simple"
    });
    let explode = explode.unwrap_or(style == "form");
    Some(match (style, explode) {
        ("form", true) => "multi",
        ("form", false) | ("simple", _) => "csv",
        ("spaceDelimited", _) => "ssv",
        ("pipeDelimited", _) => "pipes",
        _ => return None,
    })
}

fn parameter(cx: &mut Ctx<'_, '_>, p: &Node, ptr: &str) -> Option<Node> {
    if let Some(r) = p.ref_str() {
        let target = cx.deref(p).clone();
        if target.get("in").and_then(Node::as_str) == Some("cookie") {
            cx.l.node(
                "lost-parameter",
                "cookie parameters have no Swagger 2.0 form; dropped",
                p,
                ptr,
            );
            return None;
        }
        let mut m = Map::default();
        m.insert(
            "$ref",
            s(
                &r.replace("#/components/parameters/", "#/parameters/"),
                p.span,
            ),
        );
        return Some(obj(m, p.span));
    }
    let m = p.as_object()?;
    let location = m
        .get("in")
        .and_then(Node::as_str)
        .unwrap_or("query")
        .to_string();
    if location == "cookie" {
        cx.l.node(
            "lost-parameter",
            "cookie parameters have no Swagger 2.0 form; dropped",
            p,
            ptr,
        );
        return None;
    }
    let mut out = Map::default();
    for e in &m.entries {
        match e.key.as_ref() {
            "name" | "in" | "description" | "required" | "allowEmptyValue" => {
                out.insert(&e.key, e.value.clone())
            }
            "example" => out.insert("x-example", e.value.clone()),
            "schema" => {
                let schema = e.value.clone();
                inline_schema(cx, &schema, &join(ptr, "schema"), &mut out);
            }
            "content" => {
                cx.l.node(
                    "approximated",
                    "content-based parameters have no Swagger 2.0 form; written as a string",
                    &e.value,
                    &join(ptr, "content"),
                );
                out.insert("type", s("string", e.value.span));
            }
            "style" | "explode" => {}
            "deprecated" | "allowReserved" | "examples" => {
                cx.l.node(
                    "lost-field",
                    format!("parameter `{}` has no Swagger 2.0 form", e.key),
                    &e.value,
                    &join(ptr, &e.key),
                );
            }
            k if k.starts_with("x-") => out.insert(k, e.value.clone()),
            _ => {}
        }
    }
    if out.get("type").and_then(Node::as_str) == Some("array") {
        match collection_format(m, &location) {
            Some("multi") if !matches!(location.as_str(), "query") => {
                cx.l.node(
                    "approximated",
                    "exploded arrays outside the query become csv in Swagger 2.0",
                    p,
                    ptr,
                );
                out.insert("collectionFormat", s("csv", p.span));
            }
            Some("csv") => {} // the 2.0 default
            Some(cf) => out.insert("collectionFormat", s(cf, p.span)),
            None => {
                cx.l.node(
                    "lost-field",
                    "this style has no Swagger 2.0 collectionFormat; csv is assumed",
                    p,
                    ptr,
                );
            }
        }
    } else if m.contains("style")
        && !matches!(
            m.get("style").and_then(Node::as_str),
            Some("form" | "simple")
        )
    {
        cx.l.node(
            "lost-field",
            "parameter style has no Swagger 2.0 form for this type",
            p,
            &join(ptr, "style"),
        );
    }
    Some(obj(out, p.span))
}

fn is_form(mt: &str) -> bool {
    mt.starts_with("application/x-www-form-urlencoded") || mt.starts_with("multipart/form-data")
}

/// A request body as a body parameter or formData parameters, plus the consumes list.
fn request_body(
    cx: &mut Ctx<'_, '_>,
    rb: &Node,
    ptr: &str,
    name_hint: &str,
) -> (Vec<Node>, Vec<String>) {
    if let Some(r) = rb.ref_str() {
        let target = cx.deref(rb).clone();
        let consumes: Vec<String> = target
            .get("content")
            .and_then(Node::as_object)
            .map(|c| c.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default();
        if consumes.iter().all(|c| !is_form(c)) {
            let mut m = Map::default();
            m.insert(
                "$ref",
                s(
                    &r.replace("#/components/requestBodies/", "#/parameters/"),
                    rb.span,
                ),
            );
            return (vec![obj(m, rb.span)], consumes);
        }
        return request_body(cx, &target, ptr, name_hint);
    }
    let Some(content) = rb.get("content").and_then(Node::as_object) else {
        return (Vec::new(), Vec::new());
    };
    let consumes: Vec<String> = content.iter().map(|(k, _)| k.to_string()).collect();
    let required = rb.get("required").and_then(Node::as_bool).unwrap_or(false);
    let Some((first_mt, first)) = content.iter().next() else {
        return (Vec::new(), consumes);
    };
    let schemas: Vec<&Node> = content
        .iter()
        .filter_map(|(_, m)| m.get("schema"))
        .collect();
    if schemas.windows(2).any(|w| !w[0].same_as(w[1])) {
        cx.l.node(
            "approximated",
            "media types with different schemas share one schema in Swagger 2.0 (the first)",
            rb,
            &join(ptr, "content"),
        );
    }
    if is_form(first_mt) {
        let schema = first.get("schema").map(|sc| cx.deref(sc).clone());
        let mut params = Vec::new();
        let req_list: Vec<String> = schema
            .as_ref()
            .and_then(|sc| sc.get("required"))
            .and_then(Node::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Node::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if let Some(props) = schema
            .as_ref()
            .and_then(|sc| sc.get("properties"))
            .and_then(Node::as_object)
        {
            for (name, ps) in props.iter() {
                let pp = join(
                    &join(&join(&join(ptr, "content"), first_mt), "schema/properties"),
                    name,
                );
                let mut out = Map::default();
                out.insert("name", s(name, ps.span));
                out.insert("in", s("formData", ps.span));
                if let Some(d) = cx.deref(ps).get("description").cloned() {
                    out.insert("description", d);
                }
                if req_list.iter().any(|r| r == name) {
                    out.insert("required", Node::new(Value::Bool(true), ps.span));
                }
                let target = cx.deref(ps).clone();
                if target.get("format").and_then(Node::as_str) == Some("binary") {
                    out.insert("type", s("file", ps.span));
                } else {
                    inline_schema(cx, ps, &pp, &mut out);
                }
                params.push(obj(out, ps.span));
            }
        }
        return (params, consumes);
    }
    let mut out = Map::default();
    out.insert("name", s(name_hint, rb.span));
    out.insert("in", s("body", rb.span));
    if let Some(d) = rb.get("description") {
        out.insert("description", d.clone());
    }
    if required {
        out.insert("required", Node::new(Value::Bool(true), rb.span));
    }
    out.insert(
        "schema",
        first
            .get("schema")
            .cloned()
            .unwrap_or_else(|| Node::object(rb.span)),
    );
    for (k, v) in rb
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(k, _)| k.starts_with("x-") && *k != "x-codegen-request-body-name")
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    {
        out.insert(&k, v);
    }
    (vec![obj(out, rb.span)], consumes)
}

fn response(cx: &mut Ctx<'_, '_>, r: &Node, ptr: &str, produces: &mut Vec<String>) -> Node {
    if let Some(rf) = r.ref_str() {
        if let Some(c) = cx.deref(r).get("content").and_then(Node::as_object) {
            for (k, _) in c.iter() {
                if !produces.iter().any(|p| p == k) {
                    produces.push(k.to_string());
                }
            }
        }
        let mut m = Map::default();
        m.insert(
            "$ref",
            s(
                &rf.replace("#/components/responses/", "#/responses/"),
                r.span,
            ),
        );
        return obj(m, r.span);
    }
    let mut out = Map::default();
    let Some(m) = r.as_object() else {
        return r.clone();
    };
    out.insert(
        "description",
        m.get("description")
            .cloned()
            .unwrap_or_else(|| s("", r.span)),
    );
    if let Some(content) = m.get("content").and_then(Node::as_object) {
        let mut examples = Map::default();
        let schemas: Vec<&Node> = content
            .iter()
            .filter_map(|(_, x)| x.get("schema"))
            .collect();
        if schemas.windows(2).any(|w| !w[0].same_as(w[1])) {
            cx.l.node(
                "approximated",
                "media types with different schemas share one schema in Swagger 2.0 (the first)",
                r,
                &join(ptr, "content"),
            );
        }
        if let Some(sc) = schemas.first() {
            out.insert("schema", (*sc).clone());
        }
        for (mt, media) in content.iter() {
            if !produces.iter().any(|p| p == mt) {
                produces.push(mt.to_string());
            }
            if let Some(ex) = media.get("example") {
                examples.insert(mt, ex.clone());
            } else if let Some(exs) = media.get("examples").and_then(Node::as_object) {
                if let Some(first) = exs
                    .iter()
                    .next()
                    .map(|(_, e)| cx.deref(e).clone())
                    .and_then(|e| e.get("value").cloned())
                {
                    examples.insert(mt, first);
                }
                if exs.len() > 1 {
                    cx.l.node(
                        "approximated",
                        "Swagger 2.0 has one example per media type; the first was kept",
                        media,
                        &join(&join(&join(ptr, "content"), mt), "examples"),
                    );
                }
            }
            if let Some(enc) = media.get("encoding") {
                cx.l.node(
                    "lost-field",
                    "response encoding has no Swagger 2.0 form",
                    enc,
                    &join(&join(&join(ptr, "content"), mt), "encoding"),
                );
            }
        }
        if !examples.is_empty() {
            out.insert("examples", obj(examples, r.span));
        }
    }
    if let Some(hs) = m.get("headers").and_then(Node::as_object) {
        let mut headers = Map::default();
        for (name, h) in hs.iter() {
            let hp = join(&join(ptr, "headers"), name);
            let h = cx.deref(h).clone();
            let mut out_h = Map::default();
            if let Some(d) = h.get("description") {
                out_h.insert("description", d.clone());
            }
            if let Some(sc) = h.get("schema") {
                inline_schema(cx, sc, &join(&hp, "schema"), &mut out_h);
            } else {
                out_h.insert("type", s("string", h.span));
            }
            headers.insert(name, obj(out_h, h.span));
        }
        out.insert("headers", obj(headers, r.span));
    }
    if let Some(links) = m.get("links") {
        cx.l.node(
            "lost-field",
            "response links have no Swagger 2.0 form; dropped",
            links,
            &join(ptr, "links"),
        );
    }
    for e in &m.entries {
        if e.key.starts_with("x-") {
            out.insert(&e.key, e.value.clone());
        }
    }
    obj(out, r.span)
}

fn operation(cx: &mut Ctx<'_, '_>, op: &Node, ptr: &str) -> Node {
    let Some(m) = op.as_object() else {
        return op.clone();
    };
    let mut out = Map::default();
    let mut params: Vec<Node> = Vec::new();
    let mut consumes = Vec::new();
    let mut produces = Vec::new();
    for e in &m.entries {
        let p = join(ptr, &e.key);
        match e.key.as_ref() {
            "tags" | "summary" | "description" | "externalDocs" | "operationId" | "deprecated"
            | "security" => out.insert(&e.key, e.value.clone()),
            "parameters" => {
                for (i, x) in e.value.as_array().unwrap_or_default().iter().enumerate() {
                    if let Some(conv) = parameter(cx, x, &join(&p, &i.to_string())) {
                        params.push(conv);
                    }
                }
            }
            "requestBody" => {
                let hint = m
                    .get("x-codegen-request-body-name")
                    .or_else(|| e.value.get("x-codegen-request-body-name"))
                    .and_then(Node::as_str)
                    .unwrap_or("body")
                    .to_string();
                let (ps, cs) = request_body(cx, &e.value, &p, &hint);
                params.extend(ps);
                consumes = cs;
            }
            "responses" => {
                let mut rs = Map::default();
                if let Some(rm) = e.value.as_object() {
                    for r in &rm.entries {
                        if r.key.starts_with("x-") {
                            rs.insert(&r.key, r.value.clone());
                            continue;
                        }
                        if r.key.len() == 3 && r.key.ends_with("XX") {
                            cx.l.node(
                                "lost-response",
                                format!("status range {} has no Swagger 2.0 form; dropped", r.key),
                                &r.value,
                                &join(&p, &r.key),
                            );
                            continue;
                        }
                        let conv = response(cx, &r.value, &join(&p, &r.key), &mut produces);
                        rs.entries.push(Entry {
                            key: r.key.clone(),
                            key_span: r.key_span,
                            value: conv,
                        });
                    }
                }
                out.insert("responses", obj(rs, e.value.span));
            }
            "callbacks" | "servers" => {
                cx.l.node(
                    "lost-field",
                    format!("operation `{}` has no Swagger 2.0 form; dropped", e.key),
                    &e.value,
                    &p,
                );
            }
            "x-codegen-request-body-name" => {}
            // Operation schemes that 3.0 could not say travel back as schemes.
            "x-schemes" => out.insert("schemes", e.value.clone()),
            k if k.starts_with("x-") => out.insert(k, e.value.clone()),
            _ => {}
        }
    }
    let span = op.span;
    if !out.contains("responses") {
        cx.l.node(
            "approximated",
            "Swagger 2.0 requires responses; a default response was added",
            op,
            ptr,
        );
        let mut d = Map::default();
        d.insert("description", s("No response described", span));
        let mut rs = Map::default();
        rs.insert("default", obj(d, span));
        out.insert("responses", obj(rs, span));
    }
    let mut ordered = Map::default();
    for e in out.entries {
        if e.key.as_ref() == "responses" {
            if !consumes.is_empty() {
                ordered.insert(
                    "consumes",
                    arr(consumes.iter().map(|c| s(c, span)).collect(), span),
                );
            }
            if !produces.is_empty() {
                ordered.insert(
                    "produces",
                    arr(produces.iter().map(|c| s(c, span)).collect(), span),
                );
            }
            if !params.is_empty() {
                ordered.insert("parameters", arr(std::mem::take(&mut params), span));
            }
        }
        ordered.entries.push(e);
    }
    obj(ordered, span)
}

/// Converts a 3.0 document to Swagger 2.0.
pub(crate) fn to_20(root: Node, l: &mut Losses<'_>) -> Node {
    let span = root.span;
    let mut cx = Ctx {
        l,
        root: root.clone(),
    };
    let mut src = root;
    walk::schemas_mut(&mut src, &mut |n, p| schema_to_20(n, p, cx.l));
    cx.root = src.clone();
    let Some(m) = src.as_object() else { return src };
    let mut out = Map::default();
    out.insert(
        "swagger",
        s("2.0", m.get("openapi").map_or(span, |n| n.span)),
    );
    for e in &m.entries {
        let k: &str = &e.key;
        match k {
            "openapi" => {}
            "info" | "tags" | "externalDocs" | "security" => out.insert(k, e.value.clone()),
            "servers" => servers(&mut cx, &e.value, &mut out),
            "paths" => {
                let mut paths = Map::default();
                for pe in e
                    .value
                    .as_object()
                    .map(|pm| pm.entries.clone())
                    .unwrap_or_default()
                {
                    let ip = join("/paths", &pe.key);
                    if pe.key.starts_with("x-") {
                        paths.entries.push(pe);
                        continue;
                    }
                    let item = cx.deref(&pe.value).clone();
                    let mut out_item = Map::default();
                    let mut common: Vec<Node> = Vec::new();
                    if let Some(ps) = item.get("parameters").and_then(Node::as_array) {
                        for (i, x) in ps.iter().enumerate() {
                            if let Some(conv) = parameter(
                                &mut cx,
                                x,
                                &join(&join(&ip, "parameters"), &i.to_string()),
                            ) {
                                common.push(conv);
                            }
                        }
                    }
                    for ie in item
                        .as_object()
                        .map(|im| im.entries.clone())
                        .unwrap_or_default()
                    {
                        let ik: &str = &ie.key;
                        if METHODS_20.contains(&ik) {
                            let conv = operation(&mut cx, &ie.value, &join(&ip, ik));
                            out_item.insert(ik, conv);
                        } else if ik == "trace" || ik == "servers" {
                            cx.l.node(
                                "lost-field",
                                format!("path item `{ik}` has no Swagger 2.0 form; dropped"),
                                &ie.value,
                                &join(&ip, ik),
                            );
                        } else if ik.starts_with("x-") {
                            out_item.insert(ik, ie.value.clone());
                        } else if matches!(ik, "summary" | "description") {
                            cx.l.node(
                                "lost-field",
                                format!("path item `{ik}` has no Swagger 2.0 form; dropped"),
                                &ie.value,
                                &join(&ip, ik),
                            );
                        }
                    }
                    if !common.is_empty() {
                        out_item.insert("parameters", arr(common, pe.value.span));
                    }
                    paths.entries.push(Entry {
                        key: pe.key.clone(),
                        key_span: pe.key_span,
                        value: obj(out_item, pe.value.span),
                    });
                }
                out.insert("paths", obj(paths, e.value.span));
            }
            "components" => components(&mut cx, &e.value, &mut out),
            k if k.starts_with("x-") => out.insert(k, e.value.clone()),
            _ => {}
        }
    }
    if !out.contains("paths") {
        out.insert("paths", Node::object(span));
    }
    hoist_media_lists(&mut out, span);
    let mut root = obj(out, span);
    walk::refs_mut(
        &mut root,
        &mut |r| {
            for (from, to) in [
                ("#/components/schemas/", "#/definitions/"),
                ("#/components/parameters/", "#/parameters/"),
                ("#/components/responses/", "#/responses/"),
                ("#/components/requestBodies/", "#/parameters/"),
            ] {
                if let Some(rest) = r.strip_prefix(from) {
                    return Some(format!("{to}{rest}"));
                }
            }
            None
        },
        0,
    );
    root
}

fn servers(cx: &mut Ctx<'_, '_>, list: &Node, out: &mut Map) {
    let Some(arr_) = list.as_array() else { return };
    let Some(first) = arr_.first() else { return };
    if arr_.len() > 1 {
        cx.l.node(
            "lost-field",
            format!(
                "Swagger 2.0 has one host and base path; {} more server(s) dropped",
                arr_.len() - 1
            ),
            &arr_[1],
            "/servers/1",
        );
    }
    let mut url = first
        .get("url")
        .and_then(Node::as_str)
        .unwrap_or("/")
        .to_string();
    if let Some(vars) = first.get("variables").and_then(Node::as_object) {
        for (k, v) in vars.iter() {
            if let Some(d) = v.get("default").and_then(Node::as_str) {
                url = url.replace(&format!("{{{k}}}"), d);
            }
        }
        cx.l.node(
            "approximated",
            "server variables were replaced by their defaults",
            first,
            "/servers/0/variables",
        );
    }
    let span = first.span;
    let (scheme, rest) = match url.split_once("://") {
        Some((sc, rest)) => (Some(sc.to_string()), rest.to_string()),
        None => (None, url.trim_start_matches("//").to_string()),
    };
    let has_host = scheme.is_some() || url.starts_with("//");
    let (host, base) = if has_host {
        match rest.find('/') {
            Some(i) => (Some(rest[..i].to_string()), rest[i..].to_string()),
            None => (Some(rest.clone()), String::new()),
        }
    } else {
        (None, url.clone())
    };
    if let Some(h) = host {
        out.insert("host", s(&h, span));
    }
    let base = base.trim_end_matches('/');
    if !base.is_empty() {
        out.insert("basePath", s(base, span));
    }
    let mut schemes: Vec<String> = scheme.into_iter().collect();
    for other in arr_.iter().skip(1) {
        // Other servers that differ only by scheme are kept as schemes.
        if let Some(u) = other.get("url").and_then(Node::as_str) {
            if let Some((sc, r)) = u.split_once("://") {
                if r == rest && !schemes.iter().any(|x| x == sc) {
                    schemes.push(sc.to_string());
                }
            }
        }
    }
    if !schemes.is_empty() {
        out.insert(
            "schemes",
            arr(schemes.iter().map(|x| s(x, span)).collect(), span),
        );
    }
}

fn components(cx: &mut Ctx<'_, '_>, c: &Node, out: &mut Map) {
    let Some(m) = c.as_object() else { return };
    for e in &m.entries {
        let p = join("/components", &e.key);
        match e.key.as_ref() {
            "schemas" => out.insert("definitions", e.value.clone()),
            "parameters" => {
                let mut params = Map::default();
                for pe in e
                    .value
                    .as_object()
                    .map(|x| x.entries.clone())
                    .unwrap_or_default()
                {
                    if let Some(conv) = parameter(cx, &pe.value, &join(&p, &pe.key)) {
                        params.insert(&pe.key, conv);
                    }
                }
                let existing = out.get_mut("parameters").and_then(Node::as_object_mut);
                match existing {
                    Some(ex) => ex.entries.extend(params.entries),
                    None => out.insert("parameters", obj(params, e.value.span)),
                }
            }
            "requestBodies" => {
                let mut params = Map::default();
                for rb in e
                    .value
                    .as_object()
                    .map(|x| x.entries.clone())
                    .unwrap_or_default()
                {
                    let (ps, _) = request_body(cx, &rb.value, &join(&p, &rb.key), &rb.key);
                    if ps.len() == 1 && ps[0].get("in").and_then(Node::as_str) == Some("body") {
                        params.insert(
                            &rb.key,
                            ps.into_iter()
                                .next()
                                .unwrap_or_else(|| Node::object(rb.value.span)),
                        );
                    } else {
                        cx.l.node("approximated", "form request bodies cannot be shared in Swagger 2.0; they are inlined where used", &rb.value, &join(&p, &rb.key));
                    }
                }
                let existing = out.get_mut("parameters").and_then(Node::as_object_mut);
                match existing {
                    Some(ex) => ex.entries.extend(params.entries),
                    None => out.insert("parameters", obj(params, e.value.span)),
                }
            }
            "responses" => {
                let mut rs = Map::default();
                let mut produces = Vec::new();
                for r in e
                    .value
                    .as_object()
                    .map(|x| x.entries.clone())
                    .unwrap_or_default()
                {
                    let conv = response(cx, &r.value, &join(&p, &r.key), &mut produces);
                    rs.insert(&r.key, conv);
                }
                out.insert("responses", obj(rs, e.value.span));
            }
            "securitySchemes" => {
                let mut defs = Map::default();
                for se in e
                    .value
                    .as_object()
                    .map(|x| x.entries.clone())
                    .unwrap_or_default()
                {
                    let sp = join(&p, &se.key);
                    let target = cx.deref(&se.value).clone();
                    if let Some(conv) = security_scheme(cx, &target, &sp) {
                        defs.insert(&se.key, conv);
                    }
                }
                out.insert("securityDefinitions", obj(defs, e.value.span));
            }
            "headers" | "examples" | "links" | "callbacks" => {
                cx.l.node("lost-field", format!("components.{} has no Swagger 2.0 form; references to it were resolved where possible", e.key), &e.value, &p);
            }
            k if k.starts_with("x-") => out.insert(k, e.value.clone()),
            _ => {}
        }
    }
}

fn security_scheme(cx: &mut Ctx<'_, '_>, sc: &Node, ptr: &str) -> Option<Node> {
    let m = sc.as_object()?;
    let span = sc.span;
    let mut out = Map::default();
    let kind = m.get("type").and_then(Node::as_str).unwrap_or("");
    match kind {
        "apiKey" => {
            if m.get("in").and_then(Node::as_str) == Some("cookie") {
                cx.l.node(
                    "lost-security",
                    "cookie API keys have no Swagger 2.0 form; dropped",
                    sc,
                    ptr,
                );
                return None;
            }
            out.insert("type", s("apiKey", span));
            for k in ["name", "in"] {
                if let Some(v) = m.get(k) {
                    out.insert(k, v.clone());
                }
            }
        }
        "http" => match m
            .get("scheme")
            .and_then(Node::as_str)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("basic") => out.insert("type", s("basic", span)),
            _ => {
                cx.l.node("approximated", "HTTP schemes other than basic are written as an API key in the Authorization header", sc, ptr);
                out.insert("type", s("apiKey", span));
                out.insert("name", s("Authorization", span));
                out.insert("in", s("header", span));
            }
        },
        "oauth2" => {
            out.insert("type", s("oauth2", span));
            let flows = m.get("flows").and_then(Node::as_object)?;
            let (name, flow) = flows.iter().next()?;
            if flows.len() > 1 {
                cx.l.node(
                    "lost-security",
                    "Swagger 2.0 has one OAuth2 flow per scheme; the others were dropped",
                    sc,
                    &join(ptr, "flows"),
                );
            }
            let flow_20 = match name {
                "implicit" => "implicit",
                "password" => "password",
                "clientCredentials" => "application",
                _ => "accessCode",
            };
            out.insert("flow", s(flow_20, span));
            for k in ["authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(v) = flow.get(k) {
                    out.insert(k, v.clone());
                }
            }
            if !out.contains("scopes") {
                out.insert("scopes", Node::object(span));
            }
        }
        _ => {
            cx.l.node(
                "lost-security",
                format!("security scheme type {kind:?} has no Swagger 2.0 form; dropped"),
                sc,
                ptr,
            );
            return None;
        }
    }
    if let Some(d) = m.get("description") {
        out.insert("description", d.clone());
    }
    for e in &m.entries {
        if e.key.starts_with("x-") {
            out.insert(&e.key, e.value.clone());
        }
    }
    Some(obj(out, span))
}

/// When every operation that lists `consumes` (or `produces`) lists the same types, the list
/// moves to the root, as Swagger 2.0 documents usually write it.
fn hoist_media_lists(out: &mut Map, span: Span) {
    for key in ["consumes", "produces"] {
        let mut lists: Vec<Node> = Vec::new();
        if let Some(paths) = out.get("paths").and_then(Node::as_object) {
            for (_, item) in paths.iter() {
                for (m, op) in item
                    .as_object()
                    .map(|x| x.iter().collect::<Vec<_>>())
                    .unwrap_or_default()
                {
                    if METHODS_20.contains(&m) {
                        if let Some(l) = op.get(key) {
                            lists.push(l.clone());
                        }
                    }
                }
            }
        }
        let Some(first) = lists.first().cloned() else {
            continue;
        };
        if !lists.iter().all(|l| l.same_as(&first)) {
            continue;
        }
        if let Some(Value::Object(paths)) = out.get_mut("paths").map(|p| &mut p.value) {
            for e in &mut paths.entries {
                if let Some(item) = e.value.as_object_mut() {
                    for op in &mut item.entries {
                        if METHODS_20.contains(&op.key.as_ref()) {
                            if let Some(om) = op.value.as_object_mut() {
                                om.remove(key);
                            }
                        }
                    }
                }
            }
        }
        // After info/host/basePath/schemes, before paths.
        let at = out
            .entries
            .iter()
            .position(|e| e.key.as_ref() == "paths")
            .unwrap_or(out.entries.len());
        out.entries.insert(
            at,
            Entry {
                key: key.into(),
                key_span: span,
                value: first,
            },
        );
    }
}
