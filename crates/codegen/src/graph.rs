//! Reference cycles between named types, which every backend must break somewhere.

use std::collections::HashSet;

use crate::ir::{Api, TypeKind, TypeRef};

/// Named types a type refers to directly (through nullability only, not through lists or maps).
fn direct(t: &TypeRef, out: &mut Vec<usize>) {
    match t {
        TypeRef::Named(i) => out.push(*i),
        TypeRef::Nullable(x) => direct(x, out),
        _ => {}
    }
}

/// Strongly connected component of every node of `edges` (Tarjan, iterative).
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next = 0;
    let mut ncomp = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*ei) {
                *ei += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = ncomp;
                    if w == v {
                        break;
                    }
                }
                ncomp += 1;
            }
        }
    }
    comp
}

/// The edges of `edges` that lie on a cycle (both ends in one strongly connected component).
fn cyclic(edges: &[Vec<usize>]) -> HashSet<(usize, usize)> {
    let comp = components(edges);
    let mut out = HashSet::new();
    for (v, es) in edges.iter().enumerate() {
        for &w in es {
            if comp[v] == comp[w] {
                out.insert((v, w));
            }
        }
    }
    out
}

/// For every type, the named types it names directly: through struct fields when `fields`,
/// always through union variants and alias targets; only targets `keep` accepts.
fn direct_edges(api: &Api, fields: bool, keep: impl Fn(usize) -> bool) -> Vec<Vec<usize>> {
    api.types
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            match &t.kind {
                TypeKind::Struct { fields: fs, .. } if fields => {
                    fs.iter().for_each(|f| direct(&f.ty, &mut out))
                }
                TypeKind::Union { variants, .. } => {
                    variants.iter().for_each(|(_, v)| direct(v, &mut out))
                }
                TypeKind::Alias(a) => direct(a, &mut out),
                _ => {}
            }
            out.retain(|&j| keep(j));
            out
        })
        .collect()
}

/// (type, target) pairs where a type contains its target directly and both lie on one cycle:
/// languages that store values inline (Rust) must box these.
pub(crate) fn containment_cycles(api: &Api) -> HashSet<(usize, usize)> {
    cyclic(&direct_edges(api, true, |_| true))
}

/// (alias, target) pairs where a type alias or union names another alias or union directly and
/// both lie on one cycle of such names (`A = B | null`, `B = A | string`). TypeScript and mypy
/// reject those aliases, so backends type such a reference as "any value". Cycles through an
/// object type, a list or a map are fine in every language and are not reported.
pub(crate) fn alias_cycles(api: &Api) -> HashSet<(usize, usize)> {
    let is_alias = |i: usize| {
        matches!(
            api.types[i].kind,
            TypeKind::Alias(_) | TypeKind::Union { .. }
        )
    };
    cyclic(&direct_edges(api, false, is_alias))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_only_cycles() {
        // 0 -> 1 -> 2 -> 1, 3 -> 3, 4 -> 0
        let edges = vec![vec![1], vec![2], vec![1], vec![3], vec![0]];
        let c = cyclic(&edges);
        let mut got: Vec<_> = c.into_iter().collect();
        got.sort();
        assert_eq!(got, vec![(1, 2), (2, 1), (3, 3)]);
    }
}
