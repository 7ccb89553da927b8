//! Hostile definitions for export: each family is sized so that exponential or quadratic work
//! would hang or exhaust memory, while linear work takes milliseconds. No test measures time.

use oaskit_export::{export, ExportError, ExportOptions, Refs, Target, DEREF_LIMIT};
use serde_json::{json, Map, Value};

fn load(name: &str, text: &str) -> oaskit_core::Loaded {
    let loaded = oaskit_core::load_str(name, text, &oaskit_core::LoadOptions::new());
    assert!(loaded.document.is_some(), "{:?}", loaded.diagnostics);
    loaded
}

/// Components `S0..S{depth}`, each naming the next one `fan` times through `kw`.
fn chain(depth: usize, fan: usize, kw: &str) -> Value {
    let mut schemas = Map::new();
    for i in 0..depth {
        let refs: Vec<Value> = (0..fan)
            .map(|_| json!({"$ref": format!("#/components/schemas/S{}", i + 1)}))
            .collect();
        let s = match kw {
            "properties" => {
                let props: Map<String, Value> = refs
                    .into_iter()
                    .enumerate()
                    .map(|(j, r)| (format!("p{j}"), r))
                    .collect();
                json!({"type": "object", "properties": props})
            }
            "prefixItems" => json!({"type": "array", "prefixItems": refs}),
            k => json!({ k: refs }),
        };
        schemas.insert(format!("S{i}"), s);
    }
    schemas.insert(format!("S{depth}"), json!({"type": "string"}));
    json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"get": {"responses": {"200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}
        }}}}},
        "components": {"schemas": schemas}
    })
}

#[test]
fn dereferencing_schemas_that_name_the_next_one_twice_stops_at_the_node_budget() {
    let targets = [Target::OpenApi31, Target::OpenApi30, Target::Swagger20];
    let mut case = 0usize;
    for depth in [20, 30, 40] {
        for fan in [2, 3] {
            for kw in ["allOf", "anyOf", "oneOf", "properties", "prefixItems"] {
                case += 1;
                let doc = chain(depth, fan, kw);
                // JSON and YAML sources, pretty so that line and column both tell.
                let (name, text) = if case % 2 == 0 {
                    let node = oaskit_core::Node::from_json(&doc, oaskit_core::Span::default());
                    ("chain.yaml", oaskit_core::to_yaml(&node))
                } else {
                    (
                        "chain.json",
                        serde_json::to_string_pretty(&doc).expect("json"),
                    )
                };
                let loaded = load(name, &text);
                let target = targets[case % targets.len()];
                // The default budget at depth 40, a smaller one elsewhere (quicker to reach).
                let mut options = ExportOptions::new(target).with_refs(Refs::Dereference);
                let limit = if depth == 40 {
                    100_000
                } else {
                    options = options.with_max_dereference_nodes(10_000);
                    10_000
                };
                let err = export(loaded.document.as_ref().expect("doc"), &options)
                    .err()
                    .unwrap_or_else(|| panic!("{kw} {depth} {fan}: exported"));
                let what = format!("{kw} depth {depth} fan-out {fan} {target:?}: {err}");
                assert!(
                    matches!(err, ExportError::DereferenceNodes { limit: l, .. } if l == limit),
                    "{what}"
                );
                let text = err.to_string();
                assert!(text.contains(&format!("{limit} nodes")), "{what}");
                assert!(text.contains("with_max_dereference_nodes"), "{what}");
                let d = err.diagnostic().expect("located");
                assert_eq!(d.code, DEREF_LIMIT);
                oaskit_testkit::assert_explained(d.code, &[oaskit_export::codes::CODES]);
                let loc = d.location.as_ref().expect("a location");
                // The `$ref` being inlined when the budget ran out, inside the chain.
                assert!(loc.pointer.starts_with("/components/schemas/S"), "{what}");
                let node = loaded
                    .document
                    .as_ref()
                    .expect("doc")
                    .root()
                    .pointer(&loc.pointer)
                    .expect("the pointer exists");
                assert!(node.ref_str().is_some(), "{what}");
                let located = err.located(&loaded.sources);
                assert!(located.starts_with(&format!("{name}:")), "{located}");
                let (_, line, col) = d.position(&loaded.sources).expect("position");
                assert!(line > 1 && col > 1, "{located}");
            }
        }
    }
}

#[test]
fn dereferencing_within_the_budget_inlines_and_the_budget_can_be_raised() {
    let loaded = load("chain.json", &chain(10, 2, "allOf").to_string());
    let doc = loaded.document.as_ref().expect("doc");
    let out = export(
        doc,
        &ExportOptions::new(Target::OpenApi31).with_refs(Refs::Dereference),
    )
    .expect("2^10 copies fit");
    let paths = out
        .document
        .expect("doc")
        .get("paths")
        .expect("paths")
        .to_json()
        .to_string();
    assert!(!paths.contains("$ref"));
    let err = export(
        doc,
        &ExportOptions::new(Target::OpenApi31)
            .with_refs(Refs::Dereference)
            .with_max_dereference_nodes(1_000),
    )
    .expect_err("over 1000");
    assert!(
        matches!(err, ExportError::DereferenceNodes { limit: 1_000, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("1000"), "{err}");
    let loaded = load("chain.json", &chain(16, 2, "allOf").to_string());
    assert!(export(
        loaded.document.as_ref().expect("doc"),
        &ExportOptions::new(Target::OpenApi31).with_refs(Refs::Dereference)
    )
    .is_err());
    export(
        loaded.document.as_ref().expect("doc"),
        &ExportOptions::new(Target::OpenApi31)
            .with_refs(Refs::Dereference)
            .with_max_dereference_nodes(10_000_000),
    )
    .expect("raised");
}

#[test]
fn a_long_chain_of_references_is_refused_not_a_stack_overflow() {
    for depth in [2_000, 20_000] {
        let loaded = load("chain.json", &chain(depth, 1, "allOf").to_string());
        let err = export(
            loaded.document.as_ref().expect("doc"),
            &ExportOptions::new(Target::OpenApi31)
                .with_refs(Refs::Dereference)
                .with_max_dereference_nodes(usize::MAX),
        )
        .expect_err("too deep");
        assert!(matches!(err, ExportError::DereferenceDepth { .. }), "{err}");
        assert_eq!(err.diagnostic().map(|d| d.code), Some(DEREF_LIMIT), "{err}");
    }
}

/// One minified line with `n` schemas, each with several constructs Swagger 2.0 cannot carry,
/// and `$defs` referenced from everywhere.
fn lossy(n: usize) -> String {
    let mut schemas = Map::new();
    let mut paths = Map::new();
    for i in 0..n {
        schemas.insert(
            format!("S{i}"),
            json!({
                "type": ["string", "null"],
                "const": "a",
                "examples": ["a", "b"],
                "oneOf": [{"type": "string"}, {"$ref": format!("#/components/schemas/S{i}/$defs/D")}],
                "$defs": {"D": {"type": "integer", "exclusiveMinimum": 1}}
            }),
        );
        paths.insert(
            format!("/p{i}"),
            json!({"get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"$ref": format!("#/components/schemas/S{i}")}},
                "text/plain": {"schema": {"$ref": format!("#/components/schemas/S{}/$defs/D", (i * 7) % n)}}
            }}}}}),
        );
    }
    json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths, "components": {"schemas": schemas}})
        .to_string()
}

#[test]
fn minified_definitions_with_thousands_of_losses_export_in_linear_time() {
    for n in [1_000, 3_000, 6_000] {
        let text = lossy(n);
        assert!(!text.contains('\n'));
        let loaded = load("min.json", &text);
        let doc = loaded.document.as_ref().expect("doc");
        for target in [Target::Swagger20, Target::OpenApi30] {
            let out = export(doc, &ExportOptions::new(target)).expect("exports");
            assert!(out.losses.len() >= n, "{n}: {}", out.losses.len());
            assert!(out.losses.iter().all(|d| d.location.is_some()));
            let json = out.to_json();
            assert!(
                json.contains(&format!("S{}_D", n - 1)),
                "the $defs are hoisted"
            );
            assert!(!json.contains("$defs"));
        }
    }
}
