//! Cookbook: a serializer's unit test. Does the `Pet` this code produces match
//! `#/components/schemas/Pet`, as a response would carry it (`readOnly` `id` required,
//! `writeOnly` properties refused)? No server, no HTTP: one payload, one schema.
//!
//! `cargo test -p oaskit-validator --example serializer_unit_test`.

use oaskit_validator::{Contract, Direction, Options};
use serde::Serialize;

/// The type the server serializes.
#[derive(Serialize)]
struct Pet {
    id: i64,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<String>,
    kind: Kind,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Dog,
    Cat,
}

/// A serializer with a bug: it renames a property the definition does not rename.
#[derive(Serialize)]
struct PetWithTypo {
    id: i64,
    #[serde(rename = "petName")]
    name: String,
}

fn contract() -> Contract {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/petstore.yaml");
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new());
    Contract::from_loaded(loaded, &Options::new()).expect("a valid definition")
}

fn pet() -> Pet {
    Pet {
        id: 7,
        name: "Rex".into(),
        tag: None,
        kind: Kind::Dog,
    }
}

#[test]
fn pet_serializes_as_the_definition_says() {
    let value = serde_json::to_value(pet()).expect("JSON");
    contract()
        .validate_schema("Pet", &value, Direction::Response)
        .assert_valid();
    let cat = Pet {
        tag: Some("indoor".into()),
        kind: Kind::Cat,
        ..pet()
    };
    let value = serde_json::to_value(cat).expect("JSON");
    contract()
        .validate_schema("#/components/schemas/Pet", &value, Direction::Response)
        .assert_valid();
}

#[test]
fn the_typo_is_caught_with_its_place() {
    let value = serde_json::to_value(PetWithTypo {
        id: 7,
        name: "Rex".into(),
    })
    .expect("JSON");
    let report = contract().validate_schema("Pet", &value, Direction::Response);
    assert_eq!(report.codes(), ["body-schema"]);
    let v = &report.violations[0];
    assert_eq!(v.part.to_string(), "body");
    assert_eq!(v.rule, "/components/schemas/NewPet/required");
    let at = v.rule_at.as_deref().unwrap_or_default();
    assert!(at.ends_with("specs/petstore.yaml:157:7"), "{at}");
}

fn main() {
    let contract = contract();
    let cat = Pet {
        kind: Kind::Cat,
        ..pet()
    };
    let typo = PetWithTypo {
        id: 7,
        name: "Rex".into(),
    };
    for value in [
        serde_json::to_value(cat).expect("JSON"),
        serde_json::to_value(typo).expect("JSON"),
    ] {
        println!(
            "{value}\n{}",
            contract.validate_schema("Pet", &value, Direction::Response)
        );
    }
}
