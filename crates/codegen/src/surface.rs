//! The public names of a generated SDK: what a backend calls each type, member, method and
//! argument of the model once keywords are escaped and collisions numbered or suffixed.
//!
//! Each backend decides these names in one function (`rust::surface`, `typescript::surface`,
//! `python::surface`) that its generator renders from, so a reader of the model (`oaskit diff`,
//! judging whether an SDK's public API changed) sees exactly the names users import and call.

use std::collections::HashSet;

/// `name`, or `name` with `_` appended as often as it takes to be free in `taken`, which then
/// holds it: how every backend settles a clash among its own names.
pub(crate) fn first_free(taken: &mut HashSet<String>, mut name: String) -> String {
    while !taken.insert(name.clone()) {
        name.push('_');
    }
    name
}

/// The names one backend gives the items of an [`crate::ir::Api`], by index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Surface {
    /// Per type of `api.types`: its name.
    pub types: Vec<String>,
    /// Per type of `api.types`: the name of each member the language names, by index into
    /// the struct's fields, the enum's values or the union's variants (`None` for a member the
    /// backend leaves out, such as a repeated enum value); empty where the language has no
    /// names for them (a TypeScript enum is a union of literals).
    pub members: Vec<Vec<Option<String>>>,
    /// Per operation of `api.operations`: its method name.
    pub methods: Vec<String>,
    /// Per operation: the argument name of each of its parameters, by index.
    pub params: Vec<Vec<String>>,
}

impl Surface {
    /// The name of member `k` of type `i`, when the language names it.
    #[must_use]
    pub fn member(&self, i: usize, k: usize) -> Option<&str> {
        self.members.get(i)?.get(k)?.as_deref()
    }
}
