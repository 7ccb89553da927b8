//! The model over the whole corpus and the hostile codegen cases: every spec builds, names are
//! unique and stable, wire names are kept exactly, and nothing loops.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use oaskit_codegen::ir::{Api, Location, TypeKind, TypeRef};

fn shared() -> PathBuf {
    oaskit_testkit::shared()
}

fn model(path: &Path) -> (Api, Vec<oaskit_core::Diagnostic>) {
    let mut policy = oaskit_core::Policy::new();
    if path.to_string_lossy().contains("petstore-separate") {
        policy = policy.with_root(path.parent().and_then(Path::parent).expect("parent"));
    }
    let loaded = oaskit_core::load_file(
        path,
        &oaskit_core::LoadOptions::new()
            .with_policy(policy)
            .with_checks(false),
    );
    let built = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    for w in &built.1 {
        oaskit_testkit::assert_explained(w.code, &[oaskit_codegen::codes::CODES]);
    }
    built
}

fn assert_sound(api: &Api, what: &str) {
    let mut seen = HashSet::new();
    for t in &api.types {
        assert!(
            !t.name.is_empty() && t.name.bytes().all(|b| b.is_ascii_alphanumeric()),
            "{what}: type name {:?}",
            t.name
        );
        assert!(
            seen.insert(t.name.to_ascii_lowercase()),
            "{what}: type name {} twice",
            t.name
        );
        if let TypeKind::Struct { fields, .. } = &t.kind {
            let mut names = HashSet::new();
            for f in fields {
                assert!(
                    names.insert(f.name.to_ascii_lowercase()),
                    "{what}: field {} twice in {}",
                    f.name,
                    t.name
                );
            }
        }
    }
    let mut ops = HashSet::new();
    for o in &api.operations {
        assert!(
            ops.insert(o.name.to_ascii_lowercase()),
            "{what}: method {} twice",
            o.name
        );
        let path_params: Vec<_> = o
            .params
            .iter()
            .filter(|p| p.location == Location::Path)
            .collect();
        for p in path_params {
            assert!(
                o.path.contains(&format!("{{{}}}", p.wire)),
                "{what}: {} has no {{{}}}",
                o.path,
                p.wire
            );
        }
    }
    let check = |t: &TypeRef| {
        fn walk(t: &TypeRef, n: usize) -> bool {
            match t {
                TypeRef::Named(i) => *i < n,
                TypeRef::Array(x) | TypeRef::Map(x) | TypeRef::Nullable(x) => walk(x, n),
                _ => true,
            }
        }
        walk(t, api.types.len())
    };
    for o in &api.operations {
        for p in &o.params {
            assert!(check(&p.ty), "{what}: dangling type");
        }
    }
}

#[test]
fn every_spec_of_the_corpus_builds_a_sound_and_stable_model() {
    // Every document of the corpus, from its index.
    let specs = oaskit_testkit::corpus();
    for path in specs {
        let (a, _) = model(&path);
        assert_sound(&a, &path.display().to_string());
        let (b, _) = model(&path);
        assert!(a == b, "{}: two builds differ", path.display());
    }
}

#[test]
fn the_github_model_has_every_operation_and_component() {
    let (api, _) = model(&shared().join("specs/real/github-api.json"));
    assert_eq!(api.operations.len(), 1223);
    assert!(api.types.len() >= 900, "{}", api.types.len());
    let repo = api
        .types
        .iter()
        .find(|t| t.name == "FullRepository")
        .expect("full-repository");
    let TypeKind::Struct { fields, .. } = &repo.kind else {
        panic!("struct")
    };
    assert!(fields.iter().any(|f| f.wire == "full_name" && f.required));
}

#[test]
fn collisions_are_resolved_deterministically_and_reported() {
    let (api, warnings) =
        model(&shared().join("hostile/codegen-collision/case-and-punctuation.yaml"));
    assert!(
        warnings.iter().any(|w| w.code == "name-collision"),
        "{warnings:?}"
    );
    for w in &warnings {
        assert!(w.location.is_some());
    }
    // Each says what already holds the name.
    let types: Vec<&str> = warnings
        .iter()
        .filter(|w| w.message.starts_with("the type name"))
        .map(|w| w.message.as_str())
        .collect();
    assert!(!types.is_empty(), "{warnings:?}");
    for m in types {
        assert!(m.contains("(by the schema at /"), "{m}");
    }
    assert_sound(&api, "collision");
}

#[test]
fn hostile_identifiers_keep_their_wire_names() {
    let (api, _) = model(&shared().join("hostile/codegen-injection/identifiers-and-keywords.yaml"));
    assert_sound(&api, "identifiers");
    let wires: Vec<&str> = api
        .types
        .iter()
        .flat_map(|t| match &t.kind {
            TypeKind::Struct { fields, .. } => {
                fields.iter().map(|f| f.wire.as_str()).collect::<Vec<_>>()
            }
            _ => Vec::new(),
        })
        .collect();
    // Every wire name is a property key of the definition, unchanged.
    let loaded = oaskit_core::load_file(
        shared().join("hostile/codegen-injection/identifiers-and-keywords.yaml"),
        &oaskit_core::LoadOptions::new(),
    );
    let mut keys = HashSet::new();
    fn collect(n: &oaskit_core::Node, keys: &mut HashSet<String>) {
        if let Some(m) = n.as_object() {
            if let Some(props) = m.get("properties").and_then(|p| p.as_object()) {
                keys.extend(props.iter().map(|(k, _)| k.to_string()));
            }
            for (_, v) in m.iter() {
                collect(v, keys);
            }
        }
    }
    collect(loaded.document.as_ref().expect("doc").root(), &mut keys);
    assert!(!wires.is_empty());
    for w in wires {
        assert!(keys.contains(w), "wire name {w:?} changed");
    }
}

#[test]
fn huge_enums_recursion_and_cycles_terminate() {
    let (api, warnings) = model(&shared().join("hostile/huge-enum/string-enum-100k.json"));
    assert!(warnings.iter().any(|w| w.code == "huge-enum"));
    assert!(api
        .types
        .iter()
        .any(|t| matches!(&t.kind, TypeKind::Enum { values, .. } if values.len() == 100_000)));
    let (tree, _) = model(&shared().join("hostile/ref-cycle/recursive-tree-ok.yaml"));
    assert!(!tree.types.is_empty());
    let _ = model(&shared().join("hostile/ref-cycle/allof-cycle.yaml"));
    let _ = model(&shared().join("hostile/ref-cycle/direct-self.yaml"));
}

#[test]
fn petstore_model() {
    let (api, warnings) =
        model(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/petstore.yaml"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "ListPets",
            "CreatePet",
            "ShowPetById",
            "DeletePet",
            "ListActivities",
            "LogActivity"
        ]
    );
    let activity = api
        .types
        .iter()
        .find(|t| t.name == "Activity")
        .expect("Activity");
    let TypeKind::Union { discriminator, .. } = &activity.kind else {
        panic!("a union")
    };
    assert_eq!(
        discriminator
            .as_ref()
            .map(|(p, tags)| (p.as_str(), tags.clone())),
        Some(("type", vec!["walk".to_string(), "meal".to_string()]))
    );
    let list = &api.operations[0];
    assert_eq!(list.params[0].ty, TypeRef::Integer(Some("int32".into())));
    assert!(matches!(&list.params[1].ty, TypeRef::Array(_)));
    assert!(!list.params[1].explode);
    let pet = api.types.iter().find(|t| t.name == "Pet").expect("Pet");
    let TypeKind::Struct { fields, .. } = &pet.kind else {
        panic!("allOf merged into a struct")
    };
    let f: Vec<(&str, bool)> = fields
        .iter()
        .map(|f| (f.wire.as_str(), f.required))
        .collect();
    assert_eq!(
        f,
        [
            ("name", true),
            ("tag", false),
            ("kind", false),
            ("id", true)
        ]
    );
    assert!(matches!(fields[1].ty, TypeRef::Nullable(_)));
    assert!(fields[3].read_only);
    assert_eq!(api.operations[1].security, [vec!["bearer".to_string()]]);
    let vars: Vec<(&str, &str)> = api.servers[0]
        .variables
        .iter()
        .map(|v| (v.name.as_str(), v.default.as_str()))
        .collect();
    assert_eq!(vars, [("port", "8080")]);
}

#[test]
fn parameter_defaults_and_server_variable_values_reach_the_model() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/runtime.yaml");
    let (api, warnings) = model(&spec);
    assert!(warnings.is_empty(), "{warnings:?}");
    let list = api
        .operations
        .iter()
        .find(|o| o.name.eq_ignore_ascii_case("listItems"))
        .expect("listItems");
    let defaults: Vec<(&str, Option<&serde_json::Value>)> = list
        .params
        .iter()
        .map(|p| (p.wire.as_str(), p.default.as_ref()))
        .collect();
    assert_eq!(
        defaults,
        [("cursor", None), ("limit", Some(&serde_json::json!(10)))]
    );
    // A default behind a `$ref`ed parameter and schema is found too.
    let get = api
        .operations
        .iter()
        .find(|o| o.name.eq_ignore_ascii_case("getThing"))
        .expect("getThing");
    let failures = get
        .params
        .iter()
        .find(|p| p.wire == "failures")
        .expect("failures");
    assert_eq!(failures.default, Some(serde_json::json!(0)));
    let region = &api.servers[0].variables[0];
    assert_eq!(region.name, "region");
    assert_eq!(region.default, "eu");
    assert_eq!(region.values, ["eu", "us", "ap"]);
    assert_eq!(region.doc.as_deref(), Some("Where the data is kept."));
}

#[test]
fn only_parsed_status_keys_become_responses() {
    let loaded = oaskit_core::load_str(
        "api.yaml",
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {description: ok}
        4xx: {description: client errors}
        '200) ; process.exit(1); (': {description: not a status}
        '600': {description: not a status}
        x-note: {description: an extension}
        default: {description: anything else}
"#,
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    let statuses: Vec<&str> = api.operations[0]
        .responses
        .iter()
        .map(|r| r.status.as_str())
        .collect();
    assert_eq!(statuses, ["200", "4XX", "default"]);
    use oaskit_codegen::ir::StatusMatch;
    let matched: Vec<StatusMatch> = api.operations[0]
        .responses
        .iter()
        .map(|r| r.status_match())
        .collect();
    assert_eq!(
        matched,
        [
            StatusMatch::Exact(200),
            StatusMatch::Range(400, 499),
            StatusMatch::Default
        ]
    );
}

#[test]
fn x_or_null_is_a_nullable_x() {
    let loaded = oaskit_core::load_str(
        "api.yaml",
        r#"
openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
    Thing:
      type: object
      properties:
        a: {oneOf: [{$ref: '#/components/schemas/Pet'}, {type: 'null'}]}
        b: {anyOf: [{type: 'null'}, {type: string}]}
        c: {anyOf: [{type: string}, {type: integer}, {type: 'null'}]}
        d: {type: [string, 'null']}
"#,
        &oaskit_core::LoadOptions::new(),
    );
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    use oaskit_codegen::ir::{TypeKind, TypeRef};
    let thing = api.types.iter().find(|t| t.name == "Thing").expect("Thing");
    let TypeKind::Struct { fields, .. } = &thing.kind else {
        panic!("{thing:?}")
    };
    let ty = |n: &str| &fields.iter().find(|f| f.wire == n).expect(n).ty;
    let pet = api.types.iter().position(|t| t.name == "Pet").expect("Pet");
    assert_eq!(ty("a"), &TypeRef::Nullable(Box::new(TypeRef::Named(pet))));
    assert_eq!(ty("b"), &TypeRef::Nullable(Box::new(TypeRef::String(None))));
    assert_eq!(ty("d"), &TypeRef::Nullable(Box::new(TypeRef::String(None))));
    // Two typed members and null stay a union (with a null member).
    assert!(matches!(ty("c"), TypeRef::Named(_)), "{:?}", ty("c"));
}

/// A chain of `depth` schemas, each including the next one `fan` times through allOf.
fn allof_chain(depth: usize, fan: usize) -> String {
    let mut s = String::from(
        "openapi: 3.0.3\ninfo: {title: chain, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n",
    );
    for i in 0..depth {
        let refs = vec![format!("{{$ref: '#/components/schemas/A{}'}}", i + 1); fan].join(", ");
        s.push_str(&format!(
            "    A{i}: {{allOf: [{refs}], required: [p{i}], properties: {{p{i}: {{type: string}}, q: {{type: object, properties: {{n{i}: {{type: integer}}}}}}}}}}\n"
        ));
    }
    s.push_str(&format!(
        "    A{depth}: {{type: object, properties: {{leaf: {{type: integer}}}}}}\n"
    ));
    s
}

#[test]
fn allof_fan_out_chains_merge_each_member_once() {
    // Merging afresh takes fan^depth steps: 3^40 would never finish; memoized it is linear.
    for depth in [20, 30, 40] {
        for fan in [2, 3] {
            let loaded = oaskit_core::load_str(
                "chain.yaml",
                &allof_chain(depth, fan),
                &oaskit_core::LoadOptions::new().with_checks(false),
            );
            let (api, warnings) =
                oaskit_codegen::build(loaded.document.as_ref().expect("document"));
            assert!(
                warnings.iter().all(|w| w.code != "codegen-limit"),
                "{depth}x{fan}"
            );
            assert_sound(&api, &format!("chain {depth}x{fan}"));
            for t in &api.types {
                let Some(i) = t
                    .name
                    .strip_prefix('A')
                    .and_then(|n| n.parse::<usize>().ok())
                else {
                    continue;
                };
                let TypeKind::Struct { fields, .. } = &t.kind else {
                    panic!("{} is no struct", t.name)
                };
                // p_i..p_{depth-1}, q (merged once) and the leaf.
                let expected = if i == depth { 1 } else { depth - i + 2 };
                assert_eq!(fields.len(), expected, "{}", t.name);
                assert!(fields
                    .iter()
                    .filter(|f| f.wire.starts_with('p'))
                    .all(|f| f.required));
            }
        }
    }
}

#[test]
fn the_work_limit_ends_in_a_warning_naming_it() {
    let text = allof_chain(30, 3);
    let loaded = oaskit_core::load_str(
        "chain.yaml",
        &text,
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    let doc = loaded.document.as_ref().expect("document");
    let (full, _) = oaskit_codegen::build(doc);
    for limit in [0, 1, 5, 20] {
        let (api, warnings) = oaskit_codegen::build_limited(doc, limit);
        for w in &warnings {
            oaskit_testkit::assert_explained(w.code, &[oaskit_codegen::codes::CODES]);
        }
        let limits: Vec<_> = warnings
            .iter()
            .filter(|w| w.code == "codegen-limit")
            .collect();
        assert_eq!(limits.len(), 1, "limit {limit}");
        assert!(
            limits[0].message.contains(&limit.to_string()),
            "{}",
            limits[0].message
        );
        assert_sound(&api, &format!("limit {limit}"));
        // Whatever was not reached is untyped, never missing.
        assert!(api.types.len() <= full.types.len());
    }
    let (_, warnings) = oaskit_codegen::build_limited(doc, oaskit_codegen::WORK_LIMIT);
    assert!(warnings.iter().all(|w| w.code != "codegen-limit"));
}

#[test]
fn duplicate_enum_values_become_one_variant_with_a_warning() {
    // From issue 18: a repeated value gave two variants for one wire value (dead match arms,
    // `unreachable pattern` under `-D warnings` in Rust).
    let loaded = oaskit_core::load_str(
        "api.yaml",
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Letters: {type: string, enum: [a, b, a, c, b]}
    Sizes: {type: number, enum: [1, 1.0, 2, 2.5, 2.50]}
"#,
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    let (api, warnings) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    let wires = |name: &str| -> Vec<String> {
        let t = api.types.iter().find(|t| t.name == name).expect(name);
        match &t.kind {
            TypeKind::Enum { values, .. } => values.iter().map(|v| v.wire.to_string()).collect(),
            other => panic!("{name} is {other:?}"),
        }
    };
    assert_eq!(wires("Letters"), ["\"a\"", "\"b\"", "\"c\""]);
    assert_eq!(wires("Sizes"), ["1", "2", "2.5"]);
    let dups: Vec<(&str, &str)> = warnings
        .iter()
        .filter(|w| w.code == "duplicate-enum-value")
        .map(|w| {
            let at = w.location.as_ref().map_or("", |l| l.pointer.as_str());
            (at, w.message.as_str())
        })
        .collect();
    assert_eq!(dups.len(), 2, "{warnings:?}");
    assert_eq!(dups[0].0, "/components/schemas/Letters");
    assert!(dups[0].1.contains("\"a\", \"b\""), "{}", dups[0].1);
    assert!(dups[1].1.contains("1.0"), "{}", dups[1].1);
}

#[test]
fn paginated_listings_are_recognized_declared_or_guessed() {
    use oaskit_codegen::ir::{PageSource, PageStyle};
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/runtime.yaml");
    let (api, _) = model(&spec);
    let op = |name: &str| {
        api.operations
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(name))
            .expect(name)
    };
    let items = op("listItems")
        .pagination
        .as_ref()
        .expect("listItems pages");
    assert_eq!(
        items.style,
        PageStyle::Cursor {
            param: "cursor".into(),
            next: vec!["next_cursor".into()]
        }
    );
    assert_eq!(items.items, ["items"]);
    assert_eq!(items.source, PageSource::Recognized);
    assert!(matches!(items.item, TypeRef::Named(_)));
    let events = op("listEvents")
        .pagination
        .as_ref()
        .expect("listEvents pages");
    assert_eq!(events.style, PageStyle::LinkHeader);
    assert!(events.items.is_empty(), "the body is the array");
    // The Link header is a typed response header of the model too.
    let headers: Vec<&str> = op("listEvents").responses[0]
        .headers
        .iter()
        .map(|h| h.wire.as_str())
        .collect();
    assert_eq!(headers, ["Link"]);
    for name in ["getThing", "getDrawing", "download", "echo"] {
        assert_eq!(op(name).pagination, None, "{name}");
    }

    let loaded = oaskit_core::load_str(
        "api.yaml",
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /vms:
    get:
      operationId: listVms
      x-ms-pageable: {nextLinkName: nextLink}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  value: {type: array, items: {type: string}}
                  nextLink: {type: string}
  /pages:
    get:
      operationId: listPages
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: integer}}
  /declared:
    get:
      operationId: listDeclared
      parameters:
        - {name: token, in: query, schema: {type: string}}
      x-speakeasy-pagination:
        type: cursor
        inputs: [{name: token, in: parameters, type: cursor}]
        outputs: {nextCursor: $.meta.next, results: $.data}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
                  meta: {type: object, properties: {next: {type: string}}}
  /two-arrays:
    get:
      operationId: listTwo
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  a: {type: array, items: {type: string}}
                  b: {type: array, items: {type: string}}
                  next_cursor: {type: string}
  /post:
    post:
      operationId: search
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {type: string}}
                  next_cursor: {type: string}
"#,
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    let paging = |name: &str| {
        api.operations
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(name))
            .expect(name)
            .pagination
            .clone()
    };
    let vms = paging("listVms").expect("declared by x-ms-pageable");
    assert_eq!(
        vms.style,
        PageStyle::NextUrl {
            next: vec!["nextLink".into()]
        }
    );
    assert_eq!(vms.items, ["value"]);
    assert_eq!(vms.source, PageSource::Declared("x-ms-pageable".into()));
    // A guess is left out unless asked for.
    assert_eq!(paging("listPages"), None);
    let (guessing, _) = oaskit_codegen::build_with(
        loaded.document.as_ref().expect("document"),
        &oaskit_codegen::ModelOptions {
            guess_pagination: true,
            ..oaskit_codegen::ModelOptions::default()
        },
    );
    let pages = guessing
        .operations
        .iter()
        .find(|o| o.name.eq_ignore_ascii_case("listPages"))
        .and_then(|o| o.pagination.clone())
        .expect("a page parameter beside an array");
    assert_eq!(
        pages.style,
        PageStyle::Page {
            param: "page".into()
        }
    );
    assert_eq!(pages.source, PageSource::Guessed);
    let declared = paging("listDeclared").expect("declared by x-speakeasy-pagination");
    assert_eq!(
        declared.style,
        PageStyle::Cursor {
            param: "token".into(),
            next: vec!["meta".into(), "next".into()]
        }
    );
    assert_eq!(declared.items, ["data"]);
    // Two arrays: which one pages is not guessed; a POST is not a listing.
    assert_eq!(paging("listTwo"), None);
    assert_eq!(paging("search"), None);
}

#[test]
fn nullable_components_keep_their_shape_and_references_carry_the_null() {
    // Asana's `NextPage` (`type: object, nullable: true`) was an alias of itself-or-null, which
    // every backend rendered as an untyped value.
    let loaded = oaskit_core::load_str(
        "api.yaml",
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /items:
    get:
      parameters:
        - {name: continue, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {type: string}}
                  metadata: {$ref: '#/components/schemas/ListMeta'}
                  next_page: {$ref: '#/components/schemas/NextPage'}
                  color: {$ref: '#/components/schemas/Color'}
components:
  schemas:
    NextPage:
      type: object
      nullable: true
      properties:
        offset: {type: string}
    Color: {type: string, nullable: true, enum: [red, green]}
    ListMeta:
      type: object
      properties:
        continue: {type: string}
"#,
        &oaskit_core::LoadOptions::new().with_checks(false),
    );
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    let id = |name: &str| api.types.iter().position(|t| t.name == name).expect(name);
    assert!(matches!(
        api.types[id("NextPage")].kind,
        TypeKind::Struct { .. }
    ));
    assert!(matches!(api.types[id("Color")].kind, TypeKind::Enum { .. }));
    let body = api.operations[0].responses[0].ty.clone().expect("body");
    let TypeRef::Named(body) = body else {
        panic!("{body:?}")
    };
    let TypeKind::Struct { fields, .. } = &api.types[body].kind else {
        panic!("struct")
    };
    let ty = |wire: &str| {
        fields
            .iter()
            .find(|f| f.wire == wire)
            .expect(wire)
            .ty
            .clone()
    };
    assert_eq!(
        ty("next_page"),
        TypeRef::Nullable(Box::new(TypeRef::Named(id("NextPage"))))
    );
    assert_eq!(
        ty("color"),
        TypeRef::Nullable(Box::new(TypeRef::Named(id("Color"))))
    );
    // Kubernetes' `continue` parameter pairs with `metadata.continue`.
    let paging = api.operations[0].pagination.as_ref().expect("pages");
    assert_eq!(
        paging.style,
        oaskit_codegen::ir::PageStyle::Cursor {
            param: "continue".into(),
            next: vec!["metadata".into(), "continue".into()]
        }
    );
}
