//! Structural validation against the official JSON Schema of each specification version.

use std::sync::OnceLock;

use crate::diag::Diagnostic;
use crate::json_view::TreeJson;
use crate::load::Origins;
use crate::node::{unescape_token, Node};
use crate::version::SpecVersion;

const SWAGGER_20: &str = include_str!("../schemas/swagger-2.0.json");
const OPENAPI_30: &str = include_str!("../schemas/openapi-3.0.json");
const OPENAPI_31: &str = include_str!("../schemas/openapi-3.1.json");
const OPENAPI_32: &str = include_str!("../schemas/openapi-3.2.json");

type TreeValidator = jsonschema::Validator<TreeJson>;

fn compile(text: &str) -> Option<TreeValidator> {
    let schema: serde_json::Value = serde_json::from_str(text).ok()?;
    jsonschema::options_for::<TreeJson>().build(&schema).ok()
}

fn validator(version: SpecVersion) -> Option<&'static TreeValidator> {
    static V20: OnceLock<Option<TreeValidator>> = OnceLock::new();
    static V30: OnceLock<Option<TreeValidator>> = OnceLock::new();
    static V31: OnceLock<Option<TreeValidator>> = OnceLock::new();
    static V32: OnceLock<Option<TreeValidator>> = OnceLock::new();
    match version {
        SpecVersion::Swagger2 => V20.get_or_init(|| compile(SWAGGER_20)).as_ref(),
        SpecVersion::OpenApi30 => V30.get_or_init(|| compile(OPENAPI_30)).as_ref(),
        SpecVersion::OpenApi31 => V31.get_or_init(|| compile(OPENAPI_31)).as_ref(),
        SpecVersion::OpenApi32 => V32.get_or_init(|| compile(OPENAPI_32)).as_ref(),
    }
}

/// Validates `root` (a bundled document of `version`) against the version's schema.
pub(crate) fn check(
    root: &Node,
    version: SpecVersion,
    origins: &Origins,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(v) = validator(version) else {
        diags.push(Diagnostic::error(
            "internal",
            format!("the embedded {} schema did not compile", version.name()),
        ));
        return;
    };
    if v.is_valid(root) {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    for err in v.iter_errors(root) {
        let pointer = err.instance_path().as_str().to_string();
        let message = err.masked().to_string();
        if !seen.insert((pointer.clone(), message.clone())) {
            continue;
        }
        let tokens: Vec<String> = pointer
            .strip_prefix('/')
            .map(|p| p.split('/').map(unescape_token).collect())
            .unwrap_or_default();
        let span = root
            .pointer_tokens(tokens.iter().map(String::as_str))
            .map_or(root.span, |n| n.span);
        let shown = if pointer.is_empty() {
            "the document root".to_string()
        } else {
            pointer.clone()
        };
        diags.push(
            Diagnostic::error(
                "schema-violation",
                format!("{shown}: {message} (per the {} schema)", version.name()),
            )
            .at(span, origins.original(&pointer)),
        );
    }
}

/// Whether every embedded schema compiles (used by tests).
#[must_use]
pub fn schemas_compile() -> bool {
    [
        SpecVersion::Swagger2,
        SpecVersion::OpenApi30,
        SpecVersion::OpenApi31,
        SpecVersion::OpenApi32,
    ]
    .into_iter()
    .all(|v| validator(v).is_some())
}
