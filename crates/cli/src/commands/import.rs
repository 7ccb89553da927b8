//! `oaskit import`.

use std::path::Path;

use oaskit_core::{LoadOptions, SpecVersion};

use crate::args::{DocFormat, ImportArgs, Mode, Target};

fn format_for(explicit: Option<DocFormat>, path: Option<&Path>) -> DocFormat {
    explicit.unwrap_or_else(
        || match path.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => DocFormat::Yaml,
            _ => DocFormat::Json,
        },
    )
}

pub(crate) fn run(args: &ImportArgs) -> u8 {
    let target = args.to.map(|t| match t {
        Target::OpenApi30 => SpecVersion::OpenApi30,
        Target::OpenApi31 => SpecVersion::OpenApi31,
    });
    let loaded = match super::load(&args.source, LoadOptions::new().with_target(target)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let Some(doc) = &loaded.document else {
        super::report(&loaded, args.report, false);
        return 2;
    };
    if target == Some(SpecVersion::OpenApi30) && doc.version() > SpecVersion::OpenApi30 {
        super::report(&loaded, args.report, false);
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
                super::report(&existing, args.report, false);
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
            DocFormat::Json
        } else {
            DocFormat::Yaml
        });
    }
    let shown = oaskit_core::Loaded {
        document: None,
        diagnostics,
        sources: loaded.sources,
    };
    if !shown.diagnostics.is_empty() {
        super::report(&shown, args.report, false);
    }
    let warnings = shown.diagnostics.iter().any(|d| !d.is_error());
    if shown.has_errors() || (args.fail_on_warnings && warnings) {
        eprintln!("nothing was written");
        return 1;
    }
    let out_path = args.output.as_deref().or(args.into.as_deref());
    let format = args
        .format
        .or(into_format)
        .unwrap_or_else(|| format_for(None, out_path));
    let text = match format {
        DocFormat::Json => oaskit_core::to_json(&root),
        DocFormat::Yaml => oaskit_core::to_yaml(&root),
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
