//! The last pass of a compilation, before its nodes are published: references to a node that
//! is only a `$ref` (or a one-element `allOf`) jump to its final target, and `properties`
//! subschemas that only assert (`type`, `enum`, `format`, bounds...) are checked in place.

use std::collections::HashMap;
use std::sync::Arc;

use crate::arena::Arena;
use crate::node::{Check, Leaf, Node, NodeId, Step};
use crate::TypeSet;

/// The target of a node that does nothing but apply one other schema in place.
fn forward(n: &Node) -> Option<NodeId> {
    if n.always.is_some() || n.scope.is_some() || n.uneval || n.steps.len() != 1 {
        return None;
    }
    match &n.steps[0].check {
        Check::Ref(t) => Some(*t),
        Check::AllOf(ids) if ids.len() == 1 => Some(ids[0]),
        _ => None,
    }
}

/// How a node is checked in place by its parent (see [`Leaf`]).
fn leaf(n: &Node) -> Leaf {
    if n.scope.is_some() || n.uneval {
        return Leaf::Enter;
    }
    match n.always {
        Some(true) => return Leaf::Types(TypeSet::ALL),
        Some(false) => return Leaf::Enter,
        None => {}
    }
    if let [Step {
        check: Check::Type(t, false),
        ..
    }] = &*n.steps
    {
        return Leaf::Types(t.0);
    }
    if n.steps.iter().all(|s| is_assertion(&s.check)) {
        return Leaf::Steps(Arc::clone(&n.steps));
    }
    Leaf::Enter
}

/// Whether `check` enters no subschema.
fn is_assertion(check: &Check) -> bool {
    matches!(
        check,
        Check::Type(..)
            | Check::Const(_)
            | Check::Enum { .. }
            | Check::Minimum(_)
            | Check::Maximum(_)
            | Check::ExclusiveMinimum(_)
            | Check::ExclusiveMaximum(_)
            | Check::MultipleOf(_)
            | Check::MinLength(_)
            | Check::MaxLength(_)
            | Check::MinItems(_)
            | Check::MaxItems(_)
            | Check::MinProperties(_)
            | Check::MaxProperties(_)
            | Check::Required { fused: false, .. }
            | Check::DependentRequired(_)
            | Check::Pattern(..)
            | Check::Format(..)
            | Check::UniqueItems
    )
}

/// The node evaluation starts at for `id`: its final target when it only forwards.
pub(crate) fn entry(arena: &Arena, start: NodeId) -> NodeId {
    let mut id = start;
    for _ in 0..32 {
        match arena.get(id).and_then(forward) {
            Some(t) if t != id && t != start => id = t,
            _ => break,
        }
    }
    id
}

pub(crate) fn link(built: &mut [(NodeId, Node)], arena: &Arena) {
    let at: HashMap<NodeId, usize> = built
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut finals: HashMap<NodeId, NodeId> = HashMap::new();
    {
        let lookup = |id: NodeId| -> Option<&Node> {
            match at.get(&id) {
                Some(i) => built.get(*i).map(|(_, n)| n),
                None => arena.get(id),
            }
        };
        let resolve = |start: NodeId| -> NodeId {
            let mut id = start;
            for _ in 0..32 {
                match lookup(id).and_then(forward) {
                    Some(t) if t != id && t != start => id = t,
                    _ => break,
                }
            }
            id
        };
        for (_, n) in built.iter() {
            for step in n.steps.iter() {
                for id in children(&step.check) {
                    finals.entry(id).or_insert_with(|| resolve(id));
                }
                if let Check::Properties { names, .. } = &step.check {
                    for c in names.values.iter() {
                        finals.entry(c.id).or_insert_with(|| resolve(c.id));
                    }
                }
            }
        }
    }
    let f = |id: &mut NodeId| {
        if let Some(t) = finals.get(id) {
            *id = *t;
        }
    };
    // The fresh nodes are not shared yet, so their steps can be changed in place.
    for (_, n) in built.iter_mut() {
        let Some(steps) = Arc::get_mut(&mut n.steps) else {
            continue;
        };
        for step in steps.iter_mut() {
            match &mut step.check {
                Check::Properties { names, .. } => {
                    names.values.iter_mut().for_each(|c| f(&mut c.id));
                }
                Check::PatternProperties(p) => p.iter_mut().for_each(|(_, id)| f(id)),
                Check::AdditionalProperties { node, .. }
                | Check::Items { node, .. }
                | Check::Contains { node, .. }
                | Check::UnevaluatedProperties { node, .. }
                | Check::UnevaluatedItems { node, .. }
                | Check::PropertyNames(node)
                | Check::Ref(node) => f(node),
                Check::PrefixItems(ids)
                | Check::AllOf(ids)
                | Check::AnyOf(ids)
                | Check::OneOf(ids) => ids.iter_mut().for_each(f),
                Check::DependentSchemas(d) => d.iter_mut().for_each(|(_, id)| f(id)),
                Check::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    f(cond);
                    if let Some(t) = then {
                        f(t);
                    }
                    if let Some(e) = otherwise {
                        f(e);
                    }
                }
                // `not` keeps its own subschema: its error names the negated schema.
                _ => {}
            }
        }
    }
    // Then the in-place checks of `properties` and `items` subschemas (final nodes now; a
    // node with such subschemas is no leaf itself, so its steps are still unshared).
    let mut leaves: HashMap<NodeId, Leaf> = HashMap::new();
    for (_, n) in built.iter() {
        for step in n.steps.iter() {
            let ids: Vec<NodeId> = match &step.check {
                Check::Properties { names, .. } => names.values.iter().map(|c| c.id).collect(),
                Check::Items { node, .. } => vec![*node],
                _ => continue,
            };
            for id in ids {
                leaves.entry(id).or_insert_with(|| {
                    let node = match at.get(&id) {
                        Some(i) => built.get(*i).map(|(_, n)| n),
                        None => arena.get(id),
                    };
                    node.map_or(Leaf::Enter, leaf)
                });
            }
        }
    }
    let leaf_of = |id: NodeId| leaves.get(&id).cloned().unwrap_or_default();
    for (_, n) in built.iter_mut() {
        let Some(steps) = Arc::get_mut(&mut n.steps) else {
            continue;
        };
        for step in steps.iter_mut() {
            match &mut step.check {
                Check::Properties { names, .. } => {
                    for c in names.values.iter_mut() {
                        c.leaf = leaf_of(c.id);
                    }
                }
                Check::Items { node, leaf, .. } => *leaf = leaf_of(*node),
                _ => {}
            }
        }
    }
}

/// The node ids a check applies (except `properties` and `not`).
fn children(check: &Check) -> Vec<NodeId> {
    match check {
        Check::PatternProperties(p) => p.iter().map(|(_, id)| *id).collect(),
        Check::AdditionalProperties { node, .. }
        | Check::Items { node, .. }
        | Check::Contains { node, .. }
        | Check::UnevaluatedProperties { node, .. }
        | Check::UnevaluatedItems { node, .. }
        | Check::PropertyNames(node)
        | Check::Ref(node) => vec![*node],
        Check::PrefixItems(ids) | Check::AllOf(ids) | Check::AnyOf(ids) | Check::OneOf(ids) => {
            ids.to_vec()
        }
        Check::DependentSchemas(d) => d.iter().map(|(_, id)| *id).collect(),
        Check::If {
            cond,
            then,
            otherwise,
        } => [Some(*cond), *then, *otherwise]
            .into_iter()
            .flatten()
            .collect(),
        _ => Vec::new(),
    }
}
