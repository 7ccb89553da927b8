//! Recognizing paginated listings: which operations return one page of a longer list, what
//! to send for the next page and where the items are.
//!
//! Three sources, in order: an extension that declares it (Azure's `x-ms-pageable`,
//! Speakeasy's `x-speakeasy-pagination`, `x-pagination` in the same shape), a shape that leaves
//! no doubt (a cursor query parameter paired with a next-cursor field of the body, a body
//! field holding the next page's URL, a documented `Link` response header), and a guess (a
//! `page` or `offset` integer parameter beside an array). Only GET operations with a JSON 2xx
//! body holding exactly one array (or being one) qualify.

use oaskit_core::Node;

pub(crate) mod doc;

use crate::ir::{Api, Operation, PageSource, PageStyle, Pagination, TypeKind, TypeRef};

/// Query parameters that carry a cursor or continuation token (lower case, `_` and `-` removed).
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "pagetoken",
    "nexttoken",
    "continuationtoken",
    "continuation",
    "pagecursor",
    "after",
    "marker",
    "startingafter",
    "skiptoken",
    "$skiptoken",
];

/// Body fields that carry the next page's cursor (lower case, `_` and `-` removed).
const NEXT_CURSOR_FIELDS: &[&str] = &[
    "nextcursor",
    "nextpagetoken",
    "nexttoken",
    "continuationtoken",
    "nextmarker",
    "nextpagecursor",
    "endcursor",
    "after",
];

/// Body objects that hold paging state (lower case, `_` and `-` removed).
const PAGING_OBJECTS: &[&str] = &[
    "metadata",
    "meta",
    "responsemetadata",
    "pagination",
    "paging",
    "pageinfo",
];

/// Query parameters that number pages.
const PAGE_PARAMS: &[&str] = &["page", "page_number", "pagenumber", "pageno"];

/// Query parameters that count items to skip.
const OFFSET_PARAMS: &[&str] = &["offset", "skip", "start", "start_index", "startindex"];

/// The pagination of `op`, whose Operation Object is `node`.
pub(crate) fn recognize(api: &Api, op: &Operation, node: &Node) -> Option<Pagination> {
    if op.method != "GET" {
        return None;
    }
    let (body, link_header) = success_body(op)?;
    let (items, item) = items_of(api, body)?;
    if let Some(p) = declared(api, op, node, body, &items, &item) {
        return Some(p);
    }
    let query = |names: &[&str]| {
        op.params
            .iter()
            .filter(|p| p.location == crate::ir::Location::Query)
            .find(|p| names.contains(&p.wire.to_ascii_lowercase().as_str()))
            .map(|p| p.wire.clone())
    };
    let page = |style, source| {
        Some(Pagination {
            style,
            items: items.clone(),
            item: item.clone(),
            source,
        })
    };
    // String fields of the body, and of its object fields one level down (Slack's
    // `response_metadata.next_cursor`, Asana's `next_page.offset`, JSON:API's `links.next`).
    let mut strings: Vec<(Vec<String>, Option<String>)> = Vec::new();
    for (wire, ty) in object_fields(api, body) {
        match resolve(api, &ty) {
            TypeRef::String(format) => strings.push((vec![wire], format.clone())),
            inner @ TypeRef::Named(_) => {
                for (sub, sty) in object_fields(api, inner) {
                    if let TypeRef::String(format) = resolve(api, &sty) {
                        strings.push((vec![wire.clone(), sub], format.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    let cursor_params: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.location == crate::ir::Location::Query && is_string(api, &p.ty))
        .map(|p| p.wire.as_str())
        .collect();
    // A cursor: a string query parameter paired with a string field that names the next
    // value, by the usual names (`cursor` + `next_cursor`, `after` + `next`) or by the field
    // being `next_<param>` (Stripe's search `page` + `next_page`), or `<param>` inside a
    // `next...` object (Asana's `offset` + `next_page.offset`).
    for (path, _) in &strings {
        let leaf = squash(path.last().map_or("", String::as_str));
        let parent = path.first().filter(|_| path.len() > 1).map(|p| squash(p));
        for param in &cursor_params {
            let p = squash(param);
            let known = CURSOR_PARAMS.contains(&p.as_str())
                && (NEXT_CURSOR_FIELDS.contains(&leaf.as_str()) || leaf == "next");
            let named = leaf == format!("next{p}");
            let nested = parent
                .as_deref()
                .is_some_and(|o| o.starts_with("next") || PAGING_OBJECTS.contains(&o))
                && leaf == p;
            if known || named || nested {
                let style = PageStyle::Cursor {
                    param: (*param).to_string(),
                    next: path.clone(),
                };
                return page(style, PageSource::Recognized);
            }
        }
    }
    // A next-page URL: a `next...` field whose name or format says URL.
    for (path, format) in &strings {
        let leaf = squash(path.last().map_or("", String::as_str));
        let parent = path.first().filter(|_| path.len() > 1).map(|p| squash(p));
        let url_format = matches!(
            format.as_deref(),
            Some("uri" | "url" | "uri-reference" | "iri")
        );
        let url_name = ["url", "uri", "link"].iter().any(|u| leaf.contains(u));
        let next = leaf.starts_with("next") || leaf.starts_with("@odata.next");
        let in_links = parent
            .as_deref()
            .is_some_and(|o| o == "links" || o.starts_with("next"))
            && (leaf == "next" || leaf == "href" || leaf == "uri" || leaf == "url");
        if (next && (url_name || url_format))
            || (in_links && (url_format || leaf != "next" || parent.as_deref() == Some("links")))
        {
            return page(
                PageStyle::NextUrl { next: path.clone() },
                PageSource::Recognized,
            );
        }
    }
    if link_header {
        return page(PageStyle::LinkHeader, PageSource::Recognized);
    }
    if let Some(param) = query(PAGE_PARAMS).filter(|p| integer_param(op, p)) {
        return page(PageStyle::Page { param }, PageSource::Guessed);
    }
    if let Some(param) = query(OFFSET_PARAMS).filter(|p| integer_param(op, p)) {
        return page(PageStyle::Offset { param }, PageSource::Guessed);
    }
    None
}

/// The JSON body type of the first 2xx response, and whether that response documents a
/// `Link` header.
fn success_body(op: &Operation) -> Option<(&TypeRef, bool)> {
    let r = op
        .responses
        .iter()
        .find(|r| r.is_success() && r.ty.is_some())?;
    let json = r
        .media_type
        .as_deref()
        .is_some_and(|m| crate::build::body_kind(m) == crate::ir::BodyKind::Json);
    if !json {
        return None;
    }
    let link = r
        .headers
        .iter()
        .any(|h| h.wire.eq_ignore_ascii_case("link"));
    Some((r.ty.as_ref()?, link))
}

fn resolve<'a>(api: &'a Api, mut ty: &'a TypeRef) -> &'a TypeRef {
    // Aliases and nullability around the body do not change its shape.
    for _ in 0..16 {
        match ty {
            TypeRef::Nullable(inner) => ty = inner,
            TypeRef::Named(id) => match api.types.get(*id).map(|t| &t.kind) {
                Some(TypeKind::Alias(inner)) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

fn object_fields(api: &Api, ty: &TypeRef) -> Vec<(String, TypeRef)> {
    match resolve(api, ty) {
        TypeRef::Named(id) => match api.types.get(*id).map(|t| &t.kind) {
            Some(TypeKind::Struct { fields, .. }) => fields
                .iter()
                .map(|f| (f.wire.clone(), f.ty.clone()))
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn is_string(api: &Api, ty: &TypeRef) -> bool {
    matches!(resolve(api, ty), TypeRef::String(_))
}

/// The items of a page: the body itself when it is an array, else its one array field.
fn items_of(api: &Api, body: &TypeRef) -> Option<(Vec<String>, TypeRef)> {
    if let TypeRef::Array(item) = resolve(api, body) {
        return Some((Vec::new(), (**item).clone()));
    }
    let mut arrays = object_fields(api, body)
        .into_iter()
        .filter_map(|(wire, ty)| match resolve(api, &ty) {
            TypeRef::Array(item) => Some((wire, (**item).clone())),
            _ => None,
        });
    let first = arrays.next()?;
    // Two arrays (items and, say, warnings): which one pages is not for us to guess.
    if arrays.next().is_some() {
        return None;
    }
    Some((vec![first.0], first.1))
}

fn integer_param(op: &Operation, wire: &str) -> bool {
    op.params
        .iter()
        .any(|p| p.wire == wire && matches!(p.ty, TypeRef::Integer(_) | TypeRef::Number))
}

/// `x-ms-pageable: {nextLinkName, itemName}`; `x-speakeasy-pagination` / `x-pagination`:
/// `{type: cursor|offsetLimit|url, inputs: [{name, in: parameters, type: cursor|offset|page}],
/// outputs: {nextCursor | nextUrl: "$.path", results: "$.path"}}`.
fn declared(
    api: &Api,
    op: &Operation,
    node: &Node,
    body: &TypeRef,
    items: &[String],
    item: &TypeRef,
) -> Option<Pagination> {
    if let Some(ms) = node.get("x-ms-pageable") {
        let next = ms.get("nextLinkName").and_then(Node::as_str)?;
        let items_field = ms.get("itemName").and_then(Node::as_str).unwrap_or("value");
        let (items, item) = path_array(api, body, &[items_field.to_string()])
            .unwrap_or_else(|| (items.to_vec(), item.clone()));
        return Some(Pagination {
            style: PageStyle::NextUrl {
                next: vec![next.to_string()],
            },
            items,
            item,
            source: PageSource::Declared("x-ms-pageable".into()),
        });
    }
    for ext in ["x-speakeasy-pagination", "x-pagination"] {
        let Some(decl) = node.get(ext) else { continue };
        let input = |kinds: &[&str]| {
            decl.get("inputs")?.as_array()?.iter().find_map(|i| {
                let kind = i.get("type").and_then(Node::as_str)?;
                let name = i.get("name").and_then(Node::as_str)?;
                (kinds.contains(&kind) && op.params.iter().any(|p| p.wire == name))
                    .then(|| name.to_string())
            })
        };
        let output = |key: &str| {
            let path = decl.get("outputs")?.get(key)?.as_str()?;
            json_path(path)
        };
        let (items, item) = output("results")
            .and_then(|path| path_array(api, body, &path))
            .unwrap_or_else(|| (items.to_vec(), item.clone()));
        let style = match decl.get("type").and_then(Node::as_str) {
            Some("cursor") => PageStyle::Cursor {
                param: input(&["cursor"])?,
                next: output("nextCursor")?,
            },
            Some("url") => PageStyle::NextUrl {
                next: output("nextUrl")?,
            },
            Some("offsetLimit") => match input(&["page"]) {
                Some(param) => PageStyle::Page { param },
                None => PageStyle::Offset {
                    param: input(&["offset"])?,
                },
            },
            _ => return None,
        };
        return Some(Pagination {
            style,
            items,
            item,
            source: PageSource::Declared(ext.into()),
        });
    }
    None
}

/// `$.a.b` (or `$.a[0]`-free dotted paths) as field names; anything else is not understood.
fn json_path(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix('$')?;
    if rest.is_empty() {
        return Some(Vec::new());
    }
    let rest = rest.strip_prefix('.')?;
    let parts: Vec<String> = rest.split('.').map(str::to_string).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || p.contains(['[', ']', '*']))
    {
        return None;
    }
    Some(parts)
}

/// The array at field path `path` of `body`, with its item type.
fn path_array(api: &Api, body: &TypeRef, path: &[String]) -> Option<(Vec<String>, TypeRef)> {
    let mut ty = body.clone();
    for name in path {
        ty = object_fields(api, &ty)
            .into_iter()
            .find(|(wire, _)| wire == name)?
            .1;
    }
    match resolve(api, &ty) {
        TypeRef::Array(item) => Some((path.to_vec(), (**item).clone())),
        _ => None,
    }
}

/// A name in lower case without `_` and `-`, for comparisons (`next_page` = `nextPage`).
fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The parameter of `op` named `wire` that a listing sets (a query one first, when a name is
/// used in several places), with its entry in `names` (a backend's names of `op.params`, in
/// order).
pub(crate) fn paging_param<'o, 'n, N>(
    op: &'o Operation,
    names: &'n [N],
    wire: &str,
) -> Option<(&'o crate::ir::Param, &'n N)> {
    op.params
        .iter()
        .zip(names)
        .filter(|(q, _)| q.wire == wire)
        .min_by_key(|(q, _)| q.location != crate::ir::Location::Query)
}

/// The integer default of parameter `q`, where a JSON number holds it exactly (below 2^53):
/// where a page or offset listing starts when the call names no value.
pub(crate) fn start_of(q: &crate::ir::Param) -> Option<i64> {
    q.default
        .as_ref()
        .and_then(serde_json::Value::as_i64)
        .filter(|s| s.unsigned_abs() < 1 << 53)
}
