//! `--format sarif` of `check`, `validate` and `diff`: every log is valid against the
//! published SARIF 2.1.0 schema (tests/data/sarif, with its licence), on real definitions with
//! findings, and its results point at the lines of the definition.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn real(name: &str) -> String {
    oaskit_testkit::shared_dir()
        .join("specs/real")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn oaskit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs")
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif/sarif-schema-2.1.0.json"),
    )
    .expect("the vendored schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

/// The log on standard output, checked against the schema; returns its single run.
fn sarif_run(out: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}: {text}\n{}", String::from_utf8_lossy(&out.stderr)));
    let errors: Vec<String> = validator()
        .iter_errors(&v)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "not valid SARIF 2.1.0: {errors:#?}");
    assert_eq!(v["version"], "2.1.0");
    v["runs"][0].clone()
}

/// Every result names a rule of the driver, and every rule has its `oaskit explain` text.
fn rules_are_explained(run: &serde_json::Value) {
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for r in run["results"].as_array().expect("results") {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    for rule in rules {
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| t.len() > 20),
            "{rule}"
        );
    }
}

#[test]
fn check_on_a_real_definition_with_the_recommended_rules() {
    let spec = real("asana-oas.yaml");
    let out = oaskit(&[
        "check",
        &spec,
        "--ruleset",
        "recommended",
        "--format",
        "sarif",
    ]);
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let run = sarif_run(&out);
    rules_are_explained(&run);
    let results = run["results"].as_array().expect("results");
    assert!(results.len() > 10, "{}", results.len());
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "component-unused")
        .expect("an unused component");
    assert_eq!(r["level"], "warning");
    let loc = &r["locations"][0];
    let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .expect("uri");
    assert!(
        !uri.starts_with('/'),
        "relative to the working directory: {uri}"
    );
    assert!(uri.ends_with("specs/real/asana-oas.yaml"), "{uri}");
    let pointer = loc["logicalLocations"][0]["fullyQualifiedName"]
        .as_str()
        .expect("pointer");
    assert!(pointer.starts_with("/components/"), "{pointer}");
    assert_eq!(r["properties"]["pointer"], pointer);
    // The line is the component's line in the file.
    let line = loc["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .expect("line") as usize;
    let text = std::fs::read_to_string(&spec).expect("read");
    let name = pointer.rsplit('/').next().expect("name");
    let at = text.lines().nth(line - 1).expect("line exists");
    assert!(
        at.trim_start().starts_with(&format!("{name}:")),
        "line {line}: {at}"
    );
}

#[test]
fn check_with_errors_and_a_profile() {
    // Box's definition under the AWS profile: its REST API import limitations.
    let out = oaskit(&[
        "check",
        &real("box-openapi.json"),
        "--profile",
        "aws-rest",
        "--format",
        "sarif",
    ]);
    let run = sarif_run(&out);
    rules_are_explained(&run);
    let results = run["results"].as_array().expect("results");
    assert!(results
        .iter()
        .any(|r| r["ruleId"].as_str().is_some_and(|c| c.starts_with("aws-"))));
}

#[test]
fn validate_request() {
    let spec = root().join("specs/petstore.yaml");
    let spec = spec.to_string_lossy();
    let out = oaskit(&[
        "validate",
        "request",
        &spec,
        "--method",
        "GET",
        "--url",
        "/v1/pets?limit=many",
        "--format",
        "sarif",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let run = sarif_run(&out);
    rules_are_explained(&run);
    let r = &run["results"][0];
    assert_eq!(r["level"], "error");
    assert!(r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() > Some(1));
}

#[test]
fn diff_of_a_real_definition() {
    let old = real("twilio-messaging-v1.yaml");
    let text = std::fs::read_to_string(&old).expect("read");
    // Remove the first path: a breaking change on every operation of it.
    let first = text.find("\n  /").expect("a path");
    let next = text[first + 3..].find("\n  /").expect("a second path") + first + 3;
    let new_text = format!("{}{}", &text[..first], &text[next..]);
    let dir = root().join("target/tmp/sarif-cli");
    std::fs::create_dir_all(&dir).expect("scratch");
    let new = dir.join("twilio-new.yaml");
    std::fs::write(&new, new_text).expect("write");
    let out = oaskit(&["diff", &old, &new.to_string_lossy(), "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let run = sarif_run(&out);
    rules_are_explained(&run);
    assert!(run["results"].as_array().is_some_and(|r| !r.is_empty()));
}
