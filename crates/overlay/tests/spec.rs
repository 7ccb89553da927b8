//! The Overlay Specification's own material: the schema test fixtures of versions 1.0 and 1.1
//! (`pass` must be accepted, `fail` refused), the "compliant sets" (overlay, input, expected
//! output), and the examples of the 1.1.0 specification text.
//!
//! `data/overlay-spec/` is copied from OAI/Overlay-Specification at commit
//! 5de61ebcc8fb1bc6d7aa2743ba691d73e7789482 (Apache-2.0, `data/overlay-spec/LICENSE`); the
//! examples below are quoted from `versions/1.1.0.md` of the same commit.

mod common;

use common::{apply_text, codes, data, tree};
use oaskit_overlay::OverlayVersion;

fn yaml_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    out.sort();
    out
}

#[test]
fn schema_fixtures_pass_and_fail_as_the_specification_says() {
    let mut checked = 0;
    for version in ["v1.0", "v1.1"] {
        for (suite, valid) in [("pass", true), ("fail", false)] {
            for file in yaml_files(&data(&format!("overlay-spec/tests/{version}/{suite}"))) {
                let text = std::fs::read_to_string(&file).expect("fixture");
                let result = oaskit_overlay::parse(&tree("fixture.yaml", &text), 0);
                assert_eq!(
                    result.is_ok(),
                    valid,
                    "{}: {:?}",
                    file.display(),
                    result.as_ref().err()
                );
                if let Err(errors) = result {
                    assert!(
                        errors.iter().all(|d| d.location.is_some()),
                        "unlocated: {errors:?}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 60, "only {checked} fixtures");
}

#[test]
fn a_1_0_overlay_may_not_copy() {
    let text = std::fs::read_to_string(data(
        "overlay-spec/tests/v1.1/pass/copy-path-item-example.yaml",
    ))
    .expect("fixture")
    .replace("overlay: 1.1.0", "overlay: 1.0.0");
    let errors = oaskit_overlay::parse(&tree("o.yaml", &text), 0).expect_err("copy is 1.1");
    assert!(
        errors[0].message.contains("`copy` is Overlay 1.1"),
        "{errors:?}"
    );
    let ok = oaskit_overlay::parse(
        &tree(
            "o.yaml",
            "overlay: 1.1.7\ninfo: {title: t, version: v}\nactions: [{target: $}]\n",
        ),
        0,
    )
    .expect("1.1.7 is 1.1");
    assert_eq!(ok.version, OverlayVersion::V1_1);
}

#[test]
fn compliant_sets_give_their_expected_output() {
    let mut sets = 0;
    let dir = data("overlay-spec/compliant-sets");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("compliant-sets")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    for set in names {
        let out = common::apply_files(&set.join("openapi.yaml"), &[set.join("overlay.yaml")]);
        assert!(
            out.diagnostics.is_empty(),
            "{}: {:?}",
            set.display(),
            out.diagnostics
        );
        let expected = std::fs::read_to_string(set.join("output.yaml")).expect("output");
        assert_eq!(
            out.root.expect("applied").to_json(),
            tree("output.yaml", &expected).to_json(),
            "{}",
            set.display()
        );
        sets += 1;
    }
    assert_eq!(sets, 8);
}

/// Applies `overlay` to `spec` and compares with `expected`; no finding allowed.
fn check(name: &str, spec: &str, overlay: &str, expected: &str) {
    let (out, _dir) = apply_text(name, spec, overlay);
    assert_eq!(
        codes(&out),
        Vec::<&str>::new(),
        "{name}: {:?}",
        out.diagnostics
    );
    assert_eq!(
        out.root.expect("applied").to_json(),
        tree("expected.yaml", expected).to_json(),
        "{name}"
    );
}

const ITEMS: &str = "openapi: 3.1.0
info:
  title: Example API
  version: 1.0.0
paths:
  /items:
    get:
      responses:
        200:
          description: OK
  /some-items:
    delete:
      responses:
        200:
          description: OK
";

#[test]
fn simple_copy_example() {
    check(
        "simple-copy",
        ITEMS,
        r#"overlay: 1.1.0
info:
  title: Copy contents of an existing path to a new location
  version: 1.0.0
actions:
  - target: '$.paths["/some-items"]'
    copy: '$.paths["/items"]'
"#,
        "openapi: 3.1.0
info:
  title: Example API
  version: 1.0.0
paths:
  /items:
    get:
      responses:
        200:
          description: OK
  /some-items:
    get:
      responses:
        200:
          description: OK
    delete:
      responses:
        200:
          description: OK
",
    );
}

#[test]
fn ensure_the_target_exists_and_copy_example() {
    check(
        "ensure-copy",
        ITEMS,
        r#"overlay: 1.1.0
info:
  title: Create a path and copy the contents of an existing path to the new path
  version: 1.0.0
actions:
  - target: '$.paths'
    update: { "/other-items": {} }
  - target: '$.paths["/other-items"]'
    copy: '$.paths["/items"]'
"#,
        "openapi: 3.1.0
info:
  title: Example API
  version: 1.0.0
paths:
  /items:
    get:
      responses:
        200:
          description: OK
  /other-items:
    get:
      responses:
        200:
          description: OK
  /some-items:
    delete:
      responses:
        200:
          description: OK
",
    );
}

#[test]
fn move_example() {
    check(
        "move",
        ITEMS,
        r#"overlay: 1.1.0
info:
  title: Update the path for an API endpoint
  version: 1.0.0
actions:
  - target: '$.paths'
    update: { "/new-items": {} }
  - target: '$.paths["/new-items"]'
    copy: '$.paths["/items"]'
  - target: '$.paths["/items"]'
    remove: true
"#,
        "openapi: 3.1.0
info:
  title: Example API
  version: 1.0.0
paths:
  /new-items:
    get:
      responses:
        200:
          description: OK
  /some-items:
    delete:
      responses:
        200:
          description: OK
",
    );
}

#[test]
fn traits_example() {
    check(
        "traits",
        "openapi: 3.1.0
info:
  title: API with a paged collection
  version: 1.0.0
paths:
  /items:
    get:
      x-oai-traits: ['paged']
      responses:
        200:
          description: OK
  /items/{id}/subitems:
    get:
      x-oai-traits: ['paged']
      parameters:
        - name: id
          in: path
          required: true
      responses:
        200:
          description: OK
  /other:
    get:
      responses:
        200:
          description: OK
",
        "overlay: 1.0.0
info:
  title: Apply Traits
  version: 1.0.0
actions:
  - target: $.paths[?(@.get['x-oai-traits'][?(@ == 'paged')])].get
    update:
      parameters:
        - name: top
          in: query
        - name: skip
          in: query
",
        r#"openapi: 3.1.0
info:
  title: API with a paged collection
  version: 1.0.0
paths:
  /items:
    get:
      x-oai-traits: ["paged"]
      responses:
        200:
          description: OK
      parameters:
        - name: top
          in: query
        - name: skip
          in: query
  /items/{id}/subitems:
    get:
      x-oai-traits: ["paged"]
      parameters:
        - name: id
          in: path
          required: true
        - name: top
          in: query
        - name: skip
          in: query
      responses:
        200:
          description: OK
  /other:
    get:
      responses:
        200:
          description: OK
"#,
    );
}

/// A document for the examples whose input the specification does not give.
const PETS: &str = "openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /:
    get:
      tags: [dummy, root]
      parameters:
        - {name: filter, in: query}
        - {name: dummy, in: query}
      responses: {'200': {description: ok}}
  /pets:
    get:
      tags: [pets, dummy]
      parameters:
        - {name: filter, in: header}
      responses: {'200': {description: ok}}
  /foo:
    get: {description: old foo, responses: {'200': {description: ok}}}
  /bar:
    get: {description: old bar, responses: {'200': {description: ok}}}
";

#[test]
fn structured_overlay_example() {
    let expected = PETS
        .replace("info: {title: Pets, version: '1'}", "info: {title: Pets, version: '1', x-overlay-applied: structured-overlay}")
        .replace("  /:\n    get:\n", "  /:\n    summary: The root resource\n    get:\n      summary: Retrieve the root resource\n      x-rate-limit: 100\n")
        .replace("  /pets:\n    get:\n", "  /pets:\n    get:\n      summary: Retrieve a list of pets\n      x-rate-limit: 100\n");
    // `components:` and `tags:` are null in the example: absent from the document, they are
    // added as null.
    let expected = format!("{expected}components:\ntags:\n");
    check(
        "structured",
        PETS,
        "overlay: 1.0.0
info:
  title: Structured Overlay
  version: 1.0.0
actions:
  - target: '$' # Root of document
    update:
      info:
        x-overlay-applied: structured-overlay
      paths:
        '/':
          summary: 'The root resource'
          get:
            summary: 'Retrieve the root resource'
            x-rate-limit: 100
        '/pets':
          get:
            summary: 'Retrieve a list of pets'
            x-rate-limit: 100
      components:
      tags:
",
        &expected,
    );
}

#[test]
fn targeted_overlay_example() {
    let expected = PETS
        .replace("old foo", "This is the new description")
        .replace(
            "  /bar:\n    get: {description: old bar, responses: {'200': {description: ok}}}\n",
            "  /bar:\n    get: {description: This is the updated description, responses: {'200': {description: ok}}}\n    post: {description: This is an updated description of a child object, x-safe: false}\n",
        );
    check(
        "targeted",
        PETS,
        "overlay: 1.1.0
info:
  title: Targeted Overlay
  version: 1.0.0
actions:
  - target: $.paths['/foo'].get.description
    update: This is the new description
  - target: $.paths['/bar'].get.description
    update: This is the updated description
  - target: $.paths['/bar']
    update:
      post:
        description: This is an updated description of a child object
        x-safe: false
",
        &expected,
    );
}

#[test]
fn wildcard_overlay_example() {
    let expected = PETS
        .replace("    get:\n      tags", "    get:\n      x-safe: true\n      tags")
        .replace("get: {description: old foo,", "get: {x-safe: true, description: old foo,")
        .replace("get: {description: old bar,", "get: {x-safe: true, description: old bar,")
        .replace(
            "        - {name: filter, in: query}\n",
            "        - {name: filter, in: query, schema: {$ref: '#/components/schemas/filterSchema'}}\n",
        );
    check(
        "wildcard",
        PETS,
        "overlay: 1.0.0
info:
  title: Update many objects at once
  version: 1.0.0
actions:
  - target: $.paths.*.get
    update:
      x-safe: true
  - target: $.paths.*.get.parameters[?@.name=='filter' && @.in=='query']
    update:
      schema:
        $ref: '#/components/schemas/filterSchema'
",
        &expected,
    );
}

#[test]
fn array_modification_examples() {
    let added = PETS
        .replace(
            "        - {name: dummy, in: query}\n",
            "        - {name: dummy, in: query}\n        - {name: newParam, in: query}\n",
        )
        .replace(
            "        - {name: filter, in: header}\n",
            "        - {name: filter, in: header}\n        - {name: newParam, in: query}\n",
        );
    check(
        "array-add",
        PETS,
        "overlay: 1.0.0
info:
  title: Add an array element
  version: 1.0.0
actions:
  - target: $.paths.*.get.parameters
    update:
      name: newParam
      in: query
",
        &added,
    );
    check(
        "array-remove",
        PETS,
        "overlay: 1.0.0
info:
  title: Remove an array element
  version: 1.0.0
actions:
  - target: $.paths.*.get.parameters[?@.name == 'dummy']
    remove: true
",
        &PETS.replace("        - {name: dummy, in: query}\n", ""),
    );
    check(
        "array-remove-primitive",
        PETS,
        "overlay: 1.1.0
info:
  title: Remove a primitive array element
  version: 1.0.0
actions:
  - target: $.paths.*.get.tags[?@ == 'dummy']
    remove: true
",
        &PETS
            .replace("[dummy, root]", "[root]")
            .replace("[pets, dummy]", "[pets]"),
    );
}
