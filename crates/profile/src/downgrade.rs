//! What API Gateway accepts although the OpenAPI specification forbids it: under a profile,
//! these errors of the load become warnings, so a definition that imports into API Gateway
//! loads (its message says why it is only a warning).
//!
//! Each entry names a core code, the place it applies to and the profiles; all come from
//! documents of AWS's own developer guide that import as they are
//! (`../shared/specs/aws-apigateway/`, tested in `tests/aws_documents.rs`).

use oaskit_core::{Diagnostic, Loaded, Severity};

use crate::Profile;

/// One error that a profile turns into a warning.
pub struct Downgrade {
    /// The core code.
    pub code: &'static str,
    /// The profiles it applies under.
    pub profiles: &'static [Profile],
    /// What is accepted, for the documentation (README table, `--help`).
    pub what: &'static str,
    /// Whether a diagnostic of [`Downgrade::code`] is this case.
    matches: fn(&Diagnostic) -> bool,
}

impl Downgrade {
    /// Whether this entry turns `d` into a warning under `profile`.
    #[must_use]
    pub fn applies(&self, d: &Diagnostic, profile: Profile) -> bool {
        d.code == self.code && d.is_error() && self.profiles.contains(&profile) && (self.matches)(d)
    }
}

const REST: &[Profile] = &[Profile::AwsRest];
const HTTP: &[Profile] = &[Profile::AwsHttp];
const BOTH: &[Profile] = &[Profile::AwsRest, Profile::AwsHttp];

fn pointer(d: &Diagnostic) -> &str {
    d.location.as_ref().map_or("", |l| l.pointer.as_str())
}

/// The tokens of a pointer (still escaped; only their count and fixed names matter here).
fn tokens(p: &str) -> Vec<&str> {
    p.split('/').skip(1).collect()
}

/// Whether `p` is an Operation Object's pointer (`/paths/{path}/{method}`).
fn is_operation(p: &str) -> bool {
    matches!(tokens(p).as_slice(), ["paths", _, m] if oaskit_core::METHODS.contains(m) || *m == oaskit_core::api::ANY_METHOD)
}

/// Every downgrade, in the order the README lists them.
pub const DOWNGRADES: &[Downgrade] = &[
    Downgrade {
        code: "schema-violation",
        profiles: HTTP,
        what: "an operation without `responses` (HTTP API import builds routes from the integration; the guide's HTTP API examples have none)",
        matches: |d| is_operation(pointer(d)) && d.message.contains("\"responses\" is a required property"),
    },
    Downgrade {
        code: "schema-violation",
        profiles: BOTH,
        what: "no `info.version` (the guide's create-api-using-swagger example)",
        matches: |d| pointer(d) == "/info" && d.message.contains("\"version\" is a required property"),
    },
    Downgrade {
        code: "schema-violation",
        profiles: REST,
        what: "a Swagger 2.0 `host` that is not a bare host name (the guide's S3 proxy export has a path and placeholders in it)",
        matches: |d| pointer(d) == "/host",
    },
    Downgrade {
        code: "schema-violation",
        profiles: REST,
        what: "a Swagger 2.0 non-body parameter without `type` (REST API import keeps only name, in, required, type and description; the request validation example)",
        matches: |d| {
            matches!(tokens(pointer(d)).as_slice(), ["paths", _, _, "parameters", _] | ["paths", _, "parameters", _])
                && d.message.contains("\"type\" is a required property")
        },
    },
    Downgrade {
        code: "schema-violation",
        profiles: REST,
        what: "a response without `description` (the request validation example)",
        matches: |d| {
            matches!(tokens(pointer(d)).as_slice(), ["paths", _, _, "responses", _])
                && d.message.contains("\"description\" is a required property")
        },
    },
    Downgrade {
        code: "security-scheme-undefined",
        profiles: REST,
        what: "a security requirement named `api_key` with no scheme of that name (API Gateway's API key convention; the request validation example)",
        matches: |d| d.message.contains("\"api_key\""),
    },
    Downgrade {
        code: "parameter-duplicate",
        profiles: REST,
        what: "a Swagger 2.0 body parameter listed twice (the guide's Kinesis proxy export)",
        matches: |d| d.message.contains(" in body "),
    },
];

/// Turns the errors of `loaded` that API Gateway accepts into warnings.
pub fn apply(loaded: &mut Loaded, profile: Profile) {
    rewrite(&mut loaded.diagnostics, |d| {
        if DOWNGRADES.iter().any(|g| g.applies(d, profile)) {
            Rewrite::Set(
                Severity::Warning,
                Some(format!(
                    " [accepted by API Gateway: a warning under --profile {profile}]"
                )),
            )
        } else {
            Rewrite::Keep
        }
    });
}

/// What a severity pass does with one diagnostic.
pub(crate) enum Rewrite {
    /// Leave it as it is.
    Keep,
    /// Give it this severity, appending the note (if any) to its message.
    Set(Severity, Option<String>),
    /// Remove it.
    Drop,
}

/// The one way severities change after a load: a profile's downgrades ([`apply`]) and a
/// configuration's rule settings ([`crate::config::Config::apply`]) both go through here.
pub(crate) fn rewrite(diagnostics: &mut Vec<Diagnostic>, decide: impl Fn(&Diagnostic) -> Rewrite) {
    diagnostics.retain_mut(|d| match decide(d) {
        Rewrite::Keep => true,
        Rewrite::Drop => false,
        Rewrite::Set(severity, note) => {
            d.severity = severity;
            if let Some(n) = note {
                d.message.push_str(&n);
            }
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use oaskit_core::{load_str, LoadOptions};

    use super::*;

    #[test]
    fn http_operations_without_responses_become_warnings_only_under_aws_http() {
        let text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {summary: s}\n";
        for (profile, errors) in [(Profile::AwsHttp, false), (Profile::AwsRest, true)] {
            let mut loaded = load_str("api.yaml", text, &LoadOptions::new());
            assert!(loaded.has_errors());
            apply(&mut loaded, profile);
            assert_eq!(loaded.has_errors(), errors, "{profile}");
        }
        let mut loaded = load_str("api.yaml", text, &LoadOptions::new());
        apply(&mut loaded, Profile::AwsHttp);
        assert!(loaded.diagnostics[0]
            .message
            .ends_with("[accepted by API Gateway: a warning under --profile aws-http]"));
    }

    #[test]
    fn other_violations_stay_errors() {
        // A missing `title` is no known case.
        let text = "openapi: 3.0.1\ninfo: {version: '1'}\npaths: {}\n";
        let mut loaded = load_str("api.yaml", text, &LoadOptions::new());
        apply(&mut loaded, Profile::AwsRest);
        assert!(loaded.has_errors());
        let text = "swagger: '2.0'\ninfo: {title: t}\npaths: {}\n";
        let mut loaded = load_str("api.yaml", text, &LoadOptions::new());
        assert!(loaded.has_errors());
        apply(&mut loaded, Profile::AwsRest);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    }
}
