//! What was wrong with a message: every violation, where, which rule, and why.

use std::fmt;

/// Which part of the HTTP message a violation is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// The request line: method and path (routing).
    Route,
    /// A path parameter, by name.
    Path(String),
    /// A query parameter, by name.
    Query(String),
    /// A header, by name.
    Header(String),
    /// A cookie, by name.
    Cookie(String),
    /// The body, with a JSON pointer into it (`""` for the whole body).
    Body(String),
    /// The response status.
    Status,
    /// Credentials (security requirements).
    Security,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Route => f.write_str("route"),
            Self::Path(n) => write!(f, "path.{n}"),
            Self::Query(n) => write!(f, "query.{n}"),
            Self::Header(n) => write!(f, "header.{n}"),
            Self::Cookie(n) => write!(f, "cookie.{n}"),
            Self::Body(p) if p.is_empty() => f.write_str("body"),
            Self::Body(p) => write!(f, "body{p}"),
            Self::Status => f.write_str("status"),
            Self::Security => f.write_str("security"),
        }
    }
}

/// One violation of the definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Stable code, such as `param-missing`, `body-schema` or `status-undeclared`.
    pub code: &'static str,
    /// Where in the message.
    pub part: Part,
    /// Human message (may quote values from the message; see [`Violation::masked`]).
    pub message: String,
    /// JSON pointer of the rule in the (normalized) definition, such as
    /// `/components/schemas/Pet/properties/name/type`.
    pub rule: String,
    /// `file:line:column` of the rule in the user's files, when known.
    pub rule_at: Option<String>,
}

impl Violation {
    /// The violation without values from the message in its text.
    #[must_use]
    pub fn masked(&self) -> Self {
        let mut v = self.clone();
        v.message = format!(
            "{} violates {}",
            v.part,
            if v.rule.is_empty() { v.code } else { &v.rule }
        );
        v
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}: {}", self.code, self.part, self.message)?;
        if !self.rule.is_empty() {
            write!(f, " (rule {}", self.rule)?;
            if let Some(at) = &self.rule_at {
                write!(f, " at {at}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// Every violation found in one message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The operation the message was routed to, as `METHOD /template`, when routing succeeded.
    pub operation: Option<std::sync::Arc<str>>,
    /// The violations, in the order they were found.
    pub violations: Vec<Violation>,
}

impl Report {
    /// Whether the message is valid.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// Panics with a readable report when the message is not valid: one line in a test.
    ///
    /// # Panics
    /// When there is at least one violation.
    #[track_caller]
    pub fn assert_valid(&self) {
        assert!(self.is_valid(), "{self}");
    }

    /// The codes of the violations, for assertions.
    #[must_use]
    pub fn codes(&self) -> Vec<&'static str> {
        self.violations.iter().map(|v| v.code).collect()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = self.operation.as_deref().unwrap_or("(no operation)");
        if self.violations.is_empty() {
            return write!(f, "{op}: valid");
        }
        writeln!(f, "{op}: {} violation(s)", self.violations.len())?;
        for v in &self.violations {
            writeln!(f, "  - {v}")?;
        }
        Ok(())
    }
}
