//! Holds the workspace-level tests in `tests/`; no code of its own.
