//! `oaskit explain [CODE]`: what a code means, from the catalogues of the four library crates.

use std::fmt::Write as _;

use oaskit_core::codes::Code;

/// The codes the command line reports itself (the libraries' codes are in their catalogues).
const CLI: &[Code] = &[Code::error(
    "har-entry-unreadable",
    "validate har: an entry's request or response body cannot be decoded (an encoding oaskit \
     does not read, or invalid base64), so the entry was not validated; it counts as invalid.",
)];

/// Every catalogue, as `(crate, stage, codes)`, in the order the listing shows them: the
/// stages of a load (oaskit-core), then validation, export, SDK generation and the command
/// line's own.
fn catalogues() -> Vec<(&'static str, &'static str, &'static [Code])> {
    let mut out: Vec<_> = oaskit_core::codes::STAGES
        .iter()
        .map(|(stage, codes)| ("oaskit-core", *stage, *codes))
        .collect();
    out.push((
        "oaskit-validator",
        "validate",
        oaskit_validator::codes::CODES,
    ));
    out.push(("oaskit-export", "export", oaskit_export::codes::CODES));
    out.push(("oaskit-codegen", "generate", oaskit_codegen::codes::CODES));
    out.push(("oaskit-gateway", "serve", oaskit_gateway::codes::CODES));
    out.push(("oaskit-diff", "diff", oaskit_diff::codes::CODES));
    out.push(("oaskit-overlay", "overlay", oaskit_overlay::codes::CODES));
    out.push(("oaskit-profile", "profile", oaskit_profile::codes::CODES));
    out.push((
        "oaskit-profile",
        "recommended",
        oaskit_profile::codes::RECOMMENDED,
    ));
    out.push(("oaskit-profile", "config", oaskit_profile::codes::CONFIG));
    out.push(("oaskit-cli", "validate har", CLI));
    out
}

/// The code named `name`, with its crate and stage.
pub(crate) fn lookup(name: &str) -> Option<(&'static str, &'static str, &'static Code)> {
    catalogues().into_iter().find_map(|(krate, stage, codes)| {
        codes
            .iter()
            .find(|c| c.name == name)
            .map(|c| (krate, stage, c))
    })
}

/// The first sentence of an explanation (a full stop followed by a space, outside
/// parentheses), for the one-line listing.
pub(crate) fn summary(explanation: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in explanation.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '.' if depth == 0 && explanation[i + 1..].starts_with(' ') => {
                return &explanation[..=i];
            }
            _ => {}
        }
    }
    explanation
}

/// The listing of every code, grouped by crate and stage.
fn listing() -> String {
    let mut out = String::new();
    for (krate, stage, codes) in catalogues() {
        let _ = writeln!(out, "{krate}: {stage}");
        for c in codes {
            let _ = writeln!(
                out,
                "  {:<34} {:<8} {}",
                c.name,
                c.severity,
                summary(c.explanation)
            );
        }
        out.push('\n');
    }
    out.push_str("`oaskit explain CODE` explains one in full.\n");
    out
}

/// Whether `name` is a code of any catalogue (what a rule configuration may name).
pub(crate) fn is_known(name: &str) -> bool {
    lookup(name).is_some()
}

/// `oaskit explain [CODE]`.
pub(crate) fn explain(a: &crate::args::ExplainArgs) -> u8 {
    let text = match &a.code {
        Some(code) => match lookup(code) {
            Some((krate, stage, c)) => format!(
                "{} ({}; {krate}, {stage})\n\n{}\n",
                c.name, c.severity, c.explanation
            ),
            None => {
                eprintln!(
                    "error: unknown code {:?}; `oaskit explain` lists them all",
                    crate::render::sanitize(code)
                );
                return 2;
            }
        },
        None => listing(),
    };
    let _ = crate::output::write_stdout(&text);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_of_every_catalogue_is_unique_and_explained() {
        let mut seen = std::collections::HashMap::new();
        for (krate, stage, codes) in catalogues() {
            assert!(!codes.is_empty(), "{krate}: {stage} lists no code");
            for c in codes {
                if let Some(other) = seen.insert(c.name, krate) {
                    panic!("{} is listed by {other} and again by {krate}", c.name);
                }
                assert!(
                    !c.name.is_empty()
                        && c.name
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "{:?} is not kebab-case",
                    c.name
                );
                assert!(matches!(c.severity, "error" | "warning"), "{}", c.name);
                assert!(
                    c.explanation.trim().len() > 20,
                    "{} has no real explanation",
                    c.name
                );
                assert!(
                    !summary(c.explanation).trim().is_empty(),
                    "{}: empty summary",
                    c.name
                );
            }
        }
        assert!(seen.len() >= 75, "only {} codes", seen.len());
    }

    #[test]
    fn lookup_finds_codes_of_each_crate_and_summaries_stop_at_the_first_sentence() {
        for name in [
            "ref-outside-root",
            "path-param-undeclared",
            "route-not-found",
            "lost-keyword",
            "name-collision",
        ] {
            assert!(lookup(name).is_some(), "{name}");
        }
        assert!(lookup("no-such-code").is_none());
        assert_eq!(summary("One (a. b). Two."), "One (a. b).");
        assert_eq!(summary("No full stop"), "No full stop");
    }
}
