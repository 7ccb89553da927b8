//! `oaskit import`.

use oaskit_core::LoadOptions;

use crate::args::{ImportArgs, Mode, Syntax};

pub(crate) fn run(args: &ImportArgs) -> u8 {
    let target = args.to;
    let lint = match super::lint(&args.source, &args.profile, &args.lint) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut loaded = match super::load(&args.source, LoadOptions::new().with_target(target)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    lint.apply(&mut loaded);
    let Some(doc) = &loaded.document else {
        super::report(&loaded, args.report.format, false);
        return 2;
    };
    if target.is_some_and(|t| doc.version() > t) {
        super::report(&loaded, args.report.format, false);
        eprintln!(
            "error: the definition is {}; import only upgrades. Down-conversion reports what it loses and is `oaskit export`'s job",
            doc.version().name()
        );
        return 2;
    }
    let mut diagnostics = loaded.diagnostics.clone();
    let mut root = doc.root().clone();
    let mut into_format = None;
    if let Some(into) = &args.into {
        if args.mode == Mode::Merge {
            let existing = oaskit_core::load_file(into, &LoadOptions::new().with_target(target));
            let Some(ex_doc) = existing.document else {
                super::report(&existing, args.report.format, false);
                eprintln!(
                    "error: cannot merge into {}: it is not a usable definition",
                    into.display()
                );
                return 2;
            };
            let (merged, conflicts) = oaskit_core::merge::merge(ex_doc.into_root(), &root);
            root = merged;
            diagnostics.extend(conflicts);
        }
        let text = std::fs::read_to_string(into).unwrap_or_default();
        into_format = Some(if oaskit_core::parse::looks_like_json(&text) {
            Syntax::Json
        } else {
            Syntax::Yaml
        });
    }
    let shown = oaskit_core::Loaded {
        document: None,
        diagnostics,
        sources: loaded.sources,
    };
    if !shown.diagnostics.is_empty() {
        super::report(&shown, args.report.format, false);
    }
    let warnings = shown
        .diagnostics
        .iter()
        .any(oaskit_core::Diagnostic::is_warning);
    if (shown.has_errors() && !args.force) || (args.fail_on_warnings && warnings) {
        eprintln!("nothing was written");
        return 1;
    }
    let out_path = args.output.as_deref().or(args.into.as_deref());
    let syntax = args
        .syntax
        .syntax
        .or(into_format)
        .unwrap_or_else(|| super::syntax_for(None, out_path));
    let text = match syntax {
        Syntax::Json => oaskit_core::to_json(&root),
        Syntax::Yaml => oaskit_core::to_yaml(&root),
    };
    let written = match out_path {
        Some(p) => crate::output::write_atomic(p, &text),
        None => crate::output::write_stdout(&text),
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            2
        }
    }
}
