//! `oaskit overlay apply SPEC OVERLAY... [-o OUT]`: the definition as the overlays leave it,
//! written out without bundling, checks or conversion.

use oaskit_core::{LoadOptions, Loaded};

use crate::args::{OverlayApplyArgs, Syntax};

/// Runs `oaskit overlay apply`. Exit codes: 0 written (warnings such as a target that
/// matches nothing are shown), 1 an overlay has errors and nothing was written (`--force`
/// writes anyway), 2 the definition or an overlay could not be read or parsed, or the output
/// could not be written.
pub(crate) fn apply(a: &OverlayApplyArgs) -> u8 {
    let options = oaskit_overlay::with_overlays(LoadOptions::new(), a.overlay_files.clone());
    let (input, options, reader) = match super::prepare(&a.source, options) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let out = oaskit_core::load_tree(input, &options, &reader);
    let unreadable = out
        .diagnostics
        .iter()
        .any(|d| d.is_error() && !d.code.starts_with("overlay-"));
    let has_errors = out
        .diagnostics
        .iter()
        .any(oaskit_core::Diagnostic::is_error);
    let input_is_json = out
        .sources
        .get(0)
        .is_some_and(|f| oaskit_core::parse::looks_like_json(f.text()));
    let report = Loaded {
        document: None,
        diagnostics: out.diagnostics,
        sources: out.sources,
    };
    if !report.diagnostics.is_empty() {
        super::report(&report, a.report.format, false);
    }
    let Some(root) = out.root.filter(|_| !unreadable) else {
        eprintln!("nothing was written: a file could not be read or parsed");
        return 2;
    };
    if has_errors && !a.force {
        eprintln!("nothing was written: an overlay has errors (--force writes what applied)");
        return 1;
    }
    // The syntax asked for, else the output file's, else the definition's own.
    let syntax = a.syntax.syntax.unwrap_or_else(|| match &a.output {
        Some(p) => super::syntax_for(None, Some(p)),
        None if input_is_json => Syntax::Json,
        None => Syntax::Yaml,
    });
    let text = match syntax {
        Syntax::Json => oaskit_core::to_json(&root),
        Syntax::Yaml => oaskit_core::to_yaml(&root),
    };
    let written = match &a.output {
        Some(p) => crate::output::write_atomic(p, &text),
        None => crate::output::write_stdout(&text),
    };
    match written {
        Ok(()) => u8::from(has_errors),
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            2
        }
    }
}
