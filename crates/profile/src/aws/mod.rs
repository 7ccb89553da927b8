//! The AWS API Gateway rules: one file per rule, each declaring its [`Rule`] (code, API types,
//! outcome, source page) with its check and unit tests.
//!
//! [`check`] builds what the rules share once ([`Cx`]: the API view, every Schema Object a REST
//! API turns into a model, every `x-amazon-apigateway-*` extension with its place, and each
//! operation's integration) and runs the rules in catalogue order; [`Out`] turns a finding into
//! a located [`Diagnostic`] with the outcome the page documents.

use std::collections::HashSet;

use oaskit_core::api::{Api, Operation};
use oaskit_core::{join_pointer, Diagnostic, Document, Node, Severity, Span, SpecVersion};

use crate::codes::{Applies, Rule};
use crate::Profile;

pub(crate) mod extensions;
pub(crate) mod schemas;

/// Declares the rule modules and [`RULES`] from one list of names; each module has a `RULE`
/// and a `check(&Cx, &mut Out)`.
macro_rules! rules {
    ($($rule:ident),* $(,)?) => {
        $(pub(crate) mod $rule;)*

        /// Every rule, in the catalogue's order.
        pub(crate) const RULES: &[Rule] = &[$($rule::RULE),*];

        /// Runs every rule that applies under the profile.
        fn run(cx: &Cx<'_>, out: &mut Out<'_>) {
            $(
                if $rule::RULE.applies(cx.profile) != Applies::No {
                    $rule::check(cx, out);
                }
            )*
        }
    };
}

rules! {
    // Versions and servers.
    openapi_version,
    server_base_path,
    // Paths, parameters, security (REST API import exceptions).
    path_segment,
    parameter_attributes,
    security_scheme_type,
    root_security,
    deprecated,
    // Models (REST): names and JSON Schema draft 4 keywords.
    model_name,
    discriminator,
    example,
    exclusive_minimum,
    one_of,
    read_only,
    number_format,
    decimal_format,
    default_keyword,
    min_max_items,
    // Method responses (REST).
    response_ref,
    response_schema_primitive,
    gateway_response_too_large,
    // HTTP API import.
    http_request_validation,
    http_integration_type,
    http_security_multiple,
    // The x-amazon-apigateway-* extensions.
    extension_unknown,
    extension_invalid,
    extension_placement,
    extension_api_type,
    integration_mismatch,
    integration_parameters,
    integration_response_status,
    request_validator_unknown,
    authorizer_type,
}

/// The findings of every rule that applies under `profile`.
pub(crate) fn check(doc: &Document, profile: Profile) -> Vec<Diagnostic> {
    check_with(
        doc,
        profile,
        &crate::Shared {
            alone: true,
            ..crate::Shared::default()
        },
    )
}

/// [`check`] with the API view and the schemas of `doc` taken from `shared` (built there on
/// first use; a rule set running on another thread shares them).
pub(crate) fn check_with<'d>(
    doc: &'d Document,
    profile: Profile,
    shared: &'d crate::Shared<'d>,
) -> Vec<Diagnostic> {
    let cx = Cx::new(doc, profile, shared);
    let mut out = Out {
        doc,
        profile,
        diagnostics: Vec::new(),
    };
    run(&cx, &mut out);
    // What the rules shared dies with the process: freeing it piece by piece is work nobody
    // waits for.
    std::mem::forget(cx);
    out.diagnostics
}

/// An operation with its `x-amazon-apigateway-integration` (a `$ref` to
/// `x-amazon-apigateway-integrations` followed).
pub(crate) struct Integrated<'d> {
    /// The integration object.
    pub node: &'d Node,
    /// Where it stands (the referenced integration's place when it was a `$ref`).
    pub pointer: String,
}

/// What the rules share.
pub(crate) struct Cx<'d> {
    /// The profile in force.
    pub profile: Profile,
    /// The normalized document's root.
    pub root: &'d Node,
    /// The version the user's file declares.
    pub source_version: SpecVersion,
    /// The API view.
    pub api: &'d Api<'d>,
    /// Every Schema Object a REST API import turns into a model, once each (`(node, pointer)`),
    /// parameters' schemas excepted (their attributes have their own rule); empty for HTTP
    /// APIs, which ignore schemas.
    pub schemas: &'d schemas::Schemas<'d>,
    /// Every `x-amazon-apigateway-*` member of the document.
    pub extensions: Vec<extensions::Found<'d>>,
    /// The integration of each operation of [`Api::operations`], by index.
    pub integrations: Vec<Option<Integrated<'d>>>,
}

impl<'d> Cx<'d> {
    fn new(doc: &'d Document, profile: Profile, shared: &'d crate::Shared<'d>) -> Self {
        let root = doc.root();
        // First what does not need the API view, which another thread may be building.
        let extensions = extensions::find(root);
        let api = shared.api(doc);
        let schemas = if profile == Profile::AwsRest {
            // Possibly the rule sets' collection, whose parameters' schemas `is_model` leaves
            // out.
            shared.models(doc)
        } else {
            &schemas::NONE
        };
        let integrations = api
            .operations()
            .iter()
            .map(|op| integration_of(api, op))
            .collect();
        Cx {
            profile,
            root,
            source_version: doc.source_version(),
            api,
            schemas,
            extensions,
            integrations,
        }
    }

    /// The operations with their integrations.
    pub fn integrated(&self) -> impl Iterator<Item = (&Operation<'d>, &Integrated<'d>)> {
        self.api
            .operations()
            .iter()
            .zip(&self.integrations)
            .filter_map(|(op, i)| i.as_ref().map(|i| (op, i)))
    }
}

fn integration_of<'d>(api: &Api<'d>, op: &Operation<'d>) -> Option<Integrated<'d>> {
    let node = op.node.get("x-amazon-apigateway-integration")?;
    let resolved = api.follow(
        node,
        &join_pointer(&op.pointer, "x-amazon-apigateway-integration"),
    );
    Some(Integrated {
        node: resolved.node,
        pointer: resolved.pointer,
    })
}

/// Where findings go: each is located in the user's file and worded with its outcome.
pub(crate) struct Out<'d> {
    doc: &'d Document,
    profile: Profile,
    diagnostics: Vec<Diagnostic>,
}

impl Out<'_> {
    /// The pointer the user wrote for a node of the normalized document.
    fn original(&self, pointer: &str) -> String {
        crate::place::original(self.doc, pointer)
    }

    /// A documented limitation at `node`: the message ends with what the profile's API type
    /// does with it. Nothing is reported when the rule is no limitation under the profile.
    pub fn limit(&mut self, rule: &Rule, span: Span, pointer: &str, what: &str) {
        let Some(outcome) = rule.outcome(self.profile) else {
            return;
        };
        let severity = if outcome == crate::Outcome::Fails {
            Severity::Error
        } else {
            Severity::Warning
        };
        let message = format!(
            "{what} (API Gateway {} import: {outcome})",
            self.profile.api_type()
        );
        self.push(rule, severity, span, pointer, message);
    }

    /// A finding of an extension check, with the rule's usual severity.
    pub fn check(&mut self, rule: &Rule, span: Span, pointer: &str, message: String) {
        let severity = if rule.code.severity == "error" {
            Severity::Error
        } else {
            Severity::Warning
        };
        self.push(rule, severity, span, pointer, message);
    }

    fn push(&mut self, rule: &Rule, severity: Severity, span: Span, pointer: &str, msg: String) {
        let mut d = Diagnostic::error(rule.code.name, msg)
            .at(span, self.original(pointer))
            .with_help(format!(
                "`oaskit explain {}`; AWS: {}",
                rule.code.name, rule.source
            ));
        d.severity = severity;
        self.diagnostics.push(d);
    }
}

/// Every operation's declared parameters, raw (references followed, none left out), with
/// where they stand: the operation's, then the Path Item's.
pub(crate) fn declared_parameters<'d>(
    api: &Api<'d>,
    op: &Operation<'d>,
) -> Vec<(&'d Node, String)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (holder, at) in [
        (op.node, op.pointer.as_str()),
        (op.path_item, op.path_item_pointer.as_str()),
    ] {
        let Some(list) = holder.get("parameters").and_then(Node::as_array) else {
            continue;
        };
        let base = join_pointer(at, "parameters");
        for (i, p) in list.iter().enumerate() {
            let r = api.follow(p, &join_pointer(&base, &i.to_string()));
            if seen.insert(r.pointer.clone()) {
                out.push((r.node, r.pointer));
            }
        }
    }
    out
}

/// The lower-cased `type` of an integration object.
pub(crate) fn integration_type(node: &Node) -> Option<String> {
    node.get("type")
        .and_then(Node::as_str)
        .map(str::to_ascii_lowercase)
}

/// Test support: load a document from text and run one profile's rules on it.
#[cfg(test)]
pub(crate) mod testing {
    use oaskit_core::{load_str, Diagnostic, LoadOptions};

    use crate::Profile;

    /// The profile's findings with code `code` on `text`, as `(line, message)`.
    pub fn findings(text: &str, profile: Profile, code: &str) -> Vec<(u32, String)> {
        let loaded = load_str("api.yaml", text, &LoadOptions::new());
        let found: Vec<Diagnostic> = crate::check(&loaded, profile);
        found
            .iter()
            .filter(|d| d.code == code)
            .map(|d| {
                let (_, line, _) = d.position(&loaded.sources).expect("located");
                (line, d.message.clone())
            })
            .collect()
    }

    /// A REST-profile document header (`openapi: 3.0.1`, info) followed by `rest`.
    pub fn doc(rest: &str) -> String {
        format!("openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\n{rest}")
    }
}
