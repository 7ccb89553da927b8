//! The last pass of a compilation, before its nodes are published: references to a node that
//! is only a `$ref` (or a one-element `allOf`) jump to its final target, and `properties`
//! subschemas that only check `type` are checked in place.

use std::collections::HashMap;

use crate::arena::Arena;
use crate::node::{Check, Node, NodeId};

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

/// The type set of a node that only checks `type` (not draft 4's strict integers), else 0.
fn leaf(n: &Node) -> u8 {
    if n.always.is_some() || n.scope.is_some() || n.steps.len() != 1 {
        return 0;
    }
    match &n.steps[0].check {
        Check::Type(t, false) => t.0,
        _ => 0,
    }
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
    let mut leaves: HashMap<NodeId, u8> = HashMap::new();
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
                if let Check::Items { node, .. } = &step.check {
                    let f = resolve(*node);
                    leaves.insert(*node, lookup(f).map_or(0, leaf));
                }
                if let Check::Properties { names, .. } = &step.check {
                    for c in names.values.iter() {
                        let f = resolve(c.id);
                        finals.insert(c.id, f);
                        leaves.insert(c.id, lookup(f).map_or(0, leaf));
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
    for (_, n) in built.iter_mut() {
        for step in n.steps.iter_mut() {
            match &mut step.check {
                Check::Properties { names, .. } => {
                    for c in names.values.iter_mut() {
                        c.leaf = leaves.get(&c.id).copied().unwrap_or(0);
                        f(&mut c.id);
                    }
                }
                Check::PatternProperties(p) => p.iter_mut().for_each(|(_, id)| f(id)),
                Check::Items { node, leaf, .. } => {
                    *leaf = leaves.get(node).copied().unwrap_or(0);
                    f(node);
                }
                Check::AdditionalProperties { node, .. }
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
