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
pub mod config;
pub mod downgrade;
mod fragment;
mod outcome;
mod place;
mod recommended;

use std::sync::OnceLock;

use oaskit_core::api::Api;
use oaskit_core::{Diagnostic, Loaded};

pub use config::Config;
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

/// What the profile and the rule sets both build from the document: built once, on first use,
/// by whichever thread needs it first (the other waits for it).
#[derive(Default)]
pub(crate) struct Shared<'d> {
    /// No rule set runs: the profile collects its models alone.
    alone: bool,
    api: OnceLock<Api<'d>>,
    schemas: OnceLock<aws::schemas::Schemas<'d>>,
    models: OnceLock<aws::schemas::Schemas<'d>>,
}

impl<'d> Shared<'d> {
    /// The API view of `doc`.
    pub(crate) fn api(&self, doc: &'d oaskit_core::Document) -> &Api<'d> {
        self.api.get_or_init(|| Api::new(doc))
    }

    /// Every Schema Object of components, bodies, responses, headers and parameters, with
    /// every subschema ([`aws::schemas::collect_with`] with parameters).
    pub(crate) fn schemas(&self, doc: &'d oaskit_core::Document) -> &aws::schemas::Schemas<'d> {
        self.schemas
            .get_or_init(|| aws::schemas::collect_with(self.api(doc), true))
    }

    /// The Schema Objects a REST API import turns into models ([`aws::schemas::collect`]):
    /// those of [`Shared::schemas`] that are models, unless a rule set does not share them or
    /// they are not exactly the models.
    pub(crate) fn models(&self, doc: &'d oaskit_core::Document) -> &aws::schemas::Schemas<'d> {
        if !self.alone {
            let all = self.schemas(doc);
            if all.models_as_collected() {
                return all;
            }
        }
        self.models
            .get_or_init(|| aws::schemas::collect(self.api(doc)))
    }
}

/// [`check`] with what it builds taken from `shared` (built there on first use).
fn check_with<'d>(loaded: &'d Loaded, profile: Profile, shared: &'d Shared<'d>) -> Vec<Diagnostic> {
    let Some(doc) = loaded.document.as_ref() else {
        return Vec::new();
    };
    let mut out = aws::check_with(doc, profile, shared);
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

/// A set of rules beyond the specification's, opted into with `--ruleset NAME` or
/// `extends: [NAME]` in `oaskit.yaml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleSet {
    /// The checks linters are used for: operation ids, summaries and descriptions, declared
    /// tags, unused components, examples and defaults valid against their schemas, ...
    /// ([`codes::RECOMMENDED`]).
    Recommended,
}

impl RuleSet {
    /// Every rule set.
    pub const ALL: [RuleSet; 1] = [RuleSet::Recommended];

    /// The name used on the command line and in `extends`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            RuleSet::Recommended => "recommended",
        }
    }

    /// A one-line description, for `--help`.
    #[must_use]
    pub fn summary(self) -> &'static str {
        match self {
            RuleSet::Recommended => "the checks linters are used for (ids, descriptions, tags, unused components, examples)",
        }
    }

    /// The rule set named `name`.
    #[must_use]
    pub fn parse(name: &str) -> Option<RuleSet> {
        RuleSet::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The set's findings on a loaded definition (nothing when no document was built).
    #[must_use]
    pub fn check(self, loaded: &Loaded) -> Vec<Diagnostic> {
        self.check_with(loaded, &Shared::default())
    }

    /// [`RuleSet::check`] with what it builds taken from `shared` (built there on first use).
    fn check_with<'d>(self, loaded: &'d Loaded, shared: &'d Shared<'d>) -> Vec<Diagnostic> {
        let Some(doc) = loaded.document.as_ref() else {
            return Vec::new();
        };
        match self {
            RuleSet::Recommended => recommended::check_with(doc, shared),
        }
    }
}

impl std::str::FromStr for RuleSet {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleSet::parse(s).ok_or_else(|| format!("unknown rule set {s:?}"))
    }
}

/// Everything `check` (and `import`) applies after a load: a profile, rule sets and a
/// configuration's rule settings. The command line's flags win over the configuration's
/// `profile`; rule sets add up.
///
/// ```
/// use oaskit_core::{load_str, LoadOptions};
/// use oaskit_profile::{Config, Lint, RuleSet};
///
/// let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {responses: {'200': {description: ok}}}\n";
/// let config = Config::parse("oaskit.yaml", "rules: {operation-operation-id: error}\n", &|_| true).unwrap();
/// let mut loaded = load_str("api.yaml", text, &LoadOptions::new());
/// assert!(!loaded.has_errors());
/// Lint::new().with_ruleset(RuleSet::Recommended).with_config(config).apply(&mut loaded);
/// assert!(loaded.has_errors()); // the missing operationId, raised to an error
/// ```
#[derive(Clone, Debug, Default)]
pub struct Lint {
    profile: Option<Profile>,
    rulesets: Vec<RuleSet>,
    config: Option<Config>,
}

impl Lint {
    /// Nothing applied: the load's findings stay as they are.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `profile` (over the configuration's).
    #[must_use]
    pub fn with_profile(mut self, profile: Option<Profile>) -> Self {
        if profile.is_some() {
            self.profile = profile;
        }
        self
    }

    /// Adds a rule set.
    #[must_use]
    pub fn with_ruleset(mut self, set: RuleSet) -> Self {
        if !self.rulesets.contains(&set) {
            self.rulesets.push(set);
        }
        self
    }

    /// Uses a configuration: its rule settings, its rule sets, and its profile unless one was
    /// given.
    #[must_use]
    pub fn with_config(mut self, config: Config) -> Self {
        for r in config.rulesets() {
            if !self.rulesets.contains(r) {
                self.rulesets.push(*r);
            }
        }
        self.config = Some(config);
        self
    }

    /// The profile in force: the one given, else the configuration's.
    #[must_use]
    pub fn profile(&self) -> Option<Profile> {
        self.profile
            .or_else(|| self.config.as_ref().and_then(Config::profile))
    }

    /// The rule sets in force.
    #[must_use]
    pub fn rulesets(&self) -> &[RuleSet] {
        &self.rulesets
    }

    /// Applies the profile, runs the rule sets and applies the configuration's settings to
    /// every finding, keeping them sorted. Without profile, rule set or configuration the load
    /// is left untouched.
    ///
    /// The profile's checks and the rule sets' run on separate threads (they only read the
    /// document); their findings are merged as if one had run after the other.
    pub fn apply(&self, loaded: &mut Loaded) {
        let profile = self.profile();
        let (from_profile, from_sets) = {
            let shared: &Loaded = loaded;
            // The API view and the schemas, built once for the profile and the rule sets.
            let built = Shared::default();
            let sets = || -> Vec<Vec<Diagnostic>> {
                self.rulesets
                    .iter()
                    .map(|set| set.check_with(shared, &built))
                    .collect()
            };
            match profile {
                Some(p) if !self.rulesets.is_empty() => std::thread::scope(|scope| {
                    let aws = scope.spawn(|| check_with(shared, p, &built));
                    let found = sets();
                    match aws.join() {
                        Ok(aws) => (Some(aws), found),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                }),
                Some(p) => (Some(check(shared, p)), Vec::new()),
                None => (None, sets()),
            }
        };
        if let (Some(p), Some(found)) = (profile, from_profile) {
            downgrade::apply(loaded, p);
            loaded.diagnostics.extend(found);
            oaskit_core::sort_diagnostics(&mut loaded.diagnostics);
        }
        let mut changed = false;
        for found in from_sets {
            loaded.diagnostics.extend(found);
            changed = true;
        }
        if let Some(c) = &self.config {
            c.apply(&mut loaded.diagnostics);
        }
        if changed {
            oaskit_core::sort_diagnostics(&mut loaded.diagnostics);
        }
    }
}
