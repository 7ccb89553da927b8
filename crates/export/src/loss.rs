//! Collecting what a conversion could not carry over.

use oaskit_core::{Diagnostic, Node, Origins, Span};

/// Losses and approximations, as warnings that point into the user's files.
pub(crate) struct Losses<'a> {
    pub origins: &'a Origins,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Losses<'a> {
    pub(crate) fn new(origins: &'a Origins) -> Self {
        Self {
            origins,
            diags: Vec::new(),
        }
    }

    /// Reports a loss at `node` (the dropped or approximated node), whose pointer in the
    /// normalized document is `pointer`.
    pub(crate) fn at(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        span: Span,
        pointer: &str,
    ) {
        self.diags
            .push(Diagnostic::warning(code, message).at(span, self.origins.original(pointer)));
    }

    pub(crate) fn node(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        node: &Node,
        pointer: &str,
    ) {
        self.at(code, message, node.span, pointer);
    }
}
