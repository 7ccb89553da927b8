//! Gateway profiles: what AWS API Gateway does with an OpenAPI definition on import.
//!
//! A [`Profile`] names the API type a definition is imported as: a REST API
//! ([`Profile::AwsRest`]) or an HTTP API ([`Profile::AwsHttp`]). Under a profile,
//!
//! - every construct on API Gateway's documented list of import limitations for that API type
//!   is reported with a code starting `aws-`, the outcome AWS documents for it (import fails,
//!   ignored, dropped, imported with a warning, changed, or "not supported" where the page gives
//!   no outcome) and its place ([`check`]);
//! - the `x-amazon-apigateway-*` extensions are checked against a JSON Schema per extension,
//!   written from AWS's extension reference, and for their cross-references;
//! - what API Gateway accepts but the OpenAPI specification forbids (an operation without
//!   `responses` in an HTTP API, a Swagger document without `info.version`, ...) is downgraded
//!   from an error to a warning ([`apply`], [`downgrade::DOWNGRADES`]).
//!
//! ```
//! use oaskit_core::{load_str, LoadOptions};
//! use oaskit_profile::{apply, Profile};
//!
//! let mut loaded = load_str("api.yaml", "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      x-amazon-apigateway-integration: {type: HTTP_PROXY, httpMethod: GET, uri: 'https://example.com/pets', payloadFormatVersion: '1.0'}\n", &LoadOptions::new());
//! assert!(loaded.has_errors()); // `responses` is required by OpenAPI 3.0
//! apply(&mut loaded, Profile::AwsHttp);
//! assert!(!loaded.has_errors()); // ... but not by API Gateway's HTTP API import
//! ```
//!
//! Fragments (an extension object on its own, as the developer guide prints them) are checked
//! with [`check_fragment`].

#[macro_use]
mod sources;
mod aws;
pub mod codes;
pub mod downgrade;
mod fragment;
mod outcome;

use oaskit_core::{Diagnostic, Loaded};

pub use fragment::{check_fragment, check_fragment_str, Fragment, FragmentError};
pub use outcome::Outcome;

/// The API type a definition is meant to be imported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// An API Gateway REST API (`aws apigateway import-rest-api`).
    AwsRest,
    /// An API Gateway HTTP API (`aws apigatewayv2 import-api`).
    AwsHttp,
}

impl Profile {
    /// Every profile, in the order the command line lists them.
    pub const ALL: [Profile; 2] = [Profile::AwsRest, Profile::AwsHttp];

    /// The name used on the command line: `aws-rest` or `aws-http`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Profile::AwsRest => "aws-rest",
            Profile::AwsHttp => "aws-http",
        }
    }

    /// The profile named `name` (`aws-rest`, `aws-http`).
    #[must_use]
    pub fn parse(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.name() == name)
    }

    /// How messages name the API type: `REST API` or `HTTP API`.
    #[must_use]
    pub fn api_type(self) -> &'static str {
        match self {
            Profile::AwsRest => "REST API",
            Profile::AwsHttp => "HTTP API",
        }
    }
}

impl std::str::FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::parse(s).ok_or_else(|| format!("unknown profile {s:?}"))
    }
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The profile's own findings on a loaded definition (`aws-*` codes), in document order.
/// Nothing is reported when no document was built. The load's own diagnostics are not
/// included; [`apply`] merges both.
#[must_use]
pub fn check(loaded: &Loaded, profile: Profile) -> Vec<Diagnostic> {
    let Some(doc) = loaded.document.as_ref() else {
        return Vec::new();
    };
    let mut out = aws::check(doc, profile);
    oaskit_core::sort_diagnostics(&mut out);
    out
}

/// Applies a profile to a load: downgrades the errors API Gateway accepts to warnings (each
/// message says so) and adds the profile's findings of [`check`], keeping the diagnostics
/// sorted. This is what `--profile` does on `check`, `import` and `export`.
pub fn apply(loaded: &mut Loaded, profile: Profile) {
    downgrade::apply(loaded, profile);
    let found = check(loaded, profile);
    loaded.diagnostics.extend(found);
    oaskit_core::sort_diagnostics(&mut loaded.diagnostics);
}
