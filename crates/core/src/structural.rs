//! Structural validation against the official JSON Schema of each specification version.

use std::sync::OnceLock;

use jsonschema::{error::ValidationErrorKind, ValidationError};

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
        let (pointer, message) = closest(&err);
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

/// The error to show for a failed `oneOf`/`anyOf`: instead of the bare "not valid under any of
/// the schemas listed", the reason of the alternative that came closest (fewest errors, then the
/// deepest one; alternatives that fail on a fixed value such as `in` or `type` are other kinds of
/// object and come after), followed down nested alternatives. The OpenAPI schemas wrap most objects in
/// `oneOf: [Object, Reference]`; a Reference branch that only misses `$ref` is the last choice,
/// so a Response without `description` says so.
fn closest(err: &ValidationError<'_>) -> (String, String) {
    let (ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context }) =
        err.kind()
    else {
        return (
            err.instance_path().as_str().to_string(),
            err.masked().to_string(),
        );
    };
    let only_misses_ref = |branch: &[ValidationError<'static>]| {
        branch.iter().all(|e| {
            matches!(e.kind(), ValidationErrorKind::Required { property } if property.as_str() == Some("$ref"))
        })
    };
    // An alternative whose fixed values (`in: header`, `type: apiKey`) the value does not have
    // is a different kind of object, not a near miss.
    let other_kind = |branch: &[ValidationError<'static>]| {
        branch.iter().any(|e| {
            matches!(
                e.kind(),
                ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. }
            )
        })
    };
    let depth = |e: &ValidationError<'static>| e.instance_path().as_str().matches('/').count();
    let best = context.iter().filter(|b| !b.is_empty()).min_by_key(|b| {
        let deepest = b.iter().map(depth).max().unwrap_or(0);
        (
            only_misses_ref(b),
            other_kind(b),
            b.len(),
            std::cmp::Reverse(deepest),
        )
    });
    match best.and_then(|b| b.iter().max_by_key(|e| depth(e))) {
        Some(e) => closest(e),
        None => (
            err.instance_path().as_str().to_string(),
            err.masked().to_string(),
        ),
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

/// OpenAPI 3.1 and 3.2 schemas are JSON Schema 2020-12, which the official OpenAPI schemas
/// leave unchecked: every Schema Object is checked against the 2020-12 meta-schema here.
pub(crate) fn check_schemas(root: &Node, origins: &Origins, diags: &mut Vec<Diagnostic>) {
    let mut roots: Vec<(String, &Node)> = Vec::new();
    collect_schema_roots(root, "", &mut roots, 0);
    for (ptr, schema) in roots {
        if let Err(e) = jsonschema::meta::validate_for::<TreeJson>(schema) {
            let inner = e.instance_path().as_str().to_string();
            let tokens: Vec<String> = inner
                .strip_prefix('/')
                .map(|p| p.split('/').map(unescape_token).collect())
                .unwrap_or_default();
            let node = schema
                .pointer_tokens(tokens.iter().map(String::as_str))
                .unwrap_or(schema);
            let full = format!("{ptr}{inner}");
            diags.push(
                Diagnostic::error(
                    "schema-invalid",
                    format!(
                        "{full}: not a valid JSON Schema 2020-12 schema: {}",
                        e.masked()
                    ),
                )
                .at(node.span, origins.original(&full)),
            );
        }
    }
}

fn collect_schema_roots<'a>(
    n: &'a Node,
    ptr: &str,
    out: &mut Vec<(String, &'a Node)>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    match &n.value {
        crate::node::Value::Object(m) => {
            for e in &m.entries {
                if e.key.starts_with("x-") || matches!(&*e.key, "example" | "examples") {
                    continue;
                }
                let p = crate::node::join(ptr, &e.key);
                if &*e.key == "schema" {
                    out.push((p, &e.value));
                } else if &*e.key == "schemas" && ptr == "/components" {
                    if let Some(s) = e.value.as_object() {
                        for x in &s.entries {
                            out.push((crate::node::join(&p, &x.key), &x.value));
                        }
                    }
                } else {
                    collect_schema_roots(&e.value, &p, out, depth + 1);
                }
            }
        }
        crate::node::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect_schema_roots(x, &crate::node::join(ptr, &i.to_string()), out, depth + 1);
            }
        }
        _ => {}
    }
}
