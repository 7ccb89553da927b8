//! Operations and their effective parameters.

use super::content::{self, MediaType, RequestBody, Response, SchemaRef};
use super::reference::follow;
use super::security::{self, Requirement};
use super::server::{self, Server};
use super::{bool_of, str_of, Cx};
use crate::document::METHODS;
use crate::node::{join, Node};
use crate::version::SpecVersion;

/// The API Gateway extension that stands for every method of a path.
pub const ANY_METHOD: &str = "x-amazon-apigateway-any-method";

/// How an operation is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method<'d> {
    /// A fixed field of the Path Item (`get` ... `trace`, and 3.2's `query`), lower case.
    Fixed(&'d str),
    /// A key of 3.2's `additionalOperations` (`COPY`, `PURGE`, ...), as written.
    Additional(&'d str),
    /// `x-amazon-apigateway-any-method`: any method the path does not otherwise define.
    Any,
}

impl Method<'_> {
    /// The key in the Path Item (`get`, `COPY`, `x-amazon-apigateway-any-method`).
    #[must_use]
    pub fn key(&self) -> &str {
        match self {
            Method::Fixed(m) | Method::Additional(m) => m,
            Method::Any => ANY_METHOD,
        }
    }

    /// The method as sent on the wire (upper case for fixed fields; `None` for any-method).
    #[must_use]
    pub fn http(&self) -> Option<String> {
        match self {
            Method::Fixed(m) => Some(m.to_ascii_uppercase()),
            Method::Additional(m) => Some((*m).to_string()),
            Method::Any => None,
        }
    }
}

impl std::fmt::Display for Method<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Method::Fixed(m) => f.write_str(&m.to_ascii_uppercase()),
            Method::Additional(m) => f.write_str(m),
            Method::Any => f.write_str("ANY"),
        }
    }
}

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// A `{name}` segment of the path.
    Path,
    /// A query parameter.
    Query,
    /// The whole query string (3.2 `querystring`).
    QueryString,
    /// A header.
    Header,
    /// A cookie.
    Cookie,
}

impl ParamLocation {
    /// Parses the `in` field.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "path" => Self::Path,
            "query" => Self::Query,
            "querystring" => Self::QueryString,
            "header" => Self::Header,
            "cookie" => Self::Cookie,
            _ => return None,
        })
    }

    /// The `in` field's value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::QueryString => "querystring",
            Self::Header => "header",
            Self::Cookie => "cookie",
        }
    }

    /// The default `style`.
    #[must_use]
    pub fn default_style(self) -> &'static str {
        match self {
            Self::Query | Self::Cookie | Self::QueryString => "form",
            Self::Path | Self::Header => "simple",
        }
    }
}

/// Where a parameter was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// On the operation.
    Operation,
    /// On the Path Item, for all its operations.
    PathItem,
}

/// One effective parameter of an operation.
#[derive(Clone, Debug)]
pub struct Parameter<'d> {
    /// The name, as written (header names compare case-insensitively).
    pub name: &'d str,
    /// Where it travels.
    pub location: ParamLocation,
    /// Whether it must be sent (always for path parameters).
    pub required: bool,
    /// Whether it is deprecated.
    pub deprecated: bool,
    /// Whether an empty value is allowed (query only).
    pub allow_empty_value: bool,
    /// Whether reserved characters go unescaped (query only).
    pub allow_reserved: bool,
    /// The serialization style, defaulted by location (`form` for query and cookie, else
    /// `simple`).
    pub style: &'d str,
    /// Whether arrays and objects are exploded (default: `style == "form"`).
    pub explode: bool,
    /// Its description.
    pub description: Option<&'d str>,
    /// Its schema.
    pub schema: Option<SchemaRef<'d>>,
    /// Its content, when described by media type instead of a schema.
    pub content: Vec<MediaType<'d>>,
    /// Where it was declared.
    pub level: Level,
    /// The Parameter Object (references followed).
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

impl Parameter<'_> {
    /// Whether `self` and `other` are the same parameter: same location and name, header names
    /// compared case-insensitively.
    #[must_use]
    pub fn same(&self, name: &str, location: ParamLocation) -> bool {
        self.location == location
            && if location == ParamLocation::Header {
                self.name.eq_ignore_ascii_case(name)
            } else {
                self.name == name
            }
    }
}

/// What an operation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin<'d> {
    /// `paths`.
    Paths,
    /// `webhooks`: the operation is a request the API sends.
    Webhook,
    /// A callback of another operation: its name.
    Callback(&'d str),
}

/// A callback: requests the API sends to a URL taken from the triggering message.
#[derive(Clone, Debug)]
pub struct Callback<'d> {
    /// Its name.
    pub name: &'d str,
    /// Its operations; `path` holds the runtime expression.
    pub operations: Vec<Operation<'d>>,
    /// The Callback Object (references followed).
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

/// One operation, with everything that applies to it resolved.
#[derive(Clone, Debug)]
pub struct Operation<'d> {
    /// How it is reached.
    pub method: Method<'d>,
    /// The path template (`/pets/{id}`), webhook name or callback expression.
    pub path: &'d str,
    /// What it belongs to.
    pub origin: Origin<'d>,
    /// Its `operationId`.
    pub operation_id: Option<&'d str>,
    /// Its summary.
    pub summary: Option<&'d str>,
    /// Its description.
    pub description: Option<&'d str>,
    /// Its tags.
    pub tags: Vec<&'d str>,
    /// Whether it is deprecated.
    pub deprecated: bool,
    /// Its effective parameters: the operation's, then the Path Item's it does not override
    /// (same name and location). Path parameters the template does not name are left out
    /// (`check` reports them), and so are header parameters named `Accept`, `Content-Type` or
    /// `Authorization`, which the specification ignores.
    pub parameters: Vec<Parameter<'d>>,
    /// Its request body.
    pub request_body: Option<RequestBody<'d>>,
    /// Its responses, in document order (keys that are no status are left out).
    pub responses: Vec<Response<'d>>,
    /// Its effective security: the operation's, else the document's; `None` when neither says.
    pub security: Option<Vec<Requirement<'d>>>,
    /// Its effective servers: the operation's, else the Path Item's, else the document's.
    pub servers: Vec<Server<'d>>,
    /// Its callbacks.
    pub callbacks: Vec<Callback<'d>>,
    /// The Operation Object.
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
    /// The Path Item Object (references followed).
    pub path_item: &'d Node,
    /// Where the Path Item stands.
    pub path_item_pointer: String,
}

impl<'d> Operation<'d> {
    /// The response for `status`: the exact one, else its class, else `default`.
    #[must_use]
    pub fn response(&self, status: u16) -> Option<&Response<'d>> {
        super::StatusMatch::select(self.responses.iter(), status, |r| r.status)
    }

    /// The effective parameter with this name and location.
    #[must_use]
    pub fn parameter(&self, name: &str, location: ParamLocation) -> Option<&Parameter<'d>> {
        self.parameters.iter().find(|p| p.same(name, location))
    }
}

fn parameter<'d>(d: Declared<'d>, location: ParamLocation) -> Parameter<'d> {
    let p = d.node;
    let style = str_of(p, "style").unwrap_or(location.default_style());
    Parameter {
        name: d.name,
        location,
        required: location == ParamLocation::Path || bool_of(p, "required"),
        deprecated: bool_of(p, "deprecated"),
        allow_empty_value: bool_of(p, "allowEmptyValue"),
        allow_reserved: bool_of(p, "allowReserved"),
        style,
        explode: p
            .get("explode")
            .and_then(Node::as_bool)
            .unwrap_or(style == "form"),
        description: str_of(p, "description"),
        schema: content::schema_at(p, &d.pointer, "schema"),
        content: content::content(p, &d.pointer),
        level: d.level,
        node: p,
        pointer: d.pointer,
    }
}

/// Header parameters the specification ignores: content negotiation and credentials are
/// described by media types and security schemes.
#[must_use]
pub fn is_ignored_header(name: &str) -> bool {
    ["accept", "content-type", "authorization"]
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h))
}

/// Whether the path template names `{name}`.
fn in_template(path: &str, name: &str) -> bool {
    template_variables(path)
        .into_iter()
        .any(|v| names_variable(v, name))
}

/// The `{name}`s of a path or server URL template, in order (an unclosed `{` ends the list).
/// The one scanner of templates: the view, the rules of `check` and the routes use it.
#[must_use]
pub fn template_variables(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.push(&rest[i + 1..i + j]);
        rest = &rest[i + j + 1..];
    }
    out
}

/// Whether the template variable `var` (what stands between `{` and `}`) is filled by the path
/// parameter `name`: the same name, or API Gateway's greedy `{proxy+}` filled by `proxy`.
#[must_use]
pub fn names_variable(var: &str, name: &str) -> bool {
    var == name || var.strip_suffix('+') == Some(name)
}

/// A parameter as declared, before the view keeps only what can be sent: every `in` (also
/// Swagger 2.0's `body` and `formData`), path parameters the template lacks, ignored headers.
#[derive(Clone, Debug)]
pub struct Declared<'d> {
    /// Its name.
    pub name: &'d str,
    /// Its `in`, as written.
    pub location: &'d str,
    /// Where it was declared.
    pub level: Level,
    /// The Parameter Object (references followed).
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

/// The parameters in force for an operation: the operation's, then the Path Item's that it does
/// not override (same name and `in`; header names compared case-insensitively). The one merge
/// every consumer (and the rules of `check`) uses.
#[must_use]
pub fn declared<'d>(
    root: &'d Node,
    op: (&'d Node, &str),
    item: (&'d Node, &str),
) -> Vec<Declared<'d>> {
    let mut out: Vec<Declared<'d>> = Vec::new();
    for ((owner, owner_ptr), level) in [(op, Level::Operation), (item, Level::PathItem)] {
        let Some(list) = owner.get("parameters").and_then(Node::as_array) else {
            continue;
        };
        let base = join(owner_ptr, "parameters");
        for (i, p) in list.iter().enumerate() {
            let r = follow(root, p, &join(&base, &i.to_string()));
            let (Some(name), Some(location)) = (str_of(r.node, "name"), str_of(r.node, "in"))
            else {
                continue;
            };
            let same = |d: &Declared<'_>| {
                d.location == location
                    && if location == "header" {
                        d.name.eq_ignore_ascii_case(name)
                    } else {
                        d.name == name
                    }
            };
            if out.iter().any(same) {
                continue;
            }
            out.push(Declared {
                name,
                location,
                level,
                node: r.node,
                pointer: r.pointer,
            });
        }
    }
    out
}

fn parameters<'d>(
    cx: &Cx<'d>,
    path: &str,
    origin: Origin<'_>,
    op: (&'d Node, &str),
    item: (&'d Node, &str),
) -> Vec<Parameter<'d>> {
    declared(cx.root, op, item)
        .into_iter()
        .filter_map(|d| {
            let location = ParamLocation::parse(d.location)?;
            // "If in is "header" and the name field is "Accept", "Content-Type" or
            // "Authorization", the parameter definition SHALL be ignored."
            if location == ParamLocation::Header && is_ignored_header(d.name) {
                return None;
            }
            // A path parameter the template does not name cannot be sent.
            if location == ParamLocation::Path
                && origin == Origin::Paths
                && !in_template(path, d.name)
            {
                return None;
            }
            Some(parameter(d, location))
        })
        .collect()
}

/// The operations of a Path Item object, in the order the view lists them: the fixed method
/// fields in document order (`query` from 3.2 on) and `x-amazon-apigateway-any-method`, then
/// 3.2's `additionalOperations`.
#[must_use]
pub fn methods<'d>(
    item: &'d Node,
    item_ptr: &str,
    version: SpecVersion,
) -> Vec<(Method<'d>, &'d Node, String)> {
    let mut found = Vec::new();
    let Some(m) = item.as_object() else {
        return found;
    };
    for e in &m.entries {
        let key: &str = &e.key;
        if METHODS.contains(&key) && (key != "query" || version >= SpecVersion::OpenApi32) {
            found.push((Method::Fixed(key), &e.value, join(item_ptr, key)));
        } else if key == ANY_METHOD {
            found.push((Method::Any, &e.value, join(item_ptr, key)));
        }
    }
    if version >= SpecVersion::OpenApi32 {
        if let Some(extra) = item.get("additionalOperations").and_then(Node::as_object) {
            let base = join(item_ptr, "additionalOperations");
            for (key, op) in extra.iter() {
                found.push((Method::Additional(key), op, join(&base, key)));
            }
        }
    }
    found
}

/// The operations of one Path Item.
pub(super) fn path_item<'d>(
    cx: &Cx<'d>,
    path: &'d str,
    origin: Origin<'d>,
    node: &'d Node,
    pointer: &str,
    depth: usize,
) -> Vec<Operation<'d>> {
    let item = follow(cx.root, node, pointer);
    let found = methods(item.node, &item.pointer, cx.version);
    let item_servers = server::servers(cx, item.node, &item.pointer);
    found
        .into_iter()
        .filter(|(_, op, _)| op.as_object().is_some())
        .map(|(method, op, op_ptr)| {
            let security = match op.get("security") {
                Some(s) => security::requirements(&cx.schemes, s, &join(&op_ptr, "security")),
                None => cx.security.clone(),
            };
            let servers = server::servers(cx, op, &op_ptr)
                .or_else(|| item_servers.clone())
                .unwrap_or_else(|| cx.servers.clone());
            let callbacks = if depth < super::MAX_CALLBACK_DEPTH {
                callbacks(cx, op, &op_ptr, depth + 1)
            } else {
                Vec::new()
            };
            Operation {
                method,
                path,
                origin,
                operation_id: str_of(op, "operationId"),
                summary: str_of(op, "summary"),
                description: str_of(op, "description"),
                tags: op
                    .get("tags")
                    .and_then(Node::as_array)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(Node::as_str)
                    .collect(),
                deprecated: bool_of(op, "deprecated"),
                parameters: parameters(cx, path, origin, (op, &op_ptr), (item.node, &item.pointer)),
                request_body: op
                    .get("requestBody")
                    .map(|rb| content::request_body(cx, rb, &join(&op_ptr, "requestBody"))),
                responses: content::responses(cx, op, &op_ptr),
                security,
                servers,
                callbacks,
                node: op,
                pointer: op_ptr,
                path_item: item.node,
                path_item_pointer: item.pointer.clone(),
            }
        })
        .collect()
}

fn callbacks<'d>(cx: &Cx<'d>, op: &'d Node, op_ptr: &str, depth: usize) -> Vec<Callback<'d>> {
    let Some(m) = op.get("callbacks").and_then(Node::as_object) else {
        return Vec::new();
    };
    let base = join(op_ptr, "callbacks");
    m.iter()
        .map(|(name, cb)| {
            let r = follow(cx.root, cb, &join(&base, name));
            let operations = r
                .node
                .as_object()
                .map(|exprs| {
                    exprs
                        .iter()
                        .filter(|(k, _)| !k.starts_with("x-"))
                        .flat_map(|(expr, item)| {
                            path_item(
                                cx,
                                expr,
                                Origin::Callback(name),
                                item,
                                &join(&r.pointer, expr),
                                depth,
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            Callback {
                name,
                operations,
                node: r.node,
                pointer: r.pointer,
            }
        })
        .collect()
}
