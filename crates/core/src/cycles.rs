//! Reference cycles that make no progress: `A: {$ref: B}`, `B: {$ref: A}`, or the same
//! through `allOf`. Recursion through `properties`, `items` and the like is legal and is
//! not reported.

use std::collections::{HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::load::Origins;
use crate::node::{push_token, Node};
use crate::source::Span;

struct Edge<'t> {
    target: Vec<String>,
    span: Span,
    /// The referenced node the edge leaves from, and the `allOf` indexes down to the `$ref`:
    /// the pointer is spelled out only when a cycle is reported.
    base: &'t [String],
    all_of: Vec<usize>,
}

impl Edge<'_> {
    /// The pointer of the `$ref` member.
    fn pointer(&self) -> String {
        let mut p = String::new();
        for t in self.base {
            push_token(&mut p, t);
        }
        for i in &self.all_of {
            push_token(&mut p, "allOf");
            push_token(&mut p, &i.to_string());
        }
        push_token(&mut p, "$ref");
        p
    }
}

/// References reached from `node` without entering any data-carrying keyword.
fn no_progress<'t>(
    node: &Node,
    base: &'t [String],
    all_of: &mut Vec<usize>,
    out: &mut Vec<Edge<'t>>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    let Some(m) = node.as_object() else { return };
    if let Some(r) = m.get("$ref") {
        if let Some(s) = r.as_str() {
            if let Some(frag) = s.strip_prefix('#') {
                let frag = crate::resolve::percent_decode(frag);
                if let Some(rest) = frag.strip_prefix('/') {
                    out.push(Edge {
                        target: rest.split('/').map(crate::node::unescape_token).collect(),
                        span: r.span,
                        base,
                        all_of: all_of.clone(),
                    });
                } else if frag.is_empty() {
                    out.push(Edge {
                        target: Vec::new(),
                        span: r.span,
                        base,
                        all_of: all_of.clone(),
                    });
                }
            }
        }
    }
    if let Some(items) = m.get("allOf").and_then(Node::as_array) {
        for (i, item) in items.iter().enumerate() {
            all_of.push(i);
            no_progress(item, base, all_of, out, depth + 1);
            all_of.pop();
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
    // Every target once, in sorted order (the order the search starts from), borrowed.
    let mut seen: HashSet<&[String]> = HashSet::with_capacity(refs.len() / 4);
    let mut targets: Vec<&[String]> = refs
        .iter()
        .map(|r| &*r.target)
        .filter(|t| seen.insert(t))
        .collect();
    drop(seen);
    targets.sort_unstable();
    // Only targets with a reference out of them can be on a cycle: the others are left out
    // of the graph (an edge into one leads nowhere).
    let mut edges: HashMap<&[String], Vec<Edge>> = HashMap::new();
    let index = crate::node::PointerIndex::new(root);
    let mut all_of = Vec::new();
    targets.retain(|t| {
        let Some(n) = index.get(t.iter().map(String::as_str)) else {
            return false;
        };
        let mut out = Vec::new();
        no_progress(n, t, &mut all_of, &mut out, 0);
        if out.is_empty() {
            return false;
        }
        edges.insert(t, out);
        true
    });
    // Iterative depth-first search; 1 = on the stack, 2 = done.
    let mut state: HashMap<&[String], u8> = HashMap::new();
    let mut reported: HashSet<Vec<Vec<String>>> = HashSet::new();
    for start in &targets {
        if state.contains_key(start) {
            continue;
        }
        // (node, index of next edge)
        let mut stack: Vec<(&[String], usize)> = vec![(start, 0)];
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
            let Some((&key, _)) = edges.get_key_value(edge.target.as_slice()) else {
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
                    let members: Vec<&[String]> = stack[pos..].iter().map(|(n, _)| *n).collect();
                    let mut set: Vec<Vec<String>> = members.iter().map(|m| m.to_vec()).collect();
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
                            let mut ptr = String::new();
                            for x in *m {
                                push_token(&mut ptr, x);
                            }
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
                    .at(first.span, origins.original(&first.pointer()));
                    for h in hops.iter().skip(1).take(16) {
                        d = d.with_related(
                            h.span,
                            origins.original(&h.pointer()),
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

#[cfg(test)]
mod tests {
    /// (message, pointer, related pointers) of the `ref-cycle` findings of `doc`.
    fn cycles(doc: &str) -> Vec<(String, String, Vec<String>)> {
        let l = crate::load_str("c.yaml", doc, &crate::LoadOptions::new());
        l.diagnostics
            .iter()
            .filter(|d| d.code == "ref-cycle")
            .map(|d| {
                let at = d.location.as_ref().map(|x| x.pointer.clone());
                let related = d
                    .related
                    .iter()
                    .map(|r| r.location.pointer.clone())
                    .collect();
                (d.message.clone(), at.unwrap_or_default(), related)
            })
            .collect()
    }

    #[test]
    fn a_cycle_through_all_of_is_located_at_each_ref() {
        let doc = "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    a/b: {allOf: [{type: object}, {$ref: '#/components/schemas/C'}]}
    C: {$ref: '#/components/schemas/a~1b'}
    D: {type: object, properties: {d: {$ref: '#/components/schemas/D'}}}
";
        let found = cycles(doc);
        assert_eq!(found.len(), 1, "{found:?}");
        let (message, at, related) = &found[0];
        // The search starts from the targets in sorted order: `C` before `a/b`.
        assert!(
            message.contains(
                "c.yaml#/components/schemas/C -> c.yaml#/components/schemas/a~1b -> c.yaml#/components/schemas/C;"
            ),
            "{message}"
        );
        assert_eq!(at, "/components/schemas/C/$ref");
        assert_eq!(
            related,
            &["/components/schemas/a~1b/allOf/1/$ref".to_string()]
        );
    }

    #[test]
    fn recursion_through_properties_is_no_cycle() {
        let doc = "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    D: {type: object, properties: {d: {$ref: '#/components/schemas/D'}}}
    E: {$ref: '#/components/schemas/D'}
";
        assert!(cycles(doc).is_empty());
    }
}
