//! The dependency rules between oaskit crates, checked on the real manifests:
//! core depends on no other oaskit crate; validator, export and codegen only on core; only the
//! CLI depends on them all; nothing depends on the CLI; no library crate but the gateway reaches
//! the network, except through optional dependencies behind a feature that is off by default
//! (the validator's `tower` and `reqwest` test integrations).

use std::collections::BTreeMap;
use std::process::Command;

#[test]
fn crates_depend_only_in_the_allowed_directions() {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // (name, kind, optional) of each dependency, by package.
    let mut deps: BTreeMap<String, Vec<(String, Option<String>, bool)>> = BTreeMap::new();
    for p in meta["packages"].as_array().expect("packages") {
        let name = p["name"].as_str().expect("name").to_string();
        let list = p["dependencies"]
            .as_array()
            .expect("deps")
            .iter()
            .map(|d| {
                (
                    d["name"].as_str().unwrap_or_default().to_string(),
                    d["kind"].as_str().map(str::to_string),
                    d["optional"].as_bool().unwrap_or(false),
                )
            })
            .collect();
        deps.insert(name, list);
    }
    assert!(
        deps.contains_key("oaskit-core") && deps.contains_key("oaskit-cli"),
        "{:?}",
        deps.keys()
    );
    let allowed: &[(&str, &[&str])] = &[
        ("oaskit-core", &[]),
        // Test support only: every crate may use it in its tests, none in its code.
        ("oaskit-testkit", &["oaskit-core"]),
        ("oaskit-validator", &["oaskit-core", "oaskit-schema"]),
        ("oaskit-export", &["oaskit-core"]),
        ("oaskit-codegen", &["oaskit-core"]),
        // Velocity mapping templates: a pure language crate, no oaskit dependency.
        ("oaskit-vtl", &[]),
        // The JSON Schema evaluator: a pure language crate, no oaskit dependency.
        ("oaskit-schema", &[]),
        // The local gateway: the one library crate that serves HTTP.
        (
            "oaskit-gateway",
            &["oaskit-core", "oaskit-validator", "oaskit-vtl"],
        ),
        // Breaking changes between two versions: the API view of both sides, and the codegen
        // model for what each SDK would feel.
        ("oaskit-diff", &["oaskit-core", "oaskit-codegen"]),
        // Gateway profiles (AWS API Gateway import rules): the API view only; no networking.
        ("oaskit-profile", &["oaskit-core", "oaskit-schema"]),
        // OpenAPI Overlays: applied to the entry tree through core's load hook.
        ("oaskit-overlay", &["oaskit-core"]),
        (
            "oaskit-cli",
            &[
                "oaskit-core",
                "oaskit-validator",
                "oaskit-export",
                "oaskit-codegen",
                "oaskit-gateway",
                "oaskit-vtl",
                "oaskit-diff",
                "oaskit-profile",
                "oaskit-overlay",
            ],
        ),
    ];
    // Library crates that may reach the network through optional dependencies only (never on by
    // default: `validator_default_features_pull_in_no_network_crate` checks the tree).
    let feature_gated_network: &[&str] = &["oaskit-validator"];
    for (name, list) in &deps {
        if !name.starts_with("oaskit-") || name == "oaskit-tests" {
            continue;
        }
        let rule = allowed.iter().find(|(n, _)| n == name).unwrap_or_else(|| {
            panic!("{name} is not in the layering table; add it with its allowed dependencies")
        });
        for (dep, kind, optional) in list {
            if dep == "oaskit-testkit" {
                assert_eq!(
                    kind.as_deref(),
                    Some("dev"),
                    "{name} may use oaskit-testkit in tests only"
                );
            } else if dep.starts_with("oaskit-") {
                assert!(
                    rule.1.contains(&dep.as_str()),
                    "{name} must not depend on {dep}"
                );
            }
            let network = ["reqwest", "hyper", "rustls", "openssl", "ureq"].contains(&dep.as_str());
            if network
                && *name != "oaskit-cli"
                && *name != "oaskit-gateway"
                && kind.as_deref() != Some("dev")
                && !(*optional && feature_gated_network.contains(&name.as_str()))
            {
                panic!("library crate {name} must not depend on {dep}: only the gateway and the CLI do networking");
            }
        }
    }
}

/// The crates a package's normal dependencies pull in with its default features.
fn default_tree(package: &str) -> String {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            package,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The validator's integrations (`tower`, `reqwest`) are features that are off by default: a
/// plain dependency on it reaches no network crate.
#[test]
fn validator_default_features_pull_in_no_network_crate() {
    let tree = default_tree("oaskit-validator");
    assert!(tree.lines().any(|l| l.starts_with("jsonschema ")), "{tree}");
    for bad in [
        "reqwest ",
        "reqwest-middleware ",
        "hyper ",
        "rustls ",
        "openssl ",
        "ureq ",
        "tower ",
        "tower-service ",
    ] {
        assert!(
            !tree.lines().any(|l| l.starts_with(bad)),
            "oaskit-validator depends on {bad}with its default features"
        );
    }
}

/// Not even indirectly: the jsonschema crate is used with its HTTP and file retrieval off.
#[test]
fn core_pulls_in_no_network_crate() {
    let tree = default_tree("oaskit-core");
    assert!(tree.lines().any(|l| l.starts_with("jsonschema ")), "{tree}");
    for bad in ["reqwest ", "hyper ", "rustls ", "openssl ", "ureq "] {
        assert!(
            !tree.lines().any(|l| l.starts_with(bad)),
            "oaskit-core depends on {bad}"
        );
    }
}
