//! Postman Collection v2.1: folders by tag, one request per operation.

use oaskit_core::api::{self, Api, Method, ParamLocation, Parameter, SchemeKind};
use oaskit_core::example::example;
use oaskit_core::{Diagnostic, Document, Node};
use serde_json::{json, Map, Value};

use crate::loss::Losses;

fn text(n: Option<&Node>) -> Option<String> {
    n.and_then(Node::as_str).map(str::to_string)
}

fn resolve<'a>(root: &'a Node, n: &'a Node) -> &'a Node {
    api::reference::follow(root, n, "").node
}

fn base_url(api: &Api<'_>) -> String {
    api.servers().first().map_or_else(String::new, |s| {
        s.url_with_defaults().trim_end_matches('/').to_string()
    })
}

/// Postman's auth object for a security scheme.
fn auth(kind: &SchemeKind<'_>) -> Option<Value> {
    let kv = |k: &str, v: &str| json!({"key": k, "value": v, "type": "string"});
    Some(match kind {
        SchemeKind::ApiKey { name, location } => json!({"type": "apikey", "apikey": [
            kv("key", name),
            kv("value", "{{apiKey}}"),
            kv("in", if *location == Some(api::KeyLocation::Query) { "query" } else { "header" }),
        ]}),
        SchemeKind::Http { scheme, .. } if scheme == "basic" => {
            json!({"type": "basic", "basic": [kv("username", "{{username}}"), kv("password", "{{password}}")]})
        }
        SchemeKind::Http { .. } => {
            json!({"type": "bearer", "bearer": [kv("token", "{{bearerToken}}")]})
        }
        SchemeKind::OAuth2 | SchemeKind::OpenIdConnect { .. } => {
            json!({"type": "oauth2", "oauth2": [kv("accessToken", "{{accessToken}}"), kv("addTokenTo", "header")]})
        }
        SchemeKind::MutualTls | SchemeKind::Unknown(_) => return None,
    })
}

/// Postman's auth for the effective security of an operation (or the collection).
fn auth_for(security: Option<&[api::Requirement<'_>]>) -> Option<Value> {
    let reqs = security?;
    if reqs.is_empty() || reqs.iter().any(|r| r.schemes.is_empty()) {
        return Some(json!({"type": "noauth"}));
    }
    auth(&reqs.first()?.schemes.first()?.scheme.as_ref()?.kind)
}

/// Declares, as empty collection variables, every `{{name}}` the collection uses and does not
/// declare (the credentials of its auth objects: `{{apiKey}}`, `{{accessToken}}`, ...), so a
/// user sees each one to fill in the collection's Variables tab.
fn declare_variables(out: &mut Value) {
    fn used(v: &Value, names: &mut Vec<String>) {
        match v {
            Value::String(s) => {
                let mut rest = s.as_str();
                while let Some(i) = rest.find("{{") {
                    let Some(j) = rest[i..].find("}}") else { break };
                    let name = &rest[i + 2..i + j];
                    if !name.is_empty() && !names.iter().any(|n| n == name) {
                        names.push(name.to_string());
                    }
                    rest = &rest[i + j + 2..];
                }
            }
            Value::Array(a) => a.iter().for_each(|x| used(x, names)),
            Value::Object(m) => m.values().for_each(|x| used(x, names)),
            _ => {}
        }
    }
    let mut names = Vec::new();
    used(out, &mut names);
    let Some(vars) = out.get_mut("variable").and_then(Value::as_array_mut) else {
        return;
    };
    for name in names {
        if !vars.iter().any(|v| v["key"] == name.as_str()) {
            vars.push(json!({"key": name, "value": "", "type": "string"}));
        }
    }
}

/// The OpenAPI methods a Postman 2.1 request can carry (its schema's `method` enum has no
/// TRACE and no QUERY).
const POSTMAN_METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// The located `no-requests` error: at `paths` (or the document, when it has none).
fn no_requests(doc: &Document, l: &Losses<'_>, why: String) -> Box<Diagnostic> {
    let root = doc.root();
    let (span, pointer) = match root.get("paths") {
        Some(p) => (p.span, "/paths"),
        None => (root.span, ""),
    };
    Box::new(
        Diagnostic::error(crate::codes::NO_REQUESTS, why).at(span, l.origins.original(pointer)),
    )
}

/// Builds the collection from a 3.x document.
///
/// # Errors
/// When no operation can become a request (none at all, or only methods Postman lacks).
pub(crate) fn collection(doc: &Document, l: &mut Losses<'_>) -> Result<Value, crate::ExportError> {
    let api = Api::new(doc);
    if api.operations().is_empty() {
        let why =
            "the definition has no operations; a Postman collection needs at least one request";
        return Err(crate::ExportError::NoOperations {
            diagnostic: no_requests(doc, l, why.to_string()),
        });
    }
    let root = doc.root();
    let title = root
        .pointer("/info/title")
        .and_then(Node::as_str)
        .unwrap_or("API")
        .to_string();
    let mut info = json!({
        "name": title,
        "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
    });
    if let Some(d) = text(root.pointer("/info/description")) {
        info["description"] = json!(d);
    }
    // Folders by first tag, in the order tags are met; untagged operations at the top level.
    let mut folders: Vec<(String, Vec<Value>)> = Vec::new();
    let mut loose: Vec<Value> = Vec::new();
    // Collection variables: `baseUrl`, then path variables inside segments.
    let mut shared: Vec<Value> = Vec::new();
    for op in api.operations() {
        let path = op.path;
        let method = match op.method {
            Method::Fixed(m) if POSTMAN_METHODS.contains(&m) => m.to_uppercase(),
            _ => {
                let shown = op.method.http().unwrap_or_else(|| "ANY".into());
                l.node(
                    "lost-operation",
                    format!(
                        "{shown} {path}: Postman 2.1 requests have no {shown} method; the operation is left out"
                    ),
                    op.node,
                    &op.pointer,
                );
                continue;
            }
        };
        let security = match op.node.get("security") {
            Some(_) => op.security.as_deref(),
            None => None,
        };
        let request = request(root, op, &method, auth_for(security), &mut shared, l);
        let name = op
            .summary
            .or(op.operation_id)
            .map_or_else(|| format!("{method} {path}"), str::to_string);
        let mut it = json!({"name": name, "request": request, "response": []});
        if let Some(id) = op.operation_id {
            it["id"] = json!(id);
        }
        match op.tags.first() {
            Some(tag) => match folders.iter_mut().find(|(t, _)| t == tag) {
                Some((_, items)) => items.push(it),
                None => folders.push(((*tag).to_string(), vec![it])),
            },
            None => loose.push(it),
        }
    }
    if folders.is_empty() && loose.is_empty() {
        let count = api.operations().len();
        let why = format!("none of the definition's {count} operations can be a Postman 2.1 request (their methods are listed above as lost operations)");
        return Err(crate::ExportError::NoPostmanRequest {
            count,
            diagnostic: no_requests(doc, l, why),
        });
    }
    let mut items: Vec<Value> = folders
        .into_iter()
        .map(|(tag, items)| {
            let mut f = json!({"name": tag, "item": items});
            let desc = root
                .get("tags")
                .and_then(Node::as_array)
                .and_then(|ts| {
                    ts.iter()
                        .find(|t| t.get("name").and_then(Node::as_str) == Some(tag.as_str()))
                })
                .and_then(|t| text(t.get("description")));
            if let Some(d) = desc {
                f["description"] = json!(d);
            }
            f
        })
        .collect();
    items.extend(loose);
    let mut out = json!({
        "info": info,
        "item": items,
        "variable": std::iter::once(json!({"key": "baseUrl", "value": base_url(&api), "type": "string"}))
            .chain(shared)
            .collect::<Vec<_>>(),
    });
    if let Some(a) = auth_for(api.security()) {
        out["auth"] = a;
    }
    declare_variables(&mut out);
    Ok(out)
}

fn request(
    root: &Node,
    op: &api::Operation<'_>,
    method: &str,
    auth: Option<Value>,
    shared: &mut Vec<Value>,
    l: &mut Losses<'_>,
) -> Value {
    let path = op.path;
    let params: &[Parameter<'_>] = &op.parameters;
    let mut segments = Vec::new();
    let mut variables = Vec::new();
    let path_var = |name: &str| {
        let p = op.parameter(name, ParamLocation::Path);
        let value = p
            .and_then(|p| p.schema.as_ref())
            .map(|s| example(root, s.node, 0))
            .map(|v| match v {
                Value::String(s) => s,
                other => other.to_string(),
            });
        let mut var = json!({"key": name, "value": value.unwrap_or_default()});
        if let Some(d) = p.and_then(|p| p.description) {
            var["description"] = json!(d);
        }
        var
    };
    for seg in path.trim_start_matches('/').split('/') {
        let whole = seg
            .strip_prefix('{')
            .and_then(|x| x.strip_suffix('}'))
            .filter(|x| !x.contains(['{', '}']));
        if let Some(name) = whole {
            segments.push(json!(format!(":{name}")));
            variables.push(path_var(name));
        } else if seg.contains('{') {
            // Postman's `:name` variables fill whole segments only; a variable inside one
            // (`{Sid}.json`, `{base}...{head}`) becomes a collection variable `{{Sid}}`.
            let mut out = String::new();
            let mut rest = seg;
            while let Some(i) = rest.find('{') {
                let Some(j) = rest[i..].find('}') else { break };
                let name = &rest[i + 1..i + j];
                out.push_str(&rest[..i]);
                out.push_str(&format!("{{{{{name}}}}}"));
                if !shared.iter().any(|v| v["key"] == name) {
                    shared.push(path_var(name));
                }
                rest = &rest[i + j + 1..];
            }
            out.push_str(rest);
            segments.push(json!(out));
        } else {
            segments.push(json!(seg));
        }
    }
    let mut query = Vec::new();
    let mut headers = Vec::new();
    for p in params {
        let name = p.name;
        let value = p
            .node
            .get("example")
            .map(Node::to_json)
            .or_else(|| p.schema.as_ref().map(|s| example(root, s.node, 0)))
            .map(|v| match v {
                Value::String(s) => s,
                other => other.to_string(),
            });
        let mut e = json!({"key": name, "value": value.unwrap_or_default()});
        if let Some(d) = p.description {
            e["description"] = json!(d);
        }
        if !p.required {
            e["disabled"] = json!(true);
        }
        match p.location {
            ParamLocation::Query => query.push(e),
            ParamLocation::Header => headers.push(e),
            ParamLocation::Cookie => {
                e["key"] = json!("Cookie");
                e["value"] = json!(format!(
                    "{name}={}",
                    e["value"].as_str().unwrap_or_default()
                ));
                headers.push(e);
            }
            _ => {}
        }
    }
    let raw_query = query
        .iter()
        .filter(|q| q.get("disabled").is_none())
        .map(|q| {
            format!(
                "{}={}",
                q["key"].as_str().unwrap_or_default(),
                q["value"].as_str().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    let mut raw = format!(
        "{{{{baseUrl}}}}/{}",
        segments
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("/")
    );
    if !raw_query.is_empty() {
        raw.push('?');
        raw.push_str(&raw_query);
    }
    let mut url = json!({"raw": raw, "host": ["{{baseUrl}}"], "path": segments});
    if !query.is_empty() {
        url["query"] = Value::Array(query);
    }
    if !variables.is_empty() {
        url["variable"] = Value::Array(variables);
    }
    let mut req = json!({"method": method, "header": [], "url": url});
    if let Some(d) = op.description {
        req["description"] = json!(d);
    }
    if let Some(rb) = &op.request_body {
        if let Some(first) = rb.content.first() {
            let (mt, media) = (first.name, first.node);
            headers.push(json!({"key": "Content-Type", "value": mt}));
            let schema = first.schema.as_ref().map(|s| s.node);
            let value = media
                .get("example")
                .map(Node::to_json)
                .or_else(|| {
                    media
                        .get("examples")
                        .and_then(Node::as_object)
                        .and_then(|e| e.iter().next())
                        .map(|(_, e)| resolve(root, e))
                        .and_then(|e| e.get("value").map(Node::to_json))
                })
                .or_else(|| schema.map(|s| example(root, s, 0)))
                .unwrap_or(Value::Null);
            let body = if mt.starts_with("application/x-www-form-urlencoded")
                || mt.starts_with("multipart/form-data")
            {
                let mode = if mt.starts_with("multipart") {
                    "formdata"
                } else {
                    "urlencoded"
                };
                let fields: Vec<Value> = value
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .map(|(k, v)| json!({"key": k, "value": v.as_str().map_or_else(|| v.to_string(), str::to_string), "type": "text"}))
                            .collect()
                    })
                    .unwrap_or_default();
                let mut b = Map::new();
                b.insert("mode".into(), json!(mode));
                b.insert(mode.into(), Value::Array(fields));
                Value::Object(b)
            } else if mt.contains("json") {
                json!({"mode": "raw", "raw": serde_json::to_string_pretty(&value).unwrap_or_default(), "options": {"raw": {"language": "json"}}})
            } else if mt.starts_with("text/") || mt.contains("xml") {
                json!({"mode": "raw", "raw": value.as_str().map_or_else(|| value.to_string(), str::to_string)})
            } else {
                l.node("approximated", format!("the {mt} request body of {method} {path} is a file in Postman; no example content"), rb.node, &rb.pointer);
                json!({"mode": "file", "file": {}})
            };
            req["body"] = body;
        }
    }
    req["header"] = Value::Array(headers);
    if let Some(a) = auth {
        req["auth"] = a;
    }
    req
}

#[cfg(test)]
mod tests {
    use crate::{export, ExportOptions, Target};

    #[test]
    fn every_variable_is_declared_and_base_paths_do_not_double_slashes() {
        let text = "openapi: 3.0.3
info: {title: t, version: '1'}
servers: [{url: 'https://api.example.com/{basePath}', variables: {basePath: {default: /testStage}}}]
security: [{key: []}]
paths:
  /files/{id}.json:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      security: [{oauth: []}]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://x/t', scopes: {}}}}
";
        let loaded = oaskit_core::load_str("api.yaml", text, &oaskit_core::LoadOptions::new());
        let doc = loaded.document.as_ref().expect("document");
        let c = export(doc, &ExportOptions::new(Target::Postman21))
            .expect("export")
            .collection
            .expect("collection");
        let keys: Vec<&str> = c["variable"]
            .as_array()
            .expect("variables")
            .iter()
            .filter_map(|v| v["key"].as_str())
            .collect();
        assert_eq!(keys, ["baseUrl", "id", "apiKey", "accessToken"]);
        assert_eq!(
            c["variable"][0]["value"],
            "https://api.example.com/testStage"
        );
        assert_eq!(
            c["item"][0]["request"]["url"]["raw"],
            "{{baseUrl}}/files/{{id}}.json"
        );
    }
}
