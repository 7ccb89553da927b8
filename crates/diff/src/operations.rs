//! Operations of both sides matched by method and path (a path parameter renamed at the same
//! position is the same path), then compared part by part.

use std::collections::{HashMap, HashSet};

use oaskit_core::api::{template_variables, Operation};

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

/// The label of an operation: `GET /pets/{id}`.
pub(crate) fn label(op: &Operation<'_>) -> String {
    format!("{} {}", op.method, op.path)
}

fn ir_key(op: &Operation<'_>) -> Option<(String, String)> {
    op.method.http().map(|m| (m, op.path.to_string()))
}

/// Compares every operation.
pub(crate) fn compare(cx: &mut Cx<'_>) {
    let old_ops: Vec<Operation<'_>> = cx.old.api.operations().to_vec();
    let new_ops: Vec<Operation<'_>> = cx.new.api.operations().to_vec();
    let new_index: HashMap<(String, String), usize> = new_ops
        .iter()
        .enumerate()
        .map(|(i, o)| (key(o), i))
        .collect();
    let old_keys: HashSet<(String, String)> = old_ops.iter().map(key).collect();
    let new_paths: HashSet<String> = new_ops.iter().map(|o| normalized(o.path)).collect();
    let old_paths: HashSet<String> = old_ops.iter().map(|o| normalized(o.path)).collect();
    for o in &old_ops {
        match new_index.get(&key(o)) {
            Some(&i) => pair(cx, o, &new_ops[i]),
            None => {
                let op = OpCx {
                    label: Some(label(o)),
                    keys: (ir_key(o), None),
                };
                let (id, what) = if new_paths.contains(&normalized(o.path)) {
                    (c::OPERATION_REMOVED, "operation removed")
                } else {
                    (c::PATH_REMOVED, "path removed")
                };
                cx.emit(
                    &op,
                    id,
                    Level::Breaking,
                    what.to_string(),
                    Some((o.node, &o.pointer)),
                    None,
                    &Target::Operation,
                );
            }
        }
    }
    for n in &new_ops {
        if old_keys.contains(&key(n)) {
            continue;
        }
        let op = OpCx {
            label: Some(label(n)),
            keys: (None, ir_key(n)),
        };
        let (id, what) = if old_paths.contains(&normalized(n.path)) {
            (c::OPERATION_ADDED, "operation added")
        } else {
            (c::PATH_ADDED, "path added")
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

/// Compares one operation present on both sides.
fn pair<'a>(cx: &mut Cx<'a>, o: &Operation<'a>, n: &Operation<'a>) {
    let op = OpCx {
        label: Some(label(n)),
        keys: (ir_key(o), ir_key(n)),
    };
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
}
