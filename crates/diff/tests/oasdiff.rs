//! oasdiff, the independent judge: run on the OpenAPI 3.x pairs of the corpus and on a real
//! release pair of GitHub's definition. Every `ERR` it reports must be breaking in oaskit too
//! (a breaking change on the same operation: the two tools point at different nodes for the
//! same change, so places are not compared), or its check id must be listed in the README's table of disagreements with the
//! reason. `scripts/setup-tools` installs the pinned oasdiff; a missing tool fails the test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use oaskit_core::{load_file, LoadOptions};
use oaskit_diff::{diff, Level, Options, Report};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn oasdiff() -> PathBuf {
    let p = root().join(".tools/go/bin/oasdiff");
    assert!(
        p.exists(),
        "{} is missing: run scripts/setup-tools",
        p.display()
    );
    p
}

/// One `ERR` of oasdiff.
#[derive(Debug)]
struct Err {
    id: String,
    operation: String,
}

fn normalized(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push('{');
            }
            '}' => {
                depth -= 1;
                out.push('}');
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

fn errors(old: &Path, new: &Path) -> Vec<Err> {
    let out = Command::new(oasdiff())
        .args(["breaking", "--format", "json"])
        .arg(old)
        .arg(new)
        .output()
        .expect("oasdiff runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "oasdiff output: {e}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    v.as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|i| i["level"] == 3)
        .map(|i| Err {
            id: i["id"].as_str().unwrap_or_default().to_string(),
            operation: format!(
                "{} {}",
                i["operation"].as_str().unwrap_or_default(),
                normalized(i["path"].as_str().unwrap_or_default())
            ),
        })
        .collect()
}

fn agrees(report: &Report, e: &Err) -> bool {
    report.changes.iter().any(|c| {
        c.level == Level::Breaking
            && c.operation
                .as_deref()
                .map_or(e.operation.trim().is_empty(), |o| {
                    normalized(o) == e.operation
                })
    })
}

/// The check ids the README lists as disagreements (between its markers).
fn listed() -> BTreeSet<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let start = readme
        .find("<!-- oasdiff-disagreements -->")
        .expect("the README lists the disagreements");
    let end = readme[start..]
        .find("<!-- /oasdiff-disagreements -->")
        .map_or(readme.len(), |e| start + e);
    let mut ids = BTreeSet::new();
    for line in readme[start..end].lines().filter(|l| l.starts_with("| `")) {
        // Every `id` of the first cell.
        let cell = line.split('|').nth(1).unwrap_or_default();
        ids.extend(cell.split('`').skip(1).step_by(2).map(String::from));
    }
    ids
}

fn run(old: &Path, new: &Path, checks: bool) -> (Report, Vec<Err>) {
    let opts = LoadOptions::new().with_checks(checks);
    let report = diff(
        &load_file(old, &opts),
        &load_file(new, &opts),
        &Options::new().with_sdk(false),
    )
    .expect("loads");
    (report, errors(old, new))
}

fn side(dir: &Path, stem: &str) -> PathBuf {
    ["yaml", "json"]
        .iter()
        .map(|e| dir.join(format!("{stem}.{e}")))
        .find(|p| p.exists())
        .expect("a side")
}

#[test]
fn every_oasdiff_error_on_the_corpus_is_breaking_or_listed() {
    let listed = listed();
    let mut unlisted = Vec::new();
    let (mut cases, mut errs, mut agreed) = (0, 0, 0);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&data)
        .expect("data")
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let (old, new) = (side(&dir, "old"), side(&dir, "new"));
        let is_3x = |p: &Path| std::fs::read_to_string(p).is_ok_and(|t| t.contains("openapi"));
        if !is_3x(&old) || !is_3x(&new) {
            continue; // oasdiff reads OpenAPI 3 only
        }
        cases += 1;
        let (report, found) = run(&old, &new, true);
        for e in found {
            errs += 1;
            if agrees(&report, &e) {
                agreed += 1;
            } else if !listed.contains(&e.id) {
                unlisted.push(format!("{}: {} {}", dir.display(), e.id, e.operation));
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "oasdiff errors oaskit does not call breaking:\n{}",
        unlisted.join("\n")
    );
    assert!(cases >= 70 && errs >= 30, "{cases} cases, {errs} errors");
    println!("corpus: {cases} pairs, {errs} oasdiff errors, {agreed} breaking in oaskit too");
}

#[test]
fn every_oasdiff_error_on_github_22_to_23_is_breaking_or_listed() {
    let listed = listed();
    let dir = root().join(".tools/octokit");
    let (old, new) = (
        dir.join("22.0.0/api.github.com.json"),
        dir.join("23.0.0/api.github.com.json"),
    );
    assert!(old.exists() && new.exists(), "run scripts/setup-tools");
    let (report, found) = run(&old, &new, false);
    let mut unlisted = BTreeSet::new();
    let mut agreed = 0;
    for e in &found {
        if agrees(&report, e) {
            agreed += 1;
        } else if !listed.contains(&e.id) {
            unlisted.insert(format!("{} {}", e.id, e.operation));
        }
    }
    assert!(
        unlisted.is_empty(),
        "oasdiff errors oaskit does not call breaking:\n{}",
        unlisted.iter().cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(found.len() > 100, "{}", found.len());
    println!(
        "github 22.0.0 -> 23.0.0: {} oasdiff errors, {agreed} breaking in oaskit too",
        found.len()
    );
}
