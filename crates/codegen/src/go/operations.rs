//! Client methods: one per operation, with its params struct and its response struct
//! (`templates/go/operation.go.txt`).

use askama::Template;

use super::escape::{comment_text, doc_comment, field_ident, string_literal};
use super::render;
use super::types::Types;
use crate::ir::{BodyKind, Location, Operation, StatusMatch, TypeRef};
use crate::names::Unique;

/// One client method with its params and response types.
#[derive(Template)]
#[template(path = "go/operation.go.txt", escape = "none")]
struct OperationView<'a> {
    doc: String,
    method: &'a str,
    params_ident: &'a str,
    response_ident: &'a str,
    has_params: bool,
    fields: Vec<ParamField>,
    params: Vec<ParamView>,
    body: Option<BodyView>,
    responses: Vec<ResponseView>,
    only_default: bool,
    has_default: bool,
    /// The HTTP method and path template as string literals.
    http_method: String,
    path: String,
    /// The security alternatives as a Go `[][]string` expression.
    security: String,
    /// The pager of a paginated operation.
    paging: Option<super::paging::PagingView>,
}

/// A field of the params struct.
struct ParamField {
    doc: String,
    ident: String,
    ty: String,
}

/// A parameter as the request takes it.
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

/// A documented response.
struct ResponseView {
    /// The Go condition on `res.status` (empty for the default response).
    condition: String,
    /// The field of the body, its doc comment and type, and how it is decoded.
    ident: String,
    doc: String,
    ty: Option<String>,
    kind: Option<&'static str>,
    /// The field of the documented headers, typed (an anonymous struct), when it has any.
    headers: Option<HeadersView>,
}

/// The documented headers of a response, as a field of the response struct.
struct HeadersView {
    ident: String,
    doc: String,
    fields: Vec<HeaderField>,
}

/// One documented header: its field (a pointer, nil when absent), its name and shape.
struct HeaderField {
    doc: String,
    ident: String,
    ty: String,
    wire: String,
    shape: &'static str,
}

fn body_kind(kind: &BodyKind) -> &'static str {
    match kind {
        BodyKind::Json => "bodyJSON",
        BodyKind::Form => "bodyForm",
        BodyKind::Multipart => "bodyMultipart",
        BodyKind::Text => "bodyText",
        BodyKind::Binary => "bodyBinary",
    }
}

/// An operation named `method` with types `params_ident` and `response_ident` (and, when it
/// is paginated, its pager method `pages`): the Go text, whether it decodes a response body,
/// whether it has a pager and whether it reads typed response headers.
pub(super) fn render_operation(
    types: &Types<'_>,
    op: &Operation,
    method: &str,
    (params_ident, response_ident): (&str, &str),
    pages: Option<&str>,
) -> (String, bool, bool, bool) {
    let mut names = Unique::default();
    let body_ident = op.body.as_ref().map(|_| names.take("Body").0);
    let mut fields = Vec::new();
    let mut params = Vec::new();
    for p in &op.params {
        let ident = names.take(&field_ident(&p.name)).0;
        let ty = if p.required {
            types.ty(&p.ty)
        } else {
            types.pointer(&p.ty)
        };
        // The wire name in the comment is not quoted: the literal stands once, in the call.
        let what = format!(
            "{} parameter `{}`",
            p.location.as_str(),
            p.wire.replace('`', "'")
        );
        let text = match &p.doc {
            Some(d) => format!("{ident} is the {what}: {d}"),
            None => format!("{ident} is the {what}."),
        };
        fields.push(ParamField {
            doc: doc_comment(Some(&text), "\t"),
            ident: ident.clone(),
            ty,
        });
        params.push(ParamView {
            location: match p.location {
                Location::Path => "inPath",
                Location::Query => "inQuery",
                Location::Header => "inHeader",
                Location::Cookie => "inCookie",
            },
            wire: string_literal(&p.wire),
            style: string_literal(&p.style),
            explode: p.explode,
            ident,
        });
    }
    let paging = match (&op.pagination, pages) {
        (Some(p), Some(pages)) => {
            let idents: Vec<String> = params.iter().map(|v| v.ident.clone()).collect();
            super::paging::view(types, op, p, method, pages, &idents)
        }
        _ => None,
    };
    let body = op.body.as_ref().map(|b| {
        let ident = body_ident.clone().unwrap_or_else(|| "Body".into());
        let ty = match (&b.kind, &b.ty) {
            (BodyKind::Binary, _) | (_, TypeRef::Binary) => "[]byte".to_string(),
            (BodyKind::Text, _) => "string".to_string(),
            (_, t) if b.required => types.ty(t),
            (_, t) => types.pointer(t),
        };
        let ty = if !b.required && (ty == "string") {
            "*string".to_string()
        } else {
            ty
        };
        let text = format!(
            "{ident} is the request body, sent as {}{}.",
            comment_text(&string_literal(&b.media_type)),
            if b.required { "" } else { " when set" }
        );
        fields.push(ParamField {
            doc: doc_comment(Some(&text), "\t"),
            ident: ident.clone(),
            ty,
        });
        BodyView {
            kind: body_kind(&b.kind),
            media_type: string_literal(&b.media_type),
            ident,
        }
    });
    // Responses: exact statuses, then ranges, then the default; each condition once.
    let mut rnames = Unique::default();
    rnames.take("StatusCode");
    rnames.take("Header");
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
    let mut conditions = std::collections::HashSet::new();
    let mut responses = Vec::new();
    let mut decodes = false;
    let mut typed_headers = false;
    for (_, r) in ordered {
        let (condition, base) = match r.status_match() {
            StatusMatch::Exact(code) => (format!("res.status == {code}"), format!("Status{code}")),
            StatusMatch::Range(lo, hi) => (
                format!("res.status >= {lo} && res.status <= {hi}"),
                format!("Status{}XX", lo / 100),
            ),
            StatusMatch::Default => (String::new(), "Default".to_string()),
        };
        if !conditions.insert(condition.clone()) {
            continue;
        }
        let ident = rnames.take(&base).0;
        let (ty, kind) = match (&r.ty, r.media_type.as_deref().map(crate::build::body_kind)) {
            (Some(t), Some(BodyKind::Json)) => (Some(types.pointer(t)), Some("bodyJSON")),
            (Some(_), Some(BodyKind::Text)) => (Some("string".to_string()), Some("bodyText")),
            (Some(_), _) => (Some("[]byte".to_string()), Some("bodyBinary")),
            (None, _) => (None, None),
        };
        decodes |= kind.is_some();
        let headers = (!r.headers.is_empty()).then(|| {
            let hident = rnames.take(&format!("{ident}Headers")).0;
            let mut hnames = Unique::default();
            let fields = r
                .headers
                .iter()
                .map(|h| {
                    // A header is never null: a nullable type reads as its inner type.
                    let mut t = &h.ty;
                    while let TypeRef::Nullable(inner) = t {
                        t = inner;
                    }
                    let fident = hnames.take(&field_ident(&h.name)).0;
                    let mut text = format!("{fident} is the header {}", comment_text(&h.wire));
                    if h.required {
                        text.push_str(" (documented as always sent)");
                    }
                    match &h.doc {
                        Some(d) => {
                            text.push_str(": ");
                            text.push_str(d);
                        }
                        None => text.push('.'),
                    }
                    HeaderField {
                        doc: doc_comment(Some(&text), "\t\t"),
                        ident: fident,
                        ty: types.pointer(t),
                        wire: string_literal(&h.wire),
                        shape: header_shape(types, t),
                    }
                })
                .collect();
            let status = if condition.is_empty() {
                "response of another status".to_string()
            } else {
                format!("{} response", comment_text(&r.status))
            };
            let text = format!(
                "{hident} holds the headers documented for a {status}, typed; each is nil \
                 when absent."
            );
            HeadersView {
                ident: hident,
                doc: doc_comment(Some(&text), "\t"),
                fields,
            }
        });
        typed_headers |= headers.is_some();
        let status = if condition.is_empty() {
            "response of another status".to_string()
        } else {
            format!("{} response", comment_text(&r.status))
        };
        let first = r
            .doc
            .as_deref()
            .and_then(|d| crate::names::visible_lines(d).into_iter().next())
            .filter(|d| !d.trim().is_empty());
        let text = match first {
            Some(d) => format!("{ident} is the body of a {status}: {d}"),
            None => format!("{ident} is the body of a {status}."),
        };
        responses.push(ResponseView {
            condition,
            ident,
            doc: doc_comment(Some(&text), "\t"),
            ty,
            kind,
            headers,
        });
    }
    let has_default = responses.iter().any(|r| r.condition.is_empty());
    let only_default = has_default && responses.len() == 1;
    let mut doc = format!("{method} calls {} {}.", op.method, comment_text(&op.path));
    if let Some(d) = &op.doc {
        doc.push_str("\n\n");
        doc.push_str(d);
    }
    if op.deprecated {
        doc.push_str("\n\nDeprecated: the definition marks this operation deprecated.");
    }
    let security = if op.security.is_empty() {
        "nil".to_string()
    } else {
        let alternatives: Vec<String> = op
            .security
            .iter()
            .map(|alt| {
                let names: Vec<String> = alt.iter().map(|s| string_literal(s)).collect();
                format!("{{{}}}", names.join(", "))
            })
            .collect();
        format!("[][]string{{{}}}", alternatives.join(", "))
    };
    let paged = paging.is_some();
    let text = render(&OperationView {
        doc: doc_comment(Some(&doc), ""),
        method,
        params_ident,
        response_ident,
        has_params: !fields.is_empty(),
        fields,
        params,
        body,
        responses,
        only_default,
        has_default,
        http_method: string_literal(&op.method),
        path: string_literal(&op.path),
        security,
        paging,
    });
    (text, decodes, paged, typed_headers)
}

/// How a header's text maps to `ty`: a list, an object (names and values) or one value.
fn header_shape(types: &Types<'_>, ty: &TypeRef) -> &'static str {
    let mut ty = ty.clone();
    for _ in 0..16 {
        match ty {
            TypeRef::Nullable(inner) => ty = *inner,
            TypeRef::Array(_) => return "headerList",
            TypeRef::Map(_) => return "headerObject",
            TypeRef::Named(i) => match types.api.types.get(i).map(|t| &t.kind) {
                Some(crate::ir::TypeKind::Alias(inner)) => ty = inner.clone(),
                Some(crate::ir::TypeKind::Struct { .. }) => return "headerObject",
                _ => return "headerScalar",
            },
            _ => return "headerScalar",
        }
    }
    "headerScalar"
}
