//! What API Gateway does with a construct it does not support, in the words of its
//! documentation.

/// The outcome AWS documents for a construct on import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The import fails: nothing is created (an "error" of the import).
    Fails,
    /// The import goes on and reports a warning (it fails when warnings are made fatal).
    Warning,
    /// Imported, but API Gateway ignores it (the page says "ignored", "doesn't use", or
    /// reports it as import "info").
    Ignored,
    /// Not kept: the page says it is dropped.
    Dropped,
    /// Imported differently from what the definition says.
    Changed,
    /// The page says "not supported" and gives no outcome.
    Unsupported,
}

impl Outcome {
    /// The phrase messages and the README use.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Fails => "import fails",
            Outcome::Warning => "imported with a warning",
            Outcome::Ignored => "ignored on import",
            Outcome::Dropped => "dropped",
            Outcome::Changed => "changed on import",
            Outcome::Unsupported => "not supported (AWS documents no outcome)",
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
