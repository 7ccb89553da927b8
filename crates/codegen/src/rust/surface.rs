//! The Rust SDK's public names: the one place they are decided (see [`crate::surface`]).

use std::collections::HashSet;

use super::escape::{pascal_ident, snake, RESERVED_METHODS, RESERVED_TYPES};
use super::MAX_ENUM_VARIANTS;
use crate::ir::{Api, TypeDef, TypeKind};
use crate::surface::Surface;

/// Argument names a request builder keeps for itself.
const BUILDER_NAMES: &[&str] = &[
    "self",
    "body",
    "send",
    "send_lenient",
    "timeout",
    "new",
    "pages",
    "items",
];

/// The names the Rust backend gives `api`'s items.
#[must_use]
pub fn surface(api: &Api) -> Surface {
    // Types share the `types` module with the prelude and its imports; case-insensitively,
    // since file systems and readers both confuse `Pet` and `PET`.
    let mut used: HashSet<String> = RESERVED_TYPES
        .iter()
        .map(|r| r.to_ascii_lowercase())
        .collect();
    let types: Vec<String> = api
        .types
        .iter()
        .map(|t| {
            let mut id = pascal_ident(&t.name);
            while !used.insert(id.to_ascii_lowercase()) {
                id.push('_');
            }
            id
        })
        .collect();
    let mut taken: HashSet<String> = RESERVED_METHODS.iter().map(|m| m.to_string()).collect();
    let methods = api
        .operations
        .iter()
        .map(|op| {
            let name = snake(&op.name);
            crate::surface::first_free(&mut taken, name)
        })
        .collect();
    let params = api
        .operations
        .iter()
        .map(|op| {
            let mut used: HashSet<String> = BUILDER_NAMES.iter().map(|s| s.to_string()).collect();
            op.params
                .iter()
                .map(|p| {
                    let mut name = snake(&p.name);
                    if name.starts_with("oaskit_") {
                        name = format!("p_{name}");
                    }
                    crate::surface::first_free(&mut used, name)
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

/// Field, enum variant or union variant names of one type.
fn members(t: &TypeDef) -> Vec<Option<String>> {
    let mut used = HashSet::new();
    match &t.kind {
        TypeKind::Struct { fields, .. } => fields
            .iter()
            .map(|f| {
                let mut name = snake(&f.name);
                let mut n = 2;
                while !used.insert(name.clone()) || name == "additional_properties" {
                    name = format!("{}_{n}", snake(&f.name));
                    n += 1;
                }
                Some(name)
            })
            .collect(),
        TypeKind::Enum { values, strings } if *strings && values.len() <= MAX_ENUM_VARIANTS => {
            let mut wires = HashSet::new();
            values
                .iter()
                .map(|v| {
                    // A repeated value would be an unreachable match arm.
                    if !wires.insert(v.wire.as_str().unwrap_or_default()) {
                        return None;
                    }
                    let mut name = pascal_ident(&v.name);
                    while !used.insert(name.clone()) || name == "Unknown" {
                        name.push('_');
                    }
                    Some(name)
                })
                .collect()
        }
        TypeKind::Union { variants, .. } => {
            // A union keeps `Unknown` for the tags it does not know (discriminated) or the
            // values that match no variant (untagged).
            variants
                .iter()
                .map(|(name, _)| {
                    let mut n = pascal_ident(name);
                    while !used.insert(n.clone()) || n == "Unknown" {
                        n.push('_');
                    }
                    Some(n)
                })
                .collect()
        }
        TypeKind::Enum { .. } | TypeKind::Alias(_) => Vec::new(),
    }
}
