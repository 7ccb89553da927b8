//! One module per command: a few library calls plus rendering.

pub(crate) mod check;
pub(crate) mod diff;
pub(crate) mod export;
pub(crate) mod generate;
pub(crate) mod import;
pub(crate) mod overlay;
pub(crate) mod serve;
pub(crate) mod validate;

use std::io::Read;
use std::path::Path;

use oaskit_core::{Diagnostic, Input, LoadOptions, Loaded, Policy, Sources};

use crate::args::{ReportFormat, SourceArgs, Syntax};
use crate::fetch::NetReader;

/// Loads the definition named on the command line.
pub(crate) fn load(src: &SourceArgs, options: LoadOptions) -> Result<Loaded, String> {
    let (input, options, reader) = prepare(src, options)?;
    Ok(oaskit_core::load(input, &options, &reader))
}

/// The input, options (policy, limits, overlays) and reader of the definition named on the
/// command line.
pub(crate) fn prepare(
    src: &SourceArgs,
    options: LoadOptions,
) -> Result<(Input, LoadOptions, NetReader), String> {
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
    let options = oaskit_overlay::with_overlays(
        options.with_policy(policy).with_limits(limits),
        src.overlays.clone(),
    );
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
    Ok((input, options, reader))
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

/// Prints a load's findings in the chosen format, to standard output or standard error.
pub(crate) fn report(loaded: &Loaded, format: ReportFormat, to_stdout: bool) {
    report_diagnostics(&loaded.diagnostics, &loaded.sources, format, to_stdout);
}

/// Prints findings in the chosen format, to standard output or standard error.
pub(crate) fn report_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    format: ReportFormat,
    to_stdout: bool,
) {
    let text = crate::render::render(format, diagnostics, sources);
    if to_stdout {
        let _ = crate::output::write_stdout(&text);
    } else {
        eprint!("{text}");
    }
}

/// The syntax of a written document: the flag, else what the output file's name says
/// (`.yaml`, `.yml`), else JSON.
pub(crate) fn syntax_for(explicit: Option<Syntax>, path: Option<&Path>) -> Syntax {
    explicit.unwrap_or_else(
        || match path.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => Syntax::Yaml,
            _ => Syntax::Json,
        },
    )
}

pub(crate) mod explain;
/// `oaskit explain [CODE]`.
pub(crate) use explain::explain;

/// What `check` and `import` apply after the load: the profile, the rule sets and the rule
/// configuration (`--config FILE`, else `oaskit.yaml` beside a definition file, unless
/// `--no-config`). A configuration that cannot be used is reported (located) on standard
/// error, and the command ends with status 2.
pub(crate) fn lint(
    src: &SourceArgs,
    profile: &crate::args::ProfileArgs,
    args: &crate::args::LintArgs,
) -> Result<oaskit_profile::Lint, u8> {
    let mut lint = oaskit_profile::Lint::new().with_profile(profile.profile);
    for set in &args.ruleset {
        lint = lint.with_ruleset(*set);
    }
    let path = if args.no_config {
        None
    } else if let Some(p) = &args.config {
        Some(p.clone())
    } else if src.spec != "-" && !is_url(&src.spec) {
        let beside = Path::new(&src.spec)
            .parent()
            .unwrap_or(Path::new(""))
            .join(oaskit_profile::config::FILE_NAME);
        beside.is_file().then_some(beside)
    } else {
        None
    };
    let Some(path) = path else {
        return Ok(lint);
    };
    match oaskit_profile::Config::load(&path, &explain::is_known) {
        Ok(config) => Ok(lint.with_config(config)),
        Err(e) => {
            eprint!(
                "{}",
                crate::render::render(ReportFormat::Human, &e.diagnostics, &e.sources)
            );
            eprintln!(
                "error: the rule configuration {} cannot be used (--no-config ignores it)",
                crate::render::sanitize(&path.display().to_string())
            );
            Err(2)
        }
    }
}
