//! Where `$ref`s may lead: the one gate every file and URL read goes through.
//!
//! The core crate opens nothing by itself: it asks a [`Reader`] for bytes, after the
//! [`Policy`] has allowed the target. By default file references must stay inside the root
//! folder (the entry document's folder unless the caller names another) and remote
//! references are refused. The target is judged before anything is opened.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Reads files and, when a caller supplies one, URLs.
pub trait Reader {
    /// Reads a local file of at most `max` bytes.
    ///
    /// # Errors
    /// The I/O error, or a message when the file is larger than `max`.
    fn read_file(&self, path: &Path, max: usize) -> Result<Vec<u8>, String>;

    /// Fetches a URL of at most `max` bytes. The default refuses: core does no networking.
    ///
    /// # Errors
    /// Always, unless overridden.
    fn fetch(&self, url: &str, max: usize) -> Result<Vec<u8>, String> {
        let _ = max;
        Err(format!("no fetcher is configured to read {url}"))
    }
}

/// Reads local files with `std::fs`, refusing URLs.
#[derive(Clone, Copy, Debug, Default)]
pub struct FsReader;

impl Reader for FsReader {
    fn read_file(&self, path: &Path, max: usize) -> Result<Vec<u8>, String> {
        let f = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let mut buf = Vec::new();
        f.take(max as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| e.to_string())?;
        if buf.len() > max {
            return Err(format!("the file is larger than the limit of {max} bytes"));
        }
        Ok(buf)
    }
}

/// What references may reach.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    pub(crate) root: Option<PathBuf>,
    pub(crate) allow_remote: bool,
    pub(crate) allow_outside_root: bool,
}

impl Policy {
    /// The default: files under the entry document's folder, no remote references.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Confine file references to `root` instead of the entry document's folder.
    #[must_use]
    pub fn with_root(mut self, root: impl Into<PathBuf>) -> Self {
        self.root = Some(root.into());
        self
    }

    /// Allow `http` and `https` references (the reader must be able to fetch).
    #[must_use]
    pub fn with_remote(mut self, allow: bool) -> Self {
        self.allow_remote = allow;
        self
    }

    /// Allow file references anywhere on the file system.
    #[must_use]
    pub fn with_outside_root(mut self, allow: bool) -> Self {
        self.allow_outside_root = allow;
        self
    }
}

/// A document location: a normalized absolute path or a URL.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// A local file.
    File(PathBuf),
    /// A remote document.
    Url(String),
}

/// Why a reference target may not be read.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub code: &'static str,
    pub message: String,
}

fn refuse(code: &'static str, message: String) -> Refusal {
    Refusal { code, message }
}

/// Removes `.` and `..` components without touching the file system.
#[must_use]
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Decodes `%XX` escapes in a URI reference.
#[must_use]
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn scheme(s: &str) -> Option<&str> {
    let i = s.find(':')?;
    let sch = &s[..i];
    (i > 1
        && sch
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        && sch.as_bytes()[0].is_ascii_alphabetic())
    .then_some(sch)
}

fn join_url(base: &str, rel: &str) -> String {
    if rel.starts_with("//") {
        let sch = scheme(base).unwrap_or("https");
        return format!("{sch}:{rel}");
    }
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    let origin = &base[..path_start];
    let base_path = &base[path_start..];
    let joined = if rel.starts_with('/') {
        rel.to_string()
    } else {
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{dir}{rel}")
    };
    let mut segs: Vec<&str> = Vec::new();
    for s in joined.split('/').skip(1) {
        match s {
            "." => {}
            ".." => {
                segs.pop();
            }
            other => segs.push(other),
        }
    }
    format!("{origin}/{}", segs.join("/"))
}

impl Policy {
    /// Turns the file part of a reference, seen from `base`, into a location the policy allows.
    pub(crate) fn target(
        &self,
        base: &Location,
        root: &Path,
        reference: &str,
    ) -> Result<Location, Refusal> {
        match scheme(reference) {
            Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                return self.remote(reference.to_string());
            }
            Some(s) if s.eq_ignore_ascii_case("file") => {
                let rest = &reference[5..];
                let path = rest.strip_prefix("//").map_or(rest, |r| {
                    // file://host/path: only an empty host or localhost is local.
                    let slash = r.find('/').unwrap_or(r.len());
                    &r[slash..]
                });
                return self.file(PathBuf::from(percent_decode(path)), root, reference);
            }
            Some(s) => {
                return Err(refuse(
                    "ref-unsupported",
                    format!("unsupported reference scheme `{s}:` in {reference:?}"),
                ));
            }
            None => {}
        }
        match base {
            Location::Url(u) => self.remote(join_url(u, reference)),
            Location::File(f) => {
                let rel = PathBuf::from(percent_decode(reference));
                let dir = f.parent().unwrap_or(Path::new("/"));
                let joined = if rel.is_absolute() {
                    rel
                } else {
                    dir.join(rel)
                };
                self.file(joined, root, reference)
            }
        }
    }

    fn remote(&self, url: String) -> Result<Location, Refusal> {
        if self.allow_remote {
            Ok(Location::Url(url))
        } else {
            Err(refuse(
                "ref-remote-denied",
                format!("remote reference to {url} refused: remote references are off by default (allow them with --allow-remote)"),
            ))
        }
    }

    fn file(&self, path: PathBuf, root: &Path, as_written: &str) -> Result<Location, Refusal> {
        let path = normalize(&path);
        if self.allow_outside_root {
            return Ok(Location::File(path));
        }
        let outside = || {
            refuse(
                "ref-outside-root",
                format!(
                    "reference {as_written:?} leads outside the root folder {} (to {}); it was not opened. Choose a wider root with --root DIR if this is intended",
                    root.display(),
                    path.display()
                ),
            )
        };
        if !path.starts_with(root) {
            return Err(outside());
        }
        // A symbolic link inside the root may still point outside it.
        if let (Ok(real), Ok(real_root)) = (path.canonicalize(), root.canonicalize()) {
            if !real.starts_with(real_root) {
                return Err(outside());
            }
        }
        Ok(Location::File(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confinement() {
        let p = Policy::new();
        let root = Path::new("/r/spec");
        let base = Location::File(PathBuf::from("/r/spec/a.yaml"));
        assert!(p.target(&base, root, "b.yaml").is_ok());
        assert!(p.target(&base, root, "sub/../b%20c.yaml").is_ok());
        for bad in [
            "../x.yaml",
            "/etc/passwd",
            "file:///etc/passwd",
            "sub/../../x",
        ] {
            assert_eq!(
                p.target(&base, root, bad).unwrap_err().code,
                "ref-outside-root",
                "{bad}"
            );
        }
        assert_eq!(
            p.target(&base, root, "http://169.254.169.254/x")
                .unwrap_err()
                .code,
            "ref-remote-denied"
        );
        assert!(Policy::new()
            .with_remote(true)
            .target(&base, root, "https://h/x")
            .is_ok());
    }

    #[test]
    fn url_joining() {
        assert_eq!(
            join_url("https://h/a/b/c.yaml", "../d.yaml"),
            "https://h/a/d.yaml"
        );
        assert_eq!(
            join_url("https://h/a/c.yaml", "/x.json"),
            "https://h/x.json"
        );
        assert_eq!(percent_decode("a%20b%7Bid%7D"), "a b{id}");
    }
}
