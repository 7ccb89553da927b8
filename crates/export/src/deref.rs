//! Dereferencing: every local `$ref` is replaced by what it names, except where that would
//! never end (recursive schemas), which stay references and are reported.

use std::collections::HashSet;

use oaskit_core::{Node, Value};

use crate::loss::Losses;

/// The most nodes a dereferenced document may have before the export is refused.
pub(crate) const MAX_NODES: usize = 20_000_000;

struct Deref<'a, 'l, 'o> {
    root: &'a Node,
    stack: Vec<String>,
    reported: HashSet<String>,
    nodes: usize,
    l: &'l mut Losses<'o>,
}

impl Deref<'_, '_, '_> {
    fn expand(&mut self, n: &Node, ptr: &str) -> Result<Node, String> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(format!("the dereferenced document would have more than {MAX_NODES} nodes; export it with its references kept"));
        }
        match &n.value {
            Value::Object(m) => {
                if let Some(r) = n.ref_str() {
                    if let Some(frag) = r.strip_prefix('#') {
                        let target = self.root.pointer(frag);
                        if let Some(t) = target {
                            if self.stack.iter().any(|x| x == frag) {
                                if self.reported.insert(frag.to_string()) {
                                    self.l.node(
                                        "recursive-ref-kept",
                                        format!("{r} is recursive and cannot be inlined; it stays a reference"),
                                        n,
                                        ptr,
                                    );
                                }
                                return Ok(n.clone());
                            }
                            self.stack.push(frag.to_string());
                            let mut out = self.expand(t, ptr)?;
                            self.stack.pop();
                            // 3.1: summary/description beside $ref override the target's.
                            if let Some(om) = out.as_object_mut() {
                                for e in &m.entries {
                                    if matches!(e.key.as_ref(), "summary" | "description") {
                                        om.insert(&e.key, e.value.clone());
                                    }
                                }
                            }
                            return Ok(out);
                        }
                    }
                }
                let mut out = oaskit_core::Map::default();
                for e in &m.entries {
                    let v = if e.key.starts_with("x-") || e.key.as_ref() == "example" {
                        e.value.clone()
                    } else {
                        self.expand(&e.value, &oaskit_core::join_pointer(ptr, &e.key))?
                    };
                    out.entries.push(oaskit_core::Entry {
                        key: e.key.clone(),
                        key_span: e.key_span,
                        value: v,
                    });
                }
                Ok(Node::new(Value::Object(out), n.span))
            }
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for (i, x) in a.iter().enumerate() {
                    out.push(self.expand(x, &oaskit_core::join_pointer(ptr, &i.to_string()))?);
                }
                Ok(Node::new(Value::Array(out), n.span))
            }
            _ => Ok(n.clone()),
        }
    }
}

/// Inlines every local reference of `root` (components stay, for the recursive ones).
pub(crate) fn dereference(root: &Node, l: &mut Losses<'_>) -> Result<Node, String> {
    let mut d = Deref {
        root,
        stack: Vec::new(),
        reported: HashSet::new(),
        nodes: 0,
        l,
    };
    // Components themselves are kept as written, so recursive references still resolve.
    let Some(m) = root.as_object() else {
        return Ok(root.clone());
    };
    let mut out = oaskit_core::Map::default();
    for e in &m.entries {
        let v = if matches!(
            e.key.as_ref(),
            "components" | "definitions" | "parameters" | "responses" | "securityDefinitions"
        ) || e.key.starts_with("x-")
        {
            e.value.clone()
        } else {
            d.expand(&e.value, &oaskit_core::join_pointer("", &e.key))?
        };
        out.entries.push(oaskit_core::Entry {
            key: e.key.clone(),
            key_span: e.key_span,
            value: v,
        });
    }
    Ok(Node::new(Value::Object(out), root.span))
}
