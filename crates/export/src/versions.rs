//! Conversions between OpenAPI 3.0, 3.1 and 3.2.

use oaskit_core::{join_pointer as join, Entry, Map, Node, Value};

use crate::loss::Losses;
use crate::objects::{self, Kind};
use crate::walk;

fn s(text: &str, like: &Node) -> Node {
    Node::string(text, like.span)
}

fn set_version(root: &mut Node, v: &str) {
    if let Some(m) = root.as_object_mut() {
        if let Some(n) = m.get_mut("openapi") {
            n.value = Value::String(v.into());
        }
    }
}

/// 3.1 to 3.2: nothing is lost.
pub(crate) fn up_31_to_32(mut root: Node) -> Node {
    set_version(&mut root, "3.2.0");
    root
}

/// Fields that only OpenAPI 3.2 has, by the object they stand in: dropped with a warning.
fn drop_32(root: &mut Node, l: &mut Losses<'_>) {
    let Some(m) = root.as_object_mut() else {
        return;
    };
    if let Some(n) = m.remove("$self") {
        l.node(
            "lost-field",
            "`$self` is new in 3.2 and was dropped",
            &n,
            "/$self",
        );
    }
    if let Some(Value::Array(tags)) = m.get_mut("tags").map(|t| &mut t.value) {
        for (i, t) in tags.iter_mut().enumerate() {
            if let Some(tm) = t.as_object_mut() {
                for k in ["summary", "parent", "kind"] {
                    if let Some(n) = tm.remove(k) {
                        l.node(
                            "lost-field",
                            format!("tag `{k}` is new in 3.2 and was dropped"),
                            &n,
                            &join(&join("/tags", &i.to_string()), k),
                        );
                    }
                }
            }
        }
    }
    if let Some(Value::Object(paths)) = m.get_mut("paths").map(|p| &mut p.value) {
        for e in &mut paths.entries {
            let ip = join("/paths", &e.key);
            let Some(item) = e.value.as_object_mut() else {
                continue;
            };
            if let Some(n) = item.remove("query") {
                l.node("lost-operation", format!("the QUERY operation of {} is new in 3.2 and cannot be expressed; it was dropped", e.key), &n, &join(&ip, "query"));
            }
            if let Some(n) = item.remove("additionalOperations") {
                l.node(
                    "lost-operation",
                    format!(
                        "additionalOperations of {} are new in 3.2 and were dropped",
                        e.key
                    ),
                    &n,
                    &join(&ip, "additionalOperations"),
                );
            }
        }
    }
    inline_media_types(root, l);
    objects_32(root, l);
    // Media type fields new in 3.2, anywhere.
    strip_keys(
        root,
        "",
        &["itemSchema", "itemEncoding", "prefixEncoding"],
        "a 3.2 media type field",
        l,
        0,
    );
}

/// `#/components/mediaTypes/X` references (3.2) replaced by copies of their targets, then the
/// component map dropped.
fn inline_media_types(root: &mut Node, l: &mut Losses<'_>) {
    let Some(defs) = root
        .as_object_mut()
        .and_then(|m| m.get_mut("components"))
        .and_then(Node::as_object_mut)
        .and_then(|c| c.remove("mediaTypes"))
    else {
        return;
    };
    l.node(
        "lost-field",
        "components.mediaTypes is new in 3.2: its media types were copied where they are referenced",
        &defs,
        "/components/mediaTypes",
    );
    objects::each_object(root, &mut |kind, n, _| {
        let Some(content) = n
            .as_object_mut()
            .filter(|_| {
                matches!(
                    kind,
                    Kind::Parameter | Kind::Header | Kind::RequestBody | Kind::Response
                )
            })
            .and_then(|m| m.get_mut("content"))
            .and_then(Node::as_object_mut)
        else {
            return;
        };
        for e in &mut content.entries {
            // A chain of references ends within as many steps as there are media types.
            for _ in 0..=defs.as_object().map_or(0, Map::len) {
                let Some(name) = e
                    .value
                    .ref_str()
                    .and_then(|r| r.strip_prefix("#/components/mediaTypes/"))
                    .map(oaskit_core::unescape_token)
                else {
                    break;
                };
                match defs.get(&name) {
                    Some(target) => e.value = target.clone(),
                    None => break,
                }
            }
        }
    });
}

/// Fields of 3.2 objects that 3.1 lacks, object by object.
fn objects_32(root: &mut Node, l: &mut Losses<'_>) {
    objects::each_object(root, &mut |kind, n, ptr| {
        let Some(m) = n.as_object_mut() else { return };
        let new_field = |m: &mut Map, key: &str, what: &str, l: &mut Losses<'_>| {
            if let Some(x) = m.remove(key) {
                l.node(
                    "lost-field",
                    format!("{what} `{key}` is new in 3.2 and was dropped"),
                    &x,
                    &join(ptr, key),
                );
            }
        };
        match kind {
            Kind::Server => new_field(m, "name", "server", l),
            Kind::Response => new_field(m, "summary", "response", l),
            Kind::Example => {
                // 3.2 splits `value` into the data and its serialized form.
                if let Some(data) = m.remove("dataValue") {
                    if !m.contains("value") {
                        m.insert("value", data);
                    }
                }
                if let Some(x) = m.remove("serializedValue") {
                    if m.contains("value") || m.contains("externalValue") {
                        l.node("lost-field", "example `serializedValue` is new in 3.2 and was dropped (the example keeps its data value)", &x, &join(ptr, "serializedValue"));
                    } else {
                        l.node("approximated", "example `serializedValue` is new in 3.2; written as `value` (a string, where 3.1 expects the data)", &x, &join(ptr, "serializedValue"));
                        m.insert("value", x);
                    }
                }
            }
            Kind::SecurityScheme => {
                new_field(m, "oauth2MetadataUrl", "security scheme", l);
                new_field(m, "deprecated", "security scheme", l);
                if let Some(flows) = m.get_mut("flows").and_then(Node::as_object_mut) {
                    if let Some(x) = flows.remove("deviceAuthorization") {
                        l.node(
                            "lost-security",
                            "the OAuth2 device authorization flow is new in 3.2 and was dropped",
                            &x,
                            &join(ptr, "flows/deviceAuthorization"),
                        );
                    }
                }
            }
            Kind::Parameter => {
                if m.get("style").and_then(Node::as_str) == Some("cookie") {
                    if let Some(x) = m.get("style").cloned() {
                        l.node("approximated", "`style: cookie` is new in 3.2; written as `form`, the one style 3.1 has for cookies (values are joined with `&`, not `; `)", &x, &join(ptr, "style"));
                        m.insert("style", s("form", &x));
                    }
                }
                let query = m.get("in").and_then(Node::as_str) == Some("query");
                if !query {
                    if let Some(x) = m.remove("allowReserved") {
                        l.node("lost-field", "`allowReserved` outside query parameters is new in 3.2 and was dropped", &x, &join(ptr, "allowReserved"));
                    }
                }
            }
            Kind::MediaType => {
                new_field(m, "description", "media type", l);
                // Encoding Objects nest encodings of their own in 3.2.
                if let Some(enc) = m.get_mut("encoding").and_then(Node::as_object_mut) {
                    for e in &mut enc.entries {
                        let Some(em) = e.value.as_object_mut() else {
                            continue;
                        };
                        for k in ["encoding", "prefixEncoding", "itemEncoding"] {
                            if let Some(x) = em.remove(k) {
                                let at = join(&join(&join(ptr, "encoding"), &e.key), k);
                                l.node(
                                    "lost-field",
                                    format!("encoding `{k}` is new in 3.2 and was dropped"),
                                    &x,
                                    &at,
                                );
                            }
                        }
                    }
                }
            }
            Kind::PathItem | Kind::Operation | Kind::RequestBody | Kind::Header | Kind::Link => {}
        }
    });
    // XML `nodeType` (3.2) replaces `attribute` and `wrapped`: attributes map back.
    walk::schemas_mut(root, &mut |n, ptr| {
        let Some(xml) = n
            .as_object_mut()
            .and_then(|m| m.get_mut("xml"))
            .and_then(Node::as_object_mut)
        else {
            return;
        };
        let Some(kind) = xml.remove("nodeType") else {
            return;
        };
        let at = join(ptr, "xml/nodeType");
        match kind.as_str() {
            Some("attribute") => xml.insert("attribute", Node::new(Value::Bool(true), kind.span)),
            Some("element") => {}
            _ => l.node("lost-field", "XML `nodeType` is new in 3.2 and was dropped (3.1 writes every schema as an element or, with `attribute: true`, an attribute)", &kind, &at),
        }
    });
    // `in: querystring` (the whole query string as one parameter) has no earlier form.
    drop_parameters(
        root,
        l,
        "querystring",
        "lost-parameter",
        "`in: querystring` is new in 3.2; the parameter was dropped",
    );
}

/// Removes the parameters located `in` from every parameter list (and the components),
/// reporting each.
fn drop_parameters(
    root: &mut Node,
    l: &mut Losses<'_>,
    location: &str,
    code: &'static str,
    why: &str,
) {
    let is_it = |p: &Node| p.get("in").and_then(Node::as_str) == Some(location);
    if let Some(params) = root
        .as_object_mut()
        .and_then(|m| m.get_mut("components"))
        .and_then(Node::as_object_mut)
        .and_then(|c| c.get_mut("parameters"))
        .and_then(Node::as_object_mut)
    {
        let mut gone = Vec::new();
        params.entries.retain(|e| {
            let hit = is_it(&e.value);
            if hit {
                gone.push((e.key.to_string(), e.value.span));
            }
            !hit
        });
        // One walk empties every reference to a dropped component.
        let mut refs = std::collections::HashSet::new();
        for (name, span) in gone {
            let p = join("/components/parameters", &name);
            l.at(code, why.to_string(), span, &p);
            refs.insert(format!("#{p}"));
        }
        if !refs.is_empty() {
            walk::refs_mut(root, &mut |x| refs.contains(x).then(String::new), 0);
        }
    }
    objects::each_object(root, &mut |kind, n, ptr| {
        if !matches!(kind, Kind::PathItem | Kind::Operation) {
            return;
        }
        let Some(Value::Array(a)) = n
            .as_object_mut()
            .and_then(|m| m.get_mut("parameters"))
            .map(|p| &mut p.value)
        else {
            return;
        };
        let mut index = 0;
        a.retain(|p| {
            // A reference emptied above pointed at a dropped component (reported there).
            let dangling = p.ref_str() == Some("");
            let hit = is_it(p);
            if hit {
                let at = join(&join(ptr, "parameters"), &index.to_string());
                l.node(code, why.to_string(), p, &at);
            }
            index += 1;
            !hit && !dangling
        });
    });
}

fn strip_keys(
    n: &mut Node,
    ptr: &str,
    keys: &[&str],
    what: &str,
    l: &mut Losses<'_>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    match &mut n.value {
        Value::Object(m) => {
            for k in keys {
                if m.get("schema").is_some() || m.get("itemSchema").is_some() {
                    if let Some(x) = m.remove(k) {
                        l.node(
                            "lost-field",
                            format!("`{k}` ({what}) was dropped"),
                            &x,
                            &join(ptr, k),
                        );
                    }
                }
            }
            for e in &mut m.entries {
                if e.key.starts_with("x-")
                    || matches!(
                        e.key.as_ref(),
                        "example" | "examples" | "schema" | "schemas"
                    )
                {
                    continue;
                }
                let p = join(ptr, &e.key);
                strip_keys(&mut e.value, &p, keys, what, l, depth + 1);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                strip_keys(x, &join(ptr, &i.to_string()), keys, what, l, depth + 1);
            }
        }
        _ => {}
    }
}

/// 3.2 to 3.1: the 3.2 additions are dropped and reported.
pub(crate) fn down_32_to_31(mut root: Node, l: &mut Losses<'_>) -> Node {
    drop_32(&mut root, l);
    set_version(&mut root, "3.1.1");
    root
}

const UNSUPPORTED_30: [&str; 19] = [
    "prefixItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "dependentSchemas",
    "dependentRequired",
    "if",
    "then",
    "else",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "patternProperties",
    "$id",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "contentSchema",
    "$comment",
];

/// One schema, 2020-12 to the 3.0 dialect.
fn schema_to_30(n: &mut Node, ptr: &str, l: &mut Losses<'_>) {
    // `anyOf: [X, {type: null}]` is how 3.1 says "X or null": 3.0 says `nullable`.
    let null_pair = n
        .as_object()
        .filter(|m| m.len() == 1)
        .and_then(|m| m.get("anyOf"))
        .and_then(Node::as_array)
        .filter(|a| a.len() == 2)
        .and_then(|a| {
            let is_null = |x: &Node| {
                x.as_object().is_some_and(|o| {
                    o.len() == 1 && o.get("type").and_then(Node::as_str) == Some("null")
                })
            };
            (is_null(&a[1]) && a[0].as_object().is_some_and(|o| !o.contains("type")))
                .then(|| a[0].clone())
        });
    if let Some(mut inner) = null_pair {
        let span = inner.span;
        if let Some(im) = inner.as_object_mut() {
            im.insert("nullable", Node::new(Value::Bool(true), span));
        }
        *n = inner;
    }
    match n.value {
        Value::Bool(true) => {
            n.value = Value::Object(Map::default());
            return;
        }
        Value::Bool(false) => {
            let mut m = Map::default();
            m.insert("not", Node::object(n.span));
            n.value = Value::Object(m);
            return;
        }
        _ => {}
    }
    let span = n.span;
    let Some(m) = n.as_object_mut() else { return };
    m.remove("$schema");
    // $ref with siblings: 3.0 ignores siblings, so the reference moves into allOf.
    if m.contains("$ref") && m.len() > 1 {
        let r = m.remove("$ref").unwrap_or_else(|| Node::object(span));
        let mut inner = Map::default();
        inner.insert("$ref", r);
        let all = Node::new(
            Value::Array(vec![Node::new(Value::Object(inner), span)]),
            span,
        );
        m.entries.insert(
            0,
            Entry {
                key: "allOf".into(),
                key_span: span,
                value: all,
            },
        );
    }
    if let Some(t) = m.get("type").cloned() {
        if let Value::Array(types) = &t.value {
            let names: Vec<String> = types
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_string)
                .collect();
            let non_null: Vec<&String> = names.iter().filter(|x| *x != "null").collect();
            let nullable = names.len() != non_null.len();
            match non_null.len() {
                0 => {
                    m.remove("type");
                    l.node("approximated", "`type: [null]` has no 3.0 form; written as `nullable: true` without a type", &t, &join(ptr, "type"));
                }
                1 => {
                    m.insert("type", s(non_null[0], &t));
                }
                _ => {
                    m.remove("type");
                    let alts: Vec<Node> = non_null
                        .iter()
                        .map(|x| {
                            let mut a = Map::default();
                            a.insert("type", s(x, &t));
                            Node::new(Value::Object(a), t.span)
                        })
                        .collect();
                    m.insert("anyOf", Node::new(Value::Array(alts), t.span));
                    l.node("approximated", format!("type array {names:?} became anyOf of single types; keywords for one type now apply to all"), &t, &join(ptr, "type"));
                }
            }
            if nullable {
                m.insert("nullable", Node::new(Value::Bool(true), t.span));
            }
        } else if t.as_str() == Some("null") {
            m.remove("type");
            m.insert("nullable", Node::new(Value::Bool(true), t.span));
            l.node(
                "approximated",
                "`type: null` has no 3.0 form; written as `nullable: true`",
                &t,
                &join(ptr, "type"),
            );
        }
    }
    // `enum: []` accepts nothing (2020-12 allows the empty list; 3.0 requires an item).
    if m.get("enum")
        .and_then(Node::as_array)
        .is_some_and(|a| a.is_empty())
    {
        m.remove("enum");
        if !m.contains("not") {
            m.insert("not", Node::object(span));
        }
    }
    if let Some(c) = m.remove("const") {
        m.insert("enum", Node::new(Value::Array(vec![c]), span));
    }
    for (flag, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(x) = m.get(flag).cloned() {
            if matches!(x.value, Value::Number(_)) {
                m.insert(bound, x.clone());
                m.insert(flag, Node::new(Value::Bool(true), x.span));
            }
        }
    }
    if let Some(ex) = m.remove("examples") {
        if let Value::Array(list) = ex.value {
            if list.len() > 1 {
                l.at(
                    "approximated",
                    format!(
                        "schema `examples` has {} values; 3.0 keeps the first as `example`",
                        list.len()
                    ),
                    ex.span,
                    &join(ptr, "examples"),
                );
            }
            if let Some(first) = list.into_iter().next() {
                if !m.contains("example") {
                    m.insert("example", first);
                }
            }
        }
    }
    if let Some(enc) = m.remove("contentEncoding") {
        if enc.as_str() == Some("base64") {
            m.insert("format", s("byte", &enc));
        } else {
            l.node(
                "lost-keyword",
                "`contentEncoding` other than base64 has no 3.0 form",
                &enc,
                &join(ptr, "contentEncoding"),
            );
        }
    }
    if let Some(mt) = m.remove("contentMediaType") {
        if !m.contains("format") {
            m.insert("format", s("binary", &mt));
        }
    }
    for k in UNSUPPORTED_30 {
        if let Some(x) = m.remove(k) {
            l.node("lost-keyword", format!("JSON Schema keyword `{k}` has no OpenAPI 3.0 equivalent and was dropped; the 3.0 schema accepts more"), &x, &join(ptr, k));
        }
    }
    close_schema(m, SCHEMA_FIELDS_30, "an OpenAPI 3.0", ptr, l);
}

/// A Schema Object of a version with a closed list of fields (3.0 and 2.0 allow nothing else
/// but `x-`): anything else (a 2019-09 keyword like `$recursiveRef`, or a typo like `optional`
/// that 2020-12 ignores) is dropped and named; `required` becomes a non-empty list of unique
/// names, as both versions' schemas demand.
pub(crate) fn close_schema(
    m: &mut Map,
    fields: &[&str],
    target: &str,
    ptr: &str,
    l: &mut Losses<'_>,
) {
    let unknown: Vec<String> = m
        .entries
        .iter()
        .map(|e| e.key.to_string())
        .filter(|k| !k.starts_with("x-") && !fields.contains(&k.as_str()))
        .collect();
    for k in unknown {
        if let Some(x) = m.remove(&k) {
            l.node(
                "lost-keyword",
                format!("`{k}` is not a field of {target} schema and was dropped"),
                &x,
                &join(ptr, &k),
            );
        }
    }
    if let Some(req) = m.get_mut("required") {
        if let Value::Array(names) = &mut req.value {
            let mut seen = std::collections::HashSet::new();
            names.retain(|n| seen.insert(n.as_str().map(str::to_string)));
        }
        if req.as_array().is_some_and(|a| a.is_empty()) {
            m.remove("required");
        }
    }
}

/// The fields of an OpenAPI 3.0 Schema Object (besides `x-` extensions).
const SCHEMA_FIELDS_30: &[&str] = &[
    "$ref",
    "title",
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
    "type",
    "not",
    "allOf",
    "oneOf",
    "anyOf",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "example",
    "externalDocs",
    "deprecated",
    "xml",
];

/// Moves `components/schemas/X/$defs/Y` (or `.../definitions/Y`) to `components/schemas/X_Y`
/// and rewrites references.
fn hoist_defs(root: &mut Node, l: &mut Losses<'_>) {
    let mut moved: Vec<(String, String, Node)> = Vec::new();
    let Some(schemas) = root
        .pointer_tokens_mut(&["components".into(), "schemas".into()])
        .and_then(Node::as_object_mut)
    else {
        return;
    };
    // Sets and maps, not lists: a definition with thousands of `$defs` and references would
    // otherwise cost O(defs x schemas) and O(references x defs).
    let mut names: std::collections::HashSet<String> =
        schemas.entries.iter().map(|e| e.key.to_string()).collect();
    for e in &mut schemas.entries {
        let Some(m) = e.value.as_object_mut() else {
            continue;
        };
        // `$defs`, and draft-07's `definitions` that 3.1 documents still use: neither is a
        // keyword of 3.0 or 2.0 schemas.
        for keyword in ["$defs", "definitions"] {
            let Some(defs) = m.remove(keyword) else {
                continue;
            };
            let Value::Object(dm) = defs.value else {
                continue;
            };
            for d in dm.entries {
                let mut name = format!("{}_{}", e.key, d.key);
                while names.contains(&name) {
                    name.push('_');
                }
                names.insert(name.clone());
                let from = format!(
                    "#/components/schemas/{}/{keyword}/{}",
                    oaskit_core::escape_token(&e.key),
                    oaskit_core::escape_token(&d.key)
                );
                moved.push((from, name, d.value));
            }
        }
    }
    for (_, name, node) in &moved {
        // Every name is new (see `names`): no search of the existing entries.
        schemas.entries.push(oaskit_core::Entry {
            key: name.as_str().into(),
            key_span: node.span,
            value: node.clone(),
        });
    }
    if moved.is_empty() {
        return;
    }
    let by_from: std::collections::HashMap<&str, &str> = moved
        .iter()
        .map(|(from, name, _)| (from.as_str(), name.as_str()))
        .collect();
    walk::refs_mut(
        root,
        &mut |r| {
            // `#/components/schemas/X/$defs/Y` is the first six segments (X and Y escaped
            // contain no `/`); the rest, if any, starts with `/`.
            let cut = r.match_indices('/').nth(5).map_or(r.len(), |(i, _)| i);
            let (head, rest) = r.split_at(cut);
            by_from.get(head).map(|name| {
                format!(
                    "#/components/schemas/{}{rest}",
                    oaskit_core::escape_token(name)
                )
            })
        },
        0,
    );
    let _ = l;
}

/// 3.1 (or 3.2) to 3.0: every construct 3.0 lacks is mapped, approximated or dropped, and reported.
pub(crate) fn down_to_30(mut root: Node, from_32: bool, l: &mut Losses<'_>) -> Node {
    if from_32 {
        drop_32(&mut root, l);
    }
    set_version(&mut root, "3.0.3");
    let span = root.span;
    hoist_defs(&mut root, l);
    // Path items in components are new in 3.1: inline the ones paths refer to.
    let path_items = root.pointer("/components/pathItems").cloned();
    if let Some(m) = root.as_object_mut() {
        if let Some(d) = m.remove("jsonSchemaDialect") {
            if d.as_str() != Some("https://spec.openapis.org/oas/3.1/dialect/base") {
                l.node(
                    "lost-field",
                    "jsonSchemaDialect has no 3.0 equivalent; schemas are read as the 3.0 dialect",
                    &d,
                    "/jsonSchemaDialect",
                );
            }
        }
        if let Some(w) = m.remove("webhooks") {
            l.node(
                "lost-field",
                "webhooks are new in 3.1; they are kept as the extension `x-webhooks`",
                &w,
                "/webhooks",
            );
            m.insert("x-webhooks", w);
        }
        if !m.contains("paths") {
            m.insert("paths", Node::object(span));
        }
        if let Some(info) = m.get_mut("info").and_then(Node::as_object_mut) {
            if let Some(x) = info.remove("summary") {
                l.node(
                    "lost-field",
                    "info.summary is new in 3.1 and was dropped",
                    &x,
                    "/info/summary",
                );
            }
            if let Some(lic) = info.get_mut("license").and_then(Node::as_object_mut) {
                if let Some(x) = lic.remove("identifier") {
                    l.node(
                        "lost-field",
                        "license.identifier is new in 3.1 and was dropped",
                        &x,
                        "/info/license/identifier",
                    );
                }
            }
        }
        if let Some(Value::Object(paths)) = m.get_mut("paths").map(|p| &mut p.value) {
            for e in &mut paths.entries {
                let target = e
                    .value
                    .ref_str()
                    .and_then(|r| r.strip_prefix("#/components/pathItems/"))
                    .map(oaskit_core::unescape_token);
                if let (Some(name), Some(items)) = (target, &path_items) {
                    if let Some(item) = items.get(&name) {
                        e.value = item.clone();
                    }
                }
            }
        }
        if let Some(Value::Object(c)) = m.get_mut("components").map(|c| &mut c.value) {
            if let Some(x) = c.remove("pathItems") {
                if x.as_object().is_some_and(|pm| !pm.is_empty()) {
                    l.node(
                        "lost-field",
                        "components.pathItems is new in 3.1; the ones paths refer to were inlined",
                        &x,
                        "/components/pathItems",
                    );
                }
            }
        }
    }
    drop_mutual_tls(&mut root, l);
    walk::schemas_mut(&mut root, &mut |n, p| schema_to_30(n, p, l));
    add_missing_responses(&mut root, l);
    root
}

/// `mutualTLS` security schemes are new in 3.1: dropped, with every requirement naming them
/// (a requirement left with no scheme is dropped too, so an API that needed mutual TLS or a key
/// still needs the key).
fn drop_mutual_tls(root: &mut Node, l: &mut Losses<'_>) {
    let Some(schemes) = root
        .as_object_mut()
        .and_then(|m| m.get_mut("components"))
        .and_then(Node::as_object_mut)
        .and_then(|c| c.get_mut("securitySchemes"))
        .and_then(Node::as_object_mut)
    else {
        return;
    };
    let mut gone = std::collections::HashSet::new();
    schemes.entries.retain(|e| {
        let mtls = e.value.get("type").and_then(Node::as_str) == Some("mutualTLS");
        if mtls {
            l.node(
                "lost-security",
                format!("security scheme `{}` is mutual TLS, new in 3.1; it was dropped with the requirements that name it", e.key),
                &e.value,
                &join("/components/securitySchemes", &e.key),
            );
            gone.insert(e.key.to_string());
        }
        !mtls
    });
    if gone.is_empty() {
        return;
    }
    let prune = |list: &mut Node| {
        if let Value::Array(a) = &mut list.value {
            a.retain(|req| {
                !req.as_object()
                    .is_some_and(|m| m.entries.iter().any(|e| gone.contains(&*e.key)))
            });
        }
    };
    if let Some(top) = root.as_object_mut().and_then(|m| m.get_mut("security")) {
        prune(top);
    }
    objects::each_object(root, &mut |kind, n, _| {
        if kind == Kind::Operation {
            if let Some(list) = n.as_object_mut().and_then(|m| m.get_mut("security")) {
                prune(list);
            }
        }
    });
}

/// 3.1 lets operations omit `responses`; 3.0 and 2.0 require them.
fn add_missing_responses(root: &mut Node, l: &mut Losses<'_>) {
    let Some(Value::Object(paths)) = root
        .as_object_mut()
        .and_then(|m| m.get_mut("paths"))
        .map(|p| &mut p.value)
    else {
        return;
    };
    for e in &mut paths.entries {
        let ip = join("/paths", &e.key);
        let Some(item) = e.value.as_object_mut() else {
            continue;
        };
        for op in &mut item.entries {
            if !oaskit_core::METHODS.contains(&op.key.as_ref()) {
                continue;
            }
            let span = op.value.span;
            let Some(om) = op.value.as_object_mut() else {
                continue;
            };
            if !om.contains("responses") {
                l.at(
                    "approximated",
                    "OpenAPI 3.0 requires responses; a default response was added",
                    span,
                    &join(&ip, &op.key),
                );
                let mut d = Map::default();
                d.insert("description", Node::string("No response described", span));
                let mut rs = Map::default();
                rs.insert("default", Node::new(Value::Object(d), span));
                om.insert("responses", Node::new(Value::Object(rs), span));
            }
        }
    }
}
