//! `oaskit validate request|response|har|payload`.

use std::fmt::Write as _;
use std::io::Read;

use oaskit_core::{Diagnostic, LoadOptions, Loaded, Location};
use oaskit_validator::{
    har, Direction, GatewayChecks, Options, Report, Request, Response, Validator, Violation,
};
use serde_json::{json, Value};

use crate::args::{
    MessageArgs, PayloadDirection, ReportFormat, ValidateCommand, ValidateCommon, ValidateHarArgs,
    ValidatePayloadArgs,
};
use crate::render::sanitize;

/// The largest body or HAR file read: as large as a definition may be.
fn max_input_bytes() -> usize {
    oaskit_core::Limits::default().max_file_bytes
}

pub(crate) fn run(cmd: &ValidateCommand) -> u8 {
    match cmd {
        ValidateCommand::Request(a) => message(&a.common, &a.message, None),
        ValidateCommand::Response(a) => message(&a.common, &a.message, Some(a.status)),
        ValidateCommand::Har(a) => har(a),
        ValidateCommand::Payload(a) => payload(a),
    }
}

/// Loads the definition and builds the validator; prints problems and returns exit code 2 on failure.
fn build(common: &ValidateCommon) -> Result<(oaskit_core::Loaded, Validator), u8> {
    let mut loaded = super::load(&common.source, LoadOptions::new()).map_err(|e| {
        eprintln!("error: {e}");
        2u8
    })?;
    if let Some(p) = common.profile.profile {
        oaskit_profile::apply(&mut loaded, p);
    }
    if loaded.document.is_none() || (loaded.has_errors() && !common.force) {
        super::report(&loaded, common.report.format, false);
        eprintln!(
            "error: the definition is not usable for validation{}",
            if loaded.document.is_some() {
                " (--force validates despite its errors)"
            } else {
                ""
            }
        );
        return Err(2);
    }
    if loaded.has_errors() {
        // --force: the errors are still shown, then validation goes on.
        super::report(&loaded, common.report.format, false);
    }
    // Only the operations a capture touches are compiled.
    let gateway = match common.profile.profile {
        Some(oaskit_profile::Profile::AwsHttp) => Some(GatewayChecks::Http),
        Some(oaskit_profile::Profile::AwsRest) => Some(GatewayChecks::Rest),
        None => common.gateway.then_some(GatewayChecks::Rest),
    };
    let opts = Options::new()
        .with_gateway(gateway)
        .with_lazy_compilation(true);
    let built = match (&loaded.document, common.force) {
        (Some(doc), true) => Validator::with_options(doc, &opts),
        _ => Validator::from_loaded(&loaded, &opts),
    };
    match built {
        Ok(v) => Ok((loaded, v)),
        Err(e) => {
            eprintln!("error: {e}");
            Err(2)
        }
    }
}

fn parse_headers(list: &[String]) -> Result<Vec<(String, String)>, String> {
    list.iter()
        .map(|h| {
            h.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| format!("header {h:?} is not `Name: value`"))
        })
        .collect()
}

fn read_body(arg: Option<&str>) -> Result<Vec<u8>, String> {
    match arg {
        None => Ok(Vec::new()),
        Some("-") => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(b)
        }
        Some(path) => oaskit_core::read_regular_file(path.as_ref(), max_input_bytes())
            .map_err(|e| format!("cannot read {path}: {e}")),
    }
}

fn report_json(r: &Report) -> Value {
    json!({
        "operation": r.operation.as_deref(),
        "valid": r.is_valid(),
        "violations": r.violations.iter().map(|v| json!({
            "code": v.code,
            "part": v.part.to_string(),
            "message": v.message,
            "rule": v.rule,
            "rule_at": v.rule_at,
        })).collect::<Vec<_>>(),
    })
}

fn report_human(r: &Report) -> String {
    let mut out = String::new();
    let op = r.operation.as_deref().unwrap_or("(no operation)");
    if r.is_valid() {
        let _ = writeln!(out, "valid: {op}");
        return out;
    }
    let _ = writeln!(out, "invalid: {op}: {} violation(s)", r.violations.len());
    for v in &r.violations {
        let _ = writeln!(
            out,
            "  [{}] {}: {}",
            v.code,
            sanitize(&v.part.to_string()),
            sanitize(&v.message)
        );
        if !v.rule.is_empty() {
            let at = v
                .rule_at
                .as_deref()
                .map(|a| format!(" ({})", sanitize(a)))
                .unwrap_or_default();
            let _ = writeln!(out, "      rule {}{at}", sanitize(&v.rule));
        }
    }
    out
}

/// Where a violation's rule stands in the user's files: the deepest node of its pointer that
/// exists, with that node's pointer in its own file.
fn rule_location(loaded: &Loaded, rule: &str) -> Option<Location> {
    let doc = loaded.document.as_ref()?;
    if rule.is_empty() {
        return None;
    }
    let mut p = rule;
    loop {
        if let Some(n) = doc.root().pointer(p) {
            return Some(Location {
                span: n.span,
                pointer: doc.origins().original(p),
            });
        }
        p = &p[..p.rfind('/')?];
    }
}

/// A violation as a finding at its rule, so that every report format renders it as it renders
/// the definition's own findings (GitHub annotations at the rule's file, line and column).
fn violation_diagnostic(loaded: &Loaded, context: &str, v: &Violation) -> Diagnostic {
    let mut d = Diagnostic::error(v.code, format!("{context}{}: {}", v.part, v.message));
    d.location = rule_location(loaded, &v.rule);
    d
}

fn message(common: &ValidateCommon, m: &MessageArgs, status: Option<u16>) -> u8 {
    let headers = match parse_headers(&m.headers) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let body = match read_body(m.body.as_deref()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let (loaded, v) = match build(common) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let report = match status {
        Some(status) => v.validate_response(
            &m.method,
            &m.url,
            &Response {
                status,
                headers,
                body,
            },
        ),
        None => v.validate_request(&Request {
            method: m.method.clone(),
            url: m.url.clone(),
            headers,
            body,
        }),
    };
    let report = report.with_locations(&loaded);
    let _ = crate::output::write_stdout(&render(&loaded, common.report.format, &report));
    u8::from(!report.is_valid())
}

/// One report in the chosen format (`validate request`, `response` and `payload`).
fn render(loaded: &Loaded, format: ReportFormat, report: &Report) -> String {
    match format {
        ReportFormat::Human => report_human(report),
        ReportFormat::Json => {
            let mut t = serde_json::to_string_pretty(&report_json(report)).unwrap_or_default();
            t.push('\n');
            t
        }
        ReportFormat::Github | ReportFormat::Sarif => {
            let context = report
                .operation
                .as_deref()
                .map(|op| format!("{op}: "))
                .unwrap_or_default();
            let diags: Vec<Diagnostic> = report
                .violations
                .iter()
                .map(|x| violation_diagnostic(loaded, &context, x))
                .collect();
            crate::render::render(format, &diags, &loaded.sources)
        }
    }
}

/// A payload file as JSON: JSON text, else YAML (the definition's own readers' rules: YAML
/// 1.2 core schema, duplicate keys refused).
fn parse_payload(name: &str, bytes: Vec<u8>) -> Result<Value, String> {
    let decoded = oaskit_core::parse::decode(bytes).map_err(|e| e.0.message)?;
    let text = decoded.text;
    let limits = oaskit_core::Limits::default();
    let parsed = if oaskit_core::parse::looks_like_json(&text) {
        oaskit_core::parse::json(&text, 0, limits.max_depth)
    } else {
        let file = oaskit_core::SourceFile::new(
            name.to_string(),
            oaskit_core::Origin::Memory,
            text.clone(),
        );
        oaskit_core::parse::yaml(&file, 0, &limits)
    };
    parsed.map(|n| n.to_json()).map_err(|e| {
        let before = &text[..e.offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        format!("{name}:{line}:{column}: {} ({})", e.message, e.code)
    })
}

fn payload(a: &ValidatePayloadArgs) -> u8 {
    let name = if a.body == "-" { "<stdin>" } else { &a.body };
    let value = match read_body(Some(&a.body)).and_then(|b| parse_payload(name, b)) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: the payload is not JSON or YAML: {e}");
            return 2;
        }
    };
    let (loaded, v) = match build(&a.common) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let direction = match a.direction {
        PayloadDirection::Request => Direction::Request,
        PayloadDirection::Response => Direction::Response,
    };
    let report = v
        .validate_schema(&a.schema, &value, direction)
        .with_locations(&loaded);
    if report.codes() == ["schema-not-found"] {
        eprintln!("error: {}", report.violations[0].message);
        return 2;
    }
    for w in v.warnings() {
        eprintln!("warning: {w}");
    }
    let _ = crate::output::write_stdout(&render(&loaded, a.common.report.format, &report));
    u8::from(!report.is_valid())
}

fn har(a: &ValidateHarArgs) -> u8 {
    let bytes = match oaskit_core::read_regular_file(&a.har, max_input_bytes()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", a.har.display());
            return 2;
        }
    };
    let (loaded, v) = match build(&a.common) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // Entries are validated as they are read, one at a time: a capture of 100,000 entries is
    // never held as one tree, and per-entry results are kept only for JSON output.
    let format = a.common.report.format;
    let keep_results = format == ReportFormat::Json;
    let mut results = Vec::new();
    // For `--format github` and `sarif`: one annotation per violation, at its rule when it
    // has one.
    let annotate = matches!(format, ReportFormat::Github | ReportFormat::Sarif);
    let mut annotations: Vec<Diagnostic> = Vec::new();
    let (mut invalid, mut unrouted, mut count) = (0usize, 0usize, 0usize);
    let mut human = String::new();
    let mut handle = |e: har::Entry| {
        count += 1;
        let (i, req, resp) = match e {
            har::Entry::Unreadable {
                index: i,
                method,
                url,
                why,
            } => {
                invalid += 1;
                let _ = writeln!(
                    human,
                    "#{i} BAD {} {}\n   entry {}",
                    sanitize(&method),
                    sanitize(&url),
                    sanitize(&why)
                );
                if keep_results {
                    results.push(json!({"index": i, "method": method, "url": url, "error": why}));
                }
                if annotate {
                    annotations.push(Diagnostic::error(
                        "har-entry-unreadable",
                        format!("#{i} {method} {url}: entry {why}"),
                    ));
                }
                return;
            }
            har::Entry::Exchange {
                index,
                request,
                response,
            } => (index, request, response),
        };
        // Routed once: the response is checked against the operation the request matched.
        let (rq, rs) = match v.find_route(&req.method, &req.url) {
            Ok(route) => (
                v.validate_request_at(&route, &req),
                resp.map(|r| v.validate_response_at(&route, &r)),
            ),
            Err(report) => (report.clone(), resp.map(|_| report)),
        };
        let rq = rq.with_locations(&loaded);
        let rs = rs.map(|r| r.with_locations(&loaded));
        let (method, url) = (req.method, req.url);
        if rq.operation.is_none() {
            unrouted += 1;
        }
        let ok = rq.is_valid() && rs.as_ref().is_none_or(Report::is_valid);
        if !ok {
            invalid += 1;
        }
        let _ = writeln!(
            human,
            "#{i} {} {} {}",
            if ok { "ok " } else { "BAD" },
            sanitize(&method),
            sanitize(&url)
        );
        if !rq.is_valid() {
            for line in report_human(&rq).lines().skip(1) {
                let _ = writeln!(human, "   request {}", line.trim_start());
            }
        }
        if let Some(r) = rs.as_ref().filter(|r| !r.is_valid()) {
            for line in report_human(r).lines().skip(1) {
                let _ = writeln!(human, "   response {}", line.trim_start());
            }
        }
        if keep_results {
            results.push(json!({"index": i, "method": method, "url": url, "request": report_json(&rq), "response": rs.as_ref().map(report_json)}));
        }
        if annotate {
            for (what, r) in [("request", Some(&rq)), ("response", rs.as_ref())] {
                let context = format!("#{i} {method} {url}: {what} ");
                annotations.extend(
                    r.iter()
                        .flat_map(|r| &r.violations)
                        .map(|x| violation_diagnostic(&loaded, &context, x)),
                );
            }
        }
    };
    if let Err(e) = har::for_each_entry(&bytes, &mut handle) {
        eprintln!("error: {} {e}", a.har.display());
        return 2;
    }
    let summary = json!({"entries": count, "invalid": invalid, "unrouted": unrouted});
    let text = match format {
        ReportFormat::Human => format!(
            "{human}{count} entries: {} valid, {invalid} invalid ({unrouted} matched no operation)\n",
            count - invalid
        ),
        ReportFormat::Json => {
            let mut t =
                serde_json::to_string_pretty(&json!({"entries": results, "summary": summary}))
                    .unwrap_or_default();
            t.push('\n');
            t
        }
        ReportFormat::Github | ReportFormat::Sarif => {
            crate::render::render(format, &annotations, &loaded.sources)
        }
    };
    let _ = crate::output::write_stdout(&text);
    u8::from(invalid > 0)
}
