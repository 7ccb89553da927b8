//! One module per command: a few library calls plus rendering.

pub(crate) mod check;
pub(crate) mod export;
pub(crate) mod generate;
pub(crate) mod import;
pub(crate) mod validate;

use std::io::Read;

use oaskit_core::{Input, LoadOptions, Loaded, Policy};

use crate::args::{ReportFormat, SourceArgs};
use crate::fetch::NetReader;

/// Loads the definition named on the command line.
pub(crate) fn load(src: &SourceArgs, options: LoadOptions) -> Result<Loaded, String> {
    let mut policy = Policy::new()
        .with_remote(src.allow_remote)
        .with_outside_root(src.allow_outside_root)
        .with_private(src.allow_private);
    if let Some(root) = &src.root {
        policy = policy.with_root(root.clone());
    }
    let limits = oaskit_core::Limits {
        max_files: src.max_files,
        ..*options.limits()
    };
    let options = options.with_policy(policy).with_limits(limits);
    let is_url = is_url(&src.spec);
    let reader = NetReader::new(
        is_url || src.allow_remote,
        src.allow_private,
        std::time::Duration::from_secs(src.remote_timeout),
    );
    let input = if src.spec == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Input::Bytes {
            name: "<stdin>".into(),
            bytes,
            base_dir: std::env::current_dir().unwrap_or_default(),
        }
    } else if is_url {
        Input::Url(src.spec.clone())
    } else {
        Input::Path(src.spec.clone().into())
    };
    Ok(oaskit_core::load(input, &options, &reader))
}

/// Whether the definition argument names a URL rather than a file: any `http:` or `https:`
/// spelling the URL parser accepts (`http:host` and `HTTP://host` included), so that no
/// spelling slips past the address policy as a file name.
fn is_url(spec: &str) -> bool {
    let lower = spec
        .get(..6)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    lower.starts_with("http:") || lower.starts_with("https:")
}

/// Prints findings to standard error in the chosen format.
pub(crate) fn report(loaded: &Loaded, format: ReportFormat, to_stdout: bool) {
    let text = match format {
        ReportFormat::Human => crate::render::human(&loaded.diagnostics, &loaded.sources),
        ReportFormat::Json => crate::render::json(&loaded.diagnostics, &loaded.sources),
        ReportFormat::Github => crate::render::github(&loaded.diagnostics, &loaded.sources),
    };
    if to_stdout {
        let _ = crate::output::write_stdout(&text);
    } else {
        eprint!("{text}");
    }
}

/// `oaskit explain [CODE]`.
pub(crate) fn explain(a: &crate::args::ExplainArgs) -> u8 {
    match &a.code {
        Some(code) => match oaskit_core::codes::lookup(code) {
            Some(c) => {
                println!("{} ({})\n\n{}", c.name, c.severity, c.explanation);
                0
            }
            None => {
                eprintln!(
                    "error: unknown code {:?}; `oaskit explain` lists them all",
                    crate::render::sanitize(code)
                );
                2
            }
        },
        None => {
            for c in oaskit_core::codes::ALL {
                println!("{:<34} {:<8} {}", c.name, c.severity, c.explanation);
            }
            0
        }
    }
}
