//! `oaskit diff OLD NEW`: breaking changes between two versions of a definition.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use oaskit_core::LoadOptions;
use oaskit_diff::{Change, Impact, Level, Options, Place, Report};
use serde_json::{json, Value};

use crate::args::{ReportFormat, SourceArgs};
use crate::render::sanitize;

/// Arguments of `oaskit diff`.
#[derive(Args, Debug)]
pub(crate) struct DiffArgs {
    /// The old definition: a file path, `-` for standard input, or an http(s) URL.
    pub old: String,
    /// The new definition (same forms).
    pub new: String,
    /// Folder that file references of both definitions must stay inside (default: each
    /// definition's own folder).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Allow file references outside the root folder.
    #[arg(long)]
    pub allow_outside_root: bool,
    /// Allow references to http(s) URLs (as for `check`).
    #[arg(long)]
    pub allow_remote: bool,
    /// Allow fetching from loopback and private addresses (as for `check`).
    #[arg(long)]
    pub allow_private: bool,
    /// Most files one load may read.
    #[arg(long, value_name = "N", default_value_t = oaskit_core::Limits::default().max_files)]
    pub max_files: usize,
    /// Seconds that all remote reads of one load may take together.
    #[arg(long, value_name = "SECS", default_value_t = crate::fetch::LOAD_TIMEOUT.as_secs())]
    pub remote_timeout: u64,
    /// Apply this OpenAPI Overlay (1.0 or 1.1) to both definitions before comparing them (the
    /// published form of each version); repeat to apply several, in order.
    #[arg(long = "overlay", value_name = "FILE")]
    pub overlays: Vec<PathBuf>,
    /// How to report the changes (`--report` is an older spelling of the same flag).
    #[arg(long, value_enum, default_value_t = DiffFormat::Human, alias = "report")]
    pub format: DiffFormat,
    /// Exit with status 1 when a change is at this level or above.
    #[arg(long, value_enum, default_value_t = FailOn::Breaking)]
    pub fail_on: FailOn,
    /// Do not compute what each generated SDK would feel (skips building their models).
    #[arg(long)]
    pub no_sdk: bool,
}

/// Report formats of `diff`: those of the other commands, plus a changelog and SARIF.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DiffFormat {
    /// Readable text, one change per block, with both places.
    Human,
    /// One JSON object: `{"changes": [...], "summary": {...}}`.
    Json,
    /// A changelog in Markdown, grouped by operation.
    Markdown,
    /// GitHub Actions workflow commands, at the change's place in the new definition.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// The level that fails the command.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FailOn {
    /// Breaking changes fail (the default).
    Breaking,
    /// Warnings and breaking changes fail.
    Warning,
}

fn source(a: &DiffArgs, spec: &str) -> SourceArgs {
    SourceArgs {
        spec: spec.to_string(),
        root: a.root.clone(),
        allow_outside_root: a.allow_outside_root,
        allow_remote: a.allow_remote,
        allow_private: a.allow_private,
        max_files: a.max_files,
        remote_timeout: a.remote_timeout,
        overlays: a.overlays.clone(),
    }
}

/// `oaskit diff`.
pub(crate) fn run(a: &DiffArgs) -> u8 {
    if a.old == "-" && a.new == "-" {
        eprintln!("error: only one of OLD and NEW can be standard input");
        return 2;
    }
    // Checks are the job of `check`; references are always resolved and checked. Both sides
    // load at the same time.
    let options = || LoadOptions::new().with_checks(false);
    let (old_src, new_src) = (source(a, &a.old), source(a, &a.new));
    let (old, new) = std::thread::scope(|scope| {
        let other = scope.spawn(|| super::load(&new_src, options()));
        let old = super::load(&old_src, options());
        let new = other
            .join()
            .unwrap_or_else(|_| Err("the load stopped unexpectedly".into()));
        (old, new)
    });
    let mut sides = Vec::new();
    for (what, spec, loaded) in [("old", &a.old, old), ("new", &a.new, new)] {
        let loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {what} definition: {e}");
                return 2;
            }
        };
        if loaded.document.is_none() || loaded.has_errors() {
            super::report(&loaded, ReportFormat::Human, false);
            eprintln!(
                "error: the {what} definition ({}) cannot be compared",
                sanitize(spec)
            );
            return 2;
        }
        sides.push(loaded);
    }
    let (old, new) = (&sides[0], &sides[1]);
    let report = match oaskit_diff::diff(old, new, &Options::new().with_sdk(!a.no_sdk)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let text = match a.format {
        DiffFormat::Human => human(&report),
        DiffFormat::Json => pretty(&to_json(&report)),
        DiffFormat::Markdown => markdown(&report),
        DiffFormat::Github => github(&report),
        DiffFormat::Sarif => sarif(&report),
    };
    let _ = crate::output::write_stdout(&text);
    let threshold = match a.fail_on {
        FailOn::Breaking => Level::Breaking,
        FailOn::Warning => Level::Warning,
    };
    let code = u8::from(report.has_at_least(threshold));
    // The process ends here: freeing both documents and the report node by node would only
    // add time (as `generate` does).
    std::mem::forget((report, sides));
    code
}

fn pretty(v: &Value) -> String {
    let mut t = serde_json::to_string_pretty(v).unwrap_or_default();
    t.push('\n');
    t
}

fn place_json(p: Option<&Place>) -> Value {
    p.map_or(
        Value::Null,
        |p| json!({"file": p.file, "line": p.line, "column": p.column, "pointer": p.pointer}),
    )
}

fn impact_json(i: &Impact) -> Value {
    match i {
        Impact::NotComputed => Value::Null,
        Impact::Compatible => json!({"breaks": false}),
        Impact::Breaks(why) => json!({"breaks": true, "why": why}),
    }
}

/// The JSON report: `{"changes": [...], "summary": {"breaking", "warning", "info"}}`.
pub(crate) fn to_json(r: &Report) -> Value {
    json!({
        "changes": r.changes.iter().map(|c| json!({
            "id": c.id,
            "level": c.level.as_str(),
            "operation": c.operation,
            "message": c.message,
            "old": place_json(c.old.as_ref()),
            "new": place_json(c.new.as_ref()),
            "sdk": {
                "rust": impact_json(&c.sdk.rust),
                "typescript": impact_json(&c.sdk.typescript),
                "python": impact_json(&c.sdk.python),
            },
        })).collect::<Vec<_>>(),
        "summary": {
            "breaking": r.count(Level::Breaking),
            "warning": r.count(Level::Warning),
            "info": r.count(Level::Info),
        },
    })
}

fn at(p: &Place) -> String {
    format!(
        "{}:{}:{} ({})",
        sanitize(&p.file),
        p.line,
        p.column,
        sanitize(&p.pointer)
    )
}

fn summary(r: &Report) -> String {
    format!(
        "{} breaking, {} warning, {} info",
        r.count(Level::Breaking),
        r.count(Level::Warning),
        r.count(Level::Info)
    )
}

fn sdk_line(c: &Change) -> Option<String> {
    let broken: Vec<String> = c
        .sdk
        .by_language()
        .iter()
        .filter_map(|(lang, i)| match i {
            Impact::Breaks(why) => Some(format!("{lang}: {}", sanitize(why))),
            _ => None,
        })
        .collect();
    if broken.is_empty() {
        let computed = c
            .sdk
            .by_language()
            .iter()
            .any(|(_, i)| **i == Impact::Compatible);
        computed.then(|| "SDKs: compatible".to_string())
    } else {
        Some(format!("SDKs break: {}", broken.join("; ")))
    }
}

fn human(r: &Report) -> String {
    let mut out = String::new();
    for c in &r.changes {
        let op = c
            .operation
            .as_deref()
            .map(sanitize)
            .unwrap_or_else(|| "(document)".into());
        let _ = writeln!(out, "{}[{}] {op}: {}", c.level, c.id, sanitize(&c.message));
        if let Some(p) = &c.old {
            let _ = writeln!(out, "    old: {}", at(p));
        }
        if let Some(p) = &c.new {
            let _ = writeln!(out, "    new: {}", at(p));
        }
        if let Some(s) = sdk_line(c) {
            let _ = writeln!(out, "    {s}");
        }
    }
    let _ = writeln!(out, "{}", summary(r));
    out
}

/// Markdown-safe text: no HTML, no emphasis or links from definition text.
fn md(s: &str) -> String {
    let mut out = String::new();
    for ch in sanitize(s).chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

fn markdown(r: &Report) -> String {
    let mut out = String::from("# API changes\n\n");
    let _ = writeln!(out, "{}.\n", summary(r));
    // Operations in order of first appearance, document-wide changes last.
    let mut groups: Vec<(Option<&str>, Vec<&Change>)> = Vec::new();
    for c in &r.changes {
        let key = c.operation.as_deref();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(c),
            None => groups.push((key, vec![c])),
        }
    }
    groups.sort_by_key(|(k, _)| k.is_none());
    for (op, changes) in groups {
        let _ = writeln!(
            out,
            "## {}\n",
            op.map_or_else(|| "Whole document".to_string(), md)
        );
        for level in [Level::Breaking, Level::Warning, Level::Info] {
            for c in changes.iter().filter(|c| c.level == level) {
                let place = c
                    .new
                    .as_ref()
                    .or(c.old.as_ref())
                    .map(|p| format!(" ({}:{})", md(&p.file), p.line))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- **{}** `{}`: {}{place}",
                    c.level,
                    c.id,
                    md(&c.message)
                );
                if c.level > Level::Info {
                    if let Some(s) = sdk_line(c) {
                        let _ = writeln!(out, "  - {}", md(&s));
                    }
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Escapes a GitHub workflow command's data (`property` for `key=value` parts).
fn gh(s: &str, property: bool) -> String {
    let mut out = sanitize(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

fn github(r: &Report) -> String {
    let mut out = String::new();
    for c in &r.changes {
        let kind = match c.level {
            Level::Breaking => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        // Annotations belong to the new definition (what a pull request changes); a removal
        // stands at its old place.
        let place = c
            .new
            .as_ref()
            .or(c.old.as_ref())
            .map(|p| {
                format!(
                    "file={},line={},col={},",
                    gh(&p.file, true),
                    p.line,
                    p.column
                )
            })
            .unwrap_or_default();
        let op = c
            .operation
            .as_deref()
            .map(|o| format!("{o}: "))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "::{kind} {place}title={}::{}",
            gh(c.id, true),
            gh(&format!("{op}{}", c.message), false)
        );
    }
    out
}

fn sarif_place(p: &Place) -> crate::sarif::Place {
    crate::sarif::Place {
        file: p.file.clone(),
        line: p.line,
        column: p.column,
        pointer: p.pointer.clone(),
    }
}

/// The changes as a SARIF log (the shared writer): at the change's place in the new
/// definition (a removal at its old place), the old place as a related location.
fn sarif(r: &Report) -> String {
    let findings: Vec<crate::sarif::Finding> = r
        .changes
        .iter()
        .map(|c| {
            let op = c
                .operation
                .as_deref()
                .map(|o| format!("{o}: "))
                .unwrap_or_default();
            let related = match (&c.old, &c.new) {
                (Some(old), Some(_)) => {
                    vec![(sarif_place(old), "in the old definition".to_string())]
                }
                _ => Vec::new(),
            };
            crate::sarif::Finding {
                rule: c.id.to_string(),
                level: match c.level {
                    Level::Breaking => crate::sarif::Level::Error,
                    Level::Warning => crate::sarif::Level::Warning,
                    Level::Info => crate::sarif::Level::Note,
                },
                message: format!("{op}{}", c.message),
                place: c.new.as_ref().or(c.old.as_ref()).map(sarif_place),
                related,
            }
        })
        .collect();
    crate::sarif::log(&findings)
}
