//! Operations: per operation the client's two methods (`templates/java/operation.java.txt`),
//! the request class with its builder (`request.java.txt`) and the sealed response interface
//! with one record per documented status (`response.java.txt`).

use std::collections::HashSet;

use askama::Template;

use super::escape::{doc_comment, doc_text, member_ident, string_literal, RESERVED_FIELDS};
use super::types::Types;
use super::{render, LocalNames};
use crate::ir::{BodyKind, Location, Operation, StatusMatch, TypeRef};

/// The names of an operation: its client methods and its two types.
pub(super) struct OpNames {
    pub(super) method: String,
    pub(super) async_method: String,
    pub(super) request: String,
    pub(super) response: String,
    /// The pages method of a paginated operation.
    pub(super) pages: Option<String>,
}

/// The text an operation adds: two files and the client's methods.
pub(super) struct Rendered {
    pub(super) request: String,
    pub(super) response: String,
    pub(super) client_method: String,
    /// The item type of the pages method, when there is one (for the client's imports).
    pub(super) item: Option<String>,
}

#[derive(Template)]
#[template(path = "java/operation.java.txt", escape = "none")]
struct MethodView<'a> {
    doc: String,
    async_doc: String,
    deprecated: bool,
    method: &'a str,
    async_method: &'a str,
    request: &'a str,
    response: &'a str,
    public_request: bool,
    paging: Option<super::paging::PagingView>,
}

#[derive(Template)]
#[template(path = "java/request.java.txt", escape = "none")]
struct RequestView<'a> {
    package: &'a str,
    /// The `java.time` imports the fields need.
    time_imports: String,
    ident: &'a str,
    method: &'a str,
    response: &'a str,
    public: bool,
    /// The required parameters' identifiers, for the class Javadoc.
    required: String,
    security: String,
    fields: Vec<FieldView>,
    params: Vec<ParamView>,
    body: Option<BodyView>,
    responses: Vec<ResponseView>,
    has_default: bool,
    http_method: String,
    path: String,
}

/// A field of the request (a parameter or the body).
struct FieldView {
    ident: String,
    ty: String,
    required: bool,
    /// The identifier as a string literal (for the message of a missing one).
    name_literal: String,
    getter_doc: String,
    setter_doc: String,
}

/// A parameter as the call takes it.
struct ParamView {
    location: &'static str,
    /// Wire name and style as string literals.
    wire: String,
    style: String,
    explode: bool,
    ident: String,
}

/// The request body.
struct BodyView {
    kind: &'static str,
    media_type: String,
    ident: String,
}

#[derive(Template)]
#[template(path = "java/response.java.txt", escape = "none")]
struct ResponseFile<'a> {
    package: &'a str,
    /// The `java.time` imports the records need.
    time_imports: String,
    ident: &'a str,
    method: &'a str,
    responses: &'a [ResponseView],
}

/// A documented response.
struct ResponseView {
    /// The Java condition on `raw.status()` (empty for the default response).
    condition: String,
    ident: String,
    doc: String,
    ty: Option<String>,
    /// How the body is read from `raw`.
    decode: Option<String>,
    /// The headers the definition documents for the status, typed.
    headers: Vec<HeaderView>,
}

/// A documented response header: a component of the status's record.
struct HeaderView {
    ident: String,
    ty: String,
    /// How the value is read from `raw` (`raw.header("X-Rate", ApiJson.type(Long.class))`).
    decode: String,
}

fn body_kind(kind: &BodyKind) -> &'static str {
    match kind {
        BodyKind::Json => "JSON",
        BodyKind::Form => "FORM",
        BodyKind::Multipart => "MULTIPART",
        BodyKind::Text => "TEXT",
        BodyKind::Binary => "BINARY",
    }
}

/// Renders operation `op` named `names`.
pub(super) fn render_operation(
    types: &Types<'_>,
    package: &str,
    op: &Operation,
    names: &OpNames,
) -> Rendered {
    let mut idents = LocalNames::new(RESERVED_FIELDS, &[]);
    let body_ident = op.body.as_ref().map(|_| idents.take("body"));
    let mut fields = Vec::new();
    let mut params = Vec::new();
    for p in &op.params {
        let ident = idents.take(&member_ident(&p.name));
        // The wire name in the Javadoc is not quoted: the literal stands once, in the call.
        let what = format!(
            "the {} parameter `{}`{}",
            p.location.as_str(),
            p.wire.replace('`', "'"),
            if p.required { " (required)" } else { "" }
        );
        let text = match &p.doc {
            Some(d) => format!("{what}: {d}"),
            None => what,
        };
        fields.push(field(
            &ident,
            types.ty(&p.ty),
            p.required,
            &text,
            &format!("{ident} (null when unset)"),
        ));
        params.push(ParamView {
            location: match p.location {
                Location::Path => "PATH",
                Location::Query => "QUERY",
                Location::Header => "HEADER",
                Location::Cookie => "COOKIE",
            },
            wire: string_literal(&p.wire),
            style: string_literal(&p.style),
            explode: p.explode,
            ident,
        });
    }
    let body = op.body.as_ref().map(|b| {
        let ident = body_ident.clone().unwrap_or_else(|| "body".into());
        let ty = match (&b.kind, &b.ty) {
            (BodyKind::Binary, _) | (_, TypeRef::Binary) => "byte[]".to_string(),
            (BodyKind::Text, _) => "String".to_string(),
            (_, t) => types.ty(t),
        };
        let text = format!(
            "the request body, sent as {}{}",
            string_literal(&b.media_type),
            if b.required {
                " (required)"
            } else {
                " when set"
            }
        );
        fields.push(field(&ident, ty, b.required, &text, "the body"));
        BodyView {
            kind: body_kind(&b.kind),
            media_type: string_literal(&b.media_type),
            ident,
        }
    });
    // Responses: exact statuses, then ranges, then the default; each condition once.
    let mut ordered: Vec<(u8, &crate::ir::Response)> = op
        .responses
        .iter()
        .map(|r| {
            let rank = match r.status_match() {
                StatusMatch::Exact(_) => 0,
                StatusMatch::Range(..) => 1,
                StatusMatch::Default => 2,
            };
            (rank, r)
        })
        .collect();
    ordered.sort_by_key(|(rank, _)| *rank);
    let mut conditions = HashSet::new();
    let mut local = HashSet::new();
    local.insert(names.response.to_ascii_lowercase());
    let mut responses = Vec::new();
    // The first 2xx response with a body is the page (as `paging::recognize` chose it).
    let page = op
        .responses
        .iter()
        .find(|r| r.is_success() && r.ty.is_some());
    let mut page_ident = None;
    for (_, r) in ordered {
        let (condition, base) = match r.status_match() {
            StatusMatch::Exact(code) => {
                (format!("raw.status() == {code}"), format!("Status{code}"))
            }
            StatusMatch::Range(lo, hi) => (
                format!("raw.status() >= {lo} && raw.status() <= {hi}"),
                format!("Status{}XX", lo / 100),
            ),
            StatusMatch::Default => (String::new(), "Default".to_string()),
        };
        if !conditions.insert(condition.clone()) {
            continue;
        }
        let ident = types.ns.nested(&base, &mut local);
        if page.is_some_and(|p| std::ptr::eq(p, r)) && r.status_match() != StatusMatch::Default {
            page_ident = Some(ident.clone());
        }
        let (ty, decode) = match (&r.ty, r.media_type.as_deref().map(crate::build::body_kind)) {
            (Some(t), Some(BodyKind::Json)) => (
                Some(types.ty(t)),
                Some(format!("raw.json({})", types.jtype(t))),
            ),
            (Some(_), Some(BodyKind::Text)) => {
                (Some("String".to_string()), Some("raw.text()".to_string()))
            }
            (Some(_), _) => (Some("byte[]".to_string()), Some("raw.body()".to_string())),
            (None, _) => (None, None),
        };
        let status = if condition.is_empty() {
            "Any other status".to_string()
        } else {
            format!("Status {}", doc_text(&r.status))
        };
        let first = r
            .doc
            .as_deref()
            .and_then(|d| crate::names::visible_lines(d).into_iter().next())
            .filter(|d| !d.trim().is_empty());
        let text = match first {
            Some(d) => format!("{status}: {d}"),
            None => format!("{status}."),
        };
        let mut tags = vec![
            ("@param", "status", "the HTTP status"),
            ("@param", "headers", "the response headers"),
        ];
        if ty.is_some() {
            tags.push(("@param", "body", "the body (null when empty)"));
        }
        let headers = response_headers(types, r);
        let header_docs: Vec<String> = r
            .headers
            .iter()
            .map(|h| {
                let what = format!(
                    "the header `{}`{}",
                    h.wire.replace('`', "'"),
                    if h.required {
                        ""
                    } else {
                        " (null when absent)"
                    }
                );
                match &h.doc {
                    Some(d) => format!("{what}: {d}"),
                    None => what,
                }
            })
            .collect();
        for (h, d) in headers.iter().zip(&header_docs) {
            tags.push(("@param", h.ident.as_str(), d.as_str()));
        }
        let doc = doc_comment(Some(&text), &tags, "    ");
        responses.push(ResponseView {
            condition,
            ident,
            doc,
            ty,
            decode,
            headers,
        });
    }
    let has_default = responses.iter().any(|r| r.condition.is_empty());
    let public = !fields.is_empty();
    let required: Vec<String> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.ident.clone())
        .collect();
    let security = if op.security.is_empty() {
        "List.of()".to_string()
    } else {
        let alternatives: Vec<String> = op
            .security
            .iter()
            .map(|alt| {
                let names: Vec<String> = alt.iter().map(|s| string_literal(s)).collect();
                format!("List.of({})", names.join(", "))
            })
            .collect();
        format!("List.of({})", alternatives.join(", "))
    };
    let response_tys = || {
        responses.iter().flat_map(|r| {
            r.ty.as_deref()
                .into_iter()
                .chain(r.headers.iter().map(|h| h.ty.as_str()))
        })
    };
    let response_imports = super::time_imports(response_tys());
    // The request names the response types too (its `decode` reads the body and headers).
    let request_imports =
        super::time_imports(fields.iter().map(|f| f.ty.as_str()).chain(response_tys()));
    let response = render(&ResponseFile {
        package,
        time_imports: response_imports,
        ident: &names.response,
        method: &names.method,
        responses: &responses,
    });
    let param_idents: Vec<String> = params.iter().map(|v| v.ident.clone()).collect();
    let request = render(&RequestView {
        package,
        time_imports: request_imports,
        ident: &names.request,
        method: &names.method,
        response: &names.response,
        public,
        required: required.join(", "),
        security,
        fields,
        params,
        body,
        responses,
        has_default,
        http_method: string_literal(&op.method),
        path: string_literal(&op.path),
    });
    let mut text = format!("{} {}", op.method, op.path);
    if let Some(d) = &op.doc {
        text.push_str("\n\n");
        text.push_str(d);
    }
    let mut tags: Vec<(&str, &str, &str)> = Vec::new();
    if public {
        tags.push(("@param", "request", "the parameters"));
    }
    tags.push((
        "@return",
        "",
        "the documented response of the status received",
    ));
    tags.push((
        "@throws",
        "ApiException",
        "for a status the operation does not document",
    ));
    tags.push((
        "@throws",
        "IOException",
        "when the request cannot be sent or the response read",
    ));
    tags.push((
        "@throws",
        "InterruptedException",
        "when the thread is interrupted while waiting",
    ));
    if op.deprecated {
        tags.push((
            "@deprecated",
            "",
            "the definition marks this operation deprecated",
        ));
    }
    let doc = doc_comment(Some(&text), &tags, "    ");
    let mut async_tags: Vec<(&str, &str, &str)> = Vec::new();
    if public {
        async_tags.push(("@param", "request", "the parameters"));
    }
    async_tags.push((
        "@return",
        "",
        "the documented response, or a future failed with an ApiException for a status the operation does not document",
    ));
    if op.deprecated {
        async_tags.push((
            "@deprecated",
            "",
            "the definition marks this operation deprecated",
        ));
    }
    let async_doc = doc_comment(
        Some(&format!("{} {}, without blocking.", op.method, op.path)),
        &async_tags,
        "    ",
    );
    let paging = match (&op.pagination, &names.pages, &page_ident) {
        (Some(p), Some(pages), Some(page)) => {
            let idents: Vec<&str> = param_idents.iter().map(String::as_str).collect();
            super::paging::view(types, op, p, (&names.method, pages, page), &idents, public)
        }
        _ => None,
    };
    let item = paging.as_ref().map(|p| p.item.clone());
    let client_method = render(&MethodView {
        doc,
        async_doc,
        deprecated: op.deprecated,
        method: &names.method,
        async_method: &names.async_method,
        request: &names.request,
        response: &names.response,
        public_request: public,
        paging,
    });
    Rendered {
        request,
        response,
        client_method,
        item,
    }
}

/// The documented headers of response `r` as components of its record: names clear of the
/// record's own (`status`, `headers`, `body`) and of `Object`'s methods.
fn response_headers(types: &Types<'_>, r: &crate::ir::Response) -> Vec<HeaderView> {
    let mut idents = LocalNames::new(RESERVED_FIELDS, &["status", "headers", "body"]);
    r.headers
        .iter()
        .map(|h| HeaderView {
            ident: idents.take(&member_ident(&h.name)),
            ty: types.ty(&h.ty),
            decode: format!(
                "raw.header({}, {})",
                string_literal(&h.wire),
                types.jtype(&h.ty)
            ),
        })
        .collect()
}

/// A field of a request: its getter and builder setter documented by `text`.
fn field(ident: &str, ty: String, required: bool, text: &str, returns: &str) -> FieldView {
    FieldView {
        ident: ident.to_string(),
        name_literal: string_literal(ident),
        getter_doc: doc_comment(
            Some(&capitalized(text)),
            &[("@return", "", returns)],
            "    ",
        ),
        setter_doc: doc_comment(
            Some(&format!("Sets {text}")),
            &[
                ("@param", ident, "the value"),
                ("@return", "", "this builder"),
            ],
            "        ",
        ),
        ty,
        required,
    }
}

/// `text` with its first letter in upper case.
fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
