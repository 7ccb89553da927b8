//! Dereferencing: every local `$ref` is replaced by what it names, except where that would
//! never end (recursive schemas), which stay references and are reported.
//!
//! Inlining copies: schemas that each name the next one twice double in size per level, so a
//! few kilobytes would become gigabytes. Like the YAML alias budget of the loader, the nodes
//! that inlining adds are counted, and past the budget the export stops with an error located
//! at the `$ref` being expanded.

use std::collections::HashSet;

use oaskit_core::{Diagnostic, Node, Span, Value};

use crate::loss::Losses;
use crate::ExportError;

/// The default of [`crate::ExportOptions::with_max_dereference_nodes`].
pub const DEFAULT_MAX_DEREFERENCE_NODES: usize = 100_000;

/// The deepest nesting of the dereferenced document: the loader's own nesting limit (deeper
/// output could not be read back), which also bounds the recursion of the walk.
const MAX_DEPTH: usize = 256;

/// The diagnostic code of a dereference that went over its budget.
pub const DEREF_LIMIT: &str = "deref-limit";

struct Deref<'a, 'l, 'o> {
    root: &'a Node,
    /// The references being expanded: (fragment, the `$ref` node's span, its pointer in the
    /// source document), innermost last.
    stack: Vec<(String, Span, String)>,
    on_stack: HashSet<String>,
    reported: HashSet<String>,
    /// Nodes added by inlining so far.
    added: usize,
    limit: usize,
    l: &'l mut Losses<'o>,
}

impl Deref<'_, '_, '_> {
    /// The error for a budget that ran out (or nesting too deep) inside the innermost `$ref`.
    fn over(&self, n: &Node, src: &str, why: String, help: &str) -> Box<Diagnostic> {
        let (span, pointer) = match self.stack.last() {
            Some((_, span, p)) => (*span, p.as_str()),
            None => (n.span, src),
        };
        Box::new(
            Diagnostic::error(DEREF_LIMIT, why)
                .at(span, self.l.origins.original(pointer))
                .with_help(help),
        )
    }

    fn add(&mut self, count: usize, n: &Node, src: &str) -> Result<(), ExportError> {
        if self.stack.is_empty() {
            return Ok(());
        }
        self.added = self.added.saturating_add(count);
        if self.added > self.limit {
            return Err(ExportError::DereferenceNodes {
                limit: self.limit,
                diagnostic: self.over(
                    n,
                    src,
                    format!(
                        "dereferencing adds more than {} nodes (references that name the same \
                         schema several times multiply at every level); nothing was written",
                        self.limit
                    ),
                    "export with the references kept (without --dereference), or raise the \
                     limit with ExportOptions::with_max_dereference_nodes",
                ),
            });
        }
        Ok(())
    }

    fn expand(
        &mut self,
        n: &Node,
        ptr: &str,
        src: &str,
        depth: usize,
    ) -> Result<Node, ExportError> {
        if depth > MAX_DEPTH {
            return Err(ExportError::DereferenceDepth {
                max_depth: MAX_DEPTH,
                diagnostic: self.over(
                    n,
                    src,
                    format!("the dereferenced document nests deeper than {MAX_DEPTH} levels; nothing was written"),
                    "export with the references kept (without --dereference): deeper output \
                     could not be read back",
                ),
            });
        }
        self.add(1, n, src)?;
        match &n.value {
            Value::Object(m) => {
                if let Some(r) = n.ref_str() {
                    if let Some(frag) = r.strip_prefix('#') {
                        let target = self.root.pointer(frag);
                        if let Some(t) = target {
                            if self.on_stack.contains(frag) {
                                if self.reported.insert(frag.to_string()) {
                                    self.l.node(
                                        "recursive-ref-kept",
                                        format!("{r} is recursive and cannot be inlined; it stays a reference"),
                                        n,
                                        ptr,
                                    );
                                }
                                let copy = n.clone();
                                self.add(copy.count().saturating_sub(1), n, src)?;
                                return Ok(copy);
                            }
                            self.stack.push((frag.to_string(), n.span, src.to_string()));
                            self.on_stack.insert(frag.to_string());
                            let out = self.expand(t, ptr, frag, depth + 1);
                            self.on_stack.remove(frag);
                            self.stack.pop();
                            let mut out = out?;
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
                    let child_src = oaskit_core::join_pointer(src, &e.key);
                    let v = if e.key.starts_with("x-") || e.key.as_ref() == "example" {
                        let copy = e.value.clone();
                        self.add(copy.count(), &e.value, &child_src)?;
                        copy
                    } else {
                        self.expand(
                            &e.value,
                            &oaskit_core::join_pointer(ptr, &e.key),
                            &child_src,
                            depth + 1,
                        )?
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
                    let key = i.to_string();
                    out.push(self.expand(
                        x,
                        &oaskit_core::join_pointer(ptr, &key),
                        &oaskit_core::join_pointer(src, &key),
                        depth + 1,
                    )?);
                }
                Ok(Node::new(Value::Array(out), n.span))
            }
            _ => Ok(n.clone()),
        }
    }
}

/// Inlines every local reference of `root` (components stay, for the recursive ones), adding
/// at most `limit` nodes.
pub(crate) fn dereference(
    root: &Node,
    limit: usize,
    l: &mut Losses<'_>,
) -> Result<Node, ExportError> {
    let mut d = Deref {
        root,
        stack: Vec::new(),
        on_stack: HashSet::new(),
        reported: HashSet::new(),
        added: 0,
        limit,
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
            let p = oaskit_core::join_pointer("", &e.key);
            d.expand(&e.value, &p, &p, 1)?
        };
        out.entries.push(oaskit_core::Entry {
            key: e.key.clone(),
            key_span: e.key_span,
            value: v,
        });
    }
    Ok(Node::new(Value::Object(out), root.span))
}
