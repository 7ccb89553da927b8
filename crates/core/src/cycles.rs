//! Reference cycles that make no progress: `A: {$ref: B}`, `B: {$ref: A}`, or the same
//! through `allOf`. Recursion through `properties`, `items` and the like is legal and is
//! not reported.

use std::collections::{HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::load::Origins;
use crate::node::{join, Node};
use crate::source::Span;

struct Edge {
    target: Vec<String>,
    span: Span,
    pointer: String,
}

/// References reached from `node` without entering any data-carrying keyword.
fn no_progress(node: &Node, base: &str, out: &mut Vec<Edge>, depth: usize) {
    if depth > 64 {
        return;
    }
    if let Some(r) = node.get("$ref") {
        if let Some(s) = r.as_str() {
            if let Some(frag) = s.strip_prefix('#') {
                let frag = crate::resolve::percent_decode(frag);
                if let Some(rest) = frag.strip_prefix('/') {
                    out.push(Edge {
                        target: rest.split('/').map(crate::node::unescape_token).collect(),
                        span: r.span,
                        pointer: join(base, "$ref"),
                    });
                } else if frag.is_empty() {
                    out.push(Edge {
                        target: Vec::new(),
                        span: r.span,
                        pointer: join(base, "$ref"),
                    });
                }
            }
        }
    }
    if let Some(items) = node.get("allOf").and_then(Node::as_array) {
        let all = join(base, "allOf");
        for (i, item) in items.iter().enumerate() {
            no_progress(item, &join(&all, &i.to_string()), out, depth + 1);
        }
    }
}

/// Reports every cycle of references that makes no progress.
pub(crate) fn check(
    root: &Node,
    refs: &[crate::load::LocalRef],
    origins: &Origins,
    file_name: &dyn Fn(u32) -> String,
    diags: &mut Vec<Diagnostic>,
) {
    let mut targets: Vec<Vec<String>> = refs.iter().map(|r| r.target.clone()).collect();
    targets.sort();
    targets.dedup();
    let mut edges: HashMap<Vec<String>, Vec<Edge>> = HashMap::new();
    let index = crate::node::PointerIndex::new(root);
    for t in &targets {
        if let Some(n) = index.get(t.iter().map(String::as_str)) {
            let base = t.iter().fold(String::new(), |acc, x| join(&acc, x));
            let mut out = Vec::new();
            no_progress(n, &base, &mut out, 0);
            edges.insert(t.clone(), out);
        }
    }
    // Iterative depth-first search; 1 = on the stack, 2 = done.
    let mut state: HashMap<&Vec<String>, u8> = HashMap::new();
    let mut reported: HashSet<Vec<Vec<String>>> = HashSet::new();
    for start in &targets {
        if state.contains_key(start) {
            continue;
        }
        // (node, index of next edge)
        let mut stack: Vec<(&Vec<String>, usize)> = vec![(start, 0)];
        state.insert(start, 1);
        while let Some(top) = stack.last_mut() {
            let node = top.0;
            let next = top.1;
            top.1 += 1;
            let out = edges.get(node).map_or(&[][..], Vec::as_slice);
            if next >= out.len() {
                state.insert(node, 2);
                stack.pop();
                continue;
            }
            let edge = &out[next];
            let Some((key, _)) = edges.get_key_value(&edge.target) else {
                continue;
            };
            match state.get(key) {
                None => {
                    state.insert(key, 1);
                    stack.push((key, 0));
                }
                Some(1) => {
                    // A cycle: from `key` on the stack to here.
                    let pos = stack.iter().position(|(n, _)| *n == key).unwrap_or(0);
                    let members: Vec<&Vec<String>> = stack[pos..].iter().map(|(n, _)| *n).collect();
                    let mut set: Vec<Vec<String>> = members.iter().map(|m| (*m).clone()).collect();
                    set.sort();
                    if !reported.insert(set) {
                        continue;
                    }
                    let hops: Vec<&Edge> = stack[pos..]
                        .iter()
                        .filter_map(|(n, i)| {
                            edges.get(*n).and_then(|es| es.get(i.saturating_sub(1)))
                        })
                        .collect();
                    let shown = members.len().min(12);
                    let names: Vec<String> = members[..shown]
                        .iter()
                        .chain(std::iter::once(&key))
                        .map(|m| {
                            let ptr = m.iter().fold(String::new(), |acc, x| join(&acc, x));
                            let file = index
                                .get(m.iter().map(String::as_str))
                                .map_or_else(String::new, |n| file_name(n.span.file));
                            format!("{file}#{}", origins.original(&ptr))
                        })
                        .collect();
                    let Some(first) = hops.first() else { continue };
                    let mut d = Diagnostic::error(
                        "ref-cycle",
                        format!(
                            "reference cycle with nothing in between: {}; such a schema can never be resolved",
                            if members.len() > shown {
                                format!("{} -> ... ({} more) -> {}", names[..shown].join(" -> "), members.len() - shown, names[shown])
                            } else {
                                names.join(" -> ")
                            }
                        ),
                    )
                    .at(first.span, origins.original(&first.pointer));
                    for h in hops.iter().skip(1).take(16) {
                        d = d.with_related(
                            h.span,
                            origins.original(&h.pointer),
                            "the cycle continues here",
                        );
                    }
                    diags.push(d);
                }
                _ => {}
            }
        }
    }
}
