//! Bodies, media types, responses, headers and links: what travels in a message.

use super::reference::follow;
use super::status::StatusMatch;
use super::{bool_of, str_of, Cx};
use crate::node::{join, Node};

/// A schema, kept as JSON Schema: a handle into the tree (its `$ref`, if any, not followed).
#[derive(Clone, Debug)]
pub struct SchemaRef<'d> {
    /// The Schema Object (or boolean schema).
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

/// One media type of a body or a response.
#[derive(Clone, Debug)]
pub struct MediaType<'d> {
    /// The media type or range, as written (`application/json`, `image/*`).
    pub name: &'d str,
    /// Its schema.
    pub schema: Option<SchemaRef<'d>>,
    /// The schema of each item of a sequential media type (3.2 `itemSchema`).
    pub item_schema: Option<SchemaRef<'d>>,
    /// The Media Type Object.
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

/// A request body.
#[derive(Clone, Debug)]
pub struct RequestBody<'d> {
    /// Whether a body must be sent.
    pub required: bool,
    /// Its description.
    pub description: Option<&'d str>,
    /// Every media type, in document order.
    pub content: Vec<MediaType<'d>>,
    /// The Request Body Object (references followed).
    pub node: &'d Node,
    /// Where it stands (the reference's target when it was one).
    pub pointer: String,
}

/// A header of a response (or an encoding).
#[derive(Clone, Debug)]
pub struct Header<'d> {
    /// Its name, as written.
    pub name: &'d str,
    /// Whether it must be present.
    pub required: bool,
    /// Whether it is deprecated.
    pub deprecated: bool,
    /// Its description.
    pub description: Option<&'d str>,
    /// Its schema.
    pub schema: Option<SchemaRef<'d>>,
    /// Its content, when it is described by media type instead of a schema.
    pub content: Vec<MediaType<'d>>,
    /// Whether arrays and objects are exploded (default false: `simple` style).
    pub explode: bool,
    /// The Header Object (references followed).
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

/// A link from a response to another operation.
#[derive(Clone, Debug)]
pub struct Link<'d> {
    /// The link's name.
    pub name: &'d str,
    /// `operationId` of the target.
    pub operation_id: Option<&'d str>,
    /// `operationRef` of the target.
    pub operation_ref: Option<&'d str>,
    /// The Link Object (references followed).
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

/// One documented response.
#[derive(Clone, Debug)]
pub struct Response<'d> {
    /// The key as written (`200`, `4xx`, `default`).
    pub key: &'d str,
    /// Which statuses it covers.
    pub status: StatusMatch,
    /// Its description.
    pub description: Option<&'d str>,
    /// Its headers (a `Content-Type` header is ignored, as the specification says).
    pub headers: Vec<Header<'d>>,
    /// Every media type of its content, in document order.
    pub content: Vec<MediaType<'d>>,
    /// Its links.
    pub links: Vec<Link<'d>>,
    /// The Response Object (references followed).
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

pub(super) fn schema_at<'d>(node: &'d Node, pointer: &str, key: &str) -> Option<SchemaRef<'d>> {
    node.get(key).map(|s| SchemaRef {
        node: s,
        pointer: join(pointer, key),
    })
}

pub(super) fn content<'d>(node: &'d Node, pointer: &str) -> Vec<MediaType<'d>> {
    let Some(m) = node.get("content").and_then(Node::as_object) else {
        return Vec::new();
    };
    let base = join(pointer, "content");
    m.iter()
        .map(|(name, media)| {
            let at = join(&base, name);
            MediaType {
                name,
                schema: schema_at(media, &at, "schema"),
                item_schema: schema_at(media, &at, "itemSchema"),
                node: media,
                pointer: at,
            }
        })
        .collect()
}

pub(super) fn request_body<'d>(cx: &Cx<'d>, node: &'d Node, pointer: &str) -> RequestBody<'d> {
    let r = follow(cx.root, node, pointer);
    RequestBody {
        required: bool_of(r.node, "required"),
        description: str_of(r.node, "description"),
        content: content(r.node, &r.pointer),
        node: r.node,
        pointer: r.pointer,
    }
}

pub(super) fn header<'d>(cx: &Cx<'d>, name: &'d str, node: &'d Node, pointer: &str) -> Header<'d> {
    let r = follow(cx.root, node, pointer);
    Header {
        name,
        required: bool_of(r.node, "required"),
        deprecated: bool_of(r.node, "deprecated"),
        description: str_of(r.node, "description"),
        schema: schema_at(r.node, &r.pointer, "schema"),
        content: content(r.node, &r.pointer),
        explode: bool_of(r.node, "explode"),
        node: r.node,
        pointer: r.pointer,
    }
}

pub(super) fn responses<'d>(cx: &Cx<'d>, op: &'d Node, op_ptr: &str) -> Vec<Response<'d>> {
    let Some(m) = op.get("responses").and_then(Node::as_object) else {
        return Vec::new();
    };
    let base = join(op_ptr, "responses");
    let mut out = Vec::with_capacity(m.len());
    for (key, node) in m.iter() {
        let Some(status) = StatusMatch::parse(key) else {
            continue;
        };
        let r = follow(cx.root, node, &join(&base, key));
        let mut headers = Vec::new();
        if let Some(hs) = r.node.get("headers").and_then(Node::as_object) {
            let hbase = join(&r.pointer, "headers");
            for (name, h) in hs.iter() {
                if !name.eq_ignore_ascii_case("content-type") {
                    headers.push(header(cx, name, h, &join(&hbase, name)));
                }
            }
        }
        let mut links = Vec::new();
        if let Some(ls) = r.node.get("links").and_then(Node::as_object) {
            let lbase = join(&r.pointer, "links");
            for (name, l) in ls.iter() {
                let l = follow(cx.root, l, &join(&lbase, name));
                links.push(Link {
                    name,
                    operation_id: str_of(l.node, "operationId"),
                    operation_ref: str_of(l.node, "operationRef"),
                    node: l.node,
                    pointer: l.pointer,
                });
            }
        }
        out.push(Response {
            key,
            status,
            description: str_of(r.node, "description"),
            headers,
            content: content(r.node, &r.pointer),
            links,
            node: r.node,
            pointer: r.pointer,
        });
    }
    out
}
