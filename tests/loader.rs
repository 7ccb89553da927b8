//! Loader cases the sweep issue names, each a class: a document that names itself under another
//! spelling is one document (its self-reference is a cycle), numbers too small for a double are
//! not zero, one-file-per-object layouts (path item, parameter, response and properties files,
//! discriminator mappings written relative to their file) bundle into a valid document, and an
//! operation written as `$ref` is read and reported.

use std::path::PathBuf;

use oaskit_core::{load_file, LoadOptions, Loaded};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("oaskit-loader-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("mkdir");
    d
}

fn write(dir: &std::path::Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn codes(l: &Loaded) -> Vec<(&str, String)> {
    l.diagnostics
        .iter()
        .map(|d| {
            let at = d.location.as_ref().map_or("", |x| x.pointer.as_str());
            (d.code, at.to_string())
        })
        .collect()
}

#[test]
fn a_self_reference_under_another_spelling_is_a_cycle() {
    let dir = scratch("self");
    std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
    write(
        &dir,
        "self.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    X:\n      $ref: './sub/../self.yaml#/components/schemas/X'\n",
    );
    let l = load_file(dir.join("self.yaml"), &LoadOptions::new());
    assert!(
        codes(&l).iter().any(|(c, _)| *c == "ref-cycle"),
        "{:?}",
        l.diagnostics
    );
}

#[test]
fn a_number_below_the_smallest_double_is_not_zero() {
    let dir = scratch("tiny");
    write(
        &dir,
        "tiny.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    M: {type: number, multipleOf: 1e-400}\n    Z: {type: number, multipleOf: 0e5}\n",
    );
    let l = load_file(dir.join("tiny.yaml"), &LoadOptions::new());
    let c = codes(&l);
    // 1e-400 > 0 is accepted; 0e5 is zero and is refused as before.
    assert!(
        !c.iter()
            .any(|(_, p)| p.starts_with("/components/schemas/M")),
        "{c:?}"
    );
    assert!(
        c.iter()
            .any(|(code, p)| *code == "schema-violation" && p == "/components/schemas/Z/multipleOf"),
        "{c:?}"
    );
}

/// DigitalOcean's layout, in small: each path item, operation, parameter, response and model in
/// its own file, `properties` given as a `$ref` to a file of properties, and a discriminator
/// mapping written relative to the model's file.
#[test]
fn one_file_per_object_layouts_bundle_by_where_they_are_referenced() {
    let dir = scratch("split");
    write(
        &dir,
        "api.yaml",
        r#"openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      $ref: "resources/pets/list.yml"
  /pets/{id}:
    $ref: "resources/pets/item.yml"
"#,
    );
    write(
        &dir,
        "resources/pets/list.yml",
        r#"operationId: listPets
parameters:
  - $ref: "parameters.yml#/limit"
responses:
  "200":
    $ref: "responses/list.yml"
  default:
    $ref: "../../shared/responses/error.yml"
"#,
    );
    write(
        &dir,
        "resources/pets/item.yml",
        r#"get:
  operationId: getPet
  parameters:
    - $ref: "parameters.yml#/id"
  responses:
    "200":
      description: one
      content:
        application/json:
          schema:
            $ref: "models/pet.yml#/Pet"
"#,
    );
    write(
        &dir,
        "resources/pets/parameters.yml",
        "limit: {name: limit, in: query, schema: {type: integer}}\nid: {name: id, in: path, required: true, schema: {type: string}}\n",
    );
    write(
        &dir,
        "resources/pets/responses/list.yml",
        "description: many\ncontent:\n  application/json:\n    schema:\n      type: array\n      items:\n        $ref: '../models/pet.yml#/Pet'\n",
    );
    write(
        &dir,
        "resources/pets/models/pet.yml",
        r##"Pet:
  type: object
  properties:
    $ref: "pet_properties.yml"
  discriminator:
    propertyName: kind
    mapping:
      cat: "#/Cat"
Cat:
  allOf:
    - $ref: "#/Pet"
"##,
    );
    write(
        &dir,
        "resources/pets/models/pet_properties.yml",
        "kind: {type: string}\nname: {type: string}\n",
    );
    write(
        &dir,
        "shared/responses/error.yml",
        "description: failed\ncontent:\n  application/json:\n    schema: {type: object}\n",
    );
    let l = load_file(dir.join("api.yaml"), &LoadOptions::new());
    let c = codes(&l);
    let errors: Vec<_> = l
        .diagnostics
        .iter()
        .filter(|d| d.severity == oaskit_core::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The one finding: the operation written as a reference, at its place.
    assert_eq!(
        c,
        vec![("ref-operation", "/paths/~1pets/get/$ref".to_string())]
    );
    let doc = l.document.as_ref().expect("document");
    let root = doc.root();
    // Parameters and responses stay parameters and responses; only schemas are hoisted.
    let schemas = root
        .pointer("/components/schemas")
        .and_then(|s| s.as_object())
        .expect("schemas");
    let names: Vec<&str> = schemas.entries.iter().map(|e| &*e.key).collect();
    assert_eq!(names, ["Pet", "Cat"], "{names:?}");
    assert_eq!(
        root.pointer("/paths/~1pets/get/parameters/0/in")
            .and_then(|n| n.as_str()),
        Some("query")
    );
    assert_eq!(
        root.pointer("/paths/~1pets/get/responses/default/description")
            .and_then(|n| n.as_str()),
        Some("failed")
    );
    // `properties: {$ref: file}` became the map itself; the mapping follows the hoisted Cat.
    assert!(root
        .pointer("/components/schemas/Pet/properties/name")
        .is_some());
    assert_eq!(
        root.pointer("/components/schemas/Pet/discriminator/mapping/cat")
            .and_then(|n| n.as_str()),
        Some("#/components/schemas/Cat")
    );
}
