//! Overlays as a step of every oaskit load: [`OverlayHook`] reads each overlay file beside
//! the entry document, applies it before references are bundled and checks run, and records
//! where added and moved nodes came from.

use std::path::PathBuf;

use oaskit_core::{EntryHook, HookContext, Node};

use crate::origin::{moved, Files};

/// Applies overlay files, in order, to the entry document of a load. Add it to the load
/// options with [`oaskit_core::LoadOptions::with_hook`] (or use [`crate::with_overlays`]).
#[derive(Clone, Debug, Default)]
pub struct OverlayHook {
    paths: Vec<PathBuf>,
}

impl OverlayHook {
    /// A hook applying the overlay files `paths`, in order.
    #[must_use]
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Self { paths }
    }

    /// The overlay files.
    #[must_use]
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }
}

impl EntryHook for OverlayHook {
    fn apply(&self, root: &mut Node, cx: &mut HookContext<'_, '_>) {
        if self.paths.is_empty() {
            return;
        }
        let original = root.clone();
        let mut overlays: Vec<(u32, Node)> = Vec::new();
        for path in &self.paths {
            let Some((file, tree)) = cx.read_file(path) else {
                continue;
            };
            match crate::document::parse(&tree, file) {
                Ok(overlay) => {
                    for d in crate::apply::apply(root, &overlay) {
                        cx.report(d);
                    }
                }
                Err(errors) => {
                    for d in errors {
                        cx.report(d);
                    }
                }
            }
            overlays.push((file, tree));
        }
        let mut files = Files::new(
            std::iter::once((0, &original)).chain(overlays.iter().map(|(f, t)| (*f, t))),
        );
        for (pointer, original) in moved(root, &original, &mut files) {
            cx.map_origin(pointer, original);
        }
    }
}
