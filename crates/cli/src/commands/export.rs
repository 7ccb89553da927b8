//! `oaskit export`.

use oaskit_core::LoadOptions;
use oaskit_export::{export, ExportOptions, Extensions, Gateway, Refs, Target};

use crate::args::{ExportArgs, Syntax};

pub(crate) fn run(a: &ExportArgs) -> u8 {
    // A collection is built from the definition itself: these would be ignored.
    if a.to == Target::Postman21 && (a.dereference || a.extensions.is_some()) {
        eprintln!(
            "error: --dereference and --extensions apply to OpenAPI and Swagger targets, not to {}",
            a.to
        );
        return 2;
    }
    // Under a profile the output is written for that gateway's import.
    let gateway = a.profile.profile.map(|p| match p {
        oaskit_profile::Profile::AwsRest => Gateway::AwsRest,
        oaskit_profile::Profile::AwsHttp => Gateway::AwsHttp,
    });
    if let Some(g) = gateway.filter(|g| !g.accepts(a.to)) {
        eprintln!(
            "error: {}",
            oaskit_export::ExportError::GatewayTarget {
                gateway: g,
                target: a.to
            }
        );
        return 2;
    }
    let mut loaded = match super::load(&a.source, LoadOptions::new()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if let Some(p) = a.profile.profile {
        oaskit_profile::apply(&mut loaded, p);
    }
    let Some(doc) = &loaded.document else {
        super::report(&loaded, a.report.format, false);
        return 2;
    };
    if loaded.has_errors() && !a.force {
        super::report(&loaded, a.report.format, false);
        eprintln!("nothing was written: the definition has errors (--force exports anyway)");
        return 1;
    }
    let extensions = match a.extensions.as_deref().unwrap_or("keep") {
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
        &ExportOptions::new(a.to)
            .with_refs(refs)
            .with_extensions(extensions)
            .with_gateway(gateway),
    ) {
        Ok(o) => o,
        Err(e) => {
            // A located failure (a budget ran out at a $ref; nothing a collection could hold)
            // is reported like any finding.
            match e.diagnostic() {
                Some(diagnostic) => {
                    let report = oaskit_core::Loaded {
                        document: None,
                        diagnostics: vec![diagnostic.clone()],
                        sources: loaded.sources,
                    };
                    super::report(&report, a.report.format, false);
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
        super::report(&report, a.report.format, false);
    }
    if a.fail_on_loss && !out.losses.is_empty() {
        eprintln!(
            "nothing was written: {} loss(es) and --fail-on-loss",
            out.losses.len()
        );
        return 1;
    }
    let text = match super::syntax_for(a.syntax.syntax, a.output.as_deref()) {
        Syntax::Json => out.to_json(),
        Syntax::Yaml => out.to_yaml(),
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
