//! Postman Collection v2.1: folders by tag, one request per operation.

use oaskit_core::{Node, METHODS};
use serde_json::{json, Map, Value};

use crate::example::example;
use crate::loss::Losses;

fn text(n: Option<&Node>) -> Option<String> {
    n.and_then(Node::as_str).map(str::to_string)
}

fn resolve<'a>(root: &'a Node, n: &'a Node) -> &'a Node {
    n.resolve_in(root)
}

fn base_url(root: &Node) -> String {
    let Some(server) = root
        .get("servers")
        .and_then(Node::as_array)
        .and_then(|a| a.first())
    else {
        return String::new();
    };
    let mut url = text(server.get("url")).unwrap_or_default();
    if let Some(vars) = server.get("variables").and_then(Node::as_object) {
        for (k, v) in vars.iter() {
            if let Some(d) = text(v.get("default")) {
                url = url.replace(&format!("{{{k}}}"), &d);
            }
        }
    }
    url.trim_end_matches('/').to_string()
}

/// Postman's auth object for a security scheme.
fn auth(scheme: &Node) -> Option<Value> {
    let kind = text(scheme.get("type"))?;
    let kv = |k: &str, v: &str| json!({"key": k, "value": v, "type": "string"});
    Some(match kind.as_str() {
        "apiKey" => json!({"type": "apikey", "apikey": [
            kv("key", &text(scheme.get("name")).unwrap_or_default()),
            kv("value", "{{apiKey}}"),
            kv("in", if text(scheme.get("in")).as_deref() == Some("query") { "query" } else { "header" }),
        ]}),
        "http" => match text(scheme.get("scheme"))
            .map(|s| s.to_ascii_lowercase())
            .as_deref()
        {
            Some("basic") => {
                json!({"type": "basic", "basic": [kv("username", "{{username}}"), kv("password", "{{password}}")]})
            }
            _ => json!({"type": "bearer", "bearer": [kv("token", "{{bearerToken}}")]}),
        },
        "oauth2" | "openIdConnect" => {
            json!({"type": "oauth2", "oauth2": [kv("accessToken", "{{accessToken}}"), kv("addTokenTo", "header")]})
        }
        _ => return None,
    })
}

/// Builds the collection from a 3.x document.
/// The OpenAPI methods a Postman 2.1 request can carry (its schema's `method` enum has no
/// TRACE and no QUERY).
const POSTMAN_METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

pub(crate) fn collection(root: &Node, l: &mut Losses<'_>) -> Value {
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
    let schemes = root.pointer("/components/securitySchemes");
    let scheme_auth = |name: &str| {
        schemes
            .and_then(|s| s.get(name))
            .map(|s| resolve(root, s))
            .and_then(auth)
    };
    let auth_for = |sec: Option<&Node>| -> Option<Value> {
        let reqs = sec?.as_array()?;
        if reqs.is_empty()
            || reqs
                .iter()
                .any(|r| r.as_object().is_some_and(oaskit_core::Map::is_empty))
        {
            return Some(json!({"type": "noauth"}));
        }
        let first = reqs.first()?.as_object()?;
        let (name, _) = first.iter().next()?;
        scheme_auth(name)
    };
    // Folders by first tag, in the order tags are met; untagged operations at the top level.
    let mut folders: Vec<(String, Vec<Value>)> = Vec::new();
    let mut loose: Vec<Value> = Vec::new();
    if let Some(paths) = root.get("paths").and_then(Node::as_object) {
        for (path, item) in paths.iter() {
            if !path.starts_with('/') {
                continue;
            }
            let item = resolve(root, item);
            for m in METHODS {
                let Some(op) = item.get(m) else { continue };
                if !POSTMAN_METHODS.contains(&m) {
                    l.node(
                        "lost-operation",
                        format!(
                            "{} {path}: Postman 2.1 requests have no {} method; the operation is left out",
                            m.to_uppercase(),
                            m.to_uppercase()
                        ),
                        op,
                        &format!(
                            "/paths/{}/{m}",
                            oaskit_core::escape_token(path)
                        ),
                    );
                    continue;
                }
                let params: Vec<&Node> = item
                    .get("parameters")
                    .and_then(Node::as_array)
                    .into_iter()
                    .flatten()
                    .chain(
                        op.get("parameters")
                            .and_then(Node::as_array)
                            .into_iter()
                            .flatten(),
                    )
                    .map(|p| resolve(root, p))
                    .collect();
                let request = request(root, path, m, op, &params, auth_for(op.get("security")), l);
                let name = text(op.get("summary"))
                    .or_else(|| text(op.get("operationId")))
                    .unwrap_or_else(|| format!("{} {path}", m.to_uppercase()));
                let mut it = json!({"name": name, "request": request, "response": []});
                if let Some(id) = text(op.get("operationId")) {
                    it["id"] = json!(id);
                }
                match op
                    .get("tags")
                    .and_then(Node::as_array)
                    .and_then(|t| t.first())
                    .and_then(Node::as_str)
                {
                    Some(tag) => match folders.iter_mut().find(|(t, _)| t == tag) {
                        Some((_, items)) => items.push(it),
                        None => folders.push((tag.to_string(), vec![it])),
                    },
                    None => loose.push(it),
                }
            }
        }
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
        "variable": [{"key": "baseUrl", "value": base_url(root), "type": "string"}],
    });
    if let Some(a) = auth_for(root.get("security")) {
        out["auth"] = a;
    }
    out
}

fn request(
    root: &Node,
    path: &str,
    method: &str,
    op: &Node,
    params: &[&Node],
    auth: Option<Value>,
    l: &mut Losses<'_>,
) -> Value {
    let mut segments = Vec::new();
    let mut variables = Vec::new();
    for seg in path.trim_start_matches('/').split('/') {
        if let Some(name) = seg.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
            segments.push(json!(format!(":{name}")));
            let p = params.iter().find(|p| {
                text(p.get("name")).as_deref() == Some(name)
                    && text(p.get("in")).as_deref() == Some("path")
            });
            let value = p
                .and_then(|p| p.get("schema"))
                .map(|s| example(root, s, 0))
                .map(|v| match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                });
            let mut var = json!({"key": name, "value": value.unwrap_or_default()});
            if let Some(d) = p.and_then(|p| text(p.get("description"))) {
                var["description"] = json!(d);
            }
            variables.push(var);
        } else {
            segments.push(json!(seg));
        }
    }
    let mut query = Vec::new();
    let mut headers = Vec::new();
    for p in params {
        let name = text(p.get("name")).unwrap_or_default();
        let value = p
            .get("example")
            .map(Node::to_json)
            .or_else(|| p.get("schema").map(|s| example(root, s, 0)))
            .map(|v| match v {
                Value::String(s) => s,
                other => other.to_string(),
            });
        let mut e = json!({"key": name, "value": value.unwrap_or_default()});
        if let Some(d) = text(p.get("description")) {
            e["description"] = json!(d);
        }
        if p.get("required").and_then(Node::as_bool) != Some(true) {
            e["disabled"] = json!(true);
        }
        match text(p.get("in")).as_deref() {
            Some("query") => query.push(e),
            Some("header") => headers.push(e),
            Some("cookie") => {
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
    let mut req = json!({"method": method.to_uppercase(), "header": [], "url": url});
    if let Some(d) = text(op.get("description")) {
        req["description"] = json!(d);
    }
    if let Some(rb) = op.get("requestBody").map(|r| resolve(root, r)) {
        if let Some((mt, media)) = rb
            .get("content")
            .and_then(Node::as_object)
            .and_then(|c| c.iter().next())
        {
            headers.push(json!({"key": "Content-Type", "value": mt}));
            let schema = media.get("schema");
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
                l.node("approximated", format!("the {mt} request body of {} {path} is a file in Postman; no example content", method.to_uppercase()), rb, "");
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
