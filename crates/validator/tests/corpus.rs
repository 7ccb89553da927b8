//! Every real-world definition of `shared/specs` builds a validator whose schemas all compile,
//! and routes each of its operations.

use std::path::PathBuf;

use oaskit_validator::{Options, Request, Validator};

/// Every document of the shared corpus, from its index (the multi-file OAI example too).
fn corpus() -> Vec<PathBuf> {
    oaskit_testkit::corpus()
}

/// A concrete URL for a path template: every variable becomes `1`.
fn concrete(template: &str) -> String {
    let mut out = String::new();
    let mut in_var = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_var = true;
                out.push('1');
            }
            '}' => in_var = false,
            _ if in_var => {}
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn every_corpus_spec_builds_and_routes() {
    let specs = corpus();
    assert!(specs.len() >= 25);
    for path in specs {
        let loaded = oaskit_core::load_file(
            &path,
            &oaskit_testkit::options_for(&path).with_checks(false),
        );
        // References that do not resolve leave nothing to validate against; the documents
        // that have them are stated in tests/corpus.rs (DigitalOcean's bundling defects).
        if loaded
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.code.starts_with("ref-"))
        {
            continue;
        }
        let doc = loaded
            .document
            .unwrap_or_else(|| panic!("{}: no document", path.display()));
        let big = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) > 1_000_000;
        let v = Validator::with_options(&doc, &Options::new().with_lazy_compilation(big))
            .expect("builds");
        // The first server's URL with its variables at their defaults.
        let view = oaskit_core::api::Api::new(&doc);
        let base = view
            .servers()
            .first()
            .map(oaskit_core::api::Server::url_with_defaults)
            .unwrap_or_default();
        let ops = view.operations();
        // Large specs: a sample of operations (each compiles what it reaches).
        let step = if big { ops.len() / 40 + 1 } else { 1 };
        for op in ops.iter().step_by(step) {
            let url = format!("{}{}", base.trim_end_matches('/'), concrete(op.path));
            let Some(method) = op.method.http() else {
                continue;
            };
            let report = v.validate_request(&Request::new(&method, &url));
            for x in &report.violations {
                oaskit_testkit::assert_explained(x.code, &[oaskit_validator::codes::CODES]);
            }
            assert!(
                report.operation.is_some(),
                "{}: {} {url} did not route: {report}",
                path.display(),
                op.method
            );
        }
        assert!(
            v.warnings().is_empty(),
            "{}: {:?}",
            path.display(),
            v.warnings()
        );
    }
}
