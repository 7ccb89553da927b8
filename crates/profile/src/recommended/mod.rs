//! The `recommended` rule set: the checks linters are used for (operation ids, summaries and
//! descriptions, declared tags, unused components, examples and defaults valid against their
//! schemas, ...). Opt-in: `--ruleset recommended`, or `extends: [recommended]` in
//! `oaskit.yaml`.
//!
//! One file per rule, each declaring its [`Code`] (all warnings: a configuration can raise
//! them) with its check and unit tests. [`check`] builds what the rules share once ([`Cx`]:
//! the API view, and on first use every Schema Object and the verdicts on every example and
//! default, judged in one batch) and runs them in catalogue order.

use std::sync::OnceLock;

use oaskit_core::api::Api;
use oaskit_core::codes::Code;
use oaskit_core::{Diagnostic, Document, Node, Span, SpecVersion};

use crate::aws::schemas::Schemas;

mod compiled;
mod info;
mod paths;
mod quick;
mod translate;

/// Declares the rule modules, [`CODES`] and the runner from one list of names; each module
/// has a `CODE` and a `check(&Cx, &mut Out)`.
macro_rules! rules {
    ($($rule:ident),* $(,)?) => {
        $(mod $rule;)*

        /// Every code of the set, in the catalogue's order.
        pub(crate) const CODES: &[Code] = &[$($rule::CODE),*];

        fn run(cx: &Cx<'_>, out: &mut Out<'_>) {
            $($rule::check(cx, out);)*
        }
    };
}

rules! {
    // The document.
    info_description,
    info_contact,
    info_license,
    servers_defined,
    server_trailing_slash,
    tag_description,
    // Paths and operations.
    path_trailing_slash,
    path_query,
    operation_operation_id,
    operation_id_url_safe,
    operation_summary,
    operation_description,
    operation_tags,
    operation_tag_undeclared,
    operation_success_response,
    parameter_description,
    // Components.
    component_unused,
    // Examples and defaults.
    example_invalid,
    schema_example_invalid,
    default_invalid,
}

/// The findings of the `recommended` set on a document, in catalogue order.
#[cfg(test)]
pub(crate) fn check(doc: &Document) -> Vec<Diagnostic> {
    check_with(doc, &crate::Shared::default())
}

/// [`check`] with the API view and the schemas of `doc` taken from `shared` (built there on
/// first use; a profile running on another thread shares them).
pub(crate) fn check_with<'d>(doc: &'d Document, shared: &'d crate::Shared<'d>) -> Vec<Diagnostic> {
    let cx = Cx {
        doc,
        root: doc.root(),
        api: shared.api(doc),
        shared,
        values: OnceLock::new(),
        quick: quick::Quick::new(doc.root(), doc.version() == SpecVersion::OpenApi30),
    };
    let mut out = Out {
        doc,
        diagnostics: Vec::new(),
    };
    std::thread::scope(|scope| {
        // The examples and defaults (most of the set's work) are judged on a thread of their
        // own while the other rules run; their rules wait for the verdicts.
        if std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get) > 1 {
            // A thread the system refuses leaves the work to the first rule that needs it.
            let _ = std::thread::Builder::new().spawn_scoped(scope, || {
                cx.values(ValueRule::Example);
            });
        }
        run(&cx, &mut out);
    });
    // The compiled schemas and the view die with the process: freeing thousands of compiled
    // validators node by node cost a fifth of the set's time on GitHub's definition.
    std::mem::forget(cx);
    out.diagnostics
}

/// What the rules share.
pub(crate) struct Cx<'d> {
    /// The normalized document.
    pub doc: &'d Document,
    /// Its root.
    pub root: &'d Node,
    /// The API view.
    pub api: &'d Api<'d>,
    shared: &'d crate::Shared<'d>,
    values: OnceLock<Values<'d>>,
    quick: quick::Quick<'d>,
}

/// A value that a rule checks against a schema.
pub(crate) struct Checked<'d> {
    /// The schema.
    pub schema: &'d Node,
    /// The schema's pointer in the normalized document.
    pub pointer: String,
    /// The value.
    pub value: &'d Node,
    /// The value's pointer, where a mismatch is reported.
    pub at: String,
}

/// The rules that check values against schemas.
#[derive(Clone, Copy)]
pub(crate) enum ValueRule {
    /// `example-invalid`.
    Example = 0,
    /// `schema-example-invalid`.
    SchemaExample = 1,
    /// `default-invalid`.
    Default = 2,
}

/// The values of the [`ValueRule`]s (by the rule's number) and why each does not match.
struct Values<'d> {
    checks: [Vec<Checked<'d>>; 3],
    found: [Vec<Option<String>>; 3],
}

impl<'d> Cx<'d> {
    /// Every Schema Object of components, bodies, responses, headers and parameters, with
    /// every subschema (built on first use).
    pub fn schemas(&self) -> &Schemas<'d> {
        self.shared.schemas(self.doc)
    }

    /// The values `rule` checks and why each does not match its schema (`None`: it
    /// matches). The three rules' values are judged together on first use: the schemas to
    /// compile are translated and compiled once for all of them.
    pub fn values(&self, rule: ValueRule) -> (&[Checked<'d>], &[Option<String>]) {
        let v = self.values.get_or_init(|| {
            let checks = [
                example_invalid::values(self),
                schema_example_invalid::values(self),
                default_invalid::values(self),
            ];
            let args: Vec<(&Node, &str, &Node)> = checks
                .iter()
                .flatten()
                .map(|c| (c.schema, c.pointer.as_str(), c.value))
                .collect();
            let mut all = self.mismatches(&args).into_iter();
            let found = [0, 1, 2].map(|r| all.by_ref().take(checks[r].len()).collect());
            Values { checks, found }
        });
        let r = rule as usize;
        (&v.checks[r], &v.found[r])
    }

    /// Why the value of each `(schema, pointer, value)` of `checks` does not match its schema
    /// (`pointer`: the schema's place in the normalized document), in order: values the quick
    /// check proves valid are not compiled for, the others go to
    /// [`compiled::Compiled::mismatches`] in one batch.
    fn mismatches(&self, checks: &[(&Node, &str, &Node)]) -> Vec<Option<String>> {
        let left: Vec<usize> = (0..checks.len())
            .filter(|&i| !self.quick.is_valid(checks[i].0, checks[i].2))
            .collect();
        let mut out = vec![None; checks.len()];
        if left.is_empty() {
            return out;
        }
        let args: Vec<(&Node, &str, &Node)> = left.iter().map(|&i| checks[i]).collect();
        let compiled = compiled::Compiled::new(self.doc);
        for (i, r) in left.into_iter().zip(compiled.mismatches(&args)) {
            out[i] = r;
        }
        out
    }
}

/// Where findings go: each is located in the user's file.
pub(crate) struct Out<'d> {
    doc: &'d Document,
    diagnostics: Vec<Diagnostic>,
}

impl Out<'_> {
    /// A finding of `code` at `span` (the node at `pointer` of the normalized document).
    pub fn push(&mut self, code: &Code, span: Span, pointer: &str, message: String) {
        let d = Diagnostic::warning(code.name, message)
            .at(span, crate::place::original(self.doc, pointer))
            .with_help(format!(
                "`oaskit explain {}`; part of the `recommended` rule set",
                code.name
            ));
        self.diagnostics.push(d);
    }

    /// A finding at `node`, which stands at `pointer`.
    pub fn at(&mut self, code: &Code, node: &Node, pointer: &str, message: String) {
        self.push(code, node.span, pointer, message);
    }

    /// A finding of `code` at each value of `rule` that does not match its schema, with the
    /// message `message` makes from the value and the mismatch.
    pub(crate) fn mismatched(
        &mut self,
        cx: &Cx<'_>,
        rule: ValueRule,
        code: &Code,
        message: impl Fn(&Checked<'_>, &str) -> String,
    ) {
        let (checks, found) = cx.values(rule);
        for (c, why) in checks.iter().zip(found) {
            if let Some(why) = why {
                self.at(code, c.value, &c.at, message(c, why));
            }
        }
    }
}

/// Test support: load a document from text and run the set on it.
#[cfg(test)]
pub(crate) mod testing {
    use oaskit_core::{load_str, LoadOptions};

    /// The set's findings with code `code` on `text`, as `(line, pointer)`.
    pub fn findings(text: &str, code: &str) -> Vec<(u32, String)> {
        let loaded = load_str("api.yaml", text, &LoadOptions::new());
        let doc = loaded.document.as_ref().expect("a document");
        super::check(doc)
            .iter()
            .filter(|d| d.code == code)
            .map(|d| {
                let (_, line, _) = d.position(&loaded.sources).expect("located");
                let pointer = d.location.as_ref().map(|l| l.pointer.clone());
                (line, pointer.unwrap_or_default())
            })
            .collect()
    }

    /// An OpenAPI 3.0 header with a described info object, followed by `rest`.
    pub fn doc(rest: &str) -> String {
        format!("openapi: 3.0.3\ninfo: {{title: t, version: '1', description: d, contact: {{name: c}}, license: {{name: MIT}}}}\n{rest}")
    }
}
