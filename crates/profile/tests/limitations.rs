//! One small document per documented limitation and per extension check
//! (`tests/data/limitations/CASE/api.yaml`, its first line naming the profile), each flagged
//! with its code, the outcome AWS documents and its line. `expect.txt` beside each is every
//! finding of the document under its profile (`OASKIT_BLESS=1` rewrites them).

use std::path::{Path, PathBuf};

use oaskit_core::{load_file, LoadOptions};
use oaskit_profile::codes::{Applies, RULES};
use oaskit_profile::{apply, Profile};
use oaskit_testkit::Golden;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/limitations")
}

fn cases() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(data())
        .expect("cases")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The profile a case names on its first line (`# profile: aws-rest`).
fn profile_of(text: &str) -> Profile {
    text.lines()
        .next()
        .and_then(|l| l.strip_prefix("# profile: "))
        .and_then(|p| Profile::parse(p.trim()))
        .expect("the first line names the profile")
}

/// The code a case is about: `aws-` and its folder name, without a `-http` suffix.
fn code_of(case: &str) -> String {
    format!("aws-{}", case.strip_suffix("-http").unwrap_or(case))
}

#[test]
fn each_case_is_flagged_with_its_code_outcome_and_line() {
    let mut golden = Golden::new(data());
    for case in cases() {
        let path = data().join(&case).join("api.yaml");
        let text = std::fs::read_to_string(&path).expect("api.yaml");
        let profile = profile_of(&text);
        let mut loaded = load_file(&path, &LoadOptions::new());
        apply(&mut loaded, profile);
        let code = code_of(&case);
        let rule = RULES
            .iter()
            .find(|r| r.code.name == code)
            .unwrap_or_else(|| panic!("{case}: no rule {code}"));
        let hits: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .collect();
        assert!(
            !hits.is_empty(),
            "{case}: {code} not reported: {:?}",
            loaded.diagnostics
        );
        for d in &hits {
            let (file, line, _) = d.position(&loaded.sources).expect("located");
            assert!(file.ends_with("api.yaml") && line > 1, "{case}: {d:?}");
            if let Applies::Limitation(outcome) = rule.applies(profile) {
                assert!(
                    d.message.contains(outcome.as_str()),
                    "{case}: {:?} does not state {:?}",
                    d.message,
                    outcome.as_str()
                );
                assert_eq!(
                    d.is_error(),
                    outcome == oaskit_profile::Outcome::Fails,
                    "{case}"
                );
            }
        }
        let mut expect = String::new();
        for d in &loaded.diagnostics {
            let (_, line, col) = d.position(&loaded.sources).unwrap_or_default();
            expect.push_str(&format!(
                "{line}:{col} {} {} {}: {}\n",
                d.severity.as_str(),
                d.code,
                d.location.as_ref().map_or("", |l| l.pointer.as_str()),
                d.message
            ));
        }
        golden.check(&format!("{case}/expect.txt"), &expect);
    }
    golden.ignoring(&["api.yaml"]).finish();
}

#[test]
fn every_rule_has_a_case_under_each_api_type_it_applies_to() {
    let cases = cases();
    for r in RULES {
        for p in Profile::ALL {
            if r.applies(p) == Applies::No {
                continue;
            }
            let covered = cases.iter().any(|c| {
                code_of(c) == r.code.name && {
                    let text = std::fs::read_to_string(data().join(c).join("api.yaml")).unwrap();
                    profile_of(&text) == p
                }
            });
            // Extension checks apply under both; one case under either covers them.
            let any = cases.iter().any(|c| code_of(c) == r.code.name);
            assert!(
                covered || (matches!(r.applies(p), Applies::Check) && any),
                "{} has no case under {p}",
                r.code.name
            );
        }
    }
}
