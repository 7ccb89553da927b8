//! What applying overlays does beyond the specification's examples: findings located in the
//! overlay file, warnings for targets that match nothing, findings on added nodes pointing
//! into the overlay, a real definition with an overlay, and hostile inputs.

mod common;

use common::{apply_text, codes, Dir};
use oaskit_core::{load_file, Diagnostic, LoadOptions, Loaded};

const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - {name: a, in: query}
        - {name: b, in: query}
        - {name: c, in: query}
      responses: {'200': {description: ok}}
";

const HEAD: &str = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n";

/// (file name, line, column, pointer) of a finding.
fn place(d: &Diagnostic, sources: &oaskit_core::Sources) -> (String, u32, u32, String) {
    let (file, line, col) = d.position(sources).expect("located");
    let file = std::path::Path::new(&file)
        .file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned();
    (
        file,
        line,
        col,
        d.location.as_ref().expect("location").pointer.clone(),
    )
}

fn find<'a>(diags: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:?}"))
}

#[test]
fn a_target_matching_nothing_is_a_located_warning_and_the_rest_applies() {
    let overlay = format!("{HEAD}  - target: $.info\n    update: {{x-a: 1}}\n  - target: $.paths['/nope'].get\n    update: {{x-b: 2}}\n");
    let (out, _d) = apply_text("unmatched", SPEC, &overlay);
    assert_eq!(codes(&out), ["overlay-target-unmatched"]);
    let d = &out.diagnostics[0];
    assert!(!d.is_error());
    assert_eq!(
        place(d, &out.sources),
        ("overlay.yaml".into(), 6, 13, "/actions/1/target".into())
    );
    let root = out.root.expect("tree");
    assert_eq!(
        root.pointer("/info/x-a").and_then(|n| n.to_json().as_i64()),
        Some(1)
    );
}

#[test]
fn syntax_and_shape_errors_in_an_overlay_are_located() {
    let (out, _d) = apply_text("syntax", SPEC, "overlay: 1.0.0\ninfo: {title: t\n");
    let d = &out.diagnostics[0];
    assert_eq!(d.code, "yaml-syntax");
    assert_eq!(place(d, &out.sources).0, "overlay.yaml");

    let (out, _d) = apply_text(
        "shape",
        SPEC,
        "overlay: 1.0.0\ninfo:\n  version: '1'\nactions:\n  - target: $.info\n    remove: yes please\n",
    );
    assert_eq!(codes(&out), ["overlay-invalid", "overlay-invalid"]);
    assert_eq!(
        place(&out.diagnostics[0], &out.sources),
        ("overlay.yaml".into(), 2, 1, "/info".into())
    );
    assert_eq!(
        place(&out.diagnostics[1], &out.sources),
        ("overlay.yaml".into(), 6, 13, "/actions/0/remove".into())
    );
    // An invalid overlay is not applied at all.
    assert!(out.root.expect("tree").pointer("/info").is_some());

    let (out, _d) = apply_text(
        "version",
        SPEC,
        "overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $}]\n",
    );
    assert_eq!(codes(&out), ["overlay-version"]);
    assert_eq!(
        place(&out.diagnostics[0], &out.sources),
        ("overlay.yaml".into(), 1, 10, "/overlay".into())
    );
}

#[test]
fn a_bad_jsonpath_is_located_at_its_target() {
    let overlay = format!("{HEAD}  - target: $.paths[?@.x ==]\n    remove: true\n");
    let (out, _d) = apply_text("jsonpath", SPEC, &overlay);
    let d = find(&out.diagnostics, "overlay-jsonpath");
    assert!(d.message.contains("position"), "{}", d.message);
    assert_eq!(
        place(d, &out.sources),
        ("overlay.yaml".into(), 4, 13, "/actions/0/target".into())
    );
}

#[test]
fn incompatible_merges_copy_errors_and_root_removal_are_reported() {
    let overlay = format!(
        "{HEAD}  - target: $.info\n    update: {{title: {{a: 1}}, version: '2'}}\n  - target: $.info.title\n    update: [1]\n  - target: $\n    remove: true\n"
    );
    let (out, _d) = apply_text("incompatible", SPEC, &overlay);
    assert_eq!(
        codes(&out),
        [
            "overlay-incompatible",
            "overlay-incompatible",
            "overlay-remove-root"
        ]
    );
    assert_eq!(
        place(&out.diagnostics[0], &out.sources),
        (
            "overlay.yaml".into(),
            5,
            14,
            "/actions/0/update/title".into()
        )
    );
    let root = out.root.expect("tree");
    // The compatible member of the same update still applied; the title stayed.
    assert_eq!(
        root.pointer("/info/version").and_then(|n| n.as_str()),
        Some("2")
    );
    assert_eq!(
        root.pointer("/info/title").and_then(|n| n.as_str()),
        Some("t")
    );

    let overlay = "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    copy: $.paths.*.get.parameters.*\n";
    let (out, _d) = apply_text("copy", SPEC, overlay);
    assert_eq!(codes(&out), ["overlay-copy-source"]);
    assert!(out.diagnostics[0].message.contains("selects 3 nodes"));
    assert_eq!(
        place(&out.diagnostics[0], &out.sources).3,
        "/actions/0/copy"
    );

    let overlay = format!("{HEAD}  - target: $..name\n    update: {{x: 1}}\n  - target: $.paths['/pets'].get.*\n    update: 1\n");
    let (out, _d) = apply_text("mixed", SPEC, &overlay);
    assert_eq!(
        codes(&out),
        [
            "overlay-incompatible",
            "overlay-incompatible",
            "overlay-incompatible",
            "overlay-incompatible"
        ]
    );
    assert!(
        out.diagnostics[3].message.contains("selects both"),
        "{:?}",
        out.diagnostics
    );
}

fn check_with(dir: &Dir, spec: &str, overlays: &[(&str, &str)]) -> Loaded {
    let s = dir.write("api.yaml", spec);
    let paths = overlays.iter().map(|(n, t)| dir.write(n, t)).collect();
    load_file(s, &oaskit_overlay::with_overlays(LoadOptions::new(), paths))
}

#[test]
fn a_finding_on_an_added_node_points_into_the_overlay_file() {
    let dir = Dir::new("added");
    let overlay = format!(
        "{HEAD}  - target: $.paths\n    update:\n      /pets/{{id}}:\n        get:\n          responses: {{'200': {{description: ok}}}}\n"
    );
    let loaded = check_with(&dir, SPEC, &[("o.yaml", &overlay)]);
    let d = find(&loaded.diagnostics, "path-param-undeclared");
    assert_eq!(
        place(d, &loaded.sources),
        (
            "o.yaml".into(),
            7,
            9,
            "/actions/0/update/~1pets~1{id}/get".into()
        )
    );
    // A finding on a node of the definition still points into the definition.
    let overlay = format!("{HEAD}  - target: $.info\n    update: {{x-a: 1}}\n");
    let loaded = check_with(
        &dir,
        &SPEC.replace("/pets:", "/pets/{id}:"),
        &[("o.yaml", &overlay)],
    );
    let d = find(&loaded.diagnostics, "path-param-undeclared");
    assert_eq!(
        place(d, &loaded.sources),
        ("api.yaml".into(), 5, 5, "/paths/~1pets~1{id}/get".into())
    );
}

#[test]
fn nodes_moved_by_a_removal_or_copy_keep_their_own_pointer() {
    let dir = Dir::new("moved");
    // Parameter `c` duplicates `b` once `a` is gone: the finding must name `c`'s own place,
    // /paths/~1pets/get/parameters/2, although it now stands at index 1.
    let spec = SPEC.replace("{name: c, in: query}", "{name: b, in: query}");
    let overlay =
        format!("{HEAD}  - target: $.paths.*.get.parameters[?@.name == 'a']\n    remove: true\n");
    let loaded = check_with(&dir, &spec, &[("o.yaml", &overlay)]);
    let d = find(&loaded.diagnostics, "parameter-duplicate");
    assert_eq!(
        place(d, &loaded.sources),
        (
            "api.yaml".into(),
            9,
            11,
            "/paths/~1pets/get/parameters/2".into()
        ),
        "{d:?}"
    );
}

#[test]
fn a_copied_node_points_at_its_source() {
    let dir = Dir::new("copied");
    // `/pets` has a duplicate parameter; copying its operation to `/cats` copies the
    // problem, and the finding on the copy names the source's own place.
    let spec = SPEC.replace("{name: c, in: query}", "{name: b, in: query}")
        + "  /cats:\n    post:\n      responses: {'200': {description: ok}}\n";
    let overlay = "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths['/cats']\n    copy: $.paths['/pets']\n";
    let loaded = check_with(&dir, &spec, &[("o.yaml", overlay)]);
    let found: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "parameter-duplicate")
        .map(|d| place(d, &loaded.sources))
        .collect();
    assert_eq!(found.len(), 2, "{:?}", loaded.diagnostics);
    for f in &found {
        assert_eq!(
            *f,
            (
                "api.yaml".into(),
                9,
                11,
                "/paths/~1pets/get/parameters/2".into()
            )
        );
    }
}

#[test]
fn several_overlays_apply_in_order() {
    let dir = Dir::new("order");
    let one = format!("{HEAD}  - target: $.info\n    update: {{title: one, x-one: 1}}\n");
    let two = format!("{HEAD}  - target: $.info.title\n    update: two\n  - target: $.info['x-one']\n    remove: true\n");
    let loaded = check_with(&dir, SPEC, &[("1.yaml", &one), ("2.yaml", &two)]);
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| !d.code.starts_with("overlay-")),
        "{:?}",
        loaded.diagnostics
    );
    let root = loaded.document.expect("document").into_root();
    assert_eq!(
        root.pointer("/info/title").and_then(|n| n.as_str()),
        Some("two")
    );
    assert!(root.pointer("/info/x-one").is_none());
}

#[test]
fn a_missing_overlay_file_is_an_io_error() {
    let dir = Dir::new("missing");
    let s = dir.write("api.yaml", SPEC);
    let loaded = load_file(
        s,
        &oaskit_overlay::with_overlays(LoadOptions::new(), vec![dir.0.join("nope.yaml")]),
    );
    assert_eq!(loaded.diagnostics[0].code, "io");
    assert!(loaded.has_errors());
}

#[test]
fn a_real_definition_with_an_overlay() {
    let spec = oaskit_testkit::shared().join("specs/real/asana-oas.yaml");
    let dir = Dir::new("real");
    let overlay = dir.write(
        "public.overlay.yaml",
        "overlay: 1.1.0
info: {title: Public Asana, version: '1'}
actions:
  - target: $.paths.*[?@.operationId]
    update: {x-reviewed: true}
  - target: $.paths[?@.delete].delete
    remove: true
  - target: $.servers
    update: {url: 'https://sandbox.example.com/api/1.0', description: Sandbox}
  - target: $.components.schemas.*.properties.gid
    update: {readOnly: true}
",
    );
    let before = load_file(&spec, &oaskit_testkit::options_for(&spec));
    let after = load_file(
        &spec,
        &oaskit_overlay::with_overlays(oaskit_testkit::options_for(&spec), vec![overlay]),
    );
    assert!(
        after
            .diagnostics
            .iter()
            .all(|d| !d.code.starts_with("overlay-")),
        "{:?}",
        after.diagnostics
    );
    assert_eq!(before.has_errors(), after.has_errors());
    let root = after.document.expect("document").into_root();
    let paths = root
        .get("paths")
        .and_then(|p| p.as_object())
        .expect("paths");
    let mut reviewed = 0;
    for (_, item) in paths.iter() {
        assert!(item.get("delete").is_none());
        for (_, op) in item.as_object().expect("path item").iter() {
            if op.get("operationId").is_some() {
                assert_eq!(op.get("x-reviewed").and_then(|n| n.as_bool()), Some(true));
                reviewed += 1;
            }
        }
    }
    assert!(reviewed > 100, "{reviewed}");
    let servers = root
        .get("servers")
        .and_then(|s| s.as_array())
        .expect("servers");
    assert_eq!(
        servers
            .last()
            .and_then(|s| s.get("description"))
            .and_then(|d| d.as_str()),
        Some("Sandbox")
    );
}

#[test]
fn hostile_queries_and_documents_end_without_panic() {
    // Deeply nested query: refused before the parser recurses.
    let deep = format!("$[?{}@.a{}]", "(".repeat(5000), ")".repeat(5000));
    let overlay = format!("{HEAD}  - target: \"{deep}\"\n    remove: true\n");
    let (out, _d) = apply_text("deep-query", SPEC, &overlay);
    assert_eq!(codes(&out), ["overlay-jsonpath"]);
    // Nested filters up to the limit still work.
    let nested = format!("${}", "[?@.x]".repeat(30));
    assert!(oaskit_overlay::Query::compile(&nested).is_ok());

    // A target matching every node of a large document, updated and then removed.
    let mut spec =
        String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-big:\n");
    for i in 0..5_000 {
        spec.push_str(&format!("  - {{a: {i}, b: [1, 2, {{c: x}}]}}\n"));
    }
    let overlay = format!("{HEAD}  - target: $..*\n    update: {{x-tag: 1}}\n  - target: $..[?@.c]\n    remove: true\n");
    let (out, _d) = apply_text("every-node", &spec, &overlay);
    // Objects and primitives are both selected: refused as one action of mixed kinds.
    assert_eq!(codes(&out), ["overlay-incompatible"]);
    let root = out.root.expect("tree");
    assert_eq!(
        root.pointer("/x-big/4999/b")
            .and_then(|b| b.as_array())
            .map(<[_]>::len),
        Some(2)
    );

    // Every object updated: bounded by the node budget, not a blow-up.
    let overlay = format!("{HEAD}  - target: $..[?@.a >= 0]\n    update: {{x-tag: [1, 2, 3]}}\n  - target: $..*[?@ == 2]\n    remove: true\n");
    let (out, _d) = apply_text("every-object", &spec, &overlay);
    assert_eq!(codes(&out), Vec::<&str>::new(), "{:?}", out.diagnostics);
    let root = out.root.expect("tree");
    assert_eq!(
        root.pointer("/x-big/5/x-tag").map(|n| n.to_json()),
        Some(serde_json::json!([1, 3]))
    );

    // An update that would grow the document past the budget stops with overlay-limit.
    let big_update = format!("[{}]", vec!["0"; 4000].join(", "));
    let overlay = format!("{HEAD}  - target: $..b\n    update: {big_update}\n  - target: $..*.b\n    update: {big_update}\n");
    let (out, _d) = apply_text("budget", &spec, &overlay);
    assert_eq!(codes(&out), ["overlay-limit"]);

    // Every element of a huge array removed in one action: one pass, not one shift each.
    let nums: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
    let spec = format!(
        "{{\"openapi\": \"3.0.3\", \"x-nums\": [{}]}}",
        nums.join(",")
    );
    let overlay =
        format!("{HEAD}  - target: $['x-nums'][?@ % 2 == 0 || @ >= 0]\n    remove: true\n");
    let (out, _d) = apply_text("huge-array", &spec, &overlay);
    assert!(
        codes(&out).contains(&"overlay-jsonpath"),
        "{:?}",
        out.diagnostics
    );
    let overlay = format!("{HEAD}  - target: $['x-nums'][?@ >= 0]\n    remove: true\n");
    let (out, _d) = apply_text("huge-array", &spec, &overlay);
    assert_eq!(codes(&out), Vec::<&str>::new());
    let root = out.root.expect("tree");
    assert_eq!(
        root.pointer("/x-nums")
            .and_then(|n| n.as_array())
            .map(<[_]>::len),
        Some(0)
    );

    // A document nested 200 levels deep, every level selected by a descendant query.
    let mut deep = String::from("{\"n\": 0}");
    for _ in 0..200 {
        deep = format!("{{\"n\": {deep}}}");
    }
    let spec = format!("{{\"openapi\": \"3.0.3\", \"x-deep\": {deep}}}");
    let overlay = format!("{HEAD}  - target: $..[?@.n]\n    update: {{x-seen: true}}\n");
    let (out, _d) = apply_text("deep-doc", &spec, &overlay);
    assert_eq!(codes(&out), Vec::<&str>::new());
    let root = out.root.expect("tree");
    let mut at = String::from("/x-deep");
    for _ in 0..200 {
        assert_eq!(
            root.pointer(&format!("{at}/x-seen"))
                .and_then(|n| n.as_bool()),
            Some(true),
            "{at}"
        );
        at.push_str("/n");
    }
}
