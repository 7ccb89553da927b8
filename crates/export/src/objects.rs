//! Visiting the OpenAPI 3.x objects of a document by kind (servers, parameters, responses,
//! media types, examples, security schemes...), each with its JSON pointer: the down-
//! conversions edit fields of one kind of object wherever it stands. References are not
//! followed: their targets are visited where they are defined (in `components`).

use oaskit_core::{join_pointer as join, Node, Value};

/// The kinds of object [`each_object`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    PathItem,
    Server,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Example,
    SecurityScheme,
    Link,
}

const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

type Visit<'f> = dyn FnMut(Kind, &mut Node, &str) + 'f;

/// Calls `f` on every object of a known kind, outermost first (a Response before its
/// headers and media types); `f` may edit the object, and the walk continues into what it
/// left.
pub(crate) fn each_object(root: &mut Node, f: &mut Visit<'_>) {
    let Some(m) = root.as_object_mut() else {
        return;
    };
    for e in &mut m.entries {
        let p = join("", &e.key);
        match &*e.key {
            "servers" => list(&mut e.value, &p, Kind::Server, f),
            "paths" | "webhooks" => map_of(&mut e.value, &p, f, path_item),
            "components" => components(&mut e.value, &p, f),
            _ => {}
        }
    }
}

fn components(n: &mut Node, ptr: &str, f: &mut Visit<'_>) {
    let Some(m) = n.as_object_mut() else { return };
    for e in &mut m.entries {
        let p = join(ptr, &e.key);
        let kind = match &*e.key {
            "responses" => Kind::Response,
            "parameters" => Kind::Parameter,
            "examples" => Kind::Example,
            "requestBodies" => Kind::RequestBody,
            "headers" => Kind::Header,
            "securitySchemes" => Kind::SecurityScheme,
            "links" => Kind::Link,
            "mediaTypes" => Kind::MediaType,
            "callbacks" => {
                map_of(&mut e.value, &p, f, callback);
                continue;
            }
            "pathItems" => {
                map_of(&mut e.value, &p, f, path_item);
                continue;
            }
            _ => continue,
        };
        map(&mut e.value, &p, kind, f);
    }
}

fn map_of(n: &mut Node, ptr: &str, f: &mut Visit<'_>, each: fn(&mut Node, &str, &mut Visit<'_>)) {
    if let Some(m) = n.as_object_mut() {
        for e in &mut m.entries {
            if !e.key.starts_with("x-") {
                let p = join(ptr, &e.key);
                each(&mut e.value, &p, f);
            }
        }
    }
}

fn callback(n: &mut Node, ptr: &str, f: &mut Visit<'_>) {
    map_of(n, ptr, f, path_item);
}

fn path_item(n: &mut Node, ptr: &str, f: &mut Visit<'_>) {
    if !matches!(n.value, Value::Object(_)) {
        return;
    }
    // A path item may have `$ref` beside its own fields: it is reported either way.
    f(Kind::PathItem, n, ptr);
    let Some(m) = n.as_object_mut() else { return };
    for e in &mut m.entries {
        let p = join(ptr, &e.key);
        match &*e.key {
            "servers" => list(&mut e.value, &p, Kind::Server, f),
            "parameters" => list(&mut e.value, &p, Kind::Parameter, f),
            "additionalOperations" => map(&mut e.value, &p, Kind::Operation, f),
            k if METHODS.contains(&k) => object(&mut e.value, &p, Kind::Operation, f),
            _ => {}
        }
    }
}

fn list(n: &mut Node, ptr: &str, kind: Kind, f: &mut Visit<'_>) {
    if let Value::Array(a) = &mut n.value {
        for (i, x) in a.iter_mut().enumerate() {
            object(x, &join(ptr, &i.to_string()), kind, f);
        }
    }
}

fn map(n: &mut Node, ptr: &str, kind: Kind, f: &mut Visit<'_>) {
    if let Some(m) = n.as_object_mut() {
        for e in &mut m.entries {
            if !e.key.starts_with("x-") {
                let p = join(ptr, &e.key);
                object(&mut e.value, &p, kind, f);
            }
        }
    }
}

/// One object of `kind`: reported, then its children (unless it is a reference).
fn object(n: &mut Node, ptr: &str, kind: Kind, f: &mut Visit<'_>) {
    if !matches!(n.value, Value::Object(_)) || n.get("$ref").is_some() {
        return;
    }
    f(kind, n, ptr);
    let Some(m) = n.as_object_mut() else { return };
    for e in &mut m.entries {
        let p = join(ptr, &e.key);
        match (kind, &*e.key) {
            (Kind::Operation, "servers") | (Kind::Link, "server") => {
                if matches!(e.value.value, Value::Object(_)) {
                    object(&mut e.value, &p, Kind::Server, f);
                } else {
                    list(&mut e.value, &p, Kind::Server, f);
                }
            }
            (Kind::Operation, "parameters") => list(&mut e.value, &p, Kind::Parameter, f),
            (Kind::Operation, "requestBody") => object(&mut e.value, &p, Kind::RequestBody, f),
            (Kind::Operation, "responses") => map(&mut e.value, &p, Kind::Response, f),
            (Kind::Operation, "callbacks") => map_of(&mut e.value, &p, f, callback),
            (Kind::Parameter | Kind::Header | Kind::MediaType, "examples") => {
                map(&mut e.value, &p, Kind::Example, f);
            }
            (Kind::Parameter | Kind::Header | Kind::RequestBody | Kind::Response, "content") => {
                map(&mut e.value, &p, Kind::MediaType, f);
            }
            (Kind::Response, "headers") => map(&mut e.value, &p, Kind::Header, f),
            (Kind::Response, "links") => map(&mut e.value, &p, Kind::Link, f),
            (Kind::MediaType, "encoding" | "itemEncoding") => {
                if let Some(em) = e.value.as_object_mut() {
                    for x in &mut em.entries {
                        if let Some(h) =
                            x.value.as_object_mut().and_then(|xm| xm.get_mut("headers"))
                        {
                            let hp = join(&join(&p, &x.key), "headers");
                            map(h, &hp, Kind::Header, f);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
