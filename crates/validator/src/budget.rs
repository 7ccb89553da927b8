//! How much schema one value can make the validator evaluate.
//!
//! `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas` and `$ref` apply
//! their subschemas to the same value. When schemas name the same schema more than once
//! through them (with `$ref`s that differ in spelling, or with siblings, so that the translation
//! cannot merge them), the number of evaluations is the number of paths through that graph,
//! which doubles per level for two mentions. [`expansion`] counts those paths, shared work
//! memoized so that counting is linear in the size of the document, and stops counting at the
//! limit.

use std::collections::HashMap;

use serde_json::Value;

/// The keywords that apply a subschema to the value itself (not to a part of it).
fn in_place_children<'v>(doc: &'v Value, v: &'v Value, out: &mut Vec<&'v Value>) {
    let Value::Object(m) = v else { return };
    if let Some(target) = oaskit_core::api::reference::json_ref(v)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|f| oaskit_core::json_pointer(doc, &crate::decode_fragment(f)))
    {
        out.push(target);
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(a)) = m.get(key) {
            out.extend(a.iter());
        }
    }
    for key in ["not", "if", "then", "else"] {
        if let Some(x) = m.get(key) {
            out.push(x);
        }
    }
    if let Some(Value::Object(d)) = m.get("dependentSchemas") {
        out.extend(d.values());
    }
}

/// Memoized counts, shared by every schema of one translated document.
#[derive(Default)]
pub(crate) struct Counter {
    memo: HashMap<*const Value, u64>,
}

impl Counter {
    /// The number of subschemas evaluation may apply to one value for the schema `root_schema`
    /// (a cycle counts once: evaluation stops there or recurses into a part of the value),
    /// saturating at `limit + 1`.
    pub(crate) fn expansion<'v>(
        &mut self,
        doc: &'v Value,
        root_schema: &'v Value,
        limit: u64,
    ) -> u64 {
        // Iterative post-order walk: (node, its children, next child, running total).
        struct Frame<'v> {
            node: *const Value,
            children: Vec<&'v Value>,
            next: usize,
            total: u64,
        }
        let cap = limit.saturating_add(1);
        if let Some(&n) = self.memo.get(&std::ptr::from_ref(root_schema)) {
            return n;
        }
        let mut on_stack: std::collections::HashSet<*const Value> =
            std::collections::HashSet::new();
        let mut stack: Vec<Frame<'v>> = Vec::new();
        let push = |stack: &mut Vec<Frame<'v>>,
                    on_stack: &mut std::collections::HashSet<*const Value>,
                    v: &'v Value| {
            let mut children = Vec::new();
            in_place_children(doc, v, &mut children);
            on_stack.insert(std::ptr::from_ref(v));
            stack.push(Frame {
                node: std::ptr::from_ref(v),
                children,
                next: 0,
                total: 1,
            });
        };
        push(&mut stack, &mut on_stack, root_schema);
        loop {
            let Some(top) = stack.last_mut() else {
                return cap;
            };
            if top.total < cap && top.next < top.children.len() {
                let child = top.children[top.next];
                top.next += 1;
                let key = std::ptr::from_ref(child);
                if let Some(&n) = self.memo.get(&key) {
                    top.total = top.total.saturating_add(n).min(cap);
                } else if on_stack.contains(&key) {
                    top.total = top.total.saturating_add(1).min(cap);
                } else {
                    push(&mut stack, &mut on_stack, child);
                }
                continue;
            }
            let done = stack.pop().expect("a frame");
            on_stack.remove(&done.node);
            self.memo.insert(done.node, done.total);
            match stack.last_mut() {
                Some(parent) => parent.total = parent.total.saturating_add(done.total).min(cap),
                None => return done.total,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_are_counted_once_per_path_and_cycles_once() {
        let doc = json!({
            "a": {"allOf": [{"$ref": "#/b"}, {"$ref": "#/b"}]},
            "b": {"anyOf": [{"$ref": "#/c"}, {"$ref": "#/c"}]},
            "c": {"type": "string", "properties": {"x": {"$ref": "#/a"}}},
            "r": {"allOf": [{"$ref": "#/r"}]}
        });
        let mut c = Counter::default();
        // a, 2 x ({$ref}, b, 2 x ({$ref}, c))
        assert_eq!(c.expansion(&doc, &doc["a"], 1000), 1 + 2 * (2 + 2 * 2));
        assert_eq!(Counter::default().expansion(&doc, &doc["a"], 5), 6);
        assert_eq!(c.expansion(&doc, &doc["r"], 1000), 3);
    }
}
