//! SARIF 2.1.0 logs, the one writer `check`, `validate` and `diff` share: rules
//! (`tool.driver.rules`) from the codes reported, with their `oaskit explain` text; results
//! with level, message, the place in the definition (`physicalLocation`, the file relative to
//! the working directory) and the JSON pointer (`logicalLocations`, and `properties.pointer`).

use std::collections::BTreeMap;

use oaskit_core::{Diagnostic, Severity, Sources};
use serde_json::{json, Value};

/// A place in a file.
pub(crate) struct Place {
    /// The file as named in messages (a path, a URL or `<stdin>`).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The JSON pointer of the node there.
    pub pointer: String,
}

/// How serious a result is, in SARIF's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// `error`.
    Error,
    /// `warning`.
    Warning,
    /// `note`.
    Note,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// One result.
pub(crate) struct Finding {
    /// The code.
    pub rule: String,
    /// Its level.
    pub level: Level,
    /// The message.
    pub message: String,
    /// Where, when known.
    pub place: Option<Place>,
    /// Other places involved, with what they are.
    pub related: Vec<(Place, String)>,
}

/// Findings from diagnostics.
pub(crate) fn from_diagnostics(diags: &[Diagnostic], sources: &Sources) -> Vec<Finding> {
    let place = |l: &oaskit_core::Location| {
        sources.locate(l.span).map(|(f, line, column)| Place {
            file: f.to_string(),
            line,
            column,
            pointer: l.pointer.clone(),
        })
    };
    diags
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!(" (help: {h})"));
            }
            Finding {
                rule: d.code.to_string(),
                level: match d.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warning,
                    Severity::Info => Level::Note,
                },
                message,
                place: d.location.as_ref().and_then(place),
                related: d
                    .related
                    .iter()
                    .filter_map(|r| place(&r.location).map(|p| (p, r.message.clone())))
                    .collect(),
            }
        })
        .collect()
}

/// A SARIF log of diagnostics, as text.
pub(crate) fn render(diags: &[Diagnostic], sources: &Sources) -> String {
    log(&from_diagnostics(diags, sources))
}

/// A file name as a URI reference relative to the working directory (percent-encoding what a
/// URI cannot hold); URLs stay as they are.
pub(crate) fn uri(file: &str) -> String {
    if file.starts_with("http://") || file.starts_with("https://") {
        return file.to_string();
    }
    let path = std::path::Path::new(file);
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            path.strip_prefix(cwd)
                .ok()
                .map(std::path::Path::to_path_buf)
        })
        .unwrap_or_else(|| path.to_path_buf());
    let text = rel.to_string_lossy().replace('\\', "/");
    let text = text.strip_prefix("./").unwrap_or(&text);
    oaskit_core::percent_encode(text, b"-._~/!$&'()*+,;=@")
}

fn location(p: &Place) -> Value {
    let mut v = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(&p.file)},
            "region": {"startLine": p.line.max(1), "startColumn": p.column.max(1)},
        },
    });
    if !p.pointer.is_empty() {
        v["logicalLocations"] = json!([{"fullyQualifiedName": p.pointer, "kind": "member"}]);
    }
    v
}

/// The whole log, pretty-printed with a final newline.
pub(crate) fn log(findings: &[Finding]) -> String {
    // Rules in code order; each result names its rule by index too.
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        ids.entry(f.rule.as_str()).or_insert(0);
    }
    for (i, v) in ids.values_mut().enumerate() {
        *v = i;
    }
    let rules: Vec<Value> = ids
        .keys()
        .map(|id| {
            let mut r = json!({"id": id});
            if let Some((krate, stage, c)) = crate::commands::explain::lookup(id) {
                r["shortDescription"] =
                    json!({"text": crate::commands::explain::summary(c.explanation)});
                r["fullDescription"] = json!({"text": c.explanation});
                r["help"] = json!({"text": format!("oaskit explain {id}")});
                r["defaultConfiguration"] =
                    json!({"level": if c.severity == "error" { "error" } else { "warning" }});
                r["properties"] = json!({"crate": krate, "stage": stage});
            }
            r
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut v = json!({
                "ruleId": f.rule,
                "ruleIndex": ids.get(f.rule.as_str()).copied().unwrap_or(0),
                "level": f.level.as_str(),
                "message": {"text": f.message},
                "locations": f.place.iter().map(location).collect::<Vec<_>>(),
            });
            if let Some(p) = f.place.as_ref().filter(|p| !p.pointer.is_empty()) {
                v["properties"] = json!({"pointer": p.pointer});
            }
            if !f.related.is_empty() {
                v["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, (p, m))| {
                        let mut l = location(p);
                        l["id"] = json!(i);
                        l["message"] = json!({"text": m});
                        l
                    })
                    .collect();
            }
            v
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "oaskit",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/oaskit",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("specs/a b.yaml"), "specs/a%20b.yaml");
        assert_eq!(uri("./x.json"), "x.json");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(uri(&cwd.join("d/e.yaml").to_string_lossy()), "d/e.yaml");
        assert_eq!(uri("https://h.example/a.yaml"), "https://h.example/a.yaml");
    }
}
