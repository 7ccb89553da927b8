//! What the test integrations saw: each invalid message as a [`Finding`], kept by a
//! [`Collector`] that a test asserts on at its end.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::{Direction, Report};

/// One message, seen by an integration, that breaks the definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Whether the request or the response broke it.
    pub direction: Direction,
    /// The request's method.
    pub method: String,
    /// The request's URL, as the integration saw it (origin-form on a server, absolute on a
    /// client).
    pub url: String,
    /// The response status, for responses.
    pub status: Option<u16>,
    /// Every violation, with the rule's `file:line:column`.
    pub report: Report,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.direction, self.method, self.url)?;
        if let Some(s) = self.status {
            write!(f, " -> {s}")?;
        }
        write!(f, ": {}", self.report)
    }
}

/// Collects what an integration saw over a test run; clones share one list. Give it to a
/// layer or a middleware, run the tests, then assert on it:
/// [`Collector::assert_no_violations`].
#[derive(Clone, Debug, Default)]
pub struct Collector {
    findings: Arc<Mutex<Vec<Finding>>>,
    checked: Arc<AtomicUsize>,
}

impl Collector {
    /// An empty collector.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The findings so far, in the order they were seen.
    #[must_use]
    pub fn findings(&self) -> Vec<Finding> {
        self.findings.lock().map(|f| f.clone()).unwrap_or_default()
    }

    /// The findings so far, emptying the list (the count of checked messages stays).
    #[must_use]
    pub fn take(&self) -> Vec<Finding> {
        self.findings
            .lock()
            .map(|mut f| std::mem::take(&mut *f))
            .unwrap_or_default()
    }

    /// How many messages (requests and responses) were validated, valid or not.
    #[must_use]
    pub fn checked(&self) -> usize {
        self.checked.load(Ordering::SeqCst)
    }

    /// Panics, listing every finding with its places, unless at least one message was
    /// validated and none broke the definition: "no violations in this run". (A run that
    /// validated nothing fails too: the layer or middleware is not where the test thinks.)
    ///
    /// # Panics
    /// On any finding, or when no message was checked.
    #[track_caller]
    pub fn assert_no_violations(&self) {
        let findings = self.findings();
        let checked = self.checked();
        assert!(
            checked > 0,
            "no message was validated in this run: is the layer or middleware installed?"
        );
        if findings.is_empty() {
            return;
        }
        let mut text = format!(
            "{} of {checked} message(s) break the definition:\n",
            findings.len()
        );
        for f in &findings {
            text.push_str(&format!("{f}\n"));
        }
        panic!("{text}");
    }

    #[cfg(any(feature = "tower", feature = "reqwest"))]
    pub(crate) fn count(&self) {
        self.checked.fetch_add(1, Ordering::SeqCst);
    }

    #[cfg(any(feature = "tower", feature = "reqwest"))]
    pub(crate) fn push(&self, finding: Finding) {
        if let Ok(mut f) = self.findings.lock() {
            f.push(finding);
        }
    }
}

/// What an integration does with what it checks: log, refuse, collect.
#[cfg(any(feature = "tower", feature = "reqwest"))]
#[derive(Clone, Debug)]
pub(crate) struct Policy {
    pub contract: crate::Contract,
    pub log: bool,
    pub reject: bool,
    pub collector: Option<Collector>,
}

#[cfg(any(feature = "tower", feature = "reqwest"))]
impl Policy {
    pub(crate) fn new(contract: crate::Contract, log: bool, reject: bool) -> Self {
        Self {
            contract,
            log,
            reject,
            collector: None,
        }
    }

    /// Counts a checked message, and logs and keeps it when it is invalid. Whether it is.
    pub(crate) fn observe(&self, finding: impl FnOnce() -> Finding, report: &Report) -> bool {
        if let Some(c) = &self.collector {
            c.count();
        }
        if report.is_valid() {
            return true;
        }
        let f = finding();
        if self.log {
            for v in &f.report.violations {
                tracing::warn!(
                    target: "oaskit_validator",
                    direction = %f.direction,
                    method = %f.method,
                    url = %f.url,
                    status = f.status,
                    operation = f.report.operation.as_deref().unwrap_or(""),
                    code = v.code,
                    part = %v.part,
                    rule = %v.rule,
                    rule_at = v.rule_at.as_deref().unwrap_or(""),
                    "{} {} {}: {v}",
                    f.direction,
                    f.method,
                    f.url,
                );
            }
        }
        if let Some(c) = &self.collector {
            c.push(f);
        }
        false
    }
}
