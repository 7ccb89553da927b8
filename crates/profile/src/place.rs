//! Where a node of the normalized document stands in the user's files.

use oaskit_core::{Document, SpecVersion};

/// The pointer the user wrote for a node of the normalized document: through bundling (the
/// document's origins) and, for Swagger 2.0 input, back from the OpenAPI 3 places of the
/// upgrade that have a direct 2.0 counterpart.
pub(crate) fn original(doc: &Document, pointer: &str) -> String {
    let p = doc.origins().original(pointer);
    if doc.source_version() != SpecVersion::Swagger2 {
        return p;
    }
    for (v3, v2) in [
        ("/components/schemas", "/definitions"),
        ("/components/responses", "/responses"),
        ("/components/parameters", "/parameters"),
        ("/components/securitySchemes", "/securityDefinitions"),
    ] {
        if let Some(rest) = p.strip_prefix(v3) {
            if rest.is_empty() || rest.starts_with('/') {
                return format!("{v2}{rest}");
            }
        }
    }
    p
}
