//! A validator with the definition it was built from: reports that carry `file:line:column`,
//! which the test integrations (tower layer, reqwest middleware) share.

use std::sync::Arc;

use oaskit_core::Loaded;
use serde_json::Value;

use crate::{BuildError, Direction, Options, Report, Request, Response, Route, Validator};

/// A [`Validator`] and the [`Loaded`] definition it was built from. Every report it returns
/// has [`Report::with_locations`] applied, so each violation names its rule's
/// `file:line:column`. Cheap to clone (both halves are shared).
///
/// ```
/// use oaskit_validator::{Contract, Direction, Options};
/// use serde_json::json;
///
/// let loaded = oaskit_core::load_str("api.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Tag: {type: string, maxLength: 3}\n", &oaskit_core::LoadOptions::new());
/// let contract = Contract::from_loaded(loaded, &Options::new()).unwrap();
/// let report = contract.validate_schema("Tag", &json!("long"), Direction::Response);
/// assert_eq!(report.violations[0].rule_at.as_deref(), Some("api.yaml:5:36"));
/// ```
#[derive(Clone, Debug)]
pub struct Contract {
    validator: Arc<Validator>,
    loaded: Arc<Loaded>,
}

impl Contract {
    /// Builds the validator of a loaded definition, refusing one whose load reported errors.
    ///
    /// # Errors
    /// As [`Validator::from_loaded`].
    pub fn from_loaded(loaded: Loaded, options: &Options) -> Result<Self, BuildError> {
        let validator = Validator::from_loaded(&loaded, options)?;
        Ok(Self::new(Arc::new(validator), Arc::new(loaded)))
    }

    /// A validator already built, with the load it was built from.
    #[must_use]
    pub fn new(validator: Arc<Validator>, loaded: Arc<Loaded>) -> Self {
        Self { validator, loaded }
    }

    /// The validator.
    #[must_use]
    pub fn validator(&self) -> &Validator {
        &self.validator
    }

    /// The loaded definition.
    #[must_use]
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// [`Validator::validate_schema`], with locations.
    #[must_use]
    pub fn validate_schema(&self, schema: &str, value: &Value, direction: Direction) -> Report {
        self.validator
            .validate_schema(schema, value, direction)
            .with_locations(&self.loaded)
    }

    /// [`Validator::validate_request`], with locations.
    #[must_use]
    pub fn validate_request(&self, req: &Request) -> Report {
        self.validator
            .validate_request(req)
            .with_locations(&self.loaded)
    }

    /// [`Validator::validate_response`], with locations.
    #[must_use]
    pub fn validate_response(&self, method: &str, url: &str, resp: &Response) -> Report {
        self.validator
            .validate_response(method, url, resp)
            .with_locations(&self.loaded)
    }

    /// Routes a request and validates it: the route (for its response) when routing
    /// succeeded, and the report, with locations.
    #[must_use]
    pub fn check_request(&self, req: &Request) -> (Option<Route>, Report) {
        match self.validator.find_route(&req.method, &req.url) {
            Ok(route) => {
                let report = self.validator.validate_request_at(&route, req);
                (Some(route), report.with_locations(&self.loaded))
            }
            Err(report) => (None, report.with_locations(&self.loaded)),
        }
    }

    /// [`Validator::validate_response_at`], with locations.
    #[must_use]
    pub fn check_response(&self, route: &Route, resp: &Response) -> Report {
        self.validator
            .validate_response_at(route, resp)
            .with_locations(&self.loaded)
    }
}
