//! Where each node of a changed document came from: after overlays ran, a node may have been
//! added from an overlay file, copied from elsewhere in the document, or moved up an array by
//! a removal. A finding on it names its own file, line and column through its span; this
//! module finds the pointer it has in that file, so the finding names that pointer too.

use std::collections::HashMap;

use oaskit_core::{join_pointer, Node, Span, Value};

/// The files the nodes of a changed tree may come from: the entry document as it was before
/// the overlays, and each overlay file's tree.
pub struct Files<'a> {
    trees: HashMap<u32, &'a Node>,
    /// Span of every node of a file -> its pointer there, built on first need.
    index: HashMap<u32, HashMap<Span, String>>,
}

impl<'a> Files<'a> {
    /// The files, each as (file id, tree as read).
    #[must_use]
    pub fn new(files: impl IntoIterator<Item = (u32, &'a Node)>) -> Self {
        Self {
            trees: files.into_iter().collect(),
            index: HashMap::new(),
        }
    }

    /// The pointer of the node read at `span` in its file, and that node.
    fn locate(&mut self, span: Span, kind: &Node) -> Option<(String, &'a Node)> {
        let tree = *self.trees.get(&span.file)?;
        let index = self.index.entry(span.file).or_insert_with(|| {
            let mut out = HashMap::new();
            index_tree(tree, &mut String::new(), &mut out);
            out
        });
        let p = index.get(&span)?.clone();
        let node = tree.pointer(&p)?;
        (node.type_name() == kind.type_name()).then_some((p, node))
    }
}

fn index_tree(node: &Node, ptr: &mut String, out: &mut HashMap<Span, String>) {
    // The outermost node at a position wins (a YAML block sequence and its first item can
    // start at the same place only when the item is empty).
    out.entry(node.span).or_insert_with(|| ptr.clone());
    let len = ptr.len();
    match &node.value {
        Value::Object(m) => {
            for e in &m.entries {
                ptr.push('/');
                ptr.push_str(&oaskit_core::escape_token(&e.key));
                index_tree(&e.value, ptr, out);
                ptr.truncate(len);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                ptr.push('/');
                ptr.push_str(&i.to_string());
                index_tree(x, ptr, out);
                ptr.truncate(len);
            }
        }
        _ => {}
    }
}

/// The (pointer in `root`, pointer in the node's own file) pairs needed to name the right
/// pointer for every node of `root` whose place differs from the one it was read at.
/// `original` is the entry document's tree before any change.
#[must_use]
pub fn moved(root: &Node, original: &Node, files: &mut Files<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk(
        root,
        Some(original),
        &mut String::new(),
        "",
        files,
        &mut out,
    );
    out
}

fn walk(
    node: &Node,
    counterpart: Option<&Node>,
    ptr: &mut String,
    orig: &str,
    files: &mut Files<'_>,
    out: &mut Vec<(String, String)>,
) {
    let children: Vec<(String, &Node, Option<&Node>)> = match &node.value {
        Value::Object(m) => m
            .entries
            .iter()
            .map(|e| {
                (
                    e.key.to_string(),
                    &e.value,
                    counterpart.and_then(|c| c.get(&e.key)),
                )
            })
            .collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, x)| {
                (
                    i.to_string(),
                    x,
                    counterpart
                        .and_then(|c| c.as_array())
                        .and_then(|c| c.get(i)),
                )
            })
            .collect(),
        _ => return,
    };
    for (token, child, cp) in children {
        let len = ptr.len();
        ptr.push('/');
        ptr.push_str(&oaskit_core::escape_token(&token));
        let inherited = join_pointer(orig, &token);
        if let Some(cp) = cp.filter(|c| c.span == child.span && c.type_name() == child.type_name())
        {
            walk(child, Some(cp), ptr, &inherited, files, out);
        } else if let Some((real, cp)) = files.locate(child.span, child) {
            if real != inherited {
                out.push((ptr.clone(), real.clone()));
            }
            walk(child, Some(cp), ptr, &real, files, out);
        } else {
            walk(child, None, ptr, &inherited, files, out);
        }
        ptr.truncate(len);
    }
}
