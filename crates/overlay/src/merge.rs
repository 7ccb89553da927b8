//! The Overlay merge: objects merge member by member, arrays are appended to, primitives are
//! replaced. Merged-in nodes are clones of the overlay's nodes and keep their spans, so
//! findings on them point into the overlay file.

use oaskit_core::{Entry, Node, Value};

/// The kind of a node for the rule that one action's targets are all of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An object.
    Object,
    /// An array.
    Array,
    /// Anything else.
    Primitive,
}

impl Kind {
    /// The kind of `node`.
    #[must_use]
    pub fn of(node: &Node) -> Self {
        match node.value {
            Value::Object(_) => Kind::Object,
            Value::Array(_) => Kind::Array,
            _ => Kind::Primitive,
        }
    }

    /// A name for messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Kind::Object => "an object",
            Kind::Array => "an array",
            Kind::Primitive => "a primitive value",
        }
    }
}

/// A member that could not be merged: the path below the merge's root, the kinds met.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// Member names from the merged node down to the conflict.
    pub path: Vec<String>,
    /// The kind in the document.
    pub target: Kind,
    /// The kind in the update.
    pub update: Kind,
}

/// How many nodes a merge may still add; shared by all the actions of one overlay.
#[derive(Debug)]
pub struct Budget {
    left: usize,
}

/// The budget ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverBudget;

impl Budget {
    /// A budget of `nodes` added nodes.
    #[must_use]
    pub fn new(nodes: usize) -> Self {
        Self { left: nodes }
    }

    /// Refuses up front a change that may add `nodes` nodes when fewer are left, so that an
    /// update bound for a million targets fails before the first clone.
    ///
    /// # Errors
    /// [`OverBudget`] when `nodes` is more than what is left.
    pub fn check(&self, nodes: usize) -> Result<(), OverBudget> {
        if nodes > self.left {
            Err(OverBudget)
        } else {
            Ok(())
        }
    }

    /// A clone of `node`, paid for by its node count.
    fn take(&mut self, node: &Node) -> Result<Node, OverBudget> {
        let n = node.count();
        if n > self.left {
            self.left = 0;
            return Err(OverBudget);
        }
        self.left -= n;
        Ok(node.clone())
    }
}

/// Merges `update` into the selected node `target` (the top level of an action).
///
/// # Errors
/// [`OverBudget`] when the clones would pass the budget; `target` may then be partly merged.
pub fn merge(
    target: &mut Node,
    update: &Node,
    budget: &mut Budget,
    conflicts: &mut Vec<Conflict>,
) -> Result<(), OverBudget> {
    let kinds = (Kind::of(target), Kind::of(update));
    match (&mut target.value, &update.value) {
        (Value::Object(_), Value::Object(_)) => {
            merge_members(target, update, &mut Vec::new(), budget, conflicts)
        }
        (Value::Array(items), Value::Array(more)) => {
            for x in more {
                items.push(budget.take(x)?);
            }
            Ok(())
        }
        (Value::Array(items), _) => {
            items.push(budget.take(update)?);
            Ok(())
        }
        (Value::Object(_), _) | (_, Value::Object(_) | Value::Array(_)) => {
            conflicts.push(Conflict {
                path: Vec::new(),
                target: kinds.0,
                update: kinds.1,
            });
            Ok(())
        }
        _ => {
            *target = budget.take(update)?;
            Ok(())
        }
    }
}

/// Merges the members of the object `update` into the object `target`.
fn merge_members(
    target: &mut Node,
    update: &Node,
    path: &mut Vec<String>,
    budget: &mut Budget,
    conflicts: &mut Vec<Conflict>,
) -> Result<(), OverBudget> {
    let (Value::Object(into), Value::Object(from)) = (&mut target.value, &update.value) else {
        return Ok(());
    };
    for e in &from.entries {
        let Some(existing) = into.get_mut(&e.key) else {
            into.entries.push(Entry {
                key: e.key.clone(),
                key_span: e.key_span,
                value: budget.take(&e.value)?,
            });
            continue;
        };
        let kinds = (Kind::of(existing), Kind::of(&e.value));
        match (&mut existing.value, &e.value.value) {
            (Value::Object(_), Value::Object(_)) => {
                path.push(e.key.to_string());
                merge_members(existing, &e.value, path, budget, conflicts)?;
                path.pop();
            }
            (Value::Array(items), Value::Array(more)) => {
                for x in more {
                    items.push(budget.take(x)?);
                }
            }
            // A null member over an object or array leaves it as it is: the specification's
            // own "structured overlay" example writes `components:` and `tags:` that way.
            (Value::Object(_) | Value::Array(_), Value::Null) => {}
            (Value::Object(_) | Value::Array(_), _) | (_, Value::Object(_) | Value::Array(_)) => {
                let mut at = path.clone();
                at.push(e.key.to_string());
                conflicts.push(Conflict {
                    path: at,
                    target: kinds.0,
                    update: kinds.1,
                });
            }
            _ => *existing = budget.take(&e.value)?,
        }
    }
    Ok(())
}
