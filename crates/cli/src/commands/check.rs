//! `oaskit check`.

use oaskit_core::LoadOptions;

use crate::args::{CheckArgs, ReportFormat};

pub(crate) fn run(args: &CheckArgs) -> u8 {
    let loaded = match super::load(&args.source, LoadOptions::new()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    // Human output goes to stderr as messages; JSON and GitHub commands are data, on stdout.
    super::report(
        &loaded,
        args.report.format,
        args.report.format != ReportFormat::Human,
    );
    if loaded.document.is_none() {
        return 2;
    }
    let warnings = loaded.diagnostics.iter().any(|d| !d.is_error());
    if loaded.has_errors() || (args.fail_on_warnings && warnings) {
        1
    } else {
        0
    }
}
