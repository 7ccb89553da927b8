//! Rule configuration on the command line: `oaskit.yaml` beside the definition, `--config`,
//! `--no-config`, `--ruleset`, and located errors for a configuration that cannot be used.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/tmp/rule-config")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch folder");
    d
}

fn oaskit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(args)
        .output()
        .expect("runs")
}

fn codes(out: &Output) -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["severity"].as_str().unwrap_or("").to_string(),
                d["pointer"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const SPEC: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1', description: d, contact: {name: c}, license: {name: MIT}}\nservers: [{url: 'https://api.example.com'}]\npaths:\n  /a:\n    get: {summary: s, description: d, tags: [t], responses: {'200': {description: ok}}}\n  /legacy/b:\n    get: {summary: s, description: d, tags: [t], responses: {'200': {description: ok}}}\ntags: [{name: t, description: d}]\n";

#[test]
fn the_file_beside_the_definition_applies_unless_told_otherwise() {
    let d = scratch("beside");
    let spec = d.join("api.yaml");
    std::fs::write(&spec, SPEC).expect("write");
    let spec = spec.to_string_lossy().into_owned();
    // Without configuration or rule set: the definition is clean.
    let plain = oaskit(&["check", &spec, "--format", "json"]);
    assert_eq!(plain.status.code(), Some(0));
    assert!(codes(&plain).is_empty());
    // With the rule set: both operations lack an operationId.
    let rec = codes(&oaskit(&[
        "check",
        &spec,
        "--ruleset",
        "recommended",
        "--format",
        "json",
    ]));
    assert_eq!(
        rec.iter()
            .filter(|c| c.0 == "operation-operation-id")
            .count(),
        2,
        "{rec:?}"
    );
    // The configuration extends the set, raises the rule to an error and turns it off under
    // /legacy.
    std::fs::write(
        d.join("oaskit.yaml"),
        "extends: [recommended]\nrules:\n  operation-operation-id: error\noverrides:\n  - paths: ['/legacy/*']\n    rules: {operation-operation-id: off}\n",
    )
    .expect("write");
    let out = oaskit(&["check", &spec, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        codes(&out),
        [(
            "operation-operation-id".to_string(),
            "error".to_string(),
            "/paths/~1a/get".to_string()
        )]
    );
    // --no-config ignores it; --config names another one.
    assert!(codes(&oaskit(&[
        "check",
        &spec,
        "--no-config",
        "--format",
        "json"
    ]))
    .is_empty());
    let other = d.join("other.yaml");
    std::fs::write(
        &other,
        "extends: [recommended]\nrules: {operation-operation-id: off}\n",
    )
    .expect("write");
    let out = oaskit(&[
        "check",
        &spec,
        "--config",
        &other.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(codes(&out).is_empty());
}

#[test]
fn info_is_reported_as_info_and_fails_nothing() {
    let d = scratch("info");
    let spec = d.join("api.yaml");
    std::fs::write(&spec, SPEC).expect("write");
    let spec = spec.to_string_lossy().into_owned();
    std::fs::write(
        d.join("oaskit.yaml"),
        "extends: [recommended]\nrules: {operation-operation-id: info}\n",
    )
    .expect("write");
    let run = |format: &str| oaskit(&["check", &spec, "--fail-on-warnings", "--format", format]);
    let out = run("json");
    // Infos alone: `--fail-on-warnings` does not fail.
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let found = codes(&out);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found
        .iter()
        .all(|c| c.0 == "operation-operation-id" && c.1 == "info"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["summary"]["info"], 2);
    assert_eq!(v["summary"]["warnings"], 0);
    let human = String::from_utf8_lossy(&run("human").stderr).into_owned();
    assert!(human.contains("info[operation-operation-id]: "), "{human}");
    assert!(
        human.contains("0 error(s), 0 warning(s), 2 info"),
        "{human}"
    );
    let github = String::from_utf8_lossy(&run("github").stdout).into_owned();
    assert_eq!(github.matches("::notice ").count(), 2, "{github}");
    let sarif: serde_json::Value = serde_json::from_slice(&run("sarif").stdout).expect("SARIF");
    let levels: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["level"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(levels, ["note", "note"]);
    // A warning beside the infos still fails it.
    std::fs::write(
        d.join("oaskit.yaml"),
        "extends: [recommended]\nrules: {operation-operation-id: info}\noverrides:\n  - paths: ['/legacy/*']\n    rules: {operation-operation-id: warning}\n",
    )
    .expect("write");
    assert_eq!(run("json").status.code(), Some(1));
}

#[test]
fn profile_from_the_configuration() {
    let d = scratch("profile");
    let spec = d.join("api.yaml");
    // An HTTP API without `responses`: an error, a warning under aws-http.
    std::fs::write(
        &spec,
        "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {summary: s}\n",
    )
    .expect("write");
    let spec = spec.to_string_lossy().into_owned();
    assert_eq!(oaskit(&["check", &spec]).status.code(), Some(1));
    std::fs::write(d.join("oaskit.yaml"), "profile: aws-http\n").expect("write");
    assert_eq!(oaskit(&["check", &spec]).status.code(), Some(0));
}

#[test]
fn bad_configurations_are_located_errors() {
    let d = scratch("bad");
    let spec = d.join("api.yaml");
    std::fs::write(&spec, SPEC).expect("write");
    let spec = spec.to_string_lossy().into_owned();
    for (text, code, place) in [
        (
            "rules:\n  operation-opid: off\n",
            "config-unknown-rule",
            "oaskit.yaml:2:3",
        ),
        (
            "rules:\n  info-contact: loud\n",
            "config-invalid",
            "oaskit.yaml:2:17",
        ),
        ("extends: [recommended\n", "config-invalid", "oaskit.yaml:"),
    ] {
        std::fs::write(d.join("oaskit.yaml"), text).expect("write");
        let out = oaskit(&["check", &spec]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("error[{code}]")), "{err}");
        assert!(err.contains(place), "{err}");
    }
}
