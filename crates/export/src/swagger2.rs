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
    /// Request bodies renamed as body parameters (escaped pointer tokens, from -> to): 2.0
    /// keeps both 3.0 maps in `parameters`, where a body named like a parameter would be a
    /// duplicate key.
    bodies: Vec<(String, String)>,
}

impl Ctx<'_, '_> {
    /// The 2.0 reference for a 3.0 reference (`#/components/...`), if it moves.
    fn moved(&self, r: &str) -> Option<String> {
        moved_body(r, &self.bodies)
    }
}

/// [`moved`], with request bodies renamed by `bodies`.
fn moved_body(r: &str, bodies: &[(String, String)]) -> Option<String> {
    if let Some(rest) = r.strip_prefix("#/components/requestBodies/") {
        let rest = bodies
            .iter()
            .find(|(from, _)| from == rest)
            .map_or(rest, |(_, to)| to.as_str());
        return Some(format!("#/parameters/{rest}"));
    }
    moved(r)
}

/// The names request bodies take among the parameters of a 2.0 document (escaped pointer
/// tokens), where they differ from their 3.0 names.
fn body_names(components: Option<&Node>) -> Vec<(String, String)> {
    let names = |k: &str| -> Vec<String> {
        components
            .and_then(|c| c.get(k))
            .and_then(Node::as_object)
            .map(|m| m.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default()
    };
    let mut taken = names("parameters");
    let mut out = Vec::new();
    for b in names("requestBodies") {
        if !taken.contains(&b) {
            taken.push(b);
            continue;
        }
        let mut new = format!("{b}Body");
        let mut i = 2;
        while taken.contains(&new) {
            new = format!("{b}Body{i}");
            i += 1;
        }
        taken.push(new.clone());
        out.push((
            oaskit_core::escape_token(&b),
            oaskit_core::escape_token(&new),
        ));
    }
    out
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
    crate::versions::close_schema(m, SCHEMA_FIELDS_20, "a Swagger 2.0", ptr, l);
}

/// The fields of a Swagger 2.0 Schema Object (besides `x-` extensions).
const SCHEMA_FIELDS_20: &[&str] = &[
    "$ref",
    "format",
    "title",
    "description",
    "default",
    "multipleOf",
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
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "additionalProperties",
    "type",
    "items",
    "allOf",
    "properties",
    "discriminator",
    "readOnly",
    "xml",
    "externalDocs",
    "example",
];

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
                // The schema of the (only) media type, serialized as a simple value.
                let cp = join(ptr, "content");
                let first = e.value.as_object().and_then(|c| c.iter().next());
                match first.and_then(|(mt, media)| media.get("schema").map(|sc| (mt, sc))) {
                    Some((mt, schema)) => {
                        cx.l.node(
                            "approximated",
                            format!("content-based parameters have no Swagger 2.0 form; the schema of `{mt}` was written as a simple parameter"),
                            &e.value,
                            &cp,
                        );
                        let schema = schema.clone();
                        let sp = join(&join(&cp, mt), "schema");
                        inline_schema(cx, &schema, &sp, &mut out);
                    }
                    None => {
                        cx.l.node(
                            "approximated",
                            "content-based parameters have no Swagger 2.0 form; written as a string",
                            &e.value,
                            &cp,
                        );
                        out.insert("type", s("string", e.value.span));
                    }
                }
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
                s(&cx.moved(r).unwrap_or_else(|| r.to_string()), rb.span),
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
                let mut ranges: Vec<&Entry> = Vec::new();
                if let Some(rm) = e.value.as_object() {
                    for r in &rm.entries {
                        if r.key.starts_with("x-") {
                            rs.insert(&r.key, r.value.clone());
                            continue;
                        }
                        if r.key.len() == 3 && r.key.ends_with("XX") {
                            ranges.push(r);
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
                // 2.0 requires at least one response: when only ranges were documented, the
                // first (the lowest, as written) becomes the default response.
                let none_left = rs.iter().all(|(k, _)| k.starts_with("x-"));
                for (i, r) in ranges.into_iter().enumerate() {
                    let rp = join(&p, &r.key);
                    if i == 0 && none_left {
                        cx.l.node(
                            "approximated",
                            format!(
                                "status range {} has no Swagger 2.0 form; as the operation has no other response, it was written as the default response",
                                r.key
                            ),
                            &r.value,
                            &rp,
                        );
                        let conv = response(cx, &r.value, &rp, &mut produces);
                        rs.entries.push(Entry {
                            key: "default".into(),
                            key_span: r.key_span,
                            value: conv,
                        });
                    } else {
                        cx.l.node(
                            "lost-response",
                            format!("status range {} has no Swagger 2.0 form; dropped", r.key),
                            &r.value,
                            &rp,
                        );
                    }
                }
                if rs.iter().all(|(k, _)| k.starts_with("x-")) {
                    cx.l.node(
                        "approximated",
                        "Swagger 2.0 requires at least one response; a default response was added",
                        &e.value,
                        &p,
                    );
                    let mut d = Map::default();
                    d.insert("description", s("No response described", e.value.span));
                    rs.entries.insert(
                        0,
                        Entry {
                            key: "default".into(),
                            key_span: e.value.span,
                            value: obj(d, e.value.span),
                        },
                    );
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
    let bodies = body_names(root.get("components"));
    let mut cx = Ctx {
        l,
        root: root.clone(),
        bodies,
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
    security_requirements(&mut cx, &mut out);
    let mut root = obj(out, span);
    absolute_urls(&mut cx, &mut root);
    settle_references(&mut cx, &mut root);
    required_properties_exist(&mut cx, &mut root);
    root
}

/// Swagger 2.0 tools (swagger-parser's validator among them) refuse a definition or body
/// schema whose `required` names a property that neither it nor its `allOf` members declare,
/// which 3.0 allows (the property may come from `oneOf`/`anyOf`, dropped in 2.0, or from
/// `additionalProperties`): such names are dropped from `required` and reported.
fn required_properties_exist(cx: &mut Ctx<'_, '_>, root: &mut Node) {
    let mut places: Vec<Vec<String>> = Vec::new();
    if let Some(defs) = root.get("definitions").and_then(Node::as_object) {
        for (name, _) in defs.iter() {
            places.push(vec!["definitions".into(), name.to_string()]);
        }
    }
    let body_schemas = |params: &Node, at: &[String], places: &mut Vec<Vec<String>>| {
        let list: Vec<(String, &Node)> = match &params.value {
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, p)| (i.to_string(), p))
                .collect(),
            Value::Object(m) => m.iter().map(|(k, p)| (k.to_string(), p)).collect(),
            _ => Vec::new(),
        };
        for (k, p) in list {
            if p.get("in").and_then(Node::as_str) == Some("body") && p.get("schema").is_some() {
                let mut t = at.to_vec();
                t.extend([k, "schema".to_string()]);
                places.push(t);
            }
        }
    };
    if let Some(ps) = root.get("parameters") {
        body_schemas(ps, &["parameters".to_string()], &mut places);
    }
    if let Some(paths) = root.get("paths").and_then(Node::as_object) {
        for (path, item) in paths.iter() {
            for (m, op) in item
                .as_object()
                .map(|x| x.iter().collect::<Vec<_>>())
                .unwrap_or_default()
            {
                if !METHODS_20.contains(&m) {
                    continue;
                }
                if let Some(ps) = op.get("parameters") {
                    let at = [
                        "paths".to_string(),
                        path.to_string(),
                        m.to_string(),
                        "parameters".to_string(),
                    ];
                    body_schemas(ps, &at, &mut places);
                }
            }
        }
    }
    let mut fixes: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for tokens in places {
        let Some(schema) = root.pointer_tokens(tokens.iter().map(String::as_str)) else {
            continue;
        };
        let Some(required) = schema.get("required").and_then(Node::as_array) else {
            continue;
        };
        let mut declared: Vec<String> = Vec::new();
        declared_properties(root, schema, &mut declared, 0);
        let missing: Vec<String> = required
            .iter()
            .filter_map(Node::as_str)
            .filter(|r| !declared.iter().any(|d| d == r))
            .map(str::to_string)
            .collect();
        if !missing.is_empty() {
            fixes.push((tokens, missing));
        }
    }
    for (tokens, missing) in fixes {
        let ptr = tokens.iter().fold(String::new(), |p, t| join(&p, t));
        let Some(schema) = root
            .pointer_tokens_mut(&tokens)
            .and_then(Node::as_object_mut)
        else {
            continue;
        };
        let Some(required) = schema.get_mut("required") else {
            continue;
        };
        cx.l.node(
            "lost-keyword",
            format!(
                "`required` names {} that the schema does not declare, which Swagger 2.0 does not allow; the names were dropped and the schema accepts more",
                missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
            ),
            required,
            &join(&ptr, "required"),
        );
        if let Value::Array(a) = &mut required.value {
            a.retain(|n| n.as_str().is_none_or(|r| !missing.iter().any(|m| m == r)));
        }
        if required.as_array().is_some_and(<[Node]>::is_empty) {
            schema.remove("required");
        }
    }
}

/// The names of `properties` of `schema` and of its `allOf` members, references followed.
fn declared_properties(root: &Node, schema: &Node, out: &mut Vec<String>, depth: usize) {
    if depth > 64 {
        return;
    }
    let schema = oaskit_core::api::reference::follow(root, schema, "").node;
    if let Some(props) = schema.get("properties").and_then(Node::as_object) {
        out.extend(props.iter().map(|(k, _)| k.to_string()));
    }
    for member in schema
        .get("allOf")
        .and_then(Node::as_array)
        .unwrap_or_default()
    {
        declared_properties(root, member, out, depth + 1);
    }
}

/// Where 3.0 components live in Swagger 2.0.
const MOVED: [(&str, &str); 4] = [
    ("#/components/schemas/", "#/definitions/"),
    ("#/components/parameters/", "#/parameters/"),
    ("#/components/responses/", "#/responses/"),
    ("#/components/requestBodies/", "#/parameters/"),
];

fn moved(r: &str) -> Option<String> {
    MOVED
        .iter()
        .find_map(|(from, to)| r.strip_prefix(from).map(|rest| format!("{to}{rest}")))
}

/// Whether the reference `r` (as written in the output) resolves in `root`; references to
/// other documents are not judged.
fn resolves(root: &Node, r: Option<&str>) -> bool {
    match r {
        Some(r) if r.starts_with('#') => oaskit_core::api::reference::target(root, r).is_some(),
        _ => true,
    }
}

/// Every reference of the written document points into it, extensions (`x-webhooks`...)
/// included: component references move to their 2.0 places; one whose target the 2.0
/// document does not have (`#/components/examples/...`, headers, links, anything dropped) is
/// replaced by a copy of its target, its own references settled the same way, and reported;
/// a reference to nothing, or back into a copy being made, is dropped and reported.
fn settle_references(cx: &mut Ctx<'_, '_>, root: &mut Node) {
    let bodies = cx.bodies.clone();
    let found = walk::reference_objects_mut(root, "", &mut |r| moved_body(r, &bodies));
    let mut replace = Vec::new();
    let mut known: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
    for f in found {
        let Some(at) = root.pointer_tokens(f.tokens.iter().map(String::as_str)) else {
            continue;
        };
        let r = at.ref_str().unwrap_or_default();
        let ok = match known.get(r) {
            Some(&ok) => ok,
            None => {
                let ok = resolves(root, Some(r));
                known.insert(r.to_string(), ok);
                ok
            }
        };
        if ok {
            continue;
        }
        let span = at.span;
        let mut stack = vec![f.original.clone()];
        let copy = copy_target(cx, root, &f.original, &f.pointer, span, &mut stack);
        replace.push((f.tokens, copy));
    }
    for (tokens, copy) in replace {
        if let Some(n) = root.pointer_tokens_mut(&tokens) {
            *n = copy;
        }
    }
}

/// A copy of the target of `original` in the 3.0 document, for the reference at `ptr` of the
/// output `out`, with its references settled; an empty object when there is none.
fn copy_target(
    cx: &mut Ctx<'_, '_>,
    out: &Node,
    original: &str,
    ptr: &str,
    span: Span,
    stack: &mut Vec<String>,
) -> Node {
    let target = if original.starts_with('#') {
        oaskit_core::api::reference::target(&cx.root, original).map(|(t, _)| t.clone())
    } else {
        None
    };
    let Some(mut copy) = target else {
        cx.l.at(
            "lost-field",
            format!(
                "`{original}` has no target in the Swagger 2.0 document; the reference was dropped"
            ),
            span,
            ptr,
        );
        return Node::object(span);
    };
    let bodies = cx.bodies.clone();
    let found = walk::reference_objects_mut(&mut copy, ptr, &mut |r| moved_body(r, &bodies));
    let mut replace = Vec::new();
    for f in found {
        let Some(at) = copy.pointer_tokens(f.tokens.iter().map(String::as_str)) else {
            continue;
        };
        if resolves(out, at.ref_str()) {
            continue;
        }
        let inner_span = at.span;
        let inner = if stack.contains(&f.original) || stack.len() >= 32 {
            cx.l.at(
                "lost-field",
                format!("`{}` refers back into a copy of its own target, which Swagger 2.0 has no place for; the reference was dropped", f.original),
                inner_span,
                &f.pointer,
            );
            Node::object(inner_span)
        } else {
            stack.push(f.original.clone());
            let inner = copy_target(cx, out, &f.original, &f.pointer, inner_span, stack);
            stack.pop();
            inner
        };
        replace.push((f.tokens, inner));
    }
    for (tokens, inner) in replace {
        if let Some(n) = copy.pointer_tokens_mut(&tokens) {
            *n = inner;
        }
    }
    cx.l.at(
        "approximated",
        format!("`{original}` has no place in Swagger 2.0; a copy of its target was written instead of the reference"),
        span,
        ptr,
    );
    copy.span = span;
    copy
}

/// Security requirements name only schemes the 2.0 document defines (requirements that lose
/// a scheme are reported; one that loses all of them is dropped), and are unique (the 2.0
/// schema requires it; duplicates mean nothing more).
fn security_requirements(cx: &mut Ctx<'_, '_>, out: &mut Map) {
    let defined: Vec<String> = out
        .get("securityDefinitions")
        .and_then(Node::as_object)
        .map(|d| d.iter().map(|(k, _)| k.to_string()).collect())
        .unwrap_or_default();
    if let Some(list) = out.get_mut("security") {
        requirements(cx, list, "/security", &defined);
    }
    let Some(paths) = out.get_mut("paths").and_then(Node::as_object_mut) else {
        return;
    };
    for item in &mut paths.entries {
        let ip = join("/paths", &item.key);
        let Some(ops) = item.value.as_object_mut() else {
            continue;
        };
        for op in &mut ops.entries {
            if !METHODS_20.contains(&op.key.as_ref()) {
                continue;
            }
            let sp = join(&join(&ip, &op.key), "security");
            if let Some(list) = op.value.as_object_mut().and_then(|o| o.get_mut("security")) {
                requirements(cx, list, &sp, &defined);
            }
        }
    }
}

fn requirements(cx: &mut Ctx<'_, '_>, list: &mut Node, ptr: &str, defined: &[String]) {
    let Some(items) = (match &mut list.value {
        Value::Array(a) => Some(a),
        _ => None,
    }) else {
        return;
    };
    let mut kept: Vec<Node> = Vec::with_capacity(items.len());
    let mut seen: Vec<serde_json::Value> = Vec::new();
    for (i, req) in std::mem::take(items).into_iter().enumerate() {
        let rp = join(ptr, &i.to_string());
        let mut req = req;
        let req_span = req.span;
        if let Some(m) = req.as_object_mut() {
            let before = m.len();
            let mut dropped = Vec::new();
            m.entries.retain(|e| {
                let keep = defined.iter().any(|d| d == e.key.as_ref());
                if !keep {
                    dropped.push(e.key.to_string());
                }
                keep
            });
            if !dropped.is_empty() {
                let what = if m.is_empty() && before > 0 {
                    "the requirement was dropped"
                } else {
                    "the requirement was kept without them"
                };
                cx.l.at(
                    "lost-security",
                    format!(
                        "security requirement names {} that Swagger 2.0 cannot define; {what}",
                        dropped
                            .iter()
                            .map(|d| format!("`{d}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    req_span,
                    &rp,
                );
                if m.is_empty() {
                    continue;
                }
            }
        }
        let json = req.to_json();
        if seen.contains(&json) {
            continue;
        }
        seen.push(json);
        kept.push(req);
    }
    *items = kept;
}

/// Swagger 2.0 requires absolute URIs (RFC 3986) in `url` of contact, license and external
/// documentation, and a valid address in `email`, where 3.0 allows references and 3.1 checks
/// nothing. Characters a URI cannot hold are percent-encoded (reported); a relative reference
/// cannot be made absolute and moves to an extension (`x-url`, or `x-externalDocs` for the
/// whole object, whose `url` 2.0 requires), as does an invalid `email`; both reported.
fn absolute_urls(cx: &mut Ctx<'_, '_>, root: &mut Node) {
    if let Some(info) = root.as_object_mut().and_then(|m| m.get_mut("info")) {
        for (k, p) in [("contact", "/info/contact"), ("license", "/info/license")] {
            if let Some(o) = info.as_object_mut().and_then(|m| m.get_mut(k)) {
                url_field(cx, o, p, false);
                if k == "contact" {
                    email_field(cx, o, p);
                }
            }
        }
    }
    let Some(m) = root.as_object_mut() else {
        return;
    };
    external_docs(cx, m, "");
    if let Some(tags) = m.get_mut("tags").and_then(|t| match &mut t.value {
        Value::Array(a) => Some(a),
        _ => None,
    }) {
        for (i, t) in tags.iter_mut().enumerate() {
            if let Some(tm) = t.as_object_mut() {
                external_docs(cx, tm, &join("/tags", &i.to_string()));
            }
        }
    }
    if let Some(paths) = m.get_mut("paths").and_then(Node::as_object_mut) {
        for item in &mut paths.entries {
            let ip = join("/paths", &item.key);
            if let Some(ops) = item.value.as_object_mut() {
                for op in &mut ops.entries {
                    if METHODS_20.contains(&op.key.as_ref()) {
                        if let Some(om) = op.value.as_object_mut() {
                            external_docs(cx, om, &join(&ip, &op.key));
                        }
                    }
                }
            }
        }
    }
    walk::schemas_mut(root, &mut |n, p| {
        if let Some(sm) = n.as_object_mut() {
            external_docs(cx, sm, p);
        }
    });
}

fn external_docs(cx: &mut Ctx<'_, '_>, owner: &mut Map, ptr: &str) {
    let p = join(ptr, "externalDocs");
    let Some(docs) = owner.get_mut("externalDocs") else {
        return;
    };
    if !url_field(cx, docs, &p, true) {
        if let Some(docs) = owner.remove("externalDocs") {
            owner.insert("x-externalDocs", docs);
        }
    }
}

/// Makes `url` of `o` an absolute URI; `false` when it cannot be and `required` (the caller
/// moves the object), else a relative one moves to `x-url`.
fn url_field(cx: &mut Ctx<'_, '_>, o: &mut Node, ptr: &str, required: bool) -> bool {
    let o_span = o.span;
    let Some(m) = o.as_object_mut() else {
        return true;
    };
    let Some(url) = m.get("url").and_then(Node::as_str).map(str::to_string) else {
        return true;
    };
    let up = join(ptr, "url");
    let span = m.get("url").map_or(o_span, |n| n.span);
    if is_absolute_uri(&url) {
        return true;
    }
    if has_scheme(&url) {
        let fixed = percent_encode_uri(&url);
        if is_absolute_uri(&fixed) {
            cx.l.at(
                "approximated",
                "Swagger 2.0 requires a URI here; characters a URI cannot hold were percent-encoded",
                span,
                &up,
            );
            m.insert("url", s(&fixed, span));
            return true;
        }
    }
    if required {
        cx.l.at(
            "lost-field",
            format!("Swagger 2.0 requires an absolute URI here and {url:?} is not one; the object was kept as the extension `x-externalDocs`"),
            span,
            &up,
        );
        return false;
    }
    if let Some(v) = m.remove("url") {
        cx.l.at(
            "lost-field",
            format!("Swagger 2.0 requires an absolute URI here and {url:?} is not one; it was kept as the extension `x-url`"),
            span,
            &up,
        );
        m.insert("x-url", v);
    }
    true
}

fn email_field(cx: &mut Ctx<'_, '_>, o: &mut Node, ptr: &str) {
    let Some(m) = o.as_object_mut() else { return };
    let Some(email) = m.get("email").and_then(Node::as_str) else {
        return;
    };
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
    });
    if valid {
        return;
    }
    if let Some(v) = m.remove("email") {
        cx.l.node(
            "lost-field",
            "Swagger 2.0 requires an email address here; the value was kept as the extension `x-email`",
            &v,
            &join(ptr, "email"),
        );
        m.insert("x-email", v);
    }
}

/// The first server's URL with its variables at their defaults (OpenAPI 3's base for
/// relative references).
fn first_server_url(root: &Node) -> Option<String> {
    let first = root.get("servers")?.as_array()?.first()?;
    let url = first.get("url")?.as_str()?;
    let vars = first.get("variables");
    Some(oaskit_core::api::fill_url(url, |name| {
        vars?.get(name)?.get("default")?.as_str()
    }))
}

/// A `host` the Swagger 2.0 schema accepts: `^[^{}/ :\\]+(?::\d+)?$`.
fn is_host_20(h: &str) -> bool {
    let (name, port) = match h.rsplit_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (h, None),
    };
    !name.is_empty()
        && !name
            .chars()
            .any(|c| matches!(c, '{' | '}' | '/' | ' ' | ':' | '\\'))
        && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The absolute URI of an OAuth2 flow's `authorizationUrl`/`tokenUrl`: as written when it is
/// one; percent-encoded when only characters are at fault; else resolved against the first
/// server's URL, as 3.x resolves relative references. `None` when nothing absolute results.
fn oauth_url(url: &str, base: Option<&str>) -> Option<String> {
    if is_absolute_uri(url) {
        return Some(url.to_string());
    }
    if has_scheme(url) {
        return Some(percent_encode_uri(url)).filter(|u| is_absolute_uri(u));
    }
    let base = base.filter(|b| is_absolute_uri(b))?;
    let (scheme, rest) = base.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let joined = if let Some(net) = url.strip_prefix("//") {
        format!("{scheme}://{net}")
    } else if url.starts_with('/') {
        format!("{scheme}://{authority}{url}")
    } else {
        let path = rest[authority.len()..]
            .split(['?', '#'])
            .next()
            .unwrap_or("");
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{scheme}://{authority}{dir}/{url}")
    };
    Some(percent_encode_uri(&joined)).filter(|u| is_absolute_uri(u))
}

fn has_scheme(u: &str) -> bool {
    let Some((scheme, _)) = u.split_once(':') else {
        return false;
    };
    let mut c = scheme.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic())
        && c.all(|x| x.is_ascii_alphanumeric() || matches!(x, '+' | '-' | '.'))
}

/// An absolute URI of RFC 3986 (`scheme:` and then only characters a URI may hold, `%` only
/// before two hex digits, at most one `#`), conservatively: brackets are refused.
fn is_absolute_uri(u: &str) -> bool {
    if !has_scheme(u) || u.matches('#').count() > 1 {
        return false;
    }
    let b = u.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if !(i + 2 < b.len() && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit()) {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = c.is_ascii_alphanumeric() || b"-._~:/?#@!$&'()*+,;=".contains(&c);
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

/// `u` with every byte a URI cannot hold percent-encoded (UTF-8 for non-ASCII text, as RFC
/// 3987 maps IRIs to URIs), and every `#` after the first.
fn percent_encode_uri(u: &str) -> String {
    let b = u.as_bytes();
    let mut out = String::with_capacity(u.len());
    let mut hash = false;
    for (i, &c) in b.iter().enumerate() {
        let escape_ok = c == b'%'
            && b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        let keep = escape_ok
            || (c == b'#' && !hash)
            || (c != b'#' && (c.is_ascii_alphanumeric() || b"-._~:/?@!$&'()*+,;=".contains(&c)));
        if c == b'#' {
            hash = true;
        }
        if keep {
            out.push(char::from(c));
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
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
    // 2.0's schema: `host` is a name or address with an optional port (no scheme, path,
    // braces or spaces), `basePath` starts with `/`. A server URL that gives neither (a
    // placeholder like "Your API URL", or ",") is named as a loss, not written invalid.
    if let Some(h) = host {
        if is_host_20(&h) {
            out.insert("host", s(&h, span));
        } else {
            cx.l.node(
                "lost-field",
                format!("the server's host {h:?} is not a Swagger 2.0 host (name or address with an optional port); no host was written"),
                first,
                "/servers/0/url",
            );
        }
    }
    let base = base.trim_end_matches('/');
    if base.starts_with('/') {
        out.insert("basePath", s(base, span));
    } else if !base.is_empty() {
        cx.l.node(
            "lost-field",
            format!("the server URL {url:?} is neither absolute nor an absolute path; Swagger 2.0's basePath must start with `/`, so none was written"),
            first,
            "/servers/0/url",
        );
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
                        let escaped = oaskit_core::escape_token(&rb.key);
                        let name = match cx.bodies.iter().find(|(from, _)| *from == escaped) {
                            Some((_, to)) => {
                                let name = oaskit_core::unescape_token(to);
                                cx.l.node(
                                    "approximated",
                                    format!("Swagger 2.0 keeps request bodies among the parameters, where `{}` is taken; written as `{name}`", rb.key),
                                    &rb.value,
                                    &join(&p, &rb.key),
                                );
                                name
                            }
                            None => rb.key.to_string(),
                        };
                        params.insert(
                            &name,
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
            let base = first_server_url(&cx.root);
            for k in ["authorizationUrl", "tokenUrl"] {
                let Some(v) = flow.get(k) else { continue };
                let written = v.as_str().unwrap_or_default();
                let kp = join(ptr, &format!("flows/{name}/{k}"));
                match oauth_url(written, base.as_deref()) {
                    Some(u) if u == written => out.insert(k, v.clone()),
                    Some(u) => {
                        cx.l.node("approximated", format!("Swagger 2.0 requires an absolute URI for `{k}`; {written:?} was written as {u:?} (resolved against the first server's URL)"), v, &kp);
                        out.insert(k, s(&u, v.span));
                    }
                    None => {
                        cx.l.node("lost-security", format!("Swagger 2.0 requires an absolute URI for `{k}` and {written:?} cannot be made one (no absolute server URL to resolve it against); the scheme was dropped"), v, &kp);
                        return None;
                    }
                }
            }
            if let Some(v) = flow.get("scopes") {
                out.insert("scopes", v.clone());
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
