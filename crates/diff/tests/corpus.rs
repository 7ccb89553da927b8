//! The table of old/new pairs under `tests/data/`: one folder per rule and per refactor that
//! is no change, each with `old.*`, `new.*` and `expect`, one line per expected change:
//! `ID LEVEL [rust=B|C ts=B|C py=B|C]` (B: the SDK breaks, C: compatible). The changes found
//! must be exactly those (as a multiset); SDK impacts are checked where given.

use std::path::{Path, PathBuf};

use oaskit_core::{load_file, LoadOptions};
use oaskit_diff::{diff, Impact, Level, Options, Report};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn side(dir: &Path, stem: &str) -> PathBuf {
    ["yaml", "json"]
        .iter()
        .map(|e| dir.join(format!("{stem}.{e}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{}: no {stem}.yaml or {stem}.json", dir.display()))
}

fn level(s: &str) -> Level {
    match s {
        "breaking" => Level::Breaking,
        "warning" => Level::Warning,
        "info" => Level::Info,
        _ => panic!("unknown level {s}"),
    }
}

/// Diffs one case folder.
pub fn run(dir: &Path) -> Report {
    let opts = LoadOptions::new();
    let old = load_file(side(dir, "old"), &opts);
    let new = load_file(side(dir, "new"), &opts);
    for l in [&old, &new] {
        let errors: Vec<_> = l.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
    }
    diff(&old, &new, &Options::new()).expect("both sides load")
}

fn check_sdk(case: &str, lang: &str, impact: &Impact, want: &str) -> Result<(), String> {
    let ok = match want {
        "B" => impact.breaks(),
        "C" => *impact == Impact::Compatible,
        _ => return Err(format!("{case}: bad SDK expectation {want}")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{case}: {lang} expected {want}, got {impact:?}"))
    }
}

#[test]
fn every_case_gives_exactly_its_changes() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(data())
        .expect("tests/data")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    let (mut rules, mut same) = (0, 0);
    for dir in &dirs {
        let case = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let expect = std::fs::read_to_string(dir.join("expect")).unwrap_or_default();
        let report = run(dir);
        let mut want: Vec<(String, Level)> = Vec::new();
        let mut sdk: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for line in expect.lines().filter(|l| !l.trim().is_empty()) {
            let mut parts = line.split_whitespace();
            let id = parts.next().unwrap_or_default().to_string();
            let lv = level(parts.next().unwrap_or_default());
            let langs: Vec<(String, String)> = parts
                .filter_map(|p| p.split_once('='))
                .map(|(l, v)| (l.to_string(), v.to_string()))
                .collect();
            if !langs.is_empty() {
                sdk.push((id.clone(), langs));
            }
            want.push((id, lv));
        }
        if want.is_empty() {
            same += 1;
        } else {
            rules += 1;
        }
        let mut got: Vec<(String, Level)> = report
            .ids()
            .into_iter()
            .map(|(i, l)| (i.to_string(), l))
            .collect();
        want.sort();
        got.sort();
        if want != got {
            failures.push(format!(
                "{case}: expected {want:?}\n   got {got:?}\n   {:#?}",
                report
                    .changes
                    .iter()
                    .map(|c| &c.message)
                    .collect::<Vec<_>>()
            ));
            continue;
        }
        for (id, langs) in sdk {
            let Some(ch) = report.changes.iter().find(|c| c.id == id) else {
                continue;
            };
            for (lang, v) in langs {
                let impact = match lang.as_str() {
                    "rust" => &ch.sdk.rust,
                    "ts" => &ch.sdk.typescript,
                    "py" => &ch.sdk.python,
                    _ => panic!("{case}: unknown language {lang}"),
                };
                if let Err(e) = check_sdk(&case, &lang, impact, &v) {
                    failures.push(format!("{e} ({})", ch.message));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        rules >= 60 && same >= 9,
        "{rules} rule cases, {same} no-change cases"
    );
}

#[test]
fn every_rule_id_has_a_case() {
    let mut covered = std::collections::HashSet::new();
    for e in std::fs::read_dir(data()).expect("tests/data").flatten() {
        let text = std::fs::read_to_string(e.path().join("expect")).unwrap_or_default();
        for l in text.lines() {
            if let Some(id) = l.split_whitespace().next() {
                covered.insert(id.to_string());
            }
        }
    }
    let missing: Vec<&str> = oaskit_diff::codes::CODES
        .iter()
        .map(|c| c.name)
        .filter(|n| !covered.contains(*n) && *n != "diff-limit")
        .collect();
    assert!(missing.is_empty(), "ids without a case: {missing:?}");
}

#[test]
fn places_point_into_both_files() {
    let report = run(&data().join("request-property-became-required"));
    let c = &report.changes[0];
    let (old, new) = (
        c.old.as_ref().expect("old place"),
        c.new.as_ref().expect("new place"),
    );
    assert!(
        old.file.ends_with("old.yaml") && new.file.ends_with("new.yaml"),
        "{c:?}"
    );
    assert_eq!(c.operation.as_deref(), Some("POST /pets"));
    assert_eq!(old.pointer, "/components/schemas/Pet/properties/tag");
    assert_eq!(new.pointer, "/components/schemas/Pet/properties/tag");
    assert_eq!((old.line, new.line), (12, 12));
    // What exists on one side only has no place on the other.
    let report = run(&data().join("request-required-property-added"));
    let c = &report.changes[0];
    assert!(c.old.is_none(), "{c:?}");
    assert_eq!(
        c.new.as_ref().map(|p| p.pointer.as_str()),
        Some("/components/schemas/Pet/properties/age")
    );
    // Swagger 2.0: the place is in the user's 2.0 file.
    let report = run(&data().join("same-swagger2-vs-openapi3"));
    assert!(report.changes.is_empty());
}

#[test]
fn the_work_limit_stops_and_says_so() {
    let dir = data().join("shared-references");
    let opts = LoadOptions::new();
    let old = load_file(dir.join("old.yaml"), &opts);
    let new = load_file(dir.join("new.yaml"), &opts);
    let r = diff(&old, &new, &Options::new().with_work_limit(10)).expect("loads");
    assert!(
        r.changes
            .iter()
            .any(|c| c.id == "diff-limit" && c.level == Level::Warning),
        "{:?}",
        r.ids()
    );
}

/// New items that take a name first push the collision suffixes of the unchanged ones (in the
/// codegen model and in each backend): every SDK rename is reported, with the names users see,
/// and judged per language (TypeScript keeps wire names for properties, so a field rename does
/// not reach it).
#[test]
fn sdk_names_follow_the_backends_collision_suffixes() {
    let report = run(&data().join("sdk-name-collisions"));
    let renames: Vec<(&str, bool, bool, bool)> = report
        .changes
        .iter()
        .filter(|c| c.id == "sdk-name-changed")
        .map(|c| {
            (
                c.message.as_str(),
                c.sdk.rust.breaks(),
                c.sdk.typescript.breaks(),
                c.sdk.python.breaks(),
            )
        })
        .collect();
    let want = [
        ("the operation's method keeps its name in the definition but the SDK renames it: Rust `list_pets` -> `list_pets2`, TypeScript `listPets` -> `listPets2`, Python `list_pets` -> `list_pets2`", true, true, true),
        ("the argument for query parameter `page-size` keeps its name in the definition but the SDK renames it: Rust `page_size` -> `page_size2`, TypeScript `pageSize` -> `pageSize2`, Python `page_size` -> `page_size2`", true, true, true),
        ("the schema at `/components/schemas/Pet` keeps its name in the definition but the SDK renames it: Rust `Pet` -> `Pet2`, TypeScript `Pet` -> `Pet2`, Python `Pet` -> `Pet2`", true, true, true),
        ("the field `nick-name` of type `Pet2` keeps its name in the definition but the SDK renames it: Rust `nick_name` -> `nick_name2`, Python `nick_name` -> `nick_name2`", true, false, true),
        ("the enum value \"dog-cat\" of type `Kind` keeps its name in the definition but the SDK renames it: Rust `DogCat` -> `DogCat2`, Python `DOG_CAT` -> `DOG_CAT2`", true, false, true),
    ];
    assert_eq!(renames, want);
    // Each is placed on both sides: the operation, or the schema.
    for c in report.changes.iter().filter(|c| c.id == "sdk-name-changed") {
        let (old, new) = (
            c.old.as_ref().expect("old place"),
            c.new.as_ref().expect("new place"),
        );
        assert!(old.line > 0 && new.line > 0, "{c:?}");
    }
    // Without SDK impact there are no SDK names to compare.
    let opts = LoadOptions::new();
    let dir = data().join("sdk-name-collisions");
    let (old, new) = (
        load_file(side(&dir, "old"), &opts),
        load_file(side(&dir, "new"), &opts),
    );
    let plain = diff(&old, &new, &Options::new().with_sdk(false)).expect("both sides load");
    assert!(plain.changes.iter().all(|c| c.id != "sdk-name-changed"));
}

/// A definition may declare paths that differ only in variable names (an error `oaskit check`
/// reports, `path-ambiguous`, but real definitions carry them: VTEX's Marketplace Protocol in
/// the APIs.guru directory has two `.../orders/{...}/cancel`). Operations pair by the path as
/// written first, so listing the two in another order is no change; pairing by the template
/// alone once matched the fulfillment endpoint's old operation with the marketplace's new one
/// and reported a removed required property, a new required one and an operationId change.
#[test]
fn paths_differing_only_in_variable_names_pair_as_written() {
    let old = r#"openapi: 3.0.3
info: {title: Orders, version: '1'}
paths:
  /{fulfillmentEndpoint}/orders/{orderId}/cancel:
    post:
      operationId: fulfillment-cancel
      parameters:
        - {name: fulfillmentEndpoint, in: path, required: true, schema: {type: string}}
        - {name: orderId, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [orderId], properties: {orderId: {type: string}}}
      responses: {'200': {description: ok}}
  /{marketplaceEndpoint}/orders/{marketplaceOrderId}/cancel:
    post:
      operationId: marketplace-cancel
      parameters:
        - {name: marketplaceEndpoint, in: path, required: true, schema: {type: string}}
        - {name: marketplaceOrderId, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [reason], properties: {reason: {type: string}}}
      responses: {'200': {description: ok}}
"#;
    let new = r#"openapi: 3.0.3
info: {title: Orders, version: '1'}
paths:
  /{marketplaceEndpoint}/orders/{marketplaceOrderId}/cancel:
    post:
      operationId: marketplace-cancel
      parameters:
        - {name: marketplaceEndpoint, in: path, required: true, schema: {type: string}}
        - {name: marketplaceOrderId, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [reason], properties: {reason: {type: string}}}
      responses: {'200': {description: ok}}
  /{fulfillmentEndpoint}/orders/{orderId}/cancel:
    post:
      operationId: fulfillment-cancel
      parameters:
        - {name: fulfillmentEndpoint, in: path, required: true, schema: {type: string}}
        - {name: orderId, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [orderId], properties: {orderId: {type: string}}}
      responses: {'200': {description: ok}}
"#;
    let opts = LoadOptions::new().with_checks(false);
    let old = oaskit_core::load_str("old.yaml", old, &opts);
    let new = oaskit_core::load_str("new.yaml", new, &opts);
    let report = diff(&old, &new, &Options::new()).expect("both sides load");
    assert_eq!(report.ids(), [], "{:#?}", report.changes);
}
