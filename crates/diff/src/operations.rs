//! Operations of both sides matched by method and path (a path parameter renamed at the same
//! position is the same path), then compared part by part; webhooks by method and name, and the
//! callbacks of each operation by name and then by method and expression, judged from the side
//! of the server that receives them.

use std::collections::{HashMap, HashSet};

use oaskit_core::api::{template_variables, Operation, Origin};

use crate::codes as c;
use crate::context::{Cx, OpCx};
use crate::report::Level;
use crate::sdk::Target;
use crate::{bodies, params, responses, security};

/// A path template with its variables' names left out: `/pets/{}`.
pub(crate) fn normalized(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.push_str(&rest[..=i]);
        out.push('}');
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

fn key(op: &Operation<'_>) -> (String, String) {
    (op.method.key().to_string(), normalized(op.path))
}

/// The label of an operation: `GET /pets/{id}`, `POST webhook:newPet` (as oasdiff writes it).
pub(crate) fn label(op: &Operation<'_>) -> String {
    match op.origin {
        Origin::Webhook => format!("{} webhook:{}", op.method, op.path),
        _ => format!("{} {}", op.method, op.path),
    }
}

fn ir_key(op: &Operation<'_>) -> Option<(String, String)> {
    op.method.http().map(|m| (m, op.path.to_string()))
}

/// Which operations a list holds: how they are labelled, reported and judged.
#[derive(Clone, Copy)]
enum Kind<'p> {
    /// `paths`: called by clients.
    Paths,
    /// `webhooks`: sent by the API.
    Webhooks,
    /// The requests of one callback of the operation labelled so: sent by the API.
    Callback(&'p str, &'p str),
}

impl Kind<'_> {
    fn op_cx(self, old: Option<&Operation<'_>>, new: Option<&Operation<'_>>) -> OpCx {
        let shown = new.or(old).expect("one side");
        match self {
            Kind::Paths => OpCx {
                label: Some(label(shown)),
                keys: (old.and_then(ir_key), new.and_then(ir_key)),
                receiver: false,
            },
            Kind::Webhooks => OpCx {
                label: Some(label(shown)),
                keys: (None, None),
                receiver: true,
            },
            Kind::Callback(parent, name) => OpCx {
                label: Some(format!(
                    "{parent} callback {name}: {} {}",
                    shown.method, shown.path
                )),
                keys: (None, None),
                receiver: true,
            },
        }
    }
}

/// Compares every operation: those of `paths`, then the webhooks (callbacks are compared with
/// the operation that declares them).
pub(crate) fn compare(cx: &mut Cx<'_>) {
    let old_ops: Vec<Operation<'_>> = cx.old.api.operations().to_vec();
    let new_ops: Vec<Operation<'_>> = cx.new.api.operations().to_vec();
    lists(cx, &old_ops, &new_ops, Kind::Paths);
    let old_hooks: Vec<Operation<'_>> = cx.old.api.webhooks().to_vec();
    let new_hooks: Vec<Operation<'_>> = cx.new.api.webhooks().to_vec();
    lists(cx, &old_hooks, &new_hooks, Kind::Webhooks);
}

/// Pairs two lists of operations: first by method and path as written (or webhook name, or
/// callback expression), then the rest by method and path with variable names ignored (a path
/// parameter renamed at its position is the same operation), in order where a definition
/// declares several paths that differ only in variable names. The partner of each old
/// operation in `new_ops`, if any.
fn partners(old_ops: &[Operation<'_>], new_ops: &[Operation<'_>]) -> Vec<Option<usize>> {
    let written = |o: &Operation<'_>| (o.method.key().to_string(), o.path.to_string());
    let new_written: HashMap<(String, String), usize> = new_ops
        .iter()
        .enumerate()
        .map(|(i, o)| (written(o), i))
        .collect();
    let mut taken = vec![false; new_ops.len()];
    let mut partner: Vec<Option<usize>> = old_ops
        .iter()
        .map(|o| {
            let i = *new_written.get(&written(o))?;
            (!std::mem::replace(&mut taken[i], true)).then_some(i)
        })
        .collect();
    let mut rest: HashMap<(String, String), std::collections::VecDeque<usize>> = HashMap::new();
    for (i, n) in new_ops.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        rest.entry(key(n)).or_default().push_back(i);
    }
    for (k, o) in old_ops.iter().enumerate() {
        if partner[k].is_none() {
            partner[k] = rest
                .get_mut(&key(o))
                .and_then(std::collections::VecDeque::pop_front);
        }
    }
    partner
}

/// Matches two lists of operations ([`partners`]), reports those on one side only and
/// compares the pairs.
fn lists<'a>(
    cx: &mut Cx<'a>,
    old_ops: &[Operation<'a>],
    new_ops: &[Operation<'a>],
    kind: Kind<'_>,
) {
    let partner = partners(old_ops, new_ops);
    let mut paired = vec![false; new_ops.len()];
    for i in partner.iter().flatten() {
        paired[*i] = true;
    }
    let new_paths: HashSet<String> = new_ops.iter().map(|o| normalized(o.path)).collect();
    let old_paths: HashSet<String> = old_ops.iter().map(|o| normalized(o.path)).collect();
    for (o, partner) in old_ops.iter().zip(&partner) {
        match partner {
            Some(i) => pair(cx, kind, o, &new_ops[*i]),
            None => {
                let op = kind.op_cx(Some(o), None);
                let (id, level, what) = match kind {
                    Kind::Paths if new_paths.contains(&normalized(o.path)) => {
                        (c::OPERATION_REMOVED, Level::Breaking, "operation removed")
                    }
                    Kind::Paths => (c::PATH_REMOVED, Level::Breaking, "path removed"),
                    Kind::Webhooks => (c::WEBHOOK_REMOVED, Level::Warning, "webhook removed"),
                    Kind::Callback(..) => (
                        c::CALLBACK_REMOVED,
                        Level::Warning,
                        "callback request removed",
                    ),
                };
                cx.emit(
                    &op,
                    id,
                    level,
                    what.to_string(),
                    Some((o.node, &o.pointer)),
                    None,
                    &Target::Operation,
                );
            }
        }
    }
    for (n, _) in new_ops.iter().zip(&paired).filter(|(_, p)| !**p) {
        let op = kind.op_cx(None, Some(n));
        let (id, what) = match kind {
            Kind::Paths if old_paths.contains(&normalized(n.path)) => {
                (c::OPERATION_ADDED, "operation added")
            }
            Kind::Paths => (c::PATH_ADDED, "path added"),
            Kind::Webhooks => (c::WEBHOOK_ADDED, "webhook added"),
            Kind::Callback(..) => (c::CALLBACK_ADDED, "callback request added"),
        };
        cx.emit(
            &op,
            id,
            Level::Info,
            what.to_string(),
            None,
            Some((n.node, &n.pointer)),
            &Target::Operation,
        );
    }
}

/// Compares the callbacks two versions of an operation declare, by name, then their requests.
fn callbacks<'a>(cx: &mut Cx<'a>, parent: &OpCx, o: &Operation<'a>, n: &Operation<'a>) {
    let parent_label = parent.label.clone().unwrap_or_default();
    for ca in &o.callbacks {
        match n.callbacks.iter().find(|cb| cb.name == ca.name) {
            Some(cb) => lists(
                cx,
                &ca.operations,
                &cb.operations,
                Kind::Callback(&parent_label, ca.name),
            ),
            None => cx.emit(
                &OpCx {
                    receiver: true,
                    ..parent.clone()
                },
                c::CALLBACK_REMOVED,
                Level::Warning,
                format!("callback {} removed", ca.name),
                Some((ca.node, &ca.pointer)),
                None,
                &Target::Nothing,
            ),
        }
    }
    for cb in &n.callbacks {
        if !o.callbacks.iter().any(|ca| ca.name == cb.name) {
            cx.emit(
                &OpCx {
                    receiver: true,
                    ..parent.clone()
                },
                c::CALLBACK_ADDED,
                Level::Info,
                format!("callback {} added", cb.name),
                None,
                Some((cb.node, &cb.pointer)),
                &Target::Nothing,
            );
        }
    }
}

/// Compares one operation present on both sides.
fn pair<'a>(cx: &mut Cx<'a>, kind: Kind<'_>, o: &Operation<'a>, n: &Operation<'a>) {
    let op = kind.op_cx(Some(o), Some(n));
    if o.operation_id != n.operation_id {
        let message = match (o.operation_id, n.operation_id) {
            (Some(a), Some(b)) => format!("operationId `{a}` became `{b}`"),
            (Some(a), None) => format!("operationId `{a}` removed"),
            (None, Some(b)) => format!("operationId `{b}` added"),
            (None, None) => String::new(),
        };
        cx.emit(
            &op,
            c::OPERATION_ID_CHANGED,
            Level::Warning,
            message,
            Some((o.node, &o.pointer)),
            Some((n.node, &n.pointer)),
            &Target::Operation,
        );
    }
    if !o.deprecated && n.deprecated {
        cx.emit(
            &op,
            c::OPERATION_DEPRECATED,
            Level::Warning,
            "operation deprecated".into(),
            Some((o.node, &o.pointer)),
            Some((n.node, &n.pointer)),
            &Target::Nothing,
        );
    }
    let vars = (template_variables(o.path), template_variables(n.path));
    params::compare(cx, &op, o, n, &vars);
    bodies::compare(cx, &op, o, n);
    responses::compare(cx, &op, o, n);
    security::requirements(cx, &op, o, n);
    security::operation_servers(cx, &op, o, n);
    callbacks(cx, &op, o, n);
}
