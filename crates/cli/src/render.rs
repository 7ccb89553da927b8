//! Showing diagnostics: human text with the offending line, JSON for machines, or GitHub
//! Actions annotations.

use std::fmt::Write as _;

use oaskit_core::{Diagnostic, Severity, Sources};

use crate::args::ReportFormat;

/// Makes spec text safe for a terminal: control characters (ANSI escapes, NUL, bidi
/// overrides) are shown as escapes, never sent raw.
pub(crate) fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{feff}')
        {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Cuts a long line to about `width` characters around the byte `at` of the line (where the
/// caret goes), looking at no more than the window itself: minified definitions have one line
/// of megabytes and thousands of findings on it. Returns the text and the caret's column.
fn excerpt(line: &str, at: usize, width: usize) -> (String, usize) {
    let mut at = at.min(line.len());
    while !line.is_char_boundary(at) {
        at -= 1;
    }
    let (before, after) = line.split_at(at);
    // Up to width/2 characters before the caret, the rest after it.
    let back: Vec<(usize, char)> = before.char_indices().rev().take(width / 2 + 1).collect();
    let start = if back.len() > width / 2 {
        back[width / 2 - 1].0
    } else {
        0
    };
    let shown_before = before[start..].chars().count();
    let end = after
        .char_indices()
        .take(width.saturating_sub(shown_before))
        .last()
        .map_or(at, |(i, c)| at + i + c.len_utf8());
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(&sanitize(&line[start..end]));
    if end < line.len() {
        s.push('…');
    }
    (s, shown_before + 1 + usize::from(start > 0))
}

fn place(sources: &Sources, loc: &oaskit_core::Location) -> String {
    match sources.locate(loc.span) {
        Some((f, l, c)) => format!("{}:{l}:{c}", sanitize(f)),
        None => "?".into(),
    }
}

/// Renders diagnostics in `format`: the one place each report format is chosen.
pub(crate) fn render(format: ReportFormat, diags: &[Diagnostic], sources: &Sources) -> String {
    match format {
        ReportFormat::Human => human(diags, sources),
        ReportFormat::Json => json(diags, sources),
        ReportFormat::Github => github(diags, sources),
        ReportFormat::Sarif => crate::sarif::render(diags, sources),
    }
}

/// Renders diagnostics for people.
pub(crate) fn human(diags: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diags {
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            d.severity.as_str(),
            d.code,
            sanitize(&d.message)
        );
        if let Some(loc) = &d.location {
            let ptr = if loc.pointer.is_empty() {
                String::new()
            } else {
                format!(" at {}", sanitize(&loc.pointer))
            };
            let _ = writeln!(out, "  --> {}{ptr}", place(sources, loc));
            if let Some(file) = sources.get(loc.span.file) {
                let (line, _) = file.line_col(loc.span.offset);
                let line_text = file.line_text(line);
                let at = (loc.span.offset as usize).saturating_sub(file.line_start(line));
                let (text, col) = excerpt(line_text, at, 120);
                let gutter = line.to_string().len();
                let _ = writeln!(out, "{:gutter$} |", "");
                let _ = writeln!(out, "{line} | {text}");
                let _ = writeln!(out, "{:gutter$} | {:>col$}", "", "^");
            }
        }
        for r in &d.related {
            let _ = writeln!(
                out,
                "  = note: {}: {} at {}",
                sanitize(&r.message),
                place(sources, &r.location),
                sanitize(&r.location.pointer)
            );
        }
        if let Some(h) = &d.help {
            let _ = writeln!(out, "  = help: {}", sanitize(h));
        }
        out.push('\n');
    }
    let (errors, warnings, infos) = counts(diags);
    let _ = write!(out, "{errors} error(s), {warnings} warning(s)");
    if infos > 0 {
        let _ = write!(out, ", {infos} info");
    }
    out.push('\n');
    // A long report ends with what it is made of: counts per code, most frequent first.
    if diags.len() >= BY_CODE_FROM {
        let _ = writeln!(out, "by code: {}", by_code(diags));
    }
    out
}

/// How many errors, warnings and infos there are.
fn counts(diags: &[Diagnostic]) -> (usize, usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.iter().filter(|d| d.is_warning()).count();
    (errors, warnings, diags.len() - errors - warnings)
}

/// From how many findings a human report ends with its counts per code.
const BY_CODE_FROM: usize = 20;

/// How many findings there are of each code, by code.
fn count_by_code(diags: &[Diagnostic]) -> std::collections::BTreeMap<&'static str, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for d in diags {
        *counts.entry(d.code).or_default() += 1;
    }
    counts
}

/// `lost-field 812, approximated 190, ...`: counts per code, most frequent first (ties by name).
fn by_code(diags: &[Diagnostic]) -> String {
    let mut list: Vec<(&str, usize)> = count_by_code(diags).into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list.iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a finding is, as the JSON report spells it (members in alphabetical order, as the
/// report has always had them).
#[derive(serde::Serialize)]
struct JsonPlace<'a> {
    column: u32,
    file: &'a str,
    line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    pointer: &'a str,
}

impl<'a> JsonPlace<'a> {
    fn new(sources: &'a Sources, loc: &'a oaskit_core::Location, message: Option<&'a str>) -> Self {
        let (file, line, column) = sources.locate(loc.span).unwrap_or(("", 0, 0));
        JsonPlace {
            column,
            file,
            line,
            message,
            pointer: &loc.pointer,
        }
    }
}

/// One finding of the JSON report, borrowed from the diagnostic: serialized straight to text,
/// without building a `serde_json::Value` per finding.
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonPlace<'a>>,
    severity: &'a str,
}

/// The JSON report's summary.
#[derive(serde::Serialize)]
struct JsonSummary {
    by_code: std::collections::BTreeMap<&'static str, usize>,
    errors: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    info: Option<usize>,
    warnings: usize,
}

/// The whole JSON report.
#[derive(serde::Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonFinding<'a>>,
    summary: JsonSummary,
}

/// Renders diagnostics as one JSON document (stable field names).
pub(crate) fn json(diags: &[Diagnostic], sources: &Sources) -> String {
    let diagnostics = diags
        .iter()
        .map(|d| {
            let place = d
                .location
                .as_ref()
                .map(|l| JsonPlace::new(sources, l, None));
            JsonFinding {
                code: d.code,
                column: place.as_ref().map(|p| p.column),
                file: place.as_ref().map(|p| p.file),
                help: d.help.as_deref(),
                line: place.as_ref().map(|p| p.line),
                message: &d.message,
                pointer: place.as_ref().map(|p| p.pointer),
                related: d
                    .related
                    .iter()
                    .map(|r| JsonPlace::new(sources, &r.location, Some(&r.message)))
                    .collect(),
                severity: d.severity.as_str(),
            }
        })
        .collect();
    let (errors, warnings, infos) = counts(diags);
    let report = JsonReport {
        diagnostics,
        summary: JsonSummary {
            by_code: count_by_code(diags),
            errors,
            // Counted only when there are some: reports without infos keep their shape.
            info: (infos > 0).then_some(infos),
            warnings,
        },
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}

/// Escapes text for a GitHub Actions workflow command (`%`, CR, LF; and `:` `,` in properties).
fn gh_escape(s: &str, property: bool) -> String {
    let mut out = sanitize(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

/// Renders diagnostics as GitHub Actions annotations.
pub(crate) fn github(diags: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let place = d
            .location
            .as_ref()
            .and_then(|l| sources.locate(l.span))
            .map(|(f, l, c)| format!("file={},line={l},col={c},", gh_escape(f, true)))
            .unwrap_or_default();
        let pointer = d
            .location
            .as_ref()
            .map(|l| format!(" ({})", l.pointer))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "::{kind} {place}title={}::{}{}",
            gh_escape(d.code, true),
            gh_escape(&d.message, false),
            gh_escape(&pointer, false)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_never_pass() {
        assert_eq!(
            sanitize("a\u{1b}[31mb\u{0}\u{202e}"),
            "a\\u{1b}[31mb\\u{0}\\u{202e}"
        );
        let long = "x".repeat(5000);
        let (s, col) = excerpt(&long, 2500, 120);
        assert!(s.chars().count() <= 122);
        assert!(col <= 122);
    }

    #[test]
    fn the_caret_stands_under_its_character() {
        let line = format!("{}é[TARGET]{}", "ab€".repeat(2000), "z".repeat(3000));
        for (at, want) in [
            (line.find("[TARGET]").expect("in"), '['),
            (0, 'a'),
            (line.len() - 1, 'z'),
        ] {
            let (s, col) = excerpt(&line, at, 120);
            assert!(s.chars().count() <= 122, "{s}");
            assert_eq!(s.chars().nth(col - 1), Some(want), "{s} / {col}");
        }
        let short = "key: value";
        assert_eq!(excerpt(short, 5, 120), (short.to_string(), 6));
    }
}
