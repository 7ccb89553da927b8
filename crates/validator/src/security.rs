//! Security requirements: are the credentials the operation asks for present? Tokens are not
//! verified.

use crate::message::header;

/// One credential a scheme needs.
#[derive(Clone, Debug)]
pub(crate) enum Cred {
    /// An API key in a header, query parameter or cookie.
    ApiKey { location: String, name: String },
    /// `Authorization: <scheme> ...` (basic, bearer, digest, ...); OAuth2 and OpenID Connect
    /// use bearer tokens.
    Http { scheme: String },
    /// Cannot be seen in a message (mutual TLS): always satisfied.
    Unverifiable,
}

impl Cred {
    pub(crate) fn from_scheme(kind: &oaskit_core::api::SchemeKind<'_>) -> Cred {
        use oaskit_core::api::{KeyLocation, SchemeKind};
        match kind {
            SchemeKind::ApiKey { name, location } => Cred::ApiKey {
                location: match location {
                    Some(KeyLocation::Query) => "query",
                    Some(KeyLocation::Header) => "header",
                    Some(KeyLocation::Cookie) => "cookie",
                    None => "",
                }
                .into(),
                name: (*name).to_string(),
            },
            SchemeKind::Http { scheme, .. } => Cred::Http {
                scheme: scheme.clone(),
            },
            SchemeKind::OAuth2 | SchemeKind::OpenIdConnect { .. } => Cred::Http {
                scheme: "bearer".into(),
            },
            // Swagger 2.0 `basic` is upgraded to `http`/`basic` on load.
            SchemeKind::MutualTls | SchemeKind::Unknown(_) => Cred::Unverifiable,
        }
    }

    pub(crate) fn present(
        &self,
        headers: &[(String, String)],
        query: &[(String, String, String)],
        cookies: &[(String, String)],
    ) -> bool {
        match self {
            Cred::ApiKey { location, name } => match location.as_str() {
                "header" => header(headers, name).is_some_and(|v| !v.is_empty()),
                "query" => query.iter().any(|(k, v, _)| k == name && !v.is_empty()),
                "cookie" => cookies.iter().any(|(k, v)| k == name && !v.is_empty()),
                _ => false,
            },
            Cred::Http { scheme } => header(headers, "authorization").is_some_and(|v| {
                let mut it = v.splitn(2, ' ');
                let s = it.next().unwrap_or("");
                let rest = it.next().unwrap_or("").trim();
                s.eq_ignore_ascii_case(scheme) && !rest.is_empty()
            }),
            Cred::Unverifiable => true,
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            Cred::ApiKey { location, name } => format!("API key {name:?} in {location}"),
            Cred::Http { scheme } => format!("Authorization: {scheme} credentials"),
            Cred::Unverifiable => "mutual TLS".into(),
        }
    }
}
