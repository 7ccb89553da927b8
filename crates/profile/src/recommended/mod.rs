//! The `recommended` rule set: the checks linters are used for (operation ids, summaries and
//! descriptions, declared tags, unused components, examples and defaults valid against their
//! schemas, ...). Opt-in: `--ruleset recommended`, or `extends: [recommended]` in
//! `oaskit.yaml`.
//!
//! One file per rule, each declaring its [`Code`] (all warnings: a configuration can raise
//! them) with its check and unit tests. [`check`] builds what the rules share once ([`Cx`]:
//! the API view, and on first use every Schema Object and a compiled-schema cache) and runs
//! them in catalogue order.

use std::cell::OnceCell;
use std::sync::OnceLock;

use oaskit_core::api::Api;
use oaskit_core::codes::Code;
use oaskit_core::{Diagnostic, Document, Node, Span, SpecVersion};

use crate::aws::schemas::{self, Schemas};

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
pub(crate) fn check(doc: &Document) -> Vec<Diagnostic> {
    let cx = Cx {
        doc,
        root: doc.root(),
        api: Api::new(doc),
        schemas: OnceCell::new(),
        compiled: OnceLock::new(),
        quick: quick::Quick::new(doc.root(), doc.version() == SpecVersion::OpenApi30),
    };
    let mut out = Out {
        doc,
        diagnostics: Vec::new(),
    };
    run(&cx, &mut out);
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
    pub api: Api<'d>,
    schemas: OnceCell<Schemas<'d>>,
    compiled: OnceLock<compiled::Compiled<'d>>,
    quick: quick::Quick<'d>,
}

impl<'d> Cx<'d> {
    /// Every Schema Object of components, bodies, responses, headers and parameters, with
    /// every subschema (built on first use).
    pub fn schemas(&self) -> &Schemas<'d> {
        self.schemas
            .get_or_init(|| schemas::collect_with(&self.api, true))
    }

    /// The schemas compiled for validating values, each once (built on first use).
    pub fn compiled(&self) -> &compiled::Compiled<'d> {
        self.compiled
            .get_or_init(|| compiled::Compiled::new(self.doc))
    }

    /// Why `value` does not match `schema` (the node at `pointer`), as
    /// [`compiled::Compiled::mismatch`] says; values the quick check proves valid are not
    /// compiled for.
    pub fn mismatch(&self, schema: &Node, pointer: &str, value: &Node) -> Option<String> {
        if self.quick.is_valid(schema, value) {
            return None;
        }
        self.compiled().mismatch(schema, pointer, value)
    }

    /// [`Cx::mismatch`] for every `(schema, pointer, value)` of `checks`, in order (the
    /// schemas to compile shared out among threads, [`compiled::Compiled::mismatches`]).
    pub fn mismatches(&self, checks: &[(&Node, &str, &Node)]) -> Vec<Option<String>> {
        let left: Vec<usize> = (0..checks.len())
            .filter(|&i| !self.quick.is_valid(checks[i].0, checks[i].2))
            .collect();
        let mut out = vec![None; checks.len()];
        if left.is_empty() {
            return out;
        }
        let args: Vec<(&Node, &str, &Node)> = left.iter().map(|&i| checks[i]).collect();
        for (i, r) in left.into_iter().zip(self.compiled().mismatches(&args)) {
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
