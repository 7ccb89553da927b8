//! `oaskit export`.

use oaskit_core::LoadOptions;
use oaskit_export::{export, ExportOptions, Extensions, Refs, Target};

use crate::args::{DocFormat, ExportArgs, ExportTarget};

pub(crate) fn run(a: &ExportArgs) -> u8 {
    let loaded = match super::load(&a.source, LoadOptions::new()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let Some(doc) = &loaded.document else {
        super::report(&loaded, a.report, false);
        return 2;
    };
    if loaded.has_errors() {
        super::report(&loaded, a.report, false);
        eprintln!("nothing was written: the definition has errors");
        return 1;
    }
    let target = match a.to {
        ExportTarget::Swagger20 => Target::Swagger20,
        ExportTarget::OpenApi30 => Target::OpenApi30,
        ExportTarget::OpenApi31 => Target::OpenApi31,
        ExportTarget::OpenApi32 => Target::OpenApi32,
        ExportTarget::Postman21 => Target::Postman21,
    };
    let extensions = match a.extensions.as_str() {
        "keep" => Extensions::Keep,
        "strip" => Extensions::Strip,
        list => Extensions::Prefixes(
            list.split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
        ),
    };
    let refs = if a.dereference {
        Refs::Dereference
    } else {
        Refs::Bundle
    };
    let out = match export(
        doc,
        &ExportOptions::new(target)
            .with_refs(refs)
            .with_extensions(extensions),
    ) {
        Ok(o) => o,
        Err(e) => {
            // A located failure (a budget ran out at a $ref) is reported like any finding.
            match e.diagnostic {
                Some(d) => {
                    let report = oaskit_core::Loaded {
                        document: None,
                        diagnostics: vec![*d],
                        sources: loaded.sources,
                    };
                    super::report(&report, a.report, false);
                }
                None => eprintln!("error: {e}"),
            }
            eprintln!("nothing was written");
            return 1;
        }
    };
    let mut losses = out.losses.clone();
    if a.fail_on_loss {
        for d in &mut losses {
            d.severity = oaskit_core::Severity::Error;
        }
    }
    // Warnings the definition itself has are shown too.
    let mut shown = loaded.diagnostics.clone();
    shown.extend(losses);
    let report = oaskit_core::Loaded {
        document: None,
        diagnostics: shown,
        sources: loaded.sources,
    };
    if !report.diagnostics.is_empty() {
        super::report(&report, a.report, false);
    }
    if a.fail_on_loss && !out.losses.is_empty() {
        eprintln!(
            "nothing was written: {} loss(es) and --fail-on-loss",
            out.losses.len()
        );
        return 1;
    }
    let format = a.format.unwrap_or_else(|| {
        match a
            .output
            .as_deref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
        {
            Some("yaml" | "yml") => DocFormat::Yaml,
            _ => DocFormat::Json,
        }
    });
    let text = match format {
        DocFormat::Json => out.to_json(),
        DocFormat::Yaml => out.to_yaml(),
    };
    let written = match &a.output {
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
