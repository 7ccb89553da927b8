//! Findings about a document: severity, stable code, message and where they point.

use crate::source::{Sources, Span};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The document is wrong: `oaskit check` fails.
    Error,
    /// Legal but suspicious, or something oaskit had to adapt.
    Warning,
    /// Worth knowing, nothing to fix: reported, but fails nothing (not even
    /// `--fail-on-warnings`). Only a rule configuration gives a finding this level.
    Info,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// A place in the user's files: a span plus the JSON pointer of the node there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// File and byte offset.
    pub span: Span,
    /// JSON pointer (RFC 6901) of the node inside its file, `""` for the root.
    pub pointer: String,
}

/// A secondary place a diagnostic refers to, with a short message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub location: Location,
    /// What is there, for example "first defined here".
    pub message: String,
}

/// One finding. `code` is stable and kebab-case; [`crate::codes::ALL`] lists them all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable identifier such as `path-param-undeclared`.
    pub code: &'static str,
    /// Error, warning or info.
    pub severity: Severity,
    /// One-line human message.
    pub message: String,
    /// The primary location, when the finding has one.
    pub location: Option<Location>,
    /// Other places involved.
    pub related: Vec<Related>,
    /// A hint on how to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new error with code and message and no location yet.
    #[must_use]
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            location: None,
            related: Vec::new(),
            help: None,
        }
    }

    /// A new warning with code and message and no location yet.
    #[must_use]
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    /// Sets the primary location.
    #[must_use]
    pub fn at(mut self, span: Span, pointer: impl Into<String>) -> Self {
        self.location = Some(Location {
            span,
            pointer: pointer.into(),
        });
        self
    }

    /// Adds a related location.
    #[must_use]
    pub fn with_related(
        mut self,
        span: Span,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            location: Location {
                span,
                pointer: pointer.into(),
            },
            message: message.into(),
        });
        self
    }

    /// Sets the help text.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether this is a warning (what `--fail-on-warnings` fails on; an info is not one).
    #[must_use]
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// `file:line:column` of the primary location, if any.
    #[must_use]
    pub fn position(&self, sources: &Sources) -> Option<(String, u32, u32)> {
        let loc = self.location.as_ref()?;
        sources
            .locate(loc.span)
            .map(|(f, l, c)| (f.to_string(), l, c))
    }
}

/// Orders diagnostics by file, position, severity and code, for stable output.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let ka = a.location.as_ref().map(|l| l.span);
        let kb = b.location.as_ref().map(|l| l.span);
        ka.cmp(&kb)
            .then(a.severity.cmp(&b.severity))
            .then(a.code.cmp(b.code))
            .then(a.message.cmp(&b.message))
    });
}
