//! The errors of reading a file or URL ([`ReadError`]) and of parsing a short name such as
//! `openapi-3.1` ([`ParseNameError`]).
//!
//! Every error says what went wrong, not where: the caller names the file or URL it asked for
//! (the loader's diagnostics read `cannot read api.yaml: <the error>`). The path is kept in
//! the variants that have one, for callers that hand the error on.

use std::error::Error;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::net::Denied;

/// Why a [`Reader`](crate::Reader) returned no bytes: a file that could not be read or is
/// not allowed, or a URL that could not be fetched.
///
/// `Display` gives the reason in one line, including the text of the underlying error for
/// [`ReadError::Io`] and [`ReadError::Transport`]; [`Error::source`] returns that error too,
/// so it can be inspected (an [`std::io::ErrorKind`], a client's error type).
///
/// ```
/// use oaskit_core::{read_regular_file, ReadError};
///
/// let dir = std::env::temp_dir();
/// match read_regular_file(&dir, 1024) {
///     Err(ReadError::NotRegularFile { path }) => assert_eq!(path, dir),
///     other => panic!("{other:?}"),
/// }
/// let e = read_regular_file(&dir.join("oaskit-no-such-file"), 1024).unwrap_err();
/// assert!(matches!(&e, ReadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound));
/// assert!(std::error::Error::source(&e).is_some());
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The path names a FIFO, a device, a socket or a folder: only regular files are read.
    NotRegularFile {
        /// The path.
        path: PathBuf,
    },
    /// The file is larger than the limit.
    FileTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size, when known before reading (`None`: it grew past the limit while read).
        len: Option<u64>,
        /// The limit, in bytes.
        max: usize,
    },
    /// The reader cannot fetch URLs (the default of [`Reader::fetch`](crate::Reader::fetch):
    /// core does no networking).
    NoFetcher {
        /// The URL that was asked for.
        url: String,
    },
    /// The address policy ([`crate::net`]) refused the URL before anything was sent.
    Denied(Denied),
    /// The server answered with a status other than 2xx.
    HttpStatus {
        /// The status code.
        status: u16,
        /// Its canonical reason phrase (`Not Found`), when the code has one.
        reason: Option<String>,
    },
    /// The response body is larger than the limit.
    ResponseTooLarge {
        /// The limit, in bytes.
        max: usize,
    },
    /// One fetch did not complete (connect, headers and body) within its time limit.
    Timeout {
        /// The time the fetch was given.
        limit: Duration,
    },
    /// The time allowed for all remote reads of one load was used up before this one began.
    LoadTimeout {
        /// The time allowed for the whole load.
        limit: Duration,
    },
    /// The request failed on the way: name resolution (also when the policy refused a
    /// resolved address), connection, TLS, a refused redirect, a broken body.
    Transport(Box<dyn Error + Send + Sync>),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { source, .. } => write!(f, "{source}"),
            Self::NotRegularFile { .. } => {
                f.write_str("not a regular file (FIFOs, devices and folders are never read)")
            }
            Self::FileTooLarge {
                len: Some(len),
                max,
                ..
            } => write!(
                f,
                "the file has {len} bytes, more than the limit of {max} bytes"
            ),
            Self::FileTooLarge { len: None, max, .. } => {
                write!(f, "the file is larger than the limit of {max} bytes")
            }
            Self::NoFetcher { url } => write!(f, "no fetcher is configured to read {url}"),
            Self::Denied(d) => f.write_str(&d.message),
            Self::HttpStatus { status, reason } => write!(
                f,
                "HTTP status {status} {}",
                reason.as_deref().unwrap_or("<unknown status code>")
            ),
            Self::ResponseTooLarge { max } => {
                write!(f, "the response is larger than the limit of {max} bytes")
            }
            Self::Timeout { limit } => write!(
                f,
                "no complete response within {:.1} s",
                limit.as_secs_f64()
            ),
            Self::LoadTimeout { limit } => write!(
                f,
                "the time for all remote reads of this load ({} s) is used up",
                limit.as_secs()
            ),
            Self::Transport(e) => write_chain(f, e.as_ref()),
        }
    }
}

/// An error followed by each of its causes that it does not already spell out, so that a
/// refusal deep inside an HTTP client (by the resolver, by the redirect policy) is named.
fn write_chain(f: &mut fmt::Formatter<'_>, e: &(dyn Error + 'static)) -> fmt::Result {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cur = s.source();
    }
    f.write_str(&out)
}

impl Error for ReadError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Transport(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

/// A short name that names none of the values of a type: a version such as `openapi-3.1`, an
/// export target, a code generation language. The `FromStr` of each of those returns it.
///
/// ```
/// use oaskit_core::SpecVersion;
///
/// let e = "openapi-9".parse::<SpecVersion>().unwrap_err();
/// assert_eq!((e.kind(), e.input()), ("version", "openapi-9"));
/// assert_eq!(e.to_string(), r#"unknown version "openapi-9""#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseNameError {
    kind: &'static str,
    input: String,
}

impl ParseNameError {
    /// `input` is not the name of any `kind` (`"version"`, `"export target"`, ...).
    #[must_use]
    pub fn new(kind: &'static str, input: impl Into<String>) -> Self {
        Self {
            kind,
            input: input.into(),
        }
    }

    /// What was being named, such as `version`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The text that names nothing.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ParseNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.kind, self.input)
    }
}

impl Error for ParseNameError {}
