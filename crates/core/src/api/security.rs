//! Security schemes and the requirements that name them.

use super::reference::follow;
use super::{str_of, Cx};
use crate::node::{join, Node};

/// Where an API key travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyLocation {
    /// A query parameter.
    Query,
    /// A header.
    Header,
    /// A cookie.
    Cookie,
}

/// What kind of credential a scheme asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeKind<'d> {
    /// An API key in a query parameter, header or cookie.
    ApiKey {
        /// The parameter, header or cookie name.
        name: &'d str,
        /// Where it travels (`None` when `in` is missing or unknown).
        location: Option<KeyLocation>,
    },
    /// HTTP authentication (`Authorization: <scheme> ...`); the scheme in lower case.
    Http {
        /// `basic`, `bearer`, `digest`, ... (lower case).
        scheme: String,
        /// The bearer format hint.
        bearer_format: Option<&'d str>,
    },
    /// OAuth 2 (a bearer token).
    OAuth2,
    /// OpenID Connect (a bearer token).
    OpenIdConnect {
        /// The discovery URL.
        url: Option<&'d str>,
    },
    /// Mutual TLS (nothing in the message).
    MutualTls,
    /// A type oaskit does not know (or none).
    Unknown(Option<&'d str>),
}

/// A security scheme of `components/securitySchemes`.
#[derive(Clone, Debug)]
pub struct SecurityScheme<'d> {
    /// Its name in `components/securitySchemes`.
    pub name: &'d str,
    /// What it asks for.
    pub kind: SchemeKind<'d>,
    /// Its description.
    pub description: Option<&'d str>,
    /// The Security Scheme Object (references followed).
    pub node: &'d Node,
    /// Where it stands.
    pub pointer: String,
}

/// One scheme named by a requirement, with its scopes.
#[derive(Clone, Debug)]
pub struct RequiredScheme<'d> {
    /// The name used in the requirement.
    pub name: &'d str,
    /// The scopes or roles listed.
    pub scopes: Vec<&'d str>,
    /// The scheme it names, when declared.
    pub scheme: Option<SecurityScheme<'d>>,
}

/// One Security Requirement Object: every scheme in it must be satisfied. An empty one makes
/// the operation callable anonymously.
#[derive(Clone, Debug)]
pub struct Requirement<'d> {
    /// The schemes, in document order.
    pub schemes: Vec<RequiredScheme<'d>>,
    /// Where it stands.
    pub pointer: String,
}

pub(super) fn scheme<'d>(
    cx: &Cx<'d>,
    name: &'d str,
    node: &'d Node,
    pointer: &str,
) -> SecurityScheme<'d> {
    let r = follow(cx.root, node, pointer);
    let s = r.node;
    let kind = match str_of(s, "type") {
        Some("apiKey") => SchemeKind::ApiKey {
            name: str_of(s, "name").unwrap_or(""),
            location: match str_of(s, "in") {
                Some("query") => Some(KeyLocation::Query),
                Some("header") => Some(KeyLocation::Header),
                Some("cookie") => Some(KeyLocation::Cookie),
                _ => None,
            },
        },
        Some("http") => SchemeKind::Http {
            scheme: str_of(s, "scheme").unwrap_or("").to_ascii_lowercase(),
            bearer_format: str_of(s, "bearerFormat"),
        },
        Some("oauth2") => SchemeKind::OAuth2,
        Some("openIdConnect") => SchemeKind::OpenIdConnect {
            url: str_of(s, "openIdConnectUrl"),
        },
        Some("mutualTLS") => SchemeKind::MutualTls,
        other => SchemeKind::Unknown(other),
    };
    SecurityScheme {
        name,
        kind,
        description: str_of(s, "description"),
        node: s,
        pointer: r.pointer,
    }
}

pub(super) fn schemes<'d>(cx: &Cx<'d>) -> Vec<SecurityScheme<'d>> {
    let Some(m) = cx
        .root
        .pointer("/components/securitySchemes")
        .and_then(Node::as_object)
    else {
        return Vec::new();
    };
    m.iter()
        .map(|(name, s)| scheme(cx, name, s, &join("/components/securitySchemes", name)))
        .collect()
}

/// The requirements of a `security` array (`None` when it is not an array).
pub(super) fn requirements<'d>(
    schemes: &[SecurityScheme<'d>],
    node: &'d Node,
    pointer: &str,
) -> Option<Vec<Requirement<'d>>> {
    let list = node.as_array()?;
    Some(
        list.iter()
            .enumerate()
            .filter_map(|(i, req)| {
                let m = req.as_object()?;
                Some(Requirement {
                    schemes: m
                        .iter()
                        .map(|(name, scopes)| RequiredScheme {
                            name,
                            scopes: scopes
                                .as_array()
                                .unwrap_or_default()
                                .iter()
                                .filter_map(Node::as_str)
                                .collect(),
                            scheme: schemes.iter().find(|s| s.name == name).cloned(),
                        })
                        .collect(),
                    pointer: join(pointer, &i.to_string()),
                })
            })
            .collect(),
    )
}
