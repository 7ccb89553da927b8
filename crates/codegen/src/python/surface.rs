//! The Python SDK's public names: the one place they are decided (see [`crate::surface`]).

use std::collections::HashSet;

use super::escape::{
    is_reserved, pascal_ident, snake, upper, BUILTINS, CLASS_BODY_NAMES, MODULE_NAMES,
};
use super::{MAX_ENUM_VALUES, RESERVED_FIELDS};
use crate::ir::{Api, TypeDef, TypeKind};
use crate::surface::Surface;

/// Names `client.py` keeps for itself beside the client's methods.
const CLIENT_METHODS: &[&str] = &["base_url", "for_server"];

/// Keyword arguments every operation method keeps for itself.
const METHOD_ARGS: &[&str] = &["self", "body", "res", "timeout"];

/// The names the Python backend gives `api`'s items: dataclass fields and `str` enum members
/// are named, `Union` aliases are not.
#[must_use]
pub fn surface(api: &Api) -> Surface {
    let mut used: HashSet<String> = HashSet::new();
    let types = api
        .types
        .iter()
        .map(|t| {
            let mut id = pascal_ident(&t.name);
            while is_reserved(&id) || !used.insert(id.clone()) {
                id.push('_');
            }
            id
        })
        .collect();
    let mut taken: HashSet<String> = CLIENT_METHODS
        .iter()
        .chain(BUILTINS.iter())
        .chain(MODULE_NAMES.iter())
        .map(|s| s.to_string())
        .collect();
    let methods = api
        .operations
        .iter()
        .map(|op| {
            let mut method = snake(&op.name);
            if method.starts_with('_') {
                method = format!("op{method}");
            }
            crate::surface::first_free(&mut taken, method)
        })
        .collect();
    let params = api
        .operations
        .iter()
        .map(|op| {
            let mut names: HashSet<String> = METHOD_ARGS
                .iter()
                .chain(BUILTINS.iter())
                .chain(MODULE_NAMES.iter())
                .map(|s| s.to_string())
                .collect();
            op.params
                .iter()
                .map(|p| {
                    let mut name = snake(&p.name);
                    if name.starts_with('_') {
                        name = format!("p{name}");
                    }
                    crate::surface::first_free(&mut names, name)
                })
                .collect()
        })
        .collect();
    Surface {
        types,
        members: api.types.iter().map(members).collect(),
        methods,
        params,
    }
}

/// The names of the listing helpers of each paginated operation, `(pages, all)`: claimed
/// after every operation's method name, so an operation keeps its name when a helper would
/// take it (`{method}_pages` and `{method}_all`, with `_` added until unique).
pub(super) fn listing_names(api: &Api, methods: &[String]) -> Vec<Option<(String, String)>> {
    let mut taken: HashSet<String> = CLIENT_METHODS
        .iter()
        .chain(BUILTINS.iter())
        .chain(MODULE_NAMES.iter())
        .map(|s| s.to_string())
        .chain(methods.iter().cloned())
        .collect();
    let mut unique = |name: String| crate::surface::first_free(&mut taken, name);
    api.operations
        .iter()
        .zip(methods)
        .map(|(op, method)| {
            op.pagination.as_ref().map(|_| {
                (
                    unique(format!("{method}_pages")),
                    unique(format!("{method}_all")),
                )
            })
        })
        .collect()
}

/// Whether the backend writes type `t` as a `str` enum.
pub(super) fn is_str_enum(t: &TypeDef) -> bool {
    matches!(&t.kind, TypeKind::Enum { values, strings }
        if *strings && !values.is_empty() && values.len() <= MAX_ENUM_VALUES)
}

/// Dataclass field or enum member names of one type (a repeated wire name has none).
fn members(t: &TypeDef) -> Vec<Option<String>> {
    match &t.kind {
        TypeKind::Struct { fields, .. } => {
            let mut used: HashSet<String> = RESERVED_FIELDS
                .iter()
                .chain(CLASS_BODY_NAMES.iter())
                .chain(MODULE_NAMES.iter())
                .map(|s| s.to_string())
                .collect();
            let mut seen = HashSet::new();
            fields
                .iter()
                .map(|f| {
                    if !seen.insert(f.wire.as_str()) {
                        return None;
                    }
                    let name = snake(&f.name);
                    Some(crate::surface::first_free(&mut used, name))
                })
                .collect()
        }
        TypeKind::Enum { values, .. } if is_str_enum(t) => {
            let mut used: HashSet<String> = HashSet::from(["UNKNOWN".to_string()]);
            let mut wires = HashSet::new();
            values
                .iter()
                .map(|v| {
                    if !wires.insert(v.wire.as_str().unwrap_or_default()) {
                        return None;
                    }
                    let name = upper(&v.name);
                    Some(crate::surface::first_free(&mut used, name))
                })
                .collect()
        }
        _ => Vec::new(),
    }
}
