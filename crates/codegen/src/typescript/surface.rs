//! The TypeScript SDK's public names: the one place they are decided (see
//! [`crate::surface`]).

use std::collections::HashSet;

use super::escape::{camel, pascal_ident, property_key, RESERVED_METHODS, RESERVED_TYPES};
use crate::ir::{Api, TypeKind};
use crate::surface::Surface;

/// The names the TypeScript backend gives `api`'s items. Interfaces keep the wire names of
/// their properties; enums and unions are unions of literals and types, with no member names.
#[must_use]
pub fn surface(api: &Api) -> Surface {
    let mut used: HashSet<String> = RESERVED_TYPES.iter().map(|g| g.to_string()).collect();
    let types = api
        .types
        .iter()
        .map(|t| {
            let id = pascal_ident(&t.name);
            crate::surface::first_free(&mut used, id)
        })
        .collect();
    let members = api
        .types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct { fields, .. } => {
                let mut seen = HashSet::new();
                fields
                    .iter()
                    .map(|f| seen.insert(f.wire.as_str()).then(|| property_key(&f.wire)))
                    .collect()
            }
            _ => Vec::new(),
        })
        .collect();
    let mut taken: HashSet<String> = RESERVED_METHODS.iter().map(|m| m.to_string()).collect();
    let methods = api
        .operations
        .iter()
        .map(|op| {
            let method = camel(&op.name);
            crate::surface::first_free(&mut taken, method)
        })
        .collect();
    let params = api
        .operations
        .iter()
        .map(|op| {
            // The argument object's keys; `body` holds the request body.
            let mut used: HashSet<String> = HashSet::from(["body".to_string()]);
            op.params
                .iter()
                .map(|p| {
                    let key = camel(&p.name);
                    crate::surface::first_free(&mut used, key)
                })
                .collect()
        })
        .collect();
    Surface {
        types,
        members,
        methods,
        params,
    }
}
