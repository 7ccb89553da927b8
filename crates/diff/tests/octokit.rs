//! Real history: GitHub's definition as released in the npm package @octokit/openapi
//! (`scripts/setup-tools` fetches the pinned releases into `.tools/octokit/`; a missing file
//! fails the test). The findings below were checked by hand against the two files.

use std::path::PathBuf;

use oaskit_core::{load_file, LoadOptions, Loaded};
use oaskit_diff::{diff, Change, Level, Options, Report};

fn release(version: &str) -> Loaded {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../.tools/octokit")
        .join(version)
        .join("api.github.com.json");
    assert!(
        path.exists(),
        "{} is missing: run scripts/setup-tools (it fetches @octokit/openapi@{version})",
        path.display()
    );
    let loaded = load_file(&path, &LoadOptions::new().with_checks(false));
    assert!(
        !loaded.has_errors(),
        "{version}: {:?}",
        loaded.diagnostics.first()
    );
    loaded
}

fn find<'r>(r: &'r Report, id: &str, op: &str, message: &str) -> &'r Change {
    r.changes
        .iter()
        .find(|c| c.id == id && c.operation.as_deref() == Some(op) && c.message.contains(message))
        .unwrap_or_else(|| panic!("no {id} on {op} with {message:?}"))
}

/// 23.0.0 to 23.0.2: a JSON diff of the two files shows `info.version` and one removal: the
/// optional request body of `GET /repos/{owner}/{repo}/contents/{path}` (a GET body that held
/// only examples). That is the one change, a warning (nothing a client sends is refused), and
/// every SDK loses the method's `body` argument.
#[test]
fn github_23_0_0_to_23_0_2() {
    let report = diff(&release("23.0.0"), &release("23.0.2"), &Options::new()).expect("loads");
    assert_eq!(report.ids(), [("request-body-removed", Level::Warning)]);
    let c = &report.changes[0];
    assert_eq!(
        c.operation.as_deref(),
        Some("GET /repos/{owner}/{repo}/contents/{path}")
    );
    let old = c.old.as_ref().expect("old place");
    assert_eq!(
        old.pointer,
        "/paths/~1repos~1{owner}~1{repo}~1contents~1{path}/get/requestBody"
    );
    assert_eq!((old.line, old.column), (56947, 24));
    assert!(c.new.is_none());
    assert!(
        c.sdk.rust.breaks() && c.sdk.typescript.breaks() && c.sdk.python.breaks(),
        "{:?}",
        c.sdk
    );
}

/// 22.0.0 to 23.0.0, a release with 40 operations removed and 155 added. Checked by hand:
/// the team-discussion endpoints left `/orgs/{org}/teams/{team_slug}/discussions...` (the
/// whole paths are gone); `DELETE /orgs/{org}/code-security/configurations/detach` now lists
/// `selected_repository_ids` under `required`; the `name` of a deployment record gained
/// `maxLength: 256` (a request narrowed); the budget's `budget_type` went from `enum:
/// [SkuPricing, ProductPricing]` to a oneOf of one-value enums, which is the same set of
/// values (no change), and later gained `BundlePricing` in the PATCH request (info).
/// `repository-rule-detailed`'s `oneOf` was reordered (variants 20-22, `workflows`,
/// `code-scanning` and `copilot-code-review`, moved to 16-18; `license-compliance-scanning`
/// came in at 19; `file-path-restriction` to `max-file-size` moved from 16-19 to 20-23): the
/// SDKs name those variants' inline `parameters` types by position, so seven types swap names
/// (`RepositoryRuleDetailedVariant20Parameters` now types another rule's parameters), with no
/// wire change at all.
#[test]
fn github_22_0_0_to_23_0_0() {
    let report = diff(&release("22.0.0"), &release("23.0.0"), &Options::new()).expect("loads");
    let count = |id: &str| report.changes.iter().filter(|c| c.id == id).count();
    assert_eq!(count("path-removed") + count("operation-removed"), 40);
    assert_eq!(count("path-added") + count("operation-added"), 155);
    let renames: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.id == "sdk-name-changed")
        .collect();
    assert_eq!(renames.len(), 7, "{renames:#?}");
    let workflows = renames
        .iter()
        .find(|c| {
            c.message
                .contains("/components/schemas/repository-rule-workflows/properties/parameters")
        })
        .expect("the workflows rule's parameters");
    assert!(
        workflows.message.contains("Rust `RepositoryRuleDetailedVariant20Parameters` -> `RepositoryRuleDetailedVariant16Parameters`"),
        "{}",
        workflows.message
    );
    assert_eq!(workflows.level, Level::Warning);
    assert!(
        workflows.sdk.rust.breaks()
            && workflows.sdk.typescript.breaks()
            && workflows.sdk.python.breaks()
    );
    let c = find(
        &report,
        "path-removed",
        "GET /orgs/{org}/teams/{team_slug}/discussions",
        "path removed",
    );
    assert_eq!(c.level, Level::Breaking);
    assert!(c.sdk.rust.breaks());
    let c = find(
        &report,
        "property-became-required",
        "DELETE /orgs/{org}/code-security/configurations/detach",
        "`selected_repository_ids` became required",
    );
    assert_eq!(c.level, Level::Breaking);
    let c = find(
        &report,
        "schema-constraint-narrowed",
        "POST /orgs/{org}/artifacts/metadata/deployment-record",
        "`name`: maxLength none became 256",
    );
    assert_eq!(c.level, Level::Breaking);
    assert_eq!(c.new.as_ref().map(|p| p.pointer.as_str()), Some("/paths/~1orgs~1{org}~1artifacts~1metadata~1deployment-record/post/requestBody/content/application~1json/schema/properties/name"));
    // A string that stays a string: no SDK notices a new maxLength.
    assert!(!c.sdk.rust.breaks() && !c.sdk.typescript.breaks() && !c.sdk.python.breaks());
    let budget: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.message.contains("`budget_type`"))
        .collect();
    assert!(
        budget
            .iter()
            .all(|c| c.id == "enum-value-added" && c.level == Level::Info),
        "{budget:#?}"
    );
    assert!(
        report.count(Level::Breaking) > 150,
        "{}",
        report.count(Level::Breaking)
    );
}
