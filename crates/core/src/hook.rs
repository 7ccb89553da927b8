//! Steps that change the entry document's tree after it is read and before its references are
//! bundled and its checks run: how overlays (the `oaskit-overlay` crate) take part in every load
//! without core knowing about them.
//!
//! A step reads its own files through [`HookContext::read_file`], so they join the load's
//! [`Sources`]: a node it copies from such a file into the tree keeps the span it was read at,
//! and a finding on that node points at that file, line and column. With
//! [`HookContext::map_origin`] the step also tells which pointer of its own file such a node
//! has, so that the finding names that pointer rather than the one in the changed document.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::load::{Origins, Workspace};
use crate::node::Node;
use crate::source::Sources;
use crate::syntax::Limits;

/// A step run on the entry document's tree before bundling and checks (for example the
/// actions of an Overlay). Steps run in the order they were added to the load options.
pub trait EntryHook: std::fmt::Debug + Send + Sync {
    /// Changes `root` in place; reads files and reports findings through `cx`.
    fn apply(&self, root: &mut Node, cx: &mut HookContext<'_, '_>);
}

/// What a [`EntryHook`] can do besides changing the tree: read files, report findings and
/// record where moved or added nodes came from.
pub struct HookContext<'w, 'r> {
    ws: &'w mut Workspace<'r>,
    origins: &'w mut Origins,
}

impl<'w, 'r> HookContext<'w, 'r> {
    pub(crate) fn new(ws: &'w mut Workspace<'r>, origins: &'w mut Origins) -> Self {
        Self { ws, origins }
    }

    /// Reads and parses a file the user named (like the entry document, it is not confined to
    /// the reference root). Returns its index in [`Sources`] and its tree; a file that cannot
    /// be read or parsed gives `None` and a located finding.
    pub fn read_file(&mut self, path: &Path) -> Option<(u32, Node)> {
        let id = self.ws.open_user_file(path)?;
        Some((id, self.ws.take_tree(id)?))
    }

    /// Adds a finding to the load's findings.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.ws.diags.push(diagnostic);
    }

    /// The files read so far (the entry document is file 0).
    #[must_use]
    pub fn sources(&self) -> &Sources {
        &self.ws.sources
    }

    /// The limits of this load.
    #[must_use]
    pub fn limits(&self) -> &Limits {
        &self.ws.limits
    }

    /// Records that the node now at `pointer` of the entry document stands at `original` in
    /// the file its span names, and so does everything below it unless recorded otherwise.
    pub fn map_origin(&mut self, pointer: String, original: String) {
        self.origins.add(pointer, original);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load_str, LoadOptions, Span, Value};

    /// Sets `openapi` and adds a path from nowhere, recording its origin.
    #[derive(Debug)]
    struct Patch;

    impl EntryHook for Patch {
        fn apply(&self, root: &mut Node, cx: &mut HookContext<'_, '_>) {
            let Some(m) = root.as_object_mut() else {
                return;
            };
            m.insert("openapi", Node::string("3.1.0", Span::new(0, 0)));
            m.insert("x-added", Node::new(Value::Bool(true), Span::new(0, 0)));
            cx.map_origin("/x-added".into(), "/somewhere/else".into());
            cx.report(Diagnostic::warning("hooked", "ran").at(Span::new(0, 0), ""));
        }
    }

    #[test]
    fn hooks_run_before_version_detection_and_bundling() {
        let options = LoadOptions::new().with_hook(std::sync::Arc::new(Patch));
        let loaded = load_str(
            "api.yaml",
            "info: {title: t, version: '1'}\npaths: {}\n",
            &options,
        );
        let doc = loaded.document.expect("the hook supplied the version");
        assert_eq!(doc.version(), crate::SpecVersion::OpenApi31);
        assert!(loaded.diagnostics.iter().any(|d| d.code == "hooked"));
        assert_eq!(doc.origins().original("/x-added/a"), "/somewhere/else/a");
        // Without the hook the same text has no version.
        let plain = load_str(
            "api.yaml",
            "info: {title: t, version: '1'}\npaths: {}\n",
            &LoadOptions::new(),
        );
        assert!(plain.document.is_none());
    }
}
