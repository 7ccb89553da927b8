//! Applying an overlay's actions, in order, to a document tree.
//!
//! Queries run on a `serde_json` copy of the tree (what the JSONPath engine reads); each
//! action changes oaskit's tree and then refreshes the copy only where it changed, so an
//! overlay of many small actions costs the size of what they touch, not of the document.

use std::collections::HashSet;

use oaskit_core::{join_pointer, Diagnostic, Node, Span, Value};

use crate::codes;
use crate::document::{Action, Change, Overlay};
use crate::merge::{merge, Budget, Conflict, Kind};
use crate::path::{node_at, node_at_mut, pointer, value_at_mut, Query, Step};

/// Most nodes one overlay may add to a document (every clone of an update or copy value).
pub const MAX_ADDED_NODES: usize = 10_000_000;

/// Applies `overlay` to `root`. Returns the findings, located in the overlay file (a copy's
/// conflicts point at its `copy` field). An action that fails is skipped; the others apply.
#[must_use]
pub fn apply(root: &mut Node, overlay: &Overlay) -> Vec<Diagnostic> {
    let mut run = Run {
        mirror: root.to_json(),
        budget: Budget::new(MAX_ADDED_NODES),
        diags: Vec::new(),
    };
    for action in &overlay.actions {
        if run.action(root, action).is_err() {
            run.diags.push(
                Diagnostic::error(
                    codes::LIMIT,
                    format!(
                        "applying action {} would add more than {MAX_ADDED_NODES} nodes; it and the actions after it were not applied",
                        action.index
                    ),
                )
                .at(action.target_span, join_pointer(&action.pointer, "target")),
            );
            break;
        }
    }
    run.diags
}

/// The budget ran out during an action.
struct Stop;

struct Run {
    mirror: serde_json::Value,
    budget: Budget,
    diags: Vec<Diagnostic>,
}

impl Run {
    fn action(&mut self, root: &mut Node, action: &Action) -> Result<(), Stop> {
        let target_ptr = join_pointer(&action.pointer, "target");
        let query = match Query::compile(&action.target) {
            Ok(q) => q,
            Err(e) => {
                self.diags.push(
                    Diagnostic::error(
                        codes::JSONPATH,
                        format!(
                            "`target` {:?} is not an RFC 9535 JSONPath query: {e}",
                            action.target
                        ),
                    )
                    .at(action.target_span, target_ptr),
                );
                return Ok(());
            }
        };
        let mut selected = query.select(&self.mirror);
        if selected.is_empty() {
            self.diags.push(
                Diagnostic::warning(
                    codes::UNMATCHED,
                    format!(
                        "`target` {:?} selects no node; action {} changes nothing",
                        action.target, action.index
                    ),
                )
                .at(action.target_span, target_ptr),
            );
            return Ok(());
        }
        // A node selected twice (`$['a','a']`) is changed once.
        let mut seen = HashSet::new();
        selected.retain(|s| seen.insert(s.clone()));
        match &action.change {
            Change::Nothing => Ok(()),
            Change::Remove => {
                self.remove(root, action, selected);
                Ok(())
            }
            Change::Update(value) => {
                let at = (value.span, join_pointer(&action.pointer, "update"));
                self.update(root, action, &selected, value, &at)
            }
            Change::Copy { query, span } => {
                let at = (*span, join_pointer(&action.pointer, "copy"));
                let source = match Query::compile(query) {
                    Ok(q) => q.select(&self.mirror),
                    Err(e) => {
                        self.diags.push(
                            Diagnostic::error(
                                codes::JSONPATH,
                                format!("`copy` {query:?} is not an RFC 9535 JSONPath query: {e}"),
                            )
                            .at(at.0, at.1),
                        );
                        return Ok(());
                    }
                };
                let [only] = source.as_slice() else {
                    self.diags.push(
                        Diagnostic::error(
                            codes::COPY_SOURCE,
                            format!(
                                "`copy` {query:?} selects {} nodes; it must select exactly one",
                                source.len()
                            ),
                        )
                        .at(at.0, at.1),
                    );
                    return Ok(());
                };
                let Some(value) = node_at(root, only).cloned() else {
                    return Ok(());
                };
                self.update(root, action, &selected, &value, &at)
            }
        }
    }

    /// Removes the selected nodes: grouped by parent, one pass over each parent, deepest
    /// parents first so that the steps to the others stay valid.
    fn remove(&mut self, root: &mut Node, action: &Action, selected: Vec<Vec<Step>>) {
        let mut by_parent: std::collections::BTreeMap<Vec<Step>, HashSet<Step>> =
            std::collections::BTreeMap::new();
        for mut steps in selected {
            let Some(last) = steps.pop() else {
                self.diags.push(
                    Diagnostic::error(
                        codes::REMOVE_ROOT,
                        format!(
                            "action {} removes the document root; it was not removed",
                            action.index
                        ),
                    )
                    .at(action.target_span, join_pointer(&action.pointer, "target")),
                );
                continue;
            };
            by_parent.entry(steps).or_default().insert(last);
        }
        for (parent, gone) in by_parent.iter().rev() {
            if let Some(p) = node_at_mut(root, parent) {
                match &mut p.value {
                    Value::Object(m) => m
                        .entries
                        .retain(|e| !gone.contains(&Step::Key(e.key.to_string()))),
                    Value::Array(a) => {
                        let mut i = 0;
                        a.retain(|_| {
                            i += 1;
                            !gone.contains(&Step::Index(i - 1))
                        });
                    }
                    _ => {}
                }
            }
            match value_at_mut(&mut self.mirror, parent) {
                Some(serde_json::Value::Object(m)) => {
                    m.retain(|k, _| !gone.contains(&Step::Key(k.clone())));
                }
                Some(serde_json::Value::Array(a)) => {
                    let mut i = 0;
                    a.retain(|_| {
                        i += 1;
                        !gone.contains(&Step::Index(i - 1))
                    });
                }
                _ => {}
            }
        }
    }

    /// Merges `value` into every selected node. `at` is where the value is written, for
    /// findings.
    fn update(
        &mut self,
        root: &mut Node,
        action: &Action,
        selected: &[Vec<Step>],
        value: &Node,
        at: &(Span, String),
    ) -> Result<(), Stop> {
        let kinds: Vec<Kind> = selected
            .iter()
            .filter_map(|s| node_at(root, s).map(Kind::of))
            .collect();
        if let Some(first) = kinds.first() {
            if let Some(other) = kinds.iter().find(|k| *k != first) {
                self.diags.push(
                    Diagnostic::error(
                        codes::INCOMPATIBLE,
                        format!(
                            "`target` {:?} selects both {} and {}; the nodes one action changes must be all objects, all arrays or all primitives",
                            action.target,
                            first.name(),
                            other.name()
                        ),
                    )
                    .at(action.target_span, join_pointer(&action.pointer, "target")),
                );
                return Ok(());
            }
        }
        if self
            .budget
            .check(value.count().saturating_mul(selected.len()))
            .is_err()
        {
            return Err(Stop);
        }
        let mut conflicts = Vec::new();
        let mut result = Ok(());
        for steps in selected {
            let Some(node) = node_at_mut(root, steps) else {
                continue;
            };
            let before = conflicts.len();
            if merge(node, value, &mut self.budget, &mut conflicts).is_err() {
                result = Err(Stop);
                break;
            }
            for c in &conflicts[before..] {
                self.conflict(action, steps, c, value, at);
            }
        }
        self.refresh(root, selected);
        result
    }

    fn conflict(
        &mut self,
        action: &Action,
        steps: &[Step],
        c: &Conflict,
        value: &Node,
        at: &(Span, String),
    ) {
        let mut doc_ptr = pointer(steps);
        let mut span = at.0;
        let mut ptr = at.1.clone();
        let mut cur = Some(value);
        for k in &c.path {
            doc_ptr = join_pointer(&doc_ptr, k);
            cur = cur.and_then(|n| n.get(k));
            if let (Some(n), true) = (cur, matches!(action.change, Change::Update(_))) {
                span = n.span;
                ptr = join_pointer(&ptr, k);
            }
        }
        self.diags.push(
            Diagnostic::error(
                codes::INCOMPATIBLE,
                format!(
                    "action {} cannot merge {} into {} at {doc_ptr:?}; that node was left unchanged",
                    action.index,
                    c.update.name(),
                    c.target.name()
                ),
            )
            .at(span, ptr),
        );
    }

    /// Refreshes the query copy at every changed place (once under a common ancestor).
    fn refresh(&mut self, root: &Node, changed: &[Vec<Step>]) {
        let mut sorted: Vec<&Vec<Step>> = changed.iter().collect();
        sorted.sort_unstable();
        let mut last: Option<&Vec<Step>> = None;
        for steps in sorted {
            if last.is_some_and(|l| steps.starts_with(l)) {
                continue;
            }
            last = Some(steps);
            if let (Some(node), Some(slot)) =
                (node_at(root, steps), value_at_mut(&mut self.mirror, steps))
            {
                *slot = node.to_json();
            }
        }
    }
}
