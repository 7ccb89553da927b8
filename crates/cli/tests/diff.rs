//! `oaskit diff` as users run it: formats, exit codes, places on both sides, unusable input,
//! and "a definition and its faithful conversion have no differences".

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn case(name: &str) -> (String, String) {
    let dir = root().join("crates/diff/tests/data").join(name);
    let pick = |stem: &str| {
        ["yaml", "json"]
            .iter()
            .map(|e| dir.join(format!("{stem}.{e}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{name}: no {stem}"))
            .to_string_lossy()
            .into_owned()
    };
    (pick("old"), pick("new"))
}

fn oaskit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oaskit"))
        .args(args)
        .output()
        .expect("runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn scratch(name: &str) -> PathBuf {
    let d = root().join("target/tmp/diff-cli").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch folder");
    d
}

#[test]
fn exit_codes_follow_fail_on() {
    let (o, n) = case("request-required-property-added");
    assert_eq!(code(&oaskit(&["diff", &o, &n])), 1, "breaking fails");
    let (o, n) = case("operation-deprecated");
    assert_eq!(
        code(&oaskit(&["diff", &o, &n])),
        0,
        "a warning passes by default"
    );
    assert_eq!(code(&oaskit(&["diff", &o, &n, "--fail-on", "warning"])), 1);
    let (o, n) = case("path-added");
    assert_eq!(
        code(&oaskit(&["diff", &o, &n, "--fail-on", "warning"])),
        0,
        "info never fails"
    );
    let (o, n) = case("same-allof-reshuffle");
    let out = oaskit(&["diff", &o, &n]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "0 breaking, 0 warning, 0 info\n");
}

#[test]
fn json_has_the_documented_shape_and_places_on_both_sides() {
    let (o, n) = case("response-widened");
    let out = oaskit(&["diff", &o, &n, "--format", "json"]);
    assert_eq!(code(&out), 1);
    let v = json(&out);
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), ["changes", "summary"]);
    assert_eq!(
        v["summary"],
        serde_json::json!({"breaking": 3, "warning": 1, "info": 0})
    );
    let changes = v["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 4);
    for c in changes {
        assert_eq!(
            keys(c),
            ["id", "level", "message", "new", "old", "operation", "sdk"]
        );
        assert_eq!(c["operation"], "GET /pets");
        for side in ["old", "new"] {
            let p = &c[side];
            assert_eq!(
                keys(p),
                ["column", "file", "line", "pointer"],
                "{side}: {c}"
            );
            assert!(p["file"]
                .as_str()
                .is_some_and(|f| f.ends_with(&format!("{side}.yaml"))));
        }
        assert_eq!(keys(&c["sdk"]), ["python", "rust", "typescript"]);
    }
    let optional = changes
        .iter()
        .find(|c| c["id"] == "property-became-optional")
        .expect("found");
    assert_eq!(optional["level"], "breaking");
    assert_eq!(
        optional["old"]["pointer"],
        "/components/schemas/Pet/properties/age"
    );
    assert_eq!(
        (&optional["old"]["line"], &optional["old"]["column"]),
        (&serde_json::json!(11), &serde_json::json!(83))
    );
    assert_eq!(optional["new"]["line"], 11);
    assert_eq!(optional["sdk"]["typescript"]["breaks"], true);
    // Removed and added things have no place on the side where they do not exist.
    let (o, n) = case("path-removed");
    let v = json(&oaskit(&["diff", &o, &n, "--format", "json"]));
    let c = &v["changes"][0];
    assert_eq!(
        (c["id"].as_str(), c["new"].is_null()),
        (Some("path-removed"), true)
    );
    assert_eq!(c["old"]["pointer"], "/paths/~1owners/get");
    assert_eq!(c["sdk"]["rust"]["breaks"], true);
    // Info changes carry no SDK verdict.
    let (o, n) = case("path-added");
    let v = json(&oaskit(&["diff", &o, &n, "--format", "json"]));
    assert!(v["changes"][0]["sdk"]["rust"].is_null());
}

#[test]
fn human_markdown_github_and_sarif() {
    let (o, n) = case("parameter-added-required");
    let out = stdout(&oaskit(&["diff", &o, &n]));
    assert!(out.starts_with("breaking[parameter-added-required] GET /pets: required parameter `limit` (query) added\n"), "{out}");
    assert!(
        out.contains("    new: ") && out.contains("new.yaml:8:11 (/paths/~1pets/get/parameters/0)"),
        "{out}"
    );
    assert!(
        out.contains("SDKs break: rust: `get_pet`: new required argument `limit`"),
        "{out}"
    );
    assert!(out.ends_with("1 breaking, 0 warning, 0 info\n"), "{out}");

    let (o, n) = case("request-property-removed-and-added");
    let md = stdout(&oaskit(&["diff", &o, &n, "--format", "markdown"]));
    assert!(md.starts_with("# API changes\n\n0 breaking, 1 warning, 1 info.\n\n## POST /pets\n\n- **warning** `property-removed`"), "{md}");
    assert!(md.contains("- **info** `property-added`: request body (application/json): property \\`color\\` added"), "{md}");

    let (o, n) = case("servers");
    let gh = stdout(&oaskit(&["diff", &o, &n, "--format", "github"]));
    let lines: Vec<&str> = gh.lines().collect();
    assert_eq!(lines.len(), 2, "{gh}");
    assert!(
        lines[0].starts_with("::warning file=") && lines[0].contains("old.yaml,line=3,col="),
        "{gh}"
    );
    assert!(
        lines[1].starts_with("::notice file=") && lines[1].contains("new.yaml,line=3,col="),
        "{gh}"
    );
    assert!(
        lines[1].ends_with("title=server-added::server https%3A//api.example.com/v2 added")
            || lines[1].ends_with("title=server-added::server https://api.example.com/v2 added"),
        "{gh}"
    );

    let (o, n) = case("response-success-removed");
    let v = json(&oaskit(&["diff", &o, &n, "--format", "sarif"]));
    assert_eq!(v["version"], "2.1.0");
    let r = &v["runs"][0];
    assert_eq!(
        r["tool"]["driver"]["rules"][0]["id"],
        "response-success-removed"
    );
    assert_eq!(r["results"][0]["level"], "error");
    let loc = &r["results"][0]["locations"][0]["physicalLocation"];
    assert!(loc["artifactLocation"]["uri"]
        .as_str()
        .is_some_and(|u| u.ends_with("old.yaml")));
    assert_eq!(loc["region"]["startLine"], 9);
}

#[test]
fn unusable_input_is_located_and_exits_2() {
    let d = scratch("unusable");
    let bad = d.join("bad.yaml");
    std::fs::write(&bad, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a: {get: {responses: {'200': {$ref: '#/nope'}}}}\n").expect("write");
    let (o, _) = case("path-added");
    let out = oaskit(&["diff", &o, &bad.to_string_lossy()]);
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.yaml:4:") && err.contains("ref-unresolved"),
        "{err}"
    );
    assert!(err.contains("the new definition"), "{err}");
    let broken = d.join("broken.json");
    std::fs::write(&broken, "{\"openapi\": ").expect("write");
    let out = oaskit(&["diff", &broken.to_string_lossy(), &o]);
    assert_eq!(code(&out), 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("broken.json:1:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = oaskit(&["diff", &o, "/no/such/file.yaml"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn explain_knows_every_diff_id() {
    let out = oaskit(&["explain", "response-success-removed"]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("oaskit-diff, diff"),
        "{}",
        stdout(&out)
    );
}

/// A definition and its conversion by `oaskit import` (Swagger 2.0 or OpenAPI 3.0 to 3.1, as
/// JSON) have no differences.
#[test]
fn a_definition_and_its_conversion_have_no_differences() {
    let shared = oaskit_testkit::shared_dir().join("specs");
    let d = scratch("conversions");
    let specs = [
        "oai/v2.0/json/petstore-expanded.json",
        "oai/v2.0/json/uber.json",
        "oai/v2.0/json/petstore-with-external-docs.json",
        "oai/v3.0/petstore-expanded.yaml",
        "oai/v3.0/uspto.yaml",
        "oai/v3.0/link-example.yaml",
        "real/docker-engine-swagger.yaml",
        "real/twilio-messaging-v1.yaml",
    ];
    for (i, rel) in specs.iter().enumerate() {
        let src = shared.join(rel);
        let out_file = d.join(format!("{i}.json"));
        let imported = oaskit(&[
            "import",
            &src.to_string_lossy(),
            "--to",
            "openapi-3.1",
            "--force",
            "-o",
            &out_file.to_string_lossy(),
        ]);
        assert!(
            out_file.exists(),
            "{rel}: import wrote nothing: {}",
            String::from_utf8_lossy(&imported.stderr)
        );
        let out = oaskit(&[
            "diff",
            &src.to_string_lossy(),
            &out_file.to_string_lossy(),
            "--format",
            "json",
        ]);
        let v = json(&out);
        assert_eq!(
            v["changes"].as_array().map(Vec::len),
            Some(0),
            "{rel}: {:#}",
            v["changes"]
        );
        assert_eq!(code(&out), 0, "{rel}");
    }
}

/// `--overlay` applies to both sides: an overlay that removes an internal path from the
/// published form makes its removal from the definition no change.
#[test]
fn overlays_apply_to_both_sides() {
    let dir = scratch("overlay");
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write");
        p.to_string_lossy().into_owned()
    };
    let old = write(
        "old.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /internal:\n    get: {responses: {'200': {description: ok}}}\n  /pets:\n    get: {responses: {'200': {description: ok}}}\n",
    );
    let new = write(
        "new.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '2'}\npaths:\n  /pets:\n    get: {responses: {'200': {description: ok}}}\n",
    );
    let overlay = write(
        "public.overlay.yaml",
        "overlay: 1.0.0\ninfo: {title: public, version: '1'}\nactions:\n  - target: $.paths['/internal']\n    remove: true\n",
    );
    let plain = oaskit(&["diff", &old, &new, "--format", "json"]);
    assert_eq!(code(&plain), 1, "{}", stdout(&plain));
    assert_eq!(json(&plain)["changes"][0]["id"], "path-removed");
    let published = oaskit(&[
        "diff",
        &old,
        &new,
        "--overlay",
        &overlay,
        "--format",
        "json",
    ]);
    assert_eq!(code(&published), 0, "{}", stdout(&published));
    assert_eq!(json(&published)["changes"], serde_json::json!([]));
}
