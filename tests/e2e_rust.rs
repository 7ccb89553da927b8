//! End-to-end: the checked-in Rust SDKs of `specs/` (under `generated/`) call every operation
//! of their spec on a mock server on 127.0.0.1 that validates each request against the spec:
//! Prism, independent of oaskit, and `oaskit serve` in mock mode (`servers::Kind`), with the
//! same assertions. Success statuses, documented error statuses (forced with `Prefer: code=N`,
//! which both servers honour), missing credentials and requests the mock must reject are
//! covered.

#[path = "e2e/servers.rs"]
mod servers;
mod support;

use servers::Kind;

use std::path::Path;

fn spec(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(name)
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(f)
}

/// A reqwest client that asks the mock for one documented status.
fn preferring(code: u16) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "prefer",
        format!("code={code}").parse().expect("a header value"),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("a client")
}

fn status_of(e: &petstore::Error) -> Option<u16> {
    match e {
        petstore::Error::UnexpectedStatus { status, .. } => Some(*status),
        _ => None,
    }
}

#[test]
fn petstore_client_against_prism() {
    petstore_client(Kind::Prism);
}

#[test]
fn petstore_client_against_serve() {
    petstore_client(Kind::Serve);
}

#[test]
fn gateway_client_against_prism() {
    gateway_client(Kind::Prism);
}

#[test]
fn gateway_client_against_serve() {
    gateway_client(Kind::Serve);
}

fn petstore_client(kind: Kind) {
    use petstore::types::*;
    let mock = kind.start(&spec("petstore.yaml"));
    let url = mock.url();
    let creds = petstore::Credentials {
        bearer: Some("token-1".into()),
        ..Default::default()
    };
    let client = petstore::Client::new(url).with_credentials(creds.clone());
    let anonymous = petstore::Client::new(url);
    let forced =
        |code| petstore::Client::with_client(url, preferring(code)).with_credentials(creds.clone());
    block_on(async {
        // listPets: integer query and a form/explode=false array.
        let tags = vec!["small".to_string(), "brown dog".to_string()];
        match client.list_pets().limit(10).tags(tags.clone()).send().await {
            Ok(ListPetsResponse::Status200(pets, _headers)) => assert!(!pets.is_empty()),
            other => panic!("listPets: {other:?}"),
        }
        match client.list_pets().send().await {
            Ok(ListPetsResponse::Status200(_, _)) => {}
            other => panic!("listPets without parameters: {other:?}"),
        }
        // The `default` response keeps its status.
        match forced(503).list_pets().send().await {
            Ok(ListPetsResponse::Default(503, e)) => assert!(!e.message.is_empty()),
            other => panic!("listPets forced 503: {other:?}"),
        }
        // The mock rejects an out-of-range limit: the judge judges.
        match client.list_pets().limit(1000).send().await {
            Ok(ListPetsResponse::Default(422, _)) => {}
            other => panic!("listPets limit=1000 should be refused by {kind}: {other:?}"),
        }

        // createPet: bearer auth and a JSON body with a nullable and an enum field.
        let new = NewPet {
            name: "Rex".into(),
            tag: Some("good boy".into()),
            kind: Some(NewPetKind::Dog),
        };
        match client.create_pet(new.clone()).send().await {
            Ok(CreatePetResponse::Status201(pet)) => assert!(!pet.name.is_empty()),
            other => panic!("createPet: {other:?}"),
        }
        match anonymous.create_pet(new.clone()).send().await {
            Err(e) => assert_eq!(status_of(&e), Some(401), "createPet without a token: {e}"),
            other => panic!("createPet without a token: {other:?}"),
        }
        let empty = NewPet {
            name: String::new(),
            tag: None,
            kind: None,
        };
        match client.create_pet(empty).send().await {
            Ok(CreatePetResponse::Status422(_)) => {}
            other => panic!("createPet with an empty name should be refused: {other:?}"),
        }

        // showPetById: int64 path parameter, 200 and 404.
        match client.show_pet_by_id(9_007_199_254_740_000).send().await {
            Ok(ShowPetByIdResponse::Status200(_)) => {}
            other => panic!("showPetById: {other:?}"),
        }
        match forced(404).show_pet_by_id(1).send().await {
            Ok(ShowPetByIdResponse::Status404(e)) => assert!(!e.message.is_empty()),
            other => panic!("showPetById forced 404: {other:?}"),
        }

        // deletePet: 204 without a body, 404, and no token.
        match client.delete_pet(7).send().await {
            Ok(DeletePetResponse::Status204) => {}
            other => panic!("deletePet: {other:?}"),
        }
        match forced(404).delete_pet(7).send().await {
            Ok(DeletePetResponse::Status404(_)) => {}
            other => panic!("deletePet forced 404: {other:?}"),
        }
        match anonymous.delete_pet(7).send().await {
            Err(e) => assert_eq!(status_of(&e), Some(401), "deletePet without a token: {e}"),
            other => panic!("deletePet without a token: {other:?}"),
        }

        // Activities: a oneOf with a discriminator, decoded by its tag and sent untagged.
        match client.list_activities(7).send().await {
            Ok(ListActivitiesResponse::Status200(items)) => {
                assert!(
                    matches!(items.first(), Some(Activity::Walk(_))),
                    "{items:?}"
                )
            }
            other => panic!("listActivities: {other:?}"),
        }
        let meal = Activity::Meal(Meal {
            r#type: serde_json::json!("meal"),
            food: "kibble".into(),
        });
        match client.log_activity(7, meal).send().await {
            Ok(LogActivityResponse::Status201(Activity::Walk(_) | Activity::Meal(_))) => {}
            other => panic!("logActivity: {other:?}"),
        }
        // A walk of 0 minutes breaks `minimum: 1`: the mock refuses it.
        let idle = Activity::Walk(Walk {
            r#type: serde_json::json!("walk"),
            minutes: 0,
        });
        match client.log_activity(7, idle).send().await {
            Err(e) => assert_eq!(status_of(&e), Some(422), "logActivity 0 minutes: {e}"),
            other => panic!("logActivity with 0 minutes should be refused: {other:?}"),
        }
    });
}

fn gateway_client(kind: Kind) {
    use gateway_crud::types::*;
    let mock = kind.start(&spec("gateway-crud.yaml"));
    let url = mock.url();
    let mut creds = gateway_crud::Credentials::default();
    creds.api_keys.insert("api_key".into(), "key-1".into());
    let client = gateway_crud::Client::new(url).with_credentials(creds.clone());
    let anonymous = gateway_crud::Client::new(url);
    let forced = |code| {
        gateway_crud::Client::with_client(url, preferring(code)).with_credentials(creds.clone())
    };
    let unexpected = |e: &gateway_crud::Error| match e {
        gateway_crud::Error::UnexpectedStatus { status, body, .. } => {
            Some((*status, String::from_utf8_lossy(body).into_owned()))
        }
        _ => None,
    };
    let id = "123e4567-e89b-12d3-a456-426614174000".to_string();
    let note = NewNote {
        title: "Groceries".into(),
        body: Some("eggs & milk".into()),
        tags: Some(vec!["home".into(), "todo".into()]),
    };
    block_on(async {
        match client.list_notes().limit(20).cursor("c/1?x=2").send().await {
            Ok(ListNotesResponse::Status200(page, _headers)) => assert!(!page.items.is_empty()),
            other => panic!("listNotes: {other:?}"),
        }
        // The API key is required everywhere but on the CORS preflight.
        let no_key = Some(kind.missing_api_key_status());
        match anonymous.list_notes().send().await {
            Err(e) => assert_eq!(unexpected(&e).map(|u| u.0), no_key, "{e}"),
            other => panic!("listNotes without a key: {other:?}"),
        }
        match anonymous.options_notes().send().await {
            Ok(OptionsNotesResponse::Status200(_headers)) => {}
            other => panic!("OPTIONS /notes: {other:?}"),
        }

        match client.create_note(note.clone()).send().await {
            Ok(CreateNoteResponse::Status201(n)) => assert!(!n.title.is_empty()),
            other => panic!("createNote: {other:?}"),
        }
        match forced(400).create_note(note.clone()).send().await {
            Ok(CreateNoteResponse::Status400(e)) => assert!(!e.message.is_empty()),
            other => panic!("createNote forced 400: {other:?}"),
        }

        match client.get_note(&id).send().await {
            Ok(GetNoteResponse::Status200(n)) => assert!(!n.id.is_empty()),
            other => panic!("getNote: {other:?}"),
        }
        match forced(404).get_note(&id).send().await {
            Ok(GetNoteResponse::Status404(_)) => {}
            other => panic!("getNote forced 404: {other:?}"),
        }
        // `format: uuid` on the path parameter: Prism refuses; API Gateway's validators do not
        // check formats (see `Kind::unchecked_format_status`).
        match (
            client.get_note("not-a-uuid").send().await,
            kind.unchecked_format_status(),
        ) {
            (Err(e), 422) => assert_eq!(unexpected(&e).map(|u| u.0), Some(422), "{e}"),
            (Ok(GetNoteResponse::Status200(_)), 200) => {}
            (other, _) => panic!("getNote with a bad id on {kind}: {other:?}"),
        }

        match client.update_note(&id, note.clone()).send().await {
            Ok(UpdateNoteResponse::Status200(n)) => assert!(!n.title.is_empty()),
            other => panic!("updateNote: {other:?}"),
        }
        match forced(404).update_note(&id, note.clone()).send().await {
            Ok(UpdateNoteResponse::Status404(_)) => {}
            other => panic!("updateNote forced 404: {other:?}"),
        }

        match client.delete_note(&id).send().await {
            Ok(DeleteNoteResponse::Status204) => {}
            other => panic!("deleteNote: {other:?}"),
        }
        match forced(404).delete_note(&id).send().await {
            Ok(DeleteNoteResponse::Status404(_)) => {}
            other => panic!("deleteNote forced 404: {other:?}"),
        }
        match anonymous.delete_note(&id).send().await {
            Err(e) => assert_eq!(unexpected(&e).map(|u| u.0), no_key, "{e}"),
            other => panic!("deleteNote without a key: {other:?}"),
        }
    });
    servers::check_gateway_log(&mock);
}
